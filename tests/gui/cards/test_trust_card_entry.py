"""Issue 13 in card entry: the phone region comes from the card (defect 7), Ctrl+Enter never
slips past the duplicate warning (defect 3), a half-typed card survives a restart and Esc
clears the form with undo (defect 6), and Alt+letters are left to the menus (defect 9)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMessageBox

from netdesk.core.model import Contact, Email
from netdesk.ui.cards.view import CardEntryView


def _view(ui_ctx, qtbot) -> CardEntryView:  # type: ignore[no-untyped-def]
    view = CardEntryView(ui_ctx)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def _ctrl_enter(widget) -> None:  # type: ignore[no-untyped-def]
    QTest.keyClick(widget, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_a_french_mobile_on_a_paris_card_gets_the_french_country_code(ui_ctx, qtbot) -> None:
    prefs = ui_ctx.services.preferences
    ui_ctx.services.set_preferences(replace(prefs, default_region="US"))
    view = _view(ui_ctx, qtbot)
    QTest.keyClicks(view.name, "Marie Dupont")
    QTest.keyClicks(view.mobile, "06 12 34 56 78")
    QTest.keyClicks(view.address, "12 rue de Rivoli, 75001 Paris, France")
    _ctrl_enter(view.name)
    assert view.error.text() == ""
    [cid] = ui_ctx.services.contacts.list_ids()
    [phone] = ui_ctx.services.contacts.get(cid).phones
    assert (phone.value, phone.e164) == ("06 12 34 56 78", "+33612345678")


def _with_duplicate(ui_ctx, qtbot) -> tuple[CardEntryView, int]:  # type: ignore[no-untyped-def]
    existing, _ = ui_ctx.services.contacts.create(
        Contact(given_name="Ana", family_name="Costa", emails=(Email("ana@costa.example.pt"),))
    )
    view = _view(ui_ctx, qtbot)
    QTest.keyClicks(view.name, "Ana Costa")
    QTest.keyClicks(view.emails, "ana@costa.example.pt")
    return view, existing


def test_ctrl_enter_during_the_duplicate_warning_asks_and_saves_nothing(
    ui_ctx, qtbot, no_modal_dialogs
) -> None:
    view, _existing = _with_duplicate(ui_ctx, qtbot)
    # at once, before the (debounced) warning had time to show: still caught
    _ctrl_enter(view.emails)
    assert any("Already in NetDesk" in t for t in no_modal_dialogs)
    assert ui_ctx.services.contacts.count() == 1  # the question's default saves nothing
    assert view.name.text() == "Ana Costa"  # the card is still there
    assert view.dup_banner.isVisible()


@pytest.mark.parametrize(("choice", "count"), [("new contact", 2), ("existing contact", 1)])
def test_the_duplicate_question_offers_the_three_actions(
    ui_ctx, qtbot, monkeypatch, choice: str, count: int
) -> None:
    view, existing = _with_duplicate(ui_ctx, qtbot)
    offered: list[str] = []

    def answer(box: QMessageBox) -> int:
        buttons = {b.text().replace("&", ""): b for b in box.buttons()}
        offered.extend(buttons)
        next(b for text, b in buttons.items() if choice in text).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    _ctrl_enter(view.emails)
    assert {"Add to the existing contact", "Save as a new contact", "Open the existing one"} <= set(
        offered
    )
    assert ui_ctx.services.contacts.count() == count
    assert view.name.text() == ""
    if count == 1:
        assert len(ui_ctx.services.activity.timeline_for(existing)) == 1


def test_a_half_typed_card_is_back_after_a_restart(ui_ctx, qtbot) -> None:
    view = _view(ui_ctx, qtbot)
    QTest.keyClicks(view.name, "Half Typed")
    QTest.keyClicks(view.company, "Unfinished GmbH")
    view.close()  # quitting: the draft is written at once
    again = _view(ui_ctx, qtbot)
    assert again.name.text() == "Half Typed"
    assert again.company.text() == "Unfinished GmbH"
    assert again.draft_restored
    _ctrl_enter(again.name)
    assert ui_ctx.services.contacts.count() == 1
    third = _view(ui_ctx, qtbot)  # saved: nothing comes back
    assert third.name.text() == "" and not third.draft_restored


def test_escape_clears_the_form_and_ctrl_z_brings_it_back(main_window, ui_ctx, qtbot) -> None:
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    main_window.show_view("cards")
    view = main_window.views["cards"]
    view.name.setFocus()
    QTest.keyClicks(view.name, "Esc Ape")
    QTest.keyClicks(view.mobile, "+49 171 2345678")
    QTest.keyClick(view.mobile, Qt.Key.Key_Escape)
    assert view.name.text() == view.mobile.text() == ""
    assert QApplication.focusWidget() is view.name
    QTest.keyClick(view.name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.name.text() == "Esc Ape"
    assert view.mobile.text() == "+49 171 2345678"
    assert ui_ctx.services.contacts.count() == 0


def test_alt_letters_of_the_menus_are_not_taken_by_the_form(main_window, qtbot) -> None:
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    main_window.show_view("cards")
    view = main_window.views["cards"]
    menu_keys = {
        QKeySequence.mnemonic(a.text()).toString()
        for a in main_window.menuBar().actions()
        if a.text()
    }
    assert {"Alt+F", "Alt+E", "Alt+V", "Alt+C", "Alt+H"} <= menu_keys
    taken = {
        QKeySequence.mnemonic(w.text()).toString(): w.text()
        for w in view.findChildren(QLabel) + view.findChildren(QAbstractButton)
        if "&" in w.text()
    }
    assert not set(taken) & menu_keys, taken
    view.name.setFocus()
    for key in (Qt.Key.Key_F, Qt.Key.Key_E, Qt.Key.Key_V, Qt.Key.Key_C, Qt.Key.Key_H):
        QTest.keyClick(view.name, key, Qt.KeyboardModifier.AltModifier)
        assert QApplication.focusWidget() is not view.fax
        assert QApplication.focusWidget() is not view.company
        assert QApplication.focusWidget() is not view.event_name
        assert QApplication.focusWidget() is not view.other_phone
        assert QApplication.focusWidget() is not view.met_on
        QTest.keyClick(QApplication.focusWidget() or view, Qt.Key.Key_Escape)
        view.name.setFocus()
