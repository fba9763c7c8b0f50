"""CSV layout: the bytes' encoding, the delimiter and the header row found together, a
file without a header mapped from its values, and what the import preview shows about it
(:class:`CsvLayout`). Part of the CSV reader (:mod:`netdesk.formats.csv.read`). No Qt."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from netdesk.core.errors import ImportFileError
from netdesk.core.validation import to_e164
from netdesk.formats.csv.columns import (
    _JOB_TITLE_KEYS,
    _TITLE_KEYS,
    FIELDS,
    FORMULA_STARTS,
    _Col,
    _column,
    _key,
    field_name,
    header_signature,
)
from netdesk.formats.csv.values import (
    parse_csv_date,
)

CSV_SUFFIXES = (".csv", ".tsv")
#: file endings that are always read as vCards
VCARD_SUFFIXES = (".vcf", ".vcard")
#: records looked at when searching the header row
HEADER_SEARCH = 40
#: rows looked at when guessing a column from its values (and shown as samples)
SAMPLE_ROWS = 50
DELIMITERS = (",", ";", "\t")
_GUARDED = frozenset(FORMULA_STARTS)


@dataclass(frozen=True, slots=True)
class ColumnInfo:
    """One column as the mapping step shows it."""

    index: int
    header: str  #: as written ("Column 3" in a file without a header)
    field: str  #: a :data:`FIELDS` name (or a grouped part such as "email_label")
    samples: tuple[str, ...]
    guessed_from: str  #: "header" | "values" | "user" | "" (not mapped: kept in notes)


@dataclass(frozen=True, slots=True)
class CsvOptions:
    """What the user chose for a CSV file: its encoding, whether it has a header row, and
    fields for columns (by header, by "Column N", or by 1-based number)."""

    encoding: str | None = None
    no_header: bool = False
    mapping: Mapping[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class _Layout:
    delimiter: str
    header_index: int  #: index of the header among the file's records (-1: no header)
    header: list[str]
    columns: list[_Col | None]
    linkedin: bool
    recognised: int = field(default=0)
    guessed: dict[int, str] = field(default_factory=dict)  #: column -> how it was guessed
    _kinds: frozenset[str] | None = None

    def kinds(self) -> frozenset[str]:
        """The kinds of its columns (computed once)."""
        if self._kinds is None:
            self._kinds = frozenset(
                ("nd_" if c.raw else "") + c.kind for c in self.columns if c is not None
            )
        return self._kinds

    @property
    def has_header(self) -> bool:
        return self.header_index >= 0


@dataclass(frozen=True, slots=True)
class CsvLayout:
    """What the preview shows about a CSV file: how it was read and each column's field."""

    file: str
    encoding: str
    encoding_detected: str  #: how: "byte order mark", "valid UTF-8", "detector", "chosen"
    delimiter: str
    has_header: bool
    header_line: int  #: 0 without a header
    columns: tuple[ColumnInfo, ...]

    @property
    def signature(self) -> str:
        return header_signature([c.header for c in self.columns]) if self.has_header else ""

    def mapping(self) -> dict[str, str]:
        return {c.header: c.field for c in self.columns}


def _layout(header: list[str], delimiter: str, index: int) -> _Layout:
    keys = {_key(h) for h in header}
    outlook = bool(keys & _JOB_TITLE_KEYS) and bool(keys & _TITLE_KEYS)
    columns = [_column(h, outlook) for h in header]
    recognised = sum(1 for c in columns if c is not None and c.kind != "ignore")
    guessed = {i: "header" for i, c in enumerate(columns) if c is not None}
    return _Layout(delimiter, index, header, columns, "connectedon" in keys, recognised, guessed)


# --------------------------------------------------------------------------- bytes

_WESTERN = re.compile(r"^(cp125\d|iso8859_\d+|latin_?\d|cp8\d\d|cp775|mac_\w+)$")


def _odd_chars(text: str) -> int:
    """Characters a misread single-byte file shows: symbols where letters should be."""
    return sum(1 for ch in text if ord(ch) > 127 and not ch.isalpha())


def decode_csv(data: bytes, encoding: str | None = None) -> tuple[str, str, str]:
    """The file's text, the encoding it was read with, and how it was chosen (for the
    preview: "chosen", "byte order mark", "UTF-16 layout", "valid UTF-8", "detector",
    "fallback"). ``encoding`` forces one (undecodable bytes become U+FFFD)."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError as err:
            raise ImportFileError(f"{encoding!r} is not an encoding Python knows.") from err
        text = data.decode(encoding, errors="replace")
        return text.lstrip("\ufeff"), encoding, "chosen"
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", "byte order mark"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16", "byte order mark"
    sample = data[:4096]
    if len(sample) >= 4:
        even_nul = sample[0::2].count(0)
        odd_nul = sample[1::2].count(0)
        half = len(sample) // 2
        if odd_nul > half * 0.4 and even_nul < half * 0.05:
            return data.decode("utf-16-le", errors="replace"), "utf-16-le", "UTF-16 layout"
        if even_nul > half * 0.4 and odd_nul < half * 0.05:
            return data.decode("utf-16-be", errors="replace"), "utf-16-be", "UTF-16 layout"
    try:
        return data.decode("utf-8"), "utf-8", "valid UTF-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # loaded only for files that need it

    results = list(from_bytes(data[:200_000]))
    if results:
        name = results[0].encoding
        if _WESTERN.match(name):
            # Excel's "CSV" on Western Windows is cp1252; the detector cannot always tell it
            # from its neighbours (cp1250, latin-9...): the reading with the fewest symbols
            # where letters belong wins, cp1252 on a tie.
            names = ["cp1252", *(r.encoding for r in results if _WESTERN.match(r.encoding))]
            readings: list[tuple[int, int, str, str]] = []
            for rank, candidate in enumerate(dict.fromkeys(names)):
                try:
                    decoded = data.decode(candidate)
                except UnicodeDecodeError:
                    continue
                readings.append((_odd_chars(decoded), rank, candidate, decoded))
            if readings:
                _odd, _rank, name, text = min(readings)
                return text, name, "detector"
        return data.decode(name, errors="replace"), name, "detector"
    return data.decode("cp1252", errors="replace"), "cp1252", "fallback"


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(physical line the record starts on, cells) for every record of the text."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    start = 1
    for cells in reader:
        # NetDesk's (and OWASP's) formula guard: an apostrophe before = + - @ tab CR
        yield start, [c[1:] if c[:1] == "'" and c[1:2] in _GUARDED else c for c in cells]
        start = reader.line_num + 1


# --------------------------------------------------------------------------- values

_EMAIL = re.compile(r"^(?:mailto:)?[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[^@\s<>(),;:\".]{2,}$", re.I)
_PHONE_CHARS = re.compile(r"^(?:tel:)?\+?[\d\s().\-/]+(?:\s*(?:x|ext\.?|#)\s*\d+)?$", re.I)
_URL = re.compile(r"^(https?://|www\.)\S+$", re.I)
_POSTCODE = re.compile(r"^(\d{4,5}|\d{5}-\d{4}|\d{3}-\d{4}|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$")


def is_email(value: str) -> bool:
    return bool(_EMAIL.match(value.strip()))


def _is_date(value: str) -> bool:
    v = value.strip()
    if not v or not re.search(r"\d", v):
        return False
    try:
        return parse_csv_date(v) is not None
    except ValueError:
        return False


def is_phone(value: str, region: str | None = "US", *, strict: bool = False) -> bool:
    """Whether a cell is a phone number: phone characters only, 6–15 digits, and (``strict``,
    for columns no header names) a + or a leading 0 or separators, never a date or postcode."""
    v = value.strip()
    if not _PHONE_CHARS.match(v) or _is_date(v):
        return False
    n = sum(ch.isdigit() for ch in v)
    if not 6 <= n <= 15:
        return False
    if strict and not (v.startswith(("+", "0", "(")) or re.search(r"\d[\s\-./]\d", v)):
        return False
    if strict and _POSTCODE.match(v):
        return False
    return to_e164(v, region) is not None or v.startswith("+") or n >= 7


def _value_kind(value: str, region: str | None) -> str:
    v = value.strip()
    if is_email(v):
        return "email"
    if _URL.match(v):
        return "url"
    if _is_date(v) and re.search(r"[./-]", v):
        return "date"
    if _POSTCODE.match(v):
        return "postcode"
    if is_phone(v, region, strict=True):
        return "phone"
    return "text"


def _data_like(cells: Sequence[str], region: str | None) -> bool:
    """Whether a record holds data (an email or a phone number) rather than headers."""
    return any(_value_kind(c, region) in ("email", "phone") for c in cells if c.strip())


# --------------------------------------------------------------------------- layout


def _header_candidate(cells: list[str], delimiter: str, index: int) -> _Layout | None:
    """The record as a header when it looks like one: two or more cells NetDesk recognises
    (one, in a file of one column), and no email or phone in it."""
    if not cells or _data_like(cells, None):
        return None
    layout = _layout(cells, delimiter, index)
    nonempty = sum(1 for c in cells if c.strip())
    if layout.recognised >= 2:
        return layout
    first = layout.columns[0]
    if nonempty == len(cells) == 1 and first and first.kind in ("email", "phone", "display_name"):
        return layout  # a one-column list: "Email"
    return None
    return None


def _find_layout(text: str) -> _Layout | None:
    """The header: per delimiter the FIRST header-like record; the delimiter whose header
    NetDesk recognises most of wins."""
    best: _Layout | None = None
    for delimiter in DELIMITERS:
        try:
            for index, (_line, cells) in enumerate(_records(text, delimiter)):
                if index >= HEADER_SEARCH:
                    break
                if len(cells) < 2 and delimiter != DELIMITERS[0]:
                    continue
                layout = _header_candidate(cells, delimiter, index)
                if layout is not None:
                    if best is None or layout.recognised > best.recognised:
                        best = layout
                    break
        except csv.Error:
            continue
    if best is None:
        best = _one_known_column(text)
    return best


def _one_known_column(text: str) -> _Layout | None:
    """A first row of two or more cells, one of them a column name NetDesk knows ("Name,
    Verein") and none an email or phone: the header, when no better one was found."""
    best: _Layout | None = None
    for delimiter in DELIMITERS:
        try:
            for index, (_line, cells) in enumerate(_records(text, delimiter)):
                if not any(c.strip() for c in cells):
                    continue
                if len(cells) >= 2 and not _data_like(cells, None):
                    layout = _layout(cells, delimiter, index)
                    if layout.recognised >= 1 and (best is None or len(cells) > len(best.header)):
                        best = layout
                break
        except csv.Error:
            continue
    return best


def _headerless(text: str, region: str | None) -> _Layout | None:
    """A layout for a file whose first record is data (emails or phones): the delimiter that
    gives the most consistent cells, columns named "Column N" and mapped from their values."""
    choice: tuple[int, str, list[list[str]]] | None = None
    for delimiter in DELIMITERS:
        try:
            recs = [
                cells
                for _l, (_n, cells) in zip(
                    range(SAMPLE_ROWS), _records(text, delimiter), strict=False
                )
            ]
        except csv.Error:
            continue
        recs = [r for r in recs if any(c.strip() for c in r)]
        if not recs or not _data_like(recs[0], region):
            continue
        width = max(len(r) for r in recs)
        consistent = sum(1 for r in recs if len(r) == width)
        score = consistent * 10 + min(width, 9)
        if width == 1 and delimiter != DELIMITERS[0]:
            continue
        if choice is None or score > choice[0]:
            choice = (score, delimiter, recs)
    if choice is None:
        return None
    _score, delimiter, recs = choice
    width = max(len(r) for r in recs)
    header = [f"Column {i + 1}" for i in range(width)]
    layout = _Layout(delimiter, -1, header, [None] * width, False)
    _guess_from_values(layout, recs, region, headerless=True)
    return layout


def _guess_from_values(
    layout: _Layout, rows: Sequence[Sequence[str]], region: str | None, *, headerless: bool
) -> None:
    """Map columns no header named from what most of their values are: emails, URLs; in a
    file without a header also phones, dates (a birthday), postcodes and the first column of
    plain text (the name)."""
    named = False
    for i in range(len(layout.columns)):
        if layout.columns[i] is not None:
            continue
        values = [r[i].strip() for r in rows if i < len(r) and r[i].strip()]
        if not values:
            continue
        kinds = [_value_kind(v, region) for v in values]
        top = max(set(kinds), key=kinds.count)
        if kinds.count(top) * 10 < len(kinds) * 6:
            continue
        col: _Col | None = None
        if top == "email":
            col = _Col("email")
        elif top == "url":
            col = _Col("url")
        elif headerless and top == "phone":
            col = _Col("phone")
        elif headerless and top == "date":
            col = _Col("birthday")
        elif headerless and top == "postcode":
            col = _Col("address", "", "", "code")
        elif headerless and top == "text" and not named:
            col = _Col("display_name")
            named = True
        if col is not None:
            layout.columns[i] = col
            layout.guessed[i] = "values"


def _apply_options(layout: _Layout, options: CsvOptions) -> None:
    for column, name in options.mapping.items():
        if name not in FIELDS:
            raise ImportFileError(f"{name!r} is not a field NetDesk knows")
        index = _column_index(layout.header, column)
        if index is None:
            known = ", ".join(repr(h) for h in layout.header[:12])
            raise ImportFileError(f"there is no column {column!r} (the columns are {known})")
        col = FIELDS[name][1]
        layout.columns[index] = None if name == "note_line" else col
        layout.guessed[index] = "user"
    layout.recognised = sum(1 for c in layout.columns if c is not None and c.kind != "ignore")
    layout._kinds = None


def _column_index(header: Sequence[str], column: str) -> int | None:
    for i, h in enumerate(header):
        if h.strip() == column.strip():
            return i
    for i, h in enumerate(header):
        if _key(h) and _key(h) == _key(column):
            return i
    m = re.fullmatch(r"(?:column\s*)?(\d+)", column.strip(), re.I)
    if m and 1 <= int(m.group(1)) <= len(header):
        return int(m.group(1)) - 1
    return None


@dataclass(slots=True)
class _Prepared:
    text: str
    encoding: str
    how: str
    layout: _Layout


def _prepare(data: bytes, file: str, region: str | None, options: CsvOptions | None) -> _Prepared:
    options = options or CsvOptions()
    text, encoding, how = decode_csv(data, options.encoding)
    name = PurePath(file).name or "the file"
    layout = None if options.no_header else _find_layout(text)
    if layout is None:
        layout = _headerless(text, region)
        if layout is None and options.no_header:
            layout = _forced_headerless(text, region)
    if layout is None:
        raise ImportFileError(
            f"{name}: no column NetDesk recognises (expected e.g. First Name, Last Name, "
            "Email, Phone, Company) and no email or phone in its first row. "
            "Nothing was imported."
        )
    if layout.has_header:
        samples = (
            [
                cells
                for index, (_l, cells) in enumerate(_records(text, layout.delimiter))
                if index > layout.header_index
            ][:SAMPLE_ROWS]
            if SAMPLE_ROWS
            else []
        )
        _guess_from_values(layout, samples, region, headerless=False)
    try:
        _apply_options(layout, options)
    except ImportFileError as err:
        raise ImportFileError(f"{name}: {err}. Nothing was imported.") from None
    return _Prepared(text, encoding, how, layout)


def _forced_headerless(text: str, region: str | None) -> _Layout | None:
    recs: list[list[str]] = []
    try:
        for _n, (_l, cells) in zip(range(SAMPLE_ROWS), _records(text, DELIMITERS[0]), strict=False):
            if any(c.strip() for c in cells):
                recs.append(cells)
    except csv.Error:
        return None
    if not recs:
        return None
    width = max(len(r) for r in recs)
    layout = _Layout(
        DELIMITERS[0], -1, [f"Column {i + 1}" for i in range(width)], [None] * width, False
    )
    _guess_from_values(layout, recs, region, headerless=True)
    return layout


def inspect_csv(
    data: bytes,
    file: str = "",
    default_region: str | None = "US",
    options: CsvOptions | None = None,
) -> CsvLayout:
    """How a CSV file is read: encoding, delimiter, header and each column's field with up to
    three sample values. Raises :class:`ImportFileError` when it cannot be read."""
    prepared = _prepare(data, file, default_region, options)
    layout = prepared.layout
    samples: list[list[str]] = [[] for _ in layout.header]
    header_line = 0
    for index, (line, cells) in enumerate(_records(prepared.text, layout.delimiter)):
        if index == layout.header_index:
            header_line = line
        if index <= layout.header_index:
            continue
        for i, cell in enumerate(cells[: len(samples)]):
            if cell.strip() and len(samples[i]) < 3:
                samples[i].append(cell.strip())
        if index > layout.header_index + SAMPLE_ROWS:
            break
    columns = tuple(
        ColumnInfo(
            i,
            h.strip() or f"Column {i + 1}",
            field_name(col),
            tuple(samples[i]),
            layout.guessed.get(i, "") if col is not None else "",
        )
        for i, (h, col) in enumerate(zip(layout.header, layout.columns, strict=True))
    )
    return CsvLayout(
        file,
        prepared.encoding,
        prepared.how,
        layout.delimiter,
        layout.has_header,
        header_line,
        columns,
    )


def record_word(name: str) -> str:
    """What one record of this file is called to the user: a CSV "row", a vCard "card"."""
    return "row" if name.lower().endswith(CSV_SUFFIXES) else "card"


def records_word(names: Sequence[str]) -> str:
    """ "row" when every file is CSV, else "card"."""
    return "row" if names and all(record_word(n) == "row" for n in names) else "card"


def is_csv(name: str, data: bytes) -> bool:
    """Whether a file to import is CSV: by its extension, else by its content (no vCard in
    it, and a header row NetDesk recognises at least two columns of)."""
    suffix = PurePath(name).suffix.lower()
    if suffix in CSV_SUFFIXES:
        return True
    if suffix in VCARD_SUFFIXES:
        return False
    text, _, _ = decode_csv(data[:65536])
    if "begin:vcard" in text.casefold():
        return False
    layout = _find_layout(text)
    return layout is not None and layout.recognised >= 2
