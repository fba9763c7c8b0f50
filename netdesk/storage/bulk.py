"""Fast paths for large writes (imports, demo data): Core executemany inside the caller's
unit of work, so a batch is still all-or-nothing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import cast

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.orm import Session

from netdesk.core.model import Contact, Interaction, derive_display_name, sort_key_name
from netdesk.core.text import fold
from netdesk.storage.mapping import fts_values, new_uid, now, scalar_columns
from netdesk.storage.schema import (
    AddressRow,
    ContactRow,
    EmailRow,
    FollowUpRow,
    ImageRow,
    InteractionRow,
    ParticipantRow,
    PhoneRow,
    TagRow,
    UrlRow,
    contact_tags,
)


def _next_id(s: Session, column: object) -> int:
    return int(s.scalar(select(func.coalesce(func.max(column), 0))) or 0) + 1


def tag_ids(s: Session, names: Iterable[str]) -> dict[str, int]:
    """Ids of these tags (case-insensitive), creating the missing ones."""
    wanted = {n.strip().lower(): n.strip() for n in names if n.strip()}
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


def insert_contacts(s: Session, contacts: Sequence[Contact], *, index: bool = True) -> list[int]:
    """Insert many contacts at once; returns their new ids in order."""
    if not contacts:
        return []
    first = _next_id(s, ContactRow.id)
    ids = list(range(first, first + len(contacts)))
    stamp = now()
    tags = tag_ids(s, (t for c in contacts for t in c.tags))
    rows, emails, phones, addresses, urls, links, images, fts = [], [], [], [], [], [], [], []
    for cid, c in zip(ids, contacts, strict=True):
        if not c.uid:
            c = c.with_changes(uid=new_uid())
        display = c.display_name.strip() or derive_display_name(c)
        sort_name = sort_key_name(c.with_changes(display_name=display))
        rows.append(
            {
                "id": cid,
                **scalar_columns(c, sort_name, display),
                "created_at": c.created_at or stamp,
                "updated_at": stamp,
            }
        )
        for n, e in enumerate(c.emails):
            emails.append(
                {
                    "contact_id": cid,
                    "position": n,
                    "value": e.value,
                    "value_key": e.value.strip().lower(),
                    "label": e.label,
                    "pref": e.pref,
                }
            )
        for n, p in enumerate(c.phones):
            phones.append(
                {
                    "contact_id": cid,
                    "position": n,
                    "value": p.value,
                    "e164": p.e164,
                    "label": p.label,
                    "pref": p.pref,
                }
            )
        for n, a in enumerate(c.addresses):
            addresses.append(
                {
                    "contact_id": cid,
                    "position": n,
                    "street": a.street,
                    "locality": a.locality,
                    "region": a.region,
                    "postal_code": a.postal_code,
                    "country": a.country,
                    "label": a.label,
                }
            )
        for n, u in enumerate(c.urls):
            urls.append({"contact_id": cid, "position": n, "value": u.value, "label": u.label})
        seen: set[int] = set()
        for t in c.tags:
            tid = tags.get(t.strip().lower())
            if tid is not None and tid not in seen:
                seen.add(tid)
                links.append({"contact_id": cid, "tag_id": tid})
        if c.photo is not None:
            images.append(
                {"contact_id": cid, "kind": "photo", "mime": c.photo.mime, "data": c.photo.data}
            )
        if index:
            fts.append({"id": cid, **fts_values(c, display), "interactions": ""})
    # Core inserts on the tables (not ORM-enabled ones): one executemany per table.
    s.execute(insert(cast(Table, ContactRow.__table__)), rows)
    for table, values in (
        (EmailRow, emails),
        (PhoneRow, phones),
        (AddressRow, addresses),
        (UrlRow, urls),
        (ImageRow, images),
    ):
        if values:
            s.execute(insert(cast(Table, table.__table__)), values)
    if links:
        s.execute(insert(contact_tags), links)
    if fts:
        s.execute(
            text(
                "INSERT INTO contacts_fts (rowid, name, organization, title, emails, phones, "
                "notes, tags, interactions) VALUES (:id, :name, :organization, :title, :emails, "
                ":phones, :notes, :tags, :interactions)"
            ),
            fts,
        )
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
        s.execute(
            text(
                "INSERT INTO contacts_fts (rowid, name, organization, title, emails, phones, "
                "notes, tags, interactions) VALUES (:id, :name, :organization, :title, :emails, "
                ":phones, :notes, :tags, :interactions)"
            ),
            chunk,
        )
