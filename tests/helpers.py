"""Builders shared by tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from netdesk.core.dates import PartialDate
from netdesk.core.model import Address, Contact, Email, Phone, Url


def rich_contact(**changes: object) -> Contact:
    c = Contact(
        display_name="Dr. Jürgen Müller",
        prefix="Dr.",
        given_name="Jürgen",
        family_name="Müller",
        organization="Kessler Logistik GmbH",
        department="Einkauf",
        title="Leiter Beschaffung",
        emails=(Email("j.mueller@example.com", "work", True), Email("jm@example.org", "home")),
        phones=(
            Phone("+49 171 9876543", label="mobile", pref=True),
            Phone("0511 123456", label="work"),
        ),
        addresses=(Address("Güterstraße 7", "Hannover", "", "30159", "Deutschland", "work"),),
        urls=(Url("https://www.example.com", "work"),),
        birthday=PartialDate(5, 2, 1971),
        notes="Met at the Hannover fair.",
        tags=("hannover-2026", "logistics"),
        met_at="Hannover Messe 2026",
        cadence_days=90,
    )
    return c.with_changes(**changes) if changes else c


def type_text(widget: object, text: str) -> None:
    """Type ``text`` into a widget as key events, non-ASCII included (QTest.keyClicks only
    handles ASCII and aborts the process on anything else)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        if ch.isascii():
            from PySide6.QtTest import QTest

            QTest.keyClicks(widget, ch)  # type: ignore[arg-type]
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)  # type: ignore[arg-type]


def dump_tables(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (FTS content included), to prove nothing changed."""
    con = sqlite3.connect(db_path)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE '%fts_%' ORDER BY name"
            )
        ]
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        con.close()


def wait_preview(window: Any, qtbot: Any) -> Any:
    """The import preview dialog of the main window, once it is on screen."""
    qtbot.waitUntil(
        lambda: (
            window.interchange.preview_dialog is not None
            and window.interchange.preview_dialog.isVisible()
        ),
        timeout=10000,
    )
    return window.interchange.preview_dialog


def drag_files(window: Any, paths: list[Path], *, drop: bool = True) -> tuple[bool, bool]:
    """Drag local files onto ``window`` (and drop them): whether the drag and the drop were
    accepted."""
    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    buttons = (Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    # QDragEnterEvent takes a QPoint (PySide6 6.12 also accepts a QPointF; 6.11 does not)
    enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, mime, *buttons)
    QApplication.sendEvent(window, enter)
    if not drop or not enter.isAccepted():
        return enter.isAccepted(), False
    event = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, *buttons)
    QApplication.sendEvent(window, event)
    return True, event.isAccepted()
