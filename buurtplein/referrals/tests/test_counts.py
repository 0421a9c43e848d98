"""Referrals' figures per month equal the rows: sent (per route), accepted, the time to a
first contact and completed, each in the month of its step (in Amsterdam), for the
neighbourhood and the receiving organisation — the steps are conditional updates, and still
counted at once; an erased person's referral is still counted."""

from datetime import date, time

import pytest
import time_machine
from django_scopes import scope

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.tests.factories import member
from buurtplein.core.tests.moments import local
from buurtplein.referrals import actions
from buurtplein.referrals.counts import counts
from buurtplein.referrals.models import ConsentHow, Route
from buurtplein.referrals.privacy import erase
from buurtplein.referrals.tests.factories import ReferralFactory, ServiceFactory
from buurtplein.reporting.tests.figures import figure, queries_of_counts, stale, value

# Writes are counted into the count tables here (off elsewhere: conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.counting]

OCTOBER, NOVEMBER = date(2026, 10, 1), date(2026, 11, 1)


def at(day, hour, minute=0):
    return time_machine.travel(local(day, time(hour, minute)), tick=False)


def test_referrals_count_in_the_month_of_each_step_also_after_an_erasure(
    nb, welfare, worker, professional, service, django_capture_on_commit_callbacks
):
    person = member(nb, first_name="Fatima")

    def run(fn, **kwargs):
        with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
            return fn(**kwargs)

    def refer(route=Route.PROFESSIONAL):
        return run(
            actions.referral_create,
            referrer=professional,
            neighbourhood=nb,
            service=service,
            route=route,
            consent_how=ConsentHow.IN_PERSON,
            consent_until=date(2027, 3, 1),
            person=person,
            question="Wil hulp bij de post.",
        )

    with at(date(2026, 10, 31), 23, 30):
        first = refer()
    with at(date(2026, 11, 1), 0, 30):  # an hour later, in November
        run(actions.referral_accept, referral=first, actor=worker)
    with at(date(2026, 11, 1), 1, 30):
        run(actions.referral_contact, referral=first, actor=worker)
    with at(date(2026, 11, 20), 10):
        run(actions.referral_end, referral=first, actor=worker, outcome="done")
        second = refer(Route.CONNECTOR)
        run(actions.referral_decline, referral=second, actor=worker, reason="Vol.")
    assert not stale(nb)
    for organisation in (None, welfare):
        assert value(nb, "referrals.sent", OCTOBER, organisation) == 1
        assert value(nb, "referrals.by_professional", OCTOBER, organisation) == 1
        assert value(nb, "referrals.sent", NOVEMBER, organisation) == 1
        assert value(nb, "referrals.by_connector", NOVEMBER, organisation) == 1
        assert value(nb, "referrals.accepted", NOVEMBER, organisation) == 1  # not the declined
        assert figure(nb, "referrals.first_contact", NOVEMBER, organisation) == (120, 1)
        assert value(nb, "referrals.done", NOVEMBER, organisation) == 1

    # The person deletes their account: their details leave the referrals, the referrals
    # (and so the figures) stay.
    with at(date(2026, 12, 1), 10), django_capture_on_commit_callbacks(execute=True):
        erase(person)
    assert value(nb, "referrals.sent", OCTOBER) == 1
    assert value(nb, "referrals.done", NOVEMBER) == 1


@pytest.mark.parametrize("rows", [10, 100])
def test_counting_a_month_takes_the_same_queries_for_10_and_100_referrals(nb, rows):
    with at(date(2026, 11, 2), 12):
        organisation = OrganisationFactory()
        service = ServiceFactory(neighbourhood=nb, organisation=organisation)
        ReferralFactory.create_batch(
            rows, neighbourhood=nb, service=service, organisation=organisation
        )
    assert queries_of_counts(counts, nb, NOVEMBER) == 2
