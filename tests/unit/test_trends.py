"""core.trends: bins of a period (partial ones marked) and the Mann-Kendall verdict."""

from __future__ import annotations

import datetime as dt

import pytest

from imis_customer_plugin.core.trends import (
    Direction,
    month_bins,
    series_trend,
    trend,
    week_bins,
)

D = dt.date


def test_weeks_run_monday_to_sunday_and_say_how_much_is_covered() -> None:
    bins = week_bins(D(2026, 3, 4), D(2026, 3, 25), today=D(2026, 6, 1))  # Wed to Wed
    assert [b.start for b in bins] == [D(2026, 3, 2), D(2026, 3, 9), D(2026, 3, 16),
                                       D(2026, 3, 23)]  # fmt: skip
    assert [b.covered_days for b in bins] == [5, 7, 7, 2]
    assert [b.complete for b in bins] == [False, True, True, False]


def test_today_is_not_over_yet() -> None:
    bins = week_bins(D(2026, 3, 2), D(2026, 3, 30), today=D(2026, 3, 18))
    assert [b.covered_days for b in bins] == [7, 7, 2, 0]


def test_months_have_their_own_lengths() -> None:
    bins = month_bins(D(2026, 1, 1), D(2026, 4, 1), today=D(2026, 6, 1))
    assert [(b.days, b.complete) for b in bins] == [(31, True), (28, True), (31, True)]
    assert bins[1].start == D(2026, 2, 1)
    december = month_bins(D(2025, 12, 15), D(2026, 1, 10), today=D(2026, 6, 1))
    assert [(b.start, b.covered_days) for b in december] == [(D(2025, 12, 1), 17),
                                                              (D(2026, 1, 1), 9)]  # fmt: skip


def test_rising_falling_and_steady() -> None:
    assert trend([1, 2, 3, 4, 5, 6]).direction is Direction.RISING
    assert trend([9, 7, 8, 5, 4, 2, 1]).direction is Direction.FALLING
    assert trend([5, 6, 5, 6, 5, 6, 5]).direction is Direction.STEADY
    assert trend([3, 3, 3, 3, 3]).direction is Direction.STEADY
    assert trend([1, 2, 3]).direction is Direction.TOO_SHORT


def test_sens_slope_ignores_one_outlier_week() -> None:
    found = trend([10, 11, 12, 60, 14, 15, 16, 17])  # a storm in week 4
    assert found.direction is Direction.RISING
    assert found.slope_per_day == pytest.approx(1.0)
    assert found.change_percent == pytest.approx(100 * 1.0 / (155 / 8))


def test_a_partial_last_week_is_not_a_fall() -> None:
    bins = week_bins(D(2026, 3, 2), D(2026, 4, 7), today=D(2026, 6, 1))  # ends on a Tuesday
    counts = [70, 71, 70, 72, 70, 10]  # the last week has only Monday in the period
    assert not bins[-1].complete
    found = series_trend(bins, counts)
    assert found.points == 5 and found.direction is Direction.STEADY
    with pytest.raises(ValueError):
        series_trend(bins, counts[:-1])


def test_february_is_not_a_fall_per_day() -> None:
    bins = month_bins(D(2026, 1, 1), D(2026, 7, 1), today=D(2026, 8, 1))
    counts = [31 * 10, 28 * 10, 31 * 10, 30 * 10, 31 * 10, 30 * 10]  # 10 a day all along
    found = series_trend(bins, counts)
    assert found.direction is Direction.STEADY and found.mean_per_day == 10.0
