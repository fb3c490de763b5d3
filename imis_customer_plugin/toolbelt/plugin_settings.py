"""What the plugin remembers between sessions; never a password (QGIS auth manager keeps those)."""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import QgsSettings

from ..definitions import DEFAULT_SERVICE, SETTINGS_GROUP, ConnectionKind


@dataclass(frozen=True)
class DatabaseChoice:
    kind: ConnectionKind = ConnectionKind.SERVICE
    name: str = DEFAULT_SERVICE  # pg_service name or saved QGIS connection name


def load_database_choice() -> DatabaseChoice:
    settings = QgsSettings()
    settings.beginGroup(SETTINGS_GROUP)
    try:
        kind = ConnectionKind(settings.value("database/kind", ConnectionKind.SERVICE.value))
    except ValueError:
        kind = ConnectionKind.SERVICE
    name = settings.value("database/name", DEFAULT_SERVICE) or DEFAULT_SERVICE
    settings.endGroup()
    return DatabaseChoice(kind, name)


def save_database_choice(choice: DatabaseChoice) -> None:
    settings = QgsSettings()
    settings.beginGroup(SETTINGS_GROUP)
    settings.setValue("database/kind", choice.kind.value)
    settings.setValue("database/name", choice.name)
    settings.endGroup()
