"""The "IMIS Customer" Processing provider (loaded by the plugin's initProcessing, which QGIS
desktop and `qgis_process` both call)."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from .algorithms import ALGORITHMS

PROVIDER_ID = "imis_customer"
ICON = Path(__file__).resolve().parent.parent / "resources" / "icons" / "imis_customer.svg"


class ImisProcessingProvider(QgsProcessingProvider):
    def id(self) -> str:
        return PROVIDER_ID

    def name(self) -> str:
        return "IMIS Customer"

    def longName(self) -> str:
        return "IMIS Customer: correspondence reports and hotspot analysis"

    def icon(self) -> QIcon:
        return QIcon(str(ICON))

    def loadAlgorithms(self) -> None:
        for algorithm in ALGORITHMS:
            self.addAlgorithm(algorithm())
