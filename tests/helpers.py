"""Builders shared by tests."""

from __future__ import annotations

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
