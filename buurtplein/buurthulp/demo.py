"""Demo data of buurthulp: neighbours who offer help, believable requests in every state of the
lifecycle, matches with their reasons, thanks and follow-up answers — all made through the
actions, so the demo shows what the platform really does.

The demo resident (Els, demo-bewoner@buurtplein.nl, Nijmegen-Oost) offers help with odd jobs and
computers, has a request of a neighbour waiting for her answer, and asked for help herself: a
neighbour said yes and she can choose them.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from buurtplein.accounts.models import Interest
from buurtplein.buurthulp import actions, matching
from buurtplein.buurthulp.models import (
    ALL_SLOTS,
    HelperProfile,
    HelpFollowUp,
    HelpMatch,
    HelpRequest,
    MatchStatus,
    State,
)
from buurtplein.core.models import Membership, Role
from buurtplein.core.permissions import Viewer

DEMO_RESIDENT = "demo-bewoner@buurtplein.nl"

# What helpers offer: (skills, interests, their own words)
OFFERS = [
    (["diy"], [], "Ik hang graag lampen en planken op en zet kasten in elkaar. Ik heb een boor."),
    (["computer-help"], ["computers"], "Ik help met de telefoon, WhatsApp, DigiD en de printer."),
    (["shopping"], ["walking"], "Ik ga elke dag naar de supermarkt en neem graag iets mee."),
    (["company"], ["coffee", "walking"], "Samen koffie drinken, een praatje of een rondje lopen."),
    (["garden-care"], ["gardening", "nature"], "Snoeien, gras maaien en onkruid wieden."),
    (["driving"], [], "Ik heb een auto en breng je naar het ziekenhuis of de huisarts."),
    (["paperwork"], ["reading"], "Ik heb bij de gemeente gewerkt. Brieven en formulieren: graag."),
    (["bike-repair"], ["cycling"], "Lekke band of een rammelende ketting? Ik kijk er even naar."),
    (["sewing"], ["crafts"], "Een broek korter maken of een knoop aanzetten doe ik graag."),
    (["dutch-practice"], ["languages"], "Samen Nederlands oefenen bij een kop thee."),
    (["cooking-for-others"], ["cooking"], "Ik kook vaak te veel. Een bord soep breng ik graag."),
    (["pet-care"], ["animals"], "Ik laat graag je hond uit als het even niet lukt."),
]
LANGUAGE_SETS = [["nl"], ["nl"], ["nl", "en"], ["nl", "tr"], ["nl", "ar"], ["nl", "pl"]]

# Requests: (title, text, topic, when, visibility)
REQUESTS = [
    ("Wie kan een lamp ophangen in mijn woonkamer?", "Ik heb de lamp al, maar geen boor.",
     "odd_jobs", "week", "neighbours"),
    ("Mijn telefoon doet raar en WhatsApp werkt niet meer", "Ik zie mijn kleinkinderen niet meer "
     "in de groep. Wie kan even kijken?", "digital", "soon", "neighbours"),
    ("Wie gaat één keer per week met mij naar de supermarkt?", "Ik kan geen zware tassen meer "
     "dragen. Liefst op dinsdag of donderdag.", "shopping", "week", "neighbours"),
    ("Ik voel me eenzaam sinds mijn man is overleden", "Ik zou graag af en toe met iemand koffie "
     "drinken of een rondje lopen.", "company", "month", "matched"),
    ("Wie kan mij dinsdagochtend naar het ziekenhuis brengen?", "Ik moet om 9 uur in het CWZ zijn. "
     "Terug kan ik met de bus.", "transport", "soon", "neighbours"),
    ("De heg is veel te hoog geworden", "Ik kan zelf niet meer op de trap staan.",
     "garden", "month", "neighbours"),
    ("Hulp bij een brief van de gemeente", "Ik begrijp niet goed wat ik moet invullen.",
     "paperwork", "week", "neighbours"),
    ("Lekke band, wie helpt?", "Mijn fiets staat al een week stil.", "odd_jobs", "week",
     "neighbours"),
    ("Wie wil met mij Nederlands oefenen?", "Ik woon hier sinds een jaar en wil beter praten met "
     "de buren.", "company", "anytime", "neighbours"),
    ("Kast van de kringloop in elkaar zetten", "Het is een grote kledingkast met schuifdeuren.",
     "odd_jobs", "week", "neighbours"),
    ("Ik heb schulden en durf de post niet meer open te maken", "Ik weet niet waar ik moet "
     "beginnen.", "money", "soon", "professionals"),
    ("Wie laat mijn hond uit? Ik heb mijn enkel gebroken", "Twee keer per dag, zes weken lang.",
     "other", "soon", "neighbours"),
]  # fmt: skip

THANKS = [
    "Heel erg bedankt! Het ziet er prachtig uit.",
    "Wat fijn dat je zo snel kwam. Dankjewel!",
    "Dank je wel voor je geduld en de gezellige koffie.",
    "Super geholpen, de volgende keer trakteer ik op taart.",
]

# What happens to each request (by position in REQUESTS, repeated when there are more).
STORY = [
    "helped", "matched", "helped", "in_progress", "open_old", "helped", "not_helped", "open",
    "helped", "withdrawn", "open", "in_progress",
]  # fmt: skip


def _viewer(user, neighbourhood) -> Viewer:
    membership = Membership.objects.filter(user=user).first()
    return Viewer(user=user, neighbourhood=neighbourhood, membership=membership)


def _backdate(help_request: HelpRequest, created):
    HelpRequest.objects.filter(pk=help_request.pk).update(created_at=created, updated_at=created)
    help_request.created_at = created


def _first_accepting(help_request, rng, neighbourhood, note=""):
    """A helper who was asked says yes (the first suggested one that is not a professional)."""
    match = (
        HelpMatch.objects.filter(request=help_request, status=MatchStatus.SUGGESTED)
        .order_by("-score", "pk")
        .first()
    )
    if match is None:
        return None
    actions.match_respond(
        match=match, viewer=_viewer(match.helper, neighbourhood), accept=True, note=note
    )
    return match


def seed(neighbourhood, members, rng) -> None:
    memberships = {
        m.user_id: m
        for m in Membership.objects.filter(status=Membership.Status.VERIFIED).select_related("user")
    }
    residents = [
        u
        for u in members
        if u.pk in memberships
        and memberships[u.pk].role == Role.RESIDENT
        and not u.email.startswith("demo-")
    ]
    if len(residents) < 6:
        return
    els = next((u for u in members if u.email == DEMO_RESIDENT), None)
    things = {i.slug: i for i in Interest.objects.all()}
    connector = next(
        (u for u in members if u.pk in memberships and memberships[u.pk].role == Role.CONNECTOR),
        None,
    )

    # --- helpers: about half the residents, and Els -------------------------------------------
    helpers = rng.sample(residents, k=max(4, len(residents) // 2))
    for k, user in enumerate(helpers):
        skills, interests, words = OFFERS[k % len(OFFERS)]
        actions.helper_profile_save(
            user=user,
            neighbourhood=neighbourhood,
            active=rng.random() > 0.1,
            skills=[things[s] for s in skills if s in things],
            interests=[things[s] for s in interests if s in things],
            likes_to_do=words,
            languages=rng.choice(LANGUAGE_SETS),
            availability=sorted(rng.sample(ALL_SLOTS, k=rng.randint(0, 9))),
            max_distance_km=rng.choice([0.5, 1.0, 1.0, 2.0, 5.0]),
        )
    if els is not None:
        actions.helper_profile_save(
            user=els,
            neighbourhood=neighbourhood,
            active=True,
            skills=[things["diy"], things["computer-help"]],
            interests=[things["gardening"]] if "gardening" in things else [],
            likes_to_do="Kleine klusjes in huis en hulp met de computer of telefoon.",
            languages=["nl", "en"],
            availability=["tue-evening", "thu-evening", "sat-morning", "sat-afternoon"],
            max_distance_km=2.0,
        )
    matching.invalidate_pool(neighbourhood.pk)

    # --- requests in every state -------------------------------------------------------------
    now = timezone.now()
    askers = [u for u in residents if u not in helpers] or residents
    for k, (title, text, topic, when, visibility) in enumerate(REQUESTS):
        asker = askers[k % len(askers)]
        on_behalf = connector is not None and k == 2
        help_request = actions.request_create(
            neighbourhood=neighbourhood,
            asker=asker,
            title=title,
            text=text,
            topic=topic,
            when=when,
            visibility=visibility,
            created_by=connector if on_behalf else None,
            consent_method="phone" if on_behalf else "",
        )
        story = STORY[k % len(STORY)]
        age = timedelta(days=rng.randint(3, 40), hours=rng.randint(0, 23))
        if story in ("open", "matched"):
            age = timedelta(hours=rng.randint(2, 30))
        _backdate(help_request, now - age)
        actions.find_helpers(help_request, notify=False)
        _play(help_request, story, neighbourhood, rng, now)

    if els is not None:
        _els(neighbourhood, els, residents, helpers, things, rng)


def _play(help_request, story, neighbourhood, rng, now) -> None:
    """Take the request through the lifecycle as far as ``story`` says."""
    asker_viewer = _viewer(help_request.asker, neighbourhood)
    if story == "open_old":
        actions.escalate_if_unanswered(help_request, now=now)
        return
    if story == "open":
        return
    if story == "withdrawn":
        actions.request_transition(
            help_request=help_request, to=State.WITHDRAWN, viewer=asker_viewer
        )
        return
    match = _first_accepting(help_request, rng, neighbourhood, note=rng.choice(["", "Ik kan!"]))
    if story == "not_helped" or match is None:
        if match is not None:
            actions.match_choose(match=match, viewer=asker_viewer)
            actions.request_transition(
                help_request=help_request, to=State.NOT_HELPED, viewer=asker_viewer
            )
        return
    if story == "matched":
        return
    actions.match_choose(match=match, viewer=asker_viewer)
    if story == "in_progress":
        return
    actions.request_transition(help_request=help_request, to=State.HELPED, viewer=asker_viewer)
    help_request.refresh_from_db()
    if rng.random() < 0.85:
        actions.request_thank(
            help_request=help_request, viewer=asker_viewer, text=rng.choice(THANKS)
        )
    for follow_up in HelpFollowUp.objects.filter(request=help_request).select_related("person"):
        if rng.random() < 0.8:
            actions.follow_up_answer(
                follow_up=follow_up,
                viewer=_viewer(follow_up.person, neighbourhood),
                answer=rng.choice(["yes", "yes", "yes", "partly", "no"]),
            )


def _els(neighbourhood, els, residents, helpers, things, rng) -> None:
    """A request waiting for Els's answer, and her own request with a neighbour who said yes."""
    asker = next(u for u in residents if u not in helpers)
    waiting = actions.request_create(
        neighbourhood=neighbourhood,
        asker=asker,
        title="Wie kan mijn nieuwe printer aansluiten?",
        text="Hij doet het niet met de wifi. Een half uurtje werk, denk ik.",
        topic="digital",
        when="week",
    )
    actions.find_helpers(waiting, notify=False)
    if not HelpMatch.objects.filter(request=waiting, helper=els).exists():
        thing = things["computer-help"]
        HelpMatch.objects.create(
            neighbourhood=neighbourhood,
            request=waiting,
            helper=els,
            score=5.0,
            reason=[
                {"kind": "skill", "slug": thing.slug, "nl": thing.name_nl, "en": thing.name_en}
            ],
        )
    HelpMatch.objects.filter(request=waiting, helper=els).update(status=MatchStatus.SUGGESTED)

    own = actions.request_create(
        neighbourhood=neighbourhood,
        asker=els,
        title="Wie kan mijn heg snoeien? Ik heb geen snoeischaar",
        text="Aan de voorkant, ongeveer vijf meter. Ik help graag mee en zet koffie.",
        topic="garden",
        when="month",
    )
    actions.find_helpers(own, notify=False)
    match = HelpMatch.objects.filter(request=own).order_by("-score", "pk").first()
    if match is None:
        gardener = next(
            (p.user for p in HelperProfile.objects.filter(skills__slug="garden-care")), None
        ) or next(u for u in helpers if u.pk != els.pk)
        match = HelpMatch.objects.create(
            neighbourhood=neighbourhood, request=own, helper=gardener, reason=[]
        )
    actions.match_respond(
        match=match,
        viewer=_viewer(match.helper, neighbourhood),
        accept=True,
        note="Ik heb een elektrische heggenschaar. Zaterdagochtend?",
    )
