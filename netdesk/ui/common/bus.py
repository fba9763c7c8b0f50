"""The change bus: services return what a write changed; views decide whether to refresh."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from netdesk.core.model import Change


class ChangeBus(QObject):
    changed = Signal(object)  # netdesk.core.model.Change

    def publish(self, change: Change) -> None:
        self.changed.emit(change)
