"""Soak driver, run as its own process by tests/gui/shell/test_soak.py (an abort of the interpreter
must fail one test, not take the whole suite down).

Builds the real main window on a database filled with generated contacts, then presses Down
through the contact list (Ctrl+Home at the end) ``--presses`` times: every press selects a
contact, which fills the details pane, the editor and the contact's timeline, about a hundred
void Qt calls (``setText``, ``setEnabled``, ``setVisible``…) per press. Every 200 presses it
also goes through the other views and back. Prints one JSON line: presses, seconds, and
``sys.getrefcount(None)`` before and after (``None`` is immortal from Python 3.12 on).

PySide6 6.12.0 on Python 3.11 loses about 100 references to ``None`` per press here and aborts
the interpreter ("none_dealloc") after some 460 presses.

    python tests/gui/soak_window.py DB_PATH --presses 600
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("--presses", type=int, default=600)
    parser.add_argument("--contacts", type=int, default=150)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from netdesk.services.container import Services
    from netdesk.services.demo import fill_demo
    from netdesk.settings import SettingsStore
    from netdesk.ui.contacts.view import ContactsView
    from netdesk.ui.shell.application import build_context, create_application
    from netdesk.ui.shell.main_window import MainWindow

    services = Services.open(args.db, SettingsStore(args.db.parent / "config"))
    fill_demo(services.db, contacts=args.contacts, interactions=args.contacts * 4)
    app = create_application()
    ctx = build_context(services)
    window = MainWindow(ctx)
    window.show()
    window.show_view("contacts")
    view = window.views["contacts"]
    assert isinstance(view, ContactsView)
    table = view.table
    QApplication.processEvents()
    rows = view.model.rowCount()
    assert rows == args.contacts, f"{rows} rows in the contact list"
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    table.setFocus()
    table.selectRow(0)
    QApplication.processEvents()
    before = sys.getrefcount(None)
    started = time.monotonic()
    presses = 0
    shown: set[int] = {view.current_id} if view.current_id is not None else set()
    while presses < args.presses:
        if table.currentIndex().row() >= rows - 1:
            QTest.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
        else:
            QTest.keyClick(table, Qt.Key.Key_Down)
        presses += 1
        if view.current_id is not None:
            shown.add(view.current_id)
        if presses % 200 == 0:
            for key in ("today", "timeline", "cards", "contacts"):
                window.show_view(key)
                QApplication.processEvents()
            table.setFocus()
        if presses % 20 == 0:
            app.processEvents()
    seconds = time.monotonic() - started
    after = sys.getrefcount(None)
    ctx.worker.shutdown()
    window.close()
    services.close()
    print(
        json.dumps(
            {
                "python": sys.version.split()[0],
                "pyside6": pyside_version,
                "presses": presses,
                "contacts_shown": len(shown),
                "seconds": round(seconds, 1),
                "none_before": before,
                "none_after": after,
            }
        ),
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
