"""Believable Dutch demo content. Names, streets and organisations are made up or common."""

NEIGHBOURHOODS = [
    {
        "slug": "nijmegen-oost",
        "name": "Nijmegen-Oost",
        "kind": "district",
        "municipality": "Nijmegen",
        "pc4": ["6521", "6522", "6523"],
        # Approximate centres (latitude, longitude) of the postcode areas, for distances.
        "centres": {
            "6521": (51.8452, 5.8728),
            "6522": (51.8405, 5.8794),
            "6523": (51.8352, 5.8781),
        },
        "colours": ("#1d6b52", "#8a3b12"),
        "tagline_nl": "Het online dorpsplein van Nijmegen-Oost",
        "tagline_en": "The online village square of Nijmegen-Oost",
        "intro_nl": (
            "Welkom op het plein van Nijmegen-Oost! Hier vind je je buren, vraag je om hulp of "
            "bied je die aan, en lees je wat er speelt: van het Repair Café in de Lindenberg tot "
            "de straatfeesten in de Javastraat.\n\nDe buurtverbinders en de opbouwwerkers van "
            "Sterker Welzijn houden het plein gezellig en veilig."
        ),
        "intro_en": (
            "Welcome to the square of Nijmegen-Oost! Find your neighbours, ask for help or offer "
            "it, and read what is going on: from the Repair Café to the street parties.\n\n"
            "The buurtverbinders and the community workers of Sterker Welzijn keep the square "
            "friendly and safe."
        ),
        "streets": [
            "Berg en Dalseweg",
            "Javastraat",
            "Sumatrastraat",
            "Oude Kleefsebaan",
            "Groesbeekseweg",
            "Daalseweg",
            "Tollensstraat",
            "Bilderdijkstraat",
            "Prins Hendrikstraat",
            "Graafseweg",
        ],
        "invite": "OOST2026",
    },
    {
        "slug": "amersfoort-liendert",
        "name": "Amersfoort-Liendert",
        "kind": "district",
        "municipality": "Amersfoort",
        "pc4": ["3822", "3825"],
        "centres": {"3822": (52.1655, 5.4040), "3825": (52.1710, 5.4190)},
        "colours": ("#1f4e8c", "#9a3412"),
        "tagline_nl": "Buren in Liendert helpen elkaar",
        "tagline_en": "Neighbours in Liendert help each other",
        "intro_nl": (
            "Liendert is een wijk met veel nationaliteiten en veel energie. Op dit plein delen we "
            "nieuws, tips en vragen, en zoeken we elkaar op. Kom ook eens langs in het "
            "wijkcentrum aan de Van Randwijcklaan."
        ),
        "intro_en": (
            "Liendert is a neighbourhood of many nationalities and a lot of energy. On this "
            "square we share news, tips and questions, and we meet. Drop by the community centre."
        ),
        "streets": [
            "Van Randwijcklaan",
            "Liendertseweg",
            "Lupinestraat",
            "Zonnebloemstraat",
            "Tulpstraat",
            "Jacob van Campenstraat",
            "Goudenregenstraat",
            "Ringweg Liendert",
        ],
        "invite": "LIENDERT",
    },
    {
        "slug": "ooij",
        "name": "Ooij",
        "kind": "village",
        "municipality": "Berg en Dal",
        "pc4": ["6576"],
        "centres": {"6576": (51.8560, 5.9230)},
        "colours": ("#5b3a8c", "#7a4a0f"),
        "tagline_nl": "Het dorpsplein van Ooij, ook online",
        "tagline_en": "The village square of Ooij, online too",
        "intro_nl": (
            "Ooij ligt tussen de dijk en de Ooijpolder. Iedereen kent elkaar een beetje, en hier "
            "kun je dat nog wat beter. Dorpshuis De Klinkert organiseert veel activiteiten."
        ),
        "intro_en": (
            "Ooij lies between the dike and the Ooijpolder. Everybody knows each other a little, "
            "and here a bit better. Village hall De Klinkert organises many activities."
        ),
        "streets": [
            "Dorpsstraat",
            "Kerkstraat",
            "Leuthsestraat",
            "Erlecomsedam",
            "Persingensestraat",
            "Schoolstraat",
        ],
        "invite": "OOIJDORP",
    },
]

ORGANISATIONS = [
    {
        "slug": "sterker-welzijn",
        "name": "Sterker Welzijn",
        "kind": "welfare",
        "where": ["nijmegen-oost", "ooij"],
        "description_nl": (
            "Opbouwwerk, ouderenwerk en sociaal werk in Nijmegen en omgeving. We helpen bewoners "
            "hun ideeën waar te maken en zijn er als het even niet gaat."
        ),
        "description_en": (
            "Community work, work with older people and social work in and around Nijmegen. We "
            "help residents make their ideas happen and are there when things are hard."
        ),
        "website": "https://www.example.org/sterker-welzijn",
        "email": "info@sterkerwelzijn.example",
        "phone": "024 123 45 67",
        "address": "Javastraat 12, Nijmegen",
    },
    {
        "slug": "buurtkracht-amersfoort",
        "name": "Buurtkracht Amersfoort",
        "kind": "welfare",
        "where": ["amersfoort-liendert"],
        "description_nl": "Welzijnswerk in Amersfoort: van taalcafé tot schuldhulp.",
        "description_en": "Welfare work in Amersfoort: from language café to debt help.",
        "website": "https://www.example.org/buurtkracht",
        "email": "contact@buurtkracht.example",
        "phone": "033 765 43 21",
        "address": "Van Randwijcklaan 5, Amersfoort",
    },
    {
        "slug": "repair-cafe-oost",
        "name": "Repair Café Oost",
        "kind": "initiative",
        "where": ["nijmegen-oost"],
        "description_nl": "Elke eerste zaterdag van de maand repareren we samen wat kapot is.",
        "description_en": "Every first Saturday of the month we repair what is broken, together.",
        "email": "repaircafe@example.nl",
    },
    {
        "slug": "dorpshuis-de-klinkert",
        "name": "Dorpshuis De Klinkert",
        "kind": "initiative",
        "where": ["ooij"],
        "description_nl": "Het dorpshuis van Ooij: koffie, bridge, yoga en de jaarlijkse kermis.",
        "description_en": "The village hall of Ooij: coffee, bridge, yoga and the yearly fair.",
        "phone": "024 663 12 34",
        "address": "Dorpsstraat 40, Ooij",
    },
    {
        "slug": "fietsenmaker-jansen",
        "name": "Fietsenmaker Jansen",
        "kind": "business",
        "where": ["nijmegen-oost"],
        "description_nl": "Reparatie en onderhoud van fietsen, ook aan huis voor ouderen.",
        "description_en": "Bike repair and maintenance, also at home for older people.",
        "phone": "024 322 11 00",
    },
]

FIRST_NAMES = [
    "Fatima",
    "Jan",
    "Els",
    "Mohamed",
    "Anouk",
    "Henk",
    "Priya",
    "Sanne",
    "Kees",
    "Yusuf",
    "Marieke",
    "Daan",
    "Aisha",
    "Willem",
    "Ineke",
    "Bram",
    "Samira",
    "Joost",
    "Lotte",
    "Hamza",
    "Ria",
    "Thijs",
    "Naima",
    "Piet",
    "Eva",
    "Karim",
    "Annie",
    "Ruben",
    "Ling",
    "Gerrit",
    "Maria",
    "Stefan",
    "Zeynep",
    "Tom",
    "Wilma",
    "Omar",
    "Fleur",
    "Hans",
    "Ayse",
    "Lucas",
]
LAST_NAMES = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Yilmaz",
    "Visser",
    "El Amrani",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Bouali",
    "de Groot",
    "Kaya",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Dijk",
    "Dekker",
    "Nguyen",
    "Brouwer",
    "Öztürk",
    "Verhoeven",
    "Kramer",
]
# What people write about themselves ("about" on the profile), by role: a resident tells about
# their life in the neighbourhood; a buurtverbinder and a professional about what they do here.
INTROS = [
    "Ik woon hier nu {years} jaar en ken steeds meer buren. Altijd in voor een praatje!",
    "Gepensioneerd en graag bezig in de tuin. Vraag gerust als je gereedschap nodig hebt.",
    "Moeder van twee, werk parttime in de zorg. Op zoek naar andere ouders in de buurt.",
    "Student en net komen wonen. Ik help graag met computers en telefoons.",
    "Ik kom uit {country} en oefen graag Nederlands tijdens een kop koffie.",
    "Sinds kort met pensioen. Ik wandel elke ochtend en zoek wandelmaatjes.",
    "Fietsenmaker in ruste: lekke band? Bel maar aan.",
    "Ik kook graag voor anderen en doe mee met de buurtmaaltijd op donderdag.",
]
ROLE_INTROS = {
    "buurtverbinder": [
        "Ik ben buurtverbinder: nieuwe buren welkom heten en mensen aan elkaar voorstellen. "
        "Ik woon hier al {years} jaar.",
        "Als buurtverbinder houd ik het plein een beetje bij. Vragen of ideeën voor de buurt? "
        "Stuur me gerust een bericht.",
    ],
    "professional": [
        "Ik werk als opbouwwerker bij {organisation}. Heb je een idee voor de buurt? Ik denk "
        "graag mee.",
        "Sociaal werker bij {organisation}. Je kunt bij mij terecht met vragen over geld, zorg "
        "of wonen.",
        "Ik ben buurtcoach bij {organisation} en elke dinsdagochtend in het buurthuis.",
    ],
    "admin": [
        "Ik beheer Buurtplein voor onze buurten. Werkt er iets niet? Laat het me weten.",
    ],
}
COUNTRIES = ["Syrië", "Marokko", "Turkije", "Polen", "Eritrea", "Oekraïne", "Suriname"]

# (category, title, text, public?, extra paragraphs that fit this post: one may be added)
POSTS = [
    (
        "lost_found",
        "Kat gevonden in de {street}",
        "Vanochtend liep er een grijze kat met een rood bandje bij ons in de tuin. Hij is heel "
        "lief en lijkt goed verzorgd. Van wie is hij? Hij zit nu bij ons in de schuur.",
        False,
        (
            "Ik woon zelf op nummer {number}, dus je kunt gewoon even aanbellen.",
            "Hij eet goed en spint de hele tijd, maar hij mist vast zijn eigen huis.",
        ),
    ),
    (
        "lost_found",
        "Sleutelbos verloren",
        "Gisteren ben ik tussen de bakker en de bushalte een sleutelbos verloren met een "
        "blauw sleutelhangertje. Gevonden? Laat het me weten, dank je wel!",
        False,
        (
            "Er zit ook een fietssleutel aan en een pasje van de sportschool.",
            "Ik heb het ook bij de bakker gevraagd, maar daar was hij niet afgegeven.",
        ),
    ),
    (
        "lost_found",
        "Fietsen gestolen bij de stalling",
        "Vannacht zijn er bij de fietsenstalling in de {street} twee fietsen gestolen. Zet je "
        "fiets goed op slot en meld het bij de politie als jij ook iets mist.",
        True,
        (
            "Er hangt nu een briefje bij de stalling met het nummer van de wijkagent.",
            "De gemeente kijkt of er een betere verlichting bij de stalling kan komen.",
        ),
    ),
    (
        "question",
        "Wanneer wordt het grofvuil opgehaald?",
        "Weet iemand hoe het nu zit met het grofvuil? Moet je het echt online aanmelden of kan "
        "het ook met een telefoontje?",
        False,
        (
            "Ik heb een oude kast en een matras die weg moeten.",
            "Op de site van de gemeente kon ik het niet goed vinden.",
        ),
    ),
    (
        "question",
        "Wie kan mij helpen met mijn telefoon?",
        "Mijn kleinzoon woont ver weg en ik wil graag met hem videobellen. Wie wil mij een keer "
        "laten zien hoe dat werkt? Koffie staat klaar.",
        False,
        (
            "Ik heb een Samsung, die heb ik vorig jaar gekregen.",
            "Ik woon op nummer {number}, de bel doet het niet altijd, dus klop maar hard.",
        ),
    ),
    (
        "question",
        "Goede huisarts in de buurt?",
        "We zijn net verhuisd en zoeken een huisarts die nog nieuwe patiënten aanneemt. Tips?",
        False,
        (
            "We hebben twee kleine kinderen, dus een praktijk dichtbij zou fijn zijn.",
            "Ik heb al twee praktijken gebeld, maar die zaten vol.",
        ),
    ),
    (
        "question",
        "Wie heeft er een ladder te leen?",
        "Ik wil de dakgoot schoonmaken maar heb geen ladder. Wie kan er een missen voor een "
        "middagje? Ik breng hem netjes terug.",
        False,
        (
            "Het gaat om een rijtjeshuis, dus een ladder van een meter of vier is genoeg.",
            "Ik heb zelf een heggenschaar die je altijd mag lenen.",
        ),
    ),
    (
        "question",
        "Wandelmaatje gezocht",
        "Ik wandel elke ochtend rond half negen een rondje van een uur. Gezellig als iemand "
        "mee wil! Tempo rustig.",
        False,
        (
            "We lopen meestal door het park en langs de vijver.",
            "Mijn hond gaat ook mee, hij is heel rustig.",
        ),
    ),
    (
        "tip",
        "Repair Café zaterdag in het buurthuis",
        "Zaterdag is er weer Repair Café van 10 tot 13 uur. Neem je kapotte broodrooster, "
        "fiets of broek mee: vrijwilligers helpen je het zelf te repareren. **Gratis**, een "
        "vrijwillige bijdrage mag.",
        True,
        (
            "Vorige keer kwamen er meer dan twintig buren, dus kom op tijd.",
            "Er staat koffie en thee klaar, en de vrijwilligers nemen hun eigen gereedschap mee.",
        ),
    ),
    (
        "tip",
        "Gratis energiecoach aan huis",
        "Via de gemeente kun je gratis een energiecoach laten langskomen. Bij mij hebben ze "
        "radiatorfolie geplakt en tochtstrips gezet. Aanrader! Aanmelden kan bij het wijkteam.",
        True,
        (
            "Het duurde ongeveer een uur en ik kreeg een lijstje met tips mee.",
            "Mijn buurvrouw van {age} heeft het ook gedaan, dus het is voor iedereen.",
        ),
    ),
    (
        "tip",
        "Heerlijke appeltaart bij de nieuwe bakker",
        "De nieuwe bakker op de hoek heeft echt de beste appeltaart. Op woensdag is er "
        "korting voor 65-plussers.",
        False,
        (
            "Hun bruine brood is ook erg lekker.",
            "Zaterdag is het er druk, dus ga op tijd.",
        ),
    ),
    (
        "tip",
        "Taalcafé op dinsdagochtend",
        "Wil je Nederlands oefenen? Elke dinsdag van 10 tot 12 is er taalcafé in de "
        "bibliotheek. Iedereen is welkom, ook als je net begint.",
        True,
        (
            "Je hoeft je niet aan te melden, kom gewoon binnen.",
            "Neem gerust een vriend of buurvrouw mee, iedereen is welkom.",
        ),
    ),
    (
        "notice",
        "Werkzaamheden in de {street}",
        "Vanaf maandag wordt de riolering vervangen. De straat is drie weken afgesloten voor "
        "auto's. Fietsers en voetgangers kunnen er wel langs.",
        True,
        (
            "Er is ook een rolstoelingang aan de achterkant.",
            "Let op: vanwege de werkzaamheden rijdt de bus een stukje om.",
            "De containers staan die weken bij de ingang van de {street}.",
        ),
    ),
    (
        "notice",
        "Buurtmaaltijd donderdag",
        "Donderdag koken we weer samen in het buurthuis. Voor 4 euro eet je mee. Aanmelden "
        "bij Wilma, of gewoon hier reageren.",
        False,
        (
            "Er is ook een vegetarische schotel.",
            "Neem gerust een vriend of buurvrouw mee, iedereen is welkom.",
        ),
    ),
    (
        "notice",
        "Oproep: vrijwilligers voor de speeltuin",
        "De speeltuin zoekt mensen die een uurtje per week willen helpen met opruimen en "
        "toezicht. Je hoeft niets speciaals te kunnen.",
        True,
        (
            "Met dank aan de vrijwilligers van het wijkteam en de opbouwwerker.",
            "Je kunt zelf kiezen welke dag je komt.",
        ),
    ),
    (
        "news",
        "Nieuwe bankjes in het park",
        "Er staan sinds deze week drie nieuwe bankjes in het park, met leuningen zodat je er "
        "makkelijker uit kunt opstaan. Op verzoek van de ouderen uit de buurt!",
        True,
        (
            "Het bankje bij de vijver staat in de schaduw van de oude eik.",
            "Met dank aan de vrijwilligers van het wijkteam en de opbouwwerker.",
        ),
    ),
    (
        "news",
        "Buurthuis langer open",
        "Goed nieuws: het buurthuis is vanaf volgende maand ook op vrijdagavond open. Er is "
        "dan een spelletjesavond.",
        True,
        (
            "Voor de kinderen is er limonade en een hoek met spelletjes.",
            "Wie een spel wil uitleggen, kan zich melden bij de beheerder.",
        ),
    ),
    (
        "news",
        "Straatfeest was een succes",
        "Wat een mooie dag! Meer dan 80 buren kwamen langs. Dank aan iedereen die hielp met "
        "opbouwen, koken en opruimen. Volgend jaar weer?",
        False,
        (
            "Het regende even, maar dat mocht de pret niet drukken.",
            "De kinderen hadden het prima naar hun zin op het springkussen.",
        ),
    ),
    (
        "news",
        "Moestuin zoekt tuiniers",
        "De buurtmoestuin achter de school heeft nog twee bakken vrij. Wie wil er dit "
        "voorjaar groente kweken?",
        False,
        (
            "Gereedschap en water zijn er, zaden krijg je van de andere tuiniers.",
            "Je hoeft geen ervaring te hebben, er is altijd wel iemand die helpt.",
        ),
    ),
    (
        "question",
        "Iemand ervaring met zonnepanelen op een oud huis?",
        "Ons huis is uit 1930. Kan daar zomaar zonnepanelen op? Ik hoor graag ervaringen.",
        False,
        (
            "Het dak ligt op het zuiden, dat scheelt misschien.",
            "De energiecoach van de gemeente zei dat ik het beter even kon navragen.",
        ),
    ),
]

# Comments per kind of post: each fits any post of its kind.
COMMENTS = {
    "lost_found": [
        "Wat vervelend! Ik houd mijn ogen open.",
        "Ik deel het in de groepsapp van onze straat.",
        "Ik heb niets gezien, maar ik let op.",
        "Hopelijk komt het goed!",
    ],
    "question": [
        "Ik weet het ook niet, wie wel?",
        "Goede vraag, dat wil ik ook weten.",
        "Ik stuur je een berichtje.",
        "Ik vraag het even na bij mijn buurman.",
    ],
    "tip": [
        "Dank je wel voor de tip.",
        "Goed idee, ik ga ook eens kijken.",
        "Wat fijn dat je dit deelt.",
        "Die ga ik onthouden!",
    ],
    "notice": [
        "Goed om te weten, dank je.",
        "Dank je wel voor het laten weten.",
        "Fijn dat je het hier zet.",
        "Ik geef het door aan mijn buren.",
    ],
    "news": [
        "Wat fijn om te lezen!",
        "Wat een goed nieuws voor de buurt.",
        "Mooi, daar hebben we lang op gewacht.",
        "Dank aan iedereen die hieraan heeft meegewerkt.",
    ],
}

# Sign-offs per kind of post ("" for none): a question thanks in advance, news does not.
SIGN_OFFS = {
    "lost_found": ["Alvast bedankt.", "Groetjes!", ""],
    "question": ["Alvast bedankt.", "Dank je wel alvast!", "Groetjes!", ""],
    "tip": ["Groetjes!", "Fijne dag allemaal.", "", ""],
    "notice": ["Tot ziens in de buurt.", "Hartelijke groet.", "", ""],
    "news": ["Fijne dag allemaal.", "Hartelijke groet.", "", ""],
}

# Places for the benchmark's generated neighbourhoods (towns × districts).
TOWNS = [
    "Zwolle",
    "Deventer",
    "Arnhem",
    "Utrecht",
    "Tilburg",
    "Leiden",
    "Haarlem",
    "Groningen",
    "Enschede",
    "Apeldoorn",
    "Breda",
    "Delft",
    "Gouda",
    "Almere",
    "Dordrecht",
    "Hengelo",
    "Venlo",
    "Zaandam",
    "Alkmaar",
    "Leeuwarden",
    "Assen",
    "Emmen",
    "Ede",
    "Helmond",
]
DISTRICTS = [
    "Noord",
    "Oost",
    "Zuid",
    "West",
    "Centrum",
    "Binnenstad",
    "Rivierenwijk",
    "Bloemenbuurt",
    "Vogelwijk",
    "Stationsbuurt",
]
STREETS = [
    "Kerkstraat",
    "Molenweg",
    "Schoolstraat",
    "Lindenlaan",
    "Eikenlaan",
    "Beukenlaan",
    "Julianastraat",
    "Wilhelminastraat",
    "Stationsweg",
    "Marktplein",
    "Parkweg",
    "Rozenstraat",
    "Tulpstraat",
    "Vondelstraat",
    "Spoorstraat",
    "Nieuwstraat",
]
# Dark colours: white text on them stays readable (the neighbourhood colour validator).
COLOURS = [
    ("#1d6b52", "#8a3b12"),
    ("#1f4e8c", "#9a3412"),
    ("#5b3a8c", "#7a4a0f"),
    ("#7c2d12", "#1e40af"),
    ("#115e59", "#86198f"),
    ("#374151", "#b91c1c"),
]
