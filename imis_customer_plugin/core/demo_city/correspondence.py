"""A year of correspondence, made in chunks of consecutive days.

Ids and references follow the time of logging, as the database's own sequence would give
them. Each chunk's history is kept in compact arrays (history.py) until the register itself
has been written, since the events reference it.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ..workflow import Classification, Status
from . import lifecycle, texts
from .calendar import LOCAL_OFFSET_S, Calendar
from .history import History, history_of
from .life import (
    RESOLUTION_TEXTS,
    STATUSES,
    Life,
    Rows,
    answer_given,
    current_status,
    live,
    stamps,
    status_reason,
    taken_index,
    was_located,
)
from .parties import Located, Places, locate, place_points
from .reference import CATEGORIES, DEPARTMENT_ID, Category, Staff
from .staffing import StaffPools
from .streams import Stream, rng

CHUNK_ROWS = 50_000
CHANNELS = ("telephone", "walk_in", "email", "web", "sms", "social_media", "internal")
_CHANNEL_MIX = {  # in the order of CHANNELS
    "street": (0.40, 0.05, 0.08, 0.17, 0.10, 0.08, 0.12),
    "property": (0.50, 0.08, 0.10, 0.14, 0.10, 0.05, 0.03),
    "billing": (0.35, 0.25, 0.25, 0.12, 0.02, 0.01, 0.0),
    "office": (0.35, 0.25, 0.18, 0.12, 0.02, 0.08, 0.0),
    "compliment": (0.30, 0.10, 0.30, 0.12, 0.03, 0.15, 0.0),
}
_HOURS = {  # weight of each local hour of the day, by channel group
    "telephone": [0.2, 0.1, 0.1, 0.1, 0.1, 0.3, 0.8, 2, 4, 5, 5, 4.5, 4, 4, 4.5, 4.5, 4, 3, 2.5,
                  2, 1.5, 1, 0.6, 0.3],
    "walk_in": [0] * 8 + [3, 5, 5, 4, 3, 4, 4, 2] + [0] * 8,
    "online": [0.5, 0.3, 0.2, 0.2, 0.2, 0.4, 1, 2, 3, 3.5, 3.5, 3, 3, 3, 3, 3, 3, 3, 3, 3.5, 3.5,
               3, 2, 1],
    "internal": [0] * 7 + [2, 4, 4, 4, 3, 3, 4, 4, 3, 1] + [0] * 7,
}  # fmt: skip
_HOURS_OF_CHANNEL = ("telephone", "walk_in", "online", "online", "online", "online", "internal")
_REFORWARD_TO = {"WATER": "ROADS", "ROADS": "WATER", "ELEC": "ROADS", "WASTE": "PARKS",
                 "PARKS": "WASTE", "REVENUE": "CUSTCARE", "CUSTCARE": "REVENUE"}  # fmt: skip
REPEAT_SHARE = 0.06
REPEAT_WINDOW_S = 30 * 86400


class _Categories:
    """Per-category lookup arrays."""

    def __init__(self) -> None:
        self.classification = np.array([c.classification.value for c in CATEGORIES], dtype=object)
        self.priority = np.array([c.priority for c in CATEGORIES])
        self.department = np.array([DEPARTMENT_ID[c.department] for c in CATEGORIES])
        self.reforward = np.array([DEPARTMENT_ID[_REFORWARD_TO[c.department]] for c in CATEGORIES])
        self.resolve_hours = np.array([c.resolve_hours for c in CATEGORIES])
        mixes = [_CHANNEL_MIX[_mix_of(c)] for c in CATEGORIES]
        self.channels = np.cumsum(np.array(mixes) / np.sum(mixes, axis=1)[:, None], axis=1)
        self.descriptions = [texts.DESCRIPTIONS[c.code] for c in CATEGORIES]
        self.resolutions = [
            np.array([RESOLUTION_TEXTS.index(r) for r in texts.RESOLUTIONS[c.code]])
            for c in CATEGORIES
        ]
        hours = np.array([_HOURS[_HOURS_OF_CHANNEL[k]] for k in range(len(CHANNELS))], float)
        self.hours = np.cumsum(hours / hours.sum(axis=1)[:, None], axis=1)


def _mix_of(category: Category) -> str:
    if category.classification is Classification.COMPLIMENT:
        return "compliment"
    if category.department == "REVENUE":
        return "billing"
    return category.location


class Register:
    """Makes the correspondence table chunk by chunk and keeps the history of each chunk."""

    def __init__(self, seed: int, calendar: Calendar, places: Places, staff: list[Staff]) -> None:
        self.seed, self.calendar, self.places = seed, calendar, places
        self.staff = StaffPools(staff)
        self.categories = _Categories()
        self.histories: list[History] = []
        self.complete = False
        self._recent: dict[str, np.ndarray] = {}

    def chunks(self) -> Iterator[dict[str, object]]:
        """Rows of imis.correspondence in id order; afterwards `histories` is filled."""
        self.histories, self._recent, self.complete = [], {}, False
        next_id = 1
        for number, (first, last) in enumerate(self._day_ranges()):
            generator = rng(self.seed, Stream.CORRESPONDENCE_CHUNK, number)
            rows = self._rows(generator, first, last)
            if not len(rows):
                continue
            ids = np.arange(next_id, next_id + len(rows))
            next_id += len(rows)
            located = locate(generator, self.places, rows.category, rows.channel)
            repeat_of, repeat_year = self._repeats(generator, rows, located, ids)
            resolutions = self._resolutions(generator, rows)
            life = live(
                generator, rows, self.staff, self.calendar.as_of.astype(np.int64), resolutions
            )
            # A repeat is noticed when the item is located; unlocated items do not know yet.
            noticed = np.where(was_located(rows, life), repeat_of, -1)
            columns = self._columns(generator, rows, located, (repeat_of, noticed), life, ids)
            erf = self.places.land.erf
            self.histories.append(
                history_of(rows, located, (noticed, repeat_year), life, ids, erf, self.staff.ladder)
            )
            yield columns
        self.complete = True

    def _day_ranges(self) -> list[tuple[int, int]]:
        """Consecutive days holding about CHUNK_ROWS rows each."""
        total = np.cumsum(self.calendar.counts.sum(axis=1))
        ranges, first = [], 0
        while first < len(total):
            reached = total[first - 1] if first else 0
            last = int(np.searchsorted(total, reached + CHUNK_ROWS, side="right"))
            last = min(len(total), max(last, first + 1))
            ranges.append((first, last))
            first = last
        return ranges

    def _rows(self, generator: np.random.Generator, first: int, last: int) -> Rows:
        counts = self.calendar.counts[first:last]
        cell = np.repeat(np.arange(counts.size), counts.ravel())
        day = first + cell // counts.shape[1]
        category = cell % counts.shape[1]
        table = self.categories
        channel_index = (generator.random(len(cell))[:, None] > table.channels[category]).sum(
            axis=1
        )
        channel_index = np.minimum(channel_index, len(CHANNELS) - 1)
        logged = self._times(generator, day, channel_index)
        weekend = ((logged + LOCAL_OFFSET_S) // 86400 + 3) % 7 >= 5
        channel_index[weekend & (channel_index == 1)] = 0  # walk-in centres close at weekends
        order = np.argsort(logged, kind="stable")
        category, logged, channel_index = category[order], logged[order], channel_index[order]
        classification = table.classification[category]
        bump = generator.choice([-1, 0, 0, 0, 0, 0, 0, 0, 1], len(category))
        priority = np.clip(table.priority[category] + bump, 1, 4)
        return Rows(
            category=category,
            classification=classification,
            channel=np.array(CHANNELS, dtype=object)[channel_index],
            priority=priority,
            logged=logged,
            template=lifecycle.pick_templates(generator, classification),
            department=table.department[category],
            resolve_hours=table.resolve_hours[category],
            reforward_to=table.reforward[category],
        )

    def _times(
        self, generator: np.random.Generator, day: np.ndarray, channel: np.ndarray
    ) -> np.ndarray:
        """Logging time: the channel's hour profile, inside the demo year."""
        hour = (generator.random(len(day))[:, None] > self.categories.hours[channel]).sum(axis=1)
        start = self.calendar.day_start_utc.astype(np.int64)[day]
        logged = start + np.minimum(hour, 23) * 3600 + generator.integers(0, 3600, len(day))
        now = self.calendar.as_of.astype(np.int64)
        opening = now - 365 * 86400
        outside = (logged < opening) | (logged > now)
        low = np.maximum(start[outside], opening)
        high = np.minimum(start[outside] + 86400, now)
        logged[outside] = low + (generator.random(int(outside.sum())) * (high - low)).astype(
            np.int64
        )
        return logged

    def _repeats(
        self, generator: np.random.Generator, rows: Rows, located: Located, ids: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Moves some complaints to the place of an earlier one of the same category.

        Returns the id of that earlier item (-1: none) and the year in its reference.
        """
        complaint = rows.classification == Classification.COMPLAINT.value
        wanted = np.flatnonzero(complaint & (generator.random(len(ids)) < REPEAT_SHARE))
        sources = complaint.copy()
        sources[wanted] = False  # a repeat points at an original, not at another repeat
        pool = self._with_recent(self._facts(rows, located, ids, sources))
        key = pool["category"] * 10**11 + pool["logged"]
        mine = rows.category[wanted] * 10**11 + rows.logged[wanted]
        low = np.searchsorted(key, mine - REPEAT_WINDOW_S)
        high = np.searchsorted(key, mine - 3600)
        found = high > low
        wanted, low, high = wanted[found], low[found], high[found]
        source = low + (generator.random(len(wanted)) * (high - low)).astype(np.int64)
        repeat_of, year = np.full(len(ids), -1), np.full(len(ids), -1)
        repeat_of[wanted] = pool["id"][source]
        local = (pool["logged"][source] + LOCAL_OFFSET_S).astype("datetime64[s]")
        year[wanted] = local.astype("datetime64[Y]").astype(np.int64) + 1970
        located.parcel[wanted] = pool["parcel"][source]
        street = ~located.on_parcel[wanted]
        located.xy[wanted] = place_points(
            generator, self.places.land, located.parcel[wanted], street
        )
        everything = self._with_recent(self._facts(rows, located, ids, complaint))
        recent = everything["logged"] > rows.logged.max() - REPEAT_WINDOW_S
        self._recent = {k: v[recent] for k, v in everything.items()}
        return repeat_of, year

    @staticmethod
    def _facts(
        rows: Rows, located: Located, ids: np.ndarray, mask: np.ndarray
    ) -> dict[str, np.ndarray]:
        return {
            "id": ids[mask],
            "category": rows.category[mask],
            "logged": rows.logged[mask],
            "parcel": located.parcel[mask],
            "xy": located.xy[mask],
        }

    def _with_recent(self, facts: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Complaints of the last 30 days plus `facts`, by category and logging time."""
        if self._recent:
            facts = {k: np.concatenate([self._recent[k], v]) for k, v in facts.items()}
        order = np.lexsort((facts["logged"], facts["category"]))
        return {k: v[order] for k, v in facts.items()}

    def _resolutions(self, generator: np.random.Generator, rows: Rows) -> np.ndarray:
        """Index into RESOLUTION_TEXTS of the answer each row gets when it is resolved."""
        pools = self.categories.resolutions
        rolls = generator.random(len(rows)).tolist()
        return np.array(
            [pools[c][int(u * len(pools[c]))] for c, u in zip(rows.category.tolist(), rolls)],
            dtype=np.int64,
        )

    def _columns(
        self,
        generator: np.random.Generator,
        rows: Rows,
        located: Located,
        repeat: tuple[np.ndarray, np.ndarray],
        life: Life,
        ids: np.ndarray,
    ) -> dict[str, object]:
        """The row as the register services would have left it at as_of. `repeat` is the
        earlier item the customer repeats, and that item once the repeat was noticed."""
        land = self.places.land
        pick = taken_index(life)
        status = current_status(rows, life)
        has_place = was_located(rows, life) & (located.parcel >= 0)
        on_parcel = has_place & located.on_parcel
        place = np.maximum(located.parcel, 0)
        answers = np.array(RESOLUTION_TEXTS, dtype=object)[life.resolution]
        deferred = status == STATUSES.index(Status.DEFERRED)
        actors = self.staff.actors
        local = (rows.logged + LOCAL_OFFSET_S).astype("datetime64[s]")
        years = (local.astype("datetime64[Y]").astype(np.int64) + 1970).tolist()
        return {
            "id": ids,
            "reference": [f"CR{y}-{n:06d}" for y, n in zip(years, ids.tolist())],
            "classification": rows.classification,
            "is_internal": rows.channel == "internal",
            "category_id": rows.category + 1,
            "channel": rows.channel,
            "customer_id": np.where(located.customer >= 0, located.customer + 1, -1),
            "account_id": np.where(located.account >= 0, located.account + 1, -1),
            "description": self._descriptions(generator, rows, repeat[0]),
            "priority": rows.priority,
            "status": np.array([s.value for s in STATUSES], dtype=object)[status],
            "department_id": np.where(life.done > 0, life.department[pick], rows.department),
            "assigned_staff_id": np.where(life.done > 0, life.worker[pick], -1),
            "escalation_level": np.where(life.done > 0, life.escalation[pick], 0),
            "location_kind": np.where(has_place, np.where(on_parcel, "parcel", "point"), None),
            "parcel_id": np.where(on_parcel, located.parcel + 1, -1),
            "geom": np.where(has_place[:, None], located.xy, np.nan),
            "ward_id": np.where(has_place, land.ward[place], -1),
            "suburb_id": np.where(has_place, land.suburb[place], -1),
            "repeat_of_id": repeat[1],
            "deferred_until": np.where(deferred, life.until, np.datetime64("NaT")),
            "status_reason": status_reason(rows, life),
            "resolution": np.where(answer_given(rows, life), answers, ""),
            "logged_by": actors[life.logger],
            "logged_at": rows.logged.astype("datetime64[s]"),
            **stamps(rows, life),
            "row_version": 1 + life.done,
            "updated_by": np.where(life.done > 0, actors[life.actor[pick]], None),
        }

    def _descriptions(
        self, generator: np.random.Generator, rows: Rows, repeat_of: np.ndarray
    ) -> list[str]:
        phrases = self.categories.descriptions
        roll = generator.random(len(rows)).tolist()
        suffix = generator.integers(0, len(texts.URGENT_SUFFIXES), len(rows)).tolist()
        result = []
        for c, u, s, repeat, p in zip(
            rows.category.tolist(), roll, suffix, repeat_of.tolist(), rows.priority.tolist()
        ):
            text = phrases[c][int(u * len(phrases[c]))]
            if repeat >= 0:
                text += " Reported before, still not fixed."
            elif p == 1 and u < 0.3:
                text += texts.URGENT_SUFFIXES[s]
            result.append(text)
        return result
