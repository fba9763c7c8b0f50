"""One contact's timeline, to sit beside the contact details: when to get in touch next,
open follow-ups, and every interaction newest first under month headers, filterable by
type. Introductions read from this contact's side ("introduced you to …", "introduced by
…"). Enter edits, Delete deletes (Ctrl+Z undoes), Space expands."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.cadence import cadence_label, snooze_until
from netdesk.core.dates import due_text, exact_date, humanize_date, short_date
from netdesk.core.errors import NetDeskError
from netdesk.core.model import Change, DueItem, FollowUp
from netdesk.services.activity import TimelineEntry
from netdesk.ui.common.context import UiContext
from netdesk.ui.common.safe_text import escape, plain_label, set_plain_tooltip
from netdesk.ui.common.widgets import overdue_color
from netdesk.ui.timeline import activity_actions
from netdesk.ui.timeline.items import TimelineList, type_icon, type_style
from netdesk.ui.timeline.view import TimelineActions

#: open follow-ups listed above the timeline (the rest are summed up in one line)
MAX_FOLLOW_UPS = 3


class ContactTimeline(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.contact_id: int | None = None
        self.name = ""
        self.title = QLabel("<b>Timeline</b>")
        self.type_filter = QComboBox()
        self.type_filter.setToolTip("Show only one type of interaction")
        self.log_button = QPushButton("Log…")
        self.log_button.setToolTip("Log an interaction with this contact (Ctrl+L)")
        self.follow_button = QPushButton("Follow-up…")
        self.follow_button.setToolTip("Add a follow-up with a due date and a reason")
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.type_filter)
        head.addWidget(self.log_button)
        head.addWidget(self.follow_button)
        self.next_touch = QLabel()
        self.next_touch.setWordWrap(True)
        self.next_touch.setTextFormat(Qt.TextFormat.RichText)
        self.follow_ups = QVBoxLayout()
        self.follow_ups.setContentsMargins(0, 0, 0, 0)
        self.follow_ups.setSpacing(2)
        self.list = TimelineList()
        self.timeline_actions = TimelineActions(ctx, self.list, self)
        self.empty = plain_label()  # names the contact
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.next_touch)
        layout.addLayout(self.follow_ups)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        self.log_button.clicked.connect(self.log)
        self.follow_button.clicked.connect(self.add_follow_up)
        self.type_filter.currentIndexChanged.connect(lambda _i: self._load_entries())
        ctx.bus.changed.connect(self.on_change)
        self.follow_up_dialog: QWidget | None = None
        self._fill_types()
        self.set_contact(None)

    def _fill_types(self) -> None:
        current = self.type_filter.currentData()
        self.type_filter.blockSignals(True)
        self.type_filter.clear()
        self.type_filter.addItem("All types", None)
        for t in self.ctx.services.preferences.interaction_types:
            self.type_filter.addItem(type_icon(t), type_style(t)[2], t)
        idx = self.type_filter.findData(current)
        self.type_filter.setCurrentIndex(idx if idx >= 0 else 0)
        self.type_filter.blockSignals(False)

    # ------------------------------------------------------------- loading
    def set_contact(self, contact_id: int | None) -> None:
        """Show this contact's timeline (None: nothing selected)."""
        self.contact_id = contact_id
        self.list.timeline_model.expanded.clear()
        enabled = contact_id is not None
        for w in (self.log_button, self.follow_button, self.type_filter):
            w.setEnabled(enabled)
        if contact_id is None:
            self.name = ""
            self.list.timeline_model.set_loader(None)
            self.next_touch.setText("")
            self._set_follow_ups([])
            self.empty.setText("Select a contact to see what you did together.")
            self.empty.setVisible(True)
            self.list.setVisible(False)
            return
        try:
            self.name = self.ctx.services.contacts.names([contact_id]).get(contact_id, "")
        except NetDeskError:
            self.name = ""
        self._load_entries()
        self._load_keep_in_touch()

    def _load_entries(self) -> None:
        cid = self.contact_id
        if cid is None:
            return
        kind = self.type_filter.currentData()
        activity = self.ctx.services.activity

        def load(offset: int, limit: int) -> list[TimelineEntry]:
            return activity.timeline_for(cid, [kind] if kind else None, limit, offset)

        self.list.timeline_model.set_loader(load, for_contact=cid)
        self._show_list_or_empty()

    def _show_list_or_empty(self) -> None:
        shown = self.list.timeline_model.entry_count() > 0
        if not shown:
            if self.type_filter.currentData():
                label = type_style(self.type_filter.currentData())[2].lower()
                self.empty.setText(f"No {label} with {self.name} yet. Choose “All types”.")
            else:
                self.empty.setText(
                    f"Nothing logged with {self.name} yet. Log a call, meeting or email "
                    "(Ctrl+L) and it starts the keep-in-touch clock."
                )
        self.empty.setVisible(not shown)
        self.list.setVisible(shown)
        n = self.list.timeline_model.entry_count()
        if n and self.list.timeline_model.canFetchMore() and self.contact_id is not None:
            n = self.total()
        self.title.setText(f"<b>Timeline</b> ({n:,})" if n else "<b>Timeline</b>")

    def total(self) -> int:
        """All of this contact's interactions of the chosen type (not just the loaded page)."""
        assert self.contact_id is not None
        kind = self.type_filter.currentData()
        activity = self.ctx.services.activity
        return activity.interaction_count(self.contact_id, [kind] if kind else None)

    def _load_keep_in_touch(self) -> None:
        cid = self.contact_id
        if cid is None:
            return
        activity = self.ctx.services.activity
        try:
            state = activity.cadence_state(cid)
            follow_ups = activity.open_follow_ups(cid)
        except NetDeskError:
            self.next_touch.setText("")
            self._set_follow_ups([])
            return
        today = date.today()
        if state.effective_days:
            every = cadence_label(state.effective_days).lower()
            source = "" if state.own_days else " (tag default)"
            when = ""
            if state.due is not None:
                overdue = state.due < today
                text = due_text(state.due, today)
                color = overdue_color().name() if overdue else "palette(text)"
                when = (
                    f" · next touch <span style='color:{color}' title='{exact_date(state.due)}'>"
                    f"<b>{text}</b></span>"
                )
            snoozed = (
                f" · snoozed until {humanize_date(state.snoozed_until, today)}"
                if state.snoozed_until and state.snoozed_until >= today
                else ""
            )
            self.next_touch.setText(f"Keep in touch: {every}{source}{when}{snoozed}")
        else:
            self.next_touch.setText(
                "<span style='color: palette(placeholder-text)'>No keep-in-touch cadence</span>"
            )
        self._set_follow_ups(follow_ups)

    def _set_follow_ups(self, follow_ups: list[FollowUp]) -> None:
        while self.follow_ups.count():
            item = self.follow_ups.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()
        today = date.today()
        for f in follow_ups[:MAX_FOLLOW_UPS]:
            row = QWidget()
            h = QHBoxLayout(row)
            h.setContentsMargins(0, 0, 0, 0)
            due = f.effective_due
            color = overdue_color().name() if due < today else "palette(text)"
            label = QLabel(
                f"⚑ <b style='color:{color}'>{due_text(due, today)}</b> · {escape(f.reason)}"
            )
            label.setToolTip(f"Follow-up due {exact_date(due)}")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            done = QToolButton()
            done.setText("Done")
            done.setToolTip("Mark this follow-up done (Ctrl+Z undoes)")
            done.clicked.connect(lambda _=False, f=f: self.mark_follow_up_done(f))
            more = QToolButton()
            more.setText("Snooze")
            more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            menu = QMenu(more)
            for text, days in (("1 day", 1), ("1 week", 7)):

                def snooze_by(d: int = days, f: FollowUp = f) -> None:
                    self._snooze(f, d)

                menu.addAction(text, snooze_by)
            more.setMenu(menu)
            h.addWidget(label, 1)
            h.addWidget(done)
            h.addWidget(more)
            self.follow_ups.addWidget(row)
        if len(follow_ups) > MAX_FOLLOW_UPS:
            rest = follow_ups[MAX_FOLLOW_UPS:]
            later = QLabel(
                f"and {len(rest):,} more open follow-up{'s' if len(rest) != 1 else ''}, the "
                f"next on {short_date(rest[0].effective_due, today)}"
            )
            later.setStyleSheet("color: palette(placeholder-text)")
            set_plain_tooltip(later, "\n".join(f"{f.effective_due}: {f.reason}" for f in rest[:30]))
            self.follow_ups.addWidget(later)

    def _due_item(self, f: FollowUp) -> DueItem:
        return DueItem(f.contact_id, self.name, f.effective_due, "follow-up", f.reason, f.id)

    def mark_follow_up_done(self, f: FollowUp) -> None:
        activity_actions.mark_done(self.ctx, self._due_item(f), date.today(), self)

    def _snooze(self, f: FollowUp, days: int) -> None:
        until = snooze_until(f.effective_due, date.today(), days)
        activity_actions.snooze(self.ctx, self._due_item(f), until, self)

    # ------------------------------------------------------------- actions
    def log(self) -> None:
        if self.contact_id is not None:
            self.ctx.nav.log_interaction.emit([self.contact_id])

    def add_follow_up(self) -> None:
        from netdesk.ui.timeline.follow_up import FollowUpDialog

        if self.contact_id is None:
            return
        dialog = FollowUpDialog(self.ctx, [self.contact_id], self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.follow_up_dialog = dialog
        dialog.open()

    def on_change(self, change: Change) -> None:
        cid = self.contact_id
        if cid is None:
            return
        if change.everything or cid in change.contacts:
            if change.everything:
                self._fill_types()
            self.list.timeline_model.reload()
            self._show_list_or_empty()
            self._load_keep_in_touch()
