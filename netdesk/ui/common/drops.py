"""What a drag carries that NetDesk can import: the rule shared by the window (interchange)
and the contact list (contacts), so a drop is accepted in the same cases everywhere."""

from __future__ import annotations

from PySide6.QtGui import QDragEnterEvent, QDropEvent

from netdesk.formats.csv import VCARD_SUFFIXES

#: the files File → Import reads: vCards and CSV exports
IMPORT_SUFFIXES = (*VCARD_SUFFIXES, ".csv")


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
