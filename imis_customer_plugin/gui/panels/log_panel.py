"""Log wizard: step 1 who and what, step 2 where (map click, free point or erf/address/account).

Save logs and locates in one transaction and shows the reference to read back to the caller.
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsCoordinateReferenceSystem, QgsPointXY
from qgis.gui import QgsMapCanvas, QgsPanelWidget
from qgis.PyQt import uic
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QWidget,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from ...core.correspondence import NewCorrespondence
from ...core.errors import ImisError
from ...core.workflow import Channel, Classification
from ...services import intake, locate, reference, search
from ..dialogs.customer_dialog import CustomerDialog
from ..map_tools.locate_tool import LocateMapTool

FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_suffix(".ui")))


class LogPanel(QgsPanelWidget, FORM_CLASS):
    logged = pyqtSignal(int)  # id of the new correspondence

    line_customer: QLineEdit
    button_find_customer: QToolButton
    button_new_customer: QToolButton
    combo_customer: QComboBox
    combo_category: QComboBox
    combo_classification: QComboBox
    combo_channel: QComboBox
    text_description: QPlainTextEdit
    button_pick_on_map: QToolButton
    check_free_point: QCheckBox
    label_hover: QLabel
    line_location: QLineEdit
    button_find_location: QToolButton
    list_locations: QListWidget
    label_location: QLabel
    button_save: QPushButton
    label_result: QLabel

    def __init__(self, engine: Engine, canvas: QgsMapCanvas, parent: QWidget | None = None):
        super().__init__(parent)
        self.setupUi(self)
        self.setPanelTitle(self.tr("Log correspondence"))
        self._engine = engine
        self._canvas = canvas
        self._location: intake.Location = None
        self._previous_tool = None
        self.map_tool = LocateMapTool(canvas, self._parcel_under)
        self._fill_choices()
        self.button_find_customer.clicked.connect(self.find_customers)
        self.line_customer.returnPressed.connect(self.find_customers)
        self.button_new_customer.clicked.connect(self.new_customer)
        self.button_pick_on_map.toggled.connect(self._toggle_map_tool)
        self.map_tool.picked.connect(self.place_at)
        self.map_tool.hovered.connect(self.label_hover.setText)
        self.button_find_location.clicked.connect(self.find_locations)
        self.line_location.returnPressed.connect(self.find_locations)
        self.list_locations.itemActivated.connect(self._choose_parcel)
        self.list_locations.itemClicked.connect(self._choose_parcel)
        self.button_save.clicked.connect(self.save)
        self.panelAccepted.connect(self._discard_map_tool)

    def _fill_choices(self) -> None:
        self.combo_customer.addItem(self.tr("Anonymous"), None)
        with self._engine.connect() as connection:
            for choice in reference.categories(connection):
                self.combo_category.addItem(choice.name, choice.code)
        self.combo_classification.addItem(self.tr("As the category says"), None)
        for classification in Classification:
            self.combo_classification.addItem(classification.value.title(), classification.value)
        for channel in Channel:
            self.combo_channel.addItem(channel.value.replace("_", "-").title(), channel.value)

    def find_customers(self) -> None:
        with self._engine.connect() as connection:
            hits = search.find_customers(connection, self.line_customer.text())
        self.combo_customer.clear()
        self.combo_customer.addItem(self.tr("Anonymous"), None)
        for hit in hits:
            self.combo_customer.addItem(hit.label(), hit.id)
        if hits:
            self.combo_customer.setCurrentIndex(1)
        else:
            self.label_result.setText(self.tr("No customer found; the item can be anonymous."))

    def new_customer(self) -> None:
        dialog = CustomerDialog(self._engine, self)
        if dialog.exec_() and dialog.customer_id is not None:
            self.combo_customer.addItem(dialog.label(), dialog.customer_id)
            self.combo_customer.setCurrentIndex(self.combo_customer.count() - 1)

    # --- step 2 -----------------------------------------------------------------------

    def _parcel_under(self, x: float, y: float, srid: int) -> tuple[str, str] | None:
        with self._engine.connect() as connection:
            hit = locate.find_parcel_at(connection, x, y, srid)
            if hit is None:
                return None
            return _describe(hit), locate.parcel_outline(connection, hit.parcel_id, srid)

    def _toggle_map_tool(self, active: bool) -> None:
        if active:
            self._previous_tool = self._canvas.mapTool()
            self._canvas.setMapTool(self.map_tool)
        else:
            self._release_map_tool()

    def _release_map_tool(self) -> None:
        if self._canvas.mapTool() is self.map_tool:
            self._canvas.unsetMapTool(self.map_tool)
            if self._previous_tool is not None:
                self._canvas.setMapTool(self._previous_tool)

    def _discard_map_tool(self) -> None:
        """The panel is closing: nothing of its map tool may stay on the canvas."""
        self._release_map_tool()
        self.map_tool.remove_band()
        self.map_tool.deleteLater()

    def place_at(self, point: QgsPointXY, crs: QgsCoordinateReferenceSystem) -> None:
        srid = int(crs.postgisSrid())
        free = self.check_free_point.isChecked()
        self._location = intake.MapPoint(point.x(), point.y(), srid, free)
        if free:
            self.label_location.setText(
                self.tr("Free point at {x:.1f}, {y:.1f} ({crs})").format(
                    x=point.x(), y=point.y(), crs=crs.authid()
                )
            )
            return
        with self._engine.connect() as connection:
            hit = locate.find_parcel_at(connection, point.x(), point.y(), srid)
        if hit is None:
            self._location = None
            self.label_location.setText(
                self.tr("No parcel there. Click on a parcel, or tick 'Free point'.")
            )
        else:
            self.label_location.setText(self.tr("Parcel: {0}").format(_describe(hit)))

    def find_locations(self) -> None:
        self.list_locations.clear()
        words = self.line_location.text()
        with self._engine.connect() as connection:
            hits = locate.search_parcels(connection, words)
        for hit in hits:
            item = QListWidgetItem(_describe(hit))
            item.setData(Qt.UserRole, hit.parcel_id)
            self.list_locations.addItem(item)
        if not hits:
            self.label_location.setText(self.tr("Nothing matches '{0}'.").format(words))

    def _choose_parcel(self, item: QListWidgetItem) -> None:
        self._location = intake.ParcelChoice(int(item.data(Qt.UserRole)))
        self.label_location.setText(self.tr("Parcel: {0}").format(item.text()))

    # --- save -------------------------------------------------------------------------

    def request(self) -> NewCorrespondence:
        return NewCorrespondence(
            category_code=self.combo_category.currentData() or "",
            channel=self.combo_channel.currentData(),
            description=self.text_description.toPlainText(),
            classification=self.combo_classification.currentData(),
            customer_id=self.combo_customer.currentData(),
            is_internal=self.combo_channel.currentData() == Channel.INTERNAL.value,
        )

    def save(self) -> None:
        """All or nothing: on an error the form keeps everything the user entered."""
        try:
            with self._engine.begin() as connection:
                result = intake.log_and_locate(connection, self.request(), self._location)
        except ImisError as error:
            self.label_result.setText(self.tr("Not saved: {0}").format(error))
            return
        except SQLAlchemyError as error:  # refused by the database (rights, connection)
            detail = getattr(error, "orig", error)
            self.label_result.setText(
                self.tr("Not saved: the database refused it: {0}").format(detail)
            )
            return
        state = getattr(result, "state", result)
        repeat = getattr(result, "repeat_of", None)
        text = self.tr("Logged {0}. Read this reference back to the caller.").format(
            state.reference
        )
        if repeat:
            text += " " + self.tr("It repeats {0}.").format(repeat)
        self.label_result.setText(text)
        self.button_save.setEnabled(False)
        self.logged.emit(state.id)


def _describe(hit: locate.ParcelHit) -> str:
    holders = ", ".join(hit.account_holders)
    return hit.label() + (f" — {holders}" if holders else "")
