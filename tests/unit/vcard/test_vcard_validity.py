"""What NetDesk's vCard export writes is valid for its version (RFC 2426 for 3.0, RFC 6350
for 4.0): checked here against the RFCs' rules, read by an independent validator (the
``vcard`` package, RFC 2426) and by vobject, and read back by NetDesk to the same contacts."""

from __future__ import annotations

import base64
import re
import warnings

import pytest
import vobject
from helpers import rich_contact
from vcard.vcard_errors import VCardError
from vcard.vcard_validator import VCard

from netdesk.core.dates import PartialDate
from netdesk.core.model import Contact, Email, Phone, Photo
from netdesk.vcard import read_vcards, write_vcards

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(200)) + b"\xff\xd9"
RAW = base64.b64encode(JPEG).decode()

V3_PROPS = set(
    [
        "BEGIN",
        "END",
        "VERSION",
        "FN",
        "N",
        "NICKNAME",
        "PHOTO",
        "BDAY",
        "ADR",
        "LABEL",
        "TEL",
        "EMAIL",
        "MAILER",
        "TZ",
        "GEO",
        "TITLE",
        "ROLE",
        "LOGO",
        "AGENT",
        "ORG",
        "CATEGORIES",
        "NOTE",
        "PRODID",
        "REV",
        "SORT-STRING",
        "SOUND",
        "UID",
        "URL",
        "CLASS",
        "KEY",
        "NAME",
        "PROFILE",
        "SOURCE",
        "IMPP",
    ]
)
V4_PROPS = set(
    [
        "BEGIN",
        "END",
        "SOURCE",
        "KIND",
        "XML",
        "FN",
        "N",
        "NICKNAME",
        "PHOTO",
        "BDAY",
        "ANNIVERSARY",
        "GENDER",
        "ADR",
        "TEL",
        "EMAIL",
        "IMPP",
        "LANG",
        "TZ",
        "GEO",
        "TITLE",
        "ROLE",
        "LOGO",
        "ORG",
        "MEMBER",
        "RELATED",
        "CATEGORIES",
        "NOTE",
        "PRODID",
        "REV",
        "SOUND",
        "UID",
        "CLIENTPIDMAP",
        "URL",
        "VERSION",
        "KEY",
        "FBURL",
        "CALADRURI",
        "CALURI",
        "BIRTHPLACE",
        "DEATHPLACE",
        "DEATHDATE",
        "EXPERTISE",
        "HOBBY",
        "INTEREST",
        "ORG-DIRECTORY",
        "CONTACT-URI",
    ]
)
V3_PARAMS = {"TYPE", "ENCODING", "VALUE", "LANGUAGE", "CONTEXT"}
V4_PARAMS = set(
    [
        "LANGUAGE",
        "VALUE",
        "PREF",
        "ALTID",
        "PID",
        "TYPE",
        "MEDIATYPE",
        "CALSCALE",
        "SORT-AS",
        "GEO",
        "TZ",
        "LABEL",
        "CC",
        "INDEX",
        "LEVEL",
    ]
)
#: properties whose value is one text: an unescaped , or ; in it is not valid
SINGLE_TEXT = {"FN", "TITLE", "NOTE", "ROLE", "X-ABLABEL"}
DATE_3 = re.compile(r"^\d{4}-?\d{2}-?\d{2}(T\d{2}:?\d{2}:?\d{2}(Z|[+-]\d{2}:?\d{2})?)?$")
DATE_4 = re.compile(r"^(\d{8}|\d{4}-\d{2}|\d{4}|--\d{4}|--\d{2}|---\d{2})(T[\d:]+Z?)?$")


def cards() -> list[Contact]:
    return [
        rich_contact(
            anniversary=PartialDate(6, 1),
            notes="Line one\nLine two; with, punctuation \\ and a very long sentence that "
            "goes on and on well beyond seventy-five octets: äöü ß 日本語",
        ),
        # nothing but an email: FN from it, never "(no name)"
        Contact(emails=(Email("solo@example.com"),), birthday=PartialDate(4, 16)),
        # a stored placeholder, a company
        Contact(display_name="(no name)", organization="Acme; Partners, Ltd"),
        # a phone only, with 4.0-only and 3.0-only properties kept from other imports
        Contact(
            phones=(Phone("+49 30 1234567", label="work"),),
            photo=Photo(JPEG, "image/jpeg"),
            extra_vcard=(
                "GENDER:F",
                "KIND:individual",
                "BIRTHPLACE:Köln",
                "DEATHDATE:20200101",
                "GEO:geo:50.94,6.95",
                "BDAY;VALUE=text:circa 1800",
                f"LOGO;ENCODING=BASE64;TYPE=JPEG:{RAW}",
                "TEL;VALUE=uri;PREF=1:tel:+49-30-7654321",
                "LABEL;TYPE=WORK:Hauptstr. 1\\nBerlin",
                "X-SKYPE:someone",
            ),
        ),
        Contact(given_name="Geo", extra_vcard=("GEO:52.52;13.40", f"PHOTO:{RAW}")),
    ]


def unfold(text: str) -> list[str]:
    assert "\n" not in text.replace("\r\n", ""), "bare LF"
    physical = text.split("\r\n")
    assert physical[-1] == ""
    lines: list[str] = []
    for raw in physical[:-1]:
        assert len(raw.encode("utf-8")) <= 75, f"longer than 75 octets: {raw!r}"
        if raw.startswith(" "):
            assert lines, "continuation at the start"
            lines[-1] += raw[1:]
        else:
            lines.append(raw)
    return lines


def split(line: str) -> tuple[str, dict[str, str], str]:
    head, _, value = line.partition(":")
    name, *params = head.split(";")
    name = name.split(".")[-1].upper()
    return name, {p.partition("=")[0].upper(): p.partition("=")[2] for p in params}, value


def unescaped(value: str, chars: str) -> bool:
    return bool(re.search(r"(?<!\\)(?:\\\\)*[" + re.escape(chars) + "]", value))


def rfc_problems(text: str, version: str) -> list[str]:
    props, params_ok = (V3_PROPS, V3_PARAMS) if version == "3.0" else (V4_PROPS, V4_PARAMS)
    problems: list[str] = []
    card: list[str] = []
    for line in unfold(text):
        card.append(line)
        if line != "END:VCARD":
            continue
        assert card[0] == "BEGIN:VCARD"
        # RFC 6350 6.7.9: VERSION right after BEGIN; RFC 2426 requires it (we put it there too)
        if card[1] != f"VERSION:{version}":
            problems.append("VERSION is not the second line")
        names = [split(x)[0] for x in card]
        for required in ("VERSION", "FN", "N") if version == "3.0" else ("VERSION", "FN"):
            if required not in names:
                problems.append(f"no {required}")
        for single in ("BDAY", "GENDER", "KIND", "N", "FN", "GEO", "ANNIVERSARY"):
            if version == "4.0" and names.count(single) > 1:
                problems.append(f"{single} twice")
        for x in card[1:-1]:
            name, params, value = split(x)
            if name not in props and not name.startswith("X-"):
                problems.append(f"{name} is not a vCard {version} property")
            for p in params:
                if p not in params_ok and not p.startswith("X-"):
                    problems.append(f"{name}: parameter {p} is not vCard {version}")
            if name == "FN" and (not value or value == "(no name)"):
                problems.append(f"FN is {value!r}")
            if name in SINGLE_TEXT and unescaped(value, ",;"):
                problems.append(f"{name}: unescaped , or ; in {value!r}")
            if name == "BDAY":
                if version == "3.0" and (not DATE_3.match(value) or "VALUE" in params):
                    problems.append(f"BDAY {x!r} is not a 3.0 date")
                if version == "4.0" and not (
                    DATE_4.match(value) or params.get("VALUE", "").lower() == "text"
                ):
                    problems.append(f"BDAY {x!r} is not a 4.0 date")
            if name == "GEO":
                ok = (
                    re.match(r"^-?\d+(\.\d+)?;-?\d+(\.\d+)?$", value)
                    if version == "3.0"
                    else re.match(r"^geo:-?\d+(\.\d+)?,-?\d+(\.\d+)?", value)
                )
                if not ok:
                    problems.append(f"GEO {value!r} is not the {version} form")
            if name in ("PHOTO", "LOGO", "SOUND", "KEY"):
                if version == "3.0":
                    if params.get("ENCODING", "").lower() != "b" and "VALUE" not in params:
                        problems.append(f"{name} without ENCODING=b")
                    if params.get("ENCODING", "").lower() == "b":
                        base64.b64decode(value, validate=True)
                elif not value.startswith(("data:", "http:", "https:")):
                    problems.append(f"{name} is not a URI")
        card = []
    return problems


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_export_follows_the_rfc(version: str) -> None:
    text = write_vcards(cards(), version)
    assert rfc_problems(text, version) == []
    lines = unfold(text)
    assert "FN:solo@example.com" in lines
    assert r"FN:Acme\; Partners\, Ltd" in lines
    assert "FN:+49 30 1234567" in lines
    if version == "3.0":
        assert "BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-16" in lines
        assert {"X-GENDER:F", "X-ADDRESSBOOKSERVER-KIND:individual", "X-BIRTHPLACE:Köln"} <= set(
            lines
        )
        assert "X-BDAY:circa 1800" in lines and "GEO:50.94;6.95" in lines
        assert f"LOGO;ENCODING=b;TYPE=JPEG:{RAW}" in lines
        assert f"PHOTO;ENCODING=b:{RAW}" in lines
        assert "TEL;TYPE=pref:+49-30-7654321" in lines
    else:
        assert "BDAY:--0416" in lines
        assert {"GENDER:F", "KIND:individual", "BIRTHPLACE:Köln", "GEO:geo:52.52,13.40"} <= set(
            lines
        )
        assert f"LOGO:data:image/jpeg;base64,{RAW}" in lines
        assert f"PHOTO:data:image/jpeg;base64,{RAW}" in lines
        assert "X-LABEL;TYPE=WORK:Hauptstr. 1\\nBerlin" in lines
        assert "BDAY;VALUE=text:circa 1800" in lines  # a 4.0 BDAY may be text


def test_the_old_export_broke_these_rules() -> None:
    """The checker is not a rubber stamp: what the export used to write fails it."""
    old = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:(no name)\r\nN:;;;;\r\nBDAY:--04-16\r\n"
        "GENDER:F\r\nGEO:geo:1,2\r\nPHOTO:" + RAW[:40] + "\r\nEND:VCARD\r\n"
    )
    assert len(rfc_problems(old, "3.0")) == 5


def test_an_independent_validator_accepts_the_3_0_export() -> None:
    """The ``vcard`` package validates RFC 2426 strictly. Two of its rules are stricter than
    the RFCs and are taken out before it reads: it wants one group for all lines of a card
    (RFC 2425 5.8.2 allows a group per line, which Apple's X-ABLabel items use), it refuses
    x-parameters on BDAY (RFC 2425 allows x-params on any property), and it compares ADR
    and LABEL TYPE values case-sensitively (RFC 2426 4: parameter values are
    case-insensitive; NetDesk writes WORK as Apple does)."""
    text = write_vcards(cards(), "3.0")
    for card in text.split("END:VCARD\r\n")[:-1]:
        card = re.sub(r"(?m)^item\d+\.", "", card)
        card = card.replace(";X-APPLE-OMIT-YEAR=1604", "")
        card = re.sub(r"(?m)^((?:ADR|LABEL);TYPE=)([^:;]+)", lambda m: m[1] + m[2].lower(), card)
        try:
            # RFC 2426's ABNF is over octets (NON-ASCII = %x80-FF): give it the UTF-8 octets
            octets = (card + "END:VCARD\r\n").encode("utf-8").decode("latin-1")
            with warnings.catch_warnings():
                # advice, not an error: "TYPE=INTERNET is the default and can be left out"
                warnings.filterwarnings("ignore", "Using default TYPE value", UserWarning)
                VCard(octets, "export.vcf")
        except VCardError as err:
            pytest.fail(f"{err}\n{card}")


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_vobject_and_netdesk_read_the_export_back(version: str) -> None:
    text = write_vcards(cards(), version)
    parsed = list(vobject.readComponents(text))
    assert [c.fn.value for c in parsed] == [
        "Dr. Jürgen Müller",
        "solo@example.com",
        "Acme; Partners, Ltd",
        "+49 30 1234567",
        "Geo",
    ]
    back = read_vcards(text.encode(), "x.vcf", "DE")
    assert [r.error for r in back] == [None] * 5
    originals = cards()
    for got, want in zip(back, originals, strict=True):
        assert got.contact is not None
        for name in ("given_name", "family_name", "organization", "emails", "birthday"):
            assert getattr(got.contact, name) == getattr(want, name), name
        if want.photo:
            assert got.contact.photo == want.photo
