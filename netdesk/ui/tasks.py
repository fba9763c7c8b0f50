"""Long work with a progress dialog ("3,412 of 10,000") and Cancel; the window stays
responsive because the work runs on the database worker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from netdesk.core.model import Change
from netdesk.ui.errors import show_error
from netdesk.ui.safe_text import plain_label
from netdesk.ui.worker import Task, TaskControl


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
        self.setMinimumDuration(300)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.unit = unit
        self.title = title
        self._on_success = on_success
        self.task: Task = ctx.worker.submit(
            fn,
            on_success=self._succeeded,
            on_error=self._failed,
            on_progress=self._progress,
            name=title,
        )
        self.canceled.connect(self.task.cancel)

    def _progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.setMaximum(total)
            self.setValue(min(done, total))
            self.setLabelText(f"{text or self.title}: {done:,} of {total:,} {self.unit}")
        else:
            self.setMaximum(0)
            self.setLabelText(text or self.title)

    def _succeeded(self, result: Any) -> None:
        self.close()
        self._on_success(result)

    def _failed(self, err: BaseException, details: str) -> None:
        self.close()
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
