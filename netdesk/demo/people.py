"""Generated contacts: people from 17 countries (names, work, emails, phones, addresses,
links, birthdays, where they met, tags, notes, cadence) and a few company-only cards."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date, timedelta

from netdesk.core.dates import PartialDate
from netdesk.core.model import Address, Contact, Email, Phone, Url
from netdesk.demo.draw import (
    DEFAULT_SEED,
    Rng,
    check_counts,
    cumulative,
    fill,
    phone_number,
    resolve_today,
    weighted_index,
)
from netdesk.demo.locales import LOCALES, City, Locale, ascii_slug, companies_of
from netdesk.demo.vocabulary import (
    ALL_TITLES,
    CONTACT_NOTES,
    DEPARTMENT_NAMES,
    DEPARTMENTS,
    EVENT_NAMES,
    EVENTS,
    GLOBAL_COMPANIES,
    LEADER_TITLES,
    LOCAL_TITLES,
    MET_PLACES,
    NICKNAMES,
    ROLES,
    TAG_POOL,
    TOPICS,
)

__all__ = ["generate_contacts"]

_LOCALE_CUM = cumulative([loc.weight for loc in LOCALES])


def _birthday(rng: Rng, today: date) -> PartialDate:
    r = rng.random()
    no_year = r < 0.2
    if rng.random() < 0.01:  # born on 29 February
        if no_year:
            return PartialDate(2, 29)
        year = rng.range(today.year - 68, today.year - 20)
        while not calendar.isleap(year):
            year -= 1
        return PartialDate(2, 29, year)
    d = date(2001, 1, 1) + timedelta(days=rng.range(365))  # a common year
    if no_year:
        return PartialDate(d.month, d.day)
    return PartialDate(d.month, d.day, rng.range(today.year - 68, today.year - 20))


def _address(loc: Locale, rng: Rng, label: str, city: City | None = None) -> Address:
    city = city or rng.pick(loc.cities)
    street = loc.street_fmt.format(
        street=rng.pick(loc.streets), no=fill(rng.pick(loc.house_numbers), rng)
    )
    return Address(
        street=street,
        locality=city.locality,
        region=city.region,
        postal_code=fill(city.postal, rng),
        country=loc.country,
        label=label,
    )


def _company_contact(index: int, loc: Locale, rng: Rng, today: date) -> Contact:
    name, domain = rng.pick(companies_of(loc.code))
    city = rng.pick(loc.cities)
    emails = [Email(f"{rng.pick(('info', 'contact', 'hello', 'office'))}@{domain}", "work", True)]
    if rng.random() < 0.6:
        emails.append(Email(f"{rng.pick(('jobs', 'careers', 'recruiting'))}@{domain}", "work"))
    phones = [Phone(phone_number(city.landline, rng), label="work", pref=True)]
    if rng.random() < 0.35:
        phones.append(Phone(phone_number(city.landline, rng), label="fax"))
    tags = ["employer"] if rng.random() < 0.5 else []
    if rng.random() < 0.3:
        tags.append("target-company")
    return Contact(
        uid=f"demo-{index}@netdesk",
        display_name=name,
        organization=name,
        department=rng.pick(("", "", "Talent Acquisition", "Human Resources")),
        emails=tuple(emails),
        phones=tuple(phones),
        addresses=(_address(loc, rng, "work", city),),
        urls=(Url(f"https://www.{domain}/", "work"),),
        notes=rng.pick(("", "", "Careers page lists openings every Monday.", "Applied here once.")),
        tags=tuple(tags),
        cadence_days=rng.pick((None, None, 91, 182)),
    )


def _person_contact(index: int, loc: Locale, rng: Rng, today: date) -> Contact:
    rand = rng.random
    choice = rng.pick
    given_raw = choice(loc.given)
    # about one in ten people carry a family name from elsewhere
    fam_loc = loc if rand() >= 0.1 else LOCALES[weighted_index(_LOCALE_CUM, rng)]
    if fam_loc.family_first or loc.family_first:
        fam_loc = loc
    family_raw = choice(fam_loc.family)
    if loc.code == "ES" and rand() < 0.5:
        family_raw = f"{family_raw} {choice(loc.family)}"
    if loc.code == "PL" and given_raw.endswith("a") and family_raw.endswith(("ski", "cki", "dzki")):
        family_raw = family_raw[:-1] + "a"

    additional = ""
    display = ""
    germanic = loc.umlaut_ae or fam_loc.umlaut_ae
    if loc.code == "JP":
        g_kanji, g_romaji = given_raw.split("|")
        f_kanji, f_romaji = family_raw.split("|")
        if rand() < 0.6:
            given, family = g_kanji, f_kanji
            display = f"{family} {given}"
        else:
            given, family = g_romaji, f_romaji
    elif loc.code == "VN":
        given, family = given_raw, family_raw
        additional = choice(("Văn", "Thị", "Minh", "Đức", "Ngọc", "Thanh", "Hữu", "Quang", ""))
        display = " ".join(p for p in (family, additional, given) if p)
    else:
        given, family = given_raw, family_raw.split("|")[-1]

    g_slug = ascii_slug(given_raw, germanic)
    f_slug = ascii_slug(family_raw.split(" ")[0] if loc.code == "ES" else family_raw, germanic)

    prefix = suffix = nickname = ""
    if loc.code in ("DE", "AT", "CH") and rand() < 0.06:
        prefix = choice(("Dr.", "Dr.", "Prof. Dr.", "Dipl.-Ing."))
    elif loc.code in ("US", "GB") and rand() < 0.03:
        suffix = choice(("PhD", "Jr.", "MBA"))
    if given in NICKNAMES and rand() < 0.5:
        nickname = NICKNAMES[given]
    if display and (prefix or suffix):
        display = ""

    # work
    organization = department = title = ""
    domain = ""
    r = rand()
    if r < 0.82:
        if r < 0.55:
            organization, domain = choice(companies_of(loc.code))
        elif r < 0.72:
            organization, domain = choice(GLOBAL_COMPANIES)
        else:
            other = LOCALES[weighted_index(_LOCALE_CUM, rng)]
            organization, domain = choice(companies_of(other.code))
        if rand() < 0.6:
            department = choice(DEPARTMENT_NAMES)
            title = choice(DEPARTMENTS[department])
        elif rand() < 0.2:
            title = choice(LEADER_TITLES)
        else:
            title = choice(LOCAL_TITLES.get(loc.code) or ALL_TITLES)
    elif r < 0.9:
        title = choice(("Freelance Developer", "Independent Consultant", "Freelance Designer"))

    # emails: work and/or home, exactly one preferred
    emails: list[Email] = []
    n_emails = 1 + (rand() < 0.45) + (rand() < 0.12)
    patterns = (
        f"{g_slug}.{f_slug}",
        f"{g_slug[:1]}.{f_slug}",
        f"{g_slug}{f_slug}",
        f"{f_slug}.{g_slug}",
        f"{g_slug}_{f_slug[:1]}",
        f"{g_slug}",
    )
    if domain:
        emails.append(Email(f"{choice(patterns[:4])}@{domain}", "work"))
    while len(emails) < n_emails:
        local = choice(patterns)
        if rand() < 0.4:
            local += str(rng.range(1, 99) if rand() < 0.7 else rng.range(1960, 2005))
        value = f"{local}@{choice(loc.mail_providers)}"
        if all(e.value != value for e in emails):
            emails.append(Email(value, "home"))
        else:
            break
    pref = rng.range(len(emails))
    emails = [Email(e.value, e.label, i == pref) for i, e in enumerate(emails)]

    # phones
    phones: list[Phone] = []
    city = choice(loc.cities)
    n_phones = weighted_index((0.15, 0.65, 0.9, 1.0), rng)
    for i in range(n_phones):
        if i == 0 or (i == 1 and rand() < 0.3):
            phones.append(
                Phone(phone_number(choice(loc.mobiles), rng), label="mobile", pref=i == 0)
            )
        elif i == 1 or rand() < 0.6:
            phones.append(Phone(phone_number(city.landline, rng), label="work"))
        else:
            phones.append(Phone(phone_number(city.landline, rng), label="fax"))

    addresses: tuple[Address, ...] = ()
    if rand() < 0.4:
        addresses = (_address(loc, rng, choice(("home", "work", "work")), city),)
        if rand() < 0.08:
            addresses += (_address(loc, rng, "home"),)

    urls: tuple[Url, ...] = ()
    if rand() < 0.3:
        if rand() < 0.75:
            handle = f"{g_slug}-{f_slug}"
            if rand() < 0.6:
                handle += f"-{rng.range(16**6):06x}"
            urls = (Url(f"https://www.linkedin.com/in/{handle}", "linkedin"),)
        else:
            site = choice((f"{g_slug}{f_slug}.dev", f"{g_slug}.{f_slug}.me", f"{f_slug}.io"))
            urls = (Url(f"https://{site}", "home"),)

    birthday = _birthday(rng, today) if rand() < 0.6 else None

    # where we met, tags
    met_at = ""
    met_on: date | None = None
    tags: list[str] = []
    r = rand()
    if r < 0.18:
        name, slug, month = choice(EVENTS)
        year = today.year - rng.range(0, 6)
        if (year, month) > (today.year, today.month):
            year -= 1
        met_on = date(year, month, rng.range(1, 29))
        if met_on > today:
            met_on = met_on.replace(year=year - 1)
        met_at = name if rand() < 0.7 else f"{name}, booth {choice('ABCDEFGH')}{rng.range(1, 60)}"
        tags.append(f"{slug}-{met_on.year}")
    elif r < 0.35:
        met_at = choice(MET_PLACES)
        if rand() < 0.6:
            met_on = today - timedelta(days=rng.range(30, 10 * 365))
    n_tags = weighted_index((0.35, 0.7, 0.9, 1.0), rng)
    while len(tags) < n_tags:
        tag = choice(TAG_POOL)
        if tag not in tags:
            tags.append(tag)
    if department == "Talent Acquisition" and "recruiter" not in tags and rand() < 0.7:
        tags.append("recruiter")

    notes = ""
    if rand() < 0.25:
        notes = (
            choice(CONTACT_NOTES)
            .format(
                event=choice(EVENT_NAMES),
                topic=choice(TOPICS),
                city=city.locality,
                company=organization or choice(GLOBAL_COMPANIES)[0],
                role=choice(ROLES),
            )
            .replace("..", ".")
        )

    cadence: int | None = None
    if rand() < 0.5:
        cadence = (14, 30, 30, 91, 91, 91, 182, 182, 365, 365)[rng.range(10)]
    starred = rand() < 0.03

    return Contact(
        uid=f"demo-{index}@netdesk",
        display_name=display,
        prefix=prefix,
        given_name=given,
        additional_names=additional,
        family_name=family,
        suffix=suffix,
        nickname=nickname,
        organization=organization,
        department=department,
        title=title,
        emails=tuple(emails),
        phones=tuple(phones),
        addresses=addresses,
        urls=urls,
        birthday=birthday,
        notes=notes,
        tags=tuple(tags),
        met_at=met_at,
        met_on=met_on,
        cadence_days=cadence,
        starred=starred,
    )


def generate_contacts(
    count: int, *, seed: int = DEFAULT_SEED, today: date | None = None
) -> Iterator[Contact]:
    """``count`` contacts without ids; contact ``n`` has uid ``demo-<n>@netdesk``.

    About 5 % are company-only cards; the rest are people from 17 countries. Contact 0 is
    the long-standing mentor whom the interaction generator makes the heaviest contact.
    """
    check_counts(count=count)
    day = resolve_today(today)
    rng = Rng(f"netdesk-demo/contacts/{seed}")
    for index in range(count):
        loc = LOCALES[weighted_index(_LOCALE_CUM, rng)]
        if index != 0 and rng.random() < 0.05:
            yield _company_contact(index, loc, rng, day)
            continue
        contact = _person_contact(index, loc, rng, day)
        if index == 0:
            tags = tuple(dict.fromkeys(("mentor", "former-colleague", *contact.tags)))
            contact = contact.with_changes(
                tags=tags[:4],
                starred=True,
                cadence_days=14,
                notes="My first team lead. We talk every couple of weeks.",
            )
        yield contact
