"""Build (once) the generated databases the benchmarks share, into benchmarks/data/.

    uv run python benchmarks/make_data.py            # 10,000/100,000 and 100,000/1,000,000
    uv run python benchmarks/make_data.py 10000      # only the small one

Files: benchmarks/data/demo-<contacts>.db with 10 interactions per contact, seed 2026,
'today' fixed to 2026-11-22 so every run measures the same data. A file that exists is reused.
Built under a temporary name and renamed, so a half-built file is never picked up.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
TODAY = date(2026, 11, 22)
SIZES = (10_000, 100_000)


def database(contacts: int) -> Path:
    """Path of the shared benchmark database with ``contacts`` contacts, built if missing."""
    path = DATA / f"demo-{contacts}.db"
    if path.exists():
        return path
    from netdesk.demo.fill import fill_demo
    from netdesk.storage.db import open_database

    DATA.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.building")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    db = open_database(tmp)
    start = time.perf_counter()
    last = [start]

    def progress(stage: str, done: int, total: int) -> None:
        if time.perf_counter() - last[0] > 5:
            last[0] = time.perf_counter()
            print(f"  {stage}: {done:,} of {total:,}", flush=True)

    fill_demo(db, contacts, contacts * 10, seed=2026, today=TODAY, region="US", progress=progress)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    os.replace(tmp, path)
    for suffix in ("-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    print(
        f"built {path.name}: {contacts:,} contacts, {contacts * 10:,} interactions in "
        f"{time.perf_counter() - start:.1f} s, {path.stat().st_size / 1e6:.0f} MB",
        flush=True,
    )
    return path


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or list(SIZES)
    for n in sizes:
        print(database(n))
