"""What the agenda gives a person who asks for their data, what it forgets when they leave,
and the figures it contributes to reporting."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.agenda import actions
from buurtplein.agenda.models import Activity, FeedToken, Occurrence, Rsvp, RsvpStatus
from buurtplein.agenda.tests.factories import ActivityFactory, dates_of, sign_up
from buurtplein.core.components import get_component
from buurtplein.core.tests.factories import member

pytestmark = pytest.mark.django_db


def test_export_holds_what_i_organised_and_signed_up_for(nb, ria, organiser, welfare):
    welfare.staff.add(ria)
    ActivityFactory(neighbourhood=nb, organiser=ria, title="Wandelclub")
    ActivityFactory(neighbourhood=nb, organiser=ria, organisation=welfare, title="Spreekuur")
    other = ActivityFactory(neighbourhood=nb, organiser=organiser, title="Koffie-ochtend")
    sign_up(dates_of(other)[0], ria, party_size=2)
    with scopes_disabled():
        actions.feed_token_for(user=ria, neighbourhood=nb)
    data = get_component("agenda").export(ria)
    assert {a["title"] for a in data["activities"]} == {"Wandelclub", "Spreekuur"}
    assert next(a for a in data["activities"] if a["title"] == "Spreekuur")["on_behalf_of"] == (
        "Sterker Welzijn"
    )
    (signed_up,) = data["sign_ups"]
    assert signed_up["activity"] == "Koffie-ochtend" and signed_up["number_of_people"] == 2
    assert data["calendar_links"][0]["neighbourhood"] == "Nijmegen-Oost"
    assert "token" not in str(data["calendar_links"])


def test_erase_forgets_a_person_and_tells_who_was_coming(
    nb, ria, bram, organiser, welfare, django_capture_on_commit_callbacks
):
    welfare.staff.add(ria)
    own = ActivityFactory(neighbourhood=nb, organiser=ria, title="Wandelclub")
    for_welfare = ActivityFactory(
        neighbourhood=nb, organiser=ria, organisation=welfare, title="Spreekuur"
    )
    full = ActivityFactory(neighbourhood=nb, organiser=organiser, title="Kookclub", capacity=1)
    sign_up(dates_of(own)[0], bram)
    sign_up(dates_of(full)[0], ria)
    sign_up(dates_of(full)[0], bram, status=RsvpStatus.WAITING)
    with scopes_disabled():
        actions.feed_token_for(user=ria, neighbourhood=nb)
    with django_capture_on_commit_callbacks(execute=True):
        get_component("agenda").erase(ria)
    with scopes_disabled():
        assert not Activity.objects.filter(pk=own.pk).exists()
        for_welfare.refresh_from_db()
        assert for_welfare.organiser is None and for_welfare.organisation == welfare
        assert not Rsvp.objects.filter(person=ria).exists()
        assert not FeedToken.objects.filter(user=ria).exists()
        # Her place went to Bram, who was waiting.
        assert Rsvp.objects.get(person=bram, activity=full).status == RsvpStatus.GOING
        assert Occurrence.objects.get(pk=dates_of(full)[0].pk).going_count == 1
    subjects = sorted(m.subject for m in mail.outbox if m.to == [bram.email])
    assert subjects == ["Er is plek voor je: Kookclub", "Wandelclub gaat niet door"]
    gone = next(m for m in mail.outbox if m.subject == "Wandelclub gaat niet door")
    assert "is weg van Buurtplein" in gone.body
    # The organisation's activity still works for its staff.
    assert dates_of(for_welfare)


def test_stats_count_dates_held_people_and_what_is_coming(nb, organiser, ria, bram, welfare):
    held = ActivityFactory(neighbourhood=nb, organiser=organiser, organisation=welfare)
    first = dates_of(held)[0]
    sign_up(first, ria, party_size=2)
    sign_up(first, bram)
    with scopes_disabled():
        past = timezone.now() - timedelta(days=3)
        Occurrence.objects.filter(pk=first.pk).update(
            starts_at=past, ends_at=past + timedelta(hours=1)
        )
    ActivityFactory(neighbourhood=nb, organiser=organiser, rrule="FREQ=WEEKLY;BYDAY=TU")
    cancelled = ActivityFactory(neighbourhood=nb, organiser=organiser)
    with scope(neighbourhood=nb):
        actions.activity_cancel(actor=organiser, activity=cancelled)
    stats = get_component("agenda").stats(nb)
    assert stats["agenda_activities"] == 2
    assert stats["agenda_activities_by_organisations"] == 1
    assert stats["agenda_dates_past_year"] == 1
    assert stats["agenda_people_signed_up_past_year"] == 3
    assert stats["agenda_participants_past_year"] == 2
    assert stats["agenda_dates_next_30_days"] in (4, 5)  # the coming Tuesdays


def test_stats_of_another_neighbourhood_stay_there(nb, other_nb, organiser):
    ActivityFactory(neighbourhood=other_nb, organiser=member(other_nb))
    assert get_component("agenda").stats(nb)["agenda_activities"] == 0


def test_until_the_e_mail_is_sent_only_the_title_is_kept_hidden(
    nb, ria, bram, settings, django_capture_on_commit_callbacks
):
    """With the database queue (production): the erasure hides the activity and strips it to
    its title; the queued task holds ids only. When the worker runs it, the people who were
    coming hear it (once) and the row is gone."""
    from django_tasks_db.models import DBTaskResult

    from buurtplein.agenda.models import ActivityState
    from buurtplein.agenda.tasks import forget_activity

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    own = ActivityFactory(
        neighbourhood=nb,
        organiser=ria,
        title="Wandelclub",
        description="Met Ria langs de dijk",
        signup_required=True,
        signup_question="Loop je met Ria mee naar de dijk?",
    )
    sign_up(dates_of(own)[0], bram)
    with django_capture_on_commit_callbacks(execute=True):
        get_component("agenda").erase(ria)
    with scopes_disabled():
        hidden = Activity.objects.get(pk=own.pk)
        assert hidden.state == ActivityState.REMOVED and hidden.organiser is None
        assert hidden.description == "" and hidden.title == "Wandelclub"
        assert hidden.signup_question == ""
        assert not Occurrence.objects.filter(activity=own, listed=True).exists()
    (queued,) = DBTaskResult.objects.filter(task_path__endswith="forget_activity")
    assert "Wandelclub" not in str(queued.args_kwargs)
    mail.outbox.clear()
    args = queued.args_kwargs["args"]
    with django_capture_on_commit_callbacks(execute=True):
        assert forget_activity.call(*args) == 1
        assert forget_activity.call(*args) == 0
    assert [m.subject for m in mail.outbox] == ["Wandelclub gaat niet door"]
    with scopes_disabled():
        assert not Activity.objects.filter(pk=own.pk).exists()
