"""What organisers and residents notice when activities are planned, changed and cancelled:
the form with its plain schedule choices, bad input, "on behalf of", dates that stay when a
series is edited, cancelling and moving one date, cancelling the series, removal, reports,
visibility and tenancy, the yearly horizon, the page in Dutch and English."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from PIL import Image

from buurtplein.agenda import actions
from buurtplein.agenda.models import (
    HORIZON_DAYS,
    Activity,
    ActivityPhoto,
    ActivityState,
    Occurrence,
    Rsvp,
    local_tz,
)
from buurtplein.agenda.tests.factories import ActivityFactory, dates_of, next_weekday, sign_up
from buurtplein.core.models import AuditEntry
from buurtplein.core.tests.factories import jpeg_bytes, member

pytestmark = pytest.mark.django_db

WEEKLY_TUESDAY = "FREQ=WEEKLY;BYDAY=TU;WKST=MO"


def url(nb, path=""):
    return f"/b/{nb.slug}/agenda/{path}"


def form_data(**changes):
    data = {
        "title": "Bewegen voor ouderen",
        "description": "Rustig bewegen op muziek, op een stoel of staand. **Neem water mee.**",
        "start_date": next_weekday(2).isoformat(),
        "start_time": "10:00",
        "end_time": "11:00",
        "repeat": "weekly",
        "weekdays": ["2"],
        "ends": "never",
        "place_name": "Buurthuis De Lindenberg",
        "address": "Ubbergseveldweg 1, Nijmegen",
        "wheelchair_accessible": "on",
        "hearing_loop": "on",
        "accessibility_note": "Toilet op de begane grond",
        "target_groups": ["seniors"],
        "cost": "2,50",
        "cost_note": "incl. koffie",
        "signup": "sign_up",
        "capacity": "12",
        "visibility": "public",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def local(moment):
    return timezone.localtime(moment, local_tz())


def test_plan_a_weekly_activity_and_see_a_year_of_tuesdays(client, nb, organiser):
    client.force_login(organiser)
    response = client.post(url(nb, "new/"), form_data())
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        activity = Activity.objects.get()
    assert activity.rrule == WEEKLY_TUESDAY
    assert activity.cost == 2.5 and activity.capacity == 12 and activity.groups == ["seniors"]
    dates = dates_of(activity)
    assert len(dates) in (52, 53)
    assert all(local(d.starts_at).isoweekday() == 2 for d in dates)
    assert all(local(d.starts_at).time() == time(10) for d in dates)
    assert local(dates[-1].starts_at).date() <= timezone.localdate() + timedelta(days=HORIZON_DAYS)
    page = client.get(response["Location"]).content.decode()
    assert "Bewegen voor ouderen" in page and "<strong>Neem water mee.</strong>" in page
    assert "Elke week op dinsdag" in page and "10:00–11:00" in page
    assert "€\xa02,50" in page and "incl. koffie" in page
    assert "Toegankelijk met een rolstoel" in page and "Ringleiding" in page and "65+" in page
    assert "Nog 12 plekken" in page


def test_a_monthly_study_circle_on_the_second_thursday(client, nb, organiser):
    client.force_login(organiser)
    response = client.post(
        url(nb, "new/"),
        form_data(
            title="Studiekring",
            repeat="monthly",
            weekdays=None,
            nth="2",
            nth_weekday="4",
            ends="count",
            count="6",
            start_date=timezone.localdate().isoformat(),
            start_time="23:00",
            end_time="23:30",
        ),
    )
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        activity = Activity.objects.get()
    dates = [local(d.starts_at).date() for d in dates_of(activity)]
    assert len(dates) == 6
    assert all(day.isoweekday() == 4 and 8 <= day.day <= 14 for day in dates)
    assert activity.start_date == dates[0]  # the series begins on its own first date
    page = client.get(response["Location"]).content.decode()
    assert "Elke 2e donderdag van de maand, 6 keer" in page


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": "   "}, "title", "Schrijf een titel."),
        ({"start_date": "morgen"}, "start_date", "Schrijf een datum zoals 2026-12-31."),
        ({"start_time": "tien uur"}, "start_time", "Schrijf een tijd zoals 10:00."),
        ({"end_time": "09:00"}, "end_time", "De eindtijd moet na de begintijd liggen."),
        (
            {"start_date": "2020-01-07", "repeat": "once"},
            "start_date",
            "Deze datum is voorbij. Kies een datum vanaf vandaag.",
        ),
        ({"repeat": "monthly", "nth": ""}, "nth", "Kies welke van de maand"),
        ({"ends": "until", "until": ""}, "until", "Kies de laatste datum."),
        (
            {"ends": "until", "until": "2020-01-01"},
            "until",
            "Deze datum ligt voor de eerste datum.",
        ),
        ({"ends": "count", "count": "1"}, "count", "Schrijf minstens 2 keer."),
        ({"cost": "twee euro"}, "cost", "Schrijf een bedrag in euro"),
        ({"cost": "5000"}, "cost", "Het bedrag kan hoogstens € 1.000 zijn."),
        ({"capacity": "0"}, "capacity", "Schrijf minstens 1 plek"),
        ({"weekdays": ["8"]}, "weekdays", "Kies dagen uit de lijst."),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_nothing_typed_is_lost(
    client, nb, organiser, change, field, message
):
    client.force_login(organiser)
    response = client.post(url(nb, "new/"), form_data(**change))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    page = response.content.decode()
    assert message in page
    assert "Rustig bewegen op muziek" in page and "Toilet op de begane grond" in page
    assert 'value="incl. koffie"' in page
    with scope(neighbourhood=nb):
        assert not Activity.objects.exists()


def test_zero_or_no_cost_is_free_and_drop_in_has_no_places(client, nb, organiser):
    client.force_login(organiser)
    client.post(url(nb, "new/"), form_data(cost="0", signup="drop_in", capacity="20"))
    with scope(neighbourhood=nb):
        activity = Activity.objects.get()
    assert activity.is_free and not activity.signup_required and activity.capacity is None
    page = client.get(url(nb, f"{activity.pk}/")).content.decode()
    assert "Gratis" in page and "Gewoon binnenlopen: aanmelden hoeft niet." in page
    assert "Aanmelden</button>" not in page


def test_a_photo_loses_its_metadata(client, nb, organiser):
    client.force_login(organiser)
    photo = SimpleUploadedFile("gym.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = client.post(
        url(nb, "new/"), form_data(photo=photo, photo_alt="Tien mensen doen oefeningen")
    )
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        stored = ActivityPhoto.objects.get()
    for variant in (stored.large, stored.medium, stored.thumb):
        with Image.open(variant.path) as image:
            assert not image.getexif() and not image.info.get("exif")
    page = client.get(response["Location"]).content.decode()
    assert stored.medium.url in page and "Tien mensen doen oefeningen" in page
    not_a_photo = SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")
    response = client.post(url(nb, "new/"), form_data(title="Nog een", photo=not_a_photo))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Dit bestand is geen foto die we kunnen gebruiken." in page
    assert "ze zijn niet bewaard" in page


def test_on_behalf_of_an_organisation_preselected_from_the_link(
    client, nb, organiser, welfare, bram
):
    client.force_login(organiser)
    page = client.get(url(nb, "new/"), {"organisation": welfare.pk}).content.decode()
    assert f'<option value="{welfare.pk}" selected>Sterker Welzijn</option>' in page
    response = client.post(url(nb, "new/"), form_data(organisation=str(welfare.pk)))
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        activity = Activity.objects.get()
    assert activity.organisation == welfare
    week = client.get(url(nb), {"week": activity.start_date.strftime("%G-W%V")}).content.decode()
    assert "Bewegen voor ouderen" in week and "Sterker Welzijn" in week
    page = client.get(url(nb, f"{activity.pk}/")).content.decode()
    assert "Georganiseerd door" in page and "Sterker Welzijn" in page
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="agenda.activity.create").exists()
    # A colleague manages it; someone outside the organisation does not.
    colleague = member(nb, first_name="Yusuf")
    welfare.staff.add(colleague)
    client.force_login(colleague)
    assert client.get(url(nb, f"{activity.pk}/edit/")).status_code == 200
    client.force_login(bram)
    assert client.get(url(nb, f"{activity.pk}/edit/")).status_code == 403
    # Nor can he plan in its name, or have it preselected.
    page = client.get(url(nb, "new/"), {"organisation": welfare.pk}).content.decode()
    assert "Sterker Welzijn" not in page
    response = client.post(url(nb, "new/"), form_data(organisation=str(welfare.pk)))
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        assert Activity.objects.filter(organisation__isnull=True, organiser=bram).exists()


def test_editing_the_series_keeps_the_signups_of_dates_that_stay(
    client, nb, organiser, ria, bram, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(
        neighbourhood=nb, organiser=organiser, rrule=WEEKLY_TUESDAY, capacity=10
    )
    first, second = dates_of(activity)[:2]
    sign_up(first, ria)
    client.force_login(organiser)
    data = form_data(
        title="Bewegen voor ouderen (nieuw)",
        start_date=activity.start_date.isoformat(),
        weekdays=["2", "4"],  # Thursdays too
        end_time="11:30",  # the time stays
        capacity="10",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(nb, f"{activity.pk}/edit/"), data)
    assert response.status_code == 302
    dates = dates_of(activity)
    assert {local(d.starts_at).isoweekday() for d in dates} == {2, 4}
    with scopes_disabled():
        assert Rsvp.objects.get(person=ria).occurrence_id == first.pk
    assert not mail.outbox  # nothing she signed up for changed
    # Tuesdays only on Thursday: her Tuesday is gone, and she hears it.
    sign_up(second, bram)
    data.update(weekdays=["4"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(nb, f"{activity.pk}/edit/"), data)
    assert {local(d.starts_at).isoweekday() for d in dates_of(activity)} == {4}
    with scopes_disabled():
        assert not Rsvp.objects.exists()
    to = sorted(address for message in mail.outbox for address in message.to)
    assert to == sorted([ria.email, bram.email])
    assert "niet meer op de planning" in mail.outbox[0].body


def test_a_new_time_for_the_series_tells_who_signed_up(
    client, nb, organiser, ria, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(neighbourhood=nb, organiser=organiser, rrule=WEEKLY_TUESDAY)
    first = dates_of(activity)[0]
    sign_up(first, ria)
    client.force_login(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url(nb, f"{activity.pk}/edit/"),
            form_data(
                start_date=activity.start_date.isoformat(), start_time="10:30", end_time="11:30"
            ),
        )
    with scopes_disabled():
        first.refresh_from_db()
        assert Rsvp.objects.get(person=ria).occurrence_id == first.pk
    assert local(first.starts_at).time() == time(10, 30)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [ria.email]
    assert "10:30" in mail.outbox[0].body


def test_cancel_one_date_with_a_note_then_it_goes_ahead_after_all(
    client, nb, organiser, ria, bram, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(neighbourhood=nb, organiser=organiser, rrule=WEEKLY_TUESDAY)
    first, second = dates_of(activity)[:2]
    sign_up(first, ria)
    sign_up(second, bram)
    client.force_login(organiser)
    page = client.get(url(nb, f"dates/{first.pk}/cancel/")).content.decode()
    assert "1 persoon heeft zich voor deze datum aangemeld" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(nb, f"dates/{first.pk}/cancel/"), {"note": "De docent is ziek. Sorry!"}
        )
    assert response.status_code == 302
    with scopes_disabled():
        first.refresh_from_db()
    assert first.cancelled
    assert [m.to for m in mail.outbox] == [[ria.email]]
    assert "De docent is ziek" in mail.outbox[0].body and "gaat niet door" in mail.outbox[0].subject
    page = client.get(url(nb, f"{activity.pk}/")).content.decode()
    assert "Afgelast: deze datum gaat niet door." in page and "De docent is ziek" in page
    client.force_login(ria)
    week = client.get(url(nb), {"week": first.starts_at.strftime("%G-W%V")}).content.decode()
    assert "Afgelast" in week
    # A mistake: it goes ahead. Ria is still signed up and hears it.
    client.force_login(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(nb, f"dates/{first.pk}/restore/"))
    with scopes_disabled():
        first.refresh_from_db()
        assert Rsvp.objects.filter(occurrence=first, person=ria).exists()
    assert not first.cancelled
    assert "gaat toch door" in mail.outbox[-1].subject and mail.outbox[-1].to == [ria.email]


def test_move_one_date_to_another_day_and_time(
    client, nb, organiser, ria, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(neighbourhood=nb, organiser=organiser, rrule=WEEKLY_TUESDAY)
    first, second = dates_of(activity)[:2]
    sign_up(first, ria)
    wednesday = local(first.starts_at).date() + timedelta(days=1)
    client.force_login(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(nb, f"dates/{first.pk}/move/"),
            {"day": wednesday.isoformat(), "start_time": "14:00", "end_time": "15:00"},
        )
    assert response.status_code == 302
    with scopes_disabled():
        first.refresh_from_db()
    assert first.moved and local(first.starts_at) == datetime.combine(
        wednesday, time(14), tzinfo=local_tz()
    )
    assert local(first.original_start).isoweekday() == 2  # the RECURRENCE-ID stays
    assert first.weekday == 3
    assert mail.outbox[-1].to == [ria.email] and "14:00" in mail.outbox[-1].subject
    page = client.get(url(nb, f"{activity.pk}/")).content.decode()
    assert "Verplaatst: het stond gepland op" in page
    # Not onto a day that already has a date, nor into the past.
    response = client.post(
        url(nb, f"dates/{first.pk}/move/"),
        {
            "day": local(second.starts_at).date().isoformat(),
            "start_time": "10:00",
            "end_time": "11:00",
        },
    )
    assert response.status_code == 400
    assert "Deze activiteit heeft op die dag al een datum." in response.content.decode()
    response = client.post(
        url(nb, f"dates/{first.pk}/move/"),
        {"day": "2020-01-01", "start_time": "10:00", "end_time": "11:00"},
    )
    assert response.status_code == 400 and "Dit moment is voorbij" in response.content.decode()


def test_cancel_the_whole_series_everyone_signed_up_hears_it_once(
    client, nb, organiser, ria, bram, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(neighbourhood=nb, organiser=organiser, rrule=WEEKLY_TUESDAY)
    first, second, third = dates_of(activity)[:3]
    sign_up(first, ria)
    sign_up(second, ria)
    sign_up(third, bram)
    client.force_login(organiser)
    page = client.get(url(nb, f"{activity.pk}/cancel/")).content.decode()
    assert "3 mensen hebben zich aangemeld voor een komende datum" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(nb, f"{activity.pk}/cancel/"), {"note": "We stoppen na twintig jaar."})
    with scope(neighbourhood=nb):
        activity.refresh_from_db()
        assert activity.state == ActivityState.CANCELLED
        assert not Occurrence.objects.filter(activity=activity, cancelled=False).exists()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([ria.email, bram.email])
    assert "We stoppen na twintig jaar." in mail.outbox[0].body
    page = client.get(url(nb, f"{activity.pk}/")).content.decode()
    assert "Deze activiteit is afgelast" in page and "Aanmelden</button>" not in page


def test_a_buurtverbinder_removes_an_activity_with_an_audit_entry(
    client, nb, organiser, connector, ria, bram, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(
        neighbourhood=nb, organiser=organiser, rrule=WEEKLY_TUESDAY, title="Verkeerde reclame"
    )
    sign_up(dates_of(activity)[0], ria)
    client.force_login(bram)
    assert client.post(url(nb, f"{activity.pk}/remove/")).status_code == 403
    client.force_login(connector)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url(nb, f"{activity.pk}/remove/")).status_code == 302
    with scopes_disabled():
        entries = list(AuditEntry.objects.values_list("action", "actor_id"))
    assert entries == [("agenda.activity.remove", connector.pk)]
    assert [m.to for m in mail.outbox] == [[ria.email]]
    client.force_login(ria)
    assert client.get(url(nb, f"{activity.pk}/")).status_code == 404
    assert "Verkeerde reclame" not in client.get(url(nb, "month/")).content.decode()
    assert "Verkeerde reclame" not in client.get(url(nb, "mine/")).content.decode()


def test_a_neighbour_reports_an_activity(client, nb, organiser, bram):
    from buurtplein.moderation.models import Report

    activity = ActivityFactory(neighbourhood=nb, organiser=organiser)
    client.force_login(bram)
    assert "Melden" in client.get(url(nb, f"{activity.pk}/")).content.decode()
    response = client.post(url(nb, f"{activity.pk}/report/"), {"reason": "spam", "note": "Reclame"})
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        report = Report.objects.get()
    assert report.target == activity and report.reporter == bram
    assert client.post(url(nb, f"{activity.pk}/report/"), {}).status_code == 400
    client.force_login(organiser)  # not your own
    assert client.get(url(nb, f"{activity.pk}/report/")).status_code == 403


def test_visitors_see_public_activities_and_a_neutral_preview(client, nb, other_nb, organiser):
    secret = ActivityFactory(neighbourhood=nb, organiser=organiser, title="Alleen voor buren")
    ActivityFactory(
        neighbourhood=nb, organiser=organiser, title="Voor iedereen", visibility="public"
    )
    ActivityFactory(
        neighbourhood=other_nb,
        organiser=member(other_nb),
        title="Andere buurt",
        visibility="public",
    )
    week = secret.start_date.strftime("%G-W%V")
    page = client.get(url(nb), {"week": week}).content.decode()
    assert "Voor iedereen" in page and "Alleen voor buren" not in page
    assert "Andere buurt" not in page
    preview = client.get(url(nb, f"{secret.pk}/")).content.decode()
    assert "Alleen voor buren" not in preview and "alleen voor buren" in preview.lower()
    client.force_login(member(other_nb))
    assert client.get(url(other_nb, f"{secret.pk}/")).status_code == 404
    assert "Alleen voor buren" not in client.get(url(nb), {"week": week}).content.decode()
    client.force_login(organiser)
    assert "Alleen voor buren" in client.get(url(nb), {"week": week}).content.decode()


def test_the_horizon_moves_on_with_agenda_extend(nb, organiser, capsys):
    activity = ActivityFactory(neighbourhood=nb, organiser=organiser, rrule=WEEKLY_TUESDAY)
    once = ActivityFactory(neighbourhood=nb, organiser=organiser)
    before = len(dates_of(activity))
    later = timezone.now() + timedelta(days=30)
    call_command("agenda_extend", "--dry-run")
    assert "Would do: 0 activities extended" in capsys.readouterr().out
    with scope(neighbourhood=nb):
        counts = actions.extend_horizons(neighbourhood=nb, now=later)
    added = len(dates_of(activity)) - before
    assert counts == {"activities": 1, "dates": added}
    assert added in (4, 5)  # the Tuesdays of 30 more days
    assert len(dates_of(once)) == 1
    # Nothing more to do now; the command says so and a second run adds nothing.
    call_command("agenda_extend")
    assert (
        "Done: 0 activities extended, 0 new dates in 1 neighbourhood(s)." in capsys.readouterr().out
    )


def test_agenda_extend_keeps_cancelled_and_moved_dates_as_they_are(nb, organiser, capsys):
    activity = ActivityFactory(neighbourhood=nb, organiser=organiser, rrule=WEEKLY_TUESDAY)
    first, second = dates_of(activity)[:2]
    with scope(neighbourhood=nb):
        actions.occurrence_cancel(actor=organiser, occurrence=first, note="Ziek")
        actions.occurrence_move(
            actor=organiser,
            occurrence=second,
            day=local(second.starts_at).date(),
            start_time=time(13),
            end_time=time(14),
        )
    with scopes_disabled():
        Activity.objects.filter(pk=activity.pk).update(horizon_until=date(2000, 1, 1))
    call_command("agenda_extend", "--neighbourhood", nb.slug)
    assert f"{nb.slug}: 1 activities extended, 0 new dates" in capsys.readouterr().out
    with scopes_disabled():
        first.refresh_from_db()
        second.refresh_from_db()
    assert first.cancelled and first.cancel_note == "Ziek"
    assert second.moved and local(second.starts_at).time() == time(13)


def test_the_page_in_english(client, nb, organiser, ria):
    activity = ActivityFactory(
        neighbourhood=nb, organiser=organiser, rrule=WEEKLY_TUESDAY, capacity=8
    )
    client.force_login(ria)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(url(nb, f"{activity.pk}/")).content.decode()
    assert "Every week on Tuesday" in page and "The next dates" in page
    assert "Sign up</button>" in page and "With how many people?" in page
    assert "8 places left" in page
    week = client.get(url(nb)).content.decode()
    assert "Activities this week" in week and "Next week" in week


def test_the_page_in_dutch(client, nb, organiser, ria):
    activity = ActivityFactory(
        neighbourhood=nb, organiser=organiser, rrule=WEEKLY_TUESDAY, capacity=8
    )
    client.force_login(ria)
    page = client.get(url(nb, f"{activity.pk}/")).content.decode()
    assert "Elke week op dinsdag" in page and "De volgende data" in page
    assert "Aanmelden</button>" in page and "Met hoeveel personen?" in page
    assert "Nog 8 plekken" in page
    week = client.get(url(nb)).content.decode()
    assert "Activiteiten deze week" in week and "Volgende week" in week
    assert "Activiteiten</span>" in week  # the entry in the main navigation
