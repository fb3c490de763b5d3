"""Command line of the headless side: `python -m imis_customer_plugin --help`."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from .db import migrate
from .db.connection import ConnectionSettings, create_db_engine, settings_from_environment
from .services import database

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m imis_customer_plugin",
        description="IMIS-customer headless tools. The database is the pg_service 'imis' "
        "unless --service, --dsn, $IMIS_DSN or $PGSERVICE says otherwise.",
    )
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--service", help="pg_service name (default: imis)")
    target.add_argument("--dsn", help="libpq connection string, e.g. 'host=db dbname=imis'")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    db = commands.add_parser("db", help="schema version and migrations")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    upgrade = db_commands.add_parser("upgrade", help="migrate schema imis to a newer version")
    upgrade.add_argument("revision", nargs="?", default="head", help="target (default: head)")
    downgrade = db_commands.add_parser("downgrade", help="migrate schema imis back")
    downgrade.add_argument("revision", help="target revision, e.g. -1 or base")
    db_commands.add_parser("current", help="show the database's schema version")
    db_commands.add_parser("check", help="say whether the plugin can use the database")
    return parser


def _settings(args: argparse.Namespace) -> ConnectionSettings:
    if args.dsn:
        return ConnectionSettings.from_dsn(args.dsn)
    if args.service:
        return ConnectionSettings.from_service(args.service)
    return settings_from_environment()


def _run_db(args: argparse.Namespace, settings: ConnectionSettings) -> int:
    if args.db_command in ("current", "check"):
        status = database.check_database(settings)
        if args.db_command == "current":
            print(status.current or "none" if status.head else status.message())
            return EXIT_OK if status.head else EXIT_FAILURE
        print(status.message())
        return EXIT_OK if status.usable else EXIT_FAILURE

    before = database.check_database(settings)
    if before.head is None:  # could not connect: say why rather than a traceback
        print(before.message(), file=sys.stderr)
        return EXIT_FAILURE
    engine = create_db_engine(settings)
    try:
        if args.db_command == "upgrade":
            migrate.upgrade(engine, args.revision)
        else:
            migrate.downgrade(engine, args.revision)
    finally:
        engine.dispose()
    after = database.check_database(settings)
    print(
        f"Schema imis: {before.current or 'none'} -> {after.current or 'none'} (head {after.head})"
    )
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        settings = _settings(args)
    except ValueError as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    if args.command == "db":
        return _run_db(args, settings)
    return EXIT_USAGE
