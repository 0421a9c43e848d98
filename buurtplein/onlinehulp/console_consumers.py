"""The console's websocket: ``/ws/online-help/<neighbourhood id>/console/``.

Only workers of a desk serving the neighbourhood (staff of a participating organisation and a
verified member here, two-step log-in set up where their role needs it: the same refusals as
``messaging.consumers``) connect; everyone else is closed at once. The socket joins

* the groups of the worker's desks (``events.desk_group``): ``{"type": "queue"}`` when the
  waiting list changes, ``{"type": "presence"}`` when a colleague comes or goes;
* the worker's own group (``events.worker_group``): ``{"type": "assigned", "chat"}`` when a chat
  becomes theirs (taken, handed over, read along); the socket then joins that chat's group;
* the group of every active chat the worker has or reads along with (``events.chat_group``):
  ``{"type": "message", "chat", "seq", "author", "text", "created_at", "client_id",
  "worker_name"}`` and ``{"type": "state", "chat", "state", …}``.

**The worker side of the protocol** (JSON both ways):

* ``{"type": "send", "chat": 12, "text": "Hoi", "client_id": "c-…"}`` → the message is stored
  (``actions.message_post``, once per ``client_id``: send again after a lost ack, it is not
  stored twice) and answered with ``{"type": "ack", "chat", "client_id", "seq"}``; the message
  itself arrives like every other, over the chat's group. A chat that is not the worker's (or
  not active) gets ``{"type": "error", "chat", "client_id", "error"}``.
  Each ``send`` checks again that the worker still works for the chat's desk (one query:
  ``selectors.still_works_for``; the socket lives longer than a request, and a worker taken
  off an organisation's staff must not go on answering): if not, the answer is
  ``{"type": "error", "chat", "client_id", "code": "not_a_worker", "error": "…"}`` and the
  socket closes (:data:`CLOSE_NOT_A_WORKER`; connecting again is refused). More than the
  rate ``BUURTPLEIN_RATE_LIMITS["onlinehulp_message"]`` (20 new messages per 10 s per side of
  a chat, counted in the cache) gets ``{"type": "error", "chat", "client_id", "code":
  "rate_limited", "retry_after", "error": "Je stuurt te veel berichten achter elkaar. Wacht
  even."}`` and the message is not stored; the console puts the text back in its box. Error
  sentences are in the worker's language (``User.language``).
* ``{"type": "resume", "chat": 12, "after": 7}`` → every stored message of that chat numbered
  after 7, as ``message`` events, in order. A console that lost its connection reconnects and
  sends one ``resume`` per open chat with the last ``seq`` it showed: nothing lost, nothing
  twice (the console ignores a ``seq`` it has).
* ``{"type": "ping"}`` (every 30 seconds) → ``{"type": "pong"}``; it keeps the worker's
  presence fresh (``models.ConsolePresence``: a row per open socket and desk, made on connect,
  deleted on disconnect, counted while seen in the last 75 seconds, so presence comes back by
  itself after Redis or a laptop went away).
* Anything else is answered with ``{"type": "error", "error": "unknown"}``.

A reader-along (``Chat.coach``) receives and resumes, but cannot send.

Database work runs in the pool of database threads, each keeping its connection, and the events
of a write are sent by the consumer on its own loop after the write (``core.dbthreads``,
``events.collected``; the asker's socket does the same, for the reasons given there).
"""

from __future__ import annotations

import logging

from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from buurtplein.accounts.selectors import must_set_up_mfa
from buurtplein.core import ratelimit
from buurtplein.core.dbthreads import database
from buurtplein.core.models import Membership, Neighbourhood
from buurtplein.core.permissions import Viewer, can
from buurtplein.onlinehulp import actions, events, selectors
from buurtplein.onlinehulp.consumers import too_fast
from buurtplein.onlinehulp.models import Author, Chat

logger = logging.getLogger(__name__)

CLOSE_NOT_A_WORKER = 4403


@database
def _worker(user, neighbourhood_id: int):
    """``(viewer, desk ids, followed chat ids)`` for a worker who may open the console here;
    None for anyone else."""
    if must_set_up_mfa(user):
        return None
    with scopes_disabled():
        neighbourhood = Neighbourhood.objects.filter(pk=neighbourhood_id).first()
        if neighbourhood is None:
            return None
        membership = Membership.objects.filter(neighbourhood=neighbourhood, user_id=user.pk).first()
    viewer = Viewer(user=user, neighbourhood=neighbourhood, membership=membership)
    if not can(viewer, "onlinehulp.console.view"):
        return None
    return viewer, selectors.worker_desk_ids(viewer), selectors.followed_chat_ids(viewer)


def _chat(viewer, pk) -> Chat | None:
    try:
        chat = selectors.worker_chat(viewer, int(pk))
    except (Http404, TypeError, ValueError):
        return None
    return chat if selectors.follows(viewer, chat) else None


@database
def _send(viewer, content) -> tuple[dict, list]:
    """Store the worker's message; returns the answer frame and the events to send (the
    consumer sends them on its loop: ``events.collected``). An answer with ``"code":
    "not_a_worker"`` closes the socket."""
    chat_id, client_id = content.get("chat"), str(content.get("client_id") or "")[:40]
    chat = _chat(viewer, chat_id)
    refusal = {"type": "error", "chat": chat_id, "client_id": client_id}
    if chat is None or chat.worker_id != viewer.user.pk or chat.state != Chat.State.ACTIVE:
        return {**refusal, "error": "not_yours"}, []
    with translation.override(getattr(viewer.user, "language", "") or settings.LANGUAGE_CODE):
        if not selectors.still_works_for(viewer, chat.desk_id):
            error = _("You no longer work for this chat service. Ask your coordinator.")
            return {**refusal, "code": "not_a_worker", "error": error}, []
        try:
            with scopes_disabled(), ratelimit.counting(), events.collected() as to_send:
                message, _created = actions.message_post(
                    chat=chat,
                    author=Author.WORKER,
                    text=str(content.get("text") or ""),
                    worker=viewer.user,
                    client_id=client_id,
                )
        except ratelimit.RateLimited as error:
            return {
                **refusal,
                "code": "rate_limited",
                "retry_after": error.retry_after,
                "error": too_fast(),
            }, []
        except ValidationError as error:
            return {**refusal, "error": " ".join(error.messages)}, []
    answer = {"type": "ack", "chat": chat.pk, "client_id": client_id, "seq": message.seq}
    return answer, to_send


@database
def _resume(viewer, content) -> list[dict] | None:
    chat = _chat(viewer, content.get("chat"))
    if chat is None:
        return None
    try:
        after = max(int(content.get("after") or 0), 0)
    except (TypeError, ValueError):
        after = 0
    return [
        events.message_event(m, worker_name=m.worker.first_name if m.worker else "")
        for m in selectors.messages_after(chat, after)
    ]


@database
def _presence_write(kind: str, **kwargs) -> list:
    """Presence is best effort: a database hiccup never closes the console. Returns the
    events to send."""
    with events.collected() as to_send:
        try:
            {"join": actions.presence_join, "seen": actions.presence_seen}.get(
                kind, actions.presence_leave
            )(**kwargs)
        except Exception:
            logger.warning("console presence not recorded", exc_info=True)
            return []
    return to_send


@database
def _follows(viewer, chat_id) -> bool:
    return _chat(viewer, chat_id) is not None


class WorkerConsumer(AsyncJsonWebsocketConsumer):
    viewer: Viewer | None = None
    groups_joined: set[str]

    async def connect(self):
        self.groups_joined = set()
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close()
            return
        found = await _worker(user, self.scope["url_route"]["kwargs"]["neighbourhood_id"])
        if found is None:
            await self.close()
            return
        self.viewer, desk_ids, chat_ids = found
        groups = [
            *(events.desk_group(pk) for pk in desk_ids),
            events.worker_group(user.pk),
            *(events.chat_group(pk) for pk in chat_ids),
        ]
        try:
            for group in groups:
                await self._join(group)
        except Exception:  # the channel layer (Redis) is away: refuse, the console tries again
            logger.warning("console refused: the channel layer is unreachable", exc_info=True)
            await self.close()
            return
        await self.accept()
        self.desk_ids = desk_ids
        await self._presence("join", channel=self.channel_name, worker=user, desk_ids=desk_ids)
        await self.send_json({"type": "hello", "chats": chat_ids})

    async def send(self, text_data=None, bytes_data=None, close=False):
        """A group event can come after the connection was lost and before its disconnect is
        handled: the server refuses the send (``ClientDisconnected``, or a ``RuntimeError``
        after its close). Dropped here, so that the disconnect that follows still leaves the
        groups and the presence (``bench/onlinehulp.py`` found consoles ending without)."""
        try:
            await super().send(text_data=text_data, bytes_data=bytes_data, close=close)
        except (OSError, RuntimeError) as error:
            logger.info("console: nothing sent, the connection is gone: %s", error)

    async def _send_events(self, to_send: list):
        """Send the events a write collected (``events.collected``), on this loop."""
        await events.send_all(self.channel_layer, to_send)

    async def _presence(self, kind: str, **kwargs):
        await self._send_events(await _presence_write(kind, **kwargs))

    async def _join(self, group: str):
        await self.channel_layer.group_add(group, self.channel_name)
        self.groups_joined.add(group)

    async def disconnect(self, code):
        if self.viewer is not None:
            await self._presence("leave", channel=self.channel_name)
        for group in self.groups_joined:
            await self.channel_layer.group_discard(group, self.channel_name)
        self.groups_joined = set()

    async def receive_json(self, content, **kwargs):
        if self.viewer is None or not isinstance(content, dict):
            return
        kind = content.get("type")
        if kind == "send":
            answer, to_send = await _send(self.viewer, content)
            await self._send_events(to_send)
            await self.send_json(answer)
            if answer.get("code") == "not_a_worker":
                await self.close(code=CLOSE_NOT_A_WORKER)
        elif kind == "resume":
            found = await _resume(self.viewer, content)
            if found is None:
                await self.send_json(
                    {"type": "error", "chat": content.get("chat"), "error": "not_yours"}
                )
                return
            for event in found:
                await self.send_json(event)
        elif kind == "ping":
            await self._presence("seen", channel=self.channel_name)
            await self.send_json({"type": "pong"})
        else:
            await self.send_json({"type": "error", "error": "unknown"})

    async def onlinehulp_event(self, message):
        event = message["event"]
        if event.get("type") == "assigned":
            # A chat became this worker's: follow it from now on (checked, never trusted).
            if await _follows(self.viewer, event.get("chat")):
                await self._join(events.chat_group(event["chat"]))
            else:
                return
        elif event.get("type") == "released" and not await _follows(self.viewer, event.get("chat")):
            # Handed over to a colleague: no longer this console's to hear.
            group = events.chat_group(event["chat"])
            await self.channel_layer.group_discard(group, self.channel_name)
            self.groups_joined.discard(group)
        await self.send_json(event)
