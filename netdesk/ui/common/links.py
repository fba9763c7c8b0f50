"""The one way NetDesk opens a link in another program: checked by netdesk.core.links first."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from netdesk.core.links import UnsafeLinkError, checked_url
from netdesk.ui.common.safe_text import message_box


def open_link(url: str | QUrl, parent: QWidget | None = None) -> bool:
    """Open ``url`` (mailto with subject/body, tel, http or https) in the system's handler.

    Anything else, or a link whose parts do not pass the checks, is refused with a plain message
    saying why. True when the link was handed to the system."""
    text = (
        url.toString(QUrl.ComponentFormattingOption.FullyEncoded) if isinstance(url, QUrl) else url
    )
    try:
        safe = checked_url(text)
    except UnsafeLinkError as err:
        _refuse(parent, text, err.message)
        return False
    qurl = QUrl(safe, QUrl.ParsingMode.StrictMode)
    if not qurl.isValid():
        _refuse(parent, text, qurl.errorString())
        return False
    return QDesktopServices.openUrl(qurl)


def _refuse(parent: QWidget | None, url: str, why: str) -> None:
    shown = url if len(url) <= 200 else url[:200] + "…"
    box = message_box(
        parent, QMessageBox.Icon.Warning, "Link not opened", f"NetDesk did not open {shown}", why
    )
    box.exec()
