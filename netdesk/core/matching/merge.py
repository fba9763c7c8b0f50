"""Merging contacts that are one person: the survivor keeps the union of every value.

:func:`merge_values` never drops a value: emails, phones, addresses, URLs, tags and unknown
vCard lines are appended when new (compared with the rules of
:mod:`netdesk.core.matching.values`), empty fields are filled, different notes are joined.
:class:`MergeChoices` lets a person pick per value (one title, the newer photo, only some
emails) before the merge is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from netdesk.core.matching.values import address_key, email_key, same_phone, tag_key, url_key
from netdesk.core.model import CONTACT_TEXT_FIELDS, Contact

#: single-valued fields a person may pick from any of the merged contacts
CHOOSABLE_FIELDS: tuple[str, ...] = (
    *(f for f in CONTACT_TEXT_FIELDS if f != "uid"),
    "birthday",
    "anniversary",
    "met_on",
    "cadence_days",
    "introduced_by",
    "photo",
    "notes",
)
#: list fields whose values may be kept or left out one by one
LIST_FIELDS: tuple[str, ...] = ("emails", "phones", "addresses", "urls", "tags")
_OPTIONAL = ("birthday", "anniversary", "met_on", "cadence_days", "introduced_by", "photo")


def same_value(kind: str, a: Any, b: Any) -> bool:
    """Whether two values of a list field (emails, phones, ...) are the same entry."""
    if kind == "emails":
        return bool(email_key(a.value) == email_key(b.value))
    if kind == "phones":
        return same_phone(a, b)
    if kind == "addresses":
        return address_key(a) == address_key(b)
    if kind == "urls":
        return url_key(a) == url_key(b)
    if kind == "tags":
        return tag_key(a) == tag_key(b)
    return bool(a == b)


def added_values(kind: str, have: Sequence[Any], incoming: Sequence[Any]) -> tuple[Any, ...]:
    """The values of ``incoming`` that ``have`` lacks (and not already given earlier in
    ``incoming``), in order; a preferred email or phone stays preferred only when ``have``
    holds no preferred one."""
    out: list[Any] = []
    pref_seen = kind in ("emails", "phones") and any(v.pref for v in have)
    for v in incoming:
        if any(same_value(kind, v, x) for x in have) or any(same_value(kind, v, x) for x in out):
            continue
        if kind in ("emails", "phones") and v.pref:
            if pref_seen:
                v = replace(v, pref=False)
            pref_seen = True
        out.append(v)
    return tuple(out)


def union_values(kind: str, lists: Sequence[Sequence[Any]]) -> tuple[Any, ...]:
    """Every distinct value of ``kind`` across ``lists``, first occurrence kept, in order;
    only the first preferred email or phone stays preferred."""
    out: tuple[Any, ...] = ()
    for values in lists:
        out += added_values(kind, out, values)
    return out


def merge_values(survivor: Contact, others: Sequence[Contact]) -> Contact:
    """The survivor with every value of ``others`` it lacks (see the module docstring)."""
    everyone = (survivor, *others)
    changes: dict[str, object] = {}
    for name in CONTACT_TEXT_FIELDS:
        if name in ("uid", "display_name"):
            continue
        if not getattr(survivor, name).strip():
            for o in others:
                if getattr(o, name).strip():
                    changes[name] = getattr(o, name)
                    break
    for name in _OPTIONAL:
        if getattr(survivor, name) is None:
            for o in others:
                value = getattr(o, name)
                if value is not None and not (name == "introduced_by" and value in _ids(everyone)):
                    changes[name] = value
                    break
    if survivor.introduced_by in _ids(others):
        changes["introduced_by"] = next(
            (
                o.introduced_by
                for o in others
                if o.introduced_by is not None and o.introduced_by not in _ids(everyone)
            ),
            None,
        )
    notes: list[str] = []
    for c in everyone:
        text = c.notes.strip()
        if text and not any(text in n for n in notes):
            notes.append(text)
    changes["notes"] = "\n\n".join(notes)
    changes["starred"] = any(c.starred for c in everyone)
    for kind in LIST_FIELDS:
        changes[kind] = union_values(kind, [getattr(c, kind) for c in everyone])
    extra: list[str] = []
    for c in everyone:
        for line in c.extra_vcard:
            if line not in extra:
                extra.append(line)
    changes["extra_vcard"] = tuple(extra)
    if not survivor.display_name.strip() or survivor.display_name == "(no name)":
        for o in others:
            if o.display_name.strip() and o.display_name != "(no name)":
                changes["display_name"] = o.display_name
                break
    return replace(survivor, **changes)  # type: ignore[arg-type]


def _ids(contacts: Sequence[Contact]) -> set[int]:
    return {c.id for c in contacts if c.id is not None}


@dataclass(frozen=True)
class MergeChoices:
    """What a person picked in the side-by-side view.

    ``fields``: field name -> the id of the contact whose value to keep (a title, the
    photo...). ``dropped``: list field -> indexes (into the union of that field, as
    :func:`merge_values` orders it) of values to leave out.
    """

    fields: Mapping[str, int] = field(default_factory=dict)
    dropped: Mapping[str, frozenset[int]] = field(default_factory=dict)


def apply_choices(
    merged: Contact, contacts: Mapping[int, Contact], choices: MergeChoices | None
) -> Contact:
    """``merged`` (from :func:`merge_values`) with the person's picks applied."""
    if choices is None:
        return merged
    changes: dict[str, object] = {}
    for name, source in choices.fields.items():
        if name not in CHOOSABLE_FIELDS:
            raise ValueError(f"{name} cannot be chosen")
        if source not in contacts:
            raise ValueError(f"contact {source} is not one of the merged contacts")
        value = getattr(contacts[source], name)
        if name == "introduced_by" and value in contacts:
            value = None
        changes[name] = value
    for kind, indexes in choices.dropped.items():
        if kind not in LIST_FIELDS:
            raise ValueError(f"{kind} is not a list of values")
        values = getattr(merged, kind)
        changes[kind] = tuple(v for n, v in enumerate(values) if n not in indexes)
    return replace(merged, **changes)  # type: ignore[arg-type]
