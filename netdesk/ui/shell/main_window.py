"""The main window: navigation between Today, Contacts, Timeline and Card entry, menus with
shortcuts, status bar, remembered geometry."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QWidget,
)

from netdesk import __version__
from netdesk.core.model import Change
from netdesk.ui.common.context import UiContext

if TYPE_CHECKING:
    from netdesk.settings import SettingsStore

VIEWS: tuple[tuple[str, str, str, QStyle.StandardPixmap], ...] = (
    ("today", "Today", "Ctrl+1", QStyle.StandardPixmap.SP_DialogApplyButton),
    ("contacts", "Contacts", "Ctrl+2", QStyle.StandardPixmap.SP_DirHomeIcon),
    ("timeline", "Timeline", "Ctrl+3", QStyle.StandardPixmap.SP_FileDialogDetailedView),
    ("cards", "Card entry", "Ctrl+4", QStyle.StandardPixmap.SP_FileDialogNewFolder),
    ("duplicates", "Duplicates", "Ctrl+5", QStyle.StandardPixmap.SP_FileDialogContentsView),
)

MENU_TITLES = ("&File", "&Edit", "&View", "&Contact", "&Help")


class MainWindow(QMainWindow):
    """``MainWindow(ctx)`` builds the whole window. At start-up the app first shows
    ``MainWindow(settings=...)`` (title, remembered size, "Opening…"), which paints before the
    database layer has even been imported, then calls :meth:`attach` with the context."""

    def __init__(
        self, ctx: UiContext | None = None, *, settings: SettingsStore | None = None
    ) -> None:
        super().__init__()
        self.setWindowTitle("NetDesk")
        self.setMinimumSize(QSize(760, 480))
        self._attached = False
        if ctx is not None:
            self.attach(ctx)
        else:
            self._show_opening(settings)

    def _show_opening(self, settings: SettingsStore | None) -> None:
        # The same frame as the finished window (menu titles, navigation, content area), so
        # nothing jumps when the views arrive; only the content says it is still opening.
        for title in MENU_TITLES:
            self.menuBar().addMenu(title).setEnabled(False)
        nav = self._navigation()
        nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for n in range(nav.count()):
            nav.item(n).setFlags(Qt.ItemFlag.NoItemFlags)  # greyed until the views exist
        label = QLabel("Opening your contacts…")
        label.setObjectName("opening")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setEnabled(False)  # drawn in the muted text colour
        self._set_frame(nav, label)
        self.statusBar()
        geometry = ""
        if settings is not None:
            with contextlib.suppress(OSError, ValueError):
                geometry = settings.ui_state().geometry
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode()))
        else:
            self.resize(1180, 760)

    def _navigation(self) -> QListWidget:
        """The list of views on the left, the same in the opening and the finished window."""
        nav = QListWidget()
        nav.setIconSize(QSize(20, 20))
        nav.setFixedWidth(170)
        nav.setFrameShape(QListWidget.Shape.NoFrame)
        for _key, label, _shortcut, icon in VIEWS:
            item = QListWidgetItem(self.style().standardIcon(icon), label)
            item.setSizeHint(QSize(160, 36))
            nav.addItem(item)
        return nav

    def _set_frame(self, nav: QWidget, content: QWidget) -> None:
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(nav)
        row.addWidget(content, 1)
        self.setCentralWidget(central)

    def attach(self, ctx: UiContext) -> None:
        """Build the views, menus and features over an open database."""
        from netdesk.ui.cards.view import CardEntryView
        from netdesk.ui.contacts.view import ContactsView
        from netdesk.ui.duplicates.view import DuplicatesView
        from netdesk.ui.timeline.view import TimelineView
        from netdesk.ui.today.view import TodayView

        self.ctx = ctx
        self.nav_list = self._navigation()
        self.nav_list.setObjectName("navigation")
        self.stack = QStackedWidget()
        self.views: dict[str, QWidget] = {
            "today": TodayView(ctx),
            "contacts": ContactsView(ctx),
            "timeline": TimelineView(ctx),
            "cards": CardEntryView(ctx),
            "duplicates": DuplicatesView(ctx),
        }
        for n, (key, label, shortcut, _icon) in enumerate(VIEWS):
            item = self.nav_list.item(n)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(f"{label} ({shortcut})")
            self.stack.addWidget(self.views[key])
        self._set_frame(self.nav_list, self.stack)
        self.nav_list.currentRowChanged.connect(self._nav_changed)

        self._build_menus()
        from netdesk.ui.shell.features import install_all

        install_all(self)
        self.statusBar().showMessage("Ready", 2000)
        ctx.nav.show_view.connect(self.show_view)
        ctx.nav.open_contact.connect(self.open_contact)
        ctx.nav.log_interaction.connect(self.log_interaction)
        ctx.nav.status.connect(lambda text: self.statusBar().showMessage(text, 5000))
        ctx.nav.load_demo.connect(self.try_demo)
        ctx.bus.changed.connect(self._on_change)
        self._data_version = self._read_data_version()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.applicationStateChanged.connect(self._application_state_changed)
        self._restore_state()
        self._attached = True
        self._update_badges()
        duplicates = self.views["duplicates"]
        assert isinstance(duplicates, DuplicatesView)
        duplicates.count_changed.connect(self._duplicates_badge)
        duplicates.start_background_scan()

    # ------------------------------------------------------------------ menus
    def _action(
        self,
        text: str,
        slot: object,
        shortcut: str | QKeySequence.StandardKey | None = None,
        icon: QIcon | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if icon is not None:
            action.setIcon(icon)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setToolTip(
                f"{text.replace('&', '').rstrip('…')} "
                f"({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
            )
        action.triggered.connect(slot)  # type: ignore[arg-type]
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()  # the opening window's placeholder titles
        file_title, edit_title, view_title, contact_title, help_title = MENU_TITLES
        self.file_menu = bar.addMenu(file_title)
        self.file_menu.addAction(self._action("&Quit", self.close, QKeySequence.StandardKey.Quit))
        edit = bar.addMenu(edit_title)
        undo = self.ctx.undo.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.ctx.undo.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.StandardKey.Redo])
        edit.addAction(undo)
        edit.addAction(redo)
        edit.addSeparator()
        edit.addAction(self._action("&Find…", self.find, QKeySequence.StandardKey.Find))
        self.edit_menu = edit
        view = bar.addMenu(view_title)
        for key, label, shortcut, _icon in VIEWS:
            view.addAction(self._action(label, lambda _=False, k=key: self.show_view(k), shortcut))
        view.addSeparator()
        view.addAction(self._action("&Refresh", self.refresh_all, QKeySequence.StandardKey.Refresh))
        self.contact_menu = bar.addMenu(contact_title)
        self.contact_menu.addAction(
            self._action("&Log interaction…", lambda: self.log_interaction([]), "Ctrl+L")
        )
        help_menu = bar.addMenu(help_title)
        help_menu.addAction(
            self._action(
                "&Keyboard shortcuts", self.show_shortcuts, QKeySequence.StandardKey.HelpContents
            )
        )
        help_menu.addAction(self._action("&About NetDesk", self.about))

    # ------------------------------------------------------------- navigation
    def view_key(self) -> str:
        item = self.nav_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else "today"

    def show_view(self, key: str) -> None:
        for n in range(self.nav_list.count()):
            if self.nav_list.item(n).data(Qt.ItemDataRole.UserRole) == key:
                self.nav_list.setCurrentRow(n)
                return

    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        key = self.nav_list.item(row).data(Qt.ItemDataRole.UserRole)
        view = self.views[key]
        self.stack.setCurrentWidget(view)
        activated = getattr(view, "on_activated", None)
        if activated:
            activated()

    def open_contact(self, contact_id: int) -> None:
        from netdesk.ui.contacts.view import ContactsView

        self.show_view("contacts")
        contacts = self.views["contacts"]
        assert isinstance(contacts, ContactsView)
        contacts.select_contact(contact_id)

    def find(self) -> None:
        if self.view_key() not in ("contacts", "timeline"):
            self.show_view("contacts")
        view = self.stack.currentWidget()
        focus = getattr(view, "focus_search", None)
        if focus:
            focus()
        elif hasattr(view, "search"):
            view.search.setFocus()

    def log_interaction(self, contact_ids: list[int]) -> None:
        from netdesk.ui.contacts.view import ContactsView
        from netdesk.ui.timeline.quick_log import QuickLogDialog

        if not contact_ids and self.view_key() == "contacts":
            contacts = self.views["contacts"]
            assert isinstance(contacts, ContactsView)
            contact_ids = contacts.selected_ids()
        QuickLogDialog(self.ctx, contact_ids, self).exec()

    def load_demo(self) -> None:
        """Fill this (demo) database with generated data (``netdesk --demo``)."""
        from netdesk.ui.common.tasks import run_demo_fill

        run_demo_fill(self)

    def try_demo(self) -> None:
        """ "Try the demo data": generated data never goes into the user's own database. On
        the demo database it is filled here; otherwise NetDesk opens the demo database in a
        window of its own, as ``netdesk --demo`` does."""
        from netdesk.ui.common.tasks import demo_db_path, open_demo_window

        assert self.ctx is not None
        if self.ctx.services.db.path.resolve() == demo_db_path().resolve():
            self.load_demo()
            return
        if open_demo_window():
            self.statusBar().showMessage(
                "Opening the demo data in a window of its own; your contacts are untouched", 8000
            )
        else:
            self.statusBar().showMessage("Could not start NetDesk with the demo data", 8000)

    def _on_change(self, _change: Change) -> None:
        self._update_badges()

    # ---------------------------------------------------------------- refresh
    def _read_data_version(self) -> int | None:
        try:
            return self.ctx.services.db.data_version()
        except Exception:  # a refresh hint only; never in the user's way
            return None

    def refresh_all(self) -> None:
        """Reload every view from the database (F5): shows what the CLI or another process
        wrote meanwhile."""
        self._data_version = self._read_data_version()
        self.ctx.bus.publish(Change(everything=True))
        self.statusBar().showMessage("Refreshed", 2000)

    def refresh_if_changed_elsewhere(self) -> bool:
        version = self._read_data_version()
        if version is None or version == self._data_version:
            return False
        self.refresh_all()
        return True

    def _application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.refresh_if_changed_elsewhere()

    def _update_badges(self) -> None:
        from netdesk.ui.today.view import TodayView

        today = self.views["today"]
        assert isinstance(today, TodayView)
        n = today.due_count()
        item = self.nav_list.item(0)
        item.setText(f"Today  ({n})" if n else "Today")

    def _duplicates_badge(self, n: int) -> None:
        for row in range(self.nav_list.count()):
            item = self.nav_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == "duplicates":
                item.setText(f"Duplicates  ({n})" if n else "Duplicates")

    # ------------------------------------------------------------------- help
    def show_shortcuts(self) -> None:
        rows = []
        for action in self.findChildren(QAction):
            if action.shortcut().isEmpty() or not action.text():
                continue
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            rows.append((action.text().replace("&", ""), keys))
        extra = [
            ("Save a form (card, interaction, contact)", "Ctrl+Enter"),
            ("Cancel an edit or close a dialog", "Esc"),
        ]
        text = "".join(
            f"<tr><td>{name}</td><td>&nbsp;&nbsp;<b>{keys}</b></td></tr>"
            for name, keys in sorted(set(rows)) + extra
        )
        QMessageBox.information(self, "Keyboard shortcuts", f"<table>{text}</table>")

    def about(self) -> None:
        QMessageBox.about(
            self,
            "About NetDesk",
            f"<h3>NetDesk {__version__}</h3><p>Keep your professional network warm.</p>"
            f"<p>Database: {self.ctx.services.db.path}</p>",
        )

    # ------------------------------------------------------------------ state
    def _restore_state(self) -> None:
        from netdesk.ui.today.view import TodayView

        state = self.ctx.services.settings.ui_state()
        if state.geometry:
            self.restoreGeometry(QByteArray.fromBase64(state.geometry.encode()))
        else:
            self.resize(1180, 760)
        if state.window_state:
            self.restoreState(QByteArray.fromBase64(state.window_state.encode()))
        today = self.views["today"]
        assert isinstance(today, TodayView)
        start = (
            "today" if today.due_count() or state.last_view not in self.views else (state.last_view)
        )
        self.show_view(start)

    def save_state(self) -> None:
        settings = self.ctx.services.settings
        state = settings.ui_state()
        settings.save_ui_state(
            replace(
                state,
                geometry=bytes(self.saveGeometry().toBase64().data()).decode(),
                window_state=bytes(self.saveState().toBase64().data()).decode(),
                last_view=self.view_key(),
            )
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._attached:  # closed while still opening: nothing to remember yet
            event.accept()
            return
        with contextlib.suppress(OSError):  # window state is a convenience; never block closing
            self.save_state()
        event.accept()


def active_main_window() -> MainWindow | None:
    for w in QApplication.topLevelWidgets():
        if isinstance(w, MainWindow):
            return w
    return None
