"""Postcode and locality in several national styles (Europe, US, UK, Canada, Australia,
Ireland, Brazil, Japan, India, ...): one comma-separated part of an address line at a time."""

from __future__ import annotations

import re
from dataclasses import dataclass

from netdesk.core.cardparse.phones import phone_label
from netdesk.core.cardparse.vocabulary import (
    PLATE_COUNTRY,
    STREET_WORDS,
    country_iso,
    has_title_word,
    is_company,
)
from netdesk.core.text import fold

# Postcode + locality patterns. Each returns groups pc, city and optionally region.
_PC_EUROPE = re.compile(
    r"^(?:(?P<cc>[A-Z]{1,2})\s?-\s?)?"
    r"(?P<pc>\d{4}\s?[A-Z]{2}(?=\s)|\d{5}-\d{3}|\d{4}-\d{3}|\d{3}\s\d{2}|\d{2}-\d{3}|\d{4,5})\s+"
    r"(?P<city>[^\W\d_][^\d,()]*?)"
    r"(?:\s*\((?P<r1>[^()]+)\)|\s+(?P<r2>[A-Z]{2})|\s+-\s+(?P<r3>[A-Z]{2}))?$"
)


_PC_US = re.compile(
    r"^(?:(?P<city>[^\W\d_][^\d,]*?),?\s+)?(?P<region>[A-Z]{2})\.?\s+(?P<pc>\d{5}(?:-\d{4})?)$"
)


_PC_AU = re.compile(
    r"^(?P<city>[^\W\d_][^\d,]*?)\s+(?P<region>NSW|VIC|QLD|WA|SA|TAS|ACT|NT)\s+(?P<pc>\d{4})$"
)


PC_UK = re.compile(r"^(?:(?P<city>[^\W\d_][^\d,]*?)\s+)?(?P<pc>[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})$")


_PC_CA = re.compile(
    r"^(?P<city>[^\W\d_][^\d,()]*?)(?:,?\s*\((?P<r1>[^()]+)\)|,?\s+(?P<r2>[A-Z]{2}))?\s+"
    r"(?P<pc>[ABCEGHJ-NPRSTVXY]\d[A-Z]\s?\d[A-Z]\d)$"
)


# Irish Eircode ("Dublin D01 FV59").
_PC_IE = re.compile(
    r"^(?P<city>[^\W\d_][^\d,]*?)\s+(?P<pc>[AC-FHKNPRTV-Y]\d[\dW]\s?[AC-FHKNPRTV-Y\d]{4})$"
)


_PC_CITY_FIRST = re.compile(
    r"^(?P<city>[^\W\d_][^\d,]{1,40}?)(?:\s+[-–])?\s+(?P<pc>\d{3}-\d{4}|\d{5,6})$"
)


# Brazil: "Curitiba/PR – CEP 80020-090", "São Paulo - SP, 01310-100" (city, state, CEP).
_PC_BR = re.compile(
    r"^(?P<city>[^\W\d_][^\d,/]*?)\s*(?:/|\s[-–]\s)\s*(?P<region>[A-Z]{2})"
    r"\s*(?:[,\-–]\s*)?(?:CEP:?\s*)?(?P<pc>\d{5}-?\d{3})$"
)


# A postcode printed on a line of its own, below the city: UK "EH2 3AT", Brazilian CEP.
PC_ALONE = re.compile(
    r"^(?:(?P<uk>[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})|(?:CEP:?\s*)?(?P<cep>\d{5}-\d{3}))$"
)


# "Edinburgh", "São Paulo - SP", "Curitiba/PR": a city, optionally with a two-letter state.
_CITY_STATE = re.compile(
    r"^(?P<city>[^\W\d_][^\d,/|]{0,40}?)(?:\s*(?:/|\s[-–]\s|,\s)\s*(?P<region>[A-Z]{2}))?$"
)


# Regions written between the city and the postcode ("Yokohama, Kanagawa 220-0012",
# "Gurugram, Haryana 122015"): Japanese prefectures and Indian states / union territories.
_REGIONS_BEFORE_POSTCODE = frozenset(
    fold(n)
    for n in re.split(
        r"\|",
        "Hokkaido|Aomori|Iwate|Miyagi|Akita|Yamagata|Fukushima|Ibaraki|Tochigi|Gunma|Saitama"
        "|Chiba|Tokyo|Kanagawa|Niigata|Toyama|Ishikawa|Fukui|Yamanashi|Nagano|Gifu|Shizuoka"
        "|Aichi|Mie|Shiga|Kyoto|Osaka|Hyogo|Nara|Wakayama|Tottori|Shimane|Okayama|Hiroshima"
        "|Yamaguchi|Tokushima|Kagawa|Ehime|Kochi|Fukuoka|Saga|Nagasaki|Kumamoto|Oita|Miyazaki"
        "|Kagoshima|Okinawa"
        "|Andhra Pradesh|Arunachal Pradesh|Assam|Bihar|Chhattisgarh|Goa|Gujarat|Haryana"
        "|Himachal Pradesh|Jharkhand|Karnataka|Kerala|Madhya Pradesh|Maharashtra|Manipur"
        "|Meghalaya|Mizoram|Nagaland|Odisha|Punjab|Rajasthan|Sikkim|Tamil Nadu|Telangana"
        "|Tripura|Uttar Pradesh|Uttarakhand|West Bengal|Jammu and Kashmir|Ladakh",
    )
)


PC_JP = re.compile(r"^〒\s?(?P<pc>\d{3}-\d{4})\s*(?P<rest>.*)$")


@dataclass
class AddressParts:
    street: str = ""
    locality: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""


def match_postcode_part(part: str, prev: str | None) -> tuple[AddressParts, bool] | None:
    """Parse one comma-separated part as postcode + locality. The bool says whether ``prev``
    (the part before it) was used as the locality (US "Chicago, IL 60606")."""
    part = part.strip()
    m = PC_JP.match(part)
    if m:
        rest = m.group("rest")
        jm = re.match(r"^(?P<reg>.+?[都道府県])?(?P<loc>.+?[市区町村])?(?P<street>.*)$", rest)
        assert jm is not None
        return AddressParts(
            street=jm.group("street").strip(),
            locality=(jm.group("loc") or "").strip(),
            region=(jm.group("reg") or "").strip(),
            postal_code=m.group("pc"),
        ), False
    m = _PC_CA.match(part)
    if m:
        region = m["r1"] or m["r2"] or ""
        return AddressParts(locality=m["city"], region=region, postal_code=m["pc"]), False
    m = _PC_AU.match(part)
    if m:
        return AddressParts(locality=m["city"], region=m["region"], postal_code=m["pc"]), False
    m = _PC_BR.match(part)
    if m and len(m["city"].split()) <= 4 and not STREET_WORDS.search(m["city"]):
        return AddressParts(
            locality=m["city"].strip(), region=m["region"], postal_code=m["pc"]
        ), False
    m = PC_ALONE.match(part)
    if m and prev:
        place = city_state(prev)
        if place is not None:
            city, region = place
            pc = m["uk"] or m["cep"]
            return AddressParts(locality=city, region=region, postal_code=pc), True
    m = _PC_US.match(part)
    if m:
        if m["city"]:
            return AddressParts(locality=m["city"], region=m["region"], postal_code=m["pc"]), False
        if prev and not re.search(r"\d", prev):
            return AddressParts(
                locality=prev.strip(), region=m["region"], postal_code=m["pc"]
            ), True
    m = PC_UK.match(part)
    if m and re.search(r"\d[A-Z]{2}$", part):
        if m["city"]:
            return AddressParts(locality=m["city"], postal_code=m["pc"]), False
        if prev and not re.search(r"\d", prev):
            return AddressParts(locality=prev.strip(), postal_code=m["pc"]), True
    m = _PC_IE.match(part)
    if m and re.search(r"\d", m["pc"][3:]) and re.search(r"[A-Z]", m["pc"][3:]):
        return AddressParts(locality=m["city"], postal_code=m["pc"]), False
    m = _PC_EUROPE.match(part)
    if m and len(m["city"].split()) <= 4 and not STREET_WORDS.search(m["city"]):
        city = m["city"].strip()
        region = m["r1"] or m["r2"] or m["r3"] or ""
        country = PLATE_COUNTRY.get(m["cc"] or "", "")
        return AddressParts(
            locality=city, region=region, postal_code=m["pc"], country=country
        ), False
    m = _PC_CITY_FIRST.match(part)
    if m and len(m["city"].split()) <= 3 and not STREET_WORDS.search(m["city"]):
        city = m["city"].strip()
        if (
            prev
            and fold(city) in _REGIONS_BEFORE_POSTCODE
            and city_state(prev) is not None
            and not re.search(r"-(?:ku|gun)$", prev.strip(), re.IGNORECASE)
        ):
            # "Yokohama, Kanagawa 220-0012": city, then prefecture / state, then postcode.
            return AddressParts(locality=prev.strip(), region=city, postal_code=m["pc"]), True
        return AddressParts(locality=city, postal_code=m["pc"]), False
    return None


def city_state(text: str) -> tuple[str, str] | None:
    """``(city, state)`` for a line that is only a place name ("Edinburgh", "São Paulo - SP",
    "Curitiba/PR"), else None."""
    m = _CITY_STATE.match(text.strip())
    if m is None:
        return None
    city = m["city"].strip()
    if (
        len(city.split()) > 4
        or country_iso(city)
        or STREET_WORDS.search(city)
        or is_company(city)
        or has_title_word(city)
        or phone_label(city)
    ):
        return None
    return city, m["region"] or ""
