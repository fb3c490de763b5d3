"""SLA policies and targets: which policy applies, when each target falls due, the SLA state.

Pure logic on top of core.sla_calendar; the services feed it rows and store what it returns.
The worker's sweeps move items from on time to at risk to breached (so that each move is an
event with its notifications); what is computed here only ever sets on time, paused, met or
missed, and keeps a sweep's state while it still holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Optional

from .sla_calendar import Pause, SlaClock


class SlaState(str, Enum):
    ON_TIME = "on_time"
    AT_RISK = "at_risk"
    BREACHED = "breached"
    PAUSED = "paused"
    MET = "met"
    MISSED = "missed"


class Clock(str, Enum):
    BUSINESS = "business"
    CALENDAR = "calendar"


@dataclass(frozen=True)
class SlaSubject:
    """What policy choice looks at."""

    classification: str
    category_id: int
    priority: int
    ward_id: Optional[int] = None
    suburb_id: Optional[int] = None


# A criterion's weight in "most specific wins": a category outranks a zone, a suburb a ward,
# a zone a priority, and a priority a classification. Weights are powers of two, so any one
# criterion outweighs all the weaker ones together.
_WEIGHTS = {"category_id": 16, "suburb_id": 8, "ward_id": 4, "priority": 2, "classification": 1}


@dataclass(frozen=True)
class SlaPolicy:
    id: int
    name: str
    response: dt.timedelta
    resolution: dt.timedelta
    clock: Clock = Clock.BUSINESS
    calendar_id: Optional[int] = None
    classification: Optional[str] = None
    category_id: Optional[int] = None
    priority: Optional[int] = None
    ward_id: Optional[int] = None
    suburb_id: Optional[int] = None
    at_risk_percent: int = 75
    pause_statuses: frozenset[str] = frozenset({"deferred"})
    reopen_restarts: bool = True

    def __post_init__(self) -> None:
        if not dt.timedelta(0) < self.response <= self.resolution:
            raise ValueError(
                f"Policy '{self.name}': the response target must be positive and no longer "
                "than the resolution target."
            )
        if not 1 <= self.at_risk_percent <= 99:
            raise ValueError(f"Policy '{self.name}': at risk must be 1-99 % of the target.")

    def matches(self, subject: SlaSubject) -> bool:
        return all(
            getattr(self, name) is None or getattr(self, name) == getattr(subject, name)
            for name in _WEIGHTS
        )

    @property
    def specificity(self) -> int:
        return sum(w for name, w in _WEIGHTS.items() if getattr(self, name) is not None)


def choose_policy(policies: Iterable[SlaPolicy], subject: SlaSubject) -> Optional[SlaPolicy]:
    """The matching policy that names the most (and weightiest) criteria; None if none does.

    Two matching policies cannot tie: equal specificity means the same criteria set, and
    the database allows one policy per set of criterion values.
    """
    matching = [p for p in policies if p.matches(subject)]
    return max(matching, key=lambda p: (p.specificity, -p.id), default=None)


@dataclass(frozen=True)
class SlaHistory:
    """An item's clock facts, from the row and its history."""

    logged_at: dt.datetime
    status: str
    responded_at: Optional[dt.datetime] = None
    resolved_at: Optional[dt.datetime] = None  # resolved or closed, whichever came first
    reopened_at: Optional[dt.datetime] = None  # the last re-open
    status_changes: Sequence[tuple[dt.datetime, str]] = ()  # (when, new status), in order


@dataclass(frozen=True)
class SlaTimes:
    started_at: dt.datetime  # of the resolution clock
    response_due: Optional[dt.datetime]
    resolution_due: Optional[dt.datetime]
    at_risk_at: Optional[dt.datetime]
    breach_at: Optional[dt.datetime]


def pauses_from(
    changes: Sequence[tuple[dt.datetime, str]], pause_statuses: frozenset[str]
) -> list[Pause]:
    """Intervals spent in a waiting status; the last one open-ended while still waiting."""
    pauses: list[Pause] = []
    paused_since: Optional[dt.datetime] = None
    for when, status in changes:
        if status in pause_statuses:
            paused_since = paused_since or when
        elif paused_since is not None:
            pauses.append((paused_since, when))
            paused_since = None
    if paused_since is not None:
        pauses.append((paused_since, None))
    return pauses


def sla_times(policy: SlaPolicy, clock: SlaClock, history: SlaHistory) -> SlaTimes:
    """Due times of both targets, the at-risk moment and the next deadline, net of pauses."""
    started = history.logged_at
    if policy.reopen_restarts and history.reopened_at is not None:
        started = history.reopened_at
    pauses = pauses_from(history.status_changes, policy.pause_statuses)
    response_due = clock.due_time(history.logged_at, policy.response, pauses)
    resolution_due = clock.due_time(started, policy.resolution, pauses)
    share = policy.at_risk_percent / 100
    pending: list[tuple[Optional[dt.datetime], Optional[dt.datetime]]] = []
    if history.responded_at is None:
        pending.append(
            (response_due, clock.due_time(history.logged_at, policy.response * share, pauses))
        )
    if history.resolved_at is None:
        pending.append((resolution_due, clock.due_time(started, policy.resolution * share, pauses)))
    return SlaTimes(
        started_at=started,
        response_due=response_due,
        resolution_due=resolution_due,
        at_risk_at=_earliest(at_risk for _, at_risk in pending),
        breach_at=_earliest(due for due, _ in pending),
    )


def _earliest(moments: Iterable[Optional[dt.datetime]]) -> Optional[dt.datetime]:
    known = [m for m in moments if m is not None]
    return min(known) if known else None


def sla_state(
    policy: SlaPolicy,
    times: SlaTimes,
    history: SlaHistory,
    now: dt.datetime,
    current: Optional[SlaState] = None,
) -> SlaState:
    """The state to store now. At risk and breached are only kept, never newly set: the
    sweep sets them, so that each is recorded and notified once."""
    if history.resolved_at is not None:
        met_response = history.responded_at is not None and (
            times.response_due is None or history.responded_at <= times.response_due
        )
        met_resolution = times.resolution_due is None or history.resolved_at <= times.resolution_due
        return SlaState.MET if met_response and met_resolution else SlaState.MISSED
    if history.status in policy.pause_statuses:
        return SlaState.PAUSED
    if current is SlaState.BREACHED and times.breach_at is not None and times.breach_at <= now:
        return SlaState.BREACHED
    if current is SlaState.AT_RISK and times.at_risk_at is not None and times.at_risk_at <= now:
        return SlaState.AT_RISK
    return SlaState.ON_TIME
