"""The asset register as asset managers and desks use it: finding assets by number, type or
group, and keeping their attributes up to date.

Registering an asset, its history and the failure-target rule are services.assets'; this
module adds the look-ups a form needs and the attribute edit. An edit names the row version
the user read (ConflictError when someone saved since, nothing written), is checked by the
same rules as a new asset's attributes (services.assets.attribute_problems), and a changed
condition is added to the asset's condition history, as a job card's would be. Every
function takes an open Connection; the caller decides the transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ..core.errors import FieldProblem, NotFoundError, ValidationError
from .assets import IN_SERVICE, Asset, asset_label, attribute_problems, get_asset, record_condition
from .register import department_by_code, refuse_stale
from .settings import escape_like, get_setting

MAX_RESULTS = 500


@dataclass(frozen=True)
class AssetRow:
    """One asset as a list shows it."""

    id: int
    asset_number: str
    asset_type: str
    asset_group: str
    department: Optional[str]  # code
    install_date: Optional[dt.date]
    condition: Optional[int]
    failure_target: Optional[int]
    failure_window_days: int
    geometry_type: str  # POINT, LINESTRING, MultiPOLYGON, ... (PostGIS GeometryType)
    row_version: int
    retired_on: Optional[dt.date]

    def label(self) -> str:
        return asset_label(self.asset_type, self.asset_number, self.asset_group)


@dataclass(frozen=True)
class AssetChange:
    """The attributes an edit sets (the place is edited on the map, not here)."""

    asset_type: str
    asset_group: str = ""
    department_code: Optional[str] = None
    install_date: Optional[dt.date] = None
    condition: Optional[int] = None
    failure_target: Optional[int] = None
    failure_window_days: int = 365
    retired_on: Optional[dt.date] = None

    def problems(self, today: Optional[dt.date] = None) -> list[FieldProblem]:
        """What a new asset's checks leave out: retirement comes after installation, not
        ahead."""
        if self.retired_on is None:
            return []
        if self.retired_on > (today or dt.date.today()):
            return [FieldProblem("retired_on", "an asset is retired once it is out of service")]
        if self.install_date is not None and self.retired_on < self.install_date:
            return [FieldProblem("retired_on", "not before the install date")]
        return []


_SELECT = """
    SELECT a.id, a.asset_number, a.asset_type, a.asset_group, d.code AS department,
           a.install_date, a.condition, a.failure_target, a.failure_window_days,
           replace(GeometryType(a.geom), 'MULTI', 'Multi') AS geometry_type, a.row_version,
           a.retired_on
      FROM imis.asset AS a
      LEFT JOIN imis.department AS d ON d.id = a.department_id
"""


def search_assets(
    connection: Connection,
    number_prefix: str = "",
    *,
    asset_type: Optional[str] = None,
    asset_group: Optional[str] = None,
    limit: int = 100,
    in_service_only: bool = False,
) -> list[AssetRow]:
    """Assets whose number starts with `number_prefix` (any case), of a type and group when
    given, in service only when asked (as a picker offers them), by number; at most `limit`
    (1 to MAX_RESULTS)."""
    if not 1 <= limit <= MAX_RESULTS:
        raise ValidationError.single("limit", f"ask for 1 to {MAX_RESULTS} assets")
    in_service = f" AND {IN_SERVICE}" if in_service_only else ""
    rows = connection.execute(
        text(
            _SELECT + " WHERE a.asset_number ILIKE :prefix "
            "AND (CAST(:type AS text) IS NULL OR a.asset_type = :type) "
            "AND (CAST(:group AS text) IS NULL OR a.asset_group = :group)"
            + in_service
            + " ORDER BY a.asset_number LIMIT :limit"
        ),
        {
            "prefix": escape_like(number_prefix.strip()) + "%",
            "type": asset_type or None,
            "group": asset_group if asset_group else None,
            "limit": limit,
        },
    ).all()
    return [AssetRow(*row) for row in rows]


def asset_types(connection: Connection) -> list[str]:
    """The types in use, for a filter or a form's suggestions."""
    return list(
        connection.execute(text("SELECT DISTINCT asset_type FROM imis.asset ORDER BY 1")).scalars()
    )


def asset_groups(connection: Connection) -> list[str]:
    return list(
        connection.execute(
            text("SELECT DISTINCT asset_group FROM imis.asset WHERE asset_group <> '' ORDER BY 1")
        ).scalars()
    )


def asset_by_number(connection: Connection, number: str) -> Asset:
    """The asset with this number; another case is accepted when only one asset matches."""
    wanted = number.strip()
    if not wanted:
        raise ValidationError.single("asset", "type the asset's number")
    exact = connection.execute(
        text("SELECT id FROM imis.asset WHERE asset_number = :number"), {"number": wanted}
    ).scalar()
    if exact is not None:
        return get_asset(connection, exact)
    found = (
        connection.execute(
            text("SELECT id FROM imis.asset WHERE lower(asset_number) = lower(:number) LIMIT 2"),
            {"number": wanted},
        )
        .scalars()
        .all()
    )
    if not found:
        raise NotFoundError(f"There is no asset numbered '{wanted}'.")
    if len(found) > 1:
        raise ValidationError.single(
            "asset", f"several assets are numbered '{wanted}' in another case: type it exactly"
        )
    return get_asset(connection, found[0])


def get_asset_row(connection: Connection, asset_id: int) -> AssetRow:
    row = connection.execute(text(_SELECT + " WHERE a.id = :id"), {"id": asset_id}).one_or_none()
    if row is None:
        raise NotFoundError(f"There is no asset with id {asset_id}.")
    return AssetRow(*row)


def update_asset(
    connection: Connection,
    asset_id: int,
    expected_version: int,
    change: AssetChange,
    today: Optional[dt.date] = None,
) -> Asset:
    """Sets the attributes, provided nobody saved the asset since version `expected_version`."""
    current = connection.execute(
        text(
            "SELECT asset_number, condition, row_version, updated_by, updated_at "
            "FROM imis.asset WHERE id = :id FOR UPDATE"
        ),
        {"id": asset_id},
    ).one_or_none()
    if current is None:
        raise NotFoundError(f"There is no asset with id {asset_id}.")
    refuse_stale(f"Asset {current.asset_number}", expected_version, current)
    # The same rules as registering it; the number and the place stay as they are.
    found = attribute_problems(
        change.asset_type, change.asset_group, change.install_date, change.condition,
        change.failure_target, change.failure_window_days, today,
    )  # fmt: skip
    found += change.problems(today)
    if found:
        raise ValidationError(found)
    department_id = (
        department_by_code(connection, change.department_code) if change.department_code else None
    )
    connection.execute(
        text(
            """
            UPDATE imis.asset SET asset_type = :type, asset_group = :group,
                   department_id = :department_id, install_date = :install_date,
                   condition = :condition, failure_target = :failure_target,
                   failure_window_days = :window, retired_on = :retired_on
             WHERE id = :id AND row_version = :version
            """
        ),
        {
            "type": change.asset_type.strip(),
            "group": change.asset_group.strip(),
            "department_id": department_id,
            "install_date": change.install_date,
            "condition": change.condition,
            "failure_target": change.failure_target,
            "window": change.failure_window_days,
            "retired_on": change.retired_on,
            "id": asset_id,
            "version": expected_version,
        },
    )
    if change.condition is not None and change.condition != current.condition:
        record_condition(connection, asset_id, change.condition)
    return get_asset(connection, asset_id)


def municipal_srid(connection: Connection) -> int:
    """The CRS assets are stored in: a form's typed coordinates are in it."""
    return int(get_setting(connection, "municipality.srid"))
