"""Per-country reference data: given and family names, cities with postcodes and phone
patterns, streets, mobile numbers, mail providers and company names (with their domains).
Standard library and core only."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from netdesk.core.text import fold
from netdesk.demo.vocabulary import GLOBAL_COMPANIES, words


@dataclass(frozen=True, slots=True)
class City:
    locality: str
    region: str
    #: '#' is a random digit, '?' a random capital letter
    postal: str
    #: office phone pattern in this city ('#' is a random digit)
    landline: str


@dataclass(frozen=True, slots=True)
class Locale:
    code: str
    country: str
    weight: int
    given: tuple[str, ...]
    family: tuple[str, ...]
    cities: tuple[City, ...]
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


def _cities(*rows: tuple[str, str, str, str]) -> tuple[City, ...]:
    return tuple(City(*row) for row in rows)


_GERMAN_SECTORS = words(
    "Logistik, Software, Maschinenbau, Medizintechnik, Energie, Consulting, Automotive, "
    "Analytics, Robotik, Versicherungen"
)

LOCALES: tuple[Locale, ...] = (
    Locale(
        code="DE",
        country="Germany",
        weight=20,
        given=words(
            "Anna, Lena, Jonas, Lukas, Jürgen, Sören, Björn, Käthe, Sabine, Maximilian, Felix, "
            "Katrin, Jörg, Uwe, Ute, Mareike, Tobias, Hannah, Leonie, Matthias, Stefanie, "
            "Özlem, Emre, Günther, Anke, Thorsten, Frauke, Malte, Doris, Henrik"
        ),
        family=words(
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
        streets=words(
            "Hauptstraße, Bahnhofstraße, Schillerstraße, Goethestraße, Friedrichstraße, Am Markt, "
            "Lindenallee, Königsallee, Torstraße, Mühlenweg, Kastanienallee, Schönhauser Allee"
        ),
        street_fmt="{street} {no}",
        house_numbers=words("#, ##, ##a, ###, #b"),
        mobiles=words(
            "+49 17# #######, +49 160 #######, +49 151 ########, +49 (0)176 ########, "
            "+49 157 ########, +4917# #######"
        ),
        mail_providers=words("gmx.de, web.de, t-online.de, gmail.com, posteo.de, outlook.de"),
        company_roots=words(
            "Nordwind, Alpenblick, Rheinwerk, Kessler & Voss, Brückner, Sonnenfeld, Elbtal, "
            "Hanseatic, Weißdorn, Lindgrün, Fährmann, Spreewerk"
        ),
        company_sectors=_GERMAN_SECTORS,
        company_suffixes=words("GmbH, AG, SE, GmbH & Co. KG"),
        tld="de",
        umlaut_ae=True,
    ),
    Locale(
        code="US",
        country="United States",
        weight=18,
        given=words(
            "James, Mary, Michael, Jennifer, David, Sarah, Chris, Ashley, Zoë, Renée, DeShawn, "
            "Aaliyah, Mateo, Priya, Wei, Kevin, Emily, Olivia, Ethan, Noah, Madison, Tyler, "
            "Brianna, Marcus, Jordan, Kayla"
        ),
        family=words(
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
        streets=words(
            "Market St, Main Street, 5th Ave, Elm Street, Oak Avenue, Broadway, Mission St, "
            "Pine St, Maple Drive, Congress Ave, Peachtree St NE"
        ),
        street_fmt="{no} {street}",
        house_numbers=words("##, ###, ####, ###\nSuite 400, ####\nApt 4B, ###\nFloor 12"),
        mobiles=words("+1 415 555 01##, +1 646 555 01##, +1 917 555 01##, +1 650 555 01##"),
        mail_providers=words("gmail.com, outlook.com, yahoo.com, icloud.com, hotmail.com"),
        company_roots=words(
            "Brightwater, Summit Ridge, Blue Heron, Ironclad, Lakeshore, Redwood, Northstar, "
            "Granite Peak, Silverline, Cedar & Pine"
        ),
        company_sectors=words(
            "Analytics, Health, Labs, Capital, Robotics, Logistics, Software, Media, Energy"
        ),
        company_suffixes=words("Inc., LLC, Corp., Inc."),
        tld="com",
    ),
    Locale(
        code="GB",
        country="United Kingdom",
        weight=10,
        given=words(
            "Oliver, Amelia, George, Isla, Harry, Ava, Jack, Sophie, Zoë, Siobhán, Niamh, Rhys, "
            "Eilidh, Callum, Imogen, Alfie, Gráinne, Dafydd"
        ),
        family=words(
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
        streets=words(
            "High Street, Station Road, Church Lane, Victoria Road, Queen Street, Mill Lane, "
            "Princes Street, Old Street"
        ),
        street_fmt="{no} {street}",
        house_numbers=words("#, ##, ###, Flat 3\n##"),
        mobiles=words("+44 75## ######, +44 (0)79## ######, +4477########, +44 78## ### ###"),
        mail_providers=words("gmail.com, hotmail.co.uk, btinternet.com, outlook.com, icloud.com"),
        company_roots=words(
            "Thamesgate, Kestrel, Harrowfield, Albion, Greystone, Wexford & Hale, Blackfriars"
        ),
        company_sectors=words("Consulting, Partners, Digital, Analytics, Insurance, Logistics"),
        company_suffixes=words("Ltd, plc, LLP, Ltd"),
        tld="co.uk",
    ),
    Locale(
        code="FR",
        country="France",
        weight=8,
        given=words(
            "Camille, Léa, Chloé, Manon, Inès, Hélène, Amélie, Françoise, Élodie, Théo, Hugo, "
            "Louis, Gabriel, Raphaël, Jérôme, François, Benoît, Noël, Maël, Zoé"
        ),
        family=words(
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
        streets=words(
            "rue de la République, boulevard Saint-Germain, rue du Faubourg Saint-Antoine, "
            "avenue Jean Jaurès, place Bellecour, rue Victor Hugo, quai des Chartrons"
        ),
        street_fmt="{no} {street}",
        house_numbers=words("#, ##, ## bis, ###"),
        mobiles=words("+33 6 ## ## ## ##, +33 7 ## ## ## ##, +336########"),
        mail_providers=words("orange.fr, free.fr, gmail.com, laposte.net, sfr.fr"),
        company_roots=words(
            "Lumière, Atelier Bleu, Belle Rive, Clairvoyance, Mistral, Vauban, Pont-Neuf"
        ),
        company_sectors=words("Conseil, Numérique, Énergie, Santé, Logistique, Aéro"),
        company_suffixes=words("SAS, SA, SARL"),
        tld="fr",
    ),
    Locale(
        code="PL",
        country="Poland",
        weight=6,
        given=words(
            "Łukasz, Paweł, Michał, Tomasz, Krzysztof, Piotr, Wojciech, Agnieszka, Małgorzata, "
            "Katarzyna, Joanna, Zofia, Grażyna, Jędrzej, Bartłomiej, Anna, Magdalena, Aleksandra"
        ),
        family=words(
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
        streets=words(
            "ul. Marszałkowska, ul. Długa, ul. Piotrkowska, ul. Floriańska, al. Jerozolimskie, "
            "ul. Świętokrzyska"
        ),
        street_fmt="{street} {no}",
        house_numbers=words("#, ##, ##/#, ##/##"),
        mobiles=words("+48 60# ### ###, +48 50# ### ###, +48 69# ### ###, +48 79#######"),
        mail_providers=words("wp.pl, onet.pl, gmail.com, interia.pl, o2.pl"),
        company_roots=words("Wisła, Bursztyn, Polmed, Tatra, Orzeł, Mazovia, Bałtyk"),
        company_sectors=words("Software, Logistyka, Energia, Consulting, Fintech"),
        company_suffixes=words("Sp. z o.o., S.A."),
        tld="pl",
    ),
    Locale(
        code="ES",
        country="Spain",
        weight=5,
        given=words(
            "José, María, Jesús, Lucía, Álvaro, Sofía, Martín, Inés, Begoña, Íñigo, Ramón, "
            "Carmen, Pilar, Javier, Raúl, Nuria, Andrés, Ainhoa"
        ),
        family=words(
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
        streets=words(
            "Calle de Alcalá, Gran Vía, Passeig de Gràcia, Calle Mayor, "
            "Avenida de la Constitución, Calle de Serrano"
        ),
        street_fmt="{street}, {no}",
        house_numbers=words("#, ##, ##\n3º B, ###"),
        mobiles=words("+34 6## ### ###, +34 6## ## ## ##, +34 7## ### ###"),
        mail_providers=words("gmail.com, hotmail.es, yahoo.es, telefonica.net, outlook.es"),
        company_roots=words("Sol y Mar, Ibérica, Alhambra, Cantábrico, Mediterránea, Levante"),
        company_sectors=words("Tecnología, Energía, Consultoría, Logística, Turismo"),
        company_suffixes=words("S.L., S.A."),
        tld="es",
    ),
    Locale(
        code="NL",
        country="Netherlands",
        weight=4,
        given=words(
            "Daan, Sem, Lotte, Sanne, Femke, Bram, Joost, Anouk, Maarten, Ruud, Eline, Thijs, "
            "Wouter, Marieke"
        ),
        family=words(
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
        streets=words(
            "Keizersgracht, Prinsengracht, Damrak, Stationsplein, Oudegracht, Coolsingel"
        ),
        street_fmt="{street} {no}",
        house_numbers=words("#, ##, ###, ##-II"),
        mobiles=words("+31 6 ########, +31 6 #### ####, +31 (0)6 ########"),
        mail_providers=words("gmail.com, ziggo.nl, kpnmail.nl, hotmail.nl, outlook.com"),
        company_roots=words("Oranje, Tulip, Polder, Windmolen, Delta, Grachtenhuis"),
        company_sectors=words("Logistics, Software, Fintech, Agritech, Consultancy"),
        company_suffixes=words("B.V., N.V."),
        tld="nl",
    ),
    Locale(
        code="IT",
        country="Italy",
        weight=4,
        given=words(
            "Giuseppe, Marco, Alessandro, Francesca, Giulia, Chiara, Niccolò, Lorenzo, Matteo, "
            "Sara, Elena, Federica, Andrea, Luca, Davide, Martina"
        ),
        family=words(
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
        streets=words("Via Roma, Corso Buenos Aires, Via Torino, Piazza Duomo, Via Garibaldi"),
        street_fmt="{street}, {no}",
        house_numbers=words("#, ##, ##/A, ###"),
        mobiles=words("+39 3## ### ####, +39 3########, +39 34# ### ####"),
        mail_providers=words("libero.it, gmail.com, virgilio.it, alice.it, tiscali.it"),
        company_roots=words("Aurora, Vesuvio, Dolomiti, Laguna, Palladio, Sforza"),
        company_sectors=words("Meccanica, Design, Software, Energia, Moda"),
        company_suffixes=words("S.p.A., S.r.l."),
        tld="it",
    ),
    Locale(
        code="DK",
        country="Denmark",
        weight=3,
        given=words(
            "Søren, Mette, Jørgen, Lærke, Mads, Frederik, Freja, Ida, Rasmus, Sofie, Asger, "
            "Maja, Bjørn"
        ),
        family=words(
            "Jensen, Nielsen, Hansen, Pedersen, Andersen, Christensen, Larsen, Sørensen, "
            "Rasmussen, Jørgensen, Østergaard, Øster, Møller, Kjær, Lund, Holm"
        ),
        cities=_cities(
            ("København K", "", "1###", "+45 33 ## ## ##"),
            ("Aarhus C", "", "8000", "+45 86 ## ## ##"),
            ("Odense C", "", "5000", "+45 66 ## ## ##"),
            ("Aalborg", "", "9000", "+45 98 ## ## ##"),
        ),
        streets=words("Nørrebrogade, Vesterbrogade, Amagertorv, Østergade, Åboulevard"),
        street_fmt="{street} {no}",
        house_numbers=words("#, ##, ##, 2. tv"),
        mobiles=words("+45 20 ## ## ##, +45 30 ## ## ##, +45 4# ## ## ##, +4551######"),
        mail_providers=words("gmail.com, hotmail.dk, outlook.dk, mail.dk"),
        company_roots=words("Fjordline, Nordlys, Havblik, Kobber, Bølge"),
        company_sectors=words("Software, Shipping, Design, Energy, Pharma"),
        company_suffixes=words("ApS, A/S"),
        tld="dk",
    ),
    Locale(
        code="NO",
        country="Norway",
        weight=2,
        given=words(
            "Ola, Kari, Ingrid, Håkon, Sigrid, Øyvind, Eirik, Solveig, Åse, Torbjørn, Marit, "
            "Sindre, Nora"
        ),
        family=words(
            "Hansen, Johansen, Olsen, Larsen, Andersen, Berg, Haugen, Hagen, Bakke, Dahl, "
            "Solberg, Strand, Lie, Ødegård, Sæther, Aasen, Øien"
        ),
        cities=_cities(
            ("Oslo", "", "0###", "+47 22 ## ## ##"),
            ("Bergen", "", "50##", "+47 55 ## ## ##"),
            ("Trondheim", "", "70##", "+47 73 ## ## ##"),
            ("Stavanger", "", "40##", "+47 51 ## ## ##"),
        ),
        streets=words(
            "Karl Johans gate, Storgata, Bogstadveien, Torgallmenningen, Øvre Slottsgate"
        ),
        street_fmt="{street} {no}",
        house_numbers=words("#, ##, ##B"),
        mobiles=words("+47 4## ## ###, +47 9## ## ###, +47 4#######"),
        mail_providers=words("gmail.com, online.no, hotmail.no, outlook.com"),
        company_roots=words("Fjellheim, Nordkapp, Havørn, Isbre"),
        company_sectors=words("Energi, Havbruk, Software, Shipping"),
        company_suffixes=words("AS, ASA"),
        tld="no",
    ),
    Locale(
        code="SE",
        country="Sweden",
        weight=3,
        given=words(
            "Erik, Anna, Lars, Karin, Björn, Åsa, Märta, Linnéa, Göran, Oskar, Elsa, Maja, "
            "Henrik, Ingrid"
        ),
        family=words(
            "Andersson, Johansson, Karlsson, Nilsson, Eriksson, Larsson, Olsson, Persson, "
            "Svensson, Gustafsson, Lindqvist, Åberg, Ström, Björk, Sjöberg, Öberg, Lindström"
        ),
        cities=_cities(
            ("Stockholm", "", "11# ##", "+46 8 ### ### ##"),
            ("Göteborg", "", "41# ##", "+46 31 ### ## ##"),
            ("Malmö", "", "21# ##", "+46 40 ### ## ##"),
            ("Uppsala", "", "75# ##", "+46 18 ### ## ##"),
        ),
        streets=words("Drottninggatan, Kungsgatan, Sveavägen, Götgatan, Storgatan, Linnégatan"),
        street_fmt="{street} {no}",
        house_numbers=words("#, ##, ##A"),
        mobiles=words("+46 70 ### ## ##, +46 73 ### ## ##, +46 76-### ## ##"),
        mail_providers=words("gmail.com, telia.com, hotmail.se, outlook.com"),
        company_roots=words("Norrsken, Vinterljus, Skärgård, Lagom, Älvdal"),
        company_sectors=words("Software, Design, Fintech, Gaming, Industri"),
        company_suffixes=words("AB"),
        tld="se",
    ),
    Locale(
        code="CH",
        country="Switzerland",
        weight=3,
        given=words(
            "Reto, Urs, Beat, Ueli, Nadine, Corinne, Seraina, Gian, Flurina, Noé, Mathilde, Luca"
        ),
        family=words(
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
        streets=words("Bahnhofstrasse, Limmatquai, Rue du Rhône, Marktgasse, Avenue de la Gare"),
        street_fmt="{street} {no}",
        house_numbers=words("#, ##, ##a"),
        mobiles=words("+41 79 ### ## ##, +41 78 ### ## ##, +41 76 ### ## ##"),
        mail_providers=words("bluewin.ch, gmx.ch, gmail.com, sunrise.ch, proton.me"),
        company_roots=words("Alpina, Matterhorn, Helvetia Nova, Rigi, Léman"),
        company_sectors=words("Pharma, Fintech, Präzisionstechnik, Consulting, Versicherungen"),
        company_suffixes=words("AG, SA, GmbH"),
        tld="ch",
        umlaut_ae=True,
    ),
    Locale(
        code="AT",
        country="Austria",
        weight=3,
        given=words(
            "Florian, Verena, Lisa, Stefan, Georg, Theresa, Wolfgang, Christoph, Magdalena, "
            "Elisabeth, Lukas, Johanna"
        ),
        family=words(
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
        streets=words(
            "Mariahilfer Straße, Kärntner Straße, Herrengasse, Landstraße, Getreidegasse, "
            "Maria-Theresien-Straße"
        ),
        street_fmt="{street} {no}",
        house_numbers=words("#, ##, ##/#/##"),
        mobiles=words("+43 664 #######, +43 660 #######, +43 676 #######, +43 699 ########"),
        mail_providers=words("gmx.at, aon.at, gmail.com, chello.at"),
        company_roots=words("Donau, Alpen, Wienerwald, Tauern, Semmering"),
        company_sectors=_GERMAN_SECTORS,
        company_suffixes=words("GmbH, AG"),
        tld="at",
        umlaut_ae=True,
    ),
    Locale(
        code="VN",
        country="Vietnam",
        weight=3,
        given=words(
            "An, Anh, Bảo, Châu, Dũng, Hà, Hải, Hạnh, Hiếu, Hoa, Hùng, Hương, Khánh, Lan, Linh, "
            "Long, Mai, Nam, Ngân, Phúc, Phương, Quân, Thảo, Trang, Trung, Tuấn, Vy, Yến"
        ),
        family=words(
            "Nguyễn, Trần, Lê, Phạm, Hoàng, Huỳnh, Phan, Vũ, Võ, Đặng, Bùi, Đỗ, Hồ, Ngô, Dương"
        ),
        cities=_cities(
            ("Hà Nội", "", "1####", "+84 24 #### ####"),
            ("Thành phố Hồ Chí Minh", "", "7####", "+84 28 #### ####"),
            ("Đà Nẵng", "", "50###", "+84 236 ### ####"),
        ),
        streets=words("Phố Huế, Lê Lợi, Nguyễn Huệ, Đồng Khởi, Trần Hưng Đạo, Hai Bà Trưng"),
        street_fmt="{no} {street}",
        house_numbers=words("#, ##, ###, ##/#"),
        mobiles=words("+84 9# ### ####, +84 91 234 ####, +84 3# ### ####"),
        mail_providers=words("gmail.com, yahoo.com.vn, outlook.com"),
        company_roots=words("Sông Hồng, Mekong, Sao Mai, Hạ Long"),
        company_sectors=words("Software, Logistics, Digital, Tech"),
        company_suffixes=("JSC", "Co., Ltd."),
        tld="vn",
        family_first=True,
    ),
    Locale(
        code="JP",
        country="Japan",
        weight=3,
        # "kanji|romaji" pairs: the romaji spelling is used for email addresses
        given=words(
            "太郎|Taro, 花子|Hanako, 健太|Kenta, 翔太|Shota, 陽菜|Hina, 結衣|Yui, 大輔|Daisuke, "
            "直樹|Naoki, 美咲|Misaki, 裕子|Yuko, 誠|Makoto, 愛|Ai, 拓也|Takuya, 恵|Megumi, 蓮|Ren, "
            "さくら|Sakura"
        ),
        family=words(
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
        streets=words("Jingumae, Shibuya, Roppongi, Umeda, Shijo-dori, Motomachi"),
        street_fmt="{no} {street}",
        house_numbers=words("#-##-#, #-#-##, ##-#"),
        mobiles=words("+81 90-####-####, +81 80-####-####, +81 70 #### ####"),
        mail_providers=words("gmail.com, yahoo.co.jp, docomo.ne.jp, icloud.com"),
        company_roots=words("Sakura, Fujiyama, Kaizen, Hikari, Midori"),
        company_sectors=words("Robotics, Electronics, Software, Trading"),
        company_suffixes=("K.K.", "Co., Ltd."),
        tld="co.jp",
        family_first=True,
    ),
    Locale(
        code="IN",
        country="India",
        weight=4,
        given=words(
            "Priya, Aarav, Rahul, Ananya, Vikram, Sneha, Arjun, Kavya, Rohan, Deepika, Aditya, "
            "Lakshmi, Sanjay, Neha, Karthik, Ishaan"
        ),
        family=words(
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
        streets=words("MG Road, Residency Road, Linking Road, Anna Salai, Banjara Hills Road"),
        street_fmt="{no}, {street}",
        house_numbers=words("#, ##, ###, ##/#"),
        mobiles=words("+91 98### #####, +91 99### #####, +91 7######### , +91 90### #####"),
        mail_providers=words("gmail.com, yahoo.co.in, rediffmail.com, outlook.com"),
        company_roots=words("Ganga, Himalaya, Lotus, Sahyadri, Kaveri"),
        company_sectors=words("Technologies, Infotech, Analytics, Solutions, Pharma"),
        company_suffixes=words("Pvt. Ltd., Ltd."),
        tld="in",
    ),
    Locale(
        code="BR",
        country="Brazil",
        weight=3,
        given=words(
            "João, José, Ana, Maria, Luís, Gabriel, Letícia, Júlia, Beatriz, Mateus, Thiago, "
            "Camila, Fernanda, Vinícius, Luíza, Caio, Larissa"
        ),
        family=words(
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
        streets=words(
            "Avenida Paulista, Rua Augusta, Rua Oscar Freire, Avenida Atlântica, Rua das Flores"
        ),
        street_fmt="{street}, {no}",
        house_numbers=words("##, ###, ####, ### - apto 52"),
        mobiles=words("+55 11 9####-####, +55 21 9####-####, +55 (11) 9####-####"),
        mail_providers=words("gmail.com, hotmail.com, uol.com.br, bol.com.br, outlook.com"),
        company_roots=words("Ipê, Tucano, Cristal, Guanabara, Aurora"),
        company_sectors=words("Tecnologia, Logística, Energia, Fintech, Agro"),
        company_suffixes=words("Ltda., S.A."),
        tld="com.br",
    ),
)

ALL_CITIES: tuple[str, ...] = tuple(
    dict.fromkeys(c.locality for loc in LOCALES for c in loc.cities)
)

_GERMANIC = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


@cache
def ascii_slug(text: str, germanic: bool = False) -> str:
    """Lower-case ASCII letters and digits only: 'Müller' -> 'muller' (or 'mueller')."""
    if "|" in text:
        text = text.split("|", 1)[1]
    if germanic:
        text = text.translate(_GERMANIC)
    return "".join(ch for ch in fold(text) if "a" <= ch <= "z" or "0" <= ch <= "9")


@cache
def companies_of(locale_code: str) -> tuple[tuple[str, str], ...]:
    """(name, domain) pairs: root x sector x suffix, each with a plausible domain."""
    loc = next(x for x in LOCALES if x.code == locale_code)
    out: list[tuple[str, str]] = []
    for i, root in enumerate(loc.company_roots):
        for j, sector in enumerate(loc.company_sectors):
            suffix = loc.company_suffixes[(i + j) % len(loc.company_suffixes)]
            slug_root = ascii_slug(root, loc.umlaut_ae)
            slug_sector = ascii_slug(sector, loc.umlaut_ae)
            domain = (
                f"{slug_root}-{slug_sector}.{loc.tld}" if (i + j) % 3 else f"{slug_root}.{loc.tld}"
            )
            out.append((f"{root} {sector} {suffix}", domain))
    return tuple(out)


def all_companies() -> tuple[tuple[str, str], ...]:
    return tuple(c for loc in LOCALES for c in companies_of(loc.code)) + GLOBAL_COMPANIES
