"""What the job card, cost and administration dialogs tell the user after a button: the notice
line, and the texts for a refusal, a conflict and a database error."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import QLabel, QSizePolicy, QWidget
from sqlalchemy.exc import SQLAlchemyError

from ...core.errors import ConflictError, ValidationError
from ..common import first_line, translated

ERROR_COLOUR = "#b2182b"
SUCCESS_COLOUR = "#1a7f37"
_MARK = "border: 2px solid #d7191c;"


class Notice(QLabel):
    """The dialog's one message line: what went wrong (with each offending field marked), or
    what was saved. Hidden while there is nothing to say."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("label_notice")
        self.setWordWrap(True)
        self.setTextFormat(Qt.PlainText)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Minimum)
        self.is_error = False
        self._marked: list[QWidget] = []
        self.hide()

    def clear_all(self) -> None:
        self.setText("")
        self.is_error = False
        self.hide()
        for widget in self._marked:
            widget.setStyleSheet(widget.property("plain_style") or "")
            widget.setToolTip(widget.property("plain_tooltip") or "")
        self._marked = []

    def error(self, text: str) -> None:
        self._say(text, "#fdecea", ERROR_COLOUR)
        self.is_error = True

    def success(self, text: str) -> None:
        self._say(text, "#e6f4ea", SUCCESS_COLOUR)
        self.is_error = False

    def info(self, text: str) -> None:
        self._say(text, "#e8f0fe", "#1f4e79")
        self.is_error = False

    def _say(self, text: str, background: str, colour: str) -> None:
        self.setText(text)
        self.setStyleSheet(
            f"QLabel {{ background: {background}; color: {colour}; border: 1px solid {colour}; "
            "border-radius: 3px; padding: 6px; }"
        )
        self.show()

    def mark(self, widget: QWidget, message: str) -> None:
        """A red frame round the field, and the problem in its tooltip."""
        if widget not in self._marked:
            widget.setProperty("plain_tooltip", widget.toolTip())
            widget.setProperty("plain_style", widget.styleSheet())
            self._marked.append(widget)
        plain = widget.property("plain_style") or ""
        widget.setStyleSheet(f"{plain} {type(widget).__name__} {{ {_MARK} }}".strip())
        widget.setToolTip(message)

    @property
    def marked(self) -> list[QWidget]:
        return list(self._marked)


def problem_lines(
    error: ValidationError, context: str, labels: Mapping[str, str]
) -> list[tuple[str, str]]:
    """(field, 'Field: message') for each problem, in the order the service named them."""
    return [
        (p.field, f"{translated(context, labels, p.field)}: {p.message}") for p in error.problems
    ]


# pylupdate5 extracts a translate() call only with a literal context and no comma after the
# text, hence "Feedback" in each call and the `fmt: skip` that keeps ruff from adding one.


def refused_text(button: str, lines: Iterable[str]) -> str:
    """Why `button` saved nothing: one line saying so, then a bullet for each problem."""
    intro = QCoreApplication.translate(
        "Feedback", "Not saved: {button} was refused. Nothing was changed."
    ).format(button=button)
    return "\n".join([intro, *(f"• {line}" for line in lines)])


def database_refused_text(error: SQLAlchemyError) -> str:
    """The database's own words, and what the user can do about it."""
    return QCoreApplication.translate(
        "Feedback",
        "The database refused it ({error}). Nothing was changed; check the connection and "
        "your rights, then try again."
    ).format(error=first_line(error))  # fmt: skip


def conflict_text(conflict: ConflictError, button: str) -> str:
    """Who changed it and when; then what happens to what the user typed."""
    when = (
        QCoreApplication.translate("Feedback", " at {time}").format(time=conflict.changed_at)
        if conflict.changed_at
        else ""
    )
    text = QCoreApplication.translate(
        "Feedback",
        "{what} was changed by {user}{when} after you opened it. Nothing of yours was saved: "
        "it is shown as it is now and what you typed is kept. Check it, then press {button} "
        "again."
    )  # fmt: skip
    return text.format(what=conflict.reference, user=conflict.changed_by, when=when, button=button)
