"""The CSV reader on its own: formats, header mapping, encodings, delimiters, rows that cannot
be read, dates, unknown columns."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from netdesk.core.dates import PartialDate
from netdesk.core.errors import ImportFileError
from netdesk.core.model import Address, Email, Phone, Url
from netdesk.formats.csv import is_csv, parse_csv_date, read_csv
from netdesk.vcard import CardResult

DATA = Path(__file__).resolve().parents[2] / "data" / "csv"


def rows(name: str, region: str = "DE") -> list[CardResult]:
    return read_csv((DATA / name).read_bytes(), name, region)


def test_linkedin_preamble_is_skipped_and_every_column_mapped() -> None:
    out = rows("linkedin_connections.csv")
    assert [(r.card, r.line) for r in out] == [(1, 5), (2, 6), (3, 7), (4, 8), (5, 9)]
    anna = out[0].contact
    assert anna is not None
    assert (anna.given_name, anna.family_name, anna.display_name) == ("Anna", "Berg", "Anna Berg")
    assert anna.emails == (Email("anna.berg@example.com"),)
    assert (anna.organization, anna.title) == ("Acme GmbH", "Head of Talent")
    assert anna.urls == (Url("https://www.linkedin.com/in/annaberg", "LinkedIn"),)
    # kept as a note, never made into an interaction
    assert anna.notes == "Connected on LinkedIn: 12 Mar 2021"
    juergen = out[1].contact
    assert juergen is not None and juergen.organization == "Müller & Söhne, KG"
    assert out[3].contact is None
    assert out[3].error == "no name, email or phone (only URL, Connected On)"


def test_outlook_every_field() -> None:
    out = rows("outlook.csv")
    assert [(r.card, r.line) for r in out] == [(1, 2), (2, 4), (3, 5), (4, 6), (5, 7)]
    k = out[0].contact
    assert k is not None
    assert (k.prefix, k.given_name, k.additional_names, k.family_name, k.suffix) == (
        "Dr.",
        "Katrin",
        "Maria",
        "Schäfer",
        "PhD",
    )
    assert (k.organization, k.department, k.title) == ("Nordlicht AG", "Engineering", "CTO")
    assert k.emails == (Email("katrin@nordlicht.example"), Email("k.schaefer@mail.example"))
    assert k.phones == (
        Phone("+49 40 999999-9", "+49409999999", "fax"),
        Phone("+49 40 999999-0", "+49409999990", "work"),
        Phone("+49 40 123456", "+4940123456", "home"),
        Phone("+49 160 5550123", "+491605550123", "mobile"),
    )
    assert k.addresses == (
        Address("Hafenstraße 5\nGebäude B", "Hamburg", "HH", "20457", "Germany", "work"),
        Address("Elbchaussee 1", "Hamburg", "", "22763", "Germany", "home"),
    )
    assert k.urls == (Url("nordlicht.example"),)
    # 3/14/1985 settles the file's order: month first, so 6/21/2010 and 7/4/1990 are too
    assert k.birthday == PartialDate(3, 14, 1985)
    assert k.anniversary == PartialDate(6, 21, 2010)
    assert k.tags == ("Clients", "Hamburg")
    # unknown columns in the notes; Outlook's defaults (Normal, False, Unspecified) and
    # e-mail type/display name are not
    assert k.notes == (
        "Prefers calls before 10.\r\nSpeaks Danish.\n\n"
        "Hobby: Sailing\nInitials: K.M.S.\nManager's Name: Jens Ohm\nReferred By: Sven"
    )
    tom = out[1].contact
    assert tom is not None and tom.birthday is None and tom.notes == "Initials: T.B."
    switchboard = out[2].contact
    assert switchboard is not None and switchboard.display_name == "Switchboard GmbH"
    assert out[3].error == "no name, email or phone (only Categories, Notes)"
    luis = out[4].contact
    assert luis is not None and luis.birthday == PartialDate(7, 4, 1990)


def test_outlook_utf16_and_semicolon_variants_read_the_same() -> None:
    text = (DATA / "outlook.csv").read_bytes().decode("utf-8")
    expected = [(r.card, r.line, r.contact, r.error) for r in rows("outlook.csv")]
    for data in (
        text.encode("utf-16"),  # with a byte order mark
        text.encode("utf-16-le"),  # without one
        b"\xef\xbb\xbf" + text.encode("utf-8"),
    ):
        got = read_csv(data, "o.csv", "DE")
        assert [(r.card, r.line, r.contact, r.error) for r in got] == expected
    import csv
    import io

    semi = io.StringIO(newline="")
    writer = csv.writer(semi, delimiter=";", lineterminator="\r\n")
    writer.writerows(csv.reader(io.StringIO(text, newline="")))
    got = read_csv(semi.getvalue().encode("cp1252"), "o.csv", "DE")
    assert [(r.card, r.line, r.contact, r.error) for r in got] == expected
    tabbed = text.replace(",", "\t")  # no commas inside this file's quoted values matter here
    assert read_csv(tabbed.encode(), "o.tsv", "DE")[1].contact == expected[1][2]


def test_google_old_form_multi_values_labels_and_groups() -> None:
    out = rows("google_old.csv")
    g = out[0].contact
    assert g is not None
    assert (g.prefix, g.given_name, g.additional_names, g.family_name, g.nickname) == (
        "Dr.",
        "Grace",
        "Brewster",
        "Hopper",
        "Amazing Grace",
    )
    assert g.emails == (
        Email("grace@navy.example", "work", True),
        Email("ghopper@yale.example", "work"),
        Email("grace.home@example.com", "home"),
    )
    assert g.phones == (
        Phone("+1 202 555 0101", "+12025550101", "mobile"),
        Phone("+1 202 555 0102", "+12025550102", "mobile"),
        Phone("+1 202 555 0199", "+12025550199", "work"),
    )
    assert g.addresses == (Address("1 Navy Way", "Arlington", "VA", "22202", "US", "work"),)
    assert (g.organization, g.title, g.department) == ("US Navy", "Rear Admiral", "Computing")
    assert g.urls == (Url("https://example.com/grace", "Profile"),)
    assert g.birthday == PartialDate(12, 9, 1906)
    assert g.tags == ("Mentors",) and g.starred  # "* myContacts" dropped, "* starred" kept
    assert g.notes == "Pioneer of compilers"
    linus = out[1].contact
    assert linus is not None and linus.birthday == PartialDate(12, 28) and linus.tags == ()


def test_google_new_form() -> None:
    out = rows("google_new.csv")
    ada = out[0].contact
    assert ada is not None
    assert (ada.given_name, ada.family_name, ada.organization, ada.title, ada.department) == (
        "Ada",
        "Lovelace",
        "Analytical Engines Ltd",
        "Mathematician",
        "R&D",
    )
    assert [e.value for e in ada.emails] == [
        "ada@engines.example",
        "ada.l@engines.example",
        "ada@home.example",
    ]
    assert [p.label for p in ada.phones] == ["mobile", "fax"]
    assert ada.addresses == (
        Address("12 St James's Square", "London", "", "SW1Y 4JH", "United Kingdom", "home"),
    )
    assert ada.tags == ("Recruiters",) and not ada.starred
    assert "Custom Field 1 - Label: Referred by\nCustom Field 1 - Value: Charles" in ada.notes
    assert out[1].contact is not None and out[1].contact.birthday == PartialDate(6, 23, 1912)


def test_generic_columns_dates_and_unknown_columns() -> None:
    out = rows("generic.csv")
    dora = out[0].contact
    assert dora is not None
    assert (dora.display_name, dora.given_name, dora.family_name) == (
        "Dora Weiss",
        "Dora",
        "Weiss",
    )
    assert [(p.value, p.label) for p in dora.phones] == [
        ("+49 30 1234567", ""),
        ("+49 171 7654321", "mobile"),
    ]
    assert dora.tags == ("mentor", "Berlin")
    assert dora.birthday == PartialDate(5, 17, 1980)
    assert dora.notes == (
        "Met at the Berlin job fair.\nFollow up about the data role.\n\nFavourite Drink: Flat white"
    )
    assert out[1].line == 4  # the quoted note took two physical lines
    erik = out[1].contact
    assert erik is not None and erik.birthday == PartialDate(7, 4)
    fatima = out[2]
    assert fatima.contact is not None and fatima.contact.birthday is None
    assert fatima.warnings == (
        "line 5: Birthday 'sometime in May' is not a date NetDesk understands; kept in the notes",
    )
    assert "Birthday: sometime in May" in fatima.contact.notes
    assert out[3].contact is None and out[3].error == "no name, email or phone (only Notes, Tags)"


def test_header_names_ignore_case_spaces_and_punctuation() -> None:
    data = b"  FIRST NAME ;e-mail;MOBILE PHONE;job title\nAnna;anna@x.example;0171 1234567;CTO\n"
    (r,) = read_csv(data, "x.csv", "DE")
    assert r.contact is not None
    assert r.contact.given_name == "Anna" and r.contact.title == "CTO"
    assert r.contact.phones == (Phone("0171 1234567", "+491711234567", "mobile"),)


def test_blank_records_are_not_rows_and_extra_cells_are_kept() -> None:
    data = b"Name,Email\n\nAnna Berg,anna@x.example,surplus\n,\nBo,bo@x.example\n"
    out = read_csv(data, "x.csv", "DE")
    assert [(r.card, r.line) for r in out] == [(1, 3), (2, 5)]
    assert out[0].contact is not None and out[0].contact.notes == "More cells: surplus"
    assert out[0].warnings


def test_cp1252_fallback() -> None:
    data = "Name,Company\nRené Doré,Café Größe\n".encode("cp1252")
    (r,) = read_csv(data, "x.csv", "DE")
    assert r.contact is not None and r.contact.organization == "Café Größe"


def test_a_file_without_a_recognised_header_names_the_file() -> None:
    with pytest.raises(ImportFileError) as err:
        read_csv(b"foo,bar,baz\n1,2,3\n", "/some/where/x.csv")
    assert str(err.value).startswith("x.csv: no column NetDesk recognises (expected e.g.")
    with pytest.raises(ImportFileError):
        read_csv(b"", "empty.csv")


def test_csv_is_chosen_by_extension_or_content() -> None:
    assert is_csv("a.CSV", b"BEGIN:VCARD")
    assert not is_csv("a.vcf", b"First Name,Email\n")
    assert is_csv("export", b"First Name,Last Name,Email\nA,B,c@d\n")
    assert not is_csv("export", b"BEGIN:VCARD\r\nFN:x\r\nEND:VCARD\r\n")
    assert not is_csv("notes.txt", b"hello, world\n")


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("1985-03-14", "DE", PartialDate(3, 14, 1985)),
        ("--03-14", "DE", PartialDate(3, 14)),
        ("19850314", "DE", PartialDate(3, 14, 1985)),
        ("1985-03-14T00:00:00Z", "DE", PartialDate(3, 14, 1985)),
        ("3/14/1985", "DE", PartialDate(3, 14, 1985)),
        ("14/3/1985", "US", PartialDate(3, 14, 1985)),
        ("3/4/1985", "US", PartialDate(3, 4, 1985)),  # March 4
        ("3/4/1985", "DE", PartialDate(4, 3, 1985)),  # 3 April
        ("3/4/85 0:00", "US", PartialDate(3, 4, 1985)),
        ("14.03.1985", "US", PartialDate(3, 14, 1985)),
        ("12 Mar 2021", "US", PartialDate(3, 12, 2021)),
        ("March 14, 1985", "DE", PartialDate(3, 14, 1985)),
        ("14. März 1985", "DE", PartialDate(3, 14, 1985)),
        ("14 Mar", "DE", PartialDate(3, 14)),
        ("0/0/00", "US", None),
        ("", "US", None),
    ],
)
def test_dates_as_exporters_write_them(text: str, region: str, expected: object) -> None:
    assert parse_csv_date(text, region) == expected


@pytest.mark.parametrize("text", ["soon", "13/13/2000", "31.02.1990", "Smarch 3, 1990"])
def test_dates_that_are_not_dates(text: str) -> None:
    with pytest.raises(ValueError):
        parse_csv_date(text, "US")


def test_what_a_record_is_called() -> None:
    from netdesk.formats.csv import record_word, records_word

    assert record_word("/x/Connections.CSV") == "row" and record_word("a.vcf") == "card"
    assert records_word(["a.csv", "b.tsv"]) == "row"
    assert records_word(["a.csv", "b.vcf"]) == "card"  # a mix: the vCard word
    assert records_word([]) == "card"


def test_linkedin_connected_on_becomes_the_day_met() -> None:
    out = rows("linkedin_connections.csv")
    met = [r.contact.met_on if r.contact is not None else None for r in out]
    assert met == [date(2021, 3, 12), date(2019, 1, 3), date(2024, 2, 28), None, date(2022, 12, 1)]
    # the note keeps the text as LinkedIn wrote it
    assert out[0].contact is not None
    assert out[0].contact.notes == "Connected on LinkedIn: 12 Mar 2021"


def test_connected_on_that_is_not_a_full_date_leaves_met_on_empty() -> None:
    text = "First Name,Last Name,Connected On\nAnna,Berg,sometime\nBo,Lind,--03-12\n"
    out = read_csv(text.encode(), "c.csv", "DE")
    assert [r.contact.met_on for r in out if r.contact is not None] == [None, None]
    assert out[0].contact is not None and "sometime" in out[0].contact.notes
