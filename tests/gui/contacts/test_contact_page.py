"""The contact page of issue 13: the list a person scans, the table with chosen columns, the
context menu, the drop target, and the page read before a call."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QMenu

from netdesk.core.dates import PartialDate
from netdesk.core.model import Address, Contact, Email, Phone
from netdesk.ui.contacts.page import contact_link, readable_label
from netdesk.ui.contacts.view import EDIT_TAB, ContactsView
from netdesk.ui.shell.main_window import MainWindow


@pytest.fixture
def people(ui_ctx):  # type: ignore[no-untyped-def]
    contacts = ui_ctx.services.contacts
    ana, _ = contacts.create(Contact(given_name="Ana", family_name="Introducer"))
    ids, change = contacts.create_many(
        [
            Contact(
                given_name="Marie",
                family_name="Dupont",
                title="Directrice",
                organization="ACME SARL",
                emails=(Email("marie@acme.fr", "work", True),),
                phones=(
                    Phone("06 12 34 56 78", label="cell"),
                    Phone("01 23 45 67 89", label="work,fax"),
                ),
                addresses=(Address("12 rue de Rivoli", "Paris", "", "75001", "France", "work"),),
                birthday=PartialDate(10, 14, 1977),
                tags=("paris", "clients"),
                met_at="VivaTech",
                met_on=date(2026, 6, 12),
                introduced_by=ana,
                cadence_days=90,
            ),
            Contact(given_name="Bob", family_name="Plain"),
        ]
    )
    ui_ctx.bus.publish(change)
    return {"ana": ana, "marie": ids[0], "bob": ids[1]}


def _view(window: MainWindow, qtbot) -> ContactsView:  # type: ignore[no-untyped-def]
    window.resize(1440, 900)
    window.show_view("contacts")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view = window.views["contacts"]
    assert isinstance(view, ContactsView)
    return view


def test_readable_labels_and_links() -> None:
    assert readable_label("work,fax", "phone") == "Work fax"
    assert readable_label("cell", "phone") == "Mobile"
    assert readable_label("work", "phone") == "Work phone"
    assert readable_label("", "phone") == "Phone"
    assert readable_label("work", "email") == "Work email"
    assert readable_label("home,pref", "email") == "Home email"
    assert readable_label("Assistant (Kasia)", "phone") == "Assistant (Kasia)"
    assert contact_link("email", "marie@acme.fr") == "mailto:marie@acme.fr"
    assert contact_link("phone", "+33 6 12 34 56 78") == "tel:+33612345678"


def test_the_page_shows_what_to_read_before_a_call(main_window, ui_ctx, people, qtbot) -> None:
    view = _view(main_window, qtbot)
    view.select_contact(people["marie"])
    page = view.page
    assert page.name.text() == "Marie Dupont"
    assert page.name.textFormat() == Qt.TextFormat.PlainText
    assert page.role.text() == "Directrice · ACME SARL"
    assert "#paris" in page.tags.text() and "#clients" in page.tags.text()
    assert view.side.tabBar().isHidden()  # no tabs: one page
    text = page.details.toPlainText()
    for expected in (
        "Work email",
        "Mobile",
        "Work fax",
        "Work address",
        "14 October 1977 (",
        "VivaTech on Fri 12 Jun",
        "Introduced by",
        "Ana Introducer",
        "Next touch",
        "Keep in touch",
        "Every 90 days",
    ):
        assert expected in text, expected
    assert "work,fax" not in text
    assert page.link_for("email") == "mailto:marie@acme.fr"
    assert page.link_for("phone") == "tel:+33612345678"
    assert view.timeline is not None and view.timeline.isVisibleTo(view)
    # the introducer's page links back to Marie; following the link opens her
    view.select_contact(people["ana"])
    assert "Introduced" in page.details.toPlainText()
    assert "Marie Dupont" in page.details.toPlainText()
    view.details.anchorClicked.emit(QUrl(f"netdesk-contact:{people['marie']}"))
    assert view.current_id == people["marie"]


def test_quick_actions(main_window, ui_ctx, people, qtbot, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        "netdesk.ui.common.links.QDesktopServices.openUrl",
        staticmethod(lambda url: opened.append(url.toString()) or True),
    )
    logged: list[list[int]] = []
    ui_ctx.nav.log_interaction.disconnect()
    ui_ctx.nav.log_interaction.connect(logged.append)
    view = _view(main_window, qtbot)
    view.select_contact(people["marie"])
    page = view.page
    qtbot.mouseClick(page.email_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.call_button, Qt.MouseButton.LeftButton)
    assert opened == ["mailto:marie@acme.fr", "tel:+33612345678"]
    qtbot.mouseClick(page.log_button, Qt.MouseButton.LeftButton)
    assert logged == [[people["marie"]]]
    qtbot.mouseClick(page.follow_up_button, Qt.MouseButton.LeftButton)
    assert view.last_dialog is not None and view.last_dialog.isVisible()
    view.last_dialog.reject()
    qtbot.mouseClick(page.star, Qt.MouseButton.LeftButton)
    assert ui_ctx.services.contacts.get(people["marie"]).starred
    ui_ctx.undo.undo()
    assert not ui_ctx.services.contacts.get(people["marie"]).starred
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert view.side.currentIndex() == EDIT_TAB
    view.editor.title.setText("Directrice générale")
    assert view.editor.save()
    assert ui_ctx.services.contacts.get(people["marie"]).title == "Directrice générale"
    ui_ctx.undo.undo()  # editing in place is undoable
    assert ui_ctx.services.contacts.get(people["marie"]).title == "Directrice"
    view.select_contact(people["bob"])
    assert not page.email_button.isEnabled() and not page.call_button.isEnabled()


def test_list_rows_table_columns_and_photos(main_window, ui_ctx, people, qtbot) -> None:
    from PySide6.QtGui import QImage

    from netdesk.ui.contacts.editor import encode_image

    image = QImage(120, 120, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    marie = ui_ctx.services.contacts.get(people["marie"])
    ui_ctx.services.contacts.save(marie.with_changes(photo=encode_image(image)))
    view = _view(main_window, qtbot)
    # list mode: one column drawn by the row delegate, taller rows, no header
    assert not view.mode_button.isChecked()
    assert not view.table.horizontalHeader().isVisible()
    assert [c for c in range(view.model.columnCount()) if not view.table.isColumnHidden(c)] == [0]
    assert view.table.itemDelegateForColumn(0) is view.row_delegate
    assert view.table.rowHeight(0) >= 50
    assert view._avatar_for(people["marie"]) is None  # asked for; loaded from the event loop
    qtbot.waitUntil(lambda: isinstance(view._avatars.get(people["marie"]), QPixmap))
    assert view._avatars.get(people["bob"], "x") in (None, "x")
    view.table.viewport().grab()  # paints rows (avatar, chips, next touch) without error
    # table mode with the columns the user picks
    view.mode_button.click()
    assert view.table.horizontalHeader().isVisible()
    view.set_columns(["organization", "next_touch"])
    shown = [
        view.model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(view.model.columnCount())
        if not view.table.isColumnHidden(c)
    ]
    assert shown == ["Name", "Organisation", "Next touch"]
    state = ui_ctx.services.settings.ui_state()
    assert state.contact_list_mode == "table"
    assert state.contact_columns == ("name", "organization", "next_touch")
    again = ContactsView(ui_ctx)
    qtbot.addWidget(again)
    assert again.mode_button.isChecked() and again.table.isColumnHidden(2)


def test_context_menu_and_tagging(main_window, ui_ctx, people, qtbot, monkeypatch) -> None:
    view = _view(main_window, qtbot)
    row = view.model.row_of(people["bob"])
    assert row is not None
    pos = view.table.visualRect(view.model.index(row, 0)).center()
    view.table.customContextMenuRequested.emit(pos)
    menu = view.last_menu
    assert isinstance(menu, QMenu)
    titles = [a.text() for a in menu.actions() if a.text()]
    assert titles == [
        "Open",
        "Log interaction…",
        "Email",
        "Call",
        "Star / unstar",
        "Add a tag…",
        "Delete…",
    ]
    assert view.selected_ids() == [people["bob"]]
    menu.close()
    assert view.tag_contacts([people["bob"], people["marie"]], "vip")
    assert "vip" in ui_ctx.services.contacts.get(people["bob"]).tags
    assert "vip" in ui_ctx.services.contacts.get(people["marie"]).tags
    ui_ctx.undo.undo()  # one step for both
    assert "vip" not in ui_ctx.services.contacts.get(people["bob"]).tags
    assert "vip" not in ui_ctx.services.contacts.get(people["marie"]).tags


def test_a_vcf_dragged_over_the_list_shows_a_drop_target(
    main_window, ui_ctx, people, qtbot, tmp_path: Path
) -> None:
    imported: list[list[str]] = []
    ui_ctx.nav.import_files.disconnect()
    ui_ctx.nav.import_files.connect(imported.append)
    view = _view(main_window, qtbot)
    vcf = tmp_path / "people.vcf"
    vcf.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:X\r\nEND:VCARD\r\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(vcf))])
    viewport = view.table.viewport()
    centre = QPoint(viewport.width() // 2, viewport.height() // 2)
    enter = QDragEnterEvent(  # a QPoint: PySide6 6.11 takes no QPointF here
        centre, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    hint = view.drop_hint
    assert isinstance(hint, QLabel) and hint.isVisible()
    assert "Drop" in hint.text()
    drop = QDropEvent(
        QPointF(centre), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(viewport, drop)
    assert not hint.isVisible()
    assert imported == [[str(vcf)]]
