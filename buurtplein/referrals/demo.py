"""Demo referrals: the demo professional (or another professional, else a buurtverbinder) has
referred a few residents to the neighbourhood's services — one without an account by phone,
one "via mij", one member — and the receiving organisations answered some of them, so the
referrer's list, the inbox and the figures show something. Needs the sociale kaart's services
(seeded first: socialmap comes earlier in home order); without services it does nothing."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from buurtplein.core.models import Membership, Role
from buurtplein.referrals import actions
from buurtplein.referrals.models import ConsentHow, Referral, Route
from buurtplein.socialmap.referral_selectors import referable_services

DEMO_PROFESSIONAL = "demo-professional@buurtplein.nl"
DEMO_RESIDENT = "demo-bewoner@buurtplein.nl"

RESIDENTS = [
    ("Mevrouw de Vries", "06 2345 6789", False, "Heeft schulden en maakt de post niet open."),
    ("Meneer Bakker", "", True, "Voelt zich eenzaam sinds hij alleen woont."),
]


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
    made = []
    for name, phone, via_me, question in RESIDENTS:
        made.append(
            actions.referral_create(
                referrer=referrer,
                neighbourhood=neighbourhood,
                service=rng.choice(services),
                route=route,
                person_name=name,
                person_phone=phone,
                via_referrer=via_me,
                question=question,
                consent_how=ConsentHow.IN_PERSON,
                consent_until=until,
                now=now - timedelta(days=rng.randint(1, 6)),
            )
        )
    resident = next((m for m in members if m.email == DEMO_RESIDENT), None)
    if resident is not None and resident.pk != referrer.pk:
        made.append(
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
        )
    # The receiving side answered the first: accepted and in contact.
    first = made[0]
    staff = list(first.organisation.staff.all()[:1])
    if staff:
        actions.referral_accept(referral=first, actor=staff[0])
        actions.referral_contact(referral=first, actor=staff[0])
