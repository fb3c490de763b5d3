"""The plugin's link to the database: checks it, reports it on the message bar, upgrades it."""

from __future__ import annotations

import logging

from qgis.core import Qgis, QgsApplication, QgsTask
from qgis.gui import QgsMessageBar
from qgis.PyQt.QtCore import QObject, pyqtSignal
from qgis.PyQt.QtWidgets import QMessageBox, QPushButton, QWidget
from sqlalchemy.engine import Engine

from ..db.connection import ConnectionSettings, create_db_engine
from ..definitions import PLUGIN_TITLE
from ..services.database import DatabaseState, DatabaseStatus, check_database, upgrade_database
from ..toolbelt.plugin_settings import load_database_choice
from ..toolbelt.qgis_connections import layer_settings, resolve_database_choice
from .status_text import status_text

LOGGER = logging.getLogger(__name__)

_LEVELS = {
    DatabaseState.READY: Qgis.Success,
    DatabaseState.EMPTY: Qgis.Warning,
    DatabaseState.OLDER: Qgis.Warning,
}


class DatabaseConnection(QObject):
    """Holds the current settings and status; emits status_changed after every check."""

    status_changed = pyqtSignal(object)  # DatabaseStatus

    def __init__(self, message_bar: QgsMessageBar, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._message_bar = message_bar
        self._parent_widget = parent_widget
        self._task: QgsTask | None = None
        self._unloaded = False
        self.settings: ConnectionSettings | None = None
        self.layer_settings: ConnectionSettings | None = None  # authcfg, not the password
        self.status: DatabaseStatus | None = None
        self.engine: Engine | None = None  # set while the database is ready to use

    def _resolve_settings(self) -> ConnectionSettings | None:
        try:
            choice = load_database_choice()
            self.settings = resolve_database_choice(choice)
            self.layer_settings = layer_settings(choice, self.settings)
        except LookupError as error:
            self._message_bar.pushMessage(PLUGIN_TITLE, str(error), Qgis.Critical, 0)
            self.settings = None
        return self.settings

    def check_now(self) -> DatabaseStatus | None:
        """Checks synchronously, for callers that wait for the answer anyway (tests, scripts)."""
        settings = self._resolve_settings()
        if settings is None:
            return None
        self._report(check_database(settings))
        return self.status

    def check_in_background(self) -> None:
        """Checks in a QgsTask: an unreachable server must not freeze QGIS."""
        if self._task is not None:
            return  # a check is under way; its answer will come
        settings = self._resolve_settings()
        if settings is None:
            return
        self._task = QgsTask.fromFunction(
            self.tr("Checking the IMIS-customer database"),
            lambda _task: check_database(settings),
            on_finished=self._on_check_finished,
        )
        QgsApplication.taskManager().addTask(self._task)

    def cancel(self) -> None:
        """Called on unload: a check still running must not report to a deleted plugin."""
        self._unloaded = True
        self._dispose_engine()
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def _dispose_engine(self) -> None:
        if self.engine is not None:
            self.engine.dispose()
            self.engine = None

    def _on_check_finished(
        self, exception: BaseException | None, status: DatabaseStatus | None = None
    ) -> None:
        self._task = None
        if self._unloaded:
            return
        if exception is not None or status is None:
            LOGGER.exception("Database check failed", exc_info=exception)
            self._message_bar.pushMessage(PLUGIN_TITLE, str(exception), Qgis.Critical, 0)
            return
        self._report(status)

    def _report(self, status: DatabaseStatus) -> None:
        self.status = status
        self._dispose_engine()
        if status.usable and self.settings is not None:
            self.engine = create_db_engine(self.settings)
        level = _LEVELS.get(status.state, Qgis.Critical)
        text = status_text(status)
        if status.upgradable:
            widget = self._message_bar.createMessage(PLUGIN_TITLE, text)
            button = QPushButton(self.tr("Upgrade database"), widget)
            button.setObjectName("button_upgrade_database")
            button.clicked.connect(lambda: self.upgrade())  # noqa: PLW0108 - not confirm=checked
            widget.layout().addWidget(button)
            self._message_bar.pushWidget(widget, level, 0)
        else:
            duration = 5 if status.usable else 0
            self._message_bar.pushMessage(PLUGIN_TITLE, text, level, duration)
        self.status_changed.emit(status)

    def upgrade(self, confirm: bool = True) -> None:
        if self.settings is None or self.status is None:
            return
        if (
            confirm
            and QMessageBox.question(
                self._parent_widget,
                PLUGIN_TITLE,
                self.tr(
                    "Upgrade the schema of {target} from version {current} to {head}? "
                    "Every user of this database will need this plugin version."
                ).format(**self.status.fields()),
            )
            != QMessageBox.Yes
        ):
            return
        if self._task is not None:
            return
        self._message_bar.clearWidgets()
        self._message_bar.pushInfo(PLUGIN_TITLE, self.tr("Upgrading the database…"))
        settings = self.settings
        # A migration may wait on locks or take long: never on the GUI thread.
        self._task = QgsTask.fromFunction(
            self.tr("Upgrading the IMIS-customer database"),
            lambda _task: upgrade_database(settings),
            on_finished=self._on_check_finished,
        )
        QgsApplication.taskManager().addTask(self._task)
