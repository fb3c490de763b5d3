"""The shapes a report's map draws: wards (or suburbs) and the municipal boundary."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ..settings import get_setting

# A city on A4 is about 1:300,000 (1 mm = 300 m): 5 m vertices are invisible there, and
# simplified shapes keep the PDF small and quick to draw.
SIMPLIFY_METRES = 5.0
AREA_QUERIES = {
    "ward": "SELECT id, code, name, ST_AsBinary(ST_SimplifyPreserveTopology(geom, :tolerance)) "
    "FROM imis.ward ORDER BY id",
    "suburb": "SELECT id, id::text, name, "
    "ST_AsBinary(ST_SimplifyPreserveTopology(geom, :tolerance)) FROM imis.suburb ORDER BY id",
}


@dataclass(frozen=True)
class AreaShape:
    area_id: int
    code: str
    name: str
    wkb: bytes


@dataclass(frozen=True)
class MapShapes:
    srid: int
    areas: tuple[AreaShape, ...]
    boundary: bytes | None  # WKB of the municipal boundary, when one is loaded


def map_shapes(connection: Connection, area_kind: str = "ward") -> MapShapes:
    if area_kind not in AREA_QUERIES:
        raise ValueError(f"Unknown kind of area {area_kind!r}: expected ward or suburb.")
    rows = connection.execute(text(AREA_QUERIES[area_kind]), {"tolerance": SIMPLIFY_METRES}).all()
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
