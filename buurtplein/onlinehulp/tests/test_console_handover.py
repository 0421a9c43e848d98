"""Passing a chat on: to a colleague of another organisation of the desk, with a note; the
colleague gets it with the note and the conversation, the asker reads "Je praat nu met …", and
the first worker's console lets it go. Colleagues' presence: who is on the console now, with
how many chats."""

import datetime as dt

import pytest
import time_machine
from django_scopes import scopes_disabled

from buurtplein.core.urls import nb_reverse
from buurtplein.onlinehulp import actions
from buurtplein.onlinehulp.models import Author, Chat, ChatMessage, ConsolePresence, Handover
from buurtplein.onlinehulp.tests.console_world import console_world
from buurtplein.onlinehulp.tests.factories import new_chat

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def w():
    return console_world()


def url(w, name, **kwargs):
    return nb_reverse(name, w.here, kwargs=kwargs or None)


@pytest.fixture
def chat(w):
    with scopes_disabled():
        chat = new_chat(w.desk, w.next_door, first_name="Sam")
        actions.console_take(chat=chat, worker=w.worker, organisation=w.jeugd)
        actions.message_post(chat=chat, author=Author.ASKER, text="Ik word gepest")
    return chat


def test_a_chat_passed_on_reaches_the_colleague_with_the_note_and_the_conversation(client, w, chat):
    client.force_login(w.worker)
    console = client.get(url(w, "onlinehulp:console")).content.decode()
    assert f'<option value="{w.colleague.pk}">Youssef (Welzijn Noord)</option>' in console
    assert f'<option value="{w.outsider.pk}"' not in console  # not a worker of the desk
    response = client.post(
        url(w, "onlinehulp:console_handover", pk=chat.pk),
        {f"chat{chat.pk}-to": w.colleague.pk, f"chat{chat.pk}-note": "Gaat over school, 14 jaar"},
        follow=True,
    )
    html = response.content.decode()
    assert "The chat is passed on to Youssef." in html
    assert f'id="chat-{chat.pk}"' not in html
    with scopes_disabled():
        chat.refresh_from_db()
        handover = Handover.objects.get()
        asker_sees = list(chat.messages.values_list("author", "text"))
    assert (chat.worker, chat.organisation) == (w.colleague, w.welzijn)
    assert (handover.from_worker, handover.to_worker) == (w.worker, w.colleague)
    # The asker's conversation says who they talk with now, in Dutch (the site's language).
    assert asker_sees == [("asker", "Ik word gepest"), ("system", "Je praat nu met Youssef.")]
    # Youssef's console: the chat with Mira's note and the conversation so far.
    client.force_login(w.colleague)
    html = client.get(url(w, "onlinehulp:console")).content.decode()
    assert "Passed on by Mira to Youssef: <q>Gaat over school, 14 jaar</q>" in html
    assert "Ik word gepest" in html and "Your answer to Sam" in html


def test_only_the_chats_worker_passes_it_on_and_only_to_a_worker_of_the_desk(client, w, chat):
    pk = chat.pk
    client.force_login(w.colleague)  # not theirs
    response = client.post(
        url(w, "onlinehulp:console_handover", pk=pk), {f"chat{pk}-to": w.colleague.pk}
    )
    assert response.status_code == 404
    client.force_login(w.worker)
    for someone in (w.outsider, w.far_worker, w.resident, w.worker):
        response = client.post(
            url(w, "onlinehulp:console_handover", pk=pk),
            {f"chat{pk}-to": someone.pk},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 400
    with scopes_disabled():
        assert Chat.objects.get(pk=pk).worker == w.worker
        assert not Handover.objects.exists()
        assert not ChatMessage.objects.filter(author=Author.SYSTEM).exists()


NOW = dt.datetime(2026, 3, 10, 20, 0, tzinfo=dt.UTC)


def test_presence_shows_who_is_on_now_with_their_chats_and_goes_by_itself(client, w, chat):
    with time_machine.travel(NOW, tick=False):
        actions.presence_join(channel="sock-m", worker=w.worker, desk_ids=[w.desk.pk])
        actions.presence_join(channel="sock-y", worker=w.colleague, desk_ids=[w.desk.pk])
        actions.presence_join(channel="sock-far", worker=w.far_worker, desk_ids=[w.far_desk.pk])
    client.force_login(w.colleague)
    with time_machine.travel(NOW + dt.timedelta(seconds=60), tick=False):
        actions.presence_seen(channel="sock-y")
        side = client.get(url(w, "onlinehulp:console_queue")).content.decode()
    assert (
        f'data-present="{w.worker.pk}">Mira <span class="console-meta">Jeugdwerk Oost · 1 chat<'
        in side
    )
    assert f'data-present="{w.colleague.pk}">Youssef' in side
    assert "Lotte" not in side  # another region's desk
    # Mira's laptop went away without closing the socket: after 75 seconds she is gone;
    # Youssef's console pinged, so he stays.
    with time_machine.travel(NOW + dt.timedelta(seconds=100), tick=False):
        side = client.get(url(w, "onlinehulp:console_queue")).content.decode()
    assert "Mira" not in side and "Youssef" in side
    # A console that closes properly is gone at once; one that reconnects is back at once.
    actions.presence_leave(channel="sock-y")
    assert not ConsolePresence.objects.filter(worker=w.colleague).exists()
    actions.presence_join(channel="sock-m2", worker=w.worker, desk_ids=[w.desk.pk])
    side = client.get(url(w, "onlinehulp:console_queue")).content.decode()
    assert f'data-present="{w.worker.pk}">Mira' in side
    assert f'data-present="{w.colleague.pk}"' not in side


def test_reading_along_needs_both_organisations_consent_and_never_writes(client, w, chat):
    """Jeugdwerk allows reading along, Welzijn does not. Ellen (Jeugdwerk) coaches Mira
    (Jeugdwerk); nobody reads along with Youssef (Welzijn), and Youssef reads along with
    nobody."""
    with scopes_disabled():
        youssefs = new_chat(w.desk, w.here, first_name="Noor")
        actions.console_take(chat=youssefs, worker=w.colleague, organisation=w.welzijn)
    read_along = lambda pk: url(w, "onlinehulp:console_read_along", pk=pk)  # noqa: E731
    client.force_login(w.colleague)
    assert "Read along" not in client.get(url(w, "onlinehulp:console")).content.decode()
    assert client.post(read_along(chat.pk)).status_code == 404
    client.force_login(w.coach)
    side = client.get(url(w, "onlinehulp:console_queue")).content.decode()
    assert "Mira with Sam" in side and "Youssef with Noor" not in side
    assert client.post(read_along(youssefs.pk)).status_code == 404
    html = client.post(read_along(chat.pk), follow=True).content.decode()
    assert "Reading along with Mira" in html and "Ik word gepest" in html
    assert "Your answer to Sam" not in html and "Close and register" not in html
    with scopes_disabled():
        assert Chat.objects.get(pk=chat.pk).coach == w.coach
        assert Chat.objects.get(pk=youssefs.pk).coach is None
    client.force_login(w.worker)
    assert "Ellen reads along" in client.get(url(w, "onlinehulp:console")).content.decode()
    # A coach cannot close or pass on the chat.
    client.force_login(w.coach)
    assert (
        client.post(
            url(w, "onlinehulp:console_close", pk=chat.pk), {f"chat{chat.pk}-outcome": "listened"}
        ).status_code
        == 404
    )
    client.post(read_along(chat.pk), {"stop": "1"})
    with scopes_disabled():
        assert Chat.objects.get(pk=chat.pk).coach is None
