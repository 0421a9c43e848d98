"""The clubs' figures per month equal the rows: clubs and their members at each month's end
and who joined that month (in Amsterdam), for the neighbourhood and the club's organisation,
also after a member was erased."""

from datetime import date, time

import pytest
import time_machine
from django_scopes import scope, scopes_disabled

from buurtplein.accounts.tests.factories import UserFactory
from buurtplein.clubs import actions
from buurtplein.clubs.counts import counts
from buurtplein.clubs.models import ClubMember, ClubMemberEnd
from buurtplein.clubs.privacy import erase
from buurtplein.clubs.tests.factories import make_club
from buurtplein.core.tests.moments import local
from buurtplein.reporting.tests.figures import queries_of_counts, stale, value

# Writes are counted into the count tables here (off elsewhere: conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.counting]

OCTOBER, NOVEMBER, DECEMBER = date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1)


def at(day, hour, minute=0):
    return time_machine.travel(local(day, time(hour, minute)), tick=False)


def test_clubs_and_members_are_counted_at_each_months_end_also_after_an_erasure(
    nb, anna, bram, carla, django_capture_on_commit_callbacks
):
    def run(fn, **kwargs):
        with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
            return fn(**kwargs)

    with at(date(2026, 10, 10), 10):
        club = run(
            actions.club_create,
            creator=anna,
            neighbourhood=nb,
            kind="club",
            name="Wandelclub Ooij",
            pitch="Elke zaterdag wandelen.",
        )
    with at(date(2026, 10, 31), 23, 50):
        run(actions.member_join, club=club, user=bram)
    with at(date(2026, 11, 1), 0, 10):
        run(actions.member_join, club=club, user=carla)
    assert not stale(nb)
    organisation = club.organisation
    assert value(nb, "clubs.clubs", OCTOBER) == 1
    assert value(nb, "clubs.members", OCTOBER) == 2  # Anna (the board) and Bram
    assert value(nb, "clubs.joined", OCTOBER) == 2
    assert value(nb, "clubs.joined", OCTOBER, organisation) == 2
    assert value(nb, "clubs.clubs", NOVEMBER) == 1
    assert value(nb, "clubs.members", NOVEMBER) == 3
    assert value(nb, "clubs.members", NOVEMBER, organisation) == 3
    assert value(nb, "clubs.joined", NOVEMBER) == 1

    # Bram deletes his account in November: October stays what it was, November's members
    # at its end are two, and he is the one who left in November.
    with at(date(2026, 11, 15), 10), django_capture_on_commit_callbacks(execute=True):
        erase(bram)
    assert not stale(nb)
    assert value(nb, "clubs.members", OCTOBER) == 2
    assert value(nb, "clubs.joined", OCTOBER) == 2
    assert value(nb, "clubs.left", OCTOBER) == 0
    assert value(nb, "clubs.members", NOVEMBER) == 2
    assert value(nb, "clubs.members", NOVEMBER, organisation) == 2
    assert value(nb, "clubs.joined", NOVEMBER) == 1
    assert value(nb, "clubs.left", NOVEMBER) == 1
    assert value(nb, "clubs.left", NOVEMBER, organisation) == 1
    with scopes_disabled():  # what is kept: when the membership began, nobody's name
        kept = list(ClubMemberEnd.objects.filter(club=club).values_list("joined_at", flat=True))
    assert kept == [local(date(2026, 10, 31), time(23, 50))]

    # Carla leaves in December: November is untouched.
    with scope(neighbourhood=nb):
        leaving = ClubMember.objects.get(club=club, user=carla)
    with at(date(2026, 12, 3), 9):
        run(actions.member_leave, member=leaving)
    assert value(nb, "clubs.members", NOVEMBER) == 2
    assert value(nb, "clubs.members", DECEMBER) == 1
    assert value(nb, "clubs.left", DECEMBER) == 1


@pytest.mark.parametrize("rows", [10, 100])
def test_counting_a_month_takes_the_same_queries_for_10_and_100_members(nb, anna, rows):
    with at(date(2026, 11, 2), 12):
        club = make_club(nb, board=anna)
        ClubMember.objects.bulk_create(
            ClubMember(neighbourhood=nb, club=club, user=user, joined_at=local(date(2026, 11, 2)))
            for user in UserFactory.create_batch(rows)
        )
    assert queries_of_counts(counts, nb, NOVEMBER) == 5
