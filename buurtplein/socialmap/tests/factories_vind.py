"""Factories for the sociale kaart: a copy of the kaart part's ``tests/factories.py`` (same API),
used by the finding and freshness tests until that is merged.

Rows are made without a scope (``scopes_disabled``), like the other apps' factories. A service's
``search_text`` is filled by ``finding.index_service`` as the actions do, so a service made here
is found by its words.
"""

from datetime import time

import factory
from django.utils import timezone
from django_scopes import scopes_disabled

from buurtplein.socialmap.models import (
    Hours,
    LifeDomain,
    Location,
    Professional,
    Service,
    ServiceFeedback,
    ServicePerson,
    State,
    TargetGroup,
)


class ScopeFreeFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


class ServiceFactory(ScopeFreeFactory):
    """An active debt-help service of a (new) welfare organisation, free, in Dutch, checked
    now. Pass ``organisation=`` (with its staff) for realistic rows, and ``people=[user, …]``
    to add professionals who give it."""

    class Meta:
        model = Service
        skip_postgeneration_save = True

    neighbourhood = factory.SubFactory("buurtplein.core.tests.factories.NeighbourhoodFactory")
    organisation = factory.SubFactory("buurtplein.accounts.tests.factories.OrganisationFactory")
    name = factory.Sequence(lambda n: f"Schuldhulp {n}")
    summary = "Samen je post openen, een plan maken en je schulden regelen."
    description = "Een vrijwilliger helpt je met je administratie en gaat mee naar instanties."
    life_domains = factory.LazyFunction(lambda: [LifeDomain.MONEY.value])
    target_groups = factory.LazyFunction(lambda: [TargetGroup.ADULTS.value])
    languages = factory.LazyFunction(lambda: ["nl"])
    is_free = True
    phone = "024 123 45 67"
    email = "schuldhulp@example.nl"
    state = State.ACTIVE
    last_checked_at = factory.LazyFunction(timezone.now)
    created_at = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from buurtplein.socialmap import finding

        with scopes_disabled():
            service = model_class(*args, **kwargs)
            finding.index_service(service)
            service.save()
            return service

    @factory.post_generation
    def people(self, create, extracted, **kwargs):
        if create and extracted:
            for user in extracted:
                ServicePersonFactory(service=self, user=user)


class ServicePersonFactory(ScopeFreeFactory):
    class Meta:
        model = ServicePerson

    service = factory.SubFactory(ServiceFactory)
    neighbourhood = factory.LazyAttribute(lambda o: o.service.neighbourhood)
    user = factory.SubFactory("buurtplein.accounts.tests.factories.UserFactory")


class LocationFactory(ScopeFreeFactory):
    """A place without coordinates unless given (the actions fill them from the postcode)."""

    class Meta:
        model = Location

    service = factory.SubFactory(ServiceFactory)
    neighbourhood = factory.LazyAttribute(lambda o: o.service.neighbourhood)
    name = "Buurthuis De Klinker"
    address = factory.Sequence(lambda n: f"Javastraat {n + 1}")
    postcode = ""
    city = "Nijmegen"
    wheelchair = True
    hearing_loop = False


class HoursFactory(ScopeFreeFactory):
    """Walk-in hours on Tuesday from 9:00 to 12:00 (at the service's first location when
    ``location=`` is given)."""

    class Meta:
        model = Hours

    service = factory.SubFactory(ServiceFactory)
    neighbourhood = factory.LazyAttribute(lambda o: o.service.neighbourhood)
    location = None
    kind = Hours.Kind.WALK_IN
    weekday = Hours.Weekday.TUESDAY
    opens_at = time(9, 0)
    closes_at = time(12, 0)


class ProfessionalFactory(ScopeFreeFactory):
    """A professional's card in a neighbourhood (the person is not made a member: use
    ``core.tests.factories.member(nb, Role.PROFESSIONAL)`` and pass ``user=``)."""

    class Meta:
        model = Professional

    neighbourhood = factory.SubFactory("buurtplein.core.tests.factories.NeighbourhoodFactory")
    user = factory.SubFactory("buurtplein.accounts.tests.factories.UserFactory")
    organisation = factory.SubFactory("buurtplein.accounts.tests.factories.OrganisationFactory")
    job_title = "Maatschappelijk werker"
    working_area = "Oost en het centrum"
    reachable = "Maandag tot en met donderdag van 9:00 tot 17:00"
    phone = "06 12 34 56 78"
    updated_at = factory.LazyFunction(timezone.now)


class ServiceFeedbackFactory(ScopeFreeFactory):
    """A "dit klopt niet meer" from a (new) person, not yet handled."""

    class Meta:
        model = ServiceFeedback

    service = factory.SubFactory(ServiceFactory)
    neighbourhood = factory.LazyAttribute(lambda o: o.service.neighbourhood)
    text = "Het telefoonnummer werkt niet meer."
    author = factory.SubFactory("buurtplein.accounts.tests.factories.UserFactory")
    created_at = factory.LazyFunction(timezone.now)


def staff_of(organisation, *users, neighbourhood=None):
    """Make ``users`` staff of ``organisation`` (and the organisation active in
    ``neighbourhood`` when given)."""
    organisation.staff.add(*users)
    if neighbourhood is not None:
        organisation.neighbourhoods.add(neighbourhood)
    return organisation
