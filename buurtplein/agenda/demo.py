"""Demo data of the agenda, made through the actions: in every demo neighbourhood the weekly
rhythm of the seeds — bewegen voor ouderen on Tuesday, a coffee morning, a meal in the
community centre every weekday, a taalcafé, a bridge class every other week, a study circle on
the 2nd Thursday of the month — plus what fits the place (the Repair Café in Nijmegen-Oost, a
homework class in Liendert, yoga in De Klinkert) and a one-off (a Christmas market, a
neighbourhood party, a clean-up day). Most are organised by Sterker Welzijn, Buurtkracht
Amersfoort, the Repair Café or Dorpshuis De Klinkert, a few by residents. Neighbours signed up;
the bridge class is full with a waiting list; one date of bewegen is cancelled. The demo
resident (Els, Nijmegen-Oost) goes to the next bewegen and the next meal (within three days,
whatever the day the demo is made) and waits for a place at the bridge class; the demo
professional (Sanne, Sterker Welzijn) organises them and sees who comes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from buurtplein.agenda import actions
from buurtplein.agenda.models import Activity, Occurrence
from buurtplein.agenda.recurrence import (
    BIWEEKLY,
    MONTHLY,
    ONCE,
    WEEKLY,
    Schedule,
    build_rule,
)

DEMO_RESIDENT = "demo-bewoner@buurtplein.nl"
DEMO_LOGINS = {
    "demo-bewoner@buurtplein.nl",
    "demo-buurtverbinder@buurtplein.nl",
    "demo-professional@buurtplein.nl",
    "demo-admin@buurtplein.nl",
}

WELFARE = {
    "nijmegen-oost": "sterker-welzijn",
    "ooij": "sterker-welzijn",
    "amersfoort-liendert": "buurtkracht-amersfoort",
}
CENTRE = {
    "nijmegen-oost": ("Wijkcentrum Oost", "Javastraat 12, Nijmegen"),
    "amersfoort-liendert": ("Wijkcentrum Liendert", "Van Randwijcklaan 5, Amersfoort"),
    "ooij": ("Dorpshuis De Klinkert", "Dorpsstraat 40, Ooij"),
}


@dataclass
class Plan:
    title: str
    description: str
    schedule: Schedule
    starts: time
    ends: time
    by: str | None = "welfare"
    """"welfare", an organisation's slug, or None (a resident)."""
    groups: list[str] = field(default_factory=lambda: ["everyone"])
    cost: Decimal | None = None
    cost_note: str = ""
    capacity: int | None = None
    signup: bool = True
    public: bool = True
    wheelchair: bool = True
    hearing_loop: bool = False
    accessibility_note: str = ""
    question: str = ""
    """Asked when people sign up (the answers are on the list of who comes)."""
    place: tuple[str, str] | None = None
    weekday: int | None = None
    """ISO weekday of the first date (for a series: taken from the schedule)."""
    photo: bool = False


def weekly(*days, every_other=False) -> Schedule:
    return Schedule(BIWEEKLY if every_other else WEEKLY, weekdays=tuple(days))


COMMON = [
    Plan(
        "Bewegen voor ouderen",
        "Rustig bewegen op muziek, zittend of staand, onder leiding van een fysiotherapeut. "
        "Iedereen doet mee op zijn eigen manier. Na afloop drinken we samen koffie.",
        weekly(2),
        time(10),
        time(11),
        groups=["seniors"],
        cost=Decimal("2"),
        cost_note="incl. koffie na afloop",
        capacity=16,
        hearing_loop=True,
        accessibility_note="Stoelen met armleuning staan klaar.",
    ),
    Plan(
        "Koffie-ochtend",
        "Loop binnen voor een kop koffie en een praatje. Nieuwe buren zijn extra welkom!",
        weekly(4),
        time(10),
        time(11, 30),
        signup=False,
    ),
    Plan(
        "Samen eten in het buurthuis",
        "Elke werkdag een warme maaltijd: soep, hoofdgerecht en toetje. Samen aan tafel is "
        "gezelliger dan alleen. Meld je uiterlijk de dag ervoor aan, dan weet de kok hoeveel "
        "mensen er komen.",
        weekly(1, 2, 3, 4, 5),
        time(12),
        time(13, 30),
        groups=["seniors", "everyone"],
        cost=Decimal("4.50"),
        cost_note="soep, hoofdgerecht en toetje",
        capacity=24,
        public=False,
        question="Heb je dieetwensen? Bijvoorbeeld geen vlees of geen zout.",
    ),
    Plan(
        "Taalcafé",
        "Oefen Nederlands praten in een kleine groep, met koffie en thee. Voor elk niveau: "
        "vrijwilligers helpen je op weg.",
        weekly(3),
        time(19, 30),
        time(21),
        groups=["newcomers"],
        signup=False,
    ),
    Plan(
        "Bridgeles voor beginners",
        "Leer bridgen in acht lessen, met kaarten en koffie. Je hoeft niets te kunnen en je "
        "hebt geen partner nodig: we maken samen tafels.",
        weekly(1, every_other=True),
        time(14),
        time(16),
        by=None,
        groups=["seniors"],
        cost=Decimal("3"),
        cost_note="per les, koffie inbegrepen",
        capacity=6,
        public=False,
    ),
    Plan(
        "Studiekring",
        "Elke maand verdiepen we ons in een ander onderwerp, deze keer de geschiedenis van de "
        "buurt. Iemand uit de groep leidt het in, daarna praten we erover.",
        Schedule(MONTHLY, nth=2, nth_weekday=4),
        time(14),
        time(16),
        by=None,
        groups=["seniors", "everyone"],
        capacity=12,
        public=False,
    ),
]

EXTRA = {
    "nijmegen-oost": [
        Plan(
            "Repair Café",
            "Kapotte broodrooster, fiets of jas? Samen met vrijwilligers repareer je het zelf. "
            "Gereedschap en koffie staan klaar.",
            Schedule(MONTHLY, nth=1, nth_weekday=6),
            time(10),
            time(13),
            by="repair-cafe-oost",
            cost_note="een vrijwillige bijdrage is welkom",
            signup=False,
        ),
        Plan(
            "Kerstmarkt op het plein",
            "Kraampjes van buren, warme chocolademelk, een kinderkoor en de kerstman. Neem je "
            "eigen beker mee!",
            Schedule(ONCE),
            time(14),
            time(19),
            groups=["everyone", "children"],
            signup=False,
            place=("Het plein bij de Javastraat", "Javastraat, Nijmegen"),
            weekday=6,
            photo=True,
        ),
    ],
    "amersfoort-liendert": [
        Plan(
            "Huiswerkklas",
            "Hulp bij je huiswerk van vrijwilligers, voor kinderen van groep 6 tot en met de "
            "brugklas. Neem je boeken en je planner mee.",
            weekly(2, 4),
            time(15, 30),
            time(17),
            groups=["children", "youth"],
            capacity=15,
            public=False,
        ),
        Plan(
            "Buurtfeest Liendert",
            "Muziek, eten uit alle landen van de wijk en spelletjes voor de kinderen. Neem een "
            "gerecht mee om te delen!",
            Schedule(ONCE),
            time(14),
            time(20),
            groups=["everyone"],
            signup=False,
            place=("Speelveld Lupinestraat", "Lupinestraat, Amersfoort"),
            weekday=6,
            photo=True,
        ),
        Plan(
            "Opschoondag",
            "We maken de wijk samen schoon. Grijpers, handschoenen en zakken liggen klaar. "
            "Daarna is er soep voor iedereen.",
            Schedule(ONCE),
            time(10),
            time(12, 30),
            by=None,
            place=("Verzamelen bij het wijkcentrum", "Van Randwijcklaan 5, Amersfoort"),
            weekday=6,
        ),
    ],
    "ooij": [
        Plan(
            "Yoga in het dorpshuis",
            "Zachte yoga voor iedereen, ook als je niet zo lenig bent. Neem een matje en een "
            "dekentje mee.",
            weekly(1),
            time(19, 30),
            time(20, 30),
            by="dorpshuis-de-klinkert",
            cost=Decimal("5"),
            capacity=12,
        ),
        Plan(
            "Kerstmarkt in De Klinkert",
            "Kerststukjes, oliebollen en de harmonie. De opbrengst gaat naar het dorpshuis.",
            Schedule(ONCE),
            time(13),
            time(18),
            by="dorpshuis-de-klinkert",
            groups=["everyone", "children"],
            signup=False,
            weekday=6,
            photo=True,
        ),
    ],
}


def _staff_here(organisation, neighbourhood, pool, rng):
    """A staff member of the organisation who lives here; when it has none, a neighbour who
    runs it (the small initiatives)."""
    person = (
        organisation.staff.filter(
            memberships__neighbourhood=neighbourhood, memberships__status="verified"
        )
        .order_by("pk")
        .first()
    )
    if person is None:
        person = rng.choice(pool)
        organisation.staff.add(person)
    return person


def _first_date(plan: Plan, today: date) -> date:
    """For a series today, or tomorrow when today's time has (nearly) passed (the rule finds
    its own first date); a one-off on a Saturday a few weeks ahead (a Christmas market on the
    last Saturday before Christmas when that is near)."""
    if plan.schedule.repeat != ONCE:
        now = timezone.localtime()
        if now.date() == today and now.time() < time(max(0, plan.starts.hour - 1)):
            return today
        return today + timedelta(days=1)
    ahead = (plan.weekday - today.isoweekday()) % 7 or 7
    day = today + timedelta(days=ahead + 14)
    if plan.title.startswith("Kerstmarkt"):
        christmas = date(today.year, 12, 24)
        saturday = christmas - timedelta(days=(christmas.isoweekday() - 6) % 7)
        if today + timedelta(days=3) <= saturday <= today + timedelta(days=60):
            day = saturday
    return day


def _photo(rng):
    from buurtplein.core.demo_pictures import landscape

    return SimpleUploadedFile("markt.jpg", landscape(rng), "image/jpeg")


def _plan(plan, neighbourhood, organiser, organisation, rng, today) -> Activity | None:
    place = plan.place or CENTRE.get(neighbourhood.slug, ("Buurthuis", ""))
    first = _first_date(plan, today)
    try:
        return actions.activity_create(
            organiser=organiser,
            neighbourhood=neighbourhood,
            organisation=organisation,
            title=plan.title,
            description=plan.description,
            start_date=first,
            start_time=plan.starts,
            end_time=plan.ends,
            rule=build_rule(plan.schedule),
            place_name=place[0],
            address=place[1],
            wheelchair_accessible=plan.wheelchair,
            hearing_loop=plan.hearing_loop,
            accessibility_note=plan.accessibility_note,
            cost=plan.cost,
            cost_note=plan.cost_note,
            target_groups=plan.groups,
            capacity=plan.capacity,
            signup_required=plan.signup,
            signup_question=plan.question,
            visibility="public" if plan.public else "members",
            photo=_photo(rng) if plan.photo else None,
            photo_alt="Tekening van een huis of boom in een groen landschap" if plan.photo else "",
        )
    except ValidationError:
        return None


def _next_dates(activity, n) -> list[Occurrence]:
    return list(Occurrence.objects.filter(activity=activity).order_by("starts_at")[:n])


def _sign_up(occurrence, person, party_size=1, note=None):
    try:
        return actions.rsvp_set(
            occurrence=occurrence, person=person, party_size=party_size, note=note
        )
    except ValidationError:
        return None


def seed(neighbourhood, members, rng) -> None:
    if not members or Activity.objects.filter(neighbourhood=neighbourhood).exists():
        return
    today = timezone.localdate()
    organisations = {o.slug: o for o in neighbourhood.organisations.all()}
    demo_resident = next((m for m in members if m.email == DEMO_RESIDENT), None)
    pool = [m for m in members if m.email not in DEMO_LOGINS] or list(members)
    welfare = organisations.get(WELFARE.get(neighbourhood.slug, ""))
    made: dict[str, Activity] = {}
    for plan in COMMON + EXTRA.get(neighbourhood.slug, []):
        key = WELFARE.get(neighbourhood.slug) if plan.by == "welfare" else plan.by
        organisation = organisations.get(key) if key else None
        if organisation is not None:
            organiser = _staff_here(organisation, neighbourhood, pool, rng)
        else:
            organiser = rng.choice(pool)
        if plan.title.startswith("Bridge") and "dorpshuis-de-klinkert" in organisations:
            organisation = organisations["dorpshuis-de-klinkert"]  # De Klinkert has bridge
            organiser = _staff_here(organisation, neighbourhood, pool, rng)
        activity = _plan(plan, neighbourhood, organiser, organisation, rng, today)
        if activity is not None:
            made[plan.title] = activity
    if welfare is None:
        return

    # Neighbours signed up for the coming dates.
    people = [m for m in members if m != demo_resident]
    bewegen = made.get("Bewegen voor ouderen")
    if bewegen is not None:
        dates = _next_dates(bewegen, 3)
        for occurrence in dates[:2]:
            for person in rng.sample(people, min(len(people), rng.randint(4, 7))):
                _sign_up(occurrence, person, rng.choice([1, 1, 1, 2]))
        if demo_resident is not None:
            _sign_up(dates[0], demo_resident)
        if len(dates) > 2:  # one date cancelled, with a note
            actions.occurrence_cancel(
                actor=bewegen.organiser,
                occurrence=dates[2],
                note="De fysiotherapeut is op vakantie. De week erna zijn we er weer!",
            )
    meal = made.get("Samen eten in het buurthuis")
    if meal is not None:
        dates = _next_dates(meal, 3)
        wishes = ["", "", "Vegetarisch", "Geen varkensvlees", "Zoutarm graag", ""]
        for occurrence in dates:
            for person in rng.sample(people, min(len(people), rng.randint(3, 6))):
                _sign_up(occurrence, person, note=rng.choice(wishes))
        if demo_resident is not None and dates:
            _sign_up(dates[0], demo_resident)
    # The bridge class is full, with a waiting list (the demo resident is on it).
    bridge = made.get("Bridgeles voor beginners")
    if bridge is not None:
        (first,) = _next_dates(bridge, 1)
        waiting = 0
        for person in rng.sample(people, len(people)):
            if person.pk == bridge.organiser_id:
                continue
            first.refresh_from_db()
            rsvp = _sign_up(first, person, 1 if first.going_count >= first.activity.capacity else 2)
            if rsvp is not None and rsvp.status == "waiting":
                waiting += 1
            if waiting >= 2:
                break
        if demo_resident is not None:
            _sign_up(first, demo_resident)
    for title in ("Studiekring", "Huiswerkklas", "Yoga in het dorpshuis", "Opschoondag"):
        activity = made.get(title)
        if activity is not None:
            (first,) = _next_dates(activity, 1)
            for person in rng.sample(people, min(len(people), rng.randint(2, 5))):
                _sign_up(first, person)
