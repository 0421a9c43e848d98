import pytest

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member


@pytest.fixture
def nb(db):
    return NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")


@pytest.fixture
def other_nb(db):
    return NeighbourhoodFactory(name="Liendert", slug="liendert", pc4="3825")


@pytest.fixture
def ria(nb):
    """A resident of 72 who likes to move."""
    return member(nb, first_name="Ria", last_name="Jansen", email="ria@example.nl")


@pytest.fixture
def bram(nb):
    return member(nb, first_name="Bram", last_name="de Vries", email="bram@example.nl")


@pytest.fixture
def organiser(nb):
    return member(nb, first_name="Sanne", last_name="de Groot", email="sanne@example.nl")


@pytest.fixture
def connector(nb):
    return member(nb, role=Role.CONNECTOR, first_name="Karim", last_name="Amrani")


@pytest.fixture
def welfare(nb, organiser):
    organisation = OrganisationFactory(
        name="Sterker Welzijn", slug="sterker-welzijn", kind="welfare"
    )
    organisation.neighbourhoods.add(nb)
    organisation.staff.add(organiser)
    return organisation
