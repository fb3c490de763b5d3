"""Alembic migrations on a real, empty PostGIS database."""

from __future__ import annotations

from sqlalchemy import inspect, text

from imis_customer_plugin.db import migrate
from imis_customer_plugin.db.connection import create_db_engine


def _tables(engine) -> set[str]:
    return set(inspect(engine).get_table_names(schema="imis")) - {"alembic_version"}


def test_upgrade_downgrade_upgrade_on_empty_database(empty_database) -> None:
    engine = create_db_engine(empty_database)
    try:
        migrate.upgrade(engine)
        with engine.connect() as connection:
            assert migrate.schema_version(connection).relation is migrate.SchemaRelation.CURRENT
        tables_at_head = _tables(engine)
        assert "setting" in tables_at_head

        migrate.downgrade(engine, "base")
        with engine.connect() as connection:
            assert migrate.schema_version(connection).relation is migrate.SchemaRelation.EMPTY
        assert _tables(engine) == set()

        migrate.upgrade(engine)
        assert _tables(engine) == tables_at_head
        with engine.connect() as connection:
            assert (
                connection.execute(
                    text("SELECT value #>> '{}' FROM imis.setting WHERE key = 'municipality.name'")
                ).scalar()
                == "Demo City"
            )
    finally:
        engine.dispose()


def test_every_revision_downgrades_to_its_predecessor(empty_database) -> None:
    """Step by step, so a broken downgrade() in the middle of the chain is found."""
    engine = create_db_engine(empty_database)
    try:
        migrate.upgrade(engine)
        steps = 0
        while True:
            with engine.connect() as connection:
                if migrate.schema_version(connection).current is None:
                    break
            migrate.downgrade(engine, "-1")
            steps += 1
        assert steps >= 1
    finally:
        engine.dispose()
