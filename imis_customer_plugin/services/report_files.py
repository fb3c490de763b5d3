"""A report's tables as files: one CSV per table in a folder, and one XLSX workbook.

CSV: UTF-8, comma-separated, a header row of the column names, dates as ISO 8601 (moments in
the municipality's zone, SAST), numbers as written by Python; file name = the table's key,
plus <kind>_report.txt with the report header and the tables' notes.
XLSX (openpyxl): a first sheet "Report" with the header lines and, per table, its sheet,
title and note; then one sheet per table named by its key, with a bold, frozen header row,
column widths fitted to the contents, dates and moments as Excel dates (moments in SAST,
which Excel cannot hold as a zone) and numbers as numbers. Text is always stored as text,
so a name starting with "=" is never taken for a formula.

Files are written under a temporary name and renamed when complete: a failure leaves no
half-written report behind. A folder that cannot be written gives ReportFileError.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ..core.errors import ImisError
from ..core.reports import Cell, Report, Table
from ..definitions import DISPLAY_TIMEZONE

MIN_WIDTH, MAX_WIDTH = 8, 60
_SHEET_NAME = re.compile(r"[A-Za-z0-9_]{1,31}")
_DATE_FORMAT = "yyyy-mm-dd"
_MOMENT_FORMAT = "yyyy-mm-dd hh:mm"


class ReportFileError(ImisError):
    """A report file could not be written; nothing half-written is left."""


def write_csv(report: Report, folder: str | os.PathLike) -> list[Path]:
    """Writes each table as <key>.csv (and <kind>_report.txt) into `folder`, made if
    missing; returns the CSV files."""
    target = make_folder(folder)
    _check_keys(report)
    written = []
    for table in report.tables:
        path = target / f"{table.key}.csv"
        with _replacing(path, "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(table.columns)
            writer.writerows([_csv_cell(value) for value in row] for row in table.rows)
        written.append(path)
    with _replacing(about_file(report, target), "w") as handle:
        handle.write("\n".join(_about(report)) + "\n")
    return written


def about_file(report: Report, folder: str | os.PathLike) -> Path:
    """The <kind>_report.txt that write_csv writes beside the CSV files."""
    return Path(folder).expanduser() / f"{report.kind}_report.txt"


def write_xlsx(report: Report, path: str | os.PathLike) -> Path:
    """Writes the report as one workbook at `path` (its folder made if missing)."""
    target = Path(path).expanduser()
    make_folder(target.parent)
    _check_keys(report)
    workbook = Workbook()
    cover = workbook.active
    cover.title = "Report"
    _cover(cover, report)
    for table in report.tables:
        _sheet(workbook.create_sheet(table.key), table)
    with _replacing(target, "wb") as handle:
        workbook.save(handle)
    return target


def _about(report: Report) -> list[str]:
    lines = [report.title, *report.header_lines(), *report.notes, ""]
    for table in report.tables:
        lines.append(f"{table.key}.csv: {table.title}")
        if table.note:
            lines.append(f"  {table.note}")
    return lines


def _check_keys(report: Report) -> None:
    keys = [t.key for t in report.tables]
    bad = [k for k in keys if not _SHEET_NAME.fullmatch(k) or k.lower() == "report"]
    if bad or len(set(keys)) != len(keys):
        raise ValueError(f"Table keys must be unique names of 1-31 letters, digits or _: {keys}")


def make_folder(folder: str | os.PathLike) -> Path:
    """The folder, made if need be; ReportFileError when it cannot be made or written to."""
    target = Path(folder).expanduser()
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ReportFileError(
            f"Cannot make the folder {target}: {error.strerror or error}. Choose a folder "
            "you may write to."
        ) from error
    if not os.access(target, os.W_OK | os.X_OK):
        raise ReportFileError(
            f"The folder {target} cannot be written to. Choose a folder you may write to."
        )
    return target


@contextmanager
def _replacing(path: Path, mode: str, **options: object) -> Iterator:
    """Writes into a temporary file beside `path`, renamed over it once complete."""
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as error:
        raise ReportFileError(
            f"Cannot write {path}: {error.strerror or error}. Choose a folder you may write to."
        ) from error
    try:
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(descriptor, mode, encoding=encoding, **options) as handle:
            yield handle
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ReportFileError(f"Cannot write {path}: {error.strerror or error}.") from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _csv_cell(value: Cell) -> object:
    if isinstance(value, dt.datetime):
        return _local(value).isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else value


def _local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(DISPLAY_TIMEZONE) if moment.tzinfo else moment


def _cover(sheet, report: Report) -> None:
    sheet.append([report.title])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in (*report.header_lines(), *report.notes):
        sheet.append([line])
    sheet.append([])
    sheet.append(["Sheet", "Table", "Note"])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for table in report.tables:
        sheet.append([table.key, table.title, table.note])
        sheet.cell(sheet.max_row, 3).alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in (("A", 24), ("B", 50), ("C", 100)):
        sheet.column_dimensions[column].width = width


def _sheet(sheet, table: Table) -> None:
    sheet.append(list(table.columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.data_type = TYPE_STRING
    widths = [len(name) for name in table.columns]
    for row in table.rows:
        sheet.append([_xlsx_value(value) for value in row])
        for index, (cell, value) in enumerate(zip(sheet[sheet.max_row], row)):
            if isinstance(value, str):
                cell.data_type = TYPE_STRING  # never a formula, whatever it starts with
            elif isinstance(value, dt.datetime):
                cell.number_format = _MOMENT_FORMAT
            elif isinstance(value, dt.date):
                cell.number_format = _DATE_FORMAT
            widths[index] = max(widths[index], _shown_length(value))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(
            MAX_WIDTH, max(MIN_WIDTH, width + 2)
        )
    sheet.freeze_panes = "A2"


def _xlsx_value(value: Cell) -> object:
    if isinstance(value, dt.datetime):
        return _local(value).replace(tzinfo=None)  # Excel has no zones: SAST wall time
    return value


def _shown_length(value: Cell) -> int:
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    return len(str(value)) if value is not None else 0
