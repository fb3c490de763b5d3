"""Municipality-wide settings kept in imis.setting, and a helper every query of user text needs."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection


def get_setting(connection: Connection, key: str, default: object = None) -> object:
    value = connection.execute(
        text("SELECT value FROM imis.setting WHERE key = :key"), {"key": key}
    ).scalar()
    return default if value is None else value


def escape_like(value: str) -> str:
    """User text as a literal inside a LIKE pattern."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
