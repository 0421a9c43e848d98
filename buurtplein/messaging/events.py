"""Real-time events of messaging, sent after commit over the channel layer (in-memory in the
embedded mode, Redis in production) to each person's websocket (see ``consumers.py``).

Events are small and carry no message text: the page that receives one fetches what changed
over plain HTTP, through the same access checks and templates as a fresh page.
"""

from __future__ import annotations

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django_scopes import scope

logger = logging.getLogger(__name__)


def group_name(neighbourhood_id: int, user_id: int) -> str:
    """One group per person per neighbourhood: a websocket only hears its own events."""
    return f"messaging.{neighbourhood_id}.{user_id}"


def send_event(user_ids, event: dict) -> None:
    """Send ``event`` (with ``neighbourhood``) to the open websockets of ``user_ids``.

    Best effort: real-time is an extra (every page is right after a reload), so a channel layer
    that is down, full or unusable here is logged and never fails the write that caused it.
    """
    layer = get_channel_layer()
    if layer is None:
        return
    for user_id in user_ids:
        try:
            async_to_sync(layer.group_send)(
                group_name(event["neighbourhood"], user_id),
                {"type": "messaging.event", "event": event},
            )
        except Exception as error:
            # One line, not a traceback per message while Redis is away (docs/operations.md);
            # the other people's sends would fail the same way, so stop here.
            logger.warning("messaging event not sent: %s: %s", type(error).__name__, error)
            return


def _unread_for(neighbourhood, user_id: int) -> int:
    from buurtplein.messaging.selectors import unread_count_for_id

    with scope(neighbourhood=neighbourhood):
        return unread_count_for_id(user_id)


def notify_new_message(*, conversation, message, author_id: int) -> None:
    """Tell both people: the recipient gets their new unread count, the author's other tabs
    append the message too."""
    from buurtplein.messaging.models import Participant

    with scope(neighbourhood=conversation.neighbourhood):
        user_ids = list(
            Participant.objects.filter(conversation_id=conversation.pk).values_list(
                "user_id", flat=True
            )
        )
    for user_id in user_ids:
        send_event(
            [user_id],
            {
                "type": "message",
                "neighbourhood": conversation.neighbourhood_id,
                "conversation": conversation.pk,
                "message": message.pk,
                "author": author_id,
                "unread": _unread_for(conversation.neighbourhood, user_id),
            },
        )


def notify_read(*, conversation, reader_id: int, up_to: int) -> None:
    """The reader's badge goes down; the other person's page can show "Read"."""
    from buurtplein.messaging.models import Participant

    with scope(neighbourhood=conversation.neighbourhood):
        user_ids = list(
            Participant.objects.filter(conversation_id=conversation.pk).values_list(
                "user_id", flat=True
            )
        )
    for user_id in user_ids:
        event = {
            "type": "read",
            "neighbourhood": conversation.neighbourhood_id,
            "conversation": conversation.pk,
            "reader": reader_id,
            "up_to": up_to,
        }
        if user_id == reader_id:
            event["unread"] = _unread_for(conversation.neighbourhood, user_id)
        send_event([user_id], event)
