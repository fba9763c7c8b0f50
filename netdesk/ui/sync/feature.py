"""CardDAV sync in the window: File → Sync now (F9), Sync settings…, Sync conflicts…,
Sync log…; a Sync button and the last-sync line in the status bar; sync at start and
every N minutes (Preferences); a confirmation before many deletions.

The run happens on the database worker with progress in the status bar and can be
cancelled; only reports, counts and errors cross back. Passwords go to the OS keyring, or
are kept in memory for this session where there is none.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.errors import NetDeskError
from netdesk.ui.common.errors import show_error
from netdesk.ui.common.worker import TaskControl


def _plain(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


# ------------------------------------------------------------------ settings dialog
class SyncSettingsDialog(QDialog):
    """Add (or remove) the CardDAV account, pick the address book, and how often to sync."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window_ = window
        self.ctx = window.ctx
        self.setWindowTitle("Sync settings")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _plain(
                "NetDesk syncs your contacts with a CardDAV server you already use (Nextcloud, "
                "iCloud, Fastmail, Google, Radicale, Baïkal…). Only contact details travel; "
                "interactions, follow-ups and card scans stay on this computer."
            )
        )
        form = QFormLayout()
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://cloud.example.com/remote.php/dav")
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("password or app password")
        self.find_button = QPushButton("&Find address books")
        self.find_button.clicked.connect(self.find_books)
        self.books = QComboBox()
        self.books.setEnabled(False)
        self.version = QComboBox()
        self.version.addItem("vCard 3.0 (works with every server)", "3.0")
        self.version.addItem("vCard 4.0", "4.0")
        prefs = self.ctx.services.preferences
        self.interval = QSpinBox()
        self.interval.setRange(0, 24 * 60)
        self.interval.setSuffix(" min")
        self.interval.setSpecialValueText("only when I ask")
        self.interval.setValue(prefs.sync_interval_minutes)
        self.at_start = QCheckBox("Sync when NetDesk starts")
        self.at_start.setChecked(prefs.sync_at_start)
        form.addRow("&Server address:", self.url)
        form.addRow("&User name:", self.user)
        form.addRow("&Password:", self.password)
        form.addRow("", self.find_button)
        form.addRow("&Address book:", self.books)
        form.addRow("vCard &version:", self.version)
        form.addRow("Sync &every:", self.interval)
        form.addRow("", self.at_start)
        layout.addLayout(form)
        self.state = _plain()
        self.state.setObjectName("sync_state")
        layout.addWidget(self.state)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = QPushButton("&Save account")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_account)
        self.remove_button = QPushButton("&Remove account")
        self.remove_button.clicked.connect(self.remove_account)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._found: list[Any] = []
        self._task: Any = None
        self.reload()

    def reload(self) -> None:
        accounts = self.ctx.services.sync.accounts()
        has = bool(accounts)
        for w in (self.url, self.user, self.password, self.find_button, self.version):
            w.setEnabled(not has)
        self.remove_button.setVisible(has)
        self.save_button.setVisible(not has)
        if has:
            a = accounts[0]
            self.url.setText(a.url)
            self.user.setText(a.username)
            self.books.clear()
            self.books.addItem(f"{a.book_name} ({a.book_url})", a.book_url)
            self.version.setCurrentIndex(1 if a.vcard_version == "4.0" else 0)
            last = a.last_result or "not synced yet"
            self.state.setText(f"Syncing with {a.book_name}. Last sync: {last}")
        else:
            self.state.setText("No account yet: enter the server, user name and password.")

    def done(self, result: int) -> None:  # Close: keep the schedule the user set
        prefs = self.ctx.services.preferences
        chosen = replace(
            prefs,
            sync_interval_minutes=self.interval.value(),
            sync_at_start=self.at_start.isChecked(),
        )
        if chosen != prefs:
            self.ctx.services.set_preferences(chosen)
            schedule(self.window_)
        super().done(result)

    def find_books(self) -> None:
        url, user, password = (
            self.url.text().strip(),
            self.user.text().strip(),
            self.password.text(),
        )
        if not url or not user or not password:
            self.state.setText("Enter the server address, the user name and the password first.")
            return
        self.state.setText("Looking for address books…")
        self.find_button.setEnabled(False)
        svc = self.ctx.services.sync

        def work(_control: TaskControl) -> list[Any]:
            return svc.discover(url, user, password)

        def found(books: list[Any]) -> None:
            self.find_button.setEnabled(True)
            self._found = books
            self.books.clear()
            for b in books:
                self.books.addItem(f"{b.name} ({b.url})", b.url)
            self.books.setEnabled(True)
            self.save_button.setEnabled(bool(books))
            self.state.setText(f"Found {len(books)} address book(s). Choose one and save.")

        def failed(err: BaseException, _details: str) -> None:
            self.find_button.setEnabled(True)
            message = err.message if isinstance(err, NetDeskError) else str(err)
            self.state.setText(f"Could not use this account: {message}")

        self._task = self.ctx.worker.submit(
            work, on_success=found, on_error=failed, name="Find address books"
        )

    def save_account(self) -> None:
        svc = self.ctx.services.sync
        try:
            _account, in_keyring = svc.add_account(
                self.url.text().strip(),
                self.user.text().strip(),
                self.password.text(),
                book_url=self.books.currentData(),
                version=self.version.currentData(),
            )
        except NetDeskError as err:
            show_error(self, "The account could not be saved", err)
            return
        self.password.clear()
        self.reload()
        where = (
            "The password is kept in your system's keyring."
            if in_keyring
            else "This computer has no keyring: NetDesk keeps the password in memory until "
            "it quits and asks again next time. It is never written to a file."
        )
        self.state.setText(self.state.text() + "\n" + where)
        update_status(self.window_)

    def remove_account(self) -> None:
        svc = self.ctx.services.sync
        accounts = svc.accounts()
        if not accounts:
            return
        answer = QMessageBox.question(
            self,
            "Remove the sync account?",
            "NetDesk stops syncing with this address book. Your contacts stay here and on "
            "the server.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        svc.remove_account(accounts[0].id)
        self.url.clear()
        self.user.clear()
        self.books.clear()
        self.reload()
        update_status(self.window_)


# ------------------------------------------------------------------ conflicts and log
class ConflictsDialog(QDialog):
    """Cards changed here and on the server: the server's version was applied; choose."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.ctx = window.ctx
        self.setWindowTitle("Sync conflicts")
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _plain(
                "These contacts were changed here and on the server since the last sync. The "
                "server's version is in NetDesk now; your version is kept below. Keep the "
                "server's, or put yours back (the next sync sends it)."
            )
        )
        self.list = QListWidget()
        self.list.setObjectName("conflicts")
        layout.addWidget(self.list, 1)
        sides = QHBoxLayout()  # the two versions get three times the list's height
        self.mine = QPlainTextEdit()
        self.mine.setReadOnly(True)
        self.theirs = QPlainTextEdit()
        self.theirs.setReadOnly(True)
        for title, edit in (("Yours (kept aside)", self.mine), ("Server's (applied)", self.theirs)):
            box = QVBoxLayout()
            box.addWidget(_plain(title))
            box.addWidget(edit)
            sides.addLayout(box)
        layout.addLayout(sides, 3)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.keep_server = QPushButton("Keep the &server's")
        self.keep_mine = QPushButton("Put &mine back")
        buttons.addButton(self.keep_server, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.keep_mine, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.keep_server.clicked.connect(lambda: self.resolve("server"))
        self.keep_mine.clicked.connect(lambda: self.resolve("mine"))
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(self._show)
        self.reload()

    def reload(self) -> None:
        self.conflicts = self.ctx.services.sync.conflicts()
        self.list.clear()
        for c in self.conflicts:
            item = QListWidgetItem(f"{c.display_name} — {c.created_at:%d %b %Y %H:%M}")
            self.list.addItem(item)
        has = bool(self.conflicts)
        self.keep_server.setEnabled(has)
        self.keep_mine.setEnabled(has)
        if has:
            self.list.setCurrentRow(0)
        else:
            self.mine.setPlainText("")
            self.theirs.setPlainText("No conflicts: every contact agrees with the server.")

    def _show(self, row: int) -> None:
        if 0 <= row < len(self.conflicts):
            c = self.conflicts[row]
            self.mine.setPlainText(_readable(c.local_vcard))
            self.theirs.setPlainText(_readable(c.remote_vcard))

    def resolve(self, keep: str) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.conflicts):
            return
        conflict = self.conflicts[row]
        change = self.ctx.services.sync.resolve_conflict(conflict.id, keep=keep)
        self.ctx.bus.publish(change)
        self.ctx.nav.status.emit(
            f"{conflict.display_name}: "
            + ("your version is back" if keep == "mine" else "the server's version stays")
        )
        self.reload()


def _readable(vcard: str) -> str:
    """A card as lines a person reads (no photo data, no folding)."""
    lines = []
    for line in vcard.replace("\r\n ", "").replace("\n ", "").splitlines():
        name = line.split(":", 1)[0].split(";", 1)[0].upper()
        if name in ("BEGIN", "END", "VERSION", "PRODID", "REV") or not line.strip():
            continue
        if name == "PHOTO":
            line = "PHOTO: (a picture)"
        lines.append(line)
    return "\n".join(lines)


class SyncLogDialog(QDialog):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setWindowTitle("Sync log")
        self.resize(760, 480)
        layout = QVBoxLayout(self)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setObjectName("sync_log")
        layout.addWidget(self.text)
        svc = window.ctx.services.sync
        accounts = svc.accounts()
        entries = svc.log_entries(accounts[0].id) if accounts else []
        if not entries:
            self.text.setPlainText("Nothing synced yet.")
        else:
            self.text.setPlainText(
                "\n".join(f"{e.at:%Y-%m-%d %H:%M:%S}  {e.level:<8}  {e.message}" for e in entries)
            )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


# ------------------------------------------------------------------ running a sync
def sync_now(window: Any, *, automatic: bool = False, confirm_deletions: bool = False) -> None:
    """Run one sync on the worker; ``automatic`` runs never ask for anything."""
    ctx = window.ctx
    svc = ctx.services.sync
    if getattr(window, "_sync_task", None) is not None:
        if not automatic:
            window._sync_task.cancel()
            _line(window, "Cancelling sync…")
        return
    accounts = svc.accounts()
    if not accounts:
        if not automatic:
            open_settings(window)
        return
    account = accounts[0]
    password = svc.passwords.get(account)
    if password is None:
        if automatic:
            _line(window, "Sync waits for your password (press F9)")
            return
        password, ok = QInputDialog.getText(
            window,
            "Sync password",
            f"Password for {account.username} at {account.url}:",
            QLineEdit.EchoMode.Password,
        )
        if not ok or not password:
            return
        svc.passwords.put(account, password)
    pw = password

    def work(control: TaskControl) -> Any:
        return svc.run(
            account.id,
            password=pw,
            confirm_deletions=confirm_deletions,
            progress=lambda done, total, text: control.report(done, total, text),
            cancelled=lambda: control.cancelled,
        )

    def progress(done: int, total: int, text: str) -> None:
        _line(window, f"Syncing: {text}")

    def finished(report: Any) -> None:
        window._sync_task = None
        window.sync_button.setText("Sync")
        ctx.bus.publish(report.change)
        update_status(window)
        if report.conflicts and not automatic:
            ctx.nav.status.emit(
                f"Sync: {report.conflicts} conflict(s) to review (File → Sync conflicts…)"
            )

    def failed(err: BaseException, details: str) -> None:
        from netdesk.services.sync import MassDeletion

        window._sync_task = None
        window.sync_button.setText("Sync")
        update_status(window)
        message = err.message if isinstance(err, NetDeskError) else str(err)
        _line(window, f"Sync stopped: {message}")
        if isinstance(err, MassDeletion) and not automatic:
            if confirm_mass_deletion(window, err):
                sync_now(window, confirm_deletions=True)
            return
        if not automatic:
            show_error(window, "Sync stopped", err, details)

    window.sync_button.setText("Cancel sync")
    _line(window, "Syncing…")
    window._sync_task = ctx.worker.submit(
        work, on_success=finished, on_error=failed, on_progress=progress, name="Sync"
    )


def _line(window: Any, text: str) -> None:
    """The status-bar sync line: short enough to fit, the whole text in its tooltip."""
    window.sync_label.setText(text if len(text) <= 90 else text[:89].rstrip() + "…")
    window.sync_label.setToolTip(text)
    window.sync_label.setMinimumWidth(window.sync_label.sizeHint().width())


def confirm_mass_deletion(window: Any, err: Any) -> bool:
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Delete many contacts?")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(err.message)
    box.setInformativeText(
        "This happens when an address book was emptied or replaced on one side. If that was "
        "not on purpose, choose Cancel: nothing has been changed."
    )
    go = box.addButton("Delete and sync", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is go


def update_status(window: Any) -> None:
    accounts = window.ctx.services.sync.accounts()
    window.sync_button.setVisible(bool(accounts))
    window.sync_label.setVisible(bool(accounts))
    if accounts:
        a = accounts[0]
        if a.last_sync_at:
            _line(window, f"Synced {a.last_sync_at:%H:%M}: {a.last_result}")
        else:
            _line(window, "Not synced yet")


def open_settings(window: Any) -> None:
    SyncSettingsDialog(window).exec()


def schedule(window: Any) -> None:
    minutes = window.ctx.services.preferences.sync_interval_minutes
    window.sync_timer.stop()
    if minutes > 0:
        window.sync_timer.start(minutes * 60_000)


# ------------------------------------------------------------------ install
def install(window: Any) -> None:
    from netdesk.ui.common.file_menu import file_menu_adder

    menu = window.file_menu
    action = file_menu_adder(window)
    before = action.before  # type: ignore[attr-defined]  # Quit stays last

    window.sync_action = action("S&ync now", lambda: sync_now(window), "F9")
    window.sync_settings_action = action("Sync se&ttings…", lambda: open_settings(window))
    window.sync_conflicts_action = action(
        "Sync co&nflicts…", lambda: ConflictsDialog(window).exec()
    )
    window.sync_log_action = action("Sync &log…", lambda: SyncLogDialog(window).exec())
    menu.insertSeparator(before)

    window.sync_label = QLabel()
    window.sync_label.setTextFormat(Qt.TextFormat.PlainText)
    # never squeezed to a fragment by a status message: the line keeps its whole width
    window.sync_label.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
    window.sync_label.setObjectName("sync_status")
    window.sync_button = QToolButton()
    window.sync_button.setText("Sync")
    window.sync_button.setToolTip("Sync with the CardDAV server now (F9)")
    window.sync_button.clicked.connect(lambda: sync_now(window))
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(window.sync_label)
    row.addWidget(window.sync_button)
    window.statusBar().addPermanentWidget(holder)
    window._sync_task = None
    window.sync_timer = QTimer(window)
    window.sync_timer.timeout.connect(lambda: sync_now(window, automatic=True))
    update_status(window)
    schedule(window)
    prefs = window.ctx.services.preferences
    if prefs.sync_at_start and window.ctx.services.sync.accounts():
        QTimer.singleShot(3000, lambda: sync_now(window, automatic=True))
