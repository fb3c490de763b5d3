"""GUI fixtures: pytest-qgis's interface, completed where the plugin needs the real API."""

from __future__ import annotations

import pytest
from qgis.core import QgsSettings
from qgis.gui import QgsMessageBar


@pytest.fixture()
def iface(qgis_iface, qgis_parent):
    """pytest-qgis's QgisInterface with a real QgsMessageBar and working dock methods."""
    main_window = qgis_iface.mainWindow()
    qgis_iface._messageBar = QgsMessageBar(main_window)
    qgis_iface.addDockWidget = main_window.addDockWidget
    qgis_iface.removeDockWidget = main_window.removeDockWidget
    yield qgis_iface
    qgis_iface._messageBar.clearWidgets()


@pytest.fixture()
def clean_settings() -> None:
    QgsSettings().remove("imis_customer")
    QgsSettings().remove("PostgreSQL/connections")
