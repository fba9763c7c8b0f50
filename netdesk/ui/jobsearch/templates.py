"""Message templates: edit the built-ins, write your own. Placeholders are listed with what
fills them; a placeholder NetDesk does not know is refused before saving."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.errors import NetDeskError
from netdesk.core.templates import PLACEHOLDER_HELP, PLACEHOLDERS, MessageTemplate, builtin_template
from netdesk.ui.common.context import UiContext
from netdesk.ui.common.widgets import add_save_shortcuts


class TemplatesDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.js = ctx.services.jobsearch
        self.setWindowTitle("Message templates")
        self.setMinimumSize(760, 480)
        self.list = QListWidget()
        self.list.setObjectName("templates-list")
        self.name = QLineEdit()
        self.subject = QLineEdit()
        self.body = QPlainTextEdit()
        self.body.setTabChangesFocus(True)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #c0392b")
        self.error.setWordWrap(True)
        help_text = QLabel(
            "Placeholders: "
            + "  ".join(f"{{{p}}}" for p in PLACEHOLDERS)
            + "\nWrite {{ or }} for a literal brace. A placeholder with no value for someone "
            "is flagged before sending, never sent empty."
        )
        help_text.setTextFormat(Qt.TextFormat.PlainText)
        help_text.setWordWrap(True)
        help_text.setToolTip("\n".join(f"{{{k}}}: {v}" for k, v in PLACEHOLDER_HELP.items()))
        self.save_button = QPushButton("&Save")
        self.save_button.setToolTip("Save this template (Ctrl+Enter)")
        self.new_button = QPushButton("&New")
        self.delete_button = QPushButton("&Delete")
        self.reset_button = QPushButton("&Restore the original")
        self.reset_button.setToolTip("Put back NetDesk's text for this built-in template")
        buttons = QHBoxLayout()
        for b in (self.save_button, self.new_button, self.delete_button, self.reset_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        form_box = QWidget()
        form = QFormLayout(form_box)
        form.addRow("&Name", self.name)
        form.addRow("S&ubject", self.subject)
        form.addRow("&Message", self.body)
        form.addRow(help_text)
        form.addRow(self.error)
        form.addRow(buttons)
        row = QHBoxLayout()
        self.list.setMinimumWidth(300)
        row.addWidget(self.list, 2)
        row.addWidget(form_box, 3)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(close)
        self.list.currentRowChanged.connect(self._show)
        self.save_button.clicked.connect(self.save)
        self.new_button.clicked.connect(self.new)
        self.delete_button.clicked.connect(self.delete)
        self.reset_button.clicked.connect(self.restore)
        add_save_shortcuts(self, self.save)
        self.current: MessageTemplate | None = None
        self._fill()

    def _fill(self, select_id: int | None = None) -> None:
        self.templates = self.js.templates()
        self.list.blockSignals(True)
        self.list.clear()
        for t in self.templates:
            item = QListWidgetItem(t.name + ("  (built-in)" if t.builtin_key else ""))
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        row = next((n for n, t in enumerate(self.templates) if t.id == select_id), 0)
        self.list.setCurrentRow(row)
        self._show(row)

    def _show(self, row: int) -> None:
        t = self.templates[row] if 0 <= row < len(self.templates) else None
        self.current = t
        self.name.setText(t.name if t else "")
        self.subject.setText(t.subject if t else "")
        self.body.setPlainText(t.body if t else "")
        self.error.setText("")
        self.delete_button.setEnabled(t is not None and not t.builtin_key)
        self.reset_button.setEnabled(t is not None and bool(t.builtin_key))

    def edited(self) -> MessageTemplate:
        base = self.current or MessageTemplate("", "", "")
        return replace(
            base, name=self.name.text(), subject=self.subject.text(), body=self.body.toPlainText()
        )

    def save(self) -> int | None:
        try:
            tid = self.js.save_template(self.edited())
        except NetDeskError as err:
            self.error.setText(err.message)
            return None
        self.ctx.nav.status.emit(f"Saved the template “{self.name.text().strip()}”")
        self._fill(tid)
        return tid

    def new(self) -> None:
        self.list.clearSelection()
        self.current = None
        self.name.setText("")
        self.subject.setText("")
        self.body.setPlainText("Hi {first_name},\n\n\n\nBest,\n{my_name}")
        self.delete_button.setEnabled(False)
        self.reset_button.setEnabled(False)
        self.name.setFocus()

    def delete(self) -> None:
        if self.current is None or self.current.id is None:
            return
        try:
            self.js.delete_template(self.current.id)
        except NetDeskError as err:
            self.error.setText(err.message)
            return
        self._fill()

    def restore(self) -> None:
        if self.current is None or not self.current.builtin_key:
            return
        original = builtin_template(self.current.builtin_key)
        self.subject.setText(original.subject)
        self.body.setPlainText(original.body)
        self.save()


def open_templates(ctx: UiContext, parent: QWidget | None) -> TemplatesDialog:
    dialog = TemplatesDialog(ctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
