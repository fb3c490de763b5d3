"""The dock's search: filters, keyset pages, one item with its history and related items."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from imis_customer_plugin.core.correspondence import NewCorrespondence
from imis_customer_plugin.core.workflow import Action, ActionInput
from imis_customer_plugin.services import locate, register, search

from .conftest import ORIGIN_X, ORIGIN_Y


def _logged(engine, category="POTHOLE", **fields) -> register.CorrespondenceState:
    with engine.begin() as connection:
        state = register.log_correspondence(
            connection,
            NewCorrespondence(category, "telephone", "Search test", **fields),
        )
        return locate.locate_at_point(
            connection, state.id, state.row_version, ORIGIN_X + 150, ORIGIN_Y + 150, 32734
        ).state


def test_search_by_reference_account_erf_and_name(register_engine) -> None:
    item = _logged(register_engine, account_number="400123456")
    with register_engine.connect() as connection:
        by_reference = search.search_correspondence(
            connection, search.SearchFilter(text=item.reference.lower())
        )
        by_account = search.search_correspondence(connection, search.SearchFilter(text="400123456"))
        by_name = search.search_correspondence(connection, search.SearchFilter(text="mokoena"))
        by_erf = search.search_correspondence(connection, search.SearchFilter(text="1004"))
    assert [r.id for r in by_reference.rows] == [item.id]
    for page in (by_account, by_name, by_erf):
        assert item.id in [r.id for r in page.rows]
    assert by_account.rows[0].customer == "Thandiwe Mokoena"


def test_filters_combine(register_engine) -> None:
    item = _logged(register_engine, category="BURST_PIPE")
    with register_engine.begin() as connection:
        register.apply_action(connection, item.id, item.row_version, Action.START, ActionInput())
    wanted = search.SearchFilter(
        statuses=("in_progress",),
        category_code="BURST_PIPE",
        department_code="WATER",
        logged_from=dt.date.today(),
        logged_to=dt.date.today(),
        mine_only=True,
    )
    with register_engine.connect() as connection:
        rows = search.search_correspondence(connection, wanted).rows
        none = search.search_correspondence(
            connection, search.SearchFilter(statuses=("in_progress",), department_code="ROADS")
        ).rows
    assert item.id in [r.id for r in rows]
    assert all(r.status == "in_progress" and r.department.startswith("Water") for r in rows)
    assert item.id not in [r.id for r in none]


def test_pages_walk_the_whole_register_once(register_engine) -> None:
    for _ in range(7):
        _logged(register_engine)
    with register_engine.connect() as connection:
        total = connection.execute(text("SELECT count(*) FROM imis.correspondence")).scalar()
        seen: list[int] = []
        after = None
        while True:
            page = search.search_correspondence(connection, search.SearchFilter(), after, limit=3)
            seen += [r.id for r in page.rows]
            if page.next_after is None:
                break
            after = page.next_after
    assert len(seen) == len(set(seen)) == total


def test_detail_has_timeline_and_one_voice(register_engine) -> None:
    first = _logged(register_engine, account_number="400123456")
    second = _logged(register_engine, account_number="400123456")
    with register_engine.connect() as connection:
        detail = search.correspondence_detail(connection, second.id)
    assert detail.fields["reference"] == second.reference
    assert detail.fields["erf_number"] == "1004"
    assert detail.fields["address"] == "14 Main Road, Mowbray"
    assert [e.event_type for e in detail.events][:2] == ["logged", "locate"]
    assert first.id in [r.id for r in detail.same_customer]
    assert first.id in [r.id for r in detail.same_parcel]
