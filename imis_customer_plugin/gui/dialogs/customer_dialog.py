"""A new customer, registered from the log wizard while the caller is on the line."""

from __future__ import annotations

from pathlib import Path

from qgis.PyQt import uic
from qgis.PyQt.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QWidget
from sqlalchemy.engine import Engine

from ...core.errors import ValidationError
from ...services.customers import create_customer

FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_suffix(".ui")))


class CustomerDialog(QDialog, FORM_CLASS):
    line_full_name: QLineEdit
    line_id_number: QLineEdit
    line_phone: QLineEdit
    line_email: QLineEdit
    check_consent: QCheckBox
    label_problems: QLabel
    button_box: QDialogButtonBox

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setupUi(self)
        self._engine = engine
        self.customer_id: int | None = None
        self.button_box.accepted.connect(self.save)
        self.button_box.rejected.connect(self.reject)

    def fields(self) -> dict[str, str]:
        return {
            "full_name": self.line_full_name.text(),
            "id_number": self.line_id_number.text(),
            "phone": self.line_phone.text(),
            "email": self.line_email.text(),
            "consent_to_contact": "yes" if self.check_consent.isChecked() else "no",
        }

    def save(self) -> None:
        """Stays open, with what was typed, until every field is right."""
        try:
            with self._engine.begin() as connection:
                self.customer_id = create_customer(connection, self.fields())
        except ValidationError as error:
            self.label_problems.setText(
                "\n".join(f"{p.field.replace('_', ' ')}: {p.message}" for p in error.problems)
            )
            return
        self.accept()

    def label(self) -> str:
        return f"{self.line_full_name.text().strip()} — {self.line_phone.text().strip()}"
