"""Round trips through NetDesk's own exports (CSV, vCard 3.0 and 4.0): the contacts read
back are the same, compared whole, field by field; and the CLI's CSV options."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from dataclasses import fields, replace
from datetime import date
from pathlib import Path

import pytest
from helpers import rich_contact

from netdesk.cli import run
from netdesk.compose import Services, build_services
from netdesk.core.dates import PartialDate
from netdesk.core.model import Address, Contact, Email, Phone, Url
from netdesk.services.csv_export import export_csv
from netdesk.settings import SettingsStore

#: stamps and derived values: not the contact as the user made it
NOT_COMPARED = {"id", "created_at", "updated_at", "last_contacted", "next_touch", "uid"}


def people() -> list[Contact]:
    return [
        rich_contact(
            additional_names="Maria",
            suffix="MBA",
            nickname="Jü",
            starred=True,
            met_on=date(2026, 4, 21),
            anniversary=PartialDate(6, 1, 2001),
            notes="Met at the Hannover fair.\nLikes: trains, maps; coffee.",
        ),
        Contact(
            given_name="=cmd",  # a formula: the export guards it, the import removes the guard
            family_name="-Minus",
            display_name="=cmd -Minus",
            emails=(Email("at@example.com"),),
            department="@home",
            phones=(Phone("+1 415 555 0134", label="cell", pref=True),),
            birthday=PartialDate(4, 16),  # no year: '--04-16 in the file
            tags=("a, b", "c"),
            urls=(Url("https://x.example/a?b=1,2", "profile"),),
            addresses=(Address("1 Main St\nApt 2", "Springfield", "IL", "62701", "USA", "home"),),
        ),
        Contact(organization="Switchboard GmbH", phones=(Phone("+49 30 1234567", label="work"),)),
    ]


@pytest.fixture
def second(tmp_path: Path, template_db: Path) -> Iterator[Services]:
    path = tmp_path / "second.db"
    shutil.copyfile(template_db, path)
    svc = build_services(path, SettingsStore(tmp_path / "config2"))
    svc.set_preferences(replace(svc.preferences, default_region="DE"))
    yield svc
    svc.close()


def all_contacts(svc: Services) -> list[Contact]:
    return sorted(svc.contacts.get_many(svc.contacts.list_ids()), key=lambda c: c.name)


def assert_same(a: list[Contact], b: list[Contact]) -> None:
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        for f in fields(Contact):
            if f.name not in NOT_COMPARED:
                assert getattr(y, f.name) == getattr(x, f.name), (x.name, f.name)


def test_csv_export_reads_back_every_field(
    services: Services, second: Services, tmp_path: Path
) -> None:
    for c in people():
        services.contacts.create(c)
    dest = tmp_path / "netdesk.csv"
    export_csv(services.contacts, dest)
    report = second.interchange.import_files([dest])
    assert (report.cards, report.imported, report.unreadable) == (3, 3, ())
    assert_same(all_contacts(services), all_contacts(second))
    # and a second import finds every one of them again
    again = second.interchange.import_files([dest])
    assert (again.imported, again.merged, again.skipped) == (0, 0, 3)


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_vcard_export_reads_back_every_field(
    services: Services, second: Services, tmp_path: Path, version: str
) -> None:
    for c in people():
        services.contacts.create(c)
    dest = tmp_path / "netdesk.vcf"
    ids = services.interchange.export_ids()
    services.interchange.export_to_file(dest, ids, version)
    report = second.interchange.import_files([dest])
    assert (report.cards, report.imported, report.unreadable) == (3, 3, ())
    assert_same(all_contacts(services), all_contacts(second))


def cli(db_path: Path, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--db", str(db_path), *argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_json_answers_when_the_file_is_refused(db_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "numbers.csv"
    bad.write_text("foo,bar\n1,2\n", encoding="utf-8")
    code, out, err = cli(db_path, "import", "--json", str(bad))
    data = json.loads(out)
    # a script reads the JSON; a person at a terminal also sees the sentence on stderr
    assert code == 1 and err == f"netdesk: {data['refused'][0]['reason']}\n"
    assert (data["cards"], data["imported"], data["unreadable"]) == (0, 0, [])
    assert data["refused"][0]["file"] == str(bad)
    assert data["refused"][0]["reason"].startswith("numbers.csv: no column NetDesk recognises")


def test_cli_map_and_no_header(services: Services, db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    path.write_text("Berg,Anna,Acme\nLind,Bo,Globex\n", encoding="utf-8")
    code, out, _err = cli(
        db_path,
        "import",
        "--json",
        "--no-header",
        "--map",
        "Column 1=family_name,Column 2=given_name,Column 3=organization",
        str(path),
    )
    assert code == 0 and json.loads(out)["imported"] == 2
    got = {(c.given_name, c.family_name, c.organization) for c in all_contacts(services)}
    assert got == {("Anna", "Berg", "Acme"), ("Bo", "Lind", "Globex")}
    code, _out, err = cli(db_path, "import", "--map", "Column 1=shoe", str(path))
    assert code == 2 and "'shoe' is not a field" in err


def test_a_merge_keeps_every_value_it_cannot_place(
    services: Services, db_path: Path, tmp_path: Path
) -> None:
    first = tmp_path / "outlook.csv"
    first.write_text(
        "First Name,Last Name,Company,Job Title,E-mail Address,Business Phone\r\n"
        "Anna,Berg,Acme GmbH,Head of Talent,anna@acme.example,+49 30 1111111\r\n",
        encoding="cp1252",
    )
    second = tmp_path / "google.csv"
    second.write_text(
        "First Name,Last Name,Organization Name,Organization Title,E-mail 1 - Value,"
        "E-mail 2 - Value,Phone 1 - Value\n"
        "Anna,Berg,Globex AG,Chief People Officer,ANNA@acme.example,anna@home.example,"
        "+49 171 2222222\n",
        encoding="utf-8",
    )
    assert services.interchange.import_files([first]).imported == 1
    plan = services.interchange.preview([second])
    (card,) = plan.cards
    assert card.kind == "match" and card.reason.startswith("same email")
    assert card.conflicts == (
        ("organization", "Acme GmbH", "Globex AG"),
        ("title", "Head of Talent", "Chief People Officer"),
    )
    code, out, err = cli(db_path, "import", "--json", str(second))
    assert code == 0, err
    data = json.loads(out)
    assert (data["merged"], data["skipped"]) == (1, 0)
    (anna,) = all_contacts(services)
    assert [c["field"] for c in data["conflicts"]] == ["organization", "title"]
    assert data["conflicts"][0] == {
        "contact_id": anna.id,
        "display_name": "Anna Berg",
        "field": "organization",
        "kept": "Acme GmbH",
        "incoming": "Globex AG",
    }
    assert data["values_kept"] == 4  # an email, a phone, the organisation, the title
    assert (anna.organization, anna.title) == ("Acme GmbH", "Head of Talent")
    assert "Organisation from an import: Globex AG" in anna.notes
    assert "Title from an import: Chief People Officer" in anna.notes
    assert [e.value for e in anna.emails] == ["anna@acme.example", "anna@home.example"]
    assert [p.e164 for p in anna.phones] == ["+49301111111", "+491712222222"]
    # the same file again: everything is kept already, nothing changes
    again = services.interchange.import_files([second])
    assert (again.merged, again.skipped, again.conflicts) == (0, 1, ())


def test_a_choice_per_record_overrides_the_policy(services: Services, tmp_path: Path) -> None:
    anna, _ = services.contacts.create(
        Contact(given_name="Anna", family_name="Berg", emails=(Email("anna@x.example"),))
    )
    path = tmp_path / "people.csv"
    path.write_text(
        "Name,Email,Company\n"
        "Anna Berg,anna@x.example,Acme\n"  # matches Anna
        "Bo Lind,bo@x.example,\n"  # new
        "Bo Lind,bo@x.example,Globex\n"  # the same Bo again
        "Cem Kaya,cem@x.example,\n",  # new
        encoding="utf-8",
    )
    plan = services.interchange.preview([path])
    assert [c.kind for c in plan.cards] == ["match", "new", "duplicate", "new"]
    # policy "skip", but: merge Anna anyway, add the second Bo as his own contact, skip Cem
    report = services.interchange.apply(plan, "skip", choices={0: "merge", 2: "add", 3: "skip"})
    assert [o for _f, _c, o in report.outcomes] == ["merged", "imported", "imported", "skipped"]
    names = sorted((c.name, c.organization) for c in all_contacts(services))
    assert names == [("Anna Berg", "Acme"), ("Bo Lind", ""), ("Bo Lind", "Globex")]
    assert anna in report.updated_ids
    with pytest.raises(Exception, match="'maybe' is not one of add, merge, skip"):
        services.interchange.apply(plan, "merge", choices={0: "maybe"})


def test_a_remembered_mapping_is_used_and_a_broken_one_ignored(
    services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "club.csv"
    path.write_text("Name,Verein\nAnna Berg,TSV Nord\n", encoding="utf-8")
    plain = services.interchange.preview([path])
    signature = plain.csv_layouts[0].signature
    assert plain.cards[0].contact.organization == ""
    remembered = services.interchange.preview(
        [path], csv_mappings={signature: {"Verein": "organization"}}
    )
    assert remembered.cards[0].contact.organization == "TSV Nord"
    assert remembered.csv_layouts[0].columns[1].guessed_from == "user"
    for broken in ({"Verein": ["x"]}, "nonsense", {"Verein": "shoe"}, {"Gone": "email"}):
        plan = services.interchange.preview([path], csv_mappings={signature: broken})  # type: ignore[dict-item]
        assert plan.cards[0].contact.notes == "Verein: TSV Nord"
