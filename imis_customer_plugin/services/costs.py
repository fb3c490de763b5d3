"""Cost responsibility (the "financial report" step): an item's costs from its completed job
cards, who pays them (allocations with mSCOA segments), approval by finance, and the export
batches that finance loads (docs/finance_export.md).

Every function but run_export takes an open Connection inside a transaction that the caller
owns. Work on one item's allocations is serialised by a transaction advisory lock on the item;
exports by one lock for all exports.

The export file and the transaction: export_batch writes the whole file, fsynced, under a
hidden name that carries the batch id (.imis-finance-20261122-001.csv.b42.part) before the
caller commits, so a file that cannot be written rolls the batch back and marks nothing. Only
after the commit does ExportResult.publish() rename it to imis-finance-20261122-001.csv, the
name finance picks up; a failed commit leaves no file claiming lines (discard() removes the
hidden one). If the process dies between the commit and the rename, the next export in that
folder finds the hidden file, sees that batch 42 committed and publishes it (a rolled-back
batch's leftover is deleted): exported lines reach finance exactly once. run_export does all
of this in order.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Optional

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine, Row

from ..core.costs import (
    LINE_KINDS,
    Allocation,
    AllocationStatus,
    ExportLine,
    FinanceRoleError,
    Party,
    Segments,
    adds_up_problem,
    check_adds_up,
    export_rows,
    format_rand,
    next_export_file_name,
    parse_unpublished_file_name,
    render_csv,
    unpublished_file_name,
    validate_allocations,
)
from ..core.errors import ConflictError, ImisError, NotFoundError, ValidationError
from ..definitions import DISPLAY_TIMEZONE, shown_time
from .register import add_event

logger = logging.getLogger(__name__)

ZERO = Decimal("0.00")


class ExportFileError(ImisError):
    """The export file could not be written; the caller's transaction must roll back."""


@dataclass(frozen=True)
class CostSummary:
    """An item's costs: the lines of its tasks' completed job cards, by kind (rand, ex VAT)."""

    correspondence_id: int
    reference: str
    by_kind: dict[str, Decimal]  # every kind of LINE_KINDS, 0.00 when there is none
    total: Decimal
    completed_job_cards: int
    open_job_cards: int  # not counted until they are completed


@dataclass(frozen=True)
class StoredAllocation:
    id: int
    correspondence_id: int
    party: Party
    amount: Decimal
    department_code: str
    account_number: str
    party_name: str
    segments: Segments
    status: AllocationStatus
    allocated_by: str
    allocated_at: dt.datetime
    approved_by: Optional[str]
    approved_at: Optional[dt.datetime]
    export_batch_id: Optional[int]
    export_file_name: Optional[str]
    row_version: int

    def describe(self) -> str:
        """'#12 R 150.00 to customer 400123456 (approved by fin on 2026-11-22 14:05 SAST)'."""
        who = self.department_code or self.account_number or self.party_name
        said = f"#{self.id} {format_rand(self.amount)} to {self.party.value} {who}"
        if self.status is AllocationStatus.APPROVED and self.approved_at:
            return f"{said} (approved by {self.approved_by} on {shown_time(self.approved_at)})"
        if self.status is AllocationStatus.EXPORTED:
            return f"{said} (exported in batch {self.export_batch_id}, {self.export_file_name})"
        return said


@dataclass(frozen=True)
class PendingItem:
    """An item's allocations awaiting approval (proposed) or export (approved)."""

    reference: str
    status: AllocationStatus
    lines: int
    total: Decimal


@dataclass
class ExportResult:
    """A batch written under its unpublished name; publish() after the commit."""

    batch_id: int
    file_name: str
    path: Path  # where publish() puts it
    line_count: int
    total: Decimal
    items: int  # correspondence items in the batch
    created_at: dt.datetime
    unpublished_path: Path
    published: bool = False

    def publish(self) -> Path:
        """Call after the commit: gives the file the name finance picks up."""
        if not self.published:
            _publish(self.unpublished_path, self.path, self.batch_id)
            self.published = True
        return self.path

    def discard(self) -> None:
        """Call when the transaction rolled back: removes the unpublished file."""
        if not self.published:
            _unlink(self.unpublished_path)

    def summary(self) -> str:
        return (
            f"Export batch {self.batch_id}: {_count(self.line_count, 'line')} of "
            f"{_count(self.items, 'item')}, "
            f"{format_rand(self.total)}, in {self.path}"
        )


@dataclass(frozen=True)
class ExportRun:
    """What run_export did: the new batch (None: nothing was approved and not yet exported),
    and batch files of earlier runs it published after they had been left unpublished."""

    result: Optional[ExportResult]
    recovered: list[Path] = field(default_factory=list)


# ----------------------------------------------------------------------------------------------
# Costs and allocations


def costs_of(connection: Connection, correspondence_id: int) -> CostSummary:
    """The item's costs: lines of the completed job cards of all its tasks (a cancelled task's
    completed card counts too: the work was done)."""
    item = connection.execute(
        text(
            """
            SELECT c.reference,
                   count(j.id) FILTER (WHERE j.status = 'completed') AS completed,
                   count(j.id) FILTER (WHERE j.status <> 'completed') AS open
              FROM imis.correspondence AS c
              LEFT JOIN imis.task AS t ON t.correspondence_id = c.id
              LEFT JOIN imis.job_card AS j ON j.task_id = t.id
             WHERE c.id = :id
             GROUP BY c.id
            """
        ),
        {"id": correspondence_id},
    ).one_or_none()
    if item is None:
        raise NotFoundError(f"There is no correspondence with id {correspondence_id}.")
    by_kind = dict.fromkeys(LINE_KINDS, ZERO)
    for kind, amount in connection.execute(
        text(
            """
            SELECT l.line_kind, sum(l.amount)
              FROM imis.task AS t
              JOIN imis.job_card AS j ON j.task_id = t.id AND j.status = 'completed'
              JOIN imis.job_card_line AS l ON l.job_card_id = j.id
             WHERE t.correspondence_id = :id
             GROUP BY l.line_kind
            """
        ),
        {"id": correspondence_id},
    ):
        by_kind[kind] = amount
    return CostSummary(
        correspondence_id,
        item.reference,
        by_kind,
        sum(by_kind.values(), ZERO),
        item.completed,
        item.open,
    )


def allocations_of(connection: Connection, correspondence_id: int) -> list[StoredAllocation]:
    """The item's allocations in the order they were made."""
    return [
        _stored(row)
        for row in connection.execute(
            text(_ALLOCATIONS + " WHERE a.correspondence_id = :id ORDER BY a.id"),
            {"id": correspondence_id},
        )
    ]


_ALLOCATIONS = """
    SELECT a.id, a.correspondence_id, a.party, a.amount, coalesce(d.code, '') AS department_code,
           coalesce(ac.account_number, '') AS account_number, a.party_name, a.mscoa_function,
           a.mscoa_item, a.mscoa_project, a.mscoa_fund, a.mscoa_costing, a.mscoa_region,
           a.status, a.allocated_by, a.allocated_at, a.approved_by, a.approved_at,
           a.export_batch_id, b.file_name AS export_file_name, a.row_version
      FROM imis.cost_allocation AS a
      LEFT JOIN imis.department AS d ON d.id = a.department_id
      LEFT JOIN imis.account AS ac ON ac.id = a.account_id
      LEFT JOIN imis.finance_export_batch AS b ON b.id = a.export_batch_id
"""


def _stored(row: Row) -> StoredAllocation:
    return StoredAllocation(
        id=row.id,
        correspondence_id=row.correspondence_id,
        party=Party(row.party),
        amount=row.amount,
        department_code=row.department_code,
        account_number=row.account_number,
        party_name=row.party_name,
        segments=Segments(
            row.mscoa_function,
            row.mscoa_item,
            row.mscoa_project,
            row.mscoa_fund,
            row.mscoa_costing,
            row.mscoa_region,
        ),
        status=AllocationStatus(row.status),
        allocated_by=row.allocated_by,
        allocated_at=row.allocated_at,
        approved_by=row.approved_by,
        approved_at=row.approved_at,
        export_batch_id=row.export_batch_id,
        export_file_name=row.export_file_name,
        row_version=row.row_version,
    )


def allocate(
    connection: Connection, correspondence_id: int, allocations: Sequence[Allocation]
) -> list[StoredAllocation]:
    """Replaces the item's proposed allocations with these, in one go.

    Refuses (ValidationError, nothing changed) allocations that do not add up to the item's
    costs to the cent, and any change once finance has approved or exported an allocation of
    the item. The region segment is the mSCOA region of the item's ward (else the ward's
    code); function and costing default to those of the paying department, or for the other
    parties of the item's department.
    """
    cleaned = validate_allocations(allocations)
    item = _item(connection, correspondence_id)
    _lock_item(connection, correspondence_id)
    current = _locked_allocations(connection, correspondence_id)
    frozen = [a for a in current if a.status is not AllocationStatus.PROPOSED]
    if frozen:
        raise ValidationError.single(
            "allocations",
            f"{item.reference} has allocations that finance approved or exported: "
            + "; ".join(a.describe() for a in frozen)
            + ". They cannot be replaced.",
        )
    costs = costs_of(connection, correspondence_id)
    check_adds_up(cleaned, costs.total)
    departments = _departments(connection, cleaned)
    accounts = _accounts(connection, cleaned)
    region = _region(item, cleaned)
    connection.execute(
        text(
            "DELETE FROM imis.cost_allocation WHERE correspondence_id = :id AND status = 'proposed'"
        ),
        {"id": correspondence_id},
    )
    for allocation in cleaned:
        department = departments.get(allocation.department) or item
        segments = allocation.segments.with_defaults(
            function=department.mscoa_function, costing=department.mscoa_costing, region=region
        )
        connection.execute(
            text(
                """
                INSERT INTO imis.cost_allocation (correspondence_id, party, department_id,
                    account_id, party_name, amount, mscoa_function, mscoa_item, mscoa_project,
                    mscoa_fund, mscoa_costing, mscoa_region)
                VALUES (:item, :party, :department_id, :account_id, :party_name, :amount,
                    :mscoa_function, :mscoa_item, :mscoa_project, :mscoa_fund, :mscoa_costing,
                    :mscoa_region)
                """
            ),
            {
                "item": correspondence_id,
                "party": allocation.party.value,
                "department_id": departments[allocation.department].id
                if allocation.party is Party.DEPARTMENT
                else None,
                "account_id": accounts[allocation.account]
                if allocation.party is Party.CUSTOMER
                else None,
                "party_name": allocation.party_name,
                "amount": Decimal(allocation.amount),
                **segments.as_dict(),
            },
        )
    stored = allocations_of(connection, correspondence_id)
    add_event(
        connection,
        correspondence_id,
        "allocate",
        None,
        None,
        reason=f"costs of {format_rand(costs.total)} allocated",
        detail=json.dumps(
            {
                "total": str(costs.total),
                "replaced": len(current),
                "allocations": [
                    {
                        "id": a.id,
                        "party": a.party.value,
                        "payer": a.department_code or a.account_number or a.party_name,
                        "amount": str(a.amount),
                        **a.segments.as_dict(),
                    }
                    for a in stored
                ],
            }
        ),
    )
    return stored


def approve(
    connection: Connection,
    correspondence_id: int,
    *,
    expected: Optional[Mapping[int, int]] = None,
) -> list[StoredAllocation]:
    """Finance approves the item's proposed allocations, all together.

    Only a member of imis_finance may (FinanceRoleError otherwise). The sum is checked again
    against the costs as they are now. `expected` (allocation id -> row_version as the approver
    saw them) refuses with ConflictError when the allocations were changed meanwhile.
    """
    user, is_finance = connection.execute(
        text("SELECT session_user, pg_has_role(session_user, 'imis_finance', 'member')")
    ).one()
    if not is_finance:
        raise FinanceRoleError(
            f"Only finance approves cost allocations, and {user} is not a member of the "
            "imis_finance role. Ask an administrator to grant it, or a finance officer to "
            "approve."
        )
    item = _item(connection, correspondence_id)
    _lock_item(connection, correspondence_id)
    current = _locked_allocations(connection, correspondence_id)
    proposed = [a for a in current if a.status is AllocationStatus.PROPOSED]
    if not proposed:
        said = "; ".join(a.describe() for a in current)
        raise ValidationError.single(
            "allocations",
            f"{item.reference}: nothing to approve ({said})"
            if current
            else f"{item.reference} has no cost allocations to approve: allocate its costs first",
        )
    if expected is not None and {a.id: a.row_version for a in proposed} != dict(expected):
        raise _changed_meanwhile(item.reference, proposed, expected)
    costs = costs_of(connection, correspondence_id)
    problem = adds_up_problem(current, costs.total)
    if problem:
        raise ValidationError.single(
            "allocations",
            f"{item.reference} cannot be approved: {problem}. The costs changed after they "
            "were allocated; allocate them again.",
        )
    connection.execute(
        text(
            "UPDATE imis.cost_allocation SET status = 'approved', approved_by = session_user, "
            "approved_at = now() WHERE id = ANY(:ids) AND status = 'proposed'"
        ),
        {"ids": [a.id for a in proposed]},
    )
    total = sum((a.amount for a in proposed), ZERO)
    add_event(
        connection,
        correspondence_id,
        "approve_costs",
        None,
        None,
        reason=f"cost allocations of {format_rand(total)} approved",
        detail=json.dumps({"allocation_ids": [a.id for a in proposed], "total": str(total)}),
    )
    return allocations_of(connection, correspondence_id)


def pending(connection: Connection) -> list[PendingItem]:
    """Items whose allocations await approval or export, oldest first."""
    return [
        PendingItem(row.reference, AllocationStatus(row.status), row.lines, row.total)
        for row in connection.execute(
            text(
                """
                SELECT c.reference, a.status, count(*) AS lines, sum(a.amount) AS total
                  FROM imis.cost_allocation AS a
                  JOIN imis.correspondence AS c ON c.id = a.correspondence_id
                 WHERE a.status IN ('proposed', 'approved')
                 GROUP BY c.id, c.reference, a.status
                 ORDER BY a.status, min(a.id)
                """
            )
        )
    ]


@dataclass(frozen=True)
class _Item:
    id: int
    reference: str
    ward_code: Optional[str]
    ward_region: Optional[str]
    mscoa_function: str  # of the item's department
    mscoa_costing: str


@dataclass(frozen=True)
class _Department:
    id: int
    mscoa_function: str
    mscoa_costing: str


def _item(connection: Connection, correspondence_id: int) -> _Item:
    row = connection.execute(
        text(
            """
            SELECT c.id, c.reference, w.code AS ward_code, w.mscoa_region AS ward_region,
                   d.mscoa_function, d.mscoa_costing
              FROM imis.correspondence AS c
              JOIN imis.department AS d ON d.id = c.department_id
              LEFT JOIN imis.ward AS w ON w.id = c.ward_id
             WHERE c.id = :id
            """
        ),
        {"id": correspondence_id},
    ).one_or_none()
    if row is None:
        raise NotFoundError(f"There is no correspondence with id {correspondence_id}.")
    return _Item(*row)


def _lock_item(connection: Connection, correspondence_id: int) -> None:
    """One writer of an item's allocations at a time (allocate, approve). An advisory lock:
    finance may not lock the correspondence row itself (that needs UPDATE on it)."""
    connection.execute(
        text("SELECT pg_advisory_xact_lock(hashtextextended('imis.cost_allocation', :id))"),
        {"id": correspondence_id},
    )


def _locked_allocations(connection: Connection, correspondence_id: int) -> list[StoredAllocation]:
    connection.execute(
        text("SELECT id FROM imis.cost_allocation WHERE correspondence_id = :id FOR UPDATE"),
        {"id": correspondence_id},
    )
    return allocations_of(connection, correspondence_id)


def _departments(
    connection: Connection, allocations: Iterable[Allocation]
) -> dict[str, _Department]:
    codes = sorted({a.department for a in allocations if a.party is Party.DEPARTMENT})
    found = {
        row.code: _Department(row.id, row.mscoa_function, row.mscoa_costing)
        for row in connection.execute(
            text(
                "SELECT code, id, mscoa_function, mscoa_costing FROM imis.department "
                "WHERE code = ANY(:codes)"
            ),
            {"codes": codes},
        )
    }
    unknown = [code for code in codes if code not in found]
    if unknown:
        raise ValidationError.single(
            "department", f"no department with the code {', '.join(unknown)}"
        )
    return found


def _accounts(connection: Connection, allocations: Iterable[Allocation]) -> dict[str, int]:
    numbers = sorted({a.account for a in allocations if a.party is Party.CUSTOMER})
    rows = {
        row.account_number: row
        for row in connection.execute(
            text(
                "SELECT account_number, id, status FROM imis.account "
                "WHERE account_number = ANY(:numbers)"
            ),
            {"numbers": numbers},
        )
    }
    unknown = [number for number in numbers if number not in rows]
    if unknown:
        raise ValidationError.single("account", f"no account numbered {', '.join(unknown)}")
    closed = [number for number in numbers if rows[number].status != "active"]
    if closed:
        raise ValidationError.single(
            "account", f"account {', '.join(closed)} is closed and cannot be billed"
        )
    return {number: row.id for number, row in rows.items()}


def _region(item: _Item, allocations: Sequence[Allocation]) -> str:
    """The item's ward's mSCOA region (its code when none is set): a given region must match."""
    derived = (item.ward_region or item.ward_code or "").strip().upper()
    given = sorted({a.segments.region for a in allocations if a.segments.region})
    if item.ward_code is None:
        if len(given) == 1 or not allocations:
            return given[0] if given else ""
        raise ValidationError.single(
            "mscoa_region",
            f"{item.reference} lies in no ward, so its region cannot be derived: locate it, "
            "or give the one mSCOA region segment of all its allocations",
        )
    if not derived or Segments(region=derived).problems():
        raise ValidationError.single(
            "mscoa_region",
            f"ward {item.ward_code} has no mSCOA region, and its code is no mSCOA code: an "
            "administrator sets the ward's region",
        )
    if given and given != [derived]:
        raise ValidationError.single(
            "mscoa_region",
            f"the region comes from {item.reference}'s ward {item.ward_code}: {derived}, "
            f"not {', '.join(given)}",
        )
    return derived


def _changed_meanwhile(
    reference: str, proposed: Sequence[StoredAllocation], expected: Mapping[int, int]
) -> ConflictError:
    newest = max(proposed, key=lambda a: (a.allocated_at, a.id))
    return ConflictError(
        reference=reference,
        expected_version=max(expected.values(), default=0),
        current_version=max(a.row_version for a in proposed),
        changed_by=newest.allocated_by,
        changed_at=shown_time(newest.allocated_at),
        changes={
            "cost allocations": (
                ", ".join(f"#{i}" for i in sorted(expected)) or "none",
                ", ".join(f"#{a.id} {format_rand(a.amount)}" for a in proposed),
            )
        },
    )


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"


# ----------------------------------------------------------------------------------------------
# Export batches


def export_batch(connection: Connection, directory: str | os.PathLike) -> ExportResult | None:
    """Takes every approved, not yet exported allocation into a new batch and writes its file
    (unpublished until ExportResult.publish() after the commit; see the module docstring).

    Returns None, writing nothing, when there is nothing to export. Raises ExportFileError when
    the file cannot be written: roll back, and nothing is marked exported.
    """
    folder = _folder(directory)
    _lock_exports(connection)
    rows = connection.execute(
        text(_TO_EXPORT + " WHERE a.status = 'approved' ORDER BY a.id FOR UPDATE OF a")
    ).all()
    if not rows:
        return None
    now = connection.execute(text("SELECT now()")).scalar_one()
    day = now.astimezone(DISPLAY_TIMEZONE).date()
    file_name = next_export_file_name(
        day,
        connection.execute(
            text("SELECT file_name FROM imis.finance_export_batch WHERE file_name LIKE :prefix"),
            {"prefix": f"imis-finance-{day:%Y%m%d}-%"},
        ).scalars(),
    )
    if (folder / file_name).exists():
        raise ExportFileError(
            f"{folder / file_name} exists already and was not published by this database "
            "(does another IMIS database export to the same folder?). Nothing was exported: "
            "move that file away or export to a folder of this database's own."
        )
    lines = [_export_line(row) for row in rows]
    total = sum((line.amount for line in lines), ZERO)
    batch_id, created_at = connection.execute(
        text(
            "INSERT INTO imis.finance_export_batch (file_name, line_count, total) "
            "VALUES (:file_name, :line_count, :total) RETURNING id, created_at"
        ),
        {"file_name": file_name, "line_count": len(lines), "total": total},
    ).one()
    connection.execute(
        text(
            "UPDATE imis.cost_allocation SET status = 'exported', export_batch_id = :batch "
            "WHERE id = ANY(:ids)"
        ),
        {"batch": batch_id, "ids": [line.allocation_id for line in lines]},
    )
    items = connection.execute(
        text(
            """
            INSERT INTO imis.correspondence_event (correspondence_id, event_type, reason, detail)
            SELECT correspondence_id, 'export_costs', 'costs exported to finance',
                   jsonb_build_object('batch_id', CAST(:batch AS bigint), 'file_name',
                                      CAST(:file_name AS text), 'allocation_ids',
                                      jsonb_agg(id ORDER BY id), 'total', sum(amount)::text)
              FROM imis.cost_allocation WHERE export_batch_id = :batch
             GROUP BY correspondence_id
            """
        ),
        {"batch": batch_id, "file_name": file_name},
    ).rowcount
    content = render_csv(export_rows(lines, batch_id, created_at))
    unpublished = folder / unpublished_file_name(file_name, batch_id)
    _write_new(unpublished, content)
    return ExportResult(
        batch_id=batch_id,
        file_name=file_name,
        path=folder / file_name,
        line_count=len(lines),
        total=total,
        items=items,
        created_at=created_at,
        unpublished_path=unpublished,
    )


def recover_files(connection: Connection, directory: str | os.PathLike) -> list[Path]:
    """Settles the unpublished batch files an interrupted export left in `directory`: a
    committed batch's file is published (the one finance never got), a rolled-back one's is
    deleted. Returns the files published."""
    folder = _folder(directory)
    _lock_exports(connection)
    leftovers = {}
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                parsed = parse_unpublished_file_name(entry.name)
                if parsed and entry.is_file(follow_symlinks=False):
                    leftovers[Path(entry.path)] = parsed
    except OSError as error:
        raise ExportFileError(f"Cannot read the folder {folder}: {error}") from error
    if not leftovers:
        return []
    committed = {
        (row.file_name, row.id)
        for row in connection.execute(
            text("SELECT id, file_name FROM imis.finance_export_batch WHERE id = ANY(:ids)"),
            {"ids": sorted({batch_id for _, batch_id in leftovers.values()})},
        )
    }
    published = []
    for path, (file_name, batch_id) in sorted(leftovers.items()):
        if (file_name, batch_id) in committed:
            logger.warning("Publishing %s of batch %s, left unpublished", file_name, batch_id)
            _publish(path, folder / file_name, batch_id)
            published.append(folder / file_name)
        else:
            logger.info("Deleting %s: its export batch rolled back", path.name)
            _unlink(path)
    return published


def run_export(engine: Engine, directory: str | os.PathLike) -> ExportRun:
    """The whole export in its own transaction: recover leftovers, export, commit, publish."""
    result = None
    try:
        with engine.begin() as connection:
            recovered = recover_files(connection, directory)
            result = export_batch(connection, directory)
    except BaseException:
        if result is not None:
            result.discard()
        raise
    if result is not None:
        result.publish()
    return ExportRun(result, recovered)


def write_batch(connection: Connection, batch_id: int, directory: str | os.PathLike) -> Path:
    """Writes an exported batch's file again, e.g. when the published one was lost before
    finance took it. The lines are frozen once exported, so the file says what it said. This
    is a re-delivery: finance must know (its duplicate check on batch_id/allocation_id)."""
    folder = _folder(directory)
    _lock_exports(connection)
    batch = connection.execute(
        text(
            "SELECT id, file_name, line_count, total, created_at "
            "FROM imis.finance_export_batch WHERE id = :id"
        ),
        {"id": batch_id},
    ).one_or_none()
    if batch is None:
        raise NotFoundError(f"There is no export batch {batch_id}.")
    lines = [
        _export_line(row)
        for row in connection.execute(
            text(_TO_EXPORT + " WHERE a.export_batch_id = :id ORDER BY a.id"), {"id": batch_id}
        )
    ]
    total = sum((line.amount for line in lines), ZERO)
    if (len(lines), total) != (batch.line_count, batch.total):
        raise ExportFileError(
            f"Batch {batch_id} holds {len(lines)} lines of {format_rand(total)}, but it was "
            f"exported with {batch.line_count} of {format_rand(batch.total)}; not rewritten."
        )
    target = folder / batch.file_name
    if target.exists():
        raise ExportFileError(f"{target} exists; move it away to write batch {batch_id} again.")
    unpublished = folder / unpublished_file_name(batch.file_name, batch_id)
    if not unpublished.exists():  # else the export's own file, never published: publish it
        _write_new(unpublished, render_csv(export_rows(lines, batch_id, batch.created_at)))
    _publish(unpublished, target, batch_id)
    return target


_TO_EXPORT = """
    SELECT a.id, a.correspondence_id, c.reference, cat.code AS category_code, a.party,
           a.amount, coalesce(d.code, '') AS department_code,
           coalesce(ac.account_number, '') AS account_number, a.party_name, a.mscoa_function,
           a.mscoa_item, a.mscoa_project, a.mscoa_fund, a.mscoa_costing, a.mscoa_region,
           a.approved_by, a.approved_at
      FROM imis.cost_allocation AS a
      JOIN imis.correspondence AS c ON c.id = a.correspondence_id
      JOIN imis.category AS cat ON cat.id = c.category_id
      LEFT JOIN imis.department AS d ON d.id = a.department_id
      LEFT JOIN imis.account AS ac ON ac.id = a.account_id
"""


def _export_line(row: Row) -> ExportLine:
    return ExportLine(
        allocation_id=row.id,
        reference=row.reference,
        category_code=row.category_code,
        party=Party(row.party),
        amount=row.amount,
        approved_by=row.approved_by,
        approved_at=row.approved_at,
        department_code=row.department_code,
        account_number=row.account_number,
        party_name=row.party_name,
        segments=Segments(
            row.mscoa_function,
            row.mscoa_item,
            row.mscoa_project,
            row.mscoa_fund,
            row.mscoa_costing,
            row.mscoa_region,
        ),
    )


def _lock_exports(connection: Connection) -> None:
    """One export at a time; in READ COMMITTED, so that it sees what the one before committed.
    Only finance (or the schema's owner) exports: others are told so before anything else."""
    user, may = connection.execute(
        text("SELECT session_user, has_table_privilege('imis.finance_export_batch', 'INSERT')")
    ).one()
    if not may:
        raise FinanceRoleError(
            f"Only finance exports cost allocations, and {user} is not a member of the "
            "imis_finance role. Ask an administrator to grant it."
        )
    isolation = connection.execute(text("SHOW transaction_isolation")).scalar_one()
    if isolation != "read committed":
        raise ImisError(f"Exports run in READ COMMITTED transactions, not {isolation}.")
    connection.execute(
        text("SELECT pg_advisory_xact_lock(hashtextextended('imis.finance_export', 0))")
    )


def _folder(directory: str | os.PathLike) -> Path:
    folder = Path(directory).expanduser()
    if not folder.is_dir():
        raise ValidationError.single(
            "directory", f"{folder} is not a folder: give an existing folder to export to"
        )
    return folder


def _write_new(path: Path, content: str) -> None:
    """Creates `path` (never over another file), writes and fsyncs it; ExportFileError else."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        raise ExportFileError(
            f"Cannot write the finance export to {path.parent}: {error.strerror or error}. "
            "Nothing was exported; make the folder writable and export again."
        ) from error
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        _unlink(path)
        raise ExportFileError(
            f"Cannot write the finance export to {path.parent}: {error.strerror or error}. "
            "Nothing was exported; free space or fix the folder and export again."
        ) from error


def _publish(unpublished: Path, target: Path, batch_id: int) -> None:
    try:
        os.replace(unpublished, target)
    except FileNotFoundError:
        if target.exists():  # a concurrent recover_files published it first
            return
        raise ExportFileError(
            f"Export batch {batch_id} was committed but its file {unpublished} is gone; "
            f"write it again with: finance export --batch {batch_id} --to {target.parent}"
        ) from None
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Makes the rename durable where the system allows (POSIX); best effort elsewhere."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
