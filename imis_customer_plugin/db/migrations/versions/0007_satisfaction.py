"""Customers' satisfaction ratings, for the performance report.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22

The resolution message asks the customer to rate the service (1-5); the desk (or a reply by
SMS, e-mail or the web) records the answer here. A table of its own rather than columns on
the register row: the hot row stays as narrow as it is, and one rating per item is the key.
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

CHANNELS = ("telephone", "walk_in", "email", "web", "sms", "social_media", "internal")


def upgrade() -> None:
    channels = ", ".join(f"'{c}'" for c in CHANNELS)
    op.execute(f"""
CREATE TABLE imis.satisfaction_rating (
    id          bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,  -- the audit log's row key
    correspondence_id bigint NOT NULL UNIQUE REFERENCES imis.correspondence (id),
    score       smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment     text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
    channel     text NOT NULL CHECK (channel IN ({channels})),
    rated_at    timestamptz NOT NULL DEFAULT now(),
    recorded_by text NOT NULL DEFAULT SESSION_USER
);
GRANT SELECT ON imis.satisfaction_rating TO imis_reader;
GRANT INSERT, UPDATE ON imis.satisfaction_rating TO imis_operator;
""")
    for event, transition in (
        ("INSERT", "NEW TABLE AS new_rows"),
        ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
        ("DELETE", "OLD TABLE AS old_rows"),
    ):
        op.execute(
            f"CREATE TRIGGER audit_{event.lower()} AFTER {event} ON imis.satisfaction_rating "
            f"REFERENCING {transition} FOR EACH STATEMENT "
            "EXECUTE FUNCTION imis.audit_statement()"
        )


def downgrade() -> None:
    op.execute("DROP TABLE imis.satisfaction_rating")
