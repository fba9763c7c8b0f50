"""Conversion between ORM rows and core dataclasses (rows never leave storage)."""

from __future__ import annotations

from datetime import datetime

from netdesk.core.dates import PartialDate
from netdesk.core.model import Address, Contact, Email, Phone, Photo, Url
from netdesk.core.text import fold
from netdesk.storage.schema import AddressRow, ContactRow, EmailRow, PhoneRow, UrlRow


def _pdate(text: str | None) -> PartialDate | None:
    if not text:
        return None
    try:
        return PartialDate.parse(text)
    except ValueError:
        return None


def row_to_contact(row: ContactRow, photo: Photo | None = None) -> Contact:
    return Contact(
        id=row.id,
        uid=row.uid,
        display_name=row.display_name,
        prefix=row.prefix,
        given_name=row.given_name,
        additional_names=row.additional_names,
        family_name=row.family_name,
        suffix=row.suffix,
        nickname=row.nickname,
        organization=row.organization,
        department=row.department,
        title=row.title,
        emails=tuple(Email(e.value, e.label, e.pref) for e in row.emails),
        phones=tuple(Phone(p.value, p.e164, p.label, p.pref) for p in row.phones),
        addresses=tuple(
            Address(a.street, a.locality, a.region, a.postal_code, a.country, a.label)
            for a in row.addresses
        ),
        urls=tuple(Url(u.value, u.label) for u in row.urls),
        birthday=_pdate(row.birthday),
        anniversary=_pdate(row.anniversary),
        notes=row.notes,
        tags=tuple(t.name for t in row.tags),
        met_at=row.met_at,
        met_on=row.met_on,
        introduced_by=row.introduced_by_id,
        cadence_days=row.cadence_days,
        starred=row.starred,
        photo=photo,
        extra_vcard=tuple(line for line in row.extra_vcard.split("\n") if line),
        last_contacted=row.last_contacted,
        next_touch=row.next_touch,
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.version,
    )


def scalar_columns(c: Contact, sort_name: str, display_name: str) -> dict[str, object]:
    """Column values for a contact's own row (children and tags are handled separately)."""
    return {
        "uid": c.uid,
        "display_name": display_name,
        "sort_name": sort_name,
        "prefix": c.prefix,
        "given_name": c.given_name,
        "additional_names": c.additional_names,
        "family_name": c.family_name,
        "suffix": c.suffix,
        "nickname": c.nickname,
        "organization": c.organization,
        "department": c.department,
        "title": c.title,
        "birthday": c.birthday.iso() if c.birthday else None,
        "birthday_md": c.birthday.month * 100 + c.birthday.day if c.birthday else None,
        "anniversary": c.anniversary.iso() if c.anniversary else None,
        "notes": c.notes,
        "met_at": c.met_at,
        "met_on": c.met_on,
        "introduced_by_id": c.introduced_by,
        "cadence_days": c.cadence_days,
        "starred": c.starred,
        "extra_vcard": "\n".join(c.extra_vcard),
    }


def child_rows(
    c: Contact,
) -> tuple[list[EmailRow], list[PhoneRow], list[AddressRow], list[UrlRow]]:
    emails = [
        EmailRow(
            position=i, value=e.value, value_key=e.value.strip().lower(), label=e.label, pref=e.pref
        )
        for i, e in enumerate(c.emails)
    ]
    phones = [
        PhoneRow(position=i, value=p.value, e164=p.e164, label=p.label, pref=p.pref)
        for i, p in enumerate(c.phones)
    ]
    addresses = [
        AddressRow(
            position=i,
            street=a.street,
            locality=a.locality,
            region=a.region,
            postal_code=a.postal_code,
            country=a.country,
            label=a.label,
        )
        for i, a in enumerate(c.addresses)
    ]
    urls = [UrlRow(position=i, value=u.value, label=u.label) for i, u in enumerate(c.urls)]
    return emails, phones, addresses, urls


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
