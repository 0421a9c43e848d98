"""The world of the desk part's tests (help page, e-mail questions): a neighbourhood in a
region whose desk is open on weekdays 09:00–17:00, a welfare organisation taking part in it,
a neighbourhood of another region without a desk. Import the fixtures by name."""

import datetime as dt

import pytest

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import Region
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.onlinehulp import actions
from buurtplein.onlinehulp.models import ConsultationHour, Desk, DeskOrganisation


def make_desk(*neighbourhoods, name="Chat met de wijk", hours=((0, 5), (9, 17)), **fields):
    """A desk for a new region of ``neighbourhoods``, open on weekdays ``hours[0]`` (Monday 0
    to Friday 4) from ``hours[1][0]`` to ``hours[1][1]`` o'clock."""
    region = Region.objects.create(name=f"Regio {name}", slug=f"regio-{Desk.objects.count()}")
    region.neighbourhoods.add(*neighbourhoods)
    desk = Desk.objects.create(
        name=name,
        slug=f"desk-{Desk.objects.count()}",
        region=region,
        intro="Hulpverleners van drie organisaties lezen je vraag.",
        **fields,
    )
    (first, last), (opens, closes) = hours
    for weekday in range(first, last):
        ConsultationHour.objects.create(
            desk=desk, weekday=weekday, starts=dt.time(opens), ends=dt.time(closes)
        )
    return desk


def ask(desk, neighbourhood, text="Mijn ouders maken elke avond ruzie. Wat kan ik doen?", **kw):
    """A question asked through the action: (question, token, code)."""
    return actions.question_ask(desk=desk, neighbourhood=neighbourhood, text=text, **kw)


@pytest.fixture
def nb(db):
    return NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")


@pytest.fixture
def elsewhere(db):
    return NeighbourhoodFactory(name="Lent", slug="lent", pc4="6663")


@pytest.fixture
def welfare(nb):
    organisation = OrganisationFactory(name="Sterker Welzijn", slug="sterker", kind="welfare")
    organisation.neighbourhoods.add(nb)
    return organisation


@pytest.fixture
def desk(nb, welfare):
    desk = make_desk(nb)
    DeskOrganisation.objects.create(desk=desk, organisation=welfare)
    return desk


@pytest.fixture
def worker(nb, welfare):
    user = member(nb, first_name="Wendy", email="wendy@example.nl")
    welfare.staff.add(user)
    return user
