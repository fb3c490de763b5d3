"""The life of a correspondence: a path of workflow actions and when each one happened.

Paths are lists of actions; their statuses come from core.workflow itself, so a generated
history can only be one the workflow allows. Times follow the priority, the category's
usual repair time and office hours; whatever would happen after `as_of` has not happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..workflow import RULES, Action, Classification, Field, Status
from .calendar import LOCAL_OFFSET_S

A, C = Action, Classification
HOUR = 3600
NEVER = np.iinfo(np.int64).max


@dataclass(frozen=True)
class Template:
    classification: Classification
    actions: tuple[Action, ...]
    weight: float
    statuses: tuple[Status, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "statuses", walk(self.classification, self.actions))

    def needs(self, step: int, what: Field) -> bool:
        """Whether the workflow asks for `what` (a reason, a date...) at this step."""
        before = self.statuses[step - 1] if step else Status.LOGGED
        rules = RULES[self.classification][self.actions[step]]
        return what in rules.requires and before in rules.sources


def walk(classification: Classification, actions: tuple[Action, ...]) -> tuple[Status, ...]:
    """Status after each action; ValueError when the workflow would refuse one."""
    status, statuses = Status.LOGGED, []
    for action in actions:
        transition = RULES[classification].get(action)
        if transition is None or status not in transition.sources:
            raise ValueError(
                f"{classification.value}: {action.value} not allowed from {status.value}"
            )
        status = transition.target
        statuses.append(status)
    return tuple(statuses)


_FIX = (A.LOCATE, A.START, A.RESOLVE, A.CLOSE)
_STUCK = (A.LOCATE, A.START, A.PEND, A.ESCALATE, A.START, A.RESOLVE, A.CLOSE)
TEMPLATES = (
    Template(C.COMPLAINT, _FIX, 0.60),
    Template(C.COMPLAINT, (A.LOCATE, A.START, A.PEND, A.RESUME, A.RESOLVE, A.CLOSE), 0.10),
    Template(C.COMPLAINT, (A.LOCATE, A.START, A.DEFER, A.RESUME, A.RESOLVE, A.CLOSE), 0.06),
    Template(C.COMPLAINT, (A.LOCATE, A.ESCALATE, A.START, A.RESOLVE, A.CLOSE), 0.05),
    Template(C.COMPLAINT, (A.LOCATE, A.REFORWARD, A.START, A.RESOLVE, A.CLOSE), 0.06),
    Template(C.COMPLAINT, (*_FIX, A.REOPEN, A.START, A.RESOLVE, A.CLOSE), 0.05),
    Template(C.COMPLAINT, (A.LOCATE, A.START, A.ESCALATE, A.START, A.RESOLVE, A.CLOSE), 0.06),
    Template(C.COMPLAINT, _STUCK, 0.02),
    Template(C.QUERY, (A.CLOSE,), 0.45),  # answered while the caller is on the line
    Template(C.QUERY, (A.LOCATE, A.CLOSE), 0.2),
    Template(C.QUERY, (A.LOCATE, A.START, A.CLOSE), 0.1),
    Template(C.QUERY, _FIX, 0.2),
    Template(C.QUERY, (A.LOCATE, A.START, A.PEND, A.RESUME, A.RESOLVE, A.CLOSE), 0.05),
    Template(C.DISPUTE, _FIX, 0.55),
    Template(C.DISPUTE, (A.LOCATE, A.START, A.PEND, A.RESUME, A.RESOLVE, A.CLOSE), 0.2),
    Template(C.DISPUTE, (A.LOCATE, A.ESCALATE, A.START, A.RESOLVE, A.CLOSE), 0.1),
    Template(C.DISPUTE, (*_FIX, A.REOPEN, A.START, A.RESOLVE, A.CLOSE), 0.1),
    Template(C.DISPUTE, (A.LOCATE, A.REFORWARD, A.START, A.RESOLVE, A.CLOSE), 0.05),
    Template(C.COMPLIMENT, (A.ACKNOWLEDGE,), 0.7),
    Template(C.COMPLIMENT, (A.LOCATE, A.ACKNOWLEDGE), 0.3),
)  # fmt: skip
MAX_STEPS = max(len(t.actions) for t in TEMPLATES)


def pick_templates(generator: np.random.Generator, classification: np.ndarray) -> np.ndarray:
    """Index into TEMPLATES for each row, given its classification (values of Classification)."""
    chosen = np.zeros(len(classification), dtype=np.int64)
    for kind in Classification:
        rows = np.flatnonzero(classification == kind.value)
        options = [k for k, t in enumerate(TEMPLATES) if t.classification is kind]
        weights = np.array([TEMPLATES[k].weight for k in options])
        chosen[rows] = np.array(options)[
            generator.choice(len(options), len(rows), p=weights / weights.sum())
        ]
    return chosen


@dataclass
class Timing:
    """Inputs of one group of rows that follow the same template."""

    logged: np.ndarray  # int64 epoch seconds
    priority: np.ndarray
    resolve_hours: np.ndarray
    quick_locate: np.ndarray  # located while the caller was on the line
    resolution_due: np.ndarray  # int64 epoch seconds


@dataclass
class Timeline:
    times: np.ndarray  # (rows, steps) int64 epoch seconds
    automatic: np.ndarray  # (rows, steps) escalated by the SLA sweep, not by a person
    until: np.ndarray  # (rows,) datetime64[D] of a deferral, NaT without one


_PRIORITY_PACE = np.array([0.0, 0.25, 0.6, 1.5, 3.0])  # index = priority


def simulate(generator: np.random.Generator, template: Template, timing: Timing) -> Timeline:
    count = len(timing.logged)
    times = np.zeros((count, len(template.actions)), dtype=np.int64)
    automatic = np.zeros(times.shape, dtype=bool)
    until = np.full(count, np.datetime64("NaT"), dtype="datetime64[D]")
    now = timing.logged.copy()
    before = Status.LOGGED
    for step, action in enumerate(template.actions):
        hours = _hours(generator, action, before, timing, count)
        previous = now
        now = _office_hours(
            generator,
            previous + (hours * HOUR).astype(np.int64) + 60,
            ~timing.quick_locate if action is A.LOCATE else timing.priority > 1,
        )
        if action is A.RESUME and before is Status.DEFERRED:
            now = _resume_after(generator, until)  # on the morning of the date deferred to
        elif action is A.ESCALATE:
            # Half the escalations are the SLA sweep's, just after the resolution time ran out.
            automatic[:, step] = generator.random(count) < 0.5
            due = timing.resolution_due + generator.integers(60, 900, count)
            now = np.where(automatic[:, step], np.maximum(previous + 60, due), now)
        if action is A.DEFER:
            until = _local_day(now) + generator.integers(10, 60, count).astype("timedelta64[D]")
        times[:, step] = now
        before = template.statuses[step]
    return Timeline(times, automatic, until)


def _hours(
    generator: np.random.Generator, action: Action, before: Status, timing: Timing, count: int
) -> np.ndarray:
    """How long after the previous step this action comes, in hours (log-normal)."""
    if action is A.CLOSE and before is Status.LOGGED:  # query answered on the call
        return generator.uniform(0.03, 0.25, count)
    pace = _PRIORITY_PACE[timing.priority]
    repair = timing.resolve_hours
    median = {
        A.LOCATE: np.where(timing.quick_locate, 0.05, 4.0),
        A.START: 4.0 * pace,
        A.RESOLVE: repair,
        A.CLOSE: 18.0 if before is Status.RESOLVED else np.maximum(2.0, repair / 3),
        A.ESCALATE: 48.0 * pace if before is Status.ASSIGNED else repair,
        A.PEND: 24.0,
        A.RESUME: 60.0,
        A.DEFER: 24.0,
        A.REFORWARD: 6.0,
        A.REOPEN: 96.0,
        A.ACKNOWLEDGE: 30.0,
    }[action]
    sigma = 0.4 if action is A.LOCATE else 0.9 if action is A.RESOLVE else 0.8
    return median * np.exp(generator.normal(0, sigma, count))


def _local_day(moment: np.ndarray) -> np.ndarray:
    return ((moment + LOCAL_OFFSET_S) // 86400).astype("datetime64[D]")


def _resume_after(generator: np.random.Generator, until: np.ndarray) -> np.ndarray:
    """Work resumes on the morning of the date it was deferred to."""
    morning = until.astype(np.int64) * 86400 + int(7.5 * HOUR) - LOCAL_OFFSET_S
    return morning + generator.integers(0, 3 * HOUR, len(until))


def _office_hours(
    generator: np.random.Generator, moment: np.ndarray, mask: np.ndarray
) -> np.ndarray:
    """Moves staff actions outside Monday-Friday 07:30-16:30 to the next working morning.

    Emergencies (priority 1) are handled around the clock by the standby teams.
    """
    local = moment + LOCAL_OFFSET_S
    day, second = local // 86400, local % 86400
    weekday = (day + 3) % 7  # 0 = Monday
    late = second >= 16.5 * HOUR
    outside = mask & ((weekday >= 5) | late | (second < 7.5 * HOUR))
    next_day = day + late  # after hours: the next day; early: the same day
    skip = np.select([(next_day + 3) % 7 == 5, (next_day + 3) % 7 == 6], [2, 1], 0)
    morning = (
        (next_day + skip) * 86400 + int(7.5 * HOUR) + generator.integers(0, 4 * HOUR, len(moment))
    )
    return np.where(outside, morning - LOCAL_OFFSET_S, moment)
