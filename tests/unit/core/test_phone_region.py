"""The phone region rule of issue 13 (netdesk.core.phones), written once and used by card
entry, the editor, smart paste, vCard and CSV import and `netdesk add`."""

from __future__ import annotations

import phonenumbers
import pytest

from netdesk.core.model import Address, Contact, Email, Phone
from netdesk.core.phones import (
    candidate_regions,
    country_region,
    email_region,
    phone_e164,
    phones_with_regions,
)
from netdesk.services.contacts import prepare_contact

PARIS = Address("12 rue de Rivoli", "Paris", "", "75001", "France", "work")


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("France", "FR"),
        ("Frankreich", "FR"),
        ("FR", "FR"),
        ("fra", "FR"),
        ("Deutschland", "DE"),
        ("Allemagne", "DE"),
        ("U.K.", "GB"),
        ("United Kingdom", "GB"),
        ("Österreich", "AT"),
        ("España", "ES"),
        ("", None),
        ("Atlantis", None),
    ],
)
def test_country_names_in_several_languages_and_iso_codes(text: str, region: str | None) -> None:
    assert country_region(text) == region


def test_email_country_domains_but_not_generic_ones() -> None:
    assert email_region("marie@acme.fr") == "FR"
    assert email_region("h@kessler.co.uk") == "GB"
    assert email_region("x@example.com") is None
    assert email_region("x@startup.io") is None


def test_the_order_is_number_address_email_default() -> None:
    mobile = "06 12 34 56 78"
    # the old code stored "+10612345678" for this card with a Paris address
    assert phone_e164(mobile, [PARIS], (), "US") == "+33612345678"
    assert phone_e164(mobile, (), [Email("marie@acme.fr")], "US") == "+33612345678"
    assert phone_e164(mobile, (), [Email("marie@acme.com")], "FR") == "+33612345678"
    assert phone_e164(mobile, (), [Email("marie@acme.com")], "US") is None
    assert phone_e164("+49 171 2345678", [PARIS], (), "US") == "+491712345678"
    assert phone_e164("0049 171 2345678", [PARIS], (), "US") == "+491712345678"
    assert candidate_regions([PARIS], [Email("a@b.de")], "US") == ["FR", "DE", "US"]


@pytest.mark.parametrize(
    "value", ["06 12 34 56 78", "0612345678", "123", "(555) 123-4567", "+1 0612345678"]
)
def test_never_an_invalid_e164(value: str) -> None:
    e164 = phone_e164(value, (), (), "US")
    assert e164 is None or phonenumbers.is_valid_number(phonenumbers.parse(e164))


def test_prepare_contact_applies_the_rule_and_keeps_the_text() -> None:
    card = Contact(
        given_name="Marie",
        family_name="Dupont",
        addresses=(PARIS,),
        phones=(Phone("06 12 34 56 78", "+10612345678", "mobile"), Phone("12", None, "work")),
    )
    out = prepare_contact(card, "US")
    assert [(p.value, p.e164) for p in out.phones] == [
        ("06 12 34 56 78", "+33612345678"),
        ("12", None),
    ]
    assert phones_with_regions(card.with_changes(addresses=()), "US").phones[0].e164 is None
