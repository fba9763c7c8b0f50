"""Generated timelines: interactions (who, when, what kind, summary and notes; contact 0 the
heaviest, a power law over the rest, the last tenth dormant) and follow-ups."""

from __future__ import annotations

import math
from bisect import bisect
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta

from netdesk.core.model import FollowUp, Interaction
from netdesk.demo.draw import (
    DEFAULT_SEED,
    Rng,
    check_counts,
    cumulative,
    resolve_today,
)
from netdesk.demo.locales import ALL_CITIES, all_companies
from netdesk.demo.vocabulary import (
    EVENT_NAMES,
    FOLLOW_UP_REASONS,
    NOTE_SENTENCES,
    PLACES,
    ROLES,
    SUMMARIES,
    TOPICS,
    TYPE_WEIGHTS,
)

__all__ = [
    "HEAVY_CONTACT_SHARE",
    "generate_follow_ups",
    "generate_interactions",
]

#: Share of all interactions that involve contact 0 as the main contact.
HEAVY_CONTACT_SHARE = 0.025
#: Interactions go back this many days (about six years).
HISTORY_DAYS = 6 * 365
#: Share of contacts (the highest indexes) that never get an interaction.
DORMANT_SHARE = 0.10


# --------------------------------------------------------------------------------------
# Interactions
# --------------------------------------------------------------------------------------

_TYPE_NAMES = tuple(TYPE_WEIGHTS)
_TYPE_CUM = cumulative(tuple(TYPE_WEIGHTS.values()))
#: types that usually happen on working days, at round times
_OFFICE_TYPES = frozenset({"meeting", "call", "interview", "introduction", "event"})
#: types that may involve several contacts
_GROUP_TYPES = ("meeting", "call", "email", "event", "interview", "message")
_MINUTES = tuple(timedelta(minutes=m) for m in range(24 * 60))


def _coprime_multiplier(n: int) -> int:
    """A multiplier that permutes range(n) (x -> x * m mod n), to scatter heavy contacts."""
    if n <= 2:
        return 1
    m = int(n * 0.618034) | 1
    while math.gcd(m, n) != 1:
        m += 2
    return m


class _ContactPicker:
    """Who an interaction is with: a power law over the active contacts, scattered over the
    index range, plus a fixed share for contact 0. The last ``DORMANT_SHARE`` of the indexes
    never come up (contacts you never interacted with)."""

    __slots__ = ("active", "multiplier", "rng")

    def __init__(self, contact_count: int, rng: Rng) -> None:
        dormant = int(contact_count * DORMANT_SHARE) if contact_count >= 10 else 0
        self.active = contact_count - dormant
        self.multiplier = _coprime_multiplier(self.active)
        self.rng = rng

    def main(self) -> int:
        u = self.rng.random()
        if u < HEAVY_CONTACT_SHARE:
            return 0
        u = self.rng.random()
        rank = int(self.active * u * u)
        return (rank * self.multiplier) % self.active

    def other(self, exclude: Sequence[int]) -> int | None:
        if self.active <= len(exclude):
            return None
        while True:
            idx = self.rng.range(self.active)
            if idx not in exclude:
                return idx


def generate_interactions(
    contact_count: int,
    count: int,
    *,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
) -> Iterator[Interaction]:
    """``count`` interactions over the last six years; ``contact_ids`` and ``introducer_id``
    are 0-based indexes into ``generate_contacts(contact_count)``.

    Dates lean towards the recent past and are not sorted. Contact 0 gets about 2.5 % of
    them; a power law spreads the rest, and the last tenth of the contacts get none.
    """
    check_counts(contact_count=contact_count, count=count)
    if not contact_count:
        return  # nothing to refer to
    day = resolve_today(today)
    rng = Rng(f"netdesk-demo/interactions/{seed}")
    picker = _ContactPicker(contact_count, rng)
    midnight = datetime(day.year, day.month, day.day)
    days = tuple(midnight - timedelta(days=d) for d in range(HISTORY_DAYS + 1))
    weekdays = tuple(d.weekday() for d in days)
    minutes = _MINUTES
    rand = rng.random
    randrange = rng.range
    choice = rng.pick
    companies = all_companies()
    cities = ALL_CITIES
    type_names = _TYPE_NAMES
    type_cum = _TYPE_CUM
    type_total = type_cum[-1]
    summaries = SUMMARIES
    office = _OFFICE_TYPES
    group_types = _GROUP_TYPES
    can_introduce = picker.active >= 2

    for _ in range(count):
        kind = type_names[bisect(type_cum, rand() * type_total)]
        if kind == "introduction" and not can_introduce:
            kind = "meeting"

        # when: skewed towards today, but never later than yesterday (a time of day "today"
        # could lie in the future); office things on working days at round times
        age = max(1, int(HISTORY_DAYS * rand() ** 2))
        if kind in office:
            wd = weekdays[age]
            if wd >= 5 and rand() < 0.85:
                age += wd - 4  # back to Friday
                if age > HISTORY_DAYS:
                    age -= 7
            minute = 480 + 15 * randrange(44)  # 08:00 .. 18:45
        else:
            minute = 420 + randrange(900)  # 07:00 .. 21:59
        occurred = days[age] + minutes[minute]

        company = choice(companies)[0]
        topic = choice(TOPICS)
        template = choice(summaries[kind])
        summary = template.format(
            company=company,
            topic=topic,
            role=choice(ROLES) if "{role}" in template else "",
            place=choice(PLACES) if "{place}" in template else "",
            city=choice(cities) if "{city}" in template else "",
            event=choice(EVENT_NAMES) if "{event}" in template else "",
        )

        first = picker.main()
        introducer: int | None = None
        if kind == "introduction":
            other = picker.other((first,))
            assert other is not None
            if rand() < 0.5:  # the main contact introduces, or is introduced
                contact_ids: tuple[int, ...] = (other, first)
                introducer = first
            else:
                contact_ids = (first, other)
                introducer = other
        elif kind in group_types and rand() < 0.065:
            ids = [first]
            for _extra in range(1 + (rand() < 0.3)):
                other = picker.other(ids)
                if other is not None:
                    ids.append(other)
            contact_ids = tuple(ids)
        else:
            contact_ids = (first,)

        notes = ""
        r = rand()
        if r < 0.35:
            n = 1 if r < 0.22 else 2 if r < 0.31 else 3
            notes = " ".join(
                choice(NOTE_SENTENCES).format(
                    topic=topic, company=company, city=choice(cities), role=choice(ROLES)
                )
                for _s in range(n)
            )
            if n == 3:
                notes = notes.replace(". ", ".\n", 1)
            if ".." in notes:  # a company name ending in "Ltd." closed the sentence
                notes = notes.replace("..", ".")

        yield Interaction(
            occurred_at=occurred,
            type=kind,
            summary=summary,
            contact_ids=contact_ids,
            notes=notes,
            introducer_id=introducer,
        )


# --------------------------------------------------------------------------------------
# Follow-ups
# --------------------------------------------------------------------------------------


def generate_follow_ups(
    contact_count: int,
    count: int,
    *,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
) -> Iterator[FollowUp]:
    """``count`` follow-ups due between 30 days ago and 60 days ahead; ``contact_id`` is a
    0-based index. About half of the past ones are done, some open ones are snoozed."""
    check_counts(contact_count=contact_count, count=count)
    if not contact_count:
        return  # nothing to refer to
    day = resolve_today(today)
    rng = Rng(f"netdesk-demo/follow-ups/{seed}")
    rand = rng.random
    randrange = rng.range
    choice = rng.pick
    companies = all_companies()
    for _ in range(count):
        contact = 0 if rand() < 0.02 else randrange(contact_count)
        due = day + timedelta(days=randrange(-30, 61))
        reason = choice(FOLLOW_UP_REASONS).format(
            company=choice(companies)[0],
            role=choice(ROLES),
            topic=choice(TOPICS),
            event=choice(EVENT_NAMES),
        )
        done_on: date | None = None
        snoozed: date | None = None
        if due <= day:
            if rand() < 0.5:
                done_on = min(day, due + timedelta(days=randrange(-3, 6)))
        elif rand() < 0.08:
            done_on = day - timedelta(days=randrange(0, 6))
        if done_on is None and rand() < 0.12:
            snoozed = max(due, day) + timedelta(days=randrange(2, 22))
        yield FollowUp(
            contact_id=contact, due=due, reason=reason, done_on=done_on, snoozed_until=snoozed
        )
