"""Sync accounts, the status table of the last good sync, conflicts and the sync log.

The status rows are vdirsyncer's status, kept in the NetDesk database so a restored
backup carries the status that belongs to its contacts. Repositories never commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from netdesk.core.errors import NotFoundError
from netdesk.storage.schema import (
    ContactRow,
    SyncAccountRow,
    SyncConflictRow,
    SyncLogRow,
    SyncStatusRow,
)
from netdesk.sync.engine import Status


@dataclass(frozen=True)
class Account:
    id: int
    url: str
    username: str
    book_url: str
    book_name: str
    vcard_version: str
    sync_token: str
    last_sync_at: datetime | None
    last_result: str


@dataclass(frozen=True)
class Conflict:
    id: int
    contact_id: int
    display_name: str
    local_vcard: str
    remote_vcard: str
    created_at: datetime


@dataclass(frozen=True)
class LogEntry:
    at: datetime
    level: str
    contact_id: int | None
    message: str


def _account(row: SyncAccountRow) -> Account:
    return Account(
        row.id,
        row.url,
        row.username,
        row.book_url,
        row.book_name,
        row.vcard_version,
        row.sync_token,
        row.last_sync_at,
        row.last_result,
    )


class SyncRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    # accounts -----------------------------------------------------------------------------
    def add_account(
        self, url: str, username: str, book_url: str, book_name: str, version: str
    ) -> int:
        row = SyncAccountRow(
            url=url,
            username=username,
            book_url=book_url,
            book_name=book_name,
            vcard_version=version,
            sync_token="",
            last_result="",
            created_at=datetime.now(),
        )
        self.s.add(row)
        self.s.flush()
        return row.id

    def accounts(self) -> list[Account]:
        return [_account(r) for r in self.s.scalars(select(SyncAccountRow).order_by("id"))]

    def account(self, account_id: int) -> Account:
        row = self.s.get(SyncAccountRow, account_id)
        if row is None:
            raise NotFoundError(f"There is no sync account with id {account_id}.")
        return _account(row)

    def update_account(self, account_id: int, **values: object) -> None:
        row = self.s.get(SyncAccountRow, account_id)
        if row is None:
            raise NotFoundError(f"There is no sync account with id {account_id}.")
        for key, value in values.items():
            setattr(row, key, value)

    def remove_account(self, account_id: int) -> None:
        self.s.execute(delete(SyncAccountRow).where(SyncAccountRow.id == account_id))

    # status -------------------------------------------------------------------------------
    def status(self, account_id: int) -> dict[str, Status]:
        rows = self.s.scalars(select(SyncStatusRow).where(SyncStatusRow.account_id == account_id))
        return {
            r.ident: Status(r.ident, r.contact_id, r.local_hash, r.href, r.etag, r.remote_hash)
            for r in rows
        }

    def put_status(self, account_id: int, st: Status) -> None:
        row = self.s.scalar(
            select(SyncStatusRow).where(
                SyncStatusRow.account_id == account_id, SyncStatusRow.ident == st.ident
            )
        )
        if row is None:
            row = SyncStatusRow(account_id=account_id, ident=st.ident)
            self.s.add(row)
        row.contact_id = st.contact_id
        row.local_hash = st.local_hash
        row.href = st.href
        row.etag = st.etag
        row.remote_hash = st.remote_hash
        self.s.flush()

    def drop_status(self, account_id: int, ident: str) -> None:
        self.s.execute(
            delete(SyncStatusRow).where(
                SyncStatusRow.account_id == account_id, SyncStatusRow.ident == ident
            )
        )

    def live_contact_ids(self) -> list[int]:
        return list(
            self.s.scalars(
                select(ContactRow.id).where(ContactRow.deleted_at.is_(None)).order_by(ContactRow.id)
            )
        )

    def contact_ids_with_uid(self, uid: str) -> list[int]:
        return list(
            self.s.scalars(
                select(ContactRow.id).where(ContactRow.uid == uid, ContactRow.deleted_at.is_(None))
            )
        )

    # conflicts ----------------------------------------------------------------------------
    def add_conflict(self, account_id: int, contact_id: int, local: str, remote: str) -> int:
        row = SyncConflictRow(
            account_id=account_id,
            contact_id=contact_id,
            local_vcard=local,
            remote_vcard=remote,
            created_at=datetime.now(),
        )
        self.s.add(row)
        self.s.flush()
        return row.id

    def open_conflicts(self, account_id: int | None = None) -> list[Conflict]:
        stmt = (
            select(SyncConflictRow, ContactRow.display_name)
            .join(ContactRow, ContactRow.id == SyncConflictRow.contact_id)
            .where(SyncConflictRow.resolved_at.is_(None), ContactRow.deleted_at.is_(None))
            .order_by(SyncConflictRow.id)
        )
        if account_id is not None:
            stmt = stmt.where(SyncConflictRow.account_id == account_id)
        return [
            Conflict(r.id, r.contact_id, name, r.local_vcard, r.remote_vcard, r.created_at)
            for r, name in self.s.execute(stmt)
        ]

    def conflict(self, conflict_id: int) -> Conflict:
        for c in self.open_conflicts():
            if c.id == conflict_id:
                return c
        raise NotFoundError(f"There is no open sync conflict with id {conflict_id}.")

    def resolve_conflict(self, conflict_id: int) -> None:
        row = self.s.get(SyncConflictRow, conflict_id)
        if row is not None:
            row.resolved_at = datetime.now()

    # log ----------------------------------------------------------------------------------
    def log(self, account_id: int, level: str, message: str, contact_id: int | None = None) -> None:
        self.s.add(
            SyncLogRow(
                account_id=account_id,
                at=datetime.now(),
                level=level,
                contact_id=contact_id,
                message=message,
            )
        )

    def log_entries(self, account_id: int, limit: int = 500) -> list[LogEntry]:
        rows = self.s.scalars(
            select(SyncLogRow)
            .where(SyncLogRow.account_id == account_id)
            .order_by(SyncLogRow.id.desc())
            .limit(limit)
        )
        return [LogEntry(r.at, r.level, r.contact_id, r.message) for r in rows]

    def rejected_contact_ids(self, account_id: int) -> set[int]:
        """Contacts whose last upload the server refused (flagged until one succeeds)."""
        sql = text(
            "SELECT contact_id FROM sync_log l WHERE account_id = :a AND level = 'rejected' "
            "AND contact_id IS NOT NULL AND id = (SELECT max(id) FROM sync_log WHERE "
            "account_id = :a AND contact_id = l.contact_id AND level IN ('rejected', 'sent'))"
        )
        return {int(r[0]) for r in self.s.execute(sql, {"a": account_id})}

    def drop_idents(self, account_id: int, idents: Iterable[str]) -> None:
        for ident in idents:
            self.drop_status(account_id, ident)
