"""Backups (verified, private, rotated), restore (backs up first, refuses bad backups, moves a
damaged database aside), the backup/restore CLI, and the upgrade of every fixture database."""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import stat
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from netdesk.cli import run
from netdesk.compose import Services, build_services
from netdesk.core.errors import DatabaseCorruptError, DatabaseError, DatabaseNewerError
from netdesk.core.model import Contact, Email
from netdesk.paths import backups_dir
from netdesk.services import backups as bk
from netdesk.settings import SettingsStore
from netdesk.storage import migrations
from netdesk.storage.db import open_database

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _count(path: Path) -> int:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(con.execute("SELECT count(*) FROM contacts").fetchone()[0])
    finally:
        con.close()


def _add(services: Services, name: str) -> int:
    cid, _ = services.contacts.create(
        Contact(given_name=name, emails=(Email(f"{name.lower()}@example.com"),))
    )
    return cid


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# ------------------------------------------------------------------- backups
def test_backup_is_a_verified_private_copy_made_while_the_database_is_open(
    services: Services, db_path: Path
) -> None:
    _add(services, "Anna")
    # a write transaction left open by another connection must not leak into the backup
    holder = sqlite3.connect(db_path, timeout=5)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE contacts SET given_name = 'half-written' WHERE given_name = 'Anna'")
    try:
        info = bk.make_backup(db_path, now=datetime(2026, 3, 1, 9, 30))
    finally:
        holder.rollback()
        holder.close()
    assert info.path.parent == backups_dir(db_path)
    assert info.path.name == "netdesk-2026-03-01_093000-manual.db"
    assert bk.verify_backup(info.path).contacts == 1
    con = sqlite3.connect(info.path)
    assert con.execute("SELECT given_name FROM contacts").fetchall() == [("Anna",)]
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()
    assert not list(backups_dir(db_path).glob("*.partial"))
    if os.name == "posix":
        assert _mode(info.path) == 0o600
        assert _mode(backups_dir(db_path)) == 0o700
    assert [b.path for b in bk.list_backups(db_path)] == [info.path]


def test_a_damaged_database_gives_no_backup(tmp_path: Path, template_db: Path) -> None:
    path = tmp_path / "netdesk.db"
    data = bytearray(template_db.read_bytes())
    data[4096 * 3 : 4096 * 3 + 2000] = os.urandom(2000)  # garble a table page
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    with pytest.raises(DatabaseCorruptError, match="damaged"):
        bk.make_backup(path)
    assert path.read_bytes() == before
    assert bk.list_backups(path) == []
    assert not list(backups_dir(path).glob("*"))


def test_backups_of_two_databases_in_one_folder_stay_apart(tmp_path: Path) -> None:
    for name in ("netdesk.db", "demo.db"):
        open_database(tmp_path / name).close()
        bk.make_backup(tmp_path / name)
    assert [b.path.name.split("-")[0] for b in bk.list_backups(tmp_path / "demo.db")] == ["demo"]
    assert len(bk.list_backups(tmp_path / "netdesk.db")) == 1


def test_automatic_backup_at_most_once_a_day_and_rotated(db_path: Path) -> None:
    start = datetime(2025, 1, 1, 8, 0)
    # a year of launches: every tenth day at first, then every day for three weeks
    days = [*range(0, 380, 10), *range(380, 400)]
    for day in days:
        now = start + timedelta(days=day)
        assert bk.automatic_backup(db_path, now=now) is not None
        assert bk.automatic_backup(db_path, now=now + timedelta(hours=3)) is None
    kept = sorted(b.created.date() for b in bk.list_backups(db_path))
    assert all(b.automatic for b in bk.list_backups(db_path))
    made = [(start + timedelta(days=d)).date() for d in days]
    last = made[-1]
    # the newest 7 days are all there
    assert kept[-7:] == [last - timedelta(days=n) for n in range(6, -1, -1)]
    # four ISO weeks and twelve months are covered, each by its newest backup
    assert len({d.isocalendar()[:2] for d in kept}) >= 4
    months = {(d.year, d.month) for d in kept}
    assert len(months) == 12
    for month in months:
        assert max(d for d in made if (d.year, d.month) == month) in kept
    assert len(kept) <= 7 + 4 + 12
    assert kept[0] >= last - timedelta(days=366)


def test_rotation_keeps_other_kinds_apart_ten_each(db_path: Path) -> None:
    start = datetime(2026, 1, 1, 8, 0)
    for n in range(12):
        bk.make_backup(db_path, bk.MANUAL, now=start + timedelta(minutes=n))
        bk.make_backup(db_path, bk.BEFORE_RESTORE, now=start + timedelta(minutes=n, seconds=1))
    bk.automatic_backup(db_path, now=start)
    kinds = [b.kind for b in bk.list_backups(db_path)]
    assert kinds.count(bk.MANUAL) == 10
    assert kinds.count(bk.BEFORE_RESTORE) == 10
    assert kinds.count(bk.AUTO) == 1
    newest_manual = next(b for b in bk.list_backups(db_path) if b.kind == bk.MANUAL)
    assert newest_manual.created == start + timedelta(minutes=11)


def test_rotation_keeps_helper_on_a_synthetic_history(tmp_path: Path) -> None:
    day0 = datetime(2026, 6, 30, 12, 0)
    infos = [
        bk.BackupInfo(tmp_path / f"b{n}.db", day0 - timedelta(days=n), bk.AUTO, 1)
        for n in range(0, 120, 2)  # every other day for four months
    ]
    keep = bk.rotation_keeps(infos)
    kept = sorted((b.created for b in infos if b.path in keep), reverse=True)
    assert kept[:7] == [day0 - timedelta(days=n) for n in range(0, 14, 2)]
    assert {(d.year, d.month) for d in kept} == {(2026, m) for m in (3, 4, 5, 6)}


# ----------------------------------------------------------------- verifying
def test_verify_refuses_damaged_foreign_and_newer_backups(
    tmp_path: Path, template_db: Path
) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"nope" * 1000)
    with pytest.raises(DatabaseCorruptError):
        bk.verify_backup(junk)
    damaged = tmp_path / "damaged.db"
    data = bytearray(template_db.read_bytes())
    data[4096 * 3 : 4096 * 3 + 2000] = os.urandom(2000)
    damaged.write_bytes(bytes(data))
    with pytest.raises(DatabaseCorruptError):
        bk.verify_backup(damaged)
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE songs (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="not a NetDesk backup"):
        bk.verify_backup(other)
    newer = tmp_path / "newer.db"
    shutil.copyfile(template_db, newer)
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    with pytest.raises(DatabaseNewerError):
        bk.verify_backup(newer)
    assert bk.verify_backup(template_db).revision == migrations.head_revision()


# ----------------------------------------------------------------- restoring
def test_restore_backs_up_first_and_replaces_the_data(services: Services, db_path: Path) -> None:
    _add(services, "Anna")
    good = bk.make_backup(db_path)
    _add(services, "Bert")
    closed: list[bool] = []

    def close() -> None:
        closed.append(True)
        services._db.close()

    result = bk.restore_backup(db_path, good.path, close=close)
    assert closed == [True]
    assert result.restored.contacts == 1
    assert result.safety_backup is not None and _count(result.safety_backup) == 2
    assert result.moved_aside is None
    # the same services keep working on the restored file (the engine reconnects)
    assert [
        s.display_name for s in services.contacts.summaries(services.contacts.list_ids()).values()
    ] == ["Anna"]
    _add(services, "Carla")
    assert services.contacts.count() == 2
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()
    if os.name == "posix":
        for p in (db_path, result.safety_backup):
            assert _mode(p) == 0o600


def test_restore_refuses_a_bad_backup_and_changes_nothing(
    services: Services, db_path: Path, tmp_path: Path
) -> None:
    _add(services, "Anna")
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    with pytest.raises(DatabaseError):
        bk.restore_backup(db_path, bad, close=services._db.close)
    assert services.contacts.count() == 1
    assert bk.list_backups(db_path) == []  # nothing happened, not even the safety backup


def test_restore_over_a_damaged_database_moves_it_aside(tmp_path: Path, template_db: Path) -> None:
    good = tmp_path / "good.db"
    shutil.copyfile(template_db, good)
    path = tmp_path / "data" / "netdesk.db"
    path.parent.mkdir()
    damaged = b"definitely not SQLite " * 500
    path.write_bytes(damaged)
    path.with_name("netdesk.db-wal").write_bytes(b"stale wal")
    with pytest.raises(DatabaseCorruptError):
        open_database(path)
    result = bk.restore_backup(path, good)
    assert result.safety_backup is None
    assert result.moved_aside is not None
    assert (result.moved_aside / "netdesk.db").read_bytes() == damaged  # never deleted
    assert (result.moved_aside / "netdesk.db-wal").read_bytes() == b"stale wal"
    assert not path.with_name("netdesk.db-wal").exists() or (
        path.with_name("netdesk.db-wal").read_bytes() != b"stale wal"
    )
    open_database(path).close()
    assert _count(path) == 0
    if os.name == "posix":
        assert _mode(path) == 0o600


# ----------------------------------------------------------------------- CLI
def _cli(
    *args: str, stdin: str | None = None, monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    out, err = io.StringIO(), io.StringIO()
    code = run(list(args), out, err)
    return code, out.getvalue(), err.getvalue()


def test_cli_backup_and_restore(
    services: Services, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(services, "Anna")
    services.close()
    code, out, err = _cli("--db", str(db_path), "backup", monkeypatch=monkeypatch)
    assert code == 0, err
    first = Path(out.strip())
    assert first.parent == backups_dir(db_path) and first.name.endswith("-manual.db")
    explicit = tmp_path / "mine.db"
    code, out, err = _cli("--db", str(db_path), "backup", str(explicit), monkeypatch=monkeypatch)
    assert code == 0 and explicit.is_file() and "integrity check passed" in err
    code, _out, err = _cli("--db", str(db_path), "backup", str(explicit), monkeypatch=monkeypatch)
    assert code == 1 and "already exists" in err

    code, _, err = _cli(
        "--db",
        str(db_path),
        "add",
        "--json",
        "-",
        stdin='{"given_name": "Bert"}',
        monkeypatch=monkeypatch,
    )
    assert code == 0, err
    assert _count(db_path) == 2
    # no answer on stdin: refused, nothing changed
    code, _, err = _cli(
        "--db", str(db_path), "restore", str(explicit), stdin="", monkeypatch=monkeypatch
    )
    assert code == 1 and "--yes" in err and "Traceback" not in err
    assert _count(db_path) == 2
    code, _, err = _cli(
        "--db", str(db_path), "restore", str(explicit), stdin="n\n", monkeypatch=monkeypatch
    )
    assert code == 1 and "nothing was restored" in err
    assert _count(db_path) == 2
    code, _, err = _cli(
        "--db", str(db_path), "restore", str(explicit), stdin="y\n", monkeypatch=monkeypatch
    )
    assert code == 0, err
    assert "[y/N]" in err and "backed up to" in err
    assert _count(db_path) == 1
    # --yes skips the question; a name in the backups folder is found there
    code, _, err = _cli(
        "--db", str(db_path), "restore", first.name, "--yes", stdin="", monkeypatch=monkeypatch
    )
    assert code == 0, err
    assert _count(db_path) == 1
    code, out, _ = _cli("--db", str(db_path), "list", "--json", monkeypatch=monkeypatch)
    assert [c["given_name"] for c in json.loads(out)] == ["Anna"]
    kinds = {b.kind for b in bk.list_backups(db_path)}
    assert {bk.MANUAL, bk.BEFORE_RESTORE} <= kinds


def test_cli_restore_errors_are_plain_sentences(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = _cli(
        "--db",
        str(db_path),
        "restore",
        str(tmp_path / "missing.db"),
        "--yes",
        monkeypatch=monkeypatch,
    )
    assert code == 1 and "no backup" in err and "Traceback" not in err
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"x" * 100)
    code, _, err = _cli(
        "--db", str(db_path), "restore", str(junk), "--yes", monkeypatch=monkeypatch
    )
    assert code == 1 and "not a NetDesk backup" in err
    code, _, err = _cli("--db", str(tmp_path / "none.db"), "backup", monkeypatch=monkeypatch)
    assert code == 1 and "no database" in err


# -------------------------------------------------------------- migrations
def test_open_database_backs_up_before_it_migrates(
    tmp_path: Path, template_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """open_database takes a backup (through the hook Services passes) before any upgrade
    step runs: simulated with a pretend newer head, as there is only one revision so far."""
    path = tmp_path / "old.db"
    shutil.copyfile(template_db, path)
    events: list[str] = []

    def fake_upgrade(engine: object, revision: str = "head") -> None:
        backups = bk.list_backups(path)
        events.append(f"upgrade with {len(backups)} backup(s) of kind {backups[0].kind}")

    monkeypatch.setattr(migrations, "head_revision", lambda: "9999_next")
    monkeypatch.setattr(migrations, "upgrade", fake_upgrade)
    open_database(path, before_migrate=bk.backup_before_migration).close()
    current = migrations.known_revisions()
    assert len(current) >= 1
    assert events == [f"upgrade with 1 backup(s) of kind before-upgrade-{_revision(path)}"]


def _revision(path: Path) -> str:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return str(con.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        con.close()


FIXTURE_DBS = sorted(FIXTURES.glob("schema-*.db"))


def test_there_is_a_fixture_database_for_every_revision() -> None:
    have = {p.stem.removeprefix("schema-") for p in FIXTURE_DBS}
    assert have == set(migrations.known_revisions()), (
        "add the fixture of the new revision: uv run python tests/fixtures/make_fixtures.py"
    )


@pytest.mark.parametrize("fixture", FIXTURE_DBS, ids=lambda p: p.stem)
def test_every_fixture_database_upgrades_with_a_backup(fixture: Path, tmp_path: Path) -> None:
    from netdesk.formats.jsonshape import contact_to_json

    revision = fixture.stem.removeprefix("schema-")
    expected = json.loads(fixture.with_suffix(".json").read_text(encoding="utf-8"))
    path = tmp_path / "netdesk.db"
    shutil.copyfile(fixture, path)
    assert _revision(path) == revision
    services = build_services(path, SettingsStore(tmp_path / "config"))
    try:
        assert _revision(path) == migrations.head_revision()
        upgrades = [b for b in bk.list_backups(path) if b.group == bk.BEFORE_UPGRADE]
        if revision != migrations.head_revision():
            assert [b.kind for b in upgrades] == [f"before-upgrade-{revision}"]
            assert _revision(upgrades[0].path) == revision
        else:
            assert upgrades == []
        ids = services.contacts.list_ids()
        got = [
            {
                k: v
                for k, v in contact_to_json(c).items()
                if k not in ("last_contacted", "next_touch")
            }
            for c in services.contacts.get_many(ids)
        ]
        assert got == expected["contacts"]
        for cid in ids:
            assert services.activity.interaction_count(cid) == expected["interactions"][str(cid)]
            assert (
                len(services.activity.open_follow_ups(cid))
                == (expected["open_follow_ups"][str(cid)])
            )
        assert services.contacts.list_ids("muller") != []
        # and it takes new writes
        _add(services, "Newcomer")
        assert services.contacts.count() == len(ids) + 1
    finally:
        services.close()
