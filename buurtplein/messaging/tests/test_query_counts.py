"""Messaging pages run the same number of queries for 10 conversations (or messages) as for
100; the header badge costs one query for a member and none for a visitor."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from buurtplein.core.tests.factories import member
from buurtplein.core.urls import nb_reverse
from buurtplein.messaging import selectors
from buurtplein.messaging.tests.factories import send, start_conversation

pytestmark = pytest.mark.django_db


def count_queries(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def conversations_with(nb, person, n):
    for i in range(n):
        conversation = start_conversation(nb, member(nb), person, text=f"Vraag {i}", subject=f"{i}")
        send(conversation, person, "Antwoord")


def test_inbox_queries_do_not_grow(client, nb, bob, monkeypatch):
    monkeypatch.setattr(selectors, "INBOX_PAGE", 200)
    client.force_login(bob)
    conversations_with(nb, bob, 10)
    path = nb_reverse("messaging:inbox", nb)
    ten = count_queries(client, path)
    conversations_with(nb, bob, 90)
    hundred = count_queries(client, path)
    assert ten == hundred
    assert ten <= 12


def test_conversation_queries_do_not_grow(client, nb, alice, bob, monkeypatch):
    monkeypatch.setattr(selectors, "MESSAGES_PAGE", 200)
    conversation = start_conversation(nb, alice, bob, text="Hoi")
    client.force_login(bob)
    for n in range(9):
        send(conversation, alice if n % 2 else bob, f"Bericht {n}")
    path = nb_reverse("messaging:conversation", nb, kwargs={"pk": conversation.pk})
    ten = count_queries(client, path)
    for n in range(90):
        send(conversation, alice if n % 2 else bob, f"Bericht {n}")
    hundred = count_queries(client, path)
    assert ten == hundred
    assert ten <= 16


def test_conversations_about_queries_do_not_grow(nb, bob, django_assert_num_queries):
    from django_scopes import scope

    from buurtplein.square.tests.factories import PostFactory

    post = PostFactory(neighbourhood=nb, author=bob, title="Ladder")
    for n in (10, 100):
        while True:
            with scope(neighbourhood=nb):
                if len(selectors.conversations_about(post)) >= n:
                    break
            start_conversation(nb, member(nb), bob, about=post, text="Mag ik?")
        with scope(neighbourhood=nb), django_assert_num_queries(2):
            rows = selectors.conversations_about(post)
        assert len(rows) == n
        assert bob.pk not in {row.other.pk for row in rows}  # the people who wrote to bob


def test_badge_costs_one_query_for_members_and_none_for_visitors(client, nb, alice, bob):
    start_conversation(nb, alice, bob, text="Hoi")
    path = nb_reverse("nb:organisations", nb)
    client.get(path)
    with CaptureQueriesContext(connection) as anonymous:
        client.get(path)
    assert not any("messaging_" in q["sql"] for q in anonymous)
    client.force_login(bob)
    client.get(path)
    with CaptureQueriesContext(connection) as as_member:
        html = client.get(path).content.decode()
    assert sum("messaging_participant" in q["sql"] for q in as_member) == 1
    assert "<span data-unread-count>1</span>" in html


def test_blocked_list_queries_do_not_grow(client, nb, bob):
    from buurtplein.messaging.actions import block_create

    client.force_login(bob)
    path = nb_reverse("messaging:blocked", nb)
    for _ in range(10):
        block_create(blocker=bob, blocked=member(nb))
    ten = count_queries(client, path)
    for _ in range(90):
        block_create(blocker=bob, blocked=member(nb))
    hundred = count_queries(client, path)
    assert ten == hundred
