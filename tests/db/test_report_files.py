"""services.report_files: a report's tables as CSV files and as one XLSX workbook, read back
with csv and openpyxl; a folder that cannot be written."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from imis_customer_plugin.core.reports import Report, ReportFilter, Table
from imis_customer_plugin.definitions import DISPLAY_TIMEZONE
from imis_customer_plugin.services.report_files import ReportFileError, write_csv, write_xlsx

UTC = dt.timezone.utc
REPORT = Report(
    kind="progress",
    title="Progress report",
    filter=ReportFilter(dt.date(2026, 3, 1), dt.date(2026, 4, 1), ("ROADS",)),
    generated_at=dt.datetime(2026, 6, 1, 9, 0, tzinfo=DISPLAY_TIMEZONE),
    database="imis on db.city.example:5432",
    tables=(
        Table(
            "summary",
            "This period against the previous one",
            ("Measure", "This period", "Change (%)"),
            (("Logged", 8, 300.0), ("Closed", 4, None)),
            note="Status at the end of the period.",
        ),
        Table(
            "overdue",
            "Overdue at the end of the period",
            ("Reference", "Name", "Logged (SAST)", "Day", "Amount (R)"),
            (
                ("CR2026-000002", "=HYPERLINK(\"x\")", dt.datetime(2026, 3, 10, 7, tzinfo=UTC),
                 dt.date(2026, 3, 10), Decimal("1260.49")),
                ("CR2026-000012", "Ntombifuthi Mkhize-Dlamini ✓", None, None, Decimal("0.00")),
            ),
        ),
    ),
    notes=("Items are those logged in the period.",),
)  # fmt: skip


def test_csv_files_read_back(tmp_path: Path) -> None:
    written = write_csv(REPORT, tmp_path / "march")
    assert [p.name for p in written] == ["summary.csv", "overdue.csv"]
    with open(written[0], encoding="utf-8", newline="") as handle:
        assert list(csv.reader(handle)) == [
            ["Measure", "This period", "Change (%)"], ["Logged", "8", "300.0"],
            ["Closed", "4", ""]]  # fmt: skip
    with open(written[1], encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["Logged (SAST)"] == "2026-03-10 09:00:00+02:00"  # shown in SAST
    assert rows[0]["Day"] == "2026-03-10" and rows[0]["Amount (R)"] == "1260.49"
    assert rows[1]["Name"] == "Ntombifuthi Mkhize-Dlamini ✓"
    about = (tmp_path / "march" / "progress_report.txt").read_text(encoding="utf-8")
    assert "Departments: ROADS" in about and "db.city.example" in about
    assert "Status at the end of the period." in about
    assert not [p for p in (tmp_path / "march").iterdir() if p.name.startswith(".")]


def test_xlsx_has_a_cover_and_a_typed_sheet_per_table(tmp_path: Path) -> None:
    path = write_xlsx(REPORT, tmp_path / "out" / "progress.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Report", "summary", "overdue"]
    cover = [row[0] for row in book["Report"].iter_rows(values_only=True)]
    assert cover[0] == "Progress report"
    assert "Period: 2026-03-01 to 2026-03-31 (31 days)" in cover
    assert "Generated 2026-06-01 09:00 SAST from database imis on db.city.example:5432" in cover
    summary = book["summary"]
    assert [c.value for c in summary[1]] == ["Measure", "This period", "Change (%)"]
    assert all(c.font.bold for c in summary[1]) and summary.freeze_panes == "A2"
    assert [c.value for c in summary[2]] == ["Logged", 8, 300.0]
    assert summary["C3"].value is None
    overdue = book["overdue"]
    name, logged, day, amount = overdue["B2"], overdue["C2"], overdue["D2"], overdue["E2"]
    assert name.data_type == "s" and name.value == '=HYPERLINK("x")'  # text, not a formula
    assert logged.is_date and logged.value == dt.datetime(2026, 3, 10, 9, 0)
    assert day.is_date and day.value.date() == dt.date(2026, 3, 10)
    assert amount.data_type == "n" and amount.value == pytest.approx(1260.49)
    assert overdue.column_dimensions["B"].width > overdue.column_dimensions["A"].width >= 8


def test_a_folder_that_cannot_be_written_is_said_plainly(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(ReportFileError, match=r"Cannot make the folder .*a-file/reports"):
        write_csv(REPORT, blocker / "reports")
    with pytest.raises(ReportFileError, match="Choose a folder you may write to"):
        write_xlsx(REPORT, blocker / "reports" / "progress.xlsx")


def test_an_existing_workbook_is_replaced_whole(tmp_path: Path) -> None:
    path = tmp_path / "progress.xlsx"
    path.write_bytes(b"old")
    write_xlsx(REPORT, path)
    assert load_workbook(path).sheetnames[0] == "Report"
    assert [p.name for p in tmp_path.iterdir()] == ["progress.xlsx"]
