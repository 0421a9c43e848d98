"""What the agenda holds about a person (data export, AVG/GDPR article 15), forgetting them
(account deletion), and the figures it contributes to reporting."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.agenda import actions
from buurtplein.agenda.models import (
    Activity,
    ActivityState,
    FeedToken,
    Occurrence,
    Rsvp,
    RsvpStatus,
)
from buurtplein.agenda.selectors import home_changed
from buurtplein.core.photos import EXPORT_FILES, export_name, remove_photos


def export(user) -> dict:
    with scopes_disabled():
        organised = list(
            Activity.objects.filter(organiser=user)
            .select_related("neighbourhood", "organisation")
            .prefetch_related("photos")
            .order_by("created_at")
        )
        activities = [
            {
                "neighbourhood": activity.neighbourhood.name,
                "title": activity.title,
                "description": activity.description,
                "place": activity.location,
                "first_date": activity.start_date.isoformat(),
                "starts_at": activity.start_time.isoformat("minutes"),
                "ends_at": activity.end_time.isoformat("minutes"),
                "repeats": activity.rrule,
                "question_when_signing_up": activity.signup_question,
                "on_behalf_of": activity.organisation.name if activity.organisation_id else None,
                "state": activity.state,
                "created_at": activity.created_at.isoformat(),
                "photo": export_name(activity.photo.large) if activity.photo else None,
            }
            for activity in organised
        ]
        sign_ups = [
            {
                "neighbourhood": rsvp.neighbourhood.name,
                "activity": rsvp.activity.title,
                "date": rsvp.occurrence.starts_at.isoformat(),
                "number_of_people": rsvp.party_size,
                "question": rsvp.activity.signup_question,
                "your_answer": rsvp.note,
                "status": rsvp.status,
                "signed_up_at": rsvp.created_at.isoformat(),
                "reminded_at": rsvp.reminded_at.isoformat() if rsvp.reminded_at else None,
            }
            for rsvp in Rsvp.objects.filter(person=user)
            .select_related("neighbourhood", "activity", "occurrence")
            .order_by("occurrence__starts_at")
        ]
        links = [
            {"neighbourhood": token.neighbourhood.name, "made_at": token.created_at.isoformat()}
            for token in FeedToken.objects.filter(user=user).select_related("neighbourhood")
        ]
    return {
        "activities": activities,
        "sign_ups": sign_ups,
        "calendar_links": links,
        EXPORT_FILES: [a.photo.large.name for a in organised if a.photo],
    }


def erase(user) -> None:
    """Forget a person: their sign-ups go (waiting lists move up), their calendar links stop,
    the activities they organised themselves go (who was signed up for a coming date hears
    it), and activities they organised for an organisation stay with it, without their
    name."""
    from buurtplein.agenda import tasks

    now = timezone.now()
    with scopes_disabled(), transaction.atomic():
        rsvps = list(Rsvp.objects.filter(person=user).select_related("occurrence__neighbourhood"))
        for rsvp in rsvps:
            occurrence = rsvp.occurrence
            with scope(neighbourhood=occurrence.neighbourhood):
                if occurrence.starts_at > now:
                    actions.rsvp_cancel(occurrence=occurrence, person=user, now=now)
                else:
                    rsvp.delete()
                    actions.recount(occurrence)
        FeedToken.objects.filter(user=user).delete()
        own = Activity.objects.filter(organiser=user, organisation__isnull=True)
        for activity in own:
            items = [
                [person, start.isoformat()]
                for person, start in Rsvp.objects.filter(
                    activity=activity,
                    occurrence__starts_at__gt=now,
                    occurrence__cancelled=False,
                )
                .exclude(person=user)
                .values_list("person_id", "occurrence__starts_at")
            ]
            home_changed(activity.neighbourhood_id)
            if not (items and activity.state == ActivityState.ACTIVE):
                activity.delete()
                continue
            # People signed up for a coming date hear that it is gone, by the activity's title.
            # The title stays on a hidden row until that e-mail is sent (``forget_activity``
            # then deletes the row), so the task queue holds ids only, no text of the person.
            remove_photos(owner=activity)
            Occurrence.objects.filter(activity=activity).update(listed=False, cancel_note="")
            Activity.objects.filter(pk=activity.pk).update(
                organiser=None,
                state=ActivityState.REMOVED,
                description="",
                description_html="",
                place_name="",
                address="",
                accessibility_note="",
                cost_note="",
                cancel_note="",
                signup_question="",
            )
            args = (activity.pk, items)
            transaction.on_commit(lambda args=args: tasks.forget_activity.enqueue(*args))
        Activity.objects.filter(organiser=user).update(organiser=None)


def stats(neighbourhood) -> dict:
    """Figures for reporting, from the counts kept on the dates (a few aggregate queries)."""
    now = timezone.now()
    year_ago = now - timedelta(days=365)
    with scope(neighbourhood=neighbourhood):
        activities = (
            Activity.objects.filter(neighbourhood=neighbourhood)
            .exclude(state=ActivityState.REMOVED)
            .aggregate(
                active=Count("id", filter=Q(state=ActivityState.ACTIVE)),
                by_organisations=Count(
                    "id", filter=Q(state=ActivityState.ACTIVE, organisation__isnull=False)
                ),
            )
        )
        held = Occurrence.objects.filter(
            neighbourhood=neighbourhood,
            listed=True,
            cancelled=False,
            starts_at__gte=year_ago,
            starts_at__lte=now,
        ).aggregate(dates=Count("id"), people=Sum("going_count"))
        participants = (
            Rsvp.objects.filter(
                neighbourhood=neighbourhood,
                status=RsvpStatus.GOING,
                occurrence__starts_at__gte=year_ago,
                occurrence__starts_at__lte=now,
                occurrence__cancelled=False,
            )
            .values("person")
            .distinct()
            .count()
        )
        coming = Occurrence.objects.filter(
            neighbourhood=neighbourhood,
            listed=True,
            cancelled=False,
            starts_at__gt=now,
            starts_at__lte=now + timedelta(days=30),
        ).count()
    return {
        "agenda_activities": activities["active"],
        "agenda_activities_by_organisations": activities["by_organisations"],
        "agenda_dates_past_year": held["dates"],
        "agenda_people_signed_up_past_year": held["people"] or 0,
        "agenda_participants_past_year": participants,
        "agenda_dates_next_30_days": coming,
    }
