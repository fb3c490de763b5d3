"""The reports as Processing algorithms: for the model builder, batch mode and `qgis_process`
(e.g. a monthly report scheduled on a server). Each one calls reports.runner, as the Reports
menu does, so the figures and files are the same whichever way a report is made."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsFeatureSink,
    QgsField,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication, QDate, QVariant

from ..core.errors import ImisError
from ..core.reports import DEFAULT_CELL_SIZE, REPORT_TITLES, ReportFilter
from ..db.connection import ConnectionSettings, create_db_engine
from ..reports.request import HotspotOptions, ReportRequest, Targets
from ..toolbelt.plugin_settings import load_database_choice
from ..toolbelt.qgis_connections import resolve_database_choice

DATABASE, START, END = "DATABASE", "START", "END"
DEPARTMENTS, CATEGORIES, WARDS = "DEPARTMENTS", "CATEGORIES", "WARDS"
OUTPUT_PDF, OUTPUT_XLSX, OUTPUT_CSV = "OUTPUT_PDF", "OUTPUT_XLSX", "OUTPUT_CSV"
CELL_SIZE, PER_CATEGORY, OUTPUT = "CELL_SIZE", "PER_CATEGORY", "OUTPUT"
CATEGORY_FIELD = "category"


def tr(text: str) -> str:
    return QCoreApplication.translate("ImisProcessing", text)


class _ReportAlgorithm(QgsProcessingAlgorithm):
    kind = ""
    title = ""
    help_text = ""

    def name(self) -> str:
        return f"{self.kind}_report"

    def displayName(self) -> str:
        return tr(self.title)

    def group(self) -> str:
        return tr("Reports")

    def groupId(self) -> str:
        return "reports"

    def shortHelpString(self) -> str:
        return (
            tr(self.help_text)
            + "\n\n"
            + tr(
                "Database: a pg_service name (e.g. imis) or a libpq connection string "
                "(host=... dbname=...); empty means the database chosen in the plugin's Database "
                "settings. Period: items logged from the start date up to and including the end "
                "date (South African time). Departments, categories and wards: codes separated "
                "by commas; empty means all."
            )
        )

    def createInstance(self) -> QgsProcessingAlgorithm:
        return type(self)()

    def initAlgorithm(self, config: dict | None = None) -> None:
        today = QDate.currentDate()
        first = QDate(today.year(), today.month(), 1)
        self.addParameter(
            QgsProcessingParameterString(
                DATABASE, tr("Database (pg_service name or connection string)"), "", optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterDateTime(
                START, tr("From (date)"), QgsProcessingParameterDateTime.Date, first.addMonths(-1)
            )
        )
        self.addParameter(
            QgsProcessingParameterDateTime(
                END,
                tr("To (date, included)"),
                QgsProcessingParameterDateTime.Date,
                first.addDays(-1),
            )
        )
        for key, label in (
            (DEPARTMENTS, "Department codes"),
            (CATEGORIES, "Category codes"),
            (WARDS, "Ward codes"),
        ):
            self.addParameter(QgsProcessingParameterString(key, tr(label), "", optional=True))
        self.add_own_parameters()
        self.addParameter(
            QgsProcessingParameterFileDestination(
                OUTPUT_PDF, tr("Report (PDF)"), tr("PDF files (*.pdf)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                OUTPUT_XLSX,
                tr("Tables (XLSX)"),
                tr("Excel workbooks (*.xlsx)"),
                optional=True,
                createByDefault=False,
            )
        )
        self.addParameter(
            QgsProcessingParameterFolderDestination(
                OUTPUT_CSV, tr("Tables (CSV folder)"), optional=True, createByDefault=False
            )
        )

    def add_own_parameters(self) -> None:
        """More parameters before the outputs (the hotspot algorithm's)."""

    def processAlgorithm(
        self, parameters: dict[str, Any], context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:  # fmt: skip
        report_filter = self._filter(parameters, context)
        targets = Targets(
            pdf=self._path(parameters, OUTPUT_PDF, context),
            xlsx=self._path(parameters, OUTPUT_XLSX, context),
            csv_folder=self._path(parameters, OUTPUT_CSV, context),
        )
        request = ReportRequest(self.kind, report_filter, targets, self.hotspot_options(
            parameters, context))  # fmt: skip
        # Loaded when an algorithm runs: the provider is registered at every QGIS start.
        from ..reports.runner import run_report  # noqa: PLC0415

        engine = create_db_engine(self._database(parameters, context))
        try:
            output = run_report(engine, request, feedback)
        except ImisError as error:
            raise QgsProcessingException(str(error)) from error
        finally:
            engine.dispose()
        for line in output.report.header_lines():
            feedback.pushInfo(line)
        results = {
            OUTPUT_PDF: str(targets.pdf) if targets.pdf else None,
            OUTPUT_XLSX: str(targets.xlsx) if targets.xlsx else None,
            OUTPUT_CSV: str(targets.csv_folder) if targets.csv_folder else None,
        }
        results.update(self.more_results(output, parameters, context, feedback))
        return results

    def hotspot_options(self, parameters, context) -> HotspotOptions:
        return HotspotOptions()

    def more_results(self, output, parameters, context, feedback) -> dict[str, Any]:
        return {}

    def _filter(self, parameters: dict[str, Any], context: QgsProcessingContext) -> ReportFilter:
        start = self.parameterAsDateTime(parameters, START, context).date()
        end = self.parameterAsDateTime(parameters, END, context).date()
        if not start.isValid() or not end.isValid():
            raise QgsProcessingException(tr("Give both dates of the period."))
        try:
            return ReportFilter(
                dt.date(start.year(), start.month(), start.day()),
                dt.date(end.year(), end.month(), end.day()) + dt.timedelta(days=1),
                department_codes=self._codes(parameters, DEPARTMENTS, context),
                category_codes=self._codes(parameters, CATEGORIES, context),
                ward_codes=self._codes(parameters, WARDS, context),
            )
        except ValueError as error:
            raise QgsProcessingException(str(error)) from error

    def _codes(self, parameters, key: str, context) -> tuple[str, ...]:
        text = self.parameterAsString(parameters, key, context) or ""
        return tuple(dict.fromkeys(code.strip() for code in text.split(",") if code.strip()))

    def _path(self, parameters, key: str, context) -> Path | None:
        value = self.parameterAsString(parameters, key, context)
        return Path(value) if value else None

    def _database(self, parameters, context) -> ConnectionSettings:
        text = (self.parameterAsString(parameters, DATABASE, context) or "").strip()
        try:
            return database_settings(text)
        except (ValueError, LookupError) as error:
            raise QgsProcessingException(str(error)) from error


def database_settings(text: str) -> ConnectionSettings:
    """A pg_service name, a libpq connection string, or (empty) the plugin's own choice."""
    if not text:
        return resolve_database_choice(load_database_choice())
    if "=" in text or "://" in text:
        return ConnectionSettings.from_dsn(text)
    return ConnectionSettings.from_service(text)


class ProgressReportAlgorithm(_ReportAlgorithm):
    kind = "progress"
    title = REPORT_TITLES[kind]
    help_text = (
        "Correspondence logged, open and closed in a period, by status, classification, "
        "category, department and ward; ageing of open items; the overdue list; and the "
        "comparison with the previous period of the same length."
    )


class PerformanceReportAlgorithm(_ReportAlgorithm):
    kind = "performance"
    title = REPORT_TITLES[kind]
    help_text = (
        "Per call operator: items logged, time from log to locate, first-contact resolution, "
        "re-open rate and customer satisfaction. Per department and artisan: SLA compliance, "
        "median time to close and backlog."
    )


class TrendReportAlgorithm(_ReportAlgorithm):
    kind = "trends"
    title = REPORT_TITLES[kind]
    help_text = (
        "Weekly and monthly series per category and classification with the direction of "
        "each trend, and a map of the change per ward against the previous period."
    )


class HotspotAlgorithm(_ReportAlgorithm):
    kind = "hotspots"
    title = "Hotspot analysis (Getis-Ord Gi*)"
    help_text = (
        "Correspondence counted on a hexagon grid over the municipality; each cell's "
        "Getis-Ord Gi* z-score and p-value (the cell and its six neighbours), with the "
        "Benjamini-Hochberg false discovery rate correction, classed as hot or cold spots "
        "at 90, 95 and 99 % confidence. With 'per category', each category is analysed on "
        "its own and the layer has one set of cells per category."
    )

    def name(self) -> str:
        return "hotspots"

    def add_own_parameters(self) -> None:
        self.addParameter(
            QgsProcessingParameterNumber(
                CELL_SIZE,
                tr("Hexagon size (metres, centre to corner)"),
                QgsProcessingParameterNumber.Double,
                DEFAULT_CELL_SIZE,
                minValue=1.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                PER_CATEGORY, tr("Analyse each category on its own"), False
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                OUTPUT, tr("Hot and cold spots"), QgsProcessing.TypeVectorPolygon
            )
        )

    def hotspot_options(self, parameters, context) -> HotspotOptions:
        return HotspotOptions(
            cell_size=self.parameterAsDouble(parameters, CELL_SIZE, context),
            per_category=self.parameterAsBoolean(parameters, PER_CATEGORY, context),
        )

    def more_results(self, output, parameters, context, feedback) -> dict[str, Any]:
        """The cells of every analysis in one layer; `category` says which (empty: all)."""
        from ..layers.hotspots import (  # noqa: PLC0415 - see processAlgorithm
            hotspot_crs,
            hotspot_features,
            hotspot_fields,
        )

        fields = hotspot_fields()
        fields.append(QgsField(CATEGORY_FIELD, QVariant.String))
        crs = hotspot_crs(output.hotspots[0])
        sink, destination = self.parameterAsSink(
            parameters, OUTPUT, context, fields, QgsWkbTypes.Polygon, crs
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, OUTPUT))
        for result in output.hotspots:
            for feature in hotspot_features(result, fields, result.category_code):
                sink.addFeature(feature, QgsFeatureSink.FastInsert)
        return {OUTPUT: destination}


ALGORITHMS = (
    ProgressReportAlgorithm,
    PerformanceReportAlgorithm,
    TrendReportAlgorithm,
    HotspotAlgorithm,
)
