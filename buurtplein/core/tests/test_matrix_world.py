"""The permission-matrix world is built once per module and every case still starts from it.

``matrix_world`` (conftest.py) builds the world in a transaction that lives as long as the test
module; each test runs in a savepoint inside it. These cases write to the world in every way a
matrix case can (the ORM, a request, an on-commit callback); if any write leaked into the next
case, the next one would not find the world as built. They are parametrized so that whichever
runs second (also under pytest-xdist) catches a leak of the one before.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django_scopes import scopes_disabled

from buurtplein.core.models import Membership, Neighbourhood
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.core.tests.matrix import RESIDENT, ROLES

User = get_user_model()

CASES = ["first", "second", "third"]


def _assert_world_as_built(world):
    with scopes_disabled():
        own = Neighbourhood.objects.get(pk=world.own.pk)
        assert own.name == "Eigen buurt"
        # Unverified, resident, buurtverbinder, professional and admin; nobody else.
        assert Membership.objects.filter(neighbourhood=own).count() == len(ROLES) - 1
        assert Membership.objects.filter(user=world.users[RESIDENT], neighbourhood=own).exists()
        assert not User.objects.filter(email__startswith="lek-").exists()
        assert not Neighbourhood.objects.filter(slug="lek").exists()


@pytest.mark.parametrize("case", CASES)
def test_each_case_starts_from_the_world_as_built(matrix_world, case, client):
    _assert_world_as_built(matrix_world)
    # The module's transaction is open, and this case runs in a savepoint inside it.
    assert connection.in_atomic_block
    assert connection.savepoint_ids, "the test is not nested in the world's transaction"

    with scopes_disabled():
        Neighbourhood.objects.filter(pk=matrix_world.own.pk).update(name=f"Gewijzigd {case}")
        Membership.objects.filter(user=matrix_world.users[RESIDENT]).delete()
    NeighbourhoodFactory(name="Lek", slug="lek")
    member(matrix_world.own, email=f"lek-{case}@example.nl")
    # A request that writes (the log-in stores a session and the last log-in).
    client.force_login(matrix_world.users["admin"])
    assert client.get("/").status_code in (200, 302)


@pytest.mark.parametrize("case", CASES)
def test_on_commit_callbacks_of_a_case_do_not_outlive_it(
    matrix_world, case, django_capture_on_commit_callbacks
):
    _assert_world_as_built(matrix_world)
    ran = []
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        transaction.on_commit(lambda: ran.append(case))
    assert ran == [case] and len(callbacks) == 1
    # Not captured: held until the outermost transaction commits, which it never does.
    transaction.on_commit(
        lambda: Neighbourhood.objects.filter(pk=matrix_world.own.pk).update(name="Lek")
    )


@pytest.mark.parametrize("role", ROLES)
def test_the_world_gives_one_person_per_role(matrix_world, role):
    user = matrix_world.users[role]
    if user is None:
        return
    with scopes_disabled():
        assert Membership.objects.filter(user=user, neighbourhood=matrix_world.own).count() == 1
        assert not Membership.objects.filter(user=user, neighbourhood=matrix_world.other).exists()
