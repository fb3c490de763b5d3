"""Building blocks of our printed pages (QgsLayout): labels, boxes, rules, tables' text,
a scale bar and a north arrow, placed in millimetres on the page being built, and the PDF
export. The job card and the reports are made of them."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsFillSymbol,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemPolyline,
    QgsLayoutItemScaleBar,
    QgsLayoutItemShape,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLineSymbol,
    QgsPathResolver,
    QgsPrintLayout,
    QgsProject,
    QgsRenderContext,
    QgsScaleBarSettings,
    QgsSymbolLayerUtils,
    QgsTextFormat,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import QPointF, Qt
from qgis.PyQt.QtGui import QColor, QFont, QPolygonF

from ..layers.symbols import label_font

PAGE_WIDTH, PAGE_HEIGHT = 210.0, 297.0  # A4 portrait, mm
MARGIN = 12.0
WIDTH = PAGE_WIDTH - 2 * MARGIN
INK = "#1a1a1a"
MUTED = "#6b6b6b"
RULE = "#9a9a9a"
ACCENT = "#1f4e79"
ROUND_LENGTHS = (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000)
NORTH_ARROW = "arrows/NorthArrow_02.svg"


class LayoutSheet:
    """A print layout being built page by page; `page` is where `place` puts items."""

    def __init__(self, project: QgsProject) -> None:
        self.project = project
        self.layout = QgsPrintLayout(project)
        self.family = label_font().family()
        self.page = 0

    def add_page(self) -> int:
        """A new A4 portrait page, which becomes the page items are placed on."""
        page = QgsLayoutItemPage(self.layout)
        page.setPageSize("A4", QgsLayoutItemPage.Portrait)
        self.layout.pageCollection().addPage(page)
        self.page = self.layout.pageCollection().pageCount() - 1
        return self.page

    def font(self, size: float, bold: bool = False, italic: bool = False) -> QFont:
        font = QFont(self.family)
        font.setPointSizeF(size)
        font.setBold(bold)
        font.setItalic(italic)
        return font

    def place(self, item, x: float, y: float, w: float, h: float) -> None:
        item.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutMillimeters), page=self.page)
        item.attemptResize(QgsLayoutSize(w, h, QgsUnitTypes.LayoutMillimeters))

    def label(
        self,
        text: str,
        x: float,
        y: float,
        w: float,
        h: float,
        size: float = 9.0,
        *,
        bold: bool = False,
        italic: bool = False,
        color: str = INK,
        align: Qt.AlignmentFlag = Qt.AlignLeft,
        valign: Qt.AlignmentFlag = Qt.AlignTop,
    ) -> QgsLayoutItemLabel:
        label = QgsLayoutItemLabel(self.layout)
        label.setText(text.replace("[%", "[\u200b%"))  # user text is no QGIS expression
        label.setFont(self.font(size, bold, italic))
        label.setFontColor(QColor(color))
        label.setHAlign(align)
        label.setVAlign(valign)
        label.setMarginX(0)
        label.setMarginY(0)
        self.layout.addLayoutItem(label)
        self.place(label, x, y, w, h)
        return label

    def box(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        stroke: str = INK,
        width: float = 0.25,
        fill: str | None = None,
    ) -> QgsLayoutItemShape:
        shape = QgsLayoutItemShape(self.layout)
        shape.setShapeType(QgsLayoutItemShape.Rectangle)
        shape.setSymbol(
            QgsFillSymbol.createSimple(
                {
                    "color": fill or "0,0,0,0",
                    "style": "solid" if fill else "no",
                    "outline_color": stroke,
                    "outline_width": str(width),
                    "outline_width_unit": "MM",
                    "joinstyle": "miter",
                }
            )
        )
        self.layout.addLayoutItem(shape)
        self.place(shape, x, y, w, h)
        return shape

    def rule(
        self, x1: float, y1: float, x2: float, y2: float, color: str = RULE, width: float = 0.2
    ) -> None:
        top = self.layout.pageCollection().page(self.page).pos().y()  # nodes are layout coordinates
        points = [QPointF(x1, top + y1), QPointF(x2, top + y2)]
        line = QgsLayoutItemPolyline(QPolygonF(points), self.layout)
        line.setSymbol(
            QgsLineSymbol.createSimple(
                {"line_color": color, "line_width": str(width), "line_width_unit": "MM"}
            )
        )
        self.layout.addLayoutItem(line)

    def field(
        self,
        caption: str,
        value: str,
        x: float,
        y: float,
        w: float,
        h: float,
        size: float = 9.5,
        *,
        bold: bool = False,
    ) -> None:
        """A box with a small caption and its value (or room to write one)."""
        self.box(x, y, w, h, stroke=RULE)
        self.label(caption.upper(), x + 1.6, y + 1.2, w - 3.2, 3.2, 6.0, color=MUTED)
        if value:
            self.label(value, x + 1.6, y + 4.6, w - 3.2, h - 5.4, size, bold=bold)

    def heading(self, text: str, x: float, y: float, w: float) -> None:
        self.label(text, x, y, w, 4.5, 8.5, bold=True, color=ACCENT)

    def text_format(
        self, size: float, *, bold: bool = False, color: str | None = INK
    ) -> QgsTextFormat:
        """Text of `size` points; in `color`, or in QgsTextFormat's own colour when None."""
        text_format = QgsTextFormat()
        text_format.setFont(self.font(size, bold=bold))
        text_format.setSize(size)
        text_format.setSizeUnit(QgsUnitTypes.RenderPoints)
        if color is not None:
            text_format.setColor(QColor(color))
        return text_format

    def scale_bar(self, item_map: QgsLayoutItemMap, x: float, y: float, map_w: float) -> None:
        bar = QgsLayoutItemScaleBar(self.layout)
        bar.setStyle("Single Box")
        bar.setLinkedMap(item_map)
        bar.setUnits(QgsUnitTypes.DistanceMeters)
        bar.setUnitLabel("m")
        bar.setMapUnitsPerScaleBarUnit(1)
        bar.setNumberOfSegmentsLeft(0)
        bar.setNumberOfSegments(2)
        bar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeFixed)
        bar.setUnitsPerSegment(_segment(item_map.scale(), map_w))
        bar.setHeight(1.5)
        bar.setBoxContentSpace(1.2)
        bar.setTextFormat(self.text_format(7, color=None))
        bar.setBackgroundEnabled(True)
        bar.setBackgroundColor(QColor(255, 255, 255, 230))
        self.layout.addLayoutItem(bar)
        bar.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutMillimeters), page=self.page)
        bar.refreshItemSize()

    def north_arrow(self, item_map: QgsLayoutItemMap, x: float, y: float) -> None:
        arrow = QgsLayoutItemPicture(self.layout)
        arrow.setPicturePath(_north_arrow_svg())
        arrow.setLinkedMap(item_map)
        arrow.setNorthMode(QgsLayoutItemPicture.GridNorth)
        arrow.setBackgroundEnabled(True)
        arrow.setBackgroundColor(QColor(255, 255, 255, 230))
        self.layout.addLayoutItem(arrow)
        self.place(arrow, x, y, 9, 11)


def export_pdf(layout: QgsPrintLayout, path: str | Path, what: str) -> Path:
    """Writes `layout` as a PDF with searchable text; raises OSError naming `what` on failure."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # a file where the folder should be, no right to create it
        raise OSError(f"{what} could not be written to {target}: {error.strerror}.") from error
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = 300
    settings.rasterizeWholeImage = False
    settings.forceVectorOutput = True
    settings.textRenderFormat = QgsRenderContext.TextFormatAlwaysText  # searchable, crisp
    result = QgsLayoutExporter(layout).exportToPdf(str(target), settings)
    if result != QgsLayoutExporter.Success:
        raise OSError(f"{what} could not be written to {target} (QGIS error {result}).")
    return target


def _segment(scale: float, map_width_mm: float) -> float:
    """A round segment length (m): two segments make about a quarter of the map's width."""
    target = scale * map_width_mm / 1000 / 8
    return float(next((step for step in ROUND_LENGTHS if step >= target), ROUND_LENGTHS[-1]))


def _north_arrow_svg() -> str:
    found = QgsSymbolLayerUtils.svgSymbolNameToPath(NORTH_ARROW, QgsPathResolver())
    return found or str(Path(QgsApplication.pkgDataPath()) / "svg" / NORTH_ARROW)
