"""Knowing when the first window is on screen: for the self-test and the start-up report.

``NETDESK_REPORT_STARTUP=1 netdesk`` prints how long the process took from its start to the
first paint of the main window ("first window painted": the window with "Opening your
contacts…") and to its first paint with the views built over the open database ("ready"),
then quits (benchmarks/startup_bench.py reads those lines).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

REPORT_ENV = "NETDESK_REPORT_STARTUP"


class FirstPaint(QObject):
    """Calls ``callback(epoch_seconds)`` once, after the widget's first paint event."""

    def __init__(self, widget: QWidget, callback: Callable[[float], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback = callback
        self.painted_at: float | None = None
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self.painted_at is None
            and watched is self._widget
            and event.type() == QEvent.Type.Paint
        ):
            self.painted_at = time.time()
            self._widget.removeEventFilter(self)
            # after the paint event has been handled, not inside it
            QTimer.singleShot(0, self._fire)
        return False

    def _fire(self) -> None:
        assert self.painted_at is not None
        self._callback(self.painted_at)


def process_start_time() -> float | None:
    """The epoch time this process started, where the OS tells it cheaply (Linux), else None."""
    try:
        with open("/proc/self/stat", "rb") as fh:
            stat = fh.read()
        with open("/proc/uptime", "rb") as fh:
            uptime = float(fh.read().split()[0])
        # field 22 (starttime, in clock ticks since boot); the name in field 2 may hold spaces
        start_ticks = int(stat.rsplit(b")", 1)[1].split()[19])
        ticks = os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    return time.time() - (uptime - start_ticks / ticks)


def report_startup(widget: QWidget, label: str, *, quit_after: bool = False) -> FirstPaint:
    """Print ``startup: <label> at <epoch> (<s> after process start, <s> CPU)`` once the
    widget next paints; with ``quit_after``, then quit the event loop."""

    def done(painted_at: float) -> None:
        cpu = time.process_time()  # CPU seconds so far: unlike wall time, not inflated by load
        started = process_start_time()
        since = f"{painted_at - started:.3f} s after process start, " if started else ""
        if sys.stdout is not None:  # None in a windowed Windows app
            sys.stdout.write(f"startup: {label} at {painted_at:.6f} ({since}{cpu:.3f} s CPU)\n")
            sys.stdout.flush()
        if quit_after:
            app = QApplication.instance()
            if app is not None:
                app.quit()

    return FirstPaint(widget, done)
