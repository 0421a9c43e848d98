"""Background work of referrals. Tasks take ids, reload (``core.tasks.load``: nothing when the
component is switched off), re-enter the neighbourhood's scope, and may run more than once:
each reminder and escalation is claimed with a conditional update (``claim_once``), and the
e-mails carry no personal details (only a link to the inbox or the referral)."""

from __future__ import annotations

from django.tasks import task
from django.utils import timezone
from django_scopes import scope

from buurtplein.core.tasks import claim_once, load, send_to
from buurtplein.referrals import actions
from buurtplein.referrals.models import Referral, State


def _load(pk):
    return load(Referral, pk, "organisation", "service", "referrer", "person")


@task
def notify_new(referral_id: int) -> int:
    """Tell the receiving organisation's staff that a referral is waiting in their inbox."""
    referral = _load(referral_id)
    if referral is None or referral.state != State.SENT:
        return 0
    sent = 0
    with scope(neighbourhood=referral.neighbourhood):
        for person in actions.staff_of(referral):
            sent += send_to(
                person, "referrals/email/new", {"referral": referral}, key=str(referral.pk)
            )
    return sent


@task
def notify_person(referral_id: int) -> bool:
    """Tell the member who was referred: which organisation will contact them, what it sees,
    until when, and where to withdraw their consent ("Doorverwijzingen over mij")."""
    referral = _load(referral_id)
    if referral is None or referral.person_id is None or not referral.consent_active:
        return False
    person = referral.person
    if not person.is_active or not person.email:
        return False
    with scope(neighbourhood=referral.neighbourhood):
        return send_to(person, "referrals/email/referred", {"referral": referral})


@task
def notify_referrer(referral_id: int, state: str) -> bool:
    """Tell the referrer the new state (never what the help is about)."""
    referral = _load(referral_id)
    if referral is None or referral.state != state or referral.referrer is None:
        return False
    with scope(neighbourhood=referral.neighbourhood):
        return send_to(
            referral.referrer,
            "referrals/email/state",
            {"referral": referral},
            key=f"{referral.pk}:{state}",
        )


@task
def check_referral(referral_id: int) -> str:
    """Planned at the reminder moment (3 working days) and the escalation moment (5): remind
    the staff once, then tell the coordinators once, while nobody answered."""
    referral = _load(referral_id)
    if referral is None or referral.state != State.SENT:
        return ""  # gone, switched off, or answered: nothing to do
    now = timezone.now()
    done = []
    context, key = {"referral": referral}, str(referral.pk)
    with scope(neighbourhood=referral.neighbourhood):
        if claim_once(
            f"referral-remind:{referral.pk}", lambda: actions.claim_reminder(referral, now)
        ):
            for person in actions.staff_of(referral):
                send_to(person, "referrals/email/reminder", context, key=key)
            done.append("reminded")
        if claim_once(
            f"referral-escalate:{referral.pk}", lambda: actions.claim_escalation(referral, now)
        ):
            coordinators = actions.coordinators_of(referral)
            for person in coordinators:
                send_to(
                    person,
                    "referrals/email/escalation",
                    context,
                    key=key,
                )
            if not coordinators and referral.referrer is not None:
                send_to(
                    referral.referrer,
                    "referrals/email/no_answer",
                    context,
                    key=key,
                )
            done.append("escalated")
    return ",".join(done)
