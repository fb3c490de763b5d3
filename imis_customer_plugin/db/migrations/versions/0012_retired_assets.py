"""Assets can be retired: kept with their history, no longer picked for new work.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-22

Assets are never deleted (job cards, condition history and items refer to them), so a main
taken out of service stayed on the map and in every pick. retired_on marks the day it left
service: from then on the map and the pickers leave it out, and new job cards and item links
refuse it; everything already recorded against it stays.
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "ALTER TABLE imis.asset ADD COLUMN retired_on date, "
        "ADD CONSTRAINT asset_retired_after_install "
        "CHECK (retired_on IS NULL OR install_date IS NULL OR retired_on >= install_date);"
        "COMMENT ON COLUMN imis.asset.retired_on IS "
        "'The day the asset left service; NULL while in service'"
    )


def downgrade() -> None:
    op.execute("ALTER TABLE imis.asset DROP COLUMN retired_on")
