"""Smart paste: turn the text of a business card or an email signature into contact fields.

Pure heuristics over lines of text, standard library plus ``phonenumbers``. The parser is
deliberately conservative about what it *throws away*: every input line that does not end up in
a field is returned in :attr:`ParsedCard.unparsed`, including signature noise ("Best regards",
"Sent from my iPhone", disclaimers, quoted replies), so the user always sees it.

Order of work:

1. Split the text into lines; mark quoted replies, reply headers, sign-offs, device lines and
   legal footers as noise (they go to ``unparsed``).
2. Split the remaining lines into segments at strong separators (``|``, ``·``, ``•``, spaced
   dashes, tabs) so that ``Title | Company`` lines and one-line signatures work.
3. Unambiguous patterns first: emails (also ``name [at] domain [dot] com``), URLs and bare
   domains (social profiles get a label), phone numbers via ``phonenumbers.PhoneNumberMatcher``
   with kind markers (``M:``, ``Tel``, ``Fax``, ``Handy``, ``Portable``, ``Móvil``...).
4. Postal addresses: postcode + city lines in several national styles, the street line(s) just
   above, the country line just below; a postcode on its own line below the city (UK, Brazil);
   an address among other parts of one line (the segment with the postcode, the street
   segment before it, the country segment after it).
5. What is left is classified heuristically into person name, title, organisation and
   department using company suffixes, title keywords in several languages and position.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import phonenumbers

from netdesk.core.model import Address, Contact, Email, Phone, Url, derive_display_name
from netdesk.core.phones import COUNTRY_NAMES as _COUNTRIES
from netdesk.core.phones import phones_with_regions
from netdesk.core.text import fold
from netdesk.core.validation import email_problem, normalize_url, to_e164

__all__ = ["ParsedCard", "parse_card_text"]


@dataclass(frozen=True)
class ParsedCard:
    """The result of :func:`parse_card_text`.

    ``guessed`` names the contact fields that were inferred heuristically and should be
    highlighted for review; ``unparsed`` holds every input line (or part of a line) that was not
    used for a field, in input order.
    """

    contact: Contact
    guessed: frozenset[str]
    unparsed: tuple[str, ...]


# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------


def _split_words(text: str) -> list[str]:
    """Whitespace-separated words of a vocabulary list."""
    return text.split()


_COMPANY_SUFFIX = re.compile(
    r"""(?:^|[\s,])(?:
        gmbh(?:\s*&\s*co\.?\s*kg(?:aa)?)? | ag | kg | kgaa | e\.\s?k\. | e\.\s?v\. | ohg | ug
        | ltd\.? | limited | llc | l\.l\.c\. | llp | lp | plc | inc\.? | incorporated | corp\.?
        | corporation | co\.,?\s*ltd\.? | pty\.?\s*ltd\.? | pvt\.?\s*ltd\.? | p\.c\.
        | s\.?a\.?(?:\s+de\s+c\.?v\.?)? | s\.?a\.?s\.? | sarl | s\.?à\s?r\.?l\.? | s\.?l\.?u?
        | s\.?r\.?l\.? | s\.?p\.?a\.? | s\.?n\.?c\.? | b\.?v\.? | n\.?v\.? | v\.?o\.?f\.?
        | oy | oyj | ab | aps | a/s | as | asa | k\.?k\.? | sp\.\s*z\s*o\.?\s*o\.? | s\.?a\.?
        | a\.?s\.? | s\.?r\.?o\.? | a\.?ş\.? | ltda\.? | lda\.? | se | kft\.? | zrt\.? | d\.o\.o\.
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_COMPANY_PREFIX_CJK = re.compile(
    r"(株式会社|有限会社|合同会社|有限公司|股份有限公司|주식회사|\(주\)|㈜|\bTNHH\b|^Công ty\s"
    r"|^(?:OOO|ООО|ЗАО|ОАО|PT)\.?\s)"
)

_BUSINESS_WORDS = frozenset(
    fold(w)
    for w in _split_words(
        """
        group groupe gruppe grupo holding holdings solutions technologies technology systems
        software labs lab studio studios media capital partners associates consulting
        consultancy beratung consultoria realty collective foundation stiftung fundación
        fondation institute institut instituto istituto university universität université
        universidad università universiteit college school academy akademie hospital klinik
        klinikum clinic bank bakery boulangerie bakkerij bäckerei brouwerij brewery brauerei
        restaurant café cafe hotel agency agentur agence verlag éditions editions edizioni
        stadtwerke trading logistics logistik services industries manufacturing tours health
        dental robotics roasters coffee network networks ventures analytics insurance
        versicherung versicherungen pharma energy motors constructions construction architects
        architekten kanzlei cabinet atelier werkstatt verein association society club council
        ministry company corporation firm enterprises international global maschinenbau
        elektrotechnik immobilien apotheke pharmacy bureau büro banque banca banco gemeente
        gemeinde municipality comune ayuntamiento mairie
        """
    )
)

# Title keywords, matched on word boundaries (folded, lower case).
_TITLE_WORDS = frozenset(
    fold(w)
    for w in _split_words(
        """
        manager director directora directeur directrice direttore direttrice diretor diretora
        engineer ingeniero ingeniera ingegnere ingénieur ingénieure engenheiro engenheira head
        vp svp evp avp president présidente presidente ceo cto cfo coo cio cmo cso cpo cdo
        founder co-founder cofounder owner partner associate officer executive consultant
        consultante consultora consultor analyst scientist researcher developer designer
        architect specialist coordinator coordinatrice coordinador coordinadora coordinatore
        assistant assistante assistente supervisor superintendent lead leader principal attorney
        lawyer counsel solicitor barrister accountant advisor adviser agent broker realtor
        representative administrator technician editor producer professor lecturer teacher
        maintainer photographer fotograf fotografin photographe physician cardiologist surgeon
        nurse therapist pharmacist dentist geschäftsführer geschäftsführerin inhaber inhaberin
        vorstand prokurist prokuristin sachbearbeiter sachbearbeiterin referent referentin
        responsable responsabile gerente jefe jefa chargé chargée kierownik dyrektor specjalista
        vedoucí ředitel ředitelka müdür müdürü uzman zaakvoerder bestuurder medewerker adviseur
        insinööri johtaja päällikkö διευθυντής treasurer chair chairman chairwoman chairperson
        intern trainee freelance freelancer programmer recruiter buyer einkäufer planner
        strategist controller auditor economist secretary clerk operator inspector foreman
        author journalist consultor vendedor vendedora commercial comercial delegado delegada
        ambassador evangelist conseiller conseillère consejero consejera consigliere avvocato
        avvocata avocat avocate abogado abogada advogado advogada rechtsanwalt rechtsanwältin
        advocaat notar notaire notaio igazgató ügyvezető vezető associé associée sócio sócia
        socio socia coordenador coordenadora asesor asesora analista técnico técnica gérant
        gérante
        """
    )
)
# Stems that also match inside compound words (German/Dutch/Nordic job titles).
_TITLE_STEMS = re.compile(
    r"(leiter|leiterin|leider|ingenieur|ingenieurin|führer|führerin|manager|direktor|direktorin"
    r"|berater|beraterin|chef|chefin|sjef|kehittäjä|johtaja|päällikkö|entwickler|entwicklerin"
    r"|arzt|ärztin|ledare|leder|udvikler|utvikler|utvecklare|konsulent|rådgiver|rådgivare"
    r"|säljare|sælger|selger)\b",
    re.IGNORECASE,
)
_TITLE_PHRASES = re.compile(r"\b(head of|vice president|managing director|attorney at law)\b", re.I)
_TITLE_CJK = re.compile(
    r"(部長|課長|社長|取締役|主任|係長|代表|会長|専務|常務|室長|经理|总监|总裁|主管|이사|부장|과장|대표|팀장)"
)

_DEPT_LEADING = re.compile(
    r"^(?:abteilung|abt\.|department|dept\.?|département|departamento|dipartimento|afdeling"
    r"|division|bereich|service)\s*:?\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_DEPT_WORDS = frozenset(
    fold(w)
    for w in _split_words(
        """
        department dept division abteilung bereich lehrstuhl fakultät faculty département
        departamento dipartimento afdeling support sales vertrieb einkauf procurement purchasing
        marketing finance finanzen accounting buchhaltung hr personal human resources legal
        operations engineering research development r&d it customer
        """
    )
)
_DEPT_CJK = re.compile(r"[^\s]+(部|課|室|本部|事業部)$")

_PREFIXES = (
    "dr.-ing.",
    "dipl.-ing.",
    "dipl.-kfm.",
    "univ.-prof.",
    "prof.",
    "prof",
    "dr.",
    "dr",
    "mr.",
    "mr",
    "mrs.",
    "mrs",
    "ms.",
    "ms",
    "mx.",
    "miss",
    "sir",
    "dame",
    "herr",
    "frau",
    "mag.",
    "ing.",
    "ir.",
    "drs.",
    "mme",
    "mlle",
    "sr.",
    "sra.",
    "srta.",
    "dott.",
    "dott.ssa",
    "avv.",
    "arch.",
    "lic.",
    "rev.",
    "med.",
    "dent.",
    "rer.",
    "nat.",
    "phil.",
    "jur.",
    "h.c.",
    "sc.",
    "techn.",
    "maître",
    "mgr",
    "inż.",
    "eng.",
    "engª.",
    "eng.ª",
    "enga.",
)
_SUFFIXES = frozenset(
    s.lower()
    for s in _split_words(
        """
        PhD Ph.D. Ph.D MBA MD M.D. Jr. Jr Sr. III II IV Esq. Esq CPA CFA PE P.E. MSc M.Sc. BSc
        B.Sc. MA M.A. BA B.A. MRCP FRCS FRCP RN DDS DVM JD J.D. LLM LL.M. MEng FCA ACA PMP CISSP
        MBE OBE CBE KBE DBE
        """
    )
)
# Common second parts of Spanish and Portuguese compound given names ("María José", "Ana
# Beatriz"); in a three-word Iberian name a middle word that is not one of these is a surname.
_IBERIAN_GIVEN = frozenset(
    fold(n)
    for n in _split_words(
        """
        josé maría maria luis luiz carlos antonio antônio manuel miguel ángel angel jesús pablo
        pedro paulo paula beatriz fernanda eduarda luísa luisa clara isabel elena teresa inés
        cristina carolina gabriela victoria vitória julia júlia alberto andrés eduardo enrique
        felipe fernando francisco gabriel guillermo ignacio javier jorge ramón ricardo roberto
        rafael sofia sofía lucía lucia laura marta mercedes pilar rosa dolores josefina helena
        henrique gustavo vinícius vinicius otávio octavio augusto alejandro alexandre andré daniel
        david diego emilio ernesto esteban joão joaquín joaquim
        """
    )
)
_PARTICLES = frozenset(
    fold(p)
    for p in _split_words(
        """
        van von der den de da di del della du la le ní nic mac bin al el y zu ter ten op dos das
        do
        """
    )
)

_STREET_WORDS = re.compile(
    r"(?:^|\b)(?:street|st|road|rd|avenue|ave|av|avenida|boulevard|blvd|drive|dr|lane|ln|way"
    r"|court|ct|terrace|parkway|pkwy|highway|hwy|square|sq|quay|wharf|place|pl|plaza|unit|suite"
    r"|ste|floor|fl|room|box|po box|p\.o\.|rue|route|chemin|allée|impasse|quai|via|viale|piazza"
    r"|corso|largo|calle|carrer|passeig|avinguda|rambla|plaça|paseo|plaza|rua|travessa|straat|laan|gracht|plein|kade|weg"
    r"|steenweg|gade|vej|gatan|vägen|gata|veien|katu|tie|ul|cad|sok|no|leof|odos|postfach"
    r"|building|bldg|tower|house|park|polígono|poligono|pol|nave|zona|boul|bd|utca|út|tér|körút)\.?(?:\b|$)"
    r"|(?:straße|strasse|str\.|gasse|platz|allee|ring|damm|ufer|markt|steig|chaussee)\b"
    r"|(?:straße|strasse|gasse|platz|allee|weg|ring|gade|gatan|gata|vej|vägen|veien|vegen|vei"
    r"|katu|tie|straat|laan|gracht|kade|utca)\s*\d"
    r"|\b(?:col|colonia|fracc|bairro|barrio)\.?\s",
    re.IGNORECASE,
)


_PLATE_COUNTRY = {"CH": "Switzerland", "D": "Germany", "A": "Austria", "F": "France",
                  "I": "Italy", "B": "Belgium", "L": "Luxembourg", "NL": "Netherlands"}  # fmt: skip
_PLATE_REGION = {"CH": "CH", "D": "DE", "A": "AT", "F": "FR", "I": "IT", "B": "BE", "L": "LU",
                 "NL": "NL"}  # fmt: skip

_GENERIC_TLDS = frozenset(_split_words("io co ai me tv fm ly gg to ws cc eu am so sh is id la"))

# --------------------------------------------------------------------------------------------
# Noise
# --------------------------------------------------------------------------------------------

_CLOSING = re.compile(
    r"""^(?:
        (?:best|kind|warm|warmest|many|with\ best|with\ kind|kindest|all\ the\ best)?\s*regards
        | regards | cheers | thanks(?:\ again|\ and\ regards|\ a\ lot|\ so\ much)? | thank\ you
        | many\ thanks | best(?:\ wishes)? | all\ the\ best | sincerely | yours\ sincerely
        | yours\ truly | yours | respectfully | br | kr | mfg | lg | vg
        | mit\ freundlichen\ gr(?:ü|ue|u)(?:ß|ss)en | freundliche\ gr(?:ü|ue)(?:ß|ss)e
        | (?:viele|beste|liebe|herzliche|schöne)\ gr(?:ü|ue)(?:ß|ss)e | gruß | gruss
        | (?:bien\ )?cordialement | bien\ à\ vous | (?:meilleures\ )?salutations
        | (?:cordiali|distinti)\ saluti | saluti | un\ saludo | saludos(?:\ cordiales)?
        | atentamente | un\ abrazo | met\ vriendelijke\ groet(?:en)? | vriendelijke\ groet(?:en)?
        | groeten | mvg | med\ vänliga\ hälsningar | mvh | med\ venlig\ hilsen
        | ystävällisin\ terveisin | pozdrawiam | s\ pozdravem | atenciosamente | abraços
        | cumprimentos | saygılarımla | よろしくお願いいたします | よろしくお願いします
    )\s*[,.!:;]*\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_DEVICE = re.compile(
    r"^(?:sent\s+(?:from|via|with)\s|envoyé\s+de\s|von\s+meinem\s|enviado\s+desde\s"
    r"|inviato\s+da\s|verzonden\s+(?:vanaf|met)\s|get\s+outlook\s+for\s|skickat\s+från\s)",
    re.IGNORECASE,
)
_REPLY_SEPARATOR = re.compile(
    r"^(?:-{2,}\s*(?:original\s+message|forwarded\s+message|ursprüngliche\s+nachricht"
    r"|weitergeleitete\s+nachricht|message\s+d'origine|mensaje\s+original|messaggio\s+originale"
    r"|oorspronkelijk\s+bericht|originalmeddelande)\s*-*|_{5,}|-{5,})\s*$",
    re.IGNORECASE,
)
_REPLY_INTRO = re.compile(
    r"^(?:on|am|le|el|op|il|em|den|w\s+dniu)\b.{5,}"
    r"(?:wrote|schrieb|a\s+écrit|escribió|schreef|ha\s+scritto|escreveu|skrev|napisał)\b.*:\s*$",
    re.IGNORECASE,
)
_HEADER_FROM = re.compile(r"^(?:from|von|de|da|van|från)\s*:\s*\S", re.IGNORECASE)
_HEADER_NEXT = re.compile(
    r"^(?:sent|gesendet|to|an|subject|betreff|date|datum|envoyé|objet|à|cc|onderwerp|aan)\s*:",
    re.IGNORECASE,
)
_SIG_DELIMITER = re.compile(r"^-{2,3}\s*$|^—\s*$")
_LEGAL = re.compile(
    r"confidential|vertraulich|confidenci|riservat|vertrouwelijk|privileged|intended\s+recipient"
    r"|destinatari|destinataire|geadresseerde|amtsgericht|registergericht|\bhrb\b|\bhra\b"
    r"|sitz\s+der\s+gesellschaft|^vorstand\s*:|aufsichtsrat|^geschäftsführer(?:in)?\s*:"
    r"|^(?:managing\s+)?directors?\s*:|registered\s+(?:office|in|charity|number|company)"
    r"|company\s+(?:no|number|registration)|\bvat\b|ust-?id|steuernummer|\bsiret\b|\brcs\b"
    r"|\bkvk\b|p\.?\s?iva|consider\s+the\s+environment|before\s+printing|think\s+before",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------------------------
# Patterns for unambiguous fields
# --------------------------------------------------------------------------------------------

_EMAIL_RE = re.compile(
    r"(?<![\w.+-])[\w.!#$%&'*+/=?^`{|}~-]+@(?:[\w-]+\.)+[^\W\d_]{2,}(?![\w-])", re.UNICODE
)
_OBF_AT = re.compile(r"\s*[\[({<]\s*(?:at|@|ät)\s*[\])}>]\s*|\s+(?:\[at\]|\(at\))\s+", re.I)
_OBF_DOT = re.compile(r"\s*[\[({<]\s*(?:dot|punkt|point|punto)\s*[\])}>]\s*", re.IGNORECASE)
_URL_RE = re.compile(r"(?<![\w@.])(?:https?://|www\.)[^\s<>|,;\"']+", re.IGNORECASE)
_BARE_DOMAIN = re.compile(
    r"(?<![\w@./-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    r"(?:com|org|net|info|biz|edu|gov|io|dev|app|ai|co|me|tv|eu|xyz|online|site|tech|studio"
    r"|design|shop|store|cloud|digital|agency|law|[a-z]{2})"
    r"(?:/[^\s<>|,;\"']*)?(?![\w@-])"
)
_SOCIAL = (
    ("linkedin.com", "linkedin"),
    ("twitter.com", "twitter"),
    ("x.com", "twitter"),
    ("github.com", "github"),
    ("gitlab.com", "gitlab"),
    ("instagram.com", "instagram"),
    ("facebook.com", "facebook"),
    ("xing.com", "xing"),
    ("youtube.com", "youtube"),
    ("mastodon.social", "mastodon"),
    ("bsky.app", "bluesky"),
    ("behance.net", "behance"),
    ("dribbble.com", "dribbble"),
)

_PHONE_LABELS: dict[str, str] = {}
for _label, _label_words in {
    "mobile": "m mob mobile mobil mobiel mobiele cell cel cellular cellphone handy portable port "
    "móvil movil móvel celular cellulare gsm natel kom komórka cep c hp 携帯 手机 핸드폰 휴대폰 "
    "mobiili matkapuhelin mobiltelefon dd κ κιν κινητο κινητό",
    "fax": "f fax telefax fx ファックス 传真 팩스 faks telefaks φαξ",
    "work": "t tel telephone telefon telefono teléfono téléphone tél tlf tlph phone ph p o office "
    "direct d dir work w fixe bureau büro puh puhelin toll tollfree secretary switchboard "
    "zentrale durchwahl main standard dt 電話 电话 전화 tfn telf direkte direkt did ddi τ τηλ "
    "τηλεφωνο",
    "home": "h home privat domicile casa thuis",
}.items():
    for _w in _label_words.split():
        _PHONE_LABELS[fold(_w)] = _label

_EXT = r"(?:ext|extn|x|durchwahl|poste|int)"

# Postcode + locality patterns. Each returns groups pc, city and optionally region.
_PC_EUROPE = re.compile(
    r"^(?:(?P<cc>[A-Z]{1,2})\s?-\s?)?"
    r"(?P<pc>\d{4}\s?[A-Z]{2}(?=\s)|\d{5}-\d{3}|\d{4}-\d{3}|\d{3}\s\d{2}|\d{2}-\d{3}|\d{4,5})\s+"
    r"(?P<city>[^\W\d_][^\d,()]*?)"
    r"(?:\s*\((?P<r1>[^()]+)\)|\s+(?P<r2>[A-Z]{2})|\s+-\s+(?P<r3>[A-Z]{2}))?$"
)
_PC_US = re.compile(
    r"^(?:(?P<city>[^\W\d_][^\d,]*?),?\s+)?(?P<region>[A-Z]{2})\.?\s+(?P<pc>\d{5}(?:-\d{4})?)$"
)
_PC_AU = re.compile(
    r"^(?P<city>[^\W\d_][^\d,]*?)\s+(?P<region>NSW|VIC|QLD|WA|SA|TAS|ACT|NT)\s+(?P<pc>\d{4})$"
)
_PC_UK = re.compile(
    r"^(?:(?P<city>[^\W\d_][^\d,]*?)\s+)?(?P<pc>[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})$"
)
_PC_CA = re.compile(
    r"^(?P<city>[^\W\d_][^\d,()]*?)(?:,?\s*\((?P<r1>[^()]+)\)|,?\s+(?P<r2>[A-Z]{2}))?\s+"
    r"(?P<pc>[ABCEGHJ-NPRSTVXY]\d[A-Z]\s?\d[A-Z]\d)$"
)
# Irish Eircode ("Dublin D01 FV59").
_PC_IE = re.compile(
    r"^(?P<city>[^\W\d_][^\d,]*?)\s+(?P<pc>[AC-FHKNPRTV-Y]\d[\dW]\s?[AC-FHKNPRTV-Y\d]{4})$"
)
_PC_CITY_FIRST = re.compile(
    r"^(?P<city>[^\W\d_][^\d,]{1,40}?)(?:\s+[-–])?\s+(?P<pc>\d{3}-\d{4}|\d{5,6})$"
)
# Brazil: "Curitiba/PR – CEP 80020-090", "São Paulo - SP, 01310-100" (city, state, CEP).
_PC_BR = re.compile(
    r"^(?P<city>[^\W\d_][^\d,/]*?)\s*(?:/|\s[-–]\s)\s*(?P<region>[A-Z]{2})"
    r"\s*(?:[,\-–]\s*)?(?:CEP:?\s*)?(?P<pc>\d{5}-?\d{3})$"
)
# A Brazilian postcode (CEP) is never a phone number ("01310-100").
_CEP = re.compile(r"\d{5}-\d{3}")
# A postcode printed on a line of its own, below the city: UK "EH2 3AT", Brazilian CEP.
_PC_ALONE = re.compile(
    r"^(?:(?P<uk>[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})|(?:CEP:?\s*)?(?P<cep>\d{5}-\d{3}))$"
)
# "Edinburgh", "São Paulo - SP", "Curitiba/PR": a city, optionally with a two-letter state.
_CITY_STATE = re.compile(
    r"^(?P<city>[^\W\d_][^\d,/|]{0,40}?)(?:\s*(?:/|\s[-–]\s|,\s)\s*(?P<region>[A-Z]{2}))?$"
)
# Regions written between the city and the postcode ("Yokohama, Kanagawa 220-0012",
# "Gurugram, Haryana 122015"): Japanese prefectures and Indian states / union territories.
_REGIONS_BEFORE_POSTCODE = frozenset(
    fold(n)
    for n in re.split(
        r"\|",
        "Hokkaido|Aomori|Iwate|Miyagi|Akita|Yamagata|Fukushima|Ibaraki|Tochigi|Gunma|Saitama"
        "|Chiba|Tokyo|Kanagawa|Niigata|Toyama|Ishikawa|Fukui|Yamanashi|Nagano|Gifu|Shizuoka"
        "|Aichi|Mie|Shiga|Kyoto|Osaka|Hyogo|Nara|Wakayama|Tottori|Shimane|Okayama|Hiroshima"
        "|Yamaguchi|Tokushima|Kagawa|Ehime|Kochi|Fukuoka|Saga|Nagasaki|Kumamoto|Oita|Miyazaki"
        "|Kagoshima|Okinawa"
        "|Andhra Pradesh|Arunachal Pradesh|Assam|Bihar|Chhattisgarh|Goa|Gujarat|Haryana"
        "|Himachal Pradesh|Jharkhand|Karnataka|Kerala|Madhya Pradesh|Maharashtra|Manipur"
        "|Meghalaya|Mizoram|Nagaland|Odisha|Punjab|Rajasthan|Sikkim|Tamil Nadu|Telangana"
        "|Tripura|Uttar Pradesh|Uttarakhand|West Bengal|Jammu and Kashmir|Ladakh",
    )
)
_PC_JP = re.compile(r"^〒\s?(?P<pc>\d{3}-\d{4})\s*(?P<rest>.*)$")


# --------------------------------------------------------------------------------------------
# Working state
# --------------------------------------------------------------------------------------------


@dataclass
class _Segment:
    line: int
    text: str
    used: bool = False


@dataclass
class _Line:
    index: int
    text: str
    noise: bool = False
    segments: list[_Segment] = field(default_factory=list)

    @property
    def free(self) -> bool:
        return not self.noise and bool(self.segments) and not any(s.used for s in self.segments)


_SEPARATORS = re.compile(
    r"\s+[|•·]\s+|\s*\|\s*|\t+|\s+[—–]\s+|\s{3,}|(?<=[^\W\d_])\s+-\s+(?=[^\W\d_])"
)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


# --------------------------------------------------------------------------------------------
# Noise detection
# --------------------------------------------------------------------------------------------


def _mark_noise(lines: list[_Line]) -> None:
    n = len(lines)
    cut = n
    for i, ln in enumerate(lines):
        t = ln.text
        if _REPLY_SEPARATOR.match(t) or _REPLY_INTRO.match(t):
            cut = i
            break
        if _HEADER_FROM.match(t) and any(_HEADER_NEXT.match(x.text) for x in lines[i + 1 : i + 4]):
            cut = i
            break
    for ln in lines[cut:]:
        ln.noise = True
    for ln in lines[:cut]:
        t = ln.text
        if (
            t.startswith(">")
            or _DEVICE.match(t)
            or _LEGAL.search(t)
            or _CLOSING.match(t)
            or _SIG_DELIMITER.match(t)
            or _is_prose(t)
        ):
            ln.noise = True
    # Body text above a sign-off ("Best regards,") or a signature delimiter ("-- "), when
    # something other than noise follows it.
    for i, ln in enumerate(lines[:cut]):
        is_marker = bool(_SIG_DELIMITER.match(ln.text) or _CLOSING.match(ln.text))
        if is_marker and any(not x.noise for x in lines[i + 1 : cut]):
            for x in lines[:i]:
                x.noise = True
            break


def _is_prose(text: str) -> bool:
    """A sentence of ordinary words (a disclaimer, a line of the message), not a field."""
    if re.search(r"\s[|·•]\s|@|https?://", text):
        return False
    words = [w for w in text.split() if w.isalpha()]
    return len(words) >= 10 and sum(w[0].islower() for w in words) >= len(words) / 2


# --------------------------------------------------------------------------------------------
# Region inference for national phone numbers
# --------------------------------------------------------------------------------------------


def _country_iso(text: str) -> str | None:
    return _COUNTRIES.get(fold(text.strip(" .,;")))


def _infer_region(lines: list[_Line], default_region: str | None) -> str | None:
    for ln in lines:
        if ln.noise:
            continue
        iso = _country_iso(ln.text)
        if iso is None and "," in ln.text:
            iso = _country_iso(ln.text.rsplit(",", 1)[1])
        if iso:
            return iso
        m = re.match(r"^([A-Z]{1,2})\s?-\s?\d{4,5}\s", ln.text)
        if m and m.group(1) in _PLATE_REGION:
            return _PLATE_REGION[m.group(1)]
        if _PC_JP.match(ln.text):
            return "JP"
    plus: Counter[str] = Counter()
    tlds: Counter[str] = Counter()
    for ln in lines:
        if ln.noise:
            continue
        for m in re.finditer(r"(?:^|[^\d])(?:\+|00)(\d{1,3})[\s(\-./]*\d", ln.text):
            for k in (1, 2, 3):
                cc = m.group(1)[:k]
                region = phonenumbers.region_code_for_country_code(int(cc))
                if region != "ZZ":
                    plus[region] += 1
                    break
        for m in re.finditer(r"[@.]([a-z0-9-]+\.)*([a-z]{2})(?![\w.])", ln.text.lower()):
            tld = m.group(2)
            if tld in _GENERIC_TLDS:
                continue
            region = "GB" if tld == "uk" else tld.upper()
            if region in phonenumbers.SUPPORTED_REGIONS:
                tlds[region] += 1
    if plus:
        return plus.most_common(1)[0][0]
    if tlds:
        return tlds.most_common(1)[0][0]
    for ln in lines:
        if not ln.noise and _PC_UK.match(ln.text.rsplit(",", 1)[-1].strip()):
            return "GB"
    return default_region or None


# --------------------------------------------------------------------------------------------
# Emails, URLs, phones
# --------------------------------------------------------------------------------------------

_LABEL_LEFTOVER = re.compile(r"^[\W_]*(?:[^\W\d_][\w.\-]*[\s:.\-]*){0,2}[\W_]*$")


def _is_leftover_label(rest: str) -> bool:
    rest = rest.strip(" \t:;,.|/<>()[]-–—·•")
    return not rest or (len(rest) <= 16 and bool(_LABEL_LEFTOVER.match(rest)))


def _deobfuscate(text: str) -> str:
    if not re.search(r"[\[({<]\s*(?:at|@|ät)\s*[\])}>]", text, re.IGNORECASE):
        return text
    return _OBF_DOT.sub(".", _OBF_AT.sub("@", text))


def _take_emails(seg: _Segment, out: list[Email]) -> None:
    text = _deobfuscate(seg.text)
    found = [m for m in _EMAIL_RE.finditer(text) if email_problem(m.group(0)) is None]
    if not found:
        return
    for m in found:
        value = m.group(0).strip(".")
        if all(e.value.lower() != value.lower() for e in out):
            out.append(Email(value))
    rest = _EMAIL_RE.sub(" ", text)
    rest = re.sub(
        r"^\s*(?:e-?mail|mail|courriel|correo|posta|sähköposti|e)\s*[:.]?", "", rest, flags=re.I
    )
    seg.text = _clean(rest)
    if _is_leftover_label(seg.text):
        seg.used = True


def _url_label(value: str) -> str:
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", value.lower()).split("/", 1)[0]
    for domain, label in _SOCIAL:
        if host == domain or host.endswith("." + domain):
            return label
    return ""


def _take_urls(seg: _Segment, out: list[Url]) -> None:
    text = seg.text
    found = [m.group(0) for m in _URL_RE.finditer(text)]
    rest = _URL_RE.sub(" ", text)
    found += [m.group(0) for m in _BARE_DOMAIN.finditer(rest)]
    rest = _BARE_DOMAIN.sub(" ", rest)
    if not found:
        return
    for raw in found:
        value = raw.rstrip(".)")
        url = normalize_url(Url(value, _url_label(value)))
        if all(u.value.lower() != url.value.lower() for u in out):
            out.append(url)
    rest = re.sub(
        r"^\s*(?:web(?:site)?|internet|homepage|site|url|w|www)\s*[:.]?", "", rest, flags=re.I
    )
    seg.text = _clean(rest)
    if _is_leftover_label(seg.text):
        seg.used = True


def _phone_label(words: str) -> str | None:
    """The phone kind named by ``words`` ("Mob.", "Tel:", "(c)"), None when not a label."""
    tokens = [t for t in re.split(r"[\s:./()\[\]|,;-]+", fold(words)) if t]
    if not tokens:
        return ""
    for t in tokens:
        if t in _PHONE_LABELS:
            return _PHONE_LABELS[t]
    if any(t.startswith(("mobil", "cell", "handy", "portab")) for t in tokens):
        return "mobile"
    if any(t.startswith(("tele", "phon", "offic")) for t in tokens):
        return "work"
    return None


def _fix_legacy_formats(text: str) -> str:
    """Rewrite number styles phonenumbers no longer reads: the 00 international prefix where
    the default region uses another one, and Mexico's abolished mobile '1' after +52."""
    text = re.sub(r"(?<![\d+])(?<![\d)]\s)(?<![\d)][\s.-]\s)00(?=[1-9])", "+", text)
    return re.sub(r"\+52[\s.-]*1[\s.-]+(?=\d{2,3}[\s.-]?\d)", "+52 ", text)


def _take_phones(seg: _Segment, region: str | None, out: list[Phone]) -> None:
    text = _fix_legacy_formats(seg.text)
    matches = list(
        phonenumbers.PhoneNumberMatcher(
            text, region or "ZZ", leniency=phonenumbers.Leniency.POSSIBLE
        )
    )
    if not matches:
        # "+49 ..." numbers parse without a region even when the inferred one is wrong.
        matches = list(
            phonenumbers.PhoneNumberMatcher(text, "ZZ", leniency=phonenumbers.Leniency.POSSIBLE)
        )
    matches = [
        m
        for m in matches
        if len(str(m.number.national_number)) >= 6
        and sum(ch.isdigit() for ch in m.raw_string) >= 7
        and not _CEP.fullmatch(m.raw_string.strip())
    ]
    if not matches:
        _take_unplaced_phone(seg, out)
        return
    # Pieces of text between the numbers: each number's label is just before it or, for the
    # "212.555.0107 tel" style, just after it.
    pieces: list[str] = []
    pos = 0
    for m in matches:
        pieces.append(text[pos : m.start])
        pos = m.end
    pieces.append(text[pos:])
    labels: list[str | None] = [_phone_label(p) for p in pieces]
    if any(
        lab is None and not _is_leftover_label(p) for lab, p in zip(labels, pieces, strict=True)
    ):
        return  # numbers inside prose ("Registered charity no. 1234567"): not a phone line
    for i, m in enumerate(matches):
        before, after = labels[i], labels[i + 1]
        label = before or (after if i == len(matches) - 1 or not before else "") or ""
        if not before and after and i == len(matches) - 1:
            label = after
        raw = m.raw_string.strip()
        value = _original_span(seg.text, raw)
        e164: str | None = to_e164(raw, region) or phonenumbers.format_number(
            m.number, phonenumbers.PhoneNumberFormat.E164
        )
        if raw.startswith("0") and m.number.country_code == 1:
            e164 = None  # a trunk-prefix number read in a North American region: placed wrongly
        if all((p.e164 or p.value) != (e164 or value) for p in out):
            out.append(Phone(value, e164, label))
    seg.used = True


_LABELLED_NUMBER = re.compile(
    r"^(?P<label>[^\W\d_][^\d+()]{0,15}?)\s*[:.]?\s*(?P<number>[+(]?\d[\d\s().\-/]{5,}\d)$"
)


def _take_unplaced_phone(seg: _Segment, out: list[Phone]) -> None:
    """A labelled number phonenumbers cannot place in a country (no region known): keep it as
    written, without E.164, rather than losing it."""
    m = _LABELLED_NUMBER.match(seg.text)
    if not m or sum(ch.isdigit() for ch in m["number"]) < 6:
        return
    label = _phone_label(m["label"])
    if not label:
        return
    out.append(Phone(m["number"], None, label))
    seg.used = True


def _original_span(original: str, raw: str) -> str:
    """``raw`` as it was written in ``original`` (undoing :func:`_fix_legacy_formats`)."""
    if raw in original:
        return raw
    digits = re.sub(r"\D", "", raw)
    for m in re.finditer(r"[+(\d][\d\s().\-/]*\d", original):
        d = re.sub(r"\D", "", m.group(0))
        if d.endswith(digits[-7:]):
            return m.group(0)
    return raw


# --------------------------------------------------------------------------------------------
# Addresses
# --------------------------------------------------------------------------------------------


@dataclass
class _AddressParts:
    street: str = ""
    locality: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""


def _match_postcode_part(part: str, prev: str | None) -> tuple[_AddressParts, bool] | None:
    """Parse one comma-separated part as postcode + locality. The bool says whether ``prev``
    (the part before it) was used as the locality (US "Chicago, IL 60606")."""
    part = part.strip()
    m = _PC_JP.match(part)
    if m:
        rest = m.group("rest")
        jm = re.match(r"^(?P<reg>.+?[都道府県])?(?P<loc>.+?[市区町村])?(?P<street>.*)$", rest)
        assert jm is not None
        return _AddressParts(
            street=jm.group("street").strip(),
            locality=(jm.group("loc") or "").strip(),
            region=(jm.group("reg") or "").strip(),
            postal_code=m.group("pc"),
        ), False
    m = _PC_CA.match(part)
    if m:
        region = m["r1"] or m["r2"] or ""
        return _AddressParts(locality=m["city"], region=region, postal_code=m["pc"]), False
    m = _PC_AU.match(part)
    if m:
        return _AddressParts(locality=m["city"], region=m["region"], postal_code=m["pc"]), False
    m = _PC_BR.match(part)
    if m and len(m["city"].split()) <= 4 and not _STREET_WORDS.search(m["city"]):
        return _AddressParts(
            locality=m["city"].strip(), region=m["region"], postal_code=m["pc"]
        ), False
    m = _PC_ALONE.match(part)
    if m and prev:
        place = _city_state(prev)
        if place is not None:
            city, region = place
            pc = m["uk"] or m["cep"]
            return _AddressParts(locality=city, region=region, postal_code=pc), True
    m = _PC_US.match(part)
    if m:
        if m["city"]:
            return _AddressParts(locality=m["city"], region=m["region"], postal_code=m["pc"]), False
        if prev and not re.search(r"\d", prev):
            return _AddressParts(
                locality=prev.strip(), region=m["region"], postal_code=m["pc"]
            ), True
    m = _PC_UK.match(part)
    if m and re.search(r"\d[A-Z]{2}$", part):
        if m["city"]:
            return _AddressParts(locality=m["city"], postal_code=m["pc"]), False
        if prev and not re.search(r"\d", prev):
            return _AddressParts(locality=prev.strip(), postal_code=m["pc"]), True
    m = _PC_IE.match(part)
    if m and re.search(r"\d", m["pc"][3:]) and re.search(r"[A-Z]", m["pc"][3:]):
        return _AddressParts(locality=m["city"], postal_code=m["pc"]), False
    m = _PC_EUROPE.match(part)
    if m and len(m["city"].split()) <= 4 and not _STREET_WORDS.search(m["city"]):
        city = m["city"].strip()
        region = m["r1"] or m["r2"] or m["r3"] or ""
        country = _PLATE_COUNTRY.get(m["cc"] or "", "")
        return _AddressParts(
            locality=city, region=region, postal_code=m["pc"], country=country
        ), False
    m = _PC_CITY_FIRST.match(part)
    if m and len(m["city"].split()) <= 3 and not _STREET_WORDS.search(m["city"]):
        city = m["city"].strip()
        if (
            prev
            and fold(city) in _REGIONS_BEFORE_POSTCODE
            and _city_state(prev) is not None
            and not re.search(r"-(?:ku|gun)$", prev.strip(), re.IGNORECASE)
        ):
            # "Yokohama, Kanagawa 220-0012": city, then prefecture / state, then postcode.
            return _AddressParts(locality=prev.strip(), region=city, postal_code=m["pc"]), True
        return _AddressParts(locality=city, postal_code=m["pc"]), False
    return None


def _city_state(text: str) -> tuple[str, str] | None:
    """``(city, state)`` for a line that is only a place name ("Edinburgh", "São Paulo - SP",
    "Curitiba/PR"), else None."""
    m = _CITY_STATE.match(text.strip())
    if m is None:
        return None
    city = m["city"].strip()
    if (
        len(city.split()) > 4
        or _country_iso(city)
        or _STREET_WORDS.search(city)
        or _is_company(city)
        or _has_title_word(city)
        or _phone_label(city)
    ):
        return None
    return city, m["region"] or ""


def _before_has_street(parts: list[str]) -> bool:
    return any(_is_street(p, strict=True) for p in parts)


def _parse_postcode_line(text: str) -> _AddressParts | None:
    parts = [p.strip() for p in text.split(",") if p.strip()]
    for i in range(len(parts) - 1, -1, -1):
        prev = parts[i - 1] if i > 0 else None
        got = _match_postcode_part(parts[i], prev)
        if got is None:
            continue
        addr, used_prev = got
        after = parts[i + 1 :]
        if (
            after
            and not _before_has_street(parts[:i])
            and all(_is_street(a, strict=True) for a in after)
        ):
            addr.street = ", ".join(after)  # "1051 Budapest, Széchenyi tér 7."
            after = []
        if after:
            iso = _country_iso(after[-1])
            if iso is None:
                continue
            addr.country = after[-1]
            if len(after) > 1:
                addr.region = addr.region or ", ".join(after[:-1])
        before = parts[: i - 1] if used_prev else parts[:i]
        if before:
            addr.street = ", ".join(before + ([addr.street] if addr.street else []))
        return addr
    # Mexican style "64000 Monterrey, N.L.", Indian "Hyderabad 500081, Telangana": the part
    # after the postcode and city is the state.
    if len(parts) == 2 and re.fullmatch(r"[^\W\d_][^\W\d_. ]*(?:[ .][^\W\d_]+)*\.?", parts[1]):
        got = _match_postcode_part(parts[0], None)
        if got and len(parts[1].split()) <= 3 and parts[1][0].isupper():
            addr = got[0]
            addr.region = parts[1]
            return addr
    # "Cape Town, 8001": the city, then the postcode on its own.
    if (
        len(parts) == 2
        and re.fullmatch(r"\d{4,6}", parts[1])
        and re.fullmatch(r"[^\W\d_][^\d]{1,40}", parts[0])
        and not _is_street(parts[0], strict=False)
    ):
        return _AddressParts(locality=parts[0], postal_code=parts[1])
    return None


_UNIT = re.compile(
    r"^(?:block|blk|unit|suite|level|floor|flat|apt|apartment|building|bldg)\b", re.IGNORECASE
)


def _is_street(text: str, *, strict: bool) -> bool:
    if _COMPANY_SUFFIX.search(text) or "@" in text:
        return False
    numbered = re.match(r"^\d+[A-Za-z]{0,2}(?:[-/]\d+[A-Za-z]?)*,?\s+[^\W\d_]", text)
    if numbered and _STREET_WORDS.search(text):
        return True  # "1250, boul. René-Lévesque Ouest, bureau 2200", "4th Floor, ..."
    if _has_business_word(text):
        return False
    if _UNIT.match(text) and _STREET_WORDS.search(text):
        return True  # "Block B, Joyce's Court"
    has_digit = bool(re.search(r"\d", text))
    if re.match(r"^\d+[A-Za-z]?(?:[-/]\d+[A-Za-z]?)*,?\s+[^\W\d_]", text):
        return True  # "1200 Market Street", "12, rue des Lilas", "3-5-1 Marunouchi"
    m = re.match(r"^(?P<name>[^\d,]+)\s\d+[A-Za-z]?(?:\s?[/-]\s?\d+[A-Za-z]?)?$", text)
    if m and len(m["name"].split()) <= 4:
        last = m["name"].split()[-1]
        if last[0].isupper() or last.endswith((".", ":")):
            return True  # "Industriestraße 14", "Via Garibaldi 17", "Cad. No: 120"
    if _STREET_WORDS.search(text):
        return has_digit or not strict
    return False


_STREET_DASH = re.compile(r"^(?P<street>.+?\d[A-Za-z]?)\s+[-–—]\s+(?P<rest>.+)$")


def _parse_address_text(text: str) -> _AddressParts | None:
    """Postcode and locality (and the street or country before / after it on the same text)."""
    addr = _parse_postcode_line(text)
    if addr is None:
        # "Piazza San Lorenzo 9 - 50123 Firenze": street, spaced dash, postcode and city.
        m = _STREET_DASH.match(text)
        if m and _is_street(m["street"], strict=True):
            addr = _parse_postcode_line(m["rest"])
            if addr is not None and not addr.street:
                addr.street = m["street"]
            elif addr is not None:
                addr = None
    return addr


def _take_inline_address(ln: _Line) -> _AddressParts | None:
    """An address among other parts of one line ("Street 1 | 8001 Zürich | Schweiz",
    "Name — email — Street 7, 411 24 Göteborg"): the segment with the postcode, the street
    segment just before it and a country segment just after it."""
    segs = ln.segments
    for j, seg in enumerate(segs):
        if seg.used:
            continue
        addr = _parse_address_text(seg.text)
        if addr is None or _phone_label(addr.locality.split()[0] if addr.locality else ""):
            continue
        seg.used = True
        before = segs[j - 1] if j > 0 else None
        if not addr.street and before and not before.used and _is_street(before.text, strict=True):
            addr.street = before.text
            before.used = True
        after = segs[j + 1] if j + 1 < len(segs) else None
        if not addr.country and after and not after.used and _country_iso(after.text):
            addr.country = after.text.strip(" .,")
            after.used = True
        return addr
    return None


def _take_addresses(lines: list[_Line]) -> list[_AddressParts]:
    found: list[_AddressParts] = []
    for i, ln in enumerate(lines):
        if ln.noise or not ln.segments or all(s.used for s in ln.segments):
            continue
        if not ln.free:
            inline = _take_inline_address(ln)
            if inline is not None:
                found.append(inline)
            continue
        street_end = i - 1
        addr = _parse_address_text(ln.text)
        if (
            addr is None
            and i > 0
            and lines[i - 1].free
            and _PC_ALONE.match(ln.text)
            and _city_state(lines[i - 1].text) is not None
        ):
            # The postcode on its own line below the city ("Edinburgh" / "EH2 3AT").
            addr = _parse_postcode_line(f"{lines[i - 1].text}, {ln.text}")
            if addr is not None and not addr.street:
                for s in lines[i - 1].segments:
                    s.used = True
                street_end = i - 2
            else:
                addr = None
        if addr is None:
            # "P.O. Box 12345, Dubai, UAE": street, city, country on one line.
            parts = [p.strip() for p in ln.text.split(",")]
            if len(parts) >= 3 and _country_iso(parts[-1]) and _is_street(parts[0], strict=True):
                addr = _AddressParts(
                    street=parts[0], locality=", ".join(parts[1:-1]), country=parts[-1]
                )
            elif len(ln.segments) > 1:
                inline = _take_inline_address(ln)
                if inline is not None:
                    found.append(inline)
                continue
            else:
                continue
        for s in ln.segments:
            s.used = True
        if not addr.street:
            streets: list[str] = []
            j = street_end
            while j >= 0 and len(streets) < 2:
                prev = lines[j]
                if not prev.free or not _is_street(prev.text, strict=bool(streets)):
                    break
                streets.insert(0, prev.text)
                for s in prev.segments:
                    s.used = True
                j -= 1
            addr.street = ", ".join(streets)
        # Region and/or country on the following line.
        k = i + 1
        while k < len(lines) and k <= i + 2:
            nxt = lines[k]
            if not nxt.free:
                break
            parts = [p.strip() for p in nxt.text.split(",")]
            if _country_iso(nxt.text):
                addr.country = nxt.text.strip(" .,")
            elif len(parts) == 2 and _country_iso(parts[1]) and not re.search(r"\d", parts[0]):
                addr.region = addr.region or parts[0]
                addr.country = parts[1]
            else:
                break
            for s in nxt.segments:
                s.used = True
            k += 1
        found.append(addr)
    # A country line on its own (no postcode line found near it).
    for ln in lines:
        if ln.free and _country_iso(ln.text):
            for s in ln.segments:
                s.used = True
            if found and not found[-1].country:
                found[-1].country = ln.text.strip(" .,")
            elif not found:
                found.append(_AddressParts(country=ln.text.strip(" .,")))
    return found


# --------------------------------------------------------------------------------------------
# Names, titles, organisations
# --------------------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,/&|()®™©]+", fold(text)) if w]


def _has_business_word(text: str) -> bool:
    return any(w.strip(".'’") in _BUSINESS_WORDS for w in _words(text))


def _has_title_word(text: str) -> bool:
    if _TITLE_PHRASES.search(text) or _TITLE_STEMS.search(text) or _TITLE_CJK.search(text):
        return True
    return any(
        w.strip(".:'’") in _TITLE_WORDS for w in _words(text.replace("-", " - ")) + _words(text)
    )


def _has_dept_word(text: str) -> bool:
    return bool(_DEPT_LEADING.match(text)) or any(w in _DEPT_WORDS for w in _words(text))


def _is_company(text: str) -> bool:
    return bool(_COMPANY_SUFFIX.search(text) or _COMPANY_PREFIX_CJK.search(text))


# Words that make a two-word line a street rather than a person ("Cathedral Road").
_NAME_NOT_STREET = re.compile(
    r"\b(?:street|road|avenue|ave|blvd|boulevard|drive|rue|via|calle|straße|strasse|gasse"
    r"|platz|weg|straat|laan|allee|chaussee)\b|str\.",
    re.IGNORECASE,
)
_CJK_NAME = re.compile(
    r"^[\u4e00-\u9fff\u3400-\u4dbf\uac00-\ud7af]{1,3}(?:\s?[\u4e00-\u9fff\u3400-\u4dbf\uac00-\ud7af]{1,3})?$"
)


@dataclass
class _Name:
    prefix: str = ""
    given: str = ""
    additional: str = ""
    family: str = ""
    suffix: str = ""
    nickname: str = ""


def _is_cap_word(token: str) -> bool:
    t = token.strip(",")
    if not t or not t[0].isalpha():
        return False
    if not all(ch.isalpha() or ch in "-'’." for ch in t):
        return False
    return t[0].isupper()


def _split_name(text: str, iberian: bool) -> _Name | None:
    """Parse ``text`` as a person's name, or None when it does not look like one."""
    nick = re.search(r"[\"“„«']([^\"“”„«»']+)[\"”»']", text)  # Alexandra "Alex" Petrov
    nickname = nick.group(1).strip() if nick else ""
    if nick:
        text = text[: nick.start()] + " " + text[nick.end() :]
    text = _clean(re.sub(r"\([^)]*\)", " ", text))  # "(they/them)", "(Ming Li)"
    if not text or re.search(r"\d|@|&|:", text):
        return None
    if _CJK_NAME.match(text):
        if _TITLE_CJK.search(text) or _DEPT_CJK.search(text) or _COMPANY_PREFIX_CJK.search(text):
            return None
        if " " in text:
            fam, giv = text.split(" ", 1)
        elif len(text) == 4 and not re.search(r"[\uac00-\ud7af]", text):
            fam, giv = text[:2], text[2:]
        else:
            fam, giv = text[0], text[1:]
        return _Name(given=giv, family=fam)
    suffix_parts: list[str] = []
    if "," in text:
        head, _, tail = text.partition(",")
        tail_tokens = tail.replace(",", " ").split()
        if tail_tokens and all(t.lower() in _SUFFIXES for t in tail_tokens):
            suffix_parts = tail_tokens
            text = head
        else:
            return None
    tokens = text.split()
    prefix_parts: list[str] = []
    while tokens and tokens[0].lower() in _PREFIXES and len(tokens) > 2:
        prefix_parts.append(tokens.pop(0))
    while tokens and tokens[-1].lower() in _SUFFIXES and len(tokens) > 2:
        suffix_parts.insert(0, tokens.pop())
    if not 2 <= len(tokens) <= 5:
        return None
    if any(fold(t) not in _PARTICLES and not _is_cap_word(t) for t in tokens):
        return None
    if not _is_cap_word(tokens[0]) or not _is_cap_word(tokens[-1]):
        return None
    lowered = " ".join(tokens)
    if (
        _has_title_word(lowered)
        or _has_business_word(lowered)
        or _NAME_NOT_STREET.search(lowered)
        or _country_iso(lowered)
        or any(fold(t).strip(".") in _DEPT_WORDS for t in tokens)
    ):
        return None
    caps = [len(t) > 1 and t.isupper() and not re.fullmatch(r"[IVX]+", t) for t in tokens]
    family_first = False
    if lowered.isupper():
        tokens = [t.title() if t.isupper() else t for t in tokens]
    elif any(caps):
        # A surname printed in capitals marks the family name: "Jean-Baptiste MOREAU", and
        # written first ("WATANABE Kenji") the name is in family-name-first order.
        family_first = caps[0] and not any(caps[1:]) and len(tokens) == 2
        tokens = [t.title() if c else t for t, c in zip(tokens, caps, strict=True)]
    if family_first:
        return _Name(
            prefix=" ".join(prefix_parts),
            given=tokens[1],
            family=tokens[0],
            suffix=" ".join(suffix_parts),
            nickname=nickname,
        )
    # Family name: last token plus any particles in front of it ("van den Berg", "Ní Bhriain").
    fam_start = len(tokens) - 1
    while fam_start > 1 and fold(tokens[fam_start - 1]) in _PARTICLES:
        fam_start -= 1
    given_tokens = tokens[:fam_start]
    family_tokens = tokens[fam_start:]
    additional: list[str] = []
    if iberian and len(given_tokens) == 3 and len(family_tokens) == 1:
        # Spanish/Portuguese: two given names, two family names.
        family_tokens = given_tokens[2:] + family_tokens
        given_tokens = given_tokens[:2]
    elif (
        iberian
        and len(given_tokens) == 2
        and len(family_tokens) == 1
        and not any(re.fullmatch(r"\w\.?", t) for t in given_tokens)
    ):
        if fold(given_tokens[1]) in _IBERIAN_GIVEN:
            # "Ana Beatriz Carvalho", "Juan Carlos Ortiz": a compound given name
            given_tokens = [" ".join(given_tokens)]
        else:
            # "Alejandro Ruiz Castañeda": one given name, father's and mother's surnames
            family_tokens = given_tokens[1:] + family_tokens
            given_tokens = given_tokens[:1]
    elif len(given_tokens) > 1 and re.fullmatch(r"\w\.", given_tokens[0]):
        # "J. Peter Lindgren": someone who goes by the middle name keeps the initial with it
        additional = given_tokens[2:]
        given_tokens = given_tokens[:2]
    elif len(given_tokens) > 1:
        additional = given_tokens[1:]
        given_tokens = given_tokens[:1]
    return _Name(
        prefix=" ".join(prefix_parts),
        given=" ".join(given_tokens),
        additional=" ".join(additional),
        family=" ".join(family_tokens),
        suffix=" ".join(suffix_parts),
        nickname=nickname,
    )


@dataclass
class _People:
    name: _Name | None = None
    title: str = ""
    organization: str = ""
    org_by_suffix: bool = False
    org_segment: _Segment | None = None
    department: str = ""


def _looks_proper(text: str) -> bool:
    words = text.split()
    return (
        1 <= len(words) <= 6
        and not re.search(r"\d|@|:", text)
        and (text[0].isupper() or bool(_COMPANY_PREFIX_CJK.search(text)) or not text[0].isalpha())
    )


# Title words that also occur in organisation names ("Harbor Partners", "Lead Generation Co").
_WEAK_TITLE_WORDS = frozenset(
    _split_words(
        """
        partner associate principal lead leader head executive commercial comercial chair agent
        counsel owner freelance editor producer founder
        """
    )
)


def _looks_like_org(text: str) -> bool:
    """A line with both a title word and a business word: an organisation when every title
    word in it is one that also names companies ("Capital Partner Group")."""
    if _TITLE_PHRASES.search(text) or _TITLE_STEMS.search(text) or _TITLE_CJK.search(text):
        return False
    words = {w.strip(".:'’") for w in _words(text)}
    return not any(w in _TITLE_WORDS and w not in _WEAK_TITLE_WORDS for w in words)


def _title_case(text: str) -> bool:
    """Every longer word capitalised, as in a name ("Quiet Harbor"), not a tagline."""
    return all(w[0].isupper() or not w[0].isalpha() for w in text.split() if len(w) >= 4)


def _dept_value(text: str) -> str:
    m = _DEPT_LEADING.match(text)
    if m and not re.match(r"^(?:of|für|de|du|des|di|van)\b", m["rest"], re.IGNORECASE):
        return m["rest"].strip()
    return text


_AT_SPLIT = re.compile(r"^(?P<left>.+?)\s+(?:at|@|bei|chez|presso)\s+(?P<right>[^\W\d_].+)$")


def _preferred_name(
    segments: list[_Segment], iberian: bool, emails: Sequence[Email]
) -> tuple[_Segment | None, set[int]]:
    """When several lines could be a person's name, the one with a prefix ("Dott.ssa", "Dr.")
    or whose given or family name is in an email address is the person; name-like lines in
    front of it (a company printed first: "GROENVELD BOUW") are returned as organisation
    candidates. (None, {}) when the first name-like line is the person."""
    locals_ = [set(re.split(r"[._\-+]+", fold(e.value.split("@", 1)[0]))) for e in emails]

    def score(name: _Name) -> int:
        if name.prefix:
            return 2
        words = {fold(w) for w in f"{name.given} {name.family}".split() if len(w) > 2}
        return 1 if any(words & pieces for pieces in locals_) else 0

    cands: list[tuple[int, _Segment, int]] = []
    for idx, seg in enumerate(segments):
        t = seg.text.strip(" ,;")
        if _is_company(t):
            continue
        name = _split_name(t, iberian)
        if name is not None:
            cands.append((idx, seg, score(name)))
    if len(cands) < 2:
        return None, set()
    best = max(c[2] for c in cands)
    top = [c for c in cands if c[2] == best]
    if best == 0 or len(top) != 1 or top[0] is cands[0]:
        return None, set()
    earlier = [c for c in cands if c[0] < top[0][0]]
    if any(ch.isalpha() and ord(ch) > 0x24F for c in earlier for ch in c[1].text):
        return None, set()  # a name in its own script, then romanised: the same person
    return top[0][1], {c[0] for c in cands if c[0] < top[0][0]}


def _classify(segments: list[_Segment], iberian: bool, emails: Sequence[Email] = ()) -> _People:
    """Assign the leftover segments to name, title, organisation and department."""
    res = _People()
    _, org_like = _preferred_name(segments, iberian, emails)
    org_lines = [
        s
        for s in segments
        if _is_company(s.text) or (_has_business_word(s.text) and _looks_proper(s.text))
    ]
    last_role = -10  # index of the last segment used for the name or the title
    pending: list[tuple[int, _Segment]] = []

    def set_org(value: str, seg: _Segment | None) -> None:
        strong = _is_company(value)
        if res.organization and (res.org_by_suffix or not strong):
            return
        if res.org_segment is not None:
            res.org_segment.used = False  # a weak guess gives way to a company name
        res.organization, res.org_by_suffix, res.org_segment = value, strong, seg
        if seg is not None:
            seg.used = True

    def set_dept(value: str, seg: _Segment) -> bool:
        if res.department:
            return False
        res.department = _dept_value(value)
        seg.used = True
        return True

    def title_or_org_right(right: str, seg: _Segment) -> None:
        """The part after "Title, " or "Title at ": the company, or else a department."""
        org_elsewhere = any(o is not seg for o in org_lines)
        if _is_company(right) or not (org_elsewhere or _has_dept_word(right) or res.organization):
            set_org(right, None)
        elif not res.department:
            res.department = _dept_value(right)

    for idx, seg in enumerate(segments):
        t = seg.text.strip(" ,;")
        if not any(ch.isalnum() for ch in t):
            continue  # punctuation only: reported in unparsed
        m = _AT_SPLIT.match(t)
        if (
            m
            and not res.title
            and _has_title_word(m["left"])
            and not _is_company(m["left"])
            and not _TITLE_PHRASES.search(t)
        ):
            res.title = m["left"]
            title_or_org_right(m["right"], seg)
            seg.used = True
            last_role = idx
            continue
        if "," in t:
            left, _, right = (x.strip() for x in t.partition(","))
            name = _split_name(left, iberian) if res.name is None else None
            if name and right and _has_title_word(right) and not _is_company(right):
                res.name = name
                res.title = res.title or right
                seg.used = True
                last_role = idx
                continue
            if (
                _has_title_word(left)
                and not (_has_business_word(left) and _looks_like_org(left))
                and right
                and not res.title
            ):
                res.title = left
                title_or_org_right(right, seg)
                seg.used = True
                last_role = idx
                continue
        if _is_company(t):
            set_org(t, seg)
            continue
        if idx in org_like:
            if not res.organization:
                set_org(t, seg)
            continue
        name = _split_name(t, iberian) if res.name is None else None
        if name is not None:
            res.name = name
            seg.used = True
            last_role = idx
            continue
        if _has_title_word(t) and not (_has_business_word(t) and _looks_like_org(t)):
            if not res.title:
                # "営業部 部長": a department in front of a CJK title
                cjk = re.match(r"^(?P<dept>\S+[部課室])\s+(?P<title>\S+)$", t)
                if cjk and _TITLE_CJK.search(cjk["title"]):
                    res.department = res.department or cjk["dept"]
                    res.title = cjk["title"]
                else:
                    res.title = t
                seg.used = True
                last_role = idx
                continue
            if _has_dept_word(t) and set_dept(t, seg):
                continue
        if (_DEPT_LEADING.match(t) or _DEPT_CJK.match(t)) and set_dept(t, seg):
            continue
        if (_has_business_word(t) or "&" in t) and _looks_proper(t) and not res.organization:
            set_org(t, seg)
            continue
        if _has_dept_word(t) and _looks_proper(t) and len(t.split()) <= 4 and set_dept(t, seg):
            continue
        pending.append((idx, seg))
    # Fallbacks for unlabelled proper-noun segments right after the name or title:
    # on the title's own line ("Program Manager | Cloud") a department when the organisation
    # is known; otherwise the organisation (a second person's name on a card is unusual).
    for idx, seg in pending:
        if idx != last_role + 1 or not _looks_proper(seg.text):
            continue
        same_line = last_role >= 0 and segments[last_role].line == seg.line
        org_next = (
            res.org_segment is not None
            and idx + 1 < len(segments)
            and segments[idx + 1] is res.org_segment
        )
        if res.organization and (same_line or org_next) and not res.department:
            # "Program Manager | Cloud", or a line between the title and the company
            set_dept(seg.text, seg)
        elif (
            not res.organization
            and (res.name or res.title)
            and _title_case(seg.text)
            and (res.name is not None or not _split_name(seg.text, iberian))
        ):
            set_org(seg.text.strip(" ,;"), seg)
        break
    return res


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------

_IBERIAN_REGIONS = frozenset({"ES", "MX", "AR", "CO", "CL", "PE", "VE", "UY", "BR", "PT", "EC"})


def parse_card_text(text: str, default_region: str | None = "US") -> ParsedCard:
    """Parse pasted card or signature text into a :class:`Contact` draft.

    ``default_region`` is used for national phone numbers when the card itself gives no hint
    (a country line, a ``+CC`` number, a country-code domain).
    """
    text = unicodedata.normalize("NFC", text)
    lines: list[_Line] = []
    for i, raw in enumerate(text.splitlines()):
        cleaned = _clean(raw)
        if cleaned:
            lines.append(_Line(i, cleaned))
    _mark_noise(lines)
    region = _infer_region(lines, default_region)

    for ln in lines:
        if ln.noise:
            continue
        parts = [p for p in _SEPARATORS.split(ln.text) if p.strip()]
        ln.segments = [_Segment(ln.index, _clean(p)) for p in parts]

    emails: list[Email] = []
    urls: list[Url] = []
    phones: list[Phone] = []
    for ln in lines:
        for seg in ln.segments:
            _take_emails(seg, emails)
            if not seg.used:
                _take_urls(seg, urls)
    address_parts = _take_addresses(lines)
    for ln in lines:
        for seg in ln.segments:
            if not seg.used:
                _take_phones(seg, region, phones)

    remaining = [s for ln in lines for s in ln.segments if not s.used]
    people = _classify(remaining, iberian=region in _IBERIAN_REGIONS, emails=emails)

    guessed: set[str] = set()
    name = _family_first_by_email(people.name, emails) or _Name()
    for fname, value in (
        ("prefix", name.prefix),
        ("given_name", name.given),
        ("additional_names", name.additional),
        ("family_name", name.family),
        ("suffix", name.suffix),
        ("nickname", name.nickname),
        ("title", people.title),
        ("department", people.department),
    ):
        if value:
            guessed.add(fname)
    if people.organization and not people.org_by_suffix:
        guessed.add("organization")
    addresses = tuple(
        Address(a.street, a.locality, a.region, a.postal_code, a.country, "work")
        for a in address_parts
    )
    if addresses:
        guessed.add("addresses")
    contact = Contact(
        prefix=name.prefix,
        given_name=name.given,
        additional_names=name.additional,
        family_name=name.family,
        suffix=name.suffix,
        nickname=name.nickname,
        title=people.title.strip(" ,;"),
        organization=people.organization.strip(" ,;"),
        department=people.department.strip(" ,;"),
        emails=tuple(emails),
        phones=tuple(phones),
        urls=tuple(urls),
        addresses=addresses,
    )
    contact = phones_with_regions(
        contact.with_changes(display_name=derive_display_name(contact)), region
    )
    return ParsedCard(contact, frozenset(guessed), tuple(_unparsed(lines)))


def _family_first_by_email(name: _Name | None, emails: list[Email]) -> _Name | None:
    """Names written family name first ("Tan Wei Ling", "Park Ji-hoon") are recognised when an
    email address spells them the other way round (``weiling.tan@``, ``jihoon.park@``)."""
    if name is None or not name.given or not name.family or name.prefix:
        return name
    tokens = [*name.given.split(), *name.additional.split(), *name.family.split()]
    if len(tokens) < 2:
        return name

    def squash(parts: Iterable[str]) -> str:
        return re.sub(r"[^\w]", "", fold("".join(parts)))

    first, rest = squash(tokens[:1]), squash(tokens[1:])
    for e in emails:
        pieces = [p for p in re.split(r"[._-]+", fold(e.value.split("@", 1)[0])) if p]
        if len(pieces) >= 2 and pieces[-1] == first and squash(pieces[:-1]) == rest:
            return _Name(
                given=" ".join(tokens[1:]),
                family=tokens[0],
                suffix=name.suffix,
                nickname=name.nickname,
            )
    return name


def _unparsed(lines: Iterable[_Line]) -> list[str]:
    out: list[str] = []
    for ln in lines:
        if ln.noise or not ln.segments or not any(s.used for s in ln.segments):
            out.append(ln.text)
        else:
            out.extend(s.text for s in ln.segments if not s.used and s.text.strip())
    return out
