"""The demo of vraag & aanbod: all five kinds, arranged items with thanks, conversations,
support pledges, an offer of the demo resident that expires soon, beursvloer pledges."""

import random

import pytest
from django.contrib.contenttypes.models import ContentType
from django_scopes import scope

from buurtplein.core.tests.factories import member
from buurtplein.exchange import demo
from buurtplein.exchange.models import Item, Kind, OrgPledge, PledgeState, State, Thanks
from buurtplein.exchange.tests.conftest import resident_at
from buurtplein.messaging.models import Conversation

pytestmark = pytest.mark.django_db


def test_demo_fills_a_believable_board(client, nb, business, welfare, initiative):
    els = resident_at(nb, "6522AA", email=demo.DEMO_RESIDENT, first_name="Els")
    neighbours = [resident_at(nb, "6522BB") for _ in range(8)] + [member(nb) for _ in range(4)]
    with scope(neighbourhood=nb):
        demo.seed(nb, [els, *neighbours], random.Random(7))
        items = list(Item.objects.all())
        assert {item.kind for item in items} == set(Kind.values)
        assert sum(item.state == State.DONE for item in items) >= 3
        assert any(item.state == State.EXPIRED for item in items)
        assert Thanks.objects.count() >= 3
        assert Conversation.objects.filter(
            about_type=ContentType.objects.get_for_model(Item)
        ).exists()
        support = Item.objects.get(kind=Kind.MONEY)
        assert support.initiative == initiative and support.supporter_count >= 3
        mine = Item.objects.get(owner=els)
        assert mine.expires_soon
        states = sorted(OrgPledge.objects.values_list("state", flat=True))
        assert states == [PledgeState.CONFIRMED, PledgeState.OFFERED]
        # Running it again adds nothing.
        demo.seed(nb, [els, *neighbours], random.Random(7))
        assert Item.objects.count() == len(items)
    client.force_login(els)
    page = client.get(f"/b/{nb.slug}/exchange/{mine.pk}/").content.decode()
    assert "Dit verloopt op" in page and "Gesprek met" in page
