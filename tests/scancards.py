"""Business cards designed for the scan tests and benchmarks: rendered with QPainter on a
QImage (several layouts, fonts and countries, one with a logo, one two-sided), and
photographed-style versions of them (a desk around the card, perspective, rotation, blur,
noise, uneven light) made with numpy and OpenCV.

Needs a Q(Gui)Application. Used by tests/gui/scan/test_scan_*.py and benchmarks/scan_accuracy.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np
from PySide6.QtCore import QBuffer, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPen

W, H = 1050, 600  # 3.5 x 2 inches at 300 dpi


@dataclass(frozen=True)
class CardSpec:
    key: str
    given: str
    family: str
    title: str
    org: str
    email: str
    phone: str  # as printed
    e164: str  # what the phone must parse to
    region: str
    address: tuple[str, ...] = ()
    web: str = ""
    layout: str = "left"  # left | centered | columns | dark | twosided
    font: str = "DejaVu Sans"
    logo: bool = False
    extra: tuple[str, ...] = field(default=())

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}"


CARDS: tuple[CardSpec, ...] = (
    CardSpec(
        "de-left",
        "Jürgen",
        "Müller",
        "Leiter Beschaffung",
        "Kessler Logistik GmbH",
        "j.mueller@kessler-logistik.de",
        "Tel. +49 511 1234567",
        "+495111234567",
        "DE",
        ("Güterstraße 7", "30159 Hannover"),
        "www.kessler-logistik.de",
    ),
    CardSpec(
        "us-centered",
        "Sarah",
        "Johnson",
        "Senior Product Manager",
        "Brightline Analytics Inc.",
        "sarah.johnson@brightline.io",
        "+1 (415) 555-0142",
        "+14155550142",
        "US",
        ("500 Market Street, Suite 210", "San Francisco, CA 94105"),
        "brightline.io",
        layout="centered",
        logo=True,
    ),
    CardSpec(
        "fr-columns",
        "Camille",
        "Durand",
        "Directrice Commerciale",
        "Atelier Lumière SAS",
        "c.durand@atelier-lumiere.fr",
        "Mob. +33 6 12 34 56 78",
        "+33612345678",
        "FR",
        ("12 rue de la Paix", "75002 Paris"),
        "www.atelier-lumiere.fr",
        layout="columns",
        font="DejaVu Serif",
    ),
    CardSpec(
        "uk-dark",
        "Oliver",
        "Bennett",
        "Head of Engineering",
        "Northgate Systems Ltd",
        "oliver.bennett@northgate.co.uk",
        "+44 20 7946 0958",
        "+442079460958",
        "GB",
        ("1 Canada Square", "London E14 5AB"),
        "northgate.co.uk",
        layout="dark",
    ),
    CardSpec(
        "it-left-serif",
        "Giulia",
        "Bianchi",
        "Responsabile Marketing",
        "Ferretti Design S.r.l.",
        "giulia.bianchi@ferrettidesign.it",
        "Tel. +39 02 1234 5678",
        "+390212345678",
        "IT",
        ("Via Torino 25", "20123 Milano"),
        "www.ferrettidesign.it",
        font="DejaVu Serif",
        logo=True,
    ),
    CardSpec(
        "es-twosided",
        "Javier",
        "Ortega",
        "Director de Operaciones",
        "Solaria Energía S.L.",
        "javier.ortega@solaria-energia.es",
        "Móvil +34 612 345 678",
        "+34612345678",
        "ES",
        ("Calle de Alcalá 42", "28014 Madrid"),
        "www.solaria-energia.es",
        layout="twosided",
        logo=True,
    ),
    CardSpec(
        "nl-columns",
        "Sanne",
        "de Vries",
        "Accountmanager",
        "Van Dijk Consultancy B.V.",
        "sanne.devries@vandijk-consultancy.nl",
        "T +31 20 123 4567",
        "+31201234567",
        "NL",
        ("Keizersgracht 123", "1015 CJ Amsterdam"),
        "vandijk-consultancy.nl",
        layout="columns",
        font="DejaVu Sans Condensed",
    ),
    CardSpec(
        "us-mono",
        "Michael",
        "Chen",
        "Chief Technology Officer",
        "Quantum Leap Robotics Corp.",
        "mchen@quantumleap.ai",
        "Cell 650-555-0199",
        "+16505550199",
        "US",
        ("2100 Geng Road", "Palo Alto, CA 94303"),
        "quantumleap.ai",
        font="DejaVu Sans Mono",
    ),
)


def _font(family: str, px: int, bold: bool = False, italic: bool = False) -> QFont:
    f = QFont(family)
    f.setPixelSize(px)
    f.setBold(bold)
    f.setItalic(italic)
    return f


def _logo(p: QPainter, x: float, y: float, size: float, text: str, color: QColor) -> None:
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(color))
    p.drawEllipse(QRectF(x, y, size, size))
    p.setBrush(QBrush(QColor("white")))
    p.drawRect(QRectF(x + size * 0.3, y + size * 0.3, size * 0.4, size * 0.4))
    p.setPen(QPen(QColor("white")))
    p.setFont(_font("DejaVu Sans", int(size * 0.22), bold=True))
    p.setPen(QPen(color))
    p.drawText(
        QRectF(x + size * 0.3, y + size * 0.3, size * 0.4, size * 0.4),
        Qt.AlignmentFlag.AlignCenter,
        text[:1],
    )


def _lines(
    p: QPainter,
    x: float,
    y: float,
    lines: list[tuple[str, QFont]],
    *,
    center: bool = False,
    right: float | None = None,
    gap: float = 1.35,
) -> float:
    for text, font in lines:
        p.setFont(font)
        px = font.pixelSize()
        y += px * gap
        if center:
            p.drawText(QRectF(0, y - px, W, px * 1.4), Qt.AlignmentFlag.AlignHCenter, text)
        elif right is not None:
            p.drawText(QRectF(x, y - px, right - x, px * 1.4), Qt.AlignmentFlag.AlignRight, text)
        else:
            p.drawText(QPointF(x, y), text)
    return y


def render(spec: CardSpec) -> list[QImage]:
    """The card's side(s) as images: one, or two for the two-sided layout."""
    fam = spec.font
    accent = QColor("#1f5fa8")
    ink = QColor("#1d1d1f")
    images = []
    front = QImage(W, H, QImage.Format.Format_RGB32)
    front.fill(QColor("#111827") if spec.layout == "dark" else QColor("#fbfaf7"))
    p = QPainter(front)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    p.setPen(QPen(QColor("white") if spec.layout == "dark" else ink))
    contact = [(spec.phone, _font(fam, 26)), (spec.email, _font(fam, 26))]
    if spec.web:
        contact.append((spec.web, _font(fam, 26)))
    address = [(a, _font(fam, 24)) for a in spec.address]
    if spec.layout in ("left", "dark"):
        if spec.logo:
            _logo(p, W - 190, 50, 130, spec.org, accent)
        _lines(
            p,
            70,
            60,
            [
                (spec.name, _font(fam, 52, bold=True)),
                (spec.title, _font(fam, 28, italic=True)),
                (spec.org, _font(fam, 30)),
            ],
        )
        _lines(p, 70, 310, address + contact, gap=1.3)
    elif spec.layout == "centered":
        if spec.logo:
            _logo(p, W / 2 - 45, 30, 90, spec.org, accent)
        p.setPen(QPen(accent))
        y = _lines(p, 0, 130, [(spec.org, _font(fam, 36, bold=True))], center=True)
        p.setPen(QPen(ink))
        y = _lines(
            p,
            0,
            y + 10,
            [(spec.name, _font(fam, 44, bold=True)), (spec.title, _font(fam, 26))],
            center=True,
        )
        _lines(
            p,
            0,
            y + 20,
            [
                (spec.phone + "   " + spec.email, _font(fam, 24)),
                (", ".join(spec.address), _font(fam, 22)),
                (spec.web, _font(fam, 22)),
            ],
            center=True,
            gap=1.3,
        )
    elif spec.layout == "columns":
        p.fillRect(QRectF(0, 0, 18, H), accent)
        _lines(
            p,
            70,
            80,
            [
                (spec.name, _font(fam, 46, bold=True)),
                (spec.title, _font(fam, 26)),
                (spec.org, _font(fam, 28, bold=True)),
            ],
        )
        _lines(
            p,
            560,
            300,
            [(a, _font(fam, 22)) for a in (spec.phone, spec.email, spec.web)]
            + [(a, _font(fam, 22)) for a in spec.address],
            right=W - 50,
            gap=1.45,
        )
    elif spec.layout == "twosided":
        _logo(p, W / 2 - 80, 90, 160, spec.org, accent)
        p.setPen(QPen(accent))
        y = _lines(p, 0, 280, [(spec.org, _font(fam, 40, bold=True))], center=True)
        p.setPen(QPen(ink))
        _lines(
            p, 0, y + 10, [(spec.name, _font(fam, 34)), (spec.title, _font(fam, 24))], center=True
        )
        back = QImage(W, H, QImage.Format.Format_RGB32)
        back.fill(QColor("#eef3fa"))
        q = QPainter(back)
        q.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        q.setPen(QPen(ink))
        _lines(q, 80, 120, contact + address, gap=1.5)
        q.end()
        images.append(back)
    p.end()
    return [front, *images]


def png_bytes(image: QImage) -> bytes:
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return bytes(buf.data())


def to_array(image: QImage) -> np.ndarray:
    data = np.frombuffer(png_bytes(image), np.uint8)
    return cv2.imdecode(data, cv2.IMREAD_COLOR)


def photograph(card: np.ndarray, seed: int, quarter_turns: int = 0) -> np.ndarray:
    """The card as if photographed on a desk: a textured desk around it, perspective and
    rotation, uneven light, low contrast, blur and sensor noise (deterministic per seed);
    ``quarter_turns`` turns the whole photo (a phone held sideways or upside down)."""
    rng = np.random.default_rng(seed)
    h, w = card.shape[:2]
    dh, dw = int(h * 2.0), int(w * 1.6)
    desk_color = rng.integers(40, 110, size=3)
    desk = np.full((dh, dw, 3), desk_color, np.float32)
    desk += rng.normal(0, 8, size=(dh, dw, 1)).astype(np.float32)  # wood-ish grain
    desk = cv2.GaussianBlur(desk, (0, 0), 3)
    angle = np.deg2rad(rng.uniform(-12, 12))
    cx, cy = dw / 2 + rng.uniform(-40, 40), dh / 2 + rng.uniform(-40, 40)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    corners = np.float32([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])
    rot = np.float32([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    dst = corners @ rot.T
    dst += rng.uniform(-35, 35, size=(4, 2)).astype(np.float32)  # perspective
    dst += np.float32([cx, cy])
    m = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
    warped = cv2.warpPerspective(card.astype(np.float32), m, (dw, dh))
    mask = cv2.warpPerspective(np.ones((h, w), np.float32), m, (dw, dh))[..., None]
    img = desk * (1 - mask) + warped * mask
    yy, xx = np.mgrid[0:dh, 0:dw].astype(np.float32)
    gx, gy = rng.uniform(0.2, 0.8) * dw, rng.uniform(0.2, 0.8) * dh
    light = 1.0 - 0.35 * np.sqrt(((xx - gx) / dw) ** 2 + ((yy - gy) / dh) ** 2)
    img *= light[..., None] * rng.uniform(0.8, 1.0)
    if seed % 3 == 2:  # washed out: dim light, grey paper
        img = 70 + img * 0.55
    img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.6, 1.4))
    img += rng.normal(0, 6, size=img.shape).astype(np.float32)
    img = np.clip(img, 0, 255).astype(np.uint8)
    codes = {1: cv2.ROTATE_90_CLOCKWISE, 2: cv2.ROTATE_180, 3: cv2.ROTATE_90_COUNTERCLOCKWISE}
    return cv2.rotate(img, codes[quarter_turns % 4]) if quarter_turns % 4 else img


#: photos taken sideways or upside down, by card index
TURNS = (0, 0, 0, 1, 0, 0, 2, 3)


def jpeg(img: np.ndarray, quality: int = 88) -> bytes:
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return bytes(buf)


def card_images(spec: CardSpec, *, photographed: bool, seed: int = 0) -> list[bytes]:
    """The encoded image file(s) of a card: PNG for clean, JPEG for photographed."""
    sides = render(spec)
    if not photographed:
        return [png_bytes(s) for s in sides]
    turns = TURNS[seed % len(TURNS)]
    return [jpeg(photograph(to_array(s), seed * 10 + i, turns)) for i, s in enumerate(sides)]


def field_hits(spec: CardSpec, contact: object) -> dict[str, bool]:
    """Which fields of the card a scanned contact got right."""
    c = contact
    emails = [e.value.lower() for e in c.emails]  # type: ignore[attr-defined]
    phones = [p.e164 for p in c.phones]  # type: ignore[attr-defined]
    return {
        "name": (c.given_name, c.family_name) == (spec.given, spec.family),  # type: ignore[attr-defined]
        "title": c.title == spec.title,  # type: ignore[attr-defined]
        "company": c.organization == spec.org,  # type: ignore[attr-defined]
        "email": spec.email.lower() in emails,
        "phone": spec.e164 in phones,
    }
