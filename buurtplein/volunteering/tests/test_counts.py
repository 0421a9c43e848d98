"""Volunteering's figures per month equal the rows: vacancies, responses, acceptances and the
matches that worked out, each in the month of its event (in Amsterdam), for the neighbourhood
and the vacancy's organisation, also after the volunteer was erased."""

from datetime import date, time

import pytest
import time_machine
from django_scopes import scope

from buurtplein.core.tests.moments import local
from buurtplein.reporting.tests.figures import queries_of_counts, stale, value
from buurtplein.volunteering import actions
from buurtplein.volunteering.counts import counts
from buurtplein.volunteering.privacy import erase
from buurtplein.volunteering.tests.factories import ResponseFactory, VacancyFactory, post

# Writes are counted into the count tables here (off elsewhere: conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.counting]

OCTOBER, NOVEMBER = date(2026, 10, 1), date(2026, 11, 1)


def at(day, hour, minute=0):
    return time_machine.travel(local(day, time(hour, minute)), tick=False)


def test_vacancies_responses_and_matches_count_in_their_month_also_after_an_erasure(
    nb, welfare, sanne, els, bram, django_capture_on_commit_callbacks
):
    def run(fn, **kwargs):
        with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
            return fn(**kwargs)

    with at(date(2026, 10, 20), 10), django_capture_on_commit_callbacks(execute=True):
        vacancy = post(nb, sanne, welfare, people_wanted=2)
    with at(date(2026, 10, 31), 23, 55):
        response = run(actions.response_create, vacancy=vacancy, person=els, message="Graag!")
    with at(date(2026, 11, 1), 0, 5):
        run(actions.response_accept, actor=sanne, response=response)
    with at(date(2026, 11, 3), 10):
        other = run(actions.response_create, vacancy=vacancy, person=bram, message="Ik ook")
        run(actions.response_decline, actor=sanne, response=other)
    with at(date(2026, 12, 5), 10):  # the follow-up: it led to volunteering work
        run(actions.follow_up_answer, actor=els, response=response, side="volunteer", answer="yes")
    assert not stale(nb)
    for organisation in (None, welfare):
        assert value(nb, "volunteering.vacancies", OCTOBER, organisation) == 1
        assert value(nb, "volunteering.responses", OCTOBER, organisation) == 1
        assert value(nb, "volunteering.accepted", OCTOBER, organisation) == 0
        assert value(nb, "volunteering.responses", NOVEMBER, organisation) == 1
        assert value(nb, "volunteering.accepted", NOVEMBER, organisation) == 1
        assert value(nb, "volunteering.matches", NOVEMBER, organisation) == 1

    with at(date(2026, 12, 10), 10), django_capture_on_commit_callbacks(execute=True):
        erase(els)
    assert value(nb, "volunteering.responses", OCTOBER) == 0
    assert value(nb, "volunteering.accepted", NOVEMBER, welfare) == 0
    assert value(nb, "volunteering.matches", NOVEMBER) == 0
    assert value(nb, "volunteering.responses", NOVEMBER) == 1  # Bram's
    assert value(nb, "volunteering.vacancies", OCTOBER) == 1  # the vacancy stays


@pytest.mark.parametrize("rows", [10, 100])
def test_counting_a_month_takes_the_same_queries_for_10_and_100_responses(nb, welfare, rows):
    with at(date(2026, 11, 2), 12):
        vacancy = VacancyFactory(neighbourhood=nb, organisation=welfare)
        ResponseFactory.create_batch(rows, neighbourhood=nb, vacancy=vacancy)
    assert queries_of_counts(counts, nb, NOVEMBER) == 4
