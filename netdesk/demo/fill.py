"""The demo writer: fills a database with the generated data in one transaction, through
storage's bulk inserts (demo mode and benchmarks). The only demo module that imports storage."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from itertools import islice

from netdesk.core.errors import Cancelled
from netdesk.core.validation import to_e164
from netdesk.demo.people import generate_contacts
from netdesk.demo.timeline import generate_follow_ups, generate_interactions
from netdesk.storage.bulk import (
    insert_contacts,
    insert_follow_ups,
    insert_interactions,
    rebuild_interaction_text,
)
from netdesk.storage.contacts import ContactRepository
from netdesk.storage.db import Database

Progress = Callable[[str, int, int], None]

BATCH = 5000


def fill_demo(
    db: Database,
    contacts: int = 400,
    interactions: int = 4000,
    follow_ups: int | None = None,
    *,
    seed: int = 2026,
    today: date | None = None,
    region: str | None = "US",
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> tuple[int, int]:
    """Add generated contacts, interactions and follow-ups in ONE transaction (a cancel or a
    crash leaves the database as it was). Returns (contacts, interactions) added."""
    day = today or date.today()
    n_follow = follow_ups if follow_ups is not None else max(1, contacts // 10)
    report = progress or (lambda _stage, _done, _total: None)
    cancelled = should_cancel or (lambda: False)
    with db.unit_of_work() as s:
        ids: list[int] = []
        gen = generate_contacts(contacts, seed=seed, today=day)
        while chunk := list(islice(gen, BATCH)):
            chunk = [
                replace(
                    c, phones=tuple(replace(p, e164=to_e164(p.value, region)) for p in c.phones)
                )
                for c in chunk
            ]
            ids += insert_contacts(s, chunk)
            report("contacts", len(ids), contacts)
            if cancelled():
                raise Cancelled()
        done = 0
        gen_i = generate_interactions(contacts, interactions, seed=seed, today=day)
        while chunk_i := list(islice(gen_i, BATCH)):
            mapped = [
                replace(
                    i,
                    contact_ids=tuple(ids[k] for k in i.contact_ids),
                    introducer_id=None if i.introducer_id is None else ids[i.introducer_id],
                )
                for i in chunk_i
            ]
            insert_interactions(s, mapped)
            done += len(mapped)
            report("interactions", done, interactions)
            if cancelled():
                raise Cancelled()
        insert_follow_ups(
            s,
            [
                {
                    "contact_id": ids[f.contact_id],
                    "due": f.due,
                    "reason": f.reason,
                    "done_on": f.done_on,
                    "snoozed_until": f.snoozed_until,
                }
                for f in generate_follow_ups(contacts, n_follow, seed=seed, today=day)
            ],
        )
        report("index", 0, 1)
        rebuild_interaction_text(s, ids if len(ids) < 20000 else None)
        ContactRepository(s).refresh_derived(ids if len(ids) < 20000 else None)
        report("index", 1, 1)
    return contacts, interactions
