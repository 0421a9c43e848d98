"""Demo feedback: a year of answers to "Zou je ons aanbevelen?" after the five moments (most
anonymous, some with a sentence, about the neighbourhood's organisations and the platform), so
the report's Net Promoter Score and its trend are worth looking at; and a few complaints in
every state (just received, being handled, handled in time with an outcome, one overdue)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from buurtplein.feedback import actions
from buurtplein.feedback.models import Answer, Complaint

MOMENTS = (
    "buurthulp.finished",
    "referrals.referral",
    "onlinehulp.chat",
    "agenda.attended",
    "volunteering.match",
)
SENTENCES = {
    "high": [
        "Ik werd snel en vriendelijk geholpen.",
        "Fijn dat er iemand met me meedacht.",
        "Gezellige middag, ik kom zeker terug.",
        "Eindelijk iemand die echt luisterde.",
    ],
    "middle": ["Het was goed, maar het duurde wel even.", "Prima, niets bijzonders."],
    "low": ["Ik moest te lang wachten op een antwoord.", "Niemand belde me terug."],
}
SCORES = [10, 10, 9, 9, 9, 8, 8, 8, 7, 7, 6, 5, 3]
COMPLAINTS = [
    ("Ik heb drie keer gebeld en niemand belde terug.", "Dat iemand me deze week belt."),
    ("De activiteit ging niet door en niemand liet het weten.", ""),
    ("Mijn hulpvraag stond online met mijn straatnaam erbij.", "Haal mijn straat weg."),
    ("De medewerker was onvriendelijk aan de telefoon.", "Een excuus."),
]


def _words(score, rng) -> str:
    if rng.random() < 0.55:
        return ""
    group = "high" if score >= 9 else "middle" if score >= 7 else "low"
    return rng.choice(SENTENCES[group])


def seed(neighbourhood, members, rng) -> None:
    if Answer.objects.filter(neighbourhood=neighbourhood).exists():
        return
    now = timezone.now()
    organisations = list(neighbourhood.organisations.order_by("name")[:4])
    about = [o.pk for o in organisations] + [None]
    for _i in range(48):
        when = now - timedelta(days=rng.randint(1, 360), hours=rng.randint(0, 12))
        score = rng.choice(SCORES)
        actions.answer_give(
            neighbourhood=neighbourhood,
            moment=rng.choice(MOMENTS),
            organisation_id=rng.choice(about),
            score=score,
            text=_words(score, rng),
            now=when,
        )
    # A few members answered with their name, this month.
    for person in members[:3]:
        score = rng.choice(SCORES[:6])
        actions.answer_give(
            neighbourhood=neighbourhood,
            moment="agenda.attended",
            organisation_id=about[0],
            score=score,
            text=_words(score, rng),
            person=person,
            now=now - timedelta(hours=rng.randint(1, 48)),
        )
    _complaints(neighbourhood, organisations, members, rng, now)


def _complaints(neighbourhood, organisations, members, rng, now) -> None:
    if Complaint.objects.filter(neighbourhood=neighbourhood).exists():
        return
    staffed = [o for o in organisations if _owner(neighbourhood, o) is not None]
    if not staffed:
        return
    organisation = staffed[0]
    owner = _owner(neighbourhood, organisation)
    people = [m for m in members if m.pk != owner.pk]
    (text0, wish0), (text1, wish1), (text2, wish2), (text3, wish3) = COMPLAINTS
    # Handled, in time, with an outcome (two months ago).
    person = people[0] if people else None
    handled = actions.complaint_submit(
        neighbourhood=neighbourhood, organisation=organisation, person=person,
        name="Kees de Boer", email="kees@example.nl", text=text0, wish=wish0,
        now=now - timedelta(days=70),
    )  # fmt: skip
    actions.complaint_acknowledge(complaint=handled, actor=owner, now=now - timedelta(days=68))
    actions.complaint_close(
        complaint=handled,
        actor=owner,
        outcome="upheld",
        outcome_text="U had gelijk: uw berichten zijn blijven liggen. We bellen voortaan binnen "
        "twee werkdagen terug, en uw contactpersoon belt u deze week.",
        now=now - timedelta(days=55),
    )
    # Being handled, with a note.
    busy = actions.complaint_submit(
        neighbourhood=neighbourhood, organisation=organisation, name="Anna Smit",
        email="anna@example.nl", text=text1, wish=wish1, now=now - timedelta(days=12),
    )  # fmt: skip
    actions.complaint_acknowledge(complaint=busy, actor=owner, now=now - timedelta(days=10))
    actions.complaint_note(
        complaint=busy, actor=owner, text="Met de vrijwilliger van de activiteit gesproken."
    )
    # Overdue: received seven weeks ago and acknowledged late.
    late = actions.complaint_submit(
        neighbourhood=neighbourhood, organisation=organisation, name="Mo Haddou",
        email="mo@example.nl", text=text3, wish=wish3, now=now - timedelta(days=50),
    )  # fmt: skip
    actions.complaint_acknowledge(complaint=late, actor=owner, now=now - timedelta(days=40))
    # Just received, about the platform.
    actions.complaint_submit(
        neighbourhood=neighbourhood, organisation=None, name="Bep Visser",
        email="bep@example.nl", text=text2, wish=wish2, now=now - timedelta(hours=5),
    )  # fmt: skip


def _owner(neighbourhood, organisation):
    from buurtplein.core.models import Membership

    membership = (
        Membership.objects.filter(
            neighbourhood=neighbourhood,
            status=Membership.Status.VERIFIED,
            user__organisations=organisation,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user_id")
        .first()
    )
    return membership.user if membership else None
