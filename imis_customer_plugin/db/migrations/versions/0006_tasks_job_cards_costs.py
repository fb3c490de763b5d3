"""Steps 2-4 of the process: tasks and dispatch, job cards and assets, cost responsibility.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22

- Routing rules (category x ward/suburb -> department, default assignee, task kinds) are data
  an administrator edits; the most specific active rule wins (core.routing).
- A task copies its scheduling inputs (priority, zone priority, due time) so that a
  department's dispatch board is one index scan in scheduling order (seed 002: the order
  comes from the data). A trigger keeps them in step with the correspondence.
- Job cards record the field work with cost lines (labour, material, equipment, contractor)
  and the asset worked on; completing one records the asset's condition in its history.
- Cost allocations say who pays (a department vote, the customer's account, a third party, a
  contractor under warranty) with the mSCOA segments; finance approves, and export batches
  take each approved line once.
"""

from __future__ import annotations

import os

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

DEFAULT_SRID = 32734
NEW_TABLES = ("routing_rule", "team", "team_member", "asset", "asset_condition", "task",
              "job_card", "job_card_line", "attachment", "finance_export_batch",
              "cost_allocation")  # fmt: skip
AUDITED_TABLES = ("routing_rule", "asset", "task", "job_card", "job_card_line",
                  "cost_allocation")  # fmt: skip
VERSIONED_TABLES = ("asset", "task", "job_card", "cost_allocation")
NOTIFYING_TABLES = ("task", "job_card", "asset", "cost_allocation")
TASK_KINDS = ("inspection", "repair", "replacement", "cleaning", "investigation")
EVENT_TYPES_0005 = ("logged", "located", "relocated", "repeat_detected", "note", "locate",
                    "start", "pend", "defer", "resume", "reforward", "escalate", "resolve",
                    "close", "acknowledge", "reopen", "sla_at_risk")  # fmt: skip
EVENT_TYPES = (*EVENT_TYPES_0005, "task", "reroute", "assign", "job_card", "asset_condition",
               "allocate", "approve_costs", "export_costs")  # fmt: skip


def _srid() -> int:
    return int(
        op.get_bind()
        .exec_driver_sql(
            "SELECT value::text::int FROM imis.setting WHERE key = 'municipality.srid'"
        )
        .scalar()
        or os.environ.get("IMIS_SRID")
        or DEFAULT_SRID
    )


def upgrade() -> None:
    op.execute(
        "DO $$ BEGIN CREATE ROLE imis_finance NOLOGIN; "
        "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
    )
    op.execute(_PEOPLE)
    op.execute(_TASKS.format(kinds=", ".join(f"'{k}'" for k in TASK_KINDS)))
    op.execute(_ASSETS.format(srid=_srid()))
    op.execute(_JOB_CARDS)
    op.execute(_COSTS)
    op.execute(_SYNC_TASKS)
    op.execute(_event_types(EVENT_TYPES))
    for table in AUDITED_TABLES:
        for event, transition in (
            ("INSERT", "NEW TABLE AS new_rows"),
            ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
            ("DELETE", "OLD TABLE AS old_rows"),
        ):
            op.execute(
                f"CREATE TRIGGER audit_{event.lower()} AFTER {event} ON imis.{table} "
                f"REFERENCING {transition} FOR EACH STATEMENT "
                "EXECUTE FUNCTION imis.audit_statement()"
            )
    for table in VERSIONED_TABLES:
        op.execute(
            f"CREATE TRIGGER row_version BEFORE UPDATE ON imis.{table} "
            "FOR EACH ROW EXECUTE FUNCTION imis.bump_row_version()"
        )
    for table in NOTIFYING_TABLES:
        op.execute(
            f"CREATE TRIGGER notify_qgis AFTER INSERT OR UPDATE OR DELETE ON imis.{table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION imis.notify_qgis()"
        )
    op.execute(
        "CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON imis.asset_condition "
        "FOR EACH ROW EXECUTE FUNCTION imis.refuse_change()"
    )
    op.execute(_GRANTS)


def downgrade() -> None:
    op.execute(
        "DROP VIEW imis.open_task_map;"
        "DROP TRIGGER sync_tasks ON imis.correspondence; DROP FUNCTION imis.sync_tasks();"
        "ALTER TABLE imis.correspondence DROP COLUMN asset_id;"
        f"DROP TABLE {', '.join(f'imis.{t}' for t in reversed(NEW_TABLES))};"
        "DROP SEQUENCE imis.job_card_number; DROP FUNCTION imis.protect_exported_costs();"
        "DROP FUNCTION imis.protect_completed_cards();"
        "ALTER TABLE imis.staff DROP COLUMN hourly_rate, DROP COLUMN is_artisan;"
        "ALTER TABLE imis.department DROP COLUMN mscoa_function, DROP COLUMN mscoa_costing;"
        "ALTER TABLE imis.ward DROP COLUMN mscoa_region;"
        "REVOKE ALL ON ALL TABLES IN SCHEMA imis FROM imis_finance;"
    )
    op.execute(_event_types(EVENT_TYPES_0005))


def _event_types(types: tuple[str, ...]) -> str:
    listed = ", ".join(f"'{t}'" for t in types)
    return (
        "ALTER TABLE imis.correspondence_event DROP CONSTRAINT "
        "correspondence_event_event_type_check, ADD CONSTRAINT "
        f"correspondence_event_event_type_check CHECK (event_type IN ({listed})) NOT VALID"
    )


_PEOPLE = """
ALTER TABLE imis.staff
    ADD COLUMN is_artisan  boolean NOT NULL DEFAULT false,
    ADD COLUMN hourly_rate numeric(10, 2) CHECK (hourly_rate >= 0);
COMMENT ON COLUMN imis.staff.hourly_rate IS 'Rand per hour; a job card''s labour line default';

ALTER TABLE imis.department
    ADD COLUMN mscoa_function text NOT NULL DEFAULT '' CHECK (mscoa_function ~ '^[0-9A-Z.]*$'),
    ADD COLUMN mscoa_costing  text NOT NULL DEFAULT '' CHECK (mscoa_costing ~ '^[0-9A-Z.]*$');
COMMENT ON COLUMN imis.department.mscoa_function IS
    'mSCOA function segment of the department''s vote (e.g. water distribution)';
ALTER TABLE imis.ward
    ADD COLUMN mscoa_region text NOT NULL DEFAULT '' CHECK (mscoa_region ~ '^[0-9A-Z.]*$');
COMMENT ON COLUMN imis.ward.mscoa_region IS
    'mSCOA region segment; an allocation''s region comes from the ward its item lies in';

CREATE TABLE imis.team (
    id            integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    department_id integer NOT NULL REFERENCES imis.department,
    name          text NOT NULL CHECK (name <> ''),
    UNIQUE (department_id, name)
);
CREATE TABLE imis.team_member (
    team_id  integer NOT NULL REFERENCES imis.team ON DELETE CASCADE,
    staff_id integer NOT NULL REFERENCES imis.staff,
    PRIMARY KEY (team_id, staff_id)
);
"""

_TASKS = """
CREATE TABLE imis.routing_rule (
    id               integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    category_id      integer NOT NULL REFERENCES imis.category ON DELETE CASCADE,
    ward_id          integer REFERENCES imis.ward ON DELETE CASCADE,
    suburb_id        integer REFERENCES imis.suburb ON DELETE CASCADE,
    department_id    integer NOT NULL REFERENCES imis.department,
    default_staff_id integer REFERENCES imis.staff,
    default_team_id  integer REFERENCES imis.team,
    task_kinds       text[] NOT NULL DEFAULT '{{repair}}'
        CHECK (cardinality(task_kinds) BETWEEN 1 AND 5 AND task_kinds <@ ARRAY[{kinds}]),
    is_active        boolean NOT NULL DEFAULT true,
    CONSTRAINT one_rule_per_scope UNIQUE NULLS NOT DISTINCT (category_id, ward_id, suburb_id)
);
COMMENT ON TABLE imis.routing_rule IS
    'Where a located item''s work goes: the most specific active rule for its category and '
    'zone (suburb over ward over the whole city); without one, the category''s department';
COMMENT ON COLUMN imis.routing_rule.task_kinds IS
    'The tasks created, in order (e.g. inspection then repair)';

CREATE TABLE imis.task (
    id                bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    correspondence_id bigint NOT NULL REFERENCES imis.correspondence,
    department_id     integer NOT NULL REFERENCES imis.department,
    kind              text NOT NULL CHECK (kind IN ({kinds})),
    step              smallint NOT NULL DEFAULT 1 CHECK (step BETWEEN 1 AND 20),
    status            text NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'assigned', 'in_progress', 'done', 'cancelled')),
    assigned_staff_id integer REFERENCES imis.staff,
    assigned_team_id  integer REFERENCES imis.team,
    priority          smallint NOT NULL CHECK (priority BETWEEN 1 AND 4),
    zone_priority     smallint NOT NULL DEFAULT 3 CHECK (zone_priority BETWEEN 1 AND 5),
    due_at            timestamptz,
    notes             text NOT NULL DEFAULT '',
    created_at        timestamptz NOT NULL DEFAULT now(),
    created_by        text NOT NULL DEFAULT session_user,
    completed_at      timestamptz,
    row_version       integer NOT NULL DEFAULT 1,
    updated_at        timestamptz,
    updated_by        text,
    CONSTRAINT assigned_has_assignee CHECK (status NOT IN ('assigned', 'in_progress')
        OR assigned_staff_id IS NOT NULL OR assigned_team_id IS NOT NULL),
    CONSTRAINT done_has_time CHECK (status <> 'done' OR completed_at IS NOT NULL),
    UNIQUE (correspondence_id, step)
);
COMMENT ON COLUMN imis.task.priority IS 'Copied from the correspondence (sync_tasks trigger)';
COMMENT ON COLUMN imis.task.zone_priority IS 'The suburb''s priority (seed 002 zones)';
COMMENT ON COLUMN imis.task.due_at IS 'The correspondence''s resolution due time';
-- The dispatch board: a department's open tasks in scheduling order, one index scan.
CREATE INDEX task_board_idx ON imis.task
    (department_id, priority, zone_priority, due_at, id)
    WHERE status IN ('open', 'assigned', 'in_progress');
CREATE INDEX task_load_idx ON imis.task (assigned_staff_id)
    WHERE status IN ('assigned', 'in_progress');
CREATE INDEX ON imis.task (correspondence_id);

CREATE VIEW imis.open_task_map WITH (security_invoker = true) AS
SELECT t.id, t.department_id, d.code AS department, t.kind, t.step, t.status,
       t.assigned_staff_id, t.assigned_team_id, t.priority, t.zone_priority, t.due_at,
       c.reference, c.sla_state, c.geom
  FROM imis.task AS t
  JOIN imis.correspondence AS c ON c.id = t.correspondence_id
  JOIN imis.department AS d ON d.id = t.department_id
 WHERE t.status IN ('open', 'assigned', 'in_progress') AND c.geom IS NOT NULL;
COMMENT ON VIEW imis.open_task_map IS 'Open tasks at their item''s place: a department''s map';
"""

_ASSETS = """
CREATE TABLE imis.asset (
    id                  bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    asset_number        text NOT NULL UNIQUE CHECK (asset_number ~ '^[0-9A-Za-z/._-]{{1,40}}$'),
    asset_type          text NOT NULL CHECK (asset_type ~ '^[a-z][a-z_]{{1,39}}$'),
    asset_group         text NOT NULL DEFAULT '',
    department_id       integer REFERENCES imis.department,
    install_date        date,
    condition           smallint CHECK (condition BETWEEN 1 AND 5),
    failure_target      smallint CHECK (failure_target > 0),
    failure_window_days smallint NOT NULL DEFAULT 365 CHECK (failure_window_days > 0),
    geom                geometry(Geometry, {srid}) NOT NULL
        CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
    row_version         integer NOT NULL DEFAULT 1,
    updated_at          timestamptz,
    updated_by          text
);
COMMENT ON TABLE imis.asset IS 'Infrastructure assets (IMIS-infra): pipes, valves, meters, ...';
COMMENT ON COLUMN imis.asset.condition IS '1 = very good ... 5 = very poor';
COMMENT ON COLUMN imis.asset.failure_target IS
    'Failures tolerated within failure_window_days; beyond it, new calls on the asset (or its '
    'group) get a raised priority (seed 002)';
CREATE INDEX ON imis.asset USING gist (geom);
CREATE INDEX ON imis.asset (asset_group) WHERE asset_group <> '';

CREATE TABLE imis.asset_condition (
    id          bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    asset_id    bigint NOT NULL REFERENCES imis.asset,
    condition   smallint NOT NULL CHECK (condition BETWEEN 1 AND 5),
    job_card_id bigint,
    recorded_by text NOT NULL DEFAULT session_user,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE imis.asset_condition IS 'Append-only history of each asset''s condition';
CREATE INDEX ON imis.asset_condition (asset_id, recorded_at);

ALTER TABLE imis.correspondence ADD COLUMN asset_id bigint REFERENCES imis.asset;
CREATE INDEX ON imis.correspondence (asset_id, logged_at) WHERE asset_id IS NOT NULL;
"""

_JOB_CARDS = """
CREATE SEQUENCE imis.job_card_number;
CREATE TABLE imis.job_card (
    id               bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    card_number      text NOT NULL UNIQUE DEFAULT 'JC' || to_char(now() AT TIME ZONE
        'Africa/Johannesburg', 'YYYY') || '-' || lpad(nextval('imis.job_card_number')::text, 6, '0'),
    task_id          bigint NOT NULL REFERENCES imis.task,
    artisan_staff_id integer REFERENCES imis.staff,
    asset_id         bigint REFERENCES imis.asset,
    status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed')),
    arrived_at       timestamptz,
    completed_at     timestamptz,
    work_performed   text NOT NULL DEFAULT '' CHECK (length(work_performed) <= 4000),
    condition_before smallint CHECK (condition_before BETWEEN 1 AND 5),
    condition_after  smallint CHECK (condition_after BETWEEN 1 AND 5),
    signed_off_by    text,
    signed_off_at    timestamptz,
    captured_from_paper boolean NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL DEFAULT now(),
    row_version      integer NOT NULL DEFAULT 1,
    updated_at       timestamptz,
    updated_by       text,
    CONSTRAINT completed_after_arrival CHECK (completed_at >= arrived_at),
    CONSTRAINT completed_is_whole CHECK (status <> 'completed' OR (arrived_at IS NOT NULL
        AND completed_at IS NOT NULL AND btrim(work_performed) <> ''
        AND signed_off_by IS NOT NULL AND signed_off_at IS NOT NULL)),
    CONSTRAINT asset_condition_needs_asset CHECK (asset_id IS NOT NULL
        OR (condition_before IS NULL AND condition_after IS NULL))
);
CREATE INDEX ON imis.job_card (task_id);
ALTER TABLE imis.asset_condition ADD FOREIGN KEY (job_card_id) REFERENCES imis.job_card;

CREATE TABLE imis.job_card_line (
    id          bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    job_card_id bigint NOT NULL REFERENCES imis.job_card ON DELETE CASCADE,
    line_kind   text NOT NULL CHECK (line_kind IN ('labour', 'material', 'equipment',
                                                    'contractor')),
    description text NOT NULL CHECK (btrim(description) <> '' AND length(description) <= 200),
    quantity    numeric(12, 3) NOT NULL CHECK (quantity > 0),
    unit        text NOT NULL DEFAULT 'each' CHECK (unit <> ''),
    unit_cost   numeric(12, 2) NOT NULL CHECK (unit_cost >= 0),
    amount      numeric(14, 2) GENERATED ALWAYS AS (round(quantity * unit_cost, 2)) STORED
);
COMMENT ON COLUMN imis.job_card_line.unit_cost IS 'Rand, excluding VAT';
CREATE INDEX ON imis.job_card_line (job_card_id);

-- A completed card's lines are what its costs were allocated from: they stay as signed off.
CREATE FUNCTION imis.protect_completed_cards() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    card_id bigint := CASE WHEN TG_OP = 'DELETE' THEN OLD.job_card_id ELSE NEW.job_card_id END;
BEGIN
    IF EXISTS (SELECT FROM imis.job_card WHERE id IN (card_id, OLD.job_card_id)
                                           AND status = 'completed') THEN
        RAISE EXCEPTION 'job card % is completed; its lines cannot change', card_id
            USING ERRCODE = 'IMJCC';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER protect_completed BEFORE INSERT OR UPDATE OR DELETE ON imis.job_card_line
    FOR EACH ROW EXECUTE FUNCTION imis.protect_completed_cards();

CREATE TABLE imis.attachment (
    id          bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    job_card_id bigint NOT NULL REFERENCES imis.job_card ON DELETE CASCADE,
    file_name   text NOT NULL CHECK (file_name ~ '^[^/\\\\]{1,200}$'),
    media_type  text NOT NULL CHECK (media_type ~ '^[a-z]+/[0-9a-z.+-]+$'),
    size_bytes  integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 20971520),
    sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content     bytea NOT NULL,
    added_by    text NOT NULL DEFAULT session_user,
    added_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT content_matches CHECK (octet_length(content) = size_bytes
                                      AND encode(sha256(content), 'hex') = sha256),
    UNIQUE (job_card_id, sha256)
);
COMMENT ON TABLE imis.attachment IS 'Photos and documents of a job card, kept with their hash';
"""

_COSTS = """
CREATE TABLE imis.finance_export_batch (
    id          bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    file_name   text NOT NULL UNIQUE,
    line_count  integer NOT NULL CHECK (line_count > 0),
    total       numeric(16, 2) NOT NULL,
    created_by  text NOT NULL DEFAULT session_user,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE imis.cost_allocation (
    id                bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    correspondence_id bigint NOT NULL REFERENCES imis.correspondence,
    party             text NOT NULL CHECK (party IN ('department', 'customer', 'third_party',
                                                     'contractor')),
    department_id     integer REFERENCES imis.department,
    account_id        bigint REFERENCES imis.account,
    party_name        text NOT NULL DEFAULT '',
    amount            numeric(14, 2) NOT NULL CHECK (amount > 0),
    mscoa_function    text NOT NULL DEFAULT '',
    mscoa_item        text NOT NULL DEFAULT '',
    mscoa_project     text NOT NULL DEFAULT '',
    mscoa_fund        text NOT NULL DEFAULT '',
    mscoa_costing     text NOT NULL DEFAULT '',
    mscoa_region      text NOT NULL DEFAULT '',
    status            text NOT NULL DEFAULT 'proposed'
        CHECK (status IN ('proposed', 'approved', 'exported')),
    allocated_by      text NOT NULL DEFAULT session_user,
    allocated_at      timestamptz NOT NULL DEFAULT now(),
    approved_by       text,
    approved_at       timestamptz,
    export_batch_id   bigint REFERENCES imis.finance_export_batch,
    row_version       integer NOT NULL DEFAULT 1,
    updated_at        timestamptz,
    updated_by        text,
    CONSTRAINT party_is_named CHECK (CASE party
        WHEN 'department' THEN department_id IS NOT NULL
        WHEN 'customer' THEN account_id IS NOT NULL
        ELSE btrim(party_name) <> '' END),
    CONSTRAINT approved_is_whole CHECK (status = 'proposed'
        OR (approved_by IS NOT NULL AND approved_at IS NOT NULL)),
    CONSTRAINT exported_once CHECK ((status = 'exported') = (export_batch_id IS NOT NULL))
);
COMMENT ON TABLE imis.cost_allocation IS
    'Who pays for an item''s costs (the "financial report" step), with mSCOA segments';
CREATE INDEX ON imis.cost_allocation (correspondence_id);
-- What finance has received stays as it was received, and what finance approved changes
-- only by finance, whoever writes.
CREATE FUNCTION imis.protect_exported_costs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'exported' THEN
        RAISE EXCEPTION 'cost allocation % went to finance in export batch %; it cannot change',
            OLD.id, OLD.export_batch_id USING ERRCODE = 'IMEXP';
    END IF;
    IF OLD.status = 'approved' AND NOT pg_has_role(session_user, 'imis_finance', 'member') THEN
        RAISE EXCEPTION 'cost allocation % is approved; only finance may change it', OLD.id
            USING ERRCODE = 'IMEXP';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER protect_exported BEFORE UPDATE OR DELETE ON imis.cost_allocation
    FOR EACH ROW EXECUTE FUNCTION imis.protect_exported_costs();
CREATE INDEX cost_allocation_to_export_idx ON imis.cost_allocation (id)
    WHERE status = 'approved';
"""

# Scheduling inputs follow the item: priority, zone (suburb) priority and resolution due time.
_SYNC_TASKS = """
CREATE FUNCTION imis.sync_tasks() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    UPDATE imis.task AS t SET
        priority = NEW.priority,
        zone_priority = coalesce((SELECT s.priority FROM imis.suburb AS s
                                   WHERE s.id = NEW.suburb_id), 3),
        due_at = NEW.resolution_due_at
     WHERE t.correspondence_id = NEW.id AND t.status NOT IN ('done', 'cancelled')
       AND (t.priority, t.zone_priority, t.due_at) IS DISTINCT FROM  -- no needless versions
           (NEW.priority, coalesce((SELECT s.priority FROM imis.suburb AS s
                                     WHERE s.id = NEW.suburb_id), 3), NEW.resolution_due_at);
    RETURN NULL;
END $$;
CREATE TRIGGER sync_tasks AFTER UPDATE OF priority, suburb_id, resolution_due_at
    ON imis.correspondence FOR EACH ROW
    WHEN (OLD.priority IS DISTINCT FROM NEW.priority
          OR OLD.suburb_id IS DISTINCT FROM NEW.suburb_id
          OR OLD.resolution_due_at IS DISTINCT FROM NEW.resolution_due_at)
    EXECUTE FUNCTION imis.sync_tasks();
"""

_GRANTS = """
GRANT SELECT ON imis.open_task_map, imis.routing_rule, imis.team, imis.team_member,
    imis.asset, imis.asset_condition, imis.task, imis.job_card, imis.job_card_line, imis.attachment, imis.finance_export_batch,
    imis.cost_allocation TO imis_reader;
GRANT INSERT, UPDATE ON imis.task, imis.job_card, imis.asset TO imis_operator;
GRANT INSERT, UPDATE, DELETE ON imis.job_card_line, imis.attachment TO imis_operator;
GRANT INSERT ON imis.asset_condition TO imis_operator;
GRANT INSERT, UPDATE (party, department_id, account_id, party_name, amount, mscoa_function,
    mscoa_item, mscoa_project, mscoa_fund, mscoa_costing, mscoa_region)
    ON imis.cost_allocation TO imis_operator;
GRANT DELETE ON imis.cost_allocation TO imis_operator;
GRANT USAGE ON SEQUENCE imis.job_card_number TO imis_operator;
GRANT INSERT, UPDATE, DELETE ON imis.routing_rule, imis.team, imis.team_member TO imis_admin;
GRANT imis_reader TO imis_finance;
GRANT UPDATE ON imis.cost_allocation TO imis_finance;
GRANT INSERT ON imis.finance_export_batch, imis.correspondence_event TO imis_finance;
GRANT imis_finance TO imis_admin;
"""
