"""Factories for the agenda; importable by other apps' tests (a club's page, say).

``ActivityFactory`` makes an activity *and* its dates (through the same materialisation the
actions use), so pages and feeds see what they would see in real life."""

from datetime import time, timedelta

import factory
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.agenda.models import Activity, Occurrence, Rsvp, RsvpStatus, Visibility
from buurtplein.core.text import render_markdown


def next_weekday(isoweekday: int, *, weeks: int = 0):
    """The coming date (after today) on this ISO weekday, plus ``weeks``."""
    today = timezone.localdate()
    ahead = (isoweekday - today.isoweekday()) % 7 or 7
    return today + timedelta(days=ahead + 7 * weeks)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    neighbourhood = factory.SubFactory("buurtplein.core.tests.factories.NeighbourhoodFactory")
    organiser = factory.SubFactory("buurtplein.accounts.tests.factories.UserFactory")
    title = factory.Sequence(lambda n: f"Koffie-ochtend {n}")
    description = "Gezellig koffie drinken met de buren."
    description_html = factory.LazyAttribute(lambda o: render_markdown(o.description))
    place_name = "Buurthuis De Lindenberg"
    address = "Ubbergseveldweg 1"
    start_date = factory.LazyFunction(lambda: next_weekday(2))
    start_time = time(10, 0)
    end_time = time(11, 30)
    rrule = ""
    visibility = Visibility.MEMBERS

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from buurtplein.agenda.actions import _materialise, index_for_search

        with scopes_disabled():
            activity = super()._create(model_class, *args, **kwargs)
        with scope(neighbourhood=activity.neighbourhood):
            _materialise(activity, now=timezone.now())
            index_for_search(activity)  # as activity_create does
        return activity


def dates_of(activity) -> list[Occurrence]:
    with scopes_disabled():
        return list(Occurrence.objects.filter(activity=activity).order_by("starts_at"))


def sign_up(occurrence, person, party_size=1, status=RsvpStatus.GOING) -> Rsvp:
    """A sign-up written directly (set-up only; tests of signing up use the action)."""
    with scopes_disabled():
        rsvp = Rsvp.objects.create(
            neighbourhood_id=occurrence.neighbourhood_id,
            occurrence=occurrence,
            activity_id=occurrence.activity_id,
            person=person,
            party_size=party_size,
            status=status,
        )
        from buurtplein.agenda.actions import recount

        recount(occurrence)
    return rsvp
