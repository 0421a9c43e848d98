"""Every list page runs the same number of queries for 10 rows as for 100."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.core.tests.factories import member
from buurtplein.volunteering.models import ResponseState, VacancyTopic, Visibility
from buurtplein.volunteering.tests.factories import (
    ResponseFactory,
    VacancyFactory,
    give_things,
    thing,
)

pytestmark = pytest.mark.django_db


def count_queries(client, path, params=None):
    client.get(path, params or {})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params or {})
    assert response.status_code == 200
    return len(queries)


def count_cold(client, path):
    client.get(path)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def make_vacancies(nb, organisation, n, **kwargs):
    """Vacancies with two chosen skills/interests each, so every part of a card shows."""
    made = []
    topics = [thing("computer-help"), thing("coffee"), thing("company")]
    for i in range(n):
        vacancy = VacancyFactory(
            neighbourhood=nb,
            organisation=organisation,
            time_kind="one_off" if i % 2 else "regular",
            **kwargs,
        )
        with scopes_disabled():
            VacancyTopic.objects.bulk_create(
                [
                    VacancyTopic(neighbourhood=nb, vacancy=vacancy, interest=topics[i % 3]),
                    VacancyTopic(neighbourhood=nb, vacancy=vacancy, interest=topics[(i + 1) % 3]),
                ]
            )
        made.append(vacancy)
    return made


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"topic": "__computer__", "time": "regular"},
        {"place": "home"},
        {"organisation": "__org__"},
    ],
)
def test_list_queries_do_not_grow(client, nb, els, welfare, settings, params):
    settings.BUURTPLEIN_FEED_PAGE_SIZE = 200
    params = {
        key: {"__computer__": thing("computer-help").pk, "__org__": welfare.pk}.get(value, value)
        for key, value in params.items()
    }
    client.force_login(els)  # with a skill: the suggestions are on the page too
    path = f"/b/{nb.slug}/volunteer/"
    make_vacancies(nb, welfare, 10)
    ten = count_queries(client, path, params)
    make_vacancies(nb, welfare, 90)
    assert count_queries(client, path, params) == ten
    assert ten <= 16


def test_suggestions_queries_do_not_grow(client, nb, welfare, settings):
    from buurtplein.core.models import Membership
    from buurtplein.core.permissions import Viewer
    from buurtplein.volunteering.selectors import suggested_vacancies

    person = member(nb)
    give_things(person, "computer-help", "coffee", "walking")
    with scope(neighbourhood=nb):
        viewer = Viewer(
            user=person, neighbourhood=nb, membership=Membership.objects.get(user=person)
        )

    def count():
        person._staff_org_ids = None  # a fresh request
        with scope(neighbourhood=nb), CaptureQueriesContext(connection) as queries:
            found = suggested_vacancies(viewer)
        assert len(found.vacancies) == 3
        return len(queries)

    make_vacancies(nb, welfare, 10)
    count()  # the curated vocabulary is read once, then cached
    ten = count()
    make_vacancies(nb, welfare, 90)
    assert count() == ten
    assert ten == 5  # profile, organisations, fitting topics, vacancies, their chosen topics


def test_anonymous_list_and_home_queries_do_not_grow(client, nb, welfare, settings):
    settings.BUURTPLEIN_FEED_PAGE_SIZE = 200
    make_vacancies(nb, welfare, 10, visibility=Visibility.PUBLIC)
    ten = count_queries(client, f"/b/{nb.slug}/volunteer/")
    home = count_cold(client, f"/b/{nb.slug}/")
    make_vacancies(nb, welfare, 90, visibility=Visibility.PUBLIC)
    assert count_queries(client, f"/b/{nb.slug}/volunteer/") == ten
    assert count_cold(client, f"/b/{nb.slug}/") == home


def test_the_home_block_costs_nothing_when_warm(client, nb, welfare):
    client.force_login(member(nb))
    make_vacancies(nb, welfare, 10)
    cold = count_cold(client, f"/b/{nb.slug}/")
    make_vacancies(nb, welfare, 90)
    assert count_cold(client, f"/b/{nb.slug}/") == cold
    warm = count_queries(client, f"/b/{nb.slug}/")
    assert warm <= cold - 2  # the block's two queries (vacancies, their topics) are cached


def responses_to(vacancy, n, **kwargs):
    nb = vacancy.neighbourhood
    return [ResponseFactory(vacancy=vacancy, person=member(nb), **kwargs) for _ in range(n)]


@pytest.mark.parametrize("page", ["", "responses/"])
def test_vacancy_page_and_its_responses_with_10_or_100_responses(client, nb, sanne, welfare, page):
    vacancy = make_vacancies(nb, welfare, 1, posted_by=sanne, contact=sanne)[0]
    client.force_login(sanne)
    path = f"/b/{nb.slug}/volunteer/{vacancy.pk}/{page}"
    accepted_at = timezone.now() - timedelta(days=40)
    responses_to(vacancy, 8)
    responses_to(vacancy, 2, state=ResponseState.ACCEPTED, accepted_at=accepted_at)
    ten = count_queries(client, path)
    responses_to(vacancy, 80)
    responses_to(vacancy, 10, state=ResponseState.DECLINED)
    assert count_queries(client, path) == ten


def test_my_responses_queries_do_not_grow(client, nb, els, welfare, settings):
    settings.BUURTPLEIN_FEED_PAGE_SIZE = 200
    client.force_login(els)
    accepted_at = timezone.now() - timedelta(days=40)

    def make(n):
        for i, vacancy in enumerate(make_vacancies(nb, welfare, n)):
            ResponseFactory(
                vacancy=vacancy,
                person=els,
                state=ResponseState.ACCEPTED if i % 3 == 0 else ResponseState.NEW,
                accepted_at=accepted_at if i % 3 == 0 else None,
            )

    make(10)
    ten = count_queries(client, f"/b/{nb.slug}/volunteer/mine/")
    make(90)
    assert count_queries(client, f"/b/{nb.slug}/volunteer/mine/") == ten


def test_our_vacancies_queries_do_not_grow(client, nb, sanne, welfare, settings):
    settings.BUURTPLEIN_FEED_PAGE_SIZE = 200
    client.force_login(sanne)
    accepted_at = timezone.now() - timedelta(days=40)

    def make(n):
        for vacancy in make_vacancies(nb, welfare, n, posted_by=sanne, contact=sanne):
            responses_to(vacancy, 1)
            responses_to(vacancy, 1, state=ResponseState.ACCEPTED, accepted_at=accepted_at)

    make(10)
    ten = count_queries(client, f"/b/{nb.slug}/volunteer/ours/")
    make(90)
    assert count_queries(client, f"/b/{nb.slug}/volunteer/ours/") == ten
