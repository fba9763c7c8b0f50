"""Import preview speed: a 6,000-card vCard file matched against a 10,000-contact database.

    uv run python benchmarks/import_preview_bench.py [--cards 6000] [--runs 3]

The database is the shared benchmark database (``make_data.py``, 10,000 contacts), copied to
a temporary folder. The file holds half copies of contacts already in the database (without
their UIDs, so they are found by email, phone and name: the matching the preview does) with
a changed email case and phone format on every other one, and half people who are not there
(the demo generator with another seed, UIDs dropped). Each run times
``InterchangeService.preview`` (reading, parsing in worker processes, matching) and prints
the plan's counts, so a change of the matching rule shows in the figures too.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_data import database


def build_file(db_path: Path, path: Path, cards: int) -> None:
    from netdesk.core.model import Email
    from netdesk.services import demodata
    from netdesk.storage.contacts import ContactRepository
    from netdesk.storage.db import open_database
    from netdesk.vcard import write_vcards

    half = cards // 2
    db = open_database(db_path)
    try:
        with db.unit_of_work(write=False) as s:
            repo = ContactRepository(s)
            ids = repo.query_ids()[::3][:half]
            known = repo.get_many(ids, with_photo=False)
    finally:
        db.close()
    out = []
    for n, c in enumerate(known):
        c = replace(c, id=None, uid="")
        if n % 2:
            c = replace(
                c,
                emails=tuple(Email(e.value.upper(), e.label, e.pref) for e in c.emails),
                phones=tuple(replace(p, value=p.e164 or p.value, e164=None) for p in c.phones),
            )
        out.append(c)
    for c in demodata.generate_contacts(cards - len(out), seed=4242):
        out.append(replace(c, uid=""))
    path.write_text(write_vcards(out, "3.0"), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=6000)
    parser.add_argument("--contacts", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from netdesk.services.interchange import InterchangeService, release_plans
    from netdesk.storage.db import open_database

    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "bench.db"
        shutil.copyfile(database(args.contacts), db_path)
        vcf = Path(tmp) / "cards.vcf"
        build_file(db_path, vcf, args.cards)
        db = open_database(db_path)
        try:
            service = InterchangeService(db, lambda: "US")
            times = []
            for run in range(args.runs):
                start = time.perf_counter()
                cpu = time.process_time()
                kids = resource.getrusage(resource.RUSAGE_CHILDREN)
                holder = [service.preview([vcf])]
                wall, cpu = time.perf_counter() - start, time.process_time() - cpu
                now = resource.getrusage(resource.RUSAGE_CHILDREN)
                workers = now.ru_utime + now.ru_stime - kids.ru_utime - kids.ru_stime
                plan = holder[0]
                times.append(wall)
                print(
                    f"run {run + 1}: {wall:.2f} s wall ({cpu:.2f} s CPU in this process, "
                    f"{workers:.2f} s in reader processes): "
                    f"{plan.total:,} cards, {plan.new:,} new, {plan.matches:,} match, "
                    f"{plan.duplicates:,} duplicate, {len(plan.unreadable):,} unreadable",
                    flush=True,
                )
                release_plans(holder)
            print(f"best of {args.runs}: {min(times):.2f} s")
        finally:
            db.close()


if __name__ == "__main__":
    main()
