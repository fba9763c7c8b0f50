"""Reliability in the window: File → Back up now / Restore from a backup… / Export CSV…, the
daily backup, a second launch activating the first, recovery from a damaged database, the
error dialog for uncaught exceptions, and forms that keep what was typed when a save fails."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMessageBox

from netdesk.core.errors import DatabaseCorruptError, DatabaseUnwritableError
from netdesk.core.model import Change, Contact, Email
from netdesk.services import backups as bk
from netdesk.ui.reliability import feature as reliability
from netdesk.ui.shell.single_instance import SingleInstance, bring_to_front, server_name

FULL_DISK = DatabaseUnwritableError(
    "The disk holding netdesk.db is full. Nothing was saved by the last action; free some "
    "space and try again.",
    detail="database or disk is full",
)


def _wait_idle(qtbot: Any, ctx: Any) -> None:
    qtbot.waitUntil(ctx.worker.idle, timeout=10000)


def _add(ctx: Any, name: str) -> int:
    cid, _ = ctx.services.contacts.create(
        Contact(given_name=name, emails=(Email(f"{name.lower()}@example.com"),))
    )
    return cid


def _menu_texts(window: Any) -> list[str]:
    return [a.text().replace("&", "") for a in window.file_menu.actions() if a.text()]


# --------------------------------------------------------------- File menu
def test_file_menu_has_the_reliability_actions(main_window: Any) -> None:
    texts = _menu_texts(main_window)
    for text in ("Back up now", "Restore from a backup…", "Export CSV…"):
        assert text in texts
    assert texts[-1] == "Quit"


def test_back_up_now_makes_a_checked_backup(main_window: Any, qtbot: Any) -> None:
    ctx = main_window.ctx
    _add(ctx, "Anna")
    with qtbot.waitSignal(ctx.nav.status, timeout=10000) as blocker:
        main_window.backup_action.trigger()
    assert blocker.args[0].startswith("Backed up to")
    [info] = bk.list_backups(ctx.services.db.path)
    assert info.kind == bk.MANUAL and bk.verify_backup(info.path).contacts == 1


def test_restore_dialog_lists_the_backups_newest_first(main_window: Any, qtbot: Any) -> None:
    path = main_window.ctx.services.db.path
    older = bk.make_backup(path, bk.AUTO)
    newer = bk.make_backup(path, bk.MANUAL)
    dialog = reliability.RestoreDialog(path, main_window)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2
    assert dialog.chosen() == newer.path
    assert "backed up by hand" in dialog.list.item(0).text()
    assert "daily backup" in dialog.list.item(1).text()
    dialog.list.setCurrentRow(1)
    assert dialog.chosen() == older.path
    assert dialog.restore_button.isEnabled()


def test_restore_dialog_with_no_backups_says_so(main_window: Any, qtbot: Any) -> None:
    dialog = reliability.RestoreDialog(main_window.ctx.services.db.path, main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.empty.isVisible() and not dialog.list.isVisible()
    assert not dialog.restore_button.isEnabled()


def test_restore_replaces_the_data_after_backing_up(
    main_window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = main_window.ctx
    _add(ctx, "Anna")
    good = bk.make_backup(ctx.services.db.path)
    _add(ctx, "Bert")
    asked: list[int] = []
    monkeypatch.setattr(
        reliability, "confirm_restore", lambda _parent, check: asked.append(check.contacts) or True
    )
    monkeypatch.setattr(reliability, "choose_backup", lambda *_args, **_kw: good.path)
    changes: list[Change] = []
    ctx.bus.changed.connect(changes.append)
    with qtbot.waitSignal(ctx.nav.status, timeout=10000) as blocker:
        main_window.restore_action.trigger()
    assert asked == [1]
    assert "Restored 1 contacts" in blocker.args[0]
    assert any(c.everything for c in changes)
    assert [
        s.display_name
        for s in ctx.services.contacts.summaries(ctx.services.contacts.list_ids()).values()
    ] == ["Anna"]
    kinds = [b.kind for b in bk.list_backups(ctx.services.db.path)]
    assert bk.BEFORE_RESTORE in kinds


def test_restore_is_not_done_without_a_yes(
    main_window: Any, qtbot: Any, no_modal_dialogs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = main_window.ctx
    _add(ctx, "Anna")
    good = bk.make_backup(ctx.services.db.path)
    _add(ctx, "Bert")
    monkeypatch.setattr(reliability, "choose_backup", lambda *_args, **_kw: good.path)
    main_window.restore_action.trigger()  # the question defaults to No
    _wait_idle(qtbot, ctx)
    assert any("Restore this backup?" in text for text in no_modal_dialogs)
    assert ctx.services.contacts.count() == 2
    assert [b.kind for b in bk.list_backups(ctx.services.db.path)] == [bk.MANUAL]


def test_restore_refuses_a_damaged_backup(
    main_window: Any,
    qtbot: Any,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    no_modal_dialogs: list[str],
) -> None:
    request.node.expects_error_dialog = True
    ctx = main_window.ctx
    _add(ctx, "Anna")
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 100)
    reliability.restore_from_backup(main_window, bad)
    _wait_idle(qtbot, ctx)
    assert any("cannot be restored" in t and "not a NetDesk backup" in t for t in no_modal_dialogs)
    assert ctx.services.contacts.count() == 1


def test_export_csv_from_the_window(main_window: Any, qtbot: Any, tmp_path: Path) -> None:
    ctx = main_window.ctx
    _add(ctx, "=Anna")
    dest = tmp_path / "out.csv"
    with qtbot.waitSignal(ctx.nav.status, timeout=10000) as blocker:
        reliability.export_csv(main_window, dest)
    assert blocker.args[0] == "Exported 1 contacts to out.csv"
    assert "'=Anna" in dest.read_text(encoding="utf-8-sig")


def test_export_csv_menu_asks_for_a_file(
    main_window: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    _add(main_window.ctx, "Anna")
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "picked"), "CSV (*.csv)")
    )
    with qtbot.waitSignal(main_window.ctx.nav.status, timeout=10000):
        main_window.export_csv_action.trigger()
    assert (tmp_path / "picked.csv").is_file()


def test_daily_backup_runs_on_the_worker_once_a_day(main_window: Any, qtbot: Any) -> None:
    ctx = main_window.ctx
    with qtbot.waitSignal(ctx.nav.status, timeout=10000) as blocker:
        reliability.schedule_automatic_backup(main_window)
    assert blocker.args[0].startswith("Daily backup saved")
    reliability.schedule_automatic_backup(main_window)
    _wait_idle(qtbot, ctx)
    assert [b.kind for b in bk.list_backups(ctx.services.db.path)] == [bk.AUTO]


def test_daily_backup_can_be_turned_off(main_window: Any, qtbot: Any) -> None:
    from dataclasses import replace

    services = main_window.ctx.services
    services.set_preferences(replace(services.preferences, auto_backup=False))
    reliability.schedule_automatic_backup(main_window)
    _wait_idle(qtbot, main_window.ctx)
    assert bk.list_backups(services.db.path) == []


def test_daily_backup_of_a_damaged_database_says_so(
    main_window: Any,
    qtbot: Any,
    request: pytest.FixtureRequest,
    no_modal_dialogs: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    request.node.expects_error_dialog = True

    def damaged(_path: Path, **_kw: object) -> None:
        raise DatabaseCorruptError("The database netdesk.db is damaged.", detail="malformed")

    monkeypatch.setattr(bk, "automatic_backup", damaged)
    reliability.schedule_automatic_backup(main_window)
    _wait_idle(qtbot, main_window.ctx)
    qtbot.waitUntil(lambda: bool(no_modal_dialogs))
    assert "Restore from a backup" in no_modal_dialogs[0]


# ---------------------------------------------------------- single instance
def test_server_name_depends_on_the_database(tmp_path: Path) -> None:
    a = server_name(tmp_path / "a.db")
    assert a == server_name(tmp_path / "x" / ".." / "a.db")
    assert a != server_name(tmp_path / "b.db")
    assert a.startswith("netdesk-") and len(a) < 40


_SECOND_LAUNCH = """
import sys
from pathlib import Path
from netdesk.ui.shell.single_instance import SingleInstance

other = SingleInstance(Path(sys.argv[2])).activate_running(300)
second = SingleInstance(Path(sys.argv[1]))
same = second.activate_running(3000) and second.answered
print(f"other={other} same={same}")
"""


def test_second_launch_activates_the_first(qapp: Any, qtbot: Any, tmp_path: Path) -> None:
    # The second launch is a real second process, as it is for a user; a thread in this
    # process would leave Qt objects of a finished thread behind (a crash at teardown).
    db = tmp_path / "netdesk.db"
    first = SingleInstance(db)
    assert first.listen()
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    window.setWindowState(Qt.WindowState.WindowMinimized)
    first.activation_requested.connect(lambda: bring_to_front(window))
    try:
        with qtbot.waitSignal(first.activation_requested, timeout=20000):
            proc = subprocess.Popen(
                [sys.executable, "-c", _SECOND_LAUNCH, str(db), str(tmp_path / "other.db")],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=20000)
        out, err = proc.communicate()
        assert proc.returncode == 0, err
        # another database: nobody answers; the same database: the first one answers
        assert out.split() == ["other=False", "same=True"]
        assert not window.windowState() & Qt.WindowState.WindowMinimized
        # the second launch must not take over the name
        assert not SingleInstance(db).listen()
    finally:
        first.close()
    # once the first has gone, the next launch becomes the listening instance
    again = SingleInstance(db)
    assert again.listen()
    again.close()


# ------------------------------------------------ damaged database at start
def test_damaged_database_at_start_offers_a_backup_and_moves_the_file_aside(
    qapp: Any,
    tmp_path: Path,
    template_db: Path,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    request.node.expects_error_dialog = True
    path = tmp_path / "netdesk.db"
    shutil.copyfile(template_db, path)
    good = bk.make_backup(path)
    path.write_bytes(b"not a database any more" * 200)
    texts: list[str] = []

    def click_restore(box: QMessageBox) -> int:
        texts.append(box.text())
        button = next(b for b in box.buttons() if b.text().startswith("Restore a backup"))
        button.click()
        return 0

    def pick_first(dialog: QDialog) -> int:
        texts.append(dialog.list.item(0).text())  # type: ignore[attr-defined]
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(QMessageBox, "exec", click_restore)
    monkeypatch.setattr(reliability.RestoreDialog, "exec", pick_first)
    err = DatabaseCorruptError("The database is damaged.")
    assert reliability.recover_damaged_database(path, err)
    assert texts[0] == "The database is damaged."
    assert "backed up by hand" in texts[1]
    assert bk.verify_backup(path).revision == bk.verify_backup(good.path).revision
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("netdesk.db.damaged-")]
    assert len(aside) == 1
    assert (aside[0] / "netdesk.db").read_bytes() == b"not a database any more" * 200


def test_damaged_database_at_start_can_be_left_alone(
    qapp: Any, tmp_path: Path, request: pytest.FixtureRequest, no_modal_dialogs: list[str]
) -> None:
    request.node.expects_error_dialog = True
    path = tmp_path / "netdesk.db"
    path.write_bytes(b"junk" * 100)
    assert not reliability.recover_damaged_database(path, DatabaseCorruptError("damaged"))
    assert path.read_bytes() == b"junk" * 100
    assert no_modal_dialogs and "damaged" in no_modal_dialogs[0]


def test_run_gui_on_a_damaged_database_restores_then_opens(
    qapp: Any,
    tmp_path: Path,
    template_db: Path,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """app.run_gui: corrupt file -> recovery offered -> restored -> the window opens on it."""
    from netdesk import app as app_module
    from netdesk.ui.shell import application

    request.node.expects_error_dialog = True
    path = tmp_path / "netdesk.db"
    shutil.copyfile(template_db, path)
    bk.make_backup(path)
    path.write_bytes(b"junk" * 1000)
    offered: list[Path] = []

    def recover(p: Path, err: DatabaseCorruptError) -> bool:
        offered.append(p)
        bk.restore_backup(p, bk.list_backups(p)[0].path)
        return True

    opened: list[int] = []

    def fake_main_window(_app: Any, services: Any, **_kw: Any) -> int:
        opened.append(services.contacts.count())
        return 0

    monkeypatch.setattr(reliability, "recover_damaged_database", recover)
    monkeypatch.setattr(application, "run_main_window", fake_main_window)
    assert app_module.run_gui(path) == 0
    assert offered == [path] and opened == [0]


# --------------------------------------------------------- uncaught errors
@pytest.mark.qt_no_exception_capture
def test_uncaught_exception_shows_a_dialog_logs_it_and_the_app_goes_on(
    main_window: Any,
    qtbot: Any,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    netdesk_home: Path,
) -> None:
    from netdesk.ui.common.errors import install_excepthook
    from netdesk.ui.shell.application import setup_logging

    request.node.expects_error_dialog = True
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    logger = logging.getLogger("netdesk")
    saved_handlers = list(logger.handlers)
    logger.handlers.clear()
    shown: list[tuple[str, str, str]] = []

    def exec_and_copy(box: QMessageBox) -> int:
        copy = next(b for b in box.buttons() if b.text() == "Copy details")
        copy.click()
        shown.append((box.text(), box.detailedText(), QApplication.clipboard().text()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_and_copy)
    try:
        setup_logging()
        install_excepthook()

        def broken_slot() -> None:
            raise KeyError("no such contact 4711")

        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: bool(shown), timeout=5000)
        for handler in logger.handlers:
            handler.flush()
    finally:
        for handler in logger.handlers:
            handler.close()
        logger.handlers[:] = saved_handlers
    message, details, clipboard = shown[0]
    assert "unexpected problem" in message and "KeyError" in message
    assert "Traceback" in details and "broken_slot" in details
    assert clipboard.startswith(message) and "broken_slot" in clipboard
    log_text = (netdesk_home / "logs" / "netdesk.log").read_text(encoding="utf-8")
    assert "Uncaught exception" in log_text and "no such contact 4711" in log_text
    # the app goes on: the window still works
    main_window.show_view("contacts")
    assert main_window.view_key() == "contacts" and main_window.isVisible()


# ------------------------------------------------ what was typed stays typed
def test_quick_log_keeps_the_form_when_the_disk_is_full(
    ui_ctx: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from helpers import type_text

    from netdesk.ui.timeline.quick_log import QuickLogDialog

    cid = _add(ui_ctx, "Anna")

    def full(*_a: object, **_k: object) -> None:
        raise FULL_DISK

    monkeypatch.setattr(ui_ctx.services.activity, "log", full)
    dialog = QuickLogDialog(ui_ctx, [cid])
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.summary, "Coffee about the Müller tender")
    dialog.notes.setPlainText("She sends the documents on Friday.")
    dialog.save()
    assert "disk holding netdesk.db is full" in dialog.error.text()
    assert dialog.summary.text() == "Coffee about the Müller tender"
    assert dialog.notes.toPlainText() == "She sends the documents on Friday."
    assert dialog.contacts.ids() == [cid]
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert ui_ctx.services.activity.interaction_count(cid) == 0


def test_card_entry_keeps_the_form_when_the_disk_is_full(
    main_window: Any,
    qtbot: Any,
    request: pytest.FixtureRequest,
    no_modal_dialogs: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from helpers import type_text

    request.node.expects_error_dialog = True
    view = main_window.views["cards"]
    main_window.show_view("cards")

    def full(*_a: object, **_k: object) -> None:
        raise FULL_DISK

    monkeypatch.setattr(view.cards, "save_card", full)
    type_text(view.name, "Jürgen Müller")
    type_text(view.company, "Kessler Logistik")
    view.save_card()
    assert any("disk holding netdesk.db is full" in t for t in no_modal_dialogs)
    assert view.name.text() == "Jürgen Müller"
    assert view.company.text() == "Kessler Logistik"
    assert main_window.ctx.services.contacts.count() == 0


@pytest.mark.skipif(sys.platform == "win32", reason="Unix socket files")
def test_a_socket_left_by_a_crash_is_taken_over(qapp: Any, tmp_path: Path) -> None:
    import socket

    from PySide6.QtCore import QDir

    db = tmp_path / "netdesk.db"
    stale = Path(QDir.tempPath()) / server_name(db)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.bind(str(stale))  # bound, never listening, file left behind: like a crash
    assert stale.exists()
    try:
        assert not SingleInstance(db).activate_running(300)
        instance = SingleInstance(db)
        assert instance.listen()
        instance.close()
    finally:
        stale.unlink(missing_ok=True)
