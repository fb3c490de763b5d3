"""One report run, whoever asks for it (the Reports menu's task, a Processing algorithm, a
benchmark): the figures from the database, then the PDF, XLSX, CSV and map layer asked for.

`feedback` is anything with setProgress(float) and isCanceled() -> bool: a QgsTask and a
QgsProcessingFeedback both fit. A cancelled run removes the files it had written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from qgis.core import QgsVectorLayer
from sqlalchemy.engine import Connection, Engine

from ..core.errors import ImisError
from ..core.reports import Report, ReportFilter
from ..layers import hotspots as hotspot_layers
from ..services import report_files
from ..services.reports import hotspots, performance, progress, trends
from ..services.reports.areas import MapShapes, map_shapes
from . import maps
from .pdf import export_report_pdf
from .request import ReportRequest, Targets

MAP_LAYER_NAME = "Hot and cold spots"  # the hotspot layer's name in the PDF's legend
FIGURES: dict[str, Callable[[Connection, ReportFilter], Report]] = {
    "progress": progress.progress_report,
    "performance": performance.performance_report,
    "trends": trends.trends_report,
}


class Feedback(Protocol):
    def setProgress(self, progress: float) -> None: ...

    def isCanceled(self) -> bool: ...


class ReportCancelledError(ImisError):
    """The user cancelled the report; nothing was left written."""


@dataclass(frozen=True)
class ReportOutput:
    report: Report
    files: tuple[Path, ...]
    hotspots: tuple[hotspots.HotspotResult, ...] = ()  # all categories first, then each one


def run_report(
    engine: Engine, request: ReportRequest, feedback: Feedback | None = None
) -> ReportOutput:
    """Computes the report and writes the files its targets ask for."""
    step = _Steps(feedback)
    step.done(2)
    results: tuple[hotspots.HotspotResult, ...] = ()
    with engine.connect() as connection:
        if request.kind == "hotspots":
            report, results = _hotspots(connection, request)
        else:
            report = FIGURES[request.kind](connection, request.filter)
        # Only a printed map needs the shapes: progress and performance have none, and a
        # hotspot map draws the boundary only (no area kind: no areas read).
        mapped = request.targets.pdf is not None and bool(results or report.areas)
        shapes = map_shapes(connection, report.area_kind or None) if mapped else None
    step.done(50)
    files = _write(report, shapes, results, request.targets, step)
    return ReportOutput(report, files, results)


def _hotspots(
    connection: Connection, request: ReportRequest
) -> tuple[Report, tuple[hotspots.HotspotResult, ...]]:
    size = request.hotspot.cell_size
    if not request.hotspot.per_category:
        overall = hotspots.analyse_hotspots(connection, request.filter, size)
        return hotspots.hotspot_report(connection, overall), (overall,)
    overall, by_category = hotspots.analyse_hotspots_overall_and_by_category(
        connection, request.filter, size
    )
    report = hotspots.hotspot_report(connection, overall)
    report = replace(report, tables=(*report.tables, hotspots.per_category_table(by_category)))
    return report, (overall, *by_category.values())


def _write(
    report: Report,
    shapes: MapShapes | None,
    results: tuple[hotspots.HotspotResult, ...],
    targets: Targets,
    step: _Steps,
) -> tuple[Path, ...]:
    files: list[Path] = []
    also_written: list[Path] = []  # not listed, but removed as well if cancelled
    # The overall cells, on one layer for the GeoPackage and the printed map.
    cells = None
    if results and (targets.layer is not None or shapes is not None):
        cells = hotspot_layers.hotspot_layer(results[0], name=MAP_LAYER_NAME)
    try:
        if results and targets.layer is not None:
            report_files.make_folder(targets.layer.parent)
            # One table per result in the GeoPackage.
            hotspot_layers.save_hotspot_layer(cells, results[0], targets.layer)
            for result in results[1:]:
                hotspot_layers.hotspot_layer(result, targets.layer)
            files.append(targets.layer)
        if targets.pdf is not None:
            step.done(55)
            layers, title = _map_layers(report, shapes, cells)
            files.append(export_report_pdf(report, targets.pdf, map_layers=layers,
                                           map_title=title))  # fmt: skip
        if targets.xlsx is not None:
            step.done(85)
            files.append(report_files.write_xlsx(report, targets.xlsx))
        if targets.csv_folder is not None:
            step.done(92)
            files.extend(report_files.write_csv(report, targets.csv_folder))
            also_written.append(report_files.about_file(report, targets.csv_folder))
        step.done(100)
    except ReportCancelledError:
        for path in (*files, *also_written):
            path.unlink(missing_ok=True)
        raise
    return tuple(files)


def _map_layers(
    report: Report, shapes: MapShapes | None, cells: QgsVectorLayer | None
) -> tuple[list[QgsVectorLayer], str]:
    if shapes is None:
        return [], ""
    boundary = maps.boundary_layer(shapes)
    if cells is not None:
        layers = [cells]
        title = "Hot and cold spots (Getis-Ord Gi*, FDR-corrected)"
    else:
        layers = [maps.area_change_layer(shapes, report.areas, report.area_kind)]
        title = f"Change per {report.area_kind} against the previous period"
    return ([boundary] if boundary else []) + layers, title


class _Steps:
    def __init__(self, feedback: Feedback | None) -> None:
        self.feedback = feedback

    def done(self, percent: float) -> None:
        if self.feedback is None:
            return
        if self.feedback.isCanceled():
            raise ReportCancelledError("The report was cancelled.")
        self.feedback.setProgress(percent)
