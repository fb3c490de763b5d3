"""Use cases around the database itself: can we reach it, is its schema ours, upgrade it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import Enum

from sqlalchemy import exc, text
from sqlalchemy.pool import NullPool

from ..db import migrate
from ..db.connection import ConnectionSettings, create_db_engine
from ..definitions import QT_TRANSLATE_NOOP, SCHEMA

LOGGER = logging.getLogger(__name__)


class DatabaseState(str, Enum):
    READY = "ready"
    EMPTY = "empty"
    OLDER = "older"
    NEWER = "newer"
    MISSING_DATABASE = "missing_database"
    UNKNOWN_SERVICE = "unknown_service"
    AUTH_FAILED = "auth_failed"
    UNREACHABLE = "unreachable"
    NO_POSTGIS = "no_postgis"
    NO_ACCESS = "no_access"
    ERROR = "error"


# English templates, translated by the GUI (context "DatabaseStatus"); fields are filled
# from DatabaseStatus.fields().
STATUS_MESSAGES = {
    DatabaseState.READY: QT_TRANSLATE_NOOP(
        "DatabaseStatus", "Connected to {target}, schema version {current}."
    ),
    DatabaseState.EMPTY: QT_TRANSLATE_NOOP(
        "DatabaseStatus",
        "The database {target} has no IMIS-customer schema yet. "
        "Install it (schema version {head}) or choose another database.",
    ),
    DatabaseState.OLDER: QT_TRANSLATE_NOOP(
        "DatabaseStatus",
        "The database {target} has schema version {current}; this plugin needs {head}. "
        "Upgrade the database before using it.",
    ),
    DatabaseState.NEWER: QT_TRANSLATE_NOOP(
        "DatabaseStatus",
        "The database {target} has schema version {current}, newer than this plugin knows "
        "({head}). Update the IMIS Customer plugin.",
    ),
    DatabaseState.MISSING_DATABASE: QT_TRANSLATE_NOOP(
        "DatabaseStatus",
        "The server answered, but the database of {target} does not exist. "
        "Check the database name or ask your administrator to create it.",
    ),
    DatabaseState.UNKNOWN_SERVICE: QT_TRANSLATE_NOOP(
        "DatabaseStatus",
        "There is no PostgreSQL service called {service} in your pg_service.conf. "
        "Add it, or choose a saved QGIS connection.",
    ),
    DatabaseState.AUTH_FAILED: QT_TRANSLATE_NOOP(
        "DatabaseStatus",
        "The server refused the user name or password for {target}. "
        "Check the credentials in the QGIS authentication configuration.",
    ),
    DatabaseState.UNREACHABLE: QT_TRANSLATE_NOOP(
        "DatabaseStatus",
        "The database server of {target} cannot be reached. "
        "Check the host and port, and that the server is running.",
    ),
    DatabaseState.NO_POSTGIS: QT_TRANSLATE_NOOP(
        "DatabaseStatus",
        "The database {target} has no PostGIS extension. Ask your administrator to run "
        "CREATE EXTENSION postgis in it.",
    ),
    DatabaseState.NO_ACCESS: QT_TRANSLATE_NOOP(
        "DatabaseStatus",
        "You may connect to {target}, but your PostgreSQL role has no access to the "
        "IMIS-customer schema. Ask your administrator to give you an IMIS-customer role.",
    ),
    DatabaseState.ERROR: QT_TRANSLATE_NOOP(
        "DatabaseStatus", "Could not use the database {target}: {detail}"
    ),
}

# libpq/server messages (English; localised servers fall back to ERROR with the detail).
_CONNECTION_PROBLEMS = (
    ("definition of service", DatabaseState.UNKNOWN_SERVICE),
    ("service file", DatabaseState.UNKNOWN_SERVICE),
    ("does not exist", DatabaseState.MISSING_DATABASE),
    ("password authentication failed", DatabaseState.AUTH_FAILED),
    ("no password supplied", DatabaseState.AUTH_FAILED),
    ("peer authentication failed", DatabaseState.AUTH_FAILED),
    ("no pg_hba.conf entry", DatabaseState.AUTH_FAILED),
    ("could not connect", DatabaseState.UNREACHABLE),
    ("connection refused", DatabaseState.UNREACHABLE),
    ("could not translate host name", DatabaseState.UNREACHABLE),
    ("timeout expired", DatabaseState.UNREACHABLE),
)

_ACCESS_QUERY = text(
    """
    SELECT EXISTS (SELECT FROM pg_extension WHERE extname = 'postgis'),
           coalesce((SELECT has_schema_privilege(oid, 'USAGE')
                       FROM pg_namespace WHERE nspname = :schema), true)
    """
)


@dataclass(frozen=True)
class DatabaseStatus:
    state: DatabaseState
    target: str
    current: str | None = None
    head: str | None = None
    can_upgrade: bool = False
    detail: str = ""
    service: str = ""

    @property
    def usable(self) -> bool:
        return self.state is DatabaseState.READY

    @property
    def upgradable(self) -> bool:
        return self.state in (DatabaseState.EMPTY, DatabaseState.OLDER) and self.can_upgrade

    def fields(self) -> dict[str, str]:
        return {
            "target": self.target,
            "current": self.current or "-",
            "head": self.head or "-",
            "detail": self.detail,
            "service": self.service,
        }

    def message(self) -> str:
        """The English message; the GUI translates STATUS_MESSAGES itself."""
        return STATUS_MESSAGES[self.state].format(**self.fields())


def classify_connection_error(message: str) -> DatabaseState:
    lowered = message.lower()
    for needle, state in _CONNECTION_PROBLEMS:
        if needle in lowered:
            return state
    return DatabaseState.ERROR


def check_database(settings: ConnectionSettings) -> DatabaseStatus:
    """Connects once and says whether the database can be used by this plugin version."""
    target = settings.describe()
    service = settings.params.get("service", "")
    engine = create_db_engine(settings, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            has_postgis, has_access = connection.execute(_ACCESS_QUERY, {"schema": SCHEMA}).one()
            if not has_postgis:
                return DatabaseStatus(DatabaseState.NO_POSTGIS, target, service=service)
            if not has_access:
                return DatabaseStatus(DatabaseState.NO_ACCESS, target, service=service)
            version = migrate.schema_version(connection)
            may_migrate = migrate.can_migrate(connection)
    except exc.OperationalError as error:
        detail = str(error.orig).strip()
        LOGGER.info("Connection to %s failed: %s", target, detail)
        return DatabaseStatus(
            classify_connection_error(detail), target, detail=detail, service=service
        )
    except exc.SQLAlchemyError as error:
        detail = str(getattr(error, "orig", error)).strip()
        return DatabaseStatus(DatabaseState.ERROR, target, detail=detail, service=service)
    finally:
        engine.dispose()
    state = {
        migrate.SchemaRelation.CURRENT: DatabaseState.READY,
        migrate.SchemaRelation.EMPTY: DatabaseState.EMPTY,
        migrate.SchemaRelation.OLDER: DatabaseState.OLDER,
        migrate.SchemaRelation.NEWER: DatabaseState.NEWER,
    }[version.relation]
    return DatabaseStatus(
        state, target, version.current, version.head, can_upgrade=may_migrate, service=service
    )


def upgrade_database(settings: ConnectionSettings, revision: str = "head") -> DatabaseStatus:
    """Runs the migrations up to `revision` in one transaction, then checks again."""
    engine = create_db_engine(settings)
    try:
        migrate.upgrade(engine, revision)
    finally:
        engine.dispose()
    return check_database(settings)
