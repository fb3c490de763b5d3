"""The asset register link (IMIS-infra): assets on the map, their condition history, and the
failure-target rule that raises the priority of new calls on a failing asset (seed 002).

The rule: when a correspondence item is linked to an asset whose failure target is set, the
incidents on that asset, or on any asset of its (non-empty) group, logged within the asset's
failure window are counted, this item included. Compliments are no failures, and a repeat of
an earlier complaint is the same incident, so neither counts. When the count exceeds the
target, the item's priority goes up one level (3 -> 2, never above 1 = critical), once, with a
note on its history that says why.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, replace

from sqlalchemy import exc, text
from sqlalchemy.engine import Connection, Row

from ..core.errors import FieldProblem, NotFoundError, ValidationError
from ..core.job_cards import CONDITIONS
from ..core.workflow import Status
from .register import (
    CorrespondenceState,
    add_event,
    department_by_code,
    lock_for_update,
    state_from_row,
    with_sla,
)
from .settings import get_setting

RULE = "asset_failure_target"
ASSET_NUMBER = re.compile(r"^[0-9A-Za-z/._-]{1,40}$")
ASSET_TYPE = re.compile(r"^[a-z][a-z_]{1,39}$")
MAX_GROUP = 100
MAX_WINDOW_DAYS = 32767  # smallint


@dataclass(frozen=True)
class Asset:
    id: int
    asset_number: str
    asset_type: str
    asset_group: str
    department_id: int | None
    install_date: dt.date | None
    condition: int | None  # 1 = very good .. 5 = very poor
    failure_target: int | None  # failures tolerated within the window; None: no rule
    failure_window_days: int
    row_version: int
    retired_on: dt.date | None = None  # the day it left service

    def label(self) -> str:
        return asset_label(self.asset_type, self.asset_number, self.asset_group)

    def in_service(self, today: dt.date | None = None) -> bool:
        return self.retired_on is None or self.retired_on > (today or dt.date.today())


def refuse_retired(asset: Asset, field: str, today: dt.date | None = None) -> None:
    """New work (a job card, an item's link) is never recorded against a retired asset."""
    if not asset.in_service(today):
        raise ValidationError.single(
            field,
            f"{asset.label()} was retired on {asset.retired_on:%Y-%m-%d}; "
            "pick the asset in service there now",
        )


def asset_label(asset_type: str, number: str, group: str | None) -> str:
    """'fire hydrant H-0042, group Zone 3': how an asset is named to users."""
    shown_group = f", group {group}" if group else ""
    return f"{asset_type.replace('_', ' ')} {number}{shown_group}"


@dataclass(frozen=True)
class AssetHit:
    asset: Asset
    distance_m: float


@dataclass(frozen=True)
class NewAsset:
    asset_number: str
    asset_type: str  # lower case words joined by _: water_main, valve, meter...
    geometry_wkt: str
    srid: int  # of the geometry; stored in the municipality's CRS
    asset_group: str = ""
    department_code: str | None = None
    install_date: dt.date | None = None
    condition: int | None = None
    failure_target: int | None = None
    failure_window_days: int = 365

    def problems(self, today: dt.date | None = None) -> list[FieldProblem]:
        found: list[FieldProblem] = []
        if not ASSET_NUMBER.match(self.asset_number.strip()):
            found.append(
                FieldProblem("asset_number", "1 to 40 letters, digits or / . _ - (no spaces)")
            )
        found += attribute_problems(
            self.asset_type, self.asset_group, self.install_date, self.condition,
            self.failure_target, self.failure_window_days, today,
        )  # fmt: skip
        if not self.geometry_wkt.strip():
            found.append(FieldProblem("geometry", "draw or give the asset's place"))
        return found


def attribute_problems(
    asset_type: str,
    asset_group: str,
    install_date: dt.date | None,
    condition: int | None,
    failure_target: int | None,
    failure_window_days: int,
    today: dt.date | None = None,
) -> list[FieldProblem]:
    """The checks of the attributes a new asset gets and an edit sets (not the number, which
    stays, nor the place, which is edited on the map)."""
    found: list[FieldProblem] = []
    if not ASSET_TYPE.match(asset_type.strip()):
        found.append(FieldProblem("asset_type", "lower-case words joined by _ (e.g. water_main)"))
    if len(asset_group.strip()) > MAX_GROUP:
        found.append(FieldProblem("asset_group", f"at most {MAX_GROUP} characters"))
    if install_date is not None and install_date > (today or dt.date.today()):
        found.append(FieldProblem("install_date", "an install date cannot be in the future"))
    if condition is not None and condition not in CONDITIONS:
        found.append(FieldProblem("condition", "1 (very good) to 5 (very poor)"))
    if failure_target is not None and not 0 < failure_target <= MAX_WINDOW_DAYS:
        found.append(FieldProblem("failure_target", "a number of failures, at least 1"))
    if not 0 < failure_window_days <= MAX_WINDOW_DAYS:
        found.append(FieldProblem("failure_window_days", "a number of days, at least 1"))
    return found


@dataclass(frozen=True)
class AssetLink:
    """What linking an item to an asset did; `state` carries the item's final row version."""

    state: CorrespondenceState
    asset: Asset
    priority: int
    failures: int  # incidents on the asset (or its group) in the window, this one included
    raised_from: int | None = None  # the priority before the rule raised it; None: unchanged


@dataclass(frozen=True)
class ConditionRecord:
    condition: int
    recorded_at: dt.datetime  # when it was recorded
    recorded_by: str
    job_card_id: int | None
    card_number: str | None
    observed_at: dt.datetime  # the job card's completion (a paper card is captured later)


_ASSET_COLUMNS = (
    "a.id, a.asset_number, a.asset_type, a.asset_group, a.department_id, a.install_date, "
    "a.condition, a.failure_target, a.failure_window_days, a.row_version, a.retired_on"
)
# Assets the map and the pickers offer (a layer filter too, hence no table alias).
IN_SERVICE = "(retired_on IS NULL OR retired_on > current_date)"
_MUNICIPAL_SRID = "(SELECT value::text::int FROM imis.setting WHERE key = 'municipality.srid')"


def _asset(row: Row) -> Asset:
    return Asset(
        row.id,
        row.asset_number,
        row.asset_type,
        row.asset_group,
        row.department_id,
        row.install_date,
        row.condition,
        row.failure_target,
        row.failure_window_days,
        row.row_version,
        row.retired_on,
    )


def get_asset(connection: Connection, asset_id: int) -> Asset:
    row = connection.execute(
        text(f"SELECT {_ASSET_COLUMNS} FROM imis.asset AS a WHERE a.id = :id"), {"id": asset_id}
    ).one_or_none()
    if row is None:
        raise NotFoundError(f"There is no asset with id {asset_id}.")
    return _asset(row)


def asset_at(
    connection: Connection, x: float, y: float, srid: int, tolerance_m: float | None = None
) -> AssetHit | None:
    """The asset nearest a clicked point (any CRS) within the tolerance (the locate setting
    'locate.tolerance_m' unless given): a pick on the asset layer, which shows assets in
    service only."""
    reach = (
        float(tolerance_m)
        if tolerance_m is not None
        else float(get_setting(connection, "locate.tolerance_m", 25))
    )
    row = connection.execute(
        text(
            f"""
            WITH click AS (
                SELECT ST_Transform(ST_SetSRID(ST_MakePoint(:x, :y), :srid),
                                    {_MUNICIPAL_SRID}) AS g
            )
            SELECT {_ASSET_COLUMNS}, ST_Distance(a.geom, click.g) AS distance
              FROM imis.asset AS a, click
             WHERE ST_DWithin(a.geom, click.g, :reach) AND {IN_SERVICE}
             ORDER BY ST_Distance(a.geom, click.g), a.id
             LIMIT 1
            """
        ),
        {"x": x, "y": y, "srid": srid, "reach": reach},
    ).one_or_none()
    return None if row is None else AssetHit(_asset(row), float(row.distance))


def create_asset(connection: Connection, new: NewAsset, today: dt.date | None = None) -> Asset:
    """Checks every field (naming each bad one) and registers the asset; an initial condition
    starts its history."""
    found = new.problems(today)
    if found:
        raise ValidationError(found)
    number = new.asset_number.strip()
    if connection.execute(
        text("SELECT EXISTS (SELECT FROM imis.asset WHERE asset_number = :number)"),
        {"number": number},
    ).scalar():
        raise ValidationError.single("asset_number", f"asset {number} exists already")
    department_id = (
        department_by_code(connection, new.department_code) if new.department_code else None
    )
    _check_geometry(connection, new.geometry_wkt, new.srid)
    row = connection.execute(
        text(
            f"""
            INSERT INTO imis.asset AS a (asset_number, asset_type, asset_group, department_id,
                install_date, condition, failure_target, failure_window_days, geom)
            VALUES (:number, :type, :group, :department_id, :install_date, :condition,
                    :failure_target, :window,
                    ST_Transform(ST_GeomFromText(:wkt, :srid), {_MUNICIPAL_SRID}))
            RETURNING {_ASSET_COLUMNS}
            """
        ),
        {
            "number": number,
            "type": new.asset_type.strip(),
            "group": new.asset_group.strip(),
            "department_id": department_id,
            "install_date": new.install_date,
            "condition": new.condition,
            "failure_target": new.failure_target,
            "window": new.failure_window_days,
            "wkt": new.geometry_wkt.strip(),
            "srid": new.srid,
        },
    ).one()
    if new.condition is not None:
        record_condition(connection, row.id, new.condition)
    return _asset(row)


def record_condition(connection: Connection, asset_id: int, condition: int) -> None:
    """Adds a condition to the asset's history, as recorded now (not from a job card)."""
    connection.execute(
        text("INSERT INTO imis.asset_condition (asset_id, condition) VALUES (:id, :c)"),
        {"id": asset_id, "c": condition},
    )


def _check_geometry(connection: Connection, wkt: str, srid: int) -> None:
    try:
        with connection.begin_nested():  # bad WKT must not spoil the caller's transaction
            row = connection.execute(
                text(
                    f"""
                    SELECT ST_IsEmpty(g) AS empty, ST_IsValid(g) AS valid,
                           ST_IsValidReason(g) AS reason
                      FROM (SELECT ST_Transform(ST_GeomFromText(:wkt, :srid),
                                                {_MUNICIPAL_SRID}) AS g) AS given
                    """
                ),
                {"wkt": wkt.strip(), "srid": srid},
            ).one()
    except exc.DBAPIError as error:
        first_line = str(getattr(error.orig, "pgerror", "") or error.orig).strip().splitlines()
        raise ValidationError.single(
            "geometry",
            f"not a geometry in EPSG:{srid}: {first_line[0] if first_line else 'unreadable'}",
        ) from None
    if row.empty:
        raise ValidationError.single("geometry", "the geometry is empty")
    if not row.valid:
        raise ValidationError.single("geometry", f"the geometry is not valid: {row.reason}")


def link_asset(
    connection: Connection, correspondence_id: int, expected_version: int, asset_id: int
) -> AssetLink:
    """Says which asset an item is about, then applies the failure-target rule."""
    current = lock_for_update(connection, correspondence_id, expected_version)
    return link_locked(connection, current, get_asset(connection, asset_id))


def link_locked(connection: Connection, current: CorrespondenceState, asset: Asset) -> AssetLink:
    """link_asset for a row this transaction already holds locked at `current.row_version`."""
    item = connection.execute(
        text(
            "SELECT id, asset_id, priority, classification, status, repeat_of_id "
            "FROM imis.correspondence WHERE id = :id"
        ),
        {"id": current.id},
    ).one()
    if current.status is Status.CLOSED:
        raise ValidationError.single(
            "asset", f"{current.reference} is closed; re-open it before linking it to an asset"
        )
    failures = _failures(connection, current.id, asset, counts_itself=_is_incident(item))
    if item.asset_id == asset.id:
        return AssetLink(current, asset, item.priority, failures)
    refuse_retired(asset, "asset")  # a link made before it was retired stays
    row = connection.execute(
        text(
            """
            UPDATE imis.correspondence SET asset_id = :asset_id
             WHERE id = :id AND row_version = :version
            RETURNING id, reference, classification, status, row_version, department_id,
                      escalation_level
            """
        ),
        {"asset_id": asset.id, "id": current.id, "version": current.row_version},
    ).one()
    state = state_from_row(row)
    add_event(
        connection,
        current.id,
        "note",
        None,
        None,
        reason=f"Linked to asset {asset.asset_number} ({asset.asset_type.replace('_', ' ')})",
        detail=json.dumps({"asset_id": asset.id, "asset_number": asset.asset_number}),
    )
    link = AssetLink(state, asset, item.priority, failures)
    if _rule_applies(connection, item, asset, failures):
        link = _raise_priority(connection, link, item.priority)
    return link


def _is_incident(item: Row) -> bool:
    return item.classification != "compliment" and item.repeat_of_id is None


def _failures(connection: Connection, item_id: int, asset: Asset, *, counts_itself: bool) -> int:
    others = connection.execute(
        text(
            """
            SELECT count(*) FROM imis.correspondence AS c
             WHERE c.id <> :item_id
               AND c.asset_id IN (SELECT a.id FROM imis.asset AS a
                                   WHERE a.id = :asset_id
                                      OR (:asset_group <> '' AND a.asset_group = :asset_group))
               AND c.logged_at >= now() - make_interval(days => :window)
               AND c.classification <> 'compliment' AND c.repeat_of_id IS NULL
            """
        ),
        {
            "item_id": item_id,
            "asset_id": asset.id,
            "asset_group": asset.asset_group,
            "window": asset.failure_window_days,
        },
    ).scalar_one()
    return others + (1 if counts_itself else 0)


def _rule_applies(connection: Connection, item: Row, asset: Asset, failures: int) -> bool:
    if asset.failure_target is None or failures <= asset.failure_target:
        return False
    if item.classification == "compliment" or item.priority <= 1:
        return False
    if item.status in (Status.RESOLVED.value, Status.CLOSED.value):
        return False
    already = connection.execute(
        text(
            "SELECT EXISTS (SELECT FROM imis.correspondence_event WHERE correspondence_id = :id "
            "AND event_type = 'note' AND detail ->> 'rule' = :rule)"
        ),
        {"id": item.id, "rule": RULE},
    ).scalar()
    return not already


def _raise_priority(connection: Connection, link: AssetLink, priority: int) -> AssetLink:
    raised = max(1, priority - 1)
    asset = link.asset
    row = connection.execute(
        text(
            """
            UPDATE imis.correspondence SET priority = :priority
             WHERE id = :id AND row_version = :version
            RETURNING id, reference, classification, status, row_version, department_id,
                      escalation_level
            """
        ),
        {"priority": raised, "id": link.state.id, "version": link.state.row_version},
    ).one()
    where = (
        f"the assets of group '{asset.asset_group}'"
        if asset.asset_group
        else f"asset {asset.asset_number}"
    )
    add_event(
        connection,
        link.state.id,
        "note",
        None,
        None,
        reason=(
            f"Priority raised from {priority} to {raised}: {link.failures} calls on {where} "
            f"within {asset.failure_window_days} days exceed the failure target of "
            f"{asset.failure_target}"
        ),
        detail=json.dumps(
            {
                "rule": RULE,
                "asset_id": asset.id,
                "asset_number": asset.asset_number,
                "asset_group": asset.asset_group,
                "failures": link.failures,
                "failure_target": asset.failure_target,
                "window_days": asset.failure_window_days,
                "from_priority": priority,
                "to_priority": raised,
            }
        ),
    )
    state = with_sla(connection, state_from_row(row))  # due times may follow the priority
    return replace(link, state=state, priority=raised, raised_from=priority)


def asset_history(connection: Connection, asset_id: int) -> list[ConditionRecord]:
    """The asset's conditions in the order they were recorded."""
    get_asset(connection, asset_id)
    rows = connection.execute(
        text(
            """
            SELECT h.condition, h.recorded_at, h.recorded_by, h.job_card_id, j.card_number,
                   coalesce(j.completed_at, h.recorded_at) AS observed_at
              FROM imis.asset_condition AS h
              LEFT JOIN imis.job_card AS j ON j.id = h.job_card_id
             WHERE h.asset_id = :id ORDER BY h.recorded_at, h.id
            """
        ),
        {"id": asset_id},
    ).all()
    return [ConditionRecord(*row) for row in rows]
