"""Demo referrals: the demo professional (or another professional, else a buurtverbinder) has
referred a few residents to the neighbourhood's services — one without an account by phone,
one "via mij", one member, one from a GP practice through a referral link (welzijn op recept)
— and the receiving organisations answered most of them (in contact, ended well, declined with
a reason), so the referrer's list, the inbox and the figures show the whole loop. Needs the
sociale kaart's services (seeded first: socialmap comes earlier in home order); without services
it does nothing."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from buurtplein.core.models import Membership, Role
from buurtplein.referrals import actions
from buurtplein.referrals.models import ConsentHow, Referral, Route, State
from buurtplein.socialmap.referral_selectors import referable_services

DEMO_PROFESSIONAL = "demo-professional@buurtplein.nl"
DEMO_RESIDENT = "demo-bewoner@buurtplein.nl"

RESIDENTS = [
    ("Mevrouw de Vries", "06 2345 6789", False, "Heeft schulden en maakt de post niet open."),
    ("Meneer Bakker", "", True, "Voelt zich eenzaam sinds hij alleen woont."),
    ("Fatima El Amrani", "06 8765 4321", False, "Wil hulp bij de aanvraag van huurtoeslag."),
    ("Jan Peters", "06 1122 3344", False, "Zorgt voor zijn vrouw en raakt overbelast."),
]
"""Name, phone, "via mij", question: residents without an account, referred 1–6 days ago."""

LINK_REFERRAL = {
    "person_name": "Mevrouw Jansen",
    "person_phone": "06 5566 7788",
    "person_email": "",
    "question": "Komt weinig buiten sinds haar man overleed; wil graag andere mensen ontmoeten.",
    "outside_referrer": "Huisartsenpraktijk Oost",
    "outside_contact": "024 123 40 00",
}
"""Welzijn op recept: a GP practice refers through the organisation's referral link."""

DECLINE_REASON = (
    "Dit past niet bij wat wij doen. De formulierenhulp of het maatschappelijk werk kan beter "
    "helpen; bel ons gerust als dat niet lukt."
)


def _referrer(neighbourhood, members):
    by_email = {m.email: m for m in members}
    if DEMO_PROFESSIONAL in by_email:
        return by_email[DEMO_PROFESSIONAL], Route.PROFESSIONAL
    roles = dict(
        Membership.objects.filter(
            neighbourhood=neighbourhood,
            user__in=members,
            role__in=[Role.PROFESSIONAL, Role.CONNECTOR],
        ).values_list("user_id", "role")
    )
    for person in members:
        if person.pk in roles:
            route = Route.PROFESSIONAL if roles[person.pk] == Role.PROFESSIONAL else Route.CONNECTOR
            return person, route
    return None, None


def seed(neighbourhood, members, rng) -> None:
    if Referral.objects.filter(neighbourhood=neighbourhood).exists():
        return
    services = list(referable_services()[:6])
    referrer, route = _referrer(neighbourhood, members)
    if not services or referrer is None:
        return
    now = timezone.now()
    until = timezone.localdate(now) + timedelta(days=90)
    # Services whose organisation has staff first: those can answer, so the loop shows.
    staffed = [s for s in services if s.organisation.staff.exists()] or services
    made = []
    for index, (name, phone, via_me, question) in enumerate(RESIDENTS):
        made.append(
            actions.referral_create(
                referrer=referrer,
                neighbourhood=neighbourhood,
                service=staffed[index % len(staffed)],
                route=route,
                person_name=name,
                person_phone=phone,
                via_referrer=via_me,
                question=question,
                consent_how=ConsentHow.IN_PERSON,
                consent_until=until,
                now=now - timedelta(days=rng.randint(2, 6), hours=rng.randint(0, 5)),
            )
        )
    resident = next((m for m in members if m.email == DEMO_RESIDENT), None)
    if resident is not None and resident.pk != referrer.pk:
        actions.referral_create(
            referrer=referrer,
            neighbourhood=neighbourhood,
            service=rng.choice(services),
            route=route,
            person=resident,
            question="Zoekt hulp bij het invullen van formulieren.",
            consent_how=ConsentHow.APP,
            consent_until=until,
            now=now - timedelta(days=2),
        )
    _answer(made, now)
    _welzijn_op_recept(staffed[0], neighbourhood, referrer, now)


def _answer(made, now) -> None:
    """The receiving side answered most: one in contact, one ended well, one declined with a
    reason; the last is still waiting. Each answer a day or so after it arrived."""
    in_contact, done, declined = made[0], made[1], made[2]
    for referral in (in_contact, done, declined):
        staff = referral.organisation.staff.first()
        if staff is None:
            continue
        answered = min(referral.created_at + timedelta(hours=20), now)
        if referral is declined:
            actions.referral_decline(
                referral=referral, actor=staff, reason=DECLINE_REASON, now=answered
            )
            continue
        actions.referral_accept(referral=referral, actor=staff, now=answered)
        contact = min(answered + timedelta(hours=4), now)
        actions.referral_contact(referral=referral, actor=staff, now=contact)
        if referral is done:
            actions.referral_end(
                referral=referral,
                actor=staff,
                outcome=State.DONE,
                now=min(contact + timedelta(days=1), now),
            )


def _welzijn_op_recept(service, neighbourhood, referrer, now) -> None:
    organisation = service.organisation
    if not organisation.staff.filter(pk=referrer.pk).exists():
        return
    link = actions.link_create(
        organisation=organisation,
        neighbourhood=neighbourhood,
        actor=referrer,
        label=LINK_REFERRAL["outside_referrer"],
    )
    actions.referral_from_link(
        link=link, consent=True, now=now - timedelta(days=1), **LINK_REFERRAL
    )
