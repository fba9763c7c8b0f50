"""Many NetDesk commands on one database at once, as scripts run them: short writes wait their
turn; only a writer that holds the lock for longer than the busy timeout gets "locked"; and
commands that create the same new database at the same moment all succeed."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netdesk.storage.db import BUSY_TIMEOUT_MS

pytestmark = pytest.mark.slow

WRITERS = 50


def _netdesk(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "netdesk", "--db", str(db), *args]


def _env(home: Path) -> dict[str, str]:
    return dict(os.environ, NETDESK_HOME=str(home))


def _start_all(commands: list[list[str]], env: dict[str, str]) -> list[tuple[int, str]]:
    """Start every command at once and wait for all: [(exit code, stderr)]."""
    procs = [
        subprocess.Popen(c, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    results = []
    for p in procs:
        _out, err = p.communicate(timeout=600)
        results.append((p.returncode, err))
    return results


def test_fifty_concurrent_log_commands_all_succeed(
    tmp_path: Path, template_db: Path, netdesk_home: Path
) -> None:
    db = tmp_path / "shared.db"
    db.write_bytes(template_db.read_bytes())
    env = _env(netdesk_home)
    added = subprocess.run(
        _netdesk(db, "add", "--json", "-"),
        input='[{"given_name": "Ada", "family_name": "Queue"}]',
        env=env,
        capture_output=True,
        text=True,
    )
    assert added.returncode == 0, added.stderr
    log = ("log", "--contact", "1", "--type", "call", "--date", "2026-11-02", "--summary")
    results = _start_all([_netdesk(db, *log, f"writer {n}") for n in range(WRITERS)], env)
    refused = [err for code, err in results if code != 0]
    assert refused == []
    con = sqlite3.connect(db)
    try:
        summaries = {r[0] for r in con.execute("SELECT summary FROM interactions")}
    finally:
        con.close()
    assert summaries == {f"writer {n}" for n in range(WRITERS)}


_HOLD = """
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
con.execute("ROLLBACK")
"""


def test_a_writer_holding_the_lock_too_long_gets_the_clear_message(
    tmp_path: Path, template_db: Path, netdesk_home: Path
) -> None:
    db = tmp_path / "held.db"
    db.write_bytes(template_db.read_bytes())
    env = _env(netdesk_home)
    hold_s = BUSY_TIMEOUT_MS / 1000 + 6
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(db), str(hold_s)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
        started = time.monotonic()
        proc = subprocess.run(
            _netdesk(db, "add", "--json", "-"),
            input='[{"given_name": "Bea", "family_name": "Blocked"}]',
            env=env,
            capture_output=True,
            text=True,
        )
        waited = time.monotonic() - started
        still_held = holder.poll() is None
    finally:
        holder.kill()
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    assert still_held, "the holder let go before the command gave up: hold longer"
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"netdesk: The database {db} is locked by another program")
    # it waited for its turn (the busy timeout) before giving up, not a moment
    assert waited >= BUSY_TIMEOUT_MS / 1000


_FIRST_OPEN = """
import sys, time
from pathlib import Path
import alembic.command  # loaded before the start line, so that the opens really coincide
from netdesk.compose import build_services
from netdesk.settings import SettingsStore

path, start_at = Path(sys.argv[1]), float(sys.argv[2])
while time.time() < start_at:
    time.sleep(0.001)
services = build_services(path, SettingsStore(path.parent / "config"))
services.contacts.count()
services.close()
"""

FIRST_OPENS = 8
TRIALS = 3


def test_commands_creating_the_same_new_database_at_once_all_succeed(
    tmp_path: Path, netdesk_home: Path
) -> None:
    from netdesk.storage import migrations
    from netdesk.storage.db import inspect_file

    env = _env(netdesk_home)
    for trial in range(TRIALS):
        db = tmp_path / f"trial{trial}" / "new.db"  # neither the folder nor the file exist
        start_at = time.time() + 4  # every process has started and imported by then
        commands = [[sys.executable, "-c", _FIRST_OPEN, str(db), str(start_at)]] * FIRST_OPENS
        failed = [err for code, err in _start_all(commands, env) if code != 0]
        assert failed == [], f"trial {trial}: {len(failed)} of {FIRST_OPENS} failed"
        assert inspect_file(db) == migrations.head_revision()
