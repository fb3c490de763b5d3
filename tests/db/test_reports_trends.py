"""The trends report on real PostGIS: weekly and monthly series of known items with a rising,
a steady and a falling category, a partial last week that must not read as a fall, and wards
against the previous period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from imis_customer_plugin.core.errors import ValidationError
from imis_customer_plugin.core.reports import ReportFilter
from imis_customer_plugin.db.connection import create_db_engine
from imis_customer_plugin.services.reports.trends import trends_report

from .report_data import add_item, local, seed

# Nine whole weeks from Monday 2 March, and Monday 4 and Tuesday 5 May.
PERIOD = ReportFilter(dt.date(2026, 3, 2), dt.date(2026, 5, 6))
NOW = local(2026, 6, 1, 9)
WEEKS = 9


def _located(category: str, when: dt.datetime, ward: str) -> list:
    return [("locate", when + dt.timedelta(minutes=30), "op_anna")] if ward else []


@pytest.fixture(scope="module")
def engine(database_factory, template) -> Iterator[Engine]:
    own = create_db_engine(database_factory(template=template))
    seed(own)
    with own.begin() as c:

        def add(category: str, ward: str | None, day: dt.datetime, count: int) -> None:
            for n in range(count):
                when = day + dt.timedelta(minutes=7 * n)
                add_item(c, category, when, _located(category, when, ward), ward=ward)

        for week in range(WEEKS):
            tuesday = local(2026, 3, 3, 10) + dt.timedelta(weeks=week)
            add("BURST_PIPE", "7", tuesday, week + 1)  # rising: 1, 2, ... 9 a week
            add("POTHOLE", "8", tuesday, 3)  # steady: 3 a week
            add("BILL_QUERY", None, tuesday, WEEKS - week)  # falling: 9, 8, ... 1
        add("BURST_PIPE", "7", local(2026, 5, 4, 10), 1)  # the partial last week
        add("BURST_PIPE", "7", local(2026, 5, 6, 10), 4)  # after the period
        # The previous period (27 December to 1 March): Ward 8 was busier, Ward 7 quieter.
        add("POTHOLE", "8", local(2026, 1, 13, 10), 30)
        add("BURST_PIPE", "7", local(2026, 2, 24, 10), 10)
    yield own
    own.dispose()


def _report(engine: Engine, report_filter: ReportFilter = PERIOD):
    with engine.connect() as connection:
        return trends_report(connection, report_filter, now=NOW)


def _directions(report) -> dict[tuple[str, str], tuple]:
    return {(row[1], row[3]): row for row in report.table("directions").rows}


def test_directions_of_the_weekly_series(engine) -> None:
    directions = _directions(_report(engine))
    assert directions[("BURST_PIPE", "week")][4] == WEEKS  # the partial week is left out
    assert directions[("BURST_PIPE", "week")][-1] == "rising"
    assert directions[("POTHOLE", "week")][-1] == "steady"
    assert directions[("BILL_QUERY", "week")][-1] == "falling"
    assert directions[("complaint", "week")][-1] == "rising"  # burst pipes and potholes
    assert directions[("query", "week")][-1] == "falling"
    # Sen's slope: one more burst pipe a week, in items per day.
    assert directions[("BURST_PIPE", "week")][6] == round(1 / 7, 3)
    # Months: March lacks its first day, May is barely begun: only April is whole.
    assert directions[("BURST_PIPE", "month")][4] == 1
    assert directions[("BURST_PIPE", "month")][-1] == "too few complete bins"


def test_weekly_counts_match_independent_sql(engine) -> None:
    table = _report(engine).table("weekly_by_category")
    columns = table.columns
    with engine.connect() as connection:
        independent = {
            (row.week, row.code): row.items
            for row in connection.execute(
                text(
                    """
                    SELECT date_trunc('week', c.logged_at AT TIME ZONE 'Africa/Johannesburg')
                               ::date AS week, cat.code, count(*) AS items
                      FROM imis.correspondence AS c
                      JOIN imis.category AS cat ON cat.id = c.category_id
                     WHERE c.logged_at >= :start AND c.logged_at < :end
                     GROUP BY 1, 2
                    """
                ),
                {"start": local(2026, 3, 2), "end": local(2026, 5, 6)},
            )
        }
    seen = {}
    for row in table.rows:
        for name, value in zip(columns[5:], row[5:]):
            if value:
                seen[(row[1], name)] = value
    assert seen == independent
    last = table.rows[-1]
    assert last[1:5] == (dt.date(2026, 5, 4), 2, 7, False)  # 2 of its 7 days, not complete
    assert len(table.rows) == WEEKS + 1


def test_charts_show_complete_bins_only(engine) -> None:
    charts = {c.key: c for c in _report(engine).charts}
    weekly = charts["weekly_by_classification"]
    assert len(weekly.labels) == WEEKS and weekly.labels[0] == "2026-03-02"
    complaint = dict((s.name, s.values) for s in weekly.series)["complaint"]
    assert complaint == tuple(float(week + 1 + 3) for week in range(WEEKS))
    assert charts["monthly_by_category"].labels == ("2026-04",)


def test_wards_against_the_previous_period(engine) -> None:
    report = _report(engine)
    assert report.area_kind == "ward"
    areas = {a.name: a for a in report.areas}
    assert (areas["Ward 7"].current, areas["Ward 7"].previous) == (46, 10)
    assert (areas["Ward 8"].current, areas["Ward 8"].previous) == (27, 30)
    assert areas["Ward 8"].change_percent == -10.0
    wards = report.table("wards")
    assert [row[0] for row in wards.rows] == ["7", "8"]  # largest increase first
    assert wards.rows[0][2:] == (46, 10, 36, 360.0)
    assert "45 items of this period were never located" in wards.note


def test_filters_and_unknown_codes(engine) -> None:
    ward8 = _report(engine, ReportFilter(PERIOD.start, PERIOD.end, ward_codes=("8",)))
    directions = _directions(ward8)
    assert ("BURST_PIPE", "week") not in directions
    assert directions[("POTHOLE", "week")][-1] == "steady"
    with pytest.raises(ValidationError, match="unknown ward code '9'"):
        _report(engine, ReportFilter(PERIOD.start, PERIOD.end, ward_codes=("9",)))
