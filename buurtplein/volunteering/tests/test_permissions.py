"""Permission matrix of volunteering: every URL × role × own/other neighbourhood.

In the world, the resident works for the world's organisation (its staff: posts vacancies for
it, is the contact of ``ours`` and manages its responses) and responded to a vacancy of another
organisation (``theirs``), where they were accepted a month ago (the follow-up is due).
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.tests.factories import member
from buurtplein.core.tests.matrix import RESIDENT, Row, cases, check_row, statuses
from buurtplein.volunteering.models import ResponseState
from buurtplein.volunteering.tests.factories import ResponseFactory, VacancyFactory

OPEN = statuses(200, 200, 200)
MEMBERS = statuses(302, 403, 200)
# In the other neighbourhood nobody of the world is a member: log-in for anonymous, else 403
# (before any object is looked up, so nothing of the other neighbourhood is revealed).
OTHER = statuses(302, 403, 403)
# Only the resident (staff of the organisation, contact of the vacancy) manages it.
STAFF = statuses(302, 403, 200, connector=403, professional=403, admin=403)
# Only the resident, who responded, withdraws and answers the volunteer's follow-up.
VOLUNTEER = statuses(302, 403, 200, connector=403, professional=403, admin=403)
# Members who are not on the organisation's side respond (a redirect to the conversation).
RESPOND = statuses(302, 403, 302)


def own_or_other(attribute):
    def kwargs(world, where):
        return {"pk": getattr(world, attribute if where == "own" else "other_vacancy").pk}

    return kwargs


def response_kwargs(attribute):
    def kwargs(world, where):
        return {"pk": getattr(world, attribute if where == "own" else "other_response").pk}

    return kwargs


def state(value):
    return lambda world, where: {"state": value}


ROWS = [
    Row("volunteering:list", expect=OPEN),
    Row("volunteering:create", expect=STAFF, expect_other=OTHER),
    Row("volunteering:create", query="organisation=1", expect=STAFF, expect_other=OTHER),
    Row("volunteering:mine", expect=MEMBERS, expect_other=OTHER),
    Row("volunteering:ours", expect=STAFF, expect_other=OTHER),
    # Members-only vacancy: members read it; outsiders get the neutral preview (also 200).
    Row("volunteering:vacancy", kwargs=own_or_other("theirs"), expect=OPEN),
    Row("volunteering:edit", kwargs=own_or_other("ours"), expect=STAFF, expect_other=OTHER),
    Row("volunteering:renew", kwargs=own_or_other("ours"), expect=STAFF, expect_other=OTHER),
    Row(
        "volunteering:status",
        method="post",
        kwargs=own_or_other("ours"),
        data=state("filled"),
        expect=statuses(302, 403, 302, connector=403, professional=403, admin=403),
        expect_other=OTHER,
    ),
    Row(
        "volunteering:remove",
        kwargs=own_or_other("theirs"),
        expect=statuses(302, 403, 403, connector=200, professional=403, admin=200),
        expect_other=OTHER,
    ),
    Row(
        "volunteering:respond",
        method="post",
        kwargs=own_or_other("open_theirs"),
        data=lambda w, where: {"message": "Ik help graag, ik kan op dinsdag."},
        expect=RESPOND,
        expect_other=OTHER,
    ),
    Row(
        "volunteering:responses",
        kwargs=own_or_other("ours"),
        expect=STAFF,
        expect_other=OTHER,
    ),
    Row(
        "volunteering:report",
        kwargs=own_or_other("theirs"),
        expect=MEMBERS,
        expect_other=OTHER,
    ),
    Row(
        "volunteering:accept",
        method="post",
        kwargs=response_kwargs("response_to_ours"),
        expect=statuses(302, 403, 302, connector=404, professional=404, admin=404),
        expect_other=OTHER,
    ),
    Row(
        "volunteering:decline",
        kwargs=response_kwargs("response_to_ours"),
        expect=statuses(302, 403, 200, connector=404, professional=404, admin=404),
        expect_other=OTHER,
    ),
    Row(
        "volunteering:withdraw",
        kwargs=response_kwargs("residents_response"),
        expect=statuses(302, 403, 200, connector=404, professional=404, admin=404),
        expect_other=OTHER,
    ),
    Row(
        "volunteering:follow_up",
        kwargs=response_kwargs("residents_response"),
        expect=statuses(302, 403, 200, connector=404, professional=404, admin=404),
        expect_other=OTHER,
    ),
]


@pytest.fixture(scope="module")
def world(matrix_world):
    w = matrix_world
    resident = w.users[RESIDENT]
    w.organisation.staff.add(resident)
    w.ours = VacancyFactory(
        neighbourhood=w.own, organisation=w.organisation, posted_by=resident, contact=resident
    )
    other_organisation = OrganisationFactory()
    other_organisation.neighbourhoods.add(w.own)
    contact = member(w.own)
    other_organisation.staff.add(contact)
    w.theirs = VacancyFactory(
        neighbourhood=w.own, organisation=other_organisation, posted_by=contact, contact=contact
    )
    w.open_theirs = VacancyFactory(
        neighbourhood=w.own, organisation=other_organisation, posted_by=contact, contact=contact
    )
    w.response_to_ours = ResponseFactory(vacancy=w.ours, person=member(w.own))
    accepted_at = timezone.now() - timedelta(days=31)
    w.residents_response = ResponseFactory(
        vacancy=w.theirs,
        person=resident,
        state=ResponseState.ACCEPTED,
        accepted_at=accepted_at,
        answered_at=accepted_at,
    )
    other_organisation_there = OrganisationFactory()
    other_organisation_there.neighbourhoods.add(w.other)
    w.other_vacancy = VacancyFactory(
        neighbourhood=w.other,
        organisation=other_organisation_there,
        posted_by=w.other_resident,
        contact=w.other_resident,
    )
    w.other_response = ResponseFactory(
        vacancy=w.other_vacancy, person=member(w.other), accepted_at=accepted_at
    )
    return w


@pytest.mark.parametrize(("row", "role", "where"), cases(ROWS))
def test_volunteering_permissions(client, world, row, role, where):
    check_row(client, world, row, role, where)
