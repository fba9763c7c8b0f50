"""Undoing and redoing an import through the interchange service: created contacts are
soft-deleted and come back, merged contacts go back to what they were (photo, tags, emails,
phones, addresses, URLs, introducer), and an undo that would overwrite a later edit is
refused with nothing changed."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from helpers import dump_tables, rich_contact

from netdesk.core.errors import NetDeskError
from netdesk.core.model import (
    Address,
    Contact,
    Email,
    FollowUp,
    Interaction,
    Phone,
    Photo,
    Url,
)

CSV_DATA = Path(__file__).resolve().parents[2] / "data" / "csv"
#: the contact tables an import writes (rows of merged contacts get new child ids)
CONTACT_TABLES = {
    "contacts",
    "emails",
    "phones",
    "addresses",
    "urls",
    "contact_images",
    "contact_tags",
    "tags",
}
#: fields that change without anyone editing the contact
STAMPS = {"updated_at": None, "last_contacted": None, "next_touch": None}


def vcf(*cards: str) -> bytes:
    return "".join(
        "BEGIN:VCARD\r\nVERSION:3.0\r\n" + body.strip().replace("\n", "\r\n") + "\r\nEND:VCARD\r\n"
        for body in cards
    ).encode("utf-8")


def visible(services: Any) -> dict[int, Contact]:
    """Every live contact as the app reads it, photo included."""
    return {cid: services.contacts.get(cid) for cid in services.contacts.list_ids()}


def unstamped(contacts: dict[int, Contact]) -> dict[int, Contact]:
    return {cid: replace(c, **STAMPS) for cid, c in contacts.items()}  # type: ignore[arg-type]


def search(services: Any, text: str) -> list[int]:
    return services.contacts.list_ids(search=text)


@pytest.fixture
def setup(services: Any, tmp_path: Path) -> dict[str, Any]:
    """Two existing contacts (one rich, with a photo and an introducer), an interaction,
    and a file with two new cards and two cards that merge into them."""
    intro_id, _ = services.contacts.create(Contact(display_name="Carl Intro"))
    anna_id, _ = services.contacts.create(
        Contact(
            display_name="Anna Berg",
            given_name="Anna",
            family_name="Berg",
            emails=(Email("anna.berg@example.com", "work", True),),
            phones=(Phone("+49 171 1111111", label="mobile"),),
            tags=("friends",),
            introduced_by=intro_id,
            photo=Photo(b"\x89PNG-anna", "image/png"),
        )
    )
    rich_id, _ = services.contacts.create(rich_contact())
    services.activity.log(
        Interaction(datetime(2026, 3, 4, 10, 0), "call", "Talked about the fair", (anna_id,))
    )
    services.activity.add_follow_up(FollowUp(anna_id, date(2026, 4, 1), "send the deck"))
    path = tmp_path / "import.vcf"
    path.write_bytes(
        vcf(
            # merges into Anna: new org, phone, address, URL, tag, note
            "FN:Anna Berg\nN:Berg;Anna;;;\nEMAIL:anna.berg@example.com\nORG:Acme GmbH\n"
            "TEL;TYPE=work:+49 30 2222222\nADR;TYPE=work:;;Hauptstr. 1;Berlin;;10115;DE\n"
            "URL:https://anna.example.org\nCATEGORIES:recruiters\nNOTE:Met at the fair",
            # merges into Jürgen (same email): a nickname and a new tag
            "FN:Dr. Jürgen Müller\nEMAIL:j.mueller@example.com\nNICKNAME:Jogi\n"
            "CATEGORIES:imported-tag",
            "FN:Ben Neu\nEMAIL:ben@example.net\nTEL:+49 40 3333333\nCATEGORIES:imported-tag",
            "FN:Cleo Neu\nEMAIL:cleo@example.net\nORG:Neu AG",
        )
    )
    return {"path": path, "anna": anna_id, "rich": rich_id, "intro": intro_id}


def test_undo_restores_everything_and_redo_does_it_again(
    services: Any, db_path: Path, setup: dict[str, Any]
) -> None:
    before = visible(services)
    tables_before = dump_tables(db_path)
    report = services.interchange.apply(services.interchange.preview([setup["path"]]), "merge")
    assert (report.imported, report.merged) == (2, 2)
    undo = report.undo
    assert undo is not None and undo.count == 4
    assert set(undo.created_ids) == set(report.created_ids)
    assert [c.id for c in undo.before] == [c.id for c in undo.after] == list(report.updated_ids)
    assert {c.id: c for c in undo.before} == {cid: before[cid] for cid in report.updated_ids}
    after_import = visible(services)
    assert search(services, "Cleo") and search(services, "recruiters")

    change = services.interchange.undo_import(undo)
    assert change.contacts == frozenset([*report.created_ids, *report.updated_ids])
    undone = visible(services)
    assert list(undone) == list(before) == services.contacts.list_ids()
    # Merged contacts are back exactly (photo, tags, introducer...): only the stamp moved.
    assert unstamped(undone) == unstamped(before)
    assert {cid: c for cid, c in undone.items() if cid not in report.updated_ids} == {
        cid: c for cid, c in before.items() if cid not in report.updated_ids
    }
    assert undone[setup["anna"]].photo == Photo(b"\x89PNG-anna", "image/png")
    assert undone[setup["anna"]].introduced_by == setup["intro"]
    # The search index follows: the new people and what the merge added are gone.
    assert search(services, "Cleo") == [] and search(services, "Ben Neu") == []
    assert search(services, "recruiters") == [] and search(services, "Acme") == []
    assert search(services, "Anna") == [setup["anna"]]
    # Nothing else in the database moved; created contacts are only soft-deleted.
    tables_undone = dump_tables(db_path)
    for table, rows in tables_before.items():
        if table not in CONTACT_TABLES:
            assert tables_undone[table] == rows, table
    live_before = [r for r in tables_before["contacts"] if r[0] not in report.updated_ids]
    live_undone = [r for r in tables_undone["contacts"] if r[0] in before]
    assert [r for r in live_undone if r[0] not in report.updated_ids] == live_before
    con = sqlite3.connect(db_path)
    deleted = con.execute(
        "SELECT id FROM contacts WHERE deleted_at IS NOT NULL ORDER BY id"
    ).fetchall()
    con.close()
    assert [r[0] for r in deleted] == sorted(report.created_ids)

    redo_change = services.interchange.redo_import(undo)
    assert redo_change == change
    assert unstamped(visible(services)) == unstamped(after_import)
    assert set(search(services, "Cleo")) == set(search(services, "Neu AG")) != set()
    assert search(services, "recruiters") == [setup["anna"]]
    # ... and it can go round again.
    services.interchange.undo_import(undo)
    assert unstamped(visible(services)) == unstamped(before)


def test_undo_is_refused_when_a_merged_contact_was_edited_after(
    services: Any, db_path: Path, setup: dict[str, Any]
) -> None:
    report = services.interchange.apply(services.interchange.preview([setup["path"]]), "merge")
    assert report.undo is not None
    anna = services.contacts.get(setup["anna"])
    services.contacts.save(replace(anna, title="Recruiter"))
    state = dump_tables(db_path)
    with pytest.raises(NetDeskError, match="Anna Berg was changed after the import; undo that"):
        services.interchange.undo_import(report.undo)
    assert dump_tables(db_path) == state  # nothing changed, not even the created contacts
    # Once the later edit is taken back, the import can be undone.
    services.contacts.save(replace(services.contacts.get(setup["anna"]), title=anna.title))
    services.interchange.undo_import(report.undo)
    assert search(services, "Cleo") == []
    # Redo is refused the same way when a restored contact was edited after the undo.
    services.contacts.save(replace(services.contacts.get(setup["anna"]), title="Boss"))
    with pytest.raises(NetDeskError, match="Anna Berg was changed after the import was undone"):
        services.interchange.redo_import(report.undo)
    assert search(services, "Cleo") == []


def test_undo_is_refused_when_a_merged_contact_was_deleted_after(
    services: Any, setup: dict[str, Any]
) -> None:
    report = services.interchange.apply(services.interchange.preview([setup["path"]]), "merge")
    assert report.undo is not None
    services.contacts.delete([setup["anna"]])
    with pytest.raises(NetDeskError, match="Anna Berg was deleted after the import"):
        services.interchange.undo_import(report.undo)
    assert search(services, "Cleo") != []


def test_an_import_that_wrote_nothing_has_nothing_to_undo(
    services: Any, setup: dict[str, Any]
) -> None:
    first = services.interchange.apply(services.interchange.preview([setup["path"]]), "merge")
    assert first.undo is not None
    again = services.interchange.apply(services.interchange.preview([setup["path"]]), "merge")
    assert (again.imported, again.merged) == (0, 0)
    assert again.undo is None


def test_skip_policy_records_only_created_contacts(services: Any, setup: dict[str, Any]) -> None:
    before = visible(services)
    report = services.interchange.apply(services.interchange.preview([setup["path"]]), "skip")
    assert report.undo is not None
    assert report.undo.before == () and len(report.undo.created_ids) == 2
    services.interchange.undo_import(report.undo)
    assert visible(services) == before


def test_csv_import_undo_and_redo(services: Any, tmp_path: Path) -> None:
    anna_id, _ = services.contacts.create(
        Contact(
            display_name="Anna B.",
            emails=(Email("ANNA.BERG@example.com"),),
            addresses=(Address("Alte Str. 2", "Köln"),),
            urls=(Url("https://anna.example.com"),),
        )
    )
    before = visible(services)
    path = tmp_path / "linkedin_connections.csv"
    shutil.copyfile(CSV_DATA / path.name, path)
    report = services.interchange.apply(services.interchange.preview([path]), "merge")
    assert (report.imported, report.merged) == (3, 1)
    assert report.undo is not None and report.undo.count == 4
    after_import = visible(services)
    assert after_import[anna_id].organization == "Acme GmbH"
    services.interchange.undo_import(report.undo)
    assert unstamped(visible(services)) == unstamped(before)
    assert visible(services)[anna_id].organization == ""
    services.interchange.redo_import(report.undo)
    assert unstamped(visible(services)) == unstamped(after_import)
