"""Cost responsibility on real PostGIS: costs from completed job cards, allocations with mSCOA
segments, approval by finance (a real imis_finance login), export batches to real folders.

Each test has its own copy of the seeded register (exports take every approved line). Job
cards are inserted as rows: only the columns migration 0006 defines are used.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import exc, text
from sqlalchemy.engine import Engine

from imis_customer_plugin import cli
from imis_customer_plugin.core.correspondence import NewCorrespondence
from imis_customer_plugin.core.costs import (
    EXPORT_COLUMNS,
    Allocation,
    AllocationStatus,
    FinanceRoleError,
    Party,
    Segments,
)
from imis_customer_plugin.core.errors import ConflictError, ValidationError
from imis_customer_plugin.db.connection import ConnectionSettings, create_db_engine
from imis_customer_plugin.services import costs, locate, register

from .conftest import ORIGIN_X, ORIGIN_Y, login_settings

SAST = dt.timezone(dt.timedelta(hours=2))
# labour 3 h x 250.00 + material 2 m x 180.25 + equipment 1.5 h x 99.99 (149.985 -> 149.99)
COMPLETED_LINES = (
    ("labour", "Plumber", "3", "hour", "250.00"),
    ("material", "Pipe 110 mm", "2", "m", "180.25"),
    ("equipment", "TLB", "1.5", "hour", "99.99"),
)
TOTAL = Decimal("1260.49")


@pytest.fixture()
def engine(staffed_register: ConnectionSettings) -> Iterator[Engine]:
    own = create_db_engine(staffed_register)
    with own.begin() as connection:
        connection.execute(
            text(
                "UPDATE imis.department SET mscoa_function = v.function, mscoa_costing = v.costing "
                "FROM (VALUES ('WATER', 'FW.01', 'C100'), ('ROADS', 'FR.02', 'C200')) "
                "AS v (code, function, costing) WHERE v.code = department.code;"
                "UPDATE imis.ward SET mscoa_region = 'R07' WHERE code = '7'"
            )
        )
    yield own
    own.dispose()


@pytest.fixture()
def finance(finance_login, staffed_register) -> Iterator[Engine]:
    own = create_db_engine(login_settings(finance_login, staffed_register))
    yield own
    own.dispose()


@pytest.fixture()
def desk(desk_login, staffed_register) -> Iterator[Engine]:
    own = create_db_engine(login_settings(desk_login, staffed_register))
    yield own
    own.dispose()


def _item_with_costs(engine: Engine, lines=COMPLETED_LINES, *, open_card: bool = True) -> int:
    """A located burst pipe with a completed job card (and an open one, not counted)."""
    with engine.begin() as connection:
        state = register.log_correspondence(
            connection,
            NewCorrespondence("BURST_PIPE", "telephone", "Burst main", account_number="400123456"),
        )
        locate.locate_at_point(
            connection, state.id, state.row_version, ORIGIN_X + 50, ORIGIN_Y + 50, 32734
        )
        _add_job_card(connection, state.id, lines)
        if open_card:
            not_done = [("labour", "Not done yet", "1", "hour", "500")]
            _add_job_card(connection, state.id, not_done, completed=False)
    return state.id


def _add_job_card(connection, item: int, lines, *, completed: bool = True) -> None:
    task_id = connection.execute(
        text(
            """
            INSERT INTO imis.task (correspondence_id, department_id, kind, priority, step)
            SELECT c.id, c.department_id, 'repair', c.priority,
                   coalesce((SELECT max(step) FROM imis.task WHERE correspondence_id = c.id), 0) + 1
              FROM imis.correspondence AS c WHERE c.id = :id
            RETURNING id
            """
        ),
        {"id": item},
    ).scalar_one()
    card_id = connection.execute(
        text(
            """
            INSERT INTO imis.job_card (task_id, status, arrived_at, completed_at,
                                       work_performed, signed_off_by, signed_off_at)
            VALUES (:task, 'open', now() - interval '3 hours',
                    CASE WHEN :completed THEN now() END,
                    CASE WHEN :completed THEN 'Replaced 2 m of main' ELSE '' END,
                    CASE WHEN :completed THEN 'sup' END, CASE WHEN :completed THEN now() END)
            RETURNING id
            """
        ),
        {"task": task_id, "completed": completed},
    ).scalar_one()
    for kind, description, quantity, unit, unit_cost in lines:
        connection.execute(
            text(
                "INSERT INTO imis.job_card_line (job_card_id, line_kind, description, quantity, "
                "unit, unit_cost) VALUES (:card, :kind, :description, :quantity, :unit, :cost)"
            ),
            {
                "card": card_id,
                "kind": kind,
                "description": description,
                "quantity": Decimal(quantity),
                "unit": unit,
                "cost": Decimal(unit_cost),
            },
        )
    if completed:  # lines first: a completed card's lines cannot change
        connection.execute(
            text("UPDATE imis.job_card SET status = 'completed' WHERE id = :id"), {"id": card_id}
        )


SPLIT = (
    Allocation(Party.DEPARTMENT, Decimal("1000.00"), department="ROADS"),
    Allocation(
        Party.CUSTOMER,
        Decimal("260.49"),
        account="400123456",
        segments=Segments(item="IR001.002", fund="FD1"),
    ),
)


def _allocate(engine: Engine, item: int, allocations=SPLIT) -> list[costs.StoredAllocation]:
    with engine.begin() as connection:
        return costs.allocate(connection, item, allocations)


def _approve(engine: Engine, item: int) -> list[costs.StoredAllocation]:
    with engine.begin() as connection:
        return costs.approve(connection, item)


def _events(engine: Engine, item: int, event_type: str) -> list:
    with engine.connect() as connection:
        return connection.execute(
            text(
                "SELECT actor, reason, detail FROM imis.correspondence_event "
                "WHERE correspondence_id = :id AND event_type = :type ORDER BY id"
            ),
            {"id": item, "type": event_type},
        ).all()


def _statuses(engine: Engine) -> list[tuple[str, int | None]]:
    with engine.connect() as connection:
        return [
            tuple(row)
            for row in connection.execute(
                text("SELECT status, export_batch_id FROM imis.cost_allocation ORDER BY id")
            )
        ]


def _approved_item(engine: Engine, finance: Engine) -> int:
    item = _item_with_costs(engine)
    _allocate(engine, item)
    _approve(finance, item)
    return item


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames) == EXPORT_COLUMNS
        return list(reader)


def test_costs_are_summed_by_kind_from_completed_job_cards(engine) -> None:
    item = _item_with_costs(engine)
    with engine.connect() as connection:
        summary = costs.costs_of(connection, item)
    assert summary.by_kind == {
        "labour": Decimal("750.00"),
        "material": Decimal("360.50"),
        "equipment": Decimal("149.99"),
        "contractor": Decimal("0.00"),
    }
    assert summary.total == TOTAL
    assert (summary.completed_job_cards, summary.open_job_cards) == (1, 1)
    assert all(isinstance(amount, Decimal) for amount in summary.by_kind.values())


def test_a_split_that_adds_up_is_stored_with_the_region_of_the_ward(
    engine, desk, desk_login
) -> None:
    item = _item_with_costs(engine)
    stored = _allocate(desk, item)  # the desk's own imis_operator login may allocate
    assert [(a.party, a.amount, a.status) for a in stored] == [
        (Party.DEPARTMENT, Decimal("1000.00"), AllocationStatus.PROPOSED),
        (Party.CUSTOMER, Decimal("260.49"), AllocationStatus.PROPOSED),
    ]
    roads, customer = stored
    assert roads.department_code == "ROADS"
    assert roads.segments == Segments(function="FR.02", costing="C200", region="R07")
    assert customer.account_number == "400123456"  # function, costing: the item's department
    assert customer.segments == Segments(
        function="FW.01", item="IR001.002", fund="FD1", costing="C100", region="R07"
    )
    [event] = _events(engine, item, "allocate")
    assert event.actor == desk_login["user"]
    assert event.detail["total"] == "1260.49"
    assert [a["amount"] for a in event.detail["allocations"]] == ["1000.00", "260.49"]

    # Allocating again replaces the proposal; without a region of its own the ward's code is it
    with engine.begin() as connection:
        connection.execute(text("UPDATE imis.ward SET mscoa_region = ''"))
    again = _allocate(engine, item, [Allocation(Party.DEPARTMENT, TOTAL, department="WATER")])
    assert [(a.department_code, a.segments.region) for a in again] == [("WATER", "7")]
    assert len(_statuses(engine)) == 1
    assert _events(engine, item, "allocate")[-1].detail["replaced"] == 2


def test_a_region_other_than_the_wards_is_refused(engine) -> None:
    item = _item_with_costs(engine)
    wrong = [
        Allocation(Party.DEPARTMENT, TOTAL, department="WATER", segments=Segments(region="R9"))
    ]
    with pytest.raises(ValidationError, match="ward 7: R07, not R9"):
        _allocate(engine, item, wrong)


def test_an_allocation_that_does_not_add_up_is_refused_and_nothing_is_stored(engine) -> None:
    item = _item_with_costs(engine)
    short = [
        Allocation(Party.DEPARTMENT, Decimal("1000.00"), department="WATER"),
        Allocation(Party.THIRD_PARTY, Decimal("200.00"), party_name="Santam Insurance"),
    ]
    with pytest.raises(ValidationError) as refused:
        _allocate(engine, item, short)
    assert str(refused.value) == (
        "allocations: the allocations add up to R 1 200.00 but the costs are R 1 260.49: "
        "R 60.49 is not allocated"
    )
    assert _statuses(engine) == []
    assert _events(engine, item, "allocate") == []
    with pytest.raises(ValidationError, match="no department with the code NOPE"):
        _allocate(engine, item, [Allocation(Party.DEPARTMENT, TOTAL, department="nope")])


def test_only_finance_approves(engine, desk, finance, finance_login, desk_login) -> None:
    item = _item_with_costs(engine)
    _allocate(engine, item)
    with pytest.raises(FinanceRoleError) as refused:
        _approve(desk, item)
    assert desk_login["user"] in str(refused.value) and "imis_finance" in str(refused.value)
    assert {status for status, _ in _statuses(engine)} == {"proposed"}

    approved = _approve(finance, item)
    assert {a.status for a in approved} == {AllocationStatus.APPROVED}
    assert {a.approved_by for a in approved} == {finance_login["user"]}
    assert all(a.approved_at is not None for a in approved)
    [event] = _events(engine, item, "approve_costs")
    assert event.actor == finance_login["user"]
    assert event.detail == {"allocation_ids": [a.id for a in approved], "total": "1260.49"}

    with pytest.raises(ValidationError, match=r"#\d+ R 1 000.00 to department ROADS \(approved by"):
        _allocate(engine, item)  # approved allocations are not replaced
    with pytest.raises(ValidationError, match="nothing to approve"):
        _approve(finance, item)


def test_approval_checks_the_costs_again_and_what_the_approver_saw(engine, finance) -> None:
    item = _item_with_costs(engine)
    proposed = _allocate(engine, item)
    seen = {a.id: a.row_version for a in proposed}
    _allocate(engine, item)  # someone allocates again meanwhile: new rows
    with pytest.raises(ConflictError, match="reload it"), finance.begin() as connection:
        costs.approve(connection, item, expected=seen)

    with engine.begin() as connection:
        _add_job_card(connection, item, [("contractor", "Road reinstatement", "1", "each", "900")])
    with pytest.raises(ValidationError) as refused:
        _approve(finance, item)
    assert "add up to R 1 260.49 but the costs are R 2 160.49" in str(refused.value)
    assert "allocate them again" in str(refused.value)


def test_export_writes_the_documented_csv_and_marks_the_lines(engine, finance, tmp_path) -> None:
    first = _approved_item(engine, finance)
    second = _item_with_costs(engine, [("contractor", "Warranty repair", "1", "each", "99.5")])
    _allocate(
        engine, second, [Allocation(Party.CONTRACTOR, Decimal("99.50"), party_name="Aqua Fix")]
    )
    _approve(finance, second)
    not_yet = _item_with_costs(engine)
    _allocate(engine, not_yet)  # proposed only: stays behind

    run = costs.run_export(finance, tmp_path)  # as the finance officer's own login
    result = run.result
    assert result is not None and run.recovered == []
    day = result.created_at.astimezone(SAST).date()
    assert result.path == tmp_path / f"imis-finance-{day:%Y%m%d}-001.csv"
    assert (result.line_count, result.total, result.items) == (3, Decimal("1359.99"), 2)
    assert sorted(os.listdir(tmp_path)) == [result.file_name]  # no unpublished file left

    rows = _read_csv(result.path)
    detail, trailer = rows[:-1], rows[-1]
    with engine.connect() as connection:
        ids = (
            connection.execute(
                text("SELECT id FROM imis.cost_allocation WHERE status = 'exported' ORDER BY id")
            )
            .scalars()
            .all()
        )
        reference = connection.execute(
            text("SELECT reference FROM imis.correspondence WHERE id = :id"), {"id": first}
        ).scalar_one()
    assert [int(row["allocation_id"]) for row in detail] == ids
    assert {row["record_type"] for row in detail} == {"D"}
    assert [row["line_number"] for row in detail] == ["1", "2", "3"]
    expected = {
        "reference": reference,
        "category_code": "BURST_PIPE",
        "party": "department",
        "department_code": "ROADS",
        "amount": "1000.00",
        "currency": "ZAR",
        "mscoa_function": "FR.02",
        "mscoa_costing": "C200",
        "mscoa_region": "R07",
    }
    assert {name: detail[0][name] for name in expected} == expected
    assert detail[1]["account_number"] == "400123456" and detail[1]["mscoa_item"] == "IR001.002"
    assert (detail[2]["party"], detail[2]["party_name"]) == ("contractor", "Aqua Fix")
    assert dt.datetime.fromisoformat(detail[0]["approved_at"]).utcoffset() == dt.timedelta(hours=2)
    assert (trailer["record_type"], trailer["batch_id"]) == ("T", str(result.batch_id))
    assert (trailer["line_number"], trailer["amount"]) == ("3", "1359.99")
    assert sum(Decimal(row["amount"]) for row in detail) == Decimal(trailer["amount"])

    assert _statuses(engine) == [("exported", result.batch_id)] * 3 + [("proposed", None)] * 2
    with engine.connect() as connection:
        batch = connection.execute(text("SELECT * FROM imis.finance_export_batch")).one()
    assert (batch.file_name, batch.line_count, batch.total) == (
        result.file_name,
        3,
        Decimal("1359.99"),
    )
    [event] = _events(engine, first, "export_costs")
    assert event.detail["batch_id"] == result.batch_id and event.detail["total"] == "1260.49"
    assert len(_events(engine, second, "export_costs")) == 1


def test_a_rerun_exports_nothing_twice_and_writes_no_file(engine, finance, tmp_path) -> None:
    item = _approved_item(engine, finance)
    first = costs.run_export(finance, tmp_path).result
    assert first is not None
    files = sorted(os.listdir(tmp_path))

    rerun = costs.run_export(finance, tmp_path)
    assert rerun.result is None and rerun.recovered == []
    assert sorted(os.listdir(tmp_path)) == files

    with pytest.raises(ValidationError, match=rf"exported in batch {first.batch_id}, imis-fin"):
        _allocate(engine, item)  # exported allocations are not replaced

    later = _approved_item(engine, finance)
    second = costs.run_export(finance, tmp_path).result
    assert second is not None and second.file_name.endswith("-002.csv")
    [*detail, trailer] = _read_csv(second.path)
    exported_first = {row["allocation_id"] for row in _read_csv(first.path)[:-1]}
    assert exported_first.isdisjoint(row["allocation_id"] for row in detail)
    assert {row["reference"] for row in detail} != set() and trailer["line_number"] == "2"
    assert len(_events(engine, later, "export_costs")) == 1


def test_a_changed_exported_line_is_refused_by_the_database(
    engine, desk, finance, tmp_path
) -> None:
    _approved_item(engine, finance)
    batch_id = costs.run_export(finance, tmp_path).result.batch_id
    for statement in (
        "UPDATE imis.cost_allocation SET amount = amount + 1",
        "DELETE FROM imis.cost_allocation",
    ):
        with pytest.raises(exc.DBAPIError) as refused, desk.begin() as connection:
            connection.execute(text(statement))
        assert refused.value.orig.pgcode == "IMEXP"
        assert f"went to finance in export batch {batch_id}; it cannot change" in str(
            refused.value.orig
        )
    with pytest.raises(exc.DBAPIError) as refused, finance.begin() as connection:
        connection.execute(text("UPDATE imis.cost_allocation SET status = 'approved'"))
    assert refused.value.orig.pgcode == "IMEXP"  # not even finance, not to export it again
    assert {status for status, _ in _statuses(engine)} == {"exported"}


def _unwritable_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    probe = folder / "probe"
    try:
        probe.touch()
    except OSError:
        return folder
    probe.unlink()  # root ignores the mode bits: take a folder nobody may create files in
    for candidate in (Path("/sys"), Path("/proc")):
        try:
            (candidate / "imis-probe").touch()
        except OSError:
            return candidate
    raise AssertionError("expected /sys or /proc to refuse new files (Linux only)")


def test_an_export_whose_file_cannot_be_written_marks_nothing(engine, finance, tmp_path) -> None:
    item = _approved_item(engine, finance)
    with pytest.raises(costs.ExportFileError) as refused:
        costs.run_export(finance, _unwritable_folder(tmp_path))
    assert "Nothing was exported" in str(refused.value)
    assert {status for status, _ in _statuses(engine)} == {"approved"}
    assert _events(engine, item, "export_costs") == []
    with engine.connect() as connection:
        assert (
            connection.execute(text("SELECT count(*) FROM imis.finance_export_batch")).scalar() == 0
        )

    good = tmp_path / "good"
    good.mkdir()
    result = costs.run_export(finance, good).result  # the same lines, once, when it can
    assert result is not None and result.file_name.endswith("-001.csv") and result.line_count == 2

    with pytest.raises(ValidationError, match="is not a folder"):
        costs.run_export(finance, tmp_path / "missing")


def test_only_finance_exports(engine, desk, finance, desk_login, tmp_path) -> None:
    _approved_item(engine, finance)
    with pytest.raises(FinanceRoleError, match=desk_login["user"]):
        costs.run_export(desk, tmp_path)
    assert list(tmp_path.iterdir()) == []
    assert {status for status, _ in _statuses(engine)} == {"approved"}


def test_an_interrupted_export_is_published_or_cleared_by_the_next_run(
    engine, finance, tmp_path
) -> None:
    _approved_item(engine, finance)
    with finance.begin() as connection:  # committed, then the process died before publishing
        committed = costs.export_batch(connection, tmp_path)
    assert not committed.path.exists() and committed.unpublished_path.exists()

    _approved_item(engine, finance)
    connection = finance.connect()
    transaction = connection.begin()
    rolled_back = costs.export_batch(connection, tmp_path)
    transaction.rollback()  # died before the commit: its hidden file stays, nothing is marked
    connection.close()
    assert (
        rolled_back.unpublished_path.exists()
        and rolled_back.file_name == committed.file_name.replace("-001", "-002")
    )

    run = costs.run_export(finance, tmp_path)
    assert run.recovered == [committed.path]
    assert len(_read_csv(committed.path)) == 3  # the committed batch, as it was written
    assert run.result is not None and run.result.line_count == 2  # the rolled-back lines, now
    assert sorted(os.listdir(tmp_path)) == sorted([committed.file_name, run.result.file_name])
    assert {row["allocation_id"] for row in _read_csv(committed.path)[:-1]}.isdisjoint(
        row["allocation_id"] for row in _read_csv(run.result.path)[:-1]
    )


def test_cli_finance_export_end_to_end(
    engine, finance, finance_login, staffed_register, tmp_path, capsys
) -> None:
    _approved_item(engine, finance)
    proposed = _item_with_costs(engine)
    _allocate(engine, proposed)
    dsn = login_settings(finance_login, staffed_register).dsn()

    assert cli.main(["--dsn", dsn, "finance", "pending"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "Approved, awaiting export: 1 item, R 1 260.49" in out
    assert "Awaiting approval: 1 item, R 1 260.49" in out

    assert cli.main(["--dsn", dsn, "finance", "export", "--to", str(tmp_path)]) == cli.EXIT_OK
    out = capsys.readouterr().out
    [written] = list(tmp_path.iterdir())
    assert "2 lines of 1 item, R 1 260.49" in out and str(written) in out
    content = written.read_bytes()
    assert content.startswith(b"record_type,batch_id,") and content.endswith(b"\r\n")

    assert cli.main(["--dsn", dsn, "finance", "export", "--to", str(tmp_path)]) == cli.EXIT_OK
    assert "Nothing to export" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == [written]

    # finance lost the file before loading it: the same batch, written again from the database
    written.rename(tmp_path / "lost")
    batch = ["--dsn", dsn, "finance", "export", "--to", str(tmp_path), "--batch"]
    with engine.connect() as connection:
        batch_id = str(
            connection.execute(text("SELECT id FROM imis.finance_export_batch")).scalar()
        )
    assert cli.main([*batch, batch_id]) == cli.EXIT_OK
    assert "written again" in capsys.readouterr().out
    assert written.read_bytes() == content
    assert cli.main([*batch, batch_id]) == cli.EXIT_FAILURE  # it exists: never over a file
    assert "exists" in capsys.readouterr().err

    assert cli.main(["--dsn", dsn, "finance", "export", "--to", str(tmp_path / "no")]) == 1
    assert "is not a folder" in capsys.readouterr().err
