"""Adding actions to the File menu above Quit (which stays last), as features do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction, QKeySequence


def file_menu_adder(window: Any) -> Callable[..., QAction]:
    """A function ``add(text, slot, shortcut=None)`` that puts an action into the window's
    File menu before Quit, with its shortcut in the tooltip, and makes the window own it."""
    menu = window.file_menu
    actions = menu.actions()
    before = actions[-1] if actions else None

    def add(text: str, slot: Any, shortcut: str | None = None) -> QAction:
        a = QAction(text, window)
        if shortcut:
            a.setShortcut(QKeySequence(shortcut))
            a.setToolTip(f"{text.replace('&', '').rstrip('…')} ({shortcut})")
        a.triggered.connect(slot)
        window.addAction(a)
        menu.insertAction(before, a)
        return a

    add.before = before  # type: ignore[attr-defined]
    return add
