"""Locating's SQL written once: the place found once, shared repeat and routing look-ups, and
one history INSERT for an item and its routed tasks.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-22

0008 and 0009 left the two ways of locating (imis.place_correspondence for an item already
logged, imis.log_located for one logged and located at once) with parts written out twice:
- the place: the facts functions found the parcel's inner point or the free point's ward and
  suburb, and the writers worked it out again (imis.place_of twice a locate). The facts now
  return it, and the writers store what they are given;
- the repeat check (imis.earlier_complaint) and the routing rules that apply at a place
  (imis.routing_rules_at, also read by services.tasks) were copied in each function, and
  the item's SLA history (imis.sla_history) was written in imis.locate_facts and again in
  services.sla, whose results must agree;
- the routed tasks' 'task' and 'assign' events went in by a second INSERT into the history,
  which ran the message queue's statement trigger a second time. imis.new_tasks now only
  creates the tasks, imis.task_events describes their events, and each writer inserts all of
  an item's events in one statement, in the order they had before. imis.insert_tasks (task
  splits) is the same two parts.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        f"DROP FUNCTION imis.place_correspondence({_OLD_PLACE_ARGS});"
        f"DROP FUNCTION imis.log_located({_OLD_LOG_LOCATED_ARGS});"
        f"DROP FUNCTION imis.locate_facts({_LOCATE_FACTS_ARGS});"
        f"DROP FUNCTION imis.intake_facts({_INTAKE_FACTS_ARGS})"
    )
    for statement in (
        _SLA_HISTORY,
        _ROUTING_RULES_AT,
        _EARLIER_COMPLAINT,
        _NEW_TASKS,
        _TASK_EVENTS,
        _INSERT_TASKS,
        _LOCATE_FACTS,
        _INTAKE_FACTS,
        _PLACE,
        _LOG_LOCATED,
    ):
        op.execute(statement)
    op.execute(
        "GRANT EXECUTE ON FUNCTION imis.sla_history(bigint, text[]) TO imis_reader;"
        "GRANT EXECUTE ON FUNCTION imis.routing_rules_at(integer, integer, integer) "
        "TO imis_reader;"
        "GRANT EXECUTE ON FUNCTION imis.earlier_complaint(geometry, integer, timestamptz, bigint)"
        " TO imis_reader;"
        f"GRANT EXECUTE ON FUNCTION imis.new_tasks({_NEW_TASKS_ARGS}) TO imis_operator;"
        "GRANT EXECUTE ON FUNCTION imis.task_events(imis.task[], integer, bigint) "
        "TO imis_reader;"
        f"GRANT EXECUTE ON FUNCTION imis.locate_facts({_LOCATE_FACTS_ARGS}) TO imis_reader;"
        f"GRANT EXECUTE ON FUNCTION imis.intake_facts({_INTAKE_FACTS_ARGS}) TO imis_reader;"
        f"GRANT EXECUTE ON FUNCTION imis.place_correspondence({_PLACE_ARGS}) TO imis_operator;"
        f"GRANT EXECUTE ON FUNCTION imis.log_located({_LOG_LOCATED_ARGS}) TO imis_operator"
    )


def downgrade() -> None:
    op.execute(
        f"DROP FUNCTION imis.log_located({_LOG_LOCATED_ARGS});"
        f"DROP FUNCTION imis.place_correspondence({_PLACE_ARGS});"
        f"DROP FUNCTION imis.intake_facts({_INTAKE_FACTS_ARGS});"
        f"DROP FUNCTION imis.locate_facts({_LOCATE_FACTS_ARGS});"
    )
    before_0009 = _revision("0008_one_write_per_locate.py")
    before_0010 = _revision("0009_log_located.py")
    for statement in (
        before_0009._INSERT_TASKS.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION"),
        before_0009._LOCATE_FACTS,
        before_0009._PLACE,
        before_0010._INTAKE_FACTS,
        before_0010._LOG_LOCATED,
    ):
        op.execute(statement)
    op.execute(
        f"DROP FUNCTION imis.task_events(imis.task[], integer, bigint);"
        f"DROP FUNCTION imis.new_tasks({_NEW_TASKS_ARGS});"
        "DROP FUNCTION imis.earlier_complaint(geometry, integer, timestamptz, bigint);"
        "DROP FUNCTION imis.routing_rules_at(integer, integer, integer);"
        "DROP FUNCTION imis.sla_history(bigint, text[]);"
        f"GRANT EXECUTE ON FUNCTION imis.locate_facts({_LOCATE_FACTS_ARGS}) TO imis_reader;"
        f"GRANT EXECUTE ON FUNCTION imis.intake_facts({_INTAKE_FACTS_ARGS}) TO imis_reader;"
        f"GRANT EXECUTE ON FUNCTION imis.place_correspondence({_OLD_PLACE_ARGS}) "
        "TO imis_operator;"
        f"GRANT EXECUTE ON FUNCTION imis.log_located({_OLD_LOG_LOCATED_ARGS}) TO imis_operator"
    )


def _revision(file_name: str):
    """An earlier migration's module, for the function it created (shipped ones never change)."""
    path = Path(__file__).with_name(file_name)
    spec = importlib.util.spec_from_file_location(f"imis_migration_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# What the SLA clock reads of an item's history: its first response to the customer, its last
# re-open and its status changes in order (services.sla for refreshes, imis.locate_facts for
# locating). A SQL function, so the planner inlines it into each caller's query.
_SLA_HISTORY = """
CREATE FUNCTION imis.sla_history(item_id bigint, response_events text[])
RETURNS TABLE (responded_at timestamptz, reopened_at timestamptz,
               change_times timestamptz[], change_statuses text[])
LANGUAGE sql STABLE AS $$
    SELECT min(e.occurred_at) FILTER (WHERE e.event_type = ANY (response_events)),
           max(e.occurred_at) FILTER (WHERE e.event_type = 'reopen'),
           array_agg(e.occurred_at ORDER BY e.occurred_at, e.id)
               FILTER (WHERE e.to_status IS NOT NULL),
           array_agg(e.to_status ORDER BY e.occurred_at, e.id)
               FILTER (WHERE e.to_status IS NOT NULL)
      FROM imis.correspondence_event AS e WHERE e.correspondence_id = item_id
$$;
"""

_ROUTING_RULES_AT = """
CREATE FUNCTION imis.routing_rules_at(of_category integer, at_ward integer, at_suburb integer)
RETURNS jsonb LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
BEGIN
    -- The active rules of the category for that ward and suburb (core.routing chooses).
    RETURN (SELECT coalesce(jsonb_agg(to_jsonb(r)), '[]') FROM imis.routing_rule AS r
             WHERE r.category_id = of_category AND r.is_active
               AND (r.ward_id IS NULL OR r.ward_id = at_ward)
               AND (r.suburb_id IS NULL OR r.suburb_id = at_suburb));
END $$;
"""

# The first complaint of the same category on the same spot or within the radius and window
# before `logged` (the earliest of its chain); other_than: the item itself once it is stored.
_EARLIER_COMPLAINT = """
CREATE FUNCTION imis.earlier_complaint(at_place geometry, of_category integer,
                                       logged timestamptz, other_than bigint)
RETURNS bigint LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
DECLARE
    radius float8 := coalesce(
        (SELECT value::float8 FROM imis.setting WHERE key = 'repeat.radius_m'), 50);
    window_days integer := coalesce(
        (SELECT value::int FROM imis.setting WHERE key = 'repeat.window_days'), 30);
BEGIN
    -- The GiST index first: few items lie within the radius, many share the category.
    -- Same parcel means the same point, so distance 0.
    RETURN (
        WITH near AS MATERIALIZED (
            SELECT e.id, e.repeat_of_id, e.category_id, e.classification, e.logged_at
              FROM imis.correspondence AS e WHERE ST_DWithin(e.geom, at_place, radius)
        )
        SELECT coalesce(e.repeat_of_id, e.id)
          FROM near AS e
         WHERE e.id IS DISTINCT FROM other_than AND e.classification = 'complaint'
           AND e.category_id = of_category
           AND e.logged_at BETWEEN logged - make_interval(days => window_days) AND logged
         ORDER BY e.logged_at LIMIT 1);
END $$;
"""

_NEW_TASKS_ARGS = (
    "bigint, integer, text[], integer, integer, integer, integer, integer, timestamptz"
)
# The tasks alone, in step order; a default assignee of another department (or inactive) is
# left out and the task stays open.
_NEW_TASKS = """
CREATE FUNCTION imis.new_tasks(item_id bigint, to_department integer, kinds text[],
                               first_step integer, staff_member integer, crew integer,
                               item_priority integer, item_zone_priority integer,
                               due timestamptz)
RETURNS imis.task[] LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
DECLARE
    made imis.task[];
BEGIN
    WITH assignee AS (
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
        RETURNING t
    )
    SELECT coalesce(array_agg(new.t ORDER BY (new.t).step), '{}') INTO made FROM new;
    RETURN made;
END $$;
"""

# Each new task's 'task' event and, when it has an assignee, its 'assign' event (which queues
# the artisan's message), in step order.
_TASK_EVENTS = """
CREATE FUNCTION imis.task_events(made imis.task[], rule integer, split_from bigint)
RETURNS TABLE (step smallint, ord integer, correspondence_id bigint, event_type text,
               detail jsonb)
LANGUAGE sql STABLE AS $$
    SELECT n.step, e.ord, n.correspondence_id, e.event_type, e.detail
      FROM unnest(made) AS n CROSS JOIN LATERAL (VALUES
          (1, 'task', jsonb_strip_nulls(jsonb_build_object(
              'task_id', n.id, 'kind', n.kind,
              'department', (SELECT d.code FROM imis.department AS d
                              WHERE d.id = n.department_id),
              'step', n.step, 'rule_id', rule, 'split_from', split_from))),
          (2, 'assign', jsonb_strip_nulls(jsonb_build_object(
              'task_id', n.id, 'staff_id', n.assigned_staff_id,
              'team_id', n.assigned_team_id)))
      ) AS e (ord, event_type, detail)
     WHERE e.event_type = 'task' OR n.status = 'assigned'
$$;
"""

# 0008's function, now the two parts above: the tasks, then their events in one INSERT.
_INSERT_TASKS = """
CREATE OR REPLACE FUNCTION imis.insert_tasks(item_id bigint, to_department integer,
                                             kinds text[], first_step integer,
                                             staff_member integer, crew integer,
                                             item_priority integer, item_zone_priority integer,
                                             due timestamptz, rule integer, split_from bigint,
                                             why text)
RETURNS TABLE (id bigint, correspondence_id bigint, department_id integer, department text,
               kind text, step smallint, status text, assigned_staff_id integer,
               assigned_team_id integer, priority smallint, zone_priority smallint,
               due_at timestamptz, row_version integer)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
DECLARE
    made imis.task[];
BEGIN
    made := imis.new_tasks(item_id, to_department, kinds, first_step, staff_member, crew,
                           item_priority, item_zone_priority, due);
    INSERT INTO imis.correspondence_event (correspondence_id, event_type, reason, detail)
    SELECT e.correspondence_id, e.event_type, why, e.detail
      FROM imis.task_events(made, rule, split_from) AS e ORDER BY e.step, e.ord;
    RETURN QUERY
    SELECT t.id, t.correspondence_id, t.department_id, d.code, t.kind, t.step, t.status,
           t.assigned_staff_id, t.assigned_team_id, t.priority, t.zone_priority, t.due_at,
           t.row_version
      FROM unnest(made) AS t JOIN imis.department AS d ON d.id = t.department_id
     ORDER BY t.step;
END $$;
"""

_LOCATE_FACTS_ARGS = "bigint, bigint, float8, float8, integer, boolean, text[]"
# What locating needs to know before it writes: the parcel (on_parcel, else the one under
# the click unless it is a free point), the place, ward and suburb the item lands in
# (imis.place_of refuses a free point outside the municipality), the item's SLA history and
# routing rules. No row when no parcel lies within reach of the click.
_LOCATE_FACTS = """
CREATE FUNCTION imis.locate_facts(item_id bigint, on_parcel bigint, click_x float8,
                                  click_y float8, click_srid integer, free_point boolean,
                                  response_events text[])
RETURNS TABLE (parcel_id bigint, erf_number text, suburb text, distance float8,
               place geometry, ward_id integer, suburb_id integer, classification text,
               category_id integer, priority smallint, status text, department_id integer,
               logged_at timestamptz, sla_state text, resolved_at timestamptz,
               responded_at timestamptz, reopened_at timestamptz, change_times timestamptz[],
               change_statuses text[], has_tasks boolean, rules jsonb, sla_version jsonb,
               now_at timestamptz)
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
DECLARE
    found_parcel bigint := on_parcel;
    found_suburb text;
    found_distance float8;
    spot record;
BEGIN
    IF on_parcel IS NULL AND NOT free_point THEN
        SELECT a.parcel_id, a.suburb, a.distance INTO found_parcel, found_suburb, found_distance
          FROM imis.parcel_at(click_x, click_y, click_srid) AS a;
        IF found_parcel IS NULL THEN
            RETURN;
        END IF;
    END IF;
    SELECT * INTO spot FROM imis.place_of(found_parcel, CASE WHEN found_parcel IS NULL THEN
        ST_SetSRID(ST_MakePoint(click_x, click_y), click_srid) END);
    RETURN QUERY
    SELECT found_parcel, spot.erf_number, found_suburb, found_distance, spot.place,
           spot.ward_id, spot.suburb_id, c.classification, c.category_id, c.priority, c.status,
           c.department_id, c.logged_at, c.sla_state, coalesce(c.resolved_at, c.closed_at),
           h.responded_at, h.reopened_at, h.change_times, h.change_statuses,
           EXISTS (SELECT FROM imis.task AS t WHERE t.correspondence_id = c.id),
           imis.routing_rules_at(c.category_id, spot.ward_id, spot.suburb_id),
           (SELECT s.value FROM imis.setting AS s WHERE s.key = 'sla.config_version'),
           now()
      FROM imis.correspondence AS c
     CROSS JOIN LATERAL imis.sla_history(c.id, response_events) AS h
     WHERE c.id = item_id;
END $$;
"""

_INTAKE_FACTS_ARGS = "text, text, smallint, bigint, float8, float8, integer, boolean"
# imis.locate_facts' row for an item not written yet: the category's defaults, the parcel
# (on_parcel, else the one under the click unless it is a free point; parcel_id NULL when none
# lies within reach), place, ward and suburb, routing rules, and the history a new item has
# (logged now). No row for an unknown or inactive category, checked first as logging does.
_INTAKE_FACTS = """
CREATE FUNCTION imis.intake_facts(category_code text, given_classification text,
                                  given_priority smallint, on_parcel bigint, click_x float8,
                                  click_y float8, click_srid integer, free_point boolean)
RETURNS TABLE (parcel_id bigint, erf_number text, suburb text, distance float8,
               place geometry, ward_id integer, suburb_id integer, classification text,
               category_id integer, priority smallint, status text, department_id integer,
               logged_at timestamptz, sla_state text, resolved_at timestamptz,
               responded_at timestamptz, reopened_at timestamptz, change_times timestamptz[],
               change_statuses text[], has_tasks boolean, rules jsonb, sla_version jsonb,
               now_at timestamptz)
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
DECLARE
    cat record;
    found_parcel bigint := on_parcel;
    found_suburb text;
    found_distance float8;
    spot record;
BEGIN
    SELECT c.id, c.department_id,
           coalesce(given_classification, c.default_classification) AS classification,
           coalesce(given_priority, c.default_priority) AS priority
      INTO cat FROM imis.category AS c WHERE c.code = category_code AND c.is_active;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    IF on_parcel IS NULL AND NOT free_point THEN
        SELECT a.parcel_id, a.suburb, a.distance INTO found_parcel, found_suburb, found_distance
          FROM imis.parcel_at(click_x, click_y, click_srid) AS a;
    END IF;
    IF found_parcel IS NOT NULL OR free_point THEN
        SELECT * INTO spot FROM imis.place_of(found_parcel, CASE WHEN found_parcel IS NULL THEN
               ST_SetSRID(ST_MakePoint(click_x, click_y), click_srid) END);
    ELSE
        SELECT NULL::text AS erf_number, NULL::geometry AS place, NULL::integer AS ward_id,
               NULL::integer AS suburb_id INTO spot;
    END IF;
    RETURN QUERY
    SELECT found_parcel, spot.erf_number, found_suburb, found_distance, spot.place,
           spot.ward_id, spot.suburb_id, cat.classification, cat.id, cat.priority::smallint,
           'logged'::text, cat.department_id, now(), NULL::text, NULL::timestamptz,
           NULL::timestamptz, NULL::timestamptz, ARRAY[now()], ARRAY['logged'::text], false,
           imis.routing_rules_at(cat.id, spot.ward_id, spot.suburb_id),
           (SELECT s.value FROM imis.setting AS s WHERE s.key = 'sla.config_version'),
           now();
END $$;
"""

_OLD_PLACE_ARGS = (
    "bigint, integer, bigint, geometry, integer, text, timestamptz, timestamptz, timestamptz, "
    "timestamptz, timestamptz, timestamptz, integer, text[], integer, integer, integer"
)
_PLACE_ARGS = (
    "bigint, integer, bigint, geometry, integer, integer, text, integer, text, timestamptz, "
    "timestamptz, timestamptz, timestamptz, timestamptz, timestamptz, integer, text[], "
    "integer, integer, integer"
)
# Location (the place, ward and suburb its facts found), logged -> assigned, the link to the
# first complaint it repeats, the SLA fields the caller computed, its routed tasks and its
# history. Nothing is written (no row returned) when the row is not at item_version.
_PLACE = """
CREATE FUNCTION imis.place_correspondence(
    item_id bigint, item_version integer, on_parcel bigint, at_place geometry,
    at_ward integer, at_suburb integer, erf text, policy_id integer, policy_state text,
    started_at timestamptz, responded timestamptz, response_due timestamptz,
    resolution_due timestamptz, at_risk_at timestamptz, breach_at timestamptz,
    task_department integer, task_kinds text[], task_staff integer, task_team integer,
    task_rule integer)
RETURNS TABLE (id bigint, reference text, classification text, status text,
               row_version integer, department_id integer, escalation_level smallint,
               repeat_reference text, newly_repeated boolean)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
DECLARE
    item record;
    moved record;
    earlier bigint;
    repeats text;
    first_repeat boolean := false;
    made imis.task[];
BEGIN
    SELECT c.status, c.classification, c.category_id, c.logged_at, c.repeat_of_id
      INTO item FROM imis.correspondence AS c
     WHERE c.id = item_id AND c.row_version = item_version;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    IF item.classification = 'complaint' AND item.repeat_of_id IS NULL THEN
        earlier := imis.earlier_complaint(at_place, item.category_id, item.logged_at, item_id);
    END IF;
    UPDATE imis.correspondence AS c SET
        location_kind = CASE WHEN on_parcel IS NULL THEN 'point' ELSE 'parcel' END,
        parcel_id = on_parcel,
        geom = at_place,
        ward_id = at_ward,
        suburb_id = at_suburb,
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
    IF cardinality(task_kinds) > 0 THEN
        made := imis.new_tasks(item_id, task_department, task_kinds, 1, task_staff, task_team,
            moved.priority,
            coalesce((SELECT s.priority FROM imis.suburb AS s WHERE s.id = at_suburb), 3),
            resolution_due);
    END IF;
    INSERT INTO imis.correspondence_event
        (correspondence_id, event_type, from_status, to_status, reason, detail)
    SELECT item_id, v.event_type, v.from_status, v.to_status, v.reason, v.detail
      FROM (
        SELECT 0 AS step, v.ord, v.event_type, v.from_status, v.to_status, v.reason, v.detail
          FROM (VALUES
            (1, CASE WHEN item.status = 'logged' THEN 'locate' ELSE 'relocated' END,
             item.status, moved.status, '',
             CASE WHEN on_parcel IS NULL THEN '{}'::jsonb
                  ELSE jsonb_build_object('parcel_id', on_parcel, 'erf', erf) END),
            (2, 'repeat_detected', NULL, NULL, 'repeats ' || repeats,
             jsonb_build_object('repeat_of', repeats))
          ) AS v (ord, event_type, from_status, to_status, reason, detail)
         WHERE v.ord = 1 OR first_repeat
        UNION ALL
        SELECT t.step, t.ord, t.event_type, NULL, NULL, '', t.detail
          FROM imis.task_events(made, task_rule, NULL) AS t
      ) AS v
     ORDER BY v.step, v.ord;
    RETURN QUERY SELECT moved.id, moved.reference, moved.classification, moved.status,
                        moved.row_version, moved.department_id, moved.escalation_level,
                        repeats, first_repeat;
END $$;
"""

_OLD_LOG_LOCATED_ARGS = (
    "text, boolean, integer, text, bigint, bigint, text, smallint, integer, text, bigint, "
    "geometry, integer, text, timestamptz, timestamptz, timestamptz, timestamptz, "
    "timestamptz, timestamptz, integer, text[], integer, integer, integer"
)
_LOG_LOCATED_ARGS = (
    "text, boolean, integer, text, bigint, bigint, text, smallint, integer, text, bigint, "
    "geometry, integer, integer, text, integer, text, timestamptz, timestamptz, timestamptz, "
    "timestamptz, timestamptz, timestamptz, integer, text[], integer, integer, integer"
)
# The new row, located: what imis.place_correspondence makes of a just logged row, in one
# INSERT; its 'logged', 'locate' and 'repeat_detected' events and its tasks' events in one
# more.
_LOG_LOCATED = """
CREATE FUNCTION imis.log_located(
    item_classification text, internal boolean, item_category integer, item_channel text,
    item_customer bigint, item_account bigint, item_description text, item_priority smallint,
    item_department integer, located_status text, on_parcel bigint, at_place geometry,
    at_ward integer, at_suburb integer, erf text, policy_id integer, policy_state text,
    started_at timestamptz, responded timestamptz, response_due timestamptz,
    resolution_due timestamptz, at_risk_at timestamptz, breach_at timestamptz,
    task_department integer, task_kinds text[], task_staff integer, task_team integer,
    task_rule integer)
RETURNS TABLE (id bigint, reference text, classification text, status text,
               row_version integer, department_id integer, escalation_level smallint,
               repeat_reference text, newly_repeated boolean)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
DECLARE
    moved record;
    earlier bigint;
    repeats text;
    made imis.task[];
BEGIN
    IF item_classification = 'complaint' THEN
        earlier := imis.earlier_complaint(at_place, item_category, now(), NULL);
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
        CASE WHEN on_parcel IS NULL THEN 'point' ELSE 'parcel' END, on_parcel, at_place,
        at_ward, at_suburb, now(), earlier, policy_id, policy_state, started_at,
        responded, response_due, resolution_due, at_risk_at, breach_at, 2, now(),
        session_user)
    RETURNING c.id, c.reference, c.classification, c.status, c.row_version, c.department_id,
              c.escalation_level, c.priority INTO moved;
    IF cardinality(task_kinds) > 0 THEN
        made := imis.new_tasks(moved.id, task_department, task_kinds, 1, task_staff,
            task_team, moved.priority,
            coalesce((SELECT s.priority FROM imis.suburb AS s WHERE s.id = at_suburb), 3),
            resolution_due);
    END IF;
    INSERT INTO imis.correspondence_event
        (correspondence_id, event_type, from_status, to_status, reason, detail)
    SELECT moved.id, v.event_type, v.from_status, v.to_status, v.reason, v.detail
      FROM (
        SELECT 0 AS step, v.ord, v.event_type, v.from_status, v.to_status, v.reason, v.detail
          FROM (VALUES
            (1, 'logged', NULL, 'logged', '', '{}'::jsonb),
            (2, 'locate', 'logged', moved.status, '',
             CASE WHEN on_parcel IS NULL THEN '{}'::jsonb
                  ELSE jsonb_build_object('parcel_id', on_parcel, 'erf', erf) END),
            (3, 'repeat_detected', NULL, NULL, 'repeats ' || repeats,
             jsonb_build_object('repeat_of', repeats))
          ) AS v (ord, event_type, from_status, to_status, reason, detail)
         WHERE v.ord < 3 OR earlier IS NOT NULL
        UNION ALL
        SELECT t.step, t.ord, t.event_type, NULL, NULL, '', t.detail
          FROM imis.task_events(made, task_rule, NULL) AS t
      ) AS v
     ORDER BY v.step, v.ord;
    RETURN QUERY SELECT moved.id, moved.reference, moved.classification, moved.status,
                        moved.row_version, moved.department_id, moved.escalation_level,
                        repeats, earlier IS NOT NULL;
END $$;
"""
