"""How an editor tab is described: its fields, and the service calls behind it.

One small description per kind of configuration (admin/kinds.py) drives the one reusable
table-and-form widget (admin/record_editor.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Optional, Union

from sqlalchemy.engine import Connection

from ....definitions import QT_TRANSLATE_NOOP

# (value stored, label shown)
Choices = Sequence[tuple[object, str]]
ChoiceSource = Union[Choices, Callable[[Connection], Choices]]


class Widget(str, Enum):
    TEXT = "text"  # one line
    MULTILINE = "multiline"
    INTEGER = "integer"  # blank: none
    DATE = "date"  # YYYY-MM-DD; blank: none
    CHOICE = "choice"  # a combo box of `choices`
    FLAG = "flag"  # a check box
    CHECKS = "checks"  # a list of `choices` to tick (several values)


@dataclass(frozen=True)
class FieldSpec:
    name: str  # key of the values a form gives and takes
    label: str  # untranslated (QT_TRANSLATE_NOOP, context AdministrationDialog)
    widget: Widget = Widget.TEXT
    choices: Optional[ChoiceSource] = None
    blank: Optional[str] = None  # a CHOICE's entry for "none" (e.g. "whole municipality")
    problem: str = ""  # the services' name for this field, when not `name`
    in_table: bool = True
    new_only: bool = False  # set when adding; fixed once saved (e.g. an asset's number)
    edit_only: bool = False  # set on a saved row only; disabled and blank while adding
    tooltip: str = ""
    default: object = None

    @property
    def problem_name(self) -> str:
        return self.problem or self.name


@dataclass(frozen=True)
class EditorSpec:
    """One tab: its rows, the form's fields and what Save / Deactivate call.

    `values(row)` gives a row's field values; `create(connection, values)` and
    `update(connection, row, values)` save them (the row as read: the services refuse it
    when it changed since); `retire(connection, row)` deactivates or deletes it.
    """

    key: str
    title: str  # untranslated
    fields: tuple[FieldSpec, ...]
    load: Callable[[Connection, str], list]  # (connection, search text) -> rows
    values: Callable[[object], dict]
    create: Callable[[Connection, dict], object]
    update: Callable[[Connection, object, dict], object]
    describe: Callable[[object], str]
    retire: Optional[Callable[[Connection, object], object]] = None
    retire_label: str = QT_TRANSLATE_NOOP("AdministrationDialog", "Deactivate")
    searchable: bool = False  # a search line filters the rows (by number)
    note: str = ""  # untranslated: what the tab cannot do, and why
    reload_when: tuple[str, ...] = ()  # keys of the tabs whose saves change its value lists

    def field(self, name: str) -> FieldSpec:
        return next(f for f in self.fields if f.name == name)
