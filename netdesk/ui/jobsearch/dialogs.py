"""Start a job search, "I landed", mark a contact as a reference, and what follows an
interview (the thank-you in one click, a "you may get a call" note to the references)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from netdesk.core.errors import NetDeskError
from netdesk.core.jobsearch import JobSearch, Reference
from netdesk.ui.common.context import UiContext
from netdesk.ui.common.safe_text import ask, inform
from netdesk.ui.common.widgets import save_cancel_buttons


def _date_edit(day: date | None) -> QDateEdit:
    edit = QDateEdit(QDate(day or date.today()))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _to_date(edit: QDateEdit) -> date:
    value = edit.date().toPython()
    assert isinstance(value, date)
    return value


def _error_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet("color: #c0392b")
    label.setWordWrap(True)
    return label


class StartSearchDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Start a job search")
        self.name = QLineEdit(f"{date.today().year} search")
        self.started = _date_edit(date.today())
        self.started.setToolTip("Interactions from this day on belong to the search")
        self.roles = QLineEdit()
        self.roles.setPlaceholderText("e.g. Product Manager, Head of Product")
        self.reconnect = QCheckBox("Offer to reconnect with people not in touch for a year")
        self.reconnect.setChecked(True)
        self.error = _error_label()
        form = QFormLayout(self)
        form.addRow("&Name", self.name)
        form.addRow("&Started", self.started)
        form.addRow("&Target roles", self.roles)
        form.addRow(self.reconnect)
        form.addRow(self.error)
        form.addRow(save_cancel_buttons(self, self.save))
        self.search_id: int | None = None
        self.name.selectAll()

    def save(self) -> None:
        try:
            self.search_id, change = self.ctx.services.jobsearch.start_search(
                JobSearch(self.name.text(), _to_date(self.started), self.roles.text().strip())
            )
        except NetDeskError as err:
            self.error.setText(err.message)
            return
        self.ctx.bus.publish(change)
        self.ctx.nav.status.emit(f"Started “{self.name.text().strip()}”")
        self.accept()


def start_search(ctx: UiContext, parent: QWidget | None) -> int | None:
    """Start a search, then offer to tag and reconnect with people not touched for a year."""
    dialog = StartSearchDialog(ctx, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.search_id is None:
        return None
    if dialog.reconnect.isChecked():
        offer_reconnect(ctx, parent, dialog.name.text().strip())
    return dialog.search_id


def offer_reconnect(ctx: UiContext, parent: QWidget | None, search_name: str) -> int:
    """Tag the people not touched in the last year and open a "just to connect" campaign for
    them; returns how many were tagged."""
    js = ctx.services.jobsearch
    ids = js.reconnect_candidates()
    if not ids:
        return 0
    tag = f"reconnect {search_name}".strip()
    answer = ask(
        parent,
        "Reconnect before you ask",
        f"{len(ids):,} {'person has' if len(ids) == 1 else 'people have'} not heard from you "
        f"in over a year. Tag them “{tag}” and write them a “just to connect” note?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return 0
    try:
        change = js.tag_contacts(ids, tag)
    except NetDeskError as err:
        from netdesk.ui.common.errors import show_error

        show_error(parent, "Could not tag them", err)
        return 0
    ctx.bus.publish(change)
    from netdesk.ui.jobsearch.campaign import open_campaign

    open_campaign(ctx, parent, recipients=ids, template_key="just_to_connect")
    return len(ids)


class LandedDialog(QDialog):
    def __init__(self, ctx: UiContext, search: JobSearch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.search = search
        self.setWindowTitle(f"I landed — {search.name}")
        self.role = QLineEdit(search.landed_role)
        self.company = QLineEdit(search.landed_company)
        self.start = _date_edit(search.landed_start)
        self.start.setToolTip("Your first day")
        self.tell = QCheckBox("Tell everyone who helped (and thank them)")
        self.tell.setChecked(True)
        self.error = _error_label()
        form = QFormLayout(self)
        form.addRow(QLabel("Congratulations! Where are you going?"))
        form.addRow("&Role", self.role)
        form.addRow("&Company", self.company)
        form.addRow("&Start date", self.start)
        form.addRow(self.tell)
        form.addRow(self.error)
        form.addRow(save_cancel_buttons(self, self.save))

    def save(self) -> None:
        assert self.search.id is not None
        try:
            change = self.ctx.services.jobsearch.land(
                self.search.id, self.role.text(), self.company.text(), _to_date(self.start)
            )
        except NetDeskError as err:
            self.error.setText(err.message)
            return
        self.ctx.bus.publish(change)
        self.ctx.nav.status.emit("Landed — well done!")
        self.accept()


def landed(ctx: UiContext, parent: QWidget | None) -> bool:
    js = ctx.services.jobsearch
    search = js.open_search()
    if search is None:
        inform(parent, "I landed", "No job search is open.")
        return False
    dialog = LandedDialog(ctx, search, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    if dialog.tell.isChecked():
        assert search.id is not None
        done = js.get_search(search.id)
        ids = [h.contact_id for h in js.helped(search_id=search.id)]
        from netdesk.ui.jobsearch.campaign import open_campaign

        open_campaign(ctx, parent, recipients=ids, template_key="landed", search=done)
    return True


class ReferenceDialog(QDialog):
    """Mark contacts as references, for the open search or one application."""

    def __init__(
        self, ctx: UiContext, contact_ids: Sequence[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.contact_ids = list(contact_ids)
        names = ctx.services.contacts.names(self.contact_ids)
        self.setWindowTitle("Mark as reference")
        who = QLabel(", ".join(names.get(c, "?") for c in self.contact_ids))
        who.setTextFormat(Qt.TextFormat.PlainText)
        who.setWordWrap(True)
        self.search = QComboBox()
        self.search.addItem("(no search)", None)
        for s in ctx.services.jobsearch.searches():
            self.search.addItem(s.name, s.id)
        open_search = ctx.services.jobsearch.open_search()
        if open_search is not None:
            self.search.setCurrentIndex(self.search.findData(open_search.id))
        self.application = QLineEdit()
        self.application.setPlaceholderText(
            "the application, e.g. “Acme — Product Manager” (optional)"
        )
        self.emphasise = QPlainTextEdit()
        self.emphasise.setPlaceholderText("What should they emphasise?")
        self.emphasise.setTabChangesFocus(True)
        self.error = _error_label()
        form = QFormLayout(self)
        form.addRow("Reference", who)
        form.addRow("&Search", self.search)
        form.addRow("&Application", self.application)
        form.addRow("&Emphasise", self.emphasise)
        form.addRow(self.error)
        form.addRow(save_cancel_buttons(self, self.save))
        self.added: list[int] = []

    def save(self) -> None:
        js = self.ctx.services.jobsearch
        try:
            for cid in self.contact_ids:
                rid, change = js.add_reference(
                    Reference(
                        cid,
                        self.search.currentData(),
                        self.application.text(),
                        self.emphasise.toPlainText(),
                    )
                )
                self.added.append(rid)
                self.ctx.bus.publish(change)
        except NetDeskError as err:
            self.error.setText(err.message)
            return
        self.ctx.nav.status.emit(
            f"Marked {len(self.added)} {'reference' if len(self.added) == 1 else 'references'}"
        )
        self.accept()


def alert_references(
    ctx: UiContext, parent: QWidget | None, contact_ids: Sequence[int]
) -> QDialog | None:
    """After an interview: the user's references for that application (or for the open
    search) are offered a "you may get a call" message."""
    if not contact_ids:
        return None
    js = ctx.services.jobsearch
    companies = {
        c.organization for c in ctx.services.contacts.get_many(list(contact_ids)) if c.organization
    }
    refs: dict[int, Reference] = {}
    for company in companies or {""}:
        for r in js.references_for_application(company):
            refs.setdefault(r.contact_id, r)
    refs = {cid: r for cid, r in refs.items() if cid not in contact_ids}
    if not refs:
        return None
    company = next(iter(companies), "")
    answer = ask(
        parent,
        "Tell your references?",
        f"{len(refs)} {'reference' if len(refs) == 1 else 'references'} may get a call"
        + (f" from {company}" if company else "")
        + ". Send them a short heads-up?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    return open_campaign_for(
        ctx, parent, list(refs), "reference_call", {"new_company": company} if company else None
    )


def open_thank_you(ctx: UiContext, parent: QWidget | None, contact_ids: Sequence[int]) -> QDialog:
    """The interview thank-you for these people, straight on the messages page."""
    return open_campaign_for(ctx, parent, contact_ids, "interview_thanks")


def open_campaign_for(
    ctx: UiContext,
    parent: QWidget | None,
    contact_ids: Sequence[int],
    template_key: str,
    values: dict[str, str] | None = None,
) -> QDialog:
    """A campaign from a built-in template for these people, opened on its messages page
    (one click from a follow-up or a contact)."""
    from netdesk.ui.jobsearch.campaign import open_campaign

    js = ctx.services.jobsearch
    template = js.template_by_key(template_key)
    assert template.id is not None
    search = js.open_search()
    chosen = dict(values or {})
    my_name = js.last_campaign_values().get("my_name")
    if my_name:
        chosen.setdefault("my_name", my_name)
    campaign_id = js.create_campaign(
        template.id,
        list(contact_ids),
        search_id=search.id if search is not None else None,
        values=chosen,
    )
    return open_campaign(ctx, parent, campaign_id=campaign_id)
