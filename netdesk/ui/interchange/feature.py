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
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.model import Change
from netdesk.formats.csv import (
    FIELDS,
    VCARD_SUFFIXES,
    CsvLayout,
    CsvOptions,
    field_title,
    record_word,
    records_word,
)
from netdesk.services.interchange import (
    CONFLICT_FIELDS,
    Cancelled,
    ImportPlan,
    ImportReport,
    ImportUndo,
    PlannedCard,
    release_plans,
)
from netdesk.ui.common.errors import show_error
from netdesk.ui.common.safe_text import escape, inform, set_plain_tooltip
from netdesk.ui.common.tasks import ProgressRunner
from netdesk.ui.common.worker import TaskControl

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
        self.resize(820, 600)
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

        self.tabs = QTabWidget()
        self.tabs.setObjectName("preview_tabs")
        self.people = self._people_table(plan, names)
        self.tabs.addTab(self.people, "People")
        self.tabs.addTab(self.matches, "Matches and problems")
        self.column_tables: dict[str, QTableWidget] = {}
        self.encodings: dict[str, QComboBox] = {}
        self.no_header: dict[str, QCheckBox] = {}
        for csv_layout in plan.csv_layouts:
            self.tabs.addTab(
                self._columns_page(csv_layout), f"Columns of {Path(csv_layout.file).name}"
            )
        layout.addWidget(self.tabs, 1)
        self._add_warnings(plan, layout)
        for button in self.policy_buttons.values():
            button.toggled.connect(self._policy_changed)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setDefault(True)
        self.import_button.setEnabled(bool(plan.cards))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _add_warnings(self, plan: ImportPlan, layout: QVBoxLayout) -> None:
        """What the reader dropped, cut or guessed in the cards (lines over a limit, lines it
        could not read, a guessed charset), one row per warning, the first 500 shown."""
        warnings = plan.warnings
        self.warnings_label = QLabel(
            f"While reading, {_plural(len(warnings), 'note')} about lines that were dropped or "
            "read differently" + (" (the first 500 are listed):" if len(warnings) > 500 else ":")
        )
        self.warnings_label.setObjectName("warnings_label")
        self.warnings_label.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings_label.setWordWrap(True)
        self.warnings = QTableWidget(min(len(warnings), 500), 3)
        self.warnings.setObjectName("warnings")
        self.warnings.setHorizontalHeaderLabels(["Card", "Line", "What happened"])
        self.warnings.verticalHeader().setVisible(False)
        self.warnings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.warnings.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, w in enumerate(warnings[:500]):
            where = f"{Path(w.file).name}, {record_word(w.file)} {w.card}"
            for col, text in enumerate((where, str(w.line), w.reason)):
                item = QTableWidgetItem(text)
                item.setToolTip(w.file if col == 0 else text)
                self.warnings.setItem(row, col, item)
        self.warnings.resizeColumnsToContents()
        self.warnings_label.setVisible(bool(warnings))
        self.warnings.setVisible(bool(warnings))
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.warnings, 1)

    def policy(self) -> str:
        for key, button in self.policy_buttons.items():
            if button.isChecked():
                return key
        return "merge"

    # ------------------------------------------------------------- people
    #: what the preview calls each choice for one record
    ACTIONS = (("add", "Add"), ("merge", "Merge"), ("skip", "Skip"))
    #: rows with their own choice (beyond these, the policy decides)
    PEOPLE_ROWS = 500

    def _default_action(self, card: PlannedCard, policy: str) -> str:
        if card.kind == "new":
            return "add"
        return {"merge": "merge", "skip": "skip", "new": "add"}[policy]

    def _people_table(self, plan: ImportPlan, names: dict[int, str]) -> QTableWidget:
        """Every record to be added, merged or skipped, by name, with the contact it matches
        and why, what differs, and a choice per row that overrides the policy."""
        table = QTableWidget(0, 6)
        table.setObjectName("people")
        table.setHorizontalHeaderLabels(
            ["Record", "Name", "Will be", "Matches", "Because", "Differs (kept in notes)"]
        )
        table.verticalHeader().setVisible(False)
        table.setWordWrap(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.action_boxes: dict[int, QComboBox] = {}
        self.chosen: dict[int, str] = {}
        cards = plan.cards[: self.PEOPLE_ROWS]
        table.setRowCount(len(cards))
        for row, card in enumerate(cards):
            if card.kind == "match" and card.existing_id is not None:
                other = names.get(card.existing_id, f"contact {card.existing_id}")
            elif card.kind == "duplicate":
                first = plan.cards[card.duplicate_of or 0]
                other = f"{record_word(first.file)} {first.card} ({first.contact.name})"
            else:
                other = ""
            differs = "; ".join(
                f"{CONFLICT_FIELDS.get(f, f)}: {kept} / {incoming}"
                for f, kept, incoming in card.conflicts
            )
            where = f"{record_word(card.file)} {card.card}"
            for col, text in ((0, where), (1, card.contact.name), (3, other), (4, card.reason)):
                item = QTableWidgetItem(text)
                set_plain_tooltip(item, text)
                table.setItem(row, col, item)
            item = QTableWidgetItem(differs)
            set_plain_tooltip(item, differs)
            table.setItem(row, 5, item)
            box = QComboBox()
            box.setObjectName(f"action_{row}")
            for key, text in self.ACTIONS:
                if key == "merge" and card.kind == "new":
                    continue  # nothing to merge into
                box.addItem(text, key)
            box.setCurrentIndex(box.findData(self._default_action(card, "merge")))
            box.activated.connect(lambda _i, r=row: self._chosen(r))
            table.setCellWidget(row, 2, box)
            self.action_boxes[row] = box
        table.resizeColumnsToContents()
        return table

    def _chosen(self, row: int) -> None:
        self.chosen[row] = str(self.action_boxes[row].currentData())

    def _policy_changed(self, checked: bool) -> None:
        if not checked or self.plan is None:
            return
        policy = self.policy()
        for row, box in self.action_boxes.items():
            if row not in self.chosen:
                box.setCurrentIndex(
                    box.findData(self._default_action(self.plan.cards[row], policy))
                )

    def choices(self) -> dict[int, str]:
        """The records whose action the user chose (index in the plan -> add/merge/skip)."""
        return dict(self.chosen)

    # ------------------------------------------------------------ columns
    #: encodings offered besides the one a file was read with
    ENCODINGS = (
        "utf-8",
        "utf-8-sig",
        "cp1252",
        "iso-8859-15",
        "cp1250",
        "mac_roman",
        "utf-16",
        "cp932",
        "shift_jis",
        "euc-jp",
        "gb18030",
        "big5",
        "cp949",
        "cp1251",
        "koi8-r",
    )
    #: (file, options) when the user asks to read a CSV file again with other choices
    reread = Signal(str, object)

    def _columns_page(self, csv_layout: CsvLayout) -> QWidget:
        """How a CSV file was read: its encoding and header (changeable) and each column with
        sample values and the field it goes to (changeable)."""
        page = QWidget()
        page.setObjectName(f"columns_{Path(csv_layout.file).name}")
        box = QVBoxLayout(page)
        form = QFormLayout()
        encoding = QComboBox()
        encoding.setEditable(True)
        encoding.setObjectName("encoding")
        encoding.addItem(csv_layout.encoding)
        for name in self.ENCODINGS:
            if name != csv_layout.encoding:
                encoding.addItem(name)
        found = QLabel(f"found by: {csv_layout.encoding_detected}")
        found.setTextFormat(Qt.TextFormat.PlainText)
        row = QWidget()
        row_layout = QVBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(encoding)
        row_layout.addWidget(found)
        form.addRow("Encoding", row)
        no_header = QCheckBox("The first row is a contact (the file has no header row)")
        no_header.setObjectName("no_header")
        no_header.setChecked(not csv_layout.has_header)
        form.addRow("", no_header)
        box.addLayout(form)
        table = QTableWidget(len(csv_layout.columns), 3)
        table.setObjectName("columns")
        table.setHorizontalHeaderLabels(["Column", "Sample values", "Goes to"])
        table.verticalHeader().setVisible(False)
        table.setWordWrap(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for r, column in enumerate(csv_layout.columns):
            head = QTableWidgetItem(column.header)
            set_plain_tooltip(
                head,
                {
                    "header": "guessed from the column name",
                    "values": "guessed from its values",
                    "user": "as you chose",
                    "": "not a field NetDesk has: kept in the notes",
                }.get(column.guessed_from, ""),
            )
            table.setItem(r, 0, head)
            samples = " | ".join(column.samples)
            item = QTableWidgetItem(samples)
            set_plain_tooltip(item, samples)
            table.setItem(r, 1, item)
            field_box = QComboBox()
            if column.field not in FIELDS:
                field_box.addItem(field_title(column.field), column.field)
            for name, (title, _col) in FIELDS.items():
                field_box.addItem(title, name)
            field_box.setCurrentIndex(field_box.findData(column.field))
            field_box.setProperty("guessed", column.field)
            table.setCellWidget(r, 2, field_box)
        table.resizeColumnsToContents()
        box.addWidget(table, 1)
        again = QPushButton("&Read again with these choices")
        again.setObjectName("read_again")
        again.clicked.connect(lambda: self._read_again(csv_layout))
        box.addWidget(again)
        self.column_tables[csv_layout.file] = table
        self.encodings[csv_layout.file] = encoding
        self.no_header[csv_layout.file] = no_header
        return page

    def column_choices(self, csv_layout: CsvLayout) -> CsvOptions:
        """What the user chose for a CSV file: encoding, header, the columns they changed."""
        table = self.column_tables[csv_layout.file]
        mapping: dict[str, str] = {}
        for r, column in enumerate(csv_layout.columns):
            box = table.cellWidget(r, 2)
            assert isinstance(box, QComboBox)
            chosen = str(box.currentData())
            if chosen != box.property("guessed"):
                mapping[column.header] = chosen
        encoding = self.encodings[csv_layout.file].currentText().strip()
        return CsvOptions(
            encoding if encoding != csv_layout.encoding else None,
            self.no_header[csv_layout.file].isChecked(),
            mapping,
        )

    def _read_again(self, csv_layout: CsvLayout) -> None:
        self.reread.emit(csv_layout.file, self.column_choices(csv_layout))


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
        self.conflicts = QTableWidget(len(report.conflicts), 4)
        self.conflicts.setObjectName("conflicts")
        self.conflicts.setHorizontalHeaderLabels(
            ["Contact", "Field", "Kept", "Also seen (in notes)"]
        )
        self.conflicts.verticalHeader().setVisible(False)
        self.conflicts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.conflicts.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for row, c in enumerate(report.conflicts):
            texts = (c.display_name, CONFLICT_FIELDS.get(c.field, c.field), c.kept, c.incoming)
            for col, text in enumerate(texts):
                self.conflicts.setItem(row, col, QTableWidgetItem(text))
        self.conflicts.resizeColumnsToContents()
        self.conflicts.setVisible(bool(report.conflicts))
        if report.conflicts:
            note = QLabel(
                f"{report.values_kept:,} values were added by merging. These differed from the "
                "contact and were kept in its notes:"
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addWidget(self.conflicts, 1)
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
        #: the files of the last preview and the CSV options they were read with
        self.last_paths: list[str] = []
        self.csv_options: dict[str, CsvOptions] = {}

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

    def import_files(
        self, paths: list[str], csv_options: dict[str, CsvOptions] | None = None
    ) -> None:
        if not paths:
            chosen, _ = QFileDialog.getOpenFileNames(
                self.window, "Import contacts", str(Path.home()), IMPORT_FILTER
            )
            paths = list(chosen)
            if not paths:
                return
        service = self.ctx.services.interchange
        self.last_paths = list(paths)
        self.csv_options = dict(csv_options or {})
        options = dict(self.csv_options)
        remembered = self.ctx.services.settings.ui_state().csv_mappings

        def work(control: TaskControl) -> ImportPlan:
            return service.preview(
                paths,
                progress=lambda stage, done, total: control.report(
                    done, total, STAGES.get(stage, stage)
                ),
                should_cancel=lambda: control.cancelled,
                csv_options=options,
                csv_mappings=remembered,
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
                )
                + "".join(f"\n\n{reason}" for _file, reason in plan.no_card),
            )
            return
        ids = sorted({c.existing_id for c in plan.cards if c.existing_id is not None})
        names = self.ctx.services.contacts.names(ids[:500]) if ids else {}
        self._release_plan()
        dialog = ImportPreviewDialog(plan, names, self.window)
        del plan  # the dialog holds it; see _release_plan
        dialog.accepted.connect(lambda: self._accepted(dialog))
        dialog.reread.connect(self.read_again)
        self.preview_dialog = dialog
        dialog.open()

    def _accepted(self, dialog: ImportPreviewDialog) -> None:
        if dialog.plan is not None:
            self.apply(dialog.plan, dialog.policy(), dialog.choices())

    def read_again(self, file: str, options: CsvOptions) -> None:
        """Read the files again, this CSV file with the user's choices; a mapping of a file
        with a header is remembered for the next file with the same columns."""
        dialog = self.preview_dialog
        layout = None
        if dialog is not None and dialog.plan is not None:
            layout = next((x for x in dialog.plan.csv_layouts if x.file == file), None)
        if layout is not None and layout.has_header and options.mapping:
            settings = self.ctx.services.settings
            state = settings.ui_state()
            mappings = dict(state.csv_mappings)
            mappings[layout.signature] = {
                **mappings.get(layout.signature, {}),
                **dict(options.mapping),
            }
            settings.save_ui_state(replace(state, csv_mappings=mappings))
        previous = self.csv_options.get(file)
        if previous is not None and previous.mapping and not options.no_header:
            options = replace(options, mapping={**previous.mapping, **options.mapping})
        if dialog is not None:
            dialog.reject()
        self._release_plan()
        self.import_files(self.last_paths, {**self.csv_options, file: options})

    def apply(self, plan: ImportPlan, policy: str, choices: dict[int, str] | None = None) -> None:
        service = self.ctx.services.interchange
        holder = [plan]
        self._apply_holder = holder
        del plan

        def work(control: TaskControl) -> ImportReport:
            return service.apply(
                holder[0],
                policy,
                choices=choices,
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
