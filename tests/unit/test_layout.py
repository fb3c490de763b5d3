"""The code keeps the shape ARCHITECTURE.md describes; this test says where it drifts."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PLUGIN = Path(__file__).resolve().parents[2] / "imis_customer_plugin"
GUI_LIBRARIES = ("qgis", "PyQt5", "PyQt6", "sip")
DATABASE_LIBRARIES = ("sqlalchemy", "psycopg2", "alembic", "osgeo")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def _modules(package: str) -> list[Path]:
    return sorted((PLUGIN / package).rglob("*.py"))


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("core", GUI_LIBRARIES + DATABASE_LIBRARIES),
        ("services", GUI_LIBRARIES),
        ("db", GUI_LIBRARIES),
        ("server", GUI_LIBRARIES),
    ],
)
def test_layers_import_only_what_they_may(package: str, forbidden: tuple[str, ...]) -> None:
    offending = {
        str(path.relative_to(PLUGIN)): sorted(
            name for name in _imports(path) if name.split(".")[0] in forbidden
        )
        for path in _modules(package)
    }
    assert {k: v for k, v in offending.items() if v} == {}


def test_headless_entry_point_does_not_import_qgis() -> None:
    for module in ("__init__.py", "__main__.py", "cli.py", "definitions.py"):
        assert not {n for n in _imports(PLUGIN / module) if n.split(".")[0] in GUI_LIBRARIES}


def test_ui_files_connect_no_signals() -> None:
    """Signals are connected in Python, where a reader can find them."""
    for path in PLUGIN.rglob("*.ui"):
        assert "<connections>" not in path.read_text(encoding="utf-8"), path
