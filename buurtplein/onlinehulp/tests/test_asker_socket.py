"""The asker's websocket (``consumers.AskerConsumer``): the token in the first frame, what a
reconnecting page missed and nothing twice, a message stored once per client id, the place in
line, the worker's name, crisis words, a closed chat, a wrong or foreign token, and Redis
away."""

import datetime as dt
import inspect
import socket as sockets

import pytest
import time_machine
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.test import override_settings
from django_scopes import scopes_disabled
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

from buurtplein.accounts.tests.factories import OrganisationFactory, UserFactory
from buurtplein.config.routing import websocket_urlpatterns
from buurtplein.core.tests.factories import NeighbourhoodFactory, RegionFactory
from buurtplein.onlinehulp import actions, selectors
from buurtplein.onlinehulp.models import Author, Chat, ChatMessage
from buurtplein.onlinehulp.tests.factories import DeskFactory, new_chat

pytestmark = pytest.mark.django_db(transaction=True)


def run(test):
    """An async test run on its own event loop (as messaging's socket tests do)."""

    def sync(*args, **kwargs):
        return async_to_sync(test)(*args, **kwargs)

    sync.__name__, sync.__doc__ = test.__name__, test.__doc__
    sync.__signature__ = inspect.signature(test)
    return sync


@database_sync_to_async
def chat_of(desk) -> Chat:
    with scopes_disabled():
        return new_chat(desk)


application = URLRouter(websocket_urlpatterns)


@pytest.fixture
def desk():
    nb = NeighbourhoodFactory()
    with scopes_disabled():
        return DeskFactory(region=RegionFactory(neighbourhoods=[nb]), always_open=True)


@pytest.fixture
def worker():
    return UserFactory(first_name="Fleur")


def nb_of(desk):
    return desk.region.neighbourhoods.get()


def socket(neighbourhood_id):
    return WebsocketCommunicator(application, f"/ws/online-help/{neighbourhood_id}/chat/")


async def opened(chat, after=0, lang="nl", neighbourhood_id=None):
    """A socket that said hello for ``chat``; returns it and the frames up to the state."""
    communicator = socket(neighbourhood_id or chat.neighbourhood_id)
    connected, _ = await communicator.connect()
    assert connected
    await communicator.send_json_to(
        {"type": "hello", "token": chat.token, "after": after, "lang": lang}
    )
    frames = []
    while True:
        frame = await communicator.receive_json_from()
        frames.append(frame)
        if frame["type"] == "state":
            return communicator, frames


def take(chat, worker):
    with scopes_disabled():
        assert actions.chat_take(chat=chat, worker=worker, organisation=OrganisationFactory())


def start_one(desk):
    with scopes_disabled():
        actions.chat_start(desk=desk, neighbourhood=nb_of(desk))


def close(chat, worker):
    with scopes_disabled():
        assert actions.chat_close(chat=chat, worker=worker)


def close_quietly(chat):
    with scopes_disabled():
        Chat.objects.filter(pk=chat.pk).update(state=Chat.State.CLOSED)


def stored() -> int:
    with scopes_disabled():
        return ChatMessage.objects.count()


def worker_says(chat, worker, text):
    with scopes_disabled():
        chat = Chat.objects.select_related("desk").get(pk=chat.pk)
        return actions.message_post(chat=chat, author=Author.WORKER, text=text, worker=worker)[0]


@run
async def test_a_sent_message_is_acknowledged_reaches_the_chat_and_a_resend_is_stored_once(desk):
    chat = await chat_of(desk)
    asker, frames = await opened(chat)
    other_tab, _ = await opened(chat)
    assert frames == [{"type": "state", "state": "waiting", "position": 1, "wait_minutes": None}]

    await asker.send_json_to({"type": "send", "text": "Hoi, ik heb een vraag", "client_id": "c1"})
    answers = [await asker.receive_json_from(), await asker.receive_json_from()]
    ack = next(a for a in answers if a["type"] == "ack")
    event = next(a for a in answers if a["type"] == "message")
    assert ack == {"type": "ack", "client_id": "c1", "seq": 1, "crisis": False}
    assert (event["seq"], event["author"], event["text"]) == (1, "asker", "Hoi, ik heb een vraag")
    assert (await other_tab.receive_json_from())["seq"] == 1

    # The page lost the ack and sends again with the same client id: the same message.
    await asker.send_json_to({"type": "send", "text": "Hoi, ik heb een vraag", "client_id": "c1"})
    assert await asker.receive_json_from() == ack
    assert await asker.receive_nothing()
    assert await other_tab.receive_nothing()
    assert await database_sync_to_async(stored)() == 1
    await asker.disconnect()
    await other_tab.disconnect()


@run
async def test_a_reconnecting_page_gets_what_it_missed_and_nothing_twice(desk, worker):
    chat = await chat_of(desk)
    await database_sync_to_async(take)(chat, worker)
    for text in ("Hallo, ik ben Fleur.", "Waar kan ik je mee helpen?", "Ben je er nog?"):
        await database_sync_to_async(worker_says)(chat, worker, text)

    # The phone had the first message; it comes back with after=1.
    asker, frames = await opened(chat, after=1)
    assert [(f["type"], f.get("seq")) for f in frames] == [
        ("message", 2),
        ("message", 3),
        ("state", None),
    ]
    assert frames[0]["worker_name"] == "Fleur"
    assert frames[-1] == {"type": "state", "state": "active", "worker_name": "Fleur"}
    # Live from here, numbered on.
    await database_sync_to_async(worker_says)(chat, worker, "Ik wacht even.")
    assert (await asker.receive_json_from())["seq"] == 4
    assert await asker.receive_nothing()
    await asker.disconnect()


@run
async def test_the_place_in_line_moves_up_and_the_worker_name_arrives_when_taken(desk, worker):
    first = await chat_of(desk)
    second = await chat_of(desk)
    asker, frames = await opened(second)
    assert frames[-1]["position"] == 2

    await database_sync_to_async(take)(first, worker)
    moved = await asker.receive_json_from(timeout=3)
    assert (moved["state"], moved["position"]) == ("waiting", 1)

    await database_sync_to_async(take)(second, worker)
    taken = await asker.receive_json_from(timeout=3)
    assert (taken["state"], taken["worker_name"]) == ("active", "Fleur")
    # Taken: the socket no longer listens to the queue.
    await chat_of(desk)
    await database_sync_to_async(start_one)(desk)
    assert await asker.receive_nothing(timeout=1.5)
    await asker.disconnect()


@run
async def test_a_crisis_word_is_flagged_for_both_sides(desk, worker):
    chat = await chat_of(desk)
    await database_sync_to_async(take)(chat, worker)
    asker, _ = await opened(chat)
    await asker.send_json_to(
        {"type": "send", "text": "Ik heb ZELFMOORDgedachten", "client_id": "c9"}
    )
    frames = [await asker.receive_json_from(), await asker.receive_json_from()]
    assert all(frame["crisis"] is True for frame in frames)
    await asker.send_json_to({"type": "send", "text": "Het gaat over mijn huur", "client_id": "d"})
    frames = [await asker.receive_json_from(), await asker.receive_json_from()]
    assert all(frame["crisis"] is False for frame in frames)
    await asker.disconnect()


@run
async def test_a_closed_chat_takes_no_message_and_says_so_in_the_pages_language(desk, worker):
    chat = await chat_of(desk)
    await database_sync_to_async(take)(chat, worker)
    asker, _ = await opened(chat, lang="en")
    await database_sync_to_async(close)(chat, worker)
    ended = await asker.receive_json_from()
    assert ended == {"type": "state", "chat": chat.pk, "state": "closed", "by_worker": True}
    assert (await asker.receive_output())["code"] == 4000

    # A page opened after the end: the transcript, the state, and the socket closes.
    again, frames = await opened(chat, lang="nl")
    assert frames == [{"type": "state", "state": "closed"}]
    assert (await again.receive_output())["code"] == 4000


@run
async def test_sending_after_the_end_gets_a_reason(desk, worker):
    chat = await chat_of(desk)
    asker, _ = await opened(chat, lang="en")
    # Closed in the database while this socket did not hear it (e.g. an event lost).
    await database_sync_to_async(close_quietly)(chat)
    await asker.send_json_to({"type": "send", "text": "Hallo?", "client_id": "late"})
    assert await asker.receive_json_from() == {
        "type": "error",
        "client_id": "late",
        "message": "This chat has ended.",
    }
    await asker.disconnect()


@pytest.mark.parametrize("whose", ["wrong", "other neighbourhood"])
def test_a_wrong_or_foreign_token_closes_the_socket(desk, whose):
    with scopes_disabled():
        elsewhere = DeskFactory(region=RegionFactory(neighbourhoods=[NeighbourhoodFactory()]))
        other = new_chat(elsewhere)
    token = "not-a-token" if whose == "wrong" else other.token

    async def hello():
        communicator = socket(desk.nb.pk)
        await communicator.connect()
        await communicator.send_json_to({"type": "hello", "token": token, "after": 0})
        return await communicator.receive_output()

    here = nb_of(desk)
    desk.nb = here
    assert async_to_sync(hello)()["code"] == 4401


@run
async def test_nothing_is_accepted_before_hello(desk):
    chat = await chat_of(desk)
    communicator = socket(chat.neighbourhood_id)
    await communicator.connect()
    await communicator.send_json_to({"type": "send", "text": "Hoi", "client_id": "x"})
    assert await communicator.receive_nothing()
    assert await database_sync_to_async(stored)() == 0
    await communicator.disconnect()


def _closed_port() -> int:
    with sockets.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@run
async def test_redis_away_refuses_the_socket_so_the_page_tries_again(desk):
    chat = await chat_of(desk)
    away = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # As production's settings: one quick try, no backoff between tries.
                "hosts": [
                    {
                        "address": f"redis://127.0.0.1:{_closed_port()}/0",
                        "socket_connect_timeout": 1.0,
                        "retry": Retry(NoBackoff(), 1),
                    }
                ],
            },
        }
    }
    with override_settings(CHANNEL_LAYERS=away):
        communicator = socket(chat.neighbourhood_id)
        await communicator.connect()
        await communicator.send_json_to({"type": "hello", "token": chat.token, "after": 0})
        assert (await communicator.receive_output(timeout=10))["code"] == 4503


def test_the_expected_wait_is_the_recent_median_per_place_in_line(desk):
    start = dt.datetime(2026, 12, 7, 19, 0, tzinfo=dt.UTC)
    with scopes_disabled(), time_machine.travel(start, tick=False) as clock:
        waiting = new_chat(desk)
        assert selectors.expected_wait_minutes(waiting, 1) is None  # no history: no guess
        from django.core.cache import cache

        cache.clear()
        for minutes in (4, 6, 10):
            chat = new_chat(desk, created_at=start - dt.timedelta(minutes=minutes))
            Chat.objects.filter(pk=chat.pk).update(taken_at=start)
        assert selectors.expected_wait_minutes(waiting, 1) == 6
        assert selectors.expected_wait_minutes(waiting, 3) == 18
        clock.shift(dt.timedelta(days=15))
        cache.clear()
        assert selectors.expected_wait_minutes(waiting, 1) is None  # old waits do not count


@run
async def test_more_than_twenty_messages_in_ten_seconds_are_refused_and_not_stored(
    desk, worker, settings
):
    from buurtplein.config import settings as configured

    settings.BUURTPLEIN_RATE_LIMITS = configured.BUURTPLEIN_RATE_LIMITS  # 20/10s per side
    chat = await chat_of(desk)
    await database_sync_to_async(take)(chat, worker)
    # The clock stands still: the ten seconds end when the test says so, however slow it runs.
    with time_machine.travel(dt.datetime(2026, 12, 7, 19, 0, tzinfo=dt.UTC), tick=False) as clock:
        asker, _ = await opened(chat)
        for n in range(1, 21):
            await asker.send_json_to({"type": "send", "text": f"Bericht {n}", "client_id": f"c{n}"})
            kinds = {(await asker.receive_json_from(timeout=10))["type"] for _ in range(2)}
            assert kinds == {"ack", "message"}
        # A resend of a stored message is answered as before and not counted.
        await asker.send_json_to({"type": "send", "text": "Bericht 20", "client_id": "c20"})
        assert (await asker.receive_json_from(timeout=10))["seq"] == 20
        await asker.send_json_to({"type": "send", "text": "Nog een", "client_id": "c21"})
        assert await asker.receive_json_from(timeout=10) == {
            "type": "error",
            "client_id": "c21",
            "code": "rate_limited",
            "retry_after": 10,
            "message": "Je stuurt te veel berichten achter elkaar. Wacht even.",
        }
        assert await asker.receive_nothing()
        assert await database_sync_to_async(stored)() == 20
        # Ten seconds later the same message goes through, once.
        clock.shift(dt.timedelta(seconds=11))
        await asker.send_json_to({"type": "send", "text": "Nog een", "client_id": "c21"})
        answers = [await asker.receive_json_from(timeout=10) for _ in range(2)]
        assert {"type": "ack", "client_id": "c21", "seq": 21, "crisis": False} in answers
        await asker.disconnect()
    assert await database_sync_to_async(stored)() == 21
