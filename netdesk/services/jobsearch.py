"""The job search, start to landing: searches, who helped, references, templates and
campaigns. One unit of work per user action; no Qt."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from netdesk.core.errors import ValidationError
from netdesk.core.graph_layout import force_layout
from netdesk.core.jobsearch import Campaign, CampaignRecipient, Helper, JobSearch, Reference
from netdesk.core.model import Change, Interaction
from netdesk.core.templates import (
    PLACEHOLDERS,
    Message,
    MessageTemplate,
    build_mailto,
    check_edited,
    log_type_for,
    mailto_address_problem,
    render_message,
)
from netdesk.services.activity import record_interaction
from netdesk.storage.contacts import ContactRepository
from netdesk.storage.db import Database
from netdesk.storage.jobsearch import (
    CampaignRepository,
    JobSearchRepository,
    ReferenceRepository,
    TemplateRepository,
    add_tag,
    primary_emails,
    referral_network,
    untouched_since,
)

#: a message from the same template to the same person within this many days is a repeat
REPEAT_DAYS = 60
#: "people not touched in the last year"
RECONNECT_DAYS = 365


def spoken_on(day: date | None) -> str | None:
    """{last_spoke}: "12 March 2026"."""
    return f"{day.day} {day:%B %Y}" if day is not None else None


@dataclass(frozen=True, slots=True)
class PreparedMessage:
    """One recipient's message as the campaign would send it."""

    contact_id: int
    display_name: str
    email: str
    message: Message
    mailto: str | None
    #: why no mailto could be built (no email, bad address); "" when there is one
    problem: str
    edited: bool
    sent_at: datetime | None
    #: sent the same template within REPEAT_DAYS in another campaign
    sent_elsewhere: datetime | None = None

    @property
    def ready(self) -> bool:
        return self.message.ready and self.sent_at is None


@dataclass(frozen=True, slots=True)
class GraphNode:
    contact_id: int
    name: str
    interactions: int
    last_contacted: date | None


@dataclass(frozen=True, slots=True)
class ReferralGraph:
    """Nodes (contacts who introduced or were introduced) and edges (introducer,
    introduced) as indices into ``nodes``; ``positions`` from the force layout."""

    nodes: tuple[GraphNode, ...]
    edges: tuple[tuple[int, int], ...]
    positions: tuple[tuple[float, float], ...] = ()
    #: index of the "you" node when the user is drawn at the centre
    me: int | None = None


class JobSearchService:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._seeded = False

    # searches --------------------------------------------------------------
    def start_search(self, js: JobSearch) -> tuple[int, Change]:
        """Start a search; interactions since its start date join it. One search is open at
        a time."""
        name = js.name.strip()
        if not name:
            raise ValidationError("name", "give the search a name (like “2026 search”)")
        with self.db.unit_of_work() as s:
            repo = JobSearchRepository(s)
            current = repo.open_search()
            if current is not None:
                raise ValidationError(
                    "search", f"“{current.name}” is still open; end it or say you landed first"
                )
            sid = repo.add(replace(js, name=name, ended_on=None, id=None))
            repo.attach_since(sid, js.started_on)
        return sid, Change()

    def update_search(self, js: JobSearch) -> Change:
        if not js.name.strip():
            raise ValidationError("name", "is empty")
        with self.db.unit_of_work() as s:
            JobSearchRepository(s).update(js)
        return Change()

    def land(
        self,
        search_id: int,
        role: str,
        company: str,
        start: date | None,
        today: date | None = None,
    ) -> Change:
        """ "I landed": the new role, company and start date; the search ends today."""
        if not role.strip() and not company.strip():
            raise ValidationError("landed", "say which role or which company you landed")
        with self.db.unit_of_work() as s:
            repo = JobSearchRepository(s)
            js = repo.get(search_id)
            repo.update(
                replace(
                    js,
                    landed_role=role.strip(),
                    landed_company=company.strip(),
                    landed_start=start,
                    ended_on=today or date.today(),
                )
            )
        return Change()

    def end_search(self, search_id: int, today: date | None = None) -> Change:
        with self.db.unit_of_work() as s:
            repo = JobSearchRepository(s)
            repo.update(replace(repo.get(search_id), ended_on=today or date.today()))
        return Change()

    def searches(self) -> list[JobSearch]:
        with self.db.unit_of_work(write=False) as s:
            return JobSearchRepository(s).all()

    def open_search(self) -> JobSearch | None:
        with self.db.unit_of_work(write=False) as s:
            return JobSearchRepository(s).open_search()

    def get_search(self, search_id: int) -> JobSearch:
        with self.db.unit_of_work(write=False) as s:
            return JobSearchRepository(s).get(search_id)

    def search_by_name(self, name: str) -> JobSearch:
        with self.db.unit_of_work(write=False) as s:
            found = JobSearchRepository(s).by_name(name)
        if found is None:
            raise ValidationError("search", f"there is no job search called {name!r}")
        return found

    def latest_landed(self) -> JobSearch | None:
        return next((js for js in self.searches() if js.landed), None)

    def searches_of(self, interaction_id: int) -> list[int]:
        with self.db.unit_of_work(write=False) as s:
            return JobSearchRepository(s).searches_of(interaction_id)

    def set_searches_of(self, interaction_id: int, search_ids: Sequence[int]) -> Change:
        """Which searches an interaction belongs to (the user's correction)."""
        with self.db.unit_of_work() as s:
            JobSearchRepository(s).set_searches_of(interaction_id, search_ids)
        return Change(interactions=frozenset({interaction_id}))

    def reconnect_candidates(self, today: date | None = None) -> list[int]:
        """People not touched in the last year (offered when a search starts)."""
        day = today or date.today()
        with self.db.unit_of_work(write=False) as s:
            return untouched_since(s, day - timedelta(days=RECONNECT_DAYS))

    def tag_contacts(self, contact_ids: Sequence[int], tag: str) -> Change:
        with self.db.unit_of_work() as s:
            new = add_tag(s, contact_ids, tag)
            contacts = ContactRepository(s)
            contacts.refresh_derived(new)  # a tag may carry a default cadence
            contacts.reindex(new)
        return Change(contacts=frozenset(new))

    # referral network ------------------------------------------------------
    def referral_graph(
        self,
        *,
        me_at_centre: bool = False,
        should_cancel: Callable[[], bool] | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> ReferralGraph:
        """Who introduced whom, laid out (run it on the worker: it takes a moment for
        thousands of contacts). With ``me_at_centre`` a "You" node is added at the centre,
        joined to everyone nobody introduced (the people you met yourself)."""
        with self.db.unit_of_work(write=False) as s:
            rows, pairs = referral_network(s)
        nodes = [GraphNode(*r) for r in rows]
        index = {n.contact_id: i for i, n in enumerate(nodes)}
        edges = [(index[a], index[b]) for a, b in pairs]
        me: int | None = None
        fixed: dict[int, tuple[float, float]] = {}
        if me_at_centre and nodes:
            introduced = {b for _a, b in edges}
            me = len(nodes)
            nodes.append(GraphNode(0, "You", 0, None))
            edges += [(me, i) for i in range(me) if i not in introduced]
            fixed[me] = (0.0, 0.0)
        positions = force_layout(
            len(nodes), edges, fixed=fixed, should_cancel=should_cancel, progress=progress
        )
        return ReferralGraph(tuple(nodes), tuple(edges), tuple(positions), me)

    # who helped ------------------------------------------------------------
    def helped(
        self,
        *,
        search_id: int | None = None,
        since: date | None = None,
        until: date | None = None,
        tag: str | None = None,
    ) -> list[Helper]:
        with self.db.unit_of_work(write=False) as s:
            return JobSearchRepository(s).helpers(
                search_id=search_id, since=since, until=until, tag=tag
            )

    # references ------------------------------------------------------------
    def add_reference(self, r: Reference) -> tuple[int, Change]:
        with self.db.unit_of_work() as s:
            if not ContactRepository(s).exists(r.contact_id):
                raise ValidationError("contact", f"there is no contact with id {r.contact_id}")
            rid = ReferenceRepository(s).add(
                replace(r, application=r.application.strip(), emphasise=r.emphasise.strip())
            )
        return rid, Change(contacts=frozenset({r.contact_id}))

    def update_reference(self, r: Reference) -> Change:
        with self.db.unit_of_work() as s:
            ReferenceRepository(s).update(r)
        return Change(contacts=frozenset({r.contact_id}))

    def remove_reference(self, reference_id: int) -> Change:
        with self.db.unit_of_work() as s:
            cid = ReferenceRepository(s).delete(reference_id)
        return Change(contacts=frozenset({cid} if cid is not None else set()))

    def references(
        self, *, contact_id: int | None = None, search_id: int | None = None
    ) -> list[Reference]:
        with self.db.unit_of_work(write=False) as s:
            return ReferenceRepository(s).query(contact_id=contact_id, search_id=search_id)

    def references_for_application(self, company: str) -> list[Reference]:
        """The references to alert after an interview at ``company``: those for an
        application that names the company, and those for the open search as a whole."""
        key = company.strip().casefold()
        with self.db.unit_of_work(write=False) as s:
            open_search = JobSearchRepository(s).open_search()
            refs = ReferenceRepository(s).query()
        out = []
        for r in refs:
            if r.application:
                if key and key in r.application.casefold():
                    out.append(r)
            elif open_search is not None and r.search_id == open_search.id:
                out.append(r)
        return out

    # templates -------------------------------------------------------------
    def _seed(self) -> None:
        if self._seeded:
            return
        with self.db.unit_of_work() as s:
            TemplateRepository(s).ensure_builtins()
        self._seeded = True

    def templates(self) -> list[MessageTemplate]:
        self._seed()
        with self.db.unit_of_work(write=False) as s:
            return TemplateRepository(s).all()

    def template(self, template_id: int) -> MessageTemplate:
        self._seed()
        with self.db.unit_of_work(write=False) as s:
            return TemplateRepository(s).get(template_id)

    def template_by_name(self, name: str) -> MessageTemplate:
        self._seed()
        with self.db.unit_of_work(write=False) as s:
            found = TemplateRepository(s).by_name(name)
        if found is None:
            names = ", ".join(t.name for t in self.templates())
            raise ValidationError("template", f"there is no template called {name!r} ({names})")
        return found

    def template_by_key(self, key: str) -> MessageTemplate:
        self._seed()
        with self.db.unit_of_work(write=False) as s:
            found = TemplateRepository(s).by_key(key)
        if found is None:
            raise ValidationError("template", f"the built-in template {key!r} is missing")
        return found

    def save_template(self, t: MessageTemplate) -> int:
        t = replace(t, name=t.name.strip())
        problems = t.problems()
        if problems:
            raise ValidationError("template", "; ".join(problems))
        self._seed()
        with self.db.unit_of_work() as s:
            return TemplateRepository(s).save(t)

    def delete_template(self, template_id: int) -> None:
        with self.db.unit_of_work() as s:
            TemplateRepository(s).delete(template_id)

    # values and messages ----------------------------------------------------
    def values_for(
        self,
        contact_ids: Sequence[int],
        *,
        search: JobSearch | None = None,
        extra: Mapping[str, str] | None = None,
    ) -> dict[int, dict[str, str | None]]:
        """The placeholder values of each contact: name and company from the contact,
        {how_they_helped} from their help (in the search when there is one), {last_spoke}
        from the interactions, {new_role}/{new_company} from the search, the rest from
        ``extra`` (which also overrides anything)."""
        ids = list(dict.fromkeys(contact_ids))
        with self.db.unit_of_work(write=False) as s:
            contacts = {c.id: c for c in ContactRepository(s).get_many(ids)}
            helpers = {
                h.contact_id: h
                for h in JobSearchRepository(s).helpers(
                    search_id=search.id if search is not None else None, contact_ids=ids
                )
            }
        out: dict[int, dict[str, str | None]] = {}
        for cid in ids:
            c = contacts.get(cid)
            values: dict[str, str | None] = dict.fromkeys(PLACEHOLDERS)
            if c is not None:
                values["first_name"] = c.given_name or c.nickname or None
                values["last_name"] = c.family_name or None
                values["company"] = c.organization or None
                values["last_spoke"] = spoken_on(c.last_contacted)
            helper = helpers.get(cid)
            if helper is not None:
                values["how_they_helped"] = helper.how_they_helped() or None
            if search is not None:
                values["new_role"] = search.landed_role or None
                values["new_company"] = search.landed_company or None
            for key, value in (extra or {}).items():
                if value.strip():
                    values[key] = value
            out[cid] = values
        return out

    # campaigns -------------------------------------------------------------
    def create_campaign(
        self,
        template_id: int,
        contact_ids: Sequence[int],
        *,
        search_id: int | None = None,
        values: Mapping[str, str] | None = None,
        name: str = "",
    ) -> int:
        if not contact_ids:
            raise ValidationError("recipients", "choose at least one person")
        template = self.template(template_id)
        with self.db.unit_of_work() as s:
            return CampaignRepository(s).add(
                Campaign(
                    name=name.strip() or f"{template.name} — {date.today():%d %b %Y}",
                    template_id=template_id,
                    log_type=log_type_for(template),
                    search_id=search_id,
                    values=tuple(sorted((values or {}).items())),
                ),
                contact_ids,
            )

    def campaign(self, campaign_id: int) -> Campaign:
        with self.db.unit_of_work(write=False) as s:
            return CampaignRepository(s).get(campaign_id)

    def open_campaigns(self) -> list[tuple[int, str, int, int]]:
        with self.db.unit_of_work(write=False) as s:
            return CampaignRepository(s).open_campaigns()

    def last_campaign_values(self) -> dict[str, str]:
        with self.db.unit_of_work(write=False) as s:
            return CampaignRepository(s).last_values()

    def set_campaign_values(self, campaign_id: int, values: Mapping[str, str]) -> None:
        with self.db.unit_of_work() as s:
            CampaignRepository(s).set_values(campaign_id, dict(values))

    def add_recipients(self, campaign_id: int, contact_ids: Sequence[int]) -> None:
        with self.db.unit_of_work() as s:
            CampaignRepository(s).add_recipients(campaign_id, contact_ids)

    def remove_recipient(self, campaign_id: int, contact_id: int) -> None:
        with self.db.unit_of_work() as s:
            CampaignRepository(s).remove_recipient(campaign_id, contact_id)

    def edit_message(
        self, campaign_id: int, contact_id: int, subject: str | None, body: str | None
    ) -> None:
        """Keep a recipient's edited message (None, None goes back to the template)."""
        with self.db.unit_of_work() as s:
            CampaignRepository(s).set_message(campaign_id, contact_id, subject, body)

    def finish_campaign(self, campaign_id: int, when: datetime | None = None) -> None:
        with self.db.unit_of_work() as s:
            CampaignRepository(s).finish(campaign_id, when or datetime.now())

    def prepare(self, campaign: Campaign) -> list[PreparedMessage]:
        """Every recipient's message: rendered from the template (or as edited), with its
        missing placeholders, its mailto URL and whether it was already sent."""
        template = self.template(campaign.template_id) if campaign.template_id is not None else None
        search = self.get_search(campaign.search_id) if campaign.search_id is not None else None
        return self._prepare(template, campaign.recipients, search, dict(campaign.values))

    def prepare_one(self, campaign: Campaign, contact_id: int) -> PreparedMessage:
        """One recipient's message (as :meth:`prepare` gives it), without the others'."""
        recipient = next((r for r in campaign.recipients if r.contact_id == contact_id), None)
        if recipient is None:
            raise ValidationError("recipient", f"contact {contact_id} is not in this campaign")
        template = self.template(campaign.template_id) if campaign.template_id is not None else None
        search = self.get_search(campaign.search_id) if campaign.search_id is not None else None
        return self._prepare(template, [recipient], search, dict(campaign.values))[0]

    def preview(
        self,
        template: MessageTemplate,
        contact_ids: Sequence[int],
        *,
        search: JobSearch | None = None,
        values: Mapping[str, str] | None = None,
    ) -> list[PreparedMessage]:
        """What a campaign would send, without keeping anything (``netdesk campaign``)."""
        ids = list(dict.fromkeys(contact_ids))
        with self.db.unit_of_work(write=False) as s:
            names = ContactRepository(s).summaries(ids)
            emails = primary_emails(s, ids)
        recipients = [
            CampaignRecipient(cid, names[cid].display_name, emails.get(cid, ""))
            for cid in ids
            if cid in names
        ]
        return self._prepare(template, recipients, search, dict(values or {}))

    def _prepare(
        self,
        template: MessageTemplate | None,
        recipients: Sequence[CampaignRecipient],
        search: JobSearch | None,
        extra: dict[str, str],
    ) -> list[PreparedMessage]:
        ids = [r.contact_id for r in recipients]
        values = self.values_for(ids, search=search, extra=extra)
        with self.db.unit_of_work(write=False) as s:
            elsewhere = CampaignRepository(s).sent_elsewhere(
                template.id if template is not None else None,
                ids,
                datetime.now() - timedelta(days=REPEAT_DAYS),
            )
        out = []
        for r in recipients:
            edited = r.subject is not None or r.body is not None
            if edited or template is None:
                message = check_edited(r.subject or "", r.body or "")
            else:
                message = render_message(template, values[r.contact_id])
            other = elsewhere.get(r.contact_id)
            if other is not None and r.sent_at is not None and other <= r.sent_at:
                other = None  # that is this campaign's own message
            out.append(_prepared(r, message, edited, other))
        return out

    def mark_sent(
        self, campaign_id: int, contact_id: int, when: datetime | None = None
    ) -> tuple[int, Change]:
        """The user confirms the message went out: log the campaign's interaction (which
        resets the keep-in-touch cadence) and remember it. A message is never marked twice."""
        at = (when or datetime.now()).replace(microsecond=0)
        campaign = self.campaign(campaign_id)
        recipient = next((r for r in campaign.recipients if r.contact_id == contact_id), None)
        if recipient is None:
            raise ValidationError("recipient", f"contact {contact_id} is not in this campaign")
        if recipient.sent_at is not None:
            raise ValidationError(
                "recipient",
                f"the message to {recipient.display_name} was already sent on "
                f"{recipient.sent_at:%d %b %Y}",
            )
        prepared = self.prepare_one(campaign, contact_id)
        if prepared.message.missing:
            missing = ", ".join(f"{{{n}}}" for n in prepared.message.missing)
            raise ValidationError("message", f"fill in {missing} first")
        template_name = campaign.name
        with self.db.unit_of_work() as s:
            repo = CampaignRepository(s)
            row = repo.recipient_row(campaign_id, contact_id)
            if row.sent_at is not None:  # another window was quicker
                raise ValidationError("recipient", "this message was already marked as sent")
            iid, _people = record_interaction(
                s,
                Interaction(
                    occurred_at=at,
                    type=campaign.log_type,
                    summary=prepared.message.subject or template_name,
                    notes=prepared.message.body,
                    contact_ids=(contact_id,),
                ),
            )
            row.sent_at, row.interaction_id = at, iid
            s.flush()
        return iid, Change(contacts=frozenset({contact_id}), interactions=frozenset({iid}))

    def emails_of(self, contact_ids: Sequence[int]) -> dict[int, str]:
        with self.db.unit_of_work(write=False) as s:
            return primary_emails(s, contact_ids)


def _prepared(
    r: CampaignRecipient, message: Message, edited: bool, elsewhere: datetime | None
) -> PreparedMessage:
    problem = ""
    url: str | None = None
    if not r.email:
        problem = "no email address"
    else:
        bad = mailto_address_problem(r.email)
        if bad:
            problem = f"the address {r.email} {bad}"
        else:
            url = build_mailto([r.email], message.subject, message.body)
    return PreparedMessage(
        contact_id=r.contact_id,
        display_name=r.display_name,
        email=r.email,
        message=message,
        mailto=url,
        problem=problem,
        edited=edited,
        sent_at=r.sent_at,
        sent_elsewhere=elsewhere,
    )
