import pytest

from buurtplein.buurthulp.tests.factories import person, place
from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory

# Postcode centres in Nijmegen-Oost, 300 m apart north to south (1° latitude = 111.2 km).
STEP = 0.3 / 111.195
PLACES = {f"6522A{letter}": 51.8400 + i * STEP for i, letter in enumerate("ABCDEFGHJK")}


@pytest.fixture
def nb(db):
    neighbourhood = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    for pc6, latitude in PLACES.items():
        place(neighbourhood, pc6, latitude, 5.8800)
    return neighbourhood


@pytest.fixture
def other_nb(db):
    return NeighbourhoodFactory(name="Liendert", slug="liendert", pc4="3825")


@pytest.fixture
def asker(nb):
    return person(nb, postcode="6522AA", first_name="Els", last_name="Bakker")


@pytest.fixture
def connector(nb):
    return person(nb, role=Role.CONNECTOR, postcode="6522AC", first_name="Karim")


@pytest.fixture
def professional(nb):
    return person(nb, role=Role.PROFESSIONAL, postcode="6522AD", first_name="Ineke")


@pytest.fixture(autouse=True)
def _keywords_only(settings):
    """Embeddings off unless a test switches them on (the model takes a second to load)."""
    settings.BUURTPLEIN_EMBEDDINGS = "off"


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    """Run what actions enqueue on commit (tasks run at once in tests)."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


@pytest.fixture
def ask(nb, run_tasks):
    """Ask for help as ``asker`` the way the page does (matching runs)."""
    from django_scopes import scope

    from buurtplein.buurthulp import actions

    def ask(asker, title, text="", neighbourhood=None, **kwargs):
        neighbourhood = neighbourhood or nb
        with scope(neighbourhood=neighbourhood):
            help_request = run_tasks(
                actions.request_create,
                neighbourhood=neighbourhood,
                asker=asker,
                title=title,
                text=text,
                **kwargs,
            )
            help_request.refresh_from_db()
        return help_request

    return ask
