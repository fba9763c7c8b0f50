"""Worker processes die with their parent.

A spawned worker of a process pool waits for work on a pipe whose write end it holds itself,
so when the parent is killed (``kill -9``, a crash, the task manager) nothing tells it to stop
and it lives on, idle, for ever. :func:`exit_with_parent`, run as the pool's initializer, starts
a thread in the worker that waits on the parent's sentinel (a pipe on POSIX, the process
handle on Windows: ready the moment the parent is gone, however it died) and then ends the
worker at once.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading


def exit_with_parent() -> None:
    """Pool initializer: end this worker process as soon as its parent process is gone."""
    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:  # not a multiprocessing child
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)  # the parent is gone: nobody wants our results; no clean-up to run

    threading.Thread(target=watch, name="netdesk-parent-watch", daemon=True).start()
