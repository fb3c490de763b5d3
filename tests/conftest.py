"""Fixtures shared by every test: an isolated QGIS profile and real PostGIS databases.

Database tests reach the server of the pg_service "imis" (or $IMIS_DSN), as `make db` sets
it up, and create throw-away databases there; nothing touches the "imis" database itself.
"""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

# Must happen before pytest-qgis creates the QgsApplication: settings written by the tests
# go to a throw-away profile, never to the developer's own QGIS profile.
os.environ.setdefault("QGIS_CUSTOM_CONFIG_PATH", tempfile.mkdtemp(prefix="imis-qgis-profile-"))

import psycopg2
import pytest
from osgeo import gdal
from psycopg2 import sql
from sqlalchemy.engine import Engine

from imis_customer_plugin.db import migrate
from imis_customer_plugin.db.connection import (
    ConnectionSettings,
    create_db_engine,
    settings_from_environment,
)
from imis_customer_plugin.db.server import execute_autocommit

from . import municipality

DROP_ATTEMPTS = 6


@pytest.fixture(scope="session")
def server_settings() -> ConnectionSettings:
    """The development server, as the developer's own role (needs CREATEDB)."""
    return settings_from_environment()


class ThrowAwayCluster:
    """Databases and login roles made for the tests on the real server, removed at the end."""

    def __init__(self, server: ConnectionSettings) -> None:
        self.server = server
        self.databases: list[str] = []
        self.roles: list[str] = []

    def create_database(self, template: str = "template1") -> ConnectionSettings:
        name = f"imis_test_{uuid.uuid4().hex[:10]}"
        statement = sql.SQL("CREATE DATABASE {} TEMPLATE {}")
        execute_autocommit(
            self.server, statement.format(sql.Identifier(name), sql.Identifier(template))
        )
        self.databases.append(name)
        return self.server.with_database(name)

    def create_login(self, password: str) -> dict[str, str]:
        """A password login role, reached over TCP like a user at another desk."""
        name = f"imis_test_user_{uuid.uuid4().hex[:8]}"
        statement = sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}; GRANT {} TO CURRENT_USER").format(
            sql.Identifier(name), sql.Literal(password), sql.Identifier(name)
        )  # membership lets the teardown end this role's sessions (DROP DATABASE ... FORCE)
        execute_autocommit(self.server, statement)
        self.roles.append(name)
        return {"host": "127.0.0.1", "port": self._port(), "user": name}

    def _port(self) -> str:
        connection = psycopg2.connect(self.server.dsn())
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT current_setting('port')")
                return cursor.fetchone()[0]
        finally:
            connection.close()

    def remove_all(self) -> None:
        """Drops everything it made; one failed drop neither stops the others nor goes unsaid."""
        drops = [("database", n, "DROP DATABASE IF EXISTS {} WITH (FORCE)") for n in self.databases]
        drops += [("role", n, "DROP ROLE IF EXISTS {}") for n in self.roles]
        failures = []
        for kind, name, statement in drops:
            for attempt in range(DROP_ATTEMPTS):
                try:
                    execute_autocommit(self.server, sql.SQL(statement).format(sql.Identifier(name)))
                    break
                except psycopg2.Error as error:
                    # A backend still starting up (a QGIS connection opening as the session
                    # ends) has no role yet, and FORCE may not end it: it is gone a moment later.
                    if error.pgcode == "42501" and attempt < DROP_ATTEMPTS - 1:
                        time.sleep(0.5)
                        continue
                    failures.append(f"{kind} {name}: {str(error).strip()}")
                    break
        if failures:
            raise RuntimeError("Test clean-up left these behind:\n" + "\n".join(failures))


@pytest.fixture(scope="session")
def cluster(server_settings: ConnectionSettings) -> Iterator[ThrowAwayCluster]:
    throw_away = ThrowAwayCluster(server_settings)
    yield throw_away
    throw_away.remove_all()


@pytest.fixture(scope="session")
def database_factory(cluster: ThrowAwayCluster):
    return cluster.create_database


@pytest.fixture()
def empty_database(database_factory) -> ConnectionSettings:
    return database_factory()


@pytest.fixture(scope="session")
def migrated_database(database_factory) -> ConnectionSettings:
    """One database at the newest schema, shared by the tests of a session."""
    settings = database_factory()
    engine = create_db_engine(settings)
    migrate.upgrade(engine)
    engine.dispose()
    return settings


@pytest.fixture(scope="session")
def register_settings(database_factory, template: str) -> ConnectionSettings:
    settings = database_factory(template=template)
    engine = create_db_engine(settings)
    municipality.seed_reference_data(engine)
    engine.dispose()
    return settings


@pytest.fixture(scope="session")
def register_engine(register_settings: ConnectionSettings) -> Iterator[Engine]:
    engine = create_db_engine(register_settings)
    yield engine
    engine.dispose()


CAPE_TOWN = Path(__file__).resolve().parent / "data" / "capetown"


@pytest.fixture(scope="session")
def template(database_factory) -> str:
    """A migrated, empty register that tests copy (CREATE DATABASE ... TEMPLATE is fast)."""
    settings = database_factory()
    engine = create_db_engine(settings)
    migrate.upgrade(engine)
    engine.dispose()
    return settings.params["dbname"]


@pytest.fixture()
def db(database_factory, template: str) -> ConnectionSettings:
    """A fresh copy of the empty register, for a test that writes."""
    return database_factory(template=template)


@pytest.fixture(scope="session")
def capetown(tmp_path_factory) -> dict[str, Path]:
    """The City's wards and parcels as GIS officers get them: GeoPackage and Shapefile."""
    folder = tmp_path_factory.mktemp("capetown")
    files = {}
    gdal.PushErrorHandler("CPLQuietErrorHandler")  # Shapefile field-name truncation warnings
    try:
        for name, source in (
            ("wards", "cct_wards_2021.geojson"),
            ("parcels", "cct_land_parcels_combined.geojson"),
        ):
            for driver, extension in (("GPKG", "gpkg"), ("ESRI Shapefile", "shp")):
                target = folder / f"{name}.{extension}"
                dataset = gdal.VectorTranslate(
                    str(target), str(CAPE_TOWN / source), format=driver, layerName=name
                )
                assert dataset is not None, f"cannot write {target}"
                dataset = None
                files[target.name] = target
    finally:
        gdal.PopErrorHandler()
    return files
