"""Adding actions to the File menu above Quit (which stays last), as features do, and to any
menu before a given action."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu


def insert_action(menu: QMenu, before: QAction | None, action: QAction) -> None:
    """``action`` into ``menu`` before ``before``, or at the end when it is None."""
    if before is None:
        menu.addAction(action)
    else:
        menu.insertAction(before, action)


def insert_separator(menu: QMenu, before: QAction | None) -> None:
    if before is None:
        menu.addSeparator()
    else:
        menu.insertSeparator(before)


class FileMenuAdder:
    """``add(text, slot, shortcut=None)`` puts an action into the window's File menu before
    Quit, with its shortcut in the tooltip, and makes the window own it."""

    def __init__(self, window: QMainWindow, menu: QMenu) -> None:
        self.window = window
        self.menu = menu
        actions = menu.actions()
        #: the action the new ones go before (Quit), None on an empty menu
        self.before: QAction | None = actions[-1] if actions else None

    def __call__(
        self, text: str, slot: Callable[[], object], shortcut: str | None = None
    ) -> QAction:
        a = QAction(text, self.window)
        if shortcut:
            a.setShortcut(QKeySequence(shortcut))
            a.setToolTip(f"{text.replace('&', '').rstrip('…')} ({shortcut})")
        a.triggered.connect(slot)
        self.window.addAction(a)
        insert_action(self.menu, self.before, a)
        return a

    def separator(self) -> None:
        """A separator before Quit."""
        insert_separator(self.menu, self.before)


def file_menu_adder(window: QMainWindow, menu: QMenu) -> FileMenuAdder:
    """An adder for ``menu`` (the window's File menu) that inserts before its last action."""
    return FileMenuAdder(window, menu)
