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
    summary = export_ics(services._db, path, now=datetime(2026, 11, 20, 12, 0, tzinfo=UTC))
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
    assert export_ics(services._db, path).events == 0
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    assert list(cal.walk("VEVENT")) == []


def test_cli_export_ics(db_path: Path, tmp_path: Path) -> None:
    from netdesk.compose import build_services
    from netdesk.settings import SettingsStore

    svc = build_services(db_path, SettingsStore(tmp_path / "config"))
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


#: line breaks of every kind, control characters, and text that would be a calendar line
HOSTILE = [
    "x\nEND:VEVENT\nBEGIN:VEVENT\nUID:injected\nSUMMARY:injected",
    "cr\rEND:VEVENT\rBEGIN:VEVENT\rUID:cr-injected",
    "crlf\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:crlf-injected",
    "ls\u2028END:VEVENT\u2028BEGIN:VEVENT\u2028UID:ls-injected",
    "ps\u2029END:VEVENT\u2029BEGIN:VEVENT",
    "nel\x85END:VEVENT\x85BEGIN:VEVENT\x85UID:nel-injected",
    "vt\x0bff\x0cfs\x1cgs\x1drs\x1eEND:VEVENT",
    "ctl\x00nul\x1besc[2J\x07bel\x7fdel\x9bcsi\ttab",
    'semi;colon:comma,back\\slash"quote',
    "Jürgen Müller ünd Ørsted " * 8,
]


def expected_text(value: str) -> str:
    """What the calendar should say: line breaks as line breaks, control characters gone."""
    for brk in ("\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"):
        value = value.replace(brk, "\n")
    return "".join(ch for ch in value if ch in "\n\t" or not (ord(ch) < 32 or 127 <= ord(ch) < 160))


def test_hostile_names_uids_and_reasons_stay_one_value_of_one_event(
    services: Any, tmp_path: Path
) -> None:
    """Issue 19 item 2: a line break (or U+2028, NEL, a control character) in a name, a UID or
    a follow-up reason never becomes another property or event."""
    ids = []
    for n, text in enumerate(HOSTILE):
        cid = make(services, f"{text} {n}", uid=f"{text}-uid-{n}", birthday=PartialDate(5, 1, None))
        services.activity.add_follow_up(FollowUp(cid, date(2027, 1, 1 + n), f"reason {text}"))
        ids.append(cid)
    path = tmp_path / "hostile.ics"
    summary = export_ics(services._db, path, now=datetime(2026, 11, 20, tzinfo=UTC))
    assert (summary.follow_ups, summary.birthdays) == (len(HOSTILE), len(HOSTILE))
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    # nothing but CRLF ends a line, every line is at most 75 octets, and no control character
    # but the line ends and tabs (allowed in a value) is in the file
    body = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in body)
    assert not [ch for ch in text if (ord(ch) < 32 and ch not in "\r\n\t") or 127 <= ord(ch) < 160]
    for sep in ("\u2028", "\u2029", "\x85"):
        assert sep not in text
    assert text.count("\r\n") == text.count("\n") == text.count("\r")
    assert body.count(b"BEGIN:VEVENT") == body.count(b"END:VEVENT") == 2 * len(HOSTILE)
    # read back as a calendar app reads it: exactly the events written, with their values
    cal = icalendar.Calendar.from_ical(raw)
    got = list(cal.walk("VEVENT"))
    assert len(got) == 2 * len(HOSTILE)
    uids = [str(e["UID"]) for e in got]
    assert len(set(uids)) == len(uids)
    assert not any("injected" in uid for uid in uids)
    summaries = {str(e["SUMMARY"]) for e in got}
    descriptions = {str(e["DESCRIPTION"]) for e in got}
    stored = services.contacts.get_many(ids)
    reasons = {f.contact_id: f.reason for f, _name in _open_follow_ups(services)}
    assert len(stored) == len(reasons) == len(HOSTILE)
    for c in stored:
        # (as stored: the contact service trims names; nothing else is changed)
        name = expected_text(c.display_name)
        reason = expected_text(reasons[c.id])
        assert f"Birthday: {name}" in summaries
        assert f"{name}: {reason}" in summaries
        assert f"Follow up with {name}: {reason}" in descriptions
    for e in got:
        assert set(e) <= {
            "UID",
            "DTSTAMP",
            "DTSTART",
            "DTEND",
            "SUMMARY",
            "DESCRIPTION",
            "RRULE",
            "CATEGORIES",
            "TRANSP",
        }
        assert e.decoded("DTSTAMP") == datetime(2026, 11, 20, tzinfo=UTC)
    # the same export again gives the same UIDs (a calendar app updates, not duplicates)
    export_ics(services._db, path, now=datetime(2026, 11, 21, tzinfo=UTC))
    again = [str(e["UID"]) for e in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")]
    assert again == uids


def _open_follow_ups(services: Any) -> list[Any]:
    from netdesk.storage.activity import FollowUpRepository

    with services._db.unit_of_work(write=False) as s:
        return FollowUpRepository(s).all_open()
