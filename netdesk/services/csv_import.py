"""Contacts from CSV files: LinkedIn, Outlook, Google Contacts and plain spreadsheets.

Each data row becomes a :class:`netdesk.vcard.CardResult` (``card`` = the row's number,
``line`` = the physical line the row starts on), so the import preview, matching, the merge
policies, progress, cancel and the one-transaction apply treat CSV rows exactly like vCards.

- Bytes: UTF-8 with or without a byte order mark, UTF-16 (with a mark, or without one when
  every other byte is NUL), else cp1252 (Excel's "CSV" on Western Windows).
- Layout: the delimiter (``,``, ``;`` or tab) and the header row are found together: the
  first of the first records whose cells NetDesk recognises best. Lines before it (LinkedIn's
  "Notes:" preamble) are skipped. Quoted fields may hold line breaks.
- Columns are matched by name, ignoring case, spaces and punctuation ("E-mail 1 - Value" is
  ``email1value``). Columns NetDesk does not model are not lost: each non-empty one becomes a
  "Column: value" line of the contact's notes.
- A row with no name, email, phone or company is reported unreadable with its reason; a file
  with no recognisable header is an :class:`ImportFileError` naming the file.

No Qt; imports only ``netdesk.core`` and the vCard reader's result type.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

from netdesk.core.dates import PartialDate
from netdesk.core.errors import ImportFileError
from netdesk.core.model import Address, Contact, Email, Phone, Url, derive_display_name
from netdesk.core.validation import to_e164
from netdesk.vcard import CardResult

__all__ = [
    "CSV_SUFFIXES",
    "VCARD_SUFFIXES",
    "is_csv",
    "iter_csv",
    "parse_csv_date",
    "read_csv",
    "record_word",
    "records_word",
]

CSV_SUFFIXES = (".csv", ".tsv")
#: file endings that are always read as vCards
VCARD_SUFFIXES = (".vcf", ".vcard")
#: records looked at when searching the header row
HEADER_SEARCH = 40
DELIMITERS = (",", ";", "\t")
#: Google Contacts puts several values in one cell separated by this
MULTI = ":::"
PROGRESS_EVERY = 500

Progress = Callable[[int, int], None]


def _key(header: str) -> str:
    """A header as compared: lower case, letters and digits only."""
    return re.sub(r"[^0-9a-z]", "", header.casefold())


# --------------------------------------------------------------------------- columns


@dataclass(frozen=True, slots=True)
class _Col:
    """What one column holds. ``kind`` is a Contact field or one of email/phone/url/address/
    date/tags/notes/connected/ignore; ``slot`` groups numbered Google columns (email 2's
    label and value); ``part`` is value/label for grouped columns, the address component for
    addresses."""

    kind: str
    label: str = ""
    slot: str = ""
    part: str = "value"


_SIMPLE: dict[str, _Col] = {}


def _add(kind: str, *headers: str, label: str = "", part: str = "value") -> None:
    for h in headers:
        _SIMPLE[_key(h)] = _Col(kind, label, "", part)


# names
_add("display_name", "Name", "Full Name", "Display Name", "Contact Name", "File As")
_add("given_name", "First Name", "First", "Given Name", "Firstname", "Forename")
_add("family_name", "Last Name", "Last", "Family Name", "Surname", "Lastname")
_add("additional_names", "Middle Name", "Additional Name", "Middle")
_add("prefix", "Name Prefix", "Prefix", "Salutation")
_add("suffix", "Name Suffix", "Suffix")
_add("nickname", "Nickname", "Nick Name")
# work
_add("organization", "Company", "Organization", "Organisation", "Organization Name", "Employer")
_add("organization", "Company Name", "Organization 1 - Name")
_add("department", "Department", "Organization Department", "Organization 1 - Department")
_add("title", "Job Title", "Position", "Organization Title", "Organization 1 - Title", "Role")
# emails (Outlook's type and display name columns say nothing a person would miss)
_add("email", "Email", "E-mail", "Email Address", "E-mail Address", "Mail", "Email 1")
_add("email", "E-mail 2 Address", "Email 2", "Email 2 Address", label="")
_add("email", "E-mail 3 Address", "Email 3", "Email 3 Address", label="")
_add("email", "Work Email", "Business Email", label="work")
_add("email", "Home Email", "Personal Email", label="home")
for _n in ("", "2", "3"):
    _add("ignore", f"E-mail {_n} Type", f"E-mail {_n} Display Name")
# phones
_add("phone", "Phone", "Telephone", "Tel", "Phone Number", "Primary Phone", label="")
_add("phone", "Mobile", "Mobile Phone", "Cell", "Cell Phone", "Mobile Number", label="mobile")
_add("phone", "Business Phone", "Business Phone 2", "Work Phone", "Office Phone", label="work")
_add("phone", "Company Main Phone", "Assistant's Phone", "Callback", label="work")
_add("phone", "Home Phone", "Home Phone 2", label="home")
_add("phone", "Business Fax", "Home Fax", "Other Fax", "Fax", label="fax")
_add("phone", "Other Phone", "Car Phone", "Pager", "Radio Phone", "ISDN", label="other")
_add("phone", "TTY/TDD Phone", "Telex", label="other")
# web
_add("url", "Web Page", "Website", "Web Site", "URL", "Web", "Homepage", "Home Page", label="")
_add("url", "LinkedIn", "LinkedIn URL", "LinkedIn Profile", label="LinkedIn")
# addresses (plain ones and Outlook's Business/Home/Other blocks)
_add("address", "Address", part="formatted")
_add("address", "Street", "Street Address", part="street")
_add("address", "City", "Town", "Locality", part="locality")
_add("address", "State", "Region", "Province", "County", part="region")
_add("address", "Postal Code", "Zip", "Zip Code", "Postcode", "ZIP/Postal Code", part="code")
_add("address", "Country", "Country/Region", part="country")
for _prefix, _label in (("Business", "work"), ("Home", "home"), ("Other", "other")):
    _add("address", f"{_prefix} Street", part="street", label=_label)
    _add("address", f"{_prefix} Street 2", f"{_prefix} Street 3", part="street", label=_label)
    _add("address", f"{_prefix} PO Box", f"{_prefix} Address PO Box", part="pobox", label=_label)
    _add("address", f"{_prefix} City", part="locality", label=_label)
    _add("address", f"{_prefix} State", part="region", label=_label)
    _add("address", f"{_prefix} Postal Code", part="code", label=_label)
    _add("address", f"{_prefix} Country/Region", f"{_prefix} Country", part="country", label=_label)
    _add("address", f"{_prefix} Address", part="formatted", label=_label)
# the rest
_add("notes", "Notes", "Note", "Comments", "Comment", "Description")
_add("tags", "Tags", "Categories", "Labels", "Groups", "Group Membership", "Group", "Tag")
_add("birthday", "Birthday", "Date of Birth", "Birth Date", "DOB", "Birthdate")
_add("anniversary", "Anniversary")
_add("connected", "Connected On")
#: Outlook writes these with a default in every row; only other values are worth keeping
_DEFAULTS = {
    "gender": "unspecified",
    "priority": "normal",
    "sensitivity": "normal",
    "private": "false",
}

#: Google's numbered columns: "E-mail 2 - Label", "Phone 1 - Value", "Address 1 - City"...
_NUMBERED = re.compile(
    r"^(email|phone|address|website|organization|relation|event|im|customfield)(\d+)(\w+)$"
)
_NUMBERED_PARTS = {
    "email": {"value": "value", "label": "label", "type": "label"},
    "phone": {"value": "value", "label": "label", "type": "label"},
    "website": {"value": "value", "label": "label", "type": "label"},
    "address": {
        "street": "street",
        "pobox": "pobox",
        "extendedaddress": "extended",
        "city": "locality",
        "region": "region",
        "postalcode": "code",
        "country": "country",
        "formatted": "formatted",
        "label": "label",
        "type": "label",
    },
}


def _column(header: str, outlook: bool) -> _Col | None:
    """What a header holds, or None when NetDesk does not model it."""
    key = _key(header)
    if not key:
        return None
    if key == "title":
        # Outlook's "Title" is Mr./Dr. (its job title is "Job Title"); elsewhere a job title.
        return _Col("prefix") if outlook else _Col("title")
    m = _NUMBERED.match(key)
    if key in _SIMPLE and not (m and " - " in header):  # Google's are "E-mail 2 - Type"
        return _SIMPLE[key]
    if m:
        group, n, part = m.groups()
        if group == "organization":
            target = {"name": "organization", "title": "title", "department": "department"}
            return _Col(target[part]) if part in target else None
        parts = _NUMBERED_PARTS.get(group)
        if parts and part in parts:
            kind = "url" if group == "website" else group
            return _Col(kind, "", f"{group}{n}", parts[part])
    return None


@dataclass(slots=True)
class _Layout:
    delimiter: str
    header_index: int  #: index of the header among the file's records
    header: list[str]
    columns: list[_Col | None]
    linkedin: bool
    recognised: int = field(default=0)


def _layout(header: list[str], delimiter: str, index: int) -> _Layout:
    keys = {_key(h) for h in header}
    outlook = "jobtitle" in keys and "title" in keys
    columns = [_column(h, outlook) for h in header]
    recognised = sum(1 for c in columns if c is not None and c.kind != "ignore")
    return _Layout(delimiter, index, header, columns, "connectedon" in keys, recognised)


# --------------------------------------------------------------------------- bytes


def decode_csv(data: bytes) -> tuple[str, str]:
    """The file's text and the encoding it was read with."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    sample = data[:4096]
    if len(sample) >= 4:
        even_nul = sample[0::2].count(0)
        odd_nul = sample[1::2].count(0)
        half = len(sample) // 2
        if odd_nul > half * 0.4 and even_nul < half * 0.05:
            return data.decode("utf-16-le", errors="replace"), "utf-16-le"
        if even_nul > half * 0.4 and odd_nul < half * 0.05:
            return data.decode("utf-16-be", errors="replace"), "utf-16-be"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(physical line the record starts on, cells) for every record of the text."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    start = 1
    for cells in reader:
        yield start, cells
        start = reader.line_num + 1


def _find_layout(text: str) -> _Layout | None:
    best: _Layout | None = None
    for delimiter in DELIMITERS:
        try:
            for index, (_line, cells) in enumerate(_records(text, delimiter)):
                if index >= HEADER_SEARCH:
                    break
                if len(cells) < 2 and delimiter != DELIMITERS[0]:
                    continue
                # The record with the most recognised cells is the header; LinkedIn's
                # "Notes:" line before it is recognised too, but only once.
                layout = _layout(cells, delimiter, index)
                if layout.recognised and (best is None or layout.recognised > best.recognised):
                    best = layout
        except csv.Error:
            continue
    return best


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
    text, _ = decode_csv(data[:65536])
    if "begin:vcard" in text.casefold():
        return False
    layout = _find_layout(text)
    return layout is not None and layout.recognised >= 2


# --------------------------------------------------------------------------- values

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            "jan january janvier januar enero gennaio",
            "feb february fevrier février februar febrero febbraio",
            "mar march mars märz maerz marzo",
            "apr april avril abril aprile",
            "may mai mayo maggio",
            "jun june juin juni junio giugno",
            "jul july juillet juli julio luglio",
            "aug august aout août agosto",
            "sep sept september septembre septiembre settembre",
            "oct october octobre oktober okt octubre ottobre",
            "nov november novembre noviembre",
            "dec december décembre decembre dezember dez diciembre dicembre",
        ),
        start=1,
    )
    for m in names.split()
}
_NUMERIC = re.compile(r"^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$")
_WORDY_DMY = re.compile(r"^(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})$")
_WORDY_MDY = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_WORDY_NOYEAR = re.compile(r"^(\d{1,2})\.?\s+([^\W\d_]+)\.?$|^([^\W\d_]+)\.?\s+(\d{1,2})$")
#: Outlook writes this for "no birthday"
_NO_DATE = frozenset({"0/0/00", "0/0/0000", "00.00.0000", "0.0.00", "1/1/4501", "01.01.4501"})


def _year(text: str) -> int:
    y = int(text)
    if len(text) <= 2:
        this = date.today().year % 100
        return 2000 + y if y <= this else 1900 + y
    return y


def _slash_order(values: Iterator[str]) -> bool | None:
    """Whether a file's ``a/b/yyyy`` dates put the day first (True), the month first (False),
    or cannot say (None): one date with a first number over 12 settles it, and so does one
    with a second number over 12."""
    for value in values:
        m = _NUMERIC.match(value.strip())
        if not m or len(m.group(1)) == 4 or value.strip()[len(m.group(1))] != "/":
            continue
        if int(m.group(1)) > 12:
            return True
        if int(m.group(2)) > 12:
            return False
    return None


def _connected_on(value: str, region: str | None, day_first: bool | None) -> date | None:
    """LinkedIn's "Connected On" (``12 Mar 2021``) as the day the user met the person; None
    when it is not a full date (the note keeps the text either way)."""
    try:
        parsed = parse_csv_date(value, region, day_first)
    except ValueError:
        return None
    if parsed is None or parsed.year is None:
        return None
    return date(parsed.year, parsed.month, parsed.day)


def parse_csv_date(
    text: str, region: str | None = "US", day_first: bool | None = None
) -> PartialDate | None:
    """A date as CSV exporters write it: ISO (``1985-03-14``, ``--03-14``), Outlook's
    ``3/14/1985`` (``day_first`` says the order; when None, the first number over 12 or the
    region's custom does), ``14.03.1985``, ``14 Mar 1985``, ``March 14, 1985``. None for an
    empty value and Outlook's "no date" placeholders; ValueError when it is not a date."""
    value = " ".join(text.split())
    if not value or value in _NO_DATE:
        return None
    value = value.split("T")[0] if re.match(r"^\d{4}-\d{2}-\d{2}T", value) else value
    value = re.sub(r"\s+\d{1,2}:\d{2}(:\d{2})?(\s*[AaPp][Mm])?$", "", value)  # a time part
    if re.match(r"^(--\d{2}-?\d{2}|\d{4}-\d{2}-\d{2}|\d{8})$", value):
        return PartialDate.parse(value)
    m = _NUMERIC.match(value)
    if m:
        a, b, c = m.groups()
        sep = value[len(a)]
        if len(a) == 4:  # 1985/03/14
            return PartialDate(int(b), int(c), int(a))
        x, y = int(a), int(b)
        if sep == "." or x > 12:
            first_is_day = True
        elif y > 12:
            first_is_day = False
        elif day_first is not None:
            first_is_day = day_first
        else:
            first_is_day = (region or "US").upper() not in ("US", "CA", "PH")
        day, month = (x, y) if first_is_day else (y, x)
        return PartialDate(month, day, _year(c))
    for pattern, order in ((_WORDY_DMY, "dmy"), (_WORDY_MDY, "mdy")):
        m = pattern.match(value)
        if m:
            g = m.groups()
            day_s, month_s, year_s = (g[0], g[1], g[2]) if order == "dmy" else (g[1], g[0], g[2])
            named = _MONTHS.get(month_s.casefold())
            if named is None:
                raise ValueError(f"{month_s!r} is not a month")
            return PartialDate(named, int(day_s), int(year_s))
    m = _WORDY_NOYEAR.match(value)
    if m:
        day_s, month_s = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        named = _MONTHS.get(month_s.casefold())
        if named is not None:
            return PartialDate(named, int(day_s), None)
    raise ValueError(f"{text.strip()!r} is not a date")


def _split_multi(value: str) -> list[str]:
    return [v.strip() for v in value.split(MULTI) if v.strip()]


def _google_label(raw: str) -> tuple[str, bool]:
    """A Google label ("* Work", "Mobile", "Home Fax") as NetDesk's label, and whether the
    star (Google's "primary") was set."""
    text = raw.strip()
    pref = text.startswith("*")
    text = text.lstrip("*").strip()
    folded = text.casefold()
    if folded in ("mobile", "cell", "cellular", "handy"):
        return "mobile", pref
    if folded in ("work", "business", "office"):
        return "work", pref
    if folded in ("home", "personal", "private"):
        return "home", pref
    if "fax" in folded:
        return "fax", pref
    if folded == "other":
        return "other", pref
    return text, pref


_TAG_SPLIT = re.compile(r"\s*(?::::|;|,)\s*")
#: Google's system labels: not something the user chose
_SYSTEM_LABELS = frozenset({"* mycontacts", "mycontacts", "* other contacts"})


def _tags(value: str) -> tuple[list[str], bool]:
    """Tags from a Categories/Labels cell, and whether Google's "* starred" label was there."""
    tags: list[str] = []
    starred = False
    for raw in _TAG_SPLIT.split(value):
        tag = raw.strip()
        folded = tag.casefold()
        if not tag or folded in _SYSTEM_LABELS:
            continue
        if folded == "* starred":
            starred = True
            continue
        tag = tag.lstrip("*").strip()
        if tag and tag.casefold() not in {t.casefold() for t in tags}:
            tags.append(tag)
    return tags, starred


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
    met_on: date | None = None
    slots: dict[str, _Slot] = {}
    addresses: dict[str, dict[str, list[str]]] = {}
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
        value = cells[i].strip() if i < len(cells) else ""
        if not value:
            continue
        name = header[i].strip()
        if col is None:
            if _DEFAULTS.get(_key(name)) == value.casefold():
                continue
            extra_notes.append(f"{name}: {value}")
            continue
        kind = col.kind
        if kind == "ignore":
            continue
        if col.slot:
            slot = slots.setdefault(col.slot, _Slot())
            if kind == "address":
                slot.parts[col.part] = value
            elif col.part == "label":
                slot.label = value
            else:
                slot.values.extend(_split_multi(value))
            continue
        if kind == "email":
            for v in _split_multi(value):
                emails.append(Email(v, col.label))
        elif kind == "phone":
            for v in _split_multi(value):
                phones.append(Phone(v, to_e164(v, region), col.label))
        elif kind == "url":
            label = col.label or ("LinkedIn" if layout.linkedin else "")
            for v in _split_multi(value):
                urls.append(Url(v, label))
        elif kind == "address":
            addresses.setdefault(col.label, {}).setdefault(col.part, []).append(value)
        elif kind == "notes":
            notes.append(value)
        elif kind == "tags":
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
        elif kind == "connected":
            where = "LinkedIn" if layout.linkedin else ""
            extra_notes.append(f"Connected on {where}: {value}" if where else f"{name}: {value}")
            met_on = met_on or _connected_on(value, region, day_first)
        elif kind in fields:  # a second column for the same field: keep it in the notes
            if value != fields[kind]:
                extra_notes.append(f"{name}: {value}")
        else:
            fields[kind] = value
    # Google's numbered groups, in column order
    address_list: list[Address] = []
    for slot_name, slot in slots.items():
        label, pref = _google_label(slot.label)
        if slot_name.startswith("email"):
            emails.extend(Email(v, label, pref and n == 0) for n, v in enumerate(slot.values))
        elif slot_name.startswith("phone"):
            phones.extend(
                Phone(v, to_e164(v, region), label, pref and n == 0)
                for n, v in enumerate(slot.values)
            )
        elif slot_name.startswith("website"):
            urls.extend(Url(v, label) for v in slot.values)
        elif slot_name.startswith("address"):
            p = slot.parts
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
    for label, parts in addresses.items():
        addr = Address(
            "\n".join([*parts.get("pobox", []), *parts.get("street", [])]),
            ", ".join(parts.get("locality", [])),
            ", ".join(parts.get("region", [])),
            " ".join(parts.get("code", [])),
            ", ".join(parts.get("country", [])),
            label,
        )
        if addr.is_empty() and parts.get("formatted"):
            addr = Address("\n".join(parts["formatted"]), label=label)
        if not addr.is_empty():
            address_list.append(addr)
    if fields.get("display_name") and not (fields.get("given_name") or fields.get("family_name")):
        fields.update(_split_full_name(fields["display_name"]))
    has_name = any(fields.get(k) for k in ("display_name", "given_name", "family_name", "nickname"))
    if not (has_name or emails or phones or fields.get("organization")):
        had = [
            header[i].strip()
            for i, c in enumerate(cells[: len(header)])
            if c.strip()
            and c.strip() not in _NO_DATE
            and _DEFAULTS.get(_key(header[i])) != c.strip().casefold()
        ]
        reason = "no name, email or phone"
        if had:
            reason += f" (only {', '.join(had[:4])}{'…' if len(had) > 4 else ''})"
        return None, reason, warnings
    all_notes = "\n\n".join(notes)
    if extra_notes:
        all_notes = (all_notes + "\n\n" if all_notes else "") + "\n".join(extra_notes)
    c = Contact(
        display_name=fields.get("display_name", ""),
        prefix=fields.get("prefix", ""),
        given_name=fields.get("given_name", ""),
        additional_names=fields.get("additional_names", ""),
        family_name=fields.get("family_name", ""),
        suffix=fields.get("suffix", ""),
        nickname=fields.get("nickname", ""),
        organization=fields.get("organization", ""),
        department=fields.get("department", ""),
        title=fields.get("title", ""),
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
    )
    if not c.display_name:
        derived = derive_display_name(c)
        if derived != "(no name)":
            c = c.with_changes(display_name=derived)
    return c, None, warnings


# --------------------------------------------------------------------------- files


def iter_csv(
    data: bytes,
    file: str = "",
    default_region: str | None = "US",
    *,
    should_cancel: Callable[[], bool] | None = None,
    progress: Progress | None = None,
) -> Iterator[CardResult]:
    """One :class:`CardResult` per data row (rows whose cells are all empty are not rows).
    Raises :class:`ImportFileError` (before yielding anything) when no header row is found."""
    text, _encoding = decode_csv(data)
    del data
    name = PurePath(file).name or "the file"
    layout = _find_layout(text)
    if layout is None:
        raise ImportFileError(
            f"{name}: no column NetDesk recognises (expected e.g. First Name, Last Name, "
            "Email, Phone, Company). Nothing was imported."
        )
    total = max(1, text.count("\n") - layout.header_index)
    date_columns = [
        i for i, c in enumerate(layout.columns) if c and c.kind in ("birthday", "anniversary")
    ]
    day_first = (
        _slash_order(
            cells[i]
            for _line, cells in _records(text, layout.delimiter)
            for i in date_columns
            if i < len(cells)
        )
        if date_columns
        else None
    )
    row = 0
    try:
        for index, (line, cells) in enumerate(_records(text, layout.delimiter)):
            if index <= layout.header_index or not any(c.strip() for c in cells):
                continue
            row += 1
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


def read_csv(data: bytes, file: str = "", default_region: str | None = "US") -> list[CardResult]:
    """Every row of a CSV file (see :func:`iter_csv`)."""
    return list(iter_csv(data, file, default_region))
