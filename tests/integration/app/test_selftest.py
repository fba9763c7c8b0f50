"""`netdesk --selftest` and the start-up report, run from source."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

STEPS = ("environment", "migrate", "contact", "vcard import", "vcard export", "vcard workers")


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netdesk", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _clean_env(home: Path) -> dict[str, str]:
    """NETDESK_HOME unset and HOME pointed at ``home``: the per-user dirs fall under it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NETDESK_", "XDG_"))}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8")
    return env


def test_selftest_from_source_passes_every_step(tmp_path: Path) -> None:
    home = tmp_path / "user"
    home.mkdir()
    proc = _run(["--selftest"], _clean_env(home), tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    for step in (*STEPS, "window", "qt binding"):
        assert any(line.startswith(f"selftest: {step} ") for line in lines), (step, lines)
    assert lines[-1].startswith("selftest: ok")
    assert "from source" in proc.stdout
    assert "offscreen platform" in proc.stdout
    # it names the per-user data dir it would use, and writes nothing there (or anywhere in
    # the user's home)
    assert f"user data dir {home.resolve() / '.local' / 'share' / 'NetDesk'}" in proc.stdout
    assert list(home.iterdir()) == []


def test_selftest_reports_a_failed_check_with_exit_code_1(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from netdesk import selftest
    from netdesk.storage import migrations

    monkeypatch.setattr(migrations, "head_revision", lambda: "9999_from_the_future")
    out, err = io.StringIO(), io.StringIO()
    assert selftest.run_selftest(out, err) == 1
    assert "selftest: ok" not in out.getvalue()
    assert err.getvalue().startswith("selftest: FAILED in step 'migrate': database at revision")
    assert "expected 9999_from_the_future" in err.getvalue()


def test_selftest_reports_an_unexpected_error_with_its_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from netdesk import compose, selftest

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(compose, "build_services", broken)
    out, err = io.StringIO(), io.StringIO()
    assert selftest.run_selftest(out, err) == 1
    first, *rest = err.getvalue().splitlines()
    assert first == "selftest: FAILED in step 'migrate': RuntimeError: disk on fire"
    assert any("Traceback" in line for line in rest)


def test_selftest_leaves_no_temporary_folder_behind(tmp_path: Path) -> None:
    env = _clean_env(tmp_path)
    env["TMPDIR"] = str(tmp_path / "tmp")
    (tmp_path / "tmp").mkdir()
    proc = _run(["--selftest"], env, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert list((tmp_path / "tmp").iterdir()) == []


def test_startup_report_prints_the_time_to_the_first_window_and_quits(
    tmp_path: Path, netdesk_home: Path
) -> None:
    env = dict(os.environ, NETDESK_REPORT_STARTUP="1", QT_QPA_PLATFORM="offscreen")
    launched = time.time()
    proc = _run([], env, tmp_path)
    assert proc.returncode == 0, proc.stderr
    times = {}
    for label in ("first window painted", "ready"):
        match = re.search(
            rf"startup: {label} at ([0-9.]+) \(([0-9.]+) s after process start, "
            r"([0-9.]+) s CPU\)",
            proc.stdout,
        )
        assert match, proc.stdout
        painted, since_start, cpu = (float(g) for g in match.groups())
        assert launched < painted < time.time()
        assert 0 < since_start <= painted - launched + 0.05  # the clock tick is 10 ms
        assert cpu > 0
        times[label] = painted
    # the opening window paints first; the views over the database after it
    assert times["first window painted"] < times["ready"]
    assert (netdesk_home / "netdesk.db").exists()  # it really opened the database


_OPENING_WINDOW = """
import sys
from netdesk import paths
from netdesk.settings import SettingsStore
from netdesk.ui.shell.application import create_application, show_opening_window

app = create_application()
window = show_opening_window(app, SettingsStore(paths.config_dir()))
heavy = sorted(m for m in ("sqlalchemy", "alembic", "vobject", "phonenumbers") if m in sys.modules)
print("visible" if window.isVisible() else "hidden", "imported:", ",".join(heavy) or "none")
"""


def test_the_opening_window_shows_before_the_database_layer_is_imported(
    tmp_path: Path, netdesk_home: Path
) -> None:
    """The fast first window depends on this: nothing behind storage is loaded until the
    window is on screen (an import added at the top of a UI module would undo it)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-c", _OPENING_WINDOW],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["visible", "imported:", "none"]
