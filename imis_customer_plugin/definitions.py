"""Constants and enums shared by every layer of the plugin."""

from __future__ import annotations

import datetime as dt
from enum import Enum

PLUGIN_PACKAGE = "imis_customer_plugin"
PLUGIN_TITLE = "IMIS Customer"
APPLICATION_NAME = "IMIS-customer"
SCHEMA = "imis"
DEFAULT_SERVICE = "imis"
SETTINGS_GROUP = "imis_customer"
RESOURCE_PREFIX = ":/plugins/imis_customer"

# South Africa keeps one offset all year (no DST); times are stored in UTC, shown in SAST.
DISPLAY_TIMEZONE = dt.timezone(dt.timedelta(hours=2), "SAST")


def local_minute(moment: dt.datetime) -> str:
    """A stored (UTC) moment in the municipality's zone, to the minute: "2026-11-22 14:05"."""
    return f"{moment.astimezone(DISPLAY_TIMEZONE):%Y-%m-%d %H:%M}"


def shown_time(moment: dt.datetime) -> str:
    """A stored (UTC) moment as people read it in messages: "2026-11-22 14:05 SAST"."""
    return f"{local_minute(moment)} SAST"


# Environment variables read by the headless side (the plugin uses its settings dialog).
ENV_DSN = "IMIS_DSN"
ENV_SERVICE = "PGSERVICE"


class ConnectionKind(str, Enum):
    """How the user chose to reach the database."""

    SERVICE = "service"
    QGIS_CONNECTION = "qgis_connection"


def translate_noop(context: str, text: str) -> str:
    """Marks text for pylupdate5 in modules that must not import Qt; the GUI translates it."""
    return text


QT_TRANSLATE_NOOP = translate_noop
