"""What every view is handed: services, the change bus, the undo stack, the worker, and a
navigator to ask the main window for things (open a contact, log an interaction...)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from netdesk.ui.common.bus import ChangeBus
from netdesk.ui.common.worker import DbWorker

if TYPE_CHECKING:  # imported at run time only once the window is on screen (fast start)
    from netdesk.services.container import Services


class LongTasks(Protocol):
    """Told when a long task starts and ends (the shell's garbage-collection policy,
    netdesk.ui.shell.gc_policy)."""

    def long_task_started(self) -> None: ...

    def long_task_finished(self) -> None: ...


class Navigator(QObject):
    open_contact = Signal(int)
    show_view = Signal(str)  # "today" | "contacts" | "timeline" | "cards"
    log_interaction = Signal(list)  # contact ids to preselect
    new_contact = Signal()
    import_files = Signal(list)  # paths (str); empty list = ask with a file dialog
    load_demo = Signal()
    status = Signal(str)  # a quiet confirmation for the status bar


@dataclass
class UiContext:
    services: Services
    bus: ChangeBus
    undo: QUndoStack
    worker: DbWorker
    nav: Navigator
    #: the garbage-collection policy (long tasks tell it when they start and end)
    gc_policy: LongTasks | None = None
