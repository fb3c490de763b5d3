"""Picks who does a task: an active staff member of its department (artisans first) or one of
its teams, each shown with the work already on their hands."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from qgis.PyQt import uic
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_suffix(".ui")))

STAFF = "staff"
TEAM = "team"


@dataclass(frozen=True)
class AssigneeChoice:
    """A staff member or a team the task may go to, with their current load."""

    kind: str  # STAFF or TEAM
    id: int
    name: str
    role: str  # the job title, or what the team is
    assigned: int
    in_progress: int
    is_artisan: bool = True
    is_current: bool = False  # the task's assignee now: not offered again

    @property
    def total(self) -> int:
        return self.assigned + self.in_progress


class AssignDialog(QDialog, FORM_CLASS):
    label_intro: QLabel
    label_note: QLabel
    table_assignees: QTableWidget
    label_hint: QLabel
    button_box: QDialogButtonBox

    def __init__(
        self,
        task_label: str,
        choices: Sequence[AssigneeChoice],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setupUi(self)
        self.choices = list(choices)
        self.setWindowTitle(self.tr("Assign {task}").format(task=task_label))
        self.button_box.button(QDialogButtonBox.Ok).setText(self.tr("Assign"))
        self.label_intro.setText(
            self.tr(
                "Choose who does {task}. Beside each name: the tasks they have now, "
                "assigned but not started, and in progress."
            ).format(task=task_label)
        )
        self.label_note.hide()
        self._fill()
        self.label_hint.setVisible(not any(not c.is_current for c in self.choices))
        self.label_hint.setText(
            self.tr("Nobody else works in this department. Add staff to it, or re-route the task.")
        )
        self.table_assignees.itemSelectionChanged.connect(self._update_ok)
        self.table_assignees.itemDoubleClicked.connect(lambda _item: self.accept())
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)
        self._update_ok()

    def _fill(self) -> None:
        table = self.table_assignees
        table.setColumnCount(4)
        table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Role"), self.tr("Assigned"), self.tr("In progress")]
        )
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        table.setSelectionMode(QAbstractItemView.SingleSelection)
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.verticalHeader().hide()
        table.setRowCount(len(self.choices))
        for row, choice in enumerate(self.choices):
            name = choice.name
            if choice.is_current:
                name = self.tr("{name} (now)").format(name=name)
            cells = [name, choice.role, str(choice.assigned), str(choice.in_progress)]
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(Qt.UserRole, row)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if choice.is_current:  # assigning to the same one again is refused anyway
                    item.setFlags(Qt.NoItemFlags)
                    item.setToolTip(self.tr("The task is assigned to {name} now.").format(
                        name=choice.name))  # fmt: skip
                table.setItem(row, column, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.Stretch)

    def set_note(self, text: str) -> None:
        self.label_note.setText(text)
        self.label_note.setVisible(bool(text))

    def select(self, kind: str, choice_id: int) -> bool:
        """Selects a staff member or team (as a click would); False when not offered."""
        for row, choice in enumerate(self.choices):
            if (choice.kind, choice.id) == (kind, choice_id) and not choice.is_current:
                self.table_assignees.selectRow(row)
                return True
        return False

    def chosen(self) -> AssigneeChoice | None:
        rows = self.table_assignees.selectionModel().selectedRows()
        if not rows:
            return None
        choice = self.choices[rows[0].row()]
        return None if choice.is_current else choice

    def _update_ok(self) -> None:
        self.button_box.button(QDialogButtonBox.Ok).setEnabled(self.chosen() is not None)

    def accept(self) -> None:
        if self.chosen() is not None:
            super().accept()
