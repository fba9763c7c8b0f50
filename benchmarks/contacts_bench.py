"""Contacts list at scale: start-up to first rows, search latency, scrolling, peak memory.

Run with ``uv run python benchmarks/contacts_bench.py`` (both sizes, 10k then 100k) or
``uv run python benchmarks/contacts_bench.py --size 10k``.

The databases (10,000 contacts / 100,000 interactions and 100,000 / 1,000,000) are the shared
ones built once by ``benchmarks/make_data.py`` (``fill_demo``, seed 2026) into
``benchmarks/data/`` (git-ignored) and reused; each run works on a private copy, so the app's
migrations and backups never touch the shared file.

What is measured, on the real code paths:

* **start to first rows**: a real process ``python -m netdesk --db COPY`` runs offscreen with
  ``NETDESK_BENCH_FIRST_PAINT=1`` (the app opens on the contact list and prints a line when
  its table has painted rows, then quits); the time is taken by this script from just
  before it launches the process until it reads that line, so interpreter start-up, imports,
  opening the database, building the main window and the first paint are all included.
  Median of 3 launches (the first one also warms the OS file cache).
* **search latency**: 200+ queries typed the way people search (1-4 letter prefixes of
  names and organisations, two-word queries such as a first-name and a surname prefix),
  generated with a fixed seed from the data; each one goes through
  ``ContactsView.apply_search`` (what the debounce timer calls) -> ``ContactTableModel`` ->
  ``ContactService`` -> SQLite, timed until the model has been reset with the new rows.
  When most contacts match, the model is filled lazily: the time until the whole list is
  complete (from the event loop, in slices) is reported too, and so is the longest slice.
* **scrolling**: the main window at 1180x760 offscreen on the contact list; the table's
  vertical scrollbar is stepped page by page from top to bottom; each step is timed from
  ``setValue`` through ``processEvents`` and a full ``grab()`` of the table's viewport
  (which paints every visible cell, fetching rows not cached yet).
* **peak memory**: peak RSS (``ru_maxrss``) of the measuring process, and of the start-up
  process at its first paint.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

if str(ROOT) not in sys.path:  # running as a script from a checkout
    sys.path.insert(0, str(ROOT))

SIZES: dict[str, int] = {"10k": 10_000, "100k": 100_000}
QUERIES = 240
WINDOW = (1180, 760)


def ensure_database(size: str) -> Path:
    """The shared benchmark database (built once by benchmarks/make_data.py, then reused)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from make_data import database

    return database(SIZES[size])


def private_copy(source: Path, folder: Path) -> Path:
    target = folder / "bench.db"
    shutil.copyfile(source, target)
    return target


# ------------------------------------------------------------------ start-up (subprocess)
def measure_startup(db: Path, home: Path, runs: int = 3) -> dict[str, Any]:
    env = dict(os.environ)
    env.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            "NETDESK_HOME": str(home),
            "NETDESK_BENCH_FIRST_PAINT": "1",
            "NETDESK_BENCH_QUIT": "1",
        }
    )
    times: list[float] = []
    peaks: list[int] = []
    rows = 0
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "netdesk", "--db", str(db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        assert proc.stdout is not None
        line = ""
        for line in proc.stdout:
            if line.startswith("first-rows-painted"):
                times.append(time.perf_counter() - started)
                break
        try:
            _, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
        if not line.startswith("first-rows-painted"):
            raise RuntimeError(f"the app never painted rows: {err[-2000:]}")
        _, n_rows, peak = line.split()
        rows = int(n_rows)
        peaks.append(int(peak))
    return {
        "startup_s": statistics.median(times),
        "startup_all_s": times,
        "startup_rows": rows,
        "startup_peak_mb": max(peaks) / 1024,
    }


# ---------------------------------------------------------------- queries people type
def typed_queries(services: Any, n: int, seed: int = 2026) -> list[str]:
    """1-4 letter prefixes of names and organisations, and two-word queries, in about equal
    shares, drawn with a fixed seed from the contacts in the database."""
    rng = random.Random(seed)
    ids = services.contacts.list_ids()
    sample = services.contacts.get_many(rng.sample(ids, min(len(ids), 400)))
    words: list[tuple[str, str, str]] = [
        (c.given_name, c.family_name, c.organization.split()[0] if c.organization else "")
        for c in sample
    ]
    out: list[str] = []
    while len(out) < n:
        given, family, org = rng.choice(words)
        kind = len(out) % 5
        if kind < 4:  # a prefix of 1, 2, 3 or 4 letters
            word = rng.choice([w for w in (given, family, org) if w] or ["a"])
            out.append(word[: kind + 1].lower())
        else:  # two words: first name and surname prefixes, or company and first name
            if given and family and rng.random() < 0.6:
                out.append(f"{given[: rng.randint(2, 4)]} {family[: rng.randint(1, 3)]}".lower())
            else:
                first = org or family or given
                out.append(f"{first[: rng.randint(3, 5)]} {given[:2] or 'a'}".lower())
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


# ----------------------------------------------------------- in-process measurements
def measure_in_process(db: Path, home: Path) -> dict[str, Any]:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["NETDESK_HOME"] = str(home)
    from PySide6.QtWidgets import QApplication

    from netdesk.services.container import Services
    from netdesk.settings import SettingsStore
    from netdesk.ui.contacts.view import ContactsView
    from netdesk.ui.shell.application import build_context
    from netdesk.ui.shell.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    services = Services.open(db, SettingsStore(home / "config"))
    ctx = build_context(services)
    window = MainWindow(ctx)
    window.resize(*WINDOW)
    window.show()
    window.show_view("contacts")
    view = window.views["contacts"]
    assert isinstance(view, ContactsView)
    for _ in range(5):
        app.processEvents()
    result: dict[str, Any] = {"contacts": view.model.rowCount()}

    # ---- search latency through the real model path
    queries = typed_queries(services, QUERIES)
    latencies: list[float] = []
    cpu: list[float] = []  # CPU time of the GUI thread: less sensitive to other processes
    complete: list[float] = []
    slices: list[float] = []
    lazy = 0
    per_kind: dict[int, list[float]] = {}
    for q in queries:
        view.search.blockSignals(True)  # the debounce is not what we time
        view.search.setText(q)
        view.search.blockSignals(False)
        c0 = time.thread_time()
        t0 = time.perf_counter()
        view.apply_search()
        t1 = time.perf_counter()
        cpu.append((time.thread_time() - c0) * 1000)
        latencies.append((t1 - t0) * 1000)
        kind = len(q) if " " not in q else 9
        per_kind.setdefault(min(kind, 9), []).append((t1 - t0) * 1000)
        if view.model.pending:
            lazy += 1
            while view.model.pending:
                s0 = time.perf_counter()
                app.processEvents()
                slices.append((time.perf_counter() - s0) * 1000)
            complete.append((time.perf_counter() - t0) * 1000)
        app.processEvents()  # paint the result
    result.update(
        {
            "queries": len(queries),
            "query_examples": queries[:12],
            "search_p50_ms": statistics.median(latencies),
            "search_p95_ms": percentile(latencies, 95),
            "search_max_ms": max(latencies),
            "search_cpu_p95_ms": percentile(cpu, 95),
            "search_p95_by_kind_ms": {
                ("two words" if k == 9 else f"{k} letter{'s' if k > 1 else ''}"): round(
                    percentile(v, 95), 2
                )
                for k, v in sorted(per_kind.items())
            },
            "lazy_searches": lazy,
            "lazy_complete_p95_ms": percentile(complete, 95) if complete else 0.0,
            "lazy_longest_slice_ms": max(slices) if slices else 0.0,
        }
    )

    # ---- scrolling the whole list page by page
    view.search.setText("")
    view.apply_search()
    app.processEvents()
    bar = view.table.verticalScrollBar()
    bar.setValue(0)
    app.processEvents()
    frames: list[float] = []
    value = 0
    while True:
        t0 = time.perf_counter()
        bar.setValue(value)
        app.processEvents()
        view.table.viewport().grab()
        frames.append((time.perf_counter() - t0) * 1000)
        if value >= bar.maximum():
            break
        value = min(bar.maximum(), value + bar.pageStep())
    result.update(
        {
            "scroll_steps": len(frames),
            "scroll_p50_ms": statistics.median(frames),
            "scroll_p99_ms": percentile(frames, 99),
            "scroll_max_ms": max(frames),
            "scroll_frames_over_50ms": sum(1 for f in frames if f > 50),
            "bottom_row_shown": view.model.index(view.model.rowCount() - 1, 0).data(),
        }
    )
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.close()
    ctx.worker.shutdown()
    services.close()
    return result


def run_size(size: str) -> dict[str, Any]:
    source = ensure_database(size)
    with tempfile.TemporaryDirectory(prefix="netdesk-contacts-bench-") as tmp:
        folder = Path(tmp)
        home = folder / "home"
        home.mkdir()
        db = private_copy(source, folder)
        figures: dict[str, Any] = {"size": size}
        figures.update(measure_startup(db, home))
        # the in-process part runs in its own interpreter so peak RSS is this size's own
        proc = subprocess.run(
            [sys.executable, __file__, "--inner", str(db), str(home)],
            capture_output=True,
            text=True,
            check=False,
            cwd=ROOT,
        )
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr[-3000:])
        figures.update(json.loads(proc.stdout.strip().splitlines()[-1]))
    return figures


ROWS = (
    ("contacts", "contacts", "{:,}"),
    ("start to first rows painted (s, median of 3)", "startup_s", "{:.2f}"),
    ("peak RSS of that process at first paint (MB)", "startup_peak_mb", "{:.0f}"),
    ("search latency p50 (ms)", "search_p50_ms", "{:.1f}"),
    ("search latency p95 (ms)", "search_p95_ms", "{:.1f}"),
    ("search latency max (ms)", "search_max_ms", "{:.1f}"),
    ("search CPU time of the GUI thread p95 (ms)", "search_cpu_p95_ms", "{:.1f}"),
    ("searches filled lazily", "lazy_searches", "{}"),
    ("  list complete after, p95 (ms)", "lazy_complete_p95_ms", "{:.1f}"),
    ("  longest slice in the event loop (ms)", "lazy_longest_slice_ms", "{:.1f}"),
    ("scroll steps (pages)", "scroll_steps", "{:,}"),
    ("scroll frame p50 (ms)", "scroll_p50_ms", "{:.1f}"),
    ("scroll frame p99 (ms)", "scroll_p99_ms", "{:.1f}"),
    ("scroll frame max (ms)", "scroll_max_ms", "{:.1f}"),
    ("scroll frames over 50 ms", "scroll_frames_over_50ms", "{}"),
    ("peak RSS, measuring process (MB)", "peak_rss_mb", "{:.0f}"),
)


def print_table(results: list[dict[str, Any]]) -> None:
    sizes = [r["size"] for r in results]
    print(f"| measure | {' | '.join(sizes)} |")
    print(f"|---|{'---:|' * len(sizes)}")
    for label, key, fmt in ROWS:
        cells = [fmt.format(r[key]) for r in results]
        print(f"| {label} | {' | '.join(cells)} |")
    for r in results:
        print(f"\n{r['size']}: search p95 by query kind (ms): {r['search_p95_by_kind_ms']}")
        print(f"{r['size']}: example queries: {r['query_examples']}")
        print(f"{r['size']}: the three start-ups (s): {[round(t, 2) for t in r['startup_all_s']]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), action="append")
    parser.add_argument("--inner", nargs=2, metavar=("DB", "HOME"), help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    if args.inner:
        figures = measure_in_process(Path(args.inner[0]), Path(args.inner[1]))
        print(json.dumps(figures), flush=True)
        # The figures are out; skip interpreter teardown, where PySide 6.12 has been seen to
        # abort ("none_dealloc") while garbage-collecting Qt wrappers in this measuring
        # process (the app itself exits cleanly).
        os._exit(0)
    load_before = os.getloadavg()
    results = [run_size(size) for size in (args.size or ["10k", "100k"])]
    print_table(results)
    print(
        f"\nload average (1 min) before / after: {load_before[0]:.1f} / {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} CPUs"
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
