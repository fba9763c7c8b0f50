"""Image preparation before OCR, without the engine: EXIF orientation, the card found on a
desk and straightened, huge photos scaled down, low contrast lifted."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from PIL import Image

from netdesk.scan import prepare


def _card(w: int = 700, h: int = 400) -> np.ndarray:
    card = np.full((h, w, 3), 245, np.uint8)
    for i in range(5):  # "text lines"
        cv2.rectangle(card, (40, 50 + i * 60), (40 + 500 - i * 60, 75 + i * 60), (20, 20, 20), -1)
    return card


def _on_desk(card: np.ndarray) -> np.ndarray:
    h, w = card.shape[:2]
    desk = np.full((h * 2, w * 2, 3), (60, 80, 100), np.uint8)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[300, 220], [w + 330, 260], [w + 280, h + 300], [260, h + 240]])
    m = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(card, m, (w * 2, h * 2))
    mask = cv2.warpPerspective(np.ones((h, w), np.uint8), m, (w * 2, h * 2)).astype(bool)
    desk[mask] = warped[mask]
    return desk


def test_the_card_is_found_on_a_desk_and_straightened() -> None:
    photo = _on_desk(_card())
    corners = prepare.find_card(photo)
    assert corners is not None
    card = prepare.warp_card(photo, corners)
    h, w = card.shape[:2]
    assert 1.55 < w / h < 1.95  # about the card's 700 x 400
    assert prepare.find_card(_card()) is None  # a photo that is the card already


def test_exif_orientation_is_applied() -> None:
    card = _card()
    sideways = np.ascontiguousarray(np.rot90(card))  # stored turned, EXIF says "rotate 270 CW"
    im = Image.fromarray(sideways)
    exif = Image.Exif()
    exif[0x0112] = 8
    buf = io.BytesIO()
    im.save(buf, "JPEG", exif=exif)
    loaded = prepare.load_image(buf.getvalue())
    assert loaded.shape[:2] == card.shape[:2]


def test_huge_photos_are_scaled_down_and_low_contrast_is_lifted() -> None:
    big = np.full((4000, 6000, 3), 128, np.uint8)
    assert max(prepare.downscale(big).shape[:2]) == prepare.MAX_SIDE
    dull = (_card().astype(np.float32) * 0.2 + 110).astype(np.uint8)
    lifted = prepare.lift_contrast(dull)
    assert lifted.std() > dull.std() * 1.5
    crisp = _card()
    assert prepare.lift_contrast(crisp) is crisp


def test_a_file_that_is_not_an_image_is_named() -> None:
    with pytest.raises(prepare.ImageError, match="not an image"):
        prepare.load_image(b"plain text")
