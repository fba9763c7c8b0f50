"""Matching at the door: who a record coming in (a card being typed, a card or CSV row being
imported) already is among known contacts, with the reasons the Duplicates view gives.

A :class:`MatchIndex` holds known profiles under the scan's blocking keys
(:func:`netdesk.core.matching.scan.blocking_keys`), so a record is compared only with the
few contacts it shares a key with. A record is the same person as a known contact when
:func:`warn_at_the_door` says so: a proposed duplicate, the same personal email, or the same
phone on someone whose name does not say it is another person. A role address (info@) or a
number several known people share (a switchboard) is weak evidence, never enough alone.

The known contact is compared first and the record second (``compare(known, record)``), as
the duplicate scan compares an older contact with a newer one: the reasons read the same at
the door and, once the record is saved, in the Duplicates view.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from netdesk.core.matching.names import compare_names
from netdesk.core.matching.scan import MAX_BLOCK, MAX_PERSONAL, blocking_keys, shared_values
from netdesk.core.matching.score import PROPOSE, PairMatch, Profile, compare, upper_bound

#: evidence kinds that say the record and a contact share an identifier or a name
_OVERLAP = frozenset({"email", "phone", "role", "switchboard"})


def warn_at_the_door(m: PairMatch) -> bool:
    """Whether a record coming in is the contact it was compared with: a proposed duplicate;
    the same personal email (whatever the names: an address is one person's, and a different
    name next to it is worth a look); or the same phone on someone whose name does not say
    it is another person (a shared switchboard is not enough)."""
    if m.proposed:
        return True
    if any(e.kind == "email" and e.points >= 50 for e in m.evidence):
        return True
    same_phone = any(e.kind == "phone" and e.points >= 40 for e in m.evidence)
    return same_phone and not m.name_conflict


def merge_on_import(m: PairMatch, known: Profile | None, record: Profile) -> bool:
    """Whether an imported record is merged into the contact without asking: the rule of
    :func:`warn_at_the_door`, except that a pair that only looks alike (names, company) is
    not merged when its identifiers say otherwise: both have emails and share none, or both
    have phones and share none. Two colleagues whose names fold alike, each with an address
    of their own, keep two contacts; card entry still warns about them and, once imported,
    the Duplicates view proposes them for a person to judge."""
    if not warn_at_the_door(m):
        return False
    if any(e.kind == "email" and e.points >= 50 for e in m.evidence):
        return True
    if any(e.kind == "phone" and e.points >= 40 for e in m.evidence) and not m.name_conflict:
        return True
    if known is None:
        return True

    def apart(a: frozenset[str], b: frozenset[str]) -> bool:
        return bool(a) and bool(b) and not (a & b)

    return not (
        apart(known.email_keys, record.email_keys) or apart(known.phone_keys, record.phone_keys)
    )


def door_reason(m: PairMatch) -> str:
    """The reasons of a match at the door in one line, the shared email or phone first."""
    first = [e.reason for e in m.evidence if e.kind in ("email", "phone") and e.points > 0]
    rest = [e.reason for e in m.evidence if e.points > 0 and e.reason not in first]
    return "; ".join([*first, *rest])


@dataclass(frozen=True, slots=True)
class DoorMatch:
    """A known contact a record is (``ref`` as it was added to the index)."""

    ref: Hashable
    match: PairMatch

    @property
    def reason(self) -> str:
        return door_reason(self.match)


class MatchIndex:
    """Known profiles under their blocking keys; see the module docstring."""

    def __init__(self) -> None:
        self._refs: list[Hashable] = []
        self._profiles: list[Profile] = []
        self._blocks: dict[str, list[int]] = {}
        self._first: dict[Hashable, int] = {}
        #: whether :meth:`add` updates :attr:`shared` (after :meth:`add_all`)
        self._learning = False
        #: email and phone keys several known people share: weak evidence only
        self.shared: set[str] = set()

    def __len__(self) -> int:
        return len(self._profiles)

    def add(self, ref: Hashable, profile: Profile, keys: Iterable[str] | None = None) -> None:
        """Know ``profile`` as ``ref`` (several profiles may share one ref: the cards of one
        person)."""
        pos = len(self._profiles)
        self._first.setdefault(ref, pos)
        self._refs.append(ref)
        self._profiles.append(profile)
        blocks = self._blocks
        for key in blocking_keys(profile) if keys is None else keys:
            members = blocks.get(key)
            if members is None:
                blocks[key] = [pos]
                continue
            # an email or phone someone else known has too, under another name
            if (
                self._learning
                and key[0] in "ep"
                and key[1:] not in self.shared
                and (
                    len(members) >= MAX_PERSONAL
                    or any(
                        compare_names(self._profiles[m].name, profile.name).kind == "conflict"
                        for m in members
                    )
                )
            ):
                self.shared.add(key[1:])
            if len(members) <= MAX_BLOCK:  # a block that big brings no pair anyway
                members.append(pos)

    def profile(self, ref: Hashable) -> Profile | None:
        """The first profile known as ``ref``."""
        pos = self._first.get(ref)
        return None if pos is None else self._profiles[pos]

    def add_all(self, known: Iterable[tuple[Hashable, Profile]]) -> None:
        """Know every (ref, profile) of ``known``, then find which emails and phones several
        of them share (:func:`netdesk.core.matching.scan.shared_values`). From then on each
        profile added keeps that up to date: records coming in one after another (an
        import's cards) learn that a number is a switchboard as the previous ones did."""
        for ref, profile in known:
            self.add(ref, profile)
        self.shared = shared_values(self._profiles, self._blocks)
        self._learning = True

    def candidates(self, profile: Profile, keys: Iterable[str] | None = None) -> list[int]:
        """Positions of known profiles that share a useful blocking key with ``profile``."""
        found: set[int] = set()
        shared = self.shared
        for key in blocking_keys(profile) if keys is None else keys:
            members = self._blocks.get(key)
            if not members or len(members) > MAX_BLOCK:
                continue
            if key[0] in "ep" and key[1:] in shared:
                continue
            found.update(members)
        return sorted(found)

    def compare_all(self, profile: Profile, keys: Sequence[str] | None = None) -> list[DoorMatch]:
        """``profile`` compared with every candidate (known first), in the order added. A
        candidate that cannot reach :data:`PROPOSE` (:func:`upper_bound`) shares no email or
        phone either, so neither the door nor :func:`overlaps` would take it: it is left
        out without a full comparison, as the scan does."""
        out: list[DoorMatch] = []
        for pos in self.candidates(profile, keys):
            known = self._profiles[pos]
            if upper_bound(known, profile) >= PROPOSE:
                out.append(DoorMatch(self._refs[pos], compare(known, profile, self.shared)))
        return out

    def match(self, profile: Profile, keys: Sequence[str] | None = None) -> DoorMatch | None:
        """The known contact ``profile`` is (see :meth:`best`), or None."""
        return self.best(self.compare_all(profile, keys))

    @staticmethod
    def best(found: Iterable[DoorMatch]) -> DoorMatch | None:
        """Of ``found``, the strongest that is the same person at the door (the first added
        on a tie), or None."""
        best: DoorMatch | None = None
        for m in found:
            if warn_at_the_door(m.match) and (best is None or m.match.score > best.match.score):
                best = m
        return best


def overlaps(matches: Sequence[DoorMatch]) -> bool:
    """Whether any of ``matches`` shares an email or a phone with the record (even one too
    weak to say it is the same person)."""
    return any(e.kind in _OVERLAP for m in matches for e in m.match.evidence)
