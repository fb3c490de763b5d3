"""The register as a layer source: one connection, the municipality's CRS, a URI per relation."""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsAbstractDatabaseProviderConnection,
    QgsCoordinateReferenceSystem,
    QgsDataSourceUri,
    QgsException,
    QgsProviderRegistry,
    QgsRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..core.errors import ImisError
from ..db.connection import ConnectionSettings
from ..definitions import SCHEMA
from .connection import connection_uri

# One round trip: the CRS every geometry is typed with, and whether migration 0003 ran.
_SOURCE_SQL = (
    "SELECT (SELECT value #>> '{}' FROM imis.setting WHERE key = 'municipality.srid'), "
    "to_regclass('imis.parcel_open_items') IS NOT NULL"
)
LAYER_KEY = "imis_customer/layer"  # custom property: which relation a layer of ours shows
_EXTENT_SQL = (
    "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT coalesce("
    "(SELECT ST_Extent(geom) FROM imis.municipal_boundary), "
    "(SELECT ST_Extent(geom) FROM imis.parcel)) AS e) AS extent"
)


class LayerError(ImisError):
    """The register cannot be shown on the map; the message says why and what to do."""


@dataclass(frozen=True)
class ImisSource:
    """Where the layers come from: a connection (no password in it) and the municipal SRID."""

    connection_info: str  # QgsDataSourceUri.connectionInfo(False): never holds a password
    srid: int
    label: str = ""

    @property
    def crs(self) -> QgsCoordinateReferenceSystem:
        return QgsCoordinateReferenceSystem(f"EPSG:{self.srid}")

    def uri(
        self,
        relation: str,
        wkb_type: QgsWkbTypes.Type,
        key: str = "id",
        is_view: bool = False,
    ) -> QgsDataSourceUri:
        """Key column, typed geometry, SRID and estimated metadata: QGIS asks nothing more."""
        uri = QgsDataSourceUri(self.connection_info)
        uri.setDataSource(SCHEMA, relation, "geom", "", key)
        uri.setWkbType(wkb_type)
        uri.setSrid(str(self.srid))
        uri.setUseEstimatedMetadata(True)
        if is_view:
            # Our views are keyed by construction; the check would scan the whole view.
            uri.setParam("checkPrimaryKeyUnicity", "0")
        return uri

    def open_layer(
        self,
        relation: str,
        wkb_type: QgsWkbTypes.Type,
        name: str,
        key: str = "id",
        is_view: bool = False,
    ) -> QgsVectorLayer:
        """A read-only layer of imis.<relation>; raises LayerError when it cannot be opened."""
        uri = self.uri(relation, wkb_type, key, is_view)
        layer = QgsVectorLayer(uri.uri(False), name, "postgres")
        if not layer.isValid():
            provider = layer.dataProvider()
            reason = provider.error().summary() if provider is not None else ""
            raise LayerError(
                f"{SCHEMA}.{relation} could not be opened as a map layer "
                f"({self.label or 'unnamed database'}): {reason or 'no details from QGIS'}. "
                "Check that your role may read it."
            )
        layer.setCustomProperty(LAYER_KEY, relation)
        layer.setReadOnly(True)  # changes go through the plugin's services, never the map
        return layer

    def execute(self, sql: str) -> list[list]:
        """A read-only statement through QGIS's own connection (so authcfg works too)."""
        try:
            rows = _provider_connection(self.connection_info).executeSql(sql)
        except QgsException as error:  # also QgsProviderConnectionException
            raise LayerError(
                f"The IMIS-customer database ({self.label or 'unnamed'}) could not be read "
                f"for the map: {error}"
            ) from error
        return [[_python(value) for value in row] for row in rows]


def _python(value: object) -> object:
    """SQL NULL arrives as a null QVariant."""
    return None if isinstance(value, QVariant) and value.isNull() else value


def _provider_connection(connection_info: str) -> QgsAbstractDatabaseProviderConnection:
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    return metadata.createConnection(QgsDataSourceUri(connection_info).uri(False), {})


def open_source(settings: ConnectionSettings, srid: int | None = None) -> ImisSource:
    """The layer source for these settings; reads the municipal SRID unless it is given.

    Raises LayerError when the database cannot be reached, holds no IMIS-customer schema,
    or its schema predates the map views (migration 0003).
    """
    uri = connection_uri(settings)
    source = ImisSource(uri.connectionInfo(False), srid or 0, settings.describe())
    try:
        rows = source.execute(_SOURCE_SQL)
    except LayerError as error:
        raise LayerError(
            f"{error} Check that the database holds the IMIS-customer schema "
            "and that your role may read it."
        ) from error
    stored_srid, has_views = rows[0] if rows else (None, False)
    if not has_views:
        raise LayerError(
            "The IMIS-customer schema of this database is older than this plugin: "
            "upgrade it (IMIS Customer → Connect to database offers the upgrade)."
        )
    if srid is None:
        if not stored_srid:
            raise LayerError("The database has no 'municipality.srid' setting.")
        source = ImisSource(source.connection_info, int(stored_srid), source.label)
    return source


def municipality_extent(source: ImisSource) -> QgsRectangle | None:
    """The municipal boundary's extent (else the parcels'), in source.crs; None when empty."""
    rows = source.execute(_EXTENT_SQL)
    if not rows or rows[0][0] is None:
        return None
    xmin, ymin, xmax, ymax = (float(v) for v in rows[0])
    return QgsRectangle(xmin, ymin, xmax, ymax)
