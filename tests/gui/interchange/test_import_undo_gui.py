"""Edit → Undo after an import: Ctrl+Z takes the imported contacts out of the Contacts view
and the merged ones back to what they were, Ctrl+Shift+Z brings the import back; a refused
undo shows why and leaves the import undoable; large imports are undone on the worker."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from helpers import wait_preview
from PySide6.QtCore import Qt

from netdesk.core.model import Change, Contact, Email
from netdesk.ui.interchange.feature import ImportCommand

CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Berg\r\nEMAIL:anna@example.com\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ben Neu\r\nTEL:+49 40 3333333\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Known Person\r\nEMAIL:known@example.com\r\n"
    "ORG:Known AG\r\nEND:VCARD\r\n"
)


@pytest.fixture
def vcf(tmp_path: Path) -> Path:
    path = tmp_path / "contacts.vcf"
    path.write_bytes(CARDS.encode("utf-8"))
    return path


def names_in_view(window: Any) -> set[str]:
    model = window.views["contacts"].model
    ids = [model.contact_id(r) for r in range(model.rowCount())]
    return set(window.ctx.services.contacts.names([i for i in ids if i is not None]).values())


def import_from_preview(window: Any, qtbot: Any, path: Path) -> None:
    window.ctx.nav.import_files.emit([str(path)])
    preview = wait_preview(window, qtbot)
    preview.import_button.click()
    qtbot.waitUntil(
        lambda: (
            window.interchange.account_dialog is not None
            and window.interchange.account_dialog.isVisible()
        ),
        timeout=10000,
    )
    window.interchange.account_dialog.accept()


def keys(window: Any, qtbot: Any, shift: bool = False) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    mods = Qt.KeyboardModifier.ControlModifier
    if shift:
        mods |= Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_Z, mods)


@pytest.fixture
def known(services: Any) -> int:
    cid, _ = services.contacts.create(
        Contact(display_name="Known Person", emails=(Email("known@example.com"),), title="CEO")
    )
    return int(cid)


def test_ctrl_z_undoes_an_import_and_ctrl_shift_z_redoes_it(
    main_window: Any, qtbot: Any, vcf: Path, services: Any, known: int
) -> None:
    window = main_window
    window.ctx.bus.publish(Change(contacts=frozenset({known})))  # created behind its back
    window.show_view("contacts")
    view = window.views["contacts"]
    qtbot.waitUntil(lambda: names_in_view(window) == {"Known Person"})
    import_from_preview(window, qtbot, vcf)
    qtbot.waitUntil(lambda: names_in_view(window) == {"Anna Berg", "Ben Neu", "Known Person"})
    assert services.contacts.get(known).organization == "Known AG"
    stack = window.ctx.undo
    assert stack.undoText() == "Import of 3 contacts"
    undo_action = window.edit_menu.actions()[0]
    assert undo_action.text() == "&Undo Import of 3 contacts"

    keys(window, qtbot)
    qtbot.waitUntil(lambda: names_in_view(window) == {"Known Person"})
    assert services.contacts.get(known).organization == ""
    assert services.contacts.count() == 1
    assert "Import undone: 2 contacts removed, 1 restored" in window.statusBar().currentMessage()
    assert stack.redoText() == "Import of 3 contacts" and stack.canRedo()
    assert window.edit_menu.actions()[1].text() == "&Redo Import of 3 contacts"
    if shots := os.environ.get("NETDESK_SCREENSHOTS"):
        window.grab().save(os.path.join(shots, "import-undone.png"))
        window.edit_menu.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
        qtbot.waitUntil(window.edit_menu.isVisible)
        window.edit_menu.grab().save(os.path.join(shots, "import-undone-edit-menu.png"))
        window.edit_menu.hide()

    keys(window, qtbot, shift=True)
    qtbot.waitUntil(lambda: names_in_view(window) == {"Anna Berg", "Ben Neu", "Known Person"})
    assert services.contacts.get(known).organization == "Known AG"
    assert "Import redone" in window.statusBar().currentMessage()
    assert stack.undoText() == "Import of 3 contacts"
    assert view.isVisible()


def test_a_refused_undo_shows_why_and_stays_undoable(
    main_window: Any,
    qtbot: Any,
    vcf: Path,
    services: Any,
    known: int,
    request: pytest.FixtureRequest,
    no_modal_dialogs: list[str],
) -> None:
    request.node.expects_error_dialog = True
    window = main_window
    import_from_preview(window, qtbot, vcf)
    merged = services.contacts.get(known)
    services.contacts.save(replace(merged, title="CFO"))  # not through the stack
    stack = window.ctx.undo
    index = stack.index()
    keys(window, qtbot)
    qtbot.waitUntil(lambda: bool(no_modal_dialogs))
    assert (
        "Known Person was changed after the import; undo that change first"
        in (no_modal_dialogs[-1])
    )
    qtbot.waitUntil(lambda: stack.index() == index)
    assert stack.canUndo() and stack.undoText() == "Import of 3 contacts"
    assert services.contacts.count() == 3  # nothing changed
    # The later edit taken back, the same command undoes the import.
    services.contacts.save(replace(services.contacts.get(known), title=merged.title))
    keys(window, qtbot)
    qtbot.waitUntil(lambda: services.contacts.count() == 1)
    assert stack.index() == index - 1


def test_a_large_import_is_undone_on_the_worker(
    main_window: Any,
    qtbot: Any,
    vcf: Path,
    services: Any,
    known: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ImportCommand, "WORKER_THRESHOLD", 0)
    window = main_window
    import_from_preview(window, qtbot, vcf)
    stack = window.ctx.undo
    stack.undo()
    command = stack.command(stack.index())
    assert isinstance(command, ImportCommand) and command.runner is not None
    qtbot.waitUntil(lambda: services.contacts.count() == 1)
    qtbot.waitUntil(lambda: "Import undone" in window.statusBar().currentMessage())
    stack.redo()
    qtbot.waitUntil(lambda: services.contacts.count() == 3)
    qtbot.waitUntil(lambda: "Import redone" in window.statusBar().currentMessage())
    assert services.contacts.get(known).organization == "Known AG"


def test_a_refused_undo_on_the_worker_puts_the_command_back(
    main_window: Any,
    qtbot: Any,
    vcf: Path,
    services: Any,
    known: int,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
    no_modal_dialogs: list[str],
) -> None:
    request.node.expects_error_dialog = True
    monkeypatch.setattr(ImportCommand, "WORKER_THRESHOLD", 0)
    window = main_window
    import_from_preview(window, qtbot, vcf)
    services.contacts.delete([known])
    stack = window.ctx.undo
    index = stack.index()
    stack.undo()
    qtbot.waitUntil(lambda: bool(no_modal_dialogs))
    assert "Known Person was deleted after the import" in no_modal_dialogs[-1]
    qtbot.waitUntil(lambda: stack.index() == index)
    assert stack.undoText() == "Import of 3 contacts"
    assert services.contacts.count() == 2  # the import stands: Anna and Ben
