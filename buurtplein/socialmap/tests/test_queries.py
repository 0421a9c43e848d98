"""The list, a service's page, Onze diensten and the blocks read a fixed number of queries,
whatever the number of services, places, hours and people."""

import pytest
from django_scopes import scope

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import Role
from buurtplein.core.permissions import Viewer
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.socialmap import selectors
from buurtplein.socialmap.tests.factories import (
    HoursFactory,
    LocationFactory,
    ProfessionalFactory,
    ServiceFactory,
    ServiceFeedbackFactory,
    staff_of,
)

pytestmark = pytest.mark.django_db


def fill(nb, count):
    org = staff_of(OrganisationFactory(), neighbourhood=nb)
    people = [member(nb, role=Role.PROFESSIONAL) for _ in range(2)]
    staff_of(org, *people)
    for person in people:
        ProfessionalFactory(neighbourhood=nb, user=person, organisation=org)
    for n in range(count):
        service = ServiceFactory(
            neighbourhood=nb, organisation=org, name=f"Dienst {n:03d}", people=people
        )
        place = LocationFactory(service=service)
        HoursFactory(service=service, location=place)
        HoursFactory(service=service, kind="phone", weekday=3)
        ServiceFeedbackFactory(service=service)
    return org, people


@pytest.mark.parametrize("count", [10, 100])
def test_list_selector(count, django_assert_num_queries):
    nb = NeighbourhoodFactory()
    fill(nb, count)
    viewer = Viewer(user=None, neighbourhood=nb, membership=None)
    with scope(neighbourhood=nb):
        filters = selectors.Filters(domain="money", walk_in=True, language="nl")
        # The page, its places, hours and people; the people's cards and memberships.
        with django_assert_num_queries(6):
            page = selectors.service_list(viewer, filters, size=20)
        assert len(page.items) == min(count, 20)
        assert all(len(row.people) == 2 and row.people[0].card for row in page.items)
        # With words: the ranking (a few columns of at most 100 candidates), then only the
        # page's services as models — one query more than by name, instead of building a model
        # for every candidate.
        with django_assert_num_queries(7):
            page = selectors.service_list(viewer, selectors.Filters(q="dienst"), size=20)
        assert len(page.items) == min(count, 20)


@pytest.mark.parametrize("count", [10, 100])
def test_list_page(client, count, django_assert_num_queries):
    nb = NeighbourhoodFactory()
    fill(nb, count)
    resident = member(nb)
    client.force_login(resident)
    url = f"/b/{nb.slug}/services/"
    client.get(url)  # warm the per-neighbourhood caches
    with django_assert_num_queries(QUERIES_LIST_PAGE):
        response = client.get(url, {"free": "1"})
    assert response.status_code == 200


@pytest.mark.parametrize("count", [10, 100])
def test_our_services(client, count, django_assert_num_queries):
    nb = NeighbourhoodFactory()
    _org, people = fill(nb, count)
    client.force_login(people[0])
    url = f"/b/{nb.slug}/services/ours/"
    client.get(url)
    with django_assert_num_queries(QUERIES_OURS):
        response = client.get(url)
    assert len(response.context["services"]) == count


@pytest.mark.parametrize("count", [10, 100])
def test_blocks(client, count, django_assert_num_queries):
    nb = NeighbourhoodFactory()
    org, people = fill(nb, count)
    viewer = Viewer(user=None, neighbourhood=nb, membership=None)
    with scope(neighbourhood=nb):
        with django_assert_num_queries(1):
            block = selectors.organisation_block(org, nb, viewer)
        assert len(block["services"]) == min(count, selectors.ORGANISATION_BLOCK_LIMIT)
        with django_assert_num_queries(2):
            block = selectors.profile_block(people[0], nb, viewer)
        assert len(block["services"]) == count


QUERIES_LIST_PAGE = 10
"""Session, user, membership (with the messages badge and the header's name); the page of
services, their places, hours, people with their profiles, the people's cards and memberships
(6, as the selector); the viewer's organisations (may they add?) and the navigation's own
counts."""
QUERIES_OURS = 7
"""Session, user, membership (with the messages badge and the header's name), the viewer's
organisations, the services with their open corrections, and the page frame (the navigation's
counts: new referrals for the staff of an organisation, stories waiting for a professional's
review)."""
