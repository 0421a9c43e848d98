"""Factories of stories (give ``neighbourhood``; a consent also ``story`` or
``testimonial``)."""

import datetime as dt

import factory
from django.utils import timezone

from buurtplein.stories.models import Consent, ConsentHow, State, Story, Testimonial


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story

    title = factory.Sequence(lambda n: f"Het buurtfeest {n}")
    text = "Met z'n allen soep gekookt in het buurthuis; dertig buren aan tafel."
    happened_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=10))
    state = State.APPROVED


class TestimonialFactory(factory.django.DjangoModelFactory):
    __test__ = False  # not a test class (its name starts with "Test")

    class Meta:
        model = Testimonial

    name = "Anna de Boer"
    text = "Ze hielpen me snel en vriendelijk met mijn formulieren."
    approved_at = factory.LazyFunction(timezone.now)


class ConsentFactory(factory.django.DjangoModelFactory):
    """A given consent on paper, for every use, for a year."""

    class Meta:
        model = Consent

    neighbourhood = factory.LazyAttribute(lambda o: (o.story or o.testimonial).neighbourhood)
    story = None
    testimonial = None
    name = factory.Sequence(lambda n: f"Buurman {n}")
    for_report = True
    for_website = True
    for_social = False
    until = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=365))
    how = ConsentHow.PAPER
    given_at = factory.LazyFunction(timezone.now)
