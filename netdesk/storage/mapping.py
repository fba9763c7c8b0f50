"""Conversion between ORM rows and core dataclasses (rows never leave storage), derived from
the field table (:mod:`netdesk.core.fields`); :func:`contact_rows` builds what both write
paths of a contact write."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import text

from netdesk.core.dates import PartialDate
from netdesk.core.fields import COLUMN_FIELDS, ITEM_FIELDS, SAVED_COLUMN_FIELDS, Kind
from netdesk.core.model import Contact, Photo, derive_display_name, sort_key_name
from netdesk.core.text import fold
from netdesk.storage.schema import AddressRow, ContactRow, EmailRow, PhoneRow, UrlRow


def _pdate(text: str | None) -> PartialDate | None:
    if not text:
        return None
    try:
        return PartialDate.parse(text)
    except ValueError:
        return None


#: the child table of each labelled list of a contact (emails, phones, addresses, URLs)
CHILD_ROWS: dict[str, type[EmailRow | PhoneRow | AddressRow | UrlRow]] = {
    "emails": EmailRow,
    "phones": PhoneRow,
    "addresses": AddressRow,
    "urls": UrlRow,
}
#: columns of ``contacts`` that are no field of a contact: derived by storage on write
#: (``sort_name``, ``birthday_md``) or from interactions (``cadence_due``), or its own
#: bookkeeping (``cadence_snoozed_until``, ``deleted_at``)
STORAGE_COLUMNS = frozenset(
    {"sort_name", "birthday_md", "cadence_due", "cadence_snoozed_until", "deleted_at"}
)
_FROM_ROW = tuple((f.name, str(f.column), f.kind) for f in COLUMN_FIELDS)
_TO_ROW = tuple((f.name, str(f.column), f.kind) for f in SAVED_COLUMN_FIELDS)
_ITEMS = tuple((f.name, f.item, f.parts) for f in ITEM_FIELDS)


def row_to_contact(row: ContactRow, photo: Photo | None = None) -> Contact:
    values: dict[str, Any] = {}
    for name, column, kind in _FROM_ROW:
        value = getattr(row, column)
        if kind is Kind.PARTIAL_DATE:
            value = _pdate(value)
        elif kind is Kind.LINES:
            value = tuple(line for line in value.split("\n") if line)
        values[name] = value
    for name, item, parts in _ITEMS:
        assert item is not None
        values[name] = tuple(item(*(getattr(r, p) for p in parts)) for r in getattr(row, name))
    return Contact(**values, tags=tuple(t.name for t in row.tags), photo=photo)


def scalar_columns(c: Contact, sort_name: str, display_name: str) -> dict[str, object]:
    """Column values for a contact's own row (children and tags are handled separately)."""
    out: dict[str, object] = {}
    for name, column, kind in _TO_ROW:
        value = getattr(c, name)
        if kind is Kind.PARTIAL_DATE:
            value = value.iso() if value else None
        elif kind is Kind.LINES:
            value = "\n".join(value)
        out[column] = value
    out["display_name"] = display_name
    out["sort_name"] = sort_name
    out["birthday_md"] = c.birthday.month * 100 + c.birthday.day if c.birthday else None
    return out


def child_values(c: Contact) -> dict[str, list[dict[str, object]]]:
    """The rows of each child table of ``c`` (without ``contact_id``), by list field."""
    out: dict[str, list[dict[str, object]]] = {}
    for name, _item, parts in _ITEMS:
        out[name] = [
            {"position": i, **{p: getattr(x, p) for p in parts}}
            for i, x in enumerate(getattr(c, name))
        ]
    for row in out["emails"]:
        row["value_key"] = str(row["value"]).strip().lower()
    return out


@dataclass(frozen=True, slots=True)
class ContactRows:
    """Everything written for one contact, built once for both write paths (the single-row
    save of the repository and the bulk insert): its ``contacts`` row (no id, no stamps),
    the rows of its child tables, its tags, its photo and its search-index text."""

    contact: Contact  #: as given, with a UID
    display_name: str
    row: dict[str, object]
    children: dict[str, list[dict[str, object]]]
    fts: dict[str, str]


def contact_rows(c: Contact, *, index: bool = True, fill_uid: bool = True) -> ContactRows:
    """What to write for ``c``; a new contact without a UID gets one (``fill_uid``)."""
    if fill_uid and not c.uid:
        c = c.with_changes(uid=new_uid())
    display = c.display_name.strip() or derive_display_name(c)
    sort_name = sort_key_name(c.with_changes(display_name=display))
    return ContactRows(
        c,
        display,
        scalar_columns(c, sort_name, display),
        child_values(c),
        fts_values(c, display) if index else {},
    )


#: one row of the contacts search index
FTS_INSERT = text(
    "INSERT INTO contacts_fts (rowid, name, organization, title, emails, phones, "
    "notes, tags, interactions) VALUES (:id, :name, :organization, :title, :emails, "
    ":phones, :notes, :tags, :interactions)"
)


def fts_values(c: Contact, display_name: str) -> dict[str, str]:
    """Folded text for the contacts_fts row of ``c``."""
    from netdesk.core.text import phone_search_tokens

    names = " ".join(
        (
            display_name,
            c.prefix,
            c.given_name,
            c.additional_names,
            c.family_name,
            c.suffix,
            c.nickname,
        )
    )
    phone_tokens: list[str] = []
    for p in c.phones:
        phone_tokens += phone_search_tokens(p.value, p.e164)
    return {
        "name": fold(names),
        "organization": fold(f"{c.organization} {c.department}"),
        "title": fold(c.title),
        "emails": fold(" ".join(e.value for e in c.emails)),
        "phones": " ".join(phone_tokens),
        "notes": fold(f"{c.notes} {c.met_at}"),
        "tags": fold(" ".join(c.tags)),
    }


def new_uid() -> str:
    """A stable vCard UID for a contact created in NetDesk."""
    import uuid

    return f"urn:uuid:{uuid.uuid4()}"


def now() -> datetime:
    return datetime.now().replace(microsecond=0)
