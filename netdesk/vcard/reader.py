"""vCard files to :class:`netdesk.core.model.Contact`, one card at a time.

Each card is decoded on its own (:mod:`netdesk.vcard.decode`) and each of its content lines is
parsed with vobject's content-line parser (``vobject.base.parseLine``: groups, parameters,
quoting). Values are then decoded here rather than by vobject's vCard behaviour, because that
behaviour keeps only the first of several unescaped comma-separated values (``NOTE:a,b``
becomes ``"a"``), refuses whole cards over one bad line, and logs errors while doing so.

A card that cannot be read becomes a :class:`CardResult` with ``error`` set; it never stops the
file. Properties NetDesk does not model are kept verbatim in ``Contact.extra_vcard``.
"""

from __future__ import annotations

import base64
import concurrent.futures as cf
import multiprocessing
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from vobject.base import parseLine

from netdesk.core.dates import PartialDate
from netdesk.core.model import Address, Contact, Email, Phone, Photo, Url, derive_display_name
from netdesk.core.phones import phones_with_regions
from netdesk.core.validation import to_e164
from netdesk.vcard.decode import CardChunk, DecodedCard, decode_card, split_cards
from netdesk.vcard.limits import MAX_TAGS
from netdesk.vcard.orphans import exit_with_parent
from netdesk.vcard.photo import PhotoProblem, check_photo, decode_base64, parse_data_uri

__all__ = [
    "IGNORED_TYPES",
    "CardResult",
    "iter_vcards_parallel",
    "read_card",
    "read_vcards",
    "unescape",
]

#: TYPE values that say nothing a person would call a label (or are handled as ``pref``).
IGNORED_TYPES = frozenset({"pref", "internet", "voice", "x400"})
#: ADR delivery hints that are not labels either.
_ADR_IGNORED = frozenset({"postal", "parcel", "dom", "intl"})
#: Properties that describe the file, not the person; regenerated on export.
_DROPPED = frozenset({"VERSION", "PRODID", "BEGIN", "END"})
_APPLE_LABEL = re.compile(r"^_?\$!<(.*)>!\$_?$")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_ANNIVERSARY_NAMES = frozenset({"ANNIVERSARY", "X-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY"})

PARALLEL_MIN_CARDS = 2000
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class CardResult:
    """What became of one card of a file. ``error`` is set (and ``contact`` None) when the card
    could not be read; ``warnings`` lists what was odd but did not stop it."""

    file: str
    card: int  #: 1-based number of the card in the file (order of BEGIN:VCARD lines)
    line: int  #: line number of its BEGIN:VCARD
    contact: Contact | None
    error: str | None = None
    warnings: tuple[str, ...] = field(default=())


# --------------------------------------------------------------------------- values


def _unescape_char(m: re.Match[str]) -> str:
    ch = m.group(1)
    if ch in "nN":
        return "\n"
    if ch in '\\,;:"':
        return ch
    return "\\" + ch


def unescape(value: str) -> str:
    r"""Undo vCard text escaping (``\n``, ``\,``, ``\;``, ``\\``, and the common ``\:``)."""
    if "\\" not in value:
        return value
    return _ESCAPE.sub(_unescape_char, value)


def _split_unescaped(value: str, sep: str) -> list[str]:
    parts: list[str] = []
    buf: list[str] = []
    i = 0
    n = len(value)
    while i < n:
        ch = value[i]
        if ch == "\\" and i + 1 < n:
            buf.append(value[i : i + 2])
            i += 2
            continue
        if ch == sep:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
        i += 1
    parts.append("".join(buf))
    return parts


def _components(value: str, count: int) -> list[str]:
    parts = [unescape(p).strip() for p in _split_unescaped(value, ";")]
    return (parts + [""] * count)[:count] if len(parts) <= count else parts


@dataclass(slots=True)
class _Prop:
    line: int
    text: str
    group: str
    name: str
    params: dict[str, list[str]]
    value: str

    def types(self) -> list[str]:
        out: list[str] = []
        for raw in self.params.get("TYPE", []):
            for t in raw.split(","):
                t = t.strip().strip('"').lower()
                if t and t not in out:
                    out.append(t)
        return out

    def param(self, name: str) -> str:
        values = self.params.get(name)
        return values[0].strip() if values else ""

    @property
    def pref(self) -> bool:
        if "pref" in self.types():
            return True
        raw = self.param("PREF")
        if not raw and "PREF" not in self.params:
            return False
        try:
            return int(raw) == 1
        except ValueError:
            return True


_EMPTY_PARAMS = re.compile(r";+(?=[;:])")
_BAD_NAME_CHARS = re.compile(r"[^A-Za-z0-9.-]")


def _repair(text: str) -> str | None:
    """A readable version of a content line vobject refuses, or None.

    Handles empty parameters (``ADR;HOME;PREF;:``), a comma instead of a semicolon after the
    name (``LABEL,TYPE=HOME:``) and characters not allowed in names (``X-messaging/irc-All``).
    """
    quoted = False
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            head, rest = text[:i], text[i + 1 :]
            break
    else:
        return None
    name, semi, params = head.partition(";")
    if "," in name and not semi:
        name, _, params = name.partition(",")
        semi = ";"
    name = _BAD_NAME_CHARS.sub("-", name.strip()).strip(".-")
    if not name:
        return None
    return _EMPTY_PARAMS.sub("", f"{name}{semi}{params}:") + rest


def _parse(line: int, text: str) -> tuple[_Prop | None, str]:
    """Parse one content line; also return the text actually parsed (repaired or not)."""
    try:
        name, plist, value, group = parseLine(text)
    except Exception:
        repaired = _repair(text)
        if repaired is None:
            return None, text
        try:
            name, plist, value, group = parseLine(repaired)
        except Exception:
            return None, text
        text = repaired
    params: dict[str, list[str]] = {}
    for entry in plist:
        if not entry:
            continue
        if len(entry) == 1:  # vCard 2.1 bare marker: TEL;CELL;WORK
            params.setdefault("TYPE", []).append(str(entry[0]))
        else:
            params.setdefault(str(entry[0]).upper(), []).extend(str(v) for v in entry[1:])
    prop = _Prop(line, text, (group or "").strip(), str(name).strip().upper(), params, value or "")
    return prop, text


def _base64_text(value: str, charset: str) -> str:
    """A text value written in base64 (``NOTE;ENCODING=b:...``) as text; "" when it is not
    base64 of text."""
    try:
        data = base64.b64decode("".join(value.split()), validate=True)
    except ValueError:
        return ""
    for encoding in (charset, "utf-8", "cp1252"):
        if not encoding:
            continue
        try:
            return data.decode(encoding).strip()
        except (UnicodeDecodeError, LookupError):
            continue
    return ""


def _apple_label(raw: str) -> str:
    """Apple's own labels ("_$!<HomeFAX>!$_", also without the underscores) as words
    ("home fax"); a label the user typed stays as typed."""
    value = unescape(raw).strip()
    m = _APPLE_LABEL.match(value)
    if not m:
        return value
    inner = m.group(1).strip()
    return " ".join(_CAMEL.split(inner)).lower() if inner != "iPhone" else "iphone"


def _label(prop: _Prop, group_labels: dict[str, str], ignored: frozenset[str]) -> str:
    if prop.group and group_labels.get(prop.group.lower()):
        return group_labels[prop.group.lower()]
    return ",".join(t for t in prop.types() if t not in ignored)


# --------------------------------------------------------------------------- one card


class _Builder:
    def __init__(self, card: DecodedCard, default_region: str | None) -> None:
        self.card = card
        self.default_region = default_region
        self.fields: dict[str, object] = {}
        self.emails: list[Email] = []
        self.phones: list[Phone] = []
        self.addresses: list[Address] = []
        self.urls: list[Url] = []
        self.tags: list[str] = []
        self.tag_set: set[str] = set()
        self.tags_cut = False
        self.notes: list[str] = []
        self.kept: set[int] = set()
        self.warnings: list[str] = list(card.notes)
        self.used_groups: set[str] = set()

    def warn(self, prop: _Prop, message: str) -> None:
        self.warnings.append(f"line {prop.line}: {message}")

    def keep(self, prop: _Prop) -> None:
        self.kept.add(prop.line)

    def once(self, key: str, prop: _Prop, value: object) -> None:
        if key in self.fields:
            self.keep(prop)  # a second N, FN, ORG...: keep it for export rather than drop it
        else:
            self.fields[key] = value

    def build(self) -> CardResult:
        props: list[_Prop] = []
        for logical in self.card.lines:
            prop, text = _parse(logical.line, logical.text)
            if prop is None:
                self.warnings.append(
                    f"line {logical.line}: could not read {logical.text[:60]!r}; skipped"
                )
                continue
            if text != logical.text:
                self.warnings.append(
                    f"line {logical.line}: malformed line {logical.text[:60]!r} read as "
                    f"{text[:60]!r}"
                )
            props.append(prop)
        meaningful = [p for p in props if p.name not in _DROPPED]
        if not meaningful:
            reason = (
                "the card is empty" if not self.card.lines else "no line of the card could be read"
            )
            return self._result(None, reason)
        group_labels = {
            p.group.lower(): _apple_label(p.value)
            for p in meaningful
            if p.group and p.name == "X-ABLABEL" and unescape(p.value).strip()
        }
        for prop in meaningful:
            if prop.name == "X-ABLABEL" and prop.group:
                continue
            consumed = self._map(prop, group_labels)
            if consumed and prop.group:
                self.used_groups.add(prop.group.lower())
            elif not consumed:
                self.keep(prop)
        extra = [
            p.text
            for p in meaningful
            if p.line in self.kept
            or (p.name == "X-ABLABEL" and p.group and p.group.lower() not in self.used_groups)
        ]
        return self._result(self._contact(extra), None)

    def _result(self, contact: Contact | None, error: str | None) -> CardResult:
        return CardResult("", self.card.card, self.card.line, contact, error, tuple(self.warnings))

    def _contact(self, extra: list[str]) -> Contact:
        f = self.fields
        n = f.get("n")
        names = n if isinstance(n, list) else [""] * 5
        org = f.get("org")
        orgs = org if isinstance(org, list) else ["", ""]
        c = Contact(
            uid=str(f.get("uid", "")),
            display_name=str(f.get("fn", "")),
            family_name=names[0],
            given_name=names[1],
            additional_names=names[2],
            prefix=names[3],
            suffix=names[4],
            nickname=str(f.get("nickname", "")),
            organization=orgs[0],
            department=orgs[1],
            title=str(f.get("title", "")),
            emails=tuple(self.emails),
            phones=tuple(self.phones),
            addresses=tuple(self.addresses),
            urls=tuple(self.urls),
            birthday=_as(f.get("bday"), PartialDate),
            anniversary=_as(f.get("anniversary"), PartialDate),
            notes="\n\n".join(self.notes),
            tags=tuple(self.tags),
            met_at=str(f.get("met_at", "")),
            met_on=_as(f.get("met_on"), date),
            cadence_days=_as(f.get("cadence"), int),
            starred=bool(f.get("starred", False)),
            photo=_as(f.get("photo"), Photo),
            extra_vcard=tuple(extra),
        )
        if not c.display_name:
            derived = derive_display_name(c)
            if derived != "(no name)":
                c = c.with_changes(display_name=derived)
        return phones_with_regions(c, self.default_region)

    # -- one property -> fields; False when NetDesk does not model it (kept in extra_vcard)
    def _map(self, p: _Prop, group_labels: dict[str, str]) -> bool:
        name = p.name
        if name == "FN":
            value = unescape(p.value).strip()
            if not value:
                return "fn" not in self.fields  # an empty FN says nothing; drop it
            self.once("fn", p, value)
            return True
        if name == "N":
            parts = _components(p.value, 5)
            if len(parts) > 5:  # trailing extra components: fold them into the suffix
                parts = [*parts[:4], " ".join(x for x in parts[4:] if x)]
            if any(parts) or "n" not in self.fields:
                self.once("n", p, parts)
            return True
        if name == "ORG":
            parts = [unescape(x).strip() for x in _split_unescaped(p.value, ";")]
            units = [x for x in parts[1:] if x]
            self.once("org", p, [parts[0], "; ".join(units)])
            return True
        if name in ("TITLE", "NICKNAME", "UID"):
            value = unescape(p.value).strip()
            if value:
                self.once(name.lower(), p, value)
            return True
        if name == "NOTE":
            value = unescape(p.value).strip()
            if p.param("ENCODING").lower() in ("b", "base64"):
                value = _base64_text(p.value, p.param("CHARSET")) or value
            if value:
                self.notes.append(value)
            return True
        if name == "CATEGORIES":
            values = _split_unescaped(p.value, ",")
            for raw in values:
                tag = unescape(raw).strip()
                if not tag or tag in self.tag_set:
                    continue
                if len(self.tags) >= MAX_TAGS:
                    if not self.tags_cut:
                        self.warn(p, f"more than {MAX_TAGS} tags in the card; the rest dropped")
                    self.tags_cut = True
                    break
                self.tags.append(tag)
                self.tag_set.add(tag)
            return True
        if name == "EMAIL":
            value = unescape(p.value).strip()
            if value.lower().startswith("mailto:"):
                value = value[7:]
            if value:
                self.emails.append(Email(value, _label(p, group_labels, IGNORED_TYPES), p.pref))
            return True
        if name == "TEL":
            value = unescape(p.value).strip()
            if value.lower().startswith("tel:"):
                value = value[4:]
            if value:
                label = _label(p, group_labels, IGNORED_TYPES)
                e164 = to_e164(value, self.default_region)
                self.phones.append(Phone(value, e164, label, p.pref))
            return True
        if name == "ADR":
            return self._adr(p, group_labels)
        if name == "URL":
            value = unescape(p.value).strip()
            if value:
                self.urls.append(Url(value, _label(p, group_labels, IGNORED_TYPES)))
            return True
        if name == "BDAY" or name in _ANNIVERSARY_NAMES:
            key = "bday" if name == "BDAY" else "anniversary"
            return self._date(p, key)
        if name == "X-ABDATE" and group_labels.get(p.group.lower()) == "anniversary":
            return self._date(p, "anniversary")
        if name == "PHOTO":
            return self._photo(p)
        if name.startswith("X-NETDESK-"):
            return self._netdesk(p)
        return False

    def _adr(self, p: _Prop, group_labels: dict[str, str]) -> bool:
        parts = _components(p.value, 7)
        if len(parts) > 7:
            parts = [*parts[:6], ", ".join(x for x in parts[6:] if x)]
        pobox, ext, street, locality, region, code, country = parts
        street_all = "\n".join(x for x in (pobox, ext, street) if x)
        addr = Address(
            street_all,
            locality,
            region,
            code,
            country,
            _label(p, group_labels, IGNORED_TYPES | _ADR_IGNORED),
        )
        if not addr.is_empty():
            self.addresses.append(addr)
        return True

    def _date(self, p: _Prop, key: str) -> bool:
        raw = unescape(p.value).strip()
        if not raw:
            return True
        if key in self.fields:
            return False
        try:
            self.fields[key] = PartialDate.parse(raw)
        except ValueError as exc:
            self.warn(p, f"{p.name} {raw!r} is not a date NetDesk understands ({exc}); kept as is")
            return False
        return True

    def _photo(self, p: _Prop) -> bool:
        if "photo" in self.fields:
            return False
        raw = unescape(p.value).strip()
        encoding = p.param("ENCODING").lower()
        bare = {t.lower() for t in p.params.get("TYPE", [])}
        declared = next((t for t in p.types() if t not in ("base64", "b")), "")
        try:
            if raw.lower().startswith("data:"):
                data, mime_declared = parse_data_uri(raw)
                declared = mime_declared or declared
            elif encoding in ("b", "base64") or "base64" in bare or "b" in bare:
                data = decode_base64(raw)
            else:
                return False  # a URL or other reference: keep the line as it is
            mime = check_photo(data, declared)
        except PhotoProblem as exc:
            self.warn(p, str(exc))
            # Refused for size: do not carry megabytes along in extra_vcard. Broken or
            # unknown data is kept verbatim so that nothing the user had is lost.
            return exc.refused
        self.fields["photo"] = Photo(data, mime)
        return True

    def _netdesk(self, p: _Prop) -> bool:
        value = unescape(p.value).strip()
        try:
            if p.name == "X-NETDESK-MET-AT":
                self.fields["met_at"] = value
            elif p.name == "X-NETDESK-MET-ON":
                self.fields["met_on"] = date.fromisoformat(value)
            elif p.name == "X-NETDESK-CADENCE-DAYS":
                days = int(value)
                if days <= 0:
                    raise ValueError("cadence must be positive")
                self.fields["cadence"] = days
            elif p.name == "X-NETDESK-STARRED":
                self.fields["starred"] = value.lower() in ("1", "true", "yes")
            else:
                return False  # X-NETDESK-INTRODUCED-BY and future ones: keep verbatim
        except ValueError as exc:
            self.warn(p, f"{p.name} {value!r} is not valid ({exc}); kept as is")
            return False
        return True


def _as(value: object, kind: type[_T]) -> _T | None:
    return value if isinstance(value, kind) else None


# --------------------------------------------------------------------------- files


def read_card(chunk: CardChunk, file: str = "", default_region: str | None = "US") -> CardResult:
    """Read one card. Never raises: unexpected failures become the card's ``error``."""
    if chunk.refused:
        return CardResult(file, chunk.card, chunk.line, None, chunk.refused, chunk.notes)
    try:
        result = _Builder(decode_card(chunk), default_region).build()
    except Exception as exc:  # a bug here must not cost the user the rest of the file
        return CardResult(
            file, chunk.card, chunk.line, None, f"internal error while reading the card: {exc!r}"
        )
    return CardResult(file, result.card, result.line, result.contact, result.error, result.warnings)


def read_vcards(data: bytes, file: str = "", default_region: str | None = "US") -> list[CardResult]:
    """Read every card of a vCard file. One result per ``BEGIN:VCARD`` line, in file order."""
    return [read_card(chunk, file, default_region) for chunk in split_cards(data)]


def _read_chunk(chunks: list[CardChunk], file: str, default_region: str | None) -> list[CardResult]:
    """Worker entry point (top level so that spawned processes can import it)."""
    return [read_card(chunk, file, default_region) for chunk in chunks]


def iter_vcards_parallel(
    data: bytes,
    file: str = "",
    default_region: str | None = "US",
    workers: int | None = None,
    chunk: int = 500,
    *,
    should_cancel: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
    min_cards: int = PARALLEL_MIN_CARDS,
) -> Iterator[CardResult]:
    """Like :func:`read_vcards`, yielding results in file order, reading chunks of ``chunk``
    cards in worker processes (spawned, so safe next to a Qt GUI thread and on every OS).

    Files with fewer than ``min_cards`` cards are read in this process: starting workers costs
    more than it saves. ``should_cancel`` is checked between chunks; when it returns True the
    iteration stops (results already yielded stay valid). ``progress(done, total)`` is called
    after each chunk.
    """
    chunks = split_cards(data)
    del data  # the file's bytes are not needed any more (if the caller let go of them too)
    total = len(chunks)
    size = max(1, chunk)
    batches: list[list[CardChunk] | None] = [chunks[i : i + size] for i in range(0, total, size)]
    # Each batch is dropped once handed out, so memory is freed batch by batch: freeing the
    # whole file's lines at once would hold the GIL (and stall a GUI thread) for long.
    del chunks
    done = 0

    def cancelled() -> bool:
        return should_cancel is not None and should_cancel()

    if total < min_cards or len(batches) < 2 or (workers is not None and workers <= 1):
        for index, batch in enumerate(batches):
            if cancelled() or batch is None:
                return
            batches[index] = None
            yield from _read_chunk(batch, file, default_region)
            done += len(batch)
            del batch
            if progress is not None:
                progress(done, total)
        return

    n_workers = workers or min(len(batches), os.cpu_count() or 1)
    context = multiprocessing.get_context("spawn")
    pool = cf.ProcessPoolExecutor(
        max_workers=n_workers, mp_context=context, initializer=exit_with_parent
    )
    pending: list[cf.Future[list[CardResult]]] = []
    try:
        next_batch = 0
        while next_batch < len(batches) or pending:
            while next_batch < len(batches) and len(pending) < n_workers * 2:
                batch = batches[next_batch]
                assert batch is not None
                pending.append(pool.submit(_read_chunk, batch, file, default_region))
                batches[next_batch] = batch = None
                next_batch += 1
            if cancelled():
                return
            results = pending.pop(0).result()
            yield from results
            done += len(results)
            if progress is not None:
                progress(done, total)
            if cancelled():
                return
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
