"""The entry point: :func:`parse_card_text` runs the steps in order and builds the
:class:`ParsedCard`."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from netdesk.core.cardparse.addresses import take_addresses
from netdesk.core.cardparse.classify import classify
from netdesk.core.cardparse.emails_urls import take_emails, take_urls
from netdesk.core.cardparse.lines import (
    SEPARATORS,
    Line,
    Segment,
    clean,
    mark_noise,
    unparsed_lines,
)
from netdesk.core.cardparse.names import Name, family_first_by_email
from netdesk.core.cardparse.phones import take_phones
from netdesk.core.cardparse.region import infer_region
from netdesk.core.cardparse.vocabulary import IBERIAN_REGIONS
from netdesk.core.model import Address, Contact, Email, Phone, Url, derive_display_name
from netdesk.core.phones import phones_with_regions


@dataclass(frozen=True)
class ParsedCard:
    """The result of :func:`parse_card_text`.

    ``guessed`` names the contact fields that were inferred heuristically and should be
    highlighted for review; ``unparsed`` holds every input line (or part of a line) that was not
    used for a field, in input order.
    """

    contact: Contact
    guessed: frozenset[str]
    unparsed: tuple[str, ...]


def parse_card_text(text: str, default_region: str | None = "US") -> ParsedCard:
    """Parse pasted card or signature text into a :class:`Contact` draft.

    ``default_region`` is used for national phone numbers when the card itself gives no hint
    (a country line, a ``+CC`` number, a country-code domain).
    """
    text = unicodedata.normalize("NFC", text)
    lines: list[Line] = []
    for i, raw in enumerate(text.splitlines()):
        cleaned = clean(raw)
        if cleaned:
            lines.append(Line(i, cleaned))
    mark_noise(lines)
    region = infer_region(lines, default_region)

    for ln in lines:
        if ln.noise:
            continue
        parts = [p for p in SEPARATORS.split(ln.text) if p.strip()]
        ln.segments = [Segment(ln.index, clean(p)) for p in parts]

    emails: list[Email] = []
    urls: list[Url] = []
    phones: list[Phone] = []
    for ln in lines:
        for seg in ln.segments:
            take_emails(seg, emails)
            if not seg.used:
                take_urls(seg, urls)
    address_parts = take_addresses(lines)
    for ln in lines:
        for seg in ln.segments:
            if not seg.used:
                take_phones(seg, region, phones)

    remaining = [s for ln in lines for s in ln.segments if not s.used]
    people = classify(remaining, iberian=region in IBERIAN_REGIONS, emails=emails)

    guessed: set[str] = set()
    name = family_first_by_email(people.name, emails) or Name()
    for fname, value in (
        ("prefix", name.prefix),
        ("given_name", name.given),
        ("additional_names", name.additional),
        ("family_name", name.family),
        ("suffix", name.suffix),
        ("nickname", name.nickname),
        ("title", people.title),
        ("department", people.department),
    ):
        if value:
            guessed.add(fname)
    if people.organization and not people.org_by_suffix:
        guessed.add("organization")
    addresses = tuple(
        Address(a.street, a.locality, a.region, a.postal_code, a.country, "work")
        for a in address_parts
    )
    if addresses:
        guessed.add("addresses")
    contact = Contact(
        prefix=name.prefix,
        given_name=name.given,
        additional_names=name.additional,
        family_name=name.family,
        suffix=name.suffix,
        nickname=name.nickname,
        title=people.title.strip(" ,;"),
        organization=people.organization.strip(" ,;"),
        department=people.department.strip(" ,;"),
        emails=tuple(emails),
        phones=tuple(phones),
        urls=tuple(urls),
        addresses=addresses,
    )
    contact = phones_with_regions(
        contact.with_changes(display_name=derive_display_name(contact)), region
    )
    return ParsedCard(contact, frozenset(guessed), tuple(unparsed_lines(lines)))
