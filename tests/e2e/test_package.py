"""The zip of `make package`, installed into a fresh profile of the real QGIS desktop.

QGIS runs under Xvfb: QGIS 3.22 crashes at start with QT_QPA_PLATFORM=offscreen (its
clipboard code expects mime data that the offscreen platform does not have).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO_ROOT = Path(__file__).resolve().parents[2]
# The project's virtualenv, and the one running pytest if that is another.
VENVS = {str(REPO_ROOT / ".venv")} | ({sys.prefix} if sys.prefix != sys.base_prefix else set())
PLUGIN = "imis_customer_plugin"
PROBE = Path(__file__).resolve().with_name("qgis_probe.py")
QGIS = "/usr/bin/qgis"
QGIS_TIMEOUT = 90  # seconds; the whole run takes about 10
# A plugin that fails while QGIS starts gets a modal error dialog, which nobody closes here.
HANG_HINT = "a modal dialog may be open, e.g. 'Couldn't load plugin' (a Python error at start)"
ONE_EACH = {"menu": 1, "menu_objects": 1, "toolbar": 1, "dock": 1}


@pytest.fixture(scope="module")
def package_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip, built by the script `make package` runs (wheels cached in build/wheels)."""
    folder = tmp_path_factory.mktemp("package")
    output = folder / f"{PLUGIN}.zip"
    command = [sys.executable, str(REPO_ROOT / "scripts" / "build_package.py")]
    command += ["--output", str(output), "--build-dir", str(folder / "build")]
    command += ["--wheel-cache", str(REPO_ROOT / "build" / "wheels")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def test_zip_has_one_plugin_folder_with_vendored_pure_python(package_zip: Path) -> None:
    with zipfile.ZipFile(package_zip) as archive:
        infos = archive.infolist()
    names = {info.filename for info in infos}
    assert all(name.startswith(f"{PLUGIN}/") for name in names)
    for required in ("metadata.txt", "__init__.py", "plugin.py", "resources_rc.py"):
        assert f"{PLUGIN}/{required}" in names
    for package in ("sqlalchemy", "alembic", "mako", "markupsafe"):
        assert f"{PLUGIN}/_vendor/{package}/__init__.py" in names
        dist_info = f"{PLUGIN}/_vendor/{package}-"
        assert [n for n in names if n.lower().startswith(dist_info) and "LICEN" in n], package
    for ts_file in (REPO_ROOT / "i18n").glob("*.ts"):
        assert f"{PLUGIN}/i18n/{ts_file.stem}.qm" in names
    forbidden = (".pyc", ".so", ".pyd", ".dylib", "__pycache__/")
    assert not [n for n in names if n.endswith(forbidden) or "/bin/" in n]
    assert not [i.filename for i in infos if (i.external_attr >> 16) & 0o170000 == 0o120000]


def _install(package_zip: Path, profiles: Path) -> Path:
    """Unpacks the zip as "Install from ZIP" does and enables the plugin."""
    profile = profiles / "profiles" / "default"
    plugins = profile / "python" / "plugins"
    plugins.mkdir(parents=True)
    with zipfile.ZipFile(package_zip) as archive:
        archive.extractall(plugins)
    (profile / "QGIS").mkdir()
    (profile / "QGIS" / "QGIS3.ini").write_text(f"[PythonPlugins]\n{PLUGIN}=true\n")
    return plugins / PLUGIN


def _environment_without_venv(result_file: Path) -> dict[str, str]:
    """What a user's QGIS sees: no virtualenv, no Python path, no settings of ours."""
    venv_bins = {f"{venv}/bin" for venv in VENVS}
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("QGIS_", "PYTHON", "QT_"))
        and key not in {"VIRTUAL_ENV", "DISPLAY", "WAYLAND_DISPLAY"}
    }
    path = os.environ.get("PATH", "/usr/bin:/bin").split(os.pathsep)
    env["PATH"] = os.pathsep.join(p for p in path if p.rstrip("/") not in venv_bins)
    env["QT_QPA_PLATFORM"] = "xcb"  # the Xvfb display of xvfb-run
    env["IMIS_PROBE_RESULT"] = str(result_file)
    return env


def _tail(text: str, size: int = 6000) -> str:
    return text[-size:]


def _run_qgis(profiles: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """QGIS with the probe; killed with its Xvfb when it hangs."""
    command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", QGIS]
    command += ["--profiles-path", str(profiles), "--nologo", "--noversioncheck"]
    command += ["--code", str(PROBE)]
    process = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # one process group: xvfb-run, Xvfb and QGIS
    )
    try:
        stdout, stderr = process.communicate(timeout=QGIS_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        pytest.fail(f"QGIS did not quit within {QGIS_TIMEOUT} s ({HANG_HINT}):\n{_tail(stderr)}")
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def test_installed_zip_loads_unloads_and_reloads_in_qgis(package_zip: Path, tmp_path: Path) -> None:
    assert Path(QGIS).exists(), "QGIS is missing: run `make system`"
    profiles = tmp_path / "qgis"
    installed = _install(package_zip, profiles)
    result_file = tmp_path / "probe.json"

    finished = _run_qgis(profiles, _environment_without_venv(result_file))

    # QGIS's crash handler prints the backtrace on stdout.
    output = (
        f"exit code {finished.returncode}\nstdout:\n{_tail(finished.stdout, 3000)}"
        f"\nstderr:\n{_tail(finished.stderr)}"
    )
    assert result_file.exists(), f"the probe wrote no result; QGIS {output}"
    result = json.loads(result_file.read_text())
    assert "error" not in result, result.get("error")
    assert finished.returncode == 0, f"QGIS {output}"

    assert result["loaded"] and result["active"]
    assert result["plugin_file"].startswith(f"{installed}/")
    for name, path in result["module_files"].items():
        assert path is not None and path.startswith(f"{installed}/_vendor/{name}/"), (name, path)
    assert not result["markupsafe_speedups"]
    assert not [p for p in result["sys_path"] if p.startswith(tuple(f"{v}/" for v in VENVS))]
    assert result["head_revision"]

    widgets = result["widgets"]
    assert {key: widgets[key] for key in ONE_EACH} == ONE_EACH and widgets["actions"] > 0
    for cycle in result["cycles"]:
        assert cycle["unloaded"] and not any(cycle["after_unload"].values()), cycle
        assert cycle["loaded"] and cycle["started"] and cycle["after_load"] == widgets, cycle
    python_errors = [entry for entry in result["log"] if entry["tag"] == "Python error"]
    assert not python_errors
