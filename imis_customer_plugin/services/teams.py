"""Teams of artisans as administrators edit them (imis.team, imis.team_member).

A team belongs to one department and holds active artisans of that department only: a task
assigned to the team is then done by people of the department whose board it is on. A team
is deleted only while nothing refers to it (tasks, routing rules); its members go with it.
Every function takes an open Connection; the caller decides the transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ..core.configuration import TeamInput
from ..core.errors import FieldProblem, NotFoundError, ValidationError
from .configuration import refuse_if_changed, require_row


@dataclass(frozen=True)
class TeamRow:
    id: int
    department_id: int
    department: str  # code
    name: str
    member_ids: tuple[int, ...]
    members: tuple[str, ...]  # full names, in the order of member_ids

    @property
    def label(self) -> str:
        return f"Team {self.name} ({self.department})"


_SELECT = """
    SELECT t.id, t.department_id, d.code AS department, t.name,
           coalesce(array_agg(s.id ORDER BY s.full_name, s.id) FILTER (WHERE s.id IS NOT NULL),
                    '{}') AS member_ids,
           coalesce(array_agg(s.full_name ORDER BY s.full_name, s.id)
                    FILTER (WHERE s.id IS NOT NULL), '{}') AS members
      FROM imis.team AS t
      JOIN imis.department AS d ON d.id = t.department_id
      LEFT JOIN imis.team_member AS m ON m.team_id = t.id
      LEFT JOIN imis.staff AS s ON s.id = m.staff_id
"""


def _row(row) -> TeamRow:
    return TeamRow(row.id, row.department_id, row.department, row.name,
                   tuple(row.member_ids), tuple(row.members))  # fmt: skip


def list_teams(connection: Connection, department_code: Optional[str] = None) -> list[TeamRow]:
    rows = connection.execute(
        text(
            _SELECT + " WHERE CAST(:code AS text) IS NULL OR d.code = :code "
            "GROUP BY t.id, d.code ORDER BY d.code, t.name"
        ),
        {"code": department_code},
    ).all()
    return [_row(r) for r in rows]


def get_team(connection: Connection, team_id: int, *, lock: bool = False) -> TeamRow:
    if lock:
        connection.execute(
            text("SELECT id FROM imis.team WHERE id = :id FOR UPDATE"), {"id": team_id}
        )
    row = connection.execute(
        text(_SELECT + " WHERE t.id = :id GROUP BY t.id, d.code"), {"id": team_id}
    ).one_or_none()
    if row is None:
        raise NotFoundError(f"There is no team with id {team_id}.")
    return _row(row)


def create_team(connection: Connection, team: TeamInput) -> TeamRow:
    checked = _checked(connection, team, None)
    team_id = connection.execute(
        text(
            "INSERT INTO imis.team (department_id, name) VALUES (:department, :name) RETURNING id"
        ),
        {"department": checked.department_id, "name": checked.name},
    ).scalar_one()
    _set_members(connection, team_id, checked.member_ids)
    return get_team(connection, team_id)


def update_team(connection: Connection, team_id: int, read: TeamRow, team: TeamInput) -> TeamRow:
    """Renames the team, moves it, and sets its members, if it is still as `read`."""
    current = get_team(connection, team_id, lock=True)
    refuse_if_changed(
        current.label,
        {"name": read.name, "department_id": read.department_id, "members": read.member_ids},
        {"name": current.name, "department_id": current.department_id,
         "members": current.member_ids},
        ("name", "department_id", "members"),
    )  # fmt: skip
    checked = _checked(connection, team, team_id)
    if checked.department_id != current.department_id:
        _refuse_if_used(connection, current, "moved to another department")
    connection.execute(
        text("UPDATE imis.team SET department_id = :department, name = :name WHERE id = :id"),
        {"department": checked.department_id, "name": checked.name, "id": team_id},
    )
    _set_members(connection, team_id, checked.member_ids)
    return get_team(connection, team_id)


def delete_team(connection: Connection, team_id: int, read: TeamRow) -> None:
    """Only a team nothing refers to; its memberships go with it."""
    current = get_team(connection, team_id, lock=True)
    refuse_if_changed(current.label, {"name": read.name}, {"name": current.name}, ("name",))
    _refuse_if_used(connection, current, "deleted")
    connection.execute(text("DELETE FROM imis.team WHERE id = :id"), {"id": team_id})


def _refuse_if_used(connection: Connection, team: TeamRow, doing: str) -> None:
    use = connection.execute(
        text(
            "SELECT (SELECT count(*) FROM imis.task WHERE assigned_team_id = :id) AS tasks, "
            "(SELECT count(*) FROM imis.routing_rule WHERE default_team_id = :id) AS rules"
        ),
        {"id": team.id},
    ).one()
    if use.tasks or use.rules:
        said = " and ".join(
            part
            for part in (
                f"{use.tasks} task(s) were assigned to it" if use.tasks else "",
                f"{use.rules} routing rule(s) name it" if use.rules else "",
            )
            if part
        )
        raise ValidationError.single(
            "team", f"{team.label} cannot be {doing}: {said}. Make a new team instead"
        )


def _set_members(connection: Connection, team_id: int, staff_ids: Sequence[int]) -> None:
    connection.execute(
        text(
            "DELETE FROM imis.team_member WHERE team_id = :team "
            "AND NOT staff_id = ANY(CAST(:ids AS integer[]))"
        ),
        {"team": team_id, "ids": list(staff_ids)},
    )
    connection.execute(
        text(
            "INSERT INTO imis.team_member (team_id, staff_id) "
            "SELECT :team, unnest(CAST(:ids AS integer[])) ON CONFLICT DO NOTHING"
        ),
        {"team": team_id, "ids": list(staff_ids)},
    )


def _checked(connection: Connection, team: TeamInput, team_id: Optional[int]) -> TeamInput:
    found = team.problems()
    cleaned = team.cleaned()
    department = require_row(
        connection, "department", team.department_id, "department", "department"
    )
    if department is not None and cleaned.name:
        same = connection.execute(
            text(
                "SELECT EXISTS (SELECT FROM imis.team WHERE department_id = :department "
                "AND lower(name) = lower(:name) AND id IS DISTINCT FROM CAST(:id AS integer))"
            ),
            {"department": department["id"], "name": cleaned.name, "id": team_id},
        ).scalar()
        if same:
            found.append(
                FieldProblem(
                    "name", f"{department['code']} has a team called {cleaned.name} already"
                )
            )
    found += _member_problems(connection, cleaned.member_ids, department)
    if found:
        raise ValidationError(found)
    return cleaned


def _member_problems(
    connection: Connection, staff_ids: Sequence[int], department: Optional[dict]
) -> list[FieldProblem]:
    if not staff_ids:
        return []
    rows = {
        r.id: r
        for r in connection.execute(
            text(
                "SELECT s.id, s.full_name, s.is_active, s.is_artisan, s.department_id, "
                "d.code FROM imis.staff AS s JOIN imis.department AS d "
                "ON d.id = s.department_id WHERE s.id = ANY(CAST(:ids AS integer[]))"
            ),
            {"ids": list(staff_ids)},
        )
    }
    found = []
    for staff_id in staff_ids:
        person = rows.get(staff_id)
        if person is None:
            found.append(FieldProblem("members", f"there is no staff member with id {staff_id}"))
        elif not person.is_active:
            found.append(FieldProblem("members", f"{person.full_name} is no longer active"))
        elif not person.is_artisan:
            found.append(FieldProblem("members", f"{person.full_name} is not an artisan"))
        elif department is not None and person.department_id != department["id"]:
            found.append(
                FieldProblem(
                    "members",
                    f"{person.full_name} works in {person.code}, not {department['code']}: a "
                    "team holds artisans of its own department only",
                )
            )
    return found
