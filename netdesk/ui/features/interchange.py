"""vCard import and export in the window: File → Import… (Ctrl+I), File → Export… (Ctrl+E),
.vcf and .csv files dropped on the window, and the welcome panel's import button. CSV rows
(LinkedIn, Outlook, Google exports) go through the same preview as cards.

Import is two tasks on the database worker: reading (preview, nothing written) and writing
(one transaction). Between them the preview dialog shows what will happen and asks what to do
with cards that match existing contacts; afterwards the account dialog lists every card that
could not be read.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.model import Change
from netdesk.services.csv_import import VCARD_SUFFIXES, record_word, records_word
from netdesk.services.interchange import (
    Cancelled,
    ImportPlan,
    ImportReport,
    ImportUndo,
    release_plans,
)
from netdesk.ui.errors import show_error
from netdesk.ui.safe_text import escape, inform, set_plain_tooltip
from netdesk.ui.tasks import ProgressRunner
from netdesk.ui.worker import TaskControl

STAGES = {
    "reading": "Reading cards",
    "matching": "Comparing with your contacts",
    "writing": "Adding contacts",
    "merging": "Merging into existing contacts",
    "indexing": "Updating the search index",
    "exporting": "Writing cards",
}
VCARD_FILTER = "vCard files (*.vcf *.vcard);;All files (*)"
#: what File → Import offers: vCards and CSV exports (LinkedIn, Outlook, Google, spreadsheets)
IMPORT_FILTER = (
    "Contacts (*.vcf *.vcard *.csv);;vCard files (*.vcf *.vcard);;CSV files (*.csv);;All files (*)"
)
IMPORT_SUFFIXES = (*VCARD_SUFFIXES, ".csv")


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def vcard_paths(event: QDragEnterEvent | QDropEvent) -> list[str]:
    """Local .vcf/.vcard/.csv files carried by a drag."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    out = []
    for url in mime.urls():
        if url.isLocalFile() and url.toLocalFile().lower().endswith(IMPORT_SUFFIXES):
            out.append(url.toLocalFile())
    return out


# --------------------------------------------------------------------------- dialogs


class ImportPreviewDialog(QDialog):
    """What an import will do, before anything is written, and the policy for matches."""

    def __init__(self, plan: ImportPlan, names: dict[int, str], parent: QWidget) -> None:
        super().__init__(parent)
        self.plan: ImportPlan | None = plan
        self.setWindowTitle("Import contacts")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        files = ", ".join(Path(f).name for f in plan.files)
        heading = QLabel(
            f"<b>{_plural(plan.total, records_word(plan.files))}</b> in {escape(files)}. "
            "Nothing has been written yet."
        )
        heading.setWordWrap(True)
        layout.addWidget(heading)

        counts = QFormLayout()
        self.count_labels: dict[str, QLabel] = {}
        for key, text, value in (
            ("new", "New contacts", plan.new),
            ("match", "Match an existing contact", plan.matches),
            ("duplicate", "Match another card being imported", plan.duplicates),
            ("unreadable", "Cannot be read", len(plan.unreadable)),
        ):
            label = QLabel(f"{value:,}")
            label.setObjectName(f"count_{key}")
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.count_labels[key] = label
            counts.addRow(text, label)
        layout.addLayout(counts)

        box = QGroupBox("Cards that match a contact (same UID, email or phone; else same name)")
        box_layout = QVBoxLayout(box)
        self.policy_group = QButtonGroup(self)
        self.policy_buttons: dict[str, QRadioButton] = {}
        for key, text in (
            ("merge", "&Merge into the existing contact (fill empty fields, add new details)"),
            ("skip", "&Skip them"),
            ("new", "&Add them as new contacts"),
        ):
            button = QRadioButton(text)
            button.setObjectName(f"policy_{key}")
            self.policy_group.addButton(button)
            self.policy_buttons[key] = button
            box_layout.addWidget(button)
        self.policy_buttons["merge"].setChecked(True)
        box.setEnabled(plan.matches + plan.duplicates > 0)
        layout.addWidget(box)

        self.matches = QTableWidget(0, 3)
        self.matches.setObjectName("matches")
        self.matches.setHorizontalHeaderLabels(["Card", "Matches", "Because"])
        self.matches.verticalHeader().setVisible(False)
        self.matches.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matches.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        shown = [c for c in plan.cards if c.kind != "new"][:500]
        unreadable = plan.unreadable[:500]
        self.matches.setRowCount(len(shown) + len(unreadable))
        for row, u in enumerate(unreadable):
            where = f"{Path(u.file).name}, {record_word(u.file)} {u.card} (line {u.line})"
            for col, text in enumerate((where, "cannot be read", u.reason)):
                item = QTableWidgetItem(text)
                set_plain_tooltip(item, u.file if col == 0 else text)
                self.matches.setItem(row, col, item)
        for row, card in enumerate(shown, start=len(unreadable)):
            if card.kind == "match" and card.existing_id is not None:
                other = names.get(card.existing_id, f"contact {card.existing_id}")
            else:
                first = plan.cards[card.duplicate_of or 0]
                other = f"card {first.card} ({first.contact.name})"
            for col, text in enumerate((f"{card.card}: {card.contact.name}", other, card.reason)):
                self.matches.setItem(row, col, QTableWidgetItem(text))
        self.matches.resizeColumnsToContents()
        self.matches.setVisible(bool(shown or unreadable))
        layout.addWidget(self.matches, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setDefault(True)
        self.import_button.setEnabled(bool(plan.cards))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def policy(self) -> str:
        for key, button in self.policy_buttons.items():
            if button.isChecked():
                return key
        return "merge"


class ImportAccountDialog(QDialog):
    """The account of every card: imported, merged, skipped, unreadable (with reasons)."""

    def __init__(self, report: ImportReport, parent: QWidget) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle("Import finished")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.summary = QLabel(
            f"<b>{_plural(report.cards, 'card')}</b>: {report.imported:,} imported, "
            f"{report.merged:,} merged into existing contacts, {report.skipped:,} skipped as "
            f"duplicate{'s' if report.skipped != 1 else ''}, "
            f"{len(report.unreadable):,} could not be read."
        )
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(len(report.unreadable), 4)
        self.table.setObjectName("unreadable")
        self.table.setHorizontalHeaderLabels(["File", "Card", "Line", "Why it could not be read"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for row, u in enumerate(report.unreadable):
            for col, text in enumerate((Path(u.file).name, str(u.card), str(u.line), u.reason)):
                item = QTableWidgetItem(text)
                if col == 0:
                    set_plain_tooltip(item, u.file)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.table.setVisible(bool(report.unreadable))
        if report.unreadable:
            layout.addWidget(QLabel("These cards were not imported:"))
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)


class ExportDialog(QDialog):
    """What to export (selection, a tag, everything) and in which vCard version."""

    def __init__(
        self, selected: Sequence[int], tags: Sequence[str], total: int, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.selected = list(selected)
        self.setWindowTitle("Export vCards")
        layout = QVBoxLayout(self)
        scope = QGroupBox("Export")
        scope_layout = QVBoxLayout(scope)
        self.scope_selection = QRadioButton(f"The &selected contacts ({len(self.selected):,})")
        self.scope_selection.setEnabled(bool(self.selected))
        self.scope_tag = QRadioButton("Contacts with the &tag")
        self.scope_tag.setEnabled(bool(tags))
        self.tag = QComboBox()
        self.tag.addItems(list(tags))
        self.tag.setEnabled(False)
        self.scope_tag.toggled.connect(self.tag.setEnabled)
        self.scope_all = QRadioButton(f"&All contacts ({total:,})")
        for w in (self.scope_selection, self.scope_tag, self.tag, self.scope_all):
            scope_layout.addWidget(w)
        (self.scope_selection if self.selected else self.scope_all).setChecked(True)
        layout.addWidget(scope)
        form = QFormLayout()
        self.version = QComboBox()
        self.version.addItem("vCard 3.0 (works with most apps)", "3.0")
        self.version.addItem("vCard 4.0", "4.0")
        form.addRow("&Format", self.version)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.addButton("&Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choice(self) -> tuple[str, list[int] | None, str | None, str]:
        """(scope, ids, tag, version) with scope "selection", "tag" or "all"."""
        version = str(self.version.currentData())
        if self.scope_selection.isChecked():
            return "selection", self.selected, None, version
        if self.scope_tag.isChecked():
            return "tag", None, self.tag.currentText(), version
        return "all", None, None, version


# --------------------------------------------------------------------------- undo


class ImportCommand(QUndoCommand):
    """An import on the undo stack. It is pushed after the import was written, so the first
    redo does nothing. Undo soft-deletes the contacts it created and writes the contacts it
    merged into back as they were; redo does the import again. Small imports are undone on
    the spot, like every other edit; large ones on the database worker with a progress
    dialog. A refused undo (a merged contact was changed since) shows why and puts the
    command back where it was, so it can be undone once that change is taken back."""

    #: more contacts than this: undo and redo run on the worker
    WORKER_THRESHOLD = 200

    def __init__(self, feature: InterchangeFeature, record: ImportUndo) -> None:
        n = record.count
        super().__init__(f"Import of {n:,} contact{'' if n == 1 else 's'}")
        self.feature = feature
        self.ctx = feature.ctx
        self.record = record
        #: the next undo() or redo() does nothing: the import was written before the push,
        #: or a refused step is being put back on the stack
        self._skip = True
        self.runner: ProgressRunner | None = None

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._run(forward=True)

    def undo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._run(forward=False)

    def _run(self, *, forward: bool) -> None:
        service = self.ctx.services.interchange
        record = self.record
        step = service.redo_import if forward else service.undo_import
        title = "Redoing the import" if forward else "Undoing the import"
        if record.count <= self.WORKER_THRESHOLD:
            try:
                change = step(record)
            except Exception as err:  # shown, and the stack put back; nothing was written
                failure: BaseException = err
                QTimer.singleShot(0, lambda: self._refused(forward, title, failure))
                return
            self._done(forward, change)
            return

        def work(_control: TaskControl) -> Change:
            return step(record)

        runner = ProgressRunner(
            self.feature.window,
            self.ctx,
            title,
            work,
            lambda change: self._done(forward, change),
            "contacts",
        )
        runner.setCancelButton(None)  # one transaction: it ends on its own, all or nothing
        runner.task.failed.connect(lambda _err, _details: self._put_back(forward))
        self.runner = runner

    def _done(self, forward: bool, change: Change) -> None:
        self.ctx.bus.publish(change)
        created, merged = len(self.record.created_ids), len(self.record.before)
        if forward:
            text = f"Import redone: {_plural(created, 'contact')} back, {merged:,} merged again"
        else:
            text = f"Import undone: {_plural(created, 'contact')} removed, {merged:,} restored"
        self.ctx.nav.status.emit(text)

    def _refused(self, forward: bool, title: str, err: BaseException) -> None:
        self._put_back(forward)
        show_error(self.feature.window, f"{title} failed", err)

    def _put_back(self, forward: bool) -> None:
        """The step was refused: move the stack's index back over this command without
        running it, so the stack says what the database holds."""
        self._skip = True
        if forward:
            self.ctx.undo.undo()
        else:
            self.ctx.undo.redo()


# --------------------------------------------------------------------------- the feature


class _DropFilter(QObject):
    def __init__(self, feature: InterchangeFeature) -> None:
        super().__init__(feature.window)
        self.feature = feature

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragEnterEvent | QDropEvent)
            if vcard_paths(event):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            paths = vcard_paths(event)
            if paths:
                event.acceptProposedAction()
                self.feature.import_files(paths)
                return True
        return False


class InterchangeFeature(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.runner: ProgressRunner | None = None
        self.preview_dialog: ImportPreviewDialog | None = None
        self.account_dialog: ImportAccountDialog | None = None
        self.export_dialog: ExportDialog | None = None
        self.last_report: ImportReport | None = None
        self._apply_holder: list[ImportPlan] = []

        self.import_action = window._action("&Import contacts…", self.ask_import, "Ctrl+I")
        self.export_action = window._action("&Export vCards…", self.ask_export, "Ctrl+E")
        menu = window.file_menu
        first = menu.actions()[0] if menu.actions() else None
        menu.insertAction(first, self.import_action)
        menu.insertAction(first, self.export_action)
        if first is not None:
            menu.insertSeparator(first)
        self.ctx.nav.import_files.connect(self.import_files)
        window.setAcceptDrops(True)
        self.drop_filter = _DropFilter(self)
        window.installEventFilter(self.drop_filter)

    # ----------------------------------------------------------------- import
    def ask_import(self) -> None:
        self.import_files([])

    def import_files(self, paths: list[str]) -> None:
        if not paths:
            chosen, _ = QFileDialog.getOpenFileNames(
                self.window, "Import contacts", str(Path.home()), IMPORT_FILTER
            )
            paths = list(chosen)
            if not paths:
                return
        service = self.ctx.services.interchange

        def work(control: TaskControl) -> ImportPlan:
            return service.preview(
                paths,
                progress=lambda stage, done, total: control.report(
                    done, total, STAGES.get(stage, stage)
                ),
                should_cancel=lambda: control.cancelled,
            )

        self.runner = ProgressRunner(
            self.window, self.ctx, "Reading contacts", work, self.show_preview, "cards"
        )

    def show_preview(self, plan: ImportPlan) -> None:
        if plan.total == 0:
            csv_only = records_word(plan.files) == "row"
            inform(
                self.window,
                "Import contacts",
                ("No rows were found in " if csv_only else "No vCards were found in ")
                + ", ".join(Path(f).name for f in plan.files)
                + (
                    ": the file has a header row but no contacts under it."
                    if csv_only
                    else ". A vCard file has BEGIN:VCARD … END:VCARD blocks."
                ),
            )
            return
        ids = sorted({c.existing_id for c in plan.cards if c.existing_id is not None})
        names = self.ctx.services.contacts.names(ids[:500]) if ids else {}
        self._release_plan()
        dialog = ImportPreviewDialog(plan, names, self.window)
        del plan  # the dialog holds it; see _release_plan
        dialog.accepted.connect(lambda: self._accepted(dialog))
        self.preview_dialog = dialog
        dialog.open()

    def _accepted(self, dialog: ImportPreviewDialog) -> None:
        if dialog.plan is not None:
            self.apply(dialog.plan, dialog.policy())

    def apply(self, plan: ImportPlan, policy: str) -> None:
        service = self.ctx.services.interchange
        holder = [plan]
        self._apply_holder = holder
        del plan

        def work(control: TaskControl) -> ImportReport:
            return service.apply(
                holder[0],
                policy,
                progress=lambda stage, done, total: control.report(
                    done, total, STAGES.get(stage, stage)
                ),
                should_cancel=lambda: control.cancelled,
            )

        self.runner = ProgressRunner(
            self.window, self.ctx, "Importing contacts", work, self.finished, "contacts"
        )
        self.runner.task.failed.connect(self._apply_failed)

    def _apply_failed(self, err: object, _details: str) -> None:
        if isinstance(err, Cancelled):
            self.ctx.nav.status.emit("Import cancelled; nothing was written")
        self._release_plan()

    def _release_plan(self) -> None:
        """Let go of the last plan off the GUI thread: freeing tens of thousands of cards in
        one go would freeze the window for a moment."""
        plans: list[ImportPlan] = list(self._apply_holder)
        self._apply_holder.clear()
        dialog = self.preview_dialog
        self.preview_dialog = None
        if dialog is not None:
            if dialog.plan is not None:
                plans.append(dialog.plan)
            dialog.plan = None
            dialog.deleteLater()
        if not plans:
            return

        def drop(_control: TaskControl) -> None:
            release_plans(plans)

        self.ctx.worker.submit(drop, name="release an import plan")

    def finished(self, report: ImportReport) -> None:
        self._release_plan()
        self.last_report = report
        self.ctx.bus.publish(report.change)
        if report.undo is not None:
            self.ctx.undo.push(ImportCommand(self, report.undo))
        self.ctx.nav.status.emit(f"Import finished: {report.summary()}")
        dialog = ImportAccountDialog(report, self.window)
        self.account_dialog = dialog
        dialog.open()

    # ----------------------------------------------------------------- export
    def _selected_ids(self) -> list[int]:
        view = self.window.views.get("contacts")
        selected = getattr(view, "selected_ids", None)
        return list(selected()) if selected is not None else []

    def ask_export(self) -> None:
        contacts = self.ctx.services.contacts
        dialog = ExportDialog(self._selected_ids(), contacts.tags(), contacts.count(), self.window)
        dialog.accepted.connect(lambda: self.export_chosen(dialog))
        self.export_dialog = dialog
        dialog.open()

    def export_chosen(self, dialog: ExportDialog) -> None:
        scope, ids, tag, version = dialog.choice()
        default = {"selection": "selected", "tag": tag or "tag", "all": "contacts"}[scope]
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            "Export vCards",
            str(Path.home() / f"{default}.vcf"),
            VCARD_FILTER,
        )
        if not path:
            return
        if not path.lower().endswith(VCARD_SUFFIXES):
            path += ".vcf"
        self.export_to(path, ids, tag, version)

    def export_to(self, path: str, ids: list[int] | None, tag: str | None, version: str) -> None:
        service = self.ctx.services.interchange

        def work(control: TaskControl) -> int:
            chosen = service.export_ids(ids, tag)
            return service.export_to_file(
                path,
                chosen,
                version,
                progress=lambda stage, done, total: control.report(
                    done, total, STAGES.get(stage, stage)
                ),
                should_cancel=lambda: control.cancelled,
            )

        def done(n: int) -> None:
            self.ctx.nav.status.emit(f"Exported {_plural(n, 'contact')} to {Path(path).name}")

        self.runner = ProgressRunner(self.window, self.ctx, "Exporting vCards", work, done, "cards")


def install(window: Any) -> None:
    window.interchange = InterchangeFeature(window)
    for action in (window.interchange.import_action, window.interchange.export_action):
        action.setToolTip(
            f"{action.text().replace('&', '').rstrip('…')} "
            f"({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
        )
