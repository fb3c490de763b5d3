"""Map views: open correspondence counted per parcel and per ward, for the QGIS layers.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22

Plain views, not materialized: they read only the open items (the partial index on
correspondence.status), so they stay live for NOTIFY-driven refreshes and cheap at city
scale (one aggregate over the open rows, about 30,000 of 1,000,000 in the benchmark city).
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

VIEWS = ("parcel_open_items", "open_items_by_ward")


def upgrade() -> None:
    op.execute(_PARCEL_OPEN_ITEMS)
    op.execute(_OPEN_ITEMS_BY_WARD)
    for view in VIEWS:
        # Counts then obey the reader's own rights (and row-level security, once the
        # register has it) instead of the view owner's. PostgreSQL 15 and newer only.
        op.execute(
            "DO $$ BEGIN IF current_setting('server_version_num')::int >= 150000 THEN "
            f"ALTER VIEW imis.{view} SET (security_invoker = true); END IF; END $$"
        )
        op.execute(f"GRANT SELECT ON imis.{view} TO imis_reader")


def downgrade() -> None:
    for view in VIEWS:
        op.execute(f"DROP VIEW imis.{view}")


_PARCEL_OPEN_ITEMS = """
CREATE VIEW imis.parcel_open_items AS
SELECT p.id, p.erf_number, p.ward_id, p.suburb_id,
       o.open_items, o.escalated_items, o.oldest_logged_at,
       p.geom
  FROM (SELECT parcel_id,
               count(*)::integer AS open_items,
               (count(*) FILTER (WHERE status = 'escalated'))::integer AS escalated_items,
               min(logged_at) AS oldest_logged_at
          FROM imis.correspondence
         WHERE status <> 'closed' AND parcel_id IS NOT NULL
         GROUP BY parcel_id) AS o
  JOIN imis.parcel AS p ON p.id = o.parcel_id;
COMMENT ON VIEW imis.parcel_open_items IS
    'Parcels with at least one open correspondence (status other than closed), with the count';
"""

# Wards hold roughly equal numbers of voters, so raw counts compare fairly between them.
_OPEN_ITEMS_BY_WARD = """
CREATE VIEW imis.open_items_by_ward AS
SELECT w.id, w.code, w.name,
       COALESCE(o.open_items, 0) AS open_items,
       COALESCE(o.escalated_items, 0) AS escalated_items,
       w.geom
  FROM imis.ward AS w
  LEFT JOIN (SELECT ward_id,
                    count(*)::integer AS open_items,
                    (count(*) FILTER (WHERE status = 'escalated'))::integer AS escalated_items
               FROM imis.correspondence
              WHERE status <> 'closed' AND ward_id IS NOT NULL
              GROUP BY ward_id) AS o ON o.ward_id = w.id;
COMMENT ON VIEW imis.open_items_by_ward IS
    'Every ward with its number of open correspondence items (0 when none)';
"""
