"""Known data for the report tests: items with a history at chosen moments.

The register services stamp everything with now(); the reports need items logged, resolved
and closed weeks apart. So `add_item` writes what the services would have written, with
explicit times: the row (status, *_at columns, location) and its events (logged, then each
step with its actor), consistent with each other as core.workflow allows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from .. import municipality
from ..municipality import ORIGIN_X, ORIGIN_Y, _square

SAST = dt.timezone(dt.timedelta(hours=2))
# Ward 7 comes with the seed; ward 8 lies east of it.
WARD_POINTS = {"7": (ORIGIN_X + 50, ORIGIN_Y + 50), "8": (ORIGIN_X + 1500, ORIGIN_Y + 50)}
STATUS_OF = {"locate": "assigned", "start": "in_progress", "pend": "pending",
             "resume": "in_progress", "reforward": "assigned", "resolve": "resolved",
             "close": "closed", "acknowledge": "closed", "reopen": "reopened"}  # fmt: skip


def local(*parts: int) -> dt.datetime:
    """A moment in SAST: local(2026, 3, 2, 10) is 2 March 2026 10:00 SAST."""
    return dt.datetime(*parts, tzinfo=SAST)


def seed(engine: Engine) -> None:
    """The test municipality, a second ward and a few staff members."""
    municipality.seed_reference_data(engine)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO imis.ward (code, name, geom) VALUES ('8', 'Ward 8', :geom)"),
            {"geom": _square(ORIGIN_X + 1000, ORIGIN_Y - 500, 900)},
        )
        connection.execute(
            text(
                """
                INSERT INTO imis.staff (role_name, full_name, department_id, is_artisan)
                SELECT v.role, v.name, d.id, v.artisan
                  FROM (VALUES ('op_anna', 'Anna Operator', 'WATER', false),
                               ('op_ben', 'Ben Operator', 'WATER', false),
                               ('art_carl', 'Carl Plumber', 'WATER', true),
                               ('art_dina', 'Dina Paver', 'ROADS', true))
                       AS v (role, name, department, artisan)
                  JOIN imis.department AS d ON d.code = v.department
                """
            )
        )


def add_item(
    connection: Connection,
    category: str,
    logged_at: dt.datetime,
    steps: Sequence[tuple[str, dt.datetime, str]] = (),
    *,
    logged_by: str = "op_anna",
    ward: str | None = "7",
    due: dt.datetime | None = None,
    classification: str | None = None,
    department: str | None = None,
) -> int:
    """An item logged at `logged_at` that went through `steps` (action, moment, actor)."""
    status, located_at, resolved_at, closed_at = "logged", None, None, None
    for action, moment, _ in steps:
        status = STATUS_OF[action]
        located_at = located_at or (moment if action == "locate" else None)
        resolved_at = moment if action == "resolve" else None if action == "reopen" else resolved_at
        closed_at = moment if status == "closed" else None
    point = WARD_POINTS[ward] if ward and located_at else None
    item = connection.execute(
        text(
            """
            INSERT INTO imis.correspondence (classification, category_id, channel,
                description, priority, status, department_id, location_kind, geom, ward_id,
                logged_by, logged_at, located_at, resolved_at, closed_at, resolution_due_at,
                updated_at)
            SELECT coalesce(:classification, c.default_classification), c.id, 'telephone',
                   'Report test item', c.default_priority, :status,
                   coalesce((SELECT id FROM imis.department WHERE code = :department),
                            c.department_id),
                   CASE WHEN :x IS NOT NULL THEN 'point' END,
                   CASE WHEN :x IS NOT NULL
                        THEN ST_SetSRID(ST_MakePoint(:x, :y), 32734) END,
                   (SELECT id FROM imis.ward WHERE code = :ward AND :x IS NOT NULL),
                   :logged_by, :logged_at, :located_at, :resolved_at, :closed_at, :due,
                   :updated_at
              FROM imis.category AS c WHERE c.code = :category
            RETURNING id
            """
        ),
        {
            "classification": classification,
            "category": category,
            "status": status,
            "department": department,
            "x": point[0] if point else None,
            "y": point[1] if point else None,
            "ward": ward,
            "logged_by": logged_by,
            "logged_at": logged_at,
            "located_at": located_at,
            "resolved_at": resolved_at,
            "closed_at": closed_at,
            "due": due,
            "updated_at": steps[-1][1] if steps else None,
        },
    ).scalar_one()
    events = [("logged", None, "logged", logged_at, logged_by)]
    before = "logged"
    for action, moment, actor in steps:
        events.append((action, before, STATUS_OF[action], moment, actor))
        before = STATUS_OF[action]
    connection.execute(
        text(
            "INSERT INTO imis.correspondence_event (correspondence_id, event_type, from_status, "
            "to_status, actor, occurred_at) VALUES (:id, :type, :from_status, :to_status, "
            ":actor, :at)"
        ),
        [
            {"id": item, "type": t, "from_status": f, "to_status": s, "at": at, "actor": actor}
            for t, f, s, at, actor in events
        ],
    )
    return item


def add_task(
    connection: Connection,
    item: int,
    artisan: str,
    created_at: dt.datetime,
    completed_at: dt.datetime | None,
    due_at: dt.datetime | None,
) -> None:
    connection.execute(
        text(
            """
            INSERT INTO imis.task (correspondence_id, department_id, kind, status,
                assigned_staff_id, priority, due_at, created_at, completed_at, step)
            SELECT c.id, c.department_id, 'repair',
                   CASE WHEN CAST(:completed_at AS timestamptz) IS NULL THEN 'assigned'
                        ELSE 'done' END,
                   s.id, c.priority, :due_at, :created_at, :completed_at,
                   coalesce((SELECT max(step) FROM imis.task WHERE correspondence_id = c.id),
                            0) + 1
              FROM imis.correspondence AS c, imis.staff AS s
             WHERE c.id = :item AND s.role_name = :artisan
            """
        ),
        {"item": item, "artisan": artisan, "created_at": created_at,
         "completed_at": completed_at, "due_at": due_at},
    )  # fmt: skip


def rate(connection: Connection, item: int, score: int) -> None:
    """A rating as test data (the reports read the table; services.ratings has its own tests)."""
    connection.execute(
        text(
            "INSERT INTO imis.satisfaction_rating (correspondence_id, score, channel) "
            "VALUES (:item, :score, 'sms')"
        ),
        {"item": item, "score": score},
    )
