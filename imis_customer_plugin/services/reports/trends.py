"""The trends report: weekly and monthly series per category and classification with the
direction of each (core.trends: Mann-Kendall with Sen's slope on complete bins), and the
change per ward against the previous period for the choropleth map.

Weeks run Monday to Sunday and months are calendar months, in local time. A week or month
only partly inside the period (or not yet over at the report's `now`) is listed with the
days it covers but left out of the direction test and the charts: its lower count is not a
fall. Items that were never located have no ward and are left out of the ward figures.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ...core.reports import AreaValue, Chart, Report, ReportFilter, Series, Table
from ...core.trends import Bin, Trend, month_bins, series_trend, week_bins
from ...core.workflow import CLASSIFICATIONS
from .common import HASHED_GROUPS, change_percent, planner_settings, reference_names
from .filters import (
    IN_CURRENT,
    LOCAL_TIME_SQL,
    compile_filter,
    database_description,
    report_moment,
)

TOP_CATEGORIES = 6  # lines in the monthly chart; the tables have every category

_LOCAL = LOCAL_TIME_SQL.format(column="c.logged_at")
_FIGURES = f"""
    SELECT current, ward_id, week, month, category_id, classification,
           GROUPING(ward_id, week, month) AS rolled_up, count(*) AS items
      FROM (
        SELECT {IN_CURRENT} AS current, c.ward_id, c.category_id, c.classification,
               CASE WHEN {IN_CURRENT} THEN date_trunc('week', {_LOCAL})::date END AS week,
               CASE WHEN {IN_CURRENT} THEN date_trunc('month', {_LOCAL})::date END AS month
          FROM imis.correspondence AS c
         WHERE {{where}}
      ) AS items
     GROUP BY GROUPING SETS ((current, ward_id), (week, category_id, classification),
                             (month, category_id, classification))
"""


def trends_report(
    connection: Connection, report_filter: ReportFilter, *, now: dt.datetime | None = None
) -> Report:
    """Series per category and classification with their direction; wards against the
    previous period."""
    moment = report_moment(connection, now)
    compiled = compile_filter(connection, report_filter, moment)
    with planner_settings(connection, HASHED_GROUPS):
        rows = connection.execute(
            text(_FIGURES.format(where=compiled.both_periods())), compiled.params
        ).all()
    categories = reference_names(connection, "imis.category")
    wards = reference_names(connection, "imis.ward")
    today = moment.date()  # moment is local time: today is not over, so not complete
    series = {
        "week": _Series(week_bins(report_filter.start, report_filter.end, today)),
        "month": _Series(month_bins(report_filter.start, report_filter.end, today)),
    }
    ward_counts: dict[bool, Counter] = {True: Counter(), False: Counter()}
    for row in rows:
        if row.rolled_up == 3:  # (current, ward_id): week and month rolled up
            ward_counts[row.current][row.ward_id] += row.items
        elif row.rolled_up == 5 and row.week is not None:  # (week, ...)
            series["week"].add(row.week, row.category_id, row.classification, row.items)
        elif row.rolled_up == 6 and row.month is not None:  # (month, ...)
            series["month"].add(row.month, row.category_id, row.classification, row.items)
    used = sorted(
        {c for s in series.values() for c in s.by_category},
        key=lambda c: categories[c][0],
    )
    areas = tuple(
        AreaValue(ward_id, name, ward_counts[True][ward_id], ward_counts[False][ward_id])
        for ward_id, (_, name) in sorted(wards.items(), key=lambda w: w[1][0])
    )
    unlocated = ward_counts[True][None]
    return Report(
        kind="trends",
        title="Trends report",
        filter=report_filter,
        generated_at=moment,
        database=database_description(connection),
        tables=(
            _directions(series, used, categories),
            *(
                table
                for granularity, label in (("week", "Weekly"), ("month", "Monthly"))
                for table in (
                    series[granularity].classification_table(granularity, label),
                    series[granularity].category_table(granularity, label, used, categories),
                )
            ),
            _ward_table(areas, wards, unlocated),
        ),
        charts=_charts(series, used, categories),
        areas=areas,
        area_kind="ward",
        notes=(
            "Directions: Mann-Kendall test (5 % level) with Sen's slope, on the complete "
            "weeks or months of the period only, as items logged per day.",
        ),
    )


class _Series:
    """Counts per bin of one granularity, by category and by classification."""

    def __init__(self, bins: list[Bin]) -> None:
        self.bins = bins
        self.index = {b.start: k for k, b in enumerate(bins)}
        self.by_category: dict[int, list[int]] = defaultdict(lambda: [0] * len(bins))
        self.by_classification: dict[str, list[int]] = {c: [0] * len(bins) for c in
                                                         CLASSIFICATIONS}  # fmt: skip

    def add(self, start: dt.date, category_id: int, classification: str, items: int) -> None:
        position = self.index[start]
        self.by_category[category_id][position] += items
        self.by_classification[classification][position] += items

    def totals(self) -> list[int]:
        return [sum(counts[k] for counts in self.by_classification.values())
                for k in range(len(self.bins))]  # fmt: skip

    def complete(self) -> list[int]:
        return [k for k, b in enumerate(self.bins) if b.complete]

    def _head(self, granularity: str, k: int) -> tuple:
        b = self.bins[k]
        return (b.label(granularity), b.start, b.covered_days, b.days, b.complete)

    def classification_table(self, granularity: str, label: str) -> Table:
        totals = self.totals()
        return Table(
            f"{granularity}ly_by_classification",
            f"{label} items logged by classification",
            (granularity.capitalize(), "Starts", "Days in period", "Days", "Complete", "Total",
             *CLASSIFICATIONS),
            tuple(
                (*self._head(granularity, k), totals[k],
                 *(self.by_classification[c][k] for c in CLASSIFICATIONS))
                for k in range(len(self.bins))
            ),
            note=_PARTIAL_NOTE,
        )  # fmt: skip

    def category_table(
        self, granularity: str, label: str, used: Sequence[int], categories: dict
    ) -> Table:
        return Table(
            f"{granularity}ly_by_category",
            f"{label} items logged by category",
            (granularity.capitalize(), "Starts", "Days in period", "Days", "Complete",
             *(categories[c][0] for c in used)),
            tuple(
                (*self._head(granularity, k), *(self.by_category[c][k] for c in used))
                for k in range(len(self.bins))
            ),
            note=_PARTIAL_NOTE,
        )  # fmt: skip


_PARTIAL_NOTE = (
    "Days in period: the days of the week or month inside the period and before today. "
    "Incomplete ones are shown but not used to judge a trend."
)


def _trend_row(kind: str, code: str, name: str, granularity: str, trend: Trend) -> tuple:
    return (
        kind,
        code,
        name,
        granularity,
        trend.points,
        round(trend.mean_per_day, 2),
        round(trend.slope_per_day, 3),
        None if trend.change_percent is None else round(trend.change_percent, 1),
        None if trend.tau is None else round(trend.tau, 3),
        None if trend.p_value is None else round(trend.p_value, 4),
        trend.direction.value,
    )


def _directions(series: dict[str, _Series], used: Sequence[int], categories: dict) -> Table:
    rows = []
    for granularity, values in series.items():
        for classification in CLASSIFICATIONS:
            trend = series_trend(values.bins, values.by_classification[classification])
            rows.append(_trend_row("classification", classification, classification.title(),
                                   granularity, trend))  # fmt: skip
        for category in used:
            trend = series_trend(values.bins, values.by_category[category])
            rows.append(_trend_row("category", *categories[category], granularity, trend))
    return Table(
        "directions",
        "Direction of each series",
        ("Series", "Code", "Name", "Granularity", "Complete bins", "Mean items per day",
         "Sen's slope (items per day, per bin)", "Change per bin (%)", "Kendall's tau",
         "p-value", "Direction"),
        tuple(rows),
        note="Mann-Kendall trend test on the items logged per day of each complete week or "
        "month (partial ones left out); rising or falling when p < 0.05, else steady; at "
        "least 4 complete bins are needed. Sen's slope: the median change from one bin to the "
        "next; change per bin: that slope against the mean.",
    )  # fmt: skip


def _ward_table(areas: Sequence[AreaValue], wards: dict, unlocated: int) -> Table:
    codes = {ward_id: code for ward_id, (code, _) in wards.items()}
    ordered = sorted(areas, key=lambda a: (-a.change, codes[a.area_id]))
    return Table(
        "wards",
        "Wards: this period against the previous one",
        ("Ward", "Name", "This period", "Previous period", "Change", "Change (%)"),
        tuple(
            (codes[a.area_id], a.name, a.current, a.previous, a.change,
             change_percent(a.current, a.previous))
            for a in ordered
        ),
        note=f"Largest increase first. {unlocated} items of this period were never located "
        "and have no ward.",
    )  # fmt: skip


def _charts(series: dict[str, _Series], used: Sequence[int], categories: dict) -> tuple:
    weeks, months = series["week"], series["month"]
    top = sorted(used, key=lambda c: -sum(months.by_category[c]))[:TOP_CATEGORIES]
    return (
        Chart(
            "weekly_by_classification",
            "Items logged per complete week by classification",
            "line",
            tuple(weeks.bins[k].label("week") for k in weeks.complete()),
            tuple(
                Series(c, tuple(float(weeks.by_classification[c][k]) for k in weeks.complete()))
                for c in CLASSIFICATIONS
            ),
            y_label="Items per week",
        ),
        Chart(
            "monthly_by_category",
            f"Items logged per day, by complete month, of the {len(top)} largest categories",
            "line",
            tuple(months.bins[k].label("month") for k in months.complete()),
            tuple(
                Series(categories[c][0], tuple(
                    round(months.by_category[c][k] / months.bins[k].days, 2)
                    for k in months.complete()))
                for c in top
            ),
            y_label="Items per day",
        ),
    )  # fmt: skip
