"""Migrations agree with the models; bad databases give clear errors and stay untouched."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from netdesk.core.errors import (
    DatabaseCorruptError,
    DatabaseError,
    DatabaseLockedError,
    DatabaseNewerError,
)
from netdesk.storage import migrations
from netdesk.storage.db import open_database
from netdesk.storage.schema import FTS_TABLES, Base


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    db = open_database(tmp_path / "m.db")

    def include(obj: object, name: str | None, type_: str, *_: object) -> bool:
        return not (type_ == "table" and name and name.startswith(FTS_TABLES))

    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"include_object": include, "compare_type": True}
        )
        diff = compare_metadata(ctx, Base.metadata)
    db.close()
    assert diff == []


def test_new_database_is_migrated_to_head_and_private(tmp_path: Path) -> None:
    path = tmp_path / "new" / "netdesk.db"
    db = open_database(path)
    with db.engine.connect() as conn:
        version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        fk = conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
        journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        fts = conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE name IN ('contacts_fts','interactions_fts')"
        ).scalar()
    db.close()
    assert version == migrations.head_revision()
    assert fk == 1 and journal == "wal" and fts == 2
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_empty_file_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    open_database(path).close()
    con = sqlite3.connect(path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
        migrations.head_revision()
    )
    con.close()


def test_upgrade_from_base_revision_keeps_working(tmp_path: Path) -> None:
    """Every revision applies in order from an empty database (fixture databases of earlier
    releases join this test as the schema grows)."""
    path = tmp_path / "steps.db"
    db = open_database(path, migrate=False)
    for rev in reversed(list(migrations._script().walk_revisions())):
        migrations.upgrade(db.engine, rev.revision)
    db.close()
    assert open_database(path).path == path


def test_corrupt_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.db"
    path.write_bytes(b"this is not a database at all" * 100)
    before = _digest(path)
    with pytest.raises(DatabaseCorruptError, match="not a NetDesk database"):
        open_database(path)
    assert _digest(path) == before
    assert not Path(str(path) + "-wal").exists()


def test_damaged_sqlite_file_is_refused_untouched(tmp_path: Path, template_db: Path) -> None:
    path = tmp_path / "damaged.db"
    data = bytearray(template_db.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wipe the schema page after the header
    path.write_bytes(bytes(data))
    before = _digest(path)
    with pytest.raises(DatabaseError) as info:
        open_database(path)
    assert "damaged" in str(info.value) or "not" in str(info.value)
    assert _digest(path) == before


def test_other_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE songs (id INTEGER)")
    con.commit()
    con.close()
    before = _digest(path)
    with pytest.raises(DatabaseError, match="not a NetDesk one"):
        open_database(path)
    assert _digest(path) == before


def test_newer_schema_is_refused_untouched(tmp_path: Path, template_db: Path) -> None:
    path = tmp_path / "newer.db"
    path.write_bytes(template_db.read_bytes())
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    before = _digest(path)
    with pytest.raises(DatabaseNewerError, match="newer version of NetDesk"):
        open_database(path)
    assert _digest(path) == before


def test_locked_database_gives_a_clear_message(tmp_path: Path, template_db: Path) -> None:
    path = tmp_path / "locked.db"
    path.write_bytes(template_db.read_bytes())
    holder = sqlite3.connect(path, timeout=0)
    holder.execute("PRAGMA journal_mode = DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        from netdesk.storage import db as dbmod

        old = dbmod.BUSY_TIMEOUT_MS
        dbmod.BUSY_TIMEOUT_MS = 100
        try:
            with pytest.raises(DatabaseLockedError, match="locked by another program"):
                opened = open_database(path)
                with opened.unit_of_work() as s:
                    s.connection().exec_driver_sql("SELECT count(*) FROM contacts").scalar()
        finally:
            dbmod.BUSY_TIMEOUT_MS = old
    finally:
        holder.rollback()
        holder.close()


def test_revisions_read_from_files_match_alembic() -> None:
    """The fast path (no Alembic import at start-up) sees the same graph as Alembic."""
    script = migrations._script()
    assert migrations.known_revisions() == {r.revision for r in script.walk_revisions()}
    assert migrations.head_revision() == script.get_current_head()
    for rev in script.walk_revisions():
        assert migrations.revision_graph()[rev.revision] == rev.down_revision


def test_opening_an_up_to_date_database_does_not_import_alembic(template_db: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from netdesk.storage.db import open_database\n"
        f"open_database(Path({str(template_db)!r})).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
