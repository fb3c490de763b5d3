"""Import dialog: a map layer or a customer list into the register, in a QgsTask.

The import runs in the background with progress and cancel; the result (the summary, or
every problem that made the file be refused) stays in the dialog so the user can fix the
file and import it again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Optional

from qgis.core import QgsApplication, QgsCoordinateReferenceSystem, QgsTask
from qgis.gui import QgsFileWidget, QgsProjectionSelectionWidget
from qgis.PyQt import sip, uic
from qgis.PyQt.QtCore import pyqtSignal, pyqtSlot
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from ...db.connection import ConnectionSettings
from ...services.imports import (
    CSV_IMPORTS,
    MAX_PROBLEMS,
    SPATIAL_IMPORTS,
    ImportCancelled,
    ImportRejected,
    ImportReport,
)

FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_suffix(".ui")))
LOGGER = logging.getLogger(__name__)

# What `import_finished` says happened.
IMPORTED = "imported"
REJECTED = "rejected"
CANCELLED = "cancelled"
FAILED = "failed"

ImportCall = Callable[[QgsTask], ImportReport]


class ImportDialog(QDialog, FORM_CLASS):
    """Emits `imported(kind)` after a successful import (kind as in SPATIAL_IMPORTS or
    CSV_IMPORTS, e.g. "wards"), and `import_finished(outcome)` after every import, whatever
    came of it: "imported", "rejected", "cancelled" or "failed"."""

    imported = pyqtSignal(str)
    import_finished = pyqtSignal(str)

    combo_kind: QComboBox
    file_source: QgsFileWidget
    group_spatial: QGroupBox
    line_layer: QLineEdit
    crs_source: QgsProjectionSelectionWidget
    check_repair: QCheckBox
    button_import: QPushButton
    progress_import: QProgressBar
    button_cancel_import: QPushButton
    text_result: QPlainTextEdit
    button_box: QDialogButtonBox

    def __init__(self, settings: ConnectionSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setupUi(self)
        self._settings = settings
        self._task: QgsTask | None = None
        self._fill_kinds()
        self.file_source.setStorageMode(QgsFileWidget.GetFile)
        self.crs_source.setOptionVisible(QgsProjectionSelectionWidget.CrsNotSet, True)
        self.crs_source.setNotSetText(self.tr("None (use the file's own CRS)"))
        self.crs_source.setCrs(QgsCoordinateReferenceSystem())
        self.combo_kind.currentIndexChanged.connect(self._kind_changed)
        self.button_import.clicked.connect(self.start_import)
        self.button_cancel_import.clicked.connect(self.cancel_import)
        self.button_box.rejected.connect(self.reject)
        self._kind_changed()
        self._set_running(False)

    def _fill_kinds(self) -> None:
        for kind, label in (
            ("wards", self.tr("Wards")),
            ("suburbs", self.tr("Suburbs")),
            ("boundary", self.tr("Municipal boundary")),
            ("parcels", self.tr("Land parcels")),
            ("customers", self.tr("Customers (CSV)")),
            ("accounts", self.tr("Accounts (CSV)")),
        ):
            self.combo_kind.addItem(label, kind)

    # --- what the user chose -----------------------------------------------------------------

    def current_kind(self) -> str:
        """The chosen kind, as the keys of SPATIAL_IMPORTS and CSV_IMPORTS name it."""
        return self.combo_kind.currentData()

    def select_kind(self, kind: str) -> None:
        index = self.combo_kind.findData(kind)
        if index < 0:
            raise ValueError(f"unknown import kind {kind!r}")
        self.combo_kind.setCurrentIndex(index)

    def is_spatial(self) -> bool:
        return self.current_kind() in SPATIAL_IMPORTS

    def source_epsg(self) -> Optional[int]:
        """The EPSG code chosen for files without a CRS; None when none is chosen."""
        authority, _, code = self.crs_source.crs().authid().partition(":")
        return int(code) if authority.upper() == "EPSG" and code.isdigit() else None

    def _kind_changed(self) -> None:
        spatial = self.is_spatial()
        self.group_spatial.setVisible(spatial)
        if spatial:
            self.file_source.setFilter(
                ";;".join(
                    (
                        self.tr("Map layers (*.gpkg *.shp *.geojson *.json)"),
                        self.tr("GeoPackage (*.gpkg)"),
                        self.tr("Shapefile (*.shp)"),
                        self.tr("GeoJSON (*.geojson *.json)"),
                        self.tr("All files (*)"),
                    )
                )
            )
            self.file_source.setDialogTitle(self.tr("Choose the map layer to import"))
        else:
            self.file_source.setFilter(
                ";;".join((self.tr("CSV files (*.csv *.txt)"), self.tr("All files (*)")))
            )
            self.file_source.setDialogTitle(self.tr("Choose the CSV file to import"))

    # --- running the import ------------------------------------------------------------------

    def is_running(self) -> bool:
        return self._task is not None

    def start_import(self) -> None:
        """Starts the import in a QgsTask; the result shows when the task has finished."""
        if self._task is not None:
            return
        path = self.file_source.filePath().strip()
        problem = self._input_problem(path)
        if problem:
            self.text_result.setPlainText(problem)
            return
        kind, label = self.current_kind(), self.combo_kind.currentText()
        call = self._import_call(kind, path)
        self.progress_import.setValue(0)
        self.text_result.setPlainText(self.tr("Importing {0} from {1}…").format(label, path))
        task = QgsTask.fromFunction(
            self.tr("Importing {0} into IMIS").format(label),
            call,
            on_finished=lambda error, report=None: self._finished(kind, error, report),
        )
        task.progressChanged.connect(self._show_progress)
        self._task = task
        self._set_running(True)
        QgsApplication.taskManager().addTask(task)

    def _input_problem(self, path: str) -> str:
        if not path:
            return self.tr("Choose the file to import first.")
        if not Path(path).exists():
            return self.tr("There is no file {0}; choose the file again.").format(path)
        if self.is_spatial() and self.crs_source.crs().isValid() and self.source_epsg() is None:
            return self.tr(
                "The CRS chosen for a file without one has no EPSG code; choose an EPSG CRS "
                "or none."
            )
        return ""

    def _import_call(self, kind: str, path: str) -> ImportCall:
        """The service call with the values read now: the task must not touch widgets."""
        settings = self._settings
        if kind in CSV_IMPORTS:
            csv_import = CSV_IMPORTS[kind]
            return lambda task: csv_import(settings, path, feedback=task)
        spatial_import = SPATIAL_IMPORTS[kind]
        layer = self.line_layer.text().strip() or None
        epsg = self.source_epsg()
        repair = self.check_repair.isChecked()
        return lambda task: spatial_import(
            settings, path, layer, source_epsg=epsg, repair=repair, feedback=task
        )

    def cancel_import(self) -> None:
        """Asks the running import to stop; it rolls back and the dialog says so."""
        if self._task is not None:
            self.button_cancel_import.setEnabled(False)
            self.text_result.setPlainText(self.tr("Cancelling the import…"))
            self._task.cancel()

    def reject(self) -> None:
        """Closing the dialog cancels a running import: nothing is left half-done."""
        self.cancel_import()
        super().reject()

    @pyqtSlot(float)
    def _show_progress(self, progress: float) -> None:
        self.progress_import.setValue(round(progress))

    def _set_running(self, running: bool) -> None:
        for widget in (self.button_import, self.combo_kind, self.file_source, self.group_spatial):
            widget.setEnabled(not running)
        self.button_box.button(QDialogButtonBox.Close).setEnabled(not running)
        self.button_cancel_import.setEnabled(running)

    def _finished(
        self, kind: str, error: BaseException | None, report: ImportReport | None
    ) -> None:
        if sip.isdeleted(self):  # the dialog went away with its parent meanwhile
            return
        cancelled = self._task is not None and self._task.isCanceled()
        self._task = None
        self._set_running(False)
        if report is not None:
            outcome = IMPORTED
            self.progress_import.setValue(100)
            self.text_result.setPlainText(self._report_text(report))
        elif isinstance(error, ImportRejected):
            outcome = REJECTED
            self.text_result.setPlainText(self._rejection_text(error))
        elif isinstance(error, ImportCancelled) or cancelled:
            outcome = CANCELLED
            self.progress_import.setValue(0)
            self.text_result.setPlainText(self.tr("Import cancelled; nothing was imported."))
        else:
            outcome = FAILED
            LOGGER.error("Import of %s failed", kind, exc_info=error)
            self.text_result.setPlainText(
                self.tr(
                    "The import failed and nothing was imported: {0}\n"
                    "Check the connection to the database, then try again."
                ).format(error)
            )
        if outcome == IMPORTED:
            self.imported.emit(kind)
        self.import_finished.emit(outcome)

    def _report_text(self, report: ImportReport) -> str:
        lines = [report.summary()]
        if report.notes:
            lines += ["", self.tr("Notes:")]
            lines += [f"  {note}" for note in report.notes]
        return "\n".join(lines)

    def _rejection_text(self, error: ImportRejected) -> str:
        heading = self.tr("Nothing was imported. Fix these problems in the file and import again.")
        return f"{heading}\n\n{error.describe(limit=MAX_PROBLEMS)}"
