"""Issue 16 item 4: card entry's duplicate warning, the import preview (vCard and CSV) and
`netdesk duplicates --json` use one "same person" rule (netdesk.core.matching) and give the
same reasons for the same pair; a role address or a switchboard alone matches nothing."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from netdesk.cli import run
from netdesk.core.model import Contact, Email, Phone

ROBERT = Contact(
    given_name="Robert",
    family_name="Smith",
    organization="Acme",
    emails=(Email("rob.smith@gmail.com"),),
    phones=(Phone("+44 7700 900123", label="cell"),),
)
#: the same person as another source has him: a nickname, Gmail spelled otherwise, the
#: mobile written nationally
BOB_VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Smith\r\nN:Smith;Bob;;;\r\nORG:Acme\r\n"
    "EMAIL:RobSmith@googlemail.com\r\nTEL;TYPE=CELL:+44 7700 900123\r\nEND:VCARD\r\n"
)
BOB_CSV = "First Name,Last Name,Company,E-mail Address,Mobile Phone\r\n" + (
    "Bob,Smith,Acme,RobSmith@googlemail.com,+44 7700 900123\r\n"
)
BOB = Contact(
    given_name="Bob",
    family_name="Smith",
    organization="Acme",
    emails=(Email("RobSmith@googlemail.com"),),
    phones=(Phone("+44 7700 900123", label="cell"),),
)
EXPECTED = {
    "same email rob.smith@gmail.com",
    "same phone +44 7700 900123",
    "names match: Robert Smith ≈ Bob Smith",
    "same company Acme",
}


def _cli(db: Path, *args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--db", str(db), *args], out, err)
    assert code == 0, err.getvalue()
    return code, out.getvalue()


@pytest.mark.parametrize(
    ("name", "data"), [("bob.vcf", BOB_VCARD), ("bob.csv", BOB_CSV)], ids=["vcard", "csv"]
)
def test_the_same_pair_gives_the_same_reasons_everywhere(
    services: Any, db_path: Path, tmp_path: Path, name: str, data: str
) -> None:
    rob, _ = services.contacts.create(ROBERT)
    # card entry's warning
    [(cid, door)] = services.contacts.find_matches(BOB)
    assert cid == rob
    assert set(door.split("; ")) == EXPECTED
    assert door.startswith("same email rob.smith@gmail.com; same phone +44 7700 900123; ")
    # the import preview
    path = tmp_path / name
    path.write_text(data, encoding="utf-8")
    [card] = services.interchange.preview([path]).cards
    assert (card.kind, card.existing_id, card.reason) == ("match", rob, door)
    # once Bob is his own contact, the Duplicates view and `netdesk duplicates --json`
    bob, _ = services.contacts.create(BOB)
    [group] = services.duplicates.scan()
    assert group.ids == (rob, bob)
    assert set(group.reasons) == EXPECTED
    _code, out = _cli(db_path, "duplicates", "--json")
    assert [(g["ids"], set(g["reasons"])) for g in json.loads(out)] == [([rob, bob], EXPECTED)]


def test_netdesk_import_merges_by_the_same_rule(services: Any, tmp_path: Path) -> None:
    """`netdesk import` (preview and apply in one go) merges Bob into Robert: the email in
    another Gmail spelling and the phone written otherwise are not added again; the other
    given name is kept in the notes, as any differing value of a merged card."""
    rob, _ = services.contacts.create(ROBERT)
    path = tmp_path / "bob.vcf"
    path.write_text(BOB_VCARD, encoding="utf-8")
    report = services.interchange.import_files([path])
    assert (report.imported, report.merged, report.skipped) == (0, 1, 0)
    merged = services.contacts.get(rob)
    assert [e.value for e in merged.emails] == ["rob.smith@gmail.com"]
    assert [p.value for p in merged.phones] == ["+44 7700 900123"]
    assert merged.notes == "First name from an import: Bob"


COLLEAGUES = [
    Contact(
        given_name="Anna",
        family_name="Berg",
        organization="Acme",
        emails=(Email("info@acme.example"),),
        phones=(Phone("+49 30 1234560", label="work"),),
    ),
    Contact(
        given_name="Carl",
        family_name="Diaz",
        organization="Acme",
        phones=(Phone("+49 30 1234560", label="work"),),
    ),
]


@pytest.mark.parametrize(
    "line",
    ["EMAIL:info@acme.example", "TEL;TYPE=WORK:+49 30 1234560"],
    ids=["role address", "switchboard"],
)
def test_a_role_address_or_a_switchboard_alone_matches_no_one(
    services: Any, tmp_path: Path, line: str
) -> None:
    for c in COLLEAGUES:
        services.contacts.create(c)
    path = tmp_path / "jane.vcf"
    path.write_text(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Roe\r\nN:Roe;Jane;;;\r\nORG:Acme\r\n{line}\r\n"
        "END:VCARD\r\n",
        encoding="utf-8",
    )
    [card] = services.interchange.preview([path]).cards
    assert (card.kind, card.existing_id, card.reason) == ("new", None, "")
    jane = Contact(given_name="Jane", family_name="Roe", organization="Acme")
    if line.startswith("EMAIL"):
        jane = Contact(given_name="Jane", family_name="Roe", emails=(Email("info@acme.example"),))
    else:
        jane = Contact(given_name="Jane", family_name="Roe", phones=(Phone("+49 30 1234560"),))
    assert services.contacts.find_matches(jane) == []
    report = services.interchange.apply(services.interchange.preview([path]))
    assert (report.imported, report.merged) == (1, 0)


def test_within_one_import_a_number_on_two_names_is_a_switchboard(
    services: Any, tmp_path: Path
) -> None:
    """The import's own cards teach the matcher: once two people's cards carry a number, a
    third card with only that number is nobody's."""
    path = tmp_path / "team.vcf"
    path.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{fn}\r\nORG:Acme\r\nTEL:+49 30 1234560\r\n"
            "END:VCARD\r\n"
            for fn in ("Anna Berg", "Carl Diaz", "Acme")
        ),
        encoding="utf-8",
    )
    plan = services.interchange.preview([path])
    assert [c.kind for c in plan.cards] == ["new", "new", "new"]
