"""Byte-level decoding: encodings, line ends, folding, quoted-printable, card splitting."""

from __future__ import annotations

import codecs

import pytest

from netdesk.vcard import read_vcards
from netdesk.vcard.decode import count_begin_lines, decode_card, split_cards, to_utf8

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jürgen Øster\r\nN:Øster;Jürgen;;;\r\nEND:VCARD\r\n"


def names(data: bytes) -> list[str]:
    return [r.contact.display_name for r in read_vcards(data) if r.contact]


@pytest.mark.parametrize(
    "data",
    [
        CARD.encode("utf-8"),
        codecs.BOM_UTF8 + CARD.encode("utf-8"),
        codecs.BOM_UTF16_LE + CARD.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + CARD.encode("utf-16-be"),
        CARD.encode("utf-16-le"),
        CARD.encode("utf-16-be"),
        CARD.encode("cp1252"),
        CARD.replace("\r\n", "\r").encode(),
        CARD.replace("\r\n", "\n").encode(),
        CARD.replace("\r\n", "\r\r\n").encode(),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "u16le-bom",
        "u16be-bom",
        "u16le",
        "u16be",
        "cp1252",
        "cr",
        "lf",
        "crcrlf",
    ],
)
def test_encodings_and_line_ends(data: bytes) -> None:
    assert names(data) == ["Jürgen Øster"]
    assert count_begin_lines(data) == 1


def test_to_utf8_reports_wide_files() -> None:
    assert to_utf8(CARD.encode("utf-16-le")) == (CARD.encode(), True)
    assert to_utf8(CARD.encode()) == (CARD.encode(), False)


def test_fold_splitting_a_multibyte_character_is_joined_as_bytes() -> None:
    raw = "FN:Ελληνικά".encode()
    cut = raw.index("λ".encode()) + 1  # in the middle of the two bytes of λ
    data = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\n" + raw[:cut] + b"\r\n " + raw[cut:] + b"\r\nEND:VCARD\r\n"
    )
    assert names(data) == ["Ελληνικά"]


def test_charset_per_property_and_quoted_printable() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        b"N;CHARSET=SHIFT_JIS:" + "山田;太郎".encode("shift_jis") + b"\r\n"
        b"FN;CHARSET=ISO-8859-2;ENCODING=QUOTED-PRINTABLE:Piotr Iksi=F1=\r\n"
        b"ski\r\n"
        b"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:one=0D=0Atwo=\r\n"
        b"=E2=82=AC\r\n"
        b"TITLE;CHARSET=windows-1251:" + "Директор".encode("cp1251") + b"\r\n"
        b"END:VCARD\r\n"
    )
    [r] = read_vcards(data)
    assert r.contact is not None
    assert (r.contact.family_name, r.contact.given_name) == ("山田", "太郎")
    assert r.contact.display_name == "Piotr Iksiński"
    assert r.contact.notes == "one\ntwo€"
    assert r.contact.title == "Директор"


def test_decoded_lines_carry_no_qp_and_no_charset() -> None:
    data = (
        b"BEGIN:VCARD\nVERSION:2.1\n"
        b"LABEL;HOME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:a=0D=0Ab=C3=BC\nEND:VCARD\n"
    )
    [chunk] = split_cards(data)
    card = decode_card(chunk)
    assert [x.text for x in card.lines] == ["VERSION:2.1", "LABEL;HOME:a\\nbü"]
    assert card.version == "2.1"


def test_split_keeps_card_numbers_and_lines_and_ignores_junk() -> None:
    data = (
        b"ENCODING:UTF-8\n# comment\n\nBEGIN:VCARD\nFN:a\nEND:VCARD\n\n\n"
        b"begin:vcard\nFN:b\nBEGIN:VCARD\nFN:nested\nEND:VCARD\nTEL:1\nend:vcard\n"
        b"BEGIN:VCARD\nFN:cut"
    )
    chunks = split_cards(data)
    assert [(c.card, c.line, c.complete) for c in chunks] == [
        (1, 4, True),
        (2, 9, True),
        (3, 11, True),
        (4, 16, False),
    ]
    assert [line for _, line in chunks[1].lines] == [b"FN:b", b"TEL:1"]
    assert names(data) == ["a", "b", "nested", "cut"]


def test_base64_photo_continued_without_indentation_and_blank_line() -> None:
    import base64

    from vcard_helpers import png

    b64 = base64.b64encode(png()).decode()
    body = "\r\n".join(b64[i : i + 20] for i in range(0, len(b64), 20))
    data = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:X\r\n"
        f"PHOTO;ENCODING=BASE64;PNG:{body}\r\n\r\nTEL:1\r\nEND:VCARD\r\n"
    )
    [r] = read_vcards(data.encode())
    assert r.contact is not None and r.contact.photo is not None
    assert r.contact.photo.data == png()
    assert r.contact.phones[0].value == "1"


def test_legacy_charset_guess_prefers_cp1252_for_latin_text() -> None:
    data = "BEGIN:VCARD\nVERSION:2.1\nFN:Frédéric Müller\nEND:VCARD\n".encode("cp1252")
    assert names(data) == ["Frédéric Müller"]
