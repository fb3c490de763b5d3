"""Customers' satisfaction ratings through services.ratings on real PostGIS, and the Demo
City's ratings (core.demo_city.ratings)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from imis_customer_plugin.core.correspondence import NewCorrespondence
from imis_customer_plugin.core.demo_city.ratings import ClosedItems, demo_ratings
from imis_customer_plugin.core.errors import NotFoundError, ValidationError
from imis_customer_plugin.core.workflow import Action, ActionInput
from imis_customer_plugin.db.connection import create_db_engine
from imis_customer_plugin.services import locate, register
from imis_customer_plugin.services.ratings import rating_of, record_rating

from .. import municipality
from .conftest import ORIGIN_X, ORIGIN_Y


@pytest.fixture()
def engine(db) -> Iterator[Engine]:
    own = create_db_engine(db)
    municipality.seed_reference_data(own)
    yield own
    own.dispose()


def _item(engine: Engine, *, resolve: bool) -> int:
    with engine.begin() as connection:
        state = register.log_correspondence(
            connection, NewCorrespondence("BURST_PIPE", "telephone", "Burst main in the road")
        )
        state = locate.locate_at_point(
            connection, state.id, state.row_version, ORIGIN_X + 50, ORIGIN_Y + 50, 32734
        ).state
        if resolve:
            state = register.apply_action(
                connection, state.id, state.row_version, Action.START, ActionInput()
            )
            state = register.apply_action(
                connection, state.id, state.row_version, Action.RESOLVE,
                ActionInput(resolution="Pipe replaced"),
            )  # fmt: skip
    return state.id


def _ratings(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(text("SELECT count(*) FROM imis.satisfaction_rating")).scalar()


def test_an_unknown_item_cannot_be_rated(engine) -> None:
    with engine.begin() as connection, pytest.raises(NotFoundError, match="no correspondence"):
        record_rating(connection, 424242, 4)


def test_an_open_item_cannot_be_rated_yet(engine) -> None:
    item = _item(engine, resolve=False)
    with engine.begin() as connection, pytest.raises(ValidationError) as raised:
        record_rating(connection, item, 5)
    assert "is assigned" in str(raised.value) and "resolved or closed" in str(raised.value)
    assert _ratings(engine) == 0


def test_bad_input_names_every_field_and_writes_nothing(engine) -> None:
    item = _item(engine, resolve=True)
    for score in (0, 6, 4.5, True, "5"):
        with engine.begin() as connection, pytest.raises(ValidationError, match="score"):
            record_rating(connection, item, score)  # type: ignore[arg-type]
    with engine.begin() as connection, pytest.raises(ValidationError) as raised:
        record_rating(connection, item, 9, comment="x" * 2001, channel="pigeon")
    assert [p.field for p in raised.value.problems] == ["score", "comment", "channel"]
    assert "'pigeon'" in str(raised.value)
    assert _ratings(engine) == 0


def test_a_second_rating_replaces_the_first_and_the_audit_keeps_it(engine) -> None:
    item = _item(engine, resolve=True)
    with engine.begin() as connection:
        first = record_rating(connection, item, 4, comment=" Quick work ", channel="sms")
    assert (first.score, first.comment, first.replaced_score) == (4, "Quick work", None)
    with engine.begin() as connection:
        second = record_rating(connection, item, 2, comment="It leaks again")
    assert (second.score, second.channel, second.replaced_score) == (2, "telephone", 4)
    with engine.connect() as connection:
        assert rating_of(connection, item).score == 2
        audit = connection.execute(
            text(
                "SELECT operation, old_row->>'score' FROM imis.audit_log "
                "WHERE table_name = 'satisfaction_rating' ORDER BY id"
            )
        ).all()
    assert [tuple(a) for a in audit] == [("INSERT", None), ("UPDATE", "4")]


def test_an_unrated_item_has_no_rating(engine) -> None:
    item = _item(engine, resolve=True)
    with engine.connect() as connection:
        assert rating_of(connection, item) is None


def test_demo_ratings_are_a_share_skewed_by_the_sla_and_none_in_the_future() -> None:
    count = 20_000
    closed = np.full(count, 1_700_000_000, dtype=np.int64)
    closed[-2000:] = 1_800_000_000  # closed just before as_of: no answer yet
    items = ClosedItems(
        ids=np.arange(1, count + 1),
        closed_at=closed,
        in_time=np.arange(count) % 2 == 0,
        compliment=np.arange(count) % 10 == 9,
        logged_by=np.full(count, "op_anna", dtype=object),
    )
    as_of = 1_800_000_000 + 600
    columns = demo_ratings(2026, items, as_of)
    rated = columns["correspondence_id"]
    assert 0.28 < len(rated) / count < 0.35
    assert not np.any(items.compliment[rated - 1])
    assert np.all(columns["rated_at"].astype(np.int64) <= as_of)
    score = columns["score"]
    in_time = items.in_time[rated - 1]
    assert score[in_time].mean() > 3.8
    assert score[~in_time].mean() < 2.8
    telephone = columns["channel"] == "telephone"
    assert set(columns["recorded_by"][telephone]) == {"op_anna"}
    assert set(columns["recorded_by"][~telephone]) == {"imis_intake"}
    again = demo_ratings(2026, items, as_of)
    assert np.array_equal(again["score"], score)  # the same seed gives the same ratings
