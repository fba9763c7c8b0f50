"""Which country a card is from, for reading national phone numbers: a country line, a car-plate
postcode, a ``+CC`` number, a country-code domain, a UK postcode; else the default region."""

from __future__ import annotations

import re
from collections import Counter

import phonenumbers

from netdesk.core.cardparse.lines import Line
from netdesk.core.cardparse.postcodes import PC_JP, PC_UK
from netdesk.core.cardparse.vocabulary import GENERIC_TLDS, PLATE_REGION, country_iso


def infer_region(lines: list[Line], default_region: str | None) -> str | None:
    for ln in lines:
        if ln.noise:
            continue
        iso = country_iso(ln.text)
        if iso is None and "," in ln.text:
            iso = country_iso(ln.text.rsplit(",", 1)[1])
        if iso:
            return iso
        m = re.match(r"^([A-Z]{1,2})\s?-\s?\d{4,5}\s", ln.text)
        if m and m.group(1) in PLATE_REGION:
            return PLATE_REGION[m.group(1)]
        if PC_JP.match(ln.text):
            return "JP"
    plus: Counter[str] = Counter()
    tlds: Counter[str] = Counter()
    for ln in lines:
        if ln.noise:
            continue
        for m in re.finditer(r"(?:^|[^\d])(?:\+|00)(\d{1,3})[\s(\-./]*\d", ln.text):
            for k in (1, 2, 3):
                cc = m.group(1)[:k]
                region = phonenumbers.region_code_for_country_code(int(cc))
                if region != "ZZ":
                    plus[region] += 1
                    break
        for m in re.finditer(r"[@.]([a-z0-9-]+\.)*([a-z]{2})(?![\w.])", ln.text.lower()):
            tld = m.group(2)
            if tld in GENERIC_TLDS:
                continue
            region = "GB" if tld == "uk" else tld.upper()
            if region in phonenumbers.SUPPORTED_REGIONS:
                tlds[region] += 1
    if plus:
        return plus.most_common(1)[0][0]
    if tlds:
        return tlds.most_common(1)[0][0]
    for ln in lines:
        if not ln.noise and PC_UK.match(ln.text.rsplit(",", 1)[-1].strip()):
            return "GB"
    return default_region or None
