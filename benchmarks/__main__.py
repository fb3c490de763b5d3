"""`make bench`: builds (once) a city-scale register and measures against bare baselines.

.venv/bin/python -m benchmarks [--size city] [--database imis_bench] [--only register]
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import uuid
from pathlib import Path

from psycopg2 import sql
from sqlalchemy import text

from imis_customer_plugin.db import migrate
from imis_customer_plugin.db.connection import (
    ConnectionSettings,
    create_db_engine,
    settings_from_environment,
)
from imis_customer_plugin.db.server import database_exists, execute_autocommit
from imis_customer_plugin.services.demo_data import load_demo_data

from . import (
    bench_dispatch,
    bench_hotspots,
    bench_imports,
    bench_map,
    bench_outbox,
    bench_register,
    bench_reports,
    bench_sla,
)
from .common import Result, summary_lines, write_results
from .qgis_app import ensure_qgis


def prepare_city(
    server: ConnectionSettings, name: str, size: str
) -> tuple[ConnectionSettings, dict]:
    """The benchmark register: created, migrated and loaded once, reused by later runs."""
    if not database_exists(server, name):
        execute_autocommit(server, sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    settings = server.with_database(name)
    engine = create_db_engine(settings)
    try:
        migrate.upgrade(engine)
        with engine.connect() as connection:
            loaded = connection.execute(text("SELECT count(*) FROM imis.correspondence")).scalar()
        context = {"database": name}
        if not loaded:
            summary = load_demo_data(settings, size)
            context["demo_load_seconds"] = round(summary.seconds, 1)
        with engine.connect() as connection:
            for table in ("parcel", "customer", "account", "correspondence"):
                context[f"{table}_rows"] = connection.execute(
                    text(f"SELECT count(*) FROM imis.{table}")
                ).scalar()
    finally:
        engine.dispose()
    return settings, context


class FreshDatabases:
    """Empty migrated registers for import benchmarks, dropped afterwards."""

    def __init__(self, server: ConnectionSettings) -> None:
        self.server = server
        self.names: list[str] = []
        self.template = self._create(None)
        engine = create_db_engine(server.with_database(self.template))
        migrate.upgrade(engine)
        engine.dispose()

    def _create(self, template: str | None) -> str:
        name = f"imis_bench_tmp_{uuid.uuid4().hex[:8]}"
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        execute_autocommit(self.server, statement)
        self.names.append(name)
        return name

    def __call__(self) -> ConnectionSettings:
        return self.server.with_database(self._create(self.template))

    def drop(self) -> None:
        for name in reversed(self.names):
            execute_autocommit(
                self.server,
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)),
            )


def run_register(server: ConnectionSettings, args: argparse.Namespace) -> tuple[list[Result], dict]:
    settings, context = prepare_city(server, args.database, args.size)
    engine = create_db_engine(settings, pool_size=10)
    try:
        results = (
            bench_register.bench_locate(engine)
            + bench_register.bench_first_page(engine)
            + bench_register.bench_log_and_locate(engine)
        )
    finally:
        engine.dispose()
    return results, context


def run_imports(server: ConnectionSettings, args: argparse.Namespace) -> tuple[list[Result], dict]:
    fresh = FreshDatabases(server)
    try:
        with tempfile.TemporaryDirectory() as folder:
            results = bench_imports.bench_customer_import(fresh, Path(folder), args.import_rows)
    finally:
        fresh.drop()
    return results, {"rows": args.import_rows}


def run_sla(server: ConnectionSettings, args: argparse.Namespace) -> tuple[list[Result], dict]:
    _, context = prepare_city(server, args.database, args.size)
    results = bench_sla.bench_sweep(server, args.database)
    engine = create_db_engine(server.with_database(args.database))
    try:
        results += bench_outbox.run(engine)
    finally:
        engine.dispose()
    return results, context


def run_dispatch(server: ConnectionSettings, args: argparse.Namespace) -> tuple[list[Result], dict]:
    fresh = FreshDatabases(server)
    try:
        engine = create_db_engine(fresh())
        try:
            results = bench_dispatch.bench_board(engine)
        finally:
            engine.dispose()
    finally:
        fresh.drop()
    return results, {"open_tasks": bench_dispatch.OPEN_TASKS}


def run_map(server: ConnectionSettings, args: argparse.Namespace) -> tuple[list[Result], dict]:
    settings, context = prepare_city(server, args.database, args.size)
    return bench_map.bench_map_render(settings), context


def run_reports(server: ConnectionSettings, args: argparse.Namespace) -> tuple[list[Result], dict]:
    settings, context = prepare_city(server, args.database, args.size)
    ensure_qgis()  # the PDFs are QGIS print layouts
    engine = create_db_engine(settings)
    try:
        results = bench_reports.bench_pdfs(engine)
    finally:
        engine.dispose()
    return results + bench_hotspots.run(settings), context


SUITES = {
    "register": run_register,
    "imports": run_imports,
    "sla": run_sla,
    "dispatch": run_dispatch,
    "reports": run_reports,
    "map": run_map,
}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--size", default="city", help="Demo City size (default: city)")
    parser.add_argument("--database", default="imis_bench", help="benchmark database name")
    parser.add_argument("--only", choices=sorted(SUITES), action="append")
    parser.add_argument("--import-rows", type=int, default=100_000)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    server = settings_from_environment()
    for suite in args.only or SUITES:
        results, context = SUITES[suite](server, args)
        path = write_results(suite, results, {"size": args.size, **context})
        print(f"== {suite} ({path})")
        for line in summary_lines(results):
            print(f"   {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
