"""Command line of the headless side: `python -m imis_customer_plugin --help`."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from decimal import Decimal

from .core.costs import format_rand
from .core.errors import ImisError
from .db import migrate
from .db.connection import ConnectionSettings, create_db_engine, settings_from_environment
from .services import costs, database

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

    importing = commands.add_parser(
        "import", help="bulk-load reference data or customers (all or nothing)"
    )
    kinds = importing.add_subparsers(dest="kind", required=True, metavar="KIND")
    for kind in ("wards", "suburbs", "boundary", "parcels"):
        spatial = kinds.add_parser(kind, help=f"{kind} from a GeoPackage, Shapefile or GeoJSON")
        spatial.add_argument("path", help="the file to import")
        spatial.add_argument("--layer", help="layer name (default: the only or first one)")
        spatial.add_argument("--source-epsg", type=int, help="CRS of a file that names none")
        spatial.add_argument("--repair", action="store_true", help="repair invalid geometries")
        spatial.add_argument(
            "--field",
            action="append",
            default=[],
            metavar="SOURCE=OURS",
            help="map a source field to ours, e.g. --field WARD_NAME=code",
        )
    for kind in ("customers", "accounts"):
        kinds.add_parser(kind, help=f"{kind} from a CSV file (see README)").add_argument("path")

    demo = commands.add_parser("demo", help="the Demo City")
    demo_commands = demo.add_subparsers(dest="demo_command", required=True, metavar="ACTION")
    load = demo_commands.add_parser("load", help="generate and load the Demo City")
    load.add_argument("--size", default="small", help="small (default) or city")
    load.add_argument("--seed", type=int, default=2026)
    load.add_argument("--replace", action="store_true", help="replace data already loaded")
    load.add_argument(
        "--keep-existing", action="store_true", help="do nothing when the register holds data"
    )

    worker = commands.add_parser(
        "worker",
        help="SLA sweeps, escalation and message delivery (SMTP/SMS from $IMIS_SMTP_*, "
        "$IMIS_SMS_*; see README)",
    )
    worker.add_argument("--once", action="store_true", help="one cycle, then exit (cron)")
    worker.add_argument(
        "--interval", type=float, default=60.0, help="seconds between cycles (default: 60)"
    )

    finance = commands.add_parser("finance", help="cost allocations for the finance system")
    finance_commands = finance.add_subparsers(
        dest="finance_command", required=True, metavar="ACTION"
    )
    export = finance_commands.add_parser(
        "export",
        help="write the approved, not yet exported cost allocations as a CSV batch "
        "(docs/finance_export.md); nothing to export writes nothing",
    )
    export.add_argument("--to", required=True, dest="directory", metavar="DIR", help="folder")
    export.add_argument(
        "--batch",
        type=int,
        metavar="ID",
        help="write exported batch ID's file again (a re-delivery: tell finance)",
    )
    finance_commands.add_parser("pending", help="allocations awaiting approval or export")
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


def _run_import(args: argparse.Namespace, settings: ConnectionSettings) -> int:
    from .services import imports  # noqa: PLC0415 - GDAL only for the imports

    if args.kind in imports.CSV_IMPORTS:
        report = imports.CSV_IMPORTS[args.kind](settings, args.path)
    else:
        fields = dict(pair.split("=", 1) for pair in args.field if "=" in pair)
        report = imports.SPATIAL_IMPORTS[args.kind](
            settings,
            args.path,
            args.layer,
            fields=fields or None,
            source_epsg=args.source_epsg,
            repair=args.repair,
        )
    print(report.summary())
    for note in report.notes:
        print(f"  {note}")
    return EXIT_OK


def _run_demo(args: argparse.Namespace, settings: ConnectionSettings) -> int:
    from .services import demo_data  # noqa: PLC0415 - numpy only for the Demo City

    if args.keep_existing and demo_data.register_holds_data(settings):
        print("The register already holds data; kept it (demo load --replace reloads it).")
        return EXIT_OK
    summary = demo_data.load_demo_data(settings, args.size, seed=args.seed, replace=args.replace)
    counts = ", ".join(f"{count} {table}" for table, count in summary.counts.items())
    took = f"{summary.seconds:.1f} s"
    print(f"Demo City ({summary.size}, seed {summary.seed}) loaded in {took}: {counts}")
    return EXIT_OK


def _run_worker(args: argparse.Namespace, settings: ConnectionSettings) -> int:
    from . import worker  # noqa: PLC0415 - the desk commands need none of the delivery code

    status = database.check_database(settings)
    if not status.usable:
        print(status.message(), file=sys.stderr)
        return EXIT_FAILURE
    config = worker.DeliveryConfig.from_environment()
    engine = create_db_engine(settings)
    try:
        if args.once:
            print(worker.run_cycle(engine, config))
        else:
            worker.run_forever(engine, config, args.interval)
    finally:
        engine.dispose()
    return EXIT_OK


def _run_finance(args: argparse.Namespace, settings: ConnectionSettings) -> int:
    status = database.check_database(settings)
    if not status.usable:
        print(status.message(), file=sys.stderr)
        return EXIT_FAILURE
    engine = create_db_engine(settings)
    try:
        if args.finance_command == "pending":
            with engine.connect() as connection:
                _print_pending(costs.pending(connection))
        elif args.batch is not None:
            with engine.begin() as connection:
                path = costs.write_batch(connection, args.batch, args.directory)
            print(f"Export batch {args.batch} written again to {path}; tell finance it is a copy.")
        else:
            run = costs.run_export(engine, args.directory)
            for path in run.recovered:
                print(f"Published {path}, which an interrupted export had left unpublished.")
            print(
                run.result.summary()
                if run.result
                else "Nothing to export: no approved cost allocations await export."
            )
    finally:
        engine.dispose()
    return EXIT_OK


def _print_pending(items: Sequence[costs.PendingItem]) -> None:
    if not items:
        print("No cost allocations await approval or export.")
    for status, heading in (
        ("approved", "Approved, awaiting export"),
        ("proposed", "Awaiting approval"),
    ):
        listed = [item for item in items if item.status.value == status]
        if not listed:
            continue
        total = sum((item.total for item in listed), Decimal("0.00"))
        count = f"{len(listed)} item{'' if len(listed) == 1 else 's'}"
        print(f"{heading}: {count}, {format_rand(total)}")
        for item in listed:
            print(f"  {item.reference:<16} {item.lines:>3} lines {format_rand(item.total):>18}")


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
    handlers = {
        "db": _run_db,
        "import": _run_import,
        "demo": _run_demo,
        "worker": _run_worker,
        "finance": _run_finance,
    }
    try:
        return handlers[args.command](args, settings)
    except ImisError as error:
        print(error, file=sys.stderr)
        return EXIT_FAILURE
