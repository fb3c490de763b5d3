"""Issue 6 benchmarks: the worker's SLA sweep over the city-scale register.

On a copy of the city register (1,000,000 correspondences), 200,000 items are made open with
stored due times; the rest closed. Two cases, each against a bare UPDATE of the same rows
(same table, same triggers) in the same run:

- catch-up: every open item is past its deadline (a worker back after an outage) — the sweep
  escalates all 200,000: state, level, status, a history event and a notification each;
- steady: 1 % of the open items fall due — what a sweep every minute meets.
"""

from __future__ import annotations

import time

from psycopg2 import sql
from sqlalchemy import text
from sqlalchemy.engine import Engine

from imis_customer_plugin.db.connection import ConnectionSettings, create_db_engine
from imis_customer_plugin.db.server import execute_autocommit
from imis_customer_plugin.services import escalation, sla

from .common import Result

OPEN_ITEMS = 200_000

# Scenario set-up and resets run with the tables' triggers off: they prepare data, they are
# not what is measured.
_TABLES = "imis.correspondence, imis.correspondence_event, imis.audit_log"
_TRIGGERS_OFF = "".join(f"ALTER TABLE {t} DISABLE TRIGGER USER;" for t in _TABLES.split(", "))
_TRIGGERS_ON = _TRIGGERS_OFF.replace("DISABLE", "ENABLE")
_MAKE_OPEN = (
    _TRIGGERS_OFF
    + f"""
CREATE TABLE public.bench_open AS
SELECT id FROM imis.correspondence WHERE geom IS NOT NULL ORDER BY id % 5, id LIMIT {OPEN_ITEMS};
ALTER TABLE public.bench_open ADD PRIMARY KEY (id);
UPDATE imis.correspondence SET
    status = CASE WHEN open THEN 'in_progress' ELSE 'closed' END,
    closed_at = CASE WHEN open THEN NULL ELSE coalesce(closed_at, logged_at) END,
    resolved_at = CASE WHEN open THEN NULL ELSE resolved_at END,
    deferred_until = NULL,
    sla_policy_id = (SELECT id FROM imis.sla_policy WHERE classification IS NULL
                       AND category_id IS NULL AND priority IS NULL AND ward_id IS NULL
                       AND suburb_id IS NULL),
    escalation_level = 0, next_escalation_at = NULL, responded_at = logged_at,
    sla_state = CASE WHEN open THEN 'on_time' ELSE 'met' END
  FROM (SELECT c.id AS open_id, b.id IS NOT NULL AS open FROM imis.correspondence AS c
          LEFT JOIN public.bench_open AS b USING (id)) AS chosen
 WHERE chosen.open_id = imis.correspondence.id;
"""
    + _TRIGGERS_ON
)
_RESET = (
    _TRIGGERS_OFF
    + """
TRUNCATE imis.outbox;  -- no DELETE: each event deleted below would scan it
DELETE FROM imis.correspondence_event WHERE occurred_at >= :since;
DELETE FROM imis.audit_log WHERE occurred_at >= :since;
UPDATE imis.correspondence SET
    status = 'in_progress', sla_state = 'on_time', escalation_level = 0,
    next_escalation_at = NULL,
    sla_breach_at = CASE WHEN id % :every = 0 THEN now() - interval '1 hour'
                         ELSE now() + interval '30 days' END,
    sla_at_risk_at = now() + interval '20 days',
    resolution_due_at = CASE WHEN id % :every = 0 THEN now() - interval '1 hour'
                             ELSE now() + interval '30 days' END
 WHERE id IN (SELECT id FROM public.bench_open);
"""
    + _TRIGGERS_ON
)
_BARE = text(
    "UPDATE imis.correspondence SET sla_state = 'breached' "
    "WHERE sla_state IN ('on_time', 'at_risk') AND sla_breach_at <= now()"
)


def bench_sweep(server: ConnectionSettings, city: str) -> list[Result]:
    copy = f"{city}_sla"
    execute_autocommit(server, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
        sql.Identifier(copy)))  # fmt: skip
    execute_autocommit(
        server,
        sql.SQL("CREATE DATABASE {} TEMPLATE {} STRATEGY = FILE_COPY").format(
            sql.Identifier(copy), sql.Identifier(city)
        ),
    )
    engine = create_db_engine(server.with_database(copy))
    try:
        with engine.begin() as connection:
            connection.execute(text(_MAKE_OPEN))
        _vacuum(engine)
        with engine.begin() as connection:  # the due times are as the configuration says
            connection.execute(
                text(
                    "INSERT INTO imis.setting (key, value) VALUES ('sla.computed_version', "
                    "(SELECT value FROM imis.setting WHERE key = 'sla.config_version')) "
                    "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
                )
            )
        results = []
        for case, every in (("catch_up", 1), ("steady", 100)):
            bare, due = _timed_reset_then(engine, every, lambda: _bare(engine))
            ours, _ = _timed_reset_then(engine, every, lambda: escalation.sweep(engine.begin))
            target = "<= 2 s and <= 3x bare" if case == "catch_up" else ""
            results.append(
                Result(f"sla_sweep_{case}_{due}_due_of_{OPEN_ITEMS}_open", ours, "s", bare,
                       target)
            )  # fmt: skip
        results.append(_recompute(engine))
        return results
    finally:
        engine.dispose()
        execute_autocommit(server, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(copy)))  # fmt: skip


def _bare(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(_BARE)


def _timed_reset_then(engine: Engine, every: int, operation) -> tuple[float, int]:
    """Seconds `operation` takes on freshly reset rows, and how many of them were due."""
    with engine.begin() as connection:
        since = connection.execute(text("SELECT now() - interval '1 minute'")).scalar()
    with engine.begin() as connection:
        connection.execute(text(_RESET), {"since": since, "every": every})
    _vacuum(engine)
    with engine.connect() as connection:
        due = connection.execute(
            text("SELECT count(*) FROM imis.correspondence WHERE sla_state = 'on_time' "
                 "AND sla_breach_at <= now()")
        ).scalar()  # fmt: skip
    started = time.perf_counter()
    operation()
    return time.perf_counter() - started, due


def _recompute(engine: Engine) -> Result:
    """Every open item's due times again in Python (after a policy edit), against reading the
    same rows' facts (the SQL part alone)."""
    started = time.perf_counter()
    count = sla.recompute_open_items(engine.begin)
    ours = time.perf_counter() - started
    started = time.perf_counter()
    with engine.connect() as connection:
        connection.execute(
            text(
                "SELECT c.id, (SELECT array_agg(e.to_status) FROM imis.correspondence_event AS e "
                "WHERE e.correspondence_id = c.id) FROM imis.correspondence AS c "
                "WHERE c.status <> 'closed'"
            )
        ).all()
    bare = time.perf_counter() - started
    return Result(f"sla_recompute_{count}_open_items", ours, "s", bare)


def _vacuum(engine: Engine) -> None:
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        for table in ("correspondence", "correspondence_event", "outbox", "audit_log"):
            connection.execute(text(f"VACUUM ANALYZE imis.{table}"))
