"""Postal addresses: the postcode line, the street line(s) above it, the country line below;
a postcode on its own line below the city; an address among other parts of one line."""

from __future__ import annotations

import re

from netdesk.core.cardparse.lines import Line
from netdesk.core.cardparse.phones import phone_label
from netdesk.core.cardparse.postcodes import PC_ALONE, AddressParts, city_state, match_postcode_part
from netdesk.core.cardparse.vocabulary import (
    COMPANY_SUFFIX,
    STREET_WORDS,
    country_iso,
    has_business_word,
)


def _before_has_street(parts: list[str]) -> bool:
    return any(_is_street(p, strict=True) for p in parts)


def _parse_postcode_line(text: str) -> AddressParts | None:
    parts = [p.strip() for p in text.split(",") if p.strip()]
    for i in range(len(parts) - 1, -1, -1):
        prev = parts[i - 1] if i > 0 else None
        got = match_postcode_part(parts[i], prev)
        if got is None:
            continue
        addr, used_prev = got
        after = parts[i + 1 :]
        if (
            after
            and not _before_has_street(parts[:i])
            and all(_is_street(a, strict=True) for a in after)
        ):
            addr.street = ", ".join(after)  # "1051 Budapest, Széchenyi tér 7."
            after = []
        if after:
            iso = country_iso(after[-1])
            if iso is None:
                continue
            addr.country = after[-1]
            if len(after) > 1:
                addr.region = addr.region or ", ".join(after[:-1])
        before = parts[: i - 1] if used_prev else parts[:i]
        if before:
            addr.street = ", ".join(before + ([addr.street] if addr.street else []))
        return addr
    # Mexican style "64000 Monterrey, N.L.", Indian "Hyderabad 500081, Telangana": the part
    # after the postcode and city is the state.
    if len(parts) == 2 and re.fullmatch(r"[^\W\d_][^\W\d_. ]*(?:[ .][^\W\d_]+)*\.?", parts[1]):
        got = match_postcode_part(parts[0], None)
        if got and len(parts[1].split()) <= 3 and parts[1][0].isupper():
            addr = got[0]
            addr.region = parts[1]
            return addr
    # "Cape Town, 8001": the city, then the postcode on its own.
    if (
        len(parts) == 2
        and re.fullmatch(r"\d{4,6}", parts[1])
        and re.fullmatch(r"[^\W\d_][^\d]{1,40}", parts[0])
        and not _is_street(parts[0], strict=False)
    ):
        return AddressParts(locality=parts[0], postal_code=parts[1])
    return None


_UNIT = re.compile(
    r"^(?:block|blk|unit|suite|level|floor|flat|apt|apartment|building|bldg)\b", re.IGNORECASE
)


def _is_street(text: str, *, strict: bool) -> bool:
    if COMPANY_SUFFIX.search(text) or "@" in text:
        return False
    numbered = re.match(r"^\d+[A-Za-z]{0,2}(?:[-/]\d+[A-Za-z]?)*,?\s+[^\W\d_]", text)
    if numbered and STREET_WORDS.search(text):
        return True  # "1250, boul. René-Lévesque Ouest, bureau 2200", "4th Floor, ..."
    if has_business_word(text):
        return False
    if _UNIT.match(text) and STREET_WORDS.search(text):
        return True  # "Block B, Joyce's Court"
    has_digit = bool(re.search(r"\d", text))
    if re.match(r"^\d+[A-Za-z]?(?:[-/]\d+[A-Za-z]?)*,?\s+[^\W\d_]", text):
        return True  # "1200 Market Street", "12, rue des Lilas", "3-5-1 Marunouchi"
    m = re.match(r"^(?P<name>[^\d,]+)\s\d+[A-Za-z]?(?:\s?[/-]\s?\d+[A-Za-z]?)?$", text)
    if m and len(m["name"].split()) <= 4:
        last = m["name"].split()[-1]
        if last[0].isupper() or last.endswith((".", ":")):
            return True  # "Industriestraße 14", "Via Garibaldi 17", "Cad. No: 120"
    if STREET_WORDS.search(text):
        return has_digit or not strict
    return False


_STREET_DASH = re.compile(r"^(?P<street>.+?\d[A-Za-z]?)\s+[-–—]\s+(?P<rest>.+)$")


def _parse_address_text(text: str) -> AddressParts | None:
    """Postcode and locality (and the street or country before / after it on the same text)."""
    addr = _parse_postcode_line(text)
    if addr is None:
        # "Piazza San Lorenzo 9 - 50123 Firenze": street, spaced dash, postcode and city.
        m = _STREET_DASH.match(text)
        if m and _is_street(m["street"], strict=True):
            addr = _parse_postcode_line(m["rest"])
            if addr is not None and not addr.street:
                addr.street = m["street"]
            elif addr is not None:
                addr = None
    return addr


def _take_inline_address(ln: Line) -> AddressParts | None:
    """An address among other parts of one line ("Street 1 | 8001 Zürich | Schweiz",
    "Name — email — Street 7, 411 24 Göteborg"): the segment with the postcode, the street
    segment just before it and a country segment just after it."""
    segs = ln.segments
    for j, seg in enumerate(segs):
        if seg.used:
            continue
        addr = _parse_address_text(seg.text)
        if addr is None or phone_label(addr.locality.split()[0] if addr.locality else ""):
            continue
        seg.used = True
        before = segs[j - 1] if j > 0 else None
        if not addr.street and before and not before.used and _is_street(before.text, strict=True):
            addr.street = before.text
            before.used = True
        after = segs[j + 1] if j + 1 < len(segs) else None
        if not addr.country and after and not after.used and country_iso(after.text):
            addr.country = after.text.strip(" .,")
            after.used = True
        return addr
    return None


def take_addresses(lines: list[Line]) -> list[AddressParts]:
    found: list[AddressParts] = []
    for i, ln in enumerate(lines):
        if ln.noise or not ln.segments or all(s.used for s in ln.segments):
            continue
        if not ln.free:
            inline = _take_inline_address(ln)
            if inline is not None:
                found.append(inline)
            continue
        street_end = i - 1
        addr = _parse_address_text(ln.text)
        if (
            addr is None
            and i > 0
            and lines[i - 1].free
            and PC_ALONE.match(ln.text)
            and city_state(lines[i - 1].text) is not None
        ):
            # The postcode on its own line below the city ("Edinburgh" / "EH2 3AT").
            addr = _parse_postcode_line(f"{lines[i - 1].text}, {ln.text}")
            if addr is not None and not addr.street:
                for s in lines[i - 1].segments:
                    s.used = True
                street_end = i - 2
            else:
                addr = None
        if addr is None:
            # "P.O. Box 12345, Dubai, UAE": street, city, country on one line.
            parts = [p.strip() for p in ln.text.split(",")]
            if len(parts) >= 3 and country_iso(parts[-1]) and _is_street(parts[0], strict=True):
                addr = AddressParts(
                    street=parts[0], locality=", ".join(parts[1:-1]), country=parts[-1]
                )
            elif len(ln.segments) > 1:
                inline = _take_inline_address(ln)
                if inline is not None:
                    found.append(inline)
                continue
            else:
                continue
        for s in ln.segments:
            s.used = True
        if not addr.street:
            streets: list[str] = []
            j = street_end
            while j >= 0 and len(streets) < 2:
                prev = lines[j]
                if not prev.free or not _is_street(prev.text, strict=bool(streets)):
                    break
                streets.insert(0, prev.text)
                for s in prev.segments:
                    s.used = True
                j -= 1
            addr.street = ", ".join(streets)
        # Region and/or country on the following line.
        k = i + 1
        while k < len(lines) and k <= i + 2:
            nxt = lines[k]
            if not nxt.free:
                break
            parts = [p.strip() for p in nxt.text.split(",")]
            if country_iso(nxt.text):
                addr.country = nxt.text.strip(" .,")
            elif len(parts) == 2 and country_iso(parts[1]) and not re.search(r"\d", parts[0]):
                addr.region = addr.region or parts[0]
                addr.country = parts[1]
            else:
                break
            for s in nxt.segments:
                s.used = True
            k += 1
        found.append(addr)
    # A country line on its own (no postcode line found near it).
    for ln in lines:
        if ln.free and country_iso(ln.text):
            for s in ln.segments:
                s.used = True
            if found and not found[-1].country:
                found[-1].country = ln.text.strip(" .,")
            elif not found:
                found.append(AddressParts(country=ln.text.strip(" .,")))
    return found
