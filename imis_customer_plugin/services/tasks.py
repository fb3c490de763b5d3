"""Tasks and dispatch (step 2 of the process): a located item's work, routed by the data.

A located item gets its tasks from the most specific routing rule (core.routing), else from
its department and classification; a supervisor re-routes or splits them, assigns them to an
artisan or a team, and sees each department's dispatch board in the scheduling order and the
load of its artisans. Completing a task (status 'done') belongs to the job cards: the task is
done when its last job card is.

Every function takes an open SQLAlchemy Connection inside a transaction: the caller decides
where the unit of work begins and ends. A change names the task version the user read; a
task changed since is refused with ConflictError and nothing is written. Every change is an
event in the item's history ('task', 'reroute', 'assign'); an 'assign' to a staff member
queues the 'assignment' message to that person (migration 0005's trigger).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Optional, Union

from sqlalchemy import text
from sqlalchemy.engine import Connection, Row

from ..core.errors import NotFoundError, ValidationError
from ..core.routing import (
    OPEN_TASK_STATUSES,
    RoutingRule,
    SchedulingKey,
    TaskPlan,
    TaskStatus,
    check_kinds,
    choose_rule,
    plan_tasks,
)
from .register import add_event, department_by_code, refuse_stale

MAX_BOARD_PAGE = 1000
# Literal, so that the planner matches the partial index task_board_idx.
_OPEN = "('open', 'assigned', 'in_progress')"
_BOARD_ORDER = "priority, zone_priority, due_at, id"  # core.routing: the scheduling order


@dataclass(frozen=True)
class TaskRow:
    id: int
    correspondence_id: int
    reference: str
    department_id: int
    department: str  # code
    kind: str
    step: int
    status: TaskStatus
    assigned_staff_id: Optional[int]
    assigned_team_id: Optional[int]
    priority: int
    zone_priority: int
    due_at: Optional[dt.datetime]
    row_version: int

    @property
    def sort_key(self) -> SchedulingKey:
        return SchedulingKey(self.priority, self.zone_priority, self.due_at, self.id)

    @property
    def label(self) -> str:
        return f"{self.reference} task {self.step} ({self.kind})"


@dataclass(frozen=True)
class BoardRow:
    """One line of a department's dispatch board."""

    task_id: int
    correspondence_id: int
    reference: str
    category: str
    kind: str
    step: int
    status: TaskStatus
    assigned_staff_id: Optional[int]
    assigned_team_id: Optional[int]
    assignee: str  # the staff member's or team's name; '' while open
    priority: int
    zone_priority: int
    due_at: Optional[dt.datetime]
    sla_state: Optional[str]
    erf_number: Optional[str]  # when the item lies on a parcel
    address: Optional[str]  # the parcel's first street address
    suburb: Optional[str]
    row_version: int

    @property
    def sort_key(self) -> SchedulingKey:
        """Pass the last row's key as `after` for the next page."""
        return SchedulingKey(self.priority, self.zone_priority, self.due_at, self.task_id)


@dataclass(frozen=True)
class LoadRow:
    """An active staff member of the department and the tasks on his hands."""

    staff_id: int
    full_name: str
    job_title: str
    is_artisan: bool
    assigned: int
    in_progress: int

    @property
    def total(self) -> int:
        return self.assigned + self.in_progress


@dataclass(frozen=True)
class TeamLoadRow:
    """A team of the department and the tasks on its hands."""

    team_id: int
    name: str
    members: int
    assigned: int
    in_progress: int


_TASK_COLUMNS = """
    t.id, t.correspondence_id, c.reference, t.department_id, d.code AS department, t.kind,
    t.step, t.status, t.assigned_staff_id, t.assigned_team_id, t.priority, t.zone_priority,
    t.due_at, t.row_version
"""


def _task(row: Row) -> TaskRow:
    return TaskRow(
        row.id,
        row.correspondence_id,
        row.reference,
        row.department_id,
        row.department,
        row.kind,
        row.step,
        TaskStatus(row.status),
        row.assigned_staff_id,
        row.assigned_team_id,
        row.priority,
        row.zone_priority,
        row.due_at,
        row.row_version,
    )


# ---------------------------------------------------------------------------- creating tasks

_ITEM = text(
    """
    SELECT c.id, c.reference, c.classification, c.status, c.category_id, c.department_id,
           c.ward_id, c.suburb_id, c.geom IS NOT NULL AS located, c.priority,
           coalesce((SELECT s.priority FROM imis.suburb AS s WHERE s.id = c.suburb_id), 3)
               AS zone_priority,
           c.resolution_due_at,
           EXISTS (SELECT FROM imis.task AS t WHERE t.correspondence_id = c.id) AS has_tasks,
           imis.routing_rules_at(c.category_id, c.ward_id, c.suburb_id) AS rules
      FROM imis.correspondence AS c
     WHERE c.id = :id
       FOR NO KEY UPDATE OF c  -- one creator at a time; the row itself is not changed
    """
)

# The tasks, their 'task' events and their 'assign' events: imis.insert_tasks (migrations 0008,
# 0010), whose parts locating calls too.
_CREATE = text(
    """
    SELECT t.id, t.correspondence_id, CAST(:reference AS text) AS reference, t.department_id,
           t.department, t.kind, t.step, t.status, t.assigned_staff_id, t.assigned_team_id,
           t.priority, t.zone_priority, t.due_at, t.row_version
      FROM imis.insert_tasks(:id, :department_id, CAST(:kinds AS text[]), :first_step,
                             :staff_id, :team_id, :priority, :zone_priority,
                             CAST(:due_at AS timestamptz), :rule_id, :split_from, :reason) AS t
    """
)


def task_plan(item: Row) -> TaskPlan | None:
    """The tasks a located item gets now, or None: an item that has tasks already (any
    status) gets none, nor does a compliment or an item already resolved or closed.

    `item` names has_tasks, status, rules (routing_rule rows as JSON), category_id, ward_id,
    suburb_id, classification and department_id.
    """
    if item.has_tasks or item.status in ("resolved", "closed"):
        return None
    rule = choose_rule(
        [_rule(r) for r in item.rules], item.category_id, item.ward_id, item.suburb_id
    )
    plan = plan_tasks(rule, item.classification, item.department_id)
    return plan if plan.kinds else None


def create_tasks(connection: Connection, correspondence_id: int) -> list[TaskRow]:
    """The located item's tasks, from its routing rule or its department and classification.

    Idempotent (see task_plan). Tasks copy the item's priority, its suburb's priority (3
    without one) and its resolution due time; steps count from 1. Does not change the
    correspondence row, so a version the caller holds stays valid. Locating an item creates
    its tasks in the same call (services.locate); this is for items located before.
    """
    item = connection.execute(_ITEM, {"id": correspondence_id}).one_or_none()
    if item is None:
        raise NotFoundError(f"There is no correspondence with id {correspondence_id}.")
    plan = task_plan(item)
    if plan is None:
        return []
    if not item.located:
        raise ValidationError.single(
            "location", f"{item.reference} is not located yet: locate it before giving it tasks"
        )
    rows = connection.execute(
        _CREATE,
        {
            "id": item.id,
            "reference": item.reference,
            "department_id": plan.department_id,
            "kinds": list(plan.kinds),
            "first_step": 1,
            "staff_id": plan.staff_id,
            "team_id": plan.team_id,
            "priority": item.priority,
            "zone_priority": item.zone_priority,
            "due_at": item.resolution_due_at,
            "rule_id": plan.rule_id,
            "split_from": None,
            "reason": "",
        },
    ).all()
    return [_task(r) for r in rows]


def _rule(data: dict) -> RoutingRule:
    return RoutingRule(
        id=data["id"],
        category_id=data["category_id"],
        department_id=data["department_id"],
        ward_id=data["ward_id"],
        suburb_id=data["suburb_id"],
        default_staff_id=data["default_staff_id"],
        default_team_id=data["default_team_id"],
        task_kinds=tuple(data["task_kinds"]),
        is_active=data["is_active"],
    )


# ---------------------------------------------------------------------- changing one task

_LOCK = text(
    f"""
    SELECT {_TASK_COLUMNS}, t.updated_by, t.updated_at, c.status AS item_status,
           c.priority AS item_priority, c.resolution_due_at AS item_due_at,
           coalesce((SELECT s.priority FROM imis.suburb AS s WHERE s.id = c.suburb_id), 3)
               AS item_zone_priority
      FROM imis.task AS t
      JOIN imis.correspondence AS c ON c.id = t.correspondence_id
      JOIN imis.department AS d ON d.id = t.department_id
     WHERE t.id = :id
       FOR UPDATE OF t
    """
)


def _lock_task(connection: Connection, task_id: int, expected_version: int) -> Row:
    """Locks the task; ConflictError when it changed since the user read it."""
    row = connection.execute(_LOCK, {"id": task_id}).one_or_none()
    if row is None:
        raise NotFoundError(f"There is no task with id {task_id}.")
    refuse_stale(_task(row).label, expected_version, row)
    return row


def _require_open(row: Row, doing: str) -> None:
    if TaskStatus(row.status) not in OPEN_TASK_STATUSES:
        raise ValidationError.single(
            "status", f"{_task(row).label} is {row.status}: it cannot be {doing}"
        )


def _require_reason(reason: str, doing: str) -> str:
    cleaned = reason.strip()
    if not cleaned:
        raise ValidationError.single("reason", f"give a reason for {doing} the task")
    return cleaned


def _update(connection: Connection, task_id: int, assignments: str, params: dict) -> TaskRow:
    row = connection.execute(
        text(
            f"""
            WITH t AS (
                UPDATE imis.task SET {assignments} WHERE id = :task_id RETURNING *
            )
            SELECT {_TASK_COLUMNS} FROM t
              JOIN imis.correspondence AS c ON c.id = t.correspondence_id
              JOIN imis.department AS d ON d.id = t.department_id
            """
        ),
        {**params, "task_id": task_id},
    ).one()
    return _task(row)


def _event(
    connection: Connection, row: Row, event_type: str, detail: dict, reason: str = ""
) -> None:
    add_event(
        connection,
        row.correspondence_id,
        event_type,
        None,
        None,
        reason=reason,
        detail=json.dumps({"task_id": row.id, **detail}),
    )


def reroute(
    connection: Connection, task_id: int, expected_version: int, department_code: str, reason: str
) -> TaskRow:
    """Sends the task to another department's board, unassigned (status open)."""
    current = _lock_task(connection, task_id, expected_version)
    _require_open(current, "re-routed")
    why = _require_reason(reason, "re-routing")
    department_id = department_by_code(connection, department_code)
    if department_id == current.department_id:
        raise ValidationError.single(
            "department", f"{_task(current).label} is with {current.department} already"
        )
    updated = _update(
        connection,
        task_id,
        "department_id = :department_id, status = 'open', assigned_staff_id = NULL, "
        "assigned_team_id = NULL",
        {"department_id": department_id},
    )
    _event(
        connection,
        current,
        "reroute",
        {"kind": current.kind, "from_department": current.department,
         "to_department": updated.department},
        why,
    )  # fmt: skip
    return updated


def split(
    connection: Connection,
    task_id: int,
    expected_version: int,
    kinds: Sequence[str],
    reason: str,
) -> list[TaskRow]:
    """Adds open tasks of `kinds` right after this one (e.g. a repair after an inspection);
    later steps move down. A done task may be split (the inspection found work to do), a
    cancelled one not. Returns the new tasks; the split task's version moves on."""
    current = _lock_task(connection, task_id, expected_version)
    if current.status == TaskStatus.CANCELLED.value:
        raise ValidationError.single(
            "status", f"{_task(current).label} is cancelled: it cannot be split"
        )
    if current.item_status == "closed":
        raise ValidationError.single(
            "status", f"{current.reference} is closed: re-open it before adding work"
        )
    why = _require_reason(reason, "splitting")
    later = connection.execute(
        text(
            "SELECT id, step FROM imis.task WHERE correspondence_id = :item AND step > :step "
            "ORDER BY step DESC FOR UPDATE"
        ),
        {"item": current.correspondence_id, "step": current.step},
    ).all()
    last_step = later[0].step if later else current.step
    new_kinds = check_kinds(kinds, last_step)
    for task in later:  # last first: (item, step) stays unique at every row
        connection.execute(
            text("UPDATE imis.task SET step = step + :n WHERE id = :id"),
            {"n": len(new_kinds), "id": task.id},
        )
    connection.execute(  # the split task's plan changed: its readers must reload
        text("UPDATE imis.task SET row_version = row_version WHERE id = :id"), {"id": task_id}
    )
    rows = connection.execute(
        _CREATE,
        {
            "id": current.correspondence_id,
            "reference": current.reference,
            "department_id": current.department_id,
            "kinds": list(new_kinds),
            "first_step": current.step + 1,
            "staff_id": None,
            "team_id": None,
            "priority": current.item_priority,  # as the item is now, even after a done task
            "zone_priority": current.item_zone_priority,
            "due_at": current.item_due_at,
            "rule_id": None,
            "split_from": task_id,
            "reason": why,
        },
    ).all()
    return [_task(r) for r in rows]


def assign(
    connection: Connection,
    task_id: int,
    expected_version: int,
    *,
    staff_id: Optional[int] = None,
    team_id: Optional[int] = None,
) -> TaskRow:
    """To an active staff member or a team of the task's department; an open task becomes
    assigned, one in progress stays in progress. The staff member is sent the assignment."""
    if (staff_id is None) == (team_id is None):
        raise ValidationError.single("assignee", "assign the task to one staff member or team")
    current = _lock_task(connection, task_id, expected_version)
    _require_open(current, "assigned")
    if staff_id is not None:
        _check_staff(connection, current, staff_id)
    else:
        _check_team(connection, current, team_id)
    if (current.assigned_staff_id, current.assigned_team_id) == (staff_id, team_id):
        raise ValidationError.single(
            "assignee", f"{_task(current).label} is assigned to them already"
        )
    updated = _update(
        connection,
        task_id,
        "assigned_staff_id = :staff_id, assigned_team_id = :team_id, "
        "status = CASE WHEN status = 'open' THEN 'assigned' ELSE status END",
        {"staff_id": staff_id, "team_id": team_id},
    )
    who = {"staff_id": staff_id} if staff_id is not None else {"team_id": team_id}
    _event(connection, current, "assign", {"kind": current.kind, **who})
    return updated


def _check_staff(connection: Connection, task: Row, staff_id: int) -> None:
    staff = connection.execute(
        text(
            "SELECT s.full_name, s.is_active, s.department_id, d.code FROM imis.staff AS s "
            "JOIN imis.department AS d ON d.id = s.department_id WHERE s.id = :id"
        ),
        {"id": staff_id},
    ).one_or_none()
    if staff is None:
        raise ValidationError.single("staff", f"there is no staff member with id {staff_id}")
    if not staff.is_active:
        raise ValidationError.single("staff", f"{staff.full_name} is no longer active")
    if staff.department_id != task.department_id:
        raise ValidationError.single(
            "staff",
            f"{staff.full_name} works in {staff.code}, not {task.department}: re-route the "
            "task first or choose someone of its department",
        )


def _check_team(connection: Connection, task: Row, team_id: int) -> None:
    team = connection.execute(
        text(
            "SELECT m.name, m.department_id, d.code FROM imis.team AS m "
            "JOIN imis.department AS d ON d.id = m.department_id WHERE m.id = :id"
        ),
        {"id": team_id},
    ).one_or_none()
    if team is None:
        raise ValidationError.single("team", f"there is no team with id {team_id}")
    if team.department_id != task.department_id:
        raise ValidationError.single(
            "team", f"team {team.name} belongs to {team.code}, not {task.department}"
        )


def start(connection: Connection, task_id: int, expected_version: int) -> TaskRow:
    """The assignee begins the work (assigned -> in progress)."""
    current = _lock_task(connection, task_id, expected_version)
    if current.status != TaskStatus.ASSIGNED.value:
        hint = ": assign it first" if current.status == TaskStatus.OPEN.value else ""
        raise ValidationError.single(
            "status", f"{_task(current).label} is {current.status}, not assigned{hint}"
        )
    updated = _update(connection, task_id, "status = 'in_progress'", {})
    _event(
        connection,
        current,
        "task",
        {"kind": current.kind, "department": current.department, "status": updated.status.value},
    )
    return updated


def cancel(connection: Connection, task_id: int, expected_version: int, reason: str) -> TaskRow:
    """Work that is not needed after all; the task leaves the board and the load."""
    current = _lock_task(connection, task_id, expected_version)
    _require_open(current, "cancelled")
    why = _require_reason(reason, "cancelling")
    updated = _update(connection, task_id, "status = 'cancelled'", {})
    _event(
        connection,
        current,
        "task",
        {"kind": current.kind, "department": current.department, "status": updated.status.value},
        why,
    )
    return updated


# -------------------------------------------------------------------------------- reading


def tasks_of(connection: Connection, correspondence_id: int) -> list[TaskRow]:
    """The item's tasks in step order, whatever their status."""
    rows = connection.execute(
        text(
            f"""
            SELECT {_TASK_COLUMNS} FROM imis.task AS t
              JOIN imis.correspondence AS c ON c.id = t.correspondence_id
              JOIN imis.department AS d ON d.id = t.department_id
             WHERE t.correspondence_id = :id ORDER BY t.step
            """
        ),
        {"id": correspondence_id},
    ).all()
    return [_task(r) for r in rows]


def task(connection: Connection, task_id: int) -> TaskRow:
    row = connection.execute(
        text(
            f"""
            SELECT {_TASK_COLUMNS} FROM imis.task AS t
              JOIN imis.correspondence AS c ON c.id = t.correspondence_id
              JOIN imis.department AS d ON d.id = t.department_id
             WHERE t.id = :id
            """
        ),
        {"id": task_id},
    ).one_or_none()
    if row is None:
        raise NotFoundError(f"There is no task with id {task_id}.")
    return _task(row)


# A page in scheduling order, read off task_board_idx. The keyset continues after the last
# row: the row comparison skips tasks without a due time in the last row's priority and zone
# (NULL compares as unknown), so the second branch brings them in, also in index order.
_PAGE_FIRST = f"""
    SELECT * FROM imis.task
     WHERE department_id = :department_id AND status IN {_OPEN}
     ORDER BY {_BOARD_ORDER} LIMIT :limit
"""
_PAGE_AFTER = f"""
    (SELECT * FROM imis.task
      WHERE department_id = :department_id AND status IN {_OPEN}
        AND (priority, zone_priority, due_at, id)
            > (:priority, :zone_priority, CAST(:due_at AS timestamptz), :after_id)
      ORDER BY {_BOARD_ORDER} LIMIT :limit)
    UNION ALL
    (SELECT * FROM imis.task
      WHERE department_id = :department_id AND status IN {_OPEN}
        AND priority = :priority AND zone_priority = :zone_priority AND due_at IS NULL
        AND (CAST(:due_at AS timestamptz) IS NOT NULL OR id > :after_id)
      ORDER BY {_BOARD_ORDER} LIMIT :limit)
"""
# Names by scalar subqueries, not joins: planning six joins cost more than running the page.
# The columns are in BoardRow's field order.
_BOARD = """
    WITH page AS MATERIALIZED ({page})
    SELECT t.id AS task_id, t.correspondence_id, c.reference,
           (SELECT cat.name FROM imis.category AS cat WHERE cat.id = c.category_id) AS category,
           t.kind, t.step, t.status, t.assigned_staff_id, t.assigned_team_id,
           coalesce((SELECT s.full_name FROM imis.staff AS s WHERE s.id = t.assigned_staff_id),
                    (SELECT m.name FROM imis.team AS m WHERE m.id = t.assigned_team_id),
                    '') AS assignee,
           t.priority, t.zone_priority, t.due_at, c.sla_state,
           (SELECT p.erf_number FROM imis.parcel AS p WHERE p.id = c.parcel_id) AS erf_number,
           (SELECT a.address_text FROM imis.parcel_address AS a
             WHERE a.parcel_id = c.parcel_id ORDER BY a.id LIMIT 1) AS address,
           (SELECT sub.name FROM imis.suburb AS sub WHERE sub.id = c.suburb_id) AS suburb,
           t.row_version
      FROM page AS t JOIN imis.correspondence AS c ON c.id = t.correspondence_id
     ORDER BY t.priority, t.zone_priority, t.due_at, t.id
     LIMIT :limit
"""
_BOARD_FIRST = text(_BOARD.format(page=_PAGE_FIRST))
_BOARD_AFTER = text(_BOARD.format(page=_PAGE_AFTER))

AfterKey = Union[SchedulingKey, tuple]


def dispatch_board(
    connection: Connection,
    department_code: str,
    *,
    limit: int = 100,
    after: Optional[AfterKey] = None,
) -> list[BoardRow]:
    """The department's open, assigned and in-progress tasks in scheduling order.

    One page of `limit` rows; the next page starts `after` the last row's `sort_key`.
    """
    if not 1 <= limit <= MAX_BOARD_PAGE:
        raise ValidationError.single("limit", f"a page has 1 to {MAX_BOARD_PAGE} rows")
    params: dict = {
        "department_id": department_by_code(connection, department_code),
        "limit": limit,
    }
    if after is None:
        statement = _BOARD_FIRST
    else:
        key = SchedulingKey(*after)
        statement = _BOARD_AFTER
        params.update(
            priority=key.priority,
            zone_priority=key.zone_priority,
            due_at=key.due_at,
            after_id=key.id,
        )
    rows = connection.execute(statement, params).all()
    # By position (the columns are in BoardRow's order): a third of the page's time by name.
    return [BoardRow(*r[:6], TaskStatus(r[6]), *r[7:]) for r in rows]


def artisan_load(connection: Connection, department_code: str) -> list[LoadRow]:
    """Each active staff member of the department (artisans first) with the tasks assigned
    to him and those he has in progress, wherever they are."""
    rows = connection.execute(
        text(
            """
            SELECT s.id, s.full_name, s.job_title, s.is_artisan,
                   count(t.id) FILTER (WHERE t.status = 'assigned') AS assigned,
                   count(t.id) FILTER (WHERE t.status = 'in_progress') AS in_progress
              FROM imis.staff AS s
              LEFT JOIN imis.task AS t
                     ON t.assigned_staff_id = s.id AND t.status IN ('assigned', 'in_progress')
             WHERE s.department_id = :department_id AND s.is_active
             GROUP BY s.id
             ORDER BY s.is_artisan DESC, s.full_name, s.id
            """
        ),
        {"department_id": department_by_code(connection, department_code)},
    ).all()
    return [LoadRow(r.id, r.full_name, r.job_title, r.is_artisan, r.assigned, r.in_progress)
            for r in rows]  # fmt: skip


def team_load(connection: Connection, department_code: str) -> list[TeamLoadRow]:
    """Each team of the department with its members and the tasks assigned to it."""
    rows = connection.execute(
        text(
            """
            SELECT tm.id, tm.name,
                   (SELECT count(*) FROM imis.team_member AS m WHERE m.team_id = tm.id) AS members,
                   count(t.id) FILTER (WHERE t.status = 'assigned') AS assigned,
                   count(t.id) FILTER (WHERE t.status = 'in_progress') AS in_progress
              FROM imis.team AS tm
              LEFT JOIN imis.task AS t
                     ON t.assigned_team_id = tm.id AND t.status IN ('assigned', 'in_progress')
             WHERE tm.department_id = :department_id
             GROUP BY tm.id
             ORDER BY tm.name, tm.id
            """
        ),
        {"department_id": department_by_code(connection, department_code)},
    ).all()
    return [TeamLoadRow(*row) for row in rows]
