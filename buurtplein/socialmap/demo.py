"""Demo data of the sociale kaart: 17–18 believable Dutch services in each neighbourhood —
schuldhulp, maatschappelijk werk, wijkverpleging, taalhuis, repair café, voedselbank,
jongerenwerk, mantelzorg, ouderenadvies, formulierenhulp, a maatjesproject, buurtbemiddeling,
the CJG, the Wmo-loket, a werkcoach … — of the demo's welfare organisation and of new ones.

They are loaded the way a municipality loads its register: as Open Referral HSDS records through
the importer (``socialmap.hsds``), with check dates relative to today. Then the demo's
professionals get their card and their services, two services per neighbourhood are "mogelijk
verouderd", one was just asked "klopt dit nog?", and one has an open correction, so that every
state can be seen."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from buurtplein.accounts.models import Organisation
from buurtplein.core.models import Membership, Role
from buurtplein.socialmap import hsds
from buurtplein.socialmap.models import Professional, Service, ServiceFeedback, ServicePerson

TOWN = {
    "nijmegen-oost": ("Nijmegen", "Nijmegen", "024"),
    "amersfoort-liendert": ("Amersfoort", "Amersfoort", "033"),
    "ooij": ("Ooij", "Berg en Dal", "024"),
}
"""Per neighbourhood: the town of its addresses, its municipality and its phone area code."""

PLACES = {
    "nijmegen-oost": {
        "centre": ("Wijkcentrum De Ster", "Javastraat 12"),
        "library": ("Bibliotheek Oost", "Daalseweg 101"),
        "health": ("Gezondheidscentrum Oost", "Groesbeekseweg 58"),
        "youth": ("Jongerencentrum De Kelder", "Sumatrastraat 33"),
        "food": ("Uitgiftepunt Oost (zaal van de Lindenberg)", "Tollensstraat 20"),
        "repair": ("Buurthuis De Lindenberg", "Berg en Dalseweg 80"),
        "workshop": ("Werkplaats Fietsenmaker Jansen", "Graafseweg 120"),
    },
    "amersfoort-liendert": {
        "centre": ("Wijkcentrum Liendert", "Van Randwijcklaan 5"),
        "library": ("Bibliotheek Liendert", "Lupinestraat 2"),
        "health": ("Gezondheidscentrum Liendert", "Zonnebloemstraat 24"),
        "youth": ("Jongerenhonk Liendert", "Tulpstraat 14"),
        "food": ("Uitgiftepunt Liendert", "Goudenregenstraat 8"),
        "repair": ("Wijkcentrum Liendert, zaal 3", "Van Randwijcklaan 5"),
    },
    "ooij": {
        "centre": ("Dorpshuis De Klinkert", "Dorpsstraat 40"),
        "library": ("Bibliotheekpunt in De Klinkert", "Dorpsstraat 40"),
        "health": ("Huisartsenpraktijk Ooij", "Kerkstraat 9"),
        "youth": ("Jeugdhonk Ooij", "Schoolstraat 3"),
        "food": ("Uitgiftepunt Ooij (kerkzaal)", "Kerkstraat 2"),
        "repair": ("Dorpshuis De Klinkert", "Dorpsstraat 40"),
    },
}
# Places without a step, and with a hearing loop.
WHEELCHAIR = {"centre", "library", "health", "food", "repair"}
HEARING_LOOP = {"centre", "library"}

MO, TU, WE, TH, FR, SA = "MO", "TU", "WE", "TH", "FR", "SA"
WEEK = "MO,TU,WE,TH,FR"
WALK_IN, APPOINTMENT, PHONE, OPEN = "walk-in", "by appointment", "phone", "in person"

# (key, name, organisation, domains, target groups, summary, description, who qualifies, how
#  to apply, costs (None: free), languages, hours [(kind, days, from, until, note)], place)
SERVICES = [
    (
        "money",
        "Geldzaken op orde",
        "welfare",
        ["money"],
        ["adults", "everyone"],
        "Hulp als je je rekeningen niet meer kunt betalen of schulden hebt.",
        "Heb je betalingsachterstanden, of zie je door alle brieven het overzicht niet meer? "
        "Een sociaal werker en een getraind schuldhulpmaatje kijken samen met je naar je post, "
        "maken een overzicht en een plan, en bellen met wie je geld krijgt. Hoe eerder je komt, "
        "hoe makkelijker het op te lossen is. Je hoeft je niet te schamen.",
        "Iedereen die in de wijk woont.",
        "Kom langs op het inloopspreekuur of bel voor een afspraak. Neem je post mee.",
        None,
        ["nl", "en", "ar", "tr"],
        [
            (WALK_IN, TU, "09:00", "12:00", "Inloopspreekuur"),
            (APPOINTMENT, TH, "13:00", "17:00", ""),
        ],
        "centre",
    ),
    (
        "social-work",
        "Algemeen maatschappelijk werk",
        "welfare",
        ["health", "housing", "money"],
        ["adults"],
        "Een sociaal werker denkt met je mee als het even niet gaat.",
        "Zorgen over je gezin, je huis, je geld of je gezondheid? Je vertelt je verhaal en we "
        "zoeken samen wat je nodig hebt. Soms is één gesprek genoeg, soms helpen we je een "
        "paar maanden. We verwijzen je door als iemand anders je beter kan helpen.",
        "",
        "Bel of mail ons, of loop binnen op maandagmiddag.",
        None,
        ["nl", "en"],
        [(WALK_IN, MO, "13:00", "15:00", "Inloop"), (PHONE, WEEK, "09:00", "12:00", "")],
        "centre",
    ),
    (
        "nursing",
        "Wijkverpleging",
        "Wijkzorg {municipality}",
        ["health"],
        ["older", "disability"],
        "Verpleging en verzorging bij je thuis, ook na een ziekenhuisopname.",
        "De wijkverpleegkundige komt bij je thuis: voor wondzorg, medicijnen, hulp bij wassen "
        "en aankleden, of om samen te kijken wat je nodig hebt om thuis te kunnen blijven "
        "wonen.",
        "Voor wie zorg nodig heeft die thuis kan. De zorgverzekeraar betaalt het, zonder eigen "
        "risico.",
        "Bel ons zelf; je hebt geen verwijzing van de huisarts nodig.",
        None,
        ["nl", "en", "de"],
        [(PHONE, WEEK, "08:00", "17:00", ""), (APPOINTMENT, WE, "10:00", "12:00", "Spreekuur")],
        "health",
    ),
    (
        "language",
        "Taalhuis: beter lezen, schrijven en rekenen",
        "Bibliotheek {municipality}",
        ["language"],
        ["adults", "newcomers"],
        "Gratis hulp als je beter Nederlands wilt leren lezen, schrijven of spreken.",
        "In het Taalhuis oefen je met een vrijwilliger of in een kleine groep. Ook voor wie "
        "hier geboren is en moeite heeft met lezen. We kijken eerst samen wat je wilt leren.",
        "",
        "Loop binnen tijdens het inloopuur; je hoeft niets mee te nemen.",
        None,
        ["nl", "en", "ar", "uk", "pl"],
        [(WALK_IN, WE, "10:00", "12:00", ""), (WALK_IN, FR, "14:00", "16:00", "")],
        "library",
    ),
    (
        "repair",
        "Repair Café",
        "repair",
        ["taking_part"],
        ["everyone"],
        "Samen repareren wat kapot is: van broodrooster tot fietsband en kapotte broek.",
        "Neem je kapotte spullen mee. Vrijwillige reparateurs kijken samen met je wat er mis "
        "is, en je leert het zelf ook een beetje. Intussen is er koffie.",
        "",
        "Kom langs met je spullen; aanmelden hoeft niet.",
        "Gratis; een vrijwillige bijdrage in de pot is welkom",
        ["nl", "en"],
        [(OPEN, SA, "10:00", "13:00", "Elke eerste zaterdag van de maand")],
        "repair",
    ),
    (
        "food",
        "Voedselbank: uitgiftepunt",
        "Voedselbank {municipality}",
        ["money"],
        ["everyone"],
        "Een pakket met boodschappen voor wie even niet genoeg geld heeft.",
        "Elke week kun je een pakket met eten en verzorgingsproducten ophalen. Intussen werken "
        "we samen met de schuldhulp aan een oplossing, zodat je de voedselbank na een tijd "
        "niet meer nodig hebt.",
        "Voor huishoudens die na de vaste lasten te weinig overhouden voor boodschappen.",
        "Een sociaal werker, schuldhulpverlener of de huisarts meldt je aan.",
        None,
        ["nl", "en", "ar"],
        [
            (OPEN, FR, "13:00", "15:00", "Pakketten ophalen"),
            (PHONE, TU, "10:00", "12:00", "Vragen over aanmelden"),
        ],
        "food",
    ),
    (
        "youth",
        "Jongerenwerk",
        "welfare",
        ["parenting", "taking_part"],
        ["young"],
        "Een plek voor jongeren van 12 tot 23 jaar, en iemand om mee te praten.",
        "In het jongerencentrum kun je chillen, gamen en koken. De jongerenwerkers helpen je "
        "ook met school, werk of problemen thuis, en je kunt met ze appen.",
        "Jongeren van 12 tot 23 jaar.",
        "Loop gewoon binnen.",
        None,
        ["nl", "en", "ar", "tr"],
        [(WALK_IN, WE, "15:00", "21:00", ""), (WALK_IN, FR, "19:00", "22:00", "")],
        "youth",
    ),
    (
        "carers",
        "Steunpunt Mantelzorg",
        "welfare",
        ["health", "taking_part"],
        ["carers"],
        "Steun en advies als je zorgt voor iemand die ziek is of hulp nodig heeft.",
        "Zorg je voor je partner, ouder, kind of buur? Je staat er niet alleen voor. We denken "
        "mee over respijtzorg, regelingen en je eigen grenzen, en organiseren lotgenotencafés.",
        "",
        "Bel ons of maak een afspraak voor een gesprek.",
        None,
        ["nl"],
        [(APPOINTMENT, TU, "09:00", "12:00", ""), (PHONE, "MO,TU,WE,TH", "09:00", "12:00", "")],
        "centre",
    ),
    (
        "older",
        "Ouderenadviseur",
        "welfare",
        ["health", "housing"],
        ["older"],
        "Advies voor 65-plussers over wonen, zorg, geld en meedoen.",
        "De ouderenadviseur zoekt samen met je uit wat je nodig hebt om prettig thuis te blijven "
        "wonen: van een traplift en huishoudelijke hulp tot een vrijwilliger voor de "
        "boodschappen. Ze komt ook bij je thuis.",
        "Inwoners van 65 jaar en ouder, en hun naasten.",
        "Bel voor een afspraak; een huisbezoek kan ook.",
        None,
        ["nl", "de"],
        [(APPOINTMENT, MO, "09:00", "12:00", "Ook huisbezoek"), (PHONE, WE, "09:00", "12:00", "")],
        "centre",
    ),
    (
        "forms",
        "Formulierenhulp en digihulp",
        "Bibliotheek {municipality}",
        ["language", "money"],
        ["everyone", "older", "newcomers"],
        "Hulp bij brieven, formulieren, toeslagen en je DigiD.",
        "Snap je een brief niet, of moet je iets aanvragen bij de Belastingdienst of de "
        "gemeente? Vrijwilligers helpen je met formulieren en met je telefoon, tablet of DigiD.",
        "",
        "Loop binnen tijdens het spreekuur en neem de brief mee.",
        None,
        ["nl", "en", "tr", "ar"],
        [
            (WALK_IN, TH, "10:00", "12:00", "Formulierenhulp"),
            (WALK_IN, MO, "14:00", "16:00", "Digihulp: telefoon, tablet of DigiD"),
        ],
        "library",
    ),
    (
        "buddies",
        "Maatjesproject Samen Op Pad",
        "welfare",
        ["taking_part"],
        ["older", "adults"],
        "Een vrijwilliger die langskomt als je je eenzaam voelt.",
        "Een maatje komt eens per week of twee weken: voor een wandeling, een kop koffie of "
        "samen naar de markt. We zoeken iemand die bij je past.",
        "",
        "Bel ons; we komen eerst kennismaken bij je thuis.",
        None,
        ["nl"],
        [(PHONE, "TU,WE,TH", "09:00", "12:00", "")],
        "centre",
    ),
    (
        "mediation",
        "Buurtbemiddeling",
        "welfare",
        ["safety", "housing"],
        ["everyone"],
        "Last van de buren? Wij helpen jullie om er samen uit te komen.",
        "Geluid, een heg, rommel of parkeren: twee getrainde vrijwilligers praten eerst met "
        "jou, dan met je buren, en daarna met jullie samen. Zij kiezen geen partij.",
        "Buren die er samen uit willen komen; niet bij geweld.",
        "Bel of mail ons.",
        None,
        ["nl", "en"],
        [(PHONE, WEEK, "09:00", "17:00", "")],
        None,
    ),
    (
        "parenting",
        "Opvoedsteunpunt (CJG)",
        "Centrum voor Jeugd en Gezin {municipality}",
        ["parenting"],
        ["parents", "children"],
        "Vragen over opvoeden en opgroeien, van baby tot puber.",
        "Slaapt je baby slecht, is je kind vaak boos of maak je je zorgen over je puber? Een "
        "jeugdverpleegkundige of pedagoog denkt met je mee. Er is altijd koffie.",
        "Ouders en verzorgers met kinderen tot 23 jaar.",
        "Loop binnen of maak een afspraak.",
        None,
        ["nl", "en", "ar", "tr"],
        [
            (WALK_IN, MO, "09:00", "11:00", "Inloop met koffie"),
            (APPOINTMENT, WE, "13:30", "15:30", ""),
        ],
        "health",
    ),
    (
        "wmo",
        "Wmo-loket: hulp en voorzieningen thuis",
        "Gemeente {municipality}",
        ["health", "housing", "transport"],
        ["older", "disability", "carers"],
        "Hulp van de gemeente als je thuis niet meer alles zelf kunt.",
        "Huishoudelijke hulp, een scootmobiel, een aanpassing in huis of dagbesteding: het "
        "sociaal wijkteam bespreekt met je wat je nodig hebt en wat de gemeente kan regelen.",
        "Inwoners van de gemeente.",
        "Bel de gemeente of kom naar het spreekuur van het wijkteam.",
        "Soms een eigen bijdrage (het CAK rekent die uit)",
        ["nl", "en"],
        [
            (WALK_IN, TH, "09:00", "12:00", "Spreekuur sociaal wijkteam"),
            (PHONE, WEEK, "08:30", "17:00", ""),
        ],
        "centre",
    ),
    (
        "admin",
        "Thuisadministratie",
        "welfare",
        ["money"],
        ["adults", "older"],
        "Een vaste vrijwilliger helpt je je papieren op orde te houden.",
        "Samen met een vrijwilliger sorteer je je post, betaal je rekeningen op tijd en "
        "houd je overzicht. Zo voorkom je schulden.",
        "",
        "Bel ons of vraag het je sociaal werker.",
        None,
        ["nl"],
        [(APPOINTMENT, WE, "09:00", "12:00", "")],
        "centre",
    ),
    (
        "work",
        "Werkcoach: (weer) aan het werk",
        "Gemeente {municipality}",
        ["work", "money"],
        ["adults", "young"],
        "Hulp bij het vinden van werk, een opleiding of vrijwilligerswerk.",
        "Zit je in de bijstand of zoek je al lang werk? Een werkcoach kijkt met je naar wat je "
        "kunt en wilt, helpt met je cv en zoekt met je naar een baan, stage of opleiding.",
        "",
        "Loop binnen op donderdag of maak een afspraak.",
        None,
        ["nl", "en", "ar"],
        [
            (APPOINTMENT, TU, "13:00", "16:00", ""),
            (WALK_IN, TH, "13:00", "15:00", "Inloop"),
        ],
        "centre",
    ),
    (
        "transport",
        "Vrijwilligersvervoer",
        "De Rijdende Buur {municipality}",
        ["transport", "taking_part"],
        ["older", "disability"],
        "Een vrijwillige chauffeur brengt je naar de dokter, het ziekenhuis of op visite.",
        "Kun je zelf niet meer rijden en is de bus lastig? Een vrijwilliger haalt je op met de "
        "eigen auto, wacht als dat nodig is en brengt je weer thuis.",
        "Voor wie geen eigen vervoer heeft.",
        "Bel twee werkdagen van tevoren om een rit aan te vragen.",
        "€ 0,35 per kilometer, te betalen aan de chauffeur",
        ["nl"],
        [(PHONE, WEEK, "09:00", "12:00", "Rit aanvragen")],
        None,
    ),
    (
        "bike",
        "Fietsreparatie aan huis voor ouderen",
        "fietsenmaker-jansen",
        ["transport"],
        ["older"],
        "Je fiets gemaakt zonder dat je naar de winkel hoeft.",
        "Voor wie niet meer naar de winkel kan fietsen: we halen je fiets op of repareren hem "
        "bij je voor de deur.",
        "",
        "Bel de winkel om een afspraak te maken.",
        "Voorrijden gratis; de reparatie volgens de prijslijst",
        ["nl"],
        [(OPEN, "TU,WE,TH,FR,SA", "09:00", "17:30", "")],
        "workshop",
    ),
]
# The services that exist only where their organisation is.
ONLY = {"bike": {"nijmegen-oost"}}
REPAIR_ORGANISATION = {
    "nijmegen-oost": "repair-cafe-oost",
    "ooij": "dorpshuis-de-klinkert",
    "amersfoort-liendert": "Repair Café Liendert",
}
STALE = ("admin", "buddies")
"""Not confirmed after being asked: "mogelijk verouderd"."""
ASKED = "mediation"
"""Just asked "klopt dit nog?"."""
CORRECTED = "money"
CORRECTION = "Het inloopspreekuur op dinsdag is sinds kort in de kleine zaal, niet meer boven."
# Cards of the professionals: (job title, the services they give).
CARDS = [
    ("Sociaal werker, schuldhulp", ["money", "social-work", "admin"]),
    ("Ouderenadviseur en mantelzorgconsulent", ["older", "carers", "buddies"]),
]


def _demo_id(*parts) -> str:
    return hsds._id("demo", *parts)


def _organisation(spec_org: str, nb, municipality: str, welfare, area: str) -> dict:
    """The HSDS organization of a service: the demo's own organisations by id, new ones by
    name (the importer finds or creates them)."""
    if spec_org == "welfare":
        return {"id": hsds._id("organisation", welfare.pk), "name": welfare.name}
    if spec_org == "repair":
        spec_org = REPAIR_ORGANISATION[nb.slug]
    existing = Organisation.objects.filter(slug=spec_org).first()
    if existing is not None:
        return {"id": hsds._id("organisation", existing.pk), "name": existing.name}
    name = spec_org.format(municipality=municipality)
    local = slugify(name).replace("-", "")[:24]
    return {
        "id": _demo_id("organisation", name),
        "name": name,
        "description": "",
        "email": f"info@{local}.example",
        "website": f"https://www.example.org/{slugify(name)}",
        "phones": [{"number": f"{area} 123 40 00"}],
    }


def _location(nb, key: str, town: str, number: int) -> dict:
    name, street = PLACES[nb.slug][key]
    pc4 = nb.spec["pc4"][number % len(nb.spec["pc4"])]
    pc6 = [pc for pc in getattr(nb, "pc6s", []) if pc.startswith(pc4)]
    postcode = f"{pc4} {pc6[number % len(pc6)][4:]}" if pc6 else pc4
    lat, lon = nb.spec.get("centres", {}).get(pc4, (None, None))
    rng = random.Random(f"{nb.slug}-{key}")
    return {
        "id": _demo_id(nb.slug, "location", key, number),
        "name": name,
        "latitude": round(lat + rng.uniform(-0.004, 0.004), 6) if lat else None,
        "longitude": round(lon + rng.uniform(-0.006, 0.006), 6) if lon else None,
        "addresses": [{"address_1": street, "city": town, "postal_code": postcode}],
        "accessibility": (
            ([{"description": "Wheelchair accessible"}] if key in WHEELCHAIR else [])
            + ([{"description": "Hearing loop"}] if key in HEARING_LOOP else [])
        ),
    }


def hsds_records(nb, rng: random.Random) -> list[dict]:
    """The neighbourhood's demo services as HSDS service objects, checked some days ago."""
    town, municipality, area = TOWN.get(nb.slug, (nb.name, nb.municipality, "024"))
    welfare = Organisation.objects.filter(neighbourhoods=nb, kind=Organisation.Kind.WELFARE).first()
    records = []
    for number, spec in enumerate(SERVICES):
        key, name, org, domains, groups, summary, text, who, how, costs, langs, hours, place = spec
        if nb.slug not in ONLY.get(key, {nb.slug}) or nb.slug not in PLACES:
            continue
        sid = _demo_id(nb.slug, "service", key)
        schedules = [
            {"byday": days, "opens_at": opens, "closes_at": closes, "attending_type": kind}
            | ({"description": note} if note else {})
            for kind, days, opens, closes, note in hours
        ]
        at_locations = []
        if place:
            at_locations = [
                {"location": _location(nb, place, town, number), "schedules": schedules}
            ]
            schedules = [s for s in schedules if s["attending_type"] == PHONE]
            at_locations[0]["schedules"] = [
                s for s in at_locations[0]["schedules"] if s["attending_type"] != PHONE
            ]
        days_ago = 400 if key in STALE else 200 if key == ASKED else rng.randint(3, 150)
        records.append(
            {
                "id": sid,
                "name": name,
                "status": "active",
                "description": f"{summary}\n\n{text}",
                "eligibility_description": who,
                "application_process": how,
                "fees_description": costs,
                "cost_options": [{"amount": 0 if costs is None or "Gratis" in costs else None}],
                "email": f"{key}@{nb.slug}.example",
                "url": f"https://www.example.org/{nb.slug}/{key}",
                "assured_date": hsds.checked_days_ago(days_ago),
                "organization": _organisation(org, nb, municipality, welfare, area),
                "phones": [{"number": f"{area} 123 {45 + number % 5} {10 + number:02d}"}],
                "languages": [{"code": code} for code in langs],
                "attributes": [
                    {"taxonomy_term": {"code": f"life_domain:{code}"}} for code in domains
                ]
                + [{"taxonomy_term": {"code": f"target_group:{code}"}} for code in groups],
                "schedules": schedules,
                "service_at_locations": at_locations,
            }
        )
    return records


def seed(nb, members, rng: random.Random) -> None:
    if nb.slug not in PLACES:
        return
    plan = hsds.plan_import(nb, hsds_records(nb, rng))
    refused = [record.summary() for record in plan.records if record.action == "refuse"]
    assert not refused, refused  # the demo's own data must import cleanly
    services = {str(s.uid): s for s in hsds.apply_import(plan)}
    by_key = {key: services.get(_demo_id(nb.slug, "service", key)) for key, *_rest in SERVICES}
    Organisation.objects.filter(neighbourhoods=nb, name=f"Gemeente {TOWN[nb.slug][1]}").update(
        kind=Organisation.Kind.MUNICIPALITY
    )
    Organisation.objects.filter(
        neighbourhoods=nb, name__in=[f"Wijkzorg {TOWN[nb.slug][1]}"]
    ).update(kind=Organisation.Kind.CARE)
    now = timezone.now()
    for key in STALE:
        Service.objects.filter(pk=by_key[key].pk).update(
            check_asked_at=now - timedelta(days=45), stale_since=now - timedelta(days=15)
        )
    Service.objects.filter(pk=by_key[ASKED].pk).update(check_asked_at=now - timedelta(days=6))
    residents = [m for m in members if m.email.startswith("buur")] or members
    ServiceFeedback.objects.create(
        neighbourhood=nb,
        service=by_key[CORRECTED],
        text=CORRECTION,
        author=rng.choice(residents) if residents else None,
        created_at=now - timedelta(days=2),
    )
    professionals = Membership.objects.filter(
        neighbourhood=nb, role=Role.PROFESSIONAL, status=Membership.Status.VERIFIED
    ).select_related("user", "organisation")
    professionals = sorted(
        professionals, key=lambda m: (not m.user.email.startswith("demo-"), m.joined_at, m.pk)
    )
    for number, membership in enumerate(professionals):
        job_title, keys = CARDS[number % len(CARDS)]
        organisation = membership.organisation or by_key["money"].organisation
        Professional.objects.create(
            neighbourhood=nb,
            user=membership.user,
            organisation=organisation,
            job_title=job_title,
            working_area=nb.name,
            reachable="Maandag tot en met donderdag van 9.00 tot 17.00 uur",
            phone=f"{TOWN[nb.slug][2]} 123 49 {20 + number:02d}",
        )
        ServicePerson.objects.bulk_create(
            ServicePerson(neighbourhood=nb, service=by_key[key], user=membership.user)
            for key in keys
            if by_key[key] is not None and by_key[key].organisation_id == organisation.pk
        )
