"""Step 2 of logging: give a correspondence its place, a land parcel or a map point.

A click finds the parcel under it, else the nearest parcel within the tolerance; the user may
instead place a free point. Erf number, street address and account number locate too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ..core.errors import NotFoundError, ValidationError
from ..core.workflow import Classification, Status
from .register import CorrespondenceState, add_event, lock_for_update
from .settings import get_setting, municipality_srid

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

# Settings are read inside the query: a click costs one round trip.
_MUNICIPAL_SRID = "(SELECT value::int FROM imis.setting WHERE key = 'municipality.srid')"

# Containing parcel first (distance 0); else the nearest within the tolerance (KNN on GiST).
_PARCEL_AT = text(
    f"""
    WITH click AS (
        SELECT ST_Transform(ST_SetSRID(ST_MakePoint(:x, :y), :srid), {_MUNICIPAL_SRID}) AS g
    ), candidate AS (
        (SELECT p.id, 0.0 AS distance FROM imis.parcel AS p, click
          WHERE ST_Intersects(p.geom, click.g) ORDER BY ST_Area(p.geom) LIMIT 1)
        UNION ALL
        (SELECT p.id, ST_Distance(p.geom, click.g) FROM imis.parcel AS p, click
          WHERE ST_DWithin(p.geom, click.g, coalesce(CAST(:tolerance AS float),
                (SELECT value::float FROM imis.setting WHERE key = 'locate.tolerance_m'), 25))
          ORDER BY p.geom <-> click.g LIMIT 1)
        LIMIT 1
    )
    SELECT {_PARCEL_DETAILS}, candidate.distance
      FROM candidate JOIN imis.parcel AS p ON p.id = candidate.id
      LEFT JOIN imis.suburb AS s ON s.id = p.suburb_id
    """
)


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
    connection: Connection, x: float, y: float, srid: int, tolerance_m: float | None = None
) -> ParcelHit | None:
    """The parcel under a clicked point (any CRS), or the nearest one within the tolerance."""
    tolerance = tolerance_m if tolerance_m is not None else _tolerance(connection)
    row = connection.execute(
        _PARCEL_AT,
        {
            "x": x,
            "y": y,
            "srid": srid,
            "msrid": municipality_srid(connection),
            "tolerance": tolerance,
        },
    ).one_or_none()
    return _hit(row) if row else None


def _tolerance(connection: Connection) -> float:
    return float(get_setting(connection, "locate.tolerance_m", 25))


def search_parcels(connection: Connection, query: str, limit: int = 10) -> list[ParcelHit]:
    """Parcels whose erf number is `query`, or whose street address contains it."""
    words = query.strip()
    if not words:
        return []
    rows = connection.execute(
        text(
            f"""
            SELECT {_PARCEL_DETAILS}
              FROM imis.parcel AS p LEFT JOIN imis.suburb AS s ON s.id = p.suburb_id
             WHERE p.erf_number = :erf
                OR p.id IN (SELECT parcel_id FROM imis.parcel_address
                             WHERE address_text ILIKE :pattern)
             ORDER BY p.erf_number, p.id LIMIT :limit
            """
        ),
        {"erf": words, "pattern": f"%{_escape_like(words)}%", "limit": limit},
    ).all()
    return [_hit(row) for row in rows]


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


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
    point = _municipal_point(connection, x, y, srid)
    if free_point:
        return _set_location(connection, current, None, point)
    hit = find_parcel_at(connection, x, y, srid)
    if hit is None:
        raise ValidationError.single(
            "location",
            f"no land parcel within {_tolerance(connection):g} m of the point; "
            "click on a parcel or place a free point",
        )
    return _set_location(connection, current, hit, None)


def _municipal_point(connection: Connection, x: float, y: float, srid: int) -> str:
    """The point as EWKT in the municipality CRS, refused when it lies outside the municipality."""
    row = connection.execute(
        text(
            """
            WITH click AS (
                SELECT ST_Transform(ST_SetSRID(ST_MakePoint(:x, :y), :srid), :msrid) AS g
            )
            SELECT ST_AsEWKT(click.g) AS ewkt,
                   NOT EXISTS (SELECT FROM imis.municipal_boundary)
                   OR EXISTS (SELECT FROM imis.municipal_boundary AS b
                               WHERE ST_Intersects(b.geom, click.g)) AS inside
              FROM click
            """
        ),
        {"x": x, "y": y, "srid": srid, "msrid": municipality_srid(connection)},
    ).one()
    if not row.inside:
        raise ValidationError.single(
            "location",
            f"the point ({x:.6g}, {y:.6g}) in EPSG:{srid} lies outside the municipality; "
            "check that the map uses the right coordinate reference system",
        )
    return row.ewkt


def locate_on_parcel(
    connection: Connection, correspondence_id: int, expected_version: int, parcel_id: int
) -> LocateResult:
    current = lock_for_update(connection, correspondence_id, expected_version)
    row = connection.execute(
        text(
            f"SELECT {_PARCEL_DETAILS} FROM imis.parcel AS p "
            "LEFT JOIN imis.suburb AS s ON s.id = p.suburb_id WHERE p.id = :id"
        ),
        {"id": parcel_id},
    ).one_or_none()
    if row is None:
        raise NotFoundError(f"There is no land parcel with id {parcel_id}.")
    return _set_location(connection, current, _hit(row), None)


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
        {"pattern": f"%{_escape_like(address.strip())}%", "limit": MAX_CANDIDATES + 1},
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
    parcel: ParcelHit | None,
    point_ewkt: str | None,
) -> LocateResult:
    """One UPDATE: location, ward/suburb, status logged → assigned, repeat link; one event."""
    if current.status is Status.CLOSED:
        raise ValidationError.single(
            "location", f"{current.reference} is closed; re-open it before moving it"
        )
    row = connection.execute(
        text(
            """
            WITH place AS (
                SELECT CASE WHEN CAST(:parcel_id AS bigint) IS NULL
                            THEN ST_GeomFromEWKT(:point)
                            ELSE (SELECT ST_PointOnSurface(geom) FROM imis.parcel
                                   WHERE id = :parcel_id) END AS g
            ), earlier AS (
                SELECT coalesce(e.repeat_of_id, e.id) AS id
                  FROM imis.correspondence AS c, imis.correspondence AS e, place
                 WHERE c.id = :id AND c.classification = 'complaint' AND c.repeat_of_id IS NULL
                   AND e.id <> c.id AND e.classification = 'complaint'
                   AND e.category_id = c.category_id
                   AND e.logged_at BETWEEN c.logged_at - make_interval(days => :window_days)
                                       AND c.logged_at
                   AND (e.parcel_id = :parcel_id OR ST_DWithin(e.geom, place.g, :radius))
                 ORDER BY e.logged_at LIMIT 1
            )
            UPDATE imis.correspondence AS c SET
                location_kind = CASE WHEN :parcel_id IS NULL THEN 'point' ELSE 'parcel' END,
                parcel_id = :parcel_id,
                geom = place.g,
                ward_id = (SELECT w.id FROM imis.ward AS w
                            WHERE ST_Intersects(w.geom, place.g) LIMIT 1),
                suburb_id = (SELECT s.id FROM imis.suburb AS s
                              WHERE ST_Intersects(s.geom, place.g) LIMIT 1),
                located_at = coalesce(c.located_at, now()),
                status = CASE WHEN c.status = 'logged' THEN 'assigned' ELSE c.status END,
                repeat_of_id = coalesce(c.repeat_of_id, (SELECT id FROM earlier))
              FROM place
             WHERE c.id = :id AND c.row_version = :version
            RETURNING c.id, c.reference, c.classification, c.status, c.row_version,
                      c.department_id, c.escalation_level,
                      (SELECT reference FROM imis.correspondence
                        WHERE id = c.repeat_of_id) AS repeat_reference,
                      c.repeat_of_id IS NOT NULL AND NOT EXISTS (
                          SELECT FROM imis.correspondence_event
                           WHERE correspondence_id = c.id
                             AND event_type = 'repeat_detected') AS newly_repeated
            """
        ),
        {
            "id": current.id,
            "version": current.row_version,
            "parcel_id": parcel.parcel_id if parcel else None,
            "point": point_ewkt,
            "radius": float(get_setting(connection, "repeat.radius_m", 50)),
            "window_days": int(get_setting(connection, "repeat.window_days", 30)),
        },
    ).one()
    state = CorrespondenceState(
        row.id,
        row.reference,
        Classification(row.classification),
        Status(row.status),
        row.row_version,
        row.department_id,
        row.escalation_level,
    )
    detail = {"parcel_id": parcel.parcel_id, "erf": parcel.erf_number} if parcel else {}
    moved_from_logged = current.status is Status.LOGGED
    add_event(
        connection,
        current.id,
        "locate" if moved_from_logged else "relocated",
        current.status,
        state.status,
        detail=json.dumps(detail),
    )
    if row.newly_repeated:
        add_event(
            connection,
            current.id,
            "repeat_detected",
            None,
            None,
            reason=f"repeats {row.repeat_reference}",
            detail=json.dumps({"repeat_of": row.repeat_reference}),
        )
    return LocateResult(state, parcel, row.repeat_reference)
