"""Deterministic, realistic demo data: contacts, interactions and follow-ups.

Used by ``netdesk --demo`` and by the benchmarks, so everything here streams (generators,
no giant lists) and is cheap per item: 100,000 contacts plus 1,000,000 interactions take
about 11 s on a 2-core machine, in about 30 MB. Standard library only (no Qt, no SQLAlchemy).

Determinism: the same ``seed`` and the same ``today`` always give the same output (pass
``today`` explicitly when the output must not change from one day to the next). Each
generator draws from its own random stream, and contact ``n`` does not depend on ``count``,
so ``generate_contacts(10)`` is a prefix of ``generate_contacts(1000)``.

Indexes, not ids: interactions and follow-ups refer to contacts by their 0-based position in
the ``generate_contacts`` output (``contact_ids``, ``introducer_id``, ``contact_id``); the
caller maps those to database ids after inserting the contacts. Contact ``n`` has the uid
``demo-<n>@netdesk``. Contact 0 is the "heavy" contact: a mentor with a long timeline (about
2.5 % of all interactions, so at least 2,000 of 100,000).

Phones are written as people type them (``+49 171 9876543``, ``(415) 555-0134``) with
``e164`` left None for storage to fill in; every one parses with
``netdesk.core.validation.to_e164`` under the default region (US).
"""

from __future__ import annotations

import calendar
import math
import random
from bisect import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import TypeVar

from netdesk.core.dates import PartialDate
from netdesk.core.model import (
    INTERACTION_TYPES,
    Address,
    Contact,
    Email,
    FollowUp,
    Interaction,
    Phone,
    Url,
)
from netdesk.core.text import fold

__all__ = [
    "HEAVY_CONTACT_SHARE",
    "generate_contacts",
    "generate_follow_ups",
    "generate_interactions",
]

DEFAULT_SEED = 2026
_T = TypeVar("_T")
#: Share of all interactions that involve contact 0 as the main contact.
HEAVY_CONTACT_SHARE = 0.025
#: Interactions go back this many days (about six years).
HISTORY_DAYS = 6 * 365
#: Share of contacts (the highest indexes) that never get an interaction.
DORMANT_SHARE = 0.10

# --------------------------------------------------------------------------------------
# Reference data
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _City:
    locality: str
    region: str
    #: '#' is a random digit, '?' a random capital letter
    postal: str
    #: office phone pattern in this city ('#' is a random digit)
    landline: str


@dataclass(frozen=True, slots=True)
class _Locale:
    code: str
    country: str
    weight: int
    given: tuple[str, ...]
    family: tuple[str, ...]
    cities: tuple[_City, ...]
    streets: tuple[str, ...]
    #: how a street line is written: "{street} {no}", "{no} {street}", "{street}, {no}"
    street_fmt: str
    house_numbers: tuple[str, ...]
    mobiles: tuple[str, ...]
    mail_providers: tuple[str, ...]
    company_roots: tuple[str, ...]
    company_sectors: tuple[str, ...]
    company_suffixes: tuple[str, ...]
    tld: str
    #: Germanic umlaut transliteration (ü -> ue) for email addresses
    umlaut_ae: bool = False
    #: Name written family name first (display_name is set explicitly)
    family_first: bool = False


def _t(text: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in text.split(",") if s.strip())


def _cities(*rows: tuple[str, str, str, str]) -> tuple[_City, ...]:
    return tuple(_City(*row) for row in rows)


_GERMAN_SECTORS = _t(
    "Logistik, Software, Maschinenbau, Medizintechnik, Energie, Consulting, Automotive, "
    "Analytics, Robotik, Versicherungen"
)

_LOCALES: tuple[_Locale, ...] = (
    _Locale(
        code="DE",
        country="Germany",
        weight=20,
        given=_t(
            "Anna, Lena, Jonas, Lukas, Jürgen, Sören, Björn, Käthe, Sabine, Maximilian, Felix, "
            "Katrin, Jörg, Uwe, Ute, Mareike, Tobias, Hannah, Leonie, Matthias, Stefanie, "
            "Özlem, Emre, Günther, Anke, Thorsten, Frauke, Malte, Doris, Henrik"
        ),
        family=_t(
            "Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schäfer, Koch, "
            "Bauer, Richter, Klein, Wolf, Schröder, Neumann, Schwarz, Zimmermann, Krüger, "
            "Hoffmann, Groß, Weiß, Köhler, Lehmann, Yılmaz, Öztürk, Hähnel, Brückner"
        ),
        cities=_cities(
            ("Berlin", "", "10###", "+49 30 #######-0"),
            ("Hamburg", "", "20###", "+49 40 ########"),
            ("München", "", "80###", "+49 89 ########"),
            ("Köln", "", "50###", "+49 221 #######"),
            ("Frankfurt am Main", "", "60###", "+49 69 #######-0"),
            ("Stuttgart", "", "70###", "+49 711 #######"),
            ("Düsseldorf", "", "40###", "+49 211 #######"),
            ("Leipzig", "", "04###", "+49 341 #######"),
            ("Hannover", "", "30###", "+49 511 #######"),
            ("Nürnberg", "", "90###", "+49 911 #######"),
        ),
        streets=_t(
            "Hauptstraße, Bahnhofstraße, Schillerstraße, Goethestraße, Friedrichstraße, Am Markt, "
            "Lindenallee, Königsallee, Torstraße, Mühlenweg, Kastanienallee, Schönhauser Allee"
        ),
        street_fmt="{street} {no}",
        house_numbers=_t("#, ##, ##a, ###, #b"),
        mobiles=_t(
            "+49 17# #######, +49 160 #######, +49 151 ########, +49 (0)176 ########, "
            "+49 157 ########, +4917# #######"
        ),
        mail_providers=_t("gmx.de, web.de, t-online.de, gmail.com, posteo.de, outlook.de"),
        company_roots=_t(
            "Nordwind, Alpenblick, Rheinwerk, Kessler & Voss, Brückner, Sonnenfeld, Elbtal, "
            "Hanseatic, Weißdorn, Lindgrün, Fährmann, Spreewerk"
        ),
        company_sectors=_GERMAN_SECTORS,
        company_suffixes=_t("GmbH, AG, SE, GmbH & Co. KG"),
        tld="de",
        umlaut_ae=True,
    ),
    _Locale(
        code="US",
        country="United States",
        weight=18,
        given=_t(
            "James, Mary, Michael, Jennifer, David, Sarah, Chris, Ashley, Zoë, Renée, DeShawn, "
            "Aaliyah, Mateo, Priya, Wei, Kevin, Emily, Olivia, Ethan, Noah, Madison, Tyler, "
            "Brianna, Marcus, Jordan, Kayla"
        ),
        family=_t(
            "Smith, Johnson, Williams, Brown, Jones, Garcia, Miller, Davis, Rodriguez, Martinez, "
            "Hernández, Lopez, Wilson, Anderson, Thomas, Taylor, Moore, Jackson, Lee, O'Brien, "
            "Nguyen, Kim, Patel, Cohen, McAllister, Washington"
        ),
        cities=_cities(
            ("San Francisco", "CA", "941##", "+1 415 555 01##"),
            ("New York", "NY", "100##", "+1 212 555 01##"),
            ("Boston", "MA", "021##", "+1 617 555 01##"),
            ("Chicago", "IL", "606##", "+1 312 555 01##"),
            ("Seattle", "WA", "981##", "+1 206 555 01##"),
            ("Austin", "TX", "787##", "+1 512 555 01##"),
            ("Denver", "CO", "802##", "+1 303 555 01##"),
            ("Atlanta", "GA", "303##", "+1 404 555 01##"),
        ),
        streets=_t(
            "Market St, Main Street, 5th Ave, Elm Street, Oak Avenue, Broadway, Mission St, "
            "Pine St, Maple Drive, Congress Ave, Peachtree St NE"
        ),
        street_fmt="{no} {street}",
        house_numbers=_t("##, ###, ####, ###\nSuite 400, ####\nApt 4B, ###\nFloor 12"),
        mobiles=_t("+1 415 555 01##, +1 646 555 01##, +1 917 555 01##, +1 650 555 01##"),
        mail_providers=_t("gmail.com, outlook.com, yahoo.com, icloud.com, hotmail.com"),
        company_roots=_t(
            "Brightwater, Summit Ridge, Blue Heron, Ironclad, Lakeshore, Redwood, Northstar, "
            "Granite Peak, Silverline, Cedar & Pine"
        ),
        company_sectors=_t(
            "Analytics, Health, Labs, Capital, Robotics, Logistics, Software, Media, Energy"
        ),
        company_suffixes=_t("Inc., LLC, Corp., Inc."),
        tld="com",
    ),
    _Locale(
        code="GB",
        country="United Kingdom",
        weight=10,
        given=_t(
            "Oliver, Amelia, George, Isla, Harry, Ava, Jack, Sophie, Zoë, Siobhán, Niamh, Rhys, "
            "Eilidh, Callum, Imogen, Alfie, Gráinne, Dafydd"
        ),
        family=_t(
            "Smith, Jones, Taylor, Brown, Evans, Wilson, Thomas, Roberts, Walker, Wright, "
            "Thompson, Hughes, Davies, MacLeod, O'Connor, O'Sullivan, Fitzgerald, Khan, Ahmed, "
            "Ní Bhriain"
        ),
        cities=_cities(
            ("London", "", "EC2A #??", "+44 20 7946 0###"),
            ("London", "", "SE1 #??", "+44 (0)20 7946 0###"),
            ("Manchester", "", "M1 #??", "+44 161 496 0###"),
            ("Edinburgh", "", "EH3 #??", "+44 131 496 0###"),
            ("Bristol", "", "BS1 #??", "+44 117 496 0###"),
            ("Cambridge", "", "CB2 #??", "+44 1223 496 ###"),
        ),
        streets=_t(
            "High Street, Station Road, Church Lane, Victoria Road, Queen Street, Mill Lane, "
            "Princes Street, Old Street"
        ),
        street_fmt="{no} {street}",
        house_numbers=_t("#, ##, ###, Flat 3\n##"),
        mobiles=_t("+44 75## ######, +44 (0)79## ######, +4477########, +44 78## ### ###"),
        mail_providers=_t("gmail.com, hotmail.co.uk, btinternet.com, outlook.com, icloud.com"),
        company_roots=_t(
            "Thamesgate, Kestrel, Harrowfield, Albion, Greystone, Wexford & Hale, Blackfriars"
        ),
        company_sectors=_t("Consulting, Partners, Digital, Analytics, Insurance, Logistics"),
        company_suffixes=_t("Ltd, plc, LLP, Ltd"),
        tld="co.uk",
    ),
    _Locale(
        code="FR",
        country="France",
        weight=8,
        given=_t(
            "Camille, Léa, Chloé, Manon, Inès, Hélène, Amélie, Françoise, Élodie, Théo, Hugo, "
            "Louis, Gabriel, Raphaël, Jérôme, François, Benoît, Noël, Maël, Zoé"
        ),
        family=_t(
            "Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau, "
            "Simon, Laurent, Lefèvre, Michel, Garnier, Faure, Rousseau, Girard, Bonnet, Dupont, "
            "Lambert, Fontaine, Chevalier, Mercier"
        ),
        cities=_cities(
            ("Paris", "", "7500#", "+33 1 ## ## ## ##"),
            ("Paris", "", "7501#", "+33 1 ## ## ## ##"),
            ("Lyon", "", "6900#", "+33 4 ## ## ## ##"),
            ("Marseille", "", "130##", "+33 4 ## ## ## ##"),
            ("Toulouse", "", "310##", "+33 5 ## ## ## ##"),
            ("Bordeaux", "", "330##", "+33 5 ## ## ## ##"),
            ("Lille", "", "590##", "+33 3 ## ## ## ##"),
            ("Nantes", "", "440##", "+33 2 ## ## ## ##"),
        ),
        streets=_t(
            "rue de la République, boulevard Saint-Germain, rue du Faubourg Saint-Antoine, "
            "avenue Jean Jaurès, place Bellecour, rue Victor Hugo, quai des Chartrons"
        ),
        street_fmt="{no} {street}",
        house_numbers=_t("#, ##, ## bis, ###"),
        mobiles=_t("+33 6 ## ## ## ##, +33 7 ## ## ## ##, +336########"),
        mail_providers=_t("orange.fr, free.fr, gmail.com, laposte.net, sfr.fr"),
        company_roots=_t(
            "Lumière, Atelier Bleu, Belle Rive, Clairvoyance, Mistral, Vauban, Pont-Neuf"
        ),
        company_sectors=_t("Conseil, Numérique, Énergie, Santé, Logistique, Aéro"),
        company_suffixes=_t("SAS, SA, SARL"),
        tld="fr",
    ),
    _Locale(
        code="PL",
        country="Poland",
        weight=6,
        given=_t(
            "Łukasz, Paweł, Michał, Tomasz, Krzysztof, Piotr, Wojciech, Agnieszka, Małgorzata, "
            "Katarzyna, Joanna, Zofia, Grażyna, Jędrzej, Bartłomiej, Anna, Magdalena, Aleksandra"
        ),
        family=_t(
            "Nowak, Kowalski, Wiśniewski, Wójcik, Kowalczyk, Kamiński, Lewandowski, Zieliński, "
            "Szymański, Woźniak, Dąbrowski, Kozłowski, Jankowski, Mazur, Krawczyk, Piotrowski, "
            "Grabowski, Pawłowski"
        ),
        cities=_cities(
            ("Warszawa", "", "0#-###", "+48 22 ### ## ##"),
            ("Kraków", "", "3#-###", "+48 12 ### ## ##"),
            ("Wrocław", "", "5#-###", "+48 71 ### ## ##"),
            ("Gdańsk", "", "80-###", "+48 58 ### ## ##"),
            ("Poznań", "", "6#-###", "+48 61 ### ## ##"),
            ("Łódź", "", "9#-###", "+48 42 ### ## ##"),
        ),
        streets=_t(
            "ul. Marszałkowska, ul. Długa, ul. Piotrkowska, ul. Floriańska, al. Jerozolimskie, "
            "ul. Świętokrzyska"
        ),
        street_fmt="{street} {no}",
        house_numbers=_t("#, ##, ##/#, ##/##"),
        mobiles=_t("+48 60# ### ###, +48 50# ### ###, +48 69# ### ###, +48 79#######"),
        mail_providers=_t("wp.pl, onet.pl, gmail.com, interia.pl, o2.pl"),
        company_roots=_t("Wisła, Bursztyn, Polmed, Tatra, Orzeł, Mazovia, Bałtyk"),
        company_sectors=_t("Software, Logistyka, Energia, Consulting, Fintech"),
        company_suffixes=_t("Sp. z o.o., S.A."),
        tld="pl",
    ),
    _Locale(
        code="ES",
        country="Spain",
        weight=5,
        given=_t(
            "José, María, Jesús, Lucía, Álvaro, Sofía, Martín, Inés, Begoña, Íñigo, Ramón, "
            "Carmen, Pilar, Javier, Raúl, Nuria, Andrés, Ainhoa"
        ),
        family=_t(
            "García, Fernández, González, Rodríguez, López, Martínez, Sánchez, Pérez, Gómez, "
            "Martín, Jiménez, Ruiz, Hernández, Díaz, Moreno, Muñoz, Álvarez, Romero, Ibáñez"
        ),
        cities=_cities(
            ("Madrid", "Madrid", "280##", "+34 91 ### ## ##"),
            ("Barcelona", "Barcelona", "080##", "+34 93 ### ## ##"),
            ("Valencia", "Valencia", "460##", "+34 96 ### ## ##"),
            ("Sevilla", "Sevilla", "410##", "+34 954 ## ## ##"),
            ("Bilbao", "Bizkaia", "480##", "+34 944 ## ## ##"),
            ("Málaga", "Málaga", "290##", "+34 952 ## ## ##"),
        ),
        streets=_t(
            "Calle de Alcalá, Gran Vía, Passeig de Gràcia, Calle Mayor, "
            "Avenida de la Constitución, Calle de Serrano"
        ),
        street_fmt="{street}, {no}",
        house_numbers=_t("#, ##, ##\n3º B, ###"),
        mobiles=_t("+34 6## ### ###, +34 6## ## ## ##, +34 7## ### ###"),
        mail_providers=_t("gmail.com, hotmail.es, yahoo.es, telefonica.net, outlook.es"),
        company_roots=_t("Sol y Mar, Ibérica, Alhambra, Cantábrico, Mediterránea, Levante"),
        company_sectors=_t("Tecnología, Energía, Consultoría, Logística, Turismo"),
        company_suffixes=_t("S.L., S.A."),
        tld="es",
    ),
    _Locale(
        code="NL",
        country="Netherlands",
        weight=4,
        given=_t(
            "Daan, Sem, Lotte, Sanne, Femke, Bram, Joost, Anouk, Maarten, Ruud, Eline, Thijs, "
            "Wouter, Marieke"
        ),
        family=_t(
            "de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Janssen, Visser, Smit, "
            "Meijer, de Boer, Mulder, de Groot, Bos, Vos, Hendriks, van Leeuwen"
        ),
        cities=_cities(
            ("Amsterdam", "", "10## ??", "+31 20 ### ####"),
            ("Rotterdam", "", "30## ??", "+31 10 ### ####"),
            ("Utrecht", "", "35## ??", "+31 30 ### ####"),
            ("Eindhoven", "", "56## ??", "+31 40 ### ####"),
            ("Den Haag", "", "25## ??", "+31 70 ### ####"),
        ),
        streets=_t("Keizersgracht, Prinsengracht, Damrak, Stationsplein, Oudegracht, Coolsingel"),
        street_fmt="{street} {no}",
        house_numbers=_t("#, ##, ###, ##-II"),
        mobiles=_t("+31 6 ########, +31 6 #### ####, +31 (0)6 ########"),
        mail_providers=_t("gmail.com, ziggo.nl, kpnmail.nl, hotmail.nl, outlook.com"),
        company_roots=_t("Oranje, Tulip, Polder, Windmolen, Delta, Grachtenhuis"),
        company_sectors=_t("Logistics, Software, Fintech, Agritech, Consultancy"),
        company_suffixes=_t("B.V., N.V."),
        tld="nl",
    ),
    _Locale(
        code="IT",
        country="Italy",
        weight=4,
        given=_t(
            "Giuseppe, Marco, Alessandro, Francesca, Giulia, Chiara, Niccolò, Lorenzo, Matteo, "
            "Sara, Elena, Federica, Andrea, Luca, Davide, Martina"
        ),
        family=_t(
            "Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco, "
            "Bruno, Gallo, Conti, De Luca, Mancini, Costa, Giordano, Lombardi, Moretti, D'Angelo"
        ),
        cities=_cities(
            ("Milano", "MI", "201##", "+39 02 #### ####"),
            ("Roma", "RM", "001##", "+39 06 #### ####"),
            ("Torino", "TO", "101##", "+39 011 ### ####"),
            ("Bologna", "BO", "401##", "+39 051 ### ####"),
            ("Firenze", "FI", "501##", "+39 055 ### ####"),
            ("Napoli", "NA", "801##", "+39 081 ### ####"),
        ),
        streets=_t("Via Roma, Corso Buenos Aires, Via Torino, Piazza Duomo, Via Garibaldi"),
        street_fmt="{street}, {no}",
        house_numbers=_t("#, ##, ##/A, ###"),
        mobiles=_t("+39 3## ### ####, +39 3########, +39 34# ### ####"),
        mail_providers=_t("libero.it, gmail.com, virgilio.it, alice.it, tiscali.it"),
        company_roots=_t("Aurora, Vesuvio, Dolomiti, Laguna, Palladio, Sforza"),
        company_sectors=_t("Meccanica, Design, Software, Energia, Moda"),
        company_suffixes=_t("S.p.A., S.r.l."),
        tld="it",
    ),
    _Locale(
        code="DK",
        country="Denmark",
        weight=3,
        given=_t(
            "Søren, Mette, Jørgen, Lærke, Mads, Frederik, Freja, Ida, Rasmus, Sofie, Asger, "
            "Maja, Bjørn"
        ),
        family=_t(
            "Jensen, Nielsen, Hansen, Pedersen, Andersen, Christensen, Larsen, Sørensen, "
            "Rasmussen, Jørgensen, Østergaard, Øster, Møller, Kjær, Lund, Holm"
        ),
        cities=_cities(
            ("København K", "", "1###", "+45 33 ## ## ##"),
            ("Aarhus C", "", "8000", "+45 86 ## ## ##"),
            ("Odense C", "", "5000", "+45 66 ## ## ##"),
            ("Aalborg", "", "9000", "+45 98 ## ## ##"),
        ),
        streets=_t("Nørrebrogade, Vesterbrogade, Amagertorv, Østergade, Åboulevard"),
        street_fmt="{street} {no}",
        house_numbers=_t("#, ##, ##, 2. tv"),
        mobiles=_t("+45 20 ## ## ##, +45 30 ## ## ##, +45 4# ## ## ##, +4551######"),
        mail_providers=_t("gmail.com, hotmail.dk, outlook.dk, mail.dk"),
        company_roots=_t("Fjordline, Nordlys, Havblik, Kobber, Bølge"),
        company_sectors=_t("Software, Shipping, Design, Energy, Pharma"),
        company_suffixes=_t("ApS, A/S"),
        tld="dk",
    ),
    _Locale(
        code="NO",
        country="Norway",
        weight=2,
        given=_t(
            "Ola, Kari, Ingrid, Håkon, Sigrid, Øyvind, Eirik, Solveig, Åse, Torbjørn, Marit, "
            "Sindre, Nora"
        ),
        family=_t(
            "Hansen, Johansen, Olsen, Larsen, Andersen, Berg, Haugen, Hagen, Bakke, Dahl, "
            "Solberg, Strand, Lie, Ødegård, Sæther, Aasen, Øien"
        ),
        cities=_cities(
            ("Oslo", "", "0###", "+47 22 ## ## ##"),
            ("Bergen", "", "50##", "+47 55 ## ## ##"),
            ("Trondheim", "", "70##", "+47 73 ## ## ##"),
            ("Stavanger", "", "40##", "+47 51 ## ## ##"),
        ),
        streets=_t("Karl Johans gate, Storgata, Bogstadveien, Torgallmenningen, Øvre Slottsgate"),
        street_fmt="{street} {no}",
        house_numbers=_t("#, ##, ##B"),
        mobiles=_t("+47 4## ## ###, +47 9## ## ###, +47 4#######"),
        mail_providers=_t("gmail.com, online.no, hotmail.no, outlook.com"),
        company_roots=_t("Fjellheim, Nordkapp, Havørn, Isbre"),
        company_sectors=_t("Energi, Havbruk, Software, Shipping"),
        company_suffixes=_t("AS, ASA"),
        tld="no",
    ),
    _Locale(
        code="SE",
        country="Sweden",
        weight=3,
        given=_t(
            "Erik, Anna, Lars, Karin, Björn, Åsa, Märta, Linnéa, Göran, Oskar, Elsa, Maja, "
            "Henrik, Ingrid"
        ),
        family=_t(
            "Andersson, Johansson, Karlsson, Nilsson, Eriksson, Larsson, Olsson, Persson, "
            "Svensson, Gustafsson, Lindqvist, Åberg, Ström, Björk, Sjöberg, Öberg, Lindström"
        ),
        cities=_cities(
            ("Stockholm", "", "11# ##", "+46 8 ### ### ##"),
            ("Göteborg", "", "41# ##", "+46 31 ### ## ##"),
            ("Malmö", "", "21# ##", "+46 40 ### ## ##"),
            ("Uppsala", "", "75# ##", "+46 18 ### ## ##"),
        ),
        streets=_t("Drottninggatan, Kungsgatan, Sveavägen, Götgatan, Storgatan, Linnégatan"),
        street_fmt="{street} {no}",
        house_numbers=_t("#, ##, ##A"),
        mobiles=_t("+46 70 ### ## ##, +46 73 ### ## ##, +46 76-### ## ##"),
        mail_providers=_t("gmail.com, telia.com, hotmail.se, outlook.com"),
        company_roots=_t("Norrsken, Vinterljus, Skärgård, Lagom, Älvdal"),
        company_sectors=_t("Software, Design, Fintech, Gaming, Industri"),
        company_suffixes=_t("AB"),
        tld="se",
    ),
    _Locale(
        code="CH",
        country="Switzerland",
        weight=3,
        given=_t(
            "Reto, Urs, Beat, Ueli, Nadine, Corinne, Seraina, Gian, Flurina, Noé, Mathilde, Luca"
        ),
        family=_t(
            "Müller, Meier, Schmid, Keller, Weber, Huber, Steiner, Brunner, Baumann, Frei, "
            "Zürcher, Gerber, Widmer, Favre, Rochat, Bühler, Odermatt"
        ),
        cities=_cities(
            ("Zürich", "ZH", "80##", "+41 44 ### ## ##"),
            ("Bern", "BE", "30##", "+41 31 ### ## ##"),
            ("Basel", "BS", "40##", "+41 61 ### ## ##"),
            ("Genève", "GE", "12##", "+41 22 ### ## ##"),
            ("Lausanne", "VD", "10##", "+41 21 ### ## ##"),
        ),
        streets=_t("Bahnhofstrasse, Limmatquai, Rue du Rhône, Marktgasse, Avenue de la Gare"),
        street_fmt="{street} {no}",
        house_numbers=_t("#, ##, ##a"),
        mobiles=_t("+41 79 ### ## ##, +41 78 ### ## ##, +41 76 ### ## ##"),
        mail_providers=_t("bluewin.ch, gmx.ch, gmail.com, sunrise.ch, proton.me"),
        company_roots=_t("Alpina, Matterhorn, Helvetia Nova, Rigi, Léman"),
        company_sectors=_t("Pharma, Fintech, Präzisionstechnik, Consulting, Versicherungen"),
        company_suffixes=_t("AG, SA, GmbH"),
        tld="ch",
        umlaut_ae=True,
    ),
    _Locale(
        code="AT",
        country="Austria",
        weight=3,
        given=_t(
            "Florian, Verena, Lisa, Stefan, Georg, Theresa, Wolfgang, Christoph, Magdalena, "
            "Elisabeth, Lukas, Johanna"
        ),
        family=_t(
            "Gruber, Huber, Bauer, Wagner, Pichler, Steiner, Moser, Mayer, Hofer, Leitner, "
            "Berger, Fuchs, Eder, Schmid, Winkler, Brandstätter, Pötzl, Höller"
        ),
        cities=_cities(
            ("Wien", "", "10#0", "+43 1 #######"),
            ("Wien", "", "11#0", "+43 1 ### ## ##"),
            ("Graz", "", "80##", "+43 316 ######"),
            ("Linz", "", "40##", "+43 732 ######"),
            ("Salzburg", "", "50##", "+43 662 ######"),
            ("Innsbruck", "", "60##", "+43 512 ######"),
        ),
        streets=_t(
            "Mariahilfer Straße, Kärntner Straße, Herrengasse, Landstraße, Getreidegasse, "
            "Maria-Theresien-Straße"
        ),
        street_fmt="{street} {no}",
        house_numbers=_t("#, ##, ##/#/##"),
        mobiles=_t("+43 664 #######, +43 660 #######, +43 676 #######, +43 699 ########"),
        mail_providers=_t("gmx.at, aon.at, gmail.com, chello.at"),
        company_roots=_t("Donau, Alpen, Wienerwald, Tauern, Semmering"),
        company_sectors=_GERMAN_SECTORS,
        company_suffixes=_t("GmbH, AG"),
        tld="at",
        umlaut_ae=True,
    ),
    _Locale(
        code="VN",
        country="Vietnam",
        weight=3,
        given=_t(
            "An, Anh, Bảo, Châu, Dũng, Hà, Hải, Hạnh, Hiếu, Hoa, Hùng, Hương, Khánh, Lan, Linh, "
            "Long, Mai, Nam, Ngân, Phúc, Phương, Quân, Thảo, Trang, Trung, Tuấn, Vy, Yến"
        ),
        family=_t(
            "Nguyễn, Trần, Lê, Phạm, Hoàng, Huỳnh, Phan, Vũ, Võ, Đặng, Bùi, Đỗ, Hồ, Ngô, Dương"
        ),
        cities=_cities(
            ("Hà Nội", "", "1####", "+84 24 #### ####"),
            ("Thành phố Hồ Chí Minh", "", "7####", "+84 28 #### ####"),
            ("Đà Nẵng", "", "50###", "+84 236 ### ####"),
        ),
        streets=_t("Phố Huế, Lê Lợi, Nguyễn Huệ, Đồng Khởi, Trần Hưng Đạo, Hai Bà Trưng"),
        street_fmt="{no} {street}",
        house_numbers=_t("#, ##, ###, ##/#"),
        mobiles=_t("+84 9# ### ####, +84 91 234 ####, +84 3# ### ####"),
        mail_providers=_t("gmail.com, yahoo.com.vn, outlook.com"),
        company_roots=_t("Sông Hồng, Mekong, Sao Mai, Hạ Long"),
        company_sectors=_t("Software, Logistics, Digital, Tech"),
        company_suffixes=("JSC", "Co., Ltd."),
        tld="vn",
        family_first=True,
    ),
    _Locale(
        code="JP",
        country="Japan",
        weight=3,
        # "kanji|romaji" pairs: the romaji spelling is used for email addresses
        given=_t(
            "太郎|Taro, 花子|Hanako, 健太|Kenta, 翔太|Shota, 陽菜|Hina, 結衣|Yui, 大輔|Daisuke, "
            "直樹|Naoki, 美咲|Misaki, 裕子|Yuko, 誠|Makoto, 愛|Ai, 拓也|Takuya, 恵|Megumi, 蓮|Ren, "
            "さくら|Sakura"
        ),
        family=_t(
            "山田|Yamada, 佐藤|Sato, 鈴木|Suzuki, 高橋|Takahashi, 田中|Tanaka, 伊藤|Ito, "
            "渡辺|Watanabe, 中村|Nakamura, 小林|Kobayashi, 加藤|Kato, 吉田|Yoshida, "
            "松本|Matsumoto, 井上|Inoue, 木村|Kimura, 林|Hayashi"
        ),
        cities=_cities(
            ("Shibuya-ku", "Tokyo", "150-00##", "+81 3-####-####"),
            ("Minato-ku", "Tokyo", "105-00##", "+81 3-####-####"),
            ("Kita-ku", "Osaka", "530-00##", "+81 6-####-####"),
            ("Shimogyō-ku", "Kyoto", "600-8###", "+81 75-###-####"),
            ("Naka-ku", "Yokohama", "231-00##", "+81 45-###-####"),
        ),
        streets=_t("Jingumae, Shibuya, Roppongi, Umeda, Shijo-dori, Motomachi"),
        street_fmt="{no} {street}",
        house_numbers=_t("#-##-#, #-#-##, ##-#"),
        mobiles=_t("+81 90-####-####, +81 80-####-####, +81 70 #### ####"),
        mail_providers=_t("gmail.com, yahoo.co.jp, docomo.ne.jp, icloud.com"),
        company_roots=_t("Sakura, Fujiyama, Kaizen, Hikari, Midori"),
        company_sectors=_t("Robotics, Electronics, Software, Trading"),
        company_suffixes=("K.K.", "Co., Ltd."),
        tld="co.jp",
        family_first=True,
    ),
    _Locale(
        code="IN",
        country="India",
        weight=4,
        given=_t(
            "Priya, Aarav, Rahul, Ananya, Vikram, Sneha, Arjun, Kavya, Rohan, Deepika, Aditya, "
            "Lakshmi, Sanjay, Neha, Karthik, Ishaan"
        ),
        family=_t(
            "Sharma, Patel, Singh, Kumar, Gupta, Reddy, Iyer, Nair, Rao, Mehta, Joshi, Desai, "
            "Chatterjee, Banerjee, Menon, Kapoor"
        ),
        cities=_cities(
            ("Bengaluru", "Karnataka", "5600##", "+91 80 #### ####"),
            ("Mumbai", "Maharashtra", "4000##", "+91 22 #### ####"),
            ("Pune", "Maharashtra", "4110##", "+91 20 #### ####"),
            ("Hyderabad", "Telangana", "5000##", "+91 40 #### ####"),
            ("Chennai", "Tamil Nadu", "6000##", "+91 44 #### ####"),
        ),
        streets=_t("MG Road, Residency Road, Linking Road, Anna Salai, Banjara Hills Road"),
        street_fmt="{no}, {street}",
        house_numbers=_t("#, ##, ###, ##/#"),
        mobiles=_t("+91 98### #####, +91 99### #####, +91 7######### , +91 90### #####"),
        mail_providers=_t("gmail.com, yahoo.co.in, rediffmail.com, outlook.com"),
        company_roots=_t("Ganga, Himalaya, Lotus, Sahyadri, Kaveri"),
        company_sectors=_t("Technologies, Infotech, Analytics, Solutions, Pharma"),
        company_suffixes=_t("Pvt. Ltd., Ltd."),
        tld="in",
    ),
    _Locale(
        code="BR",
        country="Brazil",
        weight=3,
        given=_t(
            "João, José, Ana, Maria, Luís, Gabriel, Letícia, Júlia, Beatriz, Mateus, Thiago, "
            "Camila, Fernanda, Vinícius, Luíza, Caio, Larissa"
        ),
        family=_t(
            "Silva, Santos, Oliveira, Souza, Rodrigues, Ferreira, Alves, Pereira, Lima, Gomes, "
            "Costa, Ribeiro, Martins, Carvalho, Araújo, Conceição, Gonçalves, Magalhães, Brandão"
        ),
        cities=_cities(
            ("São Paulo", "SP", "01###-###", "+55 11 ####-####"),
            ("Rio de Janeiro", "RJ", "2####-###", "+55 21 ####-####"),
            ("Belo Horizonte", "MG", "30###-###", "+55 31 ####-####"),
            ("Curitiba", "PR", "80###-###", "+55 41 ####-####"),
            ("Porto Alegre", "RS", "90###-###", "+55 51 ####-####"),
        ),
        streets=_t(
            "Avenida Paulista, Rua Augusta, Rua Oscar Freire, Avenida Atlântica, Rua das Flores"
        ),
        street_fmt="{street}, {no}",
        house_numbers=_t("##, ###, ####, ### - apto 52"),
        mobiles=_t("+55 11 9####-####, +55 21 9####-####, +55 (11) 9####-####"),
        mail_providers=_t("gmail.com, hotmail.com, uol.com.br, bol.com.br, outlook.com"),
        company_roots=_t("Ipê, Tucano, Cristal, Guanabara, Aurora"),
        company_sectors=_t("Tecnologia, Logística, Energia, Fintech, Agro"),
        company_suffixes=_t("Ltda., S.A."),
        tld="com.br",
    ),
)

#: Microsoft's well-known fictional companies: international employers with .com domains.
_GLOBAL_COMPANIES: tuple[tuple[str, str], ...] = (
    ("Contoso Ltd.", "contoso.com"),
    ("Fabrikam, Inc.", "fabrikam.com"),
    ("Northwind Traders", "northwindtraders.com"),
    ("Adventure Works Cycles", "adventure-works.com"),
    ("Tailspin Toys", "tailspintoys.com"),
    ("Wide World Importers", "wideworldimporters.com"),
    ("Woodgrove Bank", "woodgrovebank.com"),
    ("Litware, Inc.", "litwareinc.com"),
    ("Proseware, Inc.", "proseware.com"),
    ("Coho Winery", "cohowinery.com"),
    ("Alpine Ski House", "alpineskihouse.com"),
    ("Trey Research", "treyresearch.net"),
    ("Lucerne Publishing", "lucernepublishing.com"),
    ("Margie's Travel", "margiestravel.com"),
)

_DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "Engineering": _t(
        "Software Engineer, Senior Software Engineer, Staff Engineer, Engineering Manager, "
        "VP Engineering, Principal Engineer, DevOps Engineer, Backend Developer"
    ),
    "Product": _t("Product Manager, Senior Product Manager, Head of Product, Product Owner"),
    "Design": _t("UX Designer, UX Researcher, Design Lead, Product Designer"),
    "Data": _t("Data Scientist, Data Analyst, Head of Data, Machine Learning Engineer"),
    "Sales": _t("Account Executive, Sales Director, Key Account Manager, Sales Lead DACH"),
    "Marketing": _t("Marketing Manager, Content Strategist, Growth Lead, CMO"),
    "Talent Acquisition": _t(
        "Technical Recruiter, Senior Recruiter, Head of Talent Acquisition, Talent Partner"
    ),
    "People & Culture": _t("HR Business Partner, People Operations Lead, Chief People Officer"),
    "Finance": _t("Controller, Financial Analyst, CFO, Head of Finance"),
    "Operations": _t("Operations Manager, COO, Supply Chain Lead, Project Manager"),
    "Legal": _t("Legal Counsel, General Counsel, Compliance Officer"),
    "Research & Development": _t("Research Scientist, R&D Engineer, Head of R&D"),
    "Customer Success": _t("Customer Success Manager, Solutions Architect, Support Lead"),
}
_DEPARTMENT_NAMES = tuple(_DEPARTMENTS)
_ALL_TITLES = tuple(t for titles in _DEPARTMENTS.values() for t in titles)
_LEADER_TITLES = _t("Founder & CEO, Managing Director, CTO, Co-founder, Partner")
_LOCAL_TITLES: dict[str, tuple[str, ...]] = {
    "DE": _t("Geschäftsführerin, Geschäftsführer, Leiter Vertrieb, Teamleiterin IT, Referentin"),
    "AT": _t("Geschäftsführer, Prokuristin, Abteilungsleiter"),
    "FR": _t("Directrice marketing, Responsable RH, Chef de projet, Ingénieur logiciel"),
    "ES": _t("Directora de ventas, Jefe de proyecto, Responsable de RR. HH."),
}

_TAG_POOL = _t(
    "alumni, recruiter, mentor, former-colleague, hiring-manager, investor, freelancer, "
    "speaker, reference, client, vendor, open-source, founder, classmate, meetup, volunteer, "
    "friend, job-search, board, mentee"
)
#: (name as written in met_at, tag slug, month it usually takes place)
_EVENTS: tuple[tuple[str, str, int], ...] = (
    ("Hannover Messe", "hannover", 4),
    ("Web Summit Lisbon", "web-summit", 11),
    ("VivaTech Paris", "vivatech", 6),
    ("Slush Helsinki", "slush", 11),
    ("DMEXCO Köln", "dmexco", 9),
    ("re:publica Berlin", "republica", 5),
    ("PyCon DE", "pycon-de", 4),
    ("FOSDEM Brussels", "fosdem", 2),
    ("CES Las Vegas", "ces", 1),
    ("SXSW Austin", "sxsw", 3),
    ("MWC Barcelona", "mwc", 2),
    ("IFA Berlin", "ifa", 9),
    ("gamescom", "gamescom", 8),
)
_MET_PLACES = _t(
    "LinkedIn, alumni meetup, university, coworking space, hackathon, career fair, "
    "Berlin Python meetup, friend's wedding, a former colleague's farewell party, "
    "online course, volunteering at the food bank, bootcamp, Twitter/X, Slack community"
)
_NICKNAMES: dict[str, str] = {
    "Maximilian": "Max",
    "Michael": "Mike",
    "Christopher": "Chris",
    "Katarzyna": "Kasia",
    "Małgorzata": "Gosia",
    "Aleksandra": "Ola",
    "Alessandro": "Ale",
    "Giuseppe": "Beppe",
    "Francesca": "Fra",
    "Elisabeth": "Lisi",
    "Alexander": "Alex",
}

_TOPICS = _t(
    "the platform migration, Series B fundraising, the remote-work policy, the Kubernetes "
    "rollout, salary bands, their new team, the data strategy, an open Staff Engineer role, "
    "product-market fit, the reorg, AI tooling, the EU AI Act, hiring plans for next quarter, "
    "their conference talk, mentoring juniors, pricing, supply-chain delays, the move to "
    "Lisbon, parental leave, a side project, the IPO rumours, switching to consulting, "
    "a career change into UX, the hiring freeze, visa sponsorship, four-day weeks"
)
_ROLES = _t(
    "Senior Product Manager, Staff Engineer, Head of Data, Engineering Manager, UX Researcher, "
    "Solutions Architect, Sales Lead DACH, Data Analyst, Platform Engineer, Programme Manager"
)
_PLACES = _t(
    "Café Einstein, their office, a coworking space, Blue Bottle, the station café, "
    "the Italian place near the office, Zoom, Teams, Google Meet, the Kaffeehaus"
)

_SUMMARIES: dict[str, tuple[str, ...]] = {
    "meeting": (
        "Coffee at {place}",
        "Lunch to catch up on {topic}",
        "Met at the {company} office to discuss {topic}",
        "Walk-and-talk about {topic}",
        "Breakfast about the {role} role",
        "Catch-up over drinks in {city}",
        "1:1 about {topic}",
    ),
    "call": (
        "Phone call about {topic}",
        "Quick call: {role} opening at {company}",
        "Video call to catch up",
        "Called to ask about {topic}",
        "Zoom call re {topic}",
        "Missed call, called back later",
    ),
    "email": (
        "Emailed about {topic}",
        "Sent CV for the {role} role at {company}",
        "Shared an article on {topic}",
        "Follow-up email after the intro",
        "Asked for feedback on my portfolio",
        "Re: {topic}",
        "Sent the slides from {event}",
    ),
    "message": (
        "LinkedIn message about {topic}",
        "WhatsApp: congrats on the new job at {company}",
        "Signal chat about {topic}",
        "Slack DM about {topic}",
        "Texted happy birthday",
        "LinkedIn: connected after {event}",
    ),
    "note": (
        "Heard they're leaving {company}",
        "Started a new role at {company}",
        "Promoted to {role}",
        "Moved to {city}",
        "Mentioned they're hiring a {role}",
        "Reminder: interested in {topic}",
    ),
    "event": (
        "Met at {event}",
        "Saw them speak at {event}",
        "{event}: visited the {company} booth",
        "Meetup on {topic} in {city}",
        "Alumni evening in {city}",
        "Panel on {topic} at {event}",
    ),
    "interview": (
        "First-round interview for {role} at {company}",
        "Technical interview at {company}",
        "Final round with {company} leadership",
        "Informational interview about {role} roles",
        "Case-study presentation at {company}",
    ),
    "thank-you sent": (
        "Thank-you note after the interview at {company}",
        "Thanked them for the intro to {company}",
        "Sent a thank-you card",
        "Thanked them for the advice on {topic}",
    ),
    "introduction": (
        "Introduced to someone at {company}",
        "Intro re the {role} opening at {company}",
        "Warm intro to a {role} at {company}",
        "Introduction for advice on {topic}",
    ),
    "help given": (
        "Reviewed their CV",
        "Shared contacts at {company}",
        "Gave feedback on their pitch deck",
        "Referred them for the {role} role at {company}",
        "Helped them prepare for the interview at {company}",
    ),
    "help received": (
        "Got feedback on my CV",
        "Referral for the {role} role at {company}",
        "Advice on {topic}",
        "Salary negotiation tips",
        "Mock interview practice",
    ),
    "advice": (
        "Advice on moving into {topic}",
        "Tips on the {role} market in {city}",
        "Told me which teams at {company} are growing",
    ),
    "reference": (
        "Agreed to be a reference for {company}",
        "Gave a reference call to {company}",
    ),
    "news shared": (
        "Shared my news: new role at {company}",
        "Told them about the move to {city}",
    ),
}
_NOTE_SENTENCES = (
    "Their main focus this year: {topic}.",
    "Promised to send the slides.",
    "Follow up in two weeks.",
    "Good chemistry; keep warm.",
    "{company} is hiring in {city} — ask again next quarter.",
    "Their manager is looking for a {role}.",
    "Recommended reading: “The Manager's Path”.",
    "Busy season for them until the end of the month.",
    "Prefers Signal over email.",
    "Open to coffee next time I'm in {city}.",
    "Knows the hiring manager at {company}.",
    "Asked me to keep them posted on {topic}.",
    "Mentioned a budget freeze at {company}.",
    "Suggested I talk to their former team lead.",
)
#: (type, relative frequency)
_TYPE_WEIGHTS: dict[str, int] = {
    "email": 28,
    "message": 18,
    "call": 14,
    "meeting": 12,
    "note": 8,
    "event": 5,
    "thank-you sent": 4,
    "interview": 3,
    "introduction": 3,
    "help given": 3,
    "help received": 2,
    "advice": 2,
    "reference": 1,
    "news shared": 1,
}
if set(_TYPE_WEIGHTS) != set(INTERACTION_TYPES):  # pragma: no cover - guards model changes
    raise RuntimeError("demodata: _TYPE_WEIGHTS is out of step with INTERACTION_TYPES")

_CONTACT_NOTES = (
    "Met at the {event} booth; interested in {topic}.",
    "Knows everyone in the {city} start-up scene.",
    "Prefers phone calls over email.",
    "Former team lead at {company}. Great mentor.",
    "Two kids, runs marathons.\nAsk about the Berlin marathon.",
    "Offered to review my CV.",
    "Hiring for a {role} — check back in spring.",
    "Vegetarian; likes the Italian place near the office.",
    "Speaks German, English and Portuguese.",
    "Introduced me to the team at {company}.",
    "Alumni network contact. Works on {topic}.",
)

_FOLLOW_UP_REASONS = (
    "Send thank-you note",
    "Ask about the opening at {company}",
    "Send CV for the {role} role",
    "Follow up on the intro to {company}",
    "Share the article on {topic}",
    "Congratulate on the new role",
    "Check in after {event}",
    "Book a coffee",
    "Reply to their LinkedIn message",
    "Send portfolio link",
    "Ask for a referral at {company}",
    "Ask for news on {topic}",
    "Send the slides",
    "Invite to the alumni dinner",
)

_ALL_CITIES: tuple[str, ...] = tuple(
    dict.fromkeys(c.locality for loc in _LOCALES for c in loc.cities)
)
_EVENT_NAMES = tuple(e[0] for e in _EVENTS)

_GERMANIC = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


@cache
def _ascii_slug(text: str, germanic: bool = False) -> str:
    """Lower-case ASCII letters and digits only: 'Müller' -> 'muller' (or 'mueller')."""
    if "|" in text:
        text = text.split("|", 1)[1]
    if germanic:
        text = text.translate(_GERMANIC)
    return "".join(ch for ch in fold(text) if "a" <= ch <= "z" or "0" <= ch <= "9")


@cache
def _companies(locale_code: str) -> tuple[tuple[str, str], ...]:
    """(name, domain) pairs: root x sector x suffix, each with a plausible domain."""
    loc = next(x for x in _LOCALES if x.code == locale_code)
    out: list[tuple[str, str]] = []
    for i, root in enumerate(loc.company_roots):
        for j, sector in enumerate(loc.company_sectors):
            suffix = loc.company_suffixes[(i + j) % len(loc.company_suffixes)]
            slug_root = _ascii_slug(root, loc.umlaut_ae)
            slug_sector = _ascii_slug(sector, loc.umlaut_ae)
            domain = (
                f"{slug_root}-{slug_sector}.{loc.tld}" if (i + j) % 3 else f"{slug_root}.{loc.tld}"
            )
            out.append((f"{root} {sector} {suffix}", domain))
    return tuple(out)


def _all_companies() -> tuple[tuple[str, str], ...]:
    return tuple(c for loc in _LOCALES for c in _companies(loc.code)) + _GLOBAL_COMPANIES


# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------

_DIGITS = "0123456789"
_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # UK postcode inward letters (no C, I, K, M, O, V)


class _Rng(random.Random):
    """``random.Random`` with cheaper picks: one ``random()`` call each instead of
    ``_randbelow``'s loop. The bias is far below 2**-40 for the sizes used here."""

    def pick(self, seq: Sequence[_T]) -> _T:
        return seq[int(self.random() * len(seq))]

    def range(self, start: int, stop: int | None = None) -> int:
        """Like ``randrange(start, stop)``."""
        if stop is None:
            return int(self.random() * start)
        return start + int(self.random() * (stop - start))


@cache
def _compile_pattern(pattern: str) -> tuple[str, int]:
    """A '#' pattern as a str.format template with one field per digit."""
    template = pattern.replace("{", "{{").replace("}", "}}").replace("#", "{}")
    return template, pattern.count("#")


def _fill(pattern: str, rng: _Rng) -> str:
    """Replace '#' with random digits and '?' with random capital letters."""
    if "?" in pattern:
        pick = rng.pick
        return "".join(
            pick(_DIGITS) if ch == "#" else pick(_LETTERS) if ch == "?" else ch for ch in pattern
        )
    template, n = _compile_pattern(pattern)
    if not n:
        return pattern
    return template.format(*f"{rng.range(10**n):0{n}d}")


def _us_style(number: str, rng: _Rng) -> str:
    """Retype a '+1 AAA EEE NNNN' number the way Americans write it."""
    d = "".join(ch for ch in number if ch.isdigit())[1:]
    a, e, n = d[:3], d[3:6], d[6:]
    style = rng.range(5)
    if style == 0:
        return f"({a}) {e}-{n}"
    if style == 1:
        return f"{a}-{e}-{n}"
    if style == 2:
        return f"{a}.{e}.{n}"
    if style == 3:
        return f"+1 {a}-{e}-{n}"
    return number


def _phone(pattern: str, rng: _Rng) -> str:
    # the first free digit is never 0 (no trunk prefix or leading zero in a subscriber number)
    first = pattern.find("#")
    if first >= 0:
        pattern = f"{pattern[:first]}{rng.range(1, 10)}{pattern[first + 1 :]}"
    number = _fill(pattern, rng)
    if number.startswith("+1 "):
        return _us_style(number, rng)
    return number


def _weighted_index(cum: Sequence[float], rng: _Rng) -> int:
    return bisect(cum, rng.random() * cum[-1])


def _cumulative(weights: Sequence[float]) -> tuple[float, ...]:
    total = 0.0
    out: list[float] = []
    for w in weights:
        total += w
        out.append(total)
    return tuple(out)


def _resolve_today(today: date | None) -> date:
    return today if today is not None else date.today()


def _check_counts(**counts: int) -> None:
    for name, value in counts.items():
        if value < 0:
            raise ValueError(f"{name} must not be negative (got {value})")


# --------------------------------------------------------------------------------------
# Contacts
# --------------------------------------------------------------------------------------

_LOCALE_CUM = _cumulative([loc.weight for loc in _LOCALES])


def _birthday(rng: _Rng, today: date) -> PartialDate:
    r = rng.random()
    no_year = r < 0.2
    if rng.random() < 0.01:  # born on 29 February
        if no_year:
            return PartialDate(2, 29)
        year = rng.range(today.year - 68, today.year - 20)
        while not calendar.isleap(year):
            year -= 1
        return PartialDate(2, 29, year)
    d = date(2001, 1, 1) + timedelta(days=rng.range(365))  # a common year
    if no_year:
        return PartialDate(d.month, d.day)
    return PartialDate(d.month, d.day, rng.range(today.year - 68, today.year - 20))


def _address(loc: _Locale, rng: _Rng, label: str, city: _City | None = None) -> Address:
    city = city or rng.pick(loc.cities)
    street = loc.street_fmt.format(
        street=rng.pick(loc.streets), no=_fill(rng.pick(loc.house_numbers), rng)
    )
    return Address(
        street=street,
        locality=city.locality,
        region=city.region,
        postal_code=_fill(city.postal, rng),
        country=loc.country,
        label=label,
    )


def _company_contact(index: int, loc: _Locale, rng: _Rng, today: date) -> Contact:
    name, domain = rng.pick(_companies(loc.code))
    city = rng.pick(loc.cities)
    emails = [Email(f"{rng.pick(('info', 'contact', 'hello', 'office'))}@{domain}", "work", True)]
    if rng.random() < 0.6:
        emails.append(Email(f"{rng.pick(('jobs', 'careers', 'recruiting'))}@{domain}", "work"))
    phones = [Phone(_phone(city.landline, rng), label="work", pref=True)]
    if rng.random() < 0.35:
        phones.append(Phone(_phone(city.landline, rng), label="fax"))
    tags = ["employer"] if rng.random() < 0.5 else []
    if rng.random() < 0.3:
        tags.append("target-company")
    return Contact(
        uid=f"demo-{index}@netdesk",
        display_name=name,
        organization=name,
        department=rng.pick(("", "", "Talent Acquisition", "Human Resources")),
        emails=tuple(emails),
        phones=tuple(phones),
        addresses=(_address(loc, rng, "work", city),),
        urls=(Url(f"https://www.{domain}/", "work"),),
        notes=rng.pick(("", "", "Careers page lists openings every Monday.", "Applied here once.")),
        tags=tuple(tags),
        cadence_days=rng.pick((None, None, 91, 182)),
    )


def _person_contact(index: int, loc: _Locale, rng: _Rng, today: date) -> Contact:
    rand = rng.random
    choice = rng.pick
    given_raw = choice(loc.given)
    # about one in ten people carry a family name from elsewhere
    fam_loc = loc if rand() >= 0.1 else _LOCALES[_weighted_index(_LOCALE_CUM, rng)]
    if fam_loc.family_first or loc.family_first:
        fam_loc = loc
    family_raw = choice(fam_loc.family)
    if loc.code == "ES" and rand() < 0.5:
        family_raw = f"{family_raw} {choice(loc.family)}"
    if loc.code == "PL" and given_raw.endswith("a") and family_raw.endswith(("ski", "cki", "dzki")):
        family_raw = family_raw[:-1] + "a"

    additional = ""
    display = ""
    germanic = loc.umlaut_ae or fam_loc.umlaut_ae
    if loc.code == "JP":
        g_kanji, g_romaji = given_raw.split("|")
        f_kanji, f_romaji = family_raw.split("|")
        if rand() < 0.6:
            given, family = g_kanji, f_kanji
            display = f"{family} {given}"
        else:
            given, family = g_romaji, f_romaji
    elif loc.code == "VN":
        given, family = given_raw, family_raw
        additional = choice(("Văn", "Thị", "Minh", "Đức", "Ngọc", "Thanh", "Hữu", "Quang", ""))
        display = " ".join(p for p in (family, additional, given) if p)
    else:
        given, family = given_raw, family_raw.split("|")[-1]

    g_slug = _ascii_slug(given_raw, germanic)
    f_slug = _ascii_slug(family_raw.split(" ")[0] if loc.code == "ES" else family_raw, germanic)

    prefix = suffix = nickname = ""
    if loc.code in ("DE", "AT", "CH") and rand() < 0.06:
        prefix = choice(("Dr.", "Dr.", "Prof. Dr.", "Dipl.-Ing."))
    elif loc.code in ("US", "GB") and rand() < 0.03:
        suffix = choice(("PhD", "Jr.", "MBA"))
    if given in _NICKNAMES and rand() < 0.5:
        nickname = _NICKNAMES[given]
    if display and (prefix or suffix):
        display = ""

    # work
    organization = department = title = ""
    domain = ""
    r = rand()
    if r < 0.82:
        if r < 0.55:
            organization, domain = choice(_companies(loc.code))
        elif r < 0.72:
            organization, domain = choice(_GLOBAL_COMPANIES)
        else:
            other = _LOCALES[_weighted_index(_LOCALE_CUM, rng)]
            organization, domain = choice(_companies(other.code))
        if rand() < 0.6:
            department = choice(_DEPARTMENT_NAMES)
            title = choice(_DEPARTMENTS[department])
        elif rand() < 0.2:
            title = choice(_LEADER_TITLES)
        else:
            title = choice(_LOCAL_TITLES.get(loc.code) or _ALL_TITLES)
    elif r < 0.9:
        title = choice(("Freelance Developer", "Independent Consultant", "Freelance Designer"))

    # emails: work and/or home, exactly one preferred
    emails: list[Email] = []
    n_emails = 1 + (rand() < 0.45) + (rand() < 0.12)
    patterns = (
        f"{g_slug}.{f_slug}",
        f"{g_slug[:1]}.{f_slug}",
        f"{g_slug}{f_slug}",
        f"{f_slug}.{g_slug}",
        f"{g_slug}_{f_slug[:1]}",
        f"{g_slug}",
    )
    if domain:
        emails.append(Email(f"{choice(patterns[:4])}@{domain}", "work"))
    while len(emails) < n_emails:
        local = choice(patterns)
        if rand() < 0.4:
            local += str(rng.range(1, 99) if rand() < 0.7 else rng.range(1960, 2005))
        value = f"{local}@{choice(loc.mail_providers)}"
        if all(e.value != value for e in emails):
            emails.append(Email(value, "home"))
        else:
            break
    pref = rng.range(len(emails))
    emails = [Email(e.value, e.label, i == pref) for i, e in enumerate(emails)]

    # phones
    phones: list[Phone] = []
    city = choice(loc.cities)
    n_phones = _weighted_index((0.15, 0.65, 0.9, 1.0), rng)
    for i in range(n_phones):
        if i == 0 or (i == 1 and rand() < 0.3):
            phones.append(Phone(_phone(choice(loc.mobiles), rng), label="mobile", pref=i == 0))
        elif i == 1 or rand() < 0.6:
            phones.append(Phone(_phone(city.landline, rng), label="work"))
        else:
            phones.append(Phone(_phone(city.landline, rng), label="fax"))

    addresses: tuple[Address, ...] = ()
    if rand() < 0.4:
        addresses = (_address(loc, rng, choice(("home", "work", "work")), city),)
        if rand() < 0.08:
            addresses += (_address(loc, rng, "home"),)

    urls: tuple[Url, ...] = ()
    if rand() < 0.3:
        if rand() < 0.75:
            handle = f"{g_slug}-{f_slug}"
            if rand() < 0.6:
                handle += f"-{rng.range(16**6):06x}"
            urls = (Url(f"https://www.linkedin.com/in/{handle}", "linkedin"),)
        else:
            site = choice((f"{g_slug}{f_slug}.dev", f"{g_slug}.{f_slug}.me", f"{f_slug}.io"))
            urls = (Url(f"https://{site}", "home"),)

    birthday = _birthday(rng, today) if rand() < 0.6 else None

    # where we met, tags
    met_at = ""
    met_on: date | None = None
    tags: list[str] = []
    r = rand()
    if r < 0.18:
        name, slug, month = choice(_EVENTS)
        year = today.year - rng.range(0, 6)
        if (year, month) > (today.year, today.month):
            year -= 1
        met_on = date(year, month, rng.range(1, 29))
        if met_on > today:
            met_on = met_on.replace(year=year - 1)
        met_at = name if rand() < 0.7 else f"{name}, booth {choice('ABCDEFGH')}{rng.range(1, 60)}"
        tags.append(f"{slug}-{met_on.year}")
    elif r < 0.35:
        met_at = choice(_MET_PLACES)
        if rand() < 0.6:
            met_on = today - timedelta(days=rng.range(30, 10 * 365))
    n_tags = _weighted_index((0.35, 0.7, 0.9, 1.0), rng)
    while len(tags) < n_tags:
        tag = choice(_TAG_POOL)
        if tag not in tags:
            tags.append(tag)
    if department == "Talent Acquisition" and "recruiter" not in tags and rand() < 0.7:
        tags.append("recruiter")

    notes = ""
    if rand() < 0.25:
        notes = (
            choice(_CONTACT_NOTES)
            .format(
                event=choice(_EVENT_NAMES),
                topic=choice(_TOPICS),
                city=city.locality,
                company=organization or choice(_GLOBAL_COMPANIES)[0],
                role=choice(_ROLES),
            )
            .replace("..", ".")
        )

    cadence: int | None = None
    if rand() < 0.5:
        cadence = (14, 30, 30, 91, 91, 91, 182, 182, 365, 365)[rng.range(10)]
    starred = rand() < 0.03

    return Contact(
        uid=f"demo-{index}@netdesk",
        display_name=display,
        prefix=prefix,
        given_name=given,
        additional_names=additional,
        family_name=family,
        suffix=suffix,
        nickname=nickname,
        organization=organization,
        department=department,
        title=title,
        emails=tuple(emails),
        phones=tuple(phones),
        addresses=addresses,
        urls=urls,
        birthday=birthday,
        notes=notes,
        tags=tuple(tags),
        met_at=met_at,
        met_on=met_on,
        cadence_days=cadence,
        starred=starred,
    )


def generate_contacts(
    count: int, *, seed: int = DEFAULT_SEED, today: date | None = None
) -> Iterator[Contact]:
    """``count`` contacts without ids; contact ``n`` has uid ``demo-<n>@netdesk``.

    About 5 % are company-only cards; the rest are people from 17 countries. Contact 0 is
    the long-standing mentor whom the interaction generator makes the heaviest contact.
    """
    _check_counts(count=count)
    day = _resolve_today(today)
    rng = _Rng(f"netdesk-demo/contacts/{seed}")
    for index in range(count):
        loc = _LOCALES[_weighted_index(_LOCALE_CUM, rng)]
        if index != 0 and rng.random() < 0.05:
            yield _company_contact(index, loc, rng, day)
            continue
        contact = _person_contact(index, loc, rng, day)
        if index == 0:
            tags = tuple(dict.fromkeys(("mentor", "former-colleague", *contact.tags)))
            contact = contact.with_changes(
                tags=tags[:4],
                starred=True,
                cadence_days=14,
                notes="My first team lead. We talk every couple of weeks.",
            )
        yield contact


# --------------------------------------------------------------------------------------
# Interactions
# --------------------------------------------------------------------------------------

_TYPE_NAMES = tuple(_TYPE_WEIGHTS)
_TYPE_CUM = _cumulative(tuple(_TYPE_WEIGHTS.values()))
#: types that usually happen on working days, at round times
_OFFICE_TYPES = frozenset({"meeting", "call", "interview", "introduction", "event"})
#: types that may involve several contacts
_GROUP_TYPES = ("meeting", "call", "email", "event", "interview", "message")
_MINUTES = tuple(timedelta(minutes=m) for m in range(24 * 60))


def _coprime_multiplier(n: int) -> int:
    """A multiplier that permutes range(n) (x -> x * m mod n), to scatter heavy contacts."""
    if n <= 2:
        return 1
    m = int(n * 0.618034) | 1
    while math.gcd(m, n) != 1:
        m += 2
    return m


class _ContactPicker:
    """Who an interaction is with: a power law over the active contacts, scattered over the
    index range, plus a fixed share for contact 0. The last ``DORMANT_SHARE`` of the indexes
    never come up (contacts you never interacted with)."""

    __slots__ = ("active", "multiplier", "rng")

    def __init__(self, contact_count: int, rng: _Rng) -> None:
        dormant = int(contact_count * DORMANT_SHARE) if contact_count >= 10 else 0
        self.active = contact_count - dormant
        self.multiplier = _coprime_multiplier(self.active)
        self.rng = rng

    def main(self) -> int:
        u = self.rng.random()
        if u < HEAVY_CONTACT_SHARE:
            return 0
        u = self.rng.random()
        rank = int(self.active * u * u)
        return (rank * self.multiplier) % self.active

    def other(self, exclude: Sequence[int]) -> int | None:
        if self.active <= len(exclude):
            return None
        while True:
            idx = self.rng.range(self.active)
            if idx not in exclude:
                return idx


def generate_interactions(
    contact_count: int,
    count: int,
    *,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
) -> Iterator[Interaction]:
    """``count`` interactions over the last six years; ``contact_ids`` and ``introducer_id``
    are 0-based indexes into ``generate_contacts(contact_count)``.

    Dates lean towards the recent past and are not sorted. Contact 0 gets about 2.5 % of
    them; a power law spreads the rest, and the last tenth of the contacts get none.
    """
    _check_counts(contact_count=contact_count, count=count)
    if not contact_count:
        return  # nothing to refer to
    day = _resolve_today(today)
    rng = _Rng(f"netdesk-demo/interactions/{seed}")
    picker = _ContactPicker(contact_count, rng)
    midnight = datetime(day.year, day.month, day.day)
    days = tuple(midnight - timedelta(days=d) for d in range(HISTORY_DAYS + 1))
    weekdays = tuple(d.weekday() for d in days)
    minutes = _MINUTES
    rand = rng.random
    randrange = rng.range
    choice = rng.pick
    companies = _all_companies()
    cities = _ALL_CITIES
    type_names = _TYPE_NAMES
    type_cum = _TYPE_CUM
    type_total = type_cum[-1]
    summaries = _SUMMARIES
    office = _OFFICE_TYPES
    group_types = _GROUP_TYPES
    can_introduce = picker.active >= 2

    for _ in range(count):
        kind = type_names[bisect(type_cum, rand() * type_total)]
        if kind == "introduction" and not can_introduce:
            kind = "meeting"

        # when: skewed towards today, but never later than yesterday (a time of day "today"
        # could lie in the future); office things on working days at round times
        age = max(1, int(HISTORY_DAYS * rand() ** 2))
        if kind in office:
            wd = weekdays[age]
            if wd >= 5 and rand() < 0.85:
                age += wd - 4  # back to Friday
                if age > HISTORY_DAYS:
                    age -= 7
            minute = 480 + 15 * randrange(44)  # 08:00 .. 18:45
        else:
            minute = 420 + randrange(900)  # 07:00 .. 21:59
        occurred = days[age] + minutes[minute]

        company = choice(companies)[0]
        topic = choice(_TOPICS)
        template = choice(summaries[kind])
        summary = template.format(
            company=company,
            topic=topic,
            role=choice(_ROLES) if "{role}" in template else "",
            place=choice(_PLACES) if "{place}" in template else "",
            city=choice(cities) if "{city}" in template else "",
            event=choice(_EVENT_NAMES) if "{event}" in template else "",
        )

        first = picker.main()
        introducer: int | None = None
        if kind == "introduction":
            other = picker.other((first,))
            assert other is not None
            if rand() < 0.5:  # the main contact introduces, or is introduced
                contact_ids: tuple[int, ...] = (other, first)
                introducer = first
            else:
                contact_ids = (first, other)
                introducer = other
        elif kind in group_types and rand() < 0.065:
            ids = [first]
            for _extra in range(1 + (rand() < 0.3)):
                other = picker.other(ids)
                if other is not None:
                    ids.append(other)
            contact_ids = tuple(ids)
        else:
            contact_ids = (first,)

        notes = ""
        r = rand()
        if r < 0.35:
            n = 1 if r < 0.22 else 2 if r < 0.31 else 3
            notes = " ".join(
                choice(_NOTE_SENTENCES).format(
                    topic=topic, company=company, city=choice(cities), role=choice(_ROLES)
                )
                for _s in range(n)
            )
            if n == 3:
                notes = notes.replace(". ", ".\n", 1)
            if ".." in notes:  # a company name ending in "Ltd." closed the sentence
                notes = notes.replace("..", ".")

        yield Interaction(
            occurred_at=occurred,
            type=kind,
            summary=summary,
            contact_ids=contact_ids,
            notes=notes,
            introducer_id=introducer,
        )


# --------------------------------------------------------------------------------------
# Follow-ups
# --------------------------------------------------------------------------------------


def generate_follow_ups(
    contact_count: int,
    count: int,
    *,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
) -> Iterator[FollowUp]:
    """``count`` follow-ups due between 30 days ago and 60 days ahead; ``contact_id`` is a
    0-based index. About half of the past ones are done, some open ones are snoozed."""
    _check_counts(contact_count=contact_count, count=count)
    if not contact_count:
        return  # nothing to refer to
    day = _resolve_today(today)
    rng = _Rng(f"netdesk-demo/follow-ups/{seed}")
    rand = rng.random
    randrange = rng.range
    choice = rng.pick
    companies = _all_companies()
    for _ in range(count):
        contact = 0 if rand() < 0.02 else randrange(contact_count)
        due = day + timedelta(days=randrange(-30, 61))
        reason = choice(_FOLLOW_UP_REASONS).format(
            company=choice(companies)[0],
            role=choice(_ROLES),
            topic=choice(_TOPICS),
            event=choice(_EVENT_NAMES),
        )
        done_on: date | None = None
        snoozed: date | None = None
        if due <= day:
            if rand() < 0.5:
                done_on = min(day, due + timedelta(days=randrange(-3, 6)))
        elif rand() < 0.08:
            done_on = day - timedelta(days=randrange(0, 6))
        if done_on is None and rand() < 0.12:
            snoozed = max(due, day) + timedelta(days=randrange(2, 22))
        yield FollowUp(
            contact_id=contact, due=due, reason=reason, done_on=done_on, snoozed_until=snoozed
        )
