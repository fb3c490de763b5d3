"""Reference layers in a quiet base style: parcels, suburbs, wards and the municipal boundary.

Outlines only, in greys, so that the register's colours carry the map.
"""

from __future__ import annotations

from qgis.core import QgsSingleSymbolRenderer, QgsSymbol, QgsVectorLayer, QgsWkbTypes
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QColor

from ..services.assets import IN_SERVICE
from . import scales
from .source import ImisSource
from .symbols import outline, set_labels, show_between


class ReferenceLayers:
    """Builds the reference layers, each from its table of schema imis."""

    def __init__(self, source: ImisSource) -> None:
        self.source = source

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("ReferenceLayers", text)

    def _polygons(
        self, table: str, name: str, color: str, width: float, style: str = "solid"
    ) -> QgsVectorLayer:
        layer = self.source.open_layer(table, QgsWkbTypes.MultiPolygon, name)
        layer.setRenderer(QgsSingleSymbolRenderer(outline(color, width, style)))
        return layer

    def assets(self, shape: QgsWkbTypes.Type) -> QgsVectorLayer:
        """The assets of one geometry type (valves, meters: points; mains: lines), which a
        job card picks on the map; near in only, like the parcels."""
        points = shape == QgsWkbTypes.Point
        layer = self.source.open_layer(
            "asset", shape, self.tr("Assets (points)") if points else self.tr("Assets (lines)")
        )
        symbol = QgsSymbol.defaultSymbol(layer.geometryType())
        symbol.setColor(QColor("#2c7fb8"))
        if points:
            symbol.setSize(2.2)
        else:
            symbol.setWidth(0.6)
        layer.setRenderer(QgsSingleSymbolRenderer(symbol))
        layer.setSubsetString(IN_SERVICE)  # a retired asset is never picked for new work
        layer.setDisplayExpression('"asset_number"')
        show_between(layer, farthest=scales.PARCELS)
        return layer

    def parcels(self) -> QgsVectorLayer:
        layer = self._polygons("parcel", self.tr("Parcels"), "#a3a3a3", 0.15)
        layer.setDisplayExpression('"erf_number"')
        set_labels(layer, '"erf_number"', scales.ERF_NUMBERS, color="#7a7a7a", size=6.5)
        show_between(layer, farthest=scales.PARCELS)  # 500,000 polygons: near in only
        return layer

    def suburbs(self) -> QgsVectorLayer:
        layer = self._polygons("suburb", self.tr("Suburbs"), "#8c8c8c", 0.35, "dash")
        layer.setDisplayExpression('"name"')
        set_labels(layer, '"name"', scales.SUBURB_NAMES, color="#5c5c5c", size=8.5, italic=True)
        return layer

    def wards(self) -> QgsVectorLayer:
        layer = self._polygons("ward", self.tr("Wards"), "#6b6f8a", 0.5)
        layer.setDisplayExpression('"name"')
        return layer

    def boundary(self) -> QgsVectorLayer:
        layer = self._polygons("municipal_boundary", self.tr("Municipal boundary"), "#303030", 0.8)
        layer.setDisplayExpression('"name"')
        return layer
