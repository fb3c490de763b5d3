"""A deterministic Demo City for demos, tests and city-scale benchmarks.

Pure Python and numpy: no database, no GIS library. `DemoCity(size, seed, as_of).tables()`
gives every table of schema imis in load order, each as chunks of rows that
`Table.copy_lines()` turns into PostgreSQL COPY text (geometries as hex EWKB, EPSG:32734).
"""

from __future__ import annotations

from .city import MUNICIPALITY, DemoCity, Table
from .sizes import SIZES, DemoSize, demo_size

__all__ = ["MUNICIPALITY", "SIZES", "DemoCity", "DemoSize", "Table", "demo_size"]
