"""Weekly and monthly series of a period, and whether a series rises, falls or holds steady.

The test is Mann-Kendall (Kendall's tau between time and value, scipy.stats.kendalltau) with
Sen's slope (scipy.stats.theilslopes) for the size of the change. Rank-based rather than a
least-squares line: counts of complaints are skewed and a storm week is an outlier that
would tip an OLS slope, while Mann-Kendall asks only whether later bins tend to be higher
than earlier ones and needs no normal residuals. Serial correlation between neighbouring
weeks is not corrected for; the p-value is therefore somewhat optimistic, which a 5 % level
and the minimum of MIN_POINTS bins temper.

Partial bins: a week or month only partly inside the period (or not yet over today) would
fake a drop, so a series is tested on complete bins only, and on the rate per day, so that
a 28-day February is not a fall against a 31-day January. Bins keep how many of their days
were covered, for the tables to show.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from scipy import stats

ALPHA = 0.05
MIN_POINTS = 4  # below this Mann-Kendall cannot reach 5 % (n = 4: smallest p = 0.083)


class Direction(str, Enum):
    RISING = "rising"
    FALLING = "falling"
    STEADY = "steady"
    TOO_SHORT = "too few complete bins"


@dataclass(frozen=True)
class Bin:
    """One week (Monday to Sunday) or calendar month; `covered_days` of its `days` fall
    inside the period and before today."""

    start: dt.date
    end: dt.date  # exclusive
    covered_days: int

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def complete(self) -> bool:
        return self.covered_days == self.days

    def label(self, granularity: str) -> str:
        return self.start.strftime("%Y-%m") if granularity == "month" else self.start.isoformat()


def week_bins(start: dt.date, end: dt.date, today: dt.date) -> list[Bin]:
    """The Monday-to-Sunday weeks that overlap [start, end); days from `today` on are not
    covered (today is not over yet)."""
    first = start - dt.timedelta(days=start.weekday())
    starts = [first + dt.timedelta(weeks=k) for k in range(0, (end - first).days // 7 + 1)]
    return _bins([s for s in starts if s < end], start, end, today, lambda s: s + _WEEK)


def month_bins(start: dt.date, end: dt.date, today: dt.date) -> list[Bin]:
    """The calendar months that overlap [start, end); days from `today` on not covered."""
    starts, month = [], start.replace(day=1)
    while month < end:
        starts.append(month)
        month = _next_month(month)
    return _bins(starts, start, end, today, _next_month)


_WEEK = dt.timedelta(weeks=1)


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _bins(starts, start, end, today, following) -> list[Bin]:
    observed_until = min(end, today)
    result = []
    for first in starts:
        last = following(first)
        covered = (min(last, observed_until) - max(first, start)).days
        result.append(Bin(first, last, max(0, covered)))
    return result


@dataclass(frozen=True)
class Trend:
    """The verdict on one series: over `points` complete bins, `slope` is Sen's slope of the
    rate per day from one bin to the next, `change_percent` that slope as a share of the
    mean rate (the change per bin), tau and p_value those of Mann-Kendall."""

    points: int
    mean_per_day: float
    slope_per_day: float
    change_percent: float | None
    tau: float | None
    p_value: float | None
    direction: Direction


def trend(rates_per_day: Sequence[float], alpha: float = ALPHA) -> Trend:
    """Mann-Kendall with Sen's slope on a series of complete bins, oldest first."""
    values = [float(v) for v in rates_per_day]
    points = len(values)
    mean = sum(values) / points if points else 0.0
    if points < MIN_POINTS:
        return Trend(points, mean, 0.0, None, None, None, Direction.TOO_SHORT)
    positions = list(range(points))
    tau, p_value = stats.kendalltau(positions, values)
    if math.isnan(tau):  # a constant series: nothing changes
        return Trend(points, mean, 0.0, 0.0 if mean else None, None, None, Direction.STEADY)
    slope = float(stats.theilslopes(values, positions)[0])
    direction = Direction.STEADY
    if p_value < alpha and slope > 0:
        direction = Direction.RISING
    elif p_value < alpha and slope < 0:
        direction = Direction.FALLING
    change = 100.0 * slope / mean if mean else None
    return Trend(points, mean, slope, change, float(tau), float(p_value), direction)


def series_trend(bins: Sequence[Bin], counts: Sequence[int], alpha: float = ALPHA) -> Trend:
    """The trend of counts per bin, judged on the complete bins' rates per day."""
    if len(bins) != len(counts):
        raise ValueError("One count per bin is needed.")
    return trend([n / b.days for b, n in zip(bins, counts) if b.complete], alpha)
