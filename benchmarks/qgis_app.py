"""One QgsApplication for the benchmark process, started by the first suite that renders
(reports, map) and ended at exit: QGIS cannot be started again once it has exited."""

from __future__ import annotations

import atexit
import os

from qgis.core import QgsApplication

_started: list[QgsApplication] = []


def ensure_qgis() -> None:
    if QgsApplication.instance() is not None:
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    QgsApplication.setPrefixPath("/usr", True)
    application = QgsApplication([], False)
    application.initQgis()
    _started.append(application)
    atexit.register(application.exitQgis)
