"""Every real-world file of ../shared/corpus/vcards (read in place) through the import service:
every card accounted for, and decoded names and labelled values landing in the database."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "vcards"
pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"vCard corpus not found at {CORPUS} (it lives next to the project)"
)


def manifest() -> dict[str, int]:
    if not (CORPUS / "MANIFEST.tsv").is_file():
        return {}
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8", newline="") as fh:
        return {r["file"]: int(r["cards"]) for r in csv.DictReader(fh, delimiter="\t")}


FILES = sorted(manifest())
_BEGIN = re.compile(r"^[ \t]*begin[ \t]*:[ \t]*vcard[ \t]*$", re.IGNORECASE)


def begin_count(data: bytes) -> int:
    """BEGIN:VCARD lines counted without the code under test."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif data[:200].count(0) > 20:
        text = data.decode("utf-16-be" if data[0] == 0 else "utf-16-le", errors="replace")
    else:
        text = data.decode("latin-1")
    return sum(1 for line in re.split(r"\r\n|\r|\n", text) if _BEGIN.match(line))


@pytest.mark.parametrize("name", FILES)
def test_every_card_of_the_file_is_accounted_for(services: Any, name: str) -> None:
    path = CORPUS / name
    cards = begin_count(path.read_bytes())
    assert cards == manifest()[name]
    report = services.interchange.import_files([path])
    assert report.cards == cards
    assert report.imported + report.merged + report.skipped + len(report.unreadable) == cards
    for u in report.unreadable:
        assert u.file == str(path) and 1 <= u.card <= cards and u.line >= 1 and u.reason
    assert services.contacts.count() == report.imported
    # Importing it again adds nothing.
    again = services.interchange.import_files([path])
    assert again.imported == 0 and services.contacts.count() == report.imported


def contacts_of(services: Any, name: str) -> list[Any]:
    services.interchange.import_files([CORPUS / name])
    return services.contacts.get_many(services.contacts.list_ids(), with_photo=True)


def only(services: Any, name: str) -> Any:
    found = contacts_of(services, name)
    assert len(found) == 1, [c.display_name for c in found]
    return found[0]


@pytest.mark.parametrize(
    ("name", "display_name"),
    [
        ("aosp-vcard/v21_japanese_1.vcf", "安藤ロイド"),
        ("folkerkinzel/Greek.vcf", "Βαγγέλης"),
        ("folkerkinzel/Ukrainian.vcf", "Віталій Володимирович Кличко"),
        ("folkerkinzel/Hebrew.vcf", "אפרים קישון"),
        ("radicale/vcard-quoted-printable1.vcf", "黄世勇"),
        ("eds/12.vcf", "Michael Brüning"),
    ],
)
def test_decoded_non_ascii_names_in_the_database(
    services: Any, name: str, display_name: str
) -> None:
    c = only(services, name)
    assert c.display_name == display_name
    # ...and the search index finds them by their name.
    assert services.contacts.list_ids(search=display_name.split()[0]) == [c.id]


def test_utf16_file_with_two_cards(services: Any) -> None:
    names = sorted(c.display_name for c in contacts_of(services, "folkerkinzel/v3Utf16Bom.vcf"))
    assert names == ["Folker Kinzel", "KMS Außenstelle"]


def test_quoted_printable_address_and_typed_phones(services: Any) -> None:
    c = only(services, "eds/12.vcf")
    assert c.addresses[0].street == "Münsterplatz 21"
    assert c.addresses[0].region == "Baden-Württemberg"
    assert [(p.value, p.label, p.e164) for p in c.phones] == [
        ("+491622433834", "cell,work", "+491622433834"),
        ("017623384942", "cell,home", "+4917623384942"),
        ("+4973117546691", "work", "+4973117546691"),
    ]


def test_apple_labels_and_unknown_properties_in_the_database(services: Any) -> None:
    c = only(services, "tine20/mac_os_x_addressbook.vcf")
    assert ("email other", "other") in [(e.value, e.label) for e in c.emails]
    assert any(p.label == "iphone" for p in c.phones)
    assert "item6.X-AIM:Messenger Other (AIM)" in c.extra_vcard
    assert "item6.X-ABLabel:_$!<Other>!$_" in c.extra_vcard


def test_custom_label_survives_import(services: Any) -> None:
    c = only(services, "ezvcard/gmail-single.vcf")
    assert ("555 555 2222", "GRAND_CENTRAL") in [(p.value, p.label) for p in c.phones]


def test_embedded_photo_lands_in_the_database(services: Any) -> None:
    c = only(services, "ezvcard/John_Doe_IPHONE.vcf")
    assert c.photo is not None and c.photo.mime == "image/jpeg"
    assert c.photo.data.startswith(b"\xff\xd8")


def test_the_whole_corpus_in_one_import(services: Any) -> None:
    paths = [CORPUS / name for name in FILES]
    report = services.interchange.import_files(paths)
    assert report.cards == sum(manifest().values())
    assert report.imported + report.merged + report.skipped + len(report.unreadable) == report.cards
    assert len(report.outcomes) == report.cards - len(report.unreadable)
