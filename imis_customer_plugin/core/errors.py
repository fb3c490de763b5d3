"""Errors the user can act on. Every message says what is wrong and, where it helps, what to do."""

from __future__ import annotations

from dataclasses import dataclass, field


class ImisError(Exception):
    """Base of every error whose message is meant for the user."""


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ValidationError(ImisError):
    """Input that cannot be saved; names every offending field."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))

    @classmethod
    def single(cls, field_name: str, message: str) -> ValidationError:
        return cls([FieldProblem(field_name, message)])


class NotFoundError(ImisError):
    """A reference, erf, address or account that does not exist."""


@dataclass
class ConflictError(ImisError):
    """Somebody else saved the row after the user read it; nothing of ours was written."""

    reference: str
    expected_version: int
    current_version: int
    changed_by: str = "someone"
    changed_at: str = ""
    changes: dict[str, tuple[object, object]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(self.message())

    def message(self) -> str:
        what = ", ".join(f"{name}: {old!r} → {new!r}" for name, old, new in self._listed()) or (
            "details"
        )
        when = f" at {self.changed_at}" if self.changed_at else ""
        return (
            f"{self.reference} was changed by {self.changed_by}{when} after you opened it "
            f"({what}). Your changes were not saved: reload it and apply them again."
        )

    def _listed(self) -> list[tuple[str, object, object]]:
        return [(name, old, new) for name, (old, new) in sorted(self.changes.items())]
