"""Statements that cannot run in a transaction (CREATE/DROP DATABASE): tests and benchmarks."""

from __future__ import annotations

import psycopg2
from psycopg2 import sql

from .connection import ConnectionSettings


def execute_autocommit(settings: ConnectionSettings, statement: sql.Composable | str) -> None:
    connection = psycopg2.connect(settings.dsn())
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
    finally:
        connection.close()


def database_exists(settings: ConnectionSettings, name: str) -> bool:
    connection = psycopg2.connect(settings.dsn())
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT EXISTS (SELECT FROM pg_database WHERE datname = %s)", (name,))
            return bool(cursor.fetchone()[0])
    finally:
        connection.close()
