"""CSV import through the interchange service and the CLI: the same preview, matching,
policies, account and idempotence as vCards."""

from __future__ import annotations

import io
import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import dump_tables

from netdesk.cli import run
from netdesk.core.errors import ImportFileError
from netdesk.core.model import Contact, Email

DATA = Path(__file__).resolve().parents[2] / "data" / "csv"
FILES = (
    "linkedin_connections.csv",
    "outlook.csv",
    "google_old.csv",
    "google_new.csv",
    "generic.csv",
)


def copies(tmp_path: Path) -> list[Path]:
    out = []
    for name in FILES:
        shutil.copyfile(DATA / name, tmp_path / name)
        out.append(tmp_path / name)
    return out


def cli(db_path: Path, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--db", str(db_path), *argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def by_name(services: Any) -> dict[str, Contact]:
    return {c.display_name: c for c in services.contacts.get_many(services.contacts.list_ids())}


def test_preview_of_every_format_accounts_for_every_row(services: Any, tmp_path: Path) -> None:
    paths = copies(tmp_path)
    plan = services.interchange.preview(paths)
    assert plan.cards_per_file == (5, 5, 2, 2, 4)
    assert plan.total == 18
    assert [(Path(u.file).name, u.card, u.line, u.reason) for u in plan.unreadable] == [
        ("linkedin_connections.csv", 4, 8, "no name, email or phone (only URL, Connected On)"),
        ("outlook.csv", 4, 6, "no name, email or phone (only Categories, Notes)"),
        ("generic.csv", 4, 6, "no name, email or phone (only Notes, Tags)"),
    ]
    assert services.contacts.count() == 0  # a preview writes nothing
    report = services.interchange.apply(plan, "merge")
    assert report.imported + report.merged + report.skipped + len(report.unreadable) == 18
    assert (report.imported, report.merged, report.skipped) == (15, 0, 0)
    people = by_name(services)
    assert people["Anna Berg"].notes == "Connected on LinkedIn: 12 Mar 2021"
    assert people["Anna Berg"].met_on == date(2021, 3, 12)  # stored, not only in the note
    assert people["Grace Hopper"].starred and people["Grace Hopper"].tags == ("Mentors",)
    assert "Favourite Drink: Flat white" in people["Dora Weiss"].notes
    # no interaction was invented from "Connected On"
    assert services.contacts.get(people["Anna Berg"].id).last_contacted is None


def test_a_row_matching_an_existing_contact_merges(services: Any, tmp_path: Path) -> None:
    services.contacts.create(
        Contact(display_name="Anna B.", emails=(Email("ANNA.BERG@example.com"),))
    )
    path = tmp_path / "linkedin_connections.csv"
    shutil.copyfile(DATA / path.name, path)
    plan = services.interchange.preview([path])
    assert plan.matches == 1 and plan.new == 3
    report = services.interchange.apply(plan, "merge")
    assert (report.imported, report.merged, report.skipped, len(report.unreadable)) == (3, 1, 0, 1)
    anna = by_name(services)["Anna B."]
    assert (anna.organization, anna.title, anna.given_name) == (
        "Acme GmbH",
        "Head of Talent",
        "Anna",
    )


def test_importing_the_same_csv_twice_changes_nothing(
    services: Any, db_path: Path, tmp_path: Path
) -> None:
    paths = copies(tmp_path)
    first = services.interchange.import_files(paths)
    assert first.imported == 15
    before = dump_tables(db_path)
    second = services.interchange.import_files(paths)
    assert (second.imported, second.merged, second.skipped, len(second.unreadable)) == (0, 0, 15, 3)
    assert dump_tables(db_path) == before
    assert second.change.contacts == frozenset()


def test_utf16_and_semicolon_outlook_files_import_like_the_original(
    services: Any, db_path: Path, tmp_path: Path
) -> None:
    raw = (DATA / "outlook.csv").read_bytes().decode("utf-8")
    utf16 = tmp_path / "outlook-utf16.csv"
    utf16.write_bytes(raw.encode("utf-16"))
    first = services.interchange.import_files([utf16])
    assert (first.imported, len(first.unreadable)) == (4, 1)
    before = dump_tables(db_path)
    semi = tmp_path / "outlook-excel-de.csv"  # German Excel: ';' and cp1252
    import csv

    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(
        csv.reader(io.StringIO(raw, newline=""))
    )
    semi.write_bytes(buf.getvalue().encode("cp1252"))
    second = services.interchange.import_files([semi])
    assert (second.skipped, len(second.unreadable)) == (4, 1)
    assert dump_tables(db_path) == before


def test_a_file_without_a_known_header_is_an_error_and_nothing_is_written(
    services: Any, db_path: Path, tmp_path: Path
) -> None:
    good = tmp_path / "generic.csv"
    shutil.copyfile(DATA / "generic.csv", good)
    bad = tmp_path / "x.csv"
    bad.write_text("foo,bar\n1,2\n", encoding="utf-8")
    before = dump_tables(db_path)
    with pytest.raises(ImportFileError, match=r"^x\.csv: no column NetDesk recognises"):
        services.interchange.import_files([good, bad])
    assert dump_tables(db_path) == before
    code, out, err = cli(db_path, "import", str(bad))
    assert code == 1 and out == ""
    assert "x.csv: no column NetDesk recognises" in err and "Traceback" not in err
    assert dump_tables(db_path) == before


def test_cli_import_csv_json(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "linkedin_connections.csv"
    shutil.copyfile(DATA / path.name, path)
    code, out, err = cli(db_path, "import", str(path), "--json")
    assert code == 0, err
    assert json.loads(out) == {
        "cards": 5,
        "imported": 4,
        "merged": 0,
        "skipped": 0,
        "unreadable": [
            {
                "file": str(path),
                "card": 4,
                "line": 8,
                "reason": "no name, email or phone (only URL, Connected On)",
            }
        ],
        "warnings": [],
        "values_kept": 0,
        "conflicts": [],
    }
    code, out, _ = cli(db_path, "import", str(path))
    assert code == 0
    assert out.splitlines()[0] == (
        "5 rows: 0 imported, 0 merged, 4 skipped as duplicates, 1 unreadable"
    )
    assert f"{path}, row 4 (line 8): no name, email or phone" in out


def test_many_rows_report_progress_and_can_be_cancelled(services: Any, tmp_path: Path) -> None:
    from netdesk.core.errors import Cancelled

    path = tmp_path / "many.csv"
    lines = ["First Name,Last Name,Email"]
    # (the same name for everyone, digits are no part of a name: each at a domain of their
    # own, so that no two rows are one person by the "same person" rule)
    lines += [f"P{i},Person,p{i}@x{i}.example" for i in range(1200)]
    path.write_text("\n".join(lines), encoding="utf-8")
    seen: list[tuple[str, int, int]] = []
    plan = services.interchange.preview([path], progress=lambda *a: seen.append(a))
    assert plan.new == 1200
    assert ("reading", 500, 1200) in seen and ("reading", 1200, 1200) in seen
    with pytest.raises(Cancelled):
        services.interchange.preview([path], should_cancel=lambda: True)
