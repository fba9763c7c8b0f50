"""Finding data files shipped with the app, frozen (PyInstaller) or not, by one code path."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "netdesk" / "data"
    return Path(__file__).resolve().parent / "data"


def resource_path(relative: str) -> Path:
    return resource_root() / relative
