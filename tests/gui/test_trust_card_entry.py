"""Issue 13 in card entry: the phone region comes from the card (defect 7), Ctrl+Enter never
slips past the duplicate warning (defect 3), a half-typed card survives a restart and Esc
clears the form with undo (defect 6), and Alt+letters are left to the menus (defect 9)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from netdesk.ui.views.cards import CardEntryView


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
