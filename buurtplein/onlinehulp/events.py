"""Real-time events of online help over the channel layer (in-memory in the embedded mode,
Redis in production), sent after commit.

Two kinds of group:

* ``chat_group(chat_id)``: the asker's websocket(s) and the worker's (and a coach's) for one
  chat. Its events carry the message itself (``{"type": "message", "seq", "author", "text",
  "created_at", "client_id", "worker_name"}``) or a change of state (``{"type": "state",
  "state", …}``): the conversation is live, and the numbered messages make a missed event
  harmless (a client that reconnects asks for what came after its last ``seq``).
* ``desk_group(desk_id)``: the consoles of a desk's workers: ``{"type": "queue"}`` when a chat
  starts waiting, is taken or closes, ``{"type": "presence"}`` when a colleague comes or goes.
  They carry no asker's words: a console fetches the list over HTTP (or asks the socket).
* ``waiting_group(desk_id)``: the sockets of the desk's waiting askers: only ``{"type":
  "queue"}`` (they count their place again). Apart from the consoles' group so that a
  colleague's coming and going is not sent to hundreds of waiting askers for nothing
  (``bench/onlinehulp.py``: 350 waiting sockets, a presence event on every console's connect).
  :func:`queue_changed` tells both.

Best effort: a channel layer that is away is logged in one line and never fails the write; the
stored messages are the truth.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)


def chat_group(chat_id: int) -> str:
    return f"onlinehulp.chat.{chat_id}"


def desk_group(desk_id: int) -> str:
    return f"onlinehulp.desk.{desk_id}"


def waiting_group(desk_id: int) -> str:
    return f"onlinehulp.waiting.{desk_id}"


_collecting: ContextVar[list | None] = ContextVar("onlinehulp_events", default=None)


@contextmanager
def collected():
    """Inside this block :func:`send` keeps the events in the list it yields instead of sending
    them: a websocket consumer writing in a database thread sends them itself afterwards, on
    its own event loop, instead of holding that thread until the loop has sent them
    (``consumers.AskerConsumer``)."""
    bucket: list = []
    token = _collecting.set(bucket)
    try:
        yield bucket
    finally:
        _collecting.reset(token)


async def send_all(layer, to_send: list) -> None:
    """Send the ``(group, event)`` pairs a write collected (:func:`collected`), on the
    caller's event loop. Best effort: what was written stays, and a page that missed an event
    gets it with its next catch-up."""
    for group, event in to_send:
        try:
            await layer.group_send(group, {"type": "onlinehulp.event", "event": event})
        except Exception as error:
            logger.warning("online help event not sent: %s: %s", type(error).__name__, error)


def send(group: str, event: dict) -> None:
    """Send ``event`` to ``group`` now (from sync code; consumers use :func:`send_all`)."""
    bucket = _collecting.get()
    if bucket is not None:
        bucket.append((group, event))
        return
    layer = get_channel_layer()
    if layer is None:
        return
    async_to_sync(send_all)(layer, [(group, event)])


def send_on_commit(group: str, event: dict) -> None:
    transaction.on_commit(lambda: send(group, event))


def queue_changed(desk_id: int) -> None:
    """After commit: the desk's waiting list changed (a chat started waiting, was taken or
    ended): its consoles and its waiting askers hear ``{"type": "queue"}``."""
    send_on_commit(desk_group(desk_id), {"type": "queue"})
    send_on_commit(waiting_group(desk_id), {"type": "queue"})


def message_event(message, *, worker_name: str = "", crisis: bool = False) -> dict:
    """What a chat's websockets receive for one stored message. ``crisis`` is true for an
    asker's message with a crisis word (``crisis.py``): the asker's page shows 113 and 112, the
    console marks the message."""
    return {
        "type": "message",
        "chat": message.chat_id,
        "seq": message.seq,
        "author": message.author,
        "text": message.text,
        "created_at": message.created_at.isoformat(),
        "client_id": message.client_id,
        "worker_name": worker_name,
        "crisis": crisis,
    }


def worker_group(user_id: int) -> str:
    """One worker's consoles (every tab and laptop): ``{"type": "assigned", "chat"}`` when a
    chat becomes theirs (taken, handed over to them, or joined to read along), so the console
    joins that chat's group without a reload."""
    return f"onlinehulp.worker.{user_id}"
