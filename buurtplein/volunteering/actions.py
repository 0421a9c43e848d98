"""Writes of volunteering. Views, tasks, the demo and the management commands call these;
nothing else changes vacancies or responses.

Lifecycles (each transition has a test):

* **Vacancy**: ``open → filled`` (enough responses accepted, or by hand) ``| closed`` (by hand)
  ``| expired`` (after 60 days) ``| removed`` (a buurtverbinder, audit-logged). ``filled``,
  ``closed`` and ``expired`` go back to ``open`` by reopening or renewing, for 60 days from
  then. One reminder to the contact person seven days before the end.
* **Response**: ``new → accepted | declined | withdrawn``; ``accepted → withdrawn``.
* **Follow-up** (per side of an accepted response): 30 days after the acceptance it is due;
  :func:`follow_up_claim` claims the e-mail to one side once (conditional update); the answer
  (yes / partly / no + note) is stored per side and may be changed.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtplein.core import ratelimit, search
from buurtplein.core.audit import log_action
from buurtplein.core.expiry import Lifecycle, RenewRefused
from buurtplein.core.models import Membership
from buurtplein.core.tasks import enqueue_later
from buurtplein.core.text import render_markdown
from buurtplein.volunteering import matching
from buurtplein.volunteering.models import (
    FOLLOW_UP_DAYS,
    MAX_HOURS,
    MAX_PEOPLE,
    MIN_HOURS,
    FollowUpAnswer,
    Frequency,
    HoursPer,
    Offer,
    Place,
    Response,
    ResponseState,
    Side,
    State,
    Suitable,
    TimeKind,
    Vacancy,
    VacancyTopic,
    Visibility,
)

REOPENABLE = (State.FILLED, State.CLOSED, State.EXPIRED)


def _changed(vacancy: Vacancy) -> None:
    from buurtplein.volunteering.selectors import home_changed

    home_changed(vacancy.neighbourhood_id)


def _on_commit(task_name: str, *args) -> None:
    from buurtplein.volunteering import tasks

    task = getattr(tasks, task_name)
    transaction.on_commit(lambda: task.enqueue(*args))


VACANCY_EXPIRY = Lifecycle(
    model=Vacancy,
    check_task="buurtplein.volunteering.tasks.check_vacancy",
    reminder_task="buurtplein.volunteering.tasks.send_reminder",
    reminder_template="volunteering/email/reminder",
    recipient="contact",
    context_name="vacancy",
    reopen_from=(State.FILLED, State.CLOSED),
    reset_on_renew={"filled_at": None, "closed_at": None},
    changed=_changed,
    reminder_related=("contact", "organisation"),
)
"""Open for 60 days, one reminder to the contact person a week before the end, then expired;
a filled or closed vacancy may be reopened (``core.expiry``)."""


def index_for_search(vacancy: Vacancy) -> None:
    """Its words for the neighbourhood's search: title, task, when, where, organisation."""
    search.store(
        vacancy,
        vacancy.title,
        vacancy.task,
        vacancy.schedule,
        vacancy.address,
        vacancy.organisation.name,
    )


def reindex_organisation(organisation) -> None:
    """Store the search words of the organisation's vacancies again (its name is in them),
    after the organisation was renamed (``core.search.organisation_renamed``)."""
    vacancies = Vacancy.objects.filter(organisation=organisation).select_related("organisation")
    for vacancy in vacancies:
        index_for_search(vacancy)


def is_staff_of(user, organisation) -> bool:
    if organisation is None or user is None or not user.is_authenticated:
        return False
    return organisation.staff.filter(pk=user.pk).exists()


def _is_verified_here(user, neighbourhood) -> bool:
    return Membership.objects.filter(
        neighbourhood=neighbourhood, user=user, status=Membership.Status.VERIFIED
    ).exists()


def _check(
    *,
    neighbourhood,
    organisation,
    contact,
    time_kind: str,
    date_start: date | None,
    date_end: date | None,
    frequency: str,
    hours: Decimal | None,
    place: str,
    address: str,
    offers: list[str],
    suitable_for: list[str],
    people_wanted: int,
    visibility: str,
) -> None:
    """What a form cannot know (or a caller other than the form might get wrong)."""
    errors = {}
    if time_kind not in TimeKind.values:
        errors["time_kind"] = _("Choose whether it is one-off or regular.")
    elif time_kind == TimeKind.ONE_OFF and date_start is None:
        errors["date_start"] = _("Say on which day it is (or from which day).")
    elif time_kind == TimeKind.REGULAR and frequency not in Frequency.values:
        errors["frequency"] = _("Say how often.")
    if date_start and date_end and date_end < date_start:
        errors["date_end"] = _("This date is before the start date.")
    if hours is None or not MIN_HOURS <= hours <= MAX_HOURS:
        errors["hours"] = _("Say about how many hours: between half an hour and 99 hours.")
    if place not in Place.values:
        errors["place"] = _("Choose where the work is.")
    elif place == Place.ADDRESS and not address.strip():
        errors["address"] = _("Write the address, or choose “at home or online”.")
    if not set(offers) <= set(Offer.values) or not set(suitable_for) <= set(Suitable.values):
        errors["offers"] = _("Choose from the list.")
    if not 1 <= people_wanted <= MAX_PEOPLE:
        errors["people_wanted"] = _("Write a number from 1 to 50.")
    if visibility not in Visibility.values:
        errors["visibility"] = _("Choose who can see this.")
    if not neighbourhood.organisations.filter(pk=organisation.pk).exists():
        errors["organisation"] = _("This organisation is not active in this neighbourhood.")
    if contact is not None and not (
        is_staff_of(contact, organisation) and _is_verified_here(contact, neighbourhood)
    ):
        errors["contact"] = _(
            "The contact person must work for the organisation and be a member here."
        )
    if errors:
        raise ValidationError(errors)


def _set_topics(vacancy: Vacancy, chosen: list[int]) -> None:
    """The chosen skills and interests, and those the text points to (for suggestions)."""
    topics = matching.topics_of(
        title=vacancy.title, task=vacancy.task, chosen=chosen, things=matching.vocabulary()
    )
    VacancyTopic.objects.filter(vacancy=vacancy).delete()
    VacancyTopic.objects.bulk_create(
        [
            VacancyTopic(
                neighbourhood_id=vacancy.neighbourhood_id,
                vacancy=vacancy,
                interest_id=interest_id,
                chosen=is_chosen,
                words=words,
            )
            for interest_id, (is_chosen, words) in sorted(topics.items())
        ]
    )


def _time_fields(time_kind, date_start, date_end, frequency, schedule, hours, hours_per) -> dict:
    """One-off: dates, no frequency; regular: how often and when, no dates."""
    if time_kind == TimeKind.ONE_OFF:
        return {
            "date_start": date_start,
            "date_end": date_end if date_end and date_end != date_start else None,
            "frequency": "",
            "schedule": schedule.strip(),
            "hours": hours,
            "hours_per": "",
        }
    return {
        "date_start": None,
        "date_end": None,
        "frequency": frequency,
        "schedule": schedule.strip(),
        "hours": hours,
        "hours_per": hours_per if hours_per in HoursPer.values else HoursPer.TIME,
    }


@transaction.atomic
def vacancy_create(
    *,
    actor,
    neighbourhood,
    organisation,
    title: str,
    task: str,
    time_kind: str,
    hours: Decimal | None,
    place: str,
    date_start: date | None = None,
    date_end: date | None = None,
    frequency: str = "",
    schedule: str = "",
    hours_per: str = "",
    address: str = "",
    topics: list[int] | None = None,
    offers: list[str] | None = None,
    suitable_for: list[str] | None = None,
    contact=None,
    people_wanted: int = 1,
    visibility: str = Visibility.MEMBERS,
    created_at: datetime | None = None,
) -> Vacancy:
    """Post a vacancy for an organisation the actor works for; open for 60 days, with a
    reminder to the contact person (the actor unless a colleague is chosen) a week before."""
    ratelimit.check("listing", user=actor)
    if not is_staff_of(actor, organisation):
        raise ValidationError(
            {"organisation": _("You can only post vacancies for your own organisation.")}
        )
    contact = contact or actor
    offers, suitable_for = list(offers or []), list(suitable_for or [])
    _check(
        neighbourhood=neighbourhood,
        organisation=organisation,
        contact=contact,
        time_kind=time_kind,
        date_start=date_start,
        date_end=date_end,
        frequency=frequency,
        hours=hours,
        place=place,
        address=address,
        offers=offers,
        suitable_for=suitable_for,
        people_wanted=people_wanted,
        visibility=visibility,
    )
    created_at = created_at or timezone.now()
    vacancy = Vacancy.objects.create(
        neighbourhood=neighbourhood,
        organisation=organisation,
        posted_by=actor,
        contact=contact,
        title=title.strip(),
        task=task.strip(),
        task_html=render_markdown(task),
        time_kind=time_kind,
        **_time_fields(time_kind, date_start, date_end, frequency, schedule, hours, hours_per),
        place=place,
        address=address.strip() if place == Place.ADDRESS else "",
        offers=[value for value in Offer.values if value in offers],
        suitable_for=[value for value in Suitable.values if value in suitable_for],
        people_wanted=people_wanted,
        visibility=visibility,
        created_at=created_at,
        expires_at=VACANCY_EXPIRY.expires_at(created_at),
    )
    _set_topics(vacancy, list(topics or []))
    index_for_search(vacancy)
    VACANCY_EXPIRY.schedule(vacancy)
    _changed(vacancy)
    return vacancy


@transaction.atomic
def vacancy_update(
    *,
    actor,
    vacancy: Vacancy,
    title: str,
    task: str,
    time_kind: str,
    hours: Decimal | None,
    place: str,
    date_start: date | None = None,
    date_end: date | None = None,
    frequency: str = "",
    schedule: str = "",
    hours_per: str = "",
    address: str = "",
    topics: list[int] | None = None,
    offers: list[str] | None = None,
    suitable_for: list[str] | None = None,
    contact=None,
    people_wanted: int = 1,
    visibility: str = Visibility.MEMBERS,
) -> Vacancy:
    """Change what the vacancy says. The organisation stays (responses were to it)."""
    contact = contact or vacancy.contact or actor
    offers, suitable_for = list(offers or []), list(suitable_for or [])
    _check(
        neighbourhood=vacancy.neighbourhood,
        organisation=vacancy.organisation,
        contact=contact,
        time_kind=time_kind,
        date_start=date_start,
        date_end=date_end,
        frequency=frequency,
        hours=hours,
        place=place,
        address=address,
        offers=offers,
        suitable_for=suitable_for,
        people_wanted=people_wanted,
        visibility=visibility,
    )
    vacancy.title = title.strip()
    vacancy.task = task.strip()
    vacancy.task_html = render_markdown(task)
    vacancy.time_kind = time_kind
    for name, value in _time_fields(
        time_kind, date_start, date_end, frequency, schedule, hours, hours_per
    ).items():
        setattr(vacancy, name, value)
    vacancy.place = place
    vacancy.address = address.strip() if place == Place.ADDRESS else ""
    vacancy.offers = [value for value in Offer.values if value in offers]
    vacancy.suitable_for = [value for value in Suitable.values if value in suitable_for]
    vacancy.contact = contact
    vacancy.people_wanted = people_wanted
    vacancy.visibility = visibility
    vacancy.edited_at = timezone.now()
    vacancy.save()
    _set_topics(vacancy, list(topics or []))
    index_for_search(vacancy)
    _changed(vacancy)
    return vacancy


def vacancy_renew(*, actor, vacancy: Vacancy, now: datetime | None = None) -> Vacancy:
    """Open for 60 days from now: an open (almost ending) or expired vacancy."""
    try:
        return VACANCY_EXPIRY.renew(vacancy, now=now)
    except RenewRefused:
        raise ValidationError(_("Only an open or expired vacancy can be renewed.")) from None


@transaction.atomic
def vacancy_set_state(*, actor, vacancy: Vacancy, state: str) -> Vacancy:
    """By hand: mark filled, close, or reopen (filled, closed or expired → open for 60 days)."""
    now = timezone.now()
    if state == State.OPEN:
        if vacancy.state not in REOPENABLE:
            raise ValidationError(_("This vacancy is open already."))
        VACANCY_EXPIRY.renew(vacancy, now=now, reopen=True)
    elif state == State.FILLED:
        if vacancy.state not in (State.OPEN, State.EXPIRED):
            raise ValidationError(_("Only an open vacancy can be marked as filled."))
        vacancy.state, vacancy.filled_at = State.FILLED, now
        vacancy.save(update_fields=["state", "filled_at"])
    elif state == State.CLOSED:
        if vacancy.state not in (State.OPEN, State.FILLED, State.EXPIRED):
            raise ValidationError(_("This vacancy is closed already."))
        vacancy.state, vacancy.closed_at = State.CLOSED, now
        vacancy.save(update_fields=["state", "closed_at"])
    else:
        raise ValidationError(_("Choose what you want to do."))
    _changed(vacancy)
    if actor is not None and actor.pk != vacancy.contact_id:
        log_action(actor=actor, action=f"volunteering.vacancy.{state}", target=vacancy)
    return vacancy


@transaction.atomic
def vacancy_remove(*, actor, vacancy: Vacancy) -> Vacancy:
    """A buurtverbinder takes a vacancy off the platform (audit-logged)."""
    if vacancy.state == State.REMOVED:
        return vacancy
    vacancy.state = State.REMOVED
    vacancy.closed_at = timezone.now()
    vacancy.save(update_fields=["state", "closed_at"])
    log_action(actor=actor, action="volunteering.vacancy.remove", target=vacancy)
    _changed(vacancy)
    return vacancy


# --- expiry -------------------------------------------------------------------------------------


def vacancy_check(vacancy: Vacancy, *, now: datetime | None = None) -> str:
    """Expire the vacancy when its date has passed, or claim and plan the one reminder when it
    ends within seven days. Returns what happened ("expired", "reminded" or "")."""
    return VACANCY_EXPIRY.check(vacancy, now=now)


def expire_and_remind(*, neighbourhood, now: datetime | None = None) -> dict[str, int]:
    """The daily round for one neighbourhood (the cron safety net calls it for all)."""
    return VACANCY_EXPIRY.round(neighbourhood=neighbourhood, now=now)


def expiry_due_counts(neighbourhood, *, now: datetime) -> dict[str, int]:
    """What :func:`expire_and_remind` would do now (``volunteering_expire --dry-run``)."""
    return VACANCY_EXPIRY.due_counts(neighbourhood, now)


# --- responses ----------------------------------------------------------------------------------


def _manages(user, vacancy: Vacancy) -> bool:
    return (user is not None and vacancy.contact_id == user.pk) or is_staff_of(
        user, vacancy.organisation
    )


@transaction.atomic
def response_create(*, vacancy: Vacancy, person, message: str) -> Response:
    """A neighbour responds: the response is stored and a private conversation with the
    contact person opens (or goes on) with the message. Responding again after withdrawing
    takes the response up again. Messaging refuses (ValidationError) when one blocked the
    other; then nothing is stored."""
    ratelimit.check("reply", user=person)
    from buurtplein.messaging.actions import conversation_start

    message = message.strip()
    if not message:
        raise ValidationError({"message": _("Write a short message.")})
    if vacancy.state != State.OPEN:
        raise ValidationError(_("This vacancy is no longer open."))
    if _manages(person, vacancy):
        raise ValidationError(_("This is a vacancy of your own organisation."))
    if vacancy.contact is None:
        raise ValidationError(_("This vacancy has no contact person at the moment."))
    response = Response.objects.select_for_update().filter(vacancy=vacancy, person=person).first()
    if response is not None and response.state != ResponseState.WITHDRAWN:
        if response.state == ResponseState.DECLINED:
            raise ValidationError(_("The organisation has already answered your response."))
        raise ValidationError(_("You have already responded to this vacancy."))
    conversation = conversation_start(
        neighbourhood=vacancy.neighbourhood,
        starter=person,
        other=vacancy.contact,
        about=vacancy,
        subject=vacancy.title,
        text=message,
    )
    now = timezone.now()
    if response is None:
        response = Response.objects.create(
            neighbourhood_id=vacancy.neighbourhood_id,
            vacancy=vacancy,
            person=person,
            message=message,
            conversation=conversation,
            created_at=now,
        )
    else:
        response.message, response.conversation = message, conversation
        response.state, response.created_at = ResponseState.NEW, now
        response.withdrawn_at = response.answered_at = response.accepted_at = None
        response.answered_by = None
        response.save()
    _on_commit("notify_response", response.pk, ResponseState.NEW)
    return response


def _accepted_count(vacancy: Vacancy) -> int:
    return Response.objects.filter(vacancy=vacancy, state=ResponseState.ACCEPTED).count()


@transaction.atomic
def response_accept(*, actor, response: Response, now: datetime | None = None) -> Response:
    """The organisation says yes. When as many are accepted as the vacancy wants people, the
    vacancy is filled. The follow-up is planned 30 days later."""
    vacancy = Vacancy.objects.select_for_update().get(pk=response.vacancy_id)
    if not _manages(actor, vacancy):
        raise ValidationError(_("Only the organisation of the vacancy can answer."))
    if response.state != ResponseState.NEW:
        raise ValidationError(_("This response has been answered already."))
    if vacancy.state not in (State.OPEN, State.EXPIRED):
        raise ValidationError(
            _("This vacancy is filled or closed. Reopen it to accept more people.")
        )
    accepted = _accepted_count(vacancy)
    if accepted >= vacancy.people_wanted:
        raise ValidationError(
            _("You have accepted as many people as you asked for. Change the number first.")
        )
    now = now or timezone.now()
    response.state = ResponseState.ACCEPTED
    response.answered_at = response.accepted_at = now
    response.answered_by = actor
    response.save(update_fields=["state", "answered_at", "accepted_at", "answered_by"])
    if accepted + 1 >= vacancy.people_wanted:
        vacancy.state, vacancy.filled_at = State.FILLED, now
        vacancy.save(update_fields=["state", "filled_at"])
        response.vacancy = vacancy
        _changed(vacancy)
    log_action(actor=actor, action="volunteering.response.accept", target=response)
    from buurtplein.volunteering import tasks

    pk, due = response.pk, now + timedelta(days=FOLLOW_UP_DAYS)
    transaction.on_commit(lambda: enqueue_later(tasks.follow_up, due, pk))
    _on_commit("notify_response", response.pk, ResponseState.ACCEPTED)
    return response


@transaction.atomic
def response_decline(*, actor, response: Response, note: str = "") -> Response:
    """The organisation says no, kindly: the person gets the standard message (in their own
    language) and the personal note, if any."""
    if not _manages(actor, response.vacancy):
        raise ValidationError(_("Only the organisation of the vacancy can answer."))
    if response.state != ResponseState.NEW:
        raise ValidationError(_("This response has been answered already."))
    response.state = ResponseState.DECLINED
    response.answered_at = timezone.now()
    response.answered_by = actor
    response.decline_note = note.strip()[:500]
    response.save(update_fields=["state", "answered_at", "answered_by", "decline_note"])
    log_action(actor=actor, action="volunteering.response.decline", target=response)
    _on_commit("notify_response", response.pk, ResponseState.DECLINED)
    return response


@transaction.atomic
def response_withdraw(*, actor, response: Response) -> Response:
    """The person takes their response back (also after it was accepted); the contact person
    hears it. A filled vacancy stays filled: its people reopen it if they need someone."""
    if actor.pk != response.person_id:
        raise ValidationError(_("Only the person who responded can withdraw."))
    if response.state not in (ResponseState.NEW, ResponseState.ACCEPTED):
        raise ValidationError(_("This response is closed already."))
    response.state = ResponseState.WITHDRAWN
    response.withdrawn_at = timezone.now()
    response.save(update_fields=["state", "withdrawn_at"])
    _on_commit("notify_response", response.pk, ResponseState.WITHDRAWN)
    return response


# --- the follow-up ------------------------------------------------------------------------------


def follow_up_due(response: Response, *, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        response.state == ResponseState.ACCEPTED
        and response.accepted_at is not None
        and response.accepted_at + timedelta(days=FOLLOW_UP_DAYS) <= now
    )


def follow_up_claim(response: Response, side: str, *, now: datetime | None = None) -> bool:
    """Claim the follow-up e-mail to one side (once): False when it is not due, that side has
    answered already (on the page), or it was claimed before."""
    now = now or timezone.now()
    if side not in Side.values or not follow_up_due(response, now=now):
        return False
    claimed = Response.objects.filter(
        pk=response.pk,
        state=ResponseState.ACCEPTED,
        **{f"{side}_asked_at__isnull": True, f"{side}_answer": ""},
    ).update(**{f"{side}_asked_at": now})
    if claimed:
        setattr(response, f"{side}_asked_at", now)
    return bool(claimed)


def follow_ups_due(neighbourhood, now: datetime):
    """Accepted responses of the neighbourhood whose follow-up is due and not yet asked of at
    least one side."""
    from django.db.models import Q

    return Response.objects.filter(
        neighbourhood=neighbourhood,
        state=ResponseState.ACCEPTED,
        accepted_at__lte=now - timedelta(days=FOLLOW_UP_DAYS),
    ).filter(
        Q(volunteer_asked_at__isnull=True, volunteer_answer="")
        | Q(
            organisation_asked_at__isnull=True,
            organisation_answer="",
            vacancy__contact__isnull=False,
        )
    )


@transaction.atomic
def follow_up_answer(
    *, actor, response: Response, side: str, answer: str, note: str = ""
) -> Response:
    """ "Did it lead to volunteering work?" — yes, partly or no, with an optional note, for
    one side. The answer can be changed."""
    if answer not in FollowUpAnswer.values:
        raise ValidationError({"answer": _("Choose yes, partly or no.")})
    if side == Side.VOLUNTEER:
        if actor.pk != response.person_id:
            raise ValidationError(_("This question was for someone else."))
    elif side == Side.ORGANISATION:
        if not _manages(actor, response.vacancy):
            raise ValidationError(_("This question was for someone else."))
    else:
        raise ValidationError(_("This question was for someone else."))
    if response.accepted_at is None or not (
        follow_up_due(response) or getattr(response, f"{side}_answer")
    ):
        raise ValidationError(_("This question comes a month after the acceptance."))
    now = timezone.now()
    setattr(response, f"{side}_answer", answer)
    setattr(response, f"{side}_note", note.strip()[:500])
    setattr(response, f"{side}_answered_at", now)
    fields = [f"{side}_answer", f"{side}_note", f"{side}_answered_at"]
    if side == Side.ORGANISATION:
        response.organisation_answered_by = actor
        fields.append("organisation_answered_by")
        log_action(
            actor=actor,
            action="volunteering.response.follow_up",
            target=response,
            data={"answer": answer},
        )
    response.save(update_fields=fields)
    return response


# --- people who leave -----------------------------------------------------------------------------


def contact_replacement(vacancy: Vacancy, leaving_user_id: int):
    """Who takes over as contact person when the contact leaves: the poster, else another
    staff member of the organisation who is a member here; None when nobody can."""
    candidates = []
    if vacancy.posted_by_id and vacancy.posted_by_id != leaving_user_id:
        candidates.append(vacancy.posted_by)
    candidates += list(vacancy.organisation.staff.exclude(pk=leaving_user_id).order_by("pk"))
    for person in candidates:
        if is_staff_of(person, vacancy.organisation) and _is_verified_here(
            person, vacancy.neighbourhood
        ):
            return person
    return None
