"""Contacts: a searchable list over the whole address book, with the contact's details, the
editor and the contact's timeline beside it."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QItemSelection, QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.cadence import cadence_label
from netdesk.core.dates import humanize_date
from netdesk.core.errors import NetDeskError
from netdesk.core.links import UnsafeLinkError, field_link, mailto_url, tel_url
from netdesk.core.model import Change, Contact, Photo
from netdesk.core.validation import format_phone
from netdesk.ui.contact_editor import ContactEditor, photo_pixmap
from netdesk.ui.contact_model import ContactTableModel
from netdesk.ui.context import UiContext
from netdesk.ui.links import open_link
from netdesk.ui.roles import Role
from netdesk.ui.safe_text import escape

SEARCH_DEBOUNCE_MS = 150
ALL_TAGS = "All tags"
#: set to 1 to open on the contact list and print "first-rows-painted <rows> <peak RSS KiB>"
#: once its table has painted rows (and quit when NETDESK_BENCH_QUIT=1); the benchmark
#: (benchmarks/contacts_bench.py) times the process from its launch to that line
BENCH_ENV = "NETDESK_BENCH_FIRST_PAINT"

DETAILS_TAB, EDIT_TAB, TIMELINE_TAB = 0, 1, 2
NO_SELECTION = (
    "<p style='color:palette(mid)'>Select a contact to see the details and edit them, "
    "or press Ctrl+N to add one.</p>"
)


def contact_html(c: Contact, today: date, introducer: str = "") -> str:
    """Read-only summary of a contact (the details pane)."""
    e = escape
    lines = [f"<h2 style='margin-bottom:2px'>{e(c.name)}{' ★' if c.starred else ''}</h2>"]
    role = ", ".join(x for x in (c.title, c.department, c.organization) if x and x != c.name)
    if role:
        lines.append(f"<p style='margin-top:0;color:palette(mid)'>{e(role)}</p>")
    rows: list[tuple[str, str]] = []
    for em in c.emails:
        link = _link(mailto_url, em.value, em.value)
        rows.append((em.label or "email", link + (" ★" if em.pref else "")))
    for p in c.phones:
        shown = format_phone(p.e164, p.value)
        rows.append((p.label or "phone", _link(tel_url, p.e164 or p.value, shown)))
    for u in c.urls:
        rows.append((u.label or "web", _link(field_link, u.value, u.value)))
    for a in c.addresses:
        rows.append((a.label or "address", e(a.one_line())))
    if c.birthday:
        rows.append(("birthday", e(c.birthday.iso())))
    if c.anniversary:
        rows.append(("anniversary", e(c.anniversary.iso())))
    if c.nickname and c.nickname not in c.name:
        rows.append(("nickname", e(c.nickname)))
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


def _link(build: Callable[[str], str], value: str, shown: str) -> str:
    """``shown`` as a link to the URL that ``build`` makes from ``value`` (netdesk.core.links
    checks and encodes it), or as escaped text when the value cannot be a safe link."""
    try:
        url = build(value)
    except UnsafeLinkError:
        return escape(shown)
    return f"<a href='{escape(url)}'>{escape(shown)}</a>"


def _timeline_class() -> Any:
    """The per-contact timeline widget, when that module is available (built separately)."""
    try:
        from netdesk.ui.views.contact_timeline import ContactTimeline
    except ImportError:
        return None
    return ContactTimeline


class _FirstPaintProbe(QObject):
    """Benchmark hook: report when the table first paints rows (see BENCH_ENV)."""

    def __init__(self, view: ContactsView) -> None:
        super().__init__(view)
        self.view = view

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.view.model.rowCount() > 0:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        try:
            import resource

            peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        except ImportError:  # pragma: no cover - Windows
            peak_kb = 0
        sys.stdout.write(f"first-rows-painted {self.view.model.rowCount()} {peak_kb}\n")
        sys.stdout.flush()
        if os.environ.get("NETDESK_BENCH_QUIT") == "1":
            from PySide6.QtWidgets import QApplication

            QApplication.quit()


class ContactsView(QWidget):
    """The contact list: search as you type (debounced), tag filter, starred filter, count;
    details, editor and timeline of the selected contact beside it."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = ContactTableModel(ctx.services.contacts, self)
        self.last_dialog: QWidget | None = None

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search names, companies, emails, phones, notes… (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.starred_only = QToolButton()
        self.starred_only.setText("★ Starred")
        self.starred_only.setCheckable(True)
        self.starred_only.setToolTip("Show only starred contacts")
        self.tag_filter = QComboBox()
        self.tag_filter.setMinimumWidth(140)
        self.tag_filter.setToolTip("Show only contacts with this tag")
        self.count_label = QLabel()
        self.new_button = QPushButton("New contact")
        self.new_button.setToolTip("New contact (Ctrl+N)")
        self.new_button.setAutoDefault(False)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.starred_only)
        top.addWidget(self.tag_filter)
        top.addWidget(self.count_label)
        top.addWidget(self.new_button)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # the sort chosen last time (the model sorts in SQL)
        state = ctx.services.settings.ui_state()
        keys = [key for key, _ in ContactTableModel.COLUMNS]
        sort_column = keys.index(state.contact_sort) if state.contact_sort in keys else 0
        sort_order = (
            Qt.SortOrder.DescendingOrder if state.contact_sort_desc else Qt.SortOrder.AscendingOrder
        )
        self.table.horizontalHeader().setSortIndicator(sort_column, sort_order)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        for col, width in enumerate((220, 180, 160, 140, 110, 110)):
            self.table.setColumnWidth(col, width)

        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty_label)

        # details side: read-only summary, the editor, the contact's timeline
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setMinimumWidth(280)
        self.photo = QLabel()
        self.photo.setFixedSize(96, 96)
        self.photo.setVisible(False)
        self.card_images = QWidget()
        self.card_row = QHBoxLayout(self.card_images)
        self.card_row.setContentsMargins(0, 0, 0, 0)
        self.card_images.setVisible(False)
        self.edit_button = QPushButton("Edit")
        self.edit_button.setToolTip("Edit this contact (Enter)")
        self.edit_button.setAutoDefault(False)
        details_page = QWidget()
        dcol = QVBoxLayout(details_page)
        dcol.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.photo)
        head.addStretch(1)
        head.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        dcol.addLayout(head)
        dcol.addWidget(self.details, 1)
        dcol.addWidget(self.card_images)

        self.editor = ContactEditor(ctx)
        self.side = QTabWidget()
        self.side.addTab(details_page, "Details")
        self.side.addTab(self.editor, "Edit")
        self.timeline: QWidget | None = None
        timeline_cls = _timeline_class()
        if timeline_cls is not None:
            self.timeline = timeline_cls(ctx)
            self.side.addTab(self.timeline, "Timeline")

        splitter = QSplitter()
        splitter.addWidget(self.list_stack)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        if state.splitters.get("contacts"):
            splitter.restoreState(QByteArray.fromBase64(state.splitters["contacts"].encode()))

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
        self.starred_only.toggled.connect(self._starred_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(self._activated)
        self.model.modelReset.connect(self._update_count)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._remember_sort)
        self.details.anchorClicked.connect(self._link_clicked)
        self.edit_button.clicked.connect(self.edit_current)
        self.new_button.clicked.connect(ctx.nav.new_contact)
        self.editor.saved.connect(self._editor_saved)
        self.editor.open_contact_requested.connect(self.select_contact)
        self.editor.cancelled.connect(self._editor_cancelled)
        self.editor.dirty_changed.connect(self._dirty_changed)
        ctx.bus.changed.connect(self.on_change)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        for key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
            QShortcut(
                QKeySequence(key),
                self.search,
                self._search_to_list,
                context=Qt.ShortcutContext.WidgetShortcut,
            )

        self.current_id: int | None = None
        self._reselecting = False
        self.details.setHtml(NO_SELECTION)
        self.editor.setEnabled(False)
        self.edit_button.setEnabled(False)
        if os.environ.get(BENCH_ENV) == "1":
            self.table.viewport().installEventFilter(_FirstPaintProbe(self))
        self.reload_tags()
        self.model.reload()
        self._update_count()
        QWidget.setTabOrder(self.search, self.starred_only)
        QWidget.setTabOrder(self.starred_only, self.tag_filter)
        QWidget.setTabOrder(self.tag_filter, self.new_button)
        QWidget.setTabOrder(self.new_button, self.table)
        QWidget.setTabOrder(self.table, self.side)

    # ------------------------------------------------------------ behaviour
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def apply_search(self) -> None:
        """Run the search now (the debounce timer calls this after the last keystroke)."""
        self._debounce.stop()
        if self.model.search != self.search.text():
            self.model.set_filter(search=self.search.text())

    def open_first(self) -> None:
        self.apply_search()
        if self.model.rowCount() > 0:
            self.table.selectRow(0)
            self.table.setFocus()

    def _search_to_list(self) -> None:
        self.apply_search()
        if self.model.rowCount() > 0:
            if not self.table.selectionModel().hasSelection():
                self.table.selectRow(0)
            self.table.setFocus()

    def _tag_changed(self, index: int) -> None:
        self.model.set_filter(tag=self.tag_filter.itemData(index))

    def _starred_changed(self, on: bool) -> None:
        self.model.set_filter(starred_only=on)

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
        filtered = bool(self.model.search.strip() or self.model.tag or self.model.starred_only)
        if n:
            self.list_stack.setCurrentWidget(self.table)
            return
        if filtered:
            what = f"“{escape(self.model.search.strip())}”" if self.model.search else "filter"
            self.empty_label.setText(
                f"<p>No contact matches the {what}.</p>"
                "<p>Try fewer or shorter words, or clear the filters.</p>"
                if not self.model.search
                else f"<p>No contact matches {what}.</p>"
                "<p>Try fewer or shorter words, or clear the filters.</p>"
            )
        else:
            self.empty_label.setText(
                "<p><b>No contacts yet.</b></p><p>Press Ctrl+N to add one, enter business "
                "cards (Ctrl+4), or import a vCard file.</p>"
            )
        self.list_stack.setCurrentWidget(self.empty_label)

    def _selection_changed(self, _sel: QItemSelection, _desel: QItemSelection) -> None:
        if self._reselecting:
            return
        rows = self.table.selectionModel().selectedRows()
        if len(rows) != 1:
            return
        cid = rows[0].data(Role.ID)
        if cid == self.current_id:
            return
        if not self.editor.ask_keep_changes():
            self._restore_selection()
            return
        self.show_contact(cid)

    def _restore_selection(self) -> None:
        """Go back to the contact being edited (the user chose to keep editing)."""
        self._reselecting = True
        try:
            row = self.model.row_of(self.current_id) if self.current_id is not None else None
            if row is None:
                self.table.clearSelection()
            else:
                self.table.selectRow(row)
        finally:
            self._reselecting = False
        self.side.setCurrentIndex(EDIT_TAB)

    def selected_ids(self) -> list[int]:
        return [i.data(Role.ID) for i in self.table.selectionModel().selectedRows()]

    def show_contact(self, contact_id: int | None) -> None:
        self.current_id = contact_id
        if contact_id is None:
            self.details.setHtml(NO_SELECTION)
            self.photo.setVisible(False)
            self._show_card_images({})
            self.editor.load(None)
            self.editor.setEnabled(False)
            self.edit_button.setEnabled(False)
            if self.timeline is not None:
                self.timeline.set_contact(None)  # type: ignore[attr-defined]
            return
        try:
            c = self.ctx.services.contacts.get(contact_id)
        except NetDeskError:  # deleted meanwhile
            self.show_contact(None)
            return
        introducer = ""
        if c.introduced_by:
            introducer = self.ctx.services.contacts.names([c.introduced_by]).get(
                c.introduced_by, ""
            )
        self.details.setHtml(contact_html(c, date.today(), introducer))
        pixmap = photo_pixmap(c.photo, 96)
        self.photo.setPixmap(pixmap)
        self.photo.setVisible(not pixmap.isNull())
        self._show_card_images(self.ctx.services.contacts.card_images(contact_id))
        self.editor.setEnabled(True)
        self.edit_button.setEnabled(True)
        self.editor.load(c)
        if self.timeline is not None:
            self.timeline.set_contact(contact_id)  # type: ignore[attr-defined]

    def _show_card_images(self, images: dict[str, Photo]) -> None:
        while self.card_row.count():
            item = self.card_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for side in ("card_front", "card_back"):
            image = images.get(side)
            pixmap = photo_pixmap(image, 160)
            if pixmap.isNull():
                continue
            label = QLabel()
            label.setPixmap(pixmap)
            label.setToolTip("Business card, front" if side == "card_front" else "back")
            label.setObjectName(side)
            self.card_row.addWidget(label)
        self.card_row.addStretch(1)
        self.card_images.setVisible(bool(images))

    def select_contact(self, contact_id: int) -> None:
        if contact_id != self.current_id and not self.editor.ask_keep_changes():
            return
        row = self.model.row_of(contact_id)
        if row is None:
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.tag_filter.blockSignals(True)
            self.tag_filter.setCurrentIndex(0)
            self.tag_filter.blockSignals(False)
            self.starred_only.blockSignals(True)
            self.starred_only.setChecked(False)
            self.starred_only.blockSignals(False)
            self.model.set_filter(search="", tag=None, starred_only=False)
            row = self.model.row_of(contact_id)
        self._reselecting = True
        try:
            if row is not None:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
        finally:
            self._reselecting = False
        self.show_contact(contact_id)

    def _activated(self) -> None:
        """Enter (or double-click) on a row opens the contact in the editor."""
        self.edit_current()

    def edit_current(self) -> None:
        if self.current_id is None:
            return
        self.side.setCurrentIndex(EDIT_TAB)
        first = self.editor.given_name
        self.editor.scroll.ensureWidgetVisible(first)
        first.setFocus()

    def _editor_saved(self, contact_id: int) -> None:
        self.current_id = contact_id

    def _editor_cancelled(self) -> None:
        self.side.setCurrentIndex(DETAILS_TAB)
        self.table.setFocus()

    def _dirty_changed(self, dirty: bool) -> None:
        self.side.setTabText(EDIT_TAB, "Edit •" if dirty else "Edit")

    def delete_selected(self) -> None:
        from netdesk.ui.features.contacts import delete_contacts

        ids = self.selected_ids()
        if not ids:
            return
        if self.current_id in ids and self.editor.is_dirty():
            self.editor.revert()
        delete_contacts(self.ctx, self, ids)

    def _link_clicked(self, url: QUrl) -> None:
        open_link(url, self)

    def on_change(self, change: Change) -> None:
        if not (change.everything or change.contacts):
            return
        # Membership or order may have changed (a rename, a delete): re-run the query in SQL
        # and keep the selection on the same contact.
        selected = self.selected_ids()
        self.reload_tags()
        self.model.reload()
        self._reselecting = True
        try:
            for cid in selected:
                row = self.model.row_of(cid)
                if row is not None:
                    self.table.selectRow(row)
        finally:
            self._reselecting = False
        if self.current_id is None:
            return
        if self.model.row_of(self.current_id) is None and not self._still_exists(self.current_id):
            if self.editor.is_dirty():
                self.editor.revert()
            self.show_contact(None)
        elif change.everything or self.current_id in change.contacts:
            if self.editor.is_dirty():
                self.editor.status.setText("This contact changed elsewhere; saving overwrites.")
            else:
                self.show_contact(self.current_id)

    def _still_exists(self, contact_id: int) -> bool:
        return bool(self.ctx.services.contacts.summaries([contact_id]))

    def on_activated(self) -> None:
        self.search.setFocus()

    def _remember_sort(self, *_args: object) -> None:
        settings = self.ctx.services.settings
        state = settings.ui_state()
        with contextlib.suppress(OSError):  # a convenience; never in the way
            settings.save_ui_state(
                replace(
                    state,
                    contact_sort=self.model.sort_key,
                    contact_sort_desc=self.model.descending,
                )
            )

    def save_layout(self) -> None:
        settings = self.ctx.services.settings
        state = settings.ui_state()
        splitters = dict(state.splitters)
        splitters["contacts"] = bytes(self.splitter.saveState().toBase64().data()).decode()
        with contextlib.suppress(OSError):
            settings.save_ui_state(replace(state, splitters=splitters))

    # ------------------------------------------------------------ window hooks
    def install_window_hooks(self, window: QWidget) -> None:
        """Unsaved edits are never lost by closing the window: ask first."""
        window.installEventFilter(_CloseGuard(self))


class _CloseGuard(QObject):
    def __init__(self, view: ContactsView) -> None:
        super().__init__(view)
        self.view = view

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            if not self.view.editor.ask_keep_changes():
                event.ignore()
                return True
            self.view.save_layout()
        return False
