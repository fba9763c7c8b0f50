"""Timeline and keep-in-touch menu items: Contact → Add follow-up…, File → Export calendar
(.ics)…, Edit → Preferences… (interaction types, per-tag cadences)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QWidget

from netdesk.ui.common.context import UiContext
from netdesk.ui.common.worker import TaskControl

FOLLOW_UP_SHORTCUT = "Ctrl+Shift+L"


def selected_contact_ids(window: Any) -> list[int]:
    """The contacts the user is looking at: the Today selection or the contacts list's."""
    key = window.view_key()
    view = window.views.get(key)
    if key == "today":
        d = view.due_list.current_due()
        return [d.contact_id] if d is not None else []
    selected = getattr(view, "selected_ids", None)
    return list(selected()) if callable(selected) else []


def add_follow_up(window: Any) -> QWidget:
    from netdesk.ui.timeline.follow_up import FollowUpDialog

    dialog = FollowUpDialog(window.ctx, selected_contact_ids(window), window)
    dialog.open()
    return dialog


def export_calendar(window: Any, path: str | None = None) -> QWidget | None:
    """Ask for a file (unless given), then write the .ics on the database worker."""
    from netdesk.ui.common.tasks import ProgressRunner

    ctx: UiContext = window.ctx
    if path is None:
        path, _filter = QFileDialog.getSaveFileName(
            window,
            "Export follow-ups and birthdays",
            str(Path.home() / "netdesk.ics"),
            "iCalendar files (*.ics)",
        )
        if not path:
            return None
        if not path.lower().endswith(".ics"):
            path += ".ics"
    target = Path(path)
    db = ctx.services.db

    def work(control: TaskControl) -> tuple[int, int]:
        from netdesk.services.calendar import export_ics

        control.report(0, 0, "Writing the calendar")
        summary = export_ics(db, target)
        return summary.follow_ups, summary.birthdays

    def done(result: tuple[int, int]) -> None:
        follow_ups, birthdays = result
        ctx.nav.status.emit(
            f"Exported {follow_ups:,} follow-up{'s' if follow_ups != 1 else ''} and "
            f"{birthdays:,} birthday{'s' if birthdays != 1 else ''} to {target.name}"
        )

    return ProgressRunner(window, ctx, "Exporting the calendar", work, done, unit="events")


def open_preferences(window: Any) -> QWidget:
    from netdesk.ui.shell.preferences import ActivityPreferencesDialog

    dialog = ActivityPreferencesDialog(window.ctx, window)
    dialog.accepted.connect(lambda: _apply_capture_rule(window))
    dialog.open()
    return dialog


def _apply_capture_rule(window: Any) -> None:
    """Card entry shows the follow-up rule just chosen in Preferences."""
    cards = getattr(window, "views", {}).get("cards")
    if cards is None:
        return
    days = window.ctx.services.preferences.capture.follow_up_days
    index = cards.follow_rule.findData(days)
    if index >= 0:
        cards.follow_rule.setCurrentIndex(index)


def install(window: Any) -> None:
    follow = QAction("Add &follow-up…", window)
    follow.setShortcut(QKeySequence(FOLLOW_UP_SHORTCUT))
    follow.setToolTip(f"Add a follow-up with a due date and a reason ({FOLLOW_UP_SHORTCUT})")
    follow.triggered.connect(lambda: add_follow_up(window))
    window.addAction(follow)
    window.contact_menu.addAction(follow)

    export = QAction("Export &calendar (.ics)…", window)
    export.setToolTip("Follow-ups and birthdays as a calendar file for your calendar app")
    export.triggered.connect(lambda: export_calendar(window))
    actions = window.file_menu.actions()
    window.file_menu.insertAction(actions[-1] if actions else None, export)
    if actions:
        window.file_menu.insertSeparator(actions[-1])

    prefs = QAction("&Preferences…", window)
    prefs.setShortcut(QKeySequence("Ctrl+,"))
    prefs.setToolTip(
        "Phone region, dates, cadences, the follow-up after a card, interaction types (Ctrl+,)"
    )
    prefs.setMenuRole(QAction.MenuRole.PreferencesRole)
    prefs.triggered.connect(lambda: open_preferences(window))
    window.addAction(prefs)
    window.edit_menu.addSeparator()
    window.edit_menu.addAction(prefs)
    window.activity_actions = {"follow_up": follow, "export_ics": export, "preferences": prefs}
