"""The one undo-command base (netdesk/ui/common/undo.py) as the contact list uses it: a step on
many contacts runs on the database worker and publishes its change once it is back; a small
one runs on the spot; the editor's own save is shown without reading the contact again."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from netdesk.core.model import Change, Contact
from netdesk.ui.common.undo import ServiceCommand
from netdesk.ui.contacts.commands import StarContactsCommand, toggle_star


def _people(ui_ctx: Any, n: int) -> list[int]:
    ids, _ = ui_ctx.services.contacts.create_many(
        [Contact(given_name=f"P{i:03}", family_name="Many") for i in range(n)]
    )
    return ids


def _published(ui_ctx: Any) -> list[Change]:
    seen: list[Change] = []
    ui_ctx.bus.changed.connect(seen.append)
    return seen


def _starred(ui_ctx: Any, ids: list[int]) -> int:
    return sum(s.starred for s in ui_ctx.services.contacts.summaries(ids).values())


def test_starring_many_contacts_runs_on_the_worker(ui_ctx: Any, qtbot: Any) -> None:
    ids = _people(ui_ctx, ServiceCommand.WORKER_THRESHOLD + 1)
    seen = _published(ui_ctx)
    toggle_star(ui_ctx, ids)
    command = ui_ctx.undo.command(0)
    assert isinstance(command, StarContactsCommand)
    assert command.task is not None  # handed to the worker, not written on the GUI thread
    qtbot.waitUntil(lambda: command.task.done, timeout=10000)
    assert _starred(ui_ctx, ids) == len(ids)
    assert seen == [Change(contacts=frozenset(ids))]  # one notice, once written

    first = command.task
    ui_ctx.undo.undo()
    assert command.task is not first
    qtbot.waitUntil(lambda: command.task.done, timeout=10000)
    assert _starred(ui_ctx, ids) == 0
    assert len(seen) == 2 and seen[1].contacts == frozenset(ids)


def test_starring_one_contact_is_done_on_the_spot(ui_ctx: Any) -> None:
    ids = _people(ui_ctx, 1)
    seen = _published(ui_ctx)
    toggle_star(ui_ctx, ids)
    command = ui_ctx.undo.command(0)
    assert command.task is None
    assert _starred(ui_ctx, ids) == 1 and seen == [Change(contacts=frozenset(ids))]
    ui_ctx.undo.undo()
    assert _starred(ui_ctx, ids) == 0 and len(seen) == 2


def test_the_editors_own_save_is_shown_without_reading_the_contact_again(
    main_window: Any, qtbot: Any, monkeypatch: Any
) -> None:
    ctx = main_window.ctx
    [cid] = _people(ctx, 1)
    view = main_window.views["contacts"]
    main_window.show_view("contacts")
    view.select_contact(cid)
    qtbot.waitUntil(lambda: view.current_id == cid)
    contacts = ctx.services.contacts
    reads: list[str] = []
    for name in ("get", "card_images"):
        real = getattr(contacts, name)
        monkeypatch.setattr(
            contacts, name, lambda *a, _n=name, _r=real, **k: reads.append(_n) or _r(*a, **k)
        )
    view.editor.title.setText("Chief Engineer")
    assert view.editor.save()
    assert reads == []  # neither the contact nor its card images read again
    assert view.page.role.text() == "Chief Engineer"  # the page shows what was saved
    assert view.editor.title.text() == "Chief Engineer" and not view.editor.is_dirty()


def test_undoing_follow_ups_for_several_contacts_runs_on_the_worker(
    ui_ctx: Any, qtbot: Any
) -> None:
    from datetime import date

    from netdesk.core.model import FollowUp
    from netdesk.ui.timeline.activity_actions import AddFollowUpsCommand

    ids = _people(ui_ctx, 2)
    wanted = [FollowUp(contact_id=cid, due=date(2027, 1, 5), reason="Thank") for cid in ids]
    # as the follow-up dialog does: one write, then the step goes on the stack as done
    fids, _change = ui_ctx.services.activity.add_follow_ups(wanted)
    written = [replace(f, id=fid) for f, fid in zip(wanted, fids, strict=True)]
    command = AddFollowUpsCommand(ui_ctx, written)
    ui_ctx.undo.push(command)
    seen = _published(ui_ctx)
    ui_ctx.undo.undo()
    assert command.task is not None  # handed to the worker, not written on the GUI thread
    qtbot.waitUntil(lambda: command.task.done, timeout=10000)
    assert all(ui_ctx.services.activity.open_follow_ups(cid) == [] for cid in ids)
    first = command.task
    ui_ctx.undo.redo()
    assert command.task is not first
    qtbot.waitUntil(lambda: command.task.done, timeout=10000)
    assert all(len(ui_ctx.services.activity.open_follow_ups(cid)) == 1 for cid in ids)
    assert len(seen) == 2
