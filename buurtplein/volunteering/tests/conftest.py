import pytest
from django_scopes import scope, scopes_disabled

from buurtplein.accounts.models import Interest, Profile
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


def thing(slug: str) -> Interest:
    return Interest.objects.get(slug=slug)


def give_things(user, *slugs):
    """Put curated skills/interests on the person's profile."""
    profile, _created = Profile.objects.get_or_create(user=user)
    for slug in slugs:
        interest = thing(slug)
        (profile.skills if interest.kind == "skill" else profile.interests).add(interest)


def post(nb, actor, organisation, **fields):
    """A vacancy through the action (topics from the text and the chosen skills)."""
    from buurtplein.volunteering import actions

    values = {
        "title": "Gastvrouw of gastheer in het buurthuis",
        "task": "Koffie schenken en mensen welkom heten bij de inloop.",
        "time_kind": "regular",
        "frequency": "weekly",
        "schedule": "elke dinsdagochtend",
        "hours": 3,
        "place": "address",
        "address": "Buurthuis De Klinker, Javastraat 12",
        **fields,
    }
    if "topics" in values:
        values["topics"] = [thing(slug).pk for slug in values["topics"]]
    with scope(neighbourhood=nb):
        return actions.vacancy_create(
            actor=actor, neighbourhood=nb, organisation=organisation, **values
        )


def reload(nb, obj):
    with scopes_disabled():
        obj.refresh_from_db()
    return obj
