"""The console's websocket: only a desk's workers connect; they hear their desks' queue and
the chats they have, send with an ack (stored once per client id) and get back what they
missed after a lost connection; never a chat of another region or a colleague's."""

import datetime as dt

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.test import Client
from django_scopes import scopes_disabled

from buurtplein.config.routing import websocket_urlpatterns
from buurtplein.core import ratelimit
from buurtplein.core.dbthreads import auth_middleware_stack
from buurtplein.core.models import Role
from buurtplein.onlinehulp import actions
from buurtplein.onlinehulp.models import Author, ChatMessage, ConsolePresence
from buurtplein.onlinehulp.tests.console_world import console_world, worker_of
from buurtplein.onlinehulp.tests.factories import new_chat

pytestmark = pytest.mark.django_db(transaction=True)

application = auth_middleware_stack(URLRouter(websocket_urlpatterns))


@pytest.fixture
def w():
    return console_world()


def cookie_for(user):
    client = Client()
    client.force_login(user)
    return [(b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode())]


def socket(cookie, nb):
    return WebsocketCommunicator(application, f"/ws/online-help/{nb.pk}/console/", headers=cookie)


async def connected(cookie, nb):
    communicator = socket(cookie, nb)
    ok, _ = await communicator.connect()
    assert ok
    hello = await communicator.receive_json_from()
    assert hello["type"] == "hello"
    # Its own arrival on the desk's console (presence), like every colleague's.
    assert await communicator.receive_json_from() == {"type": "presence"}
    return communicator, hello


def taken_chat(w, worker, organisation, neighbourhood=None):
    with scopes_disabled():
        chat = new_chat(w.desk, neighbourhood or w.here)
        assert actions.console_take(chat=chat, worker=worker, organisation=organisation)
    return chat


def asker_says(chat, text):
    with scopes_disabled():
        actions.message_post(chat=chat, author=Author.ASKER, text=text)


def test_a_worker_hears_the_queue_of_the_whole_region_and_answers_with_an_ack(w):
    cookie = cookie_for(w.worker)

    async def run():
        console, hello = await connected(cookie, w.here)
        assert hello["chats"] == []
        # An asker of the neighbour's neighbourhood joins the queue: the console hears it.
        await database_sync_to_async(
            lambda: actions.chat_start(desk=w.desk, neighbourhood=w.next_door)
        )()
        assert await console.receive_json_from() == {"type": "queue"}
        chat = await database_sync_to_async(lambda: taken_chat(w, w.worker, w.jeugd, w.next_door))()
        seen = [await console.receive_json_from() for _ in range(2)]
        assert {"type": "queue"} in seen
        assert {"type": "assigned", "chat": chat.pk} in seen
        await console.send_json_to(
            {"type": "send", "chat": chat.pk, "text": "Hoi", "client_id": "c1"}
        )
        replies = [await console.receive_json_from() for _ in range(2)]
        assert {"type": "ack", "chat": chat.pk, "client_id": "c1", "seq": 1} in replies
        message = next(r for r in replies if r["type"] == "message")
        assert (message["text"], message["author"], message["worker_name"]) == (
            "Hoi",
            "worker",
            "Mira",
        )
        # The ack got lost, the console sends again: stored once, the same number.
        await console.send_json_to(
            {"type": "send", "chat": chat.pk, "text": "Hoi", "client_id": "c1"}
        )
        assert await console.receive_json_from() == {
            "type": "ack",
            "chat": chat.pk,
            "client_id": "c1",
            "seq": 1,
        }
        assert await console.receive_nothing()
        await console.disconnect()
        return chat

    chat = async_to_sync(run)()
    with scopes_disabled():
        assert list(ChatMessage.objects.filter(chat=chat).values_list("seq", "text")) == [
            (1, "Hoi")
        ]


def test_a_console_that_lost_its_connection_gets_what_it_missed(w):
    chat = taken_chat(w, w.worker, w.jeugd)
    with scopes_disabled():
        for text in ("Een", "Twee", "Drie"):
            actions.message_post(chat=chat, author=Author.ASKER, text=text)
    cookie = cookie_for(w.worker)

    async def run():
        console, hello = await connected(cookie, w.here)
        assert hello["chats"] == [chat.pk]  # followed again after the reconnect
        await console.send_json_to({"type": "resume", "chat": chat.pk, "after": 1})
        missed = [await console.receive_json_from() for _ in range(2)]
        assert [(m["seq"], m["text"]) for m in missed] == [(2, "Twee"), (3, "Drie")]
        assert await console.receive_nothing()
        # New messages keep arriving live.
        await database_sync_to_async(asker_says)(chat, "Vier")
        assert (await console.receive_json_from())["seq"] == 4
        await console.disconnect()

    async_to_sync(run)()


def test_a_worker_cannot_send_in_or_read_a_colleagues_or_another_regions_chat(w):
    mine = taken_chat(w, w.worker, w.jeugd)
    colleagues = taken_chat(w, w.colleague, w.welzijn)
    with scopes_disabled():
        far_chat = new_chat(w.far_desk, w.far)
        actions.message_post(chat=colleagues, author=Author.ASKER, text="Geheim")
        actions.message_post(chat=far_chat, author=Author.ASKER, text="Ver weg")
    cookie = cookie_for(w.worker)

    async def run():
        console, hello = await connected(cookie, w.here)
        assert hello["chats"] == [mine.pk]
        for chat in (colleagues, far_chat):
            await console.send_json_to(
                {"type": "send", "chat": chat.pk, "text": "x", "client_id": "k"}
            )
            refused = await console.receive_json_from()
            assert (refused["type"], refused["error"]) == ("error", "not_yours")
            await console.send_json_to({"type": "resume", "chat": chat.pk, "after": 0})
            assert (await console.receive_json_from())["type"] == "error"
        # The colleague's chat goes on without this console hearing a word.
        await database_sync_to_async(asker_says)(colleagues, "Nog iets")
        assert await console.receive_nothing()
        await console.disconnect()

    async_to_sync(run)()
    with scopes_disabled():
        assert not ChatMessage.objects.filter(author=Author.WORKER).exists()


def test_the_other_regions_worker_is_refused_here_and_hears_nothing_of_this_desk(w):
    far_cookie = cookie_for(w.far_worker)

    async def run():
        # Not a member here: refused.
        refused = socket(far_cookie, w.here)
        ok, _ = await refused.connect()
        assert not ok
        # At home the far worker's console hears nothing of this region's queue.
        console, _ = await connected(far_cookie, w.far)
        await database_sync_to_async(
            lambda: actions.chat_start(desk=w.desk, neighbourhood=w.here)
        )()
        assert await console.receive_nothing()
        await console.disconnect()

    async_to_sync(run)()


@pytest.mark.parametrize("who", ["resident", "outsider", "coach_of_far"])
def test_who_is_not_a_worker_of_the_desk_is_refused(w, who):
    user = {
        "resident": lambda: w.resident,
        "outsider": lambda: w.outsider,  # staff of an organisation that does not take part
        "coach_of_far": lambda: w.far_worker,
    }[who]()
    cookie = cookie_for(user)

    async def run():
        ok, _ = await socket(cookie, w.here).connect()
        assert not ok

    async_to_sync(run)()


def test_an_anonymous_visitor_is_refused(w):
    async def run():
        ok, _ = await socket([], w.here).connect()
        assert not ok

    async_to_sync(run)()


def test_a_worker_without_the_two_step_log_in_their_role_needs_is_refused(w, settings):
    settings.BUURTPLEIN_REQUIRE_MFA_FOR_STAFF = True
    professional = worker_of(w.jeugd, w.here, role=Role.PROFESSIONAL)
    cookie = cookie_for(professional)

    async def run():
        ok, _ = await socket(cookie, w.here).connect()
        assert not ok
        await database_sync_to_async(Authenticator.objects.create)(
            user=professional, type=Authenticator.Type.TOTP, data={}
        )
        console, _ = await connected(cookie, w.here)
        await console.disconnect()

    async_to_sync(run)()


def test_a_chat_passed_on_moves_live_from_one_console_to_the_others(w):
    chat = taken_chat(w, w.worker, w.jeugd)
    mira_cookie, youssef_cookie = cookie_for(w.worker), cookie_for(w.colleague)

    async def run():
        mira, _ = await connected(mira_cookie, w.here)
        youssef, _ = await connected(youssef_cookie, w.here)
        # Youssef came on: Mira's console hears it (presence), and it is in the database.
        assert await mira.receive_json_from() == {"type": "presence"}
        present = await database_sync_to_async(
            lambda: set(ConsolePresence.objects.values_list("worker_id", flat=True))
        )()
        assert present == {w.worker.pk, w.colleague.pk}

        def hand_over():
            with scopes_disabled():
                actions.chat_hand_over(
                    chat=chat,
                    from_worker=w.worker,
                    to_worker=w.colleague,
                    organisation=w.welzijn,
                    note="Gaat over school",
                )

        await database_sync_to_async(hand_over)()
        to_mira = [await mira.receive_json_from() for _ in range(4)]
        assert {"type": "released", "chat": chat.pk} in to_mira
        to_youssef = [await youssef.receive_json_from() for _ in range(2)]
        assert {"type": "assigned", "chat": chat.pk} in to_youssef
        # From now on the asker's words reach Youssef, not Mira.
        await database_sync_to_async(asker_says)(chat, "Ben je er nog?")
        heard = await youssef.receive_json_from()
        assert (heard["type"], heard["text"]) == ("message", "Ben je er nog?")
        assert await mira.receive_nothing()
        await youssef.send_json_to(
            {"type": "send", "chat": chat.pk, "text": "Ja, ik ben Youssef", "client_id": "y1"}
        )
        assert (await youssef.receive_json_from())["type"] in ("ack", "message")
        await mira.send_json_to({"type": "send", "chat": chat.pk, "text": "x", "client_id": "m9"})
        assert (await mira.receive_json_from())["error"] == "not_yours"
        await youssef.disconnect()
        assert await mira.receive_json_from() == {"type": "presence"}  # Youssef left
        await mira.disconnect()

    async_to_sync(run)()
    assert not ConsolePresence.objects.exists()


def test_a_worker_sending_too_fast_is_refused_in_their_language_and_the_asker_side_counts_apart(
    w, settings
):
    from buurtplein.config import settings as configured

    settings.BUURTPLEIN_RATE_LIMITS = configured.BUURTPLEIN_RATE_LIMITS  # 20/10s per side
    chat = taken_chat(w, w.worker, w.jeugd)
    cookie = cookie_for(w.worker)

    async def run():
        console, _ = await connected(cookie, w.here)
        for n in range(1, 21):
            await console.send_json_to(
                {"type": "send", "chat": chat.pk, "text": f"Antwoord {n}", "client_id": f"k{n}"}
            )
            kinds = {(await console.receive_json_from())["type"] for _ in range(2)}
            assert kinds == {"ack", "message"}
        await console.send_json_to(
            {"type": "send", "chat": chat.pk, "text": "Nog een", "client_id": "k21"}
        )
        assert await console.receive_json_from() == {
            "type": "error",
            "chat": chat.pk,
            "client_id": "k21",
            "code": "rate_limited",
            "retry_after": 10,
            "error": "Je stuurt te veel berichten achter elkaar. Wacht even.",
        }
        assert await console.receive_nothing()
        # The asker's side has a count of its own: their message still goes through.
        with ratelimit.counting():
            await database_sync_to_async(asker_says)(chat, "Ben je er nog?")
        assert (await console.receive_json_from())["seq"] == 21
        await console.disconnect()

    with time_machine.travel(dt.datetime(2026, 12, 7, 19, 0, tzinfo=dt.UTC), tick=False):
        async_to_sync(run)()
    with scopes_disabled():
        assert ChatMessage.objects.filter(chat=chat, author=Author.WORKER).count() == 20


def test_a_worker_taken_off_the_staff_can_no_longer_send_from_an_open_console(w):
    chat = taken_chat(w, w.worker, w.jeugd)
    cookie = cookie_for(w.worker)

    async def run():
        console, _ = await connected(cookie, w.here)
        await database_sync_to_async(w.jeugd.staff.remove)(w.worker)
        await console.send_json_to(
            {"type": "send", "chat": chat.pk, "text": "Hoi", "client_id": "k1"}
        )
        refused = await console.receive_json_from()
        assert (refused["type"], refused["code"], refused["client_id"]) == (
            "error",
            "not_a_worker",
            "k1",
        )
        assert refused["error"].startswith("Je werkt niet meer")
        assert await console.receive_output() == {"type": "websocket.close", "code": 4403}
        # Connecting again is refused.
        ok, _ = await socket(cookie, w.here).connect()
        assert not ok

    async_to_sync(run)()
    with scopes_disabled():
        assert not ChatMessage.objects.filter(chat=chat).exists()
