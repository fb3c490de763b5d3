"""Connection settings as the connection part of a QgsDataSourceUri, never with a password.

QGIS 3.22 writes a layer's source into the project file as it is, password included, and
has no project setting to leave credentials out. So a password never goes into a source:

- ``authcfg`` (a saved QGIS connection's authentication configuration) goes into the URI
  as it is; QGIS resolves it from its encrypted store every time it connects.
- A plain ``password`` goes into QGIS's in-memory credential cache (QgsCredentials), keyed
  by the URI's connection info, which is where the PostgreSQL provider looks when the
  server asks for one. It is the mechanism QGIS itself uses for saved connections whose
  password is not stored. Project files saved then hold no password; whoever opens such a
  project later is asked for it by QGIS (or uses pg_service/.pgpass/an authcfg instead).
"""

from __future__ import annotations

import logging

from qgis.core import QgsCredentials, QgsDataSourceUri

from ..db.connection import ConnectionSettings

LOGGER = logging.getLogger(__name__)

# libpq keywords a QgsDataSourceUri can carry; others (connect_timeout...) are left out.
SUPPORTED_KEYS = frozenset(
    {"service", "host", "port", "dbname", "user", "password", "sslmode", "authcfg"}
)


def connection_uri(settings: ConnectionSettings) -> QgsDataSourceUri:
    """The connection part of a layer URI for these settings; a password is cached, not kept."""
    params = {key: str(value) for key, value in settings.params.items() if value not in (None, "")}
    ignored = sorted(set(params) - SUPPORTED_KEYS)
    if ignored:
        LOGGER.debug("Connection keywords QGIS layers do not use: %s", ", ".join(ignored))
    authcfg = params.get("authcfg", "")
    # With an authcfg, the user name and password come from QGIS's authentication store.
    user = "" if authcfg else params.get("user", "")
    sslmode = QgsDataSourceUri.decodeSslMode(params.get("sslmode", "prefer"))
    uri = QgsDataSourceUri()
    if params.get("service"):
        uri.setConnection(params["service"], params.get("dbname", ""), user, "", sslmode, authcfg)
    else:
        uri.setConnection(
            params.get("host", ""),
            params.get("port", ""),
            params.get("dbname", ""),
            user,
            "",
            sslmode,
            authcfg,
        )
    if params.get("password") and not authcfg:
        QgsCredentials.instance().put(uri.connectionInfo(False), user, params["password"])
    return uri
