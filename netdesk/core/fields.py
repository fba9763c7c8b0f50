"""The one table of a contact's fields: for each field of :class:`~netdesk.core.model.Contact`
its kind, the column of the ``contacts`` table that holds it, its key in the JSON shape (which
is also its CSV header), the title the CSV column mapping shows, and what a person calls it.

Everything that lists a contact's fields derives from it: the ORM <-> dataclass mapping and
the bulk writes (``storage/mapping.py``), the JSON shape (``formats/jsonshape.py``), the CSV
export header and the CSV reader's columns for NetDesk's own export (``formats/csv``). A test
checks it against the ORM model (every column of ``contacts`` appears, types agree) and
against the dataclass (every field appears). The order is the JSON shape's.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from netdesk.core.model import Address, Email, Phone, Url


class Kind(Enum):
    """What a field holds (and so how it is stored and written)."""

    ID = "id"  #: the row id (int)
    TEXT = "text"  #: one line of text
    LONG_TEXT = "long_text"  #: text with line breaks (notes)
    PARTIAL_DATE = "partial_date"  #: PartialDate, stored as ISO text (``--MM-DD`` without year)
    DATE = "date"  #: datetime.date
    DATETIME = "datetime"  #: datetime.datetime (stamps)
    INT = "int"
    REF = "ref"  #: the id of another contact
    BOOL = "bool"
    LINES = "lines"  #: tuple of lines, stored joined by ``\n``
    ITEMS = "items"  #: tuple of Email/Phone/Address/Url, stored in a child table
    TAGS = "tags"  #: tuple of tag names, stored through ``contact_tags``
    PHOTO = "photo"  #: Photo, stored in ``contact_images``


@dataclass(frozen=True, slots=True)
class Field:
    name: str  #: attribute of Contact
    kind: Kind
    label: str  #: what a person calls it
    #: column of the ``contacts`` table (None: held elsewhere)
    column: str | None = None
    #: key in the JSON shape and header of NetDesk's CSV export (None: not in them)
    json: str | None = None
    #: written by storage from the Contact (False: assigned or derived by storage)
    saved: bool = True
    #: read back from the JSON shape (``netdesk add``); False for ids and derived values
    json_in: bool = True
    #: read back from NetDesk's own CSV export; False for ids and derived values, which mean
    #: nothing in another database (the introducer's id among them)
    csv_in: bool = True
    #: title in the CSV column mapping (None: not a field a column can be mapped to)
    csv_title: str | None = None
    #: for ITEMS: the class of one item and its attributes, which are also the keys of its
    #: JSON object, the columns of its child table and the parts of its CSV columns
    item: type | None = None
    parts: tuple[str, ...] = ()


def _text(name: str, label: str, csv_title: str) -> Field:
    return Field(name, Kind.TEXT, label, name, name, csv_title=csv_title)


#: every field of Contact, in the order of the JSON shape (fields outside it at the end)
CONTACT_FIELDS: tuple[Field, ...] = (
    Field("id", Kind.ID, "Id", "id", "id", saved=False, json_in=False, csv_in=False),
    _text("display_name", "Display name", "Full name"),
    _text("given_name", "Given name", "First name"),
    _text("family_name", "Family name", "Last name"),
    _text("additional_names", "Middle names", "Middle name"),
    _text("prefix", "Prefix", "Name prefix"),
    _text("suffix", "Suffix", "Name suffix"),
    _text("nickname", "Nickname", "Nickname"),
    _text("organization", "Organisation", "Organisation"),
    _text("department", "Department", "Department"),
    _text("title", "Title", "Job title"),
    Field(
        "emails", Kind.ITEMS, "Emails", None, "emails", item=Email, parts=("value", "label", "pref")
    ),
    Field(
        "phones",
        Kind.ITEMS,
        "Phones",
        None,
        "phones",
        item=Phone,
        parts=("value", "e164", "label", "pref"),
    ),
    Field(
        "addresses",
        Kind.ITEMS,
        "Addresses",
        None,
        "addresses",
        item=Address,
        parts=("street", "locality", "region", "postal_code", "country", "label"),
    ),
    Field("urls", Kind.ITEMS, "Web addresses", None, "urls", item=Url, parts=("value", "label")),
    Field("birthday", Kind.PARTIAL_DATE, "Birthday", "birthday", "birthday", csv_title="Birthday"),
    Field(
        "anniversary",
        Kind.PARTIAL_DATE,
        "Anniversary",
        "anniversary",
        "anniversary",
        csv_title="Anniversary",
    ),
    Field("notes", Kind.LONG_TEXT, "Notes", "notes", "notes", csv_title="Notes"),
    Field("tags", Kind.TAGS, "Tags", None, "tags", csv_title="Tags"),
    _text("met_at", "Met at", "Met at"),
    Field("met_on", Kind.DATE, "Met on", "met_on", "met_on", csv_title="Met on"),
    Field(
        "introduced_by",
        Kind.REF,
        "Introduced by",
        "introduced_by_id",
        "introduced_by",
        csv_in=False,
    ),
    Field("cadence_days", Kind.INT, "Keep in touch", "cadence_days", "cadence_days"),
    Field(
        "last_contacted",
        Kind.DATE,
        "Last contacted",
        "last_contacted",
        "last_contacted",
        saved=False,
        json_in=False,
        csv_in=False,
    ),
    Field(
        "next_touch",
        Kind.DATE,
        "Next touch",
        "next_touch",
        "next_touch",
        saved=False,
        json_in=False,
        csv_in=False,
    ),
    Field("starred", Kind.BOOL, "Starred", "starred", "starred"),
    # not in the JSON shape
    Field("uid", Kind.TEXT, "vCard UID", "uid"),
    Field("photo", Kind.PHOTO, "Photo"),
    Field("extra_vcard", Kind.LINES, "Other vCard properties", "extra_vcard"),
    Field("created_at", Kind.DATETIME, "Created", "created_at", saved=False),
    Field("updated_at", Kind.DATETIME, "Updated", "updated_at", saved=False),
    Field("version", Kind.INT, "Version", "version", saved=False),
)

FIELDS_BY_NAME: dict[str, Field] = {f.name: f for f in CONTACT_FIELDS}
#: the fields of the JSON shape, in its order
JSON_FIELDS: tuple[Field, ...] = tuple(f for f in CONTACT_FIELDS if f.json is not None)
#: the fields held in a column of the contacts table
COLUMN_FIELDS: tuple[Field, ...] = tuple(f for f in CONTACT_FIELDS if f.column is not None)
#: the columns storage writes from a Contact (ids, stamps and derived dates it sets itself)
SAVED_COLUMN_FIELDS: tuple[Field, ...] = tuple(f for f in COLUMN_FIELDS if f.saved)
#: the labelled lists (emails, phones, addresses, URLs), each with its child table
ITEM_FIELDS: tuple[Field, ...] = tuple(f for f in CONTACT_FIELDS if f.kind is Kind.ITEMS)
#: the one-line text fields NetDesk's CSV reader fills from columns
CSV_TEXT_FIELDS: tuple[Field, ...] = tuple(
    f for f in JSON_FIELDS if f.kind is Kind.TEXT and f.csv_in
)
