"""Custom item-data roles shared by all our models."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt


class Role(IntEnum):
    ID = Qt.ItemDataRole.UserRole + 1
    SUMMARY = Qt.ItemDataRole.UserRole + 2
    SORT = Qt.ItemDataRole.UserRole + 3
    KIND = Qt.ItemDataRole.UserRole + 4
    #: the frozen dataclass behind a row (TimelineEntry, DueItem)
    PAYLOAD = Qt.ItemDataRole.UserRole + 20
    #: whether an expandable row (a timeline entry) shows everything
    EXPANDED = Qt.ItemDataRole.UserRole + 21
