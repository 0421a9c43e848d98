"""Permission matrix of vraag & aanbod: every URL × role × own/other neighbourhood."""

from datetime import timedelta

import pytest
from django.utils import timezone

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.tests.factories import member
from buurtplein.core.tests.matrix import RESIDENT, Row, cases, check_row, statuses
from buurtplein.exchange.models import Kind, PledgeState, State
from buurtplein.exchange.tests.factories import ItemFactory, OrgPledgeFactory

OPEN = statuses(200, 200, 200)
MEMBERS = statuses(302, 403, 200)
# In the other neighbourhood nobody of the world is a member: log-in for anonymous, else 403
# (before any object is looked up, so nothing of the other neighbourhood is revealed).
OTHER = statuses(302, 403, 403)
# Only the owner (the resident) manages their item.
OWNER = statuses(302, 403, 200, connector=403, professional=403, admin=403)
# Only the resident, who works for the receiving organisation, answers; for the other members
# an open offer between two organisations does not exist.
PARTY_ONLY = statuses(302, 403, 302, connector=404, professional=404, admin=404)


def own_or_other(attribute):
    def kwargs(world, where):
        return {"pk": getattr(world, attribute if where == "own" else "other_item").pk}

    return kwargs


def pledge_kwargs(attribute):
    def kwargs(world, where):
        return {"pk": getattr(world, attribute if where == "own" else "other_pledge").pk}

    return kwargs


ROWS = [
    Row("exchange:list", expect=OPEN),
    Row("exchange:create", expect=MEMBERS, expect_other=OTHER),
    Row("exchange:mine", expect=MEMBERS, expect_other=OTHER),
    # Members-only item: members read it; outsiders get the neutral preview (also 200).
    Row("exchange:item", kwargs=own_or_other("own_item"), expect=OPEN),
    Row("exchange:edit", kwargs=own_or_other("residents_item"), expect=OWNER, expect_other=OTHER),
    Row("exchange:renew", kwargs=own_or_other("residents_item"), expect=OWNER, expect_other=OTHER),
    Row("exchange:done", kwargs=own_or_other("residents_item"), expect=OWNER, expect_other=OTHER),
    Row(
        "exchange:withdraw",
        kwargs=own_or_other("residents_item"),
        expect=statuses(302, 403, 200, connector=200, professional=403, admin=200),
        expect_other=OTHER,
    ),
    Row(
        "exchange:reply",
        method="post",
        kwargs=own_or_other("own_item"),
        data=lambda w, where: {"text": "Mag ik hem lenen?"},
        expect=statuses(302, 403, 302),
        expect_other=OTHER,
    ),
    Row(
        "exchange:thank",
        method="post",
        kwargs=own_or_other("done_item"),
        data=lambda w, where: {"text": "Dank je wel!"},
        expect=statuses(302, 403, 302, connector=403, professional=403, admin=403),
        expect_other=OTHER,
    ),
    Row(
        "exchange:report",
        kwargs=own_or_other("own_item"),
        expect=MEMBERS,
        expect_other=OTHER,
    ),
    Row("exchange:pledge", kwargs=own_or_other("money_item"), expect=MEMBERS, expect_other=OTHER),
    Row("exchange:beursvloer", expect=MEMBERS, expect_other=OTHER),
    Row(
        "exchange:org_pledge_create",
        expect=statuses(302, 403, 200, connector=403, professional=403, admin=403),
        expect_other=OTHER,
    ),
    Row(
        "exchange:org_pledge",
        kwargs=pledge_kwargs("confirmed_pledge"),
        expect=MEMBERS,
        expect_other=OTHER,
    ),
    Row(
        "exchange:org_pledge_respond",
        method="post",
        kwargs=pledge_kwargs("offered_pledge"),
        data=lambda w, where: {"answer": "accept"},
        expect=PARTY_ONLY,
        expect_other=OTHER,
    ),
    Row(
        "exchange:org_pledge_follow_up",
        kwargs=pledge_kwargs("confirmed_pledge"),
        expect=statuses(302, 403, 200, connector=403, professional=403, admin=403),
        expect_other=OTHER,
    ),
]


@pytest.fixture(scope="module")
def world(matrix_world):
    w = matrix_world
    resident = w.users[RESIDENT]
    w.own_item = ItemFactory(neighbourhood=w.own, owner=member(w.own))
    w.residents_item = ItemFactory(neighbourhood=w.own, owner=resident)
    w.done_item = ItemFactory(neighbourhood=w.own, state=State.DONE, done_with=resident)
    w.money_item = ItemFactory(
        neighbourhood=w.own,
        kind=Kind.MONEY,
        category="initiative",
        deal="",
        initiative_name="Buurttuin",
    )
    w.other_item = ItemFactory(neighbourhood=w.other, owner=w.other_resident)
    # The resident works for the (welfare) organisation of the world; a business offers to it.
    w.organisation.staff.add(resident)
    business = OrganisationFactory(kind="business")
    business.neighbourhoods.add(w.own)
    w.offered_pledge = OrgPledgeFactory(
        neighbourhood=w.own, giver=business, receiver=w.organisation
    )
    now = timezone.now()
    w.confirmed_pledge = OrgPledgeFactory(
        neighbourhood=w.own,
        giver=business,
        receiver=w.organisation,
        state=PledgeState.CONFIRMED,
        giver_confirmed_at=now,
        receiver_confirmed_at=now,
        confirmed_at=now - timedelta(days=100),
    )
    w.other_pledge = OrgPledgeFactory(neighbourhood=w.other, state=PledgeState.CONFIRMED)
    return w


@pytest.mark.parametrize(("row", "role", "where"), cases(ROWS))
def test_exchange_permissions(client, world, row, role, where):
    check_row(client, world, row, role, where)
