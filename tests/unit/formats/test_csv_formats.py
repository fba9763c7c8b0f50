"""Every exporter's CSV (and two vCard dialects) read into the right fields: files written in
each format by tests/data/csv/formats/make_formats.py; the layout (encoding, header,
repeated headers, files without a header, the user's column mapping)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from netdesk.core.dates import PartialDate
from netdesk.core.errors import ImportFileError
from netdesk.core.model import Address, Email, Phone, Url
from netdesk.formats.csv import CsvOptions, inspect_csv, parse_mapping, read_csv

FORMATS = Path(__file__).resolve().parents[2] / "data" / "csv" / "formats"
sys.path.insert(0, str(FORMATS))

from landing import KINDS, expected, read, score  # noqa: E402


@pytest.mark.parametrize("name", sorted(expected()))
def test_every_value_lands_in_its_own_field(name: str) -> None:
    """Emails, phones, names, organisations and addresses of each exporter's file: 100 %."""
    got = score(name)
    assert {k: got[k][0] for k in KINDS} == {k: got[k][1] for k in KINDS}


@pytest.mark.parametrize("name", [n for n in sorted(expected()) if n.endswith(".csv")])
def test_no_email_or_phone_is_left_in_the_notes(name: str) -> None:
    for contact, want in zip(read(name), expected()[name], strict=True):
        assert contact is not None
        for value in want["emails"]:
            assert value not in contact.notes
        assert "Nicht angegeben" not in contact.notes and "Unspecified" not in contact.notes


def test_thunderbird_every_column() -> None:
    j = read("thunderbird.csv")[0]
    assert j is not None
    assert j.emails == (Email("j.mueller@kessler.example"), Email("juergen@privat.example"))
    assert j.phones[0].label == "work" and j.phones[1].label == "mobile"
    assert j.addresses == (
        Address("Güterstraße 7", "Hannover", "", "30159", "Deutschland", "home"),
    )
    assert j.urls == (Url("https://example.com/jürgen"),)
    assert j.birthday == PartialDate(5, 2, 1971)  # Birth Year / Month / Day
    assert (j.title, j.organization) == ("Leiter Beschaffung", "Kessler Logistik GmbH")
    assert j.notes == "Custom 1: Stammkunde"
    sam = read("thunderbird.csv")[2]
    assert sam is not None and sam.addresses[0].street == "500 Market St\nSuite 300"


def test_thunderbird_birthday_without_year() -> None:
    data = (
        b"First Name,Last Name,Primary Email,Birth Year,Birth Month,Birth Day\n"
        b"A,B,a@b.example,,04,16\n"
    )
    (r,) = read_csv(data, "t.csv")
    assert r.contact is not None and r.contact.birthday == PartialDate(4, 16)


@pytest.mark.parametrize("lang", ["de", "fr", "es", "nl", "it"])
def test_localised_outlook_reads_like_the_english_one(lang: str) -> None:
    english = read("outlook_en.csv")
    local = read(f"outlook_{lang}.csv")
    for en, lo in zip(english, local, strict=True):
        assert en is not None and lo is not None
        for name in ("prefix", "given_name", "family_name", "organization", "title", "birthday"):
            assert getattr(lo, name) == getattr(en, name), name
        assert lo.emails == en.emails
        assert [(p.value, p.label) for p in lo.phones] == [(p.value, p.label) for p in en.phones]
        assert lo.addresses == en.addresses
        assert lo.tags == en.tags == ("Kunden", "Messe")


def test_yahoo_phone_columns_named_by_label_only() -> None:
    j = read("yahoo.csv")[0]
    assert j is not None
    assert [(p.value, p.label) for p in j.phones] == [
        ("+49 511 123456", "work"),
        ("+49 171 9876543", "mobile"),
    ]
    assert "Messenger ID: jürgen_ym" in j.notes


def test_gmail_sections_and_unknown_email_columns() -> None:
    data = (
        b"Name,Contact Email,Email Home,Email Work,Email Other,Remarks\n"
        b"Anna Berg,anna@a.example,anna@home.example,anna@work.example,a@other.example,"
        b"x@y.example\n"
    )
    (r,) = read_csv(data, "x.csv")
    assert r.contact is not None
    assert r.contact.emails == (
        Email("anna@a.example"),
        Email("anna@home.example", "home"),
        Email("anna@work.example", "work"),
        Email("a@other.example", "other"),
        Email("x@y.example"),  # a column NetDesk does not know, but the cell is an email
    )
    assert r.contact.notes == ""


def test_shift_jis_is_detected_shown_and_changeable() -> None:
    data = (FORMATS / "outlook_ja_cp932.csv").read_bytes()
    layout = inspect_csv(data, "ja.csv", "JP")
    assert (layout.encoding, layout.encoding_detected) == ("cp932", "detector")
    (taro, _hanako) = read_csv(data, "ja.csv", "JP")
    assert taro.contact is not None
    assert (taro.contact.family_name, taro.contact.given_name) == ("山田", "太郎")
    assert taro.contact.organization == "株式会社サンプル"
    # the user may choose another encoding; the choice is what the file is read with
    chosen = inspect_csv(data, "ja.csv", "JP", CsvOptions(encoding="cp1252", no_header=True))
    assert (chosen.encoding, chosen.encoding_detected) == ("cp1252", "chosen")
    assert chosen.columns[0].samples[0] != "姓"
    with pytest.raises(ImportFileError, match=r"ja\.csv: no column NetDesk recognises"):
        read_csv(data, "ja.csv", "JP", CsvOptions(encoding="latin-1"))


def test_cp1252_preferred_over_its_neighbours_but_cp1250_found() -> None:
    fr = "Nom;Prénom;Email\nLefèvre;Hélène;h@x.example\n".encode("cp1252")
    assert inspect_csv(fr, "fr.csv").encoding == "cp1252"
    (r,) = read_csv(fr, "fr.csv")
    assert r.contact is not None and r.contact.given_name == "Hélène"
    pl = "Nazwisko,Imię,Firma,Email\nŁukasz,Żółć,l@x.example\nŚwięty,Paweł,p@x.example\n"
    layout = inspect_csv(pl.encode("cp1250"), "pl.csv")
    assert layout.encoding == "cp1250"


def test_two_exports_pasted_into_one_file_are_both_read() -> None:
    data = (
        b"Name,Email\n"
        b"Anna Berg,anna@x.example\n"
        b"Bo Lind,bo@x.example\n"
        b"First Name,Last Name,E-mail Address,Company\n"
        b"Cem,Kaya,cem@x.example,Acme\n"
        b"Name,Email\n"
        b"Dana Roe,dana@x.example\n"
    )
    out = read_csv(data, "pasted.csv")
    assert [(r.card, r.line) for r in out] == [(1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7)]
    people = [r.contact.display_name for r in out if r.contact]
    assert people == ["Anna Berg", "Bo Lind", "Cem Kaya", "Dana Roe"]
    assert out[3].contact is not None and out[3].contact.organization == "Acme"
    assert out[2].error is not None and out[2].error.startswith("the header row again")
    assert out[4].error is not None and "header row again" in out[4].error


def test_the_same_header_twice_is_reported_and_rows_above_it_kept() -> None:
    data = b"Name,Email\nAnna Berg,anna@x.example\nName,Email\nBo Lind,bo@x.example\n"
    out = read_csv(data, "twice.csv")
    assert [r.contact.display_name if r.contact else r.error for r in out] == [
        "Anna Berg",
        "the header row again (two exports in one file?); the rows below are read with the "
        "same columns",
        "Bo Lind",
    ]


def test_a_headerless_file_is_mapped_from_its_values() -> None:
    data = (
        b"Anna Berg,anna@x.example,+49 171 1234567,1980-05-17,https://anna.example\n"
        b"Bo Lind,bo@x.example,0171 7654321,--07-04,\n"
    )
    layout = inspect_csv(data, "plain.csv", "DE")
    assert not layout.has_header
    assert [(c.header, c.field, c.guessed_from) for c in layout.columns] == [
        ("Column 1", "display_name", "values"),
        ("Column 2", "email", "values"),
        ("Column 3", "phone", "values"),
        ("Column 4", "birthday", "values"),
        ("Column 5", "url", "values"),
    ]
    anna, bo = read_csv(data, "plain.csv", "DE")
    assert anna.line == 1 and anna.contact is not None
    assert (anna.contact.given_name, anna.contact.family_name) == ("Anna", "Berg")
    assert anna.contact.phones == (Phone("+49 171 1234567", "+491711234567"),)
    assert anna.contact.birthday == PartialDate(5, 17, 1980)
    assert bo.contact is not None and bo.contact.birthday == PartialDate(7, 4)


def test_a_one_column_email_list_with_or_without_header() -> None:
    for data in (b"a@x.example\nb@y.example\n", b"Email\na@x.example\nb@y.example\n"):
        out = read_csv(data, "list.csv")
        assert [r.contact.emails[0].value for r in out if r.contact] == [
            "a@x.example",
            "b@y.example",
        ]


def test_no_header_option_and_user_mapping() -> None:
    data = b"Berg,Anna,Acme\nLind,Bo,Globex\n"
    with pytest.raises(ImportFileError):
        read_csv(data, "x.csv")  # no header, no email or phone: nothing to go by
    mapping = parse_mapping("Column 1=family_name,2=given_name,Column 3=organization")
    out = read_csv(data, "x.csv", options=CsvOptions(no_header=True, mapping=mapping))
    assert [
        (r.contact.given_name, r.contact.family_name, r.contact.organization)
        for r in out
        if r.contact
    ] == [
        ("Anna", "Berg", "Acme"),
        ("Bo", "Lind", "Globex"),
    ]
    # a mapping overrides the guess from the header
    data = b"Name,Note,Phone\nAnna Berg,anna@x.example,12345\n"
    (r,) = read_csv(data, "x.csv", options=CsvOptions(mapping={"Note": "email", "Phone": "ignore"}))
    assert r.contact is not None and r.contact.emails == (Email("anna@x.example"),)
    assert r.contact.phones == ()
    with pytest.raises(ValueError, match="not a field"):
        parse_mapping("Name=shoe_size")
    with pytest.raises(ImportFileError, match="there is no column 'Nope'"):
        read_csv(data, "x.csv", options=CsvOptions(mapping={"Nope": "email"}))


def test_rows_with_data_above_the_header_are_accounted() -> None:
    data = b"anna@x.example,Anna\nName,Email\nBo Lind,bo@x.example\n"
    out = read_csv(data, "x.csv")
    assert (
        out[0].contact is None and out[0].error is not None and "above the header" in out[0].error
    )
    assert out[1].contact is not None and out[1].contact.display_name == "Bo Lind"


def test_netdesk_more_cells_and_linkedin_connected_on() -> None:
    data = (
        b"display_name,emails.1.value,emails.1.label,emails.1.pref,emails.more,phones.more\n"
        b'Anna Berg,a1@x.example,work,true,"[{""value"": ""a2@x.example"", ""label"": ""home"", '
        b'""pref"": false}]","[{""value"": ""+49 30 1234567"", ""e164"": ""+49301234567"", '
        b'""label"": ""work"", ""pref"": true}]"\n'
    )
    (r,) = read_csv(data, "netdesk.csv")
    assert r.contact is not None
    assert r.contact.emails == (Email("a1@x.example", "work", True), Email("a2@x.example", "home"))
    assert r.contact.phones == (Phone("+49 30 1234567", "+49301234567", "work", True),)
    linkedin = read("linkedin.csv")[0]
    assert linkedin is not None and str(linkedin.met_on) == "2023-03-14"
