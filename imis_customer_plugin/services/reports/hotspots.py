"""Hot and cold spots of correspondence (issue 7): counts on a hexagon grid, Getis-Ord Gi*.

The grid is ST_HexagonGrid(cell size) over the municipal boundary's extent, keeping every
cell that intersects a boundary, empty ones too (Gi* needs the zeros). The items counted
are the located ones (geom not null) logged in the filter's period, whose dates are days in
the municipality's zone (definitions.DISPLAY_TIMEZONE), narrowed by department, category
and ward codes. The statistics are core.hotspots'.

A point's cell is found by arithmetic, not by a spatial join: the hexagons of the grid are
the Voronoi cells of their centres, so the cell is the nearer of the two candidate centres in
the two columns the point lies between (see core.hotspots for the grid's (i, j) layout).
One scan of the register then counts a million items in about a second, where a join of
the points with 10,000 cells takes far longer (benchmarks/bench_hotspots.py). A point
exactly on an edge between two cells is counted once, in one of them.

Every function takes an open Connection and only reads.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import text
from sqlalchemy.engine import Connection

from ...core import hotspots as stats
from ...core.errors import NotFoundError, ValidationError
from ...core.hotspots import HotspotClass
from ...core.reports import Chart, Report, ReportFilter, Series, Table
from ...definitions import DISPLAY_TIMEZONE
from ..settings import get_setting
from .common import reference_names
from .filters import CompiledFilter, compile_filter, database_description

HOTTEST = 20

_GRID = text(
    """
    SELECT hex.i, hex.j, ST_AsBinary(hex.geom)
      FROM ST_HexagonGrid(
               :size,
               (SELECT ST_SetSRID(ST_Extent(geom)::geometry, :srid)
                  FROM imis.municipal_boundary)) AS hex
     WHERE EXISTS (SELECT 1 FROM imis.municipal_boundary AS b
                    WHERE ST_Intersects(b.geom, hex.geom))
     ORDER BY hex.i, hex.j
    """
)

# Cell (i, j) of each item. u, v: the point in column widths (1.5 size) and row heights
# (sqrt(3) size); i0 = floor(u) and i0 + 1 are the columns around it; w0, w1 its row position
# in each (odd columns sit half a row higher); j0, j1 the nearest row in each. The nearer of
# the two centres wins. Squared distances in row heights, where (column width / row height)^2
# = 2.25 / 3 = 0.75, whatever the size:
#   near_left <=> 0.75 * (u - i0)^2 + (w0 - j0)^2 <= 0.75 * (u - i0 - 1)^2 + (w1 - j1)^2,
# which, expanded, is the comparison below.
# OFFSET 0 keeps each level a separate step: without it the planner inlines every level
# into the next and computes ST_X and ST_Y dozens of times per row (4 s instead of 1.5 s).
_CELL_OF_ITEM = """
SELECT {group}
       CASE WHEN near_left THEN i0 ELSE i0 + 1 END AS i,
       CASE WHEN near_left THEN j0 ELSE j1 END AS j
  FROM (SELECT {group} i0, j0, j1,
               CAST(0.75 AS float8) * (2 * f - 1)
                   <= (w1 - j1) * (w1 - j1) - (w0 - j0) * (w0 - j0) AS near_left
          FROM (SELECT {group} i0, u - i0 AS f, w0, w1,
                       round(w0)::integer AS j0, round(w1)::integer AS j1
                  FROM (SELECT {group} u, i0,
                               v - (i0 & 1) * CAST(0.5 AS float8) AS w0,
                               v - ((i0 + 1) & 1) * CAST(0.5 AS float8) AS w1
                          FROM (SELECT {group} u, v, floor(u)::integer AS i0
                                  FROM (SELECT {item_group}
                                               ST_X(c.geom) / :column_width AS u,
                                               ST_Y(c.geom) / :row_height AS v
                                          FROM imis.correspondence AS c
                                         WHERE {where}
                                        OFFSET 0) AS item
                                OFFSET 0) AS columns
                        OFFSET 0) AS rows_in_columns
                OFFSET 0) AS candidates) AS nearest
"""


@dataclass(frozen=True)
class HotspotCell:
    i: int
    j: int
    geometry_wkb: bytes  # the hexagon, in the municipality's SRID
    count: int
    gi_z: float  # NaN where Gi* is undefined (no variation)
    p: float  # two-sided; NaN with gi_z
    p_fdr: float  # Benjamini-Hochberg adjusted p
    confidence: HotspotClass

    @property
    def cell_id(self) -> str:
        """Stable for a given cell size: the grid is anchored at the CRS origin."""
        return f"{self.i},{self.j}"


@dataclass(frozen=True, eq=False)
class HotspotResult:
    """Column by column (numpy), so that 26 categories x 10,000 cells stay cheap; cells()
    gives them one by one."""

    filter: ReportFilter
    cell_size_m: float  # hexagon side (centre to corner), ST_HexagonGrid's size
    srid: int
    i: np.ndarray
    j: np.ndarray
    geometry_wkb: tuple[bytes, ...]  # the hexagons, in the municipality's SRID
    counts: np.ndarray
    statistic: stats.GiStar  # z, p, p_fdr and classes, in the same order
    category_code: str = ""  # per-category results; "" = every category of the filter
    items_outside_grid: int = 0  # located items whose cell does not touch the boundary

    def __len__(self) -> int:
        return len(self.counts)

    @property
    def items(self) -> int:
        return int(self.counts.sum())

    @property
    def defined(self) -> bool:
        """False when every cell has the same count: no cell can be hot or cold."""
        return self.statistic.defined

    def cell(self, k: int) -> HotspotCell:
        gi = self.statistic
        return HotspotCell(
            i=int(self.i[k]),
            j=int(self.j[k]),
            geometry_wkb=self.geometry_wkb[k],
            count=int(self.counts[k]),
            gi_z=float(gi.z[k]),
            p=float(gi.p[k]),
            p_fdr=float(gi.p_fdr[k]),
            confidence=HotspotClass(int(gi.classes[k])),
        )

    def cells(self) -> Iterator[HotspotCell]:
        return (self.cell(k) for k in range(len(self)))

    def per_class(self) -> dict[HotspotClass, tuple[int, int]]:
        """(cells, items) of every class, hottest first, zeros included."""
        classes = self.statistic.classes
        return {
            level: (
                int((classes == level).sum()),
                int(self.counts[classes == level].sum()),
            )
            for level in stats.CLASS_LABELS
        }


@dataclass(frozen=True, eq=False)
class _Grid:
    size: float
    srid: int
    i: np.ndarray
    j: np.ndarray
    wkb: tuple[bytes, ...] = field(repr=False)
    index: dict[tuple[int, int], int] = field(repr=False)  # (i, j) -> position

    def counts(self, cells: Iterable[tuple[int, int, int]]) -> tuple[np.ndarray, int]:
        """Counts in grid order from (i, j, items), and the items outside the grid."""
        counts = np.zeros(len(self.i), dtype=np.int64)
        outside = 0
        for i, j, items in cells:
            at = self.index.get((i, j))
            if at is None:
                outside += items
            else:
                counts[at] = items
        return counts, outside


def analyse_hotspots(
    connection: Connection, report_filter: ReportFilter, cell_size_m: float
) -> HotspotResult:
    """Gi* hot and cold spots of the filtered items on hexagons of `cell_size_m` metres."""
    compiled = _compiled(connection, report_filter)
    grid = _build_grid(connection, cell_size_m)
    rows = _count(connection, compiled, grid.size, by_category=False)
    return _result(grid, report_filter, rows, "")


def analyse_hotspots_by_category(
    connection: Connection, report_filter: ReportFilter, cell_size_m: float
) -> dict[str, HotspotResult]:
    """One result per category that has items in the filter (by code, sorted), from one
    aggregation pass grouped by category; the same grid for all."""
    return analyse_hotspots_overall_and_by_category(connection, report_filter, cell_size_m)[1]


def analyse_hotspots_overall_and_by_category(
    connection: Connection, report_filter: ReportFilter, cell_size_m: float
) -> tuple[HotspotResult, dict[str, HotspotResult]]:
    """analyse_hotspots and analyse_hotspots_by_category from one grid and one scan: every
    item has a category, so the overall counts are the categories' summed."""
    compiled = _compiled(connection, report_filter)
    grid = _build_grid(connection, cell_size_m)
    codes = {id_: code for id_, (code, _) in reference_names(connection, "imis.category").items()}
    per_category: dict[str, list[tuple[int, int, int]]] = {}
    overall: Counter[tuple[int, int]] = Counter()
    for category_id, i, j, n in _count(connection, compiled, grid.size, by_category=True):
        per_category.setdefault(codes[category_id], []).append((i, j, n))
        overall[i, j] += n
    by_category = {
        code: _result(grid, report_filter, rows, code)
        for code, rows in sorted(per_category.items())
    }
    summed = ((i, j, n) for (i, j), n in overall.items())
    return _result(grid, report_filter, summed, ""), by_category


def hotspot_report(connection: Connection, result: HotspotResult) -> Report:
    """The report of a result: classes, the hottest cells with their wards and suburbs, method."""
    per_class = result.per_class()
    classes = Table(
        key="hotspot_classes",
        title="Cells and items per class",
        columns=("Class", "Cells", "Items"),
        rows=(
            *((level.label, cells, items) for level, (cells, items) in per_class.items()),
            ("Total", len(result), result.items),
        ),
        note="Confidence after the false discovery rate correction (Benjamini-Hochberg).",
    )
    report_title = "Hotspots" + (f": {result.category_code}" if result.category_code else "")
    return Report(
        kind="hotspots",
        title=report_title,
        filter=result.filter,
        generated_at=dt.datetime.now(DISPLAY_TIMEZONE),
        database=database_description(connection),
        tables=(classes, _hottest_table(connection, result)),
        charts=(
            Chart(
                key="hotspot_classes",
                title="Cells per class",
                kind="bar",
                labels=tuple(level.label for level in per_class),
                series=(Series("Cells", tuple(float(c) for c, _ in per_class.values())),),
                y_label="Cells",
            ),
        ),
        notes=method_notes(result),
    )


def method_notes(result: HotspotResult) -> tuple[str, ...]:
    """How the figures were worked out, for the report and the layer's metadata."""
    size = result.cell_size_m
    area = stats.hexagon_area(size)
    notes = [
        f"Grid: {len(result):,} hexagons of {size:g} m side ({area / 10_000:.2f} ha "
        f"each, {math.sqrt(3) * size:.0f} m across the flats), every cell that touches the "
        f"municipal boundary, empty cells included (EPSG:{result.srid}).",
        "Items: correspondence located and logged in the period "
        f"(days in {DISPLAY_TIMEZONE.tzname(None)}): {result.items:,} counted"
        + (
            f", {result.items_outside_grid:,} outside the grid left out."
            if result.items_outside_grid
            else "."
        ),
        "Statistic: Getis-Ord Gi* z-score of each cell's count, with binary weights over the "
        "cell itself and its 6 adjacent cells (as ArcGIS Hot Spot Analysis and PySAL "
        "esda.G_Local(star=True) compute it).",
        "Significance: two-sided p-values; Benjamini-Hochberg false discovery rate over all "
        f"{len(result):,} cells; 99 / 95 / 90 % confidence = FDR-adjusted p at most "
        "0.01 / 0.05 / 0.10, hot for z > 0 and cold for z < 0.",
    ]
    if not result.defined:
        notes.append(
            "Every cell has the same count, so Gi* is undefined: there are no hot or cold spots."
        )
    return tuple(notes)


def _result(
    grid: _Grid,
    report_filter: ReportFilter,
    rows: Iterable[tuple[int, int, int]],
    code: str,
) -> HotspotResult:
    counts, outside = grid.counts(rows)
    return HotspotResult(
        filter=report_filter,
        cell_size_m=grid.size,
        srid=grid.srid,
        i=grid.i,
        j=grid.j,
        geometry_wkb=grid.wkb,
        counts=counts,
        statistic=stats.analyse(counts, grid.i, grid.j),
        category_code=code,
        items_outside_grid=outside,
    )


def _build_grid(connection: Connection, cell_size_m: float) -> _Grid:
    boundaries, area = connection.execute(
        text("SELECT count(*), coalesce(sum(ST_Area(geom)), 0) FROM imis.municipal_boundary")
    ).one()
    if not boundaries:
        raise NotFoundError(
            "There is no municipal boundary in the database: import it before looking for "
            "hot spots."
        )
    stats.check_cell_size(cell_size_m, float(area))
    size = float(cell_size_m)
    srid = int(get_setting(connection, "municipality.srid"))
    rows = connection.execute(_GRID, {"size": size, "srid": srid}).all()
    if len(rows) > stats.MAX_CELLS:
        raise ValidationError.single(
            "cell_size",
            f"Hexagons of {size:g} m make {len(rows):,} cells over the municipality; at most "
            f"{stats.MAX_CELLS:,} are allowed. Choose a larger cell size.",
        )
    return _Grid(
        size=size,
        srid=srid,
        i=np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)),
        j=np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows)),
        wkb=tuple(bytes(r[2]) for r in rows),
        index={(r[0], r[1]): k for k, r in enumerate(rows)},
    )


def _count(
    connection: Connection, compiled: CompiledFilter, size: float, *, by_category: bool
) -> Sequence[tuple]:
    """(i, j, items) per non-empty cell, or (category_id, i, j, items) by category."""
    where, params = "c.geom IS NOT NULL AND " + compiled.current(), dict(compiled.params)
    group = "category_id, " if by_category else ""
    cells = _CELL_OF_ITEM.format(
        group=group,
        item_group="c.category_id, " if by_category else "",
        where=where,
    )
    params.update(column_width=1.5 * size, row_height=math.sqrt(3.0) * size)
    statement = f"SELECT {group}i, j, count(*) FROM ({cells}) AS cell GROUP BY {group}i, j"
    return connection.execute(text(statement), params).all()


def _compiled(connection: Connection, report_filter: ReportFilter) -> CompiledFilter:
    """The filter as every report reads it; refuses unknown codes (a typo must not read as
    "no items there")."""
    return compile_filter(connection, report_filter, dt.datetime.now(DISPLAY_TIMEZONE))


def _hottest_table(connection: Connection, result: HotspotResult) -> Table:
    z = result.statistic.z
    defined = np.nonzero(np.isfinite(z))[0]
    # Highest z first; ties by more items, then by cell, so the table is reproducible.
    keys = (result.j[defined], result.i[defined], -result.counts[defined], -z[defined])
    order = np.lexsort(keys)  # the last key sorts first
    ranked = [result.cell(int(k)) for k in defined[order][:HOTTEST]]
    places = _places(connection, [cell.geometry_wkb for cell in ranked], result.srid)
    return Table(
        key="hotspot_hottest",
        title=f"The {HOTTEST} hottest cells",
        columns=("Rank", "Cell", "Items", "Gi* z", "p (FDR)", "Class", "Wards", "Suburbs"),
        rows=tuple(
            (
                rank,
                cell.cell_id,
                cell.count,
                round(cell.gi_z, 2),
                float(f"{cell.p_fdr:.3g}"),
                cell.confidence.label,
                wards,
                suburbs,
            )
            for rank, (cell, (wards, suburbs)) in enumerate(zip(ranked, places), start=1)
        ),
        note="Highest Gi* z-score first. Cell = column,row of the hexagon grid. Wards and "
        "suburbs that overlap the cell.",
    )


def _places(connection: Connection, cells: list[bytes], srid: int) -> list[tuple[str, str]]:
    """(ward codes, suburb names) overlapping each cell, in the order given."""
    if not cells:
        return []
    rows = connection.execute(
        text(
            """
            SELECT t.n,
                   (SELECT coalesce(string_agg(w.code, ', ' ORDER BY w.code), '')
                      FROM imis.ward AS w
                     WHERE ST_Intersects(w.geom, cell.geom)
                       AND NOT ST_Touches(w.geom, cell.geom)),
                   (SELECT coalesce(string_agg(s.name, ', ' ORDER BY s.name), '')
                      FROM imis.suburb AS s
                     WHERE ST_Intersects(s.geom, cell.geom)
                       AND NOT ST_Touches(s.geom, cell.geom))
              FROM unnest(CAST(:cells AS bytea[])) WITH ORDINALITY AS t (wkb, n),
                   LATERAL (SELECT ST_GeomFromWKB(t.wkb, :srid) AS geom) AS cell
             ORDER BY t.n
            """
        ),
        {"cells": cells, "srid": srid},
    ).all()
    return [(wards, suburbs) for _, wards, suburbs in rows]


def per_category_table(results: dict[str, HotspotResult]) -> Table:
    """Each category's hot and cold cells, from analyse_hotspots_by_category."""
    levels = tuple(stats.CLASS_LABELS)
    return Table(
        key="hotspots_per_category",
        title="Hot and cold cells per category (each category analysed on its own)",
        columns=("Category", "Items", *(f"{level.label} (cells)" for level in levels)),
        rows=tuple(
            (code, result.items, *(cells for cells, _ in result.per_class().values()))
            for code, result in results.items()
        ),
        note="Each category's own Gi* on the same grid, FDR-corrected within the category.",
    )
