"""The sockets' database work in the pool of database threads (``core.dbthreads``): one chat's
slow write does not hold another chat's message, many sends at once over several sockets of
two chats are each stored once with gap-free numbers, and the pool's connections are closed
by ``close_database_threads``."""

import asyncio
import threading

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from django.db import connections
from django_scopes import scopes_disabled

from buurtplein.core.dbthreads import close_database_threads, database
from buurtplein.onlinehulp import actions
from buurtplein.onlinehulp.models import ChatMessage
from buurtplein.onlinehulp.tests import test_asker_socket
from buurtplein.onlinehulp.tests.test_asker_socket import chat_of, opened, run

pytestmark = pytest.mark.django_db(transaction=True)

desk = test_asker_socket.desk  # the fixture: a desk open day and night


async def until(communicator, kind, client_id):
    """The frames up to the ``kind`` frame of ``client_id``; returns that frame."""
    while True:
        frame = await communicator.receive_json_from(timeout=5)
        if frame["type"] == kind and frame.get("client_id") == client_id:
            return frame


@run
async def test_a_chat_whose_write_is_held_does_not_hold_another_chats_message(
    desk, settings, monkeypatch
):
    settings.BUURTPLEIN_CHAT_DB_THREADS = 2
    held, other = await chat_of(desk), await chat_of(desk)
    entered, released = threading.Event(), threading.Event()
    message_post = actions.message_post

    def slow_for_held(*, chat, **kwargs):
        if chat.pk == held.pk:
            entered.set()
            released.wait(10)
        return message_post(chat=chat, **kwargs)

    monkeypatch.setattr(actions, "message_post", slow_for_held)
    held_socket, _ = await opened(held)
    other_socket, _ = await opened(other)

    await held_socket.send_json_to({"type": "send", "text": "Eerst", "client_id": "h1"})
    assert await asyncio.to_thread(entered.wait, 5)
    # The held chat's write occupies one database thread; the other chat's goes on in another.
    await other_socket.send_json_to({"type": "send", "text": "Ondertussen", "client_id": "o1"})
    ack = await until(other_socket, "ack", "o1")
    assert not released.is_set()
    released.set()
    assert (ack["seq"], (await until(held_socket, "ack", "h1"))["seq"]) == (1, 1)
    await held_socket.disconnect()
    await other_socket.disconnect()


def stored_of(chat) -> list[tuple[int, str]]:
    with scopes_disabled():
        return list(
            ChatMessage.objects.filter(chat=chat).order_by("seq").values_list("seq", "client_id")
        )


@run
async def test_many_sends_at_once_over_two_chats_are_each_stored_once_with_gapless_numbers(desk):
    chats = [await chat_of(desk), await chat_of(desk)]
    # Two tabs per chat: two writers of one chat at the same time, in different threads.
    tabs = [(chat, (await opened(chat))[0]) for chat in chats for _tab in range(2)]
    sends = 10
    for n in range(sends):
        for i, (_chat, tab) in enumerate(tabs):
            await tab.send_json_to({"type": "send", "text": f"{n}", "client_id": f"t{i}-{n}"})

    for i, (chat, tab) in enumerate(tabs):
        acks, seen = {}, set()
        while len(acks) < sends or len(seen) < 2 * sends:
            frame = await tab.receive_json_from(timeout=10)
            if frame["type"] == "ack":
                acks[frame["client_id"]] = frame["seq"]
            elif frame["type"] == "message":
                assert frame["chat"] == chat.pk
                seen.add(frame["seq"])
        assert set(acks) == {f"t{i}-{n}" for n in range(sends)}
        # Every message of the chat reached both its tabs, numbered 1 to 20 without a gap.
        assert seen == set(range(1, 2 * sends + 1))
    for chat in chats:
        stored = await database_sync_to_async(stored_of)(chat)
        assert [seq for seq, _client in stored] == list(range(1, 2 * sends + 1))
        assert len({client for _seq, client in stored}) == 2 * sends
    for _chat, tab in tabs:
        await tab.disconnect()


def test_closing_the_database_threads_closes_their_connections(db):
    @database
    def opened_here():
        with scopes_disabled():
            ChatMessage.objects.exists()
        return connections["default"]

    wrapper = async_to_sync(opened_here)()
    assert wrapper is not connections["default"] and wrapper.connection is not None
    close_database_threads()
    # Django never closes the in-memory SQLite test database's connections (it would vanish).
    assert wrapper.connection is None or wrapper.is_in_memory_db()
