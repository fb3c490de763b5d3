"""Refresh on NOTIFY: QGIS's own listener where it is safe, else one of ours.

imis.notify_qgis() sends pg_notify('qgis', <table name>) after every statement. QGIS layers
listen for it themselves (setRefreshOnNotifyEnabled), but before QGIS 3.36 that listener
crashes QGIS when the layer connects through an authcfg (qgis/QGIS#54260, fixed by #55062).
Those layers keep the message but not the listener; NotifyRefresher then does the listening
on one connection of its own, with the credentials the plugin resolved in memory.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import psycopg2
import psycopg2.extensions
from qgis.core import Qgis, QgsMapLayer
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QObject, QSocketNotifier

from ..db.connection import ConnectionSettings
from ..definitions import APPLICATION_NAME
from .source import ImisSource

LOGGER = logging.getLogger(__name__)
CHANNEL = "qgis"
SAFE_WITH_AUTHCFG = 33600  # Qgis.QGIS_VERSION_INT of the first release with the fix


def native_listening_is_safe(source: ImisSource, version: int = Qgis.QGIS_VERSION_INT) -> bool:
    return version >= SAFE_WITH_AUTHCFG or "authcfg=" not in source.connection_info


def refresh_on_notify(layer: QgsMapLayer, source: ImisSource, message: str) -> None:
    """Repaint `layer` when the database sends `message` (a table name) on channel qgis."""
    layer.setRefreshOnNofifyMessage(message)  # sic: the API's spelling (3.22 to 3.40)
    if native_listening_is_safe(source):
        layer.setRefreshOnNotifyEnabled(True)


class NotifyRefresher(QObject):
    """LISTENs on one connection and repaints the layers whose message arrives.

    For layers that could not listen themselves (see native_listening_is_safe). Runs in the
    GUI thread on a socket notifier: no thread, and nothing waits on the database.
    """

    def __init__(
        self,
        settings: ConnectionSettings,
        layers: Iterable[QgsMapLayer],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.layers = [layer for layer in layers if layer.refreshOnNotifyMessage()]
        params = {k: v for k, v in settings.params.items() if k != "authcfg"}  # QGIS-only key
        self._connection = psycopg2.connect(
            application_name=APPLICATION_NAME, connect_timeout=10, **params
        )
        self._connection.set_isolation_level(psycopg2.extensions.ISOLATION_LEVEL_AUTOCOMMIT)
        with self._connection.cursor() as cursor:
            cursor.execute(f"LISTEN {CHANNEL}")
        self._notifier = QSocketNotifier(self._connection.fileno(), QSocketNotifier.Read, self)
        self._notifier.activated.connect(self._on_readable)

    def _on_readable(self) -> None:
        try:
            self._connection.poll()
        except psycopg2.Error as error:
            LOGGER.warning("Stopped listening for map refreshes: %s", error)
            self.stop()
            return
        messages = {notice.payload for notice in self._connection.notifies}
        self._connection.notifies.clear()
        self.layers = [layer for layer in self.layers if not sip.isdeleted(layer)]  # removed
        for layer in self.layers:
            if layer.refreshOnNotifyMessage() in messages:
                layer.triggerRepaint()
                layer.dataChanged.emit()

    def stop(self) -> None:
        """Closes the connection: call it on unload."""
        self._notifier.setEnabled(False)
        if not self._connection.closed:
            self._connection.close()


def needs_own_listener(layers: Iterable[QgsMapLayer]) -> list[QgsMapLayer]:
    """Layers with a refresh message whose QGIS listener is off (pass them to NotifyRefresher)."""
    return [
        layer
        for layer in layers
        if layer.refreshOnNotifyMessage() and not layer.isRefreshOnNotifyEnabled()
    ]
