"""Keep-in-touch rules: cadences, next touch dates, what is due on a day.

This is THE due-date rule. Storage keeps the derived dates (``last_contacted``,
``cadence_due``, ``next_touch``) in columns for its indexes; the SQL that computes them is
written once, in :mod:`netdesk.storage.cadence_sql`, and a test checks it against these
functions on generated cases (tests/integration/storage/test_cadence_sql_agrees.py)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

#: Presets offered in the editor; None means "no cadence".
CADENCE_PRESETS: tuple[tuple[str, int | None], ...] = (
    ("None", None),
    ("Every 2 weeks", 14),
    ("Monthly", 30),
    ("Quarterly", 91),
    ("Half-yearly", 182),
    ("Yearly", 365),
)

BIRTHDAY_HORIZON_DAYS = 14
DUE_HORIZON_DAYS = 7  # "due this week"


def cadence_label(days: int | None) -> str:
    for label, value in CADENCE_PRESETS:
        if value == days:
            return label
    return f"Every {days} days"


def effective_cadence(own_days: int | None, tag_days: Iterable[int | None] = ()) -> int | None:
    """The cadence that applies: the contact's own, else the shortest default of its tags
    (tags without a default do not count). ``0`` is a cadence (due on the day itself)."""
    if own_days is not None:
        return own_days
    defaults = [d for d in tag_days if d is not None]
    return min(defaults) if defaults else None


def last_contact_day(occurred: Iterable[datetime]) -> date | None:
    """The day of the latest interaction, as its wall-clock date was written (no time-zone
    conversion: an interaction at 23:59 counts on that day). None without interactions."""
    latest = max(occurred, default=None)
    return None if latest is None else latest.date()


def cadence_due(
    last_contacted: date | None,
    cadence_days: int | None,
    created: date | None,
    snoozed_until: date | None = None,
) -> date | None:
    """When a keep-in-touch reminder is due: ``cadence_days`` after the last contact (or,
    never contacted, after the day the contact was added), but not before a snooze. A snooze
    that ends earlier than that date changes nothing. None without a cadence, for a negative
    one, or past the last representable day (9999-12-31), as SQLite's ``date()`` answers."""
    if cadence_days is None or cadence_days < 0:
        return None
    base = last_contacted or created
    if base is None:
        return None
    try:
        due = base + timedelta(days=cadence_days)
    except OverflowError:
        return None
    if snoozed_until is not None and snoozed_until > due:
        return snoozed_until
    return due


def follow_up_due(due: date, snoozed_until: date | None) -> date:
    """The day an open follow-up is due: the day it was snoozed to (earlier or later than its
    own date), else its own date."""
    return snoozed_until if snoozed_until is not None else due


def snooze_until(due: date, today: date, days: int) -> date:
    """Where "snooze N days" puts a reminder: N days after its due date, or after today when
    it is overdue."""
    return max(today, due) + timedelta(days=days)


def next_touch(
    last_contacted: date | None,
    cadence_days: int | None,
    created: date | None,
    open_follow_up: date | None,
    snoozed_until: date | None = None,
) -> date | None:
    """The next time to reach out: the earliest of the cadence date (:func:`cadence_due`,
    snoozes included) and the earliest open follow-up (each at :func:`follow_up_due`). A
    contact with a cadence but no interaction is due a cadence after the day it was added."""
    candidates = [
        d
        for d in (cadence_due(last_contacted, cadence_days, created, snoozed_until), open_follow_up)
        if d is not None
    ]
    return min(candidates) if candidates else None


def bucket(due: date, today: date) -> str:
    """Which section of the Today view a due date belongs in."""
    if due < today:
        return "overdue"
    if due == today:
        return "today"
    if due <= today + timedelta(days=DUE_HORIZON_DAYS):
        return "week"
    return "later"
