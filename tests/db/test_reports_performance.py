"""The performance report on real PostGIS: operators, departments and artisans over known
items of March 2026 (tests/db/report_data.py), checked against what they were built to be
and against independent SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from imis_customer_plugin.core.errors import ValidationError
from imis_customer_plugin.core.reports import ReportFilter
from imis_customer_plugin.db.connection import create_db_engine
from imis_customer_plugin.services.reports.performance import performance_report

from .report_data import add_item, add_task, local, rate, seed

MARCH = ReportFilter(dt.date(2026, 3, 1), dt.date(2026, 4, 1))
NOW = local(2026, 6, 1, 9)


@pytest.fixture(scope="module")
def engine(database_factory, template) -> Iterator[Engine]:
    own = create_db_engine(database_factory(template=template))
    seed(own)
    with own.begin() as c:
        p1 = add_item(
            c,
            "BILL_QUERY",
            local(2026, 3, 2, 10),
            [  # first contact, in time
                ("close", local(2026, 3, 2, 10, 5), "op_anna")
            ],
            ward=None,
            due=local(2026, 3, 5),
        )
        rate(c, p1, 5)
        add_item(
            c,
            "BILL_QUERY",
            local(2026, 3, 2, 11),
            [  # closed the next day: late
                ("close", local(2026, 3, 3, 9), "op_anna")
            ],
            ward=None,
            due=local(2026, 3, 2, 12),
        )
        p3 = add_item(
            c,
            "BURST_PIPE",
            local(2026, 3, 3, 10),
            [  # same day, but with a task
                ("locate", local(2026, 3, 3, 12), "op_anna"),
                ("start", local(2026, 3, 3, 13), "op_anna"),
                ("resolve", local(2026, 3, 3, 16), "op_anna"),
                ("close", local(2026, 3, 4, 10), "op_anna"),
            ],
            due=local(2026, 3, 5),
        )
        add_task(
            c, p3, "art_carl", local(2026, 3, 3, 12), local(2026, 3, 3, 15), local(2026, 3, 3, 18)
        )
        p4 = add_item(
            c,
            "POTHOLE",
            local(2026, 3, 4, 9),
            [  # re-opened, late
                ("locate", local(2026, 3, 4, 13), "op_ben"),
                ("start", local(2026, 3, 4, 14), "art_dina"),
                ("resolve", local(2026, 3, 6, 9), "art_dina"),
                ("close", local(2026, 3, 7, 9), "op_ben"),
                ("reopen", local(2026, 3, 10, 9), "op_ben"),
                ("start", local(2026, 3, 11, 9), "art_dina"),
                ("resolve", local(2026, 3, 12, 9), "art_dina"),
                ("close", local(2026, 3, 13, 9), "op_ben"),
            ],
            logged_by="op_ben",
            due=local(2026, 3, 5),
        )
        rate(c, p4, 2)
        add_task(c, p4, "art_dina", local(2026, 3, 4, 14), local(2026, 3, 8, 14), local(2026, 3, 6))
        p5 = add_item(
            c,
            "BURST_PIPE",
            local(2026, 3, 5, 9),
            [  # still being worked on
                ("locate", local(2026, 3, 5, 15), "op_ben"),
                ("start", local(2026, 3, 6, 9), "art_carl"),
            ],
            logged_by="op_ben",
            due=local(2026, 3, 10),
        )
        add_task(c, p5, "art_carl", local(2026, 3, 5, 16), None, local(2026, 3, 7))
        add_item(
            c,
            "COMPLIMENT",
            local(2026, 3, 6, 9),
            [  # acknowledged on the call
                ("acknowledge", local(2026, 3, 6, 10), "op_ben")
            ],
            ward=None,
            logged_by="op_ben",
        )
        add_item(
            c,
            "BILL_QUERY",
            local(2026, 3, 7, 10),
            [  # re-forwarded, then answered
                ("locate", local(2026, 3, 7, 11), "op_ben"),
                ("reforward", local(2026, 3, 7, 11, 30), "op_ben"),
                ("close", local(2026, 3, 7, 12), "op_ben"),
            ],
            logged_by="op_ben",
            department="WATER",
        )
        # Backlog: Roads' item of February still open counts, April's does not.
        add_item(
            c,
            "POTHOLE",
            local(2026, 2, 20, 9),
            [
                ("locate", local(2026, 2, 20, 10), "op_ben"),
                ("start", local(2026, 2, 21, 9), "art_dina"),
            ],
            logged_by="op_ben",
        )
        add_item(c, "POTHOLE", local(2026, 4, 5, 9), logged_by="op_ben", ward=None)
    yield own
    own.dispose()


def _report(engine: Engine, report_filter: ReportFilter = MARCH):
    with engine.connect() as connection:
        return performance_report(connection, report_filter, now=NOW)


def _rows(table) -> dict:
    return {row[0]: row[1:] for row in table.rows}


def test_operators(engine) -> None:
    operators = _rows(_report(engine).table("operators"))
    # name, logged, located, median hours to locate, FCR, FCR %, resolved once, re-opened,
    # re-open %, ratings, mean satisfaction
    assert operators["op_anna"] == ("Anna Operator", 3, 1, 2.0, 1, 33.3, 3, 0, 0.0, 1, 5.0)
    assert operators["op_ben"] == ("Ben Operator", 4, 3, 4.0, 1, 25.0, 3, 1, 33.3, 1, 2.0)
    assert operators["All operators"][1:] == (7, 4, 3.0, 2, 28.6, 6, 1, 16.7, 2, 3.5)


FIRST_CONTACT = """
    WITH first_done AS (
        SELECT DISTINCT ON (e.correspondence_id) e.correspondence_id, e.actor, e.occurred_at
          FROM imis.correspondence_event AS e
         WHERE e.event_type IN ('resolve', 'close', 'acknowledge')
         ORDER BY e.correspondence_id, e.occurred_at
    )
    SELECT c.logged_by, count(*) AS logged,
           count(*) FILTER (
               WHERE f.actor = c.logged_by
                 AND (f.occurred_at AT TIME ZONE 'Africa/Johannesburg')::date
                     = (c.logged_at AT TIME ZONE 'Africa/Johannesburg')::date
                 AND NOT EXISTS (SELECT FROM imis.task AS t WHERE t.correspondence_id = c.id)
                 AND NOT EXISTS (SELECT FROM imis.correspondence_event AS e
                                  WHERE e.correspondence_id = c.id
                                    AND e.event_type IN ('reopen', 'reforward'))
           ) AS first_contact,
           count(*) FILTER (WHERE EXISTS (
               SELECT FROM imis.correspondence_event AS e
                WHERE e.correspondence_id = c.id AND e.event_type = 'reopen')) AS reopened,
           count(f.correspondence_id) AS resolved_once
      FROM imis.correspondence AS c
      LEFT JOIN first_done AS f ON f.correspondence_id = c.id
     WHERE c.logged_at >= :start AND c.logged_at < :end
     GROUP BY c.logged_by
"""


def test_operator_rates_match_independent_sql(engine) -> None:
    operators = _rows(_report(engine).table("operators"))
    with engine.connect() as connection:
        rows = connection.execute(
            text(FIRST_CONTACT), {"start": local(2026, 3, 1), "end": local(2026, 4, 1)}
        ).all()
    for row in rows:
        mine = operators[row.logged_by]
        assert mine[1] == row.logged
        assert mine[4:6] == (row.first_contact, round(100 * row.first_contact / row.logged, 1))
        assert mine[6:9] == (row.resolved_once, row.reopened,
                             round(100 * row.reopened / row.resolved_once, 1))  # fmt: skip


def test_departments(engine) -> None:
    departments = _rows(_report(engine).table("departments"))
    # name, logged, resolved with a target, in time, SLA %, closed, median hours to close,
    # backlog, ratings, mean satisfaction
    assert departments["REVENUE"][1:] == (2, 2, 1, 50.0, 2, 11.0, 0, 1, 5.0)
    assert departments["WATER"][1:] == (4, 1, 1, 100.0, 3, 2.0, 1, 0, None)
    assert departments["ROADS"][1:] == (1, 1, 0, 0.0, 1, 216.0, 1, 1, 2.0)
    with engine.connect() as connection:
        independent = {
            row.code: row
            for row in connection.execute(
                text(
                    """
                    SELECT d.code,
                           100.0 * count(*) FILTER (
                               WHERE coalesce(c.resolved_at, c.closed_at) <= c.resolution_due_at)
                             / nullif(count(*) FILTER (
                               WHERE coalesce(c.resolved_at, c.closed_at) IS NOT NULL
                                 AND c.resolution_due_at IS NOT NULL), 0) AS compliance,
                           percentile_cont(0.5) WITHIN GROUP (
                               ORDER BY extract(epoch FROM c.closed_at - c.logged_at) / 3600)
                               AS close_hours
                      FROM imis.correspondence AS c
                      JOIN imis.department AS d ON d.id = c.department_id
                     WHERE c.logged_at >= :start AND c.logged_at < :end
                     GROUP BY d.code
                    """
                ),
                {"start": local(2026, 3, 1), "end": local(2026, 4, 1)},
            )
        }
    for code, row in independent.items():
        assert departments[code][4] == round(float(row.compliance), 1)
        assert departments[code][6] == round(float(row.close_hours), 1)


def test_artisans(engine) -> None:
    artisans = _rows(_report(engine).table("artisans"))
    assert artisans["art_carl"] == ("Carl Plumber", "WATER", 2, 1, 1, 100.0, 3.0, 1)
    assert artisans["art_dina"] == ("Dina Paver", "ROADS", 1, 1, 0, 0.0, 96.0, 0)


def test_filters_narrow_and_unknown_codes_are_refused(engine) -> None:
    roads = _report(engine, ReportFilter(MARCH.start, MARCH.end, ("ROADS",)))
    assert set(_rows(roads.table("operators"))) == {"op_ben", "All operators"}
    assert list(_rows(roads.table("departments"))) == ["ROADS", "All departments"]
    assert list(_rows(roads.table("artisans"))) == ["art_dina"]
    with pytest.raises(ValidationError, match="'PARKS'"):
        _report(engine, ReportFilter(MARCH.start, MARCH.end, ("PARKS",)))


def test_charts(engine) -> None:
    charts = {c.key: c for c in _report(engine).charts}
    assert charts["operators_logged"].labels == ("op_ben", "op_anna")
    assert charts["department_sla"].series[0].values == (50.0, 0.0, 100.0)  # REVENUE ROADS WATER
