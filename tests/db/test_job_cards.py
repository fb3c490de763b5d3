"""Job cards and the asset register on real PostGIS: lines and totals, attachments with their
hash, completion (on the device and from paper), the asset's condition history, the task
done once its cards are, bad input refused with nothing written, and the failure-target rule
that raises the priority of new calls on a failing asset or asset group."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import threading
from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import Engine

from imis_customer_plugin.core.correspondence import NewCorrespondence
from imis_customer_plugin.core.errors import ConflictError, NotFoundError, ValidationError
from imis_customer_plugin.core.job_cards import CompletedCard, CostLine, labour_line
from imis_customer_plugin.db.connection import create_db_engine
from imis_customer_plugin.services import assets, job_cards, locate, register, tasks

from .conftest import ORIGIN_X, ORIGIN_Y, PARCELS

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
PDF = b"%PDF-1.4\n% a scanned job card\n%%EOF\n"


@pytest.fixture()
def engine(staffed_register) -> Engine:
    engine = create_db_engine(staffed_register)
    with engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE imis.staff SET is_artisan = true, hourly_rate = 385.50 "
                "WHERE role_name = 'sup'"
            )
        )
    yield engine
    engine.dispose()


def _item(
    engine: Engine, erf: str | None = "1001", category: str = "BURST_PIPE"
) -> register.CorrespondenceState:
    """A logged item, located at the centre of `erf` (None: not located)."""
    request = NewCorrespondence(category_code=category, channel="telephone", description="Leak")
    with engine.begin() as connection:
        state = register.log_correspondence(connection, request)
        if erf is None:
            return state
        dx, dy = PARCELS[erf]
        return locate.place_at_point(
            connection, state, ORIGIN_X + dx + 50, ORIGIN_Y + dy + 50, 32734
        ).state


def _task(engine: Engine, item_id: int, status: str = "open") -> int:
    """The item's first task (locating creates its tasks), assigned to the artisan 'sup';
    an item not located gets one here."""
    with engine.begin() as connection:
        task_id = connection.execute(
            text("SELECT id FROM imis.task WHERE correspondence_id = :id ORDER BY step LIMIT 1"),
            {"id": item_id},
        ).scalar()
        if task_id is None:
            task_id = connection.execute(
                text(
                    "INSERT INTO imis.task (correspondence_id, department_id, kind, priority) "
                    "SELECT id, department_id, 'repair', priority FROM imis.correspondence "
                    "WHERE id = :id RETURNING id"
                ),
                {"id": item_id},
            ).scalar_one()
        connection.execute(
            text(
                """
                UPDATE imis.task SET status = :status,
                       assigned_staff_id = (SELECT id FROM imis.staff WHERE role_name = 'sup'),
                       completed_at = CASE WHEN :status = 'done' THEN now() END
                 WHERE id = :id
                """
            ),
            {"id": task_id, "status": status},
        )
        return task_id


def _asset(engine: Engine, number: str, dx: float = 50, group: str = "", **fields):
    new = assets.NewAsset(
        asset_number=number,
        asset_type="water_main",
        geometry_wkt=f"LINESTRING({ORIGIN_X + dx} {ORIGIN_Y}, {ORIGIN_X + dx} {ORIGIN_Y + 100})",
        srid=32734,
        asset_group=group,
        department_code="WATER",
        install_date=dt.date(1987, 3, 1),
        **fields,
    )
    with engine.begin() as connection:
        return assets.create_asset(connection, new)


def _open_card(engine: Engine, task_id: int) -> job_cards.JobCard:
    with engine.begin() as connection:
        return job_cards.open_job_card(connection, task_id)


def _events(engine: Engine, item_id: int) -> list:
    with engine.connect() as connection:
        return connection.execute(
            text(
                "SELECT event_type, reason, detail FROM imis.correspondence_event "
                "WHERE correspondence_id = :id ORDER BY id"
            ),
            {"id": item_id},
        ).all()


def _scalar(engine: Engine, sql: str, **params):
    with engine.connect() as connection:
        return connection.execute(text(sql), params).scalar()


def _report(**changes) -> CompletedCard:
    now = dt.datetime.now(dt.timezone.utc)
    given = {
        "arrived_at": now - dt.timedelta(hours=3),
        "completed_at": now - dt.timedelta(hours=1),
        "work_performed": "Replaced 2 m of 110 mm main; pressure tested at 6 bar",
        "signed_off_by": "Sam Supervisor",
    }
    return CompletedCard(**{**given, **changes})


@pytest.fixture()
def card(engine) -> job_cards.JobCard:
    item = _item(engine)
    return _open_card(engine, _task(engine, item.id))


def test_open_card_numbers_it_and_notes_it_on_the_item(engine, card) -> None:
    assert re.fullmatch(r"JC\d{4}-\d{6}", card.card_number)
    assert (card.status, card.row_version, card.artisan) == ("open", 1, "Sam Supervisor")
    assert card.totals.total == Decimal("0.00")
    event = _events(engine, card.correspondence_id)[-1]
    assert event.event_type == "job_card"
    assert card.card_number in event.reason
    assert event.detail["action"] == "opened"


def test_lines_add_up_and_move_the_version(engine, card) -> None:
    with engine.begin() as connection:
        card = job_cards.add_line(
            connection, card.id, 1, labour_line("2.5", "385.50", "Sam Supervisor")
        )
        card = job_cards.add_line(
            connection, card.id, 2, CostLine("material", "110 mm coupling", 2, "each", "89.99")
        )
        card = job_cards.add_line(
            connection, card.id, 3, CostLine("equipment", "TLB hire", "1.5", "h", "650")
        )
        card = job_cards.add_line(
            connection, card.id, 4, CostLine("contractor", "Reinstatement", 1, "job", "1200")
        )
    assert card.row_version == 5
    assert [line.amount for line in card.lines] == [
        Decimal("963.75"),
        Decimal("179.98"),
        Decimal("975.00"),
        Decimal("1200.00"),
    ]
    assert card.totals.by_kind["material"] == Decimal("179.98")
    assert card.totals.total == Decimal("3318.73")
    with engine.begin() as connection:
        card = job_cards.remove_line(connection, card.id, 5, card.lines[1].id)
    assert card.totals.total == Decimal("3138.75")
    with engine.begin() as connection, pytest.raises(NotFoundError, match="has no line"):
        job_cards.remove_line(connection, card.id, 6, 999_999)


def test_negative_quantity_is_refused_and_nothing_written(engine, card) -> None:
    audit_before = _scalar(engine, "SELECT count(*) FROM imis.audit_log")
    with engine.begin() as connection, pytest.raises(ValidationError) as refused:
        job_cards.add_line(
            connection, card.id, 1, CostLine("material", "Clamp", "-2", "each", "45")
        )
    assert [p.field for p in refused.value.problems] == ["quantity"]
    assert "must be more than 0 (got -2)" in str(refused.value)
    with engine.connect() as connection:
        assert job_cards.job_card(connection, card.id).lines == ()
        assert job_cards.job_card(connection, card.id).row_version == 1
    assert _scalar(engine, "SELECT count(*) FROM imis.audit_log") == audit_before


def test_a_stale_version_is_a_conflict(engine, card) -> None:
    with engine.begin() as connection:
        job_cards.add_line(connection, card.id, 1, labour_line(1, 300, "Sam Supervisor"))
    with engine.begin() as connection, pytest.raises(ConflictError) as conflict:
        job_cards.add_line(connection, card.id, 1, CostLine("material", "Tape", 1, "roll", 20))
    assert card.card_number in str(conflict.value)
    assert "reload it" in str(conflict.value)
    with engine.connect() as connection:
        assert len(job_cards.job_card(connection, card.id).lines) == 1


def test_completion_before_arrival_is_refused_and_nothing_written(engine, card) -> None:
    now = dt.datetime.now(dt.timezone.utc)
    report = _report(
        arrived_at=now - dt.timedelta(hours=1), completed_at=now - dt.timedelta(hours=2)
    )
    with engine.begin() as connection, pytest.raises(ValidationError) as refused:
        job_cards.complete_job_card(connection, card.id, 1, report)
    assert "before arrival" in str(refused.value)
    with engine.connect() as connection:
        again = job_cards.job_card(connection, card.id)
    assert (again.status, again.completed_at, again.row_version) == ("open", None, 1)


def test_complete_card_records_the_asset_condition_and_finishes_the_task(engine) -> None:
    item = _item(engine)
    task_id = _task(engine, item.id)
    first, second = _open_card(engine, task_id), _open_card(engine, task_id)
    main = _asset(engine, "WM-0001", condition=3)
    with engine.begin() as connection:
        first = job_cards.set_asset(connection, first.id, 1, main.id)
        first = job_cards.add_line(connection, first.id, 2, labour_line(2, "385.50", "Sam"))
    assert (first.asset_number, first.row_version) == ("WM-0001", 3)
    # Completed an hour ago, before the asset was registered (with its condition 3): a
    # registration's condition is a baseline that a job card's observation replaces.
    report = _report(condition_before=4, condition_after=2)
    with engine.begin() as connection:
        first = job_cards.complete_job_card(connection, first.id, 3, report)
    assert first.status == "completed"
    assert first.signed_off_at == first.completed_at
    with engine.connect() as connection:
        history = assets.asset_history(connection, main.id)
        asset = assets.get_asset(connection, main.id)
    assert [(h.condition, h.card_number) for h in history] == [
        (3, None),
        (2, first.card_number),
    ]
    assert history[-1].observed_at == report.completed_at
    assert asset.condition == 2
    events = _events(engine, item.id)
    completed = [e for e in events if e.event_type == "job_card"][-1]
    assert completed.detail["card_number"] == first.card_number
    assert completed.detail["totals"]["labour"] == "771.00"
    assert completed.detail["totals"]["total"] == "771.00"
    condition = [e for e in events if e.event_type == "asset_condition"][-1]
    assert "4 (poor) before, 2 (good) after" in condition.reason
    # The other card of the task is still open: the task is not done yet.
    assert _scalar(engine, "SELECT status FROM imis.task WHERE id = :id", id=task_id) == "open"
    with engine.begin() as connection:
        job_cards.complete_job_card(connection, second.id, 1, _report())
    task = _scalar(
        engine,
        "SELECT status || ' ' || (completed_at = (SELECT max(completed_at) FROM imis.job_card "
        "WHERE task_id = :id)) FROM imis.task WHERE id = :id",
        id=task_id,
    )
    assert task == "done true"
    assert [e.event_type for e in _events(engine, item.id)][-1] == "task"
    # Completing a card leaves the item's status to the workflow.
    assert _scalar(engine, "SELECT status FROM imis.correspondence WHERE id = :id", id=item.id) == (
        "assigned"
    )


def test_a_completed_card_cannot_be_completed_again_nor_changed(engine, card) -> None:
    with engine.begin() as connection:
        card = job_cards.complete_job_card(connection, card.id, 1, _report())
    with engine.begin() as connection, pytest.raises(ValidationError, match="completed already"):
        job_cards.complete_job_card(connection, card.id, card.row_version, _report())
    with engine.begin() as connection, pytest.raises(ValidationError, match="cannot change"):
        job_cards.add_line(connection, card.id, card.row_version, labour_line(1, 1, "X"))


def test_paper_capture_is_marked_and_a_late_card_does_not_overwrite_a_newer_condition(
    engine,
) -> None:
    main = _asset(engine, "WM-0002")
    now = dt.datetime.now(dt.timezone.utc)
    cards = []
    for erf in ("1001", "1004"):
        item = _item(engine, erf)
        card = _open_card(engine, _task(engine, item.id))
        with engine.begin() as connection:
            cards.append(job_cards.set_asset(connection, card.id, 1, main.id))
    with engine.begin() as connection:
        job_cards.complete_job_card(
            connection, cards[0].id, 2, _report(condition_after=1, completed_at=now)
        )
    with engine.begin() as connection:
        paper = job_cards.complete_job_card(
            connection,
            cards[1].id,
            2,
            _report(
                arrived_at=now - dt.timedelta(days=3, hours=2),
                completed_at=now - dt.timedelta(days=3),
                condition_after=4,
            ),
            captured_from_paper=True,
        )
    assert paper.captured_from_paper
    with engine.connect() as connection:
        history = assets.asset_history(connection, main.id)
        assert [h.condition for h in history] == [1, 4]  # in the order they were recorded
        assert history[1].observed_at < history[0].observed_at
        assert assets.get_asset(connection, main.id).condition == 1


@pytest.mark.parametrize("task_status", ["done", "cancelled"])
def test_no_job_card_on_a_finished_task(engine, task_status) -> None:
    item = _item(engine)
    task_id = _task(engine, item.id, status=task_status)
    with engine.begin() as connection, pytest.raises(ValidationError) as refused:
        job_cards.open_job_card(connection, task_id)
    assert f"is {task_status}" in str(refused.value)
    assert _scalar(engine, "SELECT count(*) FROM imis.job_card") == 0


def test_no_job_card_when_the_item_is_closed(engine, card) -> None:
    with engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE imis.correspondence SET status = 'closed', closed_at = now() WHERE id = :id"
            ),
            {"id": card.correspondence_id},
        )
    with engine.begin() as connection, pytest.raises(ValidationError, match="is closed"):
        job_cards.open_job_card(connection, card.task_id)
    with engine.begin() as connection, pytest.raises(ValidationError, match="is closed"):
        job_cards.complete_job_card(connection, card.id, 1, _report())
    assert _scalar(engine, "SELECT count(*) FROM imis.job_card") == 1


def test_unknown_task_and_card(engine) -> None:
    with engine.begin() as connection:
        with pytest.raises(NotFoundError, match="no task"):
            job_cards.open_job_card(connection, 987_654)
        with pytest.raises(NotFoundError, match="no job card"):
            job_cards.job_card(connection, 987_654)


def test_attachments_are_kept_with_their_hash_and_a_duplicate_is_refused(engine, card) -> None:
    with engine.begin() as connection:
        photo = job_cards.attach(connection, card.id, r"C:\Users\sipho\DCIM\before.png", PNG)
        scan = job_cards.attach(connection, card.id, "card.pdf", PDF)
    assert (photo.file_name, photo.media_type, photo.size_bytes) == (
        "before.png",
        "image/png",
        1032,
    )
    assert photo.sha256 == hashlib.sha256(PNG).hexdigest()
    assert scan.media_type == "application/pdf"
    with engine.begin() as connection, pytest.raises(ValidationError) as refused:
        job_cards.attach(connection, card.id, "same-photo-again.png", PNG)
    assert "already, as 'before.png'" in str(refused.value)
    with engine.connect() as connection:
        info, content = job_cards.attachment_content(connection, photo.id)
        shown = job_cards.job_card(connection, card.id)
    assert content == PNG and info == photo
    assert [a.file_name for a in shown.attachments] == ["before.png", "card.pdf"]


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("photo.jpg", b"MZ\x90\x00 not a photo", "should be a JPEG photo"),
        ("run.exe", b"MZ\x90\x00", "cannot be attached"),
        ("empty.png", b"", "is empty"),
        ("   ", PNG, "needs a name"),
        ("big.png", b"\x89PNG\r\n\x1a\n" + bytes(20 * 1024 * 1024), "at most 20 MB"),
    ],
)
def test_bad_attachments_are_refused(engine, card, name, data, words) -> None:
    with engine.begin() as connection, pytest.raises(ValidationError, match=words):
        job_cards.attach(connection, card.id, name, data)
    assert _scalar(engine, "SELECT count(*) FROM imis.attachment") == 0


def test_notes_and_text_attach_by_name_and_photos_by_content(engine, card) -> None:
    with engine.begin() as connection:
        note = job_cards.attach(connection, card.id, "meter-readings.csv", b"meter,reading\n1,2\n")
        misnamed = job_cards.attach(connection, card.id, "photo.jpg", PNG)
    assert (note.media_type, misnamed.media_type) == ("text/csv", "image/png")


def test_an_items_cards_are_read_at_once_as_each_task_reads_them(engine) -> None:
    item = _item(engine)
    repair = _task(engine, item.id)
    with engine.begin() as connection:
        read = tasks.task(connection, repair)
        (reinstate,) = tasks.split(connection, repair, read.row_version, ["repair"], "Road dug up")
    first = _open_card(engine, repair)
    on_reinstate = _open_card(engine, reinstate.id)
    second = _open_card(engine, repair)  # after a card of the other task
    _open_card(engine, _task(engine, _item(engine, "1002").id))  # another item's: not read
    with engine.begin() as connection:
        labour = labour_line("2", "385.50", "Sam Supervisor")
        card = job_cards.add_line(connection, first.id, first.row_version, labour)
        coupling = CostLine("material", "110 mm coupling", 2, "each", "89.99")
        job_cards.add_line(connection, card.id, card.row_version, coupling)
        asphalt = CostLine("material", "Cold asphalt", 3, "bag", "120")
        job_cards.add_line(connection, on_reinstate.id, on_reinstate.row_version, asphalt)
        job_cards.attach(connection, first.id, "before.png", PNG)
    statements: list[str] = []

    def count(_connection, _cursor, statement, *_rest) -> None:
        statements.append(statement)

    with engine.connect() as connection:
        event.listen(engine, "before_cursor_execute", count)
        try:
            at_once = job_cards.cards_of_correspondence(connection, item.id)
        finally:
            event.remove(engine, "before_cursor_execute", count)
        by_task = {t: job_cards.cards_of_task(connection, t) for t in (repair, reinstate.id)}
    assert at_once == by_task
    assert [c.id for c in at_once[repair]] == [first.id, second.id]
    assert [len(c.lines) for c in at_once[repair]] == [2, 0]
    assert [a.file_name for a in at_once[repair][0].attachments] == ["before.png"]
    assert at_once[reinstate.id][0].totals.total == Decimal("360.00")
    assert len(statements) == 3  # cards, lines, attachments: not a round of them per card


def test_asset_pick_and_validation(engine) -> None:
    main = _asset(engine, "WM-0003", dx=120)
    with engine.connect() as connection:
        near = assets.asset_at(connection, ORIGIN_X + 130, ORIGIN_Y + 50, 32734)
        far = assets.asset_at(connection, ORIGIN_X + 190, ORIGIN_Y + 50, 32734)
        narrow = assets.asset_at(connection, ORIGIN_X + 130, ORIGIN_Y + 50, 32734, 5)
    assert near.asset == main and near.distance_m == pytest.approx(10.0)
    assert far is None and narrow is None
    with engine.begin() as connection:
        with pytest.raises(ValidationError, match="exists already"):
            assets.create_asset(
                connection, assets.NewAsset("WM-0003", "water_main", "POINT(0 0)", 32734)
            )
        with pytest.raises(ValidationError) as refused:
            assets.create_asset(
                connection, assets.NewAsset("WM 4", "Water Main", "POINT(0 0)", 32734, condition=9)
            )
        assert {p.field for p in refused.value.problems} == {
            "asset_number",
            "asset_type",
            "condition",
        }
        with pytest.raises(ValidationError, match="not a geometry"):
            assets.create_asset(connection, assets.NewAsset("WM-0004", "valve", "POINT(1 2", 32734))
        with pytest.raises(ValidationError, match="not valid"):
            assets.create_asset(
                connection,
                assets.NewAsset(
                    "WM-0004", "valve", "POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))", 32734
                ),
            )
        # The transaction is still usable after refused geometry.
        assert (
            assets.create_asset(
                connection, assets.NewAsset("WM-0004", "valve", "POINT(18.5 -33.9)", 4326)
            ).asset_number
            == "WM-0004"
        )


def _link(engine: Engine, item: register.CorrespondenceState, asset_id: int) -> assets.AssetLink:
    with engine.begin() as connection:
        return assets.link_asset(connection, item.id, item.row_version, asset_id)


def _priority_and_version(engine: Engine, item_id: int) -> tuple[int, int]:
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT priority, row_version FROM imis.correspondence WHERE id = :id"),
            {"id": item_id},
        ).one()
    return tuple(row)


def test_failure_target_raises_the_priority_of_a_new_call(engine) -> None:
    main = _asset(engine, "WM-0100", failure_target=2, failure_window_days=90)
    old = _item(engine, None)
    with engine.begin() as connection:  # outside the window: does not count
        connection.execute(
            text(
                "UPDATE imis.correspondence SET logged_at = now() - interval '120 days' "
                "WHERE id = :id"
            ),
            {"id": old.id},
        )
    old = _link(engine, replace(old, row_version=old.row_version + 1), main.id)
    assert old.failures == 1 and old.raised_from is None  # it counts itself only
    first = _link(engine, _item(engine, "1001"), main.id)
    repeat = _link(engine, _item(engine, "1001"), main.id)  # same place and category: a repeat
    second = _link(engine, _item(engine, "1002"), main.id)
    assert (first.failures, repeat.failures, second.failures) == (1, 1, 2)
    assert second.raised_from is None and second.priority == 2
    third = _link(engine, _item(engine, "1003"), main.id)
    assert (third.failures, third.raised_from, third.priority) == (3, 2, 1)
    assert _priority_and_version(engine, third.state.id) == (1, third.state.row_version)
    note = _events(engine, third.state.id)[-1]
    assert note.event_type == "note"
    assert note.detail["rule"] == "asset_failure_target"
    assert (note.detail["failures"], note.detail["failure_target"]) == (3, 2)
    assert "Priority raised from 2 to 1" in note.reason
    assert "3 calls on asset WM-0100 within 90 days exceed the failure target of 2" in note.reason
    # Linking again changes nothing and raises nothing a second time.
    again = _link(engine, third.state, main.id)
    assert (again.state.row_version, again.raised_from) == (third.state.row_version, None)
    fourth = _link(engine, _item(engine, "1004", "POTHOLE"), main.id)  # priority 3 by default
    assert (fourth.failures, fourth.raised_from, fourth.priority) == (4, 3, 2)


def test_failure_target_counts_the_assets_of_a_group(engine) -> None:
    a = _asset(engine, "WM-0200", dx=10, group="Mowbray reticulation 1987", failure_target=1)
    b = _asset(engine, "WM-0201", dx=20, group="Mowbray reticulation 1987", failure_target=1)
    alone = _asset(engine, "WM-0202", dx=30, failure_target=1)
    first = _link(engine, _item(engine, None), a.id)
    assert (first.failures, first.raised_from) == (1, None)
    on_alone = _link(engine, _item(engine, None, "POTHOLE"), alone.id)  # other group: own count
    assert (on_alone.failures, on_alone.raised_from) == (1, None)
    item = _item(engine, None)
    task_id = _task(engine, item.id)
    second = _link(engine, item, b.id)
    assert (second.failures, second.raised_from, second.priority) == (2, 2, 1)
    note = _events(engine, second.state.id)[-1]
    assert "the assets of group 'Mowbray reticulation 1987'" in note.reason
    assert _priority_and_version(engine, second.state.id) == (1, second.state.row_version)
    # The item's task follows its priority (migration 0006: sync_tasks).
    assert _scalar(engine, "SELECT priority FROM imis.task WHERE id = :id", id=task_id) == 1


def test_compliments_do_not_count_and_a_stale_link_is_a_conflict(engine) -> None:
    main = _asset(engine, "WM-0300", failure_target=1)
    thanks = _link(engine, _item(engine, None, "COMPLIMENT"), main.id)
    assert thanks.failures == 0
    item = _item(engine, None)
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE imis.correspondence SET description = 'Leak, worse' WHERE id = :id"),
            {"id": item.id},
        )
    with engine.begin() as connection, pytest.raises(ConflictError):
        assets.link_asset(connection, item.id, item.row_version, main.id)
    assert _scalar(
        engine, "SELECT asset_id FROM imis.correspondence WHERE id = :id", id=item.id
    ) is (None)


def test_setting_the_card_asset_links_an_unlinked_item(engine, card) -> None:
    main = _asset(engine, "WM-0400")
    with engine.begin() as connection:
        card = job_cards.set_asset(connection, card.id, 1, main.id)
    linked = "SELECT asset_id FROM imis.correspondence WHERE id = :id"
    assert _scalar(engine, linked, id=card.correspondence_id) == main.id
    assert _events(engine, card.correspondence_id)[-1].detail == {
        "asset_id": main.id,
        "asset_number": "WM-0400",
    }


def test_a_retired_asset_is_not_set_on_a_card(engine, card) -> None:
    main = _asset(engine, "WM-0500")
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE imis.asset SET retired_on = current_date WHERE id = :id"), {"id": main.id}
        )
    with pytest.raises(ValidationError, match="was retired on"), engine.begin() as connection:
        job_cards.set_asset(connection, card.id, 1, main.id)
    assert _scalar(engine, "SELECT asset_id FROM imis.job_card WHERE id = :id", id=card.id) is None


def test_two_cards_of_a_task_completed_at_once_leave_the_task_done(engine) -> None:
    item = _item(engine)
    task_id = _task(engine, item.id)
    first, second = _open_card(engine, task_id), _open_card(engine, task_id)
    finished = threading.Event()
    failures: list[BaseException] = []

    def complete_second() -> None:
        try:
            with engine.begin() as connection:
                job_cards.complete_job_card(connection, second.id, 1, _report())
        except BaseException as error:  # reported by the main thread
            failures.append(error)
        finally:
            finished.set()

    with engine.begin() as connection:
        job_cards.complete_job_card(connection, first.id, 1, _report())
        worker = threading.Thread(target=complete_second)
        worker.start()
        # The second waits for the task while the first is not committed yet.
        assert not finished.wait(1.0)
    worker.join(timeout=30)
    assert failures == []
    status = _scalar(engine, "SELECT status FROM imis.task WHERE id = :id", id=task_id)
    assert status == "done"
