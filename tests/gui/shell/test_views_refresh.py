"""Views reload only what changed (ARCHITECTURE rule 7): a hidden view marks itself stale and
reloads when it is shown; the Today badge is a count query, not a reload of the list; the
contact list repaints only the rows of the contacts a change names when the list stays the
same, and runs its query again when the set or the order may change."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from netdesk.core.cadence import bucket
from netdesk.core.model import Change, Contact, FollowUp, PartialDate

TODAY = date.today()


@pytest.fixture(autouse=True)
def settled(main_window: Any, ui_ctx: Any, qtbot: Any) -> Any:
    """The window's own work after a notice (the "who helped" badge, on the worker) ends
    before the window is closed."""
    yield
    qtbot.waitUntil(ui_ctx.worker.idle, timeout=5000)
    qtbot.wait(50)


class Calls:
    """Counts calls of a service method (and still calls it)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> None:
        self.n = 0
        real = getattr(owner, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.n += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, counted)


def _make(services: Any, name: str, **fields: Any) -> int:
    cid, _change = services.contacts.create(Contact(display_name=name, **fields))
    return int(cid)


def _due_names(view: Any) -> list[str]:
    return [r.item.display_name for r in view.due_list.due_model.rows if r.item]


def _names(contacts: Any) -> list[str]:
    model = contacts.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


# ----------------------------------------------------------------------- Today


def test_hidden_today_view_is_stale_until_shown_and_its_badge_is_a_count(
    main_window: Any, ui_ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = ui_ctx.services
    today = main_window.views["today"]
    main_window.show_view("contacts")
    cid = _make(services, "Fiona Follow")
    reloads = Calls(monkeypatch, services.activity, "today")
    counts = Calls(monkeypatch, services.activity, "due_now_count")
    _fid, change = services.activity.add_follow_up(FollowUp(cid, TODAY, "Call back"))
    ui_ctx.bus.publish(change)
    assert reloads.n == 0  # the hidden list is not read
    assert today._stale
    assert "Fiona Follow" not in _due_names(today)
    assert counts.n == 1  # the badge: one count
    assert main_window.nav_list.item(0).text() == "Today  (1)"
    main_window.show_view("today")  # shown: reloaded once
    assert reloads.n == 1 and not today._stale
    assert _due_names(today) == ["Fiona Follow"]
    assert today.due_count() == 1 and counts.n == 1  # fresh: the badge comes from the list
    main_window.show_view("contacts")
    main_window.show_view("today")  # nothing changed meanwhile: not read again
    assert reloads.n == 1


def test_visible_today_view_reloads_on_a_change(
    main_window: Any, ui_ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = ui_ctx.services
    today = main_window.views["today"]
    main_window.show_view("today")
    cid = _make(services, "Vera Visible")
    reloads = Calls(monkeypatch, services.activity, "today")
    _fid, change = services.activity.add_follow_up(FollowUp(cid, TODAY, "Send notes"))
    ui_ctx.bus.publish(change)
    assert reloads.n == 1 and not today._stale
    assert _due_names(today) == ["Vera Visible"]
    assert main_window.nav_list.item(0).text() == "Today  (1)"


def test_the_badge_count_is_the_lists_overdue_and_due_today(ui_ctx: Any) -> None:
    """The count query and the list agree: overdue and due today, cadences and follow-ups
    (snoozes included), birthdays and later items left out."""
    services = ui_ctx.services
    a = _make(services, "Overdue Otto")
    b = _make(services, "Today Tina")
    c = _make(services, "Snoozed Sam")
    d = _make(services, "Week Wim")
    _make(services, "Birthday Bea", birthday=PartialDate(TODAY.month, TODAY.day, 1990))
    e = _make(services, "Cadence Carl", cadence_days=7)
    services.activity.add_follow_up(FollowUp(a, TODAY - timedelta(days=3), "late"))
    services.activity.add_follow_up(FollowUp(b, TODAY, "now"))
    fid, _ = services.activity.add_follow_up(FollowUp(c, TODAY - timedelta(days=1), "later"))
    services.activity.snooze(fid, TODAY + timedelta(days=2))
    services.activity.add_follow_up(FollowUp(d, TODAY + timedelta(days=4), "soon"))
    assert services.contacts.get(e).cadence_days == 7
    items = services.activity.today(TODAY).items
    from_list = sum(
        1 for i in items if i.reason != "birthday" and bucket(i.due, TODAY) in ("overdue", "today")
    )
    assert from_list >= 2
    assert services.activity.due_now_count(TODAY) == from_list


# -------------------------------------------------------------------- contacts


def test_hidden_contact_list_is_stale_until_shown(
    main_window: Any, ui_ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = ui_ctx.services
    contacts = main_window.views["contacts"]
    main_window.show_view("today")
    queries = Calls(monkeypatch, services.contacts, "list_ids")
    _cid, change = services.contacts.create(Contact(display_name="Hidden Hugo"))
    ui_ctx.bus.publish(change)
    assert queries.n == 0 and contacts._stale
    assert contacts.model.rowCount() == 0
    main_window.show_view("contacts")
    assert queries.n == 1 and not contacts._stale
    assert _names(contacts) == ["Hidden Hugo"]


@pytest.fixture
def listed(main_window: Any, ui_ctx: Any, qtbot: Any) -> tuple[Any, list[int]]:
    services = ui_ctx.services
    ids = [_make(services, n) for n in ("Anna Alpha", "Bert Beta", "Cora Gamma")]
    main_window.show_view("contacts")
    main_window.refresh_all()
    contacts = main_window.views["contacts"]
    assert _names(contacts) == ["Anna Alpha", "Bert Beta", "Cora Gamma"]
    return contacts, ids


class Resets:
    def __init__(self, model: Any) -> None:
        self.resets = 0
        self.repainted: list[int] = []
        model.modelReset.connect(self._reset)
        model.dataChanged.connect(self._changed)

    def _reset(self) -> None:
        self.resets += 1

    def _changed(self, first: Any, last: Any, _roles: Any = ()) -> None:
        self.repainted.extend(range(first.row(), last.row() + 1))


def test_an_edit_that_keeps_the_list_repaints_only_its_row(
    listed: tuple[Any, list[int]], ui_ctx: Any
) -> None:
    contacts, ids = listed
    services = ui_ctx.services
    seen = Resets(contacts.model)
    bert = services.contacts.get(ids[1])
    ui_ctx.bus.publish(services.contacts.save(replace(bert, title="Chief Tester")))
    assert seen.resets == 0
    assert seen.repainted == [1]
    title = [c for c, _ in contacts.model.COLUMNS].index("title")
    assert contacts.model.index(1, title).data() == "Chief Tester"


@pytest.mark.parametrize("how", ["create", "delete", "rename"])
def test_a_change_of_the_set_or_the_order_runs_the_query_again(
    listed: tuple[Any, list[int]], ui_ctx: Any, how: str
) -> None:
    contacts, ids = listed
    services = ui_ctx.services
    seen = Resets(contacts.model)
    if how == "create":
        _cid, change = services.contacts.create(Contact(display_name="Bella Between"))
        expected = ["Anna Alpha", "Bella Between", "Bert Beta", "Cora Gamma"]
    elif how == "delete":
        change = services.contacts.delete([ids[1]])
        expected = ["Anna Alpha", "Cora Gamma"]
    else:
        anna = services.contacts.get(ids[0])
        change = services.contacts.save(
            replace(anna, display_name="Zora Zeta", given_name="Zora", family_name="Zeta")
        )
        expected = ["Bert Beta", "Cora Gamma", "Zora Zeta"]
    ui_ctx.bus.publish(change)
    assert seen.resets == 1
    assert _names(contacts) == expected


def test_with_a_search_an_edit_that_no_longer_matches_leaves_the_list(
    listed: tuple[Any, list[int]], ui_ctx: Any, qtbot: Any
) -> None:
    contacts, ids = listed
    services = ui_ctx.services
    contacts.model.set_filter(search="Beta")
    assert _names(contacts) == ["Bert Beta"]
    seen = Resets(contacts.model)
    cora = services.contacts.get(ids[2])
    ui_ctx.bus.publish(services.contacts.save(replace(cora, notes="not in the search")))
    assert seen.resets == 0  # Cora was not listed and still does not match
    bert = services.contacts.get(ids[1])
    ui_ctx.bus.publish(
        services.contacts.save(
            replace(bert, display_name="Bert Other", given_name="Bert", family_name="Other")
        )
    )
    assert seen.resets == 1
    assert _names(contacts) == []


def test_change_notice_naming_nobody_leaves_the_list_alone(
    listed: tuple[Any, list[int]], ui_ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    contacts, _ids = listed
    queries = Calls(monkeypatch, ui_ctx.services.contacts, "list_ids")
    seen = Resets(contacts.model)
    ui_ctx.bus.publish(Change(interactions=frozenset({1})))
    assert queries.n == 0 and seen.resets == 0 and seen.repainted == []
