"""Embedded photos: base64 and data: URIs to bytes, format sniffing, and a safety limit.

Image headers are read by hand (PNG, JPEG, GIF, BMP, WebP, TIFF) so that a small file claiming
to be a gigapixel image (a decompression bomb) is refused before anything tries to decode it;
the window decodes photos through an allocation limit as well.
"""

from __future__ import annotations

import base64
import binascii
import re
import struct
from urllib.parse import unquote_to_bytes

__all__ = [
    "MAX_PHOTO_BYTES",
    "MAX_PHOTO_PIXELS",
    "PhotoProblem",
    "check_photo",
    "decode_base64",
    "image_size",
    "parse_data_uri",
    "sniff_mime",
]

MAX_PHOTO_BYTES = 5 * 1024 * 1024
#: a 6000x4000 camera picture is 24 megapixels (96 MB once decoded); contact photos are far less
MAX_PHOTO_PIXELS = 25_000_000

_NOT_B64 = re.compile(r"[^A-Za-z0-9+/]")
_NOT_B64URL = re.compile(r"[^A-Za-z0-9_-]")


class PhotoProblem(ValueError):
    """A photo that cannot or should not be kept; the message says why in plain words.

    ``refused`` is True when the data was readable but over a safety limit.
    """

    def __init__(self, message: str, *, refused: bool = False) -> None:
        super().__init__(message)
        self.refused = refused


def decode_base64(text: str, limit: int = MAX_PHOTO_BYTES) -> bytes:
    """Decode base64 tolerantly (whitespace, missing padding, URL-safe alphabet).

    Refuses, before decoding, data that would be larger than ``limit`` bytes.
    """
    body = text.split("=", 1)[0]
    urlsafe = ("-" in body or "_" in body) and "+" not in body and "/" not in body
    cleaned = (_NOT_B64URL if urlsafe else _NOT_B64).sub("", body)
    if len(cleaned) % 4 == 1:
        raise PhotoProblem("the photo's base64 data is broken (wrong length)")
    if len(cleaned) * 3 // 4 > limit:
        raise PhotoProblem(
            f"the photo is larger than {limit // (1024 * 1024)} MB "
            f"(about {len(cleaned) * 3 // 4 // 1024} KB) and was not imported",
            refused=True,
        )
    padded = cleaned + "=" * (-len(cleaned) % 4)
    try:
        if urlsafe:
            return base64.urlsafe_b64decode(padded)
        return base64.b64decode(padded, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise PhotoProblem(f"the photo's base64 data is broken ({exc})") from None


def parse_data_uri(uri: str, limit: int = MAX_PHOTO_BYTES) -> tuple[bytes, str]:
    """Bytes and declared media type of a ``data:`` URI."""
    head, comma, payload = uri.strip().partition(",")
    if not comma or not head.lower().startswith("data:"):
        raise PhotoProblem("the photo's data: URI has no ',' before the data")
    meta = head[5:].split(";")
    mime = meta[0].strip().lower()
    if any(m.strip().lower() == "base64" for m in meta[1:]):
        return decode_base64(payload, limit), mime
    if len(payload) > limit * 3:
        raise PhotoProblem(f"the photo is larger than {limit // (1024 * 1024)} MB", refused=True)
    return unquote_to_bytes(payload), mime


def sniff_mime(data: bytes) -> str | None:
    """The image type of ``data`` from its first bytes, or None when unknown."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if data.startswith(b"BM") and len(data) > 26:
        return "image/bmp"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "image/tiff"
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    n = len(data)
    while i + 4 <= n:
        if data[i] != 0xFF:
            i += 1
            continue
        marker = data[i + 1]
        if marker == 0xFF:
            i += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD9)):  # markers without a length
            i += 2
            continue
        if i + 4 > n:
            return None
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            if i + 9 > n:
                return None
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height
        if length < 2:
            return None
        i += 2 + length
    return None


def _bmp_size(data: bytes) -> tuple[int, int] | None:
    if len(data) < 26:
        return None
    (header,) = struct.unpack("<I", data[14:18])
    if header == 12:  # OS/2 BITMAPCOREHEADER
        width, height = struct.unpack("<HH", data[18:22])
        return width, height
    width, height = struct.unpack("<ii", data[18:26])
    return abs(width), abs(height)


def _webp_size(data: bytes) -> tuple[int, int] | None:
    kind = data[12:16]
    if kind == b"VP8X" and len(data) >= 30:
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    if kind == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if kind == b"VP8 " and len(data) >= 30:
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    return None


def _tiff_size(data: bytes) -> tuple[int, int] | None:
    order = "<" if data[:2] == b"II" else ">"
    if len(data) < 8:
        return None
    (offset,) = struct.unpack(order + "I", data[4:8])
    if offset + 2 > len(data):
        return None
    (count,) = struct.unpack(order + "H", data[offset : offset + 2])
    found: dict[int, int] = {}
    for i in range(min(count, 512)):
        entry = data[offset + 2 + 12 * i : offset + 14 + 12 * i]
        if len(entry) < 12:
            break
        tag, kind = struct.unpack(order + "HH", entry[:4])
        if tag in (256, 257):
            fmt = "H" if kind == 3 else "I"
            (found[tag],) = struct.unpack(order + fmt, entry[8 : 8 + struct.calcsize(fmt)])
    if 256 in found and 257 in found:
        return found[256], found[257]
    return None


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG, JPEG, GIF, BMP, WebP or TIFF header, or None when it cannot
    be read. Only the header is read: nothing is decoded."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24 and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    if data.startswith((b"GIF87a", b"GIF89a")) and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return width, height
    if data.startswith(b"\xff\xd8\xff"):
        return _jpeg_size(data)
    if data.startswith(b"BM"):
        return _bmp_size(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp_size(data)
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return _tiff_size(data)
    return None


def check_photo(
    data: bytes,
    declared_mime: str = "",
    *,
    max_bytes: int = MAX_PHOTO_BYTES,
    max_pixels: int = MAX_PHOTO_PIXELS,
) -> str:
    """Return the photo's mime type, or raise PhotoProblem saying why it is refused."""
    if not data:
        raise PhotoProblem("the photo is empty")
    if len(data) > max_bytes:
        raise PhotoProblem(
            f"the photo is {len(data) // 1024} KB, more than the "
            f"{max_bytes // (1024 * 1024)} MB limit, and was not imported",
            refused=True,
        )
    mime = sniff_mime(data)
    if mime is None:
        declared = f" (declared {declared_mime})" if declared_mime else ""
        raise PhotoProblem(
            f"the photo data is not a PNG, JPEG, GIF, BMP, WebP or TIFF image{declared}"
        )
    size = image_size(data)
    if size is not None:
        width, height = size
        if width * height > max_pixels:
            raise PhotoProblem(
                f"the photo claims to be {width}x{height} pixels, more than "
                f"{max_pixels // 1_000_000} megapixels, and was not imported",
                refused=True,
            )
    return mime
