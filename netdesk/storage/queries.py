"""Read queries written once for both ways into the database: the ORM repositories (a
SQLAlchemy session, through ``text()``) and the ORM-free read path of the command line
(:mod:`netdesk.storage.reads`, the standard ``sqlite3`` module).

Each function takes an :data:`Execute` — ``execute(sql, params)`` returning rows as tuples,
with ``:name`` parameters — so the SQL and the Python around it exist once. No SQLAlchemy
here (an import-linter contract and a test keep it so): the command line's ``list`` and
``due`` must not pay for importing it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from netdesk.core.cadence import BIRTHDAY_HORIZON_DAYS, DUE_HORIZON_DAYS, cadence_label
from netdesk.core.dates import anniversary_in_year, humanize_date
from netdesk.core.model import ContactSummary, DueItem
from netdesk.core.text import fold, normalize_query_digits
from netdesk.storage import cadence_sql

#: ``execute(sql, params)`` -> rows (tuples); ``:name`` placeholders
Execute = Callable[[str, Mapping[str, object]], Iterable[Sequence[Any]]]

# ------------------------------------------------------------------ search
_PHONE_WORD = re.compile(r"^[+(]?\d[\d\s().\-/]*$")
_WORD = re.compile(r"\w+", re.UNICODE)


def build_fts_query(query: str) -> str | None:
    """Turn what a user typed into an FTS5 query: every word must match (any order), each as a
    prefix, accents and case folded; runs of phone-like words are joined into one digit string
    without international or trunk prefixes."""
    words = query.split()
    tokens: list[str] = []
    run: list[str] = []

    def flush_run() -> None:
        if run:
            joined = normalize_query_digits("".join(run))
            if joined:
                tokens.append(joined)
            run.clear()

    for word in words:
        if _PHONE_WORD.match(word) and any(ch.isdigit() for ch in word):
            run.append(word)
            continue
        flush_run()
        tokens.extend(_WORD.findall(fold(word)))
    flush_run()
    tokens = [t.replace('"', "") for t in tokens if t]
    if not tokens:
        return None
    return " AND ".join(f'"{t}"*' for t in tokens)


# ------------------------------------------------------------ contact list
#: list columns that can be sorted in SQL, mapped to their ORDER BY expression
SORT_COLUMNS: dict[str, str] = {
    "name": "c.sort_name",
    "organization": "nullif(lower(c.organization), '')",
    "title": "nullif(lower(c.title), '')",
    "last_contacted": "c.last_contacted",
    "next_touch": "c.next_touch",
    "starred": "c.starred",
    "tags": (
        "(SELECT min(lower(t.name)) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id "
        "WHERE ct.contact_id = c.id)"
    ),
}
#: sort columns whose empty values go last whatever the direction
NULLS_LAST = frozenset({"organization", "title", "last_contacted", "next_touch", "tags"})


def id_column(execute: Execute, sql: str, params: Mapping[str, object] | None = None) -> list[int]:
    """The ``id`` column of ``sql``, in order, as one lean string from SQLite parsed by
    the C JSON decoder (several times faster than a row per id for 100,000 ids)."""
    joined = next(iter(execute(f"SELECT group_concat(id) FROM ({sql})", params or {})))[0]
    return json.loads(f"[{joined}]") if joined else []


def ids_by_name(execute: Execute, descending: bool = False) -> list[int]:
    """All live contacts by name: a scan of the covering sort_name index, without
    touching the rows; the (few) soft-deleted contacts are left out afterwards."""
    direction = "DESC" if descending else "ASC"
    ids = id_column(
        execute,
        "SELECT id FROM contacts INDEXED BY ix_contacts_sort_name "
        f"ORDER BY sort_name {direction}, id {direction}",
    )
    deleted = {r[0] for r in execute("SELECT id FROM contacts WHERE deleted_at IS NOT NULL", {})}
    if deleted:
        ids = [i for i in ids if i not in deleted]
    return ids


def list_ids(
    execute: Execute,
    search: str = "",
    tag: str | None = None,
    sort: str = "name",
    descending: bool = False,
    starred_only: bool = False,
) -> list[int]:
    """Ids of the contacts matching the filters, sorted in SQL."""
    if sort not in SORT_COLUMNS:
        sort = "name"
    if not search.strip() and not tag and not starred_only and sort == "name":
        return ids_by_name(execute, descending)
    where = ["c.deleted_at IS NULL"]
    params: dict[str, object] = {}
    match = build_fts_query(search) if search.strip() else None
    if search.strip() and match is None:
        return []
    if match is not None:
        where.append("c.id IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH :q)")
        params["q"] = match
    if tag:
        where.append(
            "c.id IN (SELECT ct.contact_id FROM contact_tags ct JOIN tags t "
            "ON t.id = ct.tag_id WHERE t.name = :tag COLLATE NOCASE)"
        )
        params["tag"] = tag
    if starred_only:
        where.append("c.starred = 1")
    order = SORT_COLUMNS[sort]
    direction = "DESC" if descending else "ASC"
    nulls = f"{order} IS NULL, " if sort in NULLS_LAST else ""
    ties = f"c.id {direction}" if sort == "name" else "c.sort_name, c.id"
    sql = (
        f"SELECT c.id AS id FROM contacts c WHERE {' AND '.join(where)} "
        f"ORDER BY {nulls}{order} {direction}, {ties}"
    )
    return id_column(execute, sql, params)


def summaries(execute: Execute, ids: Sequence[int]) -> dict[int, ContactSummary]:
    """What list rows show, for a page of ids."""
    out: dict[int, ContactSummary] = {}
    for start in range(0, len(ids), 900):
        chunk = list(ids[start : start + 900])
        marks = ",".join(str(int(i)) for i in chunk)
        rows = execute(
            "SELECT c.id, c.display_name, c.organization, c.title, c.last_contacted, "
            "c.next_touch, c.starred, "
            "(SELECT group_concat(name, char(31)) FROM (SELECT t.name FROM tags t JOIN "
            " contact_tags ct ON ct.tag_id = t.id WHERE ct.contact_id = c.id "
            " ORDER BY t.name)), "
            "(SELECT value FROM emails e WHERE e.contact_id = c.id "
            " ORDER BY e.pref DESC, e.position LIMIT 1), "
            "(SELECT value FROM phones p WHERE p.contact_id = c.id "
            " ORDER BY p.pref DESC, p.position LIMIT 1) "
            f"FROM contacts c WHERE c.id IN ({marks}) AND c.deleted_at IS NULL",
            {},
        )
        for r in rows:
            out[r[0]] = ContactSummary(
                id=r[0],
                display_name=r[1],
                organization=r[2],
                title=r[3],
                tags=tuple(r[7].split("\x1f")) if r[7] else (),
                last_contacted=date.fromisoformat(r[4]) if r[4] else None,
                next_touch=date.fromisoformat(r[5]) if r[5] else None,
                starred=bool(r[6]),
                primary_email=r[8] or "",
                primary_phone=r[9] or "",
            )
    return out


def list_lines(execute: Execute, ids: Sequence[int]) -> dict[int, tuple[str, str, str]]:
    """(display name, organization, title) of the live contacts among ``ids`` — what a line
    of ``netdesk list`` shows, without the tags, email and phone of :func:`summaries`: one
    scan of the table for a long list, a seek per id for a short one."""
    if len(ids) > 1000:
        rows = execute(
            "SELECT id, display_name, organization, title FROM contacts WHERE +deleted_at IS NULL",
            {},
        )
        return {r[0]: (r[1], r[2], r[3]) for r in rows}
    out: dict[int, tuple[str, str, str]] = {}
    for start in range(0, len(ids), 900):
        marks = ",".join(str(int(i)) for i in ids[start : start + 900])
        for r in execute(
            "SELECT id, display_name, organization, title FROM contacts "
            f"WHERE id IN ({marks}) AND deleted_at IS NULL",
            {},
        ):
            out[r[0]] = (r[1], r[2], r[3])
    return out


# ---------------------------------------------------------------- what is due
def _cadence_detail(
    cadence: int | None, own: bool, last: str | None, today: date, cache: dict[object, str]
) -> str:
    """ "quarterly · last contact 3 days ago" (formatted pieces are cached: thousands of due
    contacts share a few hundred cadences and dates)."""
    every = cache.get(cadence)
    if every is None:
        every = cache[cadence] = cadence_label(cadence).lower() if cadence else "no cadence"
    source = "" if own else " (tag default)"
    if last is None:
        return f"{every}{source} · never contacted"
    when = cache.get(last)
    if when is None:
        when = cache[last] = humanize_date(date.fromisoformat(last), today)
    return f"{every}{source} · last contact {when}"


def due_items(execute: Execute, today: date) -> list[DueItem]:
    """Everything the Today view lists on ``today``: cadences and open follow-ups due up to a
    week ahead (overdue included), and birthdays in the next 14 days, sorted by date.

    ``+deleted_at IS NULL`` keeps SQLite from choosing the deleted_at index (almost every
    row matches it: a scan of the whole table) over the selective date indexes; that alone
    made the Today queries 2-5 times faster on 100,000 contacts."""
    horizon = (today + timedelta(days=DUE_HORIZON_DAYS)).isoformat()
    items: list[DueItem] = []
    cache: dict[object, str] = {}
    dates: dict[str, date] = {}
    for cid, name, due, own, effective, last in execute(
        "SELECT c.id, c.display_name, c.cadence_due, c.cadence_days, "
        f"{cadence_sql.effective_cadence('c')}, c.last_contacted FROM contacts c "
        "WHERE c.cadence_due <= :h AND +c.deleted_at IS NULL",
        {"h": horizon},
    ):
        detail = _cadence_detail(effective, own is not None, last, today, cache)
        day = dates.get(due)
        if day is None:
            day = dates[due] = date.fromisoformat(due)
        items.append(DueItem(cid, name, day, "cadence", detail))
    follow_up_due = cadence_sql.follow_up_due("f")
    for fid, cid, name, due, reason in execute(
        f"SELECT f.id, c.id, c.display_name, {follow_up_due}, f.reason "
        "FROM follow_ups f JOIN contacts c ON c.id = f.contact_id "
        f"WHERE f.done_on IS NULL AND {follow_up_due} <= :h "
        "AND +c.deleted_at IS NULL",
        {"h": horizon},
    ):
        items.append(DueItem(cid, name, date.fromisoformat(due), "follow-up", reason, fid))
    items.extend(upcoming_birthdays(execute, today, BIRTHDAY_HORIZON_DAYS))
    order = {"follow-up": 0, "cadence": 1, "birthday": 2}
    items.sort(key=lambda d: (d.due, order[d.reason], d.display_name.casefold()))
    return items


def upcoming_birthdays(execute: Execute, today: date, days: int) -> list[DueItem]:
    last = today + timedelta(days=days)
    # month*100+day ranges, wrapping over the new year; 29 Feb is widened to 228 in common
    # years by the date computation below.
    ranges: list[tuple[int, int]] = []
    a, b = today.month * 100 + today.day, last.month * 100 + last.day
    if last.year == today.year:
        ranges.append((a, b))
    else:
        ranges += [(a, 1231), (101, b)]
    ranges.append((229, 229))
    cond = " OR ".join(f"birthday_md BETWEEN {lo} AND {hi}" for lo, hi in ranges)
    out = []
    for cid, name, bday, md in execute(
        f"SELECT id, display_name, birthday, birthday_md FROM contacts WHERE ({cond}) "
        "AND +deleted_at IS NULL",
        {},
    ):
        try:
            year = None if bday.startswith("--") else int(bday[:4])
            if year in (0, 1604):  # vCard's "year unknown"
                year = None
            month, day = divmod(int(md), 100)
            when = anniversary_in_year(month, day, today.year)
            if when < today:
                when = anniversary_in_year(month, day, today.year + 1)
        except (ValueError, TypeError, AttributeError):
            continue
        if when > last:
            continue
        detail = "birthday"
        if year is not None:
            detail = f"turns {when.year - year}"
        out.append(DueItem(cid, name, when, "birthday", detail))
    return out
