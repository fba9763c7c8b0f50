"""Image preparation before OCR (numpy and OpenCV, no GUI): EXIF orientation, the card found
in a desk photo and its perspective corrected, huge photos scaled down, low contrast lifted,
quarter turns."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from netdesk.scan.model import ImageSource

#: longest side given to the engine (the detector itself works at about 736 px)
MAX_SIDE = 1600
#: a quadrilateral must cover this share of the photo to count as the card
MIN_CARD_AREA = 0.15


class ImageError(ValueError):
    pass


def load_image(source: ImageSource) -> Any:
    """The photo as a BGR array, turned upright by its EXIF orientation."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    name = "the image" if isinstance(source, bytes | bytearray) else Path(source).name
    try:
        if isinstance(source, bytes | bytearray):
            opened = Image.open(io.BytesIO(source))
        else:
            opened = Image.open(Path(source))
        upright = ImageOps.exif_transpose(opened)
        rgb = np.asarray(upright.convert("RGB"))
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ImageError(f"{name} is not an image that can be read") from exc
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)


def downscale(img: Any, max_side: int = MAX_SIDE) -> Any:
    h, w = img.shape[:2]
    if max(h, w) <= max_side:
        return img
    f = max_side / max(h, w)
    return cv2.resize(img, (round(w * f), round(h * f)), interpolation=cv2.INTER_AREA)


def _order(pts: Any) -> Any:
    pts = np.asarray(pts, dtype=np.float32).reshape(4, 2)
    s = pts.sum(axis=1)
    d = np.diff(pts, axis=1).ravel()
    return np.array(
        [pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]],
        dtype=np.float32,
    )


def find_card(img: Any) -> Any | None:
    """The four corners (tl, tr, br, bl) of the largest card-like quadrilateral, or None when
    the photo is the card already (or no card edge can be seen)."""
    h, w = img.shape[:2]
    gray = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    gray = cv2.GaussianBlur(gray, (5, 5), 0)
    candidates = []
    _t, otsu = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    edges = cv2.dilate(cv2.Canny(gray, 40, 120), np.ones((5, 5), np.uint8))
    kernel = np.ones((9, 9), np.uint8)
    for mask in (otsu, cv2.bitwise_not(otsu), edges):
        mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel)
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for c in sorted(contours, key=cv2.contourArea, reverse=True)[:3]:
            area = cv2.contourArea(c)
            if not (MIN_CARD_AREA * h * w <= area <= 0.95 * h * w):
                continue
            hull = cv2.convexHull(c)
            peri = cv2.arcLength(hull, True)
            quad = None
            for eps in (0.02, 0.03, 0.05, 0.08):
                approx = cv2.approxPolyDP(hull, eps * peri, True)
                if len(approx) == 4:
                    quad = approx
                    break
            if quad is None:
                continue
            # a card is convex and nearly fills its quadrilateral
            if cv2.contourArea(quad) > 0 and area / cv2.contourArea(quad) > 0.85:
                candidates.append((cv2.contourArea(quad), quad))
    if not candidates:
        return None
    return _order(max(candidates, key=lambda t: t[0])[1])


def warp_card(img: Any, corners: Any) -> Any:
    tl, tr, br, bl = corners
    width = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    dst = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], np.float32)
    m = cv2.getPerspectiveTransform(corners, dst)
    return cv2.warpPerspective(img, m, (width, height), flags=cv2.INTER_CUBIC)


def lift_contrast(img: Any) -> Any:
    """Even out uneven light and stretch low contrast (CLAHE on the lightness channel)."""
    lab = cv2.cvtColor(img, cv2.COLOR_BGR2LAB)
    lum = lab[:, :, 0]
    lo, hi = (float(v) for v in np.percentile(lum, (1, 99)))
    if float(lum.std()) >= 55 and hi - lo >= 160:
        return img
    if hi - lo < 160:  # washed out: stretch the lightness to the full range first
        scale = 255.0 / max(hi - lo, 1.0)
        lum = np.clip((lum.astype(np.float32) - lo) * scale, 0, 255).astype(np.uint8)
    clahe = cv2.createCLAHE(clipLimit=2.5, tileGridSize=(8, 8))
    lab[:, :, 0] = clahe.apply(lum)
    return cv2.cvtColor(lab, cv2.COLOR_LAB2BGR)


def rotate(img: Any, quarter_turns: int) -> Any:
    turns = quarter_turns % 4
    if turns == 0:
        return img
    codes = {
        1: cv2.ROTATE_90_CLOCKWISE,
        2: cv2.ROTATE_180,
        3: cv2.ROTATE_90_COUNTERCLOCKWISE,
    }
    return cv2.rotate(img, codes[turns])


def prepare(source: ImageSource) -> tuple[Any, list[str]]:
    """The photo ready for OCR (card cut out and straightened, scaled, contrast lifted) and
    notes about what was done."""
    img = downscale(load_image(source), 2400)
    notes: list[str] = []
    corners = find_card(img)
    if corners is not None:
        img = warp_card(img, corners)
        notes.append("card found in the photo and straightened")
    img = downscale(img)
    h, w = img.shape[:2]
    if max(h, w) < 900:  # small photos: the recogniser reads larger letters better
        f = 900 / max(h, w)
        img = cv2.resize(img, (round(w * f), round(h * f)), interpolation=cv2.INTER_CUBIC)
    return lift_contrast(img), notes


def to_jpeg(img: Any, max_side: int = 1600, quality: int = 85) -> bytes:
    ok, buf = cv2.imencode(".jpg", downscale(img, max_side), [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise ImageError("the card image could not be encoded")
    return bytes(buf)
