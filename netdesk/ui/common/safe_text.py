"""Text from users and files is shown as text, never as markup.

Qt guesses: a QLabel, a QMessageBox, a tooltip (of a widget, an action or an item model's
ToolTipRole) and QTextEdit.setText treat a string as HTML when ``Qt.mightBeRichText`` says it
looks like HTML. A name such as ``Jane<img src=/dev/zero>`` then loads a local file (and
``/dev/zero`` never ends). Every place that shows user or file data goes through this module:

- ``plain_label`` / ``make_plain``: a QLabel whose text is always plain text;
- ``plain_tooltip`` / ``set_plain_tooltip``: a tooltip string that shows exactly its text
  (Qt has no plain-text tooltip, so a string that Qt would read as HTML is escaped);
- ``message_box``, ``ask``, ``inform``: message boxes with plain text;
- ``escape``: for the few places that build rich text on purpose (a bold heading).

Status-bar messages, window titles, buttons, line edits and item views' DisplayRole (painted by
our delegates with ``QPainter.drawText``) are plain by nature and need nothing.
"""

from __future__ import annotations

import html
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

__all__ = [
    "ask",
    "escape",
    "inform",
    "make_plain",
    "message_box",
    "no_mnemonic",
    "plain_label",
    "plain_tooltip",
    "set_plain_tooltip",
]

#: object names Qt gives the two text labels of a QMessageBox
_BOX_LABELS = ("qt_msgbox_label", "qt_msgbox_informativelabel")


def escape(text: object) -> str:
    """``text`` as HTML that shows exactly these characters (quotes too: safe in attributes)."""
    return html.escape(str(text), quote=True)


def make_plain(label: QLabel) -> QLabel:
    """Make an existing label show its text as plain text, whatever the text looks like."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setOpenExternalLinks(False)
    return label


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that shows ``text`` (user or file data) as plain text."""
    label = make_plain(QLabel(parent))
    label.setText(text)
    return label


def plain_tooltip(text: str) -> str:
    """A tooltip string that shows ``text`` literally.

    Qt shows a tooltip as HTML exactly when ``Qt.mightBeRichText`` is true; such a string is
    escaped and wrapped in a paragraph that keeps its line breaks. Any other string is already
    shown as plain text and is returned unchanged (so ordinary tooltips stay as they were).
    """
    if not text or not QtGuiNamespace.mightBeRichText(text):
        return text
    return f"<p style='white-space:pre-wrap'>{escape(text)}</p>"


class _HasToolTip(Protocol):
    def setToolTip(self, text: str, /) -> None: ...


def set_plain_tooltip(target: _HasToolTip, text: str) -> None:
    """Set the tooltip of a widget, an action or an item (QTableWidgetItem…) to plain ``text``."""
    target.setToolTip(plain_tooltip(text))


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    informative: str = "",
    detail: str = "",
) -> QMessageBox:
    """A message box whose text and informative text are plain text (not shown yet)."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    if detail:
        box.setDetailedText(detail)  # a QTextEdit filled with setPlainText by Qt
    _plain_box_labels(box)
    return box


def _plain_box_labels(box: QMessageBox) -> None:
    """Qt's informative-text label keeps AutoText (and opens links): make both labels plain."""
    for label in box.findChildren(QLabel):
        if label.objectName() in _BOX_LABELS:
            make_plain(label)


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton,
    default: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton,
    informative: str = "",
) -> QMessageBox.StandardButton:
    """``QMessageBox.question`` with plain text: the button the user chose."""
    box = message_box(parent, QMessageBox.Icon.Question, title, text, informative)
    box.setStandardButtons(buttons)
    if default != QMessageBox.StandardButton.NoButton:
        box.setDefaultButton(default)
    return QMessageBox.StandardButton(box.exec())


def inform(parent: QWidget | None, title: str, text: str, informative: str = "") -> None:
    """``QMessageBox.information`` with plain text."""
    box = message_box(parent, QMessageBox.Icon.Information, title, text, informative)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def no_mnemonic(text: str) -> str:
    """Text for a button or menu item that shows every ``&`` (Qt reads ``&x`` as a shortcut)."""
    return text.replace("&", "&&")
