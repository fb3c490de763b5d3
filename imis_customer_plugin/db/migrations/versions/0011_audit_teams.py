"""Teams and their members are audited like the rest of the configuration.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-22

0006 audited routing rules but not teams, though a team is a rule's default assignee and
decides who is sent to a burst pipe. imis.team_member has no id of its own (its key is the
team and the staff member), so its audit rows carry the team's id: the question an auditor
asks is who changed that team's crew, and when.
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# team has an id of its own; team_member is audited under its team's id.
_AUDIT_FUNCTION = {
    "team": "imis.audit_statement()",
    "team_member": "imis.audit_statement_by_key('team_id')",
}
_TRANSITIONS = (
    ("INSERT", "NEW TABLE AS new_rows"),
    ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
    ("DELETE", "OLD TABLE AS old_rows"),
)


def upgrade() -> None:
    op.execute(_AUDIT_BY_KEY)
    for table, function in _AUDIT_FUNCTION.items():
        for event, transition in _TRANSITIONS:
            op.execute(
                f"CREATE TRIGGER audit_{event.lower()} AFTER {event} ON imis.{table} "
                f"REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION {function}"
            )


def downgrade() -> None:
    for table in _AUDIT_FUNCTION:
        for event, _ in _TRANSITIONS:
            op.execute(f"DROP TRIGGER audit_{event.lower()} ON imis.{table}")
    op.execute("DROP FUNCTION imis.audit_statement_by_key()")


# imis.audit_statement for a table whose audit row id is the column named by the trigger's
# argument. That column need not be unique, so an UPDATE pairs old and new rows by position:
# PostgreSQL appends each updated row to both transition tables at once.
_AUDIT_BY_KEY = """
CREATE FUNCTION imis.audit_statement_by_key() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    key text := TG_ARGV[0];
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO imis.audit_log (table_name, operation, row_id, new_row)
        SELECT TG_TABLE_NAME, TG_OP, (to_jsonb(n) ->> key)::bigint, to_jsonb(n)
          FROM new_rows AS n;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO imis.audit_log (table_name, operation, row_id, old_row, new_row)
        SELECT TG_TABLE_NAME, TG_OP, (o.row ->> key)::bigint, o.row, n.row
          FROM (SELECT to_jsonb(x) AS row, row_number() OVER () AS n FROM old_rows AS x) AS o
          JOIN (SELECT to_jsonb(x) AS row, row_number() OVER () AS n FROM new_rows AS x) AS n
            USING (n);
    ELSE
        INSERT INTO imis.audit_log (table_name, operation, row_id, old_row)
        SELECT TG_TABLE_NAME, TG_OP, (to_jsonb(o) ->> key)::bigint, to_jsonb(o)
          FROM old_rows AS o;
    END IF;
    RETURN NULL;
END $$;
"""
