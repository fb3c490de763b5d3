"""SLA engine and notifications: calendars, policies, due times on the row, the outbox.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22

Due times are computed in Python (core.sla and core.sla_calendar) when an item is located or
changes status, and stored on the row; the worker's sweeps then only compare stored times
with now() (partial indexes below), so a sweep over the city-scale register reads only the
rows that are due.

Every customer or staff message is written to imis.outbox by a trigger on the history:
whoever records an event (desk, CLI, worker, another tool), the message is queued in the
same transaction.
"""

from __future__ import annotations

import datetime as dt

from alembic import op
from sqlalchemy import text

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

HOLIDAY_YEARS = range(2020, 2041)
SLA_CONFIG_TABLES = (
    "business_calendar",
    "business_hours",
    "public_holiday",
    "special_day",
    "sla_policy",
)
EVENT_TYPES_0002 = (
    "logged",
    "located",
    "relocated",
    "repeat_detected",
    "note",
    "locate",
    "start",
    "pend",
    "defer",
    "resume",
    "reforward",
    "escalate",
    "resolve",
    "close",
    "acknowledge",
    "reopen",
)
EVENT_TYPES = (*EVENT_TYPES_0002, "sla_at_risk")


def upgrade() -> None:
    op.execute(
        "DO $$ BEGIN CREATE ROLE imis_worker NOLOGIN; "
        "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
    )
    op.execute(_CALENDAR_TABLES)
    op.execute(_POLICY_TABLE)
    op.execute(_CORRESPONDENCE_COLUMNS)
    op.execute(_event_types(EVENT_TYPES))
    op.execute(_OUTBOX)
    op.execute(_ENQUEUE)
    op.execute(_CONFIG_VERSION)
    for table in SLA_CONFIG_TABLES:
        op.execute(
            f"CREATE TRIGGER sla_config_changed AFTER INSERT OR UPDATE OR DELETE "
            f"ON imis.{table} FOR EACH STATEMENT EXECUTE FUNCTION imis.sla_config_changed()"
        )
    _seed_holidays()
    op.execute(_SEED)
    _seed_templates()
    # Audited from here on: edits by administrators, not the defaults seeded above.
    for table in ("sla_policy", "message_template"):
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
    op.execute(_GRANTS)


def downgrade() -> None:
    op.execute(
        """
        DROP TABLE imis.outbox, imis.message_template;
        DROP TRIGGER enqueue_messages ON imis.correspondence_event;
        DROP FUNCTION imis.enqueue_messages();
        DROP INDEX imis.correspondence_repeat_idx;
        ALTER TABLE imis.correspondence
            DROP COLUMN sla_policy_id, DROP COLUMN sla_state, DROP COLUMN sla_started_at,
            DROP COLUMN responded_at, DROP COLUMN sla_at_risk_at, DROP COLUMN sla_breach_at,
            DROP COLUMN next_escalation_at, DROP COLUMN repeat_escalated_at;
        ALTER TABLE imis.customer DROP COLUMN language;
        DROP TABLE imis.sla_policy, imis.special_day, imis.public_holiday,
                   imis.business_hours, imis.business_calendar;
        DROP FUNCTION imis.sla_config_changed();
        DELETE FROM imis.setting WHERE key LIKE 'sla.%';
        REVOKE ALL ON ALL TABLES IN SCHEMA imis FROM imis_worker;
        REVOKE USAGE ON SCHEMA imis FROM imis_worker;
        """
    )
    op.execute(_event_types(EVENT_TYPES_0002))


def _event_types(types: tuple[str, ...]) -> str:
    listed = ", ".join(f"'{t}'" for t in types)
    return (
        "ALTER TABLE imis.correspondence_event DROP CONSTRAINT "
        "correspondence_event_event_type_check, ADD CONSTRAINT "
        f"correspondence_event_event_type_check CHECK (event_type IN ({listed})) NOT VALID"
    )


def _seed_holidays() -> None:
    """South African public holidays (observed Mondays included) as `holidays` knows them."""
    import holidays  # noqa: PLC0415 - vendored; only this seeding step needs it

    rows = [
        {"day": day, "name": name}
        for day, name in sorted(holidays.country_holidays("ZA", years=list(HOLIDAY_YEARS)).items())
        if isinstance(day, dt.date)
    ]
    op.get_bind().execute(
        text("INSERT INTO imis.public_holiday (holiday_date, name) VALUES (:day, :name)"), rows
    )


_SIGN_OFF = "\n\nCustomer Relations"
# (kind, classification, language, channel, subject, body); classification None = all.
TEMPLATES = [
    ("acknowledgement", None, "en", "email", "Your $classification $reference has been logged",
     "Dear $customer_name\n\nThank you for contacting the City. Your $classification about "
     "\"$category\" is logged under reference $reference. Please quote this reference when "
     "you contact us about it." + _SIGN_OFF),
    ("acknowledgement", None, "en", "sms", "",
     "City: your $classification ($category) is logged as $reference. Quote it when you "
     "contact us."),
    ("acknowledgement", "compliment", "en", "email", "Thank you for your compliment",
     "Dear $customer_name\n\nThank you for your kind words (reference $reference). We have "
     "passed them on to $department." + _SIGN_OFF),
    ("acknowledgement", "compliment", "en", "sms", "",
     "City: thank you for your compliment ($reference). We passed it on to $department."),
    ("acknowledgement", None, "af", "email", "U saak $reference is aangeteken",
     "Geagte $customer_name\n\nDankie dat u die Stad gekontak het. U saak oor \"$category\" "
     "is aangeteken onder verwysing $reference. Noem asseblief hierdie verwysing as u ons "
     "daaroor kontak.\n\nKlantediens"),
    ("acknowledgement", None, "af", "sms", "",
     "Stad: u saak ($category) is aangeteken as $reference. Noem dit as u ons kontak."),
    ("status_change", None, "en", "email", "Update on $reference: $status",
     "Dear $customer_name\n\nYour $classification $reference about \"$category\" is now: "
     "$status. $reason" + _SIGN_OFF),
    ("status_change", None, "en", "sms", "", "City: $reference is now $status. $reason"),
    ("resolution", None, "en", "email", "$reference has been resolved",
     "Dear $customer_name\n\nYour $classification $reference about \"$category\" has been "
     "resolved: $resolution\n\nHow did we do? Reply with a rating from 1 (poor) to "
     "5 (excellent), quoting $reference." + _SIGN_OFF),
    ("resolution", None, "en", "sms", "",
     "City: $reference is resolved: $resolution Rate us: reply 1 (poor) to 5 (excellent)."),
    ("resolution", None, "af", "email", "$reference is opgelos",
     "Geagte $customer_name\n\nU saak $reference oor \"$category\" is opgelos: $resolution"
     "\n\nHoe het ons gevaar? Antwoord met 'n punt van 1 (swak) tot 5 (uitstekend) en noem "
     "$reference.\n\nKlantediens"),
    ("resolution", None, "af", "sms", "",
     "Stad: $reference is opgelos: $resolution Beoordeel ons: antwoord 1 (swak) tot 5."),
    ("assignment", None, "en", "email", "New $classification $reference for $department",
     "$staff_name\n\n$reference ($category) is assigned to $department and due by $due."
     "\n\n$description"),
    ("assignment", None, "en", "sms", "", "$reference ($category) assigned to you, due $due."),
    ("at_risk", None, "en", "email", "$reference is at risk of missing its target",
     "$staff_name\n\n$reference ($category) has used most of its time and is due by $due."),
    ("at_risk", None, "en", "sms", "", "$reference ($category) is at risk: due $due."),
    ("escalation", None, "en", "email", "Escalated to you: $reference",
     "$staff_name\n\n$reference ($category, $department) is escalated to $level: $reason"),
    ("escalation", None, "en", "sms", "", "$reference escalated to $level: $reason"),
]  # fmt: skip


def _seed_templates() -> None:
    op.get_bind().execute(
        text(
            "INSERT INTO imis.message_template (kind, classification, language, channel, "
            "subject, body) VALUES (:kind, :classification, :language, :channel, :subject, :body)"
        ),
        [
            dict(zip(("kind", "classification", "language", "channel", "subject", "body"), t))
            for t in TEMPLATES
        ],
    )


_CALENDAR_TABLES = """
CREATE TABLE imis.business_calendar (
    id   integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9_]{1,19}$'),
    name text NOT NULL CHECK (name <> '')
);
COMMENT ON TABLE imis.business_calendar IS 'A regime of working hours that SLA clocks count in';

CREATE TABLE imis.business_hours (
    calendar_id integer NOT NULL REFERENCES imis.business_calendar ON DELETE CASCADE,
    weekday     smallint NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    opens       time NOT NULL,
    closes      time NOT NULL CHECK (closes > opens),
    PRIMARY KEY (calendar_id, weekday, opens)
);
COMMENT ON COLUMN imis.business_hours.weekday IS '0 = Monday ... 6 = Sunday; local time (SAST)';
COMMENT ON COLUMN imis.business_hours.closes IS '24:00 closes at midnight';

CREATE TABLE imis.public_holiday (
    holiday_date date PRIMARY KEY,
    name         text NOT NULL CHECK (name <> '')
);
COMMENT ON TABLE imis.public_holiday IS
    'Closed on every business calendar unless a special day says otherwise; seeded from the '
    'holidays package, editable';

CREATE TABLE imis.special_day (
    id        integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    day       date NOT NULL,
    name      text NOT NULL CHECK (name <> ''),
    ward_id   integer REFERENCES imis.ward ON DELETE CASCADE,
    suburb_id integer REFERENCES imis.suburb ON DELETE CASCADE,
    opens     time,
    closes    time,
    CONSTRAINT window_is_whole CHECK ((opens IS NULL) = (closes IS NULL)),
    CONSTRAINT window_in_order CHECK (closes > opens)
);
COMMENT ON TABLE imis.special_day IS
    'A day whose hours override the weekly regime and public holidays: everywhere, or only '
    'in one ward or suburb (seed 002). No opening window = closed; 00:00-24:00 = all day; '
    'several rows for one day = several windows';
CREATE INDEX ON imis.special_day (day);
"""

_POLICY_TABLE = """
CREATE TABLE imis.sla_policy (
    id                  integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    name                text NOT NULL UNIQUE CHECK (name <> ''),
    classification      text CHECK (classification IN
                            ('complaint', 'query', 'dispute', 'compliment')),
    category_id         integer REFERENCES imis.category ON DELETE CASCADE,
    priority            smallint CHECK (priority BETWEEN 1 AND 4),
    ward_id             integer REFERENCES imis.ward ON DELETE CASCADE,
    suburb_id           integer REFERENCES imis.suburb ON DELETE CASCADE,
    response_minutes    integer NOT NULL CHECK (response_minutes > 0),
    resolution_minutes  integer NOT NULL CHECK (resolution_minutes >= response_minutes),
    clock               text NOT NULL DEFAULT 'business' CHECK (clock IN ('business', 'calendar')),
    calendar_id         integer REFERENCES imis.business_calendar,
    at_risk_percent     smallint NOT NULL DEFAULT 75 CHECK (at_risk_percent BETWEEN 1 AND 99),
    pause_statuses      text[] NOT NULL DEFAULT '{deferred}'
        CHECK (pause_statuses <@ ARRAY['pending', 'deferred']),
    reopen_restarts     boolean NOT NULL DEFAULT true,
    escalate_every_minutes integer NOT NULL DEFAULT 480 CHECK (escalate_every_minutes > 0),
    repeat_count        smallint CHECK (repeat_count >= 2),
    repeat_window_days  smallint CHECK (repeat_window_days > 0),
    is_active           boolean NOT NULL DEFAULT true,
    CONSTRAINT business_clock_has_calendar CHECK (clock = 'calendar' OR calendar_id IS NOT NULL),
    CONSTRAINT repeat_rule_is_whole CHECK ((repeat_count IS NULL) = (repeat_window_days IS NULL)),
    CONSTRAINT one_policy_per_scope UNIQUE NULLS NOT DISTINCT
        (classification, category_id, priority, ward_id, suburb_id)
);
COMMENT ON TABLE imis.sla_policy IS
    'Targets by classification, category, priority and zone; the most specific active policy '
    'wins (core.sla.choose_policy). Times in business or calendar minutes';
COMMENT ON COLUMN imis.sla_policy.escalate_every_minutes IS
    'After a breach, escalate one level further each time this much more time has passed';
COMMENT ON COLUMN imis.sla_policy.repeat_count IS
    'Escalate when this many complaints of the category (the first and its repeats) are open '
    'on one place within repeat_window_days';

ALTER TABLE imis.customer ADD COLUMN language text NOT NULL DEFAULT 'en'
    CHECK (language IN ('en', 'af', 'xh'));
"""

_CORRESPONDENCE_COLUMNS = """
ALTER TABLE imis.correspondence
    ADD COLUMN sla_policy_id       integer REFERENCES imis.sla_policy ON DELETE SET NULL,
    ADD COLUMN sla_state           text CHECK (sla_state IN
        ('on_time', 'at_risk', 'breached', 'paused', 'met', 'missed')),
    ADD COLUMN sla_started_at      timestamptz,
    ADD COLUMN responded_at        timestamptz,
    ADD COLUMN sla_at_risk_at      timestamptz,
    ADD COLUMN sla_breach_at       timestamptz,
    ADD COLUMN next_escalation_at  timestamptz,
    ADD COLUMN repeat_escalated_at timestamptz;
COMMENT ON COLUMN imis.correspondence.sla_state IS
    'on_time, at_risk (the policy''s share of a target used), breached; paused while waiting; '
    'met or missed once resolved';
COMMENT ON COLUMN imis.correspondence.sla_started_at IS
    'Start of the resolution clock: logged_at, or the re-open time when the policy restarts it';
COMMENT ON COLUMN imis.correspondence.sla_breach_at IS
    'The earliest target not yet met (response, then resolution); NULL while paused';
-- What the worker's sweeps look for: only the rows that are due are read.
CREATE INDEX correspondence_at_risk_due_idx ON imis.correspondence (sla_at_risk_at)
    WHERE sla_state = 'on_time';
CREATE INDEX correspondence_breach_due_idx ON imis.correspondence (sla_breach_at)
    WHERE sla_state IN ('on_time', 'at_risk');
CREATE INDEX correspondence_escalation_due_idx ON imis.correspondence (next_escalation_at)
    WHERE sla_state = 'breached';
CREATE INDEX correspondence_repeat_idx ON imis.correspondence (repeat_of_id)
    WHERE repeat_of_id IS NOT NULL;
"""

_OUTBOX = """
CREATE TABLE imis.message_template (
    id             integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    kind           text NOT NULL CHECK (kind IN ('acknowledgement', 'status_change',
                       'resolution', 'assignment', 'at_risk', 'escalation')),
    classification text CHECK (classification IN ('complaint', 'query', 'dispute', 'compliment')),
    language       text NOT NULL CHECK (language IN ('en', 'af', 'xh')),
    channel        text NOT NULL CHECK (channel IN ('email', 'sms')),
    subject        text NOT NULL DEFAULT '',
    body           text NOT NULL CHECK (btrim(body) <> ''),
    CONSTRAINT one_template_per_use UNIQUE NULLS NOT DISTINCT
        (kind, classification, language, channel)
);
COMMENT ON TABLE imis.message_template IS
    'Message text with $placeholders (core.messages); a classification-specific template wins '
    'over the general one; English when the customer''s language has none';

CREATE TABLE imis.outbox (
    id                bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    correspondence_id bigint NOT NULL REFERENCES imis.correspondence,
    event_id          bigint NOT NULL REFERENCES imis.correspondence_event,
    kind              text NOT NULL,
    audience          text NOT NULL CHECK (audience IN ('customer', 'staff')),
    channel           text NOT NULL CHECK (channel IN ('email', 'sms')),
    recipient         text,
    language          text NOT NULL DEFAULT 'en',
    params            jsonb NOT NULL DEFAULT '{}',
    status            text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts          smallint NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz NOT NULL DEFAULT now(),
    claimed_until     timestamptz,
    last_error        text NOT NULL DEFAULT '',
    subject           text,
    body              text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    sent_at           timestamptz,
    CONSTRAINT sent_has_time CHECK (status <> 'sent' OR sent_at IS NOT NULL),
    CONSTRAINT sending_is_claimed CHECK (status <> 'sending' OR claimed_until IS NOT NULL)
);
COMMENT ON TABLE imis.outbox IS
    'Messages to deliver, queued in the transaction that caused them; the worker delivers '
    'them (status sent) or gives up (failed, with last_error, shown to staff)';
CREATE INDEX outbox_due_idx ON imis.outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_claimed_idx ON imis.outbox (claimed_until) WHERE status = 'sending';
CREATE INDEX outbox_failed_idx ON imis.outbox (created_at) WHERE status = 'failed';
CREATE INDEX ON imis.outbox (correspondence_id);
"""

# Which event tells whom what. Staff: the person the event names (detail.staff_id, e.g. a
# task's artisan), else the item's assignee, or the escalation level's person,
# else the department's mailbox. Customers: by their preferred channel; post, telephone and
# 'none' are handled by people, not queued. No address means a visible failure, not silence.
_ENQUEUE = """
CREATE FUNCTION imis.enqueue_messages() RETURNS trigger
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
                   'status', replace(f.status, '_', ' '), 'reason', f.reason,
                   'resolution', f.resolution, 'customer_name', coalesce(f.customer_name, ''),
                   'staff_name', coalesce(f.staff_name, f.department),
                   'level', coalesce(f.level_title, 'level ' || f.escalation_level),
                   'due', coalesce(to_char(f.resolution_due_at AT TIME ZONE
                                           'Africa/Johannesburg', 'YYYY-MM-DD HH24:MI'), ''),
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
     ) AS q;
    RETURN NULL;
END $$;
CREATE TRIGGER enqueue_messages AFTER INSERT ON imis.correspondence_event
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION imis.enqueue_messages();
"""

# The service caches the SLA configuration; this token tells it when to read it again.
_CONFIG_VERSION = """
INSERT INTO imis.setting (key, value, description) VALUES
  ('sla.config_version', to_jsonb(gen_random_uuid()::text),
   'Changes whenever SLA policies, calendars, holidays or special days change');
CREATE FUNCTION imis.sla_config_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    UPDATE imis.setting SET value = to_jsonb(gen_random_uuid()::text)
     WHERE key = 'sla.config_version';
    RETURN NULL;
END $$;
"""

_SEED = """
INSERT INTO imis.business_calendar (code, name) VALUES ('OFFICE', 'Municipal office hours');
INSERT INTO imis.business_hours (calendar_id, weekday, opens, closes)
SELECT c.id, d, '08:00', '16:30' FROM imis.business_calendar AS c, generate_series(0, 4) AS d
 WHERE c.code = 'OFFICE';

-- Defaults a municipality edits: one general policy, faster for urgent complaints, the
-- policy period for disputes (seed 004), compliments acknowledged within two days.
INSERT INTO imis.sla_policy (name, classification, priority, response_minutes,
                             resolution_minutes, clock, calendar_id, repeat_count,
                             repeat_window_days)
SELECT v.name, v.classification, v.priority, v.response, v.resolution, v.clock,
       CASE WHEN v.clock = 'business' THEN c.id END, v.repeat_count, v.repeat_days
  FROM imis.business_calendar AS c, (VALUES
    ('General: 1 working day to respond, 5 to resolve', NULL, NULL, 510, 2550, 'business',
     NULL, NULL),
    ('Complaints: 1 working day to respond, 5 to resolve; 3 repeats in 30 days escalate',
     'complaint', NULL, 510, 2550, 'business', 3, 30),
    ('Urgent complaints: 2 hours to respond, 24 hours to resolve', 'complaint', 1, 120, 1440,
     'calendar', 3, 30),
    ('Disputes: 2 working days to respond, 30 days policy period', 'dispute', NULL, 1020,
     43200, 'calendar', NULL, NULL),
    ('Compliments: acknowledged within 2 working days', 'compliment', NULL, 1020, 1020,
     'business', NULL, NULL)
  ) AS v (name, classification, priority, response, resolution, clock, repeat_count,
          repeat_days)
 WHERE c.code = 'OFFICE';

"""

_GRANTS = """
GRANT SELECT ON imis.business_calendar, imis.business_hours, imis.public_holiday,
    imis.special_day, imis.sla_policy, imis.message_template, imis.outbox TO imis_reader;
GRANT INSERT, UPDATE, DELETE ON imis.business_calendar, imis.business_hours,
    imis.public_holiday, imis.special_day, imis.sla_policy, imis.message_template TO imis_admin;
GRANT imis_reader TO imis_worker;
GRANT UPDATE ON imis.correspondence, imis.outbox TO imis_worker;
GRANT INSERT ON imis.correspondence_event TO imis_worker;
GRANT imis_worker TO imis_admin;
-- A desk may queue a failed message again once the address is fixed, nothing more.
GRANT UPDATE (status, attempts, next_attempt_at, last_error, recipient) ON imis.outbox
    TO imis_operator;
"""
