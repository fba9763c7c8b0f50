"""Bounds on what one import may read, applied before vobject sees anything.

Real cards stay far below every one of these (the shared corpus of 115 files from phones, mail
programs and address books peaks at 17 cards per file, 96 content lines per card, 35 lines of one
property per card, 4 parameters per property, a 111-byte name-and-parameters part, a 7.3 KB text
line and a 263 KB photo line). Hostile files go far beyond them and would otherwise cost
minutes and gigabytes: each limit keeps the work per card under a second and the memory of an
import bounded.

* A **file** that is not a regular file (a device such as ``/dev/zero``, a FIFO, a folder),
  larger than :data:`MAX_FILE_BYTES`, or with more than :data:`MAX_CARDS_PER_FILE` cards is
  refused as a whole, with nothing imported.
* A **card** larger than :data:`MAX_CARD_BYTES` or longer than :data:`MAX_CARD_LINES`
  physical lines is refused (reported unreadable with the reason); its lines are not kept.
* A **line** whose name and parameters are longer than :data:`MAX_HEADER_BYTES` or hold more
  than :data:`MAX_PARAMS` parameters and parameter values, a text line longer than
  :data:`MAX_LINE_BYTES` (binary data: :data:`MAX_BINARY_LINE_BYTES`), a line beyond
  :data:`MAX_PER_KIND` of one property or :data:`MAX_PROPERTIES` in all, and text beyond
  :data:`MAX_TEXT_BYTES` per card are dropped; the card is imported with a warning that says
  which lines and why.
* Photos: see :mod:`netdesk.vcard.photo` (bytes and pixels, checked from the header).
"""

from __future__ import annotations

from netdesk.core.errors import ImportFileError

__all__ = [
    "MAX_BINARY_LINE_BYTES",
    "MAX_CARDS_PER_FILE",
    "MAX_CARD_BYTES",
    "MAX_CARD_LINES",
    "MAX_FILE_BYTES",
    "MAX_HEADER_BYTES",
    "MAX_LINE_BYTES",
    "MAX_PARAMS",
    "MAX_PER_KIND",
    "MAX_PROPERTIES",
    "MAX_TAGS",
    "MAX_TEXT_BYTES",
    "TooManyCards",
    "size_text",
]

MB = 1024 * 1024
KB = 1024

#: bytes of one file (a 100,000-contact export with photos is about 100 MB)
MAX_FILE_BYTES = 256 * MB
#: BEGIN:VCARD lines of one file
MAX_CARDS_PER_FILE = 250_000
#: bytes of one card's lines (room for the largest photo NetDesk keeps, base64-encoded)
MAX_CARD_BYTES = 10 * MB
#: physical lines of one card (a 5 MB photo folded at 75 characters is 95,000 lines)
MAX_CARD_LINES = 200_000
#: a property's group, name and parameters (the part before the value)
MAX_HEADER_BYTES = 2 * KB
#: parameters and parameter values of one property (``TYPE=work,voice;PREF=1`` counts 3)
MAX_PARAMS = 32
#: one unfolded text line
MAX_LINE_BYTES = 64 * KB
#: one unfolded line of binary data (PHOTO, LOGO, SOUND, KEY, or ENCODING=b)
MAX_BINARY_LINE_BYTES = 8 * MB
#: lines of one property (EMAIL, TEL, X-FOO, ...) per card
MAX_PER_KIND = 100
#: content lines per card
MAX_PROPERTIES = 1000
#: bytes of text lines per card (binary lines not counted)
MAX_TEXT_BYTES = 1 * MB
#: tags (CATEGORIES values) per card
MAX_TAGS = 100


def size_text(n: int) -> str:
    """``n`` bytes for people: "900 bytes", "64 KB", "8 MB"."""
    if n >= MB:
        return f"{n / MB:,.1f} MB".replace(".0 MB", " MB")
    if n >= KB:
        return f"{n // KB:,} KB"
    return f"{n:,} bytes"


class TooManyCards(ImportFileError):
    """A file with more than :data:`MAX_CARDS_PER_FILE` cards (raised while splitting it)."""

    def __init__(self, limit: int = MAX_CARDS_PER_FILE) -> None:
        super().__init__(
            f"has more than {limit:,} cards, more than one file may hold; split it into "
            "smaller files. Nothing was imported."
        )
