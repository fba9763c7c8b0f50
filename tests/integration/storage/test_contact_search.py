"""Searching and sorting the address book in SQL: every field, prefixes, folding, phones,
interaction text, the CLI, and the lean pieces the contact list is built from."""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from helpers import rich_contact

from netdesk.cli import run
from netdesk.core.model import Contact, Email, Interaction, Phone


@pytest.fixture
def book(services):  # type: ignore[no-untyped-def]
    """A small address book: name -> id."""
    contacts = {
        "muller": rich_contact(),  # Dr. Jürgen Müller, Kessler Logistik, +49 171 9876543
        "jane": Contact(
            given_name="Jane",
            family_name="Doe",
            nickname="JD",
            organization="Acme Corp",
            title="Head of Procurement",
            emails=(Email("jane.doe@acme.example"),),
            phones=(Phone("+1 (415) 555-0134", label="work"),),
            notes="Loves sailing.",
            tags=("conference", "west-coast"),
            starred=True,
        ),
        "janet": Contact(
            given_name="Janet",
            family_name="Zeller",
            organization="Beta Ltd",
            title="Designer",
            tags=("design",),
        ),
        "acme": Contact(organization="Acme Holdings", title="Office"),
        "soren": Contact(given_name="Søren", family_name="Ærø", notes="Straße und Café"),
    }
    ids, _ = services.contacts.create_many(list(contacts.values()))
    return dict(zip(contacts, ids, strict=True))


def names(services, ids):  # type: ignore[no-untyped-def]
    found = services.contacts.names(ids)
    return [found[i] for i in ids]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("mül", {"muller"}),  # prefix with the accent
        ("muller", {"muller"}),  # accents folded
        ("MÜLLER", {"muller"}),
        ("mueller", {"muller"}),  # the email address has this spelling
        ("JÜRGEN", {"muller"}),  # case folded
        ("acme jane", {"jane"}),  # several words, any order
        ("jane acme", {"jane"}),
        ("jan", {"jane", "janet"}),  # prefix
        ("acme", {"jane", "acme"}),
        ("kessler", {"muller"}),  # organisation
        ("beschaff", {"muller"}),  # title
        ("procure", {"jane"}),
        ("jd", {"jane"}),  # nickname
        ("j.mueller", {"muller"}),  # email
        ("acme.example", {"jane"}),
        ("sailing", {"jane"}),  # notes
        ("west", {"jane"}),  # tags
        ("hannover", {"muller"}),  # met at
        ("soren aero", {"soren"}),  # ø and æ folded
        ("strasse", {"soren"}),  # ß folded
        ("cafe", {"soren"}),
        ("zzz", set()),
        ("   ", {"muller", "jane", "janet", "acme", "soren"}),
    ],
)
def test_search_covers_every_field(services, book, query: str, expected: set[str]) -> None:
    by_id = {v: k for k, v in book.items()}
    found = {by_id[i] for i in services.contacts.list_ids(query)}
    assert found == expected


@pytest.mark.parametrize(
    "query",
    [
        "+49 171 9876543",
        "0049 171 9876543",
        "0171 9876543",
        "0171/987 65 43",
        "171 987",  # a prefix of the national number
        "491719876543",
        "0511 123456",  # the second phone, typed nationally
        "+49 511 123456",
    ],
)
def test_phone_digits_match_whatever_the_formatting(services, book, query: str) -> None:
    assert services.contacts.list_ids(query) == [book["muller"]]


def test_us_phone_with_and_without_country_code(services, book) -> None:
    for query in ("415 555 0134", "(415) 555-0134", "4155550134", "+1 415 555 0134"):
        assert services.contacts.list_ids(query) == [book["jane"]], query


def test_interaction_text_is_searched(services, book) -> None:
    assert services.contacts.list_ids("quarterly") == []
    services.activity.log(
        Interaction(
            occurred_at=datetime(2026, 11, 2, 10, 0),
            type="meeting",
            summary="Quarterly review",
            notes="Discussed the Zürich warehouse",
            contact_ids=(book["janet"],),
        )
    )
    assert services.contacts.list_ids("quarterly") == [book["janet"]]
    assert services.contacts.list_ids("zurich ware") == [book["janet"]]


def test_deleted_contacts_leave_the_search_and_come_back_on_undelete(services, book) -> None:
    services.contacts.delete([book["jane"]])
    assert services.contacts.list_ids("acme") == [book["acme"]]
    assert services.contacts.search_count("acme") == 1
    assert book["jane"] not in services.contacts.list_ids()
    services.contacts.undelete([book["jane"]])
    assert set(services.contacts.list_ids("acme")) == {book["acme"], book["jane"]}
    assert book["jane"] in services.contacts.list_ids()


def test_sorting_by_every_column_happens_in_sql(services, book) -> None:
    c = services.contacts
    # by name: family name first, folded (Ærø sorts as "aero")
    assert names(services, c.list_ids()) == [
        "Acme Holdings",
        "Søren Ærø",
        "Jane Doe",
        "Dr. Jürgen Müller",
        "Janet Zeller",
    ]
    assert names(services, c.list_ids(descending=True)) == list(
        reversed(names(services, c.list_ids()))
    )
    # organisation and title: case-insensitive; contacts without one go last
    assert names(services, c.list_ids(sort="organization")) == [
        "Jane Doe",
        "Acme Holdings",
        "Janet Zeller",
        "Dr. Jürgen Müller",
        "Søren Ærø",
    ]
    assert names(services, c.list_ids(sort="organization", descending=True)) == [
        "Dr. Jürgen Müller",
        "Janet Zeller",
        "Acme Holdings",
        "Jane Doe",
        "Søren Ærø",
    ]
    assert names(services, c.list_ids(sort="title"))[:2] == ["Janet Zeller", "Jane Doe"]
    # tags: by the first tag; contacts without tags last in both directions
    tagged = names(services, c.list_ids(sort="tags"))
    assert tagged[:3] == ["Jane Doe", "Janet Zeller", "Dr. Jürgen Müller"]
    assert set(tagged[3:]) == {"Acme Holdings", "Søren Ærø"}
    tagged_desc = names(services, c.list_ids(sort="tags", descending=True))
    assert tagged_desc[:3] == ["Dr. Jürgen Müller", "Janet Zeller", "Jane Doe"]
    # dates: contacts never contacted go last whatever the direction
    services.activity.log(Interaction(datetime(2026, 1, 5, 9), "call", "Call", (book["soren"],)))
    services.activity.log(Interaction(datetime(2026, 3, 5, 9), "call", "Call", (book["janet"],)))
    assert names(services, c.list_ids(sort="last_contacted"))[:2] == ["Søren Ærø", "Janet Zeller"]
    assert names(services, c.list_ids(sort="last_contacted", descending=True))[:2] == [
        "Janet Zeller",
        "Søren Ærø",
    ]


def test_tag_and_starred_filters_combine_with_search(services, book) -> None:
    c = services.contacts
    assert c.list_ids(tag="CONFERENCE") == [book["jane"]]
    assert c.list_ids("acme", starred_only=True) == [book["jane"]]
    assert c.list_ids("acme", tag="design") == []


def test_lean_search_pieces_agree_with_the_sorted_query(services, book) -> None:
    c = services.contacts
    for query in ("a", "jan", "acme", "m", "zzz", "49"):
        sorted_ids = c.list_ids(query)
        assert c.search_count(query) == len(sorted_ids)
        assert sorted(c.search_ids(query)) == sorted(sorted_ids)
        everyone = c.list_ids()
        assert c.search_among(query, everyone) == set(sorted_ids)
    assert c.search_count("") == 0 and c.search_ids("  ") == []
    everyone = sorted(c.list_ids())
    middle = everyone[len(everyone) // 2]
    low = c.search_ids("a", upto=middle)
    high = c.search_ids("a", after=middle)
    assert low + high == sorted(c.list_ids("a"))
    assert all(i <= middle for i in low) and all(i > middle for i in high)


def cli(db: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--db", str(db), *args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_list_search_json_uses_the_same_search(services, book, db_path: Path) -> None:
    services.close()  # the CLI opens the database itself
    code, out, err = cli(db_path, "list", "--search", "mul", "--json")
    assert code == 0, err
    listed = json.loads(out)
    assert [c["display_name"] for c in listed] == ["Dr. Jürgen Müller"]
    assert listed[0]["phones"][0]["e164"] == "+491719876543"
    code, out, _ = cli(db_path, "list", "--search", "acme jane", "--json")
    assert [c["given_name"] for c in json.loads(out)] == ["Jane"]
    code, out, _ = cli(db_path, "list", "--search", "0171 9876543", "--json")
    assert [c["family_name"] for c in json.loads(out)] == ["Müller"]
    code, out, _ = cli(db_path, "list", "--search", "acme", "--tag", "conference", "--json")
    assert [c["given_name"] for c in json.loads(out)] == ["Jane"]
