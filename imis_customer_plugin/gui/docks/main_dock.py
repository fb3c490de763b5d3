"""The IMIS Customer dock: connection state on top, a panel stack for the work below."""

from __future__ import annotations

from pathlib import Path

from qgis.gui import QgsDockWidget, QgsPanelWidget, QgsPanelWidgetStack
from qgis.PyQt import uic
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QLabel, QToolButton, QVBoxLayout, QWidget

from ...definitions import PLUGIN_TITLE

FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_suffix(".ui")))


class MainDockContents(QWidget, FORM_CLASS):
    label_connection: QLabel
    button_connect: QToolButton
    button_settings: QToolButton
    widget_panels: QWidget

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setupUi(self)
        layout = QVBoxLayout(self.widget_panels)
        layout.setContentsMargins(0, 0, 0, 0)
        self.panel_stack = QgsPanelWidgetStack(self.widget_panels)
        layout.addWidget(self.panel_stack)
        home = QgsPanelWidget()
        home.setPanelTitle(PLUGIN_TITLE)
        home_layout = QVBoxLayout(home)
        self.label_home = QLabel(
            self.tr("Connect to the IMIS-customer database to work on the register.")
        )
        self.label_home.setWordWrap(True)
        self.label_home.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        home_layout.addWidget(self.label_home)
        self.panel_stack.setMainPanel(home)


class MainDock(QgsDockWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(PLUGIN_TITLE, parent)
        self.setObjectName("ImisCustomerMainDock")
        self.contents = MainDockContents(self)
        self.setWidget(self.contents)
