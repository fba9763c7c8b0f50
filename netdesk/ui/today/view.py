"""Today: who to reach out to (overdue, today, this week), birthdays, network health.

Each due item is a card (initials, name, why, detail, the date in words with the exact date
in a tooltip, a coloured badge for overdue and today) with actions: log an interaction (L,
which resets the cadence), mark done (D), snooze (S: 1 day, 1 week, pick a date), open the
contact (Enter). Every action can be undone (Ctrl+Z).

A new, empty database shows the welcome panel instead: what NetDesk is for, and the three
ways in (enter cards, import a file, try the demo data).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.cadence import bucket, snooze_until
from netdesk.core.dates import due_text, exact_date, humanize_date, overdue_text
from netdesk.core.model import Change, DueItem
from netdesk.core.templates import template_for_due
from netdesk.services.activity import NetworkHealth
from netdesk.ui.common.context import UiContext
from netdesk.ui.common.roles import Role
from netdesk.ui.common.safe_text import no_mnemonic, set_plain_tooltip
from netdesk.ui.timeline import activity_actions

AnyIndex = QModelIndex | QPersistentModelIndex

SECTIONS = (
    ("overdue", "Overdue"),
    ("today", "Due today"),
    ("week", "Due this week"),
    ("birthday", "Birthdays in the next 14 days"),
)
SECTION_COLORS = {"overdue": "#c0392b", "today": "#d35400", "week": "", "birthday": "#8e44ad"}
REASON_TEXT = {"cadence": "Keep in touch", "follow-up": "Follow up", "birthday": "Birthday"}
REASON_COLORS = {"cadence": "#2e86de", "follow-up": "#10ac84", "birthday": "#8e44ad"}


def section_of(item: DueItem, today: date) -> str:
    return "birthday" if item.reason == "birthday" else bucket(item.due, today)


def initials(name: str) -> str:
    words = [w for w in name.replace(",", " ").split() if w[:1].isalnum()]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:2].upper()
    return (words[0][0] + words[-1][0]).upper()


# ------------------------------------------------------------------ the chart
class MonthChart(QWidget):
    """Interactions per month as bars, painted with QPainter (no QtCharts dependency); the
    current month is highlighted and every bar carries its count."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: list[tuple[str, int]] = []
        self.setMinimumHeight(150)

    def set_data(self, data: list[tuple[str, int]]) -> None:
        self.data = data
        self.setToolTip("\n".join(f"{_month_label(m, True)}: {n:,}" for m, n in data))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(340, 160)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        small = QFont(self.font())
        small.setPointSizeF(max(6.5, small.pointSizeF() * 0.75))
        p.setFont(small)
        fm = QFontMetrics(small)
        rect = QRectF(self.rect()).adjusted(4, fm.height() + 4, -4, -(fm.height() + 6))
        text = pal.color(QPalette.ColorRole.WindowText)
        if not self.data:
            p.end()
            return
        top = max(n for _, n in self.data) or 1
        width = rect.width() / len(self.data)
        bar = pal.color(QPalette.ColorRole.Highlight)
        faded = QColor(bar)
        faded.setAlpha(150)
        p.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        p.drawLine(rect.bottomLeft(), rect.bottomRight())
        for n, (month, count) in enumerate(self.data):
            h = rect.height() * count / top
            x = rect.left() + n * width
            last = n == len(self.data) - 1
            p.fillRect(
                QRectF(x + width * 0.15, rect.bottom() - h, width * 0.7, h), bar if last else faded
            )
            p.setPen(text)
            if count:
                p.drawText(
                    QRectF(x - 4, rect.bottom() - h - fm.height() - 1, width + 8, fm.height()),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                    _short_count(count),
                )
            p.drawText(
                QRectF(x, rect.bottom() + 3, width, fm.height()),
                Qt.AlignmentFlag.AlignHCenter,
                _month_label(month),
            )
        p.end()


def _month_label(key: str, long: bool = False) -> str:
    year, month = int(key[:4]), int(key[5:7])
    d = date(year, month, 1)
    return f"{d:%B %Y}" if long else f"{d:%b}"


def _short_count(n: int) -> str:
    return f"{n / 1000:.1f}k".replace(".0k", "k") if n >= 10000 else str(n)


class HealthPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMaximumWidth(420)
        grid = QGridLayout(self)
        title = QLabel("<b>Network health</b>")
        grid.addWidget(title, 0, 0, 1, 3)
        self.touched_30 = QLabel()
        self.touched_90 = QLabel()
        self.overdue = QLabel()
        for col, (label, caption, tip) in enumerate(
            (
                (self.touched_30, "touched\nin 30 days", "Contacts you interacted with lately"),
                (self.touched_90, "touched\nin 90 days", "Contacts you interacted with lately"),
                (self.overdue, "overdue\n", "Keep-in-touch reminders and follow-ups past due"),
            )
        ):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            big = QFont(label.font())
            big.setPointSizeF(big.pointSizeF() * 1.8)
            big.setBold(True)
            label.setFont(big)
            label.setToolTip(tip)
            grid.addWidget(label, 1, col)
            cap = QLabel(caption)
            cap.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(cap, 2, col)
        chart_title = QLabel("Interactions per month, last 12 months")
        chart_title.setWordWrap(True)
        grid.addWidget(chart_title, 3, 0, 1, 3)
        self.chart = MonthChart()
        grid.addWidget(self.chart, 4, 0, 1, 3)

    def set_health(self, h: NetworkHealth) -> None:
        self.touched_30.setText(f"{h.touched_30:,}")
        self.touched_90.setText(f"{h.touched_90:,}")
        self.overdue.setText(f"{h.overdue:,}")
        self.overdue.setStyleSheet("color: #c0392b" if h.overdue else "")
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
        self.import_button = QPushButton("Import a vCard or CSV file…")
        self.import_button.setToolTip(
            "vCard (.vcf) or CSV: LinkedIn connections, Outlook or Google Contacts exports"
        )
        self.demo_button = QPushButton("Try the demo data")
        self.demo_button.setToolTip(
            "Opens a separate demo database in its own window; your own contacts stay as they are"
        )
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


# ----------------------------------------------------------- the due list
@dataclass(frozen=True, slots=True)
class _DueRow:
    section: str
    item: DueItem | None = None  # None: the section header
    count: int = 0


class DueModel(QAbstractListModel):
    """Section headers and due items (the payload is the DueItem)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[_DueRow] = []
        self.today = date.today()

    def set_items(self, items: list[DueItem], today: date) -> dict[str, int]:
        groups: dict[str, list[DueItem]] = {key: [] for key, _ in SECTIONS}
        for item in items:
            key = section_of(item, today)
            if key in groups:
                groups[key].append(item)
        self.beginResetModel()
        self.today = today
        self.rows = []
        for key, _title in SECTIONS:
            if groups[key]:
                self.rows.append(_DueRow(key, None, len(groups[key])))
                self.rows.extend(_DueRow(key, d) for d in groups[key])
        self.endResetModel()
        return {k: len(v) for k, v in groups.items()}

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.rows[index.row()].item is None:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        d = row.item
        if role == Role.KIND:
            return "header" if d is None else "item"
        if d is None:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return f"{dict(SECTIONS)[row.section]}  ({row.count})"
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            detail = f" — {d.detail}" if d.detail else ""
            when = due_text(d.due, self.today)
            return f"{d.display_name} · {REASON_TEXT[d.reason]}{detail} · {when}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{REASON_TEXT[d.reason]}: {exact_date(d.due)}"
        if role == Role.PAYLOAD:
            return d
        if role == Role.ID:
            return d.contact_id
        if role == Role.SORT:
            return row.section
        return None

    def item_at(self, row: int) -> DueItem | None:
        return self.rows[row].item if 0 <= row < len(self.rows) else None


class DueDelegate(QStyledItemDelegate):
    """A card per due item; a bold header with a count per section."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        fm = QFontMetrics(option.font)
        if index.data(Role.KIND) == "header":
            return QSize(200, fm.height() + 20)
        return QSize(200, fm.height() * 2 + 22)

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        pal = option.palette
        rect = option.rect
        base = QFont(option.font)
        bold = QFont(base)
        bold.setBold(True)
        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() * 0.9))
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        model = index.model()
        assert isinstance(model, DueModel)
        row = model.rows[index.row()]
        if row.item is None:
            color = SECTION_COLORS.get(row.section) or pal.color(QPalette.ColorRole.WindowText)
            p.setFont(bold)
            p.setPen(QColor(color))
            text = f"{dict(SECTIONS)[row.section]}  ·  {row.count}"
            p.drawText(
                rect.adjusted(10, 8, -10, 0),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            p.restore()
            return
        d = row.item
        card = QRectF(rect.adjusted(6, 3, -6, -3))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hover = bool(option.state & QStyle.StateFlag.State_MouseOver)
        fill = pal.color(QPalette.ColorRole.Base)
        if selected:
            fill = pal.color(QPalette.ColorRole.Highlight)
        elif hover:
            fill = pal.color(QPalette.ColorRole.AlternateBase)
        p.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        p.setBrush(fill)
        p.drawRoundedRect(card, 6, 6)
        text_color = pal.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        mid = text_color if selected else pal.color(QPalette.ColorRole.PlaceholderText)
        # avatar
        size = int(card.height() - 14)
        avatar = QRect(int(card.left()) + 8, int(card.top()) + 7, size, size)
        reason_color = QColor(REASON_COLORS[d.reason])
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(reason_color)
        p.drawEllipse(avatar)
        p.setPen(QColor("white"))
        af = QFont(bold)
        af.setPixelSize(max(9, size // 3))
        p.setFont(af)
        p.drawText(avatar, Qt.AlignmentFlag.AlignCenter, initials(d.display_name))
        # date badge on the right
        section = section_of(d, model.today)
        when = (
            overdue_text(d.due, model.today)
            if section == "overdue"
            else humanize_date(d.due, model.today)
        )
        p.setFont(small)
        fs = QFontMetrics(small)
        bw = fs.horizontalAdvance(when) + 16
        badge = QRectF(card.right() - bw - 10, card.top() + 8, bw, fs.height() + 6)
        badge_color = {"overdue": "#c0392b", "today": "#d35400"}.get(section)
        if badge_color:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(badge_color))
            p.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
            p.setPen(QColor("white"))
        else:
            p.setPen(QPen(mid, 1))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
            p.setPen(text_color)
        p.drawText(badge, Qt.AlignmentFlag.AlignCenter, when)
        # name, then reason chip + detail
        x = avatar.right() + 12
        right = int(badge.left()) - 10
        fb, fm = QFontMetrics(bold), QFontMetrics(base)
        y = int(card.top()) + 6
        p.setFont(bold)
        p.setPen(text_color)
        p.drawText(
            QRect(x, y, right - x, fb.height()),
            Qt.AlignmentFlag.AlignVCenter,
            fb.elidedText(d.display_name, Qt.TextElideMode.ElideRight, max(0, right - x)),
        )
        y += fb.height() + 3
        chip_text = REASON_TEXT[d.reason]
        cw = fs.horizontalAdvance(chip_text) + 12
        chip = QRectF(x, y, cw, fs.height() + 2)
        soft = QColor(reason_color)
        soft.setAlpha(40 if not selected else 90)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(soft)
        p.drawRoundedRect(chip, 4, 4)
        p.setPen(text_color if selected else reason_color.darker(120))
        p.setFont(small)
        p.drawText(chip, Qt.AlignmentFlag.AlignCenter, chip_text)
        if d.detail:
            p.setPen(mid)
            avail = int(card.right()) - 12 - int(chip.right()) - 8
            p.drawText(
                QRect(int(chip.right()) + 8, y, avail, int(chip.height())),
                Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(d.detail, Qt.TextElideMode.ElideRight, max(0, avail)),
            )
        p.restore()


class DueList(QListView):
    """The due cards. Enter opens the contact, L logs, D marks done, S snoozes."""

    open_requested = Signal()
    log_requested = Signal()
    done_requested = Signal()
    snooze_requested = Signal(QPoint)
    menu_requested = Signal(QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.due_model = DueModel(self)
        self.setModel(self.due_model)
        self.setItemDelegate(DueDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # thousands of cards (a big network, long overdue): lay out in batches from the
        # event loop so the first screenful paints at once
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(100)
        self.setMouseTracking(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.viewport().setAutoFillBackground(False)
        self.doubleClicked.connect(lambda _i: self.open_requested.emit())

    def set_items(self, items: list[DueItem], today: date) -> dict[str, int]:
        return self.due_model.set_items(items, today)

    def current_due(self) -> DueItem | None:
        idx = self.currentIndex()
        return self.due_model.item_at(idx.row()) if idx.isValid() else None

    def select_row(self, row: int) -> None:
        rows = self.due_model.rows
        for r in [*range(row, len(rows)), *range(min(row, len(rows)) - 1, -1, -1)]:
            if 0 <= r < len(rows) and rows[r].item is not None:
                self.setCurrentIndex(self.due_model.index(r, 0))
                return

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = not (
            event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        )
        if self.current_due() is not None:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_requested.emit()
                return
            if plain and key == Qt.Key.Key_L:
                self.log_requested.emit()
                return
            if plain and key == Qt.Key.Key_D:
                self.done_requested.emit()
                return
            if plain and key == Qt.Key.Key_S:
                rect = self.visualRect(self.currentIndex())
                self.snooze_requested.emit(self.viewport().mapToGlobal(rect.bottomLeft()))
                return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        idx = self.indexAt(event.pos())
        if idx.isValid() and self.due_model.item_at(idx.row()) is not None:
            self.setCurrentIndex(idx)
            self.menu_requested.emit(event.globalPos())


class TodayView(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = date.today()
        self.stack = QStackedWidget()
        self.welcome = WelcomePanel(ctx)

        main = QWidget()
        self.heading = QLabel()
        self.subheading = QLabel()
        self.subheading.setStyleSheet("color: palette(placeholder-text)")
        self.due_list = DueList()
        self.empty = QFrame()
        empty_layout = QVBoxLayout(self.empty)
        self.empty_label = QLabel(
            "<h3>All caught up</h3>Nothing is due this week. Log a conversation (Ctrl+L) or "
            "give contacts a keep-in-touch cadence, and NetDesk will remind you here when it "
            "is time to get in touch."
        )
        self.empty_label.setWordWrap(True)
        self.empty_log = QPushButton("Log an interaction…")
        self.empty_contacts = QPushButton("Go to contacts")
        empty_buttons = QHBoxLayout()
        empty_buttons.addWidget(self.empty_log)
        empty_buttons.addWidget(self.empty_contacts)
        empty_buttons.addStretch(1)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addLayout(empty_buttons)
        empty_layout.addStretch(1)
        self.health = HealthPanel()

        self.log_button = QPushButton("Log…")
        self.log_button.setToolTip("Log an interaction with this contact (L); resets the cadence")
        self.done_button = QPushButton("Mark done")
        self.done_button.setToolTip(
            "Close the follow-up, or put the keep-in-touch reminder off one cadence (D)"
        )
        self.snooze_button = QToolButton()
        self.snooze_button.setText("Snooze")
        self.snooze_button.setToolTip("Remind me later (S)")
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.snooze_button.setMenu(self._snooze_menu(self.snooze_button))
        self.open_button = QPushButton("Open")
        self.open_button.setToolTip("Open the contact (Enter)")
        self.write_button = QPushButton("Write…")
        self.write_button.setObjectName("today-write")
        actions = QHBoxLayout()
        for w in (
            self.log_button,
            self.done_button,
            self.snooze_button,
            self.open_button,
            self.write_button,
        ):
            actions.addWidget(w)
        actions.addStretch(1)

        left = QVBoxLayout()
        left.addWidget(self.heading)
        left.addWidget(self.subheading)
        left.addLayout(actions)
        left.addWidget(self.due_list, 1)
        left.addWidget(self.empty, 1)
        body = QHBoxLayout(main)
        body.addLayout(left, 1)
        right = QVBoxLayout()
        right.addWidget(self.health)
        right.addStretch(1)
        body.addLayout(right, 0)

        self.stack.addWidget(self.welcome)
        self.stack.addWidget(main)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        self.log_button.clicked.connect(self.log_selected)
        self.done_button.clicked.connect(self.mark_done)
        self.open_button.clicked.connect(self.open_selected)
        self.write_button.clicked.connect(self.write_selected)
        self.empty_log.clicked.connect(lambda: ctx.nav.log_interaction.emit([]))
        self.empty_contacts.clicked.connect(lambda: ctx.nav.show_view.emit("contacts"))
        self.due_list.open_requested.connect(self.open_selected)
        self.due_list.log_requested.connect(self.log_selected)
        self.due_list.done_requested.connect(self.mark_done)
        self.due_list.snooze_requested.connect(lambda pos: self._snooze_menu(self).exec(pos))
        self.due_list.menu_requested.connect(lambda pos: self.item_menu().exec(pos))
        self.due_list.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        ctx.bus.changed.connect(self.on_change)
        self.counts: dict[str, int] = {}
        #: a change came while the view was hidden: reload when it is shown
        self._stale = False
        self.refresh()

    # ---------------------------------------------------------------- menus
    def _snooze_menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(parent)
        menu.addAction("1 day", lambda: self.snooze(1))
        menu.addAction("1 week", lambda: self.snooze(7))
        menu.addSeparator()
        menu.addAction("Pick a date…", self.snooze_pick)
        return menu

    def item_menu(self) -> QMenu:
        d = self.due_list.current_due()
        menu = QMenu(self)
        menu.addAction("Log interaction…\tL", self.log_selected)
        done = menu.addAction("Mark done\tD", self.mark_done)
        done.setEnabled(d is not None and d.reason != "birthday")
        snooze = menu.addMenu("Snooze")
        snooze.setEnabled(d is not None and d.reason != "birthday")
        snooze.addAction("1 day", lambda: self.snooze(1))
        snooze.addAction("1 week", lambda: self.snooze(7))
        snooze.addAction("Pick a date…", self.snooze_pick)
        menu.addSeparator()
        menu.addAction("Open contact\tEnter", self.open_selected)
        return menu

    # -------------------------------------------------------------- refresh
    def refresh(self) -> None:
        self._stale = False
        self.today = date.today()
        services = self.ctx.services
        if services.contacts.count() == 0:
            self.stack.setCurrentWidget(self.welcome)
            self.counts = {}
            return
        self.stack.setCurrentIndex(1)
        current = self.due_list.current_due()
        row = self.due_list.currentIndex().row()
        data = services.activity.today(self.today)
        items = list(data.items)
        self.counts = self.due_list.set_items(items, self.today)
        self.heading.setText(f"<h2>{self.today:%A} {self.today.day} {self.today:%B}</h2>")
        self.subheading.setText(self._summary_line())
        self.empty.setVisible(not items)
        self.due_list.setVisible(bool(items))
        self.health.set_health(data.health)
        rows = self.due_list.due_model.rows
        same = next((n for n, r in enumerate(rows) if r.item == current), None)
        self.due_list.select_row(same if same is not None else max(row, 0))
        self._update_buttons()

    def _summary_line(self) -> str:
        parts = []
        for key, word in (
            ("overdue", "overdue"),
            ("today", "due today"),
            ("week", "due this week"),
            ("birthday", "birthday"),
        ):
            n = self.counts.get(key, 0)
            if n:
                plural = "s" if key == "birthday" and n != 1 else ""
                parts.append(f"{n:,} {word}{plural}")
        return " · ".join(parts) if parts else "Nothing due this week"

    def due_count(self) -> int:
        """Overdue and due today (the navigation badge): from the list when it is up to date,
        else counted in SQL (a hidden view does not reload its list for its badge)."""
        if self._stale or self.today != date.today():
            return self.ctx.services.activity.due_now_count(date.today())
        return self.counts.get("overdue", 0) + self.counts.get("today", 0)

    def _update_buttons(self) -> None:
        d = self.due_list.current_due()
        for b in (self.log_button, self.open_button):
            b.setEnabled(d is not None)
        actionable = d is not None and d.reason != "birthday"
        self.done_button.setEnabled(actionable)
        self.snooze_button.setEnabled(actionable)
        key = template_for_due(d.reason, d.detail) if d is not None else None
        self.write_button.setVisible(key is not None)
        if key is not None:
            name = self.ctx.services.jobsearch.template_by_key(key).name
            self.write_button.setText(no_mnemonic(f"Write: {name}…"))
            set_plain_tooltip(self.write_button, f"Open the “{name}” message for this person")

    def write_selected(self) -> None:
        """The message this line calls for (the interview thank-you, birthday wishes, a
        "just to connect" note), in one click."""
        from netdesk.ui.jobsearch.dialogs import open_campaign_for

        d = self.due_list.current_due()
        key = template_for_due(d.reason, d.detail) if d is not None else None
        if d is not None and key is not None:
            self.message_dialog = open_campaign_for(self.ctx, self, [d.contact_id], key)

    # -------------------------------------------------------------- actions
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
        if d is not None:
            activity_actions.mark_done(self.ctx, d, self.today, self)

    def snooze(self, days: int) -> None:
        d = self.due_list.current_due()
        if d is None:
            return
        until = snooze_until(d.due, self.today, days)
        activity_actions.snooze(self.ctx, d, until, self)

    def snooze_pick(self) -> None:
        from netdesk.ui.today.snooze import SnoozeDialog

        d = self.due_list.current_due()
        if d is None:
            return
        dialog = SnoozeDialog(d.display_name, self.today, parent=self)
        if dialog.exec() == SnoozeDialog.DialogCode.Accepted:
            activity_actions.snooze(self.ctx, d, dialog.chosen(), self)

    def on_change(self, _change: Change) -> None:
        """Any change may move a due item (a rename, a logged interaction, a snooze): reload
        now when the list is on screen, else when it is shown."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale or self.today != date.today():
            self.refresh()
        super().showEvent(event)

    def on_activated(self) -> None:
        if self._stale or self.today != date.today():
            self.refresh()
        if self.due_list.isVisible():
            if not self.due_list.currentIndex().isValid():
                self.due_list.select_row(0)
            self.due_list.setFocus()
