"""Today view, global timeline and contact timeline driven through the real widgets."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from netdesk.core.dates import PartialDate
from netdesk.core.model import Contact, FollowUp, Interaction
from netdesk.ui.common.roles import Role

TODAY = date.today()


def make(services: Any, name: str, **fields: Any) -> int:
    cid, _ = services.contacts.create(Contact(display_name=name, **fields))
    return cid


def log(services: Any, ids: tuple[int, ...], days_ago: int, kind: str = "call", **kw: Any) -> int:
    at = datetime.now().replace(second=0, microsecond=0) - timedelta(days=days_ago)
    iid, _ = services.activity.log(Interaction(at, kind, kw.pop("summary", "Talked"), ids, **kw))
    return iid


def due_names(today_view: Any) -> list[tuple[str, str, str]]:
    """(section, name, reason) of every card the Today view shows."""
    model = today_view.due_list.due_model
    return [(r.section, r.item.display_name, r.item.reason) for r in model.rows if r.item]


def select(today_view: Any, name: str) -> None:
    model = today_view.due_list.due_model
    row = next(n for n, r in enumerate(model.rows) if r.item and r.item.display_name == name)
    today_view.due_list.setCurrentIndex(model.index(row, 0))


def focus(qtbot: Any, widget: Any) -> None:
    window = widget.window()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget.setFocus()


# --------------------------------------------------------------------- Today
def test_log_from_today_resets_the_cadence(main_window, ui_ctx, qtbot, monkeypatch) -> None:
    services = ui_ctx.services
    cid = make(services, "Overdue Olga", cadence_days=30)
    log(services, (cid,), 45)
    make(services, "Fine Fritz", cadence_days=30)
    ui_ctx.bus.publish(services.activity.snooze_cadence(cid, None))
    main_window.show_view("today")
    today = main_window.views["today"]
    assert due_names(today) == [("overdue", "Overdue Olga", "cadence")]
    assert main_window.nav_list.item(0).text() == "Today  (1)"
    assert "1 overdue" in today.subheading.text()

    from netdesk.ui.timeline.quick_log import QuickLogDialog

    seen: list[QuickLogDialog] = []

    def fill_and_save(dialog: QuickLogDialog) -> int:
        seen.append(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        assert dialog.contacts.ids() == [cid]
        assert dialog.summary.hasFocus()
        qtbot.keyClicks(dialog.summary, "Coffee at the station")
        qtbot.keyClick(dialog.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        return dialog.result()

    monkeypatch.setattr(QuickLogDialog, "exec", fill_and_save)
    focus(qtbot, today.due_list)
    select(today, "Overdue Olga")
    qtbot.keyClick(today.due_list, Qt.Key.Key_L)
    assert seen and seen[0].saved_id is not None
    assert due_names(today) == []
    assert today.empty.isVisibleTo(today) and not today.due_list.isVisibleTo(today)
    assert main_window.nav_list.item(0).text() == "Today"
    assert services.contacts.get(cid).next_touch == TODAY + timedelta(days=30)
    # the log is undoable from the Edit menu's stack
    ui_ctx.undo.undo()
    assert due_names(today) == [("overdue", "Overdue Olga", "cadence")]
    ui_ctx.undo.redo()
    assert due_names(today) == []


def test_sections_and_birthdays(ui_ctx, qtbot) -> None:
    from netdesk.ui.today.view import TodayView

    services = ui_ctx.services
    a = make(services, "Today Tom")
    services.activity.add_follow_up(FollowUp(a, TODAY, "Send the CV"))
    b = make(services, "Week Wanda")
    services.activity.add_follow_up(FollowUp(b, TODAY + timedelta(days=3), "Ask about the role"))
    soon = TODAY + timedelta(days=10)
    make(services, "Birthday Bea", birthday=PartialDate(soon.month, soon.day, None))
    make(services, "Later Lars", birthday=PartialDate.from_date(TODAY + timedelta(days=40)))
    view = TodayView(ui_ctx)
    qtbot.addWidget(view)
    assert due_names(view) == [
        ("today", "Today Tom", "follow-up"),
        ("week", "Week Wanda", "follow-up"),
        ("birthday", "Birthday Bea", "birthday"),
    ]
    model = view.due_list.due_model
    headers = [model.index(n, 0).data() for n, r in enumerate(model.rows) if r.item is None]
    assert headers == [
        "Due today  (1)",
        "Due this week  (1)",
        "Birthdays in the next 14 days  (1)",
    ]
    row = next(n for n, r in enumerate(model.rows) if r.item and r.item.reason == "birthday")
    assert model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) == f"Birthday: {soon:%A %d %B %Y}"
    assert "in 10 days" not in model.index(row, 0).data()  # more than 6 days: a date
    # a birthday cannot be marked done or snoozed, only logged or opened
    select(view, "Birthday Bea")
    assert not view.done_button.isEnabled() and not view.snooze_button.isEnabled()
    assert view.log_button.isEnabled() and view.open_button.isEnabled()


def test_mark_done_and_snooze_with_undo(ui_ctx, qtbot, monkeypatch) -> None:
    from netdesk.ui.today.snooze import SnoozeDialog
    from netdesk.ui.today.view import TodayView

    services = ui_ctx.services
    f = make(services, "Follow Fred")
    fid, _ = services.activity.add_follow_up(FollowUp(f, TODAY - timedelta(days=2), "Intro mail"))
    c = make(services, "Cadence Cleo", cadence_days=14)
    log(services, (c,), 20)
    view = TodayView(ui_ctx)
    qtbot.addWidget(view)
    focus(qtbot, view.due_list)
    select(view, "Follow Fred")
    qtbot.keyClick(view.due_list, Qt.Key.Key_D)
    assert services.activity.get_follow_up(fid).done_on == TODAY
    assert due_names(view) == [("overdue", "Cadence Cleo", "cadence")]
    assert view.due_list.current_due().display_name == "Cadence Cleo"  # next one selected
    ui_ctx.undo.undo()
    assert services.activity.get_follow_up(fid).done_on is None
    assert ("overdue", "Follow Fred", "follow-up") in due_names(view)

    # snooze the cadence one week: out of overdue, into this week
    select(view, "Cadence Cleo")
    view.snooze(7)
    assert services.activity.cadence_state(c).snoozed_until == TODAY + timedelta(days=7)
    assert ("week", "Cadence Cleo", "cadence") in due_names(view)
    ui_ctx.undo.undo()
    assert ("overdue", "Cadence Cleo", "cadence") in due_names(view)

    # pick a date: the calendar dialog, driven without exec
    picked = TODAY + timedelta(days=40)

    def choose(dialog: SnoozeDialog) -> int:
        dialog.set_date(picked)
        assert picked.strftime("%A %d %B %Y") in dialog.hint.text()
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(SnoozeDialog, "exec", choose)
    select(view, "Follow Fred")
    view.snooze_pick()
    assert services.activity.get_follow_up(fid).snoozed_until == picked
    assert [n for _s, n, _r in due_names(view)] == ["Cadence Cleo"]

    # mark done on a cadence without logging: back one cadence from today
    select(view, "Cadence Cleo")
    view.mark_done()
    assert services.contacts.get(c).next_touch == TODAY + timedelta(days=14)
    assert services.contacts.get(c).last_contacted == TODAY - timedelta(days=20)
    assert due_names(view) == []


def test_interview_offers_a_thank_you_follow_up(ui_ctx, qtbot, no_modal_dialogs) -> None:
    from netdesk.ui.timeline.quick_log import QuickLogDialog
    from netdesk.ui.today.view import TodayView

    services = ui_ctx.services
    cid = make(services, "Hiring Hanna")
    view = TodayView(ui_ctx)
    qtbot.addWidget(view)
    view.show()  # a hidden view reloads only when it is shown
    assert due_names(view) == []
    dialog = QuickLogDialog(ui_ctx, [cid])
    qtbot.addWidget(dialog)
    dialog.type.setCurrentIndex(dialog.type.findData("interview"))
    qtbot.keyClicks(dialog.summary, "Second round")
    dialog.save()
    assert any("thank-you note" in text for text in no_modal_dialogs)
    assert len(dialog.thank_you_ids) == 1
    assert due_names(view) == [("week", "Hiring Hanna", "follow-up")]
    item = view.due_list.due_model.rows[1].item
    assert item.due == TODAY + timedelta(days=2)
    assert "thank-you" in item.detail


def test_today_model_passes_the_model_tester(ui_ctx, qtbot, qtmodeltester) -> None:
    from netdesk.ui.today.view import TodayView

    services = ui_ctx.services
    cid = make(services, "Model Mia", cadence_days=7)
    log(services, (cid,), 30)
    view = TodayView(ui_ctx)
    qtbot.addWidget(view)
    qtmodeltester.check(view.due_list.due_model)


# ------------------------------------------------------------ global timeline
def test_global_timeline_filters_edits_and_deletes_with_undo(main_window, ui_ctx, qtbot) -> None:
    services = ui_ctx.services
    a = make(services, "Anna Berlin", tags=("berlin",))
    b = make(services, "Ben Paris")
    iids = [
        log(services, (a,), 1, "call", summary="Call about the role"),
        log(services, (b,), 40, "email", summary="Sent my CV", notes="Line one\nLine two"),
        log(services, (a, b), 70, "meeting", summary="Lunch with both"),
    ]
    main_window.show_view("timeline")
    view = main_window.views["timeline"]
    model = view.list.timeline_model
    entries = [model.entry_at(n) for n in range(model.rowCount()) if model.entry_at(n)]
    assert [e.interaction.id for e in entries] == iids
    months = [model.index(n, 0).data() for n in range(model.rowCount()) if not model.entry_at(n)]
    assert len(months) >= 2
    assert "3 interactions" in view.count_label.text()

    view.type_filter.setCurrentIndex(view.type_filter.findData("email"))
    assert [model.entry_at(n).interaction.id for n in range(1, model.rowCount())] == [iids[1]]
    view.type_filter.setCurrentIndex(0)
    view.tag_filter.setCurrentIndex(view.tag_filter.findData("berlin"))
    assert model.entry_count() == 2
    view.tag_filter.setCurrentIndex(0)
    view.range_filter.setCurrentIndex(view.range_filter.findData(30))
    assert model.entry_count() == 1
    view.range_filter.setCurrentIndex(0)
    qtbot.keyClicks(view.search, "lunch")
    qtbot.waitUntil(lambda: model.entry_count() == 1)
    view.search.clear()
    qtbot.waitUntil(lambda: model.entry_count() == 3)

    # Delete removes it, Ctrl+Z brings it back under the same id
    focus(qtbot, view.list)
    view.list.setCurrentIndex(model.index(model.row_of(iids[1]), 0))
    qtbot.keyClick(view.list, Qt.Key.Key_Delete)
    assert model.row_of(iids[1]) == -1
    assert services.contacts.get(b).last_contacted == (datetime.now() - timedelta(days=70)).date()
    ui_ctx.undo.undo()
    assert model.row_of(iids[1]) >= 0
    assert services.activity.get(iids[1]).notes == "Line one\nLine two"

    # Enter edits; the edit is undoable
    view.list.setCurrentIndex(model.index(model.row_of(iids[0]), 0))
    qtbot.keyClick(view.list, Qt.Key.Key_Return)
    editor = view.actions.editor
    assert editor is not None and editor.windowTitle() == "Edit interaction"
    assert editor.summary.text() == "Call about the role"
    editor.summary.setText("Call about the senior role")
    editor.save()
    assert services.activity.get(iids[0]).summary == "Call about the senior role"
    assert "senior role" in model.entry_at(model.row_of(iids[0])).interaction.summary
    ui_ctx.undo.undo()
    assert services.activity.get(iids[0]).summary == "Call about the role"

    # Space expands an entry (all notes shown): its row grows
    row = model.row_of(iids[1])
    index = model.index(row, 0)
    before = view.list.visualRect(index).height()
    view.list.setCurrentIndex(index)
    qtbot.keyClick(view.list, Qt.Key.Key_Space)
    assert index.data(Role.EXPANDED) is True
    qtbot.waitUntil(lambda: view.list.visualRect(model.index(row, 0)).height() > before)


def test_empty_timeline_says_what_to_do(ui_ctx, qtbot) -> None:
    from netdesk.ui.timeline.view import TimelineView

    view = TimelineView(ui_ctx)
    qtbot.addWidget(view)
    view.show()
    view.on_activated()
    assert view.empty.isVisible() and not view.list.isVisible()
    assert "Ctrl+L" in view.empty_label.text()
    qtbot.keyClicks(view.search, "nothing")
    view.refresh()
    assert "No interactions match" in view.empty_label.text()


# ----------------------------------------------------------- contact timeline
def test_contact_timeline_shows_introductions_from_both_ends(ui_ctx, qtbot) -> None:
    from netdesk.ui.timeline.contact_timeline import ContactTimeline

    services = ui_ctx.services
    carla = make(services, "Carla Connector", cadence_days=91)
    nina = make(services, "Nina Newcomer")
    log(services, (carla, nina), 3, "introduction", summary="Intro", introducer_id=carla)
    log(services, (carla,), 10, "email", summary="Thanks", notes="First line\nSecond line")
    widget = ContactTimeline(ui_ctx)
    qtbot.addWidget(widget)
    widget.resize(520, 600)
    widget.show()
    widget.set_contact(carla)
    model = widget.list.timeline_model
    texts = [model.index(n, 0).data() for n in range(model.rowCount()) if model.entry_at(n)]
    assert "introduced you to Nina Newcomer" in texts[0]
    assert texts[1].startswith("Email · ") and "Thanks — First line" in texts[1]
    assert "quarterly" in widget.next_touch.text()
    widget.set_contact(nina)
    first = next(n for n in range(model.rowCount()) if model.entry_at(n))
    assert "introduced by Carla Connector" in model.index(first, 0).data()
    assert "No keep-in-touch cadence" in widget.next_touch.text()
    widget.set_contact(None)
    assert model.rowCount() == 0 and widget.empty.isVisible()
    assert not widget.log_button.isEnabled()


def test_contact_timeline_filters_pages_and_follows_changes(ui_ctx, qtbot, qtmodeltester) -> None:
    from netdesk.ui.timeline.contact_timeline import ContactTimeline

    services = ui_ctx.services
    cid = make(services, "Heavy Hugo")
    start = datetime(2024, 1, 1, 9, 0)
    with services.db.unit_of_work():
        pass
    for n in range(450):
        services.activity.log(
            Interaction(start + timedelta(days=n), "call" if n % 5 else "meeting", f"#{n}", (cid,))
        )
    widget = ContactTimeline(ui_ctx)
    qtbot.addWidget(widget)
    widget.resize(500, 500)
    widget.show()
    widget.set_contact(cid)
    model = widget.list.timeline_model
    assert model.entry_count() == 200 and model.canFetchMore()
    assert "(450)" in widget.title.text()
    newest = next(model.entry_at(n) for n in range(model.rowCount()) if model.entry_at(n))
    assert newest.interaction.summary == "#449"
    while model.canFetchMore():
        model.fetchMore()
    assert model.entry_count() == 450
    months = [model.index(n, 0).data() for n in range(model.rowCount()) if not model.entry_at(n)]
    assert len(months) == len(set(months))  # one header per month across pages
    qtmodeltester.check(model)

    widget.type_filter.setCurrentIndex(widget.type_filter.findData("meeting"))
    assert model.entry_count() == 90
    assert "(90)" in widget.title.text()
    widget.type_filter.setCurrentIndex(0)

    # a follow-up added from the widget shows up with Done / Snooze
    from netdesk.ui.timeline.follow_up import FollowUpDialog

    widget.add_follow_up()
    dialog = widget.follow_up_dialog
    assert isinstance(dialog, FollowUpDialog)
    assert dialog.contacts.ids() == [cid]
    dialog.save()
    assert "say why" in dialog.error.text()
    qtbot.keyClicks(dialog.reason, "Send the deck")
    dialog.set_due(TODAY + timedelta(days=1))
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    [f] = services.activity.open_follow_ups(cid)
    assert (f.reason, f.due) == ("Send the deck", TODAY + timedelta(days=1))
    assert widget.follow_ups.count() == 1
    ui_ctx.undo.undo()
    assert services.activity.open_follow_ups(cid) == []
    assert widget.follow_ups.count() == 0


# --------------------------------------------------------------- the feature
def test_menus_preferences_and_calendar_export(main_window, ui_ctx, qtbot, tmp_path: Path) -> None:
    from netdesk.ui.timeline import feature as activity

    services = ui_ctx.services
    actions = main_window.activity_actions
    assert actions["follow_up"] in main_window.contact_menu.actions()
    assert actions["export_ics"] in main_window.file_menu.actions()
    assert actions["preferences"] in main_window.edit_menu.actions()
    assert main_window.file_menu.actions()[-1].text() == "&Quit"

    cid = make(services, "Tagged Theo", tags=("alumni",))
    log(services, (cid,), 100)
    dialog = activity.open_preferences(main_window)
    qtbot.addWidget(dialog)
    _before, editor = dialog.cadences["alumni"]
    editor.set_days(45)
    assert editor.spin.isVisibleTo(editor)  # 45 days is a custom cadence
    dialog.new_type()
    dialog.types.item(dialog.types.count() - 1).setText("Conference  Talk")
    dialog.save()
    assert services.preferences.interaction_types[-1] == "conference talk"
    assert services.contacts.get(cid).next_touch == TODAY - timedelta(days=55)
    today = main_window.views["today"]
    assert ("overdue", "Tagged Theo", "cadence") in due_names(today)

    services.activity.add_follow_up(FollowUp(cid, TODAY + timedelta(days=3), "Ping"))
    target = tmp_path / "cal.ics"
    runner = activity.export_calendar(main_window, str(target))
    qtbot.waitUntil(lambda: target.exists(), timeout=10000)
    qtbot.waitUntil(lambda: not runner.isVisible())
    assert b"BEGIN:VEVENT" in target.read_bytes()

    main_window.show_view("today")
    select(today, "Tagged Theo")
    follow = activity.add_follow_up(main_window)
    qtbot.addWidget(follow)
    assert follow.contacts.ids() == [cid]


@pytest.mark.parametrize("size", [(1180, 760), (800, 560)])
def test_views_paint_with_demo_like_data(ui_ctx, qtbot, size: tuple[int, int]) -> None:
    """Painting every kind of row (headers, cards, badges, expanded entries) must not warn."""
    from netdesk.ui.timeline.contact_timeline import ContactTimeline
    from netdesk.ui.today.view import TodayView

    services = ui_ctx.services
    a = make(services, "Paint Paula", cadence_days=14, birthday=PartialDate.from_date(TODAY))
    b = make(services, "Paint Pete")
    services.activity.add_follow_up(FollowUp(b, TODAY, "A very long reason " * 10))
    for n, kind in enumerate(services.preferences.interaction_types):
        log(
            services,
            (a, b),
            n * 9,
            kind,
            summary=f"{kind} " * 20,
            notes="x\ny " * 40,
            introducer_id=b if kind == "introduction" else None,
        )
    view = TodayView(ui_ctx)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    assert not view.grab().isNull()
    ct = ContactTimeline(ui_ctx)
    qtbot.addWidget(ct)
    ct.resize(size[0] // 2, size[1])
    ct.show()
    ct.set_contact(a)
    for n in range(ct.list.timeline_model.rowCount()):
        ct.list.timeline_model.toggle_expanded(n)
    assert not ct.grab().isNull()
