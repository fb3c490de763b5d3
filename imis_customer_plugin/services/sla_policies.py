"""SLA policies as administrators edit them (imis.sla_policy): targets by classification,
category, priority and zone, counted in business or calendar minutes.

Every insert or update renews the configuration's version token (the sla_config_changed
trigger of migration 0005): services.sla reads the policies again, and the worker's next
cycle recomputes every open item's due times (services.escalation). A policy is deactivated
rather than deleted, so that the items that name it keep their history. Every function
takes an open Connection; the caller decides the transaction.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Optional

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ..core.configuration import PolicyInput
from ..core.errors import FieldProblem, NotFoundError, ValidationError
from ..core.sla import Clock
from .configuration import refuse_if_changed, require_row

_STORED = tuple(f.name for f in fields(PolicyInput))


@dataclass(frozen=True)
class PolicyRow(PolicyInput):
    """A stored policy: its input fields and its id."""

    id: int = 0

    @property
    def label(self) -> str:
        return f"SLA policy '{self.name}'"

    def as_input(self) -> PolicyInput:
        return PolicyInput(**{name: getattr(self, name) for name in _STORED})


_SELECT = """
    SELECT p.id, p.name, p.response_minutes, p.resolution_minutes, p.clock, p.calendar_id,
           p.classification, p.category_id, p.priority, p.ward_id, p.suburb_id,
           p.at_risk_percent, p.pause_statuses, p.reopen_restarts, p.escalate_every_minutes,
           p.repeat_count, p.repeat_window_days, p.is_active
      FROM imis.sla_policy AS p
"""


def _row(mapping) -> PolicyRow:
    values = dict(mapping)
    values["pause_statuses"] = tuple(values["pause_statuses"])
    return PolicyRow(**values)


def list_policies(connection: Connection) -> list[PolicyRow]:
    """Every policy, the active ones first."""
    rows = connection.execute(text(_SELECT + " ORDER BY p.is_active DESC, p.name")).mappings()
    return [_row(r) for r in rows]


def get_policy(connection: Connection, policy_id: int, *, lock: bool = False) -> PolicyRow:
    row = (
        connection.execute(
            text(_SELECT + " WHERE p.id = :id" + (" FOR UPDATE OF p" if lock else "")),
            {"id": policy_id},
        )
        .mappings()
        .one_or_none()
    )
    if row is None:
        raise NotFoundError(f"There is no SLA policy with id {policy_id}.")
    return _row(row)


_COLUMNS = ", ".join(_STORED)
_VALUES = ", ".join(f":{name}" for name in _STORED)


def create_policy(connection: Connection, policy: PolicyInput) -> PolicyRow:
    checked = _checked(connection, policy, None)
    policy_id = connection.execute(
        text(f"INSERT INTO imis.sla_policy ({_COLUMNS}) VALUES ({_VALUES}) RETURNING id"),
        _params(checked),
    ).scalar_one()
    return get_policy(connection, policy_id)


def update_policy(
    connection: Connection, policy_id: int, read: PolicyRow, policy: PolicyInput
) -> PolicyRow:
    """Saves `policy` over the row, provided it is still as `read` (else ConflictError)."""
    current = get_policy(connection, policy_id, lock=True)
    refuse_if_changed(current.label, asdict(read), asdict(current), _STORED)
    checked = _checked(connection, policy, policy_id)
    assignments = ", ".join(f"{name} = :{name}" for name in _STORED)
    connection.execute(
        text(f"UPDATE imis.sla_policy SET {assignments} WHERE id = :id"),
        {**_params(checked), "id": policy_id},
    )
    return get_policy(connection, policy_id)


def deactivate_policy(connection: Connection, policy_id: int, read: PolicyRow) -> PolicyRow:
    """New and recomputed items no longer get this policy; re-activate by editing it."""
    if not read.is_active:
        raise ValidationError.single("is_active", f"{read.label} is inactive already")
    current = get_policy(connection, policy_id, lock=True)
    refuse_if_changed(current.label, asdict(read), asdict(current), _STORED)
    connection.execute(
        text("UPDATE imis.sla_policy SET is_active = false WHERE id = :id"), {"id": policy_id}
    )
    return replace(current, is_active=False)


def _params(policy: PolicyInput) -> dict:
    values = {name: getattr(policy, name) for name in _STORED}
    values["pause_statuses"] = list(policy.pause_statuses)
    return values


def _checked(connection: Connection, policy: PolicyInput, policy_id: Optional[int]) -> PolicyInput:
    require_row(connection, "category", policy.category_id, "category", "category")
    require_row(connection, "ward", policy.ward_id, "ward", "ward")
    require_row(connection, "suburb", policy.suburb_id, "suburb", "suburb")
    if policy.clock == Clock.BUSINESS.value:
        require_row(connection, "calendar", policy.calendar_id, "calendar", "business calendar")
    checked = policy.validated()  # ValidationError naming every field's problem
    found: list[FieldProblem] = []
    same_name = connection.execute(
        text(
            "SELECT EXISTS (SELECT FROM imis.sla_policy WHERE lower(name) = lower(:name) "
            "AND id IS DISTINCT FROM CAST(:id AS integer))"
        ),
        {"name": checked.name, "id": policy_id},
    ).scalar()
    if same_name:
        found.append(FieldProblem("name", f"another policy is called '{checked.name}' already"))
    other = connection.execute(
        text(
            """
            SELECT name FROM imis.sla_policy
             WHERE classification IS NOT DISTINCT FROM CAST(:classification AS text)
               AND category_id IS NOT DISTINCT FROM CAST(:category_id AS integer)
               AND priority IS NOT DISTINCT FROM CAST(:priority AS smallint)
               AND ward_id IS NOT DISTINCT FROM CAST(:ward_id AS integer)
               AND suburb_id IS NOT DISTINCT FROM CAST(:suburb_id AS integer)
               AND id IS DISTINCT FROM CAST(:id AS integer)
            """
        ),
        {**_params(checked), "id": policy_id},
    ).scalar()
    if other is not None:
        found.append(
            FieldProblem(
                "scope",
                f"policy '{other}' covers the same classification, category, priority and "
                "place already: edit that policy (or re-activate it) instead",
            )
        )
    if found:
        raise ValidationError(found)
    return checked
