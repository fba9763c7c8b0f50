"""From photos to a contact: prepare each side, read its text, order the lines by layout,
drop what cannot be read reliably, and hand the text to the smart-paste parser."""

from __future__ import annotations

import itertools
import math
import time
import unicodedata
from collections.abc import Sequence
from typing import Any

from netdesk.core.cardparse import parse_card_text
from netdesk.core.model import Contact
from netdesk.core.text import fold
from netdesk.scan import engine, prepare
from netdesk.scan.model import ImageSource, OcrLine, ScanResult

#: a line read with less confidence than this is shown for review
LOW_CONFIDENCE = 0.85
#: below this a line is not used for any field
UNUSABLE = 0.5
#: scripts the bundled models do not read (their letters come out as Latin look-alikes)
FOREIGN_SCRIPTS = (
    "CYRILLIC",
    "GREEK",
    "ARABIC",
    "HEBREW",
    "ARMENIAN",
    "GEORGIAN",
    "DEVANAGARI",
    "BENGALI",
    "TAMIL",
    "THAI",
    "HANGUL",
)
UNREADABLE_WARNING = (
    "{n} line{s} on this card could not be read reliably — probably a script the offline "
    "reader does not know (such as Cyrillic, Greek or Arabic). Nothing was guessed from "
    "{them}: check the photo and type {them} in."
)


def _side_lengths(box: Sequence[tuple[float, float]]) -> tuple[float, float]:
    if len(box) != 4:
        return 0.0, 0.0
    (x0, y0), (x1, y1), (_x2, _y2), (x3, y3) = box
    return math.hypot(x1 - x0, y1 - y0), math.hypot(x3 - x0, y3 - y0)


def foreign_script(text: str) -> str | None:
    """The first unsupported script among the letters of ``text``, or None."""
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            for script in FOREIGN_SCRIPTS:
                if name.startswith(script):
                    return script.title()
    return None


def is_unreadable(raw: engine.RawBox) -> bool:
    """A box whose text the recogniser could not read: letters of an unsupported script, a
    low score, or far fewer characters than the box is wide (the recogniser dropped them)."""
    if foreign_script(raw.text) or raw.score < UNUSABLE:
        return True
    width, height = _side_lengths(raw.box)
    if height <= 0:
        return not raw.text
    expected = width / (0.6 * height)
    letters = sum(1 for c in raw.text if c.isalnum())
    return expected >= 3 and letters < 0.3 * expected


def _quality(raws: list[engine.RawBox]) -> float:
    """How well a page was read: confident characters, minus boxes standing upright."""
    good = sum(len(r.text) * r.score for r in raws if not is_unreadable(r))
    upright = 0
    for r in raws:
        w, h = _side_lengths(r.box)
        if h > 1.5 * w:
            upright += 1
    return good * (1.0 - min(0.9, upright / max(1, len(raws))))


def _needs_turning(raws: list[engine.RawBox]) -> bool:
    if not raws:
        return True
    chars = sum(len(r.text) for r in raws) or 1
    mean = sum(len(r.text) * r.score for r in raws) / chars
    upright = sum(1 for r in raws if (lambda s: s[1] > 1.5 * s[0])(_side_lengths(r.box)))
    return mean < 0.85 or upright > len(raws) / 3


def read_side(source: ImageSource) -> tuple[list[engine.RawBox], Any, list[str]]:
    """One photo read: its boxes, the prepared (upright) image and notes."""
    img, notes = prepare.prepare(source)
    raws = engine.recognise(img)
    with_text = [r for r in raws if r.text]
    if with_text and sum(r.upside_down for r in with_text) > len(with_text) / 2:
        img = prepare.rotate(img, 2)  # the photo is upside down: read it the right way up
        raws = engine.recognise(img)
    if _needs_turning(raws):
        best = (_quality(raws), raws, img)
        for turns in (1, 3, 2):
            turned = prepare.rotate(img, turns)
            cand = engine.recognise(turned)
            q = _quality(cand)
            if q > best[0] * 1.15:
                best = (q, cand, turned)
        _q, raws, img = best
    return raws, img, notes


def order_lines(lines: list[OcrLine]) -> list[list[OcrLine]]:
    """Boxes grouped into rows (top to bottom), each row left to right."""

    def top(ln: OcrLine) -> float:
        return min(p[1] for p in ln.box) if ln.box else 0.0

    def bottom(ln: OcrLine) -> float:
        return max(p[1] for p in ln.box) if ln.box else 0.0

    def left(ln: OcrLine) -> float:
        return min(p[0] for p in ln.box) if ln.box else 0.0

    rows: list[list[OcrLine]] = []
    for ln in sorted(lines, key=lambda x: (x.side, (top(x) + bottom(x)) / 2)):
        mid = (top(ln) + bottom(ln)) / 2
        if rows and rows[-1][0].side == ln.side:
            row = rows[-1]
            r_top = min(top(x) for x in row)
            r_bottom = max(bottom(x) for x in row)
            r_mid = (r_top + r_bottom) / 2
            if r_top <= mid <= r_bottom and top(ln) <= r_mid <= bottom(ln):
                row.append(ln)
                continue
        rows.append([ln])
    return [sorted(r, key=left) for r in rows]


def _row_text(row: list[OcrLine]) -> str:
    parts = [row[0].text]
    for prev, cur in itertools.pairwise(row):
        gap = min(p[0] for p in cur.box) - max(p[0] for p in prev.box)
        height = max(prev.height, cur.height, 1.0)
        parts.append(" | " if gap > 1.5 * height else " ")
        parts.append(cur.text)
    return "".join(parts)


def layout_text(rows: list[list[OcrLine]]) -> str:
    """The card's text for the parser: one row per line, top to bottom; the largest text in
    the upper part of the front (usually the name or the company) first."""
    texts = [_row_text(r) for r in rows]
    front = [i for i, r in enumerate(rows) if r[0].side == 0]
    if len(front) > 2:
        tops = [min(p[1] for p in rows[i][0].box) for i in front]
        bottoms = [max(p[1] for p in ln.box) for i in front for ln in rows[i]]
        span = (max(bottoms) - min(tops)) or 1.0
        upper = [i for i, t in zip(front, tops, strict=False) if (t - min(tops)) / span < 0.45]
        biggest = max(upper, key=lambda i: max(ln.height for ln in rows[i]))
        heights = sorted(max(ln.height for ln in rows[i]) for i in front)
        median = heights[len(heights) // 2]
        if biggest != front[0] and max(ln.height for ln in rows[biggest]) > 1.25 * median:
            texts.insert(0, texts.pop(biggest))
    return "\n".join(texts)


_FIELD_VALUES = {
    "title": lambda c: [c.title],
    "organization": lambda c: [c.organization],
    "department": lambda c: [c.department],
    "given_name": lambda c: [c.given_name],
    "family_name": lambda c: [c.family_name],
    "emails": lambda c: [e.value for e in c.emails],
    "phones": lambda c: [p.value for p in c.phones],
    "urls": lambda c: [u.value for u in c.urls],
    "addresses": lambda c: [a.street or a.locality for a in c.addresses],
}


def low_confidence_fields(contact: Contact, lines: Sequence[OcrLine]) -> frozenset[str]:
    """Fields whose value comes from a line read with low confidence."""
    weak = [fold(ln.text) for ln in lines if ln.confidence < LOW_CONFIDENCE]
    if not weak:
        return frozenset()
    out = set()
    for name, values in _FIELD_VALUES.items():
        for v in values(contact):
            key = fold(v).removeprefix("https://").removeprefix("http://").strip()
            if key and any(key in w or (len(w) > 3 and w in key) for w in weak):
                out.add(name)
    return frozenset(out)


def read_card(sources: list[ImageSource], *, region: str | None = None) -> ScanResult:
    """Read the photos of one card (front first) into one contact."""
    if not sources:
        raise ValueError("no photo to read")
    started = time.perf_counter()
    lines: list[OcrLine] = []
    unreadable: list[engine.RawBox] = []
    notes: list[str] = []
    images: list[bytes] = []
    for side, source in enumerate(sources[:2]):
        raws, img, side_notes = read_side(source)
        notes += side_notes
        images.append(prepare.to_jpeg(img))
        for r in raws:
            if is_unreadable(r):
                unreadable.append(r)
            elif r.text:
                lines.append(OcrLine(r.text, round(r.score, 3), r.box, side))
    rows = order_lines(lines)
    ordered = [ln for row in rows for ln in row]
    text = layout_text(rows)
    parsed = parse_card_text(text, region.upper() if region else None)
    warnings: list[str] = []
    if unreadable:
        n = len(unreadable)
        warnings.append(
            UNREADABLE_WARNING.format(n=n, s="" if n == 1 else "s", them="it" if n == 1 else "them")
        )
    if not ordered:
        warnings.append("No text could be read on this photo.")
    contact = parsed.contact
    if len(sources) > 2:
        warnings.append("Only the first two photos (front and back) were read.")
    return ScanResult(
        contact=contact,
        lines=tuple(ordered),
        guessed=parsed.guessed,
        unparsed=parsed.unparsed,
        low_confidence_fields=low_confidence_fields(contact, ordered),
        warnings=tuple(warnings),
        images=tuple(images),
        seconds=time.perf_counter() - started,
    )
