"""The reports end to end on a Demo City (a year of real-shaped history on real PostGIS):
PDF, XLSX and CSV from reports.runner, the Processing algorithms (processing.run and the
headless qgis_process), and the Reports menu running a report in a QgsTask."""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from qgis.core import QgsApplication, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, QEventLoop
from sqlalchemy import text
from sqlalchemy.engine import Engine

from imis_customer_plugin.core.reports import ReportFilter
from imis_customer_plugin.db import migrate
from imis_customer_plugin.db.connection import ConnectionSettings, create_db_engine
from imis_customer_plugin.gui.dialogs.report_dialog import preset_period
from imis_customer_plugin.gui.reports_menu import ReportsMenu
from imis_customer_plugin.layers.hotspots import table_name
from imis_customer_plugin.processing.provider import PROVIDER_ID, ImisProcessingProvider
from imis_customer_plugin.reports.request import HotspotOptions, ReportRequest, Targets
from imis_customer_plugin.reports.runner import ReportCancelledError, run_report
from imis_customer_plugin.services.demo_data import load_demo_data

pytestmark = pytest.mark.db

AS_OF = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.timezone.utc)
OCTOBER = ReportFilter(dt.date(2026, 10, 1), dt.date(2026, 11, 1))
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo(database_factory) -> Iterator[tuple[ConnectionSettings, Engine]]:
    settings = database_factory()
    engine = create_db_engine(settings)
    migrate.upgrade(engine)
    load_demo_data(settings, "small", seed=2026, as_of=AS_OF)
    yield settings, engine
    engine.dispose()


def _text(pdf: Path) -> str:
    assert shutil.which("pdftotext"), "pdftotext missing: run scripts/install_system_packages.sh"
    shown = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return shown.replace("\ufb01", "fi").replace("\ufb02", "fl")  # the font's ligatures


@pytest.mark.parametrize("kind", ["progress", "performance", "trends", "hotspots"])
def test_each_report_writes_its_pdf_and_every_table_as_xlsx_and_csv(demo, kind, tmp_path) -> None:
    _, engine = demo
    targets = Targets.in_folder(tmp_path, kind, OCTOBER, ("pdf", "xlsx", "csv"))
    hotspot = HotspotOptions(cell_size=150.0)
    output = run_report(engine, ReportRequest(kind, OCTOBER, targets, hotspot))
    report = output.report
    assert targets.pdf in output.files and targets.xlsx in output.files
    shown = " ".join(_text(targets.pdf).split())
    assert report.title in shown
    for line in report.header_lines():  # what was filtered, when, from which database
        assert " ".join(line.split()) in shown
    for table in report.tables:
        assert table.title[:40] in shown
    assert "page 1 of" in shown
    workbook = load_workbook(targets.xlsx, read_only=True)
    assert len(workbook.sheetnames) == len(report.tables) + 1  # a cover sheet first
    csv_files = sorted(targets.csv_folder.glob("*.csv"))
    assert len(csv_files) == len(report.tables)
    for table in report.tables:
        with (targets.csv_folder / f"{table.key}.csv").open(encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        assert tuple(rows[0]) == table.columns and len(rows) == len(table.rows) + 1
    if kind in ("trends", "hotspots"):  # the map page: a legend and a scale bar
        assert "Legend" in shown and " m" in shown


def test_hotspots_per_category_write_one_styled_table_each(demo, tmp_path) -> None:
    _, engine = demo
    targets = Targets.in_folder(tmp_path, "hotspots", OCTOBER, ("pdf",))
    request = ReportRequest("hotspots", OCTOBER, targets, HotspotOptions(150.0, True))
    output = run_report(engine, request)
    assert len(output.hotspots) > 2 and output.hotspots[0].category_code == ""
    assert {r.category_code for r in output.hotspots[1:]} <= {
        code for (code,) in _rows(engine, "SELECT code FROM imis.category")
    }
    for result in output.hotspots:
        layer = QgsVectorLayer(f"{targets.layer}|layername={table_name(result)}", "t", "ogr")
        assert layer.isValid() and layer.featureCount() == len(result)
        assert layer.renderer().type() == "categorizedSymbol"  # the style came with the file
    per_category = output.report.table("hotspots_per_category")
    assert [row[0] for row in per_category.rows] == [r.category_code for r in output.hotspots[1:]]
    assert sum(row[1] for row in per_category.rows) == output.hotspots[0].items


def _rows(engine: Engine, query: str) -> list:
    with engine.connect() as connection:
        return connection.execute(text(query)).all()


class _CancelAfter:
    def __init__(self, percent: float) -> None:
        self.percent = percent
        self.seen = 0.0

    def setProgress(self, progress: float) -> None:
        self.seen = progress

    def isCanceled(self) -> bool:
        return self.seen >= self.percent


def test_a_cancelled_report_leaves_no_files(demo, tmp_path) -> None:
    _, engine = demo
    targets = Targets.in_folder(tmp_path, "progress", OCTOBER, ("pdf", "xlsx", "csv"))
    with pytest.raises(ReportCancelledError):
        run_report(engine, ReportRequest("progress", OCTOBER, targets), _CancelAfter(80))
    assert not targets.pdf.exists() and not targets.xlsx.exists()


def test_a_report_cancelled_after_its_csv_files_leaves_none_of_them(demo, tmp_path) -> None:
    _, engine = demo
    folder = tmp_path / "csv"
    cancelled = _CancelAfter(90)  # at the last step, once the CSV files are written
    with pytest.raises(ReportCancelledError):
        run_report(
            engine, ReportRequest("progress", OCTOBER, Targets(csv_folder=folder)), cancelled
        )
    assert cancelled.seen == 92 and not list(folder.iterdir())  # progress_report.txt too


def test_an_unwritable_target_is_a_clear_error_and_writes_nothing(demo, tmp_path) -> None:
    _, engine = demo
    blocked = tmp_path / "a_file"
    blocked.write_text("not a folder")
    targets = Targets(pdf=blocked / "report.pdf")
    with pytest.raises(OSError, match="report"):
        run_report(engine, ReportRequest("progress", OCTOBER, targets))
    assert blocked.read_text() == "not a folder"


@pytest.fixture()
def provider(qgis_processing) -> Iterator[ImisProcessingProvider]:
    provider = ImisProcessingProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    yield provider
    QgsApplication.processingRegistry().removeProvider(provider)


def test_the_processing_algorithms_run_through_processing_run(demo, provider, tmp_path) -> None:
    import processing  # noqa: PLC0415 - only once pytest-qgis has initialised Processing

    settings, _ = demo
    common = {"DATABASE": settings.dsn(), "START": "2026-10-01", "END": "2026-10-31"}
    result = processing.run(
        f"{PROVIDER_ID}:progress_report",
        {**common, "DEPARTMENTS": "WATER", "OUTPUT_PDF": str(tmp_path / "progress.pdf")},
    )
    assert Path(result["OUTPUT_PDF"]).is_file()
    assert "Departments: WATER" in " ".join(_text(tmp_path / "progress.pdf").split())
    result = processing.run(
        f"{PROVIDER_ID}:hotspots",
        {**common, "CELL_SIZE": 150, "OUTPUT": "memory:", "OUTPUT_PDF": None},
    )
    layer = result["OUTPUT"]
    assert layer.featureCount() > 30 and "gi_z" in layer.fields().names()


def test_bad_processing_input_is_refused_with_a_sentence(demo, provider, tmp_path) -> None:
    import processing  # noqa: PLC0415
    from qgis.core import QgsProcessingException  # noqa: PLC0415

    settings, _ = demo
    with pytest.raises(QgsProcessingException, match="ZZZ"):
        processing.run(
            f"{PROVIDER_ID}:trends_report",
            {"DATABASE": settings.dsn(), "START": "2026-10-01", "END": "2026-10-31",
             "CATEGORIES": "ZZZ", "OUTPUT_PDF": str(tmp_path / "t.pdf")},
        )  # fmt: skip
    with pytest.raises(QgsProcessingException, match="period"):
        processing.run(
            f"{PROVIDER_ID}:progress_report",
            {"DATABASE": settings.dsn(), "START": "2026-10-31", "END": "2026-10-01",
             "OUTPUT_PDF": str(tmp_path / "p.pdf")},
        )  # fmt: skip
    assert not (tmp_path / "t.pdf").exists() and not (tmp_path / "p.pdf").exists()


def test_qgis_process_runs_a_report_headless(demo, tmp_path) -> None:
    """As a scheduled monthly report on a server would: the plugin's provider in qgis_process."""
    executable = shutil.which("qgis_process.bin") or shutil.which("qgis_process")
    assert executable, "qgis_process missing: run scripts/install_system_packages.sh"
    settings, _ = demo
    site = next(p for p in sys.path if p.endswith("site-packages") and str(REPO) in p)
    env = {
        **os.environ,
        "QGIS_PLUGINPATH": str(REPO),
        "QGIS_CUSTOM_CONFIG_PATH": str(tmp_path / "profile"),
        "PYTHONPATH": os.pathsep.join([site, str(REPO)]),
        "QT_QPA_PLATFORM": "offscreen",
    }
    enabled = subprocess.run(
        [executable, "plugins", "enable", "imis_customer_plugin"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert enabled.returncode == 0, enabled.stdout + enabled.stderr
    pdf = tmp_path / "monthly.pdf"
    run = subprocess.run(
        [executable, "run", f"{PROVIDER_ID}:progress_report", "--",
         f"DATABASE={settings.dsn()}", "START=2026-10-01", "END=2026-10-31",
         f"OUTPUT_PDF={pdf}"],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Progress report" in _text(pdf)


def test_the_reports_menu_makes_a_report_in_a_task_and_opens_it(
    demo, iface, tmp_path, monkeypatch
) -> None:
    settings, engine = demo
    opened = []
    monkeypatch.setattr(
        "imis_customer_plugin.gui.reports_menu.QDesktopServices.openUrl",
        lambda url: opened.append(url.toLocalFile()),
    )  # no PDF viewer on a test machine
    menu = ReportsMenu(iface, lambda: (engine, settings))
    names = [action.objectName() for action in menu.menu.actions()]
    assert names[0] == "ImisCustomerAction_report_progress" and len(names) == 4
    dialog = menu.ask("trends")
    dialog.combo_preset.setCurrentIndex(dialog.combo_preset.findData("custom"))
    dialog.date_from.setDate(dialog.date_from.date().fromString("2026-10-01", "yyyy-MM-dd"))
    dialog.date_to.setDate(dialog.date_to.date().fromString("2026-10-31", "yyyy-MM-dd"))
    dialog.file_folder.setFilePath(str(tmp_path))
    dialog.check_xlsx.setChecked(True)
    dialog.accept()
    deadline = time.monotonic() + 120
    while menu.tasks and time.monotonic() < deadline:  # the task runs on QGIS's task manager
        QCoreApplication.processEvents(QEventLoop.AllEvents, 50)
    assert not menu.tasks, "the report task did not finish in two minutes"
    pdf = tmp_path / "imis_trends_20261001-20261031.pdf"
    assert opened == [str(pdf)] and pdf.is_file()
    assert (tmp_path / "imis_trends_20261001-20261031.xlsx").is_file()


def test_the_dialog_refuses_a_reversed_period_and_a_missing_folder(demo, iface, tmp_path) -> None:
    settings, engine = demo
    dialog = ReportsMenu(iface, lambda: (engine, settings)).ask("progress")
    dialog.combo_preset.setCurrentIndex(dialog.combo_preset.findData("custom"))
    dialog.date_from.setDate(dialog.date_to.date().addDays(5))
    dialog.file_folder.setFilePath(str(tmp_path))
    dialog.accept()
    assert dialog.isVisible() and "period" in dialog.label_problem.text()
    dialog.date_from.setDate(dialog.date_to.date().addDays(-5))
    dialog.file_folder.setFilePath(str(tmp_path / "missing"))
    dialog.accept()
    assert dialog.isVisible() and "folder" in dialog.label_problem.text()


def test_the_menu_asks_to_connect_first(iface) -> None:
    assert ReportsMenu(iface, lambda: None).ask("progress") is None
    assert "Connect" in iface.messageBar().currentItem().text()


@pytest.mark.parametrize(
    ("preset", "today", "period"),
    [
        ("last_month", dt.date(2026, 1, 15), (dt.date(2025, 12, 1), dt.date(2026, 1, 1))),
        ("this_month", dt.date(2026, 3, 9), (dt.date(2026, 3, 1), dt.date(2026, 3, 10))),
        ("last_quarter", dt.date(2026, 2, 28), (dt.date(2025, 11, 1), dt.date(2026, 2, 1))),
        ("last_year", dt.date(2026, 11, 22), (dt.date(2025, 11, 1), dt.date(2026, 11, 1))),
    ],
)
def test_period_presets(preset, today, period) -> None:
    assert preset_period(preset, today) == period


def test_the_same_hotspot_report_twice_writes_two_layers(demo, tmp_path) -> None:
    """A second run of the same report must neither hang on nor overwrite the first file
    (its layer may be on the user's map)."""
    _, engine = demo
    layers = []
    for _ in range(2):
        targets = Targets.in_folder(tmp_path / "new", "hotspots", OCTOBER, ("pdf",))
        run_report(engine, ReportRequest("hotspots", OCTOBER, targets, HotspotOptions(150.0)))
        layers.append(targets.layer)
        time.sleep(1.1)  # the files are named by the second they were made
    assert layers[0] != layers[1] and all(path.is_file() for path in layers)
