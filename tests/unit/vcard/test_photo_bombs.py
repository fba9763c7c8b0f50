"""Decompression bombs in every image format NetDesk accepts (issue 11 item 3): a small file
whose header claims a huge picture is refused from its header, before anything decodes it."""

from __future__ import annotations

import struct
from collections.abc import Callable

import pytest

from netdesk.vcard.photo import MAX_PHOTO_PIXELS, PhotoProblem, check_photo, image_size


def bmp(width: int, height: int) -> bytes:
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, 0, 0, 0, 0, 0)
    return b"BM" + struct.pack("<IHHI", 54, 0, 0, 54) + info + b"\x00" * 16


def webp_vp8x(width: int, height: int) -> bytes:
    body = b"VP8X" + struct.pack("<I", 10) + b"\x00" * 4
    body += (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body


def webp_vp8l(width: int, height: int) -> bytes:
    bits = (width - 1) | ((height - 1) << 14)
    body = b"VP8L" + struct.pack("<I", 5) + b"\x2f" + bits.to_bytes(4, "little")
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body


def webp_vp8(width: int, height: int) -> bytes:
    frame = b"\x00\x00\x00" + b"\x9d\x01\x2a" + struct.pack("<HH", width, height)
    body = b"VP8 " + struct.pack("<I", len(frame)) + frame
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body


def tiff(width: int, height: int, order: str = "<") -> bytes:
    head = (b"II*\x00" if order == "<" else b"MM\x00*") + struct.pack(order + "I", 8)
    entries = struct.pack(order + "HHI", 256, 4, 1) + struct.pack(order + "I", width)
    entries += struct.pack(order + "HHI", 257, 3, 1) + struct.pack(order + "HH", height, 0)
    return head + struct.pack(order + "H", 2) + entries + b"\x00" * 4


@pytest.mark.parametrize(
    ("make", "mime"),
    [
        (bmp, "image/bmp"),
        (webp_vp8x, "image/webp"),
        (webp_vp8l, "image/webp"),
        (webp_vp8, "image/webp"),
        (tiff, "image/tiff"),
        (lambda w, h: tiff(w, h, ">"), "image/tiff"),  # big-endian
    ],
)
def test_sizes_of_bmp_webp_and_tiff_are_read_and_bombs_refused(
    make: Callable[[int, int], bytes], mime: str
) -> None:
    small = make(64, 48)
    assert image_size(small) == (64, 48)
    assert check_photo(small) == mime
    side = 16_000  # 256 megapixels, 1 GB once decoded; the file is under 100 bytes
    bomb = make(side, side)
    assert image_size(bomb) == (side, side)
    assert side * side > MAX_PHOTO_PIXELS
    with pytest.raises(PhotoProblem, match="claims to be 16000x16000 pixels") as info:
        check_photo(bomb)
    assert info.value.refused


def test_a_camera_sized_photo_is_still_accepted() -> None:
    assert check_photo(bmp(4000, 3000)) == "image/bmp"  # 12 megapixels
