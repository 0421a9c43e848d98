"""Vraag & aanbod's and the beursvloer's figures per month equal the rows: placed, arranged,
thanked, supported and the beursvloer's pledges confirmed and delivered, each in the month of
its event (in Amsterdam), for the neighbourhood and the organisations' shares, also after an
erasure."""

from datetime import date, time
from decimal import Decimal

import pytest
import time_machine
from django_scopes import scope

from buurtplein.core.tests.moments import local
from buurtplein.exchange import actions
from buurtplein.exchange.counts import counts
from buurtplein.exchange.privacy import erase
from buurtplein.exchange.tests.factories import ItemFactory
from buurtplein.reporting.tests.figures import queries_of_counts, stale, value

# Writes are counted into the count tables here (off elsewhere: conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.counting]

OCTOBER, NOVEMBER = date(2026, 10, 1), date(2026, 11, 1)


def at(day, hour, minute=0):
    return time_machine.travel(local(day, time(hour, minute)), tick=False)


def test_items_and_pledges_count_in_the_month_of_their_event_also_after_an_erasure(
    nb, anna, bram, business, welfare, initiative, django_capture_on_commit_callbacks
):
    business.staff.add(anna)
    welfare.staff.add(bram)

    def run(fn, **kwargs):
        with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
            return fn(**kwargs)

    common = {"neighbourhood": nb, "direction": "offer", "kind": "things", "category": "tools"}
    with at(date(2026, 10, 31), 23, 45):  # placed in October, arranged in November
        drill = run(actions.item_create, owner=anna, deal="lend", title="Boormachine", **common)
        run(
            actions.item_create,
            owner=anna,
            deal="give",
            title="Ladder",
            organisation=business,
            **common,
        )
    with at(date(2026, 11, 1), 0, 15):
        run(actions.item_mark_done, actor=anna, item=drill, done_with=bram, candidates=[bram])
    with at(date(2026, 11, 2), 10):
        run(actions.thanks_create, item=drill, author=bram, text="Dank je!")
        support = run(
            actions.item_create,
            owner=bram,
            kind="money",
            category="initiative",
            initiative=initiative,
            title="Buurtfeest",
            **{k: v for k, v in common.items() if k not in ("kind", "category")},
        )
        run(actions.pledge_set, item=support, person=anna, amount=Decimal("25.40"))
    with at(date(2026, 11, 20), 10):  # a beursvloer pledge, confirmed by both
        pledge = run(
            actions.org_pledge_offer,
            actor=anna,
            neighbourhood=nb,
            giver=business,
            receiver=welfare,
            offer_type="people",
            title="Twee vrijwilligers",
            hours=16,
            value=Decimal("400"),
        )
        run(actions.org_pledge_answer, actor=bram, pledge=pledge, accept=True)
        run(actions.org_pledge_confirm, actor=bram, pledge=pledge)
        run(actions.org_pledge_confirm, actor=anna, pledge=pledge)
    assert not stale(nb)
    assert value(nb, "exchange.placed", OCTOBER) == 2
    assert value(nb, "exchange.placed", OCTOBER, business) == 1
    assert value(nb, "exchange.arranged", NOVEMBER) == 1
    assert value(nb, "exchange.placed", NOVEMBER) == 1
    assert value(nb, "exchange.thanks", NOVEMBER) == 1
    assert value(nb, "exchange.supporters", NOVEMBER) == 1
    assert value(nb, "exchange.pledged", NOVEMBER) == 25
    for organisation in (None, business, welfare):
        assert value(nb, "exchange.beursvloer_confirmed", NOVEMBER, organisation) == 1
        assert value(nb, "exchange.beursvloer_hours", NOVEMBER, organisation) == 16
        assert value(nb, "exchange.beursvloer_value", NOVEMBER, organisation) == 400
        assert value(nb, "exchange.beursvloer_delivered", NOVEMBER, organisation) == 0

    # Three months later the receiver says it happened: delivered, in the month confirmed.
    with at(date(2027, 2, 25), 10):
        run(actions.org_pledge_follow_up_answer, actor=bram, pledge=pledge, answer="yes")
    assert value(nb, "exchange.beursvloer_delivered", NOVEMBER) == 1
    assert value(nb, "exchange.beursvloer_delivered", NOVEMBER, business) == 1

    # Bram deletes his account: his thank-you, initiative and its support go.
    with at(date(2027, 3, 1), 10), django_capture_on_commit_callbacks(execute=True):
        erase(bram)
    assert value(nb, "exchange.thanks", NOVEMBER) == 0
    assert value(nb, "exchange.placed", NOVEMBER) == 0
    assert value(nb, "exchange.supporters", NOVEMBER) == 0
    assert value(nb, "exchange.arranged", NOVEMBER) == 1  # Anna's drill was still arranged
    assert value(nb, "exchange.beursvloer_confirmed", NOVEMBER) == 1  # organisations' pledge


@pytest.mark.parametrize("rows", [10, 100])
def test_counting_a_month_takes_the_same_queries_for_10_and_100_items(nb, anna, business, rows):
    with at(date(2026, 11, 10), 12):
        ItemFactory.create_batch(rows, neighbourhood=nb, owner=anna, organisation=business)
    assert queries_of_counts(counts, nb, NOVEMBER) == 7
