"""The contact changed elsewhere while it was being edited, and both sides changed the same
fields: one row per field with the value as the user typed it and as it is now, a choice per
row. Nothing is written until the user chooses ("Save with these choices") or cancels."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.merge import MINE, THEIRS, FieldConflict, describe_value
from netdesk.ui.common.safe_text import no_mnemonic, plain_label, set_plain_tooltip


def _plain(text: str) -> QLabel:
    label = plain_label(text)
    label.setWordWrap(True)
    return label


class ConflictDialog(QDialog):
    """Choose, per conflicting field, "my version" or "as it is now"."""

    def __init__(
        self,
        name: str,
        conflicts: Sequence[FieldConflict],
        names: Mapping[int, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Changed elsewhere")
        self.conflicts = tuple(conflicts)
        intro = _plain(
            f"{name} was changed elsewhere while you edited it (an import, another window or "
            "the command line). Everything else was merged; these fields were changed on both "
            "sides. Choose which value to keep; nothing is saved until you do."
        )
        grid = QGridLayout()
        grid.setVerticalSpacing(8)
        grid.setHorizontalSpacing(16)
        for col, title in enumerate(("Field", "Your version", "As it is now")):
            head = _plain(title)
            head.setObjectName("heading")
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            grid.addWidget(head, 0, col)
        self.groups: dict[str, QButtonGroup] = {}
        self.buttons: dict[tuple[str, str], QRadioButton] = {}
        for row, conflict in enumerate(self.conflicts, start=1):
            grid.addWidget(_plain(conflict.label), row, 0)
            group = QButtonGroup(self)
            for col, side, value in ((1, MINE, conflict.mine), (2, THEIRS, conflict.theirs)):
                text = describe_value(conflict.field, value, names)
                button = QRadioButton(no_mnemonic(text if len(text) <= 80 else text[:77] + "…"))
                set_plain_tooltip(button, text)
                button.setAccessibleName(f"{conflict.label}: {text}")
                group.addButton(button)
                grid.addWidget(button, row, col)
                self.buttons[(conflict.field, side)] = button
            self.buttons[(conflict.field, MINE)].setChecked(True)
            self.groups[conflict.field] = group
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Save with these choices")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.button_box = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(grid)
        layout.addWidget(buttons)

    def choose(self, field: str, side: str) -> None:
        self.buttons[(field, side)].setChecked(True)

    def choices(self) -> dict[str, str]:
        return {
            c.field: MINE if self.buttons[(c.field, MINE)].isChecked() else THEIRS
            for c in self.conflicts
        }
