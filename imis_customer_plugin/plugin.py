"""QGIS entry points: initGui() adds the menu, toolbar and dock; unload() takes them all away."""

from __future__ import annotations

import logging

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProject,
    QgsSettings,
    QgsVectorLayer,
)
from qgis.gui import QgisInterface
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QFileDialog, QMenu, QToolBar
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from . import resources_rc  # noqa: F401 - registers the :/plugins/imis_customer icons
from .core.costs import format_rand
from .core.errors import ImisError
from .definitions import PLUGIN_TITLE, RESOURCE_PREFIX, SETTINGS_GROUP
from .gui.common import busy, first_line
from .gui.database_connection import DatabaseConnection
from .gui.dialogs.admin import AdministrationDialog
from .gui.dialogs.database_settings_dialog import DatabaseSettingsDialog
from .gui.dialogs.import_dialog import ImportDialog
from .gui.docks.main_dock import MainDock
from .gui.panels.correspondence_list import CorrespondenceListPanel
from .gui.panels.detail_panel import DetailPanel
from .gui.panels.dispatch_panel import DispatchPanel
from .gui.panels.log_panel import LogPanel
from .gui.reports_menu import ReportsMenu
from .layers import (
    LAYER_KEY,
    LayerError,
    NotifyRefresher,
    add_imis_layers,
    add_open_tasks_layer,
    municipality_extent,
    needs_own_listener,
    open_source,
)
from .processing.provider import ImisProcessingProvider
from .services import costs
from .services.database import DatabaseStatus
from .services.search import map_point
from .toolbelt.i18n import install_translator
from .toolbelt.plugin_settings import load_database_choice, save_database_choice

LOGGER = logging.getLogger(__name__)
EXPORT_FOLDER_SETTING = f"{SETTINGS_GROUP}/finance/export_folder"


class ImisCustomerPlugin:
    def __init__(self, iface: QgisInterface) -> None:
        self.iface = iface
        self.translator = None
        self.actions: list[QAction] = []
        self.menu: QMenu | None = None
        self.toolbar: QToolBar | None = None
        self.dock: MainDock | None = None
        self.connection: DatabaseConnection | None = None
        self.list_panel: CorrespondenceListPanel | None = None
        self.refresher: NotifyRefresher | None = None
        self.reports: ReportsMenu | None = None
        self.admin_dialog: AdministrationDialog | None = None
        self.provider: ImisProcessingProvider | None = None

    def tr(self, text: str) -> str:
        """Context = class name, as pylupdate5 extracts it."""
        return QCoreApplication.translate("ImisCustomerPlugin", text)

    def initProcessing(self) -> None:
        """The "IMIS Customer" Processing provider; qgis_process calls this without initGui."""
        if self.provider is None:
            self.provider = ImisProcessingProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self) -> None:
        self.translator = install_translator()
        self.initProcessing()
        main_window = self.iface.mainWindow()
        self.connection = DatabaseConnection(self.iface.messageBar(), main_window)

        self.dock = MainDock(main_window)
        self.iface.addDockWidget(Qt.RightDockWidgetArea, self.dock)

        action_panel = self._add_action("panel", "icon.svg", self.tr("IMIS Customer panel"))
        action_panel.setCheckable(True)
        self.dock.setToggleVisibilityAction(action_panel)
        self._add_action(
            "connect", "icon.svg", self.tr("Connect to database"), self.connect_database
        )
        self._add_action(
            "settings", "settings.svg", self.tr("Database settings…"), self.show_settings
        )
        self._add_action(
            "layers", "icon.svg", self.tr("Add IMIS layers to the map"), self.add_layers
        )
        self._add_action("import", "settings.svg", self.tr("Import data…"), self.show_import)
        self._add_action(
            "dispatch", "icon.svg", self.tr("Dispatch board"), self.show_dispatch_board
        )
        action_admin = self._add_action(
            "administration", "settings.svg", self.tr("Administration…"), self.show_administration
        )
        action_export = self._add_action(
            "export_costs",
            "settings.svg",
            self.tr("Export approved costs to finance…"),
            self.export_costs,
        )

        self.menu = QMenu(PLUGIN_TITLE, main_window)
        self.menu.setObjectName("ImisCustomerMenu")
        self.menu.addActions(self.actions)
        self.reports = ReportsMenu(self.iface, self._connected_database, main_window)
        self.menu.insertMenu(action_admin, self.reports.menu)  # after the daily work
        menu_bar = main_window.menuBar()
        help_menu = next(
            (a for a in menu_bar.actions() if a.menu() and a.menu().objectName() == "mHelpMenu"),
            None,
        )
        menu_bar.insertMenu(help_menu, self.menu)

        self.toolbar = self.iface.addToolBar(PLUGIN_TITLE)
        self.toolbar.setObjectName("ImisCustomerToolbar")
        # Finance's export and the administration are rare and not for every desk: menu only.
        self.toolbar.addActions([a for a in self.actions if a not in (action_export, action_admin)])

        self.dock.contents.button_connect.clicked.connect(self.connect_database)
        self.dock.contents.button_settings.clicked.connect(self.show_settings)
        self.connection.status_changed.connect(self._show_status)

    def _add_action(self, name: str, icon: str, text: str, slot=None) -> QAction:
        action = QAction(QIcon(f"{RESOURCE_PREFIX}/{icon}"), text, self.iface.mainWindow())
        action.setObjectName(f"ImisCustomerAction_{name}")
        if slot is not None:
            action.triggered.connect(slot)
        self.actions.append(action)
        return action

    def connect_database(self) -> None:
        self.dock.contents.label_connection.setText(self.tr("Connecting…"))
        self.connection.check_in_background()

    def show_settings(self) -> None:
        dialog = DatabaseSettingsDialog(load_database_choice(), self.iface.mainWindow())
        if dialog.exec_():
            save_database_choice(dialog.choice())
            self.connect_database()

    def show_import(self) -> None:
        """Reference data and customers from files, in a task; the map refreshes on NOTIFY."""
        if self._engine_or_warn() is None:
            return
        dialog = ImportDialog(self.connection.settings, self.iface.mainWindow())
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.exec_()

    def _engine_or_warn(self) -> Engine | None:
        """The connected database's engine; None, after saying so in the message bar, if none."""
        engine = self.connection.engine
        if engine is None:
            self.iface.messageBar().pushWarning(
                PLUGIN_TITLE, self.tr("Connect to the IMIS-customer database first.")
            )
        return engine

    def _show_status(self, status: DatabaseStatus) -> None:
        if self.connection.engine is not None:
            self._open_register(self.connection.engine)
            if not self._project_has_imis_layers():
                self.add_layers()
        self.dock.contents.label_connection.setText(
            self.tr("Connected: {target}").format(target=status.target)
            if status.usable
            else self.tr("Not ready: {target} (see the message bar)").format(target=status.target)
        )

    def _project_has_imis_layers(self) -> bool:
        return any(
            layer.customProperty(LAYER_KEY) for layer in QgsProject.instance().mapLayers().values()
        )

    def add_layers(self) -> None:
        """The register's layers, styled, in the current project (replacing earlier ones)."""
        if self.connection.engine is None:
            self.connect_database()
            return
        try:
            source = open_source(self.connection.layer_settings)
            layers = add_imis_layers(QgsProject.instance(), source)
            extent = municipality_extent(source)
        except LayerError as error:
            self.iface.messageBar().pushWarning(PLUGIN_TITLE, str(error))
            return
        if self.refresher is not None:
            self.refresher.stop()
        listeners = needs_own_listener(layers.all())
        self.refresher = (
            NotifyRefresher(self.connection.settings, listeners, self.iface.mainWindow())
            if listeners
            else None
        )
        canvas = self.iface.mapCanvas()
        if extent is None:
            return
        to_map = QgsCoordinateTransform(
            source.crs, canvas.mapSettings().destinationCrs(), QgsProject.instance()
        )
        extent = to_map.transformBoundingBox(extent)
        if not canvas.extent().intersects(extent):
            canvas.setExtent(extent)
            canvas.refresh()

    def _open_register(self, engine: Engine) -> None:
        """The dock's home becomes the register list once the database is ready."""
        panel = CorrespondenceListPanel(engine)
        panel.log_requested.connect(lambda: self._open_log_panel(engine))
        panel.item_selected.connect(lambda item_id: self._show_on_map(engine, item_id))
        panel.item_opened.connect(lambda item_id: self._open_detail(engine, item_id))
        self.dock.contents.panel_stack.setMainPanel(panel)
        self.list_panel = panel
        panel.search_in_background()

    def _open_log_panel(self, engine: Engine) -> None:
        panel = LogPanel(engine, self.iface.mapCanvas())
        panel.logged.connect(lambda _id: self._search_register())
        self.dock.contents.panel_stack.showPanel(panel)

    def _open_detail(self, engine: Engine, item_id: int) -> DetailPanel:
        panel = DetailPanel(
            engine,
            item_id,
            layer_settings=self.connection.layer_settings,
            canvas=self.iface.mapCanvas(),
        )
        panel.changed.connect(lambda _id: self._search_register())
        panel.open_requested.connect(lambda other: self._open_detail(engine, other))
        self.dock.contents.panel_stack.showPanel(panel)
        return panel

    def _search_register(self) -> None:
        if self.list_panel is not None:
            self.list_panel.search_in_background()

    def show_dispatch_board(self) -> None:
        """Opens the dock on a department's dispatch board (the one shown last)."""
        engine = self._engine_or_warn()
        if engine is None:
            return
        self.dock.setUserVisible(True)
        stack = self.dock.contents.panel_stack
        current = stack.currentPanel()
        if isinstance(current, DispatchPanel):
            current.reload()
            return
        panel = DispatchPanel(engine)
        panel.item_selected.connect(lambda item_id: self._show_on_map(engine, item_id))
        panel.item_opened.connect(
            lambda item_id: self._open_detail_from_board(engine, item_id, panel)
        )
        panel.map_requested.connect(self.show_tasks_on_map)
        panel.changed.connect(lambda _id: self._search_register())
        stack.showPanel(panel)

    def _open_detail_from_board(self, engine: Engine, item_id: int, board: DispatchPanel) -> None:
        detail = self._open_detail(engine, item_id)
        # A re-forward or a resolve there changes the board's tasks.
        detail.changed.connect(lambda _id: None if sip.isdeleted(board) else board.reload())

    def show_tasks_on_map(self, department_code: str, department_name: str = "") -> None:
        """Adds the department's open tasks as a layer (replacing its earlier one)."""
        if self.connection.engine is None:
            return
        try:
            source = open_source(self.connection.layer_settings)  # this database, now
            layer = add_open_tasks_layer(
                QgsProject.instance(), source, department_code, department_name
            )
        except LayerError as error:
            self.iface.messageBar().pushWarning(PLUGIN_TITLE, str(error))
            return
        self._listen_for(layer)
        self.iface.messageBar().pushInfo(
            PLUGIN_TITLE,
            self.tr("{layer}: the department's open tasks are on the map.").format(
                layer=layer.name()
            ),
        )

    def _listen_for(self, layer: QgsVectorLayer) -> None:
        """Refresh on NOTIFY where QGIS cannot listen itself (see layers.notify)."""
        if not needs_own_listener([layer]):
            return
        if self.refresher is not None:
            self.refresher.layers.append(layer)
        else:
            self.refresher = NotifyRefresher(
                self.connection.settings, [layer], self.iface.mainWindow()
            )

    def export_costs(self) -> None:
        """Asks for finance's folder and exports the approved cost allocations to it."""
        if self._engine_or_warn() is None:
            return
        settings = QgsSettings()
        folder = QFileDialog.getExistingDirectory(
            self.iface.mainWindow(),
            self.tr("Export approved costs to finance: choose finance's folder"),
            settings.value(EXPORT_FOLDER_SETTING, "", str),
        )
        if not folder:
            return
        settings.setValue(EXPORT_FOLDER_SETTING, folder)
        self.run_cost_export(folder)

    def run_cost_export(self, folder: str) -> costs.ExportRun | None:
        """One export batch to `folder`, reported in the message bar; None when it failed."""
        bar = self.iface.messageBar()
        try:
            with busy():
                run = costs.run_export(self.connection.engine, folder)
        except ImisError as error:  # not finance, not a folder, a file that cannot be written
            bar.pushWarning(
                PLUGIN_TITLE, self.tr("Costs were not exported: {problem}").format(problem=error)
            )
            return None
        except SQLAlchemyError as error:
            LOGGER.exception("Exporting costs to %s failed", folder)
            bar.pushCritical(
                PLUGIN_TITLE,
                self.tr(
                    "The database refused the export ({error}). Nothing was exported; check "
                    "the connection and your rights, then export again."
                ).format(error=first_line(error)),
            )
            return None
        if run.recovered:
            bar.pushWarning(
                PLUGIN_TITLE,
                self.tr(
                    "An earlier export had been interrupted: its file is now published ({files})."
                ).format(files=", ".join(path.name for path in run.recovered)),
            )
        result = run.result
        if result is None:
            bar.pushInfo(
                PLUGIN_TITLE,
                self.tr("Nothing to export: no approved cost allocations are waiting for finance."),
            )
        else:
            bar.pushSuccess(
                PLUGIN_TITLE,
                self.tr(
                    "Export batch {batch} is ready for finance: {lines} cost lines of {items} "
                    "items, {total} in all, in {file}."
                ).format(
                    batch=result.batch_id,
                    lines=result.line_count,
                    items=result.items,
                    total=format_rand(result.total),
                    file=result.path,
                ),
            )
        return run

    def _show_on_map(self, engine: Engine, item_id: int) -> None:
        """Pans to the item and flashes it, in whatever CRS the map uses."""
        with engine.connect() as connection:
            point = map_point(connection, item_id)
        if point is None:
            self.iface.messageBar().pushInfo(
                PLUGIN_TITLE, self.tr("This item has no location yet.")
            )
            return
        canvas = self.iface.mapCanvas()
        geometry = QgsGeometry.fromWkt(point.wkt)
        source = QgsCoordinateReferenceSystem(f"EPSG:{point.srid}")
        transform = QgsCoordinateTransform(
            source, canvas.mapSettings().destinationCrs(), QgsProject.instance()
        )
        geometry.transform(transform)
        canvas.setCenter(geometry.asPoint())
        canvas.refresh()
        canvas.flashGeometries([geometry], canvas.mapSettings().destinationCrs())

    def show_administration(self) -> None:
        """Routing rules, teams, SLA policies, message templates and assets."""
        engine = self._engine_or_warn()
        if engine is None:
            return
        if self.admin_dialog is None or sip.isdeleted(self.admin_dialog):
            self.admin_dialog = AdministrationDialog(engine, self.iface.mainWindow())
            self.admin_dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.admin_dialog.show()
        self.admin_dialog.raise_()
        self.admin_dialog.activateWindow()

    def _connected_database(self):
        if self.connection is None or self.connection.engine is None:
            return None
        return self.connection.engine, self.connection.settings

    def unload(self) -> None:
        if self.admin_dialog is not None and not sip.isdeleted(self.admin_dialog):
            self.admin_dialog.close()
        self.admin_dialog = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.reports is not None:
            self.reports.menu.deleteLater()
            self.reports.deleteLater()
            self.reports = None
        if self.dock is not None:
            self.dock.contents.panel_stack.acceptAllPanels()  # panels release their map tools
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
        if self.menu is not None:
            self.iface.mainWindow().menuBar().removeAction(self.menu.menuAction())
            self.menu.deleteLater()
        if self.toolbar is not None:
            self.iface.mainWindow().removeToolBar(self.toolbar)
            self.toolbar.deleteLater()
        for action in self.actions:
            action.deleteLater()
        if self.refresher is not None:
            self.refresher.stop()
            self.refresher = None
        if self.connection is not None:
            self.connection.cancel()
            self.connection.deleteLater()
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
        self.actions, self.menu, self.toolbar, self.dock, self.connection = (
            [],
            None,
            None,
            None,
            None,
        )
        self.list_panel = None
        self.translator = None
