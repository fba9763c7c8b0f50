"""The one text normaliser (netdesk.core.text.fold): search text, matching and CSV headers
fold the same way."""

from __future__ import annotations

import pytest

from netdesk.core.matching.names import words
from netdesk.core.matching.values import (
    address_key,
    email_key,
    phone_entry_key,
    same_phone,
    tag_key,
    url_key,
)
from netdesk.core.model import Address, Phone, Url
from netdesk.core.text import caseless, fold
from netdesk.formats.csv import columns as csv_import


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Müller", "muller"),
        ("JOSÉ", "jose"),
        ("Straße", "strasse"),
        ("STRASSE", "strasse"),
        ("Æsir Œuvre", "aesir oeuvre"),
        ("ﬁnance", "finance"),  # the fi ligature
        ("Søren Łukasz Đorđe", "soren lukasz dorde"),
        ("Işık", "isik"),  # Turkish dotless i
        ("İstanbul", "istanbul"),  # Turkish dotted capital I
        ("Zoë Ångström", "zoe angstrom"),
        ("plain ascii", "plain ascii"),
    ],
)
def test_fold_drops_case_accents_and_ligatures(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_caseless_keeps_accents() -> None:
    assert caseless("  Müller   GmbH ") == "müller gmbh"
    assert caseless("Müller") != caseless("Muller")


def test_csv_headers_and_matching_fold_alike() -> None:
    """CSV column headers are matched with the same fold as names in matching."""
    assert csv_import._key("Straße (geschäftlich)") == "strassegeschaftlich"
    assert csv_import._key("Fødselsdag") == "fodselsdag" == fold("Fødselsdag")
    assert csv_import._key("E-Mail-Adresse") == csv_import._key("e-mail adresse")
    assert words("Søren Işık") == ["soren", "isik"]


def test_one_notion_of_the_same_value() -> None:
    assert email_key("Rob.Smith+news@GoogleMail.com") == email_key("robsmith@gmail.com")
    assert url_key(Url("https://www.Example.com/")) == url_key(Url("example.com"))
    assert tag_key(" Café ") == tag_key("cafe")
    assert address_key(Address("Hauptstraße 1", "München")) == address_key(
        Address("HAUPTSTRASSE  1", "Munchen")
    )
    a, b = Phone("+44 7700 900123", "+447700900123"), Phone("07700 900123", "+447700900123")
    assert same_phone(a, b) and phone_entry_key(a) == phone_entry_key(b)
    assert phone_entry_key(Phone(" Ask  Jenny ")) == phone_entry_key(Phone("ask jenny"))
