"""Writes of the agenda. Views, tasks, the demo and the management commands call these;
nothing else changes activities, their dates, sign-ups or feed links.

* An activity's dates are materialised (``_materialise``) up to ``HORIZON_DAYS`` ahead when it
  is created or edited, and daily by ``agenda_extend``. An edit keeps every future date that
  stays in the schedule (with its sign-ups, cancellation or move); dates that drop out go, and
  whoever was signed up hears it.
* Sign-ups lock the date's row (``SELECT … FOR UPDATE``; SQLite serialises writers with
  ``BEGIN IMMEDIATE``) before they count, so two people at once never overbook. A cancellation
  moves the waiting list up, first come first served among those who fit.
* Reminders the day before are claimed one sign-up at a time with a conditional ``UPDATE …
  WHERE reminded_at IS NULL``: sent once, whoever runs it (the planned task or
  ``agenda_remind``).
"""

from __future__ import annotations

import secrets
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from buurtplein.agenda import recurrence
from buurtplein.agenda.models import (
    HORIZON_DAYS,
    MAX_PARTY,
    NOTE_MAX,
    REMIND_BEFORE,
    Activity,
    ActivityPhoto,
    ActivityState,
    FeedToken,
    Occurrence,
    Rsvp,
    RsvpStatus,
    Visibility,
    groups_to_mask,
    local_tz,
)
from buurtplein.core import ratelimit, search
from buurtplein.core.audit import log_action
from buurtplein.core.photos import remove_photos, replace_photo
from buurtplein.core.tasks import enqueue_later
from buurtplein.core.text import render_markdown

MAX_YEARS_AHEAD = 2


def _changed(activity: Activity) -> None:
    from buurtplein.agenda.selectors import home_changed

    home_changed(activity.neighbourhood_id)


def may_act_for(user, organisation, neighbourhood) -> bool:
    """Whether ``user`` works for ``organisation`` and it is active in ``neighbourhood``."""
    if organisation is None or user is None or not user.is_authenticated:
        return False
    return (
        organisation.staff.filter(pk=user.pk).exists()
        and organisation.neighbourhoods.filter(pk=neighbourhood.pk).exists()
    )


def _log(actor, activity: Activity, action: str, **data) -> None:
    """Audit what is done for an organisation, or by someone other than the organiser (staff
    of the organisation, a buurtverbinder)."""
    if activity.organisation_id or actor is None or actor.pk != activity.organiser_id:
        log_action(actor=actor, action=action, target=activity, data=data or None)


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment, local_tz())


def _at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=local_tz())


def _check_schedule(
    *, start_date: date, start_time: time, end_time: time, rule: str, now: datetime, new: bool
) -> datetime:
    """The first start of the schedule (on or after ``start_date``), or a ValidationError
    that says which field to change."""
    errors = {}
    if end_time <= start_time:
        errors["end_time"] = _("The end time must be after the start time.")
    try:
        first = recurrence.first_matching(rule, _at(start_date, start_time))
    except (ValueError, TypeError):
        raise ValidationError({"repeat": _("Choose how often it repeats.")}) from None
    if first is None:
        errors["ends"] = _("With this end there is no date at all. Choose a later end.")
    elif new and first <= now:
        errors["start_date"] = _("This date has passed. Choose a date from today on.")
    elif first.date() > _local(now).date() + timedelta(days=366 * MAX_YEARS_AHEAD):
        errors["start_date"] = _("Choose a first date within two years.")
    if errors:
        raise ValidationError(errors)
    return first


def _check_details(*, capacity, cost, title: str) -> None:
    errors = {}
    if not title.strip():
        errors["title"] = _("Write a title.")
    if capacity is not None and capacity < 1:
        errors["capacity"] = _("Write at least 1 place, or leave it empty for no limit.")
    if cost is not None and cost <= 0:
        errors["cost"] = _("The amount must be more than 0. Leave it empty when it is free.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def activity_create(
    *,
    organiser,
    neighbourhood,
    title: str,
    start_date: date,
    start_time: time,
    end_time: time,
    rule: str = "",
    description: str = "",
    organisation=None,
    place_name: str = "",
    address: str = "",
    wheelchair_accessible: bool = False,
    hearing_loop: bool = False,
    accessibility_note: str = "",
    cost: Decimal | None = None,
    cost_note: str = "",
    target_groups=(),
    capacity: int | None = None,
    signup_required: bool = True,
    signup_question: str = "",
    visibility: str = Visibility.MEMBERS,
    photo=None,
    photo_alt: str = "",
    now: datetime | None = None,
) -> Activity:
    """Plan an activity, once or recurring; its dates for the coming year appear at once."""
    ratelimit.check("listing", user=organiser)
    now = now or timezone.now()
    _check_details(capacity=capacity, cost=cost, title=title)
    if organisation is not None and not may_act_for(organiser, organisation, neighbourhood):
        raise ValidationError(
            {"organisation": _("You can only organise for an organisation you work for.")}
        )
    first = _check_schedule(
        start_date=start_date,
        start_time=start_time,
        end_time=end_time,
        rule=rule,
        now=now,
        new=True,
    )
    activity = Activity.objects.create(
        neighbourhood=neighbourhood,
        organiser=organiser,
        organisation=organisation,
        title=title.strip(),
        description=description.strip(),
        description_html=render_markdown(description),
        place_name=place_name.strip(),
        address=address.strip(),
        wheelchair_accessible=wheelchair_accessible,
        hearing_loop=hearing_loop,
        accessibility_note=accessibility_note.strip(),
        cost=cost,
        cost_note=cost_note.strip(),
        target_groups=groups_to_mask(target_groups),
        capacity=capacity,
        signup_required=signup_required,
        signup_question=signup_question.strip() if signup_required else "",
        visibility=visibility,
        start_date=first.date(),
        start_time=start_time,
        end_time=end_time,
        rrule=rule,
        created_at=now,
        updated_at=now,
    )
    if photo is not None:
        replace_photo(owner=activity, upload=photo, alt_text=photo_alt)
    _materialise(activity, now=now)
    index_for_search(activity)
    if organisation is not None:
        log_action(actor=organiser, action="agenda.activity.create", target=activity)
    _changed(activity)
    return activity


@transaction.atomic
def activity_update(
    *,
    actor,
    activity: Activity,
    title: str,
    start_date: date,
    start_time: time,
    end_time: time,
    rule: str = "",
    description: str = "",
    place_name: str = "",
    address: str = "",
    wheelchair_accessible: bool = False,
    hearing_loop: bool = False,
    accessibility_note: str = "",
    cost: Decimal | None = None,
    cost_note: str = "",
    target_groups=(),
    capacity: int | None = None,
    signup_required: bool = True,
    signup_question: str = "",
    visibility: str = Visibility.MEMBERS,
    photo=None,
    photo_alt: str = "",
    remove_photo: bool = False,
    now: datetime | None = None,
) -> Activity:
    """Change an activity. Future dates that stay in the schedule keep their sign-ups; dates
    that drop out go (their people hear it); a bigger capacity moves waiting lists up."""
    now = now or timezone.now()
    if activity.state == ActivityState.REMOVED:
        raise ValidationError(_("This activity was removed."))
    _check_details(capacity=capacity, cost=cost, title=title)
    schedule_changed = (start_date, start_time, end_time, rule) != (
        activity.start_date,
        activity.start_time,
        activity.end_time,
        activity.rrule,
    )
    first = None
    if schedule_changed:
        first = _check_schedule(
            start_date=start_date,
            start_time=start_time,
            end_time=end_time,
            rule=rule,
            now=now,
            # A series that has not begun cannot begin in the past; a running one keeps its
            # first date (its past dates stay as they were).
            new=activity.first_start > now,
        )
    old_capacity = activity.capacity
    activity.title = title.strip()
    activity.description = description.strip()
    activity.description_html = render_markdown(description)
    activity.place_name = place_name.strip()
    activity.address = address.strip()
    activity.wheelchair_accessible = wheelchair_accessible
    activity.hearing_loop = hearing_loop
    activity.accessibility_note = accessibility_note.strip()
    activity.cost = cost
    activity.cost_note = cost_note.strip()
    activity.target_groups = groups_to_mask(target_groups)
    activity.capacity = capacity
    activity.signup_required = signup_required
    # Answers already given stay with their sign-ups (the organiser may ask again later).
    activity.signup_question = signup_question.strip() if signup_required else ""
    activity.visibility = visibility
    if first is not None:
        activity.start_date = first.date()
        activity.start_time = start_time
        activity.end_time = end_time
        activity.rrule = rule
    activity.sequence += 1
    activity.updated_at = now
    activity.save()
    index_for_search(activity)
    if remove_photo:
        remove_photos(owner=activity)
    if photo is not None:
        replace_photo(owner=activity, upload=photo, alt_text=photo_alt)
    elif photo_alt and not remove_photo:
        ActivityPhoto.objects.filter(activity=activity).update(alt_text=photo_alt.strip()[:200])
    if activity.state == ActivityState.ACTIVE:
        _materialise(activity, now=now, notify=True)
    else:
        _copy_to_dates(activity)
    if capacity is None or (old_capacity is not None and capacity > old_capacity):
        for occurrence in activity.occurrences.filter(starts_at__gt=now, waiting_count__gt=0):
            _lock_and_promote(occurrence.pk, now=now)
    _log(actor, activity, "agenda.activity.update")
    _changed(activity)
    return activity


def index_for_search(activity: Activity) -> None:
    """Its words for the neighbourhood's search: title, description, place and organisation."""
    search.store(
        activity,
        activity.title,
        activity.description,
        activity.place_name,
        activity.address,
        activity.organisation.name if activity.organisation_id else "",
    )


def reindex_organisation(organisation) -> None:
    """Store the search words of the organisation's activities again (its name is in them),
    after the organisation was renamed (``core.search.organisation_renamed``)."""
    activities = Activity.objects.filter(organisation=organisation).select_related("organisation")
    for activity in activities:
        index_for_search(activity)


def _copy_to_dates(activity: Activity) -> None:
    """What the calendar views filter on, copied onto every date of the activity."""
    Occurrence.objects.filter(activity=activity).update(
        target_groups=activity.target_groups,
        is_free=activity.is_free,
        public=activity.is_public,
        listed=activity.state != ActivityState.REMOVED,
    )


def _horizon(now: datetime) -> date:
    return _local(now).date() + timedelta(days=HORIZON_DAYS)


def _materialise(activity: Activity, *, now: datetime, notify: bool = False) -> int:
    """Make the dates of the schedule exist up to the horizon; returns how many were added.

    Dates are matched on their local day: a future date that is still in the schedule keeps
    its row (sign-ups, a cancellation, a move) and gets the new time unless it was moved; a
    future date no longer in the schedule is deleted (with ``notify``, its people hear it).
    Past dates are never touched."""
    from buurtplein.agenda import tasks

    horizon = _horizon(now)
    until = _at(horizon, time(23, 59, 59))
    starts = [
        start
        for start in recurrence.expand(activity.rrule, activity.first_start, until=until)
        if start > now
    ]
    wanted = {start.date(): start for start in starts}
    today = _at(_local(now).date(), time(0))
    existing = {
        _local(occurrence.original_start).date(): occurrence
        for occurrence in Occurrence.objects.filter(activity=activity).filter(
            Q(original_start__gte=today) | Q(starts_at__gt=now)
        )
    }
    new, retimed = [], []
    for day, start in wanted.items():
        end = _at(day, activity.end_time)
        occurrence = existing.get(day)
        if occurrence is None:
            new.append(
                Occurrence(
                    neighbourhood_id=activity.neighbourhood_id,
                    activity=activity,
                    original_start=start,
                    starts_at=start,
                    ends_at=end,
                    weekday=start.isoweekday(),
                )
            )
        elif occurrence.starts_at > now and (
            occurrence.original_start != start
            or (not occurrence.moved and occurrence.ends_at != end)
        ):
            occurrence.original_start = start
            if not occurrence.moved:
                if occurrence.going_count or occurrence.waiting_count:
                    retimed.append(occurrence.pk)
                occurrence.starts_at, occurrence.ends_at = start, end
                occurrence.weekday = start.isoweekday()
                occurrence.reminder_planned_at = None
            occurrence.save(
                update_fields=[
                    "original_start",
                    "starts_at",
                    "ends_at",
                    "weekday",
                    "reminder_planned_at",
                ]
            )
    dropped = [
        occurrence
        for day, occurrence in existing.items()
        if day not in wanted and occurrence.starts_at > now
    ]
    if dropped:
        people = list(
            Rsvp.objects.filter(occurrence__in=dropped)
            .select_related("occurrence")
            .values_list("person_id", "occurrence__starts_at")
        )
        Occurrence.objects.filter(pk__in=[o.pk for o in dropped]).delete()
        if notify and people:
            items = [[person, start.isoformat()] for person, start in people]
            pk = activity.pk
            transaction.on_commit(lambda: tasks.notify_dates_dropped.enqueue(pk, items))
    Occurrence.objects.bulk_create(new)
    _copy_to_dates(activity)
    Activity.objects.filter(pk=activity.pk).update(horizon_until=horizon)
    activity.horizon_until = horizon
    if notify and retimed:
        pk = activity.pk
        transaction.on_commit(lambda: tasks.notify_retimed.enqueue(pk, retimed))
    return len(new)


def extend_horizons(*, neighbourhood, now: datetime | None = None) -> dict[str, int]:
    """The daily round: recurring activities get their dates up to a year ahead again."""
    now = now or timezone.now()
    due = Activity.objects.filter(
        neighbourhood=neighbourhood,
        state=ActivityState.ACTIVE,
        horizon_until__lt=_horizon(now),
    ).exclude(rrule="")
    counts = {"activities": 0, "dates": 0}
    for activity in due:
        with transaction.atomic():
            added = _materialise(activity, now=now)
        counts["activities"] += 1
        counts["dates"] += added
    return counts


# --- one date -----------------------------------------------------------------------------------


def _people_of(occurrence_ids, *, exclude=None) -> list[int]:
    people = Rsvp.objects.filter(occurrence_id__in=occurrence_ids)
    if exclude is not None:
        people = people.exclude(person_id=exclude.pk)
    return sorted(set(people.values_list("person_id", flat=True)))


def _touch(activity: Activity, now: datetime) -> None:
    """The activity changed in a way calendar programs must pick up."""
    activity.sequence += 1
    activity.updated_at = now
    Activity.objects.filter(pk=activity.pk).update(
        sequence=activity.sequence, updated_at=activity.updated_at
    )


def _future(occurrence: Occurrence, now: datetime) -> None:
    if occurrence.starts_at <= now:
        raise ValidationError(_("This date has passed."))


def _notify_date(occurrence: Occurrence, what: str, actor) -> None:
    from buurtplein.agenda import tasks

    people = _people_of([occurrence.pk], exclude=actor)
    if people:
        pk = occurrence.pk
        transaction.on_commit(lambda: tasks.notify_date.enqueue(pk, what, people))


@transaction.atomic
def occurrence_cancel(
    *, actor, occurrence: Occurrence, note: str = "", now: datetime | None = None
) -> Occurrence:
    """This one date does not happen. Sign-ups stay (the date can be restored); everyone
    signed up hears it."""
    now = now or timezone.now()
    _future(occurrence, now)
    if occurrence.cancelled:
        return occurrence
    occurrence.cancelled = True
    occurrence.cancel_note = note.strip()[:300]
    occurrence.save(update_fields=["cancelled", "cancel_note"])
    _touch(occurrence.activity, now)
    _log(
        actor,
        occurrence.activity,
        "agenda.occurrence.cancel",
        date=occurrence.starts_at.isoformat(),
    )
    _notify_date(occurrence, "cancelled", actor)
    _changed(occurrence.activity)
    return occurrence


@transaction.atomic
def occurrence_restore(*, actor, occurrence: Occurrence, now: datetime | None = None) -> Occurrence:
    """A cancelled date goes ahead after all; who was signed up is again, and hears it."""
    now = now or timezone.now()
    _future(occurrence, now)
    if occurrence.activity.state != ActivityState.ACTIVE:
        raise ValidationError(_("The whole activity is cancelled."))
    if not occurrence.cancelled:
        return occurrence
    occurrence.cancelled = False
    occurrence.cancel_note = ""
    occurrence.save(update_fields=["cancelled", "cancel_note"])
    _touch(occurrence.activity, now)
    _log(
        actor,
        occurrence.activity,
        "agenda.occurrence.restore",
        date=occurrence.starts_at.isoformat(),
    )
    _notify_date(occurrence, "restored", actor)
    _changed(occurrence.activity)
    return occurrence


@transaction.atomic
def occurrence_move(
    *,
    actor,
    occurrence: Occurrence,
    day: date,
    start_time: time,
    end_time: time,
    now: datetime | None = None,
) -> Occurrence:
    """Move one date to another day or time; everyone signed up hears it."""
    now = now or timezone.now()
    _future(occurrence, now)
    errors = {}
    starts_at, ends_at = _at(day, start_time), _at(day, end_time)
    if end_time <= start_time:
        errors["end_time"] = _("The end time must be after the start time.")
    if starts_at <= now:
        errors["day"] = _("This moment has passed. Choose a later day or time.")
    elif day > _local(now).date() + timedelta(days=366 * MAX_YEARS_AHEAD):
        errors["day"] = _("Choose a day within two years.")
    elif day != _local(occurrence.starts_at).date():
        same_day = Occurrence.objects.filter(
            activity_id=occurrence.activity_id,
            starts_at__gte=_at(day, time(0)),
            starts_at__lt=_at(day + timedelta(days=1), time(0)),
        ).exclude(pk=occurrence.pk)
        if same_day.exists():
            errors["day"] = _("This activity already has a date on that day.")
    if errors:
        raise ValidationError(errors)
    activity = occurrence.activity
    occurrence.starts_at, occurrence.ends_at = starts_at, ends_at
    occurrence.weekday = starts_at.isoweekday()
    occurrence.moved = not (
        starts_at == occurrence.original_start
        and ends_at == _at(_local(occurrence.original_start).date(), activity.end_time)
    )
    occurrence.reminder_planned_at = None
    occurrence.save(
        update_fields=["starts_at", "ends_at", "weekday", "moved", "reminder_planned_at"]
    )
    Rsvp.objects.filter(occurrence=occurrence).update(reminded_at=None)
    _touch(activity, now)
    _log(actor, activity, "agenda.occurrence.move", date=starts_at.isoformat())
    _notify_date(occurrence, "moved", actor)
    if occurrence.going_count:
        _plan_reminder(occurrence, now)
    _changed(activity)
    return occurrence


# --- the whole series ---------------------------------------------------------------------------


def _future_people(activity: Activity, now: datetime, *, exclude=None) -> list[int]:
    future = Occurrence.objects.filter(activity=activity, starts_at__gt=now, cancelled=False)
    return _people_of(list(future.values_list("pk", flat=True)), exclude=exclude)


@transaction.atomic
def activity_cancel(
    *, actor, activity: Activity, note: str = "", now: datetime | None = None
) -> Activity:
    """The whole activity stops: every future date is cancelled; everyone signed up for one
    hears it (once each)."""
    from buurtplein.agenda import tasks

    now = now or timezone.now()
    if activity.state != ActivityState.ACTIVE:
        return activity
    people = _future_people(activity, now, exclude=actor)
    activity.state = ActivityState.CANCELLED
    activity.cancel_note = note.strip()[:300]
    activity.save(update_fields=["state", "cancel_note"])
    Occurrence.objects.filter(activity=activity, starts_at__gt=now).update(cancelled=True)
    _touch(activity, now)
    _log(actor, activity, "agenda.activity.cancel")
    if people:
        pk = activity.pk
        transaction.on_commit(lambda: tasks.notify_series_cancelled.enqueue(pk, people))
    _changed(activity)
    return activity


@transaction.atomic
def activity_remove(*, actor, activity: Activity, now: datetime | None = None) -> Activity:
    """A buurtverbinder takes the activity off the agenda (audit-logged); people signed up
    for a coming date hear that it does not go ahead."""
    from buurtplein.agenda import tasks

    now = now or timezone.now()
    if activity.state == ActivityState.REMOVED:
        return activity
    people = _future_people(activity, now, exclude=actor)
    activity.state = ActivityState.REMOVED
    activity.save(update_fields=["state"])
    Occurrence.objects.filter(activity=activity).update(listed=False)
    _touch(activity, now)
    log_action(actor=actor, action="agenda.activity.remove", target=activity)
    if people:
        pk = activity.pk
        transaction.on_commit(lambda: tasks.notify_series_cancelled.enqueue(pk, people))
    _changed(activity)
    return activity


# --- signing up ---------------------------------------------------------------------------------


def _open_for_sign_up(occurrence: Occurrence, now: datetime) -> None:
    activity = occurrence.activity
    if not activity.signup_required:
        raise ValidationError(_("No need to sign up: just drop in."))
    if activity.state != ActivityState.ACTIVE or occurrence.cancelled or not occurrence.listed:
        raise ValidationError(_("This date does not go ahead."))
    if occurrence.starts_at <= now:
        raise ValidationError(_("This date has passed."))


def recount(occurrence: Occurrence) -> None:
    """Count the people going and waiting again (from the sign-ups) onto the date."""
    totals = {
        row["status"]: row["people"]
        for row in Rsvp.objects.filter(occurrence=occurrence)
        .values("status")
        .annotate(people=Sum("party_size"))
        .order_by()
    }
    was_full = occurrence.is_full
    occurrence.going_count = totals.get(RsvpStatus.GOING) or 0
    occurrence.waiting_count = totals.get(RsvpStatus.WAITING) or 0
    Occurrence.objects.filter(pk=occurrence.pk).update(
        going_count=occurrence.going_count, waiting_count=occurrence.waiting_count
    )
    if occurrence.is_full != was_full:  # cached blocks and grids show "Full"
        _changed(occurrence.activity)


def _promote(occurrence: Occurrence, now: datetime) -> list[int]:
    """Move waiting people up while they fit (in the order they signed up; a party too big
    for the places left waits for more). Called with the date's row locked."""
    from buurtplein.agenda import tasks

    capacity = occurrence.activity.capacity
    if occurrence.cancelled or occurrence.starts_at <= now or not occurrence.waiting_count:
        return []
    free = None if capacity is None else capacity - occurrence.going_count
    promoted = []
    waiting = Rsvp.objects.filter(occurrence=occurrence, status=RsvpStatus.WAITING).order_by(
        "status_at", "pk"
    )
    for rsvp in waiting:
        if free is not None and rsvp.party_size > free:
            continue
        promoted.append(rsvp.pk)
        if free is not None:
            free -= rsvp.party_size
    if promoted:
        Rsvp.objects.filter(pk__in=promoted).update(status=RsvpStatus.GOING, status_at=now)
        recount(occurrence)
        for pk in promoted:
            transaction.on_commit(lambda pk=pk: tasks.notify_moved_up.enqueue(pk))
        _plan_reminder(occurrence, now)
    return promoted


def _lock(occurrence_pk: int) -> Occurrence:
    return (
        Occurrence.objects.select_for_update()
        .select_related("activity", "neighbourhood")
        .get(pk=occurrence_pk)
    )


def _lock_and_promote(occurrence_pk: int, *, now: datetime) -> list[int]:
    return _promote(_lock(occurrence_pk), now)


def _plan_reminder(occurrence: Occurrence, now: datetime) -> None:
    """Plan the day-before reminder of this date once (the next sign-up plans it again after
    a move)."""
    from buurtplein.agenda import tasks

    planned = Occurrence.objects.filter(pk=occurrence.pk, reminder_planned_at__isnull=True).update(
        reminder_planned_at=now
    )
    if planned:
        pk, when = occurrence.pk, occurrence.starts_at - REMIND_BEFORE
        transaction.on_commit(lambda: enqueue_later(tasks.send_reminders, when, pk))


@transaction.atomic
def rsvp_set(
    *,
    occurrence: Occurrence,
    person,
    party_size: int = 1,
    note: str | None = None,
    now: datetime | None = None,
) -> Rsvp:
    """Sign up for a date (or change the number of people, or the answer to the activity's
    question: ``note``; None leaves it as it is). Going when the places allow it, else on the
    waiting list. Changing the number while going never loses your places: when the bigger
    number does not fit, nothing changes and the message says how many are left."""
    now = now or timezone.now()
    if note is not None:
        note = note.strip()[:NOTE_MAX]
    if not 1 <= party_size <= MAX_PARTY:
        raise ValidationError(_("You can sign up for 1 to %(max)d people.") % {"max": MAX_PARTY})
    occurrence = _lock(occurrence.pk)
    _open_for_sign_up(occurrence, now)
    capacity = occurrence.activity.capacity
    rsvp = Rsvp.objects.filter(occurrence=occurrence, person=person).first()
    going = rsvp is not None and rsvp.status == RsvpStatus.GOING  # told the places left, below
    if capacity is not None and party_size > capacity and not going:
        # Not even the waiting list: a place for so many never comes free.
        raise ValidationError(
            ngettext(
                "This activity has %(count)d place in all.",
                "This activity has %(count)d places in all.",
                capacity,
            )
            % {"count": capacity}
        )
    if rsvp is None:
        fits = capacity is None or occurrence.going_count + party_size <= capacity
        rsvp = Rsvp.objects.create(
            neighbourhood_id=occurrence.neighbourhood_id,
            occurrence=occurrence,
            activity_id=occurrence.activity_id,
            person=person,
            party_size=party_size,
            status=RsvpStatus.GOING if fits else RsvpStatus.WAITING,
            created_at=now,
            status_at=now,
            note=note or "",
        )
    else:
        if note is not None and note != rsvp.note:
            rsvp.note = note
            rsvp.save(update_fields=["note"])
    if rsvp.party_size != party_size:
        if rsvp.status == RsvpStatus.GOING and capacity is not None:
            left = capacity - (occurrence.going_count - rsvp.party_size)
            if party_size > left:
                raise ValidationError(
                    ngettext(
                        "There is only %(count)d place left for you.",
                        "There are only %(count)d places left for you.",
                        left,
                    )
                    % {"count": left}
                )
        rsvp.party_size = party_size
        rsvp.save(update_fields=["party_size"])
    recount(occurrence)
    _promote(occurrence, now)
    rsvp.refresh_from_db()
    if rsvp.status == RsvpStatus.GOING:
        _plan_reminder(occurrence, now)
    return rsvp


@transaction.atomic
def rsvp_cancel(*, occurrence: Occurrence, person, now: datetime | None = None) -> list[int]:
    """Sign off; the waiting list moves up (the people who move up get an e-mail). Returns
    the sign-ups that moved up."""
    now = now or timezone.now()
    occurrence = _lock(occurrence.pk)
    if occurrence.starts_at <= now:
        raise ValidationError(_("This date has passed."))
    deleted, _rows = Rsvp.objects.filter(occurrence=occurrence, person=person).delete()
    if not deleted:
        return []
    recount(occurrence)
    return _promote(occurrence, now)


# --- reminders ----------------------------------------------------------------------------------


def reminder_due(occurrence: Occurrence, now: datetime) -> bool:
    return (
        not occurrence.is_off
        and occurrence.listed
        and occurrence.starts_at - REMIND_BEFORE <= now < occurrence.starts_at
    )


def occurrence_remind(occurrence: Occurrence, *, now: datetime | None = None) -> int:
    """Send the day-before reminder to everyone going who has not had it (people who signed up
    or moved up less than a day before do not need one). Each sign-up is claimed with a
    conditional UPDATE, so the reminder goes once. Returns how many were claimed."""
    from buurtplein.agenda import tasks

    now = now or timezone.now()
    if not reminder_due(occurrence, now):
        return 0
    eligible = Rsvp.objects.filter(
        occurrence=occurrence,
        status=RsvpStatus.GOING,
        reminded_at__isnull=True,
        status_at__lte=occurrence.starts_at - REMIND_BEFORE,
    ).values_list("pk", flat=True)
    claimed = 0
    for pk in list(eligible):
        if Rsvp.objects.filter(pk=pk, reminded_at__isnull=True).update(reminded_at=now):
            claimed += 1
            transaction.on_commit(lambda pk=pk: tasks.send_reminder.enqueue(pk))
    return claimed


def remind_due(*, neighbourhood, now: datetime | None = None) -> dict[str, int]:
    """The hourly round for one neighbourhood (the cron safety net calls it for all)."""
    now = now or timezone.now()
    due = Occurrence.objects.filter(
        neighbourhood=neighbourhood,
        listed=True,
        cancelled=False,
        going_count__gt=0,
        starts_at__gt=now,
        starts_at__lte=now + REMIND_BEFORE,
    ).select_related("activity")
    counts = {"dates": 0, "reminders": 0}
    for occurrence in due:
        with transaction.atomic():
            sent = occurrence_remind(occurrence, now=now)
        if sent:
            counts["dates"] += 1
            counts["reminders"] += sent
    return counts


# --- personal feed links ------------------------------------------------------------------------


def _new_token() -> str:
    return secrets.token_urlsafe(24)


def feed_token_for(*, user, neighbourhood) -> FeedToken:
    """The person's secret feed link in this neighbourhood (made the first time)."""
    token, _created = FeedToken.objects.get_or_create(
        neighbourhood=neighbourhood, user=user, defaults={"token": _new_token()}
    )
    return token


@transaction.atomic
def feed_token_renew(*, user, neighbourhood) -> FeedToken:
    """A new secret link; the old one stops working at once."""
    token = feed_token_for(user=user, neighbourhood=neighbourhood)
    token.token = _new_token()
    token.created_at = timezone.now()
    token.save(update_fields=["token", "created_at"])
    return token
