"""Long work with a progress dialog ("3,412 of 10,000") and Cancel; the window stays
responsive because the work runs on the database worker."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QProcess, Qt, QTimer
from PySide6.QtWidgets import QLabel, QProgressDialog, QWidget

from netdesk.core.model import Change
from netdesk.ui.common.errors import show_error
from netdesk.ui.common.safe_text import plain_label
from netdesk.ui.common.worker import Task, TaskControl

#: a progress dialog appears this soon, whether or not the work has reported anything yet
SHOW_AFTER_MS = 250


class ProgressRunner(QProgressDialog):
    """Runs ``fn(control)`` on the worker and shows its progress until it ends."""

    def __init__(
        self,
        parent: QWidget,
        ctx: Any,
        title: str,
        fn: Callable[[TaskControl], Any],
        on_success: Callable[[Any], None],
        unit: str = "items",
    ) -> None:
        super().__init__(title, "Cancel", 0, 0, parent)
        self.setWindowTitle(title)
        self.setLabel(plain_label(title))  # progress texts name files: plain text
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(SHOW_AFTER_MS)
        self.setAutoClose(False)
        self.setAutoReset(False)
        # wide enough for "Comparing with your contacts: 10,000 of 10,000 cards"
        self.setMinimumWidth(480)
        self.unit = unit
        self.title = title
        self._on_success = on_success
        self._finished = False
        # Shown after a moment even when the work reports nothing yet (a big file is being
        # read): QProgressDialog on its own only appears once progress comes in.
        QTimer.singleShot(SHOW_AFTER_MS, self._show_if_running)
        # The policy collects nothing while the task builds its result, and freezes a big
        # result when it arrives instead of scanning it (netdesk.ui.shell.gc_policy).
        self._gc_policy = getattr(ctx, "gc_policy", None)
        if self._gc_policy is not None:
            self._gc_policy.long_task_started()
        self.task: Task = ctx.worker.submit(
            fn,
            on_success=self._succeeded,
            on_error=self._failed,
            on_progress=self._progress,
            name=title,
        )
        self.canceled.connect(self.task.cancel)

    def _show_if_running(self) -> None:
        if not self._finished and not self.isVisible():
            self.show()

    def _progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.setMaximum(total)
            self.setValue(min(done, total))
            self.setLabelText(f"{text or self.title}: {done:,} of {total:,} {self.unit}")
        else:
            self.setMaximum(0)
            # a step whose total is unknown still counts what it has done
            count = f": {done:,} {self.unit}" if done > 0 else "…"
            self.setLabelText(f"{text or self.title}{count}")
        self._fit_label()

    def _fit_label(self) -> None:
        """Grow the dialog so that the label is never clipped."""
        label = self.findChild(QLabel)
        if label is not None and label.sizeHint().width() > label.width():
            self.resize(max(self.width(), label.sizeHint().width() + 40), self.height())

    def _ended(self) -> None:
        self._finished = True
        if self._gc_policy is not None:
            self._gc_policy.long_task_finished()
        self.close()

    def _succeeded(self, result: Any) -> None:
        self._ended()
        self._on_success(result)

    def _failed(self, err: BaseException, details: str) -> None:
        self._ended()
        from netdesk.services.demo import Cancelled

        if isinstance(err, Cancelled):
            return
        show_error(self.parentWidget(), f"{self.title} failed", err, details)


def run_demo_fill(window: Any) -> None:
    from netdesk.services.demo import fill_demo

    ctx = window.ctx
    region = ctx.services.preferences.default_region

    def work(control: TaskControl) -> int:
        fill_demo(
            ctx.services.db,
            400,
            4000,
            region=region,
            progress=lambda stage, done, total: control.report(done, total, f"Adding {stage}"),
            should_cancel=lambda: control.cancelled,
        )
        return 400

    def done(n: int) -> None:
        ctx.bus.publish(Change(everything=True))
        ctx.nav.status.emit(f"Added {n} demo contacts")
        ctx.nav.show_view.emit("today")

    window._demo_runner = ProgressRunner(window, ctx, "Loading demo data", work, done, "records")


def demo_db_path() -> Path:
    """Where ``netdesk --demo`` keeps its generated data (never the user's database)."""
    from netdesk import paths

    return paths.data_dir() / "demo.db"


def demo_command() -> tuple[str, list[str]]:
    """The program and arguments that start NetDesk on the demo database."""
    if getattr(sys, "frozen", False):  # the packaged app is its own interpreter
        return sys.executable, ["--demo"]
    return sys.executable, ["-m", "netdesk", "--demo"]


def open_demo_window() -> bool:
    """Start NetDesk on the demo database, in a process (and window) of its own."""
    program, args = demo_command()
    started = QProcess.startDetached(program, args)
    return bool(started[0] if isinstance(started, tuple) else started)
