"""The user's saved QGIS PostgreSQL connections, turned into libpq settings in memory."""

from __future__ import annotations

from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsDataSourceUri, QgsProviderRegistry

from ..db.connection import ConnectionSettings
from ..definitions import ConnectionKind
from .plugin_settings import DatabaseChoice

_URI_KEYS = {"host": "host", "port": "port", "database": "dbname", "service": "service"}


def saved_connection_names() -> list[str]:
    return sorted(QgsProviderRegistry.instance().providerMetadata("postgres").connections())


def _settings_from_saved_connection(name: str) -> ConnectionSettings:
    connections = QgsProviderRegistry.instance().providerMetadata("postgres").connections()
    if name not in connections:
        raise LookupError(f"There is no saved QGIS PostgreSQL connection called '{name}'.")
    uri = QgsDataSourceUri(connections[name].uri())
    params = {key: getattr(uri, attr)() for attr, key in _URI_KEYS.items() if getattr(uri, attr)()}
    if uri.sslMode() != QgsDataSourceUri.SslPrefer:
        params["sslmode"] = QgsDataSourceUri.encodeSslMode(uri.sslMode())
    if uri.authConfigId():
        config = QgsAuthMethodConfig()
        if not QgsApplication.authManager().loadAuthenticationConfig(
            uri.authConfigId(), config, True
        ):
            raise LookupError(
                f"The authentication configuration of connection '{name}' cannot be read "
                "(is the QGIS master password set?)."
            )
        params["user"] = config.config("username")
        params["password"] = config.config("password")
    else:
        params.update(
            {k: v for k, v in (("user", uri.username()), ("password", uri.password())) if v}
        )
    return ConnectionSettings(params, label=f"QGIS connection '{name}'")


def layer_settings(choice: DatabaseChoice, resolved: ConnectionSettings) -> ConnectionSettings:
    """What map layers get: the saved connection's authcfg instead of its user and password,
    so QGIS resolves the credentials itself and a saved project never holds them."""
    if choice.kind is not ConnectionKind.QGIS_CONNECTION:
        return resolved
    connections = QgsProviderRegistry.instance().providerMetadata("postgres").connections()
    authcfg = QgsDataSourceUri(connections[choice.name].uri()).authConfigId()
    if not authcfg:
        return resolved
    params = {k: v for k, v in resolved.params.items() if k not in ("user", "password")}
    return ConnectionSettings({**params, "authcfg": authcfg}, label=resolved.label)


def resolve_database_choice(choice: DatabaseChoice) -> ConnectionSettings:
    """Raises LookupError when the saved connection or its credentials are gone."""
    if choice.kind is ConnectionKind.QGIS_CONNECTION:
        return _settings_from_saved_connection(choice.name)
    return ConnectionSettings.from_service(choice.name)
