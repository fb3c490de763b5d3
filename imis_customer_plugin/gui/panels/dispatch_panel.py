"""A department's dispatch board: its open tasks in the scheduling order, the load of its staff,
and the supervisor's actions on the selected task (assign, start, re-route, split, cancel).

Reading is a few indexed statements (one keyset page of the board, the load), so it runs on
the GUI thread; each change is its own short transaction that names the task version the board
showed. A task changed meanwhile at another desk is refused by the service: the board then
reloads and says who changed it, and what the user typed is offered again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from qgis.core import Qgis, QgsApplication, QgsSettings
from qgis.gui import QgsMessageBar, QgsPanelWidget
from qgis.PyQt import uic
from qgis.PyQt.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    pyqtSignal,
)
from qgis.PyQt.QtGui import QBrush, QColor, QFont
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QWidget,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from ...core.errors import ConflictError, ImisError, NotFoundError
from ...core.routing import TaskStatus
from ...definitions import QT_TRANSLATE_NOOP, SETTINGS_GROUP
from ...layers.status_style import SLA_STATE_COLOURS
from ...services import reference, tasks
from ...services.tasks import MAX_BOARD_PAGE, BoardRow, LoadRow
from ..common import NONE_SHOWN, bar_texts, busy, first_line, local_time, push_wrapped, sentence
from ..dialogs.assign_dialog import STAFF, TEAM, AssignDialog, AssigneeChoice
from ..dialogs.task_dialog import (
    TaskChange,
    TaskDialog,
    TaskInput,
    kind_label,
    task_status_label,
)

LOGGER = logging.getLogger(__name__)
FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_suffix(".ui")))

PAGE = 50  # board rows per "Load more"
DEPARTMENT_SETTING = f"{SETTINGS_GROUP}/dispatch/department"
_CONTEXT = "DispatchPanel"
_LOAD_ROWS = 6  # staff rows visible without scrolling the load table

COLUMNS = (
    ("reference", QT_TRANSLATE_NOOP("DispatchPanel", "Reference")),
    ("task", QT_TRANSLATE_NOOP("DispatchPanel", "Task")),
    ("status", QT_TRANSLATE_NOOP("DispatchPanel", "Status")),
    ("assignee", QT_TRANSLATE_NOOP("DispatchPanel", "Assignee")),
    ("priority", QT_TRANSLATE_NOOP("DispatchPanel", "Priority")),
    ("zone_priority", QT_TRANSLATE_NOOP("DispatchPanel", "Zone")),
    ("due_at", QT_TRANSLATE_NOOP("DispatchPanel", "Due")),
    ("sla_state", QT_TRANSLATE_NOOP("DispatchPanel", "SLA")),
    ("place", QT_TRANSLATE_NOOP("DispatchPanel", "Place")),
)
COLUMN_TIPS = {
    "priority": QT_TRANSLATE_NOOP("DispatchPanel", "The item's priority: 1 is the most urgent"),
    "zone_priority": QT_TRANSLATE_NOOP(
        "DispatchPanel", "The suburb's priority: 1 is served first (3 outside every suburb)"
    ),
    "due_at": QT_TRANSLATE_NOOP(
        "DispatchPanel", "When the item must be resolved, in South African Standard Time"
    ),
}
SLA_STATE_LABELS = {
    "on_time": QT_TRANSLATE_NOOP("DispatchPanel", "On time"),
    "at_risk": QT_TRANSLATE_NOOP("DispatchPanel", "At risk"),
    "breached": QT_TRANSLATE_NOOP("DispatchPanel", "Breached"),
    "paused": QT_TRANSLATE_NOOP("DispatchPanel", "Paused"),
    "met": QT_TRANSLATE_NOOP("DispatchPanel", "Met"),
    "missed": QT_TRANSLATE_NOOP("DispatchPanel", "Missed"),
}


def _translate(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def task_label(row: BoardRow) -> str:
    """'CR2026-000123 task 1 (Repair)', as the services name a task in their messages."""
    return _translate("{reference} task {step} ({kind})").format(
        reference=row.reference, step=row.step, kind=kind_label(row.kind)
    )


def place_text(row: BoardRow) -> str:
    """Where the work is: the erf and its address, else the suburb."""
    if row.erf_number:
        erf = _translate("Erf {erf}").format(erf=row.erf_number)
        return f"{erf}, {row.address}" if row.address else erf
    return row.suburb or NONE_SHOWN


class BoardModel(QAbstractTableModel):
    """The board's rows as the services return them, in the scheduling order."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[BoardRow] = []

    def set_rows(self, rows: Sequence[BoardRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def append_rows(self, rows: Sequence[BoardRow]) -> None:
        if not rows:
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self._rows += rows
        self.endInsertRows()

    def rows(self) -> list[BoardRow]:
        return list(self._rows)

    def row_at(self, row: int) -> BoardRow:
        return self._rows[row]

    def row_of_task(self, task_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.task_id == task_id), -1)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if orientation != Qt.Horizontal:
            return None
        name, title = COLUMNS[section]
        if role == Qt.DisplayRole:
            return _translate(title)
        if role == Qt.ToolTipRole and name in COLUMN_TIPS:
            return _translate(COLUMN_TIPS[name])
        return None

    def text(self, row: BoardRow, column: str) -> str:
        shown = _CELL_TEXT.get(column)
        return shown(row) if shown else str(getattr(row, column))

    def tooltip(self, row: BoardRow, column: str) -> str:
        if column == "reference":
            return f"{row.reference} · {row.category}"
        if column == "place" and row.suburb and row.suburb not in place_text(row):
            return f"{place_text(row)} ({row.suburb})"
        return self.text(row, column)

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()][0]
        value = None
        if role == Qt.DisplayRole:
            value = self.text(row, column)
        elif role == Qt.ToolTipRole:
            value = self.tooltip(row, column)
        elif role == Qt.ForegroundRole and column == "sla_state":
            colour = SLA_STATE_COLOURS.get(row.sla_state or "")
            value = QBrush(QColor(colour)) if colour else None
        elif role == Qt.FontRole and column == "assignee" and not row.assignee:
            value = QFont()
            value.setItalic(True)
        elif role == Qt.TextAlignmentRole and column in ("priority", "zone_priority"):
            value = int(Qt.AlignCenter)
        elif role == Qt.UserRole:
            value = row
        return value


def _sla_text(row: BoardRow) -> str:
    label = SLA_STATE_LABELS.get(row.sla_state or "")
    return _translate(label) if label else (row.sla_state or NONE_SHOWN)


_CELL_TEXT: dict[str, Callable[[BoardRow], str]] = {
    "task": lambda row: f"{row.step} · {kind_label(row.kind)}",
    "status": lambda row: task_status_label(row.status),
    "assignee": lambda row: row.assignee or _translate("(nobody yet)"),
    "due_at": lambda row: local_time(row.due_at),
    "sla_state": _sla_text,
    "place": place_text,
}


class DispatchPanel(QgsPanelWidget, FORM_CLASS):
    """The dispatch board of one department at a time.

    Signals: `item_selected(correspondence id)` when a task is selected (the plugin pans to
    it); `item_opened(correspondence id)` on a double-click; `map_requested(code, name)` for
    "Show on map"; `changed(task id)` after a change was saved.
    """

    item_selected = pyqtSignal(int)
    item_opened = pyqtSignal(int)
    map_requested = pyqtSignal(str, str)
    changed = pyqtSignal(int)

    label_department: QLabel
    combo_department: QComboBox
    button_reload: QToolButton
    bar_messages: QgsMessageBar
    group_board: QGroupBox
    table_board: QTableView
    label_count: QLabel
    button_more: QPushButton
    group_actions: QGroupBox
    button_assign: QPushButton
    button_start: QPushButton
    button_reroute: QPushButton
    button_split: QPushButton
    button_cancel: QPushButton
    button_map: QPushButton
    group_load: QGroupBox
    table_load: QTableWidget

    def __init__(
        self, engine: Engine, department_code: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setupUi(self)
        self.setPanelTitle(self.tr("Dispatch board"))
        self._engine = engine
        self._next_after: tuple | None = None  # the last row's key while more rows wait
        # What the user gave but was not saved, per (change, task): offered again, with a note.
        self._unsent: dict[tuple[str, int], tuple[object, str]] = {}
        self.departments: list[tuple[str, str]] = []
        self.load: list[LoadRow] = []
        self.teams: list[AssigneeChoice] = []
        self.model = BoardModel(self)
        self.table_board.setModel(self.model)
        header = self.table_board.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)
        self.table_board.verticalHeader().hide()
        self.button_reload.setIcon(QgsApplication.getThemeIcon("/mActionRefresh.svg"))
        self.button_map.setIcon(QgsApplication.getThemeIcon("/mActionAddPostgisLayer.svg"))
        self.combo_department.setSizeAdjustPolicy(
            QComboBox.AdjustToMinimumContentsLengthWithIcon
        )  # a narrow dock must not cut the rest off
        self.combo_department.setMinimumContentsLength(10)
        self._setup_load_table()
        self._fill_departments(department_code)

        self.combo_department.currentIndexChanged.connect(self._department_changed)
        self.button_reload.clicked.connect(self.reload)
        self.button_more.clicked.connect(self.load_more)
        self.table_board.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table_board.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table_board.doubleClicked.connect(self._row_opened)
        self.button_assign.clicked.connect(self.assign_selected)
        self.button_start.clicked.connect(self.start_selected)
        self.button_reroute.clicked.connect(self.reroute_selected)
        self.button_split.clicked.connect(self.split_selected)
        self.button_cancel.clicked.connect(self.cancel_selected)
        self.button_map.clicked.connect(self._map_clicked)
        self._update_buttons()
        if self.department_code:
            self.reload()

    # Setting up ----------------------------------------------------------------------------

    def _setup_load_table(self) -> None:
        table = self.table_load
        table.setColumnCount(3)
        table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Assigned"), self.tr("In progress")]
        )
        table.horizontalHeaderItem(1).setToolTip(self.tr("Tasks given to them, not started"))
        table.horizontalHeaderItem(2).setToolTip(self.tr("Tasks they are working on"))
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.Stretch)

    def _fill_departments(self, wanted: str | None) -> None:
        try:
            with busy(), self._engine.connect() as connection:
                choices = reference.departments(connection)
        except SQLAlchemyError as error:
            LOGGER.exception("Reading the departments failed")
            self._push(
                self.tr("Could not read the departments ({error}).").format(
                    error=first_line(error)
                ),
                Qgis.Critical,
            )
            choices = []
        self.departments = [(c.code, c.name) for c in choices]
        for code, name in self.departments:
            self.combo_department.addItem(name, code)
            self.combo_department.setItemData(
                self.combo_department.count() - 1, code, Qt.ToolTipRole
            )
        wanted = wanted or QgsSettings().value(DEPARTMENT_SETTING, "", str)
        index = self.combo_department.findData(wanted) if wanted else -1
        self.combo_department.setCurrentIndex(max(index, 0) if self.departments else -1)

    @property
    def department_code(self) -> str:
        return self.combo_department.currentData() or ""

    @property
    def department_name(self) -> str:
        return self.combo_department.currentText()

    def set_department(self, code: str) -> bool:
        """Shows another department's board (as choosing it in the list does)."""
        index = self.combo_department.findData(code)
        if index < 0:
            return False
        if index == self.combo_department.currentIndex():
            self.reload()
        else:
            self.combo_department.setCurrentIndex(index)  # reloads
        return True

    def _department_changed(self, _index: int) -> None:
        if self.department_code:
            QgsSettings().setValue(DEPARTMENT_SETTING, self.department_code)
        self.bar_messages.clearWidgets()
        self.model.set_rows([])
        self.reload()

    # Reading -------------------------------------------------------------------------------

    def _page(self, connection: Connection, limit: int, after: tuple | None) -> list[BoardRow]:
        """`limit` rows and one more, so the board knows whether more are waiting."""
        return tasks.dispatch_board(connection, self.department_code, limit=limit + 1, after=after)

    def reload(self) -> bool:
        """Reads the board again, as many rows as it showed, and the load; keeps the selection."""
        code = self.department_code
        if not code:
            self.model.set_rows([])
            self._show_load([], [])
            self._after_rows_changed(None)
            return False
        selected = self.selected_row()
        shown = min(max(PAGE, self.model.rowCount()), MAX_BOARD_PAGE - 1)
        try:
            with busy(), self._engine.connect() as connection:
                rows = self._page(connection, shown, None)
                load = tasks.artisan_load(connection, code)
                teams = self._team_choices(connection, code)
        except ImisError as error:
            self._push(sentence(error, capitalise=True), Qgis.Critical)
            return False
        except SQLAlchemyError as error:
            LOGGER.exception("Reading the dispatch board of %s failed", code)
            self._push(
                self.tr(
                    "Could not read the board from the database ({error}). "
                    "Check the connection, then press Reload."
                ).format(error=first_line(error)),
                Qgis.Critical,
            )
            return False
        self.model.set_rows(rows[:shown])
        self._next_after = rows[shown - 1].sort_key if len(rows) > shown else None
        self._show_load(load, teams)
        self._after_rows_changed(selected.task_id if selected else None)
        return True

    def load_more(self) -> bool:
        """The next keyset page of the board, after the last row shown."""
        if self._next_after is None:
            return False
        try:
            with busy(), self._engine.connect() as connection:
                rows = self._page(connection, PAGE, self._next_after)
        except (ImisError, SQLAlchemyError) as error:
            LOGGER.exception("Reading more of the dispatch board failed")
            self._push(
                self.tr("Could not read more of the board ({error}).").format(
                    error=first_line(error) if isinstance(error, SQLAlchemyError) else error
                ),
                Qgis.Critical,
            )
            return False
        self.model.append_rows(rows[:PAGE])
        self._next_after = rows[PAGE - 1].sort_key if len(rows) > PAGE else None
        self._update_count()
        return True

    def _team_choices(self, connection: Connection, code: str) -> list[AssigneeChoice]:
        """The department's teams with their load."""
        return [
            AssigneeChoice(
                TEAM,
                team.team_id,
                team.name,
                self.tr("Team"),
                team.assigned,
                team.in_progress,
            )
            for team in tasks.team_load(connection, code)
        ]

    def _after_rows_changed(self, keep_task_id: int | None) -> None:
        row = self.model.row_of_task(keep_task_id) if keep_task_id is not None else -1
        selection = self.table_board.selectionModel()
        if row >= 0:
            index = self.model.index(row, 0)
            selection.blockSignals(True)  # the same task: no new pan on the map
            selection.setCurrentIndex(
                index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows
            )
            selection.blockSignals(False)
            self.table_board.scrollTo(index)
        self._update_count()
        self._update_buttons()

    def _update_count(self) -> None:
        count = self.model.rowCount()
        more = self._next_after is not None
        if count == 0:
            text = self.tr("No open tasks.")
        elif more:
            text = self.tr("First {count} tasks shown").format(count=count)
        else:
            text = self.tr("{count} open tasks").format(count=count)
        self.label_count.setText(text)
        self.button_more.setEnabled(more)

    def _show_load(self, load: Sequence[LoadRow], teams: Sequence[AssigneeChoice]) -> None:
        self.load = list(load)
        self.teams = list(teams)
        table = self.table_load
        table.setRowCount(0)
        table.setRowCount(len(self.load) + len(self.teams))
        lines = [
            (staff.full_name, staff.job_title, staff.assigned, staff.in_progress, staff.is_artisan)
            for staff in self.load
        ] + [(team.name, team.role, team.assigned, team.in_progress, True) for team in self.teams]
        for row, (name, role, assigned, in_progress, artisan) in enumerate(lines):
            for column, value in enumerate((name, str(assigned), str(in_progress))):
                item = QTableWidgetItem(value)
                item.setToolTip(f"{name} · {role}" if role else name)
                if column:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if not artisan:  # office staff: listed, but after the artisans and quieter
                    item.setForeground(QBrush(QColor("#707070")))
                table.setItem(row, column, item)
        if not lines:
            table.setRowCount(1)
            item = QTableWidgetItem(self.tr("Nobody works in this department yet."))
            item.setFlags(Qt.NoItemFlags)
            table.setItem(0, 0, item)
        visible = min(table.rowCount(), _LOAD_ROWS)
        height = sum(table.rowHeight(r) for r in range(visible))
        table.setFixedHeight(
            height + table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth() + 2
        )

    def load_of(self, staff_id: int) -> LoadRow | None:
        return next((row for row in self.load if row.staff_id == staff_id), None)

    # Selecting -----------------------------------------------------------------------------

    def selected_row(self) -> BoardRow | None:
        rows = self.table_board.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_task(self, task_id: int) -> bool:
        """Selects the task's row (as a click would): True when the board shows it."""
        row = self.model.row_of_task(task_id)
        if row < 0:
            return False
        self.table_board.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows,
        )
        return True

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()
        if current.isValid():
            self.item_selected.emit(self.model.row_at(current.row()).correspondence_id)

    def _row_opened(self, index: QModelIndex) -> None:
        if index.isValid():
            self.item_opened.emit(self.model.row_at(index.row()).correspondence_id)

    def _update_buttons(self, *_args: object) -> None:
        row = self.selected_row()
        for button in (
            self.button_assign,
            self.button_reroute,
            self.button_split,
            self.button_cancel,
        ):
            button.setEnabled(row is not None)
        self.button_start.setEnabled(row is not None and row.status is TaskStatus.ASSIGNED)
        self.button_map.setEnabled(bool(self.department_code))
        self.group_actions.setTitle(
            self.tr("Selected task: {task}").format(task=task_label(row))
            if row is not None
            else self.tr("Selected task: none (click a row)")
        )

    def _map_clicked(self) -> None:
        if self.department_code:
            self.map_requested.emit(self.department_code, self.department_name)

    # Acting --------------------------------------------------------------------------------

    def assign_selected(self) -> bool:
        """Asks whom to give the selected task to, and assigns it; True when saved."""
        row = self.selected_row()
        if row is None:
            return False
        choices = [
            AssigneeChoice(
                STAFF,
                staff.staff_id,
                staff.full_name,
                staff.job_title,
                staff.assigned,
                staff.in_progress,
                staff.is_artisan,
                staff.staff_id == row.assigned_staff_id,
            )
            for staff in self.load
        ] + [
            AssigneeChoice(
                TEAM,
                team.id,
                team.name,
                team.role,
                team.assigned,
                team.in_progress,
                True,
                team.id == row.assigned_team_id,
            )
            for team in self.teams
        ]
        dialog = AssignDialog(task_label(row), choices, self)
        before, note = self._unsent.pop(("assign", row.task_id), (None, ""))
        dialog.set_note(note)
        if isinstance(before, AssigneeChoice):
            dialog.select(before.kind, before.id)
        accepted = dialog.exec_() == QDialog.Accepted
        chosen = dialog.chosen()
        dialog.deleteLater()
        if not accepted or chosen is None:
            return False
        who = {"staff_id": chosen.id} if chosen.kind == STAFF else {"team_id": chosen.id}
        return self._run(
            row,
            "assign",
            lambda connection: tasks.assign(connection, row.task_id, row.row_version, **who),
            self.tr("{task} is assigned to {name}.").format(task=task_label(row), name=chosen.name),
            chosen,
        )

    def start_selected(self) -> bool:
        row = self.selected_row()
        if row is None:
            return False
        return self._run(
            row,
            "start",
            lambda connection: tasks.start(connection, row.task_id, row.row_version),
            self.tr("{task} is in progress.").format(task=task_label(row)),
        )

    def reroute_selected(self) -> bool:
        row = self.selected_row()
        if row is None:
            return False
        others = [(c, n) for c, n in self.departments if c != self.department_code]
        given = self._ask(TaskChange.REROUTE, row, others)
        if given is None:
            return False
        name = dict(self.departments).get(given.department, given.department)
        return self._run(
            row,
            TaskChange.REROUTE.value,
            lambda connection: tasks.reroute(
                connection, row.task_id, row.row_version, given.department, given.reason
            ),
            self.tr("{task} is sent to {department}.").format(
                task=task_label(row), department=name
            ),
            given,
        )

    def split_selected(self) -> bool:
        row = self.selected_row()
        if row is None:
            return False
        given = self._ask(TaskChange.SPLIT, row)
        if given is None:
            return False
        return self._run(
            row,
            TaskChange.SPLIT.value,
            lambda connection: tasks.split(
                connection, row.task_id, row.row_version, given.kinds, given.reason
            ),
            self.tr("{task} is split: {kinds} added after it.").format(
                task=task_label(row), kinds=" → ".join(kind_label(k) for k in given.kinds)
            ),
            given,
        )

    def cancel_selected(self) -> bool:
        row = self.selected_row()
        if row is None:
            return False
        given = self._ask(TaskChange.CANCEL, row)
        if given is None:
            return False
        return self._run(
            row,
            TaskChange.CANCEL.value,
            lambda connection: tasks.cancel(connection, row.task_id, row.row_version, given.reason),
            self.tr("{task} is cancelled.").format(task=task_label(row)),
            given,
        )

    def _ask(
        self, change: TaskChange, row: BoardRow, departments: Sequence[tuple[str, str]] = ()
    ) -> TaskInput | None:
        given, note = self._unsent.pop((change.value, row.task_id), (None, ""))
        if not isinstance(given, TaskInput):
            given = None
        dialog = TaskDialog(change, task_label(row), departments, self, given=given)
        dialog.set_note(note)
        accepted = dialog.exec_() == QDialog.Accepted
        answer = dialog.task_input()
        dialog.deleteLater()
        return answer if accepted else None

    def _run(
        self,
        row: BoardRow,
        change: str,
        work: Callable[[Connection], object],
        done: str,
        given: object = None,
    ) -> bool:
        """Runs one change in its own transaction; says what came of it and reloads."""
        try:
            with busy(), self._engine.begin() as connection:
                work(connection)
        except ConflictError as conflict:
            return self._after_conflict(row, change, conflict, given)
        except ImisError as error:  # ValidationError, WorkflowError, NotFoundError
            self.bar_messages.clearWidgets()
            if given is not None:
                self._unsent[(change, row.task_id)] = (given, "")
            if isinstance(error, NotFoundError):
                self.reload()
            self._push(
                self.tr("{problem} Nothing was changed.").format(
                    problem=sentence(error, capitalise=True)
                ),
                Qgis.Warning,
            )
            return False
        except SQLAlchemyError as error:
            LOGGER.exception("%s of task %s failed", change, row.task_id)
            if given is not None:
                self._unsent[(change, row.task_id)] = (given, "")
            self._push(
                self.tr(
                    "The database refused the change ({error}). Nothing was changed; "
                    "check the connection and your rights, then try again."
                ).format(error=first_line(error)),
                Qgis.Critical,
            )
            return False
        self.bar_messages.clearWidgets()
        self.reload()
        self.changed.emit(row.task_id)
        self._push(done, Qgis.Success, 5)
        return True

    def _after_conflict(
        self, row: BoardRow, change: str, conflict: ConflictError, given: object
    ) -> bool:
        """Says who changed the task, reloads the board, and keeps what the user typed."""
        self.bar_messages.clearWidgets()
        when = self.tr(" at {time}").format(time=conflict.changed_at) if conflict.changed_at else ""
        who = self.tr(
            "{task} was changed by {user}{when} after the board showed it: nothing of yours "
            "was saved, and the board is reloaded."
        ).format(task=task_label(row), user=conflict.changed_by, when=when)
        self.reload()
        current = self.model.row_of_task(row.task_id)
        if current < 0:
            then = self.tr("The task is no longer on this board.")
        elif given is not None:
            then = self.tr(
                "Check the task as it is now, then press the button again: your choice is "
                "filled in."
            )
            self._unsent[(change, row.task_id)] = (given, f"{who} {then}")
        else:
            then = self.tr("Check the task as it is now, then try again if it still applies.")
        self._push(f"{who} {then}", Qgis.Warning)
        return False

    def _push(self, text: str, level: Qgis.MessageLevel, duration: int = 0) -> None:
        push_wrapped(self.bar_messages, text, level, duration)

    def messages(self) -> list[str]:
        """The messages the panel shows now, newest first."""
        return bar_texts(self.bar_messages)
