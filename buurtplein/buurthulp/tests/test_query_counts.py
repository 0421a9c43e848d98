"""Every list page of buurthulp runs the same number of queries for 10 rows as for 100."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from buurtplein.buurthulp.models import MatchStatus, RequestVisibility
from buurtplein.buurthulp.tests.factories import (
    HelpMatchFactory,
    HelpRequestFactory,
    make_helper,
    person,
)
from buurtplein.core.models import Role


def count_queries(client, path):
    """Queries of one request, after a first request has warmed the caches."""
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def fill(nb, me, n):
    """n of everything the index and home show: my requests (with yeses), requests for me,
    open requests of neighbours, and escalated and on-behalf requests for the attention page."""
    connector = person(nb, role=Role.CONNECTOR)
    for _ in range(n):
        neighbour = person(nb)
        mine = HelpRequestFactory(neighbourhood=nb, asker=me)
        HelpMatchFactory(request=mine, helper=neighbour, status=MatchStatus.ACCEPTED)
        theirs = HelpRequestFactory(neighbourhood=nb, asker=neighbour)
        HelpMatchFactory(request=theirs, helper=me)
        HelpRequestFactory(neighbourhood=nb, asker=neighbour, visibility=RequestVisibility.MATCHED)
        HelpRequestFactory(
            neighbourhood=nb,
            asker=neighbour,
            created_by=connector,
            consent_method="phone",
            escalated_at=timezone.now() - timedelta(hours=1),
            picked_up_by=connector,
        )


@pytest.mark.parametrize("who", ["resident", "connector"])
@pytest.mark.parametrize("path", ["/b/nijmegen-oost/help/", "/b/nijmegen-oost/"])
def test_index_and_home_queries_do_not_grow(client, nb, who, path):
    me = person(nb, role=Role.CONNECTOR if who == "connector" else Role.RESIDENT)
    make_helper(nb, user=me, skills=["diy", "shopping"], interests=["coffee"])
    client.force_login(me)
    fill(nb, me, 10)
    ten = count_queries(client, path)
    fill(nb, me, 90)
    assert count_queries(client, path) == ten
    assert ten <= 22


def test_attention_page_queries_do_not_grow(client, nb):
    connector = person(nb, role=Role.CONNECTOR)
    client.force_login(connector)
    fill(nb, person(nb), 10)
    ten = count_queries(client, "/b/nijmegen-oost/help/attention/")
    fill(nb, person(nb), 90)
    assert count_queries(client, "/b/nijmegen-oost/help/attention/") == ten


def test_request_page_queries_do_not_grow_with_helpers(client, nb, asker):
    help_request = HelpRequestFactory(neighbourhood=nb, asker=asker)
    client.force_login(asker)

    def add(n):
        for _ in range(n):
            HelpMatchFactory(request=help_request, helper=person(nb), status=MatchStatus.ACCEPTED)

    add(10)
    path = f"/b/nijmegen-oost/help/{help_request.pk}/"
    ten = count_queries(client, path)
    add(90)
    assert count_queries(client, path) == ten
