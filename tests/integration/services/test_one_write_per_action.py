"""Each user action is ONE service call that writes in ONE transaction and returns what
changed (the Change the UI publishes). Transactions are counted with SQLAlchemy's "begin"
event on the services' engine (listening before NetDesk's own listener, which reads and drops
the flag a write unit of work sets); counts, not timings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from netdesk.core.model import Change, Contact, Email, FollowUp, Interaction, Photo
from netdesk.services.cards import CaptureInfo

CAPTURE = CaptureInfo("Expo Berlin 2026", date(2026, 11, 3), 2, ("expo",))
FRONT = Photo(b"\xff\xd8front", "image/jpeg")
BACK = Photo(b"\xff\xd8back", "image/jpeg")


@dataclass
class Transactions:
    writes: int = 0
    reads: int = 0


@pytest.fixture
def count(services: Any) -> Iterator[Callable[[Callable[[], Any]], tuple[Any, Transactions]]]:
    engine = services._db.engine
    seen: list[Transactions] = []

    def on_begin(conn: Any) -> None:
        if seen and conn.engine is engine:
            if conn.info.get("begin_immediate", False):
                seen[-1].writes += 1
            else:
                seen[-1].reads += 1

    # on the Engine class, inserted first: it runs before the engine's own listener
    event.listen(Engine, "begin", on_begin, insert=True)

    def run(action: Callable[[], Any]) -> tuple[Any, Transactions]:
        seen.append(Transactions())
        try:
            return action(), seen[-1]
        finally:
            seen.clear()

    yield run
    event.remove(Engine, "begin", on_begin)


def _people(services: Any, n: int) -> list[int]:
    ids, _change = services.contacts.create_many(
        [Contact(given_name=f"P{i}", family_name="Person") for i in range(n)]
    )
    return ids


def test_the_counter_sees_every_transaction(services: Any, count: Any) -> None:
    """The fixture counts: two separate writes are two, a read is a read."""

    def two_writes() -> None:
        services.contacts.create(Contact(given_name="A"))
        services.contacts.create(Contact(given_name="B"))
        services.contacts.count()

    _result, tx = count(two_writes)
    assert (tx.writes, tx.reads) == (2, 1)


def test_updating_a_card_with_two_images_is_one_write(services: Any, count: Any) -> None:
    cards = services.cards
    record, _ = cards.save_card(Contact(given_name="Ada", family_name="Lovelace"), CAPTURE, "x")
    base = services.contacts.get(record.contact_id)
    edit = replace(base, organization="Analytical Engines Ltd")
    (new, change), tx = count(
        lambda: cards.update_card(
            record, edit, "engines", base=base, images={"card_front": FRONT, "card_back": BACK}
        )
    )
    assert (tx.writes, tx.reads) == (1, 0)
    assert change == Change(
        contacts=frozenset({record.contact_id}),
        interactions=frozenset({record.interaction_id}),
        follow_ups=frozenset({record.follow_up_id}),
    )
    assert new == record
    images = services.contacts.card_images(record.contact_id)
    assert (images["card_front"], images["card_back"]) == (FRONT, BACK)
    assert services.contacts.get(record.contact_id).organization == "Analytical Engines Ltd"


def test_a_refused_card_image_writes_nothing(services: Any, count: Any) -> None:
    cards = services.cards
    record, _ = cards.save_card(Contact(given_name="Ada"), CAPTURE)
    base = services.contacts.get(record.contact_id)
    with pytest.raises(Exception, match="unknown side"):
        count(lambda: cards.update_card(record, base, "", base=base, images={"side": FRONT}))
    assert services.contacts.card_images(record.contact_id) == {}


def test_starring_five_contacts_is_one_write(services: Any, count: Any) -> None:
    ids = _people(services, 5)
    change, tx = count(
        lambda: services.contacts.set_starred_many(dict.fromkeys(ids, True), expected=None)
    )
    assert (tx.writes, tx.reads) == (1, 0)
    assert change == Change(contacts=frozenset(ids))
    assert all(s.starred for s in services.contacts.summaries(ids).values())


def test_saving_an_edit_is_one_write_and_no_separate_read(services: Any, count: Any) -> None:
    [cid] = _people(services, 1)
    loaded = services.contacts.get(cid)
    edit = services.contacts.prepare(replace(loaded, title="Chief"))
    (stored, change), tx = count(lambda: services.contacts.save_contact(edit, base=loaded))
    assert (tx.writes, tx.reads) == (1, 0)
    assert change == Change(contacts=frozenset({cid}))
    assert stored.title == "Chief" and stored.version == loaded.version + 1


def test_deleting_and_bringing_back_n_contacts_are_one_write_each(
    services: Any, count: Any
) -> None:
    ids = _people(services, 4)
    change, tx = count(lambda: services.contacts.delete(ids))
    assert (tx.writes, change) == (1, Change(contacts=frozenset(ids)))
    assert services.contacts.count() == 0
    change, tx = count(lambda: services.contacts.undelete(ids))
    assert (tx.writes, change) == (1, Change(contacts=frozenset(ids)))
    assert services.contacts.count() == 4


def test_logging_an_interaction_with_two_people_is_one_write(services: Any, count: Any) -> None:
    ids = _people(services, 2)
    when = datetime(2026, 11, 20, 10, 0)
    (iid, change), tx = count(
        lambda: services.activity.log(
            Interaction(occurred_at=when, type="call", summary="Catch-up", contact_ids=tuple(ids))
        )
    )
    assert (tx.writes, tx.reads) == (1, 0)
    assert change.interactions == {iid} and change.contacts == set(ids)
    assert all(s.last_contacted is not None for s in services.contacts.summaries(ids).values())


def test_follow_up_state_changes_are_one_write_each(services: Any, count: Any) -> None:
    [cid] = _people(services, 1)
    fid, _ = services.activity.add_follow_up(
        FollowUp(contact_id=cid, due=date(2026, 11, 25), reason="Send the deck")
    )
    change, tx = count(lambda: services.activity.mark_done(fid, date(2026, 11, 21)))
    assert (tx.writes, tx.reads) == (1, 0)
    assert fid in change.follow_ups and cid in change.contacts
    change, tx = count(lambda: services.activity.reopen(fid, date(2026, 12, 1)))
    assert (tx.writes, tx.reads) == (1, 0)
    assert fid in change.follow_ups
    [open_one] = services.activity.open_follow_ups(cid)
    assert open_one.snoozed_until == date(2026, 12, 1)


def test_saving_several_tag_cadences_is_one_write(services: Any, count: Any) -> None:
    services.contacts.create(Contact(given_name="A", tags=("clients",)))
    services.contacts.create(Contact(given_name="B", tags=("friends",)))
    change, tx = count(lambda: services.activity.set_tag_cadences({"clients": 30, "friends": 90}))
    assert (tx.writes, tx.reads) == (1, 0)
    assert len(change.contacts) == 2
    with pytest.raises(Exception, match="between 1 and 3660"):
        count(lambda: services.activity.set_tag_cadences({"clients": 10, "friends": 0}))


def test_applying_an_import_is_one_write(services: Any, count: Any, tmp_path: Path) -> None:
    path = tmp_path / "people.vcf"
    path.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Berg\r\nN:Berg;Anna;;;\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bernd Clausen\r\nN:Clausen;Bernd;;;\r\nEND:VCARD\r\n"
    )
    plan = services.interchange.preview([path])
    report, tx = count(lambda: services.interchange.apply(plan, "merge"))
    assert tx.writes == 1
    assert len(report.change.contacts) == 2 == services.contacts.count()


def test_a_merge_is_one_write(services: Any, count: Any) -> None:
    a, _ = services.contacts.create(
        Contact(given_name="Rob", family_name="Stone", emails=(Email("rob@example.org"),))
    )
    b, _ = services.contacts.create(
        Contact(given_name="Robert", family_name="Stone", emails=(Email("rob@example.org"),))
    )
    result, tx = count(lambda: services.duplicates.merge([a, b], keep=a))
    assert tx.writes == 1
    assert {a, b} <= set(result.change.contacts)
    assert services.contacts.count() == 1


def test_follow_ups_for_several_contacts_are_one_write_each_way(services: Any, count: Any) -> None:
    ids = _people(services, 3)
    wanted = [FollowUp(contact_id=cid, due=date(2026, 12, 1), reason="Ask around") for cid in ids]
    (fids, change), tx = count(lambda: services.activity.add_follow_ups(wanted))
    assert (tx.writes, tx.reads) == (1, 0)
    assert change == Change(contacts=frozenset(ids), follow_ups=frozenset(fids))
    added = [replace(f, id=fid) for f, fid in zip(wanted, fids, strict=True)]
    change, tx = count(lambda: services.activity.delete_follow_ups(added))
    assert (tx.writes, change) == (1, Change(contacts=frozenset(ids), follow_ups=frozenset(fids)))
    assert all(services.activity.open_follow_ups(cid) == [] for cid in ids)


def test_follow_ups_are_added_all_or_none(services: Any) -> None:
    [cid] = _people(services, 1)
    with pytest.raises(Exception, match="no contact with id"):
        services.activity.add_follow_ups(
            [
                FollowUp(contact_id=cid, due=date(2026, 12, 1), reason="Ask around"),
                FollowUp(contact_id=999_999, due=date(2026, 12, 1), reason="Ask around"),
            ]
        )
    assert services.activity.open_follow_ups(cid) == []
