"""Logging and locating in one unit of work: what the log wizard's Save does."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Union

from sqlalchemy.engine import Connection

from ..core.correspondence import NewCorrespondence
from . import locate, register


@dataclass(frozen=True)
class MapPoint:
    """A clicked point in the map's CRS; free=True keeps it as a point, not a parcel."""

    x: float
    y: float
    srid: int
    free: bool = False


@dataclass(frozen=True)
class ParcelChoice:
    parcel_id: int


Location = Optional[Union[MapPoint, ParcelChoice]]  # runs on Python 3.9: no `|` here


def log_and_locate(
    connection: Connection, request: NewCorrespondence, location: Location
) -> locate.LocateResult | register.CorrespondenceState:
    """Logs the item and, when a location is given, locates it; all or nothing."""
    state = register.log_correspondence(connection, request)
    if isinstance(location, MapPoint):
        return locate.place_at_point(  # the new row is ours until commit: no lock to take
            connection,
            state,
            location.x,
            location.y,
            location.srid,
            free_point=location.free,
        )
    if isinstance(location, ParcelChoice):
        return locate.place_on_parcel(connection, state, location.parcel_id)
    return state
