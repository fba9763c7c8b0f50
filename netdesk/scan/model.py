"""What a scan returns: plain frozen dataclasses (they cross threads). No numpy here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from netdesk.core.model import Contact

#: a photo to read: a file path or the bytes of an image file
ImageSource = str | Path | bytes

#: box corners as ((x, y), ...) in the coordinates of the prepared image
Box = tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One line of text the engine read, with its confidence (0..1) and its box."""

    text: str
    confidence: float
    box: Box = ()
    side: int = 0  # 0 = front, 1 = back

    @property
    def height(self) -> float:
        if not self.box:
            return 0.0
        ys = [p[1] for p in self.box]
        return max(ys) - min(ys)


@dataclass(frozen=True, slots=True)
class ScanResult:
    """The contact read from a card, with everything the user should check.

    ``guessed`` names fields inferred by heuristics; ``low_confidence_fields`` names fields
    whose text the engine read with low confidence; ``unparsed`` holds lines that went into no
    field; ``warnings`` are sentences for the user (unreadable script, no card found...).
    ``images`` are the prepared photos as JPEG bytes (front, back), ready to attach.
    """

    contact: Contact
    lines: tuple[OcrLine, ...] = ()
    guessed: frozenset[str] = frozenset()
    unparsed: tuple[str, ...] = ()
    low_confidence_fields: frozenset[str] = frozenset()
    warnings: tuple[str, ...] = ()
    images: tuple[bytes, ...] = field(default=(), repr=False)
    seconds: float = 0.0

    @property
    def review_fields(self) -> frozenset[str]:
        return self.guessed | self.low_confidence_fields
