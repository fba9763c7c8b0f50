"""Text folding and phone-digit helpers shared by search and matching."""

from __future__ import annotations

import re
import unicodedata

_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "œ": "oe", "ı": "i"})


def fold(text: str) -> str:
    """Lower-case and strip accents: 'Müller' -> 'muller', 'Straße' -> 'strasse'."""
    if text.isascii():  # fast path: nothing to decompose
        return text.lower()
    lowered = text.casefold().translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_NON_DIGIT = re.compile(r"\D+")


def digits(text: str) -> str:
    return _NON_DIGIT.sub("", text)


def _national_number(e164: str) -> str | None:
    """The national significant number of an E.164 string, as phonenumbers would give it
    (country codes are prefix-free, so the first known 1-3 digit prefix is the one; leading
    zeros are not part of the number); much cheaper than a full parse when indexing."""
    import phonenumbers

    body = e164[1:] if e164.startswith("+") else e164
    if not body.isdigit():
        return None
    for n in (1, 2, 3):
        if int(body[:n]) in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            rest = body[n:]
            return str(int(rest)) if rest else None
    return None


def phone_search_tokens(value: str, e164: str | None) -> list[str]:
    """Digit strings under which a phone should be found: as typed, international without '+',
    national significant number, and with a leading zero."""
    tokens: list[str] = []
    typed = digits(value)
    if typed:
        tokens.append(typed)
        stripped = typed.lstrip("0")
        if stripped and stripped != typed:
            tokens.append(stripped)
    if e164:
        intl = digits(e164)
        tokens.append(intl)
        nsn = _national_number(e164)
        if nsn:
            tokens += [nsn, "0" + nsn]
    seen: list[str] = []
    for t in tokens:
        if t and t not in seen:
            seen.append(t)
    return seen


def normalize_query_digits(query_word: str) -> str:
    """A phone-like query word as digits without international or trunk prefixes."""
    d = digits(query_word)
    if d.startswith("00"):
        return d[2:]
    return d.lstrip("0") or d
