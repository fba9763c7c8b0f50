"""CSV export: the JSON shape flattened, UTF-8 for spreadsheets, formulas neutralised."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from helpers import rich_contact
from hypothesis import given
from hypothesis import strategies as st

from netdesk.cli import run
from netdesk.core.model import Contact, Email, Phone
from netdesk.services.container import Services
from netdesk.services.csv_export import ExportCancelled, export_csv, neutralise


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
