"""The websocket of one person in one neighbourhood: ``/ws/messages/<neighbourhood id>/``.

It only listens: the group it joins is the person's own (``events.group_name``), so nobody hears
another person's events or another neighbourhood's. Anonymous visitors, people who are not a
verified member of the neighbourhood and people who have not set up the two-step log-in their
role requires (the same rule as the web: ``accounts.selectors.must_set_up_mfa``) are refused.
Its one look-up runs in the websockets' database threads (``core.dbthreads``).
"""

import logging

from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django_scopes import scope, scopes_disabled

from buurtplein.accounts.selectors import must_set_up_mfa
from buurtplein.core.dbthreads import database
from buurtplein.core.models import Membership, Neighbourhood
from buurtplein.messaging.events import group_name

logger = logging.getLogger(__name__)


@database
def _unread_if_member(user, neighbourhood_id: int) -> int | None:
    """The person's unread count if they are a verified member here who may go on (two-step
    log-in set up where their role needs it); None otherwise."""
    if must_set_up_mfa(user):
        return None
    with scopes_disabled():
        neighbourhood = Neighbourhood.objects.filter(pk=neighbourhood_id).first()
        if (
            neighbourhood is None
            or not Membership.objects.filter(
                neighbourhood=neighbourhood, user_id=user.pk, status=Membership.Status.VERIFIED
            ).exists()
        ):
            return None
    from buurtplein.messaging.selectors import unread_count

    with scope(neighbourhood=neighbourhood):
        return unread_count(user)


class MessagingConsumer(AsyncJsonWebsocketConsumer):
    group: str | None = None

    async def connect(self):
        user = self.scope.get("user")
        neighbourhood_id = self.scope["url_route"]["kwargs"]["neighbourhood_id"]
        if user is None or not user.is_authenticated:
            await self.close()
            return
        unread = await _unread_if_member(user, neighbourhood_id)
        if unread is None:
            await self.close()
            return
        try:
            await self.channel_layer.group_add(
                group_name(neighbourhood_id, user.pk), self.channel_name
            )
        except Exception:  # the channel layer (Redis) is away: refuse, the page tries again later
            logger.warning("websocket refused: the channel layer is unreachable", exc_info=True)
            await self.close()
            return
        self.group = group_name(neighbourhood_id, user.pk)
        await self.accept()
        # The state to start from: a page drawn a while ago catches up.
        await self.send_json(
            {"type": "unread", "neighbourhood": neighbourhood_id, "unread": unread}
        )

    async def disconnect(self, code):
        if self.group:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        """The socket only listens; whatever a client sends is ignored."""

    async def messaging_event(self, message):
        await self.send_json(message["event"])
