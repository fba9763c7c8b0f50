"""Fast paths for large writes (imports, demo data): Core executemany inside the caller's
unit of work, so a batch is still all-or-nothing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import cast

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.orm import Session

from netdesk.core.model import Contact, Interaction
from netdesk.core.text import fold
from netdesk.storage.mapping import CHILD_ROWS, FTS_INSERT, contact_rows, now
from netdesk.storage.schema import (
    ContactRow,
    FollowUpRow,
    ImageRow,
    InteractionRow,
    ParticipantRow,
    TagRow,
    contact_tags,
)


def _next_id(s: Session, column: object) -> int:
    return int(s.scalar(select(func.coalesce(func.max(column), 0))) or 0) + 1


def tag_ids(s: Session, names: Iterable[str]) -> dict[str, int]:
    """Ids of these tags by their lower-case name (case-insensitive, also beyond ASCII),
    creating the missing ones as first written."""
    wanted: dict[str, str] = {}
    for n in names:
        if n.strip():
            wanted.setdefault(n.strip().lower(), n.strip())
    if not wanted:
        return {}
    existing = {
        name.lower(): tid
        for tid, name in s.execute(select(TagRow.id, TagRow.name))
        if name.lower() in wanted
    }
    for key, name in wanted.items():
        if key not in existing:
            row = TagRow(name=name)
            s.add(row)
            s.flush()
            existing[key] = row.id
    return existing


def tag_links(tags: dict[str, int], contact_id: int, names: Iterable[str]) -> list[dict[str, int]]:
    """The ``contact_tags`` rows of one contact (each tag once)."""
    seen: set[int] = set()
    links = []
    for t in names:
        tid = tags.get(t.strip().lower())
        if tid is not None and tid not in seen:
            seen.add(tid)
            links.append({"contact_id": contact_id, "tag_id": tid})
    return links


def insert_contacts(s: Session, contacts: Sequence[Contact], *, index: bool = True) -> list[int]:
    """Insert many contacts at once; returns their new ids in order. The one way a contact
    is created (``ContactRepository.add`` inserts one through it)."""
    if not contacts:
        return []
    first = _next_id(s, ContactRow.id)
    ids = list(range(first, first + len(contacts)))
    stamp = now()
    tags = tag_ids(s, (t for c in contacts for t in c.tags))
    rows: list[dict[str, object]] = []
    children: dict[str, list[dict[str, object]]] = {name: [] for name in CHILD_ROWS}
    links: list[dict[str, int]] = []
    images: list[dict[str, object]] = []
    fts: list[dict[str, object]] = []
    for cid, contact in zip(ids, contacts, strict=True):
        built = contact_rows(contact, index=index)
        c = built.contact
        rows.append(
            {"id": cid, **built.row, "created_at": c.created_at or stamp, "updated_at": stamp}
        )
        for name, values in built.children.items():
            children[name] += [{"contact_id": cid, **v} for v in values]
        links += tag_links(tags, cid, c.tags)
        if c.photo is not None:
            images.append(
                {"contact_id": cid, "kind": "photo", "mime": c.photo.mime, "data": c.photo.data}
            )
        if index:
            fts.append({"id": cid, **built.fts, "interactions": ""})
    # Core inserts on the tables (not ORM-enabled ones): one executemany per table.
    s.execute(insert(cast(Table, ContactRow.__table__)), rows)
    for name, values in children.items():
        if values:
            s.execute(insert(cast(Table, CHILD_ROWS[name].__table__)), values)
    if images:
        s.execute(insert(cast(Table, ImageRow.__table__)), images)
    if links:
        s.execute(insert(contact_tags), links)
    if fts:
        s.execute(FTS_INSERT, fts)
    return ids


def insert_interactions(
    s: Session, interactions: Sequence[Interaction], *, index: bool = True
) -> list[int]:
    """Insert many interactions (contact_ids must be real ids); returns the new ids."""
    if not interactions:
        return []
    first = _next_id(s, InteractionRow.id)
    ids = list(range(first, first + len(interactions)))
    stamp = now()
    rows, parts, fts = [], [], []
    for iid, i in zip(ids, interactions, strict=True):
        rows.append(
            {
                "id": iid,
                "occurred_at": i.occurred_at,
                "type": i.type,
                "summary": i.summary,
                "notes": i.notes,
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
        people = list(dict.fromkeys(i.contact_ids))
        if i.introducer_id is not None and i.introducer_id not in people:
            people.append(i.introducer_id)
        for cid in people:
            parts.append(
                {
                    "interaction_id": iid,
                    "contact_id": cid,
                    "occurred_at": i.occurred_at,
                    "role": "introducer" if cid == i.introducer_id else "participant",
                }
            )
        if index:
            fts.append({"id": iid, "s": fold(i.summary), "n": fold(i.notes)})
    s.execute(insert(InteractionRow), rows)
    s.execute(insert(ParticipantRow), parts)
    if fts:
        s.execute(
            text("INSERT INTO interactions_fts (rowid, summary, notes) VALUES (:id, :s, :n)"),
            fts,
        )
    return ids


def insert_follow_ups(s: Session, values: Sequence[dict[str, object]]) -> None:
    if values:
        stamp = now()
        s.execute(insert(FollowUpRow), [{"created_at": stamp, **v} for v in values])


def rebuild_interaction_text(s: Session, contact_ids: Sequence[int] | None = None) -> None:
    """Refill the ``interactions`` column of contacts_fts from the interactions table (used
    after bulk inserts; per-action writes keep it current themselves)."""
    if contact_ids is None:
        scope = ""
    else:
        if not contact_ids:
            return
        scope = f"WHERE ic.contact_id IN ({','.join(str(int(i)) for i in contact_ids)})"
    texts = s.execute(
        text(
            "SELECT ic.contact_id, group_concat(i.summary || ' ' || i.notes, ' ') "
            "FROM interaction_contacts ic JOIN interactions i ON i.id = ic.interaction_id "
            f"{scope} GROUP BY ic.contact_id"
        )
    ).all()
    if not texts:
        return
    ids = [cid for cid, _ in texts]
    current = {
        r[0]: r
        for start in range(0, len(ids), 900)
        for r in s.execute(
            text(
                "SELECT rowid, name, organization, title, emails, phones, notes, tags "
                f"FROM contacts_fts WHERE rowid IN ({','.join(map(str, ids[start : start + 900]))})"
            )
        )
    }
    values = []
    for cid, blob in texts:
        row = current.get(cid)
        if row is None:
            continue
        values.append(
            {
                "id": cid,
                "name": row[1],
                "organization": row[2],
                "title": row[3],
                "emails": row[4],
                "phones": row[5],
                "notes": row[6],
                "tags": row[7],
                "interactions": fold(blob or ""),
            }
        )
    for start in range(0, len(values), 2000):
        chunk = values[start : start + 2000]
        s.execute(
            text(
                f"DELETE FROM contacts_fts WHERE rowid IN ({','.join(str(v['id']) for v in chunk)})"
            )
        )
        s.execute(FTS_INSERT, chunk)
