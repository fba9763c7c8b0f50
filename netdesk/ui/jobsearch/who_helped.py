"""Who helped me: everyone who helped during a job search (or a period, or with a tag), how
each helped (newest first), when they were last thanked, and who has not been thanked yet.
Sortable by every column; loaded on the database worker."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.dates import humanize_date
from netdesk.core.jobsearch import Helper, JobSearch
from netdesk.core.model import Change
from netdesk.ui.common.context import UiContext
from netdesk.ui.common.roles import Role
from netdesk.ui.common.safe_text import plain_tooltip
from netdesk.ui.common.worker import TaskControl

COLUMNS = ("Name", "Company", "Helped", "Last help", "How (latest)", "Last thanked", "Reference")
PERIODS = (("Last 30 days", 30), ("Last 90 days", 90), ("Last 12 months", 365), ("All time", 0))

_Index = QModelIndex | QPersistentModelIndex


def scope_of(data: object) -> tuple[str, int]:
    """A scope combo's item data, "search:ID" or "days:N" (0: all time), as (kind, number).
    Strings, because a Python tuple stored as item data is not found again by findData."""
    kind, _sep, value = str(data or "days:0").partition(":")
    try:
        return kind, int(value)
    except ValueError:
        return "days", 0


class HelpersModel(QAbstractTableModel):
    """One row per helper; Role.SORT gives each column's sort key, Role.ID the contact id."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Helper] = []
        self.today = date.today()

    def set_rows(self, rows: list[Helper]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.today = date.today()
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        h = self.rows[index.row()]
        col = index.column()
        if role == Role.ID:
            return h.contact_id
        if role == Role.PAYLOAD:
            return h
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(h, col)
        if role == Role.SORT:
            keys: tuple[Any, ...] = (
                h.display_name.casefold(),
                h.organization.casefold(),
                len(h.helped),
                h.last_helped.isoformat(),
                h.helped[0].summary.casefold(),
                h.last_thanked.isoformat() if h.last_thanked else "",
                int(h.is_reference),
            )
            return keys[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 3:
                return h.last_helped.isoformat()
            if col == 5 and h.last_thanked:
                before = "" if h.thanked else " — before their latest help"
                return h.last_thanked.isoformat() + before
            if col == 4:
                return plain_tooltip(
                    "\n".join(f"{e.day.isoformat()}  {e.type}: {e.summary}" for e in h.helped)
                )
        if role == Qt.ItemDataRole.ForegroundRole and col == 5 and not h.thanked:
            return QBrush(QColor("#c0392b"))
        return None

    def _display(self, h: Helper, col: int) -> str:
        if col == 0:
            return h.display_name
        if col == 1:
            return h.organization
        if col == 2:
            return str(len(h.helped))
        if col == 3:
            return humanize_date(h.last_helped, self.today)
        if col == 4:
            e = h.helped[0]
            return f"{e.type}: {e.summary}" if e.summary else e.type
        if col == 5:
            if h.last_thanked is None:
                return "not thanked yet"
            text = humanize_date(h.last_thanked, self.today)
            return text if h.thanked else f"{text} (earlier)"
        return "yes" if h.is_reference else ""


class HelpersProxy(QSortFilterProxyModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(Role.SORT)
        self.only_unthanked = False

    def set_only_unthanked(self, on: bool) -> None:
        self.beginFilterChange()
        self.only_unthanked = on
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self.only_unthanked:
            return True
        model = self.sourceModel()
        assert isinstance(model, HelpersModel)
        return not model.rows[source_row].thanked


class WhoHelpedView(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.searches: list[JobSearch] = []
        self._search_ids: list[int | None] = []
        self.helpers: list[Helper] = []
        self._dirty = True
        self._loading = False
        self._again = False

        self.scope = QComboBox()
        self.scope.setToolTip("A job search, or a period")
        self.tag = QComboBox()
        self.tag.setToolTip("Only people with this tag")
        self.unthanked = QCheckBox("Not thanked yet")
        self.unthanked.setToolTip("Only people not thanked since they last helped")
        self.thank_button = QPushButton("Thank them…")
        self.thank_button.setToolTip("A campaign to the people shown (landed + thanks template)")
        self.search_button = QPushButton("Start a job search…")
        self.landed_button = QPushButton("I landed…")
        self.count_label = QLabel()
        bar = QHBoxLayout()
        for w in (QLabel("&During"), self.scope, QLabel("&Tag"), self.tag, self.unthanked):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        bar.addWidget(self.thank_button)
        bar.addWidget(self.search_button)
        bar.addWidget(self.landed_button)
        label_during = bar.itemAt(0).widget()
        assert isinstance(label_during, QLabel)
        label_during.setBuddy(self.scope)
        label_tag = bar.itemAt(2).widget()
        assert isinstance(label_tag, QLabel)
        label_tag.setBuddy(self.tag)

        self.model = HelpersModel(self)
        self.proxy = HelpersProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("who-helped-table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 190), (1, 150), (2, 60), (3, 100), (5, 150), (6, 80)):
            self.table.setColumnWidth(col, width)
        self.table.doubleClicked.connect(self._open_current)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setObjectName("who-helped-details")
        self.details.setPlaceholderText("Select someone to see how they helped, newest first.")

        self.empty = QLabel()
        self.empty.setTextFormat(Qt.TextFormat.RichText)  # our own text only
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("who-helped-empty")

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setSizes([420, 160])
        self.split = split
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.empty, 1)
        layout.addWidget(split, 1)
        self.empty.setText("Loading…")
        split.hide()

        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())
        self.tag.currentIndexChanged.connect(lambda _i: self.refresh())
        self.unthanked.toggled.connect(self._filter_changed)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_details())
        self.thank_button.clicked.connect(self.thank_shown)
        self.search_button.clicked.connect(self._start_search)
        self.landed_button.clicked.connect(self._landed)
        ctx.bus.changed.connect(self.on_change)
        self._fill_filters()

    # ------------------------------------------------------------ filters
    def _fill_filters(self) -> None:
        self.searches = self.ctx.services.jobsearch.searches()
        current = self.scope.currentData()
        self.scope.blockSignals(True)
        self.scope.clear()
        for s in self.searches:
            state = "open" if s.is_open else ("landed" if s.landed else "ended")
            self.scope.addItem(f"{s.name} ({state})", f"search:{s.id}")
        for label, days in PERIODS:
            self.scope.addItem(label, f"days:{days}")
        ids = [js.id for js in self.searches]
        idx = self.scope.findData(current) if current is not None else -1
        if ids != self._search_ids:  # a search started (or went): show the newest one
            idx = 0
        self._search_ids = ids
        self.scope.setCurrentIndex(idx if idx >= 0 else 0)
        self.scope.blockSignals(False)
        tag = self.tag.currentData()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem("All tags", None)
        for t in self.ctx.services.contacts.tags():
            self.tag.addItem(t, t)
        idx = self.tag.findData(tag)
        self.tag.setCurrentIndex(idx if idx >= 0 else 0)
        self.tag.blockSignals(False)
        open_search = next((s for s in self.searches if s.is_open), None)
        self.search_button.setVisible(open_search is None)
        self.landed_button.setVisible(open_search is not None)

    def current_search(self) -> JobSearch | None:
        kind, value = scope_of(self.scope.currentData())
        if kind == "search":
            return next((s for s in self.searches if s.id == value), None)
        return None

    def query(self) -> dict[str, Any]:
        kind, value = scope_of(self.scope.currentData())
        args: dict[str, Any] = {"tag": self.tag.currentData()}
        if kind == "search":
            args["search_id"] = value
        elif value:
            args["since"] = date.today() - timedelta(days=int(value))
        return args

    # ------------------------------------------------------------ loading
    def refresh(self) -> None:
        """Load the helpers on the database worker; the table updates when they arrive."""
        if self._loading:
            self._again = True
            return
        self._loading = True
        args = self.query()
        service = self.ctx.services.jobsearch

        def work(_control: TaskControl) -> list[Helper]:
            return service.helped(**args)

        self.ctx.worker.submit(
            work, on_success=self._loaded, on_error=self._failed, name="who helped"
        )

    def load_now(self) -> None:
        """Load on the GUI thread (tests, and the first paint of a small list)."""
        self._loaded(self.ctx.services.jobsearch.helped(**self.query()))

    def _failed(self, err: BaseException, details: str) -> None:
        from netdesk.ui.common.errors import show_error

        self._loading = False
        show_error(self, "Could not load who helped", err, details)

    def _loaded(self, helpers: list[Helper]) -> None:
        self._loading = False
        if self._again:
            self._again = False
            self.refresh()
        selected = self.selected_ids()
        self.helpers = helpers
        self.model.set_rows(helpers)
        self._dirty = False
        self._reselect(selected)
        self._update_state()

    def _reselect(self, ids: list[int]) -> None:
        if not ids:
            return
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(Role.ID) == ids[0]:
                self.table.selectRow(row)
                return

    def _filter_changed(self, on: bool) -> None:
        self.proxy.set_only_unthanked(on)
        self._update_state()

    def _update_state(self) -> None:
        shown = self.proxy.rowCount()
        total = len(self.helpers)
        unthanked = sum(1 for h in self.helpers if not h.thanked)
        self.count_label.setText(
            f"{total} {'person' if total == 1 else 'people'} helped · {unthanked} not thanked yet"
        )
        self.thank_button.setEnabled(shown > 0)
        if shown == 0:
            if not self.searches and not self.helpers:
                self.empty.setText(
                    "<h3>Nobody on this list yet</h3>Start a job search: every interaction you "
                    "log while it is open belongs to it. Log help, introductions, advice, "
                    "references and interviews, and the people behind them show up here, "
                    "ready to be thanked when you land."
                )
            elif self.unthanked.isChecked() and total:
                self.empty.setText(
                    "<h3>Everyone has been thanked</h3>Untick “Not thanked yet” to see them all."
                )
            else:
                self.empty.setText(
                    "<h3>Nobody helped in this period</h3>Log help received, introductions, "
                    "advice, references or interviews (Ctrl+L), or choose another search, "
                    "period or tag."
                )
        self.empty.setVisible(shown == 0)
        self.split.setVisible(shown > 0)
        self._show_details()

    def _show_details(self) -> None:
        h = self.current_helper()
        if h is None:
            self.details.setPlainText("")
            return
        lines = [h.display_name + (f" — {h.organization}" if h.organization else "")]
        if h.last_thanked:
            lines.append(f"Last thanked {h.last_thanked:%a %d %b %Y}")
        else:
            lines.append("Not thanked yet")
        lines.append("")
        for e in h.helped:
            lines.append(f"{e.day:%d %b %Y}  {e.type}: {e.summary}")
        self.details.setPlainText("\n".join(lines))

    # ------------------------------------------------------------ selection
    def current_helper(self) -> Helper | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        h = index.data(Role.PAYLOAD)
        return h if isinstance(h, Helper) else None

    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return [int(r.data(Role.ID)) for r in rows]

    def shown_ids(self) -> list[int]:
        return [int(self.proxy.index(r, 0).data(Role.ID)) for r in range(self.proxy.rowCount())]

    def _open_current(self) -> None:
        h = self.current_helper()
        if h is not None:
            self.ctx.nav.open_contact.emit(h.contact_id)

    # ------------------------------------------------------------ actions
    def thank_shown(self) -> None:
        from netdesk.ui.jobsearch.campaign import open_campaign

        ids = self.selected_ids() if len(self.selected_ids()) > 1 else self.shown_ids()
        search = self.current_search()
        key = "landed" if search is not None and search.landed else "interview_thanks"
        open_campaign(self.ctx, self, recipients=ids, template_key=key, search=search)

    def _start_search(self) -> None:
        from netdesk.ui.jobsearch.dialogs import start_search

        start_search(self.ctx, self)

    def _landed(self) -> None:
        from netdesk.ui.jobsearch.dialogs import landed

        landed(self.ctx, self)

    def on_change(self, change: Change) -> None:
        if change.interactions or change.contacts or change.everything or change == Change():
            self._dirty = True
            if self.isVisible():
                self._fill_filters()
                self.refresh()

    def on_activated(self) -> None:
        if self._dirty:
            self._fill_filters()
            self.refresh()
        self.table.setFocus()

    def focus_search(self) -> None:
        self.scope.setFocus()
