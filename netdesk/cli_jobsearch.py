"""Command-line verbs of the job search: ``helped``, ``templates``, ``campaign`` and
``search`` (start, land, list). Registered in netdesk.cli's verb table; no Qt here."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING, Any

from netdesk.cli import EXIT_ERROR, EXIT_OK, Context, verb
from netdesk.core.dates import parse_iso_date
from netdesk.core.errors import NetDeskError, ValidationError

if TYPE_CHECKING:  # (imported where used: not every verb pays for them)
    from netdesk.core.jobsearch import Helper, JobSearch


def helper_json(h: Helper) -> dict[str, Any]:
    return {
        "contact_id": h.contact_id,
        "display_name": h.display_name,
        "helped": [
            {"date": e.day.isoformat(), "type": e.type, "summary": e.summary} for e in h.helped
        ],
        "last_thanked": h.last_thanked.isoformat() if h.last_thanked else None,
    }


def _add_helped_args(p: argparse.ArgumentParser) -> None:
    scope = p.add_mutually_exclusive_group()
    scope.add_argument("--search-name", metavar="NAME", help="help during this job search")
    scope.add_argument("--since", metavar="YYYY-MM-DD", help="help since this day")
    p.add_argument("--tag", default=None, help="only contacts with this tag")
    p.add_argument("--json", action="store_true", help="print a JSON array")


@verb(
    "helped", "who helped during a job search or since a day, newest help first", _add_helped_args
)
def cmd_helped(args: argparse.Namespace, ctx: Context) -> int:
    js = ctx.services.jobsearch
    search_id = js.search_by_name(args.search_name).id if args.search_name else None
    since = parse_iso_date(args.since, "--since") if args.since else None
    helpers = js.helped(search_id=search_id, since=since, tag=args.tag)
    if args.json:
        ctx.print_json([helper_json(h) for h in helpers])
        return EXIT_OK
    for h in helpers:
        thanked = (
            f"thanked {h.last_thanked.isoformat()}"
            if h.thanked and h.last_thanked
            else ("not thanked yet")
        )
        latest = h.helped[0]
        ctx.out.write(
            f"{h.contact_id:>6}  {h.display_name}  ({len(h.helped)}× · last "
            f"{latest.day.isoformat()} {latest.type}: {latest.summary} · {thanked})\n"
        )
    ctx.err.write(f"{len(helpers)} {'person' if len(helpers) == 1 else 'people'} helped\n")
    return EXIT_OK


def _add_templates_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print a JSON array")


@verb("templates", "message templates with their placeholders", _add_templates_args)
def cmd_templates(args: argparse.Namespace, ctx: Context) -> int:
    templates = ctx.services.jobsearch.templates()
    if args.json:
        ctx.print_json([{"name": t.name, "subject": t.subject, "body": t.body} for t in templates])
        return EXIT_OK
    from netdesk.core.templates import PLACEHOLDERS  # (phonenumbers: not for every verb)

    for t in templates:
        ctx.out.write(f"{t.name}\n    Subject: {t.subject}\n")
    ctx.err.write("placeholders: " + " ".join(f"{{{p}}}" for p in PLACEHOLDERS) + "\n")
    return EXIT_OK


def _add_campaign_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--template", required=True, metavar="NAME", help="the template's name")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--helped-since", metavar="YYYY-MM-DD", help="everyone who helped since")
    who.add_argument("--tag", help="everyone with this tag")
    who.add_argument(
        "--contact", type=int, nargs="+", action="extend", metavar="ID", help="these contacts"
    )
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a placeholder value for every message (my_name=…, my_news=…)",
    )
    p.add_argument(
        "--mark-sent",
        action="store_true",
        help="log the interaction for each recipient with an email and nothing missing",
    )
    p.add_argument("--json", action="store_true", help="print a JSON array (always on)")


def _values(pairs: list[str]) -> dict[str, str]:
    from netdesk.core.templates import PLACEHOLDERS

    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep:
            raise ValidationError("--set", f"{pair!r} is not KEY=VALUE")
        if key not in PLACEHOLDERS:
            raise ValidationError("--set", f"{key!r} is not one of: {', '.join(PLACEHOLDERS)}")
        out[key] = value
    return out


def _search_for_values(ctx: Context) -> JobSearch | None:
    """{new_role}/{new_company} come from the newest landed search (else the open one)."""
    js = ctx.services.jobsearch
    return js.latest_landed() or js.open_search()


@verb(
    "campaign",
    "messages from a template for many people (a dry run unless --mark-sent)",
    _add_campaign_args,
)
def cmd_campaign(args: argparse.Namespace, ctx: Context) -> int:
    js = ctx.services.jobsearch
    template = js.template_by_name(args.template)
    values = _values(args.set)
    if args.helped_since:
        since = parse_iso_date(args.helped_since, "--helped-since")
        ids = [h.contact_id for h in js.helped(since=since)]
    elif args.tag:
        ids = ctx.services.contacts.list_ids(tag=args.tag)
        if not ids:
            raise NetDeskError(f"no contact has the tag {args.tag!r}")
    else:
        ids = list(args.contact)
        known = set(ctx.services.contacts.summaries(ids))
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise ValidationError("--contact", f"there is no contact with id {unknown[0]}")
    search = _search_for_values(ctx)
    prepared = js.preview(template, ids, search=search, values=values)
    sent: dict[int, str] = {}
    if args.mark_sent:
        ready = [
            p.contact_id
            for p in prepared
            if p.mailto is not None and p.message.ready and p.sent_elsewhere is None
        ]
        if ready:
            assert template.id is not None
            campaign_id = js.create_campaign(
                template.id,
                ready,
                search_id=search.id if search is not None else None,
                values=values,
            )
            for cid in ready:
                js.mark_sent(campaign_id, cid)
                sent[cid] = date.today().isoformat()
            js.finish_campaign(campaign_id)
    ctx.print_json(
        [
            {
                "contact_id": p.contact_id,
                "display_name": p.display_name,
                "email": p.email or None,
                "subject": p.message.subject,
                "body": p.message.body,
                "mailto": p.mailto,
                "missing": list(p.message.missing) + list(p.message.unknown),
                "sent": p.contact_id in sent,
                "already_sent": p.sent_elsewhere.date().isoformat() if p.sent_elsewhere else None,
            }
            for p in prepared
        ]
    )
    if args.mark_sent:
        skipped = len(prepared) - len(sent)
        ctx.err.write(
            f"logged {len(sent)} message{'s' if len(sent) != 1 else ''}"
            + (
                f"; {skipped} not sent (no email, something missing, or sent already)"
                if skipped
                else ""
            )
            + "\n"
        )
    return EXIT_OK


def _add_search_args(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    start = sub.add_parser("start", help="start a job search")
    start.add_argument("name")
    start.add_argument("--since", metavar="YYYY-MM-DD", help="start date (default: today)")
    start.add_argument("--roles", default="", help="target roles")
    land = sub.add_parser("land", help="I landed: the new role, company and start date")
    land.add_argument("--role", default="")
    land.add_argument("--company", default="")
    land.add_argument("--start", metavar="YYYY-MM-DD", default=None)
    sub.add_parser("list", help="job searches as JSON")


@verb("search", "job searches: start, land, list", _add_search_args)
def cmd_search(args: argparse.Namespace, ctx: Context) -> int:
    js = ctx.services.jobsearch
    if args.action == "start":
        day = parse_iso_date(args.since, "--since") if args.since else date.today()
        from netdesk.core.jobsearch import JobSearch

        sid, _ = js.start_search(JobSearch(args.name, day, args.roles))
        ctx.print_json({"id": sid, "name": args.name, "started_on": day.isoformat()})
        return EXIT_OK
    if args.action == "land":
        current = js.open_search()
        if current is None or current.id is None:
            ctx.err.write(
                "netdesk: no job search is open (start one with `netdesk search start`)\n"
            )
            return EXIT_ERROR
        start = parse_iso_date(args.start, "--start") if args.start else None
        js.land(current.id, args.role, args.company, start)
        ctx.print_json({"id": current.id, "landed_role": args.role, "landed_company": args.company})
        return EXIT_OK
    ctx.print_json(
        [
            {
                "id": s.id,
                "name": s.name,
                "started_on": s.started_on.isoformat(),
                "target_roles": s.target_roles,
                "landed_role": s.landed_role,
                "landed_company": s.landed_company,
                "landed_start": s.landed_start.isoformat() if s.landed_start else None,
                "ended_on": s.ended_on.isoformat() if s.ended_on else None,
            }
            for s in js.searches()
        ]
    )
    return EXIT_OK
