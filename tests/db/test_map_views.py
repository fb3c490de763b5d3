"""The map views of migration 0003: open items counted per parcel and per ward."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from imis_customer_plugin.db import migrate
from imis_customer_plugin.db.connection import ConnectionSettings, create_db_engine
from tests import municipality

X0, Y0 = municipality.ORIGIN_X, municipality.ORIGIN_Y

# (status, erf of the parcel it is on, or a free point, or None: not located yet)
MAP_ITEMS: list[tuple[str, str | tuple[float, float] | None]] = [
    ("assigned", "1001"),
    ("escalated", "1001"),
    ("closed", "1001"),
    ("in_progress", "1002"),
    ("closed", "1003"),
    ("logged", (X0 + 250, Y0 + 250)),
    ("pending", (X0 + 300, Y0 + 250)),
    ("deferred", (X0 + 350, Y0 + 250)),
    ("resolved", (X0 + 400, Y0 + 250)),
    ("reopened", (X0 + 450, Y0 + 250)),
    ("closed", (X0 + 500, Y0 + 250)),
    ("logged", None),
]
LOCATED_ITEMS = sum(where is not None for _, where in MAP_ITEMS)
OPEN_PER_PARCEL = {"1001": (2, 1), "1002": (1, 0)}  # erf: (open items, escalated ones)
OPEN_PER_WARD = {"7": 9 - 1, "8": 0}  # the unlocated item has no ward yet
EMPTY_WARD = (X0 + 3000, Y0 + 3000)  # ward 8 lies outside the four parcels

_INSERT = text(
    """
    INSERT INTO imis.correspondence (classification, category_id, channel, description,
        priority, department_id, status, location_kind, parcel_id, geom, ward_id, suburb_id,
        deferred_until, closed_at)
    SELECT 'complaint', c.id, 'telephone', 'Map test: ' || :status, 3, c.department_id,
           :status, :kind, p.id,
           coalesce(ST_PointOnSurface(p.geom),
                    ST_SetSRID(ST_MakePoint(CAST(:x AS float8), CAST(:y AS float8)), 32734)),
           CASE WHEN :kind IS NOT NULL THEN 1 END, CASE WHEN :kind IS NOT NULL THEN 1 END,
           CASE WHEN :status = 'deferred' THEN current_date + 30 END,
           CASE WHEN :status = 'closed' THEN now() END
      FROM imis.category AS c
      LEFT JOIN imis.parcel AS p ON p.erf_number = :erf
     WHERE c.code = 'BURST_PIPE'
    """
)


def seed_map_items(engine: Engine) -> None:
    """A second, empty ward and one correspondence item per row of MAP_ITEMS."""
    x, y = EMPTY_WARD
    square = (
        f"SRID=32734;MULTIPOLYGON((({x} {y},{x + 500} {y},{x + 500} {y + 500},"
        f"{x} {y + 500},{x} {y})))"
    )
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO imis.ward (code, name, geom) VALUES ('8', 'Ward 8', :geom)"),
            {"geom": square},
        )
        for status, where in MAP_ITEMS:
            erf = where if isinstance(where, str) else None
            point = where if isinstance(where, tuple) else (None, None)
            kind = None if where is None else ("parcel" if erf else "point")
            connection.execute(
                _INSERT,
                {"status": status, "kind": kind, "erf": erf, "x": point[0], "y": point[1]},
            )


def map_register(database_factory) -> ConnectionSettings:
    settings = database_factory()
    engine = create_db_engine(settings)
    migrate.upgrade(engine)
    municipality.seed_reference_data(engine)
    seed_map_items(engine)
    engine.dispose()
    return settings


@pytest.fixture(scope="module")
def map_settings(database_factory) -> ConnectionSettings:
    return map_register(database_factory)


@pytest.fixture(scope="module")
def map_engine(map_settings: ConnectionSettings) -> Iterator[Engine]:
    engine = create_db_engine(map_settings)
    yield engine
    engine.dispose()


def _parcel_counts(connection) -> dict[str, tuple[int, int]]:
    rows = connection.execute(
        text("SELECT erf_number, open_items, escalated_items FROM imis.parcel_open_items")
    )
    return {erf: (count, escalated) for erf, count, escalated in rows}


def _ward_counts(connection) -> dict[str, int]:
    rows = connection.execute(text("SELECT code, open_items FROM imis.open_items_by_ward"))
    return dict(rows.all())


def test_parcels_with_open_items_counts_only_open_ones(map_engine: Engine) -> None:
    with map_engine.connect() as connection:
        assert _parcel_counts(connection) == OPEN_PER_PARCEL  # erf 1003: closed only


def test_every_ward_is_listed_with_its_open_items(map_engine: Engine) -> None:
    with map_engine.connect() as connection:
        assert _ward_counts(connection) == OPEN_PER_WARD


def test_counts_follow_the_register_at_once(map_engine: Engine) -> None:
    with map_engine.connect() as connection, connection.begin() as transaction:
        connection.execute(
            text(
                "UPDATE imis.correspondence SET status = 'closed', closed_at = now() "
                "WHERE status = 'escalated'"
            )
        )
        assert _parcel_counts(connection)["1001"] == (1, 0)
        assert _ward_counts(connection)["7"] == OPEN_PER_WARD["7"] - 1
        transaction.rollback()


def test_views_carry_typed_geometry_for_qgis(map_engine: Engine) -> None:
    with map_engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT f_table_name, type, srid FROM geometry_columns "
                "WHERE f_table_schema = 'imis' AND f_table_name IN "
                "('parcel_open_items', 'open_items_by_ward') ORDER BY 1"
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        ("open_items_by_ward", "MULTIPOLYGON", 32734),
        ("parcel_open_items", "MULTIPOLYGON", 32734),
    ]


def test_readers_may_read_the_views(cluster, map_settings, map_engine: Engine) -> None:
    login = cluster.create_login("reader-secret")
    with map_engine.begin() as connection:
        connection.exec_driver_sql(f'GRANT imis_reader TO "{login["user"]}"')
    reader = ConnectionSettings(
        {**login, "dbname": map_settings.params["dbname"], "password": "reader-secret"}
    )
    engine = create_db_engine(reader)
    try:
        with engine.connect() as connection:
            assert _ward_counts(connection) == OPEN_PER_WARD
            assert _parcel_counts(connection) == OPEN_PER_PARCEL
    finally:
        engine.dispose()


def test_downgrade_removes_the_views_and_upgrade_restores_them(empty_database) -> None:
    engine = create_db_engine(empty_database)
    query = text(
        "SELECT count(*) FROM pg_views WHERE schemaname = 'imis' "
        "AND viewname IN ('parcel_open_items', 'open_items_by_ward')"
    )
    try:
        migrate.upgrade(engine)
        migrate.downgrade(engine, "0002")
        with engine.connect() as connection:
            assert connection.execute(query).scalar() == 0
        migrate.upgrade(engine)
        with engine.connect() as connection:
            assert connection.execute(query).scalar() == 2
    finally:
        engine.dispose()
