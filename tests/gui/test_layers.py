"""The map layers on real PostGIS: validity, counts, styles, NOTIFY refresh, no stored password,
and a real render (offscreen) that draws a known point."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg2
import pytest
from qgis.core import (
    Qgis,
    QgsApplication,
    QgsAuthMethodConfig,
    QgsExpression,
    QgsFeatureRequest,
    QgsMapRendererParallelJob,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsProject,
    QgsRectangle,
    QgsRenderContext,
)
from qgis.PyQt.QtCore import QEventLoop, QSize, QTimer
from qgis.PyQt.QtGui import QColor
from sqlalchemy import text

from imis_customer_plugin.core.correspondence import NewCorrespondence
from imis_customer_plugin.core.workflow import Status
from imis_customer_plugin.db import migrate
from imis_customer_plugin.db.connection import ConnectionSettings, create_db_engine
from imis_customer_plugin.layers import (
    STATUS_STYLES,
    LayerError,
    NotifyRefresher,
    add_imis_layers,
    add_sla_rules,
    build_imis_layers,
    municipality_extent,
    needs_own_listener,
    open_source,
    scales,
    status_renderer,
)
from imis_customer_plugin.layers.open_items import count_classes
from imis_customer_plugin.layers.status_style import SLA_RINGS
from imis_customer_plugin.services import locate, register
from tests.db.test_map_views import (
    LOCATED_ITEMS,
    MAP_ITEMS,
    OPEN_PER_PARCEL,
    OPEN_PER_WARD,
    X0,
    Y0,
    map_register,
)
from tests.municipality import ORIGIN_X, ORIGIN_Y

PASSWORD = "map-desk-secret"
MASTER_PASSWORD = "test-master-password"
REOPENED_AT = (X0 + 450, Y0 + 250)  # see MAP_ITEMS
CLOSED_AT = (X0 + 500, Y0 + 250)


@pytest.fixture(scope="module")
def map_settings(database_factory) -> ConnectionSettings:
    return map_register(database_factory)


@pytest.fixture(scope="module")
def layers(qgis_app, map_settings):
    return build_imis_layers(open_source(map_settings))


@pytest.fixture()
def desk_login(cluster, map_settings) -> Iterator[dict[str, str]]:
    """A password login of a desk user with read access, reached over TCP."""
    login = cluster.create_login(PASSWORD)
    engine = create_db_engine(map_settings)
    with engine.begin() as connection:
        connection.exec_driver_sql(f'GRANT imis_reader TO "{login["user"]}"')
    yield {**login, "dbname": map_settings.params["dbname"]}
    # QGIS pools its connections for a while; end them, or the database cannot be dropped.
    with engine.begin() as connection:
        connection.exec_driver_sql(f'GRANT "{login["user"]}" TO CURRENT_USER')
        connection.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :u"),
            {"u": login["user"]},
        )
    engine.dispose()


def _count(layer) -> int:
    return sum(1 for _ in layer.getFeatures(QgsFeatureRequest().setNoAttributes()))


def _render(layer, center: tuple[float, float], scale_width: float, parallel: bool = True):
    """The layer alone, rendered offscreen around `center`, `scale_width` metres across."""
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setOutputSize(QSize(200, 200))
    settings.setOutputDpi(96)
    settings.setBackgroundColor(QColor("white"))
    x, y = center
    half = scale_width / 2
    settings.setExtent(QgsRectangle(x - half, y - half, x + half, y + half))
    job = QgsMapRendererParallelJob(settings) if parallel else QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    assert not job.errors(), [e.message for e in job.errors()]
    return job.renderedImage(), settings


def _pixel_at(image, settings: QgsMapSettings, x: float, y: float) -> QColor:
    point = settings.mapToPixel().transform(x, y)
    return QColor(image.pixel(round(point.x()), round(point.y())))


def _wait_for(signal, trigger, timeout_ms: int = 5000) -> bool:
    """Runs `trigger` and the event loop until `signal` fires (True) or time runs out."""
    loop = QEventLoop()
    fired: list[tuple] = []

    def on_signal(*args) -> None:
        fired.append(args)
        loop.quit()

    signal.connect(on_signal)
    try:
        trigger()
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec_()
    finally:
        signal.disconnect(on_signal)
    return bool(fired)


def _notify(settings: ConnectionSettings, message: str) -> None:
    connection = psycopg2.connect(settings.dsn())
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify('qgis', %s)", (message,))
    finally:
        connection.close()


def test_every_layer_is_valid_with_the_rows_of_its_relation(layers) -> None:
    expected = {
        "correspondence": len(MAP_ITEMS),
        "parcels_with_open_items": len(OPEN_PER_PARCEL),
        "open_items_by_ward": len(OPEN_PER_WARD),
        "parcels": 4,
        "suburbs": 1,
        "wards": 2,
        "boundary": 1,
    }
    found = {name: getattr(layers, name) for name in expected}
    assert all(layer.isValid() for layer in found.values())
    assert {name: _count(layer) for name, layer in found.items()} == expected
    assert {layer.crs().authid() for layer in found.values()} == {"EPSG:32734"}
    located = layers.correspondence.getFeatures(
        QgsFeatureRequest().setFilterExpression("$geometry IS NOT NULL")
    )
    assert sum(1 for _ in located) == LOCATED_ITEMS


def test_sources_are_keyed_typed_and_estimated(layers) -> None:
    uri = layers.correspondence.dataProvider().uri()
    assert (uri.schema(), uri.table(), uri.keyColumn(), uri.srid()) == (
        "imis",
        "correspondence",
        "id",
        "32734",
    )
    assert uri.useEstimatedMetadata()
    assert uri.wkbType() == layers.correspondence.wkbType()
    view = layers.open_items_by_ward.dataProvider().uri()
    assert view.param("checkPrimaryKeyUnicity") == "0"  # no scan of the view on opening


def test_legend_names_every_status_in_words(layers) -> None:
    labels = [item.label() for item in layers.correspondence.renderer().legendSymbolItems()]
    assert labels == [
        "Logged",
        "Assigned",
        "In progress",
        "Pending",
        "Deferred",
        "Escalated",
        "Re-opened",
        "Resolved",
        "Closed",
        "SLA at risk",
        "SLA breached",
    ]
    rules = layers.correspondence.renderer().rootRule().children()
    assert {r.ruleKey(): r.filterExpression() for r in rules} == {
        **{f"status:{s.value}": f"\"status\" = '{s.value}'" for s in Status},
        **{
            f"sla:{state}": f"(\"sla_state\") = '{state}' AND \"status\" <> 'closed'"
            for state in ("at_risk", "breached")
        },
    }
    assert set(STATUS_STYLES) == set(Status)


def test_closed_items_are_hidden_unless_asked_for(layers) -> None:
    closed_rule = next(
        r for r in layers.correspondence.renderer().rootRule().children() if r.label() == "Closed"
    )
    assert not closed_rule.active()
    shown = status_renderer(show_closed=True)
    assert all(rule.active() for rule in shown.rootRule().children())

    def drawn(renderer, scale: float) -> set[str]:
        context = QgsRenderContext()
        context.setRendererScale(scale)
        renderer = renderer.clone()
        renderer.startRender(context, layers.correspondence.fields())
        try:
            return {
                f["status"]
                for f in layers.correspondence.getFeatures()
                if renderer.willRenderFeature(f, context)
            }
        finally:
            renderer.stopRender(context)

    open_statuses = {s.value for s in Status} - {"closed"}
    assert drawn(layers.correspondence.renderer(), 2000) == open_statuses
    assert drawn(shown, 2000) == open_statuses | {"closed"}
    assert drawn(shown, 20000) == open_statuses  # closed ones only near in


def test_points_give_way_to_ward_counts_at_city_scale(layers) -> None:
    points, wards = layers.correspondence, layers.open_items_by_ward
    assert points.isInScaleRange(10_000) and not points.isInScaleRange(60_000)
    assert wards.isInScaleRange(60_000) and not wards.isInScaleRange(10_000)
    assert not layers.parcels.isInScaleRange(60_000)
    labels = points.labeling().settings()
    assert labels.fieldName == '"reference"'
    assert labels.scaleVisibility and labels.minimumScale == scales.STREET


def test_ward_and_parcel_classes_read_as_counts(layers) -> None:
    assert count_classes(21) == [(1, 5), (6, 10), (11, 15), (16, 20), (21, None)]
    assert count_classes(0) == [(1, None)]
    assert count_classes(480) == [(1, 100), (101, 200), (201, 300), (301, 400), (401, None)]
    ward_labels = [i.label() for i in layers.open_items_by_ward.renderer().legendSymbolItems()]
    assert ward_labels[0] == "None" and ward_labels[-1].endswith("or more")
    parcel_labels = [
        i.label() for i in layers.parcels_with_open_items.renderer().legendSymbolItems()
    ]
    assert parcel_labels == ["1", "2", "3–4", "5 or more"]  # noqa: RUF001 - en dash


def test_register_layers_refresh_on_the_correspondence_notify(layers, map_settings) -> None:
    for layer in layers.register():
        assert layer.isRefreshOnNotifyEnabled()
        assert layer.refreshOnNotifyMessage() == "correspondence"
    points = layers.correspondence
    assert _wait_for(points.dataChanged, lambda: _notify(map_settings, "correspondence"))
    assert not _wait_for(points.dataChanged, lambda: _notify(map_settings, "parcel"), 1500)


def test_an_item_logged_elsewhere_repaints_the_map(layers, map_settings) -> None:
    engine = create_db_engine(map_settings)

    def log_at_another_desk() -> None:
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "UPDATE imis.correspondence SET priority = 2 WHERE status = 'pending'"
            )

    try:
        assert _wait_for(layers.correspondence.repaintRequested, log_at_another_desk)
    finally:
        engine.dispose()


def test_groups_and_order_in_the_project(qgis_app, map_settings) -> None:
    project = QgsProject()
    added = add_imis_layers(project, map_settings)
    root = project.layerTreeRoot()
    tree = {group.name(): [n.name() for n in group.children()] for group in root.children()}
    assert tree == {
        "IMIS Customer": ["IMIS correspondence", "Parcels with open items", "Open items per ward"],
        "Reference": [
            "Assets (points)",
            "Assets (lines)",
            "Parcels",
            "Suburbs",
            "Wards",
            "Municipal boundary",
        ],
    }
    assert project.crs().authid() == "EPSG:32734"
    again = add_imis_layers(project, map_settings)  # e.g. after a reconnect
    assert len(project.mapLayers()) == len(again.all()) == len(added.all())
    assert [g.name() for g in root.children()] == ["IMIS Customer", "Reference"]
    project.clear()


def test_a_password_is_used_but_never_saved(
    qgis_app, desk_login, map_settings, tmp_path: Path
) -> None:
    settings = ConnectionSettings({**desk_login, "password": PASSWORD})
    project = QgsProject()
    added = add_imis_layers(project, settings)
    assert _count(added.correspondence) == len(MAP_ITEMS)  # the password did reach the server
    # QGIS's own listener finds it in the credential cache too.
    assert added.correspondence.isRefreshOnNotifyEnabled()
    notify = lambda: _notify(map_settings, "correspondence")  # noqa: E731
    assert _wait_for(added.correspondence.dataChanged, notify)
    path = tmp_path / "desk.qgs"
    assert project.write(str(path))
    saved = path.read_text(encoding="utf-8")
    assert desk_login["user"] in saved
    assert PASSWORD not in saved
    assert all(PASSWORD not in layer.source() for layer in added.all())
    project.clear()


def test_an_authcfg_is_saved_instead_of_credentials(qgis_app, desk_login, tmp_path) -> None:
    manager = QgsApplication.authManager()
    assert manager.setMasterPassword(MASTER_PASSWORD, True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("IMIS map desk")
    config.setConfig("username", desk_login["user"])
    config.setConfig("password", PASSWORD)
    assert manager.storeAuthenticationConfig(config)
    params = {k: desk_login[k] for k in ("host", "port", "dbname")}
    project = QgsProject()
    added = add_imis_layers(project, ConnectionSettings({**params, "authcfg": config.id()}))
    assert _count(added.parcels) == 4
    path = tmp_path / "authcfg.qgs"
    assert project.write(str(path))
    saved = path.read_text(encoding="utf-8")
    assert f"authcfg={config.id()}" in saved
    assert PASSWORD not in saved and desk_login["user"] not in saved
    project.clear()


def test_authcfg_layers_refresh_through_our_own_listener(qgis_app, desk_login, map_settings):
    """QGIS 3.22 crashes when an authcfg layer listens itself; one listener of ours does it."""
    manager = QgsApplication.authManager()
    assert manager.setMasterPassword(MASTER_PASSWORD, True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("IMIS map listener")
    config.setConfig("username", desk_login["user"])
    config.setConfig("password", PASSWORD)
    assert manager.storeAuthenticationConfig(config)
    params = {k: desk_login[k] for k in ("host", "port", "dbname")}
    layers = build_imis_layers(open_source(ConnectionSettings({**params, "authcfg": config.id()})))
    waiting = needs_own_listener(layers.all())
    if Qgis.QGIS_VERSION_INT >= 33600:
        assert waiting == []
        return
    assert waiting == layers.register()
    # The GUI holds the credentials resolved from the authcfg, in memory only.
    resolved = ConnectionSettings({**desk_login, "password": PASSWORD})
    refresher = NotifyRefresher(resolved, waiting)
    try:
        points = layers.correspondence
        assert _wait_for(points.dataChanged, lambda: _notify(map_settings, "correspondence"))
        assert not _wait_for(points.dataChanged, lambda: _notify(map_settings, "parcel"), 1000)
    finally:
        refresher.stop()


@pytest.mark.parametrize("parallel", [True, False], ids=["parallel", "sequential"])
def test_a_render_draws_the_known_point(layers, parallel: bool) -> None:
    image, settings = _render(layers.correspondence, REOPENED_AT, 200, parallel)
    drawn = _pixel_at(image, settings, *REOPENED_AT)
    expected = QColor(STATUS_STYLES[Status.REOPENED].color)
    assert abs(drawn.red() - expected.red()) + abs(drawn.green() - expected.green()) < 60
    assert _pixel_at(image, settings, REOPENED_AT[0], REOPENED_AT[1] + 60) == QColor("white")
    # A closed item is not drawn by default, even this near in.
    image, settings = _render(layers.correspondence, CLOSED_AT, 200, parallel)
    assert _pixel_at(image, settings, *CLOSED_AT) == QColor("white")


def test_sla_rules_add_rings_to_the_legend() -> None:
    renderer = status_renderer()
    add_sla_rules(renderer, '"sla_state"')
    labels = [item.label() for item in renderer.legendSymbolItems()]
    assert labels[-2:] == ["SLA at risk", "SLA breached"]
    for rule in renderer.rootRule().children()[-2:]:
        assert not QgsExpression(rule.filterExpression()).hasParserError()


def test_a_breached_item_is_drawn_with_the_breached_ring(
    qgis_app, register_settings, register_engine
) -> None:
    """Located through the services like any item, then overdue as the worker's sweep marks it."""
    where = (ORIGIN_X + 150, ORIGIN_Y + 50)  # erf 1002: no other test puts items here
    request = NewCorrespondence(category_code="BURST_PIPE", channel="telephone", description="Leak")
    with register_engine.begin() as connection:
        logged = register.log_correspondence(connection, request)
        late = locate.locate_at_point(connection, logged.id, logged.row_version, *where, 32734)
        logged = register.log_correspondence(connection, request)
        on_time = locate.locate_at_point(connection, logged.id, logged.row_version, *where, 32734)
        connection.execute(
            text("UPDATE imis.correspondence SET sla_state = 'breached' WHERE id = :id"),
            {"id": late.state.id},
        )
    layer = build_imis_layers(open_source(register_settings)).correspondence
    renderer = layer.renderer().clone()
    context = QgsRenderContext()
    context.setRendererScale(2000)
    root = renderer.rootRule().ruleKey()
    renderer.startRender(context, layer.fields())
    try:
        keys = {
            f["id"]: renderer.legendKeysForFeature(f, context) - {root}
            for f in layer.getFeatures(f'"id" IN ({late.state.id}, {on_time.state.id})')
        }
    finally:
        renderer.stopRender(context)
    assert keys == {
        late.state.id: {"status:assigned", "sla:breached"},
        on_time.state.id: {"status:assigned"},
    }

    # Drawn: the ring lies about 9 px (4.6 mm across at 96 dpi) from the point's centre.
    image, settings = _render(layer, where, 200)
    ring = QColor(SLA_RINGS["breached"][1])
    centre = settings.mapToPixel().transform(*where)
    seen = [QColor(image.pixel(round(centre.x()) + dx, round(centre.y()))) for dx in range(6, 13)]
    assert any(
        abs(c.red() - ring.red()) + abs(c.green() - ring.green()) + abs(c.blue() - ring.blue()) < 60
        for c in seen
    ), [c.name() for c in seen]


def test_municipality_extent_is_the_boundary(qgis_app, map_settings) -> None:
    extent = municipality_extent(open_source(map_settings))
    assert (extent.xMinimum(), extent.yMinimum()) == (X0 - 1000, Y0 - 1000)
    assert (extent.width(), extent.height()) == (3000, 3000)


def test_an_older_schema_is_refused_with_a_clear_message(qgis_app, empty_database) -> None:
    engine = create_db_engine(empty_database)
    migrate.upgrade(engine, "0002")
    engine.dispose()
    with pytest.raises(LayerError, match="older than this plugin"):
        open_source(empty_database)


def test_a_database_without_the_schema_is_refused(qgis_app, empty_database) -> None:
    with pytest.raises(LayerError, match="IMIS-customer schema"):
        open_source(empty_database)
