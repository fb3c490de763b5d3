"""Asks for exactly what one workflow action needs: a reason, a date, a department, a resolution."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

from qgis.PyQt import uic
from qgis.PyQt.QtCore import QCoreApplication, QDate, Qt
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ...core.workflow import Action, ActionInput, Field
from ...definitions import QT_TRANSLATE_NOOP

FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_suffix(".ui")))

# What a button or a dialog calls each action (context "ActionDialog" for pylupdate5).
ACTION_LABELS = {
    Action.LOCATE: QT_TRANSLATE_NOOP("ActionDialog", "Locate"),
    Action.START: QT_TRANSLATE_NOOP("ActionDialog", "Start work"),
    Action.PEND: QT_TRANSLATE_NOOP("ActionDialog", "Pending"),
    Action.DEFER: QT_TRANSLATE_NOOP("ActionDialog", "Defer"),
    Action.RESUME: QT_TRANSLATE_NOOP("ActionDialog", "Resume"),
    Action.REFORWARD: QT_TRANSLATE_NOOP("ActionDialog", "Re-forward"),
    Action.ESCALATE: QT_TRANSLATE_NOOP("ActionDialog", "Escalate"),
    Action.RESOLVE: QT_TRANSLATE_NOOP("ActionDialog", "Resolve"),
    Action.CLOSE: QT_TRANSLATE_NOOP("ActionDialog", "Close"),
    Action.ACKNOWLEDGE: QT_TRANSLATE_NOOP("ActionDialog", "Acknowledge"),
    Action.REOPEN: QT_TRANSLATE_NOOP("ActionDialog", "Re-open"),
}


def action_label(action: Action) -> str:
    """The translated name of an action, as buttons and dialog titles show it."""
    return QCoreApplication.translate("ActionDialog", ACTION_LABELS[action])


class ActionDialog(QDialog, FORM_CLASS):
    label_intro: QLabel
    label_note: QLabel
    label_reason: QLabel
    line_reason: QLineEdit
    label_until: QLabel
    date_until: QDateEdit
    label_department: QLabel
    combo_department: QComboBox
    label_resolution: QLabel
    text_resolution: QPlainTextEdit
    button_box: QDialogButtonBox

    def __init__(
        self,
        action: Action,
        required_fields: Collection[Field],
        departments: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
        given: ActionInput | None = None,
    ) -> None:
        """`departments` are (code, name) pairs to re-forward to; `given` pre-fills the form."""
        super().__init__(parent)
        self.setupUi(self)
        self.action = action
        self.required_fields = frozenset(required_fields)
        self.setWindowTitle(action_label(action))
        self.button_box.button(QDialogButtonBox.Ok).setText(action_label(action))
        self.label_intro.setText(self._intro(action))
        self.label_note.hide()
        tomorrow = QDate.currentDate().addDays(1)
        self.date_until.setMinimumDate(tomorrow)
        self.date_until.setDate(tomorrow)
        for code, name in departments:
            self.combo_department.addItem(name, code)
            self.combo_department.setItemData(
                self.combo_department.count() - 1, code, Qt.ToolTipRole
            )
        self.combo_department.setCurrentIndex(-1)
        self._show_only_required()

        self.line_reason.textChanged.connect(self._update_ok)
        self.combo_department.currentIndexChanged.connect(self._update_ok)
        self.text_resolution.textChanged.connect(self._update_ok)
        self.date_until.dateChanged.connect(self._update_ok)
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)
        if given is not None:
            self.set_action_input(given)
        self._update_ok()
        self.adjustSize()

    def _intro(self, action: Action) -> str:
        intros = {
            Action.PEND: self.tr(
                "Put the item on hold while it waits for the customer or a third party. "
                "Say what it is waiting for."
            ),
            Action.DEFER: self.tr("Postpone the work until a later date, and say why."),
            Action.REFORWARD: self.tr(
                "Send the item to another department; it arrives there as newly assigned. Say why."
            ),
            Action.ESCALATE: self.tr("Raise the item to the next escalation level, and say why."),
            Action.RESOLVE: self.tr("Record what was done. The item then waits to be closed."),
            Action.CLOSE: self.tr("Close the item with the answer the customer was given."),
            Action.REOPEN: self.tr(
                "Open the item again, and say why (for example: the fault came back)."
            ),
        }
        return intros.get(action) or self.tr("Confirm: {action}.").format(
            action=action_label(action)
        )

    def _show_only_required(self) -> None:
        rows = {
            Field.REASON: (self.label_reason, self.line_reason),
            Field.UNTIL: (self.label_until, self.date_until),
            Field.DEPARTMENT: (self.label_department, self.combo_department),
            Field.RESOLUTION: (self.label_resolution, self.text_resolution),
        }
        for field, widgets in rows.items():
            for widget in widgets:
                widget.setVisible(field in self.required_fields)
        first = next((rows[f][1] for f in Field if f in self.required_fields), None)
        if first is not None:
            first.setFocus()

    def set_note(self, text: str) -> None:
        """A line above the form, e.g. why the dialog is shown again after a conflict."""
        self.label_note.setText(text)
        self.label_note.setVisible(bool(text))
        self.adjustSize()

    def set_action_input(self, given: ActionInput) -> None:
        """Fills the form with what the user typed before."""
        self.line_reason.setText(given.reason)
        if given.until is not None:
            self.date_until.setDate(QDate(given.until))  # never before tomorrow (minimum)
        index = self.combo_department.findData(given.department)
        self.combo_department.setCurrentIndex(index)
        self.text_resolution.setPlainText(given.resolution)

    def action_input(self) -> ActionInput:
        """What the user gave, limited to the fields this action needs."""
        required = self.required_fields
        department = self.combo_department.currentData() if Field.DEPARTMENT in required else ""
        return ActionInput(
            reason=self.line_reason.text().strip() if Field.REASON in required else "",
            until=self.date_until.date().toPyDate() if Field.UNTIL in required else None,
            department=department or "",
            resolution=(
                self.text_resolution.toPlainText().strip() if Field.RESOLUTION in required else ""
            ),
        )

    def is_complete(self) -> bool:
        return self.required_fields <= self.action_input().provided()

    def _update_ok(self) -> None:
        self.button_box.button(QDialogButtonBox.Ok).setEnabled(self.is_complete())

    def accept(self) -> None:
        if self.is_complete():  # Enter in the reason field must not bypass the check
            super().accept()
