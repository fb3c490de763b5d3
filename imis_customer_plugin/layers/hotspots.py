"""A hotspot result (services.reports.hotspots) as a map layer: hexagons coloured by class.

Hot spots in reds, cold spots in blues, darker for more confidence (ColorBrewer RdBu, which
reads for most colour-blind users); cells that are not significant are a faint grey, so the
grid shows without hiding the base map. One memory layer, or a GeoPackage layer when a path
is given (its style saved in the GeoPackage as the default, so it opens styled elsewhere).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsProject,
    QgsRendererCategory,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, QVariant

from ..core.hotspots import CLASS_LABELS, HotspotClass
from ..services.reports.hotspots import HotspotResult, method_notes
from .source import LayerError
from .symbols import fill, geometry_from_wkb

CLASS_FIELD = "class"
FIELDS = (
    ("cell_id", QVariant.String),  # "i,j" of ST_HexagonGrid: stable for one cell size
    ("hex_i", QVariant.Int),
    ("hex_j", QVariant.Int),
    ("count", QVariant.Int),
    ("gi_z", QVariant.Double),  # NULL where Gi* is undefined (no variation)
    ("p", QVariant.Double),
    ("p_fdr", QVariant.Double),
    (CLASS_FIELD, QVariant.Int),  # core.hotspots.HotspotClass: -3 (cold 99 %) .. 3 (hot 99 %)
    ("class_label", QVariant.String),
)

# (fill, outline, alpha) per class.
CLASS_STYLES: dict[HotspotClass, tuple[str, str, int]] = {
    HotspotClass.HOT_99: ("#b2182b", "#67001f", 230),
    HotspotClass.HOT_95: ("#ef8a62", "#b2182b", 220),
    HotspotClass.HOT_90: ("#fddbc7", "#ef8a62", 210),
    HotspotClass.NOT_SIGNIFICANT: ("#d9d9d9", "#bdbdbd", 60),
    HotspotClass.COLD_90: ("#d1e5f0", "#67a9cf", 210),
    HotspotClass.COLD_95: ("#67a9cf", "#2166ac", 220),
    HotspotClass.COLD_99: ("#2166ac", "#053061", 230),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("HotspotLayer", text)


def class_label(level: HotspotClass) -> str:
    return QCoreApplication.translate("HotspotClass", CLASS_LABELS[level])


def layer_name(result: HotspotResult) -> str:
    period = f"{result.filter.start.isoformat()} to {result.filter.last_day.isoformat()}"
    what = result.category_code or tr("all categories")
    return tr("Hotspots, {what}, {size:g} m cells, {period}").format(
        what=what, size=result.cell_size_m, period=period
    )


def hotspot_renderer() -> QgsCategorizedSymbolRenderer:
    """One category per class, hottest first, with translated legend labels."""
    categories = [
        QgsRendererCategory(int(level), fill(color, outline, alpha, 0.1), class_label(level), True)
        for level, (color, outline, alpha) in CLASS_STYLES.items()
    ]
    return QgsCategorizedSymbolRenderer(CLASS_FIELD, categories)


def hotspot_layer(
    result: HotspotResult, path: Path | None = None, name: str | None = None
) -> QgsVectorLayer:
    """The result as a styled layer: in memory, or written to the GeoPackage at `path`
    (see save_hotspot_layer)."""
    name = name or layer_name(result)
    layer = _memory_layer(result, name)
    if path is not None:
        return save_hotspot_layer(layer, result, path, name)
    return _styled(layer, result, name)


def save_hotspot_layer(
    cells: QgsVectorLayer, result: HotspotResult, path: Path, name: str | None = None
) -> QgsVectorLayer:
    """`cells`, the result's cells on a layer (its hotspot_layer), written to the GeoPackage
    at `path` (a layer of that name in it is replaced, other layers are kept); returns the
    stored layer, styled, its style saved in the GeoPackage as the default."""
    name = name or layer_name(result)
    layer = _styled(_to_geopackage(cells, result, Path(path), name), result, name)
    error = layer.saveStyleToDatabase(tr("Hotspots"), "", True, "")
    if error:
        raise LayerError(
            tr("The hotspot layer was written to {path} but its style was not: {error}").format(
                path=path, error=error
            )
        )
    return layer


def hotspot_crs(result: HotspotResult) -> QgsCoordinateReferenceSystem:
    return QgsCoordinateReferenceSystem(f"EPSG:{result.srid}")


def hotspot_fields() -> QgsFields:
    """The fields of a hotspot layer (FIELDS)."""
    fields = QgsFields()
    for field_name, kind in FIELDS:
        fields.append(QgsField(field_name, kind))
    return fields


def hotspot_features(
    result: HotspotResult, fields: QgsFields, *more: object
) -> Iterator[QgsFeature]:
    """One feature of `fields` per cell: the FIELDS values, then `more` (fields added after)."""
    for cell in result.cells():
        feature = QgsFeature(fields)
        feature.setGeometry(geometry_from_wkb(cell.geometry_wkb))
        feature.setAttributes(
            [
                cell.cell_id,
                cell.i,
                cell.j,
                cell.count,
                _number(cell.gi_z),
                _number(cell.p),
                _number(cell.p_fdr),
                int(cell.confidence),
                class_label(cell.confidence),
                *more,
            ]
        )
        yield feature


def _styled(layer: QgsVectorLayer, result: HotspotResult, name: str) -> QgsVectorLayer:
    layer.setRenderer(hotspot_renderer())
    metadata = layer.metadata()
    metadata.setTitle(name)
    metadata.setAbstract("\n".join((*result.filter.describe(), *method_notes(result))))
    layer.setMetadata(metadata)
    return layer


def _memory_layer(result: HotspotResult, name: str) -> QgsVectorLayer:
    layer = QgsVectorLayer("Polygon", name, "memory")
    layer.setCrs(hotspot_crs(result))
    provider = layer.dataProvider()
    provider.addAttributes(hotspot_fields().toList())
    layer.updateFields()
    if not provider.addFeatures(list(hotspot_features(result, layer.fields()))):
        raise LayerError(tr("The hotspot cells could not be put on a layer."))
    layer.updateExtents()
    return layer


def _number(value: float) -> float | None:
    return value if math.isfinite(value) else None  # None is a NULL attribute


def _to_geopackage(
    layer: QgsVectorLayer, result: HotspotResult, path: Path, name: str
) -> QgsVectorLayer:
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = table_name(result)
    options.fileEncoding = "UTF-8"
    options.actionOnExistingFile = (
        QgsVectorFileWriter.CreateOrOverwriteLayer
        if path.exists()
        else QgsVectorFileWriter.CreateOrOverwriteFile
    )
    error, message, written, _ = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, str(path), QgsProject.instance().transformContext(), options
    )
    if error != QgsVectorFileWriter.NoError:
        raise LayerError(
            tr("The hotspot layer could not be written to {path}: {message}").format(
                path=path, message=message or error
            )
        )
    stored = QgsVectorLayer(f"{written or path}|layername={options.layerName}", name, "ogr")
    if not stored.isValid():
        raise LayerError(
            tr("The GeoPackage {path} was written but cannot be read.").format(path=path)
        )
    return stored


def table_name(result: HotspotResult) -> str:
    """hotspots_all_250m, hotspots_burst_pipe_250m: letters, digits and underscores."""
    what = (result.category_code or "all").lower()
    size = f"{result.cell_size_m:g}".replace(".", "_")
    return f"hotspots_{what}_{size}m"
