"""What a report run is asked for: the report, its filter, where each file goes and the
hotspot options. Light on purpose (no numpy, matplotlib or QGIS): the Reports menu, its
dialog and the Processing algorithms build requests at QGIS start; reports.runner runs them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..core.reports import DEFAULT_CELL_SIZE, REPORT_TITLES, ReportFilter

KINDS = tuple(REPORT_TITLES)


@dataclass(frozen=True)
class HotspotOptions:
    cell_size: float = DEFAULT_CELL_SIZE
    per_category: bool = False


@dataclass(frozen=True)
class Targets:
    """Where each output goes; None: not wanted."""

    pdf: Path | None = None
    xlsx: Path | None = None
    csv_folder: Path | None = None
    layer: Path | None = None  # hotspots: the cells as a GeoPackage

    @classmethod
    def in_folder(
        cls, folder: Path, kind: str, report_filter: ReportFilter, formats: tuple[str, ...]
    ) -> Targets:
        period = f"{report_filter.start:%Y%m%d}-{report_filter.last_day:%Y%m%d}"
        stem = folder / f"imis_{kind}_{period}"
        return cls(
            pdf=stem.with_suffix(".pdf") if "pdf" in formats else None,
            xlsx=stem.with_suffix(".xlsx") if "xlsx" in formats else None,
            csv_folder=Path(f"{stem}_csv") if "csv" in formats else None,
            # A new GeoPackage each run: QGIS's pooled OGR connections to a file it wrote
            # earlier in the session can block rewriting a table in it (seen on 3.22).
            layer=Path(f"{stem}_{dt.datetime.now():%Y%m%d-%H%M%S}.gpkg")
            if kind == "hotspots"
            else None,
        )


@dataclass(frozen=True)
class ReportRequest:
    kind: str
    filter: ReportFilter
    targets: Targets
    hotspot: HotspotOptions = field(default_factory=HotspotOptions)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Unknown report {self.kind!r}; expected one of {', '.join(KINDS)}.")
