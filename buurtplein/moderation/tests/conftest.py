import pytest

from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.square.tests.factories import PostFactory


@pytest.fixture
def nb(db):
    return NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")


@pytest.fixture
def author(nb):
    return member(nb, first_name="Bram", last_name="Smit")


@pytest.fixture
def reporter(nb):
    return member(nb, first_name="Anna", last_name="de Vries")


@pytest.fixture
def reader(nb):
    return member(nb, first_name="Cor", last_name="Jansen")


@pytest.fixture
def connector(nb):
    return member(nb, role=Role.CONNECTOR, first_name="Karim", last_name="Amrani")


@pytest.fixture
def admin(nb):
    return member(nb, role=Role.ADMIN, first_name="Ineke", last_name="Bos")


@pytest.fixture
def post(nb, author):
    return PostFactory(neighbourhood=nb, author=author, text="Die nieuwe buren zijn echt tuig.")
