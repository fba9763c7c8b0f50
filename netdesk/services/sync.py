"""CardDAV sync use cases: accounts, a sync run, conflicts and the log.

One run: list the server (changes since the sync token, or everything), download what is
new or changed, plan with :mod:`netdesk.sync.engine`, check the safety rules, then carry
out each action and record its status *after* it succeeded, one small transaction per
card. A run stopped at any point (network, kill -9) converges on the next one.

Only the vCard fields travel; interactions, follow-ups and card scans stay local. Unknown
vCard properties are kept (the reader keeps them in ``extra_vcard``) and written back.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from netdesk.core.errors import NetDeskError, NotFoundError, ValidationError
from netdesk.core.model import Change, Contact
from netdesk.services.contacts import prepare_contact
from netdesk.storage.contacts import ContactRepository
from netdesk.storage.db import Database
from netdesk.storage.sync import Account, Conflict, LogEntry, SyncRepository
from netdesk.sync import dav
from netdesk.sync.engine import (
    Action,
    Kind,
    LocalItem,
    MassDeletion,
    RemoteItem,
    Status,
    SyncAborted,
    check_safety,
    plan,
)
from netdesk.vcard.reader import read_vcards
from netdesk.vcard.writer import write_vcard

log = logging.getLogger(__name__)

KEYRING_SERVICE = "NetDesk CardDAV"
PASSWORD_ENV = "NETDESK_DAV_PASSWORD"
_CANON_DROP = frozenset({"PRODID", "REV", "VERSION"})
_NAME_PART = re.compile(r"^([^:\"]*(?:\"[^\"]*\"[^:\"]*)*):")

Progress = Callable[[int, int, str], None]
_DATA_URI_PHOTO = re.compile(r"^PHOTO:data:image/(\w+);base64,([A-Za-z0-9+/=]+)(?=\r?$)", re.M)


def _base64_photo(m: re.Match[str]) -> str:
    from netdesk.vcard.writer import fold

    return fold(f"PHOTO;ENCODING=b;TYPE={m.group(1).upper()}:{m.group(2)}").rstrip("\r\n")


@dataclass
class SyncReport:
    uploaded: int = 0
    downloaded: int = 0
    updated_local: int = 0
    updated_remote: int = 0
    deleted_local: int = 0
    deleted_remote: int = 0
    conflicts: int = 0
    errors: list[str] = field(default_factory=list)
    dry_run: bool = False
    touched: set[int] = field(default_factory=set)

    def as_json(self) -> dict[str, object]:
        return {
            "uploaded": self.uploaded,
            "downloaded": self.downloaded,
            "updated_local": self.updated_local,
            "updated_remote": self.updated_remote,
            "deleted_local": self.deleted_local,
            "deleted_remote": self.deleted_remote,
            "conflicts": self.conflicts,
            "errors": list(self.errors),
        }

    def summary(self) -> str:
        parts = [
            f"{n} {what}"
            for n, what in (
                (self.downloaded, "new here"),
                (self.uploaded, "new on the server"),
                (self.updated_local, "updated here"),
                (self.updated_remote, "updated on the server"),
                (self.deleted_local, "deleted here"),
                (self.deleted_remote, "deleted on the server"),
                (self.conflicts, "conflict(s) to review"),
            )
            if n
        ]
        text = ", ".join(parts) if parts else "nothing to do"
        if self.errors:
            text += f"; {len(self.errors)} problem(s), see the sync log"
        return ("Dry run: " if self.dry_run else "") + text

    @property
    def change(self) -> Change:
        return Change(contacts=frozenset(self.touched))


# ------------------------------------------------------------------------- normal form


def canonical_text(contact: Contact) -> str:
    """The contact's vCard fields in a normal form: what both sides are compared by.

    Servers rewrite cards (property order and case, escaping, PRODID/REV); none of that
    counts as a change. Local-only fields (id, dates derived from interactions) are left
    out."""
    c = contact.with_changes(
        id=None,
        introduced_by=None,
        created_at=None,
        updated_at=None,
        last_contacted=None,
        next_touch=None,
    )
    lines = []
    for raw in write_vcard(c, "3.0").replace("\r\n ", "").split("\r\n"):
        m = _NAME_PART.match(raw)
        if not m:
            continue
        head = m.group(1).upper()
        name = head.split(";", 1)[0].split(".", 1)[-1]
        if name in _CANON_DROP or name in ("BEGIN", "END"):
            continue
        lines.append(head + raw[m.end(1) :])
    return "\n".join(sorted(lines))


def content_hash(contact: Contact) -> str:
    return hashlib.sha256(canonical_text(contact).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class _Fetched:
    href: str
    etag: str
    data: str
    contact: Contact
    hash: str


# --------------------------------------------------------------------------- passwords


class PasswordStore:
    """The OS keyring where there is one; otherwise memory only, for this session.

    Never a plain-text file. ``NETDESK_DAV_PASSWORD`` wins when set (scripts, tests)."""

    def __init__(self) -> None:
        self._memory: dict[str, str] = {}

    @staticmethod
    def _key(account: Account) -> str:
        return f"{account.username}@{account.url}"

    def get(self, account: Account) -> str | None:
        env = os.environ.get(PASSWORD_ENV)
        if env:
            return env
        key = self._key(account)
        if key in self._memory:
            return self._memory[key]
        try:
            import keyring

            return keyring.get_password(KEYRING_SERVICE, key)
        except Exception:  # no keyring on this machine: ask each time
            return None

    def put(self, account: Account, password: str) -> bool:
        """Remember the password; True when it went into the OS keyring."""
        key = self._key(account)
        try:
            import keyring
            from keyring.backends import fail

            if isinstance(keyring.get_keyring(), fail.Keyring):
                raise RuntimeError("no keyring")
            keyring.set_password(KEYRING_SERVICE, key, password)
            return True
        except Exception:
            self._memory[key] = password
            return False

    def forget(self, account: Account) -> None:
        key = self._key(account)
        self._memory.pop(key, None)
        try:
            import keyring

            keyring.delete_password(KEYRING_SERVICE, key)
        except Exception:
            pass


ClientFactory = Callable[[str, str, str], dav.CardDavClient]


def _default_client(url: str, user: str, password: str) -> dav.CardDavClient:
    return dav.CardDavClient(url, user, password)


class SyncService:
    def __init__(
        self,
        db: Database,
        default_region: Callable[[], str | None],
        *,
        client_factory: ClientFactory = _default_client,
    ) -> None:
        self.db = db
        self._region = default_region
        self.client_factory = client_factory
        self.passwords = PasswordStore()

    # accounts -----------------------------------------------------------------------------
    def accounts(self) -> list[Account]:
        with self.db.unit_of_work(write=False) as s:
            return SyncRepository(s).accounts()

    def account(self, account_id: int | None = None) -> Account:
        accounts = self.accounts()
        if not accounts:
            raise NotFoundError(
                "No sync account is set up: add one in Preferences → Sync or with "
                "`netdesk account add --url URL --user USER`."
            )
        if account_id is None:
            return accounts[0]
        for a in accounts:
            if a.id == account_id:
                return a
        raise NotFoundError(f"There is no sync account with id {account_id}.")

    def discover(self, url: str, user: str, password: str) -> list[dav.AddressBook]:
        client = self.client_factory(url, user, password)
        try:
            return client.discover()
        finally:
            client.close()

    def add_account(
        self,
        url: str,
        user: str,
        password: str,
        *,
        book_url: str | None = None,
        version: str = "3.0",
    ) -> tuple[Account, bool]:
        """Check the account on the server and keep it; returns it and whether the password
        went into the OS keyring (else it is remembered for this session only)."""
        if version not in ("3.0", "4.0"):
            raise ValidationError("vCard version", "must be 3.0 or 4.0")
        books = self.discover(url, user, password)
        chosen = books[0]
        if book_url:
            wanted = dav.normalize_href(url, book_url)
            matches = [b for b in books if dav.normalize_href(url, b.url) == wanted]
            if not matches:
                names = ", ".join(b.url for b in books)
                raise ValidationError("address book", f"{book_url} is not one of: {names}")
            chosen = matches[0]
        with self.db.unit_of_work() as s:
            account_id = SyncRepository(s).add_account(url, user, chosen.url, chosen.name, version)
        account = self.account(account_id)
        in_keyring = self.passwords.put(account, password)
        return account, in_keyring

    def remove_account(self, account_id: int) -> None:
        account = self.account(account_id)
        self.passwords.forget(account)
        with self.db.unit_of_work() as s:
            SyncRepository(s).remove_account(account_id)

    def conflicts(self, account_id: int | None = None) -> list[Conflict]:
        with self.db.unit_of_work(write=False) as s:
            return SyncRepository(s).open_conflicts(account_id)

    def log_entries(self, account_id: int, limit: int = 500) -> list[LogEntry]:
        with self.db.unit_of_work(write=False) as s:
            return SyncRepository(s).log_entries(account_id, limit)

    def rejected(self, account_id: int) -> set[int]:
        with self.db.unit_of_work(write=False) as s:
            return SyncRepository(s).rejected_contact_ids(account_id)

    def resolve_conflict(self, conflict_id: int, *, keep: str) -> Change:
        """``keep="server"`` accepts what sync applied; ``keep="mine"`` puts the local version
        back (it is uploaded by the next sync)."""
        if keep not in ("server", "mine"):
            raise ValidationError("keep", "must be 'server' or 'mine'")
        with self.db.unit_of_work() as s:
            repo = SyncRepository(s)
            conflict = repo.conflict(conflict_id)
            if keep == "mine":
                mine = self._parse(conflict.local_vcard)
                contacts = ContactRepository(s)
                current = contacts.get(conflict.contact_id)
                contacts.update(_applied(current, mine))
                contacts.refresh_derived([conflict.contact_id])
            repo.resolve_conflict(conflict_id)
        return Change(contacts=frozenset({conflict.contact_id}))

    # a run --------------------------------------------------------------------------------
    def run(
        self,
        account_id: int | None = None,
        *,
        password: str | None = None,
        dry_run: bool = False,
        confirm_deletions: bool = False,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> SyncReport:
        account = self.account(account_id)
        pw = password if password is not None else self.passwords.get(account)
        if pw is None:
            raise NetDeskError(
                f"NetDesk has no password for {account.username} at {account.url}: enter it "
                f"(or set {PASSWORD_ENV})."
            )
        report = SyncReport(dry_run=dry_run)
        client = self.client_factory(account.book_url, account.username, pw)
        try:
            _Run(self, account, client, report, progress, cancelled).go(
                dry_run=dry_run, confirm_deletions=confirm_deletions
            )
        except (dav.DavError, SyncAborted) as err:
            if not dry_run:
                self._finish(account, report, error=str(err))
            raise
        finally:
            client.close()
        if not dry_run:
            self._finish(account, report)
        return report

    def _finish(self, account: Account, report: SyncReport, error: str | None = None) -> None:
        with self.db.unit_of_work() as s:
            repo = SyncRepository(s)
            line = f"Stopped: {error}" if error else report.summary()
            repo.update_account(account.id, last_sync_at=datetime.now(), last_result=line)
            repo.log(account.id, "error" if error else "info", line)

    # helpers used by a run ---------------------------------------------------------------
    def _parse(self, data: str) -> Contact:
        results = read_vcards(data.encode("utf-8"), "server", self._region())
        ok = [r.contact for r in results if r.contact is not None]
        if len(ok) != 1:
            reason = next((r.error for r in results if r.error), "not exactly one card")
            raise ValueError(reason)
        return prepare_contact(ok[0], self._region())


def _applied(local: Contact, incoming: Contact) -> Contact:
    """``local`` with every vCard field taken from ``incoming``; local-only data stays."""
    return incoming.with_changes(
        id=local.id,
        uid=incoming.uid or local.uid,
        introduced_by=local.introduced_by,
        created_at=local.created_at,
    )


class _Run:
    """One sync run of one account (kept apart so each step reads as a method)."""

    def __init__(
        self,
        svc: SyncService,
        account: Account,
        client: dav.CardDavClient,
        report: SyncReport,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        self.svc = svc
        self.db = svc.db
        self.account = account
        self.client = client
        self.report = report
        self.progress = progress or (lambda _d, _t, _m: None)
        self.cancelled = cancelled or (lambda: False)
        self.book = account.book_url
        self.remote_errors = False

    # ------------------------------------------------------------------ listing both sides
    def go(self, *, dry_run: bool, confirm_deletions: bool) -> None:
        self.progress(0, 0, "Asking the server what changed…")
        with self.db.unit_of_work(write=False) as s:
            status = SyncRepository(s).status(self.account.id)
        refs, token = self._listing(status)
        self._check_cancel()
        remote, fetched = self._remote(status, refs)
        self._check_cancel()
        local, contacts = self._local(status, dry_run)
        p = plan(status, local, remote)
        check_safety(p, status, len(refs), deletions_confirmed=confirm_deletions)
        if dry_run:
            self._count_dry(p)
            return
        total = len(p.actions)
        for n, action in enumerate(p.actions, start=1):
            self._check_cancel()
            self.progress(n, total, f"{n:,} of {total:,} changes")
            try:
                self._do(action, fetched, contacts)
            except dav.CardRejected as err:
                self._rejected(action, err)
            except dav.PreconditionFailed:
                self._precondition_failed(action, contacts)
        with self.db.unit_of_work() as s:
            SyncRepository(s).update_account(
                self.account.id, sync_token="" if self.remote_errors else (token or "")
            )

    def _check_cancel(self) -> None:
        if self.cancelled():
            raise SyncAborted("Sync was cancelled; what was done so far is kept.")

    def _listing(self, status: Mapping[str, Status]) -> tuple[dict[str, str], str | None]:
        """href -> etag of every card on the server, and the token that goes with it."""
        token = self.account.sync_token
        if token and status:
            try:
                changed, deleted, new_token = self.client.sync_collection(self.book, token)
            except dav.SyncTokenInvalid:
                pass
            else:
                refs = {st.href: st.etag for st in status.values() if st.href}
                for href in deleted:
                    refs.pop(href, None)
                for ref in changed:
                    refs[ref.href] = ref.etag
                return refs, new_token
        fresh_token: str | None
        try:
            fresh_token = self.client.sync_token(self.book)
        except dav.DavProtocolError:
            fresh_token = None
        return {r.href: r.etag for r in self.client.list_refs(self.book)}, fresh_token

    def _remote(
        self, status: Mapping[str, Status], refs: Mapping[str, str]
    ) -> tuple[dict[str, RemoteItem], dict[str, _Fetched]]:
        by_href = {st.href: st for st in status.values() if st.href}
        known: dict[str, RemoteItem] = {}
        wanted: list[str] = []
        for href, etag in refs.items():
            st = by_href.get(href)
            if st is not None and etag and etag == st.etag:
                known[st.ident] = RemoteItem(st.ident, href, etag, st.remote_hash)
            else:
                wanted.append(href)
        fetched: dict[str, _Fetched] = {}
        if wanted:
            self.progress(0, len(wanted), f"Downloading {len(wanted):,} cards…")
        got = {c.href: c for c in self.client.multiget(self.book, sorted(wanted))}
        for href in sorted(wanted):
            st = by_href.get(href)
            card = got.get(href)
            if card is None:
                if st is not None:  # could not be fetched now: treat as unchanged, never gone
                    known[st.ident] = RemoteItem(st.ident, href, st.etag, st.remote_hash)
                self.remote_errors = True
                continue
            try:
                contact = self.svc._parse(card.data)
            except (ValueError, ValidationError) as err:
                self._note("error", f"The server's card {href} cannot be read: {err}")
                if st is not None:
                    known[st.ident] = RemoteItem(st.ident, href, st.etag, st.remote_hash)
                self.remote_errors = True
                continue
            ident = contact.uid or f"href:{href}"
            taken = known.get(ident)
            if taken is not None and taken.href != href:
                # a second card with the same UID: keep both, told apart by href
                ident = f"href:{href}"
            item = _Fetched(
                href, card.etag or refs.get(href, ""), card.data, contact, content_hash(contact)
            )
            fetched[ident] = item
            known[ident] = RemoteItem(ident, href, item.etag, item.hash)
        return known, fetched

    def _local(
        self, status: Mapping[str, Status], dry_run: bool
    ) -> tuple[dict[str, LocalItem], dict[int, Contact]]:
        ident_of = {st.contact_id: st.ident for st in status.values() if st.contact_id}
        with self.db.unit_of_work(write=False) as s:
            repo = ContactRepository(s)
            ids = SyncRepository(s).live_contact_ids()
            contacts = {c.id: c for c in repo.get_many(ids, with_photo=True) if c.id is not None}
        local: dict[str, LocalItem] = {}
        for cid, c in contacts.items():
            ident = ident_of.get(cid) or c.uid
            if not ident or ident in local:
                # no UID, or the same UID twice: this one gets a UID of its own
                new_uid = str(uuid.uuid4())
                c = c.with_changes(uid=new_uid)
                contacts[cid] = c
                if not dry_run:
                    with self.db.unit_of_work() as s:
                        ContactRepository(s).update(c, keep_photo_when_none=True)
                ident = new_uid
            local[ident] = LocalItem(ident, cid, content_hash(c))
        return local, contacts

    def _count_dry(self, p: Any) -> None:
        r = self.report
        r.uploaded = p.count(Kind.UPLOAD_NEW)
        r.updated_remote = p.count(Kind.UPLOAD_UPDATE)
        r.downloaded = p.count(Kind.DOWNLOAD_NEW)
        r.updated_local = p.count(Kind.DOWNLOAD_UPDATE)
        r.deleted_local = p.count(Kind.DELETE_LOCAL)
        r.deleted_remote = p.count(Kind.DELETE_REMOTE)
        r.conflicts = p.count(Kind.CONFLICT)

    # ------------------------------------------------------------------ actions
    def _do(self, a: Action, fetched: Mapping[str, _Fetched], contacts: dict[int, Contact]) -> None:
        k = a.kind
        if k is Kind.DOWNLOAD_NEW:
            self._download_new(a, fetched[a.ident])
        elif k is Kind.DOWNLOAD_UPDATE:
            assert a.local is not None
            self._download_update(a, fetched[a.ident], contacts[a.local.contact_id])
        elif k is Kind.CONFLICT:
            assert a.local is not None
            self._conflict(a, fetched[a.ident], contacts[a.local.contact_id])
        elif k is Kind.REMEMBER:
            assert a.local is not None and a.remote is not None
            self._remember(a.ident, a.local, a.remote)
        elif k is Kind.FORGET:
            with self.db.unit_of_work() as s:
                SyncRepository(s).drop_status(self.account.id, a.ident)
        elif k is Kind.UPLOAD_NEW:
            assert a.local is not None
            self._upload_new(a, contacts[a.local.contact_id])
        elif k is Kind.UPLOAD_UPDATE:
            assert a.local is not None and a.remote is not None
            self._upload_update(a, contacts[a.local.contact_id])
        elif k is Kind.DELETE_LOCAL:
            assert a.local is not None
            self._delete_local(a)
        elif k is Kind.DELETE_REMOTE:
            assert a.remote is not None
            self.client.delete(a.remote.href, a.remote.etag)
            with self.db.unit_of_work() as s:
                SyncRepository(s).drop_status(self.account.id, a.ident)
            self.report.deleted_remote += 1

    def _status(
        self, s: Any, ident: str, cid: int, lhash: str, href: str, etag: str, rhash: str
    ) -> None:
        SyncRepository(s).put_status(self.account.id, Status(ident, cid, lhash, href, etag, rhash))

    def _download_new(self, a: Action, f: _Fetched) -> None:
        with self.db.unit_of_work() as s:
            repo = ContactRepository(s)
            contact = f.contact.with_changes(id=None, uid=f.contact.uid)
            if not contact.uid:
                contact = contact.with_changes(uid="")
            cid = repo.add(contact)
            if not f.contact.uid:
                # keep the card UID-less locally too: the status ties it to its href
                repo.update(repo.get(cid).with_changes(uid=""), keep_photo_when_none=True)
            repo.refresh_derived([cid])
            stored = repo.get(cid)
            self._status(s, a.ident, cid, content_hash(stored), f.href, f.etag, f.hash)
        self.report.downloaded += 1
        self.report.touched.add(cid)

    def _download_update(self, a: Action, f: _Fetched, local: Contact) -> None:
        assert local.id is not None
        with self.db.unit_of_work() as s:
            repo = ContactRepository(s)
            repo.update(_applied(local, f.contact))
            repo.refresh_derived([local.id])
            stored = repo.get(local.id)
            self._status(s, a.ident, local.id, content_hash(stored), f.href, f.etag, f.hash)
        self.report.updated_local += 1
        self.report.touched.add(local.id)

    def _conflict(self, a: Action, f: _Fetched, local: Contact) -> None:
        """Both sides changed differently: apply the server's, keep ours for the user."""
        assert local.id is not None
        with self.db.unit_of_work() as s:
            repo = ContactRepository(s)
            sync = SyncRepository(s)
            sync.add_conflict(self.account.id, local.id, write_vcard(local, "4.0"), f.data)
            repo.update(_applied(local, f.contact))
            repo.refresh_derived([local.id])
            stored = repo.get(local.id)
            self._status(s, a.ident, local.id, content_hash(stored), f.href, f.etag, f.hash)
            sync.log(
                self.account.id,
                "conflict",
                f"{stored.name}: changed here and on the server; the server's version "
                "was applied, yours is kept for review.",
                local.id,
            )
        self.report.conflicts += 1
        self.report.touched.add(local.id)

    def _remember(self, ident: str, local: LocalItem, remote: RemoteItem) -> None:
        with self.db.unit_of_work() as s:
            self._status(
                s, ident, local.contact_id, local.hash, remote.href, remote.etag, remote.hash
            )

    def _card_text(self, c: Contact) -> str:
        text = write_vcard(c.with_changes(introduced_by=None), self.account.vcard_version)
        if self.account.vcard_version == "4.0" and c.photo is not None:
            # vobject-based servers (Radicale) cut a data: URI at its comma and the photo is
            # gone; the base64 form with ENCODING=b survives them and every reader we know.
            text = _DATA_URI_PHOTO.sub(_base64_photo, text.replace("\r\n ", ""))
        return text

    def _sent_hash(self, data: str) -> str:
        """The normal form of a card as the server will hand it back."""
        return content_hash(self.svc._parse(data))

    def _upload_new(self, a: Action, c: Contact) -> None:
        assert c.id is not None
        data = self._card_text(c)
        ref = self.client.create(self.book, data, c.uid)
        with self.db.unit_of_work() as s:
            self._status(
                s, a.ident, c.id, content_hash(c), ref.href, ref.etag, self._sent_hash(data)
            )
            SyncRepository(s).log(self.account.id, "sent", f"{c.name}: uploaded", c.id)
        self.report.uploaded += 1

    def _upload_update(self, a: Action, c: Contact) -> None:
        assert c.id is not None and a.remote is not None
        data = self._card_text(c)
        etag = self.client.update(a.remote.href, data, a.remote.etag)
        with self.db.unit_of_work() as s:
            self._status(
                s, a.ident, c.id, content_hash(c), a.remote.href, etag, self._sent_hash(data)
            )
            SyncRepository(s).log(self.account.id, "sent", f"{c.name}: updated", c.id)
        self.report.updated_remote += 1

    def _delete_local(self, a: Action) -> None:
        assert a.local is not None
        with self.db.unit_of_work() as s:
            ContactRepository(s).soft_delete([a.local.contact_id])
            SyncRepository(s).drop_status(self.account.id, a.ident)
        self.report.deleted_local += 1
        self.report.touched.add(a.local.contact_id)

    # ------------------------------------------------------------------ failures per card
    def _precondition_failed(self, a: Action, contacts: dict[int, Contact]) -> None:
        """The server's card is not what the listing said (changed meanwhile, or a create
        that already happened): look again and decide with the fresh copy."""
        href = a.remote.href if a.remote else None
        if href is None and a.local is not None:
            href = dav.normalize_href(self.book, self._href_for(contacts[a.local.contact_id]))
        fresh = self.client.multiget(self.book, [href]) if href else []
        if not fresh:
            self.remote_errors = True
            self._note("error", f"{a.ident}: the server refused the change and has no copy.")
            return
        card = fresh[0]
        contact = self.svc._parse(card.data)
        f = _Fetched(card.href, card.etag, card.data, contact, content_hash(contact))
        if a.kind is Kind.DELETE_REMOTE:  # edited there meanwhile: the edit wins
            with self.db.unit_of_work() as s:
                SyncRepository(s).drop_status(self.account.id, a.ident)
            self._download_new(a, f)
            return
        assert a.local is not None
        local = contacts[a.local.contact_id]
        if content_hash(local) == f.hash:
            self._remember(a.ident, a.local, RemoteItem(a.ident, f.href, f.etag, f.hash))
        else:
            self._conflict(a, f, local)

    def _href_for(self, c: Contact) -> str:
        safe = "".join(ch for ch in c.uid if ch.isalnum() or ch in "-_.") or "x"
        return self.book + safe[:120] + ".vcf"

    def _rejected(self, a: Action, err: dav.CardRejected) -> None:
        cid = a.local.contact_id if a.local else None
        self._note("rejected", f"The server refused a card ({err}); it stays here, flagged.", cid)

    def _note(self, level: str, message: str, contact_id: int | None = None) -> None:
        self.report.errors.append(message)
        with self.db.unit_of_work() as s:
            SyncRepository(s).log(self.account.id, level, message, contact_id)


__all__ = [
    "MassDeletion",
    "PasswordStore",
    "SyncAborted",
    "SyncReport",
    "SyncService",
    "canonical_text",
    "content_hash",
]
