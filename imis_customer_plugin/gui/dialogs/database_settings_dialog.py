"""Settings dialog: which database the plugin uses (a pg_service or a saved QGIS connection)."""

from __future__ import annotations

from pathlib import Path

from qgis.PyQt import uic
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from ...definitions import DEFAULT_SERVICE, ConnectionKind
from ...services.database import check_database
from ...toolbelt.plugin_settings import DatabaseChoice
from ...toolbelt.qgis_connections import resolve_database_choice, saved_connection_names
from ..status_text import status_text

FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_suffix(".ui")))


class DatabaseSettingsDialog(QDialog, FORM_CLASS):
    radio_service: QRadioButton
    line_service: QLineEdit
    radio_qgis_connection: QRadioButton
    combo_qgis_connection: QComboBox
    button_test: QPushButton
    label_status: QLabel
    button_box: QDialogButtonBox

    def __init__(self, choice: DatabaseChoice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setupUi(self)
        self.combo_qgis_connection.addItems(saved_connection_names())
        self._show_choice(choice)
        self.radio_service.toggled.connect(self._update_enabled)
        self.button_test.clicked.connect(self.test_connection)
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)
        self._update_enabled()

    def _show_choice(self, choice: DatabaseChoice) -> None:
        if choice.kind is ConnectionKind.QGIS_CONNECTION:
            self.radio_qgis_connection.setChecked(True)
            self.combo_qgis_connection.setCurrentText(choice.name)
        else:
            self.radio_service.setChecked(True)
            self.line_service.setText(choice.name)
        if self.combo_qgis_connection.count() == 0:
            self.radio_qgis_connection.setEnabled(False)
            self.radio_qgis_connection.setToolTip(
                self.tr("You have no saved PostgreSQL connection in the QGIS Browser.")
            )

    def _update_enabled(self) -> None:
        use_service = self.radio_service.isChecked()
        self.line_service.setEnabled(use_service)
        self.combo_qgis_connection.setEnabled(not use_service)

    def choice(self) -> DatabaseChoice:
        if self.radio_qgis_connection.isChecked():
            return DatabaseChoice(
                ConnectionKind.QGIS_CONNECTION, self.combo_qgis_connection.currentText()
            )
        return DatabaseChoice(
            ConnectionKind.SERVICE, self.line_service.text().strip() or DEFAULT_SERVICE
        )

    def test_connection(self) -> None:
        """A quick synchronous check: the user asked for it and waits for the answer."""
        try:
            status = check_database(resolve_database_choice(self.choice()))
            text = status_text(status)
        except LookupError as error:
            text = str(error)
        self.label_status.setText(text)
