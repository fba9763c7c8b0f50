"""The command line: JSON shapes, round trips, and clear errors without tracebacks."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from netdesk.cli import run

CONTACT_KEYS = {
    "id",
    "display_name",
    "given_name",
    "family_name",
    "additional_names",
    "prefix",
    "suffix",
    "nickname",
    "organization",
    "department",
    "title",
    "emails",
    "phones",
    "addresses",
    "urls",
    "birthday",
    "anniversary",
    "notes",
    "tags",
    "met_at",
    "met_on",
    "introduced_by",
    "cadence_days",
    "last_contacted",
    "next_touch",
    "starred",
}

FULL = {
    "display_name": "Dr. Jürgen Müller",
    "given_name": "Jürgen",
    "family_name": "Müller",
    "additional_names": "Karl",
    "prefix": "Dr.",
    "suffix": "MBA",
    "nickname": "Jogi",
    "organization": "Kessler Logistik GmbH",
    "department": "Einkauf",
    "title": "Leiter Beschaffung",
    "emails": [{"value": "j.mueller@example.com", "label": "work", "pref": True}],
    "phones": [
        {"value": "+49 171 9876543", "e164": "+491719876543", "label": "mobile", "pref": False}
    ],
    "addresses": [
        {
            "street": "Güterstraße 7",
            "locality": "Hannover",
            "region": "",
            "postal_code": "30159",
            "country": "Deutschland",
            "label": "work",
        }
    ],
    "urls": [{"value": "https://www.example.com", "label": "work"}],
    "birthday": "1971-05-02",
    "anniversary": "--06-15",
    "notes": "Met at the Hannover fair.",
    "tags": ["hannover-2026"],
    "met_at": "Hannover Messe 2026",
    "met_on": "2026-04-21",
    "introduced_by": None,
    "cadence_days": 90,
    "starred": True,
}


def cli(db: Path, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        code = run(["--db", str(db), *args], out, err)
    finally:
        sys.stdin = old
    return code, out.getvalue(), err.getvalue()


def test_list_on_a_new_database_prints_an_empty_array(tmp_path: Path) -> None:
    code, out, _ = cli(tmp_path / "new.db", "list", "--json")
    assert code == 0
    assert json.loads(out) == []


def test_add_then_list_round_trips_every_key(tmp_path: Path) -> None:
    db = tmp_path / "rt.db"
    code, out, err = cli(
        db, "add", "--json", "-", stdin=json.dumps([FULL, {"organization": "Acme"}])
    )
    assert code == 0, err
    added = json.loads(out)
    code, out, _ = cli(db, "list", "--json")
    listed = json.loads(out)
    assert listed == sorted(added, key=lambda c: c["display_name"]) or listed == added
    by_name = {c["display_name"]: c for c in listed}
    got = by_name["Dr. Jürgen Müller"]
    assert set(got) == CONTACT_KEYS
    for key, value in FULL.items():
        assert got[key] == value, key
    assert isinstance(got["id"], int)
    assert got["last_contacted"] is None
    # no interaction yet: the cadence counts from the day the contact was added
    assert got["next_touch"] is not None
    company = by_name["Acme"]
    assert company["given_name"] == "" and company["organization"] == "Acme"


def test_add_from_file_and_introduced_by(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    src = tmp_path / "one.json"
    src.write_text(json.dumps({"given_name": "Ada", "family_name": "Lovelace"}), "utf-8")
    code, out, _ = cli(db, "add", "--json", str(src))
    assert code == 0
    ada = json.loads(out)[0]
    code, out, _ = cli(
        db,
        "add",
        "--json",
        "-",
        stdin=json.dumps({"given_name": "Charles", "introduced_by": ada["id"]}),
    )
    assert code == 0
    assert json.loads(out)[0]["introduced_by"] == ada["id"]


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("{not json", "not valid JSON"),
        (json.dumps({"emails": [{"value": "bad@@example.com"}]}), "email"),
        (json.dumps({"birthday": "1971-13-40"}), "birthday"),
        (json.dumps({"tags": "x"}), "tags"),
        (json.dumps({"introduced_by": 999}), "introduced_by"),
        (json.dumps([{"given_name": "ok"}, {"cadence_days": "often"}]), "contact 2"),
    ],
)
def test_bad_input_names_the_problem_and_writes_nothing(
    tmp_path: Path, payload: str, message: str
) -> None:
    db = tmp_path / "bad.db"
    code, _out, err = cli(db, "add", "--json", "-", stdin=payload)
    assert code != 0
    assert message in err
    assert "Traceback" not in err
    assert json.loads(cli(db, "list", "--json")[1]) == []


def test_missing_file_and_unknown_verb(tmp_path: Path) -> None:
    code, _, err = cli(tmp_path / "x.db", "add", "--json", str(tmp_path / "nope.json"))
    assert code == 1 and "cannot read" in err
    code, _, err = cli(tmp_path / "x.db", "frobnicate")
    assert code == 2 and "invalid choice" in err


def test_corrupt_database_on_the_cli(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    db.write_bytes(b"garbage" * 1000)
    code, _, err = cli(db, "list", "--json")
    assert code == 1
    assert "not a NetDesk database" in err and "Traceback" not in err
    assert db.read_bytes() == b"garbage" * 1000


def test_search_and_tag_filters(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    people = [
        {"given_name": "Jane", "family_name": "Doe", "organization": "Acme Corp", "tags": ["expo"]},
        {"given_name": "Jürgen", "family_name": "Müller", "phones": [{"value": "+49 171 9876543"}]},
        {"given_name": "John", "family_name": "Smith", "notes": "likes sailing"},
    ]
    assert cli(db, "add", "--json", "-", stdin=json.dumps(people))[0] == 0

    def names(*args: str) -> list[str]:
        return [c["display_name"] for c in json.loads(cli(db, "list", "--json", *args)[1])]

    assert names("--search", "acme jane") == ["Jane Doe"]
    assert names("--search", "mül") == ["Jürgen Müller"]
    assert names("--search", "muller") == ["Jürgen Müller"]
    assert names("--search", "0171 9876543") == ["Jürgen Müller"]
    assert names("--search", "+49 171 987") == ["Jürgen Müller"]
    assert names("--search", "sail") == ["John Smith"]
    assert names("--tag", "EXPO") == ["Jane Doe"]
    assert names("--search", "nobody") == []


def test_log_and_due(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    cli(
        db,
        "add",
        "--json",
        "-",
        stdin=json.dumps({"given_name": "Ada", "cadence_days": 30, "birthday": "--12-01"}),
    )
    code, out, err = cli(
        db,
        "log",
        "--contact",
        "1",
        "--type",
        "call",
        "--date",
        "2026-11-01",
        "--summary",
        "Catch-up call",
    )
    assert code == 0, err
    code, out, _ = cli(db, "due", "--json", "--today", "2026-12-01")
    items = json.loads(out)
    reasons = {(i["reason"], i["due"]) for i in items}
    assert ("cadence", "2026-12-01") in reasons
    assert ("birthday", "2026-12-01") in reasons
    assert all({"contact_id", "display_name", "due", "reason"} <= set(i) for i in items)
    code, _, err = cli(
        db, "log", "--contact", "1", "--type", "party", "--date", "2026-11-01", "--summary", "x"
    )
    assert code == 1 and "party" in err
    code, _, err = cli(
        db, "log", "--contact", "77", "--type", "call", "--date", "2026-11-01", "--summary", "x"
    )
    assert code == 1 and "77" in err


def test_entry_points_run_without_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "netdesk", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("NetDesk ")
    result = subprocess.run(
        [sys.executable, "-m", "netdesk", "--db", str(tmp_path / "e.db"), "list", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and json.loads(result.stdout) == []


def test_demo_fills_the_database_with_whole_contacts(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    code, _out, err = cli(db, "demo", "--contacts", "60", "--interactions", "300")
    assert code == 0, err
    contacts = json.loads(cli(db, "list", "--json")[1])
    assert len(contacts) == 60
    assert all(c["emails"] for c in contacts)  # every generated contact has an email
    assert any(c["last_contacted"] for c in contacts)
    assert len({c["display_name"] for c in contacts}) > 50
    code, _out, err = cli(db, "demo", "--contacts", "0")
    assert code == 1 and "--contacts" in err
