"""Administrators' configuration on real PostGIS: routing rules, teams, SLA policies and the
message templates list; each edit checked, refused whole when bad, and used by the register."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ProgrammingError

from imis_customer_plugin.core.configuration import PolicyInput, RuleInput, TeamInput
from imis_customer_plugin.core.correspondence import NewCorrespondence
from imis_customer_plugin.core.errors import ConflictError, ValidationError
from imis_customer_plugin.db.connection import ConnectionSettings, create_db_engine
from imis_customer_plugin.services import (
    configuration,
    escalation,
    locate,
    outbox,
    register,
    routing_rules,
    sla,
    sla_policies,
    tasks,
    teams,
)

from .conftest import ORIGIN_X, ORIGIN_Y, _login_in, login_settings

pytestmark = pytest.mark.db

_PEOPLE = """
INSERT INTO imis.staff (role_name, full_name, department_id, job_title, is_artisan, is_active)
SELECT v.role, v.name, d.id, v.title, v.artisan, v.active
  FROM (VALUES
    ('ayanda', 'Ayanda Dlamini', 'WATER', 'Plumber', true, true),
    ('bongani', 'Bongani Zulu', 'WATER', 'Plumber', true, true),
    ('gone', 'Gert Weg', 'WATER', 'Plumber', true, false),
    ('clerk', 'Carol Clerk', 'WATER', 'Clerk', false, true),
    ('rosa', 'Rosa Adams', 'ROADS', 'Foreman', true, true)
  ) AS v (role, name, department, title, artisan, active)
  JOIN imis.department AS d ON d.code = v.department;
"""


@pytest.fixture()
def engine(staffed_register: ConnectionSettings) -> Iterator[Engine]:
    engine = create_db_engine(staffed_register)
    with engine.begin() as connection:
        connection.execute(text(_PEOPLE))
    yield engine
    engine.dispose()


def _id(connection, table: str, column: str, value: str) -> int:
    return connection.execute(
        text(f"SELECT id FROM imis.{table} WHERE {column} = :v"), {"v": value}
    ).scalar_one()


def _count(engine: Engine, table: str) -> int:
    with engine.connect() as connection:
        return connection.execute(text(f"SELECT count(*) FROM imis.{table}")).scalar_one()


def _fields(error: ValidationError) -> set[str]:
    return {p.field for p in error.problems}


# ------------------------------------------------------------------------- routing rules


def test_a_rule_made_here_routes_the_next_located_item(engine: Engine) -> None:
    with engine.begin() as connection:
        roads = _id(connection, "department", "code", "ROADS")
        crew = teams.create_team(
            connection,
            TeamInput(roads, " Road crew ", (_id(connection, "staff", "role_name", "rosa"),)),
        )
        rule = routing_rules.create_routing_rule(
            connection,
            RuleInput(
                category_id=_id(connection, "category", "code", "BURST_PIPE"),
                department_id=roads,
                ward_id=_id(connection, "ward", "code", "7"),
                default_team_id=crew.id,
                task_kinds=("inspection", "repair"),
            ),
        )
    assert crew.name == "Road crew" and crew.members == ("Rosa Adams",)
    assert (rule.department, rule.ward, rule.default_team, rule.task_kinds) == (
        "ROADS", "Ward 7", "Road crew", ("inspection", "repair"),
    )  # fmt: skip
    with engine.connect() as connection:
        assert [r.id for r in routing_rules.list_routing_rules(connection)] == [rule.id]

    with engine.begin() as connection:
        state = register.log_correspondence(
            connection, NewCorrespondence("BURST_PIPE", "telephone", "Water in the street")
        )
        locate.locate_at_point(
            connection, state.id, state.row_version, ORIGIN_X + 50, ORIGIN_Y + 50, 32734
        )
        made = tasks.tasks_of(connection, state.id)
    assert [(t.department, t.kind, t.status.value, t.assigned_team_id) for t in made] == [
        ("ROADS", "inspection", "assigned", crew.id),
        ("ROADS", "repair", "assigned", crew.id),
    ]

    # Edited: the water department with its own artisan; then deactivated.
    with engine.begin() as connection:
        water = _id(connection, "department", "code", "WATER")
        ayanda = _id(connection, "staff", "role_name", "ayanda")
        edited = routing_rules.update_routing_rule(
            connection,
            rule.id,
            rule,
            RuleInput(rule.category_id, water, rule.ward_id, None, ayanda, None, ("repair",)),
        )
        assert (edited.department, edited.default_staff, edited.task_kinds) == (
            "WATER", "Ayanda Dlamini", ("repair",),
        )  # fmt: skip
        off = routing_rules.deactivate_routing_rule(connection, rule.id, edited)
    assert not off.is_active
    with engine.connect() as connection:
        assert routing_rules.list_routing_rules(connection, include_inactive=False) == []


def test_bad_rules_are_refused_whole_with_every_problem_named(engine: Engine) -> None:
    with engine.begin() as connection:
        burst = _id(connection, "category", "code", "BURST_PIPE")
        water = _id(connection, "department", "code", "WATER")
        roads = _id(connection, "department", "code", "ROADS")
        rosa = _id(connection, "staff", "role_name", "rosa")
        gone = _id(connection, "staff", "role_name", "gone")
        crew = teams.create_team(connection, TeamInput(roads, "Road crew"))
        first = routing_rules.create_routing_rule(connection, RuleInput(burst, water))
    before = _count(engine, "routing_rule")

    cases = [
        (RuleInput(burst, water, 1, task_kinds=("repair", "dig")), {"task_kinds"}, "'dig'"),
        (RuleInput(burst, water, 1, task_kinds=()), {"task_kinds"}, "at least one"),
        (RuleInput(None, None), {"category", "department"}, "choose"),
        (RuleInput(burst, water, ward_id=1, default_staff_id=rosa), {"default_staff"}, "ROADS"),
        (RuleInput(burst, water, ward_id=1, default_staff_id=gone), {"default_staff"}, "active"),
        (RuleInput(burst, water, ward_id=1, default_team_id=crew.id), {"default_team"}, "ROADS"),
        (
            RuleInput(burst, roads, ward_id=1, default_staff_id=rosa, default_team_id=crew.id),
            {"default_team"},
            "not both",
        ),
        (RuleInput(burst, roads), {"scope"}, f"routing rule {first.id}"),
        (RuleInput(burst, water, ward_id=999), {"ward"}, "no ward with id 999"),
    ]
    for rule, fields, said in cases:
        with pytest.raises(ValidationError) as refused, engine.begin() as connection:
            routing_rules.create_routing_rule(connection, rule)
        assert _fields(refused.value) == fields, refused.value
        assert said in str(refused.value)
    assert _count(engine, "routing_rule") == before


def test_a_rule_changed_at_another_desk_is_not_overwritten(engine: Engine) -> None:
    with engine.begin() as connection:
        burst = _id(connection, "category", "code", "BURST_PIPE")
        water = _id(connection, "department", "code", "WATER")
        read = routing_rules.create_routing_rule(connection, RuleInput(burst, water))
        routing_rules.update_routing_rule(
            connection, read.id, read, RuleInput(burst, water, task_kinds=("inspection",))
        )
    with pytest.raises(ConflictError) as conflict, engine.begin() as connection:
        routing_rules.update_routing_rule(
            connection, read.id, read, RuleInput(burst, water, task_kinds=("cleaning",))
        )
    assert "task_kinds" in str(conflict.value) and "not saved" in str(conflict.value)
    with engine.connect() as connection:
        assert routing_rules.get_routing_rule(connection, read.id).task_kinds == ("inspection",)


# --------------------------------------------------------------------------------- teams


def test_teams_hold_active_artisans_of_their_own_department(engine: Engine) -> None:
    with engine.begin() as connection:
        water = _id(connection, "department", "code", "WATER")
        people = {r: _id(connection, "staff", "role_name", r)
                  for r in ("ayanda", "bongani", "gone", "clerk", "rosa")}  # fmt: skip
        team = teams.create_team(connection, TeamInput(water, "Leak crew", (people["ayanda"],)))
    before = (_count(engine, "team"), _count(engine, "team_member"))
    for members, said in (
        ((people["rosa"],), "Rosa Adams works in ROADS, not WATER"),
        ((people["clerk"],), "Carol Clerk is not an artisan"),
        ((people["gone"],), "Gert Weg is no longer active"),
        ((999_999,), "no staff member with id 999999"),
    ):
        with pytest.raises(ValidationError) as refused, engine.begin() as connection:
            teams.create_team(connection, TeamInput(water, "Night crew", members))
        assert said in str(refused.value)
    with pytest.raises(ValidationError) as refused, engine.begin() as connection:
        teams.create_team(connection, TeamInput(water, "leak CREW"))
    assert "has a team called leak CREW already" in str(refused.value)
    assert (_count(engine, "team"), _count(engine, "team_member")) == before

    with engine.begin() as connection:
        both = teams.update_team(
            connection,
            team.id,
            team,
            TeamInput(water, "Leak crew", (people["bongani"], people["ayanda"])),
        )
    assert both.members == ("Ayanda Dlamini", "Bongani Zulu")
    with engine.connect() as connection:
        assert [t.name for t in teams.list_teams(connection, "WATER")] == ["Leak crew"]
        assert [o.label for o in configuration.options(connection, "teams")] == [
            "Leak crew (WATER)"
        ]


def test_a_team_with_tasks_is_not_deleted_but_an_unused_one_is(engine: Engine) -> None:
    with engine.begin() as connection:
        water = _id(connection, "department", "code", "WATER")
        used = teams.create_team(connection, TeamInput(water, "Leak crew"))
        spare = teams.create_team(connection, TeamInput(water, "Spare crew"))
        state = register.log_correspondence(
            connection, NewCorrespondence("BURST_PIPE", "telephone", "Water in the street")
        )
        locate.locate_at_point(
            connection, state.id, state.row_version, ORIGIN_X + 50, ORIGIN_Y + 50, 32734
        )
        (task,) = tasks.tasks_of(connection, state.id)
        tasks.assign(connection, task.id, task.row_version, team_id=used.id)
    with pytest.raises(ValidationError) as refused, engine.begin() as connection:
        teams.delete_team(connection, used.id, used)
    assert "1 task(s) were assigned to it" in str(refused.value)
    with engine.begin() as connection:
        teams.delete_team(connection, spare.id, spare)
        assert [t.name for t in teams.list_teams(connection)] == ["Leak crew"]


# --------------------------------------------------------------------------- SLA policies


def _policy(name: str, calendar_id: int, **values) -> PolicyInput:
    return PolicyInput(name, 120, 960, "business", calendar_id, **values)


def test_a_policy_edit_renews_the_configuration_and_the_worker_recomputes(engine: Engine) -> None:
    with engine.begin() as connection:
        state = register.log_correspondence(
            connection, NewCorrespondence("POTHOLE", "telephone", "Deep hole in the road")
        )
        locate.locate_at_point(
            connection, state.id, state.row_version, ORIGIN_X + 50, ORIGIN_Y + 50, 32734
        )
    escalation.recompute_if_configuration_changed(engine.begin)  # settled
    with engine.connect() as connection:
        office = _id(connection, "business_calendar", "code", "OFFICE")
        version = sla.configuration_version(connection)
        due_before = _due(connection, state.id)

    with engine.begin() as connection:
        created = sla_policies.create_policy(
            connection,
            _policy(" Potholes: 2 hours, 16 working hours ",
                    office, category_id=_id(connection, "category", "code", "POTHOLE")),
        )  # fmt: skip
    assert created.name == "Potholes: 2 hours, 16 working hours"
    with engine.connect() as connection:
        assert sla.configuration_version(connection) != version
        assert created.id in {p.id for p in sla.load_configuration(connection).policies}

    assert escalation.recompute_if_configuration_changed(engine.begin) >= 1
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT sla_policy_id FROM imis.correspondence WHERE id = :id"), {"id": state.id}
        ).one()
        assert row.sla_policy_id == created.id
        assert _due(connection, state.id) < due_before  # 16 working hours, not 5 days

    with engine.begin() as connection:
        off = sla_policies.deactivate_policy(connection, created.id, created)
    assert not off.is_active
    with engine.connect() as connection:
        assert created.id not in {p.id for p in sla.load_configuration(connection).policies}


def _due(connection, item_id: int):
    return connection.execute(
        text("SELECT resolution_due_at FROM imis.correspondence WHERE id = :id"), {"id": item_id}
    ).scalar_one()


def test_bad_policies_are_refused_and_nothing_is_saved(engine: Engine) -> None:
    with engine.connect() as connection:
        office = _id(connection, "business_calendar", "code", "OFFICE")
        version = sla.configuration_version(connection)
        general = next(
            p for p in sla_policies.list_policies(connection) if p.classification is None
        )
    before = _count(engine, "sla_policy")
    cases = [
        (PolicyInput("Backwards", 600, 60, "calendar"), {"resolution_minutes"}, "shorter"),
        (PolicyInput("No calendar", 60, 600, "business"), {"calendar"}, "calendar"),
        (PolicyInput("", 0, 600, "calendar"), {"name", "response_minutes"}, "give a name"),
        (_policy("Risky", office, at_risk_percent=100), {"at_risk_percent"}, "1 to 99"),
        (_policy("Half repeat", office, repeat_count=3), {"repeat_window_days"}, "both"),
        (_policy("Paused", office, pause_statuses=("logged",)), {"pause_statuses"}, "logged"),
        (_policy(general.name, office, priority=2), {"name"}, "called"),
        (_policy("Same scope as the general one", office), {"scope"}, general.name),
    ]
    for policy, fields, said in cases:
        with pytest.raises(ValidationError) as refused, engine.begin() as connection:
            sla_policies.create_policy(connection, policy)
        assert _fields(refused.value) == fields, refused.value
        assert said in str(refused.value)
    assert _count(engine, "sla_policy") == before
    with engine.connect() as connection:
        assert sla.configuration_version(connection) == version

    # An edit of the general policy with a bad value leaves it as it was.
    bad = PolicyInput(**{**general.as_input().__dict__, "response_minutes": -5})
    with pytest.raises(ValidationError), engine.begin() as connection:
        sla_policies.update_policy(connection, general.id, general, bad)
    with engine.connect() as connection:
        assert sla_policies.get_policy(connection, general.id) == general


# -------------------------------------------------------------------- templates and lists


def test_policies_are_listed_active_first_and_a_missing_reference_is_named_first(
    engine: Engine,
) -> None:
    with engine.begin() as connection:
        office = _id(connection, "business_calendar", "code", "OFFICE")
        pothole = _id(connection, "category", "code", "POTHOLE")
        made = sla_policies.create_policy(
            connection, _policy("Potholes, briefly", office, category_id=pothole)
        )
        sla_policies.deactivate_policy(connection, made.id, made)
        listed = sla_policies.list_policies(connection)
    assert made.id in {p.id for p in listed}  # inactive ones are listed too, after the rest
    assert [p.is_active for p in listed] == sorted((p.is_active for p in listed), reverse=True)
    # A category that does not exist is said before the values' own problems.
    with pytest.raises(ValidationError) as refused, engine.begin() as connection:
        sla_policies.create_policy(connection, _policy("", office, category_id=999_999))
    assert _fields(refused.value) == {"category"}
    assert "there is no category with id 999999" in str(refused.value)


def test_a_rule_names_its_task_kind_problems_as_before() -> None:
    def said(kinds: tuple[str, ...]) -> list[tuple[str, str]]:
        return [(p.field, p.message) for p in RuleInput(1, 2, task_kinds=kinds).problems()]

    assert said(()) == [("task_kinds", "name at least one kind of task, e.g. repair")]
    assert said(("repair", "dig", "bore")) == [
        (
            "task_kinds",
            "unknown task kind 'bore', 'dig'; "
            "use inspection, repair, replacement, cleaning, investigation",
        )
    ]
    assert said(("repair",) * 6) == [("task_kinds", "a rule creates at most 5 tasks")]
    assert said(("inspection", "repair")) == []


def test_templates_are_listed_and_saved_through_the_outbox_rules(engine: Engine) -> None:
    with engine.connect() as connection:
        seeded = configuration.list_templates(connection)
    assert len(seeded) == _count(engine, "message_template") > 10
    with engine.begin() as connection:
        outbox.save_template(
            connection, "acknowledgement", "dispute", "en", "sms", "", "City: $reference logged."
        )
    with engine.connect() as connection:
        listed = configuration.list_templates(connection)
    assert len(listed) == len(seeded) + 1
    assert any(t.classification == "dispute" and t.channel == "sms" for t in listed)
    with pytest.raises(ValidationError), engine.begin() as connection:
        outbox.save_template(connection, "acknowledgement", None, "en", "sms", "", "  ")
    assert _count(engine, "message_template") == len(listed)


def test_value_lists_offer_the_real_rows(engine: Engine) -> None:
    with engine.connect() as connection:
        assert "Burst pipe (BURST_PIPE)" in [
            o.label for o in configuration.options(connection, "categories")
        ]
        assert [o.label for o in configuration.options(connection, "wards")] == ["Ward 7"]
        artisans = configuration.options(connection, "artisans")
        assert "Gert Weg (WATER)" not in [o.label for o in artisans]  # no longer active
        assert {o.group for o in artisans} == {"WATER", "ROADS"}
        with pytest.raises(ValueError):
            configuration.options(connection, "passwords")


def test_administrators_edit_configuration_and_desks_may_not(
    engine: Engine, staffed_register: ConnectionSettings, cluster, desk_login
) -> None:
    admin = create_db_engine(login_settings(_login_in(cluster, "imis_admin"), staffed_register))
    desk = create_db_engine(login_settings(desk_login, staffed_register))
    try:
        with admin.begin() as connection:
            water = _id(connection, "department", "code", "WATER")
            crew = teams.create_team(
                connection,
                TeamInput(water, "Leak crew", (_id(connection, "staff", "role_name", "ayanda"),)),
            )
            routing_rules.create_routing_rule(
                connection,
                RuleInput(
                    _id(connection, "category", "code", "BURST_PIPE"),
                    water,
                    default_team_id=crew.id,
                ),
            )
        before = (_count(engine, "routing_rule"), _count(engine, "team"))
        with pytest.raises(ProgrammingError, match="permission denied"), desk.begin() as connection:
            teams.create_team(connection, TeamInput(water, "Desk crew"))
        assert (_count(engine, "routing_rule"), _count(engine, "team")) == before
    finally:
        admin.dispose()
        desk.dispose()


def test_team_and_crew_changes_are_audited_with_the_team_id(engine: Engine) -> None:
    with engine.begin() as connection:
        water = _id(connection, "department", "code", "WATER")
        ayanda, bongani = (_id(connection, "staff", "role_name", r) for r in ("ayanda", "bongani"))
        team = teams.create_team(connection, TeamInput(water, "Valve crew", (ayanda,)))
    with engine.begin() as connection:
        teams.update_team(connection, team.id, team, TeamInput(water, "Valve team", (bongani,)))
    with engine.connect() as connection:
        audited = connection.execute(
            text(
                "SELECT table_name, operation, old_row ->> 'name', new_row ->> 'name', "
                "coalesce(new_row, old_row) ->> 'staff_id' FROM imis.audit_log "
                "WHERE table_name IN ('team', 'team_member') AND row_id = :team ORDER BY id"
            ),
            {"team": team.id},
        ).all()
    assert [tuple(r) for r in audited] == [
        ("team", "INSERT", None, "Valve crew", None),
        ("team_member", "INSERT", None, None, str(ayanda)),
        ("team", "UPDATE", "Valve crew", "Valve team", None),
        ("team_member", "DELETE", None, None, str(ayanda)),
        ("team_member", "INSERT", None, None, str(bongani)),
    ]
