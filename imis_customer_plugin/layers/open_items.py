"""Open items counted on the map: per parcel (near in) and per ward (the city at a glance).

Both come from the views of migration 0003 and refresh on the same NOTIFY as the points.
"""

from __future__ import annotations

import math

from qgis.core import (
    QgsGradientColorRamp,
    QgsGraduatedSymbolRenderer,
    QgsRendererRange,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QColor

from . import scales
from .correspondence import NOTIFY_MESSAGE
from .notify import refresh_on_notify
from .source import ImisSource
from .symbols import fill, set_labels, show_between

COUNT_FIELD = "open_items"
PARCEL_VIEW = "parcel_open_items"
WARD_VIEW = "open_items_by_ward"
OPEN_END = 1e12  # upper bound of the last, open-ended class
NICE_STEPS = (1, 2, 5)
# Classes of parcels: most have one open item; several on one erf is worth a look.
PARCEL_CLASSES: tuple[tuple[int, int | None], ...] = ((1, 1), (2, 2), (3, 4), (5, None))
LOW, HIGH = QColor("#fdae61"), QColor("#a50026")  # orange to dark red: reads on white


def count_classes(maximum: int, classes: int = 5) -> list[tuple[int, int | None]]:
    """Integer classes from 1 in round steps (1, 2, 5 x 10^n) up to `maximum`.

    The last class is open-ended (upper None), so counts that grow after the classes were
    made are still drawn.
    """
    step, magnitude = 1, 1
    while step * classes < maximum:
        index = NICE_STEPS.index(step // magnitude) + 1
        if index == len(NICE_STEPS):
            index, magnitude = 0, magnitude * 10
        step = NICE_STEPS[index] * magnitude
    count = max(1, math.ceil(maximum / step))
    bounds: list[tuple[int, int | None]] = [(i * step + 1, (i + 1) * step) for i in range(count)]
    bounds[-1] = (bounds[-1][0], None)
    return bounds


class OpenItemsLayers:
    """Builds the two counting layers."""

    def __init__(self, source: ImisSource) -> None:
        self.source = source

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("OpenItemsLayers", text)

    def class_label(self, lower: int, upper: int | None) -> str:
        if upper is None:
            return self.tr("{lower} or more").format(lower=lower)
        if upper == lower:
            return str(lower)
        # An en dash, as ranges are written.
        return self.tr("{lower}–{upper}").format(lower=lower, upper=upper)  # noqa: RUF001

    def _ranges(
        self, bounds: list[tuple[int, int | None]], alpha: int, outline: str | None
    ) -> list[QgsRendererRange]:
        ramp = QgsGradientColorRamp(LOW, HIGH)
        ranges = []
        for index, (lower, upper) in enumerate(bounds):
            color = ramp.color(index / max(1, len(bounds) - 1))
            symbol = fill(color.name(), outline or color.darker(130).name(), alpha, 0.2)
            top = OPEN_END if upper is None else upper + 0.5
            ranges.append(
                QgsRendererRange(lower - 0.5, top, symbol, self.class_label(lower, upper))
            )
        return ranges

    def parcels_with_open_items(self) -> QgsVectorLayer:
        layer = self.source.open_layer(
            PARCEL_VIEW, QgsWkbTypes.MultiPolygon, self.tr("Parcels with open items"), is_view=True
        )
        layer.setDisplayExpression('"erf_number"')
        ranges = self._ranges(list(PARCEL_CLASSES), alpha=200, outline=None)
        layer.setRenderer(QgsGraduatedSymbolRenderer(COUNT_FIELD, ranges))
        show_between(layer, farthest=scales.POINTS)
        refresh_on_notify(layer, self.source, NOTIFY_MESSAGE)  # counts follow the register
        return layer

    def open_items_by_ward(self) -> QgsVectorLayer:
        """A choropleth of open items per ward, drawn where the points are too many to show."""
        layer = self.source.open_layer(
            WARD_VIEW, QgsWkbTypes.MultiPolygon, self.tr("Open items per ward"), is_view=True
        )
        layer.setDisplayExpression('"name"')
        maximum = layer.maximumValue(layer.fields().indexOf(COUNT_FIELD))
        maximum = int(maximum) if isinstance(maximum, (int, float)) else 0
        ranges = self._ranges(count_classes(maximum), alpha=190, outline="#ffffff")
        none = fill("#f0f0f0", "#ffffff", 190, 0.2)
        ranges.insert(0, QgsRendererRange(-0.5, 0.5, none, self.tr("None")))
        layer.setRenderer(QgsGraduatedSymbolRenderer(COUNT_FIELD, ranges))
        set_labels(layer, f'"{COUNT_FIELD}"', 0, size=9)
        show_between(layer, nearest=scales.POINTS)
        refresh_on_notify(layer, self.source, NOTIFY_MESSAGE)  # counts follow the register
        return layer
