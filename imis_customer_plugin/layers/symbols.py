"""Small symbol, label and geometry builders shared by the layer modules."""

from __future__ import annotations

from qgis.core import (
    QgsFillSymbol,
    QgsGeometry,
    QgsMapLayer,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor, QFont, QFontDatabase

HALO = "#ffffff"


def marker(color: str, shape: str = "circle", size: float = 2.6) -> QgsMarkerSymbol:
    """A point in `color` with a white outline, so it reads on any background."""
    return QgsMarkerSymbol.createSimple(
        {
            "name": shape,
            "color": color,
            "outline_color": HALO,
            "outline_width": "0.3",
            "size": str(size),
        }
    )


def ring(color: str, size: float) -> QgsMarkerSymbol:
    """An unfilled circle drawn around a point (e.g. SLA emphasis)."""
    return QgsMarkerSymbol.createSimple(
        {
            "name": "circle",
            "color": "0,0,0,0",
            "outline_color": color,
            "outline_width": "0.6",
            "size": str(size),
        }
    )


def fill(color: str, outline: str, alpha: int = 255, outline_width: float = 0.2) -> QgsFillSymbol:
    fill_color = QColor(color)
    fill_color.setAlpha(alpha)
    return QgsFillSymbol.createSimple(
        {
            "color": fill_color.name(QColor.HexArgb),
            "outline_color": outline,
            "outline_width": str(outline_width),
        }
    )


def outline(color: str, width: float, style: str = "solid") -> QgsFillSymbol:
    """A polygon drawn as its outline only: reference layers stay quiet under the data."""
    return QgsFillSymbol.createSimple(
        {"style": "no", "outline_color": color, "outline_width": str(width), "outline_style": style}
    )


def geometry_from_wkb(wkb: bytes) -> QgsGeometry:
    """A geometry from well-known binary (e.g. PostGIS ST_AsBinary)."""
    geometry = QgsGeometry()
    geometry.fromWkb(wkb)
    return geometry


def label_font() -> QFont:
    """The application's font, by a family this system has: saved projects then open
    without a missing-font warning (headless Qt names a default family it does not ship)."""
    font = QFont()
    if font.family() not in QFontDatabase().families():
        font.setFamily(font.defaultFamily())
    return font


def set_labels(
    layer: QgsVectorLayer,
    expression: str,
    max_scale: float,
    color: str = "#202020",
    size: float = 8.0,
    italic: bool = False,
    placement: QgsPalLayerSettings.Placement = QgsPalLayerSettings.OverPoint,
) -> QgsPalLayerSettings:
    """Labels from `expression`, shown only at scales larger than 1:max_scale (0: always)."""
    text_format = QgsTextFormat()
    font = label_font()
    font.setItalic(italic)
    text_format.setFont(font)
    text_format.setSize(size)
    text_format.setSizeUnit(QgsUnitTypes.RenderPoints)
    text_format.setColor(QColor(color))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    buffer.setColor(QColor(HALO))
    text_format.setBuffer(buffer)

    settings = QgsPalLayerSettings()
    settings.fieldName = expression
    settings.isExpression = True
    settings.placement = placement
    settings.dist = 1.0
    settings.setFormat(text_format)
    settings.scaleVisibility = max_scale > 0
    settings.minimumScale = max_scale  # QGIS: the "minimum" scale is the farthest out
    settings.maximumScale = 0
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    return settings


def show_between(layer: QgsMapLayer, farthest: float = 0, nearest: float = 0) -> None:
    """Scale-dependent visibility by denominators: drawn from 1:farthest in to 1:nearest."""
    layer.setScaleBasedVisibility(True)
    layer.setMinimumScale(farthest)
    layer.setMaximumScale(nearest)
