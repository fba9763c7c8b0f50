"""The two-way sync plan: what to upload, download, delete or flag as a conflict.

The algorithm is vdirsyncer's, written for NetDesk: for every identity (the vCard UID) it
compares the local and the remote state with the status from the last good sync.

- A side *changed* when its normalised content hash differs from the status. On the server
  side the ETag must have changed too (servers rewrite cards: case, order, escaping; a new
  ETag with the same normalised content is not a change).
- Changed on one side only: copy it to the other. Changed on both sides to the same content:
  no conflict, only the status is brought up to date. Changed on both sides differently: a
  conflict; the server version is applied and the local version is kept for the user.
- Missing on one side but in the status: deleted there. Unchanged on the other side: delete
  it there too; changed on the other side: an edit wins over a delete (copied back).
- Unknown to the status: present on both sides, equal -> remembered; different -> a
  conflict; present on one side -> copied to the other. So a new, empty or restored local
  database never deletes the server's cards.

Safety (checked before any action runs, by :func:`check_safety`): a server listing with no
cards after earlier syncs stops the run; more than 10 % *and* more than 5 of the known cards
to be deleted on either side needs the user's confirmation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from netdesk.core.errors import NetDeskError

#: deletions above this share of the known cards (and above MASS_DELETE_MIN) need confirmation
MASS_DELETE_SHARE = 0.10
MASS_DELETE_MIN = 5


@dataclass(frozen=True)
class Status:
    """What both sides looked like after the last good sync of one identity."""

    ident: str
    contact_id: int | None
    local_hash: str
    href: str
    etag: str
    remote_hash: str


@dataclass(frozen=True)
class LocalItem:
    ident: str
    contact_id: int
    hash: str


@dataclass(frozen=True)
class RemoteItem:
    ident: str
    href: str
    etag: str
    hash: str


class Kind(StrEnum):
    UPLOAD_NEW = "upload_new"
    UPLOAD_UPDATE = "upload_update"
    DOWNLOAD_NEW = "download_new"
    DOWNLOAD_UPDATE = "download_update"
    DELETE_LOCAL = "delete_local"
    DELETE_REMOTE = "delete_remote"
    CONFLICT = "conflict"
    #: both sides agree; only the status row is written (or refreshed)
    REMEMBER = "remember"
    #: gone from both sides: the status row is dropped
    FORGET = "forget"


@dataclass(frozen=True)
class Action:
    kind: Kind
    ident: str
    local: LocalItem | None = None
    remote: RemoteItem | None = None
    status: Status | None = None


@dataclass
class Plan:
    actions: list[Action] = field(default_factory=list)

    def of(self, *kinds: Kind) -> list[Action]:
        return [a for a in self.actions if a.kind in kinds]

    def count(self, kind: Kind) -> int:
        return sum(1 for a in self.actions if a.kind is kind)


class SyncAborted(NetDeskError):
    """The run stopped before any action because it would not be safe."""


class MassDeletion(SyncAborted):
    """Many deletions at once: the user must confirm."""

    def __init__(self, message: str, *, local: int, remote: int, known: int) -> None:
        super().__init__(message)
        self.local = local
        self.remote = remote
        self.known = known


def plan(
    status: Mapping[str, Status],
    local: Mapping[str, LocalItem],
    remote: Mapping[str, RemoteItem],
) -> Plan:
    """The actions that bring both sides and the status together (no I/O)."""
    out = Plan()
    for ident in sorted(set(status) | set(local) | set(remote)):
        out.actions.extend(_decide(ident, status.get(ident), local.get(ident), remote.get(ident)))
    return out


def _decide(
    ident: str, s: Status | None, lo: LocalItem | None, re: RemoteItem | None
) -> Iterable[Action]:
    if s is None:
        if lo and re:
            kind = Kind.REMEMBER if lo.hash == re.hash else Kind.CONFLICT
            yield Action(kind, ident, lo, re)
        elif lo:
            yield Action(Kind.UPLOAD_NEW, ident, lo)
        elif re:
            yield Action(Kind.DOWNLOAD_NEW, ident, None, re)
        return
    local_changed = lo is not None and lo.hash != s.local_hash
    remote_changed = re is not None and re.etag != s.etag and re.hash != s.remote_hash
    if lo and re:
        if local_changed and remote_changed:
            kind = Kind.REMEMBER if lo.hash == re.hash else Kind.CONFLICT
        elif local_changed:
            kind = Kind.UPLOAD_UPDATE
        elif remote_changed:
            kind = Kind.DOWNLOAD_UPDATE
        elif re.href != s.href or re.etag != s.etag or lo.contact_id != s.contact_id:
            kind = Kind.REMEMBER  # the server moved or rewrote the card; content is the same
        else:
            return
        yield Action(kind, ident, lo, re, s)
    elif lo:  # deleted on the server
        kind = Kind.UPLOAD_NEW if local_changed else Kind.DELETE_LOCAL
        yield Action(kind, ident, lo, None, s)
    elif re:  # deleted here
        kind = Kind.DOWNLOAD_NEW if remote_changed else Kind.DELETE_REMOTE
        yield Action(kind, ident, None, re, s)
    else:
        yield Action(Kind.FORGET, ident, None, None, s)


def check_safety(
    p: Plan,
    status: Mapping[str, Status],
    remote_count: int,
    *,
    deletions_confirmed: bool = False,
) -> None:
    """Raise before any action when running ``p`` could wipe one side."""
    known = len(status)
    deletes_local = p.count(Kind.DELETE_LOCAL)
    deletes_remote = p.count(Kind.DELETE_REMOTE)
    if known and remote_count == 0 and not deletions_confirmed:
        raise MassDeletion(
            f"The server lists no cards, but {known} were there at the last sync. Nothing was "
            "changed: check the address book on the server; confirm only if it really was "
            "emptied on purpose.",
            local=deletes_local,
            remote=deletes_remote,
            known=known,
        )
    worst = max(deletes_local, deletes_remote)
    if (
        not deletions_confirmed
        and worst > MASS_DELETE_MIN
        and worst > MASS_DELETE_SHARE * max(known, 1)
    ):
        raise MassDeletion(
            f"This sync would delete {deletes_local} contact(s) here and {deletes_remote} "
            f"card(s) on the server, of {known} known. Nothing was changed; confirm to go on.",
            local=deletes_local,
            remote=deletes_remote,
            known=known,
        )
