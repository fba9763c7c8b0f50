"""Keep-in-touch rules: cadences, next touch dates, what is due on a day."""

from __future__ import annotations

from datetime import date, timedelta

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


def next_touch(
    last_contacted: date | None,
    cadence_days: int | None,
    created: date | None,
    open_follow_up: date | None,
) -> date | None:
    """The next time to reach out: the earliest of the cadence date and the earliest open
    follow-up. A contact with a cadence but no interaction is due from the day it was added."""
    candidates: list[date] = []
    if cadence_days:
        base = last_contacted or created
        if base is not None:
            candidates.append(base + timedelta(days=cadence_days))
    if open_follow_up is not None:
        candidates.append(open_follow_up)
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
