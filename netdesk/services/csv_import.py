"""Contacts from CSV files: NetDesk's own export, LinkedIn, Outlook (in English, German,
French, Spanish, Dutch and Italian), Google Contacts (every form), Thunderbird, Yahoo, KMail,
Windows Contacts, Evolution and plain spreadsheets.

Each data row becomes a :class:`netdesk.vcard.CardResult` (``card`` = the row's number,
``line`` = the physical line the row starts on), so the import preview, matching, the merge
policies, progress, cancel and the one-transaction apply treat CSV rows exactly like vCards.

- Bytes: a byte order mark (UTF-8, UTF-16), UTF-16 without one (every other byte NUL), valid
  UTF-8, else a real detector (charset-normalizer: Shift_JIS/cp932, cp1250, ...), with
  cp1252 preferred when a Western single-byte reading is as good. The encoding used is part
  of the file's :class:`CsvLayout`, shown in the preview and can be chosen by the user.
- Layout: the delimiter (``,``, ``;`` or tab) and the header row are found together: the
  FIRST record of which NetDesk recognises two or more cells (lines before it, such as
  LinkedIn's "Notes:" preamble, are skipped; one holding an email or phone is reported).
  A later header-like row (two exports pasted into one file) is reported as such, and the
  rows below it are read with its columns. A file without a header (its first row holds
  emails or phones) is mapped from its values. Quoted fields may hold line breaks.
- Columns are matched by name, ignoring case, accents, spaces and punctuation, then by the
  words in them ("Telefon geschäftlich", "Work ZipCode", "Section 1 - Email"); a column no
  name says anything about is mapped from its values (emails, URLs). Columns NetDesk does not
  model are not lost: each non-empty cell becomes a "Column: value" line of the notes, except
  an email address, which is always an email. The user may map any column
  (:class:`CsvOptions`, :data:`FIELDS`).
- NetDesk's own export (``emails.1.value``, ``additional_names``, ``starred`` ...) reads
  back field for field; the formula-guard apostrophe it writes before ``= + - @`` is removed.
- A row with no name, email, phone or company is reported unreadable with its reason; a file
  with no recognisable header and no email or phone in its first row is an
  :class:`ImportFileError` naming the file.

No Qt; imports only ``netdesk.core`` and the vCard reader's result type.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

from netdesk.core.dates import PartialDate
from netdesk.core.errors import ImportFileError
from netdesk.core.model import Address, Contact, Email, Phone, Url, derive_display_name
from netdesk.core.phones import phones_with_regions
from netdesk.core.text import fold
from netdesk.core.validation import to_e164
from netdesk.vcard import CardResult

__all__ = [
    "CSV_SUFFIXES",
    "FIELDS",
    "VCARD_SUFFIXES",
    "ColumnInfo",
    "CsvLayout",
    "CsvOptions",
    "decode_csv",
    "header_signature",
    "inspect_csv",
    "is_csv",
    "iter_csv",
    "parse_csv_date",
    "parse_mapping",
    "read_csv",
    "record_word",
    "records_word",
]

CSV_SUFFIXES = (".csv", ".tsv")
#: file endings that are always read as vCards
VCARD_SUFFIXES = (".vcf", ".vcard")
#: records looked at when searching the header row
HEADER_SEARCH = 40
#: rows looked at when guessing a column from its values (and shown as samples)
SAMPLE_ROWS = 50
DELIMITERS = (",", ";", "\t")
#: Google Contacts puts several values in one cell separated by this
MULTI = ":::"
PROGRESS_EVERY = 500
#: what NetDesk's CSV export puts before a cell a spreadsheet would run as a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_GUARDED = frozenset(FORMULA_STARTS)

Progress = Callable[[int, int], None]


@functools.lru_cache(maxsize=8192)
def _key(header: str) -> str:
    """A header as compared: lower case, no accents, letters and digits only."""
    return re.sub(r"[\W_]+", "", fold(header))


def _words(header: str) -> list[str]:
    return list(_words_of(header))


@functools.lru_cache(maxsize=8192)
def _words_of(header: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[^\W_]+", fold(header)))


def _unguard(value: str) -> str:
    """A cell without the apostrophe NetDesk's (and OWASP's) formula guard put before it."""
    if len(value) > 1 and value[0] == "'" and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


# --------------------------------------------------------------------------- columns


@dataclass(frozen=True, slots=True)
class _Col:
    """What one column holds. ``kind`` is a Contact field or one of email/phone/url/address/
    date/tags/notes/connected/ignore/birth_year/birth_month/birth_day; ``slot`` groups
    numbered columns (Google's email 2 label and value, NetDesk's ``emails.2.*``); ``part``
    is value/label/pref/e164 for grouped columns, the address component for addresses;
    ``raw`` keeps labels as written (NetDesk's own)."""

    kind: str
    label: str = ""
    slot: str = ""
    part: str = "value"
    raw: bool = False


#: The fields a user can map a column to, with what the preview calls them.
FIELDS: dict[str, tuple[str, _Col]] = {}


def _field(name: str, title: str, col: _Col) -> None:
    FIELDS[name] = (title, col)


for _name, _title in (
    ("display_name", "Full name"),
    ("given_name", "First name"),
    ("additional_names", "Middle name"),
    ("family_name", "Last name"),
    ("prefix", "Name prefix"),
    ("suffix", "Name suffix"),
    ("nickname", "Nickname"),
    ("organization", "Organisation"),
    ("department", "Department"),
    ("title", "Job title"),
):
    _field(_name, _title, _Col(_name))
_field("email", "Email", _Col("email"))
_field("email_work", "Email (work)", _Col("email", "work"))
_field("email_home", "Email (home)", _Col("email", "home"))
_field("phone", "Phone", _Col("phone"))
_field("phone_mobile", "Phone (mobile)", _Col("phone", "mobile"))
_field("phone_work", "Phone (work)", _Col("phone", "work"))
_field("phone_home", "Phone (home)", _Col("phone", "home"))
_field("phone_fax", "Fax", _Col("phone", "fax"))
_field("phone_other", "Phone (other)", _Col("phone", "other"))
_field("url", "Web address", _Col("url"))
for _prefix, _label, _what in (
    ("", "", ""),
    ("work_", "work", " (work)"),
    ("home_", "home", " (home)"),
):
    _field(
        f"{_prefix}address", f"Address, one text{_what}", _Col("address", _label, "", "formatted")
    )
    _field(f"{_prefix}street", f"Street{_what}", _Col("address", _label, "", "street"))
    _field(f"{_prefix}city", f"City{_what}", _Col("address", _label, "", "locality"))
    _field(f"{_prefix}region", f"Region/state{_what}", _Col("address", _label, "", "region"))
    _field(f"{_prefix}postal_code", f"Postcode{_what}", _Col("address", _label, "", "code"))
    _field(f"{_prefix}country", f"Country{_what}", _Col("address", _label, "", "country"))
_field("birthday", "Birthday", _Col("birthday"))
_field("birth_year", "Birth year", _Col("birth_year"))
_field("birth_month", "Birth month", _Col("birth_month"))
_field("birth_day", "Birth day", _Col("birth_day"))
_field("anniversary", "Anniversary", _Col("anniversary"))
_field("notes", "Notes", _Col("notes"))
_field("tags", "Tags", _Col("tags"))
_field("met_at", "Met at", _Col("met_at"))
_field("met_on", "Met on", _Col("met_on"))
_field("connected", "Connected on (LinkedIn)", _Col("connected"))
_field("note_line", "Notes line (“Column: value”)", _Col("note_line"))
_field("ignore", "Ignore", _Col("ignore"))


def field_name(col: _Col | None) -> str:
    """The :data:`FIELDS` name of a column's meaning ("note_line" for an unmodelled one)."""
    if col is None:
        return "note_line"
    if col.slot:
        if col.part in ("value",) and col.kind in ("email", "phone", "url"):
            return col.kind
        if col.kind == "address":
            part = {"locality": "city", "code": "postal_code", "formatted": "address"}.get(
                col.part, col.part
            )
            return part if part in FIELDS else f"address_{part}"
        return f"{col.kind}_{col.part}"
    for name, (_title, known) in FIELDS.items():
        if known == col:
            return name
    if col.kind == "address":
        part = {"locality": "city", "code": "postal_code", "formatted": "address"}.get(
            col.part, col.part
        )
        prefix = f"{col.label}_" if col.label in ("work", "home") else ""
        return f"{prefix}{part}" if f"{prefix}{part}" in FIELDS else part
    if col.kind in ("email", "phone"):
        return col.kind if f"{col.kind}_{col.label}" not in FIELDS else f"{col.kind}_{col.label}"
    return col.kind


def field_title(name: str) -> str:
    """What the preview calls a field (the name itself for grouped parts)."""
    return FIELDS[name][0] if name in FIELDS else name.replace("_", " ")


_SIMPLE: dict[str, _Col] = {}
#: the column names NetDesk knows, as written (case folded): a quick test for a header row
_KNOWN_NAMES: set[str] = set()


def _add(kind: str, *headers: str, label: str = "", part: str = "value") -> None:
    for h in headers:
        _SIMPLE[_key(h)] = _Col(kind, label, "", part)
        _KNOWN_NAMES.add(h.casefold())


# names (English, German, French, Spanish, Dutch, Italian)
_add("display_name", "Name", "Full Name", "Display Name", "Contact Name", "File As")
_add("display_name", "Formatted Name", "Anzeigename", "Vollständiger Name", "Nom complet")
_add("display_name", "Nombre completo", "Volledige naam", "Weergavenaam", "Nome completo")
_add("display_name", "Nome visualizzato", "Nom d'affichage")
_add("given_name", "First Name", "First", "Given Name", "Firstname", "Forename", "Given")
_add("given_name", "Vorname", "Prénom", "Nombre", "Voornaam", "Nome")
_add("family_name", "Last Name", "Last", "Family Name", "Surname", "Lastname", "Family")
_add("family_name", "Nachname", "Nom", "Nom de famille", "Apellidos", "Apellido")
_add("family_name", "Achternaam", "Cognome")
_add("additional_names", "Middle Name", "Additional Name", "Middle", "Additional Names")
_add("additional_names", "Weitere Vornamen", "Zweiter Vorname", "Deuxième prénom")
_add("additional_names", "Segundo nombre", "Middelste naam", "Tweede voornaam", "Secondo nome")
_add("prefix", "Name Prefix", "Prefix", "Salutation", "Honorific Prefixes", "Anrede")
_add("prefix", "Tratamiento", "Civilité", "Aanhef", "Titolo di cortesia")
_add("suffix", "Name Suffix", "Suffix", "Honorific Suffixes", "Namenszusatz", "Suffixe")
_add("suffix", "Sufijo", "Achtervoegsel", "Suffisso")
_add("nickname", "Nickname", "Nick Name", "Spitzname", "Surnom", "Apodo", "Bijnaam")
_add("nickname", "Soprannome")
# Japanese Outlook
_add("family_name", "姓")
_add("given_name", "名")
_add("organization", "会社名", "会社")
_add("department", "部署")
_add("email", "電子メール アドレス", "メールアドレス", "電子メール")
_add("phone", "携帯電話", label="mobile")
_add("phone", "勤務先電話", "会社電話", label="work")
_add("phone", "自宅電話", label="home")
_add("phone", "電話番号", label="")
# work
_add("organization", "Company", "Organization", "Organisation", "Organization Name", "Employer")
_add("organization", "Company Name", "Organization 1 - Name", "Firma", "Société", "Societe")
_add("organization", "Entreprise", "Compañía", "Empresa", "Organización", "Bedrijf")
_add("organization", "Società", "Azienda", "Unternehmen")
_add("department", "Department", "Organization Department", "Organization 1 - Department")
_add("department", "Abteilung", "Service", "Departamento", "Afdeling", "Reparto", "Département")
_add("title", "Job Title", "Position", "Organization Title", "Organization 1 - Title", "Role")
_add("title", "Fonction", "Poste", "Puesto", "Cargo", "Functie", "Posizione")
_add("title", "Berufsbezeichnung", "Occupation", "役職")
# emails (Outlook's type and display name columns say nothing a person would miss)
_add("email", "Email", "E-mail", "Email Address", "E-mail Address", "Mail", "Email 1")
_add("email", "E-mail 2 Address", "Email 2", "Email 2 Address", label="")
_add("email", "E-mail 3 Address", "Email 3", "Email 3 Address", label="")
_add("email", "Primary Email", "Secondary Email", "Alternate Email 1", "Alternate Email 2")
_add("email", "Work Email", "Business Email", label="work")
_add("email", "Home Email", "Personal Email", label="home")
_add("email", "Other Email", label="other")
for _n in ("", "2", "3"):
    _add("ignore", f"E-mail {_n} Type", f"E-mail {_n} Display Name")
_add("ignore", "Mail Client", "E-mail-Typ", "E-Mail: Angezeigter Name")
# phones
_add("phone", "Phone", "Telephone", "Tel", "Phone Number", "Primary Phone", label="")
_add("phone", "Mobile", "Mobile Phone", "Cell", "Cell Phone", "Mobile Number", label="mobile")
_add("phone", "Business Phone", "Business Phone 2", "Work Phone", "Office Phone", label="work")
_add("phone", "Company Main Phone", "Assistant's Phone", "Callback", label="work")
_add("phone", "Home Phone", "Home Phone 2", label="home")
_add("phone", "Business Fax", "Home Fax", "Other Fax", "Fax", "Fax Number", label="fax")
_add("phone", "Other Phone", "Car Phone", "Pager", "Radio Phone", "ISDN", label="other")
_add("phone", "TTY/TDD Phone", "Telex", "Pager Number", label="other")
# web
_add("url", "Web Page", "Website", "Web Site", "URL", "Web", "Homepage", "Home Page", label="")
_add("url", "Web Page 1", "Web Page 2", "Webseite", "Page Web", "Página web", "Webpagina")
_add("url", "Pagina Web", "Personal Website", "Business Website", "Blog Feed", "Profile")
_add("url", "LinkedIn", "LinkedIn URL", "LinkedIn Profile", label="LinkedIn")
# addresses (plain ones; labelled blocks are found by their words, see _guess)
_add("address", "Address", part="formatted")
_add("address", "Street", "Street Address", part="street")
_add("address", "City", "Town", "Locality", part="locality")
_add("address", "State", "Region", "Province", "County", part="region")
_add("address", "Postal Code", "Zip", "Zip Code", "Postcode", "ZIP/Postal Code", part="code")
_add("address", "Country", "Country/Region", part="country")
for _prefix, _label in (("Business", "work"), ("Home", "home"), ("Other", "other")):
    _add("address", f"{_prefix} Street", part="street", label=_label)
    _add("address", f"{_prefix} Street 2", f"{_prefix} Street 3", part="street", label=_label)
    _add("address", f"{_prefix} PO Box", f"{_prefix} Address PO Box", part="pobox", label=_label)
    _add("address", f"{_prefix} City", part="locality", label=_label)
    _add("address", f"{_prefix} State", part="region", label=_label)
    _add("address", f"{_prefix} Postal Code", part="code", label=_label)
    _add("address", f"{_prefix} Country/Region", f"{_prefix} Country", part="country", label=_label)
    _add("address", f"{_prefix} Address", part="formatted", label=_label)
# the rest
_add("notes", "Notes", "Note", "Comments", "Comment", "Description", "Notizen", "Notiz")
_add("notes", "Bemerkungen", "Remarques", "Notas", "Notities", "Opmerkingen")
_add("tags", "Tags", "Categories", "Labels", "Groups", "Group Membership", "Group", "Tag")
_add("tags", "Category", "Kategorien", "Catégories", "Categorías", "Categorieën", "Categorie")
_add("birthday", "Birthday", "Date of Birth", "Birth Date", "DOB", "Birthdate", "Geburtstag")
_add("birthday", "Anniversaire", "Date de naissance", "Cumpleaños", "Fecha de nacimiento")
_add("birthday", "Verjaardag", "Geboortedatum", "Compleanno", "Data di nascita")
_add("anniversary", "Anniversary", "Jahrestag", "Aniversario", "Anniversario", "Jubileum")
_add("anniversary", "Date d'anniversaire de mariage", "Anniversaire de mariage", "Trouwdag")
_add("birth_year", "Birth Year")
_add("birth_month", "Birth Month")
_add("connected", "Connected On")
#: Outlook writes these with a default in every row; only other values are worth keeping
_DEFAULTS: dict[str, frozenset[str]] = {}
for _keys, _values in (
    (
        "gender geschlecht sexe sexo geslacht sesso",
        "unspecified|nicht angegeben|non specifie|sin especificar|niet opgegeven|non specificato",
    ),
    ("priority prioritat priorite prioridad prioriteit priorita", "normal|normale|normaal"),
    (
        "sensitivity vertraulichkeit criteredediffusion confidencialidad gevoeligheid riservatezza",
        "normal|normale|normaal",
    ),
    ("private privat prive privado privato", "false|aus|faux|falso|onwaar"),
):
    for _k in _keys.split():
        _DEFAULTS[_k] = frozenset(_values.split("|"))


def _is_default(header: str, value: str) -> bool:
    return fold(value.strip()) in _DEFAULTS.get(_key(header), frozenset())


#: "Title" is Mr./Dr. in Outlook (its job title is "Job Title"); the same in other languages
_TITLE_KEYS = frozenset({"title", "titel", "titre", "titolo", "titulo"})
_JOB_TITLE_KEYS = frozenset(
    {"jobtitle", "position", "fonction", "poste", "puesto", "cargo", "functie", "posizione"}
)

#: Google's numbered columns: "E-mail 2 - Label", "Phone 1 - Value", "Address 1 - City"...
_NUMBERED = re.compile(
    r"^(email|phone|address|website|organization|relation|event|im|customfield)(\d+)(\w+)$"
)
_NUMBERED_PARTS = {
    "email": {"value": "value", "label": "label", "type": "label"},
    "phone": {"value": "value", "label": "label", "type": "label"},
    "website": {"value": "value", "label": "label", "type": "label"},
    "address": {
        "street": "street",
        "pobox": "pobox",
        "extendedaddress": "extended",
        "city": "locality",
        "region": "region",
        "postalcode": "code",
        "country": "country",
        "formatted": "formatted",
        "label": "label",
        "type": "label",
    },
}
#: NetDesk's own export: "emails.1.value", "phones.2.e164", "addresses.1.postal_code"
_NETDESK = re.compile(r"^(emails|phones|addresses|urls)\.(\d+)\.(\w+)$")
#: the rest of a long list in NetDesk's export: one cell, a JSON array of the same objects
_NETDESK_MORE = re.compile(r"^(emails|phones|addresses|urls)\.more$")
_NETDESK_SCALARS: dict[str, _Col] = {
    "display_name": _Col("display_name", raw=True),
    "given_name": _Col("given_name"),
    "family_name": _Col("family_name"),
    "additional_names": _Col("additional_names"),
    "prefix": _Col("prefix"),
    "suffix": _Col("suffix"),
    "nickname": _Col("nickname"),
    "organization": _Col("organization"),
    "department": _Col("department"),
    "title": _Col("title"),
    "birthday": _Col("birthday"),
    "anniversary": _Col("anniversary"),
    "notes": _Col("notes", raw=True),
    "tags": _Col("tags", raw=True),
    "met_at": _Col("met_at"),
    "met_on": _Col("met_on"),
    "cadence_days": _Col("cadence_days"),
    "starred": _Col("starred"),
    # database ids and values derived from interactions: they mean nothing in another file
    "id": _Col("ignore"),
    "introduced_by": _Col("ignore"),
    "last_contacted": _Col("ignore"),
    "next_touch": _Col("ignore"),
}
#: Gmail's form of about 2008: "Section 1 - Email", "Section 2 - Mobile"
_SECTION = re.compile(r"^section(\d+)(\w+)$")
_SECTION_PARTS: dict[str, _Col] = {
    "email": _Col("email"),
    "phone": _Col("phone"),
    "mobile": _Col("phone", "mobile"),
    "pager": _Col("phone", "other"),
    "fax": _Col("phone", "fax"),
    "company": _Col("organization"),
    "title": _Col("title"),
    "address": _Col("address", "", "", "formatted"),
}

# Words in headers (accents folded) that say what a column holds when its name is unknown.
_EMAIL_WORDS = ("email", "mail", "courriel", "messagerie", "correo", "postaelettronica")
_NOT_AN_EMAIL = ("type", "typ", "tipo", "display", "angezeigt", "nomcomplet", "weergave")
_NOT_AN_EMAIL2 = ("client", "format", "visualizzato", "mostrad", "soort", "affich")
_PHONE_WORDS = tuple(
    [
        "phone",
        "telefon",
        "telephone",
        "telefono",
        "telefoon",
        "fax",
        "telecopie",
        "mobil",
        "cell",
        "handy",
        "pager",
        "portable",
        "movil",
        "mobiel",
        "isdn",
        "telex",
        "funkruf",
        "autotelefon",
        "ruckmeldung",
        "radiomessagerie",
        "piepser",
        "pieper",
        "numero",
        "localizador",
        "cercapersone",
    ]
)
_MOBILE_WORDS = ("mobil", "cell", "handy", "portable", "movil", "mobiel")
_FAX_WORDS = ("fax", "telecopie")
_PAGER_WORDS = ("pager", "funkruf", "radiomessagerie", "piepser", "pieper", "localizador")
_WORK_WORDS = frozenset(
    [
        "business",
        "work",
        "office",
        "geschaftlich",
        "buro",
        "bureau",
        "travail",
        "professionnel",
        "trabajo",
        "oficina",
        "werk",
        "werkadres",
        "kantoor",
        "ufficio",
        "uff",
        "lavoro",
        "firma",
        "company",
        "dienstlich",
    ]
)
_HOME_WORDS = frozenset(
    [
        "home",
        "personal",
        "privat",
        "private",
        "domicile",
        "personnel",
        "particular",
        "casa",
        "residencia",
        "domicilio",
        "thuis",
        "prive",
        "abitazione",
        "ab",
        "huis",
        "huisadres",
    ]
)
_OTHER_WORDS = frozenset(
    [
        "other",
        "weitere",
        "weiteres",
        "weiterer",
        "autre",
        "otro",
        "otra",
        "overig",
        "ander",
        "andere",
        "altro",
        "altra",
    ]
)
_ADDRESS_PARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("pobox", ("pobox", "postfach", "boitepostale", "apartado", "postbus", "casellapostale")),
    ("country", ("country", "land", "pays", "pais", "paese", "nation")),
    ("code", ("zip", "postal", "postleitzahl", "plz", "codepostal", "postcode", "cap", "cp")),
    (
        "region",
        (
            "state",
            "region",
            "regio",
            "bundesland",
            "kanton",
            "province",
            "provincia",
            "provincie",
            "estado",
            "dep",
            "departement",
        ),
    ),
    (
        "locality",
        (
            "city",
            "ort",
            "stadt",
            "ville",
            "ciudad",
            "plaats",
            "citta",
            "localidad",
            "town",
            "locality",
            "localita",
            "woonplaats",
            "poblacion",
        ),
    ),
    ("street", ("street", "strasse", "str", "rue", "calle", "straat", "via", "road")),
    ("formatted", ("address", "adresse", "direccion", "adres", "indirizzo", "anschrift")),
)


def _label_of(words: list[str], key: str) -> str:
    for label, vocab in (("work", _WORK_WORDS), ("home", _HOME_WORDS), ("other", _OTHER_WORDS)):
        if any(w in vocab for w in words):
            return label
    return ""


def _has(words: list[str], key: str, vocab: Sequence[str]) -> bool:
    """A vocabulary word is one of the header's words, starts one ("zipcode"), or (when it
    is long enough not to be part of another word by chance) appears in the header."""
    return any(w == v or (len(v) >= 3 and w.startswith(v)) for w in words for v in vocab) or any(
        len(v) > 5 and v in key for v in vocab
    )


def _guess(header: str) -> _Col | None:
    """A column from the words of its header: emails, phones, URLs and address parts in the
    languages NetDesk knows ("E-Mail 2: Adresse", "Telefon geschäftlich", "Work ZipCode")."""
    key = _key(header)
    words = _words(header)
    if any(w in key for w in _PAGER_WORDS):
        return _Col("phone", "other")
    if any(w in key for w in _EMAIL_WORDS):
        if any(w in key for w in (*_NOT_AN_EMAIL, *_NOT_AN_EMAIL2)):
            return _Col("ignore")
        return _Col("email", _label_of(words, key))
    if any(w in key for w in _PHONE_WORDS) or "tel" in words or "radio" in words:
        if any(w in key for w in _MOBILE_WORDS):
            return _Col("phone", "mobile")
        if any(w in key for w in _FAX_WORDS):
            return _Col("phone", "fax")
        return _Col("phone", _label_of(words, key))
    if "web" in words or "url" in words or "homepage" in key or "website" in key:
        return _Col("url", _label_of(words, key))
    for part, vocab in _ADDRESS_PARTS:
        if _has(words, key, vocab):
            label = _label_of(words, key)
            if part == "formatted" and len(words) > 1 and words[-1].isdigit():
                part = "street"  # "Home Address 2": the street's second line
            return _Col("address", label, "", part)
    return None


def _column(header: str, outlook: bool) -> _Col | None:
    """What a header holds, or None when NetDesk does not model it."""
    stripped = header.strip()
    m = _NETDESK_MORE.match(stripped)
    if m:
        return _Col("more", "", "", m.group(1), raw=True)
    m = _NETDESK.match(stripped)
    if m:
        group, n, sub = m.groups()
        kind = {"emails": "email", "phones": "phone", "addresses": "address", "urls": "url"}[group]
        if group == "addresses":
            part = {"locality": "locality", "postal_code": "code"}.get(sub, sub)
            return _Col(kind, "", f"nd{group}{n}", part, raw=True)
        return _Col(kind, "", f"nd{group}{n}", sub, raw=True)
    if stripped in _NETDESK_SCALARS:
        return _NETDESK_SCALARS[stripped]
    key = _key(header)
    if not key:
        return None
    if _words(header) == ["birth", "day"]:  # Thunderbird's, not "Birthday"
        return _Col("birth_day")
    if "phonetic" in key or "yomi" in key:
        return None
    if key in _TITLE_KEYS:
        return _Col("prefix") if outlook else _Col("title")
    m = _NUMBERED.match(key)
    if key in _SIMPLE and not (m and " - " in header):  # Google's are "E-mail 2 - Type"
        return _SIMPLE[key]
    if m:
        group, n, part = m.groups()
        if group == "organization":
            target = {"name": "organization", "title": "title", "department": "department"}
            return _Col(target[part]) if part in target else None
        parts = _NUMBERED_PARTS.get(group)
        if parts and part in parts:
            kind = "url" if group == "website" else group
            return _Col(kind, "", f"{group}{n}", parts[part])
        if group in ("relation", "event", "im", "customfield"):
            return None
    m = _SECTION.match(key)
    if m:
        return _SECTION_PARTS.get(m.group(2))
    if len(header) > 60 or len(_words(header)) > 8:
        return None  # a sentence, not a column name
    return _guess(header)


@dataclass(frozen=True, slots=True)
class ColumnInfo:
    """One column as the mapping step shows it."""

    index: int
    header: str  #: as written ("Column 3" in a file without a header)
    field: str  #: a :data:`FIELDS` name (or a grouped part such as "email_label")
    samples: tuple[str, ...]
    guessed_from: str  #: "header" | "values" | "user" | "" (not mapped: kept in notes)


@dataclass(frozen=True, slots=True)
class CsvOptions:
    """What the user chose for a CSV file: its encoding, whether it has a header row, and
    fields for columns (by header, by "Column N", or by 1-based number)."""

    encoding: str | None = None
    no_header: bool = False
    mapping: Mapping[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class _Layout:
    delimiter: str
    header_index: int  #: index of the header among the file's records (-1: no header)
    header: list[str]
    columns: list[_Col | None]
    linkedin: bool
    recognised: int = field(default=0)
    guessed: dict[int, str] = field(default_factory=dict)  #: column -> how it was guessed
    _kinds: frozenset[str] | None = None

    def kinds(self) -> frozenset[str]:
        """The kinds of its columns (computed once)."""
        if self._kinds is None:
            self._kinds = frozenset(
                ("nd_" if c.raw else "") + c.kind for c in self.columns if c is not None
            )
        return self._kinds

    @property
    def has_header(self) -> bool:
        return self.header_index >= 0


@dataclass(frozen=True, slots=True)
class CsvLayout:
    """What the preview shows about a CSV file: how it was read and each column's field."""

    file: str
    encoding: str
    encoding_detected: str  #: how: "byte order mark", "valid UTF-8", "detector", "chosen"
    delimiter: str
    has_header: bool
    header_line: int  #: 0 without a header
    columns: tuple[ColumnInfo, ...]

    @property
    def signature(self) -> str:
        return header_signature([c.header for c in self.columns]) if self.has_header else ""

    def mapping(self) -> dict[str, str]:
        return {c.header: c.field for c in self.columns}


def header_signature(header: Sequence[str]) -> str:
    """The key under which a file's column mapping is remembered: its headers as compared."""
    return "|".join(_key(h) or f"#{i}" for i, h in enumerate(header))


def parse_mapping(text: str) -> dict[str, str]:
    """``"Column=field,Other=field"`` as the CLI's ``--map`` takes it. A ValueError names
    what is wrong (an unknown field lists the known ones)."""
    out: dict[str, str] = {}
    for part in re.split(r",(?=[^,=]*=)", text):
        if not part.strip():
            continue
        column, eq, name = part.rpartition("=")
        column, name = column.strip(), name.strip()
        if not eq or not column:
            raise ValueError(f"{part.strip()!r} is not Column=field")
        if name not in FIELDS:
            raise ValueError(f"{name!r} is not a field; known fields: {', '.join(FIELDS)}")
        out[column] = name
    return out


def _layout(header: list[str], delimiter: str, index: int) -> _Layout:
    keys = {_key(h) for h in header}
    outlook = bool(keys & _JOB_TITLE_KEYS) and bool(keys & _TITLE_KEYS)
    columns = [_column(h, outlook) for h in header]
    recognised = sum(1 for c in columns if c is not None and c.kind != "ignore")
    guessed = {i: "header" for i, c in enumerate(columns) if c is not None}
    return _Layout(delimiter, index, header, columns, "connectedon" in keys, recognised, guessed)


# --------------------------------------------------------------------------- bytes

_WESTERN = re.compile(r"^(cp125\d|iso8859_\d+|latin_?\d|cp8\d\d|cp775|mac_\w+)$")


def _odd_chars(text: str) -> int:
    """Characters a misread single-byte file shows: symbols where letters should be."""
    return sum(1 for ch in text if ord(ch) > 127 and not ch.isalpha())


def decode_csv(data: bytes, encoding: str | None = None) -> tuple[str, str, str]:
    """The file's text, the encoding it was read with, and how it was chosen (for the
    preview: "chosen", "byte order mark", "UTF-16 layout", "valid UTF-8", "detector",
    "fallback"). ``encoding`` forces one (undecodable bytes become U+FFFD)."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError as err:
            raise ImportFileError(f"{encoding!r} is not an encoding Python knows.") from err
        text = data.decode(encoding, errors="replace")
        return text.lstrip("\ufeff"), encoding, "chosen"
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", "byte order mark"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16", "byte order mark"
    sample = data[:4096]
    if len(sample) >= 4:
        even_nul = sample[0::2].count(0)
        odd_nul = sample[1::2].count(0)
        half = len(sample) // 2
        if odd_nul > half * 0.4 and even_nul < half * 0.05:
            return data.decode("utf-16-le", errors="replace"), "utf-16-le", "UTF-16 layout"
        if even_nul > half * 0.4 and odd_nul < half * 0.05:
            return data.decode("utf-16-be", errors="replace"), "utf-16-be", "UTF-16 layout"
    try:
        return data.decode("utf-8"), "utf-8", "valid UTF-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # loaded only for files that need it

    results = list(from_bytes(data[:200_000]))
    if results:
        name = results[0].encoding
        if _WESTERN.match(name):
            # Excel's "CSV" on Western Windows is cp1252; the detector cannot always tell it
            # from its neighbours (cp1250, latin-9...): the reading with the fewest symbols
            # where letters belong wins, cp1252 on a tie.
            names = ["cp1252", *(r.encoding for r in results if _WESTERN.match(r.encoding))]
            readings: list[tuple[int, int, str, str]] = []
            for rank, candidate in enumerate(dict.fromkeys(names)):
                try:
                    decoded = data.decode(candidate)
                except UnicodeDecodeError:
                    continue
                readings.append((_odd_chars(decoded), rank, candidate, decoded))
            if readings:
                _odd, _rank, name, text = min(readings)
                return text, name, "detector"
        return data.decode(name, errors="replace"), name, "detector"
    return data.decode("cp1252", errors="replace"), "cp1252", "fallback"


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(physical line the record starts on, cells) for every record of the text."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    start = 1
    for cells in reader:
        # NetDesk's (and OWASP's) formula guard: an apostrophe before = + - @ tab CR
        yield start, [c[1:] if c[:1] == "'" and c[1:2] in _GUARDED else c for c in cells]
        start = reader.line_num + 1


# --------------------------------------------------------------------------- values

_EMAIL = re.compile(r"^(?:mailto:)?[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[^@\s<>(),;:\".]{2,}$", re.I)
_PHONE_CHARS = re.compile(r"^(?:tel:)?\+?[\d\s().\-/]+(?:\s*(?:x|ext\.?|#)\s*\d+)?$", re.I)
_URL = re.compile(r"^(https?://|www\.)\S+$", re.I)
_POSTCODE = re.compile(r"^(\d{4,5}|\d{5}-\d{4}|\d{3}-\d{4}|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$")


def is_email(value: str) -> bool:
    return bool(_EMAIL.match(value.strip()))


def _is_date(value: str) -> bool:
    v = value.strip()
    if not v or not re.search(r"\d", v):
        return False
    try:
        return parse_csv_date(v) is not None
    except ValueError:
        return False


def is_phone(value: str, region: str | None = "US", *, strict: bool = False) -> bool:
    """Whether a cell is a phone number: phone characters only, 6–15 digits, and (``strict``,
    for columns no header names) a + or a leading 0 or separators, never a date or postcode."""
    v = value.strip()
    if not _PHONE_CHARS.match(v) or _is_date(v):
        return False
    n = sum(ch.isdigit() for ch in v)
    if not 6 <= n <= 15:
        return False
    if strict and not (v.startswith(("+", "0", "(")) or re.search(r"\d[\s\-./]\d", v)):
        return False
    if strict and _POSTCODE.match(v):
        return False
    return to_e164(v, region) is not None or v.startswith("+") or n >= 7


def _value_kind(value: str, region: str | None) -> str:
    v = value.strip()
    if is_email(v):
        return "email"
    if _URL.match(v):
        return "url"
    if _is_date(v) and re.search(r"[./-]", v):
        return "date"
    if _POSTCODE.match(v):
        return "postcode"
    if is_phone(v, region, strict=True):
        return "phone"
    return "text"


def _data_like(cells: Sequence[str], region: str | None) -> bool:
    """Whether a record holds data (an email or a phone number) rather than headers."""
    return any(_value_kind(c, region) in ("email", "phone") for c in cells if c.strip())


# --------------------------------------------------------------------------- layout


def _header_candidate(cells: list[str], delimiter: str, index: int) -> _Layout | None:
    """The record as a header when it looks like one: two or more cells NetDesk recognises
    (one, in a file of one column), and no email or phone in it."""
    if not cells or _data_like(cells, None):
        return None
    layout = _layout(cells, delimiter, index)
    nonempty = sum(1 for c in cells if c.strip())
    if layout.recognised >= 2:
        return layout
    first = layout.columns[0]
    if nonempty == len(cells) == 1 and first and first.kind in ("email", "phone", "display_name"):
        return layout  # a one-column list: "Email"
    return None
    return None


def _find_layout(text: str) -> _Layout | None:
    """The header: per delimiter the FIRST header-like record; the delimiter whose header
    NetDesk recognises most of wins."""
    best: _Layout | None = None
    for delimiter in DELIMITERS:
        try:
            for index, (_line, cells) in enumerate(_records(text, delimiter)):
                if index >= HEADER_SEARCH:
                    break
                if len(cells) < 2 and delimiter != DELIMITERS[0]:
                    continue
                layout = _header_candidate(cells, delimiter, index)
                if layout is not None:
                    if best is None or layout.recognised > best.recognised:
                        best = layout
                    break
        except csv.Error:
            continue
    if best is None:
        best = _one_known_column(text)
    return best


def _one_known_column(text: str) -> _Layout | None:
    """A first row of two or more cells, one of them a column name NetDesk knows ("Name,
    Verein") and none an email or phone: the header, when no better one was found."""
    best: _Layout | None = None
    for delimiter in DELIMITERS:
        try:
            for index, (_line, cells) in enumerate(_records(text, delimiter)):
                if not any(c.strip() for c in cells):
                    continue
                if len(cells) >= 2 and not _data_like(cells, None):
                    layout = _layout(cells, delimiter, index)
                    if layout.recognised >= 1 and (best is None or len(cells) > len(best.header)):
                        best = layout
                break
        except csv.Error:
            continue
    return best


def _headerless(text: str, region: str | None) -> _Layout | None:
    """A layout for a file whose first record is data (emails or phones): the delimiter that
    gives the most consistent cells, columns named "Column N" and mapped from their values."""
    choice: tuple[int, str, list[list[str]]] | None = None
    for delimiter in DELIMITERS:
        try:
            recs = [
                cells
                for _l, (_n, cells) in zip(
                    range(SAMPLE_ROWS), _records(text, delimiter), strict=False
                )
            ]
        except csv.Error:
            continue
        recs = [r for r in recs if any(c.strip() for c in r)]
        if not recs or not _data_like(recs[0], region):
            continue
        width = max(len(r) for r in recs)
        consistent = sum(1 for r in recs if len(r) == width)
        score = consistent * 10 + min(width, 9)
        if width == 1 and delimiter != DELIMITERS[0]:
            continue
        if choice is None or score > choice[0]:
            choice = (score, delimiter, recs)
    if choice is None:
        return None
    _score, delimiter, recs = choice
    width = max(len(r) for r in recs)
    header = [f"Column {i + 1}" for i in range(width)]
    layout = _Layout(delimiter, -1, header, [None] * width, False)
    _guess_from_values(layout, recs, region, headerless=True)
    return layout


def _guess_from_values(
    layout: _Layout, rows: Sequence[Sequence[str]], region: str | None, *, headerless: bool
) -> None:
    """Map columns no header named from what most of their values are: emails, URLs; in a
    file without a header also phones, dates (a birthday), postcodes and the first column of
    plain text (the name)."""
    named = False
    for i in range(len(layout.columns)):
        if layout.columns[i] is not None:
            continue
        values = [r[i].strip() for r in rows if i < len(r) and r[i].strip()]
        if not values:
            continue
        kinds = [_value_kind(v, region) for v in values]
        top = max(set(kinds), key=kinds.count)
        if kinds.count(top) * 10 < len(kinds) * 6:
            continue
        col: _Col | None = None
        if top == "email":
            col = _Col("email")
        elif top == "url":
            col = _Col("url")
        elif headerless and top == "phone":
            col = _Col("phone")
        elif headerless and top == "date":
            col = _Col("birthday")
        elif headerless and top == "postcode":
            col = _Col("address", "", "", "code")
        elif headerless and top == "text" and not named:
            col = _Col("display_name")
            named = True
        if col is not None:
            layout.columns[i] = col
            layout.guessed[i] = "values"


def _apply_options(layout: _Layout, options: CsvOptions) -> None:
    for column, name in options.mapping.items():
        if name not in FIELDS:
            raise ImportFileError(f"{name!r} is not a field NetDesk knows")
        index = _column_index(layout.header, column)
        if index is None:
            known = ", ".join(repr(h) for h in layout.header[:12])
            raise ImportFileError(f"there is no column {column!r} (the columns are {known})")
        col = FIELDS[name][1]
        layout.columns[index] = None if name == "note_line" else col
        layout.guessed[index] = "user"
    layout.recognised = sum(1 for c in layout.columns if c is not None and c.kind != "ignore")
    layout._kinds = None


def _column_index(header: Sequence[str], column: str) -> int | None:
    for i, h in enumerate(header):
        if h.strip() == column.strip():
            return i
    for i, h in enumerate(header):
        if _key(h) and _key(h) == _key(column):
            return i
    m = re.fullmatch(r"(?:column\s*)?(\d+)", column.strip(), re.I)
    if m and 1 <= int(m.group(1)) <= len(header):
        return int(m.group(1)) - 1
    return None


@dataclass(slots=True)
class _Prepared:
    text: str
    encoding: str
    how: str
    layout: _Layout


def _prepare(data: bytes, file: str, region: str | None, options: CsvOptions | None) -> _Prepared:
    options = options or CsvOptions()
    text, encoding, how = decode_csv(data, options.encoding)
    name = PurePath(file).name or "the file"
    layout = None if options.no_header else _find_layout(text)
    if layout is None:
        layout = _headerless(text, region)
        if layout is None and options.no_header:
            layout = _forced_headerless(text, region)
    if layout is None:
        raise ImportFileError(
            f"{name}: no column NetDesk recognises (expected e.g. First Name, Last Name, "
            "Email, Phone, Company) and no email or phone in its first row. "
            "Nothing was imported."
        )
    if layout.has_header:
        samples = (
            [
                cells
                for index, (_l, cells) in enumerate(_records(text, layout.delimiter))
                if index > layout.header_index
            ][:SAMPLE_ROWS]
            if SAMPLE_ROWS
            else []
        )
        _guess_from_values(layout, samples, region, headerless=False)
    try:
        _apply_options(layout, options)
    except ImportFileError as err:
        raise ImportFileError(f"{name}: {err}. Nothing was imported.") from None
    return _Prepared(text, encoding, how, layout)


def _forced_headerless(text: str, region: str | None) -> _Layout | None:
    recs: list[list[str]] = []
    try:
        for _n, (_l, cells) in zip(range(SAMPLE_ROWS), _records(text, DELIMITERS[0]), strict=False):
            if any(c.strip() for c in cells):
                recs.append(cells)
    except csv.Error:
        return None
    if not recs:
        return None
    width = max(len(r) for r in recs)
    layout = _Layout(
        DELIMITERS[0], -1, [f"Column {i + 1}" for i in range(width)], [None] * width, False
    )
    _guess_from_values(layout, recs, region, headerless=True)
    return layout


def inspect_csv(
    data: bytes,
    file: str = "",
    default_region: str | None = "US",
    options: CsvOptions | None = None,
) -> CsvLayout:
    """How a CSV file is read: encoding, delimiter, header and each column's field with up to
    three sample values. Raises :class:`ImportFileError` when it cannot be read."""
    prepared = _prepare(data, file, default_region, options)
    layout = prepared.layout
    samples: list[list[str]] = [[] for _ in layout.header]
    header_line = 0
    for index, (line, cells) in enumerate(_records(prepared.text, layout.delimiter)):
        if index == layout.header_index:
            header_line = line
        if index <= layout.header_index:
            continue
        for i, cell in enumerate(cells[: len(samples)]):
            if cell.strip() and len(samples[i]) < 3:
                samples[i].append(cell.strip())
        if index > layout.header_index + SAMPLE_ROWS:
            break
    columns = tuple(
        ColumnInfo(
            i,
            h.strip() or f"Column {i + 1}",
            field_name(col),
            tuple(samples[i]),
            layout.guessed.get(i, "") if col is not None else "",
        )
        for i, (h, col) in enumerate(zip(layout.header, layout.columns, strict=True))
    )
    return CsvLayout(
        file,
        prepared.encoding,
        prepared.how,
        layout.delimiter,
        layout.has_header,
        header_line,
        columns,
    )


def record_word(name: str) -> str:
    """What one record of this file is called to the user: a CSV "row", a vCard "card"."""
    return "row" if name.lower().endswith(CSV_SUFFIXES) else "card"


def records_word(names: Sequence[str]) -> str:
    """ "row" when every file is CSV, else "card"."""
    return "row" if names and all(record_word(n) == "row" for n in names) else "card"


def is_csv(name: str, data: bytes) -> bool:
    """Whether a file to import is CSV: by its extension, else by its content (no vCard in
    it, and a header row NetDesk recognises at least two columns of)."""
    suffix = PurePath(name).suffix.lower()
    if suffix in CSV_SUFFIXES:
        return True
    if suffix in VCARD_SUFFIXES:
        return False
    text, _, _ = decode_csv(data[:65536])
    if "begin:vcard" in text.casefold():
        return False
    layout = _find_layout(text)
    return layout is not None and layout.recognised >= 2


# --------------------------------------------------------------------------- dates

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            "jan january janvier januar enero gennaio",
            "feb february fevrier février februar febrero febbraio",
            "mar march mars märz maerz marzo",
            "apr april avril abril aprile",
            "may mai mayo maggio",
            "jun june juin juni junio giugno",
            "jul july juillet juli julio luglio",
            "aug august aout août agosto",
            "sep sept september septembre septiembre settembre",
            "oct october octobre oktober okt octubre ottobre",
            "nov november novembre noviembre",
            "dec december décembre decembre dezember dez diciembre dicembre",
        ),
        start=1,
    )
    for m in names.split()
}
_NUMERIC = re.compile(r"^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$")
_WORDY_DMY = re.compile(r"^(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})$")
_WORDY_MDY = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_WORDY_NOYEAR = re.compile(r"^(\d{1,2})\.?\s+([^\W\d_]+)\.?$|^([^\W\d_]+)\.?\s+(\d{1,2})$")
#: Outlook writes this for "no birthday"
_NO_DATE = frozenset({"0/0/00", "0/0/0000", "00.00.0000", "0.0.00", "1/1/4501", "01.01.4501"})


def _year(text: str) -> int:
    y = int(text)
    if len(text) <= 2:
        this = date.today().year % 100
        return 2000 + y if y <= this else 1900 + y
    return y


def _slash_order(values: Iterator[str]) -> bool | None:
    """Whether a file's ``a/b/yyyy`` dates put the day first (True), the month first (False),
    or cannot say (None): one date with a first number over 12 settles it, and so does one
    with a second number over 12."""
    for value in values:
        m = _NUMERIC.match(value.strip())
        if not m or len(m.group(1)) == 4 or value.strip()[len(m.group(1))] != "/":
            continue
        if int(m.group(1)) > 12:
            return True
        if int(m.group(2)) > 12:
            return False
    return None


def _connected_on(value: str, region: str | None, day_first: bool | None) -> date | None:
    """LinkedIn's "Connected On" (``12 Mar 2021``) as the day the user met the person; None
    when it is not a full date (the note keeps the text either way)."""
    try:
        parsed = parse_csv_date(value, region, day_first)
    except ValueError:
        return None
    if parsed is None or parsed.year is None:
        return None
    return date(parsed.year, parsed.month, parsed.day)


def parse_csv_date(
    text: str, region: str | None = "US", day_first: bool | None = None
) -> PartialDate | None:
    """A date as CSV exporters write it: ISO (``1985-03-14``, ``--03-14``), Outlook's
    ``3/14/1985`` (``day_first`` says the order; when None, the first number over 12 or the
    region's custom does), ``14.03.1985``, ``14 Mar 1985``, ``March 14, 1985``. None for an
    empty value and Outlook's "no date" placeholders; ValueError when it is not a date."""
    value = " ".join(text.split())
    if not value or value in _NO_DATE:
        return None
    value = value.split("T")[0] if re.match(r"^\d{4}-\d{2}-\d{2}T", value) else value
    value = re.sub(r"\s+\d{1,2}:\d{2}(:\d{2})?(\s*[AaPp][Mm])?$", "", value)  # a time part
    if re.match(r"^(--\d{2}-?\d{2}|\d{4}-\d{2}-\d{2}|\d{8})$", value):
        return PartialDate.parse(value)
    m = _NUMERIC.match(value)
    if m:
        a, b, c = m.groups()
        sep = value[len(a)]
        if len(a) == 4:  # 1985/03/14
            return PartialDate(int(b), int(c), int(a))
        x, y = int(a), int(b)
        if sep == "." or x > 12:
            first_is_day = True
        elif y > 12:
            first_is_day = False
        elif day_first is not None:
            first_is_day = day_first
        else:
            first_is_day = (region or "US").upper() not in ("US", "CA", "PH")
        day, month = (x, y) if first_is_day else (y, x)
        return PartialDate(month, day, _year(c))
    for pattern, order in ((_WORDY_DMY, "dmy"), (_WORDY_MDY, "mdy")):
        m = pattern.match(value)
        if m:
            g = m.groups()
            day_s, month_s, year_s = (g[0], g[1], g[2]) if order == "dmy" else (g[1], g[0], g[2])
            named = _MONTHS.get(month_s.casefold())
            if named is None:
                raise ValueError(f"{month_s!r} is not a month")
            return PartialDate(named, int(day_s), int(year_s))
    m = _WORDY_NOYEAR.match(value)
    if m:
        day_s, month_s = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        named = _MONTHS.get(month_s.casefold())
        if named is not None:
            return PartialDate(named, int(day_s), None)
    raise ValueError(f"{text.strip()!r} is not a date")


def _split_multi(value: str) -> list[str]:
    return [v.strip() for v in value.split(MULTI) if v.strip()]


def _google_label(raw: str) -> tuple[str, bool]:
    """A Google label ("* Work", "Mobile", "Home Fax") as NetDesk's label, and whether the
    star (Google's "primary") was set."""
    text = raw.strip()
    pref = text.startswith("*")
    text = text.lstrip("*").strip()
    folded = text.casefold()
    if folded in ("mobile", "cell", "cellular", "handy"):
        return "mobile", pref
    if folded in ("work", "business", "office"):
        return "work", pref
    if folded in ("home", "personal", "private"):
        return "home", pref
    if "fax" in folded:
        return "fax", pref
    if folded == "other":
        return "other", pref
    return text, pref


_TAG_SPLIT = re.compile(r"\s*(?::::|;|,)\s*")
#: Google's system labels: not something the user chose
_SYSTEM_LABELS = frozenset({"* mycontacts", "mycontacts", "* other contacts"})


def _tags(value: str) -> tuple[list[str], bool]:
    """Tags from a Categories/Labels cell, and whether Google's "* starred" label was there."""
    tags: list[str] = []
    starred = False
    for raw in _TAG_SPLIT.split(value):
        tag = raw.strip()
        folded = tag.casefold()
        if not tag or folded in _SYSTEM_LABELS:
            continue
        if folded == "* starred":
            starred = True
            continue
        tag = tag.lstrip("*").strip()
        if tag and tag.casefold() not in {t.casefold() for t in tags}:
            tags.append(tag)
    return tags, starred


# --------------------------------------------------------------------------- one row


def _split_full_name(name: str) -> dict[str, str]:
    """Given and family name of a plain "Anna Berg" or "Berg, Anna"; nothing for anything
    else (titles, three words, a company), which stays the display name only."""
    if name.count(",") == 1:
        family, given = (x.strip() for x in name.split(","))
        if len(family.split()) == 1 and len(given.split()) == 1:
            return {"given_name": given, "family_name": family, "display_name": f"{given} {family}"}
        return {}
    words = name.split()
    if len(words) == 2 and all(w[0].isupper() and w[-1] != "." for w in words):
        return {"given_name": words[0], "family_name": words[1]}
    return {}


@dataclass(slots=True)
class _Slot:
    values: list[str] = field(default_factory=list)
    label: str = ""
    parts: dict[str, str] = field(default_factory=dict)
    raw: bool = False


#: headers that are only a label: Yahoo's phone columns "Home", "Work", "Other", "Primary"
_LABEL_ONLY = {
    "home": "home",
    "work": "work",
    "business": "work",
    "other": "other",
    "primary": "",
    "alternate": "",
    "private": "home",
    "privat": "home",
    "main": "work",
    "particular": "home",
    "particular2": "home",
    "ufficio": "work",
    "ufficio2": "work",
    "abitazione": "home",
    "abitazione2": "home",
}
_TRUE = frozenset({"true", "1", "yes", "ja", "oui", "si", "sí", "x"})


def _unmodelled(
    name: str, value: str, region: str | None, emails: list[Email], phones: list[Phone]
) -> bool:
    """An email in a column NetDesk does not model is an email; a phone number in a column
    whose header is only a label (Yahoo's "Home", "Work") is a phone. True when taken."""
    key = _key(name)
    if is_email(value):
        emails.append(Email(_strip_mailto(value), _label_of(_words(name), key)))
        return True
    if key in _LABEL_ONLY and is_phone(value, region):
        phones.append(Phone(value, to_e164(value, region), _LABEL_ONLY[key]))
        return True
    return False


def _more(
    group: str,
    value: str,
    region: str | None,
    emails: list[Email],
    phones: list[Phone],
    addresses: list[Address],
    urls: list[Url],
) -> bool:
    """The JSON array of NetDesk's ``<list>.more`` cell, appended to its list; False when
    the cell is not such an array."""
    try:
        items = json.loads(value)
    except ValueError:
        return False
    if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
        return False

    def text(item: dict[str, object], key: str) -> str:
        v = item.get(key)
        return v if isinstance(v, str) else ""

    for item in items:
        pref = item.get("pref") is True
        if group == "emails":
            emails.append(Email(text(item, "value"), text(item, "label"), pref))
        elif group == "phones":
            number = text(item, "value")
            given = text(item, "e164") or to_e164(number, region)
            phones.append(Phone(number, given, text(item, "label"), pref))
        elif group == "urls":
            urls.append(Url(text(item, "value"), text(item, "label")))
        else:
            addresses.append(
                Address(
                    *(
                        text(item, k)
                        for k in ("street", "locality", "region", "postal_code", "country", "label")
                    )
                )
            )
    return True


def _strip_mailto(value: str) -> str:
    v = value.strip()
    return v[7:] if v.casefold().startswith("mailto:") else v


def _address(parts: dict[str, list[str]], label: str) -> Address:
    street_lines = [*parts.get("pobox", []), *parts.get("street", [])]
    formatted = parts.get("formatted", [])
    others = [v for k in ("locality", "region", "code", "country") for v in parts.get(k, [])]
    if formatted and others:
        # Thunderbird's "Home Address" is the street: keep it. KMail's "Home Address Label"
        # and Evolution's "Business Address" are the whole address: drop what repeats it.
        known = set(_words(" ".join([*street_lines, *others])))
        lines = [x for f in formatted for x in f.splitlines() if x.strip()]
        if not street_lines or not all(set(_words(x)) <= known for x in lines):
            street_lines = [*formatted, *street_lines]
    addr = Address(
        "\n".join(street_lines),
        ", ".join(parts.get("locality", [])),
        ", ".join(parts.get("region", [])),
        " ".join(parts.get("code", [])),
        ", ".join(parts.get("country", [])),
        label,
    )
    if addr.is_empty() and formatted:
        addr = Address("\n".join(formatted), label=label)
    return addr


def _row_contact(
    layout: _Layout, cells: list[str], region: str | None, day_first: bool | None = None
) -> tuple[Contact | None, str | None, list[str]]:
    """(contact, error, warnings) for one data row."""
    fields: dict[str, str] = {}
    emails: list[Email] = []
    phones: list[Phone] = []
    urls: list[Url] = []
    tags: list[str] = []
    starred = False
    notes: list[str] = []
    extra_notes: list[str] = []
    warnings: list[str] = []
    dates: dict[str, PartialDate] = {}
    birth: dict[str, str] = {}
    met_on: date | None = None
    cadence: int | None = None
    slots: dict[str, _Slot] = {}
    addresses: dict[str, dict[str, list[str]]] = {}
    # NetDesk's "<list>.more" cells: after the numbered columns
    more_emails: list[Email] = []
    more_phones: list[Phone] = []
    more_urls: list[Url] = []
    more_addresses: list[Address] = []
    header = layout.header
    if len(cells) > len(header):
        surplus = [c.strip() for c in cells[len(header) :] if c.strip()]
        if surplus:
            warnings.append(
                f"{len(cells) - len(header)} more cells than the header has columns; "
                "kept in the notes"
            )
            extra_notes.append("More cells: " + " | ".join(surplus))
    for i, col in enumerate(layout.columns):
        raw_value = cells[i] if i < len(cells) else ""
        value = raw_value.strip()
        if not value:
            continue
        name = header[i].strip()
        if col is None:
            if _is_default(name, value):
                continue
            if not _unmodelled(name, value, region, emails, phones):
                extra_notes.append(f"{name}: {value}")
            continue
        kind = col.kind
        if kind == "ignore":
            continue
        if col.slot:
            slot = slots.setdefault(col.slot, _Slot(raw=col.raw))
            if kind == "address":
                slot.parts[col.part] = raw_value if col.raw else value
            elif col.part == "label":
                slot.label = value
            elif col.part in ("pref", "e164"):
                slot.parts[col.part] = value
            else:
                slot.values.extend([value] if col.raw else _split_multi(value))
            continue
        if kind == "email":
            for v in _split_multi(value):
                # KMail writes every address of a person into one cell, one a line
                parts = [x.strip() for x in re.split(r"[\n,;]", v) if x.strip()]
                for x in parts if len(parts) > 1 and all(map(is_email, parts)) else [v]:
                    emails.append(Email(_strip_mailto(x), col.label))
        elif kind == "phone":
            for v in _split_multi(value):
                if is_email(v):
                    emails.append(Email(v, col.label if col.label in ("work", "home") else ""))
                else:
                    phones.append(Phone(v, to_e164(v, region), col.label))
        elif kind == "url":
            label = col.label or ("LinkedIn" if layout.linkedin else "")
            for v in _split_multi(value):
                if is_email(v):
                    emails.append(Email(_strip_mailto(v)))
                else:
                    urls.append(Url(v, label))
        elif kind == "address":
            addresses.setdefault(col.label, {}).setdefault(col.part, []).append(value)
        elif kind == "notes":
            notes.append(raw_value if col.raw else value)
        elif kind == "note_line":
            extra_notes.append(f"{name}: {value}")
        elif kind == "more":
            if not _more(
                col.part, value, region, more_emails, more_phones, more_addresses, more_urls
            ):
                warnings.append(f"{name} is not the JSON list NetDesk writes; kept in the notes")
                extra_notes.append(f"{name}: {value}")
        elif kind == "tags":
            if col.raw:  # NetDesk's own: "; " between tags, nothing else special
                found, star = [t.strip() for t in value.split("; ") if t.strip()], False
            else:
                found, star = _tags(value)
            starred = starred or star
            tags.extend(t for t in found if t.casefold() not in {x.casefold() for x in tags})
        elif kind in ("birthday", "anniversary"):
            try:
                parsed = parse_csv_date(value, region, day_first)
            except ValueError:
                parsed = None
                warnings.append(
                    f"{name} {value!r} is not a date NetDesk understands; kept in the notes"
                )
                extra_notes.append(f"{name}: {value}")
            if parsed is not None and kind not in dates:
                dates[kind] = parsed
        elif kind in ("birth_year", "birth_month", "birth_day"):
            birth[kind] = value
        elif kind == "met_on":
            try:
                parsed = parse_csv_date(value, region, day_first)
            except ValueError:
                parsed = None
            if parsed is None or parsed.year is None:
                warnings.append(f"{name} {value!r} is not a whole date; kept in the notes")
                extra_notes.append(f"{name}: {value}")
            else:
                met_on = date(parsed.year, parsed.month, parsed.day)
        elif kind == "cadence_days":
            if value.isdigit():
                cadence = int(value)
            else:
                extra_notes.append(f"{name}: {value}")
        elif kind == "starred":
            starred = starred or value.casefold() in _TRUE
        elif kind == "connected":
            where = "LinkedIn" if layout.linkedin else ""
            extra_notes.append(f"Connected on {where}: {value}" if where else f"{name}: {value}")
            met_on = met_on or _connected_on(value, region, day_first)
        elif kind in fields:  # a second column for the same field: keep it in the notes
            if value != fields[kind]:
                extra_notes.append(f"{name}: {value}")
        else:
            fields[kind] = value
    if birth and "birthday" not in dates:
        try:
            month = int(birth.get("birth_month", "0") or 0)
            day = int(birth.get("birth_day", "0") or 0)
            year_text = birth.get("birth_year", "")
            year = int(year_text) if year_text.isdigit() and int(year_text) > 0 else None
            dates["birthday"] = PartialDate(month, day, year)
        except ValueError:
            shown = "/".join(birth.get(k, "") for k in ("birth_year", "birth_month", "birth_day"))
            warnings.append(f"birth year/month/day {shown!r} is not a date; kept in the notes")
            extra_notes.append(f"Birthday: {shown}")
    # numbered groups (Google's, NetDesk's own), in column order
    address_list: list[Address] = []
    for slot_name, slot in slots.items():
        if slot.raw:
            label, pref = slot.label, slot.parts.get("pref", "").casefold() in _TRUE
        else:
            label, pref = _google_label(slot.label)
        if slot_name.startswith(("email", "ndemails")):
            emails.extend(Email(v, label, pref and n == 0) for n, v in enumerate(slot.values))
        elif slot_name.startswith(("phone", "ndphones")):
            given = slot.parts.get("e164") or None
            phones.extend(
                Phone(
                    v, given if slot.raw and given else to_e164(v, region), label, pref and n == 0
                )
                for n, v in enumerate(slot.values)
            )
        elif slot_name.startswith(("website", "ndurls")):
            urls.extend(Url(v, label) for v in slot.values)
        elif slot_name.startswith(("address", "ndaddresses")):
            p = slot.parts
            if slot.raw:
                address_list.append(
                    Address(
                        p.get("street", ""),
                        p.get("locality", ""),
                        p.get("region", ""),
                        p.get("code", ""),
                        p.get("country", ""),
                        p.get("label", ""),
                    )
                )
                continue
            label, _ = _google_label(p.get("label", ""))
            street = "\n".join(x for x in (p.get("pobox"), p.get("extended"), p.get("street")) if x)
            addr = Address(
                street,
                p.get("locality", ""),
                p.get("region", ""),
                p.get("code", ""),
                p.get("country", ""),
                label,
            )
            if addr.is_empty() and p.get("formatted"):
                addr = Address(p["formatted"], label=label)
            if not addr.is_empty():
                address_list.append(addr)
    address_list += more_addresses
    emails += more_emails
    phones += more_phones
    urls += more_urls
    for label, address_parts in addresses.items():
        addr = _address(address_parts, label)
        if not addr.is_empty():
            address_list.append(addr)
    kinds = layout.kinds()
    named_parts = "given_name" in kinds or "family_name" in kinds or "nd_given_name" in kinds
    if fields.get("display_name") and not named_parts:
        fields.update(_split_full_name(fields["display_name"]))
    has_name = any(fields.get(k) for k in ("display_name", "given_name", "family_name", "nickname"))
    if not (has_name or emails or phones or fields.get("organization")):
        had = [
            header[i].strip()
            for i, c in enumerate(cells[: len(header)])
            if c.strip() and c.strip() not in _NO_DATE and not _is_default(header[i], c)
        ]
        reason = "no name, email or phone"
        if had:
            reason += f" (only {', '.join(had[:4])}{'…' if len(had) > 4 else ''})"
        return None, reason, warnings
    all_notes = "\n\n".join(notes)
    if extra_notes:
        all_notes = (all_notes + "\n\n" if all_notes else "") + "\n".join(extra_notes)
    c = Contact(
        display_name=fields.get("display_name", ""),
        prefix=fields.get("prefix", ""),
        given_name=fields.get("given_name", ""),
        additional_names=fields.get("additional_names", ""),
        family_name=fields.get("family_name", ""),
        suffix=fields.get("suffix", ""),
        nickname=fields.get("nickname", ""),
        organization=fields.get("organization", ""),
        department=fields.get("department", ""),
        title=fields.get("title", ""),
        emails=tuple(emails),
        phones=tuple(phones),
        addresses=tuple(address_list),
        urls=tuple(urls),
        birthday=dates.get("birthday"),
        anniversary=dates.get("anniversary"),
        notes=all_notes,
        tags=tuple(tags),
        starred=starred,
        met_at=fields.get("met_at", ""),
        met_on=met_on,
        cadence_days=cadence,
    )
    if not c.display_name and "nd_display_name" not in kinds:  # NetDesk's own: as it was
        derived = derive_display_name(c)
        if derived != "(no name)":
            c = c.with_changes(display_name=derived)
    return phones_with_regions(c, region), None, warnings


# --------------------------------------------------------------------------- files


def _header_again(cells: list[str], layout: _Layout) -> _Layout | None:
    """A header-like row among the data (two exports pasted into one file)."""
    if not layout.has_header:
        return None
    # cheap first: two cells that are column names NetDesk knows by heart
    known = _KNOWN_NAMES
    if sum(1 for c in cells if c and (c.strip().casefold() in known or c in _NETDESK_SCALARS)) < 2:
        return None
    candidate = _header_candidate(cells, layout.delimiter, -1)
    if candidate is None or candidate.recognised * 2 < sum(1 for c in cells if c.strip()):
        return None
    return candidate


def iter_csv(
    data: bytes,
    file: str = "",
    default_region: str | None = "US",
    *,
    options: CsvOptions | None = None,
    should_cancel: Callable[[], bool] | None = None,
    progress: Progress | None = None,
) -> Iterator[CardResult]:
    """One :class:`CardResult` per data row (rows whose cells are all empty are not rows).
    A header row found again below the first is a result too (unreadable, saying so), and
    the rows below it are read with its columns. Raises :class:`ImportFileError` (before
    yielding anything) when no header row is found and the first row holds no data."""
    prepared = _prepare(data, file, default_region, options)
    del data
    text = prepared.text
    layout = prepared.layout
    name = PurePath(file).name or "the file"
    total = max(1, text.count("\n") - max(layout.header_index, 0))

    def order(lay: _Layout) -> bool | None:
        date_columns = [
            i for i, c in enumerate(lay.columns) if c and c.kind in ("birthday", "anniversary")
        ]
        if not date_columns:
            return None
        return _slash_order(
            cells[i]
            for _line, cells in _records(text, lay.delimiter)
            for i in date_columns
            if i < len(cells)
        )

    day_first = order(layout)
    row = 0
    try:
        for index, (line, cells) in enumerate(_records(text, layout.delimiter)):
            if index <= layout.header_index or not any(c.strip() for c in cells):
                if index < layout.header_index and _data_like(cells, default_region):
                    row += 1
                    yield CardResult(
                        file,
                        row,
                        line,
                        None,
                        "above the header row (line "
                        f"{_header_line(text, layout)}); not read as a contact",
                    )
                continue
            row += 1
            again = _header_again(cells, layout)
            if again is not None:
                same = [_key(h) for h in again.header] == [_key(h) for h in layout.header]
                if not same:
                    again.header_index = layout.header_index
                    layout = again
                    day_first = order(layout)
                reason = (
                    "the header row again (two exports in one file?); the rows below are read "
                    + ("with the same columns" if same else "with its columns")
                )
                yield CardResult(file, row, line, None, reason)
                continue
            try:
                contact, error, warnings = _row_contact(layout, cells, default_region, day_first)
            except Exception as exc:  # a bug here must not cost the user the rest of the file
                contact, error, warnings = None, f"internal error while reading: {exc!r}", []
            yield CardResult(
                file, row, line, contact, error, tuple(f"line {line}: {w}" for w in warnings)
            )
            if row % PROGRESS_EVERY == 0:
                if progress is not None:
                    progress(row, max(total, row))
                if should_cancel is not None and should_cancel():
                    return
    except csv.Error as exc:
        raise ImportFileError(f"{name}: not a CSV file NetDesk can read ({exc}).") from exc
    if progress is not None:
        progress(row, row)


def _header_line(text: str, layout: _Layout) -> int:
    for index, (line, _cells) in enumerate(_records(text, layout.delimiter)):
        if index == layout.header_index:
            return line
    return 0


def read_csv(
    data: bytes,
    file: str = "",
    default_region: str | None = "US",
    options: CsvOptions | None = None,
) -> list[CardResult]:
    """Every row of a CSV file (see :func:`iter_csv`)."""
    return list(iter_csv(data, file, default_region, options=options))
