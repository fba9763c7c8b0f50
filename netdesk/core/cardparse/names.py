"""Person names: prefixes, suffixes, particles, nicknames, names printed in capitals or family
name first, CJK names, Iberian double surnames."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from netdesk.core.cardparse.lines import clean
from netdesk.core.cardparse.vocabulary import (
    COMPANY_PREFIX_CJK,
    DEPT_CJK,
    DEPT_WORDS,
    IBERIAN_GIVEN,
    PARTICLES,
    PREFIXES,
    SUFFIXES,
    TITLE_CJK,
    country_iso,
    has_business_word,
    has_title_word,
)
from netdesk.core.model import Email
from netdesk.core.text import fold

# Words that make a two-word line a street rather than a person ("Cathedral Road").
_NAME_NOT_STREET = re.compile(
    r"\b(?:street|road|avenue|ave|blvd|boulevard|drive|rue|via|calle|straße|strasse|gasse"
    r"|platz|weg|straat|laan|allee|chaussee)\b|str\.",
    re.IGNORECASE,
)


_CJK_NAME = re.compile(
    r"^[\u4e00-\u9fff\u3400-\u4dbf\uac00-\ud7af]{1,3}(?:\s?[\u4e00-\u9fff\u3400-\u4dbf\uac00-\ud7af]{1,3})?$"
)


@dataclass
class Name:
    prefix: str = ""
    given: str = ""
    additional: str = ""
    family: str = ""
    suffix: str = ""
    nickname: str = ""


def _is_cap_word(token: str) -> bool:
    t = token.strip(",")
    if not t or not t[0].isalpha():
        return False
    if not all(ch.isalpha() or ch in "-'’." for ch in t):
        return False
    return t[0].isupper()


def split_name(text: str, iberian: bool) -> Name | None:
    """Parse ``text`` as a person's name, or None when it does not look like one."""
    nick = re.search(r"[\"“„«']([^\"“”„«»']+)[\"”»']", text)  # Alexandra "Alex" Petrov
    nickname = nick.group(1).strip() if nick else ""
    if nick:
        text = text[: nick.start()] + " " + text[nick.end() :]
    text = clean(re.sub(r"\([^)]*\)", " ", text))  # "(they/them)", "(Ming Li)"
    if not text or re.search(r"\d|@|&|:", text):
        return None
    if _CJK_NAME.match(text):
        if TITLE_CJK.search(text) or DEPT_CJK.search(text) or COMPANY_PREFIX_CJK.search(text):
            return None
        if " " in text:
            fam, giv = text.split(" ", 1)
        elif len(text) == 4 and not re.search(r"[\uac00-\ud7af]", text):
            fam, giv = text[:2], text[2:]
        else:
            fam, giv = text[0], text[1:]
        return Name(given=giv, family=fam)
    suffix_parts: list[str] = []
    if "," in text:
        head, _, tail = text.partition(",")
        tail_tokens = tail.replace(",", " ").split()
        if tail_tokens and all(t.lower() in SUFFIXES for t in tail_tokens):
            suffix_parts = tail_tokens
            text = head
        else:
            return None
    tokens = text.split()
    prefix_parts: list[str] = []
    while tokens and tokens[0].lower() in PREFIXES and len(tokens) > 2:
        prefix_parts.append(tokens.pop(0))
    while tokens and tokens[-1].lower() in SUFFIXES and len(tokens) > 2:
        suffix_parts.insert(0, tokens.pop())
    if not 2 <= len(tokens) <= 5:
        return None
    if any(fold(t) not in PARTICLES and not _is_cap_word(t) for t in tokens):
        return None
    if not _is_cap_word(tokens[0]) or not _is_cap_word(tokens[-1]):
        return None
    lowered = " ".join(tokens)
    if (
        has_title_word(lowered)
        or has_business_word(lowered)
        or _NAME_NOT_STREET.search(lowered)
        or country_iso(lowered)
        or any(fold(t).strip(".") in DEPT_WORDS for t in tokens)
    ):
        return None
    caps = [len(t) > 1 and t.isupper() and not re.fullmatch(r"[IVX]+", t) for t in tokens]
    family_first = False
    if lowered.isupper():
        tokens = [t.title() if t.isupper() else t for t in tokens]
    elif any(caps):
        # A surname printed in capitals marks the family name: "Jean-Baptiste MOREAU", and
        # written first ("WATANABE Kenji") the name is in family-name-first order.
        family_first = caps[0] and not any(caps[1:]) and len(tokens) == 2
        tokens = [t.title() if c else t for t, c in zip(tokens, caps, strict=True)]
    if family_first:
        return Name(
            prefix=" ".join(prefix_parts),
            given=tokens[1],
            family=tokens[0],
            suffix=" ".join(suffix_parts),
            nickname=nickname,
        )
    # Family name: last token plus any particles in front of it ("van den Berg", "Ní Bhriain").
    fam_start = len(tokens) - 1
    while fam_start > 1 and fold(tokens[fam_start - 1]) in PARTICLES:
        fam_start -= 1
    given_tokens = tokens[:fam_start]
    family_tokens = tokens[fam_start:]
    additional: list[str] = []
    if iberian and len(given_tokens) == 3 and len(family_tokens) == 1:
        # Spanish/Portuguese: two given names, two family names.
        family_tokens = given_tokens[2:] + family_tokens
        given_tokens = given_tokens[:2]
    elif (
        iberian
        and len(given_tokens) == 2
        and len(family_tokens) == 1
        and not any(re.fullmatch(r"\w\.?", t) for t in given_tokens)
    ):
        if fold(given_tokens[1]) in IBERIAN_GIVEN:
            # "Ana Beatriz Carvalho", "Juan Carlos Ortiz": a compound given name
            given_tokens = [" ".join(given_tokens)]
        else:
            # "Alejandro Ruiz Castañeda": one given name, father's and mother's surnames
            family_tokens = given_tokens[1:] + family_tokens
            given_tokens = given_tokens[:1]
    elif len(given_tokens) > 1 and re.fullmatch(r"\w\.", given_tokens[0]):
        # "J. Peter Lindgren": someone who goes by the middle name keeps the initial with it
        additional = given_tokens[2:]
        given_tokens = given_tokens[:2]
    elif len(given_tokens) > 1:
        additional = given_tokens[1:]
        given_tokens = given_tokens[:1]
    return Name(
        prefix=" ".join(prefix_parts),
        given=" ".join(given_tokens),
        additional=" ".join(additional),
        family=" ".join(family_tokens),
        suffix=" ".join(suffix_parts),
        nickname=nickname,
    )


def family_first_by_email(name: Name | None, emails: list[Email]) -> Name | None:
    """Names written family name first ("Tan Wei Ling", "Park Ji-hoon") are recognised when an
    email address spells them the other way round (``weiling.tan@``, ``jihoon.park@``)."""
    if name is None or not name.given or not name.family or name.prefix:
        return name
    tokens = [*name.given.split(), *name.additional.split(), *name.family.split()]
    if len(tokens) < 2:
        return name

    def squash(parts: Iterable[str]) -> str:
        return re.sub(r"[^\w]", "", fold("".join(parts)))

    first, rest = squash(tokens[:1]), squash(tokens[1:])
    for e in emails:
        pieces = [p for p in re.split(r"[._-]+", fold(e.value.split("@", 1)[0])) if p]
        if len(pieces) >= 2 and pieces[-1] == first and squash(pieces[:-1]) == rest:
            return Name(
                given=" ".join(tokens[1:]),
                family=tokens[0],
                suffix=name.suffix,
                nickname=name.nickname,
            )
    return name
