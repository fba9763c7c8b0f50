"""Today: who to reach out to (overdue, today, this week), birthdays, network health.

A new, empty database shows the welcome panel instead: what NetDesk is for, and the three
ways in (enter cards, import a file, try the demo data).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.cadence import bucket
from netdesk.core.dates import humanize_date
from netdesk.core.model import Change, DueItem
from netdesk.services.activity import NetworkHealth
from netdesk.ui.context import UiContext

SECTIONS = (
    ("overdue", "Overdue"),
    ("today", "Due today"),
    ("week", "Due this week"),
    ("birthday", "Birthdays in the next 14 days"),
)
REASON_TEXT = {"cadence": "Keep in touch", "follow-up": "Follow up", "birthday": "Birthday"}


class MonthChart(QWidget):
    """Interactions per month as bars, painted with QPainter (no QtCharts dependency)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: list[tuple[str, int]] = []
        self.setMinimumHeight(130)

    def set_data(self, data: list[tuple[str, int]]) -> None:
        self.data = data
        self.setToolTip("\n".join(f"{m}: {n}" for m, n in data))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, 140)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        rect = QRectF(self.rect()).adjusted(4, 4, -4, -20)
        if not self.data:
            p.end()
            return
        top = max(n for _, n in self.data) or 1
        width = rect.width() / len(self.data)
        bar = pal.color(QPalette.ColorRole.Highlight)
        text = pal.color(QPalette.ColorRole.WindowText)
        small = QFont(self.font())
        small.setPointSizeF(max(6.5, small.pointSizeF() * 0.75))
        p.setFont(small)
        for n, (month, count) in enumerate(self.data):
            h = rect.height() * count / top
            x = rect.left() + n * width
            p.fillRect(QRectF(x + 2, rect.bottom() - h, width - 4, h), bar)
            p.setPen(text)
            label = month[5:]
            p.drawText(
                QRectF(x, rect.bottom() + 2, width, 16), Qt.AlignmentFlag.AlignHCenter, label
            )
        p.end()


class HealthPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        title = QLabel("<b>Network health</b>")
        grid.addWidget(title, 0, 0, 1, 3)
        self.touched_30 = QLabel()
        self.touched_90 = QLabel()
        self.overdue = QLabel()
        for col, (label, caption) in enumerate(
            (
                (self.touched_30, "touched in 30 days"),
                (self.touched_90, "touched in 90 days"),
                (self.overdue, "overdue"),
            )
        ):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            big = QFont(label.font())
            big.setPointSizeF(big.pointSizeF() * 1.8)
            big.setBold(True)
            label.setFont(big)
            grid.addWidget(label, 1, col)
            cap = QLabel(caption)
            cap.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(cap, 2, col)
        grid.addWidget(QLabel("Interactions per month"), 3, 0, 1, 3)
        self.chart = MonthChart()
        grid.addWidget(self.chart, 4, 0, 1, 3)

    def set_health(self, h: NetworkHealth) -> None:
        self.touched_30.setText(f"{h.touched_30:,}")
        self.touched_90.setText(f"{h.touched_90:,}")
        self.overdue.setText(f"{h.overdue:,}")
        color = "#c0392b" if h.overdue else ""
        self.overdue.setStyleSheet(f"color: {color}" if color else "")
        self.chart.set_data(list(h.per_month))


class WelcomePanel(QWidget):
    """First launch: what NetDesk is for and the three ways in."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        head = QLabel("<h1>Welcome to NetDesk</h1>")
        head.setAlignment(Qt.AlignmentFlag.AlignCenter)
        line = QLabel(
            "Keep your professional network warm: every business card, every conversation, "
            "and the next time to get in touch."
        )
        line.setWordWrap(True)
        line.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(head)
        layout.addWidget(line)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cards_button = QPushButton("Enter business cards")
        self.import_button = QPushButton("Import a vCard file…")
        self.demo_button = QPushButton("Try the demo data")
        for b in (self.cards_button, self.import_button, self.demo_button):
            b.setMinimumHeight(36)
            row.addWidget(b)
        row.addStretch(1)
        layout.addSpacing(16)
        layout.addLayout(row)
        layout.addStretch(2)
        self.cards_button.clicked.connect(lambda: ctx.nav.show_view.emit("cards"))
        self.import_button.clicked.connect(lambda: ctx.nav.import_files.emit([]))
        self.demo_button.clicked.connect(ctx.nav.load_demo.emit)


class DueList(QListWidget):
    """All due items grouped under section headers; each item carries its DueItem."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUniformItemSizes(False)
        self.setSelectionMode(QListWidget.SelectionMode.SingleSelection)

    def set_items(self, items: list[DueItem], today: date) -> dict[str, int]:
        self.clear()
        groups: dict[str, list[DueItem]] = {key: [] for key, _ in SECTIONS}
        for item in items:
            key = "birthday" if item.reason == "birthday" else bucket(item.due, today)
            if key in groups:
                groups[key].append(item)
        for key, title in SECTIONS:
            entries = groups[key]
            if not entries:
                continue
            header = QListWidgetItem(f"{title}  ({len(entries)})")
            font = QFont(self.font())
            font.setBold(True)
            header.setFont(font)
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            header.setForeground(self.palette().color(QPalette.ColorRole.WindowText))
            self.addItem(header)
            for d in entries:
                when = humanize_date(d.due, today)
                detail = f" — {d.detail}" if d.detail else ""
                it = QListWidgetItem(
                    f"   {d.display_name}   ·   {REASON_TEXT[d.reason]}{detail}   ·   {when}"
                )
                it.setToolTip(d.due.strftime("%A %d %B %Y"))
                it.setData(Qt.ItemDataRole.UserRole, d)
                if key == "overdue":
                    it.setForeground(QColor("#c0392b"))
                self.addItem(it)
        return {k: len(v) for k, v in groups.items()}

    def current_due(self) -> DueItem | None:
        item = self.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None


class TodayView(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = date.today()
        self.stack = QStackedWidget()
        self.welcome = WelcomePanel(ctx)

        main = QWidget()
        self.heading = QLabel()
        self.due_list = DueList()
        self.empty_label = QLabel(
            "Nothing is due today. Log a conversation (Ctrl+L) or give a contact a keep-in-touch "
            "cadence, and NetDesk will remind you here."
        )
        self.empty_label.setWordWrap(True)
        self.health = HealthPanel()

        self.log_button = QPushButton("Log interaction…")
        self.done_button = QPushButton("Mark done")
        self.snooze_button = QToolButton()
        self.snooze_button.setText("Snooze")
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.snooze_button)
        menu.addAction("1 day", lambda: self.snooze(1))
        menu.addAction("1 week", lambda: self.snooze(7))
        menu.addAction("1 month", lambda: self.snooze(30))
        self.snooze_button.setMenu(menu)
        self.open_button = QPushButton("Open contact")
        actions = QHBoxLayout()
        for w in (self.log_button, self.done_button, self.snooze_button, self.open_button):
            actions.addWidget(w)
        actions.addStretch(1)

        left = QVBoxLayout()
        left.addWidget(self.heading)
        left.addLayout(actions)
        left.addWidget(self.due_list, 1)
        left.addWidget(self.empty_label)
        body = QHBoxLayout(main)
        body.addLayout(left, 3)
        right = QVBoxLayout()
        right.addWidget(self.health)
        right.addStretch(1)
        body.addLayout(right, 2)

        self.stack.addWidget(self.welcome)
        self.stack.addWidget(main)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        self.log_button.clicked.connect(self.log_selected)
        self.done_button.clicked.connect(self.mark_done)
        self.open_button.clicked.connect(self.open_selected)
        self.due_list.itemActivated.connect(lambda _item: self.open_selected())
        self.due_list.currentItemChanged.connect(lambda *_: self._update_buttons())
        ctx.bus.changed.connect(self.on_change)
        self.counts: dict[str, int] = {}
        self.refresh()

    def refresh(self) -> None:
        self.today = date.today()
        services = self.ctx.services
        if services.contacts.count() == 0:
            self.stack.setCurrentWidget(self.welcome)
            self.counts = {}
            return
        self.stack.setCurrentIndex(1)
        items = services.activity.due(self.today)
        self.counts = self.due_list.set_items(items, self.today)
        self.heading.setText(f"<h2>{self.today:%A %d %B}</h2>")
        self.empty_label.setVisible(not items)
        self.due_list.setVisible(bool(items))
        self.health.set_health(services.activity.health(self.today))
        self._update_buttons()

    def due_count(self) -> int:
        return self.counts.get("overdue", 0) + self.counts.get("today", 0)

    def _update_buttons(self) -> None:
        d = self.due_list.current_due()
        for b in (self.log_button, self.open_button, self.snooze_button):
            b.setEnabled(d is not None)
        self.done_button.setEnabled(d is not None and d.reason != "birthday")

    def open_selected(self) -> None:
        d = self.due_list.current_due()
        if d:
            self.ctx.nav.open_contact.emit(d.contact_id)

    def log_selected(self) -> None:
        d = self.due_list.current_due()
        if d:
            self.ctx.nav.log_interaction.emit([d.contact_id])

    def mark_done(self) -> None:
        d = self.due_list.current_due()
        if d is None:
            return
        activity = self.ctx.services.activity
        if d.follow_up_id is not None:
            change = activity.mark_done(d.follow_up_id, self.today)
        else:
            # a cadence is "done" by getting in touch: record it as a note
            self.ctx.nav.log_interaction.emit([d.contact_id])
            return
        self.ctx.bus.publish(change)
        self.ctx.nav.status.emit(f"Marked done: {d.display_name}")

    def snooze(self, days: int) -> None:
        d = self.due_list.current_due()
        if d is None:
            return
        until = max(self.today, d.due) + timedelta(days=days)
        activity = self.ctx.services.activity
        if d.follow_up_id is not None:
            change = activity.snooze(d.follow_up_id, until)
        else:
            change = activity.snooze_cadence(d.contact_id, until)
        self.ctx.bus.publish(change)
        self.ctx.nav.status.emit(f"Snoozed {d.display_name} until {until:%a %d %b}")

    def on_change(self, _change: Change) -> None:
        self.refresh()

    def on_activated(self) -> None:
        self.refresh()
        self.due_list.setFocus()
