"""Loading the Demo City into fresh PostGIS databases: counts, valid shapes, points in their
parcels, references, sequences and triggers as the register needs them, and a second load
refused without touching the data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import psycopg2
import pytest

from imis_customer_plugin.core.demo_city import DemoSize
from imis_customer_plugin.db import migrate
from imis_customer_plugin.db.connection import ConnectionSettings, create_db_engine
from imis_customer_plugin.services.demo_data import DemoDataError, DemoSummary, load_demo_data

AS_OF = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.timezone.utc)
TINY = DemoSize("tiny", parcels=400, customers=200, accounts=260, correspondences=300)


def _migrated(database_factory) -> ConnectionSettings:
    settings = database_factory()
    engine = create_db_engine(settings)
    migrate.upgrade(engine)
    engine.dispose()
    return settings


@pytest.fixture(scope="module")
def demo(database_factory) -> Iterator[tuple[ConnectionSettings, DemoSummary]]:
    settings = _migrated(database_factory)
    yield settings, load_demo_data(settings, "small", seed=2026, as_of=AS_OF)


def _rows(settings: ConnectionSettings, query: str, params: tuple = ()) -> list[tuple]:
    connection = psycopg2.connect(settings.dsn())
    try:
        with connection.cursor() as cursor:
            cursor.execute(query, params or None)
            return cursor.fetchall()
    finally:
        connection.close()


def _one(settings: ConnectionSettings, query: str, params: tuple = ()) -> object:
    return _rows(settings, query, params)[0][0]


def _fingerprint(settings: ConnectionSettings) -> tuple:
    return tuple(
        _rows(
            settings,
            """
            SELECT (SELECT count(*) FROM imis.parcel), (SELECT count(*) FROM imis.customer),
                   (SELECT count(*) FROM imis.correspondence),
                   (SELECT count(*) FROM imis.correspondence_event),
                   (SELECT md5(string_agg(reference || status, ',' ORDER BY id))
                      FROM imis.correspondence),
                   (SELECT last_value FROM imis.correspondence_number)
            """,
        )[0]
    )


def test_counts_match_the_size_and_the_summary(demo) -> None:
    settings, summary = demo
    for table, count in summary.counts.items():
        assert _one(settings, f"SELECT count(*) FROM imis.{table}") == count, table
    assert summary.counts["customer"] == 3000 and summary.counts["account"] == 3500
    assert summary.counts["correspondence"] == 3000
    assert 3600 <= summary.counts["parcel"] <= 4400
    assert summary.counts["ward"] == 6 and summary.counts["department"] >= 6
    assert summary.counts["correspondence_event"] > 4 * summary.counts["correspondence"]
    assert summary.seconds > 0 and summary.emptied == ()


def test_every_shape_is_valid_and_inside_the_municipality(demo) -> None:
    settings, _ = demo
    assert _one(settings, "SELECT count(*) FROM imis.parcel WHERE NOT ST_IsValid(geom)") == 0
    for table in ("ward", "suburb", "municipal_boundary"):
        assert _one(settings, f"SELECT bool_and(ST_IsValid(geom)) FROM imis.{table}")
    outside = _one(
        settings,
        """SELECT count(*) FROM imis.parcel AS p, imis.municipal_boundary AS b
            WHERE NOT ST_CoveredBy(p.geom, b.geom)""",
    )
    assert outside == 0
    assert _one(settings, "SELECT ST_SRID(geom) FROM imis.parcel LIMIT 1") == 32734


def test_located_items_lie_in_their_parcel_ward_and_suburb(demo) -> None:
    settings, _ = demo
    outside, on_parcel = _rows(
        settings,
        """SELECT count(*) FILTER (WHERE NOT ST_Within(c.geom, p.geom)), count(*)
             FROM imis.correspondence AS c JOIN imis.parcel AS p ON p.id = c.parcel_id""",
    )[0]
    assert on_parcel > 1000 and outside == 0
    misplaced = _one(
        settings,
        """SELECT count(*) FROM imis.correspondence AS c
             JOIN imis.ward AS w ON w.id = c.ward_id JOIN imis.suburb AS s ON s.id = c.suburb_id
            WHERE NOT ST_Within(c.geom, w.geom) OR NOT ST_Within(c.geom, s.geom)""",
    )
    assert misplaced == 0
    in_the_road = _one(
        settings,
        """SELECT count(*) FROM imis.correspondence AS c
            WHERE c.location_kind = 'point'
              AND EXISTS (SELECT FROM imis.parcel AS p WHERE ST_Intersects(p.geom, c.geom))""",
    )
    assert in_the_road == 0


def test_references_are_unique_well_formed_and_continue(demo) -> None:
    settings, _ = demo
    total, distinct, malformed, wrong_year = _rows(
        settings,
        """SELECT count(*), count(DISTINCT reference),
                  count(*) FILTER (WHERE reference !~ '^CR[0-9]{4}-[0-9]{6,}$'),
                  count(*) FILTER (WHERE substr(reference, 3, 4)
                      <> to_char(logged_at AT TIME ZONE 'Africa/Johannesburg', 'YYYY'))
             FROM imis.correspondence""",
    )[0]
    assert total == distinct and malformed == 0 and wrong_year == 0
    connection = psycopg2.connect(settings.dsn())
    try:
        with connection.cursor() as cursor:  # what the next logged item and customer get
            cursor.execute(
                """INSERT INTO imis.correspondence (classification, category_id, channel,
                                                   description, priority, department_id)
                   SELECT 'complaint', id, 'telephone', 'Test', 3, department_id
                     FROM imis.category LIMIT 1
                   RETURNING id, reference"""
            )
            new_id, reference = cursor.fetchone()
            cursor.execute("INSERT INTO imis.customer (full_name) VALUES ('Test') RETURNING id")
            customer_id = cursor.fetchone()[0]
            cursor.execute(  # the migrations' own seeding of SLA configuration is audited too
                "SELECT count(*) FROM imis.audit_log "
                "WHERE table_name IN ('correspondence', 'customer')"
            )
            audited = cursor.fetchone()[0]
    finally:
        connection.rollback()
        connection.close()
    assert new_id == total + 1 and reference.endswith(f"-{total + 1:06d}")
    assert customer_id == 3001
    assert audited == 2  # the audit triggers are back on; the load itself left no audit rows


def test_triggers_setting_and_statistics_after_the_load(demo) -> None:
    settings, _ = demo
    disabled = _one(
        settings,
        """SELECT count(*) FROM pg_trigger AS t JOIN pg_class AS c ON c.oid = t.tgrelid
            WHERE c.relnamespace = 'imis'::regnamespace AND t.tgenabled <> 'O'""",
    )
    assert disabled == 0
    # Only the SLA configuration (seeded by the migration, kept by the load) is audited.
    assert (
        _one(
            settings,
            "SELECT count(*) FROM imis.audit_log "
            "WHERE table_name NOT IN ('sla_policy', 'message_template')",
        )
        == 0
    )
    name = _one(settings, "SELECT value #>> '{}' FROM imis.setting WHERE key = 'municipality.name'")
    assert name == "Demo City"
    analyzed = _one(
        settings,
        """SELECT count(*) FROM pg_stat_user_tables
            WHERE schemaname = 'imis' AND relname IN ('parcel', 'correspondence')
              AND last_analyze IS NOT NULL""",
    )
    assert analyzed == 2


def _schema(settings: ConnectionSettings) -> list[tuple]:
    return _rows(
        settings,
        """SELECT 'index', indexname, indexdef FROM pg_indexes WHERE schemaname = 'imis'
           UNION ALL
           SELECT 'constraint ' || conrelid::regclass::text, conname,
                  pg_get_constraintdef(oid) || CASE WHEN convalidated THEN '' ELSE ' NOT VALID' END
             FROM pg_constraint WHERE connamespace = 'imis'::regnamespace
           UNION ALL
           SELECT 'trigger ' || tgrelid::regclass::text, tgname, tgenabled::text
             FROM pg_trigger WHERE tgrelid::regclass::text LIKE 'imis.%' AND NOT tgisinternal
           ORDER BY 1, 2""",
    )


def test_indexes_keys_and_triggers_are_as_migrated(demo, database_factory) -> None:
    """The loader re-creates the indexes and foreign keys it drops for speed."""
    settings, _ = demo
    assert _schema(settings) == _schema(_migrated(database_factory))


def test_a_second_load_is_refused_and_changes_nothing(demo) -> None:
    settings, _ = demo
    before = _fingerprint(settings)
    with pytest.raises(DemoDataError, match=r"already holds data.*replace=True"):
        load_demo_data(settings, TINY, seed=5, as_of=AS_OF)
    assert _fingerprint(settings) == before


def test_replace_swaps_the_register_for_a_new_city(database_factory) -> None:
    settings = _migrated(database_factory)
    load_demo_data(settings, TINY, seed=1, as_of=AS_OF)
    first = _fingerprint(settings)
    summary = load_demo_data(settings, TINY, seed=2, as_of=AS_OF, replace=True)
    assert "imis.correspondence" in summary.emptied
    assert _fingerprint(settings) != first
    assert _one(settings, "SELECT count(*) FROM imis.customer") == TINY.customers
    # Only the SLA configuration (seeded by the migration, kept by the load) is audited.
    assert (
        _one(
            settings,
            "SELECT count(*) FROM imis.audit_log "
            "WHERE table_name NOT IN ('sla_policy', 'message_template')",
        )
        == 0
    )


def test_clear_errors_for_a_database_without_the_schema_and_an_unknown_size(
    database_factory,
) -> None:
    empty = database_factory()
    with pytest.raises(DemoDataError, match="no IMIS-customer register yet"):
        load_demo_data(empty, TINY, as_of=AS_OF)
    with pytest.raises(DemoDataError, match="Unknown demo size 'huge'"):
        load_demo_data(empty, "huge")


def test_an_older_schema_is_refused_with_the_way_out(database_factory) -> None:
    older = database_factory()
    engine = create_db_engine(older)
    migrate.upgrade(engine, "0006")
    try:
        with pytest.raises(DemoDataError, match=r"version 0006, not .*db upgrade"):
            load_demo_data(older, TINY, as_of=AS_OF)
        with engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT count(*) FROM imis.parcel").scalar() == 0
    finally:
        engine.dispose()


def test_an_operator_may_not_load_demo_data(database_factory, cluster) -> None:
    settings = _migrated(database_factory)
    login = cluster.create_login("operator-password")
    connection = psycopg2.connect(settings.dsn())
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute(f'GRANT imis_operator TO "{login["user"]}"')
    finally:
        connection.close()
    operator = ConnectionSettings(
        {**login, "dbname": settings.params["dbname"], "password": "operator-password"}
    )
    with pytest.raises(DemoDataError, match="only the owner of schema imis"):
        load_demo_data(operator, TINY, as_of=AS_OF)
    assert _one(settings, "SELECT count(*) FROM imis.parcel") == 0
