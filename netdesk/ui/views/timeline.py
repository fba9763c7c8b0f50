"""Timeline: every interaction, newest first, grouped by month; filter by type and text."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.dates import humanize_date
from netdesk.core.model import Change
from netdesk.services.activity import TimelineEntry
from netdesk.ui.context import UiContext

TYPE_COLORS = {
    "meeting": "#2e86de",
    "call": "#10ac84",
    "email": "#5f27cd",
    "message": "#48dbfb",
    "note": "#8395a7",
    "event": "#ff9f43",
    "interview": "#ee5253",
    "thank-you sent": "#f368e0",
    "introduction": "#feca57",
    "help given": "#1dd1a1",
    "help received": "#54a0ff",
}
PAGE = 300


def entry_text(entry: TimelineEntry, today: date, for_contact: int | None = None) -> str:
    i = entry.interaction
    names = dict(entry.people)
    if i.type == "introduction" and i.introducer_id is not None:
        introducer = names.get(i.introducer_id, "?")
        others = [n for cid, n in entry.people if cid != i.introducer_id]
        if for_contact == i.introducer_id:
            who = f"introduced you to {', '.join(others)}"
        elif for_contact is not None:
            who = f"introduced by {introducer}"
        else:
            who = f"{introducer} introduced {', '.join(others)}"
    else:
        who = ", ".join(n for cid, n in entry.people if cid != for_contact)
    when = humanize_date(i.occurred_at.date(), today)
    head = f"{i.type.capitalize()} · {when}" + (f" · {who}" if who else "")
    body = i.summary
    if i.notes:
        first = i.notes.strip().splitlines()[0]
        body += f" — {first[:120]}{'…' if len(first) > 120 else ''}"
    return f"{head}\n{body}"


def fill_timeline(
    widget: QListWidget, entries: list[TimelineEntry], today: date, for_contact: int | None = None
) -> None:
    """Fill a list widget with entries grouped under month headers."""
    widget.clear()
    month = None
    bold = QFont(widget.font())
    bold.setBold(True)
    for entry in entries:
        at = entry.interaction.occurred_at
        key = (at.year, at.month)
        if key != month:
            month = key
            header = QListWidgetItem(at.strftime("%B %Y"))
            header.setFont(bold)
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            widget.addItem(header)
        item = QListWidgetItem(entry_text(entry, today, for_contact))
        color = QColor(TYPE_COLORS.get(entry.interaction.type, "#8395a7"))
        item.setData(Qt.ItemDataRole.DecorationRole, color)
        item.setData(Qt.ItemDataRole.UserRole, entry.interaction.id)
        full = entry.interaction.notes or entry.interaction.summary
        item.setToolTip(f"{at:%A %d %B %Y %H:%M}\n\n{full}")
        widget.addItem(item)


class TimelineView(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search what was said…")
        self.search.setClearButtonEnabled(True)
        self.type_filter = QComboBox()
        self.type_filter.addItem("All types", None)
        for t in ctx.services.preferences.interaction_types:
            self.type_filter.addItem(t.capitalize(), t)
        self.count_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.type_filter)
        top.addWidget(self.count_label)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.empty = QLabel(
            "No interactions yet. Press Ctrl+L to log a call, meeting or email with a contact."
        )
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.type_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        ctx.bus.changed.connect(self.on_change)
        self._dirty = True

    def refresh(self) -> None:
        t = self.type_filter.currentData()
        entries = self.ctx.services.activity.timeline(
            types=[t] if t else None, search=self.search.text(), limit=PAGE
        )
        fill_timeline(self.list, entries, date.today())
        shown = len(entries)
        self.count_label.setText(f"{shown}{'+' if shown == PAGE else ''} shown")
        self.empty.setVisible(shown == 0)
        self.list.setVisible(shown > 0)
        self._dirty = False

    def on_change(self, change: Change) -> None:
        if change.interactions or change.everything or change.contacts:
            self._dirty = True
            if self.isVisible():
                self.refresh()

    def on_activated(self) -> None:
        if self._dirty:
            self.refresh()
        self.search.setFocus()
