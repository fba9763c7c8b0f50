"""A manual follow-up: who, by when, and why (Ctrl+Enter saves; Ctrl+Z takes it back)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from netdesk.core.dates import humanize_date
from netdesk.core.errors import NetDeskError, ValidationError
from netdesk.core.model import FollowUp
from netdesk.ui.common.context import UiContext
from netdesk.ui.common.safe_text import plain_label
from netdesk.ui.common.widgets import ContactPicker, save_cancel_buttons
from netdesk.ui.timeline import activity_actions

PRESETS = (
    ("Tomorrow", 1),
    ("In 3 days", 3),
    ("In a week", 7),
    ("In 2 weeks", 14),
    ("In a month", 30),
)


class FollowUpDialog(QDialog):
    def __init__(
        self, ctx: UiContext, contact_ids: list[int] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Add a follow-up")
        self.setMinimumWidth(440)
        self.contacts = ContactPicker(ctx.services.contacts)
        for cid in contact_ids or []:
            self.contacts.add(cid)
        self.due = QDateEdit(QDate.currentDate().addDays(7))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.due_hint = QLabel()
        presets = QHBoxLayout()
        presets.setContentsMargins(0, 0, 0, 0)
        for label, days in PRESETS:
            b = QPushButton(label)
            b.setAutoDefault(False)
            b.clicked.connect(lambda _=False, d=days: self.set_due(date.today() + timedelta(d)))
            presets.addWidget(b)
        presets.addStretch(1)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Why? e.g. “Send the article we talked about”")
        self.error = plain_label()  # may quote a name
        self.error.setStyleSheet("color: #c0392b")
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("&Contacts", self.contacts)
        due_row = QHBoxLayout()
        due_row.addWidget(self.due)
        due_row.addWidget(self.due_hint, 1)
        due_label = QLabel("&Due")  # a row of widgets has no buddy of its own: name one
        due_label.setBuddy(self.due)
        form.addRow(due_label, due_row)
        form.addRow("", presets)
        form.addRow("&Reason", self.reason)
        form.addRow(self.error)
        form.addRow(save_cancel_buttons(self, self.save))
        self.due.dateChanged.connect(lambda _d: self._hint())
        self._hint()
        self.saved_ids: list[int] = []
        (self.reason if contact_ids else self.contacts.edit).setFocus()

    def set_due(self, day: date) -> None:
        self.due.setDate(QDate(day.year, day.month, day.day))

    def due_date(self) -> date:
        d = self.due.date()
        return date(d.year(), d.month(), d.day())

    def _hint(self) -> None:
        self.due_hint.setText(humanize_date(self.due_date(), date.today()))

    def save(self) -> None:
        ids = self.contacts.ids()
        try:
            if not ids:
                raise ValidationError("contacts", "choose who to follow up with")
            if not self.reason.text().strip():
                raise ValidationError("reason", "say why to follow up")
            for cid in ids:
                f = FollowUp(contact_id=cid, due=self.due_date(), reason=self.reason.text())
                self.saved_ids.append(activity_actions.add_follow_up(self.ctx, f))
        except NetDeskError as err:
            self.error.setText(err.message)
            return
        n = len(ids)
        self.ctx.nav.status.emit(
            f"Follow-up added for {n} contact{'s' if n != 1 else ''}, due "
            f"{humanize_date(self.due_date(), date.today())}"
        )
        self.accept()
