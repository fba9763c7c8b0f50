"""Job searches, references, message templates and campaigns: repositories that never
commit (the service's unit of work does)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session, selectinload

from netdesk.core.errors import NotFoundError, ValidationError
from netdesk.core.jobsearch import (
    HELP_TYPES,
    MEETING_TYPES,
    THANKS_TYPES,
    Campaign,
    CampaignRecipient,
    HelpEntry,
    Helper,
    JobSearch,
    Reference,
)
from netdesk.core.templates import MessageTemplate, builtin_templates
from netdesk.storage.mapping import now
from netdesk.storage.schema import (
    CampaignRecipientRow,
    CampaignRow,
    ContactRow,
    JobSearchRow,
    MessageTemplateRow,
    ReferenceRow,
    SearchInteractionRow,
    TagRow,
    contact_tags,
)


def _search(row: JobSearchRow) -> JobSearch:
    return JobSearch(
        id=row.id,
        name=row.name,
        started_on=row.started_on,
        target_roles=row.target_roles,
        landed_role=row.landed_role,
        landed_company=row.landed_company,
        landed_start=row.landed_start,
        ended_on=row.ended_on,
    )


def _day_start(d: date) -> str:
    return datetime.combine(d, datetime.min.time()).isoformat(" ")


def attach_to_open_searches(s: Session, interaction_id: int, occurred_at: datetime) -> None:
    """An interaction logged while a search is open belongs to it (when it happened on or
    after the search's start)."""
    ids = s.scalars(
        select(JobSearchRow.id).where(
            JobSearchRow.ended_on.is_(None), JobSearchRow.started_on <= occurred_at.date()
        )
    ).all()
    for sid in ids:
        if s.get(SearchInteractionRow, (sid, interaction_id)) is None:
            s.add(SearchInteractionRow(search_id=sid, interaction_id=interaction_id))
    if ids:
        s.flush()


class JobSearchRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(self, js: JobSearch) -> int:
        row = JobSearchRow(
            name=js.name,
            started_on=js.started_on,
            target_roles=js.target_roles,
            landed_role=js.landed_role,
            landed_company=js.landed_company,
            landed_start=js.landed_start,
            ended_on=js.ended_on,
            created_at=now(),
        )
        self.s.add(row)
        self.s.flush()
        return row.id

    def _row(self, search_id: int) -> JobSearchRow:
        row = self.s.get(JobSearchRow, search_id)
        if row is None:
            raise NotFoundError(f"There is no job search with id {search_id}.")
        return row

    def get(self, search_id: int) -> JobSearch:
        return _search(self._row(search_id))

    def update(self, js: JobSearch) -> None:
        assert js.id is not None
        row = self._row(js.id)
        row.name, row.started_on, row.target_roles = js.name, js.started_on, js.target_roles
        row.landed_role, row.landed_company = js.landed_role, js.landed_company
        row.landed_start, row.ended_on = js.landed_start, js.ended_on
        self.s.flush()

    def all(self) -> list[JobSearch]:
        rows = self.s.scalars(
            select(JobSearchRow).order_by(JobSearchRow.started_on.desc(), JobSearchRow.id.desc())
        )
        return [_search(r) for r in rows]

    def by_name(self, name: str) -> JobSearch | None:
        row = self.s.scalars(
            select(JobSearchRow)
            .where(func.lower(JobSearchRow.name) == name.strip().lower())
            .order_by(JobSearchRow.id.desc())
        ).first()
        return _search(row) if row is not None else None

    def open_search(self) -> JobSearch | None:
        row = self.s.scalars(
            select(JobSearchRow)
            .where(JobSearchRow.ended_on.is_(None))
            .order_by(JobSearchRow.started_on.desc(), JobSearchRow.id.desc())
        ).first()
        return _search(row) if row is not None else None

    def attach_since(self, search_id: int, since: date) -> int:
        """Every interaction on or after ``since`` joins the search; returns how many."""
        result = self.s.execute(
            text(
                "INSERT OR IGNORE INTO search_interactions (search_id, interaction_id) "
                "SELECT :s, id FROM interactions WHERE occurred_at >= :d"
            ),
            {"s": search_id, "d": _day_start(since)},
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def searches_of(self, interaction_id: int) -> list[int]:
        return list(
            self.s.scalars(
                select(SearchInteractionRow.search_id).where(
                    SearchInteractionRow.interaction_id == interaction_id
                )
            )
        )

    def set_searches_of(self, interaction_id: int, search_ids: Iterable[int]) -> None:
        self.s.execute(
            delete(SearchInteractionRow).where(
                SearchInteractionRow.interaction_id == interaction_id
            )
        )
        for sid in dict.fromkeys(search_ids):
            self._row(sid)
            self.s.add(SearchInteractionRow(search_id=sid, interaction_id=interaction_id))
        self.s.flush()

    # ---------------------------------------------------------------- who helped
    def helpers(
        self,
        *,
        search_id: int | None = None,
        since: date | None = None,
        until: date | None = None,
        tag: str | None = None,
        contact_ids: Sequence[int] | None = None,
    ) -> list[Helper]:
        """Everyone who helped (or only these contacts): interactions of the helping types
        (and meetings in a search or period), the search's references; newest help first.
        For an introduction with an introducer, the introducer is the one who helped."""
        where = ["c.deleted_at IS NULL"]
        params: dict[str, object] = {}
        if contact_ids is not None:
            if not contact_ids:
                return []
            where.append(f"c.id IN ({','.join(str(int(i)) for i in contact_ids)})")
        help_names = ",".join(f"'{t}'" for t in HELP_TYPES)
        meeting_names = ",".join(f"'{t}'" for t in MEETING_TYPES)
        if search_id is not None or since is not None:
            where.append(f"i.type IN ({help_names},{meeting_names})")
        else:  # all time: meetings count when they belong to some search
            where.append(
                f"(i.type IN ({help_names}) OR (i.type IN ({meeting_names}) AND i.id IN "
                "(SELECT interaction_id FROM search_interactions)))"
            )
        if search_id is not None:
            where.append(
                "i.id IN (SELECT interaction_id FROM search_interactions WHERE search_id = :sid)"
            )
            params["sid"] = search_id
        if since is not None:
            where.append("i.occurred_at >= :since")
            params["since"] = _day_start(since)
        if until is not None:
            where.append("i.occurred_at < :until")
            params["until"] = _day_start(until + timedelta(days=1))
        if tag:
            where.append(
                "c.id IN (SELECT ct.contact_id FROM contact_tags ct JOIN tags t ON "
                "t.id = ct.tag_id WHERE t.name = :tag COLLATE NOCASE)"
            )
            params["tag"] = tag
        # the introducer of an introduction helped; the person introduced did not
        where.append(
            "(i.type <> 'introduction' OR ic.role = 'introducer' OR NOT EXISTS (SELECT 1 FROM "
            "interaction_contacts x WHERE x.interaction_id = i.id AND x.role = 'introducer'))"
        )
        sql = (
            "SELECT c.id, i.id, i.occurred_at, i.type, i.summary FROM interactions i "
            "JOIN interaction_contacts ic ON ic.interaction_id = i.id "
            "JOIN contacts c ON c.id = ic.contact_id WHERE "
            + " AND ".join(where)
            + " ORDER BY i.occurred_at DESC, i.id DESC"
        )
        entries: dict[int, list[HelpEntry]] = {}
        for cid, iid, at, kind, summary in self.s.execute(text(sql), params):
            day = datetime.fromisoformat(str(at)).date()
            entries.setdefault(cid, []).append(HelpEntry(day, kind, summary, iid))
        refs = self._reference_entries(search_id, since, until, tag)
        if contact_ids is not None:
            wanted = set(contact_ids)
            refs = [(cid, e) for cid, e in refs if cid in wanted]
        for cid, entry in refs:
            entries.setdefault(cid, []).append(entry)
        if not entries:
            return []
        ids = sorted(entries)
        info = {
            r[0]: (r[1], r[2])
            for r in self.s.execute(
                select(ContactRow.id, ContactRow.display_name, ContactRow.organization).where(
                    ContactRow.id.in_(ids)
                )
            )
        }
        tags: dict[int, list[str]] = {}
        for cid, name in self.s.execute(
            select(contact_tags.c.contact_id, TagRow.name)
            .join(TagRow, TagRow.id == contact_tags.c.tag_id)
            .where(contact_tags.c.contact_id.in_(ids))
            .order_by(TagRow.name)
        ):
            tags.setdefault(cid, []).append(name)
        thanked = self.last_thanked(ids)
        ref_ids = {cid for cid, _e in refs}
        out = []
        for cid in ids:
            helped = sorted(
                entries[cid], key=lambda e: (e.day, e.interaction_id or 0), reverse=True
            )
            name, org = info[cid]
            out.append(
                Helper(
                    contact_id=cid,
                    display_name=name,
                    organization=org,
                    tags=tuple(tags.get(cid, ())),
                    helped=tuple(helped),
                    last_thanked=thanked.get(cid),
                    is_reference=cid in ref_ids,
                )
            )
        out.sort(key=lambda h: (h.last_helped, h.contact_id), reverse=True)
        return out

    def _reference_entries(
        self, search_id: int | None, since: date | None, until: date | None, tag: str | None
    ) -> list[tuple[int, HelpEntry]]:
        q = (
            select(ReferenceRow, JobSearchRow.name)
            .join(ContactRow, ContactRow.id == ReferenceRow.contact_id)
            .outerjoin(JobSearchRow, JobSearchRow.id == ReferenceRow.search_id)
            .where(ContactRow.deleted_at.is_(None))
        )
        if search_id is not None:
            q = q.where(ReferenceRow.search_id == search_id)
        if since is not None:
            q = q.where(ReferenceRow.created_at >= datetime.combine(since, datetime.min.time()))
        if until is not None:
            q = q.where(
                ReferenceRow.created_at
                < datetime.combine(until + timedelta(days=1), datetime.min.time())
            )
        if tag:
            q = q.where(
                ReferenceRow.contact_id.in_(
                    select(contact_tags.c.contact_id)
                    .join(TagRow, TagRow.id == contact_tags.c.tag_id)
                    .where(func.lower(TagRow.name) == tag.lower())
                )
            )
        out = []
        for ref, search_name in self.s.execute(q):
            what = ref.application or search_name or "your search"
            summary = f"Reference for {what}"
            if ref.emphasise:
                summary += f": {ref.emphasise}"
            out.append((ref.contact_id, HelpEntry(ref.created_at.date(), "reference", summary)))
        return out

    def last_thanked(self, contact_ids: Sequence[int]) -> dict[int, date]:
        if not contact_ids:
            return {}
        names = ",".join(f"'{t}'" for t in THANKS_TYPES)
        out: dict[int, date] = {}
        ids = list(contact_ids)
        for start in range(0, len(ids), 500):
            chunk = ",".join(str(int(i)) for i in ids[start : start + 500])
            for cid, at in self.s.execute(
                text(
                    "SELECT ic.contact_id, max(ic.occurred_at) FROM interaction_contacts ic "
                    "JOIN interactions i ON i.id = ic.interaction_id "
                    f"WHERE ic.contact_id IN ({chunk}) AND i.type IN ({names}) "
                    "GROUP BY ic.contact_id"
                )
            ):
                out[cid] = datetime.fromisoformat(str(at)).date()
        return out


class ReferenceRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(self, r: Reference) -> int:
        row = ReferenceRow(
            contact_id=r.contact_id,
            search_id=r.search_id,
            application=r.application,
            emphasise=r.emphasise,
            created_at=now(),
        )
        self.s.add(row)
        self.s.flush()
        return row.id

    def update(self, r: Reference) -> None:
        assert r.id is not None
        row = self.s.get(ReferenceRow, r.id)
        if row is None:
            raise NotFoundError(f"There is no reference with id {r.id}.")
        row.search_id, row.application, row.emphasise = r.search_id, r.application, r.emphasise
        self.s.flush()

    def delete(self, reference_id: int) -> int | None:
        row = self.s.get(ReferenceRow, reference_id)
        if row is None:
            return None
        cid = row.contact_id
        self.s.delete(row)
        self.s.flush()
        return cid

    def query(
        self, *, contact_id: int | None = None, search_id: int | None = None
    ) -> list[Reference]:
        q = select(ReferenceRow).order_by(ReferenceRow.id)
        if contact_id is not None:
            q = q.where(ReferenceRow.contact_id == contact_id)
        if search_id is not None:
            q = q.where(ReferenceRow.search_id == search_id)
        return [
            Reference(r.contact_id, r.search_id, r.application, r.emphasise, r.id)
            for r in self.s.scalars(q)
        ]


def _template(row: MessageTemplateRow) -> MessageTemplate:
    return MessageTemplate(row.name, row.subject, row.body, row.builtin_key, row.id)


class TemplateRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    def ensure_builtins(self) -> int:
        """Insert the built-in templates this database does not have yet (by key); a name
        the user already took gets " (built-in)" added. Returns how many were added."""
        have = set(self.s.scalars(select(MessageTemplateRow.builtin_key)))
        names = {n.lower() for n in self.s.scalars(select(MessageTemplateRow.name))}
        added = 0
        for t in builtin_templates():
            if t.builtin_key in have:
                continue
            name = t.name if t.name.lower() not in names else f"{t.name} (built-in)"
            self.s.add(
                MessageTemplateRow(
                    name=name,
                    subject=t.subject,
                    body=t.body,
                    builtin_key=t.builtin_key,
                    updated_at=now(),
                )
            )
            names.add(name.lower())
            added += 1
        if added:
            self.s.flush()
        return added

    def all(self) -> list[MessageTemplate]:
        return [
            _template(r)
            for r in self.s.scalars(select(MessageTemplateRow).order_by(MessageTemplateRow.id))
        ]

    def get(self, template_id: int) -> MessageTemplate:
        row = self.s.get(MessageTemplateRow, template_id)
        if row is None:
            raise NotFoundError(f"There is no message template with id {template_id}.")
        return _template(row)

    def by_name(self, name: str) -> MessageTemplate | None:
        row = self.s.scalars(
            select(MessageTemplateRow).where(
                func.lower(MessageTemplateRow.name) == name.strip().lower()
            )
        ).first()
        return _template(row) if row is not None else None

    def by_key(self, key: str) -> MessageTemplate | None:
        row = self.s.scalars(
            select(MessageTemplateRow).where(MessageTemplateRow.builtin_key == key)
        ).first()
        return _template(row) if row is not None else None

    def save(self, t: MessageTemplate) -> int:
        clash = self.by_name(t.name)
        if clash is not None and clash.id != t.id:
            raise ValidationError("name", f"there is already a template called {t.name!r}")
        if t.id is None:
            row = MessageTemplateRow(
                name=t.name, subject=t.subject, body=t.body, builtin_key="", updated_at=now()
            )
            self.s.add(row)
        else:
            found = self.s.get(MessageTemplateRow, t.id)
            if found is None:
                raise NotFoundError(f"There is no message template with id {t.id}.")
            row = found
            row.name, row.subject, row.body, row.updated_at = t.name, t.subject, t.body, now()
        self.s.flush()
        return row.id

    def delete(self, template_id: int) -> None:
        row = self.s.get(MessageTemplateRow, template_id)
        if row is None:
            return
        if row.builtin_key:
            raise ValidationError("template", "a built-in template can be edited, not deleted")
        self.s.delete(row)
        self.s.flush()


def _recipient(r: CampaignRecipientRow, name: str, email: str) -> CampaignRecipient:
    return CampaignRecipient(
        contact_id=r.contact_id,
        display_name=name,
        email=email,
        subject=r.subject,
        body=r.body,
        sent_at=r.sent_at,
        interaction_id=r.interaction_id,
        id=r.id,
    )


class CampaignRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(self, c: Campaign, contact_ids: Sequence[int]) -> int:
        row = CampaignRow(
            name=c.name,
            template_id=c.template_id,
            search_id=c.search_id,
            log_type=c.log_type,
            values_json=json.dumps(dict(c.values), ensure_ascii=False),
            created_at=now(),
        )
        row.recipients = [
            CampaignRecipientRow(contact_id=cid, position=n)
            for n, cid in enumerate(dict.fromkeys(contact_ids))
        ]
        self.s.add(row)
        self.s.flush()
        return row.id

    def _row(self, campaign_id: int) -> CampaignRow:
        row = self.s.get(CampaignRow, campaign_id, options=[selectinload(CampaignRow.recipients)])
        if row is None:
            raise NotFoundError(f"There is no campaign with id {campaign_id}.")
        return row

    def get(self, campaign_id: int) -> Campaign:
        row = self._row(campaign_id)
        ids = [r.contact_id for r in row.recipients]
        names = dict(
            self.s.execute(
                select(ContactRow.id, ContactRow.display_name).where(ContactRow.id.in_(ids))
            ).all()
        )
        emails = primary_emails(self.s, ids)
        try:
            values = json.loads(row.values_json or "{}")
        except ValueError:
            values = {}
        return Campaign(
            id=row.id,
            name=row.name,
            template_id=row.template_id,
            search_id=row.search_id,
            log_type=row.log_type,
            values=tuple(sorted((str(k), str(v)) for k, v in dict(values).items())),
            recipients=tuple(
                _recipient(r, names.get(r.contact_id, "?"), emails.get(r.contact_id, ""))
                for r in row.recipients
            ),
            created_at=row.created_at,
            finished_at=row.finished_at,
        )

    def set_values(self, campaign_id: int, values: dict[str, str]) -> None:
        self._row(campaign_id).values_json = json.dumps(values, ensure_ascii=False)
        self.s.flush()

    def open_campaigns(self) -> list[tuple[int, str, int, int]]:
        """(id, name, messages sent, recipients) of campaigns not finished, newest first."""
        rows = self.s.execute(
            text(
                "SELECT c.id, c.name, sum(r.sent_at IS NOT NULL), count(r.id) FROM campaigns c "
                "LEFT JOIN campaign_recipients r ON r.campaign_id = c.id "
                "WHERE c.finished_at IS NULL GROUP BY c.id ORDER BY c.created_at DESC, c.id DESC"
            )
        )
        return [(int(a), str(b), int(c or 0), int(d or 0)) for a, b, c, d in rows]

    def recipient_row(self, campaign_id: int, contact_id: int) -> CampaignRecipientRow:
        row = self.s.scalars(
            select(CampaignRecipientRow).where(
                CampaignRecipientRow.campaign_id == campaign_id,
                CampaignRecipientRow.contact_id == contact_id,
            )
        ).first()
        if row is None:
            raise NotFoundError(f"Contact {contact_id} is not a recipient of this campaign.")
        return row

    def set_message(
        self, campaign_id: int, contact_id: int, subject: str | None, body: str | None
    ) -> None:
        row = self.recipient_row(campaign_id, contact_id)
        row.subject, row.body = subject, body
        self.s.flush()

    def add_recipients(self, campaign_id: int, contact_ids: Sequence[int]) -> None:
        row = self._row(campaign_id)
        have = {r.contact_id for r in row.recipients}
        pos = max((r.position for r in row.recipients), default=-1) + 1
        for cid in dict.fromkeys(contact_ids):
            if cid not in have:
                row.recipients.append(CampaignRecipientRow(contact_id=cid, position=pos))
                pos += 1
        self.s.flush()

    def remove_recipient(self, campaign_id: int, contact_id: int) -> None:
        row = self.recipient_row(campaign_id, contact_id)
        if row.sent_at is not None:
            raise ValidationError("recipient", "a message already sent stays in the campaign")
        self.s.delete(row)
        self.s.flush()

    def finish(self, campaign_id: int, when: datetime | None) -> None:
        self._row(campaign_id).finished_at = when
        self.s.flush()

    def sent_elsewhere(
        self, template_id: int | None, contact_ids: Sequence[int], since: datetime
    ) -> dict[int, datetime]:
        """Contacts already sent a message from this template (in any campaign) since a
        moment: contact id -> when."""
        if template_id is None or not contact_ids:
            return {}
        rows = self.s.execute(
            select(CampaignRecipientRow.contact_id, func.max(CampaignRecipientRow.sent_at))
            .join(CampaignRow, CampaignRow.id == CampaignRecipientRow.campaign_id)
            .where(
                CampaignRow.template_id == template_id,
                CampaignRecipientRow.contact_id.in_(list(contact_ids)),
                CampaignRecipientRow.sent_at >= since,
            )
            .group_by(CampaignRecipientRow.contact_id)
        )
        return {cid: at for cid, at in rows if at is not None}

    def last_values(self) -> dict[str, str]:
        """The values set for the newest campaign (the wizard offers them again)."""
        raw = self.s.scalars(
            select(CampaignRow.values_json).order_by(CampaignRow.id.desc())
        ).first()
        try:
            values = json.loads(raw or "{}")
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in dict(values).items()}


def primary_emails(s: Session, contact_ids: Sequence[int]) -> dict[int, str]:
    """The preferred (else first) email of each contact that has one."""
    if not contact_ids:
        return {}
    out: dict[int, str] = {}
    ids = list(contact_ids)
    for start in range(0, len(ids), 500):
        chunk = ",".join(str(int(i)) for i in ids[start : start + 500])
        for cid, value in s.execute(
            text(
                "SELECT contact_id, value FROM emails WHERE contact_id IN "
                f"({chunk}) ORDER BY contact_id, pref DESC, position"
            )
        ):
            out.setdefault(cid, value)
    return out


def add_tag(s: Session, contact_ids: Sequence[int], tag: str) -> list[int]:
    """Give these contacts a tag (created when new); returns the ids that did not have it."""
    name = tag.strip()
    if not name:
        raise ValidationError("tag", "is empty")
    row = s.scalar(select(TagRow).where(func.lower(TagRow.name) == name.lower()))
    if row is None:
        row = TagRow(name=name)
        s.add(row)
        s.flush()
    have = set(s.scalars(select(contact_tags.c.contact_id).where(contact_tags.c.tag_id == row.id)))
    new = [cid for cid in dict.fromkeys(contact_ids) if cid not in have]
    if new:
        s.execute(contact_tags.insert(), [{"contact_id": cid, "tag_id": row.id} for cid in new])
    return new


def untouched_since(s: Session, cutoff: date) -> list[int]:
    """Live contacts not in touch since ``cutoff`` (never contacted: added before it)."""
    return list(
        s.scalars(
            select(ContactRow.id)
            .where(
                ContactRow.deleted_at.is_(None),
                (ContactRow.last_contacted < cutoff)
                | (
                    ContactRow.last_contacted.is_(None)
                    & (ContactRow.created_at < datetime.combine(cutoff, datetime.min.time()))
                ),
            )
            .order_by(ContactRow.sort_name)
        )
    )


def referral_network(
    s: Session,
) -> tuple[list[tuple[int, str, int, date | None]], list[tuple[int, int]]]:
    """Who introduced whom: edges (introducer, introduced) from contacts' "introduced by" and
    from introduction interactions (the introducer to each other participant), and the live
    contacts on either end as (id, name, number of interactions, last contacted)."""
    edges: set[tuple[int, int]] = set()
    for introducer, cid in s.execute(
        text(
            "SELECT introduced_by_id, id FROM contacts WHERE introduced_by_id IS NOT NULL "
            "AND deleted_at IS NULL"
        )
    ):
        edges.add((int(introducer), int(cid)))
    for introducer, cid in s.execute(
        text(
            "SELECT a.contact_id, b.contact_id FROM interactions i "
            "JOIN interaction_contacts a ON a.interaction_id = i.id AND a.role = 'introducer' "
            "JOIN interaction_contacts b ON b.interaction_id = i.id AND b.role <> 'introducer' "
            "WHERE i.type = 'introduction'"
        )
    ):
        if introducer != cid:
            edges.add((int(introducer), int(cid)))
    ids = sorted({a for a, _b in edges} | {b for _a, b in edges})
    nodes: list[tuple[int, str, int, date | None]] = []
    for start in range(0, len(ids), 500):
        chunk = ",".join(str(i) for i in ids[start : start + 500])
        for cid, name, count, last in s.execute(
            text(
                "SELECT c.id, c.display_name, (SELECT count(*) FROM interaction_contacts ic "
                "WHERE ic.contact_id = c.id), c.last_contacted FROM contacts c "
                f"WHERE c.id IN ({chunk}) AND c.deleted_at IS NULL"
            )
        ):
            nodes.append(
                (int(cid), str(name), int(count), date.fromisoformat(str(last)) if last else None)
            )
    alive = {n[0] for n in nodes}
    return nodes, sorted((a, b) for a, b in edges if a in alive and b in alive)
