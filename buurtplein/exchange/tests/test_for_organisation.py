"""What vraag & aanbod offers a club page: the open items of an organisation (offered or asked
on its behalf, or support asked for it as an initiative), and "Ask for support" links that
preselect the initiative."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import Membership
from buurtplein.core.permissions import Viewer
from buurtplein.core.tests.factories import member
from buurtplein.exchange.models import State, Visibility
from buurtplein.exchange.selectors import items_for_organisation
from buurtplein.exchange.tests.factories import ItemFactory

pytestmark = pytest.mark.django_db


def support(nb, owner, initiative, **kwargs):
    return ItemFactory(
        neighbourhood=nb,
        owner=owner,
        kind="money",
        category="initiative",
        deal="",
        initiative=initiative,
        **kwargs,
    )


def test_items_of_an_organisation_open_readable_newest_first(nb, anna, initiative, business):
    asked = support(nb, anna, initiative, title="Steun voor de werkbank")
    offered = ItemFactory(
        neighbourhood=nb, owner=anna, organisation=initiative, title="Gereedschap"
    )
    support(nb, anna, initiative, title="Al geregeld", state=State.DONE)
    ItemFactory(neighbourhood=nb, owner=anna, organisation=business, title="Van de fietsenmaker")
    public = support(nb, anna, initiative, title="Voor iedereen", visibility=Visibility.PUBLIC)
    with scope(neighbourhood=nb):
        neighbour = Viewer(
            user=anna, neighbourhood=nb, membership=Membership.objects.get(user=anna)
        )
        visitor = Viewer(user=None, neighbourhood=nb, membership=None)
        assert items_for_organisation(neighbour, initiative, limit=5) == [public, offered, asked]
        assert items_for_organisation(neighbour, initiative, limit=2) == [public, offered]
        assert items_for_organisation(visitor, initiative) == [public]

        def count(n):
            with CaptureQueriesContext(connection) as queries:
                assert len(items_for_organisation(neighbour, initiative, limit=n)) >= 1
            return len(queries)

        three = count(3)
        for _ in range(20):
            support(nb, member(nb), initiative)
        assert count(3) == three == 2  # the items and their photos


def test_ask_for_support_preselects_the_initiative_of_this_neighbourhood(
    client, nb, other_nb, anna, initiative
):
    client.force_login(anna)
    page = client.get(
        f"/b/{nb.slug}/exchange/new/", {"kind": "money", "initiative": initiative.pk}
    ).content.decode()
    assert re.search(rf'<option value="{initiative.pk}" selected>Repair Café Oost</option>', page)
    # An organisation that is no initiative of this neighbourhood is not preselected.
    elsewhere = OrganisationFactory(kind="initiative")
    elsewhere.neighbourhoods.add(other_nb)
    page = client.get(
        f"/b/{nb.slug}/exchange/new/", {"kind": "money", "initiative": elsewhere.pk}
    ).content.decode()
    assert "selected>Repair" not in page and f'value="{elsewhere.pk}"' not in page
    response = client.get(f"/b/{nb.slug}/exchange/new/", {"initiative": "abc"})
    assert response.status_code == 200
