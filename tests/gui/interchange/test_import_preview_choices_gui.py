"""The import preview names people (a choice per record: add, merge, skip) and shows, for a
CSV file, each column with samples and its field, the encoding, the header: all changeable,
the column mapping remembered for the next file with the same columns."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from helpers import drag_files, wait_preview
from PySide6.QtWidgets import QComboBox, QTableWidget

from netdesk.core.model import Contact, Email

FORMATS = Path(__file__).resolve().parents[2] / "data" / "csv" / "formats"


def wait_account(window: Any, qtbot: Any) -> Any:
    qtbot.waitUntil(lambda: window.interchange.account_dialog is not None, timeout=10000)
    return window.interchange.account_dialog


def rows(table: QTableWidget, cols: range) -> list[list[str]]:
    out = []
    for r in range(table.rowCount()):
        row = []
        for c in cols:
            widget = table.cellWidget(r, c)
            if isinstance(widget, QComboBox):
                row.append(widget.currentText())
            else:
                item = table.item(r, c)
                row.append(item.text() if item else "")
        out.append(row)
    return out


def test_people_table_with_a_choice_per_record(
    main_window: Any, qtbot: Any, services: Any, tmp_path: Path
) -> None:
    services.contacts.create(
        Contact(
            given_name="Anna",
            family_name="Berg",
            organization="Acme",
            title="CTO",
            emails=(Email("anna@x.example"),),
        )
    )
    path = tmp_path / "people.csv"
    path.write_text(
        "Name,Email,Company,Title\n"
        "Anna Berg,anna@x.example,Globex,CEO\n"
        "Bo Lind,bo@x.example,,\n"
        "Cem Kaya,cem@x.example,,\n",
        encoding="utf-8",
    )
    assert drag_files(main_window, [path]) == (True, True)
    preview = wait_preview(main_window, qtbot)
    assert preview.tabs.currentWidget() is preview.people
    assert rows(preview.people, range(6)) == [
        [
            "row 1",
            "Anna Berg",
            "Merge",
            "Anna Berg",
            "same email anna@x.example; same name: Anna Berg",
            "Organisation: Acme / Globex; Title: CTO / CEO",
        ],
        ["row 2", "Bo Lind", "Add", "", "", ""],
        ["row 3", "Cem Kaya", "Add", "", "", ""],
    ]
    # a new record can be added or skipped, never merged
    assert [preview.action_boxes[1].itemText(i) for i in range(2)] == ["Add", "Skip"]
    # the policy changes the rows the user has not chosen for
    preview.policy_buttons["skip"].click()
    assert preview.action_boxes[0].currentText() == "Skip"
    preview.action_boxes[0].setCurrentIndex(preview.action_boxes[0].findData("merge"))
    preview.action_boxes[0].activated.emit(preview.action_boxes[0].currentIndex())
    preview.action_boxes[2].setCurrentIndex(preview.action_boxes[2].findData("skip"))
    preview.action_boxes[2].activated.emit(preview.action_boxes[2].currentIndex())
    preview.policy_buttons["new"].click()
    assert preview.action_boxes[0].currentText() == "Merge"  # the user's choice stays
    assert preview.choices() == {0: "merge", 2: "skip"}
    if os.environ.get("NETDESK_SCREENSHOTS"):
        preview.grab().save(os.path.join(os.environ["NETDESK_SCREENSHOTS"], "people.png"))
    preview.accept()
    account = wait_account(main_window, qtbot)
    report = main_window.interchange.last_report
    assert [
        [account.conflicts.item(r, c).text() for c in range(4)]
        for r in range(account.conflicts.rowCount())
    ] == [["Anna Berg", "Organisation", "Acme", "Globex"], ["Anna Berg", "Title", "CTO", "CEO"]]
    assert [o for _f, _c, o in report.outcomes] == ["merged", "imported", "skipped"]
    assert [c.field for c in report.conflicts] == ["organization", "title"]
    names = sorted(services.contacts.get(i).name for i in services.contacts.list_ids())
    assert names == ["Anna Berg", "Bo Lind"]


def test_columns_are_shown_changed_and_remembered(
    main_window: Any, qtbot: Any, services: Any, tmp_path: Path
) -> None:
    path = tmp_path / "club.csv"
    path.write_text(
        "Name,Mitglied seit,Handynummer,Verein\n"
        "Anna Berg,2019,+49 171 1234567,TSV Nord\n"
        "Bo Lind,2021,+49 172 7654321,SC Süd\n",
        encoding="utf-8",
    )
    assert drag_files(main_window, [path]) == (True, True)
    preview = wait_preview(main_window, qtbot)
    table = preview.column_tables[str(path)]
    assert rows(table, range(3)) == [
        ["Name", "Anna Berg | Bo Lind", "Full name"],
        ["Mitglied seit", "2019 | 2021", "Notes line (“Column: value”)"],
        ["Handynummer", "+49 171 1234567 | +49 172 7654321", "Phone (mobile)"],
        ["Verein", "TSV Nord | SC Süd", "Notes line (“Column: value”)"],
    ]
    assert preview.encodings[str(path)].currentText() == "utf-8"
    box = table.cellWidget(3, 2)
    box.setCurrentIndex(box.findData("organization"))
    if os.environ.get("NETDESK_SCREENSHOTS"):
        preview.tabs.setCurrentIndex(2)
        preview.grab().save(os.path.join(os.environ["NETDESK_SCREENSHOTS"], "columns.png"))
    preview.findChild(type(preview.findChild(QComboBox)).__mro__[0], "encoding")
    preview.column_tables[str(path)].parent().findChild(
        __import__("PySide6.QtWidgets", fromlist=["QPushButton"]).QPushButton, "read_again"
    ).click()
    qtbot.waitUntil(
        lambda: (
            main_window.interchange.preview_dialog is not None
            and main_window.interchange.preview_dialog is not preview
            and main_window.interchange.preview_dialog.isVisible()
        ),
        timeout=10000,
    )
    again = main_window.interchange.preview_dialog
    assert again.plan.cards[0].contact.organization == "TSV Nord"
    table = again.column_tables[str(path)]
    assert rows(table, range(2, 3))[3] == ["Organisation"]
    # remembered for this header: a second file with the same columns is read the same way
    state = services.settings.ui_state()
    assert list(state.csv_mappings.values()) == [{"Verein": "organization"}]
    again.reject()
    other = tmp_path / "club2.csv"
    other.write_text(
        "Name,Mitglied seit,Handynummer,Verein\nCem Kaya,2022,+49 173 1111111,FC West\n",
        encoding="utf-8",
    )
    assert drag_files(main_window, [other]) == (True, True)
    qtbot.waitUntil(
        lambda: (
            main_window.interchange.preview_dialog is not None
            and main_window.interchange.preview_dialog.plan is not None
            and main_window.interchange.preview_dialog.plan.files == (str(other),)
        ),
        timeout=10000,
    )
    third = main_window.interchange.preview_dialog
    assert third.plan.cards[0].contact.organization == "FC West"


def test_encoding_and_header_can_be_changed(main_window: Any, qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "ja.csv"
    path.write_bytes((FORMATS / "outlook_ja_cp932.csv").read_bytes())
    assert drag_files(main_window, [path]) == (True, True)
    preview = wait_preview(main_window, qtbot)
    assert preview.encodings[str(path)].currentText() == "cp932"
    assert preview.plan.cards[0].contact.family_name == "山田"
    preview.encodings[str(path)].setCurrentText("cp1252")
    preview.no_header[str(path)].setChecked(True)
    preview._read_again(preview.plan.csv_layouts[0])
    qtbot.waitUntil(
        lambda: (
            main_window.interchange.preview_dialog is not None
            and main_window.interchange.preview_dialog is not preview
            and main_window.interchange.preview_dialog.isVisible()
        ),
        timeout=10000,
    )
    again = main_window.interchange.preview_dialog
    (layout,) = again.plan.csv_layouts
    assert (layout.encoding, layout.encoding_detected, layout.has_header) == (
        "cp1252",
        "chosen",
        False,
    )
    # the first row (the header, misread) is a record now; its emails still land
    assert again.plan.cards[1].contact.emails[0].value == "taro.yamada@sample.example"
