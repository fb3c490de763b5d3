"""Cost allocations and the finance export layout, without a database."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest

from imis_customer_plugin.core.costs import (
    EXPORT_COLUMNS,
    Allocation,
    ExportLine,
    Party,
    Segments,
    check_adds_up,
    check_amount,
    export_rows,
    format_rand,
    is_export_file_name,
    iso_sast,
    next_export_file_name,
    parse_amount,
    parse_unpublished_file_name,
    render_csv,
    split_evenly,
    unpublished_file_name,
    validate_allocations,
)
from imis_customer_plugin.core.errors import ValidationError

UTC = dt.timezone.utc


def _fields(error: ValidationError) -> list[str]:
    return [problem.field for problem in error.problems]


def test_allocations_are_cleaned_and_each_party_is_named_by_what_fits_it() -> None:
    cleaned = validate_allocations(
        [
            Allocation(Party.DEPARTMENT, Decimal("100.00"), department=" water "),
            Allocation("customer", Decimal("50"), account="400123456"),
            Allocation(Party.THIRD_PARTY, Decimal("0.01"), party_name="  Old   Mutual  "),
            Allocation(
                Party.CONTRACTOR,
                Decimal("12.5"),
                party_name="Aqua Fix (Pty) Ltd",
                segments=Segments(item=" ie001.002 ", project="p1"),
            ),
        ]
    )
    assert cleaned[0].department == "WATER"
    assert cleaned[1].party is Party.CUSTOMER
    assert cleaned[2].party_name == "Old Mutual"
    assert cleaned[3].segments == Segments(item="IE001.002", project="P1")


def test_every_problem_is_named_with_its_allocation() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_allocations(
            [
                Allocation(Party.DEPARTMENT, Decimal("10.00")),  # no department
                Allocation(Party.CUSTOMER, Decimal("10.00"), account="1", department="WATER"),
                Allocation(Party.THIRD_PARTY, Decimal("0")),  # no name, no amount
                Allocation("insurer", Decimal("1.00"), party_name="X"),
                Allocation(Party.CONTRACTOR, Decimal("1.00"), party_name="=HYPERLINK(1)"),
                Allocation(
                    Party.CONTRACTOR,
                    Decimal("1.00"),
                    party_name="Fix",
                    segments=Segments(fund="F-1"),
                ),
            ]
        )
    assert _fields(caught.value) == [
        "allocation 1: department",
        "allocation 2: department",
        "allocation 3: party_name",
        "allocation 3: amount",
        "allocation 4: party",
        "allocation 5: party_name",
        "allocation 6: mscoa_fund",
    ]
    assert "third_party" in str(caught.value) and "'F-1' is not an mSCOA code" in str(caught.value)


@pytest.mark.parametrize(
    ("amount", "problem"),
    [
        (Decimal("10.00"), None),
        (Decimal("10.500"), None),  # still whole cents
        (7, None),
        (Decimal("10.005"), "fractions of a cent"),
        (Decimal("-1.00"), "more than R 0.00"),
        (Decimal(0), "more than R 0.00"),
        (10.5, "not float"),
        (True, "not bool"),
        ("10", "not str"),
        (Decimal("NaN"), "must be a number"),
        (Decimal("1000000000000.00"), "largest amount"),
    ],
)
def test_amounts_are_positive_decimals_in_whole_cents(amount, problem) -> None:
    found = check_amount(amount)
    assert (found is None) if problem is None else (problem in found)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1234.50", Decimal("1234.50")),
        ("1 234,50", Decimal("1234.50")),
        ("R1,234.50", Decimal("1234.50")),
        ("R 99", Decimal("99")),
    ],
)
def test_amounts_as_typed(typed: str, amount: Decimal) -> None:
    assert parse_amount(typed) == amount


@pytest.mark.parametrize("typed", ["abc", "", "1,234", "-5", "1.2.3"])
def test_what_is_no_amount_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError):
        parse_amount(typed)


def test_allocations_must_add_up_to_the_cent_and_the_message_gives_both_figures() -> None:
    shares = [
        Allocation(Party.DEPARTMENT, Decimal("1000.00"), department="WATER"),
        Allocation(Party.CUSTOMER, Decimal("234.49"), account="400123456"),
    ]
    check_adds_up(shares, Decimal("1234.49"))
    with pytest.raises(ValidationError) as short:
        check_adds_up(shares, Decimal("1234.50"))
    assert str(short.value) == (
        "allocations: the allocations add up to R 1 234.49 but the costs are R 1 234.50: "
        "R 0.01 is not allocated"
    )
    with pytest.raises(ValidationError) as over:
        check_adds_up(shares, Decimal("1200.00"))
    assert "R 34.49 too much is allocated" in str(over.value)
    with pytest.raises(ValidationError, match=r"add up to R 0\.00 but the costs are R 5\.00"):
        check_adds_up([], Decimal("5.00"))


def test_an_even_split_adds_up_exactly() -> None:
    assert split_evenly(Decimal("100.00"), 3) == [
        Decimal("33.34"),
        Decimal("33.33"),
        Decimal("33.33"),
    ]
    assert sum(split_evenly(Decimal("0.05"), 7)) == Decimal("0.05")
    with pytest.raises(ValueError, match="fractions of a cent"):
        split_evenly(Decimal("1.005"), 2)


def test_rand_are_shown_with_grouped_thousands_and_cents() -> None:
    assert format_rand(Decimal("1234567.5")) == "R 1 234 567.50"
    assert format_rand(Decimal("0")) == "R 0.00"


def test_segments_given_stay_and_empty_ones_take_the_defaults() -> None:
    given = Segments(function="FX001", item="IE1")
    assert given.with_defaults(function="DEPT", costing="C9", region="7") == Segments(
        function="FX001", item="IE1", costing="C9", region="7"
    )


EXPORTED = dt.datetime(2026, 11, 22, 12, 5, 9, 123456, tzinfo=UTC)  # 14:05:09 SAST


def _lines() -> list[ExportLine]:
    approved = dt.datetime(2026, 11, 21, 22, 30, tzinfo=UTC)  # the 22nd in SAST
    return [
        ExportLine(
            allocation_id=11,
            reference="CR2026-000007",
            category_code="BURST_PIPE",
            party=Party.DEPARTMENT,
            amount=Decimal("1000.5"),
            approved_by="fin",
            approved_at=approved,
            department_code="WATER",
            segments=Segments(function="FW1", item="IE2", fund="FD1", costing="C1", region="7"),
        ),
        ExportLine(
            allocation_id=12,
            reference="CR2026-000007",
            category_code="BURST_PIPE",
            party=Party.THIRD_PARTY,
            amount=Decimal("234.00"),
            approved_by="fin",
            approved_at=approved,
            party_name='Smith, "Jr" & Sons',
            segments=Segments(region="7"),
        ),
    ]


def test_the_export_has_the_documented_columns_a_detail_row_per_line_and_a_trailer() -> None:
    rows = export_rows(_lines(), 42, EXPORTED)
    assert rows[0] == list(EXPORT_COLUMNS)
    assert all(len(row) == len(EXPORT_COLUMNS) for row in rows)
    detail = [dict(zip(EXPORT_COLUMNS, row)) for row in rows[1:-1]]
    assert [d["line_number"] for d in detail] == ["1", "2"]
    expected = {
        "record_type": "D",
        "batch_id": "42",
        "allocation_id": "11",
        "party": "department",
        "department_code": "WATER",
        "mscoa_function": "FW1",
        "mscoa_region": "7",
        "amount": "1000.50",
        "currency": "ZAR",
        "approved_at": "2026-11-22T00:30:00+02:00",
        "exported_at": "2026-11-22T14:05:09+02:00",
    }
    assert {name: detail[0][name] for name in expected} == expected
    assert (detail[1]["party"], detail[1]["department_code"]) == ("third_party", "")
    trailer = dict(zip(EXPORT_COLUMNS, rows[-1]))
    assert trailer["record_type"] == "T"
    assert (trailer["line_number"], trailer["amount"]) == ("2", "1234.50")
    assert trailer["reference"] == trailer["party"] == ""


def test_the_csv_is_rfc_4180_and_reads_back_unchanged() -> None:
    rows = export_rows(_lines(), 42, EXPORTED)
    content = render_csv(rows)
    assert content.startswith(",".join(EXPORT_COLUMNS) + "\r\n")
    assert '"Smith, ""Jr"" & Sons"' in content
    assert list(csv.reader(io.StringIO(content, newline=""))) == rows


def test_an_empty_batch_is_only_a_header_and_a_zero_trailer() -> None:
    rows = export_rows([], 1, EXPORTED)
    assert len(rows) == 2 and rows[1][:3] == ["T", "1", "0"]


def test_times_are_iso_8601_in_sast_and_naive_times_are_refused() -> None:
    assert iso_sast(dt.datetime(2026, 1, 1, 22, 0, tzinfo=UTC)) == "2026-01-02T00:00:00+02:00"
    with pytest.raises(ValueError, match="time zone"):
        iso_sast(dt.datetime(2026, 1, 1))


def test_batch_files_are_numbered_within_the_sast_day() -> None:
    day = dt.date(2026, 11, 22)
    assert next_export_file_name(day, []) == "imis-finance-20261122-001.csv"
    assert (
        next_export_file_name(
            day,
            [
                "imis-finance-20261122-001.csv",
                "imis-finance-20261122-009.csv",
                "imis-finance-20261121-012.csv",
                "other.csv",
            ],
        )
        == "imis-finance-20261122-010.csv"
    )
    assert is_export_file_name("imis-finance-20261122-010.csv")


def test_an_unpublished_file_is_hidden_from_pick_up_and_names_its_batch() -> None:
    hidden = unpublished_file_name("imis-finance-20261122-001.csv", 42)
    assert hidden == ".imis-finance-20261122-001.csv.b42.part"
    assert not is_export_file_name(hidden)
    assert parse_unpublished_file_name(hidden) == ("imis-finance-20261122-001.csv", 42)
    assert parse_unpublished_file_name("imis-finance-20261122-001.csv") is None
    assert parse_unpublished_file_name(".notes.csv.b1.part") is None
