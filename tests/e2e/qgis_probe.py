"""Runs inside the real QGIS desktop (`qgis --code qgis_probe.py`) once the plugins are loaded.

Reports where the plugin and its dependencies were imported from and which of its widgets
exist, unloads and reloads it twice, writes all that as JSON to $IMIS_PROBE_RESULT and quits
QGIS. QGIS exec()s this file before its event loop starts, so the work waits for the loop
(QTimer), and every error is caught: an uncaught one would open a modal dialog and hang.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import sys
import traceback
from pathlib import Path

import qgis.utils
from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QEvent, QTimer
from qgis.PyQt.QtWidgets import QAction, QDockWidget, QMenu, QToolBar

PROBE_PLUGIN = "imis_customer_plugin"
PROBE_MODULES = ("sqlalchemy", "alembic", "mako", "markupsafe")


def probe_widgets() -> dict[str, int]:
    """How many of each plugin widget the main window holds."""
    window = qgis.utils.iface.mainWindow()

    def named(kind: type, name: str) -> int:
        return sum(child.objectName() == name for child in window.findChildren(kind))

    return {
        "menu": sum(a.text() == "IMIS Customer" for a in window.menuBar().actions()),
        "menu_objects": named(QMenu, "ImisCustomerMenu"),
        "toolbar": named(QToolBar, "ImisCustomerToolbar"),
        "dock": named(QDockWidget, "ImisCustomerMainDock"),
        "actions": sum(
            a.objectName().startswith("ImisCustomer") for a in window.findChildren(QAction)
        ),
    }


def probe_flush() -> None:
    """Runs the deleteLater() calls of unload(), as QGIS's event loop would shortly after."""
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    QCoreApplication.processEvents()
    gc.collect()


def probe_origins() -> dict[str, object]:
    files = {name: getattr(sys.modules.get(name), "__file__", None) for name in PROBE_MODULES}
    return {
        "plugin_file": getattr(sys.modules.get(PROBE_PLUGIN), "__file__", None),
        "module_files": files,
        "markupsafe_speedups": "markupsafe._speedups" in sys.modules,
        "sys_path": list(sys.path),
        "executable": sys.executable,
        "python": sys.version,
    }


def probe_cycle() -> dict[str, object]:
    unloaded = qgis.utils.unloadPlugin(PROBE_PLUGIN)
    probe_flush()
    after_unload = probe_widgets()
    loaded = qgis.utils.loadPlugin(PROBE_PLUGIN)
    started = loaded and qgis.utils.startPlugin(PROBE_PLUGIN)
    return {
        "unloaded": unloaded,
        "after_unload": after_unload,
        "loaded": loaded,
        "started": started,
        "after_load": probe_widgets(),
    }


def probe_run(log: list[dict[str, str]]) -> dict[str, object]:
    result: dict[str, object] = {"active": PROBE_PLUGIN in qgis.utils.active_plugins}
    result["loaded"] = PROBE_PLUGIN in qgis.utils.plugins
    result.update(probe_origins())
    # Alembic reads the migrations shipped in the zip: the vendored code really works.
    result["head_revision"] = importlib.import_module(f"{PROBE_PLUGIN}.db.migrate").head_revision()
    result["widgets"] = probe_widgets()
    result["cycles"] = [probe_cycle() for _ in range(2)]
    result["log"] = log
    return result


def probe_main() -> None:
    log: list[dict[str, str]] = []

    def record(message: str, tag: str, level: Qgis.MessageLevel) -> None:
        if level in (Qgis.Warning, Qgis.Critical):
            log.append({"tag": tag, "message": message})

    QgsApplication.messageLog().messageReceived.connect(record)
    try:
        result = probe_run(log)
    except Exception:  # reported to the test instead of in a modal dialog
        result = {"error": traceback.format_exc()}
    Path(os.environ["IMIS_PROBE_RESULT"]).write_text(json.dumps(result, indent=2))
    # The way a user quits: QGIS unloads the plugin once more on its own.
    QTimer.singleShot(0, qgis.utils.iface.actionExit().trigger)


QTimer.singleShot(0, probe_main)
