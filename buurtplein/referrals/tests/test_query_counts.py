"""The inbox and the referrer's list read a constant number of queries: 10 or 100 referrals."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from buurtplein.core.tests.factories import member
from buurtplein.core.urls import nb_reverse
from buurtplein.referrals.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db


def count_queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["inbox", "list", "mine"])
def test_the_same_number_of_queries_for_10_and_100(client, nb, service, professional, worker, page):
    person = member(nb)
    viewer = {"inbox": worker, "list": professional, "mine": person}[page]
    client.force_login(viewer)
    url = nb_reverse(f"referrals:{page}", nb)
    counts = []
    for made, total in ((0, 10), (10, 100)):
        for n in range(total - made):
            ReferralFactory(
                neighbourhood=nb,
                service=service,
                referrer=professional,
                person=person if n % 3 == 0 else None,
            )
        counts.append(count_queries(client, url))
    assert counts[0] == counts[1]


def test_the_settings_page_lists_the_staff_working_here_in_the_same_number_of_queries(
    client, nb, welfare, worker
):
    """Links and coordinators: 3 or 30 colleagues in each of two organisations, one query for
    all the staff. Staff who are not members of this neighbourhood are not offered (their
    escalation e-mails would lead to a page they cannot open)."""
    from buurtplein.accounts.tests.factories import OrganisationFactory, UserFactory

    second = OrganisationFactory(name="Buurtteam")
    second.neighbourhoods.add(nb)
    second.staff.add(worker)
    elsewhere = UserFactory(first_name="Xander")  # staff, but no member of this neighbourhood
    welfare.staff.add(elsewhere)
    client.force_login(worker)
    url = nb_reverse("referrals:settings", nb)
    counts = []
    for made, total in ((0, 3), (3, 30)):
        for n in range(made, total):
            welfare.staff.add(member(nb, first_name=f"Collega{n}"))
            second.staff.add(member(nb, first_name=f"Teamlid{n}"))
        counts.append(count_queries(client, url))
    assert counts[0] == counts[1]
    page = client.get(url).content.decode()
    assert "Collega29" in page and "Teamlid29" in page
    assert "Xander" not in page
