"""The project's own checks, run by the test suite so that CI enforces them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    path = BIN / name
    if path.exists():
        return str(path)
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed in the test environment (uv sync installs it)")
    return found


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_lint() -> None:
    result = _run(_tool("ruff"), "check", "netdesk", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = _run(_tool("ruff"), "format", "--check", "netdesk", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_on_the_layers_below_ui() -> None:
    result = _run(_tool("mypy"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_contracts() -> None:
    """The layer rules of ARCHITECTURE.md, as import-linter contracts in pyproject.toml."""
    result = _run(_tool("lint-imports"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_no_module_does_work_at_import_time() -> None:
    """Importing every module opens no database, creates no QApplication, touches no file."""
    code = (
        "import pkgutil, importlib, netdesk, sys\n"
        "for m in pkgutil.walk_packages(netdesk.__path__, 'netdesk.'):\n"
        "    if '.migrations.versions' in m.name or m.name.endswith('migrations.env') or "
        "m.name.endswith('__main__'):\n"
        "        continue\n"
        "    importlib.import_module(m.name)\n"
        "from PySide6.QtWidgets import QApplication\n"
        "assert QApplication.instance() is None\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={
            "NETDESK_HOME": "/nonexistent/netdesk-home",
            "PATH": "",
            "QT_QPA_PLATFORM": "offscreen",
        },
    )
    assert result.returncode == 0, result.stderr
    assert not Path("/nonexistent/netdesk-home").exists()
