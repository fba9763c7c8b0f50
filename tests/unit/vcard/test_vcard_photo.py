"""Photo decoding, sniffing and the safety limits."""

from __future__ import annotations

import base64
import struct

import pytest
from vcard_helpers import jpeg_header, png

from netdesk.vcard import read_vcards
from netdesk.vcard.photo import (
    MAX_PHOTO_BYTES,
    PhotoProblem,
    check_photo,
    decode_base64,
    image_size,
    parse_data_uri,
)


def card(photo_line: str) -> bytes:
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:P\r\n{photo_line}\r\nEND:VCARD\r\n".encode()


def test_image_sizes_from_headers() -> None:
    assert image_size(png(7, 5)) == (7, 5)
    assert image_size(jpeg_header(640, 480)) == (640, 480)
    gif = b"GIF89a" + struct.pack("<HH", 33, 44) + b"\x00" * 10
    assert image_size(gif) == (33, 44)
    assert image_size(b"not an image") is None


@pytest.mark.parametrize(
    "data",
    [
        jpeg_header(10_000, 10_000),
        b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", 60_000, 60_000),
        b"GIF89a" + struct.pack("<HH", 65_535, 65_535) + b"\x00" * 10,
    ],
    ids=["jpeg", "png", "gif"],
)
def test_decompression_bombs_are_refused(data: bytes) -> None:
    with pytest.raises(PhotoProblem, match="megapixels") as info:
        check_photo(data)
    assert info.value.refused


def test_oversized_photo_refused_before_decoding() -> None:
    text = "A" * ((MAX_PHOTO_BYTES // 3 + 10) * 4)
    with pytest.raises(PhotoProblem, match="MB") as info:
        decode_base64(text)
    assert info.value.refused


def test_reader_keeps_the_reason_for_a_refused_photo() -> None:
    bomb = base64.b64encode(jpeg_header(20_000, 20_000)).decode()
    [r] = read_vcards(card(f"PHOTO;ENCODING=b;TYPE=JPEG:{bomb}"))
    assert r.contact is not None and r.contact.photo is None
    assert any("megapixels" in w for w in r.warnings)
    assert not any(x.startswith("PHOTO") for x in r.contact.extra_vcard)


def test_not_an_image_is_kept_verbatim() -> None:
    junk = base64.b64encode(b"hello, I am text").decode()
    [r] = read_vcards(card(f"PHOTO;ENCODING=b;TYPE=JPEG:{junk}"))
    assert r.contact is not None and r.contact.photo is None
    assert r.contact.extra_vcard == (f"PHOTO;ENCODING=b;TYPE=JPEG:{junk}",)
    assert any("not a PNG, JPEG" in w for w in r.warnings)


def test_data_uri_and_missing_padding_and_mismatched_type() -> None:
    raw = png()
    b64 = base64.b64encode(raw).decode().rstrip("=")
    assert parse_data_uri(f"data:image/png;base64,{b64}") == (raw, "image/png")
    # Declared JPEG, actually PNG: the sniffed type wins.
    [r] = read_vcards(card(f'PHOTO;TYPE="jpeg";ENCODING=b:{b64}'))
    assert r.contact is not None and r.contact.photo is not None
    assert r.contact.photo.mime == "image/png" and r.contact.photo.data == raw


def test_url_photo_is_kept_in_extra() -> None:
    [r] = read_vcards(card("PHOTO;VALUE=uri:https://example.com/me.jpg"))
    assert r.contact is not None and r.contact.photo is None
    assert r.contact.extra_vcard == ("PHOTO;VALUE=uri:https://example.com/me.jpg",)
