"""Baseline: PostGIS and the settings table of schema imis.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # PostGIS is installed by a superuser (make db does it); this only checks it is there.
    op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    # Every role that may use the schema must be able to read its version to be told it
    # is out of date; table privileges still decide what else it sees.
    op.execute("GRANT SELECT ON imis.alembic_version TO PUBLIC")
    op.execute(
        """
        CREATE TABLE imis.setting (
            key         text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_.]*$'),
            value       jsonb NOT NULL,
            description text NOT NULL DEFAULT '',
            updated_at  timestamptz NOT NULL DEFAULT now(),
            updated_by  text NOT NULL DEFAULT session_user
        )
        """
    )
    op.execute(
        "COMMENT ON TABLE imis.setting IS 'Municipality-wide configuration of IMIS-customer'"
    )
    op.execute(
        """
        INSERT INTO imis.setting (key, value, description) VALUES
          ('municipality.name', '"Demo City"', 'Name shown on reports and messages'),
          ('municipality.timezone', '"Africa/Johannesburg"', 'Zone in which times are shown')
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE imis.setting")
