"""What the administrators' editors share: the value lists their forms offer, the message
templates as a list, and the check that a configuration row is still as the user read it.

Routing rules, teams and SLA policies have no row version (migrations 0005/0006), so an edit
names the row as the user read it; a row changed since is refused with ConflictError naming
what changed, and nothing is written (the same promise as a row version gives).

Every function takes an open Connection; the caller decides the transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ..core.configuration import changes_between
from ..core.errors import ConflictError, ValidationError


@dataclass(frozen=True)
class Option:
    """One entry of a form's value list: the id stored, the label shown."""

    id: int
    label: str
    group: str = ""  # e.g. a staff member's or team's department code, to filter by
    active: bool = True


_LISTS = {
    "categories": "SELECT id, name || ' (' || code || ')', '', is_active FROM imis.category "
    "ORDER BY name",
    "departments": "SELECT id, name || ' (' || code || ')', code, true FROM imis.department "
    "ORDER BY name",
    "wards": "SELECT id, name, '', true FROM imis.ward ORDER BY code, id",
    "suburbs": "SELECT id, name, '', true FROM imis.suburb ORDER BY name, id",
    "calendars": "SELECT id, name, '', true FROM imis.business_calendar ORDER BY name",
    "staff": "SELECT s.id, s.full_name || ' (' || d.code || ', ' || s.job_title || ')', d.code, "
    "s.is_active FROM imis.staff AS s JOIN imis.department AS d ON d.id = s.department_id "
    "ORDER BY d.code, s.full_name, s.id",
    "artisans": "SELECT s.id, s.full_name || ' (' || d.code || ')', d.code, s.is_active "
    "FROM imis.staff AS s JOIN imis.department AS d ON d.id = s.department_id "
    "WHERE s.is_artisan ORDER BY d.code, s.full_name, s.id",
    "teams": "SELECT t.id, t.name || ' (' || d.code || ')', d.code, true FROM imis.team AS t "
    "JOIN imis.department AS d ON d.id = t.department_id ORDER BY d.code, t.name",
}


def options(connection: Connection, kind: str, *, active_only: bool = True) -> list[Option]:
    """A value list by name (a key of _LISTS): categories, departments, wards, suburbs,
    calendars, staff, artisans or teams; inactive entries only when asked for."""
    try:
        statement = _LISTS[kind]
    except KeyError:
        raise ValueError(f"unknown value list '{kind}'; use one of {', '.join(_LISTS)}") from None
    rows = connection.execute(text(statement)).all()
    return [Option(*row) for row in rows if row[3] or not active_only]


@dataclass(frozen=True)
class TemplateRow:
    id: int
    kind: str
    classification: Optional[str]  # None: every classification
    language: str
    channel: str
    subject: str
    body: str


def list_templates(connection: Connection) -> list[TemplateRow]:
    """Every message template, by kind, language, channel; a classification's own after the
    general one. Saved with services.outbox.save_template (which validates)."""
    rows = connection.execute(
        text(
            "SELECT id, kind, classification, language, channel, subject, body "
            "FROM imis.message_template "
            "ORDER BY kind, language, channel, classification NULLS FIRST, id"
        )
    ).all()
    return [TemplateRow(*row) for row in rows]


def refuse_if_changed(
    what: str, read: Mapping[str, object], current: Mapping[str, object], names: Iterable[str]
) -> None:
    """ConflictError when the row (`current`, locked) differs from the one the user read."""
    changes = changes_between(read, current, names)
    if changes:
        raise ConflictError(
            reference=what,
            expected_version=0,  # these tables carry no version: the values are compared
            current_version=0,
            changed_by="another user",
            changes=changes,
        )


def require_row(connection: Connection, table: str, row_id: Optional[int], field: str,
                what: str) -> Optional[dict]:  # fmt: skip
    """The referenced row as a mapping (None for no reference); ValidationError when the id
    names no row. `table` is one of this module's fixed names, never user input."""
    if row_id is None:
        return None
    if table not in _REFERENCED:
        raise ValueError(f"not a referenced table: {table}")
    row = connection.execute(text(_REFERENCED[table]), {"id": row_id}).mappings().one_or_none()
    if row is None:
        raise ValidationError.single(field, f"there is no {what} with id {row_id}")
    return dict(row)


_REFERENCED = {
    "category": "SELECT id, code, name, is_active, department_id FROM imis.category WHERE id = :id",
    "department": "SELECT id, code, name FROM imis.department WHERE id = :id",
    "ward": "SELECT id, code, name FROM imis.ward WHERE id = :id",
    "suburb": "SELECT id, name FROM imis.suburb WHERE id = :id",
    "staff": "SELECT s.id, s.full_name, s.is_active, s.is_artisan, s.department_id, "
    "d.code AS department FROM imis.staff AS s JOIN imis.department AS d "
    "ON d.id = s.department_id WHERE s.id = :id",
    "team": "SELECT t.id, t.name, t.department_id, d.code AS department FROM imis.team AS t "
    "JOIN imis.department AS d ON d.id = t.department_id WHERE t.id = :id",
    "calendar": "SELECT id, code, name FROM imis.business_calendar WHERE id = :id",
}
