"""Backups and CSV in the File menu: Back up now, Restore from a backup…, Export CSV…; the
daily automatic backup after the window shows; recovery from a damaged database at start.

The work runs on the database worker; only paths, counts and frozen results cross back.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.errors import DatabaseCorruptError, NetDeskError
from netdesk.core.model import Change
from netdesk.paths import backups_dir
from netdesk.services import backups
from netdesk.ui.common.errors import show_error, startup_error_box
from netdesk.ui.common.safe_text import ask, plain_label, set_plain_tooltip
from netdesk.ui.common.worker import TaskControl

log = logging.getLogger("netdesk")


# ------------------------------------------------------------------ dialogs
class RestoreDialog(QDialog):
    """Pick one of the database's backups (newest first) or another backup file."""

    def __init__(self, db_path: Path, parent: QWidget | None = None, intro: str = "") -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.setWindowTitle("Restore from a backup")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        text = intro or (
            "Choose the backup to restore. The current database is backed up first, so this "
            "can be undone by restoring that backup."
        )
        label = plain_label(text)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.list = QListWidget()
        self.list.setObjectName("backups")
        layout.addWidget(self.list, 1)
        self.empty = QLabel("There are no backups of this database in its backups folder yet.")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = QPushButton("&Restore")
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.other_button = QPushButton("Other &file…")
        self.buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.other_button.clicked.connect(self.choose_file)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.list.currentRowChanged.connect(lambda _row: self._update())
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for info in backups.list_backups(self.db_path):
            item = QListWidgetItem(info.describe())
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            set_plain_tooltip(item, str(info.path))
            self.list.addItem(item)
        self.empty.setVisible(self.list.count() == 0)
        self.list.setVisible(self.list.count() > 0)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update()

    def _update(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)

    def add_file(self, path: Path) -> None:
        item = QListWidgetItem(f"{path.name} — chosen file")
        item.setData(Qt.ItemDataRole.UserRole, str(path))
        set_plain_tooltip(item, str(path))
        self.list.insertItem(0, item)
        self.list.setVisible(True)
        self.empty.setVisible(False)
        self.list.setCurrentRow(0)

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            "Choose a NetDesk backup",
            str(backups_dir(self.db_path)),
            "NetDesk databases (*.db);;All files (*)",
        )
        if name:
            self.add_file(Path(name))

    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None


def confirm_restore(parent: QWidget | None, check: backups.BackupCheck) -> bool:
    answer = ask(
        parent,
        "Restore this backup?",
        f"Replace your current contacts with the backup {check.path.name} "
        f"({check.contacts:,} contacts)?\n\nYour current database is backed up first.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def choose_backup(parent: QWidget | None, db_path: Path, intro: str = "") -> Path | None:
    dialog = RestoreDialog(db_path, parent, intro)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.chosen()


# ------------------------------------------------------------------ actions
def back_up_now(window: Any) -> None:
    ctx = window.ctx
    path = ctx.services.db.path

    def work(_control: TaskControl) -> backups.BackupInfo:
        return backups.make_backup(path)

    def done(info: backups.BackupInfo) -> None:
        ctx.nav.status.emit(f"Backed up to {info.path.name} (checked)")

    def failed(err: BaseException, details: str) -> None:
        show_error(window, "Backup failed", err, details)

    ctx.worker.submit(work, on_success=done, on_error=failed, name="Back up now")


def restore_from_backup(window: Any, backup: Path | None = None) -> None:
    """Ask which backup, check it, confirm, then restore on the worker."""
    ctx = window.ctx
    db = ctx.services.db
    chosen = backup or choose_backup(window, db.path)
    if chosen is None:
        return
    try:
        check = backups.verify_backup(chosen)
    except NetDeskError as err:
        show_error(window, "This backup cannot be restored", err)
        return
    if not confirm_restore(window, check):
        return

    def work(_control: TaskControl) -> backups.RestoreResult:
        return backups.restore_into(db, chosen)

    def done(result: backups.RestoreResult) -> None:
        window.ctx.undo.clear()  # undo steps refer to the replaced data
        ctx.bus.publish(Change(everything=True))
        saved = (
            f"; the previous database was saved as {result.safety_backup.name}"
            if (result.safety_backup)
            else ""
        )
        ctx.nav.status.emit(
            f"Restored {result.restored.contacts:,} contacts from {chosen.name}{saved}"
        )

    def failed(err: BaseException, details: str) -> None:
        ctx.bus.publish(Change(everything=True))
        show_error(window, "Restore failed", err, details)

    window._restore_task = ctx.worker.submit(
        work, on_success=done, on_error=failed, name="Restore from a backup"
    )


def export_csv(window: Any, dest: Path | None = None) -> None:
    from netdesk.services.csv_export import ExportCancelled
    from netdesk.services.csv_export import export_csv as write
    from netdesk.ui.common.tasks import ProgressRunner

    ctx = window.ctx
    if dest is None:
        name, _ = QFileDialog.getSaveFileName(
            window, "Export contacts as CSV", str(Path.home() / "contacts.csv"), "CSV (*.csv)"
        )
        if not name:
            return
        dest = Path(name if name.lower().endswith(".csv") else name + ".csv")
    target = dest
    contacts = ctx.services.contacts

    def work(control: TaskControl) -> int:
        try:
            return write(
                contacts,
                target,
                progress=lambda done, total: control.report(done, total, "Exporting"),
                should_cancel=lambda: control.cancelled,
            )
        except ExportCancelled:
            return -1

    def done(n: int) -> None:
        if n >= 0:
            ctx.nav.status.emit(f"Exported {n:,} contacts to {target.name}")

    window._csv_runner = ProgressRunner(window, ctx, "Exporting CSV", work, done, "contacts")


def schedule_automatic_backup(window: Any) -> None:
    """The daily backup, on the worker, once the window is up (at most one a day), unless
    the preferences turn it off."""
    ctx = window.ctx
    if not ctx.services.preferences.auto_backup:
        return
    path = ctx.services.db.path

    def work(_control: TaskControl) -> backups.BackupInfo | None:
        return backups.automatic_backup(path)

    def done(info: backups.BackupInfo | None) -> None:
        if info is not None:
            log.info("daily backup %s", info.path)
            ctx.nav.status.emit(f"Daily backup saved ({info.path.name})")

    def failed(err: BaseException, details: str) -> None:
        log.warning("daily backup failed: %s\n%s", err, details)
        if isinstance(err, DatabaseCorruptError):
            show_error(
                window,
                "Your database is damaged",
                DatabaseCorruptError(
                    f"{err.message} Use File → Restore from a backup… to go back to the last "
                    "good backup; the damaged file is kept.",
                    detail=err.detail,
                ),
                details,
            )
        else:
            ctx.nav.status.emit(f"The daily backup failed: {err}")

    window._auto_backup_task = ctx.worker.submit(
        work, on_success=done, on_error=failed, name="Daily backup"
    )


# --------------------------------------------------------- start-up recovery
def recover_damaged_database(db_path: Path, err: DatabaseCorruptError) -> bool:
    """At start, before any window: say the database is damaged and offer to restore one of
    its backups (the damaged file is moved aside, never deleted). True when restored."""
    box = startup_error_box(err)
    restore = box.addButton("Restore a backup…", QMessageBox.ButtonRole.AcceptRole)
    quit_button = box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(quit_button)
    box.exec()
    if box.clickedButton() is not restore:
        return False
    chosen = choose_backup(
        None,
        db_path,
        "Choose the backup to restore. The damaged database is moved aside into a folder "
        "beside it, not deleted.",
    )
    if chosen is None:
        return False
    try:
        result = backups.restore_backup(db_path, chosen)
    except NetDeskError as problem:
        show_error(None, "Restore failed", problem)
        return False
    log.warning(
        "restored %s into %s; the damaged database was moved to %s",
        chosen,
        db_path,
        result.moved_aside,
    )
    return True


# ------------------------------------------------------------------ install
def install(window: Any) -> None:
    from netdesk.ui.common.file_menu import file_menu_adder

    menu = window.file_menu
    action = file_menu_adder(window)
    before = action.before  # type: ignore[attr-defined]  # Quit stays last

    window.export_csv_action = action("Export &CSV…", lambda: export_csv(window))
    menu.insertSeparator(before)
    window.backup_action = action("&Back up now", lambda: back_up_now(window), "Ctrl+Shift+B")
    window.restore_action = action("&Restore from a backup…", lambda: restore_from_backup(window))
    menu.insertSeparator(before)
