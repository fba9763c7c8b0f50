"""Three-way merge of a contact, for a save whose copy is out of date.

``base`` is the contact as a form (or an undo step) read it, ``mine`` what the user made of
it, ``theirs`` the contact as the database holds it now (an import merged into it, another
window or a script saved it). The rules, field by field:

- a field only one side changed takes that side's value; both changed it the same way: that
  value; both changed it differently: a :class:`FieldConflict`, for the user to decide;
- list fields (emails, phones, addresses, URLs, tags, kept vCard lines) merge as sets of
  entries, matched by their value with the "same value" rules of
  :mod:`netdesk.core.matching.values` (an email as its mailbox, a phone by its E.164 form or
  digits, a URL without scheme, ...): an entry
  added on either side is kept; removed on one side it goes, unless the other side changed it
  (then the changed entry stays); an entry whose label or preferred flag both sides changed
  takes mine (what the user just typed). The order is mine when the user reordered the list,
  else theirs, with the other side's new entries appended;
- the stamps and derived dates (and the version) are theirs.

Pure functions over frozen dataclasses; nothing here reads or writes the database.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from netdesk.core.matching.values import (
    address_key,
    email_key,
    phone_entry_key,
    tag_key,
    url_key,
)
from netdesk.core.model import CONTACT_TEXT_FIELDS, Contact, Email, Phone

#: fields merged as one value each
SCALAR_FIELDS: tuple[str, ...] = (
    *CONTACT_TEXT_FIELDS,
    "notes",
    "birthday",
    "anniversary",
    "met_on",
    "introduced_by",
    "cadence_days",
    "starred",
    "photo",
)
#: fields merged entry by entry
LIST_FIELDS: tuple[str, ...] = ("emails", "phones", "addresses", "urls", "tags", "extra_vcard")

#: what a person calls each field (the conflict dialog)
FIELD_LABELS: dict[str, str] = {
    "uid": "vCard UID",
    "display_name": "Display name",
    "prefix": "Prefix",
    "given_name": "Given name",
    "additional_names": "Middle names",
    "family_name": "Family name",
    "suffix": "Suffix",
    "nickname": "Nickname",
    "organization": "Organisation",
    "department": "Department",
    "title": "Title",
    "met_at": "Met at",
    "notes": "Notes",
    "birthday": "Birthday",
    "anniversary": "Anniversary",
    "met_on": "Met on",
    "introduced_by": "Introduced by",
    "cadence_days": "Keep in touch",
    "starred": "Starred",
    "photo": "Photo",
}

MINE = "mine"
THEIRS = "theirs"


@dataclass(frozen=True, slots=True)
class FieldConflict:
    """One field both sides changed, to different values."""

    field: str
    base: Any
    mine: Any
    theirs: Any

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)


@dataclass(frozen=True, slots=True)
class ContactMerge:
    """The result of :func:`merge_contact_edits`. ``merged`` holds every field that merged
    cleanly, and theirs for each conflicting field until :meth:`resolve` is told which
    side to take."""

    merged: Contact
    conflicts: tuple[FieldConflict, ...] = ()

    @property
    def clean(self) -> bool:
        return not self.conflicts

    def resolve(self, choices: Mapping[str, str]) -> Contact:
        """The merged contact with each conflict decided: ``choices[field]`` is "mine" or
        "theirs"; every conflicting field needs a choice."""
        changes: dict[str, Any] = {}
        for conflict in self.conflicts:
            choice = choices.get(conflict.field)
            if choice not in (MINE, THEIRS):
                raise ValueError(f"no choice for the conflicting field {conflict.field!r}")
            changes[conflict.field] = conflict.mine if choice == MINE else conflict.theirs
        return replace(self.merged, **changes)


# ------------------------------------------------------------------------ entry keys
#: how entries of each list field are told apart: the "same value" rules of
#: netdesk.core.matching (an email as its mailbox, a phone by E.164 or digits, ...)
_KEYS: dict[str, Callable[[Any], Hashable]] = {
    "emails": lambda e: email_key(e.value),
    "phones": phone_entry_key,
    "addresses": address_key,
    "urls": url_key,
    "tags": tag_key,
    "extra_vcard": lambda line: line,
}


def _keyed(values: Sequence[Any], key: Callable[[Any], Hashable]) -> dict[Hashable, Any]:
    """key -> entry, in order; a second entry with the same key gets its own (key, n)."""
    out: dict[Hashable, Any] = {}
    seen: dict[Hashable, int] = {}
    for v in values:
        k = key(v)
        n = seen.get(k, 0)
        seen[k] = n + 1
        out[(k, n)] = v
    return out


def merge_lists(
    base: Sequence[Any], mine: Sequence[Any], theirs: Sequence[Any], key: Callable[[Any], Hashable]
) -> tuple[Any, ...]:
    """Entries of a list field merged as sets (see the module's rules)."""
    if tuple(mine) == tuple(base):
        return tuple(theirs)
    if tuple(theirs) == tuple(base) or tuple(mine) == tuple(theirs):
        return tuple(mine)
    b, m, t = _keyed(base, key), _keyed(mine, key), _keyed(theirs, key)

    def pick(k: Hashable) -> Any:
        if k in m and k in t:
            if m[k] == t[k] or k not in b or m[k] != b[k]:
                return m[k]
            return t[k]
        if k in m:  # they removed it (or never had it)
            return None if k in b and m[k] == b[k] else m[k]
        if k in t:  # I removed it (or never had it)
            return None if k in b and t[k] == b[k] else t[k]
        return None

    reordered = [k for k in m if k in b] != [k for k in b if k in m]
    first, second = (m, t) if reordered else (t, m)
    order = list(first) + [k for k in second if k not in first]
    out = [v for v in (pick(k) for k in order) if v is not None]
    return _one_preferred(out, m)


def _one_preferred(values: list[Any], mine: dict[Hashable, Any]) -> tuple[Any, ...]:
    """Emails and phones have one preferred entry: when the merge left several, the one the
    user marked wins."""
    prefs = [v for v in values if isinstance(v, Email | Phone) and v.pref]
    if len(prefs) <= 1:
        return tuple(values)
    chosen = next((v for v in prefs if v in mine.values()), prefs[0])
    return tuple(
        replace(v, pref=False) if isinstance(v, Email | Phone) and v.pref and v is not chosen else v
        for v in values
    )


# ----------------------------------------------------------------------- the merge
def merge_contact_edits(base: Contact, mine: Contact, theirs: Contact) -> ContactMerge:
    """Three-way merge of a contact (see the module's rules). ``merged`` carries theirs'
    id, version, stamps and derived dates."""
    changes: dict[str, Any] = {}
    conflicts: list[FieldConflict] = []
    for name in SCALAR_FIELDS:
        b, m, t = getattr(base, name), getattr(mine, name), getattr(theirs, name)
        if m in (b, t):
            changes[name] = t
        elif t == b:
            changes[name] = m
        else:
            changes[name] = t
            conflicts.append(FieldConflict(name, b, m, t))
    for name in LIST_FIELDS:
        changes[name] = merge_lists(
            getattr(base, name), getattr(mine, name), getattr(theirs, name), _KEYS[name]
        )
    return ContactMerge(replace(theirs, **changes), tuple(conflicts))


#: fields that change without anyone editing the contact: stamps, derived dates, version
_UNEDITED: dict[str, Any] = {
    "updated_at": None,
    "last_contacted": None,
    "next_touch": None,
    "version": 0,
}


def same_content(a: Contact, b: Contact) -> bool:
    """The same contact as a user sees and edits it (stamps, derived dates and the version
    aside)."""
    return replace(a, **_UNEDITED) == replace(b, **_UNEDITED)


def describe_value(field: str, value: Any, names: Mapping[int, str] | None = None) -> str:
    """A field's value in words, for the conflict dialog."""
    if value is None or value == "" or value == ():
        return "(empty)"
    if field == "starred":
        return "starred" if value else "not starred"
    if field == "photo":
        return f"a photo ({len(value.data) // 1024 or 1} KB)"
    if field == "cadence_days":
        return f"every {value} days"
    if field == "introduced_by":
        return (names or {}).get(value, f"contact #{value}")
    if hasattr(value, "iso"):
        return str(value.iso())
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)
