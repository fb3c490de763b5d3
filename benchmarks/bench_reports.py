"""Issue 7 benchmark: each report as a PDF (with its XLSX) on the city register.

For each report (the hotspots with their default 250 m cells), a month and a whole year of
the register (1,000,000 items in the year): the time of reports.runner.run_report (figures,
map, charts, tables, PDF and XLSX written) against the bare baseline of the same run, one
GROUP BY status count of the period's items, the least a report could ask of the database.
Target: 15 s per PDF.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

from imis_customer_plugin.core.reports import ReportFilter
from imis_customer_plugin.reports.request import KINDS, ReportRequest, Targets
from imis_customer_plugin.reports.runner import run_report
from imis_customer_plugin.services.reports.filters import local_midnight

from .common import Result, timed_seconds

TARGET = "<= 15 s per PDF"

_BARE = text(
    "SELECT status, count(*) FROM imis.correspondence "
    "WHERE logged_at >= :start AND logged_at < :end GROUP BY status"
)


def periods(engine: Engine) -> dict[str, ReportFilter]:
    """The last whole month before the register's newest item, and the year up to it."""
    with engine.connect() as connection:
        newest = connection.execute(text("SELECT max(logged_at) FROM imis.correspondence")).scalar()
    first = newest.date().replace(day=1)
    month_start = (first - dt.timedelta(days=1)).replace(day=1)
    return {
        "month": ReportFilter(month_start, first),
        "year": ReportFilter(first.replace(year=first.year - 1), first),
    }


def bench_pdfs(engine: Engine) -> list[Result]:
    results = []
    with tempfile.TemporaryDirectory(prefix="imis-bench-reports-") as folder:
        for span, report_filter in periods(engine).items():
            bare = timed_seconds(lambda f=report_filter: _bare_count(engine, f))
            for kind in KINDS:  # hotspots: 250 m cells, PDF+GPKG
                targets = Targets.in_folder(Path(folder), kind, report_filter, ("pdf", "xlsx"))
                request = ReportRequest(kind, report_filter, targets)
                seconds = timed_seconds(lambda r=request: run_report(engine, r))
                results.append(
                    Result(
                        f"{kind} report PDF+XLSX, {span}",
                        round(seconds, 2),
                        "s",
                        round(bare, 3),
                        TARGET,
                    )
                )
    return results


def _bare_count(engine: Engine, report_filter: ReportFilter) -> None:
    with engine.connect() as connection:
        connection.execute(
            _BARE,
            {
                "start": local_midnight(report_filter.start),
                "end": local_midnight(report_filter.end),
            },
        ).all()
