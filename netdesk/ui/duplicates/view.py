"""Duplicates: groups of contacts that look like one person, strongest first, each with its
score and reasons; side by side, every field of each contact with a per-value choice; merge
(Ctrl+M), not the same person (Ctrl+Shift+M), next group (F8) — all from the keyboard.

The scan runs on a reading thread of its own with progress and Cancel. A merge runs on the
database worker and goes on the undo stack (Ctrl+Z restores both contacts exactly).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QPixmap, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.matching import DuplicateGroup, MergeChoices
from netdesk.core.matching.merge import same_value, union_values
from netdesk.core.model import Address, Change, Contact
from netdesk.ui.common.context import UiContext
from netdesk.ui.common.errors import show_error
from netdesk.ui.common.safe_text import plain_label, set_plain_tooltip
from netdesk.ui.common.worker import Task, TaskControl, run_task

MERGE_KEYS = "Ctrl+M"
REJECT_KEYS = "Ctrl+Shift+M"
NEXT_KEYS = "F8"
PREVIOUS_KEYS = "Shift+F8"
#: with at most this many contacts the scan runs by itself in the background (start-up,
#: after changes) so the navigation can show a count; bigger books scan when the view opens
AUTO_SCAN_LIMIT = 20_000

#: single-valued fields shown side by side, in form order: (field, label)
SINGLE_FIELDS: tuple[tuple[str, str], ...] = (
    ("display_name", "Shown as"),
    ("prefix", "Prefix"),
    ("given_name", "Given name"),
    ("additional_names", "Middle names"),
    ("family_name", "Family name"),
    ("suffix", "Suffix"),
    ("nickname", "Nickname"),
    ("organization", "Company"),
    ("department", "Department"),
    ("title", "Title"),
    ("birthday", "Birthday"),
    ("anniversary", "Anniversary"),
    ("met_at", "Met at"),
    ("met_on", "Met on"),
    ("cadence_days", "Keep in touch"),
    ("notes", "Notes"),
    ("photo", "Photo"),
)
LIST_FIELDS: tuple[tuple[str, str], ...] = (
    ("emails", "Email"),
    ("phones", "Phone"),
    ("addresses", "Address"),
    ("urls", "Web"),
    ("tags", "Tag"),
)


def _plain(text: str) -> QLabel:
    """A label for user data: always plain text (see netdesk.ui.common.safe_text)."""
    label = plain_label(text)
    label.setWordWrap(True)
    return label


def value_text(field: str, value: Any) -> str:
    """A field's value as one line of plain text ("" when empty)."""
    if value is None or value == "" or value == ():
        return ""
    if field == "cadence_days":
        return f"every {value} days"
    if field == "photo":
        return f"photo ({len(value.data) // 1024 or 1} KB)"
    if isinstance(value, Address):
        return value.one_line()
    if hasattr(value, "value"):
        label = getattr(value, "label", "")
        return f"{value.value}  ({label})" if label else str(value.value)
    return str(value)


def group_title(group: DuplicateGroup, names: dict[int, str]) -> str:
    who = " · ".join(names.get(i, f"#{i}") for i in group.ids)
    return f"{group.score:>3}   {who}"


class MergePanel(QWidget):
    """Every field of the contacts side by side, a column each. The survivor is picked in
    the header; single values by a radio button per row (where they differ), list values
    (emails, phones, addresses, web, tags) each by a check box, all kept by default."""

    survivor_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contacts: list[Contact] = []
        self.survivor: int | None = None
        self._field_groups: dict[str, QButtonGroup] = {}
        self._value_boxes: dict[str, list[QCheckBox]] = {}
        self.grid = QGridLayout(self)
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(6)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._keep = QButtonGroup(self)
        self._keep.idClicked.connect(self._keep_clicked)

    def _clear(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        for button in self._keep.buttons():
            self._keep.removeButton(button)
        self._field_groups.clear()
        self._value_boxes.clear()

    def set_contacts(self, contacts: Sequence[Contact], survivor: int) -> None:
        self.contacts = list(contacts)
        self.survivor = survivor
        self._build()

    def _keep_clicked(self, contact_id: int) -> None:
        if contact_id != self.survivor:
            self.survivor = contact_id
            self._build()
            self.survivor_changed.emit(contact_id)

    def ordered(self) -> list[Contact]:
        """The survivor first, then the others (the order a merge takes values in)."""
        return sorted(self.contacts, key=lambda c: c.id != self.survivor)

    def _build(self) -> None:
        self._clear()
        contacts = self.contacts
        for col, c in enumerate(contacts, start=1):
            assert c.id is not None
            head = plain_label(c.name)
            head.setStyleSheet("font-weight: bold")
            self.grid.addWidget(head, 0, col)
            keep = QRadioButton("Keep this contact")
            keep.setObjectName(f"keep-{c.id}")
            keep.setToolTip("This contact keeps its id; the others are merged into it")
            keep.setChecked(c.id == self.survivor)
            self._keep.addButton(keep, c.id)
            self.grid.addWidget(keep, 1, col)
        row = 2
        survivor = next((c for c in contacts if c.id == self.survivor), contacts[0])
        for field, label in SINGLE_FIELDS:
            values = [getattr(c, field) for c in contacts]
            texts = [value_text(field, v) for v in values]
            if not any(texts):
                continue
            self.grid.addWidget(plain_label(label), row, 0, Qt.AlignmentFlag.AlignTop)
            distinct = {t for t in texts if t}
            choose = len(distinct) > 1 or (field == "photo" and len(distinct) >= 1)
            group = QButtonGroup(self) if choose else None
            default = getattr(survivor, field)
            pick = (
                survivor.id
                if value_text(field, default)
                else next(c.id for c, t in zip(contacts, texts, strict=True) if t)
            )
            for col, (c, text) in enumerate(zip(contacts, texts, strict=True), start=1):
                if not text:
                    continue
                cell = self._single_cell(field, c, text, group, pick)
                self.grid.addWidget(cell, row, col, Qt.AlignmentFlag.AlignTop)
            if group is not None:
                self._field_groups[field] = group
            row += 1
        ordered = self.ordered()
        for kind, label in LIST_FIELDS:
            union = union_values(kind, [getattr(c, kind) for c in ordered])
            boxes: list[QCheckBox] = []
            for n, value in enumerate(union):
                self.grid.addWidget(
                    plain_label(label if n == 0 else ""), row, 0, Qt.AlignmentFlag.AlignTop
                )
                owners = [
                    col
                    for col, c in enumerate(contacts, start=1)
                    if any(same_value(kind, value, v) for v in getattr(c, kind))
                ]
                text = value_text(kind, value) if kind != "tags" else str(value)
                box = QCheckBox(text)
                box.setChecked(True)
                box.setToolTip("Keep this value on the merged contact")
                boxes.append(box)
                first = owners[0] if owners else 1
                self.grid.addWidget(box, row, first, Qt.AlignmentFlag.AlignTop)
                for col in owners[1:]:
                    same = _plain("✓ same")
                    same.setEnabled(False)
                    self.grid.addWidget(same, row, col, Qt.AlignmentFlag.AlignTop)
                row += 1
            self._value_boxes[kind] = boxes
        for col in range(1, len(contacts) + 1):
            self.grid.setColumnStretch(col, 1)

    def _single_cell(
        self, field: str, c: Contact, text: str, group: QButtonGroup | None, pick: int | None
    ) -> QWidget:
        assert c.id is not None
        if field == "photo" and c.photo is not None:
            box = QWidget()
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            pic = QLabel()
            pixmap = QPixmap()
            pixmap.loadFromData(QByteArray(c.photo.data))
            if not pixmap.isNull():
                pic.setPixmap(pixmap.scaled(72, 72, Qt.AspectRatioMode.KeepAspectRatio))
            lay.addWidget(pic)
            if group is not None:
                radio = QRadioButton("Use this photo")
                radio.setChecked(c.id == pick)
                group.addButton(radio, c.id)
                lay.addWidget(radio)
            return box
        if group is None:
            return _plain(text)
        radio = QRadioButton(text.replace("\n", " ⏎ "))
        set_plain_tooltip(radio, text)
        radio.setChecked(c.id == pick)
        group.addButton(radio, c.id)
        return radio

    def choices(self) -> MergeChoices:
        fields = {f: g.checkedId() for f, g in self._field_groups.items() if g.checkedId() >= 0}
        dropped = {
            kind: frozenset(n for n, b in enumerate(boxes) if not b.isChecked())
            for kind, boxes in self._value_boxes.items()
            if any(not b.isChecked() for b in boxes)
        }
        return MergeChoices(fields=fields, dropped=dropped)

    def radio(self, field: str, contact_id: int) -> QAbstractButton | None:
        group = self._field_groups.get(field)
        return group.button(contact_id) if group is not None else None

    def value_boxes(self, kind: str) -> list[QCheckBox]:
        return list(self._value_boxes.get(kind, []))


class MergeCommand(QUndoCommand):
    """A merge on the undo stack, pushed once written (the first redo does nothing). Undo
    and redo run on the database worker."""

    def __init__(self, view: DuplicatesView, result: Any) -> None:
        n = 1 + len(result.merged_ids)
        super().__init__(f"Merge of {n} contacts")
        self.view = view
        self.ctx = view.ctx
        self.result = result
        self._skip = True
        self.task: Task | None = None

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        service = self.ctx.services.duplicates
        result = self.result

        def done(new: Any) -> None:
            self.result = new
            self.ctx.bus.publish(new.change)
            self.ctx.nav.status.emit("Merge redone")

        self.task = self.ctx.worker.submit(
            lambda _c: service.redo_merge(result),
            on_success=done,
            on_error=lambda err, details: show_error(self.view, "Redo failed", err, details),
            name="Redo merge",
        )

    def undo(self) -> None:
        service = self.ctx.services.duplicates
        result = self.result

        def done(change: Change) -> None:
            self.ctx.bus.publish(change)
            self.ctx.nav.status.emit(
                f"Merge undone: {1 + len(result.merged_ids)} contacts are back as they were"
            )

        self.task = self.ctx.worker.submit(
            lambda _c: service.undo_merge(result),
            on_success=done,
            on_error=lambda err, details: show_error(self.view, "Undo failed", err, details),
            name="Undo merge",
        )


class DuplicatesView(QWidget):
    """The Duplicates view (see the module docstring)."""

    #: groups found by the last scan (for the navigation's count)
    count_changed = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.groups: list[DuplicateGroup] = []
        self.names: dict[int, str] = {}
        self.scan_task: Task | None = None
        self.merge_task: Task | None = None
        self._stale = True
        self._rescan_after_scan = False
        #: changes this view made itself (a merge, a decision): the list is already right
        self._own_changes = 0

        title = QLabel("Duplicates")
        title.setStyleSheet("font-size: 16pt; font-weight: bold")
        self.summary = _plain("")
        self.summary.setObjectName("duplicates-summary")
        self.rescan = QPushButton("Scan again")
        self.rescan.clicked.connect(self.scan)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.cancel = QPushButton("Cancel")
        self.cancel.clicked.connect(self.cancel_scan)
        self.progress.hide()
        self.cancel.hide()
        top = QHBoxLayout()
        top.addWidget(title)
        top.addWidget(self.summary, 1)
        top.addWidget(self.progress)
        top.addWidget(self.cancel)
        top.addWidget(self.rescan)

        self.list = QListWidget()
        self.list.setObjectName("duplicate-groups")
        self.list.setUniformItemSizes(True)
        self.list.currentRowChanged.connect(self._show_group)

        self.reasons = _plain("")
        self.reasons.setObjectName("duplicate-reasons")
        self.panel = MergePanel()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.panel)
        self.empty = _plain("")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.merge_button = QPushButton(f"Merge ({MERGE_KEYS})")
        self.reject_button = QPushButton(f"Not the same person ({REJECT_KEYS})")
        self.next_button = QPushButton(f"Next group ({NEXT_KEYS})")
        for button in (self.merge_button, self.reject_button, self.next_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.merge_button.clicked.connect(self.merge_current)
        self.reject_button.clicked.connect(self.reject_current)
        self.next_button.clicked.connect(self.next_group)
        buttons = QHBoxLayout()
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.reject_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)

        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(0, 0, 0, 0)
        rlay.addWidget(self.reasons)
        rlay.addWidget(scroll, 1)
        rlay.addWidget(self.empty, 1)
        rlay.addLayout(buttons)
        self.scroll = scroll

        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setSizes([300, 800])

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(split, 1)

        self.actions_by_name: dict[str, QAction] = {}
        for name, text, keys, slot in (
            ("merge", "Merge these contacts", MERGE_KEYS, self.merge_current),
            ("reject", "Not the same person", REJECT_KEYS, self.reject_current),
            ("next", "Next duplicate group", NEXT_KEYS, self.next_group),
            ("previous", "Previous duplicate group", PREVIOUS_KEYS, self.previous_group),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            self.actions_by_name[name] = action

        self._auto = QTimer(self)
        self._auto.setSingleShot(True)
        self._auto.setInterval(3000)
        self._auto.timeout.connect(self._auto_scan)
        ctx.bus.changed.connect(self.on_change)
        self._show_group(-1)

    # ------------------------------------------------------------------ scanning
    def on_activated(self) -> None:
        if self._stale and self.scan_task is None:
            self.scan()
        self.list.setFocus()

    def on_change(self, change: Change) -> None:
        if not (change.contacts or change.everything):
            return
        if self._own_changes:
            self._own_changes -= 1
            return
        self._stale = True
        if self.isVisible():
            QTimer.singleShot(0, self.scan)
        else:
            self._auto.start()

    def start_background_scan(self) -> None:
        """Scan soon, off the GUI thread, if the address book is small enough."""
        self._auto.start()

    def _auto_scan(self) -> None:
        if self.ctx.services.contacts.count() <= AUTO_SCAN_LIMIT:
            self.scan()

    def scan(self) -> None:
        if self.scan_task is not None:
            self._rescan_after_scan = True
            return
        service = self.ctx.services.duplicates
        self._stale = False
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel.show()
        self.rescan.setEnabled(False)
        self.summary.setText("Looking for duplicates…")

        def work(control: TaskControl) -> list[DuplicateGroup]:
            return service.scan(
                progress=lambda stage, done, total: control.report(done, total, stage),
                should_stop=lambda: control.cancelled,
            )

        task = Task(work, "Looking for duplicates")
        task.succeeded.connect(self._scanned)
        task.failed.connect(self._scan_failed)
        task.progress.connect(self._scan_progress)
        self.scan_task = task
        policy = self.ctx.gc_policy  # no collection while the scan builds its groups
        if policy is not None:
            policy.long_task_started()
            task.finished.connect(policy.long_task_finished)
        # The scan only reads: it runs on a thread of its own (SQLite WAL lets it read while
        # the database worker writes), so a long scan never holds up a save.
        threading.Thread(target=run_task, args=(task,), name="netdesk-scan", daemon=True).start()

    def cancel_scan(self) -> None:
        if self.scan_task is not None:
            self.scan_task.cancel()

    def _scan_progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
            self.progress.setFormat(f"{text}: {done:,} of {total:,}")

    def _scan_ended(self) -> None:
        self.scan_task = None
        self.progress.hide()
        self.cancel.hide()
        self.rescan.setEnabled(True)
        if self._rescan_after_scan:
            self._rescan_after_scan = False
            QTimer.singleShot(0, self.scan)

    def _scan_failed(self, err: BaseException, details: str) -> None:
        from netdesk.services.demo import Cancelled

        self._scan_ended()
        self._stale = True
        if isinstance(err, Cancelled):
            self.summary.setText("Scan cancelled. Press “Scan again” to look for duplicates.")
            return
        show_error(self, "Looking for duplicates failed", err, details)

    def _scanned(self, groups: list[DuplicateGroup]) -> None:
        self._scan_ended()
        self.set_groups(groups)

    def set_groups(self, groups: list[DuplicateGroup]) -> None:
        keep = self.current_group()
        self.groups = groups
        ids = sorted({i for g in groups for i in g.ids})
        self.names = self.ctx.services.contacts.names(ids) if ids else {}
        self.list.blockSignals(True)
        self.list.clear()
        for g in groups:
            item = QListWidgetItem(group_title(g, self.names))
            set_plain_tooltip(item, "\n".join(g.reasons))
            self.list.addItem(item)
        self.list.blockSignals(False)
        n = len(groups)
        if n:
            people = sum(len(g.ids) for g in groups)
            self.summary.setText(
                f"{n:,} group{'s' if n != 1 else ''} of contacts that look like one person "
                f"({people:,} contacts), strongest first"
            )
        else:
            self.summary.setText("No duplicates found.")
        row = 0
        if keep is not None:
            row = next((r for r, g in enumerate(groups) if g.ids == keep.ids), 0)
        self.list.setCurrentRow(row if n else -1)
        self._show_group(self.list.currentRow())
        self.count_changed.emit(n)

    # ------------------------------------------------------------------ reviewing
    def current_group(self) -> DuplicateGroup | None:
        row = self.list.currentRow()
        return self.groups[row] if 0 <= row < len(self.groups) else None

    def _show_group(self, row: int) -> None:
        group = self.groups[row] if 0 <= row < len(self.groups) else None
        has = group is not None
        for w in (self.merge_button, self.reject_button, self.next_button):
            w.setEnabled(has)
        self.scroll.setVisible(has)
        self.reasons.setVisible(has)
        self.empty.setVisible(not has)
        if group is None:
            self.empty.setText(
                "No duplicates found: every contact looks like a different person."
                if not self._stale or self.groups
                else "Press “Scan again” to look for contacts that are the same person."
            )
            return
        from netdesk.services.duplicates import pick_survivor

        contacts = self.ctx.services.duplicates.contacts(group.ids)
        if len(contacts) < 2:  # merged or deleted meanwhile
            self.reasons.setText("These contacts have changed since the scan.")
            self.scroll.hide()
            return
        self.reasons.setText(f"Score {group.score} of 100 — " + "; ".join(group.reasons))
        self.panel.set_contacts(contacts, pick_survivor(contacts))

    def next_group(self) -> None:
        if self.groups:
            self.list.setCurrentRow(min(self.list.currentRow() + 1, len(self.groups) - 1))

    def previous_group(self) -> None:
        if self.groups:
            self.list.setCurrentRow(max(self.list.currentRow() - 1, 0))

    def _drop_current(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self.groups.pop(row)
        self.list.blockSignals(True)
        self.list.takeItem(row)
        self.list.blockSignals(False)
        self.list.setCurrentRow(min(row, len(self.groups) - 1))
        self._show_group(self.list.currentRow())
        self.count_changed.emit(len(self.groups))

    def reject_current(self) -> None:
        group = self.current_group()
        if group is None:
            return
        service = self.ctx.services.duplicates
        ids = group.ids
        for n, a in enumerate(ids):
            for b in ids[n + 1 :]:
                service.reject(a, b)
        self._drop_current()
        self.ctx.nav.status.emit("Remembered: not the same person")

    def merge_current(self) -> None:
        group = self.current_group()
        if group is None or self.merge_task is not None or self.panel.survivor is None:
            return
        service = self.ctx.services.duplicates
        ids, keep, choices = group.ids, self.panel.survivor, self.panel.choices()
        self.merge_button.setEnabled(False)

        def done(result: Any) -> None:
            self.merge_task = None
            self.ctx.undo.push(MergeCommand(self, result))
            self._drop_current()
            self._own_changes += 1
            self.ctx.bus.publish(result.change)
            name = self.names.get(result.survivor_id, "")
            self.ctx.nav.status.emit(f"Merged {len(ids)} contacts into {name} (Ctrl+Z undoes)")

        def failed(err: BaseException, details: str) -> None:
            self.merge_task = None
            self.merge_button.setEnabled(True)
            show_error(self, "Merge failed", err, details)

        self.merge_task = self.ctx.worker.submit(
            lambda _c: service.merge(ids, keep=keep, choices=choices),
            on_success=done,
            on_error=failed,
            name="Merging contacts",
        )
