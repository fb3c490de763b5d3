"""Issue 3 benchmarks: locate a clicked point, log+locate throughput."""

from __future__ import annotations

import random
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import text
from sqlalchemy.engine import Engine

from imis_customer_plugin.core.correspondence import NewCorrespondence
from imis_customer_plugin.core.workflow import OPEN_STATUSES
from imis_customer_plugin.services import intake, locate, search

from .common import Result, percentile, timed_ms

_BARE_LOCATE = text(
    "SELECT id FROM imis.parcel "
    "WHERE ST_Intersects(geom, ST_SetSRID(ST_MakePoint(:x, :y), 32734)) LIMIT 1"
)
_BARE_LOG = text(
    """
    WITH new AS (
        INSERT INTO imis.correspondence (classification, category_id, channel, description,
                                         priority, department_id)
        SELECT 'complaint', id, 'telephone', :description, 3, department_id
          FROM imis.category
         WHERE code = :category
        RETURNING id
    )
    UPDATE imis.correspondence AS c SET location_kind = 'point', status = 'assigned',
           geom = ST_SetSRID(ST_MakePoint(:x, :y), 32734)
      FROM new WHERE c.id = new.id
    """
)


_OURS, _BARE = "Benchmark", "bare"  # the descriptions that mark the throughput runs' items
_REMOVE = text(
    """
    WITH item AS (
        SELECT id FROM imis.correspondence WHERE description = ANY (:descriptions)
    ), task AS (
        DELETE FROM imis.task WHERE correspondence_id IN (SELECT id FROM item) RETURNING id
    ), outbox AS (
        DELETE FROM imis.outbox WHERE correspondence_id IN (SELECT id FROM item)
    ), audit AS (
        DELETE FROM imis.audit_log
         WHERE (table_name = 'correspondence' AND row_id IN (SELECT id FROM item))
            OR (table_name = 'task' AND row_id IN (SELECT id FROM task))
    ), event AS (
        DELETE FROM imis.correspondence_event
         WHERE correspondence_id IN (SELECT id FROM item)
    )
    DELETE FROM imis.correspondence WHERE id IN (SELECT id FROM item)
    """
)


def _click_points(engine: Engine, count: int, seed: int) -> list[tuple[float, float]]:
    with engine.connect() as connection:
        connection.execute(text("SELECT setseed(:s)"), {"s": seed / 1e6})
        rows = connection.execute(
            text(
                "SELECT ST_X(g), ST_Y(g) FROM (SELECT ST_PointOnSurface(geom) AS g "
                "FROM imis.parcel TABLESAMPLE BERNOULLI (5) LIMIT :n) AS t"
            ),
            {"n": count},
        ).all()
    return [(float(x), float(y)) for x, y in rows]


def bench_locate(engine: Engine, clicks: int = 2000) -> list[Result]:
    points = _click_points(engine, clicks, seed=7)
    with engine.connect() as connection:
        for x, y in points[:100]:  # warm the cache for both the same way
            locate.find_parcel_at(connection, x, y, 32734, details=False)
            connection.execute(_BARE_LOCATE, {"x": x, "y": y}).all()
        ours: list[float] = []
        bare: list[float] = []
        for x, y in points:  # interleaved, so both see the same machine state
            ours += timed_ms(
                lambda x=x, y=y: locate.find_parcel_at(connection, x, y, 32734, details=False), 1
            )
            bare += timed_ms(
                lambda x=x, y=y: connection.execute(_BARE_LOCATE, {"x": x, "y": y}).all(), 1
            )
    return [
        Result("locate_click_p50", percentile(ours, 50), "ms", percentile(bare, 50)),
        Result(
            "locate_click_p95",
            percentile(ours, 95),
            "ms",
            percentile(bare, 95),
            target="<= 10 ms and <= 1.5x bare",
        ),
    ]


def _log_and_locate(engine: Engine, points: list[tuple[float, float]], categories: list[str]):
    def one(index: int) -> None:
        x, y = points[index % len(points)]
        request = NewCorrespondence(categories[index % len(categories)], "telephone", _OURS)
        with engine.begin() as connection:  # what the log wizard's Save does
            intake.log_and_locate(connection, request, intake.MapPoint(x, y, 32734))

    return one


def _bare_log(engine: Engine, points: list[tuple[float, float]], categories: list[str]):
    def one(index: int) -> None:
        x, y = points[index % len(points)]
        with engine.begin() as connection:
            connection.execute(
                _BARE_LOG,
                {
                    "category": categories[index % len(categories)],
                    "description": _BARE,
                    "x": x,
                    "y": y,
                },
            )

    return one


def _rate(operation, indexes: range, clients: int) -> float:
    start = time.perf_counter()
    if clients == 1:
        for index in indexes:
            operation(index)
    else:
        with ThreadPoolExecutor(clients) as pool:
            list(pool.map(operation, indexes))
    return len(indexes) / (time.perf_counter() - start)


def _median_rates(ours, bare, count: int, clients: int, block: int = 100) -> tuple[float, float]:
    """Ours and bare in alternating blocks, each rate the median of its blocks: the machine's
    drift (other jobs on shared cores) then falls on both alike, not on whichever ran second."""
    our_rates, bare_rates = [], []
    for start in range(0, count, block):
        indexes = range(start, min(start + block, count))
        bare_rates.append(_rate(bare, indexes, clients))
        our_rates.append(_rate(ours, indexes, clients))
    return statistics.median(our_rates), statistics.median(bare_rates)


def bench_log_and_locate(engine: Engine, count: int = 1000) -> list[Result]:
    """Each item at a point of its own, and the items removed afterwards: clicks repeated at
    the same points (within and across runs) piled hundreds of complaints there, and every
    repeat check then read them all (1.2 ms an item after a few dozen runs)."""
    points = _click_points(engine, 4 * count, seed=11)
    with engine.connect() as connection:
        categories = list(
            connection.execute(text("SELECT code FROM imis.category WHERE is_active")).scalars()
        )
    random.Random(3).shuffle(categories)
    results = []
    try:
        for run, clients in enumerate((1, 8)):
            ours_points, bare_points = (
                points[(2 * run + side) * count : (2 * run + side + 1) * count] for side in (0, 1)
            )
            our_rate, bare_rate = _median_rates(
                _log_and_locate(engine, ours_points, categories),
                _bare_log(engine, bare_points, categories),
                count,
                clients,
            )
            results.append(
                Result(
                    f"log_and_locate_{clients}_client{'s' if clients > 1 else ''}",
                    our_rate,
                    "items/s",
                    bare_rate,
                    target=">= 200/s" if clients == 1 else "",
                )
            )
    finally:
        remove_benchmark_items(engine)
    return results


def remove_benchmark_items(engine: Engine) -> None:
    """Deletes what the throughput runs wrote, history and audit included (append-only
    outside a benchmark), so that every run measures the same register."""
    tables = ("correspondence", "correspondence_event", "task", "outbox", "audit_log")
    with engine.begin() as connection:
        for table in tables:
            connection.execute(text(f"ALTER TABLE imis.{table} DISABLE TRIGGER USER"))
        # For the foreign key's check of each deleted event; the register never deletes one.
        connection.execute(text("CREATE INDEX bench_outbox_event_idx ON imis.outbox (event_id)"))
        connection.execute(_REMOVE, {"descriptions": [_OURS, _BARE]})
        connection.execute(text("DROP INDEX imis.bench_outbox_event_idx"))
        for table in tables:
            connection.execute(text(f"ALTER TABLE imis.{table} ENABLE TRIGGER USER"))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        for table in tables:
            connection.execute(text(f"VACUUM ANALYZE imis.{table}"))


_BARE_FIRST_PAGE = text(
    "SELECT id, reference, logged_at, status FROM imis.correspondence "
    "WHERE status <> 'closed' ORDER BY logged_at DESC, id DESC LIMIT 100"
)


def bench_first_page(engine: Engine, repeat: int = 50) -> list[Result]:
    """What opening the dock costs: the first page of open items, against the bare query."""
    wanted = search.SearchFilter(statuses=tuple(s.value for s in OPEN_STATUSES))
    with engine.connect() as connection:
        ours = timed_ms(lambda: search.search_correspondence(connection, wanted), repeat)
        bare = timed_ms(lambda: connection.execute(_BARE_FIRST_PAGE).all(), repeat)
    return [
        Result("dock_first_page_p50", percentile(ours, 50), "ms", percentile(bare, 50)),
    ]
