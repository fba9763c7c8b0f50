"""Storage for the duplicates feature: matching profiles read in batches, "not the same
person" decisions, extra UIDs, and the row moves and exact snapshots a merge and its undo
need. Never commits; the caller's unit of work does.

Which tables point at a contact is read from the database itself (``PRAGMA
foreign_key_list``), so a table added later with a foreign key to ``contacts`` (job-search
references, for example) is moved to the survivor by a merge and restored by its undo
without changes here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from netdesk.core.matching import Profile, make_profile
from netdesk.core.matching.names import PersonName
from netdesk.storage.mapping import now

#: contacts read per batch by :func:`iter_profiles`
PROFILE_BATCH = 5000

#: tables with a foreign key to contacts that a merge handles on its own terms: a contact's
#: own values (the survivor gets their union through ContactRepository.update, the merged
#: contact keeps its rows so undo and restore have them), images (card images the survivor
#: lacks move, the photo is chosen), the decisions themselves
_NOT_MOVED = frozenset(
    {
        "contacts",
        "emails",
        "phones",
        "addresses",
        "urls",
        "contact_tags",
        "contact_images",
        "duplicate_rejections",
        "interaction_contacts",
    }
)


#: one contact as matching reads it: (id, given, family, additional, display, nickname,
#: organisation, birthday, emails, (phone, E.164) pairs, photo hash)
ProfileRow = tuple[
    int, str, str, str, str, str, str, str, list[str], list[tuple[str, str | None]], str
]


def iter_profile_rows(
    s: Session,
    batch: int = PROFILE_BATCH,
    progress: Callable[[int], None] | None = None,
    *,
    photos: bool = True,
) -> Iterator[ProfileRow]:
    """What matching needs of every live contact, in id order, read ``batch`` contacts at a
    time (names, company, birthday, emails, phones, a hash of the photo unless ``photos`` is
    False: matching at the door leaves photos out, as card entry does)."""
    after = 0
    done = 0
    while True:
        rows = s.execute(
            text(
                "SELECT id, given_name, family_name, additional_names, display_name, nickname, "
                "organization, birthday FROM contacts WHERE deleted_at IS NULL AND id > :after "
                "ORDER BY id LIMIT :n"
            ),
            {"after": after, "n": batch},
        ).all()
        if not rows:
            return
        lo, hi = rows[0][0], rows[-1][0]
        emails: dict[int, list[str]] = {}
        for cid, value in s.execute(
            text(
                "SELECT contact_id, value FROM emails WHERE contact_id BETWEEN :lo AND :hi "
                "ORDER BY contact_id, position"
            ),
            {"lo": lo, "hi": hi},
        ):
            emails.setdefault(cid, []).append(value)
        phones: dict[int, list[tuple[str, str | None]]] = {}
        for cid, value, e164 in s.execute(
            text(
                "SELECT contact_id, value, e164 FROM phones WHERE contact_id BETWEEN :lo AND :hi "
                "ORDER BY contact_id, position"
            ),
            {"lo": lo, "hi": hi},
        ):
            phones.setdefault(cid, []).append((value, e164))
        hashes: dict[int, str] = {}
        for cid, data in (
            s.execute(
                text(
                    "SELECT contact_id, data FROM contact_images WHERE kind = 'photo' "
                    "AND contact_id BETWEEN :lo AND :hi"
                ),
                {"lo": lo, "hi": hi},
            )
            if photos
            else ()
        ):
            hashes[cid] = hashlib.blake2b(data, digest_size=12).hexdigest() if data else ""
        for cid, given, family, additional, display, nick, org, birthday in rows:
            yield (
                cid,
                given,
                family,
                additional,
                display,
                nick,
                org,
                birthday or "",
                emails.get(cid, []),
                phones.get(cid, []),
                hashes.get(cid, ""),
            )
        done += len(rows)
        if progress is not None:
            progress(done)
        after = hi


def profile_of_row(row: ProfileRow, name: PersonName | None = None) -> Profile:
    """The profile of a row (``name``: its :func:`profile_name`, when known)."""
    cid, given, family, additional, display, nick, org, birthday, emails, phones, photo = row
    return make_profile(
        cid,
        given=given,
        family=family,
        additional=additional,
        display=display,
        nickname=nick,
        organization=org,
        emails=emails,
        phones=phones,
        birthday=birthday,
        photo=photo,
        name=name,
    )


def iter_profiles(
    s: Session, batch: int = PROFILE_BATCH, progress: Callable[[int], None] | None = None
) -> Iterator[Profile]:
    """Matching profiles of every live contact, in id order (see :func:`iter_profile_rows`)."""
    for row in iter_profile_rows(s, batch, progress):
        yield profile_of_row(row)


def live_count(s: Session) -> int:
    return int(
        s.execute(text("SELECT count(*) FROM contacts WHERE deleted_at IS NULL")).scalar() or 0
    )


# ----------------------------------------------------------------- decisions
def rejected_pairs(s: Session) -> list[tuple[int, int]]:
    return [
        (a, b) for a, b in s.execute(text("SELECT contact_a, contact_b FROM duplicate_rejections"))
    ]


def reject_pair(s: Session, a: int, b: int) -> bool:
    """Remember that ``a`` and ``b`` are different people; False when already known."""
    lo, hi = (a, b) if a < b else (b, a)
    exists = s.execute(
        text("SELECT 1 FROM duplicate_rejections WHERE contact_a = :a AND contact_b = :b"),
        {"a": lo, "b": hi},
    ).scalar()
    if exists:
        return False
    s.execute(
        text(
            "INSERT INTO duplicate_rejections (contact_a, contact_b, decided_at) "
            "VALUES (:a, :b, :t)"
        ),
        {"a": lo, "b": hi, "t": now()},
    )
    return True


def forget_rejection(s: Session, a: int, b: int) -> None:
    lo, hi = (a, b) if a < b else (b, a)
    s.execute(
        text("DELETE FROM duplicate_rejections WHERE contact_a = :a AND contact_b = :b"),
        {"a": lo, "b": hi},
    )


# ---------------------------------------------------------------------- UIDs
def extra_uids(s: Session, contact_id: int) -> list[str]:
    return list(
        s.scalars(
            text("SELECT uid FROM contact_uids WHERE contact_id = :id ORDER BY id"),
            {"id": contact_id},
        )
    )


def live_extra_uids(s: Session) -> list[tuple[str, int]]:
    """(uid, contact id) of every extra UID of a live contact."""
    return [
        (uid, cid)
        for uid, cid in s.execute(
            text(
                "SELECT u.uid, u.contact_id FROM contact_uids u JOIN contacts c "
                "ON c.id = u.contact_id WHERE c.deleted_at IS NULL ORDER BY u.contact_id, u.id"
            )
        )
    ]


def add_uids(s: Session, contact_id: int, uids: Iterable[str]) -> None:
    have = {s.execute(text("SELECT uid FROM contacts WHERE id = :id"), {"id": contact_id}).scalar()}
    have.update(extra_uids(s, contact_id))
    for uid in uids:
        if uid and uid not in have:
            have.add(uid)
            s.execute(
                text("INSERT INTO contact_uids (contact_id, uid) VALUES (:id, :uid)"),
                {"id": contact_id, "uid": uid},
            )


# ------------------------------------------------------------ snapshots, moves
def contact_references(s: Session) -> dict[str, list[str]]:
    """table -> its columns that are foreign keys to contacts.id (read from the database)."""
    tables = [
        r[0]
        for r in s.execute(
            text(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND sql NOT LIKE 'CREATE VIRTUAL%' AND name != 'alembic_version'"
            )
        )
    ]
    out: dict[str, list[str]] = {}
    for t in tables:
        cols = [
            row[3]
            for row in s.execute(text(f'PRAGMA foreign_key_list("{t}")'))
            if row[2] == "contacts"
        ]
        if cols:
            out[t] = cols
    return out


@dataclass(frozen=True)
class Snapshot:
    """Every row that refers to some contacts (and the contacts' own rows), exactly as
    stored: table -> (column names, rows)."""

    ids: tuple[int, ...]
    tables: dict[str, tuple[tuple[str, ...], tuple[tuple[Any, ...], ...]]]


def _where(cols: Sequence[str], marks: str, table: str) -> str:
    conds = [f'"{c}" IN ({marks})' for c in cols]
    if table == "contacts":
        conds.append(f"id IN ({marks})")
    return " OR ".join(conds)


def take_snapshot(s: Session, ids: Sequence[int]) -> Snapshot:
    marks = ",".join(str(int(i)) for i in ids)
    refs = contact_references(s)
    refs.setdefault("contacts", [])
    tables: dict[str, tuple[tuple[str, ...], tuple[tuple[Any, ...], ...]]] = {}
    for table, cols in sorted(refs.items()):
        result = s.execute(text(f'SELECT * FROM "{table}" WHERE {_where(cols, marks, table)}'))
        tables[table] = (tuple(result.keys()), tuple(tuple(r) for r in result))
    return Snapshot(tuple(ids), tables)


def restore_snapshot(s: Session, snap: Snapshot) -> None:
    """Put every row of ``snap`` back as it was: contact rows are updated in place, rows of
    other tables that refer to these contacts now are replaced by the snapshot's."""
    marks = ",".join(str(int(i)) for i in snap.ids)
    refs = contact_references(s)
    for table, cols in sorted(refs.items()):
        if table == "contacts":
            continue
        s.execute(text(f'DELETE FROM "{table}" WHERE {_where(cols, marks, table)}'))
    for table, (columns, rows) in snap.tables.items():
        if not rows:
            continue
        names = ", ".join(f'"{c}"' for c in columns)
        params = [dict(zip([f"p{n}" for n in range(len(columns))], r, strict=True)) for r in rows]
        if table == "contacts":
            sets = ", ".join(f'"{c}" = :p{n}' for n, c in enumerate(columns) if c != "id")
            pk = columns.index("id")
            s.execute(text(f"UPDATE contacts SET {sets} WHERE id = :p{pk}"), params)
        else:
            values = ", ".join(f":p{n}" for n in range(len(columns)))
            s.execute(text(f'INSERT INTO "{table}" ({names}) VALUES ({values})'), params)


@dataclass(frozen=True)
class Moved:
    """What a merge moved to the survivor."""

    interactions: frozenset[int]
    follow_ups: frozenset[int]
    introduced: frozenset[int]


def move_relations(s: Session, survivor: int, merged: Sequence[int]) -> Moved:
    """Move to ``survivor`` what belongs to the person rather than to one record: their
    interactions (one participant row per interaction; an introducer stays the introducer),
    follow-ups, the contacts they introduced, card images the survivor lacks, the vCard
    UIDs, and the rows of any other table that points at a contact (job-search references
    included)."""
    marks = ",".join(str(int(i)) for i in merged)
    everyone = f"{int(survivor)},{marks}"
    interactions = frozenset(
        s.scalars(
            text(f"SELECT interaction_id FROM interaction_contacts WHERE contact_id IN ({marks})")
        )
    )
    # where the survivor already takes part, keep its row (as introducer if either was)
    s.execute(
        text(
            "UPDATE interaction_contacts SET role = 'introducer' WHERE contact_id = :keep "
            "AND interaction_id IN (SELECT interaction_id FROM interaction_contacts "
            f"WHERE contact_id IN ({marks}) AND role = 'introducer')"
        ),
        {"keep": survivor},
    )
    s.execute(
        text(
            f"UPDATE OR IGNORE interaction_contacts SET contact_id = :keep "
            f"WHERE contact_id IN ({marks})"
        ),
        {"keep": survivor},
    )
    s.execute(text(f"DELETE FROM interaction_contacts WHERE contact_id IN ({marks})"))
    follow_ups = frozenset(
        s.scalars(text(f"SELECT id FROM follow_ups WHERE contact_id IN ({marks})"))
    )
    introduced = frozenset(
        s.scalars(
            text(
                f"SELECT id FROM contacts WHERE introduced_by_id IN ({marks}) "
                f"AND id NOT IN ({everyone})"
            )
        )
    )
    s.execute(
        text(
            f"UPDATE contacts SET introduced_by_id = :keep WHERE introduced_by_id IN ({marks}) "
            f"AND id NOT IN ({everyone})"
        ),
        {"keep": survivor},
    )
    have = set(
        s.scalars(
            text("SELECT kind FROM contact_images WHERE contact_id = :keep"), {"keep": survivor}
        )
    )
    for image_id, kind in s.execute(
        text(
            f"SELECT id, kind FROM contact_images WHERE contact_id IN ({marks}) "
            "AND kind != 'photo' ORDER BY contact_id, id"
        )
    ):
        if kind not in have:
            have.add(kind)
            s.execute(
                text("UPDATE contact_images SET contact_id = :keep WHERE id = :id"),
                {"keep": survivor, "id": image_id},
            )
    uids = [
        u
        for cid in merged
        for u in [
            s.execute(text("SELECT uid FROM contacts WHERE id = :id"), {"id": cid}).scalar(),
            *extra_uids(s, cid),
        ]
        if u
    ]
    s.execute(text(f"DELETE FROM contact_uids WHERE contact_id IN ({marks})"))
    add_uids(s, survivor, uids)
    for table, cols in contact_references(s).items():
        if table in _NOT_MOVED or table == "contact_uids":
            continue
        for col in cols:
            s.execute(
                text(f'UPDATE OR IGNORE "{table}" SET "{col}" = :keep WHERE "{col}" IN ({marks})'),
                {"keep": survivor},
            )
    return Moved(interactions, follow_ups, introduced)
