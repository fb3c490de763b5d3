"""Issue 3 benchmark: CSV customer import against a bare COPY of the same file, same run."""

from __future__ import annotations

import csv
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import psycopg2

from imis_customer_plugin.db.connection import ConnectionSettings
from imis_customer_plugin.services.imports import import_customers

from .common import Result

_FIRST = ("Thandi", "Johan", "Ayesha", "Sipho", "Maria", "Pieter", "Nomsa", "Ravi", "Lindiwe")
_LAST = ("Mokoena", "van der Merwe", "Adams", "Dlamini", "Naidoo", "Botha", "Jacobs", "Khumalo")
_COLUMNS = "full_name, id_number, phone, email, preferred_channel, consent_to_contact"


def write_customers_csv(path: Path, rows: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(_COLUMNS.split(", "))
        for i in range(rows):
            writer.writerow(
                [
                    f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
                    f"{8_000_000_000_000 + i:013d}",
                    f"+2782{i:07d}",
                    f"c{i}@example.co.za",
                    rng.choice(("sms", "email", "telephone")),
                    rng.choice(("true", "false")),
                ]
            )
    return path


def _bare_copy(settings: ConnectionSettings, path: Path) -> None:
    connection = psycopg2.connect(settings.dsn())
    try:
        with connection, connection.cursor() as cursor, path.open(encoding="utf-8") as handle:
            cursor.copy_expert(
                f"COPY imis.customer ({_COLUMNS}) FROM STDIN (FORMAT csv, HEADER)", handle
            )
    finally:
        connection.close()


def bench_customer_import(
    fresh_database: Callable[[], ConnectionSettings], folder: Path, rows: int, rounds: int = 3
) -> list[Result]:
    """Each round loads the same file into two fresh, empty registers: bare, then ours."""
    path = write_customers_csv(folder / f"customers_{rows}.csv", rows)
    bare, ours = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        _bare_copy(fresh_database(), path)
        bare.append(time.perf_counter() - start)
        start = time.perf_counter()
        report = import_customers(fresh_database(), path)
        ours.append(time.perf_counter() - start)
        assert report.inserted == rows, report.summary()
    return [
        Result(
            f"import_customers_{rows}",
            rows / statistics.median(ours),
            "rows/s",
            rows / statistics.median(bare),
            target=">= 0.7x bare COPY",
        )
    ]
