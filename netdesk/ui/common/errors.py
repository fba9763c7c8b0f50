"""Error dialogs: the message in plain words, technical detail behind "Show details", a
button to copy it; uncaught exceptions are logged and the app keeps running."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from netdesk.core.errors import NetDeskError
from netdesk.ui.common.safe_text import message_box

log = logging.getLogger("netdesk")


def startup_error_box(err: NetDeskError) -> QMessageBox:
    """The box that says, before any window exists, why the database cannot be opened."""
    title = "NetDesk cannot open its database"
    return message_box(None, QMessageBox.Icon.Critical, title, err.message, detail=err.detail)


def show_error(parent: QWidget | None, title: str, err: BaseException, details: str = "") -> None:
    message = err.message if isinstance(err, NetDeskError) else f"{type(err).__name__}: {err}"
    detail = details or (err.detail if isinstance(err, NetDeskError) else "")
    box = message_box(parent, QMessageBox.Icon.Warning, title, message, detail=detail)
    if detail:
        copy = QPushButton("Copy details")
        box.addButton(copy, QMessageBox.ButtonRole.ActionRole)
        copy.clicked.disconnect()
        copy.clicked.connect(lambda: QApplication.clipboard().setText(f"{message}\n\n{detail}"))
    box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()


def install_excepthook() -> None:
    """Uncaught exceptions: written to the log, shown in a dialog, and the app goes on."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(kind, value, tb))
        log.error("Uncaught exception\n%s", text)
        if QApplication.instance() is None or not issubclass(kind, Exception):
            previous(kind, value, tb)
            return
        show_error(
            QApplication.activeWindow(),
            "Something went wrong",
            value
            if isinstance(value, NetDeskError)
            else RuntimeError(
                f"NetDesk hit an unexpected problem ({kind.__name__}: {value}). Your saved data "
                "is safe; the last action may not have finished."
            ),
            text,
        )

    sys.excepthook = hook
