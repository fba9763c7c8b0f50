"""Sync in the window, against a real Radicale server: the settings dialog finds the address
book and saves the account, F9 syncs on the worker, the status bar says what happened,
conflicts can be reviewed, and many deletions need a confirmation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dav_server import PASSWORD, USER, Radicale, run_radicale
from PySide6.QtCore import Qt

from netdesk.core.model import Contact
from netdesk.ui.sync import feature as sync_ui


def card(uid: str, given: str, family: str, extra: str = "") -> str:
    body = [f"UID:{uid}", f"FN:{given} {family}", f"N:{family};{given};;;"]
    if extra:
        body.append(extra)
    return "BEGIN:VCARD\r\nVERSION:3.0\r\n" + "\r\n".join(body) + "\r\nEND:VCARD\r\n"


@pytest.fixture
def radicale(tmp_path: Path) -> Iterator[Radicale]:
    with run_radicale(tmp_path / "radicale") as server:
        yield server


def wait_sync(window: Any, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: window._sync_task is None, timeout=60000)


def test_settings_dialog_finds_the_book_and_f9_syncs(
    main_window: Any, qtbot: Any, radicale: Radicale
) -> None:
    window = main_window
    assert not window.sync_button.isVisible()  # no account yet: nothing in the status bar
    radicale.put("a.vcf", card("a", "Ana", "Lima"))
    dialog = sync_ui.SyncSettingsDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.url, radicale.url)
    qtbot.keyClicks(dialog.user, USER)
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=30000)
    assert dialog.books.count() == 1 and "contacts" in dialog.books.currentData()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Syncing with Contacts" in dialog.state.text()
    assert "never written to a file" in dialog.state.text()  # no keyring on this machine
    dialog.close()
    assert window.sync_button.isVisible()

    window.ctx.services.contacts.create(Contact(given_name="Jürgen", family_name="Müller"))
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert window._sync_task is not None  # F9 started it on the worker
    wait_sync(window, qtbot)
    assert "1 new here" in window.sync_label.text()
    assert "1 new on the server" in window.sync_label.text()
    assert len(radicale.names()) == 2
    names = {
        c.name
        for c in window.ctx.services.contacts.get_many(window.ctx.services.contacts.list_ids())
    }
    assert names == {"Ana Lima", "Jürgen Müller"}
    log = sync_ui.SyncLogDialog(window)
    qtbot.addWidget(log)
    assert "new on the server" in log.text.toPlainText()


def test_conflict_review_and_mass_deletion_confirmation(
    main_window: Any,
    qtbot: Any,
    radicale: Radicale,
    no_modal_dialogs: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = main_window
    svc = window.ctx.services
    svc.sync.add_account(radicale.url + "/alice/contacts/", USER, PASSWORD)
    sync_ui.update_status(window)
    for i in range(12):
        svc.contacts.create(Contact(given_name=f"P{i}", family_name="Here"))
    radicale.put("a.vcf", card("a", "Ana", "Lima"))
    window.sync_action.trigger()
    wait_sync(window, qtbot)
    ana = next(c for c in svc.contacts.get_many(svc.contacts.list_ids()) if c.uid == "a")
    svc.contacts.save(ana.with_changes(title="Mine"))
    radicale.put("a.vcf", card("a", "Ana", "Lima", "TITLE:Theirs"))
    window.sync_action.trigger()
    wait_sync(window, qtbot)
    assert "1 conflict(s) to review" in window.sync_label.text()
    dialog = sync_ui.ConflictsDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    assert "TITLE:Mine" in dialog.mine.toPlainText()
    assert "TITLE:Theirs" in dialog.theirs.toPlainText()
    qtbot.mouseClick(dialog.keep_mine, Qt.MouseButton.LeftButton)
    assert dialog.list.count() == 0
    assert svc.contacts.get(ana.id).title == "Mine"

    # 8 of 13 gone on the server at once: asked first; Cancel (the default) changes nothing
    for name in radicale.names():
        if name != "a.vcf" and len(radicale.names()) > 5:
            radicale.delete(name)
    before = svc.contacts.count()
    asked: list[str] = []
    monkeypatch.setattr(
        sync_ui, "confirm_mass_deletion", lambda _w, err: asked.append(err.message) or False
    )
    window.sync_action.trigger()
    wait_sync(window, qtbot)
    assert asked and "would delete 8 contact(s) here" in asked[0]
    assert svc.contacts.count() == before
    assert "Sync stopped" in window.sync_label.text()
    monkeypatch.setattr(sync_ui, "confirm_mass_deletion", lambda _w, _err: True)
    window.sync_action.trigger()
    qtbot.waitUntil(lambda: svc.contacts.count() == before - 8, timeout=60000)
    wait_sync(window, qtbot)


def test_screenshots_of_sync_settings_and_conflicts(
    main_window: Any, qtbot: Any, radicale: Radicale, tmp_path: Path
) -> None:
    """Renders the dialogs (a screenshot is saved when NETDESK_SCREENSHOTS names a folder)."""
    import os

    window = main_window
    svc = window.ctx.services
    svc.sync.add_account(radicale.url + "/alice/contacts/", USER, PASSWORD)
    radicale.put("a.vcf", card("a", "Ana", "Lima"))
    window.sync_action.trigger()
    wait_sync(window, qtbot)
    ana = next(c for c in svc.contacts.get_many(svc.contacts.list_ids()) if c.uid == "a")
    svc.contacts.save(ana.with_changes(title="Head of Sales"))
    radicale.put("a.vcf", card("a", "Ana", "Lima", "TITLE:VP Sales"))
    window.sync_action.trigger()
    wait_sync(window, qtbot)
    out = Path(os.environ.get("NETDESK_SCREENSHOTS", tmp_path))
    settings = sync_ui.SyncSettingsDialog(window)
    conflicts = sync_ui.ConflictsDialog(window)
    for name, widget in (
        ("sync-settings", settings),
        ("sync-conflicts", conflicts),
        ("sync-window", window),
    ):
        qtbot.addWidget(widget) if widget is not window else None
        widget.show()
        qtbot.waitExposed(widget)
        assert not widget.grab().isNull()
        widget.grab().save(str(out / f"{name}.png"))
