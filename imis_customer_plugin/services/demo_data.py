"""Load the Demo City into schema imis: one transaction, COPY, nothing half-written.

The tables are emptied (TRUNCATE) and filled with COPY ... FREEZE inside that transaction.
COPY writes the generated ids even into GENERATED ALWAYS identity columns (PostgreSQL
documents COPY FROM as behaving like OVERRIDING SYSTEM VALUE), so foreign keys can be
generated too; the identity sequences are moved past them afterwards.

For speed, as pg_restore does, plain (non-unique) indexes and foreign keys of the loaded
tables are dropped before the COPYs and re-created from their own definitions afterwards,
in the same transaction: an index is built once instead of row by row, and a foreign key is
checked by one join instead of one query per row. Unique and primary keys, CHECK and NOT
NULL constraints stay in force during the load. The statement-level audit and NOTIFY
triggers are switched off for the load only: demo data is nobody's change, and one audit row
per generated row would double the work. Row-level triggers (row versions, references,
append-only) stay as they are. Nobody sees any of this: the tables are locked throughout.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import psycopg2
import psycopg2.errors
from psycopg2 import sql

from ..core.demo_city import MUNICIPALITY, DemoCity, DemoSize, Table
from ..core.errors import ImisError
from ..db.connection import ConnectionSettings
from ..db.migrate import head_revision
from ..definitions import APPLICATION_NAME, SCHEMA
from .demo_work import BUSY_MESSAGE, load_demo_work, owner_only_message
from .ratings import add_demo_ratings

LOGGER = logging.getLogger(__name__)

# Only these triggers are paused: per-statement audit rows and QGIS refresh messages.
# The demo history's messages went out long ago: loading it queues none.
PAUSED_TRIGGERS = ("audit_insert", "notify_qgis", "enqueue_messages")
# Configuration that refers to demo tables only optionally: its general rows survive a load.
KEPT_CONFIGURATION = {
    "imis.sla_policy": "category_id IS NULL AND ward_id IS NULL AND suburb_id IS NULL",
    "imis.special_day": "ward_id IS NULL AND suburb_id IS NULL",
}
LOCK_TIMEOUT = "10s"
COPY_READ_SIZE = 1 << 20
Progress = Callable[[str, int, float], None]  # table, rows, seconds


class DemoDataError(ImisError):
    """The demo data could not be loaded; the message says why and what to do."""


@dataclass(frozen=True)
class DemoSummary:
    size: str
    seed: int
    as_of: dt.datetime
    counts: dict[str, int]  # rows per table, in load order
    seconds: float  # the whole load, generation included
    # Per table (generation and COPY), then "indexes and foreign keys" and "analyze".
    table_seconds: dict[str, float] = field(default_factory=dict)
    emptied: tuple[str, ...] = ()  # tables that held rows and were emptied (replace=True)


def register_holds_data(settings: ConnectionSettings) -> bool:
    connection = _connect(settings)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT EXISTS (SELECT FROM imis.parcel) "
                "OR EXISTS (SELECT FROM imis.correspondence)"
            )
            return bool(cursor.fetchone()[0])
    finally:
        connection.close()


def load_demo_data(
    settings: ConnectionSettings,
    size: str | DemoSize = "small",
    seed: int = 2026,
    replace: bool = False,
    as_of: dt.datetime | None = None,
    progress: Progress | None = None,
    with_work: bool = True,
) -> DemoSummary:
    """Fills an empty register (or, with replace, any register) with a Demo City and, unless
    `with_work` is false, its field work (services.demo_work).

    Raises DemoDataError when the schema is missing, the register already holds data and
    `replace` is false, or the tables are busy; the database is then left as it was.
    """
    started = time.perf_counter()
    try:
        city = DemoCity(size, seed, as_of)
    except ValueError as error:  # an unknown size name, a naive as_of
        raise DemoDataError(str(error)) from error
    tables = city.tables()
    counts: dict[str, int] = {}
    table_seconds: dict[str, float] = {}
    connection = _connect(settings)
    try:
        with connection, connection.cursor() as cursor:
            _prepare(cursor)
            names = [t.name for t in tables]
            emptied = _empty_tables(cursor, names, replace)  # the ratings go with their items
            paused = [*names, "satisfaction_rating"]
            _set_triggers(cursor, paused, enable=False)
            restore = _drop_indexes_and_foreign_keys(cursor, names)
            for table in tables:
                counts[table.name], table_seconds[table.name] = _copy(cursor, table, progress)
            table_seconds["indexes and foreign keys"] = _run_timed(cursor, restore)
            counts["satisfaction_rating"] = add_demo_ratings(cursor, seed, city.as_of)
            _set_triggers(cursor, paused, enable=True)
            _move_sequences(cursor, tables, counts["correspondence"])
            _finish(cursor, names)
        table_seconds["analyze"] = _analyze(connection, paused)
    except psycopg2.errors.LockNotAvailable as error:
        raise DemoDataError(BUSY_MESSAGE) from error
    except psycopg2.errors.InsufficientPrivilege as error:
        what = owner_only_message("Loading demo data empties and refills the IMIS tables")
        raise DemoDataError(f"{what}: {error.pgerror.strip()}") from error
    finally:
        connection.close()
    if with_work:  # routing rules, teams, assets, tasks and job cards
        counts.update(load_demo_work(settings, city).counts)
    summary = DemoSummary(
        size=city.size.name,
        seed=seed,
        as_of=city.as_of,
        counts=counts,
        seconds=time.perf_counter() - started,
        table_seconds=table_seconds,
        emptied=emptied,
    )
    LOGGER.info("Demo City (%s, seed %d) loaded in %.1f s", summary.size, seed, summary.seconds)
    return summary


def _connect(settings: ConnectionSettings) -> psycopg2.extensions.connection:
    try:
        return psycopg2.connect(
            settings.dsn(), application_name=f"{APPLICATION_NAME} demo data", connect_timeout=10
        )
    except psycopg2.OperationalError as error:
        raise DemoDataError(
            f"Cannot connect to {settings.describe()}: {str(error).strip()}"
        ) from error


def _prepare(cursor: psycopg2.extensions.cursor) -> None:
    cursor.execute(
        "SELECT to_regclass('imis.correspondence') IS NOT NULL, "
        "set_config('lock_timeout', %s, true), "
        "set_config('statement_timeout', '0', true), "  # a city takes minutes
        # Memory for building the indexes (and GIN trigram indexes most of all).
        "set_config('maintenance_work_mem', '1GB', true)",
        (LOCK_TIMEOUT,),
    )
    if not cursor.fetchone()[0]:
        raise DemoDataError(
            "The database has no IMIS-customer register yet. "
            "Upgrade it first: python -m imis_customer_plugin db upgrade"
        )
    cursor.execute("SELECT version_num FROM imis.alembic_version")
    version = cursor.fetchone()[0]
    if version != head_revision():  # the Demo City fills the newest schema's tables
        raise DemoDataError(
            f"The register's schema is at version {version}, not {head_revision()}. "
            "Upgrade it first: python -m imis_customer_plugin db upgrade"
        )


def _qualified(name: str) -> sql.Composable:
    return sql.Identifier(SCHEMA, name)


def _empty_tables(
    cursor: psycopg2.extensions.cursor, names: list[str], replace: bool
) -> tuple[str, ...]:
    """Locks and truncates the tables (and any table referencing them); refuses to drop data
    unless `replace`. Truncating in this transaction is also what lets COPY use FREEZE."""
    tables = _with_dependants(cursor, names)
    cursor.execute(
        sql.SQL("LOCK TABLE {} IN ACCESS EXCLUSIVE MODE").format(
            sql.SQL(", ").join(sql.SQL(t) for t in tables)
        )
    )
    filled = []
    for table in tables:
        if table in KEPT_CONFIGURATION:
            continue
        cursor.execute(sql.SQL("SELECT EXISTS (SELECT FROM {})").format(sql.SQL(table)))
        if cursor.fetchone()[0]:
            filled.append(table)
    if filled and not replace:
        more = f" and {len(filled) - 3} more tables" if len(filled) > 3 else ""
        raise DemoDataError(
            f"The register already holds data (in {', '.join(filled[:3])}{more}). Demo data "
            "is only loaded into an empty register; load it with replace=True (command line: "
            "--replace) to delete that data first."
        )
    kept = [t for t in tables if t in KEPT_CONFIGURATION]
    for table in kept:
        cursor.execute(
            sql.SQL("CREATE TEMP TABLE {} ON COMMIT DROP AS SELECT * FROM {} WHERE {}").format(
                sql.Identifier(f"kept_{table}"), sql.SQL(table), sql.SQL(KEPT_CONFIGURATION[table])
            )
        )
    cursor.execute(
        sql.SQL("TRUNCATE {} RESTART IDENTITY").format(
            sql.SQL(", ").join(sql.SQL(t) for t in tables)
        )
    )
    for table in kept:
        cursor.execute(
            sql.SQL("INSERT INTO {} OVERRIDING SYSTEM VALUE SELECT * FROM {}").format(
                sql.SQL(table), sql.Identifier(f"kept_{table}")
            )
        )
    if filled:
        LOGGER.warning("Emptied %s to load the demo data", ", ".join(filled))
    return tuple(filled)


def _with_dependants(cursor: psycopg2.extensions.cursor, names: list[str]) -> list[str]:
    """The demo tables, then every table whose foreign keys lead to them (quoted names)."""
    cursor.execute(
        """
        WITH RECURSIVE linked(oid) AS (
            SELECT c.oid FROM pg_class AS c
             WHERE c.relnamespace = %(schema)s::regnamespace AND c.relname = ANY(%(names)s)
            UNION
            SELECT k.conrelid FROM pg_constraint AS k JOIN linked AS l ON k.confrelid = l.oid
             WHERE k.contype = 'f'
        )
        SELECT format('%%I.%%I', n.nspname, c.relname)
          FROM linked JOIN pg_class AS c USING (oid)
          JOIN pg_namespace AS n ON n.oid = c.relnamespace
         ORDER BY n.nspname <> %(schema)s, array_position(%(names)s, c.relname::text), 1
        """,
        {"schema": SCHEMA, "names": names},
    )
    return [row[0] for row in cursor.fetchall()]


def _set_triggers(cursor: psycopg2.extensions.cursor, names: list[str], enable: bool) -> None:
    cursor.execute(
        """
        SELECT c.relname, t.tgname FROM pg_trigger AS t JOIN pg_class AS c ON c.oid = t.tgrelid
         WHERE c.relnamespace = %s::regnamespace AND c.relname = ANY(%s)
           AND t.tgname = ANY(%s) AND NOT t.tgisinternal
        """,
        (SCHEMA, names, list(PAUSED_TRIGGERS)),
    )
    action = sql.SQL("ENABLE" if enable else "DISABLE")
    for table, trigger in cursor.fetchall():
        cursor.execute(
            sql.SQL("ALTER TABLE {} {} TRIGGER {}").format(
                _qualified(table), action, sql.Identifier(trigger)
            )
        )


def _drop_indexes_and_foreign_keys(
    cursor: psycopg2.extensions.cursor, names: list[str]
) -> list[str]:
    """Drops the plain indexes and foreign keys of the tables; returns the statements that
    re-create them exactly (names, definitions), indexes first."""
    tables = [f"{SCHEMA}.{name}" for name in names]
    cursor.execute(
        """
        SELECT format('DROP INDEX %%s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
          FROM pg_index AS i
         WHERE i.indrelid = ANY(%(tables)s::regclass[])
           AND NOT (i.indisunique OR i.indisprimary OR i.indisexclusion OR i.indisclustered)
           AND NOT EXISTS (SELECT FROM pg_constraint AS k WHERE k.conindid = i.indexrelid)
        UNION ALL
        SELECT format('ALTER TABLE %%s DROP CONSTRAINT %%I', k.conrelid::regclass, k.conname),
               format('ALTER TABLE %%s ADD CONSTRAINT %%I %%s', k.conrelid::regclass,
                      k.conname, pg_get_constraintdef(k.oid))
          FROM pg_constraint AS k
         WHERE k.contype = 'f' AND k.conrelid = ANY(%(tables)s::regclass[])
        """,
        {"tables": tables},
    )
    statements = cursor.fetchall()
    for drop, _ in statements:
        cursor.execute(drop)
    return [create for _, create in statements]


def _run_timed(cursor: psycopg2.extensions.cursor, statements: list[str]) -> float:
    started = time.perf_counter()
    for statement in statements:
        cursor.execute(statement)
    seconds = time.perf_counter() - started
    LOGGER.info("%d indexes and foreign keys re-created in %.1f s", len(statements), seconds)
    return seconds


class _CopySource:
    """A file-like object for copy_expert, fed by a thread that makes the next chunks of
    text while the server ingests the previous ones (COPY releases the GIL while sending)."""

    _DONE = object()

    def __init__(self, chunks: Iterator[str]) -> None:
        self._queue: queue.Queue[object] = queue.Queue(maxsize=4)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._produce, args=(chunks,), daemon=True)
        self._thread.start()

    def _produce(self, chunks: Iterator[str]) -> None:
        try:
            for text in chunks:
                if not self._put(text.encode()):
                    return
            self._put(self._DONE)
        except BaseException as error:  # handed to the reading side, which re-raises it
            self._put(error)

    def _put(self, item: object) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def read(self, size: int = -1) -> bytes:
        item = self._queue.get()
        if item is self._DONE:
            self._queue.put(item)  # every later read says "end" too
            return b""
        if isinstance(item, BaseException):
            raise item
        return item  # type: ignore[return-value]

    def close(self) -> None:
        self._stop.set()
        self._thread.join()


def _copy(
    cursor: psycopg2.extensions.cursor, table: Table, progress: Progress | None
) -> tuple[int, float]:
    started = time.perf_counter()
    statement = sql.SQL("COPY {} ({}) FROM STDIN WITH (FREEZE)").format(
        _qualified(table.name), sql.SQL(", ").join(map(sql.Identifier, table.columns))
    )
    source = _CopySource(table.copy_lines())
    try:
        cursor.copy_expert(statement.as_string(cursor), source, size=COPY_READ_SIZE)
    finally:
        source.close()
    seconds = time.perf_counter() - started
    LOGGER.info("%s: %d rows in %.1f s", table.name, cursor.rowcount, seconds)
    if progress is not None:
        progress(table.name, cursor.rowcount, seconds)
    return cursor.rowcount, seconds


def _move_sequences(
    cursor: psycopg2.extensions.cursor, tables: list[Table], correspondences: int
) -> None:
    """Identity sequences (and the reference number) continue after the generated rows."""
    for table in tables:
        if not table.identity:
            continue
        cursor.execute(
            sql.SQL(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), coalesce(max(id), 1), "
                "max(id) IS NOT NULL) FROM {}"
            ).format(_qualified(table.name)),
            (f"{SCHEMA}.{table.name}",),
        )
    # Generated references are CRyyyy-n with n = id, as the reference trigger would give.
    cursor.execute(
        "SELECT setval('imis.correspondence_number', greatest(%s, 1), %s)",
        (correspondences, correspondences > 0),
    )


def _finish(cursor: psycopg2.extensions.cursor, names: list[str]) -> None:
    cursor.execute(
        """
        INSERT INTO imis.setting (key, value, description)
        VALUES ('municipality.name', to_jsonb(%s::text), 'Name shown on reports and messages')
        ON CONFLICT (key) DO UPDATE
           SET value = EXCLUDED.value, updated_at = now(), updated_by = session_user
        """,
        (MUNICIPALITY,),
    )
    # The demo items have no due times yet: the worker's next sweep computes them.
    cursor.execute("DELETE FROM imis.setting WHERE key = 'sla.computed_version'")
    # Open QGIS layers refresh once the load commits (their triggers were paused).
    cursor.execute("SELECT pg_notify('qgis', name) FROM unnest(%s::text[]) AS name", (names,))


def _analyze(connection: psycopg2.extensions.connection, names: list[str]) -> float:
    started = time.perf_counter()
    connection.autocommit = True
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute(sql.SQL("ANALYZE {}").format(_qualified(name)))
    return time.perf_counter() - started
