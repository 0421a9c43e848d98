import pytest
from django_scopes import scope

from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.infopages import actions


@pytest.fixture
def nb(db):
    return NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")


@pytest.fixture
def other_nb(db):
    return NeighbourhoodFactory(name="Liendert", slug="liendert", pc4="3825")


@pytest.fixture
def resident(nb):
    return member(nb, first_name="Els", last_name="Bakker")


@pytest.fixture
def connector(nb):
    return member(nb, role=Role.CONNECTOR, first_name="Karim", last_name="El Amrani")


@pytest.fixture
def professional(nb):
    return member(nb, role=Role.PROFESSIONAL, first_name="Sanne", last_name="de Groot")


@pytest.fixture
def admin(nb):
    return member(nb, role=Role.ADMIN, first_name="Wilma", last_name="Visser")


AFVAL = (
    "De **groene container** (gft) gaat om de week op *maandag* aan de straat.\n\n"
    "- Zet hem voor 7.30 uur buiten.\n"
    "- Etensresten mogen erin, in een krant.\n\n"
    "Meer weten? Kijk op [de site van Dar](https://www.dar.nl)."
)


def make_page(nb, actor, title="Afval en containers", **kwargs):
    with scope(neighbourhood=nb):
        return actions.page_create(actor=actor, neighbourhood=nb, title=title, **kwargs)


def url(nb, path=""):
    return f"/b/{nb.slug}/info/{path}"
