"""Reminders when nothing happens: 3 working days (Monday to Friday without Dutch public
holidays, ``core.workdays``, whose own tests cover the calendar) without an answer remind
the receiving organisation's staff once; 5 working days tell its coordinators once (without
coordinators: the referrer). Frozen clocks across weekends."""

import datetime as dt
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django_scopes import scopes_disabled

from buurtplein.core.tests.moments import local
from buurtplein.referrals.models import Coordinator, Referral, State
from buurtplein.referrals.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db

FRIDAY = dt.date(2026, 12, 11)


def at(day, hour=10):
    return local(day, dt.time(hour))


def sent_on_friday(nb, service, professional):
    with time_machine.travel(at(FRIDAY), tick=False):
        return ReferralFactory(
            neighbourhood=nb, service=service, referrer=professional, created_at=at(FRIDAY)
        )


@pytest.fixture
def run_round(django_capture_on_commit_callbacks):
    """Run the round at ``when`` (and the tasks it plans); who got an e-mail."""

    def run(when):
        mail.outbox.clear()
        with (
            time_machine.travel(when, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            call_command("referrals_remind", stdout=io.StringIO())
        return sorted(m.to[0] for m in mail.outbox)

    return run


def test_the_weekend_does_not_count(nb, service, professional, worker, run_round):
    referral = sent_on_friday(nb, service, professional)
    # Monday and Tuesday: only one and two working days later.
    assert run_round(at(FRIDAY + dt.timedelta(days=3))) == []
    assert run_round(at(FRIDAY + dt.timedelta(days=4))) == []
    # Wednesday, just before the time it was sent: still not three.
    assert run_round(at(FRIDAY + dt.timedelta(days=5), hour=9)) == []
    # Wednesday at ten: the staff are reminded, once.
    assert run_round(at(FRIDAY + dt.timedelta(days=5))) == [worker.email]
    assert run_round(at(FRIDAY + dt.timedelta(days=5), hour=11)) == []
    with scopes_disabled():
        assert Referral.objects.get(pk=referral.pk).reminded_at is not None


def test_five_working_days_tell_the_coordinator_once(
    nb, service, professional, worker, welfare, run_round
):
    sent_on_friday(nb, service, professional)
    Coordinator.objects.create(neighbourhood=nb, organisation=welfare, user=worker)
    friday_after = FRIDAY + dt.timedelta(days=7)
    # Thursday: 4 working days, reminded, not yet escalated.
    assert run_round(at(friday_after - dt.timedelta(days=1))) == [worker.email]
    # The next Friday: 5 working days, the coordinator hears it, once.
    assert run_round(at(friday_after)) == [worker.email]
    assert "coördineert" in mail.outbox[0].body
    assert run_round(at(friday_after + dt.timedelta(days=3))) == []


def test_without_a_coordinator_the_referrer_hears_it(nb, service, professional, worker, run_round):
    sent_on_friday(nb, service, professional)
    sent = run_round(at(FRIDAY + dt.timedelta(days=7)))
    assert sent == sorted([worker.email, professional.email])


def test_an_answered_referral_is_not_reminded(nb, service, professional, worker, run_round):
    referral = sent_on_friday(nb, service, professional)
    with scopes_disabled():
        Referral.objects.filter(pk=referral.pk).update(state=State.ACCEPTED)
    assert run_round(at(FRIDAY + dt.timedelta(days=10))) == []


def test_the_planned_task_does_the_same_and_only_once(nb, service, professional, worker, run_round):
    from buurtplein.referrals.tasks import check_referral

    referral = sent_on_friday(nb, service, professional)
    with time_machine.travel(at(FRIDAY + dt.timedelta(days=2)), tick=False):
        assert check_referral.call(referral.pk) == ""  # early: nothing due on Sunday
    with time_machine.travel(at(FRIDAY + dt.timedelta(days=5)), tick=False):
        assert check_referral.call(referral.pk) == "reminded"
        assert check_referral.call(referral.pk) == ""
    assert [m.to[0] for m in mail.outbox] == [worker.email]


def test_a_consent_that_ran_out_ends_like_a_withdrawal(nb, service, professional, run_round):
    referral = sent_on_friday(nb, service, professional)
    with scopes_disabled():
        Referral.objects.filter(pk=referral.pk).update(consent_until=FRIDAY + dt.timedelta(days=3))
    run_round(at(FRIDAY + dt.timedelta(days=3), hour=23))  # the last day: still shared
    with scopes_disabled():
        assert Referral.objects.get(pk=referral.pk).person_name == referral.person_name
    run_round(at(FRIDAY + dt.timedelta(days=4), hour=0))
    with scopes_disabled():
        lapsed = Referral.objects.get(pk=referral.pk)
    assert lapsed.person_name == "" and lapsed.question == "" and lapsed.consent_withdrawn_at
    # an open referral ends as "niet gelukt": no reminders for a referral nobody can act on
    assert lapsed.state == State.FAILED and lapsed.ended_at is not None


def test_christmas_does_not_count(nb, service, professional, worker, run_round):
    """Sent on Wednesday 23 December 2026 at ten: Thursday is one working day, Friday
    (Eerste Kerstdag) and the weekend are none, Monday is two, Tuesday 29 December at ten
    is three."""
    wednesday = dt.date(2026, 12, 23)
    with time_machine.travel(at(wednesday), tick=False):
        ReferralFactory(
            neighbourhood=nb, service=service, referrer=professional, created_at=at(wednesday)
        )
    assert run_round(at(dt.date(2026, 12, 26))) == []
    assert run_round(at(dt.date(2026, 12, 28), hour=23)) == []
    assert run_round(at(dt.date(2026, 12, 29))) == [worker.email]
