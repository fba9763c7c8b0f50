"""kill -9 at random moments: the database always passes integrity_check and holds only whole
contacts (never one without its emails, phones, tags or search row; never an interaction
without its participants), and every command's batch is all or nothing.

A CLI subprocess writes a batch (``add --json``, ``demo``, ``restore``, and ``import`` once
that verb exists) and is killed with SIGKILL either after a random delay or the moment its
write-ahead log starts to change (the commit being written). After every kill the file is
checked; at the end NetDesk opens it again and writes to it.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from netdesk import cli

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX"),
]

ADD_BATCH = 100
DEMO_BATCH = 100  # contacts; the demo adds 10 interactions and 1 follow-up per 10 contacts
IMPORT_BATCH = 100
KILLS = 30
SEED = 20261122


def _add_json(path: Path, run: int) -> None:
    items = [
        {
            "given_name": f"Kill{run}x{i}",
            "family_name": "Batch",
            "organization": "Atomic GmbH",
            "emails": [
                {"value": f"k{run}.{i}@example.com", "label": "work"},
                {"value": f"k{run}.{i}@example.org", "label": "home"},
            ],
            "phones": [{"value": f"+49 170 {run:03d}{i:04d}", "label": "mobile"}],
            "tags": ["killtest"],
            "notes": "Whole or not at all. " * 10,
        }
        for i in range(ADD_BATCH)
    ]
    path.write_text(json.dumps(items), encoding="utf-8")


def _vcf(path: Path, run: int) -> None:
    cards = [
        "BEGIN:VCARD\r\nVERSION:3.0\r\n"
        f"N:Batch;Vcard{run}x{i};;;\r\nFN:Vcard{run}x{i} Batch\r\n"
        f"EMAIL;TYPE=WORK:v{run}.{i}@example.com\r\nEMAIL;TYPE=HOME:v{run}.{i}@example.org\r\n"
        f"TEL;TYPE=CELL:+49 172 {run:03d}{i:04d}\r\nORG:Atomic GmbH\r\nEND:VCARD\r\n"
        for i in range(IMPORT_BATCH)
    ]
    path.write_text("".join(cards), encoding="utf-8")


def _netdesk(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "netdesk", "--db", str(db), *args]


def _snapshot(wal: Path) -> tuple[int, int] | None:
    try:
        st = wal.stat()
    except FileNotFoundError:
        return None
    return st.st_size, st.st_mtime_ns


def _has_open_db(pid: int, folder: Path) -> bool:
    """Whether process ``pid`` has a database file under ``folder`` open (Linux /proc)."""
    fd_dir = Path(f"/proc/{pid}/fd")
    try:
        links = [os.readlink(fd_dir / fd) for fd in os.listdir(fd_dir)]
    except OSError:
        return False
    return any(link.startswith(str(folder)) and ".db" in link for link in links)


def _run(
    cmd: list[str],
    env: dict[str, str],
    folder: Path,
    *,
    delay: float | None = None,
    on_wal: Path | None = None,
) -> tuple[bool, float]:
    """Run ``cmd``; once it has opened a database file (after Python start-up and imports),
    SIGKILL it ``delay`` seconds later, or as soon as ``on_wal`` changes (the commit being
    written); with neither it runs to its end. Returns (was it still running when killed,
    seconds from opening the database to the end or the kill)."""
    proc = subprocess.Popen(
        cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        watch = Path("/proc").is_dir()
        while watch and proc.poll() is None and not _has_open_db(proc.pid, folder):
            time.sleep(0.001)
        opened = time.monotonic()
        if on_wal is not None:
            before = _snapshot(on_wal)
            while proc.poll() is None and _snapshot(on_wal) == before:
                time.sleep(0.0005)
        else:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=delay)
        alive = proc.poll() is None
        if alive:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        elapsed = time.monotonic() - opened
        if not alive:
            err = proc.stderr.read().decode() if proc.stderr else ""
            assert proc.returncode == 0, f"{cmd[4:]} failed on its own: {err}"
        return alive, elapsed
    finally:
        if proc.poll() is None:  # pragma: no cover - only if an assertion fired above
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()


def _state(db: Path) -> dict[str, int]:
    """Check the invariants on the file as the next program would find it; return counts."""
    con = sqlite3.connect(db, timeout=30)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        con.execute("INSERT INTO contacts_fts(contacts_fts) VALUES ('integrity-check')")
        con.execute("INSERT INTO interactions_fts(interactions_fts) VALUES ('integrity-check')")

        def one(sql: str) -> int:
            return int(con.execute(sql).fetchone()[0])

        # every contact from a batch is whole: its two emails, its phone, its tag, its search row
        broken = one(
            "SELECT count(*) FROM contacts c WHERE (c.given_name LIKE 'Kill%' "
            "OR c.given_name LIKE 'Vcard%') AND ("
            "(SELECT count(*) FROM emails e WHERE e.contact_id = c.id) != 2 OR "
            "(SELECT count(*) FROM phones p WHERE p.contact_id = c.id) != 1 OR "
            "NOT EXISTS (SELECT 1 FROM contacts_fts f WHERE f.rowid = c.id))"
        )
        assert broken == 0, f"{broken} contacts were stored without all their parts"
        untagged = one(
            "SELECT count(*) FROM contacts c WHERE c.given_name LIKE 'Kill%' AND NOT EXISTS "
            "(SELECT 1 FROM contact_tags t WHERE t.contact_id = c.id)"
        )
        assert untagged == 0
        # every contact has its search row; every interaction its participants and search row
        assert (
            one(
                "SELECT count(*) FROM contacts c WHERE NOT EXISTS "
                "(SELECT 1 FROM contacts_fts f WHERE f.rowid = c.id)"
            )
            == 0
        )
        assert (
            one(
                "SELECT count(*) FROM interactions i WHERE NOT EXISTS "
                "(SELECT 1 FROM interaction_contacts p WHERE p.interaction_id = i.id)"
            )
            == 0
        )
        state = {
            "added": one("SELECT count(*) FROM contacts WHERE given_name LIKE 'Kill%'"),
            "imported": one("SELECT count(*) FROM contacts WHERE given_name LIKE 'Vcard%'"),
            "demo": one(
                "SELECT count(*) FROM contacts WHERE given_name NOT LIKE 'Kill%' "
                "AND given_name NOT LIKE 'Vcard%'"
            ),
            "interactions": one("SELECT count(*) FROM interactions"),
            "follow_ups": one("SELECT count(*) FROM follow_ups"),
        }
    finally:
        con.close()
    # all or nothing: only whole batches
    assert state["added"] % ADD_BATCH == 0, state
    assert state["demo"] % DEMO_BATCH == 0, state
    assert state["interactions"] == state["demo"] * 10, state
    assert state["follow_ups"] == state["demo"] // 10, state
    return state


def test_kill_minus_nine_never_leaves_a_partial_batch(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    db = tmp_path / "killed.db"
    wal = db.with_name(db.name + "-wal")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    has_import = "import" in cli.VERBS

    # a baseline: one full run of each command, to know how long its work takes
    work: dict[str, float] = {}
    subprocess.run(_netdesk(db, "list"), env=env, check=True, capture_output=True)
    _add_json(tmp_path / "add-0.json", 0)
    first_add = _netdesk(db, "add", "--json", str(tmp_path / "add-0.json"))
    work["add"] = _run(first_add, env, tmp_path)[1]
    backups = {"add": tmp_path / "after-add.db", "demo": tmp_path / "after-demo.db"}
    subprocess.run(
        _netdesk(db, "backup", str(backups["add"])), env=env, check=True, capture_output=True
    )
    work["demo"] = _run(
        _netdesk(db, "demo", "--contacts", str(DEMO_BATCH), "--seed", "1"), env, tmp_path
    )[1]
    subprocess.run(
        _netdesk(db, "backup", str(backups["demo"])), env=env, check=True, capture_output=True
    )
    backup_states = {path: _state(path) for path in backups.values()}
    work["restore"] = _run(_netdesk(db, "restore", str(backups["add"]), "--yes"), env, tmp_path)[1]
    if has_import:
        _vcf(tmp_path / "import-0.vcf", 0)
        work["import"] = _run(
            _netdesk(db, "import", str(tmp_path / "import-0.vcf")), env, tmp_path
        )[1]
    state = _state(db)

    kinds = ["add", "demo", "restore"] + (["import"] if has_import else [])
    outcomes: Counter[str] = Counter()
    target = db
    for run in range(1, KILLS + 1):
        kind = kinds[run % len(kinds)]
        on_wal = run % 2 == 0 and kind != "restore"
        if kind == "add":
            _add_json(tmp_path / f"add-{run}.json", run)
            cmd = _netdesk(db, "add", "--json", str(tmp_path / f"add-{run}.json"))
        elif kind == "demo":
            cmd = _netdesk(db, "demo", "--contacts", str(DEMO_BATCH), "--seed", str(run))
        elif kind == "import":
            _vcf(tmp_path / f"import-{run}.vcf", run)
            cmd = _netdesk(db, "import", str(tmp_path / f"import-{run}.vcf"))
        else:
            target = next(p for p, st in backup_states.items() if st != state)
            cmd = _netdesk(db, "restore", str(target), "--yes")
        was_running, _ = _run(
            cmd,
            env,
            tmp_path,
            delay=rng.uniform(0, work[kind]),
            on_wal=wal if on_wal else None,
        )
        after = _state(db)
        if kind == "restore":
            assert after in (state, backup_states[target]), (after, state, target)
            committed = after != state
        else:
            key = {"add": "added", "demo": "demo", "import": "imported"}[kind]
            grown = after[key] - state[key]
            batch = {"add": ADD_BATCH, "demo": DEMO_BATCH, "import": IMPORT_BATCH}[kind]
            assert grown in (0, batch), (kind, state, after)
            committed = grown > 0
        outcomes[
            f"{kind}:{'killed' if was_running else 'finished'}:"
            f"{'committed' if committed else 'rolled back'}"
        ] += 1
        state = after

    # NetDesk opens what is left and keeps working
    from netdesk.compose import build_services
    from netdesk.settings import SettingsStore

    services = build_services(db, SettingsStore(tmp_path / "config"))
    try:
        before = services.contacts.count()
        from netdesk.core.model import Contact, Email

        services.contacts.create(Contact(given_name="After", emails=(Email("a@example.com"),)))
        assert services.contacts.count() == before + 1
        assert services.contacts.list_ids("Atomic") != [] or state["added"] == 0
    finally:
        services.close()

    killed = sum(n for key, n in outcomes.items() if ":killed:" in key)
    report = ", ".join(f"{k}={v}" for k, v in sorted(outcomes.items()))
    print(f"\nkill test: {KILLS} runs, {killed} killed mid-run; {report}; work {work}")
    # most kills must land while the command runs, or the test proves little
    assert killed >= KILLS * 2 // 3, f"{report}; work {work}"
    assert any(":killed:rolled back" in k for k in outcomes), report
