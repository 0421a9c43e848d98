"""The registration page and the overviews read a constant number of queries: 10 or 100
entries."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from buurtplein.core.life_domains import LifeDomain
from buurtplein.core.tests.moments import local
from buurtplein.core.urls import nb_reverse
from buurtplein.logbook.models import How, Kind
from buurtplein.logbook.tests.factories import EntryFactory

pytestmark = pytest.mark.django_db

DOMAINS = LifeDomain.values
HOWS = How.values


def count_queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["register", "overview", "organisation"])
def test_the_same_number_of_queries_for_10_and_100(client, nb, welfare, professional, page):
    client.force_login(professional)
    kwargs = {"pk": welfare.pk} if page == "organisation" else None
    url = nb_reverse(f"logbook:{page}", nb, kwargs=kwargs)
    counts = []
    with time_machine.travel(local(dt.date(2026, 12, 10), dt.time(12)), tick=False):
        for made, total in ((0, 10), (10, 100)):
            with scope(neighbourhood=nb):
                for n in range(made, total):
                    EntryFactory.ago(
                        n % 10,
                        neighbourhood=nb,
                        author=professional,
                        organisation=welfare if n % 2 else None,
                        kind=Kind.CONTACT if n % 3 else Kind.GROUP,
                        how=HOWS[n % len(HOWS)] if n % 3 else "",
                        life_domain=DOMAINS[n % len(DOMAINS)],
                        people=1 + n % 4,
                        minutes=15 * (n % 5),
                    )
            counts.append(count_queries(client, url))
    assert counts[0] == counts[1]
