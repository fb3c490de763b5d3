"""The progress report on real PostGIS: known items (tests/db/report_data.py) in March 2026,
their status at the end of the period from their history, the previous period, filters.

Every figure is checked twice: against what the items were built to be, and against an
independent SQL query that reads the history its own way (DISTINCT ON, no shortcuts).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from imis_customer_plugin.core.errors import ValidationError
from imis_customer_plugin.core.reports import ReportFilter
from imis_customer_plugin.db.connection import create_db_engine
from imis_customer_plugin.services.reports.progress import progress_report

from .report_data import add_item, local, seed

MARCH = ReportFilter(dt.date(2026, 3, 1), dt.date(2026, 4, 1))
NOW = local(2026, 6, 1, 9)


@pytest.fixture(scope="module")
def engine(database_factory, template) -> Iterator[Engine]:
    own = create_db_engine(database_factory(template=template))
    seed(own)
    with own.begin() as c:
        # This period (March): 8 items.
        add_item(
            c,
            "BURST_PIPE",
            local(2026, 3, 2, 10),
            [  # A: closed
                ("locate", local(2026, 3, 2, 11), "op_anna"),
                ("start", local(2026, 3, 3, 9), "art_carl"),
                ("resolve", local(2026, 3, 5, 12), "art_carl"),
                ("close", local(2026, 3, 6, 9), "op_anna"),
            ],
            due=local(2026, 3, 4, 12),
        )
        add_item(
            c,
            "POTHOLE",
            local(2026, 3, 10, 9),
            [  # B: open and overdue at the end
                ("locate", local(2026, 3, 10, 10), "op_ben"),
                ("start", local(2026, 3, 11, 8), "art_dina"),
                ("resolve", local(2026, 4, 10, 8), "art_dina"),
                ("close", local(2026, 4, 11, 8), "op_ben"),
            ],
            ward="8",
            logged_by="op_ben",
            due=local(2026, 3, 20),
        )
        add_item(
            c,
            "BILL_QUERY",
            local(2026, 3, 15, 10),
            [  # C: answered on the call
                ("close", local(2026, 3, 15, 10, 10), "op_anna")
            ],
            ward=None,
        )
        add_item(
            c,
            "POTHOLE",
            local(2026, 3, 20, 8),
            [  # D: closed at the end, re-opened after
                ("locate", local(2026, 3, 20, 9), "op_ben"),
                ("start", local(2026, 3, 21, 8), "art_dina"),
                ("resolve", local(2026, 3, 25, 8), "art_dina"),
                ("close", local(2026, 3, 26, 8), "op_ben"),
                ("reopen", local(2026, 4, 5, 8), "op_ben"),
                ("start", local(2026, 4, 6, 8), "art_dina"),
                ("resolve", local(2026, 4, 8, 8), "art_dina"),
            ],
            logged_by="op_ben",
            due=local(2026, 3, 30),
        )
        add_item(c, "BURST_PIPE", local(2026, 3, 31, 23, 30), ward=None)  # E: last half hour
        add_item(
            c,
            "COMPLIMENT",
            local(2026, 3, 3, 9),
            [  # J
                ("acknowledge", local(2026, 3, 3, 10), "op_ben")
            ],
            ward=None,
            logged_by="op_ben",
        )
        add_item(
            c,
            "BURST_PIPE",
            local(2026, 3, 25, 10),
            [  # K: resolved, not closed
                ("locate", local(2026, 3, 25, 11), "op_ben"),
                ("start", local(2026, 3, 26, 8), "art_carl"),
                ("resolve", local(2026, 3, 28, 8), "art_carl"),
            ],
            ward="8",
            logged_by="op_ben",
            due=local(2026, 3, 27),
        )
        add_item(
            c,
            "METER_DISPUTE",
            local(2026, 3, 5, 10),
            [  # L: in progress, overdue
                ("locate", local(2026, 3, 5, 11), "op_anna"),
                ("start", local(2026, 3, 6, 8), "op_anna"),
            ],
            due=local(2026, 3, 15),
        )
        # Outside the period: April by local time (still 31 March in UTC), and January.
        add_item(c, "BURST_PIPE", local(2026, 4, 1, 0, 30), ward=None)
        add_item(c, "BURST_PIPE", local(2026, 1, 15, 10), ward=None)
        # The previous period (29 January to 28 February): 2 items.
        add_item(
            c,
            "BURST_PIPE",
            local(2026, 2, 28, 23, 30),
            [  # G: logged at its end
                ("locate", local(2026, 3, 1, 8), "op_anna"),
                ("start", local(2026, 3, 2, 8), "art_carl"),
                ("resolve", local(2026, 3, 3, 8), "art_carl"),
                ("close", local(2026, 3, 4, 8), "op_anna"),
            ],
        )
        add_item(
            c,
            "POTHOLE",
            local(2026, 2, 10, 10),
            [  # H: closed within its period
                ("locate", local(2026, 2, 10, 11), "op_ben"),
                ("start", local(2026, 2, 11, 8), "art_dina"),
                ("resolve", local(2026, 2, 12, 8), "art_dina"),
                ("close", local(2026, 2, 13, 8), "op_ben"),
            ],
            ward="8",
            logged_by="op_ben",
        )
    yield own
    own.dispose()


def _report(engine: Engine, report_filter: ReportFilter = MARCH):
    with engine.connect() as connection:
        return progress_report(connection, report_filter, now=NOW)


def _rows(table) -> dict:
    return {row[0]: row[1:] for row in table.rows}


# The status of every item at the end of each period, read straight from the history.
INDEPENDENT = """
    WITH periods (current, start_at, end_at) AS (
        VALUES (true, CAST(:start AS timestamptz), CAST(:end AS timestamptz)),
               (false, CAST(:previous AS timestamptz), CAST(:start AS timestamptz))
    ),
    last_change AS (
        SELECT DISTINCT ON (c.id) c.id, p.current, p.end_at, c.logged_at, c.resolution_due_at,
               e.to_status
          FROM imis.correspondence AS c
          JOIN periods AS p ON c.logged_at >= p.start_at AND c.logged_at < p.end_at
          JOIN imis.correspondence_event AS e
            ON e.correspondence_id = c.id AND e.to_status IS NOT NULL AND e.occurred_at < p.end_at
         ORDER BY c.id, e.occurred_at DESC, e.id DESC
    )
    SELECT current, to_status, count(*) AS items,
           count(*) FILTER (WHERE to_status NOT IN ('resolved', 'closed')
                            AND resolution_due_at < end_at) AS overdue
      FROM last_change GROUP BY current, to_status
"""


def _independent(engine: Engine) -> dict[tuple[bool, str], tuple[int, int]]:
    with engine.connect() as connection:
        rows = connection.execute(
            text(INDEPENDENT),
            {"start": local(2026, 3, 1), "end": local(2026, 4, 1), "previous": local(2026, 1, 29)},
        )
        return {(r.current, r.to_status): (r.items, r.overdue) for r in rows}


def test_summary_counts_each_item_as_it_stood_at_the_end_of_each_period(engine) -> None:
    summary = _rows(_report(engine).table("summary"))
    assert summary["Logged"] == (8, 2, 6, 300.0)
    assert summary["Open at the end"] == (3, 1, 2, 200.0)  # B, E, L; G (logged 28 Feb)
    assert summary["Resolved, awaiting closure"] == (1, 0, 1, None)  # K
    assert summary["Closed"] == (4, 1, 3, 300.0)  # A, C, D (re-opened after), J; H
    assert summary["Overdue at the end"] == (2, 0, 2, None)  # B, L
    assert summary["Share closed (%)"][:2] == (50.0, 50.0)

    independent = _independent(engine)
    for current, column in ((True, 0), (False, 1)):
        mine = {k[1]: v for k, v in independent.items() if k[0] is current}
        logged = sum(items for items, _ in mine.values())
        closed = mine.get("closed", (0, 0))[0]
        resolved = mine.get("resolved", (0, 0))[0]
        assert summary["Logged"][column] == logged
        assert summary["Closed"][column] == closed
        assert summary["Resolved, awaiting closure"][column] == resolved
        assert summary["Open at the end"][column] == logged - closed - resolved
        assert summary["Overdue at the end"][column] == sum(o for _, o in mine.values())


def test_status_table_matches_the_history(engine) -> None:
    report = _report(engine)
    by_status = _rows(report.table("by_status"))
    independent = _independent(engine)
    total = sum(v[0] for k, v in independent.items() if k[0])
    for (current, status), (items, _) in independent.items():
        if current:
            assert by_status[status][0] == items
            assert by_status[status][1] == round(100.0 * items / total, 1)
    assert by_status["in_progress"][:2] == (2, 25.0)  # B and L; D was closed on 1 April
    assert by_status["logged"][2] == 1  # G, in the previous period


def test_breakdowns_compare_with_the_previous_period(engine) -> None:
    report = _report(engine)
    columns = report.table("by_department").columns
    assert columns[2:] == ("Logged", "Open", "Resolved", "Closed", "Closed (%)", "Overdue",
                           "Previous period logged", "Change in logged (%)")  # fmt: skip
    departments = _rows(report.table("by_department"))
    # Water: A, E, J, K; Roads: B, D; Revenue: C, L.
    assert departments["WATER"][1:] == (4, 1, 1, 2, 50.0, 0, 1, 300.0)
    assert departments["ROADS"][1:] == (2, 1, 0, 1, 50.0, 1, 1, 100.0)
    assert departments["REVENUE"][1:] == (2, 1, 0, 1, 50.0, 1, 0, None)
    wards = _rows(report.table("by_ward"))
    assert wards["7"][1:4] == (3, 1, 0)  # A, D, L
    assert wards["8"][1:4] == (2, 1, 1)  # B, K
    assert wards[""][0] == "Not located" and wards[""][1] == 3  # C, E, J
    classes = _rows(report.table("by_classification"))
    assert {k: v[0] for k, v in classes.items()} == {
        "complaint": 5, "query": 1, "dispute": 1, "compliment": 1}  # fmt: skip
    with engine.connect() as connection:
        independent = dict(
            connection.execute(
                text(
                    "SELECT cat.code, count(*) FROM imis.correspondence AS c "
                    "JOIN imis.category AS cat ON cat.id = c.category_id "
                    "WHERE c.logged_at >= :start AND c.logged_at < :end GROUP BY cat.code"
                ),
                {"start": local(2026, 3, 1), "end": local(2026, 4, 1)},
            ).all()
        )
    assert {k: v[1] for k, v in _rows(report.table("by_category")).items()} == independent


def test_ageing_and_overdue_list(engine) -> None:
    report = _report(engine)
    ageing = _rows(report.table("ageing"))
    assert ageing["0-7 days"][:2] == (1, 33.3)  # E
    assert ageing["8-30 days"][:2] == (2, 66.7)  # B (21.6 days), L (26.6 days)
    assert ageing["over 90 days"][0] == 0
    overdue = report.table("overdue")
    assert [row[1] for row in overdue.rows] == ["METER_DISPUTE", "POTHOLE"]  # due first
    assert overdue.rows[0][4] == "in_progress"
    assert overdue.rows[0][7] == 17.0  # due 15 March 00:00, the period ended 1 April


def test_charts_compare_the_weeks_of_both_periods(engine) -> None:
    chart = {c.key: c for c in _report(engine).charts}["logged_per_week"]
    assert len(chart.labels) == 5  # 31 days: four weeks and a day
    this, previous = chart.series
    assert sum(this.values) == 8 and sum(previous.values) == 2
    assert this.values[4] == 1.0  # E, logged on the 31st


def test_filters_narrow_the_items(engine) -> None:
    roads_only = ReportFilter(MARCH.start, MARCH.end, ("ROADS",))
    roads = _rows(_report(engine, roads_only).table("summary"))
    assert roads["Logged"][:2] == (2, 1)
    ward = _rows(
        _report(engine, ReportFilter(MARCH.start, MARCH.end, ward_codes=("8",))).table("summary")
    )
    assert ward["Logged"][:2] == (2, 1) and ward["Resolved, awaiting closure"][0] == 1
    pothole = ReportFilter(MARCH.start, MARCH.end, category_codes=("POTHOLE", "BILL_QUERY"))
    assert _rows(_report(engine, pothole).table("summary"))["Logged"][:2] == (3, 1)


def test_unknown_codes_are_refused_by_name(engine) -> None:
    wrong = ReportFilter(MARCH.start, MARCH.end, ("ROADS", "RODAS"), ("PHOTOLE",), ("77",))
    with pytest.raises(ValidationError) as raised:
        _report(engine, wrong)
    message = str(raised.value)
    assert "'RODAS'" in message and "'PHOTOLE'" in message and "'77'" in message
    assert "'ROADS'" not in message


def test_header_names_the_database_without_secrets(engine) -> None:
    report = _report(engine)
    lines = report.header_lines()
    assert lines[0] == "Period: 2026-03-01 to 2026-03-31 (31 days)"
    assert lines[-1].startswith("Generated 2026-06-01 09:00 SAST from database imis_test_")
    assert "password" not in lines[-1]
