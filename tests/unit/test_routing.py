"""Routing rules, the tasks an item gets, and the dispatch board's scheduling order."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from imis_customer_plugin.core.errors import ValidationError
from imis_customer_plugin.core.routing import (
    MAX_STEPS,
    RoutingRule,
    SchedulingKey,
    TaskPlan,
    check_kinds,
    choose_rule,
    default_task_kinds,
    in_scheduling_order,
    plan_tasks,
)

PIPE, POTHOLE = 7, 8
WARD, OTHER_WARD, SUBURB = 3, 4, 9
WATER, WATER_NORTH, WATER_MOWBRAY = 1, 2, 3


def rule(rule_id: int, **fields) -> RoutingRule:
    return RoutingRule(id=rule_id, **{"category_id": PIPE, "department_id": WATER, **fields})


CITY = rule(1)
IN_WARD = rule(2, ward_id=WARD, department_id=WATER_NORTH, default_staff_id=40)
IN_SUBURB = rule(3, suburb_id=SUBURB, department_id=WATER_MOWBRAY)
RULES = [CITY, IN_WARD, IN_SUBURB, rule(4, category_id=POTHOLE, department_id=99)]


@pytest.mark.parametrize(
    ("category", "ward", "suburb", "expected"),
    [
        (PIPE, None, None, CITY),  # no zone known: the city-wide rule
        (PIPE, OTHER_WARD, None, CITY),
        (PIPE, WARD, None, IN_WARD),  # a ward rule beats the city-wide one
        (PIPE, WARD, SUBURB, IN_SUBURB),  # a suburb rule beats the ward rule
        (PIPE, OTHER_WARD, SUBURB, IN_SUBURB),
        (12, WARD, SUBURB, None),  # no rule for the category
    ],
)
def test_the_most_specific_active_rule_wins(category, ward, suburb, expected) -> None:
    assert choose_rule(RULES, category, ward, suburb) == expected
    assert choose_rule(reversed(RULES), category, ward, suburb) == expected  # order is no input


def test_inactive_rules_do_not_count() -> None:
    dormant = rule(5, ward_id=WARD, department_id=77, is_active=False)
    assert choose_rule([CITY, dormant], PIPE, WARD, SUBURB) == CITY
    assert choose_rule([dormant], PIPE, WARD, SUBURB) is None


def test_a_rule_naming_ward_and_suburb_needs_both() -> None:
    both = rule(6, ward_id=WARD, suburb_id=SUBURB, department_id=55)
    assert choose_rule([IN_SUBURB, both], PIPE, WARD, SUBURB) == both
    assert choose_rule([IN_SUBURB, both], PIPE, OTHER_WARD, SUBURB) == IN_SUBURB


@pytest.mark.parametrize(
    ("classification", "kinds"),
    [
        ("complaint", ("repair",)),
        ("query", ("investigation",)),
        ("dispute", ("investigation",)),
        ("compliment", ()),
    ],
)
def test_default_kinds_by_classification(classification, kinds) -> None:
    assert default_task_kinds(classification) == kinds


def test_an_unknown_classification_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown classification 'rant'"):
        default_task_kinds("rant")


def test_a_plan_comes_from_the_rule_else_the_items_department() -> None:
    two_step = rule(7, task_kinds=("inspection", "repair"), default_team_id=5)
    assert plan_tasks(two_step, "complaint", WATER_NORTH) == TaskPlan(
        WATER, ("inspection", "repair"), None, 5, 7
    )
    assert plan_tasks(IN_WARD, "query", WATER) == TaskPlan(WATER_NORTH, ("repair",), 40, None, 2)
    assert plan_tasks(None, "dispute", 12) == TaskPlan(12, ("investigation",))
    assert plan_tasks(IN_WARD, "compliment", 12) == TaskPlan(12, ())  # never field work


def test_a_default_staff_member_wins_over_a_default_team() -> None:
    both = rule(8, default_staff_id=40, default_team_id=5)
    plan = plan_tasks(both, "complaint", WATER)
    assert (plan.staff_id, plan.team_id) == (40, None)


def test_kinds_to_add_are_checked() -> None:
    assert check_kinds([" repair ", "cleaning"], 1) == ("repair", "cleaning")
    with pytest.raises(ValidationError, match="at least one"):
        check_kinds([], 1)
    with pytest.raises(ValidationError, match=r"unknown task kind 'dig'.*use inspection, repair"):
        check_kinds(["repair", "dig"], 1)
    assert check_kinds(["repair"], MAX_STEPS - 1) == ("repair",)
    with pytest.raises(ValidationError, match=f"at most {MAX_STEPS} tasks; it has 19, 2 more"):
        check_kinds(["repair", "repair"], MAX_STEPS - 1)


def _at(day: int, hour: int = 8) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, tzinfo=dt.timezone.utc)


def test_scheduling_order_is_priority_zone_due_time_then_id() -> None:
    expected = [
        SchedulingKey(1, 3, _at(30), 9),  # the most urgent priority first, whatever else
        SchedulingKey(2, 1, _at(28), 8),  # then the zone served first
        SchedulingKey(2, 2, _at(20), 7),  # then the earliest due time
        SchedulingKey(2, 2, _at(21), 3),
        SchedulingKey(2, 2, _at(21), 4),  # same due time: created first
        SchedulingKey(2, 2, None, 1),  # no due time: after every due time
        SchedulingKey(2, 2, None, 2),
        SchedulingKey(2, 3, _at(19), 5),
        SchedulingKey(4, 1, _at(1), 6),
    ]
    shuffled = expected[:]
    random.Random(5).shuffle(shuffled)
    assert in_scheduling_order(shuffled) == expected


def test_the_key_is_the_keyset_of_the_next_page() -> None:
    key = SchedulingKey(*(2, 3, None, 17))
    assert (key.priority, key.zone_priority, key.due_at, key.id) == (2, 3, None, 17)
    assert key.sort_value() < SchedulingKey(2, 4, _at(1), 1).sort_value()
