"""`python -m imis_customer_plugin`: the headless side (no QGIS needed)."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
