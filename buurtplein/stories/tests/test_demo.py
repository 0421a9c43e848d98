"""The demo's stories and ambassadors (seeded once per module: ``seeded_demo``)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from buurtplein.core.models import Neighbourhood
from buurtplein.stories import models, selectors
from buurtplein.stories.models import Story, Use

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(seeded_demo):
    return seeded_demo


def test_the_demo_neighbourhoods_tell_stories_with_consent_and_have_ambassadors(demo):
    today = timezone.localdate()
    start = today.replace(year=today.year - 1, day=1)
    end = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    with scopes_disabled():
        seeded = [
            nb
            for nb in Neighbourhood.objects.all()
            if Story.objects.filter(neighbourhood=nb).exists()
        ]
        assert seeded
        for nb in seeded:
            stories = Story.objects.filter(neighbourhood=nb)
            published = set(selectors.shown_for(stories, Use.WEBSITE).values_list("pk", flat=True))
            assert published
            # One story only for reports: in the report, not on the pages.
            reported = {s.pk for s in selectors.report_stories([nb.pk], None, start, end)}
            assert reported - published
            # A resident's story waits for review.
            assert stories.filter(state="review").exists()
        assert selectors.testimonials_shown(models.Testimonial.objects.all()).exists()
