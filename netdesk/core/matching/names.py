"""Person names for matching: parsing a contact's name into folded parts, nicknames and
initials, swapped given/family names and typos.

The nickname table is data (``netdesk/data/nicknames.tsv``), loaded once on first use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import DamerauLevenshtein

from netdesk.core.text import fold

#: titles and honorifics left out of a name when it is parsed from one line of text
_PREFIXES = frozenset(re.findall(r"\w+", "dr mr mrs ms miss mx prof sir dame herr frau ing dipl"))
_SUFFIXES = frozenset(re.findall(r"\w+", "jr sr phd md mba ii iii iv esq cpa dds msc bsc"))
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)


@lru_cache(maxsize=1)
def _nickname_table() -> dict[str, frozenset[str]]:
    """folded name -> the formal names it may stand for (itself included)."""
    from netdesk.resources import resource_path

    table: dict[str, set[str]] = {}
    text = resource_path("nicknames.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        formal, _, nicks = line.partition("\t")
        formal = fold(formal.strip())
        table.setdefault(formal, {formal})
        for nick in nicks.split():
            table.setdefault(fold(nick), {fold(nick)}).add(formal)
    return {k: frozenset(v) for k, v in table.items()}


def canonical(given: str) -> frozenset[str]:
    """The formal names a (folded) given name may stand for: 'bob' -> {bob, robert}."""
    return _nickname_table().get(given) or frozenset((given,))


def words(text: str) -> list[str]:
    """Folded name words: letters only, apostrophes kept inside a word, hyphens split."""
    return _WORD.findall(fold(text))


def skeleton(word: str) -> str:
    """A rough phonetic key: the first letter, then the consonants without repeats
    ('smith', 'smyth' and 'smtih' all give 'smth')."""
    if not word:
        return ""
    out = [word[0]]
    for ch in word[1:]:
        if ch in "aeiouy'’":
            continue
        if ch != out[-1]:
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True, slots=True)
class PersonName:
    """A name as matching sees it: folded words, the first given word apart."""

    given: str = ""
    family: str = ""
    #: further given names (middle names); not required to agree
    middle: tuple[str, ...] = ()
    #: how the name reads, for reasons ("Bob Smith")
    shown: str = ""

    @property
    def empty(self) -> bool:
        return not self.given and not self.family

    @property
    def full(self) -> bool:
        return bool(self.given and self.family)


def _strip_titles(tokens: list[str]) -> list[str]:
    while tokens and tokens[0] in _PREFIXES and len(tokens) > 1:
        tokens = tokens[1:]
    while tokens and tokens[-1] in _SUFFIXES and len(tokens) > 1:
        tokens = tokens[:-1]
    return tokens


def parse_name(
    given: str = "",
    family: str = "",
    additional: str = "",
    display: str = "",
    nickname: str = "",
) -> PersonName:
    """The person's name from structured parts, or else from the display name ('Robert
    Smith', 'Smith, Robert', 'Dr. R. Smith'); an empty name for company-only entries."""
    g = _strip_titles(words(given))
    f = words(family)
    if g or f:
        shown = " ".join(x for x in (given.strip(), family.strip()) if x)
        if not g and f and nickname.strip():
            g = words(nickname)[:1]
        fam = " ".join(_strip_titles(f)) if f else ""
        return PersonName(g[0] if g else "", fam, tuple(g[1:]) + tuple(words(additional)), shown)
    text = display.strip()
    if not text or "@" in text or not _WORD.search(text):
        return PersonName()
    if "," in text:
        last, _, first = text.partition(",")
        f = _strip_titles(words(last))
        g = _strip_titles(words(first))
        if g and all(t in _SUFFIXES for t in g):  # "Smith, Jr."
            g = []
        if f and g:
            return PersonName(g[0], " ".join(f), tuple(g[1:]), text)
    tokens = _strip_titles(words(text))
    if not tokens:
        return PersonName()
    if len(tokens) == 1:
        return PersonName(tokens[0], "", (), text)
    return PersonName(tokens[0], tokens[-1], tuple(tokens[1:-1]), text)


def _max_edits(a: str, b: str) -> int:
    n = min(len(a), len(b))
    if n < 4:
        return 0
    return 1 if n < 8 else 2


def is_typo(a: str, b: str) -> bool:
    """Two different words one or two keystrokes apart (a transposition counts as one)."""
    edits = _max_edits(a, b)
    if edits == 0 or abs(len(a) - len(b)) > edits:
        return False
    return DamerauLevenshtein.distance(a, b, score_cutoff=edits) <= edits


#: how two name parts relate, best first
EXACT, NICKNAME, INITIAL, TYPO = "exact", "nickname", "initial", "typo"


def given_relation(a: str, b: str) -> str | None:
    if a == b:
        return EXACT
    if len(a) == 1 or len(b) == 1:
        return INITIAL if a[0] == b[0] else None
    if canonical(a) & canonical(b):
        return NICKNAME
    if is_typo(a, b):
        return TYPO
    # one given name written out, the other its prefix ("Chris" / "Christopher")
    if len(a) >= 3 and len(b) >= 3 and (a.startswith(b) or b.startswith(a)):
        return NICKNAME
    return None


def family_relation(a: str, b: str) -> str | None:
    if a == b:
        return EXACT
    if len(a) == 1 or len(b) == 1:  # "Jürgen M."
        return INITIAL if a[0] == b[0] else None
    if a.replace(" ", "") == b.replace(" ", ""):
        return EXACT
    ta, tb = set(a.split()), set(b.split())
    if ta <= tb or tb <= ta:  # "garcia" / "garcia lopez"
        return TYPO
    if is_typo(a, b):
        return TYPO
    return None


@dataclass(frozen=True, slots=True)
class NameMatch:
    """How two names relate: ``kind`` is exact, swapped, nickname, initial, typo, partial
    (only one part to compare, and it agrees), conflict or none (a side has no name)."""

    kind: str
    points: int
    reason: str


_WORST = {EXACT: 0, NICKNAME: 1, TYPO: 2, INITIAL: 3}
#: points for a full name match by its weakest part
_FULL_POINTS = {EXACT: 45, NICKNAME: 40, TYPO: 35, INITIAL: 30}


def _combine(g: str, f: str) -> tuple[str, int]:
    kind = max((g, f), key=_WORST.__getitem__)
    points = _FULL_POINTS[kind]
    if g != EXACT and f != EXACT:  # two differences: a weaker match
        points -= 10
    return kind, points


def compare_names(a: PersonName, b: PersonName) -> NameMatch:
    if a.empty or b.empty:
        return NameMatch("none", 0, "")
    if a.full and b.full:
        g = given_relation(a.given, b.given)
        f = family_relation(a.family, b.family)
        if g and f:
            kind, points = _combine(g, f)
            if kind == EXACT:
                return NameMatch(EXACT, points, f"same name: {b.shown}")
            if kind == TYPO:
                return NameMatch(TYPO, points, f"similar names: {a.shown} ≈ {b.shown}")
            return NameMatch(kind, points, f"names match: {a.shown} ≈ {b.shown}")
        g = given_relation(a.given, b.family) if len(b.family) > 1 else None
        f = family_relation(a.family, b.given)
        if g and f:
            _kind, points = _combine(g, f)
            return NameMatch(
                "swapped", points - 5, f"same name, given and family swapped: {a.shown} ≈ {b.shown}"
            )
        return NameMatch("conflict", -35, f"different names: {a.shown} ≠ {b.shown}")
    # one side has a single name part: it must agree with one part of the other
    one, other = (a, b) if not a.full else (b, a)
    word = one.given or one.family
    parts = [p for p in (other.given, other.family) if p]
    for p in parts:
        if given_relation(word, p) or family_relation(word, p):
            return NameMatch("partial", 15, f"names match: {one.shown} ≈ {other.shown}")
    return NameMatch("conflict", -35, f"different names: {a.shown} ≠ {b.shown}")
