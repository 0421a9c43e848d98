import pytest

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member


@pytest.fixture
def nb(db):
    return NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")


@pytest.fixture
def welfare(nb):
    organisation = OrganisationFactory(name="Sterker Welzijn", slug="sterker", kind="welfare")
    organisation.neighbourhoods.add(nb)
    return organisation


@pytest.fixture
def worker(nb, welfare):
    """Staff of the organisation: owns its complaints."""
    user = member(nb, first_name="Wendy", email="wendy@example.nl")
    welfare.staff.add(user)
    return user


@pytest.fixture
def admin(nb):
    return member(nb, role=Role.ADMIN, first_name="Ahmed", email="ahmed@example.nl")


@pytest.fixture
def ria(nb):
    return member(nb, first_name="Ria", email="ria@example.nl")
