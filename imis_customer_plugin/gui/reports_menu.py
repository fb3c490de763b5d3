"""The Reports menu: a dialog for what the report covers, a QgsTask that makes it, and then
the PDF opened and (hotspots) the layer added to the map."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from qgis.core import QgsApplication, QgsProject, QgsVectorLayer
from qgis.gui import QgisInterface
from qgis.PyQt.QtCore import QCoreApplication, QObject, QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QMenu
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from ..core.reports import REPORT_TITLES
from ..db.connection import ConnectionSettings
from ..definitions import PLUGIN_TITLE
from ..services import reference
from .common import busy, first_line
from .dialogs.report_dialog import ReportDialog

if TYPE_CHECKING:
    from ..reports.request import ReportRequest
    from ..reports.runner import ReportOutput
    from .report_task import ReportTask

LOGGER = logging.getLogger(__name__)


class ReportsMenu(QObject):
    """`database` gives the connected engine and its settings, or None when not connected."""

    def __init__(
        self,
        iface: QgisInterface,
        database: Callable[[], tuple[Engine, ConnectionSettings] | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.iface = iface
        self.database = database
        self.tasks: list[ReportTask] = []  # kept alive until they finish
        self.menu = QMenu(self.tr("Reports"), iface.mainWindow())
        self.menu.setObjectName("ImisCustomerReportsMenu")
        for kind, title in REPORT_TITLES.items():
            action = self.menu.addAction(self.tr(title) + "…")
            action.setObjectName(f"ImisCustomerAction_report_{kind}")
            action.triggered.connect(lambda _checked=False, k=kind: self.ask(k))

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("ReportsMenu", text)

    def ask(self, kind: str) -> ReportDialog | None:
        """Opens the report's dialog; OK starts the report. Returns the dialog (for tests)."""
        connected = self.database()
        if connected is None:
            self._bar().pushWarning(
                PLUGIN_TITLE, self.tr("Connect to the IMIS-customer database first.")
            )
            return None
        engine, settings = connected
        try:
            with busy(), engine.connect() as connection:
                lists = (
                    reference.departments(connection),
                    reference.categories(connection),
                    reference.wards(connection),
                )
        except SQLAlchemyError as error:
            self._bar().pushCritical(
                PLUGIN_TITLE,
                self.tr("The database did not answer ({error}).").format(error=first_line(error)),
            )
            return None
        dialog = ReportDialog(kind, *lists, parent=self.iface.mainWindow())
        dialog.accepted.connect(lambda: self.start(settings, dialog.accepted_request))
        dialog.open()
        return dialog

    def start(self, settings: ConnectionSettings, request: ReportRequest) -> ReportTask:
        # The reports (numpy, scipy, matplotlib, openpyxl) load when first made, not with
        # QGIS: they would add about a second to every start.
        from .report_task import ReportTask  # noqa: PLC0415

        title = self.tr(REPORT_TITLES[request.kind])
        task = ReportTask(
            settings, request, title, lambda output, problem: self._finished(task, output, problem)
        )
        self.tasks.append(task)
        QgsApplication.taskManager().addTask(task)
        self._bar().pushInfo(
            PLUGIN_TITLE, self.tr("{title} is being made; see the task bar.").format(title=title)
        )
        return task

    def _finished(self, task: ReportTask, output: ReportOutput | None, problem: str) -> None:
        if task in self.tasks:
            self.tasks.remove(task)
        if output is None:
            self._bar().pushWarning(PLUGIN_TITLE, problem)
            return
        from ..layers.hotspots import layer_name, table_name  # noqa: PLC0415 - see start()

        for path in output.files:
            if path.suffix == ".pdf":
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
            elif path.suffix == ".gpkg":
                for result in reversed(output.hotspots):  # all categories ends up on top
                    self._add_layer(f"{path}|layername={table_name(result)}", layer_name(result))
        files = ", ".join(str(path) for path in output.files)
        self._bar().pushSuccess(
            PLUGIN_TITLE,
            self.tr("{title} is ready: {files}").format(title=output.report.title, files=files),
        )

    def _add_layer(self, source: str, name: str) -> None:
        layer = QgsVectorLayer(source, name, "ogr")  # with the style saved in the GeoPackage
        if not layer.isValid():
            self._bar().pushWarning(
                PLUGIN_TITLE,
                self.tr("The hotspot layer {source} could not be opened.").format(source=source),
            )
            return
        QgsProject.instance().addMapLayer(layer)

    def _bar(self):
        return self.iface.messageBar()
