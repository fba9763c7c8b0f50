"""Export open follow-ups and birthdays as an iCalendar (.ics) file: read them from the
database, build the calendar with :mod:`netdesk.formats.ics`, write the file atomically."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path

from netdesk.core.errors import NetDeskError
from netdesk.formats.ics import CalendarSummary, build_calendar
from netdesk.storage.activity import FollowUpRepository, all_birthdays
from netdesk.storage.db import Database


def export_ics(db: Database, path: Path, now: datetime | None = None) -> CalendarSummary:
    """Write the calendar to ``path`` atomically (a failure never leaves half a file); the
    file is readable by its owner only, like everything NetDesk writes about people."""
    with db.unit_of_work(write=False) as s:
        follow_ups = FollowUpRepository(s).all_open()
        birthdays = all_birthdays(s)
    cal, summary = build_calendar(follow_ups, birthdays, now)
    data = cal.to_ical()
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as e:
        raise NetDeskError(f"cannot write to {folder}: {e.strerror}") from e
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise NetDeskError(f"cannot write {target}: {e.strerror}") from e
    return summary
