"""Opening a contact from another view (Today, the timeline, a link) while the contact list
was hidden and stale leaves the list's selection on that contact, so Delete or Ctrl+D acts
on the contact shown, never on the one selected before."""

from __future__ import annotations

from typing import Any

from netdesk.core.model import Change, Contact


def test_open_contact_from_another_view_selects_it(
    main_window: Any, ui_ctx: Any, qtbot: Any
) -> None:
    svc = ui_ctx.services.contacts
    a, _ = svc.create(Contact(given_name="Ann", family_name="Quist"))
    b, _ = svc.create(Contact(given_name="Bob", family_name="Quist"))
    main_window.show_view("contacts")
    view = main_window.views["contacts"]
    view.model.reload()
    main_window.open_contact(b)
    qtbot.waitUntil(lambda: view.current_id == b and view.selected_ids() == [b])
    main_window.show_view("timeline")
    ui_ctx.bus.publish(Change(everything=True))  # the hidden list goes stale
    main_window.open_contact(a)
    qtbot.waitUntil(lambda: view.current_id == a, timeout=5000)
    qtbot.wait(200)
    assert view.selected_ids() == [a]
