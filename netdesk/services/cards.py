"""Card entry: one business card saved as one unit of work.

A saved card is the contact (with the capture session's tags and met-at/met-on), a "Met at
<event>" interaction on the day met carrying the "talked about" note, and the follow-up the
session's rule asks for. All three are written in ONE transaction, so a failure leaves nothing
half-saved. The same goes for editing a card, taking it back (Undo) and bringing it back (Redo).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from netdesk.core.errors import ValidationError
from netdesk.core.matching.merge import added_values
from netdesk.core.model import CONTACT_TEXT_FIELDS, Change, Contact, FollowUp, Interaction, Photo
from netdesk.services.contacts import MAX_IMAGE_BYTES, prepare_contact, write_merged
from netdesk.storage.activity import (
    FollowUpRepository,
    InteractionRepository,
    clear_cadence_snoozes,
)
from netdesk.storage.contacts import ContactRepository
from netdesk.storage.db import Database

__all__ = ["CaptureInfo", "CardRecord", "CardRemoval", "CardService", "merge_card_into"]

CARD_SIDES = ("card_front", "card_back")


@dataclass(frozen=True, slots=True)
class CaptureInfo:
    """The capture session values stamped on a card."""

    event: str
    met_on: date
    follow_up_days: int | None = 2
    tags: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        return f"Met at {self.event}" if self.event.strip() else "Met in person"

    @property
    def follow_up_reason(self) -> str:
        if self.event.strip():
            return f"Follow up after {self.event.strip()}"
        return "Follow up after meeting in person"


@dataclass(frozen=True, slots=True)
class CardRecord:
    """What one saved card wrote. ``merged_before`` is set when the card's details were added
    to an existing contact instead of creating one: the contact as it was before."""

    contact_id: int
    interaction_id: int
    follow_up_id: int | None
    merged_before: Contact | None = None
    #: for a merged card: the contact as this card's write left it (with its version), so
    #: that taking the card back keeps what others wrote to the contact since
    merged_written: Contact | None = None
    #: set when the card joined a meeting already logged with the contact (same event, same
    #: day): that interaction as it was before, so that taking the card back restores it
    reused_interaction: Interaction | None = None
    #: False when the follow-up was already there (taking the card back keeps it)
    follow_up_created: bool = True

    @property
    def created(self) -> bool:
        return self.merged_before is None


@dataclass(frozen=True, slots=True)
class CardRemoval:
    """A card taken back: enough to write it again (Redo)."""

    record: CardRecord
    interaction: Interaction
    follow_up: FollowUp | None
    merged_after: Contact | None = None


def merge_card_into(existing: Contact, card: Contact) -> Contact:
    """The existing contact with the card's new details added. Never overwrites a value the
    contact already has: emails, phones, URLs, addresses and tags are appended when new (by
    the "same value" rules of :mod:`netdesk.core.matching`: Gmail spellings, E.164 phones,
    URLs without scheme or www; the contact's preferred email or phone stays preferred); a
    scalar field (title, company, names...) is only filled when it is empty; notes are
    appended."""
    changes: dict[str, Any] = {}
    for kind in ("emails", "phones", "urls", "addresses", "tags"):
        have = getattr(existing, kind)
        changes[kind] = have + added_values(kind, have, getattr(card, kind))
    for f in CONTACT_TEXT_FIELDS:
        if f in ("uid", "display_name"):
            continue
        if not getattr(existing, f).strip() and getattr(card, f).strip():
            changes[f] = getattr(card, f)
    if existing.met_on is None and card.met_on is not None:
        changes["met_on"] = card.met_on
    if card.notes.strip() and card.notes.strip() not in existing.notes:
        changes["notes"] = "\n\n".join(x for x in (existing.notes.strip(), card.notes.strip()) if x)
    return replace(existing, **changes)


def _occurred_at(day: date, clock: Callable[[], datetime]) -> datetime:
    now = clock()
    if day == now.date():
        return now.replace(microsecond=0)
    return datetime.combine(day, time(12, 0))


class CardService:
    def __init__(
        self,
        db: Database,
        default_region: Callable[[], str | None],
        clock: Callable[[], datetime] = datetime.now,
        default_cadence: Callable[[], int | None] = lambda: None,
    ) -> None:
        self.db = db
        self._region = default_region
        self._clock = clock
        self._cadence = default_cadence

    @classmethod
    def for_services(cls, services: Any) -> CardService:
        """Built over an open :class:`netdesk.services.container.Services`."""
        return cls(
            services.db,
            lambda: services.preferences.default_region or None,
            default_cadence=lambda: services.preferences.default_cadence_days,
        )

    # ------------------------------------------------------------------ helpers
    def _stamp(self, contact: Contact, capture: CaptureInfo) -> Contact:
        tags = contact.tags + added_values("tags", contact.tags, capture.tags)
        return replace(contact, tags=tags, met_at=capture.event.strip(), met_on=capture.met_on)

    @staticmethod
    def _check_images(images: Mapping[str, Photo]) -> None:
        for side, img in images.items():
            if side not in CARD_SIDES:
                raise ValidationError("card image", f"unknown side {side!r}")
            if len(img.data) > MAX_IMAGE_BYTES:
                raise ValidationError("card image", "is larger than 5 MB")

    def _write_activity(
        self, s: Any, cid: int, capture: CaptureInfo, note: str
    ) -> tuple[int, int | None]:
        iid = InteractionRepository(s).add(
            Interaction(
                occurred_at=_occurred_at(capture.met_on, self._clock),
                type="event",
                summary=capture.summary,
                notes=note.strip(),
                contact_ids=(cid,),
            )
        )
        fid = None
        if capture.follow_up_days is not None:
            fid = FollowUpRepository(s).add(
                FollowUp(
                    contact_id=cid,
                    due=capture.met_on + timedelta(days=capture.follow_up_days),
                    reason=capture.follow_up_reason,
                    interaction_id=iid,
                )
            )
        self._refresh(s, cid)
        return iid, fid

    @staticmethod
    def _refresh(s: Any, cid: int) -> None:
        clear_cadence_snoozes(s, [cid])
        contacts = ContactRepository(s)
        contacts.refresh_derived([cid])
        contacts.reindex([cid])

    def _join_meeting(
        self, s: Any, cid: int, capture: CaptureInfo, note: str
    ) -> tuple[Interaction, int, int | None, bool] | None:
        """The same meeting already logged with the contact (same event summary, same day):
        the card's note is added to it and its open follow-up is kept, so a second card of the
        same person at the same event never logs the meeting twice. None when there is none.
        Returns (the interaction before, its id, the follow-up id, whether one was created)."""
        interactions = InteractionRepository(s)
        same = next(
            (
                e.interaction
                for e in interactions.for_contact(cid, types=["event"], limit=200)
                if e.interaction.occurred_at.date() == capture.met_on
                and e.interaction.summary == capture.summary
            ),
            None,
        )
        if same is None or same.id is None:
            return None
        extra = note.strip()
        if extra and extra not in same.notes:
            joined = "\n\n".join(x for x in (same.notes.strip(), extra) if x)
            interactions.update(replace(same, notes=joined))
        follow_ups = FollowUpRepository(s)
        reason = capture.follow_up_reason
        existing = next(
            (
                f
                for f in follow_ups.open_for_contact(cid)
                if f.interaction_id == same.id or f.reason == reason
            ),
            None,
        )
        if existing is not None or capture.follow_up_days is None:
            fid = existing.id if existing is not None else None
            self._refresh(s, cid)
            return same, same.id, fid, False
        fid = follow_ups.add(
            FollowUp(
                contact_id=cid,
                due=capture.met_on + timedelta(days=capture.follow_up_days),
                reason=reason,
                interaction_id=same.id,
            )
        )
        self._refresh(s, cid)
        return same, same.id, fid, True

    @staticmethod
    def _change(record: CardRecord) -> Change:
        return Change(
            contacts=frozenset({record.contact_id}),
            interactions=frozenset({record.interaction_id}),
            follow_ups=frozenset({record.follow_up_id} if record.follow_up_id else ()),
        )

    # ----------------------------------------------------------------- writing
    def save_card(
        self,
        contact: Contact,
        capture: CaptureInfo,
        note: str = "",
        images: Mapping[str, Photo] | None = None,
    ) -> tuple[CardRecord, Change]:
        """Create the contact, its "met at" interaction and its follow-up in one transaction.
        Raises ValidationError (naming the field) before anything is written."""
        if contact.cadence_days is None:  # a new contact: the preferred cadence, if any
            contact = replace(contact, cadence_days=self._cadence())
        prepared = prepare_contact(self._stamp(contact, capture), self._region())
        images = dict(images or {})
        self._check_images(images)
        with self.db.unit_of_work() as s:
            repo = ContactRepository(s)
            cid = repo.add(prepared)
            for side, img in images.items():
                repo.set_image(cid, side, img)
            iid, fid = self._write_activity(s, cid, capture, note)
        record = CardRecord(cid, iid, fid)
        return record, self._change(record)

    def merge_card(
        self,
        existing_id: int,
        card: Contact,
        capture: CaptureInfo,
        note: str = "",
        images: Mapping[str, Photo] | None = None,
    ) -> tuple[CardRecord, Change]:
        """Add the card's new details to an existing contact (see :func:`merge_card_into`)
        and log the meeting with it, in one transaction."""
        images = dict(images or {})
        self._check_images(images)
        region = self._region()
        stamped = self._stamp(card, capture)
        with self.db.unit_of_work() as s:
            repo = ContactRepository(s)
            # read, merged and written in this one transaction, checked against the version
            # read here: whatever was written to the contact before is kept
            before = repo.get(existing_id, with_photo=False)
            merged = prepare_contact(merge_card_into(before, stamped), region)
            repo.update(merged, keep_photo_when_none=True, expected_version=before.version)
            for side, img in images.items():
                repo.set_image(existing_id, side, img)
            joined = self._join_meeting(s, existing_id, capture, note)
            if joined is None:
                iid, fid = self._write_activity(s, existing_id, capture, note)
                was, created = None, True
            else:
                was, iid, fid, created = joined
            written = repo.get(existing_id, with_photo=False)
            record = CardRecord(
                existing_id,
                iid,
                fid,
                merged_before=before,
                merged_written=written,
                reused_interaction=was,
                follow_up_created=created,
            )
        return record, self._change(record)

    def update_card(
        self, record: CardRecord, contact: Contact, note: str, base: Contact | None = None
    ) -> tuple[CardRecord, Change]:
        """Save an edited card: the contact as now typed and the note of its interaction.

        ``base`` is the contact the edit started from (what the form was filled with): when
        the contact changed since, the edit is merged into it (:func:`write_merged`), and
        StaleContactError (nothing written) when both changed the same field."""
        prepared = prepare_contact(replace(contact, id=record.contact_id), self._region())
        with self.db.unit_of_work() as s:
            repo = ContactRepository(s)
            if base is None:
                repo.update(
                    prepared, keep_photo_when_none=True, expected_version=contact.version or None
                )
            else:
                write_merged(  # the card form never edits the photo
                    repo,
                    replace(prepared, photo=None),
                    replace(base, photo=None),
                    keep_photo_when_none=True,
                    with_photo=False,
                    doing="while the card was being edited",
                )
            interactions = InteractionRepository(s)
            current = interactions.get(record.interaction_id)
            interactions.update(replace(current, notes=note.strip()))
            repo.refresh_derived([record.contact_id])
            repo.reindex([record.contact_id])
        return record, self._change(record)

    def note_of(self, record: CardRecord) -> str:
        with self.db.unit_of_work(write=False) as s:
            return InteractionRepository(s).get(record.interaction_id).notes

    def remove_card(self, record: CardRecord) -> tuple[CardRemoval, Change]:
        """Take a saved card back: a created contact is soft-deleted (it can come back), a
        merged one gets its earlier details back; the interaction and follow-up go."""
        with self.db.unit_of_work() as s:
            repo = ContactRepository(s)
            interactions = InteractionRepository(s)
            follow_ups = FollowUpRepository(s)
            interaction = interactions.get(record.interaction_id)
            follow_up = (
                follow_ups.get(record.follow_up_id)
                if record.follow_up_id and record.follow_up_created
                else None
            )
            if follow_up is not None:
                follow_ups.delete(follow_up.id)  # type: ignore[arg-type]
            if record.reused_interaction is None:
                interactions.delete(record.interaction_id)
            else:  # the meeting was logged before this card: only the card's note goes
                interactions.update(record.reused_interaction)
            merged_after = None
            if record.merged_before is None:
                repo.soft_delete([record.contact_id])
            else:
                # the card's additions are taken out of the contact as it is now: what was
                # written to it since the card (an import, an edit) stays; refused when both
                # changed the same field
                merged_after = repo.get(record.contact_id, with_photo=False)
                write_merged(
                    repo,
                    record.merged_before,
                    record.merged_written or merged_after,
                    keep_photo_when_none=True,
                    with_photo=False,
                    doing="after the card was added",
                )
                repo.reindex([record.contact_id])
            if record.merged_before is None:
                repo.refresh_derived([record.contact_id])
        return CardRemoval(record, interaction, follow_up, merged_after), self._change(record)

    def restore_card(self, removal: CardRemoval) -> tuple[CardRecord, Change]:
        """Write a taken-back card again (Redo)."""
        record = removal.record
        with self.db.unit_of_work() as s:
            repo = ContactRepository(s)
            if removal.merged_after is None:
                repo.undelete([record.contact_id])
            else:
                # the card's additions again, on top of the contact as it is now (the record
                # keeps the card's own before and after: the next undo takes back just that)
                assert record.merged_before is not None
                write_merged(
                    repo,
                    record.merged_written or removal.merged_after,
                    replace(record.merged_before, version=0),
                    keep_photo_when_none=True,
                    with_photo=False,
                    doing="after the card was taken back",
                )
            if record.reused_interaction is None:
                iid = InteractionRepository(s).add(removal.interaction)
                fid = None
            else:
                InteractionRepository(s).update(removal.interaction)
                iid, fid = record.interaction_id, record.follow_up_id
            if removal.follow_up is not None:
                fid = FollowUpRepository(s).add(
                    replace(removal.follow_up, id=None, interaction_id=iid)
                )
            repo.refresh_derived([record.contact_id])
            repo.reindex([record.contact_id])
        new = replace(record, interaction_id=iid, follow_up_id=fid)
        return new, self._change(new)
