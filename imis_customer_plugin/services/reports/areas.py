"""The shapes a report's map draws: the wards and the municipal boundary."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ..settings import get_setting

# A city on A4 is about 1:300,000 (1 mm = 300 m): 5 m vertices are invisible there, and
# simplified shapes keep the PDF small and quick to draw.
SIMPLIFY_METRES = 5.0
_WARDS = text(
    "SELECT id, code, name, ST_AsBinary(ST_SimplifyPreserveTopology(geom, :tolerance)) "
    "FROM imis.ward ORDER BY id"
)


@dataclass(frozen=True)
class AreaShape:
    area_id: int
    code: str
    name: str
    wkb: bytes


@dataclass(frozen=True)
class MapShapes:
    srid: int
    areas: tuple[AreaShape, ...]  # empty when no kind of area was asked for
    boundary: bytes | None  # WKB of the municipal boundary, when one is loaded


def map_shapes(connection: Connection, area_kind: str | None) -> MapShapes:
    """The boundary and SRID, and the wards when `area_kind` is "ward"; None: no areas (a
    hotspot map draws the boundary only)."""
    if area_kind not in (None, "ward"):
        raise ValueError(f"Unknown kind of area {area_kind!r}: expected ward.")
    rows = connection.execute(_WARDS, {"tolerance": SIMPLIFY_METRES}).all() if area_kind else []
    boundary = connection.execute(
        text(
            "SELECT ST_AsBinary(ST_SimplifyPreserveTopology(ST_Union(geom), :tolerance)) "
            "FROM imis.municipal_boundary"
        ),
        {"tolerance": SIMPLIFY_METRES},
    ).scalar()
    return MapShapes(
        srid=int(get_setting(connection, "municipality.srid")),
        areas=tuple(AreaShape(row[0], row[1], row[2], bytes(row[3])) for row in rows),
        boundary=bytes(boundary) if boundary is not None else None,
    )
