"""Logging and locating in one unit of work: what the log wizard's Save does.

With a location, the row is written once, already located (migration 0009): one read of what
locating needs (the category's defaults, parcel, ward, suburb, routing rules), the due times
and the task plan computed here as services.locate computes them, then one call that inserts
the row, its history and its tasks. The result is the row log-then-locate leaves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Union

from sqlalchemy.engine import Connection, Row

from ..core.correspondence import NewCorrespondence
from ..core.errors import ValidationError
from . import locate, register


@dataclass(frozen=True)
class MapPoint:
    """A clicked point in the map's CRS; free=True keeps it as a point, not a parcel."""

    x: float
    y: float
    srid: int
    free: bool = False


@dataclass(frozen=True)
class ParcelChoice:
    parcel_id: int


Location = Optional[Union[MapPoint, ParcelChoice]]  # runs on Python 3.9: no `|` here

_FACTS = locate.facts_statement(
    """
    SELECT * FROM imis.intake_facts(:category, :classification, CAST(:priority AS smallint),
                                    :parcel_id, :x, :y, :srid, :free_point)
    """
)
_LOG_LOCATED = locate.placing_statement(
    f"""
    SELECT * FROM imis.log_located(
        item_classification => :classification, internal => :is_internal,
        item_category => :category_id, item_channel => :channel,
        item_customer => :customer_id, item_account => :account_id,
        item_description => :description, item_priority => CAST(:priority AS smallint),
        item_department => :department_id, located_status => :status,
        {locate.PLACED_ARGUMENTS})
    """
)


def log_and_locate(
    connection: Connection, request: NewCorrespondence, location: Location
) -> locate.LocateResult | register.CorrespondenceState:
    """Logs the item and, when a location is given, locates it; all or nothing.

    Bad input (unknown category, customer or parcel, no parcel within reach, a free point
    outside the municipality) is refused before anything is written.
    """
    if location is None:
        return register.log_correspondence(connection, request)
    request.validate()
    customer_id, account_id = register.customer_and_account(connection, request)
    who = (customer_id, account_id)
    if isinstance(location, ParcelChoice):
        return _log_located(connection, request, who, location.parcel_id, None, False)
    click = (location.x, location.y, location.srid)
    return _log_located(connection, request, who, None, click, location.free)


def _log_located(
    connection: Connection,
    request: NewCorrespondence,
    who: tuple[int | None, int | None],
    parcel_id: int | None,
    click: tuple[float, float, int] | None,
    free_point: bool,
) -> locate.LocateResult:
    """On `parcel_id`, else on the parcel under the `click`, else (free_point) on the click.

    `who`: the customer and account ids of the request.
    """
    facts = _facts(connection, request, parcel_id, click, free_point)
    parcel = None
    if parcel_id is not None:  # after the category's check, in the order logging refuses
        parcel = locate.parcel_by_id(connection, parcel_id)
    parcel, status, placed = locate.placement(connection, facts, parcel, free_point)
    row = connection.execute(
        _LOG_LOCATED,
        {
            "classification": facts.classification,
            "is_internal": request.is_internal,
            "category_id": facts.category_id,
            "channel": request.channel,
            "customer_id": who[0],
            "account_id": who[1],
            "description": request.description.strip(),
            "priority": facts.priority,
            "department_id": facts.department_id,
            "status": status.value,
            **placed,
        },
    ).one()
    return locate.LocateResult(register.state_from_row(row), parcel, row.repeat_reference)


def _facts(
    connection: Connection,
    request: NewCorrespondence,
    parcel_id: int | None,
    click: tuple[float, float, int] | None,
    free_point: bool,
) -> Row:
    """imis.intake_facts' row; refuses an unknown category first, as logging does."""
    x, y, srid = click if click else (None, None, None)
    with locate.outside_refused(x, y, srid):
        facts = connection.execute(
            _FACTS,
            {
                "category": request.category_code.strip(),
                "classification": request.classification,
                "priority": request.priority,
                "parcel_id": parcel_id,
                "x": x,
                "y": y,
                "srid": srid,
                "free_point": free_point,
            },
        ).one_or_none()
    if facts is None:
        raise ValidationError.single("category", f"unknown category '{request.category_code}'")
    if facts.parcel_id is None and not free_point:
        raise locate.no_parcel_within_reach(connection)
    return facts
