"""What both timelines (global and per contact) are made of: an id-backed list model that
loads interactions a page at a time under month headers, a delegate that paints each one
with an icon and colour per type (expandable to show all notes), and the list view with its
keyboard and context-menu actions (edit, delete with undo, expand, open a contact)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QIcon,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from netdesk.core.dates import humanize_date
from netdesk.services.activity import TimelineEntry
from netdesk.ui.common.roles import Role
from netdesk.ui.common.safe_text import no_mnemonic

AnyIndex = QModelIndex | QPersistentModelIndex

#: type -> (colour, pictogram, label)
TYPE_STYLE: dict[str, tuple[str, str, str]] = {
    "meeting": ("#2e86de", "☺", "Meeting"),
    "call": ("#10ac84", "☎", "Call"),
    "email": ("#5f27cd", "✉", "Email"),
    "message": ("#0abde3", "✎", "Message"),
    "note": ("#8395a7", "¶", "Note"),
    "event": ("#ff9f43", "★", "Event"),
    "interview": ("#ee5253", "✦", "Interview"),
    "thank-you sent": ("#e84393", "♥", "Thank-you sent"),
    "introduction": ("#d4a017", "⇄", "Introduction / referral"),
    "help given": ("#1dd1a1", "↗", "Help given"),
    "help received": ("#54a0ff", "↙", "Help received"),
    "advice": ("#00a8a8", "?", "Advice"),
    "reference": ("#6c5ce7", "✔", "Reference"),
    "news shared": ("#f368e0", "✉", "News shared"),
}
_FALLBACK_COLORS = ("#576574", "#c8d6e5", "#8e44ad", "#16a085", "#d35400", "#2c3e50")
PAGE = 200
ICON = 28


def type_style(kind: str) -> tuple[QColor, str, str]:
    """Colour, pictogram and label for an interaction type (user-added types get a stable
    colour and their initial)."""
    style = TYPE_STYLE.get(kind)
    if style is not None:
        return QColor(style[0]), style[1], style[2]
    color = _FALLBACK_COLORS[sum(map(ord, kind)) % len(_FALLBACK_COLORS)]
    return QColor(color), (kind[:1] or "?").upper(), kind.capitalize()


_ICON_CACHE: dict[tuple[str, int], QIcon] = {}


def paint_type_badge(p: QPainter, rect: QRect, kind: str) -> None:
    color, glyph, _label = type_style(kind)
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(color)
    p.drawEllipse(rect)
    font = QFont(p.font())
    font.setPixelSize(max(8, int(rect.height() * 0.55)))
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor("white"))
    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, glyph)
    p.restore()


def type_icon(kind: str, size: int = 16) -> QIcon:
    """A round badge for menus and combo boxes (cached)."""
    key = (kind, size)
    icon = _ICON_CACHE.get(key)
    if icon is None:
        pix = QPixmap(size * 2, size * 2)
        pix.setDevicePixelRatio(2)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        paint_type_badge(p, QRect(0, 0, size, size), kind)
        p.end()
        icon = _ICON_CACHE[key] = QIcon(pix)
    return icon


def who_text(entry: TimelineEntry, for_contact: int | None) -> str:
    """The people line; introductions show both ends from the point of view of the contact
    whose timeline this is."""
    i = entry.interaction
    names = dict(entry.people)
    if i.type == "introduction" and i.introducer_id is not None:
        introducer = names.get(i.introducer_id, "?")
        others = [n for cid, n in entry.people if cid != i.introducer_id]
        if for_contact == i.introducer_id:
            return f"introduced you to {', '.join(others) or '?'}"
        if for_contact is not None:
            also = [n for cid, n in entry.people if cid not in (i.introducer_id, for_contact)]
            return f"introduced by {introducer}" + (f" (with {', '.join(also)})" if also else "")
        return f"{introducer} introduced {', '.join(others) or '?'}"
    return ", ".join(n for cid, n in entry.people if cid != for_contact)


def entry_text(entry: TimelineEntry, today: date, for_contact: int | None = None) -> str:
    """Plain text of an entry (accessibility, tests, copy)."""
    i = entry.interaction
    _color, _glyph, label = type_style(i.type)
    who = who_text(entry, for_contact)
    when = humanize_date(i.occurred_at.date(), today)
    head = f"{label} · {when}" + (f" · {who}" if who else "")
    body = i.summary
    if i.notes:
        first = i.notes.strip().splitlines()[0]
        body += f" — {first[:120]}{'…' if len(first) > 120 else ''}"
    return f"{head}\n{body}"


@dataclass(frozen=True, slots=True)
class _Row:
    kind: str  # "month" | "entry"
    month: str  # "November 2026"
    entry: TimelineEntry | None = None


Loader = Callable[[int, int], list[TimelineEntry]]


class TimelineModel(QAbstractListModel):
    """Month headers and entries, newest first; pages of ``PAGE`` load as the view scrolls
    (``canFetchMore``/``fetchMore``), so a contact with thousands of interactions opens as
    fast as one with ten."""

    def __init__(self, parent: QWidget | None = None, page: int = PAGE) -> None:
        super().__init__(parent)
        self.page = page
        self.rows: list[_Row] = []
        self.loader: Loader | None = None
        self.for_contact: int | None = None
        self.today = date.today()
        self.loaded = 0
        self.exhausted = True
        self.expanded: set[int] = set()
        self._resetting = False

    # -------------------------------------------------------------- loading
    def set_loader(self, loader: Loader | None, for_contact: int | None = None) -> None:
        self._resetting = True  # no fetchMore from views reacting to the change
        self.beginResetModel()
        self.loader = loader
        self.for_contact = for_contact
        self.today = date.today()
        self.rows = []
        self.loaded = 0
        self.exhausted = loader is None
        self.endResetModel()
        self._resetting = False
        if loader is not None:
            self._load_page()

    def reload(self) -> None:
        """Load again as many entries as were shown (after a change), keeping expansions."""
        loader, wanted = self.loader, max(self.loaded, self.page)
        self._resetting = True
        self.beginResetModel()
        self.rows, self.loaded, self.exhausted = [], 0, loader is None
        self.today = date.today()
        if loader is not None:
            self._append(loader(0, wanted), wanted)
        self.endResetModel()
        self._resetting = False

    def _append(self, entries: list[TimelineEntry], asked: int) -> None:
        self.rows.extend(_rows_for(entries, self.rows[-1:]))
        self.loaded += len(entries)
        self.exhausted = len(entries) < asked

    def _load_page(self) -> None:
        assert self.loader is not None
        entries = self.loader(self.loaded, self.page)
        if not entries:
            self.exhausted = True
            return
        rows = _rows_for(entries, self.rows[-1:])
        first = len(self.rows)
        # state first: views and testers may ask canFetchMore while the rows go in
        self._resetting = True
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self.rows.extend(rows)
        self.loaded += len(entries)
        self.exhausted = len(entries) < self.page
        self.endInsertRows()
        self._resetting = False

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return (
            not parent.isValid()
            and not self.exhausted
            and not self._resetting
            and self.loader is not None
        )

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._load_page()

    # ---------------------------------------------------------------- model
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.rows[index.row()].kind == "month":
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Role.KIND:
            return row.kind
        if row.entry is None:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return row.month
            return None
        i = row.entry.interaction
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return entry_text(row.entry, self.today, self.for_contact)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{i.occurred_at:%A %d %B %Y, %H:%M}"
        if role == Qt.ItemDataRole.DecorationRole:
            return type_style(i.type)[0]
        if role == Role.ID:
            return i.id
        if role == Role.PAYLOAD:
            return row.entry
        if role == Role.EXPANDED:
            return i.id in self.expanded
        if role == Role.SUMMARY:
            return i.summary
        return None

    def entry_at(self, row: int) -> TimelineEntry | None:
        return self.rows[row].entry if 0 <= row < len(self.rows) else None

    def row_of(self, interaction_id: int) -> int:
        for n, r in enumerate(self.rows):
            if r.entry is not None and r.entry.interaction.id == interaction_id:
                return n
        return -1

    def entry_count(self) -> int:
        return self.loaded

    def toggle_expanded(self, row: int) -> None:
        entry = self.entry_at(row)
        if entry is None or entry.interaction.id is None:
            return
        iid = entry.interaction.id
        self.expanded.symmetric_difference_update({iid})
        idx = self.index(row, 0)
        self.dataChanged.emit(idx, idx, [Role.EXPANDED])


def _rows_for(entries: list[TimelineEntry], previous: list[_Row]) -> list[_Row]:
    rows: list[_Row] = []
    last = previous[-1].month if previous else None
    for e in entries:
        at = e.interaction.occurred_at
        month = f"{at:%B} {at.year}"
        if month != last:
            rows.append(_Row("month", month))
            last = month
        rows.append(_Row("entry", month, e))
    return rows


class TimelineDelegate(QStyledItemDelegate):
    """Paints a month header, or an entry: type badge on a vertical spine, type and people,
    relative date on the right, the summary, and the start of the notes (all of them when
    expanded; a chevron says there is more)."""

    PAD = 6
    TEXT_X = 12 + ICON + 12

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        base = QFont(option.font)
        bold = QFont(base)
        bold.setBold(True)
        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() * 0.9))
        return base, bold, small

    def _text_width(self) -> int:
        return max(120, self.view.viewport().width() - self.TEXT_X - 16)

    def _parts(self, entry: TimelineEntry, expanded: bool) -> tuple[str, str]:
        i = entry.interaction
        notes = i.notes.strip()
        if not expanded:
            notes = notes.splitlines()[0] if notes else ""
        return i.summary, notes

    def _has_more(self, entry: TimelineEntry, fm: QFontMetrics) -> bool:
        i = entry.interaction
        notes = i.notes.strip()
        if not notes:
            return fm.horizontalAdvance(i.summary) > self._text_width()
        return (
            "\n" in notes
            or fm.horizontalAdvance(notes) > self._text_width()
            or fm.horizontalAdvance(i.summary) > self._text_width()
        )

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        base, bold, small = self._fonts(option)
        width = self.view.viewport().width()
        if index.data(Role.KIND) == "month":
            return QSize(width, QFontMetrics(bold).height() + 18)
        entry: TimelineEntry = index.data(Role.PAYLOAD)
        expanded = bool(index.data(Role.EXPANDED))
        fm, fs = QFontMetrics(base), QFontMetrics(small)
        h = self.PAD * 2 + QFontMetrics(bold).height() + 2
        summary, notes = self._parts(entry, expanded)
        tw = self._text_width()
        if expanded:
            flags = int(Qt.TextFlag.TextWordWrap)
            if summary:
                h += fm.boundingRect(QRect(0, 0, tw, 100000), flags, summary).height()
            if notes:
                h += 2 + fs.boundingRect(QRect(0, 0, tw, 100000), flags, notes).height()
        else:
            h += fm.height() if summary else 0
            h += fs.height() + 2 if notes else 0
        return QSize(width, max(h, ICON + self.PAD * 2 + 4))

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        base, bold, small = self._fonts(option)
        pal = option.palette
        rect = option.rect
        text_color = pal.color(QPalette.ColorRole.Text)
        mid = pal.color(QPalette.ColorRole.PlaceholderText)
        spine_x = rect.left() + 12 + ICON // 2
        p.save()
        if index.data(Role.KIND) == "month":
            p.setFont(bold)
            p.setPen(text_color)
            r = rect.adjusted(12, 8, -12, -4)
            p.drawText(r, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, index.data())
            fm = QFontMetrics(bold)
            x = r.left() + fm.horizontalAdvance(index.data()) + 10
            p.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
            p.drawLine(x, r.center().y() + 1, rect.right() - 12, r.center().y() + 1)
            p.restore()
            return
        style = self.view.style()
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        opt.icon = QIcon()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, p, self.view)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            text_color = pal.color(QPalette.ColorRole.HighlightedText)
            mid = text_color
        entry: TimelineEntry = index.data(Role.PAYLOAD)
        i = entry.interaction
        expanded = bool(index.data(Role.EXPANDED))
        model = index.model()
        for_contact = getattr(model, "for_contact", None)
        today = getattr(model, "today", date.today())
        # spine and badge
        p.setPen(QPen(pal.color(QPalette.ColorRole.Midlight), 2))
        p.drawLine(spine_x, rect.top(), spine_x, rect.bottom())
        badge = QRect(rect.left() + 12, rect.top() + self.PAD, ICON, ICON)
        paint_type_badge(p, badge, i.type)
        color, _glyph, label = type_style(i.type)
        # head line: type (coloured), people, date on the right
        x = rect.left() + self.TEXT_X
        right = rect.right() - 12
        fb, fm, fs = QFontMetrics(bold), QFontMetrics(base), QFontMetrics(small)
        y = rect.top() + self.PAD
        when = humanize_date(i.occurred_at.date(), today)
        if i.occurred_at.hour or i.occurred_at.minute:
            when += f", {i.occurred_at:%H:%M}"
        p.setFont(small)
        p.setPen(mid)
        date_w = fs.horizontalAdvance(when)
        p.drawText(
            QRect(right - date_w, y, date_w, fb.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            when,
        )
        p.setFont(bold)
        p.setPen(text_color if selected else color.darker(115))
        label_w = fb.horizontalAdvance(label)
        p.drawText(QRect(x, y, label_w, fb.height()), Qt.AlignmentFlag.AlignVCenter, label)
        who = who_text(entry, for_contact)
        if who:
            p.setFont(base)
            p.setPen(text_color)
            avail = right - date_w - 12 - (x + label_w + 8)
            p.drawText(
                QRect(x + label_w + 8, y, max(0, avail), fb.height()),
                Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(f"· {who}", Qt.TextElideMode.ElideRight, max(0, avail)),
            )
        y += fb.height() + 2
        tw = self._text_width()
        summary, notes = self._parts(entry, expanded)
        chevron_w = 16 if self._has_more(entry, fs) or expanded else 0
        if expanded:
            flags = int(Qt.TextFlag.TextWordWrap)
            p.setFont(base)
            p.setPen(text_color)
            if summary:
                r = fm.boundingRect(QRect(x, y, tw, 100000), flags, summary)
                p.drawText(QRect(x, y, tw, r.height()), flags, summary)
                y += r.height()
            if notes:
                p.setFont(small)
                p.setPen(mid)
                r = fs.boundingRect(QRect(x, y, tw, 100000), flags, notes)
                p.drawText(QRect(x, y + 2, tw, r.height()), flags, notes)
        else:
            p.setFont(base)
            p.setPen(text_color)
            if summary:
                p.drawText(
                    QRect(x, y, tw - chevron_w, fm.height()),
                    Qt.AlignmentFlag.AlignVCenter,
                    fm.elidedText(summary, Qt.TextElideMode.ElideRight, tw - chevron_w),
                )
                y += fm.height()
            if notes:
                p.setFont(small)
                p.setPen(mid)
                p.drawText(
                    QRect(x, y + 2, tw - chevron_w, fs.height()),
                    Qt.AlignmentFlag.AlignVCenter,
                    fs.elidedText(notes, Qt.TextElideMode.ElideRight, tw - chevron_w),
                )
        if chevron_w:
            p.setFont(small)
            p.setPen(mid)
            p.drawText(
                self.chevron_rect(rect),
                Qt.AlignmentFlag.AlignCenter,
                "▴" if expanded else "▾",
            )
        p.restore()

    def chevron_rect(self, rect: QRect) -> QRect:
        return QRect(rect.right() - 28, rect.bottom() - 22, 20, 18)


class TimelineList(QListView):
    """The list of entries: Space or the chevron expands an entry, Enter or a double click
    edits it, Delete deletes it (Ctrl+Z brings it back); the context menu has all of these
    and opens the people involved."""

    edit_requested = Signal(int)
    delete_requested = Signal(int)
    open_contact_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timeline_model = TimelineModel(self)
        self.setModel(self.timeline_model)
        self.timeline_delegate = TimelineDelegate(self)
        self.setItemDelegate(self.timeline_delegate)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setMouseTracking(True)
        self.doubleClicked.connect(self._edit_index)

    def current_entry(self) -> TimelineEntry | None:
        idx = self.currentIndex()
        return self.timeline_model.entry_at(idx.row()) if idx.isValid() else None

    def _edit_index(self, index: QModelIndex) -> None:
        entry = self.timeline_model.entry_at(index.row())
        if entry is not None and entry.interaction.id is not None:
            self.edit_requested.emit(entry.interaction.id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        entry = self.current_entry()
        key = event.key()
        if entry is not None and entry.interaction.id is not None:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.edit_requested.emit(entry.interaction.id)
                return
            if key == Qt.Key.Key_Delete:
                self.delete_requested.emit(entry.interaction.id)
                return
            if key == Qt.Key.Key_Space:
                self.timeline_model.toggle_expanded(self.currentIndex().row())
                return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        idx = self.indexAt(event.position().toPoint())
        if idx.isValid() and event.button() == Qt.MouseButton.LeftButton:
            rect = self.visualRect(idx)
            if (
                self.timeline_delegate.chevron_rect(rect)
                .adjusted(-6, -6, 6, 6)
                .contains(event.position().toPoint())
            ):
                self.timeline_model.toggle_expanded(idx.row())
        super().mouseReleaseEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        idx = self.indexAt(event.pos())
        entry = self.timeline_model.entry_at(idx.row()) if idx.isValid() else None
        if entry is None or entry.interaction.id is None:
            return
        self.setCurrentIndex(idx)
        self.build_menu(idx.row(), entry).exec(event.globalPos())

    def build_menu(self, row: int, entry: TimelineEntry) -> QMenu:
        iid = entry.interaction.id
        assert iid is not None
        menu = QMenu(self)
        expanded = iid in self.timeline_model.expanded
        menu.addAction(
            "Collapse\tSpace" if expanded else "Show all notes\tSpace",
            lambda: self.timeline_model.toggle_expanded(row),
        )
        menu.addAction("Edit…\tEnter", lambda: self.edit_requested.emit(iid))
        menu.addAction("Delete\tDel", lambda: self.delete_requested.emit(iid))
        others = [
            (cid, name) for cid, name in entry.people if cid != self.timeline_model.for_contact
        ]
        if others:
            menu.addSeparator()
            for cid, name in others[:8]:
                menu.addAction(
                    no_mnemonic(f"Open {name}"), lambda c=cid: self.open_contact_requested.emit(c)
                )
        return menu

    def entry_point(self, row: int) -> QPoint:
        return self.visualRect(self.timeline_model.index(row, 0)).center()
