"""Issue 13, defect 7 through the command line: `netdesk add`, `import` (vCard and CSV) and
`parse-card` store a leading-0 national number with the region of the card's address, and
never an E.164 form that phonenumbers calls invalid. The default region is US, as it was
when a French mobile on a Paris card came out as "+1 0612345678"."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import phonenumbers
import pytest

from netdesk.cli import run
from netdesk.paths import config_dir
from netdesk.settings import Preferences, SettingsStore


@pytest.fixture(autouse=True)
def us_default(netdesk_home: Path) -> None:
    SettingsStore(config_dir()).save_preferences(Preferences(default_region="US"))


def cli(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        code = run(list(args), out, err)
    finally:
        sys.stdin = old
    return code, out.getvalue(), err.getvalue()


def phones_of(db: Path) -> dict[str, list[tuple[str, str | None]]]:
    code, out, err = cli("--db", str(db), "list", "--json")
    assert code == 0, err
    return {
        c["display_name"]: [(p["value"], p["e164"]) for p in c["phones"]] for c in json.loads(out)
    }


def assert_never_invalid(listed: dict[str, list[tuple[str, str | None]]]) -> None:
    for phones in listed.values():
        for _value, e164 in phones:
            assert e164 is None or phonenumbers.is_valid_number(phonenumbers.parse(e164))


def test_add_reads_the_region_from_the_address(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    people = [
        {
            "given_name": "Marie",
            "family_name": "Dupont",
            "phones": [{"value": "06 12 34 56 78", "label": "mobile"}],
            "addresses": [{"street": "12 rue de Rivoli", "locality": "Paris",
                           "postal_code": "75001", "country": "France"}],
        },
        {
            "given_name": "Nobody",
            "family_name": "Known",
            "phones": [{"value": "06 12 34 56 78", "e164": "+10612345678", "label": "mobile"}],
        },
    ]  # fmt: skip
    code, _out, err = cli("--db", str(db), "add", "--json", "-", stdin=json.dumps(people))
    assert code == 0, err
    listed = phones_of(db)
    assert listed["Marie Dupont"] == [("06 12 34 56 78", "+33612345678")]
    assert listed["Nobody Known"] == [("06 12 34 56 78", None)]  # no region makes it valid
    assert_never_invalid(listed)


def test_import_vcard_and_csv_read_the_region_from_the_address(tmp_path: Path) -> None:
    db = tmp_path / "i.db"
    vcf = tmp_path / "marie.vcf"
    vcf.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Marie Dupont\r\nN:Dupont;Marie;;;\r\n"
        "TEL;TYPE=CELL:06 12 34 56 78\r\n"
        "ADR;TYPE=WORK:;;12 rue de Rivoli;Paris;;75001;France\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Hans Maier\r\nN:Maier;Hans;;;\r\n"
        "TEL;TYPE=CELL:0171 2345678\r\nEMAIL:hans@maier.de\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    csv = tmp_path / "people.csv"
    csv.write_text(
        "First Name,Last Name,Mobile Phone,Business Country/Region\n"
        "Luca,Rossi,347 123 4567,Italia\n"
        "Odd,Number,0612345678,\n",
        encoding="utf-8",
    )
    for f in (vcf, csv):
        code, _out, err = cli("--db", str(db), "import", str(f))
        assert code == 0, err
    listed = phones_of(db)
    assert listed["Marie Dupont"] == [("06 12 34 56 78", "+33612345678")]
    assert listed["Hans Maier"] == [("0171 2345678", "+491712345678")]  # from the .de email
    assert listed["Luca Rossi"] == [("347 123 4567", "+393471234567")]
    assert listed["Odd Number"] == [("0612345678", None)]
    assert_never_invalid(listed)


def test_parse_card_reads_the_region_from_the_card() -> None:
    card = "Marie Dupont\nACME SARL\n12 rue de Rivoli\n75001 Paris\nFrance\nMobile 06 12 34 56 78\n"
    code, out, err = cli("parse-card", stdin=card)
    assert code == 0, err
    assert [(p["value"], p["e164"]) for p in json.loads(out)["phones"]] == [
        ("06 12 34 56 78", "+33612345678")
    ]
    code, out, err = cli("parse-card", stdin="Pat Example\npat@example.com\nCell (555) 123-4567\n")
    assert code == 0, err
    [phone] = json.loads(out)["phones"]
    assert phone["e164"] is None or phonenumbers.is_valid_number(phonenumbers.parse(phone["e164"]))
