"""Demo online help: the regional chat of the Rijk van Nijmegen (Nijmegen-Oost and Ooij),
staffed by workers of three organisations — Sterker Welzijn, Jongerenwerk Nijmegen and
Maatschappelijk Werk Rijk van Nijmegen — with consultation hours day and night, so the chat is
open whenever someone tries the demo. The demo professional works for it and coordinates for
Sterker Welzijn. Snippets per organisation, shifts for this week and next (with a gap or two
to show), and a history of closed chats and e-mail questions with their registration and
ratings, all relative to the day the demo is made. Amersfoort has no desk: its help page shows
what a neighbourhood without online help sees."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from buurtplein.accounts.models import Organisation
from buurtplein.core.models import Membership, Region, Role
from buurtplein.core.workdays import AMSTERDAM, add_working_days
from buurtplein.onlinehulp.models import (
    Author,
    Chat,
    ChatMessage,
    ConsultationHour,
    Desk,
    DeskOrganisation,
    Outcome,
    Question,
    QuestionMessage,
    Shift,
    Snippet,
    code_digest,
    new_code,
    new_token,
    token_digest,
)

REGION = ("rijk-van-nijmegen", "Rijk van Nijmegen", ["nijmegen-oost", "ooij"])
DEMO_PROFESSIONAL = "demo-professional@buurtplein.nl"

DESK = {
    "slug": "hulpchat-rijk-van-nijmegen",
    "name": "Hulpchat Rijk van Nijmegen",
    "intro": (
        "Zit je ergens mee? Over school, thuis, geld, je gezondheid of iets anders? Chat "
        "anoniem met een hulpverlener van Sterker Welzijn, het jongerenwerk of het "
        "maatschappelijk werk. Je hoeft je naam niet te zeggen."
    ),
}

ORGANISATIONS = [
    {
        "slug": "jongerenwerk-nijmegen",
        "name": "Jongerenwerk Nijmegen",
        "description_nl": "Jongerenwerkers voor jongeren van 12 tot 23 jaar: op straat, in het "
        "jongerencentrum en online.",
        "description_en": "Youth workers for young people aged 12 to 23: on the street, in the "
        "youth centre and online.",
        "email": "chat@jongerenwerknijmegen.example",
        "phone": "024 350 20 20",
        "read_along": True,
    },
    {
        "slug": "maatschappelijk-werk-rvn",
        "name": "Maatschappelijk Werk Rijk van Nijmegen",
        "description_nl": "Gratis hulp bij zorgen over geld, relaties, opvoeding en werk.",
        "description_en": "Free help with worries about money, relationships, parenting and work.",
        "email": "info@mwrvn.example",
        "phone": "024 350 30 30",
        "read_along": False,
    },
]

SNIPPETS = {
    "sterker-welzijn": [
        ("Welkom", "Hoi! Fijn dat je chat. Ik ben er voor je. Wat wil je vertellen?"),
        (
            "Schuldhulp",
            "Bij geldzorgen kun je gratis terecht bij de schuldhulp van Sterker Welzijn. Je "
            "kunt ook eerst langskomen op het inloopspreekuur, zonder afspraak.",
        ),
        ("Afsluiten", "Dank je wel voor je vertrouwen. Je kunt altijd opnieuw chatten."),
    ],
    "jongerenwerk-nijmegen": [
        ("Welkom", "Hey! Je chat met het jongerenwerk. Vertel maar, ik luister."),
        (
            "Jongerencentrum",
            "Je kunt ook langskomen in het jongerencentrum, elke middag vanaf 15:00. Dan "
            "praten we verder.",
        ),
    ],
    "maatschappelijk-werk-rvn": [
        ("Welkom", "Goedendag, u chat met het maatschappelijk werk. Waarmee kan ik helpen?"),
        ("Afspraak", "Zal ik een afspraak voor je maken? Dan bellen we je binnen twee dagen."),
    ],
}

HISTORY = [
    # days ago, first name, age group, topic, life domain, outcome, rating, words
    (1, "Lisa", "12_17", "Ruzie thuis", "parenting", Outcome.LISTENED, 5, "Fijn dat je luisterde"),
    (2, "", "18_26", "Huurachterstand", "money", Outcome.POINTED, 4, ""),
    (3, "Mo", "12_17", "Pesten op school", "safety", Outcome.APPOINTMENT, 5, ""),
    (5, "", "27_64", "Eenzaam na verhuizing", "taking_part", Outcome.POINTED, 4, ""),
    (8, "Noor", "18_26", "Stress over studie en geld", "money", Outcome.REFERRED, None, ""),
    (12, "", "", "Testchat", "", Outcome.NO_CONTACT, None, ""),
]
CONVERSATION = [
    (Author.ASKER, "Hoi, mag ik iets vragen?"),
    (Author.WORKER, "Natuurlijk! Fijn dat je chat. Vertel maar."),
    (Author.ASKER, "Ik weet niet goed bij wie ik terecht kan."),
    (Author.WORKER, "Dat zoeken we samen uit. Wat is er aan de hand?"),
]

QUESTIONS = [
    # hours ago, e-mail, first name, age group, text, answered
    (
        3,
        "",
        "",
        "18_26",
        "Ik heb een brief gekregen van de woningcorporatie over een achterstand. Ik durf "
        "het niet aan mijn ouders te vertellen. Wat moet ik doen?",
        False,
    ),
    (
        30,
        "sanne.vraag@example.nl",
        "Sanne",
        "27_64",
        "Mijn moeder wordt vergeetachtig en ik zorg steeds meer voor haar. Waar kan ik hulp "
        "vragen?",
        True,
    ),
]


def _region(neighbourhood):
    slug, name, members = REGION
    if neighbourhood.slug not in members:
        return None
    region, _created = Region.objects.get_or_create(slug=slug, defaults={"name": name})
    region.neighbourhoods.add(neighbourhood)
    return region


def _organisations(neighbourhood, sterker):
    found = [sterker]
    for spec in ORGANISATIONS:
        organisation, _created = Organisation.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "kind": Organisation.Kind.WELFARE,
                "description_nl": spec["description_nl"],
                "description_en": spec["description_en"],
                "email": spec["email"],
                "phone": spec["phone"],
            },
        )
        organisation.neighbourhoods.add(neighbourhood)
        found.append(organisation)
    return found


def _workers(neighbourhood, members, organisations, rng):
    """The organisations' workers among the neighbourhood's members: Sterker's professionals,
    and two residents who work for each of the other two (they live here too: their role in
    the neighbourhood stays "resident", and their staff place makes them workers)."""
    sterker, *others = organisations
    professionals = set(
        Membership.objects.filter(
            neighbourhood=neighbourhood, role=Role.PROFESSIONAL, user__in=members
        ).values_list("user_id", flat=True)
    )
    workers = {sterker.pk: [m for m in members if m.pk in professionals]}
    residents = [
        m
        for m in members
        if m.pk not in professionals
        and not m.email.startswith("demo-")
        and Membership.objects.filter(
            neighbourhood=neighbourhood, user=m, role=Role.RESIDENT
        ).exists()
    ]
    picked = rng.sample(residents, min(len(residents), 2 * len(others)))
    for n, organisation in enumerate(others):
        chosen = picked[2 * n : 2 * n + 2]
        organisation.staff.add(*chosen)
        workers[organisation.pk] = chosen
    return workers


def _shifts(desk, workers, organisations, today):
    """This week and next: a morning, an afternoon and an evening shift most days; Sunday
    morning and Wednesday evening stay open, so the coordinator sees gaps."""
    monday = today - dt.timedelta(days=today.weekday())
    slots = [(dt.time(9), dt.time(13)), (dt.time(13), dt.time(17)), (dt.time(19), dt.time(23))]
    people = [
        (worker, organisation)
        for organisation in organisations
        for worker in workers.get(organisation.pk, [])
    ]
    if not people:
        return
    n = 0
    for day in range(14):
        date = monday + dt.timedelta(days=day)
        for index, (starts, ends) in enumerate(slots):
            if (date.weekday(), index) in {(6, 0), (2, 2)}:
                continue
            worker, organisation = people[n % len(people)]
            n += 1
            Shift.objects.get_or_create(
                desk=desk,
                worker=worker,
                date=date,
                starts=starts,
                defaults={"ends": ends, "organisation": organisation},
            )


def _history(desk, neighbourhood, workers, organisations, now, rng):
    people = [
        (worker, organisation)
        for organisation in organisations
        for worker in workers.get(organisation.pk, [])
    ]
    if not people:
        return
    for days, first, age, topic, domain, outcome, rating, words in HISTORY:
        worker, organisation = rng.choice(people)
        started = now - dt.timedelta(days=days, hours=rng.randint(1, 10))
        chat = Chat.objects.create(
            neighbourhood=neighbourhood,
            desk=desk,
            token_hash=token_digest(new_token()),
            code_hash=code_digest(new_code()),
            first_name=first,
            age_group=age,
            state=Chat.State.CLOSED,
            worker=worker,
            organisation=organisation,
            created_at=started,
            taken_at=started + dt.timedelta(minutes=rng.randint(1, 6)),
            closed_at=started + dt.timedelta(minutes=rng.randint(15, 40)),
            topic=topic,
            life_domain=domain,
            outcome=outcome,
            rating=rating,
            rating_text=words,
        )
        for seq, (author, text) in enumerate(CONVERSATION, start=1):
            ChatMessage.objects.create(
                neighbourhood=neighbourhood,
                chat=chat,
                seq=seq,
                author=author,
                worker=worker if author == Author.WORKER else None,
                text=text,
                created_at=chat.taken_at + dt.timedelta(minutes=seq),
            )
        Chat.objects.filter(pk=chat.pk).update(last_seq=len(CONVERSATION))


def _questions(desk, neighbourhood, workers, organisations, now):
    answerer = next(iter(workers.get(organisations[0].pk, [])), None)
    for hours, email, first, age, text, answered in QUESTIONS:
        asked = now - dt.timedelta(hours=hours)
        question = Question.objects.create(
            neighbourhood=neighbourhood,
            desk=desk,
            token_hash=token_digest(new_token()),
            code_hash=code_digest(new_code()),
            email=email,
            first_name=first,
            age_group=age,
            created_at=asked,
            due_at=add_working_days(asked, 2),
            state=Question.State.ANSWERED if answered and answerer else Question.State.NEW,
        )
        QuestionMessage.objects.create(
            neighbourhood=neighbourhood,
            question=question,
            author=Author.ASKER,
            text=text,
            created_at=asked,
        )
        if answered and answerer:
            Question.objects.filter(pk=question.pk).update(
                assigned_to=answerer,
                organisation=organisations[0],
                answered_at=asked + dt.timedelta(hours=5),
            )
            QuestionMessage.objects.create(
                neighbourhood=neighbourhood,
                question=question,
                author=Author.WORKER,
                worker=answerer,
                text=(
                    "Wat goed dat je zo voor je moeder zorgt. Het Steunpunt Mantelzorg helpt "
                    "je gratis: met advies, een luisterend oor en soms een vrijwilliger die "
                    "een middag overneemt. Zal ik je met hen in contact brengen?"
                ),
                created_at=asked + dt.timedelta(hours=5),
            )


def seed(neighbourhood, members, rng: random.Random) -> None:
    region = _region(neighbourhood)
    sterker = Organisation.objects.filter(slug="sterker-welzijn").first()
    if region is None or sterker is None:
        return
    now = timezone.now()
    desk, created = Desk.objects.get_or_create(
        slug=DESK["slug"], defaults={"name": DESK["name"], "intro": DESK["intro"], "region": region}
    )
    if created:
        for weekday in range(7):  # day and night: the demo's chat is always open
            ConsultationHour.objects.create(
                desk=desk, weekday=weekday, starts=dt.time(0), ends=dt.time(0)
            )
    organisations = _organisations(neighbourhood, sterker)
    for organisation, spec in zip(
        organisations, [{"read_along": True}, *ORGANISATIONS], strict=True
    ):
        DeskOrganisation.objects.get_or_create(
            desk=desk, organisation=organisation, defaults={"read_along": spec["read_along"]}
        )
    workers = _workers(neighbourhood, members, organisations, rng)
    coordinator = next((m for m in members if m.email == DEMO_PROFESSIONAL), None)
    if coordinator is not None:
        DeskOrganisation.objects.get(desk=desk, organisation=sterker).coordinators.add(coordinator)
    for organisation in organisations:
        for title, text in SNIPPETS.get(organisation.slug, []):
            Snippet.objects.get_or_create(
                organisation=organisation, title=title, defaults={"text": text}
            )
    _shifts(desk, workers, organisations, now.astimezone(AMSTERDAM).date())
    if not Chat.objects.filter(neighbourhood=neighbourhood).exists():
        _history(desk, neighbourhood, workers, organisations, now, rng)
        _questions(desk, neighbourhood, workers, organisations, now)
