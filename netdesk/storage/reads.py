"""The ORM-free read path: what ``netdesk list`` and ``netdesk due`` need, over the standard
``sqlite3`` module, read-only.

Importing SQLAlchemy alone costs a command line more than the whole answer on 10,000
contacts, so these verbs read through here when the database is ready to be read as it is
(an up-to-date NetDesk database in a private folder). :meth:`ReadOnlyDatabase.open` answers
None otherwise — a missing, damaged, older or newer file, an unsafe folder — and the caller
takes the normal path (:func:`netdesk.storage.db.open_database`), which creates, migrates or
refuses it with the message that names the problem.

The queries are those of the ORM repositories (:mod:`netdesk.storage.queries`, with the due
rule of :mod:`netdesk.storage.cadence_sql`); one read transaction gives every query of a
command the same snapshot. Never imports SQLAlchemy (an import-linter contract keeps it so).
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from netdesk.core.dates import PartialDate
from netdesk.core.model import Address, Contact, ContactSummary, DueItem, Email, Phone, Url
from netdesk.storage import queries

SQLITE_MAGIC = b"SQLite format 3\x00"
#: how long one attempt to take a lock waits for the connection holding it
BUSY_TIMEOUT_MS = 5000

#: how SQLAlchemy's SQLite Date type reads a stored date (so both paths read the same day)
_DATE = re.compile(r"(\d+)-(\d+)-(\d+)")


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    m = _DATE.match(value)
    if m is None:
        raise ValueError(f"Couldn't parse date string: {value!r}")
    return date(*map(int, m.groups()))


def _datetime(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _pdate(text: str | None) -> PartialDate | None:
    if not text:
        return None
    try:
        return PartialDate.parse(text)
    except ValueError:
        return None


_CONTACT_COLUMNS = (
    "id, uid, display_name, prefix, given_name, additional_names, family_name, suffix, "
    "nickname, organization, department, title, birthday, anniversary, notes, met_at, met_on, "
    "introduced_by_id, cadence_days, starred, extra_vcard, last_contacted, next_touch, "
    "created_at, updated_at, version"
)


class ReadOnlyDatabase:
    """An up-to-date NetDesk database opened read-only, inside one read transaction."""

    def __init__(self, path: Path, con: sqlite3.Connection) -> None:
        self.path = path
        self._con = con

    @classmethod
    def open(cls, path: Path) -> ReadOnlyDatabase | None:
        """The database at ``path`` opened read-only, or None when it must be opened the
        normal way (missing or empty, not SQLite, a folder others can write to, a schema
        other than this version's, or any SQLite error)."""
        from netdesk.paths import others_can_write
        from netdesk.storage.migrations import head_revision

        path = Path(path)
        try:
            if not path.is_file() or others_can_write(path.resolve().parent):
                return None
            with path.open("rb") as fh:
                if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                    return None
            con = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro",
                uri=True,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
            )
        except (OSError, sqlite3.Error):
            return None
        try:
            con.execute("BEGIN")
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            if row is None or row[0] != head_revision():
                con.close()
                return None
        except sqlite3.Error:
            con.close()
            return None
        return cls(path, con)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._con.execute("ROLLBACK")
        self._con.close()

    def __enter__(self) -> ReadOnlyDatabase:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _execute(self, sql: str, params: Mapping[str, object]) -> Iterable[Sequence[Any]]:
        return self._con.execute(sql, dict(params))

    # ------------------------------------------------------------------ reads
    def list_ids(self, search: str = "", tag: str | None = None) -> list[int]:
        """As ContactService.list_ids: by name, filtered by search words and a tag."""
        return queries.list_ids(self._execute, search, tag)

    def summaries(self, ids: Sequence[int]) -> dict[int, ContactSummary]:
        return queries.summaries(self._execute, ids)

    def list_lines(self, ids: Sequence[int]) -> dict[int, tuple[str, str, str]]:
        """(display name, organization, title) by id: what ``netdesk list`` prints."""
        return queries.list_lines(self._execute, ids)

    def due(self, today: date) -> list[DueItem]:
        """As ActivityService.due: what the Today view lists on ``today``."""
        return queries.due_items(self._execute, today)

    def get_many(self, ids: Sequence[int]) -> list[Contact]:
        """As ContactService.get_many (without photos): live contacts in the order of
        ``ids``, missing ones left out; the same values the ORM mapping gives."""
        out: dict[int, Contact] = {}
        for start in range(0, len(ids), 900):
            chunk = [int(i) for i in ids[start : start + 900]]
            for contact in self._load(chunk):
                assert contact.id is not None
                out[contact.id] = contact
        return [out[i] for i in ids if i in out]

    def _children(self, sql: str, marks: str) -> dict[int, list[tuple[Any, ...]]]:
        found: dict[int, list[tuple[Any, ...]]] = {}
        for row in self._con.execute(sql.format(marks=marks)):
            found.setdefault(row[0], []).append(row[1:])
        return found

    def _load(self, chunk: list[int]) -> list[Contact]:
        marks = ",".join(map(str, chunk))
        emails = self._children(
            "SELECT contact_id, value, label, pref FROM emails "
            "WHERE contact_id IN ({marks}) ORDER BY contact_id, position",
            marks,
        )
        phones = self._children(
            "SELECT contact_id, value, e164, label, pref FROM phones "
            "WHERE contact_id IN ({marks}) ORDER BY contact_id, position",
            marks,
        )
        addresses = self._children(
            "SELECT contact_id, street, locality, region, postal_code, country, label "
            "FROM addresses WHERE contact_id IN ({marks}) ORDER BY contact_id, position",
            marks,
        )
        urls = self._children(
            "SELECT contact_id, value, label FROM urls "
            "WHERE contact_id IN ({marks}) ORDER BY contact_id, position",
            marks,
        )
        tags = self._children(
            "SELECT ct.contact_id, t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id "
            "WHERE ct.contact_id IN ({marks}) ORDER BY ct.contact_id, t.name",
            marks,
        )
        out = []
        for r in self._con.execute(
            f"SELECT {_CONTACT_COLUMNS} FROM contacts WHERE id IN ({marks}) AND deleted_at IS NULL"
        ):
            cid = r[0]
            out.append(
                Contact(
                    id=cid,
                    uid=r[1],
                    display_name=r[2],
                    prefix=r[3],
                    given_name=r[4],
                    additional_names=r[5],
                    family_name=r[6],
                    suffix=r[7],
                    nickname=r[8],
                    organization=r[9],
                    department=r[10],
                    title=r[11],
                    emails=tuple(Email(v, lb, bool(p)) for v, lb, p in emails.get(cid, ())),
                    phones=tuple(Phone(v, e, lb, bool(p)) for v, e, lb, p in phones.get(cid, ())),
                    addresses=tuple(Address(*a) for a in addresses.get(cid, ())),
                    urls=tuple(Url(v, lb) for v, lb in urls.get(cid, ())),
                    birthday=_pdate(r[12]),
                    anniversary=_pdate(r[13]),
                    notes=r[14],
                    tags=tuple(t for (t,) in tags.get(cid, ())),
                    met_at=r[15],
                    met_on=_date(r[16]),
                    introduced_by=r[17],
                    cadence_days=r[18],
                    starred=bool(r[19]),
                    photo=None,
                    extra_vcard=tuple(line for line in r[20].split("\n") if line),
                    last_contacted=_date(r[21]),
                    next_touch=_date(r[22]),
                    created_at=_datetime(r[23]),
                    updated_at=_datetime(r[24]),
                    version=r[25],
                )
            )
        return out
