"""The due-date rule has one definition (netdesk.core.cadence) and one SQL expression of it
(netdesk.storage.cadence_sql); the derived columns, the Today list and the overdue count the
database computes must agree with the core rule on generated cases and on a table of edges."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from netdesk.core import cadence
from netdesk.core.cadence import DUE_HORIZON_DAYS
from netdesk.storage.activity import due_items, overdue_count
from netdesk.storage.contacts import ContactRepository
from netdesk.storage.schema import (
    Base,
    ContactRow,
    FollowUpRow,
    InteractionRow,
    ParticipantRow,
    TagRow,
)


@dataclass(frozen=True)
class FollowUpCase:
    due: date
    snoozed_until: date | None = None
    done_on: date | None = None


@dataclass(frozen=True)
class ContactCase:
    created: datetime
    own_cadence: int | None = None
    tags: tuple[int, ...] = ()  # indexes into World.tag_cadences
    interactions: tuple[datetime, ...] = ()
    snoozed_until: date | None = None
    follow_ups: tuple[FollowUpCase, ...] = ()
    deleted: bool = False


@dataclass(frozen=True)
class World:
    today: date
    tag_cadences: tuple[int | None, ...] = ()
    contacts: tuple[ContactCase, ...] = field(default_factory=tuple)


@pytest.fixture(scope="module")
def engine() -> Iterator[object]:
    eng = create_engine("sqlite://")
    Base.metadata.create_all(eng)
    yield eng
    eng.dispose()


def _load(s: Session, world: World) -> list[int]:
    for table in ("interaction_contacts", "interactions", "follow_ups", "contact_tags"):
        s.execute(text(f"DELETE FROM {table}"))
    s.execute(text("DELETE FROM contacts"))
    s.execute(text("DELETE FROM tags"))
    tags = [TagRow(name=f"tag{n}", cadence_days=d) for n, d in enumerate(world.tag_cadences)]
    s.add_all(tags)
    ids = []
    stamp = datetime(2026, 1, 1)
    for n, c in enumerate(world.contacts):
        row = ContactRow(
            display_name=f"Person {n}",
            sort_name=f"person {n}",
            created_at=c.created,
            updated_at=c.created,
            cadence_days=c.own_cadence,
            cadence_snoozed_until=c.snoozed_until,
            deleted_at=stamp if c.deleted else None,
            tags=[tags[t] for t in sorted(set(c.tags))],
        )
        s.add(row)
        s.flush()
        ids.append(row.id)
        for at in c.interactions:
            inter = InteractionRow(
                occurred_at=at, type="call", summary="", notes="", created_at=at, updated_at=at
            )
            inter.participants = [ParticipantRow(contact_id=row.id, occurred_at=at)]
            s.add(inter)
        for f in c.follow_ups:
            s.add(
                FollowUpRow(
                    contact_id=row.id,
                    due=f.due,
                    reason="r",
                    done_on=f.done_on,
                    snoozed_until=f.snoozed_until,
                    created_at=stamp,
                )
            )
    s.flush()
    return ids


def _as_date(v: object) -> date | None:
    return None if v is None else date.fromisoformat(str(v))


def check(engine: object, world: World) -> None:
    """Run the storage code on ``world`` and compare every figure with the core rule."""
    with Session(bind=engine) as s:  # type: ignore[arg-type]
        ids = _load(s, world)
        ContactRepository(s).refresh_derived(None)
        stored = {
            r[0]: (_as_date(r[1]), _as_date(r[2]), _as_date(r[3]))
            for r in s.execute(
                text("SELECT id, last_contacted, cadence_due, next_touch FROM contacts")
            )
        }
        today = world.today
        horizon = today + timedelta(days=DUE_HORIZON_DAYS)
        expected_due: list[tuple[int, date, str]] = []
        expected_overdue = 0
        for cid, c in zip(ids, world.contacts, strict=True):
            last = cadence.last_contact_day(c.interactions)
            days = cadence.effective_cadence(c.own_cadence, (world.tag_cadences[t] for t in c.tags))
            due = cadence.cadence_due(last, days, c.created.date(), c.snoozed_until)
            open_dates = [
                cadence.follow_up_due(f.due, f.snoozed_until)
                for f in c.follow_ups
                if f.done_on is None
            ]
            touch = cadence.next_touch(
                last, days, c.created.date(), min(open_dates, default=None), c.snoozed_until
            )
            assert stored[cid] == (last, due, touch), c
            if c.deleted:
                continue
            if due is not None and due <= horizon:
                expected_due.append((cid, due, "cadence"))
            expected_overdue += due is not None and due < today
            for d in open_dates:
                if d <= horizon:
                    expected_due.append((cid, d, "follow-up"))
                expected_overdue += d < today
        items = due_items(s, today)
        assert sorted((d.contact_id, d.due, d.reason) for d in items) == sorted(expected_due)
        assert [d.due for d in items] == sorted(d.due for d in items)
        assert overdue_count(s, today) == expected_overdue
        s.rollback()


# ------------------------------------------------------------------ generated
DAY0 = date(2026, 6, 15)
days_around = st.integers(-800, 800).map(lambda n: DAY0 + timedelta(days=n))
clock = st.sampled_from(
    [time(0, 0), time(0, 0, 0, 1), time(12, 30), time(23, 59, 59), time(23, 59, 59, 999999)]
)
moments = st.builds(datetime.combine, days_around, clock)
cadences = st.one_of(
    st.none(), st.just(0), st.integers(1, 3660), st.sampled_from([14, 30, 91, 365]), st.just(-3)
)
follow_ups = st.builds(
    FollowUpCase,
    due=days_around,
    snoozed_until=st.none() | days_around,
    done_on=st.none() | days_around,
)


@st.composite
def worlds(draw: st.DrawFn) -> World:
    tag_cadences = tuple(draw(st.lists(cadences, max_size=4)))
    tag_index = st.integers(0, len(tag_cadences) - 1) if tag_cadences else st.nothing()
    contact = st.builds(
        ContactCase,
        created=moments,
        own_cadence=cadences,
        tags=st.lists(tag_index, max_size=3).map(tuple) if tag_cadences else st.just(()),
        interactions=st.lists(moments, max_size=4).map(tuple),
        snoozed_until=st.none() | days_around,
        follow_ups=st.lists(follow_ups, max_size=3).map(tuple),
        deleted=st.sampled_from([False, False, False, True]),
    )
    return World(
        today=draw(days_around),
        tag_cadences=tag_cadences,
        contacts=tuple(draw(st.lists(contact, min_size=1, max_size=12))),
    )


@settings(max_examples=150, deadline=None)
@given(world=worlds())
def test_sql_and_core_rule_agree_on_generated_cases(engine: object, world: World) -> None:
    check(engine, world)


# ------------------------------------------------------------------- the edges
T = date(2026, 11, 20)
NOON = time(12, 0)


def at(d: date, t: time = NOON) -> datetime:
    return datetime.combine(d, t)


EDGES: dict[str, World] = {
    "never contacted: due a cadence after the day it was added": World(
        T, (), (ContactCase(at(T - timedelta(days=20)), 14),)
    ),
    "no cadence, no follow-up: never due": World(T, (), (ContactCase(at(T), None),)),
    "cadence 0 is due on the day of the last contact": World(
        T, (), (ContactCase(at(T - timedelta(days=400)), 0, (), (at(T - timedelta(days=3)),)),)
    ),
    "a negative cadence (never written by the app) counts as none": World(
        T, (), (ContactCase(at(T), -5, (), (at(T),)),)
    ),
    "snoozed until the future: due then": World(
        T, (), (ContactCase(at(T - timedelta(days=100)), 30, snoozed_until=T + timedelta(days=3)),)
    ),
    "snoozed until a day already past the cadence date: no effect": World(
        T, (), (ContactCase(at(T - timedelta(days=10)), 30, snoozed_until=T - timedelta(days=5)),)
    ),
    "own cadence wins over a shorter tag default": World(
        T, (7, None), (ContactCase(at(T - timedelta(days=10)), 30, tags=(0, 1)),)
    ),
    "the shortest tag default applies, tags without one do not count": World(
        T, (91, None, 14), (ContactCase(at(T - timedelta(days=13)), None, tags=(0, 1, 2)),)
    ),
    "several follow-ups, snoozed earlier and later than their dates, one done": World(
        T,
        (),
        (
            ContactCase(
                at(T - timedelta(days=1)),
                None,
                follow_ups=(
                    FollowUpCase(T + timedelta(days=2), snoozed_until=T - timedelta(days=1)),
                    FollowUpCase(T - timedelta(days=9), snoozed_until=T + timedelta(days=6)),
                    FollowUpCase(T - timedelta(days=30), done_on=T - timedelta(days=29)),
                ),
            ),
        ),
    ),
    "an interaction at 23:59:59.999999 counts on its own day": World(
        T,
        (),
        (
            ContactCase(
                at(T - timedelta(days=40)),
                30,
                interactions=(at(T - timedelta(days=30), time(23, 59, 59, 999999)),),
            ),
        ),
    ),
    "an interaction at midnight counts on the new day; the latest one wins": World(
        T,
        (),
        (
            ContactCase(
                at(T - timedelta(days=40)),
                7,
                interactions=(at(T - timedelta(days=8), time(0, 0)), at(T - timedelta(days=30))),
            ),
        ),
    ),
    "created just before midnight counts from that day": World(
        T, (), (ContactCase(at(T - timedelta(days=14), time(23, 59, 59)), 14),)
    ),
    "a cadence across 29 February": World(
        date(2028, 3, 1), (), (ContactCase(at(date(2028, 1, 30)), 30),)
    ),
    "a cadence past 9999-12-31 is no date": World(
        T, (), (ContactCase(at(date(9999, 12, 20)), 30, snoozed_until=T),)
    ),
    "a deleted contact keeps its dates but is not due": World(
        T, (), (ContactCase(at(T - timedelta(days=40)), 14, deleted=True),)
    ),
}


@pytest.mark.parametrize("name", list(EDGES))
def test_sql_and_core_rule_agree_at_the_edges(engine: object, name: str) -> None:
    check(engine, EDGES[name])


def test_the_edges_say_what_they_claim() -> None:
    """The core rule itself on a few of the edges (so the table cannot agree on nonsense)."""
    assert cadence.cadence_due(None, 14, T - timedelta(days=20)) == T - timedelta(days=6)
    assert cadence.cadence_due(T, 0, None) == T
    assert cadence.cadence_due(T, -5, None) is None
    assert cadence.cadence_due(T - timedelta(days=100), 30, None, T + timedelta(days=3)) == (
        T + timedelta(days=3)
    )
    assert cadence.cadence_due(T, 30, None, T - timedelta(days=5)) == T + timedelta(days=30)
    assert cadence.cadence_due(date(9999, 12, 20), 30, None, T) is None
    assert cadence.effective_cadence(30, [7]) == 30
    assert cadence.effective_cadence(None, [91, None, 14]) == 14
    assert cadence.effective_cadence(None, [None]) is None
    assert cadence.follow_up_due(T + timedelta(days=2), T - timedelta(days=1)) == T - timedelta(
        days=1
    )
    assert cadence.last_contact_day([at(T, time(23, 59, 59, 999999))]) == T
    assert cadence.last_contact_day([]) is None
    assert cadence.snooze_until(T - timedelta(days=3), T, 7) == T + timedelta(days=7)
    assert cadence.snooze_until(T + timedelta(days=3), T, 7) == T + timedelta(days=10)
