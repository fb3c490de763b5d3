"""QGIS with the plugin and a project of the demo data (`make demo`).

    .venv/bin/python scripts/run_demo.py --output demo-output

Makes a QGIS profile in <output>/profile/ with the plugin (a symlink to this checkout) set to
the pg_service "imis", and a project <output>/imis-demo.qgz with the plugin's own layers
(imis_customer_plugin.layers), zoomed to the municipality. With a display, QGIS opens for
the user; without one, QGIS runs under Xvfb, saves a screenshot to
<output>/imis-customer-demo.png and quits.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from qgis.core import QgsApplication, QgsProject, QgsReferencedRectangle
from qgis.PyQt.QtCore import QSettings, QTimer
from qgis.PyQt.QtWidgets import QAction, QDockWidget

REPO_ROOT = Path(__file__).resolve().parent.parent
PLUGIN = "imis_customer_plugin"
SYSTEM_PYTHON = "/usr/bin/python3"
QGIS = "qgis"
PROJECT_NAME = "imis-demo.qgz"
SCREENSHOT_NAME = "imis-customer-demo.png"
SCREEN = "1600x1000x24"
QGIS_TIMEOUT = 120  # seconds for start, render, screenshot and exit under Xvfb
# Setting keys as the plugin reads them (definitions.SETTINGS_GROUP, plugin_settings.py).
SETTINGS_KIND = "imis_customer/database/kind"
SETTINGS_NAME = "imis_customer/database/name"


# --- the project (runs in a subprocess of the system Python) ---------------------------


def build_project(service: str, path: Path) -> int:
    """Writes the project with the plugin's own layers; returns how many layers it has."""
    # Imported here: the parent process (and QGIS's --code bootstrap) never need them.
    from imis_customer_plugin.db.connection import ConnectionSettings  # noqa: PLC0415
    from imis_customer_plugin.layers import (  # noqa: PLC0415
        add_imis_layers,
        municipality_extent,
        open_source,
    )

    project = QgsProject.instance()
    project.setTitle("IMIS-customer demo")
    source = open_source(ConnectionSettings.from_service(service))
    layers = add_imis_layers(project, source)
    extent = municipality_extent(source)
    if extent is not None:
        extent.scale(1.05)
        project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(extent, source.crs))
    if not project.write(str(path)):
        raise SystemExit(f"Could not write {path}: {project.error()}")
    return len(layers.all())


def _build_project_main(service: str, path: Path) -> int:
    QgsApplication.setPrefixPath("/usr", True)
    application = QgsApplication([], False)
    application.initQgis()
    try:
        count = build_project(service, path)
    finally:
        QgsProject.instance().clear()  # layers left to QGIS's teardown crash it (3.22)
        application.exitQgis()
    print(f"{path}: {count} layer(s) of the IMIS Customer plugin")
    return 0


# --- the screenshot (runs inside QGIS, loaded by the --code bootstrap) ------------------


def take_screenshot(png: str, timeout: float = 90.0) -> None:
    """Connects the plugin, waits until the map and the plugin are done, saves the window."""
    from qgis.utils import iface  # noqa: PLC0415

    window = iface.mainWindow()
    started = time.monotonic()

    def quit_qgis(code: int) -> None:
        # Layers left to QGIS's own teardown crash it (3.22): close the project first.
        QgsProject.instance().clear()
        QgsApplication.exit(code)

    def guarded(step: Callable[[], None]) -> Callable[[], None]:
        # An error must quit QGIS: left alone, it would open a dialog and hang the run.
        def run() -> None:
            try:
                step()
            except Exception:
                traceback.print_exc()
                quit_qgis(1)

        return run

    @guarded
    def prepare() -> None:
        # Xvfb has no window manager to maximise the window: size it to the screen.
        window.showMaximized()
        window.setGeometry(window.screen().availableGeometry())
        for dock in window.findChildren(QDockWidget, "ImisCustomerMainDock"):
            dock.show()
            dock.raise_()
        for dock in window.findChildren(QDockWidget, "Browser"):
            dock.hide()  # the Layers panel gets the whole column: the legend is the point
        window.findChild(QAction, "ImisCustomerAction_connect").trigger()
        QTimer.singleShot(3000, poll)

    def busy() -> bool:
        return iface.mapCanvas().isDrawing() or QgsApplication.taskManager().countActiveTasks() > 0

    @guarded
    def poll() -> None:
        if busy() and time.monotonic() - started < timeout:
            QTimer.singleShot(500, poll)
        else:
            QTimer.singleShot(1500, save)  # lets the finished check update the dock

    @guarded
    def save() -> None:
        saved = window.grab().save(png)
        print(f"screenshot {'saved' if saved else 'NOT saved'}: {png}", file=sys.stderr)
        quit_qgis(0 if saved else 1)

    QTimer.singleShot(0, prepare)


def _write_bootstrap(path: Path, png: Path) -> None:
    """The --code file: QGIS exec()s it, so it loads this module and calls take_screenshot."""
    path.write_text(
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('imis_run_demo', {str(__file__)!r})\n"
        "module = sys.modules['imis_run_demo'] = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(module)\n"
        f"module.take_screenshot({str(png)!r})\n"
    )


# --- the profile and QGIS ---------------------------------------------------------------


def prepare_profile(profiles: Path, service: str) -> None:
    """A QGIS profile with the plugin (this checkout, symlinked) enabled and set to `service`."""
    profile = profiles / "profiles" / "default"
    plugins = profile / "python" / "plugins"
    plugins.mkdir(parents=True, exist_ok=True)
    link = plugins / PLUGIN
    if link.is_symlink():
        link.unlink()
    elif link.exists():
        shutil.rmtree(link)
    link.symlink_to(REPO_ROOT / PLUGIN, target_is_directory=True)
    settings = QSettings(str(profile / "QGIS" / "QGIS3.ini"), QSettings.IniFormat)
    settings.setValue(f"PythonPlugins/{PLUGIN}", True)
    settings.setValue(SETTINGS_KIND, "service")
    settings.setValue(SETTINGS_NAME, service)
    settings.sync()


def _qgis_environment() -> dict[str, str]:
    """QGIS's own Python lacks SQLAlchemy and Alembic: it borrows them from this venv."""
    env = dict(os.environ)
    paths = [sysconfig.get_paths()["purelib"], env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    if env.get("QT_QPA_PLATFORM") in ("offscreen", "minimal"):
        del env["QT_QPA_PLATFORM"]  # QGIS 3.22 desktop crashes on these platforms
    return env


def _run_headless(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """QGIS under Xvfb; killed with its Xvfb when it does not quit in time."""
    env = {**env, "QT_QPA_PLATFORM": "xcb"}
    command = ["xvfb-run", "-a", "-s", f"-screen 0 {SCREEN}", *command]
    process = subprocess.Popen(
        command, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        _, stderr = process.communicate(timeout=QGIS_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        _, stderr = process.communicate()
        raise SystemExit(
            f"QGIS did not finish within {QGIS_TIMEOUT} s; a plugin that fails at start opens a "
            f"modal error dialog, which nobody closes under Xvfb:\n{stderr[-4000:]}"
        ) from None
    return subprocess.CompletedProcess(command, process.returncode, "", stderr)


def _build_project(output: Path, service: str) -> None:
    """In a process of its own: a QgsApplication here would get in the way of QGIS's."""
    command = [SYSTEM_PYTHON, __file__, "--output", str(output), "--service", service]
    env = _qgis_environment()  # the plugin's layers package, and SQLAlchemy from the venv
    env["PYTHONPATH"] = os.pathsep.join([str(REPO_ROOT), env["PYTHONPATH"]])
    env["QT_QPA_PLATFORM"] = "offscreen"  # qgis.core only, no window
    if subprocess.run([*command, "--project-only"], env=env, check=False).returncode != 0:
        raise SystemExit(f"Building {output / PROJECT_NAME} failed")


def _screenshot(command: list[str], output: Path) -> Path:
    png = output / SCREENSHOT_NAME
    png.unlink(missing_ok=True)
    bootstrap = output / "screenshot.py"
    _write_bootstrap(bootstrap, png)
    finished = _run_headless([*command, "--code", str(bootstrap)], _qgis_environment())
    if finished.returncode != 0 or not png.exists():
        print(finished.stderr[-4000:], file=sys.stderr)
        raise SystemExit(f"QGIS exited with {finished.returncode}; screenshot: {png.exists()}")
    return png


def run_demo(output: Path, service: str) -> int:
    output.mkdir(parents=True, exist_ok=True)
    profiles = output / "profile"
    prepare_profile(profiles, service)
    _build_project(output, service)
    command = [QGIS, "--profiles-path", str(profiles), "--nologo", "--noversioncheck"]
    command += ["--project", str(output / PROJECT_NAME)]
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        print(f"Screenshot: {_screenshot(command, output)}")
        return 0
    print("Starting QGIS with the IMIS Customer plugin; close it to finish.")
    try:
        return subprocess.run(command, env=_qgis_environment(), check=False).returncode
    except KeyboardInterrupt:  # Ctrl+C reached QGIS too
        return 130


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=Path("demo-output"))
    parser.add_argument("--service", default="imis", help="pg_service of the demo database")
    parser.add_argument("--project-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    output = args.output.resolve()
    if args.project_only:
        return _build_project_main(args.service, output / PROJECT_NAME)
    return run_demo(output, args.service)


if __name__ == "__main__":
    sys.exit(main())
