"""Which country a phone number belongs to, written once for every way a number comes in
(card entry, the contact editor, smart paste, vCard and CSV import, ``netdesk add``).

The region of a national number ("06 12 34 56 78") comes, in this order, from:

1. the number itself (``+33 …``, ``0033 …``): no region is needed;
2. the country of the contact's (or card's) addresses: names in several languages and ISO
   codes ("France", "Frankreich", "FR", "FRA");
3. the country domain of the contact's emails (``.fr``, ``.de``, ``.co.uk``; not ``.com``);
4. the default region of the preferences (the system locale's territory unless changed).

A number gets an E.164 form only when it is a *valid* number of the first of these regions
that makes it valid. A number that no region makes valid keeps the text as typed and gets no
E.164 form: never an invalid one (a French mobile is never stored as "+1 0612345678").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

import phonenumbers

from netdesk.core.model import Address, Contact, Email, Phone
from netdesk.core.text import fold

COUNTRY_NAMES: dict[str, str] = {}
for _iso, _names in {
    "DE": "germany deutschland allemagne alemania germania",
    "AT": "austria österreich autriche",
    "CH": "switzerland schweiz suisse svizzera",
    "FR": "france frankreich francia",
    "IT": "italy italia italien italie",
    "ES": "spain españa espana spanien espagne",
    "PT": "portugal",
    "NL": "netherlands nederland niederlande pays-bas",
    "BE": "belgium belgië belgie belgique belgien",
    "LU": "luxembourg luxemburg",
    "DK": "denmark danmark dänemark",
    "NO": "norway norge norwegen",
    "SE": "sweden sverige schweden",
    "FI": "finland suomi finnland",
    "PL": "poland polska polen",
    "CZ": "czechia česko tschechien",
    "SK": "slovakia slovensko",
    "HU": "hungary magyarország ungarn",
    "GR": "greece ελλάδα hellas griechenland",
    "TR": "turkey türkiye turkiye türkei",
    "GB": "uk england scotland wales",
    "IE": "ireland éire irland",
    "US": "usa",
    "CA": "canada kanada",
    "MX": "mexico méxico",
    "BR": "brazil brasil brasilien",
    "AR": "argentina",
    "CL": "chile",
    "CO": "colombia",
    "JP": "japan 日本 japon",
    "CN": "china 中国 chine",
    "KR": "korea 대한민국 한국",
    "TW": "taiwan 台灣 台湾",
    "HK": "hongkong",
    "SG": "singapore singapur",
    "IN": "india indien inde",
    "AU": "australia australien",
    "NZ": "zealand",
    "AE": "uae",
    "IL": "israel",
    "ZA": "africa",
}.items():
    for _n in _names.split():
        COUNTRY_NAMES[fold(_n)] = _iso
for _n, _iso in {
    "united states": "US",
    "united states of america": "US",
    "u.s.a.": "US",
    "u.s.": "US",
    "united kingdom": "GB",
    "great britain": "GB",
    "u.k.": "GB",
    "northern ireland": "GB",
    "czech republic": "CZ",
    "česká republika": "CZ",
    "south korea": "KR",
    "republic of korea": "KR",
    "hong kong": "HK",
    "new zealand": "NZ",
    "united arab emirates": "AE",
    "south africa": "ZA",
    "the netherlands": "NL",
}.items():
    COUNTRY_NAMES[fold(_n)] = _iso
COUNTRY_NAMES.pop("africa")
COUNTRY_NAMES.pop("zealand")

#: more names people write on cards and in address books, accepted for the phone region only
#: (the card parser's line classification stays with the table above)
_MORE_NAMES = {
    "frankrijk": "FR",
    "francja": "FR",
    "franca": "FR",
    "république française": "FR",
    "duitsland": "DE",
    "niemcy": "DE",
    "alemanha": "DE",
    "bundesrepublik deutschland": "DE",
    "brd": "DE",
    "italië": "IT",
    "espagne": "ES",
    "spanje": "ES",
    "zwitserland": "CH",
    "oostenrijk": "AT",
    "vereinigtes königreich": "GB",
    "royaume-uni": "GB",
    "reino unido": "GB",
    "grossbritannien": "GB",
    "estados unidos": "US",
    "états-unis": "US",
    "etats-unis": "US",
    "vereinigte staaten": "US",
    "america": "US",
    "britain": "GB",
    "holland": "NL",
    "suisse romande": "CH",
}
#: the three-letter ISO codes people type most often
_ALPHA3 = {
    "DEU": "DE", "FRA": "FR", "GBR": "GB", "USA": "US", "AUT": "AT", "CHE": "CH", "ITA": "IT",
    "ESP": "ES", "NLD": "NL", "BEL": "BE", "LUX": "LU", "PRT": "PT", "POL": "PL", "SWE": "SE",
    "NOR": "NO", "DNK": "DK", "FIN": "FI", "IRL": "IE", "CAN": "CA", "AUS": "AU", "JPN": "JP",
    "BRA": "BR", "MEX": "MX", "IND": "IN", "CHN": "CN",
}  # fmt: skip
#: domains that name no country (or that are used as generic ones)
_GENERIC_TLDS = frozenset(
    {
        *("com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "io", "co", "ai"),
        *("me", "tv", "fm", "ly", "gg", "to", "ws", "cc", "eu", "am", "so", "sh", "is", "id"),
        *("la", "app", "dev", "xyz", "online", "site", "tech", "email"),
    }
)


def country_region(text: str) -> str | None:
    """The two-letter region of a country as people write it ("France", "Deutschland",
    "FR", "FRA", "U.K."), None when it names no country phonenumbers knows."""
    value = text.strip(" .,;")
    if not value:
        return None
    upper = value.upper()
    if len(upper) == 2 and upper.isalpha():
        region = "GB" if upper == "UK" else upper
        return region if region in phonenumbers.SUPPORTED_REGIONS else None
    if len(upper) == 3 and upper in _ALPHA3:
        return _ALPHA3[upper]
    for folded in (fold(text.strip()), fold(value)):
        found = COUNTRY_NAMES.get(folded) or _MORE_NAMES.get(folded)
        if found:
            return found
    return None


def email_region(address: str) -> str | None:
    """The region of an email's country domain (``.fr`` -> FR, ``.co.uk`` -> GB), None for
    generic domains (``.com``, ``.org``, ``.io``)."""
    domain = address.rpartition("@")[2].strip().lower().rstrip(".")
    tld = domain.rpartition(".")[2]
    if len(tld) != 2 or tld in _GENERIC_TLDS or not tld.isalpha():
        return None
    region = "GB" if tld == "uk" else tld.upper()
    return region if region in phonenumbers.SUPPORTED_REGIONS else None


def candidate_regions(
    addresses: Iterable[Address] = (),
    emails: Iterable[Email] = (),
    default_region: str | None = None,
) -> list[str]:
    """The regions to try for national numbers, in the order of the rule (module doc)."""
    out: list[str] = []
    for a in addresses:
        region = country_region(a.country)
        if region and region not in out:
            out.append(region)
    for e in emails:
        region = email_region(e.value)
        if region and region not in out:
            out.append(region)
    default = (default_region or "").strip().upper()
    if default in phonenumbers.SUPPORTED_REGIONS and default not in out:
        out.append(default)
    return out


def _dialable(value: str) -> str:
    text = value.strip()
    if text.lower().startswith("tel:"):
        text = text[4:]
    return text


def valid_e164(value: str, regions: Sequence[str | None]) -> str | None:
    """E.164 form of ``value`` as a valid number: a number carrying its country code needs
    no region; otherwise the first region that makes it valid. None when none does."""
    text = _dialable(value)
    if not any(ch.isdigit() for ch in text):
        return None
    attempts: list[tuple[str, str | None]] = []
    if text.startswith("+"):
        attempts.append((text, None))
    else:
        if text.startswith("00"):  # the international prefix most of the world dials
            attempts.append(("+" + text[2:], None))
        attempts += [(text, region) for region in regions]
    for number, region in attempts:
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return None


def phone_e164(
    value: str,
    addresses: Iterable[Address] = (),
    emails: Iterable[Email] = (),
    default_region: str | None = None,
) -> str | None:
    """The one rule: E.164 of a phone given its contact's addresses and emails."""
    return valid_e164(value, candidate_regions(addresses, emails, default_region))


def phones_with_regions(contact: Contact, default_region: str | None) -> Contact:
    """The contact with every phone's E.164 form set by the rule (the text is never
    changed; a number no region makes valid gets none)."""
    regions = candidate_regions(contact.addresses, contact.emails, default_region)
    phones = tuple(replace(p, e164=_e164_of(p, regions)) for p in contact.phones)
    if phones == contact.phones:
        return contact
    return replace(contact, phones=phones)


def _e164_of(phone: Phone, regions: Sequence[str]) -> str | None:
    found = valid_e164(phone.value, regions)
    if found is not None or not phone.e164:
        return found
    # A number written with its country code ("+52 1 81 …", an old format phonenumbers reads
    # only after rewriting) keeps the E.164 form already worked out, when that one is valid.
    international = _dialable(phone.value).startswith(("+", "00"))
    return phone.e164 if international and valid_e164(phone.e164, ()) else None


def region_for_contact(contact: Contact, default_region: str | None) -> str | None:
    """The region a national number of this contact is read in (the first candidate)."""
    regions = candidate_regions(contact.addresses, contact.emails, default_region)
    return regions[0] if regions else None


__all__ = [
    "COUNTRY_NAMES",
    "candidate_regions",
    "country_region",
    "email_region",
    "phone_e164",
    "phones_with_regions",
    "region_for_contact",
    "valid_e164",
]
