"""Rows as PostgreSQL COPY text, geometries as hex EWKB: fast to make, exact to load.

A chunk is a dict column -> values. The kind of the values says how they are written:
integer arrays (a negative value is NULL: ids and counts never are), bool arrays,
datetime64[s] (UTC, NaT is NULL), datetime64[D] (dates), and lists or object arrays of str
or None (text, escaped for COPY).
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Iterator, Sequence

import numpy as np

NULL = "\\N"
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_WKB_POINT_SRID = 0x20000001
_WKB_MULTIPOLYGON_SRID = 0x20000006
_WKB_POLYGON = 3


def _text(values: np.ndarray | Sequence[str | None]) -> list[str]:
    if isinstance(values, np.ndarray) and values.dtype.kind in "iu":
        if values.min(initial=0) < 0:
            return [NULL if v < 0 else str(v) for v in values.tolist()]
        return list(map(str, values.tolist()))
    if isinstance(values, np.ndarray) and values.dtype.kind == "b":
        return np.where(values, "t", "f").tolist()
    if isinstance(values, np.ndarray) and values.dtype.kind == "M":
        unit = np.datetime_data(values.dtype)[0]
        text = np.datetime_as_string(values, unit=unit).tolist()
        zone = "" if unit == "D" else "+00"
        return [NULL if v == "NaT" else v + zone for v in text]
    items = values.tolist() if isinstance(values, np.ndarray) else list(values)
    nulls = items.count(None)
    text = [NULL if v is None else v for v in items] if nulls else items
    # Escaping is rarely needed; one scan of the whole column says whether it is (the only
    # backslashes allowed through are those of the NULL markers).
    joined = "".join(text)
    if joined.count("\\") == nulls and not any(c in joined for c in "\t\n\r"):
        return text
    return [NULL if v is None else v.translate(_ESCAPES) for v in items]


def copy_text(columns: Sequence[str], chunk: dict[str, object]) -> str:
    """One chunk as COPY text lines, columns in the given order."""
    texts = [_text(chunk[name]) for name in columns]  # type: ignore[arg-type]
    if not texts or not texts[0]:
        return ""
    return "\n".join(map("\t".join, zip(*texts))) + "\n"


def copy_lines(columns: Sequence[str], chunks: Iterable[dict[str, object]]) -> Iterator[str]:
    for chunk in chunks:
        text = copy_text(columns, chunk)
        if text:
            yield text


def _srid_header(kind: int, srid: int) -> bytes:
    return struct.pack("<BII", 1, kind, srid)


def ewkb_points(xy: np.ndarray, srid: int) -> list[str]:
    """Hex EWKB of Point geometries, one per row of xy (n, 2); NaN rows are NULL."""
    count = len(xy)
    record = np.empty((count, 25), dtype=np.uint8)
    record[:, :9] = np.frombuffer(_srid_header(_WKB_POINT_SRID, srid), dtype=np.uint8)
    record[:, 9:] = np.ascontiguousarray(xy, dtype="<f8").view(np.uint8).reshape(count, 16)
    text = record.tobytes().hex().upper()
    missing = np.isnan(xy[:, 0]) if count else np.zeros(0, dtype=bool)
    return [None if missing[k] else text[50 * k : 50 * k + 50] for k in range(count)]  # type: ignore[misc]


def ewkb_multipolygon(polygons: Sequence[Sequence[np.ndarray]], srid: int) -> str:
    """Hex EWKB of one MultiPolygon; each polygon is [shell, *holes], rings not closed."""
    parts = [_srid_header(_WKB_MULTIPOLYGON_SRID, srid), struct.pack("<I", len(polygons))]
    for rings in polygons:
        parts.append(struct.pack("<BII", 1, _WKB_POLYGON, len(rings)))
        for ring in rings:
            closed = np.vstack([ring, ring[:1]])
            parts.append(struct.pack("<I", len(closed)))
            parts.append(np.ascontiguousarray(closed, dtype="<f8").tobytes())
    return b"".join(parts).hex().upper()


def ewkb_parcels(ring_xy: np.ndarray, offsets: np.ndarray, srid: int) -> list[str]:
    """Hex EWKB of single-ring MultiPolygons, ring k = ring_xy[offsets[k]:offsets[k + 1]].

    Parcels with the same number of vertices are encoded together as one byte matrix.
    """
    lengths = np.diff(offsets)
    result: list[str] = [""] * len(lengths)
    head = _srid_header(_WKB_MULTIPOLYGON_SRID, srid) + struct.pack("<IBII", 1, 1, _WKB_POLYGON, 1)
    for vertices in np.unique(lengths):
        members = np.flatnonzero(lengths == vertices)
        index = offsets[members][:, None] + np.arange(vertices)
        rings = ring_xy[np.concatenate([index, index[:, :1]], axis=1)]  # closed rings
        width = len(head) + 4 + 16 * (vertices + 1)
        record = np.empty((len(members), width), dtype=np.uint8)
        record[:, : len(head)] = np.frombuffer(head, dtype=np.uint8)
        record[:, len(head) : len(head) + 4] = np.frombuffer(
            struct.pack("<I", vertices + 1), dtype=np.uint8
        )
        coordinates = np.ascontiguousarray(rings, dtype="<f8").view(np.uint8)
        record[:, len(head) + 4 :] = coordinates.reshape(len(members), -1)
        text = record.tobytes().hex().upper()
        step = 2 * width
        for k, member in enumerate(members.tolist()):
            result[member] = text[step * k : step * k + step]
    return result
