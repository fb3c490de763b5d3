"""Issue 3 benchmarks: locate a clicked point, log+locate throughput."""

from __future__ import annotations

import random
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
        SELECT 'complaint', id, 'telephone', 'bare', 3, department_id FROM imis.category
         WHERE code = :category
        RETURNING id
    )
    UPDATE imis.correspondence AS c SET location_kind = 'point', status = 'assigned',
           geom = ST_SetSRID(ST_MakePoint(:x, :y), 32734)
      FROM new WHERE c.id = new.id
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
        request = NewCorrespondence(categories[index % len(categories)], "telephone", "Benchmark")
        with engine.begin() as connection:  # what the log wizard's Save does
            intake.log_and_locate(connection, request, intake.MapPoint(x, y, 32734))

    return one


def _bare_log(engine: Engine, points: list[tuple[float, float]], categories: list[str]):
    def one(index: int) -> None:
        x, y = points[index % len(points)]
        with engine.begin() as connection:
            connection.execute(
                _BARE_LOG, {"category": categories[index % len(categories)], "x": x, "y": y}
            )

    return one


def _rate(operation, count: int, clients: int) -> float:
    start = time.perf_counter()
    if clients == 1:
        for index in range(count):
            operation(index)
    else:
        with ThreadPoolExecutor(clients) as pool:
            list(pool.map(operation, range(count)))
    return count / (time.perf_counter() - start)


def bench_log_and_locate(engine: Engine, count: int = 1000) -> list[Result]:
    points = _click_points(engine, 500, seed=11)
    with engine.connect() as connection:
        categories = list(
            connection.execute(text("SELECT code FROM imis.category WHERE is_active")).scalars()
        )
    random.Random(3).shuffle(categories)
    ours = _log_and_locate(engine, points, categories)
    bare = _bare_log(engine, points, categories)
    results = []
    for clients in (1, 8):
        bare_rate = _rate(bare, count, clients)
        our_rate = _rate(ours, count, clients)
        results.append(
            Result(
                f"log_and_locate_{clients}_client{'s' if clients > 1 else ''}",
                our_rate,
                "items/s",
                bare_rate,
                target=">= 200/s" if clients == 1 else "",
            )
        )
    return results


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
