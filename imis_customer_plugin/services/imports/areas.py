"""Wards, suburbs and the municipal boundary from a polygon layer.

Features sharing a ward code (suburb name, boundary name) are parts of one area and are
united. Parcels not yet in a ward/suburb are placed by their point on surface afterwards.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from psycopg2 import sql

from ...core.import_rules import (
    BOUNDARY_RULES,
    SUBURB_RULES,
    WARD_RULES,
    FieldRule,
    RowProblem,
    clean_text,
)
from ._common import (
    QUERY_LIMIT,
    Feedback,
    ImportReport,
    Progress,
    Target,
    copy_rows,
    municipality_srid,
    reject_if_any,
    transaction,
)
from ._shapes import (
    STAGING,
    STAGING_COLUMNS,
    check_feature,
    create_feature_staging,
    link_parcels,
    merge_notes,
    outside_boundary,
    prepare_geometries,
)
from .spatial import SpatialSource

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Area:
    kind: str  # as in FIELD_CANDIDATES
    label: str  # what the report counts
    table: str
    key: str  # the column naming one area
    rules: tuple[FieldRule, ...]
    aggregates: str  # SELECT list per key, in the order of `rules`
    parcel_column: Optional[str]

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(rule.name for rule in self.rules)


WARD = _Area("ward", "wards", "ward", "code", WARD_RULES, "code, max(name)", "ward_id")
SUBURB = _Area(
    "suburb",
    "suburbs",
    "suburb",
    "name",
    SUBURB_RULES,
    "name, coalesce(max(priority)::smallint, 3)",
    "suburb_id",
)
BOUNDARY = _Area(
    "boundary", "municipal boundaries", "municipal_boundary", "name", BOUNDARY_RULES, "name", None
)

_GROUPS = """
SELECT {key}, array_agg(line ORDER BY line), count(DISTINCT geom) FROM {staging}
 GROUP BY {key} HAVING count(*) > 1 ORDER BY min(line)
"""
_CONFLICTS = """
SELECT {key}, array_agg(line ORDER BY line) FROM {staging}
 GROUP BY {key} HAVING count(DISTINCT ({others})) > 1 ORDER BY min(line) LIMIT %(cap)s
"""
_EXISTING = """
SELECT min(s.line), s.{key}, a.id FROM {staging} AS s JOIN {table} AS a ON a.{key} = s.{key}
 GROUP BY s.{key}, a.id ORDER BY 1 LIMIT %(cap)s
"""
_INSERT = """
INSERT INTO {table} ({columns}, geom)
SELECT {aggregates},
       CASE WHEN count(DISTINCT geom) = 1 THEN (array_agg(geom ORDER BY line))[1]
            ELSE ST_Multi(ST_CollectionExtract(ST_Union(geom), 3)) END
  FROM {staging} GROUP BY {key} ORDER BY min(line)
"""


def import_wards(
    target: Target,
    path: str | Path,
    layer: Optional[str] = None,
    *,
    fields: Optional[Mapping[str, str]] = None,
    source_epsg: Optional[int] = None,
    repair: bool = False,
    feedback: Optional[Feedback] = None,
) -> ImportReport:
    """Wards: `code` (Cape Town: WARD_NAME) and `name` (defaults to the code)."""
    return _import_area(WARD, target, path, layer, fields, source_epsg, repair, feedback)


def import_suburbs(
    target: Target,
    path: str | Path,
    layer: Optional[str] = None,
    *,
    fields: Optional[Mapping[str, str]] = None,
    source_epsg: Optional[int] = None,
    repair: bool = False,
    feedback: Optional[Feedback] = None,
) -> ImportReport:
    """Suburbs: `name` and an optional `priority` 1-5 (default 3)."""
    return _import_area(SUBURB, target, path, layer, fields, source_epsg, repair, feedback)


def import_boundary(
    target: Target,
    path: str | Path,
    layer: Optional[str] = None,
    *,
    fields: Optional[Mapping[str, str]] = None,
    source_epsg: Optional[int] = None,
    repair: bool = False,
    feedback: Optional[Feedback] = None,
) -> ImportReport:
    """The municipal boundary: `name` (defaults to the setting municipality.name)."""
    return _import_area(BOUNDARY, target, path, layer, fields, source_epsg, repair, feedback)


def _import_area(
    area: _Area,
    target: Target,
    path: str | Path,
    layer: Optional[str],
    fields: Optional[Mapping[str, str]],
    source_epsg: Optional[int],
    repair: bool,
    feedback: Optional[Feedback],
) -> ImportReport:
    started = time.perf_counter()
    progress = Progress(feedback)
    with (
        SpatialSource(path, area.kind, layer, fields, source_epsg) as source,
        transaction(target, source.source) as cursor,
    ):
        srid = municipality_srid(cursor, source.source)
        fallback = _municipality_name(cursor, source) if area is BOUNDARY else None
        create_feature_staging(cursor, area.columns)
        problems: list[RowProblem] = []
        rows = _rows(area, source, srid, progress, problems, fallback)
        copy_rows(cursor, STAGING, (*STAGING_COLUMNS, *area.columns), rows)
        problems += source.problems
        progress.report(60)
        shapes = prepare_geometries(cursor, srid, repair)
        problems += shapes.problems
        problems += _conflicts(cursor, area)
        problems += _existing(cursor, area)
        if area is not BOUNDARY:
            problems += outside_boundary(cursor)
        reject_if_any(source.source, problems)
        progress.report(75)
        notes = [*shapes.notes, *_merged(cursor, area)]
        cursor.execute(_sql(_INSERT, area))
        inserted = cursor.rowcount
        linked = link_parcels(cursor, area.table, area.parcel_column) if area.parcel_column else 0
        progress.report(100)
    report = ImportReport(
        area.label,
        source.source,
        source.rows_read,
        inserted,
        merged_duplicates=source.rows_read - inserted,
        repaired=shapes.repaired,
        linked=linked,
        seconds=time.perf_counter() - started,
        notes=tuple(notes),
    )
    LOGGER.info("%s: %s", source.source, report.summary())
    return report


def _rows(
    area: _Area,
    source: SpatialSource,
    srid: int,
    progress: Progress,
    problems: list[RowProblem],
    fallback: Optional[str],
) -> Iterator[tuple[object, ...]]:
    for feature in source.features(srid, progress):
        values = {name: clean_text(value) for name, value in feature.values.items()}
        if area is WARD:
            values["name"] = values.get("name") or values.get("code")
        elif area is BOUNDARY:
            values["name"] = values.get("name") or fallback
        check_feature(source, feature, values, area.rules, problems)
        if feature.wkb is not None:
            yield (feature.number, feature.key, feature.wkb, *map(values.get, area.columns))


def _municipality_name(cursor: Any, source: SpatialSource) -> str:
    cursor.execute("SELECT value #>> '{}' FROM imis.setting WHERE key = 'municipality.name'")
    row = cursor.fetchone()
    return clean_text(row[0] if row else None) or source.layer_name


def _sql(template: str, area: _Area) -> sql.Composed:
    others = [c for c in area.columns if c != area.key] or [area.key]
    return sql.SQL(template).format(
        key=sql.Identifier(area.key),
        staging=sql.Identifier(STAGING),
        table=sql.Identifier("imis", area.table),
        columns=sql.SQL(", ").join(map(sql.Identifier, area.columns)),
        others=sql.SQL(", ").join(map(sql.Identifier, others)),
        aggregates=sql.SQL(area.aggregates),
    )


def _conflicts(cursor: Any, area: _Area) -> list[RowProblem]:
    if len(area.columns) == 1:
        return []
    cursor.execute(_sql(_CONFLICTS, area), {"cap": QUERY_LIMIT})
    return [
        RowProblem(
            lines[0],
            area.key,
            f"{value!r} is also on feature(s) {', '.join(map(str, lines[1:]))} "
            "with different values; one area must be described the same way",
            "feature",
        )
        for value, lines in cursor.fetchall()
    ]


def _existing(cursor: Any, area: _Area) -> list[RowProblem]:
    cursor.execute(_sql(_EXISTING, area), {"cap": QUERY_LIMIT})
    return [
        RowProblem(line, area.key, f"{value!r} is already in the register (id {ident})", "feature")
        for line, value, ident in cursor.fetchall()
    ]


def _merged(cursor: Any, area: _Area) -> list[RowProblem]:
    cursor.execute(_sql(_GROUPS, area))
    return merge_notes(cursor.fetchall(), area.kind)
