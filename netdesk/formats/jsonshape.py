"""The contact JSON shape shared by `netdesk list/add --json` and `parse-card`."""

from __future__ import annotations

from datetime import date
from typing import Any

from netdesk.core.dates import PartialDate
from netdesk.core.errors import ValidationError
from netdesk.core.model import Address, Contact, Email, Phone, Url


def _pdate(value: PartialDate | None) -> str | None:
    return value.iso() if value else None


def _date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def contact_to_json(c: Contact) -> dict[str, Any]:
    return {
        "id": c.id,
        "display_name": c.display_name,
        "given_name": c.given_name,
        "family_name": c.family_name,
        "additional_names": c.additional_names,
        "prefix": c.prefix,
        "suffix": c.suffix,
        "nickname": c.nickname,
        "organization": c.organization,
        "department": c.department,
        "title": c.title,
        "emails": [{"value": e.value, "label": e.label, "pref": e.pref} for e in c.emails],
        "phones": [
            {"value": p.value, "e164": p.e164, "label": p.label, "pref": p.pref} for p in c.phones
        ],
        "addresses": [
            {
                "street": a.street,
                "locality": a.locality,
                "region": a.region,
                "postal_code": a.postal_code,
                "country": a.country,
                "label": a.label,
            }
            for a in c.addresses
        ],
        "urls": [{"value": u.value, "label": u.label} for u in c.urls],
        "birthday": _pdate(c.birthday),
        "anniversary": _pdate(c.anniversary),
        "notes": c.notes,
        "tags": list(c.tags),
        "met_at": c.met_at,
        "met_on": _date(c.met_on),
        "introduced_by": c.introduced_by,
        "cadence_days": c.cadence_days,
        "last_contacted": _date(c.last_contacted),
        "next_touch": _date(c.next_touch),
        "starred": c.starred,
    }


def _str(d: dict[str, Any], key: str, where: str) -> str:
    value = d.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(f"{where}{key}", f"must be text, not {type(value).__name__}")
    return value


def _list(d: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    value = d.get(key) or []
    if not isinstance(value, list) or not all(isinstance(x, dict) for x in value):
        raise ValidationError(f"{where}{key}", "must be a list of objects")
    return value


def _bool(d: dict[str, Any], key: str, where: str) -> bool:
    value = d.get(key, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise ValidationError(f"{where}{key}", "must be true or false")
    return value


def _opt_int(d: dict[str, Any], key: str, where: str) -> int | None:
    value = d.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{where}{key}", "must be a whole number or null")
    return value


def contact_from_json(d: Any, where: str = "") -> Contact:
    """Build a Contact from the JSON shape; ``id``, ``last_contacted`` and ``next_touch`` are
    ignored (they are assigned or derived). Errors name the offending key."""
    if not isinstance(d, dict):
        raise ValidationError(where.rstrip(".") or "contact", "must be a JSON object")
    birthday = anniversary = None
    met_on = None
    try:
        if d.get("birthday"):
            birthday = PartialDate.parse(_str(d, "birthday", where))
    except ValueError as err:
        raise ValidationError(f"{where}birthday", str(err)) from None
    try:
        if d.get("anniversary"):
            anniversary = PartialDate.parse(_str(d, "anniversary", where))
    except ValueError as err:
        raise ValidationError(f"{where}anniversary", str(err)) from None
    if d.get("met_on"):
        try:
            met_on = date.fromisoformat(_str(d, "met_on", where))
        except ValueError:
            raise ValidationError(f"{where}met_on", "must be a date YYYY-MM-DD") from None
    tags = d.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ValidationError(f"{where}tags", "must be a list of strings")
    return Contact(
        display_name=_str(d, "display_name", where),
        given_name=_str(d, "given_name", where),
        family_name=_str(d, "family_name", where),
        additional_names=_str(d, "additional_names", where),
        prefix=_str(d, "prefix", where),
        suffix=_str(d, "suffix", where),
        nickname=_str(d, "nickname", where),
        organization=_str(d, "organization", where),
        department=_str(d, "department", where),
        title=_str(d, "title", where),
        emails=tuple(
            Email(
                _str(e, "value", f"{where}emails."),
                _str(e, "label", f"{where}emails."),
                _bool(e, "pref", f"{where}emails."),
            )
            for e in _list(d, "emails", where)
        ),
        phones=tuple(
            Phone(
                _str(p, "value", f"{where}phones."),
                None,
                _str(p, "label", f"{where}phones."),
                _bool(p, "pref", f"{where}phones."),
            )
            for p in _list(d, "phones", where)
        ),
        addresses=tuple(
            Address(
                *(
                    _str(a, k, f"{where}addresses.")
                    for k in ("street", "locality", "region", "postal_code", "country", "label")
                )
            )
            for a in _list(d, "addresses", where)
        ),
        urls=tuple(
            Url(_str(u, "value", f"{where}urls."), _str(u, "label", f"{where}urls."))
            for u in _list(d, "urls", where)
        ),
        birthday=birthday,
        anniversary=anniversary,
        notes=_str(d, "notes", where),
        tags=tuple(tags),
        met_at=_str(d, "met_at", where),
        met_on=met_on,
        introduced_by=_opt_int(d, "introduced_by", where),
        cadence_days=_opt_int(d, "cadence_days", where),
        starred=_bool(d, "starred", where),
    )
