"""Lists the forms offer: categories and departments."""

from __future__ import annotations

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
