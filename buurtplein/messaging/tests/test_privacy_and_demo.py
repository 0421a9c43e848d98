import random

import pytest
from django_scopes import scope

from buurtplein.core.components import get_component
from buurtplein.core.tests.factories import member
from buurtplein.core.urls import nb_reverse
from buurtplein.messaging import actions, demo, selectors
from buurtplein.messaging.tests.factories import send, start_conversation

pytestmark = pytest.mark.django_db


def test_export_holds_subjects_and_only_ones_own_messages(nb, alice, bob):
    conversation = start_conversation(nb, alice, bob, text="Mijn vraag", subject="Ladder")
    send(conversation, bob, "Bobs antwoord")
    actions.block_create(blocker=alice, blocked=bob)
    data = get_component("messaging").export(alice)
    assert data["conversations"][0]["subject"] == "Ladder"
    assert [m["text"] for m in data["conversations"][0]["messages_you_wrote"]] == ["Mijn vraag"]
    assert "Bobs antwoord" not in str(data)
    assert data["people_you_blocked"][0]["person"] == "Bram S."


def test_erase_through_the_component(client, nb, alice, bob):
    conversation = start_conversation(nb, alice, bob, text="Mijn adres is Hoofdstraat 1")
    get_component("messaging").erase(alice)
    client.force_login(bob)
    html = client.get(
        nb_reverse("messaging:conversation", nb, kwargs={"pk": conversation.pk})
    ).content.decode()
    assert "Hoofdstraat" not in html
    assert "Bericht verwijderd" in html
    assert "Gesprek met een oud-lid" in html
    assert "Deze persoon is geen lid meer" in html  # no reply form


def test_demo_gives_the_demo_resident_one_conversation_with_one_unread(nb):
    els = member(nb, email=demo.DEMO_RESIDENT, first_name="Els", last_name="Bakker")
    neighbours = [member(nb) for _ in range(3)]
    with scope(neighbourhood=nb):
        demo.seed(nb, [els, *neighbours], random.Random(1))
        page = selectors.inbox(els)
        assert len(page.items) == 1
        assert page.items[0].other in neighbours
        assert page.items[0].conversation.subject == "Plantenbak van steigerhout"
        assert selectors.unread_count(els) == 1
