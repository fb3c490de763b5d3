"""The call-centre desk: log through the wizard with a map click, search the register."""

from __future__ import annotations

import time

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsPointXY,
    QgsProject,
    QgsProviderRegistry,
    QgsRectangle,
)
from qgis.gui import QgsMapMouseEvent
from qgis.PyQt.QtCore import QCoreApplication, QEvent, QPoint, Qt
from qgis.PyQt.QtWidgets import QDialogButtonBox
from sqlalchemy import text

import imis_customer_plugin
from imis_customer_plugin.definitions import ConnectionKind
from imis_customer_plugin.gui.dialogs.customer_dialog import CustomerDialog
from imis_customer_plugin.gui.map_tools.locate_tool import LocateMapTool
from imis_customer_plugin.gui.panels.correspondence_list import CorrespondenceListPanel
from imis_customer_plugin.gui.panels.log_panel import LogPanel
from imis_customer_plugin.toolbelt.plugin_settings import DatabaseChoice, save_database_choice

from ..municipality import ORIGIN_X, ORIGIN_Y


@pytest.fixture()
def canvas(qgis_canvas):
    qgis_canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:32734"))
    qgis_canvas.resize(600, 600)
    qgis_canvas.setExtent(
        QgsRectangle(ORIGIN_X - 50, ORIGIN_Y - 50, ORIGIN_X + 250, ORIGIN_Y + 250)
    )
    return qgis_canvas


def _mouse(canvas, kind: QEvent.Type, x: float, y: float) -> QgsMapMouseEvent:
    pixel = canvas.getCoordinateTransform().transform(x, y)
    return QgsMapMouseEvent(canvas, kind, QPoint(round(pixel.x()), round(pixel.y())), Qt.LeftButton)


def _fill_details(panel: LogPanel, category: str, description: str) -> None:
    panel.combo_category.setCurrentIndex(panel.combo_category.findData(category))
    panel.combo_channel.setCurrentIndex(panel.combo_channel.findData("telephone"))
    panel.text_description.setPlainText(description)


def test_log_with_a_click_inside_a_known_parcel(canvas, register_engine) -> None:
    panel = LogPanel(register_engine, canvas)
    _fill_details(panel, "BURST_PIPE", "Water running down the street")
    panel.line_customer.setText("082 123 4567")  # the caller's phone, as he says it
    panel.button_find_customer.click()
    assert panel.combo_customer.currentText().startswith("Thandiwe Mokoena")

    panel.button_pick_on_map.click()
    assert canvas.mapTool() is panel.map_tool
    panel.map_tool.canvasMoveEvent(_mouse(canvas, QEvent.MouseMove, ORIGIN_X + 40, ORIGIN_Y + 60))
    panel.map_tool.highlight_pending()
    assert panel.label_hover.text().startswith("Erf 1001 Mowbray — 11 Main Road")
    panel.map_tool.canvasReleaseEvent(
        _mouse(canvas, QEvent.MouseButtonRelease, ORIGIN_X + 40, ORIGIN_Y + 60)
    )
    assert "Erf 1001" in panel.label_location.text()

    logged: list[int] = []
    panel.logged.connect(logged.append)
    panel.button_save.click()
    assert "Read this reference back to the caller" in panel.label_result.text()
    with register_engine.connect() as connection:
        row = connection.execute(
            text(
                "SELECT c.reference, p.erf_number, cu.full_name, c.status, "
                "ARRAY(SELECT event_type FROM imis.correspondence_event "
                "      WHERE correspondence_id = c.id ORDER BY id) AS events "
                "FROM imis.correspondence AS c JOIN imis.parcel AS p ON p.id = c.parcel_id "
                "JOIN imis.customer AS cu ON cu.id = c.customer_id WHERE c.id = :id"
            ),
            {"id": logged[0]},
        ).one()
    assert row.reference in panel.label_result.text()
    assert (row.erf_number, row.full_name, row.status) == ("1001", "Thandiwe Mokoena", "assigned")
    assert row.events[:2] == ["logged", "locate"]
    panel.button_pick_on_map.click()
    assert canvas.mapTool() is not panel.map_tool


def test_free_point_and_search_by_erf(canvas, register_engine) -> None:
    panel = LogPanel(register_engine, canvas)
    _fill_details(panel, "POTHOLE", "Pothole in the lane")
    panel.line_location.setText("1003")
    panel.button_find_location.click()
    assert panel.list_locations.count() == 1
    panel.list_locations.itemClicked.emit(panel.list_locations.item(0))
    assert "Erf 1003" in panel.label_location.text()
    panel.check_free_point.setChecked(True)
    panel.place_at(
        canvas.getCoordinateTransform().toMapCoordinates(10, 10),
        canvas.mapSettings().destinationCrs(),
    )
    assert panel.label_location.text().startswith("Free point at")


def test_bad_input_keeps_the_form(canvas, register_engine) -> None:
    panel = LogPanel(register_engine, canvas)
    _fill_details(panel, "POTHOLE", "   ")
    panel.line_customer.setText("nobody at all")
    panel.button_save.click()
    assert panel.label_result.text().startswith("Not saved: description:")
    assert panel.button_save.isEnabled()
    assert panel.combo_category.currentData() == "POTHOLE"


def _wait_for_search(panel: CorrespondenceListPanel) -> None:
    done: list[bool] = []
    panel.search_finished.connect(lambda: done.append(True))
    panel.search_in_background()
    deadline = time.monotonic() + 20
    while not done and time.monotonic() < deadline:
        QCoreApplication.processEvents()
    assert done, "the search task did not finish"


def test_register_list_filters_and_pages(register_engine) -> None:
    panel = CorrespondenceListPanel(register_engine)
    panel.combo_status.setCurrentIndex(panel.combo_status.findData(""))
    _wait_for_search(panel)
    with register_engine.connect() as connection:
        total = connection.execute(text("SELECT count(*) FROM imis.correspondence")).scalar()
    while panel.model.canFetchMore():
        panel.model.fetchMore()
    assert panel.model.rowCount() == total
    assert panel.model.headerData(0, Qt.Horizontal) == "Reference"

    panel.line_search.setText("Mokoena")
    panel.combo_category.setCurrentIndex(panel.combo_category.findData("BURST_PIPE"))
    _wait_for_search(panel)
    customers = {panel.model.row_at(i).customer for i in range(panel.model.rowCount())}
    assert customers == {"Thandiwe Mokoena"}
    selected: list[int] = []
    panel.item_selected.connect(selected.append)
    panel.table_results.selectRow(0)
    assert selected == [panel.model.row_at(0).id]


def test_connecting_opens_the_register_and_adds_styled_layers(
    iface, clean_settings, register_settings, register_engine, qgis_new_project
) -> None:
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    uri = f"service='imis' dbname='{register_settings.params['dbname']}'"
    metadata.saveConnection(metadata.createConnection(uri, {}), "Register")
    save_database_choice(DatabaseChoice(ConnectionKind.QGIS_CONNECTION, "Register"))
    plugin = imis_customer_plugin.classFactory(iface)
    plugin.initGui()
    try:
        assert plugin.connection.check_now().usable
        main_panel = plugin.dock.contents.panel_stack.mainPanel()
        assert isinstance(main_panel, CorrespondenceListPanel)
        names = {layer.name() for layer in QgsProject.instance().mapLayers().values()}
        assert "IMIS correspondence" in names
        layer = QgsProject.instance().mapLayersByName("IMIS correspondence")[0]
        with register_engine.connect() as connection:
            located = connection.execute(
                text("SELECT count(*) FROM imis.correspondence WHERE geom IS NOT NULL")
            ).scalar()
        assert layer.isValid()
        shown = {f["reference"] for f in layer.getFeatures() if f.hasGeometry()}
        assert len(shown) == located

        # Log through the dock's wizard with a click inside erf 1002: it is on the layer.
        plugin.list_panel.log_requested.emit()
        wizard = plugin.dock.contents.panel_stack.currentPanel()
        assert isinstance(wizard, LogPanel)
        _fill_details(wizard, "POTHOLE", "Deep pothole at the gate")
        crs = QgsCoordinateReferenceSystem("EPSG:4326")  # the map may use any CRS
        to_map = QgsCoordinateTransform(
            QgsCoordinateReferenceSystem("EPSG:32734"), crs, QgsProject.instance()
        )
        wizard.place_at(to_map.transform(QgsPointXY(ORIGIN_X + 150, ORIGIN_Y + 50)), crs)
        assert "Erf 1002" in wizard.label_location.text()
        wizard.button_save.click()
        reference = wizard.label_result.text().split()[1].rstrip(".")
        layer.dataProvider().reloadData()
        on_layer = [f for f in layer.getFeatures() if f["reference"] == reference]
        assert len(on_layer) == 1 and on_layer[0].hasGeometry()
        wizard.button_pick_on_map.click()
        assert iface.mapCanvas().mapTool() is wizard.map_tool
    finally:
        plugin.unload()
        QgsProject.instance().removeAllMapLayers()
    assert iface.mapCanvas().mapTool() is None or not isinstance(
        iface.mapCanvas().mapTool(), LocateMapTool
    ), "unload left the locate map tool on the canvas"


def test_new_customer_from_the_wizard(canvas, register_engine, monkeypatch) -> None:
    panel = LogPanel(register_engine, canvas)
    typed: list[CustomerDialog] = []

    def fill_and_save(dialog: CustomerDialog) -> int:
        typed.append(dialog)
        dialog.line_full_name.setText("Sipho Dlamini")
        dialog.line_phone.setText("08212")  # too short: refused, the dialog stays
        dialog.button_box.button(QDialogButtonBox.Save).click()
        assert dialog.label_problems.text().startswith("phone: is too short")
        assert dialog.customer_id is None
        dialog.line_phone.setText("083 555 0101")
        dialog.line_email.setText("sipho@mail.example")
        dialog.check_consent.setChecked(True)
        dialog.button_box.button(QDialogButtonBox.Save).click()
        return dialog.result()

    monkeypatch.setattr(CustomerDialog, "exec_", fill_and_save)
    panel.button_new_customer.click()
    customer_id = panel.combo_customer.currentData()
    assert panel.combo_customer.currentText().startswith("Sipho Dlamini")
    with register_engine.connect() as connection:
        row = connection.execute(
            text(
                "SELECT full_name, phone, preferred_channel, consent_to_contact "
                "FROM imis.customer WHERE id = :id"
            ),
            {"id": customer_id},
        ).one()
    assert tuple(row) == ("Sipho Dlamini", "0835550101", "sms", True)
    panel.line_customer.setText("+27 83 555 0101")  # either form of the number finds him
    panel.button_find_customer.click()
    assert panel.combo_customer.currentData() == customer_id
