"""The double-click NetDesk: build the one-folder bundle with PyInstaller (as
`uv run python packaging/build.py` does) and prove it works on this machine.

Slow (a clean PyInstaller build takes one to two minutes); run by .ci/run with the rest.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[3]
LINUX = sys.platform.startswith("linux")


def _packaging_build() -> object:
    spec = importlib.util.spec_from_file_location("netdesk_build", REPO / "packaging" / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _packaging_build()


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (it is in the dev dependency group: uv sync)")
    root = tmp_path_factory.mktemp("frozen")
    dist = root / "dist"
    build.run_pyinstaller(dist, root / "work")  # type: ignore[attr-defined]
    if LINUX:
        build.add_linux_files(build.app_path(dist))  # type: ignore[attr-defined]
    yield dist
    shutil.rmtree(root, ignore_errors=True)


def _exe(dist: Path) -> Path:
    return build.executable(dist)  # type: ignore[attr-defined,no-any-return]


def _user_env(home: Path) -> dict[str, str]:
    """A user without NETDESK_HOME whose home folder is ``home``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NETDESK_", "XDG_"))}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8")
    return env


def _run(cmd: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=180)


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if not p.is_symlink()
    }


def test_frozen_selftest_passes_offscreen(dist: Path, tmp_path: Path) -> None:
    proc = _run([str(_exe(dist)), "--selftest"], _user_env(tmp_path), tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.splitlines()[-1].startswith("selftest: ok")
    assert "; frozen" in proc.stdout
    assert "offscreen platform" in proc.stdout
    # Alembic found its scripts inside the bundle, through the same code path as from source
    bundle_migrations = build.app_path(dist).resolve()  # type: ignore[attr-defined]
    assert f"from {bundle_migrations}" in proc.stdout


@pytest.mark.skipif(not LINUX or shutil.which("xvfb-run") is None, reason="needs Linux + Xvfb")
def test_frozen_selftest_passes_on_a_real_x11_display(dist: Path, tmp_path: Path) -> None:
    env = dict(_user_env(tmp_path), QT_QPA_PLATFORM="xcb")
    proc = _run(["xvfb-run", "-a", str(_exe(dist)), "--selftest"], env, tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "xcb platform" in proc.stdout


@pytest.mark.skipif(not LINUX, reason="the per-user folders checked here are Linux's")
def test_frozen_app_keeps_data_in_the_per_user_dirs_never_beside_the_program(
    dist: Path, tmp_path: Path
) -> None:
    home = tmp_path / "user"
    home.mkdir()
    env = _user_env(home)
    program = build.app_path(dist)  # type: ignore[attr-defined]
    before = _snapshot(program)

    demo = _run([str(_exe(dist)), "demo", "--contacts", "3"], env, tmp_path)
    assert demo.returncode == 0, demo.stderr
    window = _run([str(_exe(dist))], dict(env, NETDESK_REPORT_STARTUP="1"), tmp_path)
    assert window.returncode == 0, window.stderr
    assert "startup: first window painted at" in window.stdout
    selftest = _run([str(_exe(dist)), "--selftest"], env, tmp_path)
    assert selftest.returncode == 0, selftest.stderr

    assert (home / ".local" / "share" / "NetDesk" / "netdesk.db").is_file()
    assert (home / ".local" / "state" / "NetDesk" / "log" / "netdesk.log").is_file()
    assert f"user data dir {home.resolve()}/.local/share/NetDesk" in selftest.stdout
    assert _snapshot(program) == before, "the frozen app wrote into its own folder"


def test_database_made_from_source_opens_in_the_frozen_app(
    dist: Path, tmp_path: Path, services: object, db_path: Path
) -> None:
    from netdesk.core.model import Contact, Email

    services.contacts.create(  # type: ignore[attr-defined]
        Contact(display_name="Dörte Entwicklung", emails=(Email("d@example.com"),))
    )
    services.close()  # type: ignore[attr-defined]

    proc = _run(
        [str(_exe(dist)), "--db", str(db_path), "list", "--json"], _user_env(tmp_path), tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    listed = json.loads(proc.stdout)
    assert [c["display_name"] for c in listed] == ["Dörte Entwicklung"]
    assert listed[0]["emails"][0]["value"] == "d@example.com"


@pytest.mark.skipif(not LINUX, reason="install.sh is for Linux desktops")
def test_linux_install_script_adds_menu_entry_icon_and_command(dist: Path, tmp_path: Path) -> None:
    home = tmp_path / "user"
    home.mkdir()
    env = _user_env(home)
    folder = build.app_path(dist)  # type: ignore[attr-defined]
    proc = _run([str(folder / "install.sh")], env, tmp_path)
    assert proc.returncode == 0, proc.stderr
    share = home / ".local" / "share"
    entry = (share / "applications" / "netdesk.desktop").read_text(encoding="utf-8")
    assert f'Exec="{folder}/NetDesk"' in entry
    assert "Icon=netdesk" in entry
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / "netdesk.png").is_file()
    # the command on PATH is a symlink to the program, which still finds its bundle
    version = _run([str(home / ".local" / "bin" / "netdesk"), "--version"], env, tmp_path)
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith("NetDesk ")

    proc = _run([str(folder / "install.sh"), "--uninstall"], env, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert not (share / "applications" / "netdesk.desktop").exists()
    assert not (home / ".local" / "bin" / "netdesk").exists()
