"""Timeline and Today at scale.

Run with ``uv run python benchmarks/activity_bench.py`` (both sizes) or
``uv run python benchmarks/activity_bench.py --size 10k``; ``--build-only`` just makes sure the
databases exist.

The databases are the shared ones of ``benchmarks/make_data.py`` (built once with
:func:`netdesk.services.demo.fill_demo` into ``benchmarks/data/``, git-ignored, reused):

* ``demo-100000.db``: 100,000 contacts, 1,000,000 interactions
* ``demo-10000.db``: 10,000 contacts, 100,000 interactions

seed 2026, the generator's "today" fixed (``make_data.TODAY``), so every run on every machine
sees the same data; "today" for the Today figures below is that same day.

What is measured, on the real code paths:

* **Today**: ``ActivityService.due(day)`` + ``ActivityService.health(day)``, i.e. everything
  the Today view asks the database for (the view's ``refresh`` calls exactly these two), on
  the generator's "today". Repeated; median and worst reported. Cold = the first call after
  opening the database.
* **Today view refresh**: the same plus filling the Qt model and painting the view offscreen
  (``TodayView.refresh()`` + ``grab()``).
* **Contact timeline**: ``ContactTimeline.set_contact(id)`` for the contact with the most
  interactions (demo contact index 0), until its list is filled and painted (``grab()``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"

for folder in (ROOT, ROOT / "benchmarks"):  # running as a script from a checkout
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

SIZES: dict[str, tuple[int, int]] = {
    "10k": (10_000, 100_000),
    "100k": (100_000, 1_000_000),
}


def db_file(size: str) -> Path:
    return DATA / f"demo-{SIZES[size][0]}.db"


def ensure_database(size: str) -> Path:
    """The shared benchmark database, built once by make_data.py (reused when present)."""
    from make_data import database

    return database(SIZES[size][0])


def _stats(samples: list[float], cpu: list[float] | None = None) -> str:
    ms = [x * 1000 for x in samples]
    text = f"median {statistics.median(ms):.0f} ms, worst {max(ms):.0f} ms"
    if cpu:
        text += f" (CPU median {statistics.median(cpu) * 1000:.0f} ms)"
    return text + f", n={len(ms)}"


def timed(fn: object, repeat: int) -> str:
    """Wall time and this process's CPU time (the latter is what other processes on a busy
    machine cannot inflate much)."""
    wall, cpu = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()  # type: ignore[operator]
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return _stats(wall, cpu)


def contact_near(db_path: Path, wanted: int) -> tuple[int, int]:
    """(id, interaction count) of the contact whose count is closest to ``wanted``."""
    import sqlite3

    with sqlite3.connect(db_path) as conn:
        cid, n = conn.execute(
            "SELECT contact_id, count(*) AS n FROM interaction_contacts "
            "GROUP BY contact_id ORDER BY abs(n - ?) LIMIT 1",
            (wanted,),
        ).fetchone()
    return int(cid), int(n)


def heavy_contact(db_path: Path) -> tuple[int, int]:
    """(id, interaction count) of the contact with the most interactions."""
    import sqlite3

    with sqlite3.connect(db_path) as conn:
        cid, n = conn.execute(
            "SELECT contact_id, count(*) AS n FROM interaction_contacts "
            "GROUP BY contact_id ORDER BY n DESC LIMIT 1"
        ).fetchone()
    return int(cid), int(n)


def measure(size: str, repeat: int) -> dict[str, str]:
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("LANG", "C.UTF-8")
    from make_data import TODAY as DAY  # the day the generated data is centred on
    from PySide6.QtWidgets import QApplication

    from netdesk.services.container import Services
    from netdesk.settings import SettingsStore

    app = QApplication.instance() or QApplication([])
    path = ensure_database(size)
    config = Path(tempfile.mkdtemp(prefix="netdesk-bench-"))
    services = Services.open(path, SettingsStore(config))
    out: dict[str, str] = {}
    try:
        activity = services.activity
        started = time.perf_counter()
        items = activity.due(DAY)
        health = activity.health(DAY)
        out["due + health, cold (first read)"] = f"{(time.perf_counter() - started) * 1000:.0f} ms"
        out["ActivityService.due() + health()"] = timed(
            lambda: (activity.due(DAY), activity.health(DAY)), repeat
        )
        out["ActivityService.today() (what the Today view calls)"] = timed(
            lambda: activity.today(DAY), repeat
        )
        out["today items"] = (
            f"{len(items):,} due items, {health.overdue:,} overdue, "
            f"{health.touched_30:,}/{health.touched_90:,} touched in 30/90 days"
        )

        from netdesk.ui.shell.application import build_context
        from netdesk.ui.timeline.contact_timeline import ContactTimeline
        from netdesk.ui.today.view import TodayView

        ctx = build_context(services)
        widgets: list[object] = []
        try:
            view = TodayView(ctx)
            widgets.append(view)
            view.resize(1180, 760)
            view.show()
            app.processEvents()
            out["Today view refresh + paint (on today's real date)"] = timed(
                lambda: (view.refresh(), view.grab()), repeat
            )

            widget = ContactTimeline(ctx)
            widgets.append(widget)
            widget.resize(520, 760)
            widget.show()
            app.processEvents()

            def open_contact(cid: int) -> None:
                widget.set_contact(cid)
                widget.grab()

            def reopen(cid: int) -> None:
                widget.set_contact(None)
                open_contact(cid)

            cid, n = contact_near(path, 2000)
            out[f"contact timeline, {n:,} interactions: open + paint"] = timed(
                lambda: reopen(cid), repeat
            )
            cid, n = heavy_contact(path)
            out[f"contact timeline, {n:,} interactions (the heaviest): open + paint"] = timed(
                lambda: reopen(cid), repeat
            )
            samples = []
            model = widget.list.timeline_model
            while model.canFetchMore():
                started = time.perf_counter()
                model.fetchMore()
                samples.append(time.perf_counter() - started)
            out["contact timeline, each further page of 200"] = _stats(samples)
        finally:
            for w in widgets:  # delete the widgets while Qt and the database are still up
                w.close()  # type: ignore[attr-defined]
                w.deleteLater()  # type: ignore[attr-defined]
            app.processEvents()
            ctx.worker.shutdown()
    finally:
        services.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), action="append")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    sizes = args.size or ["10k", "100k"]
    for size in sizes:
        ensure_database(size)
    if args.build_only:
        return 0
    for size in sizes:
        contacts, interactions = SIZES[size]
        print(f"## {contacts:,} contacts / {interactions:,} interactions ({db_file(size).name})")
        for key, value in measure(size, args.repeat).items():
            print(f"- {key}: {value}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
