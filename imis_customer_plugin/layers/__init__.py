"""QGIS layers straight from the PostGIS register, styled, refreshing on NOTIFY.

The GUI calls add_imis_layers(); the other names build single layers or read the source.
"""

from __future__ import annotations

from .correspondence import correspondence_layer
from .notify import NotifyRefresher, needs_own_listener
from .project import ImisLayers, add_imis_layers, build_imis_layers
from .source import LAYER_KEY, ImisSource, LayerError, municipality_extent, open_source
from .status_style import STATUS_STYLES, add_sla_rules, status_renderer
from .tasks import add_open_tasks_layer, open_tasks_layer

__all__ = [
    "LAYER_KEY",
    "STATUS_STYLES",
    "ImisLayers",
    "ImisSource",
    "LayerError",
    "NotifyRefresher",
    "add_imis_layers",
    "add_open_tasks_layer",
    "add_sla_rules",
    "build_imis_layers",
    "correspondence_layer",
    "municipality_extent",
    "needs_own_listener",
    "open_source",
    "open_tasks_layer",
    "status_renderer",
]
