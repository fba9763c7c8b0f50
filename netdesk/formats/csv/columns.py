"""CSV columns: what a header names (NetDesk's own export, LinkedIn, Outlook in six
languages, Google, Thunderbird, Yahoo, ...: matched ignoring case, accents, spaces and
punctuation, then by the words in them) and the fields a user may map a column to
(:data:`FIELDS`). Part of the CSV reader (:mod:`netdesk.formats.csv.read`). No Qt."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from netdesk.core.fields import FIELDS_BY_NAME, ITEM_FIELDS, JSON_FIELDS, Kind
from netdesk.core.text import fold

#: what NetDesk's CSV export puts before a cell a spreadsheet would run as a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


def _title_of(name: str) -> str:
    return str(FIELDS_BY_NAME[name].csv_title)


def _field(name: str, title: str, col: _Col) -> None:
    FIELDS[name] = (title, col)


#: the order the column mapping offers the name fields in; their titles are the field table's
for _name in (
    "display_name",
    "given_name",
    "additional_names",
    "family_name",
    "prefix",
    "suffix",
    "nickname",
    "organization",
    "department",
    "title",
):
    _field(_name, _title_of(_name), _Col(_name))
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
_field("birthday", _title_of("birthday"), _Col("birthday"))
_field("birth_year", "Birth year", _Col("birth_year"))
_field("birth_month", "Birth month", _Col("birth_month"))
_field("birth_day", "Birth day", _Col("birth_day"))
_field("anniversary", _title_of("anniversary"), _Col("anniversary"))
_field("notes", _title_of("notes"), _Col("notes"))
_field("tags", _title_of("tags"), _Col("tags"))
_field("met_at", _title_of("met_at"), _Col("met_at"))
_field("met_on", _title_of("met_on"), _Col("met_on"))
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
_LISTS = "|".join(str(f.json) for f in ITEM_FIELDS)
_NETDESK = re.compile(rf"^({_LISTS})\.(\d+)\.(\w+)$")
#: the rest of a long list in NetDesk's export: one cell, a JSON array of the same objects
_NETDESK_MORE = re.compile(rf"^({_LISTS})\.more$")
#: the raw text of these columns of NetDesk's own export is kept as written
_NETDESK_RAW = frozenset({"display_name", "notes", "tags"})
#: the other columns of NetDesk's own export; ids and derived values (``id``,
#: ``introduced_by``, ``last_contacted``, ``next_touch``) mean nothing in another database
_NETDESK_SCALARS: dict[str, _Col] = {
    str(f.json): _Col(f.name, raw=f.name in _NETDESK_RAW) if f.csv_in else _Col("ignore")
    for f in JSON_FIELDS
    if f.kind is not Kind.ITEMS
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
