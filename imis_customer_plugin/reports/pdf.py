"""A report as a PDF through QgsLayout: a title block saying what was filtered, when and from
which database, then the map (with legend, scale bar and north arrow), the charts and the
tables, flowing over as many A4 pages as they need, each page numbered."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from qgis.core import (
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemManualTable,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutMultiFrame,
    QgsLayoutPoint,
    QgsLayoutTable,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsTableCell,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor

from ..core.reports import Cell, Chart, Report, Table
from ..definitions import APPLICATION_NAME, local_minute
from ..layouts.sheet import (
    ACCENT,
    INK,
    MARGIN,
    MUTED,
    PAGE_HEIGHT,
    RULE,
    WIDTH,
    LayoutSheet,
    export_pdf,
)
from .charts import draw_chart

FOOTER = 8.0  # mm kept free at the foot of each page
BOTTOM = PAGE_HEIGHT - MARGIN - FOOTER
CHART_HEIGHT = 82.0
MAP_HEIGHT = 150.0
LEGEND_WIDTH = 50.0
TEXT_HEIGHT = 3.2  # mm of a table row's text at 7.5 pt; margins and grid come on top
CELL_MARGIN = 0.9
GRID = 0.15
ROW_HEIGHT = TEXT_HEIGHT + 2 * CELL_MARGIN + GRID
CHAR_WIDTH = 1.6  # mm a character takes at 7.5 pt, on the generous side (DejaVu Sans)
MAX_HEADER_LINES = 4
CAPTION_SIZE = 6.5  # pt, bold
CAPTION_CHAR = 1.45  # mm a caption's character takes, on the generous side
TEXT_CHAR = 1.75  # mm a letter may take at 7.5 pt: text is cut so that it never wraps
SHORTEST_TEXT = 12  # characters a text column keeps when the page is too narrow
PRINTED_ROWS = 60  # a longer table is cut in print; the XLSX and CSV files hold every row
MIN_ROWS_ON_PAGE = 3  # a table does not start with fewer rows at the foot of a page
HEADER_FILL = "#e8eef5"


def export_report_pdf(
    report: Report,
    path: str | Path,
    *,
    map_layers: Sequence[QgsVectorLayer] = (),
    map_title: str = "",
) -> Path:
    """Writes the report as a PDF at `path` and returns the path. `map_layers` (top first) make
    the map; without them the report has none. Raises OSError when the file cannot be written.
    """
    project = QgsProject()
    with tempfile.TemporaryDirectory(prefix="imis-report-") as charts:
        layout = report_layout(project, report, Path(charts), map_layers, map_title)
        return export_pdf(layout, path, f"The {report.kind} report")


def report_layout(
    project: QgsProject,
    report: Report,
    chart_folder: Path,
    map_layers: Sequence[QgsVectorLayer] = (),
    map_title: str = "",
) -> QgsPrintLayout:
    """The report's print layout; the map's layers join `project`, which must outlive it."""
    return _ReportLayout(project, report, chart_folder, map_layers, map_title).build()


def format_cell(value: Cell) -> str:
    """A cell as printed: thousands in groups of three (SA style), SAST times, a dash for none."""
    if value is None:
        return NONE
    for kind, shown in _FORMATS:
        if isinstance(value, kind):
            return shown(value)
    return str(value)


NONE = "\u2013"
_FORMATS = (  # bool before int (a bool is an int), datetime before date
    (bool, lambda v: "yes" if v else "no"),
    (int, lambda v: f"{v:,}".replace(",", " ")),
    (Decimal, lambda v: f"{v:,.2f}".replace(",", " ")),
    (float, lambda v: f"{v:.3g}" if abs(v) < 1 else f"{v:,.1f}".replace(",", " ")),
    (dt.datetime, local_minute),
    (dt.date, lambda v: v.isoformat()),
)


class _ReportLayout(LayoutSheet):
    def __init__(
        self,
        project: QgsProject,
        report: Report,
        chart_folder: Path,
        map_layers: Sequence[QgsVectorLayer],
        map_title: str,
    ) -> None:
        super().__init__(project)
        self.report = report
        self.chart_folder = chart_folder
        self.map_layers = list(map_layers)
        self.map_title = map_title
        self.y = MARGIN

    def build(self) -> QgsPrintLayout:
        self.layout.setName(self.report.title)
        self.add_page()
        self._title_block()
        if self.map_layers:
            self._map()
        for chart in self.report.charts:
            self._chart(chart)
        for table in self.report.tables:
            self._table(table)
        if self.report.notes:
            self._notes()
        for page in range(self.layout.pageCollection().pageCount()):
            self.page = page
            self._footer()
        return self.layout

    # -- flow ------------------------------------------------------------------------------

    def add_page(self) -> int:
        self.y = MARGIN  # the flow continues at the top of the new page
        return super().add_page()

    def _room_for(self, height: float) -> None:
        """Starts a new page unless `height` mm fit below what is already placed."""
        if self.y + height > BOTTOM:
            self.add_page()

    # -- parts -------------------------------------------------------------------------------

    def _title_block(self) -> None:
        report = self.report
        self.label(APPLICATION_NAME.upper(), MARGIN, self.y, WIDTH, 4, 7.5, color=MUTED)
        self.label(report.title, MARGIN, self.y + 4, WIDTH, 9, 17, bold=True, color=ACCENT)
        lines = report.header_lines()
        top = self.y + 14
        self.label("\n".join(lines), MARGIN, top, WIDTH, 4.2 * len(lines), 8.5)
        self.y = top + 4.2 * len(lines) + 1.5
        self.rule(MARGIN, self.y, MARGIN + WIDTH, self.y, color=ACCENT, width=0.4)
        self.y += 4

    def _map(self) -> None:
        self._room_for(MAP_HEIGHT + 6)
        if self.map_title:
            self.heading(self.map_title, MARGIN, self.y, WIDTH)
            self.y += 5.5
        map_width = WIDTH - LEGEND_WIDTH - 4
        self.project.addMapLayers(self.map_layers, False)
        item_map = QgsLayoutItemMap(self.layout)
        item_map.setCrs(self.map_layers[0].crs())
        item_map.setLayers(self.map_layers)
        item_map.setKeepLayerSet(True)
        item_map.setFrameEnabled(True)
        item_map.setFrameStrokeColor(QColor(RULE))
        self.layout.addLayoutItem(item_map)
        self.place(item_map, MARGIN, self.y, map_width, MAP_HEIGHT)
        item_map.setExtent(_extent(self.map_layers, map_width / MAP_HEIGHT))
        self.scale_bar(item_map, MARGIN + 2, self.y + MAP_HEIGHT - 9, map_width)
        self.north_arrow(item_map, MARGIN + map_width - 11, self.y + 2)
        self._legend(item_map, MARGIN + map_width + 4, self.y)
        self.y += MAP_HEIGHT + 6

    def _legend(self, item_map: QgsLayoutItemMap, x: float, y: float) -> None:
        legend = QgsLayoutItemLegend(self.layout)
        legend.setLinkedMap(item_map)
        legend.setAutoUpdateModel(False)
        root = legend.model().rootGroup()
        root.removeAllChildren()
        for layer in self.map_layers:
            root.addLayer(layer)
        legend.setTitle("Legend")
        for style, size, bold in (
            (QgsLegendStyle.Title, 9, True),
            (QgsLegendStyle.Subgroup, 8, True),
            (QgsLegendStyle.SymbolLabel, 7.5, False),
        ):
            legend.rstyle(style).setFont(self.font(size, bold))
        legend.setSymbolWidth(5)
        legend.setSymbolHeight(3.5)
        legend.setWrapString("|")
        self.layout.addLayoutItem(legend)
        legend.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutMillimeters), page=self.page)
        legend.adjustBoxSize()

    def _chart(self, chart: Chart) -> None:
        self._room_for(CHART_HEIGHT + 2)
        path = draw_chart(chart, self.chart_folder / f"{chart.key}.svg", WIDTH, CHART_HEIGHT)
        picture = QgsLayoutItemPicture(self.layout)
        picture.setPicturePath(str(path), QgsLayoutItemPicture.FormatSVG)
        picture.setResizeMode(QgsLayoutItemPicture.Zoom)
        self.layout.addLayoutItem(picture)
        self.place(picture, MARGIN, self.y, WIDTH, CHART_HEIGHT)
        self.y += CHART_HEIGHT + 4

    def _table(self, table: Table) -> None:
        """The table under its title, split over pages with the header row repeated."""
        self._room_for(6 + (1 + min(MIN_ROWS_ON_PAGE, max(1, len(table.rows)))) * ROW_HEIGHT)
        self.heading(table.title, MARGIN, self.y, WIDTH)
        self.y += 5.5
        numeric = [_is_numeric_column(table, n) for n in range(len(table.columns))]
        widths = _column_widths(table, numeric)
        rows = [
            [
                format_cell(value) if number else _fit(format_cell(value), width)
                for value, width, number in zip(row, widths, numeric)
            ]
            for row in table.rows[:PRINTED_ROWS]
        ]  # numbers are never cut: their columns are wide enough
        if not rows:
            rows = [["No items for this filter"] + [""] * (len(table.columns) - 1)]
        header_lines = max(_lines(caption, width) for caption, width in zip(table.columns, widths))
        header = header_lines * TEXT_HEIGHT + 2 * CELL_MARGIN + GRID
        while rows:
            fit = max(1, int((BOTTOM - self.y - header) // ROW_HEIGHT))
            if fit < MIN_ROWS_ON_PAGE and len(rows) > fit:
                self.add_page()
                continue
            chunk, rows = rows[:fit], rows[fit:]
            self._table_frame(table.columns, chunk, widths, numeric, header_lines)
            if rows:
                self.add_page()
        note = table.note
        if len(table.rows) > PRINTED_ROWS:
            total = format_cell(len(table.rows))
            cut = f"The first {PRINTED_ROWS} of {total} rows; the XLSX and CSV files hold them all."
            note = f"{cut} {note}".strip()
        if note:
            self._room_for(8)
            self.label(note, MARGIN, self.y - 2, WIDTH, 7, 7, italic=True, color=MUTED)
            self.y += 6
        self.y += 3

    def _table_frame(
        self,
        columns: Sequence[str],
        rows: list[list[str]],
        widths: list[float],
        numeric: list[bool],
        header_lines: int,
    ) -> None:
        header = [self._cell(caption, numeric[n], header=True) for n, caption in enumerate(columns)]
        body = [[self._cell(text, numeric[n]) for n, text in enumerate(row)] for row in rows]
        table = QgsLayoutItemManualTable.create(self.layout)
        self.layout.addMultiFrame(table)
        table.setIncludeTableHeader(False)  # a header of its own: it keeps column alignment
        table.setCellMargin(CELL_MARGIN)
        table.setGridStrokeWidth(GRID)
        table.setGridColor(QColor(RULE))
        table.setContentTextFormat(self.text_format(7.5))
        table.setBackgroundColor(QColor("#ffffff"))
        grid = GRID * (len(widths) + 1) / len(widths)
        table.setColumnWidths([width - 2 * CELL_MARGIN - grid for width in widths])
        # Captions wrap over their lines; the cells were cut to fit, so they never wrap.
        table.setRowHeights([TEXT_HEIGHT * header_lines] + [TEXT_HEIGHT] * len(body))
        table.setWrapBehavior(QgsLayoutTable.WrapText)
        table.setTableContents([header, *body])
        table.setResizeMode(QgsLayoutMultiFrame.UseExistingFrames)
        height = (len(body) + 1) * ROW_HEIGHT + (header_lines - 1) * TEXT_HEIGHT + GRID
        frame = QgsLayoutFrame(self.layout, table)
        self.place(frame, MARGIN, self.y, WIDTH, height)
        table.addFrame(frame)
        self.y += height + 2

    def _cell(self, text: str, numeric: bool, *, header: bool = False) -> QgsTableCell:
        cell = QgsTableCell(text)
        if header:
            cell.setTextFormat(self.text_format(CAPTION_SIZE, bold=True, color=INK))
            cell.setBackgroundColor(QColor(HEADER_FILL))
        cell.setHorizontalAlignment(Qt.AlignRight if numeric else Qt.AlignLeft)
        return cell

    def _notes(self) -> None:
        text = "\n".join(self.report.notes)
        height = 4 * (text.count("\n") + 1) + 6
        self._room_for(height)
        self.heading("Notes", MARGIN, self.y, WIDTH)
        self.label(text, MARGIN, self.y + 5.5, WIDTH, height - 5, 7.5, color=INK)
        self.y += height + 2

    def _footer(self) -> None:
        title = self.report.title.replace("[%", "[\u200b%")
        footer = QgsLayoutItemLabel(self.layout)
        # The page numbers are QGIS expressions; the title above is not.
        footer.setText(f"{APPLICATION_NAME} · {title} · page [% @layout_page %] of "
                       "[% @layout_numpages %]")  # fmt: skip
        footer.setFont(self.font(7))
        footer.setFontColor(QColor(MUTED))
        footer.setHAlign(Qt.AlignRight)
        self.layout.addLayoutItem(footer)
        self.place(footer, MARGIN, PAGE_HEIGHT - MARGIN - 3, WIDTH, 4)
        self.rule(MARGIN, PAGE_HEIGHT - MARGIN - 4, MARGIN + WIDTH, PAGE_HEIGHT - MARGIN - 4)


def _extent(layers: Sequence[QgsVectorLayer], aspect: float) -> QgsRectangle:
    """All layers' extent, grown to the map frame's aspect with a 3 % margin."""
    extent = QgsRectangle(layers[0].extent())
    for layer in layers[1:]:
        extent.combineExtentWith(layer.extent())
    extent.scale(1.03)
    width, height = extent.width(), extent.height()
    if height and width / height < aspect:
        width = height * aspect
    else:
        height = width / aspect
    centre = extent.center()
    return QgsRectangle(
        centre.x() - width / 2, centre.y() - height / 2, centre.x() + width / 2,
        centre.y() + height / 2,
    )  # fmt: skip


def _column_widths(table: Table, numeric: list[bool]) -> list[float]:
    """Widths (mm) that show every number whole and each caption's longest word on a line;
    room left over goes where captions would wrap most, and only text is cut when the page
    is too narrow (first 200 rows measured)."""
    sample = table.rows[:200]
    needs, wants = [], []
    for n, caption in enumerate(table.columns):
        longest = CHAR_WIDTH * max((len(format_cell(row[n])) for row in sample), default=1)
        word = CAPTION_CHAR * max((len(w) for w in caption.split()), default=1)
        shortest = longest if numeric[n] else min(longest, CHAR_WIDTH * SHORTEST_TEXT)
        needs.append(_width(max(shortest, word)))
        wants.append(_width(max(longest, word, CAPTION_CHAR * len(caption) / 2)))
    if sum(wants) <= WIDTH:
        return [WIDTH * want / sum(wants) for want in wants]
    spare = WIDTH - sum(needs)
    if spare <= 0:  # too narrow even for the needs: text columns give up their room first
        text_room = WIDTH - sum(need for need, number in zip(needs, numeric) if number)
        text_needs = sum(need for need, number in zip(needs, numeric) if not number)
        if text_needs and text_room > 8 * numeric.count(False):
            return [need if number else need * text_room / text_needs
                    for need, number in zip(needs, numeric)]  # fmt: skip
        return [WIDTH * need / sum(needs) for need in needs]
    extra = [want - need for want, need in zip(wants, needs)]
    return [need + spare * more / sum(extra) for need, more in zip(needs, extra)]


def _width(text_mm: float) -> float:
    return text_mm + 2 * CELL_MARGIN + 0.6


def _room(width: float) -> int:
    """Characters of text that fit a column of `width` mm."""
    return max(1, int((width - 2 * CELL_MARGIN) / TEXT_CHAR))


def _fit(text: str, width: float) -> str:
    room = _room(width)
    return text if len(text) <= room else text[: room - 1] + "\u2026"


def _lines(caption: str, width: float) -> int:
    """Lines a caption wraps onto (greedy, by words), at most MAX_HEADER_LINES."""
    room = max(1, int((width - 2 * CELL_MARGIN) / CAPTION_CHAR))
    lines, used = 1, 0
    for word in caption.split():
        if used and used + 1 + len(word) > room:
            lines, used = lines + 1, len(word)
        else:
            used += len(word) + (1 if used else 0)
    return min(lines, MAX_HEADER_LINES)


def _is_numeric_column(table: Table, n: int) -> bool:
    values = [row[n] for row in table.rows if row[n] is not None]
    return bool(values) and all(
        isinstance(v, (int, float, Decimal)) and not isinstance(v, bool) for v in values
    )
