"""The field table (netdesk/core/fields.py) agrees with the ORM model and the dataclass, and
both write paths of a contact are one."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from helpers import rich_contact
from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text, func, select
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

from netdesk.core.fields import CONTACT_FIELDS, FIELDS_BY_NAME, JSON_FIELDS, Field, Kind
from netdesk.core.model import Contact
from netdesk.formats.csv import FIELDS as CSV_FIELDS
from netdesk.formats.jsonshape import contact_from_json, contact_to_json
from netdesk.storage import bulk
from netdesk.storage.contacts import ContactRepository
from netdesk.storage.db import open_database
from netdesk.storage.mapping import CHILD_ROWS, STORAGE_COLUMNS
from netdesk.storage.schema import ContactRow, TagRow

#: the SQL type each kind of field is stored as
_TYPES: dict[Kind, type[TypeEngine[Any]]] = {
    Kind.ID: Integer,
    Kind.TEXT: String,
    Kind.LONG_TEXT: Text,
    Kind.PARTIAL_DATE: String,
    Kind.DATE: Date,
    Kind.DATETIME: DateTime,
    Kind.INT: Integer,
    Kind.REF: Integer,
    Kind.BOOL: Boolean,
    Kind.LINES: Text,
}


def test_every_field_of_the_dataclass_is_in_the_table_once() -> None:
    names = [f.name for f in CONTACT_FIELDS]
    assert len(names) == len(set(names))
    assert set(names) == {f.name for f in dataclasses.fields(Contact)}


def test_every_column_of_contacts_is_a_field_or_a_storage_column() -> None:
    table = ContactRow.__table__
    columns = {c.name for c in table.columns}
    in_table = {f.column for f in CONTACT_FIELDS if f.column is not None}
    assert in_table <= columns, in_table - columns
    assert columns - in_table == STORAGE_COLUMNS
    assert not STORAGE_COLUMNS & in_table


@pytest.mark.parametrize("field", [f for f in CONTACT_FIELDS if f.column], ids=lambda f: f.name)
def test_column_types_match_the_kinds(field: Field) -> None:
    assert field.column is not None
    column = ContactRow.__table__.columns[field.column]
    expected = _TYPES[field.kind]
    assert isinstance(column.type, expected), (field.name, column.type, expected)
    if field.kind is Kind.TEXT:  # one line: not the Text type of notes
        assert not isinstance(column.type, Text)
    if field.kind is Kind.PARTIAL_DATE:  # ISO text, at most YYYY-MM-DD
        assert getattr(column.type, "length", None) == 10
    if field.kind is Kind.REF:
        assert {fk.column.table.name for fk in column.foreign_keys} == {"contacts"}


def test_every_list_field_has_its_child_table() -> None:
    lists = {f.name: f for f in CONTACT_FIELDS if f.kind is Kind.ITEMS}
    assert set(lists) == set(CHILD_ROWS)
    for name, f in lists.items():
        row = CHILD_ROWS[name]
        assert hasattr(ContactRow, name)  # the relationship the mapping reads
        columns = {c.name for c in row.__table__.columns}
        assert set(f.parts) <= columns, (name, set(f.parts) - columns)
        assert f.item is not None
        assert tuple(x.name for x in dataclasses.fields(f.item)) == f.parts


def test_json_keys_and_csv_titles_come_from_the_table() -> None:
    assert list(contact_to_json(Contact())) == [f.json for f in JSON_FIELDS]
    for f in CONTACT_FIELDS:
        if f.csv_title is not None:
            assert CSV_FIELDS[f.name][0] == f.csv_title
    assert FIELDS_BY_NAME["given_name"].csv_title == "First name"


def test_json_reads_back_what_it_writes_for_every_field() -> None:
    c = rich_contact(introduced_by=7, starred=True, additional_names="Maria", suffix="Jr.")
    again = contact_from_json(contact_to_json(c))
    for f in JSON_FIELDS:
        if f.json_in and f.name != "phones":  # e164 is derived again on save
            assert getattr(again, f.name) == getattr(c, f.name), f.name


# ----------------------------------------------------------------- one write path


def test_the_single_save_is_the_bulk_insert(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = bulk.insert_contacts

    def counting(s: Session, contacts: Sequence[Contact], *, index: bool = True) -> list[int]:
        calls.append(len(contacts))
        return real(s, contacts, index=index)

    monkeypatch.setattr("netdesk.storage.contacts.insert_contacts", counting)
    db = open_database(tmp_path / "one.db")
    try:
        with db.unit_of_work() as s:
            cid = ContactRepository(s).add(rich_contact())
        assert calls == [1]
        with db.unit_of_work(write=False) as s:
            stored = ContactRepository(s).get(cid)
        assert stored.emails == rich_contact().emails and stored.tags == rich_contact().tags
    finally:
        db.close()


def test_an_existing_tag_with_capitals_beyond_ascii_is_reused(tmp_path: Path) -> None:
    """Tags are matched case-insensitively in Python on every path: the single-row save used
    SQLite's lower(), which folds ASCII only, and failed on the unique tag name."""
    db = open_database(tmp_path / "tags.db")
    try:
        with db.unit_of_work() as s:
            repo = ContactRepository(s)
            a = repo.add(Contact(given_name="A", tags=("Ünïcode", "Foo", "foo")))
            b = repo.add(Contact(given_name="B", tags=("ünïcode",)))
            repo.update(repo.get(b).with_changes(tags=("ÜNÏCODE", "FOO")))
        with db.unit_of_work(write=False) as s:
            repo = ContactRepository(s)
            assert repo.get(a).tags == ("Foo", "Ünïcode")  # the first spelling wins
            assert repo.get(b).tags == ("Foo", "Ünïcode")
            assert s.scalar(select(func.count()).select_from(TagRow)) == 2
    finally:
        db.close()
