"""Garbage-collection pauses on the GUI thread while the window previews a big import.

    uv run python benchmarks/gc_pause.py [--contacts 10000] [--cards 6000] [--settle 3]

The real main window runs offscreen on a private copy of the shared demo database
(``make_data.py``; 10,000 contacts, 100,000 interactions). File > Import… is triggered the
way a user does it (the file dialog answers with a generated vCard file of ``--cards`` cards,
every tenth with a small photo: ``import_export_bench.generate``), so the preview runs as the
GUI runs it: on the database worker, with the progress dialog, and the plan comes back to the
GUI thread, which opens the preview dialog. The script then lets the event loop run for
``--settle`` seconds more (the plan is held by the dialog; that is when a full collection
over it would stall the window) and stops.

Every collection in that time is recorded through ``gc.callbacks`` (start and stop on
``time.perf_counter``, generation, thread name). Printed: count, total and longest pause on
the GUI thread, the same on any other thread, and the longest gap between 10 ms ticks of a
GUI-thread timer (how long the event loop stalled for any reason).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))


class Recorder:
    """Every collection as (thread name, generation, start, stop, collected)."""

    def __init__(self) -> None:
        self.events: list[tuple[str, int, float, float, int]] = []
        self._started: dict[int, float] = {}
        self.on = False

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        now = time.perf_counter()
        ident = threading.get_ident()
        if phase == "start":
            self._started[ident] = now
            return
        began = self._started.pop(ident, None)
        if began is None or not self.on:
            return
        name = threading.current_thread().name
        self.events.append((name, info["generation"], began, now, info.get("collected", 0)))


def summary(events: list[tuple[str, int, float, float, int]]) -> str:
    if not events:
        return "0 collections"
    pauses = [stop - start for _n, _g, start, stop, _c in events]
    by_gen = [sum(1 for e in events if e[1] == g) for g in range(3)]
    return (
        f"{len(events)} collections (gen 0/1/2: {by_gen[0]}/{by_gen[1]}/{by_gen[2]}), "
        f"total {sum(pauses) * 1000:.1f} ms, longest {max(pauses) * 1000:.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--cards", type=int, default=6_000)
    parser.add_argument("--settle", type=float, default=3.0, help="seconds after the preview")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every collection")
    parser.add_argument(
        "--then-cancel",
        action="store_true",
        help="afterwards cancel the preview (the plan is let go) and report the collections "
        "of the next few seconds separately",
    )
    args = parser.parse_args()

    from make_data import database

    source = database(args.contacts)
    work = Path(tempfile.mkdtemp(prefix="netdesk-gc-"))
    try:
        return run(args, source, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace, source: Path, work: Path) -> int:
    import gc

    from import_export_bench import generate

    home = work / "home"
    home.mkdir()
    os.environ["NETDESK_HOME"] = str(home)
    shutil.copyfile(source, home / "netdesk.db")
    vcf = work / f"import-{args.cards}.vcf"
    info = generate(vcf, args.cards)
    print(
        f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"database: {args.contacts:,} contacts; file: {args.cards:,} cards, "
        f"{info['bytes'] / 1e6:.1f} MB, {info['photos']:,} photos"
    )

    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QFileDialog

    from netdesk.services.container import Services
    from netdesk.settings import SettingsStore

    try:
        from netdesk.ui.shell.application import build_context, create_application
        from netdesk.ui.shell.main_window import MainWindow
    except ImportError:  # before the UI was arranged by feature (to measure "before")
        from netdesk.ui.application import (  # type: ignore[no-redef]
            build_context,
            create_application,
        )
        from netdesk.ui.main_window import MainWindow  # type: ignore[no-redef]

    app = create_application([])
    services = Services.open(home / "netdesk.db", SettingsStore(home / "config"))
    ctx = build_context(services)
    window = MainWindow(ctx)
    window.show()
    policy = getattr(ctx, "gc_policy", None)
    if policy is not None:  # as run_main_window does once the window is on screen
        QTimer.singleShot(0, policy.startup_finished)

    # File > Import…: the file dialog answers with the generated file.
    QFileDialog.getOpenFileNames = staticmethod(  # type: ignore[method-assign]
        lambda *_a, **_k: ([str(vcf)], "")
    )
    recorder = Recorder()
    gc.callbacks.append(recorder)
    clock = QElapsedTimer()
    state: dict[str, Any] = {"last": 0, "max_gap": 0, "start": 0.0, "shown": 0.0}

    def tick() -> None:
        now = clock.elapsed()
        state["max_gap"] = max(state["max_gap"], now - state["last"])
        state["last"] = now

    ticker = QTimer()
    ticker.setInterval(10)
    ticker.timeout.connect(tick)

    def begin() -> None:
        clock.start()
        state["last"] = 0
        ticker.start()
        recorder.on = True
        state["start"] = time.perf_counter()
        window.interchange.import_action.trigger()
        wait_for_preview()

    def wait_for_preview() -> None:
        dialog = window.interchange.preview_dialog
        if dialog is not None and dialog.isVisible():
            state["shown"] = time.perf_counter()
            QTimer.singleShot(int(args.settle * 1000), app.quit)
        else:
            QTimer.singleShot(20, wait_for_preview)

    QTimer.singleShot(1000, begin)  # let the window settle (first paint, views loaded)
    app.exec()
    recorder.on = False
    ticker.stop()
    gc.callbacks.remove(recorder)

    gui = threading.main_thread().name
    on_gui = [e for e in recorder.events if e[0] == gui]
    elsewhere = [e for e in recorder.events if e[0] != gui]
    dialog = window.interchange.preview_dialog
    plan = dialog.plan if dialog is not None else None
    print(
        f"preview of {plan.total if plan else '?':,} cards shown after "
        f"{state['shown'] - state['start']:.2f} s; measured until {args.settle:.0f} s later"
    )
    print(f"GUI thread:    {summary(on_gui)}")
    print(f"other threads: {summary(elsewhere)}")
    print(f"longest gap between 10 ms ticks on the GUI thread: {state['max_gap']} ms")
    if policy is not None:
        print(f"policy: {dict(sorted(policy.stats.items()))}, {gc.get_freeze_count():,} frozen")
    if args.verbose:
        t0 = state["start"]
        for name, generation, start, stop, collected in recorder.events:
            print(
                f"  {start - t0:7.3f} s  {name:<12} gen {generation}  "
                f"{(stop - start) * 1000:7.1f} ms  {collected:,} collected"
            )
    del plan, dialog  # the benchmark holds no part of the plan
    if args.then_cancel:
        after_cancel(app, window, ctx, recorder, args.settle)
    sys.stdout.flush()
    # Skip interpreter teardown: destroying Qt objects at exit is not what is measured.
    os._exit(0)


def after_cancel(app: Any, window: Any, ctx: Any, recorder: Recorder, settle: float) -> None:
    """Cancel the preview the way the dialog's Cancel button does, let the plan go (as the
    next import would), and record the collections of the next ``settle`` seconds."""
    import gc

    from PySide6.QtCore import QTimer

    recorder.events = []
    gc.callbacks.append(recorder)
    recorder.on = True
    dialog = window.interchange.preview_dialog
    if dialog is not None:
        dialog.reject()
    window.interchange._release_plan()
    QTimer.singleShot(int(settle * 1000), app.quit)
    app.exec()
    recorder.on = False
    gc.callbacks.remove(recorder)
    print(f"after Cancel:  {summary(recorder.events)}")
    policy = getattr(ctx, "gc_policy", None)
    if policy is not None:
        print(f"policy: {dict(sorted(policy.stats.items()))}, {gc.get_freeze_count():,} frozen")


if __name__ == "__main__":
    sys.exit(main())
