"""Where a located item's work goes, which tasks it gets, and the dispatch board's order.

Pure logic: the services read routing rules and tasks and store what this module decides.

Routing rules are data an administrator edits (imis.routing_rule): category x ward/suburb
-> department, a default assignee (an artisan or a team) and the task kinds, in order. The
most specific active rule wins: a suburb rule over a ward rule over a city-wide rule. Without
a rule, the item's department gets the kinds its classification needs (DEFAULT_TASK_KINDS).

The scheduling order of a department's dispatch board (seed 002: it comes from the data, not
from the call-centre agent) is

    priority asc (1 = most urgent), zone priority asc (the suburb's; 1 = served first),
    due time asc with no due time last, task id (first created first).

A task copies these inputs from its item (the sync_tasks trigger keeps them in step), and the
index task_board_idx (department_id, priority, zone_priority, due_at, id) is in exactly this
order (PostgreSQL sorts NULL last in ascending order), so a board page is one index scan.
Contract and asset rules act through the item's priority (e.g. an asset beyond its failure
target raises the priority of new calls on it), not as a separate sort key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple, Optional

from .errors import FieldProblem, ValidationError


class TaskKind(str, Enum):
    INSPECTION = "inspection"
    REPAIR = "repair"
    REPLACEMENT = "replacement"
    CLEANING = "cleaning"
    INVESTIGATION = "investigation"


class TaskStatus(str, Enum):
    OPEN = "open"  # waiting for an assignee
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    DONE = "done"  # set when the task's last job card is completed
    CANCELLED = "cancelled"


OPEN_TASK_STATUSES = frozenset({TaskStatus.OPEN, TaskStatus.ASSIGNED, TaskStatus.IN_PROGRESS})
TASK_KINDS = tuple(k.value for k in TaskKind)
MAX_STEPS = 20  # imis.task.step
MAX_KINDS_PER_RULE = 5  # imis.routing_rule.task_kinds

# What an item needs when no routing rule names its tasks.
DEFAULT_TASK_KINDS: dict[str, tuple[str, ...]] = {
    "complaint": (TaskKind.REPAIR.value,),
    "query": (TaskKind.INVESTIGATION.value,),
    "dispute": (TaskKind.INVESTIGATION.value,),
    "compliment": (),  # passed on and acknowledged; no field work
}


def default_task_kinds(classification: str) -> tuple[str, ...]:
    """The tasks an item of this classification gets when no routing rule applies."""
    try:
        return DEFAULT_TASK_KINDS[classification]
    except KeyError:
        raise ValueError(f"unknown classification '{classification}'") from None


@dataclass(frozen=True)
class RoutingRule:
    id: int
    category_id: int
    department_id: int
    ward_id: Optional[int] = None
    suburb_id: Optional[int] = None
    default_staff_id: Optional[int] = None
    default_team_id: Optional[int] = None
    task_kinds: tuple[str, ...] = (TaskKind.REPAIR.value,)
    is_active: bool = True

    def matches(self, category_id: int, ward_id: Optional[int], suburb_id: Optional[int]) -> bool:
        return (
            self.is_active
            and self.category_id == category_id
            and (self.ward_id is None or self.ward_id == ward_id)
            and (self.suburb_id is None or self.suburb_id == suburb_id)
        )

    @property
    def specificity(self) -> int:
        """A suburb outweighs a ward (and a rule naming both outweighs either)."""
        return (2 if self.suburb_id is not None else 0) + (1 if self.ward_id is not None else 0)


def choose_rule(
    rules: Iterable[RoutingRule],
    category_id: int,
    ward_id: Optional[int],
    suburb_id: Optional[int],
) -> Optional[RoutingRule]:
    """The most specific active rule for the category and zone; None when no rule matches.

    Suburb over ward over city-wide. Equal specificity and category means the same scope,
    which the database allows once (one_rule_per_scope); the lower id wins should it happen.
    """
    matching = [r for r in rules if r.matches(category_id, ward_id, suburb_id)]
    return max(matching, key=lambda r: (r.specificity, -r.id), default=None)


@dataclass(frozen=True)
class TaskPlan:
    """The tasks a located item gets: where they go, who does them, which kinds in order."""

    department_id: int
    kinds: tuple[str, ...]
    staff_id: Optional[int] = None
    team_id: Optional[int] = None
    rule_id: Optional[int] = None


def plan_tasks(
    rule: Optional[RoutingRule], classification: str, item_department_id: int
) -> TaskPlan:
    """The chosen rule's department, assignee and kinds, else the item's department with the
    classification's default kinds. Compliments get no tasks, whatever the rule."""
    if classification == "compliment":
        return TaskPlan(item_department_id, ())
    if rule is None:
        return TaskPlan(item_department_id, default_task_kinds(classification))
    return TaskPlan(
        rule.department_id,
        tuple(rule.task_kinds),
        rule.default_staff_id,
        None if rule.default_staff_id is not None else rule.default_team_id,
        rule.id,
    )


def kinds_problem(
    kinds: Sequence[str], field: str, *, empty_hint: str, limit: int, too_many: str
) -> Optional[FieldProblem]:
    """What is wrong with a list of task kinds (none, an unknown one, more than `limit`), as a
    problem of `field`; None when nothing is. `empty_hint` ends the message for no kinds."""
    if not kinds:
        return FieldProblem(field, f"name at least one kind of task{empty_hint}")
    unknown = sorted({k for k in kinds if k not in TASK_KINDS})
    if unknown:
        return FieldProblem(
            field,
            f"unknown task kind {', '.join(repr(k) for k in unknown)}; use {', '.join(TASK_KINDS)}",
        )
    if len(kinds) > limit:
        return FieldProblem(field, too_many)
    return None


def check_kinds(kinds: Sequence[str], steps_taken: int) -> tuple[str, ...]:
    """The kinds of tasks to add after `steps_taken` existing steps, or ValidationError."""
    cleaned = tuple(str(k).strip() for k in kinds)
    problem = kinds_problem(
        cleaned,
        "kinds",
        empty_hint=" to add",
        limit=MAX_STEPS - steps_taken,
        too_many=f"an item has at most {MAX_STEPS} tasks; it has {steps_taken}, "
        f"{len(cleaned)} more is too many",
    )
    if problem is not None:
        raise ValidationError([problem])
    return cleaned


class SchedulingKey(NamedTuple):
    """A task's place on its department's dispatch board; also the keyset for the next page."""

    priority: int
    zone_priority: int
    due_at: Optional[dt.datetime]
    id: int

    def sort_value(self) -> tuple:
        """Sorts as the board does: no due time after every due time."""
        return (
            self.priority,
            self.zone_priority,
            self.due_at is None,
            self.due_at or dt.datetime.min.replace(tzinfo=dt.timezone.utc),
            self.id,
        )


def in_scheduling_order(keys: Iterable[SchedulingKey]) -> list[SchedulingKey]:
    return sorted(keys, key=SchedulingKey.sort_value)
