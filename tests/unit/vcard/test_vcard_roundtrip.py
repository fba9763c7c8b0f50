"""Contact -> vCard text -> Contact, for 3.0 and 4.0, and the shape of what is written."""

from __future__ import annotations

import pytest
import vobject
from vcard_helpers import MODELLED_FIELDS, png, rich_contact

from netdesk.core.dates import PartialDate
from netdesk.core.model import Contact, Email, Phone, Photo
from netdesk.vcard import read_vcards, write_vcards
from netdesk.vcard.writer import convert_extra, fold

VERSIONS = ("3.0", "4.0")


def roundtrip(contact: Contact, version: str) -> Contact:
    text = write_vcards([contact], version)
    [result] = read_vcards(text.encode("utf-8"), "export.vcf")
    assert result.error is None and result.warnings == ()
    assert result.contact is not None
    return result.contact


@pytest.mark.parametrize("version", VERSIONS)
def test_rich_contact_round_trips(version: str) -> None:
    original = rich_contact()
    back = roundtrip(original, version)
    for name in MODELLED_FIELDS:
        assert getattr(back, name) == getattr(original, name), name
    assert back.photo is not None and original.photo is not None
    assert back.photo.data == original.photo.data
    # kept lines come back in the version's own form (GEO: 3.0 "lat;lon", 4.0 a geo: URI)
    assert back.extra_vcard == tuple(convert_extra(x, version) for x in original.extra_vcard)


@pytest.mark.parametrize("version", VERSIONS)
def test_output_shape(version: str) -> None:
    text = write_vcards([rich_contact(), Contact(display_name="Second")], version)
    assert text.count("BEGIN:VCARD") == 2
    assert "\n" not in text.replace("\r\n", "")
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    assert f"VERSION:{version}\r\n" in text
    if version == "3.0":
        assert "PHOTO;ENCODING=b;TYPE=PNG:" in text
        assert "BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29\r\n" in text  # no year: Apple's form
        assert "EMAIL;TYPE=INTERNET,WORK,PREF:zoe@example.com" in text
    else:
        assert "PHOTO:data:image/png;base64," in text
        assert "BDAY:--0229\r\n" in text
        assert "EMAIL;TYPE=work;PREF=1:zoe@example.com" in text
    assert "CATEGORIES:friends,Konferenz 2024,a\\,b,日本\r\n" in text
    assert "X-NETDESK-CADENCE-DAYS:45\r\n" in text
    assert "X-SKYPE:zoe.o\r\n" in text


@pytest.mark.parametrize("version", VERSIONS)
def test_vobject_parses_what_we_write(version: str) -> None:
    text = write_vcards([rich_contact(), Contact(organization="ACME")], version)
    cards = list(vobject.readComponents(text))
    assert len(cards) == 2
    assert cards[0].fn.value == "Dr. Zoë Ødegård-Łukasiewicz, PhD"
    assert cards[1].fn.value == "ACME"


def test_fold_never_splits_a_utf8_character() -> None:
    line = "NOTE:" + "€" * 100
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert "".join(p[1:] if i else p for i, p in enumerate(pieces)) == line


def test_company_only_contact_gets_fn_from_organisation() -> None:
    back = roundtrip(Contact(organization="Globex; Inc", department="R&D"), "3.0")
    assert back.display_name == "Globex; Inc"
    assert (back.organization, back.department) == ("Globex; Inc", "R&D")


def test_contact_with_nothing_but_a_phone() -> None:
    c = Contact(phones=(Phone("+1 555 0100", "+15550100"),))
    back = roundtrip(c, "4.0")
    assert back.phones[0].value == "+1 555 0100"
    assert back.display_name == "+1 555 0100"


def test_netdesk_fields_are_x_properties_and_introducer_uid_optional() -> None:
    c = Contact(display_name="A", introduced_by=7, starred=False, cadence_days=None)
    assert "X-NETDESK" not in write_vcards([c])
    text = write_vcards([c], uid_for_id={7: "uid-of-bob"})
    assert "X-NETDESK-INTRODUCED-BY:uid-of-bob\r\n" in text
    back = read_vcards(text.encode())[0].contact
    assert back is not None and back.introduced_by is None
    assert "X-NETDESK-INTRODUCED-BY:uid-of-bob" in back.extra_vcard
    # Writing again with a fresh mapping replaces, not duplicates, the kept line.
    again = write_vcards([back], uid_for_id={7: "uid-of-bob"})
    assert again.count("X-NETDESK-INTRODUCED-BY") == 1


def test_generated_groups_do_not_collide_with_kept_groups() -> None:
    c = Contact(
        display_name="G",
        emails=(Email("a@example.com", "Custom label"),),
        extra_vcard=("item1.X-ABRELATEDNAMES:Bob", "item1.X-ABLabel:_$!<Friend>!$_"),
    )
    back = roundtrip(c, "3.0")
    assert back.emails == c.emails
    assert back.extra_vcard == c.extra_vcard


def test_photo_mime_survives_and_jpeg_type_is_written() -> None:
    jpeg = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 3
    c = Contact(display_name="P", photo=Photo(jpeg, "image/jpeg"), birthday=PartialDate(12, 31))
    text = write_vcards([c])
    assert "PHOTO;ENCODING=b;TYPE=JPEG:" in text
    back = roundtrip(c, "3.0")
    assert back.photo == c.photo and back.birthday == PartialDate(12, 31)
    assert roundtrip(Contact(display_name="Q", photo=Photo(png(), "image/png")), "4.0").photo


def test_unsupported_version_is_refused() -> None:
    with pytest.raises(ValueError, match=r"2\.1"):
        write_vcards([Contact(display_name="x")], "2.1")
