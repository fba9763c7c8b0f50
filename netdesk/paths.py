"""Where NetDesk keeps its data, settings, backups and logs.

Per-user folders from platformdirs; ``NETDESK_HOME`` puts everything under one folder
(tests, portable installs). Nothing here touches the disk at import time.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "NetDesk"
DB_FILENAME = "netdesk.db"


def _home() -> Path | None:
    value = os.environ.get("NETDESK_HOME", "").strip()
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    home = _home()
    return home if home else platformdirs.user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    home = _home()
    return home / "config" if home else platformdirs.user_config_path(APP_NAME, appauthor=False)


def log_dir() -> Path:
    home = _home()
    return home / "logs" if home else platformdirs.user_log_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


def backups_dir(db_path: Path) -> Path:
    """Backups live beside the database they protect."""
    return db_path.resolve().parent / "backups"


PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def make_private_dir(folder: Path) -> Path:
    """Create ``folder`` and its missing parents readable by the owner only (0700), whatever
    the umask. Folders that already exist are left as they are."""
    folder = Path(folder)
    missing: list[Path] = []
    probe = folder
    while not probe.exists() and not probe.is_symlink() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for part in reversed(missing):
        try:
            part.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:  # made meanwhile by another process
            continue
        if os.name == "posix":
            os.chmod(part, PRIVATE_DIR)  # mkdir's mode is masked by the umask
    return folder


def open_private(path: Path, flags: int = os.O_WRONLY | os.O_CREAT | os.O_TRUNC) -> int:
    """A file descriptor for ``path``, the file readable by the owner only (0600) whatever
    the umask, also when it existed before."""
    fd = os.open(path, flags, PRIVATE_FILE)
    if os.name == "posix":
        try:
            os.fchmod(fd, PRIVATE_FILE)
        except OSError:
            os.close(fd)
            raise
    return fd


def others_can_write(folder: Path) -> bool:
    """Whether users other than the owner (and root) can create or replace files in
    ``folder``: it is group- or world-writable, or another user owns it. Always False where
    there are no POSIX permissions."""
    if os.name != "posix":
        return False
    st = folder.stat()
    return bool(st.st_mode & 0o022) or st.st_uid not in (os.getuid(), 0)
