"""All IMIS layers in a project: group "IMIS Customer" over group "Reference"."""

from __future__ import annotations

from dataclasses import dataclass, fields

from qgis.core import QgsLayerTreeGroup, QgsProject, QgsVectorLayer, QgsWkbTypes
from qgis.PyQt.QtCore import QCoreApplication

from ..db.connection import ConnectionSettings
from .correspondence import correspondence_layer
from .open_items import OpenItemsLayers
from .reference import ReferenceLayers
from .source import LAYER_KEY, ImisSource, open_source

GROUP_KEY = "imis_customer/group"  # custom property of the groups we add


@dataclass(frozen=True)
class ImisLayers:
    """The layers, in the order the layer tree lists them (top first)."""

    correspondence: QgsVectorLayer
    parcels_with_open_items: QgsVectorLayer
    open_items_by_ward: QgsVectorLayer
    asset_points: QgsVectorLayer
    asset_lines: QgsVectorLayer
    parcels: QgsVectorLayer
    suburbs: QgsVectorLayer
    wards: QgsVectorLayer
    boundary: QgsVectorLayer

    def all(self) -> list[QgsVectorLayer]:
        return [getattr(self, f.name) for f in fields(self)]

    def register(self) -> list[QgsVectorLayer]:
        """The layers drawn from the register, in group "IMIS Customer"."""
        return [self.correspondence, self.parcels_with_open_items, self.open_items_by_ward]

    def reference(self) -> list[QgsVectorLayer]:
        return [self.asset_points, self.asset_lines, self.parcels, self.suburbs, self.wards,
                self.boundary]  # fmt: skip


def build_imis_layers(source: ImisSource, show_closed: bool = False) -> ImisLayers:
    """Every layer, styled, not yet in a project. Raises LayerError."""
    counts = OpenItemsLayers(source)
    reference = ReferenceLayers(source)
    return ImisLayers(
        correspondence=correspondence_layer(source, show_closed),
        parcels_with_open_items=counts.parcels_with_open_items(),
        open_items_by_ward=counts.open_items_by_ward(),
        asset_points=reference.assets(QgsWkbTypes.Point),
        asset_lines=reference.assets(QgsWkbTypes.LineString),
        parcels=reference.parcels(),
        suburbs=reference.suburbs(),
        wards=reference.wards(),
        boundary=reference.boundary(),
    )


class ImisLayerGroups:
    """Puts the layers into a project's layer tree, replacing those of an earlier call."""

    def __init__(self, project: QgsProject) -> None:
        self.project = project

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("ImisLayerGroups", text)

    def remove_ours(self) -> None:
        """Layers and groups an earlier add_imis_layers() made (e.g. of another database)."""
        ours = [
            i for i, layer in self.project.mapLayers().items() if layer.customProperty(LAYER_KEY)
        ]
        self.project.removeMapLayers(ours)
        root = self.project.layerTreeRoot()
        for group in root.findGroups():
            if group.customProperty(GROUP_KEY) and not group.findLayers():
                root.removeChildNode(group)

    def _group(self, index: int, key: str, name: str) -> QgsLayerTreeGroup:
        group = self.project.layerTreeRoot().insertGroup(index, name)
        group.setCustomProperty(GROUP_KEY, key)
        return group

    def add(self, layers: ImisLayers) -> None:
        """Adds the layers; the caller removed ours first (remove_ours)."""
        # On top of whatever the user has (a base map stays underneath).
        register = self._group(0, "register", self.tr("IMIS Customer"))
        reference = self._group(1, "reference", self.tr("Reference"))
        for group, members in ((register, layers.register()), (reference, layers.reference())):
            for layer in members:
                self.project.addMapLayer(layer, False)
                group.addLayer(layer)
        reference.setExpanded(False)  # the legend shows the register's styles first


def add_imis_layers(
    project: QgsProject,
    settings: ConnectionSettings | ImisSource,
    show_closed: bool = False,
) -> ImisLayers:
    """Adds every IMIS layer to `project` and returns them; raises LayerError.

    Calling it again (another database, a reconnect) replaces the layers it added before.
    A project that holds no other layers (or no CRS) takes the municipality's CRS.
    """
    source = settings if isinstance(settings, ImisSource) else open_source(settings)
    layers = build_imis_layers(source, show_closed)
    groups = ImisLayerGroups(project)
    groups.remove_ours()
    if not project.crs().isValid() or not project.mapLayers():
        project.setCrs(source.crs)
    groups.add(layers)
    return layers
