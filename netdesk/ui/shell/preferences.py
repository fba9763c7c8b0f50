"""Preferences: what people change on purpose. General: the default phone region (for
national numbers no address or email places), the date style, the keep-in-touch cadence of
new contacts and the follow-up rule after a card. Timeline and keep in touch: the list of
interaction types, and a default cadence per tag (for contacts with that tag and no cadence of
their own)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import phonenumbers
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.cadence import CADENCE_PRESETS
from netdesk.core.dates import DATE_STYLES, humanize_date, set_date_style
from netdesk.core.errors import NetDeskError, ValidationError
from netdesk.core.model import INTERACTION_TYPES, Change
from netdesk.ui.common.context import UiContext
from netdesk.ui.common.safe_text import plain_label
from netdesk.ui.common.widgets import add_save_shortcuts, guard_wheel
from netdesk.ui.timeline.items import type_icon

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


def region_name(code: str) -> str:
    """'FR — France' (the country's name as Qt knows it)."""
    territory = QLocale.codeToTerritory(code)
    name = QLocale.territoryToString(territory) if territory.value else ""
    return f"{code} — {name}" if name else code


class ActivityPreferencesDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Preferences")
        self.setMinimumSize(560, 520)
        prefs = ctx.services.preferences
        # general
        self.region = QComboBox()
        for code in sorted(phonenumbers.SUPPORTED_REGIONS):
            self.region.addItem(region_name(code), code)
        self.region.setCurrentIndex(max(0, self.region.findData(prefs.default_region)))
        self.region.setToolTip(
            "For national numbers (like 06 12 34 56 78) when neither the number, the contact's "
            "address nor the email's country domain says the country"
        )
        self.date_style = QComboBox()
        today = date.today()
        sample = today - timedelta(days=3)
        set_names = {
            "relative": "Relative: today, 3 days ago, Tue 24 Nov",
            "iso": "ISO: 2026-11-24",
        }
        for style in DATE_STYLES:
            self.date_style.addItem(set_names.get(style, style), style)
        self.date_style.setCurrentIndex(max(0, self.date_style.findData(prefs.date_format)))
        self.date_style.setToolTip(f"e.g. {humanize_date(sample, today)}")
        self.cadence = CadenceEditor(prefs.default_cadence_days)
        self.cadence.setToolTip("Keep-in-touch cadence given to new contacts")
        from netdesk.ui.cards.view import FOLLOW_UP_RULES

        self.follow_rule = QComboBox()
        for label, days in FOLLOW_UP_RULES:
            self.follow_rule.addItem(label, days)
        index = self.follow_rule.findData(prefs.capture.follow_up_days)
        if index < 0 and prefs.capture.follow_up_days is not None:
            days = prefs.capture.follow_up_days
            self.follow_rule.addItem(f"Follow up in {days} days", days)
            index = self.follow_rule.count() - 1
        self.follow_rule.setCurrentIndex(max(0, index))
        general = QWidget()
        form = QFormLayout(general)
        form.addRow("Default phone &region", self.region)
        form.addRow("&Dates", self.date_style)
        form.addRow("&Keep in touch with new contacts", self.cadence)
        form.addRow("Follow-up &after a card", self.follow_rule)
        note = QLabel(
            "The phone region is used only when the number itself (+33 …), the contact's "
            "address and the email's country domain do not say the country."
        )
        note.setWordWrap(True)
        form.addRow(note)
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
        activity = QWidget()
        activity_layout = QVBoxLayout(activity)
        activity_layout.addWidget(types_box, 2)
        activity_layout.addWidget(tags_box, 3)
        self.pages = QTabWidget()
        self.pages.addTab(general, "General")
        self.pages.addTab(activity, "Timeline and keep in touch")
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        guard_wheel(self)
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
            before = services.preferences
            after = replace(
                before,
                interaction_types=types,
                default_region=str(self.region.currentData()),
                date_format=str(self.date_style.currentData()),
                default_cadence_days=self.cadence.days(),
                capture=replace(before.capture, follow_up_days=self.follow_rule.currentData()),
            )
            if after != before:
                services.set_preferences(after)
            restyled = after.date_format != before.date_format
            set_date_style(after.date_format)
            changed: set[int] = set()
            for tag, (before, editor) in self.cadences.items():
                if editor.days() != before:
                    changed |= services.activity.set_tag_cadence(tag, editor.days()).contacts
        except NetDeskError as err:
            self.error.setText(err.message)
            return
        self.change = Change(contacts=frozenset(changed), everything=restyled)
        if changed or restyled:
            self.ctx.bus.publish(self.change)
        self.ctx.nav.status.emit("Preferences saved")
        self.accept()
