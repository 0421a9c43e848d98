"""Demo data of the clubs component: in each neighbourhood a bridge club, a walking group, a
community garden, a choir (and in Nijmegen-Oost a study circle), and pages for the existing
initiatives Repair Café Oost and Dorpshuis De Klinkert — with members, a request waiting for the
board, information for members and an announcement. All made through the actions. What a club
does through the other components (a post on the square in its name, a recurring activity, a
vacancy, a support request: ``Spec.post``, ``activity``, ``vacancy``, ``support``) is made by
the demo app (``buurtplein.demo.clubs``), because a component imports no other component.

The demo log-ins meet it at once: the demo resident (Els, Nijmegen-Oost) walks with the
walking group and has asked to join the bridge club; the demo buurtverbinder (Karim) is on the
board of the community garden."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.text import slugify

from buurtplein.clubs import actions
from buurtplein.clubs.models import Club, ClubAnnouncement, ClubMember, JoinPolicy
from buurtplein.core.demo_pictures import picture
from buurtplein.core.models import Membership

DEMO_RESIDENT = "demo-bewoner@buurtplein.nl"
DEMO_CONNECTOR = "demo-buurtverbinder@buurtplein.nl"


@dataclass
class Spec:
    key: str
    kind: str
    policy: str
    pitch: str
    description: str
    where: str
    when: str
    members_text: str
    # (title, RRULE, start time, end time, description) of a recurring activity through the
    # agenda (its first date is the first that fits the rule from tomorrow on), or None.
    activity: tuple | None = None
    post: tuple[str, str, str] | None = None
    """(category, title, text) of a post on the square on behalf of the club."""
    announcement: tuple[str, str] | None = None
    vacancy: dict | None = None
    support: tuple[str, str, Decimal] | None = None
    names: dict[str, str] = field(default_factory=dict)
    """The club's name per neighbourhood slug (only there)."""
    organisation: dict[str, str] = field(default_factory=dict)
    """An existing organisation's slug per neighbourhood slug: its page is linked to it."""


BRIDGE = Spec(
    key="bridge",
    kind="association",
    policy=JoinPolicy.REQUEST,
    pitch="Elke dinsdagavond bridgen we in het buurthuis; beginners krijgen eerst les.",
    description=(
        "Bridge is een spel voor je hoofd én voor de gezelligheid. Onze vereniging speelt "
        "elke **dinsdagavond**. Ben je nieuw? Dan leer je het spel eerst in de beginnerscursus "
        "van Jan, die al dertig jaar speelt.\n\n- Contributie: € 5 per maand\n- Koffie en thee "
        "staan klaar\n- Je hoeft geen vaste partner mee te nemen"
    ),
    where="Buurthuis, grote zaal",
    when="Dinsdag 19.30–22.00 uur",
    members_text=(
        "**Speelschema**: we beginnen om 19.30 uur precies, de zaal is open vanaf 19.00 uur.\n\n"
        "- Afzeggen? Stuur een bericht aan de wedstrijdleider.\n- De contributie maak je over "
        "op de rekening van de vereniging (zie de ledenbrief).\n- De sleutel van de kast met "
        "de kaarten ligt bij de beheerder van het buurthuis."
    ),
    activity=(
        "Bridgeavond (met les voor beginners)",
        "FREQ=WEEKLY;BYDAY=TU;WKST=MO",
        time(19, 30),
        time(22, 0),
        "Bridge voor iedereen. Beginners krijgen het eerste uur les.",
    ),
    announcement=(
        "Kerstdrive op 22 december",
        "Op dinsdag 22 december spelen we onze **kerstdrive**, met een kleine prijs voor "
        "iedereen. Neem gerust iemand mee die het spel wil leren kennen!",
    ),
    names={
        "nijmegen-oost": "Bridgeclub Oost",
        "amersfoort-liendert": "Bridgeclub Liendert",
        "ooij": "Bridgeclub De Klinkert",
    },
)

WALKING = Spec(
    key="walking",
    kind="club",
    policy=JoinPolicy.OPEN,
    pitch="Elke woensdagochtend lopen we een uur door de buurt, in een rustig tempo.",
    description=(
        "Samen wandelen is gezond en gezellig. We lopen ongeveer 5 kilometer, **in een rustig "
        "tempo**, en drinken daarna samen koffie. Rollators en wandelstokken zijn welkom: we "
        "wachten op elkaar."
    ),
    where="Verzamelen bij de ingang van het buurthuis",
    when="Woensdag 10.00–11.00 uur",
    members_text=(
        "Bij regen lopen we ook, behalve bij onweer: dan sturen we een bericht in de "
        "WhatsApp-groep. Vraag de link aan een van de bestuursleden.\n\nEHBO-tas: die heeft "
        "Mieke altijd bij zich."
    ),
    activity=(
        "Wandelen met de wandelgroep",
        "FREQ=WEEKLY;BYDAY=WE;WKST=MO",
        time(10, 0),
        time(11, 0),
        "Een uur wandelen in een rustig tempo, daarna koffie. Iedereen is welkom.",
    ),
    post=(
        "tip",
        "Wandel je mee op woensdag?",
        "Elke woensdag om 10 uur lopen we een uur door de buurt, daarna is er koffie. Je hoeft "
        "je niet op te geven: kom gewoon naar het buurthuis. **Iedereen is welkom**, ook als "
        "je niet zo snel meer bent.",
    ),
    announcement=(
        "Nieuwe route langs het park",
        "Vanaf volgende week lopen we een nieuwe route, langs het park en terug over de dijk. "
        "Die is wat vlakker, fijn voor wie met een rollator loopt.",
    ),
    names={
        "nijmegen-oost": "Wandelgroep Oost",
        "amersfoort-liendert": "Wandelclub Liendert Loopt",
        "ooij": "Wandelgroep Ooijpolder",
    },
)

GARDEN = Spec(
    key="garden",
    kind="initiative",
    policy=JoinPolicy.OPEN,
    pitch="Samen groente kweken op een braakliggend stuk grond: iedereen mag meedoen en mee-eten.",
    description=(
        "Wat begon met een paar bakken tomaten is nu een echte buurtmoestuin. We zaaien, "
        "wieden en oogsten samen, en delen wat er groeit. Je hoeft geen ervaring te hebben: "
        "er is altijd iemand die het je laat zien.\n\nWe zoeken nog geld voor een "
        "gereedschapsschuur en regentonnen."
    ),
    where="Het veldje achter de school",
    when="Zaterdag 10.00–12.00 uur",
    members_text=(
        "**Gieten**: in de zomer gieten we om de beurt; het rooster hangt in de schuur.\n\n"
        "De code van het hangslot krijg je van het bestuur. Gereedschap na gebruik schoon "
        "terug in de kist, graag!"
    ),
    activity=(
        "Tuinochtend in de buurtmoestuin",
        "FREQ=WEEKLY;BYDAY=SA;WKST=MO",
        time(10, 0),
        time(12, 0),
        "Samen zaaien, wieden en oogsten. Neem handschoenen mee als je die hebt.",
    ),
    post=(
        "news",
        "Oogstfeest in de buurtmoestuin",
        "De pompoenen zijn binnen! Zaterdag om 12 uur maken we er samen soep van. Iedereen is "
        "welkom om te proeven, ook als je nog nooit in de tuin was.",
    ),
    vacancy={
        "title": "Wie helpt op zaterdag in de moestuin?",
        "task": "Samen met anderen wieden, gieten en oogsten. Geen ervaring nodig.",
        "time_kind": "regular",
        "frequency": "weekly",
        "hours": Decimal("2"),
        "place": "address",
        "address": "Het veldje achter de school",
        "suitable_for": ["no_experience", "friend"],
    },
    support=(
        "Steun voor een gereedschapsschuur",
        "Een schuur voor het gereedschap en twee regentonnen: dan kunnen we het hele jaar door. "
        "Help je mee met een bedrag, of met een zaterdag klussen?",
        Decimal("750"),
    ),
    names={
        "nijmegen-oost": "Buurtmoestuin Javastraat",
        "amersfoort-liendert": "Moestuin De Zonnebloem",
        "ooij": "Dorpstuin Ooij",
    },
)

CHOIR = Spec(
    key="choir",
    kind="club",
    policy=JoinPolicy.REQUEST,
    pitch="Een koor voor iedereen die graag zingt, ook als je geen noten kunt lezen.",
    description=(
        "We zingen van alles: Nederlandstalige liedjes, popsongs en af en toe iets klassieks. "
        "Noten lezen hoeft niet. Kom een keer vrijblijvend meezingen en kijk of het bij je "
        "past; daarna zegt de dirigent of er plek is in jouw stemgroep."
    ),
    where="De kerkzaal",
    when="Donderdag 20.00–21.45 uur",
    members_text=(
        "Oefenbestanden staan in de gedeelde map (link in de WhatsApp-groep). Neem je map met "
        "bladmuziek mee. In de pauze is er thee."
    ),
    announcement=(
        "Geen repetitie op 24 december",
        "Op donderdag 24 december is er geen repetitie. Fijne feestdagen, en tot 7 januari!",
    ),
    names={
        "nijmegen-oost": "Buurtkoor Oost Zingt",
        "amersfoort-liendert": "Wereldkoor Liendert",
        "ooij": "Gemengd Koor Ooij",
    },
)

STUDY = Spec(
    key="study",
    kind="association",
    policy=JoinPolicy.REQUEST,
    pitch="Eens in de twee weken verdiepen we ons samen in een onderwerp: van sterren tot "
    "stadsgeschiedenis.",
    description=(
        "Een studiekring is een groep nieuwsgierige buren die samen iets willen leren. Elke "
        "keer bereidt iemand een onderwerp voor. Daarna praten we erover, met koffie."
    ),
    where="Bibliotheek, leeszaal",
    when="Om de week op maandag, 14.00–16.00 uur",
    members_text="Het rooster met onderwerpen en wie wat voorbereidt staat in de ledenbrief.",
    names={"nijmegen-oost": "Studiekring De Nieuwsgierige Buur"},
)

REPAIR = Spec(
    key="repair",
    kind="initiative",
    policy=JoinPolicy.OPEN,
    pitch="Elke eerste zaterdag van de maand repareren we samen wat kapot is.",
    description=(
        "Kapotte broodrooster, fiets met een lekke band, broek met een scheur? Neem het mee! "
        "Vrijwillige reparateurs helpen je het **zelf** te maken. Gratis, een vrijwillige "
        "bijdrage mag."
    ),
    where="Buurthuis De Lindenberg",
    when="Eerste zaterdag van de maand, 10.00–13.00 uur",
    members_text=(
        "Voor de reparateurs: we zetten om 9.30 uur de tafels klaar. Het gereedschap staat in "
        "de kast in het magazijn; de sleutel ligt bij de beheerder."
    ),
    activity=(
        "Repair Café",
        "FREQ=MONTHLY;BYDAY=1SA",
        time(10, 0),
        time(13, 0),
        "Neem je kapotte spullen mee: samen maken we ze weer heel.",
    ),
    post=(
        "notice",
        "Repair Café zoekt een naaimachine",
        "Wie heeft er nog een naaimachine die het doet en die je niet meer gebruikt? Onze oude "
        "is kapot. We halen hem graag op!",
    ),
    organisation={"nijmegen-oost": "repair-cafe-oost"},
)

VILLAGE_HALL = Spec(
    key="village-hall",
    kind="initiative",
    policy=JoinPolicy.OPEN,
    pitch="Het dorpshuis van Ooij: koffie, bridge, yoga en de jaarlijkse kermis.",
    description=(
        "Dorpshuis De Klinkert is van en voor het dorp. Vrijwilligers houden het open. Elke "
        "ochtend staat de koffie klaar, en er is van alles te doen."
    ),
    where="Dorpsstraat 40, Ooij",
    when="Elke ochtend open, 9.30–12.00 uur",
    members_text=(
        "Voor de vrijwilligers: het bardienstrooster hangt in de keuken. Wie sluit af, zet de "
        "verwarming laag en doet de achterdeur op slot."
    ),
    post=(
        "news",
        "Het dorpshuis krijgt nieuwe stoelen",
        "Dankzij de opbrengst van de kermis kunnen we eindelijk nieuwe stoelen kopen. Wie helpt "
        "zaterdag de oude naar de kringloop te brengen?",
    ),
    announcement=(
        "Vrijwilligersavond op 15 januari",
        "Op vrijdag 15 januari bedanken we alle vrijwilligers met een hapje en een drankje. "
        "Zeg je even of je komt?",
    ),
    organisation={"ooij": "dorpshuis-de-klinkert"},
)

SPECS = [REPAIR, VILLAGE_HALL, BRIDGE, WALKING, GARDEN, CHOIR, STUDY]

NOTES = [
    "Ik speel al jaren bridge en ben net verhuisd. Ik zou graag weer een vaste avond hebben.",
    "Ik zing graag, maar kan geen noten lezen. Mag ik een keer komen kijken?",
    "Leuk initiatief! Ik doe graag mee.",
]


def safe(fn, **kwargs):
    """``fn(**kwargs)``, or None when an action refuses (demo data may hit a rule)."""
    try:
        return fn(**kwargs)
    except ValidationError:
        return None


def is_verified(neighbourhood, person) -> bool:
    return Membership.objects.filter(
        neighbourhood=neighbourhood, user=person, status=Membership.Status.VERIFIED
    ).exists()


def _board_for(spec, organisation, neighbourhood, pool, rng, special):
    """Who starts the page: for an existing organisation one of its staff who lives here (a
    neighbour is made its staff, as an admin would, when it has none); else a neighbour."""
    if organisation is not None:
        person = (
            organisation.staff.filter(
                memberships__neighbourhood=neighbourhood,
                memberships__status=Membership.Status.VERIFIED,
            )
            .order_by("pk")
            .first()
        )
        if person is None:
            person = rng.choice(pool)
            organisation.staff.add(person)
        return person
    return special.get(spec.key) or rng.choice(pool)


def seed(neighbourhood, members, rng) -> None:
    if not members or Club.objects.filter(neighbourhood=neighbourhood).exists():
        return
    now = timezone.now()
    by_email = {person.email: person for person in members}
    resident, connector = by_email.get(DEMO_RESIDENT), by_email.get(DEMO_CONNECTOR)
    pool = [m for m in members if m.email not in (DEMO_RESIDENT, DEMO_CONNECTOR)] or members
    special = {"garden": connector} if connector is not None else {}
    organisations = {o.slug: o for o in neighbourhood.organisations.all()}
    for k, spec in enumerate(SPECS):
        name = spec.names.get(neighbourhood.slug)
        existing = organisations.get(spec.organisation.get(neighbourhood.slug, ""))
        if name is None and existing is None:
            continue
        board = _board_for(spec, existing, neighbourhood, pool, rng, special)
        created = now - timedelta(days=rng.randint(120, 700), minutes=k)
        jpeg, alt = picture(rng)  # drawn locally; through the real photo pipeline
        club = actions.club_create(
            creator=board,
            neighbourhood=neighbourhood,
            organisation=existing,
            name=name or "",
            kind=spec.kind,
            pitch=spec.pitch,
            description=spec.description,
            meets_where=spec.where,
            meets_when=spec.when,
            join_policy=spec.policy,
            contact_audience="public" if existing else "members",
            email="" if existing else f"{slugify(name)}@example.nl",
            photos=[SimpleUploadedFile("foto.jpg", jpeg, "image/jpeg")],
            alt_text=alt,
            created_at=created,
        )
        _fill(club, spec, board, pool, rng, now, created, resident)


def _fill(club, spec, board, pool, rng, now, created, resident) -> None:
    """Members (one of them on the board too), the demo resident's place, a request waiting
    for the board, the members' information and an announcement."""
    others = [p for p in pool if p.pk != board.pk]
    joiners = rng.sample(others, min(len(others), rng.randint(3, 8)))
    policy, club.join_policy = club.join_policy, JoinPolicy.OPEN  # already members, back then
    for person in joiners:
        safe(actions.member_join, club=club, user=person)
    if resident is not None and spec.key == "walking":
        safe(actions.member_join, club=club, user=resident)
    club.join_policy = policy
    rows = list(ClubMember.objects.filter(club=club).exclude(user=board).order_by("pk"))
    for row in rows:
        ClubMember.objects.filter(pk=row.pk).update(
            requested_at=created + timedelta(days=rng.randint(1, 100)),
            joined_at=created + timedelta(days=rng.randint(1, 100)),
        )
    if rows and spec.key in ("bridge", "garden", "repair", "village-hall"):
        second = next((row for row in rows if row.user != resident), None)
        if second is not None:
            actions.member_set_role(actor=board, member=second, role="board")
    if club.join_policy == JoinPolicy.REQUEST:
        asker = resident if spec.key == "bridge" and resident is not None else None
        candidates = [p for p in others if p not in joiners]
        asker = asker or (rng.choice(candidates) if candidates else None)
        if asker is not None:
            note = NOTES[0] if spec.key == "bridge" else rng.choice(NOTES[1:])
            request = safe(actions.member_join, club=club, user=asker, note=note)
            if request is not None:
                ClubMember.objects.filter(pk=request.pk).update(
                    requested_at=now - timedelta(days=2, hours=rng.randint(0, 20))
                )
    actions.members_text_update(actor=board, club=club, text=spec.members_text)
    if spec.announcement:
        title, text = spec.announcement
        announcement = actions.announcement_create(author=board, club=club, title=title, text=text)
        ClubAnnouncement.objects.filter(pk=announcement.pk).update(
            created_at=now - timedelta(days=rng.randint(1, 6), hours=rng.randint(1, 10))
        )


def seeded_clubs(neighbourhood) -> list[tuple[Club, Spec, object]]:
    """``(club, spec, board member who started it)`` for the demo clubs of the neighbourhood.
    The demo app uses it to let each club act through the other components (a post, an
    activity, a vacancy, a support request): the clubs component imports none of them."""
    found = []
    clubs = Club.objects.filter(neighbourhood=neighbourhood).select_related("organisation")
    for club in clubs.order_by("pk"):
        for spec in SPECS:
            if club.organisation.name == spec.names.get(neighbourhood.slug) or (
                club.organisation.slug == spec.organisation.get(neighbourhood.slug)
            ):
                first = (
                    ClubMember.objects.filter(club=club, role="board")
                    .select_related("user")
                    .order_by("pk")
                    .first()
                )
                if first is not None:
                    found.append((club, spec, first.user))
                break
    return found
