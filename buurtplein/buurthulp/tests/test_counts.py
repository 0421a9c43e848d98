"""Neighbourhood help's figures per month equal its rows: requests asked, matched and helped,
the time to a first yes and the follow-up answers, each in the month its event happened (in
Amsterdam), also after the asker was erased."""

from datetime import date, time

import pytest
import time_machine
from django_scopes import scope

from buurtplein.accounts.actions import account_erase
from buurtplein.buurthulp import actions
from buurtplein.buurthulp.counts import counts
from buurtplein.buurthulp.models import HelpFollowUp, HelpRequest, State
from buurtplein.buurthulp.tests.factories import HelpRequestFactory, person
from buurtplein.buurthulp.tests.test_lifecycle import viewer_of
from buurtplein.core.models import Role
from buurtplein.core.tests.moments import local
from buurtplein.reporting.tests.figures import figure, queries_of_counts, stale, value

# Writes are counted into the count tables here (off elsewhere: conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.counting]

OCTOBER, NOVEMBER = date(2026, 10, 1), date(2026, 11, 1)


def test_requests_count_in_the_month_of_each_step_and_again_after_an_erasure(nb, run_tasks):
    asker, other_asker = person(nb, first_name="Els"), person(nb, first_name="Piet")
    helper = person(nb, first_name="Henk")
    connector = person(nb, role=Role.CONNECTOR, first_name="Karim")

    def at(day, hour, minute=0):
        return time_machine.travel(local(day, time(hour, minute)), tick=False)

    def suggest_and_accept(help_request):
        match = actions.match_suggest(
            help_request=help_request, viewer=viewer_of(connector, nb), helper=helper
        )
        actions.match_respond(match=match, viewer=viewer_of(helper, nb), accept=True)
        return match

    with scope(neighbourhood=nb):
        # Asked at 23:50 on 31 October, a yes 30 minutes later: asked in October, matched in
        # November.
        with at(date(2026, 10, 31), 23, 50):
            late = run_tasks(
                actions.request_create, neighbourhood=nb, asker=other_asker, title="Lamp ophangen"
            )
        with at(date(2026, 11, 1), 0, 20):
            run_tasks(suggest_and_accept, late)
        # Asked, a yes two hours later, chosen, helped, and both said whether it worked out.
        with at(date(2026, 11, 10), 9):
            asked = run_tasks(
                actions.request_create, neighbourhood=nb, asker=asker, title="Boodschappen"
            )
        with at(date(2026, 11, 10), 11):
            match = run_tasks(suggest_and_accept, asked)
        with at(date(2026, 11, 11), 10):
            run_tasks(actions.match_choose, match=match, viewer=viewer_of(asker, nb))
        with at(date(2026, 11, 12), 10):
            run_tasks(
                actions.request_transition,
                help_request=HelpRequest.objects.get(pk=asked.pk),
                to=State.HELPED,
                viewer=viewer_of(asker, nb),
            )
        with at(date(2026, 11, 13), 10):
            for follow_up, answer in zip(
                HelpFollowUp.objects.filter(request=asked).order_by("is_helper"),
                ("yes", "no"),
                strict=True,
            ):
                run_tasks(
                    actions.follow_up_answer,
                    follow_up=follow_up,
                    viewer=viewer_of(follow_up.person, nb),
                    answer=answer,
                )
        # A request asked in November that nobody answered yet.
        with at(date(2026, 11, 30), 23, 59):
            run_tasks(actions.request_create, neighbourhood=nb, asker=asker, title="Hond uitlaten")

    assert not stale(nb)  # the recount task ran after each write
    assert value(nb, "buurthulp.asked", OCTOBER) == 1
    assert value(nb, "buurthulp.matched", OCTOBER) == 0
    assert value(nb, "buurthulp.asked", NOVEMBER) == 2
    assert value(nb, "buurthulp.matched", NOVEMBER) == 2
    assert value(nb, "buurthulp.helped", NOVEMBER) == 1
    assert figure(nb, "buurthulp.first_answer", NOVEMBER) == (30 + 120, 2)
    assert figure(nb, "buurthulp.worked_out", NOVEMBER) == (1, 2)

    # The rows say the same, summed over the months.
    with scope(neighbourhood=nb):
        assert HelpRequest.objects.count() == 3
        assert HelpRequest.objects.filter(state=State.HELPED).count() == 1

    # The asker of the helped request deletes their account: their requests (and the answers
    # about them) go, and so do their figures; the other request is still counted.
    with at(date(2026, 12, 2), 10):
        run_tasks(account_erase, user=asker)
    assert value(nb, "buurthulp.asked", NOVEMBER) == 0
    assert value(nb, "buurthulp.matched", NOVEMBER) == 1
    assert value(nb, "buurthulp.helped", NOVEMBER) == 0
    assert figure(nb, "buurthulp.first_answer", NOVEMBER) == (30, 1)
    assert figure(nb, "buurthulp.worked_out", NOVEMBER) == (0, 0)
    assert value(nb, "buurthulp.asked", OCTOBER) == 1


@pytest.mark.parametrize("rows", [10, 100])
def test_counting_a_month_takes_the_same_queries_for_10_and_100_requests(nb, rows):
    asker = person(nb)
    with time_machine.travel(local(date(2026, 11, 10), time(12)), tick=False):
        HelpRequestFactory.create_batch(rows, neighbourhood=nb, asker=asker)
    assert queries_of_counts(counts, nb, NOVEMBER) == 2
