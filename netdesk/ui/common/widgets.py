"""Small reusable widgets."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.services.contacts import ContactService
from netdesk.ui.common.palette import (  # re-exported: the widgets' colours live there
    contrast_ratio,
    ensure_readable_palette,
    is_dark_palette,
    overdue_color,
    secondary_text_color,
    themed_style,
)

__all__ = [
    "contrast_ratio",
    "ensure_readable_palette",
    "guard_wheel",
    "is_dark_palette",
    "overdue_color",
    "secondary_text_color",
    "themed_style",
]

#: Ctrl+Enter saves a form everywhere in NetDesk (with either Enter key).
SAVE_KEYS = ("Ctrl+Return", "Ctrl+Enter")


def add_save_shortcuts(
    widget: QWidget,
    save: Callable[[], object],
    *,
    extra: Sequence[str] = (),
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
) -> None:
    """Bind the save keys (and ``extra`` ones, e.g. Ctrl+S) to ``save`` on ``widget``."""
    for key in (*extra, *SAVE_KEYS):
        QShortcut(QKeySequence(key), widget, save, context=context)


class _WheelGuard(QObject):
    """A combo or spin box that has no focus ignores the mouse wheel: the wheel scrolls the
    page it sits in instead of changing a value the user is not looking at."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(obj, QWidget) or obj.hasFocus():
            return False
        parent = obj.parentWidget()
        while parent is not None and not isinstance(parent, QAbstractScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            QApplication.sendEvent(parent.viewport(), event)
        return True  # never delivered to the box itself


_WHEEL_GUARD: _WheelGuard | None = None


def guard_wheel(root: QWidget) -> None:
    """Every combo box and spin box in ``root`` (and ``root`` itself) takes the wheel only
    when focused; call again after adding rows (boxes already guarded are skipped)."""
    global _WHEEL_GUARD
    if _WHEEL_GUARD is None:
        _WHEEL_GUARD = _WheelGuard(QApplication.instance())
    boxes: list[QWidget] = [*root.findChildren(QComboBox), *root.findChildren(QAbstractSpinBox)]
    if isinstance(root, QComboBox | QAbstractSpinBox):
        boxes.append(root)
    for box in boxes:
        if box.property("wheelGuarded"):
            continue
        box.setProperty("wheelGuarded", True)
        box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # not WheelFocus: the wheel gives none
        box.installEventFilter(_WHEEL_GUARD)


def save_cancel_buttons(dialog: QDialog, save: Callable[[], object]) -> QDialogButtonBox:
    """The Save / Cancel row of a form dialog, with Ctrl+Enter bound to ``save``."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Save).setToolTip("Save (Ctrl+Enter)")
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    add_save_shortcuts(dialog, save)
    return buttons


class ContactPicker(QWidget):
    """Type a name, pick from suggestions (Enter takes the first); chosen contacts are listed
    below and can be removed with Delete."""

    changed = Signal()

    def __init__(self, contacts: ContactService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = contacts
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Type a name, then Enter…")
        self._model = QStringListModel(self)
        self._ids: dict[str, int] = {}
        self.completer = QCompleter(self._model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.edit.setCompleter(self.completer)
        self.chosen = QListWidget()
        self.chosen.setMaximumHeight(72)
        remove = QPushButton("Remove")
        remove.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.chosen)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self._suggest)
        self.edit.textEdited.connect(self._timer.start)
        self.edit.returnPressed.connect(self._take_current)
        self.completer.activated.connect(self._take_text)
        remove.clicked.connect(self._remove_selected)

    def _suggest(self) -> None:
        text = self.edit.text().strip()
        if not text:
            return
        ids = self._service.list_ids(text)[:25]
        summaries = self._service.summaries(ids)
        labels = []
        self._ids.clear()
        for cid in ids:
            s = summaries[cid]
            label = s.display_name + (f" ({s.organization})" if s.organization else "")
            if label in self._ids:
                label = f"{label} #{cid}"
            self._ids[label] = cid
            labels.append(label)
        self._model.setStringList(labels)
        self.completer.complete()

    def _take_text(self, label: str) -> None:
        cid = self._ids.get(label)
        if cid is not None:
            self.add(cid, label)
        QTimer.singleShot(0, self.edit.clear)

    def _take_current(self) -> None:
        label = self.edit.text()
        if label not in self._ids:
            self._timer.stop()
            self._suggest()
            labels = self._model.stringList()
            if not labels:
                return
            label = labels[0]
        self._take_text(label)

    def add(self, contact_id: int, label: str | None = None) -> None:
        if contact_id in self.ids():
            return
        if label is None:
            label = self._service.names([contact_id]).get(contact_id, f"#{contact_id}")
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, contact_id)
        self.chosen.addItem(item)
        self.changed.emit()

    def _remove_selected(self) -> None:
        for item in self.chosen.selectedItems():
            self.chosen.takeItem(self.chosen.row(item))
        self.changed.emit()

    def ids(self) -> list[int]:
        return [
            self.chosen.item(n).data(Qt.ItemDataRole.UserRole) for n in range(self.chosen.count())
        ]

    def clear(self) -> None:
        self.chosen.clear()
        self.edit.clear()
