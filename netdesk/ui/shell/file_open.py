"""Files NetDesk is asked to open: named on the command line (a double-click on Windows and
Linux runs ``netdesk FILE.vcf``), sent by macOS as a "open document" event (QFileOpenEvent),
or handed over by a second launch on the same database (netdesk.ui.shell.single_instance).

Each batch opens the import preview exactly as if the files had been dropped on the window;
nothing is imported before the user confirms the preview. Files can arrive before the window
has its views (macOS sends the event while the database is still opening): they wait until
:meth:`FileOpener.attach`.

Imports nothing beyond Qt: the opener exists before the first window is painted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QWidget

#: files arriving within this time open in one preview (Finder sends one event per file)
GATHER_MS = 100
#: while a modal dialog is open (another preview, an import in progress), look again this often
RETRY_MS = 250


def platform_sends_file_open_events() -> bool:
    """Only macOS delivers documents as QFileOpenEvent; elsewhere they come as arguments.
    An application-wide filter is a Python call for every event, so it is installed only there."""
    return sys.platform == "darwin"


class FileOpener(QObject):
    """Collects files to open and delivers them, once the window is ready and no modal
    dialog is in the way, to ``open_files`` (the window's ``nav.import_files.emit``)."""

    def __init__(self, app: QApplication, *, watch_events: bool | None = None) -> None:
        super().__init__(app)
        self.setObjectName("netdesk-file-open")
        self._app = app
        self.pending: list[str] = []
        self._window: QWidget | None = None
        self._open_files: Callable[[list[str]], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._deliver)
        self.watching = platform_sends_file_open_events() if watch_events is None else watch_events
        if self.watching:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and watched is self._app:
            assert isinstance(event, QFileOpenEvent)
            path = event.file()
            if path:  # a URL that is not a local file is not ours to open
                self.open([path])
                return True
        return False

    def open(self, paths: Iterable[str]) -> None:
        """Queue files (made absolute at once) and open them soon, together with any that
        arrive meanwhile."""
        added = False
        for path in paths:
            absolute = os.path.abspath(os.path.expanduser(path))
            if absolute not in self.pending:
                self.pending.append(absolute)
                added = True
        if added and self._open_files is not None:
            self._timer.start(GATHER_MS)

    def attach(self, window: QWidget, open_files: Callable[[list[str]], None]) -> None:
        """The window has its views: deliver what is queued, and later files as they come."""
        self._window = window
        self._open_files = open_files
        if self.pending:
            self._timer.start(0)

    def _deliver(self) -> None:
        if self._open_files is None or not self.pending:
            return
        window = self._window
        if window is not None and not window.isVisible():
            return  # the window is closing: the application is about to quit
        if QApplication.activeModalWidget() is not None:
            self._timer.start(RETRY_MS)  # one preview at a time; the next after this one
            return
        files, self.pending = self.pending, []
        if window is not None:
            from netdesk.ui.shell.single_instance import bring_to_front

            bring_to_front(window)
        self._open_files(files)

    def close(self) -> None:
        """Stop listening (the application object outlives the window in tests)."""
        self._timer.stop()
        if self.watching:
            self._app.removeEventFilter(self)
            self.watching = False
        self._open_files = None
        self._window = None
        self.deleteLater()
