"""Demo data of vraag & aanbod: believable offers and requests of all five kinds per
neighbourhood, made through the actions, spread over the past weeks; some arranged with
thank-yous, some with a conversation, some pledges for an initiative, one offer of the demo
resident (Els, Nijmegen-Oost) that expires in two days, and beursvloer pledges between the demo
organisations."""

from __future__ import annotations

import functools
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from buurtplein.core.demo_pictures import item_picture
from buurtplein.exchange import actions
from buurtplein.exchange.models import EXPIRY_DAYS, Item, OrgPledge, PledgeState, State

DEMO_RESIDENT = "demo-bewoner@buurtplein.nl"

# (direction, kind, category, deal, price, title, description, availability)
ITEMS = [
    (
        "offer",
        "things",
        "tools",
        "lend",
        None,
        "Boormachine te leen",
        "Een Bosch klopboor met een doos boren. Voor een paar dagen, graag schoon terug.",
        "'s avonds en in het weekend",
    ),
    (
        "offer",
        "things",
        "children",
        "give",
        None,
        "Kinderfiets 16 inch, gratis",
        "Rood, zijwieltjes kunnen er weer aan. Onze dochter is eruit gegroeid.",
        "",
    ),
    (
        "offer",
        "things",
        "furniture",
        "sell",
        Decimal("25"),
        "Eettafel met vier stoelen",
        "Grenen, een paar krassen. Zelf ophalen, ik help met dragen.",
        "zaterdag",
    ),
    (
        "request",
        "things",
        "tools",
        "lend",
        None,
        "Wie leent me een ladder?",
        "Ik wil de dakgoot schoonmaken. Een ladder van zeker 4 meter, voor een middag.",
        "",
    ),
    (
        "offer",
        "things",
        "books",
        "give",
        None,
        "Doos kinderboeken",
        "Dolfje Weerwolfje, Dikkie Dik en meer. Voor wie wil.",
        "",
    ),
    (
        "offer",
        "things",
        "garden",
        "give",
        None,
        "Stekjes van de vijgenboom",
        "Ik heb er een stuk of tien over. Kom ze gerust halen.",
        "na 17.00 uur",
    ),
    (
        "offer",
        "knowledge",
        "computer_help",
        "",
        None,
        "Hulp met je telefoon of tablet",
        "Ik ben gepensioneerd ICT'er. WhatsApp, foto's, DigiD: ik kijk graag met je mee.",
        "dinsdag- en donderdagochtend",
    ),
    (
        "request",
        "knowledge",
        "language",
        "",
        None,
        "Wie oefent Nederlands met mij?",
        "Ik woon twee jaar in Nederland en wil beter leren praten. Een uur per week koffie en "
        "kletsen?",
        "doordeweeks overdag",
    ),
    (
        "offer",
        "knowledge",
        "repairs",
        "",
        None,
        "Ik help met kleine klusjes",
        "Een lamp ophangen, een kraan die lekt, een plank aan de muur. Gewoon vragen.",
        "",
    ),
    (
        "request",
        "knowledge",
        "paperwork",
        "",
        None,
        "Hulp bij de belastingaangifte",
        "Wie wil met me naar mijn aangifte kijken? Ik snap de brieven niet goed.",
        "",
    ),
    (
        "request",
        "contacts",
        "recommendation",
        "",
        None,
        "Wie kent een goede loodgieter?",
        "De afvoer in de badkamer loopt steeds vast. Tips voor iemand uit de buurt?",
        "",
    ),
    (
        "request",
        "contacts",
        "company",
        "",
        None,
        "Wandelmaatje gezocht",
        "Ik loop elke ochtend een rondje door het park, rond 9 uur. Gezellig als iemand meeloopt.",
        "elke ochtend rond 9 uur",
    ),
    (
        "offer",
        "contacts",
        "group",
        "",
        None,
        "Wie doet mee met een kookclub?",
        "Eens per maand samen koken en eten, steeds bij iemand anders. Alle keukens welkom!",
        "",
    ),
    (
        "offer",
        "help",
        "errands",
        "",
        None,
        "Boodschappen meenemen",
        "Ik ga elke vrijdag naar de supermarkt met de auto. Ik neem graag iets mee voor je.",
        "vrijdag",
    ),
    (
        "request",
        "help",
        "care",
        "",
        None,
        "Wie geeft de kat eten in de kerstvakantie?",
        "Van 23 tot 30 december zijn we weg. Twee keer per dag voer en water, de sleutel krijg je.",
        "",
    ),
    (
        "request",
        "help",
        "transport",
        "",
        None,
        "Lift naar het ziekenhuis",
        "Volgende week dinsdag heb ik een afspraak in het Radboud. Wie kan me brengen?",
        "",
    ),
    (
        "offer",
        "help",
        "moving",
        "",
        None,
        "Sterke armen bij een verhuizing",
        "Ik heb een bus en sterke armen. Voor buren die gaan verhuizen.",
        "in het weekend",
    ),
]

# (title, description, target, initiative name when no organisation of the kind exists)
SUPPORT = (
    "Steun voor de buurtmoestuin",
    "We willen een gereedschapsschuur en regentonnen voor de moestuin. Help je mee met een "
    "bedrag of met een zaterdag klussen?",
    Decimal("750"),
    "Buurtmoestuin",
)

# Replies and answers by what the item is: someone replying to an offer wants it; to a
# request, offers to help. Thank-yous by who gave and who received.
REPLIES = {
    "offer": [
        "Hoi! Is dit nog beschikbaar? Ik kan vanavond langskomen.",
        "Wat fijn, daar heb ik precies naar gezocht. Wanneer komt het je uit?",
    ],
    "request": [
        "Ik wil graag helpen. Zal ik je mijn nummer sturen?",
        "Dat kan ik wel doen. Wanneer komt het je uit?",
    ],
}
ANSWERS = {
    "offer": [
        "Ja hoor! Kom maar om 19.00 uur, ik woon op de hoek.",
        "Zaterdagochtend is goed. Tot dan!",
    ],
    "request": [
        "Wat fijn, dank je wel! Zaterdagochtend zou mooi zijn.",
        "Graag! Ik stuur je zo mijn nummer.",
    ],
}
THANKS = {
    "giver": [
        "Bedankt voor het vertrouwen, graag gedaan!",
        "Leuk om je zo te leren kennen. Graag gedaan!",
    ],
    "receiver": [
        "Heel fijn, dank je wel! Zo leer je je buren kennen.",
        "Dank je wel, het ging helemaal goed.",
        "Super geholpen, nogmaals bedankt!",
    ],
}

PLEDGES = [
    # (giver slug, receiver slug, type, title, description, hours, value)
    (
        "fietsenmaker-jansen",
        "sterker-welzijn",
        "services",
        "Gratis fietscheck voor de deelnemers van de ouderensoos",
        "Eén middag in het buurthuis: banden, remmen en verlichting nakijken.",
        4,
        Decimal("240"),
    ),
    (
        "fietsenmaker-jansen",
        "repair-cafe-oost",
        "means",
        "Onderdelen en gereedschap voor het Repair Café",
        "Binnenbanden, kabels en een montagestandaard die we over hebben.",
        None,
        Decimal("150"),
    ),
    (
        "sterker-welzijn",
        "dorpshuis-de-klinkert",
        "knowledge",
        "Training 'Hoe bereik je nieuwe vrijwilligers?'",
        "Twee avonden met het bestuur van het dorpshuis, door een opbouwwerker.",
        6,
        None,
    ),
]


@functools.cache
def _picture(title: str, category: str) -> tuple[bytes, str]:
    return item_picture(title, category)


def _photo(direction, kind, category, title) -> tuple[list, str]:
    """A drawn photo for the things that are offered (a share of the items, as on a real board),
    through the photo pipeline of ``item_create``; drawn once per title for all neighbourhoods."""
    if direction != "offer" or kind != "things":
        return [], ""
    jpeg, alt_text = _picture(title, category)
    return [SimpleUploadedFile("foto.jpg", jpeg, "image/jpeg")], alt_text


def _safe(fn, **kwargs):
    try:
        return fn(**kwargs)
    except ValidationError:
        return None


def seed(neighbourhood, members, rng) -> None:
    if not members or Item.objects.filter(neighbourhood=neighbourhood).exists():
        return
    from buurtplein.messaging import actions as messaging

    now = timezone.now()
    spec = getattr(neighbourhood, "spec", None) or {}
    streets = spec.get("streets") or [""]
    demo_resident = next((m for m in members if m.email == DEMO_RESIDENT), None)
    people = [m for m in members if m.email != DEMO_RESIDENT] or list(members)
    made = []
    for k, (direction, kind, category, deal, price, title, text, when) in enumerate(ITEMS):
        owner = rng.choice(people)
        photos, alt_text = _photo(direction, kind, category, title)
        item = actions.item_create(
            owner=owner,
            neighbourhood=neighbourhood,
            direction=direction,
            kind=kind,
            category=category,
            deal=deal,
            price=price,
            title=title,
            description=text,
            area=rng.choice(streets),
            availability=when,
            created_at=now - timedelta(days=rng.uniform(0.2, 24), minutes=k),
            photos=photos,
            alt_text=alt_text,
        )
        made.append(item)

    # Conversations about some items, a few of them arranged with thanks both ways.
    for k, item in enumerate(rng.sample(made, min(8, len(made)))):
        other = rng.choice([p for p in people if p.pk != item.owner_id] or people)
        if other.pk == item.owner_id:
            continue
        conversation = _safe(
            messaging.conversation_start,
            neighbourhood=neighbourhood,
            starter=other,
            other=item.owner,
            about=item,
            subject=item.title,
            text=rng.choice(REPLIES[item.direction]),
        )
        if conversation is None:
            continue
        _safe(
            messaging.message_send,
            conversation=conversation,
            author=item.owner,
            text=rng.choice(ANSWERS[item.direction]),
        )
        if k < 4:
            actions.item_mark_done(actor=item.owner, item=item, done_with=other, candidates=[other])
            giver = item.owner if item.direction == "offer" else other
            for author in (item.owner, other)[: 1 + (k % 2)]:
                side = "giver" if author == giver else "receiver"
                actions.thanks_create(item=item, author=author, text=rng.choice(THANKS[side]))

    # Support for an initiative, with pledges.
    initiative = neighbourhood.organisations.filter(kind__in=actions.INITIATIVE_KINDS).first()
    title, text, target, name = SUPPORT
    support = actions.item_create(
        owner=rng.choice(people),
        neighbourhood=neighbourhood,
        direction="request",
        kind="money",
        category="initiative",
        title=title if initiative is None else f"Steun voor {initiative.name}",
        description=text,
        initiative=initiative,
        initiative_name="" if initiative else name,
        target_amount=target,
        created_at=now - timedelta(days=rng.uniform(3, 15)),
    )
    for person in rng.sample(people, min(6, len(people))):
        if person.pk == support.owner_id:
            continue
        actions.pledge_set(
            item=support,
            person=person,
            amount=Decimal(rng.choice([10, 20, 25, 50, 75])) if rng.random() < 0.8 else None,
            in_kind=rng.choice(["", "", "Ik help een zaterdag mee", "Ik bak een taart"]),
        )

    # Two old offers that expired (to renew from "My offers and requests").
    for item in rng.sample(made, 2):
        if item.state == State.OPEN:
            Item.objects.filter(pk=item.pk).update(
                created_at=now - timedelta(days=EXPIRY_DAYS + 4),
                expires_at=now - timedelta(days=4),
            )
            item.refresh_from_db()
            actions.item_check(item)

    if demo_resident is not None:
        expiring = actions.item_create(
            owner=demo_resident,
            neighbourhood=neighbourhood,
            direction="offer",
            kind="things",
            category="household",
            deal="give",
            title="Koffiezetapparaat, werkt prima",
            description="We kregen een nieuwe. Deze doet het nog goed, met een glazen kan.",
            photos=_photo("offer", "things", "household", "Koffiezetapparaat, werkt prima")[0],
            alt_text=_picture("Koffiezetapparaat, werkt prima", "household")[1],
            area=streets[0],
            created_at=now - timedelta(days=EXPIRY_DAYS - 2),
        )
        asker = rng.choice([p for p in people if p.pk != demo_resident.pk] or people)
        _safe(
            messaging.conversation_start,
            neighbourhood=neighbourhood,
            starter=asker,
            other=demo_resident,
            about=expiring,
            subject=expiring.title,
            text="Hoi Els, is het koffiezetapparaat nog beschikbaar? Ik zou het graag hebben.",
        )

    _beursvloer(neighbourhood, members, rng, now)


def _staff_here(organisation, neighbourhood, pool, rng):
    """A staff member of the organisation who lives in this neighbourhood; when it has none,
    a neighbour who runs it (the small initiatives and the bike shop)."""
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


def _beursvloer(neighbourhood, members, rng, now) -> None:
    organisations = {o.slug: o for o in neighbourhood.organisations.all()}
    pool = [m for m in members if m.email != DEMO_RESIDENT]
    for k, (giver_slug, receiver_slug, kind, title, text, hours, value) in enumerate(PLEDGES):
        giver, receiver = organisations.get(giver_slug), organisations.get(receiver_slug)
        if giver is None or receiver is None or not pool:
            continue
        giver_person, receiver_person = (
            _staff_here(organisation, neighbourhood, pool, rng)
            for organisation in (giver, receiver)
        )
        pledge = actions.org_pledge_offer(
            actor=giver_person,
            neighbourhood=neighbourhood,
            giver=giver,
            receiver=receiver,
            offer_type=kind,
            title=title,
            description=text,
            hours=hours,
            value=value,
            created_at=now - timedelta(days=20 - 5 * k),
        )
        if k == 1:
            continue  # one stays open, waiting for an answer
        actions.org_pledge_answer(actor=receiver_person, pledge=pledge, accept=True)
        actions.org_pledge_confirm(actor=receiver_person, pledge=pledge)
        if pledge.state != PledgeState.CONFIRMED:  # one neighbour may run both organisations
            actions.org_pledge_confirm(actor=giver_person, pledge=pledge)
        if k == 0:  # agreed a while ago: its follow-up has been answered
            OrgPledge.objects.filter(pk=pledge.pk).update(
                confirmed_at=now - timedelta(days=100),
                follow_up_sent_at=now - timedelta(days=9),
                giver_answer="yes",
                receiver_answer="yes",
            )
