"""The application's one garbage-collection policy, owned by the shell (``build_context``
installs it; nothing below ``ui`` touches ``gc``).

Why it exists: Python's collector runs on whichever thread happens to allocate when a
threshold is crossed. If that is the database worker and the garbage holds Qt wrappers (a
finished dialog, a task object), their C++ objects are destroyed on the wrong thread and Qt
crashes. So automatic collection is switched off and the GUI thread collects instead, from an
event-loop timer: a safe point, where no C++ destructor is running (a collection started from
inside ``QObject::~QObject`` can destroy another QObject that needs the same signal-slot lock,
and the thread deadlocks; see tests/conftest.py). Re-examined after PySide6 6.12.0 on Python
3.11 was found to drop references to None: the reason does not depend on the binding.

What a pause costs: a collection scans every object of the generations it collects (here about
1-2 µs each; the 100,000 objects alive after start-up on a 10,000-contact database took
180 ms). Objects that live long are therefore frozen (``gc.freeze``: moved out of the
generations in O(1), never scanned; reference counting still frees them), and nothing big is
scanned on the GUI thread:

- **After start-up** (:meth:`startup_finished`, called by the shell once the window is built)
  what start-up made (modules, classes, the window) is frozen.
- **During a long task** (the progress runner, ``ui.common.tasks.ProgressRunner``, and the
  duplicates scan call :meth:`long_task_started` / :meth:`long_task_finished`; short worker
  reads do not) nothing is collected: what the task builds (an import plan of
  thousands of cards) is young and mostly alive, and scanning it is the pause.
- **When a long task has finished** and left more than ``YOUNG_LIMIT`` young objects (its
  result, now held by the GUI), they are frozen instead of scanned. Only once start-up was
  frozen: else the freeze would take everything older with it, for good (and a test that
  builds a context without the app's start-up keeps nothing frozen after it).
- **Otherwise (idle)**, each tick collects the oldest generation whose count passed its
  threshold, as the automatic collector would; full collections therefore run only while no
  long task runs, and only over what is not frozen.
- **When most of what was frozen with results has been freed** (the plan was let go), the
  frozen objects are handed back and collected once (:meth:`compact`; this frees cyclic
  garbage that was frozen with a result), then frozen again if start-up was frozen.
"""

from __future__ import annotations

import gc
from collections import Counter

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500
#: a young generation bigger than this after a long task is frozen, not scanned (a scan of
#: this many objects is well under 50 ms)
YOUNG_LIMIT = 20_000


class GuiThreadGarbageCollector(QObject):
    """The policy: collects on the GUI thread at safe points, freezes what lives long.

    ``stats`` counts what it did: ``collected_<generation>``, ``deferred`` (ticks skipped
    during a long task), ``froze_startup``, ``froze_result``, ``compacted``."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName("netdesk-gc")
        gc.disable()
        self.long_tasks = 0
        self.stats: Counter[str] = Counter()
        #: start-up was frozen: compaction freezes the survivors again
        self._startup_frozen = False
        #: young objects frozen with long tasks' results since the last compaction, and the
        #: freeze count right after the last of them was frozen
        self._held = 0
        self._frozen_after_results = 0
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    # ------------------------------------------------------------- told by the shell
    def startup_finished(self) -> None:
        """Freeze what start-up built: it lives as long as the window."""
        gc.freeze()
        self._startup_frozen = True
        self.stats["froze_startup"] += 1

    def long_task_started(self) -> None:
        self.long_tasks += 1

    def long_task_finished(self) -> None:
        """Called on the GUI thread when a long task's result (or error) has arrived."""
        self.long_tasks = max(0, self.long_tasks - 1)
        young = gc.get_count()[0]
        if self._startup_frozen and self.long_tasks == 0 and young > YOUNG_LIMIT:
            gc.freeze()
            self._held += young
            self._frozen_after_results = gc.get_freeze_count()
            self.stats["froze_result"] += 1

    # ------------------------------------------------------------------- the tick
    def collect(self) -> int:
        """One tick (a safe point); returns how many objects were found unreachable."""
        if self.long_tasks:
            self.stats["deferred"] += 1
            return 0
        if self._held and self._released_most():
            return self.compact()
        generation = due_generation()
        if generation < 0:
            return 0
        self.stats[f"collected_{generation}"] += 1
        return gc.collect(generation)

    def _released_most(self) -> bool:
        """Three quarters of what was frozen with results has been freed since (the rest is
        what the task left alive elsewhere, caches, and garbage that only a collection
        frees)."""
        released = self._frozen_after_results - gc.get_freeze_count()
        return released * 4 >= self._held * 3

    def compact(self) -> int:
        """Hand the frozen objects back and collect everything once (refused during a long
        task); then freeze the survivors again if start-up had been frozen."""
        if self.long_tasks:
            return 0
        gc.unfreeze()
        self._held = self._frozen_after_results = 0
        self.stats["compacted"] += 1
        found = 0
        if self._startup_frozen:
            found = gc.collect()
            gc.freeze()
        return found


def due_generation() -> int:
    """The oldest generation whose count passed its threshold (-1: none is due)."""
    thresholds = gc.get_threshold()
    counts = gc.get_count()
    generation = -1
    for n in range(3):
        if counts[n] > thresholds[n]:
            generation = n
    return generation


def collect_due() -> int:
    """Collect the oldest generation whose count passed its threshold, as the automatic
    collector would; returns how many objects were found unreachable (0 when nothing was due).

    Call it only where no C++ destructor is running (an event-loop timer, between tests):
    a collection started from inside ``QObject::~QObject`` can destroy another QObject that
    needs the same signal-slot lock, and the thread deadlocks.
    """
    generation = due_generation()
    if generation < 0:
        return 0
    return gc.collect(generation)


def install(app: QObject) -> GuiThreadGarbageCollector:
    """Install once per application (idempotent)."""
    existing = app.findChild(GuiThreadGarbageCollector, "netdesk-gc")
    if isinstance(existing, GuiThreadGarbageCollector):
        return existing
    return GuiThreadGarbageCollector(app)
