"""Quick add of an interaction from anywhere (Ctrl+L); Ctrl+Enter saves."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from netdesk.core.errors import NetDeskError
from netdesk.core.model import Interaction
from netdesk.ui.context import UiContext
from netdesk.ui.errors import show_error
from netdesk.ui.widgets import ContactPicker


class QuickLogDialog(QDialog):
    def __init__(
        self, ctx: UiContext, contact_ids: list[int] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Log an interaction")
        self.setMinimumWidth(460)
        self.type = QComboBox()
        for t in ctx.services.preferences.interaction_types:
            self.type.addItem(t.capitalize(), t)
        self.when = QDateTimeEdit(QDateTime.currentDateTime())
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.contacts = ContactPicker(ctx.services.contacts)
        for cid in contact_ids or []:
            self.contacts.add(cid)
        self.summary = QLineEdit()
        self.summary.setPlaceholderText("What was it about?")
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Notes (what was said, what you promised…)")
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b")
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("&Type", self.type)
        form.addRow("&When", self.when)
        form.addRow("&Contacts", self.contacts)
        form.addRow("&Summary", self.summary)
        form.addRow("&Notes", self.notes)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setToolTip("Save (Ctrl+Enter)")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, self.save)
        self.saved_id: int | None = None
        (self.summary if contact_ids else self.contacts.edit).setFocus()

    def interaction(self) -> Interaction:
        when = self.when.dateTime().toPython()
        assert isinstance(when, datetime)
        return Interaction(
            occurred_at=when.replace(second=0, microsecond=0),
            type=self.type.currentData(),
            summary=self.summary.text(),
            notes=self.notes.toPlainText(),
            contact_ids=tuple(self.contacts.ids()),
        )

    def save(self) -> None:
        interaction = self.interaction()
        try:
            iid, change = self.ctx.services.activity.log(interaction)
        except NetDeskError as err:
            self.error.setText(err.message)
            return
        self.saved_id = iid
        self.ctx.bus.publish(change)
        self.ctx.nav.status.emit(f"Logged {interaction.type}: {interaction.summary}")
        if interaction.type == "interview":
            self.offer_thank_you(interaction)
        self.accept()

    def offer_thank_you(self, interaction: Interaction) -> None:
        day = interaction.occurred_at.date()
        due = day + timedelta(days=2)
        answer = QMessageBox.question(
            self,
            "Send a thank-you note?",
            f"Add a follow-up to send a thank-you note by {due:%a %d %b}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        activity = self.ctx.services.activity
        for cid in interaction.contact_ids:
            try:
                _fid, change = activity.add_follow_up(activity.thank_you_follow_up(cid, day))
            except NetDeskError as err:
                show_error(self, "Could not add the follow-up", err)
                return
            self.ctx.bus.publish(change)
