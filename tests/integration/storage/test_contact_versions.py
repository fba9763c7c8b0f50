"""contacts.version: every write path bumps it; a save of an older copy is checked against it
in the writing transaction and merged (or refused), never written over what is there."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import dump_tables

from netdesk.compose import build_services
from netdesk.core.errors import StaleContactError
from netdesk.core.model import Contact, Email, Phone, Url
from netdesk.services.cards import CaptureInfo
from netdesk.settings import SettingsStore

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Berg\r\nEMAIL:anna@acme.example\r\n"
    "EMAIL:anna@home.example\r\nTEL:+49 171 5550000\r\nEND:VCARD\r\n"
)


def version(db_path: Path, contact_id: int) -> int:
    con = sqlite3.connect(db_path)
    try:
        row = con.execute("SELECT version FROM contacts WHERE id = ?", (contact_id,)).fetchone()
        return int(row[0])
    finally:
        con.close()


@pytest.fixture
def anna(services: Any) -> int:
    cid, _ = services.contacts.create(
        Contact(
            given_name="Anna",
            family_name="Berg",
            title="Engineer",
            emails=(Email("anna@acme.example"),),
        )
    )
    return int(cid)


@pytest.fixture
def vcf(tmp_path: Path) -> Path:
    path = tmp_path / "anna.vcf"
    path.write_bytes(CARD.encode())
    return path


def test_a_new_contact_starts_at_version_one_and_carries_it(
    services: Any, anna: int, db_path: Path
) -> None:
    assert version(db_path, anna) == 1
    assert services.contacts.get(anna).version == 1


def test_every_write_path_moves_the_version(
    services: Any, anna: int, db_path: Path, vcf: Path
) -> None:
    seen = [version(db_path, anna)]

    def moved() -> bool:
        now = version(db_path, anna)
        up = now > seen[-1]
        seen.append(now)
        return up

    c = services.contacts.get(anna)
    services.contacts.save(c.with_changes(title="CTO"))
    assert moved(), "editor save"
    services.contacts.set_starred(anna, True)
    assert moved(), "star"
    assert services.interchange.import_files([vcf]).merged == 1
    assert moved(), "import merge"
    intro, _ = services.contacts.create(Contact(display_name="Ivo"))
    c = services.contacts.get(anna)
    services.contacts.save(c.with_changes(introduced_by=intro))
    assert moved(), "introducer"
    cards = services.cards
    record, _ = cards.merge_card(
        anna,
        Contact(given_name="Anna", family_name="Berg", urls=(Url("https://anna.example"),)),
        CaptureInfo("Expo", date.today()),
    )
    assert moved(), "card added to an existing contact"
    cards.remove_card(record)
    assert moved(), "card taken back"
    services.contacts.delete([anna])
    assert moved(), "delete"
    services.contacts.undelete([anna])
    assert moved(), "undelete"


def test_an_import_between_load_and_save_is_merged_not_overwritten(
    services: Any, anna: int, vcf: Path
) -> None:
    loaded = services.contacts.get(anna)
    assert services.interchange.import_files([vcf]).merged == 1
    services.contacts.save(loaded.with_changes(title="CTO"), base=loaded)
    c = services.contacts.get(anna)
    assert c.title == "CTO"
    assert [e.value for e in c.emails] == ["anna@acme.example", "anna@home.example"]
    assert [p.e164 for p in c.phones] == ["+491715550000"]


def test_a_stale_copy_without_its_base_is_refused_and_nothing_written(
    services: Any, anna: int, vcf: Path, db_path: Path
) -> None:
    loaded = services.contacts.get(anna)
    services.interchange.import_files([vcf])
    state = dump_tables(db_path)
    with pytest.raises(StaleContactError) as caught:
        services.contacts.save(loaded.with_changes(title="CTO"))
    assert dump_tables(db_path) == state
    assert caught.value.current is not None
    assert len(caught.value.current.emails) == 2


def test_a_conflict_is_refused_with_the_fields_and_nothing_written(
    services: Any, anna: int, db_path: Path
) -> None:
    loaded = services.contacts.get(anna)
    other = services.contacts.get(anna)
    services.contacts.save(
        other.with_changes(title="VP", phones=(Phone("+49 30 1234567"),)), base=other
    )
    state = dump_tables(db_path)
    with pytest.raises(StaleContactError, match="Anna Berg was changed elsewhere") as caught:
        services.contacts.save(loaded.with_changes(title="CTO", notes="n"), base=loaded)
    assert dump_tables(db_path) == state
    err = caught.value
    assert [c.field for c in err.conflicts] == ["title"]
    assert err.merge is not None and err.current is not None
    # the user's choice, saved over the contact as it is now
    resolved = err.merge.resolve({"title": "mine"})
    services.contacts.save(resolved, base=err.current)
    c = services.contacts.get(anna)
    assert (c.title, c.notes, len(c.phones)) == ("CTO", "n", 1)


def test_the_check_is_in_the_writing_statement(services: Any, anna: int) -> None:
    """The repository refuses a write whose expected version is not the row's, even when
    the caller read the row in the same transaction (UPDATE ... WHERE version = ?)."""
    from netdesk.storage.contacts import ContactRepository

    with pytest.raises(StaleContactError), services._db.unit_of_work() as s:
        repo = ContactRepository(s)
        c = repo.get(anna)
        repo.update(c.with_changes(title="A"), expected_version=c.version)
        repo.update(c.with_changes(title="B"), expected_version=c.version)  # stale now
    assert services.contacts.get(anna).title == "Engineer"  # rolled back as one


def test_a_0001_database_upgrades_with_every_contact_at_version_one(tmp_path: Path) -> None:
    path = tmp_path / "netdesk.db"
    shutil.copyfile(FIXTURES / "schema-0001.db", path)
    services = build_services(path, SettingsStore(tmp_path / "config"))
    try:
        ids = services.contacts.list_ids()
        assert ids
        assert {c.version for c in services.contacts.get_many(ids)} == {1}
        first = services.contacts.get(ids[0])
        services.contacts.save(first.with_changes(title="Upgraded"), base=first)
        assert services.contacts.get(ids[0]).version == 2
    finally:
        services.close()


def test_the_json_shape_has_no_version(services: Any, anna: int) -> None:
    from netdesk.formats.jsonshape import contact_to_json

    assert "version" not in contact_to_json(services.contacts.get(anna))
    assert replace(services.contacts.get(anna), version=99) == services.contacts.get(anna)
