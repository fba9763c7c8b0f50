"""Interactions, cadences, follow-ups, birthdays and the Today list through the services,
on a real SQLite database, at their edges."""

from __future__ import annotations

import io
import json
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from netdesk import cli
from netdesk.core.dates import PartialDate
from netdesk.core.errors import ValidationError
from netdesk.core.model import Contact, FollowUp, Interaction


def make(services: Any, name: str, **fields: Any) -> int:
    cid, _ = services.contacts.create(Contact(display_name=name, **fields))
    return cid


def log(services: Any, cid: int | tuple[int, ...], day: date, kind: str = "call", **kw: Any) -> int:
    ids = cid if isinstance(cid, tuple) else (cid,)
    at = datetime.combine(day, datetime.min.time()).replace(hour=10)
    iid, _ = services.activity.log(Interaction(at, kind, kw.pop("summary", "Talked"), ids, **kw))
    return iid


def due_for(services: Any, cid: int, today: date) -> list[tuple[str, date, str]]:
    return [
        (d.reason, d.due, d.detail) for d in services.activity.due(today) if d.contact_id == cid
    ]


# ----------------------------------------------------------------- cadences
def test_contact_with_no_interactions_is_due_a_cadence_after_it_was_added(services) -> None:
    cid = make(services, "Ada Lovelace", cadence_days=14)
    created = date.today()
    assert due_for(services, cid, created) == []  # due in 14 days: beyond this week
    due = due_for(services, cid, created + timedelta(days=8))
    assert due == [("cadence", created + timedelta(days=14), "every 2 weeks · never contacted")]
    assert services.contacts.get(cid).next_touch == created + timedelta(days=14)


def test_contact_without_cadence_is_never_due(services) -> None:
    cid = make(services, "No Cadence")
    log(services, cid, date(2020, 1, 1))
    assert due_for(services, cid, date.today()) == []


def test_logging_any_interaction_resets_the_cadence(services) -> None:
    cid = make(services, "Grace Hopper", cadence_days=30)
    log(services, cid, date(2026, 1, 1))
    assert services.contacts.get(cid).next_touch == date(2026, 1, 31)
    log(services, cid, date(2026, 1, 20), kind="help given")
    assert services.contacts.get(cid).next_touch == date(2026, 2, 19)
    # an older interaction logged late does not move the date back
    log(services, cid, date(2025, 12, 1), kind="email")
    assert services.contacts.get(cid).last_contacted == date(2026, 1, 20)
    assert services.contacts.get(cid).next_touch == date(2026, 2, 19)


def test_yearly_cadence_from_a_leap_day(services) -> None:
    cid = make(services, "Leap Lee", cadence_days=365)
    log(services, cid, date(2024, 2, 29))
    assert services.contacts.get(cid).next_touch == date(2025, 2, 28)
    assert due_for(services, cid, date(2025, 2, 28))[0][:2] == ("cadence", date(2025, 2, 28))


def test_monthly_cadence_into_a_leap_day(services) -> None:
    cid = make(services, "Jan Thirty", cadence_days=30)
    log(services, cid, date(2024, 1, 30))
    assert services.contacts.get(cid).next_touch == date(2024, 2, 29)


def test_overdue_today_and_this_week_edges(services) -> None:
    cid = make(services, "Edge Case", cadence_days=10)
    log(services, cid, date(2026, 3, 1))  # due 2026-03-11
    assert due_for(services, cid, date(2026, 3, 3)) == []  # 8 days ahead: not this week
    assert due_for(services, cid, date(2026, 3, 4))[0][1] == date(2026, 3, 11)  # 7 days ahead
    health = services.activity.health(date(2026, 3, 11))
    assert health.overdue == 0  # due today is not overdue
    assert services.activity.health(date(2026, 3, 12)).overdue == 1


def test_tag_cadence_is_the_default_and_own_cadence_wins(services) -> None:
    tagged = make(services, "Tagged", tags=("mentors",))
    own = make(services, "Own Cadence", tags=("mentors",), cadence_days=365)
    log(services, (tagged, own), date(2026, 1, 1))
    assert services.contacts.get(tagged).next_touch is None
    change = services.activity.set_tag_cadence("Mentors", 30)
    assert change.contacts == {tagged, own}
    assert services.contacts.get(tagged).next_touch == date(2026, 1, 31)
    assert services.contacts.get(own).next_touch == date(2027, 1, 1)
    detail = due_for(services, tagged, date(2026, 2, 1))[0][2]
    assert detail.startswith("monthly (tag default) · last contact")
    assert [(t.tag, t.cadence_days, t.contacts) for t in services.activity.tag_cadences()] == [
        ("mentors", 30, 2)
    ]
    services.activity.set_tag_cadence("mentors", None)
    assert services.contacts.get(tagged).next_touch is None
    with pytest.raises(ValidationError):
        services.activity.set_tag_cadence("mentors", 0)


def test_shortest_tag_cadence_applies(services) -> None:
    cid = make(services, "Two Tags", tags=("a", "b"))
    services.activity.set_tag_cadence("a", 91)
    services.activity.set_tag_cadence("b", 14)
    log(services, cid, date(2026, 5, 1))
    assert services.contacts.get(cid).next_touch == date(2026, 5, 15)


# ------------------------------------------------------------------- snoozes
def test_cadence_snooze_crossing_a_month(services) -> None:
    cid = make(services, "Snoozy", cadence_days=14)
    log(services, cid, date(2026, 1, 16))  # due 2026-01-30
    services.activity.snooze_cadence(cid, date(2026, 2, 3))
    assert due_for(services, cid, date(2026, 1, 30))[0][1] == date(2026, 2, 3)
    assert due_for(services, cid, date(2026, 1, 26)) == []  # horizon 2 Feb < 3 Feb
    assert due_for(services, cid, date(2026, 1, 27))[0][1] == date(2026, 2, 3)
    assert services.activity.cadence_state(cid).snoozed_until == date(2026, 2, 3)
    # lifting the snooze brings the original date back
    services.activity.snooze_cadence(cid, None)
    assert due_for(services, cid, date(2026, 1, 30))[0][1] == date(2026, 1, 30)


def test_logging_lifts_a_cadence_snooze(services) -> None:
    cid = make(services, "Snoozed Then Met", cadence_days=14)
    log(services, cid, date(2026, 1, 1))
    services.activity.snooze_cadence(cid, date(2026, 6, 1))
    log(services, cid, date(2026, 1, 10))
    assert services.activity.cadence_state(cid).snoozed_until is None
    assert services.contacts.get(cid).next_touch == date(2026, 1, 24)


def test_mark_cadence_done_puts_it_off_one_cadence(services) -> None:
    cid = make(services, "Done Without Logging", cadence_days=30)
    log(services, cid, date(2026, 1, 1))
    previous, _ = services.activity.mark_cadence_done(cid, date(2026, 2, 10))
    assert previous is None
    assert services.contacts.get(cid).next_touch == date(2026, 3, 12)
    assert services.contacts.get(cid).last_contacted == date(2026, 1, 1)  # nothing logged
    no_cadence = make(services, "No Cadence")
    with pytest.raises(ValidationError):
        services.activity.mark_cadence_done(no_cadence, date(2026, 2, 10))


def test_follow_up_due_done_and_snoozed_across_a_month(services) -> None:
    cid = make(services, "Follow Me")
    fid, _ = services.activity.add_follow_up(FollowUp(cid, date(2026, 1, 29), "Send slides"))
    assert due_for(services, cid, date(2026, 1, 29)) == [
        ("follow-up", date(2026, 1, 29), "Send slides")
    ]
    assert services.contacts.get(cid).next_touch == date(2026, 1, 29)
    services.activity.snooze(fid, date(2026, 2, 2))
    assert due_for(services, cid, date(2026, 1, 25)) == []
    assert due_for(services, cid, date(2026, 1, 26))[0][1] == date(2026, 2, 2)
    assert services.contacts.get(cid).next_touch == date(2026, 2, 2)
    assert services.activity.health(date(2026, 2, 3)).overdue == 1
    services.activity.mark_done(fid, date(2026, 2, 2))
    assert due_for(services, cid, date(2026, 2, 3)) == []
    assert services.contacts.get(cid).next_touch is None
    services.activity.reopen(fid, None)
    assert due_for(services, cid, date(2026, 2, 3))[0][1] == date(2026, 1, 29)
    removed, _ = services.activity.delete_follow_up(fid)
    assert removed.reason == "Send slides"
    assert due_for(services, cid, date(2026, 2, 3)) == []


def test_follow_up_needs_a_reason_and_a_contact(services) -> None:
    cid = make(services, "Someone")
    with pytest.raises(ValidationError):
        services.activity.add_follow_up(FollowUp(cid, date(2026, 1, 1), "  "))
    with pytest.raises(ValidationError):
        services.activity.add_follow_up(FollowUp(cid + 1000, date(2026, 1, 1), "why"))


def test_thank_you_follow_up_after_an_interview(services) -> None:
    cid = make(services, "Hiring Manager")
    f = services.activity.thank_you_follow_up(cid, date(2026, 2, 27))
    assert f.due == date(2026, 3, 1)
    assert "thank-you" in f.reason


# ----------------------------------------------------------------- birthdays
@pytest.mark.parametrize(
    ("today", "due", "detail"),
    [
        (date(2027, 2, 20), date(2027, 2, 28), "turns 39"),  # common year
        (date(2027, 2, 28), date(2027, 2, 28), "turns 39"),
        (date(2028, 2, 16), date(2028, 2, 29), "turns 40"),  # leap year: the day itself
        (date(2027, 3, 1), None, ""),
    ],
)
def test_birthday_on_29_february(services, today: date, due: date | None, detail: str) -> None:
    cid = make(services, "Leap Baby", birthday=PartialDate(2, 29, 1988))
    got = due_for(services, cid, today)
    assert got == ([("birthday", due, detail)] if due else [])


def test_birthday_without_a_year_and_across_new_year(services) -> None:
    cid = make(services, "No Year", birthday=PartialDate(1, 3, None))
    assert due_for(services, cid, date(2026, 12, 21)) == [
        ("birthday", date(2027, 1, 3), "birthday")
    ]
    assert due_for(services, cid, date(2026, 12, 19)) == []  # 15 days ahead
    assert due_for(services, cid, date(2027, 1, 3)) == [("birthday", date(2027, 1, 3), "birthday")]
    assert due_for(services, cid, date(2027, 1, 4)) == []


def test_no_year_29_february_birthday_in_a_common_year(services) -> None:
    cid = make(services, "No Year Leap", birthday=PartialDate(2, 29, None))
    assert due_for(services, cid, date(2026, 2, 27)) == [
        ("birthday", date(2026, 2, 28), "birthday")
    ]


def test_deleted_contacts_are_not_due(services) -> None:
    cid = make(services, "Gone", cadence_days=1, birthday=PartialDate(1, 1, None))
    services.activity.add_follow_up(FollowUp(cid, date(2026, 1, 1), "x"))
    services.contacts.delete([cid])
    assert due_for(services, cid, date(2026, 1, 1)) == []
    assert services.activity.health(date(2026, 1, 2)).overdue == 0


def test_today_list_is_sorted_by_date_then_kind(services) -> None:
    a = make(services, "Alpha", cadence_days=7)
    b = make(services, "Beta")
    log(services, a, date(2026, 4, 1))  # due 2026-04-08
    services.activity.add_follow_up(FollowUp(b, date(2026, 4, 8), "Call back"))
    items = services.activity.due(date(2026, 4, 8))
    assert [(d.display_name, d.reason) for d in items] == [
        ("Beta", "follow-up"),
        ("Alpha", "cadence"),
    ]


# ------------------------------------------------------------- interactions
def test_update_delete_and_restore_under_the_same_id(services) -> None:
    a, b = make(services, "A", cadence_days=30), make(services, "B")
    iid = log(services, (a, b), date(2026, 6, 1), summary="Lunch")
    before = services.activity.get(iid)
    services.activity.update(
        Interaction(before.occurred_at, "meeting", "Long lunch", (a,), notes="n", id=iid)
    )
    assert services.activity.get(iid).contact_ids == (a,)
    assert services.contacts.get(b).last_contacted is None
    deleted, change = services.activity.delete(iid)
    assert change.contacts == {a}
    assert services.contacts.get(a).last_contacted is None
    restored, _ = services.activity.log(deleted)
    assert restored == iid
    assert services.activity.get(iid).summary == "Long lunch"
    assert services.contacts.get(a).next_touch == date(2026, 7, 1)


def test_introduction_keeps_the_introducer(services) -> None:
    intro, new = make(services, "Introducer"), make(services, "Newcomer")
    iid = log(services, (intro, new), date(2026, 6, 1), kind="introduction", introducer_id=intro)
    [entry] = services.activity.timeline_for(new)
    assert entry.interaction.id == iid
    assert entry.interaction.introducer_id == intro
    assert dict(entry.people) == {intro: "Introducer", new: "Newcomer"}


def test_timeline_filters_and_paging(services) -> None:
    a = make(services, "Alice", tags=("berlin",))
    b = make(services, "Bob")
    for n in range(30):
        log(
            services,
            a if n % 2 else b,
            date(2026, 1, 1) + timedelta(days=n),
            kind="call" if n % 3 else "email",
            summary=f"Topic {n}",
        )
    page1 = services.activity.timeline_for(a, limit=10)
    page2 = services.activity.timeline_for(a, limit=10, offset=10)
    assert len(page1) == 10 and len(page2) == 5
    days = [e.interaction.occurred_at for e in page1 + page2]
    assert days == sorted(days, reverse=True)
    assert services.activity.interaction_count(a) == 15
    assert services.activity.interaction_count(a, ["email"]) == len(
        services.activity.timeline_for(a, ["email"])
    )
    assert len(services.activity.timeline(tag="berlin", limit=None)) == 15
    since = services.activity.timeline(since=date(2026, 1, 25), until=date(2026, 1, 27))
    assert [e.interaction.summary for e in since] == ["Topic 26", "Topic 25", "Topic 24"]
    assert [e.interaction.summary for e in services.activity.timeline(search="topic 7")] == [
        "Topic 7"
    ]


def test_interactions_per_month_for_twelve_months(services) -> None:
    cid = make(services, "Counter")
    log(services, cid, date(2025, 12, 1))
    log(services, cid, date(2026, 11, 30))
    log(services, cid, date(2026, 11, 1))
    log(services, cid, date(2025, 11, 30))  # 13 months back: not in the chart
    health = services.activity.health(date(2026, 11, 30))
    months = dict(health.per_month)
    keys = list(months)
    assert keys[0] == "2025-12" and keys[-1] == "2026-11"
    assert len(months) == 12
    assert months["2025-12"] == 1 and months["2026-11"] == 2 and sum(months.values()) == 3


def test_contacts_touched_in_30_and_90_days(services) -> None:
    today = date(2026, 11, 30)
    recent, older, old = make(services, "R"), make(services, "O"), make(services, "X")
    log(services, recent, today - timedelta(days=30))
    log(services, older, today - timedelta(days=60))
    log(services, old, today - timedelta(days=91))
    health = services.activity.health(today)
    assert (health.touched_30, health.touched_90) == (1, 2)


# ----------------------------------------------------------------------- CLI
def run_cli(db_path: Any, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.run(["--db", str(db_path), *args], out, err)
    return code, out.getvalue(), err.getvalue()


def test_cli_log_and_due(db_path) -> None:
    from netdesk.compose import build_services
    from netdesk.settings import SettingsStore

    svc = build_services(db_path, SettingsStore(db_path.parent / "config"))
    try:
        a = make(svc, "Cli Person", cadence_days=14)
        b = make(svc, "Birthday Person", birthday=PartialDate(2, 29, None))
    finally:
        svc.close()
    code, out, err = run_cli(
        db_path,
        "log",
        "--contact",
        str(a),
        "--type",
        "call",
        "--date",
        "2027-02-01",
        "--summary",
        "Catch-up",
        "--notes",
        "Went well",
    )
    assert code == 0, err
    assert json.loads(out)["date"] == "2027-02-01"
    code, out, err = run_cli(db_path, "due", "--json", "--today", "2027-02-15")
    assert code == 0, err
    items = json.loads(out)
    assert [(i["contact_id"], i["due"], i["reason"]) for i in items] == [
        (a, "2027-02-15", "cadence"),
        (b, "2027-02-28", "birthday"),
    ]
    assert items[0]["display_name"] == "Cli Person"
    code, _out, err = run_cli(
        db_path,
        "log",
        "--contact",
        str(a),
        "--type",
        "lunch",
        "--date",
        "2027-02-01",
        "--summary",
        "x",
    )
    assert code == 1 and "not one of" in err
    code, _out, err = run_cli(db_path, "due", "--json", "--today", "2027-02-30")
    assert code == 1 and "YYYY-MM-DD" in err
