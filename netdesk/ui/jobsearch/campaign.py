"""The campaign wizard: pick recipients (who helped, a tag, touched in the last N months, by
hand), pick a template, then preview and edit each person's message and send it from the mail
app (a mailto link) or by copying the text; confirming "sent" logs the interaction, which
resets the keep-in-touch cadence. A campaign is kept in the database: it can be left and
resumed, and a message marked sent is never offered again."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.errors import NetDeskError
from netdesk.core.jobsearch import JobSearch
from netdesk.core.templates import MAILTO_LIMIT, MessageTemplate, render_message
from netdesk.services.jobsearch import PreparedMessage
from netdesk.ui.common.context import UiContext
from netdesk.ui.common.errors import show_error
from netdesk.ui.common.links import open_link
from netdesk.ui.common.safe_text import ask, inform
from netdesk.ui.common.widgets import ContactPicker
from netdesk.ui.jobsearch.who_helped import scope_of

#: the values a user sets for a whole campaign (the rest come from contacts and the search)
CAMPAIGN_VALUES = (
    ("my_name", "Your &name"),
    ("my_news", "Your ne&ws"),
    ("new_role", "New &role"),
    ("new_company", "New co&mpany"),
)
SOURCES = ("People who helped", "Contacts with a tag", "Touched in the last months", "By hand")


def _plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class CampaignDialog(QDialog):
    """Three pages: recipients, template, messages. With ``campaign_id`` it resumes on the
    messages page."""

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        recipients: Sequence[int] = (),
        template_key: str | None = None,
        search: JobSearch | None = None,
        values: dict[str, str] | None = None,
        campaign_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.js = ctx.services.jobsearch
        self.search = search
        self.campaign_id = campaign_id
        self.prepared: list[PreparedMessage] = []
        self.current_cid: int | None = None
        self._loading_message = False
        self._dirty = False
        self._url: str | None = None
        self.setWindowTitle("Campaign")
        self.setMinimumSize(820, 560)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._recipients_page())
        self.pages.addWidget(self._template_page())
        self.pages.addWidget(self._messages_page())
        self.back_button = QPushButton("< &Back")
        self.next_button = QPushButton("&Next >")
        self.next_button.setDefault(True)
        self.close_button = QPushButton("Close")
        self.close_button.setToolTip("Close; an unfinished campaign can be resumed later")
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.close_button.clicked.connect(self.accept)
        self.step_label = _plain(QLabel())
        buttons = QHBoxLayout()
        buttons.addWidget(self.step_label, 1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)

        last = self.js.last_campaign_values()
        landed = search if search is not None and search.landed else self.js.latest_landed()
        defaults = {
            "my_name": last.get("my_name", ""),
            "new_role": landed.landed_role if landed else "",
            "new_company": landed.landed_company if landed else "",
        }
        defaults.update(values or {})
        for key, edit in self.value_edits.items():
            edit.setText(defaults.get(key, ""))
        if search is not None:
            idx = self.helped_scope.findData(f"search:{search.id}")
            if idx >= 0:
                self.helped_scope.setCurrentIndex(idx)
        if template_key:
            for n in range(self.template_combo.count()):
                t = self.template_combo.itemData(n)
                if isinstance(t, MessageTemplate) and t.builtin_key == template_key:
                    self.template_combo.setCurrentIndex(n)
        self.add_recipients(recipients)
        if campaign_id is not None:
            self.load_campaign(campaign_id)
            self.go(2)
        else:
            self.go(0)

    # ------------------------------------------------------------ page 1
    def _recipients_page(self) -> QWidget:
        page = QWidget()
        self.source = QComboBox()
        for s in SOURCES:
            self.source.addItem(s)
        self.helped_scope = QComboBox()
        for s in self.js.searches():
            self.helped_scope.addItem(f"during {s.name}", f"search:{s.id}")
        for label, days in (("in the last 90 days", 90), ("in the last 12 months", 365)):
            self.helped_scope.addItem(label, f"days:{days}")
        self.helped_scope.addItem("any time", "days:0")
        self.only_unthanked = QCheckBox("only those not thanked yet")
        self.tag_combo = QComboBox()
        for t in self.ctx.services.contacts.tags():
            self.tag_combo.addItem(t, t)
        self.months = QSpinBox()
        self.months.setRange(1, 120)
        self.months.setValue(12)
        self.months.setSuffix(" months")
        self.picker = ContactPicker(self.ctx.services.contacts)
        self.source_params = QStackedWidget()
        helped_box = QWidget()
        hl = QHBoxLayout(helped_box)
        hl.setContentsMargins(0, 0, 0, 0)
        hl.addWidget(self.helped_scope)
        hl.addWidget(self.only_unthanked)
        hl.addStretch(1)
        self.source_params.addWidget(helped_box)
        self.source_params.addWidget(self.tag_combo)
        self.source_params.addWidget(self.months)
        self.source_params.addWidget(self.picker)
        self.source.currentIndexChanged.connect(self._source_changed)
        self._source_changed(0)
        self.add_button = QPushButton("&Add to the list")
        self.add_button.clicked.connect(self.add_from_source)
        row = QHBoxLayout()
        row.addWidget(QLabel("Add"))
        row.addWidget(self.source)
        row.addWidget(self.source_params, 1)
        row.addWidget(self.add_button)
        self.recipient_list = QListWidget()
        self.recipient_list.setObjectName("campaign-recipients")
        self.recipient_count = _plain(QLabel())
        self.recipient_list.itemChanged.connect(lambda _i: self._count_recipients())
        clear = QPushButton("Untick all")
        clear.clicked.connect(lambda: self._tick_all(False))
        tick = QPushButton("Tick all")
        tick.clicked.connect(lambda: self._tick_all(True))
        bottom = QHBoxLayout()
        bottom.addWidget(self.recipient_count, 1)
        bottom.addWidget(tick)
        bottom.addWidget(clear)
        layout = QVBoxLayout(page)
        layout.addWidget(
            _plain(QLabel("Who gets a message? Add people, then untick anyone to leave out."))
        )
        layout.addLayout(row)
        layout.addWidget(self.recipient_list, 1)
        layout.addLayout(bottom)
        return page

    def _source_changed(self, index: int) -> None:
        """Only the shown source's controls take room (the picker is taller than a combo)."""
        self.source_params.setCurrentIndex(index)
        for n in range(self.source_params.count()):
            policy = QSizePolicy.Policy.Preferred if n == index else QSizePolicy.Policy.Ignored
            self.source_params.widget(n).setSizePolicy(QSizePolicy.Policy.Preferred, policy)
        self.source_params.adjustSize()

    def add_from_source(self) -> None:
        kind = self.source.currentIndex()
        if kind == 0:
            kind, value = scope_of(self.helped_scope.currentData())
            args: dict[str, object] = {}
            if kind == "search":
                args["search_id"] = value
            elif value:
                args["since"] = date.today() - timedelta(days=value)
            helpers = self.js.helped(**args)  # type: ignore[arg-type]
            if self.only_unthanked.isChecked():
                helpers = [h for h in helpers if not h.thanked]
            ids = [h.contact_id for h in helpers]
        elif kind == 1:
            tag = self.tag_combo.currentData()
            ids = self.ctx.services.contacts.list_ids(tag=tag) if tag else []
        elif kind == 2:
            since = date.today() - timedelta(days=int(self.months.value() * 30.44))
            summaries = self.ctx.services.contacts.summaries(self.ctx.services.contacts.list_ids())
            ids = [
                cid
                for cid, s in summaries.items()
                if s.last_contacted is not None and s.last_contacted >= since
            ]
        else:
            ids = self.picker.ids()
            self.picker.clear()
        self.add_recipients(ids)

    def add_recipients(self, ids: Sequence[int]) -> int:
        have = {
            self.recipient_list.item(n).data(Qt.ItemDataRole.UserRole)
            for n in range(self.recipient_list.count())
        }
        new = [cid for cid in dict.fromkeys(ids) if cid not in have]
        if new:
            summaries = self.ctx.services.contacts.summaries(new)
            emails = self.js.emails_of(new)
            self.recipient_list.blockSignals(True)
            for cid in new:
                s = summaries.get(cid)
                if s is None:
                    continue
                email = emails.get(cid, "")
                item = QListWidgetItem(
                    f"{s.display_name}  <{email}>"
                    if email
                    else f"{s.display_name}  (no email: copy the text)"
                )
                item.setData(Qt.ItemDataRole.UserRole, cid)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
                self.recipient_list.addItem(item)
            self.recipient_list.blockSignals(False)
        self._count_recipients()
        return len(new)

    def chosen_ids(self) -> list[int]:
        out = []
        for n in range(self.recipient_list.count()):
            item = self.recipient_list.item(n)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def _tick_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for n in range(self.recipient_list.count()):
            self.recipient_list.item(n).setCheckState(state)

    def _count_recipients(self) -> None:
        n = len(self.chosen_ids())
        self.recipient_count.setText(f"{n} {'person' if n == 1 else 'people'} chosen")
        if self.pages.currentIndex() == 0:
            self.next_button.setEnabled(n > 0)

    # ------------------------------------------------------------ page 2
    def _template_page(self) -> QWidget:
        page = QWidget()
        self.template_combo = QComboBox()
        for t in self.js.templates():
            self.template_combo.addItem(t.name, t)
        self.value_edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.addRow("&Template", self.template_combo)
        for key, label in CAMPAIGN_VALUES:
            edit = QLineEdit()
            edit.setPlaceholderText(f"fills {{{key}}}")
            edit.textChanged.connect(lambda _t: self._preview_template())
            self.value_edits[key] = edit
            form.addRow(label, edit)
        self.template_preview = QPlainTextEdit()
        self.template_preview.setReadOnly(True)
        self.template_preview.setObjectName("template-preview")
        self.template_missing = _plain(QLabel())
        self.template_missing.setStyleSheet("color: #c0392b")
        self.template_combo.currentIndexChanged.connect(lambda _i: self._preview_template())
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(_plain(QLabel("Preview for the first person:")))
        layout.addWidget(self.template_preview, 1)
        layout.addWidget(self.template_missing)
        return page

    def template(self) -> MessageTemplate | None:
        t = self.template_combo.currentData()
        return t if isinstance(t, MessageTemplate) else None

    def values(self) -> dict[str, str]:
        return {k: e.text().strip() for k, e in self.value_edits.items() if e.text().strip()}

    def _preview_template(self) -> None:
        template = self.template()
        ids = self.chosen_ids()
        if template is None or not ids:
            self.template_preview.setPlainText("")
            self.template_missing.setText("")
            return
        values = self.js.values_for(ids, search=self.search, extra=self.values())
        first = render_message(template, values[ids[0]])
        self.template_preview.setPlainText(f"Subject: {first.subject}\n\n{first.body}")
        missing: dict[str, int] = {}
        for cid in ids:
            for name in render_message(template, values[cid]).missing:
                missing[name] = missing.get(name, 0) + 1
        self.template_missing.setText(
            "Missing: "
            + ", ".join(
                f"{{{k}}} for {n} {'person' if n == 1 else 'people'}" for k, n in missing.items()
            )
            + " — fill it in above or in each message"
            if missing
            else ""
        )

    # ------------------------------------------------------------ page 3
    def _messages_page(self) -> QWidget:
        page = QWidget()
        self.message_list = QListWidget()
        self.message_list.setObjectName("campaign-messages")
        self.progress = _plain(QLabel())
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.progress)
        ll.addWidget(self.message_list, 1)
        self.to_label = _plain(QLabel())
        self.subject = QLineEdit()
        self.body = QPlainTextEdit()
        self.body.setObjectName("campaign-body")
        self.warning = _plain(QLabel())
        self.warning.setStyleSheet("color: #c0392b")
        self.open_mail = QPushButton("&Open in mail app")
        self.copy_text = QPushButton("&Copy text")
        self.mark_sent_button = QPushButton("&Mark as sent")
        self.mark_sent_button.setToolTip(
            "I sent it: log it on their timeline (resets the keep-in-touch reminder)"
        )
        self.reset_button = QPushButton("&Undo my edits")
        self.reset_button.setToolTip("Back to the template's text for this person")
        self.finish_button = QPushButton("&Finish campaign")
        self.finish_button.setToolTip("Close the campaign for good (it is no longer offered)")
        actions = QHBoxLayout()
        for b in (self.open_mail, self.copy_text, self.mark_sent_button, self.reset_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.finish_button)
        box = QGroupBox("Message")
        form = QFormLayout(box)
        form.addRow("To", self.to_label)
        form.addRow("&Subject", self.subject)
        form.addRow("B&ody", self.body)
        form.addRow(self.warning)
        form.addRow(actions)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(box)
        split.setSizes([260, 560])
        layout = QVBoxLayout(page)
        layout.addWidget(split)
        self.message_list.currentRowChanged.connect(self._message_selected)
        self.subject.textEdited.connect(lambda _t: self._edited())
        self.body.textChanged.connect(self._edited)
        self.open_mail.clicked.connect(self.open_in_mail)
        self.copy_text.clicked.connect(self.copy_message)
        self.mark_sent_button.clicked.connect(self.mark_sent)
        self.reset_button.clicked.connect(self.reset_message)
        self.finish_button.clicked.connect(self.finish)
        return page

    def create_campaign(self) -> bool:
        template = self.template()
        ids = self.chosen_ids()
        if template is None or template.id is None or not ids:
            return False
        try:
            if self.campaign_id is None:
                self.campaign_id = self.js.create_campaign(
                    template.id,
                    ids,
                    search_id=self.search.id if self.search is not None else None,
                    values=self.values(),
                )
            else:
                self.js.set_campaign_values(self.campaign_id, self.values())
                self.js.add_recipients(self.campaign_id, ids)
        except NetDeskError as err:
            show_error(self, "Could not start the campaign", err)
            return False
        self.load_campaign(self.campaign_id)
        return True

    def load_campaign(self, campaign_id: int) -> None:
        self.campaign_id = campaign_id
        campaign = self.js.campaign(campaign_id)
        if campaign.search_id is not None and self.search is None:
            self.search = self.js.get_search(campaign.search_id)
        self.setWindowTitle(f"Campaign: {campaign.name}")
        self.prepared = self.js.prepare(campaign)
        self._fill_messages()

    def _status(self, p: PreparedMessage) -> str:
        if p.sent_at is not None:
            return f"✓ sent {p.sent_at:%d %b}"
        if p.sent_elsewhere is not None:
            return f"⚠ already sent this template on {p.sent_elsewhere:%d %b}"
        if p.message.missing or p.message.unknown:
            return "⚠ " + ", ".join(f"{{{n}}}" for n in (*p.message.missing, *p.message.unknown))
        if p.mailto is None:
            return "no email: copy the text"
        return "ready"

    def _fill_messages(self) -> None:
        current = self.current_cid
        self.message_list.blockSignals(True)
        self.message_list.clear()
        for p in self.prepared:
            item = QListWidgetItem(f"{p.display_name}\n    {self._status(p)}")
            item.setData(Qt.ItemDataRole.UserRole, p.contact_id)
            if p.sent_at is not None:
                item.setForeground(Qt.GlobalColor.darkGreen)
            elif not p.message.ready or p.sent_elsewhere is not None:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.message_list.addItem(item)
        self.message_list.blockSignals(False)
        sent = sum(1 for p in self.prepared if p.sent_at is not None)
        self.progress.setText(f"{sent} of {len(self.prepared)} sent")
        row = self._row_of(current) if current is not None else -1
        if row < 0:
            row = next((n for n, p in enumerate(self.prepared) if p.sent_at is None), 0)
        if self.prepared:
            self.message_list.setCurrentRow(row)
            self._message_selected(row)

    def _row_of(self, cid: int | None) -> int:
        return next((n for n, p in enumerate(self.prepared) if p.contact_id == cid), -1)

    def current_message(self) -> PreparedMessage | None:
        row = self._row_of(self.current_cid)
        return self.prepared[row] if row >= 0 else None

    def _message_selected(self, row: int) -> None:
        self.save_edit()
        if not 0 <= row < len(self.prepared):
            self.current_cid = None
            return
        p = self.prepared[row]
        self.current_cid = p.contact_id
        self._loading_message = True
        self.to_label.setText(
            f"{p.display_name} <{p.email}>" if p.email else f"{p.display_name} (no email address)"
        )
        self.subject.setText(p.message.subject)
        self.body.setPlainText(p.message.body)
        self._loading_message = False
        self._dirty = False
        self._update_message_state()

    def _edited(self) -> None:
        if not self._loading_message:
            self._dirty = True
            self._update_message_state()

    def _update_message_state(self) -> None:
        from netdesk.core.templates import build_mailto, check_edited

        p = self.current_message()
        if p is None:
            return
        sent = p.sent_at is not None
        checked = check_edited(self.subject.text(), self.body.toPlainText())
        notes: list[str] = []
        if sent:
            notes.append(f"Sent on {p.sent_at:%a %d %b %Y} — logged on their timeline.")
        if checked.missing:
            names = ", ".join(f"{{{n}}}" for n in checked.missing)
            notes.append(f"Fill in {names} before sending (no value for this person).")
        if checked.unknown:
            names = ", ".join(f"{{{n}}}" for n in checked.unknown)
            notes.append(f"{names}: not a placeholder; write {{{{ for a literal brace.")
        if p.sent_elsewhere is not None and not sent:
            notes.append(
                f"Already sent this template on {p.sent_elsewhere:%d %b %Y} in another campaign."
            )
        url = None
        if p.problem:
            notes.append(f"No mail link: {p.problem}. Copy the text instead.")
        else:
            url = build_mailto([p.email], checked.subject, checked.body)
            if len(url) > MAILTO_LIMIT:
                notes.append(
                    f"Too long for a mail link ({len(url):,} characters; mail apps take about "
                    f"{MAILTO_LIMIT:,}): copy the text and paste it into your mail."
                )
                url = None
        self._url = url
        self.warning.setText("\n".join(notes))
        self.open_mail.setEnabled(url is not None and not checked.missing and not sent)
        self.mark_sent_button.setEnabled(not sent and checked.ready)
        self.copy_text.setEnabled(True)
        self.reset_button.setEnabled(not sent and (p.edited or self._dirty))
        self.subject.setReadOnly(sent)
        self.body.setReadOnly(sent)

    def save_edit(self) -> None:
        """Keep what the user typed for the current person (the campaign remembers it)."""
        p = self.current_message()
        if p is None or self.campaign_id is None or not self._dirty:
            return
        if p.sent_at is not None:
            return
        subject, body = self.subject.text(), self.body.toPlainText()
        self._dirty = False
        if subject == p.message.subject and body == p.message.body:
            return
        self.js.edit_message(self.campaign_id, p.contact_id, subject, body)
        self._refresh_one(p.contact_id)

    def _refresh_one(self, cid: int) -> None:
        assert self.campaign_id is not None
        campaign = self.js.campaign(self.campaign_id)
        fresh = self.js.prepare_one(campaign, cid)
        self.prepared = [fresh if p.contact_id == cid else p for p in self.prepared]
        row = self._row_of(cid)
        if row >= 0:
            item = self.message_list.item(row)
            item.setText(
                f"{self.prepared[row].display_name}\n    {self._status(self.prepared[row])}"
            )
        sent = sum(1 for p in self.prepared if p.sent_at is not None)
        self.progress.setText(f"{sent} of {len(self.prepared)} sent")

    def open_in_mail(self) -> None:
        self.save_edit()
        if self._url and open_link(self._url, self):
            self.ctx.nav.status.emit(
                "Opened in your mail app: press “Mark as sent” once it is sent"
            )

    def copy_message(self) -> None:
        self.save_edit()
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.body.toPlainText())
        self.ctx.nav.status.emit("Message copied; the subject is in the Subject box")

    def reset_message(self) -> None:
        p = self.current_message()
        if p is None or self.campaign_id is None:
            return
        self._dirty = False
        self.js.edit_message(self.campaign_id, p.contact_id, None, None)
        self._refresh_one(p.contact_id)
        self._message_selected(self._row_of(p.contact_id))

    def mark_sent(self) -> None:
        p = self.current_message()
        if p is None or self.campaign_id is None:
            return
        if p.sent_elsewhere is not None and p.sent_at is None:
            from PySide6.QtWidgets import QMessageBox

            answer = ask(
                self,
                "Send it again?",
                f"{p.display_name} already got this message on {p.sent_elsewhere:%d %b %Y} "
                "(another campaign). Log this one as sent too?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.save_edit()
        try:
            _iid, change = self.js.mark_sent(self.campaign_id, p.contact_id)
        except NetDeskError as err:
            show_error(self, "Could not mark it as sent", err)
            return
        self.ctx.bus.publish(change)
        self.ctx.nav.status.emit(f"Logged the message to {p.display_name}")
        self._refresh_one(p.contact_id)
        here = self._row_of(p.contact_id)
        count = len(self.prepared)
        nxt = next(
            (
                (here + step) % count
                for step in range(1, count + 1)
                if self.prepared[(here + step) % count].sent_at is None
            ),
            here,
        )
        self.message_list.setCurrentRow(nxt)
        self._message_selected(nxt)

    def finish(self) -> None:
        if self.campaign_id is not None:
            self.save_edit()
            self.js.finish_campaign(self.campaign_id)
            self.ctx.nav.status.emit("Campaign finished")
        self.accept()

    # ------------------------------------------------------------ paging
    def go(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.back_button.setEnabled(page == 1)
        self.next_button.setVisible(page < 2)
        self.step_label.setText(("1. Who", "2. Which message", "3. Send each message")[page])
        if page == 0:
            self._count_recipients()
        elif page == 1:
            self.next_button.setText("&Write the messages >")
            self.next_button.setEnabled(self.template() is not None)
            self._preview_template()
        if page == 0:
            self.next_button.setText("&Next >")

    def next(self) -> None:
        page = self.pages.currentIndex()
        if page == 0 and self.chosen_ids():
            self.go(1)
        elif page == 1 and self.create_campaign():
            self.go(2)

    def back(self) -> None:
        if self.pages.currentIndex() == 1:
            self.go(0)

    def done(self, result: int) -> None:
        self.save_edit()
        super().done(result)


def open_campaign(
    ctx: UiContext,
    parent: QWidget | None,
    *,
    recipients: Sequence[int] = (),
    template_key: str | None = None,
    search: JobSearch | None = None,
    values: dict[str, str] | None = None,
    campaign_id: int | None = None,
) -> CampaignDialog:
    dialog = CampaignDialog(
        ctx,
        parent,
        recipients=recipients,
        template_key=template_key,
        search=search,
        values=values,
        campaign_id=campaign_id,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def resume_campaign(ctx: UiContext, parent: QWidget | None) -> CampaignDialog | None:
    """Pick an unfinished campaign and carry on where it was left."""
    open_ones = ctx.services.jobsearch.open_campaigns()
    if not open_ones:
        inform(parent, "Resume a campaign", "There is no unfinished campaign.")
        return None
    labels = [f"{name} — {sent} of {total} sent" for _id, name, sent, total in open_ones]
    choice, ok = QInputDialog.getItem(parent, "Resume a campaign", "Campaign:", labels, 0, False)
    if not ok:
        return None
    campaign_id = open_ones[labels.index(choice)][0]
    return open_campaign(ctx, parent, campaign_id=campaign_id)
