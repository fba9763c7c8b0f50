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
from netdesk.core.dates import PartialDate
from netdesk.core.model import Address, Contact, Email, Phone, Url
from netdesk.services.container import Services
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
    svc = Services.open(path, SettingsStore(tmp_path / "config2"))
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
    assert code == 1 and err == ""
    data = json.loads(out)
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
