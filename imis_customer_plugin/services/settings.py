"""Municipality-wide settings kept in imis.setting."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection


def get_setting(connection: Connection, key: str, default: object = None) -> object:
    value = connection.execute(
        text("SELECT value FROM imis.setting WHERE key = :key"), {"key": key}
    ).scalar()
    return default if value is None else value


def municipality_srid(connection: Connection) -> int:
    return int(get_setting(connection, "municipality.srid", 32734))
