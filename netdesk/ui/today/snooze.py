"""Snooze until a date of the user's choosing (a calendar; Enter or Ctrl+Enter accepts)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.dates import exact_date, humanize_date
from netdesk.ui.common.safe_text import escape
from netdesk.ui.common.widgets import add_save_shortcuts


class SnoozeDialog(QDialog):
    def __init__(
        self, what: str, today: date, initial: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.today = today
        self.setWindowTitle("Snooze until…")
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        first = today + timedelta(days=1)
        self.calendar.setMinimumDate(QDate(first.year, first.month, first.day))
        self.hint = QLabel()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Snooze")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Remind me about <b>{escape(what)}</b> again on:"))
        layout.addWidget(self.calendar)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        add_save_shortcuts(self, self.accept)
        self.calendar.selectionChanged.connect(self._hint)
        self.calendar.activated.connect(lambda _d: self.accept())
        self.set_date(initial or today + timedelta(days=14))
        self.calendar.setFocus()

    def set_date(self, day: date) -> None:
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self._hint()

    def chosen(self) -> date:
        d = self.calendar.selectedDate()
        return date(d.year(), d.month(), d.day())

    def _hint(self) -> None:
        day = self.chosen()
        self.hint.setText(f"{exact_date(day)} ({humanize_date(day, self.today)})")
