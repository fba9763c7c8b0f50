"""One background worker that runs database tasks in order, off the GUI thread.

Only plain data (ids, frozen dataclasses, exceptions) crosses back, through signals of
GUI-thread objects. Long tasks report progress and can be cancelled.
"""

from __future__ import annotations

import queue
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class TaskControl:
    """Handed to a running task: report progress, check for cancel."""

    def __init__(self, task: Task) -> None:
        self._task = task
        self._cancel = threading.Event()

    def report(self, done: int, total: int, text: str = "") -> None:
        self._task._progress.emit(done, total, text)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class Task(QObject):
    """A unit of background work. Its public signals are always emitted on the GUI thread:
    the worker thread emits the private ones, which Qt queues to this object's own slots."""

    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object, str)  # exception, formatted traceback
    finished = Signal()

    _progress = Signal(int, int, str)
    _result = Signal(object)
    _error = Signal(object, str)

    def __init__(self, fn: Callable[[TaskControl], Any], name: str = "") -> None:
        super().__init__()
        self.fn = fn
        self.name = name
        self.control = TaskControl(self)
        self.done = False
        self._progress.connect(self._relay_progress)
        self._result.connect(self._relay_result)
        self._error.connect(self._relay_error)

    def _relay_progress(self, done: int, total: int, text: str) -> None:
        self.progress.emit(done, total, text)

    def _relay_result(self, result: object) -> None:
        self.done = True
        self.succeeded.emit(result)
        self.finished.emit()

    def _relay_error(self, err: object, tb: str) -> None:
        self.done = True
        self.failed.emit(err, tb)
        self.finished.emit()

    def cancel(self) -> None:
        self.control.cancel()


def run_task(task: Task) -> None:
    """Run a task on the calling (non-GUI) thread; its result or error reaches the GUI
    thread through the task's signals."""
    try:
        result = task.fn(task.control)
    except BaseException as err:  # reported to the GUI, never lost
        task._error.emit(err, traceback.format_exc())
    else:
        task._result.emit(result)


class DbWorker(QObject):
    """Serialises database work on one thread."""

    def __init__(self, parent: QObject | None = None, *, thread_name: str = "netdesk-db") -> None:
        super().__init__(parent)
        self._queue: queue.Queue[Task | None] = queue.Queue()
        self._thread = threading.Thread(target=self._loop, name=thread_name, daemon=True)
        self._thread.start()
        self._tasks: set[Task] = set()  # keep Python wrappers alive until finished

    def submit(
        self,
        fn: Callable[[TaskControl], Any],
        *,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException, str], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        name: str = "",
    ) -> Task:
        task = Task(fn, name)
        if on_success is not None:
            task.succeeded.connect(on_success)
        if on_error is not None:
            task.failed.connect(on_error)
        if on_progress is not None:
            task.progress.connect(on_progress)
        self._tasks.add(task)
        task.finished.connect(self._forget_finished)
        self._queue.put(task)
        return task

    def _loop(self) -> None:
        while True:
            task = self._queue.get()
            if task is None:
                return
            run_task(task)

    def _forget_finished(self) -> None:
        self._tasks = {t for t in self._tasks if not t.done}

    def shutdown(self, timeout: float = 10.0) -> None:
        self._queue.put(None)
        self._thread.join(timeout)

    def idle(self) -> bool:
        return self._queue.empty() and not self._tasks
