"""core.reports.ReportFilter: the period, the previous period and the header lines."""

from __future__ import annotations

import datetime as dt

import pytest

from imis_customer_plugin.core.reports import Report, ReportFilter
from imis_customer_plugin.definitions import DISPLAY_TIMEZONE

D = dt.date


def test_previous_period_has_the_same_length_and_narrowing() -> None:
    march = ReportFilter(D(2026, 3, 1), D(2026, 4, 1), ("ROADS",), ("POTHOLE",), ("7",))
    previous = march.previous()
    assert (previous.start, previous.end) == (D(2026, 1, 29), D(2026, 3, 1))
    assert previous.days == march.days == 31
    assert previous.department_codes == ("ROADS",) and previous.ward_codes == ("7",)


def test_describe_says_what_was_filtered() -> None:
    lines = ReportFilter(D(2026, 3, 1), D(2026, 4, 1), category_codes=("POTHOLE", "BILL_QUERY"))
    assert lines.describe() == (
        "Period: 2026-03-01 to 2026-03-31 (31 days)",
        "Departments: all",
        "Categories: POTHOLE, BILL_QUERY",
        "Wards: all",
    )


def test_header_adds_when_and_where() -> None:
    report = Report(
        kind="progress",
        title="Progress report",
        filter=ReportFilter(D(2026, 3, 1), D(2026, 3, 2)),
        generated_at=dt.datetime(2026, 6, 1, 9, 5, tzinfo=DISPLAY_TIMEZONE),
        database="imis on db.city.example:5432",
    )
    assert report.header_lines()[0] == "Period: 2026-03-01 to 2026-03-01 (1 days)"
    assert report.header_lines()[-1] == (
        "Generated 2026-06-01 09:05 SAST from database imis on db.city.example:5432"
    )


@pytest.mark.parametrize("end", [D(2026, 3, 1), D(2026, 2, 1)])
def test_a_period_must_end_after_it_starts(end: dt.date) -> None:
    with pytest.raises(ValueError, match="must end after it starts"):
        ReportFilter(D(2026, 3, 1), end)
