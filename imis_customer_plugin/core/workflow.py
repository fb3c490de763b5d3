"""The correspondence workflow as data: statuses, actions, and which action is allowed when.

Seed statuses (Pending, Deferred, Re-open, Re-forward, Escalate, Close) plus the lifecycle
states the process needs. Re-forward is an action that lands back in "assigned" with another
department; the others are statuses of their own. Rules per classification follow the CRM
policy (seed 004): compliments are acknowledged and closed, queries may be answered at first
contact, disputes are never deferred (their policy period keeps running).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from ..definitions import QT_TRANSLATE_NOOP
from .errors import ImisError


class Classification(str, Enum):
    COMPLAINT = "complaint"
    QUERY = "query"
    DISPUTE = "dispute"
    COMPLIMENT = "compliment"


CLASSIFICATIONS = tuple(c.value for c in Classification)  # in the enum's order


class Channel(str, Enum):
    TELEPHONE = "telephone"
    WALK_IN = "walk_in"
    EMAIL = "email"
    WEB = "web"
    SMS = "sms"
    SOCIAL_MEDIA = "social_media"
    INTERNAL = "internal"


class Status(str, Enum):
    LOGGED = "logged"  # details captured, no location yet
    ASSIGNED = "assigned"  # located and routed to a department
    IN_PROGRESS = "in_progress"
    PENDING = "pending"  # waiting on the customer or a third party
    DEFERRED = "deferred"  # postponed until a date, with a reason
    ESCALATED = "escalated"
    RESOLVED = "resolved"  # work done, awaiting closure
    CLOSED = "closed"
    REOPENED = "reopened"


OPEN_STATUSES = frozenset(Status) - {Status.CLOSED}


class Action(str, Enum):
    LOCATE = "locate"
    START = "start"
    PEND = "pend"
    DEFER = "defer"
    RESUME = "resume"
    REFORWARD = "reforward"
    ESCALATE = "escalate"
    RESOLVE = "resolve"
    CLOSE = "close"
    ACKNOWLEDGE = "acknowledge"
    REOPEN = "reopen"


class Field(str, Enum):
    """Inputs an action needs from the user."""

    REASON = "reason"
    UNTIL = "until"
    DEPARTMENT = "department"
    RESOLUTION = "resolution"


@dataclass(frozen=True)
class Transition:
    sources: frozenset[Status]
    target: Status
    requires: frozenset[Field] = frozenset()


def _t(sources: set[Status], target: Status, *requires: Field) -> Transition:
    return Transition(frozenset(sources), target, frozenset(requires))


_WORKING = {Status.ASSIGNED, Status.IN_PROGRESS, Status.PENDING, Status.ESCALATED, Status.REOPENED}

# Complaints follow the full process; the other classifications adjust it below.
TRANSITIONS: Mapping[Action, Transition] = {
    Action.LOCATE: _t({Status.LOGGED}, Status.ASSIGNED),
    Action.START: _t({Status.ASSIGNED, Status.REOPENED, Status.ESCALATED}, Status.IN_PROGRESS),
    Action.PEND: _t(_WORKING - {Status.PENDING}, Status.PENDING, Field.REASON),
    Action.DEFER: _t(_WORKING, Status.DEFERRED, Field.REASON, Field.UNTIL),
    Action.RESUME: _t({Status.PENDING, Status.DEFERRED}, Status.IN_PROGRESS),
    Action.REFORWARD: _t(
        _WORKING | {Status.DEFERRED}, Status.ASSIGNED, Field.REASON, Field.DEPARTMENT
    ),
    Action.ESCALATE: _t(_WORKING | {Status.DEFERRED}, Status.ESCALATED, Field.REASON),
    Action.RESOLVE: _t(_WORKING, Status.RESOLVED, Field.RESOLUTION),
    Action.CLOSE: _t({Status.RESOLVED}, Status.CLOSED),
    Action.REOPEN: _t({Status.RESOLVED, Status.CLOSED}, Status.REOPENED, Field.REASON),
}

_QUERY_FIRST_CONTACT = _t(
    {Status.LOGGED, Status.ASSIGNED, Status.IN_PROGRESS, Status.RESOLVED},
    Status.CLOSED,
    Field.RESOLUTION,
)

RULES: Mapping[Classification, Mapping[Action, Transition]] = {
    Classification.COMPLAINT: TRANSITIONS,
    Classification.QUERY: {**TRANSITIONS, Action.CLOSE: _QUERY_FIRST_CONTACT},
    Classification.DISPUTE: {a: t for a, t in TRANSITIONS.items() if a is not Action.DEFER},
    Classification.COMPLIMENT: {
        Action.LOCATE: TRANSITIONS[Action.LOCATE],
        Action.ACKNOWLEDGE: _t({Status.LOGGED, Status.ASSIGNED}, Status.CLOSED),
    },
}

FIELD_LABELS = {
    Field.REASON: QT_TRANSLATE_NOOP("Workflow", "a reason"),
    Field.UNTIL: QT_TRANSLATE_NOOP("Workflow", "a date to defer until"),
    Field.DEPARTMENT: QT_TRANSLATE_NOOP("Workflow", "the department to re-forward to"),
    Field.RESOLUTION: QT_TRANSLATE_NOOP("Workflow", "the resolution given to the customer"),
}


class WorkflowError(ImisError):
    """An action that the workflow does not allow, with the reason in plain words."""


@dataclass(frozen=True)
class ActionInput:
    reason: str = ""
    until: dt.date | None = None
    department: str = ""
    resolution: str = ""

    def provided(self) -> frozenset[Field]:
        present = {
            Field.REASON: bool(self.reason.strip()),
            Field.UNTIL: self.until is not None,
            Field.DEPARTMENT: bool(self.department.strip()),
            Field.RESOLUTION: bool(self.resolution.strip()),
        }
        return frozenset(f for f, ok in present.items() if ok)


def allowed_actions(classification: Classification, status: Status) -> list[Action]:
    """The actions a user may take now, in the order buttons are shown."""
    rules = RULES[classification]
    return [a for a in Action if a in rules and status in rules[a].sources]


def plan_transition(
    classification: Classification,
    status: Status,
    action: Action,
    given: ActionInput,
    today: dt.date,
) -> Status:
    """The status after `action`, or WorkflowError saying why it is not allowed."""
    transition = RULES[classification].get(action)
    if transition is None:
        raise WorkflowError(
            f"A {classification.value} cannot be given the action '{action.value}'."
        )
    if status not in transition.sources:
        allowed = ", ".join(a.value for a in allowed_actions(classification, status)) or "none"
        raise WorkflowError(
            f"'{action.value}' is not allowed while the {classification.value} is "
            f"{status.value}. Allowed now: {allowed}."
        )
    missing = transition.requires - given.provided()
    if missing:
        needed = ", ".join(sorted(FIELD_LABELS[f] for f in missing))
        raise WorkflowError(f"'{action.value}' needs {needed}.")
    if Field.UNTIL in transition.requires and given.until is not None and given.until <= today:
        raise WorkflowError("A deferral must be until a date after today.")
    return transition.target
