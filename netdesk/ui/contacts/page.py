"""What a user reads before a call: the list row a person scans (avatar, name, title and
company, tags as chips, next touch) and the contact page (header, quick actions, details with
readable labels, how they met and who introduced them, keep-in-touch state, and the
conversation history below), without tabs.

User data is shown as plain text: labels use ``Qt.TextFormat.PlainText``; the details pane is
rich text built deliberately with every value passed through ``html.escape``.
"""

from __future__ import annotations

import html
import zlib
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPalette, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.cadence import cadence_label
from netdesk.core.dates import birthday_text, due_text, exact_date, humanize_date, short_date
from netdesk.core.links import UnsafeLinkError, field_link, mailto_url, tel_url
from netdesk.core.model import Contact, ContactSummary
from netdesk.core.validation import format_phone
from netdesk.ui.common.roles import Role
from netdesk.ui.common.widgets import overdue_color, secondary_text_color

#: link scheme of "open this contact" anchors inside the details pane
CONTACT_SCHEME = "netdesk-contact"
ROW_HEIGHT = 58
AVATAR = 40
#: avatar backgrounds, all readable with white initials (contrast above 4.5:1)
AVATAR_COLORS = ("#1f6f8b", "#6a4c93", "#2d6a4f", "#9c4221", "#3a506b", "#8a3b5c", "#4a5a12")

# ------------------------------------------------------------------------------ words
_LABEL_WORDS = {"cell": "mobile", "cellular": "mobile", "iphone": "mobile", "main": "main"}
_IGNORED = {"pref", "internet", "voice", "x400", "type", ""}
_SELF_NAMED = {"mobile", "fax", "pager", "main", "video", "text", "textphone", "assistant"}
_KIND_WORD = {"email": "email", "phone": "phone", "web": "website", "address": "address"}


def readable_label(label: str, kind: str) -> str:
    """'work,fax' -> 'Work fax'; 'work' (email) -> 'Work email'; '' (phone) -> 'Phone';
    a label the user wrote ('Assistant (Kasia)') stays as written, first letter up."""
    raw = label.strip()
    word = _KIND_WORD.get(kind, kind)
    if not raw:
        return word.capitalize()
    tokens = [t.strip().lower() for t in raw.replace(";", ",").split(",")]
    if all(t.isalpha() for t in tokens if t):
        words = [_LABEL_WORDS.get(t, t) for t in tokens if t not in _IGNORED]
        if not words:
            return word.capitalize()
        words = list(dict.fromkeys(words))
        if not (kind == "phone" and _SELF_NAMED & set(words)):
            words.append(word)
        text = " ".join(words)
    else:
        text = raw
    return text[:1].upper() + text[1:]


def contact_link(kind: str, value: str) -> str:
    """The mailto:/tel:/web link of a contact field, checked and encoded by netdesk.core.links;
    UnsafeLinkError when the value cannot be a safe link."""
    if kind == "email":
        return mailto_url(value.strip())
    if kind == "phone":
        return tel_url(value)
    return field_link(value)


def _link_html(kind: str, value: str, shown: str) -> str:
    """``shown`` as a link, or as escaped text when the value cannot be a safe link."""
    e = html.escape
    try:
        url = contact_link(kind, value)
    except UnsafeLinkError:
        return e(shown)
    return f"<a href='{e(url)}'>{e(shown)}</a>"


def initials(name: str) -> str:
    words = [w for w in name.replace(",", " ").split() if w[:1].isalnum()]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:2].upper()
    return (words[0][0] + words[-1][0]).upper()


def avatar_color(name: str) -> QColor:
    return QColor(AVATAR_COLORS[zlib.crc32(name.encode()) % len(AVATAR_COLORS)])


def round_pixmap(source: QPixmap, size: int) -> QPixmap:
    """``source`` cropped to a circle of ``size`` pixels."""
    out = QPixmap(size, size)
    out.fill(Qt.GlobalColor.transparent)
    scaled = source.scaled(
        size,
        size,
        Qt.AspectRatioMode.KeepAspectRatioByExpanding,
        Qt.TransformationMode.SmoothTransformation,
    )
    p = QPainter(out)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    path.addEllipse(QRectF(0, 0, size, size))
    p.setClipPath(path)
    p.drawPixmap(
        (size - scaled.width()) // 2, (size - scaled.height()) // 2, scaled
    )  # centred crop
    p.end()
    return out


def initials_pixmap(name: str, size: int, font: QFont) -> QPixmap:
    out = QPixmap(size, size)
    out.fill(Qt.GlobalColor.transparent)
    p = QPainter(out)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(avatar_color(name))
    p.drawEllipse(QRectF(0, 0, size, size))
    f = QFont(font)
    f.setBold(True)
    f.setPixelSize(max(9, size * 2 // 5))
    p.setFont(f)
    p.setPen(QColor("white"))
    p.drawText(QRect(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, initials(name))
    p.end()
    return out


# ------------------------------------------------------------------------- list rows
class ContactRowDelegate(QStyledItemDelegate):
    """One contact per row: avatar (photo or initials), name (★ when starred), title and
    company, tags as chips, and the next touch on the right (overdue in red)."""

    def __init__(
        self, photo: Callable[[int], QPixmap | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.photo = photo

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(320, ROW_HEIGHT)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        summary = index.data(Role.SUMMARY)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:  # selection and hover background, as the platform draws them
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if not isinstance(summary, ContactSummary):
            super().paint(painter, option, index)
            return
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        pal = opt.palette
        text = pal.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = text if selected else secondary_text_color()
        rect = opt.rect
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # avatar
        top = rect.top() + (rect.height() - AVATAR) // 2
        photo = self.photo(summary.id)
        avatar = (
            photo if photo is not None else initials_pixmap(summary.display_name, AVATAR, opt.font)
        )
        painter.drawPixmap(rect.left() + 8, top, avatar)
        x = rect.left() + 8 + AVATAR + 10
        right = rect.right() - 10
        bold = QFont(opt.font)
        bold.setBold(True)
        small = QFont(opt.font)
        small.setPointSizeF(max(7.0, opt.font.pointSizeF() * 0.9))
        fb, fs = QFontMetrics(bold), QFontMetrics(small)
        line1 = rect.top() + 8
        line2 = line1 + fb.height() + 2
        # next touch, right-aligned on the first line
        if summary.next_touch is not None:
            today = date.today()
            when = due_text(summary.next_touch, today)
            overdue = summary.next_touch < today
            label = when if overdue else f"next {when}"
            painter.setFont(small)
            painter.setPen(overdue_color() if overdue and not selected else muted)
            w = fs.horizontalAdvance(label)
            painter.drawText(
                QRect(right - w, line1, w, fs.height()), Qt.AlignmentFlag.AlignRight, label
            )
            right -= w + 12
        # name
        painter.setFont(bold)
        painter.setPen(text)
        name = ("★ " if summary.starred else "") + summary.display_name
        painter.drawText(
            QRect(x, line1, max(0, right - x), fb.height()),
            Qt.AlignmentFlag.AlignLeft,
            fb.elidedText(name, Qt.TextElideMode.ElideRight, max(0, right - x)),
        )
        # title · company, then the tag chips
        role = " · ".join(v for v in (summary.title, summary.organization) if v)
        painter.setFont(small)
        row_right = rect.right() - 10
        chips_width = self._chips_width(summary.tags, fs)
        avail = max(0, row_right - x)
        # title and company come first; the chips get what is left (at least 40 %)
        role_width = min(
            fs.horizontalAdvance(role) + 6, max(int(avail * 0.6), avail - chips_width - 12)
        )
        if role:
            painter.setPen(muted)
            painter.drawText(
                QRect(x, line2, role_width, fs.height()),
                Qt.AlignmentFlag.AlignLeft,
                fs.elidedText(role, Qt.TextElideMode.ElideRight, role_width),
            )
        cx = x + (role_width + 12 if role else 0)
        chip_bg = pal.color(QPalette.ColorRole.AlternateBase)
        for tag in summary.tags:
            w = fs.horizontalAdvance(tag) + 12
            if cx + w > row_right:
                break
            chip = QRectF(cx, line2 - 1, w, fs.height() + 2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(chip_bg if not selected else pal.color(QPalette.ColorRole.Base))
            painter.drawRoundedRect(chip, chip.height() / 2, chip.height() / 2)
            painter.setPen(pal.color(QPalette.ColorRole.Text))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, tag)
            cx += w + 4
        painter.restore()

    @staticmethod
    def _chips_width(tags: tuple[str, ...], fs: QFontMetrics) -> int:
        return sum(fs.horizontalAdvance(t) + 16 for t in tags[:3])


# ---------------------------------------------------------------------- the page
def plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def details_html(
    c: Contact, today: date, introducer: tuple[int, str] | None, introduced: dict[int, str]
) -> str:
    """The details part of the page: contact details with readable labels, how they met and
    who introduced them (links to both ends), keep-in-touch state, notes."""
    e = html.escape
    muted = secondary_text_color().name()
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    rows: list[tuple[str, str]] = []
    for em in c.emails:
        link = _link_html("email", em.value, em.value)
        rows.append((readable_label(em.label, "email"), link + (" ★" if em.pref else "")))
    for p in c.phones:
        link = _link_html("phone", p.e164 or p.value, format_phone(p.e164, p.value))
        rows.append((readable_label(p.label, "phone"), link + (" ★" if p.pref else "")))
    for u in c.urls:
        rows.append((readable_label(u.label, "web"), _link_html("web", u.value, u.value)))
    for a in c.addresses:
        rows.append((readable_label(a.label, "address"), e(a.one_line())))
    if c.birthday:
        rows.append(("Birthday", e(birthday_text(c.birthday, today))))
    if c.anniversary:
        rows.append(("Anniversary", e(birthday_text(c.anniversary, today))))
    if c.nickname and c.nickname not in c.name:
        rows.append(("Nickname", e(c.nickname)))
    sections.append(("Contact details", rows))
    met: list[tuple[str, str]] = []
    if c.met_at or c.met_on:
        when = f" on {short_date(c.met_on, today)}" if c.met_on else ""
        met.append(("Met", e(f"{c.met_at or 'in person'}{when}")))
    if introducer is not None:
        cid, name = introducer
        met.append(("Introduced by", f"<a href='{CONTACT_SCHEME}:{cid}'>{e(name)}</a>"))
    if introduced:
        links = ", ".join(
            f"<a href='{CONTACT_SCHEME}:{cid}'>{e(name)}</a>" for cid, name in introduced.items()
        )
        met.append(("Introduced", links))
    sections.append(("How you met", met))
    touch: list[tuple[str, str]] = []
    touch.append(("Last contact", e(humanize_date(c.last_contacted, today)) if c.last_contacted
                  else "never"))  # fmt: skip
    if c.next_touch:
        color = overdue_color().name() if c.next_touch < today else ""
        style = f" style='color:{color}'" if color else ""
        touch.append(
            (
                "Next touch",
                f"<span{style} title='{e(exact_date(c.next_touch))}'>"
                f"{e(due_text(c.next_touch, today))}</span>",
            )
        )
    touch.append(("Keep in touch", e(cadence_label(c.cadence_days)) if c.cadence_days
                  else "no cadence"))  # fmt: skip
    sections.append(("Keeping in touch", touch))
    out: list[str] = []
    for title, items in sections:
        if not items:
            continue
        out.append(f"<h4 style='margin-bottom:2px'>{e(title)}</h4><table cellspacing='3'>")
        out += [
            f"<tr><td style='color:{muted};padding-right:10px'>{e(k)}</td><td>{v}</td></tr>"
            for k, v in items
        ]
        out.append("</table>")
    if c.notes:
        out.append(f"<h4 style='margin-bottom:2px'>Notes</h4><p>{e(c.notes)}</p>".replace(
            "\n", "<br>"))  # fmt: skip
    return "\n".join(out)


class ContactPage(QWidget):
    """Header, quick actions, details and (given by the view) the conversation history."""

    log_requested = Signal()
    follow_up_requested = Signal()
    edit_requested = Signal()
    star_requested = Signal()
    link_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contact: Contact | None = None
        self.avatar = QLabel()
        self.avatar.setFixedSize(72, 72)
        self.name = plain_label()
        self.name.setObjectName("contactName")
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.name.setFont(font)
        self.name.setWordWrap(True)
        self.role = plain_label()
        self.role.setWordWrap(True)
        self.tags = plain_label()
        self.tags.setObjectName("tagChips")
        self.tags.setWordWrap(True)
        self.star = QToolButton()
        self.star.setCheckable(True)
        self.star.setToolTip("Star or unstar (Ctrl+D)")
        self.star.setAutoRaise(True)
        self.star.clicked.connect(self.star_requested)

        head_text = QVBoxLayout()
        head_text.setSpacing(2)
        name_row = QHBoxLayout()
        name_row.addWidget(self.name, 1)
        name_row.addWidget(self.star, 0, Qt.AlignmentFlag.AlignTop)
        head_text.addLayout(name_row)
        head_text.addWidget(self.role)
        head_text.addWidget(self.tags)
        head = QHBoxLayout()
        head.addWidget(self.avatar, 0, Qt.AlignmentFlag.AlignTop)
        head.addLayout(head_text, 1)

        self.log_button = QPushButton("Log…")
        self.log_button.setToolTip("Log a call, meeting or message with this contact (Ctrl+L)")
        self.email_button = QPushButton("Email")
        self.call_button = QPushButton("Call")
        self.follow_up_button = QPushButton("Follow-up…")
        self.follow_up_button.setToolTip("Add a follow-up for this contact")
        self.edit_button = QPushButton("Edit")
        self.edit_button.setToolTip("Edit this contact (Enter in the list); Ctrl+Z undoes a save")
        actions = QHBoxLayout()
        for b in (
            self.log_button,
            self.email_button,
            self.call_button,
            self.follow_up_button,
            self.edit_button,
        ):
            b.setAutoDefault(False)
            b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            actions.addWidget(b)
        actions.addStretch(1)
        self.log_button.clicked.connect(self.log_requested)
        self.follow_up_button.clicked.connect(self.follow_up_requested)
        self.edit_button.clicked.connect(self.edit_requested)
        self.email_button.clicked.connect(lambda: self._open_first("email"))
        self.call_button.clicked.connect(lambda: self._open_first("phone"))

        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.details.setMinimumHeight(120)
        self.card_images = QWidget()
        self.card_row = QHBoxLayout(self.card_images)
        self.card_row.setContentsMargins(0, 0, 0, 0)
        self.card_images.setVisible(False)
        upper = QWidget()
        up = QVBoxLayout(upper)
        up.setContentsMargins(0, 0, 0, 0)
        up.addWidget(self.details, 1)
        up.addWidget(self.card_images)
        self.body = QSplitter(Qt.Orientation.Vertical)
        self.body.addWidget(upper)
        self.body.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addLayout(head)
        layout.addLayout(actions)
        layout.addWidget(self.body, 1)
        self.header_widgets = [self.avatar, self.name, self.role, self.tags, self.star]
        self.show_contact(None, "")

    def add_history(self, widget: QWidget) -> None:
        """The conversation history (open follow-ups, keep-in-touch, the timeline) below."""
        self.body.addWidget(widget)
        self.body.setStretchFactor(0, 2)
        self.body.setStretchFactor(1, 3)

    def show_contact(
        self,
        c: Contact | None,
        details: str,
        photo: QPixmap | None = None,
    ) -> None:
        self.contact = c
        has = c is not None
        for w in (
            self.log_button,
            self.email_button,
            self.call_button,
            self.follow_up_button,
            self.edit_button,
            self.star,
        ):
            w.setEnabled(has)
        for w in self.header_widgets:
            w.setVisible(has)
        if c is None:
            self.details.setHtml(details)
            return
        self.name.setText(c.name)
        role = " · ".join(x for x in (c.title, c.department, c.organization) if x and x != c.name)
        self.role.setText(role)
        self.role.setVisible(bool(role))
        self.role.setStyleSheet(f"color: {secondary_text_color().name()}")
        self.tags.setText("   ".join(f"#{t}" for t in c.tags))
        self.tags.setVisible(bool(c.tags))
        self.star.setChecked(c.starred)
        self.star.setText("★ Starred" if c.starred else "☆ Star")
        self.avatar.setPixmap(
            round_pixmap(photo, 72)
            if photo is not None and not photo.isNull()
            else initials_pixmap(c.name, 72, self.font())
        )
        self.email_button.setEnabled(bool(c.emails))
        self.call_button.setEnabled(bool(c.phones))
        first_email = c.emails[0].value if c.emails else ""
        first_phone = format_phone(c.phones[0].e164, c.phones[0].value) if c.phones else ""
        self.email_button.setToolTip(f"Write to {first_email}" if first_email else "No email")
        self.call_button.setToolTip(f"Call {first_phone}" if first_phone else "No phone number")
        self.details.setHtml(details)

    def link_for(self, kind: str) -> str | None:
        """The link of the preferred email or phone (None without one, or when unsafe)."""
        c = self.contact
        if c is None:
            return None
        try:
            if kind == "email":
                pref = sorted(c.emails, key=lambda x: not x.pref)
                return contact_link("email", pref[0].value) if pref else None
            pref_phones = sorted(c.phones, key=lambda x: not x.pref)
            if not pref_phones:
                return None
            first = pref_phones[0]
            return contact_link("phone", first.e164 or first.value)
        except UnsafeLinkError:
            return None

    def _open_first(self, kind: str) -> None:
        link = self.link_for(kind)
        if link:
            self.link_requested.emit(link)
