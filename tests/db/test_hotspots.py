"""Hotspots on real PostGIS: the grid and its counts against an independent ST_Intersects
join, the neighbour rule against ST_Touches, a planted cluster found hot, filters, per
category, the report, and refused input.

The seeded test municipality (tests/municipality.py: a 3 km square boundary, ward 7 and
Mowbray in its south-west) gets, in March 2026: 400 potholes spread at random over the whole
boundary and a cluster of 150 burst pipes within 120 m of CLUSTER; in December 2025, 60
burst pipes around OLD_CLUSTER; two items either side of midnight SAST on 31 March; and one
item not located yet.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator

import numpy as np
import pytest
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from imis_customer_plugin.core.errors import NotFoundError, ValidationError
from imis_customer_plugin.core.hotspots import CLASS_LABELS, HotspotClass, cell_neighbours
from imis_customer_plugin.core.reports import ReportFilter
from imis_customer_plugin.db.connection import ConnectionSettings, create_db_engine
from imis_customer_plugin.services.reports.hotspots import (
    analyse_hotspots,
    analyse_hotspots_by_category,
    analyse_hotspots_overall_and_by_category,
    hotspot_report,
)
from tests import municipality

X0, Y0 = municipality.ORIGIN_X, municipality.ORIGIN_Y
BOUNDARY = (X0 - 1000, Y0 - 1000, X0 + 2000, Y0 + 2000)  # municipality.SEED_SQL's square
CLUSTER = (X0 + 300, Y0 + 300)  # in ward 7 and Mowbray
OLD_CLUSTER = (X0 + 1700, Y0 - 700)  # outside ward 7
SAST = dt.timezone(dt.timedelta(hours=2))
MARCH = ReportFilter(dt.date(2026, 3, 1), dt.date(2026, 4, 1))
SIZE = 100.0
BACKGROUND, CLUSTERED, OLD = 400, 150, 60
LATE_ON_31_MARCH = dt.datetime(2026, 3, 31, 23, 30, tzinfo=SAST)  # 21:30 UTC: March
EARLY_ON_1_APRIL = dt.datetime(2026, 4, 1, 0, 30, tzinfo=SAST)  # 22:30 UTC on 31 March: April

_INSERT = text(
    """
    INSERT INTO imis.correspondence (classification, category_id, channel, description,
        priority, department_id, status, location_kind, geom, ward_id, logged_at)
    SELECT 'complaint', c.id, 'telephone', 'Hotspot test', 3, c.department_id, 'logged',
           CASE WHEN t.x IS NOT NULL THEN 'point' END, p.geom,
           (SELECT w.id FROM imis.ward AS w WHERE ST_Intersects(w.geom, p.geom)),
           t.logged_at
      FROM unnest(CAST(:x AS float8[]), CAST(:y AS float8[]), CAST(:code AS text[]),
                  CAST(:logged_at AS timestamptz[])) AS t (x, y, code, logged_at)
      JOIN imis.category AS c ON c.code = t.code,
           LATERAL (SELECT ST_SetSRID(ST_MakePoint(t.x, t.y), 32734) AS geom) AS p
    """
)


def _around(rng: np.random.Generator, centre: tuple[float, float], radius: float, n: int):
    angle = rng.uniform(0, 2 * math.pi, n)
    distance = radius * np.sqrt(rng.uniform(0, 1, n))
    return centre[0] + distance * np.cos(angle), centre[1] + distance * np.sin(angle)


def _items() -> list[tuple[float | None, float | None, str, dt.datetime]]:
    rng = np.random.default_rng(2026)
    march = dt.datetime(2026, 3, 2, 9, 0, tzinfo=SAST)
    rows = []
    xs = rng.uniform(BOUNDARY[0], BOUNDARY[2], BACKGROUND)
    ys = rng.uniform(BOUNDARY[1], BOUNDARY[3], BACKGROUND)
    rows += [
        (x, y, "POTHOLE", march + dt.timedelta(hours=k)) for k, (x, y) in enumerate(zip(xs, ys))
    ]
    xs, ys = _around(rng, CLUSTER, 120, CLUSTERED)
    rows += [(x, y, "BURST_PIPE", march) for x, y in zip(xs, ys)]
    xs, ys = _around(rng, OLD_CLUSTER, 120, OLD)
    rows += [(x, y, "BURST_PIPE", dt.datetime(2025, 12, 5, tzinfo=SAST)) for x, y in zip(xs, ys)]
    rows.append((X0 + 1234.5, Y0 + 1543.2, "BILL_QUERY", LATE_ON_31_MARCH))
    rows.append((X0 - 765.4, Y0 + 1876.5, "BILL_QUERY", EARLY_ON_1_APRIL))
    rows.append((None, None, "POTHOLE", march))  # logged, not located yet
    return rows


@pytest.fixture(scope="module")
def engine(database_factory, template: str) -> Iterator[Engine]:
    settings: ConnectionSettings = database_factory(template=template)
    own = create_db_engine(settings)
    municipality.seed_reference_data(own)
    rows = _items()
    with own.begin() as connection:
        connection.execute(
            _INSERT,
            {
                "x": [r[0] for r in rows],
                "y": [r[1] for r in rows],
                "code": [r[2] for r in rows],
                "logged_at": [r[3] for r in rows],
            },
        )
    yield own
    own.dispose()


def _intersects_counts(connection: Connection, report_filter: ReportFilter, size: float):
    """The textbook way, independent of ours: the grid joined to the points."""
    rows = connection.execute(
        text(
            """
            SELECT hex.i, hex.j, count(*)
              FROM ST_HexagonGrid(:size, (SELECT geom FROM imis.municipal_boundary)) AS hex
              JOIN imis.correspondence AS c ON ST_Intersects(hex.geom, c.geom)
             WHERE c.logged_at >= :start AND c.logged_at < :end
             GROUP BY hex.i, hex.j
            """
        ),
        {
            "size": size,
            "start": dt.datetime.combine(report_filter.start, dt.time(0), SAST),
            "end": dt.datetime.combine(report_filter.end, dt.time(0), SAST),
        },
    )
    return {(i, j): n for i, j, n in rows}


def _ours(result) -> dict[tuple[int, int], int]:
    return {(c.i, c.j): c.count for c in result.cells() if c.count}


def _cell_of(connection: Connection, size: float, point: tuple[float, float]) -> tuple[int, int]:
    return tuple(
        connection.execute(
            text(
                "SELECT hex.i, hex.j FROM ST_HexagonGrid(:size, "
                "(SELECT geom FROM imis.municipal_boundary)) AS hex "
                "WHERE ST_Intersects(hex.geom, ST_SetSRID(ST_MakePoint(:x, :y), 32734))"
            ),
            {"size": size, "x": point[0], "y": point[1]},
        ).one()
    )


@pytest.mark.parametrize("size", [SIZE, 61.7, 230.0])
def test_counts_per_cell_equal_an_intersects_join(engine: Engine, size: float) -> None:
    with engine.connect() as connection:
        result = analyse_hotspots(connection, MARCH, size)
        expected = _intersects_counts(connection, MARCH, size)
        grid = connection.execute(
            text(
                "SELECT count(*) FROM ST_HexagonGrid(:size, "
                "(SELECT geom FROM imis.municipal_boundary)) AS hex, imis.municipal_boundary b "
                "WHERE ST_Intersects(b.geom, hex.geom)"
            ),
            {"size": size},
        ).scalar_one()
    assert _ours(result) == expected
    assert result.items == BACKGROUND + CLUSTERED + 1 == sum(expected.values())
    assert len(result) == grid  # empty cells included
    assert len(result) > len(expected)
    assert result.items_outside_grid == 0


def test_the_neighbour_rule_matches_st_touches(engine: Engine) -> None:
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                """
                WITH grid AS (
                    SELECT hex.i, hex.j, hex.geom
                      FROM ST_HexagonGrid(:size, (SELECT geom FROM imis.municipal_boundary))
                           AS hex)
                SELECT a.i, a.j, b.i, b.j FROM grid AS a
                  JOIN grid AS b ON ST_Touches(a.geom, b.geom)
                """
            ),
            {"size": SIZE},
        ).all()
        cells = {
            (i, j)
            for i, j in connection.execute(
                text(
                    "SELECT i, j FROM ST_HexagonGrid(:size, "
                    "(SELECT geom FROM imis.municipal_boundary))"
                ),
                {"size": SIZE},
            )
        }
    touching = {((ai, aj), (bi, bj)) for ai, aj, bi, bj in rows}
    ours = {(cell, other) for cell in cells for other in cell_neighbours(*cell) if other in cells}
    assert len(touching) > 2000  # odd and even columns, inside and along the edge
    assert ours == touching


def test_a_planted_cluster_is_found_hot_and_named_by_ward_and_suburb(engine: Engine) -> None:
    with engine.connect() as connection:
        result = analyse_hotspots(connection, MARCH, SIZE)
        report = hotspot_report(connection, result)
        centre = _cell_of(connection, SIZE, CLUSTER)
    by_cell = {(c.i, c.j): c for c in result.cells()}
    assert by_cell[centre].confidence is HotspotClass.HOT_99
    assert by_cell[centre].gi_z > 5
    hot = [c for c in result.cells() if c.confidence > 0]
    assert all(math.dist(_centre(c.i, c.j), CLUSTER) < 450 for c in hot)  # nowhere else
    hottest = report.table("hotspot_hottest")
    first = dict(zip(hottest.columns, hottest.rows[0]))
    assert math.dist(_centre(*map(int, first["Cell"].split(","))), CLUSTER) < 250
    assert (first["Wards"], first["Suburbs"]) == ("7", "Mowbray")
    assert first["Class"] == "Hot spot, 99 % confidence"
    assert [row[0] for row in hottest.rows] == list(range(1, 21))


def _centre(i: int, j: int) -> tuple[float, float]:
    return 1.5 * SIZE * i, math.sqrt(3) * SIZE * (j + 0.5 * (i % 2))


def test_the_report_says_what_it_counted_and_how(engine: Engine) -> None:
    with engine.connect() as connection:
        result = analyse_hotspots(connection, MARCH, SIZE)
        report = hotspot_report(connection, result)
        database = connection.execute(text("SELECT current_database()")).scalar_one()
    assert report.database.startswith(f"{database} on ")  # as every report names it
    assert (report.kind, report.title, report.filter) == ("hotspots", "Hotspots", MARCH)
    classes = report.table("hotspot_classes")
    *per_class, total = classes.rows
    assert [row[0] for row in per_class] == [level.label for level in CLASS_LABELS]
    assert total[0] == "Total"
    assert sum(row[1] for row in per_class) == total[1] == len(result)
    assert sum(row[2] for row in per_class) == total[2] == result.items
    notes = " ".join(report.notes)
    for said in (
        f"{len(result):,} hexagons of 100 m side",
        "empty cells included",
        "binary weights",
        "Benjamini-Hochberg",
        "0.01 / 0.05 / 0.10",
        f"{result.items:,} counted",
    ):
        assert said in notes


def test_a_filter_narrows_by_category_department_ward_and_sast_days(engine: Engine) -> None:
    with engine.connect() as connection:

        def items(**narrowing) -> int:
            fields = {"start": MARCH.start, "end": MARCH.end, **narrowing}
            return analyse_hotspots(connection, ReportFilter(**fields), SIZE).items

        assert items(category_codes=("POTHOLE",)) == BACKGROUND
        assert items(department_codes=("WATER",)) == CLUSTERED
        assert items(category_codes=("BURST_PIPE",), start=dt.date(2025, 12, 1)) == (
            CLUSTERED + OLD
        )
        in_ward = connection.execute(
            text(
                "SELECT count(*) FROM imis.correspondence AS c JOIN imis.ward AS w "
                "ON ST_Intersects(w.geom, c.geom) WHERE w.code = '7' "
                "AND c.logged_at >= '2026-03-01 00:00+02' AND c.logged_at < '2026-04-01 00:00+02'"
            )
        ).scalar_one()
        assert CLUSTERED < in_ward < CLUSTERED + BACKGROUND
        assert items(ward_codes=("7",)) == in_ward
        # days are SAST days: 23:30 SAST on 31 March is March, 00:30 SAST on 1 April is not
        assert items(start=dt.date(2026, 3, 31), end=dt.date(2026, 4, 1)) == 1
        assert items(start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 2)) == 1


def test_unknown_codes_are_refused_by_name(engine: Engine) -> None:
    narrowed = ReportFilter(
        MARCH.start, MARCH.end, category_codes=("POTHOLE", "NO_SUCH"), ward_codes=("99",)
    )
    with engine.connect() as connection, pytest.raises(ValidationError) as refused:
        analyse_hotspots(connection, narrowed, SIZE)
    message = str(refused.value)
    assert "unknown category code 'NO_SUCH'" in message  # the wording of every report
    assert "unknown ward code '99'" in message
    assert "POTHOLE" not in message


def test_per_category_equals_one_run_per_category(engine: Engine) -> None:
    with engine.connect() as connection:
        per_category = analyse_hotspots_by_category(connection, MARCH, SIZE)
        assert list(per_category) == ["BILL_QUERY", "BURST_PIPE", "POTHOLE"]
        for code, result in per_category.items():
            alone = analyse_hotspots(
                connection, ReportFilter(MARCH.start, MARCH.end, category_codes=(code,)), SIZE
            )
            assert result.category_code == code
            assert _ours(result) == _ours(alone)
            assert np.array_equal(result.statistic.classes, alone.statistic.classes)
            assert np.allclose(result.statistic.z, alone.statistic.z, equal_nan=True)
        report = hotspot_report(connection, per_category["BURST_PIPE"])
    assert report.title == "Hotspots: BURST_PIPE"
    assert per_category["POTHOLE"].items == BACKGROUND
    centre = _cell_of_result(per_category["BURST_PIPE"], CLUSTER)
    assert centre.confidence is HotspotClass.HOT_99


def test_the_overall_result_from_the_category_pass_equals_its_own_run(engine: Engine) -> None:
    with engine.connect() as connection:
        overall, per_category = analyse_hotspots_overall_and_by_category(connection, MARCH, SIZE)
        alone = analyse_hotspots(connection, MARCH, SIZE)
    assert overall.category_code == "" and list(per_category) == ["BILL_QUERY", "BURST_PIPE",
                                                                   "POTHOLE"]  # fmt: skip
    assert np.array_equal(overall.counts, alone.counts)
    assert overall.items_outside_grid == alone.items_outside_grid
    assert np.array_equal(overall.statistic.classes, alone.statistic.classes)
    assert np.allclose(overall.statistic.z, alone.statistic.z, equal_nan=True)


def _cell_of_result(result, point: tuple[float, float]):
    return min(result.cells(), key=lambda c: math.dist(_centre(c.i, c.j), point))


def test_a_period_without_items_has_no_hot_or_cold_spots(engine: Engine) -> None:
    quiet = ReportFilter(dt.date(2024, 1, 1), dt.date(2024, 2, 1))
    with engine.connect() as connection:
        result = analyse_hotspots(connection, quiet, SIZE)
        report = hotspot_report(connection, result)
    assert result.items == 0 and not result.defined
    assert {c.confidence for c in result.cells()} == {HotspotClass.NOT_SIGNIFICANT}
    assert report.table("hotspot_hottest").rows == ()
    assert "no hot or cold spots" in report.notes[-1]


@pytest.mark.parametrize(
    ("size", "said"),
    [
        (0, "positive number of metres"),
        (-100, "positive number of metres"),
        (math.nan, "positive number of metres"),
        (3, "at most 200,000 are allowed. Choose a cell size of at least 5 m"),
        (1000, "hot spots need at least 30"),
    ],
)
def test_a_bad_cell_size_is_refused_and_nothing_changes(
    engine: Engine, size: float, said: str
) -> None:
    with engine.connect() as connection:
        before = connection.execute(text("SELECT count(*) FROM imis.correspondence")).scalar()
        with pytest.raises(ValidationError, match=said):
            analyse_hotspots(connection, MARCH, size)
        with pytest.raises(ValidationError, match=said):
            analyse_hotspots_by_category(connection, MARCH, size)
        # the transaction is still usable and the register unchanged
        after = connection.execute(text("SELECT count(*) FROM imis.correspondence")).scalar()
    assert after == before == BACKGROUND + CLUSTERED + OLD + 3


def test_without_a_municipal_boundary_the_user_is_told_to_import_it(db) -> None:
    own = create_db_engine(db)
    try:
        with own.connect() as connection, pytest.raises(NotFoundError, match="import it"):
            analyse_hotspots(connection, MARCH, SIZE)
    finally:
        own.dispose()
