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
