"""Issue 5 benchmark: a department's dispatch board with 50,000 open tasks.

In an empty migrated register of its own (benchmarks/__main__.py's FreshDatabases), the
department DISPATCH gets 50,000 open, assigned and in-progress tasks on located items (with
parcels, addresses, five zones, artisans and teams); 10,000 done tasks of its own and 20,000
open tasks of another department stand around them. Measured, interleaved on one connection
against the bare SQL of the same page on the same data:

- the first page: services.tasks.dispatch_board(limit=100) with its reference, category,
  assignee, SLA state, erf and address, against
  SELECT * FROM imis.task WHERE department_id = ... AND status IN (...) ORDER BY priority,
  zone_priority, due_at, id LIMIT 100;
- a later page (after the 25,000th row, keyset), against the bare query with the row
  comparison (priority, zone_priority, due_at, id) > (...) added.
"""

from __future__ import annotations

import time

from sqlalchemy import text
from sqlalchemy.engine import Engine

from imis_customer_plugin.services import tasks

from .common import Result, percentile, timed_ms

OPEN_TASKS = 50_000
DONE_TASKS = 10_000
OTHER_TASKS = 20_000
PAGE = 100
LATER_ROW = 25_000
_PARCELS = 2_000
_ORIGIN = (260_000, 6_240_000)

_BUILD = f"""
INSERT INTO imis.municipal_boundary (name, geom) VALUES ('Bench City',
    ST_Multi(ST_MakeEnvelope({_ORIGIN[0]}, {_ORIGIN[1]}, {_ORIGIN[0] + 10_000},
                             {_ORIGIN[1] + 10_000}, 32734)));
INSERT INTO imis.ward (code, name, geom)
SELECT 'B' || w, 'Bench ward ' || w,
       ST_Multi(ST_MakeEnvelope({_ORIGIN[0]} + (w - 1) * 2000, {_ORIGIN[1]},
                                {_ORIGIN[0]} + w * 2000, {_ORIGIN[1] + 10_000}, 32734))
  FROM generate_series(1, 5) AS w;
INSERT INTO imis.suburb (name, priority, geom)
SELECT 'Bench suburb ' || z, z,
       ST_Multi(ST_MakeEnvelope({_ORIGIN[0]} + (z - 1) * 2000, {_ORIGIN[1]},
                                {_ORIGIN[0]} + z * 2000, {_ORIGIN[1] + 10_000}, 32734))
  FROM generate_series(1, 5) AS z;
INSERT INTO imis.parcel (erf_number, ward_id, suburb_id, geom)
SELECT (10000 + n)::text, 1 + mod(n, 5), 1 + mod(n, 5),
       ST_Multi(ST_MakeEnvelope({_ORIGIN[0]} + mod(n, 5) * 2000 + mod(n / 5, 40) * 45,
                                {_ORIGIN[1]} + (n / 200) * 45,
                                {_ORIGIN[0]} + mod(n, 5) * 2000 + mod(n / 5, 40) * 45 + 40,
                                {_ORIGIN[1]} + (n / 200) * 45 + 40, 32734))
  FROM generate_series(0, {_PARCELS - 1}) AS n;
INSERT INTO imis.parcel_address (parcel_id, street_number, street_name, suburb_name)
SELECT p.id, mod(p.id, 300)::text, 'Bench Street', 'Bench suburb ' || p.suburb_id
  FROM imis.parcel AS p;
INSERT INTO imis.department (code, name) VALUES ('DISPATCH', 'Dispatch bench'),
                                                ('OTHER', 'Other bench');
INSERT INTO imis.category (code, name, department_id)
SELECT 'BENCH_' || d.code, 'Bench ' || d.code, d.id FROM imis.department AS d;
INSERT INTO imis.staff (role_name, full_name, department_id, is_artisan)
SELECT 'bench_artisan_' || n, 'Artisan ' || n, d.id, true
  FROM imis.department AS d, generate_series(1, 40) AS n WHERE d.code = 'DISPATCH';
INSERT INTO imis.team (department_id, name)
SELECT d.id, 'Crew ' || n FROM imis.department AS d, generate_series(1, 5) AS n
 WHERE d.code = 'DISPATCH';

CREATE TEMPORARY TABLE bench_plan ON COMMIT DROP AS
SELECT n, CASE WHEN n <= {OPEN_TASKS + DONE_TASKS} THEN 'DISPATCH' ELSE 'OTHER' END AS dept,
       CASE WHEN n > {OPEN_TASKS} AND n <= {OPEN_TASKS + DONE_TASKS} THEN 'done'
            WHEN n > {OPEN_TASKS + DONE_TASKS} OR mod(n, 10) < 5 THEN 'open'
            WHEN mod(n, 10) < 9 THEN 'assigned'
            ELSE 'in_progress' END AS status,
       1 + mod(hashint4(n) & 1023, 4) AS priority,
       1 + mod(hashint4(n + 7) & 1023, {_PARCELS}) AS parcel_no,
       CASE WHEN hashint4(n + 13) & 1023 < 51 THEN NULL  -- 1 in 20 without a due time
            ELSE now() + make_interval(mins => mod(hashint4(n + 29) & 1048575, 20000)) END
           AS due_at
  FROM generate_series(1, {OPEN_TASKS + DONE_TASKS + OTHER_TASKS}) AS n;

ALTER TABLE imis.correspondence ADD COLUMN bench_n integer;
INSERT INTO imis.correspondence (classification, category_id, channel, description, priority,
    status, department_id, location_kind, parcel_id, geom, ward_id, suburb_id, located_at,
    resolution_due_at, sla_state, bench_n)
SELECT 'complaint', cat.id, 'telephone', 'Bench item ' || b.n, b.priority, 'assigned', d.id,
       'parcel', p.id, ST_PointOnSurface(p.geom), p.ward_id, p.suburb_id, now(), b.due_at,
       CASE WHEN b.due_at < now() + interval '1 day' THEN 'at_risk' ELSE 'on_time' END, b.n
  FROM bench_plan AS b
  JOIN imis.department AS d ON d.code = b.dept
  JOIN imis.category AS cat ON cat.department_id = d.id
  JOIN imis.parcel AS p ON p.erf_number = (10000 + b.parcel_no - 1)::text;
INSERT INTO imis.task (correspondence_id, department_id, kind, status, assigned_staff_id,
    assigned_team_id, priority, zone_priority, due_at, completed_at)
SELECT c.id, c.department_id, 'repair', b.status,
       CASE WHEN b.status <> 'open' AND mod(b.n, 7) <> 0
            THEN (SELECT min(s.id) FROM imis.staff AS s) + mod(hashint4(b.n + 3) & 1023, 40) END,
       CASE WHEN b.status <> 'open' AND mod(b.n, 7) = 0
            THEN (SELECT min(t.id) FROM imis.team AS t) + mod(b.n, 5) END,
       c.priority, s.priority, c.resolution_due_at,
       CASE WHEN b.status = 'done' THEN now() END
  FROM imis.correspondence AS c
  JOIN bench_plan AS b ON b.n = c.bench_n
  JOIN imis.suburb AS s ON s.id = c.suburb_id;
ALTER TABLE imis.correspondence DROP COLUMN bench_n;
"""

_BARE_FIRST = text(
    "SELECT * FROM imis.task WHERE department_id = :department_id "
    "AND status IN ('open', 'assigned', 'in_progress') "
    "ORDER BY priority, zone_priority, due_at, id LIMIT 100"
)
_BARE_AFTER = text(
    "SELECT * FROM imis.task WHERE department_id = :department_id "
    "AND status IN ('open', 'assigned', 'in_progress') "
    "AND (priority, zone_priority, due_at, id) > (:priority, :zone_priority, :due_at, :id) "
    "ORDER BY priority, zone_priority, due_at, id LIMIT 100"
)


def build(engine: Engine) -> dict:
    """The bench department's tasks, in an empty migrated register; returns the context."""
    with engine.connect() as connection:
        if connection.execute(text("SELECT count(*) FROM imis.task")).scalar():
            raise RuntimeError("bench_dispatch needs an empty register of its own")
    started = time.perf_counter()
    with engine.begin() as connection:
        connection.exec_driver_sql(_BUILD)
    with engine.execution_options(isolation_level="AUTOCOMMIT").connect() as connection:
        connection.exec_driver_sql("VACUUM ANALYZE imis.task, imis.correspondence")
        open_tasks = connection.execute(
            text(
                "SELECT count(*) FROM imis.task AS t JOIN imis.department AS d "
                "ON d.id = t.department_id WHERE d.code = 'DISPATCH' "
                "AND t.status IN ('open', 'assigned', 'in_progress')"
            )
        ).scalar()
    return {"open_tasks": open_tasks, "build_seconds": round(time.perf_counter() - started, 1)}


def bench_board(engine: Engine, repeat: int = 200) -> list[Result]:
    """p50/p95 of the board's first page and of a later keyset page, against bare SQL."""
    build(engine)
    with engine.connect() as connection:
        department_id = connection.execute(
            text("SELECT id FROM imis.department WHERE code = 'DISPATCH'")
        ).scalar_one()
        later = connection.execute(
            text(
                "SELECT priority, zone_priority, due_at, id FROM imis.task "
                "WHERE department_id = :d AND status IN ('open', 'assigned', 'in_progress') "
                "ORDER BY priority, zone_priority, due_at, id OFFSET :n LIMIT 1"
            ),
            {"d": department_id, "n": LATER_ROW - 1},
        ).one()
        after = tasks.SchedulingKey(*later)
        bare_after = {"department_id": department_id, **later._asdict()}

        def ours_first() -> object:
            return tasks.dispatch_board(connection, "DISPATCH", limit=PAGE)

        def ours_later() -> object:
            return tasks.dispatch_board(connection, "DISPATCH", limit=PAGE, after=after)

        def bare_first() -> object:
            return connection.execute(_BARE_FIRST, {"department_id": department_id}).all()

        def bare_later() -> object:
            return connection.execute(_BARE_AFTER, bare_after).all()

        assert [r.task_id for r in ours_first()] == [r.id for r in bare_first()]
        assert len(ours_later()) == PAGE
        for operation in (ours_first, ours_later, bare_first, bare_later):  # warm both alike
            timed_ms(operation, 20)
        samples: dict[str, list[float]] = {"of": [], "ol": [], "bf": [], "bl": []}
        for _ in range(repeat):  # interleaved: both see the same machine state
            samples["of"] += timed_ms(ours_first, 1)
            samples["bf"] += timed_ms(bare_first, 1)
            samples["ol"] += timed_ms(ours_later, 1)
            samples["bl"] += timed_ms(bare_later, 1)
    results = []
    for page, ours, bare in (("first", "of", "bf"), ("later", "ol", "bl")):
        for q in (50, 95):
            results.append(
                Result(
                    f"dispatch_board_{page}_page_p{q}",
                    percentile(samples[ours], q),
                    "ms",
                    percentile(samples[bare], q),
                    target="<= 50 ms" if q == 95 else "",
                )
            )
    return results
