"""From OCR boxes to the parser's text, without the engine: what counts as unreadable, layout
order, and which fields come from lines read with low confidence."""

from __future__ import annotations

from netdesk.core.model import Contact, Email, Phone
from netdesk.scan.engine import RawBox
from netdesk.scan.model import OcrLine
from netdesk.scan.reader import (
    foreign_script,
    is_unreadable,
    layout_text,
    low_confidence_fields,
    order_lines,
)


def _box(x: float, y: float, w: float, h: float) -> tuple[tuple[float, float], ...]:
    return ((x, y), (x + w, y), (x + w, y + h), (x, y + h))


def test_unreadable_boxes() -> None:
    assert is_unreadable(RawBox("", 0.9, _box(0, 0, 400, 40)))  # text the recogniser dropped
    assert is_unreadable(RawBox("Иван Петров", 0.99, _box(0, 0, 260, 40)))
    assert is_unreadable(RawBox("ργ ααυλ", 0.79, _box(0, 0, 300, 40)))
    assert is_unreadable(RawBox("Hello world", 0.3, _box(0, 0, 250, 40)))  # too unsure
    assert is_unreadable(RawBox("« »", 0.92, _box(0, 0, 500, 40)))  # wide box, two marks
    assert not is_unreadable(RawBox("Hello world", 0.98, _box(0, 0, 250, 40)))
    assert not is_unreadable(RawBox("Tel.", 0.99, _box(0, 0, 70, 40)))
    assert foreign_script("Jürgen Ørsted Çelik") is None
    assert foreign_script("محمد") == "Arabic"


def test_rows_top_to_bottom_and_far_apart_boxes_as_segments() -> None:
    lines = [
        OcrLine("+49 511 1234567", 0.99, _box(600, 300, 250, 24)),
        OcrLine("Jürgen Müller", 0.99, _box(60, 60, 400, 56)),
        OcrLine("Leiter Beschaffung", 0.99, _box(60, 130, 300, 26)),
        OcrLine("Güterstraße 7", 0.99, _box(60, 302, 220, 24)),
        OcrLine("Tel.", 0.99, _box(560, 300, 36, 24)),
    ]
    rows = order_lines(lines)
    assert [[ln.text for ln in r] for r in rows] == [
        ["Jürgen Müller"],
        ["Leiter Beschaffung"],
        ["Güterstraße 7", "Tel.", "+49 511 1234567"],
    ]
    assert layout_text(rows).splitlines()[2] == "Güterstraße 7 | Tel. +49 511 1234567"


def test_the_largest_text_near_the_top_comes_first() -> None:
    lines = [
        OcrLine("ACME Robotics GmbH", 0.99, _box(60, 20, 300, 24)),
        OcrLine("Anna Schmidt", 0.99, _box(60, 70, 400, 60)),
        OcrLine("Vertrieb", 0.99, _box(60, 150, 150, 24)),
        OcrLine("anna@acme.example", 0.99, _box(60, 400, 300, 24)),
    ]
    assert layout_text(order_lines(lines)).splitlines()[:2] == [
        "Anna Schmidt",
        "ACME Robotics GmbH",
    ]


def test_fields_from_unsure_lines_are_flagged() -> None:
    contact = Contact(
        given_name="Anna",
        family_name="Schmidt",
        title="Leiterin Vertrieb",
        emails=(Email("anna@acme.example"),),
        phones=(Phone("+49 30 1234567"),),
    )
    lines = [
        OcrLine("Anna Schmidt", 0.99),
        OcrLine("Leiterin Vertrieb", 0.62),
        OcrLine("anna@acme.example", 0.98),
        OcrLine("Tel. +49 30 1234567", 0.7),
    ]
    assert low_confidence_fields(contact, lines) == {"title", "phones"}
    sure = [OcrLine(ln.text, 0.99) for ln in lines]
    assert low_confidence_fields(contact, sure) == frozenset()
