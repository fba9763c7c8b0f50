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
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from netdesk.vcard.limits import (
    MAX_BINARY_LINE_BYTES,
    MAX_CARD_BYTES,
    MAX_CARD_LINES,
    MAX_CARDS_PER_FILE,
    MAX_HEADER_BYTES,
    MAX_LINE_BYTES,
    MAX_PARAMS,
    MAX_PER_KIND,
    MAX_PROPERTIES,
    MAX_TEXT_BYTES,
    TooManyCards,
    size_text,
)

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
#: bytes of undeclared 8-bit text the guess looks at (the guess is per character, in Python)
_GUESS_SAMPLE = 16 * 1024


@dataclass(frozen=True, slots=True)
class CardChunk:
    """The physical lines of one card, as bytes, before any decoding."""

    card: int  #: 1-based position of the card's BEGIN line among all BEGIN lines of the file
    line: int  #: 1-based line number of the card's BEGIN line
    lines: tuple[tuple[int, bytes], ...]  #: (line number, bytes) between BEGIN and END
    complete: bool  #: an END:VCARD closed the card
    #: the file was UTF-16/32 and has been converted to UTF-8: CHARSET parameters are moot
    wide: bool = False
    #: why the card is not read at all (over a size limit; its lines were not kept), or ""
    refused: str = ""
    #: what splitting the file noticed about this card (lines outside any card near it)
    notes: tuple[str, ...] = ()


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
    they are: their charset is decided per card and per property later; UTF-16 cards
    appended to them are converted (see :func:`_widen_appended`).
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
    if b"\x00" in data:
        data = _widen_appended(data)
    return data, False


def _wide_begin(letters: bytes, big_endian: bool) -> re.Pattern[bytes]:
    parts = [
        b"\x00" + re.escape(bytes([c])) if big_endian else re.escape(bytes([c])) + b"\x00"
        for c in letters
    ]
    return re.compile(b"".join(parts), re.IGNORECASE)


_BEGIN_LE = _wide_begin(b"BEGIN:VCARD", big_endian=False)
_BEGIN_BE = _wide_begin(b"BEGIN:VCARD", big_endian=True)
#: an 8-bit BEGIN:VCARD (never found inside UTF-16 text, where every letter is followed or
#: preceded by a NUL byte)
_BEGIN_8BIT = re.compile(rb"BEGIN[ \t]*:[ \t]*VCARD", re.IGNORECASE)


def _wide_card_at(data: bytes, start: int) -> tuple[int, str] | None:
    """The next UTF-16 ``BEGIN:VCARD`` inside an 8-bit file: (its first byte, codec)."""
    best: tuple[int, str] | None = None
    for pattern, codec, line_ends in (
        (_BEGIN_LE, "utf-16-le", (b"\r\x00", b"\n\x00")),
        (_BEGIN_BE, "utf-16-be", (b"\x00\r", b"\x00\n")),
    ):
        pos = start
        while (m := pattern.search(data, pos)) is not None:
            # "B\0E\0...D\0" also reads as big-endian one byte later and the other way
            # round: the line end after the D says which one it is.
            if data[m.end() : m.end() + 2] in line_ends:
                if best is None or m.start() < best[0]:
                    best = (m.start(), codec)
                break
            pos = m.start() + 1
    return best


def _widen_appended(data: bytes) -> bytes:
    """Convert UTF-16 cards inside an 8-bit file (a card appended by a tool that writes
    UTF-16) to UTF-8, so that they are split, counted and read like the others. Each such
    part runs from its BEGIN:VCARD (and a byte order mark right before it) to the next
    8-bit BEGIN:VCARD or the end of the file."""
    out = bytearray()
    pos = 0
    while (found := _wide_card_at(data, pos)) is not None:
        begin, codec = found
        if data[begin - 2 : begin] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            begin -= 2
        following = _BEGIN_8BIT.search(data, begin)
        end = following.start() if following is not None else len(data)
        out += data[pos:begin]
        if out and out[-1:] not in (b"\n", b"\r"):
            out += b"\r\n"
        part = data[begin : end - ((end - begin) % 2)]
        text = part.decode(codec, errors="replace").lstrip("\ufeff")
        out += text.encode("utf-8")
        if not text.endswith(("\n", "\r")):
            out += b"\r\n"
        pos = end
    if pos == 0:
        return data
    out += data[pos:]
    return bytes(out)


#: bytes split by one regex call; larger inputs are split piece by piece at LF boundaries so
#: that no single C call holds the GIL for long (a GUI thread keeps running during imports)
_SPLIT_PIECE = 1 << 20


def split_physical_lines(data: bytes) -> list[bytes]:
    """Split on CR LF, LF, CR or CR CR LF (one line end each)."""
    if len(data) <= _SPLIT_PIECE:
        return _EOL.split(data)
    out: list[bytes] = []
    for piece in _pieces(data):
        out.extend(piece)
    return out


def _pieces(data: bytes) -> Iterator[list[bytes]]:
    """The lines of ``data``, split about a megabyte at a time: a file's lines are never all
    in memory at once (a 100 MB file has millions of them)."""
    start, size = 0, len(data)
    while start < size:
        end = data.find(b"\n", min(start + _SPLIT_PIECE, size))
        # Every line end that contains a LF ends with it, so cutting right after a LF never
        # splits a line end: the pieces split exactly like the whole.
        end = size if end < 0 else end + 1
        piece = _EOL.split(data[start:end])
        if end < size:
            piece.pop()  # the empty remainder after the piece's final LF
        yield piece
        start = end
    if size == 0:
        yield [b""]


def iter_physical_lines(data: bytes) -> Iterator[bytes]:
    """Like :func:`split_physical_lines`, one line at a time."""
    for piece in _pieces(data):
        yield from piece


#: BEGIN:VCARD lines as a multi-line regex sees them (never more than the line splitter finds:
#: a CR-only file has fewer "lines" here), to refuse a file with far too many cards at once
_BEGIN_LINES = re.compile(
    rb"^[ \t]*BEGIN[ \t]*:[ \t]*VCARD[ \t]*\r?$", re.IGNORECASE | re.MULTILINE
)


def _too_many_cards(text: bytes) -> bool:
    return any(count >= MAX_CARDS_PER_FILE for count, _ in enumerate(_BEGIN_LINES.finditer(text)))


def count_begin_lines(data: bytes) -> int:
    """How many ``BEGIN:VCARD`` lines the file has (any case, any line ends, any encoding)."""
    text, _ = to_utf8(data)
    return sum(1 for line in split_physical_lines(text) if _BEGIN.match(line))


class _Open:
    """A card being collected by :func:`split_cards`."""

    __slots__ = ("card", "cut", "line", "lines", "notes", "props", "size")

    def __init__(self, card: int, line: int, notes: list[str]) -> None:
        self.card = card
        self.line = line
        self.lines: list[tuple[int, bytes]] | None = []  # None once over a size limit
        self.size = 0
        self.props = 0  # lines that start a property
        self.cut: list[int] = []  # [first, last, count] of lines after MAX_PROPERTIES
        self.notes = notes

    def add(self, number: int, raw: bytes) -> None:
        lines = self.lines
        if lines is None:
            self.size += len(raw) + 1
            return
        self.size += len(raw) + 1
        if self.size > MAX_CARD_BYTES or len(lines) >= MAX_CARD_LINES:
            self.lines = None  # refused: let go of what was collected at once
            return
        if self.cut:
            self.cut[1] = number
            self.cut[2] += 1
            return
        if raw[:1] not in (b" ", b"\t") and b":" in raw:
            self.props += 1
            if self.props > MAX_PROPERTIES:
                # Lines beyond the card's first MAX_PROPERTIES properties are not kept (nor
                # unfolded or parsed): the cost of a card stays bounded.
                self.cut = [number, number, 1]
                return
        lines.append((number, raw))

    def chunk(self, complete: bool, wide: bool) -> CardChunk:
        refused = ""
        notes = self.notes
        if self.lines is None:
            refused = (
                f"the card is larger than a card may be (more than {size_text(MAX_CARD_BYTES)} "
                f"or {MAX_CARD_LINES:,} lines); not imported"
            )
        elif self.cut:
            first, last, count = self.cut
            notes = [
                *notes,
                f"lines {first}–{last}: {count:,} lines after the card's first "
                f"{MAX_PROPERTIES:,} properties were not read",
            ]
        lines = tuple(self.lines or ())
        return CardChunk(self.card, self.line, lines, complete, wide, refused, tuple(notes))


def _outside_note(first: int, last: int, count: int) -> str:
    if count == 1:
        return f"line {first}: a line outside any card was ignored"
    return f"lines {first}–{last}: {count:,} lines outside any card were ignored"


def split_cards(data: bytes) -> list[CardChunk]:
    """Split a file into cards, one per ``BEGIN:VCARD`` line, in the order of those lines.

    Lines outside any card (comments, a stray ``ENCODING:UTF-8``) are not read; each run of
    them becomes a note of the next card (or of the last one, after it). A ``BEGIN:VCARD``
    inside a card opens a nested card (vCard 2.1 AGENT style): its lines go to the nested
    card, and the outer card continues after the nested ``END:VCARD``. A card still open at
    the end of the file is returned with ``complete=False``.

    A card over :data:`MAX_CARD_BYTES` or :data:`MAX_CARD_LINES` comes back ``refused`` with
    no lines; more than :data:`MAX_CARDS_PER_FILE` cards raise :class:`TooManyCards` (the
    only error: everything else about a file is reported per card).
    """
    text, wide = to_utf8(data)
    if _too_many_cards(text):
        raise TooManyCards()
    finished: list[CardChunk] = []
    stack: list[_Open] = []
    count = 0
    # lines outside any card: (first, last, how many) of the current run, and runs not yet
    # attached to a card
    run: list[int] = []
    pending: list[str] = []
    for index, raw in enumerate(iter_physical_lines(text)):
        number = index + 1
        if _BEGIN.match(raw):
            count += 1
            if count > MAX_CARDS_PER_FILE:
                raise TooManyCards()
            if run:
                pending.append(_outside_note(run[0], run[1], run[2]))
                run = []
            stack.append(_Open(count, number, pending))
            pending = []
            continue
        if _END.match(raw):
            if stack:
                finished.append(stack.pop().chunk(True, wide))
            continue
        if stack:
            stack[-1].add(number, raw)
        elif raw.strip():
            if run:
                run[1] = number
                run[2] += 1
            else:
                run = [number, number, 1]
    if run:
        pending.append(_outside_note(run[0], run[1], run[2]))
    while stack:
        finished.append(stack.pop().chunk(False, wide))
    finished.sort(key=lambda c: c.card)
    if pending and finished:
        last = finished[-1]
        finished[-1] = replace(last, notes=(*last.notes, *pending))
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


#: skipped lines noted one by one; more are noted as one range
_NOTED_ONE_BY_ONE = 10


def _unfold(chunk: CardChunk, notes: list[str]) -> list[tuple[int, bytes]]:
    """Join folded, soft-broken and wrapped physical lines into logical lines (still bytes)."""
    out: list[tuple[int, bytearray]] = []
    skipped: list[tuple[int, str]] = []  # (line, why) of physical lines not read
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
            skipped.append((number, "comment line ignored"))
            continue
        if b":" not in raw:
            if i < n and lines[i][1][:1] in (b" ", b"\t") and _PROPERTY_START.match(raw):
                # The parameters are on this line and the colon comes on the folded next one.
                out.append((number, bytearray(raw)))
                qp, b64 = False, False
                continue
            if _BARE_NAME.match(raw) or not out:
                shown = raw[:60].decode("utf-8", "replace")
                skipped.append((number, f"{shown!r} has no ':' and was skipped"))
                continue
            # A value that runs on over a raw line break (seen in ADR and LABEL values).
            prev = out[-1][1]
            if prev.endswith(b"\\") and not prev.endswith(b"\\\\"):
                del prev[-1:]
            prev.extend(b"\\n" + raw)
            continue
        out.append((number, bytearray(raw)))
        qp, b64 = _line_flags(raw)
    for number, note in skipped[:_NOTED_ONE_BY_ONE]:
        notes.append(f"line {number}: {note}")
    if len(skipped) > _NOTED_ONE_BY_ONE:
        rest = skipped[_NOTED_ONE_BY_ONE:]
        notes.append(
            f"lines {rest[0][0]}–{rest[-1][0]}: {len(rest):,} more comment lines and lines "
            "without ':' were skipped"
        )
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
        if not value.isascii() and len(undeclared) < _GUESS_SAMPLE:
            undeclared += value[:_GUESS_SAMPLE] + b" "
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


_BINARY_NAMES = frozenset({b"PHOTO", b"LOGO", b"SOUND", b"KEY"})


def _bound(logical: list[tuple[int, bytes]], notes: list[str]) -> list[tuple[int, bytes]]:
    """The card's logical lines within the limits of :mod:`netdesk.vcard.limits`; lines over
    them are dropped, and one note per reason says which (by line numbers and property)."""
    kept: list[tuple[int, bytes]] = []
    per_kind: dict[bytes, int] = {}
    text_bytes = 0
    # reason -> [first line, last line, count, property names]
    dropped: dict[str, list[Any]] = {}
    for number, raw in logical:
        colon = raw.find(b":", 0, MAX_HEADER_BYTES + 1)
        header = raw[:colon] if colon >= 0 else raw[: MAX_HEADER_BYTES + 1]
        semi = header.find(b";")
        name = header if semi < 0 else header[:semi]
        name = name[name.rfind(b".") + 1 :].strip().upper()
        reason = ""
        binary = False
        if len(header) > MAX_HEADER_BYTES:
            reason = f"name and parameters longer than {size_text(MAX_HEADER_BYTES)}"
        elif semi >= 0 and header.count(b";") + header.count(b",") > MAX_PARAMS:
            reason = f"more than {MAX_PARAMS} parameters"
        else:
            binary = name in _BINARY_NAMES or (semi >= 0 and _is_base64(header))
            limit = MAX_BINARY_LINE_BYTES if binary else MAX_LINE_BYTES
            seen = per_kind.get(name, 0) + 1
            per_kind[name] = seen
            if len(raw) > limit:
                reason = f"longer than {size_text(limit)}"
            elif seen > MAX_PER_KIND:
                reason = f"more than {MAX_PER_KIND} lines of one property"
            elif len(kept) >= MAX_PROPERTIES:
                reason = f"more than {MAX_PROPERTIES:,} lines in the card"
            elif not binary and text_bytes + len(raw) > MAX_TEXT_BYTES:
                reason = f"more than {size_text(MAX_TEXT_BYTES)} of text in the card"
        if not reason:
            if not binary:
                text_bytes += len(raw)
            kept.append((number, raw))
            continue
        entry = dropped.get(reason)
        if entry is None:
            dropped[reason] = [number, number, 1, {name}]
        else:
            entry[1] = number
            entry[2] += 1
            if len(entry[3]) < 4:
                entry[3].add(name)
    for reason, (first, last, count, names) in dropped.items():
        shown = sorted(n.decode("ascii", "replace")[:40] or "?" for n in names)
        what = ", ".join(shown[:3]) + (", ..." if len(names) > 3 else "")
        if count == 1:
            notes.append(f"line {first}: {what} line dropped ({reason})")
        else:
            notes.append(f"lines {first}–{last}: {count:,} lines dropped ({what}; {reason})")
    return kept


def decode_card(chunk: CardChunk) -> DecodedCard:
    """Unfold and decode one card into clean logical lines (within the limits of
    :mod:`netdesk.vcard.limits`: lines over them are dropped with a note)."""
    notes: list[str] = list(chunk.notes)
    if not chunk.complete:
        notes.append("the card has no END:VCARD (file cut short?); read what was there")
    logical = _bound(_unfold(chunk, notes), notes)
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
