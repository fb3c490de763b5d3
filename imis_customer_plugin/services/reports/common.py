"""Small helpers the report services share: percentages as printed, and names for ids."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import Connection


def percent(part: float, whole: float, digits: int = 1) -> float | None:
    """part as a percentage of whole, rounded as printed; None when there is no whole."""
    return None if not whole else round(100.0 * part / whole, digits)


def change_percent(current: float, previous: float) -> float | None:
    """The change from previous to current in percent; None when previous is zero."""
    return None if not previous else round(100.0 * (current - previous) / previous, 1)


def hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(float(seconds) / 3600.0, 1)


_NAMES = {  # constant table names: nothing of the user's goes into the SQL text
    "imis.category": text("SELECT id, code, name FROM imis.category"),
    "imis.department": text("SELECT id, code, name FROM imis.department"),
    "imis.ward": text("SELECT id, code, name FROM imis.ward"),
}


def reference_names(connection: Connection, table: str) -> dict[int, tuple[str, str]]:
    """{id: (code, name)} of a reference table (category, department or ward)."""
    return {row.id: (row.code, row.name) for row in connection.execute(_NAMES[table])}


# Report queries read a million rows once: compiling them to machine code (JIT) costs more
# than it saves, and their aggregates need more than the default 4 MB to stay in memory.
REPORT_SETTINGS = {"jit": "off", "work_mem": "64MB"}
# The planner cannot estimate how few groups computed columns (status at a moment, week of
# the period) make, and would sort a million rows to group them; hashing takes a fraction.
HASHED_GROUPS = {**REPORT_SETTINGS, "enable_sort": "off"}


@contextmanager
def planner_settings(connection: Connection, settings: Mapping[str, str]) -> Iterator[None]:
    """Sets these planner settings for the statements inside, then puts the previous values
    back (set_config(..., true): they never outlive the caller's transaction either)."""
    names = sorted(settings)
    previous = connection.execute(
        text("SELECT name, current_setting(name) FROM unnest(CAST(:names AS text[])) AS name"),
        {"names": names},
    ).all()
    change = text("SELECT set_config(:name, :value, true)")
    for name in names:
        connection.execute(change, {"name": name, "value": settings[name]})
    try:
        yield
    finally:
        for name, value in previous:
            connection.execute(change, {"name": name, "value": value})
