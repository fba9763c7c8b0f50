"""Backups made with SQLite's online backup API (never a file copy of a live database),
checked with integrity_check before they count; daily automatic backups with rotation
(7 daily, 4 weekly, 12 monthly); restore that first backs up what it replaces.

Backups live in ``backups/`` beside the database, named
``<db stem>-YYYY-MM-DD_HHMMSS-<kind>.db`` where kind is ``auto`` (the daily backup),
``manual``, ``before-restore`` or ``before-upgrade-<revision>``. Everything here is created
readable by the owner only. No Qt.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from netdesk.core.errors import (
    DatabaseCorruptError,
    DatabaseError,
    DatabaseNewerError,
    DatabaseUnwritableError,
)
from netdesk.paths import backups_dir, make_private_dir, open_private

if TYPE_CHECKING:
    from netdesk.storage.db import Database

AUTO = "auto"
MANUAL = "manual"
BEFORE_RESTORE = "before-restore"
BEFORE_UPGRADE = "before-upgrade"

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12
#: manual, before-restore and before-upgrade backups: this many of each kind are kept
KEEP_OTHER = 10

_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<day>\d{4}-\d{2}-\d{2})_(?P<time>\d{6})(?:-(?P<kind>[A-Za-z0-9_.-]+))?\.db$"
)
_CORRUPT_WORDS = ("not a database", "malformed", "corrupt")


def _private(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)


def _private_dir(folder: Path) -> None:
    make_private_dir(folder)


def _is_corruption(err: BaseException) -> bool:
    return any(word in str(err).lower() for word in _CORRUPT_WORDS)


def _os_problem(what: str, path: Path, err: OSError) -> DatabaseError:
    reason = err.strerror or str(err)
    if err.errno is not None and err.errno in (28, 122):  # ENOSPC, EDQUOT
        return DatabaseUnwritableError(
            f"The disk is full: {what} {path} could not be written. Free some space and try again.",
            detail=str(err),
        )
    return DatabaseUnwritableError(f"Could not write {what} {path}: {reason}.", detail=str(err))


def backup_database(source: Path, dest: Path) -> Path:
    """Copy ``source`` into ``dest`` page by page with sqlite3's backup API and verify it.

    The copy is written to a temporary name first and renamed only once it passes
    ``PRAGMA integrity_check``, so a half-written backup never looks like a good one.
    A source that is damaged raises :class:`DatabaseCorruptError` (and leaves no backup).
    """
    source = Path(source)
    dest = Path(dest)
    if not source.is_file():
        raise DatabaseError(f"There is no database at {source} to back up.")
    try:
        _private_dir(dest.parent)
        tmp = dest.with_name(dest.name + ".partial")
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        os.close(fd)
    except OSError as err:
        raise _os_problem("the backup", dest, err) from err
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
            raise DatabaseCorruptError(
                f"The database {source} is damaged (its backup failed the integrity check). "
                "It has not been changed; restore an earlier backup.",
                detail=str(result),
            )
        os.replace(tmp, dest)
        _private(dest)
        return dest
    except sqlite3.Error as err:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if _is_corruption(err):
            raise DatabaseCorruptError(
                f"The database {source} is damaged and cannot be backed up. It has not been "
                "changed; restore an earlier backup.",
                detail=str(err),
            ) from err
        if "full" in str(err).lower():
            raise DatabaseUnwritableError(
                f"The disk is full: the backup {dest} could not be written.", detail=str(err)
            ) from err
        raise DatabaseError(f"Could not back up {source}: {err}", detail=str(err)) from err
    except OSError as err:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise _os_problem("the backup", dest, err) from err
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def backup_name(now: datetime | None = None, reason: str = "", stem: str = "netdesk") -> str:
    stamp = (now or datetime.now()).strftime("%Y-%m-%d_%H%M%S")
    return f"{stem}-{stamp}{'-' + reason if reason else ''}.db"


# ------------------------------------------------------------------ listing
@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    #: auto | manual | before-restore | before-upgrade-<rev> | "" (unnamed)
    kind: str
    size: int

    @property
    def automatic(self) -> bool:
        return self.kind == AUTO

    @property
    def group(self) -> str:
        """The rotation group: before-upgrade-0001 and -0002 are kept together."""
        return BEFORE_UPGRADE if self.kind.startswith(BEFORE_UPGRADE) else self.kind

    def describe(self) -> str:
        labels = {
            AUTO: "daily backup",
            MANUAL: "backed up by hand",
            BEFORE_RESTORE: "taken before a restore",
        }
        label = labels.get(self.kind) or (
            "taken before an upgrade" if self.group == BEFORE_UPGRADE else "backup"
        )
        return f"{self.created:%Y-%m-%d %H:%M} — {label} ({self.size / 1_048_576:.1f} MB)"


def parse_backup_name(path: Path) -> tuple[str, datetime, str] | None:
    m = _NAME.match(path.name)
    if not m:
        return None
    try:
        created = datetime.strptime(f"{m['day']}_{m['time']}", "%Y-%m-%d_%H%M%S")
    except ValueError:
        return None
    return m["stem"], created, m["kind"] or ""


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The finished backups of ``db_path`` in its backups folder, newest first."""
    folder = backups_dir(Path(db_path))
    stem = Path(db_path).stem
    found: list[BackupInfo] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for p in entries:
        parsed = parse_backup_name(p)
        if parsed is None or parsed[0] != stem or not p.is_file():
            continue
        with contextlib.suppress(OSError):
            found.append(BackupInfo(p, parsed[1], parsed[2], p.stat().st_size))
    found.sort(key=lambda b: (b.created, b.path.name), reverse=True)
    return found


def _fresh_dest(db_path: Path, kind: str, now: datetime) -> Path:
    folder = backups_dir(db_path)
    dest = folder / backup_name(now, kind, Path(db_path).stem)
    n = 1
    while dest.exists():  # two backups in the same second
        n += 1
        dest = folder / backup_name(now, f"{kind}.{n}", Path(db_path).stem)
    return dest


def make_backup(db_path: Path, kind: str = MANUAL, *, now: datetime | None = None) -> BackupInfo:
    """A verified backup of ``db_path`` into its backups folder; older backups of the same
    kind beyond the rotation limits are removed afterwards."""
    when = now or datetime.now()
    dest = backup_database(Path(db_path), _fresh_dest(Path(db_path), kind, when))
    rotate_backups(db_path, now=when)
    return BackupInfo(dest, when.replace(microsecond=0), kind, dest.stat().st_size)


def automatic_backup(db_path: Path, *, now: datetime | None = None) -> BackupInfo | None:
    """The daily backup: made when no automatic backup of ``db_path`` exists for today.

    Returns the new backup, or None when today's already exists or there is no database yet.
    """
    when = now or datetime.now()
    path = Path(db_path)
    if not path.is_file() or path.stat().st_size == 0:
        return None
    if any(b.automatic and b.created.date() == when.date() for b in list_backups(path)):
        return None
    return make_backup(path, AUTO, now=when)


def rotation_keeps(
    backups: list[BackupInfo],
    *,
    daily: int = KEEP_DAILY,
    weekly: int = KEEP_WEEKLY,
    monthly: int = KEEP_MONTHLY,
    other: int = KEEP_OTHER,
) -> set[Path]:
    """Which backups rotation keeps: for automatic ones the newest of each of the last
    ``daily`` days, ``weekly`` ISO weeks and ``monthly`` months that have one (the usual
    grandfather-father-son scheme); for every other kind its newest ``other``."""
    keep: set[Path] = set()
    newest_first = sorted(backups, key=lambda b: (b.created, b.path.name), reverse=True)
    auto = [b for b in newest_first if b.automatic]

    def newest_per(period: Callable[[date], object], count: int) -> None:
        seen: list[object] = []
        for b in auto:
            key = period(b.created.date())
            if key in seen:
                continue
            if len(seen) == count:
                return
            seen.append(key)
            keep.add(b.path)

    newest_per(lambda d: d, daily)
    newest_per(lambda d: d.isocalendar()[:2], weekly)
    newest_per(lambda d: (d.year, d.month), monthly)
    groups: dict[str, int] = {}
    for b in newest_first:
        if b.automatic:
            continue
        groups[b.group] = groups.get(b.group, 0) + 1
        if groups[b.group] <= other:
            keep.add(b.path)
    return keep


def rotate_backups(db_path: Path, *, now: datetime | None = None) -> list[Path]:
    """Delete the backups of ``db_path`` that rotation no longer keeps; returns them.
    Leftover ``.partial`` files of interrupted backups are removed too."""
    backups = list_backups(db_path)
    keep = rotation_keeps(backups)
    removed: list[Path] = []
    for b in backups:
        if b.path not in keep:
            with contextlib.suppress(OSError):
                b.path.unlink()
                removed.append(b.path)
    folder = backups_dir(Path(db_path))
    stem = Path(db_path).stem
    with contextlib.suppress(OSError):
        for p in folder.glob(f"{glob_escape(stem)}-*.db.partial"):
            with contextlib.suppress(OSError):
                p.unlink()
    return removed


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


# --------------------------------------------------------------- verifying
@dataclass(frozen=True)
class BackupCheck:
    path: Path
    revision: str | None
    contacts: int


def verify_backup(path: Path) -> BackupCheck:
    """Open a backup read-only and check it: an SQLite file that passes integrity_check and
    is a NetDesk database of a schema this version knows. Raises a DatabaseError subclass
    that says what is wrong."""
    from netdesk.storage import migrations

    path = Path(path)
    if not path.is_file():
        raise DatabaseError(f"There is no backup at {path}.")
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as err:
        raise DatabaseError(f"Cannot read the backup {path}: {err.strerror}.") from err
    if header != b"SQLite format 3\x00":
        raise DatabaseCorruptError(f"{path} is not a NetDesk backup (not an SQLite file).")
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
        try:
            result = con.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                raise DatabaseCorruptError(
                    f"The backup {path} is damaged (integrity check: {result}). Choose another.",
                    detail=str(result),
                )
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if "alembic_version" not in tables or "contacts" not in tables:
                raise DatabaseError(f"{path} is an SQLite file but not a NetDesk backup.")
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
            if revision is not None and revision not in migrations.known_revisions():
                raise DatabaseNewerError(
                    f"The backup {path} was made by a newer version of NetDesk (schema "
                    f"{revision}); this version cannot restore it."
                )
            contacts = con.execute(
                "SELECT count(*) FROM contacts WHERE deleted_at IS NULL"
            ).fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error as err:
        if _is_corruption(err):
            raise DatabaseCorruptError(
                f"The backup {path} is damaged and cannot be read. Choose another.",
                detail=str(err),
            ) from err
        raise DatabaseError(f"Cannot read the backup {path}: {err}", detail=str(err)) from err
    return BackupCheck(path, revision, int(contacts))


# --------------------------------------------------------------- restoring
@dataclass(frozen=True)
class RestoreResult:
    restored: BackupCheck
    #: the verified backup of what was replaced (None when there was no database)
    safety_backup: Path | None
    #: a damaged database that could not be backed up is moved here, never deleted
    moved_aside: Path | None


def _sidecars(db_path: Path) -> list[Path]:
    return [db_path.with_name(db_path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def move_aside(db_path: Path, *, now: datetime | None = None) -> Path:
    """Move a (damaged) database and its WAL/SHM files into a new folder beside it, so a
    fresh file can take its place; nothing is deleted. Returns the folder."""
    stamp = (now or datetime.now()).strftime("%Y-%m-%d_%H%M%S")
    folder = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    n = 1
    while folder.exists():
        n += 1
        folder = db_path.with_name(f"{db_path.name}.damaged-{stamp}.{n}")
    try:
        folder.mkdir(mode=0o700)
        # The WAL first: a stale WAL left beside a new file could be replayed into it.
        for side in _sidecars(db_path):
            if side.exists():
                os.replace(side, folder / side.name)
        if db_path.exists():
            os.replace(db_path, folder / db_path.name)
    except OSError as err:
        raise _os_problem("the damaged database's new place", folder, err) from err
    return folder


def restore_backup(
    db_path: Path,
    backup: Path,
    *,
    close: Callable[[], None] | None = None,
    now: datetime | None = None,
) -> RestoreResult:
    """Replace the database at ``db_path`` with ``backup``.

    1. the backup is opened and checked (integrity_check, NetDesk, known schema);
    2. the current database is backed up (``before-restore``); if it is too damaged to back
       up, it is moved aside instead (never deleted);
    3. ``close()`` lets the caller close its connections;
    4. the backup is copied into ``db_path`` with the SQLite backup API, in one transaction:
       a crash at any moment leaves either the old or the restored database.

    The caller reopens the database afterwards (open_database migrates an older backup,
    backing it up first).
    """
    db_path = Path(db_path)
    backup = Path(backup)
    if db_path.exists() and backup.resolve() == db_path.resolve():
        raise DatabaseError("That is the database itself, not a backup of it.")
    check = verify_backup(backup)
    safety: Path | None = None
    aside: Path | None = None
    if db_path.is_file() and db_path.stat().st_size > 0:
        try:
            safety = make_backup(db_path, BEFORE_RESTORE, now=now).path
        except DatabaseCorruptError:
            safety = None
    if close is not None:
        close()
    if db_path.exists() and safety is None and db_path.stat().st_size > 0:
        aside = move_aside(db_path, now=now)
    try:
        if not db_path.exists():
            make_private_dir(db_path.parent)
            fd = open_private(db_path, os.O_CREAT | os.O_WRONLY | os.O_EXCL)
            os.close(fd)
    except OSError as err:
        raise _os_problem("the database", db_path, err) from err
    try:
        src = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
        try:
            dst = sqlite3.connect(db_path, timeout=30)
            try:
                src.backup(dst)
                result = dst.execute("PRAGMA quick_check").fetchone()[0]
                dst.execute("PRAGMA journal_mode = WAL")
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as err:
        if "full" in str(err).lower():
            raise DatabaseUnwritableError(
                f"The disk is full: the backup could not be restored into {db_path}. The "
                "database is unchanged.",
                detail=str(err),
            ) from err
        if "readonly" in str(err).lower() or "read-only" in str(err).lower():
            raise DatabaseUnwritableError(
                f"NetDesk cannot write to {db_path} (read-only). The database is unchanged.",
                detail=str(err),
            ) from err
        raise DatabaseError(
            f"Restoring {backup} into {db_path} failed: {err}. The database is unchanged.",
            detail=str(err),
        ) from err
    if result != "ok":  # pragma: no cover - the source passed integrity_check just before
        raise DatabaseCorruptError(f"The restored database {db_path} failed its check: {result}")
    for side in _sidecars(db_path):
        if side.exists():
            _private(side)
    return RestoreResult(check, safety, aside)


def backup_before_migration(db_path: Path, revision: str | None) -> None:
    make_backup(Path(db_path), f"{BEFORE_UPGRADE}-{revision}")


class BackupService:
    """Backups of the open database: made, listed and restored by path, so that callers
    (the UI) never hold the database itself."""

    def __init__(self, db: Database) -> None:
        self._db = db

    @property
    def database_path(self) -> Path:
        return self._db.path

    def make(self, kind: str = MANUAL) -> BackupInfo:
        return make_backup(self._db.path, kind)

    def automatic(self) -> BackupInfo | None:
        """Today's automatic backup, unless there is one already (then None)."""
        return automatic_backup(self._db.path)

    def list(self) -> list[BackupInfo]:
        return list_backups(self._db.path)

    def restore(self, backup: Path) -> RestoreResult:
        """Restore ``backup`` into the open database (see :func:`restore_into`)."""
        return restore_into(self._db, backup)


def restore_into(db: Database, backup: Path) -> RestoreResult:
    """Restore ``backup`` into an open database: its connections are closed, the backup is
    copied in (see :func:`restore_backup`), an older schema is migrated (after its own
    backup), and the same Database object goes on working on the restored file."""
    from netdesk.storage.db import open_database

    result = restore_backup(db.path, backup, close=db.close)
    open_database(db.path, before_migrate=backup_before_migration).close()
    db.close()  # drop anything pooled before the migration; the engine reconnects lazily
    return result
