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
    """Staff of the organisation (a resident by role)."""
    user = member(nb, first_name="Wendy", email="wendy@example.nl")
    welfare.staff.add(user)
    return user


@pytest.fixture
def professional(nb):
    return member(nb, role=Role.PROFESSIONAL, first_name="Pieter", email="pieter@example.nl")


@pytest.fixture
def resident(nb):
    return member(nb, first_name="Rosa", last_name="Jansen", email="rosa@example.nl")
