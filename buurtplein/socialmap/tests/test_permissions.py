"""Permission matrix of the sociale kaart: every URL × role × own/other neighbourhood.

In the world, the professional works for the world's organisation (its staff): they add and
change its services and keep their card. Buurtverbinders and admins manage every service of
their neighbourhood. An ended service is seen only by those who manage it.
"""

import pytest

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.tests.matrix import PROFESSIONAL, Row, cases, check_row, statuses
from buurtplein.socialmap.models import State
from buurtplein.socialmap.tests.factories import LocationFactory, ServiceFactory

EVERYONE = statuses(200, 200, 200)
# Staff of the organisation (the professional), buurtverbinders and admins.
MANAGERS = statuses(302, 403, 403, connector=200, professional=200, admin=200)
MANAGERS_POST = statuses(302, 403, 403, connector=302, professional=302, admin=302)
# In the other neighbourhood nobody of the world is a member: log-in for anonymous, else 403
# (before any service is looked up, so nothing of the other neighbourhood is revealed).
OTHER = statuses(302, 403, 403)
# Only those who manage it see an ended service; the other neighbourhood's is never found.
ENDED = statuses(404, 404, 404, connector=200, professional=200, admin=200)
CARD = statuses(302, 403, 403, connector=403, professional=200, admin=403)


def own_or_other(attribute):
    def kwargs(world, where):
        return {"pk": getattr(world, attribute if where == "own" else f"other_{attribute}").pk}

    return kwargs


def colleagues(world, where):
    """A service of another organisation in the same neighbourhood (the professional does not
    work for it); in the other neighbourhood, that one's service."""
    return {"pk": (world.colleague_service if where == "own" else world.other_service).pk}


# Another organisation's service: buurtverbinders and admins manage it, the professional not.
NOT_OURS = statuses(302, 403, 403, connector=200, professional=403, admin=200)
NOT_OURS_POST = statuses(302, 403, 403, connector=302, professional=403, admin=302)

ROWS = [
    Row("socialmap:list", expect=EVERYONE),
    Row("socialmap:list", query="domain=money&free=1&walk_in=1&open_now=1", expect=EVERYONE),
    Row("socialmap:list", query="q=schulden&km=2&postcode=6521AB", expect=EVERYONE),
    Row("socialmap:service", kwargs=own_or_other("service"), expect=EVERYONE),
    Row(
        "socialmap:service",
        kwargs=own_or_other("ended"),
        expect=ENDED,
        expect_other=statuses(404, 404, 404),
    ),
    Row("socialmap:create", expect=MANAGERS, expect_other=OTHER),
    Row("socialmap:create", query="organisation=1", expect=MANAGERS, expect_other=OTHER),
    Row("socialmap:ours", expect=MANAGERS, expect_other=OTHER),
    Row("socialmap:card", expect=CARD, expect_other=OTHER),
    Row("socialmap:edit", kwargs=own_or_other("service"), expect=MANAGERS, expect_other=OTHER),
    Row(
        "socialmap:end",
        method="post",
        kwargs=own_or_other("service"),
        expect=MANAGERS_POST,
        expect_other=OTHER,
    ),
    Row(
        "socialmap:edit",
        method="post",
        kwargs=own_or_other("service"),
        data=lambda world, where: {},
        # An empty form: those who may change it hear what is missing (nothing is saved).
        expect=statuses(302, 403, 403, connector=400, professional=400, admin=400),
        expect_other=OTHER,
        ids=["empty form"],
    ),
    Row(
        "socialmap:edit",
        kwargs=colleagues,
        expect=NOT_OURS,
        expect_other=OTHER,
        ids=["another organisation's"],
    ),
    Row(
        "socialmap:end",
        method="post",
        kwargs=colleagues,
        expect=NOT_OURS_POST,
        expect_other=OTHER,
        ids=["another organisation's"],
    ),
    Row(
        "socialmap:reopen",
        method="post",
        kwargs=own_or_other("ended"),
        expect=MANAGERS_POST,
        expect_other=OTHER,
    ),
]


@pytest.fixture(scope="module")
def world(matrix_world):
    world = matrix_world
    world.organisation.staff.add(world.users[PROFESSIONAL])
    other_org = OrganisationFactory()
    other_org.neighbourhoods.add(world.other)
    world.service = ServiceFactory(neighbourhood=world.own, organisation=world.organisation)
    LocationFactory(service=world.service)
    world.ended = ServiceFactory(
        neighbourhood=world.own, organisation=world.organisation, state=State.ENDED
    )
    colleague_org = OrganisationFactory(name="Buurtteam")
    colleague_org.neighbourhoods.add(world.own)
    world.colleague_service = ServiceFactory(neighbourhood=world.own, organisation=colleague_org)
    world.other_service = ServiceFactory(neighbourhood=world.other, organisation=other_org)
    world.other_ended = ServiceFactory(
        neighbourhood=world.other, organisation=other_org, state=State.ENDED
    )
    return world


@pytest.mark.parametrize(("row", "role", "where"), cases(ROWS))
def test_socialmap_permissions(client, world, row, role, where):
    check_row(client, world, row, role, where)
