"""What every import shares: one transaction, COPY streaming, rule checks in SQL, the report."""

from __future__ import annotations

import csv
import io
import itertools
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Optional, Protocol, Union

import psycopg2
from psycopg2 import sql
from sqlalchemy import exc
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool

from ...core.import_rules import (
    MAX_PROBLEMS,
    FieldRule,
    ImportCancelled,
    ImportRejected,
    RowProblem,
    sort_problems,
)
from ...db.connection import ConnectionSettings, create_db_engine

LOGGER = logging.getLogger(__name__)

Target = Union[ConnectionSettings, Engine]

# Queries fetch one problem more than is shown, so the report can say "at least".
QUERY_LIMIT = MAX_PROBLEMS + 1
_COPY_CHUNK_ROWS = 2000
_COPY_READ_SIZE = 1 << 20


class Feedback(Protocol):
    """Progress and cancel: a QgsTask or QgsFeedback fits as it is."""

    def setProgress(self, progress: float) -> None: ...

    def isCanceled(self) -> bool: ...


class Progress:
    """Reports percentages to an optional Feedback and stops when the user cancels."""

    def __init__(self, feedback: Optional[Feedback]) -> None:
        self._feedback = feedback

    def report(self, percent: float) -> None:
        if self._feedback is not None:
            self._feedback.setProgress(max(0.0, min(100.0, percent)))
        self.check()

    def check(self) -> None:
        if self._feedback is not None and self._feedback.isCanceled():
            raise ImportCancelled("Import cancelled; nothing was imported.")


@dataclass(frozen=True)
class ImportReport:
    """What an import did. `notes` tell what was repaired, merged or filled in."""

    kind: str
    source: str
    rows_read: int
    inserted: int
    merged_duplicates: int = 0
    repaired: int = 0
    addresses: int = 0
    linked: int = 0
    seconds: float = 0.0
    notes: tuple[RowProblem, ...] = ()

    def summary(self) -> str:
        parts = [f"{self.inserted} {self.kind} imported from {self.rows_read} rows"]
        if self.merged_duplicates:
            parts.append(f"{self.merged_duplicates} repeated rows merged")
        if self.addresses:
            parts.append(f"{self.addresses} addresses")
        if self.linked:
            parts.append(f"{self.linked} parcels placed in a ward or suburb")
        if self.repaired:
            parts.append(f"{self.repaired} geometries repaired")
        return ", ".join(parts) + f" in {self.seconds:.1f} s."


def reject_if_any(source: str, problems: Sequence[RowProblem]) -> None:
    if problems:
        shown, truncated = sort_problems(problems)
        raise ImportRejected(source, shown, truncated)


@contextmanager
def transaction(target: Target, source: str) -> Iterator[Any]:
    """A psycopg2 cursor in one transaction: committed at the end, rolled back on error.

    Errors the database raises about the data or the user's rights become ImportRejected,
    so callers handle one exception type; connection failures pass through unchanged.
    """
    owned = isinstance(target, ConnectionSettings)
    engine = create_db_engine(target, poolclass=NullPool) if owned else target
    try:
        with engine.begin() as connection:
            cursor = connection.connection.cursor()
            try:
                yield cursor
            finally:
                cursor.close()
    except (psycopg2.Error, exc.DBAPIError) as error:
        original = getattr(error, "orig", error)
        problem = database_problem(original)
        if problem is None:
            raise
        raise ImportRejected(source, [problem]) from error
    finally:
        if owned:
            engine.dispose()


def database_problem(error: BaseException) -> RowProblem | None:
    """A refusal by the database, said for the user; None for anything else."""
    code = getattr(error, "pgcode", None) or ""
    diagnostics = getattr(error, "diag", None)
    detail = (getattr(diagnostics, "message_primary", None) or str(error)).strip()
    if code == "42501":
        return RowProblem(
            None,
            "",
            f"Your PostgreSQL role may not import this ({detail}). Ask an administrator "
            "for the imis_admin role (map layers) or imis_operator (customers, accounts).",
        )
    if code.startswith("23"):
        return RowProblem(
            None,
            getattr(diagnostics, "column_name", None) or "",
            f"The database refused the rows ({detail}); someone may have added the same "
            "records meanwhile. Nothing was imported; try again.",
        )
    return None


def municipality_srid(cursor: Any, source: str) -> int:
    cursor.execute("SELECT value #>> '{}' FROM imis.setting WHERE key = 'municipality.srid'")
    row = cursor.fetchone()
    if row is None or not str(row[0]).isdigit():
        message = "The database has no setting municipality.srid; upgrade its schema first."
        raise ImportRejected(source, [RowProblem(None, "municipality.srid", message)])
    return int(row[0])


def create_staging(cursor: Any, table: str, columns: Sequence[str], extra: str = "") -> None:
    """A temporary table of text columns (plus `extra` typed ones), gone at commit."""
    typed = [sql.SQL(extra)] if extra else []
    typed += [sql.SQL("{} text").format(sql.Identifier(column)) for column in columns]
    cursor.execute(
        sql.SQL("CREATE TEMP TABLE {} ({}) ON COMMIT DROP").format(
            sql.Identifier(table), sql.SQL(", ").join(typed)
        )
    )


class _CopySource:
    """A read()-able stream of CSV text made from rows on demand, for COPY ... FROM STDIN.

    psycopg2 would turn an exception inside read() into a QueryCanceled; so the stream ends
    instead, and `failure` is raised again once COPY is done.
    """

    def __init__(self, rows: Iterable[Sequence[object]]) -> None:
        self._rows = iter(rows)
        self._text = io.StringIO()
        self._writer = csv.writer(self._text, lineterminator="\n")
        self._pending = b""
        self.failure: Exception | None = None

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._pending) < size:
            try:
                chunk = self._next_chunk()
            except Exception as error:  # raised again by copy_rows
                self.failure, chunk = error, b""
            if not chunk:
                break
            self._pending += chunk
        if size < 0:
            size = len(self._pending)
        data, self._pending = self._pending[:size], self._pending[size:]
        return data

    def _next_chunk(self) -> bytes:
        self._writer.writerows(itertools.islice(self._rows, _COPY_CHUNK_ROWS))
        text = self._text.getvalue()
        self._text.seek(0)
        self._text.truncate()
        return text.encode("utf-8")


def copy_rows(
    cursor: Any, table: str, columns: Sequence[str], rows: Iterable[Sequence[object]]
) -> int:
    """Streams rows into `table` with COPY (None becomes NULL); returns the row count."""
    statement = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT csv)").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    stream = _CopySource(rows)
    cursor.copy_expert(statement, stream, size=_COPY_READ_SIZE)
    if stream.failure is not None:
        raise stream.failure
    return cursor.rowcount


# One CASE per rule, with only the checks it has, in the order of FieldRule.failure. All
# rules go in one scan of the table (a row per rule by LATERAL VALUES was 4x slower).
_RULE_CHECK = """
SELECT * FROM (SELECT line, {columns}, {cases} FROM {table}) AS checked
 WHERE coalesce({failures}) IS NOT NULL
 ORDER BY line
 LIMIT %(cap)s
"""


def _rule_case(rule: FieldRule, index: int, parameters: dict[str, object]) -> sql.Composable:
    def bind(name: str, value: object) -> sql.Placeholder:
        parameters[f"{name}_{index}"] = value
        return sql.Placeholder(f"{name}_{index}")

    column = sql.Identifier(rule.name)
    length = sql.SQL("length({})").format(column)
    if rule.uncounted:
        length = sql.SQL("length(ltrim({}, {}))").format(column, bind("uncounted", rule.uncounted))
    empty = sql.Literal("required" if rule.required else None)
    when = [sql.SQL("WHEN {} IS NULL THEN {}").format(column, empty)]
    if rule.max_length is not None:
        when.append(
            sql.SQL("WHEN {} > {} THEN 'long'").format(length, bind("max", rule.max_length))
        )
    if rule.pattern is not None:
        when.append(
            sql.SQL("WHEN {} !~ {} THEN 'pattern'").format(column, bind("pattern", rule.pattern))
        )
    if rule.min_length is not None:
        when.append(
            sql.SQL("WHEN {} < {} THEN 'short'").format(length, bind("min", rule.min_length))
        )
    if rule.choices:
        choices = bind("choices", list(rule.choices))
        when.append(sql.SQL("WHEN NOT {} = ANY ({}::text[]) THEN 'choice'").format(column, choices))
    return sql.SQL("CASE {} END AS {}").format(
        sql.SQL(" ").join(when), sql.Identifier(f"failure_{index}")
    )


def rule_problems(
    cursor: Any,
    table: str,
    rules: Sequence[FieldRule],
    cap: int = QUERY_LIMIT,
) -> list[RowProblem]:
    """The rules of core.import_rules applied set-based to the columns of `table`, which
    holds values cleaned by the same rules, and a `line` column."""
    parameters: dict[str, object] = {"cap": cap}
    cases = [_rule_case(rule, index, parameters) for index, rule in enumerate(rules)]
    statement = sql.SQL(_RULE_CHECK).format(
        columns=sql.SQL(", ").join(sql.Identifier(rule.name) for rule in rules),
        cases=sql.SQL(", ").join(cases),
        table=sql.Identifier(table),
        failures=sql.SQL(", ").join(
            sql.Identifier(f"failure_{index}") for index in range(len(rules))
        ),
    )
    cursor.execute(statement, parameters)
    problems = []
    for row in cursor.fetchall():
        line, values, found = row[0], row[1 : len(rules) + 1], row[len(rules) + 1 :]
        for rule, value, failure in zip(rules, values, found):
            if failure is not None:
                problems.append(RowProblem(line, rule.name, rule.message(failure, value)))
    return problems


_DUPLICATES = """
SELECT t.line, t.{column}, d.first
  FROM (SELECT {column} AS value, min(line) AS first FROM {table}
         WHERE {column} IS NOT NULL GROUP BY {column} HAVING count(*) > 1) AS d
  JOIN {table} AS t ON t.{column} = d.value AND t.line > d.first
 ORDER BY t.line LIMIT %(cap)s
"""


def duplicate_problems(
    cursor: Any, table: str, column: str, cap: int = QUERY_LIMIT
) -> list[RowProblem]:
    """Rows repeating a value of `column` that an earlier row of the same file has."""
    statement = sql.SQL(_DUPLICATES).format(
        column=sql.Identifier(column), table=sql.Identifier(table)
    )
    cursor.execute(statement, {"cap": cap})
    return [
        RowProblem(line, column, f"{value!r} is already on line {first} of this file")
        for line, value, first in cursor.fetchall()
    ]
