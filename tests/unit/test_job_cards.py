"""Job card rules: cost lines, labour, totals rounded like the database, completion checks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from imis_customer_plugin.core.errors import ValidationError
from imis_customer_plugin.core.job_cards import (
    CompletedCard,
    CostLine,
    LineKind,
    condition_label,
    labour_line,
    round_cents,
    totals,
)

SAST = dt.timezone(dt.timedelta(hours=2))
NOW = dt.datetime(2026, 11, 20, 15, 0, tzinfo=SAST)


def _fields(error: pytest.ExceptionInfo) -> dict[str, str]:
    return {p.field: p.message for p in error.value.problems}


def test_a_line_is_stored_with_decimals_and_trimmed_text() -> None:
    line = CostLine("material", "  110 mm uPVC pipe ", "2.5", " m ", "149.90").validated()
    assert line == CostLine("material", "110 mm uPVC pipe", Decimal("2.5"), "m", Decimal("149.90"))
    assert line.amount == Decimal("374.75")


def test_floats_are_taken_by_their_shortest_form() -> None:
    line = CostLine("equipment", "TLB", 0.1, "h", 0.2).validated()
    assert (line.quantity, line.unit_cost) == (Decimal("0.1"), Decimal("0.2"))


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"quantity": "-1"}, "quantity", "more than 0"),
        ({"quantity": 0}, "quantity", "more than 0"),
        ({"quantity": "1.2345"}, "quantity", "at most 3 decimals"),
        ({"quantity": "abc"}, "quantity", "not a number"),
        ({"quantity": "NaN"}, "quantity", "not a number"),
        ({"quantity": "1e9"}, "quantity", "too large"),
        ({"unit_cost": "-0.01"}, "unit_cost", "cannot be negative"),
        ({"unit_cost": "1.005"}, "unit_cost", "at most 2 decimals"),
        ({"description": "   "}, "description", "say what"),
        ({"description": "x" * 201}, "description", "at most 200"),
        ({"kind": "overtime"}, "kind", "unknown line kind"),
        ({"unit": ""}, "unit", "unit"),
    ],
)
def test_bad_lines_name_the_field(changes: dict, field: str, words: str) -> None:
    given = {"kind": "material", "description": "Clamp", "quantity": "1", "unit_cost": "10"}
    with pytest.raises(ValidationError) as error:
        CostLine(**{**given, **changes}).validated()
    assert words in _fields(error)[field]


def test_every_problem_is_named_at_once() -> None:
    with pytest.raises(ValidationError) as error:
        CostLine("material", "", "-2", "each", "-5").validated()
    assert set(_fields(error)) == {"description", "quantity", "unit_cost"}
    assert "-2" in str(error.value)


def test_a_free_line_may_cost_nothing() -> None:
    assert CostLine("material", "Washer from stock", 1, "each", 0).amount == Decimal("0.00")


def test_labour_is_hours_times_rate() -> None:
    line = labour_line("2.5", "385.50", "Sipho Dlamini")
    assert line.kind == LineKind.LABOUR.value
    assert (line.description, line.unit) == ("Labour: Sipho Dlamini", "h")
    assert line.amount == Decimal("963.75")


def test_bad_labour_names_hours_rate_and_who() -> None:
    with pytest.raises(ValidationError) as error:
        labour_line("-1", "-2", " ")
    assert set(_fields(error)) == {"hours", "rate", "who"}


def test_totals_round_each_line_to_cents_like_the_database() -> None:
    # round(0.333 * 0.05, 2) = round(0.01665, 2) = 0.02 (half away from zero), three times.
    lines = [CostLine("material", "Grease", "0.333", "kg", "0.05")] * 3
    lines.append(labour_line(1, "100", "A"))
    result = totals(lines)
    assert result.by_kind == {
        "labour": Decimal("100.00"),
        "material": Decimal("0.06"),
        "equipment": Decimal("0.00"),
        "contractor": Decimal("0.00"),
    }
    assert result.total == Decimal("100.06")
    assert result.as_json()["total"] == "100.06"
    assert round_cents(Decimal("0.125")) == Decimal("0.13")


def test_totals_of_nothing_are_zero() -> None:
    assert totals([]).total == Decimal("0.00")


def _completed(**changes) -> CompletedCard:
    given = {
        "arrived_at": NOW - dt.timedelta(hours=3),
        "completed_at": NOW - dt.timedelta(hours=1),
        "work_performed": "Replaced 2 m of 110 mm main; pressure tested",
        "signed_off_by": "Sipho Dlamini",
    }
    return CompletedCard(**{**given, **changes})


def test_a_whole_report_passes_and_is_signed_at_completion() -> None:
    report = _completed(condition_before=4, condition_after=2).validated(now=NOW, has_asset=True)
    assert report.signed_off_at == report.completed_at


def test_completion_before_arrival_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        _completed(completed_at=NOW - dt.timedelta(hours=4)).validated(now=NOW, has_asset=False)
    message = _fields(error)["completed_at"]
    assert "before arrival" in message and "SAST" in message


def test_times_in_the_future_and_naive_times_are_refused() -> None:
    with pytest.raises(ValidationError) as error:
        _completed(completed_at=NOW + dt.timedelta(hours=1)).validated(now=NOW, has_asset=False)
    assert "in the future" in _fields(error)["completed_at"]
    with pytest.raises(ValidationError) as error:
        _completed(arrived_at=dt.datetime(2026, 11, 20, 9)).validated(now=NOW, has_asset=False)
    assert "time zone" in _fields(error)["arrived_at"]
    # A phone's clock a minute ahead is no future.
    _completed(completed_at=NOW + dt.timedelta(minutes=1)).validated(now=NOW, has_asset=False)


def test_work_and_sign_off_are_required() -> None:
    with pytest.raises(ValidationError) as error:
        _completed(work_performed=" ", signed_off_by="").validated(now=NOW, has_asset=False)
    assert set(_fields(error)) == {"work_performed", "signed_off_by"}


def test_sign_off_not_before_completion() -> None:
    with pytest.raises(ValidationError) as error:
        _completed(signed_off_at=NOW - dt.timedelta(hours=2)).validated(now=NOW, has_asset=False)
    assert "before completion" in _fields(error)["signed_off_at"]


@pytest.mark.parametrize("value", [0, 6, True, "3"])
def test_conditions_are_one_to_five(value: object) -> None:
    with pytest.raises(ValidationError) as error:
        _completed(condition_after=value).validated(now=NOW, has_asset=True)
    assert "1 (very good) to 5 (very poor)" in _fields(error)["condition_after"]


def test_conditions_need_an_asset_and_an_asset_needs_its_condition_after() -> None:
    with pytest.raises(ValidationError) as error:
        _completed(condition_before=3).validated(now=NOW, has_asset=False)
    assert "needs the asset" in _fields(error)["condition_before"]
    with pytest.raises(ValidationError) as error:
        _completed(condition_before=3).validated(now=NOW, has_asset=True)
    assert "after the work" in _fields(error)["condition_after"]


def test_condition_labels() -> None:
    assert condition_label(2) == "2 (good)"
    assert condition_label(None) == ""
