"""The command-line verbs over the same services the GUI uses. No Qt here.

Every error goes to stderr as one plain sentence that names the problem, with a non-zero
exit code; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from netdesk import __version__
from netdesk.core.dates import parse_iso_date
from netdesk.core.errors import NetDeskError, ValidationError
from netdesk.core.model import Interaction
from netdesk.core.text import for_terminal as shown

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
#: per-card warnings an import lists in its human-readable account (--json lists all)
WARNINGS_SHOWN = 50

#: verb name -> (help, argument adder, handler); handlers get (args, services-opener, out)
Handler = Callable[[argparse.Namespace, "Context"], int]
VERBS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Handler]] = {}


def verb(
    name: str, help_text: str, add_args: Callable[[argparse.ArgumentParser], None]
) -> Callable[[Handler], Handler]:
    """Register a CLI verb: its help, its arguments and its handler."""

    def register(handler: Handler) -> Handler:
        VERBS[name] = (help_text, add_args, handler)
        return handler

    return register


class Context:
    """What a verb needs: the resolved database path, lazily opened services, and output."""

    def __init__(self, db_path: Path, out: TextIO, err: TextIO) -> None:
        self.db_path = db_path
        self.out = out
        self.err = err
        self._services: Any = None
        self._read_only: Any = None

    def reads(self) -> Any:
        """What the read verbs (``list``, ``due``) read from: the database opened read-only
        without the ORM (netdesk.storage.reads) when it is ready to be read as it is, else
        the services (which create, migrate or refuse it, saying why). Both answer
        ``list_ids``, ``list_lines``, ``get_many`` and ``due`` alike."""
        if self._read_only is None and self._services is None:
            from netdesk.storage.reads import ReadOnlyDatabase

            self._read_only = ReadOnlyDatabase.open(self.db_path)
        if self._read_only is not None:
            return self._read_only
        return _ServiceReads(self.services)

    def read(self, query: Callable[[Any], Any]) -> Any:
        """``query(self.reads())``; an SQLite error on the read-only path (say, a database
        replaced meanwhile) is asked again of the services, which report it properly. The
        query prints nothing: output is written after it returns."""
        import sqlite3

        source = self.reads()
        try:
            return query(source)
        except sqlite3.Error:
            if source is not self._read_only:
                raise
            self._read_only.close()
            self._read_only = None
            return query(_ServiceReads(self.services))

    @property
    def services(self) -> Any:
        if self._services is None:
            from netdesk import paths
            from netdesk.compose import build_services
            from netdesk.settings import SettingsStore

            self._services = build_services(self.db_path, SettingsStore(paths.config_dir()))
        return self._services

    def close(self) -> None:
        if self._read_only is not None:
            self._read_only.close()
            self._read_only = None
        if self._services is not None:
            self._services.close()

    def print_json(self, data: Any) -> None:
        json.dump(data, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")


class _ServiceReads:
    """The read verbs' questions asked of the services (the normal path)."""

    def __init__(self, services: Any) -> None:
        self._services = services

    def list_ids(self, search: str = "", tag: str | None = None) -> list[int]:
        return list(self._services.contacts.list_ids(search, tag))

    def list_lines(self, ids: Sequence[int]) -> dict[int, tuple[str, str, str]]:
        summaries = self._services.contacts.summaries(ids)
        return {i: (s.display_name, s.organization, s.title) for i, s in summaries.items()}

    def get_many(self, ids: Sequence[int]) -> Any:
        return self._services.contacts.get_many(list(ids))

    def due(self, today: date) -> Any:
        return self._services.activity.due(today)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


class UsageError(Exception):
    pass


USAGE = (
    "netdesk [-h] [--version] [--db PATH] [--demo] [--selftest] [FILE.vcf ...]\n"
    "       netdesk [--db PATH] COMMAND ..."
)


def build_parser(*, files: bool = False, only: str | None = None) -> argparse.ArgumentParser:
    """The parser for a command (the verbs); with ``files``, the one for opening the window
    with vCard files instead (see :func:`parse_args`). With ``only`` (a verb's name), the
    other verbs' parsers are left out: building all of them costs a quick command more time
    than its answer, and only ``netdesk --help`` or a mistyped verb needs the list."""
    parser = _Parser(
        prog="netdesk",
        usage=USAGE,
        description="NetDesk keeps your professional network warm. Without a command it opens "
        "the window; vCard files named there (netdesk FILE.vcf ...) open in its import preview, "
        "and nothing is imported before you confirm.",
    )
    parser.add_argument("--version", action="version", version=f"NetDesk {__version__}")
    parser.add_argument("--db", type=Path, help="database file (default: per-user data dir)")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the window on a demo database filled with generated data",
    )
    parser.add_argument("--selftest", action="store_true", help="end-to-end self-check, then exit")
    if files:
        parser.add_argument(
            "open_files", nargs="*", metavar="FILE.vcf", help="vCard files to open in the window"
        )
        return parser
    sub = parser.add_subparsers(
        dest="verb", metavar="COMMAND", parser_class=_Parser, prog="netdesk"
    )
    for name, (help_text, add_args, _handler) in VERBS.items():
        if only is not None and name != only:
            continue
        p = sub.add_parser(name, help=help_text, description=help_text)
        add_args(p)
    return parser


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The whole ``netdesk`` command line: a command with its arguments (``args.verb``), or,
    when the first argument after the global options is not a command but names a file,
    vCard files to open in the window (``args.open_files``, made absolute at once: a running
    NetDesk that opens them may have another working directory). A word that is neither a
    command nor looks like a file (``netdesk lsit``) is still an invalid command."""
    argv = list(argv)
    first = _first_positional(argv)
    if first is None or first in VERBS or not _names_a_file(first):
        args = build_parser(only=first if first in VERBS else None).parse_args(argv)
        args.open_files = []
        return args
    args = build_parser(files=True).parse_intermixed_args(argv)
    args.verb = None
    args.open_files = [os.path.abspath(os.path.expanduser(f)) for f in args.open_files]
    return args


def _first_positional(argv: Sequence[str]) -> str | None:
    """The first argument that is not a global option or its value (the command, or a file)."""
    probe = _Parser(prog="netdesk", add_help=False)
    probe.add_argument("--db")
    for flag in ("-h", "--help", "--version", "--demo", "--selftest"):
        probe.add_argument(flag, action="store_true")
    probe.add_argument("rest", nargs="*")
    try:
        known, _unknown = probe.parse_known_intermixed_args(list(argv))
    except UsageError:
        return None  # the real parser says what is wrong
    return known.rest[0] if known.rest else None


def _names_a_file(arg: str) -> bool:
    return (
        os.path.exists(arg)
        or bool(Path(arg).suffix)
        or any(sep and sep in arg for sep in (os.sep, os.altsep))
    )


def resolve_db(args: argparse.Namespace) -> Path:
    from netdesk import paths

    if args.db:
        return Path(args.db).expanduser()
    if getattr(args, "demo", False):
        return paths.data_dir() / "demo.db"
    return paths.default_db_path()


def run(
    argv: Sequence[str],
    out: TextIO | None = None,
    err: TextIO | None = None,
    *,
    parsed: argparse.Namespace | None = None,
) -> int:
    """Run one CLI verb; returns the exit code. ``parsed``: ``argv`` already parsed by
    :func:`parse_args` (app.main), so it is not parsed twice."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        if parsed is not None and parsed.verb is not None:
            args = parsed
        else:
            first = _first_positional(argv)
            args = build_parser(only=first if first in VERBS else None).parse_args(list(argv))
    except UsageError as e:
        err.write(f"{shown(str(e))}\n")
        return EXIT_USAGE
    except SystemExit as e:  # --help, --version
        return e.code if isinstance(e.code, int) else EXIT_OK
    if args.verb is None:
        err.write("netdesk: no command given (run `netdesk --help`, or `netdesk` for the window)\n")
        return EXIT_USAGE
    ctx = Context(resolve_db(args), out, err)
    try:
        handler = VERBS[args.verb][2]
        return handler(args, ctx)
    except NetDeskError as e:
        err.write(f"netdesk: {shown(e.message)}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        err.write("netdesk: interrupted; nothing from the unfinished step was saved.\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    finally:
        ctx.close()


# --------------------------------------------------------------------- verbs
def _contacts_json(ctx: Context, ids: Sequence[int]) -> list[dict[str, Any]]:
    from netdesk.formats.jsonshape import contact_to_json

    return [contact_to_json(c) for c in ctx.services.contacts.get_many(list(ids))]


def _add_list_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print a JSON array (the contact shape)")
    p.add_argument("--search", default="", help="words that must all match (prefixes, any order)")
    p.add_argument("--tag", default=None, help="only contacts with this tag")


@verb("list", "list contacts (JSON with --json)", _add_list_args)
def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    if args.json:
        from netdesk.formats.jsonshape import contact_to_json

        contacts = ctx.read(lambda r: r.get_many(r.list_ids(args.search, args.tag)))
        ctx.print_json([contact_to_json(c) for c in contacts])
        return EXIT_OK

    def rows(r: Any) -> tuple[list[int], dict[int, tuple[str, str, str]]]:
        ids = r.list_ids(args.search, args.tag)
        return ids, r.list_lines(ids)

    ids, lines = ctx.read(rows)
    text = []
    for cid in ids:
        name, organization, title = lines[cid]
        org = f" — {title + ', ' if title else ''}{organization}" if organization else ""
        text.append(f"{cid:>6}  {shown(name + org)}\n")
    ctx.out.write("".join(text))
    ctx.err.write(f"{len(ids)} contact{'s' if len(ids) != 1 else ''}\n")
    return EXIT_OK


def _add_add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", required=True, metavar="FILE", help="JSON file, or - for stdin")


#: bytes of a JSON file `add --json` reads (a device or a FIFO is refused before reading)
MAX_JSON_INPUT = 64 * 1024 * 1024


def _read_json_input(spec: str) -> Any:
    try:
        if spec == "-":
            raw = sys.stdin.read()
        else:
            info = os.stat(spec)  # (does not block on a FIFO, as opening it would)
            if not stat.S_ISREG(info.st_mode):
                raise NetDeskError(f"cannot read {spec}: it is not a file")
            if info.st_size > MAX_JSON_INPUT:
                raise NetDeskError(f"cannot read {spec}: it is larger than 64 MB")
            raw = Path(spec).read_text(encoding="utf-8")
    except OSError as e:
        raise NetDeskError(f"cannot read {spec}: {e.strerror}") from e
    except UnicodeDecodeError as e:
        raise NetDeskError(f"{spec} is not UTF-8 text: {e.reason}") from e
    try:
        return json.loads(raw)
    except json.JSONDecodeError as e:
        raise NetDeskError(
            f"{'stdin' if spec == '-' else spec} is not valid JSON: {e.msg} at line {e.lineno}, "
            f"column {e.colno}"
        ) from e


@verb(
    "add", "create contacts from JSON (the shape `list --json` prints; ids ignored)", _add_add_args
)
def cmd_add(args: argparse.Namespace, ctx: Context) -> int:
    from netdesk.formats.jsonshape import contact_from_json

    data = _read_json_input(args.json)
    items = data if isinstance(data, list) else [data]
    contacts = [
        contact_from_json(d, f"contact {n}: " if len(items) > 1 else "")
        for n, d in enumerate(items, start=1)
    ]
    ids, _change = ctx.services.contacts.create_many(contacts)
    ctx.print_json(_contacts_json(ctx, ids))
    ctx.err.write(f"added {len(ids)} contact{'s' if len(ids) != 1 else ''}\n")
    return EXIT_OK


def _add_demo_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--contacts", type=int, default=400, help="how many contacts (default 400)")
    p.add_argument("--interactions", type=int, default=None, help="default: 10 per contact")
    p.add_argument("--seed", type=int, default=2026)


@verb("demo", "fill the database with realistic generated data", _add_demo_args)
def cmd_demo(args: argparse.Namespace, ctx: Context) -> int:
    if args.contacts < 1 or (args.interactions is not None and args.interactions < 0):
        raise ValidationError("--contacts", "must be at least 1 (and --interactions ≥ 0)")
    interactions = args.interactions if args.interactions is not None else args.contacts * 10
    last = [datetime.now()]

    def progress(stage: str, done: int, total: int) -> None:
        if (datetime.now() - last[0]).total_seconds() > 1:
            last[0] = datetime.now()
            ctx.err.write(f"  {stage}: {done:,} of {total:,}\n")

    ctx.services.fill_demo(args.contacts, interactions, seed=args.seed, progress=progress)
    ctx.err.write(
        f"added {args.contacts:,} demo contacts and {interactions:,} interactions to "
        f"{shown(str(ctx.db_path))}\n"
    )
    return EXIT_OK


def _add_log_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--contact", type=int, action="append", required=True, metavar="ID")
    p.add_argument("--type", required=True, help="meeting, call, email, interview, ...")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--summary", required=True)
    p.add_argument("--notes", default="")
    p.add_argument(
        "--introducer", type=int, default=None, metavar="ID", help="for introductions: who made it"
    )


@verb("log", "log an interaction with one or more contacts", _add_log_args)
def cmd_log(args: argparse.Namespace, ctx: Context) -> int:
    day = parse_iso_date(args.date, "--date")
    known = ctx.services.preferences.interaction_types
    if args.type not in known:
        raise ValidationError("--type", f"{args.type!r} is not one of: {', '.join(known)}")
    at = datetime.combine(day, datetime.now().time().replace(microsecond=0))
    iid, _ = ctx.services.activity.log(
        Interaction(
            occurred_at=at,
            type=args.type,
            summary=args.summary,
            notes=args.notes,
            contact_ids=tuple(args.contact),
            introducer_id=args.introducer,
        )
    )
    ctx.print_json(
        {"id": iid, "contacts": args.contact, "type": args.type, "date": day.isoformat()}
    )
    return EXIT_OK


def _add_due_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true")
    p.add_argument("--today", default=None, metavar="YYYY-MM-DD", help="default: today")


@verb(
    "due",
    "what the Today view shows: overdue and due follow-ups, cadences, birthdays",
    _add_due_args,
)
def cmd_due(args: argparse.Namespace, ctx: Context) -> int:
    today = parse_iso_date(args.today, "--today") if args.today else date.today()
    items = ctx.read(lambda r: r.due(today))
    if args.json:
        ctx.print_json(
            [
                {
                    "contact_id": d.contact_id,
                    "display_name": d.display_name,
                    "due": d.due.isoformat(),
                    "reason": d.reason,
                    "detail": d.detail,
                    "follow_up_id": d.follow_up_id,
                }
                for d in items
            ]
        )
        return EXIT_OK
    for d in items:
        ctx.out.write(
            f"{d.due.isoformat()}  {d.reason:<9}  {shown(d.display_name)}  {shown(d.detail)}\n"
        )
    return EXIT_OK


def _add_export_ics_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="FILE", help="the .ics file to write")


@verb(
    "export-ics",
    "write open follow-ups and birthdays (yearly) as an iCalendar .ics file",
    _add_export_ics_args,
)
def cmd_export_ics(args: argparse.Namespace, ctx: Context) -> int:
    summary = ctx.services.activity.export_ics(args.file)
    ctx.err.write(
        f"wrote {summary.follow_ups:,} follow-up{'s' if summary.follow_ups != 1 else ''} and "
        f"{summary.birthdays:,} birthday{'s' if summary.birthdays != 1 else ''} to "
        f"{shown(str(args.file))}\n"
    )
    return EXIT_OK


# ------------------------------------------------------ backups and CSV (reliability)
def _add_backup_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "file",
        nargs="?",
        type=Path,
        metavar="FILE",
        help="where to write the backup (default: the backups folder beside the database)",
    )


@verb(
    "backup", "back up the database (SQLite backup API, then an integrity check)", _add_backup_args
)
def cmd_backup(args: argparse.Namespace, ctx: Context) -> int:
    from netdesk.services.backups import backup_database, make_backup

    if not ctx.db_path.is_file():
        raise NetDeskError(f"there is no database at {ctx.db_path} to back up")
    if args.file is None:
        dest = make_backup(ctx.db_path).path
    else:
        dest = Path(args.file).expanduser()
        if dest.exists():
            raise NetDeskError(f"{dest} already exists; choose another name")
        backup_database(ctx.db_path, dest)
    ctx.out.write(f"{shown(str(dest))}\n")
    ctx.err.write(
        f"backed up {shown(str(ctx.db_path))} to {shown(str(dest))} (integrity check passed)\n"
    )
    return EXIT_OK


def _add_restore_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="FILE", help="the backup to restore")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")


@verb(
    "restore",
    "replace the database with a backup (the current database is backed up first)",
    _add_restore_args,
)
def cmd_restore(args: argparse.Namespace, ctx: Context) -> int:
    from netdesk import paths
    from netdesk.services.backups import backup_before_migration, restore_backup, verify_backup
    from netdesk.storage.db import open_database

    source = Path(args.file).expanduser()
    if not source.exists() and (paths.backups_dir(ctx.db_path) / source).is_file():
        source = paths.backups_dir(ctx.db_path) / source
    check = verify_backup(source)
    if not args.yes:
        ctx.err.write(
            f"Replace the database {shown(str(ctx.db_path))} with the backup "
            f"{shown(str(source))} ({check.contacts:,} contacts)? The current database is "
            "backed up first. [y/N] "
        )
        ctx.err.flush()
        answer = sys.stdin.readline() if sys.stdin is not None else ""
        if not answer:
            raise NetDeskError(
                "no answer on stdin; nothing was restored (use --yes to skip the question)"
            )
        if answer.strip().lower() not in ("y", "yes"):
            ctx.err.write("nothing was restored\n")
            return EXIT_ERROR
    result = restore_backup(ctx.db_path, source)
    open_database(ctx.db_path, before_migrate=backup_before_migration).close()
    if result.safety_backup is not None:
        ctx.err.write(
            f"the previous database was backed up to {shown(str(result.safety_backup))}\n"
        )
    if result.moved_aside is not None:
        ctx.err.write(
            f"the damaged previous database was moved to {shown(str(result.moved_aside))}\n"
        )
    ctx.err.write(
        f"restored {check.contacts:,} contacts from {shown(str(source))} into "
        f"{shown(str(ctx.db_path))}\n"
    )
    return EXIT_OK


def _add_export_csv_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="FILE", help="the .csv file to write")
    p.add_argument("--tag", default=None, help="only contacts with this tag")


@verb(
    "export-csv", "write contacts as CSV (spreadsheet formulas neutralised)", _add_export_csv_args
)
def cmd_export_csv(args: argparse.Namespace, ctx: Context) -> int:
    from netdesk.services.csv_export import export_csv

    n = export_csv(ctx.services.contacts, Path(args.file).expanduser(), tag=args.tag)
    ctx.err.write(f"wrote {n:,} contact{'s' if n != 1 else ''} to {shown(str(args.file))}\n")
    return EXIT_OK


def _add_parse_card_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--region",
        default=None,
        help="region for national phone numbers, e.g. DE (default: your preference)",
    )


@verb(
    "parse-card",
    "read card or signature text on stdin, print the parsed fields as JSON (contact shape)",
    _add_parse_card_args,
)
def cmd_parse_card(args: argparse.Namespace, ctx: Context) -> int:
    from netdesk import paths
    from netdesk.core.cardparse import parse_card_text
    from netdesk.formats.jsonshape import contact_to_json
    from netdesk.settings import SettingsStore

    region = args.region
    if region is None:  # no database needed: the region comes from the preferences
        region = SettingsStore(paths.config_dir()).preferences().default_region or None
    elif not region.isalpha() or len(region) != 2:
        raise ValidationError("--region", f"{region!r} is not a two-letter region code")
    text = sys.stdin.read()
    if not text.strip():
        raise ValidationError("stdin", "no card text was given")
    parsed = parse_card_text(text, region.upper() if region else None)
    data = contact_to_json(parsed.contact)
    data["guessed"] = sorted(parsed.guessed)
    data["unparsed"] = list(parsed.unparsed)
    ctx.print_json(data)
    return EXIT_OK


def _add_scan_card_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("images", nargs="+", type=Path, metavar="IMAGE", help="card photos")
    p.add_argument(
        "--region",
        default=None,
        help="region for national phone numbers, e.g. DE (default: your preference)",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="print per image the contact shape plus lines, guessed, unparsed and warnings",
    )


@verb(
    "scan-card",
    "read business-card photos on this computer (nothing is sent anywhere) into contact fields",
    _add_scan_card_args,
)
def cmd_scan_card(args: argparse.Namespace, ctx: Context) -> int:
    from netdesk import paths
    from netdesk.formats.jsonshape import contact_to_json
    from netdesk.scan import read_card_image
    from netdesk.scan.engine import EngineError
    from netdesk.settings import SettingsStore

    region = args.region
    if region is None:
        region = SettingsStore(paths.config_dir()).preferences().default_region or None
    elif not region.isalpha() or len(region) != 2:
        raise ValidationError("--region", f"{region!r} is not a two-letter region code")
    files = [Path(f).expanduser() for f in args.images]
    for f in files:
        if not f.is_file():
            raise NetDeskError(f"{f} does not exist or is not a file")
    results = []
    for f in files:
        try:
            scan = read_card_image(f, region=region.upper() if region else None)
        except (ValueError, EngineError) as exc:
            raise NetDeskError(str(exc)) from exc
        data = contact_to_json(scan.contact)
        data["image"] = str(f)
        data["lines"] = [{"text": ln.text, "confidence": ln.confidence} for ln in scan.lines]
        data["guessed"] = sorted(scan.guessed)
        data["low_confidence"] = sorted(scan.low_confidence_fields)
        data["unparsed"] = list(scan.unparsed)
        data["warnings"] = list(scan.warnings)
        results.append(data)
        if not args.json:
            c = scan.contact
            ctx.out.write(f"{f}: {c.display_name or '(no name read)'}\n")
            for label, value in (
                ("title", c.title),
                ("company", c.organization),
                ("email", ", ".join(e.value for e in c.emails)),
                ("phone", ", ".join(p.value for p in c.phones)),
            ):
                if value:
                    ctx.out.write(f"  {label}: {value}\n")
            for w in scan.warnings:
                ctx.out.write(f"  warning: {w}\n")
    if args.json:
        ctx.print_json(results)
    return EXIT_OK


# ------------------------------------------------------------- vCard import and export
def _add_import_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help="vCard (.vcf) or CSV (.csv) files"
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="print {cards, imported, merged, skipped, unreadable: [{file, card, line, reason}]}",
    )
    p.add_argument(
        "--policy",
        choices=("merge", "skip", "new"),
        default="merge",
        help="cards that match a contact: merge into it (default), skip them, or add as new",
    )
    p.add_argument(
        "--map",
        default="",
        metavar="'Column=field,...'",
        help="CSV: the field for a column (by header, or 'Column 3' / '3'); fields: "
        "given_name, family_name, display_name, organization, title, email, phone, "
        "phone_mobile, street, city, postal_code, country, birthday, notes, ignore, ...",
    )
    p.add_argument(
        "--no-header",
        action="store_true",
        help="CSV: the first row is a contact, not column names (columns mapped from values)",
    )
    p.add_argument("--encoding", default=None, help="CSV: read with this encoding (e.g. cp932)")


@verb(
    "import",
    "import vCard 2.1/3.0/4.0 or CSV files (LinkedIn, Outlook, Google; matches are merged)",
    _add_import_args,
)
def cmd_import(args: argparse.Namespace, ctx: Context) -> int:
    last = [datetime.now()]

    def progress(stage: str, done: int, total: int) -> None:
        if total and (datetime.now() - last[0]).total_seconds() > 1:
            last[0] = datetime.now()
            ctx.err.write(f"  {stage}: {done:,} of {total:,}\n")

    from netdesk.formats.csv import CsvOptions, parse_mapping

    files = [Path(f).expanduser() for f in args.files]
    try:
        options = CsvOptions(args.encoding, args.no_header, parse_mapping(args.map))
        report = ctx.services.interchange.import_files(
            files, args.policy, progress=progress, csv_options=options
        )
    except (NetDeskError, ValueError) as err:
        if not args.json:
            if isinstance(err, ValueError):
                ctx.err.write(f"netdesk import: --map: {err}\n")
                return EXIT_USAGE
            raise
        # --json always answers: the whole import was refused, and why
        reason = str(err)
        named = [str(f) for f in files if str(f) in reason or reason.startswith(f.name)]
        ctx.print_json(
            {
                "cards": 0,
                "imported": 0,
                "merged": 0,
                "skipped": 0,
                "unreadable": [],
                "warnings": [],
                "values_kept": 0,
                "conflicts": [],
                "refused": [{"file": (named or [str(f) for f in files])[0], "reason": reason}],
            }
        )
        # and the sentence for a person at a terminal, as without --json
        ctx.err.write(f"netdesk: {shown(reason)}\n")
        return EXIT_ERROR
    if args.json:
        ctx.print_json(report.as_json())
        return EXIT_OK
    ctx.out.write(f"{report.summary()}\n")
    from netdesk.formats.csv import record_word

    for u in report.unreadable:
        where = f"{u.file}, {record_word(u.file)} {u.card} (line {u.line})"
        ctx.out.write(f"  unreadable: {shown(where)}: {shown(u.reason)}\n")
    for w in report.warnings[:WARNINGS_SHOWN]:
        where = f"{w.file}, {record_word(w.file)} {w.card} (line {w.line})"
        ctx.out.write(f"  warning: {shown(where)}: {shown(w.reason)}\n")
    if len(report.warnings) > WARNINGS_SHOWN:
        ctx.out.write(
            f"  … and {len(report.warnings) - WARNINGS_SHOWN:,} more warnings (all of them "
            "with --json)\n"
        )
    for _file, reason in report.no_card:
        ctx.out.write(f"  {shown(reason)}\n")
    return EXIT_OK


def _add_export_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="FILE", help="the .vcf file to write")
    p.add_argument("--version", choices=("3.0", "4.0"), default="3.0", help="default 3.0")
    p.add_argument("--tag", default=None, help="only contacts with this tag")


@verb("export", "write contacts as one vCard file (3.0 by default)", _add_export_args)
def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    service = ctx.services.interchange
    ids = service.export_ids(tag=args.tag)
    if args.tag and not ids:
        raise NetDeskError(f"no contact has the tag {args.tag!r}; nothing was written")
    n = service.export_to_file(Path(args.file).expanduser(), ids, args.version)
    ctx.err.write(f"wrote {n:,} contact{'s' if n != 1 else ''} to {shown(str(args.file))}\n")
    return EXIT_OK


# Verbs written in their own modules register themselves in VERBS when imported.
import netdesk.cli_jobsearch  # noqa: E402, F401


# ------------------------------------------------------------------------ CardDAV sync
def _add_account_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=("add", "list", "remove"), help="what to do")
    p.add_argument("--url", help="server or address book URL (add)")
    p.add_argument("--user", help="user name (add)")
    p.add_argument("--book", default=None, help="address book URL when there are several (add)")
    p.add_argument(
        "--vcard-version",
        choices=("3.0", "4.0"),
        default="3.0",
        help="vCard version written to the server (add; default 3.0)",
    )
    p.add_argument("--id", type=int, default=None, help="account id (remove)")
    p.add_argument("--json", action="store_true", help="print JSON")


@verb(
    "account",
    "CardDAV accounts: add (password from NETDESK_DAV_PASSWORD or asked), list, remove",
    _add_account_args,
)
def cmd_account(args: argparse.Namespace, ctx: Context) -> int:
    svc = ctx.services.sync
    if args.action == "list":
        rows = [
            {
                "id": a.id,
                "url": a.url,
                "user": a.username,
                "address_book": a.book_url,
                "last_sync": a.last_sync_at.isoformat(timespec="seconds")
                if a.last_sync_at
                else None,
                "last_result": a.last_result,
            }
            for a in svc.accounts()
        ]
        if args.json:
            ctx.print_json(rows)
        else:
            for r in rows:
                ctx.out.write(shown(f"{r['id']}: {r['user']} at {r['address_book']}") + "\n")
        return EXIT_OK
    if args.action == "remove":
        svc.remove_account(svc.account(args.id).id)
        ctx.err.write("account removed; the contacts stay\n")
        return EXIT_OK
    if not args.url or not args.user:
        raise ValidationError("account add", "needs --url URL and --user USER")
    password = _dav_password(args.user, args.url)
    account, in_keyring = svc.add_account(
        args.url, args.user, password, book_url=args.book, version=args.vcard_version
    )
    where = "in the system keyring" if in_keyring else "nowhere (no system keyring)"
    ctx.err.write(
        shown(f"added account {account.id}: {account.book_name} ({account.book_url}); ")
        + f"the password is kept {where}\n"
    )
    if args.json:
        ctx.print_json({"id": account.id, "address_book": account.book_url})
    return EXIT_OK


def _dav_password(user: str, url: str) -> str:
    from netdesk.services.sync import PASSWORD_ENV

    password = os.environ.get(PASSWORD_ENV)
    if password:
        return password
    if not sys.stdin.isatty():
        raise ValidationError(
            "password", f"set {PASSWORD_ENV} or run in a terminal to be asked for it"
        )
    import getpass

    return getpass.getpass(f"Password for {user} at {url}: ")


def _add_sync_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dry-run", action="store_true", help="say what would change; change nothing")
    p.add_argument(
        "--json",
        action="store_true",
        help="print {uploaded, downloaded, updated_local, updated_remote, "
        "deleted_local, deleted_remote, conflicts, errors}",
    )
    p.add_argument("--account", type=int, default=None, help="account id (default: the first)")
    p.add_argument(
        "--confirm-deletions",
        action="store_true",
        help="go on when many cards would be deleted at once",
    )


@verb("sync", "two-way sync with the CardDAV account", _add_sync_args)
def cmd_sync(args: argparse.Namespace, ctx: Context) -> int:
    from netdesk.services.sync import MassDeletion, SyncAborted
    from netdesk.sync.dav import DavError

    svc = ctx.services.sync
    account = svc.account(args.account)
    password = svc.passwords.get(account)
    if password is None:
        password = _dav_password(account.username, account.url)
    try:
        report = svc.run(
            account.id,
            password=password,
            dry_run=args.dry_run,
            confirm_deletions=args.confirm_deletions,
        )
    except (DavError, SyncAborted) as err:
        if args.json:
            data = {
                k: 0
                for k in (
                    "uploaded",
                    "downloaded",
                    "updated_local",
                    "updated_remote",
                    "deleted_local",
                    "deleted_remote",
                    "conflicts",
                )
            }
            data["errors"] = [err.message]  # type: ignore[assignment]
            if isinstance(err, MassDeletion):
                data["deleted_local"], data["deleted_remote"] = err.local, err.remote
            ctx.print_json(data)
        ctx.err.write(f"netdesk: {shown(err.message)}\n")
        return EXIT_ERROR
    if args.json:
        ctx.print_json(report.as_json())
    else:
        ctx.out.write(report.summary() + "\n")
        for e in report.errors:
            ctx.out.write(f"  {shown(e)}\n")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    return run(sys.argv[1:] if argv is None else argv)


# --------------------------------------------------------------------- duplicates
def _add_duplicates_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--json", action="store_true", help="print [{ids, score, reasons}], strongest first"
    )


@verb("duplicates", "contacts that look like one person, strongest first", _add_duplicates_args)
def cmd_duplicates(args: argparse.Namespace, ctx: Context) -> int:
    groups = ctx.services.duplicates.scan()
    if args.json:
        ctx.print_json([g.as_json() for g in groups])
        return EXIT_OK
    names = ctx.services.contacts.names(sorted({i for g in groups for i in g.ids}))
    for g in groups:
        who = ", ".join(f"{names.get(i, '?')} ({i})" for i in g.ids)
        ctx.out.write(f"{g.score:>3}  {who}\n     {'; '.join(g.reasons)}\n")
    ctx.err.write(f"{len(groups)} group{'s' if len(groups) != 1 else ''} found\n")
    return EXIT_OK


def _add_merge_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("ids", type=int, nargs="+", metavar="ID", help="two or more contact ids")
    p.add_argument("--keep", type=int, default=None, metavar="ID", help="the contact that stays")


@verb("merge", "merge contacts into one (prints the id that stays)", _add_merge_args)
def cmd_merge(args: argparse.Namespace, ctx: Context) -> int:
    if len(set(args.ids)) < 2:
        raise ValidationError("merge", "give two or more different contact ids")
    result = ctx.services.duplicates.merge(args.ids, keep=args.keep)
    ctx.out.write(f"{result.survivor_id}\n")
    merged = ", ".join(str(i) for i in result.merged_ids)
    ctx.err.write(f"merged {merged} into {result.survivor_id}\n")
    return EXIT_OK


def _add_not_duplicates_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("first", type=int, metavar="ID")
    p.add_argument("second", type=int, metavar="ID")


@verb(
    "not-duplicates",
    "remember that two contacts are not the same person",
    _add_not_duplicates_args,
)
def cmd_not_duplicates(args: argparse.Namespace, ctx: Context) -> int:
    ctx.services.duplicates.reject(args.first, args.second)
    ctx.err.write(f"{args.first} and {args.second} will not be proposed as duplicates again\n")
    return EXIT_OK
