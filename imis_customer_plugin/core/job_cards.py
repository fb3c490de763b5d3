"""Job cards: the field work on a task, its cost lines, and what a completed card must say.

Pure rules; the services store what passes them. Amounts follow the database exactly: a
line's amount is round(quantity x unit cost, 2) (half away from zero, as PostgreSQL rounds
numeric), and a card's totals are sums of those rounded amounts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import Enum
from typing import Protocol

from ..definitions import shown_time
from .errors import FieldProblem, ValidationError

CENT = Decimal("0.01")
# The columns' types: job_card_line.quantity numeric(12, 3), unit_cost numeric(12, 2).
QUANTITY_PLACES, QUANTITY_LIMIT = 3, Decimal("1e9")
COST_PLACES, COST_LIMIT = 2, Decimal("1e10")
MAX_DESCRIPTION = 200
MAX_UNIT = 20
MAX_WORK_PERFORMED = 4000
MAX_SIGNATORY = 200
# Clocks of a phone, a desk and the server differ a little; beyond this, a time is "future".
CLOCK_SKEW = dt.timedelta(minutes=5)
CONDITIONS = {1: "very good", 2: "good", 3: "fair", 4: "poor", 5: "very poor"}
_SCALE = "1 (very good) to 5 (very poor)"


class LineKind(str, Enum):
    LABOUR = "labour"
    MATERIAL = "material"
    EQUIPMENT = "equipment"
    CONTRACTOR = "contractor"


def _number(value: object) -> Decimal | None:
    """A finite Decimal from a Decimal, int, str or float (by its shortest repr); else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, str):
        value = value.strip().replace(" ", "").replace(",", ".")
    try:
        number = Decimal(value)  # type: ignore[arg-type]
    except (InvalidOperation, TypeError, ValueError):
        return None
    return number if number.is_finite() else None


def _places(number: Decimal) -> int:
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _amount_problem(
    name: str, value: object, places: int, limit: Decimal, *, positive: bool, what: str
) -> tuple[Decimal | None, FieldProblem | None]:
    number = _number(value)
    if number is None:
        return None, FieldProblem(name, f"'{value}' is not a number")
    if positive and number <= 0:
        return None, FieldProblem(name, f"{what} must be more than 0 (got {number})")
    if number < 0:
        return None, FieldProblem(name, f"{what} cannot be negative (got {number})")
    if _places(number) > places:
        return None, FieldProblem(name, f"{number}: at most {places} decimals")
    if number >= limit:
        return None, FieldProblem(name, f"{number} is too large (below {limit:,.0f})")
    return number, None


def round_cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CostLine:
    """One line of a job card: labour, material, equipment or a contractor's work."""

    kind: str
    description: str
    quantity: Decimal | int | str
    unit: str = "each"
    unit_cost: Decimal | int | str = Decimal("0.00")  # Rand, excluding VAT

    def problems(self) -> list[FieldProblem]:
        found: list[FieldProblem] = []
        if str(self.kind) not in {k.value for k in LineKind}:
            kinds = ", ".join(k.value for k in LineKind)
            found.append(FieldProblem("kind", f"unknown line kind '{self.kind}' ({kinds})"))
        description = (self.description or "").strip()
        if not description:
            found.append(FieldProblem("description", "say what the line is for"))
        elif len(description) > MAX_DESCRIPTION:
            found.append(
                FieldProblem(
                    "description", f"{len(description)} characters; at most {MAX_DESCRIPTION} fit"
                )
            )
        unit = (self.unit or "").strip()
        if not unit or len(unit) > MAX_UNIT:
            found.append(FieldProblem("unit", f"give a unit of 1 to {MAX_UNIT} characters"))
        for problem in (
            _amount_problem(
                "quantity",
                self.quantity,
                QUANTITY_PLACES,
                QUANTITY_LIMIT,
                positive=True,
                what="the quantity",
            )[1],
            _amount_problem(
                "unit_cost",
                self.unit_cost,
                COST_PLACES,
                COST_LIMIT,
                positive=False,
                what="the unit cost",
            )[1],
        ):
            if problem is not None:
                found.append(problem)
        return found

    def validated(self) -> CostLine:
        """The line as stored (trimmed text, Decimal numbers); ValidationError names each
        offending field."""
        found = self.problems()
        if found:
            raise ValidationError(found)
        return replace(
            self,
            kind=LineKind(str(self.kind)).value,
            description=self.description.strip(),
            unit=self.unit.strip(),
            quantity=_number(self.quantity),
            unit_cost=_number(self.unit_cost),
        )

    @property
    def amount(self) -> Decimal:
        """Quantity x unit cost in Rand, rounded to cents as the database rounds it."""
        line = self.validated()
        return round_cents(Decimal(line.quantity) * Decimal(line.unit_cost))


def labour_line(hours: Decimal | int | str, rate: Decimal | int | str, who: str) -> CostLine:
    """Hours at an hourly rate (a staff member's imis.staff.hourly_rate by default)."""
    line = CostLine(
        LineKind.LABOUR.value, f"Labour: {who.strip()}" if who.strip() else "", hours, "h", rate
    )
    names = {"quantity": "hours", "unit_cost": "rate", "description": "who"}
    found = [FieldProblem(names.get(p.field, p.field), p.message) for p in line.problems()]
    if found:
        raise ValidationError(found)
    return line.validated()


@dataclass(frozen=True)
class CostTotals:
    """A card's totals per line kind (every kind present, zero if none) and overall, in Rand."""

    by_kind: Mapping[str, Decimal] = field(default_factory=dict)
    total: Decimal = Decimal("0.00")

    def as_json(self) -> dict[str, str]:
        return {**{k: str(v) for k, v in self.by_kind.items()}, "total": str(self.total)}


class PricedLine(Protocol):
    """A line with its kind and amount: a CostLine, or a line as the database stored it."""

    @property
    def kind(self) -> str: ...

    @property
    def amount(self) -> Decimal: ...


def totals(lines: Iterable[PricedLine]) -> CostTotals:
    """Sums of the lines' (rounded) amounts per kind and overall."""
    by_kind = {kind.value: Decimal("0.00") for kind in LineKind}
    for line in lines:
        kind = LineKind(str(line.kind)).value
        by_kind[kind] += line.amount
    return CostTotals(by_kind, sum(by_kind.values(), Decimal("0.00")))


def _aware(value: object) -> bool:
    return isinstance(value, dt.datetime) and value.utcoffset() is not None


@dataclass(frozen=True)
class CompletedCard:
    """What the artisan reports when the work is done (on the device or on the paper card)."""

    arrived_at: dt.datetime
    completed_at: dt.datetime
    work_performed: str
    signed_off_by: str
    condition_before: int | None = None  # of the asset worked on, 1 = very good .. 5
    condition_after: int | None = None
    signed_off_at: dt.datetime | None = None  # None: at completion

    def problems(self, *, now: dt.datetime, has_asset: bool) -> list[FieldProblem]:
        found: list[FieldProblem] = []
        times_ok = True
        for name in ("arrived_at", "completed_at", "signed_off_at"):
            value = getattr(self, name)
            if value is None and name == "signed_off_at":
                continue
            if not _aware(value):
                times_ok = False
                found.append(
                    FieldProblem(name, "give a date and time with its time zone (e.g. SAST)")
                )
        if times_ok:
            found.extend(self._time_problems(now))
        work = (self.work_performed or "").strip()
        if not work:
            found.append(FieldProblem("work_performed", "describe the work performed"))
        elif len(work) > MAX_WORK_PERFORMED:
            found.append(
                FieldProblem(
                    "work_performed",
                    f"{len(work)} characters; at most {MAX_WORK_PERFORMED} fit",
                )
            )
        signatory = (self.signed_off_by or "").strip()
        if not signatory:
            found.append(FieldProblem("signed_off_by", "the artisan's sign-off (name) is needed"))
        elif len(signatory) > MAX_SIGNATORY:
            found.append(FieldProblem("signed_off_by", f"at most {MAX_SIGNATORY} characters"))
        found.extend(self._condition_problems(has_asset))
        return found

    def _time_problems(self, now: dt.datetime) -> list[FieldProblem]:
        found: list[FieldProblem] = []
        latest = now + CLOCK_SKEW
        if self.completed_at < self.arrived_at:
            found.append(
                FieldProblem(
                    "completed_at",
                    f"completion ({shown_time(self.completed_at)}) is before arrival "
                    f"({shown_time(self.arrived_at)})",
                )
            )
        for name, label in (("arrived_at", "arrival"), ("completed_at", "completion")):
            value = getattr(self, name)
            if value > latest:
                found.append(FieldProblem(name, f"{label} ({shown_time(value)}) is in the future"))
        signed = self.signed_off_at
        if signed is not None:
            if signed < self.completed_at:
                found.append(
                    FieldProblem("signed_off_at", "the sign-off cannot come before completion")
                )
            elif signed > latest:
                found.append(FieldProblem("signed_off_at", "the sign-off is in the future"))
        return found

    def _condition_problems(self, has_asset: bool) -> list[FieldProblem]:
        found: list[FieldProblem] = []
        for name in ("condition_before", "condition_after"):
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int) or value not in CONDITIONS:
                found.append(FieldProblem(name, f"'{value}' is not a condition: {_SCALE}"))
            elif not has_asset:
                found.append(
                    FieldProblem(name, "an asset's condition needs the asset: pick it on the map")
                )
        if has_asset and self.condition_after is None:
            found.append(
                FieldProblem(
                    "condition_after",
                    f"say the asset's condition after the work: {_SCALE}",
                )
            )
        return found

    def validated(self, *, now: dt.datetime, has_asset: bool) -> CompletedCard:
        """The report as stored (trimmed text, the sign-off time filled in)."""
        found = self.problems(now=now, has_asset=has_asset)
        if found:
            raise ValidationError(found)
        return replace(
            self,
            work_performed=self.work_performed.strip(),
            signed_off_by=self.signed_off_by.strip(),
            signed_off_at=self.signed_off_at or self.completed_at,
        )


def condition_label(value: int | None) -> str:
    return "" if value is None else f"{value} ({CONDITIONS.get(value, '?')})"
