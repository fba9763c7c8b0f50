"""Garbage collection happens on the GUI thread only (never on the database worker)."""

from __future__ import annotations

import gc
import threading

from netdesk.ui.shell import gc_policy


def test_automatic_collection_is_off_and_the_gui_timer_collects(ui_ctx, qapp, qtbot) -> None:
    collector = gc_policy.install(qapp)
    assert gc_policy.install(qapp) is collector  # idempotent
    assert not gc.isenabled()
    assert collector.timer.isActive()

    class Cycle:
        pass

    collected_on: list[str] = []

    def note(phase: str, info: dict) -> None:
        if phase == "stop" and info.get("collected"):
            collected_on.append(threading.current_thread().name)

    gc.callbacks.append(note)
    try:
        for _ in range(gc.get_threshold()[0] * 3):
            a, b = Cycle(), Cycle()
            a.other, b.other = b, a
        del a, b
        done = threading.Event()
        # allocate a lot on the worker thread: with automatic collection it would collect there
        ui_ctx.worker.submit(
            lambda _control: [object() for _ in range(200_000)] and None,
            on_success=lambda _r: done.set(),
        )
        qtbot.waitUntil(done.is_set, timeout=5000)
        qtbot.waitUntil(lambda: bool(collected_on), timeout=3000)
    finally:
        gc.callbacks.remove(note)
    assert set(collected_on) == {threading.main_thread().name}
