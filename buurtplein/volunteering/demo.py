"""Demo data of volunteering: in every demo neighbourhood the vacancies of its welfare
organisation (Sterker Welzijn, Buurtkracht Amersfoort) and of its local initiative (Repair Café
Oost, Dorpshuis De Klinkert) — a buddy for an older neighbour, a language buddy, a driver for
the shopping bus, a host in the community centre, help at the computer drop-in, a cook for the
neighbourhood meal, a repairer, and a one-off clean-up day — all made through the actions.

Some neighbours responded: the driver was accepted six weeks ago and both sides answered the
follow-up (a match), a language buddy was accepted a month ago (her answer is in, the
organisation's is due), a computer helper last week, others wait for an answer. In
Nijmegen-Oost the demo professional (Sanne, Sterker Welzijn) is the contact of her
organisation's vacancies, with responses to look at, a follow-up to answer and a vacancy that
ends within the week; the demo resident (Els) responded to the host vacancy and finds a
suggestion that fits her profile.
Dates in the past (when a vacancy was posted, when a response was accepted) are written
directly afterwards, as they happened "back then".
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from buurtplein.accounts.models import Profile
from buurtplein.core.models import Membership
from buurtplein.volunteering import actions, matching
from buurtplein.volunteering.models import EXPIRY_DAYS, Response, Vacancy

DEMO_RESIDENT = "demo-bewoner@buurtplein.nl"
DEMO_PROFESSIONAL = "demo-professional@buurtplein.nl"

# Who posts it: "welfare" (the welfare organisation) or "local" (the local initiative, else
# the welfare organisation). Days: how long ago it was posted.
VACANCIES = [
    {
        "by": "welfare",
        "days": 12,
        "title": "Maatje voor een oudere buurvrouw",
        "task": (
            "Mevrouw Peters (84) woont alleen en mist gezelschap. Kom je eens per week op de "
            "koffie, voor een praatje of een rondje wandelen? We zoeken iemand die het leuk "
            "vindt om echt contact te maken.\n\nJe krijgt een kennismakingsgesprek en een "
            "coördinator die je begeleidt."
        ),
        "time_kind": "regular",
        "frequency": "weekly",
        "schedule": "een middag in de week, in overleg",
        "hours": 2,
        "place": "address",
        "where": "Bij haar thuis, in de buurt",
        "topics": ["company", "coffee", "walking"],
        "offers": ["training", "guidance", "vog", "insurance"],
        "suitable_for": ["no_experience", "basic_dutch"],
    },
    {
        "by": "welfare",
        "days": 55,
        "title": "Taalmaatje",
        "task": (
            "Oefen een uur per week Nederlands met een buur die nog maar kort in Nederland "
            "woont. Gewoon praten over het dagelijks leven: boodschappen, school, de buurt. Je "
            "hoeft geen leraar te zijn."
        ),
        "time_kind": "regular",
        "frequency": "weekly",
        "schedule": "in overleg, overdag of 's avonds",
        "hours": 1.5,
        "place": "home",
        "topics": ["dutch-practice", "languages", "coffee"],
        "offers": ["training", "guidance"],
        "suitable_for": ["no_experience"],
        "people": 3,
        "visibility": "public",
    },
    {
        "by": "welfare",
        "days": 50,
        "title": "Chauffeur voor de boodschappenbus",
        "task": (
            "Om de week rijdt de boodschappenbus met ouderen naar de supermarkt en de markt. "
            "Jij rijdt (rijbewijs B is genoeg) en helpt met de tassen. Een collega-vrijwilliger "
            "gaat mee."
        ),
        "time_kind": "regular",
        "frequency": "fortnightly",
        "schedule": "vrijdagochtend",
        "hours": 3,
        "place": "address",
        "where": "Vertrek bij het buurthuis",
        "topics": ["driving", "shopping"],
        "offers": ["insurance", "expenses", "vog"],
        "suitable_for": [],
    },
    {
        "by": "local",
        "days": 6,
        "title": "Gastvrouw of gastheer in het buurthuis",
        "task": (
            "Bij de open inloop schenk je koffie en thee, heet je mensen welkom en maak je een "
            "praatje. Je zorgt dat iedereen zich thuis voelt, ook wie voor het eerst komt."
        ),
        "time_kind": "regular",
        "frequency": "weekly",
        "schedule": "elke dinsdagochtend",
        "hours": 3,
        "place": "address",
        "where": "het buurthuis",
        "topics": ["company", "coffee"],
        "offers": ["training"],
        "suitable_for": ["basic_dutch", "friend", "wheelchair"],
        "visibility": "public",
    },
    {
        "by": "local",
        "days": 9,
        "title": "Hulp bij de computerinloop",
        "task": (
            "Elke donderdag komen buren met hun laptop, tablet of telefoon: een app installeren, "
            "inloggen met DigiD, foto's naar de kleinkinderen sturen. Help jij ze op weg? "
            "Geduld is belangrijker dan kennis."
        ),
        "time_kind": "regular",
        "frequency": "weekly",
        "schedule": "donderdagmiddag",
        "hours": 2,
        "place": "address",
        "where": "de bibliotheek, leestafel",
        "topics": ["computer-help", "computers"],
        "offers": ["guidance"],
        "suitable_for": ["young", "friend"],
        "people": 2,
    },
    {
        "by": "welfare",
        "days": 3,
        "title": "Kok voor de buurtmaaltijd",
        "task": (
            "Elke donderdag eten twintig buren samen in het buurthuis. Kook jij mee? Samen met "
            "een vaste kok maak je een eenvoudige, gezonde maaltijd. De boodschappen worden "
            "betaald."
        ),
        "time_kind": "regular",
        "frequency": "weekly",
        "schedule": "donderdag van 14.00 tot 18.00 uur",
        "hours": 4,
        "place": "address",
        "where": "de keuken van het buurthuis",
        "topics": ["cooking-for-others", "cooking"],
        "offers": ["expenses", "training"],
        "suitable_for": ["basic_dutch", "friend"],
        "people": 2,
    },
    {
        "by": "local",
        "days": 15,
        "title": "Reparateur bij het Repair Café",
        "task": (
            "Eens per maand repareren we samen wat kapot is: een broodrooster, een fiets, een "
            "broek. Kun jij goed klussen, solderen of naaien? Leer buren hoe ze het zelf doen."
        ),
        "time_kind": "regular",
        "frequency": "monthly",
        "schedule": "eerste zaterdag van de maand",
        "hours": 4,
        "place": "address",
        "where": "het buurthuis",
        "topics": ["diy", "bike-repair", "sewing", "sustainability"],
        "offers": ["insurance"],
        "suitable_for": ["friend"],
        "people": 3,
        "only": ["repair-cafe-oost"],
    },
    {
        "by": "local",
        "days": 4,
        "title": "Eenmalig: helpen bij de opschoondag",
        "task": (
            "Op de opschoondag maken we de buurt samen schoon: zwerfvuil prikken, perkjes "
            "wieden, de speeltuin opknappen. Met koffie en soep na afloop. Neem gerust je "
            "buren of kinderen mee!"
        ),
        "time_kind": "one_off",
        "in_days": 24,
        "schedule": "van 10.00 tot 13.00 uur",
        "hours": 3,
        "place": "address",
        "where": "Start bij het buurthuis",
        "topics": ["garden-care", "sustainability", "nature"],
        "offers": [],
        "suitable_for": ["young", "friend", "no_experience"],
        "people": 15,
        "visibility": "public",
    },
]

PLACES = {
    "nijmegen-oost": {"het buurthuis": "Buurthuis De Klinker, Javastraat 12"},
    "amersfoort-liendert": {"het buurthuis": "Wijkcentrum Liendert, Van Randwijcklaan 5"},
    "ooij": {"het buurthuis": "Dorpshuis De Klinkert, Dorpsstraat 40"},
}

RESPONSES = [
    "Ik heb hier echt zin in! Ik kan meestal op dinsdag en donderdag.",
    "Ik ben net met pensioen en zoek iets zinvols. Wanneer kan ik een keer langskomen?",
    "Dit lijkt me leuk. Ik heb wel ervaring, maar niet zoveel tijd: kan het ook om de week?",
    "Ik woon om de hoek en help graag. Mijn Nederlands is nog niet perfect, is dat erg?",
]
CONTACT_ANSWER = "Wat fijn dat je wilt helpen! Zullen we eerst kennismaken, met een kop koffie?"
FOLLOW_UP_NOTES = (
    "Elke week weer gezellig, ik ga zeker door.",
    "Ze doet het geweldig, de bezoekers kennen haar al.",
)


def _organisations(neighbourhood) -> dict[str, object]:
    """The welfare organisation and the local initiative of the neighbourhood."""
    here = list(neighbourhood.organisations.order_by("pk"))
    welfare = next((o for o in here if o.kind == "welfare"), None)
    local = next((o for o in here if o.kind in ("initiative", "club")), None) or welfare
    return {"welfare": welfare, "local": local}


def _staff_here(organisation, neighbourhood, pool, rng, prefer=None):
    """Who acts for the organisation here: the preferred person (the demo professional) when
    staff, else a staff member who is a verified member here; when it has none, a neighbour
    who runs it (the small initiatives)."""
    staff = organisation.staff.filter(
        memberships__neighbourhood=neighbourhood, memberships__status="verified"
    ).order_by("pk")
    if prefer is not None and staff.filter(pk=prefer.pk).exists():
        return prefer
    person = staff.first()
    if person is None:
        person = rng.choice(pool)
        organisation.staff.add(person)
    return person


def _safe(fn, **kwargs):
    try:
        return fn(**kwargs)
    except ValidationError:
        return None


def seed(neighbourhood, members, rng) -> None:
    if not members or Vacancy.objects.filter(neighbourhood=neighbourhood).exists():
        return
    organisations = _organisations(neighbourhood)
    if organisations["welfare"] is None:
        return
    now = timezone.now()
    slugs = {organisation.slug for organisation in organisations.values()}
    els = next((m for m in members if m.email == DEMO_RESIDENT), None)
    sanne = next((m for m in members if m.email == DEMO_PROFESSIONAL), None)
    neighbours = [m for m in members if m.email not in (DEMO_RESIDENT, DEMO_PROFESSIONAL)]
    places = PLACES.get(neighbourhood.slug, {})
    things = {thing.slug: thing.id for thing in matching.vocabulary().values()}
    made = []
    for spec in VACANCIES:
        if spec.get("only") and not set(spec["only"]) & slugs:
            continue
        organisation = organisations[spec["by"]]
        poster = _staff_here(organisation, neighbourhood, neighbours, rng, prefer=sanne)
        topics = [things[slug] for slug in spec["topics"] if slug in things]
        date_start = None
        if spec["time_kind"] == "one_off":
            date_start = (now + timedelta(days=spec["in_days"])).date()
        vacancy = actions.vacancy_create(
            actor=poster,
            neighbourhood=neighbourhood,
            organisation=organisation,
            title=spec["title"],
            task=spec["task"],
            time_kind=spec["time_kind"],
            date_start=date_start,
            frequency=spec.get("frequency", ""),
            schedule=spec.get("schedule", ""),
            hours=spec["hours"],
            hours_per="time",
            place=spec["place"],
            address=places.get(spec.get("where", ""), spec.get("where", "")),
            topics=topics,
            offers=spec["offers"],
            suitable_for=spec["suitable_for"],
            people_wanted=spec.get("people", 1),
            visibility=spec.get("visibility", "members"),
        )
        posted = now - timedelta(days=spec["days"], hours=rng.randint(1, 9))
        Vacancy.objects.filter(pk=vacancy.pk).update(
            created_at=posted, expires_at=posted + timedelta(days=EXPIRY_DAYS)
        )
        vacancy.refresh_from_db()
        made.append(vacancy)
    _responses(neighbourhood, made, neighbours, els, rng, now)
    if els is not None:
        _a_suggestion_for(els, neighbourhood, made)


def _a_suggestion_for(person, neighbourhood, vacancies) -> None:
    """The demo resident finds a suggestion: when nothing fits her profile yet, the buddy
    vacancy ("share what you both like") also lists one of her interests."""
    from buurtplein.core.permissions import Viewer
    from buurtplein.volunteering.models import VacancyTopic
    from buurtplein.volunteering.selectors import suggested_vacancies

    membership = Membership.objects.filter(neighbourhood=neighbourhood, user=person).first()
    viewer = Viewer(user=person, neighbourhood=neighbourhood, membership=membership)
    profile = Profile.objects.filter(user=person).first()
    if profile is None or suggested_vacancies(viewer).vacancies:
        return
    liked = profile.interests.order_by("pk").first() or profile.skills.order_by("pk").first()
    if liked is None:
        return
    buddy = next(v for v in vacancies if v.title.startswith("Maatje"))
    chosen = list(
        VacancyTopic.objects.filter(vacancy=buddy, chosen=True).values_list(
            "interest_id", flat=True
        )
    )
    actions.vacancy_update(
        actor=buddy.posted_by,
        vacancy=buddy,
        title=buddy.title,
        task=buddy.task + "\n\nFijn als jullie iets delen wat jullie allebei leuk vinden.",
        time_kind=buddy.time_kind,
        frequency=buddy.frequency,
        schedule=buddy.schedule,
        hours=buddy.hours,
        hours_per=buddy.hours_per,
        place=buddy.place,
        address=buddy.address,
        topics=[*chosen, liked.pk],
        offers=buddy.offers,
        suitable_for=buddy.suitable_for,
        contact=buddy.contact,
        people_wanted=buddy.people_wanted,
        visibility=buddy.visibility,
    )


def _volunteers_for(vacancy, pool, rng, count):
    staff = set(vacancy.organisation.staff.values_list("pk", flat=True))
    fitting = [p for p in pool if p.pk not in staff and p.pk != vacancy.contact_id]
    return rng.sample(fitting, min(count, len(fitting)))


def _responses(neighbourhood, vacancies, pool, els, rng, now) -> None:
    """A match (accepted six weeks ago, both answered the follow-up), one accepted last week,
    one due for the organisation's answer, and responses waiting."""
    from buurtplein.messaging import actions as messaging

    by_title = {v.title: v for v in vacancies}
    verified = set(
        Membership.objects.filter(
            neighbourhood=neighbourhood, status=Membership.Status.VERIFIED
        ).values_list("user_id", flat=True)
    )
    pool = [p for p in pool if p.pk in verified]
    plan = [
        # (vacancy, how many respond, the first was accepted this many days ago / waits)
        ("Chauffeur voor de boodschappenbus", 1, 42),  # a match, both answered; filled
        ("Taalmaatje", 2, 33),  # the volunteer answered; the organisation's answer is due
        ("Hulp bij de computerinloop", 2, 8),  # accepted last week
        ("Kok voor de buurtmaaltijd", 2, None),  # waiting for an answer
        ("Maatje voor een oudere buurvrouw", 1, None),
    ]
    for title, count, accepted_days in plan:
        vacancy = by_title.get(title)
        if vacancy is None:
            continue
        for k, person in enumerate(_volunteers_for(vacancy, pool, rng, count)):
            response = _safe(
                actions.response_create,
                vacancy=vacancy,
                person=person,
                message=rng.choice(RESPONSES),
            )
            if response is None:
                continue
            created = now - timedelta(days=(accepted_days or 2) + 3, hours=k)
            Response.objects.filter(pk=response.pk).update(created_at=created)
            if k or accepted_days is None:
                continue  # waits for an answer
            _safe(
                messaging.message_send,
                conversation=response.conversation,
                author=vacancy.contact,
                text=CONTACT_ANSWER,
            )
            actions.response_accept(
                actor=vacancy.contact, response=response, now=now - timedelta(days=accepted_days)
            )
            if accepted_days >= 30:
                _follow_up(response, vacancy, person, both=accepted_days > 40, now=now)
            vacancy.refresh_from_db()
    if els is not None and "Gastvrouw of gastheer in het buurthuis" in by_title:
        host = by_title["Gastvrouw of gastheer in het buurthuis"]
        _safe(
            actions.response_create,
            vacancy=host,
            person=els,
            message="Hallo! Ik ben Els en ik woon hier al lang. Ik schenk graag koffie op "
            "dinsdag, dan heb ik vrij.",
        )


def _follow_up(response, vacancy, person, *, both: bool, now) -> None:
    """Back then: asked both sides; the volunteer answered, and — for the older one — the
    organisation too (a match confirmed by both)."""
    response.refresh_from_db()
    Response.objects.filter(pk=response.pk).update(
        volunteer_asked_at=response.accepted_at + timedelta(days=30),
        organisation_asked_at=response.accepted_at + timedelta(days=30),
    )
    actions.follow_up_answer(
        actor=person, response=response, side="volunteer", answer="yes", note=FOLLOW_UP_NOTES[0]
    )
    if both:
        actions.follow_up_answer(
            actor=vacancy.contact,
            response=response,
            side="organisation",
            answer="yes",
            note=FOLLOW_UP_NOTES[1],
        )
