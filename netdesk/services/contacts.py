"""Contact use cases: one unit of work per user action; returns what changed."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from netdesk.core.errors import StaleContactError, ValidationError
from netdesk.core.merge import merge_contact_edits
from netdesk.core.model import CONTACT_TEXT_FIELDS, Change, Contact, ContactSummary, Photo
from netdesk.core.phones import phones_with_regions
from netdesk.core.validation import normalize_phone, normalize_url, validate_email
from netdesk.storage.activity import InteractionRepository
from netdesk.storage.contacts import ContactRepository
from netdesk.storage.db import Database

_TEXT_FIELDS = CONTACT_TEXT_FIELDS

#: largest photo or card image kept, in bytes (the UI scales pictures down before saving)
MAX_IMAGE_BYTES = 5 * 1024 * 1024


def prepare_contact(c: Contact, default_region: str | None) -> Contact:
    """Validate and normalise a contact before it is written.

    Raises ValidationError naming the field; nothing the user typed is dropped silently.
    """
    changes: dict[str, object] = {f: getattr(c, f).strip() for f in _TEXT_FIELDS}
    changes["notes"] = c.notes.strip()
    changes["emails"] = tuple(validate_email(e) for e in c.emails if e.value.strip())
    changes["phones"] = tuple(
        normalize_phone(p, default_region) for p in c.phones if p.value.strip()
    )
    changes["urls"] = tuple(normalize_url(u) for u in c.urls if u.value.strip())
    changes["addresses"] = tuple(a for a in c.addresses if not a.is_empty())
    tags: list[str] = []
    for t in c.tags:
        name = t.strip()
        if name and name.lower() not in {x.lower() for x in tags}:
            tags.append(name)
    changes["tags"] = tuple(tags)
    if c.cadence_days is not None and not 1 <= c.cadence_days <= 3650:
        raise ValidationError("cadence_days", "must be between 1 and 3650 days, or empty")
    if c.photo is not None and len(c.photo.data) > MAX_IMAGE_BYTES:
        raise ValidationError("photo", f"is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB")
    out = phones_with_regions(replace(c, **changes), default_region)  # type: ignore[arg-type]
    if c.id is not None and c.introduced_by == c.id:
        raise ValidationError("introduced_by", "a contact cannot introduce themselves")
    return out


def write_merged(
    repo: ContactRepository,
    mine: Contact,
    base: Contact,
    *,
    keep_photo_when_none: bool = False,
    with_photo: bool = True,
    doing: str = "while you edited it",
) -> Contact:
    """Write ``mine`` (an edit of ``base``, prepared) over the stored contact without losing
    what others wrote since ``base`` was read: if the contact is still at ``base``'s version
    it is written as it is; otherwise the edit is merged three ways (base, mine, the contact
    as stored now) and the result written. The write is checked against the version read
    here, in the caller's transaction. Returns the contact as stored afterwards.

    Raises StaleContactError (nothing written) when the contact was deleted, or when both
    sides changed a field differently (``conflicts``: the fields; ``current``: the contact
    now). ``doing`` finishes the sentence "<name> was changed elsewhere ...".
    """
    assert mine.id is not None
    if not repo.exists(mine.id):
        raise StaleContactError(
            f"{base.name} was deleted elsewhere {doing}; nothing was saved.", current=None
        )
    current = repo.get(mine.id, with_photo=with_photo)
    if current.version == base.version:
        target = mine
    else:
        merge = merge_contact_edits(base, mine, current)
        if merge.conflicts:
            fields = ", ".join(c.label for c in merge.conflicts)
            raise StaleContactError(
                f"{current.name} was changed elsewhere {doing}, and the same "
                f"field{'s' if len(merge.conflicts) != 1 else ''} changed on both sides: "
                f"{fields}. Nothing was saved.",
                current=current,
                conflicts=merge.conflicts,
                merge=merge,
            )
        target = merge.merged
    repo.update(
        target,
        keep_photo_when_none=keep_photo_when_none or not with_photo,
        expected_version=current.version,
    )
    repo.refresh_derived([mine.id])
    return repo.get(mine.id, with_photo=with_photo)


class ContactService:
    def __init__(self, db: Database, default_region: Callable[[], str | None]) -> None:
        self.db = db
        self._region = default_region

    # reading ---------------------------------------------------------------
    def list_ids(
        self,
        search: str = "",
        tag: str | None = None,
        sort: str = "name",
        descending: bool = False,
        starred_only: bool = False,
    ) -> list[int]:
        with self.db.unit_of_work(write=False) as s:
            return ContactRepository(s).query_ids(search, tag, sort, descending, starred_only)

    def search_count(self, search: str) -> int:
        """How many contacts match ``search`` (cheap: no ids leave the database)."""
        with self.db.unit_of_work(write=False) as s:
            return ContactRepository(s).match_count(search)

    def search_among(self, search: str, ids: Sequence[int]) -> set[int]:
        """Which of these (few) ids match ``search``."""
        with self.db.unit_of_work(write=False) as s:
            return ContactRepository(s).matching_among(search, ids)

    def search_ids(
        self, search: str, after: int | None = None, upto: int | None = None
    ) -> list[int]:
        """Ids matching ``search`` in id order (unsorted; callers order them), optionally
        only those in (after, upto]."""
        with self.db.unit_of_work(write=False) as s:
            return ContactRepository(s).match_ids(search, after, upto)

    def summaries(self, ids: Sequence[int]) -> dict[int, ContactSummary]:
        with self.db.unit_of_work(write=False) as s:
            return ContactRepository(s).summaries(ids)

    def get(self, contact_id: int) -> Contact:
        with self.db.unit_of_work(write=False) as s:
            return ContactRepository(s).get(contact_id)

    def get_many(self, ids: Sequence[int], *, with_photo: bool = False) -> list[Contact]:
        with self.db.unit_of_work(write=False) as s:
            return ContactRepository(s).get_many(ids, with_photo=with_photo)

    def count(self) -> int:
        with self.db.unit_of_work(write=False) as s:
            return ContactRepository(s).count()

    def tags(self) -> list[str]:
        with self.db.unit_of_work(write=False) as s:
            return ContactRepository(s).all_tags()

    def find_matches(self, c: Contact, exclude_id: int | None = None) -> list[tuple[int, str]]:
        """Contacts that ``c`` (a card being typed, a contact being edited) may already be,
        best first, with the reasons of the "same person" rule at the door
        (:mod:`netdesk.core.matching.door`, as the import preview and the Duplicates view
        give them): the same UID, a proposed duplicate, or the same email or phone on
        someone whose name does not say otherwise."""
        from netdesk.core.matching import compare, profile_of
        from netdesk.core.matching.door import door_reason, warn_at_the_door
        from netdesk.core.matching.scan import shared_values
        from netdesk.core.matching.values import email_key

        prepared = self._prepare_lenient(c)
        with self.db.unit_of_work(write=False) as s:
            repo = ContactRepository(s)
            found = repo.find_matches(prepared, exclude_id)
            candidates = {cid for cid, _ in found}
            candidates.update(repo.ids_by_family_name(prepared.family_name, exclude_id))
            candidates.update(
                repo.ids_by_email_keys(
                    (email_key(e.value) for e in prepared.emails if "@" in e.value), exclude_id
                )
            )
            contacts = repo.get_many(sorted(candidates), with_photo=False)
        same_uid = {cid for cid, reason in found if reason == "same UID"}
        card = profile_of(replace(prepared, photo=None), 0)
        known = [profile_of(other) for other in contacts]
        # every contact with one of the card's emails or phones is a candidate: those that
        # several people share (a switchboard) are weak evidence, as in the scan
        shared = shared_values(known)
        ranked: list[tuple[int, int, str]] = []
        for other, profile in zip(contacts, known, strict=True):
            assert other.id is not None
            # the contact on file first, the card second: as the duplicate scan compares
            # an older contact with a newer one
            m = compare(profile, card, shared)
            if other.id in same_uid:
                ranked.append((101, other.id, "same UID"))
            elif warn_at_the_door(m):
                ranked.append((m.score, other.id, door_reason(m)))
        ranked.sort(key=lambda r: (-r[0], r[1]))
        return [(cid, reason) for _score, cid, reason in ranked]

    def names(self, ids: Sequence[int]) -> dict[int, str]:
        return {i: s.display_name for i, s in self.summaries(ids).items()}

    def introduced(self, contact_id: int) -> dict[int, str]:
        """Who this contact introduced: id -> display name, by name."""
        with self.db.unit_of_work(write=False) as s:
            repo = ContactRepository(s)
            ids = repo.introduced_ids(contact_id)
            names = repo.summaries(ids)
        return {i: names[i].display_name for i in ids if i in names}

    def photos(self, ids: Sequence[int]) -> dict[int, Photo]:
        """The photos of these contacts (those that have one), for list avatars."""
        with self.db.unit_of_work(write=False) as s:
            return ContactRepository(s).photos(list(ids))

    def card_images(self, contact_id: int) -> dict[str, Photo]:
        with self.db.unit_of_work(write=False) as s:
            return ContactRepository(s).images(contact_id, ("card_front", "card_back"))

    def _prepare_lenient(self, c: Contact) -> Contact:
        """Normalised for matching only: invalid values are ignored rather than raised."""
        region = self._region()
        phones = []
        for p in c.phones:
            try:
                phones.append(normalize_phone(p, region))
            except ValidationError:
                continue
        return phones_with_regions(replace(c, phones=tuple(phones)), region)

    # writing ---------------------------------------------------------------
    def prepare(self, c: Contact) -> Contact:
        """``c`` validated and normalised as a save would write it (ValidationError)."""
        return prepare_contact(c, self._region())

    def create(self, c: Contact) -> tuple[int, Change]:
        prepared = prepare_contact(c, self._region())
        with self.db.unit_of_work() as s:
            repo = ContactRepository(s)
            self._check_introducer(repo, prepared)
            cid = repo.add(prepared)
            repo.refresh_derived([cid])
        return cid, Change(contacts=frozenset({cid}))

    def create_many(self, contacts: Sequence[Contact]) -> tuple[list[int], Change]:
        """All or nothing: one invalid contact stops the batch before anything is written."""
        region = self._region()
        prepared = []
        for n, c in enumerate(contacts, start=1):
            try:
                prepared.append(prepare_contact(c, region))
            except ValidationError as err:
                raise ValidationError(f"contact {n}: {err.field}", err.reason) from err
        with self.db.unit_of_work() as s:
            repo = ContactRepository(s)
            ids = []
            for p in prepared:
                self._check_introducer(repo, p)
                ids.append(repo.add(p))
            repo.refresh_derived(ids)
        return ids, Change(contacts=frozenset(ids))

    def save(
        self,
        c: Contact,
        *,
        keep_photo_when_none: bool = False,
        base: Contact | None = None,
        doing: str = "while you edited it",
    ) -> Change:
        """Write an edited contact; see :meth:`save_contact`."""
        return self.save_contact(
            c, keep_photo_when_none=keep_photo_when_none, base=base, doing=doing
        )[1]

    def save_contact(
        self,
        c: Contact,
        *,
        keep_photo_when_none: bool = False,
        base: Contact | None = None,
        doing: str = "while you edited it",
    ) -> tuple[Contact, Change]:
        """Write an edited contact; returns it as stored (with its new version).

        ``base`` is the contact as the edit started from it (what the form loaded). When the
        stored contact has moved on since (another window, an import, a script), the edit is
        merged into it field by field (:func:`netdesk.core.merge.merge_contact_edits`) in the
        same transaction, and only the fields the edit changed are written; when both sides
        changed the same field differently, StaleContactError names the fields and carries
        the current contact, and nothing is written. Without ``base``, a contact read from
        the database (``c.version``) is written only if nobody wrote it since; else
        StaleContactError."""
        assert c.id is not None, "save() needs an existing contact; use create()"
        prepared = prepare_contact(c, self._region())
        with self.db.unit_of_work() as s:
            repo = ContactRepository(s)
            self._check_introducer(repo, prepared)
            if base is not None:
                stored = write_merged(
                    repo, prepared, base, keep_photo_when_none=keep_photo_when_none, doing=doing
                )
            else:
                repo.update(
                    prepared,
                    keep_photo_when_none=keep_photo_when_none,
                    expected_version=c.version or None,
                )
                repo.refresh_derived([c.id])
                stored = repo.get(c.id)
        return stored, Change(contacts=frozenset({c.id}))

    def set_starred(self, contact_id: int, starred: bool) -> Change:
        with self.db.unit_of_work() as s:
            ContactRepository(s).set_starred(contact_id, starred)
        return Change(contacts=frozenset({contact_id}))

    def set_starred_many(
        self, values: Mapping[int, bool], *, expected: Mapping[int, bool] | None = None
    ) -> Change:
        """Star or unstar several contacts in one transaction. With ``expected`` (what the
        caller believes each contact is now: an undo step), a contact starred or unstarred
        elsewhere since is left as it is."""
        changed: set[int] = set()
        with self.db.unit_of_work() as s:
            repo = ContactRepository(s)
            now = {cid: summary.starred for cid, summary in repo.summaries(list(values)).items()}
            for cid, value in values.items():
                if cid not in now:
                    continue
                if expected is not None and now[cid] != expected.get(cid, now[cid]):
                    continue
                if now[cid] != value:
                    repo.set_starred(cid, value)
                    changed.add(cid)
        return Change(contacts=frozenset(changed))

    def set_card_image(self, contact_id: int, side: str, image: Photo | None) -> Change:
        if side not in ("card_front", "card_back"):
            raise ValidationError("card image", f"unknown side {side!r}")
        if image is not None and len(image.data) > MAX_IMAGE_BYTES:
            raise ValidationError("card image", "is larger than 5 MB")
        with self.db.unit_of_work() as s:
            ContactRepository(s).set_image(contact_id, side, image)
        return Change(contacts=frozenset({contact_id}))

    def delete(self, ids: Sequence[int]) -> Change:
        """Soft delete: the contacts and their history stay until purged, so Undo works."""
        with self.db.unit_of_work() as s:
            ContactRepository(s).soft_delete(list(ids))
        return Change(contacts=frozenset(ids))

    def undelete(self, ids: Sequence[int]) -> Change:
        with self.db.unit_of_work() as s:
            ContactRepository(s).undelete(list(ids))
        return Change(contacts=frozenset(ids))

    def purge_deleted(self, older_than: timedelta = timedelta(days=1)) -> int:
        with self.db.unit_of_work() as s:
            return ContactRepository(s).purge_deleted(datetime.now() - older_than)

    def _check_introducer(self, repo: ContactRepository, c: Contact) -> None:
        if c.introduced_by is not None and not repo.exists(c.introduced_by):
            raise ValidationError("introduced_by", f"there is no contact with id {c.introduced_by}")

    def interaction_count(self, contact_id: int) -> int:
        with self.db.unit_of_work(write=False) as s:
            return InteractionRepository(s).count_for_contact(contact_id)
