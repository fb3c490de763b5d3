"""The translated sentence for a database status."""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication

from ..services.database import STATUS_MESSAGES, DatabaseStatus


def status_text(status: DatabaseStatus) -> str:
    template = QCoreApplication.translate("DatabaseStatus", STATUS_MESSAGES[status.state])
    return template.format(**status.fields())
