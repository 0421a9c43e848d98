"""The person's websocket: only their own events arrive, after commit; the unread count from
the events equals what a fresh page shows."""

import re

import pytest
from allauth.mfa.models import Authenticator
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.test import Client
from django_scopes import scope

from buurtplein.config.routing import websocket_urlpatterns
from buurtplein.core.dbthreads import auth_middleware_stack
from buurtplein.core.models import Membership, Role
from buurtplein.core.tests.factories import member
from buurtplein.core.urls import nb_reverse
from buurtplein.messaging import actions
from buurtplein.messaging.tests.factories import send, start_conversation

pytestmark = pytest.mark.django_db(transaction=True)

application = auth_middleware_stack(URLRouter(websocket_urlpatterns))


def cookie_for(user) -> list[tuple[bytes, bytes]]:
    if user is None:
        return []
    client = Client()
    client.force_login(user)
    return [(b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode())]


def socket(cookie, nb):
    """A websocket of the person whose session ``cookie`` is (from :func:`cookie_for`, made
    before the event loop runs)."""
    return WebsocketCommunicator(application, f"/ws/messages/{nb.pk}/", headers=cookie)


def badge_on_a_fresh_page(user, nb) -> int:
    client = Client()
    client.force_login(user)
    html = client.get(nb_reverse("nb:home", nb)).content.decode()
    return int(re.search(r"data-unread-count>(\d+)<", html)[1])


def test_only_the_persons_own_events_arrive(nb, other_nb, alice, bob):
    carol = member(nb)
    far = member(other_nb)
    bob_elsewhere = Membership.objects.create(
        neighbourhood=other_nb, user=bob, status=Membership.Status.VERIFIED
    )
    assert bob_elsewhere

    bob_cookie, carol_cookie = cookie_for(bob), cookie_for(carol)

    async def run():
        bob_here, carol_here = socket(bob_cookie, nb), socket(carol_cookie, nb)
        bob_there = socket(bob_cookie, other_nb)
        for communicator in (bob_here, carol_here, bob_there):
            connected, _ = await communicator.connect()
            assert connected
            assert (await communicator.receive_json_from())["type"] == "unread"
        conversation = await database_sync_to_async(start_conversation)(
            nb, alice, bob, text="Hoi Bram"
        )
        event = await bob_here.receive_json_from()
        assert event == {
            "type": "message",
            "neighbourhood": nb.pk,
            "conversation": conversation.pk,
            "message": event["message"],
            "author": alice.pk,
            "unread": 1,
        }
        assert "Hoi Bram" not in str(event)  # events carry no text
        assert await carol_here.receive_nothing()
        assert await bob_there.receive_nothing()
        # Another neighbourhood's conversation reaches bob only on that neighbourhood's socket.
        await database_sync_to_async(start_conversation)(other_nb, far, bob, text="Hallo")
        assert (await bob_there.receive_json_from())["neighbourhood"] == other_nb.pk
        assert await bob_here.receive_nothing()
        for communicator in (bob_here, carol_here, bob_there):
            await communicator.disconnect()

    async_to_sync(run)()


@pytest.mark.parametrize("who", ["anonymous", "pending", "outsider", "rejected"])
def test_refused(nb, other_nb, who):
    user = {
        "anonymous": lambda: None,
        "pending": lambda: member(nb, status=Membership.Status.PENDING),
        "outsider": lambda: member(other_nb),
        "rejected": lambda: member(nb, status=Membership.Status.REJECTED),
    }[who]()
    cookie = cookie_for(user)

    async def run():
        communicator = socket(cookie, nb)
        connected, _ = await communicator.connect()
        assert not connected

    async_to_sync(run)()


@pytest.mark.parametrize("role", [Role.CONNECTOR, Role.PROFESSIONAL, Role.ADMIN])
def test_no_role_hears_other_peoples_conversations(nb, alice, bob, role):
    cookie = cookie_for(member(nb, role=role))

    async def run():
        communicator = socket(cookie, nb)
        connected, _ = await communicator.connect()
        assert connected
        await communicator.receive_json_from()
        await database_sync_to_async(start_conversation)(nb, alice, bob, text="Privé")
        assert await communicator.receive_nothing()
        await communicator.disconnect()

    async_to_sync(run)()


@pytest.mark.parametrize("role", [Role.CONNECTOR, Role.PROFESSIONAL, Role.ADMIN])
def test_a_role_that_needs_two_step_log_in_is_refused_until_it_is_set_up(nb, settings, role):
    """The websocket keeps the web's rule (RequireMFAMiddleware): no socket for a buurtverbinder,
    professional or admin without an authenticator app while two-step log-in is required."""
    settings.BUURTPLEIN_REQUIRE_MFA_FOR_STAFF = True
    person = member(nb, role=role)
    resident = member(nb)
    cookie, resident_cookie = cookie_for(person), cookie_for(resident)

    async def connects(cookie) -> bool:
        communicator = socket(cookie, nb)
        connected, _ = await communicator.connect()
        if connected:
            await communicator.disconnect()
        return connected

    async def run():
        assert not await connects(cookie)
        assert await connects(resident_cookie)  # a resident needs no authenticator app
        await database_sync_to_async(Authenticator.objects.create)(
            user=person, type=Authenticator.Type.TOTP, data={}
        )
        assert await connects(cookie)

    async_to_sync(run)()
    # The web refuses the same person the same way.
    client = Client()
    client.force_login(member(nb, role=role))
    response = client.get(nb_reverse("nb:home", nb))
    assert response.status_code == 302 and "/accounts/2fa/totp/activate" in response["Location"]


def test_old_state_plus_events_equals_a_fresh_page(nb, alice, bob):
    carol = member(nb)
    first = start_conversation(nb, alice, bob, text="Een")
    cookie = cookie_for(bob)

    async def run():
        communicator = socket(cookie, nb)
        assert (await communicator.connect())[0]
        unread = (await communicator.receive_json_from())["unread"]
        assert unread == 1

        async def settle():
            nonlocal unread
            event = await communicator.receive_json_from()
            if "unread" in event:
                unread = event["unread"]
            return event

        await database_sync_to_async(send)(first, alice, "Twee")
        await settle()
        second = await database_sync_to_async(start_conversation)(nb, carol, bob, text="Drie")
        await settle()

        def read_first():
            with scope(neighbourhood=nb):
                first.refresh_from_db()
                actions.conversation_mark_read(conversation=first, user=bob)

        await database_sync_to_async(read_first)()
        event = await settle()
        assert event["type"] == "read"
        await database_sync_to_async(send)(second, carol, "Vier")
        await settle()
        assert unread == 2
        assert unread == await database_sync_to_async(badge_on_a_fresh_page)(bob, nb)
        await communicator.disconnect()

    async_to_sync(run)()


def test_the_writer_hears_read_receipts(nb, alice, bob):
    conversation = start_conversation(nb, alice, bob, text="Hoi")
    cookie = cookie_for(alice)

    async def run():
        communicator = socket(cookie, nb)
        assert (await communicator.connect())[0]
        await communicator.receive_json_from()

        def bob_opens():
            client = Client()
            client.force_login(bob)
            client.get(nb_reverse("messaging:conversation", nb, kwargs={"pk": conversation.pk}))

        await database_sync_to_async(bob_opens)()
        event = await communicator.receive_json_from()
        assert event["type"] == "read" and event["reader"] == bob.pk
        assert "unread" not in event  # alice's own count did not change
        await communicator.disconnect()

    async_to_sync(run)()
