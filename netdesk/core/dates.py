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


def humanize_date(d: date, today: date) -> str:
    """'today', 'tomorrow', 'yesterday', 'in 3 days', '3 days ago', else 'Tue 24 Nov'."""
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
    if d.year == today.year:
        return f"{d:%a} {d.day} {d:%b}"
    return f"{d.day} {d:%b %Y}"
