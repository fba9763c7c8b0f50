"""Interactions, follow-ups and the Today view: use cases over storage."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.orm import Session

from netdesk.core.cadence import cadence_due
from netdesk.core.errors import NotFoundError, StaleItemError, ValidationError
from netdesk.core.model import Change, DueItem, FollowUp, Interaction
from netdesk.storage.activity import (
    CadenceState,
    FollowUpRepository,
    InteractionRepository,
    TimelineEntry,
    cadence_state,
    clear_cadence_snoozes,
    due_items,
    overdue_count,
    set_tag_cadence,
    tag_cadences,
    touched_counts,
)
from netdesk.storage.contacts import ContactRepository
from netdesk.storage.db import Database

if TYPE_CHECKING:
    from netdesk.services.calendar import CalendarSummary

__all__ = [
    "ActivityService",
    "CadenceState",
    "NetworkHealth",
    "TagCadence",
    "TimelineEntry",
    "TodayData",
]

THANK_YOU_DAYS = 2


@dataclass(frozen=True, slots=True)
class TagCadence:
    tag: str
    cadence_days: int | None
    contacts: int


@dataclass(frozen=True, slots=True)
class NetworkHealth:
    touched_30: int
    touched_90: int
    overdue: int
    per_month: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class TodayData:
    """Everything the Today view shows, read in one unit of work."""

    items: tuple[DueItem, ...]
    health: NetworkHealth


def _contact_name(s: Session, contact_id: int) -> tuple[str, bool]:
    """(display name, alive) of a contact, deleted or not ("" when it is gone)."""
    row = s.execute(
        text("SELECT display_name, deleted_at IS NULL FROM contacts WHERE id = :id"),
        {"id": contact_id},
    ).one_or_none()
    return ("", False) if row is None else (str(row[0]), bool(row[1]))


def _follow_up_state(f: FollowUp) -> str:
    if f.done_on is not None:
        return f"it was marked done on {f.done_on:%d %b %Y}"
    if f.snoozed_until is not None:
        return f"it is snoozed until {f.snoozed_until:%d %b %Y}"
    return f"it is due on {f.due:%d %b %Y}"


def _check_follow_up(s: Session, follow_up_id: int, expected: FollowUp) -> None:
    """StaleItemError unless the follow-up (and its contact) is still as ``expected``."""
    what = f"The follow-up “{expected.reason}”" if expected.reason else "The follow-up"
    try:
        now = FollowUpRepository(s).get(follow_up_id)
    except NotFoundError:
        raise StaleItemError(f"{what} was deleted elsewhere; nothing was changed.") from None
    name, alive = _contact_name(s, now.contact_id)
    if not alive:
        raise StaleItemError(f"{name or 'Its contact'} was deleted elsewhere; nothing was changed.")
    if (now.done_on, now.snoozed_until, now.due) != (
        expected.done_on,
        expected.snoozed_until,
        expected.due,
    ):
        raise StaleItemError(
            f"{what} for {name} was changed elsewhere: {_follow_up_state(now)}. "
            "Nothing was changed."
        )


def _check_cadence(
    s: Session, contact_id: int, due_on: date | None, expected_snooze: tuple[date | None] | None
) -> None:
    """StaleItemError unless the contact's keep-in-touch reminder is still due on ``due_on``
    and snoozed as ``expected_snooze`` says (each when given)."""
    if due_on is None and expected_snooze is None:
        return
    name, alive = _contact_name(s, contact_id)
    if not alive:
        raise StaleItemError(f"{name or 'The contact'} was deleted elsewhere; nothing was changed.")
    state = cadence_state(s, contact_id)
    if due_on is not None and (state.effective_days is None or state.due != due_on):
        now = (
            "it has no keep-in-touch reminder any more"
            if state.effective_days is None or state.due is None
            else f"the reminder is due on {state.due:%d %b %Y} now"
        )
        raise StaleItemError(
            f"Keeping in touch with {name} was changed elsewhere: {now}. Nothing was changed."
        )
    if expected_snooze is not None and state.snoozed_until != expected_snooze[0]:
        now = (
            f"it is snoozed until {state.snoozed_until:%d %b %Y}"
            if state.snoozed_until
            else "it is not snoozed"
        )
        raise StaleItemError(
            f"The keep-in-touch reminder for {name} was changed elsewhere: {now}. "
            "Nothing was changed."
        )


def _interaction_key(i: Interaction) -> tuple[object, ...]:
    people = set(i.contact_ids) | ({i.introducer_id} if i.introducer_id else set())
    return (
        i.occurred_at.replace(microsecond=0),
        i.type.strip(),
        i.summary.strip(),
        i.notes.strip(),
        frozenset(people),
        i.introducer_id,
    )


def _check_interaction(s: Session, interaction_id: int, expected: Interaction) -> None:
    """StaleItemError unless the interaction is still as ``expected``."""
    what = f"The {expected.type} “{expected.summary.strip() or expected.type}”"
    try:
        now = InteractionRepository(s).get(interaction_id)
    except NotFoundError:
        raise StaleItemError(f"{what} was deleted elsewhere; nothing was changed.") from None
    if _interaction_key(now) != _interaction_key(expected):
        raise StaleItemError(f"{what} was edited elsewhere since; nothing was changed.")


def record_interaction(s: Session, i: Interaction) -> tuple[int, set[int]]:
    """Write a checked interaction inside the caller's unit of work: the cadence of everyone
    involved starts again (snoozes lifted, derived dates and search text refreshed). Returns
    its id and the contacts it touched."""
    contacts = ContactRepository(s)
    iid = InteractionRepository(s).add(i)
    people = set(i.contact_ids) | ({i.introducer_id} if i.introducer_id else set())
    clear_cadence_snoozes(s, people)
    contacts.refresh_derived(people)
    contacts.reindex(people)
    return iid, people


class ActivityService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def export_ics(self, path: Path) -> CalendarSummary:
        """Write open follow-ups and birthdays as an iCalendar file (see
        :func:`netdesk.services.calendar.export_ics`)."""
        from netdesk.services.calendar import export_ics

        return export_ics(self.db, path)

    # interactions ----------------------------------------------------------
    def _check(self, i: Interaction, repo: ContactRepository) -> Interaction:
        if not i.contact_ids:
            raise ValidationError("contacts", "an interaction needs at least one contact")
        if not i.type.strip():
            raise ValidationError("type", "is empty")
        if not i.summary.strip() and not i.notes.strip():
            raise ValidationError("summary", "write a short summary of what happened")
        for cid in (*i.contact_ids, *([i.introducer_id] if i.introducer_id else [])):
            if not repo.exists(cid):
                raise ValidationError("contacts", f"there is no contact with id {cid}")
        return replace(i, type=i.type.strip(), summary=i.summary.strip(), notes=i.notes.strip())

    def log(self, i: Interaction) -> tuple[int, Change]:
        """Record an interaction; the cadence of everyone involved starts again (a snoozed
        keep-in-touch reminder is lifted: getting in touch is what the snooze put off).

        ``i.id`` is ignored unless it is the id of a deleted interaction that is still free
        (Undo of a delete restores the interaction under its old id)."""
        with self.db.unit_of_work() as s:
            checked = self._check(i, ContactRepository(s))
            iid, people = record_interaction(s, checked)
        return iid, Change(contacts=frozenset(people), interactions=frozenset({iid}))

    def update(self, i: Interaction, *, expected: Interaction | None = None) -> Change:
        """Replace an interaction. ``expected``: the interaction as the caller believes it
        is now (an undo step); when it was edited or deleted elsewhere since, StaleItemError
        and nothing is written."""
        with self.db.unit_of_work() as s:
            contacts = ContactRepository(s)
            if expected is not None:
                assert i.id is not None
                _check_interaction(s, i.id, expected)
            checked = self._check(i, contacts)
            people = InteractionRepository(s).update(checked)
            contacts.refresh_derived(people)
            contacts.reindex(people)
        assert i.id is not None
        return Change(contacts=frozenset(people), interactions=frozenset({i.id}))

    def delete(
        self, interaction_id: int, *, expected: Interaction | None = None
    ) -> tuple[Interaction, Change]:
        """Delete and return the interaction as it was, so Undo can log it again.
        ``expected``: as for :meth:`update`."""
        with self.db.unit_of_work() as s:
            if expected is not None:
                _check_interaction(s, interaction_id, expected)
            repo = InteractionRepository(s)
            before = repo.get(interaction_id)
            people = repo.delete(interaction_id)
            contacts = ContactRepository(s)
            contacts.refresh_derived(people)
            contacts.reindex(people)
        return before, Change(contacts=frozenset(people), interactions=frozenset({interaction_id}))

    def get(self, interaction_id: int) -> Interaction:
        with self.db.unit_of_work(write=False) as s:
            return InteractionRepository(s).get(interaction_id)

    def timeline_for(
        self,
        contact_id: int,
        types: Iterable[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[TimelineEntry]:
        with self.db.unit_of_work(write=False) as s:
            return InteractionRepository(s).for_contact(contact_id, types, limit, offset)

    def interaction_count(self, contact_id: int, types: Iterable[str] | None = None) -> int:
        with self.db.unit_of_work(write=False) as s:
            return InteractionRepository(s).count_for_contact(contact_id, types)

    def timeline(
        self,
        *,
        types: Iterable[str] | None = None,
        tag: str | None = None,
        since: date | None = None,
        until: date | None = None,
        search: str = "",
        limit: int | None = 500,
        offset: int = 0,
    ) -> list[TimelineEntry]:
        with self.db.unit_of_work(write=False) as s:
            return InteractionRepository(s).timeline(
                types=types,
                tag=tag,
                since=since,
                until=until,
                search=search,
                limit=limit,
                offset=offset,
            )

    # follow-ups ------------------------------------------------------------
    def add_follow_up(self, f: FollowUp) -> tuple[int, Change]:
        [fid], change = self.add_follow_ups([f])
        return fid, change

    def add_follow_ups(self, follow_ups: Sequence[FollowUp]) -> tuple[list[int], Change]:
        """Add follow-ups (one per contact chosen, say) in one transaction: all or none."""
        for f in follow_ups:
            if not f.reason.strip():
                raise ValidationError("reason", "say why to follow up")
        people = sorted({f.contact_id for f in follow_ups})
        with self.db.unit_of_work() as s:
            contacts = ContactRepository(s)
            for cid in people:
                if not contacts.exists(cid):
                    raise ValidationError("contact", f"there is no contact with id {cid}")
            repo = FollowUpRepository(s)
            ids = [repo.add(replace(f, reason=f.reason.strip())) for f in follow_ups]
            contacts.refresh_derived(people)
        return ids, Change(contacts=frozenset(people), follow_ups=frozenset(ids))

    def delete_follow_ups(self, expected: Sequence[FollowUp]) -> Change:
        """Remove these follow-ups (each with its id, as the caller last saw it) in one
        transaction; StaleItemError, nothing removed, when one changed elsewhere since."""
        ids = [f.id for f in expected if f.id is not None]
        with self.db.unit_of_work() as s:
            repo = FollowUpRepository(s)
            people: set[int] = set()
            for f in expected:
                assert f.id is not None
                _check_follow_up(s, f.id, f)
                people.add(repo.get(f.id).contact_id)
                repo.delete(f.id)
            ContactRepository(s).refresh_derived(people)
        return Change(contacts=frozenset(people), follow_ups=frozenset(ids))

    def _set_state(
        self,
        follow_up_id: int,
        done_on: date | None,
        snoozed_until: date | None,
        expected: FollowUp | None = None,
    ) -> Change:
        with self.db.unit_of_work() as s:
            if expected is not None:
                _check_follow_up(s, follow_up_id, expected)
            cid = FollowUpRepository(s).set_state(
                follow_up_id, done_on=done_on, snoozed_until=snoozed_until
            )
            ContactRepository(s).refresh_derived([cid])
        return Change(contacts=frozenset({cid}), follow_ups=frozenset({follow_up_id}))

    # ``expected``: the follow-up as the caller last saw it (a Today item, an undo step). When
    # it was changed or deleted since (another window, the command line), StaleItemError
    # says how it is now, and nothing is written.
    def mark_done(
        self, follow_up_id: int, today: date | None = None, *, expected: FollowUp | None = None
    ) -> Change:
        return self._set_state(follow_up_id, today or date.today(), None, expected)

    def reopen(
        self,
        follow_up_id: int,
        snoozed_until: date | None = None,
        *,
        expected: FollowUp | None = None,
    ) -> Change:
        return self._set_state(follow_up_id, None, snoozed_until, expected)

    def snooze(self, follow_up_id: int, until: date, *, expected: FollowUp | None = None) -> Change:
        return self._set_state(follow_up_id, None, until, expected)

    def delete_follow_up(
        self, follow_up_id: int, *, expected: FollowUp | None = None
    ) -> tuple[FollowUp, Change]:
        """Remove a follow-up; returns it as it was (Undo adds it again). ``expected``: as
        for :meth:`mark_done`."""
        with self.db.unit_of_work() as s:
            if expected is not None:
                _check_follow_up(s, follow_up_id, expected)
            repo = FollowUpRepository(s)
            before = repo.get(follow_up_id)
            repo.delete(follow_up_id)
            ContactRepository(s).refresh_derived([before.contact_id])
        return before, Change(
            contacts=frozenset({before.contact_id}), follow_ups=frozenset({follow_up_id})
        )

    def get_follow_up(self, follow_up_id: int) -> FollowUp:
        with self.db.unit_of_work(write=False) as s:
            return FollowUpRepository(s).get(follow_up_id)

    def open_follow_ups(self, contact_id: int) -> list[FollowUp]:
        with self.db.unit_of_work(write=False) as s:
            return FollowUpRepository(s).open_for_contact(contact_id)

    def snooze_cadence(
        self,
        contact_id: int,
        until: date | None,
        *,
        due_on: date | None = None,
        expected_snooze: tuple[date | None] | None = None,
    ) -> Change:
        """Put off a keep-in-touch reminder until ``until`` (None lifts the snooze).

        ``due_on``: the reminder date the caller showed (the Today view); ``expected_snooze``:
        the snooze the caller believes is set now, as a 1-tuple (an undo step). When the
        reminder changed since, StaleItemError, and nothing is written."""
        with self.db.unit_of_work() as s:
            _check_cadence(s, contact_id, due_on, expected_snooze)
            contacts = ContactRepository(s)
            contacts.snooze_cadence(contact_id, until)
            contacts.refresh_derived([contact_id])
        return Change(contacts=frozenset({contact_id}))

    def cadence_state(self, contact_id: int) -> CadenceState:
        with self.db.unit_of_work(write=False) as s:
            return cadence_state(s, contact_id)

    def mark_cadence_done(
        self, contact_id: int, today: date | None = None, *, due_on: date | None = None
    ) -> tuple[date | None, Change]:
        """ "Done" for a keep-in-touch reminder without logging anything: the reminder comes
        back one cadence from ``today``. Returns the snooze it replaced (for Undo).
        ``due_on``: as for :meth:`snooze_cadence`."""
        day = today or date.today()
        with self.db.unit_of_work() as s:
            _check_cadence(s, contact_id, due_on, None)
            state = cadence_state(s, contact_id)
            if not state.effective_days:
                raise ValidationError("cadence", "this contact has no keep-in-touch cadence")
            contacts = ContactRepository(s)
            # back one cadence from today: the cadence date as if contacted today
            contacts.snooze_cadence(contact_id, cadence_due(day, state.effective_days, None))
            contacts.refresh_derived([contact_id])
        return state.snoozed_until, Change(contacts=frozenset({contact_id}))

    # per-tag default cadences ----------------------------------------------
    def tag_cadences(self) -> list[TagCadence]:
        with self.db.unit_of_work(write=False) as s:
            return [TagCadence(t, d, n) for t, d, n in tag_cadences(s)]

    def set_tag_cadence(self, tag: str, days: int | None) -> Change:
        """The cadence contacts with this tag get when they have none of their own (the
        shortest applies when several tags have one)."""
        if days is not None and not 1 <= days <= 3660:
            raise ValidationError("cadence", "must be between 1 and 3660 days")
        with self.db.unit_of_work() as s:
            ids = set_tag_cadence(s, tag, days)
            ContactRepository(s).refresh_derived(ids)
        return Change(contacts=frozenset(ids))

    def set_tag_cadences(self, cadences: Mapping[str, int | None]) -> Change:
        """Several tags' cadences (tag -> days, None: none) in one transaction: what saving
        the preferences does. ValidationError, before anything is written, when one is out
        of range."""
        for days in cadences.values():
            if days is not None and not 1 <= days <= 3660:
                raise ValidationError("cadence", "must be between 1 and 3660 days")
        changed: set[int] = set()
        with self.db.unit_of_work() as s:
            for tag, days in cadences.items():
                changed.update(set_tag_cadence(s, tag, days))
            ContactRepository(s).refresh_derived(changed)
        return Change(contacts=frozenset(changed))

    def thank_you_follow_up(self, contact_id: int, interview_day: date) -> FollowUp:
        """The follow-up offered after an interview is logged."""
        return FollowUp(
            contact_id=contact_id,
            due=interview_day + timedelta(days=THANK_YOU_DAYS),
            reason="Send a thank-you note for the interview",
        )

    # today -----------------------------------------------------------------
    def due(self, today: date | None = None) -> list[DueItem]:
        with self.db.unit_of_work(write=False) as s:
            return due_items(s, today or date.today())

    def due_now_count(self, today: date | None = None) -> int:
        """Keep-in-touch reminders and open follow-ups overdue or due today (the Today
        badge), counted in SQL without reading the items."""
        with self.db.unit_of_work(write=False) as s:
            return overdue_count(s, today or date.today(), including_today=True)

    def health(self, today: date | None = None) -> NetworkHealth:
        day = today or date.today()
        with self.db.unit_of_work(write=False) as s:
            return self._health(s, day, overdue_count(s, day))

    def today(self, today: date | None = None) -> TodayData:
        """What is due and the network health in one read (the overdue count is taken from
        the due items instead of being counted again)."""
        day = today or date.today()
        with self.db.unit_of_work(write=False) as s:
            items = due_items(s, day)
            overdue = sum(1 for d in items if d.due < day and d.reason != "birthday")
            return TodayData(tuple(items), self._health(s, day, overdue))

    @staticmethod
    def _health(s: Session, day: date, overdue: int) -> NetworkHealth:
        first = date(day.year - (1 if day.month < 12 else 0), day.month % 12 + 1, 1)
        touched_30, touched_90 = touched_counts(s, day)
        return NetworkHealth(
            touched_30=touched_30,
            touched_90=touched_90,
            overdue=overdue,
            per_month=tuple(InteractionRepository(s).per_month(first, day)),
        )
