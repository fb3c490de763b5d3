"""Where each correspondence stands at `as_of`: status and the columns that go with it.

Templates are turned into matrices (template x step) once, so that a chunk's statuses,
dates, actors and reasons are array lookups rather than a loop per row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..workflow import Action, Classification, Field, Status
from . import lifecycle, texts
from .lifecycle import MAX_STEPS, NEVER, TEMPLATES, Timing
from .staffing import StaffPools

ACTIONS = tuple(Action)
STATUSES = tuple(Status)
_REASON_POOLS = {key: k for k, key in enumerate(texts.REASONS)}
REASONS = tuple(r for reasons in texts.REASONS.values() for r in reasons)
_REASON_START = np.cumsum([0, *(len(r) for r in texts.REASONS.values())])
_REASON_SIZE = np.array([len(r) for r in texts.REASONS.values()])


def _matrix(value: object, dtype: type) -> np.ndarray:
    return np.full((len(TEMPLATES), MAX_STEPS), value, dtype=dtype)


STEP_ACTION = _matrix(-1, np.int64)  # index into ACTIONS, -1 past the end
STEP_BEFORE = _matrix(-1, np.int64)  # index into STATUSES
STEP_AFTER = _matrix(-1, np.int64)
STEP_REASON = _matrix(False, bool)  # the workflow wants a reason at this step
STEP_ANSWER = _matrix(False, bool)  # a resolution (or thanks) is given to the customer
for _t, _template in enumerate(TEMPLATES):
    for _s, _action in enumerate(_template.actions):
        STEP_ACTION[_t, _s] = ACTIONS.index(_action)
        _before = _template.statuses[_s - 1] if _s else Status.LOGGED
        STEP_BEFORE[_t, _s] = STATUSES.index(_before)
        STEP_AFTER[_t, _s] = STATUSES.index(_template.statuses[_s])
        STEP_REASON[_t, _s] = _template.needs(_s, Field.REASON)
        STEP_ANSWER[_t, _s] = _template.needs(_s, Field.RESOLUTION) or _action is Action.ACKNOWLEDGE
STEPS = np.arange(MAX_STEPS)


def _is(action: Action) -> np.ndarray:
    return np.equal(STEP_ACTION, ACTIONS.index(action))


@dataclass
class Rows:
    """The logged facts of a chunk's rows, sorted by logging time."""

    category: np.ndarray  # index into CATEGORIES
    classification: np.ndarray  # Classification values
    channel: np.ndarray
    priority: np.ndarray
    logged: np.ndarray  # epoch seconds
    template: np.ndarray  # index into TEMPLATES
    department: np.ndarray  # the category's department id
    resolve_hours: np.ndarray
    reforward_to: np.ndarray  # department id it would be re-forwarded to

    def __len__(self) -> int:
        return len(self.category)


@dataclass
class Life:
    times: np.ndarray  # (rows, MAX_STEPS) epoch seconds, NEVER past the template's end
    done: np.ndarray  # steps taken by as_of
    actor: np.ndarray  # (rows, MAX_STEPS) index into StaffPools.actors
    logger: np.ndarray  # actor who logged the item
    text: np.ndarray  # (rows, MAX_STEPS) index into EVENT_TEXTS: reason or answer, -1 none
    automatic: np.ndarray  # (rows, MAX_STEPS) escalated by the SLA sweep
    until: np.ndarray  # datetime64[D] of a deferral
    department: np.ndarray  # department id at each step (rows, MAX_STEPS)
    worker: np.ndarray  # staff id (1-based) assigned at each step, -1 none
    escalation: np.ndarray  # escalation level after each step (rows, MAX_STEPS)
    resolution: np.ndarray  # index into RESOLUTION_TEXTS, given when resolved or closed
    response_due: np.ndarray
    resolution_due: np.ndarray

    def step_taken(self) -> np.ndarray:
        return STEPS[None, :] < self.done[:, None]


def live(
    generator: np.random.Generator,
    rows: Rows,
    staff: StaffPools,
    as_of: np.int64,
    resolutions: np.ndarray,
) -> Life:
    count = len(rows)
    response_due = rows.logged + lifecycle_hours(rows.priority, "response") * 3600
    resolution_due = rows.logged + lifecycle_hours(rows.priority, "resolution") * 3600
    times = np.full((count, MAX_STEPS), NEVER, dtype=np.int64)
    automatic = np.zeros((count, MAX_STEPS), dtype=bool)
    until = np.full(count, np.datetime64("NaT"), dtype="datetime64[D]")
    quick = np.isin(rows.channel, ("telephone", "walk_in", "internal"))
    for number in np.unique(rows.template):
        members = np.flatnonzero(rows.template == number)
        template = TEMPLATES[number]
        timing = Timing(
            rows.logged[members],
            rows.priority[members],
            rows.resolve_hours[members],
            quick[members],
            resolution_due[members],
        )
        timeline = lifecycle.simulate(generator, template, timing)
        steps = len(template.actions)
        times[members, :steps] = timeline.times
        automatic[members, :steps] = timeline.automatic
        until[members] = timeline.until
    done = (times <= as_of).sum(axis=1)
    action = STEP_ACTION[rows.template]
    forwarded = np.cumsum(action == ACTIONS.index(Action.REFORWARD), axis=1) > 0
    # The step that re-forwards is still the old department's; later steps the new one's.
    moved = np.concatenate([np.zeros((count, 1), dtype=bool), forwarded[:, :-1]], axis=1)
    department = np.where(moved, rows.reforward_to[:, None], rows.department[:, None])
    escalation = np.cumsum(action == ACTIONS.index(Action.ESCALATE), axis=1)
    logger = staff.logger(generator, rows.channel, rows.department)
    actor, worker = _actors(generator, rows, staff, action, department, automatic, quick, logger)
    return Life(
        times=times,
        done=done,
        actor=actor,
        logger=logger,
        text=_texts(generator, rows, action, automatic, resolutions),
        automatic=automatic,
        until=until,
        department=department,
        worker=worker,
        escalation=escalation,
        resolution=resolutions,
        response_due=response_due,
        resolution_due=resolution_due,
    )


def lifecycle_hours(priority: np.ndarray, kind: str) -> np.ndarray:
    table = {"response": (0, 4, 24, 72, 120), "resolution": (0, 24, 72, 336, 720)}[kind]
    return np.array(table, dtype=np.int64)[priority]


def _actors(
    generator: np.random.Generator,
    rows: Rows,
    staff: StaffPools,
    action: np.ndarray,
    department: np.ndarray,
    automatic: np.ndarray,
    quick: np.ndarray,
    logger: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Actor per step, and the staff member each row is assigned to (from its first start)."""
    count = len(rows)
    agent = generator.choice(staff.agents, count)
    caller_agent = np.where(logger >= staff.intake, agent, logger)
    worker_before = staff.pick(generator, staff.workers, rows.department)
    worker_after = staff.pick(generator, staff.workers, rows.reforward_to)
    boss_before = staff.pick(generator, staff.supervisors, rows.department)
    boss_after = staff.pick(generator, staff.supervisors, rows.reforward_to)
    moved = department != rows.department[:, None]
    worker = np.where(moved, worker_after[:, None], worker_before[:, None])
    boss = np.where(moved, boss_after[:, None], boss_before[:, None])
    before = STEP_BEFORE[rows.template]
    logged = STATUSES.index(Status.LOGGED)
    resolved = STATUSES.index(Status.RESOLVED)

    def step(a: Action) -> np.ndarray:
        return action == ACTIONS.index(a)

    actor = np.select(
        [
            step(Action.LOCATE) & quick[:, None],
            step(Action.LOCATE) | step(Action.ACKNOWLEDGE) | step(Action.REOPEN),
            step(Action.CLOSE) & (before == logged),
            step(Action.ESCALATE) & automatic,
            step(Action.DEFER)
            | step(Action.REFORWARD)
            | step(Action.ESCALATE)
            | (step(Action.CLOSE) & (before == resolved)),
        ],
        [caller_agent[:, None], agent[:, None], caller_agent[:, None], staff.sweeper, boss],
        worker,
    )
    started = np.cumsum(step(Action.START), axis=1) > 0
    assigned = np.where(started, worker + 1, -1)
    return actor, assigned


def _texts(
    generator: np.random.Generator,
    rows: Rows,
    action: np.ndarray,
    automatic: np.ndarray,
    resolutions: np.ndarray,
) -> np.ndarray:
    """A reason where the workflow asks one, the answer where one is given; -1 elsewhere."""
    pool = np.full(action.shape, -1)
    for name, key in (
        ("pend", Action.PEND),
        ("defer", Action.DEFER),
        ("reforward", Action.REFORWARD),
        ("escalate", Action.ESCALATE),
        ("reopen", Action.REOPEN),
    ):
        pool[action == ACTIONS.index(key)] = _REASON_POOLS[name]
    pool[automatic] = _REASON_POOLS["escalate_sla"]
    pool[~STEP_REASON[rows.template]] = -1
    choice = (generator.random(action.shape) * _REASON_SIZE[pool]).astype(np.int64)
    text = np.where(pool >= 0, _REASON_START[pool] + choice, -1)
    answer = STEP_ANSWER[rows.template]
    return np.where(answer, len(REASONS) + resolutions[:, None], text)


def is_compliment(rows: Rows) -> np.ndarray:
    return rows.classification == Classification.COMPLIMENT.value


RESOLUTION_TEXTS = tuple(dict.fromkeys(r for rs in texts.RESOLUTIONS.values() for r in rs))
EVENT_TEXTS = np.array(REASONS + RESOLUTION_TEXTS, dtype=object)


def taken_index(life: Life) -> tuple[np.ndarray, np.ndarray]:
    """(row, step) of each row's last step taken (step 0 when none was)."""
    return np.arange(len(life.done)), np.maximum(life.done - 1, 0)


def current_status(rows: Rows, life: Life) -> np.ndarray:
    """Index into STATUSES of each row's status at as_of."""
    after = STEP_AFTER[rows.template][taken_index(life)]
    return np.where(life.done > 0, after, STATUSES.index(Status.LOGGED))


def was_located(rows: Rows, life: Life) -> np.ndarray:
    return (_is(Action.LOCATE)[rows.template] & life.step_taken()).any(axis=1)


def _time_of(life: Life, mask: np.ndarray) -> np.ndarray:
    """Time of the last step in `mask` (rows, steps), NaT where there is none."""
    last = MAX_STEPS - 1 - np.argmax(mask[:, ::-1], axis=1)
    seconds = life.times[np.arange(len(last)), last]
    return np.where(mask.any(axis=1), seconds, NEVER)


def _stamp(seconds: np.ndarray) -> np.ndarray:
    return np.where(seconds == NEVER, np.datetime64("NaT"), seconds.astype("datetime64[s]"))


def stamps(rows: Rows, life: Life) -> dict[str, np.ndarray]:
    """The *_at columns of the register, as the register services set them: resolved_at
    when an item is resolved (cleared by a reopen), closed_at while it is closed."""
    taken = life.step_taken()
    action = STEP_ACTION[rows.template]
    last_time = _time_of(life, taken)
    resolved = _time_of(life, taken & (action == ACTIONS.index(Action.RESOLVE)))
    reopened = _time_of(life, taken & (action == ACTIONS.index(Action.REOPEN)))
    resolved = np.where((reopened != NEVER) & (reopened > resolved), NEVER, resolved)
    closed = current_status(rows, life) == STATUSES.index(Status.CLOSED)
    no_target = np.where(is_compliment(rows), NEVER, 0)
    return {
        "located_at": _stamp(_time_of(life, taken & (action == ACTIONS.index(Action.LOCATE)))),
        "resolved_at": _stamp(resolved),
        "closed_at": _stamp(np.where(closed, last_time, NEVER)),
        "response_due_at": _stamp(np.maximum(life.response_due, no_target)),
        "resolution_due_at": _stamp(np.maximum(life.resolution_due, no_target)),
        "updated_at": _stamp(last_time),
    }


def answer_given(rows: Rows, life: Life) -> np.ndarray:
    """Whether a resolution has been given (it stays on the row after a reopen)."""
    return (STEP_ANSWER[rows.template] & life.step_taken()).any(axis=1)


def status_reason(rows: Rows, life: Life) -> np.ndarray:
    """Reason of the last step, when that step asked for one (else '')."""
    pick = taken_index(life)
    asked = (life.done > 0) & STEP_REASON[rows.template][pick]
    return np.where(asked, EVENT_TEXTS[np.maximum(life.text[pick], 0)], "")
