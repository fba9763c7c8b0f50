"""The main window shell: navigation, empty states, quick log, remembered state."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from helpers import rich_contact, type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from netdesk.core.model import Interaction
from netdesk.ui.shell.main_window import MainWindow


def test_empty_database_shows_the_welcome_panel(main_window: MainWindow) -> None:
    today = main_window.views["today"]
    assert today.stack.currentWidget() is today.welcome
    assert today.welcome.cards_button.text() == "Enter business cards"
    assert today.welcome.import_button.isVisible()
    assert today.welcome.demo_button.isVisible()


def test_welcome_enter_cards_goes_to_card_entry(main_window: MainWindow, qtbot) -> None:
    today = main_window.views["today"]
    qtbot.mouseClick(today.welcome.cards_button, Qt.MouseButton.LeftButton)
    assert main_window.view_key() == "cards"
    assert main_window.stack.currentWidget() is main_window.views["cards"]


def test_keyboard_navigation_between_views(main_window: MainWindow, qtbot) -> None:
    for key, name in (
        (Qt.Key.Key_2, "contacts"),
        (Qt.Key.Key_3, "timeline"),
        (Qt.Key.Key_4, "cards"),
        (Qt.Key.Key_1, "today"),
    ):
        qtbot.keyClick(main_window, key, Qt.KeyboardModifier.ControlModifier)
        assert main_window.view_key() == name
        assert main_window.stack.currentWidget() is main_window.views[name]


def test_demo_data_from_the_welcome_panel_never_touches_the_users_database(
    main_window: MainWindow, ui_ctx, qtbot, monkeypatch, db_path
) -> None:
    """Issue 13, defect 5: the welcome panel's "Try the demo data" opens the demo database as
    `netdesk --demo` does; the user's database receives no generated data."""
    from helpers import dump_tables
    from PySide6.QtCore import QProcess

    from netdesk.ui.common import tasks

    started: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(
        QProcess,
        "startDetached",
        staticmethod(lambda program, args: started.append((program, list(args))) or (True, 1)),
    )
    before = dump_tables(db_path)
    today = main_window.views["today"]
    qtbot.mouseClick(today.welcome.demo_button, Qt.MouseButton.LeftButton)
    qtbot.wait(300)  # anything the old code queued on the worker would have run
    assert started == [tasks.demo_command()]
    assert started[0][1][-1] == "--demo"
    assert ui_ctx.services.contacts.count() == 0
    assert dump_tables(db_path) == before
    assert "demo data" in main_window.statusBar().currentMessage()


def test_the_demo_database_is_filled_in_place(main_window: MainWindow, qtbot) -> None:
    """`netdesk --demo` (the demo database itself): the data is generated into it."""
    main_window.load_demo()
    contacts = main_window.views["contacts"]
    bar = main_window.statusBar()
    qtbot.waitUntil(lambda: "Added 400" in bar.currentMessage(), timeout=30000)
    main_window.show_view("contacts")  # a hidden view reloads when it is shown
    qtbot.waitUntil(lambda: contacts.model.rowCount() == 400, timeout=30000)
    assert "400 contacts" in contacts.count_label.text()


def test_quick_log_from_the_gui_changes_today(main_window: MainWindow, ui_ctx, qtbot) -> None:
    services = ui_ctx.services
    cid, change = services.contacts.create(rich_contact(cadence_days=30))
    # last contact 40 days ago: the cadence is overdue
    services.activity.log(
        Interaction(datetime.now() - timedelta(days=40), "call", "Old call", (cid,))
    )
    ui_ctx.bus.publish(change)
    today = main_window.views["today"]
    today.refresh()
    assert today.counts.get("overdue") == 1
    assert main_window.nav_list.item(0).text() == "Today  (1)"

    from netdesk.ui.timeline.quick_log import QuickLogDialog

    dialog = QuickLogDialog(ui_ctx, [cid], main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClicks(dialog.summary, "Coffee near the station")
    qtbot.keyClick(dialog.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.saved_id is not None
    assert today.counts.get("overdue", 0) == 0
    assert main_window.nav_list.item(0).text() == "Today"
    assert services.contacts.get(cid).last_contacted == date.today()


def test_quick_log_refuses_without_contacts(main_window: MainWindow, ui_ctx, qtbot) -> None:
    from netdesk.ui.timeline.quick_log import QuickLogDialog

    dialog = QuickLogDialog(ui_ctx, [], main_window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.summary, "Nobody")
    dialog.save()
    assert dialog.saved_id is None
    assert "at least one contact" in dialog.error.text()


def test_window_state_is_remembered(ui_ctx, qtbot) -> None:
    first = MainWindow(ui_ctx)
    qtbot.addWidget(first)
    first.show()
    first.resize(780, 540)
    first.show_view("timeline")
    first.close()
    QApplication.processEvents()
    second = MainWindow(ui_ctx)
    qtbot.addWidget(second)
    second.show()
    assert second.view_key() == "timeline"
    assert (second.size().width(), second.size().height()) == (780, 540)


def test_opening_window_has_the_same_frame_then_fills_in(ui_ctx, qtbot) -> None:
    """At start the window shows at its remembered size with greyed navigation and
    "Opening your contacts…"; attach() builds the real views into the same window."""
    settings = ui_ctx.services.settings
    first = MainWindow(ui_ctx)
    qtbot.addWidget(first)
    first.show()
    first.resize(780, 540)
    first.close()
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    assert (window.width(), window.height()) == (780, 540)
    opening = window.findChild(QLabel, "opening")
    assert opening is not None and opening.text() == "Opening your contacts…"
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "&Contact", "&Help"]
    assert not any(a.isEnabled() for a in window.menuBar().actions())
    # a key press before the views exist does nothing (and does not fail)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)

    window.attach(ui_ctx)
    qtbot.waitUntil(lambda: window.findChild(QLabel, "opening") is None)  # deleted later
    assert [a.text() for a in window.menuBar().actions()] == titles  # not doubled
    assert all(a.isEnabled() for a in window.menuBar().actions())
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.view_key() == "contacts"
    assert (window.width(), window.height()) == (780, 540)


def test_closing_the_opening_window_saves_nothing(ui_ctx, qtbot) -> None:
    settings = ui_ctx.services.settings
    before = settings.ui_state()
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.resize(900, 600)
    assert window.close()
    assert settings.ui_state() == before


def test_contacts_view_search_shows_matches(main_window: MainWindow, ui_ctx, qtbot) -> None:
    ids, change = ui_ctx.services.contacts.create_many(
        [
            rich_contact(),
            rich_contact(
                given_name="Anna",
                family_name="Schmidt",
                display_name="",
                emails=(),
                phones=(),
                organization="Acme",
            ),
        ]
    )
    ui_ctx.bus.publish(change)
    qtbot.keyClick(main_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    view = main_window.views["contacts"]
    assert main_window.view_key() == "contacts"
    type_text(view.search, "mül")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=2000)
    assert view.count_label.text() == "1 contact"
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.current_id == ids[0]
    assert "Jürgen" in view.page.name.text()


def test_no_two_actions_share_a_shortcut(main_window: MainWindow) -> None:
    """Every feature adds its own actions; two on one key make Qt ignore both ("Ambiguous
    shortcut overload"), as the campaign and the duplicates review once did."""
    from PySide6.QtGui import QAction, QKeySequence

    seen: dict[str, str] = {}
    clashes = []
    for action in main_window.findChildren(QAction):
        for key in action.shortcuts():
            text = key.toString(QKeySequence.SequenceFormat.PortableText)
            name = action.text().replace("&", "")
            if text in seen and seen[text] != name:
                clashes.append((text, seen[text], name))
            seen.setdefault(text, name)
    assert clashes == []
