"""The members' figures per month equal the rows: members at each month's end, who joined and
how (an invite code, approval after the postcode check), and who left — in Amsterdam's
months; an erased member stays in the months they were a member, without their name."""

from datetime import date, time

import pytest
import time_machine
from django_scopes import scope, scopes_disabled

from buurtplein.accounts import actions
from buurtplein.accounts.counts import counts
from buurtplein.accounts.models import MembershipEnd
from buurtplein.accounts.tests.factories import UserFactory
from buurtplein.core.models import Membership, Role
from buurtplein.core.tests.factories import MembershipFactory, NeighbourhoodFactory, member
from buurtplein.core.tests.moments import local
from buurtplein.reporting.tests.figures import queries_of_counts, stale, value

# Writes are counted into the count tables here (off elsewhere: conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.counting]

OCTOBER, NOVEMBER = date(2026, 10, 1), date(2026, 11, 1)


def at(day, hour, minute=0):
    return time_machine.travel(local(day, time(hour, minute)), tick=False)


def test_members_joined_and_left_count_in_their_month_and_an_erasure_keeps_the_past(
    django_capture_on_commit_callbacks,
):
    nb = NeighbourhoodFactory(pc4="6522")
    with at(date(2026, 9, 1), 10):
        connector = member(nb, role=Role.CONNECTOR)
    invited, asked = UserFactory(), UserFactory()

    def run(fn, **kwargs):
        with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
            return fn(**kwargs)

    with at(date(2026, 10, 31), 23, 50):
        invite = run(actions.invite_create, actor=connector, neighbourhood=nb)
        run(
            actions.membership_join,
            user=invited,
            neighbourhood=nb,
            postcode="6522",
            code=invite.code,
        )
        waiting = run(actions.membership_join, user=asked, neighbourhood=nb, postcode="6522")
    with at(date(2026, 11, 1), 0, 10):  # approved twenty minutes later, in November
        run(actions.membership_approve, actor=connector, membership=waiting)
    assert not stale(nb)
    assert value(nb, "members.members", OCTOBER) == 2  # the buurtverbinder and the invited
    assert value(nb, "members.joined", OCTOBER) == 1
    assert value(nb, "members.joined_invite", OCTOBER) == 1
    assert value(nb, "members.members", NOVEMBER) == 3
    assert value(nb, "members.joined", NOVEMBER) == 1
    assert value(nb, "members.joined_approval", NOVEMBER) == 1

    # The invited member deletes their account in November: October keeps them, November
    # counts them as left.
    with at(date(2026, 11, 20), 10), django_capture_on_commit_callbacks(execute=True):
        actions.account_erase(user=invited)
    with scopes_disabled():
        assert not Membership.objects.filter(user_id=invited.pk).exists()
        assert MembershipEnd.objects.filter(neighbourhood=nb).count() == 1
    assert value(nb, "members.members", OCTOBER) == 2
    assert value(nb, "members.joined", OCTOBER) == 1
    assert value(nb, "members.joined_invite", OCTOBER) == 1
    assert value(nb, "members.members", NOVEMBER) == 2
    assert value(nb, "members.left", NOVEMBER) == 1


@pytest.mark.parametrize("rows", [10, 100])
def test_counting_a_month_takes_the_same_queries_for_10_and_100_members(rows):
    nb = NeighbourhoodFactory()
    with at(date(2026, 11, 2), 12):
        for user in UserFactory.create_batch(rows):
            MembershipFactory(neighbourhood=nb, user=user)
    assert queries_of_counts(counts, nb, NOVEMBER) == 3
