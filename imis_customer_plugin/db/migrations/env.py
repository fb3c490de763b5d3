"""Alembic environment: always run from imis_customer_plugin.db.migrate with a connection."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from imis_customer_plugin.definitions import SCHEMA

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through `python -m imis_customer_plugin db upgrade`.")

# The version table lives in our schema, so the schema must exist before Alembic looks.
connection.execute(text(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}"))
context.configure(
    connection=connection,
    version_table_schema=SCHEMA,
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
