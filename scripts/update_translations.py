"""Refreshes i18n/*.ts from the plugin's sources with pylupdate5 (run by `make update-ts`).

Translators then edit the .ts files (Qt Linguist); `make compile` builds the .qm files.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "imis_customer_plugin"
LANGUAGES = ("af",)  # add "zu", "xh"... when a translator takes them on


def sources() -> list[str]:
    files = [*PLUGIN.rglob("*.py"), *PLUGIN.rglob("*.ui")]
    skip = ("_vendor", "resources_rc.py", "migrations")
    return sorted(str(f.relative_to(ROOT)) for f in files if not any(s in str(f) for s in skip))


def main() -> int:
    targets = [f"i18n/imis_customer_{lang}.ts" for lang in LANGUAGES]
    command = ["pylupdate5", "-noobsolete", *sources(), "-ts", *targets]
    return subprocess.run(command, cwd=ROOT, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
