"""Bytes to clean vCard text, before vobject sees anything.

vobject expects one Unicode string with RFC 6350 folding. Real files are messier: UTF-16 with or
without a byte order mark, Windows code pages declared per property (``CHARSET=``) or not at
all, vCard 2.1 quoted-printable values with soft line breaks, CR-only or CR CR LF line ends,
folds that split a multi-byte UTF-8 character, comment lines, blank lines, nested and truncated
cards. This module deals with all of that at the byte level and hands out, for each card, its
logical (unfolded) content lines as clean text: no quoted-printable, no ``CHARSET`` parameter.

Nothing here raises on bad input: every problem becomes a note attached to the card.
"""

from __future__ import annotations

import binascii
import codecs
import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "CardChunk",
    "DecodedCard",
    "LogicalLine",
    "count_begin_lines",
    "decode_card",
    "split_cards",
    "split_physical_lines",
    "to_utf8",
]

_EOL = re.compile(rb"\r\r\n|\r\n|\r|\n")
_BEGIN = re.compile(rb"^[ \t]*BEGIN[ \t]*:[ \t]*VCARD[ \t]*$", re.IGNORECASE)
_END = re.compile(rb"^[ \t]*END[ \t]*:[ \t]*VCARD[ \t]*$", re.IGNORECASE)
# A line that is only a property name (``FN`` with no colon, or a file cut mid-line).
_BARE_NAME = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)?[ \t]*$")
_BASE64_ONLY = re.compile(rb"^[A-Za-z0-9+/=]+$")
# The start of a property line: ``group.NAME`` followed by ``;`` or ``:``.
_PROPERTY_START = re.compile(rb"^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)?[ \t]*[;:]")
_QP_PARAM = re.compile(
    rb"(?:^|;)[ \t]*(?:ENCODING[ \t]*=[ \t]*)?QUOTED-PRINTABLE[ \t]*(?:;|$)", re.I
)
_B64_PARAM = re.compile(rb"(?:^|;)[ \t]*(?:ENCODING[ \t]*=[ \t]*)?(?:BASE64|B)[ \t]*(?:;|$)", re.I)
_VERSION_LINE = re.compile(rb"^[ \t]*VERSION[ \t]*:[ \t]*([0-9.]+)", re.IGNORECASE)

#: Charset names as files spell them -> the Python codec that decodes what exporters meant.
#: ISO-8859-1 is decoded as cp1252 (its superset for printable text: Outlook declares one and
#: writes the other); Shift_JIS as cp932 (the Windows superset phones actually use).
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "utf-8",
    "ascii": "utf-8",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
}
_UNICODE_CODECS = frozenset({"utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32"})

#: Candidates when a card has 8-bit text that is not UTF-8 and no CHARSET says what it is.
_GUESS_ORDER = ("cp1252", "cp1250", "iso8859-2", "cp1253", "cp1255", "cp1251")


@dataclass(frozen=True, slots=True)
class CardChunk:
    """The physical lines of one card, as bytes, before any decoding."""

    card: int  #: 1-based position of the card's BEGIN line among all BEGIN lines of the file
    line: int  #: 1-based line number of the card's BEGIN line
    lines: tuple[tuple[int, bytes], ...]  #: (line number, bytes) between BEGIN and END
    complete: bool  #: an END:VCARD closed the card
    #: the file was UTF-16/32 and has been converted to UTF-8: CHARSET parameters are moot
    wide: bool = False


@dataclass(frozen=True, slots=True)
class LogicalLine:
    line: int  #: physical line number where the property starts
    text: str  #: unfolded, decoded content line (``group.NAME;params:value``)


@dataclass(frozen=True, slots=True)
class DecodedCard:
    card: int
    line: int
    lines: tuple[LogicalLine, ...]
    complete: bool
    version: str  #: "2.1", "3.0", "4.0" or "" when the card does not say
    notes: tuple[str, ...]  #: what was odd (dropped comment lines, guessed charset, ...)


# --------------------------------------------------------------------------- file level


def to_utf8(data: bytes) -> tuple[bytes, bool]:
    """Return the file as UTF-8-compatible bytes and whether it was a UTF-16/32 file.

    Byte order marks are honoured and removed; UTF-16 without a BOM is recognised by its NUL
    bytes (ASCII text in UTF-16 has a NUL in every other byte). 8-bit files are returned as
    they are: their charset is decided per card and per property later.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:], False
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace").encode("utf-8"), True
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) * 4 >= len(sample):
        even = sample[0::2].count(0)
        odd = sample[1::2].count(0)
        codec = "utf-16-be" if even > odd else "utf-16-le"
        body = data[: len(data) - (len(data) % 2)]
        return body.decode(codec, errors="replace").encode("utf-8"), True
    return data, False


#: bytes split by one regex call; larger inputs are split piece by piece at LF boundaries so
#: that no single C call holds the GIL for long (a GUI thread keeps running during imports)
_SPLIT_PIECE = 1 << 20


def split_physical_lines(data: bytes) -> list[bytes]:
    """Split on CR LF, LF, CR or CR CR LF (one line end each)."""
    if len(data) <= _SPLIT_PIECE:
        return _EOL.split(data)
    out: list[bytes] = []
    start, size = 0, len(data)
    while start < size:
        end = data.find(b"\n", min(start + _SPLIT_PIECE, size))
        # Every line end that contains a LF ends with it, so cutting right after a LF never
        # splits a line end: the pieces split exactly like the whole.
        end = size if end < 0 else end + 1
        piece = _EOL.split(data[start:end])
        if end < size:
            piece.pop()  # the empty remainder after the piece's final LF
        out.extend(piece)
        start = end
    return out


def count_begin_lines(data: bytes) -> int:
    """How many ``BEGIN:VCARD`` lines the file has (any case, any line ends, any encoding)."""
    text, _ = to_utf8(data)
    return sum(1 for line in split_physical_lines(text) if _BEGIN.match(line))


def split_cards(data: bytes) -> list[CardChunk]:
    """Split a file into cards, one per ``BEGIN:VCARD`` line, in the order of those lines.

    Lines outside any card (comments, a stray ``ENCODING:UTF-8``, blank lines) are ignored.
    A ``BEGIN:VCARD`` inside a card opens a nested card (vCard 2.1 AGENT style): its lines go
    to the nested card, and the outer card continues after the nested ``END:VCARD``. A card
    still open at the end of the file is returned with ``complete=False``.
    """
    text, wide = to_utf8(data)
    finished: list[CardChunk] = []
    stack: list[tuple[int, int, list[tuple[int, bytes]]]] = []
    count = 0
    for index, raw in enumerate(split_physical_lines(text)):
        number = index + 1
        if _BEGIN.match(raw):
            count += 1
            stack.append((count, number, []))
            continue
        if _END.match(raw):
            if stack:
                card, start, lines = stack.pop()
                finished.append(CardChunk(card, start, tuple(lines), True, wide))
            continue
        if stack:
            stack[-1][2].append((number, raw))
    while stack:
        card, start, lines = stack.pop()
        finished.append(CardChunk(card, start, tuple(lines), False, wide))
    finished.sort(key=lambda c: c.card)
    return finished


# --------------------------------------------------------------------------- card level


def _split_header(line: bytes) -> tuple[bytes, bytes] | None:
    """Split a content line at the first colon outside double quotes."""
    colon = line.find(b":")
    if colon < 0:
        return None
    if line.find(b'"', 0, colon) < 0:  # the common case: no quoted parameter before it
        return line[:colon], line[colon + 1 :]
    quoted = False
    for i, ch in enumerate(line):
        if ch == 0x22:  # "
            quoted = not quoted
        elif ch == 0x3A and not quoted:  # :
            return line[:i], line[i + 1 :]
    return None


def _split_params(header: bytes) -> list[bytes]:
    if b'"' not in header:
        return header.split(b";")
    parts: list[bytes] = []
    quoted = False
    start = 0
    for i, ch in enumerate(header):
        if ch == 0x22:
            quoted = not quoted
        elif ch == 0x3B and not quoted:  # ;
            parts.append(header[start:i])
            start = i + 1
    parts.append(header[start:])
    return parts


def _is_qp(header: bytes) -> bool:
    return b"QUOTED-PRINTABLE" in header.upper() and _QP_PARAM.search(header) is not None


def _is_base64(header: bytes) -> bool:
    return _B64_PARAM.search(header) is not None


def _unfold(chunk: CardChunk, notes: list[str]) -> list[tuple[int, bytes]]:
    """Join folded, soft-broken and wrapped physical lines into logical lines (still bytes)."""
    out: list[tuple[int, bytearray]] = []
    qp = False  # the current logical line is quoted-printable
    b64 = False  # the current logical line carries base64 data
    lines = chunk.lines
    i = 0
    n = len(lines)
    while i < n:
        number, raw = lines[i]
        i += 1
        if out and qp and out[-1][1].endswith(b"="):
            # Soft line break: the next physical line continues the value whatever it holds.
            if not raw.strip():
                # Some exporters leave blank lines between the pieces of a QP value; continue
                # over them unless what follows starts a new property.
                j = i
                while j < n and not lines[j][1].strip():
                    j += 1
                if j < n and not _PROPERTY_START.match(lines[j][1]):
                    i = j  # the next round joins lines[j] to the value
                    continue
                del out[-1][1][-1:]  # a dangling "=" at the very end of the value
                qp = False
                continue
            del out[-1][1][-1:]
            out[-1][1].extend(raw)
            continue
        if raw[:1] in (b" ", b"\t"):
            if out:
                out[-1][1].extend(raw[1:])
            elif raw.strip():
                # A continuation line with nothing to continue: read it as a line of its own.
                out.append((number, bytearray(raw.lstrip())))
                qp, b64 = _line_flags(raw.lstrip())
            continue
        if not raw.strip():
            b64 = False  # a blank line ends a vCard 2.1 base64 value
            continue
        if b64 and out and _BASE64_ONLY.match(raw):
            out[-1][1].extend(raw)  # 2.1 base64 continued without indentation
            continue
        if raw.startswith(b"#"):
            notes.append(f"line {number}: comment line ignored")
            continue
        if b":" not in raw:
            if i < n and lines[i][1][:1] in (b" ", b"\t") and _PROPERTY_START.match(raw):
                # The parameters are on this line and the colon comes on the folded next one.
                out.append((number, bytearray(raw)))
                qp, b64 = False, False
                continue
            if _BARE_NAME.match(raw) or not out:
                notes.append(
                    f"line {number}: {raw.decode('utf-8', 'replace')!r} has no ':' and was skipped"
                )
                continue
            # A value that runs on over a raw line break (seen in ADR and LABEL values).
            prev = out[-1][1]
            if prev.endswith(b"\\") and not prev.endswith(b"\\\\"):
                del prev[-1:]
            prev.extend(b"\\n" + raw)
            continue
        out.append((number, bytearray(raw)))
        qp, b64 = _line_flags(raw)
    return [(number, bytes(buf)) for number, buf in out]


def _line_flags(raw: bytes) -> tuple[bool, bool]:
    split = _split_header(raw)
    if split is None:
        return False, False
    header = split[0]
    return _is_qp(header), _is_base64(header)


def _codec_for(name: str) -> str | None:
    key = name.strip().strip('"').lower()
    key = _CHARSET_ALIASES.get(key, key)
    try:
        return codecs.lookup(key).name
    except (LookupError, ValueError):  # unknown name, or one with a NUL in it
        return None


def _decode_with(data: bytes, codec: str | None, fallback: str) -> str:
    if codec:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        if codec == "utf-8":
            # Declared UTF-8 with a broken sequence or two (a value cut short): keep the
            # declaration rather than reading every character in the fallback code page.
            text = data.decode("utf-8", errors="replace")
            if text.count("\ufffd") <= 2:
                return text
        return data.decode(fallback, errors="replace")


def _word_penalty(word: str) -> float:
    """How implausible a word is as text in a name or address (0 = plausible)."""
    penalty = 0.0
    scripts: set[str] = set()
    non_ascii = 0
    for ch in word:
        if ch.isascii():
            if ch.isalpha():
                scripts.add("LATIN")
            continue
        non_ascii += 1
        cat = unicodedata.category(ch)
        if not cat.startswith("L"):
            penalty += 3.0  # symbols, combining marks, undefined bytes inside a word
            continue
        scripts.add(unicodedata.name(ch, "UNKNOWN").split(" ")[0])
    if len(scripts) > 1:
        penalty += 2.0
    letters = [ch for ch in word if ch.isalpha()]
    if letters and scripts and scripts <= {"LATIN"} and non_ascii * 2 > len(letters) >= 3:
        penalty += 1.0  # Latin words are rarely mostly accented letters
    if len(letters) >= 2 and scripts & {"CYRILLIC", "GREEK"}:
        tail = letters[1:]
        if any(c.isupper() for c in tail) and any(c.islower() for c in tail):
            penalty += 1.0  # case changes inside a word
        elif all(c.islower() for c in letters):
            penalty += 0.5  # names are capitalised
    return penalty


def guess_legacy_charset(sample: bytes) -> str:
    """Pick the Windows/ISO code page under which 8-bit text reads most like words."""
    best = _GUESS_ORDER[0]
    best_score: float | None = None
    words = [
        w for w in re.split(rb"[\x00-\x40\x5b-\x60\x7b-\x7f]+", sample) if any(b > 127 for b in w)
    ]
    if not words:
        return best
    for codec in _GUESS_ORDER:
        score = sum(_word_penalty(w.decode(codec, errors="replace")) for w in words)
        if best_score is None or score < best_score:
            best, best_score = codec, score
    return best


def _decode_line(raw: bytes, card_codec: str, wide: bool) -> tuple[str, bool]:
    """Decode one logical line; return the clean text and whether QP was removed."""
    split = _split_header(raw)
    if split is None:
        return raw.decode("utf-8", errors="replace"), False
    header, value = split
    params = _split_params(header)
    kept: list[bytes] = [params[0]]
    charset: str | None = None
    qp = False
    for param in params[1:]:
        name, eq, pvalue = param.partition(b"=")
        key = name.strip().upper()
        if eq and key == b"CHARSET":
            if not wide:
                charset = _codec_for(pvalue.decode("ascii", errors="replace"))
            continue
        if eq and key == b"ENCODING" and pvalue.strip().strip(b'"').upper() == b"QUOTED-PRINTABLE":
            qp = True
            continue
        if not eq and key == b"QUOTED-PRINTABLE":
            qp = True
            continue
        kept.append(param)
    if qp:
        value = binascii.a2b_qp(value)
    if wide:
        text = value.decode("utf-8", errors="replace")
    else:
        text = _decode_with(value, charset, card_codec)
    if qp:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    header_text = _decode_with(b";".join(kept), None, card_codec)
    return f"{header_text}:{text}", qp


def _card_codec(logical: list[tuple[int, bytes]], notes: list[str]) -> str:
    """The code page for values of this card that carry no CHARSET and are not UTF-8."""
    undeclared = bytearray()
    legacy_hint: str | None = None
    for _, raw in logical:
        split = _split_header(raw)
        if split is None:
            continue
        header, value = split
        m = re.search(rb";[ \t]*CHARSET[ \t]*=[ \t]*\"?([A-Za-z0-9_.:-]+)", header, re.I)
        if m:
            codec = _codec_for(m.group(1).decode("ascii"))
            if codec and codec not in _UNICODE_CODECS and legacy_hint is None:
                legacy_hint = codec
            continue
        if _is_qp(header):
            value = binascii.a2b_qp(value)
        if not value.isascii():
            undeclared += value + b" "
    if not undeclared:
        return legacy_hint or "cp1252"
    try:
        undeclared.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return legacy_hint or "cp1252"
    if legacy_hint:
        notes.append(f"text without CHARSET is not UTF-8; read as {legacy_hint} like the rest")
        return legacy_hint
    guess = guess_legacy_charset(bytes(undeclared))
    notes.append(f"text without CHARSET is not UTF-8; read as {guess}")
    return guess


def decode_card(chunk: CardChunk) -> DecodedCard:
    """Unfold and decode one card into clean logical lines."""
    notes: list[str] = []
    if not chunk.complete:
        notes.append("the card has no END:VCARD (file cut short?); read what was there")
    logical = _unfold(chunk, notes)
    version = ""
    for _, raw in logical:
        m = _VERSION_LINE.match(raw)
        if m:
            version = m.group(1).decode("ascii")
            break
    card_codec = "utf-8" if chunk.wide else _card_codec(logical, notes)
    out: list[LogicalLine] = []
    for number, raw in logical:
        text, _ = _decode_line(raw, card_codec, chunk.wide)
        out.append(LogicalLine(number, text))
    return DecodedCard(chunk.card, chunk.line, tuple(out), chunk.complete, version, tuple(notes))
