"""A realistic sociale kaart of about twenty Dutch services, for the tests of finding by need
(and the bench): what a neighbourhood in a Dutch town really has, in the words organisations
use about themselves — not the words residents search with."""

from buurtplein.socialmap.models import LifeDomain as D

SERVICES = [
    ("Schuldhulpmaatje", "Een getraind maatje helpt je met geldzorgen, je post en je schulden.",
     "Samen maken we een overzicht van inkomsten en uitgaven en zoeken we een oplossing met "
     "schuldeisers.", [D.MONEY]),
    ("Formulierenbrigade", "Hulp bij het invullen van toeslagen, aanvragen en brieven van de "
     "gemeente.", "Elke week een spreekuur in de bibliotheek.", [D.MONEY, D.LANGUAGE]),
    ("Voedselbank Oost", "Een pakket met boodschappen voor huishoudens die het niet redden.",
     "Via een verwijzer van het wijkteam.", [D.MONEY]),
    ("Huurteam", "Gratis advies over huurverhoging, servicekosten en onderhoud van je woning.",
     "Wij helpen huurders van corporaties en particuliere verhuurders.", [D.HOUSING]),
    ("Spreekuur woningcorporatie", "Vragen over je woning, verhuizen of woonruimte zoeken.",
     "", [D.HOUSING]),
    ("Maatjesproject Samen", "Een vrijwilliger komt elke week langs voor een praatje of een "
     "wandeling.", "Voor wie weinig mensen om zich heen heeft.", [D.TAKING_PART]),
    ("Inloop Buurthuis De Klinker", "Koffie, ontmoeting en activiteiten in de buurt, iedereen "
     "is welkom.", "Elke ochtend open.", [D.TAKING_PART]),
    ("Wijkverpleging", "Verpleging en verzorging thuis, zoals wassen en wondzorg.",
     "Met een indicatie van de wijkverpleegkundige.", [D.HEALTH]),
    ("Mantelzorgsteunpunt", "Steun, advies en even rust voor wie voor een naaste zorgt.",
     "Respijtzorg, lotgenotengroepen en de mantelzorgwaardering.", [D.HEALTH]),
    ("Taalhuis", "Beter leren lezen, schrijven en Nederlands spreken, met een taalvrijwilliger.",
     "Ook voor mensen die in Nederland geboren zijn.", [D.LANGUAGE]),
    ("Digicafé", "Hulp met je laptop, telefoon, DigiD en internet.",
     "Neem je eigen apparaat mee.", [D.LANGUAGE]),
    ("Repair Café", "Samen kapotte spullen repareren: fietsen, kleding en apparaten.",
     "Elke eerste zaterdag van de maand.", []),
    ("Jongerenwerk", "Jongerenwerkers voor jongeren van 12 tot 23: een plek, een luisterend oor.",
     "", [D.PARENTING]),
    ("Opvoedsteunpunt", "Vragen over opvoeden en opgroeien, van baby tot puber.",
     "Een pedagoog denkt met je mee.", [D.PARENTING]),
    ("Veilig Thuis", "Advies en hulp bij huiselijk geweld en kindermishandeling.",
     "Dag en nacht bereikbaar.", [D.SAFETY]),
    ("Spreekuur wijkagent", "De wijkagent luistert naar je zorgen over de buurt.",
     "", [D.SAFETY]),
    ("Werkplein", "Hulp bij het vinden van werk, solliciteren en je uitkering.",
     "", [D.WORK]),
    ("Automaatje", "Vrijwilligers rijden je naar de dokter, het ziekenhuis of de kapper.",
     "Voor een kleine vergoeding per kilometer.", [D.TRANSPORT]),
    ("Algemeen maatschappelijk werk", "Voor vragen over relaties, rouw en alles wat je "
     "zwaar valt.", "Een maatschappelijk werker kijkt samen met je naar wat er speelt.",
     [D.HEALTH, D.TAKING_PART]),
    ("Sportbuurtwerk", "Sporten en bewegen in de buurt, voor jong en oud.", "", [D.HEALTH]),
]  # fmt: skip
"""(name, summary, description, life domains)."""


def make_services(neighbourhood, organisation=None):
    from buurtplein.socialmap.tests.factories import ServiceFactory

    extra = {"organisation": organisation} if organisation is not None else {}
    return {
        name: ServiceFactory(
            neighbourhood=neighbourhood,
            name=name,
            summary=summary,
            description=description,
            life_domains=[str(d) for d in domains],
            **extra,
        )
        for name, summary, description, domains in SERVICES
    }
