"""What messaging holds about a person, for their data export (AVG/GDPR, article 15)."""

from django_scopes import scopes_disabled

from buurtplein.messaging.models import Block, Message, Participant


def export(user) -> dict:
    """The person's conversations (neighbourhood, subject, when) and the messages they wrote
    themselves. The other person's messages are that person's data and are not included."""
    with scopes_disabled():
        places = list(
            Participant.objects.filter(user=user)
            .select_related("conversation", "neighbourhood")
            .order_by("conversation_id")
        )
        written: dict[int, list] = {}
        for message in Message.objects.filter(author=user, is_removed=False).order_by("id"):
            written.setdefault(message.conversation_id, []).append(
                {"text": message.text, "sent_at": message.created_at.isoformat()}
            )
        conversations = [
            {
                "neighbourhood": place.neighbourhood.name,
                "subject": place.conversation.subject,
                "started_at": place.conversation.created_at.isoformat(),
                "messages_you_wrote": written.get(place.conversation_id, []),
            }
            for place in places
        ]
        blocked = [
            {"person": str(block.blocked), "since": block.created_at.isoformat()}
            for block in Block.objects.filter(blocker=user).select_related("blocked")
        ]
    return {"conversations": conversations, "people_you_blocked": blocked}
