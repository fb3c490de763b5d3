"""A department's open tasks on the map (the dispatch board's map): imis.open_task_map,
filtered to the department, a diamond per task coloured by its priority.

The view (migration 0006) holds open, assigned and in-progress tasks at their item's place;
the layer refreshes when the 'task' table notifies, so a task assigned, started or cancelled
at another desk shows (or leaves) without a reload.
"""

from __future__ import annotations

from qgis.core import (
    QgsExpression,
    QgsLayerTreeGroup,
    QgsPalLayerSettings,
    QgsProject,
    QgsRuleBasedRenderer,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication

from . import scales
from .notify import refresh_on_notify
from .project import GROUP_KEY
from .source import LAYER_KEY, ImisSource
from .symbols import marker, set_labels

VIEW = "open_task_map"
NOTIFY_MESSAGE = "task"  # imis.notify_qgis() sends the table name on channel "qgis"
DEPARTMENT_KEY = "imis_customer/department"  # custom property: the department a layer shows
PRIORITY_FIELD = "priority"
# 1 is the most urgent (imis.correspondence.priority is 1 to 4): hot to cool, as on a board.
PRIORITY_COLOURS = {1: "#b2001f", 2: "#f46d43", 3: "#fdc030", 4: "#4393c3"}
OTHER_COLOUR = "#7f7f7f"


class OpenTasksLayer:
    """Builds the layer; one instance per build."""

    def __init__(self, source: ImisSource) -> None:
        self.source = source

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("OpenTasksLayer", text)

    def priority_label(self, priority: int) -> str:
        if priority == 1:
            return self.tr("Priority 1 (most urgent)")
        return self.tr("Priority {priority}").format(priority=priority)

    def renderer(self) -> QgsRuleBasedRenderer:
        """One rule per priority, the most urgent drawn on top; every rule has a filter."""
        root = QgsRuleBasedRenderer.Rule(None)
        for priority, colour in PRIORITY_COLOURS.items():
            symbol = marker(colour, "diamond", 4.0 if priority == 1 else 3.4)
            for index in range(symbol.symbolLayerCount()):  # urgent work on top of the rest
                symbol.symbolLayer(index).setRenderingPass(len(PRIORITY_COLOURS) - priority + 1)
            expression = QgsExpression.createFieldEqualityExpression(PRIORITY_FIELD, priority)
            rule = QgsRuleBasedRenderer.Rule(
                symbol, 0, 0, expression, self.priority_label(priority)
            )
            rule.setRuleKey(f"priority:{priority}")
            root.appendChild(rule)
        known = ", ".join(str(p) for p in PRIORITY_COLOURS)
        other = QgsRuleBasedRenderer.Rule(
            marker(OTHER_COLOUR, "diamond", 3.0),
            0,
            0,
            f'"{PRIORITY_FIELD}" NOT IN ({known})',
            self.tr("Other priority"),
        )
        other.setRuleKey("priority:other")
        root.appendChild(other)
        renderer = QgsRuleBasedRenderer(root)
        renderer.setUsingSymbolLevels(True)
        return renderer

    def build(self, department_code: str, department_name: str = "") -> QgsVectorLayer:
        name = self.tr("Open tasks: {department}").format(
            department=department_name or department_code
        )
        layer = self.source.open_layer(VIEW, QgsWkbTypes.Point, name, is_view=True)
        layer.setSubsetString(
            QgsExpression.createFieldEqualityExpression("department", department_code)
        )
        layer.setCustomProperty(DEPARTMENT_KEY, department_code)
        layer.setDisplayExpression('"reference" || \' · \' || "kind"')
        layer.setRenderer(self.renderer())
        set_labels(
            layer,
            '"reference" || \' \' || "step" || \' · \' || "kind"',
            scales.STREET,
            color="#3a0010",
            placement=QgsPalLayerSettings.OrderedPositionsAroundPoint,
        )
        refresh_on_notify(layer, self.source, NOTIFY_MESSAGE)
        return layer


def open_tasks_layer(
    source: ImisSource, department_code: str, department_name: str = ""
) -> QgsVectorLayer:
    """The department's open tasks, styled by priority, not yet in a project.

    Raises LayerError when the view cannot be opened (no access, a schema before 0006).
    """
    return OpenTasksLayer(source).build(department_code, department_name)


def add_open_tasks_layer(
    project: QgsProject, source: ImisSource, department_code: str, department_name: str = ""
) -> QgsVectorLayer:
    """Adds the department's task layer on top of the "IMIS Customer" group (else of the
    layer tree), replacing one added for the same department before. Raises LayerError."""
    layer = open_tasks_layer(source, department_code, department_name)
    earlier = [
        layer_id
        for layer_id, existing in project.mapLayers().items()
        if existing.customProperty(DEPARTMENT_KEY) == department_code
        and existing.customProperty(LAYER_KEY) == VIEW
    ]
    project.removeMapLayers(earlier)
    root = project.layerTreeRoot()
    group: QgsLayerTreeGroup = next(
        (g for g in root.findGroups() if g.customProperty(GROUP_KEY) == "register"), root
    )
    project.addMapLayer(layer, False)
    group.insertLayer(0, layer)
    return layer
