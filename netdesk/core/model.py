"""Frozen dataclasses that cross every layer (and threads)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from netdesk.core.cadence import follow_up_due
from netdesk.core.dates import PartialDate


@dataclass(frozen=True, slots=True)
class Email:
    value: str
    label: str = ""
    pref: bool = False


@dataclass(frozen=True, slots=True)
class Phone:
    value: str
    e164: str | None = None
    label: str = ""
    pref: bool = False


@dataclass(frozen=True, slots=True)
class Address:
    street: str = ""
    locality: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    label: str = ""

    def is_empty(self) -> bool:
        return not any((self.street, self.locality, self.region, self.postal_code, self.country))

    def one_line(self) -> str:
        parts = [self.street.replace("\n", ", "), f"{self.postal_code} {self.locality}".strip()]
        parts += [self.region, self.country]
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class Url:
    value: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class Photo:
    data: bytes
    mime: str = "image/jpeg"


@dataclass(frozen=True, slots=True)
class Contact:
    """A person or a company in the user's network.

    ``last_contacted`` and ``next_touch`` are derived by storage from interactions,
    follow-ups and the cadence; values given on write are ignored.
    """

    id: int | None = None
    uid: str = ""
    display_name: str = ""
    prefix: str = ""
    given_name: str = ""
    additional_names: str = ""
    family_name: str = ""
    suffix: str = ""
    nickname: str = ""
    organization: str = ""
    department: str = ""
    title: str = ""
    emails: tuple[Email, ...] = ()
    phones: tuple[Phone, ...] = ()
    addresses: tuple[Address, ...] = ()
    urls: tuple[Url, ...] = ()
    birthday: PartialDate | None = None
    anniversary: PartialDate | None = None
    notes: str = ""
    tags: tuple[str, ...] = ()
    met_at: str = ""
    met_on: date | None = None
    introduced_by: int | None = None
    cadence_days: int | None = None
    starred: bool = False
    photo: Photo | None = None
    #: vCard properties NetDesk does not model, as unfolded content lines, for export.
    extra_vcard: tuple[str, ...] = ()
    last_contacted: date | None = None
    next_touch: date | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    #: the row version this copy was read at (0: not read from the database). Saving a copy
    #: whose version is no longer the row's is detected and merged, never written over.
    #: Bookkeeping, not content: two copies that differ only in it compare equal.
    version: int = field(default=0, compare=False)

    def with_changes(self, **changes: object) -> Contact:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def name(self) -> str:
        return self.display_name or derive_display_name(self)


#: The plain-text fields of a Contact, in form order (identity first). Services strip,
#: fill and merge them uniformly.
CONTACT_TEXT_FIELDS: tuple[str, ...] = (
    "uid",
    "display_name",
    "prefix",
    "given_name",
    "additional_names",
    "family_name",
    "suffix",
    "nickname",
    "organization",
    "department",
    "title",
    "met_at",
)


@dataclass(frozen=True, slots=True)
class ContactSummary:
    """What a list row shows; cheap to load for thousands of rows."""

    id: int
    display_name: str
    organization: str
    title: str
    tags: tuple[str, ...]
    last_contacted: date | None
    next_touch: date | None
    starred: bool
    primary_email: str = ""
    primary_phone: str = ""


INTERACTION_TYPES: tuple[str, ...] = (
    "meeting",
    "call",
    "email",
    "message",
    "note",
    "event",
    "interview",
    "thank-you sent",
    "introduction",
    "help given",
    "help received",
    "advice",
    "reference",
    "news shared",
)


@dataclass(frozen=True, slots=True)
class Interaction:
    occurred_at: datetime
    type: str
    summary: str
    contact_ids: tuple[int, ...]
    notes: str = ""
    #: for introductions: the contact who made the introduction (also in contact_ids)
    introducer_id: int | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class FollowUp:
    contact_id: int
    due: date
    reason: str = ""
    done_on: date | None = None
    snoozed_until: date | None = None
    interaction_id: int | None = None
    id: int | None = None

    @property
    def effective_due(self) -> date:
        return follow_up_due(self.due, self.snoozed_until)


@dataclass(frozen=True, slots=True)
class DueItem:
    """One line of the Today view (and of ``netdesk due --json``)."""

    contact_id: int
    display_name: str
    due: date
    reason: str  # "cadence" | "follow-up" | "birthday"
    detail: str = ""
    follow_up_id: int | None = None


@dataclass(frozen=True, slots=True)
class Change:
    """What a write changed, so views can decide whether to refresh."""

    contacts: frozenset[int] = field(default_factory=frozenset)
    interactions: frozenset[int] = field(default_factory=frozenset)
    follow_ups: frozenset[int] = field(default_factory=frozenset)
    everything: bool = False


def derive_display_name(c: Contact) -> str:
    """The name to show when none was given: the person's name, else the company, else an
    email or phone, else "(no name)"."""
    person = " ".join(
        p for p in (c.prefix, c.given_name, c.additional_names, c.family_name) if p.strip()
    ).strip()
    if person and c.suffix.strip():
        person = f"{person}, {c.suffix.strip()}"
    if person:
        return person
    if c.nickname.strip():
        return c.nickname.strip()
    if c.organization.strip():
        return c.organization.strip()
    if c.emails:
        return c.emails[0].value
    if c.phones:
        return c.phones[0].value
    return "(no name)"


def sort_key_name(c: Contact) -> str:
    """Family name first when there is one, so that lists read like an address book."""
    from netdesk.core.text import fold

    if c.family_name.strip():
        return fold(f"{c.family_name} {c.given_name} {c.additional_names}")
    return fold(c.display_name or derive_display_name(c))
