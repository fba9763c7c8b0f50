"""Contacts from CSV files: NetDesk's own export, LinkedIn, Outlook (in English, German,
French, Spanish, Dutch and Italian), Google Contacts (every form), Thunderbird, Yahoo, KMail,
Windows Contacts, Evolution and plain spreadsheets.

Each data row becomes a :class:`netdesk.vcard.CardResult` (``card`` = the row's number,
``line`` = the physical line the row starts on), so the import preview, matching, the merge
policies, progress, cancel and the one-transaction apply treat CSV rows exactly like vCards.

- Bytes: a byte order mark (UTF-8, UTF-16), UTF-16 without one (every other byte NUL), valid
  UTF-8, else a real detector (charset-normalizer: Shift_JIS/cp932, cp1250, ...), with
  cp1252 preferred when a Western single-byte reading is as good. The encoding used is part
  of the file's :class:`CsvLayout`, shown in the preview and can be chosen by the user.
- Layout: the delimiter (``,``, ``;`` or tab) and the header row are found together: the
  FIRST record of which NetDesk recognises two or more cells (lines before it, such as
  LinkedIn's "Notes:" preamble, are skipped; one holding an email or phone is reported).
  A later header-like row (two exports pasted into one file) is reported as such, and the
  rows below it are read with its columns. A file without a header (its first row holds
  emails or phones) is mapped from its values. Quoted fields may hold line breaks.
- Columns are matched by name, ignoring case, accents, spaces and punctuation, then by the
  words in them ("Telefon geschäftlich", "Work ZipCode", "Section 1 - Email"); a column no
  name says anything about is mapped from its values (emails, URLs). Columns NetDesk does not
  model are not lost: each non-empty cell becomes a "Column: value" line of the notes, except
  an email address, which is always an email. The user may map any column
  (:class:`CsvOptions`, :data:`FIELDS`).
- NetDesk's own export (``emails.1.value``, ``additional_names``, ``starred`` ...) reads
  back field for field; the formula-guard apostrophe it writes before ``= + - @`` is removed.
- A row with no name, email, phone or company is reported unreadable with its reason; a file
  with no recognisable header and no email or phone in its first row is an
  :class:`ImportFileError` naming the file.

No Qt; imports only ``netdesk.core`` and the vCard reader's result type.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath
from typing import Any

from netdesk.core.dates import PartialDate
from netdesk.core.errors import ImportFileError
from netdesk.core.fields import CSV_TEXT_FIELDS, FIELDS_BY_NAME
from netdesk.core.model import Address, Contact, Email, Phone, Url, derive_display_name
from netdesk.core.phones import phones_with_regions
from netdesk.core.validation import to_e164
from netdesk.formats.csv.columns import (
    _KNOWN_NAMES,
    _NETDESK_SCALARS,
    _is_default,
    _key,
    _label_of,
    _words,
)
from netdesk.formats.csv.layout import (
    CsvOptions,
    _data_like,
    _header_candidate,
    _Layout,
    _prepare,
    _records,
    is_email,
    is_phone,
)
from netdesk.formats.csv.values import (
    _NO_DATE,
    _connected_on,
    _google_label,
    _slash_order,
    _split_multi,
    _tags,
    parse_csv_date,
)
from netdesk.vcard import CardResult

#: the keys of an address object in NetDesk's own export (its ``addresses.more`` cell)
_ADDRESS_PARTS = FIELDS_BY_NAME["addresses"].parts
PROGRESS_EVERY = 500

Progress = Callable[[int, int], None]


# --------------------------------------------------------------------------- one row


def _split_full_name(name: str) -> dict[str, str]:
    """Given and family name of a plain "Anna Berg" or "Berg, Anna"; nothing for anything
    else (titles, three words, a company), which stays the display name only."""
    if name.count(",") == 1:
        family, given = (x.strip() for x in name.split(","))
        if len(family.split()) == 1 and len(given.split()) == 1:
            return {"given_name": given, "family_name": family, "display_name": f"{given} {family}"}
        return {}
    words = name.split()
    if len(words) == 2 and all(w[0].isupper() and w[-1] != "." for w in words):
        return {"given_name": words[0], "family_name": words[1]}
    return {}


@dataclass(slots=True)
class _Slot:
    values: list[str] = field(default_factory=list)
    label: str = ""
    parts: dict[str, str] = field(default_factory=dict)
    raw: bool = False


#: headers that are only a label: Yahoo's phone columns "Home", "Work", "Other", "Primary"
_LABEL_ONLY = {
    "home": "home",
    "work": "work",
    "business": "work",
    "other": "other",
    "primary": "",
    "alternate": "",
    "private": "home",
    "privat": "home",
    "main": "work",
    "particular": "home",
    "particular2": "home",
    "ufficio": "work",
    "ufficio2": "work",
    "abitazione": "home",
    "abitazione2": "home",
}
_TRUE = frozenset({"true", "1", "yes", "ja", "oui", "si", "sí", "x"})


def _unmodelled(
    name: str, value: str, region: str | None, emails: list[Email], phones: list[Phone]
) -> bool:
    """An email in a column NetDesk does not model is an email; a phone number in a column
    whose header is only a label (Yahoo's "Home", "Work") is a phone. True when taken."""
    key = _key(name)
    if is_email(value):
        emails.append(Email(_strip_mailto(value), _label_of(_words(name), key)))
        return True
    if key in _LABEL_ONLY and is_phone(value, region):
        phones.append(Phone(value, to_e164(value, region), _LABEL_ONLY[key]))
        return True
    return False


def _more(
    group: str,
    value: str,
    region: str | None,
    emails: list[Email],
    phones: list[Phone],
    addresses: list[Address],
    urls: list[Url],
) -> bool:
    """The JSON array of NetDesk's ``<list>.more`` cell, appended to its list; False when
    the cell is not such an array."""
    try:
        items = json.loads(value)
    except ValueError:
        return False
    if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
        return False

    def text(item: dict[str, object], key: str) -> str:
        v = item.get(key)
        return v if isinstance(v, str) else ""

    for item in items:
        pref = item.get("pref") is True
        if group == "emails":
            emails.append(Email(text(item, "value"), text(item, "label"), pref))
        elif group == "phones":
            number = text(item, "value")
            given = text(item, "e164") or to_e164(number, region)
            phones.append(Phone(number, given, text(item, "label"), pref))
        elif group == "urls":
            urls.append(Url(text(item, "value"), text(item, "label")))
        else:
            addresses.append(Address(*(text(item, k) for k in _ADDRESS_PARTS)))
    return True


def _strip_mailto(value: str) -> str:
    v = value.strip()
    return v[7:] if v.casefold().startswith("mailto:") else v


def _address(parts: dict[str, list[str]], label: str) -> Address:
    street_lines = [*parts.get("pobox", []), *parts.get("street", [])]
    formatted = parts.get("formatted", [])
    others = [v for k in ("locality", "region", "code", "country") for v in parts.get(k, [])]
    if formatted and others:
        # Thunderbird's "Home Address" is the street: keep it. KMail's "Home Address Label"
        # and Evolution's "Business Address" are the whole address: drop what repeats it.
        known = set(_words(" ".join([*street_lines, *others])))
        lines = [x for f in formatted for x in f.splitlines() if x.strip()]
        if not street_lines or not all(set(_words(x)) <= known for x in lines):
            street_lines = [*formatted, *street_lines]
    addr = Address(
        "\n".join(street_lines),
        ", ".join(parts.get("locality", [])),
        ", ".join(parts.get("region", [])),
        " ".join(parts.get("code", [])),
        ", ".join(parts.get("country", [])),
        label,
    )
    if addr.is_empty() and formatted:
        addr = Address("\n".join(formatted), label=label)
    return addr


def _row_contact(
    layout: _Layout, cells: list[str], region: str | None, day_first: bool | None = None
) -> tuple[Contact | None, str | None, list[str]]:
    """(contact, error, warnings) for one data row."""
    fields: dict[str, str] = {}
    emails: list[Email] = []
    phones: list[Phone] = []
    urls: list[Url] = []
    tags: list[str] = []
    starred = False
    notes: list[str] = []
    extra_notes: list[str] = []
    warnings: list[str] = []
    dates: dict[str, PartialDate] = {}
    birth: dict[str, str] = {}
    met_on: date | None = None
    cadence: int | None = None
    slots: dict[str, _Slot] = {}
    addresses: dict[str, dict[str, list[str]]] = {}
    # NetDesk's "<list>.more" cells: after the numbered columns
    more_emails: list[Email] = []
    more_phones: list[Phone] = []
    more_urls: list[Url] = []
    more_addresses: list[Address] = []
    header = layout.header
    if len(cells) > len(header):
        surplus = [c.strip() for c in cells[len(header) :] if c.strip()]
        if surplus:
            warnings.append(
                f"{len(cells) - len(header)} more cells than the header has columns; "
                "kept in the notes"
            )
            extra_notes.append("More cells: " + " | ".join(surplus))
    for i, col in enumerate(layout.columns):
        raw_value = cells[i] if i < len(cells) else ""
        value = raw_value.strip()
        if not value:
            continue
        name = header[i].strip()
        if col is None:
            if _is_default(name, value):
                continue
            if not _unmodelled(name, value, region, emails, phones):
                extra_notes.append(f"{name}: {value}")
            continue
        kind = col.kind
        if kind == "ignore":
            continue
        if col.slot:
            slot = slots.setdefault(col.slot, _Slot(raw=col.raw))
            if kind == "address":
                slot.parts[col.part] = raw_value if col.raw else value
            elif col.part == "label":
                slot.label = value
            elif col.part in ("pref", "e164"):
                slot.parts[col.part] = value
            else:
                slot.values.extend([value] if col.raw else _split_multi(value))
            continue
        if kind == "email":
            for v in _split_multi(value):
                # KMail writes every address of a person into one cell, one a line
                parts = [x.strip() for x in re.split(r"[\n,;]", v) if x.strip()]
                for x in parts if len(parts) > 1 and all(map(is_email, parts)) else [v]:
                    emails.append(Email(_strip_mailto(x), col.label))
        elif kind == "phone":
            for v in _split_multi(value):
                if is_email(v):
                    emails.append(Email(v, col.label if col.label in ("work", "home") else ""))
                else:
                    phones.append(Phone(v, to_e164(v, region), col.label))
        elif kind == "url":
            label = col.label or ("LinkedIn" if layout.linkedin else "")
            for v in _split_multi(value):
                if is_email(v):
                    emails.append(Email(_strip_mailto(v)))
                else:
                    urls.append(Url(v, label))
        elif kind == "address":
            addresses.setdefault(col.label, {}).setdefault(col.part, []).append(value)
        elif kind == "notes":
            notes.append(raw_value if col.raw else value)
        elif kind == "note_line":
            extra_notes.append(f"{name}: {value}")
        elif kind == "more":
            if not _more(
                col.part, value, region, more_emails, more_phones, more_addresses, more_urls
            ):
                warnings.append(f"{name} is not the JSON list NetDesk writes; kept in the notes")
                extra_notes.append(f"{name}: {value}")
        elif kind == "tags":
            if col.raw:  # NetDesk's own: "; " between tags, nothing else special
                found, star = [t.strip() for t in value.split("; ") if t.strip()], False
            else:
                found, star = _tags(value)
            starred = starred or star
            tags.extend(t for t in found if t.casefold() not in {x.casefold() for x in tags})
        elif kind in ("birthday", "anniversary"):
            try:
                parsed = parse_csv_date(value, region, day_first)
            except ValueError:
                parsed = None
                warnings.append(
                    f"{name} {value!r} is not a date NetDesk understands; kept in the notes"
                )
                extra_notes.append(f"{name}: {value}")
            if parsed is not None and kind not in dates:
                dates[kind] = parsed
        elif kind in ("birth_year", "birth_month", "birth_day"):
            birth[kind] = value
        elif kind == "met_on":
            try:
                parsed = parse_csv_date(value, region, day_first)
            except ValueError:
                parsed = None
            if parsed is None or parsed.year is None:
                warnings.append(f"{name} {value!r} is not a whole date; kept in the notes")
                extra_notes.append(f"{name}: {value}")
            else:
                met_on = date(parsed.year, parsed.month, parsed.day)
        elif kind == "cadence_days":
            if value.isdigit():
                cadence = int(value)
            else:
                extra_notes.append(f"{name}: {value}")
        elif kind == "starred":
            starred = starred or value.casefold() in _TRUE
        elif kind == "connected":
            where = "LinkedIn" if layout.linkedin else ""
            extra_notes.append(f"Connected on {where}: {value}" if where else f"{name}: {value}")
            met_on = met_on or _connected_on(value, region, day_first)
        elif kind in fields:  # a second column for the same field: keep it in the notes
            if value != fields[kind]:
                extra_notes.append(f"{name}: {value}")
        else:
            fields[kind] = value
    if birth and "birthday" not in dates:
        try:
            month = int(birth.get("birth_month", "0") or 0)
            day = int(birth.get("birth_day", "0") or 0)
            year_text = birth.get("birth_year", "")
            year = int(year_text) if year_text.isdigit() and int(year_text) > 0 else None
            dates["birthday"] = PartialDate(month, day, year)
        except ValueError:
            shown = "/".join(birth.get(k, "") for k in ("birth_year", "birth_month", "birth_day"))
            warnings.append(f"birth year/month/day {shown!r} is not a date; kept in the notes")
            extra_notes.append(f"Birthday: {shown}")
    # numbered groups (Google's, NetDesk's own), in column order
    address_list: list[Address] = []
    for slot_name, slot in slots.items():
        if slot.raw:
            label, pref = slot.label, slot.parts.get("pref", "").casefold() in _TRUE
        else:
            label, pref = _google_label(slot.label)
        if slot_name.startswith(("email", "ndemails")):
            emails.extend(Email(v, label, pref and n == 0) for n, v in enumerate(slot.values))
        elif slot_name.startswith(("phone", "ndphones")):
            given = slot.parts.get("e164") or None
            phones.extend(
                Phone(
                    v, given if slot.raw and given else to_e164(v, region), label, pref and n == 0
                )
                for n, v in enumerate(slot.values)
            )
        elif slot_name.startswith(("website", "ndurls")):
            urls.extend(Url(v, label) for v in slot.values)
        elif slot_name.startswith(("address", "ndaddresses")):
            p = slot.parts
            if slot.raw:
                address_list.append(
                    Address(
                        p.get("street", ""),
                        p.get("locality", ""),
                        p.get("region", ""),
                        p.get("code", ""),
                        p.get("country", ""),
                        p.get("label", ""),
                    )
                )
                continue
            label, _ = _google_label(p.get("label", ""))
            street = "\n".join(x for x in (p.get("pobox"), p.get("extended"), p.get("street")) if x)
            addr = Address(
                street,
                p.get("locality", ""),
                p.get("region", ""),
                p.get("code", ""),
                p.get("country", ""),
                label,
            )
            if addr.is_empty() and p.get("formatted"):
                addr = Address(p["formatted"], label=label)
            if not addr.is_empty():
                address_list.append(addr)
    address_list += more_addresses
    emails += more_emails
    phones += more_phones
    urls += more_urls
    for label, address_parts in addresses.items():
        addr = _address(address_parts, label)
        if not addr.is_empty():
            address_list.append(addr)
    kinds = layout.kinds()
    named_parts = "given_name" in kinds or "family_name" in kinds or "nd_given_name" in kinds
    if fields.get("display_name") and not named_parts:
        fields.update(_split_full_name(fields["display_name"]))
    has_name = any(fields.get(k) for k in ("display_name", "given_name", "family_name", "nickname"))
    if not (has_name or emails or phones or fields.get("organization")):
        had = [
            header[i].strip()
            for i, c in enumerate(cells[: len(header)])
            if c.strip() and c.strip() not in _NO_DATE and not _is_default(header[i], c)
        ]
        reason = "no name, email or phone"
        if had:
            reason += f" (only {', '.join(had[:4])}{'…' if len(had) > 4 else ''})"
        return None, reason, warnings
    all_notes = "\n\n".join(notes)
    if extra_notes:
        all_notes = (all_notes + "\n\n" if all_notes else "") + "\n".join(extra_notes)
    texts: dict[str, Any] = {f.name: fields.get(f.name, "") for f in CSV_TEXT_FIELDS}
    c = Contact(
        **texts,
        emails=tuple(emails),
        phones=tuple(phones),
        addresses=tuple(address_list),
        urls=tuple(urls),
        birthday=dates.get("birthday"),
        anniversary=dates.get("anniversary"),
        notes=all_notes,
        tags=tuple(tags),
        starred=starred,
        met_on=met_on,
        cadence_days=cadence,
    )
    if not c.display_name and "nd_display_name" not in kinds:  # NetDesk's own: as it was
        derived = derive_display_name(c)
        if derived != "(no name)":
            c = c.with_changes(display_name=derived)
    return phones_with_regions(c, region), None, warnings


# --------------------------------------------------------------------------- files


def _header_again(cells: list[str], layout: _Layout) -> _Layout | None:
    """A header-like row among the data (two exports pasted into one file)."""
    if not layout.has_header:
        return None
    # cheap first: two cells that are column names NetDesk knows by heart
    known = _KNOWN_NAMES
    if sum(1 for c in cells if c and (c.strip().casefold() in known or c in _NETDESK_SCALARS)) < 2:
        return None
    candidate = _header_candidate(cells, layout.delimiter, -1)
    if candidate is None or candidate.recognised * 2 < sum(1 for c in cells if c.strip()):
        return None
    return candidate


def iter_csv(
    data: bytes,
    file: str = "",
    default_region: str | None = "US",
    *,
    options: CsvOptions | None = None,
    should_cancel: Callable[[], bool] | None = None,
    progress: Progress | None = None,
) -> Iterator[CardResult]:
    """One :class:`CardResult` per data row (rows whose cells are all empty are not rows).
    A header row found again below the first is a result too (unreadable, saying so), and
    the rows below it are read with its columns. Raises :class:`ImportFileError` (before
    yielding anything) when no header row is found and the first row holds no data."""
    prepared = _prepare(data, file, default_region, options)
    del data
    text = prepared.text
    layout = prepared.layout
    name = PurePath(file).name or "the file"
    total = max(1, text.count("\n") - max(layout.header_index, 0))

    def order(lay: _Layout) -> bool | None:
        date_columns = [
            i for i, c in enumerate(lay.columns) if c and c.kind in ("birthday", "anniversary")
        ]
        if not date_columns:
            return None
        return _slash_order(
            cells[i]
            for _line, cells in _records(text, lay.delimiter)
            for i in date_columns
            if i < len(cells)
        )

    day_first = order(layout)
    row = 0
    try:
        for index, (line, cells) in enumerate(_records(text, layout.delimiter)):
            if index <= layout.header_index or not any(c.strip() for c in cells):
                if index < layout.header_index and _data_like(cells, default_region):
                    row += 1
                    yield CardResult(
                        file,
                        row,
                        line,
                        None,
                        "above the header row (line "
                        f"{_header_line(text, layout)}); not read as a contact",
                    )
                continue
            row += 1
            again = _header_again(cells, layout)
            if again is not None:
                same = [_key(h) for h in again.header] == [_key(h) for h in layout.header]
                if not same:
                    again.header_index = layout.header_index
                    layout = again
                    day_first = order(layout)
                reason = (
                    "the header row again (two exports in one file?); the rows below are read "
                    + ("with the same columns" if same else "with its columns")
                )
                yield CardResult(file, row, line, None, reason)
                continue
            try:
                contact, error, warnings = _row_contact(layout, cells, default_region, day_first)
            except Exception as exc:  # a bug here must not cost the user the rest of the file
                contact, error, warnings = None, f"internal error while reading: {exc!r}", []
            yield CardResult(
                file, row, line, contact, error, tuple(f"line {line}: {w}" for w in warnings)
            )
            if row % PROGRESS_EVERY == 0:
                if progress is not None:
                    progress(row, max(total, row))
                if should_cancel is not None and should_cancel():
                    return
    except csv.Error as exc:
        raise ImportFileError(f"{name}: not a CSV file NetDesk can read ({exc}).") from exc
    if progress is not None:
        progress(row, row)


def _header_line(text: str, layout: _Layout) -> int:
    for index, (line, _cells) in enumerate(_records(text, layout.delimiter)):
        if index == layout.header_index:
            return line
    return 0


def read_csv(
    data: bytes,
    file: str = "",
    default_region: str | None = "US",
    options: CsvOptions | None = None,
) -> list[CardResult]:
    """Every row of a CSV file (see :func:`iter_csv`)."""
    return list(iter_csv(data, file, default_region, options=options))
