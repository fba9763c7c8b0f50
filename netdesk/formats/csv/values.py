"""CSV cell values: dates in every spelling the exporters use, Google's multi-value cells
and labels, tags. Part of the CSV reader (:mod:`netdesk.formats.csv.read`). No Qt."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from netdesk.core.dates import PartialDate

#: Google Contacts puts several values in one cell separated by this
MULTI = ":::"


# --------------------------------------------------------------------------- dates

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            "jan january janvier januar enero gennaio",
            "feb february fevrier février februar febrero febbraio",
            "mar march mars märz maerz marzo",
            "apr april avril abril aprile",
            "may mai mayo maggio",
            "jun june juin juni junio giugno",
            "jul july juillet juli julio luglio",
            "aug august aout août agosto",
            "sep sept september septembre septiembre settembre",
            "oct october octobre oktober okt octubre ottobre",
            "nov november novembre noviembre",
            "dec december décembre decembre dezember dez diciembre dicembre",
        ),
        start=1,
    )
    for m in names.split()
}
_NUMERIC = re.compile(r"^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$")
_WORDY_DMY = re.compile(r"^(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})$")
_WORDY_MDY = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_WORDY_NOYEAR = re.compile(r"^(\d{1,2})\.?\s+([^\W\d_]+)\.?$|^([^\W\d_]+)\.?\s+(\d{1,2})$")
#: Outlook writes this for "no birthday"
_NO_DATE = frozenset({"0/0/00", "0/0/0000", "00.00.0000", "0.0.00", "1/1/4501", "01.01.4501"})


def _year(text: str) -> int:
    y = int(text)
    if len(text) <= 2:
        this = date.today().year % 100
        return 2000 + y if y <= this else 1900 + y
    return y


def _slash_order(values: Iterator[str]) -> bool | None:
    """Whether a file's ``a/b/yyyy`` dates put the day first (True), the month first (False),
    or cannot say (None): one date with a first number over 12 settles it, and so does one
    with a second number over 12."""
    for value in values:
        m = _NUMERIC.match(value.strip())
        if not m or len(m.group(1)) == 4 or value.strip()[len(m.group(1))] != "/":
            continue
        if int(m.group(1)) > 12:
            return True
        if int(m.group(2)) > 12:
            return False
    return None


def _connected_on(value: str, region: str | None, day_first: bool | None) -> date | None:
    """LinkedIn's "Connected On" (``12 Mar 2021``) as the day the user met the person; None
    when it is not a full date (the note keeps the text either way)."""
    try:
        parsed = parse_csv_date(value, region, day_first)
    except ValueError:
        return None
    if parsed is None or parsed.year is None:
        return None
    return date(parsed.year, parsed.month, parsed.day)


def parse_csv_date(
    text: str, region: str | None = "US", day_first: bool | None = None
) -> PartialDate | None:
    """A date as CSV exporters write it: ISO (``1985-03-14``, ``--03-14``), Outlook's
    ``3/14/1985`` (``day_first`` says the order; when None, the first number over 12 or the
    region's custom does), ``14.03.1985``, ``14 Mar 1985``, ``March 14, 1985``. None for an
    empty value and Outlook's "no date" placeholders; ValueError when it is not a date."""
    value = " ".join(text.split())
    if not value or value in _NO_DATE:
        return None
    value = value.split("T")[0] if re.match(r"^\d{4}-\d{2}-\d{2}T", value) else value
    value = re.sub(r"\s+\d{1,2}:\d{2}(:\d{2})?(\s*[AaPp][Mm])?$", "", value)  # a time part
    if re.match(r"^(--\d{2}-?\d{2}|\d{4}-\d{2}-\d{2}|\d{8})$", value):
        return PartialDate.parse(value)
    m = _NUMERIC.match(value)
    if m:
        a, b, c = m.groups()
        sep = value[len(a)]
        if len(a) == 4:  # 1985/03/14
            return PartialDate(int(b), int(c), int(a))
        x, y = int(a), int(b)
        if sep == "." or x > 12:
            first_is_day = True
        elif y > 12:
            first_is_day = False
        elif day_first is not None:
            first_is_day = day_first
        else:
            first_is_day = (region or "US").upper() not in ("US", "CA", "PH")
        day, month = (x, y) if first_is_day else (y, x)
        return PartialDate(month, day, _year(c))
    for pattern, order in ((_WORDY_DMY, "dmy"), (_WORDY_MDY, "mdy")):
        m = pattern.match(value)
        if m:
            g = m.groups()
            day_s, month_s, year_s = (g[0], g[1], g[2]) if order == "dmy" else (g[1], g[0], g[2])
            named = _MONTHS.get(month_s.casefold())
            if named is None:
                raise ValueError(f"{month_s!r} is not a month")
            return PartialDate(named, int(day_s), int(year_s))
    m = _WORDY_NOYEAR.match(value)
    if m:
        day_s, month_s = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        named = _MONTHS.get(month_s.casefold())
        if named is not None:
            return PartialDate(named, int(day_s), None)
    raise ValueError(f"{text.strip()!r} is not a date")


def _split_multi(value: str) -> list[str]:
    return [v.strip() for v in value.split(MULTI) if v.strip()]


def _google_label(raw: str) -> tuple[str, bool]:
    """A Google label ("* Work", "Mobile", "Home Fax") as NetDesk's label, and whether the
    star (Google's "primary") was set."""
    text = raw.strip()
    pref = text.startswith("*")
    text = text.lstrip("*").strip()
    folded = text.casefold()
    if folded in ("mobile", "cell", "cellular", "handy"):
        return "mobile", pref
    if folded in ("work", "business", "office"):
        return "work", pref
    if folded in ("home", "personal", "private"):
        return "home", pref
    if "fax" in folded:
        return "fax", pref
    if folded == "other":
        return "other", pref
    return text, pref


_TAG_SPLIT = re.compile(r"\s*(?::::|;|,)\s*")
#: Google's system labels: not something the user chose
_SYSTEM_LABELS = frozenset({"* mycontacts", "mycontacts", "* other contacts"})


def _tags(value: str) -> tuple[list[str], bool]:
    """Tags from a Categories/Labels cell, and whether Google's "* starred" label was there."""
    tags: list[str] = []
    starred = False
    for raw in _TAG_SPLIT.split(value):
        tag = raw.strip()
        folded = tag.casefold()
        if not tag or folded in _SYSTEM_LABELS:
            continue
        if folded == "* starred":
            starred = True
            continue
        tag = tag.lstrip("*").strip()
        if tag and tag.casefold() not in {t.casefold() for t in tags}:
            tags.append(tag)
    return tags, starred
