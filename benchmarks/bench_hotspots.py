"""Issue 7 benchmark: hotspot analysis on a ~10,000-cell hexagon grid over the city register.

On the city-scale register (benchmarks/__main__.py's prepare_city, ~1,000,000 items), for
the register's whole period (its first to its last logged day, SAST), with hexagons sized so
that about 10,000 cover the municipal boundary. Measured, interleaved on one connection
after one warm-up each, the median of `repeat` runs of:

- ours: services.reports.hotspots.analyse_hotspots + hotspot_report (grid, counts, Gi*,
  FDR, classes, the 20 hottest cells' wards and suburbs), what the user waits for;
- ours per category: analyse_hotspots_by_category (one pass, every category);
- the bare baseline: the SQL a GIS analyst would write for the counts alone, the same
  ST_HexagonGrid cells joined to the points with ST_Intersects and counted per cell.

The baseline's counts must equal ours cell for cell (checked once): the benchmark is also
our arithmetic cell assignment checked against PostGIS on a million real points.

    results = run(ConnectionSettings.from_service("imis").with_database("imis_bench"))
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import statistics

from sqlalchemy import text
from sqlalchemy.engine import Connection

from imis_customer_plugin.core.hotspots import hexagon_area
from imis_customer_plugin.core.reports import ReportFilter
from imis_customer_plugin.db.connection import ConnectionSettings, create_db_engine
from imis_customer_plugin.definitions import DISPLAY_TIMEZONE
from imis_customer_plugin.services.reports.filters import local_midnight
from imis_customer_plugin.services.reports.hotspots import (
    analyse_hotspots,
    analyse_hotspots_by_category,
    hotspot_report,
)

from .common import Result, timed_seconds

LOGGER = logging.getLogger(__name__)
CELLS = 10_000

_BARE = text(
    """
    SELECT hex.i, hex.j, count(c.id)
      FROM ST_HexagonGrid(
               :size,
               (SELECT ST_SetSRID(ST_Extent(geom)::geometry, :srid)
                  FROM imis.municipal_boundary)) AS hex
      LEFT JOIN imis.correspondence AS c
        ON ST_Intersects(hex.geom, c.geom)
       AND c.logged_at >= :start_at AND c.logged_at < :end_at
     WHERE EXISTS (SELECT 1 FROM imis.municipal_boundary AS b
                    WHERE ST_Intersects(b.geom, hex.geom))
     GROUP BY hex.i, hex.j
    """
)


def plan(connection: Connection) -> tuple[ReportFilter, float, dict]:
    """The whole period of the register, the cell size for ~CELLS cells, and the context."""
    first, last, area, srid = connection.execute(
        text(
            "SELECT (SELECT min(logged_at) FROM imis.correspondence), "
            "(SELECT max(logged_at) FROM imis.correspondence), "
            "(SELECT sum(ST_Area(geom)) FROM imis.municipal_boundary), "
            "(SELECT value::text::int FROM imis.setting WHERE key = 'municipality.srid')"
        )
    ).one()
    if first is None:
        raise RuntimeError("bench_hotspots needs the city register (no correspondence found)")
    start = first.astimezone(DISPLAY_TIMEZONE).date()
    end = last.astimezone(DISPLAY_TIMEZONE).date() + dt.timedelta(days=1)
    size = round(math.sqrt(area / (CELLS * hexagon_area(1.0))), 1)
    context = {"period": f"{start} to {end}", "cell_size_m": size, "srid": srid}
    return ReportFilter(start, end), size, context


def run(settings: ConnectionSettings, repeat: int = 3) -> list[Result]:
    engine = create_db_engine(settings)
    try:
        with engine.connect() as connection:
            report_filter, size, context = plan(connection)
            bare_params = {
                "size": size,
                "srid": context["srid"],
                "start_at": local_midnight(report_filter.start),
                "end_at": local_midnight(report_filter.end),
            }

            def ours() -> object:
                result = analyse_hotspots(connection, report_filter, size)
                return result, hotspot_report(connection, result)

            def ours_by_category() -> object:
                return analyse_hotspots_by_category(connection, report_filter, size)

            def bare() -> object:
                return connection.execute(_BARE, bare_params).all()

            result, _ = ours()  # also the warm-up
            counted = {(c.i, c.j): c.count for c in result.cells()}
            if counted != {(i, j): n for i, j, n in bare()}:
                raise AssertionError("our counts per cell differ from the ST_Intersects join")
            LOGGER.info(
                "hotspots: %s cells of %s m, %s items, %s, %s categories",
                len(result),
                size,
                result.items,
                context["period"],
                len(ours_by_category()),
            )
            samples: dict[str, list[float]] = {"ours": [], "category": [], "bare": []}
            for _ in range(repeat):  # interleaved: all see the same machine state
                samples["ours"].append(timed_seconds(ours))
                samples["category"].append(timed_seconds(ours_by_category))
                samples["bare"].append(timed_seconds(bare))
    finally:
        engine.dispose()
    bare_median = statistics.median(samples["bare"])
    return [
        Result(
            "hotspots_10k_cells_median",
            statistics.median(samples["ours"]),
            "s",
            bare_median,
            target="<= 5 s",
        ),
        Result(
            "hotspots_10k_cells_by_category_median",
            statistics.median(samples["category"]),
            "s",
            bare_median,
        ),
    ]
