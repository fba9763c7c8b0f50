"""Readable colours for the current palette (text at 4.5:1 or better, light and dark). Kept
free of the database layer: the opening window uses it before anything heavy is imported."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


def is_dark_palette() -> bool:
    base = QApplication.palette().color(QPalette.ColorRole.Base)
    return base.lightness() < 128


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""

    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def ensure_readable_palette(app: QApplication) -> None:
    """Selected rows keep their text readable: when the style's highlight is too light for its
    highlighted text (Fusion's #308cc6 under white is 3.7:1), it is darkened to 4.5:1."""
    pal = app.palette()
    changed = False
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        high = pal.color(group, QPalette.ColorRole.Highlight)
        text = pal.color(group, QPalette.ColorRole.HighlightedText)
        steps = 0
        while contrast_ratio(high, text) < 4.5 and steps < 20:
            high = high.darker(108) if text.lightness() > 128 else high.lighter(108)
            steps += 1
            changed = True
        pal.setColor(group, QPalette.ColorRole.Highlight, high)
        # placeholder text ("Search names, companies…") is read too
        base = pal.color(group, QPalette.ColorRole.Base)
        seen = pal.color(group, QPalette.ColorRole.PlaceholderText)
        a = seen.alphaF()  # drawn over the field's base: the colour the eye gets
        hint = QColor(
            round(seen.red() * a + base.red() * (1 - a)),
            round(seen.green() * a + base.green() * (1 - a)),
            round(seen.blue() * a + base.blue() * (1 - a)),
        )
        steps = 0
        while contrast_ratio(hint, base) < 4.5 and steps < 20:
            hint = hint.darker(110) if base.lightness() > 128 else hint.lighter(110)
            steps += 1
            changed = True
        pal.setColor(group, QPalette.ColorRole.PlaceholderText, hint)
    if changed:
        app.setPalette(pal)


def overdue_color() -> QColor:
    """Red for overdue dates, readable (at least 4.5:1) on the light and the dark palette."""
    return QColor("#ff8a80") if is_dark_palette() else QColor("#b3261e")


def secondary_text_color() -> QColor:
    """Muted text that still reads at 4.5:1 or better (not Qt's 'mid', about 2:1)."""
    return QColor("#b8b8b8") if is_dark_palette() else QColor("#5f6368")


#: text colours of our style sheets and what they become on a dark palette (4.5:1 or better)
_DARK_TEXT = {
    "#c0392b": "#ff8a80",
    "#c62828": "#ff8a80",
    "#8a5a00": "#f0b060",
    "#b26a00": "#f0b060",
}


def themed_style(style: str) -> str:
    """A style sheet with readable colours for the current palette: 'palette(mid)' (about
    2:1) becomes the secondary text colour, and on a dark palette the reds and ambers made for
    a light one become lighter."""
    out = style.replace("palette(mid)", secondary_text_color().name())
    if is_dark_palette():
        for light, dark in _DARK_TEXT.items():
            out = out.replace(light, dark)
    return out
