"""The performance report: call operators, departments and artisans over the items logged in a
period (ReportFilter), judged on what has happened to those items up to the report.

Definitions (also printed as table notes):
- Operator: the role that logged the item (logged_by); items logged by the public intake
  (Open311, e-mail) appear under its role like any operator.
- Time to locate: hours from logging to locating (located_at), median of the located items.
- First-contact resolution: the operator who logged the item also resolved or closed it
  (a 'resolve', 'close' or 'acknowledge' event whose actor is logged_by) on the local day
  it was logged, and the item never had a task, a re-forward or a re-open: the customer's
  matter was settled in that first contact and stayed settled. Share of the items logged.
- Re-open rate: items with a 'reopen' event / items resolved or closed at least once.
- Satisfaction: mean score (1-5) of imis.satisfaction_rating of the items, and how many
  were rated.
- Department: the item's current department (after any re-forward).
- SLA compliance: of the items resolved (or closed without a resolve, as queries answered
  on the call are) that have a resolution target, the share resolved by it:
  coalesce(resolved_at, closed_at) <= resolution_due_at, as services/sla.py judges 'met'
  for the resolution target. sla_state is not used: it is only stored once the SLA has
  been computed for an item, and it also weighs the response target.
- Median hours to close: logging to closing (closed_at), of the items closed now.
- Backlog: items of the department open now (neither resolved nor closed), whenever they
  were logged up to the end of the period, narrowed by category and ward like the rest.
- Artisans: the tasks of the period's items assigned to a staff member; on time = done by
  the task's due time; median hours from the task's creation to its completion.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ...core.reports import Chart, Report, ReportFilter, Series, Table
from .common import REPORT_SETTINGS, hours, percent, planner_settings, reference_names
from .filters import LOCAL_TIME_SQL, compile_filter, database_description, report_moment

DONE_EVENTS = "('resolve', 'close', 'acknowledge')"
TOP_OPERATORS = 15  # operators shown in the chart; the table lists all

_PER_ITEM = f"""
    WITH flagged AS MATERIALIZED (
        -- One pass over the history for the rare events (a hashed look-up per item after).
        SELECT correspondence_id, event_type FROM imis.correspondence_event
         WHERE event_type IN ('reopen', 'reforward')
    ),
    items AS (
        SELECT c.id, c.logged_by, c.department_id, c.logged_at, c.located_at, c.closed_at,
               coalesce(c.resolved_at, c.closed_at) AS settled_at, c.resolution_due_at,
               c.id IN (SELECT correspondence_id FROM flagged WHERE event_type = 'reopen')
                   AS reopened,
               c.id IN (SELECT correspondence_id FROM flagged WHERE event_type = 'reforward')
                   AS reforwarded,
               c.id IN (SELECT correspondence_id FROM imis.task) AS has_task,
               {LOCAL_TIME_SQL.format(column="c.logged_at")} AS logged_local,
               r.score
          FROM imis.correspondence AS c
          LEFT JOIN imis.satisfaction_rating AS r ON r.correspondence_id = c.id
         WHERE {{where}}
        OFFSET 0
    ),
    judged AS (
        SELECT i.*,
               i.settled_at IS NOT NULL OR i.reopened AS resolved_once,
               CASE WHEN i.reopened OR i.reforwarded OR i.has_task OR i.settled_at IS NULL
                      OR i.settled_at >= i.logged_at + (date_trunc('day', i.logged_local)
                                                         + interval '1 day' - i.logged_local)
                    THEN false
                    -- without a re-open an item is settled once: was it by the operator?
                    ELSE EXISTS (SELECT FROM imis.correspondence_event AS e
                                  WHERE e.correspondence_id = i.id
                                    AND e.event_type IN {DONE_EVENTS}
                                    AND e.actor = i.logged_by
                                    AND e.occurred_at <= i.settled_at)
               END AS first_contact
          FROM items AS i
        OFFSET 0
    )
"""

_FIGURES = (
    _PER_ITEM
    + """
    SELECT logged_by, department_id, GROUPING(logged_by, department_id) AS rolled_up,
           count(*) AS logged,
           count(located_at) AS located,
           percentile_cont(0.5) WITHIN GROUP (
               ORDER BY date_part('epoch', located_at - logged_at)) AS locate_seconds,
           count(*) FILTER (WHERE first_contact) AS first_contact,
           count(*) FILTER (WHERE resolved_once) AS resolved_once,
           count(*) FILTER (WHERE reopened) AS reopened,
           count(score) AS ratings,
           avg(score) AS mean_score,
           count(*) FILTER (WHERE settled_at IS NOT NULL AND resolution_due_at IS NOT NULL)
               AS with_target,
           count(*) FILTER (WHERE settled_at <= resolution_due_at) AS met,
           count(closed_at) AS closed,
           percentile_cont(0.5) WITHIN GROUP (
               ORDER BY date_part('epoch', closed_at - logged_at)) AS close_seconds
      FROM judged
     GROUP BY GROUPING SETS ((logged_by), (department_id), ())
    """
)

# Open now, by department: the partial index on open statuses finds them without a scan.
_BACKLOG = """
    SELECT c.department_id, count(*) AS backlog
      FROM imis.correspondence AS c
     WHERE c.status NOT IN ('resolved', 'closed') AND c.logged_at < :end_at {narrowing}
     GROUP BY c.department_id
"""

_ARTISANS = """
    SELECT s.role_name, s.full_name, d.code AS department,
           count(*) AS tasks,
           count(*) FILTER (WHERE t.status = 'done') AS done,
           count(*) FILTER (WHERE t.status = 'done' AND t.due_at IS NOT NULL) AS done_with_due,
           count(*) FILTER (WHERE t.status = 'done' AND t.completed_at <= t.due_at) AS on_time,
           count(*) FILTER (WHERE t.status IN ('open', 'assigned', 'in_progress')) AS still_open,
           percentile_cont(0.5) WITHIN GROUP (
               ORDER BY date_part('epoch', t.completed_at - t.created_at))
               FILTER (WHERE t.status = 'done') AS complete_seconds
      FROM imis.correspondence AS c
      JOIN imis.task AS t ON t.correspondence_id = c.id
      JOIN imis.staff AS s ON s.id = t.assigned_staff_id
      JOIN imis.department AS d ON d.id = s.department_id
     WHERE {where}
     GROUP BY s.id, s.role_name, s.full_name, d.code
     ORDER BY count(*) DESC, s.role_name
"""


def performance_report(
    connection: Connection, report_filter: ReportFilter, *, now: dt.datetime | None = None
) -> Report:
    """Per call operator, per department and per artisan, for the items of the period."""
    moment = report_moment(connection, now)
    compiled = compile_filter(connection, report_filter, moment)
    with planner_settings(connection, REPORT_SETTINGS):
        rows = connection.execute(
            text(_FIGURES.format(where=compiled.current())), compiled.params
        ).all()
        backlog = dict(
            connection.execute(
                text(_BACKLOG.format(narrowing=compiled.narrowing)), compiled.params
            ).all()
        )
        artisans = connection.execute(
            text(_ARTISANS.format(where=compiled.current())), compiled.params
        ).all()
    operators = [r for r in rows if r.rolled_up == 1]
    departments = [r for r in rows if r.rolled_up == 2]
    total = next((r for r in rows if r.rolled_up == 3), None)
    names = reference_names(connection, "imis.department")
    staff = dict(connection.execute(text("SELECT role_name, full_name FROM imis.staff")).all())
    return Report(
        kind="performance",
        title="Performance report",
        filter=report_filter,
        generated_at=moment,
        database=database_description(connection),
        tables=(
            _operator_table(operators, total, staff),
            _department_table(departments, total, backlog, names),
            _artisan_table(artisans),
        ),
        charts=_charts(operators, departments, names),
        notes=(
            "Items are those logged in the period, judged on their history up to the time "
            "of the report.",
        ),
    )


def _operator_row(label: Sequence, row) -> tuple:
    return (
        *label,
        row.logged,
        row.located,
        hours(row.locate_seconds),
        row.first_contact,
        percent(row.first_contact, row.logged),
        row.resolved_once,
        row.reopened,
        percent(row.reopened, row.resolved_once),
        row.ratings,
        None if row.mean_score is None else round(float(row.mean_score), 2),
    )


def _operator_table(operators: Sequence, total, staff: dict[str, str]) -> Table:
    ordered = sorted(operators, key=lambda r: (-r.logged, r.logged_by))
    rows = [_operator_row((r.logged_by, staff.get(r.logged_by, "")), r) for r in ordered]
    if total is not None:
        rows.append(_operator_row(("All operators", ""), total))
    return Table(
        "operators",
        "Call operators",
        ("Operator", "Name", "Items logged", "Located", "Median hours to locate",
         "First-contact resolutions", "First-contact resolution (%)",
         "Resolved at least once", "Re-opened", "Re-open rate (%)", "Ratings",
         "Mean satisfaction (1-5)"),
        tuple(rows),
        note="First-contact resolution: resolved or closed by the operator who logged it, on "
        "the day it was logged, with no task, re-forward or re-open; share of the items "
        "logged. Re-open rate: items re-opened / items resolved or closed at least once. "
        "Satisfaction: mean customer rating of the operator's items.",
    )  # fmt: skip


def _department_row(label: Sequence, row, backlog: int) -> tuple:
    return (
        *label,
        row.logged,
        row.with_target,
        row.met,
        percent(row.met, row.with_target),
        row.closed,
        hours(row.close_seconds),
        backlog,
        row.ratings,
        None if row.mean_score is None else round(float(row.mean_score), 2),
    )


def _department_table(departments: Sequence, total, backlog: dict, names: dict) -> Table:
    ordered = sorted(departments, key=lambda r: names[r.department_id][0])
    rows = [
        _department_row(names[r.department_id], r, backlog.get(r.department_id, 0)) for r in ordered
    ]
    for department_id in sorted(set(backlog) - {r.department_id for r in departments}):
        rows.append((*names[department_id], 0, 0, 0, None, 0, None, backlog[department_id], 0,
                     None))  # fmt: skip
    if total is not None:
        rows.append(_department_row(("All departments", ""), total, sum(backlog.values())))
    return Table(
        "departments",
        "Departments",
        ("Department", "Name", "Items logged", "Resolved with a target", "Resolved in time",
         "SLA compliance (%)", "Closed", "Median hours to close", "Backlog (open now)",
         "Ratings", "Mean satisfaction (1-5)"),
        tuple(rows),
        note="Department: the item's current department. SLA compliance: of the items "
        "resolved (or closed without a resolve) that have a resolution target, the share "
        "resolved by it. Median hours from logging to closing, of the items closed. Backlog: "
        "the department's items open now that were logged before the end of the period.",
    )  # fmt: skip


def _artisan_table(artisans: Sequence) -> Table:
    return Table(
        "artisans",
        "Artisans",
        ("Staff", "Name", "Department", "Tasks", "Done", "Done on time", "On time (%)",
         "Median hours to complete", "Still open"),
        tuple(
            (r.role_name, r.full_name, r.department, r.tasks, r.done, r.on_time,
             percent(r.on_time, r.done_with_due), hours(r.complete_seconds), r.still_open)
            for r in artisans
        ),
        note="Tasks of the period's items assigned to the staff member. On time: done by the "
        "task's due time, of the done tasks that have one. Hours from the task's creation to "
        "its completion.",
    )  # fmt: skip


def _charts(operators: Sequence, departments: Sequence, names: dict) -> tuple[Chart, ...]:
    top = sorted(operators, key=lambda r: (-r.logged, r.logged_by))[:TOP_OPERATORS]
    ordered = sorted(departments, key=lambda r: names[r.department_id][0])
    return (
        Chart(
            "operators_logged",
            f"Items logged by the {len(top)} busiest operators",
            "barh",
            tuple(r.logged_by for r in top),
            (
                Series("Items logged", tuple(float(r.logged) for r in top)),
                Series("First-contact resolutions", tuple(float(r.first_contact) for r in top)),
            ),
            y_label="Items",
        ),
        Chart(
            "department_sla",
            "SLA compliance by department",
            "bar",
            tuple(names[r.department_id][0] for r in ordered),
            (Series("SLA compliance (%)", tuple(
                percent(r.met, r.with_target) or 0.0 for r in ordered)),),
            y_label="%",
        ),
        Chart(
            "department_close_hours",
            "Median hours to close by department",
            "bar",
            tuple(names[r.department_id][0] for r in ordered),
            (Series("Median hours to close", tuple(
                hours(r.close_seconds) or 0.0 for r in ordered)),),
            y_label="Hours",
        ),
    )  # fmt: skip
