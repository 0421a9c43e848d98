"""Live updates while Redis (the channel layer) is away: a message is still saved and the page
that sent it answers at once; when Redis is back, a websocket connects again and hears events
(messaging.js reconnects with backoff and then fetches what it missed)."""

import time

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.db import database_sync_to_async
from django.conf import settings
from django.test import Client, override_settings
from django_scopes import scopes_disabled

from buurtplein.core.tests.factories import member
from buurtplein.core.tests.outage import ThrowawayRedis
from buurtplein.messaging.models import Message
from buurtplein.messaging.tests.factories import start_conversation
from buurtplein.messaging.tests.test_websocket import cookie_for, socket

pytestmark = [pytest.mark.servers, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def carol(nb):
    return member(nb, first_name="Carla", email="carla@example.nl")


@pytest.fixture
def redis_layer():
    with ThrowawayRedis() as server:
        production = settings.CHANNEL_LAYERS["default"]
        host = production["CONFIG"]["hosts"][0] if settings.REDIS_URL else {}
        layers = {
            "default": {
                "BACKEND": "channels_redis.core.RedisChannelLayer",
                "CONFIG": {"hosts": [{**host, "address": server.url}]},
            }
        }
        with override_settings(CHANNEL_LAYERS=layers):
            yield server


def test_a_message_sent_while_redis_is_away_is_saved_and_answered_at_once(
    nb, alice, bob, redis_layer, caplog
):
    redis_layer.stop()
    caplog.set_level("WARNING", logger="buurtplein.messaging.events")
    client = Client()
    client.force_login(alice)
    started = time.monotonic()
    response = client.post(f"/b/{nb.slug}/messages/to/{bob.pk}/", {"text": "Hoi Bram"})
    assert response.status_code == 302
    assert time.monotonic() - started < 3
    with scopes_disabled():
        assert Message.objects.filter(text="Hoi Bram").exists()
    # The operator's log gets one line per write that could not go live, not a traceback per
    # person.
    unsent = [r for r in caplog.records if r.getMessage().startswith("messaging event not sent")]
    assert unsent and all(record.exc_info is None for record in unsent)
    assert len(unsent) <= 2  # the new message, and at most its "read" by the sender


def test_when_redis_is_back_a_websocket_connects_again_and_hears_events(
    nb, alice, bob, carol, redis_layer
):
    bob_cookie = cookie_for(bob)

    async def run():
        before = socket(bob_cookie, nb)
        connected, _ = await before.connect()
        assert connected
        assert (await before.receive_json_from())["type"] == "unread"
        await before.disconnect()

        await sync_to_async(redis_layer.stop)()
        # Sent while Redis is away: saved, the event given up.
        await database_sync_to_async(start_conversation)(nb, alice, bob, text="Kwijt event")
        await sync_to_async(redis_layer.start)()

        after = socket(bob_cookie, nb)
        connected, _ = await after.connect()
        assert connected
        assert (await after.receive_json_from()) == {
            "type": "unread",
            "neighbourhood": nb.pk,
            "unread": 1,  # what it missed, counted from the database
        }
        await database_sync_to_async(start_conversation)(nb, carol, bob, text="Weer daar")
        event = await after.receive_json_from(timeout=5)
        assert event["type"] == "message" and event["unread"] == 2
        await after.disconnect()

    async_to_sync(run)()


def test_while_redis_is_away_a_websocket_is_refused_and_the_page_tries_again(nb, bob, redis_layer):
    bob_cookie = cookie_for(bob)
    redis_layer.stop()

    async def run():
        communicator = socket(bob_cookie, nb)
        connected, _ = await communicator.connect(timeout=5)
        assert not connected  # refused with a close, which messaging.js answers with a retry

    async_to_sync(run)()
