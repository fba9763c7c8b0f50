"""Quick add of an interaction from anywhere (Ctrl+L), and the same form for editing one;
Ctrl+Enter saves. Saves go through undoable commands (Ctrl+Z takes them back)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from netdesk.core.dates import short_date
from netdesk.core.errors import NetDeskError
from netdesk.core.model import Interaction
from netdesk.services.activity import THANK_YOU_DAYS
from netdesk.ui.common.context import UiContext
from netdesk.ui.common.errors import show_error
from netdesk.ui.common.safe_text import no_mnemonic, plain_label
from netdesk.ui.common.widgets import ContactPicker, save_cancel_buttons
from netdesk.ui.timeline import activity_actions
from netdesk.ui.timeline.items import type_icon, type_style


class QuickLogDialog(QDialog):
    """Log a new interaction, or edit ``interaction`` when one is given."""

    def __init__(
        self,
        ctx: UiContext,
        contact_ids: list[int] | None = None,
        parent: QWidget | None = None,
        interaction: Interaction | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.original = interaction
        editing = interaction is not None
        self.setWindowTitle("Edit interaction" if editing else "Log an interaction")
        self.setMinimumWidth(480)
        self.type = QComboBox()
        types = list(ctx.services.preferences.interaction_types)
        if interaction is not None and interaction.type not in types:
            types.append(interaction.type)
        for t in types:
            self.type.addItem(type_icon(t), type_style(t)[2], t)
        self.when = QDateTimeEdit(QDateTime.currentDateTime())
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.contacts = ContactPicker(ctx.services.contacts)
        self.introducer = QComboBox()
        self.introducer.setToolTip(
            "Who made the introduction (their timeline says “introduced you to …”)"
        )
        self.introducer_label = QLabel("Introduced &by")
        self.introducer_label.setBuddy(self.introducer)
        self.summary = QLineEdit()
        self.summary.setPlaceholderText("What was it about?")
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Notes (what was said, what you promised…)")
        self.notes.setTabChangesFocus(True)
        self.error = plain_label()  # may quote a name
        self.error.setStyleSheet("color: #c0392b")
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("&Type", self.type)
        form.addRow("&When", self.when)
        form.addRow("&Contacts", self.contacts)
        form.addRow(self.introducer_label, self.introducer)
        form.addRow("&Summary", self.summary)
        form.addRow("&Notes", self.notes)
        self.search_boxes = self._search_boxes(interaction)
        if self.search_boxes:
            row = QHBoxLayout()
            for box in self.search_boxes:
                row.addWidget(box)
            row.addStretch(1)
            form.addRow("Job search", row)
        form.addRow(self.error)
        form.addRow(save_cancel_buttons(self, self.save))
        self.saved_id: int | None = None
        self.thank_you_ids: list[int] = []
        self.type.currentIndexChanged.connect(lambda _i: self._sync_introducer())
        self.contacts.changed.connect(self._sync_introducer)
        if interaction is not None:
            self._load(interaction)
        else:
            for cid in contact_ids or []:
                self.contacts.add(cid)
        self._sync_introducer()
        (self.summary if (contact_ids or editing) else self.contacts.edit).setFocus()

    def _search_boxes(self, interaction: Interaction | None) -> list[QCheckBox]:
        """When editing: which job searches the interaction belongs to (one box each)."""
        if interaction is None or interaction.id is None:
            return []
        js = self.ctx.services.jobsearch
        member = set(js.searches_of(interaction.id))
        boxes = []
        for search in js.searches():
            box = QCheckBox(no_mnemonic(search.name))
            box.setChecked(search.id in member)
            box.setProperty("search_id", search.id)
            boxes.append(box)
        return boxes

    def _save_searches(self) -> None:
        if not self.search_boxes or self.original is None or self.original.id is None:
            return
        chosen = [int(b.property("search_id")) for b in self.search_boxes if b.isChecked()]
        js = self.ctx.services.jobsearch
        if set(chosen) != set(js.searches_of(self.original.id)):
            self.ctx.bus.publish(js.set_searches_of(self.original.id, chosen))

    def _load(self, i: Interaction) -> None:
        self.type.setCurrentIndex(max(0, self.type.findData(i.type)))
        self.when.setDateTime(QDateTime(i.occurred_at))
        names = self.ctx.services.contacts.names(list(i.contact_ids))
        for cid in i.contact_ids:
            self.contacts.add(cid, names.get(cid))
        self.summary.setText(i.summary)
        self.notes.setPlainText(i.notes)
        self._sync_introducer()
        if i.introducer_id is not None:
            self.introducer.setCurrentIndex(max(0, self.introducer.findData(i.introducer_id)))

    def _sync_introducer(self) -> None:
        """The "Introduced by" choice is shown for introductions, among the chosen people."""
        show = self.type.currentData() == "introduction"
        self.introducer_label.setVisible(show)
        self.introducer.setVisible(show)
        current = self.introducer.currentData()
        self.introducer.blockSignals(True)
        self.introducer.clear()
        self.introducer.addItem("(nobody: you met directly)", None)
        chosen = self.contacts.chosen
        for n in range(chosen.count()):
            item = chosen.item(n)
            self.introducer.addItem(item.text(), self.contacts.ids()[n])
        idx = self.introducer.findData(current)
        self.introducer.setCurrentIndex(idx if idx >= 0 else 0)
        self.introducer.blockSignals(False)

    def interaction(self) -> Interaction:
        when = self.when.dateTime().toPython()
        assert isinstance(when, datetime)
        kind = self.type.currentData()
        introducer = self.introducer.currentData() if kind == "introduction" else None
        return Interaction(
            occurred_at=when.replace(second=0, microsecond=0),
            type=kind,
            summary=self.summary.text(),
            notes=self.notes.toPlainText(),
            contact_ids=tuple(self.contacts.ids()),
            introducer_id=introducer,
            id=self.original.id if self.original is not None else None,
        )

    def save(self) -> None:
        interaction = self.interaction()
        try:
            if self.original is not None:
                activity_actions.update_interaction(self.ctx, self.original, interaction)
                self._save_searches()
                self.saved_id = self.original.id
                self.ctx.nav.status.emit(f"Saved {interaction.type}: {interaction.summary}")
            else:
                self.saved_id = activity_actions.log_interaction(self.ctx, interaction)
                self.ctx.nav.status.emit(
                    f"Logged {interaction.type}: {interaction.summary} — Ctrl+Z undoes it"
                )
        except NetDeskError as err:
            self.error.setText(err.message)
            return
        if self.original is None and interaction.type == "interview":
            self.offer_thank_you(interaction)
            from netdesk.ui.jobsearch.dialogs import alert_references

            self.references_dialog = alert_references(
                self.ctx, self.parentWidget(), interaction.contact_ids
            )
        self.accept()

    def offer_thank_you(self, interaction: Interaction) -> None:
        """After an interview: offer a "send a thank-you note" follow-up due in two days."""
        day = interaction.occurred_at.date()
        due = day + timedelta(days=THANK_YOU_DAYS)
        answer = QMessageBox.question(
            self,
            "Send a thank-you note?",
            f"Add a follow-up to send a thank-you note by {short_date(due, date.today())}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        activity = self.ctx.services.activity
        for cid in interaction.contact_ids:
            try:
                fid = activity_actions.add_follow_up(
                    self.ctx, activity.thank_you_follow_up(cid, day)
                )
            except NetDeskError as err:
                show_error(self, "Could not add the follow-up", err)
                return
            self.thank_you_ids.append(fid)
