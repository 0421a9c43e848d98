"""The lists of feedback read a constant number of queries, whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from buurtplein.core.tests.factories import member
from buurtplein.feedback.tests.factories import AnswerFactory, ComplaintFactory

pytestmark = pytest.mark.django_db


def _queries(client, url):
    client.get(url)  # the first request of a session fills caches (navigation, glances)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _fill(nb, welfare, worker, n):
    with scopes_disabled():
        for i in range(n):
            ComplaintFactory(
                neighbourhood=nb,
                organisation=welfare,
                person=worker if i % 2 else None,
                owner=worker if i % 3 else None,
            )
            AnswerFactory(
                neighbourhood=nb, organisation=welfare, person=member(nb) if i % 2 else None
            )


def test_complaints_and_answers_pages_do_not_grow(client, nb, welfare, worker):
    client.force_login(worker)
    pages = (f"/b/{nb.slug}/feedback/complaints/", f"/b/{nb.slug}/feedback/answers/")
    _fill(nb, welfare, worker, 10)
    at_10 = [_queries(client, url) for url in pages]
    _fill(nb, welfare, worker, 90)
    assert [_queries(client, url) for url in pages] == at_10
