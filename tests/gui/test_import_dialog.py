"""The import dialog on real PostGIS: Cape Town's wards, a broken customer list, cancelling."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import psycopg2
import pytest
from qgis.core import QgsCoordinateReferenceSystem
from qgis.PyQt.QtCore import QCoreApplication, QEventLoop
from qgis.PyQt.QtWidgets import QDialogButtonBox

from imis_customer_plugin.db.connection import ConnectionSettings
from imis_customer_plugin.gui.dialogs.import_dialog import ImportDialog

pytestmark = [pytest.mark.db, pytest.mark.qgis]

CUSTOMERS_HEADER = "full_name,id_number,phone,email,preferred_channel,consent_to_contact\n"
TIMEOUT_SECONDS = 180


def _count(settings: ConnectionSettings, table: str) -> int:
    connection = psycopg2.connect(settings.dsn())
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM imis.{table}")  # table: a literal of the test
            return cursor.fetchone()[0]
    finally:
        connection.close()


def _wait(dialog: ImportDialog, outcomes: list[str]) -> str:
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while not outcomes and time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.AllEvents, 50)
    assert outcomes, "the import task did not finish"
    assert not dialog.is_running()
    return outcomes[0]


def _import(dialog: ImportDialog, kind: str, path: Path) -> str:
    """Chooses the kind and the file, clicks Import and waits for the task to finish."""
    dialog.select_kind(kind)
    dialog.file_source.setFilePath(str(path))
    outcomes: list[str] = []
    dialog.import_finished.connect(outcomes.append)
    dialog.button_import.click()
    return _wait(dialog, outcomes)


def _close_button(dialog: ImportDialog):
    return dialog.button_box.button(QDialogButtonBox.Close)


def test_cape_town_wards_through_the_dialog(qgis_app, db, capetown) -> None:
    dialog = ImportDialog(db)
    imported: list[str] = []
    dialog.imported.connect(imported.append)
    assert _import(dialog, "wards", capetown["wards.gpkg"]) == "imported"
    assert imported == ["wards"]
    assert _count(db, "ward") == 116
    result = dialog.text_result.toPlainText()
    assert result.startswith("116 wards imported from 116 rows")
    assert dialog.progress_import.value() == 100
    assert dialog.button_import.isEnabled()
    assert not dialog.button_cancel_import.isEnabled()

    # The same file again is refused; the dialog stays usable and says why.
    assert _import(dialog, "wards", capetown["wards.gpkg"]) == "rejected"
    assert "is already in the register" in dialog.text_result.toPlainText()
    assert imported == ["wards"]
    assert _count(db, "ward") == 116


def test_shapefile_without_crs_takes_the_crs_chosen_in_the_dialog(
    qgis_app, db, capetown, tmp_path
) -> None:
    for part in capetown["wards.shp"].parent.glob("wards.*"):
        if part.suffix != ".prj":
            shutil.copy(part, tmp_path / part.name)
    dialog = ImportDialog(db)
    assert _import(dialog, "wards", tmp_path / "wards.shp") == "rejected"
    assert "has no coordinate reference system" in dialog.text_result.toPlainText()
    assert _count(db, "ward") == 0

    dialog.crs_source.setCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    assert dialog.source_epsg() == 4326
    assert _import(dialog, "wards", tmp_path / "wards.shp") == "imported"
    assert _count(db, "ward") == 116


def test_broken_customer_list_lists_every_problem_and_writes_nothing(
    qgis_app, db, tmp_path
) -> None:
    path = tmp_path / "customers.csv"
    path.write_text(
        CUSTOMERS_HEADER
        + "Good Person,8001015009087,0821234567,good@example.org,sms,yes\n"  # 2
        + ",8201015009089,,,,\n"  # 3: no name
        + "Short Phone,,12345,,,\n"  # 4
        + "Bad Mail,,,not-an-email,,\n"  # 5
        + "Twin,8001015009087,,,,\n",  # 6: same ID as line 2
        encoding="utf-8",
    )
    dialog = ImportDialog(db)
    imported: list[str] = []
    dialog.imported.connect(imported.append)
    assert _import(dialog, "customers", path) == "rejected"
    result = dialog.text_result.toPlainText()
    assert result.startswith("Nothing was imported")
    assert "4 problem(s), nothing was imported." in result
    for expected in (
        "Line 3, field 'full_name': is required but empty",
        "Line 4, field 'phone': is too short: 5 digits, at least 9 are needed",
        "Line 5, field 'email': 'not-an-email' is not an e-mail address",
        "Line 6, field 'id_number': '8001015009087' is already on line 2 of this file",
    ):
        assert expected in result
    assert imported == []
    assert _count(db, "customer") == 0
    assert dialog.button_import.isEnabled(), "the user must be able to fix the file and retry"
    assert dialog.isEnabled()


@pytest.mark.parametrize("when", ["at once", "while running"])
def test_cancelling_the_parcels_import_writes_nothing(qgis_app, db, capetown, when) -> None:
    dialog = ImportDialog(db)
    dialog.select_kind("parcels")
    dialog.file_source.setFilePath(str(capetown["parcels.gpkg"]))
    outcomes: list[str] = []
    dialog.import_finished.connect(outcomes.append)
    dialog.button_import.click()
    assert dialog.is_running()
    assert not dialog.button_import.isEnabled()
    assert not _close_button(dialog).isEnabled()
    assert dialog.button_cancel_import.isEnabled()
    if when == "while running":  # the service itself notices and rolls back
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while dialog.progress_import.value() == 0 and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.AllEvents, 10)
        assert dialog.is_running(), "the import finished before it could be cancelled"
    dialog.button_cancel_import.click()
    assert _wait(dialog, outcomes) == "cancelled"
    assert dialog.text_result.toPlainText() == "Import cancelled; nothing was imported."
    assert _count(db, "parcel") == 0
    assert _count(db, "parcel_address") == 0
    assert dialog.button_import.isEnabled()
    assert _close_button(dialog).isEnabled()
    assert not dialog.button_cancel_import.isEnabled()


def test_csv_kinds_hide_the_map_layer_options(qgis_app) -> None:
    dialog = ImportDialog(ConnectionSettings.from_service("imis"))
    labels = [dialog.combo_kind.itemText(i) for i in range(dialog.combo_kind.count())]
    assert labels == [
        "Wards",
        "Suburbs",
        "Municipal boundary",
        "Land parcels",
        "Customers (CSV)",
        "Accounts (CSV)",
    ]
    for kind in ("wards", "suburbs", "boundary", "parcels"):
        dialog.select_kind(kind)
        assert dialog.group_spatial.isVisibleTo(dialog)
        assert "*.gpkg" in dialog.file_source.filter()
        assert "*.shp" in dialog.file_source.filter()
        assert "*.geojson" in dialog.file_source.filter()
    for kind in ("customers", "accounts"):
        dialog.select_kind(kind)
        assert not dialog.group_spatial.isVisibleTo(dialog)
        for widget in (dialog.line_layer, dialog.crs_source, dialog.check_repair):
            assert not widget.isVisibleTo(dialog)
        assert dialog.file_source.filter().startswith("CSV files (*.csv")
        assert "*.gpkg" not in dialog.file_source.filter()


def test_no_file_or_a_missing_file_is_said_before_anything_starts(qgis_app, tmp_path) -> None:
    dialog = ImportDialog(ConnectionSettings.from_service("imis"))
    assert dialog.source_epsg() is None  # "none" until the user picks a CRS
    dialog.select_kind("customers")
    dialog.button_import.click()
    assert not dialog.is_running()
    assert dialog.text_result.toPlainText() == "Choose the file to import first."
    dialog.file_source.setFilePath(str(tmp_path / "gone.csv"))
    dialog.button_import.click()
    assert not dialog.is_running()
    assert "There is no file" in dialog.text_result.toPlainText()
