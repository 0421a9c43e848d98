"""Demo data of messaging: exchange and buurthulp open their conversations through the actions
in their own demos; here the demo resident (Els, Nijmegen-Oost) gets one believable
conversation with a neighbour, its last message still unread."""

from datetime import timedelta

from django.utils import timezone

from buurtplein.core.models import Membership, Role
from buurtplein.messaging import actions
from buurtplein.messaging.models import Conversation, Message, Participant

DEMO_RESIDENT = "demo-bewoner@buurtplein.nl"

# (who writes: "them" or "els", minutes ago, text)
CHAT = [
    (
        "them",
        26 * 60,
        "Hoi Els! Ik zag je gisteren met die mooie plantenbak voor het huis. "
        "Heb je die zelf gemaakt?",
    ),
    ("els", 25 * 60, "Hoi! Ja, van oude steigerplanken. Het was makkelijker dan ik dacht."),
    (
        "them",
        24 * 60 + 50,
        "Wat leuk. Ik wil er ook een voor mijn balkon. "
        "Mag ik een keer komen kijken hoe je het hebt gedaan?",
    ),
    ("els", 23 * 60, "Natuurlijk. Zaterdagochtend ben ik thuis, rond 10 uur?"),
    ("them", 40, "Zaterdag 10 uur is goed! Ik neem koffie en stroopwafels mee."),
]


def seed(neighbourhood, members, rng) -> None:
    els = next((m for m in members if m.email == DEMO_RESIDENT), None)
    if els is None:
        return
    residents = set(
        Membership.objects.filter(
            role=Role.RESIDENT, status=Membership.Status.VERIFIED
        ).values_list("user_id", flat=True)
    )
    neighbours = [
        m
        for m in members
        if m.pk != els.pk and m.pk in residents and not m.email.startswith("demo-")
    ]
    if not neighbours:
        return
    them = rng.choice(neighbours)
    now = timezone.now()
    conversation = None
    for who, minutes_ago, text in CHAT:
        author = them if who == "them" else els
        if conversation is None:
            conversation = actions.conversation_start(
                neighbourhood=neighbourhood,
                starter=them,
                other=els,
                subject="Plantenbak van steigerhout",
                text=text,
            )
            message = conversation.last_message
        else:
            message = actions.message_send(conversation=conversation, author=author, text=text)
        Message.objects.filter(pk=message.pk).update(
            created_at=now - timedelta(minutes=minutes_ago)
        )
        if who == "els":
            # Els had read everything before she answered.
            Participant.objects.filter(conversation=conversation, user=els).update(
                last_read_message_id=message.pk, unread_count=0
            )
        else:
            # ... and her neighbour read her answers before writing back.
            Participant.objects.filter(conversation=conversation, user=them).update(
                last_read_message_id=message.pk, unread_count=0
            )
    last_at = now - timedelta(minutes=CHAT[-1][1])
    Conversation.objects.filter(pk=conversation.pk).update(
        created_at=now - timedelta(minutes=CHAT[0][1]), last_message_at=last_at
    )
    Participant.objects.filter(conversation=conversation).update(last_message_at=last_at)
