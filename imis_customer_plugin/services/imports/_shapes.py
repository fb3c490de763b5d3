"""Staging of spatial features and the checks PostGIS does on them, set-based."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Optional

from psycopg2 import sql

from ...core.import_rules import MAX_PROBLEMS, FieldRule, RowProblem
from ._common import QUERY_LIMIT, create_staging
from .spatial import SourceFeature, SpatialSource

STAGING = "imis_import_features"
STAGING_COLUMNS = ("line", "key", "geom")
# A feature farther than this (metres) from the municipal boundary is not ours.
BOUNDARY_MARGIN_M = 5000.0


def create_feature_staging(cursor: Any, columns: Sequence[str]) -> None:
    create_staging(cursor, STAGING, columns, extra="line integer, key text, geom geometry")


def check_feature(
    source: SpatialSource,
    feature: SourceFeature,
    values: Mapping[str, Optional[str]],
    rules: Sequence[FieldRule],
    problems: list[RowProblem],
) -> None:
    """The rules applied to one feature's cleaned values, naming the source field."""
    for rule in rules:
        message = rule.check(values.get(rule.name))
        if message is not None:
            label = source.field_label(rule.name)
            problems.append(RowProblem(feature.number, label, message, "feature", feature.key))


@dataclass
class GeometryCheck:
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[RowProblem] = field(default_factory=list)
    repaired: int = 0


_INVALID = f"""
SELECT line, key, ST_IsValidReason(geom) FROM {STAGING}
 WHERE NOT ST_IsValid(geom) ORDER BY line LIMIT %(cap)s
"""
_REPAIR = f"""
UPDATE {STAGING} SET geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3))
 WHERE NOT ST_IsValid(geom)
RETURNING line, key, ST_IsEmpty(geom), ST_NumGeometries(geom), ST_Area(geom)
"""


def prepare_geometries(cursor: Any, srid: int, repair: bool) -> GeometryCheck:
    """Gives the staged shapes their SRID as MultiPolygons; invalid ones are problems,
    or with `repair` are made valid by ST_MakeValid and noted."""
    result = GeometryCheck()
    cursor.execute(
        f"UPDATE {STAGING} SET geom = ST_Multi(ST_SetSRID(geom, %(srid)s))", {"srid": srid}
    )
    cursor.execute(_INVALID, {"cap": QUERY_LIMIT})
    reasons = {line: (key, reason) for line, key, reason in cursor.fetchall()}
    if not reasons:
        return result
    if not repair:
        result.problems = [
            RowProblem(
                line,
                "geometry",
                f"is not a valid polygon: {reason}. Fix it, or import with repair (ST_MakeValid)",
                "feature",
                key,
            )
            for line, (key, reason) in reasons.items()
        ]
        return result
    cursor.execute(_REPAIR)
    for line, key, empty, parts, area in cursor.fetchall():
        reason = reasons.get(line, ("", "invalid"))[1]
        if empty:
            message = f"is not a valid polygon ({reason}) and repairing it leaves no area"
            result.problems.append(RowProblem(line, "geometry", message, "feature", key))
            continue
        result.repaired += 1
        message = f"was not valid ({reason}); repaired into {parts} polygon(s), {area:.1f} m²"
        result.notes.append(RowProblem(line, "geometry", message, "feature", key))
    return result


_OUTSIDE = f"""
SELECT s.line, s.key FROM {STAGING} AS s
 WHERE EXISTS (SELECT FROM imis.municipal_boundary) AND ST_IsValid(s.geom)
   AND NOT EXISTS (SELECT FROM imis.municipal_boundary AS b
                    WHERE ST_DWithin(b.geom, s.geom, %(margin)s))
 ORDER BY s.line LIMIT %(cap)s
"""


def outside_boundary(cursor: Any) -> list[RowProblem]:
    """Features far outside the municipal boundary (when one is loaded): a wrong CRS?"""
    cursor.execute(_OUTSIDE, {"margin": BOUNDARY_MARGIN_M, "cap": QUERY_LIMIT})
    message = (
        f"lies more than {BOUNDARY_MARGIN_M / 1000:.0f} km outside the municipal boundary; "
        "is it the right file, with the right CRS?"
    )
    return [RowProblem(line, "geometry", message, "feature", key) for line, key in cursor]


# Both sides of a shared border contain a point of it; the lowest id decides.
_LINK_PARCELS = """
WITH found AS (
    SELECT p.id, (SELECT a.id FROM {areas} AS a
                   WHERE ST_Intersects(a.geom, ST_PointOnSurface(p.geom))
                   ORDER BY a.id LIMIT 1) AS area_id
      FROM imis.parcel AS p WHERE p.{column} IS NULL)
UPDATE imis.parcel AS p SET {column} = found.area_id
  FROM found WHERE found.id = p.id AND found.area_id IS NOT NULL
"""


def link_parcels(cursor: Any, table: str, column: str) -> int:
    """Puts parcels not yet in a ward/suburb into the one holding their point on surface."""
    cursor.execute(
        sql.SQL(_LINK_PARCELS).format(
            areas=sql.Identifier("imis", table), column=sql.Identifier(column)
        )
    )
    return cursor.rowcount


def merge_notes(rows: Sequence[tuple[str, list[int], int]], what: str) -> list[RowProblem]:
    """Notes for features that were merged: (key value, feature numbers, distinct shapes)."""
    notes = []
    for value, lines, shapes in rows[:MAX_PROBLEMS]:
        how = "identical shapes" if shapes == 1 else f"{shapes} different shapes united"
        listed = ", ".join(map(str, lines[:10])) + (" ..." if len(lines) > 10 else "")
        message = f"features {listed} are one {what} {value!r}: merged ({how})"
        notes.append(RowProblem(lines[0], "", message, "feature"))
    return notes
