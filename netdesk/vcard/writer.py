"""Contacts to vCard 3.0 or 4.0 text.

The content lines are built here rather than through vobject's serializer, because that
serializer refuses cards without FN, never folds PHOTO lines (lines of hundreds of kilobytes),
reorders properties, and cannot emit the verbatim ``extra_vcard`` lines without re-parsing and
re-escaping them. What we write is checked against vobject's parser by the tests.

Output: CRLF line ends, lines folded at 75 octets without splitting a UTF-8 character.
"""

from __future__ import annotations

import base64
import quopri
import re
from collections.abc import Iterable, Mapping

from netdesk import __version__
from netdesk.core.dates import PartialDate
from netdesk.core.model import Contact, derive_display_name
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

    def names(self) -> set[str]:
        return {_split_line(line)[1] for line in self.lines}

    def group(self) -> str:
        while f"item{self._next_item}" in self._used_groups:
            self._next_item += 1
        name = f"item{self._next_item}"
        self._next_item += 1
        return name

    def labelled(self, prop: str, value: str, label: str, pref: bool) -> None:
        """Write EMAIL/TEL/ADR/URL with its label as TYPE values or an X-ABLabel group."""
        # RFC 2426 gives URL no TYPE parameter: its label goes in an X-ABLabel group there
        types = None if prop == "URL" and self.version == "3.0" and label else _types(label, prop)
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


#: The year Apple Contacts writes for a birthday without one (with X-APPLE-OMIT-YEAR): a
#: valid RFC 2426 date that Apple, iOS, DAVx5/ez-vcard and NetDesk read as "no year".
OMIT_YEAR = 1604


def _bday_3(value: PartialDate) -> str:
    """BDAY for vCard 3.0: RFC 2426 has no date without a year (``--04-16`` is 4.0 only),
    so a yearless one is written as Apple does."""
    if value.year is None:
        return f"BDAY;X-APPLE-OMIT-YEAR={OMIT_YEAR}:{OMIT_YEAR}-{value.month:02d}-{value.day:02d}"
    return "BDAY:" + value.iso()


#: vCard 4.0 properties RFC 2426 does not know: in 3.0 they travel as these X- names (the
#: ones Apple, Evolution and ez-vcard use where there is one), and come back in 4.0.
V4_ONLY: dict[str, str] = {
    "GENDER": "X-GENDER",
    "KIND": "X-ADDRESSBOOKSERVER-KIND",
    "MEMBER": "X-ADDRESSBOOKSERVER-MEMBER",
    "ANNIVERSARY": "X-ANNIVERSARY",
    "BIRTHPLACE": "X-BIRTHPLACE",
    "DEATHPLACE": "X-DEATHPLACE",
    "DEATHDATE": "X-DEATHDATE",
    "LANG": "X-LANG",
    "RELATED": "X-RELATED",
    "XML": "X-XML",
    "CLIENTPIDMAP": "X-CLIENTPIDMAP",
    "EXPERTISE": "X-EXPERTISE",
    "HOBBY": "X-HOBBY",
    "INTEREST": "X-INTEREST",
    "ORG-DIRECTORY": "X-ORG-DIRECTORY",
    "CONTACT-URI": "X-CONTACT-URI",
}
#: vCard 3.0 properties RFC 6350 dropped: X- names in 4.0.
V3_ONLY: dict[str, str] = {
    "LABEL": "X-LABEL",
    "AGENT": "X-AGENT",
    "MAILER": "X-MAILER",
    "NAME": "X-NAME",
    "PROFILE": "X-PROFILE",
    "CLASS": "X-CLASS",
    "SORT-STRING": "X-SORT-STRING",
}
_BACK_TO_4 = {v: k for k, v in V4_ONLY.items()}
_BACK_TO_3 = {v: k for k, v in V3_ONLY.items()}
#: 4.0 parameters RFC 2426 does not have
_V4_PARAMS = frozenset({"PID", "ALTID", "INDEX", "LEVEL", "CALSCALE", "SORT-AS", "CC", "GEO", "TZ"})
_BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
#: properties a card has at most once (RFC 6350 cardinality *1 / 1)
_SINGLE = frozenset(
    {
        "BDAY",
        "ANNIVERSARY",
        "GENDER",
        "KIND",
        "BIRTHPLACE",
        "DEATHPLACE",
        "DEATHDATE",
        "N",
        "FN",
        "UID",
        "REV",
        "PRODID",
        "VERSION",
        "GEO",
    }
)
#: 3.0 properties whose value is a date: one written as text is not a 3.0 value
_DATE_PROPS = frozenset({"BDAY"})
_IMAGE_TYPES = {"JPG": "image/jpeg", "JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif"}


def _split_line(line: str) -> tuple[str, str, list[tuple[str, str]], str]:
    """(group, name, [(param name, value)], value) of one unfolded content line."""
    quoted = False
    colon = -1
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            colon = i
            break
    head, value = (line[:colon], line[colon + 1 :]) if colon >= 0 else (line, "")
    parts: list[str] = []
    current = ""
    quoted = False
    for ch in head:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    group, _, name = parts[0].rpartition(".")
    params: list[tuple[str, str]] = []
    for p in parts[1:]:
        key, eq, val = p.partition("=")
        params.append((key.strip().upper(), val) if eq else ("TYPE", key.strip()))
    return group, name.strip().upper(), params, value


def _join_line(group: str, name: str, params: list[tuple[str, str]], value: str) -> str:
    head = (f"{group}." if group else "") + name
    return head + "".join(f";{k}={v}" for k, v in params) + ":" + value


def convert_extra(line: str, version: str) -> str:
    """A kept property line made valid for ``version``: properties the version does not
    have become their X- form (and X- forms of the version's own come back), GEO and
    binary values take the version's form, parameters the version lacks are converted or
    dropped, quoted-printable is decoded."""
    original = _split_line(line)
    group, name, params, value = original
    keys = {k for k, _ in params}
    if "CHARSET" in keys:
        params = [(k, v) for k, v in params if k != "CHARSET"]
    encoding = next((v.upper() for k, v in params if k == "ENCODING"), "")
    if encoding in ("QUOTED-PRINTABLE", "QP"):
        value = quopri.decodestring(value.encode("latin-1", "replace")).decode("utf-8", "replace")
        value = escape(value) if name not in ("N", "ADR", "ORG") else value.replace("\n", "\\n")
        params = [(k, v) for k, v in params if k != "ENCODING"]
        encoding = ""
    if version == "3.0":
        if name in V4_ONLY:
            name = V4_ONLY[name]
        elif name in _BACK_TO_3:
            name = _BACK_TO_3[name]
        if name in _DATE_PROPS and any(k == "VALUE" and v.lower() == "text" for k, v in params):
            name = "X-" + name  # a date written as text ("circa 1800") is not a 3.0 BDAY
        out: list[tuple[str, str]] = []
        for k, v in params:
            if k == "PREF":
                out.append(("TYPE", "pref"))
            elif k == "VALUE" and v.lower() == "text" and name.startswith("X-"):
                continue
            elif k == "VALUE" and v.lower() == "uri" and name == "TEL":
                value = value[4:] if value.lower().startswith("tel:") else value
            elif k == "MEDIATYPE":
                continue
            elif k not in _V4_PARAMS:
                out.append((k, v))
        params = out
        if name == "GEO" and value.lower().startswith("geo:"):
            lat, _, lon = value[4:].partition(",")
            value = f"{lat};{lon.split(';')[0]}"
        if name in _BINARY:
            if value.lower().startswith("data:") and ";base64," in value.lower():
                mime, _, data = value[5:].partition(",")
                subtype = mime.split(";")[0].split("/")[-1].upper() or "JPEG"
                params = [(k, v) for k, v in params if k not in ("ENCODING", "TYPE")]
                params += [("ENCODING", "b"), ("TYPE", subtype)]
                value = data
            elif encoding in ("BASE64", "B") or (value and ":" not in value and encoding == ""):
                params = [(k, v) for k, v in params if k != "ENCODING"]
                params.insert(0, ("ENCODING", "b"))
    else:
        if name in V3_ONLY:
            name = V3_ONLY[name]
        elif name in _BACK_TO_4:
            name = _BACK_TO_4[name]
        if name == "GEO" and not value.lower().startswith("geo:") and ";" in value:
            lat, _, lon = value.partition(";")
            value = f"geo:{lat.strip()},{lon.strip()}"
        if (
            name in _BINARY
            and not value.lower().startswith(("data:", "http:", "https:"))
            and (encoding in ("BASE64", "B") or (value and ":" not in value))
        ):
            types = [v for k, v in params if k == "TYPE"]
            mime = (
                _IMAGE_TYPES.get(types[0].upper(), "image/" + types[0].lower())
                if types
                else "image/jpeg"
            )
            params = [(k, v) for k, v in params if k not in ("ENCODING", "TYPE", "VALUE")]
            value = f"data:{mime};base64,{value}"
        out = []
        for k, v in params:
            if k == "TYPE" and v.lower() == "pref":
                out.append(("PREF", "1"))
            elif k == "ENCODING":
                continue
            else:
                out.append((k, v))
        params = out
    if (group, name, params, value) == original:
        return line  # nothing to convert: the line as it was kept, spelling and all
    return _join_line(group, name, params, value)


def formatted_name(c: Contact) -> str:
    """FN: the shown name, else the person's name, the company, an email or a phone; never
    a "(no name)" placeholder (empty only when the contact has none of these)."""
    shown = c.display_name.strip()
    if shown and shown != "(no name)":
        return shown
    derived = derive_display_name(c)
    return "" if derived == "(no name)" else derived


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
    card.add("FN:" + escape(formatted_name(c)))
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
        card.add(_bday_3(c.birthday) if version == "3.0" else "BDAY:" + _date(c.birthday, version))
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
        flat = line.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")
        converted = convert_extra(flat, version)
        group, prop, params, value = _split_line(converted)
        if prop in _SINGLE and prop in card.names():
            # at most once per card: a second one travels as its X- form
            converted = _join_line(group, "X-" + prop, params, value)
        card.add(converted)
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
