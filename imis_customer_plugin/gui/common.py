"""Small helpers every panel and dialog of the desk shares."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QApplication
from sqlalchemy.exc import SQLAlchemyError


@contextmanager
def busy() -> Iterator[None]:
    """The wait cursor while a service call runs."""
    QApplication.setOverrideCursor(Qt.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def first_line(error: SQLAlchemyError) -> str:
    """What the database said, without SQLAlchemy's statement dump."""
    original = getattr(error, "orig", None) or error
    text = str(original).strip()
    return text.splitlines()[0] if text else type(error).__name__


def sentence(text: object, *, capitalise: bool = False) -> str:
    """A service's message as a sentence: ending in a full stop (and capitalised if asked)."""
    said = str(text).strip()
    if capitalise:
        said = said[:1].upper() + said[1:]
    return said if said.endswith((".", "!", "?")) else said + "."
