"""A report made in the background: QGIS stays usable, the task manager shows its progress
and can cancel it; `done` reports the output (or why there is none) on the GUI thread."""

from __future__ import annotations

import logging

from qgis.core import QgsTask
from qgis.PyQt.QtCore import QCoreApplication
from sqlalchemy.exc import SQLAlchemyError

from ..core.errors import ImisError
from ..db.connection import ConnectionSettings, create_db_engine
from ..reports.request import ReportRequest
from ..reports.runner import ReportCancelledError, ReportOutput, run_report
from .common import first_line

LOGGER = logging.getLogger(__name__)


class ReportTask(QgsTask):
    def __init__(
        self, settings: ConnectionSettings, request: ReportRequest, title: str, done
    ) -> None:
        super().__init__(title, QgsTask.CanCancel)
        self.settings = settings
        self.request = request
        self.done = done  # called with (ReportOutput | None, problem text)
        self.output: ReportOutput | None = None
        self.problem = ""

    def run(self) -> bool:
        engine = create_db_engine(self.settings)
        try:
            self.output = run_report(engine, self.request, self)
            return True
        except ReportCancelledError:
            self.problem = self._tr("The report was cancelled; no files were kept.")
        except ImisError as error:
            self.problem = str(error)
        except SQLAlchemyError as error:
            LOGGER.exception("Report failed in the database")
            self.problem = self._tr("The database refused the report: {}").format(first_line(error))
        except OSError as error:
            self.problem = str(error)
        finally:
            engine.dispose()
        return False

    def finished(self, result: bool) -> None:
        if not result and not self.problem:
            self.problem = self._tr("The report was cancelled; no files were kept.")
        self.done(self.output if result else None, self.problem)

    @staticmethod
    def _tr(text: str) -> str:
        return QCoreApplication.translate("ReportTask", text)
