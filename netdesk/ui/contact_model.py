"""An id-backed, lazily filled table model for the contact list.

The model holds only the ordered ids of the matching contacts (filtered and sorted in SQL);
row data is fetched a page at a time when the view asks for it, and kept in a bounded cache.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from netdesk.core.dates import humanize_date
from netdesk.core.model import ContactSummary
from netdesk.services.contacts import ContactService
from netdesk.ui.roles import Role

PAGE = 200
CACHE_LIMIT = 5000

ModelIndex = QModelIndex | QPersistentModelIndex


class ContactTableModel(QAbstractTableModel):
    COLUMNS: tuple[tuple[str, str], ...] = (
        ("name", "Name"),
        ("organization", "Organisation"),
        ("title", "Title"),
        ("tags", "Tags"),
        ("last_contacted", "Last contacted"),
        ("next_touch", "Next touch"),
    )
    SORTABLE = frozenset({"name", "organization", "title", "last_contacted", "next_touch"})

    def __init__(self, contacts: ContactService, parent: Any = None) -> None:
        super().__init__(parent)
        self._service = contacts
        self._ids: list[int] = []
        self._row_of: dict[int, int] = {}
        self._cache: OrderedDict[int, ContactSummary] = OrderedDict()
        self.search = ""
        self.tag: str | None = None
        self.starred_only = False
        self.sort_key = "name"
        self.descending = False
        self.today = date.today()

    # -------------------------------------------------------------- queries
    def set_filter(
        self, search: str | None = None, tag: str | None = "", starred_only: bool | None = None
    ) -> None:
        if search is not None:
            self.search = search
        if tag != "":
            self.tag = tag
        if starred_only is not None:
            self.starred_only = starred_only
        self.reload()

    def reload(self) -> None:
        ids = self._service.list_ids(
            self.search, self.tag, self.sort_key, self.descending, self.starred_only
        )
        self.set_ids(ids)

    def set_ids(self, ids: list[int]) -> None:
        """Install a fresh id list (e.g. computed off the keystroke path)."""
        self.beginResetModel()
        self._ids = ids
        self._row_of = {cid: n for n, cid in enumerate(ids)}
        self._cache.clear()
        self.today = date.today()
        self.endResetModel()

    def contact_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, contact_id: int) -> int | None:
        return self._row_of.get(contact_id)

    def ids(self) -> list[int]:
        return list(self._ids)

    def invalidate(self, contact_ids: Iterable[int]) -> None:
        """Drop cached rows of these contacts and repaint them (they changed, same filter)."""
        for cid in contact_ids:
            self._cache.pop(cid, None)
            row = self._row_of.get(cid)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def _summary(self, row: int) -> ContactSummary | None:
        cid = self._ids[row]
        cached = self._cache.get(cid)
        if cached is not None:
            self._cache.move_to_end(cid)
            return cached
        start = max(0, row - PAGE // 4)
        page = [i for i in self._ids[start : start + PAGE] if i not in self._cache]
        for i, summary in self._service.summaries(page).items():
            self._cache[i] = summary
        while len(self._cache) > CACHE_LIMIT:
            self._cache.popitem(last=False)
        return self._cache.get(cid)

    # ------------------------------------------------------------ Qt model
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.COLUMNS[section][1]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._ids)):
            return None
        if role == Role.ID:
            return self._ids[index.row()]
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Role.SUMMARY,
        ):
            return None
        s = self._summary(index.row())
        if s is None:
            return None
        if role == Role.SUMMARY:
            return s
        key = self.COLUMNS[index.column()][0]
        if key in ("last_contacted", "next_touch"):
            value: date | None = getattr(s, key)
            if value is None:
                return "—" if role == Qt.ItemDataRole.DisplayRole else None
            if role == Qt.ItemDataRole.ToolTipRole:
                return value.strftime("%A %d %B %Y")
            return humanize_date(value, self.today)
        if key == "name":
            text = ("★ " if s.starred else "") + s.display_name
            if role == Qt.ItemDataRole.ToolTipRole:
                return "\n".join(x for x in (s.display_name, s.primary_email, s.primary_phone) if x)
            return text
        if key == "tags":
            return ", ".join(s.tags)
        return getattr(s, key)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            return
        key = self.COLUMNS[column][0]
        if key not in self.SORTABLE:
            return
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()
