"""The "IMIS correspondence" layer: every located item as a point, styled by status, with a
ring where its SLA is at risk or breached."""

from __future__ import annotations

from qgis.core import QgsPalLayerSettings, QgsVectorLayer, QgsWkbTypes
from qgis.PyQt.QtCore import QCoreApplication

from . import scales
from .notify import refresh_on_notify
from .source import ImisSource
from .status_style import add_sla_rules, status_renderer
from .symbols import set_labels, show_between

TABLE = "correspondence"
NOTIFY_MESSAGE = TABLE  # imis.notify_qgis() sends the table name on channel "qgis"
SLA_FIELD = "sla_state"  # stored by the SLA service and the worker's sweeps (migration 0005)


class CorrespondenceLayer:
    """Builds the layer; one instance per build."""

    def __init__(self, source: ImisSource) -> None:
        self.source = source

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("CorrespondenceLayer", text)

    def build(self, show_closed: bool = False) -> QgsVectorLayer:
        layer = self.source.open_layer(TABLE, QgsWkbTypes.Point, self.tr("IMIS correspondence"))
        layer.setDisplayExpression('"reference"')
        renderer = status_renderer(show_closed)
        # The layer is the whole table, so the column is there once the schema has it; a
        # stored field keeps the rules' filters compiled to SQL.
        if layer.fields().indexOf(SLA_FIELD) >= 0:
            add_sla_rules(renderer, f'"{SLA_FIELD}"')
        layer.setRenderer(renderer)
        set_labels(
            layer,
            '"reference"',
            scales.STREET,
            placement=QgsPalLayerSettings.OrderedPositionsAroundPoint,
        )
        show_between(layer, farthest=scales.POINTS)
        # Another desk's change reaches this map without a reload.
        refresh_on_notify(layer, self.source, NOTIFY_MESSAGE)
        return layer


def correspondence_layer(source: ImisSource, show_closed: bool = False) -> QgsVectorLayer:
    """Raises LayerError when the table cannot be opened (no access, no such schema)."""
    return CorrespondenceLayer(source).build(show_closed)
