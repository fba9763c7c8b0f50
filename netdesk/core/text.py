"""Text folding and phone-digit helpers shared by search and matching."""

from __future__ import annotations

import re
import unicodedata

_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "œ": "oe", "ı": "i"})


def fold(text: str) -> str:
    """Lower-case and strip accents: 'Müller' -> 'muller', 'Straße' -> 'strasse'."""
    lowered = text.casefold().translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_NON_DIGIT = re.compile(r"\D+")


def digits(text: str) -> str:
    return _NON_DIGIT.sub("", text)


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
        try:
            import phonenumbers

            nsn = str(phonenumbers.parse(e164).national_number)
            tokens += [nsn, "0" + nsn]
        except Exception:  # pragma: no cover - e164 was produced by phonenumbers
            pass
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
