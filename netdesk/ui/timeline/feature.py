"""Timeline and keep-in-touch menu items: Contact → Add follow-up…, File → Export calendar
(.ics)…. (Edit → Preferences… is the shell's.)"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QWidget

from netdesk.ui.common.context import UiContext
from netdesk.ui.common.file_menu import insert_action
from netdesk.ui.common.host import FeatureHost
from netdesk.ui.common.worker import TaskControl

FOLLOW_UP_SHORTCUT = "Ctrl+Shift+L"


def add_follow_up(window: FeatureHost) -> QWidget:
    from netdesk.ui.timeline.follow_up import FollowUpDialog

    dialog = FollowUpDialog(window.ctx, window.selected_contact_ids(), window)
    dialog.open()
    return dialog


def export_calendar(window: FeatureHost, path: str | None = None) -> QWidget | None:
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
    activity = ctx.services.activity

    def work(control: TaskControl) -> tuple[int, int]:
        control.report(0, 0, "Writing the calendar")
        summary = activity.export_ics(target)
        return summary.follow_ups, summary.birthdays

    def done(result: tuple[int, int]) -> None:
        follow_ups, birthdays = result
        ctx.nav.status.emit(
            f"Exported {follow_ups:,} follow-up{'s' if follow_ups != 1 else ''} and "
            f"{birthdays:,} birthday{'s' if birthdays != 1 else ''} to {target.name}"
        )

    return ProgressRunner(window, ctx, "Exporting the calendar", work, done, unit="events")


class ActivityFeature:
    """Contact → Add follow-up… and File → Export calendar (.ics)…."""

    def __init__(self, window: FeatureHost) -> None:
        self.window = window
        follow = QAction("Add &follow-up…", window)
        follow.setShortcut(QKeySequence(FOLLOW_UP_SHORTCUT))
        follow.setToolTip(f"Add a follow-up with a due date and a reason ({FOLLOW_UP_SHORTCUT})")
        follow.triggered.connect(lambda: add_follow_up(window))
        window.addAction(follow)
        window.contact_menu.addAction(follow)
        self.follow_up_action = follow

        export = QAction("Export &calendar (.ics)…", window)
        export.setToolTip("Follow-ups and birthdays as a calendar file for your calendar app")
        export.triggered.connect(lambda: export_calendar(window))
        actions = window.file_menu.actions()
        insert_action(window.file_menu, actions[-1] if actions else None, export)
        if actions:
            window.file_menu.insertSeparator(actions[-1])
        self.export_calendar_action = export
