"""Typed settings: defaults, round trip, tolerance of damaged or foreign files."""

from __future__ import annotations

import json
from pathlib import Path

from netdesk.settings import CaptureSession, Preferences, SettingsStore, UiState, system_region


def test_defaults_when_nothing_is_saved(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "cfg")
    prefs = store.preferences()
    assert prefs == Preferences()
    assert "interview" in prefs.interaction_types
    assert store.ui_state() == UiState()
    assert len(system_region()) == 2


def test_round_trip_of_preferences_and_ui_state(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "cfg")
    prefs = Preferences(
        default_region="GB",
        default_cadence_days=30,
        interaction_types=("call", "coffee"),
        capture=CaptureSession(event="Expo Berlin 2026", tags=("expo",), follow_up_days=None),
    )
    store.save_preferences(prefs)
    store.save_ui_state(UiState(geometry="abc", last_view="contacts", splitters={"c": "x"}))
    again = SettingsStore(tmp_path / "cfg")
    assert again.preferences() == prefs
    assert again.ui_state().last_view == "contacts"
    assert again.ui_state().splitters == {"c": "x"}


def test_damaged_or_foreign_files_fall_back_to_defaults(tmp_path: Path) -> None:
    folder = tmp_path / "cfg"
    folder.mkdir()
    (folder / "preferences.json").write_text("{ not json", "utf-8")
    (folder / "ui-state.json").write_text(json.dumps({"last_view": 7, "unknown": 1}), "utf-8")
    store = SettingsStore(folder)
    assert store.preferences() == Preferences()
    assert store.ui_state().last_view == "today"  # wrong type ignored


def test_saving_leaves_no_temporary_files(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "cfg")
    store.save_preferences(Preferences(default_region="FR"))
    assert sorted(p.name for p in (tmp_path / "cfg").iterdir()) == ["preferences.json"]
