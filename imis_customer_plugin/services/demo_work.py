"""Field work for a loaded Demo City: routing rules, teams of artisans, assets in its streets,
items linked to them, tasks for the open located items, and job cards, so that the dispatch
board, the job card and the asset layers show real content.

One transaction: all of it or nothing. Rules and teams go through their services (which
check them); assets are checked by services.assets' rules and inserted in one statement;
tasks are planned by core.routing as services.tasks plans them and inserted set-based (the
city has tens of thousands); a bounded number of job cards goes through services.job_cards.
As services.demo_data does for the register, the per-statement audit, NOTIFY and message
triggers are paused for the load (demo work is nobody's change and tells nobody); open QGIS
layers are told once at the end.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Optional

import psycopg2.errors
from sqlalchemy import exc, text
from sqlalchemy.engine import Connection

from ..core.configuration import RuleInput, TeamInput
from ..core.demo_city import MUNICIPALITY, DemoCity, DemoSize
from ..core.demo_city.work import (
    HOURLY_RATES,
    RULES,
    TEAMS,
    WORK_DONE,
    AssetColumns,
    build_assets,
    category_asset_types,
    pick,
    team_members,
    work_rng,
)
from ..core.errors import ImisError, ValidationError
from ..core.job_cards import CompletedCard, CostLine, labour_line
from ..core.routing import RoutingRule, choose_rule, plan_tasks
from ..db.connection import ConnectionSettings, create_db_engine
from . import job_cards, routing_rules, teams
from .assets import NewAsset

LOGGER = logging.getLogger(__name__)

WORK_TABLES = ("routing_rule", "team", "asset", "task", "job_card")
COUNTED = ("team", "team_member", "routing_rule", "asset", "asset_condition", "task",
           "job_card", "job_card_line", "correspondence_event")  # fmt: skip
PAUSED = {
    "staff": ("audit_insert", "audit_update"),
    "correspondence": ("audit_update", "notify_qgis"),
    "correspondence_event": ("enqueue_messages", "notify_qgis"),
    "routing_rule": ("audit_insert",),
    "team": ("audit_insert",),
    "team_member": ("audit_insert",),
    "asset": ("audit_insert", "audit_update", "notify_qgis"),
    "task": ("audit_insert", "audit_update", "notify_qgis"),
    "job_card": ("audit_insert", "audit_update", "notify_qgis"),
    "job_card_line": ("audit_insert",),
}
LINK_REACH_M = 60.0  # an item this close to an asset of its category's kinds is about it
LINK_YEARS = 2  # items logged this recently are linked (the failure windows look back 1 year)
LINK_SHARE = 7  # in 10 of those
MAX_JOB_CARDS = 150  # the small city gets a few dozen; the big one no more than this
COMPLETED_SHARE = 0.6
# Also services.demo_data's (which imports this module, so the text lives here).
BUSY_MESSAGE = (
    "Another session is using the IMIS tables; close QGIS projects and other "
    "connections to this database, then try again."
)


def owner_only_message(what: str) -> str:
    """`what` loading does to the IMIS tables, and who alone may do that."""
    return f"{what}, which only the owner of schema imis may do (the role that ran 'db upgrade')"


class DemoWorkError(ImisError):
    """The demo work could not be loaded; the message says why and what to do."""


@dataclass(frozen=True)
class DemoWorkSummary:
    counts: dict[str, int]  # rows per work table, as the tables hold them after the load
    linked_items: int  # correspondence items now about an asset
    completed_job_cards: int
    artisans: int  # active staff marked as artisans
    seconds: float


def load_demo_work(
    settings: ConnectionSettings,
    city: Optional[DemoCity] = None,
    *,
    size: str | DemoSize = "small",
    seed: int = 2026,
) -> DemoWorkSummary:
    """Adds the work to the Demo City of `size` and `seed` (or `city`, as just loaded) that
    the database holds. Raises DemoWorkError, with nothing written, when the database holds
    another city or has work data already."""
    started = time.perf_counter()
    try:
        city = city or DemoCity(size, seed)
    except ValueError as error:
        raise DemoWorkError(str(error)) from error
    engine = create_db_engine(settings)
    try:
        with engine.begin() as connection:
            connection.execute(text("SET LOCAL lock_timeout = '10s'"))
            _check_register(connection, city)
            _pause_triggers(connection, enable=False)
            linked, completed, artisans = _load(connection, city)
            counts = _table_counts(connection)
            _pause_triggers(connection, enable=True)
            connection.execute(
                text("SELECT pg_notify('qgis', name) FROM unnest(CAST(:names AS text[])) AS name"),
                {"names": ["asset", "task", "job_card", "correspondence"]},
            )
    except exc.DBAPIError as error:
        raise _explained(error) from error
    finally:
        engine.dispose()
    summary = DemoWorkSummary(counts, linked, completed, artisans, time.perf_counter() - started)
    LOGGER.info("Demo work loaded in %.1f s: %s", summary.seconds, counts)
    return summary


def _explained(error: exc.DBAPIError) -> DemoWorkError:
    if isinstance(error.orig, psycopg2.errors.InsufficientPrivilege):
        return DemoWorkError(
            owner_only_message("Loading the demo work pauses triggers of the IMIS tables") + "."
        )
    if isinstance(error.orig, psycopg2.errors.LockNotAvailable):
        return DemoWorkError(BUSY_MESSAGE)
    return DemoWorkError(f"The database refused the demo work: {str(error.orig).strip()}")


def _check_register(connection: Connection, city: DemoCity) -> None:
    found = connection.execute(
        text(
            "SELECT (SELECT count(*) FROM imis.parcel) AS parcels, "
            "(SELECT name FROM imis.municipal_boundary ORDER BY id LIMIT 1) AS name, "
            + ", ".join(f"EXISTS (SELECT FROM imis.{t}) AS {t}" for t in WORK_TABLES)
        )
    ).one()
    if found.parcels != len(city.land) or found.name != MUNICIPALITY:
        raise DemoWorkError(
            f"The database does not hold the {city.size.name} Demo City of seed {city.seed} "
            f"(it has {found.parcels} parcels, that city {len(city.land)}). Load that city "
            "first: python -m imis_customer_plugin demo load --size "
            f"{city.size.name} --seed {city.seed}"
        )
    filled = [t for t in WORK_TABLES if getattr(found, t)]
    if filled:
        raise DemoWorkError(
            f"The register has work data already (in {', '.join(filled)}); the demo work is "
            "added to a freshly loaded Demo City only (demo load --replace reloads it)."
        )


def _pause_triggers(connection: Connection, *, enable: bool) -> None:
    action = "ENABLE" if enable else "DISABLE"
    for table, triggers in PAUSED.items():
        for trigger in triggers:  # fixed names above, never input
            connection.exec_driver_sql(f"ALTER TABLE imis.{table} {action} TRIGGER {trigger}")


def _load(connection: Connection, city: DemoCity) -> tuple[int, int, int]:
    """(linked items, completed job cards, artisans)."""
    artisans = _artisans(connection)
    departments = _ids(connection, "department", "code")
    team_ids = _teams(connection, artisans, departments)
    _rules(connection, artisans, departments, team_ids)
    _assets(connection, city)
    linked = _link_items(connection, city)
    _tasks(connection, city.seed, artisans, departments)
    completed = _job_cards(connection, city.seed)
    return linked, completed, sum(len(a) for a in artisans.values())


def _table_counts(connection: Connection) -> dict[str, int]:
    return {
        table: connection.exec_driver_sql(f"SELECT count(*) FROM imis.{table}").scalar_one()
        for table in COUNTED  # fixed names, never input
    }


def _artisans(connection: Connection) -> dict[str, list[int]]:
    """The Demo City's artisans as artisans, with their department's rate: the active ones
    of each department, in id order."""
    connection.execute(
        text(
            """
            UPDATE imis.staff AS s SET is_artisan = true, hourly_rate = v.rate
              FROM imis.department AS d,
                   unnest(CAST(:codes AS text[]), CAST(:rates AS numeric[])) AS v (code, rate)
             WHERE d.id = s.department_id AND d.code = v.code AND s.job_title = 'Artisan'
            """
        ),
        {"codes": list(HOURLY_RATES), "rates": list(HOURLY_RATES.values())},
    )
    by_department: dict[str, list[int]] = defaultdict(list)
    for row in connection.execute(
        text(
            "SELECT d.code, s.id FROM imis.staff AS s JOIN imis.department AS d "
            "ON d.id = s.department_id WHERE s.is_artisan AND s.is_active ORDER BY s.id"
        )
    ):
        by_department[row.code].append(row.id)
    return dict(by_department)


def _ids(connection: Connection, table: str, column: str) -> dict[str, int]:
    return {
        str(row[0]): row[1]
        for row in connection.exec_driver_sql(f"SELECT {column}, id FROM imis.{table}")
    }


def _teams(
    connection: Connection, artisans: dict[str, list[int]], departments: dict[str, int]
) -> dict[tuple[str, str], int]:
    made = {}
    for plan in TEAMS:
        members = team_members(plan, artisans.get(plan.department, []))
        team = teams.create_team(
            connection, TeamInput(departments[plan.department], plan.name, tuple(members))
        )
        made[(plan.department, plan.name)] = team.id
    return made


def _rules(
    connection: Connection,
    artisans: dict[str, list[int]],
    departments: dict[str, int],
    team_ids: dict[tuple[str, str], int],
) -> None:
    categories = _ids(connection, "category", "code")
    for plan in RULES:
        first = artisans.get(plan.department, [None])[0] if plan.first_artisan else None
        routing_rules.create_routing_rule(
            connection,
            RuleInput(
                category_id=categories[plan.category],
                department_id=departments[plan.department],
                ward_id=plan.ward,
                suburb_id=plan.suburb,
                default_staff_id=first,
                default_team_id=team_ids.get((plan.department, plan.team or "")),
                task_kinds=plan.kinds,
            ),
        )


def _assets(connection: Connection, city: DemoCity) -> None:
    """Every asset checked by the rules of a new asset, then all inserted at once with their
    first condition in the history."""
    columns = build_assets(city.seed, city.land, city.today)
    _refuse_bad_assets(columns, city.today)
    inserted = connection.execute(
        text(
            """
            WITH new AS (
                INSERT INTO imis.asset (asset_number, asset_type, asset_group, department_id,
                    install_date, condition, failure_target, failure_window_days, geom)
                SELECT v.number, v.type, v.grp, d.id, v.installed, v.condition, v.target,
                       v.window_days,
                       ST_SetSRID(CASE WHEN v.x2 IS NULL THEN ST_MakePoint(v.x1, v.y1)
                                       ELSE ST_MakeLine(ST_MakePoint(v.x1, v.y1),
                                                        ST_MakePoint(v.x2, v.y2)) END, 32734)
                  FROM unnest(CAST(:number AS text[]), CAST(:type AS text[]),
                              CAST(:grp AS text[]), CAST(:department AS text[]),
                              CAST(:installed AS date[]), CAST(:condition AS smallint[]),
                              CAST(:target AS smallint[]), CAST(:window_days AS smallint[]),
                              CAST(:x1 AS float8[]), CAST(:y1 AS float8[]),
                              CAST(:x2 AS float8[]), CAST(:y2 AS float8[]))
                       AS v (number, type, grp, department, installed, condition, target,
                             window_days, x1, y1, x2, y2)
                  JOIN imis.department AS d ON d.code = v.department
                RETURNING id, condition
            )
            INSERT INTO imis.asset_condition (asset_id, condition)
            SELECT id, condition FROM new WHERE condition IS NOT NULL
            """
        ),
        {
            "number": columns.number,
            "type": columns.asset_type,
            "grp": columns.group,
            "department": columns.department,
            "installed": columns.install_date,
            "condition": columns.condition.tolist(),
            "target": columns.failure_target,
            "window_days": columns.failure_window_days.tolist(),
            "x1": columns.x1.tolist(),
            "y1": columns.y1.tolist(),
            "x2": [None if math.isnan(v) else v for v in columns.x2.tolist()],
            "y2": [None if math.isnan(v) else v for v in columns.y2.tolist()],
        },
    ).rowcount
    if inserted != len(columns):  # every asset has a condition
        raise DemoWorkError(f"{len(columns) - inserted} demo assets could not be registered.")


def _refuse_bad_assets(columns: AssetColumns, today: dt.date) -> None:
    for k in range(len(columns)):
        problems = NewAsset(
            columns.number[k], columns.asset_type[k], columns.wkt(k), 32734, columns.group[k],
            columns.department[k], columns.install_date[k], int(columns.condition[k]),
            columns.failure_target[k], int(columns.failure_window_days[k]),
        ).problems(today)  # fmt: skip
        if problems:
            raise ValidationError(problems)


def _link_items(connection: Connection, city: DemoCity) -> int:
    """Recent items about a kind of asset, linked to the nearest one of that kind."""
    pairs = [(c, t) for c, types in category_asset_types().items() for t in types]
    return connection.execute(
        text(
            """
            WITH kinds AS (
                SELECT code, array_agg(asset_type) AS types
                  FROM unnest(CAST(:codes AS text[]), CAST(:types AS text[]))
                       AS p (code, asset_type)
                 GROUP BY code
            ), nearest AS (
                SELECT c.id AS item_id,
                       (SELECT a.id FROM imis.asset AS a
                         WHERE a.asset_type = ANY(k.types)
                           AND ST_DWithin(a.geom, c.geom, :reach)
                         ORDER BY a.geom <-> c.geom LIMIT 1) AS asset_id
                  FROM imis.correspondence AS c
                  JOIN imis.category AS cat ON cat.id = c.category_id
                  JOIN kinds AS k ON k.code = cat.code
                 WHERE c.geom IS NOT NULL AND c.asset_id IS NULL
                   AND c.logged_at >= CAST(:since AS timestamptz)
                   AND c.id % 10 < :share
            )
            UPDATE imis.correspondence AS c SET asset_id = n.asset_id
              FROM nearest AS n
             WHERE c.id = n.item_id AND n.asset_id IS NOT NULL
            """
        ),
        {
            "codes": [c for c, _ in pairs],
            "types": [t for _, t in pairs],
            "reach": LINK_REACH_M,
            "since": city.as_of - dt.timedelta(days=365 * LINK_YEARS),
            "share": LINK_SHARE,
        },
    ).rowcount


_OPEN_ITEMS = text(
    """
    SELECT c.id, c.classification, c.status, c.category_id, c.department_id, c.ward_id,
           c.suburb_id, c.priority, coalesce(s.priority, 3) AS zone_priority,
           c.resolution_due_at, c.assigned_staff_id
      FROM imis.correspondence AS c
      LEFT JOIN imis.suburb AS s ON s.id = c.suburb_id
     WHERE c.geom IS NOT NULL AND c.status NOT IN ('resolved', 'closed')
       AND NOT EXISTS (SELECT FROM imis.task AS t WHERE t.correspondence_id = c.id)
     ORDER BY c.id
    """
)
# Items someone works on already: their first task has an assignee.
_UNDER_WAY = ("assigned", "in_progress", "pending", "deferred")

_INSERT_TASKS = text(
    """
    WITH input AS (
        SELECT * FROM unnest(CAST(:item AS bigint[]), CAST(:department AS integer[]),
                             CAST(:kind AS text[]), CAST(:step AS smallint[]),
                             CAST(:status AS text[]), CAST(:staff AS integer[]),
                             CAST(:team AS integer[]), CAST(:priority AS smallint[]),
                             CAST(:zone AS smallint[]), CAST(:due AS timestamptz[]),
                             CAST(:rule AS integer[]))
               AS i (item, department_id, kind, step, status, staff_id, team_id, priority,
                     zone_priority, due_at, rule_id)
    ), new AS (
        INSERT INTO imis.task (correspondence_id, department_id, kind, step, status,
                               assigned_staff_id, assigned_team_id, priority, zone_priority,
                               due_at)
        SELECT item, department_id, kind, step, status, staff_id, team_id, priority,
               zone_priority, due_at FROM input
        RETURNING id, correspondence_id, department_id, kind, step, status,
                  assigned_staff_id, assigned_team_id
    )
    INSERT INTO imis.correspondence_event (correspondence_id, event_type, detail)
    SELECT n.correspondence_id, e.event_type, e.detail
      FROM new AS n
      JOIN input AS i ON i.item = n.correspondence_id AND i.step = n.step
      JOIN imis.department AS d ON d.id = n.department_id
     CROSS JOIN LATERAL (VALUES
        (1, 'task', jsonb_strip_nulls(jsonb_build_object('task_id', n.id, 'kind', n.kind,
            'department', d.code, 'step', n.step, 'rule_id', i.rule_id))),
        (2, 'assign', jsonb_strip_nulls(jsonb_build_object('task_id', n.id,
            'staff_id', n.assigned_staff_id, 'team_id', n.assigned_team_id)))
     ) AS e (ord, event_type, detail)
     WHERE e.event_type = 'task' OR n.status <> 'open'
     ORDER BY n.correspondence_id, n.step, e.ord
    """
)


def _tasks(
    connection: Connection,
    seed: int,
    artisans: dict[str, list[int]],
    departments: dict[str, int],
) -> None:
    """Tasks of the open located items as services.tasks.create_tasks plans them (the most
    specific rule, else the department's defaults), in one statement. An item under way has
    its first task assigned (its own assignee when he is an artisan of the task's
    department, else one of them) and, when in progress, started."""
    rules = [
        RoutingRule(r.id, r.category_id, r.department_id, r.ward_id, r.suburb_id,
                    r.default_staff_id, r.default_team_id, r.task_kinds, r.is_active)
        for r in routing_rules.list_routing_rules(connection, include_inactive=False)
    ]  # fmt: skip
    codes = {v: k for k, v in departments.items()}
    generator = work_rng(seed, 50)
    columns: dict[str, list] = {name: [] for name in (
        "item", "department", "kind", "step", "status", "staff", "team", "priority", "zone",
        "due", "rule")}  # fmt: skip
    for item in connection.execute(_OPEN_ITEMS):
        rule = choose_rule(rules, item.category_id, item.ward_id, item.suburb_id)
        plan = plan_tasks(rule, item.classification, item.department_id)
        staff, team = plan.staff_id, plan.team_id
        by_rule = staff is not None or team is not None  # every task to the rule's assignee
        if not by_rule and item.status in _UNDER_WAY:
            own = artisans.get(codes[plan.department_id], [])
            staff = (
                item.assigned_staff_id if item.assigned_staff_id in own else pick(generator, own)
            )
        for step, kind in enumerate(plan.kinds, start=1):
            assigned = (staff is not None or team is not None) and (by_rule or step == 1)
            status = "open"
            if assigned:
                status = "in_progress" if step == 1 and item.status == "in_progress" else "assigned"
            for name, value in (
                ("item", item.id), ("department", plan.department_id), ("kind", kind),
                ("step", step), ("status", status), ("staff", staff if assigned else None),
                ("team", team if assigned and staff is None else None),
                ("priority", item.priority), ("zone", item.zone_priority),
                ("due", item.resolution_due_at), ("rule", plan.rule_id),
            ):  # fmt: skip
                columns[name].append(value)
    if columns["item"]:
        connection.execute(_INSERT_TASKS, columns)


def _job_cards(connection: Connection, seed: int) -> int:
    """Job cards on tasks in progress, through services.job_cards: most completed (with the
    asset's condition when the item is about one), the others still open."""
    generator = work_rng(seed, 60)
    rows = connection.execute(
        text(
            """
            SELECT t.id, t.kind, c.asset_id, c.logged_at,
                   coalesce(t.assigned_staff_id,
                            (SELECT min(m.staff_id) FROM imis.team_member AS m
                              WHERE m.team_id = t.assigned_team_id)) AS artisan
              FROM imis.task AS t JOIN imis.correspondence AS c ON c.id = t.correspondence_id
             WHERE t.status = 'in_progress'
             ORDER BY t.id LIMIT :limit
            """
        ),
        {"limit": MAX_JOB_CARDS},
    ).all()
    now = connection.execute(text("SELECT now()")).scalar_one()
    finished = 0
    for row in rows:
        card = job_cards.open_job_card(connection, row.id, artisan_staff_id=row.artisan)
        if row.asset_id is not None:
            card = job_cards.set_asset(connection, card.id, card.row_version, row.asset_id)
        hours = str(round(float(generator.uniform(1, 6)) * 2) / 2)
        if card.artisan_hourly_rate is not None:
            card = job_cards.add_line(
                connection, card.id, card.row_version,
                labour_line(hours, card.artisan_hourly_rate, card.artisan or "artisan"),
            )  # fmt: skip
        work, material, cost = WORK_DONE[row.kind]
        if material is not None:
            card = job_cards.add_line(
                connection, card.id, card.row_version,
                CostLine("material", material, "1", "each", cost),
            )  # fmt: skip
        if generator.random() >= COMPLETED_SHARE:
            continue
        completed = now - dt.timedelta(hours=float(generator.uniform(1, 30)))
        arrived = max(completed - dt.timedelta(hours=float(hours)), row.logged_at)
        before = int(generator.integers(3, 6)) if row.asset_id is not None else None
        job_cards.complete_job_card(
            connection,
            card.id,
            card.row_version,
            CompletedCard(
                arrived_at=arrived,
                completed_at=max(completed, arrived),
                work_performed=work,
                signed_off_by=card.artisan or "Artisan",
                condition_before=before,
                condition_after=None if before is None else max(1, before - 2),
            ),
        )
        finished += 1
    return finished
