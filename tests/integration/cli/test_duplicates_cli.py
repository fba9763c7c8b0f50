"""`netdesk duplicates --json`, `netdesk merge ID ID [--keep ID]`, `netdesk not-duplicates`."""

from __future__ import annotations

import io
import json
from pathlib import Path

from netdesk.cli import run

PEOPLE = [
    {
        "given_name": "Bob",
        "family_name": "Smith",
        "organization": "Acme",
        "emails": [{"value": "bob@acme.com"}],
    },
    {
        "given_name": "Robert",
        "family_name": "Smith",
        "emails": [{"value": "BOB@acme.com"}, {"value": "rob@gmail.com"}],
        "phones": [{"value": "+44 7700 900123"}],
    },
    {"display_name": "Smith, Robert", "phones": [{"value": "+447700900123"}]},
    {"given_name": "Alice", "family_name": "Jones", "emails": [{"value": "info@acme.com"}]},
    {"given_name": "Carl", "family_name": "Brown", "emails": [{"value": "info@acme.com"}]},
    {"given_name": "Ann", "family_name": "Lee", "organization": "Initech"},
    {"given_name": "Anne", "family_name": "Lee", "organization": "Initech Inc."},
]


def cli(db: Path, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    import sys

    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        code = run(["--db", str(db), *args], out, err)
    finally:
        sys.stdin = old
    return code, out.getvalue(), err.getvalue()


def _setup(tmp_path: Path) -> Path:
    db = tmp_path / "n.db"
    code, _, err = cli(db, "add", "--json", "-", stdin=json.dumps(PEOPLE))
    assert code == 0, err
    return db


def test_duplicates_json_strongest_first_with_reasons(tmp_path: Path) -> None:
    db = _setup(tmp_path)
    code, out, _ = cli(db, "duplicates", "--json")
    assert code == 0
    groups = json.loads(out)
    assert [g["ids"] for g in groups] == [[1, 2, 3], [6, 7]]
    assert all(set(g) == {"ids", "score", "reasons"} for g in groups)
    assert groups[0]["score"] >= groups[1]["score"] >= 50
    assert "same phone +44 7700 900123" in groups[0]["reasons"]
    assert "names match: Ann Lee ≈ Anne Lee" in groups[1]["reasons"]


def test_not_duplicates_then_merge(tmp_path: Path) -> None:
    db = _setup(tmp_path)
    assert cli(db, "not-duplicates", "6", "7")[0] == 0
    groups = json.loads(cli(db, "duplicates", "--json")[1])
    assert [g["ids"] for g in groups] == [[1, 2, 3]]
    code, out, err = cli(db, "merge", "1", "2", "3", "--keep", "2")
    assert code == 0, err
    assert out.strip() == "2"
    listed = json.loads(cli(db, "list", "--json")[1])
    assert sorted(c["id"] for c in listed) == [2, 4, 5, 6, 7]
    bob = next(c for c in listed if c["id"] == 2)
    assert [e["value"] for e in bob["emails"]] == ["BOB@acme.com", "rob@gmail.com"]
    assert bob["organization"] == "Acme"
    assert json.loads(cli(db, "duplicates", "--json")[1]) == []


def test_merge_and_not_duplicates_errors(tmp_path: Path) -> None:
    db = _setup(tmp_path)
    code, _, err = cli(db, "merge", "1")
    assert code != 0 and "two or more" in err and "Traceback" not in err
    code, _, err = cli(db, "merge", "1", "99")
    assert code == 1 and "no contact with id 99" in err
    code, _, err = cli(db, "merge", "1", "2", "--keep", "5")
    assert code == 1 and "keep" in err
    code, _, err = cli(db, "not-duplicates", "1", "1")
    assert code == 1 and "two different" in err
