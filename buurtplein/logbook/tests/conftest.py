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
def professional(nb, welfare):
    """A professional of the welfare organisation."""
    user = member(nb, role=Role.PROFESSIONAL, first_name="Pieter", email="pieter@example.nl")
    welfare.staff.add(user)
    return user


@pytest.fixture
def colleague(nb, welfare):
    user = member(nb, role=Role.PROFESSIONAL, first_name="Cora", email="cora@example.nl")
    welfare.staff.add(user)
    return user
