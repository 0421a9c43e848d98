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
  the page's language: empty, too long, the chat has ended; over the rate limit, more than
  20 new messages in 10 s from the asker's side of the chat, also ``"code": "rate_limited"``
  and ``"retry_after"`` (seconds) with "Je stuurt te veel berichten achter elkaar. Wacht
  even.": not stored, the page puts the text back in its box). The message itself reaches every
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

Cost with many waiting askers: a waiting socket also listens to its desk's waiting group
(``events.waiting_group``; not the consoles' group, whose presence events are not theirs), whose
``queue`` event (a chat starts waiting, is taken or ends) makes it look up its place again
:data:`QUEUE_COALESCE` seconds later (a burst of events is one look-up). The look-up reads the
desk's waiting chats once per :data:`QUEUE_FRESH` seconds per server process, shared by all its
waiting sockets (:func:`_waiting_ids`), so 300 waiting askers cost one query per change, not
300; the state is sent only when the place changed. The expected wait is cached per desk
(``selectors.expected_wait_minutes``). Once the chat is taken the socket leaves the waiting
group.

Database work runs in a small pool of database threads, each keeping its connection
(``core.dbthreads``, ``BUURTPLEIN_CHAT_DB_THREADS``): in Channels' one database thread every
socket's message waited behind the others' (``bench/onlinehulp.py``), and under ASGI the
settings close a connection after each use, which made the server fall behind at 75 messages a
second. A socket awaits its calls in order; two sockets writing to one chat are ordered by the
database (``actions.message_post``). A broken connection (PostgreSQL restarted) is replaced and
the call made once more (a message is stored once per client id).

Nothing about the asker is stored or logged: no IP address, no user agent.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django_scopes import scope

from buurtplein.core import ratelimit
from buurtplein.core.dbthreads import database
from buurtplein.onlinehulp import actions, crisis, events, selectors
from buurtplein.onlinehulp.models import Author, Chat

logger = logging.getLogger(__name__)

HELLO_WITHIN = 10
QUEUE_COALESCE = 1.0
QUEUE_FRESH = 0.5
MAX_FRAME = 16_000

CLOSE_ENDED = 4000
CLOSE_REFUSED = 4401
CLOSE_AWAY = 4503


def too_fast() -> str:
    """The error of a message over the rate limit (``BUURTPLEIN_RATE_LIMITS``'s
    ``onlinehulp_message``), both sides' sockets: the message is not stored, the text stays."""
    return _("You are sending too many messages in a row. Wait a moment.")


_queues: dict[int, tuple[float, list[int]]] = {}
_medians: dict[int, tuple[float, float | None]] = {}


def _median_wait(desk_id: int) -> float | None:
    """The desk's median wait, kept in this process for a minute (as the cache keeps it)."""
    now = time.monotonic()
    known = _medians.get(desk_id)
    if known is None or now - known[0] > 60:
        known = (now, selectors.median_wait_seconds(desk_id))
        _medians[desk_id] = known
    return known[1]


def _waiting_ids(desk_id: int) -> list[int]:
    """The desk's waiting chats in order, read at most once per :data:`QUEUE_FRESH` seconds in
    this process (two database threads may both read it at the same moment: harmless)."""
    now = time.monotonic()
    known = _queues.get(desk_id)
    if known is None or now - known[0] > QUEUE_FRESH:
        known = (now, selectors.waiting_chat_ids(desk_id))
        _queues[desk_id] = known
    return known[1]


def _event_of(message, desk_words: str) -> dict:
    name = message.worker.first_name if message.worker_id and message.worker else ""
    flagged = message.author == Author.ASKER and crisis.matches(message.text, desk_words)
    return events.message_event(message, worker_name=name, crisis=flagged)


@database
def _find(neighbourhood_id: int, token: str) -> Chat | None:
    return selectors.chat_by_token(neighbourhood_id, token)


@database
def _catch_up(chat: Chat, after: int) -> tuple[list[dict], dict]:
    """The messages after ``after`` as events, and the chat's state now."""
    backlog = [_event_of(m, chat.desk.crisis_words) for m in selectors.messages_after(chat, after)]
    return backlog, _state(chat)


def _state(chat: Chat) -> dict:
    """The state frame of ``chat`` as it is in the database now."""
    chat.refresh_from_db(fields=["state", "worker", "created_at"])
    if chat.state == Chat.State.WAITING:
        waiting = _waiting_ids(chat.desk_id)
        position = (
            waiting.index(chat.pk) + 1 if chat.pk in waiting else selectors.queue_position(chat)
        )
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


_fetching: dict[int, asyncio.Future] = {}


async def _shared(cache: dict, desk_id: int, fresh: float, read) -> object:
    """``read(desk_id)`` (in a database thread) at most once per ``fresh`` seconds per desk
    in this process; the waiting sockets that wake together after a queue event share one read
    and make no trip to the database threads while it is fresh."""
    known = cache.get(desk_id)
    if known is not None and time.monotonic() - known[0] <= fresh:
        return known[1]
    key = (id(cache), desk_id)
    future = _fetching.get(key)
    if future is None:
        future = asyncio.ensure_future(database(read)(desk_id))
        _fetching[key] = future
        future.add_done_callback(lambda _done: _fetching.pop(key, None))
    return await asyncio.shield(future)


async def _state_now(chat: Chat) -> dict:
    """The state, for a waiting socket after a queue event: its place from the shared list
    while it is in it, else read from the database."""
    waiting = await _shared(_queues, chat.desk_id, QUEUE_FRESH, _waiting_ids)
    if chat.pk in waiting:
        position = waiting.index(chat.pk) + 1
        median = await _shared(_medians, chat.desk_id, 60, _median_wait)
        return {
            "type": "state",
            "state": Chat.State.WAITING,
            "position": position,
            "wait_minutes": selectors.wait_minutes(median, position),
        }
    return await database(_state)(chat)


@database
def _post(chat: Chat, text: str, client_id: str, lang: str) -> dict:
    """Store the asker's message; returns the answer frame and the events to send (the
    consumer sends them on its loop: ``events.collected``)."""
    # The chat's own neighbourhood: the asker's writes are scoped to it.
    with (
        translation.override(lang),
        scope(neighbourhood=chat.neighbourhood_id),
        ratelimit.counting(),
        events.collected() as to_send,
    ):
        try:
            message, _created = actions.message_post(
                chat=chat, author=Author.ASKER, text=text, client_id=client_id
            )
        except ratelimit.RateLimited as error:
            answer = {
                "type": "error",
                "client_id": client_id,
                "code": "rate_limited",
                "retry_after": error.retry_after,
                "message": too_fast(),
            }
            return answer, []
        except ValidationError as error:
            answer = {"type": "error", "client_id": client_id, "message": " ".join(error.messages)}
            return answer, []
    answer = {
        "type": "ack",
        "client_id": client_id,
        "seq": message.seq,
        # Set by message_post on a new message; a resend's stored message is matched here.
        "crisis": message.crisis
        if hasattr(message, "crisis")
        else crisis.matches(message.text, chat.desk.crisis_words),
    }
    return answer, to_send


class AskerConsumer(AsyncJsonWebsocketConsumer):
    chat: Chat | None = None
    groups_joined: tuple = ()
    lang = settings.LANGUAGE_CODE
    sent_seqs: set[int]
    state = ""
    position = None
    _hello_timer: asyncio.Task | None = None
    _queue_task: asyncio.Task | None = None

    async def __call__(self, scope, receive, send):
        """Channels' loop of this socket; when the channel layer (Redis) goes away under it
        (its receive fails before or after hello), the socket is refused with 4503 in one log
        line, and the page tries again."""
        try:
            await super().__call__(scope, receive, send)
        except Exception as error:
            logger.warning("online help websocket ended: %s: %s", type(error).__name__, error)
            with contextlib.suppress(Exception):
                await send({"type": "websocket.close", "code": CLOSE_AWAY})

    async def connect(self):
        self.sent_seqs = set()
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
                groups.append(events.waiting_group(chat.desk_id))
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
        answer, to_send = await _post(self.chat, text, client_id[:40], self.lang)
        await events.send_all(self.channel_layer, to_send)
        await self.send_json(answer)

    async def _forward(self, event: dict):
        """Send ``event`` on, once: a message whose seq this socket sent already is dropped;
        the state follows what the chat does."""
        if event.get("type") == "message":
            # Events of one chat can arrive out of order (the asker's message is sent by this
            # consumer after its write, a worker's by their process at once): drop by the
            # numbers sent, not by the highest.
            if event["seq"] in self.sent_seqs:
                return
            self.sent_seqs.add(event["seq"])
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
        group = events.waiting_group(self.chat.desk_id)
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
