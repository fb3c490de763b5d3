"""Asks what a change to a dispatch-board task needs: re-route (department and reason), split
(kinds of task to add, in order, and a reason) or cancel (a reason)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from qgis.PyQt import uic
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from ...core.routing import TASK_KINDS, TaskStatus
from ...definitions import QT_TRANSLATE_NOOP

FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_suffix(".ui")))

_CONTEXT = "TaskDialog"
KIND_LABELS = {
    "inspection": QT_TRANSLATE_NOOP("TaskDialog", "Inspection"),
    "repair": QT_TRANSLATE_NOOP("TaskDialog", "Repair"),
    "replacement": QT_TRANSLATE_NOOP("TaskDialog", "Replacement"),
    "cleaning": QT_TRANSLATE_NOOP("TaskDialog", "Cleaning"),
    "investigation": QT_TRANSLATE_NOOP("TaskDialog", "Investigation"),
}
TASK_STATUS_LABELS = {
    TaskStatus.OPEN: QT_TRANSLATE_NOOP("TaskDialog", "Open"),
    TaskStatus.ASSIGNED: QT_TRANSLATE_NOOP("TaskDialog", "Assigned"),
    TaskStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("TaskDialog", "In progress"),
    TaskStatus.DONE: QT_TRANSLATE_NOOP("TaskDialog", "Done"),
    TaskStatus.CANCELLED: QT_TRANSLATE_NOOP("TaskDialog", "Cancelled"),
}


def kind_label(kind: str) -> str:
    """The translated name of a task kind ('Repair'); an unknown kind as it is stored."""
    text = KIND_LABELS.get(kind)
    return QCoreApplication.translate(_CONTEXT, text) if text else kind.replace("_", " ")


def task_status_label(status: str | TaskStatus) -> str:
    text = TASK_STATUS_LABELS.get(TaskStatus(status))
    return QCoreApplication.translate(_CONTEXT, text) if text else str(status)


class TaskChange(str, Enum):
    REROUTE = "reroute"
    SPLIT = "split"
    CANCEL = "cancel"


@dataclass(frozen=True)
class TaskInput:
    """What the user gave: only the fields of the change are filled."""

    reason: str = ""
    department: str = ""  # code, for a re-route
    kinds: tuple[str, ...] = ()  # in order, for a split


class TaskDialog(QDialog, FORM_CLASS):
    label_intro: QLabel
    label_note: QLabel
    label_department: QLabel
    combo_department: QComboBox
    label_kinds: QLabel
    list_kinds: QListWidget
    label_order: QLabel
    label_reason: QLabel
    line_reason: QLineEdit
    button_box: QDialogButtonBox

    def __init__(
        self,
        change: TaskChange,
        task_label: str,
        departments: Sequence[tuple[str, str]] = (),
        parent: QWidget | None = None,
        given: TaskInput | None = None,
    ) -> None:
        """`departments` are (code, name) pairs to re-route to; `given` pre-fills the form."""
        super().__init__(parent)
        self.setupUi(self)
        self.change = change
        self._ticked: list[str] = []  # kinds in the order the user ticked them
        self.setWindowTitle(f"{self.change_label(change)} {task_label}")
        self.button_box.button(QDialogButtonBox.Ok).setText(self.change_label(change))
        if change is TaskChange.CANCEL:  # two "Cancel" buttons would read as one
            self.button_box.button(QDialogButtonBox.Cancel).setText(self.tr("Keep the task"))
        self.label_intro.setText(self._intro(change, task_label))
        self.label_note.hide()
        for code, name in departments:
            self.combo_department.addItem(name, code)
            self.combo_department.setItemData(
                self.combo_department.count() - 1, code, Qt.ToolTipRole
            )
        self.combo_department.setCurrentIndex(-1)
        for kind in TASK_KINDS:
            item = QListWidgetItem(kind_label(kind), self.list_kinds)
            item.setData(Qt.UserRole, kind)
            item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Unchecked)
        for widget in (self.label_department, self.combo_department):
            widget.setVisible(change is TaskChange.REROUTE)
        for widget in (self.label_kinds, self.list_kinds, self.label_order):
            widget.setVisible(change is TaskChange.SPLIT)
        (self.combo_department if change is TaskChange.REROUTE else self.line_reason).setFocus()

        self.line_reason.textChanged.connect(self._update_ok)
        self.combo_department.currentIndexChanged.connect(self._update_ok)
        self.list_kinds.itemChanged.connect(self._kind_ticked)
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)
        if given is not None:
            self.set_task_input(given)
        self._show_order()
        self._update_ok()
        self.adjustSize()

    def change_label(self, change: TaskChange) -> str:
        return {
            TaskChange.REROUTE: self.tr("Re-route"),
            TaskChange.SPLIT: self.tr("Split"),
            TaskChange.CANCEL: self.tr("Cancel task"),
        }[change]

    def _intro(self, change: TaskChange, task_label: str) -> str:
        if change is TaskChange.REROUTE:
            return self.tr(
                "Send {task} to another department's board; it arrives there unassigned. Say why."
            ).format(task=task_label)
        if change is TaskChange.SPLIT:
            return self.tr(
                "Add tasks right after {task} (for example a repair after an inspection); "
                "later steps move down. Tick the kinds in the order the work is done, and "
                "say why."
            ).format(task=task_label)
        return self.tr(
            "Cancel {task}: the work is not needed after all. It leaves the board and the "
            "assignee's load. Say why."
        ).format(task=task_label)

    def set_note(self, text: str) -> None:
        """A line above the form, e.g. why the dialog is shown again."""
        self.label_note.setText(text)
        self.label_note.setVisible(bool(text))
        self.adjustSize()

    def set_task_input(self, given: TaskInput) -> None:
        self.line_reason.setText(given.reason)
        self.combo_department.setCurrentIndex(self.combo_department.findData(given.department))
        self.set_kinds(given.kinds)

    def set_kinds(self, kinds: Sequence[str]) -> None:
        """Ticks these kinds, in this order (and unticks the others)."""
        self.list_kinds.blockSignals(True)
        try:
            for row in range(self.list_kinds.count()):
                item = self.list_kinds.item(row)
                checked = item.data(Qt.UserRole) in kinds
                item.setCheckState(Qt.Checked if checked else Qt.Unchecked)
        finally:
            self.list_kinds.blockSignals(False)
        self._ticked = [k for k in kinds if k in TASK_KINDS]
        self._show_order()
        self._update_ok()

    def _kind_ticked(self, item: QListWidgetItem) -> None:
        kind = item.data(Qt.UserRole)
        if item.checkState() == Qt.Checked and kind not in self._ticked:
            self._ticked.append(kind)
        elif item.checkState() != Qt.Checked and kind in self._ticked:
            self._ticked.remove(kind)
        self._show_order()
        self._update_ok()

    def _show_order(self) -> None:
        self.label_order.setText(
            self.tr("Adds, in this order: {kinds}").format(
                kinds=" → ".join(kind_label(k) for k in self._ticked)
            )
            if self._ticked
            else self.tr("Tick at least one kind of task to add.")
        )

    def task_input(self) -> TaskInput:
        """What the user gave, limited to the fields this change needs."""
        department = (
            self.combo_department.currentData() if self.change is TaskChange.REROUTE else ""
        )
        return TaskInput(
            reason=self.line_reason.text().strip(),
            department=department or "",
            kinds=tuple(self._ticked) if self.change is TaskChange.SPLIT else (),
        )

    def is_complete(self) -> bool:
        given = self.task_input()
        if not given.reason:
            return False
        if self.change is TaskChange.REROUTE and not given.department:
            return False
        return not (self.change is TaskChange.SPLIT and not given.kinds)

    def _update_ok(self) -> None:
        self.button_box.button(QDialogButtonBox.Ok).setEnabled(self.is_complete())

    def accept(self) -> None:
        if self.is_complete():  # Enter in the reason field must not bypass the check
            super().accept()
