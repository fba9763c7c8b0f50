"""The "same person" rule: how strongly two contacts look like one person, 0-100, and why
in words.

Evidence and its points (the sum is clamped to 0-100):

- the same personal email (case, Gmail dots and plus-tags, googlemail.com folded) +50;
  a similar email (same mailbox name at another domain) +15
- the same phone in E.164 +40
- names: the same +45, nickname or given/family swapped +40/+35, a typo +35, an initial
  +30, only one name part to compare and it agrees +15; different names -35
- the same company +15 (similar +10, different -5)
- the same birthday +20 (different -40); the same photo +30
- weak evidence: a shared role address (info@, sales@ ...) or a number several people share
  (a switchboard) +5 each, never enough alone.

A pair scoring :data:`PROPOSE` or more is proposed as a duplicate.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from netdesk.core.matching.names import PersonName, compare_names, parse_name
from netdesk.core.matching.values import (
    FREE_MAIL_DOMAINS,
    email_key,
    email_parts,
    is_role_address,
    org_key,
    phone_key_of,
)
from netdesk.core.model import Contact
from netdesk.core.text import fold

#: a pair at or above this score is proposed as a duplicate
PROPOSE = 50

#: evidence kinds, in the order reasons are listed
KINDS = ("email", "phone", "name", "photo", "birthday", "company", "role", "switchboard")


@dataclass(frozen=True, slots=True)
class Profile:
    """What matching needs of one contact, prepared once."""

    id: int
    name: PersonName
    #: (email key, as written)
    emails: tuple[tuple[str, str], ...] = ()
    #: (phone key, as written)
    phones: tuple[tuple[str, str], ...] = ()
    org: str = ""
    org_shown: str = ""
    #: ISO date or --MM-DD, "" when unknown
    birthday: str = ""
    photo: str = ""
    #: the email keys, their mailbox names and domains, the phone keys, as sets (for
    #: quick tests of "anything in common" on many pairs)
    email_keys: frozenset[str] = frozenset()
    email_locals: frozenset[str] = frozenset()
    email_domains: frozenset[str] = frozenset()
    phone_keys: frozenset[str] = frozenset()


def photo_hash(data: bytes | None) -> str:
    return hashlib.blake2b(data, digest_size=12).hexdigest() if data else ""


def profile_name(
    given: str, family: str, additional: str, display: str, nickname: str, organization: str
) -> PersonName:
    """A contact's name as matching sees it; a company-only entry is named after the
    company: that is not a person's name."""
    name_display = "" if display.strip() == organization.strip() else display
    return parse_name(given, family, additional, name_display, nickname)


def make_profile(
    contact_id: int,
    *,
    given: str = "",
    family: str = "",
    additional: str = "",
    display: str = "",
    nickname: str = "",
    organization: str = "",
    emails: Iterable[str] = (),
    phones: Iterable[tuple[str, str | None]] = (),
    birthday: str = "",
    photo: str = "",
    name: PersonName | None = None,
) -> Profile:
    """A profile from plain values (the scan reads these straight from the database);
    ``name`` when :func:`profile_name` was already called for them."""
    org = org_key(organization)
    email_list: list[tuple[str, str]] = []
    for e in emails:
        if e.strip():
            key = email_key(e)
            if all(k != key for k, _ in email_list):
                email_list.append((key, e.strip()))
    phone_list: list[tuple[str, str]] = []
    for value, e164 in phones:
        pkey = phone_key_of(value, e164)
        if pkey and all(k != pkey for k, _ in phone_list):
            phone_list.append((pkey, value))
    parts = [email_parts(k) for k, _ in email_list]
    return Profile(
        id=contact_id,
        name=name
        if name is not None
        else profile_name(given, family, additional, display, nickname, organization),
        emails=tuple(email_list),
        phones=tuple(phone_list),
        org=org,
        org_shown=organization.strip(),
        birthday=birthday or "",
        photo=photo,
        email_keys=frozenset(k for k, _ in email_list),
        email_locals=frozenset(local for local, _ in parts),
        email_domains=frozenset(domain for _, domain in parts),
        phone_keys=frozenset(k for k, _ in phone_list),
    )


def profile_of(contact: Contact, contact_id: int | None = None) -> Profile:
    """A profile of a contact (a saved one, or a card being typed: give it any id)."""
    cid = contact_id if contact_id is not None else (contact.id or 0)
    return make_profile(
        cid,
        given=contact.given_name,
        family=contact.family_name,
        additional=contact.additional_names,
        display=contact.display_name,
        nickname=contact.nickname,
        organization=contact.organization,
        emails=[e.value for e in contact.emails],
        phones=[(p.value, p.e164) for p in contact.phones],
        birthday=contact.birthday.iso() if contact.birthday else "",
        photo=photo_hash(contact.photo.data) if contact.photo else "",
    )


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of evidence: its kind, its points and what it says. A phone in the text
    (``{phone}``) is formatted only when the reason is read: formatting is the slowest
    part of a comparison and most compared pairs are never shown."""

    kind: str
    points: int
    text: str
    #: (phone key, as typed) for ``{phone}`` in the text
    phone: tuple[str, str] | None = None

    @property
    def reason(self) -> str:
        if self.phone is None:
            return self.text
        return self.text.replace("{phone}", shown_phone(*self.phone))


@dataclass(frozen=True, slots=True)
class PairMatch:
    """Two contacts compared: their score and the evidence, strongest first."""

    a: int
    b: int
    score: int
    evidence: tuple[Evidence, ...]

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(e.reason for e in self.evidence)

    @property
    def kinds(self) -> frozenset[str]:
        """The kinds of evidence that spoke for the match."""
        return frozenset(e.kind for e in self.evidence if e.points > 0)

    @property
    def name_conflict(self) -> bool:
        return any(e.kind == "name" and e.points < 0 for e in self.evidence)

    @property
    def proposed(self) -> bool:
        return self.score >= PROPOSE


@lru_cache(maxsize=65536)
def shown_phone(key: str, typed: str) -> str:
    """A phone for a reason: international format when known, else as typed."""
    if key.startswith("+"):
        from netdesk.core.validation import format_phone

        return format_phone(key, typed)
    return typed


def just_the_name(local: str, name: PersonName) -> bool:
    """Whether a mailbox name says no more than the person's name ('robert.smith',
    'rsmith', 'smith.r'): then another address with it is a namesake's as easily."""
    letters = "".join(filter(str.isalpha, fold(local)))
    g, f = name.given.replace(" ", ""), name.family.replace(" ", "")
    if not g and not f:
        return False
    forms = {g + f, f + g, g, f}
    if g and f:
        forms |= {g[0] + f, f + g[0], g + f[0]}
    return letters in forms


def _birthday_points(a: str, b: str) -> int:
    """+20 the same birthday, +15 the same day when one has no year, -40 different, 0 when
    one is unknown."""
    if not a or not b:
        return 0
    if a == b:
        return 20
    if a[-5:] == b[-5:] and (a.startswith("--") or b.startswith("--")):
        return 15
    return -40


def _birthday(a: str, b: str) -> Evidence | None:
    points = _birthday_points(a, b)
    if points == 0:
        return None
    if points == 20:
        return Evidence("birthday", 20, f"same birthday {a}")
    if points == 15:
        return Evidence("birthday", 15, f"same birthday {a[-5:]}")
    return Evidence("birthday", -40, f"different birthdays {a} ≠ {b}")


def _company_points(a: Profile, b: Profile) -> int:
    """+15 the same company, +10 one name within the other, -5 different, 0 unknown."""
    if not a.org or not b.org:
        return 0
    if a.org == b.org:
        return 15
    ta, tb = set(a.org.split()), set(b.org.split())
    return 10 if ta <= tb or tb <= ta else -5


def _company(a: Profile, b: Profile) -> Evidence | None:
    points = _company_points(a, b)
    if points == 0:
        return None
    if points == 15:
        return Evidence("company", 15, f"same company {b.org_shown}")
    if points == 10:
        return Evidence("company", 10, f"similar company {a.org_shown} ≈ {b.org_shown}")
    return Evidence("company", -5, f"different companies {a.org_shown} ≠ {b.org_shown}")


def upper_bound(a: Profile, b: Profile) -> int:
    """At least the score :func:`compare` gives (never less), without looking at names
    closely or writing reasons: the scan skips pairs that cannot reach :data:`PROPOSE`."""
    points = 45  # the most a name match adds
    if a.email_keys and b.email_keys:
        if not a.email_keys.isdisjoint(b.email_keys):
            points += 50
        else:
            if not a.email_locals.isdisjoint(b.email_locals):
                points += 15  # a similar email
            if not (a.org and b.org) and not a.email_domains.isdisjoint(b.email_domains):
                points += 5  # a shared work domain
    if a.phone_keys and not a.phone_keys.isdisjoint(b.phone_keys):
        points += 40
    if a.photo and a.photo == b.photo:
        points += 30
    return points + _birthday_points(a.birthday, b.birthday) + _company_points(a, b)


def compare(
    a: Profile,
    b: Profile,
    shared: frozenset[str] | set[str] = frozenset(),
) -> PairMatch:
    """Score two profiles. ``shared`` holds email and phone keys known to belong to several
    people (switchboards, family mailboxes): they count as weak evidence only."""
    ev: list[Evidence] = []
    name = compare_names(a.name, b.name)
    if name.kind != "none":
        ev.append(Evidence("name", name.points, name.reason))

    if a.emails and b.emails:
        b_keys = {k: shown for k, shown in b.emails}
        common = [(k, shown) for k, shown in a.emails if k in b_keys]
        personal = [(k, s) for k, s in common if k not in shared and not is_role_address(k)]
        if personal:
            ev.append(Evidence("email", 50, f"same email {personal[0][1]}"))
        elif common:
            k, shown = common[0]
            what = "role address" if is_role_address(k) else "address several people use"
            ev.append(Evidence("role", 5, f"shared {what} {shown}"))
        else:
            b_locals = {email_parts(k)[0]: s for k, s in b.emails}
            for k, shown in a.emails:
                local = email_parts(k)[0]
                if (
                    len(local) >= 5
                    and local in b_locals
                    and not is_role_address(k)
                    and not just_the_name(local, a.name)
                    and not just_the_name(local, b.name)
                ):
                    ev.append(Evidence("email", 15, f"similar email {shown} ≈ {b_locals[local]}"))
                    break

    if a.phones and b.phones:
        b_phones = {k for k, _ in b.phones}
        common_p = [(k, t) for k, t in a.phones if k in b_phones]
        personal_p = [(k, t) for k, t in common_p if k not in shared]
        if personal_p:
            ev.append(Evidence("phone", 40, "same phone {phone}", personal_p[0]))
        elif common_p:
            ev.append(
                Evidence("switchboard", 5, "shared number {phone} (several people)", common_p[0])
            )

    if a.photo and a.photo == b.photo:
        ev.append(Evidence("photo", 30, "same photo"))
    bday = _birthday(a.birthday, b.birthday)
    if bday is not None:
        ev.append(bday)
    company = _company(a, b)
    if company is not None:
        ev.append(company)
    # without companies on file, a shared work domain says "the same company"
    elif a.emails and b.emails and not any(e.kind in ("email", "role") for e in ev):
        domains_a = {email_parts(k)[1] for k, _ in a.emails} - FREE_MAIL_DOMAINS
        domains_b = {email_parts(k)[1] for k, _ in b.emails}
        same = sorted(domains_a & domains_b)
        if same:
            ev.append(Evidence("company", 5, f"same email domain {same[0]}"))

    total = max(0, min(100, sum(e.points for e in ev)))
    ev.sort(key=lambda e: (-e.points, KINDS.index(e.kind)))
    lo, hi = (a.id, b.id) if a.id <= b.id else (b.id, a.id)
    return PairMatch(lo, hi, total, tuple(ev))
