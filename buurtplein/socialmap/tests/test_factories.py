"""The factories make rows other apps' tests can use: a service found by its words, with a
place, hours and a person."""

from django_scopes import scope

from buurtplein.socialmap.models import Service
from buurtplein.socialmap.tests.factories import (
    HoursFactory,
    LocationFactory,
    ProfessionalFactory,
    ServiceFactory,
)


def test_a_service_with_its_place_hours_and_person(db):
    service = ServiceFactory(name="Thuisadministratie")
    nb = service.neighbourhood
    location = LocationFactory(service=service)
    HoursFactory(service=service, location=location)
    card = ProfessionalFactory(neighbourhood=nb, organisation=service.organisation)
    ServiceFactory(neighbourhood=nb, organisation=service.organisation, people=[card.user])
    with scope(neighbourhood=nb):
        found = Service.objects.get(pk=service.pk)
        assert "thuisadministratie" in found.search_text
        assert found.locations.get().hours.count() == 1
        assert Service.objects.filter(service_people__user=card.user).count() == 1
