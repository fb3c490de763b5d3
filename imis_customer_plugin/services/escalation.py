"""The worker's sweeps: at risk, breached, escalated further, repeat complaints.

Each sweep is one set-based statement over the rows that are due (partial indexes of
migration 0005), run in committed batches:

- idempotent: a row is only taken while it is still in the state the step moves it from, so
  running a sweep twice changes nothing the second time;
- safe with several workers: rows are taken with FOR UPDATE SKIP LOCKED, and the state is
  checked again on the locked row;
- crash-safe: a batch's state change, its history event and (through the history trigger)
  its notifications commit together or not at all; the next sweep finishes the job.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import text

from . import sla
from .settings import get_setting
from .sla import ConnectionFactory

LOGGER = logging.getLogger(__name__)
SWEEP_BATCH = 20_000

# Statuses an automatic escalation moves to 'escalated' (the manual Escalate action's sources,
# less Deferred: a deferred item's clock is stopped, so it never breaches).
_WORKING = "('assigned', 'in_progress', 'pending', 'reopened')"

# Breached: the earliest open target (response, else resolution) has passed. One level up.
_BREACH = text(
    f"""
    WITH due AS (
        SELECT c.id, c.status AS old_status,
               CASE WHEN c.responded_at IS NULL AND c.response_due_at <= now()
                    THEN 'response' ELSE 'resolution' END AS target
          FROM imis.correspondence AS c
         WHERE c.sla_state IN ('on_time', 'at_risk') AND c.sla_breach_at <= now()
         ORDER BY c.sla_breach_at LIMIT :batch
           FOR UPDATE SKIP LOCKED
    ), escalated AS (
        UPDATE imis.correspondence AS c SET
            sla_state = 'breached',
            escalation_level = least(c.escalation_level + 1, 5),
            status = CASE WHEN c.status IN {_WORKING} THEN 'escalated' ELSE c.status END,
            next_escalation_at = now() + make_interval(mins => p.escalate_every_minutes)
          FROM due, imis.sla_policy AS p
         WHERE c.id = due.id AND p.id = c.sla_policy_id
           AND c.sla_state IN ('on_time', 'at_risk') AND c.sla_breach_at <= now()
        RETURNING c.id, due.old_status, c.status, c.escalation_level, due.target,
                  CASE due.target WHEN 'response' THEN c.response_due_at
                                  ELSE c.resolution_due_at END AS due_at
    )
    INSERT INTO imis.correspondence_event
        (correspondence_id, event_type, from_status, to_status, reason, detail)
    SELECT e.id, 'escalate', e.old_status, e.status,
           'SLA ' || e.target || ' target missed' || coalesce(' (due '
               || to_char(e.due_at AT TIME ZONE 'Africa/Johannesburg', 'YYYY-MM-DD HH24:MI')
               || ' SAST)', ''),
           jsonb_build_object('rule', 'breach', 'target', e.target, 'level', e.escalation_level)
      FROM escalated AS e
    """
)

# Still breached after the policy's interval: one level further, up to the department's top.
_FURTHER = text(
    f"""
    WITH due AS (
        SELECT c.id, c.status AS old_status, c.escalation_level AS old_level,
               coalesce((SELECT max(l.level) FROM imis.escalation_level AS l
                          WHERE l.department_id = c.department_id), 1) AS top
          FROM imis.correspondence AS c
         WHERE c.sla_state = 'breached' AND c.next_escalation_at <= now()
         ORDER BY c.next_escalation_at LIMIT :batch
           FOR UPDATE SKIP LOCKED
    ), escalated AS (
        UPDATE imis.correspondence AS c SET
            escalation_level = CASE WHEN c.escalation_level < due.top
                                    THEN c.escalation_level + 1 ELSE c.escalation_level END,
            status = CASE WHEN c.escalation_level < due.top AND c.status IN {_WORKING}
                          THEN 'escalated' ELSE c.status END,
            next_escalation_at = CASE WHEN c.escalation_level + 1 < due.top
                THEN now() + make_interval(mins => p.escalate_every_minutes) END
          FROM due, imis.sla_policy AS p
         WHERE c.id = due.id AND p.id = c.sla_policy_id
           AND c.sla_state = 'breached' AND c.next_escalation_at <= now()
        RETURNING c.id, due.old_status, c.status, c.escalation_level,
                  c.escalation_level > due.old_level AS moved_up
    )
    INSERT INTO imis.correspondence_event
        (correspondence_id, event_type, from_status, to_status, reason, detail)
    SELECT e.id, 'escalate', e.old_status, e.status,
           'SLA still breached: escalated to level ' || e.escalation_level,
           jsonb_build_object('rule', 'still_breached', 'level', e.escalation_level)
      FROM escalated AS e WHERE e.moved_up
    """
)

# At risk: the policy's share of a target is used. Tells the assignee (history trigger).
_AT_RISK = text(
    """
    WITH due AS (
        SELECT c.id FROM imis.correspondence AS c
         WHERE c.sla_state = 'on_time' AND c.sla_at_risk_at <= now()
           AND c.sla_breach_at > now()  -- past its deadline: the breach sweep's, not ours
         ORDER BY c.sla_at_risk_at LIMIT :batch
           FOR UPDATE SKIP LOCKED
    ), marked AS (
        UPDATE imis.correspondence AS c SET sla_state = 'at_risk'
          FROM due WHERE c.id = due.id AND c.sla_state = 'on_time'
           AND c.sla_at_risk_at <= now() AND c.sla_breach_at > now()
        RETURNING c.id, c.sla_breach_at
    )
    INSERT INTO imis.correspondence_event (correspondence_id, event_type, reason, detail)
    SELECT m.id, 'sla_at_risk',
           'at risk' || coalesce(': due ' || to_char(m.sla_breach_at AT TIME ZONE
               'Africa/Johannesburg', 'YYYY-MM-DD HH24:MI') || ' SAST', ''),
           jsonb_build_object('due', m.sla_breach_at)
      FROM marked AS m
    """
)

# Repeat complaints: N of a category on one place (the first and its repeats, linked when
# located) within the policy's window escalate the first one, once. Only repeats logged
# within the longest window can newly complete a count.
_REPEATS = text(
    f"""
    WITH counted AS (
        SELECT r.id, 1 + count(*) AS complaints, p.repeat_count
          FROM imis.correspondence AS e
          JOIN imis.correspondence AS r ON r.id = e.repeat_of_id
          JOIN imis.sla_policy AS p ON p.id = r.sla_policy_id
         WHERE e.repeat_of_id IS NOT NULL
           AND e.logged_at >= now() - make_interval(days => (
                   SELECT coalesce(max(repeat_window_days), 0) FROM imis.sla_policy))
           AND e.logged_at <= r.logged_at + make_interval(days => p.repeat_window_days)
           AND r.repeat_escalated_at IS NULL AND r.status <> 'closed'
           AND p.repeat_count IS NOT NULL
         GROUP BY r.id, p.repeat_count
        HAVING 1 + count(*) >= p.repeat_count
         LIMIT :batch
    ), due AS (
        SELECT c.id, c.status AS old_status, counted.complaints
          FROM imis.correspondence AS c JOIN counted USING (id)
         WHERE c.repeat_escalated_at IS NULL
           FOR UPDATE OF c SKIP LOCKED
    ), escalated AS (
        UPDATE imis.correspondence AS c SET
            repeat_escalated_at = now(),
            escalation_level = least(c.escalation_level + 1, 5),
            status = CASE WHEN c.status IN {_WORKING} THEN 'escalated' ELSE c.status END
          FROM due WHERE c.id = due.id AND c.repeat_escalated_at IS NULL
        RETURNING c.id, due.old_status, c.status, c.escalation_level, due.complaints
    )
    INSERT INTO imis.correspondence_event
        (correspondence_id, event_type, from_status, to_status, reason, detail)
    SELECT e.id, 'escalate', e.old_status, e.status,
           e.complaints || ' complaints of this kind at this place: repeat complaint',
           jsonb_build_object('rule', 'repeat', 'complaints', e.complaints,
                              'level', e.escalation_level)
      FROM escalated AS e
    """
)

# Order matters: a row past both its at-risk moment and its deadline is breached, not
# first put at risk.
SWEEPS = {"breached": _BREACH, "escalated further": _FURTHER, "at risk": _AT_RISK,
          "repeat complaints": _REPEATS}  # fmt: skip


@dataclass
class SweepReport:
    recomputed: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        parts = [f"{name}: {n}" for name, n in self.counts.items()]
        if self.recomputed:
            parts.insert(0, f"due times recomputed: {self.recomputed}")
        return ", ".join(parts) or "nothing due"


def sweep(connect: ConnectionFactory, batch: int = SWEEP_BATCH) -> SweepReport:
    """One full sweep; `connect` opens a transaction (e.g. ``engine.begin``) per batch."""
    report = SweepReport(recomputed=recompute_if_configuration_changed(connect))
    for name, statement in SWEEPS.items():
        total = 0
        while True:
            with connect() as connection:
                moved = connection.execute(statement, {"batch": batch}).rowcount
            total += moved
            if moved < batch:
                break
        report.counts[name] = total
        if total:
            LOGGER.info("SLA sweep, %s: %d", name, total)
    return report


_COMPUTED_KEY = "sla.computed_version"


def recompute_if_configuration_changed(connect: ConnectionFactory) -> int:
    """After an edit of policies, calendars, holidays or special days: every open item's due
    times again. Recorded as done only at the end, so an interrupted run starts over; two
    workers may both recompute, which costs time but changes nothing twice."""
    with connect() as connection:
        current = sla.configuration_version(connection)
        done = get_setting(connection, _COMPUTED_KEY)
        if done == current:
            return 0
    count = sla.recompute_open_items(connect)
    with connect() as connection:
        connection.execute(
            text(
                "INSERT INTO imis.setting (key, value, description) "
                "VALUES (:key, to_jsonb(CAST(:version AS text)), "
                "'The SLA configuration version the open items'' due times were computed with') "
                "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
            ),
            {"key": _COMPUTED_KEY, "version": current},
        )
    LOGGER.info("SLA configuration changed: due times of %d open items recomputed", count)
    return count
