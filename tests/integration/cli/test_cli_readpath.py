"""`netdesk list` and `netdesk due` answer from the ORM-free read path (netdesk.storage.reads)
with exactly the bytes the services path prints, import neither SQLAlchemy nor Qt nor
vobject, and leave a database that needs creating, migrating or refusing to the normal path."""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from netdesk import cli
from netdesk.core.model import Contact, Email, FollowUp, Interaction, Phone
from netdesk.storage.reads import ReadOnlyDatabase

TODAY = date(2026, 11, 22)
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture(scope="module")
def demo_db(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A demo database plus contacts at the edges: accents, phone numbers, control
    characters, a deleted contact, snoozed cadences and follow-ups, a tag default cadence."""
    from netdesk.compose import build_services
    from netdesk.demo.fill import fill_demo
    from netdesk.settings import SettingsStore

    folder = tmp_path_factory.mktemp("readpath")
    folder.chmod(0o700)
    path = folder / "demo.db"
    shutil.copyfile(template_db, path)
    path.chmod(0o600)
    svc = build_services(path, SettingsStore(folder / "config"))
    try:
        svc.set_preferences(replace(svc.preferences, default_region="DE"))
        fill_demo(svc._db, 300, 1500, seed=7, today=TODAY, region="DE")
        c = svc.contacts
        jm, _ = c.create(
            Contact(
                given_name="Jürgen",
                family_name="Müller",
                prefix="Dr.",
                organization="Kessler Logistik GmbH",
                title="Leiter Beschaffung",
                emails=(Email("j.mueller@example.com", "work", True),),
                phones=(Phone("+49 171 9876543", "+491719876543", "mobile"),),
                tags=("hannover-2026", "Messe"),
                cadence_days=30,
            )
        )
        zoe, _ = c.create(Contact(given_name="Zoë", family_name="O'Brien", organization="Ünïcode"))
        evil, _ = c.create(
            Contact(display_name="Evil\x1b[31m Name\u202e", organization="Tab\tCo", title="x")
        )
        gone, _ = c.create(Contact(given_name="Gone", family_name="Müller", cadence_days=14))
        c.delete([gone])
        act = svc.activity
        act.log(Interaction(datetime(2026, 10, 1, 23, 59, 59), "call", "Telefonat", (jm, zoe)))
        act.snooze_cadence(jm, TODAY + timedelta(days=3))
        fid, _ = act.add_follow_up(FollowUp(zoe, TODAY - timedelta(days=10), "send the deck"))
        act.snooze(fid, TODAY + timedelta(days=2))
        act.add_follow_up(FollowUp(evil, TODAY + timedelta(days=1), "call back\nsoon"))
        act.set_tag_cadence("Messe", 7)
        with svc._db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        svc.close()
    yield path


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.run(argv, out, err)
    return code, out.getvalue(), err.getvalue()


def run_read_path(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> tuple[int, str, str]:
    """``argv`` on the read path, failing if anything opens the services."""

    def no_services(self: object) -> object:
        raise AssertionError("the read path opened the services")

    with monkeypatch.context() as m:
        m.setattr(cli.Context, "services", property(no_services))
        return run(argv)


def run_services_path(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> tuple[int, str, str]:
    with monkeypatch.context() as m:
        m.setattr(ReadOnlyDatabase, "open", classmethod(lambda cls, path: None))
        return run(argv)


SEARCHES = [
    "mül",
    "muller",
    "MÜLLER jürgen",
    "0171 9876543",
    "+49 171 987",
    "491719",
    "kessler",
    "zoë",
    "zoe o'brien",
    "ünï",
    "a",
    "e",
    "evil",
    "telefonat",
    "hannover",
    '"',
    "()",
    "nobody-at-all",
]
COMMANDS = (
    [["list"], ["list", "--json"], ["list", "--tag", "messe"], ["list", "--tag", "none-such"]]
    + [["list", "--search", s] for s in SEARCHES]
    + [["list", "--json", "--search", s] for s in ("mül", "0171 9876543", "a")]
    + [["list", "--search", "mül", "--tag", "hannover-2026"]]
    + [
        ["due", *fmt, "--today", day]
        for day in ("2026-11-22", "2026-11-12", "2026-11-25", "2026-12-31", "2027-02-27")
        for fmt in ([], ["--json"])
    ]
)


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: " ".join(a))
def test_read_path_prints_the_bytes_of_the_services_path(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    full = ["--db", str(demo_db), *argv]
    fast = run_read_path(monkeypatch, full)
    slow = run_services_path(monkeypatch, full)
    assert fast == slow
    assert fast[0] == 0


def test_the_comparison_covers_what_it_claims(demo_db: Path) -> None:
    """The demo database holds what the byte comparisons are meant to exercise."""
    _, listed, _ = run(["--db", str(demo_db), "list", "--search", "müller"])
    assert "Jürgen Müller — Leiter Beschaffung, Kessler Logistik GmbH" in listed
    assert "Gone" not in listed  # deleted
    _, phone, _ = run(["--db", str(demo_db), "list", "--search", "0171 9876543"])
    assert "Müller" in phone
    _, evil, _ = run(["--db", str(demo_db), "list", "--search", "evil"])
    assert "\\x1b[31m" in evil and "\x1b" not in evil
    _, due, _ = run(["--db", str(demo_db), "due", "--today", "2026-11-22"])
    lines = due.splitlines()
    assert "2026-11-24  follow-up  Zoë O'Brien  send the deck" in lines  # snoozed to +2
    assert any(line.startswith("2026-11-25  cadence    Dr. Jürgen Müller") for line in lines)
    assert len(lines) > 20


def test_read_path_answers_the_same_contacts_as_the_orm(demo_db: Path) -> None:
    """Every field of every contact, not only those the JSON shape prints."""
    from netdesk.compose import build_services
    from netdesk.settings import SettingsStore

    svc = build_services(demo_db, SettingsStore(demo_db.parent / "config"))
    try:
        ids = svc.contacts.list_ids()
        orm = svc.contacts.get_many(ids)
        orm_due = svc.activity.due(TODAY)
    finally:
        svc.close()
    reads = ReadOnlyDatabase.open(demo_db)
    assert reads is not None
    with reads:
        assert reads.list_ids() == ids
        assert reads.get_many(ids) == orm
        assert reads.get_many([ids[3], 10**9, ids[0]]) == [orm[3], orm[0]]
        assert reads.due(TODAY) == orm_due
    assert len(orm) > 300


def _at_revision(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return str(con.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        con.close()


def test_an_older_database_is_migrated_by_the_normal_path(tmp_path: Path) -> None:
    from netdesk.storage.migrations import head_revision

    db = tmp_path / "old.db"
    shutil.copyfile(FIXTURES / "schema-0004.db", db)
    db.chmod(0o600)
    assert _at_revision(db) != head_revision()
    assert ReadOnlyDatabase.open(db) is None
    code, out, err = run(["--db", str(db), "list"])
    assert code == 0 and out and err.endswith("contacts\n")
    assert _at_revision(db) == head_revision()  # the normal path ran (and migrated)


def test_a_missing_database_is_created_by_the_normal_path(tmp_path: Path) -> None:
    db = tmp_path / "new" / "netdesk.db"
    assert ReadOnlyDatabase.open(db) is None
    assert run(["--db", str(db), "list"]) == (0, "", "0 contacts\n")
    assert db.is_file()
    assert ReadOnlyDatabase.open(db) is not None


def test_a_database_in_a_folder_others_can_write_is_refused_as_before(
    demo_db: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    db = folder / "netdesk.db"
    shutil.copyfile(demo_db, db)
    folder.chmod(0o777)
    try:
        assert ReadOnlyDatabase.open(db) is None
        code, out, err = run(["--db", str(db), "due"])
    finally:
        folder.chmod(0o700)
    assert code == 1 and out == ""
    assert "can be written by other users" in err


def test_a_file_that_is_not_a_database_is_refused_as_before(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("just some text, long enough to have a header of sixteen bytes\n")
    assert ReadOnlyDatabase.open(db) is None
    code, out, err = run(["--db", str(db), "list"])
    assert code == 1 and out == ""
    assert "is not a NetDesk database" in err


def test_an_sqlite_error_on_the_read_path_is_asked_again_of_the_services(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = run_services_path(monkeypatch, ["--db", str(demo_db), "due", "--json"])

    def broken(self: object, today: date) -> object:
        raise sqlite3.OperationalError("database disk image is malformed")

    monkeypatch.setattr(ReadOnlyDatabase, "due", broken)
    assert run(["--db", str(demo_db), "due", "--json"]) == expected


# -------------------------------------------------------------- what a run imports
HEAVY = (
    "sqlalchemy",
    "alembic",
    "PySide6",
    "vobject",
    "phonenumbers",
    "netdesk.services",
    "netdesk.formats",
)


@pytest.mark.parametrize(
    "argv",
    [["list"], ["list", "--search", "mül"], ["due", "--today", "2026-11-22"], ["list", "--json"]],
    ids=lambda a: " ".join(a),
)
def test_read_verbs_import_no_orm_no_qt_no_vobject(demo_db: Path, argv: list[str]) -> None:
    allowed = {"netdesk.formats"} if "--json" in argv else set()  # the JSON shape
    probe = (
        "import sys\n"
        "from netdesk.app import main\n"
        f"code = main({['--db', str(demo_db), *argv]!r})\n"
        "loaded = sorted({m.split('.')[0] if not m.startswith('netdesk.') else "
        "'.'.join(m.split('.')[:2]) for m in sys.modules})\n"
        "sys.stderr.write('LOADED ' + ' '.join(loaded) + '\\n')\n"
        "sys.exit(code)\n"
    )
    env = dict(os.environ)
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    loaded = set(proc.stderr.rsplit("LOADED ", 1)[1].split())
    assert "netdesk.storage" in loaded  # (the probe sees what it should)
    assert not (set(HEAVY) - allowed) & loaded


def test_the_read_path_module_imports_no_sqlalchemy() -> None:
    probe = (
        "import sys\n"
        "import netdesk.storage.reads, netdesk.storage.queries, netdesk.storage.cadence_sql\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sqlalchemy', 'alembic', 'PySide6', 'vobject')))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    assert proc.stdout.strip() == "[]"
