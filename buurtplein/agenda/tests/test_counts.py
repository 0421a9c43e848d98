"""The agenda's figures per month equal the rows: new activities, their dates and the people
signed up to go, each in the month of its event (in Amsterdam), for the neighbourhood and an
organisation's share, also after a date is cancelled and a person is erased."""

from datetime import date, time

import pytest
import time_machine
from django_scopes import scope

from buurtplein.agenda import actions
from buurtplein.agenda.counts import counts
from buurtplein.agenda.models import Occurrence
from buurtplein.agenda.privacy import erase
from buurtplein.agenda.tests.factories import ActivityFactory
from buurtplein.core.tests.moments import local
from buurtplein.reporting.tests.figures import queries_of_counts, stale, value

# Writes are counted into the count tables here (off elsewhere: conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.counting]

OCTOBER, NOVEMBER = date(2026, 10, 1), date(2026, 11, 1)


def at(day, hour, minute=0):
    return time_machine.travel(local(day, time(hour, minute)), tick=False)


def test_activities_dates_and_sign_ups_count_in_their_month_also_after_an_erasure(
    nb, organiser, ria, bram, welfare, django_capture_on_commit_callbacks
):
    def run(fn, **kwargs):
        with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
            return fn(**kwargs)

    def plan(day, start, end, **kwargs):
        activity = run(
            actions.activity_create,
            organiser=organiser,
            neighbourhood=nb,
            title=f"Buurtactiviteit {day}",
            start_date=day,
            start_time=start,
            end_time=end,
            **kwargs,
        )
        with scope(neighbourhood=nb):
            return Occurrence.objects.get(activity=activity)

    with at(date(2026, 10, 20), 10):
        # A late evening at the end of October, the morning of 1 November (the welfare
        # organisation's) and one in November that will be cancelled.
        late = plan(date(2026, 10, 31), time(21), time(23, 30))
        morning = plan(date(2026, 11, 1), time(0, 30), time(2), organisation=welfare)
        cancelled = plan(date(2026, 11, 5), time(10), time(12))
        run(actions.rsvp_set, occurrence=late, person=ria, party_size=2)
        run(actions.rsvp_set, occurrence=late, person=bram)
        run(actions.rsvp_set, occurrence=morning, person=ria, party_size=3)
        run(actions.rsvp_set, occurrence=cancelled, person=bram)
        run(actions.occurrence_cancel, actor=organiser, occurrence=cancelled)
    assert not stale(nb)
    assert value(nb, "agenda.new", OCTOBER) == 3
    assert value(nb, "agenda.new", OCTOBER, welfare) == 1
    assert value(nb, "agenda.dates", OCTOBER) == 1
    assert value(nb, "agenda.signups", OCTOBER) == 3
    assert value(nb, "agenda.dates", NOVEMBER) == 1  # the cancelled date did not happen
    assert value(nb, "agenda.signups", NOVEMBER) == 3
    assert value(nb, "agenda.dates", NOVEMBER, welfare) == 1
    assert value(nb, "agenda.signups", NOVEMBER, welfare) == 3

    # After both dates Ria deletes her account: her sign-ups go from both months.
    with at(date(2026, 11, 2), 9), django_capture_on_commit_callbacks(execute=True):
        erase(ria)
    assert value(nb, "agenda.signups", OCTOBER) == 1
    assert value(nb, "agenda.signups", NOVEMBER) == 0
    assert value(nb, "agenda.signups", NOVEMBER, welfare) == 0
    assert value(nb, "agenda.dates", NOVEMBER) == 1


@pytest.mark.parametrize("rows", [10, 100])
def test_counting_a_month_takes_the_same_queries_for_10_and_100_activities(
    nb, organiser, welfare, rows
):
    with at(date(2026, 11, 2), 12):
        ActivityFactory.create_batch(
            rows,
            neighbourhood=nb,
            organiser=organiser,
            organisation=welfare,
            start_date=date(2026, 11, 20),
        )
    assert queries_of_counts(counts, nb, NOVEMBER) == 6
