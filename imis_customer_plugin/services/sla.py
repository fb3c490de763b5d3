"""Due times on the row: computed when an item is located or changes status, and again for
every open item when the SLA configuration changes.

The configuration (policies, calendars, holidays, special days) is read once and cached until
its version token in imis.setting changes (a trigger renews it on every edit).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.engine import Connection, Row

from ..core.sla import (
    Clock,
    SlaHistory,
    SlaPolicy,
    SlaState,
    SlaSubject,
    choose_policy,
    sla_state,
    sla_times,
)
from ..core.sla_calendar import BusinessCalendar, CalendarHours, SlaClock, Window

# The first of these in an item's history is its first response to the customer.
RESPONSE_EVENTS = ("start", "pend", "defer", "resolve", "close", "acknowledge")
RECOMPUTE_BATCH = 2000
# Opens a connection in a new transaction, e.g. ``engine.begin``: one per committed batch.
ConnectionFactory = Callable[[], AbstractContextManager[Connection]]


@dataclass
class SlaConfiguration:
    version: str
    policies: list[SlaPolicy]
    weekly: dict[int, dict[int, tuple[Window, ...]]]  # calendar id -> weekday -> windows
    holidays: frozenset[dt.date]
    special_days: list[tuple[dt.date, int | None, int | None, Window | None]]
    _clocks: dict[tuple, SlaClock] = field(default_factory=dict)

    def clock(self, policy: SlaPolicy, subject: SlaSubject) -> SlaClock:
        if policy.clock is Clock.CALENDAR:
            return _CALENDAR_HOURS
        key = (policy.calendar_id, subject.ward_id, subject.suburb_id)
        if key not in self._clocks:
            self._clocks[key] = BusinessCalendar(
                weekly=self.weekly.get(policy.calendar_id, {}),
                holidays=self.holidays,
                special_days=self._special_days_for(subject),
            )
        return self._clocks[key]

    def _special_days_for(self, subject: SlaSubject) -> dict[dt.date, tuple[Window, ...]]:
        """Municipality-wide special days, overridden by the ward's, then the suburb's."""
        days: dict[dt.date, tuple[Window, ...]] = {}
        for rank in (0, 1, 2):
            chosen: dict[dt.date, list[Window]] = {}
            for day, ward_id, suburb_id, window in self.special_days:
                row_rank = 2 if suburb_id is not None else 1 if ward_id is not None else 0
                if row_rank != rank:
                    continue
                if (ward_id is not None and ward_id != subject.ward_id) or (
                    suburb_id is not None and suburb_id != subject.suburb_id
                ):
                    continue
                windows = chosen.setdefault(day, [])
                if window is not None:
                    windows.append(window)
            days.update({day: tuple(sorted(w, key=lambda x: x.opens)) for day, w in chosen.items()})
        return days


_CALENDAR_HOURS = CalendarHours()
_cache: dict[str, SlaConfiguration] = {}
_cache_lock = threading.Lock()


def configuration_version(connection: Connection) -> str:
    return connection.execute(
        text("SELECT value FROM imis.setting WHERE key = 'sla.config_version'")
    ).scalar_one()


def load_configuration(connection: Connection, version: str | None = None) -> SlaConfiguration:
    """The SLA configuration, from the cache while its version token has not changed."""
    version = version or configuration_version(connection)
    with _cache_lock:
        cached = _cache.get(version)
    if cached is not None:
        return cached
    configuration = _read_configuration(connection, version)
    with _cache_lock:
        _cache.clear()  # one database's current version is all a process needs
        _cache[version] = configuration
    return configuration


def _seconds(value: float) -> dt.timedelta:
    return dt.timedelta(seconds=int(value))


def _read_configuration(connection: Connection, version: str) -> SlaConfiguration:
    policies = [
        SlaPolicy(
            id=row.id,
            name=row.name,
            response=dt.timedelta(minutes=row.response_minutes),
            resolution=dt.timedelta(minutes=row.resolution_minutes),
            clock=Clock(row.clock),
            calendar_id=row.calendar_id,
            classification=row.classification,
            category_id=row.category_id,
            priority=row.priority,
            ward_id=row.ward_id,
            suburb_id=row.suburb_id,
            at_risk_percent=row.at_risk_percent,
            pause_statuses=frozenset(row.pause_statuses),
            reopen_restarts=row.reopen_restarts,
        )
        for row in connection.execute(text("SELECT * FROM imis.sla_policy WHERE is_active"))
    ]
    weekly: dict[int, dict[int, list[Window]]] = {}
    for row in connection.execute(
        text(
            "SELECT calendar_id, weekday, extract(epoch FROM opens) AS opens, "
            "extract(epoch FROM closes) AS closes FROM imis.business_hours "
            "ORDER BY calendar_id, weekday, opens"
        )
    ):
        days = weekly.setdefault(row.calendar_id, {})
        days.setdefault(row.weekday, []).append(Window(_seconds(row.opens), _seconds(row.closes)))
    holidays = frozenset(
        connection.execute(text("SELECT holiday_date FROM imis.public_holiday")).scalars()
    )
    special_days = [
        (
            row.day,
            row.ward_id,
            row.suburb_id,
            None if row.opens is None else Window(_seconds(row.opens), _seconds(row.closes)),
        )
        for row in connection.execute(
            text(
                "SELECT day, ward_id, suburb_id, extract(epoch FROM opens) AS opens, "
                "extract(epoch FROM closes) AS closes FROM imis.special_day ORDER BY day, opens"
            )
        )
    ]
    return SlaConfiguration(
        version,
        policies,
        {cal: {d: tuple(w) for d, w in days.items()} for cal, days in weekly.items()},
        holidays,
        special_days,
    )


# One row per item: what the policy choice and the clocks need, from the row and its history.
_FACTS = text(
    """
    SELECT c.id, c.classification, c.category_id, c.priority, c.ward_id, c.suburb_id,
           c.status, c.logged_at, c.sla_state, coalesce(c.resolved_at, c.closed_at) AS resolved_at,
           h.responded_at, h.reopened_at, h.change_times, h.change_statuses, now() AS now,
           (SELECT value FROM imis.setting WHERE key = 'sla.config_version') AS version
      FROM imis.correspondence AS c
     CROSS JOIN LATERAL imis.sla_history(c.id, CAST(:response_events AS text[])) AS h
     WHERE c.id = ANY(:ids)
       FOR UPDATE OF c  -- facts and stored times stay consistent with a concurrent desk
    """
)

_STORE = text(
    """
    UPDATE imis.correspondence AS c SET
        sla_policy_id = v.policy_id, sla_state = v.state, sla_started_at = v.started_at,
        responded_at = v.responded_at, response_due_at = v.response_due,
        resolution_due_at = v.resolution_due, sla_at_risk_at = v.at_risk_at,
        sla_breach_at = v.breach_at,
        next_escalation_at = CASE WHEN v.state = 'breached' THEN c.next_escalation_at END
      FROM unnest(CAST(:ids AS bigint[]), CAST(:policy_ids AS integer[]),
                  CAST(:states AS text[]), CAST(:started_at AS timestamptz[]),
                  CAST(:responded_at AS timestamptz[]), CAST(:response_due AS timestamptz[]),
                  CAST(:resolution_due AS timestamptz[]), CAST(:at_risk_at AS timestamptz[]),
                  CAST(:breach_at AS timestamptz[]))
           AS v (id, policy_id, state, started_at, responded_at, response_due, resolution_due,
                 at_risk_at, breach_at)
     WHERE c.id = v.id
       AND (c.sla_policy_id, c.sla_state, c.sla_started_at, c.responded_at, c.response_due_at,
            c.resolution_due_at, c.sla_at_risk_at, c.sla_breach_at)
           IS DISTINCT FROM (v.policy_id, v.state, v.started_at, v.responded_at,
                             v.response_due, v.resolution_due, v.at_risk_at, v.breach_at)
    RETURNING c.id, c.row_version
    """
)


@dataclass(frozen=True)
class SlaFields:
    """What the row stores of its SLA (the columns of the same names, *_due as *_due_at)."""

    policy_id: int | None
    state: str | None
    started_at: dt.datetime | None
    responded_at: dt.datetime | None
    response_due: dt.datetime | None
    resolution_due: dt.datetime | None
    at_risk_at: dt.datetime | None
    breach_at: dt.datetime | None

    def values(self) -> tuple:
        return (
            self.policy_id,
            self.state,
            self.started_at,
            self.responded_at,
            self.response_due,
            self.resolution_due,
            self.at_risk_at,
            self.breach_at,
        )


def sla_fields(
    configuration: SlaConfiguration,
    subject: SlaSubject,
    history: SlaHistory,
    now: dt.datetime,
    current_state: str | None,
) -> SlaFields:
    """The policy that applies to the item, its due times and the state to store now."""
    policy = choose_policy(configuration.policies, subject)
    if policy is None:
        return SlaFields(None, None, None, history.responded_at, None, None, None, None)
    times = sla_times(policy, configuration.clock(policy, subject), history)
    state = sla_state(
        policy, times, history, now, SlaState(current_state) if current_state else None
    )
    paused = state is SlaState.PAUSED
    return SlaFields(
        policy.id,
        state.value,
        times.started_at,
        history.responded_at,
        times.response_due,
        times.resolution_due,
        None if paused else times.at_risk_at,
        None if paused else times.breach_at,
    )


def fields_after_locating(connection: Connection, facts: Row, status: str) -> SlaFields:
    """The SLA fields an item will have once located, before the locate writes its row.

    `facts` is a row of imis.locate_facts (the item, the ward and suburb it lands in, its
    history so far, the database's now()); locating moves it to `status` now, which is the
    one change its history gains. The same result refresh_sla would store after the write.
    """
    configuration = load_configuration(connection, facts.sla_version)
    return _fields_of(configuration, facts, facts.now_at, status, (facts.now_at, status))


def _fields_of(
    configuration: SlaConfiguration,
    item: Row,
    now: dt.datetime,
    status: str,
    change: tuple[dt.datetime, str] | None = None,
) -> SlaFields:
    """The SLA fields of `item` (a facts row: subject, history so far, stored state) once it
    has `status`, its history gaining `change` if the caller is about to make one."""
    subject = SlaSubject(
        item.classification, item.category_id, item.priority, item.ward_id, item.suburb_id
    )
    changes = list(zip(item.change_times or (), item.change_statuses or ()))
    history = SlaHistory(
        logged_at=item.logged_at,
        status=status,
        responded_at=item.responded_at,
        resolved_at=item.resolved_at,
        reopened_at=item.reopened_at,
        status_changes=[*changes, change] if change else changes,
    )
    return sla_fields(configuration, subject, history, now, item.sla_state)


def refresh_sla(connection: Connection, ids: Sequence[int]) -> dict[int, int]:
    """Recomputes and stores the SLA fields of `ids`; returns the new row versions of the rows
    that changed (a caller holding a version must take the new one)."""
    if not ids:
        return {}
    rows = connection.execute(
        _FACTS, {"ids": list(ids), "response_events": list(RESPONSE_EVENTS)}
    ).all()
    if not rows:
        return {}
    configuration = load_configuration(connection, rows[0].version)
    columns: dict[str, list] = {
        name: []
        for name in (
            "ids", "policy_ids", "states", "started_at", "responded_at", "response_due",
            "resolution_due", "at_risk_at", "breach_at",
        )
    }  # fmt: skip
    for row in rows:
        fields = _fields_of(configuration, row, row.now, row.status)
        for name, value in zip(columns, (row.id, *fields.values())):
            columns[name].append(value)
    return {r.id: r.row_version for r in connection.execute(_STORE, columns)}


def recompute_open_items(connect: ConnectionFactory, batch: int = RECOMPUTE_BATCH) -> int:
    """Every open, located item again (after a configuration change), one committed batch
    at a time: an interruption loses nothing, the next run starts over. Returns the count."""
    last_id, total = 0, 0
    while True:
        with connect() as connection:
            ids = (
                connection.execute(
                    text(
                        "SELECT id FROM imis.correspondence WHERE id > :last "
                        "AND status <> 'closed' AND located_at IS NOT NULL ORDER BY id LIMIT :batch"
                    ),
                    {"last": last_id, "batch": batch},
                )
                .scalars()
                .all()
            )
            if not ids:
                return total
            refresh_sla(connection, ids)
        last_id, total = ids[-1], total + len(ids)
