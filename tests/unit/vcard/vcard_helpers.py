"""Shared helpers for the vCard tests: the corpus location, an independent card counter,
small valid images, and a contact that uses every modelled field."""

from __future__ import annotations

import codecs
import csv
import re
import struct
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from netdesk.core.dates import PartialDate
from netdesk.core.model import Address, Contact, Email, Phone, Photo, Url

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "vcards"
CORPUS_MISSING = f"vCard corpus not found at {CORPUS} (it lives next to the project, not in it)"


@dataclass(frozen=True)
class CorpusFile:
    path: Path
    name: str  # as in MANIFEST.tsv, e.g. "ezvcard/John_Doe_IPHONE.vcf"
    version: str
    cards: int  # number of BEGIN:VCARD lines according to the manifest
    quirks: str


def manifest() -> list[CorpusFile]:
    if not (CORPUS / "MANIFEST.tsv").is_file():
        return []
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [
        CorpusFile(CORPUS / r["file"], r["file"], r["version"], int(r["cards"]), r["quirks"])
        for r in rows
    ]


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.rglob("*") if p.suffix.lower() == ".vcf" and p.is_file())


_BEGIN_LINE = re.compile(r"^[ \t]*begin[ \t]*:[ \t]*vcard[ \t]*$", re.IGNORECASE)


def raw_begin_count(data: bytes) -> int:
    """Count BEGIN:VCARD lines without using the code under test."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif data[:200].count(0) > 20:
        text = data.decode("utf-16-be" if data[0] == 0 else "utf-16-le", errors="replace")
    else:
        text = data.decode("latin-1")
    return sum(1 for line in re.split(r"\r\n|\r|\n", text) if _BEGIN_LINE.match(line))


def png(width: int = 3, height: int = 2) -> bytes:
    """A valid, tiny PNG (RGB, all black)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    raw = b"".join(b"\x00" + b"\x00\x00\x00" * width for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def jpeg_header(width: int, height: int) -> bytes:
    """The start of a baseline JPEG: SOI, an APP0 segment and a SOF0 carrying the size."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof0 + b"\xff\xd9"


def rich_contact() -> Contact:
    """A contact using every field the vCard writer and reader model."""
    return Contact(
        uid="urn:uuid:6f1c0b7e-2f53-4a3e-9d6c-1f0e2a4b5c6d",
        display_name="Dr. Zoë Ødegård-Łukasiewicz, PhD",
        prefix="Dr.",
        given_name="Zoë",
        additional_names="Marie, Anne",
        family_name="Ødegård-Łukasiewicz",
        suffix="PhD",
        nickname="Zo; the \\ one",
        organization="Ünïcode GmbH; & Co",
        department="Forschung, Entwicklung",
        title="Head of 研究",
        emails=(
            Email("zoe@example.com", "work", True),
            Email("zoë@exämple.de", "home"),
            Email("z@example.org", "Conference badge"),
        ),
        phones=(
            Phone("+49 30 1234567", "+49301234567", "cell", True),
            Phone("+1 (212) 555-0199", "+12125550199", "work,fax"),
            # a German freephone vanity number: the contact lives in Germany (issue 13 rule)
            Phone("0800 FLOWERS", "+498003569377", "Assistant (Kasia)"),
        ),
        addresses=(
            Address("Straße 1\nHinterhaus, 3. OG", "Berlin", "BE", "10115", "Deutschland", "work"),
            Address("1 Main St; Apt 2", "Springfield", "IL", "62701", "USA", "Ferienhaus"),
        ),
        urls=(Url("https://example.com/zoë?a=1,b=2", "work"), Url("https://blog.example.net", "")),
        birthday=PartialDate(2, 29),
        anniversary=PartialDate(6, 15, 2011),
        notes="Line one, with comma; semicolon\nLine two: colon \\ backslash\n\nEnd — 终",
        tags=("friends", "Konferenz 2024", "a,b", "日本"),
        met_at="PyCon DE, Berlin",
        met_on=date(2023, 4, 17),
        cadence_days=45,
        starred=True,
        photo=Photo(png(4, 3), "image/png"),
        extra_vcard=(
            "X-SKYPE:zoe.o",
            "item9.X-ABRELATEDNAMES:Kasia",
            "item9.X-ABLabel:_$!<Assistant>!$_",
            "GEO:geo:52.52,13.40",
            "ROLE:Principal Investigator",
            "X-LONG-NOTE:" + "ünïcødé " * 30,
        ),
    )


MODELLED_FIELDS = (
    "uid",
    "display_name",
    "prefix",
    "given_name",
    "additional_names",
    "family_name",
    "suffix",
    "nickname",
    "organization",
    "department",
    "title",
    "emails",
    "phones",
    "addresses",
    "urls",
    "birthday",
    "anniversary",
    "notes",
    "tags",
    "met_at",
    "met_on",
    "cadence_days",
    "starred",
    "photo",
)


def generated_file(n: int) -> bytes:
    """``n`` varied vCard 3.0 cards (for the parallel reader and the timing script)."""
    out: list[str] = []
    for i in range(n):
        out.append(
            "BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"UID:gen-{i}\r\nFN:Person {i} Müller\r\nN:Müller;Person {i};;;\r\n"
            f"ORG:Company {i % 97};Dept {i % 7}\r\nTITLE:Engineer\r\n"
            f"EMAIL;TYPE=INTERNET,WORK:person{i}@example.com\r\n"
            f"TEL;TYPE=CELL:+1 212 555 {i % 10000:04d}\r\n"
            f"item1.ADR;TYPE=HOME:;;{i} Main St;Springfield;IL;62701;USA\r\n"
            "item1.X-ABLabel:_$!<Home>!$_\r\n"
            f"BDAY:19{i % 90 + 10:02d}-0{i % 9 + 1}-1{i % 9}\r\n"
            f"NOTE:Met at conference {i}\\, talked about vCards\r\n"
            "CATEGORIES:work,imported\r\nX-CUSTOM:value\r\nEND:VCARD\r\n"
        )
    return "".join(out).encode("utf-8")
