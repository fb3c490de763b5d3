"""Logging correspondence and moving it through the workflow (steps 1 and the status life).

Every function takes an open SQLAlchemy Connection inside a transaction: the caller decides
where the unit of work begins and ends (GUI action, CLI command, worker sweep).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import text
from sqlalchemy.engine import Connection, Row

from ..core.correspondence import NewCorrespondence
from ..core.errors import ConflictError, NotFoundError, ValidationError
from ..core.workflow import Action, ActionInput, Classification, Status, plan_transition
from ..definitions import shown_time
from .sla import refresh_sla

# Columns a user sees change in a conflict message; bookkeeping and the SLA fields derived
# from the other changes are left out.
_BOOKKEEPING = frozenset(
    {"row_version", "updated_at", "updated_by", "sla_policy_id", "sla_state", "sla_started_at",
     "responded_at", "response_due_at", "resolution_due_at", "sla_at_risk_at", "sla_breach_at",
     "next_escalation_at", "repeat_escalated_at"}
)  # fmt: skip
MAX_ESCALATION_LEVEL = 5


@dataclass(frozen=True)
class CorrespondenceState:
    id: int
    reference: str
    classification: Classification
    status: Status
    row_version: int
    department_id: int
    escalation_level: int


def state_from_row(row: Row) -> CorrespondenceState:
    return CorrespondenceState(
        row.id,
        row.reference,
        Classification(row.classification),
        Status(row.status),
        row.row_version,
        row.department_id,
        row.escalation_level,
    )


def with_sla(connection: Connection, state: CorrespondenceState) -> CorrespondenceState:
    """Stores the item's due times and SLA state after a change; the state's version follows."""
    new_version = refresh_sla(connection, [state.id]).get(state.id)
    return state if new_version is None else replace(state, row_version=new_version)


def log_correspondence(connection: Connection, request: NewCorrespondence) -> CorrespondenceState:
    """Step 1: records who, what, classification, category and channel; gives the reference."""
    request.validate()
    customer_id, account_id = customer_and_account(connection, request)
    row = connection.execute(
        _LOG,
        {
            "category": request.category_code.strip(),
            "classification": request.classification,
            "is_internal": request.is_internal,
            "channel": request.channel,
            "customer_id": customer_id,
            "account_id": account_id,
            "description": request.description.strip(),
            "priority": request.priority,
        },
    ).one_or_none()
    if row is None:
        raise ValidationError.single("category", f"unknown category '{request.category_code}'")
    return state_from_row(row)


# One statement: the category's defaults, the row, and its 'logged' event.
_LOG = text(
    """
    WITH category AS (
        SELECT id, department_id, default_classification, default_priority
          FROM imis.category WHERE code = :category AND is_active
    ), new AS (
        INSERT INTO imis.correspondence (classification, is_internal, category_id, channel,
            customer_id, account_id, description, priority, department_id)
        SELECT coalesce(CAST(:classification AS text), category.default_classification),
               :is_internal, category.id, :channel, :customer_id, :account_id, :description,
               coalesce(CAST(:priority AS smallint), category.default_priority),
               category.department_id
          FROM category
        RETURNING id, reference, classification, status, row_version, department_id,
                  escalation_level
    ), logged AS (
        INSERT INTO imis.correspondence_event (correspondence_id, event_type, to_status)
        SELECT id, 'logged', 'logged' FROM new
    )
    SELECT * FROM new
    """
)


def customer_and_account(
    connection: Connection, request: NewCorrespondence
) -> tuple[int | None, int | None]:
    if request.account_number:
        account = connection.execute(
            text("SELECT id, customer_id FROM imis.account WHERE account_number = :number"),
            {"number": request.account_number.strip()},
        ).one_or_none()
        if account is None:
            raise ValidationError.single(
                "account", f"no account numbered '{request.account_number}'"
            )
        if request.customer_id not in (None, account.customer_id):
            raise ValidationError.single(
                "account", f"account {request.account_number} belongs to another customer"
            )
        return account.customer_id, account.id
    if request.customer_id is not None:
        exists = connection.execute(
            text("SELECT EXISTS (SELECT FROM imis.customer WHERE id = :id)"),
            {"id": request.customer_id},
        ).scalar()
        if not exists:
            raise ValidationError.single("customer", f"no customer with id {request.customer_id}")
    return request.customer_id, None


def add_event(
    connection: Connection,
    correspondence_id: int,
    event_type: str,
    from_status: Status | None,
    to_status: Status | None,
    *,
    reason: str = "",
    detail: str = "{}",
) -> None:
    connection.execute(
        text(
            """
            INSERT INTO imis.correspondence_event
                (correspondence_id, event_type, from_status, to_status, reason, detail)
            VALUES (:id, :event_type, :from_status, :to_status, :reason, CAST(:detail AS jsonb))
            """
        ),
        {
            "id": correspondence_id,
            "event_type": event_type,
            "from_status": from_status.value if from_status else None,
            "to_status": to_status.value if to_status else None,
            "reason": reason,
            "detail": detail,
        },
    )


def lock_for_update(
    connection: Connection, correspondence_id: int, expected_version: int
) -> CorrespondenceState:
    """Locks the row; refuses with ConflictError when it changed since the user read it."""
    row = connection.execute(
        text(
            "SELECT id, reference, classification, status, row_version, department_id, "
            "escalation_level FROM imis.correspondence WHERE id = :id FOR UPDATE"
        ),
        {"id": correspondence_id},
    ).one_or_none()
    if row is None:
        raise NotFoundError(f"There is no correspondence with id {correspondence_id}.")
    if row.row_version != expected_version:
        raise _conflict(connection, row, expected_version)
    return state_from_row(row)


def refuse_stale(reference: str, expected_version: int, row: Row) -> None:
    """ConflictError naming who saved `row` (row_version, updated_by, updated_at) last, when
    it is no longer the version the user read."""
    if row.row_version != expected_version:
        raise ConflictError(
            reference=reference,
            expected_version=expected_version,
            current_version=row.row_version,
            changed_by=row.updated_by or "someone",
            changed_at=shown_time(row.updated_at) if row.updated_at else "",
        )


def _conflict(connection: Connection, row: Row, expected_version: int) -> ConflictError:
    """Who changed the row after version `expected_version`, and what they changed."""
    audit = connection.execute(
        text("SELECT * FROM imis.changes_after('correspondence', :id, :expected)"),
        {"id": row.id, "expected": expected_version},
    ).all()
    changes: dict[str, tuple[object, object]] = {}
    for entry in audit:
        for name, new in entry.new_row.items():
            old = entry.old_row.get(name)
            if name not in _BOOKKEEPING and old != new:
                first_old = changes.get(name, (old, None))[0]
                changes[name] = (first_old, new)
    last = audit[-1] if audit else None
    return ConflictError(
        reference=row.reference,
        expected_version=expected_version,
        current_version=row.row_version,
        changed_by=last.actor if last else "someone",
        changed_at=shown_time(last.occurred_at) if last else "",
        changes=changes,
    )


def apply_action(
    connection: Connection,
    correspondence_id: int,
    expected_version: int,
    action: Action,
    given: ActionInput,
    *,
    today: dt.date | None = None,
) -> CorrespondenceState:
    """Pending, Defer, Re-forward, Escalate, Resolve, Close, Re-open...: one workflow step."""
    if action is Action.LOCATE:
        raise ValidationError.single("action", "use the locate functions to locate an item")
    current = lock_for_update(connection, correspondence_id, expected_version)
    target = plan_transition(
        current.classification, current.status, action, given, today or dt.date.today()
    )
    department_id = current.department_id
    if action is Action.ESCALATE and current.escalation_level >= MAX_ESCALATION_LEVEL:
        raise ValidationError.single(
            "escalation", f"{current.reference} is already at the top escalation level"
        )
    if action is Action.REFORWARD:
        department_id = department_by_code(connection, given.department)
        if department_id == current.department_id:
            raise ValidationError.single(
                "department", "re-forward to another department than the current one"
            )
    row = connection.execute(
        text(
            """
            UPDATE imis.correspondence SET
                status = :status,
                department_id = :department_id,
                assigned_staff_id = CASE WHEN :reforward THEN NULL ELSE assigned_staff_id END,
                escalation_level = escalation_level + CASE WHEN :escalate THEN 1 ELSE 0 END,
                deferred_until = CASE WHEN :status = 'deferred' THEN CAST(:until AS date) END,
                status_reason = :reason,
                resolution = CASE WHEN :resolution <> '' THEN :resolution ELSE resolution END,
                resolved_at = CASE WHEN :status = 'resolved' THEN now()
                                   WHEN :status = 'reopened' THEN NULL ELSE resolved_at END,
                closed_at = CASE WHEN :status = 'closed' THEN now() ELSE NULL END
             WHERE id = :id AND row_version = :version
            RETURNING id, reference, classification, status, row_version, department_id,
                      escalation_level
            """
        ),
        {
            "id": correspondence_id,
            "version": expected_version,
            "status": target.value,
            "department_id": department_id,
            "reforward": action is Action.REFORWARD,
            "escalate": action is Action.ESCALATE,
            "until": given.until,
            "reason": given.reason.strip(),
            "resolution": given.resolution.strip(),
        },
    ).one()
    add_event(
        connection,
        correspondence_id,
        action.value,
        current.status,
        target,
        reason=_event_reason(given),
    )
    return with_sla(connection, state_from_row(row))


def _event_reason(given: ActionInput) -> str:
    return given.reason.strip() or given.resolution.strip()


def department_by_code(connection: Connection, code: str) -> int:
    """The id of the department with this code; ValidationError when there is none."""
    found = connection.execute(
        text("SELECT id FROM imis.department WHERE code = :code"), {"code": code.strip()}
    ).scalar()
    if found is None:
        raise ValidationError.single("department", f"unknown department '{code}'")
    return found
