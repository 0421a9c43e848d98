"""Background work of feedback's complaints. Tasks take ids, reload (``core.tasks.load``: nothing
when the component is switched off), re-enter the neighbourhood's scope, and may run more than
once: e-mails go through ``send_to``/``send_to_address`` (once per run), reminders are claimed
with a conditional update (``claim_once``). The owners' e-mails carry no names or texts, only a
link to the complaint."""

from __future__ import annotations

import datetime as dt

from django.tasks import task
from django.utils import timezone
from django_scopes import scope

from buurtplein.core.tasks import claim_once, load, send_to, send_to_address
from buurtplein.core.urls import nb_reverse
from buurtplein.feedback import actions
from buurtplein.feedback.models import REMIND_BEFORE_DEADLINE_DAYS, Complaint


def _load(pk):
    return load(Complaint, pk, "organisation", "person", "owner")


def status_url(complaint: Complaint) -> str:
    """Where the person follows their complaint: their page (a member) or the link with the
    complaint's secret (anyone else)."""
    if complaint.person_id is not None:
        return nb_reverse(
            "feedback:complaint", complaint.neighbourhood, kwargs={"pk": complaint.pk}
        )
    return nb_reverse("feedback:status", complaint.neighbourhood, kwargs={"token": complaint.token})


def _to_person(complaint: Complaint, template: str, context: dict, key: str) -> bool:
    context = {**context, "complaint": complaint, "status_url": status_url(complaint)}
    if complaint.person_id is not None:
        person = complaint.person
        if not person.is_active or not person.email:
            return False
        return send_to(person, template, context, key=key)
    if not complaint.email:
        return False  # its details were removed
    return send_to_address(complaint.email, complaint.language, template, context, key=key)


def _owner_url(complaint):
    return nb_reverse("feedback:complaint", complaint.neighbourhood, kwargs={"pk": complaint.pk})


@task
def notify_received(complaint_id: int) -> int:
    """The receipt to the person, at once; and to the owners: a complaint waits for them."""
    complaint = _load(complaint_id)
    if complaint is None or complaint.erased_at is not None:
        return 0
    sent = 0
    with scope(neighbourhood=complaint.neighbourhood):
        sent += _to_person(
            complaint, "feedback/email/received", {}, key=f"complaint:{complaint.pk}"
        )
        context = {"complaint": complaint, "url": _owner_url(complaint)}
        for person in actions.owners_of(complaint):
            sent += send_to(person, "feedback/email/new", context, key=str(complaint.pk))
    return sent


@task
def notify_person(complaint_id: int, what: str) -> bool:
    """Tell the person: acknowledged (by whom, by when), a new deadline, or the outcome."""
    complaint = _load(complaint_id)
    if complaint is None or complaint.erased_at is not None:
        return False
    with scope(neighbourhood=complaint.neighbourhood):
        return _to_person(
            complaint,
            f"feedback/email/{what}",
            {"owner_name": complaint.owner.first_name if complaint.owner else ""},
            key=f"complaint:{complaint.pk}:{what}:{complaint.deadline:%Y%m%d}",
        )


@task
def check_complaint(complaint_id: int) -> str:
    """Planned at the moment to acknowledge by, a week before the deadline and at the deadline:
    remind the owners once of each while the complaint waits for them."""
    complaint = _load(complaint_id)
    if complaint is None or not complaint.is_open:
        return ""
    return remind(complaint, timezone.now())


def remind(complaint: Complaint, now: dt.datetime) -> str:
    done = []
    context = {"complaint": complaint, "url": _owner_url(complaint)}
    key = str(complaint.pk)
    with scope(neighbourhood=complaint.neighbourhood):
        whom = (
            [complaint.owner]
            if complaint.owner is not None and complaint.owner.is_active
            else actions.owners_of(complaint)
        )
        steps = []
        if complaint.state == Complaint.State.RECEIVED and complaint.acknowledge_by <= now:
            steps.append(("acknowledge_reminded_at", "feedback/email/acknowledge_reminder"))
        if complaint.deadline - dt.timedelta(days=REMIND_BEFORE_DEADLINE_DAYS) <= now:
            steps.append(("deadline_reminded_at", "feedback/email/deadline_reminder"))
        if complaint.deadline <= now:
            steps.append(("overdue_reminded_at", "feedback/email/overdue"))
        for field, template in steps:
            if claim_once(
                f"complaint-{field}:{complaint.pk}",
                lambda field=field: actions.claim(complaint, field, now),
            ):
                for person in whom:
                    send_to(person, template, context, key=key)
                done.append(field.split("_")[0])
    return ",".join(done)
