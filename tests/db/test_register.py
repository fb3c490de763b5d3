"""Logging, locating and moving correspondence through the workflow, on real PostGIS."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from imis_customer_plugin.core.correspondence import NewCorrespondence
from imis_customer_plugin.core.errors import NotFoundError, ValidationError
from imis_customer_plugin.core.workflow import Action, ActionInput, Status, WorkflowError
from imis_customer_plugin.services import locate, register

from .conftest import ORIGIN_X, ORIGIN_Y

TODAY = dt.date(2026, 11, 20)


def _log(engine: Engine, **fields) -> register.CorrespondenceState:
    request = NewCorrespondence(
        **{"category_code": "BURST_PIPE", "channel": "telephone", "description": "Water"} | fields
    )
    with engine.begin() as connection:
        return register.log_correspondence(connection, request)


def _count(engine: Engine, table: str) -> int:
    with engine.connect() as connection:
        return connection.execute(text(f"SELECT count(*) FROM imis.{table}")).scalar()


def _events(engine: Engine, correspondence_id: int) -> list[str]:
    with engine.connect() as connection:
        return list(
            connection.execute(
                text(
                    "SELECT event_type FROM imis.correspondence_event "
                    "WHERE correspondence_id = :id ORDER BY id"
                ),
                {"id": correspondence_id},
            ).scalars()
        )


def _workflow_events(engine: Engine, correspondence_id: int) -> list[str]:
    """The item's own history: without the tasks that locating gives it (services.tasks)."""
    return [e for e in _events(engine, correspondence_id) if e != "task"]


def _locate_centre_of_1001(engine: Engine, state) -> locate.LocateResult:
    with engine.begin() as connection:
        return locate.locate_at_point(
            connection, state.id, state.row_version, ORIGIN_X + 50, ORIGIN_Y + 50, 32734
        )


def test_log_gives_a_reference_history_and_audit(register_engine) -> None:
    audit_before = _count(register_engine, "audit_log")
    state = _log(register_engine, account_number="400123456")
    assert re.fullmatch(r"CR\d{4}-\d{6,}", state.reference)
    assert state.status is Status.LOGGED
    assert _events(register_engine, state.id) == ["logged"]
    with register_engine.connect() as connection:
        row = connection.execute(
            text(
                "SELECT c.priority, c.classification, c.logged_by = session_user AS mine, "
                "cu.full_name FROM imis.correspondence AS c "
                "JOIN imis.customer AS cu ON cu.id = c.customer_id WHERE c.id = :id"
            ),
            {"id": state.id},
        ).one()
    assert (row.priority, row.classification, row.mine) == (2, "complaint", True)
    assert row.full_name == "Thandiwe Mokoena"  # found through the account: one voice
    assert _count(register_engine, "audit_log") == audit_before + 1


@pytest.mark.parametrize(
    ("fields", "field_named"),
    [
        ({"description": "   "}, "description"),
        ({"description": "x" * 4001}, "description"),
        ({"category_code": "NO_SUCH"}, "category"),
        ({"channel": "carrier_pigeon"}, "channel"),
        ({"classification": "rant"}, "classification"),
        ({"priority": 9}, "priority"),
        ({"account_number": "999999999"}, "account"),
        ({"customer_id": 987654}, "customer"),
    ],
)
def test_bad_input_is_refused_naming_the_field(register_engine, fields, field_named) -> None:
    before = _count(register_engine, "correspondence")
    with pytest.raises(ValidationError) as refused:
        _log(register_engine, **fields)
    assert [p.field for p in refused.value.problems] == [field_named]
    assert _count(register_engine, "correspondence") == before


def test_click_inside_a_parcel_locates_on_it(register_engine) -> None:
    state = _log(register_engine, category_code="POTHOLE")
    result = _locate_centre_of_1001(register_engine, state)
    assert result.parcel.erf_number == "1001"
    with register_engine.connect() as connection:  # what the map tool shows under the cursor
        shown = locate.find_parcel_at(connection, ORIGIN_X + 50, ORIGIN_Y + 50, 32734)
    assert shown.addresses == ("11 Main Road, Mowbray",)
    assert shown.account_holders == ("Thandiwe Mokoena",)
    assert result.state.status is Status.ASSIGNED
    with register_engine.connect() as connection:
        row = connection.execute(
            text(
                "SELECT c.location_kind, w.code, s.name, ST_Within(c.geom, p.geom) AS inside "
                "FROM imis.correspondence AS c JOIN imis.parcel AS p ON p.id = c.parcel_id "
                "JOIN imis.ward AS w ON w.id = c.ward_id "
                "JOIN imis.suburb AS s ON s.id = c.suburb_id WHERE c.id = :id"
            ),
            {"id": state.id},
        ).one()
    assert tuple(row) == ("parcel", "7", "Mowbray", True)
    assert _workflow_events(register_engine, state.id)[:2] == ["logged", "locate"]
    assert _workflow_events(register_engine, state.id)[-1] in ("locate", "repeat_detected")


def test_click_near_a_parcel_snaps_to_the_nearest_within_tolerance(register_engine) -> None:
    with register_engine.connect() as connection:
        near = locate.find_parcel_at(connection, ORIGIN_X + 150, ORIGIN_Y - 10, 32734)
        far = locate.find_parcel_at(connection, ORIGIN_X + 150, ORIGIN_Y - 100, 32734)
    assert near.erf_number == "1002"
    assert near.distance_m == pytest.approx(10.0)
    assert far is None


def test_click_in_another_crs_is_transformed(register_engine) -> None:
    with register_engine.connect() as connection:
        lon, lat = connection.execute(
            text(
                "SELECT ST_X(g), ST_Y(g) FROM (SELECT ST_Transform(ST_SetSRID("
                "ST_MakePoint(:x, :y), 32734), 4326) AS g) AS t"
            ),
            {"x": ORIGIN_X + 150, "y": ORIGIN_Y + 150},
        ).one()
        assert locate.find_parcel_at(connection, lon, lat, 4326).erf_number == "1004"


def test_click_with_nothing_near_needs_a_free_point(register_engine) -> None:
    state = _log(register_engine)
    refused = pytest.raises(ValidationError, match="no land parcel within 25 m")
    with refused, register_engine.begin() as connection:
        locate.locate_at_point(
            connection, state.id, state.row_version, ORIGIN_X + 900, ORIGIN_Y, 32734
        )
    with register_engine.begin() as connection:
        result = locate.locate_at_point(
            connection,
            state.id,
            state.row_version,
            ORIGIN_X + 900,
            ORIGIN_Y,
            32734,
            free_point=True,
        )
    assert result.parcel is None
    assert result.state.status is Status.ASSIGNED


@pytest.mark.parametrize(
    ("x", "y", "srid"),
    [(ORIGIN_X + 5000, ORIGIN_Y, 32734), (18.47, -33.95, 32734)],  # far away; degrees as metres
    ids=["outside", "wrong-crs"],
)
def test_point_outside_the_municipality_is_refused(register_engine, x, y, srid) -> None:
    state = _log(register_engine)
    refused = pytest.raises(ValidationError, match="outside the municipality")
    with refused, register_engine.begin() as connection:
        locate.locate_at_point(connection, state.id, state.row_version, x, y, srid, free_point=True)
    assert _events(register_engine, state.id) == ["logged"]


def test_locate_by_erf_address_and_account(register_engine) -> None:
    state = _log(register_engine, category_code="POTHOLE")
    with register_engine.begin() as connection:
        by_erf = locate.locate_by_erf(connection, state.id, state.row_version, "1003")
    with register_engine.begin() as connection:
        by_address = locate.locate_by_address(
            connection, state.id, by_erf.state.row_version, "14 Main"
        )
    with register_engine.begin() as connection:
        by_account = locate.locate_by_account(
            connection, state.id, by_address.state.row_version, "400123456"
        )
    assert (by_erf.parcel.erf_number, by_address.parcel.erf_number) == ("1003", "1004")
    assert by_account.parcel.erf_number == "1001"
    events = [e for e in _workflow_events(register_engine, state.id) if e != "repeat_detected"]
    assert events == ["logged", "locate", "relocated", "relocated"]


def test_locate_by_unknown_or_ambiguous_text_says_so(register_engine) -> None:
    state = _log(register_engine)
    with register_engine.begin() as connection:
        with pytest.raises(NotFoundError, match="erf 77"):
            locate.locate_by_erf(connection, state.id, state.row_version, "77")
        with pytest.raises(ValidationError, match="matches several parcels: 11 Main Road"):
            locate.locate_by_address(connection, state.id, state.row_version, "Main Road")


def _act(engine, state, action, **given) -> register.CorrespondenceState:
    with engine.begin() as connection:
        return register.apply_action(
            connection, state.id, state.row_version, action, ActionInput(**given), today=TODAY
        )


def test_a_complaint_through_every_status(register_engine) -> None:
    state = _locate_centre_of_1001(register_engine, _log(register_engine)).state
    steps = [
        (Action.START, {}, Status.IN_PROGRESS),
        (Action.PEND, {"reason": "Waiting for the customer to open the gate"}, Status.PENDING),
        (Action.RESUME, {}, Status.IN_PROGRESS),
        (Action.DEFER, {"reason": "Parts", "until": TODAY + dt.timedelta(7)}, Status.DEFERRED),
        (Action.REFORWARD, {"reason": "It is a road", "department": "ROADS"}, Status.ASSIGNED),
        (Action.ESCALATE, {"reason": "Third call"}, Status.ESCALATED),
        (Action.RESOLVE, {"resolution": "Pipe replaced"}, Status.RESOLVED),
        (Action.CLOSE, {}, Status.CLOSED),
        (Action.REOPEN, {"reason": "Leaking again"}, Status.REOPENED),
    ]
    for action, given, expected in steps:
        state = _act(register_engine, state, action, **given)
        assert state.status is expected
    assert state.escalation_level == 1
    with register_engine.connect() as connection:
        row = connection.execute(
            text(
                "SELECT d.code, c.resolution, c.closed_at FROM imis.correspondence AS c "
                "JOIN imis.department AS d ON d.id = c.department_id WHERE c.id = :id"
            ),
            {"id": state.id},
        ).one()
    assert (row.code, row.resolution, row.closed_at) == ("ROADS", "Pipe replaced", None)
    events = [e for e in _workflow_events(register_engine, state.id) if e != "repeat_detected"]
    assert events[2:] == [a.value for a, _, _ in steps]


@pytest.mark.parametrize(
    ("category", "action", "given", "message"),
    [
        ("BURST_PIPE", Action.CLOSE, {}, "not allowed while the complaint is assigned"),
        ("BURST_PIPE", Action.DEFER, {"reason": "x"}, "needs a date to defer until"),
        ("BURST_PIPE", Action.DEFER, {"reason": "x", "until": TODAY}, "after today"),
        ("BURST_PIPE", Action.REFORWARD, {"reason": "x", "department": "WATER"}, "another"),
        ("BURST_PIPE", Action.REFORWARD, {"reason": "x", "department": "NOPE"}, "unknown"),
        (
            "METER_DISPUTE",
            Action.DEFER,
            {"reason": "x", "until": TODAY + dt.timedelta(3)},
            "A dispute cannot be given the action 'defer'",
        ),
        ("COMPLIMENT", Action.START, {}, "A compliment cannot be given the action 'start'"),
    ],
)
def test_illegal_actions_are_refused_and_change_nothing(
    register_engine, category, action, given, message
) -> None:
    state = _locate_centre_of_1001(register_engine, _log(register_engine, category_code=category))
    state = state.state
    with pytest.raises((WorkflowError, ValidationError), match=message):
        _act(register_engine, state, action, **given)
    assert _workflow_events(register_engine, state.id)[:2] == ["logged", "locate"]
    assert _workflow_events(register_engine, state.id)[-1] in ("locate", "repeat_detected")


def test_compliments_are_acknowledged_and_queries_answered_at_first_contact(
    register_engine,
) -> None:
    compliment = _log(register_engine, category_code="COMPLIMENT", description="Great crew!")
    assert _act(register_engine, compliment, Action.ACKNOWLEDGE).status is Status.CLOSED
    query = _log(register_engine, category_code="BILL_QUERY", channel="email")
    with pytest.raises(WorkflowError, match="needs the resolution"):
        _act(register_engine, query, Action.CLOSE)
    closed = _act(register_engine, query, Action.CLOSE, resolution="Explained the tariff")
    assert closed.status is Status.CLOSED


def test_repeat_complaint_is_linked_to_the_first(register_engine) -> None:
    first = _locate_centre_of_1001(register_engine, _log(register_engine, category_code="POTHOLE"))
    second = _locate_centre_of_1001(register_engine, _log(register_engine, category_code="POTHOLE"))
    other_kind = _locate_centre_of_1001(register_engine, _log(register_engine))
    assert second.repeat_of is not None
    assert second.repeat_of <= first.state.reference  # the chain's original
    assert other_kind.repeat_of is None or other_kind.repeat_of != first.state.reference
    assert "repeat_detected" in _events(register_engine, second.state.id)


def test_repeat_window_is_respected(register_engine) -> None:
    old = _locate_centre_of_1001(register_engine, _log(register_engine, category_code="BILL_QUERY"))
    assert old.repeat_of is None  # only complaints repeat
    with register_engine.begin() as connection:
        connection.execute(
            text("UPDATE imis.setting SET value = '0' WHERE key = 'repeat.window_days'")
        )
    try:
        late = _locate_centre_of_1001(register_engine, _log(register_engine))
        assert late.repeat_of is None
    finally:
        with register_engine.begin() as connection:
            connection.execute(
                text("UPDATE imis.setting SET value = '30' WHERE key = 'repeat.window_days'")
            )
