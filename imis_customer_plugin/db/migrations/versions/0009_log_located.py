"""Logging with a location writes the register row once, already located.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-22

The log wizard's Save (services.intake.log_and_locate) inserted the row as 'logged' and then
located it by an UPDATE in the same transaction: a second pass over the fresh row's FK checks,
its 16 index entries and its audit. Now it reads what locating needs first
(imis.intake_facts: the category's defaults, the parcel under the click, ward and suburb,
the routing rules), computes the due times and the task plan in Python as locating does,
and imis.log_located inserts the row located, its 'logged' and 'locate' events and its tasks.

The row is stored as the log-then-locate path leaves it (row_version 2, updated_at/by set),
so desks, reports and conflict checks see the same item whichever way it came in. The one
difference is the audit: one INSERT of the located row instead of INSERT + UPDATE.

imis.enqueue_messages reads the item's row when its events are inserted; the acknowledgement
of a 'logged' event now describes the item as just logged (status 'logged', no due time), as
it did when the row was still unlocated at that moment, and the messages of one statement are
queued in event order.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(_INTAKE_FACTS)
    op.execute(_LOG_LOCATED)
    op.execute(_ENQUEUE)
    op.execute(
        f"GRANT EXECUTE ON FUNCTION imis.intake_facts({_INTAKE_FACTS_ARGS}) TO imis_reader;"
        f"GRANT EXECUTE ON FUNCTION imis.log_located({_LOG_LOCATED_ARGS}) TO imis_operator"
    )


def downgrade() -> None:
    op.execute(
        f"DROP FUNCTION imis.log_located({_LOG_LOCATED_ARGS});"
        f"DROP FUNCTION imis.intake_facts({_INTAKE_FACTS_ARGS});"
        "DROP TRIGGER enqueue_messages ON imis.correspondence_event;"
        "DROP FUNCTION imis.enqueue_messages()"
    )
    op.execute(_revision("0005_sla_and_outbox.py")._ENQUEUE)


def _revision(file_name: str):
    """An earlier migration's module, for the function it created (shipped ones never change)."""
    path = Path(__file__).with_name(file_name)
    spec = importlib.util.spec_from_file_location(f"imis_migration_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_INTAKE_FACTS_ARGS = "text, text, smallint, bigint, float8, float8, integer, boolean"
# imis.locate_facts' row for an item not written yet: the category's defaults, the parcel
# (on_parcel, else the one under the click unless it is a free point; parcel_id NULL when none
# lies within reach), ward and suburb, routing rules, and the history a new item has (logged
# now). No row for an unknown or inactive category, checked first as logging does.
_INTAKE_FACTS = """
CREATE FUNCTION imis.intake_facts(category_code text, given_classification text,
                                  given_priority smallint, on_parcel bigint, click_x float8,
                                  click_y float8, click_srid integer, free_point boolean)
RETURNS TABLE (parcel_id bigint, erf_number text, suburb text, distance float8,
               ward_id integer, suburb_id integer, classification text, category_id integer,
               priority smallint, status text, department_id integer, logged_at timestamptz,
               sla_state text, resolved_at timestamptz, responded_at timestamptz,
               reopened_at timestamptz, change_times timestamptz[], change_statuses text[],
               has_tasks boolean, rules jsonb, sla_version jsonb, now_at timestamptz)
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
DECLARE
    cat record;
    found_parcel bigint := on_parcel;
    found_erf text;
    found_suburb text;
    found_distance float8;
    at_ward integer;
    at_suburb integer;
BEGIN
    SELECT c.id, c.department_id,
           coalesce(given_classification, c.default_classification) AS classification,
           coalesce(given_priority, c.default_priority) AS priority
      INTO cat FROM imis.category AS c WHERE c.code = category_code AND c.is_active;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    IF on_parcel IS NULL AND NOT free_point THEN
        SELECT a.parcel_id, a.erf_number, a.suburb, a.distance
          INTO found_parcel, found_erf, found_suburb, found_distance
          FROM imis.parcel_at(click_x, click_y, click_srid) AS a;
    END IF;
    IF found_parcel IS NOT NULL OR free_point THEN
        SELECT p.ward_id, p.suburb_id INTO at_ward, at_suburb
          FROM imis.place_of(found_parcel, CASE WHEN found_parcel IS NULL THEN
               ST_SetSRID(ST_MakePoint(click_x, click_y), click_srid) END) AS p;
    END IF;
    RETURN QUERY
    SELECT found_parcel, found_erf, found_suburb, found_distance, at_ward, at_suburb,
           cat.classification, cat.id, cat.priority::smallint, 'logged'::text,
           cat.department_id, now(), NULL::text, NULL::timestamptz, NULL::timestamptz,
           NULL::timestamptz, ARRAY[now()], ARRAY['logged'::text], false,
           (SELECT coalesce(jsonb_agg(to_jsonb(r)), '[]') FROM imis.routing_rule AS r
             WHERE r.category_id = cat.id AND r.is_active
               AND (r.ward_id IS NULL OR r.ward_id = at_ward)
               AND (r.suburb_id IS NULL OR r.suburb_id = at_suburb)),
           (SELECT s.value FROM imis.setting AS s WHERE s.key = 'sla.config_version'),
           now();
END $$;
"""

_LOG_LOCATED_ARGS = (
    "text, boolean, integer, text, bigint, bigint, text, smallint, integer, text, bigint, "
    "geometry, integer, text, timestamptz, timestamptz, timestamptz, timestamptz, "
    "timestamptz, timestamptz, integer, text[], integer, integer, integer"
)
# The new row, located: what imis.place_correspondence makes of a just logged row (place,
# ward and suburb, the caller's status and SLA fields, the repeat link), in one INSERT; the
# 'logged', 'locate' and 'repeat_detected' events in one more; the routed tasks.
_LOG_LOCATED = """
CREATE FUNCTION imis.log_located(
    item_classification text, internal boolean, item_category integer, item_channel text,
    item_customer bigint, item_account bigint, item_description text, item_priority smallint,
    item_department integer, located_status text, on_parcel bigint, at_point geometry,
    policy_id integer, policy_state text, started_at timestamptz, responded timestamptz,
    response_due timestamptz, resolution_due timestamptz, at_risk_at timestamptz,
    breach_at timestamptz, task_department integer, task_kinds text[], task_staff integer,
    task_team integer, task_rule integer)
RETURNS TABLE (id bigint, reference text, classification text, status text,
               row_version integer, department_id integer, escalation_level smallint,
               repeat_reference text, newly_repeated boolean)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
DECLARE
    radius float8;
    window_days integer;
    spot record;
    moved record;
    earlier bigint;
    repeats text;
BEGIN
    SELECT * INTO spot FROM imis.place_of(on_parcel, at_point);
    IF item_classification = 'complaint' THEN
        radius := coalesce(
            (SELECT value::float8 FROM imis.setting WHERE key = 'repeat.radius_m'), 50);
        window_days := coalesce(
            (SELECT value::int FROM imis.setting WHERE key = 'repeat.window_days'), 30);
        -- As imis.place_correspondence: the GiST index first. The new row is not there yet.
        WITH near AS MATERIALIZED (
            SELECT e.id, e.repeat_of_id, e.category_id, e.classification, e.logged_at
              FROM imis.correspondence AS e WHERE ST_DWithin(e.geom, spot.place, radius)
        )
        SELECT coalesce(e.repeat_of_id, e.id) INTO earlier
          FROM near AS e
         WHERE e.classification = 'complaint' AND e.category_id = item_category
           AND e.logged_at BETWEEN now() - make_interval(days => window_days) AND now()
         ORDER BY e.logged_at LIMIT 1;
        IF earlier IS NOT NULL THEN
            SELECT r.reference INTO repeats FROM imis.correspondence AS r WHERE r.id = earlier;
        END IF;
    END IF;
    -- Version 2, updated now by this session: the row as logging then locating leaves it.
    INSERT INTO imis.correspondence AS c (classification, is_internal, category_id, channel,
        customer_id, account_id, description, priority, department_id, status, location_kind,
        parcel_id, geom, ward_id, suburb_id, located_at, repeat_of_id, sla_policy_id,
        sla_state, sla_started_at, responded_at, response_due_at, resolution_due_at,
        sla_at_risk_at, sla_breach_at, row_version, updated_at, updated_by)
    VALUES (item_classification, internal, item_category, item_channel, item_customer,
        item_account, item_description, item_priority, item_department, located_status,
        CASE WHEN on_parcel IS NULL THEN 'point' ELSE 'parcel' END, on_parcel, spot.place,
        spot.ward_id, spot.suburb_id, now(), earlier, policy_id, policy_state, started_at,
        responded, response_due, resolution_due, at_risk_at, breach_at, 2, now(),
        session_user)
    RETURNING c.id, c.reference, c.classification, c.status, c.row_version, c.department_id,
              c.escalation_level, c.priority INTO moved;
    INSERT INTO imis.correspondence_event
        (correspondence_id, event_type, from_status, to_status, reason, detail)
    SELECT moved.id, v.event_type, v.from_status, v.to_status, v.reason, v.detail
      FROM (VALUES
        (1, 'logged', NULL, 'logged', '', '{}'::jsonb),
        (2, 'locate', 'logged', moved.status, '',
         CASE WHEN on_parcel IS NULL THEN '{}'::jsonb
              ELSE jsonb_build_object('parcel_id', on_parcel, 'erf', spot.erf_number) END),
        (3, 'repeat_detected', NULL, NULL, 'repeats ' || repeats,
         jsonb_build_object('repeat_of', repeats))
      ) AS v (ord, event_type, from_status, to_status, reason, detail)
     WHERE v.ord < 3 OR earlier IS NOT NULL
     ORDER BY v.ord;
    IF cardinality(task_kinds) > 0 THEN
        PERFORM FROM imis.insert_tasks(moved.id, task_department, task_kinds, 1, task_staff,
            task_team, moved.priority,
            coalesce((SELECT s.priority FROM imis.suburb AS s WHERE s.id = spot.suburb_id), 3),
            resolution_due, task_rule, NULL, '');
    END IF;
    RETURN QUERY SELECT moved.id, moved.reference, moved.classification, moved.status,
                        moved.row_version, moved.department_id, moved.escalation_level,
                        repeats, earlier IS NOT NULL;
END $$;
"""

# 0005's imis.enqueue_messages, but for the acknowledgement's status and due time and the
# queue order of one statement's messages.
_ENQUEUE = """
CREATE OR REPLACE FUNCTION imis.enqueue_messages() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM new_rows WHERE event_type IN ('logged', 'resolve', 'close',
            'start', 'pend', 'defer', 'resume', 'reforward', 'reopen', 'escalate', 'locate',
            'assign', 'sla_at_risk')) THEN
        RETURN NULL;  -- most history (notes, tasks, job cards) tells nobody: skip the joins
    END IF;
    WITH message AS (
        SELECT e.id AS event_id, e.correspondence_id, e.event_type, e.reason, e.detail,
               e.to_status,
               CASE
                 WHEN e.event_type = 'logged' THEN 'acknowledgement'
                 WHEN e.event_type = 'resolve'
                   OR (e.event_type = 'close' AND e.from_status <> 'resolved') THEN 'resolution'
                 WHEN e.event_type IN ('start', 'pend', 'defer', 'resume', 'reforward',
                                       'reopen')
                   OR (e.event_type = 'escalate' AND NOT (e.detail ? 'rule')) THEN 'status_change'
               END AS customer_kind,
               CASE
                 WHEN e.event_type IN ('locate', 'reforward', 'assign') THEN 'assignment'
                 WHEN e.event_type = 'sla_at_risk' THEN 'at_risk'
                 WHEN e.event_type = 'escalate' THEN 'escalation'
               END AS staff_kind
          FROM new_rows AS e
    ), facts AS (
        SELECT m.*, c.reference, c.classification, c.status, c.description, c.resolution,
               c.resolution_due_at, c.escalation_level,
               cat.name AS category, d.name AS department, d.email AS department_email,
               cu.full_name AS customer_name, cu.preferred_channel, cu.email AS customer_email,
               cu.phone AS customer_phone, cu.language AS customer_language,
               s.full_name AS staff_name, s.email AS staff_email, s.phone AS staff_phone,
               lvl.title AS level_title
          FROM message AS m
          JOIN imis.correspondence AS c ON c.id = m.correspondence_id
          JOIN imis.category AS cat ON cat.id = c.category_id
          JOIN imis.department AS d ON d.id = c.department_id
          LEFT JOIN imis.customer AS cu ON cu.id = c.customer_id AND NOT c.is_internal
          LEFT JOIN imis.escalation_level AS lvl
                 ON lvl.department_id = c.department_id AND lvl.level = c.escalation_level
                AND m.staff_kind = 'escalation'
          LEFT JOIN imis.staff AS s ON s.is_active AND s.id = CASE
                 WHEN m.staff_kind = 'escalation' THEN lvl.staff_id
                 ELSE coalesce((m.detail ->> 'staff_id')::integer, c.assigned_staff_id) END
         WHERE m.customer_kind IS NOT NULL OR m.staff_kind IS NOT NULL
    ), params AS (
        SELECT f.*, jsonb_build_object(
                   'reference', f.reference, 'classification', f.classification,
                   'category', f.category, 'department', f.department,
                   -- An acknowledgement tells of the item as logged, located or not yet.
                   'status', CASE WHEN f.event_type = 'logged' THEN 'logged'
                                  ELSE replace(f.status, '_', ' ') END,
                   'reason', f.reason,
                   'resolution', f.resolution, 'customer_name', coalesce(f.customer_name, ''),
                   'staff_name', coalesce(f.staff_name, f.department),
                   'level', coalesce(f.level_title, 'level ' || f.escalation_level),
                   'due', CASE WHEN f.event_type = 'logged' THEN '' ELSE
                          coalesce(to_char(f.resolution_due_at AT TIME ZONE
                                           'Africa/Johannesburg', 'YYYY-MM-DD HH24:MI'), '')
                          END,
                   'description', left(f.description, 200)) AS params
          FROM facts AS f
    )
    INSERT INTO imis.outbox (correspondence_id, event_id, kind, audience, channel, recipient,
                             language, params, status, last_error)
    SELECT p.correspondence_id, p.event_id, q.kind, q.audience, q.channel, q.recipient,
           q.language, p.params,
           CASE WHEN q.recipient IS NULL THEN 'failed' ELSE 'pending' END,
           CASE WHEN q.recipient IS NULL THEN 'no ' || q.channel || ' address for the '
                                              || q.audience ELSE '' END
      FROM params AS p
     CROSS JOIN LATERAL (
        SELECT p.customer_kind AS kind, 'customer' AS audience, p.preferred_channel AS channel,
               CASE p.preferred_channel WHEN 'email' THEN p.customer_email
                                        ELSE p.customer_phone END AS recipient,
               p.customer_language AS language
         WHERE p.customer_kind IS NOT NULL AND p.preferred_channel IN ('email', 'sms')
        UNION ALL
        SELECT p.staff_kind, 'staff',
               CASE WHEN p.staff_email IS NULL AND p.staff_phone IS NOT NULL THEN 'sms'
                    ELSE 'email' END,
               coalesce(p.staff_email, p.staff_phone, p.department_email), 'en'
         WHERE p.staff_kind IS NOT NULL
     ) AS q
     ORDER BY p.event_id, q.audience;  -- queued in the order things happened
    RETURN NULL;
END $$;
"""
