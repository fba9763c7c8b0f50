"""vCard import and export: the interchange use case.

Import happens in two steps so that nothing is written before the user has seen what will
happen:

1. :meth:`InterchangeService.preview` reads every file (cards decoded and parsed in parallel
   worker processes for large files) and classifies each card: *new*, *match* (an existing
   contact with the same UID, else the one the "same person" rule at the door finds —
   :mod:`netdesk.core.matching.door`, the rule and the reasons of card entry's warning and
   the Duplicates view; a role address or a switchboard alone is not enough; for a card
   with nothing else to go by, the same name and organisation), *duplicate* (matches an
   earlier card of the same import) or *unreadable*.
2. :meth:`InterchangeService.apply` writes the plan with a policy for matches (``merge``, the
   default; ``skip``; ``new``) in ONE transaction: a cancel or a crash leaves the database
   exactly as it was. New contacts go in through :mod:`netdesk.storage.bulk`.

Merging never deletes or overwrites: empty fields are filled, new emails, phones, addresses,
URLs, tags and unknown vCard lines are added (compared with the same-value rules of
:mod:`netdesk.core.matching.values`: Gmail spellings, E.164, URLs without scheme), and a
different note is appended. A card that brings nothing new is counted as skipped, so
importing the same file twice adds nothing and changes nothing.

Every card is accounted for: ``imported + merged + skipped + len(unreadable) == cards``.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from netdesk.core.errors import Cancelled, ImportFileError, NetDeskError, ValidationError
from netdesk.core.matching import profile_of
from netdesk.core.matching.door import MatchIndex, door_reason, merge_on_import, overlaps
from netdesk.core.matching.merge import LIST_FIELDS, added_values
from netdesk.core.matching.names import PersonName, compare_names, parse_name
from netdesk.core.matching.scan import blocking_keys, may_block_with
from netdesk.core.matching.score import Profile, compare, profile_name
from netdesk.core.matching.values import email_key, org_key, phone_key_of
from netdesk.core.merge import same_content
from netdesk.core.model import CONTACT_TEXT_FIELDS, Change, Contact, Email, Phone
from netdesk.core.text import caseless, fold
from netdesk.core.validation import normalize_url
from netdesk.formats.csv import (
    CsvLayout,
    CsvOptions,
    inspect_csv,
    is_csv,
    iter_csv,
    records_word,
)
from netdesk.services.contacts import MAX_IMAGE_BYTES
from netdesk.storage.bulk import insert_contacts
from netdesk.storage.contacts import ContactRepository
from netdesk.storage.db import Database
from netdesk.storage.duplicates import ProfileRow, iter_profile_rows, profile_of_row
from netdesk.storage.interchange import (
    MatchKeys,
    blank_key,
    created_at_by_id,
    introducer_ids,
    load_match_keys,
    name_key,
    set_introducers,
    uids_by_id,
)
from netdesk.vcard import CardResult, iter_vcards_parallel, write_vcards
from netdesk.vcard.limits import MAX_FILE_BYTES, TooManyCards, size_text

__all__ = [
    "POLICIES",
    "Cancelled",
    "CardWarning",
    "Conflict",
    "ImportPlan",
    "ImportReport",
    "ImportUndo",
    "InterchangeService",
    "MergeResult",
    "PlannedCard",
    "Unreadable",
    "merge_contact",
    "merge_details",
    "read_import_file",
    "release_plans",
]

#: what to do with a card that matches an existing contact (or an earlier card)
POLICIES: tuple[str, ...] = ("merge", "skip", "new")
#: what the user may choose for one record in the preview, overriding the policy
CHOICES: tuple[str, ...] = ("add", "merge", "skip")
#: cards per reader work item (small items: short pauses when results are unpickled)
READ_CHUNK = 250
#: contacts written per executemany batch
WRITE_BATCH = 5000
#: contacts per chunk when exporting (bounded memory for large exports)
EXPORT_CHUNK = 1000
_INTRODUCED_BY = "X-NETDESK-INTRODUCED-BY"

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class Unreadable:
    file: str
    card: int
    line: int
    reason: str

    def as_json(self) -> dict[str, object]:
        return {"file": self.file, "card": self.card, "line": self.line, "reason": self.reason}


_WARNING_LINE = re.compile(r"^lines? ([0-9]+)(?:–[0-9]+)?: ")


@dataclass(frozen=True, slots=True)
class CardWarning:
    """Something about a card the import did not take as it was (a line dropped or cut, a
    charset guessed, a value kept as text): the card is imported, and this says what."""

    file: str
    card: int
    line: int
    reason: str

    @classmethod
    def of(cls, file: str, card: int, line: int, text: str) -> CardWarning:
        """From a reader warning ("line 12: ..."; "lines 12–40: ..." keeps its range)."""
        m = _WARNING_LINE.match(text)
        if m is None:
            return cls(file, card, line, text)
        reason = text[m.end() :] if text.startswith("line ") else text
        return cls(file, card, int(m.group(1)), reason)

    def as_json(self) -> dict[str, object]:
        return {"file": self.file, "card": self.card, "line": self.line, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class PlannedCard:
    """One readable card and what the preview found for it."""

    file: str
    card: int
    line: int
    contact: Contact
    kind: str  #: "new" | "match" | "duplicate"
    #: for "match": the existing contact's id
    existing_id: int | None = None
    #: for "match" and "duplicate": why ("same email x@y", ...)
    reason: str = ""
    #: for "duplicate": the index (in ImportPlan.cards) of the earlier card it matches
    duplicate_of: int | None = None
    warnings: tuple[str, ...] = ()
    #: for "match" and "duplicate": (field, kept, incoming) for each value that differs from
    #: the contact (or earlier card) it merges into; a merge keeps it in the notes
    conflicts: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class ImportPlan:
    files: tuple[str, ...]
    cards: tuple[PlannedCard, ...]
    unreadable: tuple[Unreadable, ...]
    #: cards per file (BEGIN:VCARD count), in the order of ``files``
    cards_per_file: tuple[int, ...]
    #: warnings of cards that could not be read (what else the reader noticed about them)
    unreadable_warnings: tuple[CardWarning, ...] = ()
    #: how each CSV file was read (encoding, header, each column's field), for the preview
    csv_layouts: tuple[CsvLayout, ...] = ()
    #: (file, why) for each file in which no card was found at all
    no_card: tuple[tuple[str, str], ...] = ()

    @property
    def total(self) -> int:
        return len(self.cards) + len(self.unreadable)

    def count(self, kind: str) -> int:
        return sum(1 for c in self.cards if c.kind == kind)

    @property
    def new(self) -> int:
        return self.count("new")

    @property
    def matches(self) -> int:
        return self.count("match")

    @property
    def duplicates(self) -> int:
        return self.count("duplicate")

    @property
    def warnings(self) -> list[CardWarning]:
        """Every card's warnings, in file and card order."""
        order = {f: i for i, f in enumerate(self.files)}
        out = [CardWarning.of(c.file, c.card, c.line, w) for c in self.cards for w in c.warnings]
        out += self.unreadable_warnings
        out.sort(key=lambda w: (order.get(w.file, 0), w.card, w.line))
        return out


@dataclass(frozen=True, slots=True)
class ImportUndo:
    """What undoing (and redoing) an import needs, recorded in the import's transaction:
    the contacts it created, and every contact it merged into as it was before the import
    and as the import left it (photo, tags, emails, phones, addresses, URLs, introducer:
    the whole :class:`Contact` as the repository reads it)."""

    created_ids: tuple[int, ...] = ()
    before: tuple[Contact, ...] = ()
    after: tuple[Contact, ...] = ()

    @property
    def count(self) -> int:
        """Contacts the import wrote: created plus merged."""
        return len(self.created_ids) + len(self.before)


@dataclass(frozen=True, slots=True)
class ImportReport:
    """The account of every card of an import."""

    cards: int
    imported: int
    merged: int
    skipped: int
    unreadable: tuple[Unreadable, ...]
    policy: str
    created_ids: tuple[int, ...] = ()
    updated_ids: tuple[int, ...] = ()
    #: (file, card, outcome) for every readable card: imported | merged | skipped
    outcomes: tuple[tuple[str, int, str], ...] = ()
    change: Change = field(default_factory=Change)
    #: what one record is called in the summary: "row" for CSV files only, else "card"
    unit: str = "card"
    #: what :meth:`InterchangeService.undo_import` needs (None when nothing was written)
    undo: ImportUndo | None = None
    #: what was dropped, cut or guessed in cards that were read (and in unreadable ones)
    warnings: tuple[CardWarning, ...] = ()
    #: (file, why) for each file in which no card was found at all
    no_card: tuple[tuple[str, str], ...] = ()
    #: values of merged cards that differ from the contact and were kept in its notes
    conflicts: tuple[Conflict, ...] = ()
    #: values of merged cards the merges kept (fields filled, emails, phones ... added,
    #: differing values kept in the notes)
    values_kept: int = 0

    def as_json(self) -> dict[str, object]:
        return {
            "cards": self.cards,
            "imported": self.imported,
            "merged": self.merged,
            "skipped": self.skipped,
            "unreadable": [u.as_json() for u in self.unreadable],
            "warnings": [w.as_json() for w in self.warnings],
            "values_kept": self.values_kept,
            "conflicts": [c.as_json() for c in self.conflicts],
            **(
                {"refused": [{"file": f, "reason": r} for f, r in self.no_card]}
                if self.no_card
                else {}
            ),
        }

    def summary(self) -> str:
        parts = [
            f"{self.imported:,} imported",
            f"{self.merged:,} merged",
            f"{self.skipped:,} skipped as duplicate{'s' if self.skipped != 1 else ''}",
            f"{len(self.unreadable):,} unreadable",
        ]
        text = f"{self.cards:,} {self.unit}{'s' if self.cards != 1 else ''}: " + ", ".join(parts)
        if self.conflicts:
            who = len({c.contact_id for c in self.conflicts})
            n = len(self.conflicts)
            text += (
                f"; {n:,} differing value{'s' if n != 1 else ''}"
                f" of {who:,} contact{'s' if who != 1 else ''} kept in their notes"
            )
        return text


def _drain(*containers: list[Any] | dict[Any, Any]) -> None:
    """Empty big lists and dicts item by item. Dropping one with tens of thousands of objects
    frees them all in one C call that holds the GIL (a GUI thread would stall); popping them
    in a Python loop lets other threads run in between."""
    for container in containers:
        if isinstance(container, dict):
            while container:
                container.popitem()
        else:
            while container:
                container.pop()


def release_plans(holder: list[ImportPlan]) -> None:
    """Free the plans in ``holder`` (which must hold the last references to them) card by
    card."""
    while holder:
        cards = list(holder.pop().cards)
        _drain(cards)


# --------------------------------------------------------------------------- preparing


_STRIPPED = (*CONTACT_TEXT_FIELDS, "notes")


def _prepare(c: Contact) -> tuple[Contact, list[str]]:
    """Lenient normalisation of an imported card: what the user had is kept; values that the
    form would refuse are kept as they are rather than dropped (the warnings say what)."""
    notes: list[str] = []
    emails = tuple(
        Email(e.value.strip(), e.label.strip(), e.pref) for e in c.emails if e.value.strip()
    )
    phones = tuple(
        Phone(p.value.strip(), p.e164, p.label.strip(), p.pref) for p in c.phones if p.value.strip()
    )
    urls = tuple(normalize_url(u) for u in c.urls if u.value.strip())
    tags: list[str] = []
    seen: set[str] = set()
    for t in c.tags:
        name = t.strip()
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            tags.append(name)
    cadence = c.cadence_days
    # One stored line per property, whatever line breaks a decoded value carried.
    extra = tuple(
        line.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")
        for line in c.extra_vcard
        if line.strip()
    )
    if cadence is not None and not 1 <= cadence <= 3650:
        notes.append(f"keep-in-touch cadence of {cadence} days is out of range; kept as is")
        extra = (*extra, f"X-NETDESK-CADENCE-DAYS:{cadence}")
        cadence = None
    photo = c.photo
    if photo is not None and len(photo.data) > MAX_IMAGE_BYTES:  # pragma: no cover - reader caps
        notes.append("the photo is larger than 5 MB and was not imported")
        photo = None
    changes: dict[str, object] = {}
    for name in _STRIPPED:
        value = getattr(c, name)
        if value != value.strip():
            changes[name] = value.strip()
    for name, value in (
        ("emails", emails),
        ("phones", phones),
        ("urls", urls),
        ("addresses", tuple(a for a in c.addresses if not a.is_empty())),
        ("tags", tuple(tags)),
        ("cadence_days", cadence),
        ("photo", photo),
        ("extra_vcard", extra),
        ("introduced_by", None),
    ):
        if value != getattr(c, name):
            changes[name] = value
    out = replace(c, **changes) if changes else c  # type: ignore[arg-type]
    return out, notes


def _introducer_uids(c: Contact) -> list[str]:
    out = []
    for line in c.extra_vcard:
        head, _, value = line.partition(":")
        if head.split(";", 1)[0].split(".")[-1].strip().upper() == _INTRODUCED_BY:
            out.append(value.strip().replace("\\,", ",").replace("\\;", ";"))
    return out


def _without_introducer_line(c: Contact, uid: str) -> tuple[str, ...]:
    kept: list[str] = []
    dropped = False
    for line in c.extra_vcard:
        head, _, value = line.partition(":")
        name = head.split(";", 1)[0].split(".")[-1].strip().upper()
        if not dropped and name == _INTRODUCED_BY and value.strip() == uid:
            dropped = True
            continue
        kept.append(line)
    return tuple(kept)


# --------------------------------------------------------------------------- merging


_FILL_TEXT = CONTACT_TEXT_FIELDS
_FILL_OPTIONAL = ("birthday", "anniversary", "met_on", "cadence_days", "introduced_by", "photo")


#: fields whose differing values a merge keeps in the notes, and what the notes call them
CONFLICT_FIELDS: dict[str, str] = {
    "display_name": "Name",
    "prefix": "Name prefix",
    "given_name": "First name",
    "additional_names": "Middle name",
    "family_name": "Last name",
    "suffix": "Name suffix",
    "nickname": "Nickname",
    "organization": "Organisation",
    "department": "Department",
    "title": "Title",
    "met_at": "Met at",
    "birthday": "Birthday",
    "anniversary": "Anniversary",
    "met_on": "Met on",
    "cadence_days": "Keep-in-touch days",
}


@dataclass(frozen=True, slots=True)
class Conflict:
    """A value of an imported card that differs from the contact it was merged into: the
    contact keeps its own (``kept``); the card's (``incoming``) goes into the notes."""

    contact_id: int | None
    display_name: str
    field: str
    kept: str
    incoming: str

    def as_json(self) -> dict[str, object]:
        return {
            "contact_id": self.contact_id,
            "display_name": self.display_name,
            "field": self.field,
            "kept": self.kept,
            "incoming": self.incoming,
        }


@dataclass(frozen=True, slots=True)
class MergeResult:
    contact: Contact
    #: values of the card the merge put somewhere: fields filled, emails, phones, addresses,
    #: URLs, tags and lines added, differing values kept in the notes
    kept: int
    #: (field, kept, incoming) for each differing value kept in the notes
    conflicts: tuple[tuple[str, str, str], ...]


def conflict_line(field_name: str, value: str) -> str:
    """The notes line that keeps a differing imported value."""
    return f"{CONFLICT_FIELDS[field_name]} from an import: {value}"


def _shown_value(value: object) -> str:
    if value is None:
        return ""
    return value.iso() if hasattr(value, "iso") else str(value)


def _differs(a: str, b: str) -> bool:
    return caseless(a) != caseless(b)


def _stands_in(shown: str, base: Contact, incoming: Contact) -> bool:
    """A shown name that says nothing new: the company, an email, a phone, or the same
    person's name written shorter or longer."""
    folded = fold(shown)
    return (
        folded in (fold(incoming.organization), fold(base.organization))
        or "@" in shown
        or not any(ch.isalpha() for ch in shown)
        # the same name, shorter or longer ("Bernd C." / "Dr. Bernd Clausen")
        or compare_names(parse_name(display=shown), parse_name(display=base.display_name)).kind
        != "conflict"
    )


def merge_contact(base: Contact, incoming: Contact) -> Contact:
    """``base`` with what ``incoming`` adds (see :func:`merge_details`)."""
    return merge_details(base, incoming).contact


def merge_details(base: Contact, incoming: Contact) -> MergeResult:
    """``base`` with what ``incoming`` adds: empty fields filled, new emails, phones,
    addresses, URLs, tags and unknown vCard lines appended, a different note appended, and a
    name, organisation, title or date that differs kept as a line of the notes ("Title from
    an import: CEO") and listed as a conflict. Nothing of ``base`` is deleted or
    overwritten. The contact is ``base`` itself when nothing is new."""
    changes: dict[str, object] = {}
    kept = 0
    conflicts: list[tuple[str, str, str]] = []
    kept_lines: list[str] = []
    for name in _FILL_TEXT:
        value = getattr(incoming, name)
        have = getattr(base, name)
        if value and not have:
            changes[name] = value
            kept += 1
        elif (
            value
            and have
            and name in CONFLICT_FIELDS
            and _differs(value, have)
            and not (name == "display_name" and _stands_in(value, base, incoming))
        ):
            line = conflict_line(name, value)
            if line not in base.notes and line not in kept_lines:
                kept_lines.append(line)
                conflicts.append((name, have, value))
    for name in _FILL_OPTIONAL:
        value = getattr(incoming, name)
        have = getattr(base, name)
        if value is not None and have is None:
            changes[name] = value
            kept += 1
        elif value is not None and have is not None and value != have and name in CONFLICT_FIELDS:
            line = conflict_line(name, _shown_value(value))
            if line not in base.notes and line not in kept_lines:
                kept_lines.append(line)
                conflicts.append((name, _shown_value(have), _shown_value(value)))
    if incoming.starred and not base.starred:
        changes["starred"] = True
        kept += 1
    notes = base.notes
    if incoming.notes and incoming.notes not in base.notes:
        notes = f"{notes}\n\n{incoming.notes}" if notes else incoming.notes
        kept += 1
    if kept_lines:
        notes = (notes + "\n\n" if notes else "") + "\n".join(kept_lines)
        kept += len(kept_lines)
    if notes != base.notes:
        changes["notes"] = notes
    # new emails, phones, addresses, URLs, tags and kept vCard lines, by the "same value"
    # rules of netdesk.core.matching
    for kind in (*LIST_FIELDS, "extra_vcard"):
        have = getattr(base, kind)
        added = added_values(kind, have, getattr(incoming, kind))
        if added:
            changes[kind] = have + added
            kept += len(added)
    if not changes:
        return MergeResult(base, 0, ())
    return MergeResult(replace(base, **changes), kept, tuple(conflicts))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- the service


@dataclass
class _Target:
    """A contact the import writes to: an existing one, or a new one made from cards."""

    existing_id: int | None
    cards: list[int] = field(default_factory=list)


def _card_profiles(contacts: Sequence[Contact]) -> tuple[list[Profile], list[list[str]]]:
    """Each card as matching sees it (photos are not compared at the door), and its
    blocking keys."""
    profiles = [
        profile_of(replace(c, photo=None) if c.photo is not None else c, -(n + 1))
        for n, c in enumerate(contacts)
    ]
    return profiles, [list(blocking_keys(p)) for p in profiles]


def _known(s: Any, blocking: Sequence[Sequence[str]]) -> tuple[MatchKeys, MatchIndex]:
    """UID, name and blank-card tables of every live contact, and the matching index of
    those that share a blocking key with one of the cards (only they can be compared:
    the others are left out before a profile is made)."""
    keys = load_match_keys(s)
    wanted = {k for card in blocking for k in card}
    index = MatchIndex()
    index.add_all(
        (("db", row[0]), profile_of_row(row, name))
        for row, name in _named_rows(s)
        if may_block_with(
            name,
            org_key(row[6]),
            (email_key(e) for e in row[8] if e.strip()),
            (k for v, e164 in row[9] if (k := phone_key_of(v, e164))),
            wanted,
        )
    )
    return keys, index


def _named_rows(s: Any) -> Iterator[tuple[ProfileRow, PersonName]]:
    """Every live contact's matching row (no photos) with its name as matching sees it."""
    for row in iter_profile_rows(s, photos=False):
        _cid, given, family, additional, display, nick, org = row[:7]
        yield row, profile_name(given, family, additional, display, nick, org)


def _classify(
    contacts: Sequence[Contact],
    keys: MatchKeys,
    index: MatchIndex,
    profiles: Sequence[Profile],
    blocking: Sequence[list[str]],
) -> tuple[list[tuple[str, int | None, str, int | None]], list[_Target]]:
    """For each card: (kind, existing id, reason, index of the earlier card) and the targets
    the cards go to, in first-seen order.

    A card is the contact (or the earlier card of this import) with its UID, else the one
    the "same person" rule at the door finds (:mod:`netdesk.core.matching.door`: the reasons
    card entry and the Duplicates view give); else, for a card with no UID, email or phone,
    or whose email or phone only someone else has too, the one with the same name and
    organisation (so that importing a file again finds every card); a card with no name
    at all is found by its content. ``index`` (the live contacts) also learns the cards."""
    tables: dict[str, dict[object, tuple[str, int]]] = {
        "uids": {k: ("db", v) for k, v in keys.uids.items()},
        "names": {k: ("db", v) for k, v in keys.names.items()},
        "blanks": {k: ("db", v) for k, v in keys.blanks.items()},
    }
    targets: list[_Target] = []
    by_existing: dict[int, int] = {}
    out: list[tuple[str, int | None, str, int | None]] = []
    for n, c in enumerate(contacts):
        profile = profiles[n]
        hit: tuple[str, int] | None = None
        reason = ""
        if c.uid and (hit := tables["uids"].get(c.uid)) is not None:
            reason = "same UID"
        else:
            found = index.compare_all(profile, blocking[n])
            best = index.best(
                d for d in found if merge_on_import(d.match, index.profile(d.ref), profile)
            )
            if best is not None:
                hit, reason = best.ref, best.reason  # type: ignore[assignment]
            elif c.display_name and (
                (not c.uid and not profile.emails and not profile.phones) or overlaps(found)
            ):
                # nothing to go by but the name, or an email or phone someone else has too:
                # the same name and organisation (a second import of the file finds it)
                hit = tables["names"].get(name_key(c.display_name, c.organization))
                if hit is not None:
                    known = index.profile(hit)
                    m = compare(known, profile, index.shared) if known is not None else None
                    reason = (door_reason(m) if m else "") or "same name and organisation"
            elif not (c.display_name or c.uid or profile.emails or profile.phones):
                # a card of unknown properties only: its content
                blank = blank_key("\n".join(c.extra_vcard), c.notes, c.title)
                hit = tables["blanks"].get(blank)
                reason = "same content, no name"
        if hit is None:
            t = len(targets)
            targets.append(_Target(None, [n]))
            out.append(("new", None, "", None))
        elif hit[0] == "db":
            existing = hit[1]
            t = by_existing.get(existing, -1)
            if t < 0:
                t = len(targets)
                targets.append(_Target(existing, []))
                by_existing[existing] = t
            targets[t].cards.append(n)
            out.append(("match", existing, reason, None))
        else:
            t = hit[1]
            target = targets[t]
            first = target.cards[0]
            targets[t].cards.append(n)
            if target.existing_id is not None:
                out.append(("match", target.existing_id, reason, None))
            else:
                out.append(("duplicate", None, reason, first))
        existing_id = targets[t].existing_id
        ref = ("new", t) if existing_id is None else ("db", existing_id)
        # later cards find this one by what it carries: UID, name, content, the matcher's keys
        if c.uid:
            tables["uids"].setdefault(c.uid, ref)
        if c.display_name:
            tables["names"].setdefault(name_key(c.display_name, c.organization), ref)
        elif not (c.uid or profile.emails or profile.phones):
            tables["blanks"].setdefault(blank_key("\n".join(c.extra_vcard), c.notes, c.title), ref)
        index.add(ref, profile, blocking[n])
    _drain(*tables.values())
    return out, targets


def _decide(
    targets: list[_Target], policy: str, choices: Mapping[int, str]
) -> tuple[list[_Target], set[int]]:
    """The targets after the policy and the user's choices per record, and the records that
    are skipped. A record chosen "skip" is skipped, "add" becomes a contact of its own,
    "merge" merges into what it matches; without a choice the policy says what a match
    does (merge, skip, or new: a contact of its own)."""
    out: list[_Target] = []
    skipped: set[int] = set()
    for target in targets:
        keep: list[int] = []
        for i in target.cards:
            choice = choices.get(i)
            is_match = target.existing_id is not None or bool(keep)
            if choice == "skip" or (choice is None and policy == "skip" and is_match):
                skipped.add(i)
            elif choice == "add" or (choice is None and policy == "new" and is_match):
                out.append(_Target(None, [i]))
            else:
                keep.append(i)
        if keep:
            out.append(_Target(target.existing_id, keep))
    return out, skipped


class InterchangeService:
    def __init__(self, db: Database, default_region: Callable[[], str | None]) -> None:
        self.db = db
        self._region = default_region

    # ------------------------------------------------------------------ preview
    def preview(
        self,
        files: Sequence[str | Path],
        *,
        progress: Progress | None = None,
        should_cancel: Callable[[], bool] | None = None,
        csv_options: CsvOptions | Mapping[str, CsvOptions] | None = None,
        csv_mappings: Mapping[str, Mapping[str, str]] | None = None,
    ) -> ImportPlan:
        """Read the files and classify every card; writes nothing. Raises NetDeskError when a
        file cannot be read at all, and Cancelled when cancelled. ``csv_options`` (one for
        every CSV file, or by file name) say how to read CSV files; ``csv_mappings`` are
        column mappings remembered by header signature, used when no mapping is given."""
        datas: list[tuple[str, bytes]] = []
        for f in files:
            path = Path(f)
            datas.append((str(path), read_import_file(path)))
        # The list is handed over: each file's bytes are let go once split into cards.
        return self._preview_data(datas, progress, should_cancel, csv_options, csv_mappings)

    def preview_data(
        self,
        datas: Sequence[tuple[str, bytes]],
        *,
        progress: Progress | None = None,
        should_cancel: Callable[[], bool] | None = None,
        csv_options: CsvOptions | Mapping[str, CsvOptions] | None = None,
        csv_mappings: Mapping[str, Mapping[str, str]] | None = None,
    ) -> ImportPlan:
        """Like :meth:`preview` for (file name, bytes) pairs already in memory."""
        return self._preview_data(list(datas), progress, should_cancel, csv_options, csv_mappings)

    def _preview_data(
        self,
        datas: list[tuple[str, bytes]],
        progress: Progress | None,
        should_cancel: Callable[[], bool] | None,
        csv_options: CsvOptions | Mapping[str, CsvOptions] | None = None,
        csv_mappings: Mapping[str, Mapping[str, str]] | None = None,
    ) -> ImportPlan:
        cancelled = should_cancel or (lambda: False)
        report = progress or (lambda _stage, _done, _total: None)
        region = self._region()
        contacts: list[Contact] = []
        where: list[tuple[str, int, int, tuple[str, ...]]] = []
        unreadable: list[Unreadable] = []
        unreadable_warnings: list[CardWarning] = []
        per_file: list[int] = []
        base = 0
        names = tuple(name for name, _ in datas)
        layouts: list[CsvLayout] = []
        no_card: list[tuple[str, str]] = []
        while datas:
            name = datas[0][0]
            n = 0

            def relay(done: int, total: int, _base: int = base) -> None:
                report("reading", _base + done, _base + total)

            results: Iterator[CardResult]
            if is_csv(name, datas[0][1]):  # CSV rows come out as cards too
                options = (
                    csv_options
                    if isinstance(csv_options, CsvOptions)
                    else (csv_options or {}).get(name)
                )
                layout = inspect_csv(datas[0][1], name, region, options)
                remembered = _str_mapping((csv_mappings or {}).get(layout.signature))
                if remembered and not (options and options.mapping):
                    chosen = replace(options or CsvOptions(), mapping=remembered)
                    with contextlib.suppress(ImportFileError):  # the file has changed since
                        layout = inspect_csv(datas[0][1], name, region, chosen)
                        options = chosen
                layouts.append(layout)
                results = iter_csv(
                    datas.pop(0)[1],
                    name,
                    region,
                    options=options,
                    should_cancel=cancelled,
                    progress=relay,
                )
            else:
                head = datas[0][1][:65536]
                if b"begin:vcard" not in head.lower() and not _has_vcard(datas[0][1]):
                    no_card.append((name, _no_card_message(name, head)))
                results = iter_vcards_parallel(
                    datas.pop(0)[1],  # no reference kept here: the reader frees it after splitting
                    name,
                    region,
                    chunk=READ_CHUNK,
                    should_cancel=cancelled,
                    progress=relay,
                )
            try:
                for r in results:
                    n += 1
                    if r.contact is None:
                        unreadable.append(Unreadable(name, r.card, r.line, r.error or "unreadable"))
                        unreadable_warnings += [
                            CardWarning.of(name, r.card, r.line, w) for w in r.warnings
                        ]
                        continue
                    prepared, notes = _prepare(r.contact)
                    contacts.append(prepared)
                    where.append((name, r.card, r.line, (*r.warnings, *notes)))
            except TooManyCards as err:  # over a limit of the whole file: nothing imported
                raise ImportFileError(f"{Path(name).name} {err.message}") from err
            if cancelled():
                raise Cancelled()
            per_file.append(n)
            base += n
        with self.db.unit_of_work(write=False) as s:
            profiles, blocking = _card_profiles(contacts)
            keys, index = _known(s, blocking)
        kinds, targets = _classify(contacts, keys, index, profiles, blocking)
        del index
        _drain(targets, keys.uids, keys.names, keys.blanks)
        differing = self._preview_conflicts(contacts, kinds)
        cards = tuple(
            PlannedCard(
                f, card, line, c, kind, existing, reason, dup, warnings, differing.get(n, ())
            )
            for n, ((f, card, line, warnings), c, (kind, existing, reason, dup)) in enumerate(
                zip(where, contacts, kinds, strict=True)
            )
        )
        return ImportPlan(
            names,
            cards,
            tuple(unreadable),
            tuple(per_file),
            unreadable_warnings=tuple(unreadable_warnings),
            csv_layouts=tuple(layouts),
            no_card=tuple(no_card),
        )

    def _preview_conflicts(
        self,
        contacts: Sequence[Contact],
        kinds: Sequence[tuple[str, int | None, str, int | None]],
    ) -> dict[int, tuple[tuple[str, str, str], ...]]:
        """For each matching card: the values a merge would keep in the notes because they
        differ from the existing contact (or the earlier card of the same import)."""
        matched = sorted({k[1] for k in kinds if k[0] == "match" and k[1] is not None})
        existing: dict[int, Contact] = {}
        with self.db.unit_of_work(write=False) as s:
            repo = ContactRepository(s)
            for start in range(0, len(matched), EXPORT_CHUNK):
                for c in repo.get_many(matched[start : start + EXPORT_CHUNK]):
                    if c.id is not None:
                        existing[c.id] = c
        out: dict[int, tuple[tuple[str, str, str], ...]] = {}
        for n, (kind, existing_id, _reason, dup) in enumerate(kinds):
            base: Contact | None = None
            if kind == "match" and existing_id is not None:
                base = existing.get(existing_id)
            elif kind == "duplicate" and dup is not None:
                base = contacts[dup]
            if base is not None:
                found = merge_details(base, contacts[n]).conflicts
                if found:
                    out[n] = found
        return out

    # -------------------------------------------------------------------- apply
    def apply(
        self,
        plan: ImportPlan,
        policy: str = "merge",
        *,
        progress: Progress | None = None,
        should_cancel: Callable[[], bool] | None = None,
        choices: Mapping[int, str] | None = None,
    ) -> ImportReport:
        """Write the plan in one transaction. Matches are classified again against the
        database as it is now (it may have changed since the preview). ``choices`` overrides
        the policy for single records (index in ``plan.cards`` -> "add", "merge", "skip")."""
        if policy not in POLICIES:
            raise ValidationError("policy", f"{policy!r} is not one of {', '.join(POLICIES)}")
        for choice in (choices or {}).values():
            if choice not in CHOICES:
                raise ValidationError("choice", f"{choice!r} is not one of {', '.join(CHOICES)}")
        return self._apply(plan, policy, progress, should_cancel, choices or {})

    def _apply(
        self,
        plan: ImportPlan,
        policy: str,
        progress: Progress | None,
        should_cancel: Callable[[], bool] | None,
        choices: Mapping[int, str] | None = None,
    ) -> ImportReport:
        cancelled = should_cancel or (lambda: False)
        report = progress or (lambda _stage, _done, _total: None)
        if cancelled():
            raise Cancelled()
        contacts = [c.contact for c in plan.cards]
        with self.db.unit_of_work() as s:
            repo = ContactRepository(s)
            profiles, blocking = _card_profiles(contacts)
            keys, index = _known(s, blocking)
            _kinds, targets = _classify(contacts, keys, index, profiles, blocking)
            del index
            targets, chosen_skips = _decide(targets, policy, choices or {})
            target_of = {i: t for t, target in enumerate(targets) for i in target.cards}
            uid_target: dict[str, int] = {}
            for t, target in enumerate(targets):
                for i in target.cards:
                    if contacts[i].uid:
                        uid_target.setdefault(contacts[i].uid, t)
            existing_ids = [t.existing_id for t in targets if t.existing_id is not None]
            existing: dict[int, Contact] = {}
            if existing_ids:
                for start in range(0, len(existing_ids), EXPORT_CHUNK):
                    chunk = existing_ids[start : start + EXPORT_CHUNK]
                    for c in repo.get_many(chunk, with_photo=True):
                        assert c.id is not None
                        existing[c.id] = c
                    report("matching", min(start + EXPORT_CHUNK, len(existing_ids)), 0)
                    if cancelled():
                        raise Cancelled()
            # Introducers: X-NETDESK-INTRODUCED-BY:<uid> -> a placeholder (-(target+1)) or an
            # existing id, so that merging compares them like any other field.
            resolved: list[Contact] = []
            for i, c in enumerate(contacts):
                intro_uids = _introducer_uids(c)
                for uid in intro_uids:
                    value: int | None = None
                    t_intro = uid_target.get(uid)
                    if t_intro is not None and t_intro != target_of.get(i):
                        ref = targets[t_intro].existing_id
                        value = ref if ref is not None else -(t_intro + 1)
                    elif t_intro is None and uid in keys.uids:
                        value = keys.uids[uid]
                    else:
                        continue
                    c = replace(
                        c, introduced_by=value, extra_vcard=_without_introducer_line(c, uid)
                    )
                    break
                resolved.append(c)
            outcome: list[str] = [""] * len(contacts)
            finals: list[Contact | None] = [None] * len(targets)
            values_kept = 0
            conflict_rows: list[tuple[int, str, str, str]] = []
            for i in chosen_skips:
                outcome[i] = "skipped"
            for t, target in enumerate(targets):
                if target.existing_id is not None:
                    current = existing[target.existing_id]
                    for i in target.cards:
                        result = merge_details(current, resolved[i])
                        merged = result.contact
                        outcome[i] = "skipped" if merged is current else "merged"
                        values_kept += result.kept
                        conflict_rows += [(t, *x) for x in result.conflicts]
                        current = merged
                    if current is not existing[target.existing_id]:
                        finals[t] = current
                    continue
                first, *rest = target.cards
                current = resolved[first]
                outcome[first] = "imported"
                for i in rest:
                    result = merge_details(current, resolved[i])
                    merged = result.contact
                    outcome[i] = "skipped" if merged is current else "merged"
                    values_kept += result.kept
                    conflict_rows += [(t, *x) for x in result.conflicts]
                    current = merged
                finals[t] = current
            # New contacts, in large batches.
            new_targets = [
                t for t, target in enumerate(targets) if target.existing_id is None and finals[t]
            ]
            new_id: dict[int, int] = {}
            total_new = len(new_targets)
            for start in range(0, total_new, WRITE_BATCH):
                batch = new_targets[start : start + WRITE_BATCH]
                rows = []
                for t in batch:
                    row = finals[t]
                    assert row is not None
                    if row.introduced_by is not None and row.introduced_by < 0:
                        row = replace(row, introduced_by=None)  # set once the introducer exists
                    rows.append(row)
                for t, cid in zip(batch, insert_contacts(s, rows), strict=True):
                    new_id[t] = cid
                report("writing", min(start + WRITE_BATCH, total_new), total_new)
                if cancelled():
                    raise Cancelled()
            pending_intro: list[tuple[int, int]] = []
            for t in new_targets:
                made = finals[t]
                assert made is not None
                if made.introduced_by is not None and made.introduced_by < 0:
                    intro_target = -made.introduced_by - 1
                    intro_id = new_id.get(intro_target, targets[intro_target].existing_id)
                    if intro_id is not None and intro_id != new_id[t]:
                        pending_intro.append((new_id[t], intro_id))
            set_introducers(s, pending_intro)
            # Existing contacts that gained something.
            updated: list[int] = []
            to_update = [
                t
                for t, target in enumerate(targets)
                if target.existing_id is not None and finals[t]
            ]
            for n, t in enumerate(to_update, start=1):
                grown = finals[t]
                assert grown is not None and grown.id is not None
                intro = grown.introduced_by
                if intro is not None and intro < 0:
                    intro_target = -intro - 1
                    intro = new_id.get(intro_target, targets[intro_target].existing_id)
                if intro == grown.id:
                    intro = None
                # checked against the version read above, in this same transaction
                repo.update(
                    replace(grown, introduced_by=intro),
                    keep_photo_when_none=True,
                    expected_version=grown.version,
                )
                updated.append(grown.id)
                if n % 200 == 0 or n == len(to_update):
                    report("merging", n, len(to_update))
                    if cancelled():
                        raise Cancelled()
            created = [new_id[t] for t in new_targets]
            touched = created + updated
            report("indexing", 0, 1)
            if touched:
                repo.refresh_derived(touched if len(touched) < 20000 else None)
            if cancelled():
                raise Cancelled()
            report("indexing", 1, 1)
            # For undo: the merged contacts before (as read above) and after (read back).
            before = tuple(existing[targets[t].existing_id or 0] for t in to_update)
            after = tuple(_read_many(repo, updated))
            undo = ImportUndo(tuple(created), before, after) if touched else None
        counts = {k: outcome.count(k) for k in ("imported", "merged", "skipped")}
        conflicts = []
        for t, field_name, kept, incoming in conflict_rows:
            final = finals[t]
            known = targets[t].existing_id
            conflict_id = known if known is not None else new_id.get(t)
            conflicts.append(
                Conflict(conflict_id, final.name if final else "", field_name, kept, incoming)
            )
        _drain(targets, resolved, finals, existing, new_id, target_of, uid_target)
        _drain(keys.uids, keys.names, keys.blanks)
        change = _contacts_change(touched)
        return ImportReport(
            cards=plan.total,
            imported=counts["imported"],
            merged=counts["merged"],
            skipped=counts["skipped"],
            unreadable=plan.unreadable,
            policy=policy,
            created_ids=tuple(created),
            updated_ids=tuple(updated),
            outcomes=tuple((pc.file, pc.card, outcome[i]) for i, pc in enumerate(plan.cards)),
            change=change,
            unit=records_word(plan.files),
            undo=undo,
            warnings=tuple(plan.warnings),
            conflicts=tuple(conflicts),
            values_kept=values_kept,
            no_card=plan.no_card,
        )

    # --------------------------------------------------------------------- undo
    def undo_import(self, undo: ImportUndo) -> Change:
        """Take an import back in one transaction: the contacts it created are soft-deleted
        (as :meth:`ContactService.delete` does, so redo brings them back) and the contacts
        it merged into are written back as they were. Refused, with nothing changed, when a
        merged contact was changed after the import."""
        return self._swap(undo.created_ids, undo.after, undo.before, forward=False)

    def redo_import(self, undo: ImportUndo) -> Change:
        """Do an undone import again: its contacts come back, merges are written again."""
        return self._swap(undo.created_ids, undo.before, undo.after, forward=True)

    def _swap(
        self,
        created: Sequence[int],
        expected: Sequence[Contact],
        target: Sequence[Contact],
        *,
        forward: bool,
    ) -> Change:
        when = "the import was undone" if forward else "the import"
        with self.db.unit_of_work() as s:
            repo = ContactRepository(s)
            current = {c.id: c for c in _read_many(repo, [c.id for c in expected if c.id])}
            for want in expected:
                found = current.get(want.id)
                if found is None:
                    raise NetDeskError(
                        f"{want.name} was deleted after {when}; undo that deletion first."
                    )
                if not same_content(found, want):
                    raise NetDeskError(
                        f"{found.name} was changed after {when}; undo that change first."
                    )
            if created:
                if forward:
                    repo.undelete(list(created))
                else:
                    repo.soft_delete(list(created))
            for c in target:
                found = current[c.id]
                repo.update(c, expected_version=found.version)
            merged = [c.id for c in target if c.id is not None]
            if merged:
                repo.refresh_derived(merged)
        touched = [*created, *merged]
        return _contacts_change(touched)

    def import_files(
        self,
        files: Sequence[str | Path],
        policy: str = "merge",
        *,
        progress: Progress | None = None,
        should_cancel: Callable[[], bool] | None = None,
        csv_options: CsvOptions | Mapping[str, CsvOptions] | None = None,
    ) -> ImportReport:
        """Preview and apply in one go (the command line)."""
        holder = [
            self.preview(
                files, progress=progress, should_cancel=should_cancel, csv_options=csv_options
            )
        ]
        try:
            return self.apply(holder[0], policy, progress=progress, should_cancel=should_cancel)
        finally:
            release_plans(holder)

    # ------------------------------------------------------------------- export
    def export_ids(self, ids: Sequence[int] | None = None, tag: str | None = None) -> list[int]:
        """The contacts an export covers: ``ids`` (selection), a tag, or everything."""
        if ids is not None:
            return list(dict.fromkeys(ids))
        with self.db.unit_of_work(write=False) as s:
            return ContactRepository(s).query_ids(tag=tag or None)

    def iter_export(
        self,
        ids: Sequence[int],
        version: str = "3.0",
        *,
        progress: Progress | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> Iterator[str]:
        """vCard text of these contacts in chunks of ``EXPORT_CHUNK`` contacts."""
        if version not in ("3.0", "4.0"):
            raise ValidationError("version", f"{version!r} is not 3.0 or 4.0")
        cancelled = should_cancel or (lambda: False)
        report = progress or (lambda _stage, _done, _total: None)
        id_list = list(ids)
        with self.db.unit_of_work(write=False) as s:
            intro = introducer_ids(s, id_list)
            uid_for_id = uids_by_id(s, sorted(set(intro.values())))
            # Introducers without a UID get a stable one, so the link survives the trip.
            missing = sorted(set(intro.values()) - set(uid_for_id))
            generated = {
                cid: _generated_uid(cid, created)
                for cid, created in created_at_by_id(s, missing).items()
            }
        uid_for_id.update(generated)
        for start in range(0, len(id_list), EXPORT_CHUNK):
            if cancelled():
                raise Cancelled()
            chunk = id_list[start : start + EXPORT_CHUNK]
            with self.db.unit_of_work(write=False) as s:
                contacts = ContactRepository(s).get_many(chunk, with_photo=True)
            contacts = [
                replace(c, uid=generated[c.id]) if not c.uid and c.id in generated else c
                for c in contacts
            ]
            yield write_vcards(contacts, version, uid_for_id=uid_for_id)
            report("exporting", start + len(chunk), len(id_list))

    def export_text(self, ids: Sequence[int], version: str = "3.0") -> str:
        return "".join(self.iter_export(ids, version))

    def export_to_file(
        self,
        path: str | Path,
        ids: Sequence[int],
        version: str = "3.0",
        *,
        progress: Progress | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> int:
        """Write the contacts to ``path`` (through a temporary file, so a cancelled or failed
        export leaves no half-written file). Returns how many contacts were written."""
        target = Path(path)
        try:
            fd, tmp = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".part", dir=target.parent or None
            )
        except OSError as err:
            raise NetDeskError(
                f"Cannot write to {target.parent}: {err.strerror or err}. Choose another folder."
            ) from err
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                for text in self.iter_export(
                    ids, version, progress=progress, should_cancel=should_cancel
                ):
                    fh.write(text)
            os.replace(tmp, target)
        except OSError as err:
            Path(tmp).unlink(missing_ok=True)
            raise NetDeskError(f"Cannot write {target}: {err.strerror or err}.") from err
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return len(ids)


def read_import_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a file to import. Only a regular file is read (a device such as
    ``/dev/zero`` would never end, a FIFO would wait forever), and only up to ``limit`` bytes;
    anything else is an :class:`ImportFileError` that names the file and says why."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        # Non-blocking, so that opening a FIFO returns at once instead of waiting for a
        # writer; the type is then checked on what was opened, not on the name.
        fd = os.open(path, flags)
    except OSError as err:
        raise ImportFileError(
            f"Cannot read {path}: {err.strerror or err}. Nothing was imported."
        ) from err
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a device, pipe or socket"
        raise ImportFileError(
            f"Cannot import {path}: it is {kind}, not a file. Nothing was imported."
        )
    with os.fdopen(fd, "rb", buffering=0) as fh:
        too_big = ImportFileError(
            f"Cannot import {path}: it is larger than {size_text(limit)}, more than one file "
            "may be; split it into smaller files. Nothing was imported."
        )
        if info.st_size > limit:
            raise too_big
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        size = 0
        try:
            while chunk := fh.read(1 << 20):
                size += len(chunk)
                if size > limit:  # the file grew while being read
                    raise too_big
                chunks.append(chunk)
        except OSError as err:
            raise ImportFileError(
                f"Cannot read {path}: {err.strerror or err}. Nothing was imported."
            ) from err
    return b"".join(chunks)


def _str_mapping(value: object) -> dict[str, str]:
    """A remembered column mapping as far as it is one (settings files can be edited)."""
    if not isinstance(value, Mapping):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


def _has_vcard(data: bytes) -> bool:
    """Whether a file holds a BEGIN:VCARD line anywhere (any common encoding)."""
    lowered = data.lower()
    return any(
        marker in lowered
        for marker in (
            b"begin:vcard",
            "begin:vcard".encode("utf-16-le"),
            "begin:vcard".encode("utf-16-be"),
        )
    )


def _no_card_message(name: str, head: bytes) -> str:
    """Why a file gave no card, naming a near miss ("BEGIN:VCAR" on line 1)."""
    shown = Path(name).name
    text = head.decode("utf-8", errors="replace")
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(r"^\s*begin\s*:", line, re.IGNORECASE):
            return (
                f"{shown}: no vCard in this file: line {number} says {line.strip()[:40]!r}, "
                "not BEGIN:VCARD (a typo?). Nothing was imported."
            )
    what = "the file is empty" if not text.strip() else "no line says BEGIN:VCARD"
    return f"{shown}: no vCard in this file ({what}). Nothing was imported."


def _contacts_change(touched: Sequence[int]) -> Change:
    """The Change for contacts an import (or its undo) wrote: beyond 2,000 the views reload
    everything rather than look up each id."""
    if len(touched) > 2000:
        return Change(everything=True)
    return Change(contacts=frozenset(touched))


def _read_many(repo: ContactRepository, ids: Sequence[int]) -> list[Contact]:
    """Whole contacts (photo included), read in chunks."""
    out: list[Contact] = []
    for start in range(0, len(ids), EXPORT_CHUNK):
        out += repo.get_many(ids[start : start + EXPORT_CHUNK], with_photo=True)
    return out


def _generated_uid(contact_id: int, created_at: str) -> str:
    return (
        f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'netdesk:contact:{contact_id}:{created_at}')}"
    )
