"""What an administrator may save as configuration: routing rules, teams, SLA policies.

Pure rules on the values as typed; the services (services.routing_rules, services.teams,
services.sla_policies) add what needs the database (the category exists, the artisan works in
the team's department, no other rule has the same scope) and store what passes both. The
database's CHECKs (migrations 0005, 0006) say the same: they are the last line, these the
friendly first one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Optional

from .errors import FieldProblem, ValidationError
from .routing import MAX_KINDS_PER_RULE, kinds_problem
from .sla import Clock
from .workflow import CLASSIFICATIONS

MAX_NAME = 100
MAX_POLICY_NAME = 200
MAX_MINUTES = 2_147_483_647  # integer columns
MAX_SMALL = 32_767  # smallint columns
PRIORITIES = (1, 2, 3, 4)  # 1 = most urgent
PAUSE_STATUSES = ("pending", "deferred")


def parse_kinds(value: str | Sequence[str]) -> tuple[str, ...]:
    """'inspection, repair' (or a sequence) as the kinds in order, without blanks."""
    parts = re.split(r"[,;\s]+", value) if isinstance(value, str) else list(value)
    return tuple(p.strip().lower() for p in parts if p and p.strip())


def kinds_problems(kinds: Sequence[str]) -> list[FieldProblem]:
    problem = kinds_problem(
        kinds,
        "task_kinds",
        empty_hint=", e.g. repair",
        limit=MAX_KINDS_PER_RULE,
        too_many=f"a rule creates at most {MAX_KINDS_PER_RULE} tasks",
    )
    return [problem] if problem is not None else []


@dataclass(frozen=True)
class RuleInput:
    """A routing rule as typed: category x ward/suburb -> department, assignee, task kinds."""

    category_id: Optional[int]
    department_id: Optional[int]
    ward_id: Optional[int] = None
    suburb_id: Optional[int] = None
    default_staff_id: Optional[int] = None
    default_team_id: Optional[int] = None
    task_kinds: tuple[str, ...] = ("repair",)
    is_active: bool = True

    def problems(self) -> list[FieldProblem]:
        found: list[FieldProblem] = []
        if self.category_id is None:
            found.append(FieldProblem("category", "choose the category the rule is for"))
        if self.department_id is None:
            found.append(FieldProblem("department", "choose the department the work goes to"))
        if self.default_staff_id is not None and self.default_team_id is not None:
            found.append(
                FieldProblem(
                    "default_team",
                    "choose a default artisan or a default team, not both (the artisan "
                    "would always win)",
                )
            )
        found += kinds_problems(self.task_kinds)
        return found


def name_problem(field_name: str, name: str, limit: int = MAX_NAME) -> Optional[FieldProblem]:
    cleaned = name.strip()
    if not cleaned:
        return FieldProblem(field_name, "give a name")
    if len(cleaned) > limit:
        return FieldProblem(field_name, f"at most {limit} characters (it has {len(cleaned)})")
    return None


@dataclass(frozen=True)
class TeamInput:
    department_id: Optional[int]
    name: str
    member_ids: tuple[int, ...] = ()

    def problems(self) -> list[FieldProblem]:
        found = [p for p in (name_problem("name", self.name),) if p]
        if self.department_id is None:
            found.append(FieldProblem("department", "choose the team's department"))
        return found

    def cleaned(self) -> TeamInput:
        """Trimmed name, each member once."""
        members = tuple(dict.fromkeys(self.member_ids))
        return TeamInput(self.department_id, self.name.strip(), members)


@dataclass(frozen=True)
class PolicyInput:
    """An SLA policy as typed (imis.sla_policy); times in minutes of its clock."""

    name: str
    response_minutes: Optional[int]
    resolution_minutes: Optional[int]
    clock: str = Clock.BUSINESS.value
    calendar_id: Optional[int] = None
    classification: Optional[str] = None
    category_id: Optional[int] = None
    priority: Optional[int] = None
    ward_id: Optional[int] = None
    suburb_id: Optional[int] = None
    at_risk_percent: int = 75
    pause_statuses: tuple[str, ...] = ("deferred",)
    reopen_restarts: bool = True
    escalate_every_minutes: int = 480
    repeat_count: Optional[int] = None
    repeat_window_days: Optional[int] = None
    is_active: bool = True

    def problems(self) -> list[FieldProblem]:
        found = [p for p in (name_problem("name", self.name, MAX_POLICY_NAME),) if p]
        found += self._target_problems()
        if self.clock not in {c.value for c in Clock}:
            found.append(FieldProblem("clock", "business (working hours) or calendar (24/7)"))
        elif self.clock == Clock.BUSINESS.value and self.calendar_id is None:
            found.append(
                FieldProblem("calendar", "a business-hours clock needs the calendar it counts in")
            )
        if self.classification is not None and self.classification not in CLASSIFICATIONS:
            found.append(FieldProblem("classification", f"one of {', '.join(CLASSIFICATIONS)}"))
        if self.priority is not None and self.priority not in PRIORITIES:
            found.append(FieldProblem("priority", "1 (most urgent) to 4, or none for all"))
        if not 1 <= self.at_risk_percent <= 99:
            found.append(FieldProblem("at_risk_percent", "1 to 99 % of the target"))
        unknown = sorted(set(self.pause_statuses) - set(PAUSE_STATUSES))
        if unknown:
            found.append(
                FieldProblem(
                    "pause_statuses",
                    f"the clock pauses only while {' or '.join(PAUSE_STATUSES)}, not "
                    f"{', '.join(unknown)}",
                )
            )
        if not 0 < self.escalate_every_minutes <= MAX_MINUTES:
            found.append(FieldProblem("escalate_every_minutes", "a number of minutes, at least 1"))
        found += self._repeat_problems()
        return found

    def _target_problems(self) -> list[FieldProblem]:
        found = []
        response, resolution = self.response_minutes, self.resolution_minutes
        for name, value in (("response_minutes", response), ("resolution_minutes", resolution)):
            if value is None or not 0 < value <= MAX_MINUTES:
                found.append(FieldProblem(name, "a number of minutes, at least 1"))
        if not found and resolution < response:  # type: ignore[operator]
            found.append(
                FieldProblem(
                    "resolution_minutes",
                    f"the resolution target ({resolution} min) cannot be shorter than the "
                    f"response target ({response} min)",
                )
            )
        return found

    def _repeat_problems(self) -> list[FieldProblem]:
        count, days = self.repeat_count, self.repeat_window_days
        if (count is None) != (days is None):
            return [
                FieldProblem(
                    "repeat_count" if count is None else "repeat_window_days",
                    "give both the number of repeats and the days they fall within, or neither",
                )
            ]
        found = []
        if count is not None and not 2 <= count <= MAX_SMALL:
            found.append(FieldProblem("repeat_count", "at least 2 (the first and a repeat)"))
        if days is not None and not 0 < days <= MAX_SMALL:
            found.append(FieldProblem("repeat_window_days", "a number of days, at least 1"))
        return found

    def validated(self) -> PolicyInput:
        found = self.problems()
        if found:
            raise ValidationError(found)
        return PolicyInput(
            **{
                **{f.name: getattr(self, f.name) for f in fields(self)},
                "name": self.name.strip(),
                "pause_statuses": tuple(dict.fromkeys(self.pause_statuses)),
                # A calendar clock counts every minute: no calendar is needed or kept.
                "calendar_id": None if self.clock == Clock.CALENDAR.value else self.calendar_id,
            }
        )


def changes_between(
    read: Mapping[str, object], current: Mapping[str, object], names: Iterable[str]
) -> dict[str, tuple[object, object]]:
    """{field: (read, now)} of the fields of `names` whose values differ (lists and tuples
    compare alike): what changed between the row the user read and the row as it is now."""

    def same(value: object) -> object:
        return tuple(value) if isinstance(value, (list, tuple)) else value

    differing = [n for n in names if same(read.get(n)) != same(current.get(n))]
    return {n: (read.get(n), current.get(n)) for n in differing}
