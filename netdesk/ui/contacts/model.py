"""An id-backed, lazily filled table model for the contact list.

The model holds the ordered ids of the matching contacts (filtered and sorted in SQL); row
data is fetched a page at a time when the view asks for it, and kept in a bounded cache.

Searching a large address book as you type:

* the ordered ids of the list without a search (for the current tag, starred filter and
  sort) are kept (``base``); they change only when the filters, the sort or the data change;
* a search that matches few contacts: the matching ids come from the search index in one
  lean query and are put in list order by their position in ``base``;
* a search that matches most of them (one or two typed letters) does not move 100,000 ids
  into Python on the keystroke path: the count comes from the search index, the first
  screen is found by checking the first ids of ``base`` against the index, and the rest of
  the list is completed in small slices from the event loop (``pending``), so the window
  keeps painting; rows not known yet show "…" for the few milliseconds this takes.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import compress
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer

from netdesk.core.dates import due_text, exact_date, humanize_date
from netdesk.core.model import ContactSummary
from netdesk.services.contacts import ContactService
from netdesk.ui.common.roles import Role
from netdesk.ui.common.safe_text import plain_tooltip
from netdesk.ui.common.widgets import overdue_color

PAGE = 200
CACHE_LIMIT = 5000
#: a search matching more than this share of the list is filled lazily
DENSE_SHARE = 0.2
#: lists shorter than this are always filled at once
LAZY_MIN_ROWS = 20_000
#: rows found up front by checking ids against the index (a screenful and a bit)
FIRST_ROWS = 36
#: ids handled per slice when completing a lazily filled list
SLICE = 20_000
PLACEHOLDER = "…"

ModelIndex = QModelIndex | QPersistentModelIndex

_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ID = int(Role.ID)
_SUMMARY = int(Role.SUMMARY)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_SERVED_ROLES = frozenset({_DISPLAY, _TOOLTIP, _ID, _SUMMARY, _FOREGROUND})
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ContactTableModel(QAbstractTableModel):
    COLUMNS: tuple[tuple[str, str], ...] = (
        ("name", "Name"),
        ("organization", "Organisation"),
        ("title", "Title"),
        ("tags", "Tags"),
        ("last_contacted", "Last contacted"),
        ("next_touch", "Next touch"),
    )
    SORTABLE = frozenset({"name", "organization", "title", "tags", "last_contacted", "next_touch"})

    def __init__(self, contacts: ContactService, parent: Any = None) -> None:
        super().__init__(parent)
        self._service = contacts
        self._ids: list[int] = []
        self._count = 0
        self._row_of: dict[int, int] | None = None
        self._cache: OrderedDict[int, ContactSummary] = OrderedDict()
        self._base: list[int] | None = None
        self._base_key: tuple[Any, ...] = ()
        self._rank_list: list[int] | None = None
        # lazy fill of a dense search
        self._scan = 0  # position in base up to which ids were checked against the index
        self._job: Iterator[None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)
        # the rank table for sorting search results is built when the event loop is idle
        self._timer_rank = QTimer(self)
        self._timer_rank.setSingleShot(True)
        self._timer_rank.setInterval(0)
        self._timer_rank.timeout.connect(self._rank)
        self.search = ""
        self.tag: str | None = None
        self.starred_only = False
        self.sort_key = "name"
        self.descending = False
        self.today = date.today()
        self._loaded = False

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
        self._refresh()

    def reload(self) -> None:
        """Run the query again (the data changed)."""
        self._base = None
        self._refresh()
        self._timer_rank.start()

    def _key(self) -> tuple[Any, ...]:
        return (self.tag, self.starred_only, self.sort_key, self.descending)

    def base_ids(self) -> list[int]:
        """The ordered ids of the list without a search (cached until data or filters change)."""
        if self._base is None or self._base_key != self._key():
            self._base = self._service.list_ids(
                "", self.tag, self.sort_key, self.descending, self.starred_only
            )
            self._base_key = self._key()
            self._rank_list = None
        return self._base

    def _refresh(self) -> None:
        self._loaded = True
        base = self.base_ids()
        search = self.search.strip()
        if not search:
            self._install(base, len(base))
            return
        filtered = bool(self.tag or self.starred_only)
        if not filtered and len(base) >= LAZY_MIN_ROWS:
            count = self._service.search_count(search)
            if count > DENSE_SHARE * len(base):
                # Most contacts match: the count and the first screen now, the rest from the
                # event loop.
                self._install([], count, lazy=True)
                self._probe_until(FIRST_ROWS)
                return
        self._install(self._sorted_matches(search), None)

    def _rank(self) -> list[int]:
        """Position of every id in base (-1: not in the list), indexed by id."""
        if self._rank_list is None:
            base = self.base_ids()
            rank = [-1] * (max(base, default=0) + 1)
            for pos, cid in enumerate(base):
                rank[cid] = pos
            self._rank_list = rank
        return self._rank_list

    def _sorted_matches(self, search: str) -> list[int]:
        """The matching ids in list order: fetched unsorted (lean), ordered by their
        position in base (which also applies the tag and starred filters)."""
        rank = self._rank()
        size = len(rank)
        ids = [i for i in self._service.search_ids(search) if i < size and rank[i] >= 0]
        ids.sort(key=rank.__getitem__)
        return ids

    def _install(self, ids: list[int], count: int | None, *, lazy: bool = False) -> None:
        self._timer.stop()
        self._job = None
        self.beginResetModel()
        self._ids = ids
        self._count = len(ids) if count is None else count
        self._row_of = None
        self._scan = 0
        self._cache.clear()
        self.today = date.today()
        self.endResetModel()
        if lazy:
            self._job = self._complete(self.search.strip())
            self._timer.start()

    def set_ids(self, ids: list[int]) -> None:
        """Install a fresh id list (e.g. computed off the keystroke path)."""
        self._install(list(ids), None)

    # ------------------------------------------------------------- lazy fill
    @property
    def pending(self) -> bool:
        """True while the rest of a lazily filled list is still being completed."""
        return self._job is not None

    def _probe_until(self, rows: int) -> None:
        """Extend the known rows by checking the next ids of base against the index."""
        base = self._base or []
        search = self.search.strip()
        density = max(0.05, self._count / max(1, len(base)))
        while len(self._ids) < min(rows, self._count) and self._scan < len(base):
            need = min(rows, self._count) - len(self._ids)
            chunk = base[self._scan : self._scan + max(8, int(need / density * 1.15) + 2)]
            self._scan += len(chunk)
            hits = self._service.search_among(search, chunk)
            self._ids.extend(i for i in chunk if i in hits)

    def _complete(self, search: str) -> Iterator[None]:
        """The rest of a dense search, in slices: fetch the matching ids, mark them, then
        walk base in order keeping the marked ids."""
        base = self._base or []
        size = max(base, default=0) + 1
        mask = bytearray(size)
        for low in range(0, size, SLICE):  # by ranges of ids: each slice a short query
            for i in self._service.search_ids(search, after=low - 1, upto=low + SLICE - 1):
                if i < size:
                    mask[i] = 1
            yield
        ordered: list[int] = []
        for start in range(0, len(base), SLICE):
            chunk = base[start : start + SLICE]
            ordered.extend(compress(chunk, map(mask.__getitem__, chunk)))
            yield
        self._finish_lazy(ordered)

    def _finish_lazy(self, ordered: list[int]) -> None:
        self._job = None
        known = len(self._ids)
        if ordered[:known] != self._ids or len(ordered) != self._count:
            # The data changed under us (or the index and base disagree): start clean.
            self._install(ordered, None)
            return
        self._ids = ordered
        self._row_of = None
        if self._count > known:
            self.dataChanged.emit(
                self.index(known, 0), self.index(self._count - 1, len(self.COLUMNS) - 1)
            )

    def _step(self) -> None:
        if self._job is None:
            return
        try:
            next(self._job)
        except StopIteration:
            return
        if self._job is not None:
            self._timer.start()

    def finish(self) -> None:
        """Complete a lazily filled list now (for callers that need every id)."""
        while self._job is not None:
            try:
                next(self._job)
            except StopIteration:
                break
        self._timer.stop()

    # ------------------------------------------------------------------ ids
    def contact_id(self, row: int) -> int | None:
        if not 0 <= row < self._count:
            return None
        if row >= len(self._ids):
            if row < len(self._ids) + PAGE:
                self._probe_until(row + 1 + PAGE // 4)
            if row >= len(self._ids):
                return None
        return self._ids[row]

    def row_of(self, contact_id: int) -> int | None:
        self.finish()
        if self._row_of is None:
            self._row_of = {cid: n for n, cid in enumerate(self._ids)}
        return self._row_of.get(contact_id)

    def contains(self, contact_id: int) -> bool:
        """Whether the list (as filtered now) has this contact, without completing a lazily
        filled search."""
        if self._job is None:
            return self.row_of(contact_id) is not None
        rank = self._rank()
        if not (0 <= contact_id < len(rank) and rank[contact_id] >= 0):
            return False
        return bool(self._service.search_among(self.search.strip(), [contact_id]))

    def ids(self) -> list[int]:
        self.finish()
        return list(self._ids)

    def update_rows(self, contact_ids: Iterable[int]) -> bool:
        """These contacts changed. When the list is the same afterwards (the same ids in the
        same order; with a search, the changed contacts match as before), only their rows are
        read again and repainted (True). Otherwise the query runs again (False): a contact
        was created or deleted (an import, a merge), renamed out of its place, or no longer
        passes the search, tag or starred filter."""
        changed = set(contact_ids)
        if not self._loaded or self._job is not None:
            self.reload()
            return False
        fresh = self._service.list_ids(
            "", self.tag, self.sort_key, self.descending, self.starred_only
        )
        search = self.search.strip()
        if fresh != self._base:
            self._base = fresh
            self._base_key = self._key()
            self._rank_list = None
            self._refresh()
            self._timer_rank.start()
            return False
        if search:
            shown = {cid for cid in changed if self.row_of(cid) is not None}
            if self._service.search_among(search, sorted(changed)) != shown:
                self._refresh()
                return False
        elif self._ids != fresh:
            self._refresh()
            return False
        self.invalidate(changed)
        return True

    def invalidate(self, contact_ids: Iterable[int]) -> None:
        """Drop cached rows of these contacts and repaint them (they changed, same filter)."""
        for cid in contact_ids:
            self._cache.pop(cid, None)
            row = self.row_of(cid)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def _summary(self, row: int) -> ContactSummary | None:
        cid = self.contact_id(row)
        if cid is None:
            return None
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
        return 0 if parent.isValid() else self._count

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
        return _ROW_FLAGS

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Views ask for a dozen roles per cell on every paint: answer the ones we do not
        # serve before anything else (plain int comparisons, no enum arithmetic).
        if role not in _SERVED_ROLES or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < self._count:
            return None
        if role == _ID:
            return self.contact_id(row)
        s = self._summary(row)
        if s is None:
            if role == _DISPLAY and index.column() == 0:
                return PLACEHOLDER
            return None
        if role == _SUMMARY:
            return s
        key = self.COLUMNS[index.column()][0]
        if role == _FOREGROUND:
            if key == "next_touch" and s.next_touch is not None and s.next_touch < self.today:
                return overdue_color()
            return None
        if key in ("last_contacted", "next_touch"):
            value: date | None = getattr(s, key)
            if value is None:
                return "—" if role == _DISPLAY else None
            if role == _TOOLTIP:
                return exact_date(value)
            if key == "next_touch":
                return due_text(value, self.today)
            return humanize_date(value, self.today)
        if key == "name":
            if role == _TOOLTIP:
                lines = (s.display_name, s.primary_email, s.primary_phone)
                return plain_tooltip("\n".join(x for x in lines if x))
            return ("★ " if s.starred else "") + s.display_name
        text = ", ".join(s.tags) if key == "tags" else getattr(s, key)
        return plain_tooltip(text) if role == _TOOLTIP else text

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            return
        key = self.COLUMNS[column][0]
        if key not in self.SORTABLE:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.sort_key, self.descending) and self._loaded:
            return
        self.sort_key = key
        self.descending = descending
        if self._loaded:
            self._refresh()
