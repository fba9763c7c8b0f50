"""The contacts view driven through its real widgets: searching as you type, sorting,
filters, count, keyboard, deleting with Undo, unsaved edits, links, card images."""

from __future__ import annotations

from datetime import datetime

import pytest
from helpers import rich_contact, type_text
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from netdesk.core.model import Contact, Email, Interaction
from netdesk.ui.common.roles import Role
from netdesk.ui.contacts import model as contact_model
from netdesk.ui.contacts.editor import NewContactDialog, encode_image
from netdesk.ui.contacts.model import ContactTableModel
from netdesk.ui.contacts.view import EDIT_TAB, ContactsView
from netdesk.ui.shell.main_window import MainWindow


@pytest.fixture
def book(ui_ctx):  # type: ignore[no-untyped-def]
    ids, change = ui_ctx.services.contacts.create_many(
        [
            rich_contact(),
            Contact(
                given_name="Jane",
                family_name="Doe",
                organization="Acme Corp",
                emails=(Email("jane@acme.example"),),
                tags=("conference",),
                starred=True,
            ),
            Contact(given_name="Anna", family_name="Schmidt", organization="Acme Holdings"),
            Contact(given_name="Zoe", family_name="Adams", organization="Zeta"),
        ]
    )
    ui_ctx.bus.publish(change)
    return dict(zip(("muller", "jane", "anna", "zoe"), ids, strict=True))


def contacts_view(window: MainWindow, qtbot) -> ContactsView:  # type: ignore[no-untyped-def]
    window.show_view("contacts")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view = window.views["contacts"]
    assert isinstance(view, ContactsView)
    return view


def shown_names(view: ContactsView) -> list[str]:
    view.model.finish()
    return [
        view.model.index(r, 0).data(Qt.ItemDataRole.DisplayRole)
        for r in range(view.model.rowCount())
    ]


def select(view: ContactsView, contact_id: int) -> None:
    row = view.model.row_of(contact_id)
    assert row is not None
    view.table.selectRow(row)
    view.table.setFocus()


def test_typing_searches_after_a_pause_and_counts_matches(main_window, book, qtbot) -> None:
    view = contacts_view(main_window, qtbot)
    assert view.count_label.text() == "4 contacts"
    qtbot.keyClick(main_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search.hasFocus()
    type_text(view.search, "acme")
    assert view.model.rowCount() == 4  # debounced: nothing ran on the keystroke
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=2000)
    assert shown_names(view) == ["★ Jane Doe", "Anna Schmidt"]
    assert view.count_label.text() == "2 contacts"
    view.search.clear()
    type_text(view.search, "jane acme")  # any order
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=2000)
    view.search.clear()
    type_text(view.search, "muller")  # folded accents
    qtbot.waitUntil(lambda: shown_names(view) == ["Dr. Jürgen Müller"], timeout=2000)
    view.search.clear()
    type_text(view.search, "0171 98765")  # phone digits
    qtbot.waitUntil(lambda: shown_names(view) == ["Dr. Jürgen Müller"], timeout=2000)
    view.search.clear()
    type_text(view.search, "zzzz")
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=2000)
    assert view.list_stack.currentWidget() is view.empty_label
    assert "No contact matches" in view.empty_label.text()


def test_enter_in_search_opens_the_first_result(main_window, book, qtbot) -> None:
    view = contacts_view(main_window, qtbot)
    view.focus_search()
    type_text(view.search, "schmidt")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.current_id == book["anna"]
    assert view.page.name.text() == "Anna Schmidt"
    assert view.editor.given_name.text() == "Anna"


def test_sorting_by_a_column_header_and_filters(main_window, book, qtbot) -> None:
    view = contacts_view(main_window, qtbot)
    assert shown_names(view)[0] == "Zoe Adams"
    view.mode_button.click()  # the table mode sorts by its column headers
    header = view.table.horizontalHeader()
    pos = QPoint(header.sectionViewportPosition(1) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert view.model.sort_key == "organization"
    assert [view.model.index(r, 1).data() for r in range(4)] == [
        "Acme Corp",
        "Acme Holdings",
        "Kessler Logistik GmbH",
        "Zeta",
    ]
    view.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # tags, in SQL
    assert view.model.sort_key == "tags"
    assert view.model.index(0, 3).data() == "conference"
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    view.tag_filter.setCurrentIndex(view.tag_filter.findData("conference"))
    assert shown_names(view) == ["★ Jane Doe"]
    assert view.count_label.text() == "1 contact"
    view.tag_filter.setCurrentIndex(0)
    view.starred_only.click()
    assert shown_names(view) == ["★ Jane Doe"]
    view.starred_only.click()
    assert view.model.rowCount() == 4


def test_delete_asks_then_undo_brings_the_contact_back_with_history(
    main_window, ui_ctx, book, qtbot, no_modal_dialogs
) -> None:
    services = ui_ctx.services
    _, change = services.activity.log(
        Interaction(datetime(2026, 11, 2, 10), "meeting", "Lunch", (book["muller"],))
    )
    ui_ctx.bus.publish(change)
    view = contacts_view(main_window, qtbot)
    select(view, book["muller"])
    assert view.current_id == book["muller"]
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert any("Delete “Dr. Jürgen Müller”?" in text for text in no_modal_dialogs)
    assert "Dr. Jürgen Müller" not in shown_names(view)
    assert book["muller"] not in services.contacts.list_ids()
    assert view.current_id is None
    qtbot.keyClick(main_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Dr. Jürgen Müller" in shown_names(view)
    assert services.contacts.get(book["muller"]).family_name == "Müller"
    assert services.contacts.interaction_count(book["muller"]) == 1
    assert services.contacts.list_ids("lunch") == [book["muller"]]


def test_delete_can_be_cancelled(main_window, ui_ctx, book, qtbot, monkeypatch) -> None:
    view = contacts_view(main_window, qtbot)
    select(view, book["zoe"])
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert book["zoe"] in ui_ctx.services.contacts.list_ids()
    assert not ui_ctx.undo.canUndo()


def test_delete_key_in_a_text_field_edits_text(main_window, ui_ctx, book, qtbot) -> None:
    view = contacts_view(main_window, qtbot)
    select(view, book["zoe"])
    view.edit_current()
    view.editor.given_name.setCursorPosition(0)
    qtbot.keyClick(view.editor.given_name, Qt.Key.Key_Delete)
    assert view.editor.given_name.text() == "oe"
    assert book["zoe"] in ui_ctx.services.contacts.list_ids()


def test_enter_opens_the_editor_and_star_toggles(main_window, ui_ctx, book, qtbot) -> None:
    view = contacts_view(main_window, qtbot)
    select(view, book["anna"])
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert view.side.currentIndex() == EDIT_TAB
    assert view.editor.given_name.hasFocus()
    select(view, book["anna"])
    qtbot.keyClick(view.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert ui_ctx.services.contacts.get(book["anna"]).starred
    assert "★ Anna Schmidt" in shown_names(view)
    ui_ctx.undo.undo()
    assert not ui_ctx.services.contacts.get(book["anna"]).starred


def test_ctrl_n_opens_a_new_contact_dialog_that_saves(main_window, ui_ctx, book, qtbot) -> None:
    view = contacts_view(main_window, qtbot)
    qtbot.keyClick(main_window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = main_window.new_contact_dialog
    assert isinstance(dialog, NewContactDialog) and dialog.isVisible()
    editor = dialog.editor
    qtbot.waitUntil(editor.given_name.hasFocus)
    type_text(editor.given_name, "Ünal")
    type_text(editor.family_name, "Yılmaz")
    type_text(editor.emails.rows[0].edit, "unal@example.org")
    qtbot.keyClick(editor.given_name, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    created = ui_ctx.services.contacts.list_ids("yilmaz")
    assert len(created) == 1
    saved = ui_ctx.services.contacts.get(created[0])
    assert (saved.given_name, saved.family_name, saved.emails[0].value) == (
        "Ünal",
        "Yılmaz",
        "unal@example.org",
    )
    assert view.current_id == created[0]
    assert view.selected_ids() == [created[0]]
    ui_ctx.undo.undo()  # undo the creation
    assert ui_ctx.services.contacts.list_ids("yilmaz") == []


def test_escape_in_the_new_contact_dialog_asks_before_discarding(
    main_window, ui_ctx, qtbot, monkeypatch, no_modal_dialogs
) -> None:
    contacts_view(main_window, qtbot)
    main_window.contact_actions["new"].trigger()
    dialog = main_window.new_contact_dialog
    qtbot.waitUntil(dialog.editor.given_name.hasFocus)
    type_text(dialog.editor.given_name, "Half typed")
    qtbot.keyClick(dialog.editor.given_name, Qt.Key.Key_Escape)  # default answer: Cancel
    assert dialog.isVisible() and dialog.editor.given_name.text() == "Half typed"
    assert any("Discard the new contact?" in t for t in no_modal_dialogs)
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard)
    )
    qtbot.keyClick(dialog.editor.given_name, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert ui_ctx.services.contacts.count() == 0


def test_switching_contacts_with_unsaved_changes_can_save(
    main_window, ui_ctx, book, qtbot, monkeypatch
) -> None:
    view = contacts_view(main_window, qtbot)
    select(view, book["zoe"])
    view.editor.title.setText("Chief Explorer")
    assert view.editor.is_dirty()
    assert view.side.tabText(EDIT_TAB) == "Edit •"
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Save)
    select(view, book["anna"])
    assert ui_ctx.services.contacts.get(book["zoe"]).title == "Chief Explorer"
    assert view.current_id == book["anna"]
    assert view.selected_ids() == [book["anna"]]


def test_switching_contacts_can_be_cancelled_keeping_the_edit(
    main_window, ui_ctx, book, qtbot, monkeypatch
) -> None:
    view = contacts_view(main_window, qtbot)
    select(view, book["zoe"])
    view.editor.title.setText("Unsaved title")
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Cancel)
    select(view, book["anna"])
    assert view.current_id == book["zoe"]
    assert view.selected_ids() == [book["zoe"]]
    assert view.editor.title.text() == "Unsaved title"
    assert ui_ctx.services.contacts.get(book["zoe"]).title == ""


def test_closing_the_window_with_unsaved_changes_asks(
    main_window, ui_ctx, book, qtbot, monkeypatch
) -> None:
    view = contacts_view(main_window, qtbot)
    select(view, book["zoe"])
    view.editor.title.setText("Before closing")
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save]
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answers.pop(0))
    assert main_window.close() is False
    assert main_window.isVisible()
    assert main_window.close() is True
    assert ui_ctx.services.contacts.get(book["zoe"]).title == "Before closing"


def test_links_open_only_for_safe_schemes(
    main_window, ui_ctx, book, qtbot, monkeypatch, request, no_modal_dialogs
) -> None:
    request.node.expects_error_dialog = True  # a refused link says why
    opened: list[str] = []
    monkeypatch.setattr(
        "netdesk.ui.common.links.QDesktopServices.openUrl",
        staticmethod(lambda url: opened.append(url.toString()) or True),
    )
    view = contacts_view(main_window, qtbot)
    for url in ("javascript:alert(1)", "file:///etc/passwd", "https://example.com", "tel:+49171"):
        view.details.anchorClicked.emit(QUrl(url))
    assert opened == ["https://example.com", "tel:+49171"]
    assert sum("Link not opened" in text for text in no_modal_dialogs) == 2
    select(view, book["muller"])
    row = view.editor.urls.rows[0]
    assert row.open.isEnabled()
    row.edit.setText("ftp://files.example.com")
    assert not row.open.isEnabled()
    assert row.open_link() is False


def test_card_images_and_photo_are_shown(main_window, ui_ctx, book, qtbot) -> None:
    image = QImage(300, 180, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    ui_ctx.services.contacts.set_card_image(book["jane"], "card_front", encode_image(image))
    view = contacts_view(main_window, qtbot)
    select(view, book["jane"])
    assert view.card_images.isVisibleTo(view)
    front = view.card_images.findChild(type(view.photo), "card_front")
    assert front is not None and front.pixmap().width() == 160
    select(view, book["zoe"])
    assert not view.card_images.isVisibleTo(view)


def test_lazily_filled_search_passes_the_model_tester(
    ui_ctx, book, qtmodeltester, monkeypatch, qtbot
) -> None:
    """The dense-search path (count first, rows completed from the event loop) on a small
    book: the same rows in the same order as the SQL-sorted search."""
    monkeypatch.setattr(contact_model, "LAZY_MIN_ROWS", 1)
    monkeypatch.setattr(contact_model, "FIRST_ROWS", 1)
    model = ContactTableModel(ui_ctx.services.contacts)
    model.reload()
    model.set_filter(search="a")
    assert model.pending
    assert model.rowCount() == len(ui_ctx.services.contacts.list_ids("a")) == 4
    qtmodeltester.check(model)
    qtbot.waitUntil(lambda: not model.pending, timeout=2000)
    assert [model.index(r, 0).data(Role.ID) for r in range(4)] == (
        ui_ctx.services.contacts.list_ids("a")
    )
    qtmodeltester.check(model)
    monkeypatch.setattr(contact_model, "LAZY_MIN_ROWS", 20_000)
    model.set_filter(search="acme")  # a small book: sorted at once
    assert not model.pending
    assert model.ids() == ui_ctx.services.contacts.list_ids("acme")
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert model.ids() == ui_ctx.services.contacts.list_ids(
        "acme", sort="organization", descending=True
    )
    qtmodeltester.check(model)
    QApplication.processEvents()


def test_the_chosen_sort_is_remembered(ui_ctx, book, qtbot) -> None:
    first = ContactsView(ui_ctx)
    qtbot.addWidget(first)
    first.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert first.model.ids()[0] == book["zoe"]  # Zeta
    second = ContactsView(ui_ctx)
    qtbot.addWidget(second)
    assert (second.model.sort_key, second.model.descending) == ("organization", True)
    assert second.table.horizontalHeader().sortIndicatorSection() == 1
    assert second.model.ids() == first.model.ids()
