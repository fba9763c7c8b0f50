"""Contacts to vCard 3.0 or 4.0 text.

The content lines are built here rather than through vobject's serializer, because that
serializer refuses cards without FN, never folds PHOTO lines (lines of hundreds of kilobytes),
reorders properties, and cannot emit the verbatim ``extra_vcard`` lines without re-parsing and
re-escaping them. What we write is checked against vobject's parser by the tests.

Output: CRLF line ends, lines folded at 75 octets without splitting a UTF-8 character.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Mapping

from netdesk import __version__
from netdesk.core.dates import PartialDate
from netdesk.core.model import Contact
from netdesk.vcard.reader import IGNORED_TYPES

__all__ = ["KNOWN_TYPES", "escape", "fold", "write_vcard", "write_vcards"]

#: Labels written as TYPE values; anything else is written as an Apple ``X-ABLabel``.
KNOWN_TYPES: dict[str, frozenset[str]] = {
    "EMAIL": frozenset({"home", "work", "other"}),
    "TEL": frozenset(
        {
            "home",
            "work",
            "cell",
            "fax",
            "pager",
            "text",
            "video",
            "textphone",
            "main",
            "iphone",
            "msg",
            "bbs",
            "modem",
            "car",
            "isdn",
            "pcs",
            "other",
        }
    ),
    "ADR": frozenset({"home", "work", "other"}),
    "URL": frozenset({"home", "work", "other"}),
}
_LINE_LIMIT = 75
_GROUP = re.compile(r"^([A-Za-z0-9-]+)\.", re.ASCII)
_SKIP_EXTRA = frozenset({"VERSION", "PRODID", "BEGIN", "END"})
_PRODID = f"-//NetDesk//NetDesk {__version__}//EN"


def escape(value: str) -> str:
    r"""Escape a text value: backslash, newline, comma, semicolon."""
    return (
        value.replace("\\", "\\\\")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
        .replace(",", "\\,")
        .replace(";", "\\;")
    )


def fold(line: str) -> str:
    """Fold one content line at 75 octets; continuation lines start with a space."""
    raw = line.encode("utf-8")
    if len(raw) <= _LINE_LIMIT:
        return line + "\r\n"
    pieces: list[bytes] = []
    start = 0
    limit = _LINE_LIMIT
    while start < len(raw):
        end = min(start + limit, len(raw))
        while end < len(raw) and end > start and (raw[end] & 0xC0) == 0x80:
            end -= 1  # do not cut inside a UTF-8 sequence
        pieces.append(raw[start:end])
        start = end
        limit = _LINE_LIMIT - 1  # the leading space counts
    return "\r\n ".join(p.decode("utf-8") for p in pieces) + "\r\n"


def _types(label: str, prop: str) -> list[str] | None:
    """The TYPE values for a label, or None when it must be written as an X-ABLabel."""
    if not label:
        return []
    tokens = [t.strip() for t in label.split(",")]
    known = KNOWN_TYPES[prop]
    if all(t in known and t not in IGNORED_TYPES for t in tokens) and len(set(tokens)) == len(
        tokens
    ):
        return tokens
    return None


class _Card:
    def __init__(self, version: str, extra: tuple[str, ...]) -> None:
        self.version = version
        self.lines: list[str] = []
        used = {m.group(1).lower() for line in extra if (m := _GROUP.match(line))}
        self._used_groups = used
        self._next_item = 1

    def add(self, line: str) -> None:
        self.lines.append(line)

    def group(self) -> str:
        while f"item{self._next_item}" in self._used_groups:
            self._next_item += 1
        name = f"item{self._next_item}"
        self._next_item += 1
        return name

    def labelled(self, prop: str, value: str, label: str, pref: bool) -> None:
        """Write EMAIL/TEL/ADR/URL with its label as TYPE values or an X-ABLabel group."""
        types = _types(label, prop)
        params: list[str] = []
        type_values = list(types or [])
        if pref and self.version == "3.0":
            type_values.append("pref")
        if prop == "EMAIL" and self.version == "3.0":
            type_values.insert(0, "internet")
        if type_values:
            if self.version == "3.0":
                params.append("TYPE=" + ",".join(t.upper() for t in type_values))
            else:
                params.append("TYPE=" + ",".join(type_values))
        if pref and self.version == "4.0":
            params.append("PREF=1")
        head = prop + "".join(";" + p for p in params)
        if types is None:
            group = self.group()
            self.add(f"{group}.{head}:{value}")
            self.add(f"{group}.X-ABLabel:{escape(label)}")
        else:
            self.add(f"{head}:{value}")


def _date(value: PartialDate, version: str) -> str:
    if value.year is None:
        return f"--{value.month:02d}{value.day:02d}" if version == "4.0" else value.iso()
    return value.iso() if version == "3.0" else f"{value.year:04d}{value.month:02d}{value.day:02d}"


def write_vcard(
    contact: Contact, version: str = "3.0", uid_for_id: Mapping[int, str] | None = None
) -> str:
    """One contact as one vCard (see :func:`write_vcards`)."""
    if version not in ("3.0", "4.0"):
        raise ValueError(f"vCard version {version!r} is not supported (use 3.0 or 4.0)")
    c = contact
    card = _Card(version, c.extra_vcard)
    card.add("VERSION:" + version)
    card.add("PRODID:" + _PRODID)
    if c.uid:
        card.add("UID:" + escape(c.uid))
    card.add("FN:" + escape(c.name if c.display_name or c.name != "(no name)" else ""))
    names = (c.family_name, c.given_name, c.additional_names, c.prefix, c.suffix)
    if any(names) or version == "3.0":
        card.add("N:" + ";".join(escape(n) for n in names))
    if c.nickname:
        card.add("NICKNAME:" + escape(c.nickname))
    if c.organization or c.department:
        org = escape(c.organization)
        card.add("ORG:" + (f"{org};{escape(c.department)}" if c.department else org))
    if c.title:
        card.add("TITLE:" + escape(c.title))
    for e in c.emails:
        card.labelled("EMAIL", escape(e.value), e.label, e.pref)
    for p in c.phones:
        card.labelled("TEL", escape(p.value), p.label, p.pref)
    for a in c.addresses:
        adr = ";".join(
            escape(x) for x in ("", "", a.street, a.locality, a.region, a.postal_code, a.country)
        )
        card.labelled("ADR", adr, a.label, False)
    for u in c.urls:
        card.labelled("URL", escape(u.value), u.label, False)
    if c.birthday:
        card.add("BDAY:" + _date(c.birthday, version))
    if c.anniversary:
        name = "ANNIVERSARY" if version == "4.0" else "X-ANNIVERSARY"
        card.add(f"{name}:" + _date(c.anniversary, version))
    if c.notes:
        card.add("NOTE:" + escape(c.notes))
    if c.tags:
        card.add("CATEGORIES:" + ",".join(escape(t) for t in c.tags))
    if c.photo:
        data = base64.b64encode(c.photo.data).decode("ascii")
        mime = c.photo.mime or "image/jpeg"
        if version == "3.0":
            subtype = mime.split("/")[-1].upper()
            card.add(f"PHOTO;ENCODING=b;TYPE={subtype}:{data}")
        else:
            card.add(f"PHOTO:data:{mime};base64,{data}")
    if c.met_at:
        card.add("X-NETDESK-MET-AT:" + escape(c.met_at))
    if c.met_on:
        card.add("X-NETDESK-MET-ON:" + c.met_on.isoformat())
    if c.cadence_days:
        card.add(f"X-NETDESK-CADENCE-DAYS:{c.cadence_days}")
    if c.starred:
        card.add("X-NETDESK-STARRED:1")
    introducer = (
        uid_for_id.get(c.introduced_by) if uid_for_id and c.introduced_by is not None else None
    )
    if introducer:
        card.add("X-NETDESK-INTRODUCED-BY:" + escape(introducer))
    for line in c.extra_vcard:
        name = _GROUP.sub("", line).split(":", 1)[0].split(";", 1)[0].strip().upper()
        if not line.strip() or name in _SKIP_EXTRA:
            continue
        if introducer and name == "X-NETDESK-INTRODUCED-BY":
            continue  # superseded by the one written above
        # An extra line is one unfolded content line; never let it break the card apart.
        card.add(line.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n"))
    body = "".join(fold(line) for line in card.lines)
    return "BEGIN:VCARD\r\n" + body + "END:VCARD\r\n"


def write_vcards(
    contacts: Iterable[Contact],
    version: str = "3.0",
    *,
    uid_for_id: Mapping[int, str] | None = None,
) -> str:
    """Serialise contacts as vCard ``version`` ("3.0" or "4.0") text with CRLF line ends.

    NetDesk's own fields travel as ``X-NETDESK-MET-AT``, ``-MET-ON``, ``-CADENCE-DAYS`` and
    ``-STARRED``. ``introduced_by`` is a database id and cannot travel as such: when
    ``uid_for_id`` maps it to the introducer's UID, ``X-NETDESK-INTRODUCED-BY:<uid>`` is
    written (the reader keeps it in ``extra_vcard`` for the importer to resolve).
    """
    return "".join(write_vcard(c, version, uid_for_id) for c in contacts)
