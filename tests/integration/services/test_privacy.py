"""Privacy: the database, its WAL and shared-memory files and its backups are readable by the
owner only, whatever the umask; NetDesk opens no network connection, in the CLI or the GUI."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from netdesk.compose import build_services
from netdesk.core.model import Contact, Email
from netdesk.paths import backups_dir
from netdesk.services import backups as bk
from netdesk.settings import SettingsStore

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_database_wal_shm_and_backups_are_private_even_with_umask_zero(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        path = tmp_path / "data" / "netdesk.db"
        services = build_services(path, SettingsStore(tmp_path / "config"))
        try:
            services.contacts.create(Contact(given_name="Anna", emails=(Email("a@example.com"),)))
            wal = path.with_name("netdesk.db-wal")
            shm = path.with_name("netdesk.db-shm")
            assert wal.exists() and shm.exists()  # the database is open in WAL mode
            assert {p.name: _mode(p) for p in (path, wal, shm)} == {
                "netdesk.db": 0o600,
                "netdesk.db-wal": 0o600,
                "netdesk.db-shm": 0o600,
            }
            auto = bk.automatic_backup(path)
            manual = bk.make_backup(path)
            assert auto is not None
            assert _mode(auto.path) == 0o600 and _mode(manual.path) == 0o600
            assert _mode(backups_dir(path)) == 0o700
            result = bk.restore_backup(path, manual.path, close=services._db.close)
            assert result.safety_backup is not None and _mode(result.safety_backup) == 0o600
            services.contacts.count()  # reopened
            assert {_mode(p) for p in (path, wal, shm) if p.exists()} == {0o600}
        finally:
            services.close()
    finally:
        os.umask(old)


@posix_only
def test_log_files_are_private_even_with_umask_zero(netdesk_home: Path) -> None:
    import logging

    from netdesk.paths import log_dir
    from netdesk.ui.shell.application import PrivateRotatingFileHandler, setup_logging

    logger = logging.getLogger("netdesk")
    saved = logger.handlers[:]
    logger.handlers.clear()
    old = os.umask(0)
    try:
        setup_logging()
        (handler,) = logger.handlers
        assert isinstance(handler, PrivateRotatingFileHandler)
        logger.warning("restored a backup of Anna Berg's database")
        handler.doRollover()  # the new file after a rotation is private too
        logger.warning("after the rotation")
        handler.close()
        files = sorted(log_dir().iterdir())
        assert [f.name for f in files] == ["netdesk.log", "netdesk.log.1"]
        assert {_mode(f) for f in files} == {0o600}
        assert _mode(log_dir()) == 0o700
        assert "after the rotation" in (log_dir() / "netdesk.log").read_text()
    finally:
        os.umask(old)
        logger.handlers[:] = saved


NO_NETWORK = textwrap.dedent(
    """
    import json, socket, sys

    seen = []
    NETWORK = {"socket.connect", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo",
               "socket.gethostbyname", "socket.gethostbyaddr", "urllib.Request",
               "http.client.connect", "ftplib.connect", "smtplib.connect"}

    def hook(event, args):
        if event not in NETWORK:
            return
        if event == "socket.connect" and args[0].family == getattr(socket, "AF_UNIX", None):
            return  # a local socket (the single-instance channel), not the network
        seen.append(f"{event} {args[1:]!r}")
        raise OSError(f"NetDesk tried to reach the network: {event}")

    sys.addaudithook(hook)

    import importlib, pkgutil
    import netdesk
    for info in pkgutil.walk_packages(netdesk.__path__, "netdesk."):
        if ".migrations." in info.name or info.name.endswith("__main__"):
            continue  # alembic's env script runs only inside a migration
        importlib.import_module(info.name)

    from netdesk import cli
    db, work = sys.argv[1], sys.argv[2]

    def verb(*args):
        code = cli.run(["--db", db, *args])
        assert code == 0, (args, code)

    verb("demo", "--contacts", "30")
    verb("list", "--json")
    verb("backup", work + "/b.db")
    verb("export-csv", work + "/c.csv")
    verb("restore", work + "/b.db", "--yes")
    if "import" in cli.VERBS and "export" in cli.VERBS:
        verb("export", work + "/all.vcf")
        verb("import", work + "/all.vcf")

    # the GUI: start, show the window (daily backup on the worker), quit
    from PySide6.QtCore import QTimer
    from netdesk.ui.shell.application import create_application
    app = create_application()
    QTimer.singleShot(1500, app.quit)
    from netdesk.app import main
    code = main(["--db", db])
    print(json.dumps({"gui_exit": code, "network": seen}))
    """
)


def test_no_network_connection_from_imports_cli_and_gui(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "NETDESK_HOME": str(tmp_path / "home"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    script = tmp_path / "no_network.py"
    script.write_text(NO_NETWORK, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "netdesk.db"), str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"gui_exit": 0, "network": []}
    # the GUI start made today's automatic backup
    assert any(b.automatic for b in bk.list_backups(tmp_path / "netdesk.db"))
