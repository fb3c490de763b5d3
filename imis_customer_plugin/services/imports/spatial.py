"""Reading polygon layers with OGR (GeoPackage, Shapefile, GeoJSON...) in the municipality's CRS.

Each feature is reprojected by OGR/PROJ from the layer's CRS, flattened to 2D, and handed
on as hex WKB with its attributes as text. Anything wrong becomes a RowProblem naming the
feature; checks needing the database (validity, duplicates) are done there, set-based.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from osgeo import ogr, osr

from ...core.import_rules import ImportRejected, RowProblem, resolve_fields
from ._common import Progress

# How far (degrees) outside the target CRS's area of use a feature may still lie.
AREA_OF_USE_MARGIN = 3.0
_POLYGONAL = (ogr.wkbPolygon, ogr.wkbMultiPolygon)
_PROGRESS_EVERY = 500


@contextmanager
def ogr_exceptions() -> Iterator[None]:
    """OGR/OSR raise RuntimeError inside, and the caller's setting is restored after."""
    before = (ogr.GetUseExceptions(), osr.GetUseExceptions())
    ogr.UseExceptions()
    osr.UseExceptions()
    try:
        yield
    finally:  # GDAL wants the error handlers popped in reverse order
        if not before[1]:
            osr.DontUseExceptions()
        if not before[0]:
            ogr.DontUseExceptions()


@dataclass(frozen=True)
class SourceFeature:
    number: int  # 1-based position in the layer
    key: str  # "FID 12"
    wkb: Optional[str]  # hex WKB in the municipality's CRS; None when the shape was refused
    values: Mapping[str, Optional[str]]  # our field -> the mapped source value as text


def crs_label(srs: osr.SpatialReference) -> str:
    authority, code = srs.GetAuthorityName(None), srs.GetAuthorityCode(None)
    return f"{authority}:{code}" if authority and code else (srs.GetName() or "unknown CRS")


class SpatialSource:
    """One layer of a file, opened for reading with its CRS and field mapping settled.

    Raises ImportRejected at once for what makes the whole file unusable: cannot open,
    no such layer, no CRS, unknown fields.
    """

    def __init__(
        self,
        path: str | Path,
        kind: str,
        layer_name: Optional[str],
        fields: Optional[Mapping[str, str]],
        source_epsg: Optional[int],
    ) -> None:
        self.source = str(path)
        self.problems: list[RowProblem] = []
        self.rows_read = 0
        with ogr_exceptions():
            self._dataset = self._open()
            try:
                self._layer = self._choose_layer(layer_name)
            except ImportRejected:
                self._dataset = None
                raise
            definition = self._layer.GetLayerDefn()
            available = [
                definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())
            ]
            self.mapping, problems = resolve_fields(kind, available, fields)
            self._indexes = {ours: available.index(name) for ours, name in self.mapping.items()}
            self.srs = self._source_crs(source_epsg, problems)
        if problems:
            self.close()
            raise ImportRejected(self.source, problems)
        self.layer_name = self._layer.GetName()
        self.feature_count = max(self._layer.GetFeatureCount(), 1)

    def _open(self) -> Any:
        try:
            dataset = ogr.Open(self.source, 0)
        except RuntimeError as error:
            dataset, reason = None, str(error)
        else:
            reason = "not a file OGR can read"
        if dataset is None:
            message = f"cannot open it as a GeoPackage, Shapefile or GeoJSON ({reason})"
            raise ImportRejected(self.source, [RowProblem(None, "", message)])
        return dataset

    def _choose_layer(self, layer_name: Optional[str]) -> Any:
        names = [self._dataset.GetLayer(i).GetName() for i in range(self._dataset.GetLayerCount())]
        if layer_name is None and len(names) == 1:
            return self._dataset.GetLayer(0)
        if layer_name in names:
            return self._dataset.GetLayerByName(layer_name)
        wanted = "Choose a layer" if layer_name is None else f"There is no layer {layer_name!r}"
        message = f"{wanted}; the file has: {', '.join(names) or 'no layers'}"
        raise ImportRejected(self.source, [RowProblem(None, "layer", message)])

    def _source_crs(
        self, source_epsg: Optional[int], problems: list[RowProblem]
    ) -> Optional[osr.SpatialReference]:
        if source_epsg is not None:
            srs = osr.SpatialReference()
            try:
                srs.ImportFromEPSG(int(source_epsg))
            except RuntimeError:
                problems.append(RowProblem(None, "CRS", f"EPSG:{source_epsg} is not known"))
                return None
        else:
            srs = self._layer.GetSpatialRef()
        if srs is None:
            hint = " (is the .prj file missing?)" if self.source.lower().endswith(".shp") else ""
            problems.append(
                RowProblem(
                    None,
                    "CRS",
                    f"The layer has no coordinate reference system{hint}. Give its EPSG code "
                    "(source EPSG), e.g. 4326 for longitude/latitude.",
                )
            )
            return None
        srs = srs.Clone()
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        return srs

    def features(self, srid: int, progress: Progress) -> Iterator[SourceFeature]:
        """Every feature, reprojected to EPSG:`srid`; shapes refused are listed in problems."""
        with ogr_exceptions():
            shaper = _Shaper(self.srs, srid, self.problems)
            self._check_degrees(shaper)
            self._layer.ResetReading()
        number = 0
        while True:
            # Exceptions on only while in OGR: the setting is global, and between two
            # features other code runs.
            with ogr_exceptions():
                feature = self._next_feature(number + 1)
                if feature is None:
                    break
                number = self.rows_read = number + 1
                key = f"FID {feature.GetFID()}"
                wkb = shaper.wkb(feature.GetGeometryRef(), number, key)
                values = self._values(feature)
            if number % _PROGRESS_EVERY == 0:
                progress.report(60.0 * number / self.feature_count)
            yield SourceFeature(number, key, wkb, values)
        if number and shaper.misplaced == number:
            message = (
                f"None of the {number} features lands in the municipality's CRS "
                f"(EPSG:{srid}) when taken from {shaper.source_label}: the layer's CRS is "
                "wrong. Give the right EPSG code (source EPSG)."
            )
            self.problems.append(RowProblem(None, "CRS", message))

    def _next_feature(self, number: int) -> Any:
        try:
            return self._layer.GetNextFeature()
        except RuntimeError as error:
            message = f"cannot be read ({error}); the file may be damaged"
            self.problems.append(RowProblem(number, "", message, "feature"))
            return None

    def _values(self, feature: Any) -> dict[str, Optional[str]]:
        return {
            ours: feature.GetFieldAsString(index) if feature.IsFieldSetAndNotNull(index) else None
            for ours, index in self._indexes.items()
        }

    def _check_degrees(self, shaper: _Shaper) -> None:
        # Longitude/latitude in a layer labelled with a projected CRS: the label is wrong.
        if self.srs is None or not self.srs.IsProjected():
            return
        try:
            min_x, max_x, min_y, max_y = self._layer.GetExtent()
        except RuntimeError:
            return
        if -180 <= min_x <= max_x <= 180 and -90 <= min_y <= max_y <= 90:
            message = (
                f"The coordinates look like longitude/latitude degrees, but the layer says "
                f"its CRS is {shaper.source_label} (in metres). Give the right EPSG code "
                "(source EPSG), e.g. 4326."
            )
            self.problems.append(RowProblem(None, "CRS", message))

    def close(self) -> None:
        """Releases the layer before its dataset: the other order can crash GDAL."""
        self._layer = None
        self._dataset = None

    def __enter__(self) -> SpatialSource:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def field_label(self, ours: str) -> str:
        """The source field a value of ours came from, to name it in problems."""
        return self.mapping.get(ours, ours)


class _Shaper:
    """Turns one OGR geometry into hex WKB of a 2D (multi)polygon in the target CRS."""

    def __init__(self, source: osr.SpatialReference, srid: int, problems: list[RowProblem]) -> None:
        self._problems = problems
        self.source_label = crs_label(source)
        self._srid = srid
        target = osr.SpatialReference()
        target.ImportFromEPSG(srid)
        target.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        same = source.IsSame(target)
        self._transform = None if same else osr.CoordinateTransformation(source, target)
        self._bounds = _area_of_use(target)
        self.misplaced = 0  # features that did not land in the target CRS

    def wkb(self, geometry: Any, number: int, key: str) -> Optional[str]:
        if geometry is None or geometry.IsEmpty():
            return self._refuse(number, key, "has no geometry")
        geometry = geometry.Clone()
        if geometry.HasCurveGeometry():
            geometry = geometry.GetLinearGeometry()
        geometry.FlattenTo2D()
        if ogr.GT_Flatten(geometry.GetGeometryType()) not in _POLYGONAL:
            return self._refuse(number, key, f"is a {geometry.GetGeometryName()}, not a polygon")
        if self._transform is not None:
            try:
                geometry.Transform(self._transform)
            except RuntimeError as error:
                return self._misplaced(number, key, f"cannot be transformed ({error})")
        if not self._inside(geometry.GetEnvelope()):
            return self._misplaced(number, key, f"lies outside the area of EPSG:{self._srid}")
        return geometry.ExportToIsoWkb().hex()

    def _misplaced(self, number: int, key: str, what: str) -> None:
        self.misplaced += 1
        message = (
            f"{what} when taken from {self.source_label} to EPSG:{self._srid}; "
            "is the layer's CRS right?"
        )
        return self._refuse(number, key, message)

    def _inside(self, envelope: tuple[float, float, float, float]) -> bool:
        if not all(math.isfinite(value) for value in envelope):
            return False
        if self._bounds is None:
            return True
        min_x, max_x, min_y, max_y = envelope
        west, south, east, north = self._bounds
        return west <= min_x and max_x <= east and south <= min_y and max_y <= north

    def _refuse(self, number: int, key: str, message: str) -> None:
        self._problems.append(RowProblem(number, "geometry", message, "feature", key))


def _area_of_use(target: osr.SpatialReference) -> Optional[tuple[float, float, float, float]]:
    """The target CRS's area of use (with a margin) in its own coordinates, if known."""
    area = target.GetAreaOfUse()
    if area is None:
        return None
    geographic = osr.SpatialReference()
    geographic.ImportFromEPSG(4326)
    geographic.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_target = osr.CoordinateTransformation(geographic, target)
    margin = AREA_OF_USE_MARGIN
    return to_target.TransformBounds(
        max(area.west_lon_degree - margin, -180.0),
        max(area.south_lat_degree - margin, -90.0),
        min(area.east_lon_degree + margin, 180.0),
        min(area.north_lat_degree + margin, 90.0),
        21,
    )
