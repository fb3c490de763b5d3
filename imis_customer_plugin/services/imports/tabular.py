"""Reading a CSV file record by record, with the line where each record starts.

Quoted values may hold line breaks, so a record's line is counted by the csv module, not by
splitting the file. Records that cannot be read become problems instead of stopping the run.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from ...core.import_rules import FieldRule, ImportRejected, RowProblem, match_header
from ._common import Progress

# NUL cannot be stored in text; lone surrogates are undecodable bytes (surrogateescape).
_BAD_TEXT = re.compile("[\x00\udc80-\udcff]")
_PROGRESS_EVERY = 5000

_CSV_ERRORS = (
    ("unexpected end of data", 'a quoted value starting here is never closed (a missing ")'),
    (
        "expected after",
        'broken quoting: a closing " must be followed by a comma or the end of the line '
        '(write a " inside a quoted value as "")',
    ),
    ("field larger than field limit", "a value is larger than the CSV reader accepts"),
)


def _csv_error_message(error: csv.Error) -> str:
    text = str(error)
    for needle, message in _CSV_ERRORS:
        if needle in text:
            return message
    return f"cannot be read as CSV: {text}"


def _bad_text_message(value: str) -> str:
    if "\x00" in value:
        return "contains a NUL character"
    bad = next(char for char in value if "\udc80" <= char <= "\udcff")
    return (
        f"is not valid UTF-8 (byte 0x{ord(bad) - 0xDC00:02X}); save the file as UTF-8 "
        "(in a spreadsheet: CSV UTF-8)"
    )


def _is_clean_utf8(raw: BinaryIO) -> bool:
    """True when the whole file is UTF-8 without NUL: one fast pass, then rewound."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := raw.read(1 << 20):
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        raw.seek(0)
    return True


class CsvSource:
    """The records of a CSV file as tuples of values cleaned by `rules`, led by the line.

    The header is read at once: wrong headers raise ImportRejected before any database
    work. Unreadable records are skipped and listed in `problems`.
    """

    def __init__(
        self,
        path: str | Path,
        rules: Sequence[FieldRule],
        required: Sequence[str],
        progress: Progress,
    ) -> None:
        self.source = str(path)
        self.rules = tuple(rules)
        self.columns = tuple(rule.name for rule in rules)
        self.problems: list[RowProblem] = []
        self.rows_read = 0
        self._progress = progress
        try:
            self._raw = open(path, "rb")  # noqa: SIM115 - closed by close()/__exit__
        except OSError as error:
            raise ImportRejected(
                self.source, [RowProblem(None, "", f"cannot open the file: {error.strerror}")]
            ) from error
        self._size = max(os.fstat(self._raw.fileno()).st_size, 1)
        # Only a file with bad bytes pays for looking at every value.
        self._suspect = not _is_clean_utf8(self._raw)
        self._text = io.TextIOWrapper(
            self._raw, encoding="utf-8-sig", errors="surrogateescape", newline=""
        )
        self._reader = csv.reader(self._text, strict=True)
        self._last_line = 0
        try:
            self._read_header(required)
        except ImportRejected:
            self.close()
            raise

    def _read_header(self, required: Sequence[str]) -> None:
        header = self._first_record()
        if header is None:
            problem = RowProblem(
                None, "", f"the file is empty; expected a header: {','.join(self.columns)}"
            )
            raise ImportRejected(self.source, [*self.problems, problem])
        line, cells = header
        if self._suspect and _BAD_TEXT.search("\x1f".join(cells)):
            self._bad_text(line, cells)
        names, problems = match_header(cells, self.columns, required, line)
        if problems or self.problems:
            raise ImportRejected(self.source, [*self.problems, *problems])
        self._width = len(names)
        self._positions = [names.index(c) if c in names else None for c in self.columns]

    def _first_record(self) -> tuple[int, list[str]] | None:
        while True:
            line = self._last_line + 1
            try:
                record = next(self._reader)
            except StopIteration:
                return None
            except csv.Error as error:
                problem = RowProblem(line, "", f"header: {_csv_error_message(error)}")
                raise ImportRejected(self.source, [problem]) from error
            self._last_line = self._reader.line_num
            if any(record):
                return line, record

    def rows(self) -> Iterator[tuple[object, ...]]:
        """(line, cleaned value per column...) for every readable record; None for empty or
        absent values. Blank records are skipped, unreadable ones become problems."""
        reader, problems, suspect, width = self._reader, self.problems, self._suspect, self._width
        pairs = [(rule.clean, position) for rule, position in zip(self.rules, self._positions)]
        last = self._last_line
        while True:  # one loop, no nested generators: it runs for every record
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                problems.append(RowProblem(last + 1, "", _csv_error_message(error)))
                last = reader.line_num
                continue
            line, last = last + 1, reader.line_num
            if not any(record):
                continue
            if suspect and _BAD_TEXT.search("\x1f".join(record)):
                self._bad_text(line, record)
                continue
            if len(record) != width and not self._fits(line, record):
                continue
            self.rows_read += 1
            if self.rows_read % _PROGRESS_EVERY == 0:
                self._progress.report(60.0 * self._raw.tell() / self._size)
            yield (line, *[None if p is None else clean(record[p]) for clean, p in pairs])

    def _bad_text(self, line: int, record: list[str]) -> None:
        for index, value in enumerate(record):
            if _BAD_TEXT.search(value):
                self.problems.append(
                    RowProblem(line, self._column_at(index), _bad_text_message(value))
                )

    def _column_at(self, index: int) -> str:
        for column, position in zip(self.columns, getattr(self, "_positions", ())):
            if position == index:
                return column
        return f"column {index + 1}"

    def _fits(self, line: int, record: list[str]) -> bool:
        # Spreadsheets add empty cells at the end of a row: harmless.
        if len(record) > self._width and not any(record[self._width :]):
            return True
        self.problems.append(
            RowProblem(
                line,
                "",
                f"has {len(record)} values but the header has {self._width} "
                "(a missing or extra comma, or a comma in an unquoted value?)",
            )
        )
        return False

    def close(self) -> None:
        self._text.close()

    def __enter__(self) -> CsvSource:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
