"""What is left after the unambiguous fields: which segment is the person's name, the title,
the organisation and the department."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from netdesk.core.cardparse.lines import Segment
from netdesk.core.cardparse.names import Name, split_name
from netdesk.core.cardparse.vocabulary import (
    COMPANY_PREFIX_CJK,
    DEPT_CJK,
    DEPT_LEADING,
    TITLE_CJK,
    TITLE_PHRASES,
    TITLE_STEMS,
    TITLE_WORDS,
    WEAK_TITLE_WORDS,
    folded_words,
    has_business_word,
    has_dept_word,
    has_title_word,
    is_company,
)
from netdesk.core.model import Email
from netdesk.core.text import fold


@dataclass
class _People:
    name: Name | None = None
    title: str = ""
    organization: str = ""
    org_by_suffix: bool = False
    org_segment: Segment | None = None
    department: str = ""


def _looks_proper(text: str) -> bool:
    words = text.split()
    return (
        1 <= len(words) <= 6
        and not re.search(r"\d|@|:", text)
        and (text[0].isupper() or bool(COMPANY_PREFIX_CJK.search(text)) or not text[0].isalpha())
    )


def _looks_like_org(text: str) -> bool:
    """A line with both a title word and a business word: an organisation when every title
    word in it is one that also names companies ("Capital Partner Group")."""
    if TITLE_PHRASES.search(text) or TITLE_STEMS.search(text) or TITLE_CJK.search(text):
        return False
    words = {w.strip(".:'’") for w in folded_words(text)}
    return not any(w in TITLE_WORDS and w not in WEAK_TITLE_WORDS for w in words)


def _title_case(text: str) -> bool:
    """Every longer word capitalised, as in a name ("Quiet Harbor"), not a tagline."""
    return all(w[0].isupper() or not w[0].isalpha() for w in text.split() if len(w) >= 4)


def _dept_value(text: str) -> str:
    m = DEPT_LEADING.match(text)
    if m and not re.match(r"^(?:of|für|de|du|des|di|van)\b", m["rest"], re.IGNORECASE):
        return m["rest"].strip()
    return text


_AT_SPLIT = re.compile(r"^(?P<left>.+?)\s+(?:at|@|bei|chez|presso)\s+(?P<right>[^\W\d_].+)$")


def _preferred_name(
    segments: list[Segment], iberian: bool, emails: Sequence[Email]
) -> tuple[Segment | None, set[int]]:
    """When several lines could be a person's name, the one with a prefix ("Dott.ssa", "Dr.")
    or whose given or family name is in an email address is the person; name-like lines in
    front of it (a company printed first: "GROENVELD BOUW") are returned as organisation
    candidates. (None, {}) when the first name-like line is the person."""
    locals_ = [set(re.split(r"[._\-+]+", fold(e.value.split("@", 1)[0]))) for e in emails]

    def score(name: Name) -> int:
        if name.prefix:
            return 2
        words = {fold(w) for w in f"{name.given} {name.family}".split() if len(w) > 2}
        return 1 if any(words & pieces for pieces in locals_) else 0

    cands: list[tuple[int, Segment, int]] = []
    for idx, seg in enumerate(segments):
        t = seg.text.strip(" ,;")
        if is_company(t):
            continue
        name = split_name(t, iberian)
        if name is not None:
            cands.append((idx, seg, score(name)))
    if len(cands) < 2:
        return None, set()
    best = max(c[2] for c in cands)
    top = [c for c in cands if c[2] == best]
    if best == 0 or len(top) != 1 or top[0] is cands[0]:
        return None, set()
    earlier = [c for c in cands if c[0] < top[0][0]]
    if any(ch.isalpha() and ord(ch) > 0x24F for c in earlier for ch in c[1].text):
        return None, set()  # a name in its own script, then romanised: the same person
    return top[0][1], {c[0] for c in cands if c[0] < top[0][0]}


def classify(segments: list[Segment], iberian: bool, emails: Sequence[Email] = ()) -> _People:
    """Assign the leftover segments to name, title, organisation and department."""
    res = _People()
    _, org_like = _preferred_name(segments, iberian, emails)
    org_lines = [
        s
        for s in segments
        if is_company(s.text) or (has_business_word(s.text) and _looks_proper(s.text))
    ]
    last_role = -10  # index of the last segment used for the name or the title
    pending: list[tuple[int, Segment]] = []

    def set_org(value: str, seg: Segment | None) -> None:
        strong = is_company(value)
        if res.organization and (res.org_by_suffix or not strong):
            return
        if res.org_segment is not None:
            res.org_segment.used = False  # a weak guess gives way to a company name
        res.organization, res.org_by_suffix, res.org_segment = value, strong, seg
        if seg is not None:
            seg.used = True

    def set_dept(value: str, seg: Segment) -> bool:
        if res.department:
            return False
        res.department = _dept_value(value)
        seg.used = True
        return True

    def title_or_org_right(right: str, seg: Segment) -> None:
        """The part after "Title, " or "Title at ": the company, or else a department."""
        org_elsewhere = any(o is not seg for o in org_lines)
        if is_company(right) or not (org_elsewhere or has_dept_word(right) or res.organization):
            set_org(right, None)
        elif not res.department:
            res.department = _dept_value(right)

    for idx, seg in enumerate(segments):
        t = seg.text.strip(" ,;")
        if not any(ch.isalnum() for ch in t):
            continue  # punctuation only: reported in unparsed
        m = _AT_SPLIT.match(t)
        if (
            m
            and not res.title
            and has_title_word(m["left"])
            and not is_company(m["left"])
            and not TITLE_PHRASES.search(t)
        ):
            res.title = m["left"]
            title_or_org_right(m["right"], seg)
            seg.used = True
            last_role = idx
            continue
        if "," in t:
            left, _, right = (x.strip() for x in t.partition(","))
            name = split_name(left, iberian) if res.name is None else None
            if name and right and has_title_word(right) and not is_company(right):
                res.name = name
                res.title = res.title or right
                seg.used = True
                last_role = idx
                continue
            if (
                has_title_word(left)
                and not (has_business_word(left) and _looks_like_org(left))
                and right
                and not res.title
            ):
                res.title = left
                title_or_org_right(right, seg)
                seg.used = True
                last_role = idx
                continue
        if is_company(t):
            set_org(t, seg)
            continue
        if idx in org_like:
            if not res.organization:
                set_org(t, seg)
            continue
        name = split_name(t, iberian) if res.name is None else None
        if name is not None:
            res.name = name
            seg.used = True
            last_role = idx
            continue
        if has_title_word(t) and not (has_business_word(t) and _looks_like_org(t)):
            if not res.title:
                # "営業部 部長": a department in front of a CJK title
                cjk = re.match(r"^(?P<dept>\S+[部課室])\s+(?P<title>\S+)$", t)
                if cjk and TITLE_CJK.search(cjk["title"]):
                    res.department = res.department or cjk["dept"]
                    res.title = cjk["title"]
                else:
                    res.title = t
                seg.used = True
                last_role = idx
                continue
            if has_dept_word(t) and set_dept(t, seg):
                continue
        if (DEPT_LEADING.match(t) or DEPT_CJK.match(t)) and set_dept(t, seg):
            continue
        if (has_business_word(t) or "&" in t) and _looks_proper(t) and not res.organization:
            set_org(t, seg)
            continue
        if has_dept_word(t) and _looks_proper(t) and len(t.split()) <= 4 and set_dept(t, seg):
            continue
        pending.append((idx, seg))
    # Fallbacks for unlabelled proper-noun segments right after the name or title:
    # on the title's own line ("Program Manager | Cloud") a department when the organisation
    # is known; otherwise the organisation (a second person's name on a card is unusual).
    for idx, seg in pending:
        if idx != last_role + 1 or not _looks_proper(seg.text):
            continue
        same_line = last_role >= 0 and segments[last_role].line == seg.line
        org_next = (
            res.org_segment is not None
            and idx + 1 < len(segments)
            and segments[idx + 1] is res.org_segment
        )
        if res.organization and (same_line or org_next) and not res.department:
            # "Program Manager | Cloud", or a line between the title and the company
            set_dept(seg.text, seg)
        elif (
            not res.organization
            and (res.name or res.title)
            and _title_case(seg.text)
            and (res.name is not None or not split_name(seg.text, iberian))
        ):
            set_org(seg.text.strip(" ,;"), seg)
        break
    return res
