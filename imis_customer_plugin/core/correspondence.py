"""A new correspondence as the caller describes it, and the checks it must pass before logging."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import FieldProblem, ValidationError
from .workflow import Channel, Classification

MAX_DESCRIPTION = 4000


@dataclass(frozen=True)
class NewCorrespondence:
    """Step 1 of logging: who, what, classification, category, channel."""

    category_code: str
    channel: str
    description: str
    classification: str | None = None  # None: the category's default
    priority: int | None = None  # None: the category's default; 1 = critical .. 4 = low
    customer_id: int | None = None  # None and no account: anonymous
    account_number: str | None = None
    is_internal: bool = False

    def problems(self) -> list[FieldProblem]:
        found: list[FieldProblem] = []
        if not self.category_code.strip():
            found.append(FieldProblem("category", "choose a category"))
        if self.channel not in {c.value for c in Channel}:
            found.append(FieldProblem("channel", f"unknown channel '{self.channel}'"))
        if self.classification is not None and self.classification not in {
            c.value for c in Classification
        }:
            found.append(
                FieldProblem("classification", f"unknown classification '{self.classification}'")
            )
        text = self.description.strip()
        if not text:
            found.append(FieldProblem("description", "describe what the customer reports"))
        elif len(text) > MAX_DESCRIPTION:
            found.append(
                FieldProblem(
                    "description", f"{len(text)} characters; at most {MAX_DESCRIPTION} fit"
                )
            )
        if self.priority is not None and not 1 <= self.priority <= 4:
            found.append(FieldProblem("priority", "must be 1 (critical) to 4 (low)"))
        if self.is_internal and self.channel != Channel.INTERNAL.value:
            found.append(FieldProblem("channel", "an internal complaint comes in as 'internal'"))
        return found

    def validate(self) -> None:
        found = self.problems()
        if found:
            raise ValidationError(found)
