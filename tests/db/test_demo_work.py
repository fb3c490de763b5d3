"""The Demo City's field work on real PostGIS: rules, teams, assets with conditions, items
linked to them, tasks on the dispatch boards, job cards; and refusals that write nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from imis_customer_plugin.db import migrate
from imis_customer_plugin.db.connection import ConnectionSettings, create_db_engine
from imis_customer_plugin.services import asset_register, assets, tasks
from imis_customer_plugin.services.demo_data import load_demo_data
from imis_customer_plugin.services.demo_work import (
    PAUSED,
    DemoWorkError,
    DemoWorkSummary,
    load_demo_work,
)

pytestmark = pytest.mark.db

AS_OF = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def settings(database_factory) -> ConnectionSettings:
    settings = database_factory()
    engine = create_db_engine(settings)
    migrate.upgrade(engine)
    engine.dispose()
    load_demo_data(settings, "small", seed=2026, as_of=AS_OF, with_work=False)
    return settings


@pytest.fixture(scope="module")
def demo(settings: ConnectionSettings) -> Iterator[tuple[Engine, DemoWorkSummary]]:
    summary = load_demo_work(settings, size="small", seed=2026)
    engine = create_db_engine(settings)
    yield engine, summary
    engine.dispose()


def _one(engine: Engine, query: str, **params: object) -> object:
    with engine.connect() as connection:
        return connection.execute(text(query), params).scalar_one()


def _fingerprint(engine: Engine) -> tuple:
    with engine.connect() as connection:
        return tuple(
            connection.execute(
                text(
                    "SELECT (SELECT count(*) FROM imis.asset), (SELECT count(*) FROM imis.task), "
                    "(SELECT count(*) FROM imis.job_card), (SELECT count(*) FROM imis.team), "
                    "(SELECT count(*) FROM imis.routing_rule), "
                    "(SELECT count(*) FROM imis.correspondence WHERE asset_id IS NOT NULL), "
                    "(SELECT count(*) FROM imis.correspondence_event)"
                )
            ).one()
        )


def test_the_summary_counts_what_is_in_the_register(demo) -> None:
    engine, summary = demo
    counts = summary.counts
    for table, count in counts.items():
        assert _one(engine, f"SELECT count(*) FROM imis.{table}") == count, table
    assert counts["asset"] > 1000 and counts["task"] > 30 and counts["routing_rule"] > 10
    assert counts["team"] >= 5 and counts["team_member"] >= counts["team"]
    # Each asset's first condition, and one more per completed card on an asset.
    assert (
        counts["asset"]
        < counts["asset_condition"]
        <= counts["asset"] + (summary.completed_job_cards)
    )
    assert 0 < summary.completed_job_cards < counts["job_card"]
    assert counts["job_card_line"] >= counts["job_card"]  # labour at least
    assert summary.artisans > 5
    assert _one(engine, "SELECT count(*) FROM imis.correspondence WHERE asset_id IS NOT NULL") == (
        summary.linked_items
    )


def test_dispatch_boards_show_the_open_work_in_scheduling_order(demo) -> None:
    engine, _ = demo
    with engine.connect() as connection:
        board = tasks.dispatch_board(connection, "WATER")
        load = tasks.artisan_load(connection, "WATER")
    assert board, "the Water department's board is empty"
    keys = [row.sort_key.sort_value() for row in board]
    assert keys == sorted(keys)
    assert any(row.assignee for row in board) and all(row.reference for row in board)
    assert any(staff.is_artisan and staff.total for staff in load)
    # Every open located item has its tasks, as locating it would have given them.
    assert (
        _one(
            engine,
            "SELECT count(*) FROM imis.correspondence AS c WHERE c.geom IS NOT NULL "
            "AND c.status NOT IN ('resolved', 'closed') AND c.classification <> 'compliment' "
            "AND NOT EXISTS (SELECT FROM imis.task AS t WHERE t.correspondence_id = c.id)",
        )
        == 0
    )


def test_assets_stand_in_the_streets_with_conditions_and_history(demo) -> None:
    engine, _ = demo
    assert _one(engine, "SELECT count(*) FROM imis.asset WHERE condition IS NULL") == 0
    assert _one(engine, "SELECT count(DISTINCT asset_type) FROM imis.asset") >= 6
    assert _one(engine, "SELECT count(*) FROM imis.asset WHERE NOT ST_IsValid(geom)") == 0
    assert (
        _one(engine, "SELECT count(*) FROM imis.asset WHERE GeometryType(geom) = 'LINESTRING'") > 0
    )
    outside = _one(
        engine,
        "SELECT count(*) FROM imis.asset AS a WHERE NOT EXISTS (SELECT FROM "
        "imis.municipal_boundary AS b WHERE ST_Intersects(b.geom, a.geom))",
    )
    assert outside == 0
    # No asset stands on an erf: they are in the street in front of it.
    on_parcels = _one(
        engine,
        "SELECT count(*) FROM imis.asset AS a WHERE GeometryType(a.geom) = 'POINT' AND EXISTS "
        "(SELECT FROM imis.parcel AS p WHERE ST_Contains(p.geom, a.geom))",
    )
    assert on_parcels < 0.05 * _one(engine, "SELECT count(*) FROM imis.asset")
    with engine.connect() as connection:
        valve = asset_register.search_assets(connection, "WV-", limit=1)[0]
        history = assets.asset_history(connection, valve.id)
    assert valve.asset_number == "WV-000001" and history[0].condition == valve.condition
    # A completed job card on an asset recorded its condition.
    assert (
        _one(engine, "SELECT count(*) FROM imis.asset_condition WHERE job_card_id IS NOT NULL") > 0
    )


def test_work_is_told_to_nobody_and_the_triggers_are_back(demo) -> None:
    engine, _ = demo
    assert _one(engine, "SELECT count(*) FROM imis.outbox") == 0
    paused = [(t, name) for t, names in PAUSED.items() for name in names]
    with engine.connect() as connection:
        disabled = connection.execute(
            text(
                "SELECT c.relname, t.tgname FROM pg_trigger AS t "
                "JOIN pg_class AS c ON c.oid = t.tgrelid "
                "WHERE c.relnamespace = 'imis'::regnamespace AND t.tgenabled = 'D'"
            )
        ).all()
    assert disabled == [] and paused


def test_a_second_load_or_another_city_is_refused_and_nothing_changes(demo, settings) -> None:
    engine, _ = demo
    before = _fingerprint(engine)
    with pytest.raises(DemoWorkError, match="has work data already"):
        load_demo_work(settings, size="small", seed=2026)
    with pytest.raises(DemoWorkError, match="does not hold the small Demo City of seed 7"):
        load_demo_work(settings, size="small", seed=7)
    with pytest.raises(DemoWorkError, match="Unknown demo size 'huge'"):
        load_demo_work(settings, size="huge")
    assert _fingerprint(engine) == before


def test_an_empty_register_is_refused(database_factory, template: str) -> None:
    settings = database_factory(template=template)
    with pytest.raises(DemoWorkError, match="it has 0 parcels"):
        load_demo_work(settings)
