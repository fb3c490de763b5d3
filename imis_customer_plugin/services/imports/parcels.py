"""Land parcels and their addresses from a polygon layer (Cape Town's Land Parcels and alike).

The City repeats a parcel once per address: features with the same SG code are ONE parcel
with several addresses (different shapes of one SG code are united). Without an SG code,
features with the same erf number and the same shape are one parcel. An empty erf number
is read from the SG code; a feature without street fields may give its address as text
("13 PASTORALE, FISANTEKRAAL"). Parcels land in the ward and suburb holding their point on
surface.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Optional

from ...core.import_rules import (
    PARCEL_RULES,
    RowProblem,
    clean_code,
    clean_street_number,
    clean_text,
    erf_from_sg_code,
    join_street,
    split_address_text,
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
    merge_notes,
    outside_boundary,
    prepare_geometries,
)
from .spatial import SourceFeature, SpatialSource

LOGGER = logging.getLogger(__name__)

COLUMNS = tuple(rule.name for rule in PARCEL_RULES)
GROUPS = "imis_import_parcel"
IDS = "imis_import_parcel_id"

_GROUP_KEY = "coalesce({t}sg_code, {t}erf_number || ' ' || md5(ST_AsEWKB({t}geom)))"
_CONFLICTS = f"""
SELECT sg_code, array_agg(line ORDER BY line),
       array_agg(DISTINCT erf_number) FILTER (WHERE erf_number IS NOT NULL),
       array_agg(DISTINCT land_use) FILTER (WHERE land_use IS NOT NULL)
  FROM {STAGING} WHERE sg_code IS NOT NULL GROUP BY sg_code
HAVING count(DISTINCT erf_number) > 1 OR count(DISTINCT land_use) > 1
 ORDER BY min(line) LIMIT %(cap)s
"""
_EXISTING = f"""
SELECT min(s.line), s.sg_code, p.id FROM {STAGING} AS s
  JOIN imis.parcel AS p ON p.sg_code = s.sg_code
 GROUP BY s.sg_code, p.id ORDER BY 1 LIMIT %(cap)s
"""
_GROUP = f"""
CREATE TEMP TABLE {GROUPS} ON COMMIT DROP AS
SELECT group_key, min(line) AS first_line, max(sg_code) AS sg_code,
       max(erf_number) AS erf_number, coalesce(max(land_use), '') AS land_use,
       array_agg(line ORDER BY line) AS lines, count(DISTINCT geom) AS shapes,
       CASE WHEN count(DISTINCT geom) = 1 THEN (array_agg(geom ORDER BY line))[1]
            ELSE ST_Multi(ST_CollectionExtract(ST_Union(geom), 3)) END AS geom
  FROM (SELECT *, {_GROUP_KEY.format(t="")} AS group_key FROM {STAGING}) AS s
 GROUP BY group_key
"""
_MERGED = f"""
SELECT coalesce(sg_code, erf_number), lines, shapes FROM {GROUPS}
 WHERE cardinality(lines) > 1 ORDER BY first_line
"""
_INSERT = f"""
CREATE TEMP TABLE {IDS} (id bigint, group_key text, placed boolean) ON COMMIT DROP;
WITH inserted AS (
    INSERT INTO imis.parcel (erf_number, sg_code, land_use, ward_id, suburb_id, geom)
    SELECT g.erf_number, g.sg_code, g.land_use,
           (SELECT w.id FROM imis.ward AS w WHERE ST_Intersects(w.geom, g.inside)
             ORDER BY w.id LIMIT 1),
           (SELECT b.id FROM imis.suburb AS b WHERE ST_Intersects(b.geom, g.inside)
             ORDER BY b.id LIMIT 1),
           g.geom
      FROM (SELECT *, ST_PointOnSurface(geom) AS inside FROM {GROUPS}) AS g
     ORDER BY g.first_line
    RETURNING id, sg_code, erf_number, geom, ward_id, suburb_id)
INSERT INTO {IDS}
SELECT id, {_GROUP_KEY.format(t="")}, ward_id IS NOT NULL OR suburb_id IS NOT NULL
  FROM inserted
"""
_ADDRESSES = f"""
INSERT INTO imis.parcel_address (parcel_id, street_number, street_name, suburb_name)
SELECT i.id, coalesce(s.street_number, ''), s.street_name, coalesce(s.suburb_name, '')
  FROM {STAGING} AS s JOIN {IDS} AS i ON i.group_key = {_GROUP_KEY.format(t="s.")}
 WHERE s.street_name IS NOT NULL
 GROUP BY i.id, s.street_number, s.street_name, s.suburb_name
 ORDER BY min(s.line)
"""


def import_parcels(
    target: Target,
    path: str | Path,
    layer: Optional[str] = None,
    *,
    fields: Optional[Mapping[str, str]] = None,
    source_epsg: Optional[int] = None,
    repair: bool = False,
    feedback: Optional[Feedback] = None,
) -> ImportReport:
    """Parcels with erf_number, sg_code, land_use and addresses; all or none.

    Our fields: erf_number, sg_code, land_use, street_number, street_number_suffix,
    street_name, street_type, suburb_name, address_text. `fields` maps source field ->
    our field where the names are not recognised (Cape Town's are: prty_nmbr, sg26_code,
    zoning, adr_no, adr_no_sfx, str_name, str_name_type, ofc_sbrb_name, address_text).
    """
    started = time.perf_counter()
    progress = Progress(feedback)
    with (
        SpatialSource(path, "parcel", layer, fields, source_epsg) as source,
        transaction(target, source.source) as cursor,
    ):
        srid = municipality_srid(cursor, source.source)
        create_feature_staging(cursor, COLUMNS)
        problems: list[RowProblem] = []
        derived: list[int] = []
        rows = _rows(source, srid, progress, problems, derived)
        copy_rows(cursor, STAGING, (*STAGING_COLUMNS, *COLUMNS), rows)
        problems += source.problems
        progress.report(60)
        shapes = prepare_geometries(cursor, srid, repair)
        problems += shapes.problems + _conflicts(cursor) + _existing(cursor)
        problems += outside_boundary(cursor)
        reject_if_any(source.source, problems)
        progress.report(70)
        cursor.execute(_GROUP)
        cursor.execute(_MERGED)
        notes = [*_derived_note(source, derived), *shapes.notes]
        notes += merge_notes(cursor.fetchall(), "parcel")
        cursor.execute(_INSERT)
        cursor.execute(f"SELECT count(*), count(*) FILTER (WHERE placed) FROM {IDS}")
        inserted, placed = cursor.fetchone()
        cursor.execute(_ADDRESSES)
        addresses = cursor.rowcount
        progress.report(100)
    report = ImportReport(
        "parcels",
        source.source,
        source.rows_read,
        inserted,
        merged_duplicates=source.rows_read - inserted,
        repaired=shapes.repaired,
        addresses=addresses,
        linked=placed,
        seconds=time.perf_counter() - started,
        notes=tuple(notes),
    )
    LOGGER.info("%s: %s", source.source, report.summary())
    return report


def _rows(
    source: SpatialSource,
    srid: int,
    progress: Progress,
    problems: list[RowProblem],
    derived: list[int],
) -> Iterator[tuple[object, ...]]:
    for feature in source.features(srid, progress):
        values = _values(feature)
        if values["erf_number"] is None and values["sg_code"] is not None:
            values["erf_number"] = erf_from_sg_code(values["sg_code"])
            if values["erf_number"] is not None:
                derived.append(feature.number)
        if values["erf_number"] is None:
            message = "is empty, and no erf number can be read from an SG code"
            label = source.field_label("erf_number")
            problems.append(RowProblem(feature.number, label, message, "feature", feature.key))
        check_feature(source, feature, values, PARCEL_RULES, problems)
        if feature.wkb is not None:
            yield (feature.number, feature.key, feature.wkb, *map(values.get, COLUMNS))


def _values(feature: SourceFeature) -> dict[str, Optional[str]]:
    raw = feature.values
    sg_code = clean_code(raw["sg_code"]) if raw.get("sg_code") else None
    number = clean_street_number(raw.get("street_number"), raw.get("street_number_suffix"))
    street = join_street(raw.get("street_name"), raw.get("street_type"))
    suburb = clean_text(raw.get("suburb_name"))
    if street is None:
        parsed = split_address_text(raw.get("address_text"))
        if parsed is not None:
            number, street, suburb = parsed[0], parsed[1], suburb or parsed[2]
    return {
        "erf_number": clean_text(raw.get("erf_number")),
        "sg_code": sg_code,
        "land_use": clean_text(raw.get("land_use")),
        "street_number": number,
        "street_name": street,
        "suburb_name": suburb,
    }


def _derived_note(source: SpatialSource, derived: list[int]) -> list[RowProblem]:
    if not derived:
        return []
    label = source.field_label("erf_number")
    message = (
        f"{len(derived)} feature(s) had no erf number; it was read from the SG code "
        f"(first: feature {derived[0]})"
    )
    return [RowProblem(None, label, message, "feature")]


def _conflicts(cursor: Any) -> list[RowProblem]:
    cursor.execute(_CONFLICTS, {"cap": QUERY_LIMIT})
    problems = []
    for sg_code, lines, found_erfs, found_uses in cursor.fetchall():
        erfs, uses = found_erfs or [], found_uses or []  # array_agg() FILTER may give NULL
        what = "erf numbers " + ", ".join(erfs) if len(erfs) > 1 else "land use " + " / ".join(uses)
        message = (
            f"SG code {sg_code} is repeated on feature(s) {', '.join(map(str, lines[1:]))} "
            f"with different {what}; one parcel must be described the same way"
        )
        problems.append(RowProblem(lines[0], "sg_code", message, "feature"))
    return problems


def _existing(cursor: Any) -> list[RowProblem]:
    cursor.execute(_EXISTING, {"cap": QUERY_LIMIT})
    return [
        RowProblem(
            line, "sg_code", f"{sg_code} is already in the register (parcel {ident})", "feature"
        )
        for line, sg_code, ident in cursor.fetchall()
    ]
