"""The asker's websocket: ``/ws/online-help/<neighbourhood id>/chat/``.

The asker has no account: the chat's secret token is what opens it, and it is **not** in the
address (a server's access log would keep it) but in the first frame. The protocol (JSON
frames; also in ``docs/components/onlinehulp.md``, "The chat protocol"):

Client → server

* ``{"type": "hello", "token": "…", "after": 12, "lang": "nl"}``: first, within
  :data:`HELLO_WITHIN` seconds. ``after`` is the last ``seq`` the page has (0 for none);
  ``lang`` the page's language for error texts (``nl`` or ``en``).
* ``{"type": "send", "text": "…", "client_id": "…"}``: a message. ``client_id`` is made by the
  page (unique per message, at most 40 characters) and sent again, unchanged, when the page
  resends after a lost connection: the message is stored once.

Server → client

* After hello: every stored message with ``seq > after`` (each a message event as
  ``events.message_event`` makes it), then the state:
  ``{"type": "state", "state": "waiting", "position": 3, "wait_minutes": 12 | null}``,
  ``{"type": "state", "state": "active", "worker_name": "Fleur"}`` or
  ``{"type": "state", "state": "closed"}`` (then the server closes the socket, code 4000).
* ``{"type": "ack", "client_id", "seq", "crisis"}`` for a stored message (also for one stored
  before: the same ``seq``), or ``{"type": "error", "client_id", "message"}`` (a sentence in
  the page's language: empty, too long, the chat has ended). The message itself reaches every
  socket of the chat (the asker's other tabs, the worker, a coach) as a message event
  ``{"type": "message", "chat", "seq", "author", "text", "created_at", "client_id",
  "worker_name", "crisis"}``; a page drops a ``seq`` it has.
* State changes as they happen: ``{"type": "state", "state": "active", "worker_name"}`` when
  a worker takes the chat, ``{"type": "state", "state": "closed", "by_worker": true|false}``,
  and while waiting ``{"type": "state", "state": "waiting", "position", "wait_minutes"}`` when
  the place in line changes.

Close codes: ``4401`` wrong token, another neighbourhood's token or no hello in time (the page
stops and says the link does not work); ``4503`` the channel layer (Redis) is away (refused;
the page tries again with backoff); ``4000`` the chat has ended (the page shows the rating).

Cost with many waiting askers: a waiting socket also listens to its desk's group, whose
``queue`` event (a chat starts waiting, is taken or ends) makes it count its place again: one
indexed count per waiting socket, coalesced to at most one per :data:`QUEUE_COALESCE` seconds
per socket, and the state is sent only when the place changed. The expected wait is cached per
desk (``selectors.expected_wait_minutes``). Once the chat is taken the socket leaves the
desk's group.

Nothing about the asker is stored or logged: no IP address, no user agent.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django_scopes import scope

from buurtplein.onlinehulp import actions, crisis, events, selectors
from buurtplein.onlinehulp.models import Author, Chat

logger = logging.getLogger(__name__)

HELLO_WITHIN = 10
QUEUE_COALESCE = 1.0
MAX_FRAME = 16_000

CLOSE_ENDED = 4000
CLOSE_REFUSED = 4401
CLOSE_AWAY = 4503


def _event_of(message, desk_words: str) -> dict:
    name = message.worker.first_name if message.worker_id and message.worker else ""
    flagged = message.author == Author.ASKER and crisis.matches(message.text, desk_words)
    return events.message_event(message, worker_name=name, crisis=flagged)


@database_sync_to_async
def _find(neighbourhood_id: int, token: str) -> Chat | None:
    return selectors.chat_by_token(neighbourhood_id, token)


@database_sync_to_async
def _catch_up(chat: Chat, after: int) -> tuple[list[dict], dict]:
    """The messages after ``after`` as events, and the chat's state now."""
    backlog = [_event_of(m, chat.desk.crisis_words) for m in selectors.messages_after(chat, after)]
    return backlog, _state(chat)


def _state(chat: Chat) -> dict:
    """The state frame of ``chat`` as it is in the database now."""
    chat.refresh_from_db(fields=["state", "worker", "created_at"])
    if chat.state == Chat.State.WAITING:
        position = selectors.queue_position(chat)
        return {
            "type": "state",
            "state": chat.state,
            "position": position,
            "wait_minutes": selectors.expected_wait_minutes(chat, position),
        }
    if chat.state == Chat.State.ACTIVE:
        return {
            "type": "state",
            "state": chat.state,
            "worker_name": chat.worker.first_name if chat.worker else "",
        }
    return {"type": "state", "state": chat.state}


@database_sync_to_async
def _state_now(chat: Chat) -> dict:
    return _state(chat)


@database_sync_to_async
def _post(chat: Chat, text: str, client_id: str, lang: str) -> dict:
    # The chat's own neighbourhood: the asker's writes are scoped to it.
    with translation.override(lang), scope(neighbourhood=chat.neighbourhood_id):
        try:
            message, _created = actions.message_post(
                chat=chat, author=Author.ASKER, text=text, client_id=client_id
            )
        except ValidationError as error:
            return {"type": "error", "client_id": client_id, "message": " ".join(error.messages)}
    return {
        "type": "ack",
        "client_id": client_id,
        "seq": message.seq,
        "crisis": crisis.matches(message.text, chat.desk.crisis_words),
    }


class AskerConsumer(AsyncJsonWebsocketConsumer):
    chat: Chat | None = None
    groups_joined: tuple = ()
    lang = settings.LANGUAGE_CODE
    sent_seq = 0
    state = ""
    position = None
    _hello_timer: asyncio.Task | None = None
    _queue_task: asyncio.Task | None = None

    async def connect(self):
        await self.accept()
        self._hello_timer = asyncio.create_task(self._expect_hello())

    async def _expect_hello(self):
        await asyncio.sleep(HELLO_WITHIN)
        if self.chat is None:
            await self.close(code=CLOSE_REFUSED)

    async def disconnect(self, code):
        for task in (self._hello_timer, self._queue_task):
            if task is not None:
                task.cancel()
        for group in self.groups_joined:
            with contextlib.suppress(Exception):
                await self.channel_layer.group_discard(group, self.channel_name)
        self.groups_joined = ()

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if text_data is None or len(text_data) > MAX_FRAME:
            return
        try:
            await super().receive(text_data=text_data, **kwargs)
        except ValueError:  # not JSON: ignored
            return

    async def receive_json(self, content, **kwargs):
        if not isinstance(content, dict):
            return
        kind = content.get("type")
        if kind == "hello" and self.chat is None:
            await self._hello(content)
        elif kind == "send" and self.chat is not None:
            await self._send(content)

    async def _hello(self, content):
        token = content.get("token")
        after = content.get("after", 0)
        lang = content.get("lang")
        if lang in dict(settings.LANGUAGES):
            self.lang = lang
        if not isinstance(token, str) or not isinstance(after, int) or after < 0:
            await self.close(code=CLOSE_REFUSED)
            return
        neighbourhood_id = self.scope["url_route"]["kwargs"]["neighbourhood_id"]
        chat = await _find(neighbourhood_id, token)
        if chat is None:
            await self.close(code=CLOSE_REFUSED)
            return
        if self._hello_timer is not None:
            self._hello_timer.cancel()
        if chat.state != Chat.State.CLOSED:
            # Join first, then read: a message stored in between arrives twice at most, and
            # _forward drops the second.
            groups = [events.chat_group(chat.pk)]
            if chat.state == Chat.State.WAITING:
                groups.append(events.desk_group(chat.desk_id))
            try:
                for group in groups:
                    await self.channel_layer.group_add(group, self.channel_name)
                    self.groups_joined += (group,)
            except Exception:  # the channel layer (Redis) is away: refuse, the page retries
                logger.warning("online help websocket refused: the channel layer is unreachable")
                await self.close(code=CLOSE_AWAY)
                return
        backlog, state = await _catch_up(chat, after)
        self.chat = chat
        for event in backlog:
            await self._forward(event)
        await self._forward(state)

    async def _send(self, content):
        text, client_id = content.get("text"), content.get("client_id")
        if not isinstance(text, str) or not isinstance(client_id, str) or not client_id:
            return
        await self.send_json(await _post(self.chat, text, client_id[:40], self.lang))

    async def _forward(self, event: dict):
        """Send ``event`` on, once: a message whose seq this socket sent already is dropped;
        the state follows what the chat does."""
        if event.get("type") == "message":
            if event["seq"] <= self.sent_seq:
                return
            self.sent_seq = event["seq"]
        elif event.get("type") == "state":
            self.state = event["state"]
            if self.state == Chat.State.WAITING:
                if event.get("position") == self.position:
                    return
                self.position = event.get("position")
            else:
                await self._leave_desk()
        await self.send_json(event)
        if event.get("type") == "state" and self.state == Chat.State.CLOSED:
            await self.close(code=CLOSE_ENDED)

    async def _leave_desk(self):
        group = events.desk_group(self.chat.desk_id)
        if group in self.groups_joined:
            self.groups_joined = tuple(g for g in self.groups_joined if g != group)
            with contextlib.suppress(Exception):
                await self.channel_layer.group_discard(group, self.channel_name)

    async def onlinehulp_event(self, message):
        event = message["event"]
        if self.chat is None:
            return
        if event.get("type") == "queue":
            if self.state == Chat.State.WAITING and self._queue_task is None:
                self._queue_task = asyncio.create_task(self._requeue())
            return
        if event.get("type") in ("message", "state") and event.get("chat") == self.chat.pk:
            await self._forward(event)

    async def _requeue(self):
        """Count the place in line again (coalesced: one count for a burst of queue events)."""
        try:
            await asyncio.sleep(QUEUE_COALESCE)
            self._queue_task = None
            if self.state == Chat.State.WAITING:
                await self._forward(await _state_now(self.chat))
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.warning("online help: the place in line could not be read", exc_info=True)
