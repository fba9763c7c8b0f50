"""Preferences for the timeline and keep-in-touch: the list of interaction types, and a
default cadence per tag (for contacts with that tag and no cadence of their own)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.cadence import CADENCE_PRESETS
from netdesk.core.errors import NetDeskError, ValidationError
from netdesk.core.model import INTERACTION_TYPES, Change
from netdesk.ui.context import UiContext
from netdesk.ui.safe_text import plain_label
from netdesk.ui.views.timeline_items import type_icon
from netdesk.ui.widgets import add_save_shortcuts

CUSTOM = -1


class CadenceEditor(QWidget):
    """None / 2 weeks / monthly / quarterly / half-yearly / yearly / custom days."""

    def __init__(self, days: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        for label, value in CADENCE_PRESETS:
            self.combo.addItem(label, value)
        self.combo.addItem("Custom…", CUSTOM)
        self.spin = QSpinBox()
        self.spin.setRange(1, 3660)
        self.spin.setSuffix(" days")
        row = QHBoxLayout(self)
        row.setContentsMargins(2, 0, 2, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(self.spin)
        self.set_days(days)
        self.combo.currentIndexChanged.connect(lambda _i: self._sync())

    def set_days(self, days: int | None) -> None:
        idx = self.combo.findData(days)
        if idx < 0:
            idx = self.combo.findData(CUSTOM)
            self.spin.setValue(days or 30)
        self.combo.setCurrentIndex(idx)
        self._sync()

    def _sync(self) -> None:
        self.spin.setVisible(self.combo.currentData() == CUSTOM)

    def days(self) -> int | None:
        value = self.combo.currentData()
        return self.spin.value() if value == CUSTOM else value


class ActivityPreferencesDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Preferences")
        self.setMinimumSize(560, 520)
        # interaction types
        types_box = QGroupBox("Interaction types")
        self.types = QListWidget()
        self.types.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        for t in ctx.services.preferences.interaction_types:
            self._add_type_item(t)
        self.add_type = QPushButton("Add")
        self.remove_type = QPushButton("Remove")
        self.up = QPushButton("Up")
        self.down = QPushButton("Down")
        self.reset_types = QPushButton("Defaults")
        side = QVBoxLayout()
        for b in (self.add_type, self.remove_type, self.up, self.down, self.reset_types):
            b.setAutoDefault(False)
            side.addWidget(b)
        side.addStretch(1)
        types_row = QHBoxLayout(types_box)
        types_row.addWidget(self.types, 1)
        types_row.addLayout(side)
        # tag cadences
        tags_box = QGroupBox("Keep-in-touch cadence per tag")
        tags_layout = QVBoxLayout(tags_box)
        hint = QLabel(
            "Contacts with a tag and no cadence of their own are reminded this often (the "
            "shortest applies when several of their tags have one)."
        )
        hint.setWordWrap(True)
        self.tags = QTableWidget(0, 3)
        self.tags.setHorizontalHeaderLabels(["Tag", "Contacts", "Cadence"])
        self.tags.verticalHeader().setVisible(False)
        header = self.tags.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(2, 240)
        self.tags.verticalHeader().setDefaultSectionSize(34)
        self.tags.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cadences: dict[str, tuple[int | None, CadenceEditor]] = {}
        for tc in ctx.services.activity.tag_cadences():
            r = self.tags.rowCount()
            self.tags.insertRow(r)
            self.tags.setItem(r, 0, QTableWidgetItem(tc.tag))
            count = QTableWidgetItem(f"{tc.contacts:,}")
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.tags.setItem(r, 1, count)
            editor = CadenceEditor(tc.cadence_days)
            self.tags.setCellWidget(r, 2, editor)
            self.cadences[tc.tag] = (tc.cadence_days, editor)
        tags_layout.addWidget(hint)
        if self.cadences:
            tags_layout.addWidget(self.tags)
        else:
            self.tags.setVisible(False)
            tags_layout.addWidget(QLabel("No tags yet: tag contacts first, then set cadences."))
        self.error = plain_label()  # may quote a tag
        self.error.setStyleSheet("color: #c0392b")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(types_box, 2)
        layout.addWidget(tags_box, 3)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        add_save_shortcuts(self, self.save)
        self.add_type.clicked.connect(self.new_type)
        self.remove_type.clicked.connect(self._remove_type)
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        self.reset_types.clicked.connect(self._reset_types)
        self.change = Change()

    # ----------------------------------------------------------------- types
    def _add_type_item(self, name: str) -> QListWidgetItem:
        item = QListWidgetItem(type_icon(name), name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.types.addItem(item)
        return item

    def new_type(self) -> None:
        item = self._add_type_item("new type")
        self.types.setCurrentItem(item)
        self.types.editItem(item)

    def _remove_type(self) -> None:
        row = self.types.currentRow()
        if row >= 0:
            self.types.takeItem(row)

    def _move(self, step: int) -> None:
        row = self.types.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.types.count():
            return
        item = self.types.takeItem(row)
        self.types.insertItem(target, item)
        self.types.setCurrentRow(target)

    def _reset_types(self) -> None:
        self.types.clear()
        for t in INTERACTION_TYPES:
            self._add_type_item(t)

    def type_names(self) -> tuple[str, ...]:
        names: list[str] = []
        for n in range(self.types.count()):
            name = " ".join(self.types.item(n).text().split()).lower()
            if name and name not in names:
                names.append(name)
        return tuple(names)

    # ------------------------------------------------------------------ save
    def save(self) -> None:
        types = self.type_names()
        try:
            if not types:
                raise ValidationError("interaction types", "keep at least one type")
            services = self.ctx.services
            if types != services.preferences.interaction_types:
                services.set_preferences(replace(services.preferences, interaction_types=types))
            changed: set[int] = set()
            for tag, (before, editor) in self.cadences.items():
                if editor.days() != before:
                    changed |= services.activity.set_tag_cadence(tag, editor.days()).contacts
        except NetDeskError as err:
            self.error.setText(err.message)
            return
        self.change = Change(contacts=frozenset(changed))
        if changed:
            self.ctx.bus.publish(self.change)
        self.ctx.nav.status.emit("Preferences saved")
        self.accept()
