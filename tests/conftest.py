"""Fixtures shared by every test: an isolated QGIS profile and real PostGIS databases.

Database tests reach the server of the pg_service "imis" (or $IMIS_DSN), as `make db` sets
it up, and create throw-away databases there; nothing touches the "imis" database itself.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator

# Must happen before pytest-qgis creates the QgsApplication: settings written by the tests
# go to a throw-away profile, never to the developer's own QGIS profile.
os.environ.setdefault("QGIS_CUSTOM_CONFIG_PATH", tempfile.mkdtemp(prefix="imis-qgis-profile-"))

import psycopg2  # noqa: E402
import pytest  # noqa: E402
from psycopg2 import sql  # noqa: E402

from imis_customer_plugin.db import migrate  # noqa: E402
from imis_customer_plugin.db.connection import (  # noqa: E402
    ConnectionSettings,
    create_db_engine,
    settings_from_environment,
)


@pytest.fixture(scope="session")
def server_settings() -> ConnectionSettings:
    """The development server, as the developer's own role (needs CREATEDB)."""
    return settings_from_environment()


def _admin_execute(settings: ConnectionSettings, statement: sql.Composable) -> None:
    connection = psycopg2.connect(settings.dsn())
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
    finally:
        connection.close()


@pytest.fixture(scope="session")
def database_factory(server_settings: ConnectionSettings) -> Iterator:
    """Creates empty PostGIS databases (from template1, which has PostGIS) and drops them."""
    created: list[str] = []

    def create() -> ConnectionSettings:
        name = f"imis_test_{uuid.uuid4().hex[:10]}"
        _admin_execute(server_settings, sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        created.append(name)
        return server_settings.with_database(name)

    yield create
    for name in created:
        _admin_execute(
            server_settings,
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)),
        )


@pytest.fixture()
def empty_database(database_factory) -> ConnectionSettings:  # noqa: ANN001
    return database_factory()


@pytest.fixture(scope="session")
def migrated_database(database_factory) -> ConnectionSettings:  # noqa: ANN001
    """One database at the newest schema, shared by the tests of a session."""
    settings = database_factory()
    engine = create_db_engine(settings)
    migrate.upgrade(engine)
    engine.dispose()
    return settings
