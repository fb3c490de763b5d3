"""SLA due times on the row and the worker's sweeps, on real PostGIS.

Times are real: items are back-dated (logged_at, and history rows inserted with their own
occurred_at) so that their deadlines have passed by the database's now().
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from imis_customer_plugin.core.correspondence import NewCorrespondence
from imis_customer_plugin.core.sla_calendar import SAST
from imis_customer_plugin.core.workflow import Action, ActionInput
from imis_customer_plugin.db.connection import create_db_engine
from imis_customer_plugin.services import escalation, locate, register, sla

from .conftest import ORIGIN_X, ORIGIN_Y, PARCELS


@pytest.fixture()
def settings(staffed_register):
    """A register of its own: sweeps and policy edits touch the whole database."""
    return staffed_register


@pytest.fixture()
def engine(settings) -> Engine:
    engine = create_db_engine(settings)
    yield engine
    engine.dispose()


def _logged_and_located(engine: Engine, erf: str = "1001", category: str = "BURST_PIPE"):
    dx, dy = PARCELS[erf]
    request = NewCorrespondence(category_code=category, channel="telephone", description="Leak")
    with engine.begin() as connection:
        state = register.log_correspondence(connection, request)
        return locate.place_at_point(
            connection, state, ORIGIN_X + dx + 50, ORIGIN_Y + dy + 50, 32734
        ).state


def _backdate(engine: Engine, item_id: int, logged_at: dt.datetime) -> None:
    """As if logged then (its history moves along) and the desk refreshed its due times."""
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE imis.correspondence SET logged_at = :at WHERE id = :id"),
            {"at": logged_at, "id": item_id},
        )
        sla.refresh_sla(connection, [item_id])


def _row(engine: Engine, item_id: int):
    with engine.connect() as connection:
        return connection.execute(
            text("SELECT * FROM imis.correspondence WHERE id = :id"), {"id": item_id}
        ).one()


def _events(engine: Engine, item_id: int, event_type: str) -> list:
    with engine.connect() as connection:
        return connection.execute(
            text(
                "SELECT * FROM imis.correspondence_event WHERE correspondence_id = :id "
                "AND event_type = :type ORDER BY id"
            ),
            {"id": item_id, "type": event_type},
        ).all()


def _outbox(engine: Engine, item_id: int, kind: str) -> list:
    with engine.connect() as connection:
        return connection.execute(
            text("SELECT * FROM imis.outbox WHERE correspondence_id = :id AND kind = :kind"),
            {"id": item_id, "kind": kind},
        ).all()


def _sast(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SAST)


def test_locating_stores_the_policy_due_times_and_state(engine) -> None:
    item = _logged_and_located(engine)
    row = _row(engine, item.id)
    assert row.row_version == item.row_version  # the caller holds the version after the SLA
    with engine.connect() as connection:
        policy = connection.execute(
            text("SELECT name FROM imis.sla_policy WHERE id = :id"), {"id": row.sla_policy_id}
        ).scalar()
    assert policy.startswith("Complaints:")  # the complaint policy beats the general one
    assert row.sla_state == "on_time"
    assert row.logged_at < row.sla_at_risk_at < row.response_due_at < row.resolution_due_at
    assert row.sla_breach_at == row.response_due_at


def test_a_complaint_logged_friday_16h_before_a_public_holiday(engine) -> None:
    item = _logged_and_located(engine)
    _backdate(engine, item.id, _sast(2026, 8, 7, 16, 0))  # Mon 10 Aug: Women's Day observed
    row = _row(engine, item.id)
    assert row.response_due_at == _sast(2026, 8, 11, 16, 0)
    assert row.resolution_due_at == _sast(2026, 8, 17, 16, 0)


def test_a_special_day_in_the_items_ward_moves_its_due_time(engine) -> None:
    item = _logged_and_located(engine)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO imis.special_day (day, name, ward_id) "
                "VALUES ('2026-08-11', 'Depot closed for stocktake', 1), "
                "('2026-08-12', 'Elsewhere only', NULL) "
            )
        )
        connection.execute(
            text("DELETE FROM imis.special_day WHERE ward_id IS NULL")
        )  # only the ward's day counts here
    _backdate(engine, item.id, _sast(2026, 8, 7, 16, 0))
    assert _row(engine, item.id).response_due_at == _sast(2026, 8, 12, 16, 0)


def test_deferring_stops_the_clock_and_resuming_restarts_it(engine) -> None:
    item = _logged_and_located(engine)
    with engine.begin() as connection:
        started = register.apply_action(connection, item.id, item.row_version, Action.START,
                                        ActionInput())  # fmt: skip
        deferred = register.apply_action(
            connection, item.id, started.row_version, Action.DEFER,
            ActionInput(reason="Waiting for parts", until=dt.date.today() + dt.timedelta(days=7)),
        )  # fmt: skip
    row = _row(engine, item.id)
    assert row.row_version == deferred.row_version
    assert (row.sla_state, row.sla_breach_at, row.resolution_due_at) == ("paused", None, None)
    assert row.responded_at is not None  # starting the work was the first response
    with engine.begin() as connection:
        register.apply_action(connection, item.id, deferred.row_version, Action.RESUME,
                              ActionInput())  # fmt: skip
    row = _row(engine, item.id)
    assert row.sla_state == "on_time" and row.resolution_due_at is not None


def test_paused_time_in_the_history_is_left_out(engine) -> None:
    item = _logged_and_located(engine)
    with engine.begin() as connection:  # history as a migration from an old system brings it
        connection.execute(
            text(
                "INSERT INTO imis.correspondence_event "
                "(correspondence_id, event_type, from_status, to_status, occurred_at) VALUES "
                "(:id, 'defer', 'assigned', 'deferred', '2026-11-02 12:00+02'), "
                "(:id, 'resume', 'deferred', 'in_progress', '2026-11-04 12:00+02')"
            ),
            {"id": item.id},
        )
    _backdate(engine, item.id, _sast(2026, 11, 2, 8, 0))
    # Friday 6th 16:30 without the pause; Monday 12:00 to Wednesday 12:00 is 17 office hours.
    assert _row(engine, item.id).resolution_due_at == _sast(2026, 11, 10, 16, 30)


def _run_concurrently(settings, workers: int = 2) -> list[escalation.SweepReport]:
    """Sweeps by `workers` worker processes' worth of connections, started together."""
    reports: list = [None] * workers
    engines = [create_db_engine(settings) for _ in range(workers)]
    barrier = threading.Barrier(workers)

    def work(index: int) -> None:
        barrier.wait()
        reports[index] = escalation.sweep(engines[index].begin)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for worker_engine in engines:
        worker_engine.dispose()
    assert all(reports), "a worker failed"
    return reports


def test_a_breached_item_is_escalated_once_per_level_with_two_workers(settings, engine) -> None:
    item = _logged_and_located(engine)
    _backdate(engine, item.id, _sast(2026, 8, 7, 16, 0))
    first = _run_concurrently(settings)
    assert sum(r.counts["breached"] for r in first) == 1
    row = _row(engine, item.id)
    assert (row.sla_state, row.status, row.escalation_level) == ("breached", "escalated", 1)
    escalations = _events(engine, item.id, "escalate")
    assert len(escalations) == 1
    assert escalations[0].detail == {"rule": "breach", "target": "response", "level": 1}
    assert "response target missed (due 2026-08-11 16:00 SAST)" in escalations[0].reason
    (message,) = _outbox(engine, item.id, "escalation")
    assert (message.recipient, message.params["level"]) == ("sup@city.example", "Supervisor")

    assert sum(sum(r.counts.values()) for r in _run_concurrently(settings)) == 0  # idempotent

    for level, recipient in ((2, "mgr@city.example"), (3, "dir@city.example")):
        with engine.begin() as connection:  # the policy's interval has passed
            connection.execute(
                text(
                    "UPDATE imis.correspondence SET next_escalation_at = now() - interval '1 s' "
                    "WHERE id = :id"
                ),
                {"id": item.id},
            )
        further = _run_concurrently(settings)
        assert sum(r.counts["escalated further"] for r in further) == 1
        assert _row(engine, item.id).escalation_level == level
        assert _outbox(engine, item.id, "escalation")[-1].recipient == recipient
    assert _row(engine, item.id).next_escalation_at is None  # the director is the top
    assert len(_events(engine, item.id, "escalate")) == 3


def test_at_risk_tells_the_department_before_the_deadline(engine) -> None:
    item = _logged_and_located(engine)
    with engine.begin() as connection:
        register.apply_action(connection, item.id, item.row_version, Action.START,
                              ActionInput())  # fmt: skip
        # Five days' target: a week-old item, started just now, is past 75 % on a workday
        # and past the deadline too unless the clock says otherwise; use calendar hours.
        connection.execute(
            text(
                "UPDATE imis.sla_policy SET clock = 'calendar', resolution_minutes = 1440, "
                "at_risk_percent = 50 WHERE name LIKE 'Complaints:%'"
            )
        )
    _backdate(engine, item.id, dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=13))
    report = escalation.sweep(engine.begin)
    assert report.counts["at risk"] == 1 and report.counts["breached"] == 0
    assert _row(engine, item.id).sla_state == "at_risk"
    (event,) = _events(engine, item.id, "sla_at_risk")
    assert event.reason.startswith("at risk: due ")
    (message,) = _outbox(engine, item.id, "at_risk")
    assert message.recipient == "water@city.example"  # nobody assigned: the department
    assert escalation.sweep(engine.begin).counts["at risk"] == 0


def test_the_third_complaint_at_one_place_escalates_the_first_once(engine) -> None:
    first = _logged_and_located(engine, "1002")
    _logged_and_located(engine, "1002")
    assert escalation.sweep(engine.begin).counts["repeat complaints"] == 0
    _logged_and_located(engine, "1002")
    assert escalation.sweep(engine.begin).counts["repeat complaints"] == 1
    (event,) = _events(engine, first.id, "escalate")
    assert event.detail["rule"] == "repeat" and event.detail["complaints"] == 3
    _logged_and_located(engine, "1002")
    assert escalation.sweep(engine.begin).counts["repeat complaints"] == 0


def test_a_policy_edit_recomputes_open_items_once(engine) -> None:
    item = _logged_and_located(engine)
    before = _row(engine, item.id).resolution_due_at
    escalation.sweep(engine.begin)  # records the configuration the due times were made with
    with engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE imis.sla_policy SET resolution_minutes = resolution_minutes * 2 "
                "WHERE name LIKE 'Complaints:%'"
            )
        )
    assert escalation.sweep(engine.begin).recomputed == 1
    assert _row(engine, item.id).resolution_due_at > before
    assert escalation.sweep(engine.begin).recomputed == 0


def test_a_failure_mid_sweep_loses_nothing_and_the_next_sweep_finishes(engine) -> None:
    items = [_logged_and_located(engine, erf) for erf in ("1001", "1003", "1004")]
    for item in items:
        _backdate(engine, item.id, _sast(2026, 8, 7, 16, 0))
    escalation.recompute_if_configuration_changed(engine.begin)  # done before the failure
    calls = 0

    def failing_after_one_batch():
        nonlocal calls
        calls += 1
        if calls == 3:  # recompute check, first batch of one, then the database "goes away"
            raise ConnectionError("server closed the connection unexpectedly")
        return engine.begin()

    with pytest.raises(ConnectionError):
        escalation.sweep(failing_after_one_batch, batch=1)
    states = sorted(_row(engine, item.id).sla_state for item in items)
    assert states == ["breached", "on_time", "on_time"]
    assert escalation.sweep(engine.begin).counts["breached"] == 2
    for item in items:
        assert len(_events(engine, item.id, "escalate")) == 1
        assert len(_outbox(engine, item.id, "escalation")) == 1
