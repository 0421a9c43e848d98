"""A person's data export and erasure: what stories hold about them, and the stories they
appear in leave every page and report when they are forgotten; the photo files of their
stories go with them (the photo kit)."""

import datetime as dt

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.core.components import get_component
from buurtplein.core.models import Membership
from buurtplein.core.permissions import Viewer
from buurtplein.core.photos import EXPORT_FILES, export_name
from buurtplein.core.tests.photos import (
    OWNER_GONE,
    assert_gone,
    assert_served,
    check_owner_deleted,
    files_of,
    upload,
)
from buurtplein.stories import actions, models
from buurtplein.stories.models import Consent, Story, StoryPhoto
from buurtplein.stories.selectors import report_stories
from buurtplein.stories.tests.factories import ConsentFactory, StoryFactory, TestimonialFactory

pytestmark = pytest.mark.django_db


def viewer_of(user, nb) -> Viewer:
    with scopes_disabled():
        membership = Membership.objects.get(user=user, neighbourhood=nb)
    return Viewer(user=user, neighbourhood=nb, membership=membership)


def story_with_photo(nb, author, **fields):
    with scope(neighbourhood=nb):
        return actions.story_create(
            viewer=viewer_of(author, nb),
            title="Zomerfeest",
            text="Een springkussen en veertig kinderen.",
            happened_on=timezone.localdate() - dt.timedelta(days=1),
            photos=[upload()],
            alt_text="Kinderen op een springkussen",
            **fields,
        )


def reported(nb) -> list[int]:
    start = (timezone.localdate() - dt.timedelta(days=40)).replace(day=1)
    end = (timezone.localdate() + dt.timedelta(days=32)).replace(day=1)
    return [s.pk for s in report_stories([nb.pk], None, start, end)]


def test_the_export_holds_the_stories_told_the_consents_and_the_recommendations(
    nb, resident, welfare
):
    story = story_with_photo(nb, resident)
    other = StoryFactory(neighbourhood=nb, title="Buurtfeest")
    ConsentFactory(story=other, person=resident, quote="Gezellig!")
    TestimonialFactory(neighbourhood=nb, organisation=welfare, person=resident, text="Aanrader")
    data = get_component("stories").export(resident)
    assert [s["title"] for s in data["stories_you_told"]] == [story.title]
    with scopes_disabled():
        photo = StoryPhoto.objects.get(story=story)
    assert data["stories_you_told"][0]["photos"] == [export_name(photo.large)]
    assert data[EXPORT_FILES] == [photo.large.name]
    assert [(c["story"], c["quote"]) for c in data["consents_about_you"]] == [
        ("Buurtfeest", "Gezellig!")
    ]
    assert [r["text"] for r in data["recommendations"]] == ["Aanrader"]


def test_forgetting_a_person_takes_every_story_they_appear_in_out_of_reports(
    nb, resident, welfare, django_capture_on_commit_callbacks
):
    told = story_with_photo(nb, resident)
    names = files_of(told)
    appears = StoryFactory(neighbourhood=nb, title="Buurtfeest")
    ConsentFactory(story=appears, person=resident, quote="Gezellig!")
    kept = StoryFactory(neighbourhood=nb, title="Zonder haar")
    TestimonialFactory(neighbourhood=nb, organisation=welfare, person=resident)
    assert set(reported(nb)) >= {appears.pk, kept.pk}

    with django_capture_on_commit_callbacks(execute=True):
        get_component("stories").erase(resident)
        resident.delete()
    assert_gone(names)
    assert reported(nb) == [kept.pk]
    with scopes_disabled():
        assert not Story.objects.filter(pk=told.pk).exists()
        assert not models.Testimonial.objects.exists()
        consent = Consent.objects.get(story=appears)
    assert consent.withdrawn_at is not None and consent.quote == "" and consent.person is None


def test_an_organisations_story_stays_with_it_when_its_author_is_forgotten(
    nb, welfare, worker, django_capture_on_commit_callbacks
):
    story = story_with_photo(nb, worker, organisation=welfare)
    names = files_of(story)
    with django_capture_on_commit_callbacks(execute=True):
        get_component("stories").erase(worker)
        worker.delete()
    assert_served(names)
    with scopes_disabled():
        assert Story.objects.get(pk=story.pk).author is None


def test_a_removed_photo_takes_its_files(nb, professional, django_capture_on_commit_callbacks):
    story = story_with_photo(nb, professional)
    names = files_of(story)
    with scopes_disabled():
        photo_ids = list(StoryPhoto.objects.filter(story=story).values_list("pk", flat=True))
    with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
        actions.story_edit(
            viewer=viewer_of(professional, nb),
            story=story,
            title=story.title,
            text=story.text,
            happened_on=story.happened_on,
            remove_photo_ids=photo_ids,
        )
    assert_gone(names)


@pytest.mark.parametrize("how", OWNER_GONE)
def test_a_deleted_story_takes_its_photo_files(
    how, nb, professional, django_capture_on_commit_callbacks
):
    check_owner_deleted(story_with_photo(nb, professional), how, django_capture_on_commit_callbacks)


def test_telling_stories_counts_as_a_listing(nb, professional, settings):
    from buurtplein.config import settings as configured
    from buurtplein.core import ratelimit

    # The rates as configured (the test settings switch them off for every other test).
    settings.BUURTPLEIN_RATE_LIMITS = configured.BUURTPLEIN_RATE_LIMITS
    n = next(rate.amount for rate in ratelimit.rates("listing") if rate.per == "user")
    viewer = viewer_of(professional, nb)
    day = timezone.localdate()
    with ratelimit.counting() as refusals, scope(neighbourhood=nb):
        for i in range(n):
            actions.story_create(viewer=viewer, title=f"Verhaal {i}", text="Tekst", happened_on=day)
        with pytest.raises(ratelimit.RateLimited):
            actions.story_create(
                viewer=viewer, title="Eentje te veel", text="Tekst", happened_on=day
            )
    assert len(refusals) == 1


def test_the_report_block_prints_the_story_with_its_photo_and_quote(nb, professional):
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    from buurtplein.core.components import get_component

    story = story_with_photo(nb, professional)
    ConsentFactory(story=story, name="Henk", quote="Nooit zo gelachen.")
    block = get_component("stories").report_blocks[0]
    scope_ = SimpleNamespace(
        neighbourhood_ids=[nb.pk], organisation_id=None, audience="municipality"
    )
    start = (timezone.localdate() - dt.timedelta(days=40)).replace(day=1)
    end = (timezone.localdate() + dt.timedelta(days=32)).replace(day=1)
    html = render_to_string(block.template, {"block": block.context(scope_, start, end)})
    assert "Zomerfeest" in html and "Nooit zo gelachen." in html and "Henk" in html
    assert 'alt="Kinderen op een springkussen"' in html
    other = SimpleNamespace(neighbourhood_ids=[nb.pk], organisation_id=0, audience="staff")
    assert (
        render_to_string(block.template, {"block": block.context(other, start, end)}).strip() == ""
    )
