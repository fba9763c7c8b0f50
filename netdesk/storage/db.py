"""Opening a NetDesk database safely: checks before any write, pragmas, migrations, units of work.

A database that is corrupt, newer than this app, locked, or not a NetDesk file raises a
:class:`netdesk.core.errors.DatabaseError` subclass and is left untouched.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, exc
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from netdesk.core.errors import (
    DatabaseCorruptError,
    DatabaseError,
    DatabaseFolderUnsafeError,
    DatabaseLockedError,
    DatabaseNewerError,
    DatabaseUnwritableError,
)
from netdesk.paths import make_private_dir, open_private, others_can_write
from netdesk.storage.reads import BUSY_TIMEOUT_MS, SQLITE_MAGIC

#: how long a write waits in all while other writers keep finishing (a queue of short writes
#: from scripts); one writer holding the lock for a whole BUSY_TIMEOUT_MS ends the wait sooner
WRITE_QUEUE_MAX_S = 120.0


def _sqlite_problem(path: Path, err: BaseException) -> DatabaseError:
    """Translate a low-level SQLite error into a message a person can act on."""
    text = str(getattr(err, "orig", None) or err)
    low = text.lower()
    if "locked" in low or "busy" in low:
        return DatabaseLockedError(
            f"The database {path} is locked by another program (another NetDesk window or a "
            "command still running?). Close it and try again.",
            detail=text,
        )
    if "not a database" in low or "malformed" in low or "corrupt" in low:
        return DatabaseCorruptError(
            f"The database {path} is damaged and cannot be read. It has not been changed; "
            "restore a backup (File → Restore from a backup, or `netdesk restore FILE`).",
            detail=text,
        )
    if "readonly" in low or "read-only" in low or "unable to open" in low:
        return DatabaseUnwritableError(
            f"NetDesk cannot write to {path}: the file or its folder is read-only or missing. "
            "Check the permissions, or choose another location with --db.",
            detail=text,
        )
    if "disk is full" in low or "database or disk is full" in low:
        return DatabaseUnwritableError(
            f"The disk holding {path} is full. Nothing was saved by the last action; free some "
            "space and try again.",
            detail=text,
        )
    if "disk i/o" in low:
        return DatabaseUnwritableError(
            f"The disk reported an error while writing {path}. Nothing was saved by the last "
            "action.",
            detail=text,
        )
    return DatabaseError(f"The database {path} could not be used: {text}", detail=text)


def translate_errors(path: Path) -> Callable[[BaseException], DatabaseError]:
    return lambda err: _sqlite_problem(path, err)


def inspect_file(path: Path) -> str | None:
    """Read-only look at an existing file: its Alembic revision, or None for an empty file.

    Raises DatabaseCorruptError for files that are not SQLite or whose schema cannot be read,
    and DatabaseError for an SQLite file that is not a NetDesk database.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as err:
        raise DatabaseUnwritableError(f"NetDesk cannot read {path}: {err.strerror}.") from err
    if header != SQLITE_MAGIC:
        raise DatabaseCorruptError(
            f"{path} is not a NetDesk database (it is not an SQLite file, or its header is "
            "damaged). It has not been changed."
        )
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        con = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if not tables:
                return None
            if "alembic_version" not in tables:
                raise DatabaseError(
                    f"{path} is an SQLite database but not a NetDesk one (it has tables "
                    f"{', '.join(sorted(tables)[:5])}). It has not been changed."
                )
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
        finally:
            con.close()
    except sqlite3.Error as err:
        raise _sqlite_problem(path, err) from err


def _install_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy (not the sqlite3 module) decide when transactions begin, so that
        # write units of work can take the write lock up front with BEGIN IMMEDIATE.
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA temp_store = MEMORY")
        cur.execute("PRAGMA cache_size = -32000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.info.pop("begin_immediate", False):
            begin_immediate(conn.connection.dbapi_connection)
        else:
            conn.exec_driver_sql("BEGIN")


def _is_busy(err: sqlite3.Error) -> bool:
    text = str(err).lower()
    return "locked" in text or "busy" in text


def begin_immediate(dbapi_connection: Any, max_wait_s: float = WRITE_QUEUE_MAX_S) -> None:
    """Take the write lock (``BEGIN IMMEDIATE``), waiting for our turn behind other writers.

    Each attempt waits up to the busy timeout. When it runs out and another connection has
    committed meanwhile (``PRAGMA data_version`` moved), the writers ahead of us are making
    progress and we try again, up to ``max_wait_s`` in all; when nobody committed, one writer
    has held the lock for the whole busy timeout and the "locked" error goes to the caller.
    """
    deadline = time.monotonic() + max_wait_s
    seen = _data_version(dbapi_connection)
    while True:
        try:
            dbapi_connection.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as err:
            if not _is_busy(err) or time.monotonic() >= deadline:
                raise
            now = _data_version(dbapi_connection)
            if now is None or now == seen:
                raise
            seen = now


def _data_version(dbapi_connection: Any) -> int | None:
    try:
        return int(dbapi_connection.execute("PRAGMA data_version").fetchone()[0])
    except sqlite3.Error:
        return None


def _create_private_file(path: Path) -> None:
    """Create an empty database file readable by the owner only (SQLite gives the WAL and
    shared-memory files the same permissions), in a folder only the owner can enter."""
    make_private_dir(path.parent)
    if not path.exists():
        try:
            fd = open_private(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL)
        except FileExistsError:  # another NetDesk created it a moment ago
            return
        os.close(fd)


def check_folder(path: Path) -> None:
    """Refuse a database in a folder other users can write to: they could plant a ``-wal``
    file that SQLite would replay into it, or swap the file for another."""
    folder = path.resolve().parent
    try:
        unsafe = folder.exists() and others_can_write(folder)
    except OSError:
        return  # cannot look: opening will say what is wrong
    if unsafe:
        raise DatabaseFolderUnsafeError(
            f"NetDesk will not open {path}: its folder {folder} can be written by other users, "
            "who could plant or replace files NetDesk reads. Make the folder yours alone "
            f"(chmod go-w '{folder}'), or keep the database in a private folder with --db."
        )


class Database:
    """An open NetDesk database: the engine plus units of work."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._translate = translate_errors(path)
        self._watch: sqlite3.Connection | None = None

    @contextlib.contextmanager
    def unit_of_work(self, *, write: bool = True) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any exception.

        Repositories never commit; this is the only place that does.
        """
        try:
            with self.engine.connect() as conn:
                conn.info["begin_immediate"] = write
                with Session(bind=conn, expire_on_commit=False, autoflush=False) as session:
                    try:
                        yield session
                        session.commit()
                    except BaseException:
                        session.rollback()
                        raise
        except (exc.OperationalError, exc.DatabaseError, sqlite3.OperationalError) as err:
            raise self._translate(err) from err

    def data_version(self) -> int:
        """A number that changes whenever another connection (another NetDesk process, the
        CLI) commits to this database: SQLite's ``PRAGMA data_version`` on a connection kept
        open for this purpose only, so the question costs microseconds."""
        if self._watch is None:
            self._watch = sqlite3.connect(
                f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
            )
        try:
            return int(self._watch.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error as err:
            raise self._translate(err) from err

    def close(self) -> None:
        if self._watch is not None:
            self._watch.close()
            self._watch = None
        self.engine.dispose()


def open_database(
    path: Path,
    *,
    migrate: bool = True,
    before_migrate: Callable[[Path, str | None], None] | None = None,
) -> Database:
    """Open (creating if needed) and migrate the database at ``path``.

    ``before_migrate(path, current_revision)`` runs when an existing, non-empty database is
    about to be upgraded (the backup hook). Nothing is written before the checks pass.
    """
    from netdesk.storage import migrations

    path = Path(path)
    check_folder(path)  # before anything reads the file (or a -wal planted beside it)
    current = inspect_file(path)
    known = migrations.known_revisions()
    if current is not None and current not in known:
        raise DatabaseNewerError(
            f"{path} was written by a newer version of NetDesk (schema {current}). This version "
            "does not know that schema and will not touch the file: install the newer NetDesk."
        )
    head = migrations.head_revision()
    try:
        _create_private_file(path)
    except OSError as err:
        raise DatabaseUnwritableError(
            f"NetDesk cannot create its database at {path}: {err.strerror}. Check that the "
            "folder exists and is writable, or choose another location with --db."
        ) from err
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )
    _install_pragmas(engine)
    db = Database(path, engine)
    if migrate and current != head:
        if current is not None and before_migrate is not None:
            before_migrate(path, current)
        try:
            _upgrade_serialised(engine, head)
        except (exc.OperationalError, exc.DatabaseError, sqlite3.Error) as err:
            engine.dispose()
            raise _sqlite_problem(path, err) from err
    return db


def _upgrade_serialised(engine: Engine, head: str) -> None:
    """Migrate holding SQLite's write lock for the whole upgrade (BEGIN IMMEDIATE, waiting our
    turn like any writer), after reading the revision again under that lock: two commands
    that create or upgrade the same database at the same moment migrate it once, one after
    the other, instead of both running CREATE TABLE (the second failed with "locked")."""
    from netdesk.storage import migrations

    with engine.connect() as conn:
        conn.info["begin_immediate"] = True
        with conn.begin():
            tables = {
                r[0]
                for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if "alembic_version" in tables:
                row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
                if row is not None and row[0] == head:
                    return  # another NetDesk migrated it while we waited
            migrations.upgrade(conn)
