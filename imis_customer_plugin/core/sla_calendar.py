"""SLA clock maths: business hours, public holidays, special days, pauses.

Pure arithmetic on aware datetimes; no Qt, QGIS or SQL. Times arrive and leave in UTC (as
stored in the register); the business calendar reasons in the municipality's local time,
SAST (UTC+2, no daylight saving). Two clocks share one interface:

- ``BusinessCalendar``: working windows per weekday, closed on public holidays, with special
  days that override both (closed, other hours, or 24 h);
- ``CalendarHours``: plain 24/7 arithmetic, for policies measured in calendar hours.

Both measure elapsed time net of pauses (time in Deferred and other waiting states), and can
find the due time that a target reaches once pauses are taken out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Optional, Tuple

from ..definitions import DISPLAY_TIMEZONE

UTC = dt.timezone.utc
SAST = DISPLAY_TIMEZONE
_DAY = dt.timedelta(days=1)
_ZERO = dt.timedelta(0)
# A calendar open on at least one weekday reaches any target well within this; beyond it the
# special days must be closing everything, which is a configuration error.
_MAX_DAYS_SCANNED = 366 * 30

Pause = Tuple[dt.datetime, Optional[dt.datetime]]
"""A paused interval ``(from, to)``; ``to`` None means still paused."""


def _parse_hhmm(text: str) -> dt.timedelta:
    hours, _, minutes = text.partition(":")
    try:
        return dt.timedelta(hours=int(hours), minutes=int(minutes or 0))
    except ValueError:
        raise ValueError(f"A time of day must look like 08:00, got {text!r}.") from None


@dataclass(frozen=True)
class Window:
    """One opening window within a local day, as offsets from local midnight."""

    opens: dt.timedelta
    closes: dt.timedelta

    def __post_init__(self) -> None:
        if not _ZERO <= self.opens < self.closes <= _DAY:
            raise ValueError(
                f"An opening window must lie within one day and open before it closes, "
                f"got {self.opens} to {self.closes}."
            )

    @classmethod
    def of(cls, opens: str, closes: str) -> Window:
        """``Window.of("08:00", "16:30")``; ``"24:00"`` closes at midnight."""
        return cls(_parse_hhmm(opens), _parse_hhmm(closes))


ALL_DAY: tuple[Window, ...] = (Window(_ZERO, _DAY),)
CLOSED: tuple[Window, ...] = ()
OFFICE_HOURS: Mapping[int, tuple[Window, ...]] = {
    weekday: (Window.of("08:00", "16:30"),) for weekday in range(5)
}
"""Monday (0) to Friday (4), 08:00-16:30; closed at weekends."""


def _utc(moment: dt.datetime, name: str) -> dt.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware (stored times are UTC), got {moment}.")
    return moment.astimezone(UTC)


def _check_duration(duration: dt.timedelta) -> None:
    if duration < _ZERO:
        raise ValueError(f"A duration cannot be negative, got {duration}.")


def _merge_pauses(
    pauses: Iterable[Pause], start: dt.datetime, end: Optional[dt.datetime]
) -> list[tuple[dt.datetime, Optional[dt.datetime]]]:
    """Pauses clipped to ``[start, end)``, sorted and merged; ``None`` ends mean open-ended."""
    clipped: list[tuple[dt.datetime, Optional[dt.datetime]]] = []
    for begin, finish in pauses:
        b = max(_utc(begin, "A pause start"), start)
        f = None if finish is None else _utc(finish, "A pause end")
        if end is not None:
            f = end if f is None else min(f, end)
        if f is not None and f <= b:
            continue
        clipped.append((b, f))
    clipped.sort(key=lambda p: p[0])
    merged: list[tuple[dt.datetime, Optional[dt.datetime]]] = []
    for b, f in clipped:
        if merged:
            last_b, last_f = merged[-1]
            if last_f is None:
                break
            if b <= last_f:
                merged[-1] = (last_b, None if f is None else max(last_f, f))
                continue
        merged.append((b, f))
    return merged


class SlaClock:
    """What the SLA engine needs from a clock; subclasses supply the two primitives."""

    def add_business_time(self, start: dt.datetime, duration: dt.timedelta) -> dt.datetime:
        """The UTC moment at which ``duration`` of counted time has run from ``start``."""
        raise NotImplementedError

    def business_time_between(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """Counted time in ``[start, end)``; zero when ``end`` is not after ``start``."""
        raise NotImplementedError

    def elapsed_business_time(
        self, start: dt.datetime, end: dt.datetime, pauses: Sequence[Pause] = ()
    ) -> dt.timedelta:
        """Counted time in ``[start, end)`` leaving out the paused intervals."""
        start_utc, end_utc = _utc(start, "start"), _utc(end, "end")
        if end_utc <= start_utc:
            return _ZERO
        total = _ZERO
        cursor = start_utc
        for begin, finish in _merge_pauses(pauses, start_utc, end_utc):
            total += self.business_time_between(cursor, begin)
            assert finish is not None  # clipped to end
            cursor = finish
        return total + self.business_time_between(cursor, end_utc)

    def due_time(
        self, start: dt.datetime, duration: dt.timedelta, pauses: Sequence[Pause] = ()
    ) -> Optional[dt.datetime]:
        """When ``duration`` of counted time will have run, net of pauses.

        None while an open-ended pause (still Deferred) stops the clock before the target.
        """
        _check_duration(duration)
        cursor = _utc(start, "start")
        remaining = duration
        for begin, finish in _merge_pauses(pauses, cursor, None):
            candidate = self.add_business_time(cursor, remaining)
            if candidate <= begin:
                return candidate
            remaining -= self.business_time_between(cursor, begin)
            if finish is None:
                return None
            cursor = finish
        return self.add_business_time(cursor, remaining)


class CalendarHours(SlaClock):
    """24/7 clock: every hour counts (pauses still do not)."""

    def add_business_time(self, start: dt.datetime, duration: dt.timedelta) -> dt.datetime:
        _check_duration(duration)
        return _utc(start, "start") + duration

    def business_time_between(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        return max(_utc(end, "end") - _utc(start, "start"), _ZERO)


@dataclass(frozen=True)
class BusinessCalendar(SlaClock):
    """Working windows per weekday (0 = Monday) in local time, less holidays and special days.

    Precedence for a local date: a special day (its own windows; ``CLOSED`` or ``ALL_DAY``
    included) wins over a public holiday (closed), which wins over the weekly regime.
    """

    weekly: Mapping[int, tuple[Window, ...]] = field(default_factory=lambda: dict(OFFICE_HOURS))
    holidays: frozenset[dt.date] = frozenset()
    special_days: Mapping[dt.date, tuple[Window, ...]] = field(default_factory=dict)
    tz: dt.tzinfo = SAST

    def __post_init__(self) -> None:
        for weekday in self.weekly:
            if weekday not in range(7):
                raise ValueError(f"Weekdays are 0 (Monday) to 6 (Sunday), got {weekday}.")
        for windows in [*self.weekly.values(), *self.special_days.values()]:
            _check_windows(windows)
        if not any(self.weekly.values()):
            raise ValueError("A business calendar needs working hours on at least one weekday.")

    @classmethod
    def south_africa(
        cls,
        years: Iterable[int],
        weekly: Optional[Mapping[int, tuple[Window, ...]]] = None,
        special_days: Optional[Mapping[dt.date, tuple[Window, ...]]] = None,
    ) -> BusinessCalendar:
        """Office hours (or ``weekly``) with the South African public holidays of ``years``,
        observed Mondays included, as the ``holidays`` package knows them."""
        import holidays  # noqa: PLC0415 - only this seeding step needs the package

        public = holidays.country_holidays("ZA", years=list(years))
        return cls(
            weekly=dict(OFFICE_HOURS if weekly is None else weekly),
            holidays=frozenset(public),
            special_days=dict(special_days or {}),
        )

    def windows_on(self, day: dt.date) -> tuple[Window, ...]:
        """The opening windows of a local date after holidays and special days."""
        if day in self.special_days:
            return self.special_days[day]
        if day in self.holidays:
            return CLOSED
        return self.weekly.get(day.weekday(), CLOSED)

    def open_intervals(self, start: dt.datetime) -> Iterator[tuple[dt.datetime, dt.datetime]]:
        """UTC opening intervals, in order, from the local day containing ``start`` on."""
        day = _utc(start, "start").astimezone(self.tz).date()
        for _ in range(_MAX_DAYS_SCANNED):
            midnight = dt.datetime.combine(day, dt.time(), tzinfo=self.tz)
            for window in self.windows_on(day):
                yield (
                    (midnight + window.opens).astimezone(UTC),
                    (midnight + window.closes).astimezone(UTC),
                )
            day += _DAY
        raise ValueError(
            f"The business calendar has no working hours for {_MAX_DAYS_SCANNED} days from "
            f"{start}; check the special days."
        )

    def is_open(self, moment: dt.datetime) -> bool:
        """Whether ``moment`` lies in a working window (opening included, closing excluded)."""
        moment = _utc(moment, "moment")
        for opens, closes in self.open_intervals(moment):
            if opens > moment:
                return False
            if moment < closes:
                return True
        return False  # pragma: no cover - open_intervals never runs dry

    def add_business_time(self, start: dt.datetime, duration: dt.timedelta) -> dt.datetime:
        """The due moment in UTC. A start outside hours begins at the next opening; a result
        exactly at closing time stays there (it is not moved to the next opening). A zero
        duration returns ``start`` unchanged."""
        _check_duration(duration)
        start_utc = _utc(start, "start")
        if duration == _ZERO:
            return start_utc
        remaining = duration
        for opens, closes in self.open_intervals(start_utc):
            begin = max(opens, start_utc)
            if begin >= closes:
                continue
            if begin + remaining <= closes:
                return begin + remaining
            remaining -= closes - begin
        raise AssertionError("unreachable")  # pragma: no cover

    def business_time_between(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        start_utc, end_utc = _utc(start, "start"), _utc(end, "end")
        total = _ZERO
        if end_utc <= start_utc:
            return total
        for opens, closes in self.open_intervals(start_utc):
            if opens >= end_utc:
                break
            overlap = min(closes, end_utc) - max(opens, start_utc)
            if overlap > _ZERO:
                total += overlap
        return total


def _check_windows(windows: tuple[Window, ...]) -> None:
    for before, after in zip(windows, windows[1:]):
        if after.opens < before.closes:
            raise ValueError(
                f"Opening windows of one day must be in order and not overlap: "
                f"{before} and {after}."
            )
