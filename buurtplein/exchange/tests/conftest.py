import pytest
from django_scopes import scopes_disabled

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import Membership, Postcode, Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member


@pytest.fixture
def nb(db):
    neighbourhood = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    # Two streets (PC6) about 800 m apart, and the PC4 centre.
    Postcode.objects.filter(pc4="6522", pc6="").update(latitude=51.8405, longitude=5.8794)
    Postcode.objects.create(
        neighbourhood=neighbourhood, pc4="6522", pc6="6522AA", latitude=51.8405, longitude=5.8794
    )
    Postcode.objects.create(
        neighbourhood=neighbourhood, pc4="6522", pc6="6522BB", latitude=51.8405, longitude=5.8910
    )
    Postcode.objects.create(
        neighbourhood=neighbourhood, pc4="6522", pc6="6522CC", latitude=51.8600, longitude=5.8794
    )
    return neighbourhood


@pytest.fixture
def other_nb(db):
    return NeighbourhoodFactory(name="Liendert", slug="liendert", pc4="3825")


def resident_at(nb, postcode, **kwargs):
    user = member(nb, **kwargs)
    with scopes_disabled():
        Membership.objects.filter(user=user, neighbourhood=nb).update(postcode=postcode)
    return user


@pytest.fixture
def anna(nb):
    """Resident A: lives in 6522AA."""
    return resident_at(nb, "6522AA", first_name="Anna", last_name="de Vries")


@pytest.fixture
def bram(nb):
    """Resident B: lives in 6522BB, about 800 m east of Anna."""
    return resident_at(nb, "6522BB", first_name="Bram", last_name="Jansen")


@pytest.fixture
def connector(nb):
    return member(nb, role=Role.CONNECTOR, first_name="Karim", last_name="Amrani")


@pytest.fixture
def business(nb):
    organisation = OrganisationFactory(
        name="Fietsenmaker Jansen", slug="fietsenmaker-jansen", kind="business"
    )
    organisation.neighbourhoods.add(nb)
    return organisation


@pytest.fixture
def welfare(nb):
    organisation = OrganisationFactory(
        name="Sterker Welzijn", slug="sterker-welzijn", kind="welfare"
    )
    organisation.neighbourhoods.add(nb)
    return organisation


@pytest.fixture
def initiative(nb):
    organisation = OrganisationFactory(
        name="Repair Café Oost", slug="repair-cafe-oost", kind="initiative"
    )
    organisation.neighbourhoods.add(nb)
    return organisation
