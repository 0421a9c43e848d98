"""Factories of referrals (and, until socialmap's own are merged, a minimal service)."""

import datetime as dt

import factory
from django.utils import timezone

from buurtplein.referrals.models import ConsentHow, Referral, ReferralLink, Route
from buurtplein.socialmap.models import Service


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    name = factory.Sequence(lambda n: f"Schuldhulp {n}")
    summary = "Hulp bij geldzorgen en schulden."


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
