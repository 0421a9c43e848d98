"""Signing up with one tap: the number of people, places and the waiting list that moves up
by itself (with an e-mail), two people at once for the last place, htmx and no JavaScript,
and the reminder the day before, sent once."""

import sqlite3
import threading
import time as clock
from datetime import time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.agenda import actions, tasks
from buurtplein.agenda.models import REMIND_BEFORE, Occurrence, Rsvp, RsvpStatus
from buurtplein.agenda.tests.factories import ActivityFactory, dates_of, sign_up
from buurtplein.core.tests.factories import NeighbourhoodFactory, member

pytestmark = pytest.mark.django_db

WEEKLY_TUESDAY = "FREQ=WEEKLY;BYDAY=TU;WKST=MO"


def url(nb, path=""):
    return f"/b/{nb.slug}/agenda/{path}"


def refreshed(occurrence) -> Occurrence:
    with scopes_disabled():
        occurrence.refresh_from_db()
    return occurrence


def rsvp_of(person):
    with scopes_disabled():
        return Rsvp.objects.filter(person=person).first()


def test_one_tap_signs_up_and_the_page_says_so(client, nb, organiser, ria):
    activity = ActivityFactory(neighbourhood=nb, organiser=organiser, rrule=WEEKLY_TUESDAY)
    first = dates_of(activity)[0]
    client.force_login(ria)
    page = client.get(url(nb, f"{activity.pk}/")).content.decode()
    assert page.count("Aanmelden</button>") == 6  # the next dates, each its own button
    response = client.post(url(nb, f"dates/{first.pk}/sign-up/"), {"party_size": "1"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/agenda/{activity.pk}/#date-{first.pk}")
    page = client.get(response["Location"]).content.decode()
    assert "Je bent aangemeld voor" in page and "Je gaat." in page
    assert "Ik kan toch niet komen" in page
    assert refreshed(first).going_count == 1


def test_bring_a_grandchild_and_change_the_number(client, nb, organiser, ria):
    activity = ActivityFactory(neighbourhood=nb, organiser=organiser, capacity=3)
    first = dates_of(activity)[0]
    client.force_login(ria)
    client.post(url(nb, f"dates/{first.pk}/sign-up/"), {"party_size": "2"})
    assert rsvp_of(ria).party_size == 2 and refreshed(first).going_count == 2
    page = client.get(url(nb, f"{activity.pk}/")).content.decode()
    assert "Je gaat, met 2 personen." in page and "Nog 1 plek" in page
    client.post(url(nb, f"dates/{first.pk}/sign-up/"), {"party_size": "3"})
    assert rsvp_of(ria).party_size == 3 and refreshed(first).going_count == 3
    # More than there is room for: refused with how many are left, her places are kept.
    response = client.post(url(nb, f"dates/{first.pk}/sign-up/"), {"party_size": "4"})
    assert response.status_code == 400
    assert "Er zijn nog maar 3 plekken voor je." in response.content.decode()
    assert rsvp_of(ria).party_size == 3
    for bad in ("0", "5", "twee", ""):
        response = client.post(url(nb, f"dates/{first.pk}/sign-up/"), {"party_size": bad})
        assert response.status_code == 400
        assert 'class="field-error"' in response.content.decode()
    assert rsvp_of(ria).party_size == 3


def test_full_then_a_waiting_list_that_moves_up_with_an_email(
    client, nb, organiser, ria, bram, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(neighbourhood=nb, organiser=organiser, capacity=2)
    first = dates_of(activity)[0]
    anna, henk = member(nb, first_name="Anna"), member(nb, first_name="Henk")
    with scope(neighbourhood=nb):
        actions.rsvp_set(occurrence=first, person=ria, party_size=2)
    client.force_login(bram)
    page = client.get(url(nb, f"{activity.pk}/")).content.decode()
    assert "Vol." in page and "Op de wachtlijst</button>" in page
    client.post(url(nb, f"dates/{first.pk}/sign-up/"), {"party_size": "2"})
    client.force_login(anna)
    client.post(url(nb, f"dates/{first.pk}/sign-up/"), {"party_size": "1"})
    client.force_login(henk)
    client.post(url(nb, f"dates/{first.pk}/sign-up/"), {"party_size": "1"})
    assert rsvp_of(bram).status == RsvpStatus.WAITING
    page = client.get(url(nb, f"{activity.pk}/")).content.decode()
    assert "Je staat op de wachtlijst (nummer 3)." in page
    first = refreshed(first)
    assert (first.going_count, first.waiting_count) == (2, 4)

    # Ria cannot come: Bram (2 people) fits, moves up and gets an e-mail; the others wait.
    client.force_login(ria)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(nb, f"dates/{first.pk}/sign-off/"))
    assert rsvp_of(ria) is None
    assert rsvp_of(bram).status == RsvpStatus.GOING
    assert rsvp_of(anna).status == RsvpStatus.WAITING
    assert [m.to for m in mail.outbox] == [[bram.email]]
    assert "Er is plek voor je" in mail.outbox[0].subject
    assert f"/agenda/{activity.pk}/#date-{first.pk}" in mail.outbox[0].body
    # Bram brings one person fewer: Anna fits in the place that came free.
    client.force_login(bram)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(nb, f"dates/{first.pk}/sign-up/"), {"party_size": "1"})
    assert rsvp_of(anna).status == RsvpStatus.GOING and rsvp_of(henk).status == "waiting"
    assert mail.outbox[-1].to == [anna.email]
    first = refreshed(first)
    assert (first.going_count, first.waiting_count) == (2, 1)
    # The organiser makes room for everyone: the waiting list is empty.
    with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
        activity.refresh_from_db()
        actions.activity_update(
            actor=organiser,
            activity=activity,
            title=activity.title,
            start_date=activity.start_date,
            start_time=activity.start_time,
            end_time=activity.end_time,
            capacity=5,
        )
    assert rsvp_of(henk).status == RsvpStatus.GOING and mail.outbox[-1].to == [henk.email]


def test_a_party_too_big_for_the_place_left_waits_and_a_smaller_one_goes_first(nb, organiser):
    activity = ActivityFactory(neighbourhood=nb, organiser=organiser, capacity=3)
    first = dates_of(activity)[0]
    people = [member(nb) for _ in range(4)]
    with scope(neighbourhood=nb):
        actions.rsvp_set(occurrence=first, person=people[0], party_size=3)
        big = actions.rsvp_set(occurrence=first, person=people[1], party_size=3)
        small = actions.rsvp_set(occurrence=first, person=people[2], party_size=1)
        assert (big.status, small.status) == ("waiting", "waiting")
        actions.rsvp_set(occurrence=first, person=people[0], party_size=1)
        big.refresh_from_db()
        small.refresh_from_db()
    # Two places came free: the family of three keeps waiting, the single neighbour moves up.
    assert (big.status, small.status) == ("waiting", "going")


def test_a_party_bigger_than_all_places_is_told_so_not_put_on_the_waiting_list(
    client, nb, organiser, ria
):
    """Four people for an activity of three places: no waiting list that can never move up,
    but a clear message, and the choice of four stays on the form."""
    activity = ActivityFactory(neighbourhood=nb, organiser=organiser, capacity=3)
    first = dates_of(activity)[0]
    client.force_login(ria)
    response = client.post(f"/b/{nb.slug}/agenda/dates/{first.pk}/sign-up/", {"party_size": "4"})
    assert response.status_code == 400
    assert "Deze activiteit heeft in totaal 3 plekken." in response.content.decode()
    assert '<option value="4" selected>' in response.content.decode()
    with scopes_disabled():
        assert not Rsvp.objects.filter(person=ria).exists()


def test_two_people_at_once_for_the_last_place(transactional_db, tmp_path, monkeypatch):
    """The date's row is locked while a sign-up counts, so the second person waits for the
    first and lands on the waiting list instead of overbooking. Each person signs up in a
    thread with a connection of its own (on SQLite: to a file copy of the test database, as
    two web workers would; an in-memory database cannot be shared like that)."""
    nb = NeighbourhoodFactory(slug="race")
    activity = ActivityFactory(neighbourhood=nb, capacity=1)
    first = dates_of(activity)[0]
    people = [member(nb), member(nb)]
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        path = str(tmp_path / "race.sqlite3")
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        connection.connection.backup(copy)
        copy.close()
        settings_dict["NAME"] = path
    wrapper_class = type(connections["default"])
    original = actions._open_for_sign_up

    def slowly(occurrence, now):
        # Widen the window between reading the count and writing the sign-up, so a missing
        # lock would overbook every time.
        original(occurrence, now)
        clock.sleep(0.3)

    monkeypatch.setattr(actions, "_open_for_sign_up", slowly)
    start = threading.Barrier(2)
    outcome = []

    def sign_up_now(person):
        connections["default"] = wrapper_class(settings_dict, "default")
        try:
            start.wait()
            with scope(neighbourhood=nb):
                outcome.append(
                    actions.rsvp_set(occurrence=first, person=person, party_size=1).status
                )
        except Exception as error:  # what would be a 500 for one of them
            outcome.append(repr(error))
        finally:
            connections["default"].close()

    threads = [threading.Thread(target=sign_up_now, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcome) == ["going", "waiting"]
    counts = []

    def read_counts():
        connections["default"] = wrapper_class(settings_dict, "default")
        try:
            with connections["default"].cursor() as cursor:
                cursor.execute(
                    "SELECT going_count, waiting_count FROM agenda_occurrence WHERE id = %s",
                    [first.pk],
                )
                counts.append(tuple(cursor.fetchone()))
        finally:
            connections["default"].close()

    reader = threading.Thread(target=read_counts)
    reader.start()
    reader.join()
    assert counts == [(1, 1)]


def test_htmx_swaps_the_date_in_place_and_without_javascript_it_redirects(
    client, nb, organiser, ria
):
    activity = ActivityFactory(neighbourhood=nb, organiser=organiser, capacity=5)
    first = dates_of(activity)[0]
    client.force_login(ria)
    response = client.post(
        url(nb, f"dates/{first.pk}/sign-up/"), {"party_size": "2"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert f'id="date-{first.pk}"' in html and "Je bent aangemeld voor" in html
    assert "data-focus-after-swap" in html and "Nog 3 plekken" in html
    response = client.post(url(nb, f"dates/{first.pk}/sign-off/"), headers={"HX-Request": "true"})
    assert "Je bent afgemeld voor" in response.content.decode()
    # Without JavaScript: back to where the form was (a page of this site only).
    response = client.post(
        url(nb, f"dates/{first.pk}/sign-up/"),
        {"party_size": "1", "next": url(nb, "mine/")},
    )
    assert response["Location"] == url(nb, "mine/")
    response = client.post(
        url(nb, f"dates/{first.pk}/sign-off/"), {"next": "https://evil.example/"}
    )
    assert "evil" not in response["Location"]


def test_just_drop_in_past_and_cancelled_dates_have_no_button(client, nb, organiser, ria):
    drop_in = ActivityFactory(neighbourhood=nb, organiser=organiser, signup_required=False)
    cancelled = ActivityFactory(neighbourhood=nb, organiser=organiser)
    with scope(neighbourhood=nb):
        actions.occurrence_cancel(actor=organiser, occurrence=dates_of(cancelled)[0])
    client.force_login(ria)
    for activity, message in (
        (drop_in, "Aanmelden hoeft niet: loop gewoon binnen."),
        (cancelled, "Deze datum gaat niet door."),
    ):
        page = client.get(url(nb, f"{activity.pk}/")).content.decode()
        assert "Aanmelden</button>" not in page
        response = client.post(
            url(nb, f"dates/{dates_of(activity)[0].pk}/sign-up/"), {"party_size": "1"}
        )
        assert response.status_code == 400 and message in response.content.decode()
    # A date that began while the page was open: refused with a message, not an error page.
    sign_up_able = ActivityFactory(neighbourhood=nb, organiser=organiser)
    started = dates_of(sign_up_able)[0]
    with scopes_disabled():
        Occurrence.objects.filter(pk=started.pk).update(
            starts_at=timezone.now() - timedelta(minutes=5)
        )
    response = client.post(url(nb, f"dates/{started.pk}/sign-up/"), {"party_size": "1"})
    assert response.status_code == 400
    assert "Deze datum is voorbij." in response.content.decode()


def test_anonymous_visitors_are_asked_to_log_in(client, nb, organiser):
    activity = ActivityFactory(neighbourhood=nb, organiser=organiser, visibility="public")
    page = client.get(url(nb, f"{activity.pk}/")).content.decode()
    assert "Log in om je aan te melden" in page and "Aanmelden</button>" not in page
    response = client.post(url(nb, f"dates/{dates_of(activity)[0].pk}/sign-up/"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- the reminder the day before ---------------------------------------------------------------


def make_tomorrow(activity):
    """Move the activity's first date to tomorrow, a little less than a day from now."""
    first = dates_of(activity)[0]
    start = timezone.now() + REMIND_BEFORE - timedelta(hours=1)
    with scopes_disabled():
        Occurrence.objects.filter(pk=first.pk).update(
            starts_at=start, ends_at=start + timedelta(hours=1), original_start=start
        )
        Rsvp.objects.filter(occurrence=first).update(
            status_at=start - REMIND_BEFORE - timedelta(days=2)
        )
    return refreshed(first)


def test_the_reminder_goes_once_to_everyone_going(
    nb, organiser, ria, bram, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(
        neighbourhood=nb, organiser=organiser, capacity=1, place_name="Buurthuis"
    )
    first = dates_of(activity)[0]
    with scope(neighbourhood=nb):
        actions.rsvp_set(occurrence=first, person=ria, party_size=1)
        actions.rsvp_set(occurrence=first, person=bram, party_size=1)  # waiting
    first = make_tomorrow(activity)
    with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
        assert actions.occurrence_remind(first) == 1
        assert actions.occurrence_remind(first) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_reminders.call(first.pk) == 0  # the planned task: nothing left
    assert [m.to for m in mail.outbox] == [[ria.email]]
    assert mail.outbox[0].subject.startswith("Morgen: ")
    assert "Buurthuis" in mail.outbox[0].body and f"#date-{first.pk}" in mail.outbox[0].body


def test_the_planned_reminder_checks_whether_it_is_due(
    nb, organiser, ria, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(neighbourhood=nb, organiser=organiser)
    first = dates_of(activity)[0]
    with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
        # Signing up plans the reminder; the test backend runs it at once: too early.
        actions.rsvp_set(occurrence=first, person=ria, party_size=1)
    assert refreshed(first).reminder_planned_at is not None
    assert tasks.send_reminders.call(first.pk) == 0
    assert not mail.outbox
    first = make_tomorrow(activity)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_reminders.call(first.pk) == 1  # now it is due
        assert tasks.send_reminders.call(first.pk) == 0  # late or twice: harmless
    assert len(mail.outbox) == 1
    # Cancelled meanwhile: no reminder at all.
    with scope(neighbourhood=nb):
        actions.occurrence_cancel(actor=organiser, occurrence=first)
        Rsvp.objects.update(reminded_at=None)
        assert actions.occurrence_remind(refreshed(first)) == 0


def test_who_signed_up_within_the_last_day_gets_no_reminder(nb, organiser, ria):
    activity = ActivityFactory(neighbourhood=nb, organiser=organiser)
    first = make_tomorrow(activity)
    with scope(neighbourhood=nb):
        actions.rsvp_set(occurrence=first, person=ria, party_size=1)
        assert actions.occurrence_remind(refreshed(first)) == 0


def test_agenda_remind_is_the_safety_net_everywhere(
    nb, other_nb, organiser, ria, capsys, django_capture_on_commit_callbacks
):
    here = ActivityFactory(neighbourhood=nb, organiser=organiser)
    there = ActivityFactory(neighbourhood=other_nb, organiser=member(other_nb))
    sign_up(dates_of(here)[0], ria)
    sign_up(dates_of(there)[0], member(other_nb))
    make_tomorrow(here)
    make_tomorrow(there)
    call_command("agenda_remind", "--dry-run")
    assert "Would do: 2 reminders, 2 dates in 2 neighbourhood(s)." in capsys.readouterr().out
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        call_command("agenda_remind", "--neighbourhood", nb.slug)
    assert "Done: 1 reminders, 1 dates in 1 neighbourhood(s)." in capsys.readouterr().out
    with django_capture_on_commit_callbacks(execute=True):
        call_command("agenda_remind")
        call_command("agenda_remind")
    out = capsys.readouterr().out
    assert "Done: 1 reminders" in out and "Done: 0 reminders" in out
    assert len(mail.outbox) == 2


def test_a_moved_date_is_reminded_at_its_new_time(
    nb, organiser, ria, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(neighbourhood=nb, organiser=organiser)
    sign_up(dates_of(activity)[0], ria)
    first = make_tomorrow(activity)
    with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
        assert actions.occurrence_remind(first) == 1
        actions.occurrence_move(
            actor=organiser,
            occurrence=first,
            day=timezone.localdate() + timedelta(days=8),
            start_time=time(10),
            end_time=time(11),
        )
        assert rsvp_of(ria).reminded_at is None  # a new reminder will go before the new date
