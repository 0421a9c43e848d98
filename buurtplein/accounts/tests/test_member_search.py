"""The one member search (``accounts.selectors.find_members``): the neighbours page and the
buurtverbinder who asks for help for a neighbour both find people with it, and nobody is found
by what the searcher may not see."""

import pytest
from django_scopes import scope, scopes_disabled

from buurtplein.accounts.models import Profile
from buurtplein.accounts.selectors import find_members
from buurtplein.core.models import Membership, Role
from buurtplein.core.permissions import Viewer
from buurtplein.core.tests.factories import NeighbourhoodFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def nb(db):
    return NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")


def person(nb, first, last, *, street="", full=False, tags=(), status=None, email=None):
    extra = {"email": email} if email else {}
    kwargs = {"status": status} if status else {}
    user = member(nb, first_name=first, last_name=last, **extra, **kwargs)
    Profile.objects.filter(user=user).update(show_full_name=full, street=street, tags=list(tags))
    return user


def viewer_of(user, nb) -> Viewer:
    with scopes_disabled():
        membership = Membership.objects.get(user=user, neighbourhood=nb)
    return Viewer(user=user, neighbourhood=nb, membership=membership)


@pytest.fixture
def people(nb):
    return {
        "jan": person(nb, "Jan", "de Boer", street="Dorpsstraat", full=True),
        "janneke": person(nb, "Janneke", "Smit", street="Berg en Dalseweg"),
        "truus": person(nb, "Truus", "Bakker", tags=["breien"], email="truus@example.nl"),
        "piet": person(nb, "Piet", "Bakker", full=True),
        "waiting": person(nb, "Jan", "Nieuw", status=Membership.Status.PENDING),
    }


def found(viewer, query, **kwargs):
    with scope(neighbourhood=viewer.neighbourhood):
        return {m.user.first_name for m in find_members(viewer, query, **kwargs)}


def test_every_word_must_fit_the_start_of_a_name_or_a_street_or_tag(nb, people):
    resident = viewer_of(member(nb, first_name="Ria", last_name="Vos"), nb)
    assert found(resident, "jan") == {"Jan", "Janneke"}  # verified only: not the new Jan
    assert found(resident, "an") == set()  # a word starts a name, it is not anywhere in it
    assert found(resident, "jan dorps") == {"Jan"}
    assert found(resident, "jan boer") == {"Jan"}  # a later word of a last name he shows
    assert found(resident, "brei") == {"Truus"}
    assert found(resident, "  ") == set()


def test_a_resident_finds_no_one_by_a_last_name_or_an_address_they_cannot_see(nb, people):
    resident = viewer_of(member(nb, first_name="Ria", last_name="Vos"), nb)
    # Truus shows "Truus B."; Piet shows his full name.
    assert found(resident, "bakker") == {"Piet"}
    assert found(resident, "truus@example.nl") == set()
    pending = viewer_of(people["waiting"], nb)
    assert found(pending, "dorpsstraat") == set()  # streets are for verified neighbours
    assert found(resident, "dorpsstraat") == {"Jan"}


def test_a_buurtverbinder_finds_by_full_name_and_e_mail(nb, people):
    connector = viewer_of(member(nb, role=Role.CONNECTOR, first_name="Karim", last_name="Aziz"), nb)
    assert found(connector, "bakker") == {"Truus", "Piet"}
    assert found(connector, "Truus@Example.nl") == {"Truus"}
    assert found(connector, "smit") == {"Janneke"}


def test_among_narrows_the_search_and_keeps_it_to_verified_members(nb, people):
    connector = viewer_of(member(nb, role=Role.CONNECTOR, first_name="Karim", last_name="Aziz"), nb)
    with scope(neighbourhood=nb):
        among = Membership.objects.exclude(user=people["janneke"])
    assert found(connector, "jan", among=among) == {"Jan"}


def test_the_neighbours_page_searches_with_it(client, nb, people):
    client.force_login(member(nb, first_name="Ria", last_name="Vos"))
    page = client.get(f"/b/{nb.slug}/neighbours/", {"q": "bakker"}).content.decode()
    assert "Piet Bakker" in page
    assert "Truus" not in page
    page = client.get(f"/b/{nb.slug}/neighbours/", {"q": "jan"}).content.decode()
    assert "Jan de Boer" in page and "Janneke" in page
