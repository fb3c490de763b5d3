"""SLA calendar maths: business hours in SAST, South African holidays, special days, pauses."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imis_customer_plugin.core.sla_calendar import (
    ALL_DAY,
    CLOSED,
    SAST,
    UTC,
    BusinessCalendar,
    CalendarHours,
    Window,
)

H = dt.timedelta(hours=1)
SA = BusinessCalendar.south_africa([2025, 2026, 2027, 2028])


def sast(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SAST)


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


# --- the holidays the cases below rely on really are South African public holidays ---


def test_seeded_holidays_are_the_real_2026_ones() -> None:
    for day in ["2026-04-03", "2026-04-06", "2026-04-27", "2026-08-10", "2026-09-24"]:
        assert dt.date.fromisoformat(day) in SA.holidays
    assert dt.date(2026, 4, 2) not in SA.holidays


# --- add_business_time ---


def test_within_one_day() -> None:
    assert SA.add_business_time(sast(2026, 3, 10, 9, 0), 3 * H) == sast(2026, 3, 10, 12, 0)


def test_result_is_utc() -> None:
    due = SA.add_business_time(sast(2026, 3, 10, 9, 0), 3 * H)
    assert due.utcoffset() == dt.timedelta(0)
    assert due == utc(2026, 3, 10, 10, 0)


def test_utc_input_is_read_in_sast() -> None:
    # 06:30 UTC is 08:30 SAST: half an hour into the working day already.
    assert SA.add_business_time(utc(2026, 3, 10, 6, 30), 8.5 * H) == sast(2026, 3, 11, 8, 30)


def test_overnight_carries_to_next_morning() -> None:
    # Tuesday 15:00 + 4 h: 1.5 h on Tuesday, 2.5 h on Wednesday.
    assert SA.add_business_time(sast(2026, 3, 10, 15, 0), 4 * H) == sast(2026, 3, 11, 10, 30)


def test_start_before_opening_begins_at_opening() -> None:
    assert SA.add_business_time(sast(2026, 3, 10, 5, 0), 2 * H) == sast(2026, 3, 10, 10, 0)


def test_start_after_closing_begins_next_opening() -> None:
    assert SA.add_business_time(sast(2026, 3, 10, 20, 0), 2 * H) == sast(2026, 3, 11, 10, 0)


def test_landing_on_closing_time_stays_there() -> None:
    assert SA.add_business_time(sast(2026, 3, 10, 8, 0), 8.5 * H) == sast(2026, 3, 10, 16, 30)


def test_weekend_is_skipped() -> None:
    # Friday 2026-03-13 15:00 + 3 h -> 1.5 h Friday, 1.5 h Monday.
    assert SA.add_business_time(sast(2026, 3, 13, 15, 0), 3 * H) == sast(2026, 3, 16, 9, 30)


def test_start_on_saturday_begins_monday() -> None:
    assert SA.add_business_time(sast(2026, 3, 14, 11, 0), H) == sast(2026, 3, 16, 9, 0)


def test_friday_1600_before_freedom_day_monday() -> None:
    # Friday 2026-04-24 16:00 + 8 h: 0.5 h Friday; Mon 27 April is Freedom Day; 7.5 h Tuesday.
    assert SA.add_business_time(sast(2026, 4, 24, 16, 0), 8 * H) == sast(2026, 4, 28, 15, 30)


def test_thursday_1600_before_easter_long_weekend() -> None:
    # Good Friday 3 April and Family Day 6 April 2026: Thursday 16:00 + 8 h -> Tuesday 15:30.
    assert SA.add_business_time(sast(2026, 4, 2, 16, 0), 8 * H) == sast(2026, 4, 7, 15, 30)


def test_day_before_heritage_day_thursday() -> None:
    # Wednesday 2026-09-23 16:00, Heritage Day Thursday 24 -> Friday 25 September 15:30.
    assert SA.add_business_time(sast(2026, 9, 23, 16, 0), 8 * H) == sast(2026, 9, 25, 15, 30)


def test_observed_holiday_monday_is_closed() -> None:
    # Women's Day 2026 falls on a Sunday; Monday 10 August is the observed holiday.
    assert SA.add_business_time(sast(2026, 8, 7, 16, 30), H) == sast(2026, 8, 11, 9, 0)


def test_zero_duration_returns_start_unchanged() -> None:
    start = sast(2026, 3, 14, 23, 0)
    assert SA.add_business_time(start, dt.timedelta(0)) == start


def test_long_duration_spans_weeks() -> None:
    # 10 working days of 8.5 h from Monday 2026-03-02 08:00; Human Rights Day is a Saturday.
    assert SA.add_business_time(sast(2026, 3, 2, 8, 0), 85 * H) == sast(2026, 3, 13, 16, 30)


# --- special days ---


def test_special_day_closed() -> None:
    cal = BusinessCalendar.south_africa([2026], special_days={dt.date(2026, 3, 11): CLOSED})
    assert cal.add_business_time(sast(2026, 3, 10, 16, 0), H) == sast(2026, 3, 12, 8, 30)


def test_special_day_other_hours() -> None:
    short = (Window.of("10:00", "12:00"),)
    cal = BusinessCalendar.south_africa([2026], special_days={dt.date(2026, 3, 11): short})
    assert cal.add_business_time(sast(2026, 3, 10, 16, 0), 3 * H) == sast(2026, 3, 12, 8, 30)
    assert cal.add_business_time(sast(2026, 3, 11, 8, 0), H) == sast(2026, 3, 11, 11, 0)


def test_special_day_all_day_overrides_holiday_and_weekend() -> None:
    cal = BusinessCalendar.south_africa(
        [2026], special_days={dt.date(2026, 4, 3): ALL_DAY, dt.date(2026, 4, 4): ALL_DAY}
    )
    # Thursday 16:00 + 0.5 h closes Thursday; Good Friday runs 24 h into Saturday 24 h.
    assert cal.add_business_time(sast(2026, 4, 2, 16, 0), 30 * H) == sast(2026, 4, 4, 5, 30)
    assert cal.business_time_between(sast(2026, 4, 3), sast(2026, 4, 5)) == 48 * H


def test_split_day_with_lunch_break() -> None:
    split = (Window.of("08:00", "12:00"), Window.of("13:00", "17:00"))
    cal = BusinessCalendar(weekly={d: split for d in range(5)})
    assert cal.add_business_time(sast(2026, 3, 10, 11, 0), 2 * H) == sast(2026, 3, 10, 14, 0)
    assert cal.business_time_between(sast(2026, 3, 10, 11), sast(2026, 3, 10, 14)) == 2 * H


def test_24_7_calendar_matches_calendar_hours() -> None:
    cal = BusinessCalendar(weekly={d: ALL_DAY for d in range(7)})
    start = sast(2026, 3, 13, 22, 15)
    assert cal.add_business_time(start, 50 * H) == CalendarHours().add_business_time(start, 50 * H)


# --- business_time_between ---


def test_between_over_weekend_and_holiday() -> None:
    assert SA.business_time_between(sast(2026, 4, 2, 16, 0), sast(2026, 4, 7, 9, 0)) == 1.5 * H


def test_between_outside_hours_is_zero() -> None:
    assert SA.business_time_between(sast(2026, 3, 14, 9), sast(2026, 3, 15, 18)) == dt.timedelta()


def test_between_reversed_is_zero() -> None:
    assert SA.business_time_between(sast(2026, 3, 11), sast(2026, 3, 10)) == dt.timedelta()


# --- pauses ---


def test_elapsed_without_pauses_equals_between() -> None:
    start, end = sast(2026, 3, 10, 9), sast(2026, 3, 12, 11)
    assert SA.elapsed_business_time(start, end, []) == SA.business_time_between(start, end)


def test_deferred_interval_is_not_counted() -> None:
    # Tuesday 09:00 to Thursday 11:00 is 2 + 7.5 + 8.5 + ... = 19 h; deferred all Wednesday.
    start, end = sast(2026, 3, 10, 9), sast(2026, 3, 12, 11)
    assert SA.business_time_between(start, end) == 19 * H
    pauses = [(sast(2026, 3, 11, 0), sast(2026, 3, 12, 0))]
    assert SA.elapsed_business_time(start, end, pauses) == 10.5 * H


def test_overlapping_pauses_are_counted_once_and_clipped() -> None:
    start, end = sast(2026, 3, 10, 9), sast(2026, 3, 10, 15)
    pauses = [
        (sast(2026, 3, 10, 10), sast(2026, 3, 10, 12)),
        (sast(2026, 3, 10, 11), sast(2026, 3, 10, 13)),
        (sast(2026, 3, 10, 6), sast(2026, 3, 10, 9, 30)),  # starts before the clock
        (sast(2026, 3, 10, 14, 30), None),  # still deferred
    ]
    assert SA.elapsed_business_time(start, end, pauses) == 2 * H


def test_due_time_is_pushed_back_by_pause() -> None:
    start = sast(2026, 3, 10, 9)
    pauses = [(sast(2026, 3, 10, 10), sast(2026, 3, 11, 10))]  # 8.5 business hours paused
    assert SA.due_time(start, 4 * H) == sast(2026, 3, 10, 13)
    assert SA.due_time(start, 4 * H, pauses) == sast(2026, 3, 11, 13)


def test_due_time_unknown_while_still_paused() -> None:
    start = sast(2026, 3, 10, 9)
    assert SA.due_time(start, 4 * H, [(sast(2026, 3, 10, 10), None)]) is None
    # ...but known when the target is reached before the open pause starts.
    assert SA.due_time(start, H, [(sast(2026, 3, 10, 10), None)]) == sast(2026, 3, 10, 10)


def test_calendar_hours_with_pauses() -> None:
    clock = CalendarHours()
    start = sast(2026, 3, 13, 16)
    pauses = [(sast(2026, 3, 14, 0), sast(2026, 3, 14, 6))]
    assert clock.elapsed_business_time(start, sast(2026, 3, 14, 16), pauses) == 18 * H
    assert clock.due_time(start, 24 * H, pauses) == sast(2026, 3, 14, 22)
    assert clock.business_time_between(start, start - H) == dt.timedelta()


# --- bad input ---


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        SA.add_business_time(dt.datetime(2026, 3, 10, 9), H)


def test_negative_duration_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        SA.add_business_time(sast(2026, 3, 10, 9), -H)


@pytest.mark.parametrize(
    ("opens", "closes"), [("16:30", "08:00"), ("08:00", "08:00"), ("00:00", "25:00")]
)
def test_bad_window_is_refused(opens: str, closes: str) -> None:
    with pytest.raises(ValueError, match="within one day"):
        Window.of(opens, closes)


def test_unparsable_time_is_refused() -> None:
    with pytest.raises(ValueError, match="08:00"):
        Window.of("8h", "16:30")


def test_overlapping_windows_are_refused() -> None:
    with pytest.raises(ValueError, match="not overlap"):
        BusinessCalendar(weekly={0: (Window.of("08:00", "12:00"), Window.of("11:00", "13:00"))})


def test_calendar_without_working_days_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one weekday"):
        BusinessCalendar(weekly={})


def test_bad_weekday_is_refused() -> None:
    with pytest.raises(ValueError, match="Weekdays"):
        BusinessCalendar(weekly={7: ALL_DAY})


# --- properties ---

RICH = BusinessCalendar.south_africa(
    [2025, 2026, 2027, 2028],
    weekly={
        **{d: (Window.of("07:30", "12:00"), Window.of("12:45", "16:30")) for d in range(5)},
        5: (Window.of("08:00", "12:00"),),
    },
    special_days={
        dt.date(2026, 4, 3): ALL_DAY,
        dt.date(2026, 4, 4): ALL_DAY,
        dt.date(2026, 6, 15): CLOSED,
        dt.date(2026, 12, 24): (Window.of("08:00", "11:00"),),
    },
)
calendars = st.sampled_from([SA, RICH])
starts = st.datetimes(
    min_value=dt.datetime(2026, 1, 1), max_value=dt.datetime(2027, 6, 30), timezones=st.just(UTC)
)
durations = st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(hours=300))
positive = st.timedeltas(min_value=dt.timedelta(microseconds=1), max_value=dt.timedelta(hours=300))
pauses = st.lists(
    st.tuples(starts, st.one_of(st.none(), durations)).map(
        lambda p: (p[0], None if p[1] is None else p[0] + p[1])
    ),
    max_size=4,
)


@settings(max_examples=300, deadline=None)
@given(calendars, starts, durations)
def test_adding_then_measuring_returns_the_duration(
    cal: BusinessCalendar, start: dt.datetime, duration: dt.timedelta
) -> None:
    assert cal.business_time_between(start, cal.add_business_time(start, duration)) == duration


@settings(max_examples=300, deadline=None)
@given(calendars, starts, starts, durations, durations)
def test_due_time_is_monotone_in_start_and_duration(
    cal: BusinessCalendar, a: dt.datetime, b: dt.datetime, d1: dt.timedelta, d2: dt.timedelta
) -> None:
    a, b = sorted([a, b])
    d1, d2 = sorted([d1, d2])
    assert cal.add_business_time(a, d1) <= cal.add_business_time(b, d1)
    assert cal.add_business_time(a, d1) <= cal.add_business_time(a, d2)


@settings(max_examples=300, deadline=None)
@given(calendars, starts, positive)
def test_due_time_falls_inside_working_hours(
    cal: BusinessCalendar, start: dt.datetime, duration: dt.timedelta
) -> None:
    due = cal.add_business_time(start, duration)
    assert due > start
    # Inside a window, or exactly at its closing time.
    assert cal.is_open(due - dt.timedelta(microseconds=1))


@settings(max_examples=200, deadline=None)
@given(calendars, starts, durations, pauses)
def test_pauses_never_add_time_and_due_time_reaches_the_target(
    cal: BusinessCalendar,
    start: dt.datetime,
    duration: dt.timedelta,
    paused: list[tuple[dt.datetime, dt.datetime | None]],
) -> None:
    end = cal.add_business_time(start, duration)
    assert cal.elapsed_business_time(start, end, paused) <= duration
    due = cal.due_time(start, duration, paused)
    if due is not None:
        assert due >= end
        assert cal.elapsed_business_time(start, due, paused) == duration


@settings(max_examples=200, deadline=None)
@given(starts, durations, pauses)
def test_calendar_hours_due_time_reaches_the_target(
    start: dt.datetime,
    duration: dt.timedelta,
    paused: list[tuple[dt.datetime, dt.datetime | None]],
) -> None:
    clock = CalendarHours()
    assert clock.elapsed_business_time(start, start + duration, paused) <= duration
    due = clock.due_time(start, duration, paused)
    if due is not None:
        assert clock.elapsed_business_time(start, due, paused) == duration
