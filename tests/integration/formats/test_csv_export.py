"""CSV export: the JSON shape flattened, UTF-8 for spreadsheets, formulas neutralised."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from helpers import rich_contact
from hypothesis import given
from hypothesis import strategies as st

from netdesk.cli import run
from netdesk.compose import Services
from netdesk.core.model import Contact, Email, Phone
from netdesk.formats.csv.write import neutralise
from netdesk.services.csv_export import ExportCancelled, export_csv


def _read(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens it as UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+49 171 9876543", "'+49 171 9876543"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Müller", "Müller"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise(cell: str, safe: str) -> None:
    assert neutralise(cell) == safe


@given(st.text())
def test_no_cell_starts_like_a_formula(text: str) -> None:
    assert not neutralise(text).startswith(("=", "+", "-", "@", "\t", "\r"))
    assert neutralise(text).removeprefix("'") == text or neutralise(text) == text


def test_export_flattens_the_json_shape(services: Services, tmp_path: Path) -> None:
    rich_id, _ = services.contacts.create(rich_contact())
    plain_id, _ = services.contacts.create(Contact(given_name="Li", family_name="Wei"))
    dest = tmp_path / "contacts.csv"
    assert export_csv(services.contacts, dest) == 2
    rows = {int(r["id"]): r for r in _read(dest)}
    rich, plain = rows[rich_id], rows[plain_id]
    assert rich["display_name"] == "Dr. Jürgen Müller"
    assert rich["emails.1.value"] == "j.mueller@example.com"
    assert rich["emails.1.label"] == "work" and rich["emails.1.pref"] == "true"
    assert rich["emails.2.value"] == "jm@example.org"
    assert rich["phones.1.e164"] == "'+491719876543"
    assert rich["addresses.1.street"] == "Güterstraße 7"
    assert rich["urls.1.value"] == "https://www.example.com"
    assert rich["tags"] == "hannover-2026; logistics"
    assert rich["birthday"] == "1971-05-02"
    assert rich["cadence_days"] == "90"
    assert rich["starred"] == "false"
    assert plain["emails.1.value"] == "" and plain["birthday"] == ""
    header = next(csv.reader(io.StringIO(dest.read_text(encoding="utf-8-sig"))))
    assert header[:3] == ["id", "display_name", "given_name"]
    assert "emails.3.value" not in header  # as many slots as the longest list needs


def test_export_neutralises_formulas_everywhere(services: Services, tmp_path: Path) -> None:
    services.contacts.create(
        Contact(
            given_name="=1+1",
            family_name="@evil",
            organization="+cmd|' /C calc'!A0",
            title="-10",
            notes='=HYPERLINK("http://example.com")\nsecond line',
            emails=(Email("x@example.com", "=work"),),
            phones=(Phone("+49 171 9876543", label="mobile"),),
            tags=("=tag",),
        )
    )
    dest = tmp_path / "evil.csv"
    export_csv(services.contacts, dest)
    [row] = _read(dest)
    for value in row.values():
        assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    assert row["given_name"] == "'=1+1"
    assert row["notes"] == '\'=HYPERLINK("http://example.com")\nsecond line'
    assert row["emails.1.label"] == "'=work"
    assert row["tags"] == "'=tag"


def test_export_by_tag_and_cancel(services: Services, tmp_path: Path) -> None:
    services.contacts.create(rich_contact())
    services.contacts.create(Contact(given_name="Other"))
    dest = tmp_path / "tagged.csv"
    assert export_csv(services.contacts, dest, tag="logistics") == 1
    assert [r["given_name"] for r in _read(dest)] == ["Jürgen"]
    with pytest.raises(ExportCancelled):
        export_csv(services.contacts, tmp_path / "never.csv", should_cancel=lambda: True)
    assert not (tmp_path / "never.csv").exists()
    assert not list(tmp_path.glob(".*.partial"))


def test_cli_export_csv(services: Services, db_path: Path, tmp_path: Path) -> None:
    services.contacts.create(rich_contact())
    services.close()
    out, err = io.StringIO(), io.StringIO()
    dest = tmp_path / "cli.csv"
    assert run(["--db", str(db_path), "export-csv", str(dest)], out, err) == 0, err.getvalue()
    assert "wrote 1 contact to" in err.getvalue()
    assert len(_read(dest)) == 1
    err = io.StringIO()
    code = run(["--db", str(db_path), "export-csv", str(tmp_path / "no" / "dir.csv")], out, err)
    assert code == 1 and "Could not write" in err.getvalue()
    assert "Traceback" not in err.getvalue()


def test_a_contact_with_thousands_of_emails_does_not_widen_every_row(
    services: Services, tmp_path: Path
) -> None:
    """Issue 19 item 9: one contact's long lists make at most 10 numbered column groups per
    list; the rest is one JSON cell, read back without loss."""
    many_emails = tuple(
        Email(f"u{n}@example.com", "work" if n % 2 else "", n == 7) for n in range(3000)
    )
    many_phones = tuple(Phone(f"+1 212 555 {n:04d}", label="=cmd") for n in range(25))
    big, _ = services.contacts.create(
        Contact(display_name="Many Addresses", emails=many_emails, phones=many_phones)
    )
    services.contacts.create_many(
        [
            Contact(display_name=f"Person {n}", emails=(Email(f"p{n}@example.com"),))
            for n in range(1000)
        ]
    )
    path = tmp_path / "out.csv"
    assert export_csv(services.contacts, path) == 1001
    # the JSON cell of 2,990 emails is larger than Python's default field limit of 128 KB
    limit = csv.field_size_limit(1 << 24)
    try:
        rows = _read(path)
    finally:
        csv.field_size_limit(limit)
    header = list(rows[0])
    email_cols = [c for c in header if c.startswith("emails.")]
    assert email_cols == [
        *(f"emails.{n}.{sub}" for n in range(1, 11) for sub in ("value", "label", "pref")),
        "emails.more",
    ]
    assert "phones.11.value" not in header and "phones.more" in header
    assert len(header) < 100
    assert len(rows) == 1001
    # read back: numbered columns first, then the JSON cell, give every email and phone
    row = next(r for r in rows if r["id"] == str(big))
    numbered = [
        {"value": row[f"emails.{n}.value"], "label": row[f"emails.{n}.label"]} for n in range(1, 11)
    ]
    rest = json.loads(row["emails.more"])
    got = numbered + [{"value": e["value"], "label": e["label"]} for e in rest]
    want = [{"value": e.value, "label": e.label} for e in services.contacts.get(big).emails]
    assert got == want and len(got) == 3000
    assert [e["pref"] for e in rest] == [e.pref for e in services.contacts.get(big).emails[10:]]
    # (a cell starting with "+" carries the apostrophe that keeps it from being a formula)
    phones = [row[f"phones.{n}.value"].removeprefix("'") for n in range(1, 11)] + [
        p["value"] for p in json.loads(row["phones.more"])
    ]
    assert phones == [p.value for p in services.contacts.get(big).phones]
    # the JSON cell is text to a spreadsheet, and rows without long lists leave it empty
    assert row["emails.more"].startswith("[")
    other = next(r for r in rows if r["display_name"] == "Person 5")
    assert other["emails.more"] == other["phones.more"] == "" and other["emails.2.value"] == ""
