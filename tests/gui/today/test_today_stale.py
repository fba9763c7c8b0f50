"""Issue 11, item 2, for the Today view: done and snooze act on the item as it was shown;
an item changed or removed elsewhere meanwhile (the command line, another window) is not
written over: the user is told how it is now and the list shows it. Undo of an older done or
snooze does not overwrite a later change made elsewhere either."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers import dump_tables
from PySide6.QtCore import Qt

from netdesk.core.errors import StaleItemError
from netdesk.core.model import Contact, FollowUp, Interaction

TODAY = date.today()


def make(services: Any, name: str, **fields: Any) -> int:
    cid, _ = services.contacts.create(Contact(display_name=name, **fields))
    return int(cid)


def due_names(view: Any) -> list[str]:
    return [r.item.display_name for r in view.due_list.due_model.rows if r.item]


def select(view: Any, name: str) -> None:
    model = view.due_list.due_model
    row = next(n for n, r in enumerate(model.rows) if r.item and r.item.display_name == name)
    view.due_list.setCurrentIndex(model.index(row, 0))


@pytest.fixture
def today_view(ui_ctx: Any, qtbot: Any) -> Any:
    from netdesk.ui.today.view import TodayView

    view = TodayView(ui_ctx)
    qtbot.addWidget(view)
    view.show()
    return view


@pytest.fixture
def fred(ui_ctx: Any) -> tuple[int, int]:
    services = ui_ctx.services
    cid = make(services, "Follow Fred")
    fid, _ = services.activity.add_follow_up(FollowUp(cid, TODAY - timedelta(days=2), "Intro mail"))
    return cid, int(fid)


def test_done_on_a_follow_up_snoozed_elsewhere_is_refused_and_the_list_updates(
    ui_ctx: Any,
    today_view: Any,
    fred: tuple[int, int],
    db_path: Path,
    request: Any,
    no_modal_dialogs: list[str],
) -> None:
    request.node.expects_error_dialog = True
    services = ui_ctx.services
    _cid, fid = fred
    today_view.refresh()
    select(today_view, "Follow Fred")
    # elsewhere (not through this window's bus): snoozed for three days
    services.activity.snooze(fid, TODAY + timedelta(days=3))
    state = dump_tables(db_path)
    today_view.mark_done()
    assert dump_tables(db_path) == state  # nothing written
    assert services.activity.get_follow_up(fid).done_on is None
    message = no_modal_dialogs[-1]
    assert "Intro mail" in message and "Follow Fred" in message
    assert "due on" in message
    assert not ui_ctx.undo.canUndo()
    # the list shows it as it is now (this week, not overdue)
    rows = [(r.section, r.item.display_name) for r in today_view.due_list.due_model.rows if r.item]
    assert rows == [("week", "Follow Fred")]


def test_snooze_on_a_follow_up_done_on_the_command_line_is_refused(
    ui_ctx: Any,
    today_view: Any,
    fred: tuple[int, int],
    db_path: Path,
    request: Any,
    no_modal_dialogs: list[str],
) -> None:
    request.node.expects_error_dialog = True
    services = ui_ctx.services
    _cid, fid = fred
    today_view.refresh()
    select(today_view, "Follow Fred")
    yesterday = TODAY - timedelta(days=1)
    services.activity.mark_done(fid, yesterday)  # as `netdesk` from a script would
    today_view.snooze(7)
    assert services.activity.get_follow_up(fid).done_on == yesterday  # not reopened
    assert "marked done" in no_modal_dialogs[-1]
    assert due_names(today_view) == []


def test_done_on_a_contact_deleted_elsewhere_is_refused(
    ui_ctx: Any, today_view: Any, fred: tuple[int, int], request: Any, no_modal_dialogs: Any
) -> None:
    request.node.expects_error_dialog = True
    services = ui_ctx.services
    cid, fid = fred
    make(services, "Someone Else")  # so that the view shows its list, not the welcome
    today_view.refresh()
    select(today_view, "Follow Fred")
    services.contacts.delete([cid])
    today_view.mark_done()
    assert services.activity.get_follow_up(fid).done_on is None
    assert "Follow Fred was deleted elsewhere" in no_modal_dialogs[-1]
    assert due_names(today_view) == []


def test_keep_in_touch_done_after_a_call_logged_elsewhere_is_refused(
    ui_ctx: Any, today_view: Any, db_path: Path, request: Any, no_modal_dialogs: Any
) -> None:
    """The reminder said "overdue"; meanwhile `netdesk log` recorded a call, which moved it a
    cadence ahead. "Done" would put off the new reminder: refused, the list updated."""
    request.node.expects_error_dialog = True
    services = ui_ctx.services
    cid = make(services, "Cadence Cleo", cadence_days=14)
    at = datetime.now().replace(microsecond=0) - timedelta(days=20)
    services.activity.log(Interaction(at, "call", "Talked", (cid,)))
    today_view.refresh()
    select(today_view, "Cadence Cleo")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "netdesk",
            "--db",
            str(db_path),
            "log",
            "--contact",
            str(cid),
            "--type",
            "call",
            "--date",
            TODAY.isoformat(),
            "--summary",
            "Caught up",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    state = dump_tables(db_path)
    today_view.mark_done()
    assert dump_tables(db_path) == state
    assert "Keeping in touch with Cadence Cleo was changed elsewhere" in no_modal_dialogs[-1]
    assert due_names(today_view) == []  # due in two weeks now: off the Today list


def test_undo_of_an_older_done_does_not_reopen_a_follow_up_changed_since(
    ui_ctx: Any,
    today_view: Any,
    fred: tuple[int, int],
    qtbot: Any,
    request: Any,
    no_modal_dialogs: Any,
) -> None:
    request.node.expects_error_dialog = True
    services = ui_ctx.services
    _cid, fid = fred
    today_view.refresh()
    select(today_view, "Follow Fred")
    today_view.mark_done()
    assert services.activity.get_follow_up(fid).done_on == TODAY
    # elsewhere: reopened and snoozed to next month
    later = TODAY + timedelta(days=30)
    services.activity.reopen(fid, later)
    ui_ctx.undo.undo()
    assert services.activity.get_follow_up(fid).snoozed_until == later  # kept
    assert services.activity.get_follow_up(fid).done_on is None
    assert any("Follow Fred was changed elsewhere" in t for t in no_modal_dialogs)


def test_undo_of_an_older_snooze_keeps_a_snooze_set_elsewhere_since(
    ui_ctx: Any, today_view: Any, request: Any, no_modal_dialogs: Any
) -> None:
    request.node.expects_error_dialog = True
    services = ui_ctx.services
    cid = make(services, "Cadence Cleo", cadence_days=14)
    at = datetime.now().replace(microsecond=0) - timedelta(days=20)
    services.activity.log(Interaction(at, "call", "Talked", (cid,)))
    today_view.refresh()
    select(today_view, "Cadence Cleo")
    today_view.snooze(7)
    other = TODAY + timedelta(days=60)
    services.activity.snooze_cadence(cid, other)  # elsewhere
    ui_ctx.undo.undo()
    assert services.activity.cadence_state(cid).snoozed_until == other
    assert any("reminder for Cadence Cleo was changed elsewhere" in t for t in no_modal_dialogs)


def test_the_service_checks_in_the_writing_transaction(ui_ctx: Any, fred: tuple[int, int]) -> None:
    activity = ui_ctx.services.activity
    _cid, fid = fred
    shown = activity.get_follow_up(fid)
    activity.snooze(fid, TODAY + timedelta(days=1), expected=shown)
    with pytest.raises(StaleItemError, match="snoozed until"):
        activity.mark_done(fid, TODAY, expected=shown)  # the snooze moved it
    activity.mark_done(fid, TODAY, expected=activity.get_follow_up(fid))
    assert activity.get_follow_up(fid).done_on == TODAY


def test_keys_still_work_on_an_unchanged_item(
    ui_ctx: Any, today_view: Any, fred: tuple[int, int], qtbot: Any
) -> None:
    _cid, fid = fred
    today_view.refresh()
    window = today_view.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    today_view.due_list.setFocus()
    select(today_view, "Follow Fred")
    qtbot.keyClick(today_view.due_list, Qt.Key.Key_D)
    assert ui_ctx.services.activity.get_follow_up(fid).done_on == TODAY
    ui_ctx.undo.undo()
    assert ui_ctx.services.activity.get_follow_up(fid).done_on is None
    ui_ctx.undo.redo()
    assert ui_ctx.services.activity.get_follow_up(fid).done_on == TODAY


def test_undo_of_an_older_interaction_edit_keeps_a_later_edit_made_elsewhere(
    ui_ctx: Any, qtbot: Any, request: Any, no_modal_dialogs: Any
) -> None:
    from dataclasses import replace

    from netdesk.ui.timeline import activity_actions

    request.node.expects_error_dialog = True
    services = ui_ctx.services
    cid = make(services, "Timeline Tom")
    at = datetime.now().replace(second=0, microsecond=0)
    iid = activity_actions.log_interaction(ui_ctx, Interaction(at, "call", "Intro", (cid,)))
    before = services.activity.get(iid)
    activity_actions.update_interaction(ui_ctx, before, replace(before, summary="Intro call"))
    # elsewhere: the notes written
    now = services.activity.get(iid)
    services.activity.update(replace(now, notes="Wants the deck"))
    ui_ctx.undo.undo()  # the summary edit: refused, the notes stay
    got = services.activity.get(iid)
    assert (got.summary, got.notes) == ("Intro call", "Wants the deck")
    assert any("edited elsewhere" in t for t in no_modal_dialogs)
    ui_ctx.undo.undo()  # the log: the interaction was edited since, so it is not deleted
    assert services.activity.get(iid).notes == "Wants the deck"


def test_undo_of_an_added_follow_up_keeps_one_marked_done_elsewhere(
    ui_ctx: Any, request: Any, no_modal_dialogs: Any
) -> None:
    from netdesk.ui.timeline import activity_actions

    request.node.expects_error_dialog = True
    services = ui_ctx.services
    cid = make(services, "Follow Fred")
    fid = activity_actions.add_follow_up(ui_ctx, FollowUp(cid, TODAY, "Send the deck"))
    services.activity.mark_done(fid, TODAY)  # elsewhere
    ui_ctx.undo.undo()
    assert services.activity.get_follow_up(fid).done_on == TODAY  # not deleted
    assert any("“Send the deck” for Follow Fred was changed" in t for t in no_modal_dialogs)
