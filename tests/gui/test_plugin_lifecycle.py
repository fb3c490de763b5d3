"""Loading and unloading the plugin, as QGIS does when a user toggles it."""

from __future__ import annotations

import gc

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QAction, QDockWidget, QMenu, QToolBar

import imis_customer_plugin


def _flush_deletions() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    QCoreApplication.processEvents()
    gc.collect()


def _plugin_widgets(main_window) -> dict[str, list]:
    return {
        "docks": [
            d
            for d in main_window.findChildren(QDockWidget)
            if d.objectName().startswith("ImisCustomer")
        ],
        "toolbars": [
            t
            for t in main_window.findChildren(QToolBar)
            if t.objectName().startswith("ImisCustomer")
        ],
        "menus": [a for a in main_window.menuBar().actions() if a.text() == "IMIS Customer"],
        "menu_objects": [
            m for m in main_window.findChildren(QMenu) if m.objectName() == "ImisCustomerMenu"
        ],
        "actions": [
            a
            for a in main_window.findChildren(QAction)
            if a.objectName().startswith("ImisCustomer")
        ],
    }


def test_initgui_adds_menu_toolbar_and_dock(iface) -> None:
    _flush_deletions()  # what earlier tests unloaded
    plugin = imis_customer_plugin.classFactory(iface)
    plugin.initGui()
    try:
        widgets = _plugin_widgets(iface.mainWindow())
        assert len(widgets["docks"]) == 1
        assert len(widgets["toolbars"]) == 1
        assert len(widgets["menus"]) == 1
        menu_texts = [a.text() for a in widgets["menus"][0].menu().actions()]
        assert menu_texts == [
            "IMIS Customer panel",
            "Connect to database",
            "Database settings…",
            "Add IMIS layers to the map",
            "Import data…",
            "Dispatch board",
            "Reports",
            "Administration…",
            "Export approved costs to finance…",
        ]
        reports = widgets["menus"][0].menu().actions()[6].menu()
        assert [a.text() for a in reports.actions()] == [
            "Progress report…",
            "Performance report…",
            "Trend report…",
            "Hotspot analysis…",
        ]
        toolbar_texts = [a.text() for a in widgets["toolbars"][0].actions()]
        assert toolbar_texts == menu_texts[:6]  # reports, administration, export: menu only
        assert QgsApplication.processingRegistry().providerById("imis_customer") is not None
    finally:
        plugin.unload()
    assert QgsApplication.processingRegistry().providerById("imis_customer") is None


def test_load_unload_twice_leaves_nothing_behind(iface) -> None:
    main_window = iface.mainWindow()
    _flush_deletions()
    before = {key: len(value) for key, value in _plugin_widgets(main_window).items()}
    for _ in range(2):
        plugin = imis_customer_plugin.classFactory(iface)
        plugin.initGui()
        plugin.unload()
        _flush_deletions()
        after = {key: len(value) for key, value in _plugin_widgets(main_window).items()}
        assert after == before


def test_menu_speaks_the_users_language(iface) -> None:
    settings = QgsSettings()
    settings.setValue("locale/userLocale", "af_ZA")
    plugin = imis_customer_plugin.classFactory(iface)
    plugin.initGui()
    try:
        texts = [a.text() for a in plugin.menu.actions()]
        assert texts[0] == "IMIS Kliënt-paneel"
    finally:
        plugin.unload()
        settings.remove("locale/userLocale")
