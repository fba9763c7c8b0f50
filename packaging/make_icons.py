"""Render the app icon for every OS from the one source image, resources/netdesk.svg.

    uv run python packaging/make_icons.py

writes (and the repository keeps, so a build needs no extra step):

- netdesk/data/icons/netdesk-<size>.png for 16 … 1024 px: the window icon at run time
  (netdesk.ui.shell.application.app_icon, found through netdesk.resources frozen or not);
- resources/netdesk.png (256 px): the Linux icon beside resources/netdesk.desktop;
- resources/netdesk.ico: Windows, an ICO container holding PNG images (16 … 256 px);
- resources/netdesk.icns: macOS, an ICNS container holding PNG images (ic07 … ic14).

Rendering uses Qt's own SVG renderer (QtSvg, part of pyside6-essentials), so no other
imaging library is needed. Both containers are written by hand: they are a small header
followed by the PNG files.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "netdesk.svg"
#: every size written to netdesk/data/icons
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
#: sizes inside the Windows .ico (256 is the largest an ICO entry can describe)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: ICNS element types holding PNG data, and their pixel size
ICNS_TYPES = (
    (b"ic11", 32),  # 16 px @2x
    (b"ic12", 64),  # 32 px @2x
    (b"ic07", 128),
    (b"ic13", 256),  # 128 px @2x
    (b"ic08", 256),
    (b"ic14", 512),  # 256 px @2x
    (b"ic09", 512),
    (b"ic10", 1024),  # 512 px @2x
)


def render_pngs(svg: Path, sizes: tuple[int, ...]) -> dict[int, bytes]:
    """PNG bytes of ``svg`` rendered at each size (square, transparent background)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not an SVG image Qt can render")
    out: dict[int, bytes] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, "PNG"):
            raise SystemExit(f"make_icons: could not encode the {size} px PNG")
        buffer.close()
        out[size] = bytes(data.data())
    return out


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file whose images are the given PNGs (allowed since Windows Vista).

    Layout: ICONDIR (reserved 0, type 1, count), one 16-byte ICONDIRENTRY per image
    (width and height with 0 meaning 256, colours 0, reserved 0, planes 1, 32 bits per
    pixel, byte size, offset), then the images. Little-endian.
    """
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries = b""
    for size in sizes:
        if not 1 <= size <= 256:
            raise ValueError(f"an ICO image cannot be {size} px")
        side = 0 if size == 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(pngs[size]), offset)
        offset += len(pngs[size])
    return header + entries + b"".join(pngs[s] for s in sizes)


def icns_bytes(elements: list[tuple[bytes, bytes]]) -> bytes:
    """An ICNS file: b"icns", the total length, then (type, length incl. header, data)."""
    body = b"".join(kind + struct.pack(">I", 8 + len(data)) + data for kind, data in elements)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write_all(svg: Path, icons_dir: Path, resources_dir: Path) -> list[Path]:
    pngs = render_pngs(svg, PNG_SIZES)
    written: list[Path] = []

    def write(path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)

    for size, data in pngs.items():
        write(icons_dir / f"netdesk-{size}.png", data)
    write(resources_dir / "netdesk.png", pngs[256])
    write(resources_dir / "netdesk.ico", ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    write(resources_dir / "netdesk.icns", icns_bytes([(k, pngs[s]) for k, s in ICNS_TYPES]))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=SOURCE)
    parser.add_argument("--icons-dir", type=Path, default=ROOT / "netdesk" / "data" / "icons")
    parser.add_argument("--resources-dir", type=Path, default=ROOT / "resources")
    args = parser.parse_args(argv)
    for path in write_all(args.svg, args.icons_dir, args.resources_dir):
        print(f"{path.stat().st_size:>9,} B  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
