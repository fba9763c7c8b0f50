"""Follow-ups and birthdays as an iCalendar (.ics) file that calendar apps import.

Written by hand to RFC 5545 (no dependency needed): CRLF line ends, lines folded at 75
octets without splitting a UTF-8 character, escaped text, a UID and DTSTAMP on every event.

* An open follow-up is a one-off all-day event on its (snoozed) due date.
* A birthday is a yearly all-day event (``RRULE:FREQ=YEARLY``) starting on the birth date.
  Without a year it starts in 2000, a leap year, so that 29 February exists.
* A birthday on 29 February uses ``RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1``: the last
  day of February, i.e. 29 February in leap years and 28 February in common years, which
  is the day NetDesk's Today view shows it too (a plain yearly rule on 29 February would
  skip three years out of four).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from netdesk import __version__
from netdesk.core.errors import NetDeskError
from netdesk.storage.activity import CalendarBirthday, FollowUpRepository, all_birthdays
from netdesk.storage.db import Database

NO_YEAR_START = 2000  # a leap year, so that a year-less 29 February exists
PRODID = f"-//NetDesk//NetDesk {__version__}//EN"


@dataclass(frozen=True, slots=True)
class CalendarSummary:
    follow_ups: int
    birthdays: int

    @property
    def events(self) -> int:
        return self.follow_ups + self.birthdays


def escape_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets (continuations start with a
    space, which counts), never inside a UTF-8 sequence; joined with CRLF."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += ch
        size += n
    out.append(current)
    return "\r\n".join(out)


def _d(day: date) -> str:
    return day.strftime("%Y%m%d")


def _event(uid: str, stamp: str, start: date, props: Iterable[tuple[str, str]]) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_d(start)}",
        f"DTEND;VALUE=DATE:{_d(start + timedelta(days=1))}",
        *(f"{name}:{value}" for name, value in props),
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def birthday_event(b: CalendarBirthday, stamp: str) -> list[str]:
    bday = b.birthday
    year = bday.year if bday.year is not None else NO_YEAR_START
    start = date(year, bday.month, bday.day)
    if bday.month == 2 and bday.day == 29:
        rule = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
    else:
        rule = "FREQ=YEARLY"
    detail = f"Born {bday.year}." if bday.year is not None else "Year of birth unknown."
    uid_key = b.uid or str(b.contact_id)
    return _event(
        f"netdesk-birthday-{uid_key}@netdesk",
        stamp,
        start,
        [
            ("SUMMARY", escape_text(f"Birthday: {b.display_name}")),
            ("DESCRIPTION", escape_text(detail)),
            ("RRULE", rule),
            ("CATEGORIES", "Birthday"),
        ],
    )


def calendar_lines(db: Database, now: datetime | None = None) -> tuple[list[str], CalendarSummary]:
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    with db.unit_of_work(write=False) as s:
        follow_ups = FollowUpRepository(s).all_open()
        birthdays = all_birthdays(s)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:NetDesk",
    ]
    for f, name in follow_ups:
        reason = f.reason or "Follow up"
        lines += _event(
            f"netdesk-follow-up-{f.id}@netdesk",
            stamp,
            f.effective_due,
            [
                ("SUMMARY", escape_text(f"{name}: {reason}")),
                ("DESCRIPTION", escape_text(f"Follow up with {name}: {reason}")),
                ("CATEGORIES", "Follow-up"),
            ],
        )
    for b in birthdays:
        lines += birthday_event(b, stamp)
    lines.append("END:VCALENDAR")
    return lines, CalendarSummary(len(follow_ups), len(birthdays))


def iter_ics(lines: Iterable[str]) -> Iterator[str]:
    for line in lines:
        yield fold(line) + "\r\n"


def export_ics(db: Database, path: Path, now: datetime | None = None) -> CalendarSummary:
    """Write the calendar to ``path`` atomically (a failure never leaves half a file); the
    file is readable by its owner only, like everything NetDesk writes about people."""
    lines, summary = calendar_lines(db, now)
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as e:
        raise NetDeskError(f"cannot write to {folder}: {e.strerror}") from e
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.writelines(iter_ics(lines))
        os.replace(tmp, target)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise NetDeskError(f"cannot write {target}: {e.strerror}") from e
    return summary
