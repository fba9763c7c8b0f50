"""What a feature may ask of the window it plugs into.

The shell's ``MainWindow`` is a :class:`FeatureHost`; features (contacts, timeline,
interchange, reliability, jobsearch, sync) are typed against this class, never against the
shell, so that a feature room depends on ``common`` only and the shell composes them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QListWidget, QMainWindow, QMenu, QStackedWidget, QWidget

from netdesk.ui.common.context import UiContext


class FeatureHost(QMainWindow):
    """The main window as features see it: the context, the views by key, the navigation
    and the menus, and a few requests (show a view, open a contact)."""

    ctx: UiContext
    #: the views by navigation key ("today", "contacts", ...)
    views: dict[str, QWidget]
    nav_list: QListWidget
    stack: QStackedWidget
    file_menu: QMenu
    edit_menu: QMenu
    view_menu: QMenu
    contact_menu: QMenu

    def view_key(self) -> str:
        raise NotImplementedError

    def show_view(self, key: str) -> None:
        raise NotImplementedError

    def open_contact(self, contact_id: int) -> None:
        raise NotImplementedError

    def selected_contact_ids(self) -> list[int]:
        """The contacts the user is looking at: the Today selection or the contacts list's."""
        raise NotImplementedError

    def window_action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: str | QKeySequence.StandardKey | None = None,
        icon: QIcon | None = None,
    ) -> QAction:
        """An action the window owns (its shortcut works in every view), with its shortcut
        in the tooltip."""
        action = QAction(text, self)
        if icon is not None:
            action.setIcon(icon)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setToolTip(
                f"{text.replace('&', '').rstrip('…')} "
                f"({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
            )
        action.triggered.connect(slot)
        self.addAction(action)
        return action
