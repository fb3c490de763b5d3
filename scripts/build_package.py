"""Builds the plugin zip for QGIS "Install from ZIP" (`make package`).

The zip holds the folder imis_customer_plugin/ with freshly compiled Qt resources and
translations, and the pure-Python runtime dependencies of requirements.txt in _vendor/
(the plugin puts that folder first on sys.path): QGIS ships neither SQLAlchemy nor Alembic.

    .venv/bin/python scripts/build_package.py --output dist/imis_customer_plugin-0.1.0.zip
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from email.parser import HeaderParser
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PLUGIN = "imis_customer_plugin"
# The oldest Python of a QGIS we support (3.22 on Windows and macOS ships 3.9).
MIN_PYTHON = (3, 9)
# Packages without a pure-Python wheel whose compiled module is optional: dropping it makes
# the package fall back to its pure-Python twin (markupsafe._speedups -> markupsafe._native).
OPTIONAL_EXTENSIONS = {"markupsafe": "_speedups"}
# Declared dependencies the plugin never needs, so they are not vendored.
UNNEEDED = {
    "greenlet": "only for SQLAlchemy's asyncio",
    "importlib_metadata": "only for Python < 3.8",
}
# Compiled code, or its sources, never goes into the zip.
COMPILED_SUFFIXES = (".so", ".pyd", ".dylib", ".dll", ".c", ".h", ".pyx", ".pxd")
LICENSE_NAMES = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", re.IGNORECASE)
# Top-level entries of the source folder that the build makes itself, or that are local.
GENERATED = {"_vendor", "i18n", "resources_rc.py"}


@dataclass(frozen=True)
class Pin:
    """One `name==version` line of requirements.txt."""

    name: str
    version: str

    @property
    def key(self) -> str:
        return normalize(self.name)

    def __str__(self) -> str:
        return f"{self.name}=={self.version}"


def normalize(name: str) -> str:
    """The name as wheel file names spell it (PEP 503 / PEP 427)."""
    return re.sub(r"[-_.]+", "_", name).lower()


def read_pins(requirements: Path) -> list[Pin]:
    """Every requirement, whatever its marker: the zip serves all Pythons QGIS may run."""
    pins = []
    for raw in requirements.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].split(";", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s,]+)", line)
        if match is None:
            raise SystemExit(f"{requirements}: '{raw}' is not pinned as name==version")
        pins.append(Pin(*match.groups()))
    return pins


# --- wheels -----------------------------------------------------------------------------


def _is_pure(wheel: Path) -> bool:
    return wheel.name.endswith("-none-any.whl")


def _wheel_name_version(wheel: Path) -> tuple[str, str]:
    name, version = wheel.name.split("-")[:2]
    return normalize(name), version


def _cached_wheel(pin: Pin, cache: Path) -> Path | None:
    """A cached wheel of exactly this version, a pure-Python one first."""
    found = [
        wheel
        for wheel in cache.glob("*.whl")
        if _wheel_name_version(wheel) == (pin.key, pin.version)
    ]
    found.sort(key=lambda wheel: not _is_pure(wheel))
    return found[0] if found else None


def _pip_download(pin: Pin, target: Path, pure: bool) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:"]
    command += ["--disable-pip-version-check", "-q", "-d", str(target), str(pin)]
    if pure:
        command += ["--platform", "any", "--implementation", "py", "--abi", "none"]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def fetch_wheel(pin: Pin, cache: Path) -> Path:
    """The pure-Python wheel of `pin` (or, where allowed, any wheel), from cache or PyPI."""
    cached = _cached_wheel(pin, cache)
    if cached is not None and (_is_pure(cached) or pin.key in OPTIONAL_EXTENSIONS):
        return cached
    cache.mkdir(parents=True, exist_ok=True)
    # Download beside the cache and move in one step: parallel builds share the cache.
    with tempfile.TemporaryDirectory(dir=cache, prefix=".download-") as tmp:
        result = _pip_download(pin, Path(tmp), pure=True)
        if result.returncode != 0 and pin.key in OPTIONAL_EXTENSIONS:
            result = _pip_download(pin, Path(tmp), pure=False)
        wheels = list(Path(tmp).glob("*.whl"))
        if result.returncode != 0 or len(wheels) != 1:
            raise SystemExit(
                f"No usable wheel for {pin} (a pure-Python one is needed):\n{result.stderr}"
            )
        return Path(shutil.move(str(wheels[0]), cache / wheels[0].name))


def _wheel_metadata(wheel: Path) -> dict[str, list[str]]:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        message = HeaderParser().parsestr(archive.read(name).decode("utf-8"))
    return {key: message.get_all(key) or [] for key in ("Requires-Python", "Requires-Dist")}


def _vendored_name(member: str, drop_module: str | None) -> str | None:
    """Where a wheel member goes inside _vendor/, or None to leave it out."""
    parts = member.split("/")
    if not member or member.endswith("/") or member.startswith("/") or ".." in parts:
        return None
    if parts[0].endswith(".data"):  # scripts (bin/), headers, data files
        return None
    if parts[0].endswith(".dist-info"):
        keep = parts[-1] == "METADATA" or "licenses" in parts or LICENSE_NAMES.match(parts[-1])
        return member if keep else None
    if "__pycache__" in parts or member.endswith((".pyc", *COMPILED_SUFFIXES)):
        return None
    if drop_module is not None and parts[-1].split(".")[0] == drop_module:
        return None  # e.g. the _speedups.pyi stub of the dropped extension
    return member


def unpack_wheel(wheel: Path, vendor: Path) -> None:
    drop_module = None if _is_pure(wheel) else OPTIONAL_EXTENSIONS[_wheel_name_version(wheel)[0]]
    with zipfile.ZipFile(wheel) as archive:
        for member in archive.namelist():
            name = _vendored_name(member, drop_module)
            if name is not None:
                target = vendor / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(member))


# --- checks -----------------------------------------------------------------------------


def _python_floor(specifier: str) -> tuple[int, ...] | None:
    match = re.search(r">=\s*(\d+)\.(\d+)", specifier)
    return tuple(int(part) for part in match.groups()) if match else None


def compatibility_warnings(wheels: dict[str, Path]) -> Iterator[str]:
    """Vendored code that cannot run on every QGIS Python, or that lacks a dependency."""
    oldest = ".".join(map(str, MIN_PYTHON))
    for key, wheel in wheels.items():
        metadata = _wheel_metadata(wheel)
        for specifier in metadata["Requires-Python"]:
            floor = _python_floor(specifier)
            if floor is not None and floor > MIN_PYTHON:
                yield f"{wheel.name} requires Python {specifier}; QGIS may run {oldest}"
        for requirement in metadata["Requires-Dist"]:
            name, _, marker = requirement.partition(";")
            dependency = normalize(re.split(r"[\s\[<>=!~(]", name.strip(), maxsplit=1)[0])
            if re.search(r"\bextra\s*==", marker) or dependency in wheels or dependency in UNNEEDED:
                continue
            yield f"{key} needs '{requirement.strip()}', which requirements.txt does not pin"


def smoke_test(vendor: Path, modules: list[str]) -> None:
    """Imports the vendored packages without site-packages, as a bare QGIS Python would."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import importlib\n"
        "for name in sys.argv[2:]:\n"
        "    module = importlib.import_module(name)\n"
        "    assert module.__file__.startswith(sys.argv[1]), module.__file__\n"
    )
    command = [sys.executable, "-S", "-c", code, str(vendor), *modules]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"The vendored packages do not import:\n{result.stderr}")


def _top_level_modules(vendor: Path) -> list[str]:
    return sorted(
        path.stem
        for path in vendor.iterdir()
        if not path.name.endswith(".dist-info")
        and (path.suffix == ".py" or (path / "__init__.py").is_file())
    )


# --- plugin folder ----------------------------------------------------------------------


def _ignore(source_root: Path):
    def ignore(directory: str, names: list[str]) -> set[str]:
        skipped = {n for n in names if n == "__pycache__" or n.endswith((".pyc", ".pyo"))}
        skipped |= {n for n in names if n.startswith(".")}
        if Path(directory) == source_root:
            skipped |= GENERATED & set(names)
        return skipped

    return ignore


def copy_sources(repo_root: Path, target: Path) -> None:
    """The plugin's files; symlinks (metadata.txt -> ../metadata.txt) become real files."""
    source = repo_root / PLUGIN
    shutil.copytree(source, target, symlinks=False, ignore=_ignore(source))
    metadata = target / "metadata.txt"
    if not metadata.is_file() or metadata.is_symlink():
        raise SystemExit(f"{metadata} is missing")


def _require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise SystemExit(f"'{name}' is missing: run `make system`")
    return path


def compile_qt_files(repo_root: Path, target: Path) -> None:
    """resources_rc.py from resources.qrc (paths in it are relative to the repo root),
    and i18n/*.ts to .qm files."""
    resources = target / "resources_rc.py"
    subprocess.run(
        [_require_tool("pyrcc5"), "-o", str(resources), "resources.qrc"], cwd=repo_root, check=True
    )
    # pyrcc5 writes a PyQt5 import; through qgis.PyQt the plugin also runs on Qt6 builds.
    code = resources.read_text(encoding="utf-8")
    resources.write_text(code.replace("from PyQt5 import", "from qgis.PyQt import"), "utf-8")
    for ts_file in sorted((repo_root / "i18n").glob("*.ts")):
        qm_file = target / "i18n" / f"{ts_file.stem}.qm"
        qm_file.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [_require_tool("lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)], check=True
        )


def vendor_dependencies(repo_root: Path, target: Path, cache: Path) -> None:
    vendor = target / "_vendor"
    wheels = {pin.key: fetch_wheel(pin, cache) for pin in read_pins(repo_root / "requirements.txt")}
    for wheel in wheels.values():
        unpack_wheel(wheel, vendor)
    for warning in compatibility_warnings(wheels):
        print(f"warning: {warning}", file=sys.stderr)
    smoke_test(vendor, _top_level_modules(vendor))


def write_zip(folder: Path, output: Path) -> None:
    """Entries under the folder's own name: what QGIS "Install from ZIP" expects."""
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(folder.rglob("*")):
            archive.write(path, path.relative_to(folder.parent).as_posix())
    os.replace(partial, output)


def build_package(
    output: Path,
    build_dir: Path = REPO_ROOT / "build",
    wheel_cache: Path | None = None,
    repo_root: Path = REPO_ROOT,
) -> Path:
    """Builds <build_dir>/imis_customer_plugin/ and zips it to `output`."""
    target = build_dir / PLUGIN
    if target.exists():
        shutil.rmtree(target)
    copy_sources(repo_root, target)
    compile_qt_files(repo_root, target)
    vendor_dependencies(repo_root, target, wheel_cache or build_dir / "wheels")
    write_zip(target, output)
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, help="the zip to write")
    parser.add_argument(
        "--compile-only",
        action="store_true",
        help="only compile resources and translations into the source tree (make compile)",
    )
    parser.add_argument("--build-dir", type=Path, default=REPO_ROOT / "build")
    parser.add_argument("--wheel-cache", type=Path, help="default: <build-dir>/wheels")
    args = parser.parse_args(argv)
    if args.compile_only:
        compile_qt_files(REPO_ROOT, REPO_ROOT / PLUGIN)
        return 0
    if args.output is None:
        parser.error("--output is required")
    started = time.monotonic()
    output = build_package(args.output.resolve(), args.build_dir.resolve(), args.wheel_cache)
    size = output.stat().st_size
    print(f"{output} ({size / 1e6:.1f} MB, built in {time.monotonic() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
