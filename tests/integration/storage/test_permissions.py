"""Whatever the umask: every folder NetDesk creates is 0700 and every file it writes 0600; a
database in a folder other users can write to is refused (CLI and window) before anything
reads it, with a message naming the folder and the fix."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def _run(args: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, env=env, input=stdin, capture_output=True, text=True, umask=0, timeout=300
    )


def _netdesk(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "netdesk", "--db", str(db), *args]


_GUI_FILES = """
import logging
from netdesk import paths
from netdesk.settings import SettingsStore
from netdesk.ui.shell.application import setup_logging

setup_logging()
logging.getLogger("netdesk").warning("a line in the log")
store = SettingsStore(paths.config_dir())
store.save_preferences(store.preferences())
store.save_ui_state(store.ui_state())
"""


def test_everything_netdesk_creates_is_private_under_umask_0(tmp_path: Path) -> None:
    home = tmp_path / "user" / "netdesk"  # NETDESK_HOME does not exist yet
    db = tmp_path / "dbs" / "a" / "b" / "netdesk.db"  # nor do the folders for --db
    out = tmp_path / "out"
    out.mkdir()
    env = dict(os.environ, NETDESK_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    person = '[{"given_name": "Uma", "family_name": "Mask", "birthday": "1980-05-06"}]'
    steps = [
        (_netdesk(db, "add", "--json", "-"), person),
        (_netdesk(db, "backup"), ""),
        (_netdesk(db, "export", str(out / "all.vcf")), ""),
        (_netdesk(db, "export-csv", str(out / "all.csv")), ""),
        (_netdesk(db, "export-ics", str(out / "all.ics")), ""),
        ([sys.executable, "-m", "netdesk", "add", "--json", "-"], person),  # the data dir
        ([sys.executable, "-c", _GUI_FILES], ""),  # settings and log, as the window writes them
    ]
    for args, stdin in steps:
        proc = _run(args, env, stdin)
        assert proc.returncode == 0, (args, proc.stderr)

    folders = [p for root in (home.parent, db.parents[2]) for p in (root, *root.rglob("*"))]
    folders = [p for p in folders if p.is_dir()]
    files = [p for p in (*home.parent.rglob("*"), *db.parents[2].rglob("*"), *out.iterdir())]
    files = [p for p in files if p.is_file()]
    names = {p.name for p in files}
    for expected in ("netdesk.db", "preferences.json", "ui-state.json", "netdesk.log"):
        assert expected in names, (expected, sorted(names))
    assert {"all.vcf", "all.csv", "all.ics"} <= names
    assert any(p.parent.name == "backups" for p in files)
    assert {p.name for p in folders} >= {"user", "netdesk", "dbs", "a", "b", "backups"}
    assert {p.name for p in folders} >= {"config", "logs"}
    bad = {
        str(p.relative_to(tmp_path)): oct(stat.S_IMODE(p.stat().st_mode))
        for p in folders
        if stat.S_IMODE(p.stat().st_mode) != 0o700
    } | {
        str(p.relative_to(tmp_path)): oct(stat.S_IMODE(p.stat().st_mode))
        for p in files
        if stat.S_IMODE(p.stat().st_mode) != 0o600
    }
    assert bad == {}


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


@pytest.mark.parametrize("mode", [0o777, 0o775, 0o1777, 0o757])
def test_a_database_in_a_folder_others_can_write_is_refused(
    tmp_path: Path, template_db: Path, netdesk_home: Path, mode: int
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    db = shared / "netdesk.db"
    db.write_bytes(template_db.read_bytes())
    (shared / "netdesk.db-wal").write_bytes(b"planted by someone else" * 100)
    os.chmod(shared, mode)
    before = _digest(shared)
    try:
        proc = _run(_netdesk(db, "list"), dict(os.environ, NETDESK_HOME=str(netdesk_home)))
        after = _digest(shared)
    finally:
        os.chmod(shared, 0o700)
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"netdesk: NetDesk will not open {db}: its folder {shared} ")
    assert "can be written by other users" in proc.stderr
    assert f"chmod go-w '{shared}'" in proc.stderr
    assert after == before  # nothing read the planted file into the database, nothing written


def test_a_private_folder_is_fine(tmp_path: Path, template_db: Path, netdesk_home: Path) -> None:
    own = tmp_path / "own"
    own.mkdir(mode=0o755)  # readable by others is fine; only writing matters
    os.chmod(own, 0o755)
    db = own / "netdesk.db"
    db.write_bytes(template_db.read_bytes())
    proc = _run(_netdesk(db, "list"), dict(os.environ, NETDESK_HOME=str(netdesk_home)))
    assert proc.returncode == 0, proc.stderr


def test_the_window_refuses_it_with_the_same_message(
    qapp: Any,
    tmp_path: Path,
    template_db: Path,
    netdesk_home: Path,
    no_modal_dialogs: list[str],
    request: pytest.FixtureRequest,
) -> None:
    from netdesk.app import open_services
    from netdesk.settings import SettingsStore

    request.node.expects_error_dialog = True
    shared = tmp_path / "shared"
    shared.mkdir()
    db = shared / "netdesk.db"
    db.write_bytes(template_db.read_bytes())
    os.chmod(shared, 0o777)
    try:
        services = open_services(db, SettingsStore(netdesk_home / "config"))
    finally:
        os.chmod(shared, 0o700)
    assert services is None
    assert len(no_modal_dialogs) == 1
    text = no_modal_dialogs[0]
    assert text.startswith("NetDesk cannot open its database: NetDesk will not open")
    assert f"its folder {shared} can be written by other users" in text
    assert f"chmod go-w '{shared}'" in text
