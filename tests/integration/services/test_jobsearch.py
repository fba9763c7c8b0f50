"""The job search through the service on a real database: search membership, who helped,
references, templates, campaigns (resumable, nobody messaged twice), cadences reset."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from netdesk.core.errors import ValidationError
from netdesk.core.jobsearch import JobSearch, Reference
from netdesk.core.model import Contact, Email, Interaction
from netdesk.core.templates import MessageTemplate

TODAY = date.today()


def make(services: Any, given: str, family: str = "", **fields: Any) -> int:
    name = f"{given} {family}".strip()
    cid, _ = services.contacts.create(
        Contact(display_name=name, given_name=given, family_name=family, **fields)
    )
    return cid


def log(
    services: Any, cid: int | tuple[int, ...], day: date, kind: str, summary: str, **kw: Any
) -> int:
    ids = cid if isinstance(cid, tuple) else (cid,)
    at = datetime.combine(day, datetime.min.time()).replace(hour=10)
    iid, _ = services.activity.log(Interaction(at, kind, summary, ids, **kw))
    return iid


def start(services: Any, days_ago: int = 30, name: str = "2026 search") -> int:
    sid, _ = services.jobsearch.start_search(
        JobSearch(name=name, started_on=TODAY - timedelta(days=days_ago), target_roles="PM")
    )
    return sid


def test_interactions_logged_while_a_search_is_open_belong_to_it(services: Any) -> None:
    ann = make(services, "Ann", "Lee")
    before = log(services, ann, TODAY - timedelta(days=90), "meeting", "Old coffee")
    early = log(services, ann, TODAY - timedelta(days=20), "call", "Before the search was made")
    sid = start(services, days_ago=30)
    during = log(services, ann, TODAY - timedelta(days=2), "help received", "CV review")
    js = services.jobsearch
    assert js.searches_of(during) == [sid]
    assert js.searches_of(early) == [sid]  # on or after the start date: joined when started
    assert js.searches_of(before) == []
    js.set_searches_of(early, [])  # editable
    assert js.searches_of(early) == []
    js.land(sid, "Product Manager", "Acme", TODAY + timedelta(days=14))
    after = log(services, ann, TODAY, "meeting", "After landing")
    assert js.searches_of(after) == []
    landed = js.get_search(sid)
    assert (landed.landed_role, landed.landed_company, landed.ended_on) == (
        "Product Manager",
        "Acme",
        TODAY,
    )
    with pytest.raises(ValidationError):
        js.land(sid, "", "", None)


def test_only_one_search_is_open_at_a_time(services: Any) -> None:
    start(services)
    with pytest.raises(ValidationError, match="still open"):
        start(services, name="another")
    with pytest.raises(ValidationError):
        services.jobsearch.start_search(JobSearch(name="  ", started_on=TODAY))


def test_who_helped_in_a_search(services: Any) -> None:
    ann = make(services, "Ann", "Lee", tags=("mentors",))
    bob = make(services, "Bob", "Ray")
    cat = make(services, "Cat", "Dunn")
    dan = make(services, "Dan", "Ek")  # introduced by Bob: not a helper himself
    eve = make(services, "Eve", "Fox")  # only emails: not help
    sid = start(services, days_ago=60)
    log(services, ann, TODAY - timedelta(days=40), "advice", "Advice on the PM market")
    log(services, ann, TODAY - timedelta(days=10), "help received", "Reviewed my CV")
    log(
        services,
        (bob, dan),
        TODAY - timedelta(days=30),
        "introduction",
        "Intro to Dan",
        introducer_id=bob,
    )
    log(services, cat, TODAY - timedelta(days=5), "meeting", "Coffee about Acme")
    log(services, eve, TODAY - timedelta(days=5), "email", "Newsletter")
    log(services, bob, TODAY - timedelta(days=1), "thank-you sent", "Thanks for the intro")
    helpers = services.jobsearch.helped(search_id=sid)
    assert [h.display_name for h in helpers] == ["Cat Dunn", "Ann Lee", "Bob Ray"]
    ann_h = helpers[1]
    assert [e.summary for e in ann_h.helped] == ["Reviewed my CV", "Advice on the PM market"]
    assert ann_h.last_thanked is None and not ann_h.thanked
    assert ann_h.how_they_helped() == "reviewed my CV and advice on the PM market"
    assert helpers[2].last_thanked == TODAY - timedelta(days=1) and helpers[2].thanked
    # tag filter, period filter
    assert [h.contact_id for h in services.jobsearch.helped(search_id=sid, tag="MENTORS")] == [ann]
    recent = services.jobsearch.helped(since=TODAY - timedelta(days=15))
    assert [h.display_name for h in recent] == ["Cat Dunn", "Ann Lee"]
    assert [e.summary for e in recent[1].helped] == ["Reviewed my CV"]


def test_references_appear_among_helpers_and_are_found_for_an_application(services: Any) -> None:
    ref = make(services, "Rita", "Moreno")
    other = make(services, "Olga", "Ng")
    sid = start(services)
    rid, _ = services.jobsearch.add_reference(
        Reference(ref, sid, "Acme GmbH — PM", "my roadmap work")
    )
    services.jobsearch.add_reference(Reference(other, sid, "", "team leadership"))
    helpers = {h.contact_id: h for h in services.jobsearch.helped(search_id=sid)}
    assert helpers[ref].is_reference
    assert helpers[ref].helped[0].summary == "Reference for Acme GmbH — PM: my roadmap work"
    found = services.jobsearch.references_for_application("acme gmbh")
    assert {r.contact_id for r in found} == {ref, other}  # the search-wide one too
    assert {r.contact_id for r in services.jobsearch.references_for_application("Initech")} == {
        other
    }
    services.jobsearch.remove_reference(rid)
    assert [r.contact_id for r in services.jobsearch.references(search_id=sid)] == [other]


def test_templates_are_seeded_once_editable_and_user_templates_can_go(services: Any) -> None:
    js = services.jobsearch
    names = [t.name for t in js.templates()]
    assert len(names) == len(set(names)) >= 7
    assert len(js.templates()) == len(names)  # not seeded twice
    landed = js.template_by_key("landed")
    js.save_template(MessageTemplate(landed.name, "New subject", landed.body, id=landed.id))
    assert js.template(landed.id).subject == "New subject"
    tid = js.save_template(MessageTemplate("Mine", "Hi", "Hello {first_name}"))
    with pytest.raises(ValidationError, match="already a template"):
        js.save_template(MessageTemplate("mine", "x", "y"))
    with pytest.raises(ValidationError, match="not a placeholder"):
        js.save_template(MessageTemplate("Bad", "x", "{firstname}"))
    with pytest.raises(ValidationError, match="built-in"):
        js.delete_template(landed.id)
    js.delete_template(tid)
    assert "Mine" not in [t.name for t in js.templates()]


def test_landed_campaign_resumes_and_never_messages_anyone_twice(services: Any) -> None:
    ann = make(services, "Ann", "Lee", emails=(Email("ann@example.com"),), cadence_days=30)
    bob = make(services, "Bob", "Ray", emails=(Email("bob@example.com"),))
    cat = make(services, "Cat", "Dunn")  # no email
    sid = start(services, days_ago=60)
    for cid in (ann, bob, cat):
        log(services, cid, TODAY - timedelta(days=50), "help received", "Mock interview practice")
    services.jobsearch.land(sid, "Product Manager", "Acme", None)
    js = services.jobsearch
    template = js.template_by_key("landed")
    camp_id = js.create_campaign(
        template.id, [ann, bob, cat], search_id=sid, values={"my_name": "Zoë"}
    )
    prepared = {p.contact_id: p for p in js.prepare(js.campaign(camp_id))}
    assert prepared[ann].message.ready
    assert "Product Manager at Acme" in prepared[ann].message.body
    assert "mock interview practice" in prepared[ann].message.body
    assert prepared[cat].mailto is None and prepared[cat].problem == "no email address"
    to = unquote(urlsplit(prepared[ann].mailto).path)
    body = parse_qs(urlsplit(prepared[ann].mailto).query)["body"][0]
    assert to == "ann@example.com" and body.replace("\r\n", "\n") == prepared[ann].message.body
    # a message edited by hand is kept, and a placeholder left in it is flagged
    js.edit_message(camp_id, bob, "Hi", "Dear Bob, {my_news}")
    bob_msg = next(p for p in js.prepare(js.campaign(camp_id)) if p.contact_id == bob)
    assert bob_msg.edited and bob_msg.message.missing == ("my_news",)
    with pytest.raises(ValidationError, match="my_news"):
        js.mark_sent(camp_id, bob)
    js.edit_message(camp_id, bob, "Hi", "Dear Bob, thank you!")
    iid, change = js.mark_sent(camp_id, ann)
    assert ann in change.contacts
    logged = services.activity.get(iid)
    assert logged.type == "news shared" and logged.contact_ids == (ann,)
    assert services.contacts.get(ann).last_contacted == TODAY  # the cadence starts again
    assert services.contacts.get(ann).next_touch == TODAY + timedelta(days=30)
    with pytest.raises(ValidationError, match="already sent"):
        js.mark_sent(camp_id, ann)
    # resumed later: Ann is done, Bob still open
    resumed = js.prepare(js.campaign(camp_id))
    assert [(p.contact_id, p.sent_at is not None) for p in resumed] == [
        (ann, True),
        (bob, False),
        (cat, False),
    ]
    assert [c[0] for c in js.open_campaigns()] == [camp_id]
    # a second campaign with the same template flags Ann as already messaged
    second = js.create_campaign(template.id, [ann, bob], search_id=sid)
    flagged = {p.contact_id: p.sent_elsewhere for p in js.prepare(js.campaign(second))}
    assert flagged[ann] is not None and flagged[bob] is None
    assert js.last_campaign_values() == {}
    js.finish_campaign(camp_id)
    assert [c[0] for c in js.open_campaigns()] == [second]


def test_reconnect_candidates_and_tagging(services: Any) -> None:
    old = make(services, "Old", "Friend")
    fresh = make(services, "New", "Friend")
    log(services, old, TODAY - timedelta(days=400), "call", "Long ago")
    log(services, fresh, TODAY - timedelta(days=10), "call", "Recently")
    assert services.jobsearch.reconnect_candidates() == [old]
    services.jobsearch.tag_contacts([old], "reconnect")
    services.jobsearch.tag_contacts([old], "reconnect")  # idempotent
    assert services.contacts.get(old).tags == ("reconnect",)
    assert services.contacts.list_ids(tag="reconnect") == [old]


def test_referral_graph_from_introduced_by_and_introductions(services: Any) -> None:
    root = make(services, "Rosa", "Root")
    kid = make(services, "Kai", "Kid", introduced_by=root)
    other = make(services, "Omar", "Other")
    gone = make(services, "Gina", "Gone", introduced_by=kid)
    make(services, "Lonely", "Nobody")
    log(services, (kid, other), TODAY, "introduction", "Kai introduced Omar", introducer_id=kid)
    log(services, (root, other), TODAY, "meeting", "Coffee")
    services.contacts.delete([gone])
    graph = services.jobsearch.referral_graph()
    names = [n.name for n in graph.nodes]
    assert sorted(names) == ["Kai Kid", "Omar Other", "Rosa Root"]
    pairs = {(names[a], names[b]) for a, b in graph.edges}
    assert pairs == {("Rosa Root", "Kai Kid"), ("Kai Kid", "Omar Other")}
    counts = {n.name: n.interactions for n in graph.nodes}
    assert counts == {"Rosa Root": 1, "Kai Kid": 1, "Omar Other": 2}
    assert len(graph.positions) == 3 and graph.me is None
    centred = services.jobsearch.referral_graph(me_at_centre=True)
    assert centred.me == 3 and centred.positions[3] == (0.0, 0.0)
    you = {(centred.nodes[a].name, centred.nodes[b].name) for a, b in centred.edges if 3 in (a, b)}
    assert you == {("You", "Rosa Root")}  # joined to the people nobody introduced
