"""Follow-ups and birthdays as an iCalendar (.ics) file that calendar apps import.

Written with the ``icalendar`` library (not by joining strings), so that escaping, folding at
75 octets and CRLF line ends are the library's: a name, a reason or a UID with a line break in
it stays one value of one event and cannot add properties or events. Before values reach the
library, line-break-like characters that some readers split lines on (CR, VT, FF, the
information separators, NEL, U+2028, U+2029) become plain line breaks (written escaped as
``\\n``), and other control characters, which RFC 5545 does not allow in a value, are left out.
A contact UID that is not plain printable ASCII is not copied into an event UID: a hash of it
is used instead (stable from one export to the next).

* An open follow-up is a one-off all-day event on its (snoozed) due date.
* A birthday is a yearly all-day event (``RRULE:FREQ=YEARLY``) starting on the birth date.
  Without a year it starts in 2000, a leap year, so that 29 February exists.
* A birthday on 29 February uses ``RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1``: the last
  day of February, i.e. 29 February in leap years and 28 February in common years, which
  is the day NetDesk's Today view shows it too (a plain yearly rule on 29 February would
  skip three years out of four).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

import icalendar

from netdesk import __version__
from netdesk.core.dates import PartialDate
from netdesk.core.model import FollowUp

NO_YEAR_START = 2000  # a leap year, so that a year-less 29 February exists
PRODID = f"-//NetDesk//NetDesk {__version__}//EN"

#: characters that some readers (Python's str.splitlines among them) take for a line end
_LINE_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
#: control characters RFC 5545 does not allow in a value (tab is allowed)
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
#: a contact UID used as it is inside an event UID
_PLAIN_UID = re.compile(r"[\x21-\x7e]{1,200}")


@dataclass(frozen=True, slots=True)
class CalendarSummary:
    follow_ups: int
    birthdays: int

    @property
    def events(self) -> int:
        return self.follow_ups + self.birthdays


def clean_text(value: str) -> str:
    """A TEXT value as NetDesk writes it: every kind of line break as ``\\n``, other control
    characters left out (the library escapes the rest)."""
    return _CONTROLS.sub("", _LINE_BREAKS.sub("\n", value))


def uid_part(uid: str) -> str:
    """The part of an event UID that names a contact: its own UID when that is plain
    printable ASCII, else a stable hash of it."""
    if _PLAIN_UID.fullmatch(uid):
        return uid
    return "h" + hashlib.sha256(uid.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _event(uid: str, stamp: datetime, start: date, **props: Any) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(days=1))
    for name, value in props.items():
        event.add(name, value)
    event.add("transp", "TRANSPARENT")
    return event


def birthday_event(b: Birthday, stamp: datetime) -> icalendar.Event:
    bday = b.birthday
    year = bday.year if bday.year is not None else NO_YEAR_START
    start = date(year, bday.month, bday.day)
    rule: dict[str, Any] = {"freq": "yearly"}
    if bday.month == 2 and bday.day == 29:
        rule.update(bymonth=2, bymonthday=-1)
    detail = f"Born {bday.year}." if bday.year is not None else "Year of birth unknown."
    uid_key = uid_part(b.uid) if b.uid else str(b.contact_id)
    return _event(
        f"netdesk-birthday-{uid_key}@netdesk",
        stamp,
        start,
        summary=clean_text(f"Birthday: {b.display_name}"),
        description=detail,
        rrule=rule,
        categories=["Birthday"],
    )


class Birthday(Protocol):
    """What a birthday event is made of (storage's ``CalendarBirthday`` has these)."""

    @property
    def contact_id(self) -> int: ...
    @property
    def uid(self) -> str: ...
    @property
    def display_name(self) -> str: ...
    @property
    def birthday(self) -> PartialDate: ...


def build_calendar(
    follow_ups: Sequence[tuple[FollowUp, str]],
    birthdays: Sequence[Birthday],
    now: datetime | None = None,
) -> tuple[icalendar.Calendar, CalendarSummary]:
    """The calendar of these open follow-ups (each with the contact's name) and birthdays."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    cal = icalendar.Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "NetDesk")
    for f, name in follow_ups:
        reason = f.reason or "Follow up"
        cal.add_component(
            _event(
                f"netdesk-follow-up-{f.id}@netdesk",
                stamp,
                f.effective_due,
                summary=clean_text(f"{name}: {reason}"),
                description=clean_text(f"Follow up with {name}: {reason}"),
                categories=["Follow-up"],
            )
        )
    for b in birthdays:
        cal.add_component(birthday_event(b, stamp))
    return cal, CalendarSummary(len(follow_ups), len(birthdays))
