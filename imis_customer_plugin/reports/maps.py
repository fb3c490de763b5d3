"""Map layers of a report: area change (choropleth) and the municipal boundary.

Memory layers made from the shapes and figures the services returned: the printed map shows
exactly the numbers in the report's tables, even if the register changes meanwhile.
"""

from __future__ import annotations

from collections.abc import Sequence

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFeature,
    QgsField,
    QgsRendererCategory,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant

from ..core.reports import AreaValue
from ..layers.symbols import fill, geometry_from_wkb, outline
from ..services.reports.areas import MapShapes

# Change against the previous period, in classes a reader takes in at a glance.
# (key, legend label, fill colour): blues fell, reds rose (ColorBrewer RdBu).
CHANGE_CLASSES = (
    ("fell_much", "Fell by 25 % or more", "#2166ac"),
    ("fell", "Fell by 5 to 25 %", "#92c5de"),
    ("steady", "Within ±5 %", "#f7f7f7"),
    ("rose", "Rose by 5 to 25 %", "#f4a582"),
    ("rose_much", "Rose by 25 % or more", "#b2182b"),
    ("new", "None in the previous period", "#fddbc7"),
    ("none", "None in either period", "#ffffff"),
)
AREA_OUTLINE = "#7f7f7f"


def change_class(value: AreaValue) -> str:
    percent = value.change_percent
    if percent is None:
        return "new" if value.current else "none"
    if percent <= -25:
        return "fell_much"
    if percent <= -5:
        return "fell"
    if percent < 5:
        return "steady"
    return "rose" if percent < 25 else "rose_much"


def area_change_layer(
    shapes: MapShapes, values: Sequence[AreaValue], area_kind: str
) -> QgsVectorLayer:
    """One polygon per area with this and the previous period's counts, classed by change."""
    title = f"Change per {area_kind}"
    layer = QgsVectorLayer(f"MultiPolygon?crs=EPSG:{shapes.srid}", title, "memory")
    fields = [
        QgsField("code", QVariant.String),
        QgsField("name", QVariant.String),
        QgsField("current", QVariant.Int),
        QgsField("previous", QVariant.Int),
        QgsField("change", QVariant.Int),
        QgsField("change_pct", QVariant.Double),
        QgsField("class", QVariant.String),
    ]
    provider = layer.dataProvider()
    provider.addAttributes(fields)
    layer.updateFields()
    by_area = {value.area_id: value for value in values}
    features, shown = [], set()
    for shape in shapes.areas:
        value = by_area.get(shape.area_id, AreaValue(shape.area_id, shape.name, 0, 0))
        key = change_class(value)
        shown.add(key)
        feature = QgsFeature(layer.fields())
        feature.setGeometry(geometry_from_wkb(shape.wkb))
        feature.setAttributes(
            [shape.code, shape.name, value.current, value.previous, value.change,
             value.change_percent, key]
        )  # fmt: skip
        features.append(feature)
    provider.addFeatures(features)
    layer.updateExtents()
    categories = [
        QgsRendererCategory(key, fill(colour, AREA_OUTLINE, outline_width=0.1), label)
        for key, label, colour in CHANGE_CLASSES
        if key in shown  # the legend lists only the classes on the map
    ]
    layer.setRenderer(QgsCategorizedSymbolRenderer("class", categories))
    return layer


def boundary_layer(shapes: MapShapes) -> QgsVectorLayer | None:
    if shapes.boundary is None:
        return None
    layer = QgsVectorLayer(f"MultiPolygon?crs=EPSG:{shapes.srid}", "Municipal boundary", "memory")
    feature = QgsFeature()
    feature.setGeometry(geometry_from_wkb(shapes.boundary))
    layer.dataProvider().addFeatures([feature])
    layer.updateExtents()
    layer.setRenderer(QgsSingleSymbolRenderer(outline("#1a1a1a", 0.5)))
    return layer
