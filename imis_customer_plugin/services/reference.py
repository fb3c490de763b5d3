"""Lists the forms offer: categories and departments; and the names of staff members."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection


@dataclass(frozen=True)
class Choice:
    code: str
    name: str
    detail: str = ""  # for categories: the default classification


def categories(connection: Connection) -> list[Choice]:
    rows = connection.execute(
        text(
            "SELECT code, name, default_classification FROM imis.category "
            "WHERE is_active ORDER BY name"
        )
    ).all()
    return [Choice(*row) for row in rows]


def departments(connection: Connection) -> list[Choice]:
    rows = connection.execute(text("SELECT code, name FROM imis.department ORDER BY name")).all()
    return [Choice(*row) for row in rows]


def wards(connection: Connection) -> list[Choice]:
    rows = connection.execute(text("SELECT code, name FROM imis.ward ORDER BY code")).all()
    return [Choice(*row) for row in rows]


def staff_names(connection: Connection, staff_ids: Collection[int]) -> dict[int, str]:
    """The full names of these staff members, by id; none asked, none read."""
    if not staff_ids:
        return {}
    rows = connection.execute(
        text("SELECT id, full_name FROM imis.staff WHERE id = ANY(:ids)"), {"ids": list(staff_ids)}
    ).all()
    return dict(rows)
