"""Word lists the classifiers read: company suffixes and business words, job-title words in
several languages, department words, name prefixes, suffixes and particles, Iberian compound
given names, street words, country plates; and the lookups over them (is this a company, does
this line hold a title word, which country is this)."""

from __future__ import annotations

import re

from netdesk.core.phones import COUNTRY_NAMES as _COUNTRIES
from netdesk.core.text import fold


def _split_words(text: str) -> list[str]:
    """Whitespace-separated words of a vocabulary list."""
    return text.split()


COMPANY_SUFFIX = re.compile(
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


COMPANY_PREFIX_CJK = re.compile(
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
TITLE_WORDS = frozenset(
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
TITLE_STEMS = re.compile(
    r"(leiter|leiterin|leider|ingenieur|ingenieurin|führer|führerin|manager|direktor|direktorin"
    r"|berater|beraterin|chef|chefin|sjef|kehittäjä|johtaja|päällikkö|entwickler|entwicklerin"
    r"|arzt|ärztin|ledare|leder|udvikler|utvikler|utvecklare|konsulent|rådgiver|rådgivare"
    r"|säljare|sælger|selger)\b",
    re.IGNORECASE,
)


TITLE_PHRASES = re.compile(r"\b(head of|vice president|managing director|attorney at law)\b", re.I)


TITLE_CJK = re.compile(
    r"(部長|課長|社長|取締役|主任|係長|代表|会長|専務|常務|室長|经理|总监|总裁|主管|이사|부장|과장|대표|팀장)"
)


DEPT_LEADING = re.compile(
    r"^(?:abteilung|abt\.|department|dept\.?|département|departamento|dipartimento|afdeling"
    r"|division|bereich|service)\s*:?\s+(?P<rest>.+)$",
    re.IGNORECASE,
)


DEPT_WORDS = frozenset(
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


DEPT_CJK = re.compile(r"[^\s]+(部|課|室|本部|事業部)$")


PREFIXES = (
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


SUFFIXES = frozenset(
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
IBERIAN_GIVEN = frozenset(
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


PARTICLES = frozenset(
    fold(p)
    for p in _split_words(
        """
        van von der den de da di del della du la le ní nic mac bin al el y zu ter ten op dos das
        do
        """
    )
)


STREET_WORDS = re.compile(
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


PLATE_COUNTRY = {"CH": "Switzerland", "D": "Germany", "A": "Austria", "F": "France",
                  "I": "Italy", "B": "Belgium", "L": "Luxembourg", "NL": "Netherlands"}  # fmt: skip


PLATE_REGION = {"CH": "CH", "D": "DE", "A": "AT", "F": "FR", "I": "IT", "B": "BE", "L": "LU",
                 "NL": "NL"}  # fmt: skip


GENERIC_TLDS = frozenset(_split_words("io co ai me tv fm ly gg to ws cc eu am so sh is id la"))


def country_iso(text: str) -> str | None:
    return _COUNTRIES.get(fold(text.strip(" .,;")))


def folded_words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,/&|()®™©]+", fold(text)) if w]


def has_business_word(text: str) -> bool:
    return any(w.strip(".'’") in _BUSINESS_WORDS for w in folded_words(text))


def has_title_word(text: str) -> bool:
    if TITLE_PHRASES.search(text) or TITLE_STEMS.search(text) or TITLE_CJK.search(text):
        return True
    return any(
        w.strip(".:'’") in TITLE_WORDS
        for w in folded_words(text.replace("-", " - ")) + folded_words(text)
    )


def has_dept_word(text: str) -> bool:
    return bool(DEPT_LEADING.match(text)) or any(w in DEPT_WORDS for w in folded_words(text))


def is_company(text: str) -> bool:
    return bool(COMPANY_SUFFIX.search(text) or COMPANY_PREFIX_CJK.search(text))


# Title words that also occur in organisation names ("Harbor Partners", "Lead Generation Co").
WEAK_TITLE_WORDS = frozenset(
    _split_words(
        """
        partner associate principal lead leader head executive commercial comercial chair agent
        counsel owner freelance editor producer founder
        """
    )
)


IBERIAN_REGIONS = frozenset({"ES", "MX", "AR", "CO", "CL", "PE", "VE", "UY", "BR", "PT", "EC"})
