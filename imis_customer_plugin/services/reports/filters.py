"""A ReportFilter as SQL: the WHERE clause and bound parameters every report query shares,
and the description of the database for the report header.

The period is [start, end) in the municipality's zone (DISPLAY_TIMEZONE): a report for
"October" counts what was logged from 1 October 00:00 SAST up to 1 November 00:00 SAST.
Departments and categories are given by code, wards by imis.ward.code; the codes are
resolved to ids once, so the queries compare integer keys, and an unknown code is refused
naming it (a typo must not silently give an empty report).

The clause is written for the register under the alias `c` (imis.correspondence AS c). Only
constant SQL fragments are joined; every value is a bound parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ...core.errors import FieldProblem, ValidationError
from ...core.reports import ReportFilter
from ...definitions import DISPLAY_TIMEZONE
from .common import reference_names

# Local wall-clock time of a stored moment, whatever the session's TimeZone setting is.
LOCAL_TIME_SQL = "(({column} AT TIME ZONE 'UTC') + CAST(:zone_offset AS interval))"

_LOOKUPS = (
    # (ReportFilter field, table, what the user calls it, SQL parameter, register column)
    ("department_codes", "imis.department", "department", "department_ids", "c.department_id"),
    ("category_codes", "imis.category", "category", "category_ids", "c.category_id"),
    ("ward_codes", "imis.ward", "ward", "ward_ids", "c.ward_id"),
)


def local_midnight(day: dt.date) -> dt.datetime:
    """The moment a local day starts (aware, in DISPLAY_TIMEZONE)."""
    return dt.datetime.combine(day, dt.time(0), DISPLAY_TIMEZONE)


@dataclass(frozen=True)
class CompiledFilter:
    """A ReportFilter resolved against the database.

    `narrowing` holds the department/category/ward conditions (each starting with AND, or
    nothing); `params` binds them and the period bounds: start_at, end_at (this period),
    previous_start_at (the period of the same length before), as_at (the end of this period
    or `now` when that is earlier: what "at the end of the period" can mean today) and
    previous_as_at, and zone_offset for LOCAL_TIME_SQL.
    """

    narrowing: str
    params: dict[str, object] = field(default_factory=dict)

    @property
    def as_at(self) -> dt.datetime:
        return self.params["as_at"]

    def current(self) -> str:
        """Items logged in this period, narrowed."""
        return "c.logged_at >= :start_at AND c.logged_at < :end_at" + self.narrowing

    def both_periods(self) -> str:
        """Items logged in the previous period or this one, narrowed (split with IN_CURRENT)."""
        return "c.logged_at >= :previous_start_at AND c.logged_at < :end_at" + self.narrowing


IN_CURRENT = "c.logged_at >= :start_at"  # within both_periods(): this period, else the previous


def compile_filter(
    connection: Connection, report_filter: ReportFilter, now: dt.datetime
) -> CompiledFilter:
    """Resolves the codes of `report_filter`; ValidationError naming every unknown code."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware.")
    start_at = local_midnight(report_filter.start)
    end_at = local_midnight(report_filter.end)
    previous_start_at = local_midnight(report_filter.previous().start)
    params: dict[str, object] = {
        "start_at": start_at,
        "end_at": end_at,
        "previous_start_at": previous_start_at,
        "as_at": min(end_at, now),
        "previous_as_at": min(start_at, now),
        "zone_offset": DISPLAY_TIMEZONE.utcoffset(None),
    }
    narrowing, problems = [], []
    for name, table, label, parameter, column in _LOOKUPS:
        codes = getattr(report_filter, name)
        if not codes:
            continue
        ids = {code: id_ for id_, (code, _) in reference_names(connection, table).items()}
        unknown = [code for code in codes if code not in ids]
        if unknown:
            problems.append(FieldProblem(name, _unknown(label, unknown)))
            continue
        narrowing.append(f" AND {column} = ANY(:{parameter})")
        params[parameter] = sorted({ids[code] for code in codes})
    if problems:
        raise ValidationError(problems)
    return CompiledFilter("".join(narrowing), params)


def _unknown(label: str, codes: Sequence[str]) -> str:
    listed = ", ".join(f"'{code}'" for code in codes)
    plural = "s" if len(codes) > 1 else ""
    return f"unknown {label} code{plural} {listed}: use the codes the register lists"


def database_description(connection: Connection) -> str:
    """'imis_bench_reports on /var/run/postgresql:5439': where the figures came from (never
    the user or password)."""
    info = getattr(connection.connection.dbapi_connection, "info", None)
    if info is not None and getattr(info, "dbname", None):
        return f"{info.dbname} on {info.host}:{info.port}"
    name, address, port = connection.execute(
        text("SELECT current_database(), host(inet_server_addr()), inet_server_port()")
    ).one()
    return f"{name} on {address or 'local socket'}:{port or ''}".rstrip(":")


def report_moment(connection: Connection, now: dt.datetime | None) -> dt.datetime:
    """`now` as given (tests, scheduled runs), else the database's clock, in local time."""
    moment = now or connection.execute(text("SELECT now()")).scalar_one()
    if moment.tzinfo is None:
        raise ValueError("now must be timezone-aware.")
    return moment.astimezone(DISPLAY_TIMEZONE)
