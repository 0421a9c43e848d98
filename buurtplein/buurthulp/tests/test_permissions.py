"""Permission matrix of buurthulp: every URL × role × own/other neighbourhood."""

from datetime import date
from types import SimpleNamespace

import pytest
from django_scopes import scopes_disabled

from buurtplein.buurthulp.models import HelpFollowUp, MatchStatus, RequestVisibility, State
from buurtplein.buurthulp.tests.factories import HelpMatchFactory, HelpRequestFactory
from buurtplein.core.models import Role
from buurtplein.core.tests.factories import member
from buurtplein.core.tests.matrix import RESIDENT, Row, cases, check_row, statuses

# Member pages: log-in for anonymous, 403 for people without a verified membership here.
MEMBERS = statuses(302, 403, 200)
# In the other neighbourhood nobody of "own" is a member: log in, or 403.
NOT_HERE = statuses(302, 403, 403)
# Only the resident (the asker or the helper) may; others see the request but not this.
RESIDENT_ONLY = statuses(302, 403, 200, connector=403, professional=403, admin=403)
STEWARDS = statuses(302, 403, 403, connector=200, professional=403)


def things(world, where):
    return world.own_things if where == "own" else world.other_things


def kw(attribute):
    return lambda world, where: {"pk": getattr(things(world, where), attribute).pk}


ROWS = [
    Row("buurthulp:index", expect=MEMBERS, expect_other=NOT_HERE),
    Row("buurthulp:ask", expect=MEMBERS, expect_other=NOT_HERE),
    Row("buurthulp:helper", expect=MEMBERS, expect_other=NOT_HERE),
    Row(
        "buurthulp:attention",
        expect=statuses(302, 403, 403, connector=200, professional=200),
        expect_other=NOT_HERE,
    ),
    Row("buurthulp:request", kwargs=kw("open_request"), expect=MEMBERS, expect_other=NOT_HERE),
    # Report it to a buurtverbinder: everyone who sees it, but not the asker (the resident).
    Row(
        "buurthulp:report",
        kwargs=kw("open_request"),
        expect=statuses(302, 403, 403, connector=200, professional=200, admin=200),
        expect_other=NOT_HERE,
    ),
    Row(
        "buurthulp:edit",
        kwargs=kw("open_request"),
        expect=RESIDENT_ONLY,
        expect_other=NOT_HERE,
    ),
    Row(
        "buurthulp:state",
        kwargs=kw("open_request"),
        expect=statuses(302, 403, 200, connector=200, professional=403),
        expect_other=NOT_HERE,
    ),
    Row(
        "buurthulp:follow_up",
        kwargs=kw("helped_request"),
        expect=statuses(302, 403, 200, connector=404, professional=404, admin=404),
        expect_other=NOT_HERE,
    ),
    Row(
        "buurthulp:thanks",
        method="post",
        kwargs=kw("helped_request"),
        data=lambda w, where: {"text": "Dankjewel!"},
        expect=statuses(302, 403, 302, connector=403, professional=403, admin=403),
        expect_other=NOT_HERE,
    ),
    # The asker's side and the stewards; without htmx it sends back to the request's page.
    Row(
        "buurthulp:matching",
        kwargs=kw("open_request"),
        expect=statuses(302, 403, 302, connector=302, professional=403),
        expect_other=NOT_HERE,
    ),
    # A professional picks up, or hands to a colleague, a professionals-only request (the
    # asker's is not: they are no professional; others do not see it).
    Row(
        "buurthulp:take_on",
        method="post",
        kwargs=kw("pro_request_to_take"),
        expect=statuses(302, 403, 403, connector=404, professional=302, admin=404),
        expect_other=NOT_HERE,
    ),
    Row(
        "buurthulp:hand_over",
        kwargs=kw("pro_request"),
        expect=statuses(302, 403, 403, connector=404, professional=200, admin=404),
        expect_other=NOT_HERE,
    ),
    Row("buurthulp:suggest", kwargs=kw("open_request"), expect=STEWARDS, expect_other=NOT_HERE),
    Row(
        "buurthulp:pick_up",
        method="post",
        kwargs=kw("open_request"),
        expect=statuses(302, 403, 403, connector=302, professional=403),
        expect_other=NOT_HERE,
    ),
    Row(
        "buurthulp:respond",
        method="post",
        kwargs=kw("match_for_resident"),
        data=lambda w, where: {"decision": "accept"},
        expect=statuses(302, 403, 302, connector=403, professional=403, admin=403),
        expect_other=NOT_HERE,
    ),
    # Withdraw a resident's consent (no account): who asked, a colleague of the same
    # organisation, or — asked by a buurtverbinder, as here — any buurtverbinder; 404 for others.
    Row(
        "buurthulp:withdraw_consent",
        method="post",
        kwargs=kw("resident_request"),
        expect=statuses(302, 403, 404, connector=302, professional=404, admin=302),
        expect_other=NOT_HERE,
    ),
    Row(
        "buurthulp:choose",
        kwargs=kw("accepted_match"),
        expect=RESIDENT_ONLY,
        expect_other=NOT_HERE,
    ),
]


def make_things(neighbourhood, resident):
    """Requests of ``resident`` in each state the pages need, and a match asking them."""
    helper = member(neighbourhood)
    open_request = HelpRequestFactory(neighbourhood=neighbourhood, asker=resident)
    matched = HelpRequestFactory(neighbourhood=neighbourhood, asker=resident, state=State.MATCHED)
    accepted = HelpMatchFactory(request=matched, helper=helper, status=MatchStatus.ACCEPTED)
    helped = HelpRequestFactory(
        neighbourhood=neighbourhood, asker=resident, state=State.HELPED, helper=helper
    )
    HelpMatchFactory(request=helped, helper=helper, status=MatchStatus.CHOSEN)
    with scopes_disabled():
        HelpFollowUp.objects.create(neighbourhood=neighbourhood, request=helped, person=resident)
    someone_elses = HelpRequestFactory(neighbourhood=neighbourhood, asker=helper)
    match_for_resident = HelpMatchFactory(request=someone_elses, helper=resident)
    pro_request, pro_request_to_take = (
        HelpRequestFactory(
            neighbourhood=neighbourhood,
            asker=resident,
            visibility=RequestVisibility.PROFESSIONALS,
        )
        for _ in range(2)
    )
    resident_request = HelpRequestFactory(
        neighbourhood=neighbourhood,
        asker=member(neighbourhood, role=Role.CONNECTOR),
        resident_name="Gerda",
        resident_contact="via_me",
        resident_consent_until=date(2100, 1, 1),
    )
    return SimpleNamespace(
        resident_request=resident_request,
        pro_request=pro_request,
        pro_request_to_take=pro_request_to_take,
        open_request=open_request,
        accepted_match=accepted,
        helped_request=helped,
        match_for_resident=match_for_resident,
    )


@pytest.fixture(scope="module")
def world(matrix_world):
    w = matrix_world
    w.own_things = make_things(w.own, w.users[RESIDENT])
    w.other_things = make_things(w.other, w.other_resident)
    return w


@pytest.mark.parametrize(("row", "role", "where"), cases(ROWS))
def test_buurthulp_permissions(client, world, row, role, where, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        check_row(client, world, row, role, where)
