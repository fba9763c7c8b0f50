"""``netdesk helped``, ``netdesk templates``, ``netdesk campaign`` and ``netdesk search``:
JSON shapes as CLI.md gives them, dry runs that write nothing, --mark-sent once only."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from netdesk.cli import run

TODAY = date.today()


def cli(db: Path, *argv: str) -> tuple[int, Any, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--db", str(db), *argv], out, err)
    text = out.getvalue()
    return code, json.loads(text) if text.strip().startswith(("[", "{")) else text, err.getvalue()


def setup_people(db: Path, tmp_path: Path) -> None:
    people = [
        {"display_name": "Ann Lee", "given_name": "Ann", "family_name": "Lee",
         "organization": "Initech", "emails": [{"value": "ann@example.com"}], "tags": ["mentors"]},
        {"display_name": "Bo “Bobby” Ray, Jr.", "given_name": "Bo", "family_name": "Ray",
         "emails": [{"value": "bo@example.org"}]},
        {"display_name": "Cat", "given_name": "", "nickname": "",
         "emails": [{"value": "cat@example.net"}]},
    ]  # fmt: skip
    (tmp_path / "people.json").write_text(json.dumps(people), encoding="utf-8")
    assert cli(db, "add", "--json", str(tmp_path / "people.json"))[0] == 0


def day(n: int) -> str:
    return (TODAY - timedelta(days=n)).isoformat()


def test_helped_templates_and_a_campaign_from_the_command_line(
    db_path: Path, tmp_path: Path
) -> None:
    setup_people(db_path, tmp_path)
    code, started, _ = cli(db_path, "search", "start", "2026 search", "--since", day(40))
    assert code == 0 and started["name"] == "2026 search"
    for argv in (
        ("--contact", "1", "--type", "advice", "--date", day(30), "--summary", "Market advice"),
        ("--contact", "1", "--type", "help received", "--date", day(3), "--summary", "CV review"),
        ("--contact", "2", "--type", "interview", "--date", day(10), "--summary", "Mock interview"),
        ("--contact", "3", "--type", "email", "--date", day(9), "--summary", "Just an email"),
        ("--contact", "2", "--type", "thank-you sent", "--date", day(2), "--summary", "Thanks"),
    ):
        assert cli(db_path, "log", *argv)[0] == 0
    code, helped, _ = cli(db_path, "helped", "--search-name", "2026 SEARCH", "--json")
    assert code == 0
    assert helped == [
        {
            "contact_id": 1,
            "display_name": "Ann Lee",
            "helped": [
                {"date": day(3), "type": "help received", "summary": "CV review"},
                {"date": day(30), "type": "advice", "summary": "Market advice"},
            ],
            "last_thanked": None,
        },
        {
            "contact_id": 2,
            "display_name": "Bo “Bobby” Ray, Jr.",
            "helped": [{"date": day(10), "type": "interview", "summary": "Mock interview"}],
            "last_thanked": day(2),
        },
    ]
    assert [h["contact_id"] for h in cli(db_path, "helped", "--since", day(5), "--json")[1]] == [1]
    assert [h["contact_id"] for h in cli(db_path, "helped", "--tag", "mentors", "--json")[1]] == [1]
    code, _out, err = cli(db_path, "helped", "--search-name", "nope", "--json")
    assert code == 1 and "no job search called 'nope'" in err

    code, templates, _ = cli(db_path, "templates", "--json")
    assert code == 0 and {"name", "subject", "body"} == set(templates[0])
    names = [t["name"] for t in templates]
    assert "Landed: thanks and an offer to help" in names and "Birthday" in names

    assert cli(db_path, "search", "land", "--role", "Head of Product", "--company", "Acme")[0] == 0
    landed = "Landed: thanks and an offer to help"
    code, dry, _ = cli(
        db_path, "campaign", "--template", landed, "--contact", "1", "2", "3",
        "--set", "my_name=Zoë O'Neil", "--json",
    )  # fmt: skip
    assert code == 0
    by_id = {r["contact_id"]: r for r in dry}
    assert set(by_id[1]) >= {
        "contact_id",
        "display_name",
        "email",
        "subject",
        "body",
        "mailto",
        "missing",
    }
    assert by_id[1]["missing"] == [] and "Head of Product at Acme" in by_id[1]["body"]
    assert "cV review and market advice" not in by_id[1]["body"]
    assert "CV review and market advice" in by_id[1]["body"]
    assert by_id[3]["missing"] == ["first_name", "how_they_helped"]  # flagged, not a gap
    assert "{first_name}" in by_id[3]["body"]
    url = urlsplit(by_id[2]["mailto"])
    assert unquote(url.path) == "bo@example.org"
    assert parse_qs(url.query)["body"][0].replace("\r\n", "\n") == by_id[2]["body"]
    # a dry run logs nothing
    listed = {c["id"]: c for c in cli(db_path, "list", "--json")[1]}
    assert listed[1]["last_contacted"] == day(3)

    code, sent, err = cli(
        db_path, "campaign", "--template", landed, "--contact", "1", "2", "3",
        "--set", "my_name=Zoë", "--mark-sent", "--json",
    )  # fmt: skip
    assert code == 0 and [r["sent"] for r in sent] == [True, True, False]
    assert "logged 2 messages" in err
    contacts = {c["id"]: c for c in cli(db_path, "list", "--json")[1]}
    assert contacts[1]["last_contacted"] == TODAY.isoformat()
    # a second run does not message anyone twice
    code, again, err = cli(
        db_path, "campaign", "--template", landed, "--contact", "1", "2",
        "--set", "my_name=Zoë", "--mark-sent", "--json",
    )  # fmt: skip
    assert [r["sent"] for r in again] == [False, False]
    assert [r["already_sent"] for r in again] == [TODAY.isoformat(), TODAY.isoformat()]
    assert "logged 0 messages" in err


def test_campaign_errors_name_the_problem(db_path: Path, tmp_path: Path) -> None:
    setup_people(db_path, tmp_path)
    code, _o, err = cli(db_path, "campaign", "--template", "Birthday", "--contact", "99", "--json")
    assert code == 1 and "no contact with id 99" in err
    code, _o, err = cli(db_path, "campaign", "--template", "Nope", "--contact", "1", "--json")
    assert code == 1 and "no template called 'Nope'" in err
    code, _o, err = cli(
        db_path, "campaign", "--template", "Birthday", "--contact", "1", "--set", "nick=x"
    )
    assert code == 1 and "'nick' is not one of" in err
    code, _o, err = cli(db_path, "campaign", "--template", "Birthday", "--tag", "none")
    assert code == 1 and "no contact has the tag 'none'" in err
    code, _o, err = cli(db_path, "campaign", "--template", "Birthday")
    assert code == 2  # one way of choosing recipients is required
    code, birthday, _ = cli(db_path, "campaign", "--template", "birthday", "--tag", "mentors")
    assert code == 0 and birthday[0]["subject"] == "Happy birthday, Ann!"
