"""The log wizard's Save writes the row once, already located (migration 0009): the register
must hold exactly what logging then locating leaves. Each case runs both paths from the same
state in one transaction (a savepoint each, rolled back between), so both see the same
now(): every column, event, message and task must match but for ids and references."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from imis_customer_plugin.core.correspondence import NewCorrespondence
from imis_customer_plugin.core.errors import ImisError, NotFoundError, ValidationError
from imis_customer_plugin.core.workflow import Status
from imis_customer_plugin.db.connection import create_db_engine
from imis_customer_plugin.services import intake, locate, register

from .conftest import ORIGIN_X, ORIGIN_Y

ON_1001 = intake.MapPoint(ORIGIN_X + 50, ORIGIN_Y + 50, 32734)
NEAR_1004 = intake.MapPoint(ORIGIN_X + 210, ORIGIN_Y + 150, 32734)  # 10 m off erf 1004
FREE = intake.MapPoint(ORIGIN_X - 700, ORIGIN_Y - 700, 32734, free=True)  # no ward
# Not the row's own identity or times of its own writes (the audit's clock).
_UNCOMPARED = {"id", "reference", "repeat_of_id"}


@pytest.fixture()
def engine(staffed_register) -> Engine:
    """A register of its own: a customer who wants e-mail, a rule with a default artisan."""
    engine = create_db_engine(staffed_register)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO imis.customer (full_name, email, preferred_channel) "
                "VALUES ('Lerato Email', 'lerato@mail.example', 'email');"
                "INSERT INTO imis.routing_rule (category_id, ward_id, department_id, "
                "default_staff_id, task_kinds) "
                "SELECT c.id, w.id, c.department_id, s.id, ARRAY['inspection', 'repair'] "
                "FROM imis.category AS c, imis.ward AS w, imis.staff AS s "
                "WHERE c.code = 'BURST_PIPE' AND s.role_name = 'sup'"
            )
        )
    yield engine
    engine.dispose()


def _customer(connection: Connection) -> int:
    return connection.execute(
        text("SELECT id FROM imis.customer WHERE full_name = 'Lerato Email'")
    ).scalar_one()


def _two_steps(
    connection: Connection, request: NewCorrespondence, location: intake.Location
) -> locate.LocateResult:
    """What the Save did before migration 0009: log, then locate the row in the same unit."""
    state = register.log_correspondence(connection, request)
    if isinstance(location, intake.ParcelChoice):
        return locate.place_on_parcel(connection, state, location.parcel_id)
    return locate.place_at_point(
        connection, state, location.x, location.y, location.srid, free_point=location.free
    )


def _written(connection: Connection, item_id: int) -> dict:
    """Everything the item left in the register, with its own ids mapped to positions."""
    row = connection.execute(
        text(
            "SELECT c.*, ST_AsEWKT(c.geom) AS geom, r.reference AS repeats "
            "FROM imis.correspondence AS c LEFT JOIN imis.correspondence AS r "
            "ON r.id = c.repeat_of_id WHERE c.id = :id"
        ),
        {"id": item_id},
    ).one()
    reference = row.reference
    tasks = connection.execute(
        text("SELECT * FROM imis.task WHERE correspondence_id = :id ORDER BY id"), {"id": item_id}
    ).all()
    events = connection.execute(
        text("SELECT * FROM imis.correspondence_event WHERE correspondence_id = :id ORDER BY id"),
        {"id": item_id},
    ).all()
    outbox = connection.execute(
        text("SELECT * FROM imis.outbox WHERE correspondence_id = :id ORDER BY id"),
        {"id": item_id},
    ).all()
    audit = connection.execute(
        text(
            "SELECT operation, new_row FROM imis.audit_log WHERE table_name = 'correspondence' "
            "AND row_id = :id ORDER BY id"
        ),
        {"id": item_id},
    ).all()
    task_names = {t.id: f"task{n}" for n, t in enumerate(tasks)}
    event_names = {e.id: f"event{n}" for n, e in enumerate(events)}

    def plain(value):  # ids and the reference by their positions, for comparing
        text_value = json.dumps(value, default=str, sort_keys=True).replace(reference, "REF")
        data = json.loads(text_value)
        if isinstance(data, dict) and "task_id" in data:
            data["task_id"] = task_names[data["task_id"]]
        return data

    def rows(found, *skip: str) -> list[dict]:
        return [
            {k: plain(v) for k, v in r._asdict().items() if k not in {"id", *skip}} for r in found
        ]

    located = {k: v for k, v in row._asdict().items() if k not in _UNCOMPARED}
    final_audit = {k: v for k, v in audit[-1].new_row.items() if k not in _UNCOMPARED}
    return {
        "row": located,
        "reference": reference,
        "tasks": rows(tasks, "correspondence_id"),
        "events": rows(events, "correspondence_id"),
        "outbox": [
            {**o, "event_id": event_names[o["event_id"]]}
            for o in rows(outbox, "correspondence_id", "created_at")
        ],
        "audit": ([a.operation for a in audit], final_audit),
    }


def _both_ways(
    engine: Engine, request: NewCorrespondence, location: intake.Location
) -> tuple[dict, dict, locate.LocateResult, locate.LocateResult]:
    with engine.begin() as connection:
        before = connection.begin_nested()
        old = _two_steps(connection, request, location)
        old_written = _written(connection, old.state.id)
        before.rollback()
        before = connection.begin_nested()
        new = intake.log_and_locate(connection, request, location)
        new_written = _written(connection, new.state.id)
        before.rollback()
    return old_written, new_written, old, new


def _assert_same(engine: Engine, request: NewCorrespondence, location: intake.Location) -> dict:
    old, new, old_result, new_result = _both_ways(engine, request, location)
    assert new["row"] == old["row"]
    assert new["tasks"] == old["tasks"]
    assert new["events"] == old["events"]
    assert new["outbox"] == old["outbox"]
    assert new["reference"][:7] == old["reference"][:7]  # CRyyyy-, numbered by the sequence
    # The one difference: one INSERT of the located row instead of INSERT, then UPDATE.
    assert old["audit"][0] == ["INSERT", "UPDATE"]
    assert new["audit"][0] == ["INSERT"]
    assert new["audit"][1] == old["audit"][1]
    assert new_result.state.row_version == old_result.state.row_version
    assert new_result.parcel == old_result.parcel
    assert new_result.repeat_of == old_result.repeat_of
    assert {k: v for k, v in vars(new_result.state).items() if k not in ("id", "reference")} == {
        k: v for k, v in vars(old_result.state).items() if k not in ("id", "reference")
    }
    return new


def test_a_complaint_clicked_on_a_parcel_with_a_routed_artisan(engine) -> None:
    with engine.connect() as connection:
        customer = _customer(connection)
    request = NewCorrespondence("BURST_PIPE", "telephone", "Leak", customer_id=customer)
    new = _assert_same(engine, request, ON_1001)
    assert new["row"]["status"] == "assigned" and new["row"]["resolution_due_at"] is not None
    assert [e["event_type"] for e in new["events"]] == [
        "logged", "locate", "task", "assign", "task", "assign",
    ]  # fmt: skip
    assert [(o["kind"], o["audience"]) for o in new["outbox"]] == [
        ("acknowledgement", "customer"),
        ("assignment", "staff"),
        ("assignment", "staff"),
        ("assignment", "staff"),
    ]
    assert new["outbox"][0]["params"]["status"] == "logged"
    assert new["outbox"][1]["params"]["due"] != ""


def test_a_click_beside_a_parcel_takes_the_nearest(engine) -> None:
    request = NewCorrespondence("POTHOLE", "walk_in", "Hole in the road", priority=1)
    new = _assert_same(engine, request, NEAR_1004)
    assert new["row"]["location_kind"] == "parcel"


def test_a_repeat_complaint_links_to_the_first(engine) -> None:
    request = NewCorrespondence("BURST_PIPE", "telephone", "Leak again")
    with engine.begin() as connection:
        first = intake.log_and_locate(connection, request, ON_1001)
    new = _assert_same(engine, request, intake.ParcelChoice(_parcel_of(engine, first)))
    assert new["row"]["repeats"] == first.state.reference
    assert "repeat_detected" in [e["event_type"] for e in new["events"]]


def _parcel_of(engine: Engine, result: locate.LocateResult) -> int:
    return result.parcel.parcel_id


@pytest.mark.parametrize(
    ("category", "location"),
    [
        ("BURST_PIPE", FREE),
        ("BILL_QUERY", ON_1001),
        ("METER_DISPUTE", FREE),
        ("COMPLIMENT", ON_1001),
    ],
    ids=["free-point", "query", "dispute", "compliment"],
)
def test_every_classification_and_a_free_point(engine, category, location) -> None:
    request = NewCorrespondence(category, "internal", "Said so", is_internal=True)
    _assert_same(engine, request, location)


def test_without_a_location_it_is_only_logged(engine) -> None:
    request = NewCorrespondence("COMPLIMENT", "email", "Thank you")
    with engine.begin() as connection:
        state = intake.log_and_locate(connection, request, None)
    assert isinstance(state, register.CorrespondenceState)
    assert (state.status, state.row_version) == (Status.LOGGED, 1)


_BAD = [
    (NewCorrespondence("NO_SUCH", "telephone", "Leak"), ON_1001, ValidationError),
    (NewCorrespondence("NO_SUCH", "telephone", "Leak"), intake.ParcelChoice(-1), ValidationError),
    (NewCorrespondence("BURST_PIPE", "telephone", "Leak"), intake.ParcelChoice(-1), NotFoundError),
    (
        NewCorrespondence("BURST_PIPE", "telephone", "Leak"),
        intake.MapPoint(ORIGIN_X + 5000, ORIGIN_Y, 32734, free=True),
        ValidationError,
    ),
    (
        NewCorrespondence("BURST_PIPE", "telephone", "Leak"),
        intake.MapPoint(18.47, -33.95, 32734, free=True),  # degrees as metres
        ValidationError,
    ),
    (
        NewCorrespondence("BURST_PIPE", "telephone", "Leak"),
        intake.MapPoint(ORIGIN_X - 300, ORIGIN_Y - 300, 32734),  # no parcel within reach
        ValidationError,
    ),
    (NewCorrespondence("BURST_PIPE", "telephone", " "), ON_1001, ValidationError),
    (
        NewCorrespondence("BURST_PIPE", "telephone", "Leak", customer_id=-5),
        ON_1001,
        ValidationError,
    ),
    (
        NewCorrespondence("BURST_PIPE", "telephone", "Leak", account_number="nope"),
        ON_1001,
        ValidationError,
    ),
]


@pytest.mark.parametrize(("request_", "location", "error"), _BAD)
def test_bad_input_is_refused_as_before_with_nothing_written(
    engine, request_, location, error
) -> None:
    def counts(connection: Connection) -> tuple:
        return connection.execute(
            text(
                "SELECT (SELECT count(*) FROM imis.correspondence), "
                "(SELECT count(*) FROM imis.correspondence_event), "
                "(SELECT count(*) FROM imis.outbox), (SELECT count(*) FROM imis.task), "
                "(SELECT count(*) FROM imis.audit_log)"
            )
        ).one()

    refusals = []
    with engine.begin() as connection:
        before = counts(connection)
        for way in (_two_steps, intake.log_and_locate):
            savepoint = connection.begin_nested()
            with pytest.raises(ImisError) as refused:
                way(connection, request_, location)
            savepoint.rollback()
            refusals.append((type(refused.value), str(refused.value)))
        assert counts(connection) == before
    assert refusals[0] == refusals[1]
    assert refusals[1][0] is error
    with pytest.raises(error), engine.begin() as connection:  # as the Save runs it
        intake.log_and_locate(connection, request_, location)
    with engine.connect() as connection:
        assert counts(connection) == before
