"""CSV import in the window: the file dialog's filter, a dropped .csv opens the same preview
as a vCard, and importing from it; the welcome button names CSV."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import drag_files, wait_preview
from PySide6.QtWidgets import QFileDialog, QLabel

from netdesk.core.model import Contact, Email

DATA = Path(__file__).resolve().parents[2] / "data" / "csv"


def test_a_dropped_linkedin_csv_opens_the_preview_and_imports(
    main_window: Any, qtbot: Any, services: Any, tmp_path: Path
) -> None:
    services.contacts.create(
        Contact(display_name="Sam O'Neil", emails=(Email("sam@oneil.example"),))
    )
    path = tmp_path / "Connections.csv"
    shutil.copyfile(DATA / "linkedin_connections.csv", path)
    assert drag_files(main_window, [path]) == (True, True)  # a .csv is welcome
    preview = wait_preview(main_window, qtbot)
    assert preview.plan.files == (str(path),)
    counts = {k: label.text() for k, label in preview.count_labels.items()}
    assert counts == {"new": "3", "match": "1", "duplicate": "0", "unreadable": "1"}
    heading = preview.findChildren(QLabel)[0].text()
    assert heading.startswith("<b>5 rows</b> in Connections.csv")
    table = preview.matches
    rows = [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]
    assert rows == [
        [
            "Connections.csv, row 4 (line 8)",
            "cannot be read",
            "no name, email or phone (only URL, Connected On)",
        ],
        ["5: Sam O'Neil", "Sam O'Neil", "same email sam@oneil.example; same name: Sam O'Neil"],
    ]
    if os.environ.get("NETDESK_SHOT_DIR"):
        preview.grab().save(str(Path(os.environ["NETDESK_SHOT_DIR"]) / "csv_preview.png"))
    preview.accept()
    qtbot.waitUntil(lambda: main_window.interchange.last_report is not None, timeout=10000)
    report = main_window.interchange.last_report
    assert (report.imported, report.merged, report.skipped, len(report.unreadable)) == (3, 1, 0, 1)
    assert services.contacts.count() == 4


def test_import_dialog_offers_csv_and_the_welcome_button_says_so(
    main_window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    filters: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileNames",
        lambda _parent, _title, _dir, flt: (filters.append(flt), ([], ""))[1],
    )
    main_window.interchange.ask_import()
    assert filters and filters[0].startswith("Contacts (*.vcf *.vcard *.csv)")
    button = main_window.views["today"].welcome.import_button
    assert "CSV" in button.text() and "LinkedIn" in button.toolTip()


def test_a_csv_with_an_unknown_header_shows_an_error_naming_it(
    main_window: Any, qtbot: Any, tmp_path: Path, request: Any, no_modal_dialogs: list[str]
) -> None:
    request.node.expects_error_dialog = True
    bad = tmp_path / "numbers.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    assert drag_files(main_window, [bad]) == (True, True)
    qtbot.waitUntil(lambda: bool(no_modal_dialogs), timeout=10000)
    assert "numbers.csv: no column NetDesk recognises" in no_modal_dialogs[0]
    assert main_window.interchange.preview_dialog is None
