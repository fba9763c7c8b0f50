"""Timeline: every interaction, newest first, grouped by month; filter by type, tag and date
range, search what was said. Enter edits an entry, Delete deletes it (Ctrl+Z undoes),
Space shows all its notes."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.model import Change
from netdesk.services.activity import TimelineEntry
from netdesk.ui.common.context import UiContext
from netdesk.ui.timeline import activity_actions
from netdesk.ui.timeline.items import (
    TYPE_STYLE,
    TimelineList,
    entry_text,
    type_icon,
    type_style,
)

__all__ = ["TYPE_STYLE", "TimelineActions", "TimelineView", "entry_text"]

RANGES = (
    ("Any time", None),
    ("Last 30 days", 30),
    ("Last 90 days", 90),
    ("Last 12 months", 365),
    ("This year", -1),
    ("Custom range…", -2),
)


class TimelineActions:
    """Wires a TimelineList's requests to the undoable actions and the editor dialog."""

    def __init__(self, ctx: UiContext, view: TimelineList, parent: QWidget) -> None:
        self.ctx = ctx
        self.view = view
        self.parent = parent
        self.editor: QDialog | None = None
        view.edit_requested.connect(self.edit)
        view.delete_requested.connect(self.delete)
        view.open_contact_requested.connect(ctx.nav.open_contact.emit)

    def edit(self, interaction_id: int) -> None:
        from netdesk.ui.timeline.interaction_edit import open_editor

        self.editor = open_editor(self.ctx, interaction_id, self.parent)
        if self.editor is not None:
            self.editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.editor.open()

    def delete(self, interaction_id: int) -> None:
        row = self.view.currentIndex().row()
        if activity_actions.delete_interaction(self.ctx, interaction_id, self.parent):
            self.view.setFocus()
            self.select_near(row)

    def select_near(self, row: int) -> None:
        model = self.view.timeline_model
        for r in [*range(row, model.rowCount()), *range(row - 1, -1, -1)]:
            if model.entry_at(r) is not None:
                self.view.setCurrentIndex(model.index(r, 0))
                return


class TimelineView(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search what was said…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.type_filter = QComboBox()
        self.tag_filter = QComboBox()
        self.tag_filter.setToolTip("Only interactions with contacts that carry this tag")
        self.range_filter = QComboBox()
        for label, days in RANGES:
            self.range_filter.addItem(label, days)
        self.since = QDateEdit(QDate.currentDate().addMonths(-3))
        self.until = QDateEdit(QDate.currentDate())
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setVisible(False)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: palette(placeholder-text)")
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.type_filter)
        top.addWidget(self.tag_filter)
        top.addWidget(self.range_filter)
        top.addWidget(self.since)
        top.addWidget(self.until)
        self.list = TimelineList()
        self.actions = TimelineActions(ctx, self.list, self)
        self.empty = QWidget()
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_button = QPushButton("Log an interaction…")
        self.empty_button.clicked.connect(lambda: ctx.nav.log_interaction.emit([]))
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addWidget(self.empty_label)
        row = QHBoxLayout()
        row.addWidget(self.empty_button)
        row.addStretch(1)
        empty_layout.addLayout(row)
        empty_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.count_label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._focus_first)
        self._fill_filters()
        self.type_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.tag_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.range_filter.currentIndexChanged.connect(lambda _i: self._range_changed())
        self.since.dateChanged.connect(lambda _d: self._debounce.start())
        self.until.dateChanged.connect(lambda _d: self._debounce.start())
        self.list.timeline_model.rowsInserted.connect(lambda *_: self._update_count())
        ctx.bus.changed.connect(self.on_change)
        self._dirty = True

    def _fill_filters(self) -> None:
        """Types from the preferences, tags from the database (kept selected if still there)."""
        for combo, first, values in (
            (self.type_filter, "All types", list(self.ctx.services.preferences.interaction_types)),
            (self.tag_filter, "All tags", self.ctx.services.contacts.tags()),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, None)
            for v in values:
                if combo is self.type_filter:
                    combo.addItem(type_icon(v), type_style(v)[2], v)
                else:
                    combo.addItem(v, v)
            idx = combo.findData(current)
            combo.setCurrentIndex(idx if idx >= 0 else 0)
            combo.blockSignals(False)

    def _range_changed(self) -> None:
        custom = self.range_filter.currentData() == -2
        self.since.setVisible(custom)
        self.until.setVisible(custom)
        self.refresh()

    def date_range(self) -> tuple[date | None, date | None]:
        days = self.range_filter.currentData()
        today = date.today()
        if days is None:
            return None, None
        if days == -1:
            return date(today.year, 1, 1), None
        if days == -2:
            s, u = self.since.date(), self.until.date()
            return date(s.year(), s.month(), s.day()), date(u.year(), u.month(), u.day())
        return today - timedelta(days=days), None

    def filters_active(self) -> bool:
        return bool(
            self.search.text().strip()
            or self.type_filter.currentData()
            or self.tag_filter.currentData()
            or self.range_filter.currentData() is not None
        )

    def refresh(self) -> None:
        self._debounce.stop()
        kind = self.type_filter.currentData()
        tag = self.tag_filter.currentData()
        since, until = self.date_range()
        text = self.search.text()
        activity = self.ctx.services.activity

        def load(offset: int, limit: int) -> list[TimelineEntry]:
            return activity.timeline(
                types=[kind] if kind else None,
                tag=tag,
                since=since,
                until=until,
                search=text,
                limit=limit,
                offset=offset,
            )

        current = self.list.current_entry()
        self.list.timeline_model.set_loader(load)
        shown = self.list.timeline_model.entry_count()
        if current is not None and current.interaction.id is not None:
            row = self.list.timeline_model.row_of(current.interaction.id)
            if row >= 0:
                self.list.setCurrentIndex(self.list.timeline_model.index(row, 0))
        if self.filters_active():
            self.empty_label.setText(
                "<h3>No interactions match</h3>Nothing matches these filters. Clear the "
                "search or choose “All types”, “All tags” and “Any time”."
            )
        else:
            self.empty_label.setText(
                "<h3>No interactions yet</h3>Every call, meeting, email or introduction you "
                "log shows up here, newest first. Press Ctrl+L to log one."
            )
        self.empty_button.setVisible(not self.filters_active())
        self.empty.setVisible(shown == 0)
        self.list.setVisible(shown > 0)
        self._update_count()
        self._dirty = False

    def _update_count(self) -> None:
        model = self.list.timeline_model
        n = model.entry_count()
        more = "+" if model.canFetchMore() else ""
        self.count_label.setText(
            f"{n:,}{more} interaction{'s' if n != 1 else ''}"
            + (" (scroll for more)" if more else "")
        )

    def _focus_first(self) -> None:
        self.refresh()
        if self.list.isVisible():
            self.actions.select_near(0)
            self.list.setFocus()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def on_change(self, change: Change) -> None:
        if change.interactions or change.everything or change.contacts:
            self._dirty = True
            if self.isVisible():
                self._fill_filters()
                self.list.timeline_model.reload()
                self.refresh_after_reload()

    def refresh_after_reload(self) -> None:
        shown = self.list.timeline_model.entry_count()
        self.empty.setVisible(shown == 0)
        self.list.setVisible(shown > 0)
        self._update_count()
        self._dirty = False

    def on_activated(self) -> None:
        if self._dirty:
            self._fill_filters()
            self.refresh()
        self.search.setFocus()
