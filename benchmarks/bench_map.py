"""Issue 4 benchmark: map render time of the correspondence layer at city and street scale.

Each render is a QgsMapRendererParallelJob on offscreen QgsMapSettings (1600 x 1000 px,
96 dpi), as the canvas would run it. The baseline is the same render of a plain
single-symbol layer of the same table (no rules, no labels, no scale limits): what QGIS
does when a user just adds imis.correspondence. Ours and the baseline alternate, after one
warm-up render each, so both see the same cache state.

    results = bench_map_render(ConnectionSettings.from_service("imis").with_database("x"))
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from qgis.core import (
    QgsMapLayer,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsMarkerSymbol,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

from imis_customer_plugin.db.connection import ConnectionSettings
from imis_customer_plugin.layers import build_imis_layers, municipality_extent, open_source
from imis_customer_plugin.layers.source import ImisSource

from .common import Result, timed_ms
from .qgis_app import ensure_qgis

SIZE = QSize(1600, 1000)
DPI = 96
STREET_SCALE = 2_500
METRES_PER_PIXEL_AT_1 = 0.0254 / DPI  # 1:1 at 96 dpi


@contextmanager
def _qgis() -> Iterator[None]:
    ensure_qgis()
    yield


def _settings(layers: list[QgsMapLayer], extent: QgsRectangle, source: ImisSource):
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(source.crs)
    settings.setOutputSize(SIZE)
    settings.setOutputDpi(DPI)
    settings.setBackgroundColor(QColor("white"))
    settings.setExtent(extent)
    return settings


def _render_ms(settings: QgsMapSettings) -> Callable[[], None]:
    def render() -> None:
        job = QgsMapRendererParallelJob(settings)
        job.start()
        job.waitForFinished()
        if job.errors():
            raise RuntimeError("; ".join(e.message for e in job.errors()))

    return render


def _plain_layer(source: ImisSource) -> QgsVectorLayer:
    uri = source.uri("correspondence", QgsWkbTypes.Point)
    layer = QgsVectorLayer(uri.uri(False), "plain", "postgres")
    symbol = QgsMarkerSymbol.createSimple({"name": "circle", "color": "#2166ac", "size": "2"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    return layer


def _street_extent(city: QgsRectangle) -> QgsRectangle:
    """1:2,500 at the city's centre, where the Demo City is densest."""
    width = SIZE.width() * METRES_PER_PIXEL_AT_1 * STREET_SCALE
    height = SIZE.height() * METRES_PER_PIXEL_AT_1 * STREET_SCALE
    centre = city.center()
    return QgsRectangle(
        centre.x() - width / 2,
        centre.y() - height / 2,
        centre.x() + width / 2,
        centre.y() + height / 2,
    )


def _compare(ours: QgsMapSettings, bare: QgsMapSettings, repeat: int) -> tuple[float, float]:
    render_ours, render_bare = _render_ms(ours), _render_ms(bare)
    render_ours()
    render_bare()  # warm-up: connections, plans, caches
    mine: list[float] = []
    plain: list[float] = []
    for _ in range(repeat):
        mine += timed_ms(render_ours, 1)
        plain += timed_ms(render_bare, 1)
    return statistics.median(mine), statistics.median(plain)


def bench_map_render(settings: ConnectionSettings, repeat: int = 5) -> list[Result]:
    """Median render times (ms) of our layers against the plain layer, city and street."""
    with _qgis():
        source = open_source(settings)
        city = municipality_extent(source)
        if city is None:
            raise RuntimeError("The benchmark database holds no municipality to draw.")
        layers = build_imis_layers(source)
        plain = _plain_layer(source)
        points = layers.correspondence
        forced = points.clone()  # the same layer with its scale limit off
        forced.setScaleBasedVisibility(False)
        unlabelled = points.clone()  # what the labels cost, at street scale
        unlabelled.setLabelsEnabled(False)
        street = _street_extent(city)
        cases = {
            # What the user sees of the register at city scale: ward counts, no points.
            "map_render_city_ms": ([points, layers.open_items_by_ward], city),
            # The styled points drawn anyway at city scale (open items only, by status).
            "map_render_city_points_ms": ([forced], city),
            "map_render_street_ms": ([points], street),
            "map_render_street_unlabelled_ms": ([unlabelled], street),
        }
        targets = {
            "map_render_city_ms": "<= 500 ms and < bare",
            "map_render_street_ms": "<= 500 ms (labels included)",
        }
        results = []
        for name, (ours, extent) in cases.items():
            value, bare = _compare(
                _settings(ours, extent, source), _settings([plain], extent, source), repeat
            )
            results.append(
                Result(name, round(value, 1), "ms", round(bare, 1), targets.get(name, ""))
            )
        # Before QGIS goes: layers left to its teardown crash it (3.22).
        del cases, layers, plain, points, forced, unlabelled
    return results
