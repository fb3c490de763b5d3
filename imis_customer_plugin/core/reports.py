"""What every report is made of, whatever renders it (PDF, CSV, XLSX, a Processing output).

A report is data: the filter it was run with, tables and chart series. Rendering lives in
`reports/` (QgsLayout, matplotlib) and `services/report_files.py` (CSV, XLSX); the numbers come
from `services/reports/`. Nothing here knows Qt, QGIS or SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Union

from ..definitions import QT_TRANSLATE_NOOP

Cell = Union[str, int, float, Decimal, date, datetime, None]

# The reports, in the order the Reports menu lists them.
REPORT_TITLES = {
    "progress": QT_TRANSLATE_NOOP("ReportDialog", "Progress report"),
    "performance": QT_TRANSLATE_NOOP("ReportDialog", "Performance report"),
    "trends": QT_TRANSLATE_NOOP("ReportDialog", "Trend report"),
    "hotspots": QT_TRANSLATE_NOOP("ReportDialog", "Hotspot analysis"),
}
# Hexagon side (m): about 10,000 cells over a metro of 2,500 km2 such as Cape Town.
DEFAULT_CELL_SIZE = 250.0


@dataclass(frozen=True)
class ReportFilter:
    """Items logged in [start, end) (dates in the municipality's zone), optionally narrowed.

    Empty tuples mean "all". Departments and categories are codes, wards their codes, so a
    filter reads the same in a header, a Processing parameter and a scheduled command.
    """

    start: date
    end: date
    department_codes: tuple[str, ...] = ()
    category_codes: tuple[str, ...] = ()
    ward_codes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"The period must end after it starts ({self.start} to {self.end}).")

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def last_day(self) -> date:
        """The period's last day (the end is the day after it)."""
        return date.fromordinal(self.end.toordinal() - 1)

    def previous(self) -> ReportFilter:
        """The period of the same length just before this one, same narrowing."""
        return replace(self, start=self.start - (self.end - self.start), end=self.start)

    def describe(self) -> tuple[str, ...]:
        """Lines for a report header: what was filtered."""
        lines = [
            f"Period: {self.start.isoformat()} to {self.last_day.isoformat()} ({self.days} days)"
        ]
        for label, values in (
            ("Departments", self.department_codes),
            ("Categories", self.category_codes),
            ("Wards", self.ward_codes),
        ):
            lines.append(f"{label}: {', '.join(values) if values else 'all'}")
        return tuple(lines)


@dataclass(frozen=True)
class Table:
    """One table of a report; `key` names its CSV file and XLSX sheet."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""  # how a figure was worked out, printed under the table


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class Chart:
    """A chart's data: `labels` along the x axis, one value per label in each series."""

    key: str
    title: str
    kind: str  # "bar", "stacked_bar", "line", "barh"
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    y_label: str = ""


@dataclass(frozen=True)
class AreaValue:
    """One ward's figure for a choropleth map."""

    area_id: int
    name: str
    current: int
    previous: int

    @property
    def change(self) -> int:
        return self.current - self.previous

    @property
    def change_percent(self) -> float | None:
        return None if self.previous == 0 else 100.0 * self.change / self.previous


@dataclass(frozen=True)
class Report:
    kind: str  # "progress", "performance", "trends", "hotspots"
    title: str
    filter: ReportFilter
    generated_at: datetime
    database: str  # host/port/name of the database the figures came from
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()
    areas: tuple[AreaValue, ...] = ()  # for the area map (trends: per ward)
    area_kind: str = ""  # "ward" when `areas` is filled (the only kind mapped)
    notes: tuple[str, ...] = field(default_factory=tuple)

    def header_lines(self) -> tuple[str, ...]:
        generated = self.generated_at.strftime("%Y-%m-%d %H:%M %Z").strip()
        return (
            *self.filter.describe(),
            f"Generated {generated} from database {self.database}",
        )

    def table(self, key: str) -> Table:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)
