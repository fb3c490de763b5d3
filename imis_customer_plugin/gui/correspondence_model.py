"""Table model of the register list: keyset pages fetched as the user scrolls."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from qgis.PyQt.QtCore import QAbstractTableModel, QModelIndex, Qt

from ..core.workflow import Status
from ..definitions import DISPLAY_TIMEZONE
from ..layers.status_style import STATUS_STYLES
from ..services.search import ListRow, Page

PageFetcher = Callable[["tuple[dt.datetime, int] | None"], Page]
COLUMNS = (
    ("reference", "Reference"),
    ("logged_at", "Logged"),
    ("status", "Status"),
    ("classification", "Classification"),
    ("category", "Category"),
    ("customer", "Customer"),
    ("erf_number", "Erf"),
)


class CorrespondenceModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[ListRow] = []
        self._fetch: PageFetcher | None = None
        self._next_after: tuple[dt.datetime, int] | None = None

    def reset_with(self, first: Page, fetch: PageFetcher) -> None:
        self.beginResetModel()
        self._rows = list(first.rows)
        self._next_after = first.next_after
        self._fetch = fetch
        self.endResetModel()

    def row_at(self, row: int) -> ListRow:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.tr(COLUMNS[section][1])
        return None

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid() or role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        column = COLUMNS[index.column()][0]
        value = getattr(self._rows[index.row()], column)
        if column == "status":
            return STATUS_STYLES[Status(value)].translated_label()  # as in the map legend
        if isinstance(value, dt.datetime):
            return value.astimezone(DISPLAY_TIMEZONE).strftime("%Y-%m-%d %H:%M")
        return str(value).replace("_", " ")

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._next_after is not None

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: B008
        """Called by the view when the user scrolls to the end: one keyset page more."""
        if self._fetch is None or self._next_after is None:
            return
        page = self._fetch(self._next_after)
        if page.rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page.rows) - 1)
            self._rows += page.rows
            self.endInsertRows()
        self._next_after = page.next_after
