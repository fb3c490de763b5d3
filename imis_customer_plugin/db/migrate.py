"""Alembic, driven from code: the schema changes only through these migrations."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from ..definitions import SCHEMA

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE_OPTIONS = {"version_table_schema": SCHEMA}


class SchemaRelation(str, Enum):
    """Where the database's schema stands against the migrations this plugin carries."""

    EMPTY = "empty"  # schema "imis" was never installed
    CURRENT = "current"
    OLDER = "older"  # an upgrade is needed
    NEWER = "newer"  # the database was upgraded by a newer plugin


@dataclass(frozen=True)
class SchemaVersion:
    current: str | None
    head: str
    relation: SchemaRelation


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the plugin ships no migration"
    return head


def schema_version(connection: Connection) -> SchemaVersion:
    head = head_revision()
    current = MigrationContext.configure(
        connection, opts=VERSION_TABLE_OPTIONS
    ).get_current_revision()
    if current is None:
        return SchemaVersion(None, head, SchemaRelation.EMPTY)
    if current == head:
        return SchemaVersion(current, head, SchemaRelation.CURRENT)
    known = {
        script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()
    }
    relation = SchemaRelation.OLDER if current in known else SchemaRelation.NEWER
    return SchemaVersion(current, head, relation)


def can_migrate(connection: Connection) -> bool:
    """True when this role may create the schema or owns the existing one."""
    return bool(
        connection.execute(
            text(
                """
                SELECT CASE WHEN n.oid IS NULL
                            THEN has_database_privilege(current_database(), 'CREATE')
                            ELSE pg_has_role(n.nspowner, 'USAGE') END
                  FROM (SELECT 1) AS one
                  LEFT JOIN pg_namespace AS n ON n.nspname = :schema
                """
            ),
            {"schema": SCHEMA},
        ).scalar()
    )


def upgrade(engine: Engine, revision: str = "head") -> None:
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), revision)
