"""Smaller vCard defects: base64 NOTE values, Apple's $!<Label>!$ labels, a file without any
card (a "BEGIN:VCAR" typo)."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

from netdesk.cli import run
from netdesk.compose import Services
from netdesk.vcard import read_vcards


def card(*lines: str) -> bytes:
    return ("BEGIN:VCARD\r\nVERSION:3.0\r\n" + "\r\n".join(lines) + "\r\nEND:VCARD\r\n").encode()


def test_a_base64_note_is_decoded() -> None:
    note = "Met at the fair.\nLikes trains; coffee, black. Grüße"
    data = card(
        "FN:Anna Berg",
        "NOTE;ENCODING=b:" + base64.b64encode(note.encode()).decode(),
    ) + card(
        "FN:Bo Lind",
        "NOTE;ENCODING=BASE64;CHARSET=ISO-8859-1:"
        + base64.b64encode("Café".encode("latin-1")).decode(),
    )
    anna, bo = read_vcards(data, "x.vcf", "DE")
    assert anna.contact is not None and anna.contact.notes == note
    assert bo.contact is not None and bo.contact.notes == "Café"


def test_apple_labels_read_as_words() -> None:
    data = card(
        "FN:Anna Berg",
        "item1.EMAIL;type=INTERNET:anna@x.example",
        "item1.X-ABLabel:$!<Email>!$",  # without the underscores
        "item2.TEL:+49 30 1234567",
        "item2.X-ABLabel:_$!<HomeFAX>!$_",
        "item3.URL:https://anna.example",
        "item3.X-ABLabel:_$!<HomePage>!$_",
        "item4.TEL:+49 171 1234567",
        "item4.X-ABLabel:Büro Hamburg",  # typed by the user: as typed
    )
    (r,) = read_vcards(data, "x.vcf", "DE")
    assert r.contact is not None
    assert [e.label for e in r.contact.emails] == ["email"]
    assert [p.label for p in r.contact.phones] == ["home fax", "Büro Hamburg"]
    assert [u.label for u in r.contact.urls] == ["home page"]


def test_a_file_with_no_card_says_why(services: Services, db_path: Path, tmp_path: Path) -> None:
    typo = tmp_path / "typo.vcf"
    typo.write_bytes(b"BEGIN:VCAR\r\nVERSION:3.0\r\nFN:Anna Berg\r\nEND:VCARD\r\n")
    plan = services.interchange.preview([typo])
    assert plan.total == 0
    assert plan.no_card == (
        (
            str(typo),
            "typo.vcf: no vCard in this file: line 1 says 'BEGIN:VCAR', not BEGIN:VCARD "
            "(a typo?). Nothing was imported.",
        ),
    )
    out, err = io.StringIO(), io.StringIO()
    assert run(["--db", str(db_path), "import", str(typo)], out=out, err=err) == 0
    assert "line 1 says 'BEGIN:VCAR', not BEGIN:VCARD" in out.getvalue()
    out = io.StringIO()
    assert run(["--db", str(db_path), "import", "--json", str(typo)], out=out, err=err) == 0
    data = json.loads(out.getvalue())
    assert data["cards"] == 0 and data["refused"][0]["file"] == str(typo)
    empty = tmp_path / "empty.vcf"
    empty.write_bytes(b"")
    assert services.interchange.preview([empty]).no_card[0][1] == (
        "empty.vcf: no vCard in this file (the file is empty). Nothing was imported."
    )
