"""Typed settings: preferences (what users change on purpose) and UI state (window geometry,
last view, splitter sizes), kept in two JSON files in the config dir."""

from __future__ import annotations

import contextlib
import json
import locale
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, TypeVar

from netdesk.core.model import INTERACTION_TYPES
from netdesk.paths import make_private_dir

T = TypeVar("T")


def system_region() -> str:
    """Two-letter region from the system locale (en_GB -> GB), US when unknown."""
    with contextlib.suppress(ValueError):
        lang = locale.getlocale()[0] or os.environ.get("LANG", "")
        if lang and "_" in lang:
            region = lang.split("_", 1)[1][:2].upper()
            if region.isalpha() and len(region) == 2:
                return region
    return "US"


@dataclass(frozen=True)
class CaptureSession:
    """The card-entry session: stamped on every card until the user changes it."""

    event: str = ""
    met_on: str = ""  # ISO date; "" means today
    tags: tuple[str, ...] = ()
    follow_up_days: int | None = 2


@dataclass(frozen=True)
class Preferences:
    default_region: str = field(default_factory=system_region)
    default_cadence_days: int | None = None
    date_format: str = "relative"  # "relative" | "iso"
    interaction_types: tuple[str, ...] = INTERACTION_TYPES
    capture: CaptureSession = field(default_factory=CaptureSession)
    auto_backup: bool = True
    #: CardDAV: sync every this many minutes while the window is open (0 = only on demand)
    sync_interval_minutes: int = 0
    sync_at_start: bool = True


@dataclass(frozen=True)
class UiState:
    geometry: str = ""  # base64 of QWidget.saveGeometry()
    window_state: str = ""
    last_view: str = "today"
    splitters: dict[str, str] = field(default_factory=dict)
    contact_sort: str = "name"
    contact_sort_desc: bool = False
    #: the contact list as rows a person scans ("list") or as a table ("table")
    contact_list_mode: str = "list"
    #: the columns the table mode shows (the name always)
    contact_columns: tuple[str, ...] = (
        "name",
        "organization",
        "title",
        "tags",
        "last_contacted",
        "next_touch",
    )
    #: the card being typed in card entry (field key -> text), restored on the next start
    card_draft: dict[str, str] = field(default_factory=dict)
    #: the column mapping the user chose for a CSV file, by its header signature
    csv_mappings: dict[str, dict[str, str]] = field(default_factory=dict)


def _coerce(cls: type[T], data: dict[str, Any]) -> T:
    """Build a settings dataclass from JSON, ignoring unknown keys and bad types."""
    default = cls()
    values: dict[str, Any] = {}
    for f in fields(cls):  # type: ignore[arg-type]
        if f.name not in data:
            continue
        raw = data[f.name]
        current = getattr(default, f.name)
        if f.name == "capture" and isinstance(raw, dict):
            values[f.name] = _coerce(CaptureSession, raw)
        elif isinstance(current, tuple) and isinstance(raw, list):
            values[f.name] = tuple(str(x) for x in raw)
        elif current is None or raw is None or isinstance(raw, type(current)):
            values[f.name] = raw
    return replace(default, **values)  # type: ignore[type-var]


class SettingsStore:
    """Loads and saves Preferences and UiState atomically (a crash never leaves half a file)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _read(self, name: str) -> dict[str, Any]:
        try:
            data = json.loads((self.folder / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, name: str, data: dict[str, Any]) -> None:
        make_private_dir(self.folder)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{name}.")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, indent=2, ensure_ascii=False)
            os.replace(tmp, self.folder / name)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def preferences(self) -> Preferences:
        return _coerce(Preferences, self._read("preferences.json"))

    def save_preferences(self, prefs: Preferences) -> None:
        self._write("preferences.json", asdict(prefs))

    def ui_state(self) -> UiState:
        return _coerce(UiState, self._read("ui-state.json"))

    def save_ui_state(self, state: UiState) -> None:
        self._write("ui-state.json", asdict(state))
