"""Issue 19 item 8 in the window: odd files dropped or opened are refused with a clear message
(no hang, no traceback), and the import preview lists what was dropped from the cards."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from helpers import drag_files, wait_preview

ODD = (
    b"stray line\r\n"  # 1
    b"BEGIN:VCARD\r\n"  # 2
    b"VERSION:3.0\r\n"  # 3
    b"FN:Ann <b>Bold</b>\r\n"  # 4
    b"# a comment\r\n"  # 5
    + b"".join(b"EMAIL:u%d@example.com\r\n" % n for n in range(150))  # 6-155
    + b"END:VCARD\r\n"
)


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []

    def record(_parent: Any, title: str, err: BaseException, _details: str = "") -> None:
        shown.append((title, str(err)))

    monkeypatch.setattr("netdesk.ui.common.tasks.show_error", record)
    return shown


def test_the_preview_lists_every_dropped_line(
    main_window: Any, qtbot: Any, tmp_path: Path, errors: list[tuple[str, str]]
) -> None:
    path = tmp_path / "odd.vcf"
    path.write_bytes(ODD)
    main_window.ctx.nav.import_files.emit([str(path)])
    preview = wait_preview(main_window, qtbot)
    table = preview.warnings
    assert table.isVisible() and preview.warnings_label.isVisible()
    rows = [
        tuple(table.item(r, c).text() for c in range(table.columnCount()))
        for r in range(table.rowCount())
    ]
    assert rows == [
        ("odd.vcf, card 1", "1", "a line outside any card was ignored"),
        ("odd.vcf, card 1", "5", "comment line ignored"),
        ("odd.vcf, card 1", "106", "lines 106–155: 50 lines dropped (EMAIL; more than 100 lines "
                                   "of one property)"),
    ]  # fmt: skip
    assert "3 notes about lines that were dropped" in preview.warnings_label.text()
    preview.reject()
    assert errors == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_dropped_fifo_is_refused_with_a_message(
    main_window: Any, qtbot: Any, tmp_path: Path, errors: list[tuple[str, str]]
) -> None:
    fifo = tmp_path / "contacts.vcf"
    os.mkfifo(fifo)
    assert drag_files(main_window, [fifo]) == (True, True)
    try:
        qtbot.waitUntil(lambda: bool(errors), timeout=15000)
    finally:
        if not errors:  # the old code blocks the database worker on open(): release it
            with fifo.open("wb"):
                pass
    [(title, message)] = errors
    assert title == "Reading contacts failed"
    assert message == (
        f"Cannot import {fifo}: it is a device, pipe or socket, not a file. Nothing was imported."
    )
    assert main_window.interchange.preview_dialog is None


def test_a_folder_named_like_a_vcard_is_refused(
    main_window: Any, qtbot: Any, tmp_path: Path, errors: list[tuple[str, str]]
) -> None:
    folder = tmp_path / "folder.vcf"
    folder.mkdir()
    main_window.ctx.nav.import_files.emit([str(folder)])
    qtbot.waitUntil(lambda: bool(errors), timeout=15000)
    assert "it is a folder, not a file" in errors[0][1]
