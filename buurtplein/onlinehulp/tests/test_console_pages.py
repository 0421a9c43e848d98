"""The console page: the waiting chats of the whole region with their wait, taking a chat
(once: whoever is second hears so), a panel per chat the worker has, closing with the short
registration; the same number of queries for 10 waiting chats as for 100."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtplein.core.life_domains import LifeDomain
from buurtplein.core.urls import nb_reverse
from buurtplein.onlinehulp import actions
from buurtplein.onlinehulp.forms import ChatRegistrationForm
from buurtplein.onlinehulp.models import Author, Chat, Outcome
from buurtplein.onlinehulp.tests.console_world import console_world
from buurtplein.onlinehulp.tests.factories import new_chat

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def english(client):
    """The pages in English, so the assertions read the source strings."""
    client.cookies["django_language"] = "en"


@pytest.fixture
def w():
    return console_world()


def url(w, name, **kwargs):
    return nb_reverse(name, w.here, kwargs=kwargs or None)


def test_the_worker_sees_who_waits_in_the_whole_region_and_how_long(client, w):
    with time_machine.travel(NOON - dt.timedelta(minutes=7), tick=False), scopes_disabled():
        new_chat(w.desk, w.next_door, first_name="Sam", age_group="12_17")
        new_chat(w.far_desk, w.far, first_name="Verweg")
    with time_machine.travel(NOON - dt.timedelta(minutes=2), tick=False), scopes_disabled():
        new_chat(w.desk, w.here)
    client.force_login(w.worker)
    with time_machine.travel(NOON, tick=False):
        html = client.get(url(w, "onlinehulp:console")).content.decode()
    assert "Sam</strong>, 12 to 17" in html
    assert "Bottendaal" in html and "waiting 7 min" in html
    assert "Anonymous</strong>" in html and "waiting 2 min" in html
    assert html.index("Sam") < html.index("Anonymous</strong>")  # longest waiting first
    assert "Verweg" not in html  # another region's queue


def test_taking_a_chat_without_javascript_opens_its_panel_and_the_second_hears_so(client, w):
    with scopes_disabled():
        chat = new_chat(w.desk, w.next_door, first_name="Sam")
        actions.message_post(chat=chat, author=Author.ASKER, text="Ik durf niet naar huis")
    client.force_login(w.worker)
    response = client.post(url(w, "onlinehulp:console_take", pk=chat.pk), follow=True)
    html = response.content.decode()
    assert f'id="chat-{chat.pk}"' in html
    assert "Ik durf niet naar huis" in html
    assert "Your answer to Sam" in html
    with scopes_disabled():
        chat.refresh_from_db()
    assert (chat.state, chat.worker, chat.organisation) == (Chat.State.ACTIVE, w.worker, w.jeugd)
    # The colleague of the other organisation clicked a moment later.
    client.force_login(w.colleague)
    response = client.post(url(w, "onlinehulp:console_take", pk=chat.pk), follow=True)
    html = response.content.decode()
    assert "Someone else took this chat first" in html
    assert "Ik durf niet naar huis" not in html
    # In the background (the script), the same answer with a status it can read.
    response = client.post(
        url(w, "onlinehulp:console_take", pk=chat.pk), headers={"HX-Request": "true"}
    )
    assert response.status_code == 409


def test_two_chats_at_once_each_with_its_own_answer_box(client, w):
    with scopes_disabled():
        first = new_chat(w.desk, w.here, first_name="Sam")
        second = new_chat(w.desk, w.next_door, first_name="Noor")
    client.force_login(w.worker)
    for chat in (first, second):
        client.post(url(w, "onlinehulp:console_take", pk=chat.pk), headers={"HX-Request": "true"})
    html = client.get(url(w, "onlinehulp:console")).content.decode()
    assert "Your answer to Sam" in html and "Your answer to Noor" in html
    assert html.count("data-text></textarea>") == 2
    assert "Nobody is waiting" in html
    panel = client.get(url(w, "onlinehulp:console_panel", pk=second.pk)).content.decode()
    assert panel.startswith(f'<section class="console-panel" id="chat-{second.pk}"')


def test_a_worker_who_may_refer_gets_the_referral_link_in_the_panel_and_others_do_not(client, w):
    """A warm referral from a chat goes through the referrals component's form, for those who
    may refer (a professional or buurtverbinder); a resident on an organisation's staff answers
    chats but would only meet a refusal there."""
    from buurtplein.core.models import Membership, Role

    with scopes_disabled():
        chat = new_chat(w.desk, w.here, first_name="Sam")
    client.force_login(w.worker)
    client.post(url(w, "onlinehulp:console_take", pk=chat.pk), headers={"HX-Request": "true"})
    refer = f'href="{nb_reverse("referrals:new", w.here)}"'
    panel = url(w, "onlinehulp:console_panel", pk=chat.pk)
    assert refer not in client.get(panel).content.decode()  # a resident
    with scopes_disabled():
        Membership.objects.filter(user=w.worker, neighbourhood=w.here).update(
            role=Role.PROFESSIONAL
        )
    html = client.get(panel).content.decode()
    assert refer in html and ">Refer<" in html
    assert client.get(nb_reverse("referrals:new", w.here)).status_code == 200


def test_closing_with_the_registration_keeps_the_figures_and_clears_the_panel(client, w):
    with scopes_disabled():
        chat = new_chat(w.desk, w.here, first_name="Sam")
        actions.console_take(chat=chat, worker=w.worker, organisation=w.jeugd)
    client.force_login(w.worker)
    close = url(w, "onlinehulp:console_close", pk=chat.pk)
    prefix = f"chat{chat.pk}-"
    # Without an outcome: refused with the reason, the chat goes on.
    response = client.post(close, {prefix + "topic": "school"}, follow=True)
    assert "Choose what the chat led to." in response.content.decode()
    with scopes_disabled():
        assert Chat.objects.get(pk=chat.pk).state == Chat.State.ACTIVE
    response = client.post(
        close,
        {
            prefix + "topic": "  pesten op  school ",
            prefix + "life_domain": "parenting",
            prefix + "outcome": "pointed",
        },
        follow=True,
    )
    assert "The chat is closed and registered." in response.content.decode()
    assert f'id="chat-{chat.pk}"' not in response.content.decode()
    with scopes_disabled():
        chat.refresh_from_db()
    assert (chat.state, chat.topic, chat.life_domain, chat.outcome) == (
        Chat.State.CLOSED,
        "pesten op school",
        "parenting",
        "pointed",
    )


def test_a_chat_the_asker_ended_stays_until_it_is_registered(client, w):
    with scopes_disabled():
        chat = new_chat(w.desk, w.here, first_name="Sam")
        actions.console_take(chat=chat, worker=w.worker, organisation=w.jeugd)
        actions.chat_close(chat=chat)  # the asker left
    client.force_login(w.worker)
    html = client.get(url(w, "onlinehulp:console")).content.decode()
    assert f'id="chat-{chat.pk}"' in html and "This chat has ended." in html
    assert "Your answer to Sam" not in html  # nothing more to send
    response = client.post(
        url(w, "onlinehulp:console_close", pk=chat.pk),
        {f"chat{chat.pk}-outcome": "no_contact"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 204
    html = client.get(url(w, "onlinehulp:console")).content.decode()
    assert f'id="chat-{chat.pk}"' not in html


def count_queries(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def waiting_chats(w, n):
    with scopes_disabled():
        for i in range(n):
            new_chat(w.desk, (w.here, w.next_door)[i % 2], first_name=f"Vrager{i}")


def active_chats(w, n):
    with scopes_disabled():
        for i in range(n):
            chat = new_chat(w.desk, w.here, first_name=f"Actief{i}")
            actions.console_take(chat=chat, worker=w.worker, organisation=w.jeugd)
            for text in ("Hoi", "Hallo"):
                actions.message_post(chat=chat, author=Author.ASKER, text=text)


@pytest.mark.parametrize("name", ["onlinehulp:console", "onlinehulp:console_queue"])
def test_the_console_runs_as_many_queries_for_100_waiting_chats_as_for_10(client, w, name):
    client.force_login(w.worker)
    waiting_chats(w, 10)
    active_chats(w, 2)
    ten = count_queries(client, url(w, name))
    waiting_chats(w, 90)
    active_chats(w, 8)
    hundred = count_queries(client, url(w, name))
    assert ten == hundred
    assert ten <= 24  # the page's frame, the rule, the lists, the colleagues: a fixed set


@given(
    topic=st.text(max_size=200),
    life_domain=st.one_of(st.sampled_from(["", *LifeDomain.values]), st.text(max_size=12)),
    outcome=st.one_of(st.sampled_from(Outcome.values), st.text(max_size=12)),
)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_registration_form_takes_only_known_choices(topic, life_domain, outcome):
    form = ChatRegistrationForm({"topic": topic, "life_domain": life_domain, "outcome": outcome})
    if form.is_valid():
        assert form.cleaned_data["outcome"] in Outcome.values
        assert form.cleaned_data["life_domain"] in ["", *LifeDomain.values]
        assert len(form.cleaned_data["topic"]) <= 120
    else:
        assert set(form.errors) <= {"topic", "life_domain", "outcome"}
        assert (
            outcome not in Outcome.values
            or life_domain not in ["", *LifeDomain.values]
            or len(topic.strip()) > 120
            or "\x00" in topic
        )
