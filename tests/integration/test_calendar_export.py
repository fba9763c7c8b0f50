"""The .ics export, parsed back with the icalendar library (and its RRULEs expanded with
dateutil) the way a calendar app would read it."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import icalendar
from dateutil.rrule import rrulestr

from netdesk import cli
from netdesk.core.dates import PartialDate
from netdesk.core.model import Contact, FollowUp
from netdesk.services.calendar import export_ics


def make(services: Any, name: str, **fields: Any) -> int:
    cid, _ = services.contacts.create(Contact(display_name=name, **fields))
    return cid


def events(path: Path) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    assert cal["VERSION"] == "2.0"
    assert "NetDesk" in str(cal["PRODID"])
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def occurrences(event: icalendar.Event, years: range) -> list[date]:
    start = event.decoded("DTSTART")
    rule = rrulestr(
        event["RRULE"].to_ical().decode(), dtstart=datetime.combine(start, datetime.min.time())
    )
    return [d.date() for d in rule.between(datetime(years.start, 1, 1), datetime(years.stop, 1, 1))]


def test_follow_ups_and_birthdays_round_trip(services, tmp_path: Path) -> None:
    ada = make(services, "Ada Lovelace; Countess, of Lovelace", birthday=PartialDate(12, 10, 1815))
    leap = make(services, "Leap Year", birthday=PartialDate(2, 29, 1988))
    noyear = make(services, "Jürgen Müller", birthday=PartialDate(7, 14, None))
    noyear_leap = make(services, "No Year Leap", birthday=PartialDate(2, 29, None))
    make(services, "No Birthday")
    fid, _ = services.activity.add_follow_up(
        FollowUp(ada, date(2027, 1, 31), "Send the slides,\nand the article " + "x" * 90)
    )
    snoozed, _ = services.activity.add_follow_up(FollowUp(leap, date(2027, 2, 1), "Call back"))
    services.activity.snooze(snoozed, date(2027, 3, 1))
    done, _ = services.activity.add_follow_up(FollowUp(leap, date(2027, 2, 1), "Done one"))
    services.activity.mark_done(done, date(2027, 2, 1))

    path = tmp_path / "netdesk.ics"
    summary = export_ics(services.db, path, now=datetime(2026, 11, 20, 12, 0, tzinfo=UTC))
    assert (summary.follow_ups, summary.birthdays) == (2, 4)

    raw = path.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")  # CRLF everywhere
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    got = events(path)
    assert len(got) == 6

    f = got[f"netdesk-follow-up-{fid}@netdesk"]
    assert f.decoded("DTSTART") == date(2027, 1, 31)
    assert f.decoded("DTEND") == date(2027, 2, 1)
    assert str(f["SUMMARY"]).startswith("Ada Lovelace; Countess, of Lovelace: Send the slides,\n")
    assert f.decoded("DTSTAMP") == datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    assert "RRULE" not in f
    s = got[f"netdesk-follow-up-{snoozed}@netdesk"]
    assert s.decoded("DTSTART") == date(2027, 3, 1)  # the snoozed date

    birthdays = {str(e["SUMMARY"]): e for e in got.values() if "RRULE" in e}
    b = birthdays["Birthday: Ada Lovelace; Countess, of Lovelace"]
    assert b.decoded("DTSTART") == date(1815, 12, 10)
    assert occurrences(b, range(2026, 2028)) == [date(2026, 12, 10), date(2027, 12, 10)]

    # 29 February: on the 28th in common years, on the 29th in leap years
    lp = birthdays["Birthday: Leap Year"]
    assert lp.decoded("DTSTART") == date(1988, 2, 29)
    assert occurrences(lp, range(2026, 2029)) == [
        date(2026, 2, 28),
        date(2027, 2, 28),
        date(2028, 2, 29),
    ]
    nl = birthdays["Birthday: No Year Leap"]
    assert nl.decoded("DTSTART") == date(2000, 2, 29)
    assert occurrences(nl, range(2027, 2029)) == [date(2027, 2, 28), date(2028, 2, 29)]

    ny = birthdays["Birthday: Jürgen Müller"]
    assert ny.decoded("DTSTART") == date(2000, 7, 14)
    assert occurrences(ny, range(2030, 2031)) == [date(2030, 7, 14)]
    assert "unknown" in str(ny["DESCRIPTION"])

    # every event is an all-day event with a unique UID
    for e in got.values():
        assert e["DTSTART"].params.get("VALUE") == "DATE"
    assert {noyear, noyear_leap}  # (created above; their events were checked by name)


def test_export_of_an_empty_database_is_a_valid_calendar(services, tmp_path: Path) -> None:
    path = tmp_path / "empty.ics"
    assert export_ics(services.db, path).events == 0
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    assert list(cal.walk("VEVENT")) == []


def test_cli_export_ics(db_path: Path, tmp_path: Path) -> None:
    from netdesk.services.container import Services
    from netdesk.settings import SettingsStore

    svc = Services.open(db_path, SettingsStore(tmp_path / "config"))
    try:
        make(svc, "Cli Birthday", birthday=PartialDate(3, 1, 1990))
    finally:
        svc.close()
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "out.ics"
    assert cli.run(["--db", str(db_path), "export-ics", str(target)], out, err) == 0
    assert "0 follow-ups and 1 birthday" in err.getvalue()
    assert len(events(target)) == 1
    code = cli.run(["--db", str(db_path), "export-ics", str(tmp_path / "no" / "x.ics")], out, err)
    assert code == 1 and "cannot write" in err.getvalue()
