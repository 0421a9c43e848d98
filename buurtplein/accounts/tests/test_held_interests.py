"""The index of neighbours by interest (``HeldInterest``, kept by ``accounts.held_interests``):
whatever a person changes on their profile, and wherever they join or leave, the search for
neighbours by interest finds exactly who holds an interest here now.

Marked ``embedded``: CI runs these on PostgreSQL and on SQLite.
"""

import pytest
from django_scopes import scope, scopes_disabled

from buurtplein.accounts import held_interests
from buurtplein.accounts.models import HeldInterest, Interest, Visibility
from buurtplein.accounts.selectors import search_neighbours
from buurtplein.core.models import Membership
from buurtplein.core.permissions import Viewer
from buurtplein.core.tests.factories import MembershipFactory, NeighbourhoodFactory, member

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def nb(db):
    return NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")


@pytest.fixture
def other_nb(db):
    return NeighbourhoodFactory(name="Liendert", slug="liendert", pc4="3825")


@pytest.fixture
def bridge(db):
    return Interest.objects.get(slug="bridge")


@pytest.fixture
def garden_jobs(db):
    interest, _ = Interest.objects.get_or_create(
        slug="tuinklussen",
        defaults={"kind": "skill", "name_nl": "Tuinklussen", "name_en": "Garden jobs"},
    )
    return interest


def found(nb, query, viewer_user=None) -> list[str]:
    """The first names of the neighbours found for ``query`` by a verified member of ``nb``."""
    viewer_user = viewer_user or member(nb, first_name="Els")
    with scope(neighbourhood=nb):
        membership = Membership.objects.get(user=viewer_user)
        result = search_neighbours(Viewer(viewer_user, nb, membership), query, 10)
    return [hit.title.split()[0] for hit in result.hits]


def every_row() -> set[tuple]:
    with scopes_disabled():
        return set(
            HeldInterest.objects.values_list(
                "neighbourhood_id", "membership_id", "profile_id", "interest_id", "field"
            )
        )


def test_a_changed_profile_is_found_by_its_new_interests_at_once(nb, bridge):
    viewer = member(nb, first_name="Els")
    joke = member(nb, first_name="Joke")
    assert found(nb, "bridge", viewer) == []
    joke.profile.interests.add(bridge)
    assert found(nb, "bridge", viewer) == ["Joke"]
    joke.profile.interests.remove(bridge)
    assert found(nb, "bridge", viewer) == []
    joke.profile.interests.set([bridge])
    assert found(nb, "bridge", viewer) == ["Joke"]
    joke.profile.interests.clear()
    assert found(nb, "bridge", viewer) == []


def test_a_skill_given_from_the_interests_side_is_found_and_cleared_from_there(nb, garden_jobs):
    viewer = member(nb, first_name="Els")
    cor, dirk = member(nb, first_name="Cor"), member(nb, first_name="Dirk")
    garden_jobs.profiles_with_skill.add(cor.profile, dirk.profile)
    assert found(nb, "tuinklussen", viewer) == ["Cor", "Dirk"]
    garden_jobs.profiles_with_skill.remove(dirk.profile)
    assert found(nb, "tuinklussen", viewer) == ["Cor"]
    garden_jobs.profiles_with_skill.clear()
    assert found(nb, "tuinklussen", viewer) == []


def test_joining_another_neighbourhood_brings_the_interests_and_leaving_takes_them(
    nb, other_nb, bridge
):
    joke = member(nb, first_name="Joke")
    joke.profile.interests.add(bridge)
    there = member(other_nb, first_name="Ria")
    assert found(other_nb, "bridge", there) == []
    # Joining: waiting for approval she is not found; once verified she is, with nothing
    # written again (whether a member is verified is read live).
    MembershipFactory(neighbourhood=other_nb, user=joke, status=Membership.Status.PENDING)
    assert found(other_nb, "bridge", there) == []
    with scopes_disabled():
        Membership.objects.filter(user=joke, neighbourhood=other_nb).update(
            status=Membership.Status.VERIFIED
        )
    assert found(other_nb, "bridge", there) == ["Joke"]
    # Leaving Nijmegen-Oost takes her out of it, and only there.
    with scopes_disabled():
        Membership.objects.filter(user=joke, neighbourhood=nb).delete()
    assert found(nb, "bridge") == []
    assert found(other_nb, "bridge", there) == ["Joke"]


def test_hiding_interests_counts_at_once(nb, bridge):
    """Who may see a profile's interests is read live from the profile: a pending member no
    longer finds a neighbour who shows them to verified neighbours only."""
    joke = member(nb, first_name="Joke")
    joke.profile.interests.add(bridge)
    pending = member(nb, status=Membership.Status.PENDING)
    with scope(neighbourhood=nb):
        viewer = Viewer(pending, nb, Membership.objects.get(user=pending))
        assert [h.title.split()[0] for h in search_neighbours(viewer, "bridge", 5).hits] == ["Joke"]
        joke.profile.visibility = {**joke.profile.visibility, "interests": Visibility.VERIFIED}
        joke.profile.save()
        assert search_neighbours(viewer, "bridge", 5).hits == []


def test_the_index_written_step_by_step_is_the_index_built_anew(nb, other_nb, bridge, garden_jobs):
    """What the signals wrote through a series of changes is what ``rebuild`` (the
    migration's fill, and the repair) writes from the profiles as they are."""
    anna, bram = member(nb, first_name="Anna"), member(nb, first_name="Bram")
    anna.profile.interests.add(bridge)
    anna.profile.skills.add(garden_jobs)
    MembershipFactory(neighbourhood=other_nb, user=anna)
    bram.profile.skills.add(garden_jobs)
    bram.profile.skills.remove(garden_jobs)
    garden_jobs.profiles_with_skill.add(bram.profile)
    member(other_nb, first_name="Cor").profile.interests.add(bridge)
    step_by_step = every_row()
    assert len(step_by_step) == 6  # Anna: 2 in 2 neighbourhoods; Bram: 1; Cor: 1
    with scopes_disabled():
        HeldInterest.objects.all().delete()
    held_interests.rebuild()
    assert every_row() == step_by_step
    with scopes_disabled():
        HeldInterest.objects.all().delete()
        memberships = list(Membership.objects.values_list("pk", flat=True))
    held_interests.write(membership_ids=memberships)
    assert every_row() == step_by_step
