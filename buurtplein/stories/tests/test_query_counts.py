"""The lists of stories, an organisation's recommendations and a report's stories read a
constant number of queries, whatever the number of rows (10 or 100)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.core.models import Membership
from buurtplein.core.permissions import Viewer
from buurtplein.core.tests.factories import member
from buurtplein.core.urls import nb_reverse
from buurtplein.stories.models import StoryPhoto
from buurtplein.stories.selectors import organisation_block, report_stories
from buurtplein.stories.tests.factories import ConsentFactory, StoryFactory, TestimonialFactory

pytestmark = pytest.mark.django_db

EXPECTED = {"published": 15, "mine": 10, "organisation": 4, "report": 3}


def make(nb, welfare, n):
    day = timezone.localdate() - dt.timedelta(days=5)
    with scopes_disabled():
        for i in range(n):
            story = StoryFactory(neighbourhood=nb, author=member(nb), happened_on=day)
            ConsentFactory(story=story, quote=f"Mooi {i}")
            StoryPhoto.objects.create(
                neighbourhood=nb,
                story=story,
                large="x.jpg",
                medium="x.jpg",
                thumb="x.jpg",
                width=8,
                height=6,
            )
            testimonial = TestimonialFactory(neighbourhood=nb, organisation=welfare)
            ConsentFactory(testimonial=testimonial)


def in_scope(nb, call, *args):
    with scope(neighbourhood=nb):
        return call(*args)


def count(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


@pytest.mark.parametrize("n", [10, 100])
def test_pages_and_the_report_read_a_constant_number_of_queries(
    n, client, nb, welfare, professional
):
    make(nb, welfare, n)
    client.force_login(professional)
    with scopes_disabled():
        welfare.staff.add(professional)
        staff = Viewer(
            user=professional,
            neighbourhood=nb,
            membership=Membership.objects.get(user=professional, neighbourhood=nb),
        )
    day = timezone.localdate()
    start = (day - dt.timedelta(days=40)).replace(day=1)
    end = (day + dt.timedelta(days=32)).replace(day=1)
    found = {
        "published": count(lambda: client.get(nb_reverse("stories:list", nb))),
        "mine": count(lambda: client.get(nb_reverse("stories:list", nb) + "?show=mine")),
        "organisation": count(lambda: in_scope(nb, organisation_block, welfare, nb, staff)),
        "report": count(lambda: report_stories([nb.pk], None, start, end)),
    }
    assert found == EXPECTED, found
