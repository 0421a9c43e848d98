"""Permission matrix of the agenda: every URL × role × own/other neighbourhood."""

import pytest
from django_scopes import scopes_disabled

from buurtplein.agenda.actions import feed_token_for
from buurtplein.agenda.models import Visibility
from buurtplein.agenda.tests.factories import ActivityFactory, dates_of
from buurtplein.core.tests.factories import member
from buurtplein.core.tests.matrix import RESIDENT, Row, cases, check_row, statuses

OPEN = statuses(200, 200, 200)
MEMBERS = statuses(302, 403, 200)
# In the other neighbourhood nobody of the world is a member: log-in for anonymous, else 403
# (before any object is looked up, so nothing of the other neighbourhood is revealed).
OTHER = statuses(302, 403, 403)
# Only the organiser (the resident) manages their activity.
OWNER = statuses(302, 403, 200, connector=403, professional=403, admin=403)
OWNER_POST = statuses(302, 403, 302, connector=403, professional=403, admin=403)
NOT_FOUND = statuses(404, 404, 404)


def activity(attribute):
    def kwargs(world, where):
        return {"pk": getattr(world, attribute if where == "own" else "other_activity").pk}

    return kwargs


def date_of(attribute):
    def kwargs(world, where):
        chosen = getattr(world, attribute if where == "own" else "other_activity")
        return {"pk": dates_of(chosen)[0].pk}

    return kwargs


def token(world, where):
    return {"token": world.token}


def organisation(world, where):
    return {"slug": world.organisation.slug}


ROWS = [
    Row("agenda:week", expect=OPEN),
    Row("agenda:month", expect=OPEN),
    Row("agenda:subscribe", expect=OPEN),
    Row("agenda:feed", expect=OPEN),
    # The organisation is active in the own neighbourhood only.
    Row("agenda:feed_organisation", kwargs=organisation, expect=OPEN, expect_other=NOT_FOUND),
    # No log-in (calendar programs cannot): the secret decides; it only works where it was made.
    Row("agenda:feed_mine", kwargs=token, expect=OPEN, expect_other=NOT_FOUND),
    Row("agenda:create", expect=MEMBERS, expect_other=OTHER),
    Row("agenda:mine", expect=MEMBERS, expect_other=OTHER),
    Row(
        "agenda:feed_link",
        method="post",
        expect=statuses(302, 403, 302),
        expect_other=OTHER,
    ),
    # Members-only activity: members read it; outsiders get the neutral preview (also 200).
    Row("agenda:activity", kwargs=activity("activity"), expect=OPEN),
    # The calendar file of a members-only activity does not exist for outsiders.
    Row(
        "agenda:ics",
        kwargs=activity("activity"),
        expect=statuses(404, 404, 200),
        expect_other=NOT_FOUND,
    ),
    Row("agenda:edit", kwargs=activity("residents_activity"), expect=OWNER, expect_other=OTHER),
    Row("agenda:cancel", kwargs=activity("residents_activity"), expect=OWNER, expect_other=OTHER),
    Row(
        "agenda:remove",
        kwargs=activity("activity"),
        expect=statuses(302, 403, 403, connector=200, professional=403, admin=200),
        expect_other=OTHER,
    ),
    Row(
        "agenda:report",
        kwargs=activity("activity"),
        expect=MEMBERS,
        expect_other=OTHER,
    ),
    Row(
        "agenda:rsvp",
        method="post",
        kwargs=date_of("activity"),
        data=lambda w, where: {"party_size": "2"},
        expect=statuses(302, 403, 302),
        expect_other=OTHER,
    ),
    Row(
        "agenda:rsvp_cancel",
        method="post",
        kwargs=date_of("activity"),
        expect=statuses(302, 403, 302),
        expect_other=OTHER,
    ),
    Row(
        "agenda:occurrence_cancel",
        kwargs=date_of("residents_activity"),
        expect=OWNER,
        expect_other=OTHER,
    ),
    Row(
        "agenda:occurrence_restore",
        method="post",
        kwargs=date_of("residents_activity"),
        expect=OWNER_POST,
        expect_other=OTHER,
    ),
    Row(
        "agenda:occurrence_move",
        kwargs=date_of("residents_activity"),
        expect=OWNER,
        expect_other=OTHER,
    ),
    Row(
        "agenda:attendees",
        kwargs=date_of("residents_activity"),
        expect=OWNER,
        expect_other=OTHER,
    ),
    Row(
        "agenda:attendees_csv",
        kwargs=date_of("residents_activity"),
        expect=OWNER,
        expect_other=OTHER,
    ),
    Row(
        "agenda:attendees_print",
        kwargs=date_of("residents_activity"),
        expect=OWNER,
        expect_other=OTHER,
    ),
]


@pytest.fixture(scope="module")
def world(matrix_world):
    w = matrix_world
    resident = w.users[RESIDENT]
    weekly = "FREQ=WEEKLY;BYDAY=TU;WKST=MO"
    w.activity = ActivityFactory(neighbourhood=w.own, organiser=member(w.own), rrule=weekly)
    w.residents_activity = ActivityFactory(neighbourhood=w.own, organiser=resident, rrule=weekly)
    w.other_activity = ActivityFactory(
        neighbourhood=w.other, organiser=w.other_resident, rrule=weekly
    )
    ActivityFactory(
        neighbourhood=w.own,
        organiser=member(w.own),
        organisation=w.organisation,
        visibility=Visibility.PUBLIC,
    )
    with scopes_disabled():
        w.token = feed_token_for(user=resident, neighbourhood=w.own).token
    return w


@pytest.mark.parametrize(("row", "role", "where"), cases(ROWS))
def test_agenda_permissions(client, world, row, role, where):
    check_row(client, world, row, role, where)
