"""Background work of the agenda. Tasks take ids, reload, and re-enter the neighbourhood's
scope. Each may run more than once, late, or (with a backend that cannot wait) early: it checks
again whether there is anything to do, and what it says is still true."""

from __future__ import annotations

from datetime import datetime

from django.tasks import task
from django_scopes import scope, scopes_disabled

from buurtplein.accounts.models import User
from buurtplein.agenda import actions
from buurtplein.agenda.models import Activity, ActivityState, Occurrence, Rsvp, RsvpStatus
from buurtplein.core.tasks import load, load_neighbourhood, send_to


def _people(ids) -> list[User]:
    with scopes_disabled():
        return list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))


@task
def send_reminders(occurrence_id: int) -> int:
    """Planned a day before a date starts: remind everyone going, once each."""
    occurrence = load(Occurrence, occurrence_id, "activity")
    if occurrence is None:
        return 0
    with scope(neighbourhood=occurrence.neighbourhood):
        return actions.occurrence_remind(occurrence)


@task
def send_reminder(rsvp_id: int) -> bool:
    """ "Tomorrow: …" to one person whose reminder was claimed."""
    rsvp = load(Rsvp, rsvp_id, "occurrence", "occurrence__activity", "person")
    if rsvp is None or rsvp.reminded_at is None or rsvp.status != RsvpStatus.GOING:
        return False
    occurrence = rsvp.occurrence
    if occurrence.is_off or occurrence.is_past:
        return False
    with scope(neighbourhood=rsvp.neighbourhood):
        send_to(
            rsvp.person,
            "agenda/email/reminder",
            {"rsvp": rsvp, "occurrence": occurrence, "activity": occurrence.activity},
        )
    return True


@task
def notify_moved_up(rsvp_id: int) -> bool:
    """ "You are off the waiting list": to the person who moved up (if they still are)."""
    rsvp = load(Rsvp, rsvp_id, "occurrence", "occurrence__activity", "person")
    if rsvp is None or rsvp.status != RsvpStatus.GOING:
        return False
    occurrence = rsvp.occurrence
    if occurrence.is_off or occurrence.is_past:
        return False
    with scope(neighbourhood=rsvp.neighbourhood):
        send_to(
            rsvp.person,
            "agenda/email/moved_up",
            {"rsvp": rsvp, "occurrence": occurrence, "activity": occurrence.activity},
        )
    return True


DATE_NEWS = {
    # what → still true when?
    "cancelled": lambda occurrence: occurrence.cancelled,
    "restored": lambda occurrence: not occurrence.cancelled,
    "moved": lambda occurrence: not occurrence.cancelled,
}


@task
def notify_date(occurrence_id: int, what: str, person_ids: list[int]) -> int:
    """One date is cancelled, goes ahead after all, or moved: tell who signed up for it."""
    occurrence = load(Occurrence, occurrence_id, "activity")
    if occurrence is None or what not in DATE_NEWS or not DATE_NEWS[what](occurrence):
        return 0
    if occurrence.is_past:
        return 0
    people = _people(person_ids)
    with scope(neighbourhood=occurrence.neighbourhood):
        for person in people:
            send_to(
                person,
                f"agenda/email/date_{what}",
                {"occurrence": occurrence, "activity": occurrence.activity},
            )
    return len(people)


@task
def notify_series_cancelled(activity_id: int, person_ids: list[int]) -> int:
    """The whole activity stops (cancelled, or removed by a buurtverbinder)."""
    activity = load(Activity, activity_id)
    if activity is None or activity.state == ActivityState.ACTIVE:
        return 0
    people = _people(person_ids)
    with scope(neighbourhood=activity.neighbourhood):
        for person in people:
            send_to(person, "agenda/email/series_cancelled", {"activity": activity})
    return len(people)


@task
def notify_dates_dropped(activity_id: int, items: list[list]) -> int:
    """The organiser changed the schedule and dates people had signed up for are gone
    (``items``: ``[person id, ISO start]`` pairs; the dates' rows no longer exist)."""
    activity = load(Activity, activity_id)
    if activity is None:
        return 0
    by_person: dict[int, list[datetime]] = {}
    for person_id, start in items:
        by_person.setdefault(int(person_id), []).append(datetime.fromisoformat(start))
    people = _people(list(by_person))
    with scope(neighbourhood=activity.neighbourhood):
        for person in people:
            send_to(
                person,
                "agenda/email/dates_dropped",
                {"activity": activity, "starts": sorted(by_person[person.pk])},
            )
    return len(people)


@task
def notify_retimed(activity_id: int, occurrence_ids: list[int]) -> int:
    """The organiser changed the time of the series: tell each person signed up for one of
    these dates their new times (one e-mail each)."""
    activity = load(Activity, activity_id)
    if activity is None or activity.state != ActivityState.ACTIVE:
        return 0
    with scope(neighbourhood=activity.neighbourhood):
        rsvps = (
            Rsvp.objects.filter(occurrence_id__in=occurrence_ids)
            .select_related("occurrence", "person")
            .order_by("occurrence__starts_at")
        )
        by_person: dict[int, list] = {}
        people = {}
        for rsvp in rsvps:
            if rsvp.occurrence.is_past or rsvp.occurrence.cancelled:
                continue
            by_person.setdefault(rsvp.person_id, []).append(rsvp.occurrence)
            people[rsvp.person_id] = rsvp.person
        for person_id, occurrences in by_person.items():
            send_to(
                people[person_id],
                "agenda/email/retimed",
                {"activity": activity, "occurrences": occurrences},
            )
    return len(by_person)


@task
def forget_activity(activity_id: int, items: list[list]) -> int:
    """The organiser erased their account (``agenda.privacy.erase``): tell who was signed up
    for a coming date that it does not go ahead, by the activity's title, then delete the
    hidden activity that kept that title until now. Only such a row (removed, without organiser
    or organisation) is touched; running twice sends nothing twice."""
    with scopes_disabled():
        activity = Activity.objects.filter(
            pk=activity_id,
            state=ActivityState.REMOVED,
            organiser__isnull=True,
            organisation__isnull=True,
        ).first()
        if activity is None:
            return 0
        sent = 0
        if load_neighbourhood(activity.neighbourhood_id, "agenda") is not None:
            sent = notify_activity_gone.call(activity.neighbourhood_id, activity.title, items)
        activity.delete()
    return sent


@task
def notify_activity_gone(neighbourhood_id: int, title: str, items: list[list]) -> int:
    """The organiser left Buurtplein and their activity is gone with them: tell who was signed
    up for a coming date (the rows no longer exist, so the task gets what the e-mail says)."""
    neighbourhood = load_neighbourhood(neighbourhood_id, "agenda")
    if neighbourhood is None:
        return 0
    by_person: dict[int, list[datetime]] = {}
    for person_id, start in items:
        by_person.setdefault(int(person_id), []).append(datetime.fromisoformat(start))
    people = _people(list(by_person))
    for person in people:
        send_to(
            person,
            "agenda/email/activity_gone",
            {
                "title": title,
                "neighbourhood": neighbourhood,
                "starts": sorted(by_person[person.pk]),
            },
        )
    return len(people)
