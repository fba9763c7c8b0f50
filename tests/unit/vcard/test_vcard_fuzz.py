"""Random and mutated cards, seeded from the corpus: nothing escapes, every card counted."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vcard_helpers import CORPUS, raw_begin_count

from netdesk.vcard import read_vcards
from netdesk.vcard.decode import count_begin_lines, to_utf8

_BEGIN = re.compile(r"^[ \t]*begin[ \t]*:[ \t]*vcard[ \t]*$", re.IGNORECASE)

SEEDS = [
    "eds/12.vcf",
    "aosp-vcard/v21_japanese_2.vcf",
    "folkerkinzel/Cropped_2_1.vcf",
    "folkerkinzel/v3Utf16Bom.vcf",
    "aosp-vcard/v21_nest.vcf",
    "kcontacts/vcard9.vcf",
    "tine20/mac_os_x_addressbook.vcf",
    "syncevolution/vcard21.vcf",
    "aosp-vcard/v21_blackberry_photo.vcf",
    "khard/photov4.vcf",
]
SEED_DATA = [(CORPUS / s).read_bytes() for s in SEEDS if (CORPUS / s).is_file()]
TOKENS = [
    b"\r\n",
    b"\n",
    b"\r",
    b"\r\r\n",
    b" ",
    b"\t",
    b"=",
    b"=\r\n",
    b":",
    b";",
    b",",
    b"\\",
    b'"',
    b"\x00",
    b"\xff\xfe",
    b"\xc3",
    b"\xe2\x82",
    b"BEGIN:VCARD",
    b"END:VCARD",
    b"ENCODING=QUOTED-PRINTABLE",
    b"CHARSET=SHIFT_JIS",
    b"ENCODING=b",
    b"PHOTO;ENCODING=BASE64:",
    b"data:image/png;base64,",
    b"BDAY:--13-45",
    b"item1.",
    b"X-ABLabel:_$!<",
    b"#",
]

pytestmark = pytest.mark.skipif(not SEED_DATA, reason=f"vCard corpus not found at {CORPUS}")


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEED_DATA or [b""])))
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.integers(0, 3))
        pos = draw(st.integers(0, len(data)))
        if kind == 0:  # insert a token that means something to the parser
            data[pos:pos] = draw(st.sampled_from(TOKENS))
        elif kind == 1:  # delete a span
            del data[pos : pos + draw(st.integers(1, 40))]
        elif kind == 2:  # overwrite with random bytes
            blob = draw(st.binary(min_size=1, max_size=8))
            data[pos : pos + len(blob)] = blob
        else:  # cut the file
            del data[pos:]
    return bytes(data)


def check(data: bytes) -> None:
    start = time.perf_counter()
    results = read_vcards(data, "fuzz.vcf")
    elapsed = time.perf_counter() - start
    if to_utf8(data)[1]:
        # Mutated UTF-16: what counts as a line depends on the byte alignment the decoder
        # picked; count on its decoded text, and check that against BEGIN lines found there.
        text = to_utf8(data)[0].decode("utf-8")
        expected = sum(1 for line in re.split(r"\r\n|\r|\n", text) if _BEGIN.match(line))
        assert len(results) == expected == count_begin_lines(data)
    else:
        assert len(results) == raw_begin_count(data)
    assert [r.card for r in results] == list(range(1, len(results) + 1))
    for r in results:
        assert (r.contact is None) != (r.error is None)
        assert r.error is None or not r.error.startswith("internal error"), r.error
    assert elapsed < 1.0 * max(1, len(results))


@settings(max_examples=600, deadline=1000, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_corpus_cards(data: bytes) -> None:
    check(data)


@settings(max_examples=300, deadline=1000)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(TOKENS), st.binary(max_size=12), st.text(max_size=12).map(str.encode)
        ),
        max_size=60,
    )
)
def test_token_soup(parts: list[bytes]) -> None:
    check(b"BEGIN:VCARD\r\n" + b"".join(parts))
