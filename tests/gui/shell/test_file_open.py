"""Opening .vcf files: named on the command line, sent as macOS "open document" events
(QFileOpenEvent), or handed over by a second launch on the same database. Each opens the import
preview with the file's cards; nothing is written before the user confirms."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from netdesk.ui.shell import file_open
from netdesk.ui.shell.file_open import GATHER_MS, RETRY_MS, FileOpener
from netdesk.ui.shell.main_window import MainWindow
from netdesk.ui.shell.single_instance import SingleInstance, decode_open, encode_open

CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Berg\r\nEMAIL:anna@example.com\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jürgen Müller\r\nTEL;TYPE=CELL:+49 171 9876543\r\n"
    "END:VCARD\r\n"
)
MORE = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dora Weiss\r\nEMAIL:dora@example.com\r\nEND:VCARD\r\n"


@pytest.fixture
def vcf(tmp_path: Path) -> Path:
    folder = tmp_path / "Visitenkarten Messe"
    folder.mkdir()
    path = folder / "Jürgen & Anna.vcf"
    path.write_bytes(CARDS.encode("utf-8"))
    return path


@pytest.fixture
def other_vcf(tmp_path: Path) -> Path:
    path = tmp_path / "dora.vcf"
    path.write_bytes(MORE.encode("utf-8"))
    return path


@pytest.fixture
def opener(qapp: Any) -> Iterator[FileOpener]:
    """An opener that watches QFileOpenEvent on every platform (the app does on macOS)."""
    o = FileOpener(qapp, watch_events=True)
    yield o
    o.close()


def preview_of(window: Any, qtbot: Any, previous: Any = None) -> Any:
    def shown() -> bool:
        dialog = window.interchange.preview_dialog
        return dialog is not None and dialog is not previous and dialog.isVisible()

    qtbot.waitUntil(shown, timeout=10000)
    return window.interchange.preview_dialog


def counts(preview: Any) -> dict[str, str]:
    return {k: v.text() for k, v in preview.count_labels.items()}


def send_file_open(path: Path | str) -> bool:
    app = QApplication.instance()
    assert app is not None
    return QApplication.sendEvent(app, QFileOpenEvent(str(path)))


# ------------------------------------------------------------- the opener in the window
def test_a_file_open_event_before_the_views_exist_opens_the_preview_after_attach(
    ui_ctx: Any, qtbot: Any, opener: FileOpener, vcf: Path, services: Any
) -> None:
    window = MainWindow(settings=services.settings)  # the "Opening your contacts…" window
    qtbot.addWidget(window)
    window.show()
    assert send_file_open(vcf)  # handled: Qt does not go on with it
    assert opener.pending == [str(vcf)]
    qtbot.wait(2 * GATHER_MS)
    assert opener.pending == [str(vcf)]  # waits for the views

    window.attach(ui_ctx)
    opener.attach(window, ui_ctx.nav.import_files.emit)
    preview = preview_of(window, qtbot)
    assert opener.pending == []
    assert preview.plan.files == (str(vcf),)
    assert counts(preview) == {"new": "2", "match": "0", "duplicate": "0", "unreadable": "0"}
    assert sorted(c.contact.display_name for c in preview.plan.cards) == [
        "Anna Berg",
        "Jürgen Müller",
    ]
    assert services.contacts.count() == 0  # nothing is written before the user confirms
    if os.environ.get("NETDESK_SCREENSHOTS"):
        preview.grab().save(os.path.join(os.environ["NETDESK_SCREENSHOTS"], "file-open.png"))
    preview.reject()
    qtbot.waitUntil(lambda: window.ctx.worker.idle())
    assert services.contacts.count() == 0


def test_files_from_the_command_line_open_together_once_attached(
    main_window: Any,
    qtbot: Any,
    opener: FileOpener,
    vcf: Path,
    other_vcf: Path,
    services: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(other_vcf.parent)
    opener.open([str(vcf), "dora.vcf", str(vcf)])  # relative: made absolute at once
    assert opener.pending == [str(vcf), str(other_vcf)]
    opener.attach(main_window, main_window.ctx.nav.import_files.emit)
    preview = preview_of(main_window, qtbot)
    assert preview.plan.files == (str(vcf), str(other_vcf))
    assert counts(preview)["new"] == "3"
    preview.import_button.click()  # the user confirms: now it is imported
    qtbot.waitUntil(
        lambda: (
            main_window.interchange.account_dialog is not None
            and main_window.interchange.account_dialog.isVisible()
        ),
        timeout=10000,
    )
    assert services.contacts.count() == 3
    main_window.interchange.account_dialog.accept()


def test_events_for_several_files_open_one_preview(
    main_window: Any, qtbot: Any, opener: FileOpener, vcf: Path, other_vcf: Path
) -> None:
    """Finder sends one event per file when several are opened at once."""
    opener.attach(main_window, main_window.ctx.nav.import_files.emit)
    assert send_file_open(vcf)
    assert send_file_open(other_vcf)
    preview = preview_of(main_window, qtbot)
    assert preview.plan.files == (str(vcf), str(other_vcf))
    assert counts(preview)["new"] == "3"


def test_a_file_opened_while_a_preview_is_open_waits_for_it(
    main_window: Any, qtbot: Any, opener: FileOpener, vcf: Path, other_vcf: Path
) -> None:
    opener.attach(main_window, main_window.ctx.nav.import_files.emit)
    assert send_file_open(vcf)
    first = preview_of(main_window, qtbot)
    assert send_file_open(other_vcf)
    qtbot.wait(GATHER_MS + 2 * RETRY_MS)
    assert main_window.interchange.preview_dialog is first and first.isVisible()
    assert opener.pending == [str(other_vcf)]
    first.reject()
    second = preview_of(main_window, qtbot, previous=first)
    assert second.plan.files == (str(other_vcf),)
    assert opener.pending == []


def test_an_event_without_a_local_file_is_left_to_qt(qapp: Any, opener: FileOpener) -> None:
    from PySide6.QtCore import QUrl

    assert not QApplication.sendEvent(qapp, QFileOpenEvent(QUrl("https://example.com/a.vcf")))
    assert opener.pending == []


def test_the_opener_watches_events_only_where_the_platform_sends_them(qapp: Any) -> None:
    o = FileOpener(qapp)
    try:
        assert o.watching == (sys.platform == "darwin")
    finally:
        o.close()


def test_a_missing_file_says_so_and_imports_nothing(
    main_window: Any,
    qtbot: Any,
    opener: FileOpener,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    no_modal_dialogs: list[str],
) -> None:
    request.node.expects_error_dialog = True
    missing = tmp_path / "nowhere" / "missing.vcf"
    opener.attach(main_window, main_window.ctx.nav.import_files.emit)
    opener.open([str(missing)])
    qtbot.waitUntil(lambda: bool(no_modal_dialogs), timeout=10000)
    message = no_modal_dialogs[0].split("\n")[0]  # the technical detail is behind a button
    assert message.startswith("Reading contacts failed: ")
    assert f"Cannot read {missing}" in message and "Nothing was imported" in message
    assert main_window.interchange.preview_dialog is None


def test_a_file_that_is_not_a_vcard_says_so(
    main_window: Any,
    qtbot: Any,
    opener: FileOpener,
    tmp_path: Path,
    no_modal_dialogs: list[str],
) -> None:
    notes = tmp_path / "notes.vcf"
    notes.write_text("Call Anna about the tender.\n", encoding="utf-8")
    opener.attach(main_window, main_window.ctx.nav.import_files.emit)
    opener.open([str(notes)])
    qtbot.waitUntil(lambda: bool(no_modal_dialogs), timeout=10000)
    assert "No vCards were found in notes.vcf" in no_modal_dialogs[0]
    assert main_window.interchange.preview_dialog is None


# --------------------------------------------------------------- the whole start-up
def test_run_gui_opens_argv_files_and_early_events_in_the_preview(
    qapp: Any,
    qtbot: Any,
    db_path: Path,
    vcf: Path,
    other_vcf: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """app.run_gui with a file on the command line and a macOS event arriving while the
    database opens (before attach): one preview with both, once the window has its views."""
    from netdesk import app as app_module
    from netdesk.ui.shell import application

    monkeypatch.setattr(file_open, "platform_sends_file_open_events", lambda: True)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_main_window installs a hook
    logger = logging.getLogger("netdesk")
    monkeypatch.setattr(logger, "handlers", list(logger.handlers))
    real_show_opening = application.show_opening_window

    def opening_then_event(app: Any, settings: Any) -> Any:
        window = real_show_opening(app, settings)
        assert send_file_open(other_vcf)  # the views do not exist yet
        assert not hasattr(window, "interchange")
        return window

    seen: dict[str, Any] = {}

    def fake_exec(app: Any) -> int:
        window = next(
            w
            for w in app.topLevelWidgets()
            if isinstance(w, MainWindow) and w.isVisible() and hasattr(w, "interchange")
        )
        preview = preview_of(window, qtbot)
        seen["files"] = preview.plan.files
        seen["counts"] = counts(preview)
        seen["written"] = window.ctx.services.contacts.count()
        preview.reject()
        window.close()
        window.deleteLater()
        return 0

    monkeypatch.setattr(application, "show_opening_window", opening_then_event)
    monkeypatch.setattr(QApplication, "exec", fake_exec)
    try:
        assert app_module.run_gui(db_path, files=[str(vcf)]) == 0
    finally:
        for handler in logger.handlers:
            handler.close()
    assert seen == {
        "files": (str(vcf), str(other_vcf)),
        "counts": {"new": "3", "match": "0", "duplicate": "0", "unreadable": "0"},
        "written": 0,
    }
    assert not any(isinstance(o, FileOpener) and o.watching for o in qapp.children())


# ----------------------------------------------------------------- a second launch
def test_a_second_launch_hands_its_files_to_the_first(
    main_window: Any,
    qtbot: Any,
    opener: FileOpener,
    db_path: Path,
    vcf: Path,
    netdesk_home: Path,
) -> None:
    """``netdesk --db DB "Visitenkarten Messe/Jürgen & Anna.vcf"`` run as a real second
    process, from another working directory, with a relative path: the running window shows
    the preview of that file, and the second process exits at once."""
    first = SingleInstance(db_path)
    assert first.listen()
    first.open_requested.connect(opener.open)
    opener.attach(main_window, main_window.ctx.nav.import_files.emit)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NETDESK_HOME=str(netdesk_home))
    relative = os.path.join(vcf.parent.name, vcf.name)
    proc = subprocess.Popen(
        [sys.executable, "-m", "netdesk", "--db", str(db_path), relative],
        cwd=vcf.parent.parent,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        with qtbot.waitSignal(first.open_requested, timeout=20000) as blocker:
            pass
        assert blocker.args == [[str(vcf)]]
        preview = preview_of(main_window, qtbot)
        assert preview.plan.files == (str(vcf),)
        assert counts(preview)["new"] == "2"
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=20000)
        out, err = proc.communicate()
        assert proc.returncode == 0, err
        assert out == "" and err == ""
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        first.close()
    assert main_window.ctx.services.contacts.count() == 0


_RAW_CLIENT = """
import sys
from PySide6.QtNetwork import QLocalSocket

for request in sys.stdin.read().split():
    sock = QLocalSocket()
    sock.connectToServer(sys.argv[1])
    assert sock.waitForConnected(3000)
    sock.write(bytes.fromhex(request))
    sock.waitForBytesWritten(3000)
    answer = b""
    while sock.state() == QLocalSocket.LocalSocketState.ConnectedState and answer != b"ok\\n":
        if sock.waitForReadyRead(100) or sock.bytesAvailable():
            answer += bytes(sock.readAll().data())
    print(answer.decode().strip() or "dropped", flush=True)
"""


def test_the_running_instance_accepts_only_the_protocol(
    qapp: Any, qtbot: Any, tmp_path: Path
) -> None:
    db = tmp_path / "netdesk.db"
    first = SingleInstance(db)
    assert first.listen()
    opened: list[list[str]] = []
    activated: list[int] = []
    first.open_requested.connect(opened.append)
    first.activation_requested.connect(lambda: activated.append(1))
    odd = "/tmp/Müller %41 \u20ac\nzwei.vcf"
    requests = [
        b"hello\n",  # not a command
        b"open relative.vcf\nactivate\n",  # a relative path
        b"open /a.vcf\nopen \n",  # an empty path, before any activate
        b"open /" + b"x" * 70_000,  # a line without end
        encode_open(odd) + b"activate\n",  # escaped newline and percent
        b"activate\n",  # the old request, without files
    ]
    try:
        with subprocess.Popen(
            [sys.executable, "-c", _RAW_CLIENT, first.name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ) as proc:
            assert proc.stdin is not None and proc.stdout is not None
            assert proc.stderr is not None
            proc.stdin.write("\n".join(r.hex() for r in requests))
            proc.stdin.close()  # the answers are a few short lines: the pipes do not fill up
            try:
                qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30000)
            finally:
                if proc.poll() is None:
                    proc.kill()
            out, err = proc.stdout.read(), proc.stderr.read()
    finally:
        first.close()
    assert proc.returncode == 0, err
    assert out.split("\n")[:-1] == ["dropped", "dropped", "dropped", "dropped", "ok", "ok"]
    assert opened == [[odd]]
    assert activated == [1, 1]


@pytest.mark.parametrize(
    "path",
    [
        "/home/anna/Visitenkarten/Jürgen Müller.vcf",
        "/tmp/100% sure\r\n.vcf",
        "/tmp/\u00e9\u20ac\U0001f600.vcf",
        "C:\\Users\\Anna\\Kontakte\\Müller.vcf" if sys.platform == "win32" else "/tmp/tab\t.vcf",
    ],
)
def test_open_lines_round_trip_and_are_one_utf8_line(path: str) -> None:
    line = encode_open(path)
    assert line.startswith(b"open ") and line.endswith(b"\n") and line.count(b"\n") == 1
    line.decode("utf-8")
    assert decode_open(line) == path


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes")
def test_a_file_name_that_is_not_utf8_survives_the_hand_over() -> None:
    path = os.fsdecode(b"/tmp/caf\xe9.vcf")  # Latin-1 bytes on disk
    line = encode_open(path)
    assert b"%E9" in line
    line.decode("utf-8")
    assert decode_open(line) == path
