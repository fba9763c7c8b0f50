"""Finding and merging duplicates: the scan, "not the same person", merge, undo.

- :meth:`DuplicateService.scan` reads every live contact in batches (one read transaction)
  and runs :func:`netdesk.core.matching.find_duplicates`; it reports progress and stops
  when asked (run it on a worker thread).
- :meth:`DuplicateService.merge` merges contacts into one in ONE unit of work: the survivor
  gets the union of values (or what the person picked) through
  :meth:`ContactRepository.update`; interactions, follow-ups, card images, introduced-by
  links, vCard UIDs and rows of any other table pointing at a contact move to it; the others
  are soft-deleted. Every row touched is snapshotted first, so
  :meth:`DuplicateService.undo_merge` puts the database back exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from netdesk.core.errors import Cancelled, NetDeskError, NotFoundError, ValidationError
from netdesk.core.matching import (
    DuplicateGroup,
    MergeChoices,
    PairMatch,
    ScanStopped,
    apply_choices,
    compare,
    find_duplicates,
    merge_values,
    profile_of,
)
from netdesk.core.model import Change, Contact
from netdesk.storage.contacts import ContactRepository
from netdesk.storage.db import Database
from netdesk.storage.duplicates import (
    Snapshot,
    forget_rejection,
    iter_profiles,
    live_count,
    move_relations,
    reject_pair,
    rejected_pairs,
    restore_snapshot,
    take_snapshot,
)

__all__ = ["DuplicateService", "MergeResult", "pick_survivor"]

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class MergeResult:
    """A merge as written, with what undoing it needs."""

    survivor_id: int
    merged_ids: tuple[int, ...]
    change: Change
    snapshot: Snapshot
    #: the survivor's updated_at after the merge: undo refuses once it was edited since
    stamp: datetime | None
    #: the arguments, so that redo can merge again
    choices: MergeChoices | None = None


def _filled(c: Contact) -> int:
    text = sum(
        1 for f in ("given_name", "family_name", "organization", "title", "notes") if getattr(c, f)
    )
    return text + len(c.emails) + len(c.phones) + len(c.addresses) + len(c.urls) + len(c.tags)


def pick_survivor(contacts: Sequence[Contact]) -> int:
    """The contact that keeps its id: the one with most on file, the oldest on a tie."""
    best = max(contacts, key=lambda c: (_filled(c), -(c.id or 0)))
    assert best.id is not None
    return best.id


class DuplicateService:
    def __init__(self, db: Database, default_region: Callable[[], str | None]) -> None:
        self.db = db
        self._region = default_region

    # ------------------------------------------------------------------ finding
    def scan(
        self,
        progress: Progress | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> list[DuplicateGroup]:
        """Every group of contacts that look like one person, strongest first. Raises
        :class:`Cancelled` when ``should_stop`` says so."""
        with self.db.unit_of_work(write=False) as s:
            total = live_count(s)

            def read(done: int) -> None:
                if should_stop is not None and should_stop():
                    raise Cancelled()
                if progress is not None:
                    progress("Reading contacts", done, total)

            profiles = list(iter_profiles(s, progress=read))
            refused = rejected_pairs(s)

        def compared(done: int, of: int) -> None:
            if progress is not None:
                progress("Comparing contacts", done, of)

        try:
            return find_duplicates(profiles, refused, compared, should_stop)
        except ScanStopped:
            raise Cancelled() from None

    def count(self) -> int:
        """How many groups the scan finds now."""
        return len(self.scan())

    def compare(self, ids: Sequence[int]) -> list[PairMatch]:
        """Every pair of these contacts compared (for the side-by-side view)."""
        contacts = self.contacts(ids)
        profiles = [profile_of(c) for c in contacts]
        return [
            compare(profiles[i], profiles[j])
            for i in range(len(profiles))
            for j in range(i + 1, len(profiles))
        ]

    def contacts(self, ids: Sequence[int]) -> list[Contact]:
        """The live contacts among ``ids`` with their photos, in the order given."""
        with self.db.unit_of_work(write=False) as s:
            return ContactRepository(s).get_many(list(ids), with_photo=True)

    # ---------------------------------------------------------------- decisions
    def reject(self, a: int, b: int) -> Change:
        """Remember that ``a`` and ``b`` are not the same person."""
        if a == b:
            raise ValidationError("contacts", "give two different contacts")
        with self.db.unit_of_work() as s:
            repo = ContactRepository(s)
            for cid in (a, b):
                if not repo.exists(cid):
                    raise NotFoundError(f"There is no contact with id {cid}.")
            reject_pair(s, a, b)
        return Change(contacts=frozenset({a, b}))

    def unreject(self, a: int, b: int) -> Change:
        with self.db.unit_of_work() as s:
            forget_rejection(s, a, b)
        return Change(contacts=frozenset({a, b}))

    # ------------------------------------------------------------------ merging
    def preview_merge(
        self, ids: Sequence[int], keep: int | None = None, choices: MergeChoices | None = None
    ) -> Contact:
        """The contact a merge would leave (nothing is written)."""
        contacts = self._load(ids)
        return self._merged(contacts, keep, choices)

    def _load(self, ids: Sequence[int]) -> list[Contact]:
        unique = list(dict.fromkeys(ids))
        if len(unique) < 2:
            raise ValidationError("contacts", "a merge needs at least two different contacts")
        contacts = self.contacts(unique)
        found = {c.id for c in contacts}
        for cid in unique:
            if cid not in found:
                raise NotFoundError(f"There is no contact with id {cid}.")
        return contacts

    @staticmethod
    def _merged(
        contacts: Sequence[Contact], keep: int | None, choices: MergeChoices | None
    ) -> Contact:
        by_id = {c.id: c for c in contacts if c.id is not None}
        survivor_id = keep if keep is not None else pick_survivor(contacts)
        if survivor_id not in by_id:
            raise ValidationError("keep", f"contact {survivor_id} is not one of those merged")
        survivor = by_id[survivor_id]
        others = [c for c in contacts if c.id != survivor_id]
        merged = merge_values(survivor, others)
        try:
            return apply_choices(merged, by_id, choices)
        except ValueError as err:
            raise ValidationError("choices", str(err)) from err

    def merge(
        self, ids: Sequence[int], keep: int | None = None, choices: MergeChoices | None = None
    ) -> MergeResult:
        """Merge the contacts into one (``keep`` or :func:`pick_survivor`), in one unit of
        work; see the module docstring."""
        unique = list(dict.fromkeys(ids))
        with self.db.unit_of_work() as s:
            repo = ContactRepository(s)
            contacts = repo.get_many(unique, with_photo=True)
            found = {c.id for c in contacts}
            for cid in unique:
                if cid not in found:
                    raise NotFoundError(f"There is no contact with id {cid}.")
            if len(unique) < 2:
                raise ValidationError("contacts", "a merge needs at least two different contacts")
            merged = self._merged(contacts, keep, choices)
            assert merged.id is not None
            survivor = merged.id
            others = tuple(c for c in unique if c != survivor)
            snapshot = take_snapshot(s, unique)
            # values come from stored contacts: kept as they are (an imported value the
            # form would refuse is not dropped by a merge)
            prepared = merged
            if prepared.introduced_by is not None and not repo.exists(prepared.introduced_by):
                prepared = replace(prepared, introduced_by=None)
            repo.update(prepared)
            moved = move_relations(s, survivor, others)
            repo.soft_delete(list(others))
            repo.refresh_derived([survivor])
            repo.reindex([survivor])
            s.flush()
            stamp = repo.get(survivor, with_photo=False).updated_at
        change = Change(
            contacts=frozenset({*unique, *moved.introduced}),
            interactions=moved.interactions,
            follow_ups=moved.follow_ups,
        )
        return MergeResult(survivor, others, change, snapshot, stamp, choices)

    def undo_merge(self, result: MergeResult) -> Change:
        """Put back every row the merge touched, exactly. Refuses, with nothing changed,
        when the merged contact was edited or deleted since."""
        with self.db.unit_of_work() as s:
            repo = ContactRepository(s)
            if not repo.exists(result.survivor_id):
                raise NetDeskError(
                    "The merge cannot be undone: the merged contact has been deleted since."
                )
            now_stamp = repo.get(result.survivor_id, with_photo=False).updated_at
            if now_stamp != result.stamp:
                raise NetDeskError(
                    "The merge cannot be undone: the merged contact has been edited since."
                )
            restore_snapshot(s, result.snapshot)
            s.flush()
            ids = list(result.snapshot.ids)
            repo.reindex(ids)
        return result.change

    def redo_merge(self, result: MergeResult) -> MergeResult:
        return self.merge(
            (result.survivor_id, *result.merged_ids),
            keep=result.survivor_id,
            choices=result.choices,
        )
