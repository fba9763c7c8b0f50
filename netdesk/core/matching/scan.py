"""The duplicate scan: blocking keys so that only contacts sharing something are compared,
then groups of two or more from the proposed pairs.

Blocking keys of a contact: each personal email (as its mailbox), each phone (E.164), each
email's mailbox name (for "similar email"), and name keys that survive nicknames, initials
and a typo: the first letter of each form of the given name (Bob: b and r for Robert) with
the family name and with each form of it one letter shorter (so that names one typo apart
share a key); and the sorted name words, for given and family swapped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from netdesk.core.matching.names import PersonName, canonical
from netdesk.core.matching.score import (
    PROPOSE,
    PairMatch,
    Profile,
    compare,
    just_the_name,
    upper_bound,
)
from netdesk.core.matching.values import email_parts, is_role_address

#: a block bigger than this is too common to say anything (a name like "J. Smith", a
#: company switchboard); its pairs are left to the other keys
MAX_BLOCK = 60
#: an email or phone on more contacts than this belongs to an organisation, not a person
MAX_PERSONAL = 6


def _family_variants(fam: str) -> set[str]:
    """The family name and every form of it with one letter left out: two names one typo
    apart share one of these (a symmetric-delete key)."""
    variants = {fam}
    if len(fam) >= 4:
        variants |= {fam[:k] + fam[k + 1 :] for k in range(len(fam))}
    return variants


def blocking_keys(p: Profile) -> set[str]:
    keys: set[str] = set()
    for key, _ in p.emails:
        if is_role_address(key):  # a team mailbox brings no one together
            continue
        keys.add("e" + key)
        local = email_parts(key)[0]
        # a mailbox name that is only the person's name makes no "similar email"
        if len(local) >= 5 and not just_the_name(local, p.name):
            keys.add("l" + local)
    for key, _ in p.phones:
        keys.add("p" + key)
    n = p.name
    if n.family and n.given:
        forms = canonical(n.given) | {n.given}
        initials = {f[0] for f in forms}
        fam = n.family.replace(" ", "")
        variants = _family_variants(fam)
        for i in initials:
            for v in variants:
                keys.add(f"d{i}|{v}")
        # given and family swapped ("Smith Robert")
        keys.add("t" + "|".join(sorted((n.given, fam))))
    elif n.given and p.org:
        keys.add(f"o{p.org}|{n.given[0]}")
    elif p.org and not n.given:
        keys.add("c" + p.org)
    return keys


def may_block_with(
    name: PersonName,
    org: str,
    email_keys: Iterable[str],
    phone_keys: Iterable[str],
    wanted: set[str] | frozenset[str],
) -> bool:
    """Whether a contact with these (prepared) values may share one of the blocking keys
    ``wanted``: never False when it does, and cheaper than :func:`blocking_keys` (no
    profile is made), so that matching at the door builds profiles only for contacts that
    may be compared."""
    for key in email_keys:
        if not is_role_address(key):
            local = email_parts(key)[0]
            if "e" + key in wanted or (len(local) >= 5 and "l" + local in wanted):
                return True
    if any("p" + key in wanted for key in phone_keys):
        return True
    if name.family and name.given:
        fam = name.family.replace(" ", "")
        if "t" + "|".join(sorted((name.given, fam))) in wanted:
            return True
        initials = {f[0] for f in canonical(name.given)} | {name.given[0]}
        variants = _family_variants(fam)
        return any(f"d{i}|{v}" in wanted for i in initials for v in variants)
    if name.given and org:
        return f"o{org}|{name.given[0]}" in wanted
    return bool(org and not name.given and "c" + org in wanted)


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    """Two or more contacts that look like one person."""

    ids: tuple[int, ...]
    score: int
    #: the proposed pairs that joined the group, strongest first
    pairs: tuple[PairMatch, ...]

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why, in words: the evidence of its pairs, strongest pair first, each once."""
        out: list[str] = []
        for link in self.pairs:
            for r in link.reasons:
                if r not in out:
                    out.append(r)
        return tuple(out)

    def as_json(self) -> dict[str, object]:
        return {"ids": list(self.ids), "score": self.score, "reasons": list(self.reasons)}


def pair_key(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a <= b else (b, a)


class ScanStopped(Exception):
    """The scan was asked to stop."""


Progress = Callable[[int, int], None]


def shared_values(
    profiles: Sequence[Profile], blocks: dict[str, list[int]] | None = None
) -> set[str]:
    """Email and phone keys that belong to several people: on more than
    :data:`MAX_PERSONAL` contacts, or on two contacts whose names differ."""
    if blocks is None:
        blocks = _blocks(profiles)
    shared: set[str] = set()
    for key, members in blocks.items():
        if key[0] not in "ep" or len(members) < 2:
            continue
        if len(members) > MAX_PERSONAL:
            shared.add(key[1:])
            continue
        names = [profiles[i].name for i in members]
        if _names_disagree(names):
            shared.add(key[1:])
    return shared


def _names_disagree(names: Sequence[object]) -> bool:
    from netdesk.core.matching.names import PersonName, compare_names

    typed = [n for n in names if isinstance(n, PersonName) and not n.empty]
    for i in range(len(typed)):
        for j in range(i + 1, len(typed)):
            if compare_names(typed[i], typed[j]).kind == "conflict":
                return True
    return False


def _blocks(profiles: Sequence[Profile]) -> dict[str, list[int]]:
    blocks: defaultdict[str, list[int]] = defaultdict(list)
    for index, p in enumerate(profiles):
        for key in blocking_keys(p):
            blocks[key].append(index)
    return blocks


def candidate_pairs(
    blocks: dict[str, list[int]], shared: set[str] | frozenset[str] = frozenset()
) -> set[tuple[int, int]]:
    """Index pairs sharing at least one block of a useful size. An email or phone several
    people share (a switchboard) brings no pair of its own: it is weak evidence, and the
    records of one person there also share a name key."""
    pairs: set[tuple[int, int]] = set()
    for key, members in blocks.items():
        n = len(members)
        if n < 2 or n > MAX_BLOCK:
            continue
        if key[0] in "ep" and key[1:] in shared:
            continue
        for x in range(n):
            i = members[x]
            for y in range(x + 1, n):
                j = members[y]
                pairs.add((i, j) if i < j else (j, i))
    return pairs


def find_duplicates(
    profiles: Sequence[Profile],
    rejected: Iterable[tuple[int, int]] = (),
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> list[DuplicateGroup]:
    """Every group of contacts that look like one person, strongest first. Pairs in
    ``rejected`` (contact ids, "not the same person") are never proposed, nor joined into
    one group through a third contact."""
    refused = {pair_key(a, b) for a, b in rejected}
    blocks = _blocks(profiles)
    shared = shared_values(profiles, blocks)
    pairs = candidate_pairs(blocks, shared)
    del blocks
    total = len(pairs)
    found: list[PairMatch] = []
    for done, (i, j) in enumerate(pairs):
        if done % 2000 == 0:
            if should_stop is not None and should_stop():
                raise ScanStopped()
            if progress is not None:
                progress(done, total)
        a, b = profiles[i], profiles[j]
        if upper_bound(a, b) < PROPOSE or pair_key(a.id, b.id) in refused:
            continue
        match = compare(a, b, shared)
        if match.score >= PROPOSE:
            found.append(match)
    if progress is not None:
        progress(total, total)
    by_id = {p.id: p for p in profiles}
    return group_pairs(found, refused, lambda a, b: compare(by_id[a], by_id[b], shared))


def group_pairs(
    pairs: Iterable[PairMatch],
    refused: set[tuple[int, int]],
    compare_ids: Callable[[int, int], PairMatch],
) -> list[DuplicateGroup]:
    """Join proposed pairs into groups, strongest pair first. Two groups are joined only
    when no two of their contacts were marked "not the same person" or disagree (different
    names or birthdays; different companies unless the two are a proposed pair)."""
    ordered = sorted(pairs, key=lambda m: (-m.score, m.a, m.b))
    group_of: dict[int, list[int]] = {}
    edges: dict[int, list[PairMatch]] = {}  # keyed by id(group list)

    for m in ordered:
        ga, gb = group_of.get(m.a), group_of.get(m.b)
        if ga is not None and ga is gb:
            edges[id(ga)].append(m)
            continue
        left = ga if ga is not None else [m.a]
        right = gb if gb is not None else [m.b]
        if (ga is not None or gb is not None) and not _may_join(left, right, refused, compare_ids):
            continue
        if ga is None and gb is None:
            merged = [m.a, m.b]
            group_of[m.a] = group_of[m.b] = merged
            edges[id(merged)] = [m]
            continue
        base = ga if ga is not None else gb
        assert base is not None
        other = right if base is ga else left
        other_edges = edges.pop(id(other), []) if (ga is not None and gb is not None) else []
        base.extend(other)
        for cid in other:
            group_of[cid] = base
        edges[id(base)].extend([*other_edges, m])

    groups: list[DuplicateGroup] = []
    seen: set[int] = set()
    for members in group_of.values():
        if id(members) in seen:
            continue
        seen.add(id(members))
        links = sorted(edges[id(members)], key=lambda x: (-x.score, x.a, x.b))
        groups.append(
            DuplicateGroup(
                ids=tuple(sorted(members)),
                score=min(link.score for link in links),
                pairs=tuple(links),
            )
        )
    groups.sort(key=lambda g: (-g.score, g.ids))
    return groups


def _may_join(
    left: Sequence[int],
    right: Sequence[int],
    refused: set[tuple[int, int]],
    compare_ids: Callable[[int, int], PairMatch],
) -> bool:
    for x in left:
        for y in right:
            if pair_key(x, y) in refused:
                return False
            m = compare_ids(x, y)
            for e in m.evidence:
                if e.points >= 0:
                    continue
                # different names or birthdays: never; different companies (a job change)
                # only when the two are a proposed pair on their own
                if e.kind != "company" or m.score < PROPOSE:
                    return False
    return True
