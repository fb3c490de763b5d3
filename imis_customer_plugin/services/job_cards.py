"""Job cards (step 3 of the process): the field work on a task, its costs, the asset worked on,
photos and documents, and the artisan's sign-off, on the device or captured from paper.

Every function takes an open SQLAlchemy Connection inside a transaction: the caller decides
where the unit of work begins and ends. A card's changes name the version the user read
(row_version, as in services.register); attaching a file needs none, since files only add.
Completing a card records the asset's condition in its history and, once every card of the
task is completed, marks the task done. It does not resolve or close the correspondence: the
workflow does that.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import mimetypes
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import TextClause, text
from sqlalchemy.engine import Connection, Row

from ..core.errors import NotFoundError, ValidationError
from ..core.job_cards import CompletedCard, CostLine, CostTotals, condition_label, totals
from ..core.workflow import Status
from ..definitions import shown_time
from .assets import get_asset, link_locked, refuse_retired
from .register import add_event, refuse_stale, state_from_row

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024  # the attachment table's CHECK
MAX_FILE_NAME = 200
FINISHED_TASK = ("done", "cancelled")

# What a file's first bytes say it is; the name may not say otherwise.
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"GIF87a", 0, "image/gif"),
    (b"GIF89a", 0, "image/gif"),
    (b"%PDF-", 0, "application/pdf"),
    (b"II*\x00", 0, "image/tiff"),
    (b"MM\x00*", 0, "image/tiff"),
    (b"WEBP", 8, "image/webp"),
    (b"ftypheic", 4, "image/heic"),
    (b"ftypheix", 4, "image/heic"),
    (b"ftypmif1", 4, "image/heif"),
)
_SNIFFED = frozenset(media for _, _, media in _MAGIC)
# Other files a job card may carry, known by their name; anything else is refused.
_BY_NAME = {
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
}
_NAMES = {
    "image/jpeg": "a JPEG photo",
    "image/png": "a PNG image",
    "image/gif": "a GIF image",
    "image/tiff": "a TIFF image",
    "image/webp": "a WebP image",
    "image/heic": "a HEIC photo",
    "image/heif": "a HEIF photo",
    "application/pdf": "a PDF document",
}


@dataclass(frozen=True)
class JobCardLine:
    id: int
    kind: str
    description: str
    quantity: Decimal
    unit: str
    unit_cost: Decimal
    amount: Decimal  # round(quantity x unit cost, 2), by the database

    def cost_line(self) -> CostLine:
        return CostLine(self.kind, self.description, self.quantity, self.unit, self.unit_cost)


@dataclass(frozen=True)
class Attachment:
    """An attachment's metadata; its content is read with attachment_content()."""

    id: int
    job_card_id: int
    file_name: str
    media_type: str
    size_bytes: int
    sha256: str
    added_by: str
    added_at: dt.datetime


@dataclass(frozen=True)
class JobCard:
    id: int
    card_number: str
    task_id: int
    task_kind: str
    task_status: str
    task_step: int
    department: str  # the task's department (name)
    due_at: dt.datetime | None  # the task's (the item's resolution) due time
    correspondence_id: int
    reference: str
    status: str  # open, completed
    artisan_staff_id: int | None
    artisan: str | None
    artisan_hourly_rate: Decimal | None  # Rand; the labour line's default rate
    asset_id: int | None
    asset_number: str | None
    asset_type: str | None
    arrived_at: dt.datetime | None
    completed_at: dt.datetime | None
    work_performed: str
    condition_before: int | None
    condition_after: int | None
    signed_off_by: str | None
    signed_off_at: dt.datetime | None
    captured_from_paper: bool
    created_at: dt.datetime
    row_version: int
    lines: tuple[JobCardLine, ...] = ()
    attachments: tuple[Attachment, ...] = ()

    @property
    def is_completed(self) -> bool:
        return self.status == "completed"

    @property
    def totals(self) -> CostTotals:
        return totals(self.lines)  # of the amounts the database computed


_CARDS_SQL = """
    SELECT j.id, j.card_number, j.task_id, t.kind AS task_kind, t.status AS task_status,
           t.step AS task_step, d.name AS department, t.due_at, t.correspondence_id,
           c.reference, j.status, j.artisan_staff_id, s.full_name AS artisan, s.hourly_rate,
           j.asset_id,
           a.asset_number, a.asset_type, j.arrived_at,
           j.completed_at, j.work_performed, j.condition_before, j.condition_after,
           j.signed_off_by, j.signed_off_at, j.captured_from_paper, j.created_at, j.row_version
      FROM imis.job_card AS j
      JOIN imis.task AS t ON t.id = j.task_id
      JOIN imis.department AS d ON d.id = t.department_id
      JOIN imis.correspondence AS c ON c.id = t.correspondence_id
      LEFT JOIN imis.staff AS s ON s.id = j.artisan_staff_id
      LEFT JOIN imis.asset AS a ON a.id = j.asset_id
     WHERE {chosen} = :id
     ORDER BY j.id
"""
_CARD_BY_ID = text(_CARDS_SQL.format(chosen="j.id"))
_CARDS_OF_TASK = text(_CARDS_SQL.format(chosen="j.task_id"))
_CARDS_OF_CORRESPONDENCE = text(_CARDS_SQL.format(chosen="t.correspondence_id"))
_LINES_OF_CARDS = text(
    "SELECT job_card_id, id, line_kind, description, quantity, unit, unit_cost, amount "
    "FROM imis.job_card_line WHERE job_card_id = ANY(:ids) ORDER BY id"
)
_ATTACHMENT_COLUMNS = (
    "id, job_card_id, file_name, media_type, size_bytes, sha256, added_by, added_at"
)
_ATTACHMENTS_OF_CARDS = text(
    f"SELECT {_ATTACHMENT_COLUMNS} FROM imis.attachment WHERE job_card_id = ANY(:ids) ORDER BY id"
)


def _cards(connection: Connection, statement: TextClause, chosen_id: int) -> list[JobCard]:
    """The cards `statement` chooses by `chosen_id`, oldest first, with their lines and
    attachments: three statements however many cards there are."""
    rows = connection.execute(statement, {"id": chosen_id}).all()
    if not rows:
        return []
    ids = [row.id for row in rows]
    lines: dict[int, list[JobCardLine]] = {card_id: [] for card_id in ids}
    for card_id, *line in connection.execute(_LINES_OF_CARDS, {"ids": ids}):
        lines[card_id].append(JobCardLine(*line))
    attachments: dict[int, list[Attachment]] = {card_id: [] for card_id in ids}
    for row in connection.execute(_ATTACHMENTS_OF_CARDS, {"ids": ids}):
        attachments[row.job_card_id].append(Attachment(*row))
    return [
        JobCard(*row, lines=tuple(lines[row.id]), attachments=tuple(attachments[row.id]))
        for row in rows
    ]


def job_card(connection: Connection, card_id: int) -> JobCard:
    """The card with its lines, totals and attachments (metadata, not content)."""
    found = _cards(connection, _CARD_BY_ID, card_id)
    if not found:
        raise NotFoundError(f"There is no job card with id {card_id}.")
    return found[0]


def cards_of_task(connection: Connection, task_id: int) -> list[JobCard]:
    """The task's job cards, oldest first."""
    return _cards(connection, _CARDS_OF_TASK, task_id)


def cards_of_correspondence(
    connection: Connection, correspondence_id: int
) -> dict[int, list[JobCard]]:
    """The job cards of all the item's tasks, by task id, each task's oldest first; a task
    without cards is left out."""
    by_task: dict[int, list[JobCard]] = {}
    for card in _cards(connection, _CARDS_OF_CORRESPONDENCE, correspondence_id):
        by_task.setdefault(card.task_id, []).append(card)
    return by_task


def open_job_card(
    connection: Connection, task_id: int, *, artisan_staff_id: int | None = None
) -> JobCard:
    """A new, open card for the task; the artisan defaults to the task's assignee."""
    task = connection.execute(
        text(
            """
            SELECT t.id, t.kind, t.status, t.assigned_staff_id, c.id AS correspondence_id,
                   c.reference, c.status AS item_status
              FROM imis.task AS t JOIN imis.correspondence AS c ON c.id = t.correspondence_id
             WHERE t.id = :id FOR UPDATE OF t
            """
        ),
        {"id": task_id},
    ).one_or_none()
    if task is None:
        raise NotFoundError(f"There is no task with id {task_id}.")
    if task.status in FINISHED_TASK:
        raise ValidationError.single(
            "task",
            f"the {task.kind} task of {task.reference} is {task.status}; "
            "a job card needs a task that is still open",
        )
    if task.item_status == Status.CLOSED.value:
        raise ValidationError.single(
            "task", f"{task.reference} is closed; re-open it before opening a job card"
        )
    artisan = artisan_staff_id if artisan_staff_id is not None else task.assigned_staff_id
    if artisan is not None:
        _check_artisan(connection, artisan)
    row = connection.execute(
        text(
            "INSERT INTO imis.job_card (task_id, artisan_staff_id) VALUES (:task, :artisan) "
            "RETURNING id, card_number"
        ),
        {"task": task_id, "artisan": artisan},
    ).one()
    add_event(
        connection,
        task.correspondence_id,
        "job_card",
        None,
        None,
        reason=f"Job card {row.card_number} opened for the {task.kind} task",
        detail=json.dumps(
            {
                "action": "opened",
                "job_card_id": row.id,
                "card_number": row.card_number,
                "task_id": task_id,
            }
        ),
    )
    return job_card(connection, row.id)


def _check_artisan(connection: Connection, staff_id: int) -> None:
    row = connection.execute(
        text("SELECT full_name, is_active FROM imis.staff WHERE id = :id"), {"id": staff_id}
    ).one_or_none()
    if row is None:
        raise ValidationError.single("artisan", f"no staff member with id {staff_id}")
    if not row.is_active:
        raise ValidationError.single("artisan", f"{row.full_name} is no longer active")


def _lock(connection: Connection, card_id: int, expected_version: int | None) -> Row:
    """Locks the card; refuses with ConflictError when it changed since the user read it."""
    row = connection.execute(
        text(
            """
            SELECT j.id, j.card_number, j.status, j.row_version, j.updated_by, j.updated_at,
                   j.asset_id, j.completed_at, j.signed_off_by, j.task_id, t.kind AS task_kind,
                   t.status AS task_status, t.correspondence_id, c.reference,
                   c.status AS item_status, d.code AS department_code
              FROM imis.job_card AS j
              JOIN imis.task AS t ON t.id = j.task_id
              JOIN imis.department AS d ON d.id = t.department_id
              JOIN imis.correspondence AS c ON c.id = t.correspondence_id
             WHERE j.id = :id FOR UPDATE OF j
            """
        ),
        {"id": card_id},
    ).one_or_none()
    if row is None:
        raise NotFoundError(f"There is no job card with id {card_id}.")
    if expected_version is not None:
        refuse_stale(f"Job card {row.card_number}", expected_version, row)
    if row.item_status == Status.CLOSED.value:
        raise ValidationError.single(
            "job_card", f"{row.reference} is closed; re-open it before changing its job cards"
        )
    return row


def _lock_open(connection: Connection, card_id: int, expected_version: int) -> Row:
    row = _lock(connection, card_id, expected_version)
    if row.status == "completed":
        raise ValidationError.single(
            "job_card",
            f"job card {row.card_number} was completed on {_shown(row.completed_at)} "
            f"(signed off by {row.signed_off_by}); a completed card cannot change",
        )
    if row.task_status == "cancelled":
        raise ValidationError.single(
            "task", f"the {row.task_kind} task of {row.reference} was cancelled"
        )
    return row


def _touch(connection: Connection, card: Row) -> None:
    """A change to the card's lines is a change to the card: its version moves on."""
    connection.execute(
        text("UPDATE imis.job_card SET updated_at = now() WHERE id = :id AND row_version = :v"),
        {"id": card.id, "v": card.row_version},
    )


def add_line(
    connection: Connection, card_id: int, expected_version: int, line: CostLine
) -> JobCard:
    """Adds a labour, material, equipment or contractor line; bad numbers are refused before
    anything is written."""
    stored = line.validated()
    card = _lock_open(connection, card_id, expected_version)
    connection.execute(
        text(
            """
            INSERT INTO imis.job_card_line
                (job_card_id, line_kind, description, quantity, unit, unit_cost)
            VALUES (:card, :kind, :description, :quantity, :unit, :unit_cost)
            """
        ),
        {
            "card": card_id,
            "kind": stored.kind,
            "description": stored.description,
            "quantity": stored.quantity,
            "unit": stored.unit,
            "unit_cost": stored.unit_cost,
        },
    )
    _touch(connection, card)
    return job_card(connection, card_id)


def remove_line(
    connection: Connection, card_id: int, expected_version: int, line_id: int
) -> JobCard:
    card = _lock_open(connection, card_id, expected_version)
    removed = connection.execute(
        text("DELETE FROM imis.job_card_line WHERE id = :line AND job_card_id = :card"),
        {"line": line_id, "card": card_id},
    ).rowcount
    if not removed:
        raise NotFoundError(f"Job card {card.card_number} has no line {line_id}.")
    _touch(connection, card)
    return job_card(connection, card_id)


def set_asset(
    connection: Connection, card_id: int, expected_version: int, asset_id: int | None
) -> JobCard:
    """The asset worked on (picked on the map), or None for none.

    An item not yet linked to an asset is linked to this one, so that the asset's failures
    are counted (services.assets: the failure-target rule)."""
    card = _lock_open(connection, card_id, expected_version)
    asset = get_asset(connection, asset_id) if asset_id is not None else None
    if asset is not None and asset.id != card.asset_id:
        refuse_retired(asset, "asset")  # a card that named it before it was retired keeps it
    connection.execute(
        text("UPDATE imis.job_card SET asset_id = :asset WHERE id = :id AND row_version = :v"),
        {"asset": asset_id, "id": card_id, "v": card.row_version},
    )
    if asset is not None:
        item = connection.execute(
            text(
                "SELECT id, reference, classification, status, row_version, department_id, "
                "escalation_level, asset_id FROM imis.correspondence WHERE id = :id FOR UPDATE"
            ),
            {"id": card.correspondence_id},
        ).one()
        if item.asset_id is None:
            link_locked(connection, state_from_row(item), asset)
    return job_card(connection, card_id)


def complete_job_card(
    connection: Connection,
    card_id: int,
    expected_version: int,
    completed: CompletedCard,
    *,
    captured_from_paper: bool = False,
) -> JobCard:
    """Records the finished work and the sign-off; the asset's condition and the task follow.

    Refuses a card completed already, times out of order or in the future, and a condition
    without an asset, with nothing written."""
    card = _lock(connection, card_id, expected_version)
    if card.status == "completed":
        raise ValidationError.single(
            "job_card",
            f"job card {card.card_number} was completed already on "
            f"{_shown(card.completed_at)} (signed off by {card.signed_off_by})",
        )
    if card.task_status == "cancelled":
        raise ValidationError.single(
            "task", f"the {card.task_kind} task of {card.reference} was cancelled"
        )
    # Cards of one task are completed one after the other: the last one sees the others done.
    connection.execute(
        text("SELECT id FROM imis.task WHERE id = :id FOR UPDATE"), {"id": card.task_id}
    )
    now = connection.execute(text("SELECT clock_timestamp()")).scalar_one()
    report = completed.validated(now=now, has_asset=card.asset_id is not None)
    connection.execute(
        text(
            """
            UPDATE imis.job_card SET status = 'completed', arrived_at = :arrived_at,
                   completed_at = :completed_at, work_performed = :work,
                   condition_before = :before, condition_after = :after,
                   signed_off_by = :signed_by, signed_off_at = :signed_at,
                   captured_from_paper = :paper
             WHERE id = :id AND row_version = :v
            """
        ),
        {
            "arrived_at": report.arrived_at,
            "completed_at": report.completed_at,
            "work": report.work_performed,
            "before": report.condition_before,
            "after": report.condition_after,
            "signed_by": report.signed_off_by,
            "signed_at": report.signed_off_at,
            "paper": captured_from_paper,
            "id": card_id,
            "v": card.row_version,
        },
    )
    result = job_card(connection, card_id)
    add_event(
        connection,
        card.correspondence_id,
        "job_card",
        None,
        None,
        reason=_completion_reason(result),
        detail=json.dumps(
            {
                "action": "completed",
                "job_card_id": card_id,
                "card_number": card.card_number,
                "task_id": card.task_id,
                "asset_id": card.asset_id,
                "captured_from_paper": captured_from_paper,
                "totals": result.totals.as_json(),
            }
        ),
    )
    if card.asset_id is not None and report.condition_after is not None:
        _record_condition(connection, result, report)
    _finish_task_when_all_done(connection, card)
    return job_card(connection, card_id)


def _completion_reason(card: JobCard) -> str:
    paper = " (captured from the paper card)" if card.captured_from_paper else ""
    return (
        f"Job card {card.card_number} completed{paper}, signed off by {card.signed_off_by}; "
        f"costs R {card.totals.total:,.2f}"
    )


def _record_condition(connection: Connection, card: JobCard, report: CompletedCard) -> None:
    """A history row; the asset's current condition follows, unless another job card
    completed later has set it already (this one is a paper card captured late)."""
    connection.execute(
        text(
            """
            INSERT INTO imis.asset_condition (asset_id, condition, job_card_id)
            VALUES (:asset, :condition, :card);
            UPDATE imis.asset SET condition = :condition
             WHERE id = :asset AND condition IS DISTINCT FROM :condition
               AND NOT EXISTS (SELECT FROM imis.asset_condition AS h
                                 JOIN imis.job_card AS j ON j.id = h.job_card_id
                                WHERE h.asset_id = :asset AND j.completed_at > :at);
            """
        ),
        {
            "asset": card.asset_id,
            "condition": report.condition_after,
            "card": card.id,
            "at": report.completed_at,
        },
    )
    before = condition_label(report.condition_before) or "not recorded"
    add_event(
        connection,
        card.correspondence_id,
        "asset_condition",
        None,
        None,
        reason=(
            f"Asset {card.asset_number}: condition {before} before, "
            f"{condition_label(report.condition_after)} after (job card {card.card_number})"
        ),
        detail=json.dumps(
            {
                "asset_id": card.asset_id,
                "asset_number": card.asset_number,
                "job_card_id": card.id,
                "condition_before": report.condition_before,
                "condition_after": report.condition_after,
            }
        ),
    )


def _finish_task_when_all_done(connection: Connection, card: Row) -> None:
    done = connection.execute(
        text(
            """
            UPDATE imis.task AS t SET status = 'done',
                   completed_at = (SELECT max(j.completed_at) FROM imis.job_card AS j
                                    WHERE j.task_id = t.id)
             WHERE t.id = :task AND t.status NOT IN ('done', 'cancelled')
               AND NOT EXISTS (SELECT FROM imis.job_card AS j
                                WHERE j.task_id = t.id AND j.status <> 'completed')
            RETURNING t.id
            """
        ),
        {"task": card.task_id},
    ).one_or_none()
    if done is not None:
        add_event(
            connection,
            card.correspondence_id,
            "task",
            None,
            None,
            reason=f"The {card.task_kind} task is done: its job cards are completed",
            detail=json.dumps(
                {
                    "task_id": card.task_id,
                    "kind": card.task_kind,
                    "department": card.department_code,
                    "status": "done",
                }
            ),
        )


# Attachments ---------------------------------------------------------------------------------


def _clean_file_name(file_name: str) -> str:
    """The name without folders or control characters, as the card stores it."""
    name = re.split(r"[/\\]", file_name.strip())[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    if not name or name in {".", ".."}:
        raise ValidationError.single("file_name", "the file needs a name")
    if len(name) > MAX_FILE_NAME:
        raise ValidationError.single(
            "file_name", f"the name has {len(name)} characters; at most {MAX_FILE_NAME} fit"
        )
    return name


def _sniff(data: bytes) -> str | None:
    for magic, offset, media in _MAGIC:
        if data[offset : offset + len(magic)] == magic:
            return media
    return None


def media_type_of(file_name: str, data: bytes, given: str | None = None) -> str:
    """The media type of a photo, scan or document: images and PDF by their content (a file
    named as one whose content is not is refused); other allowed kinds by the name."""
    sniffed = _sniff(data)
    if sniffed is not None:
        return sniffed  # the content says what it is, whatever the name says
    claimed = (given or "").strip().lower() or _by_name(file_name)
    if claimed in _SNIFFED:
        raise ValidationError.single(
            "file",
            f"{file_name} should be {_NAMES[claimed]} but its content is not: "
            "it may be damaged or another kind of file",
        )
    if claimed in _BY_NAME.values():
        return claimed
    allowed = "photos (JPEG, PNG, HEIC, ...), PDF, " + ", ".join(sorted(_BY_NAME))
    raise ValidationError.single(
        "file", f"{file_name}: this kind of file cannot be attached; allowed are {allowed}"
    )


def _by_name(file_name: str) -> str | None:
    extension = "." + file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if extension in _BY_NAME:
        return _BY_NAME[extension]
    guessed = mimetypes.guess_type(file_name, strict=False)[0]
    return guessed.lower() if guessed else None


def attach(
    connection: Connection,
    card_id: int,
    file_name: str,
    data: bytes,
    media_type: str | None = None,
) -> Attachment:
    """Keeps a photo or document with the card, with its SHA-256; the same file twice on one
    card is refused (it is there already)."""
    name = _clean_file_name(file_name)
    content = bytes(data)
    if not content:
        raise ValidationError.single("file", f"{name} is empty")
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise ValidationError.single(
            "file",
            f"{name} is {len(content) / 1024 / 1024:.1f} MB; at most "
            f"{MAX_ATTACHMENT_BYTES // 1024 // 1024} MB can be attached (reduce the photo's size)",
        )
    media = media_type_of(name, content, media_type)
    digest = hashlib.sha256(content).hexdigest()
    card = _lock(connection, card_id, None)  # one writer per card: the duplicate check holds
    same = connection.execute(
        text(
            "SELECT file_name, added_by, added_at FROM imis.attachment "
            "WHERE job_card_id = :card AND sha256 = :sha256"
        ),
        {"card": card_id, "sha256": digest},
    ).one_or_none()
    if same is not None:
        raise ValidationError.single(
            "file",
            f"this file is attached to job card {card.card_number} already, as "
            f"'{same.file_name}' (added by {same.added_by} on {_shown(same.added_at)})",
        )
    row = connection.execute(
        text(
            f"""
            INSERT INTO imis.attachment
                (job_card_id, file_name, media_type, size_bytes, sha256, content)
            VALUES (:card, :name, :media, :size, :sha256, :content)
            RETURNING {_ATTACHMENT_COLUMNS}
            """
        ),
        {
            "card": card_id,
            "name": name,
            "media": media,
            "size": len(content),
            "sha256": digest,
            "content": content,
        },
    ).one()
    return Attachment(*row)


def attachment_content(connection: Connection, attachment_id: int) -> tuple[Attachment, bytes]:
    row = connection.execute(
        text(f"SELECT {_ATTACHMENT_COLUMNS}, content FROM imis.attachment WHERE id = :id"),
        {"id": attachment_id},
    ).one_or_none()
    if row is None:
        raise NotFoundError(f"There is no attachment with id {attachment_id}.")
    return Attachment(*row[:-1]), bytes(row.content)


def _shown(moment: dt.datetime | None) -> str:
    return "?" if moment is None else shown_time(moment)
