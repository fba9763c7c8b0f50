"""Reading business cards designed here (tests/scancards.py) with the real OCR engine, field by
field: clean renders, photographed-style versions (desk, perspective, a quarter turn, uneven
light, blur, noise), a two-sided card, a card in a script the models do not read, and
`netdesk scan-card --json`. The OCR work is bounded to a few cards (2-core CI)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
import scancards as sc
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from netdesk.cli import run
from netdesk.scan import read_card, read_card_image

BY_KEY = {c.key: c for c in sc.CARDS}


def _check(spec: sc.CardSpec, result: Any) -> None:
    hits = sc.field_hits(spec, result.contact)
    c = result.contact
    got = (c.given_name, c.family_name, c.title, c.organization, c.emails, c.phones)
    assert all(hits.values()), (hits, got, [ln.text for ln in result.lines])


def test_a_clean_card_with_a_logo_is_read_field_by_field(qapp: Any, ocr_engine: Any) -> None:
    spec = BY_KEY["us-centered"]
    [image] = sc.card_images(spec, photographed=False)
    result = read_card_image(image, region=spec.region)
    _check(spec, result)
    assert result.warnings == ()
    assert "brightline.io" in {u.value.removeprefix("https://") for u in result.contact.urls}
    texts = [ln.text for ln in result.lines]  # top to bottom (the logo's letter comes first)
    assert texts.index("Brightline Analytics Inc.") < texts.index(spec.name)
    assert all(0.0 < ln.confidence <= 1.0 for ln in result.lines)
    assert len(result.images) == 1 and result.images[0][:2] == b"\xff\xd8"  # a JPEG to attach


def test_a_photo_taken_sideways_on_a_desk_is_straightened_and_read(
    qapp: Any, ocr_engine: Any
) -> None:
    index = sc.TURNS.index(1)
    spec = sc.CARDS[index]
    [photo] = sc.card_images(spec, photographed=True, seed=index)
    result = read_card_image(photo, region=spec.region)
    _check(spec, result)
    from netdesk.scan import prepare

    card = prepare.load_image(result.images[0])
    height, width = card.shape[:2]
    assert width > 1.4 * height  # the card was cut out of the desk and turned upright


def test_both_sides_of_a_card_make_one_contact(qapp: Any, ocr_engine: Any) -> None:
    spec = BY_KEY["es-twosided"]
    front, back = sc.card_images(spec, photographed=True, seed=sc.CARDS.index(spec))
    result = read_card([front, back], region=spec.region)
    _check(spec, result)  # name and company on the front, email and phone on the back
    assert {ln.side for ln in result.lines} == {0, 1}
    assert len(result.images) == 2
    assert result.contact.addresses and result.contact.addresses[0].locality == "Madrid"


def _cyrillic_card() -> bytes:
    img = QImage(sc.W, sc.H, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    for y, px, text in (
        (120, 50, "Иван Петрович Смирнов"),
        (190, 28, "Генеральный директор"),
        (240, 28, "ООО Северные Технологии"),
        (420, 26, "+7 495 123-45-67"),
        (470, 26, "ivan@sever-tech.ru"),
    ):
        font = QFont("DejaVu Sans")
        font.setPixelSize(px)
        p.setFont(font)
        p.drawText(QPointF(60, y), text)
    p.end()
    return sc.png_bytes(img)


def test_a_cyrillic_card_says_it_could_not_be_read_instead_of_guessing(
    qapp: Any, ocr_engine: Any
) -> None:
    result = read_card_image(_cyrillic_card(), region="RU")
    c = result.contact
    assert any("could not be read reliably" in w for w in result.warnings)
    assert "3 lines" in result.warnings[0]
    # no Latin look-alikes in the name, title or company; what is Latin is still read
    assert (c.given_name, c.family_name, c.title, c.organization) == ("", "", "", "")
    assert [e.value for e in c.emails] == ["ivan@sever-tech.ru"]
    assert [p.e164 for p in c.phones] == ["+74951234567"]


def test_scan_card_cli_prints_the_contact_shape_with_lines(
    qapp: Any, ocr_engine: Any, tmp_path: Path
) -> None:
    spec = BY_KEY["de-left"]
    path = tmp_path / "card.png"
    path.write_bytes(sc.card_images(spec, photographed=False)[0])
    out, err = io.StringIO(), io.StringIO()
    code = run(["scan-card", str(path), "--region", "DE", "--json"], out, err)
    assert code == 0, err.getvalue()
    [data] = json.loads(out.getvalue())
    assert (data["given_name"], data["family_name"]) == ("Jürgen", "Müller")
    assert data["organization"] == "Kessler Logistik GmbH"
    assert data["emails"][0]["value"] == spec.email
    assert data["phones"][0]["e164"] == spec.e164
    assert data["lines"][0]["text"] == "Jürgen Müller"
    assert 0.5 < data["lines"][0]["confidence"] <= 1.0
    assert "title" in data["guessed"] and isinstance(data["unparsed"], list)
    assert data["image"] == str(path)


def test_scan_card_cli_names_a_file_that_is_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "notes.png"
    path.write_text("not an image")
    out, err = io.StringIO(), io.StringIO()
    code = run(["scan-card", str(path), "--json"], out, err)
    assert code != 0
    assert "notes.png" in err.getvalue() and "Traceback" not in err.getvalue()
    assert out.getvalue() == ""


@pytest.mark.parametrize("region", ["D", "12"])
def test_scan_card_cli_refuses_a_bad_region(tmp_path: Path, region: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = run(["scan-card", str(tmp_path / "x.png"), "--region", region], out, err)
    assert code != 0 and "region" in err.getvalue()


def test_a_scan_needs_no_network_and_writes_nothing_under_home(qapp: Any, tmp_path: Path) -> None:
    """A fresh process with every network connection refused and an empty home loads the
    engine and reads a card; afterwards the home is still empty (no model download, no
    telemetry or cache files)."""
    import os
    import subprocess
    import sys

    spec = BY_KEY["de-left"]
    card = tmp_path / "card.png"
    card.write_bytes(sc.card_images(spec, photographed=False)[0])
    home = tmp_path / "user-home"
    home.mkdir()
    code = (
        "import socket, sys\n"
        "def refuse(*a, **k):\n"
        "    raise OSError('network access during a scan')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from netdesk.scan import read_card_image\n"
        "r = read_card_image(sys.argv[1], region='DE')\n"
        "print(r.contact.emails[0].value)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "ORT_", "NETDESK_"))}
    env.update(HOME=str(home), NETDESK_HOME=str(tmp_path / "nd"))
    out = subprocess.run(
        [sys.executable, "-c", code, str(card)], capture_output=True, text=True, env=env
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == spec.email
    assert list(home.rglob("*")) == []
