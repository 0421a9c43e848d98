import datetime as dt

import factory
from django.utils import timezone

from buurtplein.core.tests.factories import NeighbourhoodFactory
from buurtplein.logbook.models import Entry, How, Kind


class EntryFactory(factory.django.DjangoModelFactory):
    """A contact moment by phone today (give ``author`` and ``neighbourhood``)."""

    class Meta:
        model = Entry

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    day = factory.LazyFunction(timezone.localdate)
    kind = Kind.CONTACT
    how = How.PHONE
    life_domain = "money"
    people = 1
    minutes = 0

    @classmethod
    def ago(cls, days: int, **kwargs):
        return cls(day=timezone.localdate() - dt.timedelta(days=days), **kwargs)
