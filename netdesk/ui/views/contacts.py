"""Contacts: a searchable list over the whole address book, with the contact's details."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.cadence import cadence_label
from netdesk.core.dates import humanize_date
from netdesk.core.model import Change, Contact
from netdesk.core.validation import format_phone, is_safe_link
from netdesk.ui.contact_model import ContactTableModel
from netdesk.ui.context import UiContext
from netdesk.ui.roles import Role

SEARCH_DEBOUNCE_MS = 150
ALL_TAGS = "All tags"


def contact_html(c: Contact, today: date, introducer: str = "") -> str:
    """Read-only summary of a contact (the details pane)."""
    e = html.escape
    lines = [f"<h2 style='margin-bottom:2px'>{e(c.name)}</h2>"]
    role = ", ".join(x for x in (c.title, c.department, c.organization) if x and x != c.name)
    if role:
        lines.append(f"<p style='margin-top:0;color:palette(mid)'>{e(role)}</p>")
    rows: list[tuple[str, str]] = []
    for em in c.emails:
        link = f"<a href='mailto:{e(em.value)}'>{e(em.value)}</a>"
        rows.append((em.label or "email", link + (" ★" if em.pref else "")))
    for p in c.phones:
        shown = format_phone(p.e164, p.value)
        target = p.e164 or p.value
        rows.append((p.label or "phone", f"<a href='tel:{e(target)}'>{e(shown)}</a>"))
    for u in c.urls:
        value = e(u.value)
        rows.append(
            (u.label or "web", f"<a href='{value}'>{value}</a>" if is_safe_link(u.value) else value)
        )
    for a in c.addresses:
        rows.append((a.label or "address", e(a.one_line())))
    if c.birthday:
        rows.append(("birthday", e(c.birthday.iso())))
    if c.met_at or c.met_on:
        when = f" on {c.met_on.isoformat()}" if c.met_on else ""
        rows.append(("met", e(f"{c.met_at}{when}")))
    if introducer:
        rows.append(("introduced by", e(introducer)))
    if c.cadence_days:
        rows.append(("keep in touch", e(cadence_label(c.cadence_days))))
    if c.last_contacted:
        rows.append(("last contact", e(humanize_date(c.last_contacted, today))))
    if c.next_touch:
        rows.append(("next touch", e(humanize_date(c.next_touch, today))))
    if c.tags:
        rows.append(("tags", " ".join(f"<span>[{e(t)}]</span>" for t in c.tags)))
    lines.append("<table cellspacing='4'>")
    lines += [
        f"<tr><td style='color:palette(mid)' align='right'>{e(k)}</td><td>{v}</td></tr>"
        for k, v in rows
    ]
    lines.append("</table>")
    if c.notes:
        lines.append(f"<p>{e(c.notes).replace(chr(10), '<br>')}</p>")
    return "\n".join(lines)


class ContactsView(QWidget):
    """The contact list: search as you type (debounced), tag filter, count, details."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = ContactTableModel(ctx.services.contacts, self)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search names, companies, emails, phones, notes… (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.tag_filter = QComboBox()
        self.tag_filter.setMinimumWidth(140)
        self.count_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.tag_filter)
        top.addWidget(self.count_label)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        for col, width in enumerate((220, 180, 160, 140, 110, 110)):
            self.table.setColumnWidth(col, width)

        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setMinimumWidth(280)

        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_search)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self.open_first)
        self.tag_filter.currentIndexChanged.connect(self._tag_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._update_count)
        ctx.bus.changed.connect(self.on_change)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)

        self.current_id: int | None = None
        self.reload_tags()
        self.model.reload()

    # ------------------------------------------------------------ behaviour
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def apply_search(self) -> None:
        self._debounce.stop()
        self.model.set_filter(search=self.search.text())

    def open_first(self) -> None:
        self.apply_search()
        if self.model.rowCount() > 0:
            self.table.selectRow(0)
            self.table.setFocus()

    def _tag_changed(self, index: int) -> None:
        tag = self.tag_filter.itemData(index)
        self.model.set_filter(tag=tag)

    def reload_tags(self) -> None:
        current = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(ALL_TAGS, None)
        for t in self.ctx.services.contacts.tags():
            self.tag_filter.addItem(t, t)
        index = self.tag_filter.findData(current)
        self.tag_filter.setCurrentIndex(max(0, index))
        self.tag_filter.blockSignals(False)

    def _update_count(self) -> None:
        n = self.model.rowCount()
        self.count_label.setText(f"{n:,} contact{'s' if n != 1 else ''}")

    def _selection_changed(self, _sel: QItemSelection, _desel: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if len(rows) == 1:
            self.show_contact(rows[0].data(Role.ID))

    def selected_ids(self) -> list[int]:
        return [i.data(Role.ID) for i in self.table.selectionModel().selectedRows()]

    def show_contact(self, contact_id: int | None) -> None:
        self.current_id = contact_id
        if contact_id is None:
            self.details.clear()
            return
        c = self.ctx.services.contacts.get(contact_id)
        introducer = ""
        if c.introduced_by:
            introducer = self.ctx.services.contacts.names([c.introduced_by]).get(
                c.introduced_by, ""
            )
        self.details.setHtml(contact_html(c, date.today(), introducer))

    def select_contact(self, contact_id: int) -> None:
        row = self.model.row_of(contact_id)
        if row is None:
            self.search.clear()
            self.tag_filter.setCurrentIndex(0)
            self.model.set_filter(search="", tag=None, starred_only=False)
            row = self.model.row_of(contact_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self.show_contact(contact_id)

    def on_change(self, change: Change) -> None:
        if not (change.everything or change.contacts):
            return
        # Membership or order may have changed (a rename, a delete): re-run the query in SQL
        # and keep the selection on the same contact.
        selected = self.selected_ids()
        self.reload_tags()
        self.model.reload()
        for cid in selected:
            row = self.model.row_of(cid)
            if row is not None:
                self.table.selectRow(row)
        if self.current_id is not None and self.model.row_of(self.current_id) is None:
            self.show_contact(None)
        elif self.current_id is not None:
            self.show_contact(self.current_id)

    def on_activated(self) -> None:
        self.search.setFocus()
