"""Contacts: a searchable list over the whole address book (rows a person scans, or a table
with the columns the user chose), with the contact page beside it: header, quick actions,
details, how they met, keep-in-touch state and the conversation history; the editor takes the
page's place while editing."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QItemSelection, QObject, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.errors import NetDeskError
from netdesk.core.model import Change, Photo
from netdesk.ui.common.context import UiContext
from netdesk.ui.common.links import open_link
from netdesk.ui.common.roles import Role
from netdesk.ui.common.safe_text import escape
from netdesk.ui.contacts.editor import ContactEditor, photo_pixmap
from netdesk.ui.contacts.model import ContactTableModel
from netdesk.ui.contacts.page import (
    AVATAR,
    CONTACT_SCHEME,
    ROW_HEIGHT,
    ContactPage,
    ContactRowDelegate,
    details_html,
    round_pixmap,
)

SEARCH_DEBOUNCE_MS = 150
#: the contact list is never narrower than this (names, companies and dates need the room)
MIN_LIST_WIDTH = 360
#: while the editor is open the list may narrow to this, so that the form is not clipped
EDITING_LIST_WIDTH = 220
ALL_TAGS = "All tags"
#: set to 1 to open on the contact list and print "first-rows-painted <rows> <peak RSS KiB>"
#: once its table has painted rows (and quit when NETDESK_BENCH_QUIT=1); the benchmark
#: (benchmarks/contacts_bench.py) times the process from its launch to that line
BENCH_ENV = "NETDESK_BENCH_FIRST_PAINT"

DETAILS_TAB, EDIT_TAB = 0, 1
NO_SELECTION = (
    "<p>Select a contact to see the details and edit them, or press Ctrl+N to add one.</p>"
)


def _import_paths(event: QDragEnterEvent | QDropEvent) -> list[str]:
    """Local vCard and CSV files carried by a drag (the import's own rule)."""
    from netdesk.ui.interchange.feature import vcard_paths

    return vcard_paths(event)


def _timeline_class() -> Any:
    """The per-contact timeline widget, when that module is available (built separately)."""
    try:
        from netdesk.ui.timeline.contact_timeline import ContactTimeline
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
        self.mode_button = QToolButton()
        self.mode_button.setText("Table")
        self.mode_button.setCheckable(True)
        self.mode_button.setToolTip(
            "Show the contacts as a table; right-click its header to choose the columns"
        )
        self.new_button = QPushButton("New contact")
        self.new_button.setToolTip("New contact (Ctrl+N)")
        self.new_button.setAutoDefault(False)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.starred_only)
        top.addWidget(self.tag_filter)
        top.addWidget(self.count_label)
        top.addWidget(self.mode_button)
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

        # list mode: one rich row per contact (a delegate); table mode: chosen columns
        self._avatars: dict[int, QPixmap | None] = {}
        self._avatar_wanted: set[int] = set()
        self._avatar_timer = QTimer(self)
        self._avatar_timer.setSingleShot(True)
        self._avatar_timer.setInterval(0)
        self._avatar_timer.timeout.connect(self._load_avatars)
        self.row_delegate = ContactRowDelegate(self._avatar_for, self.table)
        self.plain_delegate = QStyledItemDelegate(self.table)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        header = self.table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        self.columns = tuple(state.contact_columns) or ("name",)
        self.drop_hint = QLabel(
            "Drop vCard (.vcf) or CSV files here to import them", self.table.viewport()
        )
        self.drop_hint.setObjectName("dropHint")
        self.drop_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_hint.setWordWrap(True)
        self.drop_hint.hide()
        self.table.viewport().setAcceptDrops(True)
        self.table.viewport().installEventFilter(self)

        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty_label)

        # the contact page (header, quick actions, details, history) and the editor, in place
        self.page = ContactPage()
        self.details = self.page.details
        self.photo = self.page.avatar
        self.card_images = self.page.card_images
        self.card_row = self.page.card_row
        self.edit_button = self.page.edit_button
        self.details.anchorClicked.connect(self._link_clicked)
        self.page.edit_requested.connect(self.edit_current)
        self.page.log_requested.connect(lambda: self._log([]))
        self.page.follow_up_requested.connect(self.add_follow_up)
        self.page.star_requested.connect(self._star_current)
        self.page.link_requested.connect(lambda link: open_link(link, self))

        self.editor = ContactEditor(ctx)
        self.side = QTabWidget()
        self.side.addTab(self.page, "Details")
        self.side.addTab(self.editor, "Edit")
        self.side.tabBar().hide()  # one page to read; the editor replaces it while editing
        self.side.setDocumentMode(True)
        self.timeline: QWidget | None = None
        timeline_cls = _timeline_class()
        if timeline_cls is not None:
            self.timeline = timeline_cls(ctx)
            self.page.add_history(self.timeline)

        splitter = QSplitter()
        splitter.addWidget(self.list_stack)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self.list_stack.setMinimumWidth(EDITING_LIST_WIDTH)
        self._shown_once = False
        splitter.setSizes([3000, 2000])  # the list gets the larger share (3:2)
        if state.splitters.get("contacts"):
            splitter.restoreState(QByteArray.fromBase64(state.splitters["contacts"].encode()))
            sizes = splitter.sizes()
            if len(sizes) != 2 or sizes[0] < MIN_LIST_WIDTH or sizes[1] <= 0:
                # a layout saved before the view was ever laid out: not the user's choice
                splitter.setSizes([3000, 2000])

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
        self.model.modelReset.connect(self._follow_selection)
        self.mode_button.toggled.connect(self.set_table_mode)
        self._sizes_before_edit: list[int] = []
        self.side.currentChanged.connect(self._side_changed)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._remember_sort)
        self.new_button.clicked.connect(ctx.nav.new_contact)
        self.editor.saved.connect(self._editor_saved)
        self.editor.open_contact_requested.connect(self.select_contact)
        self.editor.cancelled.connect(self._editor_cancelled)
        self.editor.dirty_changed.connect(self._dirty_changed)
        ctx.bus.changed.connect(self.on_change)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        for key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
            # setContext, not a context= keyword: PySide6 ignores the keyword with a callable
            # and the shortcut took Down from the whole window (the list could not be walked).
            to_list = QShortcut(QKeySequence(key), self.search, self._search_to_list)
            to_list.setContext(Qt.ShortcutContext.WidgetShortcut)

        self.current_id: int | None = None
        self._reselecting = False
        #: a change came while the view was hidden: reload when it is shown
        self._stale = False
        self.page.show_contact(None, NO_SELECTION)
        self.editor.setEnabled(False)
        if os.environ.get(BENCH_ENV) == "1":
            self.table.viewport().installEventFilter(_FirstPaintProbe(self))
        self.reload_tags()
        self.model.reload()
        self._update_count()
        self.mode_button.setChecked(state.contact_list_mode == "table")
        self.set_table_mode(state.contact_list_mode == "table")
        QWidget.setTabOrder(self.search, self.starred_only)
        QWidget.setTabOrder(self.starred_only, self.tag_filter)
        QWidget.setTabOrder(self.tag_filter, self.new_button)
        QWidget.setTabOrder(self.new_button, self.table)
        QWidget.setTabOrder(self.table, self.side)

    # ------------------------------------------------------------ list and table
    def set_table_mode(self, table: bool) -> None:
        """The list as rows a person scans (avatar, name, title and company, tags, next
        touch), or as a table with the columns the user chose."""
        keys = [key for key, _ in ContactTableModel.COLUMNS]
        header = self.table.horizontalHeader()
        for col, key in enumerate(keys):
            self.table.setColumnHidden(col, not (col == 0 or (table and key in self.columns)))
        self.table.setItemDelegateForColumn(0, self.plain_delegate if table else self.row_delegate)
        header.setVisible(table)
        self.table.verticalHeader().setDefaultSectionSize(26 if table else ROW_HEIGHT)
        self.table.setShowGrid(table)
        self.table.setAlternatingRowColors(table)
        self.table.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded if table else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        if self.mode_button.isChecked() != table:
            self.mode_button.setChecked(table)
        self._remember(contact_list_mode="table" if table else "list")

    def set_columns(self, columns: Sequence[str]) -> None:
        self.columns = ("name", *[c for c in columns if c != "name"])
        self.set_table_mode(self.mode_button.isChecked())
        self._remember(contact_columns=self.columns)

    def _column_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for key, title in ContactTableModel.COLUMNS[1:]:
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(key in self.columns)
            action.toggled.connect(
                lambda on, k=key: self.set_columns(
                    [c for c in self.columns if c != k] + ([k] if on else [])
                )
            )
        menu.popup(self.table.horizontalHeader().mapToGlobal(pos))
        self.last_menu = menu

    def _remember(self, **changes: Any) -> None:
        settings = self.ctx.services.settings
        state = settings.ui_state()
        if any(getattr(state, k) != v for k, v in changes.items()):
            with contextlib.suppress(OSError):  # a convenience; never in the way
                settings.save_ui_state(replace(state, **changes))

    def _avatar_for(self, contact_id: int) -> QPixmap | None:
        """The contact's photo as a round avatar, loaded for the rows on screen only."""
        if contact_id in self._avatars:
            return self._avatars[contact_id]
        self._avatar_wanted.add(contact_id)
        self._avatar_timer.start()
        return None

    def _load_avatars(self) -> None:
        ids = sorted(self._avatar_wanted - self._avatars.keys())
        self._avatar_wanted.clear()
        if not ids:
            return
        photos = self.ctx.services.contacts.photos(ids)
        for cid in ids:
            pixmap = photo_pixmap(photos.get(cid), AVATAR * 2)
            self._avatars[cid] = None if pixmap.isNull() else round_pixmap(pixmap, AVATAR)
        if any(self._avatars[cid] is not None for cid in ids):
            self.table.viewport().update()

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        if not self.table.selectionModel().isRowSelected(index.row(), index.parent()):
            self.table.selectRow(index.row())
        ids = self.selected_ids()
        if not ids:
            return
        from netdesk.ui.contacts.feature import delete_contacts, toggle_star

        one = len(ids) == 1 and self.current_id == ids[0]
        menu = QMenu(self)
        menu.addAction("Open", lambda: self.select_contact(ids[0]))
        menu.addAction("Log interaction…", lambda: self._log(ids))
        email = menu.addAction("Email", lambda: open_link(self.page.link_for("email") or "", self))
        email.setEnabled(one and self.page.link_for("email") is not None)
        call = menu.addAction("Call", lambda: open_link(self.page.link_for("phone") or "", self))
        call.setEnabled(one and self.page.link_for("phone") is not None)
        menu.addSeparator()
        menu.addAction("Star / unstar", lambda: toggle_star(self.ctx, ids))
        menu.addAction("Add a tag…", lambda: self.tag_contacts(ids))
        menu.addSeparator()
        menu.addAction("Delete…", lambda: delete_contacts(self.ctx, self, ids))
        menu.popup(self.table.viewport().mapToGlobal(pos))
        self.last_menu = menu

    def tag_contacts(self, ids: Sequence[int], tag: str | None = None) -> bool:
        """Add a tag to these contacts (one undo step)."""
        from netdesk.ui.contacts.feature import SaveContactCommand

        if tag is None:
            text, ok = QInputDialog.getText(self, "Add a tag", "Tag for the selected contacts:")
            if not ok:
                return False
            tag = text
        tag = tag.strip()
        if not tag:
            return False
        contacts = self.ctx.services.contacts
        self.ctx.undo.beginMacro(f"Tag {len(ids)} contact{'s' if len(ids) != 1 else ''}")
        try:
            for c in contacts.get_many(ids, with_photo=False):
                if tag.lower() in (t.lower() for t in c.tags):
                    continue
                after = c.with_changes(tags=(*c.tags, tag))
                change = contacts.save(after, keep_photo_when_none=True)
                self.ctx.undo.push(SaveContactCommand(self.ctx, c, after))
                self.ctx.bus.publish(change)
        except NetDeskError as err:
            from netdesk.ui.common.errors import show_error

            show_error(self, "Could not add the tag", err)
            return False
        finally:
            self.ctx.undo.endMacro()
        self.ctx.nav.status.emit(f"Tagged {len(ids):,} contact{'s' if len(ids) != 1 else ''} "
                                 f"“{tag}” — Ctrl+Z undoes")  # fmt: skip
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """vCard and CSV files dragged over the list: a visible drop target, then import."""
        if watched is not self.table.viewport():
            return super().eventFilter(watched, event)
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragEnterEvent | QDropEvent)
            if _import_paths(event):
                event.acceptProposedAction()
                self.drop_hint.setGeometry(self.table.viewport().rect().adjusted(12, 12, -12, -12))
                self.drop_hint.setStyleSheet(
                    "QLabel#dropHint { border: 2px dashed palette(highlight); border-radius: 8px;"
                    " background: palette(base); color: palette(text); font-size: 14pt; }"
                )
                self.drop_hint.show()
                self.drop_hint.raise_()
                return True
        elif kind == QEvent.Type.DragLeave:
            self.drop_hint.hide()
        elif kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            self.drop_hint.hide()
            paths = _import_paths(event)
            if paths:
                event.acceptProposedAction()
                self.ctx.nav.import_files.emit(paths)
                return True
        return super().eventFilter(watched, event)

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
        if self.editor.is_dirty():
            # The list keeps showing the contact being edited until the user has decided.
            self._restore_selection()
            if not self.editor.ask_keep_changes():
                return
            self._select_row_quietly(cid)
        self.show_contact(cid)

    def _select_row_quietly(self, contact_id: int) -> None:
        self._reselecting = True
        try:
            row = self.model.row_of(contact_id)
            if row is not None:
                self.table.selectRow(row)
        finally:
            self._reselecting = False

    def _follow_selection(self) -> None:
        """After the list changed (a search, a filter): the details follow the list. The shown
        contact stays selected when it is still listed; otherwise the pane empties (an unsaved
        edit stays, with a word that the contact is no longer listed)."""
        if self.current_id is None or self._reselecting:
            return
        if self.model.contains(self.current_id):
            if not self.model.pending:
                self._select_row_quietly(self.current_id)
            return
        if self.editor.is_dirty():
            self.editor.status.setText(
                "This contact is not in the list now: save or revert the changes."
            )
            return
        self.show_contact(None)

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
            self.page.show_contact(None, NO_SELECTION)
            self._show_card_images({})
            self.editor.load(None)
            self.editor.setEnabled(False)
            self.side.setCurrentIndex(DETAILS_TAB)
            if self.timeline is not None:
                self.timeline.set_contact(None)  # type: ignore[attr-defined]
            return
        try:
            c = self.ctx.services.contacts.get(contact_id)
        except NetDeskError:  # deleted meanwhile
            self.show_contact(None)
            return
        contacts = self.ctx.services.contacts
        introducer = None
        if c.introduced_by:
            name = contacts.names([c.introduced_by]).get(c.introduced_by)
            introducer = (c.introduced_by, name) if name else None
        introduced = contacts.introduced(contact_id)
        self.page.show_contact(
            c, details_html(c, date.today(), introducer, introduced), photo_pixmap(c.photo, 144)
        )
        self._show_card_images(self.ctx.services.contacts.card_images(contact_id))
        self.editor.setEnabled(True)
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
        self._make_room_for_editor()
        self.side.setCurrentIndex(EDIT_TAB)
        first = self.editor.given_name
        self.editor.scroll.ensureWidgetVisible(first)
        first.setFocus()

    def _make_room_for_editor(self) -> None:
        """The editor needs more width than the page: the split moves while editing (the
        list keeps at least its minimum) and moves back afterwards."""
        body = self.editor.scroll.widget()
        need = (
            body.minimumSizeHint().width()
            + self.editor.scroll.verticalScrollBar().sizeHint().width()
            + 12
        )
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if len(sizes) == 2 and sizes[1] < need:
            self._sizes_before_edit = sizes
            side = min(need, total - EDITING_LIST_WIDTH)
            self.splitter.setSizes([total - side, side])

    def _side_changed(self, index: int) -> None:
        if index == DETAILS_TAB and self._sizes_before_edit:
            self.splitter.setSizes(self._sizes_before_edit)
            self._sizes_before_edit = []

    def _editor_saved(self, contact_id: int) -> None:
        self.current_id = contact_id

    def _editor_cancelled(self) -> None:
        self.side.setCurrentIndex(DETAILS_TAB)
        self.table.setFocus()

    def _dirty_changed(self, dirty: bool) -> None:
        self.side.setTabText(EDIT_TAB, "Edit •" if dirty else "Edit")

    def delete_selected(self) -> None:
        from netdesk.ui.contacts.feature import delete_contacts

        ids = self.selected_ids()
        if not ids:
            return
        if self.current_id in ids and self.editor.is_dirty():
            self.editor.revert()
        delete_contacts(self.ctx, self, ids)

    def _link_clicked(self, url: QUrl) -> None:
        if url.scheme() == CONTACT_SCHEME:
            with contextlib.suppress(ValueError):
                self.select_contact(int(url.path()))
            return
        open_link(url, self)

    def _log(self, ids: list[int]) -> None:
        chosen = ids or ([self.current_id] if self.current_id is not None else [])
        self.ctx.nav.log_interaction.emit(chosen)

    def add_follow_up(self) -> None:
        from netdesk.ui.timeline.follow_up import FollowUpDialog

        if self.current_id is None:
            return
        dialog = FollowUpDialog(self.ctx, [self.current_id], self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_dialog = dialog
        dialog.open()

    def _star_current(self) -> None:
        from netdesk.ui.contacts.feature import toggle_star

        if self.current_id is not None:
            toggle_star(self.ctx, [self.current_id])

    def on_change(self, change: Change) -> None:
        if not (change.everything or change.contacts):
            return
        if change.everything:
            self._avatars.clear()
        for cid in change.contacts:
            self._avatars.pop(cid, None)
        if not self.isVisible():  # reloaded when shown
            self._stale = True
            return
        self._reload(change)

    def _reload(self, change: Change) -> None:
        # Membership or order may have changed (a rename, a delete): when the change names
        # contacts, the model checks that in SQL and repaints only their rows if the list is
        # the same; otherwise (and for everything) the query runs again. The selection stays
        # on the same contacts.
        self._stale = False
        selected = self.selected_ids()
        self.reload_tags()
        if change.everything:
            self.model.reload()
        else:
            self.model.update_rows(change.contacts)
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
                self.editor.status.setText(
                    "This contact changed elsewhere; saving merges your changes into it."
                )
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

    def showEvent(self, event: Any) -> None:
        self._shown_once = True
        if self._stale:  # changes came while the view was hidden
            self._reload(Change(everything=True))
        super().showEvent(event)

    def save_layout(self) -> None:
        """Remember the list/details split, once the user has seen (and could change) it."""
        if not self._shown_once or self.splitter.sizes()[0] < MIN_LIST_WIDTH:
            return
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
