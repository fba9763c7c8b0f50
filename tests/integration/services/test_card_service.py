"""CardService: a card is the contact, its "met at" interaction and its follow-up, written
together or not at all."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netdesk.core.errors import ValidationError
from netdesk.core.model import Address, Contact, Email, Phone, Photo, Url
from netdesk.services.cards import CaptureInfo, CardService, merge_card_into

CAPTURE = CaptureInfo("Expo Berlin 2026", date(2026, 11, 3), 2, ("expo",))


def _svc(services) -> CardService:  # type: ignore[no-untyped-def]
    return services.cards


def test_save_card_writes_contact_interaction_and_follow_up(services) -> None:  # type: ignore[no-untyped-def]
    record, change = _svc(services).save_card(
        Contact(given_name="Ada", family_name="Lovelace", emails=(Email("ada@example.org"),)),
        CAPTURE,
        "  engines  ",
        {"card_front": Photo(b"\xff\xd8front", "image/jpeg")},
    )
    c = services.contacts.get(record.contact_id)
    assert (c.met_at, c.met_on, c.tags) == ("Expo Berlin 2026", date(2026, 11, 3), ("expo",))
    [entry] = services.activity.timeline_for(record.contact_id)
    assert (entry.interaction.summary, entry.interaction.notes) == (
        "Met at Expo Berlin 2026",
        "engines",
    )
    assert entry.interaction.occurred_at.date() == date(2026, 11, 3)
    [fu] = services.activity.open_follow_ups(record.contact_id)
    assert fu.due == date(2026, 11, 5) and fu.id == record.follow_up_id
    assert fu.interaction_id == record.interaction_id
    assert services.contacts.card_images(record.contact_id)["card_front"].data == b"\xff\xd8front"
    assert change.contacts == {record.contact_id}
    assert change.interactions == {record.interaction_id}


def test_a_failure_half_way_leaves_nothing(services, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from netdesk.storage import activity

    def boom(self, f):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(activity.FollowUpRepository, "add", boom)
    with pytest.raises(RuntimeError):
        _svc(services).save_card(Contact(given_name="Ada", family_name="Lovelace"), CAPTURE)
    assert services.contacts.count() == 0
    assert services.activity.timeline() == []


def test_invalid_card_is_refused_before_writing(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        _svc(services).save_card(Contact(given_name="Ada", emails=(Email("ada@@x"),)), CAPTURE)
    assert err.value.field == "email"
    assert services.contacts.count() == 0


def test_no_follow_up_rule_and_no_event(services) -> None:  # type: ignore[no-untyped-def]
    record, _ = _svc(services).save_card(
        Contact(given_name="Ada"), CaptureInfo("", date(2026, 1, 2), None)
    )
    assert record.follow_up_id is None
    assert services.activity.open_follow_ups(record.contact_id) == []
    [entry] = services.activity.timeline_for(record.contact_id)
    assert entry.interaction.summary == "Met in person"


def test_remove_and_restore(services) -> None:  # type: ignore[no-untyped-def]
    svc = _svc(services)
    record, _ = svc.save_card(Contact(given_name="Ada", family_name="Lovelace"), CAPTURE, "x")
    removal, _ = svc.remove_card(record)
    assert services.contacts.count() == 0
    assert services.activity.timeline() == []
    assert services.activity.due(date(2026, 12, 1)) == []
    again, _ = svc.restore_card(removal)
    assert services.contacts.count() == 1
    assert [e.interaction.notes for e in services.activity.timeline_for(again.contact_id)] == ["x"]
    assert [f.due for f in services.activity.open_follow_ups(again.contact_id)] == [
        date(2026, 11, 5)
    ]


def test_merge_adds_and_never_overwrites() -> None:
    existing = Contact(
        id=7,
        given_name="Hannah",
        family_name="Schulz",
        title="Partner",
        department="",
        emails=(Email("hannah@kessler.example.de", "work", True),),
        phones=(Phone("+49 89 2345678-0", "+498923456780", "work", True),),
        urls=(Url("https://www.kessler.example.de", "work"),),
        tags=("clients",),
        notes="Old friend.",
    )
    card = Contact(
        given_name="H.",
        family_name="Schulz-Berg",
        title="Managing Partner",
        department="Strategy",
        emails=(
            Email("HANNAH@kessler.example.de", "work", True),
            Email("hs@example.org", "", True),
        ),
        phones=(
            Phone("+49 89 2345678-0", "+498923456780", "work"),
            Phone("0171 9876543", "+491719876543", "mobile", True),
        ),
        urls=(Url("www.kessler.example.de/"), Url("linkedin.com/in/hschulz", "linkedin")),
        addresses=(Address("Am Hafen 3", "Kiel", "", "24103", "", "work"),),
        tags=("Clients", "expo"),
        notes="Talked about cloud.",
    )
    m = merge_card_into(existing, card)
    assert (m.given_name, m.family_name, m.title) == ("Hannah", "Schulz", "Partner")
    assert m.department == "Strategy"  # was empty
    assert [e.value for e in m.emails] == ["hannah@kessler.example.de", "hs@example.org"]
    assert [e.pref for e in m.emails] == [True, False]
    assert [p.e164 for p in m.phones] == ["+498923456780", "+491719876543"]
    assert [p.pref for p in m.phones] == [True, False]
    assert [u.value for u in m.urls] == [
        "https://www.kessler.example.de",
        "linkedin.com/in/hschulz",
    ]
    assert m.addresses == card.addresses
    assert m.tags == ("clients", "expo")
    assert m.notes == "Old friend.\n\nTalked about cloud."


def test_merge_card_through_the_service(services) -> None:  # type: ignore[no-untyped-def]
    cid, _ = services.contacts.create(
        Contact(given_name="Hannah", family_name="Schulz", title="Partner")
    )
    svc = _svc(services)
    record, _ = svc.merge_card(
        cid,
        Contact(
            given_name="Hannah", family_name="Schulz", title="CEO", emails=(Email("h@example.org"),)
        ),
        CAPTURE,
        "met again",
    )
    c = services.contacts.get(cid)
    assert c.title == "Partner" and [e.value for e in c.emails] == ["h@example.org"]
    assert c.met_at == "Expo Berlin 2026"
    assert not record.created
    svc.remove_card(record)
    c = services.contacts.get(cid)
    assert c.emails == () and c.met_at == "" and services.contacts.count() == 1
    assert services.activity.timeline_for(cid) == []


def test_update_card_changes_contact_and_note(services) -> None:  # type: ignore[no-untyped-def]
    svc = _svc(services)
    record, _ = svc.save_card(Contact(given_name="Ada"), CAPTURE, "engines")
    c = services.contacts.get(record.contact_id)
    svc.update_card(record, c.with_changes(organization="Analytical Engines Ltd"), "poetry")
    assert services.contacts.get(record.contact_id).organization == "Analytical Engines Ltd"
    assert svc.note_of(record) == "poetry"
    assert services.contacts.get(record.contact_id).met_on == date(2026, 11, 3)
    assert services.activity.open_follow_ups(record.contact_id)[
        0
    ].due == CAPTURE.met_on + timedelta(days=2)


def test_a_second_card_of_the_same_person_at_the_same_event_logs_the_meeting_once(
    services,
) -> None:  # type: ignore[no-untyped-def]
    """Issue 13, defect 4: 'Add this card's details to the existing contact' for a contact met
    at the same event on the same day adds no second interaction and no second follow-up
    (Today would list the person twice); taking the card back keeps the first card's meeting."""
    svc = _svc(services)
    first, _ = svc.save_card(
        Contact(given_name="Ada", family_name="Lovelace", emails=(Email("ada@example.org"),)),
        CAPTURE,
        "engines",
    )
    cid = first.contact_id
    second, _ = svc.merge_card(
        cid,
        Contact(given_name="Ada", family_name="Lovelace", emails=(Email("ada@engines.example"),)),
        CAPTURE,
        "second card, private address",
    )
    [entry] = services.activity.timeline_for(cid)
    assert entry.interaction.notes == "engines\n\nsecond card, private address"
    [fu] = services.activity.open_follow_ups(cid)
    assert fu.id == first.follow_up_id
    due = services.activity.due(CAPTURE.met_on + timedelta(days=2))
    assert [d.contact_id for d in due].count(cid) == 1
    svc.remove_card(second)  # Ctrl+Z on the second card: the first meeting stays
    [entry] = services.activity.timeline_for(cid)
    assert entry.interaction.notes == "engines"
    assert [f.id for f in services.activity.open_follow_ups(cid)] == [first.follow_up_id]
    assert [e.value for e in services.contacts.get(cid).emails] == ["ada@example.org"]


def test_a_card_at_another_event_still_logs_its_own_meeting(services) -> None:  # type: ignore[no-untyped-def]
    svc = _svc(services)
    first, _ = svc.save_card(Contact(given_name="Ada", family_name="Lovelace"), CAPTURE)
    later = CaptureInfo("Web Summit", date(2026, 11, 10), 2)
    svc.merge_card(first.contact_id, Contact(given_name="Ada", family_name="Lovelace"), later)
    assert len(services.activity.timeline_for(first.contact_id)) == 2
    assert len(services.activity.open_follow_ups(first.contact_id)) == 2
