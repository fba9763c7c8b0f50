"""Queries for vCard import and export: the UIDs, names and blank cards of every live contact
loaded in a few statements (instead of one query per imported card; the matching profiles
come from :func:`netdesk.storage.duplicates.iter_profiles`), and small bulk updates.

Never commits; the caller's unit of work does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session


def name_key(display_name: str, organization: str) -> tuple[str, str]:
    return (display_name.strip().casefold(), organization.strip().casefold())


@dataclass
class MatchKeys:
    """Lookup tables over the live contacts: key -> contact id (the lowest id wins)."""

    uids: dict[str, int] = field(default_factory=dict)
    names: dict[tuple[str, str], int] = field(default_factory=dict)
    #: contacts without any name: (unknown vCard lines, notes, title) -> id
    blanks: dict[tuple[str, str, str], int] = field(default_factory=dict)


def blank_key(extra_vcard: str, notes: str, title: str) -> tuple[str, str, str]:
    return (extra_vcard.strip(), notes.strip(), title.strip())


def load_match_keys(s: Session) -> MatchKeys:
    keys = MatchKeys()
    rows = s.execute(
        text(
            "SELECT id, uid, display_name, organization FROM contacts "
            "WHERE deleted_at IS NULL ORDER BY id"
        )
    )
    for cid, uid, display, org in rows:
        if uid:
            keys.uids.setdefault(uid.strip(), cid)
        if display:
            keys.names.setdefault(name_key(display, org or ""), cid)
    # UIDs of contacts merged into a live contact find it too (a re-import, a sync)
    rows = s.execute(
        text(
            "SELECT u.uid, u.contact_id FROM contact_uids u JOIN contacts c "
            "ON c.id = u.contact_id WHERE c.deleted_at IS NULL ORDER BY u.contact_id, u.id"
        )
    )
    for uid, cid in rows:
        if uid:
            keys.uids.setdefault(uid.strip(), cid)
    rows = s.execute(
        text(
            "SELECT id, extra_vcard, notes, title FROM contacts "
            "WHERE deleted_at IS NULL AND display_name = '(no name)' ORDER BY id"
        )
    )
    for cid, extra, notes, title in rows:
        keys.blanks.setdefault(blank_key(extra or "", notes or "", title or ""), cid)
    return keys


def set_introducers(s: Session, pairs: Iterable[tuple[int, int]]) -> None:
    """Set ``introduced_by_id`` for (contact id, introducer id) pairs in one executemany."""
    values = [{"cid": cid, "intro": intro} for cid, intro in pairs]
    if values:
        s.execute(
            text(
                "UPDATE contacts SET introduced_by_id = :intro, version = version + 1 "
                "WHERE id = :cid"
            ),
            values,
        )


def uids_by_id(s: Session, ids: Sequence[int] | None = None) -> dict[int, str]:
    """id -> UID of live contacts with a UID (all of them, or those in ``ids``)."""
    if ids is None:
        rows = s.execute(
            text("SELECT id, uid FROM contacts WHERE deleted_at IS NULL AND uid != ''")
        )
        return {cid: uid for cid, uid in rows}
    out: dict[int, str] = {}
    id_list = list(ids)
    stmt = text("SELECT id, uid FROM contacts WHERE id IN :ids AND uid != ''").bindparams(
        bindparam("ids", expanding=True)
    )
    for start in range(0, len(id_list), 900):
        for cid, uid in s.execute(stmt, {"ids": id_list[start : start + 900]}):
            out[cid] = uid
    return out


def introducer_ids(s: Session, ids: Sequence[int]) -> dict[int, int]:
    """contact id -> introducer id, for the contacts in ``ids`` that have one."""
    out: dict[int, int] = {}
    id_list = list(ids)
    stmt = text(
        "SELECT id, introduced_by_id FROM contacts WHERE id IN :ids "
        "AND introduced_by_id IS NOT NULL"
    ).bindparams(bindparam("ids", expanding=True))
    for start in range(0, len(id_list), 900):
        for cid, intro in s.execute(stmt, {"ids": id_list[start : start + 900]}):
            out[cid] = intro
    return out


def created_at_by_id(s: Session, ids: Sequence[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    id_list = list(ids)
    stmt = text("SELECT id, created_at FROM contacts WHERE id IN :ids").bindparams(
        bindparam("ids", expanding=True)
    )
    for start in range(0, len(id_list), 900):
        for cid, created in s.execute(stmt, {"ids": id_list[start : start + 900]}):
            out[cid] = str(created or "")
    return out
