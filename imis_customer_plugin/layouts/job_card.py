"""The printable job card: one A4 page for the artisan who works on paper.

What the desk knows (the item, where it is, who reported it, the task, the asset) is printed;
what the artisan reports (arrival and completion, work performed, costs, the asset's
condition, the sign-off) has ruled boxes to write in, or the values once the card is
completed. A map shows the place with the parcels and assets around it, to scale.

Data come from the services (SQLAlchemy); the map's layers from PostGIS through the
project's layer source (layers.open_source), so the map draws what the register holds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from qgis.core import (
    QgsLayoutFrame,
    QgsLayoutItemManualTable,
    QgsLayoutItemMap,
    QgsLayoutMeasurement,
    QgsLayoutMultiFrame,
    QgsLayoutTable,
    QgsLineSymbol,
    QgsPalLayerSettings,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsTableCell,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor
from sqlalchemy.engine import Connection, Engine

from ..core.job_cards import CONDITIONS, LineKind
from ..db.connection import ConnectionSettings, create_db_engine
from ..definitions import APPLICATION_NAME, local_minute
from ..layers.reference import ReferenceLayers
from ..layers.source import ImisSource, open_source
from ..layers.symbols import marker, set_labels
from ..services.assets import Asset, get_asset
from ..services.job_cards import JobCard, job_card
from ..services.search import correspondence_detail
from .sheet import (
    ACCENT,
    INK,
    MARGIN,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE,
    WIDTH,
    LayoutSheet,
    export_pdf,
)

ITEM_COLOUR = "#d7191c"
ASSET = "#2c7bb6"
HIGHLIGHT = "#f28e2b"
NICE_SCALES = (500, 750, 1000, 1250, 1500, 2000, 2500, 5000, 10000, 25000, 50000)
MAP_PADDING = 25.0  # metres around the place and the asset
MIN_MAP_WIDTH = 150.0  # metres: a parcel and its neighbours at least
LINE_ROWS = 8  # rows of the cost table, header and total apart
ROW_HEIGHT = 3.6  # mm of text height; the cell margins come on top
TOTAL_ROW_HEIGHT = 5.8
HEADER_ROW_HEIGHT = 3.0
CELL_MARGIN = 1.2
COST_COLUMNS = (  # caption, width (mm, 186 in all), right-aligned
    ("Kind", 22.0, False),
    ("Description", 78.0, False),
    ("Quantity", 18.0, True),
    ("Unit", 14.0, False),
    ("Unit cost", 26.0, True),
    ("Amount", 28.0, True),
)
# Characters that fit a box (DejaVu Sans at the box's size); longer text is cut with "…".
DESCRIPTION_LIMIT = 190  # two lines
WORK_LIMIT = 470  # four lines
NAME_LIMIT = 40  # at 8 pt; up to 26 at 10 pt
PRIORITIES = {1: "critical", 2: "high", 3: "normal", 4: "low"}
KIND_LABELS = {
    LineKind.LABOUR.value: "Labour",
    LineKind.MATERIAL.value: "Material",
    LineKind.EQUIPMENT.value: "Equipment",
    LineKind.CONTRACTOR.value: "Contractor",
}


@dataclass(frozen=True)
class JobCardSheet:
    """Everything the printed card shows."""

    card: JobCard
    item: dict[str, object]  # services.search.correspondence_detail fields
    asset: Asset | None
    printed_at: dt.datetime

    @property
    def blank(self) -> bool:
        """An open card is printed to be filled in by hand."""
        return not self.card.is_completed


def load_sheet(connection: Connection, card_id: int) -> JobCardSheet:
    card = job_card(connection, card_id)
    item = correspondence_detail(connection, card.correspondence_id).fields
    asset = get_asset(connection, card.asset_id) if card.asset_id is not None else None
    return JobCardSheet(card, item, asset, dt.datetime.now(dt.timezone.utc))


def export_job_card_pdf(
    source_or_settings: ImisSource | ConnectionSettings,
    card_id: int,
    path: str | Path,
    *,
    engine: Engine | None = None,
) -> Path:
    """Writes the job card as a one-page A4 PDF at `path` and returns the path.

    Given connection settings, the layers and the data come from them. Given a layer source
    (e.g. the plugin's, made from settings with an authcfg), `engine` gives the data.
    Raises LayerError when the map's layers cannot be opened, NotFoundError for an unknown
    card, and OSError when the file cannot be written.
    """
    own_engine = None
    if isinstance(source_or_settings, ConnectionSettings):
        source = open_source(source_or_settings)
        if engine is None:
            engine = own_engine = create_db_engine(source_or_settings)
    else:
        source = source_or_settings
        if engine is None:
            raise ValueError("export_job_card_pdf needs an engine with a layer source")
    try:
        with engine.connect() as connection:
            sheet = load_sheet(connection, card_id)
    finally:
        if own_engine is not None:
            own_engine.dispose()
    project = QgsProject()
    layout = job_card_layout(project, source, sheet)
    return export_pdf(layout, path, "The job card")


def job_card_layout(project: QgsProject, source: ImisSource, sheet: JobCardSheet) -> QgsPrintLayout:
    """The print layout of the card; its map's layers are added to `project`, which must
    live as long as the layout."""
    return _JobCardLayout(project, source, sheet).build()


def _shown(moment: object) -> str:
    return local_minute(moment) if isinstance(moment, dt.datetime) else ""


def _money(value: Decimal) -> str:
    return f"{value:,.2f}".replace(",", " ")


def _quantity(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split()) if len(text) > limit else text
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _nice_scale(needed: float) -> float:
    return next((s for s in NICE_SCALES if s >= needed), needed)


class _JobCardLayout(LayoutSheet):
    def __init__(self, project: QgsProject, source: ImisSource, sheet: JobCardSheet) -> None:
        super().__init__(project)
        self.source = source
        self.sheet = sheet
        self.card = sheet.card
        self.item = sheet.item

    # -- the page ----------------------------------------------------------------------

    def build(self) -> QgsPrintLayout:
        layout = self.layout
        layout.setName(f"Job card {self.card.card_number}")
        self.add_page()
        layout.renderContext().setDpi(300)
        self._header(MARGIN)  # to 30 mm
        self._item_fields(33.0)  # to 75
        self._location(78.0)  # map and site visit, to 169
        self._work_performed(171.0)  # to 194
        self._cost_lines(197.0)  # to 266
        self._sign_off(267.0)  # to 285
        self._footer(PAGE_HEIGHT - 10.0)
        return layout

    def _header(self, y: float) -> None:
        card = self.card
        self.label("JOB CARD", MARGIN, y, 60, 4, 8, bold=True, color=MUTED)
        self.label(card.card_number, MARGIN, y + 4, 110, 11, 22, bold=True)
        if card.is_completed:
            paper = " · captured from paper" if card.captured_from_paper else ""
            state = f"COMPLETED{paper}"
        else:
            state = "OPEN · to be filled in on site"
        right = PAGE_WIDTH - MARGIN - 100
        task = f"{card.task_kind.capitalize()} task, step {card.task_step}"
        self.label(card.department, right, y, 100, 5, 10, bold=True, align=Qt.AlignRight)
        self.label(task, right, y + 5.5, 100, 5, 9, align=Qt.AlignRight)
        self.label(state, right, y + 11, 100, 5, 8.5, bold=True, color=ACCENT, align=Qt.AlignRight)
        self.rule(MARGIN, y + 17.5, PAGE_WIDTH - MARGIN, y + 17.5, INK, 0.6)

    def _item_fields(self, y: float) -> None:
        item = self.item
        gap, h = 2.0, 12.0
        w = (WIDTH - 3 * gap) / 4
        due = _shown(self.card.due_at or item.get("resolution_due_at"))
        priority = item.get("priority")
        first = (
            ("Reference", str(item["reference"])),
            ("Category", str(item.get("category") or "")),
            ("Priority", f"{priority} ({PRIORITIES.get(priority, '?')})"),
            ("Due (SAST)", due or "no due time"),
        )
        for n, (caption, value) in enumerate(first):
            self.field(caption, value, MARGIN + n * (w + gap), y, w, h, bold=n in (0, 3))
        second = y + h + gap
        address = str(item.get("address") or "") or "—"
        self.field("Address", address, MARGIN, second, 2 * w + gap, h)
        place = self._place_text()
        self.field("Erf · suburb · ward", place, MARGIN + 2 * (w + gap), second, w, h, 8.5)
        customer = str(item.get("customer") or "")
        phone = str(item.get("phone") or "")
        contact = "\n".join(part for part in (customer, phone) if part) or "anonymous"
        self.field("Customer", contact, MARGIN + 3 * (w + gap), second, w, h, 8.5)
        description = str(item.get("description") or "").strip()
        description = _cut(description, DESCRIPTION_LIMIT)
        self.field("Reported", description, MARGIN, second + h + gap, WIDTH, 14, 9)

    def _place_text(self) -> str:
        item = self.item
        erf = item.get("erf_number")
        parts = [
            f"Erf {erf}" if erf else "",
            str(item.get("suburb") or ""),
            f"ward {item['ward']}" if item.get("ward") else "",
        ]
        text = ", ".join(part for part in parts if part)
        if not text and item.get("x") is not None:
            text = f"Point {item['x']:.0f}, {item['y']:.0f} (EPSG:{self.source.srid})"
        return text or "not located"

    # -- map and the visit's boxes -------------------------------------------------------

    def _location(self, y: float) -> None:
        map_w, map_h = 122.0, 82.0
        self.heading("Location", MARGIN, y, map_w)
        self._map(MARGIN, y + 5, map_w, map_h)
        x = MARGIN + map_w + 4
        w = WIDTH - map_w - 4
        card = self.card
        self.heading("Site visit", x, y, w)
        self._asset_box(x, y + 5, w, 24)
        self.field("Artisan", card.artisan or "", x, y + 31, w, 10)
        self._time_field("Arrived (SAST)", card.arrived_at, x, y + 43, w)
        self._time_field("Completed (SAST)", card.completed_at, x, y + 55, w)
        self._conditions(x, y + 67, w, 20)

    def _time_field(
        self, caption: str, moment: dt.datetime | None, x: float, y: float, w: float
    ) -> None:
        """The time, or a light guide to write it on."""
        if moment is not None:
            self.field(caption, _shown(moment), x, y, w, 10, bold=True)
            return
        self.field(caption, "", x, y, w, 10)
        guide = "YYYY - MM - DD          hh : mm"
        self.label(guide, x + 3, y + 5.8, w - 6, 3.5, 6.5, color="#b0b0b0")

    def _asset_box(self, x: float, y: float, w: float, h: float) -> None:
        asset = self.sheet.asset
        self.field("Asset worked on", "", x, y, w, h)
        if asset is None:
            for n, caption in enumerate(("Number", "Type")):
                top = y + 5.5 + n * 6.5
                self.label(caption, x + 1.6, top, 14, 4, 8, color=MUTED)
                self.rule(x + 14, top + 4, x + w - 2, top + 4)
            self.label(
                "or pick it on the map when capturing the card",
                x + 1.6, y + h - 4.5, w - 3.2, 3.5, 6.5, italic=True, color=MUTED,
            )  # fmt: skip
            return
        details = [asset.asset_type.replace("_", " ").capitalize()]
        if asset.asset_group:
            details.append(f"Group: {asset.asset_group}")
        if asset.install_date:
            details.append(f"Installed {asset.install_date:%Y-%m-%d}")
        if asset.condition:
            details.append(
                f"Condition on record: {asset.condition} ({CONDITIONS[asset.condition]})"
            )
        self.label(asset.asset_number, x + 1.6, y + 4.6, w - 3.2, 5, 11, bold=True, color=ASSET)
        self.label("\n".join(details), x + 1.6, y + 10, w - 3.2, h - 10.5, 7.5)

    def _conditions(self, x: float, y: float, w: float, h: float) -> None:
        """Before and after, 1 to 5: filled in when known, boxes to tick when blank."""
        self.box(x, y, w, h, stroke=RULE)
        caption = "ASSET CONDITION   1 very good … 5 very poor"
        self.label(caption, x + 1.6, y + 1.2, w - 3.2, 3.2, 6, color=MUTED)
        card = self.card
        for row, (name, value) in enumerate(
            (("Before", card.condition_before), ("After", card.condition_after))
        ):
            top = y + 6 + row * 6.5
            self.label(name, x + 1.6, top + 0.8, 14, 4.5, 8.5)
            for n in range(1, 6):
                left = x + 17 + (n - 1) * 8.2
                chosen = value == n
                self.box(left, top, 5, 5, width=0.25, fill=ACCENT if chosen else None)
                self.label(
                    str(n), left, top + 0.7, 5, 4, 7.5, bold=chosen,
                    color="#ffffff" if chosen else INK, align=Qt.AlignHCenter,
                )  # fmt: skip

    def _map(self, x: float, y: float, w: float, h: float) -> None:
        layers, worked = self._map_layers()
        item_map = QgsLayoutItemMap(self.layout)
        item_map.setCrs(self.source.crs)
        item_map.setLayers(layers)
        item_map.setKeepLayerSet(True)
        item_map.setBackgroundColor(QColor("#ffffff"))
        item_map.setFrameEnabled(True)
        item_map.setFrameStrokeColor(QColor(INK))
        item_map.setFrameStrokeWidth(QgsLayoutMeasurement(0.3, QgsUnitTypes.LayoutMillimeters))
        self.layout.addLayoutItem(item_map)
        self.place(item_map, x, y, w, h)
        extent = self._extent(worked, w / h)
        if extent is None:
            self.label(
                "No location recorded", x, y + h / 2 - 3, w, 6, 10,
                italic=True, color=MUTED, align=Qt.AlignHCenter,
            )  # fmt: skip
            return
        item_map.setExtent(extent)
        item_map.setScale(_nice_scale(item_map.scale()))
        self.scale_bar(item_map, x + 2.5, y + h - 10, w)
        self.north_arrow(item_map, x + w - 11, y + 2)
        legend = (
            f"● reported place    ◆ — assets (orange: the one worked on)    "
            f"grey: erf numbers    scale 1:{item_map.scale():,.0f}".replace(",", " ")
        )
        self.label(legend, x, y + h + 1, w, 3.5, 6.5, color=MUTED)

    def _map_layers(self) -> tuple[list[QgsVectorLayer], list[QgsVectorLayer]]:
        """The map's layers, top first, and those showing the asset worked on."""
        source = self.source
        item = source.open_layer("correspondence", QgsWkbTypes.Point, "Reported place")
        item.setSubsetString(f'"id" = {int(self.card.correspondence_id)}')
        item.setRenderer(QgsSingleSymbolRenderer(marker(ITEM_COLOUR, "circle", 4.2)))
        _labels(item, '"reference"', ITEM_COLOUR, 7.5, _AROUND_POINT, priority=10)
        layers, worked = [item], []
        for kind, name in ((QgsWkbTypes.Point, "points"), (QgsWkbTypes.LineString, "lines")):
            if self.card.asset_id is not None:
                highlight = source.open_layer("asset", kind, f"Asset worked on ({name})")
                highlight.setSubsetString(f'"id" = {int(self.card.asset_id)}')
                highlight.setRenderer(QgsSingleSymbolRenderer(_asset_symbol(kind, HIGHLIGHT, 2.4)))
                worked.append(highlight)
            everyone = source.open_layer("asset", kind, f"Assets ({name})")
            everyone.setRenderer(QgsSingleSymbolRenderer(_asset_symbol(kind, ASSET, 0.7)))
            placement = _ALONG_LINE if kind == QgsWkbTypes.LineString else _AROUND_POINT
            _labels(everyone, '"asset_number"', ASSET, 6.5, placement, priority=7)
            layers.append(everyone)
        parcels = ReferenceLayers(source).parcels()
        parcels.setScaleBasedVisibility(False)
        _labels(parcels, '"erf_number"', "#8a8a8a", 6.5, _INSIDE_POLYGON, priority=2)
        # Drawn in this order from the bottom: parcels, the highlight, assets, the place.
        layers = [layers[0], *layers[1:], *worked, parcels]
        self.project.addMapLayers(layers, False)
        return layers, worked

    def _extent(self, worked: list[QgsVectorLayer], aspect: float) -> QgsRectangle | None:
        """Around the reported place and the asset worked on, in the map's shape."""
        extent = QgsRectangle()
        extent.setMinimal()
        x, y = self.item.get("x"), self.item.get("y")
        if x is not None and y is not None:
            extent.combineExtentWith(float(x), float(y))
        for layer in worked:  # estimated metadata gives no extent: read the features
            for feature in layer.getFeatures():
                extent.combineExtentWith(feature.geometry().boundingBox())
        if extent.isEmpty() and extent.width() < 0:
            return None
        centre = extent.center()
        half_w = (
            max(extent.width() + 2 * MAP_PADDING, (extent.height() + 2 * MAP_PADDING) * aspect) / 2
        )
        half_w = max(half_w, MIN_MAP_WIDTH / 2)
        half_h = half_w / aspect
        return QgsRectangle(
            centre.x() - half_w, centre.y() - half_h, centre.x() + half_w, centre.y() + half_h
        )

    # -- what the artisan reports -----------------------------------------------------------

    def _work_performed(self, y: float) -> None:
        self.heading("Work performed", MARGIN, y, WIDTH)
        top, h = y + 5, 18.0
        self.box(MARGIN, top, WIDTH, h, stroke=RULE)
        work = self.card.work_performed.strip()
        if work:
            self.label(_cut(work, WORK_LIMIT), MARGIN + 1.6, top + 1.6, WIDTH - 3.2, h - 2.4, 9)
            return
        for n in range(1, 4):
            self.rule(MARGIN + 2, top + n * 5.6, PAGE_WIDTH - MARGIN - 2, top + n * 5.6)

    def _cost_lines(self, y: float) -> None:
        self.heading(
            "Labour, materials, equipment and contractors (Rand, excluding VAT)", MARGIN, y, WIDTH
        )
        if self.sheet.blank:
            kinds = "Kind: labour, material, equipment or contractor"
            self.label(kinds, MARGIN, y + 0.6, WIDTH, 4, 7, color=MUTED, align=Qt.AlignRight)
        # The header is a row of its own: a manual table's header ignores column alignment.
        header = self._row(*(caption for caption, _, _ in COST_COLUMNS))
        for cell in header:
            cell.setTextFormat(self.text_format(7.5, bold=True, color=MUTED))
        rows = [header, *self._line_rows()]
        table = QgsLayoutItemManualTable.create(self.layout)
        self.layout.addMultiFrame(table)
        table.setIncludeTableHeader(False)
        table.setCellMargin(CELL_MARGIN)
        table.setGridStrokeWidth(0.2)
        table.setGridColor(QColor(RULE))
        table.setContentTextFormat(self.text_format(8.5))
        table.setBackgroundColor(QColor("#ffffff"))
        # The widths the contents get: each column's share less its margins and grid lines.
        grid = 0.2 * (len(COST_COLUMNS) + 1) / len(COST_COLUMNS)
        table.setColumnWidths([width - 2 * CELL_MARGIN - grid for _, width, _ in COST_COLUMNS])
        # The total's row holds the subtotals on two lines.
        heights = [HEADER_ROW_HEIGHT] + [ROW_HEIGHT] * (len(rows) - 2) + [TOTAL_ROW_HEIGHT]
        table.setRowHeights(heights)
        table.setWrapBehavior(QgsLayoutTable.TruncateText)  # the register has the whole text
        table.setTableContents(rows)
        table.setResizeMode(QgsLayoutMultiFrame.UseExistingFrames)
        frame = QgsLayoutFrame(self.layout, table)
        self.place(frame, MARGIN, y + 5, WIDTH, 64)
        table.addFrame(frame)

    def _line_rows(self) -> list[list[QgsTableCell]]:
        card, blank = self.card, self.sheet.blank
        lines = list(card.lines)
        shown = lines if len(lines) <= LINE_ROWS else lines[: LINE_ROWS - 1]
        rows = [
            self._row(
                KIND_LABELS.get(line.kind, line.kind),
                line.description,
                _quantity(line.quantity),
                line.unit,
                _money(line.unit_cost),
                _money(line.amount),
            )
            for line in shown
        ]
        if len(lines) > len(shown):
            more = len(lines) - len(shown)
            rows.append(self._row("", f"… and {more} more lines (counted in the total)"))
        if blank:
            rows += [self._row() for _ in range(LINE_ROWS - len(rows))]
        elif not rows:
            rows.append(self._row("", "No costs recorded"))
        totals = card.totals
        parts = [f"{KIND_LABELS[k]} {_money(v)}" for k, v in totals.by_kind.items() if v]
        half = (len(parts) + 1) // 2
        subtotals = "\n".join(" · ".join(p) for p in (parts[:half], parts[half:]) if p)
        total = _money(totals.total) if lines or not blank else ""
        bold = self.text_format(8.5, bold=True)
        last = self._row("", subtotals, "", "", "Total", total)
        for cell in (last[4], last[5]):
            cell.setTextFormat(bold)
        last[1].setTextFormat(self.text_format(7, color=MUTED))
        rows.append(last)
        return rows

    @staticmethod
    def _row(*values: str) -> list[QgsTableCell]:
        cells = []
        for n, (_caption, _width, right) in enumerate(COST_COLUMNS):
            cell = QgsTableCell(values[n] if n < len(values) else "")
            cell.setHorizontalAlignment(Qt.AlignRight if right else Qt.AlignLeft)
            cell.setVerticalAlignment(Qt.AlignVCenter)
            cells.append(cell)
        return cells

    def _sign_off(self, y: float) -> None:
        card = self.card
        self.heading("Artisan's sign-off", MARGIN, y, WIDTH)
        top, h = y + 5, 13.0
        name_w, sign_w = 70.0, 62.0
        date_w = WIDTH - name_w - sign_w - 4
        signed_at = _shown(card.signed_off_at)
        name = _cut(card.signed_off_by or "", NAME_LIMIT)
        self.field("Name", name, MARGIN, top, name_w, h, 10 if len(name) <= 26 else 8, bold=True)
        self.field("Signature", "", MARGIN + name_w + 2, top, sign_w, h)
        self.field("Date, time (SAST)", signed_at, MARGIN + name_w + sign_w + 4, top, date_w, h, 10)

    def _footer(self, y: float) -> None:
        card = self.card
        printed = _shown(self.sheet.printed_at)
        self.rule(MARGIN, y - 1.2, PAGE_WIDTH - MARGIN, y - 1.2, RULE, 0.2)
        left = (
            f"{card.card_number} · {self.item['reference']} · "
            f"printed {printed} SAST by {APPLICATION_NAME}"
        )
        hint = (
            "Hand the completed card in at the depot for capture into IMIS."
            if self.sheet.blank
            else f"As completed and recorded in IMIS (card version {card.row_version})."
        )
        left_w = WIDTH * 0.55
        self.label(left, MARGIN, y, left_w, 3.5, 6.5, color=MUTED)
        self.label(
            hint, MARGIN + left_w, y, WIDTH - left_w, 3.5, 6.5, color=MUTED, align=Qt.AlignRight
        )


_AROUND_POINT = QgsPalLayerSettings.OrderedPositionsAroundPoint
_ALONG_LINE = QgsPalLayerSettings.Line
_INSIDE_POLYGON = QgsPalLayerSettings.Horizontal  # anywhere inside, clear of the markers


def _labels(
    layer: QgsVectorLayer,
    expression: str,
    colour: str,
    size: float,
    placement: QgsPalLayerSettings.Placement,
    *,
    priority: int,
) -> None:
    """Always shown (a printed map has one scale); `priority` 0-10 wins a place first."""
    settings = set_labels(layer, expression, 0, color=colour, size=size, placement=placement)
    settings.priority = priority
    settings.offsetType = QgsPalLayerSettings.FromSymbolBounds  # clear of the marker
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))


def _asset_symbol(kind: QgsWkbTypes.Type, colour: str, line_width: float):
    if kind == QgsWkbTypes.LineString:
        return QgsLineSymbol.createSimple(
            {"line_color": colour, "line_width": str(line_width), "capstyle": "round"}
        )
    return marker(colour, "diamond", 2.6 + 2 * line_width)
