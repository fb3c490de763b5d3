"""The progress report: what was logged in a period, where it stands at the period's end, and
how that compares with the period before.

Definitions (also printed as table notes):
- The items of a period are those logged in it (ReportFilter: [start, end) local days),
  narrowed by department (the item's current department), category and ward.
- "At the end of the period" is the moment the period ends, or the report's `now` when the
  period is not over yet. The status at that moment comes from the item's history
  (imis.correspondence_event): the last status change before it. The row alone answers
  when it cannot have changed since (updated before the moment, or closed/resolved before
  it and still so), which spares the history look-up for almost every item.
- Open = neither resolved nor closed at the end of the period; resolved = resolved but not
  yet closed; closed = closed.
- Ageing: days from logging to the end of the period of the items open then, in whole days:
  0-7, 8-30, 31-90, over 90.
- Overdue: open at the end of the period and past its resolution due time
  (resolution_due_at as stored now; a re-open that restarted the clock moved it).
- The previous period has the same length and ends where this one starts; its items are
  counted at its own end.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ...core.reports import Chart, Report, ReportFilter, Series, Table
from ...definitions import DISPLAY_TIMEZONE, shown_time
from .common import (
    HASHED_GROUPS,
    REPORT_SETTINGS,
    change_percent,
    percent,
    planner_settings,
    reference_names,
)
from .filters import IN_CURRENT, compile_filter, database_description, report_moment

OVERDUE_LIST_LIMIT = 1000
AGE_BUCKETS = ("0-7 days", "8-30 days", "31-90 days", "over 90 days")

# The status of item i at moment i.at (see the module docstring).
STATUS_AT_SQL = """
    CASE WHEN coalesce(i.updated_at, i.logged_at) < i.at THEN i.status
         WHEN i.status = 'closed' AND i.closed_at < i.at THEN 'closed'
         WHEN i.status = 'resolved' AND i.resolved_at < i.at THEN 'resolved'
         ELSE coalesce((SELECT e.to_status FROM imis.correspondence_event AS e
                         WHERE e.correspondence_id = i.id AND e.to_status IS NOT NULL
                           AND e.occurred_at < i.at
                         ORDER BY e.occurred_at DESC, e.id DESC LIMIT 1), 'logged')
    END
"""

_DIMENSIONS = ("classification", "category_id", "department_id", "ward_id", "status_at",
               "age_bucket", "week")  # fmt: skip
_COLUMNS = ("classification", "category_id", "department_id", "ward_id")


def _items_sql(where: str, *columns: str) -> str:
    """The items of `where` (and `columns` of theirs): the moment each is judged at and its
    status then. OFFSET 0 keeps each level as written, so that the moment and the status
    (a history look-up for some) are computed once a row rather than wherever used."""
    extra = "".join(f", c.{column}" for column in columns)
    return f"""
        SELECT i.*, {STATUS_AT_SQL} AS status_at
          FROM (
            SELECT c.id, c.logged_at, c.resolution_due_at, c.status, c.updated_at,
                   c.closed_at, c.resolved_at, {IN_CURRENT} AS current,
                   CASE WHEN {IN_CURRENT} THEN CAST(:as_at AS timestamptz)
                        ELSE CAST(:previous_as_at AS timestamptz) END AS at{extra}
              FROM imis.correspondence AS c
             WHERE {where}
            OFFSET 0
          ) AS i
        OFFSET 0
    """


def _figures_sql(where: str) -> str:
    """One pass over the items: counts per combination of every dimension (a hash
    aggregate over at most a few hundred thousand groups), then the grouping sets of
    each dimension over those few groups."""
    dimensions = ", ".join(_DIMENSIONS)
    sets = ", ".join(f"(current, {d})" for d in _DIMENSIONS)
    return f"""
        WITH fine AS (
            SELECT current, classification, category_id, department_id, ward_id, status_at,
                   CASE WHEN status_at IN ('resolved', 'closed') THEN NULL
                        WHEN at - logged_at < interval '8 days' THEN 0
                        WHEN at - logged_at < interval '31 days' THEN 1
                        WHEN at - logged_at < interval '91 days' THEN 2
                        ELSE 3 END AS age_bucket,
                   floor(date_part('epoch', logged_at - CASE WHEN current
                         THEN CAST(:start_at AS timestamptz)
                         ELSE CAST(:previous_start_at AS timestamptz) END) / 604800)::int
                       AS week,
                   count(*) AS logged,
                   count(*) FILTER (WHERE status_at NOT IN ('resolved', 'closed')
                                      AND resolution_due_at < at) AS overdue
              FROM ({_items_sql(where, *_COLUMNS)}) AS items
             GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
        )
        SELECT current, {dimensions}, GROUPING({dimensions}) AS rolled_up,
               sum(logged)::bigint AS logged,
               coalesce(sum(logged) FILTER (WHERE status_at NOT IN ('resolved', 'closed')),
                        0)::bigint AS open,
               coalesce(sum(logged) FILTER (WHERE status_at = 'resolved'), 0)::bigint
                   AS resolved,
               coalesce(sum(logged) FILTER (WHERE status_at = 'closed'), 0)::bigint AS closed,
               sum(overdue)::bigint AS overdue
          FROM fine
         GROUP BY GROUPING SETS ((current), {sets})
    """


def _overdue_sql(where: str) -> str:
    return f"""
        SELECT i.reference, cat.code AS category, d.code AS department, w.code AS ward,
               i.status_at, i.logged_at, i.resolution_due_at,
               extract(epoch FROM i.at - i.resolution_due_at) / 86400 AS days_overdue
          FROM ({_items_sql(where, "reference", *_COLUMNS)}) AS i
          JOIN imis.category AS cat ON cat.id = i.category_id
          JOIN imis.department AS d ON d.id = i.department_id
          LEFT JOIN imis.ward AS w ON w.id = i.ward_id
         WHERE i.status_at NOT IN ('resolved', 'closed') AND i.resolution_due_at < i.at
         ORDER BY i.resolution_due_at, i.reference
         LIMIT :limit
    """


def progress_report(
    connection: Connection, report_filter: ReportFilter, *, now: dt.datetime | None = None
) -> Report:
    """Logged / open / resolved / closed by status, classification, category, department and
    ward; ageing; the overdue list; this period against the previous one."""
    moment = report_moment(connection, now)
    compiled = compile_filter(connection, report_filter, moment)
    with planner_settings(connection, HASHED_GROUPS):
        figures = connection.execute(text(_figures_sql(compiled.both_periods())), compiled.params)
        groups = _Groups(figures.all())
    with planner_settings(connection, REPORT_SETTINGS):
        overdue = connection.execute(
            # Only items already due can be overdue: the history look-up skips the rest.
            text(_overdue_sql(compiled.current() + " AND c.resolution_due_at < :as_at")),
            {**compiled.params, "limit": OVERDUE_LIST_LIMIT},
        ).all()
    categories = reference_names(connection, "imis.category")
    departments = reference_names(connection, "imis.department")
    wards = reference_names(connection, "imis.ward")
    at_note = f"Status at {shown_time(compiled.as_at)} (the end of the period, or now if earlier)."
    tables = (
        _summary(groups, at_note),
        _by_status(groups, at_note),
        _breakdown(
            groups, "classification", "by_classification", "By classification",
            ("Classification",), lambda key: (key,), at_note,
        ),
        _breakdown(
            groups, "category_id", "by_category", "By category", ("Category", "Name"),
            lambda key: categories[key], at_note,
        ),
        _breakdown(
            groups, "department_id", "by_department", "By department (current department)",
            ("Department", "Name"), lambda key: departments[key], at_note,
        ),
        _breakdown(
            groups, "ward_id", "by_ward", "By ward", ("Ward", "Name"),
            lambda key: wards.get(key, ("", "Not located")), at_note,
        ),
        _ageing(groups, at_note),
        _overdue(overdue, groups.total(True)["overdue"], at_note),
    )  # fmt: skip
    return Report(
        kind="progress",
        title="Progress report",
        filter=report_filter,
        generated_at=moment,
        database=database_description(connection),
        tables=tables,
        charts=_charts(groups, departments, report_filter),
        notes=(
            "Items are those logged in the period; open means neither resolved nor closed at "
            "the end of the period, taken from each item's history.",
        ),
    )


FIGURES = ("logged", "open", "resolved", "closed", "overdue")  # per group


class _Groups:
    """The grouped figures by dimension: {dimension: {current: {key: figures}}}."""

    def __init__(self, rows: Sequence) -> None:
        self.by: dict[str, dict[bool, dict[object, dict[str, int]]]] = defaultdict(
            lambda: {True: {}, False: {}}
        )
        for row in rows:
            figures = {k: row._mapping[k] for k in FIGURES}
            grouped = [d for d in _DIMENSIONS if _is_grouped(row, d)]
            dimension = grouped[0] if grouped else "total"
            key = row._mapping[dimension] if grouped else None
            self.by[dimension][row.current][key] = figures

    def total(self, current: bool) -> dict[str, int]:
        return self.get("total", current, None)

    def keys(self, dimension: str) -> list:
        both = self.by[dimension]
        return sorted(set(both[True]) | set(both[False]), key=lambda k: (k is None, k))

    def get(self, dimension: str, current: bool, key: object) -> dict[str, int]:
        return self.by[dimension][current].get(key, dict.fromkeys(FIGURES, 0))


def _is_grouped(row, dimension: str) -> bool:
    """Whether the row is a group of `dimension`: GROUPING() gives 1 for rolled-up columns."""
    bit = 1 << (len(_DIMENSIONS) - 1 - _DIMENSIONS.index(dimension))
    return not (row.rolled_up & bit)


def _summary(groups: _Groups, at_note: str) -> Table:
    now, before = groups.total(True), groups.total(False)
    rows = []
    for label, key in (
        ("Logged", "logged"),
        ("Open at the end", "open"),
        ("Resolved, awaiting closure", "resolved"),
        ("Closed", "closed"),
        ("Overdue at the end", "overdue"),
    ):
        rows.append(
            (label, now[key], before[key], now[key] - before[key],
             change_percent(now[key], before[key]))
        )  # fmt: skip
    rows.append(
        ("Share closed (%)", percent(now["closed"], now["logged"]),
         percent(before["closed"], before["logged"]), None, None)
    )  # fmt: skip
    return Table(
        "summary",
        "This period against the previous one",
        ("Measure", "This period", "Previous period", "Change", "Change (%)"),
        tuple(rows),
        note=at_note + " The previous period is as long and ends where this one starts; its "
        "items are counted at its own end. Overdue: open and past the resolution due time.",
    )


def _by_status(groups: _Groups, at_note: str) -> Table:
    total, before_total = groups.total(True)["logged"], groups.total(False)["logged"]
    rows = []
    for status in groups.keys("status_at"):
        now = groups.get("status_at", True, status)["logged"]
        before = groups.get("status_at", False, status)["logged"]
        rows.append((status, now, percent(now, total), before, percent(before, before_total)))
    return Table(
        "by_status",
        "By status at the end of the period",
        ("Status", "Items", "Share (%)", "Previous period", "Previous share (%)"),
        tuple(rows),
        note=at_note,
    )


def _breakdown(
    groups: _Groups,
    dimension: str,
    key: str,
    title: str,
    label_columns: tuple[str, ...],
    labels: Callable[[object], tuple],
    at_note: str,
) -> Table:
    rows = []
    for value in groups.keys(dimension):
        now = groups.get(dimension, True, value)
        before = groups.get(dimension, False, value)["logged"]
        rows.append(
            (*labels(value), now["logged"], now["open"], now["resolved"], now["closed"],
             percent(now["closed"], now["logged"]), now["overdue"], before,
             change_percent(now["logged"], before))
        )  # fmt: skip
    return Table(
        key,
        title,
        (*label_columns, "Logged", "Open", "Resolved", "Closed", "Closed (%)", "Overdue",
         "Previous period logged", "Change in logged (%)"),
        tuple(sorted(rows, key=lambda r: -r[len(label_columns)])),
        note=at_note,
    )  # fmt: skip


def _ageing(groups: _Groups, at_note: str) -> Table:
    open_now = groups.total(True)["open"]
    open_before = groups.total(False)["open"]
    rows = []
    for index, label in enumerate(AGE_BUCKETS):
        now = groups.get("age_bucket", True, index)["logged"]
        before = groups.get("age_bucket", False, index)["logged"]
        rows.append((label, now, percent(now, open_now), before, percent(before, open_before)))
    return Table(
        "ageing",
        "Age of the items open at the end of the period",
        ("Age", "Open items", "Share (%)", "Previous period", "Previous share (%)"),
        tuple(rows),
        note=at_note + " Age in whole days from logging to the end of the period.",
    )


def _overdue(rows: Sequence, total: int, at_note: str) -> Table:
    listed = tuple(
        (r.reference, r.category, r.department, r.ward or "", r.status_at,
         r.logged_at.astimezone(DISPLAY_TIMEZONE),
         r.resolution_due_at.astimezone(DISPLAY_TIMEZONE), round(float(r.days_overdue), 1))
        for r in rows
    )  # fmt: skip
    more = ""
    if total > len(listed):
        more = f" The {len(listed)} longest overdue of {total} are listed."
    return Table(
        "overdue",
        "Overdue at the end of the period",
        ("Reference", "Category", "Department", "Ward", "Status", "Logged (SAST)",
         "Resolution due (SAST)", "Days overdue"),
        listed,
        note=at_note + " Open and past the resolution due time, longest overdue first." + more,
    )  # fmt: skip


def _charts(groups: _Groups, departments: dict, report_filter: ReportFilter) -> tuple[Chart, ...]:
    weeks = range(-(-report_filter.days // 7))  # week k = days 7k to 7k+6 of the period
    statuses = groups.keys("status_at")
    by_department = sorted(
        groups.keys("department_id"), key=lambda k: -groups.get("department_id", True, k)["logged"]
    )
    return (
        Chart(
            "logged_per_week",
            "Logged per week: this period and the previous one",
            "line",
            tuple(f"Week {w + 1}" for w in weeks),
            (
                Series("This period", tuple(
                    float(groups.get("week", True, w)["logged"]) for w in weeks)),
                Series("Previous period", tuple(
                    float(groups.get("week", False, w)["logged"]) for w in weeks)),
            ),
            y_label="Items logged",
        ),
        Chart(
            "by_status",
            "Status at the end of the period",
            "bar",
            tuple(str(s) for s in statuses),
            (Series("Items", tuple(
                float(groups.get("status_at", True, s)["logged"]) for s in statuses)),),
            y_label="Items",
        ),
        Chart(
            "by_department",
            "Open, resolved and closed by department",
            "stacked_bar",
            tuple(departments[d][0] for d in by_department),
            tuple(
                Series(label, tuple(
                    float(groups.get("department_id", True, d)[key]) for d in by_department))
                for label, key in (("Open", "open"), ("Resolved", "resolved"),
                                   ("Closed", "closed"))
            ),
            y_label="Items",
        ),
    )  # fmt: skip
