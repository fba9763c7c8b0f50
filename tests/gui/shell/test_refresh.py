"""The window shows what another process (the CLI) wrote: F5, and on regaining focus."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

from PySide6.QtCore import Qt


def _cli_add(db_path, name: str) -> None:
    payload = json.dumps({"given_name": name, "family_name": "Fromcli"})
    subprocess.run(
        [sys.executable, "-m", "netdesk", "--db", str(db_path), "add", "--json", "-"],
        input=payload,
        text=True,
        capture_output=True,
        check=True,
    )


def test_f5_shows_contacts_added_by_the_cli_while_open(main_window, db_path, qtbot) -> None:
    contacts = main_window.views["contacts"]
    main_window.show_view("contacts")
    assert contacts.model.rowCount() == 0
    _cli_add(db_path, "Ada")
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    qtbot.keyClick(main_window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: contacts.model.rowCount() == 1, timeout=3000)
    assert main_window.statusBar().currentMessage() == "Refreshed"


def test_refresh_on_focus_only_when_the_database_changed(main_window, db_path, qtbot) -> None:
    contacts = main_window.views["contacts"]
    assert main_window.refresh_if_changed_elsewhere() is False  # nothing happened
    _cli_add(db_path, "Grace")
    assert main_window.refresh_if_changed_elsewhere() is True
    main_window.show_view("contacts")  # a hidden view reloads when it is shown
    assert contacts.model.rowCount() == 1
    assert main_window.refresh_if_changed_elsewhere() is False  # already seen
    con = sqlite3.connect(db_path)
    con.execute("UPDATE contacts SET title = 'Admiral'")
    con.commit()
    con.close()
    assert main_window.refresh_if_changed_elsewhere() is True
