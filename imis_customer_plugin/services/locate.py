"""Step 2 of logging: give a correspondence its place, a land parcel or a map point.

A click finds the parcel under it, else the nearest parcel within the tolerance; the user may
instead place a free point. Erf number, street address and account number locate too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from sqlalchemy import column, exc, text
from sqlalchemy.engine import Connection, Row
from sqlalchemy.sql.selectable import TextualSelect

from ..core.errors import NotFoundError, ValidationError
from ..core.routing import TaskPlan
from ..core.workflow import TRANSITIONS, Action, Status
from . import sla, tasks
from .register import CorrespondenceState, lock_for_update, state_from_row
from .settings import escape_like, get_setting

MAX_CANDIDATES = 5


@dataclass(frozen=True)
class ParcelHit:
    parcel_id: int
    erf_number: str
    suburb: str
    addresses: tuple[str, ...]
    account_holders: tuple[str, ...]
    distance_m: float

    def label(self) -> str:
        address = self.addresses[0] if self.addresses else "no street address"
        return f"Erf {self.erf_number} {self.suburb}".strip() + f" — {address}"


@dataclass(frozen=True)
class LocateResult:
    state: CorrespondenceState
    parcel: ParcelHit | None
    repeat_of: str | None  # reference of the earlier complaint this one repeats


_PARCEL_DETAILS = """
    p.id AS parcel_id, p.erf_number, coalesce(s.name, '') AS suburb,
    ARRAY(SELECT a.address_text FROM imis.parcel_address AS a
           WHERE a.parcel_id = p.id ORDER BY a.id) AS addresses,
    ARRAY(SELECT DISTINCT c.full_name FROM imis.account AS acc
            JOIN imis.customer AS c ON c.id = acc.customer_id
           WHERE acc.parcel_id = p.id AND acc.status = 'active') AS holders
"""

# Functions, so that each desk's session plans these queries once (migrations 0004, 0008).
_PARCEL_AT = text("SELECT * FROM imis.parcel_at(:x, :y, :srid, :tolerance)")

_FACTS_COLUMNS = (
    "parcel_id", "erf_number", "suburb", "distance", "place", "ward_id", "suburb_id",
    "classification", "category_id", "priority", "status", "department_id", "logged_at",
    "sla_state", "resolved_at", "responded_at", "reopened_at", "change_times",
    "change_statuses", "has_tasks", "rules", "sla_version", "now_at",
)  # fmt: skip
_PLACED_COLUMNS = (
    "id", "reference", "classification", "status", "row_version", "department_id",
    "escalation_level", "repeat_reference", "newly_repeated",
)  # fmt: skip
# The placing functions' (imis.place_correspondence, imis.log_located) arguments that
# placement() gives.
PLACED_ARGUMENTS = """
    on_parcel => :parcel_id, at_place => CAST(:place AS geometry), at_ward => :ward_id,
    at_suburb => :suburb_id, erf => :erf, policy_id => :policy_id, policy_state => :sla_state,
    started_at => :started_at, responded => :responded_at, response_due => :response_due,
    resolution_due => :resolution_due, at_risk_at => :at_risk_at, breach_at => :breach_at,
    task_department => :task_department_id, task_kinds => CAST(:task_kinds AS text[]),
    task_staff => :task_staff_id, task_team => :task_team_id, task_rule => :task_rule_id
"""


def facts_statement(sql: str) -> TextualSelect:
    """A facts function's call (imis.locate_facts, imis.intake_facts). Its columns are named
    so that SQLAlchemy keeps the result's layout with the cached statement rather than working
    it out on every call (0.1-0.2 ms a locate)."""
    return text(sql).columns(*(column(name) for name in _FACTS_COLUMNS))


def placing_statement(sql: str) -> TextualSelect:
    """A placing function's call, its columns named as facts_statement's."""
    return text(sql).columns(*(column(name) for name in _PLACED_COLUMNS))


# Locating reads once (the parcel, zone, SLA history and routing rules of the item), computes
# the due times and the task plan, then writes once.
_FACTS = facts_statement(
    """
    SELECT * FROM imis.locate_facts(:id, :parcel_id, :x, :y, :srid, :free_point,
                                    CAST(:response_events AS text[]))
    """
)
_PLACE = placing_statement(
    f"""
    SELECT * FROM imis.place_correspondence(
        item_id => :id, item_version => :version, {PLACED_ARGUMENTS})
    """
)
OUTSIDE_MUNICIPALITY = "IMOUT"  # SQLSTATE raised for a free point by imis.place_of


def _hit(row) -> ParcelHit:
    return ParcelHit(
        row.parcel_id,
        row.erf_number,
        row.suburb,
        tuple(row.addresses),
        tuple(row.holders),
        float(getattr(row, "distance", 0.0)),
    )


def find_parcel_at(
    connection: Connection,
    x: float,
    y: float,
    srid: int,
    tolerance_m: float | None = None,
    *,
    details: bool = True,
) -> ParcelHit | None:
    """The parcel under a clicked point (any CRS), or the nearest one within the tolerance.

    `details` adds its addresses and account holders (for showing it); without them it is the
    look-up alone, which `make bench` times against a bare point-in-polygon query.
    """
    row = connection.execute(
        _PARCEL_AT, {"x": x, "y": y, "srid": srid, "tolerance": tolerance_m}
    ).one_or_none()
    if row is None:
        return None
    if not details:
        return ParcelHit(row.parcel_id, row.erf_number, row.suburb, (), (), row.distance)
    return replace(parcel_by_id(connection, row.parcel_id), distance_m=row.distance)


def parcel_by_id(connection: Connection, parcel_id: int) -> ParcelHit:
    """The parcel with its addresses and account holders; NotFoundError when there is none."""
    row = connection.execute(
        text(
            f"SELECT {_PARCEL_DETAILS} FROM imis.parcel AS p "
            "LEFT JOIN imis.suburb AS s ON s.id = p.suburb_id WHERE p.id = :id"
        ),
        {"id": parcel_id},
    ).one_or_none()
    if row is None:
        raise NotFoundError(f"There is no land parcel with id {parcel_id}.")
    return _hit(row)


def _tolerance(connection: Connection) -> float:
    return float(get_setting(connection, "locate.tolerance_m", 25))


def search_parcels(connection: Connection, query: str, limit: int = 10) -> list[ParcelHit]:
    """Parcels by erf number, by account number, or whose street address contains `query`."""
    words = query.strip()
    if not words:
        return []
    rows = connection.execute(
        text(
            f"""
            SELECT {_PARCEL_DETAILS}
              FROM imis.parcel AS p LEFT JOIN imis.suburb AS s ON s.id = p.suburb_id
             WHERE p.erf_number = :erf
                OR p.id IN (SELECT parcel_id FROM imis.account WHERE account_number = :erf)
                OR p.id IN (SELECT parcel_id FROM imis.parcel_address
                             WHERE address_text ILIKE :pattern)
             ORDER BY p.erf_number, p.id LIMIT :limit
            """
        ),
        {"erf": words, "pattern": f"%{escape_like(words)}%", "limit": limit},
    ).all()
    return [_hit(row) for row in rows]


def locate_at_point(
    connection: Connection,
    correspondence_id: int,
    expected_version: int,
    x: float,
    y: float,
    srid: int,
    *,
    free_point: bool = False,
) -> LocateResult:
    """A click on the map: the parcel there (or nearest), or a free point if the user says so."""
    current = lock_for_update(connection, correspondence_id, expected_version)
    return place_at_point(connection, current, x, y, srid, free_point=free_point)


def place_at_point(
    connection: Connection,
    current: CorrespondenceState,
    x: float,
    y: float,
    srid: int,
    *,
    free_point: bool = False,
) -> LocateResult:
    """locate_at_point for a row this transaction already holds (e.g. it just logged it)."""
    return _set_location(connection, current, click=(x, y, srid), free_point=free_point)


@contextmanager
def outside_refused(x: float, y: float, srid: int) -> Iterator[None]:
    """Turns imis.place_of's refusal of a free point outside the municipality (raised by the
    facts functions, the only callers of place_of) into a ValidationError the user can act
    on."""
    try:
        yield
    except exc.DBAPIError as error:
        if getattr(error.orig, "pgcode", None) != OUTSIDE_MUNICIPALITY:
            raise
        raise ValidationError.single(
            "location",
            f"the point ({x:.6g}, {y:.6g}) in EPSG:{srid} lies outside the municipality; "
            "check that the map uses the right coordinate reference system",
        ) from None


def locate_on_parcel(
    connection: Connection, correspondence_id: int, expected_version: int, parcel_id: int
) -> LocateResult:
    current = lock_for_update(connection, correspondence_id, expected_version)
    return place_on_parcel(connection, current, parcel_id)


def place_on_parcel(
    connection: Connection, current: CorrespondenceState, parcel_id: int
) -> LocateResult:
    """locate_on_parcel for a row this transaction already holds (e.g. it just logged it)."""
    return _set_location(connection, current, parcel=parcel_by_id(connection, parcel_id))


def locate_by_erf(
    connection: Connection,
    correspondence_id: int,
    expected_version: int,
    erf_number: str,
    suburb: str | None = None,
) -> LocateResult:
    ids = connection.execute(
        text(
            "SELECT p.id, coalesce(s.name, '') AS suburb FROM imis.parcel AS p "
            "LEFT JOIN imis.suburb AS s ON s.id = p.suburb_id "
            "WHERE p.erf_number = :erf AND (CAST(:suburb AS text) IS NULL OR s.name = :suburb) "
            "ORDER BY s.name LIMIT :limit"
        ),
        {"erf": erf_number.strip(), "suburb": suburb, "limit": MAX_CANDIDATES + 1},
    ).all()
    what = f"erf {erf_number}" + (f" in {suburb}" if suburb else "")
    parcel_id = _single(ids, what, lambda r: f"erf {erf_number} in {r.suburb or '?'}")
    return locate_on_parcel(connection, correspondence_id, expected_version, parcel_id)


def locate_by_address(
    connection: Connection, correspondence_id: int, expected_version: int, address: str
) -> LocateResult:
    rows = connection.execute(
        text(
            "SELECT DISTINCT parcel_id AS id, address_text FROM imis.parcel_address "
            "WHERE address_text ILIKE :pattern ORDER BY address_text LIMIT :limit"
        ),
        {"pattern": f"%{escape_like(address.strip())}%", "limit": MAX_CANDIDATES + 1},
    ).all()
    parcel_id = _single(rows, f"the address '{address}'", lambda r: r.address_text)
    return locate_on_parcel(connection, correspondence_id, expected_version, parcel_id)


def locate_by_account(
    connection: Connection, correspondence_id: int, expected_version: int, account_number: str
) -> LocateResult:
    row = connection.execute(
        text("SELECT parcel_id FROM imis.account WHERE account_number = :number"),
        {"number": account_number.strip()},
    ).one_or_none()
    if row is None:
        raise NotFoundError(f"There is no account numbered '{account_number}'.")
    if row.parcel_id is None:
        raise ValidationError.single(
            "account", f"account {account_number} is not linked to a land parcel"
        )
    return locate_on_parcel(connection, correspondence_id, expected_version, row.parcel_id)


def _single(rows: list, what: str, describe) -> int:
    if not rows:
        raise NotFoundError(f"No land parcel matches {what}.")
    if len(rows) > 1:
        listed = "; ".join(describe(r) for r in rows[:MAX_CANDIDATES])
        more = " and more" if len(rows) > MAX_CANDIDATES else ""
        raise ValidationError.single("location", f"{what} matches several parcels: {listed}{more}")
    return rows[0].id


def _set_location(
    connection: Connection,
    current: CorrespondenceState,
    *,
    parcel: ParcelHit | None = None,
    click: tuple[float, float, int] | None = None,
    free_point: bool = False,
) -> LocateResult:
    """On `parcel`, else on the parcel under the `click`, else (free_point) on the click.

    Location, ward/suburb, logged -> assigned, repeat link, SLA policy and due times, the
    routed tasks and the history: one read and one write of the row (migration 0008).
    """
    if current.status is Status.CLOSED:
        raise ValidationError.single(
            "location", f"{current.reference} is closed; re-open it before moving it"
        )
    facts = _locate_facts(connection, current.id, parcel, click, free_point)
    parcel, _, placed = placement(connection, facts, parcel, free_point)
    row = connection.execute(
        _PLACE, {"id": current.id, "version": current.row_version, **placed}
    ).one()
    return LocateResult(state_from_row(row), parcel, row.repeat_reference)


def placement(
    connection: Connection, facts: Row, parcel: ParcelHit | None, free_point: bool
) -> tuple[ParcelHit | None, Status, dict[str, object]]:
    """What placing an item writes, worked out from its facts (imis.locate_facts or
    imis.intake_facts): the parcel (given, else the one the facts found under the click), the
    status it moves to, and the placing function's parameters besides the item: where (as the
    facts found it), the due times and the task plan."""
    if parcel is None and not free_point:
        parcel = ParcelHit(facts.parcel_id, facts.erf_number, facts.suburb, (), (), facts.distance)
    status = status_after_locating(Status(facts.status))
    due = sla.fields_after_locating(connection, facts, status.value)
    plan = tasks.task_plan(facts) or TaskPlan(facts.department_id, ())
    return (
        parcel,
        status,
        {
            "parcel_id": parcel.parcel_id if parcel else None,
            "place": facts.place,
            "ward_id": facts.ward_id,
            "suburb_id": facts.suburb_id,
            "erf": facts.erf_number,
            "policy_id": due.policy_id,
            "sla_state": due.state,
            "started_at": due.started_at,
            "responded_at": due.responded_at,
            "response_due": due.response_due,
            "resolution_due": due.resolution_due,
            "at_risk_at": due.at_risk_at,
            "breach_at": due.breach_at,
            "task_department_id": plan.department_id,
            "task_kinds": list(plan.kinds),
            "task_staff_id": plan.staff_id,
            "task_team_id": plan.team_id,
            "task_rule_id": plan.rule_id,
        },
    )


def _locate_facts(
    connection: Connection,
    item_id: int,
    parcel: ParcelHit | None,
    click: tuple[float, float, int] | None,
    free_point: bool,
) -> Row:
    """imis.locate_facts' row; ValidationError when no parcel lies within reach of a click
    or a free point lies outside the municipality."""
    x, y, srid = click if click else (None, None, None)
    with outside_refused(x, y, srid):
        facts = connection.execute(
            _FACTS,
            {
                "id": item_id,
                "parcel_id": parcel.parcel_id if parcel else None,
                "x": x,
                "y": y,
                "srid": srid,
                "free_point": free_point,
                "response_events": list(sla.RESPONSE_EVENTS),
            },
        ).one_or_none()
    if facts is not None:
        return facts
    if parcel is None and not free_point:
        raise no_parcel_within_reach(connection)
    raise NotFoundError(f"There is no correspondence with id {item_id}.")


def no_parcel_within_reach(connection: Connection) -> ValidationError:
    return ValidationError.single(
        "location",
        f"no land parcel within {_tolerance(connection):g} m of the point; "
        "click on a parcel or place a free point",
    )


def status_after_locating(status: Status) -> Status:
    """Locating moves a logged item on (core.workflow); a relocated one keeps its status."""
    move = TRANSITIONS[Action.LOCATE]
    return move.target if status in move.sources else status


def parcel_outline(connection: Connection, parcel_id: int, srid: int) -> str | None:
    """The parcel's outline as WKT in the map's CRS, for highlighting under the cursor."""
    return connection.execute(
        text("SELECT ST_AsText(ST_Transform(geom, :srid)) FROM imis.parcel WHERE id = :id"),
        {"id": parcel_id, "srid": srid},
    ).scalar()
