"""Finding correspondence: the dock's filtered, paged list, and one item with its history.

Pages are keyset-paged on (logged_at, id), newest first, so page 1,000 of a register of a
million rows costs what page 1 costs.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from ..core.errors import NotFoundError
from ..core.workflow import OPEN_STATUSES, Status
from .settings import escape_like

PAGE_SIZE = 100
_REFERENCE = re.compile(r"^CR\d{4}-\d+$", re.IGNORECASE)


@dataclass(frozen=True)
class SearchFilter:
    text: str = ""  # a reference, an account or erf number, or part of a customer's name
    statuses: tuple[str, ...] = ()
    classification: str = ""
    category_code: str = ""
    department_code: str = ""
    logged_from: dt.date | None = None
    logged_to: dt.date | None = None  # inclusive
    overdue_only: bool = False
    mine_only: bool = False  # logged by, or assigned to, the connected user


@dataclass(frozen=True)
class ListRow:
    id: int
    reference: str
    logged_at: dt.datetime
    status: str
    classification: str
    category: str
    department: str
    customer: str
    erf_number: str
    priority: int


@dataclass(frozen=True)
class Page:
    rows: list[ListRow]
    next_after: tuple[dt.datetime, int] | None  # pass back for the next page


def _conditions(search: SearchFilter) -> tuple[list[str], dict[str, object]]:
    where: list[str] = []
    params: dict[str, object] = {}
    words = search.text.strip()
    if _REFERENCE.match(words):
        where.append("c.reference = :reference")
        params["reference"] = words.upper()
    elif words:
        where.append(
            "(acc.account_number = :words OR p.erf_number = :words "
            "OR cu.full_name ILIKE :pattern OR cu.phone = :words OR cu.id_number = :words)"
        )
        params |= {"words": words, "pattern": f"%{escape_like(words)}%"}
    if set(search.statuses) == {s.value for s in OPEN_STATUSES}:
        where.append("c.status <> 'closed'")  # the partial index of open items serves this
    elif search.statuses:
        where.append("c.status IN :statuses")
        params["statuses"] = tuple(search.statuses)
    for column, value in (
        ("c.classification", search.classification),
        ("cat.code", search.category_code),
        ("d.code", search.department_code),
    ):
        if value:
            name = column.split(".")[0] + "_" + column.split(".")[1]
            where.append(f"{column} = :{name}")
            params[name] = value
    if search.logged_from:
        where.append("c.logged_at >= :logged_from")
        params["logged_from"] = search.logged_from
    if search.logged_to:
        where.append("c.logged_at < :logged_to")
        params["logged_to"] = search.logged_to + dt.timedelta(days=1)
    if search.overdue_only:
        where.append("c.status IN :open_statuses AND c.resolution_due_at < now()")
        params["open_statuses"] = tuple(s.value for s in OPEN_STATUSES)
    if search.mine_only:
        where.append(
            "(c.logged_by = session_user OR c.assigned_staff_id = "
            "(SELECT id FROM imis.staff WHERE role_name = session_user))"
        )
    return where, params


_LIST_SQL = """
SELECT c.id, c.reference, c.logged_at, c.status, c.classification, cat.name AS category,
       d.name AS department, coalesce(cu.full_name, '') AS customer,
       coalesce(p.erf_number, '') AS erf_number, c.priority
  FROM imis.correspondence AS c
  JOIN imis.category AS cat ON cat.id = c.category_id
  JOIN imis.department AS d ON d.id = c.department_id
  LEFT JOIN imis.customer AS cu ON cu.id = c.customer_id
  LEFT JOIN imis.account AS acc ON acc.id = c.account_id
  LEFT JOIN imis.parcel AS p ON p.id = c.parcel_id
 WHERE {where}
 ORDER BY c.logged_at DESC, c.id DESC
 LIMIT :limit
"""


def search_correspondence(
    connection: Connection,
    search: SearchFilter,
    after: tuple[dt.datetime, int] | None = None,
    limit: int = PAGE_SIZE,
) -> Page:
    where, params = _conditions(search)
    if after is not None:
        where.append("(c.logged_at, c.id) < (:after_time, :after_id)")
        params |= {"after_time": after[0], "after_id": after[1]}
    statement = text(_LIST_SQL.format(where=" AND ".join(where) or "true"))
    for name in ("statuses", "open_statuses"):
        if name in params:
            statement = statement.bindparams(bindparam(name, expanding=True))
    rows = connection.execute(statement, {**params, "limit": limit + 1}).all()
    page = [ListRow(*row) for row in rows[:limit]]
    more = len(rows) > limit
    return Page(page, (page[-1].logged_at, page[-1].id) if more and page else None)


@dataclass(frozen=True)
class Event:
    occurred_at: dt.datetime
    event_type: str
    from_status: str | None
    to_status: str | None
    reason: str
    actor: str


@dataclass(frozen=True)
class Detail:
    fields: dict[str, object]
    events: list[Event]
    same_customer: list[ListRow] = field(default_factory=list)
    same_parcel: list[ListRow] = field(default_factory=list)

    @property
    def status(self) -> Status:
        return Status(self.fields["status"])


_DETAIL_SQL = text(
    """
    SELECT c.id, c.reference, c.classification, c.status, c.channel, c.description,
           c.priority, c.is_internal, cat.code AS category_code, cat.name AS category,
           d.code AS department_code, d.name AS department, c.escalation_level,
           c.customer_id, cu.full_name AS customer, cu.phone, cu.email,
           acc.account_number, c.location_kind, c.parcel_id, p.erf_number,
           (SELECT string_agg(a.address_text, '; ' ORDER BY a.id) FROM imis.parcel_address AS a
             WHERE a.parcel_id = c.parcel_id) AS address,
           w.code AS ward, s.name AS suburb, ST_X(c.geom) AS x, ST_Y(c.geom) AS y,
           r.reference AS repeat_of, c.deferred_until, c.status_reason, c.resolution,
           c.logged_by, c.logged_at, c.located_at, c.resolved_at, c.closed_at,
           c.response_due_at, c.resolution_due_at, c.row_version, c.updated_by, c.updated_at,
           sp.name AS sla_policy, c.sla_state, c.sla_started_at, c.responded_at,
           c.sla_breach_at, c.next_escalation_at
      FROM imis.correspondence AS c
      JOIN imis.category AS cat ON cat.id = c.category_id
      JOIN imis.department AS d ON d.id = c.department_id
      LEFT JOIN imis.customer AS cu ON cu.id = c.customer_id
      LEFT JOIN imis.account AS acc ON acc.id = c.account_id
      LEFT JOIN imis.parcel AS p ON p.id = c.parcel_id
      LEFT JOIN imis.ward AS w ON w.id = c.ward_id
      LEFT JOIN imis.suburb AS s ON s.id = c.suburb_id
      LEFT JOIN imis.correspondence AS r ON r.id = c.repeat_of_id
      LEFT JOIN imis.sla_policy AS sp ON sp.id = c.sla_policy_id
     WHERE c.id = :id
    """
)


def correspondence_detail(connection: Connection, correspondence_id: int) -> Detail:
    """All fields (SLA ones too), the timeline, and the customer's and parcel's other items
    (one voice)."""
    row = connection.execute(_DETAIL_SQL, {"id": correspondence_id}).mappings().one_or_none()
    if row is None:
        raise NotFoundError(f"There is no correspondence with id {correspondence_id}.")
    events = [
        Event(*e)
        for e in connection.execute(
            text(
                "SELECT occurred_at, event_type, from_status, to_status, reason, actor "
                "FROM imis.correspondence_event WHERE correspondence_id = :id ORDER BY id"
            ),
            {"id": correspondence_id},
        ).all()
    ]
    related = _related(connection, correspondence_id, row["customer_id"], row["parcel_id"])
    return Detail(dict(row), events, *related)


def _related(
    connection: Connection, correspondence_id: int, customer_id: int | None, parcel_id: int | None
) -> tuple[list[ListRow], list[ListRow]]:
    found = []
    for column, value in (("c.customer_id", customer_id), ("c.parcel_id", parcel_id)):
        if value is None:
            found.append([])
            continue
        statement = text(_LIST_SQL.format(where=f"{column} = :value AND c.id <> :id"))
        rows = connection.execute(statement, {"value": value, "id": correspondence_id, "limit": 20})
        found.append([ListRow(*r) for r in rows.all()])
    return found[0], found[1]


@dataclass(frozen=True)
class CustomerHit:
    id: int
    full_name: str
    phone: str
    id_number: str
    accounts: tuple[str, ...]

    def label(self) -> str:
        accounts = ", ".join(self.accounts) or "no account"
        return f"{self.full_name} — {self.phone or 'no phone'} — {accounts}"


def find_customers(connection: Connection, query: str, limit: int = 20) -> list[CustomerHit]:
    """Customers by phone, account number, identity number, or part of the name."""
    words = query.strip()
    if not words:
        return []
    phone = re.sub(r"[\s().-]", "", words)
    # The register holds both forms (imports keep what the file says): 082… and +2782….
    if phone.startswith("0") and phone[1:].isdigit():
        phones = (phone, "+27" + phone[1:])
    elif phone.startswith("+27"):
        phones = (phone, "0" + phone[3:])
    else:
        phones = (phone,)
    rows = connection.execute(
        text(
            """
            SELECT cu.id, cu.full_name, coalesce(cu.phone, ''), coalesce(cu.id_number, ''),
                   ARRAY(SELECT account_number FROM imis.account
                          WHERE customer_id = cu.id ORDER BY account_number)
              FROM imis.customer AS cu
             WHERE cu.phone = ANY(:phones) OR cu.id_number = :words
                OR cu.id IN (SELECT customer_id FROM imis.account WHERE account_number = :words)
                OR cu.full_name ILIKE :pattern
             ORDER BY cu.full_name, cu.id LIMIT :limit
            """
        ),
        {
            "phones": list(phones),
            "words": words,
            "pattern": f"%{escape_like(words)}%",
            "limit": limit,
        },
    ).all()
    return [CustomerHit(r[0], r[1], r[2], r[3], tuple(r[4])) for r in rows]


@dataclass(frozen=True)
class MapLocation:
    wkt: str
    srid: int


def map_point(connection: Connection, correspondence_id: int) -> MapLocation | None:
    """Where the item is drawn, for panning and flashing on the map."""
    row = connection.execute(
        text("SELECT ST_AsText(geom), ST_SRID(geom) FROM imis.correspondence WHERE id = :id"),
        {"id": correspondence_id},
    ).one_or_none()
    return MapLocation(row[0], row[1]) if row and row[0] else None
