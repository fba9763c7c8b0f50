"""The job search in the window: a "Who helped" view (with the number of people not thanked
yet in the navigation), the referral network view, and Contact → Job search: start a search,
I landed, campaigns, references, "ask who else they know"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import shiboken6
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QListWidgetItem, QStyle, QWidget

from netdesk.core.errors import NetDeskError
from netdesk.core.jobsearch import Helper
from netdesk.core.model import FollowUp
from netdesk.ui.common.file_menu import insert_action
from netdesk.ui.common.host import FeatureHost
from netdesk.ui.common.worker import TaskControl

#: (key, label, shortcut, icon) of the views this feature adds to the navigation
JOB_VIEWS: tuple[tuple[str, str, str, QStyle.StandardPixmap], ...] = (
    ("helped", "Who helped", "Ctrl+6", QStyle.StandardPixmap.SP_DialogYesButton),
    ("network", "Referral network", "Ctrl+7", QStyle.StandardPixmap.SP_DriveNetIcon),
)
ASK_AROUND_DAYS = 3


def add_view(
    window: FeatureHost,
    key: str,
    label: str,
    shortcut: str,
    icon: QStyle.StandardPixmap,
    view: QWidget,
) -> None:
    """A view of its own in the navigation list, the stack and the View menu."""
    item = QListWidgetItem(window.style().standardIcon(icon), label)
    item.setSizeHint(QSize(160, 36))
    item.setData(Qt.ItemDataRole.UserRole, key)
    item.setToolTip(f"{label} ({shortcut})")
    window.nav_list.addItem(item)
    window.views[key] = view
    window.stack.addWidget(view)
    action = QAction(label, window)
    action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _=False, k=key: window.show_view(k))
    window.addAction(action)
    view_menu = window.view_menu
    # after the other views, before Refresh
    separator = next((a for a in view_menu.actions() if a.isSeparator()), None)
    insert_action(view_menu, separator, action)


def nav_item(window: FeatureHost, key: str) -> QListWidgetItem | None:
    if not (shiboken6.isValid(window) and shiboken6.isValid(window.nav_list)):
        return None  # the window is being destroyed
    for n in range(window.nav_list.count()):
        item = window.nav_list.item(n)
        if item.data(Qt.ItemDataRole.UserRole) == key:
            return item
    return None


class HelpedBadge:
    """ "Who helped (3)": people who helped in the open (else newest) search and have not been
    thanked since; counted on the worker after each change."""

    def __init__(self, window: FeatureHost) -> None:
        self.window = window
        self.ctx = window.ctx
        self.busy = False
        self.again = False
        self.ctx.bus.changed.connect(lambda _c: self.update())

    def update(self) -> None:
        if not shiboken6.isValid(self.window):  # the window is gone (closing, tests)
            return
        if self.busy:
            self.again = True
            return
        self.busy = True
        service = self.ctx.services.jobsearch

        def work(_control: TaskControl) -> int:
            searches = service.searches()
            if not searches:
                return 0
            current = next((s for s in searches if s.is_open), searches[0])
            helpers: list[Helper] = service.helped(search_id=current.id)
            return sum(1 for h in helpers if not h.thanked)

        self.ctx.worker.submit(work, on_success=self.show, on_error=self.failed, name="badge")

    def failed(self, _err: BaseException, _details: str) -> None:
        self.busy = False

    def show(self, n: int) -> None:
        self.busy = False
        item = nav_item(self.window, "helped")  # None once the window is being destroyed
        if item is not None:
            item.setText(f"Who helped  ({n})" if n else "Who helped")
            item.setToolTip(
                f"Who helped ({JOB_VIEWS[0][2]}) — {n} not thanked yet"
                if n
                else f"Who helped ({JOB_VIEWS[0][2]})"
            )
        if self.again:
            self.again = False
            self.update()


def ask_who_else(window: FeatureHost, contact_ids: list[int] | None = None) -> QWidget | None:
    """ "Who else should I talk to?": a follow-up to ask, and the introduction-request
    message opened for them."""
    from netdesk.ui.common.errors import show_error
    from netdesk.ui.jobsearch.dialogs import open_campaign_for
    from netdesk.ui.timeline import activity_actions

    ctx = window.ctx
    ids = contact_ids if contact_ids is not None else window.selected_contact_ids()
    if not ids:
        ctx.nav.status.emit("Select a contact first")
        return None
    try:
        activity_actions.add_follow_ups(
            ctx,
            [
                FollowUp(
                    contact_id=cid,
                    due=date.today() + timedelta(days=ASK_AROUND_DAYS),
                    reason="Ask who else I should talk to",
                )
                for cid in ids
            ],
        )
    except NetDeskError as err:
        show_error(window, "Could not add the follow-up", err)
        return None
    return open_campaign_for(ctx, window, ids, "ask_introduction")


def mark_reference(window: FeatureHost) -> QWidget | None:
    from netdesk.ui.jobsearch.dialogs import ReferenceDialog

    ids = window.selected_contact_ids()
    if not ids:
        window.ctx.nav.status.emit("Select a contact first")
        return None
    dialog = ReferenceDialog(window.ctx, ids, window)
    dialog.open()
    return dialog


class JobSearchFeature:
    """The Who helped and Referral network views, Contact → Job search, the badge."""

    def __init__(self, window: FeatureHost) -> None:
        from netdesk.ui.jobsearch import campaign, templates
        from netdesk.ui.jobsearch import dialogs as job_search
        from netdesk.ui.jobsearch.referral_graph import ReferralGraphView
        from netdesk.ui.jobsearch.who_helped import WhoHelpedView

        self.window = window
        ctx = window.ctx
        self.helped_view = WhoHelpedView(ctx)
        self.network_view = ReferralGraphView(ctx)
        views: dict[str, QWidget] = {"helped": self.helped_view, "network": self.network_view}
        for key, label, shortcut, icon in JOB_VIEWS:
            add_view(window, key, label, shortcut, icon, views[key])

        menu = window.contact_menu.addMenu("Job &search")
        entries: tuple[tuple[str, Callable[[], object], str | None], ...] = (
            ("&Start a job search…", lambda: job_search.start_search(ctx, window), None),
            ("I &landed…", lambda: job_search.landed(ctx, window), None),
            (
                "New &campaign…",
                lambda: campaign.open_campaign(
                    ctx, window, recipients=window.selected_contact_ids()
                ),
                "Ctrl+Shift+E",
            ),
            ("&Resume a campaign…", lambda: campaign.resume_campaign(ctx, window), None),
            ("Message &templates…", lambda: templates.open_templates(ctx, window), None),
            ("Mark as &reference…", lambda: mark_reference(window), None),
            ("&Ask who else they know…", lambda: ask_who_else(window), None),
        )
        #: by menu text without "&" and "…"
        self.actions_by_text: dict[str, QAction] = {}
        for text, slot, keys in entries:
            action = QAction(text, window)
            if keys:
                action.setShortcut(QKeySequence(keys))
                window.addAction(action)
            action.triggered.connect(slot)
            menu.addAction(action)
            self.actions_by_text[text.replace("&", "").rstrip("…")] = action
        self.helped_badge = HelpedBadge(window)
        self.helped_badge.update()
