import pytest

from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member


@pytest.fixture
def nb(db):
    return NeighbourhoodFactory(name="Ooij", slug="ooij", pc4="6576")


@pytest.fixture
def other_nb(db):
    return NeighbourhoodFactory(name="Liendert", slug="liendert", pc4="3825")


@pytest.fixture
def anna(nb):
    """Starts the walking club: its first board member."""
    return member(nb, first_name="Anna", last_name="de Vries", email="anna@example.nl")


@pytest.fixture
def bram(nb):
    return member(nb, first_name="Bram", last_name="Jansen", email="bram@example.nl")


@pytest.fixture
def carla(nb):
    return member(nb, first_name="Carla", last_name="Smit", email="carla@example.nl")


@pytest.fixture
def connector(nb):
    return member(nb, role=Role.CONNECTOR, first_name="Karim", last_name="Amrani")
