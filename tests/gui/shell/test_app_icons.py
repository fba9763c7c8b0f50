"""The app icon: one SVG source, rendered by packaging/make_icons.py into the PNGs the app
loads at run time, the Windows .ico and the macOS .icns (all committed)."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

REPO = Path(__file__).resolve().parents[3]
RESOURCES = REPO / "resources"


def _make_icons() -> object:
    path = REPO / "packaging" / "make_icons.py"
    spec = importlib.util.spec_from_file_location("make_icons", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _png_size(data: bytes) -> tuple[int, int]:
    image = QImage.fromData(data, "PNG")
    assert not image.isNull()
    return image.width(), image.height()


def read_ico(data: bytes) -> dict[int, bytes]:
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)
    images = {}
    for n in range(count):
        w, h, _colours, _res, planes, bits, size, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * n
        )
        assert (planes, bits) == (1, 32)
        side = w or 256
        assert side == (h or 256)
        png = data[offset : offset + size]
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        assert _png_size(png) == (side, side)
        images[side] = png
    return images


def read_icns(data: bytes) -> dict[bytes, bytes]:
    assert data[:4] == b"icns"
    assert struct.unpack_from(">I", data, 4)[0] == len(data)
    pos, elements = 8, {}
    while pos < len(data):
        kind = data[pos : pos + 4]
        (length,) = struct.unpack_from(">I", data, pos + 4)
        elements[kind] = data[pos + 8 : pos + length]
        pos += length
    assert pos == len(data)
    return elements


def test_ico_holds_every_windows_size_as_png(qapp: object) -> None:
    images = read_ico((RESOURCES / "netdesk.ico").read_bytes())
    assert sorted(images) == [16, 24, 32, 48, 64, 128, 256]


def test_icns_holds_png_elements_of_the_right_sizes(qapp: object) -> None:
    elements = read_icns((RESOURCES / "netdesk.icns").read_bytes())
    expected = {b"ic07": 128, b"ic08": 256, b"ic09": 512, b"ic10": 1024}
    expected |= {b"ic11": 32, b"ic12": 64, b"ic13": 256, b"ic14": 512}
    assert {k: _png_size(v)[0] for k, v in elements.items()} == expected


def test_app_icon_finds_its_pngs_through_resource_path(qapp: object) -> None:
    from netdesk.resources import resource_path
    from netdesk.ui.shell.application import app_icon

    for size in (16, 32, 48, 64, 128, 256, 512, 1024):
        assert _png_size(resource_path(f"icons/netdesk-{size}.png").read_bytes()) == (size, size)
    icon = app_icon()
    assert not icon.isNull()
    assert QSize(16, 16) in icon.availableSizes()
    assert QSize(256, 256) in icon.availableSizes()


def test_committed_icons_match_the_svg_source(qapp: object, tmp_path: Path) -> None:
    """Whoever edits resources/netdesk.svg reruns packaging/make_icons.py."""
    make_icons = _make_icons()
    written = make_icons.write_all(  # type: ignore[attr-defined]
        RESOURCES / "netdesk.svg", tmp_path / "icons", tmp_path / "resources"
    )
    assert {p.name for p in written} >= {"netdesk.ico", "netdesk.icns", "netdesk-1024.png"}
    assert (
        read_ico((tmp_path / "resources" / "netdesk.ico").read_bytes()).keys()
        == read_ico((RESOURCES / "netdesk.ico").read_bytes()).keys()
    )
    for size in (16, 64, 256):
        fresh = QImage(str(tmp_path / "icons" / f"netdesk-{size}.png"))
        committed = QImage(str(REPO / "netdesk" / "data" / "icons" / f"netdesk-{size}.png"))
        assert fresh.size() == committed.size()
        worst = max(
            abs(getattr(fresh.pixelColor(x, y), c)() - getattr(committed.pixelColor(x, y), c)())
            for x in range(0, size, max(1, size // 32))
            for y in range(0, size, max(1, size // 32))
            for c in ("red", "green", "blue", "alpha")
        )
        assert worst <= 8, f"netdesk-{size}.png differs from the SVG by {worst}/255"
