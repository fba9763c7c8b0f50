"""Writes the CSV and vCard files of this folder, each in one exporter's own format (header
row, delimiter, encoding, quoting, date format), and ``expected.json``: for every record the
values that must land in their own fields. Written from the exporters' documentation and
their files' known layout, not copied from anyone's export. Run: ``python make_formats.py``.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Three people; each format writes them in its own way.
PEOPLE = [
    {
        "given": "Jürgen",
        "family": "Müller",
        "org": "Kessler Logistik GmbH",
        "title": "Leiter Beschaffung",
        "emails": ["j.mueller@kessler.example", "juergen@privat.example"],
        "phones": ["+49 511 123456", "+49 171 9876543"],
        "address": {
            "street": "Güterstraße 7",
            "locality": "Hannover",
            "postal_code": "30159",
            "country": "Deutschland",
        },
        "birthday": (1971, 5, 2),
    },
    {
        "given": "Amélie",
        "family": "Dubois",
        "org": "Société Générale Conseil",
        "title": "Directrice",
        "emails": ["amelie.dubois@conseil.example"],
        "phones": ["+33 1 42 68 53 00"],
        "address": {
            "street": "12 rue de la Paix",
            "locality": "Paris",
            "postal_code": "75002",
            "country": "France",
        },
        "birthday": (1985, 11, 23),
    },
    {
        "given": "Sam",
        "family": "O'Neil",
        "org": "Acme, Inc.",
        "title": "CTO",
        "emails": ["sam@acme.example"],
        "phones": ["+1 415 555 0134", "+1 415 555 0199"],
        "address": {
            "street": "500 Market St\nSuite 300",
            "locality": "San Francisco",
            "postal_code": "94105",
            "country": "USA",
        },
        "birthday": (1990, 2, 14),
    },
]

EXPECTED: dict[str, list[dict[str, object]]] = {}


def expect(name: str, people: list[dict[str, object]], **drop: object) -> None:
    rows = []
    for p in people:
        addr = dict(p["address"])  # type: ignore[arg-type]
        rows.append(
            {
                "given": p["given"],
                "family": p["family"],
                "org": p["org"],
                "emails": p["emails"],
                "phones": p["phones"],
                "addresses": [addr],
            }
        )
    EXPECTED[name] = rows


def write_csv(
    name: str,
    header: list[str],
    rows: list[dict[str, str]],
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
    quoting: int = csv.QUOTE_MINIMAL,
    trailing: bool = False,
) -> None:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator="\r\n")
    writer.writerow(header + ([""] if trailing else []))
    for row in rows:
        missing = set(row) - set(header)
        assert not missing, (name, missing)
        writer.writerow([row.get(h, "") for h in header] + ([""] if trailing else []))
    (HERE / name).write_bytes(buf.getvalue().encode(encoding))


def street1(p: dict[str, object]) -> str:
    return str(p["address"]["street"]).split("\n")[0]  # type: ignore[index]


def street2(p: dict[str, object]) -> str:
    lines = str(p["address"]["street"]).split("\n")  # type: ignore[index]
    return lines[1] if len(lines) > 1 else ""


def a(p: dict[str, object], key: str) -> str:
    return str(p["address"][key])  # type: ignore[index]


def mdy(p: dict[str, object]) -> str:
    y, m, d = p["birthday"]  # type: ignore[misc]
    return f"{m}/{d}/{y}"


def dmy_dots(p: dict[str, object]) -> str:
    y, m, d = p["birthday"]  # type: ignore[misc]
    return f"{d}.{m}.{y}"


def dmy_slash(p: dict[str, object]) -> str:
    y, m, d = p["birthday"]  # type: ignore[misc]
    return f"{d}/{m}/{y}"


def thunderbird() -> None:
    header = [
        "First Name",
        "Last Name",
        "Display Name",
        "Nickname",
        "Primary Email",
        "Secondary Email",
        "Screen Name",
        "Work Phone",
        "Home Phone",
        "Fax Number",
        "Pager Number",
        "Mobile Number",
        "Home Address",
        "Home Address 2",
        "Home City",
        "Home State",
        "Home ZipCode",
        "Home Country",
        "Work Address",
        "Work Address 2",
        "Work City",
        "Work State",
        "Work ZipCode",
        "Work Country",
        "Job Title",
        "Department",
        "Organization",
        "Web Page 1",
        "Web Page 2",
        "Birth Year",
        "Birth Month",
        "Birth Day",
        "Custom 1",
        "Custom 2",
        "Custom 3",
        "Custom 4",
        "Notes",
    ]
    rows = []
    for p in PEOPLE:
        y, m, d = p["birthday"]  # type: ignore[misc]
        emails, phones = p["emails"], p["phones"]
        rows.append(
            {
                "First Name": p["given"],
                "Last Name": p["family"],
                "Display Name": f"{p['given']} {p['family']}",
                "Primary Email": emails[0],
                "Secondary Email": emails[1] if len(emails) > 1 else "",
                "Work Phone": phones[0],
                "Mobile Number": phones[1] if len(phones) > 1 else "",
                "Home Address": street1(p),
                "Home Address 2": street2(p),
                "Home City": a(p, "locality"),
                "Home ZipCode": a(p, "postal_code"),
                "Home Country": a(p, "country"),
                "Job Title": p["title"],
                "Organization": p["org"],
                "Web Page 1": "https://example.com/" + str(p["given"]).lower(),
                "Birth Year": str(y),
                "Birth Month": f"{m:02d}",
                "Birth Day": f"{d:02d}",
                "Custom 1": "Stammkunde",
            }
        )
    write_csv("thunderbird.csv", header, rows, trailing=True)
    expect("thunderbird.csv", PEOPLE)


OUTLOOK = {
    "en": (
        "cp1252",
        ",",
        mdy,
        {
            "prefix": "Title",
            "given": "First Name",
            "middle": "Middle Name",
            "family": "Last Name",
            "suffix": "Suffix",
            "org": "Company",
            "dept": "Department",
            "title": "Job Title",
            "street": "Business Street",
            "street2": "Business Street 2",
            "city": "Business City",
            "region": "Business State",
            "code": "Business Postal Code",
            "country": "Business Country/Region",
            "home_street": "Home Street",
            "work_phone": "Business Phone",
            "home_phone": "Home Phone",
            "mobile": "Mobile Phone",
            "fax": "Business Fax",
            "birthday": "Birthday",
            "categories": "Categories",
            "email": "E-mail Address",
            "email_type": "E-mail Type",
            "email_display": "E-mail Display Name",
            "email2": "E-mail 2 Address",
            "notes": "Notes",
            "web": "Web Page",
            "gender": "Gender",
            "priority": "Priority",
            "private": "Private",
            "sensitivity": "Sensitivity",
        },
        {"gender": "Unspecified", "priority": "Normal", "private": "False", "sens": "Normal"},
    ),
    "de": (
        "cp1252",
        ",",
        dmy_dots,
        {
            "prefix": "Anrede",
            "given": "Vorname",
            "middle": "Weitere Vornamen",
            "family": "Nachname",
            "suffix": "Suffix",
            "org": "Firma",
            "dept": "Abteilung",
            "title": "Position",
            "street": "Straße geschäftlich",
            "street2": "Straße geschäftlich 2",
            "city": "Ort geschäftlich",
            "region": "Region geschäftlich",
            "code": "Postleitzahl geschäftlich",
            "country": "Land/Region geschäftlich",
            "home_street": "Straße privat",
            "work_phone": "Telefon geschäftlich",
            "home_phone": "Telefon privat",
            "mobile": "Mobiltelefon",
            "fax": "Fax geschäftlich",
            "birthday": "Geburtstag",
            "categories": "Kategorien",
            "email": "E-Mail-Adresse",
            "email_type": "E-Mail-Typ",
            "email_display": "E-Mail: Angezeigter Name",
            "email2": "E-Mail 2: Adresse",
            "notes": "Notizen",
            "web": "Webseite",
            "gender": "Geschlecht",
            "priority": "Priorität",
            "private": "Privat",
            "sensitivity": "Vertraulichkeit",
        },
        {"gender": "Nicht angegeben", "priority": "Normal", "private": "Aus", "sens": "Normal"},
    ),
    "fr": (
        "cp1252",
        ";",
        dmy_slash,
        {
            "prefix": "Titre",
            "given": "Prénom",
            "middle": "Deuxième prénom",
            "family": "Nom",
            "suffix": "Suffixe",
            "org": "Société",
            "dept": "Service",
            "title": "Fonction",
            "street": "Rue (bureau)",
            "street2": "Rue (bureau) 2",
            "city": "Ville (bureau)",
            "region": "Dép/Région (bureau)",
            "code": "Code postal (bureau)",
            "country": "Pays/Région (bureau)",
            "home_street": "Rue (domicile)",
            "work_phone": "Téléphone (bureau)",
            "home_phone": "Téléphone (domicile)",
            "mobile": "Tél. mobile",
            "fax": "Télécopie (bureau)",
            "birthday": "Anniversaire",
            "categories": "Catégories",
            "email": "Adresse de messagerie",
            "email_type": "Type de messagerie",
            "email_display": "Nom complet de l'adresse de messagerie",
            "email2": "Adresse de messagerie 2",
            "notes": "Notes",
            "web": "Page Web",
            "gender": "Sexe",
            "priority": "Priorité",
            "private": "Privé",
            "sensitivity": "Critère de diffusion",
        },
        {"gender": "Non spécifié", "priority": "Normale", "private": "Faux", "sens": "Normal"},
    ),
    "es": (
        "cp1252",
        ",",
        dmy_slash,
        {
            "prefix": "Tratamiento",
            "given": "Nombre",
            "middle": "Segundo nombre",
            "family": "Apellidos",
            "suffix": "Sufijo",
            "org": "Organización",
            "dept": "Departamento",
            "title": "Puesto",
            "street": "Calle del trabajo",
            "street2": "Calle del trabajo 2",
            "city": "Ciudad de trabajo",
            "region": "Provincia o estado de trabajo",
            "code": "Código postal del trabajo",
            "country": "País o región del trabajo",
            "home_street": "Calle del domicilio",
            "work_phone": "Teléfono del trabajo",
            "home_phone": "Particular",
            "mobile": "Móvil",
            "fax": "Fax del trabajo",
            "birthday": "Cumpleaños",
            "categories": "Categorías",
            "email": "Dirección de correo electrónico",
            "email_type": "Tipo de correo electrónico",
            "email_display": "Nombre mostrado del correo electrónico",
            "email2": "Dirección de correo electrónico 2",
            "notes": "Notas",
            "web": "Página web",
            "gender": "Sexo",
            "priority": "Prioridad",
            "private": "Privado",
            "sensitivity": "Confidencialidad",
        },
        {"gender": "Sin especificar", "priority": "Normal", "private": "Falso", "sens": "Normal"},
    ),
    "nl": (
        "cp1252",
        ";",
        lambda p: "{2}-{1}-{0}".format(*p["birthday"]),
        {
            "prefix": "Titel",
            "given": "Voornaam",
            "middle": "Middelste naam",
            "family": "Achternaam",
            "suffix": "Achtervoegsel",
            "org": "Bedrijf",
            "dept": "Afdeling",
            "title": "Functie",
            "street": "Werkadres, straat",
            "street2": "Werkadres, straat 2",
            "city": "Werkadres, plaats",
            "region": "Werkadres, provincie",
            "code": "Werkadres, postcode",
            "country": "Werkadres, land/regio",
            "home_street": "Huisadres, straat",
            "work_phone": "Telefoon op werk",
            "home_phone": "Telefoon thuis",
            "mobile": "Mobiele telefoon",
            "fax": "Fax op werk",
            "birthday": "Verjaardag",
            "categories": "Categorieën",
            "email": "E-mailadres",
            "email_type": "E-mailtype",
            "email_display": "Weergavenaam voor e-mail",
            "email2": "E-mailadres 2",
            "notes": "Notities",
            "web": "Webpagina",
            "gender": "Geslacht",
            "priority": "Prioriteit",
            "private": "Privé",
            "sensitivity": "Gevoeligheid",
        },
        {"gender": "Niet opgegeven", "priority": "Normaal", "private": "Onwaar", "sens": "Normaal"},
    ),
    "it": (
        "cp1252",
        ";",
        dmy_slash,
        {
            "prefix": "Titolo",
            "given": "Nome",
            "middle": "Secondo nome",
            "family": "Cognome",
            "suffix": "Suffisso",
            "org": "Società",
            "dept": "Reparto",
            "title": "Posizione",
            "street": "Via (uff.)",
            "street2": "Via (uff.) 2",
            "city": "Città (uff.)",
            "region": "Provincia (uff.)",
            "code": "CAP (uff.)",
            "country": "Paese (uff.)",
            "home_street": "Via (ab.)",
            "work_phone": "Ufficio",
            "home_phone": "Abitazione",
            "mobile": "Cellulare",
            "fax": "Fax (uff.)",
            "birthday": "Compleanno",
            "categories": "Categorie",
            "email": "Indirizzo posta elettronica",
            "email_type": "Tipo posta elettronica",
            "email_display": "Nome visualizzato posta elettronica",
            "email2": "Indirizzo posta elettronica 2",
            "notes": "Note",
            "web": "Pagina Web",
            "gender": "Sesso",
            "priority": "Priorità",
            "private": "Privato",
            "sensitivity": "Riservatezza",
        },
        {"gender": "Non specificato", "priority": "Normale", "private": "Falso", "sens": "Normale"},
    ),
}


def outlook(lang: str) -> None:
    encoding, delimiter, fmt, h, defaults = OUTLOOK[lang]
    header = list(h.values())
    rows = []
    for n, p in enumerate(PEOPLE):
        emails, phones = p["emails"], p["phones"]
        row = {
            h["prefix"]: "Dr." if n == 0 else "",
            h["given"]: p["given"],
            h["family"]: p["family"],
            h["org"]: p["org"],
            h["title"]: p["title"],
            h["street"]: street1(p),
            h["street2"]: street2(p),
            h["city"]: a(p, "locality"),
            h["code"]: a(p, "postal_code"),
            h["country"]: a(p, "country"),
            h["work_phone"]: phones[0],
            h["mobile"]: phones[1] if len(phones) > 1 else "",
            h["birthday"]: fmt(p),
            h["categories"]: "Kunden;Messe",
            h["email"]: emails[0],
            h["email_type"]: "SMTP",
            h["email_display"]: f"{p['given']} {p['family']} ({emails[0]})",
            h["email2"]: emails[1] if len(emails) > 1 else "",
            h["notes"]: "Erste Zeile\r\nZweite Zeile" if n == 0 else "",
            h["gender"]: defaults["gender"],
            h["priority"]: defaults["priority"],
            h["private"]: defaults["private"],
            h["sensitivity"]: defaults["sens"],
        }
        rows.append(row)
    name = f"outlook_{lang}.csv"
    write_csv(name, header, rows, encoding=encoding, delimiter=delimiter, quoting=csv.QUOTE_ALL)
    expect(name, PEOPLE)


def gmail_sections() -> None:
    """Gmail's export of about 2008 ("Section 1 - Email")."""
    parts = [
        "Description",
        "Email",
        "IM",
        "Phone",
        "Mobile",
        "Pager",
        "Fax",
        "Company",
        "Title",
        "Other",
        "Address",
    ]
    header = ["Name", "E-mail", "Notes"] + [f"Section {s} - {x}" for s in (1, 2) for x in parts]
    rows = []
    for p in PEOPLE:
        emails, phones = p["emails"], p["phones"]
        addr = f"{street1(p)}\n{a(p, 'postal_code')} {a(p, 'locality')}\n{a(p, 'country')}"
        rows.append(
            {
                "Name": f"{p['given']} {p['family']}",
                "E-mail": emails[0],
                "Section 1 - Description": "Business",
                "Section 1 - Email": emails[1] if len(emails) > 1 else "",
                "Section 1 - Phone": phones[0],
                "Section 1 - Mobile": phones[1] if len(phones) > 1 else "",
                "Section 1 - Company": p["org"],
                "Section 1 - Title": p["title"],
                "Section 1 - Address": addr,
                "Section 2 - Description": "Personal",
                "Section 2 - IM": "skype:" + str(p["given"]).lower(),
            }
        )
    write_csv("gmail_sections.csv", header, rows)
    people = []
    for p in PEOPLE:
        q = dict(p)
        q["address"] = {
            "street": f"{street1(p)}\n{a(p, 'postal_code')} {a(p, 'locality')}\n{a(p, 'country')}"
        }
        people.append(q)
    expect("gmail_sections.csv", people)


def google_new() -> None:
    header = [
        "First Name",
        "Middle Name",
        "Last Name",
        "Phonetic First Name",
        "Phonetic Middle Name",
        "Phonetic Last Name",
        "Name Prefix",
        "Name Suffix",
        "Nickname",
        "File As",
        "Organization Name",
        "Organization Title",
        "Organization Department",
        "Birthday",
        "Notes",
        "Photo",
        "Labels",
        "E-mail 1 - Label",
        "E-mail 1 - Value",
        "E-mail 2 - Label",
        "E-mail 2 - Value",
        "Phone 1 - Label",
        "Phone 1 - Value",
        "Phone 2 - Label",
        "Phone 2 - Value",
        "Address 1 - Label",
        "Address 1 - Formatted",
        "Address 1 - Street",
        "Address 1 - City",
        "Address 1 - PO Box",
        "Address 1 - Region",
        "Address 1 - Postal Code",
        "Address 1 - Country",
        "Address 1 - Extended Address",
        "Website 1 - Label",
        "Website 1 - Value",
    ]
    rows = []
    for p in PEOPLE:
        y, m, d = p["birthday"]  # type: ignore[misc]
        emails, phones = p["emails"], p["phones"]
        rows.append(
            {
                "First Name": p["given"],
                "Last Name": p["family"],
                "Organization Name": p["org"],
                "Organization Title": p["title"],
                "Birthday": f"{y}-{m:02d}-{d:02d}",
                "Labels": "* myContacts ::: Kunden",
                "E-mail 1 - Label": "* Work",
                "E-mail 1 - Value": emails[0],
                "E-mail 2 - Label": "Home" if len(emails) > 1 else "",
                "E-mail 2 - Value": emails[1] if len(emails) > 1 else "",
                "Phone 1 - Label": "Work",
                "Phone 1 - Value": phones[0],
                "Phone 2 - Label": "Mobile" if len(phones) > 1 else "",
                "Phone 2 - Value": phones[1] if len(phones) > 1 else "",
                "Address 1 - Label": "Work",
                "Address 1 - Formatted": f"{a(p, 'street')}\n{a(p, 'postal_code')} "
                f"{a(p, 'locality')}\n{a(p, 'country')}",
                "Address 1 - Street": a(p, "street"),
                "Address 1 - City": a(p, "locality"),
                "Address 1 - Postal Code": a(p, "postal_code"),
                "Address 1 - Country": a(p, "country"),
            }
        )
    write_csv("google_new.csv", header, rows)
    expect("google_new.csv", PEOPLE)


def google_old() -> None:
    header = [
        "Name",
        "Given Name",
        "Additional Name",
        "Family Name",
        "Yomi Name",
        "Given Name Yomi",
        "Additional Name Yomi",
        "Family Name Yomi",
        "Name Prefix",
        "Name Suffix",
        "Initials",
        "Nickname",
        "Short Name",
        "Maiden Name",
        "Birthday",
        "Gender",
        "Location",
        "Billing Information",
        "Directory Server",
        "Mileage",
        "Occupation",
        "Hobby",
        "Sensitivity",
        "Priority",
        "Subject",
        "Notes",
        "Language",
        "Photo",
        "Group Membership",
        "E-mail 1 - Type",
        "E-mail 1 - Value",
        "Phone 1 - Type",
        "Phone 1 - Value",
        "Address 1 - Type",
        "Address 1 - Formatted",
        "Address 1 - Street",
        "Address 1 - City",
        "Address 1 - PO Box",
        "Address 1 - Region",
        "Address 1 - Postal Code",
        "Address 1 - Country",
        "Address 1 - Extended Address",
        "Organization 1 - Type",
        "Organization 1 - Name",
        "Organization 1 - Yomi Name",
        "Organization 1 - Title",
        "Organization 1 - Department",
        "Organization 1 - Symbol",
        "Organization 1 - Location",
        "Organization 1 - Job Description",
    ]
    rows = []
    for p in PEOPLE:
        rows.append(
            {
                "Name": f"{p['given']} {p['family']}",
                "Given Name": p["given"],
                "Family Name": p["family"],
                "Group Membership": "* myContacts",
                "E-mail 1 - Type": "* Work",
                "E-mail 1 - Value": " ::: ".join(p["emails"]),  # type: ignore[arg-type]
                "Phone 1 - Type": "Work",
                "Phone 1 - Value": " ::: ".join(p["phones"]),  # type: ignore[arg-type]
                "Address 1 - Type": "Work",
                "Address 1 - Street": a(p, "street"),
                "Address 1 - City": a(p, "locality"),
                "Address 1 - Postal Code": a(p, "postal_code"),
                "Address 1 - Country": a(p, "country"),
                "Organization 1 - Type": "",
                "Organization 1 - Name": p["org"],
                "Organization 1 - Title": p["title"],
            }
        )
    # Google's "Outlook CSV" and old "Google CSV" were UTF-16 with a byte order mark
    write_csv("google_old_utf16.csv", header, rows, encoding="utf-16")
    expect("google_old_utf16.csv", PEOPLE)


def yahoo() -> None:
    header = [
        "First",
        "Middle",
        "Last",
        "Nickname",
        "Email",
        "Category",
        "Distribution Lists",
        "Messenger ID",
        "Home",
        "Work",
        "Pager",
        "Fax",
        "Mobile",
        "Other",
        "Yahoo Phone",
        "Primary",
        "Alternate Email 1",
        "Alternate Email 2",
        "Personal Website",
        "Business Website",
        "Title",
        "Company",
        "Work Address",
        "Work City",
        "Work State",
        "Work ZIP",
        "Work Country",
        "Home Address",
        "Home City",
        "Home State",
        "Home ZIP",
        "Home Country",
        "Birthday",
        "Anniversary",
        "Custom 1",
        "Custom 2",
        "Custom 3",
        "Custom 4",
        "Comments",
    ]
    rows = []
    for p in PEOPLE:
        emails, phones = p["emails"], p["phones"]
        rows.append(
            {
                "First": p["given"],
                "Last": p["family"],
                "Email": emails[0],
                "Alternate Email 1": emails[1] if len(emails) > 1 else "",
                "Work": phones[0],
                "Mobile": phones[1] if len(phones) > 1 else "",
                "Messenger ID": str(p["given"]).lower() + "_ym",
                "Title": p["title"],
                "Company": p["org"],
                "Work Address": a(p, "street").replace("\n", ", "),
                "Work City": a(p, "locality"),
                "Work ZIP": a(p, "postal_code"),
                "Work Country": a(p, "country"),
                "Birthday": mdy(p),
            }
        )
    write_csv("yahoo.csv", header, rows, quoting=csv.QUOTE_ALL)
    people = []
    for p in PEOPLE:
        q = dict(p)
        q["address"] = {**p["address"], "street": a(p, "street").replace("\n", ", ")}  # type: ignore[dict-item]
        people.append(q)
    expect("yahoo.csv", people)


def kmail() -> None:
    """KAddressBook's CSV export (its default template)."""
    header = [
        "Formatted Name",
        "Family Name",
        "Given Name",
        "Additional Names",
        "Honorific Prefixes",
        "Honorific Suffixes",
        "Nick Name",
        "Birthday",
        "Home Address Street",
        "Home Address City",
        "Home Address Region",
        "Home Address Post Code",
        "Home Address Country",
        "Home Address Label",
        "Business Address Street",
        "Business Address City",
        "Business Address Region",
        "Business Address Post Code",
        "Business Address Country",
        "Business Address Label",
        "Home Phone",
        "Business Phone",
        "Mobile Phone",
        "Home Fax",
        "Business Fax",
        "Car Phone",
        "ISDN",
        "Pager",
        "Email Address",
        "Mail Client",
        "Title",
        "Role",
        "Organization",
        "Department",
        "Note",
        "Homepage",
        "Profile",
    ]
    rows = []
    for p in PEOPLE:
        y, m, d = p["birthday"]  # type: ignore[misc]
        emails, phones = p["emails"], p["phones"]
        rows.append(
            {
                "Formatted Name": f"{p['given']} {p['family']}",
                "Family Name": p["family"],
                "Given Name": p["given"],
                "Birthday": f"{y}-{m:02d}-{d:02d}",
                "Business Address Street": a(p, "street"),
                "Business Address City": a(p, "locality"),
                "Business Address Post Code": a(p, "postal_code"),
                "Business Address Country": a(p, "country"),
                "Business Address Label": f"{a(p, 'street')}\n{a(p, 'postal_code')} "
                f"{a(p, 'locality')}\n{a(p, 'country')}",
                "Business Phone": phones[0],
                "Mobile Phone": phones[1] if len(phones) > 1 else "",
                "Email Address": "\n".join(emails),  # type: ignore[arg-type]
                "Mail Client": "KMail",
                "Title": p["title"],
                "Organization": p["org"],
            }
        )
    write_csv("kmail.csv", header, rows, quoting=csv.QUOTE_ALL)
    expect("kmail.csv", PEOPLE)


def windows_contacts() -> None:
    header = [
        "First Name",
        "Last Name",
        "Middle Name",
        "Name",
        "Nickname",
        "E-mail Address",
        "Home Street",
        "Home City",
        "Home Postal Code",
        "Home State",
        "Home Country/Region",
        "Home Phone",
        "Home Fax",
        "Mobile Phone",
        "Personal Web Page",
        "Business Street",
        "Business City",
        "Business Postal Code",
        "Business State",
        "Business Country/Region",
        "Business Web Page",
        "Business Phone",
        "Business Fax",
        "Pager",
        "Company",
        "Job Title",
        "Department",
        "Office Location",
        "Notes",
    ]
    rows = []
    for p in PEOPLE:
        emails, phones = p["emails"], p["phones"]
        rows.append(
            {
                "First Name": p["given"],
                "Last Name": p["family"],
                "Name": f"{p['given']} {p['family']}",
                "E-mail Address": emails[0],
                "Business Street": a(p, "street"),
                "Business City": a(p, "locality"),
                "Business Postal Code": a(p, "postal_code"),
                "Business Country/Region": a(p, "country"),
                "Business Phone": phones[0],
                "Mobile Phone": phones[1] if len(phones) > 1 else "",
                "Company": p["org"],
                "Job Title": p["title"],
                "Office Location": "Building 2",
            }
        )
    write_csv("windows_contacts.csv", header, rows, encoding="cp1252")
    people = [{**p, "emails": p["emails"][:1]} for p in PEOPLE]  # type: ignore[index]
    expect("windows_contacts.csv", people)


def evolution() -> None:
    """evolution-addressbook-export --format=csv."""
    header = [
        "FIRST NAME",
        "LAST NAME",
        "Display name",
        "NICKNAME",
        "E-mail",
        "E-mail 2",
        "E-mail 3",
        "Business Phone",
        "Business Phone 2",
        "Home Phone",
        "Home Phone 2",
        "Business Fax",
        "Home Fax",
        "Mobile Phone",
        "Car Phone",
        "Company Phone",
        "Primary Phone",
        "Other Phone",
        "Pager",
        "Radio",
        "Telex",
        "TTY",
        "Business Address",
        "Business Address City",
        "Business Address Street",
        "Business Address PO Box",
        "Business Address State",
        "Business Address Postal Code",
        "Business Address Country",
        "Web page",
        "Department",
        "Office",
        "Company",
        "Title",
        "Birth date",
        "Note",
    ]
    rows = []
    for p in PEOPLE:
        y, m, d = p["birthday"]  # type: ignore[misc]
        emails, phones = p["emails"], p["phones"]
        rows.append(
            {
                "FIRST NAME": p["given"],
                "LAST NAME": p["family"],
                "Display name": f"{p['given']} {p['family']}",
                "E-mail": emails[0],
                "E-mail 2": emails[1] if len(emails) > 1 else "",
                "Business Phone": phones[0],
                "Mobile Phone": phones[1] if len(phones) > 1 else "",
                "Business Address": f"{a(p, 'street')}\n{a(p, 'locality')} "
                f"{a(p, 'postal_code')}\n{a(p, 'country')}",
                "Business Address City": a(p, "locality"),
                "Business Address Street": a(p, "street"),
                "Business Address Postal Code": a(p, "postal_code"),
                "Business Address Country": a(p, "country"),
                "Company": p["org"],
                "Title": p["title"],
                "Birth date": f"{y}-{m:02d}-{d:02d}",
            }
        )
    write_csv("evolution.csv", header, rows)
    expect("evolution.csv", PEOPLE)


def linkedin() -> None:
    preamble = (
        "Notes:\r\n"
        '"When exporting your connection data, you may notice that some of the email '
        "addresses are missing. You will only see email addresses for connections who have "
        'allowed their connections to see or download their email address."\r\n\r\n'
    )
    header = [
        "First Name",
        "Last Name",
        "URL",
        "Email Address",
        "Company",
        "Position",
        "Connected On",
    ]
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    for p in PEOPLE:
        w.writerow(
            [
                p["given"],
                p["family"],
                "https://www.linkedin.com/in/" + str(p["given"]).lower(),
                p["emails"][0],
                p["org"],
                p["title"],
                "14 Mar 2023",
            ]  # type: ignore[index]
        )
    (HERE / "linkedin.csv").write_bytes((preamble + buf.getvalue()).encode("utf-8"))
    EXPECTED["linkedin.csv"] = [
        {
            "given": p["given"],
            "family": p["family"],
            "org": p["org"],
            "emails": p["emails"][:1],
            "phones": [],
            "addresses": [],
        }  # type: ignore[index]
        for p in PEOPLE
    ]


def japanese() -> None:
    """Outlook on Japanese Windows: Shift_JIS (cp932)."""
    header = ["姓", "名", "会社名", "役職", "電子メール アドレス", "勤務先電話", "携帯電話"]
    rows = [
        {
            "姓": "山田",
            "名": "太郎",
            "会社名": "株式会社サンプル",
            "役職": "部長",
            "電子メール アドレス": "taro.yamada@sample.example",
            "勤務先電話": "03-1234-5678",
            "携帯電話": "090-1234-5678",
        },
        {
            "姓": "佐藤",
            "名": "花子",
            "会社名": "東京商事",
            "役職": "課長",
            "電子メール アドレス": "hanako@tokyo.example",
            "勤務先電話": "06-6123-4567",
            "携帯電話": "",
        },
    ]
    write_csv("outlook_ja_cp932.csv", header, rows, encoding="cp932")
    EXPECTED["outlook_ja_cp932.csv"] = [
        {
            "given": r["名"],
            "family": r["姓"],
            "org": r["会社名"],
            "emails": [r["電子メール アドレス"]],
            "phones": [x for x in (r["勤務先電話"], r["携帯電話"]) if x],
            "addresses": [],
        }
        for r in rows
    ]


def apple_vcard() -> None:
    """Apple Contacts: vCard 3.0, item groups with X-ABLabel, TYPE=pref, no-year birthdays."""
    cards = []
    for n, p in enumerate(PEOPLE):
        emails, phones = p["emails"], p["phones"]
        y, m, d = p["birthday"]  # type: ignore[misc]
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "PRODID:-//Apple Inc.//macOS 14.0//EN",
            f"N:{p['family']};{p['given']};;;",
            f"FN:{p['given']} {p['family']}",
            "ORG:" + str(p["org"]).replace(",", "\\,") + ";",
            f"TITLE:{p['title']}",
            f"item1.EMAIL;type=INTERNET;type=pref:{emails[0]}",
            "item1.X-ABLabel:_$!<Other>!$_",
        ]
        lines += [f"EMAIL;type=INTERNET;type=HOME:{e}" for e in emails[1:]]  # type: ignore[index]
        lines.append(f"TEL;type=WORK;type=VOICE;type=pref:{phones[0]}")
        lines += [f"TEL;type=CELL;type=VOICE:{t}" for t in phones[1:]]  # type: ignore[index]
        street = a(p, "street").replace("\n", "\\n")
        lines += [
            f"item2.ADR;type=WORK;type=pref:;;{street};{a(p, 'locality')};;"
            f"{a(p, 'postal_code')};{a(p, 'country')}",
            "item2.X-ABADR:de",
            f"BDAY:{y}-{m:02d}-{d:02d}"
            if n
            else f"BDAY;X-APPLE-OMIT-YEAR=1604:1604-{m:02d}-{d:02d}",
            "END:VCARD",
        ]
        cards.append("\r\n".join(lines) + "\r\n")
    (HERE / "apple.vcf").write_bytes("".join(cards).encode("utf-8"))
    expect("apple.vcf", PEOPLE)


def evolution_vcard() -> None:
    cards = []
    for p in PEOPLE:
        emails, phones = p["emails"], p["phones"]
        street = a(p, "street").replace("\n", "\\n")
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "UID:pas-id-" + str(p["given"]).encode("ascii", "ignore").decode().upper(),
            f"FN:{p['given']} {p['family']}",
            f"N:{p['family']};{p['given']};;;",
            "X-EVOLUTION-FILE-AS:" + f"{p['family']}\\, {p['given']}",
            "ORG:" + str(p["org"]).replace(",", "\\,") + ";",
            f"TITLE:{p['title']}",
        ]
        lines += [
            f"EMAIL;TYPE=WORK;X-EVOLUTION-UI-SLOT={i}:{e}"
            for i, e in enumerate(emails, 1)  # type: ignore[arg-type]
        ]
        lines.append(f"TEL;TYPE=WORK;TYPE=VOICE;X-EVOLUTION-UI-SLOT=1:{phones[0]}")
        lines += [f"TEL;TYPE=CELL;X-EVOLUTION-UI-SLOT=2:{t}" for t in phones[1:]]  # type: ignore[index]
        lines += [
            f"ADR;TYPE=WORK:;;{street};{a(p, 'locality')};;{a(p, 'postal_code')};{a(p, 'country')}",
            f"LABEL;TYPE=WORK:{street}\\n{a(p, 'locality')}\\n{a(p, 'postal_code')}",
            "X-EVOLUTION-BLOG-URL:https://blog.example",
            "REV:2023-03-14T10:00:00Z",
            "END:VCARD",
        ]
        cards.append("\r\n".join(lines) + "\r\n")
    (HERE / "evolution.vcf").write_bytes("".join(cards).encode("utf-8"))
    expect("evolution.vcf", PEOPLE)


def main() -> None:
    thunderbird()
    for lang in OUTLOOK:
        outlook(lang)
    gmail_sections()
    google_old()
    google_new()
    yahoo()
    kmail()
    windows_contacts()
    evolution()
    linkedin()
    japanese()
    apple_vcard()
    evolution_vcard()
    (HERE / "expected.json").write_text(
        json.dumps(EXPECTED, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
