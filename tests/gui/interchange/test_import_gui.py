"""vCard import and export in the window: menu shortcuts, the welcome button, dropped files,
the preview with policies, the progress runner with cancel, the account, and export scopes."""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import Any

import pytest
from helpers import drag_files, wait_preview
from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from netdesk.core.model import Contact, Email
from netdesk.ui.shell.main_window import MainWindow

CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Berg\r\nEMAIL:anna@example.com\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen\r\n"
    "TEL;CELL:+49 171 9876543\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna B.\r\nEMAIL:ANNA@example.com\r\n"
    "TITLE:CTO\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Known Person\r\nEMAIL:known@example.com\r\n"
    "ORG:Known AG\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nEND:VCARD\r\n"
)


@pytest.fixture
def vcf(tmp_path: Path) -> Path:
    path = tmp_path / "contacts.vcf"
    path.write_bytes(CARDS.encode("utf-8"))
    return path


def activate(window: MainWindow, qtbot: Any) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def wait_account(window: Any, qtbot: Any) -> Any:
    qtbot.waitUntil(
        lambda: (
            window.interchange.account_dialog is not None
            and window.interchange.account_dialog.isVisible()
        ),
        timeout=10000,
    )
    return window.interchange.account_dialog


def test_file_menu_offers_import_and_export_with_shortcuts(main_window: Any) -> None:
    texts = [a.text() for a in main_window.file_menu.actions()]
    assert texts[:2] == ["&Import contacts…", "&Export vCards…"]
    feature = main_window.interchange
    assert feature.import_action.shortcut().toString() == "Ctrl+I"
    assert feature.export_action.shortcut().toString() == "Ctrl+E"
    assert "Ctrl+I" in feature.import_action.toolTip()
    assert main_window.acceptDrops()


def test_import_with_ctrl_i_preview_then_account(
    main_window: Any, qtbot: Any, vcf: Path, monkeypatch: pytest.MonkeyPatch, services: Any
) -> None:
    services.contacts.create(
        Contact(display_name="Known Person", emails=(Email("known@example.com"),), title="CEO")
    )
    asked: list[str] = []

    def fake_open(*args: Any, **kwargs: Any) -> tuple[list[str], str]:
        asked.append(args[1])
        return [str(vcf)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", fake_open)
    activate(main_window, qtbot)
    qtbot.keyClick(main_window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    preview = wait_preview(main_window, qtbot)
    assert asked == ["Import contacts"]
    assert services.contacts.count() == 1  # nothing written yet
    counts = {k: v.text() for k, v in preview.count_labels.items()}
    assert counts == {"new": "2", "match": "1", "duplicate": "1", "unreadable": "1"}
    assert preview.policy() == "merge"
    rows = [
        tuple(preview.matches.item(r, c).text() for c in range(3))
        for r in range(preview.matches.rowCount())
    ]
    assert rows == [
        ("contacts.vcf, card 5 (line 23)", "cannot be read", "the card is empty"),
        # the reasons of the "same person" rule (card entry and Duplicates give the same)
        (
            "3: Anna B.",
            "card 1 (Anna Berg)",
            "same email anna@example.com; names match: Anna Berg ≈ Anna B.",
        ),
        (
            "4: Known Person",
            "Known Person",
            "same email known@example.com; same name: Known Person",
        ),
    ]
    if os.environ.get("NETDESK_SCREENSHOTS"):
        preview.grab().save(os.path.join(os.environ["NETDESK_SCREENSHOTS"], "preview.png"))
    preview.import_button.click()
    account = wait_account(main_window, qtbot)
    report = main_window.interchange.last_report
    assert (report.cards, report.imported, report.merged, report.skipped) == (5, 2, 2, 0)
    assert "5 cards" in account.summary.text()
    assert account.table.rowCount() == 1
    assert [account.table.item(0, c).text() for c in range(3)] == ["contacts.vcf", "5", "23"]
    assert account.table.item(0, 3).text() == "the card is empty"
    if os.environ.get("NETDESK_SCREENSHOTS"):
        account.grab().save(os.path.join(os.environ["NETDESK_SCREENSHOTS"], "account.png"))
    names = {services.contacts.get(i).display_name for i in services.contacts.list_ids()}
    assert names == {"Anna Berg", "Jürgen Müller", "Known Person"}
    anna = next(
        services.contacts.get(i)
        for i in services.contacts.list_ids()
        if services.contacts.get(i).display_name == "Anna Berg"
    )
    assert anna.title == "CTO"
    assert "Import finished" in main_window.statusBar().currentMessage()
    # The plan is let go off the GUI thread, and the collector gets its objects back.
    assert main_window.interchange.preview_dialog is None
    qtbot.waitUntil(lambda: gc.get_freeze_count() == 0 and main_window.ctx.worker.idle())
    # the GUI keeps automatic collection off (gc_policy runs it); the import left it so
    assert not gc.isenabled()


def test_skip_policy_from_the_preview(
    main_window: Any, qtbot: Any, vcf: Path, services: Any
) -> None:
    main_window.ctx.nav.import_files.emit([str(vcf)])  # the welcome panel's button, with paths
    preview = wait_preview(main_window, qtbot)
    preview.policy_buttons["skip"].click()
    assert preview.policy() == "skip"
    preview.accept()
    wait_account(main_window, qtbot)
    report = main_window.interchange.last_report
    assert (report.imported, report.merged, report.skipped) == (3, 0, 1)
    assert services.contacts.count() == 3


def test_welcome_button_asks_for_files(
    main_window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[int] = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: (asked.append(1), ([], ""))[1]
    )
    today = main_window.views["today"]
    qtbot.mouseClick(today.welcome.import_button, Qt.MouseButton.LeftButton)
    assert asked == [1]
    assert main_window.interchange.preview_dialog is None


def test_dropping_vcf_files_on_the_window_imports_them(
    main_window: Any, qtbot: Any, vcf: Path, tmp_path: Path
) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("not a vcard", encoding="utf-8")
    assert drag_files(main_window, [vcf, other]) == (True, True)
    preview = wait_preview(main_window, qtbot)
    assert preview.plan.files == (str(vcf),)
    text_only = QMimeData()
    text_only.setText("hello")
    refused = QDragEnterEvent(
        QPoint(200, 200),
        Qt.DropAction.CopyAction,
        text_only,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    refused.ignore()
    QApplication.sendEvent(main_window, refused)
    assert not refused.isAccepted()


def test_cancelled_import_writes_nothing(
    main_window: Any, qtbot: Any, vcf: Path, services: Any
) -> None:
    import threading

    plan = services.interchange.preview([vcf])
    feature = main_window.interchange
    gate = threading.Event()
    main_window.ctx.worker.submit(lambda _control: gate.wait(10))  # hold the worker
    feature.apply(plan, "merge")
    runner = feature.runner
    runner.task.cancel()  # the user presses Cancel before the import gets going
    gate.set()
    qtbot.waitUntil(lambda: runner.task.done, timeout=10000)
    assert services.contacts.count() == 0
    assert feature.account_dialog is None
    qtbot.waitUntil(lambda: "cancelled" in main_window.statusBar().currentMessage())


def test_export_a_tag_in_vcard_4(
    main_window: Any, qtbot: Any, services: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.contacts.create(Contact(display_name="Tagged", tags=("clients",)))
    services.contacts.create(Contact(display_name="Untagged"))
    target = tmp_path / "out"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    activate(main_window, qtbot)
    qtbot.keyClick(main_window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = main_window.interchange.export_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.scope_all.isChecked() and not dialog.scope_selection.isEnabled()
    assert "(2)" in dialog.scope_all.text()
    dialog.scope_tag.click()
    assert dialog.tag.isEnabled() and dialog.tag.currentText() == "clients"
    dialog.version.setCurrentIndex(1)
    dialog.accept()
    written = tmp_path / "out.vcf"
    qtbot.waitUntil(written.exists, timeout=10000)
    qtbot.waitUntil(lambda: "Exported" in main_window.statusBar().currentMessage())
    text = written.read_text(encoding="utf-8")
    assert text.count("BEGIN:VCARD") == 1 and "FN:Tagged" in text and "VERSION:4.0" in text


def test_export_the_selection(
    main_window: Any, qtbot: Any, services: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = services.contacts.create(Contact(display_name="Selected One"))
    services.contacts.create(Contact(display_name="Other"))
    monkeypatch.setattr(main_window.interchange, "_selected_ids", lambda: [first])
    target = tmp_path / "sel.vcf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    main_window.interchange.ask_export()
    dialog = main_window.interchange.export_dialog
    assert dialog.scope_selection.isChecked()
    assert dialog.choice() == ("selection", [first], None, "3.0")
    dialog.accept()
    qtbot.waitUntil(target.exists, timeout=10000)
    text = target.read_text(encoding="utf-8")
    assert "FN:Selected One" in text and "Other" not in text and "VERSION:3.0" in text
