"""Database tests: fixtures in tests/conftest.py, seed data in tests/municipality.py."""

from __future__ import annotations

from ..municipality import ORIGIN_X, ORIGIN_Y, PARCELS

__all__ = ["ORIGIN_X", "ORIGIN_Y", "PARCELS"]
