"""Minimal factories for the open-data tests (until the sociale kaart's own factories exist)."""

from datetime import time

import factory

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.tests.factories import NeighbourhoodFactory
from buurtplein.socialmap.models import Hours, LifeDomain, Location, Service, TargetGroup


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Geldzaken op orde {n}")
    summary = "Hulp als je geldzorgen of schulden hebt."
    description = "We kijken samen naar je post en maken een plan.\n\nGratis en vertrouwelijk."
    life_domains = factory.LazyFunction(lambda: [LifeDomain.MONEY.value])
    target_groups = factory.LazyFunction(lambda: [TargetGroup.ADULTS.value])
    languages = factory.LazyFunction(lambda: ["nl", "ar"])
    phone = "024 123 45 67"
    email = "geldzaken@example.org"
    website = "https://example.org/geldzaken"


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    service = factory.SubFactory(ServiceFactory)
    neighbourhood = factory.SelfAttribute("service.neighbourhood")
    name = "Buurthuis De Ster"
    address = "Javastraat 12"
    postcode = "6524 AB"
    city = "Nijmegen"
    latitude = 51.845
    longitude = 5.872
    wheelchair = True


class HoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hours

    service = factory.SubFactory(ServiceFactory)
    neighbourhood = factory.SelfAttribute("service.neighbourhood")
    kind = Hours.Kind.WALK_IN
    weekday = Hours.Weekday.TUESDAY
    opens_at = time(9, 0)
    closes_at = time(12, 0)
