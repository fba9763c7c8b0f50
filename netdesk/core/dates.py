"""Dates as people write them: birthdays with or without a year, relative wording."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_FULL = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})")
_NOYEAR = re.compile(r"^--(\d{2})-?(\d{2})$")


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A calendar date whose year may be unknown (vCard ``--MM-DD``)."""

    month: int
    day: int
    year: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not between 1 and 12")
        leap_year = 2000 if self.year is None else self.year
        last = calendar.monthrange(leap_year, self.month)[1]
        if not 1 <= self.day <= last:
            raise ValueError(f"day {self.day} does not exist in month {self.month}")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY-MM-DD``, ``YYYYMMDD``, ``--MM-DD`` or ``--MMDD`` (time parts ignored)."""
        value = text.strip()
        m = _NOYEAR.match(value)
        if m:
            return cls(int(m.group(1)), int(m.group(2)), None)
        m = _FULL.match(value)
        if m:
            year = int(m.group(1))
            return cls(int(m.group(2)), int(m.group(3)), None if year in (1604, 0) else year)
        raise ValueError(f"{text!r} is not a date (expected YYYY-MM-DD or --MM-DD)")

    @classmethod
    def from_date(cls, d: date) -> PartialDate:
        return cls(d.month, d.day, d.year)

    def iso(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.iso()

    def next_occurrence(self, today: date) -> date:
        """The first date on or after ``today`` on which this anniversary falls.

        29 February is celebrated on 28 February in common years.
        """
        for year in (today.year, today.year + 1):
            candidate = anniversary_in_year(self.month, self.day, year)
            if candidate >= today:
                return candidate
        raise AssertionError("unreachable")  # pragma: no cover


def anniversary_in_year(month: int, day: int, year: int) -> date:
    if month == 2 and day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return date(year, month, day)


def parse_iso_date(text: str, field: str = "date") -> date:
    from netdesk.core.errors import ValidationError

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(field, f"{text!r} is not a date in the form YYYY-MM-DD") from None


# ------------------------------------------------------------------ how dates are shown
# The one place that turns dates into words for the UI (issue 13): relative where near
# ("today", "in 3 days", "3 days ago"), weekday + day + month within the year ("Tue 24 Nov"),
# the year when not this year ("3 Nov 2025"), the exact date for tooltips ("Tuesday
# 24 November 2026"), an overdue next touch marked as overdue, birthdays as "14 October" or
# "14 October 1977 (49)". The preference "date style" switches to ISO dates (2026-11-24).

DATE_STYLES = ("relative", "iso")
_style = "relative"


def set_date_style(style: str) -> None:
    """Use ``style`` ("relative" or "iso") for every date shown from now on."""
    global _style
    _style = style if style in DATE_STYLES else "relative"


def date_style() -> str:
    return _style


def short_date(d: date, today: date) -> str:
    """'Tue 24 Nov' within this year, '3 Nov 2025' otherwise (ISO in the iso style)."""
    if _style == "iso":
        return d.isoformat()
    if d.year == today.year:
        return f"{d:%a} {d.day} {d:%b}"
    return f"{d.day} {d:%b} {d.year}"


def humanize_date(d: date, today: date) -> str:
    """'today', 'tomorrow', 'yesterday', 'in 3 days', '3 days ago', else :func:`short_date`."""
    if _style == "iso":
        return d.isoformat()
    delta = (d - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    if 1 < delta <= 6:
        return f"in {delta} days"
    if -6 <= delta < -1:
        return f"{-delta} days ago"
    return short_date(d, today)


def exact_date(d: date) -> str:
    """The full date for a tooltip: 'Tuesday 24 November 2026'."""
    return f"{d:%A} {d.day} {d:%B} {d.year}"


def due_text(d: date, today: date) -> str:
    """A next touch or follow-up date: an overdue one says so ('overdue by 3 days',
    'overdue since Tue 24 Nov'), never reads like a date still to come."""
    delta = (today - d).days
    if delta <= 0:
        return humanize_date(d, today)
    if delta == 1:
        return "overdue since yesterday"
    if delta <= 6:
        return f"overdue by {delta} days"
    return f"overdue since {short_date(d, today)}"


def is_overdue(d: date | None, today: date) -> bool:
    return d is not None and d < today


def age_on(birthday: PartialDate, today: date) -> int | None:
    """Completed years on ``today`` (None without a birth year)."""
    if birthday.year is None:
        return None
    had_birthday = (today.month, today.day) >= (birthday.month, birthday.day)
    return today.year - birthday.year - (0 if had_birthday else 1)


def birthday_text(birthday: PartialDate, today: date) -> str:
    """'14 October' without a year, '14 October 1977 (49)' with one."""
    if _style == "iso":
        return birthday.iso()
    month = calendar.month_name[birthday.month]
    if birthday.year is None:
        return f"{birthday.day} {month}"
    age = age_on(birthday, today)
    suffix = f" ({age})" if age is not None and age >= 0 else ""
    return f"{birthday.day} {month} {birthday.year}{suffix}"


def overdue_text(due: date, today: date) -> str:
    """Compact lateness for the badge: '1 day late', '9 days late', '3 wk late', '7 mo late'
    (the exact date is in the tooltip)."""
    days = (today - due).days
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''} late"
    if days < 60:
        return f"{days // 7} wk late"
    if days < 730:
        return f"{days // 30} mo late"
    return f"{days // 365} yr late"
