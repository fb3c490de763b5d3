"""Locating writes the row once (migration 0008): the SLA fields it computes before that write
must be exactly what the refresh path (services.sla.refresh_sla, which reads the history
after the write) computes for the same item. refresh_sla returns only the rows it changed,
so an empty answer means both paths agree on every SLA column.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from imis_customer_plugin.core.correspondence import NewCorrespondence
from imis_customer_plugin.core.sla_calendar import SAST
from imis_customer_plugin.core.workflow import Action, ActionInput
from imis_customer_plugin.db.connection import create_db_engine
from imis_customer_plugin.definitions import shown_time
from imis_customer_plugin.services import locate, register, sla, tasks

from .conftest import ORIGIN_X, ORIGIN_Y, PARCELS

SLA_COLUMNS = (
    "sla_policy_id, sla_state, sla_started_at, responded_at, response_due_at, "
    "resolution_due_at, sla_at_risk_at, sla_breach_at, next_escalation_at"
)


@pytest.fixture()
def engine(staffed_register) -> Engine:
    """A register of its own: the tests edit holidays and policies."""
    engine = create_db_engine(staffed_register)
    yield engine
    engine.dispose()


def _logged_and_located(engine: Engine, erf: str = "1001") -> register.CorrespondenceState:
    dx, dy = PARCELS[erf]
    request = NewCorrespondence(category_code="BURST_PIPE", channel="telephone", description="Leak")
    with engine.begin() as connection:
        state = register.log_correspondence(connection, request)
        return locate.place_at_point(
            connection, state, ORIGIN_X + dx + 50, ORIGIN_Y + dy + 50, 32734
        ).state


def _stored(engine: Engine, item_id: int):
    with engine.connect() as connection:
        return connection.execute(
            text(f"SELECT {SLA_COLUMNS}, row_version FROM imis.correspondence WHERE id = :id"),
            {"id": item_id},
        ).one()


def _refresh_changes_nothing(engine: Engine, item_id: int):
    """The refresh path computes what locating stored; returns the stored row."""
    stored = _stored(engine, item_id)
    with engine.begin() as connection:
        assert sla.refresh_sla(connection, [item_id]) == {}
    assert _stored(engine, item_id) == stored
    return stored


def _act(engine: Engine, state, action: Action, **given) -> register.CorrespondenceState:
    with engine.begin() as connection:
        return register.apply_action(
            connection, state.id, state.row_version, action, ActionInput(**given)
        )


def _relocate(engine: Engine, state, erf: str) -> register.CorrespondenceState:
    with engine.begin() as connection:
        return locate.locate_by_erf(connection, state.id, state.row_version, erf).state


def test_a_ward_policy_on_business_hours_skips_holidays_as_the_refresh_path_does(
    engine,
) -> None:
    today = dt.datetime.now(SAST).date()
    closed_days = [today + dt.timedelta(days=n) for n in range(5)]
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO imis.public_holiday (holiday_date, name) "
                "SELECT d, 'Test holiday' FROM unnest(CAST(:days AS date[])) AS d "
                "ON CONFLICT DO NOTHING"
            ),
            {"days": closed_days},
        )
        connection.execute(  # the ward's depot works a short day after the holidays
            text(
                "INSERT INTO imis.special_day (day, name, ward_id, opens, closes) "
                "SELECT :day, 'Depot half day', w.id, '08:00', '12:00' FROM imis.ward AS w"
            ),
            {"day": today + dt.timedelta(days=5)},
        )
        connection.execute(  # only known once the item is located: the ward decides it
            text(
                "INSERT INTO imis.sla_policy (name, category_id, ward_id, response_minutes, "
                "resolution_minutes, clock, calendar_id) "
                "SELECT 'Ward 7 burst pipes', c.id, w.id, 240, 1020, 'business', k.id "
                "FROM imis.category AS c, imis.ward AS w, imis.business_calendar AS k "
                "WHERE c.code = 'BURST_PIPE' AND k.code = 'OFFICE'"
            )
        )
    item = _logged_and_located(engine)
    row = _refresh_changes_nothing(engine, item.id)
    with engine.connect() as connection:
        policy = connection.execute(
            text("SELECT name FROM imis.sla_policy WHERE id = :id"), {"id": row.sla_policy_id}
        ).scalar()
    assert policy == "Ward 7 burst pipes"
    assert row.sla_state == "on_time"
    assert row.response_due_at.astimezone(SAST).date() > closed_days[-1]
    assert row.sla_at_risk_at < row.response_due_at < row.resolution_due_at
    assert row.row_version == item.row_version


def test_relocating_a_deferred_item_keeps_its_clock_paused(engine) -> None:
    item = _logged_and_located(engine)
    started = _act(engine, item, Action.START)
    deferred = _act(
        engine,
        started,
        Action.DEFER,
        reason="Waiting for parts",
        until=dt.date.today() + dt.timedelta(days=7),
    )
    moved = _relocate(engine, deferred, "1004")
    row = _refresh_changes_nothing(engine, moved.id)
    assert (row.sla_state, row.sla_breach_at, row.sla_at_risk_at) == ("paused", None, None)
    assert row.responded_at is not None  # starting the work was the first response
    assert row.row_version == moved.row_version


def test_relocating_resolved_and_reopened_items_agrees_with_the_refresh_path(engine) -> None:
    item = _logged_and_located(engine)
    started = _act(engine, item, Action.START)
    resolved = _act(engine, started, Action.RESOLVE, resolution="Valve replaced")
    moved = _relocate(engine, resolved, "1002")
    assert _refresh_changes_nothing(engine, moved.id).sla_state == "met"
    reopened = _act(engine, moved, Action.REOPEN, reason="Leaking again")
    moved_again = _relocate(engine, reopened, "1003")
    row = _refresh_changes_nothing(engine, moved_again.id)
    assert row.sla_state == "on_time"
    with engine.connect() as connection:
        reopened_at = connection.execute(
            text(
                "SELECT max(occurred_at) FROM imis.correspondence_event "
                "WHERE correspondence_id = :id AND event_type = 'reopen'"
            ),
            {"id": item.id},
        ).scalar()
    assert row.sla_started_at == reopened_at  # the policy restarts the clock on re-open


def test_an_item_no_policy_covers_gets_no_due_times(engine) -> None:
    with engine.begin() as connection:
        connection.execute(text("UPDATE imis.sla_policy SET is_active = false"))
    item = _logged_and_located(engine)
    row = _refresh_changes_nothing(engine, item.id)
    assert (row.sla_policy_id, row.sla_state, row.response_due_at) == (None, None, None)


def test_logging_and_locating_writes_the_row_once(engine) -> None:
    item = _logged_and_located(engine)
    with engine.connect() as connection:
        operations = (
            connection.execute(
                text(
                    "SELECT operation FROM imis.audit_log WHERE table_name = 'correspondence' "
                    "AND row_id = :id ORDER BY id"
                ),
                {"id": item.id},
            )
            .scalars()
            .all()
        )
    assert operations == ["INSERT", "UPDATE"]
    assert item.row_version == 2


def test_the_located_items_tasks_and_assignment_message_carry_its_due_time(engine) -> None:
    item = _logged_and_located(engine)
    with engine.connect() as connection:
        due = connection.execute(
            text("SELECT resolution_due_at FROM imis.correspondence WHERE id = :id"),
            {"id": item.id},
        ).scalar()
        task_dues = (
            connection.execute(
                text("SELECT due_at FROM imis.task WHERE correspondence_id = :id"),
                {"id": item.id},
            )
            .scalars()
            .all()
        )
        message = connection.execute(
            text(
                "SELECT o.params FROM imis.outbox AS o "
                "JOIN imis.correspondence_event AS e ON e.id = o.event_id "
                "WHERE o.correspondence_id = :id AND e.event_type = 'locate'"
            ),
            {"id": item.id},
        ).scalar_one()
    assert due is not None and task_dues and set(task_dues) == {due}
    assert message["due"] == shown_time(due).removesuffix(" SAST")


def _routing_facts(**changes) -> SimpleNamespace:
    """What imis.locate_facts says of an item for routing: a new complaint, one city rule."""
    rule = {"id": 7, "category_id": 3, "department_id": 2, "ward_id": None, "suburb_id": None,
            "default_staff_id": 11, "default_team_id": None, "task_kinds": ["inspection", "repair"],
            "is_active": True}  # fmt: skip
    facts = {"has_tasks": False, "status": "logged", "rules": [rule], "category_id": 3,
             "ward_id": 1, "suburb_id": 1, "classification": "complaint",
             "department_id": 1}  # fmt: skip
    return SimpleNamespace(**{**facts, **changes})


def test_the_task_plan_follows_the_rule_and_skips_items_that_need_none() -> None:
    plan = tasks.task_plan(_routing_facts())
    assert (plan.department_id, plan.kinds, plan.staff_id, plan.rule_id) == (
        2,
        ("inspection", "repair"),
        11,
        7,
    )
    assert tasks.task_plan(_routing_facts(rules=[])).department_id == 1  # the item's own
    for needs_none in ({"has_tasks": True}, {"status": "resolved"}, {"status": "closed"},
                       {"classification": "compliment"}):  # fmt: skip
        assert tasks.task_plan(_routing_facts(**needs_none)) is None


def test_a_stale_version_writes_nothing(engine) -> None:
    """The database's last line: place_correspondence at another version changes nothing."""
    request = NewCorrespondence(category_code="BURST_PIPE", channel="telephone", description="Leak")
    with engine.begin() as connection:
        state = register.log_correspondence(connection, request)
    with engine.begin() as connection:
        placed = connection.execute(
            text(
                "SELECT placed.* FROM imis.parcel AS p, imis.place_correspondence(:id, :version, "
                "p.id, ST_PointOnSurface(p.geom), p.ward_id, p.suburb_id, p.erf_number, NULL, "
                "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, ARRAY['repair'], NULL, NULL, "
                "NULL) AS placed WHERE p.erf_number = '1001'"
            ),
            {"id": state.id, "version": state.row_version + 1},
        ).all()
    assert placed == []
    with engine.connect() as connection:
        row = connection.execute(
            text(
                "SELECT c.status, c.geom IS NULL AS unplaced, c.row_version, "
                "(SELECT count(*) FROM imis.correspondence_event AS e "
                "  WHERE e.correspondence_id = c.id) AS events, "
                "(SELECT count(*) FROM imis.task AS t WHERE t.correspondence_id = c.id) AS tasks "
                "FROM imis.correspondence AS c WHERE c.id = :id"
            ),
            {"id": state.id},
        ).one()
    assert tuple(row) == ("logged", True, state.row_version, 1, 0)
