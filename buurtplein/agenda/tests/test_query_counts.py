"""Every list page, feed and block of the agenda runs the same number of queries for 10
activities (or sign-ups) as for 100."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.agenda import actions
from buurtplein.agenda.models import RsvpStatus
from buurtplein.agenda.tests.factories import ActivityFactory, dates_of, next_weekday, sign_up
from buurtplein.core.tests.factories import member

pytestmark = pytest.mark.django_db

# Weekly, four times: a series (several dates per activity) without a year of dates to make.
WEEKLY = "FREQ=WEEKLY;BYDAY=TU;WKST=MO;COUNT=4"


def count_queries(client, path, params=None):
    """Queries of one request, after a first one warmed the caches."""
    client.get(path, params or {})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params or {})
    assert response.status_code == 200, path
    return len(queries)


def count_cold(client, path, params=None):
    """Queries of one request with every cache empty (the home block is read, not cached)."""
    client.get(path, params or {})
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params or {})
    assert response.status_code == 200
    return len(queries)


def make(nb, n, **kwargs):
    """``n`` activities of different organisers (some for an organisation), with every part
    of a card showing: places left, full, cancelled, moved, signed up."""
    made = []
    for i in range(n):
        activity = ActivityFactory(
            neighbourhood=nb,
            organiser=member(nb),
            capacity=[None, 10, 1][i % 3],
            target_groups=3,
            cost=None if i % 2 else 2,
            wheelchair_accessible=bool(i % 2),
            **kwargs,
        )
        made.append(activity)
    return made


def decorate(nb, activities, viewer):
    """The first activities get a sign-up by the viewer, a full date, a cancelled date."""
    with scope(neighbourhood=nb):
        first = dates_of(activities[0])[0]
        actions.rsvp_set(occurrence=first, person=viewer, party_size=2)
        full = dates_of(activities[2])[0]
        sign_up(full, member(nb))
        sign_up(full, viewer, status=RsvpStatus.WAITING)
        actions.occurrence_cancel(
            actor=activities[1].organiser, occurrence=dates_of(activities[1])[0]
        )


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("", {}),
        ("", {"group": "seniors", "day": "2", "free": "1"}),
        ("month/", {}),
        ("month/", {"group": ["seniors", "everyone"]}),
    ],
)
def test_week_and_month_queries_do_not_grow(client, nb, ria, welfare, path, params):
    client.force_login(ria)
    tuesday = next_weekday(2)
    params = {**params, "week": tuesday.strftime("%G-W%V"), "month": f"{tuesday:%Y-%m}"}
    activities = make(nb, 10, start_date=tuesday)
    decorate(nb, activities, ria)
    ten = count_queries(client, f"/b/{nb.slug}/agenda/{path}", params)
    make(nb, 90, start_date=tuesday, organisation=welfare)
    assert count_queries(client, f"/b/{nb.slug}/agenda/{path}", params) == ten
    assert ten <= 12


@pytest.mark.parametrize("path", ["", "month/"])
def test_anonymous_week_and_month_queries_do_not_grow(client, nb, path):
    tuesday = next_weekday(2)
    make(nb, 10, start_date=tuesday, visibility="public")
    params = {"week": tuesday.strftime("%G-W%V"), "month": f"{tuesday:%Y-%m}"}
    # Cold: a visitor's month grid is cached (see test_calendar), so count it read.
    ten = count_cold(client, f"/b/{nb.slug}/agenda/{path}", params)
    make(nb, 90, start_date=tuesday, visibility="public")
    assert count_cold(client, f"/b/{nb.slug}/agenda/{path}", params) == ten


def test_home_block_queries_do_not_grow(client, nb, ria):
    client.force_login(ria)
    tomorrow = timezone.localdate() + timedelta(days=1)
    decorate(nb, make(nb, 10, start_date=tomorrow), ria)
    cold = count_cold(client, f"/b/{nb.slug}/")
    warm = count_queries(client, f"/b/{nb.slug}/")
    make(nb, 90, start_date=tomorrow)
    assert count_cold(client, f"/b/{nb.slug}/") == cold
    # What the block costs: one query when the cache is cold, none when warm.
    nb.components = [label for label in nb.components if label != "agenda"]
    nb.save(update_fields=["components"])
    assert count_cold(client, f"/b/{nb.slug}/") == cold - 1
    assert count_queries(client, f"/b/{nb.slug}/") == warm


def test_activity_page_queries_do_not_grow_with_sign_ups(client, nb, ria, organiser, welfare):
    activity = ActivityFactory(
        neighbourhood=nb, organiser=organiser, organisation=welfare, rrule=WEEKLY, capacity=500
    )
    dates = dates_of(activity)
    path = f"/b/{nb.slug}/agenda/{activity.pk}/"

    def fill(n):
        for i in range(n):
            sign_up(dates[i % 4], member(nb), party_size=1 + i % 3)

    fill(10)
    sign_up(dates[1], ria)
    for viewer in (ria, organiser):
        client.force_login(viewer)
        ten = count_queries(client, path)
        fill(90)
        assert count_queries(client, path) == ten
        assert count_queries(client, path, {"dates": "all"}) == ten


def test_my_activities_queries_do_not_grow(client, nb, ria, welfare):
    welfare.staff.add(ria)
    client.force_login(ria)
    with scopes_disabled():
        actions.feed_token_for(user=ria, neighbourhood=nb)

    def fill(n):
        for activity in make(nb, n, rrule=WEEKLY):
            sign_up(dates_of(activity)[0], ria)
        make(nb, n // 10, organisation=welfare)
        ActivityFactory.create_batch(n // 10, neighbourhood=nb, organiser=ria)

    fill(10)
    ten = count_queries(client, f"/b/{nb.slug}/agenda/mine/")
    fill(90)
    assert count_queries(client, f"/b/{nb.slug}/agenda/mine/") == ten


@pytest.mark.parametrize("page", ["people/", "print/", "people.csv"])
def test_attendee_list_queries_do_not_grow(client, nb, organiser, page):
    activity = ActivityFactory(neighbourhood=nb, organiser=organiser, capacity=60)
    first = dates_of(activity)[0]
    client.force_login(organiser)

    def fill(n):
        for _ in range(n):
            sign_up(first, member(nb), status=RsvpStatus.GOING if n < 50 else RsvpStatus.WAITING)

    fill(10)
    path = f"/b/{nb.slug}/agenda/dates/{first.pk}/{page}"
    ten = count_queries(client, path)
    fill(90)
    assert count_queries(client, path) == ten


@pytest.mark.parametrize("feed", ["neighbourhood", "organisation", "mine"])
def test_feed_queries_do_not_grow(client, nb, ria, welfare, feed):
    with scopes_disabled():
        token = actions.feed_token_for(user=ria, neighbourhood=nb).token
    path = {
        "neighbourhood": f"/b/{nb.slug}/agenda/calendar.ics",
        "organisation": f"/b/{nb.slug}/agenda/organisations/{welfare.slug}/calendar.ics",
        "mine": f"/b/{nb.slug}/agenda/my/{token}/calendar.ics",
    }[feed]

    def fill(n):
        activities = make(nb, n, rrule=WEEKLY, visibility="public", organisation=welfare)
        with scope(neighbourhood=nb):
            for activity in activities[:3]:
                first, second = dates_of(activity)[:2]
                actions.occurrence_cancel(actor=activity.organiser, occurrence=first)
                actions.occurrence_move(
                    actor=activity.organiser,
                    occurrence=second,
                    day=timezone.localtime(second.starts_at).date() + timedelta(days=1),
                    start_time=second.activity.start_time,
                    end_time=second.activity.end_time,
                )
        for activity in activities:
            sign_up(dates_of(activity)[2], ria)
        ActivityFactory.create_batch(n // 10, neighbourhood=nb, organiser=ria)

    fill(10)
    ten = count_queries(client, path)
    fill(90)
    assert count_queries(client, path) == ten


def test_upcoming_for_an_organisation_costs_two_queries(
    nb, ria, welfare, django_assert_num_queries
):
    from buurtplein.agenda.selectors import upcoming_for_organisation
    from buurtplein.core.permissions import Viewer

    def look():
        with scope(neighbourhood=nb):
            viewer = Viewer(user=ria, neighbourhood=nb, membership=ria.memberships.get())
            with django_assert_num_queries(2):
                return upcoming_for_organisation(viewer, welfare, limit=5)

    for activity in make(nb, 10, organisation=welfare, rrule=WEEKLY):
        sign_up(dates_of(activity)[0], ria)
    assert len(look()) == 5
    make(nb, 90, organisation=welfare, rrule=WEEKLY)
    assert len(look()) == 5
