"""Online help's figures per month equal the rows: chats, the wait until a worker took them,
what they led to, the ratings, and e-mail questions answered (in time), in the month the
conversation began (in Amsterdam), for the neighbourhood and the worker's organisation —
the chat's steps are conditional updates and still counted at once; a worker's erasure
leaves the figures."""

from datetime import date, time

import pytest
import time_machine
from django_scopes import scope

from buurtplein.core.tests.moments import local
from buurtplein.onlinehulp import actions
from buurtplein.onlinehulp.counts import counts
from buurtplein.onlinehulp.models import Question
from buurtplein.onlinehulp.privacy import erase
from buurtplein.onlinehulp.tests.desk_world import ask
from buurtplein.onlinehulp.tests.factories import new_chat
from buurtplein.reporting.tests.figures import figure, queries_of_counts, stale, value

# Writes are counted into the count tables here (off elsewhere: conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.counting]

OCTOBER, NOVEMBER = date(2026, 10, 1), date(2026, 11, 1)


def at(day, hour, minute=0):
    return time_machine.travel(local(day, time(hour, minute)), tick=False)


def test_chats_and_questions_count_in_the_month_they_began(
    nb, desk, welfare, worker, django_capture_on_commit_callbacks
):
    def run(fn, **kwargs):
        with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
            return fn(**kwargs)

    with at(date(2026, 10, 31), 23, 58):
        chat, _token, _code = run(actions.chat_start, desk=desk, neighbourhood=nb)
    with at(date(2026, 11, 1), 0, 3):  # taken five minutes later, in November
        run(actions.chat_take, chat=chat, worker=worker, organisation=welfare)
    with at(date(2026, 11, 1), 0, 30):
        run(actions.chat_close, chat=chat, worker=worker)
        run(
            actions.chat_register,
            chat=chat,
            worker=worker,
            topic="Ruzie thuis",
            life_domain="",
            outcome="informed",
        )
        run(actions.chat_rate, chat=chat, rating=4)
    with at(date(2026, 11, 2), 10):  # a Monday
        question, _token, _code = run(ask, desk=desk, neighbourhood=nb)
    with at(date(2026, 11, 3), 10):
        run(actions.question_answer, question=question, worker=worker, text="Dit kun je doen.")
    assert not stale(nb)
    for organisation in (None, welfare):
        assert value(nb, "onlinehulp.chats", OCTOBER, organisation) == 1
        assert value(nb, "onlinehulp.chats_taken", OCTOBER, organisation) == 1
        assert figure(nb, "onlinehulp.wait", OCTOBER, organisation) == (5, 1)
        assert figure(nb, "onlinehulp.rating", OCTOBER, organisation) == (4, 1)
        assert value(nb, "onlinehulp.outcome_informed", OCTOBER, organisation) == 1
        assert value(nb, "onlinehulp.chats", NOVEMBER, organisation) == 0
        assert value(nb, "onlinehulp.questions", NOVEMBER, organisation) == 1
        assert value(nb, "onlinehulp.questions_answered", NOVEMBER, organisation) == 1
        assert figure(nb, "onlinehulp.in_time", NOVEMBER, organisation) == (1, 1)

    # The worker leaves: their shifts go, the conversations (and figures) stay.
    with at(date(2026, 12, 1), 10), django_capture_on_commit_callbacks(execute=True):
        erase(worker)
    assert value(nb, "onlinehulp.chats", OCTOBER, welfare) == 1
    with scope(neighbourhood=nb):
        assert Question.objects.count() == value(nb, "onlinehulp.questions", NOVEMBER)


@pytest.mark.parametrize("rows", [10, 100])
def test_counting_a_month_takes_the_same_queries_for_10_and_100_chats(nb, desk, welfare, rows):
    with at(date(2026, 11, 2), 12):
        for n in range(rows):
            new_chat(desk, nb, organisation=welfare, outcome="listened", rating=n % 5 + 1)
    assert queries_of_counts(counts, nb, NOVEMBER) == 4
