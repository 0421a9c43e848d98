import pytest

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.volunteering.tests.factories import give_things


@pytest.fixture
def nb(db):
    return NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")


@pytest.fixture
def other_nb(db):
    return NeighbourhoodFactory(name="Liendert", slug="liendert", pc4="3825")


@pytest.fixture
def welfare(nb):
    organisation = OrganisationFactory(
        name="Sterker Welzijn", slug="sterker-welzijn", kind="welfare"
    )
    organisation.neighbourhoods.add(nb)
    return organisation


@pytest.fixture
def repair_cafe(nb):
    organisation = OrganisationFactory(
        name="Repair Café Oost", slug="repair-cafe-oost", kind="initiative"
    )
    organisation.neighbourhoods.add(nb)
    return organisation


@pytest.fixture
def sanne(nb, welfare):
    """Professional at Sterker Welzijn: posts vacancies and is their contact person."""
    user = member(nb, role=Role.PROFESSIONAL, first_name="Sanne", last_name="de Groot")
    welfare.staff.add(user)
    return user


@pytest.fixture
def jeroen(nb, welfare):
    """Sanne's colleague at Sterker Welzijn."""
    user = member(nb, first_name="Jeroen", last_name="Peters")
    welfare.staff.add(user)
    return user


@pytest.fixture
def els(nb):
    """A resident who can help with computers."""
    user = member(nb, first_name="Els", last_name="Bakker")
    give_things(user, "computer-help")
    return user


@pytest.fixture
def bram(nb):
    """A resident without skills or interests on his profile."""
    return member(nb, first_name="Bram", last_name="Jansen")


@pytest.fixture
def connector(nb):
    return member(nb, role=Role.CONNECTOR, first_name="Karim", last_name="Amrani")
