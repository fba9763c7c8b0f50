"""Card entry: type in a stack of business cards quickly, from the keyboard."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.errors import NetDeskError
from netdesk.core.model import Contact, Email, FollowUp, Interaction, Phone, Url
from netdesk.settings import CaptureSession
from netdesk.ui.context import UiContext

FOLLOW_UP_RULES: tuple[tuple[str, int | None], ...] = (
    ("Follow up in 2 days", 2),
    ("Follow up in 1 week", 7),
    ("Follow up in 2 weeks", 14),
    ("No follow-up", None),
)


def split_name(text: str) -> tuple[str, str]:
    """'Jane Q. Doe' -> ('Jane Q.', 'Doe'); a single word is a given name."""
    parts = text.split()
    if len(parts) <= 1:
        return text.strip(), ""
    return " ".join(parts[:-1]), parts[-1]


class CardEntryView(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        session = ctx.services.preferences.capture

        # capture session ---------------------------------------------------
        self.event_name = QLineEdit(session.event)
        self.event_name.setPlaceholderText("e.g. Expo Berlin 2026")
        self.met_on = QDateEdit(
            QDate.fromString(session.met_on, "yyyy-MM-dd")
            if session.met_on
            else QDate.currentDate()
        )
        self.met_on.setCalendarPopup(True)
        self.met_on.setDisplayFormat("yyyy-MM-dd")
        self.session_tags = QLineEdit(", ".join(session.tags))
        self.session_tags.setPlaceholderText("tags, comma separated")
        self.follow_rule = QComboBox()
        for label, days in FOLLOW_UP_RULES:
            self.follow_rule.addItem(label, days)
        index = self.follow_rule.findData(session.follow_up_days)
        self.follow_rule.setCurrentIndex(max(0, index))
        session_box = QGroupBox("Capture session — stamped on every card")
        srow = QHBoxLayout(session_box)
        for label, w in (
            ("&Event", self.event_name),
            ("&Met on", self.met_on),
            ("Ta&gs", self.session_tags),
            ("", self.follow_rule),
        ):
            if label:
                lab = QLabel(label)
                lab.setBuddy(w)
                srow.addWidget(lab)
            srow.addWidget(w, 2 if w is self.event_name or w is self.session_tags else 0)

        # the card form, in the order a card is read --------------------------
        self.name = QLineEdit()
        self.title = QLineEdit()
        self.company = QLineEdit()
        self.department = QLineEdit()
        self.email = QLineEdit()
        self.mobile = QLineEdit()
        self.work_phone = QLineEdit()
        self.fax = QLineEdit()
        self.website = QLineEdit()
        self.address = QLineEdit()
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText("What you talked about")
        self.note.setFixedHeight(70)
        form = QFormLayout()
        for label, w in (
            ("&Name", self.name),
            ("&Title", self.title),
            ("&Company", self.company),
            ("&Department", self.department),
            ("E&mail", self.email),
            ("M&obile", self.mobile),
            ("&Work phone", self.work_phone),
            ("&Fax", self.fax),
            ("Web&site", self.website),
            ("&Address", self.address),
            ("Talked &about", self.note),
        ):
            form.addRow(label, w)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b")
        self.error.setWordWrap(True)
        self.save_button = QPushButton("Save card  (Ctrl+Enter)")
        self.save_button.clicked.connect(self.save_card)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.error)
        left.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        left.addStretch(1)

        self.entered = QListWidget()
        self.entered_label = QLabel("Cards entered in this session: 0")
        right = QVBoxLayout()
        right.addWidget(self.entered_label)
        right.addWidget(self.entered, 1)

        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(session_box)
        layout.addLayout(body, 1)

        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, self.save_card)
        for w in (self.event_name, self.session_tags):
            w.editingFinished.connect(self.remember_session)
        self.met_on.dateChanged.connect(lambda _d: self.remember_session())
        self.follow_rule.currentIndexChanged.connect(lambda _i: self.remember_session())
        self.setTabOrder(self.follow_rule, self.name)

    # ----------------------------------------------------------------- session
    def session(self) -> CaptureSession:
        day = self.met_on.date().toPython()
        assert isinstance(day, date)
        return CaptureSession(
            event=self.event_name.text().strip(),
            met_on="" if day == date.today() else day.isoformat(),
            tags=tuple(t.strip() for t in self.session_tags.text().split(",") if t.strip()),
            follow_up_days=self.follow_rule.currentData(),
        )

    def remember_session(self) -> None:
        prefs = self.ctx.services.preferences
        session = self.session()
        if session != prefs.capture:
            from dataclasses import replace

            self.ctx.services.set_preferences(replace(prefs, capture=session))

    # -------------------------------------------------------------------- card
    def contact_from_form(self) -> Contact:
        given, family = split_name(self.name.text())
        session = self.session()
        met_on = self.met_on.date().toPython()
        assert isinstance(met_on, date)
        phones = tuple(
            Phone(w.text(), label=label)
            for w, label in ((self.mobile, "mobile"), (self.work_phone, "work"), (self.fax, "fax"))
            if w.text().strip()
        )
        from netdesk.core.model import Address

        return Contact(
            given_name=given,
            family_name=family,
            title=self.title.text(),
            organization=self.company.text(),
            department=self.department.text(),
            emails=(Email(self.email.text(), "work", True),) if self.email.text().strip() else (),
            phones=phones,
            urls=(Url(self.website.text(), "work"),) if self.website.text().strip() else (),
            addresses=(Address(street=self.address.text(), label="work"),)
            if self.address.text().strip()
            else (),
            tags=session.tags,
            met_at=session.event,
            met_on=met_on,
            notes=self.note.toPlainText(),
        )

    def save_card(self) -> None:
        contact = self.contact_from_form()
        if not (contact.given_name or contact.organization or contact.emails):
            self.error.setText("Type at least a name, a company or an email address.")
            self.name.setFocus()
            return
        services = self.ctx.services
        try:
            cid, change = services.contacts.create(contact)
        except NetDeskError as err:
            self.error.setText(err.message)
            return
        met_on = contact.met_on or date.today()
        event = contact.met_at or "an event"
        _iid, change2 = services.activity.log(
            Interaction(
                occurred_at=datetime.combine(met_on, datetime.now().time().replace(microsecond=0)),
                type="event",
                summary=f"Met at {event}",
                notes=contact.notes,
                contact_ids=(cid,),
            )
        )
        days = self.follow_rule.currentData()
        if days is not None:
            services.activity.add_follow_up(
                FollowUp(
                    contact_id=cid,
                    due=met_on + timedelta(days=days),
                    reason=f"Follow up after {event}",
                )
            )
        self.error.clear()
        name = services.contacts.names([cid]).get(cid, "")
        item = QListWidgetItem(
            name + (f" — {contact.organization}" if contact.organization else "")
        )
        item.setData(Qt.ItemDataRole.UserRole, cid)
        self.entered.insertItem(0, item)
        self.entered_label.setText(f"Cards entered in this session: {self.entered.count()}")
        self.ctx.bus.publish(change)
        self.ctx.bus.publish(change2)
        self.ctx.nav.status.emit(f"Saved {name}")
        self.clear_form()

    def clear_form(self) -> None:
        for w in (
            self.name,
            self.title,
            self.company,
            self.department,
            self.email,
            self.mobile,
            self.work_phone,
            self.fax,
            self.website,
            self.address,
        ):
            w.clear()
        self.note.clear()
        self.name.setFocus()

    def on_activated(self) -> None:
        self.name.setFocus()
