"""Demo registration: a year of the neighbourhood's professionals' own counting, so their week
and month, their organisation's totals and the report's "registratie" section have something
believable to show.

On working days (``core.workdays``: no weekends, no Dutch public holidays, and three weeks off
in summer and the week between Christmas and New Year) each professional registers a few
contact moments — mostly by phone and in person, now and then a home visit or online, about
money and loneliness more than transport — a weekly group activity (a walking group on
Tuesday, a coffee morning on Thursday) and a network meeting on Wednesday. Up to today, so
the last days' list and the "+1 contact" taps are filled. Written in bulk (a year is a few
thousand rows); the demo's recount of the last 13 months fills the count tables.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from buurtplein.core.models import Membership, Role
from buurtplein.core.workdays import is_working_day
from buurtplein.logbook.models import Entry, How, Kind

DAYS = 365

DOMAINS = [
    ("money", 25),
    ("taking_part", 20),
    ("housing", 15),
    ("health", 14),
    ("parenting", 10),
    ("work", 6),
    ("language", 5),
    ("safety", 3),
    ("transport", 2),
]
HOWS = [(How.PHONE, 40), (How.IN_PERSON, 35), (How.HOME_VISIT, 15), (How.ONLINE, 10)]
CONTACT_MINUTES = {How.PHONE: (0, 15, 15, 30), How.IN_PERSON: (15, 30, 45, 60)}
CONTACT_MINUTES[How.HOME_VISIT] = (45, 60, 60, 90)
CONTACT_MINUTES[How.ONLINE] = (0, 15, 30)
GROUPS = {
    1: ("taking_part", (6, 14), 90),  # Tuesday: the walking group
    3: ("taking_part", (8, 18), 120),  # Thursday: the coffee morning in the community centre
}


def _pick(rng, weighted):
    return rng.choices([value for value, _ in weighted], [weight for _, weight in weighted])[0]


def _off(day: dt.date) -> bool:
    """Not at work: weekends, public holidays, the summer holiday, Christmas week."""
    summer = dt.date(day.year, 7, 20) <= day <= dt.date(day.year, 8, 9)
    christmas = (day.month == 12 and day.day >= 24) or (day.month == 1 and day.day == 1)
    return summer or christmas or not is_working_day(day)


def _professionals(neighbourhood, members):
    """(person, organisation) of the neighbourhood's professionals, the organisation only when
    they work for it and it is active here."""
    found = []
    for membership in (
        Membership.objects.filter(
            neighbourhood=neighbourhood, user__in=members, role=Role.PROFESSIONAL
        )
        .select_related("organisation", "user")
        .order_by("user_id")
    ):
        organisation = membership.organisation
        if organisation is not None and not (
            organisation.staff.filter(pk=membership.user_id).exists()
            and organisation.neighbourhoods.filter(pk=neighbourhood.pk).exists()
        ):
            organisation = None
        found.append((membership.user, organisation))
    return found


def _day(neighbourhood, person, organisation, day, rng) -> list[Entry]:
    def entry(**fields):
        return Entry(
            neighbourhood=neighbourhood, author=person, organisation=organisation, day=day, **fields
        )

    made = []
    for _ in range(rng.choice((1, 2, 2, 3, 3, 4, 5))):
        how = _pick(rng, HOWS)
        made.append(
            entry(
                kind=Kind.CONTACT,
                how=how,
                life_domain=_pick(rng, DOMAINS),
                people=rng.choice((1, 1, 1, 1, 2, 2, 3)),
                minutes=rng.choice(CONTACT_MINUTES[how]),
            )
        )
    if day.weekday() in GROUPS and rng.random() < 0.9:
        domain, (low, high), minutes = GROUPS[day.weekday()]
        made.append(
            entry(
                kind=Kind.GROUP, life_domain=domain, people=rng.randint(low, high), minutes=minutes
            )
        )
    if day.weekday() == 2 and rng.random() < 0.7:  # the network meeting
        made.append(
            entry(
                kind=Kind.HOURS, life_domain=_pick(rng, DOMAINS), minutes=rng.choice((60, 90, 120))
            )
        )
    return made


def seed(neighbourhood, members, rng) -> None:
    if Entry.objects.filter(neighbourhood=neighbourhood).exists():
        return
    today = timezone.localdate()
    rows = []
    for person, organisation in _professionals(neighbourhood, members):
        for back in range(DAYS, -1, -1):
            day = today - dt.timedelta(days=back)
            if not _off(day):
                rows.extend(_day(neighbourhood, person, organisation, day, rng))
    Entry.objects.bulk_create(rows, batch_size=1000)
