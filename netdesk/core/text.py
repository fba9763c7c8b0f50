"""The one text normaliser and the phone-digit helpers, shared by search, matching and
CSV header matching.

:func:`fold` is how NetDesk compares words: the full-text search text, names and companies
in matching, CSV column headers. :func:`caseless` only ignores case and spacing.
"""

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


def caseless(text: str) -> str:
    """Without case and with runs of spaces as one (accents kept): for telling whether a
    value was changed rather than whether two values name the same thing (:func:`fold`)."""
    return " ".join(text.split()).casefold()


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


#: characters that act on a terminal rather than show: C0 and C1 controls (ESC, BEL, CR, the
#: 8-bit CSI), DEL, line and paragraph separators, and the bidirectional controls that reorder
#: what follows them (U+202E shows "txt.exe" as "exe.txt")
_NOT_FOR_TERMINAL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(m: re.Match[str]) -> str:
    ch = m.group()
    named = _NAMED_ESCAPES.get(ch)
    if named is not None:
        return named
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """``text`` safe to print to a terminal: control characters (escape sequences, BEL, CR,
    line breaks, bidi overrides) are shown escaped as ``\\x1b``, ``\\n``, ``\\u202e``; all
    other text, accents and scripts included, is left as it is. Human-readable CLI output of
    user or file data goes through this (JSON output escapes on its own)."""
    if text.isascii() and text.isprintable():
        return text
    return _NOT_FOR_TERMINAL.sub(_escape_char, text)
