"""IMIS-customer QGIS plugin. QGIS calls classFactory(); everything else is imported lazily,
so `python -m imis_customer_plugin` runs without QGIS."""

from __future__ import annotations

import sys
from pathlib import Path

_VENDOR = Path(__file__).resolve().parent / "_vendor"
if _VENDOR.is_dir() and str(_VENDOR) not in sys.path:
    # Pure-Python dependencies bundled by `make package` (QGIS does not ship SQLAlchemy/Alembic).
    sys.path.insert(0, str(_VENDOR))


def classFactory(iface):
    from .plugin import ImisCustomerPlugin  # noqa: PLC0415 - QGIS must not load it at import

    return ImisCustomerPlugin(iface)
