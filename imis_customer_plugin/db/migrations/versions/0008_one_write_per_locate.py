"""Locating writes the register row once: place, SLA due times and routed tasks in one call.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22

Issue 5's SLA times were stored by a second UPDATE of the freshly located row (its FK checks,
its 16 index entries and its audit row all over again), and the routed tasks by two more
round trips. Now the service reads everything it needs in one call (imis.locate_facts:
the parcel under the click, ward and suburb, the item's SLA history, its routing rules),
computes the due times and the task plan in Python (core.sla, core.routing: the one place
that logic lives), and hands both to imis.place_correspondence, which writes the row once,
records the history and creates the tasks (imis.insert_tasks, shared with services.tasks).

The register's indexes all stay: each costs a write about 0.02 ms, and each serves a sweep,
the map, search or a report. Even correspondence_logged_at_idx, which looks redundant beside
correspondence_keyset_idx (logged_at DESC, id DESC), gives reports over a quarter a plan
three times faster on the city-scale register (measured: 190 ms against 590 ms).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DROP FUNCTION imis.place_correspondence(bigint, integer, bigint, geometry)")
    op.execute(_PLACE_OF)
    op.execute(_LOCATE_FACTS)
    op.execute(_INSERT_TASKS)
    op.execute(_PLACE)
    op.execute(
        "GRANT EXECUTE ON FUNCTION imis.place_of(bigint, geometry) TO imis_reader;"
        f"GRANT EXECUTE ON FUNCTION imis.locate_facts({_LOCATE_FACTS_ARGS}) TO imis_reader;"
        f"GRANT EXECUTE ON FUNCTION imis.insert_tasks({_INSERT_TASKS_ARGS}) TO imis_operator;"
        f"GRANT EXECUTE ON FUNCTION imis.place_correspondence({_PLACE_ARGS}) TO imis_operator"
    )


def downgrade() -> None:
    op.execute(
        f"DROP FUNCTION imis.place_correspondence({_PLACE_ARGS});"
        f"DROP FUNCTION imis.insert_tasks({_INSERT_TASKS_ARGS});"
        f"DROP FUNCTION imis.locate_facts({_LOCATE_FACTS_ARGS});"
        "DROP FUNCTION imis.place_of(bigint, geometry)"
    )
    previous = _revision_0004()
    op.execute(previous._PLACE)
    op.execute(
        "GRANT EXECUTE ON FUNCTION imis.place_correspondence(bigint, integer, bigint, geometry) "
        "TO imis_operator"
    )


def _revision_0004():
    """0004's module, for the function it created (a migration never changes once shipped)."""
    path = Path(__file__).with_name("0004_locate_functions.py")
    spec = importlib.util.spec_from_file_location("imis_migration_0004", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Where an item goes: a parcel's inner point, ward and suburb (a parcel lies inside by
# construction), or a free point (in any CRS) in the municipality's CRS, with its own ward
# and suburb once it is found inside.
_PLACE_OF = """
CREATE FUNCTION imis.place_of(on_parcel bigint, at_point geometry)
RETURNS TABLE (place geometry, ward_id integer, suburb_id integer, erf_number text)
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
DECLARE
    point geometry;
BEGIN
    IF on_parcel IS NOT NULL THEN
        RETURN QUERY SELECT ST_PointOnSurface(p.geom), p.ward_id, p.suburb_id, p.erf_number
                       FROM imis.parcel AS p WHERE p.id = on_parcel;
        RETURN;
    END IF;
    point := ST_Transform(at_point,
        (SELECT value::int FROM imis.setting WHERE key = 'municipality.srid'));
    IF EXISTS (SELECT FROM imis.municipal_boundary)
       AND NOT EXISTS (SELECT FROM imis.municipal_boundary AS b
                        WHERE ST_Intersects(b.geom, point)) THEN
        RAISE EXCEPTION 'the point lies outside the municipality' USING ERRCODE = 'IMOUT';
    END IF;
    RETURN QUERY SELECT point,
        (SELECT w.id FROM imis.ward AS w WHERE ST_Intersects(w.geom, point) LIMIT 1),
        (SELECT s.id FROM imis.suburb AS s WHERE ST_Intersects(s.geom, point) LIMIT 1),
        NULL::text;
END $$;
"""

_LOCATE_FACTS_ARGS = "bigint, bigint, float8, float8, integer, boolean, text[]"
# What locating needs to know before it writes: the parcel (on_parcel, else the one under
# the click unless it is a free point), the ward and suburb the item lands in, the item's
# SLA history and routing rules. No row when no parcel lies within reach of the click.
_LOCATE_FACTS = """
CREATE FUNCTION imis.locate_facts(item_id bigint, on_parcel bigint, click_x float8,
                                  click_y float8, click_srid integer, free_point boolean,
                                  response_events text[])
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
    found_parcel bigint := on_parcel;
    found_erf text;
    found_suburb text;
    found_distance float8;
    spot record;
BEGIN
    IF on_parcel IS NULL AND NOT free_point THEN
        SELECT a.parcel_id, a.erf_number, a.suburb, a.distance
          INTO found_parcel, found_erf, found_suburb, found_distance
          FROM imis.parcel_at(click_x, click_y, click_srid) AS a;
        IF found_parcel IS NULL THEN
            RETURN;
        END IF;
    END IF;
    SELECT * INTO spot FROM imis.place_of(found_parcel, CASE WHEN found_parcel IS NULL THEN
        ST_SetSRID(ST_MakePoint(click_x, click_y), click_srid) END);
    RETURN QUERY
    SELECT found_parcel, found_erf, found_suburb, found_distance, spot.ward_id, spot.suburb_id,
           c.classification, c.category_id, c.priority, c.status, c.department_id, c.logged_at,
           c.sla_state, coalesce(c.resolved_at, c.closed_at), h.responded_at, h.reopened_at,
           h.change_times, h.change_statuses,
           EXISTS (SELECT FROM imis.task AS t WHERE t.correspondence_id = c.id),
           (SELECT coalesce(jsonb_agg(to_jsonb(r)), '[]') FROM imis.routing_rule AS r
             WHERE r.category_id = c.category_id AND r.is_active
               AND (r.ward_id IS NULL OR r.ward_id = spot.ward_id)
               AND (r.suburb_id IS NULL OR r.suburb_id = spot.suburb_id)),
           (SELECT s.value FROM imis.setting AS s WHERE s.key = 'sla.config_version'),
           now()
      FROM imis.correspondence AS c
     CROSS JOIN LATERAL (
        SELECT min(e.occurred_at) FILTER (WHERE e.event_type = ANY (response_events))
                   AS responded_at,
               max(e.occurred_at) FILTER (WHERE e.event_type = 'reopen') AS reopened_at,
               array_agg(e.occurred_at ORDER BY e.occurred_at, e.id)
                   FILTER (WHERE e.to_status IS NOT NULL) AS change_times,
               array_agg(e.to_status ORDER BY e.occurred_at, e.id)
                   FILTER (WHERE e.to_status IS NOT NULL) AS change_statuses
          FROM imis.correspondence_event AS e WHERE e.correspondence_id = c.id
     ) AS h
     WHERE c.id = item_id;
END $$;
"""

_INSERT_TASKS_ARGS = (
    "bigint, integer, text[], integer, integer, integer, integer, integer, timestamptz, "
    "integer, bigint, text"
)
# The tasks, their 'task' events and, with a default assignee of the task's department, the
# 'assign' events (which queue the artisan's message): one statement.
_INSERT_TASKS = """
CREATE FUNCTION imis.insert_tasks(item_id bigint, to_department integer, kinds text[],
                                  first_step integer, staff_member integer, crew integer,
                                  item_priority integer, item_zone_priority integer,
                                  due timestamptz, rule integer, split_from bigint, why text)
RETURNS TABLE (id bigint, correspondence_id bigint, department_id integer, department text,
               kind text, step smallint, status text, assigned_staff_id integer,
               assigned_team_id integer, priority smallint, zone_priority smallint,
               due_at timestamptz, row_version integer)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH dept AS (
        SELECT d.code FROM imis.department AS d WHERE d.id = to_department
    ), assignee AS (
        SELECT (SELECT s.id FROM imis.staff AS s WHERE s.id = staff_member
                   AND s.is_active AND s.department_id = to_department) AS staff_id,
               (SELECT m.id FROM imis.team AS m WHERE m.id = crew
                   AND m.department_id = to_department) AS team_id
    ), new AS (
        INSERT INTO imis.task AS t (correspondence_id, department_id, kind, step, status,
            assigned_staff_id, assigned_team_id, priority, zone_priority, due_at)
        SELECT item_id, to_department, k.kind, first_step + k.n - 1,
               CASE WHEN a.staff_id IS NULL AND a.team_id IS NULL THEN 'open'
                    ELSE 'assigned' END,
               a.staff_id, CASE WHEN a.staff_id IS NULL THEN a.team_id END,
               item_priority, item_zone_priority, due
          FROM unnest(kinds) WITH ORDINALITY AS k (kind, n), assignee AS a
        -- A creator that waited for another's lock read has_tasks before that one's commit;
        -- the steps it would repeat are the other's already.
        ON CONFLICT ON CONSTRAINT task_correspondence_id_step_key DO NOTHING
        RETURNING t.*
    ), events AS (
        INSERT INTO imis.correspondence_event (correspondence_id, event_type, reason, detail)
        SELECT n.correspondence_id, e.event_type, why, e.detail
          FROM new AS n CROSS JOIN LATERAL (VALUES
              (1, 'task', jsonb_strip_nulls(jsonb_build_object(
                  'task_id', n.id, 'kind', n.kind, 'department', (SELECT code FROM dept),
                  'step', n.step, 'rule_id', rule, 'split_from', split_from))),
              (2, 'assign', jsonb_strip_nulls(jsonb_build_object(
                  'task_id', n.id, 'staff_id', n.assigned_staff_id,
                  'team_id', n.assigned_team_id)))
          ) AS e (ord, event_type, detail)
         WHERE e.event_type = 'task' OR n.status = 'assigned'
         ORDER BY n.step, e.ord
    )
    SELECT t.id, t.correspondence_id, t.department_id, (SELECT code FROM dept), t.kind, t.step,
           t.status, t.assigned_staff_id, t.assigned_team_id, t.priority, t.zone_priority,
           t.due_at, t.row_version
      FROM new AS t ORDER BY t.step;
END $$;
"""

_PLACE_ARGS = (
    "bigint, integer, bigint, geometry, integer, text, timestamptz, timestamptz, timestamptz, "
    "timestamptz, timestamptz, timestamptz, integer, text[], integer, integer, integer"
)
# Location, ward and suburb, logged -> assigned, the link to the first complaint of the same
# category on the same parcel or within the radius and window (a repeat), the SLA fields the
# caller computed for the located item, its history and its routed tasks. at_point, a free
# point, may be in any CRS. Nothing is written (no row returned) when the row is not at
# item_version.
_PLACE = """
CREATE FUNCTION imis.place_correspondence(
    item_id bigint, item_version integer, on_parcel bigint, at_point geometry,
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
    item record;
    moved record;
    earlier bigint;
    repeats text;
    first_repeat boolean := false;
BEGIN
    SELECT * INTO spot FROM imis.place_of(on_parcel, at_point);
    SELECT c.status, c.classification, c.category_id, c.logged_at, c.repeat_of_id
      INTO item FROM imis.correspondence AS c
     WHERE c.id = item_id AND c.row_version = item_version;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    IF item.classification = 'complaint' AND item.repeat_of_id IS NULL THEN
        radius := coalesce(
            (SELECT value::float8 FROM imis.setting WHERE key = 'repeat.radius_m'), 50);
        window_days := coalesce(
            (SELECT value::int FROM imis.setting WHERE key = 'repeat.window_days'), 30);
        -- The GiST index first: few items lie within the radius, many share the category.
        -- Same parcel means the same point, so distance 0.
        WITH near AS MATERIALIZED (
            SELECT e.id, e.repeat_of_id, e.category_id, e.classification, e.logged_at
              FROM imis.correspondence AS e WHERE ST_DWithin(e.geom, spot.place, radius)
        )
        SELECT coalesce(e.repeat_of_id, e.id) INTO earlier
          FROM near AS e
         WHERE e.id <> item_id AND e.classification = 'complaint'
           AND e.category_id = item.category_id
           AND e.logged_at BETWEEN item.logged_at - make_interval(days => window_days)
                               AND item.logged_at
         ORDER BY e.logged_at LIMIT 1;
    END IF;
    UPDATE imis.correspondence AS c SET
        location_kind = CASE WHEN on_parcel IS NULL THEN 'point' ELSE 'parcel' END,
        parcel_id = on_parcel,
        geom = spot.place,
        ward_id = spot.ward_id,
        suburb_id = spot.suburb_id,
        located_at = coalesce(c.located_at, now()),
        status = CASE WHEN c.status = 'logged' THEN 'assigned' ELSE c.status END,
        repeat_of_id = coalesce(c.repeat_of_id, earlier),
        sla_policy_id = policy_id,
        sla_state = policy_state,
        sla_started_at = started_at,
        responded_at = responded,
        response_due_at = response_due,
        resolution_due_at = resolution_due,
        sla_at_risk_at = at_risk_at,
        sla_breach_at = breach_at,
        next_escalation_at = CASE WHEN policy_state = 'breached' THEN c.next_escalation_at END
     WHERE c.id = item_id AND c.row_version = item_version
    RETURNING c.id, c.reference, c.classification, c.status, c.row_version, c.department_id,
              c.escalation_level, c.repeat_of_id, c.priority INTO moved;
    IF moved.repeat_of_id IS NOT NULL THEN
        SELECT r.reference INTO repeats FROM imis.correspondence AS r
         WHERE r.id = moved.repeat_of_id;
        first_repeat := NOT EXISTS (SELECT FROM imis.correspondence_event AS ev
                                     WHERE ev.correspondence_id = item_id
                                       AND ev.event_type = 'repeat_detected');
    END IF;
    INSERT INTO imis.correspondence_event
        (correspondence_id, event_type, from_status, to_status, reason, detail)
    SELECT item_id, v.event_type, v.from_status, v.to_status, v.reason, v.detail
      FROM (VALUES
        (1, CASE WHEN item.status = 'logged' THEN 'locate' ELSE 'relocated' END,
         item.status, moved.status, '',
         CASE WHEN on_parcel IS NULL THEN '{}'::jsonb
              ELSE jsonb_build_object('parcel_id', on_parcel, 'erf', spot.erf_number) END),
        (2, 'repeat_detected', NULL, NULL, 'repeats ' || repeats,
         jsonb_build_object('repeat_of', repeats))
      ) AS v (ord, event_type, from_status, to_status, reason, detail)
     WHERE v.ord = 1 OR first_repeat
     ORDER BY v.ord;
    IF cardinality(task_kinds) > 0 THEN
        PERFORM FROM imis.insert_tasks(item_id, task_department, task_kinds, 1, task_staff,
            task_team, moved.priority,
            coalesce((SELECT s.priority FROM imis.suburb AS s WHERE s.id = spot.suburb_id), 3),
            resolution_due, task_rule, NULL, '');
    END IF;
    RETURN QUERY SELECT moved.id, moved.reference, moved.classification, moved.status,
                        moved.row_version, moved.department_id, moved.escalation_level,
                        repeats, first_repeat;
END $$;
"""
