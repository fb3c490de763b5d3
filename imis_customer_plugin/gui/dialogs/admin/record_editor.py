"""One reusable editor: a table of the rows and a form below it, driven by an EditorSpec.

Selecting a row shows it in the form; New empties the form; Save adds or changes the row;
the spec's retire button deactivates or deletes the selected row. Each button is one service
call in its own transaction: it saves all of what it says or, when the service refuses,
nothing; the problem is shown, the offending fields are marked, and what was typed stays.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Optional

from qgis.PyQt.QtCore import QCoreApplication, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from ....core.errors import ConflictError, FieldProblem, ImisError, ValidationError
from ...common import NONE_SHOWN, busy, first_line, sentence
from ..feedback import Notice, conflict_text, database_refused_text, refused_text
from .spec import Choices, EditorSpec, FieldSpec, Widget

LOGGER = logging.getLogger(__name__)
CONTEXT = "RecordEditor"  # this widget's own sentences (pylupdate5 takes the class name)
SPEC_CONTEXT = "AdministrationDialog"  # the specs' labels (admin/kinds.py)


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def label(text: str) -> str:
    """A spec's label, title or note, marked with QT_TRANSLATE_NOOP in admin/kinds.py."""
    return QCoreApplication.translate(SPEC_CONTEXT, text)


class RecordEditor(QWidget):
    """Signal `saved(key)` after anything was saved."""

    saved = pyqtSignal(str)

    def __init__(self, engine: Engine, spec: EditorSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"editor_{spec.key}")
        self._engine = engine
        self.spec = spec
        self.rows: list = []
        self.current: Optional[object] = None  # the row in the form; None: a new one
        self.inputs: dict[str, QWidget] = {}
        self._labels: dict[str, dict[object, str]] = {}  # per field: a choice's label
        self._build()
        self.reload()
        self.new()

    # Building ----------------------------------------------------------------------------

    def _build(self) -> None:
        spec = self.spec
        layout = QVBoxLayout(self)
        self.notice = Notice(self)
        layout.addWidget(self.notice)
        if spec.note:
            note = QLabel(label(spec.note), self)
            note.setObjectName("label_note")
            note.setWordWrap(True)
            layout.addWidget(note)
        if spec.searchable:
            self.line_search = QLineEdit(self)
            self.line_search.setObjectName("line_search")
            self.line_search.setPlaceholderText(tr("Search by number (the first characters)"))
            self.line_search.setClearButtonEnabled(True)
            self.line_search.returnPressed.connect(self.reload)
            layout.addWidget(self.line_search)
        splitter = QSplitter(Qt.Vertical, self)
        layout.addWidget(splitter, 1)
        self._build_table(splitter)
        self._build_form(splitter)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

    def _build_table(self, splitter: QSplitter) -> None:
        spec = self.spec
        columns = [f for f in spec.fields if f.in_table]
        self.table = QTableWidget(0, len(columns), splitter)
        self.table.setObjectName("table_rows")
        self.table.setHorizontalHeaderLabels([label(f.label) for f in columns])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selected)

    def _build_form(self, splitter: QSplitter) -> None:
        """The form scrolls (the policies' is taller than a tab); its buttons stay in view."""
        spec = self.spec
        below = QWidget(splitter)
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        self.label_form = QLabel(below)
        self.label_form.setObjectName("label_form")
        below_layout.addWidget(self.label_form)
        scroll = QScrollArea(below)
        scroll.setWidgetResizable(True)
        form_widget = QWidget(scroll)
        form = QFormLayout(form_widget)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        for spec_field in spec.fields:
            widget = self._input(spec_field, form_widget)
            self.inputs[spec_field.name] = widget
            form.addRow(label(spec_field.label), widget)
        scroll.setWidget(form_widget)
        below_layout.addWidget(scroll, 1)
        buttons = QHBoxLayout()
        self.button_new = QPushButton(tr("New"), below)
        self.button_new.setObjectName("button_new")
        self.button_save = QPushButton(tr("Save"), below)
        self.button_save.setObjectName("button_save")
        self.button_retire = QPushButton(label(spec.retire_label), below)
        self.button_retire.setObjectName("button_retire")
        self.button_retire.setVisible(spec.retire is not None)
        buttons.addWidget(self.button_new)
        buttons.addStretch(1)
        buttons.addWidget(self.button_retire)
        buttons.addWidget(self.button_save)
        below_layout.addLayout(buttons)
        self.button_new.clicked.connect(self.new)
        self.button_save.clicked.connect(self.save)
        self.button_retire.clicked.connect(self.retire)

    def _input(self, spec_field: FieldSpec, parent: QWidget) -> QWidget:
        kind = spec_field.widget
        if kind is Widget.MULTILINE:
            widget: QWidget = QPlainTextEdit(parent)
            widget.setTabChangesFocus(True)
            widget.setMaximumHeight(110)
        elif kind is Widget.CHOICE:
            widget = QComboBox(parent)
        elif kind is Widget.FLAG:
            widget = QCheckBox(parent)
        elif kind is Widget.CHECKS:
            widget = QListWidget(parent)
            widget.setMaximumHeight(110)
        else:
            widget = QLineEdit(parent)
            if kind is Widget.DATE:
                widget.setPlaceholderText("YYYY-MM-DD")
        widget.setObjectName(f"input_{spec_field.name}")
        if spec_field.tooltip:
            widget.setToolTip(label(spec_field.tooltip))
        return widget

    # Reading -----------------------------------------------------------------------------

    def reload(self) -> bool:
        """Reads the rows and the value lists again; the form keeps what is typed."""
        search = self.line_search.text() if self.spec.searchable else ""
        try:
            with busy(), self._engine.connect() as connection:
                rows = self.spec.load(connection, search)
                choices = {
                    f.name: (f.choices(connection) if callable(f.choices) else f.choices or ())
                    for f in self.spec.fields
                    if f.choices is not None
                }
        except (ImisError, SQLAlchemyError) as error:
            LOGGER.exception("Reading %s failed", self.spec.key)
            said = first_line(error) if isinstance(error, SQLAlchemyError) else str(error)
            self.notice.error(
                tr("Could not read the list ({error}). Check the connection and try again.").format(
                    error=said
                )
            )
            return False
        self.rows = rows
        self._labels = {name: dict(options) for name, options in choices.items()}
        typed = self.form_text()
        for name, options in choices.items():
            self._fill_choices(self.spec.field(name), options)
        self._fill_table()
        self._restore(typed)
        self._enable()
        return True

    def _fill_choices(self, spec_field: FieldSpec, options: Choices) -> None:
        widget = self.inputs[spec_field.name]
        if isinstance(widget, QComboBox):
            widget.clear()
            if spec_field.blank is not None:
                widget.addItem(label(spec_field.blank), None)
            for value, shown in options:
                widget.addItem(shown, value)
        elif isinstance(widget, QListWidget):
            widget.clear()
            for value, shown in options:
                item = QListWidgetItem(shown)
                item.setData(Qt.UserRole, value)
                item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
                item.setCheckState(Qt.Unchecked)
                widget.addItem(item)

    def _fill_table(self) -> None:
        columns = [f for f in self.spec.fields if f.in_table]
        self.table.blockSignals(True)
        self.table.clearSelection()
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            values = self.spec.values(row)
            for c, spec_field in enumerate(columns):
                shown = self.shown(spec_field, values.get(spec_field.name))
                item = QTableWidgetItem(shown)
                item.setToolTip(shown)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        wanted = getattr(self.current, "id", None)
        for r, row in enumerate(self.rows):
            if wanted is not None and getattr(row, "id", None) == wanted:
                self.table.selectRow(r)  # the row as saved now
                self.current = row
                break
        self.table.blockSignals(False)

    def shown(self, spec_field: FieldSpec, value: object) -> str:
        """A value as the table shows it: the label of a choice, Yes/No, dates as ISO."""
        labels = self._labels.get(spec_field.name, {})
        if spec_field.widget is Widget.FLAG:
            return tr("Yes") if value else tr("No")
        if spec_field.widget is Widget.CHECKS:
            return ", ".join(str(labels.get(v, v)) for v in (value or ())) or NONE_SHOWN
        if value is None or value == "":
            return label(spec_field.blank) if spec_field.blank else NONE_SHOWN
        if spec_field.widget is Widget.CHOICE:
            return str(labels.get(value, value))
        if isinstance(value, (list, tuple)):
            return ", ".join(map(str, value))
        return value.isoformat() if isinstance(value, dt.date) else str(value)

    # The form ----------------------------------------------------------------------------

    def _selected(self) -> None:
        chosen = self.table.selectedItems()
        if not chosen:
            return
        self.current = self.rows[chosen[0].row()]
        self.notice.clear_all()
        self.fill(self.spec.values(self.current))
        self._enable()

    def new(self) -> None:
        """An empty form: Save adds a row."""
        self.table.clearSelection()
        self.current = None
        self.notice.clear_all()
        self.fill({f.name: f.default for f in self.spec.fields})
        self._enable()

    def fill(self, values: dict) -> None:
        for spec_field in self.spec.fields:
            self.set_value(spec_field.name, values.get(spec_field.name))

    def set_value(self, name: str, value: object) -> None:
        widget = self.inputs[name]
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(value)))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QListWidget):
            chosen = set(value or ())
            for k in range(widget.count()):
                item = widget.item(k)
                checked = item.data(Qt.UserRole) in chosen
                item.setCheckState(Qt.Checked if checked else Qt.Unchecked)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText("" if value is None else str(value))
        else:
            shown = value.isoformat() if isinstance(value, dt.date) else value
            if isinstance(value, (list, tuple)):
                shown = ", ".join(map(str, value))
            widget.setText("" if shown is None else str(shown))

    def form_text(self) -> dict[str, object]:
        """What the form holds, unparsed: to keep the typing over a reload."""
        return {name: self._raw(widget) for name, widget in self.inputs.items()}

    @staticmethod
    def _raw(widget: QWidget) -> object:
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QListWidget):
            return tuple(
                widget.item(k).data(Qt.UserRole)
                for k in range(widget.count())
                if widget.item(k).checkState() == Qt.Checked
            )
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        return widget.text()

    def _restore(self, typed: dict[str, object]) -> None:
        for name, value in typed.items():
            widget = self.inputs[name]
            if isinstance(widget, (QComboBox, QListWidget)):
                self.set_value(name, value)

    def values(self) -> dict[str, object]:
        """The form's values as the spec's functions take them; ValidationError for a number
        or date that cannot be read (nothing is called then)."""
        values: dict[str, object] = {}
        problems: list[FieldProblem] = []
        for spec_field in self.spec.fields:
            raw = self._raw(self.inputs[spec_field.name])
            if spec_field.widget in (Widget.INTEGER, Widget.DATE):
                text = str(raw).strip()
                try:
                    if not text:
                        values[spec_field.name] = None
                    elif spec_field.widget is Widget.INTEGER:
                        values[spec_field.name] = int(text)
                    else:
                        values[spec_field.name] = dt.date.fromisoformat(text)
                except ValueError:
                    what = (
                        "a whole number"
                        if spec_field.widget is Widget.INTEGER
                        else ("a date as YYYY-MM-DD")
                    )
                    problems.append(
                        FieldProblem(spec_field.problem_name, f"'{text}' is not {what}")
                    )
            else:
                values[spec_field.name] = raw
        if problems:
            raise ValidationError(problems)
        return values

    def _enable(self) -> None:
        editing = self.current is not None
        self.button_retire.setEnabled(editing)
        for spec_field in self.spec.fields:
            if spec_field.new_only:
                self.inputs[spec_field.name].setEnabled(not editing)
            elif spec_field.edit_only:
                self.inputs[spec_field.name].setEnabled(editing)
                if not editing:
                    self.set_value(spec_field.name, None)  # nothing a new row would drop
        self.label_form.setText(
            tr("Editing: {row}").format(row=self.spec.describe(self.current))
            if editing
            else tr("New: fill in the form and press Save.")
        )

    # Saving ------------------------------------------------------------------------------

    def save(self) -> bool:
        current = self.current
        if current is None:
            done = tr("Added.")
            call: Callable[[Connection, dict], object] = self.spec.create
        else:
            done = tr("Saved: {row}.").format(row=self.spec.describe(current))

            def call(connection: Connection, values: dict) -> object:
                return self.spec.update(connection, current, values)

        return self._run(tr("Save"), call, done)

    def retire(self) -> bool:
        current, retire = self.current, self.spec.retire
        if current is None or retire is None:
            return False
        action = label(self.spec.retire_label)
        return self._run(
            action,
            lambda connection, _values: retire(connection, current),
            tr("{action}: {row}.").format(action=action, row=self.spec.describe(current)),
            needs_values=False,
        )

    def _run(
        self,
        button: str,
        operation: Callable[[Connection, dict], object],
        done: str,
        *,
        needs_values: bool = True,
    ) -> bool:
        self.notice.clear_all()
        try:
            values = self.values() if needs_values else {}
            with busy(), self._engine.begin() as connection:
                result = operation(connection, values)
        except ConflictError as conflict:
            self.reload()
            self.notice.error(conflict_text(conflict, button))
            return False
        except ValidationError as error:
            self._refused(button, error)
            return False
        except ImisError as error:
            self.notice.error(
                tr("{problem} Nothing was changed.").format(problem=sentence(str(error)))
            )
            return False
        except SQLAlchemyError as error:
            LOGGER.exception("%s of %s failed", button, self.spec.key)
            self.notice.error(database_refused_text(error))
            return False
        if result is not None and hasattr(result, "id"):
            self.current = result  # the saved row stays selected
        elif not needs_values:
            self.current = None
        self.reload()
        if self.current is not None:
            self.fill(self.spec.values(self.current))
        self._enable()
        self.notice.success(done)
        self.saved.emit(self.spec.key)
        return True

    def _refused(self, button: str, error: ValidationError) -> None:
        labels = {f.problem_name: label(f.label) for f in self.spec.fields}
        widgets = {f.problem_name: self.inputs[f.name] for f in self.spec.fields}
        lines = [
            (p.field, f"{labels.get(p.field, p.field.replace('_', ' ').capitalize())}: {p.message}")
            for p in error.problems
        ]
        self.notice.error(refused_text(button, (line for _, line in lines)))
        for name, line in lines:
            if name in widgets:
                self.notice.mark(widgets[name], line)
