"""What NetDesk writes about a fixed set of contacts, byte for byte, against files captured
from the code before the field table and the formats package existed (tests/data/golden/).

The contacts go in through both write paths of storage (the repository's single-row save and
the bulk insert), so the stored rows (search index included, timestamps masked) are compared
too. To recapture after an INTENDED change of output: ``NETDESK_WRITE_GOLDEN=1 uv run pytest
tests/integration/formats/test_formats_golden.py`` and review the diff.
"""

from __future__ import annotations

import io
import json
import os
import re
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from helpers import rich_contact

from netdesk.cli import run
from netdesk.core.dates import PartialDate
from netdesk.core.model import Address, Contact, Email, Interaction, Phone, Photo, Url
from netdesk.storage.bulk import insert_contacts, insert_follow_ups, insert_interactions
from netdesk.storage.contacts import ContactRepository
from netdesk.storage.db import open_database
from netdesk.vcard import CardResult

GOLDEN = Path(__file__).resolve().parents[2] / "data" / "golden"
WRITE = os.environ.get("NETDESK_WRITE_GOLDEN") == "1"
#: columns whose values are the clock at the time of writing
_CLOCK_COLUMNS = {"created_at", "updated_at", "deleted_at"}


def _people() -> list[Contact]:
    many = tuple(
        Email(f"person{n}@example.org", "work" if n % 2 else "", n == 3) for n in range(12)
    )
    return [
        rich_contact(),
        rich_contact(
            display_name="",
            given_name="Anna",
            family_name="Schmidt",
            additional_names="Maria",
            suffix="Jr.",
            nickname="Anni",
            prefix="",
            starred=True,
            anniversary=PartialDate(6, 1, 2001),
            met_on=date(2026, 4, 21),
            extra_vcard=("X-SOCIALPROFILE;TYPE=twitter:anna", "X-FOO:bar"),
            photo=Photo(b"\x89PNG\r\n\x1a\nfake", "image/png"),
        ),
        Contact(
            given_name="=1+1",
            family_name="@evil",
            organization="+cmd|' /C calc'!A0",
            title="-2+3",
            notes='line one\nline two\r\nthird, with "quotes" and ; semicolons',
            emails=many,
            phones=tuple(Phone(f"+49 30 {n:07d}", f"+4930{n:07d}", "work") for n in range(11)),
            tags=("=tag", "plain", "Ünïcode"),
            birthday=PartialDate(2, 29),
        ),
        Contact(organization="Kessler Logistik GmbH", urls=(Url("https://kessler.example"),)),
        Contact(
            given_name="李",
            family_name="伟",
            phones=(Phone("0511 123456", None, "home", True),),
            addresses=(
                Address("Line 1\nLine 2", "Hannover", "NI", "30159", "Germany", "home"),
                Address("", "Paris", "", "", "France", ""),
            ),
            cadence_days=30,
            birthday=PartialDate(12, 31, 1999),
            uid="urn:uuid:00000000-0000-0000-0000-000000000042",
        ),
    ]


def _uid(c: Contact, n: int) -> Contact:
    """A fixed UID, except for the company (n = 3, 13), which gets a new random one."""
    if c.uid or n % 10 == 3:
        return c
    return c.with_changes(uid=f"urn:uuid:00000000-0000-0000-0000-{n:012d}")


def _fill(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        people = _people()
        with db.unit_of_work() as s:
            repo = ContactRepository(s)
            ids = [repo.add(_uid(c, n)) for n, c in enumerate(people)]
            ids += insert_contacts(
                s,
                [_uid(c, 10 + n).with_changes(introduced_by=ids[0]) for n, c in enumerate(people)],
            )
            repo.update(
                repo.get(ids[3]).with_changes(title="Founder", introduced_by=ids[1], starred=True)
            )
            insert_interactions(
                s,
                [
                    Interaction(
                        occurred_at=datetime(2026, 5, 4, 9, 0),
                        type="call",
                        summary="Call about the tender",
                        notes="Sends documents.",
                        contact_ids=(ids[0], ids[4], ids[5]),
                    ),
                    Interaction(
                        occurred_at=datetime(2026, 6, 1, 14, 0),
                        type="email",
                        summary="Introduction",
                        contact_ids=(ids[2],),
                        introducer_id=ids[1],
                    ),
                ],
            )
            insert_follow_ups(
                s,
                [
                    {"contact_id": ids[0], "due": date(2026, 7, 1), "reason": "Send =offer"},
                    {"contact_id": ids[6], "due": date(2026, 7, 2), "reason": "Call\nback"},
                ],
            )
            repo.refresh_derived()
            repo.reindex(ids)
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()


def _tables(db_path: Path) -> str:
    """The contact tables as text, clock columns masked."""
    con = sqlite3.connect(db_path)
    try:
        out: dict[str, list[list[object]]] = {}
        for table in (
            "contacts",
            "emails",
            "phones",
            "addresses",
            "urls",
            "contact_tags",
            "tags",
            "contact_images",
            "contact_uids",
            "interaction_contacts",
            "follow_ups",
            "contacts_fts",
        ):
            cur = con.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid")
            names = [d[0] for d in cur.description]
            rows = []
            for row in cur:
                rows.append(
                    [
                        "<clock>" if n in _CLOCK_COLUMNS and v is not None else _plain(v)
                        for n, v in zip(names, row, strict=True)
                    ]
                )
            out[table] = [names, *rows]  # type: ignore[list-item]
        text = json.dumps(out, ensure_ascii=False, indent=1) + "\n"
        return re.sub(r"urn:uuid:(?!0{8}-)[0-9a-f-]{36}", "<new uuid>", text)
    finally:
        con.close()


def _plain(value: object) -> object:
    return value.hex() if isinstance(value, bytes) else value


def _check(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if WRITE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert data == path.read_bytes(), f"{name} differs from the captured output"


@pytest.fixture
def filled(db_path: Path) -> Path:
    _fill(db_path)
    return db_path


def test_list_json_is_byte_identical(filled: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert run(["--db", str(filled), "list", "--json"], out, err) == 0, err.getvalue()
    _check("contacts.json", out.getvalue().encode("utf-8"))


def test_export_csv_is_byte_identical(filled: Path, tmp_path: Path) -> None:
    dest = tmp_path / "contacts.csv"
    out, err = io.StringIO(), io.StringIO()
    assert run(["--db", str(filled), "export-csv", str(dest)], out, err) == 0, err.getvalue()
    _check("contacts.csv", dest.read_bytes())


def test_export_ics_is_byte_identical(filled: Path, tmp_path: Path) -> None:
    dest = tmp_path / "calendar.ics"
    out, err = io.StringIO(), io.StringIO()
    assert run(["--db", str(filled), "export-ics", str(dest)], out, err) == 0, err.getvalue()
    data = re.sub(rb"DTSTAMP:\d{8}T\d{6}Z", b"DTSTAMP:<now>", dest.read_bytes())
    _check("calendar.ics", data)


def test_stored_rows_are_identical(filled: Path) -> None:
    _check("tables.json", _tables(filled).encode("utf-8"))


def test_the_csv_reads_back_into_the_same_json(filled: Path, tmp_path: Path) -> None:
    """Import of the exported CSV into an empty database gives the same contact shape
    (ids, derived dates and the CSV-only e164 aside)."""
    dest = tmp_path / "contacts.csv"
    out, err = io.StringIO(), io.StringIO()
    assert run(["--db", str(filled), "export-csv", str(dest)], out, err) == 0, err.getvalue()
    from netdesk.formats.csv import read_csv

    results = read_csv(dest.read_bytes(), dest.name, "DE")
    assert len(results) == 10 and all(r.contact is not None for r in results)
    _check("csv_read.json", _read_back(results).encode("utf-8"))


def _read_back(results: list[CardResult]) -> str:
    from netdesk.formats.jsonshape import contact_to_json

    return json.dumps([contact_to_json(r.contact) for r in results], ensure_ascii=False) + "\n"
