"""Factories of referrals (services come from the sociale kaart's factories)."""

import datetime as dt

import factory
from django.utils import timezone

from buurtplein.referrals.models import ConsentHow, Referral, ReferralLink, Route
from buurtplein.socialmap.tests.factories import ServiceFactory  # noqa: F401  (for the tests here)


class ReferralFactory(factory.django.DjangoModelFactory):
    """Give ``neighbourhood`` and ``service``; the organisation is the service's."""

    class Meta:
        model = Referral

    organisation = factory.LazyAttribute(lambda o: o.service.organisation)
    route = Route.PROFESSIONAL
    person_name = factory.Sequence(lambda n: f"Bewoner {n}")
    person_phone = "06 1234 5678"
    question = "Heeft moeite met de huur en wil graag hulp."
    consent_how = ConsentHow.IN_PERSON
    consent_until = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=90))


class ReferralLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReferralLink

    label = "Huisartsenpraktijk De Linde"
