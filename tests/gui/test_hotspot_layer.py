"""The hotspot layer (layers.hotspots) in real QGIS: fields, features, NULLs where Gi* is
undefined, the legend's classes and colours, a render, and the GeoPackage with its style.

The result is made here from core.hotspots on a 12 x 12 hexagon lattice (no database: the
service's side is tests/db/test_hotspots.py) with a busy patch around cell (6, 6).
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from qgis.core import (
    QgsGeometry,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsPointXY,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

from imis_customer_plugin.core import hotspots
from imis_customer_plugin.core.hotspots import HotspotClass
from imis_customer_plugin.core.reports import ReportFilter
from imis_customer_plugin.layers.hotspots import (
    CLASS_STYLES,
    FIELDS,
    hotspot_layer,
    hotspot_renderer,
)
from imis_customer_plugin.services.reports.hotspots import HotspotResult

SIZE = 100.0
X0, Y0 = 260_000.0, 6_240_000.0  # a multiple of the grid's column width and row height
PERIOD = ReportFilter(dt.date(2026, 3, 1), dt.date(2026, 4, 1))


def _hexagon_wkt(i: int, j: int) -> str:
    """ST_HexagonGrid's cell (i, j): flat-topped, corners from the centre at 0, 60, ... deg."""
    cx = 1.5 * SIZE * i
    cy = math.sqrt(3) * SIZE * (j + 0.5 * (i % 2))
    corners = [
        (cx + SIZE * math.cos(math.radians(a)), cy + SIZE * math.sin(math.radians(a)))
        for a in (180, 240, 300, 0, 60, 120, 180)
    ]
    return "POLYGON((" + ",".join(f"{x!r} {y!r}" for x, y in corners) + "))"


def _centre(i: int, j: int) -> tuple[float, float]:
    return 1.5 * SIZE * i, math.sqrt(3) * SIZE * (j + 0.5 * (i % 2))


def _result(counts_of=None, code: str = "") -> HotspotResult:
    i0, j0 = int(X0 // (1.5 * SIZE)), int(Y0 // (math.sqrt(3) * SIZE))
    i, j = np.meshgrid(np.arange(i0, i0 + 12), np.arange(j0, j0 + 12), indexing="ij")
    i, j = i.ravel(), j.ravel()
    rng = np.random.default_rng(5)
    counts = rng.poisson(1.0, len(i)) if counts_of is None else counts_of(len(i))
    if counts_of is None:
        busy = (np.abs(i - (i0 + 6)) <= 1) & (np.abs(j - (j0 + 6)) <= 1)
        counts[busy] += 20
    wkb = tuple(bytes(QgsGeometry.fromWkt(_hexagon_wkt(a, b)).asWkb()) for a, b in zip(i, j))
    return HotspotResult(
        filter=PERIOD,
        cell_size_m=SIZE,
        srid=32734,
        i=i,
        j=j,
        geometry_wkb=wkb,
        counts=counts,
        statistic=hotspots.analyse(counts, i, j),
        category_code=code,
    )


@pytest.fixture()
def result(qgis_app) -> HotspotResult:
    return _result()


def _by_cell(layer: QgsVectorLayer) -> dict[str, dict]:
    return {f["cell_id"]: {n: f[n] for n, _ in FIELDS} for f in layer.getFeatures()}


def test_the_layer_has_one_feature_per_cell_with_its_figures(result: HotspotResult) -> None:
    layer = hotspot_layer(result)
    assert layer.isValid()
    assert layer.crs().authid() == "EPSG:32734"
    assert layer.featureCount() == len(result) == 144
    assert [f.name() for f in layer.fields()] == [name for name, _ in FIELDS]
    rows = _by_cell(layer)
    hottest = max(result.cells(), key=lambda c: c.gi_z)
    row = rows[hottest.cell_id]
    assert (row["hex_i"], row["hex_j"], row["count"]) == (hottest.i, hottest.j, hottest.count)
    assert row["gi_z"] == pytest.approx(hottest.gi_z)
    assert row["p"] == pytest.approx(hottest.p)
    assert row["p_fdr"] == pytest.approx(hottest.p_fdr)
    assert row["class"] == HotspotClass.HOT_99
    assert row["class_label"] == "Hot spot, 99 % confidence"
    feature = next(f for f in layer.getFeatures() if f["cell_id"] == hottest.cell_id)
    assert feature.geometry().area() == pytest.approx(hotspots.hexagon_area(SIZE))
    assert feature.geometry().centroid().asPoint().distance(
        QgsPointXY(*_centre(hottest.i, hottest.j))
    ) == pytest.approx(0, abs=1e-6)
    assert layer.name() == "Hotspots, all categories, 100 m cells, 2026-03-01 to 2026-03-31"
    assert "Benjamini-Hochberg" in layer.metadata().abstract()


def test_undefined_statistics_are_null_and_not_significant(qgis_app) -> None:
    layer = hotspot_layer(_result(lambda n: np.full(n, 3)))
    rows = list(_by_cell(layer).values())
    assert all(row["gi_z"] is None or row["gi_z"].isNull() for row in rows)
    assert {row["class"] for row in rows} == {0}


def test_the_legend_lists_every_class_hot_to_cold_in_reds_and_blues() -> None:
    renderer = hotspot_renderer()
    assert renderer.classAttribute() == "class"
    categories = renderer.categories()
    assert [c.value() for c in categories] == [3, 2, 1, 0, -1, -2, -3]
    assert [c.label() for c in categories] == [
        "Hot spot, 99 % confidence",
        "Hot spot, 95 % confidence",
        "Hot spot, 90 % confidence",
        "Not significant",
        "Cold spot, 90 % confidence",
        "Cold spot, 95 % confidence",
        "Cold spot, 99 % confidence",
    ]
    colors = {c.value(): c.symbol().color() for c in categories}
    for level in (1, 2, 3):
        assert colors[level].red() > colors[level].blue()  # hot: red
        assert colors[-level].blue() > colors[-level].red()  # cold: blue
    assert colors[3].lightness() < colors[2].lightness() < colors[1].lightness()
    assert colors[0].alpha() < 100  # not significant: faint, the base map shows through


def test_a_render_paints_the_hot_cell_red_and_a_quiet_one_faint(result: HotspotResult) -> None:
    layer = hotspot_layer(result)
    hottest = max(result.cells(), key=lambda c: c.gi_z)
    quiet = next(c for c in result.cells() if c.confidence == 0)
    for cell, expected in ((hottest, "#b2182b"), (quiet, None)):
        x, y = _centre(cell.i, cell.j)
        settings = QgsMapSettings()
        settings.setLayers([layer])
        settings.setDestinationCrs(layer.crs())
        settings.setOutputSize(QSize(50, 50))
        settings.setBackgroundColor(QColor("white"))
        settings.setExtent(QgsRectangle(x - 20, y - 20, x + 20, y + 20))
        job = QgsMapRendererSequentialJob(settings)
        job.start()
        job.waitForFinished()
        drawn = QColor(job.renderedImage().pixel(25, 25))
        if expected:
            want = QColor(expected)
            assert abs(drawn.red() - want.red()) + abs(drawn.green() - want.green()) < 60
        else:
            assert drawn.lightness() > 230  # faint grey over white


def test_a_geopackage_keeps_the_cells_and_opens_styled(result: HotspotResult, tmp_path) -> None:
    path = tmp_path / "hotspots.gpkg"
    written = hotspot_layer(result, path)
    assert written.isValid() and written.featureCount() == len(result)
    assert written.source().startswith(str(path))
    # A second result (one category) goes in the same file beside the first.
    hotspot_layer(_result(code="POTHOLE"), path)
    for table in ("hotspots_all_100m", "hotspots_pothole_100m"):
        reopened = QgsVectorLayer(f"{path}|layername={table}", table, "ogr")
        assert reopened.isValid(), table
        assert reopened.featureCount() == 144
        assert {f.name() for f in reopened.fields()} >= {name for name, _ in FIELDS}
        assert reopened.renderer().type() == "categorizedSymbol"  # its default style
        assert len(reopened.renderer().categories()) == len(CLASS_STYLES)
    reopened = QgsVectorLayer(f"{path}|layername=hotspots_all_100m", "all", "ogr")
    assert _by_cell(reopened) == _by_cell(hotspot_layer(result))  # as the memory layer
