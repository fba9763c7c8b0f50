"""Contact repository: rows in, frozen dataclasses out. Never commits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from netdesk.core.errors import NotFoundError, StaleContactError
from netdesk.core.model import Contact, ContactSummary, Photo, derive_display_name
from netdesk.core.text import fold
from netdesk.storage import queries
from netdesk.storage.bulk import insert_contacts, tag_ids, tag_links
from netdesk.storage.cadence_sql import refresh_statements
from netdesk.storage.mapping import (
    CHILD_ROWS,
    FTS_INSERT,
    contact_rows,
    fts_values,
    now,
    row_to_contact,
)
from netdesk.storage.queries import Execute, build_fts_query
from netdesk.storage.schema import (
    ContactRow,
    ContactUidRow,
    EmailRow,
    ImageRow,
    ParticipantRow,
    PhoneRow,
    TagRow,
    contact_tags,
)


def session_execute(s: Session) -> Execute:
    """The :data:`netdesk.storage.queries.Execute` of a session (raw rows, ``:name`` params)."""
    return lambda sql, params: s.execute(text(sql), params)


class ContactRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    # ----------------------------------------------------------------- reading
    def _load(self, ids: Sequence[int]) -> list[ContactRow]:
        stmt = (
            select(ContactRow)
            .where(ContactRow.id.in_(ids), ContactRow.deleted_at.is_(None))
            .options(
                selectinload(ContactRow.emails),
                selectinload(ContactRow.phones),
                selectinload(ContactRow.addresses),
                selectinload(ContactRow.urls),
                selectinload(ContactRow.tags),
            )
        )
        return list(self.s.scalars(stmt))

    def get(self, contact_id: int, *, with_photo: bool = True) -> Contact:
        rows = self._load([contact_id])
        if not rows:
            raise NotFoundError(f"There is no contact with id {contact_id}.")
        photo = self.photo(contact_id) if with_photo else None
        return row_to_contact(rows[0], photo)

    def get_many(self, ids: Sequence[int], *, with_photo: bool = False) -> list[Contact]:
        """Contacts in the order of ``ids`` (missing ids are left out)."""
        out: dict[int, Contact] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            photos = self.photos(chunk) if with_photo else {}
            for row in self._load(chunk):
                out[row.id] = row_to_contact(row, photos.get(row.id))
        return [out[i] for i in ids if i in out]

    def introduced_ids(self, contact_id: int) -> list[int]:
        """The (not deleted) contacts this contact introduced, by name."""
        return list(
            self.s.scalars(
                select(ContactRow.id)
                .where(ContactRow.introduced_by_id == contact_id, ContactRow.deleted_at.is_(None))
                .order_by(ContactRow.display_name, ContactRow.id)
            )
        )

    def exists(self, contact_id: int) -> bool:
        return (
            self.s.scalar(
                select(ContactRow.id).where(
                    ContactRow.id == contact_id, ContactRow.deleted_at.is_(None)
                )
            )
            is not None
        )

    def photo(self, contact_id: int) -> Photo | None:
        return self.photos([contact_id]).get(contact_id)

    def photos(self, ids: Sequence[int]) -> dict[int, Photo]:
        rows = self.s.execute(
            select(ImageRow.contact_id, ImageRow.data, ImageRow.mime).where(
                ImageRow.contact_id.in_(ids), ImageRow.kind == "photo"
            )
        )
        return {cid: Photo(data, mime) for cid, data, mime in rows}

    def images(self, contact_id: int, kinds: Iterable[str]) -> dict[str, Photo]:
        rows = self.s.execute(
            select(ImageRow.kind, ImageRow.data, ImageRow.mime).where(
                ImageRow.contact_id == contact_id, ImageRow.kind.in_(list(kinds))
            )
        )
        return {kind: Photo(data, mime) for kind, data, mime in rows}

    def set_image(self, contact_id: int, kind: str, image: Photo | None) -> None:
        self.s.execute(
            delete(ImageRow).where(ImageRow.contact_id == contact_id, ImageRow.kind == kind)
        )
        if image is not None:
            self.s.add(ImageRow(contact_id=contact_id, kind=kind, mime=image.mime, data=image.data))

    def count(self) -> int:
        return int(self.s.scalar(select(func.count()).where(ContactRow.deleted_at.is_(None))) or 0)

    def query_ids(
        self,
        search: str = "",
        tag: str | None = None,
        sort: str = "name",
        descending: bool = False,
        starred_only: bool = False,
    ) -> list[int]:
        """Ids of the contacts matching the filters, sorted in SQL."""
        return queries.list_ids(
            session_execute(self.s), search, tag, sort, descending, starred_only
        )

    def _id_column(self, sql: str, params: dict[str, object] | None = None) -> list[int]:
        return queries.id_column(session_execute(self.s), sql, params)

    # ----------------------------------------------------------- search pieces
    def match_count(self, search: str) -> int:
        """How many live contacts match ``search`` (the search index holds live ones only)."""
        match = build_fts_query(search)
        if match is None:
            return 0
        return int(
            self.s.execute(
                text("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH :q"),
                {"q": match},
            ).scalar()
            or 0
        )

    def matching_among(self, search: str, ids: Sequence[int]) -> set[int]:
        """Which of ``ids`` match ``search`` (a few dozen at a time: each id is a seek)."""
        match = build_fts_query(search)
        if match is None or not ids:
            return set()
        marks = ",".join(str(int(i)) for i in ids)
        return set(
            self.s.scalars(
                text(
                    "SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH :q "
                    f"AND rowid IN ({marks})"
                ),
                {"q": match},
            )
        )

    def match_ids(
        self, search: str, after: int | None = None, upto: int | None = None
    ) -> list[int]:
        """Ids of the live contacts matching ``search``, in id order (not sorted); only ids
        in (after, upto] when given, so a big result can be fetched in slices."""
        match = build_fts_query(search)
        if match is None:
            return []
        params: dict[str, object] = {"q": match}
        sql = "SELECT rowid AS id FROM contacts_fts WHERE contacts_fts MATCH :q"
        if after is not None:
            sql += " AND rowid > :after"
            params["after"] = after
        if upto is not None:
            sql += " AND rowid <= :upto"
            params["upto"] = upto
        return self._id_column(sql, params)

    def summaries(self, ids: Sequence[int]) -> dict[int, ContactSummary]:
        """What list rows show, for a page of ids."""
        return queries.summaries(session_execute(self.s), ids)

    def all_tags(self) -> list[str]:
        return list(self.s.scalars(select(TagRow.name).order_by(func.lower(TagRow.name))))

    # ------------------------------------------------------------- duplicates
    def find_matches(self, c: Contact, exclude_id: int | None = None) -> list[tuple[int, str]]:
        """Existing contacts that look like ``c``: same UID, email, phone, or (for a card with
        none of these) the same name and organisation. Returns (id, reason) pairs."""
        found: dict[int, str] = {}

        def add(ids: Iterable[int], reason: str) -> None:
            for i in ids:
                if i != exclude_id and i not in found:
                    found[i] = reason

        alive = ContactRow.deleted_at.is_(None)
        if c.uid:
            add(
                self.s.scalars(select(ContactRow.id).where(ContactRow.uid == c.uid, alive)),
                "same UID",
            )
            add(
                self.s.scalars(
                    select(ContactUidRow.contact_id)
                    .join(ContactRow, ContactRow.id == ContactUidRow.contact_id)
                    .where(ContactUidRow.uid == c.uid, alive)
                ),
                "same UID",
            )
        keys = [e.value.strip().lower() for e in c.emails if e.value.strip()]
        if keys:
            rows = self.s.execute(
                select(EmailRow.contact_id, EmailRow.value)
                .join(ContactRow, ContactRow.id == EmailRow.contact_id)
                .where(EmailRow.value_key.in_(keys), alive)
            )
            for cid, value in rows:
                add([cid], f"same email {value}")
        e164s = [p.e164 for p in c.phones if p.e164]
        if e164s:
            rows = self.s.execute(
                select(PhoneRow.contact_id, PhoneRow.value)
                .join(ContactRow, ContactRow.id == PhoneRow.contact_id)
                .where(PhoneRow.e164.in_(e164s), alive)
            )
            for cid, value in rows:
                add([cid], f"same phone {value}")
        name = (c.display_name or derive_display_name(c)).strip()
        if name and name != "(no name)":
            add(
                self.s.scalars(
                    select(ContactRow.id).where(
                        func.lower(ContactRow.display_name) == name.lower(),
                        func.lower(ContactRow.organization) == c.organization.strip().lower(),
                        alive,
                    )
                ),
                "same name and organisation",
            )
        return list(found.items())

    def ids_by_email_keys(self, keys: Iterable[str], exclude_id: int | None = None) -> list[int]:
        """Live contacts with an email whose mailbox (``netdesk.core.matching`` email key:
        Gmail dots, plus-tags, googlemail.com) is one of ``keys``: the addresses of each
        key's domain are read and compared in Python."""
        from netdesk.core.matching.values import email_key

        wanted = set(keys)
        domains: set[str] = set()
        for k in wanted:
            domain = k.rpartition("@")[2]
            domains.add(domain)
            if domain == "gmail.com":
                domains.add("googlemail.com")
        found: list[int] = []
        for domain in sorted(domains):
            rows = self.s.execute(
                select(EmailRow.contact_id, EmailRow.value)
                .join(ContactRow, ContactRow.id == EmailRow.contact_id)
                .where(EmailRow.value_key.like(f"%@{domain}"), ContactRow.deleted_at.is_(None))
            )
            for cid, value in rows:
                if cid != exclude_id and cid not in found and email_key(value) in wanted:
                    found.append(cid)
        return found

    def ids_by_family_name(
        self, family_name: str, exclude_id: int | None = None, limit: int = 200
    ) -> list[int]:
        """Live contacts with this family name (case folded by SQLite for ASCII), for the
        matcher to compare a card with."""
        if not family_name.strip():
            return []
        rows = self.s.scalars(
            select(ContactRow.id)
            .where(
                func.lower(ContactRow.family_name) == family_name.strip().lower(),
                ContactRow.deleted_at.is_(None),
            )
            .limit(limit)
        )
        return [i for i in rows if i != exclude_id]

    # ----------------------------------------------------------------- writing
    def add(self, c: Contact) -> int:
        """Insert one contact: the bulk insert with one row (one write path)."""
        return insert_contacts(self.s, [c])[0]

    def claim_version(self, contact_id: int, expected: int | None) -> None:
        """Take the next version of a live contact about to be written, checking in this
        transaction (``UPDATE ... WHERE version = expected``) that nobody wrote it since the
        writer read it at ``expected`` (None: no check). Raises StaleContactError carrying
        the contact as it is now, or NotFoundError."""
        cond = [ContactRow.id == contact_id, ContactRow.deleted_at.is_(None)]
        if expected is not None:
            cond.append(ContactRow.version == expected)
        # Core statement (no scan of the session's identity map per write: an import
        # merging into thousands of contacts holds them all); the new version is handed
        # to a row already loaded in this session, so reads after the write see it.
        new = self.s.execute(
            update(ContactRow.__table__)  # type: ignore[arg-type]
            .where(*cond)
            .values(version=ContactRow.version + 1)
            .returning(ContactRow.version)
        ).scalar()
        if new is not None:
            loaded = self.s.identity_map.get(self.s.identity_key(ContactRow, contact_id))
            if loaded is not None:
                set_committed_value(loaded, "version", new)
            return
        if not self.exists(contact_id):
            raise NotFoundError(f"There is no contact with id {contact_id}.")
        current = self.get(contact_id)
        raise StaleContactError(
            f"{current.name} was changed elsewhere since it was opened.", current=current
        )

    def update(
        self,
        c: Contact,
        *,
        keep_photo_when_none: bool = False,
        expected_version: int | None = None,
    ) -> None:
        """Write ``c`` over the stored contact. With ``expected_version``, refused
        (StaleContactError, nothing written) unless the row is still at that version."""
        assert c.id is not None
        self.claim_version(c.id, expected_version)
        rows = self._load([c.id])
        if not rows:
            raise NotFoundError(f"There is no contact with id {c.id}.")
        row = rows[0]
        built = contact_rows(c, index=False, fill_uid=False)
        for key, value in built.row.items():
            setattr(row, key, value)
        row.updated_at = now()
        for name, row_class in CHILD_ROWS.items():
            setattr(row, name, [row_class(**v) for v in built.children[name]])
        tags = tag_ids(self.s, c.tags)
        linked = {link["tag_id"] for link in tag_links(tags, c.id, c.tags)}
        row.tags = list(self.s.scalars(select(TagRow).where(TagRow.id.in_(linked))))
        if c.photo is not None or not keep_photo_when_none:
            self.set_image(c.id, "photo", c.photo)
        self.s.flush()
        self._index(c.id, c, built.display_name)

    def snooze_cadence(self, contact_id: int, until: date | None) -> None:
        self.s.execute(
            update(ContactRow)
            .where(ContactRow.id == contact_id)
            .values(cadence_snoozed_until=until)
        )

    def set_starred(self, contact_id: int, starred: bool) -> None:
        self.s.execute(
            update(ContactRow)
            .where(ContactRow.id == contact_id)
            .values(starred=starred, version=ContactRow.version + 1)
        )

    def soft_delete(self, ids: Sequence[int]) -> None:
        stamp = now()
        self.s.execute(
            update(ContactRow)
            .where(ContactRow.id.in_(ids))
            .values(deleted_at=stamp, version=ContactRow.version + 1)
        )
        self.s.execute(
            text(f"DELETE FROM contacts_fts WHERE rowid IN ({','.join(str(int(i)) for i in ids)})")
        )

    def undelete(self, ids: Sequence[int]) -> None:
        self.s.execute(
            update(ContactRow)
            .where(ContactRow.id.in_(ids))
            .values(deleted_at=None, version=ContactRow.version + 1)
        )
        self.s.flush()
        self.reindex(ids)

    def purge_deleted(self, before: datetime) -> int:
        ids = list(self.s.scalars(select(ContactRow.id).where(ContactRow.deleted_at < before)))
        if ids:
            self.s.execute(delete(ContactRow).where(ContactRow.id.in_(ids)))
            # interactions left without any participant go too
            self.s.execute(
                text(
                    "DELETE FROM interactions WHERE id NOT IN "
                    "(SELECT interaction_id FROM interaction_contacts)"
                )
            )
            self.s.execute(
                text(
                    "DELETE FROM interactions_fts WHERE rowid NOT IN (SELECT id FROM interactions)"
                )
            )
        return len(ids)

    # ------------------------------------------------------------------ search
    def _index(self, contact_id: int, c: Contact, display: str) -> None:
        values = fts_values(c, display)
        values["interactions"] = self._interaction_text(contact_id)
        self.s.execute(text("DELETE FROM contacts_fts WHERE rowid = :id"), {"id": contact_id})
        self.s.execute(FTS_INSERT, {"id": contact_id, **values})

    def _interaction_text(self, contact_id: int) -> str:
        rows = self.s.execute(
            text(
                "SELECT i.summary, i.notes FROM interactions i JOIN interaction_contacts ic "
                "ON ic.interaction_id = i.id WHERE ic.contact_id = :id"
            ),
            {"id": contact_id},
        )
        return fold(" ".join(f"{s} {n}" for s, n in rows))

    def reindex(self, ids: Iterable[int]) -> None:
        """Rewrite the search rows of these contacts (after their interactions changed)."""
        id_list = list(ids)
        for start in range(0, len(id_list), 500):
            for contact in self.get_many(id_list[start : start + 500]):
                assert contact.id is not None
                self._index(contact.id, contact, contact.display_name)

    # ----------------------------------------------------------- derived dates
    def refresh_derived(self, ids: Iterable[int] | None = None) -> None:
        """Recompute last_contacted, cadence_due and next_touch from interactions, the
        effective cadence (own, else the shortest of its tags'), the snooze and open
        follow-ups: the rule of netdesk.core.cadence, in SQL (netdesk.storage.cadence_sql)."""
        if ids is None:
            cond = "1 = 1"
        else:
            id_list = sorted({int(i) for i in ids})
            if not id_list:
                return
            cond = f"contacts.id IN ({','.join(map(str, id_list))})"
        for statement in refresh_statements(cond):
            self.s.execute(text(statement))

    def participant_contact_ids(self, interaction_ids: Iterable[int]) -> set[int]:
        ids = list(interaction_ids)
        if not ids:
            return set()
        return set(
            self.s.scalars(
                select(ParticipantRow.contact_id).where(ParticipantRow.interaction_id.in_(ids))
            )
        )

    def tag_contact_ids(self, tag_name: str) -> list[int]:
        return list(
            self.s.scalars(
                select(contact_tags.c.contact_id)
                .join(TagRow, TagRow.id == contact_tags.c.tag_id)
                .where(func.lower(TagRow.name) == tag_name.lower())
            )
        )
