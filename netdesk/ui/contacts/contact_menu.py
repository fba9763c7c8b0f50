"""The Contact menu's entries: New contact… (Ctrl+N), Delete contact (Del) and Star / unstar
(Ctrl+D), the last two acting on the contacts view's selection."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence

from netdesk.core.model import Contact
from netdesk.ui.common.file_menu import insert_action
from netdesk.ui.common.host import FeatureHost
from netdesk.ui.contacts.commands import toggle_star
from netdesk.ui.contacts.editor import NewContactDialog
from netdesk.ui.contacts.view import BENCH_ENV, ContactsView


def new_contact(window: FeatureHost, draft: Contact | None = None) -> NewContactDialog:
    """Open the new-contact dialog (non-blocking); the view selects the contact once saved."""
    dialog = NewContactDialog(window.ctx, window, draft)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    view = window.views.get("contacts")

    def created(_result: int) -> None:
        if dialog.created_id is not None:
            window.open_contact(dialog.created_id)

    dialog.finished.connect(created)
    # "Open that contact" from the duplicate warning: show it behind the dialog, whose
    # typing is kept until the user saves or discards it
    dialog.editor.open_contact_requested.connect(window.open_contact)
    dialog.open()
    if isinstance(view, ContactsView):
        view.last_dialog = dialog
    return dialog


class ContactsFeature:
    """Contact menu entries; Delete and Star act on the contacts view's selection."""

    def __init__(self, window: FeatureHost, view: ContactsView) -> None:
        self.window = window
        self.view = view
        #: the last new-contact dialog opened (tests and the duplicate warning look at it)
        self.new_contact_dialog: NewContactDialog | None = None
        ctx = window.ctx
        menu = window.contact_menu
        first = menu.actions()[0] if menu.actions() else None

        new_action = QAction("&New contact…", window)
        new_action.setShortcut(QKeySequence.StandardKey.New)
        new_action.setToolTip("New contact (Ctrl+N)")
        new_action.triggered.connect(lambda: self.new_contact())
        window.addAction(new_action)

        # Delete and Star only make sense on the list: their shortcuts live on the contacts
        # view so that Delete in a text field, or in another view, keeps its usual meaning.
        delete_action = QAction("&Delete contact", view)
        delete_action.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        delete_action.triggered.connect(view.delete_selected)
        view.table.addAction(delete_action)

        star_action = QAction("&Star / unstar", view)
        star_action.setShortcut(QKeySequence("Ctrl+D"))
        star_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        star_action.triggered.connect(lambda: toggle_star(ctx, view.selected_ids()))
        view.addAction(star_action)

        insert_action(menu, first, new_action)
        insert_action(menu, first, delete_action)
        insert_action(menu, first, star_action)
        if first is not None:
            menu.insertSeparator(first)
        self.new_action = new_action
        self.delete_action = delete_action
        self.star_action = star_action

        menu.aboutToShow.connect(self.update_enabled)
        view.table.selectionModel().selectionChanged.connect(lambda *_: self.update_enabled())
        view.model.modelReset.connect(self.update_enabled)
        window.nav_list.currentRowChanged.connect(lambda *_: self.update_enabled())
        ctx.nav.new_contact.connect(lambda: self.new_contact())
        view.install_window_hooks(window)
        self.update_enabled()
        if os.environ.get(BENCH_ENV) == "1":  # benchmarks/contacts_bench.py: open on the list
            QTimer.singleShot(0, lambda: window.show_view("contacts"))

    def update_enabled(self) -> None:
        has = bool(self.view.selected_ids()) and self.window.view_key() == "contacts"
        self.delete_action.setEnabled(has)
        self.star_action.setEnabled(has)

    def new_contact(self, draft: Contact | None = None) -> NewContactDialog:
        self.new_contact_dialog = new_contact(self.window, draft)
        return self.new_contact_dialog
