"""Demo stories: the demo professional (or another professional) told a few stories of the
last months, with photos drawn locally, the people in them on the consent register — one
given on paper, one by a member in the app, one story only for reports — and a resident's
story waits for review. Two residents recommend an organisation with staff (ambassadors), so
its page and the home show them."""

from __future__ import annotations

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from buurtplein.core.demo_pictures import picture
from buurtplein.core.models import Membership, Role
from buurtplein.core.permissions import Viewer
from buurtplein.stories import actions
from buurtplein.stories.models import ShownAs, Story, Use

DEMO_PROFESSIONAL = "demo-professional@buurtplein.nl"
DEMO_RESIDENT = "demo-bewoner@buurtplein.nl"

STORIES = [
    (
        "Soep voor de hele straat",
        "Op een koude zaterdag kookten twaalf buren samen soep in het buurthuis. Wie niet kon "
        "komen, kreeg een pan aan de deur. Twee buren die elkaar nooit spraken, doen nu samen "
        "boodschappen.",
        40,
        "Ik woon hier twintig jaar en kende nog nooit zoveel buren bij naam.",
    ),
    (
        "Rollatorwandeling langs de singel",
        "Elke dinsdag wandelt een groep van acht ouderen met een vrijwilliger langs de singel. "
        "Na afloop koffie in het buurthuis. De groep is in drie maanden verdubbeld.",
        75,
        "Op dinsdag heb ik iets om naar uit te kijken.",
    ),
    (
        "Jongeren helpen met de moestuin",
        "Vijf jongeren van de tienerclub legden in de zomer de nieuwe moestuin aan. Ze "
        "oogstten tomaten en courgettes en deelden die uit op het plein.",
        120,
        "",
    ),
]

TESTIMONIALS = [
    "Ze hielpen me snel en vriendelijk met mijn formulieren. Ik raad het iedereen aan.",
    "Door de koffieochtend ken ik nu mensen in de straat. Echt een aanrader.",
]


def _viewer(neighbourhood, user) -> Viewer:
    membership = Membership.objects.filter(neighbourhood=neighbourhood, user=user).first()
    return Viewer(user=user, neighbourhood=neighbourhood, membership=membership)


def _professional(neighbourhood, members):
    by_email = {m.email: m for m in members}
    if DEMO_PROFESSIONAL in by_email:
        return by_email[DEMO_PROFESSIONAL]
    pros = set(
        Membership.objects.filter(
            neighbourhood=neighbourhood, user__in=members, role=Role.PROFESSIONAL
        ).values_list("user_id", flat=True)
    )
    return next((m for m in members if m.pk in pros), None)


def seed(neighbourhood, members, rng) -> None:
    if Story.objects.filter(neighbourhood=neighbourhood).exists():
        return
    teller = _professional(neighbourhood, members)
    if teller is None:
        return
    viewer = _viewer(neighbourhood, teller)
    today = timezone.localdate()
    until = today + relativedelta(years=1)
    residents = [m for m in members if m.pk != teller.pk]
    rng.shuffle(residents)
    resident = next((m for m in members if m.email == DEMO_RESIDENT), None)
    for index, (title, text, days_ago, quote) in enumerate(STORIES):
        jpeg, alt = picture(rng)
        story = actions.story_create(
            viewer=viewer,
            title=title,
            text=text,
            happened_on=today - timedelta(days=days_ago),
            photos=[SimpleUploadedFile("foto.jpg", jpeg, "image/jpeg")],
            alt_text=alt,
        )
        if index == 0 and residents:
            actions.consent_register_paper(
                actor=teller,
                story=story,
                name=residents[0].get_full_name(),
                uses=[Use.REPORT, Use.WEBSITE],
                until=until,
                quote=quote,
                in_photo=True,
            )
        elif index == 1:
            actions.consent_register_paper(
                actor=teller,
                story=story,
                name="Mevrouw Hendriks",
                uses=[Use.REPORT],  # only for the report: not on the pages
                until=until,
                quote=quote,
            )
        elif resident is not None:
            consent = actions.consent_ask(
                story=story,
                person=resident,
                registered_by=teller,
                uses=[Use.REPORT, Use.WEBSITE],
                until=until,
                in_photo=True,
            )
            actions.consent_confirm(consent=consent, person=resident)
    plain = set(
        Membership.objects.filter(
            neighbourhood=neighbourhood, user__in=residents, role=Role.RESIDENT
        ).values_list("user_id", flat=True)
    )
    teller_resident = next((m for m in residents if m.pk in plain), None)
    if teller_resident is not None:  # a resident's story waits for review
        actions.story_create(
            viewer=_viewer(neighbourhood, teller_resident),
            title="Opruimactie in het park",
            text="Met tien buren raapten we in een uur vijf zakken zwerfvuil op.",
            happened_on=today - timedelta(days=6),
        )
    _ambassadors(neighbourhood, residents[1:3])


def _ambassadors(neighbourhood, people) -> None:
    organisation = neighbourhood.organisations.filter(staff__isnull=False).order_by("name").first()
    if organisation is None:
        return
    staff = organisation.staff.first()
    for person, text in zip(people, TESTIMONIALS, strict=False):
        testimonial = actions.testimonial_create(
            viewer=_viewer(neighbourhood, person),
            organisation=organisation,
            text=text,
            shown_as=ShownAs.INITIALS,
        )
        if testimonial.approved_at is None:
            actions.testimonial_approve(testimonial=testimonial, actor=staff)
