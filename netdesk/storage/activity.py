"""Interactions, follow-ups and what is due: repositories that never commit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session, selectinload

from netdesk.core.dates import PartialDate
from netdesk.core.errors import NotFoundError
from netdesk.core.model import DueItem, FollowUp, Interaction
from netdesk.core.text import fold
from netdesk.storage import cadence_sql, queries
from netdesk.storage.contacts import session_execute
from netdesk.storage.jobsearch import attach_to_open_searches
from netdesk.storage.mapping import now
from netdesk.storage.queries import build_fts_query
from netdesk.storage.schema import ContactRow, FollowUpRow, InteractionRow, ParticipantRow


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """An interaction as one contact's timeline shows it (with the other people involved)."""

    interaction: Interaction
    #: (contact id, display name) of everyone involved, in id order
    people: tuple[tuple[int, str], ...]


def _row_to_interaction(row: InteractionRow) -> Interaction:
    introducer = next((p.contact_id for p in row.participants if p.role == "introducer"), None)
    return Interaction(
        id=row.id,
        occurred_at=row.occurred_at,
        type=row.type,
        summary=row.summary,
        notes=row.notes,
        contact_ids=tuple(sorted(p.contact_id for p in row.participants)),
        introducer_id=introducer,
    )


class InteractionRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(self, i: Interaction) -> int:
        """Insert an interaction; a given ``i.id`` is kept when that id is free (so Undo of a
        delete brings the interaction back under its old id), else a new id is taken."""
        stamp = now()
        keep_id = i.id if i.id is not None and self.s.get(InteractionRow, i.id) is None else None
        row = InteractionRow(
            id=keep_id,
            occurred_at=i.occurred_at,
            type=i.type,
            summary=i.summary,
            notes=i.notes,
            created_at=stamp,
            updated_at=stamp,
        )
        row.participants = self._participants(i)
        self.s.add(row)
        self.s.flush()
        self._index(row.id, i)
        attach_to_open_searches(self.s, row.id, i.occurred_at)
        return row.id

    def _participants(self, i: Interaction) -> list[ParticipantRow]:
        ids = list(dict.fromkeys(i.contact_ids))
        if i.introducer_id is not None and i.introducer_id not in ids:
            ids.append(i.introducer_id)
        return [
            ParticipantRow(
                contact_id=cid,
                role="introducer" if cid == i.introducer_id else "participant",
                occurred_at=i.occurred_at,
            )
            for cid in ids
        ]

    def update(self, i: Interaction) -> set[int]:
        """Replace an interaction; returns the contact ids involved before and after."""
        assert i.id is not None
        row = self.s.get(InteractionRow, i.id, options=[selectinload(InteractionRow.participants)])
        if row is None:
            raise NotFoundError(f"There is no interaction with id {i.id}.")
        before = {p.contact_id for p in row.participants}
        row.occurred_at, row.type, row.summary, row.notes = (
            i.occurred_at,
            i.type,
            i.summary,
            i.notes,
        )
        row.updated_at = now()
        row.participants = []
        self.s.flush()
        row.participants = self._participants(i)
        self.s.flush()
        self._index(i.id, i)
        return before | {p.contact_id for p in row.participants}

    def get(self, interaction_id: int) -> Interaction:
        row = self.s.get(
            InteractionRow, interaction_id, options=[selectinload(InteractionRow.participants)]
        )
        if row is None:
            raise NotFoundError(f"There is no interaction with id {interaction_id}.")
        return _row_to_interaction(row)

    def delete(self, interaction_id: int) -> set[int]:
        contacts = set(
            self.s.scalars(
                select(ParticipantRow.contact_id).where(
                    ParticipantRow.interaction_id == interaction_id
                )
            )
        )
        self.s.execute(delete(InteractionRow).where(InteractionRow.id == interaction_id))
        self.s.execute(
            text("DELETE FROM interactions_fts WHERE rowid = :id"), {"id": interaction_id}
        )
        return contacts

    def _index(self, interaction_id: int, i: Interaction) -> None:
        self.s.execute(
            text("DELETE FROM interactions_fts WHERE rowid = :id"), {"id": interaction_id}
        )
        self.s.execute(
            text("INSERT INTO interactions_fts (rowid, summary, notes) VALUES (:id, :s, :n)"),
            {"id": interaction_id, "s": fold(i.summary), "n": fold(i.notes)},
        )

    def for_contact(
        self,
        contact_id: int,
        types: Iterable[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[TimelineEntry]:
        """A contact's interactions, newest first (one index range scan)."""
        return self.timeline(contact_id=contact_id, types=types, limit=limit, offset=offset)

    def timeline(
        self,
        *,
        contact_id: int | None = None,
        types: Iterable[str] | None = None,
        tag: str | None = None,
        since: date | None = None,
        until: date | None = None,
        search: str = "",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[TimelineEntry]:
        """Interactions newest first, filtered by contact, type, tag, date range and text."""
        where: list[str] = []
        params: dict[str, object] = {}
        if contact_id is not None:
            base = (
                "SELECT ic.interaction_id AS id, ic.occurred_at AS at FROM interaction_contacts ic"
            )
            where.append("ic.contact_id = :cid")
            params["cid"] = contact_id
            id_col, at_col = "ic.interaction_id", "ic.occurred_at"
        else:
            base = "SELECT i.id AS id, i.occurred_at AS at FROM interactions i"
            id_col, at_col = "i.id", "i.occurred_at"
        type_list = list(types) if types is not None else None
        if type_list is not None:
            if not type_list:
                return []
            names = ",".join(f":t{n}" for n in range(len(type_list)))
            where.append(f"{id_col} IN (SELECT id FROM interactions WHERE type IN ({names}))")
            params.update({f"t{n}": t for n, t in enumerate(type_list)})
        if tag:
            where.append(
                f"{id_col} IN (SELECT ic2.interaction_id FROM interaction_contacts ic2 "
                "JOIN contact_tags ct ON ct.contact_id = ic2.contact_id JOIN tags t "
                "ON t.id = ct.tag_id WHERE t.name = :tag COLLATE NOCASE)"
            )
            params["tag"] = tag
        if since is not None:
            where.append(f"{at_col} >= :since")
            params["since"] = datetime.combine(since, datetime.min.time()).isoformat(" ")
        if until is not None:
            where.append(f"{at_col} < :until")
            params["until"] = datetime.combine(
                until + timedelta(days=1), datetime.min.time()
            ).isoformat(" ")
        if search.strip():
            match = build_fts_query(search)
            if match is None:
                return []
            where.append(
                f"{id_col} IN (SELECT rowid FROM interactions_fts WHERE interactions_fts MATCH :q)"
            )
            params["q"] = match
        sql = base + (" WHERE " + " AND ".join(where) if where else "")
        sql += f" ORDER BY {at_col} DESC, {id_col} DESC"
        if limit is not None:
            sql += " LIMIT :limit OFFSET :offset"
            params.update(limit=limit, offset=offset)
        ids = [r[0] for r in self.s.execute(text(sql), params)]
        return self.entries(ids)

    def entries(self, ids: Sequence[int]) -> list[TimelineEntry]:
        if not ids:
            return []
        rows = {
            r.id: r
            for r in self.s.scalars(
                select(InteractionRow)
                .where(InteractionRow.id.in_(ids))
                .options(selectinload(InteractionRow.participants))
            )
        }
        people_ids = {p.contact_id for r in rows.values() for p in r.participants}
        names = dict(
            self.s.execute(
                select(ContactRow.id, ContactRow.display_name).where(ContactRow.id.in_(people_ids))
            ).all()
        )
        out = []
        for iid in ids:
            row = rows.get(iid)
            if row is None:
                continue
            inter = _row_to_interaction(row)
            out.append(
                TimelineEntry(inter, tuple((cid, names.get(cid, "?")) for cid in inter.contact_ids))
            )
        return out

    def count_for_contact(self, contact_id: int, types: Iterable[str] | None = None) -> int:
        sql = "SELECT count(*) FROM interaction_contacts WHERE contact_id = :c"
        params: dict[str, object] = {"c": contact_id}
        type_list = list(types) if types is not None else None
        if type_list is not None:
            if not type_list:
                return 0
            names = ",".join(f":t{n}" for n in range(len(type_list)))
            sql += f" AND interaction_id IN (SELECT id FROM interactions WHERE type IN ({names}))"
            params.update({f"t{n}": t for n, t in enumerate(type_list)})
        return int(self.s.execute(text(sql), params).scalar_one())

    def per_month(self, first: date, last: date) -> list[tuple[str, int]]:
        """(YYYY-MM, count) for each month from ``first`` to ``last`` inclusive.

        One counting range scan of the occurred_at index per month, all in one statement
        (a scalar subquery per month): far cheaper than formatting the date of every row of
        the year and grouping."""
        months: list[str] = []
        counts: list[str] = []
        params: dict[str, str] = {}
        y, m = first.year, first.month
        while (y, m) <= (last.year, last.month):
            ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
            lo = max(first, date(y, m, 1))
            hi = min(last + timedelta(days=1), date(ny, nm, 1))
            n = len(months)
            counts.append(
                f"(SELECT count(*) FROM interactions WHERE occurred_at >= :a{n} "
                f"AND occurred_at < :b{n})"
            )
            params[f"a{n}"], params[f"b{n}"] = lo.isoformat(), hi.isoformat()
            months.append(f"{y:04d}-{m:02d}")
            y, m = ny, nm
        if not months:
            return []
        row = self.s.execute(text("SELECT " + ", ".join(counts)), params).one()
        return [(month, int(n)) for month, n in zip(months, row, strict=True)]

    def contacts_touched_since(self, day: date) -> int:
        return int(
            self.s.execute(
                text(
                    "SELECT count(*) FROM contacts WHERE deleted_at IS NULL AND "
                    "last_contacted >= :d"
                ),
                {"d": day.isoformat()},
            ).scalar_one()
        )


class FollowUpRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(self, f: FollowUp) -> int:
        row = FollowUpRow(
            contact_id=f.contact_id,
            due=f.due,
            reason=f.reason,
            done_on=f.done_on,
            snoozed_until=f.snoozed_until,
            interaction_id=f.interaction_id,
            created_at=now(),
        )
        self.s.add(row)
        self.s.flush()
        return row.id

    def get(self, follow_up_id: int) -> FollowUp:
        row = self.s.get(FollowUpRow, follow_up_id)
        if row is None:
            raise NotFoundError(f"There is no follow-up with id {follow_up_id}.")
        return FollowUp(
            id=row.id,
            contact_id=row.contact_id,
            due=row.due,
            reason=row.reason,
            done_on=row.done_on,
            snoozed_until=row.snoozed_until,
            interaction_id=row.interaction_id,
        )

    def set_state(
        self, follow_up_id: int, *, done_on: date | None, snoozed_until: date | None
    ) -> int:
        row = self.s.get(FollowUpRow, follow_up_id)
        if row is None:
            raise NotFoundError(f"There is no follow-up with id {follow_up_id}.")
        row.done_on = done_on
        row.snoozed_until = snoozed_until
        self.s.flush()  # raw SQL that derives dates from follow-ups runs next
        return row.contact_id

    def delete(self, follow_up_id: int) -> int | None:
        row = self.s.get(FollowUpRow, follow_up_id)
        if row is None:
            return None
        cid = row.contact_id
        self.s.delete(row)
        self.s.flush()
        return cid

    def open_for_contact(self, contact_id: int) -> list[FollowUp]:
        rows = self.s.scalars(
            select(FollowUpRow)
            .where(FollowUpRow.contact_id == contact_id, FollowUpRow.done_on.is_(None))
            .order_by(text(cadence_sql.follow_up_due("follow_ups")), FollowUpRow.id)
        )
        return [
            FollowUp(
                id=r.id,
                contact_id=r.contact_id,
                due=r.due,
                reason=r.reason,
                done_on=r.done_on,
                snoozed_until=r.snoozed_until,
                interaction_id=r.interaction_id,
            )
            for r in rows
        ]

    def all_open(self) -> list[tuple[FollowUp, str]]:
        rows = self.s.execute(
            select(FollowUpRow, ContactRow.display_name)
            .join(ContactRow, ContactRow.id == FollowUpRow.contact_id)
            .where(FollowUpRow.done_on.is_(None), ContactRow.deleted_at.is_(None))
            .order_by(FollowUpRow.due)
        )
        return [
            (
                FollowUp(
                    id=r.id,
                    contact_id=r.contact_id,
                    due=r.due,
                    reason=r.reason,
                    snoozed_until=r.snoozed_until,
                    interaction_id=r.interaction_id,
                ),
                name,
            )
            for r, name in rows
        ]


def due_items(s: Session, today: date) -> list[DueItem]:
    """Everything the Today view lists on ``today`` (see netdesk.storage.queries.due_items)."""
    return queries.due_items(session_execute(s), today)


def touched_counts(s: Session, today: date) -> tuple[int, int]:
    """Live contacts last contacted within 30 and within 90 days (one pass)."""
    d30 = (today - timedelta(days=30)).isoformat()
    d90 = (today - timedelta(days=90)).isoformat()
    row = s.execute(
        text(
            "SELECT coalesce(sum(last_contacted >= :d30), 0), count(*) FROM contacts "
            "WHERE last_contacted >= :d90 AND deleted_at IS NULL"
        ),
        {"d30": d30, "d90": d90},
    ).one()
    return int(row[0]), int(row[1])


def overdue_count(s: Session, today: date, *, including_today: bool = False) -> int:
    """How many keep-in-touch reminders and open follow-ups are past their (snoozed) date;
    ``including_today``: or due on ``today`` (the Today view's "overdue" and "due today")."""
    day = today.isoformat()
    before = "<=" if including_today else "<"
    cadences = s.execute(
        text(
            f"SELECT count(*) FROM contacts WHERE cadence_due {before} :d AND +deleted_at IS NULL"
        ),
        {"d": day},
    ).scalar_one()
    follow_ups = s.execute(
        text(
            "SELECT count(*) FROM follow_ups f JOIN contacts c ON c.id = f.contact_id "
            f"WHERE f.done_on IS NULL AND {cadence_sql.follow_up_due('f')} {before} :d "
            "AND +c.deleted_at IS NULL"
        ),
        {"d": day},
    ).scalar_one()
    return int(cadences) + int(follow_ups)


@dataclass(frozen=True, slots=True)
class CadenceState:
    """A contact's keep-in-touch settings as the Today view and Undo need them."""

    contact_id: int
    own_days: int | None
    effective_days: int | None
    snoozed_until: date | None
    due: date | None


def cadence_state(s: Session, contact_id: int) -> CadenceState:
    row = s.execute(
        text(
            f"SELECT c.cadence_days, {cadence_sql.effective_cadence('c')}, "
            "c.cadence_snoozed_until, c.cadence_due FROM contacts c WHERE c.id = :id"
        ),
        {"id": contact_id},
    ).one_or_none()
    if row is None:
        raise NotFoundError(f"There is no contact with id {contact_id}.")
    own, effective, snoozed, due = row

    def as_date(v: object) -> date | None:
        return None if v is None else v if isinstance(v, date) else date.fromisoformat(str(v))

    return CadenceState(contact_id, own, effective, as_date(snoozed), as_date(due))


def clear_cadence_snoozes(s: Session, contact_ids: Iterable[int]) -> None:
    ids = sorted({int(i) for i in contact_ids})
    if ids:
        s.execute(
            text(
                "UPDATE contacts SET cadence_snoozed_until = NULL "
                f"WHERE id IN ({','.join(map(str, ids))}) AND cadence_snoozed_until IS NOT NULL"
            )
        )


def tag_cadences(s: Session) -> list[tuple[str, int | None, int]]:
    """(tag, default cadence in days or None, number of live contacts) for every tag."""
    rows = s.execute(
        text(
            "SELECT t.name, t.cadence_days, count(c.id) FROM tags t "
            "LEFT JOIN contact_tags ct ON ct.tag_id = t.id "
            "LEFT JOIN contacts c ON c.id = ct.contact_id AND c.deleted_at IS NULL "
            "GROUP BY t.id ORDER BY t.name COLLATE NOCASE"
        )
    )
    return [(name, days, int(n)) for name, days, n in rows]


def set_tag_cadence(s: Session, tag: str, days: int | None) -> list[int]:
    """Set a tag's default cadence; returns the ids of the contacts carrying the tag."""
    found = s.execute(
        text("UPDATE tags SET cadence_days = :d WHERE name = :n COLLATE NOCASE RETURNING id"),
        {"d": days, "n": tag},
    ).all()
    if not found:
        raise NotFoundError(f"There is no tag called {tag!r}.")
    return [
        int(r[0])
        for r in s.execute(
            text(
                "SELECT ct.contact_id FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id "
                "WHERE t.name = :n COLLATE NOCASE"
            ),
            {"n": tag},
        )
    ]


@dataclass(frozen=True, slots=True)
class CalendarBirthday:
    contact_id: int
    uid: str
    display_name: str
    birthday: PartialDate


def all_birthdays(s: Session) -> list[CalendarBirthday]:
    out = []
    for cid, uid, name, bday in s.execute(
        text(
            "SELECT id, uid, display_name, birthday FROM contacts "
            "WHERE birthday IS NOT NULL AND birthday != '' AND deleted_at IS NULL ORDER BY id"
        )
    ):
        try:
            out.append(CalendarBirthday(cid, uid or "", name, PartialDate.parse(bday)))
        except ValueError:
            continue
    return out


def upcoming_birthdays(s: Session, today: date, days: int) -> list[DueItem]:
    return queries.upcoming_birthdays(session_execute(s), today, days)
