"""Finding and merging duplicates through the service: the scan, "not the same person",
a merge that keeps every value and relation, and an undo that restores every table."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from helpers import dump_tables

from netdesk.core.dates import PartialDate
from netdesk.core.errors import NetDeskError, ValidationError
from netdesk.core.matching import MergeChoices
from netdesk.core.model import Address, Contact, Email, FollowUp, Interaction, Phone, Photo, Url


def _bob() -> Contact:
    return Contact(
        given_name="Bob",
        family_name="Smith",
        organization="Acme Inc.",
        title="Engineer",
        emails=(Email("bob@acme.com", "work", True),),
        phones=(Phone("+44 7911 123456", label="mobile"),),
        tags=("acme",),
        notes="Met at the fair.",
        uid="urn:uuid:bob-1",
    )


def _robert() -> Contact:
    return Contact(
        given_name="Robert",
        family_name="Smith",
        organization="ACME",
        title="CTO",
        emails=(Email("BOB@acme.com"), Email("rob.smith@gmail.com", "home")),
        phones=(Phone("+447911123456", label="work"),),
        addresses=(Address("1 High St", "London", "", "N1", "UK", "home"),),
        urls=(Url("https://robsmith.example", ""),),
        birthday=PartialDate(5, 2, 1971),
        tags=("golf",),
        notes="Plays golf.",
        uid="urn:uuid:rob-2",
    )


@pytest.fixture
def world(services: Any) -> dict[str, int]:
    """Bob and Robert Smith (one person), a friend each introduced, an introducer, a shared
    meeting with both and someone else, interactions, follow-ups, card images."""
    svc = services
    intro, _ = svc.contacts.create(Contact(given_name="Ivy", family_name="Intro"))
    bob, _ = svc.contacts.create(_bob().with_changes(introduced_by=intro))
    rob, _ = svc.contacts.create(_robert().with_changes(photo=Photo(b"\x89PNG rob", "image/png")))
    other, _ = svc.contacts.create(Contact(given_name="Olga", family_name="Other"))
    friend_b, _ = svc.contacts.create(
        Contact(given_name="Fay", family_name="Friend", introduced_by=bob)
    )
    friend_r, _ = svc.contacts.create(
        Contact(given_name="Gus", family_name="Pal", introduced_by=rob)
    )
    svc.contacts.set_card_image(rob, "card_front", Photo(b"front", "image/jpeg"))
    act = svc.activity
    act.log(Interaction(datetime(2026, 5, 1, 10), "meeting", "Lunch", (bob,)))
    act.log(Interaction(datetime(2026, 6, 1, 10), "call", "Call", (rob,)))
    act.log(Interaction(datetime(2026, 7, 1, 10), "meeting", "Workshop", (bob, rob, other)))
    act.log(
        Interaction(
            datetime(2026, 8, 1, 10), "introduction", "Intro", (rob, other), introducer_id=rob
        )
    )
    act.add_follow_up(FollowUp(contact_id=rob, due=date(2026, 12, 24), reason="Send slides"))
    return {"bob": bob, "rob": rob, "other": other, "fb": friend_b, "fr": friend_r, "in": intro}


def _participants(db_path: Path) -> list[tuple[int, int, str]]:
    con = sqlite3.connect(db_path)
    try:
        return sorted(
            con.execute("SELECT interaction_id, contact_id, role FROM interaction_contacts")
        )
    finally:
        con.close()


def test_scan_finds_the_pair_with_reasons(services: Any, world: dict[str, int]) -> None:
    groups = services.duplicates.scan()
    assert [g.ids for g in groups] == [tuple(sorted((world["bob"], world["rob"])))]
    g = groups[0]
    assert g.score >= 80
    assert g.reasons[0] == "same email BOB@acme.com" or g.reasons[0].startswith("same email")
    assert "same phone +44 7911 123456" in g.reasons
    assert "names match: Bob Smith ≈ Robert Smith" in g.reasons


def test_not_the_same_person_is_remembered(services: Any, world: dict[str, int]) -> None:
    services.duplicates.reject(world["rob"], world["bob"])
    assert services.duplicates.scan() == []
    services.duplicates.reject(world["bob"], world["rob"])  # twice is fine
    services.duplicates.unreject(world["bob"], world["rob"])
    assert len(services.duplicates.scan()) == 1


def test_merge_keeps_every_value_and_relation(
    services: Any, world: dict[str, int], db_path: Path
) -> None:
    bob, rob = world["bob"], world["rob"]
    result = services.duplicates.merge([bob, rob], keep=bob)
    assert result.survivor_id == bob and result.merged_ids == (rob,)
    c = services.contacts.get(bob)
    assert [e.value for e in c.emails] == ["bob@acme.com", "rob.smith@gmail.com"]
    assert len(c.phones) == 1 and c.phones[0].e164 == "+447911123456"
    assert c.addresses == _robert().addresses
    assert [u.value for u in c.urls] == ["https://robsmith.example"]
    assert set(c.tags) == {"acme", "golf"}
    assert c.title == "Engineer"  # the survivor's own value stays unless chosen
    assert c.birthday == PartialDate(5, 2, 1971)
    assert c.notes == "Met at the fair.\n\nPlays golf."
    assert c.photo == Photo(b"\x89PNG rob", "image/png")
    assert c.introduced_by == world["in"]
    # the merged-away contact is gone from the list but kept (restorable)
    assert rob not in services.contacts.list_ids()
    # interactions: each once, the shared one with one row for the survivor
    rows = _participants(db_path)
    assert all(cid != rob for _, cid, _ in rows)
    assert services.contacts.interaction_count(bob) == 4
    assert any(role == "introducer" and cid == bob for _, cid, role in rows)
    # follow-ups, introduced-by links both ways, card images, UIDs
    assert [f.reason for f in services.activity.open_follow_ups(bob)] == ["Send slides"]
    assert services.contacts.get(world["fr"]).introduced_by == bob
    assert services.contacts.get(world["fb"]).introduced_by == bob
    assert services.contacts.card_images(bob)["card_front"].data == b"front"
    con = sqlite3.connect(db_path)
    try:
        assert con.execute(
            "SELECT uid FROM contact_uids WHERE contact_id = ?", (bob,)
        ).fetchall() == [("urn:uuid:rob-2",)]
    finally:
        con.close()
    assert c.last_contacted == date(2026, 8, 1)
    # the merged contact is found by a search for the other's email
    assert bob in services.contacts.list_ids(search="rob.smith@gmail.com")


def test_per_value_choices(services: Any, world: dict[str, int]) -> None:
    bob, rob = world["bob"], world["rob"]
    preview = services.duplicates.preview_merge([bob, rob], keep=bob)
    assert [e.value for e in preview.emails] == ["bob@acme.com", "rob.smith@gmail.com"]
    services.duplicates.merge(
        [bob, rob],
        keep=bob,
        choices=MergeChoices(fields={"title": rob}, dropped={"emails": frozenset({1})}),
    )
    c = services.contacts.get(bob)
    assert c.title == "CTO"
    assert [e.value for e in c.emails] == ["bob@acme.com"]


def test_undo_restores_every_table_exactly(
    services: Any, world: dict[str, int], db_path: Path
) -> None:
    before = dump_tables(db_path)
    result = services.duplicates.merge([world["rob"], world["bob"]])
    assert dump_tables(db_path) != before
    services.duplicates.undo_merge(result)
    assert dump_tables(db_path) == before
    # and again: redo, undo
    again = services.duplicates.redo_merge(result)
    assert again.survivor_id == result.survivor_id
    services.duplicates.undo_merge(again)
    assert dump_tables(db_path) == before


def test_undo_of_a_three_way_merge_is_exact(
    services: Any, world: dict[str, int], db_path: Path
) -> None:
    third, _ = services.contacts.create(
        Contact(display_name="Smith, Robert", emails=(Email("rob.smith@gmail.com"),))
    )
    services.activity.log(Interaction(datetime(2026, 9, 1), "email", "Mail", (third, world["bob"])))
    before = dump_tables(db_path)
    result = services.duplicates.merge([world["bob"], world["rob"], third])
    assert sorted((result.survivor_id, *result.merged_ids)) == sorted(
        (world["bob"], world["rob"], third)
    )
    services.duplicates.undo_merge(result)
    assert dump_tables(db_path) == before


def test_undo_refuses_after_an_edit(services: Any, world: dict[str, int]) -> None:
    result = services.duplicates.merge([world["bob"], world["rob"]], keep=world["bob"])
    import time

    time.sleep(1.05)  # updated_at has whole seconds
    c = services.contacts.get(world["bob"])
    services.contacts.save(c.with_changes(title="Boss"))
    with pytest.raises(NetDeskError, match="edited since"):
        services.duplicates.undo_merge(result)
    assert services.contacts.get(world["bob"]).title == "Boss"


def test_merge_refuses_bad_requests(services: Any, world: dict[str, int]) -> None:
    with pytest.raises(ValidationError):
        services.duplicates.merge([world["bob"]])
    with pytest.raises(ValidationError):
        services.duplicates.merge([world["bob"], world["rob"]], keep=world["other"])
    with pytest.raises(NetDeskError, match="no contact with id 9999"):
        services.duplicates.merge([world["bob"], 9999])


VCF = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:urn:uuid:vc-1\r\nFN:Bob Smith\r\nN:Smith;Bob;;;\r\n"
    "EMAIL:bob@acme.com\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:urn:uuid:vc-2\r\nFN:Robert Smith\r\nN:Smith;Robert;;;\r\n"
    "EMAIL:robert.smith@example.org\r\nEND:VCARD\r\n"
)


def test_reimport_after_a_merge_finds_the_merged_contact(services: Any, tmp_path: Path) -> None:
    path = tmp_path / "two.vcf"
    path.write_text(VCF, encoding="utf-8")
    report = services.interchange.apply(services.interchange.preview([path]))
    assert report.imported == 2
    ids = sorted(report.created_ids)
    services.duplicates.merge(ids, keep=ids[0])
    assert services.contacts.count() == 1
    # a card of the merged-away contact, changed: its UID finds the survivor
    changed = VCF.replace("robert.smith@example.org", "robert@new.example")
    path.write_text(changed, encoding="utf-8")
    plan = services.interchange.preview([path])
    assert [c.kind for c in plan.cards] == ["match", "match"]
    assert {c.existing_id for c in plan.cards} == {ids[0]}
    services.interchange.apply(plan)
    assert services.contacts.count() == 1
    emails = [e.value for e in services.contacts.get(ids[0]).emails]
    assert "robert@new.example" in emails


def test_card_entry_warns_with_the_same_rule_and_reasons(services: Any) -> None:
    """At the door (card entry, contact form): the matcher's reasons; a nickname with a
    Gmail spelling is found, a colleague on the same switchboard is not a warning."""
    rob, _ = services.contacts.create(
        Contact(
            given_name="Robert",
            family_name="Smith",
            organization="Acme",
            emails=(Email("rob.smith@gmail.com"),),
            phones=(Phone("+44 20 7946 0000", label="work"),),
        )
    )
    card = Contact(
        given_name="Bob", family_name="Smith", emails=(Email("RobSmith@googlemail.com"),)
    )
    [(cid, reason)] = services.contacts.find_matches(card)
    assert cid == rob
    # the contact on file first, as the Duplicates view will give the pair once it is saved
    assert reason == ("same email rob.smith@gmail.com; names match: Robert Smith ≈ Bob Smith")
    colleague = Contact(
        given_name="Alice", family_name="Jones", phones=(Phone("+44 20 7946 0000"),)
    )
    assert services.contacts.find_matches(colleague) == []
    # an address is one person's: another name next to it is still worth a warning
    other_name = Contact(
        given_name="Zoe", family_name="Adams", emails=(Email("robsmith@gmail.com"),)
    )
    [(cid, reason)] = services.contacts.find_matches(other_name)
    assert cid == rob and reason.startswith("same email rob.smith@gmail.com")
    # no shared identifier: found by the name and the company
    typo = Contact(given_name="Robert", family_name="Smith", organization="ACME Ltd")
    assert [m[0] for m in services.contacts.find_matches(typo)] == [rob]


def test_any_table_pointing_at_contacts_moves_and_comes_back(
    services: Any, world: dict[str, int], db_path: Path
) -> None:
    """The hook for tables other features add (job-search references...): a merge moves
    their rows to the survivor and undo puts them back, without code for each table."""
    with services._db.engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE feature_rows (id INTEGER PRIMARY KEY, job TEXT NOT NULL, "
            "contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE, "
            "referee_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL)"
        )
        conn.exec_driver_sql(
            "INSERT INTO feature_rows (job, contact_id, referee_id) VALUES "
            f"('Acme CTO', {world['rob']}, {world['other']}), "
            f"('Globex VP', {world['other']}, {world['rob']})"
        )
    before = dump_tables(db_path)
    result = services.duplicates.merge([world["bob"], world["rob"]], keep=world["bob"])
    con = sqlite3.connect(db_path)
    try:
        rows = sorted(con.execute("SELECT job, contact_id, referee_id FROM feature_rows"))
    finally:
        con.close()
    assert rows == [
        ("Acme CTO", world["bob"], world["other"]),
        ("Globex VP", world["other"], world["bob"]),
    ]
    services.duplicates.undo_merge(result)
    assert dump_tables(db_path) == before


def test_job_search_references_move_and_come_back(
    services: Any, world: dict[str, int], db_path: Path
) -> None:
    """A reference marked for the merged-away contact belongs to the survivor afterwards."""
    with services._db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO job_references (contact_id, search_id, application, emphasise, "
            f"created_at) VALUES ({world['rob']}, NULL, 'Acme CTO', 'leadership', "
            "'2026-12-01 10:00:00')"
        )
    before = dump_tables(db_path)
    result = services.duplicates.merge([world["bob"], world["rob"]], keep=world["bob"])
    con = sqlite3.connect(db_path)
    try:
        rows = list(con.execute("SELECT contact_id, application FROM job_references"))
    finally:
        con.close()
    assert rows == [(world["bob"], "Acme CTO")]
    services.duplicates.undo_merge(result)
    assert dump_tables(db_path) == before
