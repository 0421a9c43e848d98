"""The asker's chat page without the socket: what it shows while waiting, in conversation and
after; stopping, rating (a plain form, any input), saving and mailing the chat — the address
typed for the mail is used once and kept nowhere."""

import datetime as dt
import socket as sockets

import pytest
from django.core import mail
from django.db import connection
from django.test import Client, override_settings
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtplein.accounts.tests.factories import OrganisationFactory, UserFactory
from buurtplein.core.tests.factories import NeighbourhoodFactory, RegionFactory
from buurtplein.onlinehulp import actions
from buurtplein.onlinehulp.models import MAX_RATING_TEXT, Chat
from buurtplein.onlinehulp.tests.factories import DeskFactory, new_chat, take_part

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    nb = NeighbourhoodFactory(slug="oost")
    with scopes_disabled():
        return DeskFactory(
            name="Chat met Oost", region=RegionFactory(neighbourhoods=[nb]), always_open=True
        )


def url(chat, part=""):
    return f"/b/oost/online-help/c/{chat.token}/{part}"


def talk(desk, *lines, close=False):
    """A chat taken by Fleur with ``lines`` of (author, text)."""
    fleur = UserFactory(first_name="Fleur")
    with scopes_disabled():
        chat = new_chat(desk)
        actions.chat_take(chat=chat, worker=fleur, organisation=OrganisationFactory())
        for author, text in lines:
            actions.message_post(
                chat=chat, author=author, text=text, worker=fleur if author == "worker" else None
            )
        if close:
            actions.chat_close(chat=chat)
    return chat


def test_waiting_shows_the_place_in_line_and_the_script_gets_no_token_in_an_address(desk):
    with scopes_disabled():
        new_chat(desk)
        chat = new_chat(desk)
    page = Client().get(url(chat)).content.decode()
    assert "Je bent nummer 2 in de rij." in page
    assert f'data-socket="/ws/online-help/{chat.neighbourhood_id}/chat/"' in page
    assert "onlinehulp/chat.js" in page
    assert 'id="chat-crisis" aria-labelledby="chat-crisis-title" hidden' in page
    assert "meelezen" not in page  # no organisation of the desk reads along


def test_a_crisis_word_shows_113_and_112_and_read_along_is_told(desk):
    with scopes_disabled():
        take_part(desk, OrganisationFactory(), read_along=True)
    chat = talk(desk, ("asker", "Ik denk aan zelfmoord"), ("worker", "Fijn dat je het zegt."))
    page = Client().get(url(chat)).content.decode()
    assert 'aria-labelledby="chat-crisis-title">' in page  # not hidden
    assert 'href="tel:08000113"' in page and 'href="tel:112"' in page
    assert "Fleur chat met je." in page
    assert "meelezen" in page


def test_stop_then_rate_without_javascript(desk):
    chat = talk(desk, ("asker", "Hoi"))
    client = Client()
    response = client.post(url(chat, "stop/"))
    assert response.status_code == 302 and response["Location"].endswith("#chat-after")
    page = client.get(url(chat)).content.decode()
    assert "Deze chat is afgelopen." in page
    assert 'id="chat-compose"' not in page
    response = client.post(url(chat, "rate/"), {"rating": "5", "rating_text": " Fijn  gesprek "})
    assert response.status_code == 302
    with scopes_disabled():
        chat.refresh_from_db()
    assert (chat.rating, chat.rating_text) == (5, "Fijn gesprek")


def test_a_chat_still_going_cannot_be_rated(desk):
    chat = talk(desk)
    Client().post(url(chat, "rate/"), {"rating": "1"})
    with scopes_disabled():
        assert Chat.objects.get(pk=chat.pk).rating is None


rating_input = st.fixed_dictionaries(
    {
        "rating": st.one_of(
            st.sampled_from(["1", "2", "3", "4", "5", "0", "6", "", "-1", "3.5", "vijf"]),
            st.text(max_size=5),
        ),
        "rating_text": st.one_of(
            st.text(
                alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                max_size=MAX_RATING_TEXT + 20,
            ),
            st.just("<script>alert(1)</script>"),
        ),
    }
)


@given(data=rating_input)
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_rating_form_stores_a_face_or_says_why(desk, data):
    chat = talk(desk, close=True)
    response = Client().post(url(chat, "rate/"), data)
    with scopes_disabled():
        chat.refresh_from_db()
    text = " ".join(data["rating_text"].split())
    if data["rating"] in {"1", "2", "3", "4", "5"} and len(data["rating_text"]) <= MAX_RATING_TEXT:
        assert response.status_code == 302
        assert (chat.rating, chat.rating_text) == (int(data["rating"]), text)
    else:
        assert response.status_code == 400
        assert chat.rating is None
        page = response.content.decode()
        assert 'class="message message-error"' in page
        assert "<script>alert(1)</script>" not in page


def test_save_this_chat_is_a_plain_text_file(desk):
    chat = talk(desk, ("asker", "Ik kan mijn huur niet betalen"), ("worker", "Dat is lastig."))
    response = Client().get(url(chat, "chat.txt"))
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="chat-')
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode()
    assert "Jouw chat met Chat met Oost" in text
    assert "Jij (" in text and "Ik kan mijn huur niet betalen" in text
    assert "Fleur (" in text and "Dat is lastig." in text
    assert "0800-0113" in text


def _stored_anywhere(value: str) -> list[str]:
    """The columns of any table (as text) that hold ``value``."""
    found = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            for column in connection.introspection.get_table_description(cursor, table):
                # Names from the database's own catalogue, quoted; the value is a parameter.
                name = f"{quote(table)}.{quote(column.name)}"
                query = f"SELECT 1 FROM {quote(table)} WHERE CAST({name} AS TEXT) LIKE %s"  # noqa: S608
                cursor.execute(query, [f"%{value}%"])
                if cursor.fetchone():
                    found.append(f"{table}.{column.name}")
    return found


def test_mail_me_this_chat_sends_once_and_keeps_no_address(desk):
    chat = talk(desk, ("asker", "Hoi"), ("worker", "Hallo, ik ben Fleur."), close=True)
    response = Client().post(url(chat, "mail/"), {"email": "sam.geheim@example.nl"})
    assert response.status_code == 302
    [sent] = mail.outbox
    assert sent.to == ["sam.geheim@example.nl"]
    assert "Hallo, ik ben Fleur." in sent.body
    assert _stored_anywhere("sam.geheim") == []


def _closed_port() -> int:
    with sockets.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_mail_server_away_says_so_and_offers_saving(desk):
    chat = talk(desk, ("asker", "Hoi"), close=True)
    away = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": _closed_port(), "timeout": 2},
        }
    }
    with override_settings(MAILERS=away):
        response = Client().post(url(chat, "mail/"), {"email": "sam@example.nl"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Sla de chat liever op" in page
    assert 'value="sam@example.nl"' in page  # what was typed is still there
    assert _stored_anywhere("sam@example.nl") == []


def test_the_transcript_is_gone_after_retention(desk):
    chat = talk(desk, ("asker", "Hoi"), close=True)
    with scopes_disabled():
        Chat.objects.filter(pk=chat.pk).update(transcript_deleted_at=dt.datetime.now(dt.UTC))
    text = Client().get(url(chat, "chat.txt")).content.decode()
    assert "Hoi" not in text
    assert "Er zijn geen berichten (meer)." in text
