"""Writes of feedback: answering "Zou je ons aanbevelen?", and the complaints procedure —
submit, acknowledge, set the deadline, notes, the outcome — with its reminders. Every write by a
member of staff is audited (``core.audit.log_action``)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from buurtplein.core import ratelimit
from buurtplein.core.audit import log_action
from buurtplein.core.components import feedback_moments
from buurtplein.core.models import Membership, Role
from buurtplein.core.tasks import enqueue_later
from buurtplein.core.workdays import add_working_days
from buurtplein.feedback.models import (
    ACKNOWLEDGE_WORKING_DAYS,
    HANDLING_WEEKS,
    MAX_COMPLAINT,
    MAX_HANDLING_WEEKS,
    MAX_SENTENCE,
    REMIND_BEFORE_DEADLINE_DAYS,
    Answer,
    AnsweredMonth,
    Complaint,
    ComplaintNote,
    Outcome,
)


def month_of(moment: dt.datetime) -> dt.date:
    return timezone.localdate(moment).replace(day=1)


# --- "Zou je ons aanbevelen?" ---------------------------------------------------------------


def answered_this_month(neighbourhood, user, now: dt.datetime | None = None) -> bool:
    return AnsweredMonth.objects.filter(
        neighbourhood=neighbourhood, user=user, month=month_of(now or timezone.now())
    ).exists()


def answer_give(
    *,
    neighbourhood,
    moment: str,
    organisation_id: int | None,
    score: int,
    text: str = "",
    person=None,
    anonymous: bool = False,
    ip: str | None = None,
    now: dt.datetime | None = None,
) -> Answer:
    """Record one answer (0–10) after ``moment``, about the organisation (or the platform).
    A member answers at most once a month (``AnsweredMonth``, kept apart from the answer);
    ``anonymous``: the answer holds no person. People without an account (``person`` None) are
    held to once a month by the view's signed cookie."""
    now = now or timezone.now()
    if moment not in feedback_moments():
        raise ValidationError(_("This question is not asked here."))
    if not isinstance(score, int) or not 0 <= score <= 10:
        raise ValidationError({"score": _("Choose a number from 0 to 10.")})
    text = text.strip()
    if len(text) > MAX_SENTENCE:
        raise ValidationError(
            {"text": _("Keep it to one sentence: at most %(n)s characters.") % {"n": MAX_SENTENCE}}
        )
    ratelimit.check("feedback_answer", user=person, ip=ip)
    try:
        with transaction.atomic():
            if person is not None:
                AnsweredMonth.objects.create(
                    neighbourhood=neighbourhood, user=person, month=month_of(now), answered_at=now
                )
            return Answer.objects.create(
                neighbourhood=neighbourhood,
                organisation_id=organisation_id,
                moment=moment,
                score=score,
                text=text,
                person=None if anonymous else person,
                created_at=now,
            )
    except IntegrityError as error:
        raise ValidationError(_("You already answered this month. Thank you!")) from error


# --- Complaints -------------------------------------------------------------------------------


def owners_of(complaint: Complaint) -> list:
    """Who may own the complaint: the organisation's staff who are members here, or for the
    platform the neighbourhood's admins. Active accounts only, in a fixed order."""
    memberships = Membership.objects.filter(
        neighbourhood_id=complaint.neighbourhood_id,
        status=Membership.Status.VERIFIED,
        user__is_active=True,
    ).select_related("user")
    if complaint.organisation_id is None:
        memberships = memberships.filter(role=Role.ADMIN)
    else:
        memberships = memberships.filter(user__organisations=complaint.organisation_id)
    return [m.user for m in memberships.order_by("user_id").distinct()]


def complaint_submit(
    *,
    neighbourhood,
    text: str,
    organisation=None,
    person=None,
    name: str = "",
    email: str = "",
    wish: str = "",
    ip: str | None = None,
    now: dt.datetime | None = None,
) -> Complaint:
    """A resident's complaint about ``organisation`` (an organisation active here) or the
    platform (None). A member is known by their account; anyone else gives a name and an
    e-mail address (for the receipt, the acknowledgement and the outcome). The receipt goes out
    at once; the owners are told; the acknowledgement and the deadline are planned."""
    from buurtplein.feedback import tasks

    now = now or timezone.now()
    errors = {}
    text, wish, name, email = text.strip(), wish.strip(), name.strip(), email.strip()
    if not text:
        errors["text"] = _("Write what your complaint is about.")
    elif len(text) > MAX_COMPLAINT:
        errors["text"] = _("Keep it to at most %(n)s characters.") % {"n": MAX_COMPLAINT}
    if person is None:
        if not name:
            errors["name"] = _("Write your name.")
        if not email:
            errors["email"] = _("Give your e-mail address, so that we can answer you.")
    if (
        organisation is not None
        and not organisation.neighbourhoods.filter(pk=neighbourhood.pk).exists()
    ):
        errors["organisation"] = _("Choose an organisation of this neighbourhood.")
    if errors:
        raise ValidationError(errors)
    ratelimit.check("complaint", user=person, ip=ip)
    complaint = Complaint.objects.create(
        neighbourhood=neighbourhood,
        organisation=organisation,
        person=person,
        name="" if person is not None else name,
        email="" if person is not None else email,
        language=translation.get_language() or "",
        text=text,
        wish=wish,
        received_at=now,
        acknowledge_by=add_working_days(now, ACKNOWLEDGE_WORKING_DAYS),
        deadline=now + dt.timedelta(weeks=HANDLING_WEEKS),
    )
    transaction.on_commit(lambda: tasks.notify_received.enqueue(complaint.pk))
    _plan_checks(complaint)
    return complaint


def _plan_checks(complaint: Complaint) -> None:
    from buurtplein.feedback import tasks

    for when in (
        complaint.acknowledge_by,
        complaint.deadline - dt.timedelta(days=REMIND_BEFORE_DEADLINE_DAYS),
        complaint.deadline,
    ):
        transaction.on_commit(
            lambda when=when: enqueue_later(tasks.check_complaint, when, complaint.pk)
        )


def _may_own(actor, complaint: Complaint) -> bool:
    return any(user.pk == actor.pk for user in owners_of(complaint))


def complaint_acknowledge(
    *, complaint: Complaint, actor, deadline: dt.date | None = None, now=None
) -> Complaint:
    """The owner acknowledges the complaint personally and becomes its owner (the person is
    told who handles it and by when). ``deadline`` (a date) may set another deadline, from
    today up to ``MAX_HANDLING_WEEKS`` weeks after receipt."""
    from buurtplein.feedback import tasks

    now = now or timezone.now()
    if complaint.state != Complaint.State.RECEIVED:
        raise ValidationError(_("This complaint was acknowledged already."))
    if not _may_own(actor, complaint):
        raise ValidationError(_("Only its owners can acknowledge this complaint."))
    changed = _deadline_of(complaint, deadline, now) if deadline else None
    # Claimed with a conditional update: two owners acknowledging at once, one wins.
    if not Complaint.objects.filter(pk=complaint.pk, state=Complaint.State.RECEIVED).update(
        state=Complaint.State.ACKNOWLEDGED
    ):
        raise ValidationError(_("This complaint was acknowledged already."))
    complaint.state = Complaint.State.ACKNOWLEDGED
    complaint.owner = actor
    complaint.acknowledged_at = now
    fields = ["state", "owner", "acknowledged_at"]
    if changed:
        complaint.deadline = changed
        fields.append("deadline")
    complaint.save(update_fields=fields)  # a save: its month is counted again
    log_action(actor=actor, action="feedback.complaint.acknowledge", target=complaint)
    transaction.on_commit(lambda: tasks.notify_person.enqueue(complaint.pk, "acknowledged"))
    if changed:
        _plan_checks(complaint)
    return complaint


def _deadline_of(complaint: Complaint, day: dt.date, now) -> dt.datetime:
    latest = timezone.localdate(complaint.received_at + dt.timedelta(weeks=MAX_HANDLING_WEEKS))
    if day < timezone.localdate(now) or day > latest:
        raise ValidationError(
            {
                "deadline": _("Choose a date from today up to %(date)s.")
                % {"date": latest.strftime("%d-%m-%Y")}
            }
        )
    return dt.datetime.combine(day, dt.time(23, 59), tzinfo=timezone.get_current_timezone())


def complaint_set_deadline(*, complaint: Complaint, actor, deadline: dt.date, now=None):
    """The owner sets another deadline (the person is told)."""
    from buurtplein.feedback import tasks

    now = now or timezone.now()
    if not complaint.is_open or not _may_own(actor, complaint):
        raise ValidationError(_("Only its owners can change an open complaint."))
    complaint.deadline = _deadline_of(complaint, deadline, now)
    complaint.deadline_reminded_at = None
    complaint.overdue_reminded_at = None
    complaint.save(update_fields=["deadline", "deadline_reminded_at", "overdue_reminded_at"])
    log_action(actor=actor, action="feedback.complaint.deadline", target=complaint)
    transaction.on_commit(lambda: tasks.notify_person.enqueue(complaint.pk, "deadline"))
    _plan_checks(complaint)
    return complaint


def complaint_note(*, complaint: Complaint, actor, text: str) -> ComplaintNote:
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the note.")})
    if len(text) > 2000:
        raise ValidationError({"text": _("Keep it to at most %(n)s characters.") % {"n": 2000}})
    if not _may_own(actor, complaint):
        raise ValidationError(_("Only its owners can add notes."))
    note = ComplaintNote.objects.create(
        neighbourhood_id=complaint.neighbourhood_id, complaint=complaint, author=actor, text=text
    )
    log_action(actor=actor, action="feedback.complaint.note", target=complaint)
    return note


def complaint_close(
    *, complaint: Complaint, actor, outcome: str, outcome_text: str, now=None
) -> Complaint:
    """The outcome: written for the person and sent to them; the complaint is handled."""
    from buurtplein.feedback import tasks

    now = now or timezone.now()
    errors = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose the outcome.")
    outcome_text = outcome_text.strip()
    if not outcome_text:
        errors["outcome_text"] = _("Write the outcome for the person.")
    if errors:
        raise ValidationError(errors)
    if complaint.state != Complaint.State.ACKNOWLEDGED:
        raise ValidationError(_("Acknowledge the complaint first."))
    if not _may_own(actor, complaint):
        raise ValidationError(_("Only its owners can handle this complaint."))
    complaint.state = Complaint.State.CLOSED
    complaint.outcome = outcome
    complaint.outcome_text = outcome_text
    complaint.closed_at = now
    complaint.save(update_fields=["state", "outcome", "outcome_text", "closed_at"])
    log_action(actor=actor, action="feedback.complaint.close", target=complaint)
    transaction.on_commit(lambda: tasks.notify_person.enqueue(complaint.pk, "closed"))
    return complaint


# --- Reminders (claimed with a conditional update: safe to run twice) ------------------------


def acknowledge_reminders_due(neighbourhood, now):
    return list(
        Complaint.objects.filter(
            neighbourhood=neighbourhood,
            state=Complaint.State.RECEIVED,
            acknowledge_by__lte=now,
            acknowledge_reminded_at=None,
        )
    )


def deadline_reminders_due(neighbourhood, now):
    return list(
        Complaint.objects.filter(
            neighbourhood=neighbourhood,
            state__in=(Complaint.State.RECEIVED, Complaint.State.ACKNOWLEDGED),
            deadline__lte=now + dt.timedelta(days=REMIND_BEFORE_DEADLINE_DAYS),
        ).exclude(deadline_reminded_at__isnull=False, overdue_reminded_at__isnull=False)
    )


def claim(complaint: Complaint, field: str, now) -> bool:
    return bool(Complaint.objects.filter(pk=complaint.pk, **{field: None}).update(**{field: now}))
