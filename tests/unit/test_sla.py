"""SLA policies: which one applies, due times of both targets, at-risk moment, state."""

from __future__ import annotations

import datetime as dt

import pytest

from imis_customer_plugin.core.sla import (
    Clock,
    SlaHistory,
    SlaPolicy,
    SlaState,
    SlaSubject,
    choose_policy,
    pauses_from,
    sla_state,
    sla_times,
)
from imis_customer_plugin.core.sla_calendar import SAST, BusinessCalendar, CalendarHours

H = dt.timedelta(hours=1)
OFFICE = BusinessCalendar.south_africa([2026])
WORKING_DAY = dt.timedelta(hours=8, minutes=30)


def sast(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SAST)


def policy(policy_id: int = 1, **criteria) -> SlaPolicy:
    defaults = {"name": f"p{policy_id}", "response": WORKING_DAY, "resolution": 5 * WORKING_DAY}
    return SlaPolicy(id=policy_id, **{**defaults, **criteria})


PIPE = SlaSubject("complaint", category_id=7, priority=2, ward_id=3, suburb_id=9)


def test_the_most_specific_matching_policy_wins() -> None:
    general = policy(1)
    complaints = policy(2, classification="complaint")
    urgent = policy(3, classification="complaint", priority=2)
    ward = policy(4, ward_id=3)
    pipes = policy(5, category_id=7)
    other_ward = policy(6, ward_id=4, category_id=7, suburb_id=9)
    assert choose_policy([general], PIPE) is general
    assert choose_policy([general, complaints, urgent], PIPE) is urgent
    assert choose_policy([general, urgent, ward], PIPE) is ward  # a zone outranks a priority
    assert choose_policy([ward, pipes], PIPE) is pipes  # a category outranks a zone
    assert choose_policy([pipes, other_ward], PIPE) is pipes  # 6 names the wrong ward
    assert choose_policy([other_ward], PIPE) is None


def test_a_policy_refuses_targets_that_make_no_sense() -> None:
    with pytest.raises(ValueError, match="response target"):
        policy(response=2 * H, resolution=H)
    with pytest.raises(ValueError, match="at risk"):
        policy(at_risk_percent=100)


def test_due_times_of_a_complaint_logged_friday_afternoon_before_a_holiday() -> None:
    # Monday 10 August 2026 is Women's Day observed (9 August is a Sunday).
    history = SlaHistory(logged_at=sast(2026, 8, 7, 16, 0), status="assigned")
    times = sla_times(policy(), OFFICE, history)
    assert times.response_due == sast(2026, 8, 11, 16, 0)  # Fri 30 min + Tue 8 h
    assert times.resolution_due == sast(2026, 8, 17, 16, 0)
    assert times.breach_at == times.response_due
    # 75 % of 8.5 h = 6 h 22.5 min: Friday's 30 min, then Tuesday 08:00 + 5 h 52.5 min.
    assert times.at_risk_at == sast(2026, 8, 11, 13, 52, 30)


def test_once_responded_the_resolution_target_is_the_next_deadline() -> None:
    history = SlaHistory(
        logged_at=sast(2026, 8, 7, 16, 0), status="in_progress",
        responded_at=sast(2026, 8, 11, 9, 0),
    )  # fmt: skip
    times = sla_times(policy(), OFFICE, history)
    assert times.breach_at == times.resolution_due == sast(2026, 8, 17, 16, 0)


def test_time_spent_deferred_does_not_count() -> None:
    logged = sast(2026, 11, 2, 8, 0)  # a Monday
    changes = [
        (logged, "assigned"),
        (sast(2026, 11, 2, 12, 0), "deferred"),
        (sast(2026, 11, 4, 12, 0), "in_progress"),  # 17 working hours later
    ]
    history = SlaHistory(logged_at=logged, status="in_progress", status_changes=changes)
    times = sla_times(policy(), OFFICE, history)
    assert times.resolution_due == sast(2026, 11, 10, 16, 30)  # Friday 6th 16:30 + 17 h


def test_while_deferred_there_is_no_deadline_and_the_state_is_paused() -> None:
    logged = sast(2026, 11, 2, 8, 0)
    changes = [(logged, "assigned"), (sast(2026, 11, 2, 9, 0), "deferred")]
    history = SlaHistory(
        logged_at=logged, status="deferred", status_changes=changes,
        responded_at=sast(2026, 11, 2, 9, 0),
    )  # fmt: skip
    times = sla_times(policy(), OFFICE, history)
    assert times.resolution_due is None and times.breach_at is None
    now = sast(2026, 12, 1, 12, 0)
    assert sla_state(policy(), times, history, now) is SlaState.PAUSED


def test_pending_pauses_only_when_the_policy_says_so() -> None:
    changes = [(sast(2026, 11, 2, 9, 0), "pending"), (sast(2026, 11, 3, 9, 0), "in_progress")]
    assert pauses_from(changes, frozenset({"deferred"})) == []
    assert pauses_from(changes, frozenset({"deferred", "pending"})) == [
        (sast(2026, 11, 2, 9, 0), sast(2026, 11, 3, 9, 0))
    ]


def test_reopen_restarts_the_resolution_clock_by_policy() -> None:
    reopened = sast(2026, 11, 16, 10, 0)
    history = SlaHistory(
        logged_at=sast(2026, 11, 2, 8, 0), status="reopened",
        responded_at=sast(2026, 11, 2, 9, 0), reopened_at=reopened,
    )  # fmt: skip
    restarting = sla_times(policy(), OFFICE, history)
    assert restarting.started_at == reopened
    assert restarting.resolution_due == sast(2026, 11, 23, 10, 0)
    keeping = sla_times(policy(reopen_restarts=False), OFFICE, history)
    assert keeping.resolution_due == sast(2026, 11, 6, 16, 30)


def test_calendar_hours_count_nights_and_holidays() -> None:
    urgent = policy(response=2 * H, resolution=24 * H, clock=Clock.CALENDAR)
    history = SlaHistory(logged_at=sast(2026, 8, 7, 23, 0), status="assigned")
    times = sla_times(urgent, CalendarHours(), history)
    assert times.response_due == sast(2026, 8, 8, 1, 0)
    assert times.resolution_due == sast(2026, 8, 8, 23, 0)


def test_state_keeps_what_the_sweep_set_while_it_holds_and_never_sets_it_itself() -> None:
    p = policy()
    history = SlaHistory(logged_at=sast(2026, 8, 7, 16, 0), status="assigned")
    times = sla_times(p, OFFICE, history)
    late = sast(2026, 8, 12, 9, 0)
    assert sla_state(p, times, history, late) is SlaState.ON_TIME  # the sweep breaches it
    assert sla_state(p, times, history, late, SlaState.BREACHED) is SlaState.BREACHED
    relaxed = sla_times(policy(response=5 * WORKING_DAY), OFFICE, history)
    assert sla_state(p, relaxed, history, late, SlaState.BREACHED) is SlaState.ON_TIME


def test_met_or_missed_once_resolved() -> None:
    p = policy()
    logged = sast(2026, 8, 7, 16, 0)
    on_time = SlaHistory(
        logged_at=logged, status="resolved", responded_at=sast(2026, 8, 11, 9, 0),
        resolved_at=sast(2026, 8, 14, 9, 0),
    )  # fmt: skip
    assert sla_state(p, sla_times(p, OFFICE, on_time), on_time, logged) is SlaState.MET
    slow_reply = SlaHistory(
        logged_at=logged, status="resolved", responded_at=sast(2026, 8, 12, 9, 0),
        resolved_at=sast(2026, 8, 14, 9, 0),
    )  # fmt: skip
    assert sla_state(p, sla_times(p, OFFICE, slow_reply), slow_reply, logged) is SlaState.MISSED
