"""The contact JSON shape shared by `netdesk list/add --json` and `parse-card`: the keys,
their order and their kinds come from the field table (:mod:`netdesk.core.fields`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from netdesk.core.dates import PartialDate
from netdesk.core.errors import ValidationError
from netdesk.core.fields import JSON_FIELDS, Field, Kind
from netdesk.core.model import Contact


def _out(f: Field, value: Any) -> Any:
    kind = f.kind
    if kind is Kind.PARTIAL_DATE or kind is Kind.DATE:
        return (value.iso() if kind is Kind.PARTIAL_DATE else value.isoformat()) if value else None
    if kind is Kind.ITEMS:
        return [{p: getattr(item, p) for p in f.parts} for item in value]
    if kind is Kind.TAGS:
        return list(value)
    return value


def contact_to_json(c: Contact) -> dict[str, Any]:
    """The JSON shape of ``c``: the keys of :data:`netdesk.core.fields.JSON_FIELDS`, in order."""
    return {f.json: _out(f, getattr(c, f.name)) for f in JSON_FIELDS}  # type: ignore[misc]


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


#: item parts the JSON shape does not read back (the E.164 form is derived from the number)
_DERIVED_PARTS = frozenset({"e164"})


def _item(f: Field, d: dict[str, Any], where: str) -> Any:
    assert f.item is not None
    return f.item(
        *(
            None
            if p in _DERIVED_PARTS
            else _bool(d, p, where)
            if p == "pref"
            else _str(d, p, where)
            for p in f.parts
        )
    )


def _dated(f: Field, d: dict[str, Any], where: str) -> PartialDate | date | None:
    key = f.json
    assert key is not None
    if not d.get(key):
        return None
    if f.kind is Kind.PARTIAL_DATE:
        try:
            return PartialDate.parse(_str(d, key, where))
        except ValueError as err:
            raise ValidationError(f"{where}{key}", str(err)) from None
    try:
        return date.fromisoformat(_str(d, key, where))
    except ValueError:
        raise ValidationError(f"{where}{key}", "must be a date YYYY-MM-DD") from None


def contact_from_json(d: Any, where: str = "") -> Contact:
    """Build a Contact from the JSON shape; ``id``, ``last_contacted`` and ``next_touch`` are
    ignored (they are assigned or derived). Errors name the offending key (dates are checked
    first, then the tags, then the other keys in the shape's order)."""
    if not isinstance(d, dict):
        raise ValidationError(where.rstrip(".") or "contact", "must be a JSON object")
    fields = [f for f in JSON_FIELDS if f.json_in]
    values: dict[str, Any] = {
        f.name: _dated(f, d, where) for f in fields if f.kind in (Kind.PARTIAL_DATE, Kind.DATE)
    }
    for f in fields:
        if f.kind is Kind.TAGS:
            tags = d.get(f.json) or []
            if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
                raise ValidationError(f"{where}{f.json}", "must be a list of strings")
            values[f.name] = tuple(tags)
    for f in fields:
        key = f.json
        assert key is not None
        if f.name in values:
            continue
        if f.kind is Kind.ITEMS:
            values[f.name] = tuple(_item(f, x, f"{where}{key}.") for x in _list(d, key, where))
        elif f.kind is Kind.BOOL:
            values[f.name] = _bool(d, key, where)
        elif f.kind is Kind.INT or f.kind is Kind.REF:
            values[f.name] = _opt_int(d, key, where)
        else:
            values[f.name] = _str(d, key, where)
    return Contact(**values)
