"""A stored photo whose header claims a huge picture is not decoded by the window (issue 11
item 3: photo pixels decode-bomb safe where the photo is shown, not only on import)."""

from __future__ import annotations

import struct
import zlib
from typing import Any

import pytest

from netdesk.core.model import Photo
from netdesk.ui.contacts.editor import photo_pixmap


def png(width: int, height: int, rows: int) -> bytes:
    """A PNG header for ``width`` x ``height`` with only ``rows`` rows of data."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    raw = (b"\x00" + b"\x80" * (3 * width)) * rows
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.mark.qt_log_ignore("Rejecting image as it exceeds the current allocation limit")
def test_a_photo_claiming_49_megapixels_is_not_decoded(qapp: Any, qtlog: Any) -> None:
    bomb = Photo(png(7000, 7000, 2), "image/png")  # 196 MB once decoded, 100 bytes stored
    assert photo_pixmap(bomb, 96).isNull()
    assert any("allocation limit" in r.message for r in qtlog.records)


def test_a_normal_photo_is_shown_scaled(qapp: Any) -> None:
    pixmap = photo_pixmap(Photo(png(400, 300, 300), "image/png"), 96)
    assert (pixmap.width(), pixmap.height()) == (96, 72)
