"""Small helpers every panel and dialog of the desk shares."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from qgis.core import Qgis
from qgis.gui import QgsMessageBar, QgsMessageBarItem
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import QApplication, QLabel, QSizePolicy
from sqlalchemy.exc import SQLAlchemyError

from ..definitions import local_minute

NONE_SHOWN = "\u2014"  # an empty field, as every panel and dialog shows it


def local_time(value: dt.datetime | None) -> str:
    """A timestamptz as the municipality reads it: its own zone, to the minute."""
    return local_minute(value) if value else NONE_SHOWN


def translated(context: str, labels: Mapping, key: object) -> str:
    """The translated label of `key` (a QT_TRANSLATE_NOOP text of `context`), else the key."""
    text = labels.get(key)
    return QCoreApplication.translate(context, text) if text else str(key or NONE_SHOWN)


def push_wrapped(
    bar: QgsMessageBar, text: str, level: Qgis.MessageLevel, duration: int = 0
) -> None:
    """A message in a panel's own bar, wrapped: the docks are narrow."""
    label = QLabel(text, bar)  # a parent: C++ owns it, as the item expects
    label.setObjectName("label_message")
    label.setWordWrap(True)
    label.setTextFormat(Qt.PlainText)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    label.setAlignment(Qt.AlignLeft | Qt.AlignVCenter)
    label.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
    bar.pushItem(QgsMessageBarItem(label, level, duration))


def bar_texts(bar: QgsMessageBar) -> list[str]:
    """The messages a bar shows now, newest first."""
    return [item.widget().text() for item in bar.items() if item.widget()]


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
