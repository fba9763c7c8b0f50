"""Read business-card photos on this computer: OCR engine, image preparation, lines to fields.

One small interface: :func:`read_card_image` (one photo) and :func:`read_card` (front and
back of one card). Everything heavy (numpy, OpenCV, onnxruntime, RapidOCR) is imported on the
first call, never when this package is imported, so an app that does not scan pays nothing.
May import: core (the card parser turns the read lines into fields) and the OCR stack. No Qt,
no storage, no services (import-linter contract).
"""

from __future__ import annotations

from netdesk.scan.model import ImageSource, OcrLine, ScanResult

__all__ = ["ImageSource", "OcrLine", "ScanResult", "engine_loaded", "read_card", "read_card_image"]


def read_card_image(source: ImageSource, *, region: str | None = None) -> ScanResult:
    """Read one card photo (a path or the file's bytes) into contact fields."""
    from netdesk.scan.reader import read_card

    return read_card([source], region=region)


def read_card(sources: list[ImageSource], *, region: str | None = None) -> ScanResult:
    """Read the photos of ONE card (front, then back) into one contact."""
    from netdesk.scan.reader import read_card as _read

    return _read(sources, region=region)


def engine_loaded() -> bool:
    """Whether the OCR engine has been loaded in this process (it loads on first use)."""
    import sys

    mod = sys.modules.get("netdesk.scan.engine")
    return bool(mod is not None and mod.is_loaded())
