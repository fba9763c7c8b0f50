"""Accuracy of the duplicate finder on generated address books with known duplicates.

    uv run python benchmarks/duplicates_accuracy.py [--people N] [--seed S]

Generates people (names, companies with a switchboard and a role address shared by all
employees, personal and work emails, mobiles, birthdays), then copies of some of them as
another source would have them: a typo, a nickname, an initial, given and family swapped,
accents dropped, the phone written another way, the email in another case or with Gmail
dots, plus-tags or googlemail.com. Namesakes (same name, another company) and colleagues
who share the switchboard and info@ are in the set as people who are NOT duplicates.

Prints precision and recall on groups (a found group is right when all its contacts are one
person; a person's records are found when one group holds exactly them), on pairs, per kind
of variation (recall) and per kind of evidence (precision).

The generator is used by tests/unit/test_duplicates_accuracy.py and
benchmarks/duplicates_bench.py.
"""

from __future__ import annotations

import argparse
import random
import sys
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from netdesk.core.dates import PartialDate
from netdesk.core.matching import DuplicateGroup, find_duplicates, profile_of
from netdesk.core.model import Contact, Email, Phone, Photo
from netdesk.core.validation import to_e164


def _w(text: str) -> list[str]:
    return text.split()


GIVEN = _w(
    """
Robert William Elizabeth Margaret James John Katherine Thomas Michael Richard Jennifer
Christopher Alexander Jonathan Patricia Samuel Nicholas Matthew Daniel Andrew Stephen
Joseph Edward Victoria Rebecca Jessica Anthony Benjamin Charlotte Caroline Deborah
Frederick Gregory Jürgen Zoë Renée José Søren Chloé Agnès Björn Ingrid Mateo Lucía Hiroshi
Yuki Priya Arjun Fatima Omar Amara Kwame Ngozi Lars Anneke Pieter Giulia Lorenzo Francesca
Marek Zofia Dmitri Olga Sven Astrid Ines Rafael Camila Tomasz Hana Emil Nadia Leila Tariq
Mei Chen Wei Aisha Diego Valentina Harriet Oliver Natalie Timothy Lawrence Donald Gerald
Harold Susan Pamela Walter Vincent Zachary Dorothy Isabel Beatrice Cynthia Kimberly Amanda
Angela Barbara Bernard Douglas Eugene Francis Gabriel Henry Judith Kenneth Leonard Louise
Nathaniel Philip Ronald Theodore Abigail
"""
)

FAMILY_HEADS = _w(
    """
Smith Berg Hart Lind Holm Ash Brook Fair Green Wood Stone Mill Fisch Weiß Müll Schn Kowal
Nov Rossi Bianch Garc Fern Lop Mart Tan Nak Sato Kim Park Ngu Okaf Adeb Mens Cald Whit
Thorn Black Ell Harr Lang Kessl Brau Hoff Jans Vis Dekk Peder Niels Eklu Sund Virt Kor Lehm
Wag Beck Schm Kra Bau Rich Kl Wolf Schr Neum Schw Zimm
"""
)
FAMILY_TAILS = _w(
    """
er son man ley ton field wood berg strom ini ez ová ski ić ner mann dorf sen ström ford
hurst well ridge by ham
"""
)

COMPANY_WORDS = _w(
    """
Acme Globex Initech Umbrella Stark Wayne Kessler Tyrell Cyberdyne Soylent Hooli Vandelay
Wonka Gringotts Oceanic Monarch Aperture Massive Pied Nakatomi Virtucon Gekko Sterling
Bluth Dunder Prestige Zenith Apex Vertex Nimbus Orion Polaris Quantum Helix Atlas Aurora
Borealis Cobalt Delta Ember Falcon Granite Harbor Indigo Juniper Keystone Lumen Meridian
Northwind Onyx Pinnacle Quarry Redwood Summit Tidal Unity Vanguard Willow Xenon Yonder
Zephyr
"""
)
COMPANY_KINDS = _w(
    """
Logistics Labs Systems Partners Consulting Media Foods Energy Robotics Health Capital
Design Analytics Security Networks
"""
)
FORMS = ["Inc.", "GmbH", "Ltd", "LLC", "AG", "", "", "S.A.", "B.V."]
ROLES = ["info", "contact", "careers", "sales", "office", "hello"]
FREE = ["gmail.com", "gmail.com", "outlook.com", "yahoo.com", "web.de", "icloud.com"]
NICK = {
    "Robert": ["Bob", "Rob", "Bobby"],
    "William": ["Bill", "Will", "Liam"],
    "Elizabeth": ["Liz", "Beth", "Betty"],
    "Margaret": ["Maggie", "Peggy", "Meg"],
    "James": ["Jim", "Jimmy"],
    "John": ["Jack", "Johnny"],
    "Katherine": ["Kate", "Kathy"],
    "Thomas": ["Tom", "Tommy"],
    "Michael": ["Mike", "Mick"],
    "Richard": ["Rick", "Dick", "Rich"],
    "Jennifer": ["Jen", "Jenny"],
    "Christopher": ["Chris"],
    "Alexander": ["Alex", "Sasha"],
    "Jonathan": ["Jon"],
    "Patricia": ["Pat", "Trish"],
    "Samuel": ["Sam"],
    "Nicholas": ["Nick"],
    "Matthew": ["Matt"],
    "Daniel": ["Dan", "Danny"],
    "Andrew": ["Andy", "Drew"],
    "Stephen": ["Steve"],
    "Joseph": ["Joe"],
    "Edward": ["Ed", "Ted", "Eddie"],
    "Victoria": ["Vicky"],
    "Rebecca": ["Becky"],
    "Jessica": ["Jess"],
    "Anthony": ["Tony"],
    "Benjamin": ["Ben"],
    "Charlotte": ["Lottie"],
    "Deborah": ["Debbie"],
    "Frederick": ["Fred"],
    "Gregory": ["Greg"],
    "Timothy": ["Tim"],
    "Lawrence": ["Larry"],
    "Susan": ["Sue"],
    "Walter": ["Walt"],
    "Theodore": ["Ted", "Theo"],
    "Abigail": ["Abby"],
    "Kenneth": ["Ken"],
    "Douglas": ["Doug"],
}
#: what a duplicate record changes, one kind per copy
VARIATIONS = (
    "exact",
    "typo",
    "nickname",
    "initial",
    "swapped",
    "accents",
    "phone format",
    "email format",
    "job change",
    "email only",
    "nickname + typo",
)


@dataclass
class Person:
    given: str
    family: str
    company: str
    domain: str
    work_email: str
    personal_email: str
    mobile: str  # E.164
    birthday: PartialDate | None
    title: str


@dataclass
class TestSet:
    contacts: list[Contact]
    #: person index of each contact
    person_of: list[int]
    #: variation of each contact ("original" for the first record of a person)
    variation: list[str]
    #: kinds of hard negatives: contact index -> "namesake" / "colleague"
    negatives: dict[int, str] = field(default_factory=dict)


def _fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).replace("ø", "o")


def _family(rng: random.Random) -> str:
    return rng.choice(FAMILY_HEADS) + rng.choice(FAMILY_TAILS)


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 5:
        return word + word[-1]
    i = rng.randrange(1, len(word) - 2)
    kind = rng.choice(("swap", "drop", "double", "replace"))
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    letter = rng.choice("aeioulnrst")
    return word[:i] + letter + word[i + 1 :]


def _national(e164: str) -> str:
    """A number as typed locally: '+44 7700 900123' -> '07700 900123' style, with country
    region prefix kept for the parser through the contact's region (we use the +CC form
    with different spacing instead, so any region parses it)."""
    digits = e164[1:]
    return f"+{digits[:2]} ({digits[2:5]}) {digits[5:8]}-{digits[8:]}"


def _gmail_variant(rng: random.Random, email: str) -> str:
    local, _, domain = email.partition("@")
    choice = rng.choice(("case", "plus", "dots", "googlemail"))
    if choice == "case" or domain != "gmail.com":
        return email.upper() if rng.random() < 0.5 else email.title()
    if choice == "plus":
        return f"{local}+{rng.choice(['news', 'work', 'crm'])}@{domain}"
    if choice == "dots":
        return f"{local.replace('.', '')}@{domain}"
    return f"{local}@googlemail.com"


def make_people(rng: random.Random, n: int) -> list[Person]:
    companies = []
    for _ in range(max(8, n // 20)):
        name = f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_KINDS)}"
        companies.append((f"{name} {rng.choice(FORMS)}".strip(), name.lower().replace(" ", "")))
    people = []
    names: set[tuple[str, str]] = set()
    for _ in range(n):
        pick = lambda: rng.choice(GIVEN if rng.random() < 0.5 else list(NICK))  # noqa: E731
        given, family = pick(), _family(rng)
        while (given, family) in names:  # two people of one name are the namesakes below
            given, family = pick(), _family(rng)
        names.add((given, family))
        company, dom = rng.choice(companies)
        domain = f"{dom}.com"
        g, f = _fold(given).lower(), _fold(family).lower()
        people.append(
            Person(
                given=given,
                family=family,
                company=company,
                domain=domain,
                work_email=f"{g}.{f}@{domain}",
                personal_email=f"{g}.{f}{rng.randrange(10, 99)}@{rng.choice(FREE)}",
                mobile=f"+4477{rng.randrange(10_000_000, 99_999_999)}",
                birthday=(
                    PartialDate(
                        rng.randrange(1, 13), rng.randrange(1, 29), rng.randrange(1950, 2000)
                    )
                    if rng.random() < 0.4
                    else None
                ),
                title=rng.choice(["CEO", "CTO", "Engineer", "Buyer", "Sales Lead", "Designer", ""]),
            )
        )
    return people


def switchboard(domain: str) -> str:
    return f"+4420{zlib.crc32(domain.encode()) % 90_000_000 + 10_000_000}"


def _original(rng: random.Random, p: Person) -> Contact:
    emails = [Email(p.work_email, "work", True)]
    if rng.random() < 0.5:
        emails.append(Email(p.personal_email, "home"))
    phones = [Phone(p.mobile, p.mobile, "mobile")]
    if rng.random() < 0.5:
        board = switchboard(p.domain)
        phones.append(Phone(board, board, "work"))
    if rng.random() < 0.3:
        emails.append(Email(f"{rng.choice(ROLES)}@{p.domain}", "work"))
    photo = Photo(f"photo of {p.work_email}".encode()) if rng.random() < 0.15 else None
    return Contact(
        given_name=p.given,
        family_name=p.family,
        organization=p.company,
        title=p.title,
        photo=photo,
        emails=tuple(emails),
        phones=tuple(phones),
        birthday=p.birthday,
    )


def _duplicate(rng: random.Random, p: Person, original: Contact, variation: str) -> Contact:
    """Another source's record of ``p``: the variation, plus one or two of the ways records
    of one person usually agree with the first record (an email or phone it has, the
    company, the birthday). A record with only an initial always shares an email or phone:
    "J. Smith" at a company with nothing else is as likely Jane as John."""
    given, family = p.given, p.family
    display = ""
    if variation == "typo":
        if rng.random() < 0.5:
            family = _typo(rng, family)
        else:
            given = _typo(rng, given)
    elif variation == "nickname":
        given = rng.choice(NICK[given])
    elif variation == "initial":
        given = given[0] + "."
    elif variation == "accents":
        given, family = _fold(given), _fold(family)
    elif variation == "nickname + typo":
        given, family = rng.choice(NICK[given]), _typo(rng, family)
    emails: list[Email] = []
    phones: list[Phone] = []
    company = ""
    birthday = None
    have = {e.value for e in original.emails}
    options = ["work email", "mobile", "company"]
    if p.personal_email in have:
        options.append("personal email")
    ties = rng.sample(options, k=rng.choice((1, 2)))
    if variation == "phone format" and "mobile" not in ties:
        ties[0] = "mobile"
    if variation == "email format" and not {"work email", "personal email"} & set(ties):
        ties[0] = rng.choice([o for o in options if o.endswith("email")])
    if variation == "initial" and ties == ["company"]:
        ties.append(rng.choice(("work email", "mobile")))
    if variation == "job change":  # another company now; the mobile or private email stays
        ties = [rng.choice([o for o in options if o in ("mobile", "personal email")])]
    if variation == "email only":  # an address book entry that is only an email address
        ties = [rng.choice([o for o in options if o.endswith("email")])]
    for tie in ties:
        if tie == "work email":
            e = p.work_email
            emails.append(Email(_gmail_variant(rng, e) if variation == "email format" else e))
        elif tie == "personal email":
            e = p.personal_email
            emails.append(Email(_gmail_variant(rng, e) if variation == "email format" else e))
        elif tie == "mobile":
            typed = _national(p.mobile) if variation == "phone format" else p.mobile
            phones.append(Phone(typed, to_e164(typed, "GB")))
        else:
            company = p.company.upper() if rng.random() < 0.3 else p.company.split(" ")[0]
            if len(company) < 4:
                company = p.company
    if p.birthday and rng.random() < 0.5:
        birthday = p.birthday
    if rng.random() < 0.3:  # another source adds the switchboard
        board = switchboard(p.domain)
        phones.append(Phone(board, board, "work"))
    if variation == "job change":
        company = rng.choice(COMPANY_WORDS) + " " + rng.choice(COMPANY_KINDS)
    if variation == "email only":
        given = family = ""
        display = emails[0].value
        phones = []
    if variation == "swapped":
        if rng.random() < 0.5:
            display, given, family = f"{family} {given}", "", ""
        else:
            given, family = family, given
    return Contact(
        photo=original.photo if rng.random() < 0.4 else None,
        display_name=display,
        given_name=given,
        family_name=family,
        organization=company,
        emails=tuple(emails),
        phones=tuple(phones),
        birthday=birthday,
    )


def generate(people: int, seed: int = 7, dup_share: float = 0.35) -> TestSet:
    rng = random.Random(seed)
    folks = make_people(rng, people)
    ts = TestSet([], [], [])
    for i, p in enumerate(folks):
        ts.contacts.append(_original(rng, p))
        ts.person_of.append(i)
        ts.variation.append("original")
        if rng.random() < dup_share:
            original = ts.contacts[-1]
            for _ in range(1 if rng.random() < 0.8 else 2):
                v = rng.choice(VARIATIONS)
                if v.startswith("nickname") and p.given not in NICK:
                    v = "exact"
                ts.contacts.append(_duplicate(rng, p, original, v))
                ts.person_of.append(i)
                ts.variation.append(v)
    # hard negatives: namesakes at another company, and colleagues sharing the switchboard
    # and a role address
    for i in rng.sample(range(people), k=max(2, people // 10)):
        p = folks[i]
        other = folks[rng.randrange(people)]
        while other.domain == p.domain:
            other = folks[rng.randrange(people)]
        twin = Person(**{**p.__dict__, "company": other.company, "domain": other.domain})
        twin.work_email = f"{_fold(p.given).lower()}.{_fold(p.family).lower()}@{other.domain}"
        twin.personal_email = (
            f"{_fold(p.given).lower()}{rng.randrange(100, 999)}@{rng.choice(FREE)}"
        )
        twin.mobile = f"+4479{rng.randrange(10_000_000, 99_999_999)}"
        twin.birthday = None
        ts.negatives[len(ts.contacts)] = "namesake"
        ts.contacts.append(_original(rng, twin))
        ts.person_of.append(len(folks))
        folks.append(twin)
        ts.variation.append("original")
    for i in rng.sample(range(people), k=max(2, people // 10)):
        p = folks[i]
        colleague = Person(
            **{
                **p.__dict__,
                "given": rng.choice(GIVEN),
                "family": _family(rng),
                "mobile": f"+4478{rng.randrange(10_000_000, 99_999_999)}",
                "birthday": None,
            }
        )
        board = switchboard(p.domain)
        ts.negatives[len(ts.contacts)] = "colleague"
        ts.contacts.append(
            Contact(
                given_name=colleague.given,
                family_name=colleague.family,
                organization=p.company,
                emails=(Email(f"info@{p.domain}"),),
                phones=(Phone(board, board, "work"),),
            )
        )
        ts.person_of.append(len(folks))
        folks.append(colleague)
        ts.variation.append("original")
    # households: same family name and home number, another given name
    for i in rng.sample(range(people), k=max(2, people // 20)):
        p = folks[i]
        home = f"+44161{rng.randrange(1_000_000, 9_999_999)}"
        family_mail = f"{_fold(p.family).lower()}.family{home[-3:]}@gmail.com"
        for given in rng.sample([g for g in GIVEN if g[0] != p.given[0]], k=2):
            ts.negatives[len(ts.contacts)] = "household member"
            ts.contacts.append(
                Contact(
                    given_name=given,
                    family_name=p.family,
                    phones=(Phone(home, home, "home"),),
                    emails=(Email(family_mail),),
                )
            )
            ts.person_of.append(len(folks))
            folks.append(replace_person(p, given=given))
            ts.variation.append("original")
    return ts


def replace_person(p: Person, **changes: object) -> Person:
    return Person(**{**p.__dict__, **changes})


def scan_in_memory(ts: TestSet) -> list[DuplicateGroup]:
    contacts = [replace(c, id=n + 1) for n, c in enumerate(ts.contacts)]
    return find_duplicates([profile_of(c) for c in contacts])


@dataclass
class Scores:
    rows: list[tuple[str, int, int, float]]  # (label, right, of, share)

    def get(self, label: str) -> float:
        return next(r[3] for r in self.rows if r[0] == label)


def _share(right: int, of: int) -> float:
    return right / of if of else 1.0


def evaluate(ts: TestSet, groups: Sequence[DuplicateGroup]) -> Scores:
    """Ids in ``groups`` are contact index + 1."""
    person = {n + 1: p for n, p in enumerate(ts.person_of)}
    truth: dict[int, set[int]] = defaultdict(set)
    for cid, p in person.items():
        truth[p].add(cid)
    true_groups = {frozenset(m) for m in truth.values() if len(m) > 1}
    found = [frozenset(g.ids) for g in groups]
    pure = sum(1 for g in found if len({person[i] for i in g}) == 1)
    complete = sum(1 for g in true_groups if g in set(found))
    rows = [
        ("groups: precision", pure, len(found), _share(pure, len(found))),
        ("groups: recall", complete, len(true_groups), _share(complete, len(true_groups))),
    ]
    # pairs: every pair inside a found group is a predicted pair
    predicted: set[tuple[int, int]] = set()
    for g in found:
        ids = sorted(g)
        predicted |= {(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]}
    actual: set[tuple[int, int]] = set()
    for g in true_groups:
        ids = sorted(g)
        actual |= {(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]}
    hit = len(predicted & actual)
    rows.append(("pairs: precision", hit, len(predicted), _share(hit, len(predicted))))
    rows.append(("pairs: recall", hit, len(actual), _share(hit, len(actual))))
    # recall per variation: pairs (original, copy with that variation)
    originals = {ts.person_of[n]: n + 1 for n, v in enumerate(ts.variation) if v == "original"}
    by_variation: dict[str, list[bool]] = defaultdict(list)
    for n, v in enumerate(ts.variation):
        if v == "original":
            continue
        pair = tuple(sorted((originals[ts.person_of[n]], n + 1)))
        by_variation[v].append(pair in predicted)
    for v in VARIATIONS:
        got = by_variation.get(v, [])
        rows.append((f"recall, {v}", sum(got), len(got), _share(sum(got), len(got))))
    # precision per evidence kind: proposed pairs whose evidence includes that kind
    by_kind: dict[str, list[bool]] = defaultdict(list)
    for g in groups:
        for m in g.pairs:
            right = person[m.a] == person[m.b]
            for kind in m.kinds:
                by_kind[kind].append(right)
    for kind in ("email", "phone", "name", "company", "birthday", "photo", "role", "switchboard"):
        got = by_kind.get(kind, [])
        rows.append((f"precision, {kind} evidence", sum(got), len(got), _share(sum(got), len(got))))
    # hard negatives never grouped with anyone
    for label in ("namesake", "colleague", "household member"):
        idx = [n + 1 for n, k in ts.negatives.items() if k == label]
        clean = sum(1 for cid in idx if not any(cid in g for g in found))
        rows.append((f"{label}s left alone", clean, len(idx), _share(clean, len(idx))))
    return Scores(rows)


def table(scores: Scores) -> str:
    lines = ["| measure | right / of | share |", "|---|---|---|"]
    for label, right, of, share in scores.rows:
        lines.append(f"| {label} | {right:,} / {of:,} | {share * 100:.1f} % |")
    return "\n".join(lines)


def main(argv: Sequence[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--people", type=int, default=250)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    ts = generate(args.people, args.seed)
    print(f"{len(ts.contacts)} contacts, {args.people} people, seed {args.seed}")
    print(table(evaluate(ts, scan_in_memory(ts))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
