"""Correspondence register: reference data, customers, the register, history, audit, notify.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

The municipality's projected CRS is chosen once, here: IMIS_SRID (default 32734, WGS 84 /
UTM zone 34S, which covers Cape Town). Geometry columns are typed with it.
"""

from __future__ import annotations

import os

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

DEFAULT_SRID = 32734
GROUP_ROLES = ("imis_reader", "imis_operator", "imis_supervisor", "imis_admin")
AUDITED_TABLES = ("correspondence", "customer", "account", "department", "category", "staff")
NOTIFYING_TABLES = ("correspondence", "correspondence_event", "parcel", "customer", "account")
VERSIONED_TABLES = ("correspondence", "customer", "account")


def _srid() -> int:
    srid = int(os.environ.get("IMIS_SRID") or DEFAULT_SRID)
    found = (
        op.get_bind()
        .exec_driver_sql(
            "SELECT count(*) FROM spatial_ref_sys WHERE srid = %(srid)s AND proj4text LIKE '%%+units=m%%'",
            {"srid": srid},
        )
        .scalar()
    )
    if not found:
        raise RuntimeError(f"IMIS_SRID={srid} is not a projected CRS in metres known to PostGIS.")
    return srid


def upgrade() -> None:
    srid = _srid()
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")  # trusted: the database owner may
    for role in GROUP_ROLES:
        op.execute(
            f"DO $$ BEGIN CREATE ROLE {role} NOLOGIN; "
            "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
        )
    op.execute(
        "GRANT imis_reader TO imis_operator; GRANT imis_operator TO imis_supervisor;"
        "GRANT imis_supervisor TO imis_admin"
    )
    op.execute(_SETTINGS.format(srid=srid))
    op.execute(_REFERENCE_TABLES.format(srid=srid))
    op.execute(_PEOPLE_TABLES)
    op.execute(_REGISTER_TABLES.format(srid=srid))
    op.execute(_FUNCTIONS)
    for table in AUDITED_TABLES:
        for event, transition in (
            ("INSERT", "NEW TABLE AS new_rows"),
            ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
            ("DELETE", "OLD TABLE AS old_rows"),
        ):
            op.execute(
                f"CREATE TRIGGER audit_{event.lower()} AFTER {event} ON imis.{table} "
                f"REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION imis.audit_statement()"
            )
    for table in NOTIFYING_TABLES:
        op.execute(
            f"CREATE TRIGGER notify_qgis AFTER INSERT OR UPDATE OR DELETE ON imis.{table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION imis.notify_qgis()"
        )
    for table in VERSIONED_TABLES:
        op.execute(
            f"CREATE TRIGGER row_version BEFORE UPDATE ON imis.{table} "
            "FOR EACH ROW EXECUTE FUNCTION imis.bump_row_version()"
        )
    op.execute(_GRANTS)


def downgrade() -> None:
    op.execute(
        """
        DROP TABLE imis.audit_log, imis.correspondence_event, imis.correspondence,
                   imis.account, imis.customer, imis.category, imis.escalation_level,
                   imis.staff, imis.department, imis.parcel_address, imis.parcel,
                   imis.suburb, imis.ward, imis.municipal_boundary CASCADE;
        DROP SEQUENCE imis.correspondence_number;
        DROP FUNCTION imis.audit_statement(), imis.notify_qgis(), imis.bump_row_version(),
                      imis.assign_reference(), imis.refuse_change();
        DELETE FROM imis.setting WHERE key LIKE 'municipality.srid' OR key LIKE 'repeat.%'
                                    OR key LIKE 'locate.%';
        REVOKE ALL ON ALL TABLES IN SCHEMA imis FROM imis_reader, imis_operator,
                                                    imis_supervisor, imis_admin;
        REVOKE USAGE ON SCHEMA imis FROM imis_reader;
        """
    )


_SETTINGS = """
INSERT INTO imis.setting (key, value, description) VALUES
  ('municipality.srid', '{srid}', 'Projected CRS (EPSG code, metres) of every geometry'),
  ('repeat.radius_m', '50', 'A complaint this close to an earlier one may be a repeat'),
  ('repeat.window_days', '30', 'Days within which a same-category complaint is a repeat'),
  ('locate.tolerance_m', '25', 'Snap a click to the nearest parcel within this distance')
ON CONFLICT (key) DO NOTHING;
"""

_REFERENCE_TABLES = """
CREATE TABLE imis.municipal_boundary (
    id   integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    name text NOT NULL,
    geom geometry(MultiPolygon, {srid}) NOT NULL CHECK (ST_IsValid(geom))
);
CREATE INDEX ON imis.municipal_boundary USING gist (geom);

CREATE TABLE imis.ward (
    id   integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    code text NOT NULL UNIQUE CHECK (code <> ''),
    name text NOT NULL,
    geom geometry(MultiPolygon, {srid}) NOT NULL CHECK (ST_IsValid(geom))
);
CREATE INDEX ON imis.ward USING gist (geom);

CREATE TABLE imis.suburb (
    id       integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    name     text NOT NULL UNIQUE CHECK (name <> ''),
    priority smallint NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 5),
    geom     geometry(MultiPolygon, {srid}) NOT NULL CHECK (ST_IsValid(geom))
);
COMMENT ON COLUMN imis.suburb.priority IS '1 = served first (seed 002 zones)';
CREATE INDEX ON imis.suburb USING gist (geom);

CREATE TABLE imis.parcel (
    id         bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    erf_number text NOT NULL CHECK (erf_number ~ '^[0-9A-Za-z/-]{{1,30}}$'),
    sg_code    text UNIQUE CHECK (sg_code ~ '^[A-Z][0-9A-Z]{{25}}$'),
    land_use   text NOT NULL DEFAULT '',
    ward_id    integer REFERENCES imis.ward,
    suburb_id  integer REFERENCES imis.suburb,
    geom       geometry(MultiPolygon, {srid}) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom))
);
COMMENT ON COLUMN imis.parcel.sg_code IS 'Surveyor-General 26-character parcel code';
CREATE INDEX ON imis.parcel USING gist (geom);
CREATE INDEX ON imis.parcel (erf_number);
CREATE INDEX ON imis.parcel (suburb_id);

CREATE TABLE imis.parcel_address (
    id            bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    parcel_id     bigint NOT NULL REFERENCES imis.parcel ON DELETE CASCADE,
    street_number text NOT NULL DEFAULT '',
    street_name   text NOT NULL CHECK (street_name <> ''),
    suburb_name   text NOT NULL DEFAULT '',
    address_text  text GENERATED ALWAYS AS (
        btrim(street_number || ' ' || street_name || CASE WHEN suburb_name = '' THEN ''
                                                          ELSE ', ' || suburb_name END)
    ) STORED
);
CREATE INDEX ON imis.parcel_address (parcel_id);
CREATE INDEX ON imis.parcel_address USING gin (address_text gin_trgm_ops);
"""

_PEOPLE_TABLES = """
CREATE TABLE imis.department (
    id        integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    code      text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9_]{1,19}$'),
    name      text NOT NULL CHECK (name <> ''),
    email     text CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$'),
    parent_id integer REFERENCES imis.department
);

CREATE TABLE imis.staff (
    id            integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    role_name     text NOT NULL UNIQUE CHECK (role_name ~ '^[a-z_][a-z0-9_.@-]{0,62}$'),
    full_name     text NOT NULL CHECK (full_name <> ''),
    email         text CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$'),
    phone         text CHECK (phone ~ '^\\+?[0-9]{9,15}$'),
    department_id integer NOT NULL REFERENCES imis.department,
    job_title     text NOT NULL DEFAULT '',
    is_active     boolean NOT NULL DEFAULT true
);
COMMENT ON COLUMN imis.staff.role_name IS 'The PostgreSQL login role of this person (session_user)';

CREATE TABLE imis.escalation_level (
    department_id integer NOT NULL REFERENCES imis.department ON DELETE CASCADE,
    level         smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
    title         text NOT NULL CHECK (title <> ''),
    staff_id      integer REFERENCES imis.staff,
    PRIMARY KEY (department_id, level)
);
COMMENT ON TABLE imis.escalation_level IS 'Who an item is escalated to, level by level (1 = supervisor)';

CREATE TABLE imis.category (
    id                     integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    code                   text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9_]{1,29}$'),
    name                   text NOT NULL CHECK (name <> ''),
    default_classification text NOT NULL DEFAULT 'complaint'
        CHECK (default_classification IN ('complaint', 'query', 'dispute', 'compliment')),
    department_id          integer NOT NULL REFERENCES imis.department,
    default_priority       smallint NOT NULL DEFAULT 3 CHECK (default_priority BETWEEN 1 AND 4),
    is_active              boolean NOT NULL DEFAULT true
);

CREATE TABLE imis.customer (
    id                bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    full_name         text NOT NULL CHECK (full_name <> '' AND length(full_name) <= 200),
    id_number         text UNIQUE CHECK (id_number ~ '^[0-9A-Z/-]{6,20}$'),
    phone             text CHECK (phone ~ '^\\+?[0-9]{9,15}$'),
    email             text CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$'),
    preferred_channel text NOT NULL DEFAULT 'sms'
        CHECK (preferred_channel IN ('sms', 'email', 'telephone', 'post', 'none')),
    consent_to_contact boolean NOT NULL DEFAULT false,
    created_at        timestamptz NOT NULL DEFAULT now(),
    row_version       integer NOT NULL DEFAULT 1,
    updated_at        timestamptz,
    updated_by        text
);
COMMENT ON COLUMN imis.customer.id_number IS 'SA identity number or company registration number';
CREATE INDEX ON imis.customer (phone);
CREATE INDEX ON imis.customer USING gin (full_name gin_trgm_ops);

CREATE TABLE imis.account (
    id             bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    account_number text NOT NULL UNIQUE CHECK (account_number ~ '^[0-9A-Z-]{4,20}$'),
    customer_id    bigint NOT NULL REFERENCES imis.customer,
    parcel_id      bigint REFERENCES imis.parcel,
    status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
    opened_on      date NOT NULL DEFAULT current_date,
    row_version    integer NOT NULL DEFAULT 1,
    updated_at     timestamptz,
    updated_by     text
);
CREATE INDEX ON imis.account (customer_id);
CREATE INDEX ON imis.account (parcel_id);
"""

_REGISTER_TABLES = """
CREATE SEQUENCE imis.correspondence_number;

CREATE TABLE imis.correspondence (
    id                bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    reference         text NOT NULL UNIQUE,
    classification    text NOT NULL
        CHECK (classification IN ('complaint', 'query', 'dispute', 'compliment')),
    is_internal       boolean NOT NULL DEFAULT false,
    category_id       integer NOT NULL REFERENCES imis.category,
    channel           text NOT NULL CHECK (channel IN
        ('telephone', 'walk_in', 'email', 'web', 'sms', 'social_media', 'internal')),
    customer_id       bigint REFERENCES imis.customer,
    account_id        bigint REFERENCES imis.account,
    description       text NOT NULL CHECK (btrim(description) <> '' AND length(description) <= 4000),
    priority          smallint NOT NULL CHECK (priority BETWEEN 1 AND 4),
    status            text NOT NULL DEFAULT 'logged' CHECK (status IN ('logged', 'assigned',
        'in_progress', 'pending', 'deferred', 'escalated', 'resolved', 'closed', 'reopened')),
    department_id     integer NOT NULL REFERENCES imis.department,
    assigned_staff_id integer REFERENCES imis.staff,
    escalation_level  smallint NOT NULL DEFAULT 0 CHECK (escalation_level BETWEEN 0 AND 5),
    location_kind     text CHECK (location_kind IN ('parcel', 'point')),
    parcel_id         bigint REFERENCES imis.parcel,
    geom              geometry(Point, {srid}) CHECK (ST_IsValid(geom)),
    ward_id           integer REFERENCES imis.ward,
    suburb_id         integer REFERENCES imis.suburb,
    repeat_of_id      bigint REFERENCES imis.correspondence,
    deferred_until    date,
    status_reason     text NOT NULL DEFAULT '',
    resolution        text NOT NULL DEFAULT '',
    logged_by         text NOT NULL DEFAULT session_user,
    logged_at         timestamptz NOT NULL DEFAULT now(),
    located_at        timestamptz,
    resolved_at       timestamptz,
    closed_at         timestamptz,
    response_due_at   timestamptz,
    resolution_due_at timestamptz,
    row_version       integer NOT NULL DEFAULT 1,
    updated_at        timestamptz,
    updated_by        text,
    CONSTRAINT location_is_whole CHECK (
        (location_kind IS NULL AND geom IS NULL AND parcel_id IS NULL)
        OR (location_kind = 'parcel' AND geom IS NOT NULL AND parcel_id IS NOT NULL)
        OR (location_kind = 'point' AND geom IS NOT NULL AND parcel_id IS NULL)),
    CONSTRAINT located_unless_logged CHECK (status IN ('logged', 'closed') OR geom IS NOT NULL
                                            OR classification = 'compliment'),
    CONSTRAINT deferred_has_date CHECK (status <> 'deferred' OR deferred_until IS NOT NULL),
    CONSTRAINT closed_has_time CHECK (status <> 'closed' OR closed_at IS NOT NULL),
    CONSTRAINT not_its_own_repeat CHECK (repeat_of_id <> id)
);
COMMENT ON TABLE imis.correspondence IS 'Every complaint, query, dispute and compliment';
CREATE INDEX ON imis.correspondence USING gist (geom);
CREATE INDEX ON imis.correspondence (status) WHERE status <> 'closed';
CREATE INDEX ON imis.correspondence (parcel_id);
CREATE INDEX ON imis.correspondence (customer_id);
CREATE INDEX ON imis.correspondence (account_id);
CREATE INDEX ON imis.correspondence (category_id, logged_at);
CREATE INDEX ON imis.correspondence (department_id, status);
CREATE INDEX ON imis.correspondence (logged_at);

CREATE TABLE imis.correspondence_event (
    id                bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    correspondence_id bigint NOT NULL REFERENCES imis.correspondence,
    event_type        text NOT NULL CHECK (event_type IN ('logged', 'located', 'relocated',
        'repeat_detected', 'note', 'locate', 'start', 'pend', 'defer', 'resume', 'reforward',
        'escalate', 'resolve', 'close', 'acknowledge', 'reopen')),
    from_status       text,
    to_status         text,
    reason            text NOT NULL DEFAULT '',
    detail            jsonb NOT NULL DEFAULT '{{}}',
    actor             text NOT NULL DEFAULT session_user,
    occurred_at       timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE imis.correspondence_event IS 'Append-only history of every correspondence';
CREATE INDEX ON imis.correspondence_event (correspondence_id, occurred_at);

CREATE TABLE imis.audit_log (
    id          bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    table_name  text NOT NULL,
    operation   text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),
    row_id      bigint NOT NULL,
    old_row     jsonb,
    new_row     jsonb,
    actor       text NOT NULL DEFAULT session_user,
    occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    txid        bigint NOT NULL DEFAULT txid_current()
);
CREATE INDEX ON imis.audit_log (table_name, row_id);
"""

_FUNCTIONS = """
CREATE FUNCTION imis.audit_statement() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    -- One INSERT per statement (transition tables): bulk imports stay fast.
    IF TG_OP = 'INSERT' THEN
        INSERT INTO imis.audit_log (table_name, operation, row_id, new_row)
        SELECT TG_TABLE_NAME, TG_OP, n.id, to_jsonb(n) FROM new_rows AS n;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO imis.audit_log (table_name, operation, row_id, old_row, new_row)
        SELECT TG_TABLE_NAME, TG_OP, n.id, to_jsonb(o), to_jsonb(n)
          FROM new_rows AS n JOIN old_rows AS o USING (id);
    ELSE
        INSERT INTO imis.audit_log (table_name, operation, row_id, old_row)
        SELECT TG_TABLE_NAME, TG_OP, o.id, to_jsonb(o) FROM old_rows AS o;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION imis.notify_qgis() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('qgis', TG_TABLE_NAME);  -- QGIS layers refresh on this message
    RETURN NULL;
END $$;

CREATE FUNCTION imis.bump_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- A writer that names a version must name the current one; nobody sets it forward.
    IF NEW.row_version IS DISTINCT FROM OLD.row_version THEN
        RAISE EXCEPTION 'stale update of %.id=%: version % given, % current',
            TG_TABLE_NAME, OLD.id, NEW.row_version, OLD.row_version
            USING ERRCODE = 'serialization_failure';
    END IF;
    NEW.row_version := OLD.row_version + 1;
    NEW.updated_at := now();
    NEW.updated_by := session_user;
    RETURN NEW;
END $$;

CREATE FUNCTION imis.assign_reference() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    number bigint := nextval('imis.correspondence_number');
BEGIN
    NEW.reference := 'CR' || to_char(NEW.logged_at AT TIME ZONE 'Africa/Johannesburg', 'YYYY')
                     || '-' || lpad(number::text, greatest(6, length(number::text)), '0');
    RETURN NEW;
END $$;
CREATE TRIGGER assign_reference BEFORE INSERT ON imis.correspondence
    FOR EACH ROW WHEN (NEW.reference IS NULL) EXECUTE FUNCTION imis.assign_reference();

CREATE FUNCTION imis.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: history is never changed or deleted', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON imis.correspondence_event
    FOR EACH ROW EXECUTE FUNCTION imis.refuse_change();
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON imis.audit_log
    FOR EACH ROW EXECUTE FUNCTION imis.refuse_change();
"""

_GRANTS = """
GRANT USAGE ON SCHEMA imis TO imis_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA imis TO imis_reader;
REVOKE SELECT ON imis.audit_log FROM imis_reader;
GRANT SELECT ON imis.audit_log TO imis_supervisor;
GRANT INSERT, UPDATE ON imis.correspondence, imis.customer, imis.account TO imis_operator;
GRANT INSERT ON imis.correspondence_event TO imis_operator;
GRANT USAGE ON SEQUENCE imis.correspondence_number TO imis_operator;
GRANT INSERT, UPDATE, DELETE ON imis.municipal_boundary, imis.ward, imis.suburb, imis.parcel,
    imis.parcel_address, imis.department, imis.staff, imis.escalation_level, imis.category,
    imis.setting TO imis_admin;
"""
