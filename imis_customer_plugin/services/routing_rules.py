"""Routing rules as administrators edit them: category x ward/suburb -> department, default
assignee (an artisan or a team) and the kinds of tasks, in order (imis.routing_rule).

services.tasks reads them when it gives a located item its tasks (core.routing: the most
specific active rule wins). A rule is deactivated rather than deleted, so that the 'task'
events that name it keep their meaning. Every function takes an open Connection; the caller
decides the transaction. Bad input is refused with ValidationError naming every offending
field, and nothing is written.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Optional

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ..core.configuration import RuleInput
from ..core.errors import FieldProblem, NotFoundError, ValidationError
from .configuration import refuse_if_changed, require_row

# What an edit compares with the row the user read.
_STORED = ("category_id", "ward_id", "suburb_id", "department_id", "default_staff_id",
           "default_team_id", "task_kinds", "is_active")  # fmt: skip


@dataclass(frozen=True)
class RoutingRuleRow:
    id: int
    category_id: int
    category: str
    ward_id: Optional[int]
    ward: Optional[str]
    suburb_id: Optional[int]
    suburb: Optional[str]
    department_id: int
    department: str  # code
    default_staff_id: Optional[int]
    default_staff: Optional[str]
    default_team_id: Optional[int]
    default_team: Optional[str]
    task_kinds: tuple[str, ...]
    is_active: bool

    @property
    def label(self) -> str:
        where = self.suburb or self.ward or "the whole municipality"
        return f"Routing rule {self.id} ({self.category}, {where})"

    def as_input(self) -> RuleInput:
        return RuleInput(
            self.category_id,
            self.department_id,
            self.ward_id,
            self.suburb_id,
            self.default_staff_id,
            self.default_team_id,
            self.task_kinds,
            self.is_active,
        )


_SELECT = """
    SELECT r.id, r.category_id, c.name AS category, r.ward_id, w.name AS ward, r.suburb_id,
           s.name AS suburb, r.department_id, d.code AS department, r.default_staff_id,
           st.full_name AS default_staff, r.default_team_id, t.name AS default_team,
           r.task_kinds, r.is_active
      FROM imis.routing_rule AS r
      JOIN imis.category AS c ON c.id = r.category_id
      JOIN imis.department AS d ON d.id = r.department_id
      LEFT JOIN imis.ward AS w ON w.id = r.ward_id
      LEFT JOIN imis.suburb AS s ON s.id = r.suburb_id
      LEFT JOIN imis.staff AS st ON st.id = r.default_staff_id
      LEFT JOIN imis.team AS t ON t.id = r.default_team_id
"""


def _row(mapping) -> RoutingRuleRow:
    values = dict(mapping)
    values["task_kinds"] = tuple(values["task_kinds"])
    return RoutingRuleRow(**values)


def list_routing_rules(
    connection: Connection, *, include_inactive: bool = True
) -> list[RoutingRuleRow]:
    """By category, then city-wide before ward before suburb rules."""
    rows = connection.execute(
        text(
            _SELECT + " WHERE r.is_active OR :inactive "
            "ORDER BY c.name, r.suburb_id IS NOT NULL, r.ward_id IS NOT NULL, w.name, s.name, r.id"
        ),
        {"inactive": include_inactive},
    ).mappings()
    return [_row(r) for r in rows]


def get_routing_rule(connection: Connection, rule_id: int, *, lock: bool = False) -> RoutingRuleRow:
    row = (
        connection.execute(
            text(_SELECT + " WHERE r.id = :id" + (" FOR UPDATE OF r" if lock else "")),
            {"id": rule_id},
        )
        .mappings()
        .one_or_none()
    )
    if row is None:
        raise NotFoundError(f"There is no routing rule with id {rule_id}.")
    return _row(row)


def create_routing_rule(connection: Connection, rule: RuleInput) -> RoutingRuleRow:
    checked = _checked(connection, rule, None)
    rule_id = connection.execute(
        text(
            """
            INSERT INTO imis.routing_rule (category_id, ward_id, suburb_id, department_id,
                default_staff_id, default_team_id, task_kinds, is_active)
            VALUES (:category_id, :ward_id, :suburb_id, :department_id, :default_staff_id,
                    :default_team_id, :task_kinds, :is_active)
            RETURNING id
            """
        ),
        _params(checked),
    ).scalar_one()
    return get_routing_rule(connection, rule_id)


def update_routing_rule(
    connection: Connection, rule_id: int, read: RoutingRuleRow, rule: RuleInput
) -> RoutingRuleRow:
    """Saves `rule` over the row, provided it is still as `read` (else ConflictError)."""
    current = get_routing_rule(connection, rule_id, lock=True)
    refuse_if_changed(current.label, asdict(read), asdict(current), _STORED)
    checked = _checked(connection, rule, rule_id)
    connection.execute(
        text(
            """
            UPDATE imis.routing_rule SET category_id = :category_id, ward_id = :ward_id,
                   suburb_id = :suburb_id, department_id = :department_id,
                   default_staff_id = :default_staff_id, default_team_id = :default_team_id,
                   task_kinds = :task_kinds, is_active = :is_active
             WHERE id = :id
            """
        ),
        {**_params(checked), "id": rule_id},
    )
    return get_routing_rule(connection, rule_id)


def deactivate_routing_rule(
    connection: Connection, rule_id: int, read: RoutingRuleRow
) -> RoutingRuleRow:
    """The rule stops routing new items (tasks made by it stay); re-activate by editing it."""
    if not read.is_active:
        raise ValidationError.single("is_active", f"{read.label} is inactive already")
    current = get_routing_rule(connection, rule_id, lock=True)
    refuse_if_changed(current.label, asdict(read), asdict(current), _STORED)
    connection.execute(
        text("UPDATE imis.routing_rule SET is_active = false WHERE id = :id"), {"id": rule_id}
    )
    return replace(current, is_active=False)


def _params(rule: RuleInput) -> dict:
    values = asdict(rule)
    values["task_kinds"] = list(rule.task_kinds)
    return values


def _checked(connection: Connection, rule: RuleInput, rule_id: Optional[int]) -> RuleInput:
    """The rule when everything it names exists and fits; else every problem at once."""
    found = rule.problems()
    category = require_row(connection, "category", rule.category_id, "category", "category")
    require_row(connection, "department", rule.department_id, "department", "department")
    ward = require_row(connection, "ward", rule.ward_id, "ward", "ward")
    suburb = require_row(connection, "suburb", rule.suburb_id, "suburb", "suburb")
    staff = require_row(connection, "staff", rule.default_staff_id, "default_staff", "staff member")
    team = require_row(connection, "team", rule.default_team_id, "default_team", "team")
    if category is not None and rule.is_active and not category["is_active"]:
        found.append(FieldProblem("category", f"category {category['name']} is no longer used"))
    if staff is not None:
        if not staff["is_active"]:
            found.append(FieldProblem("default_staff", f"{staff['full_name']} is no longer active"))
        elif staff["department_id"] != rule.department_id:
            found.append(
                FieldProblem(
                    "default_staff",
                    f"{staff['full_name']} works in {staff['department']}: the default artisan "
                    "must work in the rule's department",
                )
            )
    if team is not None and team["department_id"] != rule.department_id:
        found.append(
            FieldProblem(
                "default_team",
                f"team {team['name']} belongs to {team['department']}, not the rule's department",
            )
        )
    if ward and suburb and not _overlap(connection, ward["id"], suburb["id"]):
        found.append(
            FieldProblem(
                "suburb", f"{suburb['name']} does not lie in {ward['name']}: choose one that does"
            )
        )
    if rule.category_id is not None:
        found += _scope_problems(connection, rule, rule_id)
    if found:
        raise ValidationError(found)
    return rule


def _overlap(connection: Connection, ward_id: int, suburb_id: int) -> bool:
    return connection.execute(
        text(
            "SELECT ST_Intersects(w.geom, s.geom) AND NOT ST_Touches(w.geom, s.geom) "
            "FROM imis.ward AS w, imis.suburb AS s WHERE w.id = :ward AND s.id = :suburb"
        ),
        {"ward": ward_id, "suburb": suburb_id},
    ).scalar_one()


def _scope_problems(
    connection: Connection, rule: RuleInput, rule_id: Optional[int]
) -> list[FieldProblem]:
    other = connection.execute(
        text(
            "SELECT id FROM imis.routing_rule WHERE category_id = :category "
            "AND ward_id IS NOT DISTINCT FROM CAST(:ward AS integer) "
            "AND suburb_id IS NOT DISTINCT FROM CAST(:suburb AS integer) "
            "AND id IS DISTINCT FROM CAST(:id AS integer)"
        ),
        {
            "category": rule.category_id,
            "ward": rule.ward_id,
            "suburb": rule.suburb_id,
            "id": rule_id,
        },
    ).scalar()
    if other is None:
        return []
    return [
        FieldProblem(
            "scope",
            f"routing rule {other} is for the same category and place already: edit that rule "
            "(or re-activate it) instead of adding another",
        )
    ]
