"""The workflow rules, without a database."""

from __future__ import annotations

import datetime as dt

import pytest

from imis_customer_plugin.core.correspondence import NewCorrespondence
from imis_customer_plugin.core.workflow import (
    OPEN_STATUSES,
    RULES,
    Action,
    ActionInput,
    Classification,
    Status,
    WorkflowError,
    allowed_actions,
    plan_transition,
)

TODAY = dt.date(2026, 11, 20)


def test_every_seed_status_is_reachable_for_complaints() -> None:
    reachable = {Status.LOGGED}
    frontier = [Status.LOGGED]
    while frontier:
        status = frontier.pop()
        for action in allowed_actions(Classification.COMPLAINT, status):
            target = RULES[Classification.COMPLAINT][action].target
            if target not in reachable:
                reachable.add(target)
                frontier.append(target)
    assert reachable == set(Status)


def test_no_open_status_is_a_dead_end() -> None:
    for classification in Classification:
        for status in OPEN_STATUSES:
            reachable_here = any(status in t.sources for t in RULES[classification].values())
            if reachable_here:
                assert allowed_actions(classification, status), (classification, status)


def test_compliments_only_get_acknowledged() -> None:
    assert allowed_actions(Classification.COMPLIMENT, Status.LOGGED) == [
        Action.LOCATE,
        Action.ACKNOWLEDGE,
    ]
    assert allowed_actions(Classification.COMPLIMENT, Status.CLOSED) == []


def test_disputes_are_never_deferred() -> None:
    for status in Status:
        assert Action.DEFER not in allowed_actions(Classification.DISPUTE, status)


def test_queries_close_at_first_contact_with_an_answer() -> None:
    with pytest.raises(WorkflowError, match="needs the resolution"):
        plan_transition(Classification.QUERY, Status.LOGGED, Action.CLOSE, ActionInput(), TODAY)
    answered = ActionInput(resolution="Explained")
    assert (
        plan_transition(Classification.QUERY, Status.LOGGED, Action.CLOSE, answered, TODAY)
        is Status.CLOSED
    )


def test_refusal_lists_what_is_allowed_now() -> None:
    with pytest.raises(WorkflowError, match=r"Allowed now: start, pend, defer"):
        plan_transition(
            Classification.COMPLAINT, Status.ASSIGNED, Action.CLOSE, ActionInput(), TODAY
        )


def test_deferral_needs_a_future_date_and_a_reason() -> None:
    with pytest.raises(WorkflowError, match="a date to defer until, a reason"):
        plan_transition(
            Classification.COMPLAINT, Status.IN_PROGRESS, Action.DEFER, ActionInput(), TODAY
        )
    with pytest.raises(WorkflowError, match="after today"):
        plan_transition(
            Classification.COMPLAINT,
            Status.IN_PROGRESS,
            Action.DEFER,
            ActionInput(reason="parts", until=TODAY),
            TODAY,
        )


def test_blank_inputs_do_not_count_as_given() -> None:
    assert ActionInput(reason="   ", resolution="\n").provided() == frozenset()


@pytest.mark.parametrize(
    ("fields", "problem_fields"),
    [
        ({}, []),
        ({"description": ""}, ["description"]),
        ({"channel": "fax"}, ["channel"]),
        ({"is_internal": True}, ["channel"]),
        ({"is_internal": True, "channel": "internal"}, []),
        ({"category_code": " ", "priority": 0}, ["category", "priority"]),
    ],
)
def test_new_correspondence_names_each_bad_field(fields, problem_fields) -> None:
    request = NewCorrespondence(
        **{"category_code": "POTHOLE", "channel": "sms", "description": "Hole"} | fields
    )
    assert [p.field for p in request.problems()] == problem_fields
