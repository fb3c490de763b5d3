"""How many items of each category arrive on each day of the demo year.

Cape Town weather drives it: winter (May-September) brings cold fronts, burst pipes,
flooded drains and, on storm days, power outages; summer brings water shortages. Billing
follows the monthly statement and the July tariff increase; refuse complaints pile up
after public holidays; offices are quieter at weekends.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from .reference import CATEGORIES, Category
from .streams import Stream, rng

LOCAL_OFFSET_S = 2 * 3600  # SAST is UTC+2 all year (no daylight saving since 1944)
# Fixed-date public holidays (month, day); Easter moves, so it is left out.
PUBLIC_HOLIDAYS = ((1, 1), (3, 21), (4, 27), (5, 1), (6, 16), (8, 9), (9, 24), (12, 16),
                   (12, 25), (12, 26))  # fmt: skip
STORMS_PER_YEAR = 10


@dataclass(frozen=True)
class Calendar:
    first_day: np.datetime64  # local date of day 0
    counts: np.ndarray  # (days, categories): items logged that local day
    storm: np.ndarray  # (days,) storm severity, 0 on calm days
    day_start_utc: np.ndarray  # (days,) datetime64[s] of local midnight
    as_of: np.datetime64  # datetime64[s] UTC: nothing happens after it

    @property
    def days(self) -> int:
        return len(self.counts)


def local_date(moment: np.datetime64) -> np.datetime64:
    return (moment + np.timedelta64(LOCAL_OFFSET_S, "s")).astype("datetime64[D]")


def build_calendar(seed: int, as_of: dt.datetime, total: int) -> Calendar:
    """A year of daily counts ending at `as_of` (aware datetime), `total` items in all."""
    generator = rng(seed, Stream.CALENDAR)
    now = np.datetime64(as_of.astimezone(dt.timezone.utc).replace(tzinfo=None), "s")
    last = local_date(now)
    days = np.arange(last - np.timedelta64(365, "D"), last + np.timedelta64(1, "D"))
    day_start = days.astype("datetime64[s]") - np.timedelta64(LOCAL_OFFSET_S, "s")
    storm = _storms(generator, days)
    weight = np.stack([_category_weight(c, days, storm) for c in CATEGORIES], axis=1)
    elapsed = (now - day_start[-1]).astype(np.int64) / 86400
    weight[-1] *= min(1.0, max(0.0, elapsed))  # only part of today has happened
    weight[0] *= 0 if elapsed >= 1 else 1 - elapsed  # and a year ago only its rest
    counts = generator.multinomial(total, (weight / weight.sum()).ravel()).reshape(weight.shape)
    return Calendar(days[0], counts, storm, day_start, now)


def _storms(generator: np.random.Generator, days: np.ndarray) -> np.ndarray:
    """Cold fronts, mostly May to September, one to three days each."""
    month = days.astype("datetime64[M]").astype(np.int64) % 12 + 1
    chance = np.where((month >= 5) & (month <= 9), 1.0, 0.12)
    starts = generator.choice(len(days), STORMS_PER_YEAR, replace=False, p=chance / chance.sum())
    storm = np.zeros(len(days))
    for start in starts:
        severity = generator.uniform(0.6, 1.2)
        for offset in range(int(generator.integers(1, 4))):
            if start + offset < len(days):
                storm[start + offset] = max(storm[start + offset], severity * 0.6**offset)
    return storm


def _category_weight(category: Category, days: np.ndarray, storm: np.ndarray) -> np.ndarray:
    month = days.astype("datetime64[M]").astype(np.int64) % 12 + 1
    day_of_month = (days - days.astype("datetime64[M]")).astype(np.int64) + 1
    day_of_year = (days - days.astype("datetime64[Y]")).astype(np.int64)
    weekday = (days.astype(np.int64) + 3) % 7  # 0 = Monday (1970-01-01 was a Thursday)
    weight = np.full(len(days), category.share)
    if category.swing:
        peak = (category.peak_month - 0.5) * 30.44
        weight *= 1 + category.swing * np.cos(2 * np.pi * (day_of_year - peak) / 365.25)
    office = category.location in ("property", "office") and category.priority > 1
    weight *= np.where(weekday >= 5, 0.5 if office else 0.85, 1.0)
    holiday = _holidays(month, day_of_month)
    if office:
        weight *= np.where(holiday, 0.4, 1.0)
    if category.holidays:  # refuse rounds slip after holidays and over the festive season
        after = np.roll(holiday, 1) | np.roll(holiday, 2)
        festive = ((month == 12) & (day_of_month >= 16)) | ((month == 1) & (day_of_month <= 10))
        weight *= np.where(after, 1.8, 1.0) * np.where(festive, 1.5, 1.0)
    if category.billing_cycle:  # statements arrive about the 8th; July tariff increase
        weight *= 1 + 0.8 * np.exp(-(((day_of_month - 10) / 3.0) ** 2))
        weight *= np.where((month == 7) | (month == 8), 1.4, 1.0)
    return weight * (1 + (category.storm - 1) * storm)


def _holidays(month: np.ndarray, day_of_month: np.ndarray) -> np.ndarray:
    holiday = np.zeros(len(month), dtype=bool)
    for m, d in PUBLIC_HOLIDAYS:
        holiday |= (month == m) & (day_of_month == d)
    return holiday
