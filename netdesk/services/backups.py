"""Backups made with SQLite's online backup API (never a file copy of a live database),
checked with integrity_check before they count."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from netdesk.core.errors import DatabaseError
from netdesk.paths import backups_dir


def _private(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)


def backup_database(source: Path, dest: Path) -> Path:
    """Copy ``source`` into ``dest`` page by page with sqlite3's backup API and verify it.

    The copy is written to a temporary name first and renamed only once it passes
    ``PRAGMA integrity_check``, so a half-written backup never looks like a good one.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".partial")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    try:
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
        try:
            out = sqlite3.connect(tmp)
            try:
                src.backup(out)
                out.execute("PRAGMA journal_mode = DELETE")
                result = out.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                out.close()
        finally:
            src.close()
        if result != "ok":
            raise DatabaseError(f"The backup of {source} failed its integrity check: {result}")
        os.replace(tmp, dest)
        _private(dest)
        return dest
    except sqlite3.Error as err:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise DatabaseError(f"Could not back up {source}: {err}") from err
    except OSError as err:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise DatabaseError(f"Could not write the backup {dest}: {err.strerror}") from err


def backup_name(now: datetime | None = None, reason: str = "") -> str:
    stamp = (now or datetime.now()).strftime("%Y-%m-%d_%H%M%S")
    return f"netdesk-{stamp}{'-' + reason if reason else ''}.db"


def backup_before_migration(db_path: Path, revision: str | None) -> None:
    backup_database(
        db_path, backups_dir(db_path) / backup_name(reason=f"before-upgrade-{revision}")
    )
