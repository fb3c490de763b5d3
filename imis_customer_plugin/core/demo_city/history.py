"""The append-only history of each correspondence: logged, then every action taken.

Events look like the ones the register services write: the reason (or the resolution given)
in `reason`, a repeat noticed when the item is located, the parcel and erf in the detail of
`locate`. Kept as numbers per chunk (a city year has millions of events); text is made only
when the events are written out, after the register.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..workflow import Action, Status
from .life import (
    ACTIONS,
    EVENT_TEXTS,
    STATUSES,
    STEP_ACTION,
    STEP_AFTER,
    STEP_BEFORE,
    Life,
    Rows,
)
from .parties import Located
from .reference import DEPARTMENTS

EVENT_TYPES = ("logged", "repeat_detected", *(a.value for a in ACTIONS))
(EMPTY, REPEAT, LOCATE_PARCEL, START, DEFER, REFORWARD, ESCALATE, ESCALATE_AUTO) = range(8)


@dataclass
class History:
    correspondence: np.ndarray
    kind: np.ndarray  # index into EVENT_TYPES
    before: np.ndarray  # index into STATUSES, -1: none
    after: np.ndarray
    text: np.ndarray  # index into EVENT_TEXTS (reason or resolution), -1: ''
    actor: np.ndarray  # index into StaffPools.actors
    at: np.ndarray  # epoch seconds
    detail: np.ndarray  # one of EMPTY ... ESCALATE_AUTO, which says what arg1, arg2 are
    arg1: np.ndarray
    arg2: np.ndarray

    def __len__(self) -> int:
        return len(self.correspondence)


def history_of(
    rows: Rows,
    located: Located,
    repeat: tuple[np.ndarray, np.ndarray],
    life: Life,
    ids: np.ndarray,
    land_erf: np.ndarray,
    ladder: np.ndarray,
) -> History:
    """Events of one chunk in the order they happened; `repeat` is (id, year) of the earlier
    item each row repeats (-1: none), noticed when the row was located."""
    steps = _steps(rows, located, life, ids, land_erf, ladder)
    parts = [_logged(rows, life, ids), steps, _repeats(steps, repeat, ids)]
    merged = History(
        *(np.concatenate([getattr(p, f) for p in parts]) for f in History.__dataclass_fields__)
    )
    order = np.lexsort((merged.kind, merged.at))
    return History(*(getattr(merged, f)[order] for f in History.__dataclass_fields__))


def _logged(rows: Rows, life: Life, ids: np.ndarray) -> History:
    count = len(ids)
    none = np.full(count, -1)
    logged = np.full(count, STATUSES.index(Status.LOGGED))
    kind = np.zeros(count, np.int64)
    return History(ids, kind, none, logged, none, life.logger, rows.logged, kind, none, none)


def _repeats(steps: History, repeat: tuple[np.ndarray, np.ndarray], ids: np.ndarray) -> History:
    """A second after the locate that found the earlier item."""
    locate = np.flatnonzero(steps.kind == 2 + ACTIONS.index(Action.LOCATE))
    row = np.searchsorted(ids, steps.correspondence[locate])
    found = repeat[0][row] >= 0
    locate, row = locate[found], row[found]
    none = np.full(len(row), -1)
    kind = np.full(len(row), EVENT_TYPES.index("repeat_detected"))
    return History(ids[row], kind, none, none, none, steps.actor[locate], steps.at[locate] + 1,
                   np.full(len(row), REPEAT), repeat[0][row], repeat[1][row])  # fmt: skip


def _steps(
    rows: Rows,
    located: Located,
    life: Life,
    ids: np.ndarray,
    land_erf: np.ndarray,
    ladder: np.ndarray,
) -> History:
    row, step = np.nonzero(life.step_taken())
    action = STEP_ACTION[rows.template[row], step]
    department = life.department[row, step]
    level = np.minimum(life.escalation[row, step], 3)
    detail = np.full(len(row), EMPTY)
    arg1, arg2 = np.full(len(row), -1), np.full(len(row), -1)

    def at(a: Action) -> np.ndarray:
        return action == ACTIONS.index(a)

    on_parcel = at(Action.LOCATE) & located.on_parcel[row] & (located.parcel[row] >= 0)
    detail[on_parcel] = LOCATE_PARCEL
    arg1[on_parcel] = located.parcel[row[on_parcel]] + 1
    arg2[on_parcel] = land_erf[located.parcel[row[on_parcel]]]
    detail[at(Action.START)] = START
    arg1[at(Action.START)] = life.worker[row, step][at(Action.START)]
    detail[at(Action.DEFER)] = DEFER
    arg1[at(Action.DEFER)] = life.until[row][at(Action.DEFER)].astype(np.int64)
    detail[at(Action.REFORWARD)] = REFORWARD
    arg1[at(Action.REFORWARD)] = rows.department[row][at(Action.REFORWARD)]
    arg2[at(Action.REFORWARD)] = rows.reforward_to[row][at(Action.REFORWARD)]
    escalate = at(Action.ESCALATE)
    detail[escalate] = np.where(life.automatic[row, step], ESCALATE_AUTO, ESCALATE)[escalate]
    arg1[escalate] = level[escalate]
    arg2[escalate] = ladder[department, level][escalate]
    return History(
        ids[row],
        action + 2,
        STEP_BEFORE[rows.template[row], step],
        STEP_AFTER[rows.template[row], step],
        life.text[row, step],
        life.actor[row, step],
        life.times[row, step],
        detail,
        arg1,
        arg2,
    )


def _reference(number: int, year: int) -> str:
    return f"CR{year}-{number:06d}"


def _details(history: History) -> list[str]:
    """The jsonb detail of each event (no value in it ever needs JSON escaping)."""
    codes = [d.code for d in DEPARTMENTS]
    days = np.datetime_as_string(history.arg1.astype("datetime64[D]")).tolist()
    result = []
    for kind, a, b, day in zip(
        history.detail.tolist(), history.arg1.tolist(), history.arg2.tolist(), days
    ):
        if kind == EMPTY:
            result.append("{}")
        elif kind == REPEAT:
            result.append(f'{{"repeat_of": "{_reference(a, b)}"}}')
        elif kind == LOCATE_PARCEL:
            result.append(f'{{"parcel_id": {a}, "erf": "{b}"}}')
        elif kind == START:
            result.append(f'{{"staff_id": {a}}}')
        elif kind == DEFER:
            result.append(f'{{"until": "{day}"}}')
        elif kind == REFORWARD:
            result.append(
                f'{{"from_department": "{codes[a - 1]}", "to_department": "{codes[b - 1]}"}}'
            )
        else:
            automatic = ', "automatic": true' if kind == ESCALATE_AUTO else ""
            result.append(f'{{"level": {a}, "staff_id": {b}{automatic}}}')
    return result


def _texts(history: History) -> list[str]:
    texts = np.where(history.text >= 0, EVENT_TEXTS[history.text], "").tolist()
    for k in np.flatnonzero(history.detail == REPEAT).tolist():
        texts[k] = "repeats " + _reference(int(history.arg1[k]), int(history.arg2[k]))
    return texts


def event_columns(history: History, first_id: int, actors: np.ndarray) -> dict[str, object]:
    """Rows of imis.correspondence_event, ids from first_id."""
    statuses = np.array([s.value for s in STATUSES] + [None], dtype=object)  # -1 -> None
    return {
        "id": np.arange(first_id, first_id + len(history)),
        "correspondence_id": history.correspondence,
        "event_type": np.array(EVENT_TYPES, dtype=object)[history.kind],
        "from_status": statuses[history.before],
        "to_status": statuses[history.after],
        "reason": _texts(history),
        "detail": _details(history),
        "actor": actors[history.actor],
        "occurred_at": history.at.astype("datetime64[s]"),
    }
