"""Tasks and dispatch on real PostGIS: routing, automatic tasks, split, re-route, assignment,
the dispatch board's order and paging, the artisans' load, and the department's map."""

from __future__ import annotations

import datetime as dt
import random
import re
import threading

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from imis_customer_plugin.core.correspondence import NewCorrespondence
from imis_customer_plugin.core.errors import ConflictError, NotFoundError, ValidationError
from imis_customer_plugin.core.routing import SchedulingKey, TaskStatus, in_scheduling_order
from imis_customer_plugin.db.connection import ConnectionSettings, create_db_engine
from imis_customer_plugin.services import locate, register, tasks

from ..municipality import _square
from .conftest import ORIGIN_X, ORIGIN_Y

ON_1001 = (ORIGIN_X + 50, ORIGIN_Y + 50)  # parcel erf 1001: ward 7, Mowbray (zone 2)
IN_OBSERVATORY = (ORIGIN_X - 700, ORIGIN_Y - 700)  # free point: no ward, Observatory (zone 1)
NOWHERE = (ORIGIN_X - 700, ORIGIN_Y + 1500)  # free point: no ward, no suburb (zone 3)


_PEOPLE = """
INSERT INTO imis.department (code, name, email)
VALUES ('WATER_N', 'Water North depot', 'water.north@city.example');
INSERT INTO imis.staff (role_name, full_name, email, phone, department_id, job_title,
                        is_artisan, is_active)
SELECT v.role, v.name, v.email, v.phone, d.id, v.title, v.artisan, v.active
  FROM (VALUES
    ('ayanda', 'Ayanda Dlamini', 'ayanda@city.example', NULL, 'WATER', 'Plumber', true, true),
    ('bongani', 'Bongani Zulu', NULL, '+27820000001', 'WATER', 'Plumber', true, true),
    ('gone', 'Gert Weg', 'gert@city.example', NULL, 'WATER', 'Plumber', true, false),
    ('rosa', 'Rosa Adams', 'rosa@city.example', NULL, 'ROADS', 'Foreman', true, true),
    ('nandi', 'Nandi Khumalo', 'nandi@city.example', NULL, 'WATER_N', 'Plumber', true, true)
  ) AS v (role, name, email, phone, department, title, artisan, active)
  JOIN imis.department AS d ON d.code = v.department;
INSERT INTO imis.team (department_id, name)
SELECT d.id, v.name FROM (VALUES ('WATER', 'Leak crew'), ('ROADS', 'Road crew'))
       AS v (department, name) JOIN imis.department AS d ON d.code = v.department;
"""


@pytest.fixture()
def settings(staffed_register: ConnectionSettings) -> ConnectionSettings:
    """A register of its own, with artisans, teams, a second depot and a zone-1 suburb."""
    engine = create_db_engine(staffed_register)
    with engine.begin() as connection:
        connection.execute(text(_PEOPLE))
        connection.execute(
            text("INSERT INTO imis.suburb (name, priority, geom) VALUES ('Observatory', 1, :g)"),
            {"g": _square(ORIGIN_X - 950, ORIGIN_Y - 950, 400)},
        )
    engine.dispose()
    return staffed_register


@pytest.fixture()
def engine(settings: ConnectionSettings):
    engine = create_db_engine(settings)
    yield engine
    engine.dispose()


def _id(engine: Engine, table: str, column: str, value: str) -> int:
    with engine.connect() as connection:
        return connection.execute(
            text(f"SELECT id FROM imis.{table} WHERE {column} = :v"), {"v": value}
        ).scalar_one()


def _staff(engine: Engine, role: str) -> int:
    return _id(engine, "staff", "role_name", role)


def _located(
    engine: Engine,
    category: str = "BURST_PIPE",
    at: tuple[float, float] = ON_1001,
    *,
    priority: int | None = None,
) -> locate.LocateResult:
    request = NewCorrespondence(
        category_code=category, channel="telephone", description="Water", priority=priority
    )
    with engine.begin() as connection:
        state = register.log_correspondence(connection, request)
        return locate.place_at_point(
            connection, state, *at, 32734, free_point=at != ON_1001
        )  # fmt: skip


def _tasks(engine: Engine, item_id: int) -> list[tasks.TaskRow]:
    with engine.connect() as connection:
        return tasks.tasks_of(connection, item_id)


def _events(engine: Engine, item_id: int, *types: str) -> list:
    with engine.connect() as connection:
        return connection.execute(
            text(
                "SELECT id, event_type, reason, detail FROM imis.correspondence_event "
                "WHERE correspondence_id = :id AND event_type = ANY(:types) ORDER BY id"
            ),
            {"id": item_id, "types": list(types)},
        ).all()


def _add_rule(engine: Engine, category: str, department: str, **scope) -> int:
    with engine.begin() as connection:
        return connection.execute(
            text(
                """
                INSERT INTO imis.routing_rule (category_id, ward_id, suburb_id, department_id,
                    default_staff_id, default_team_id, task_kinds)
                SELECT c.id, CAST(:ward AS integer), CAST(:suburb AS integer), d.id,
                       CAST(:staff AS integer), CAST(:team AS integer), CAST(:kinds AS text[])
                  FROM imis.category AS c, imis.department AS d
                 WHERE c.code = :category AND d.code = :department
                RETURNING id
                """
            ),
            {
                "category": category,
                "department": department,
                "ward": scope.get("ward"),
                "suburb": scope.get("suburb"),
                "staff": scope.get("staff"),
                "team": scope.get("team"),
                "kinds": list(scope.get("kinds", ["repair"])),
            },
        ).scalar_one()


def _snapshot(engine: Engine) -> tuple:
    """Everything a refused change must leave as it was."""
    with engine.connect() as connection:
        return tuple(
            connection.execute(text(sql)).all()
            for sql in (
                "SELECT * FROM imis.task ORDER BY id",
                "SELECT count(*) FROM imis.correspondence_event",
                "SELECT count(*) FROM imis.outbox",
            )
        )


# ------------------------------------------------------------------ tasks on locating


def test_a_located_complaint_gets_its_task_from_its_department(engine) -> None:
    located = _located(engine)
    [task] = _tasks(engine, located.state.id)
    with engine.connect() as connection:
        item = connection.execute(
            text("SELECT * FROM imis.correspondence WHERE id = :id"), {"id": located.state.id}
        ).one()
    assert item.row_version == located.state.row_version  # the caller's version stays true
    assert (task.department, task.kind, task.step, task.status) == (
        "WATER",
        "repair",
        1,
        TaskStatus.OPEN,
    )
    assert (task.priority, task.zone_priority) == (2, 2)  # Burst pipe's priority, Mowbray's
    assert task.due_at == item.resolution_due_at is not None
    [event] = _events(engine, item.id, "task", "assign")
    assert event.event_type == "task"
    assert event.detail == {"task_id": task.id, "kind": "repair", "department": "WATER", "step": 1}


def test_tasks_are_created_once(engine) -> None:
    located = _located(engine)
    with engine.begin() as connection:
        assert tasks.create_tasks(connection, located.state.id) == []
        moved = locate.locate_by_erf(
            connection, located.state.id, located.state.row_version, "1004"
        )
    assert len(_tasks(engine, located.state.id)) == 1  # relocating adds none
    assert moved.parcel.erf_number == "1004"


@pytest.mark.parametrize(
    ("category", "expected"),
    [
        ("BILL_QUERY", [("REVENUE", "investigation")]),
        ("METER_DISPUTE", [("REVENUE", "investigation")]),
        ("POTHOLE", [("ROADS", "repair")]),
        ("COMPLIMENT", []),
    ],
)
def test_each_classification_gets_its_default_tasks(engine, category, expected) -> None:
    located = _located(engine, category)
    assert [(t.department, t.kind) for t in _tasks(engine, located.state.id)] == expected


def test_a_compliment_gets_no_task_even_with_a_rule(engine) -> None:
    _add_rule(engine, "COMPLIMENT", "WATER", kinds=["inspection"])
    located = _located(engine, "COMPLIMENT")
    assert _tasks(engine, located.state.id) == []
    assert _events(engine, located.state.id, "task") == []


def test_an_item_without_a_place_or_id_gets_a_clear_error(engine) -> None:
    request = NewCorrespondence(category_code="BURST_PIPE", channel="telephone", description="x")
    with engine.begin() as connection:
        state = register.log_correspondence(connection, request)
    with engine.begin() as connection:
        with pytest.raises(ValidationError, match=f"{state.reference} is not located yet"):
            tasks.create_tasks(connection, state.id)
        with pytest.raises(NotFoundError, match="no correspondence with id 987654"):
            tasks.create_tasks(connection, 987654)
    assert _tasks(engine, state.id) == []
    compliment = NewCorrespondence(category_code="COMPLIMENT", channel="email", description="x")
    with engine.begin() as connection:  # acknowledged without a place: no work, no error
        state = register.log_correspondence(connection, compliment)
        assert tasks.create_tasks(connection, state.id) == []


def test_two_creators_at_once_make_the_tasks_once(engine) -> None:
    request = NewCorrespondence(category_code="BURST_PIPE", channel="telephone", description="x")
    with engine.begin() as connection:
        state = register.log_correspondence(connection, request)
        connection.execute(  # located by another tool, without tasks
            text(
                "UPDATE imis.correspondence SET location_kind = 'point', status = 'assigned', "
                "geom = ST_SetSRID(ST_MakePoint(:x, :y), 32734) WHERE id = :id"
            ),
            {"x": NOWHERE[0], "y": NOWHERE[1], "id": state.id},
        )
    second: list = []
    with engine.begin() as first:
        made = tasks.create_tasks(first, state.id)

        def other_desk() -> None:
            with engine.begin() as connection:
                second.append(tasks.create_tasks(connection, state.id))

        waiting = threading.Thread(target=other_desk)
        waiting.start()
        waiting.join(0.5)
        assert waiting.is_alive()  # waits for the first creator's commit
    waiting.join(10)
    assert (len(made), second) == (1, [[]])
    assert len(_tasks(engine, state.id)) == 1


def test_routing_rules_send_the_work_by_zone(engine) -> None:
    """City-wide: inspection then repair at Water; ward 7: the North depot's artisan."""
    city = _add_rule(engine, "BURST_PIPE", "WATER", kinds=["inspection", "repair"])
    nandi = _staff(engine, "nandi")
    ward = _add_rule(engine, "BURST_PIPE", "WATER_N", ward=1, staff=nandi)

    in_ward = _located(engine)
    [task] = _tasks(engine, in_ward.state.id)
    assert (task.department, task.kind, task.status) == ("WATER_N", "repair", TaskStatus.ASSIGNED)
    assert task.assigned_staff_id == nandi
    made, assigned = _events(engine, in_ward.state.id, "task", "assign")
    assert (made.event_type, made.detail["rule_id"]) == ("task", ward)
    assert (assigned.event_type, assigned.detail) == (
        "assign",
        {"task_id": task.id, "staff_id": nandi},
    )
    with engine.connect() as connection:
        message = connection.execute(
            text("SELECT * FROM imis.outbox WHERE event_id = :id"), {"id": assigned.id}
        ).one()
    assert (message.kind, message.audience, message.recipient) == (
        "assignment",
        "staff",
        "nandi@city.example",
    )

    outside = _located(engine, at=NOWHERE)
    steps = _tasks(engine, outside.state.id)
    assert [(t.step, t.kind, t.department, t.status) for t in steps] == [
        (1, "inspection", "WATER", TaskStatus.OPEN),
        (2, "repair", "WATER", TaskStatus.OPEN),
    ]
    assert {t.zone_priority for t in steps} == {3}  # no suburb
    assert {e.detail["rule_id"] for e in _events(engine, outside.state.id, "task")} == {city}

    suburb_rule = _add_rule(engine, "BURST_PIPE", "ROADS", suburb=1, kinds=["cleaning"])
    in_suburb = _located(engine, at=(ORIGIN_X + 150, ORIGIN_Y + 150))  # ward 7, Mowbray
    assert [(t.department, t.kind) for t in _tasks(engine, in_suburb.state.id)] == [
        ("ROADS", "cleaning")
    ]
    assert _events(engine, in_suburb.state.id, "task")[0].detail["rule_id"] == suburb_rule


def test_a_rules_default_assignee_outside_its_department_is_not_used(engine) -> None:
    _add_rule(engine, "BURST_PIPE", "WATER", staff=_staff(engine, "rosa"))
    [task] = _tasks(engine, _located(engine).state.id)
    assert (task.status, task.assigned_staff_id) == (TaskStatus.OPEN, None)


def test_a_rule_may_give_the_work_to_a_team(engine) -> None:
    crew = _id(engine, "team", "name", "Leak crew")
    _add_rule(engine, "BURST_PIPE", "WATER", team=crew)
    [task] = _tasks(engine, _located(engine).state.id)
    assert (task.status, task.assigned_team_id, task.assigned_staff_id) == (
        TaskStatus.ASSIGNED,
        crew,
        None,
    )


# ------------------------------------------------------------- a supervisor's changes


def test_split_an_inspection_into_inspection_then_repair(engine) -> None:
    _add_rule(engine, "BURST_PIPE", "WATER", kinds=["inspection", "cleaning"])
    item = _located(engine).state
    inspection, _cleaning = _tasks(engine, item.id)
    with engine.begin() as connection:
        [repair] = tasks.split(
            connection, inspection.id, inspection.row_version, ["repair"], "Main is cracked"
        )
    after = _tasks(engine, item.id)
    assert [(t.step, t.kind) for t in after] == [(1, "inspection"), (2, "repair"), (3, "cleaning")]
    assert (repair.department, repair.status, repair.priority, repair.due_at) == (
        "WATER",
        TaskStatus.OPEN,
        inspection.priority,
        inspection.due_at,
    )
    assert after[0].row_version == inspection.row_version + 1  # readers of it must reload
    made = _events(engine, item.id, "task")[-1]
    assert made.reason == "Main is cracked"
    assert made.detail == {
        "task_id": repair.id,
        "kind": "repair",
        "department": "WATER",
        "step": 2,
        "split_from": inspection.id,
    }
    with engine.begin() as connection, pytest.raises(ConflictError):
        tasks.split(connection, inspection.id, inspection.row_version, ["repair"], "again")


def test_split_refuses_bad_kinds_and_keeps_everything(engine) -> None:
    [task] = _tasks(engine, _located(engine).state.id)
    before = _snapshot(engine)
    for kinds, reason, message in [
        ([], "x", "at least one"),
        (["dig"], "x", "unknown task kind 'dig'"),
        (["repair"] * 20, "x", "at most 20 tasks"),
        (["repair"], "  ", "give a reason for splitting"),
    ]:
        with engine.begin() as connection, pytest.raises(ValidationError, match=message):
            tasks.split(connection, task.id, task.row_version, kinds, reason)
    assert _snapshot(engine) == before


def test_reroute_sends_the_task_to_another_board_unassigned(engine) -> None:
    item = _located(engine).state
    [task] = _tasks(engine, item.id)
    with engine.begin() as connection:
        task = tasks.assign(
            connection, task.id, task.row_version, staff_id=_staff(engine, "ayanda")
        )
        moved = tasks.reroute(connection, task.id, task.row_version, "ROADS", "It is stormwater")
    assert (moved.department, moved.status, moved.assigned_staff_id) == (
        "ROADS",
        TaskStatus.OPEN,
        None,
    )
    [event] = _events(engine, item.id, "reroute")
    assert event.reason == "It is stormwater"
    assert event.detail == {
        "task_id": task.id,
        "kind": "repair",
        "from_department": "WATER",
        "to_department": "ROADS",
    }
    with engine.connect() as connection:
        assert [r.task_id for r in tasks.dispatch_board(connection, "ROADS")] == [task.id]
        assert tasks.dispatch_board(connection, "WATER") == []
    with engine.connect() as connection:  # the item itself stays where it was
        department = connection.execute(
            text(
                "SELECT d.code FROM imis.correspondence AS c JOIN imis.department AS d "
                "ON d.id = c.department_id WHERE c.id = :id"
            ),
            {"id": item.id},
        ).scalar()
    assert department == "WATER"


@pytest.mark.parametrize(
    ("department", "reason", "message"),
    [
        ("WATER", "x", "is with WATER already"),
        ("NOPE", "x", "unknown department 'NOPE'"),
        ("ROADS", " ", "give a reason for re-routing"),
    ],
)
def test_bad_reroutes_are_refused(engine, department, reason, message) -> None:
    [task] = _tasks(engine, _located(engine).state.id)
    before = _snapshot(engine)
    with engine.begin() as connection, pytest.raises(ValidationError, match=message):
        tasks.reroute(connection, task.id, task.row_version, department, reason)
    assert _snapshot(engine) == before


# ------------------------------------------------------------------------- assignment


def test_assigning_an_artisan_queues_his_message(engine) -> None:
    item = _located(engine).state
    [task] = _tasks(engine, item.id)
    ayanda, bongani = _staff(engine, "ayanda"), _staff(engine, "bongani")
    with engine.begin() as connection:
        task = tasks.assign(connection, task.id, task.row_version, staff_id=ayanda)
    assert (task.status, task.assigned_staff_id, task.row_version) == (
        TaskStatus.ASSIGNED,
        ayanda,
        2,
    )
    with engine.begin() as connection:  # to someone else: an SMS to a phone-only artisan
        task = tasks.assign(connection, task.id, task.row_version, staff_id=bongani)
    events = _events(engine, item.id, "assign")
    assert [e.detail for e in events] == [
        {"task_id": task.id, "kind": "repair", "staff_id": ayanda},
        {"task_id": task.id, "kind": "repair", "staff_id": bongani},
    ]
    with engine.connect() as connection:
        messages = connection.execute(
            text(
                "SELECT kind, audience, channel, recipient, status, params->>'staff_name' AS who "
                "FROM imis.outbox WHERE event_id = ANY(:ids) ORDER BY id"
            ),
            {"ids": [e.id for e in events]},
        ).all()
    assert [tuple(m) for m in messages] == [
        ("assignment", "staff", "email", "ayanda@city.example", "pending", "Ayanda Dlamini"),
        ("assignment", "staff", "sms", "+27820000001", "pending", "Bongani Zulu"),
    ]


def test_assigning_a_team_replaces_the_artisan(engine) -> None:
    [task] = _tasks(engine, _located(engine).state.id)
    crew = _id(engine, "team", "name", "Leak crew")
    with engine.begin() as connection:
        task = tasks.assign(
            connection, task.id, task.row_version, staff_id=_staff(engine, "ayanda")
        )
        task = tasks.assign(connection, task.id, task.row_version, team_id=crew)
        board = tasks.dispatch_board(connection, "WATER")
    assert (task.assigned_staff_id, task.assigned_team_id) == (None, crew)
    assert [(r.task_id, r.assignee) for r in board] == [(task.id, "Leak crew")]


def _done(engine: Engine, task_id: int) -> int:
    with engine.begin() as connection:  # what completing its last job card does
        return connection.execute(
            text(
                "UPDATE imis.task SET status = 'done', completed_at = now() WHERE id = :id "
                "RETURNING row_version"
            ),
            {"id": task_id},
        ).scalar_one()


@pytest.mark.parametrize(
    ("assignee", "message"),
    [
        ({"role": "rosa"}, "Rosa Adams works in ROADS, not WATER"),
        ({"role": "gone"}, "Gert Weg is no longer active"),
        ({"staff_id": 987654}, "no staff member with id 987654"),
        ({"team": "Road crew"}, "team Road crew belongs to ROADS, not WATER"),
        ({"team_id": 987654}, "no team with id 987654"),
        ({}, "one staff member or team"),
        ({"role": "ayanda", "team": "Leak crew"}, "one staff member or team"),
        ({"role": "bongani"}, "is assigned to them already"),
    ],
)
def test_bad_assignments_are_refused_and_lose_nothing(engine, assignee, message) -> None:
    [task] = _tasks(engine, _located(engine).state.id)
    with engine.begin() as connection:
        task = tasks.assign(
            connection, task.id, task.row_version, staff_id=_staff(engine, "bongani")
        )
    given = {
        "staff_id": _staff(engine, assignee["role"]) if "role" in assignee else None,
        "team_id": _id(engine, "team", "name", assignee["team"]) if "team" in assignee else None,
    }
    given = {k: assignee.get(k, v) for k, v in given.items()}
    before = _snapshot(engine)
    with engine.begin() as connection, pytest.raises(ValidationError, match=message):
        tasks.assign(connection, task.id, task.row_version, **given)
    assert _snapshot(engine) == before


def test_a_done_or_cancelled_task_cannot_be_assigned_or_moved(engine) -> None:
    first, second = _located(engine).state, _located(engine, at=NOWHERE).state
    [done] = _tasks(engine, first.id)
    done_version = _done(engine, done.id)
    [other] = _tasks(engine, second.id)
    with engine.begin() as connection:
        cancelled = tasks.cancel(connection, other.id, other.row_version, "Customer fixed it")
    ayanda = _staff(engine, "ayanda")
    before = _snapshot(engine)
    for task_id, version, status in [
        (done.id, done_version, "done"),
        (cancelled.id, cancelled.row_version, "cancelled"),
    ]:
        label = re.escape(f"task 1 (repair) is {status}")
        with engine.begin() as connection:
            with pytest.raises(ValidationError, match=label):
                tasks.assign(connection, task_id, version, staff_id=ayanda)
            with pytest.raises(ValidationError, match=label):
                tasks.reroute(connection, task_id, version, "ROADS", "x")
            with pytest.raises(ValidationError, match=label):
                tasks.start(connection, task_id, version)
            with pytest.raises(ValidationError, match=label):
                tasks.cancel(connection, task_id, version, "x")
    assert _snapshot(engine) == before
    with engine.begin() as connection:  # a done inspection may still lead to more work
        connection.execute(
            text("UPDATE imis.correspondence SET priority = 1 WHERE id = :id"), {"id": first.id}
        )
        [more] = tasks.split(connection, done.id, done_version, ["repair"], "Found a crack")
        with pytest.raises(ValidationError, match="cancelled: it cannot be split"):
            tasks.split(connection, cancelled.id, cancelled.row_version, ["repair"], "x")
    assert (more.step, more.status, more.priority) == (2, TaskStatus.OPEN, 1)  # as the item now
    assert _tasks(engine, first.id)[0].priority == 2  # the done task keeps its own


def test_a_stale_version_is_refused_naming_who_changed_it(engine) -> None:
    [task] = _tasks(engine, _located(engine).state.id)
    with engine.begin() as connection:
        tasks.assign(connection, task.id, task.row_version, staff_id=_staff(engine, "ayanda"))
    before = _snapshot(engine)
    with engine.connect() as connection:
        me = connection.execute(text("SELECT session_user")).scalar()
    for change in (
        lambda c: tasks.assign(c, task.id, task.row_version, staff_id=_staff(engine, "bongani")),
        lambda c: tasks.reroute(c, task.id, task.row_version, "ROADS", "x"),
        lambda c: tasks.split(c, task.id, task.row_version, ["repair"], "x"),
        lambda c: tasks.start(c, task.id, task.row_version),
        lambda c: tasks.cancel(c, task.id, task.row_version, "x"),
    ):
        with engine.begin() as connection, pytest.raises(ConflictError) as refused:
            change(connection)
        assert refused.value.message().startswith(
            f"{task.reference} task 1 (repair) was changed by {me} at "
        )
        assert "Your changes were not saved" in refused.value.message()
        assert (refused.value.expected_version, refused.value.current_version) == (1, 2)
    assert _snapshot(engine) == before
    with engine.begin() as connection, pytest.raises(NotFoundError, match="no task with id 0"):
        tasks.start(connection, 0, 1)


def test_start_then_cancel(engine) -> None:
    item = _located(engine).state
    [task] = _tasks(engine, item.id)
    with engine.begin() as connection, pytest.raises(ValidationError, match="assign it first"):
        tasks.start(connection, task.id, task.row_version)
    with engine.begin() as connection:
        task = tasks.assign(
            connection, task.id, task.row_version, staff_id=_staff(engine, "ayanda")
        )
        task = tasks.start(connection, task.id, task.row_version)
        assert task.status is TaskStatus.IN_PROGRESS
        with pytest.raises(ValidationError, match="give a reason for cancelling"):
            tasks.cancel(connection, task.id, task.row_version, "")
        task = tasks.cancel(connection, task.id, task.row_version, "Duplicate of CR-1")
    assert task.status is TaskStatus.CANCELLED
    assert [(e.detail.get("status"), e.reason) for e in _events(engine, item.id, "task")] == [
        (None, ""),
        ("in_progress", ""),
        ("cancelled", "Duplicate of CR-1"),
    ]
    with engine.connect() as connection:
        assert tasks.dispatch_board(connection, "WATER") == []


# -------------------------------------------------------------------- dispatch board


def test_board_order_follows_priority_zone_then_due_time(engine) -> None:
    """The order comes from the data: the agent's order of logging counts for nothing."""
    made = {
        "late low": _located(engine, priority=4),
        "mowbray": _located(engine, priority=2),
        "nowhere": _located(engine, at=NOWHERE, priority=2),
        "observatory": _located(engine, at=IN_OBSERVATORY, priority=2),
        "mowbray later": _located(engine, priority=2),
        "urgent": _located(engine, at=NOWHERE, priority=1),
        "no due time": _located(engine, priority=2),
    }
    ids = {name: r.state.id for name, r in made.items()}
    with engine.begin() as connection:  # the sync_tasks trigger carries item changes over
        connection.execute(
            text("UPDATE imis.correspondence SET resolution_due_at = NULL WHERE id = :id"),
            {"id": ids["no due time"]},
        )
        rows = tasks.dispatch_board(connection, "WATER")
    by_item = {r.correspondence_id: r for r in rows}
    assert [by_item[ids[n]].correspondence_id for n in ids] == list(ids.values())
    order = [next(n for n, i in ids.items() if i == r.correspondence_id) for r in rows]
    assert order == [
        "urgent",  # priority 1
        "observatory",  # priority 2, zone 1
        "mowbray",  # priority 2, zone 2, due first
        "mowbray later",
        "no due time",  # priority 2, zone 2, no due time: last of its zone
        "nowhere",  # priority 2, zone 3
        "late low",  # priority 4
    ]
    assert [r.sort_key for r in rows] == in_scheduling_order(r.sort_key for r in rows)
    mowbray = by_item[ids["mowbray"]]
    assert (mowbray.erf_number, mowbray.address, mowbray.suburb) == (
        "1001",
        "11 Main Road, Mowbray",
        "Mowbray",
    )
    assert (mowbray.category, mowbray.kind, mowbray.status, mowbray.assignee) == (
        "Burst pipe",
        "repair",
        TaskStatus.OPEN,
        "",
    )
    assert mowbray.reference == made["mowbray"].state.reference
    assert mowbray.sla_state == "on_time"
    nowhere = by_item[ids["nowhere"]]
    assert (nowhere.erf_number, nowhere.address, nowhere.suburb) == (None, None, None)


def _insert_tasks(engine: Engine, count: int, seed: int) -> None:
    """Tasks with random scheduling inputs (many alike, some without a due time)."""
    items = [_located(engine, "POTHOLE").state.id for _ in range(-(-count // 19))]
    draw = random.Random(seed)
    base = dt.datetime(2026, 11, 20, 8, tzinfo=dt.timezone.utc)
    rows = [
        {
            "item": items[n // 19],
            "step": n % 19 + 2,
            "priority": draw.randint(1, 2),
            "zone": draw.randint(1, 2),
            "due": None if draw.random() < 0.3 else base + dt.timedelta(hours=draw.randint(0, 3)),
        }
        for n in range(count)
    ]
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO imis.task (correspondence_id, department_id, kind, step, priority, "
                "zone_priority, due_at) SELECT :item, id, 'repair', :step, :priority, :zone, "
                "CAST(:due AS timestamptz) FROM imis.department WHERE code = 'ROADS'"
            ),
            rows,
        )


def test_keyset_pages_walk_the_whole_board_once(engine) -> None:
    _insert_tasks(engine, 150, seed=11)
    with engine.connect() as connection:
        whole = tasks.dispatch_board(connection, "ROADS", limit=1000)
        expected = connection.execute(
            text(
                "SELECT id FROM imis.task WHERE department_id = "
                "(SELECT id FROM imis.department WHERE code = 'ROADS') "
                "AND status IN ('open', 'assigned', 'in_progress') "
                "ORDER BY priority, zone_priority, due_at, id"
            )
        ).scalars()
        assert [r.task_id for r in whole] == list(expected)
        assert [r.sort_key for r in whole] == in_scheduling_order(r.sort_key for r in whole)
        for size in (1, 7, 50):
            paged: list[tasks.BoardRow] = []
            after = None
            while True:
                page = tasks.dispatch_board(connection, "ROADS", limit=size, after=after)
                paged += page
                if len(page) < size:
                    break
                after = page[-1].sort_key
            assert [r.task_id for r in paged] == [r.task_id for r in whole], size
        no_due = next(r for r in whole if r.due_at is None)  # a plain tuple works as well
        rest = tasks.dispatch_board(connection, "ROADS", limit=1000, after=tuple(no_due.sort_key))
        assert rest == whole[whole.index(no_due) + 1 :]


def test_board_refuses_unknown_departments_and_silly_pages(engine) -> None:
    with engine.connect() as connection:
        with pytest.raises(ValidationError, match="unknown department 'NOPE'"):
            tasks.dispatch_board(connection, "NOPE")
        with pytest.raises(ValidationError, match="unknown department 'NOPE'"):
            tasks.artisan_load(connection, "NOPE")
        with pytest.raises(ValidationError, match="a page has 1 to 1000 rows"):
            tasks.dispatch_board(connection, "WATER", limit=0)
        assert tasks.dispatch_board(connection, "WATER", after=SchedulingKey(1, 1, None, 1)) == []


def test_artisan_load_counts_assigned_and_in_progress_work(engine) -> None:
    ayanda, bongani = _staff(engine, "ayanda"), _staff(engine, "bongani")
    made = [_tasks(engine, _located(engine, at=NOWHERE).state.id)[0] for _ in range(5)]
    with engine.begin() as connection:
        for task in made[:4]:
            tasks.assign(connection, task.id, task.row_version, staff_id=ayanda)
        tasks.start(connection, made[0].id, made[0].row_version + 1)
        tasks.cancel(connection, made[3].id, made[3].row_version + 1, "Not needed")
        tasks.assign(connection, made[4].id, made[4].row_version, staff_id=bongani)
    _done(engine, made[4].id)
    with engine.connect() as connection:
        load = tasks.artisan_load(connection, "WATER")
    assert [(r.full_name, r.is_artisan, r.assigned, r.in_progress) for r in load] == [
        ("Ayanda Dlamini", True, 2, 1),
        ("Bongani Zulu", True, 0, 0),  # done work is no load
        ("Dineo Director", False, 0, 0),  # the department's other staff, after its artisans
        ("Mandla Manager", False, 0, 0),
        ("Sam Supervisor", False, 0, 0),
    ]  # Gert Weg has left: not listed
    assert load[0].total == 3


def test_a_reader_sees_the_departments_task_map(cluster, settings, engine) -> None:
    _located(engine)
    _located(engine, "POTHOLE", at=NOWHERE)
    login = cluster.create_login("map-reader")
    with engine.begin() as connection:
        connection.exec_driver_sql(f'GRANT imis_reader TO "{login["user"]}"')
    reader = create_db_engine(
        ConnectionSettings({**login, "dbname": settings.params["dbname"], "password": "map-reader"})
    )
    try:
        with reader.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT department, kind, status, ST_GeometryType(geom) AS shape "
                    "FROM imis.open_task_map ORDER BY department"
                )
            ).all()
    finally:
        reader.dispose()
    assert [tuple(r) for r in rows] == [
        ("ROADS", "repair", "open", "ST_Point"),
        ("WATER", "repair", "open", "ST_Point"),
    ]


def test_the_items_priority_moves_its_open_tasks_on_the_board(engine) -> None:
    first, second = _located(engine).state, _located(engine).state
    with engine.begin() as connection:
        [done] = tasks.tasks_of(connection, first.id)
    _done(engine, done.id)
    with engine.begin() as connection:  # e.g. an asset beyond its failure target (seed 002)
        connection.execute(
            text("UPDATE imis.correspondence SET priority = 1 WHERE id = ANY(:ids)"),
            {"ids": [first.id, second.id]},
        )
        [row] = tasks.dispatch_board(connection, "WATER")
        [finished] = tasks.tasks_of(connection, first.id)
    assert (row.correspondence_id, row.priority) == (second.id, 1)
    assert finished.priority == 2  # done work keeps what it was scheduled by
