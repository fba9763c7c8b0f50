"""How long the duplicate scan takes over 10,000 and 100,000 contacts.

    uv run python benchmarks/duplicates_bench.py            # 10,000 and 100,000
    uv run python benchmarks/duplicates_bench.py 10000      # one size

Builds (once) benchmarks/data/dups-<N>.db: N contacts from the generator of
benchmarks/duplicates_accuracy.py (seed 2026) — about a quarter of the people entered two or
three times with typos, nicknames, initials, swapped names, other phone and email spellings,
job changes; namesakes, colleagues sharing a switchboard and info@, households sharing a
number. Then runs the service's scan (read in batches + blocking + scoring + grouping, as
the app runs it on its worker) three times and prints the best and the worst wall time and
the best CPU time of the process (on a machine shared with other work the wall time is
mostly waiting for a core), the split between reading and matching, candidate pairs and
groups found.

Targets (issue 16): 10,000 contacts in <= 3 s, 100,000 in <= 30 s.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "duplicates_accuracy", HERE / "duplicates_accuracy.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("duplicates_accuracy", module)
    spec.loader.exec_module(module)
    return module


def database(n: int) -> Path:
    path = DATA / f"dups-{n}.db"
    if path.exists():
        return path
    from netdesk.storage.bulk import insert_contacts
    from netdesk.storage.db import open_database

    DATA.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    ts = _generator().generate(int(n / 1.3), seed=2026)
    contacts = ts.contacts[:n]
    tmp = path.with_name(f".{path.name}.{os.getpid()}.building")
    db = open_database(tmp)
    with db.unit_of_work() as s:
        for i in range(0, len(contacts), 5000):
            insert_contacts(s, contacts[i : i + 5000])
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    os.replace(tmp, path)
    for suffix in ("-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    print(f"built {path.name}: {len(contacts):,} contacts in {time.perf_counter() - start:.1f} s")
    return path


def measure(n: int, runs: int = 3) -> None:
    from netdesk.core.matching import find_duplicates
    from netdesk.core.matching.scan import _blocks, candidate_pairs, shared_values
    from netdesk.services.duplicates import DuplicateService
    from netdesk.storage.db import open_database
    from netdesk.storage.duplicates import iter_profiles

    db = open_database(database(n))
    service = DuplicateService(db, lambda: "US")
    walls, cpus = [], []
    groups = []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        groups = service.scan()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    start = time.perf_counter()
    with db.unit_of_work(write=False) as s:
        profiles = list(iter_profiles(s))
    read = time.perf_counter() - start
    start = time.perf_counter()
    find_duplicates(profiles)
    match = time.perf_counter() - start
    blocks = _blocks(profiles)
    pairs = len(candidate_pairs(blocks, shared_values(profiles, blocks)))
    db.close()
    in_groups = sum(len(g.ids) for g in groups)
    print(
        f"{n:>7,} contacts: scan {min(walls):.2f} s best, {max(walls):.2f} s worst of {runs} "
        f"(CPU time {min(cpus):.2f} s best; one more run: read {read:.2f} s + match "
        f"{match:.2f} s); {pairs:,} candidate pairs compared, "
        f"{len(groups):,} groups ({in_groups:,} contacts)"
    )


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    for size in sizes:
        measure(size)
