"""Map tool of the log wizard's step 2: shows the parcel under the cursor, reports the click."""

from __future__ import annotations

from collections.abc import Callable

from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsPointXY, QgsWkbTypes
from qgis.gui import QgsMapCanvas, QgsMapMouseEvent, QgsMapTool, QgsRubberBand
from qgis.PyQt.QtCore import Qt, QTimer, pyqtSignal
from qgis.PyQt.QtGui import QColor

# (x, y, srid of the map) -> (label, outline WKT in the map CRS) of the parcel there, or None
ParcelLookup = Callable[[float, float, int], "tuple[str, str] | None"]

HOVER_DELAY_MS = 120  # one lookup per pause of the mouse, not one per pixel moved


class LocateMapTool(QgsMapTool):
    picked = pyqtSignal(QgsPointXY, QgsCoordinateReferenceSystem)
    hovered = pyqtSignal(str)  # the parcel's description, or "" off parcels

    def __init__(self, canvas: QgsMapCanvas, parcel_lookup: ParcelLookup) -> None:
        super().__init__(canvas)
        self._lookup = parcel_lookup
        self._pending: QgsPointXY | None = None
        self._band = QgsRubberBand(canvas, QgsWkbTypes.PolygonGeometry)
        self._band.setColor(QColor(232, 86, 42, 70))
        self._band.setStrokeColor(QColor(232, 86, 42))
        self._band.setWidth(2)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(HOVER_DELAY_MS)
        self._timer.timeout.connect(self.highlight_pending)
        self.setCursor(Qt.CrossCursor)

    def _map_srid(self) -> int:
        return int(self.canvas().mapSettings().destinationCrs().postgisSrid())

    def canvasMoveEvent(self, event: QgsMapMouseEvent) -> None:
        self._pending = event.mapPoint()
        self._timer.start()

    def highlight_pending(self) -> None:
        if self._pending is None:
            return
        found = self._lookup(self._pending.x(), self._pending.y(), self._map_srid())
        self._band.reset(QgsWkbTypes.PolygonGeometry)
        if found is None:
            self.hovered.emit("")
            return
        label, outline = found
        self._band.setToGeometry(QgsGeometry.fromWkt(outline), None)
        self.hovered.emit(label)

    def canvasReleaseEvent(self, event: QgsMapMouseEvent) -> None:
        if event.button() == Qt.LeftButton:
            self.picked.emit(event.mapPoint(), self.canvas().mapSettings().destinationCrs())

    def deactivate(self) -> None:
        self._timer.stop()
        self._band.reset(QgsWkbTypes.PolygonGeometry)
        super().deactivate()

    def remove_band(self) -> None:
        """The rubber band belongs to the canvas; take it away with the tool."""
        self.canvas().scene().removeItem(self._band)
