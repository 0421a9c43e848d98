"""The iCalendar feeds as real calendar programs read them: parsed with ``icalendar``, expanded
with ``recurring_ical_events``, the dates shown are exactly the stored dates (cancelled ones
gone, moved ones moved, daylight saving time right); the RFC 5545 essentials of the bytes; who
sees which feed."""

import re
from datetime import date, datetime, time, timedelta

import icalendar
import pytest
import recurring_ical_events
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.agenda import actions
from buurtplein.agenda.ical import vtimezone
from buurtplein.agenda.models import Occurrence, RsvpStatus, local_tz
from buurtplein.agenda.tests.factories import ActivityFactory, dates_of, next_weekday, sign_up
from buurtplein.core.tests.factories import member

pytestmark = pytest.mark.django_db

WEEKLY_TUESDAY = "FREQ=WEEKLY;BYDAY=TU;WKST=MO"
TZ = local_tz()


def url(nb, path=""):
    return f"/b/{nb.slug}/agenda/{path}"


def fetch(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content


def shown(content: bytes, start: datetime, end: datetime) -> set[tuple[str, datetime]]:
    """What a calendar program shows between ``start`` and ``end``: (title, start) of every
    event that is not cancelled, recurrences expanded."""
    calendar = icalendar.Calendar.from_ical(content)
    events = recurring_ical_events.of(calendar).between(start, end)
    return {
        (str(event["SUMMARY"]), event["DTSTART"].dt)
        for event in events
        if str(event.get("STATUS", "CONFIRMED")) != "CANCELLED"
    }


def stored(activities, start, end) -> set[tuple[str, datetime]]:
    with scopes_disabled():
        occurrences = Occurrence.objects.filter(
            activity__in=activities,
            cancelled=False,
            listed=True,
            starts_at__gte=start,
            starts_at__lt=end,
        ).select_related("activity")
        return {(o.activity.title, o.starts_at) for o in occurrences}


@pytest.fixture
def series(nb, organiser):
    """Bewegen voor ouderen, every Tuesday 10:00 for a year: one date cancelled, one moved to
    Wednesday 14:00."""
    activity = ActivityFactory(
        neighbourhood=nb,
        organiser=organiser,
        title="Bewegen voor ouderen",
        rrule=WEEKLY_TUESDAY,
        start_time=time(10),
        end_time=time(11),
        visibility="public",
    )
    dates = dates_of(activity)
    with scope(neighbourhood=nb):
        actions.occurrence_cancel(actor=organiser, occurrence=dates[1], note="Docent ziek")
        wednesday = timezone.localtime(dates[3].starts_at, TZ).date() + timedelta(days=1)
        actions.occurrence_move(
            actor=organiser,
            occurrence=dates[3],
            day=wednesday,
            start_time=time(14),
            end_time=time(15),
        )
    return activity


def window(activity):
    start = timezone.now()
    end = datetime.combine(activity.horizon_until, time(23, 59), tzinfo=TZ)
    return start, end


def test_a_calendar_program_shows_exactly_the_stored_dates(client, nb, organiser, series):
    once = ActivityFactory(
        neighbourhood=nb,
        organiser=organiser,
        title="Buurtfeest",
        start_date=next_weekday(6, weeks=2),
        start_time=time(14),
        end_time=time(22),
        visibility="public",
    )
    cancelled_once = ActivityFactory(
        neighbourhood=nb, organiser=organiser, title="Opschoondag", visibility="public"
    )
    with scope(neighbourhood=nb):
        actions.occurrence_cancel(actor=organiser, occurrence=dates_of(cancelled_once)[0])
    content = fetch(client, url(nb, "calendar.ics"))
    start, end = window(series)
    assert shown(content, start, end) == stored([series, once, cancelled_once], start, end)
    dates = dates_of(series)
    titles_and_starts = shown(content, start, end)
    assert ("Bewegen voor ouderen", dates[1].starts_at) not in titles_and_starts  # cancelled
    moved = dates[3]
    assert ("Bewegen voor ouderen", moved.starts_at) in titles_and_starts  # on the Wednesday
    assert ("Bewegen voor ouderen", moved.original_start) not in titles_and_starts
    assert not any(title == "Opschoondag" for title, _start in titles_and_starts)
    assert ("Buurtfeest", once.first_start) in titles_and_starts


def test_tuesday_ten_oclock_in_the_feed_across_daylight_saving_time(client, nb, series):
    content = fetch(client, url(nb, "calendar.ics"))
    start, end = window(series)
    tuesdays = [moment for title, moment in shown(content, start, end) if moment.isoweekday() == 2]
    assert len(tuesdays) > 40
    local = [moment.astimezone(TZ) for moment in tuesdays]
    assert {(moment.hour, moment.minute) for moment in local} == {(10, 0)}
    assert {moment.utcoffset() for moment in local} == {timedelta(hours=1), timedelta(hours=2)}


def test_the_feed_has_rrule_exdate_and_an_override_for_the_moved_date(client, nb, series):
    calendar = icalendar.Calendar.from_ical(fetch(client, url(nb, "calendar.ics")))
    events = [c for c in calendar.walk("VEVENT") if str(c["SUMMARY"]) == "Bewegen voor ouderen"]
    master = next(e for e in events if "RRULE" in e)
    override = next(e for e in events if "RECURRENCE-ID" in e)
    dates = dates_of(series)
    assert master["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=TU;WKST=MO"
    excluded = [d.dt for exdate in [master["EXDATE"]] for d in exdate.dts]
    assert excluded == [dates[1].original_start]
    assert override["UID"] == master["UID"]
    assert override["RECURRENCE-ID"].dt == dates[3].original_start
    assert override["DTSTART"].dt == dates[3].starts_at
    assert master["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert str(master["LOCATION"]) == "Buurthuis De Lindenberg, Ubbergseveldweg 1"
    assert str(master["URL"]).endswith(f"/b/{nb.slug}/agenda/{series.pk}/")
    assert master["SEQUENCE"] == 2  # a cancelled and a moved date


def test_the_bytes_meet_rfc_5545(client, nb, series):
    content = fetch(client, url(nb, "calendar.ics"))
    assert content.startswith(b"BEGIN:VCALENDAR\r\n") and content.endswith(b"END:VCALENDAR\r\n")
    lines = content.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines)  # every line ends with CRLF, no bare LF
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)
    unfolded = content.replace(b"\r\n ", b"").decode()
    assert (
        "\r\nVERSION:2.0\r\n" in unfolded and "\r\nPRODID:-//Buurtplein//Agenda//NL\r\n" in unfolded
    )
    for event in re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT", unfolded, re.S):
        names = {line.split(":")[0].split(";")[0] for line in event.split("\r\n") if line}
        assert {"UID", "DTSTAMP", "DTSTART"} <= names
        stamp = re.search(r"^DTSTAMP:([^\r\n]+)", event, re.M).group(1)
        assert stamp.endswith("Z")  # UTC
    defined = set(re.findall(r"BEGIN:VTIMEZONE\r\nTZID:([^\r]+)", unfolded))
    used = set(re.findall(r";TZID=([^:;]+)", unfolded))
    assert used and used <= defined
    # A long description is folded, and unfolds to the original text.
    assert any(line.startswith(b" ") for line in lines)


def test_the_vtimezone_matches_europe_amsterdam():
    zone = vtimezone().to_tz(lookup_tzid=False)
    for moment in (
        datetime(2026, 12, 1, 10),
        datetime(2027, 3, 28, 1, 30),
        datetime(2027, 3, 28, 3, 30),
        datetime(2027, 7, 1, 10),
        datetime(2027, 10, 31, 3, 30),
        datetime(2030, 8, 6, 10),
    ):
        assert moment.replace(tzinfo=zone).utcoffset() == moment.replace(tzinfo=TZ).utcoffset()


def test_uids_are_stable_and_changes_raise_the_sequence(client, nb, organiser):
    activity = ActivityFactory(
        neighbourhood=nb, organiser=organiser, rrule=WEEKLY_TUESDAY, visibility="public"
    )

    def master():
        calendar = icalendar.Calendar.from_ical(fetch(client, url(nb, "calendar.ics")))
        return next(iter(calendar.walk("VEVENT")))

    before = master()
    assert before["UID"] == f"{activity.uid}@agenda.buurtplein"
    assert before["SEQUENCE"] == 0
    assert master().to_ical() == before.to_ical()  # the same bytes until something changes
    with scope(neighbourhood=nb):
        actions.occurrence_cancel(
            # A little later (the feed's times have whole seconds).
            actor=organiser,
            occurrence=dates_of(activity)[0],
            now=timezone.now() + timedelta(seconds=5),
        )
    after = master()
    assert after["UID"] == before["UID"] and after["SEQUENCE"] == 1
    assert after["LAST-MODIFIED"].dt > before["LAST-MODIFIED"].dt
    assert after["DTSTAMP"].dt == after["LAST-MODIFIED"].dt


def test_a_cancelled_series_is_cancelled_in_calendars(client, nb, organiser):
    activity = ActivityFactory(
        neighbourhood=nb, organiser=organiser, rrule=WEEKLY_TUESDAY, visibility="public"
    )
    with scope(neighbourhood=nb):
        actions.activity_cancel(actor=organiser, activity=activity)
    calendar = icalendar.Calendar.from_ical(fetch(client, url(nb, "calendar.ics")))
    (event,) = calendar.walk("VEVENT")
    assert event["STATUS"] == "CANCELLED" and event["SEQUENCE"] == 1


def test_the_neighbourhood_feed_has_only_activities_open_to_everyone_of_this_neighbourhood(
    client, nb, other_nb, organiser
):
    ActivityFactory(
        neighbourhood=nb, organiser=organiser, title="Voor iedereen", visibility="public"
    )
    ActivityFactory(neighbourhood=nb, organiser=organiser, title="Alleen buren")
    ActivityFactory(
        neighbourhood=other_nb, organiser=member(other_nb), title="Elders", visibility="public"
    )
    removed = ActivityFactory(
        neighbourhood=nb, organiser=organiser, title="Weggehaald", visibility="public"
    )
    with scope(neighbourhood=nb):
        actions.activity_remove(actor=organiser, activity=removed)
    client.force_login(organiser)  # a member sees no more in the shared feed
    titles = {
        str(event["SUMMARY"])
        for event in icalendar.Calendar.from_ical(fetch(client, url(nb, "calendar.ics"))).walk(
            "VEVENT"
        )
    }
    assert titles == {"Voor iedereen"}


def test_the_feed_of_an_organisation_or_club(client, nb, other_nb, organiser, welfare):
    club = OrganisationFactory(name="Bridgeclub Oost", slug="bridgeclub-oost", kind="club")
    club.neighbourhoods.add(nb)
    ActivityFactory(
        neighbourhood=nb,
        organiser=organiser,
        organisation=welfare,
        title="Koffie-ochtend",
        visibility="public",
    )
    ActivityFactory(
        neighbourhood=nb, organiser=organiser, organisation=welfare, title="Alleen voor buren"
    )
    ActivityFactory(
        neighbourhood=nb,
        organiser=organiser,
        organisation=club,
        title="Bridgeles",
        visibility="public",
    )
    calendar = icalendar.Calendar.from_ical(
        fetch(client, url(nb, f"organisations/{welfare.slug}/calendar.ics"))
    )
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Koffie-ochtend"]
    assert str(calendar["X-WR-CALNAME"]) == "Activiteiten van Sterker Welzijn"
    assert (
        client.get(url(other_nb, f"organisations/{welfare.slug}/calendar.ics")).status_code == 404
    )


def test_my_own_feed_has_my_dates_also_for_neighbours_only_and_what_i_organise(
    client, nb, other_nb, organiser, ria
):
    members_only = ActivityFactory(
        neighbourhood=nb, organiser=organiser, title="Taalcafé", rrule=WEEKLY_TUESDAY
    )
    full = ActivityFactory(neighbourhood=nb, organiser=organiser, title="Kookclub", capacity=1)
    mine = ActivityFactory(neighbourhood=nb, organiser=ria, title="Wandelen", visibility="public")
    ActivityFactory(neighbourhood=nb, organiser=organiser, title="Niet aangemeld")
    tuesday = dates_of(members_only)[2]
    sign_up(tuesday, ria)
    sign_up(dates_of(full)[0], member(nb))
    sign_up(dates_of(full)[0], ria, status=RsvpStatus.WAITING)
    with scopes_disabled():
        token = actions.feed_token_for(user=ria, neighbourhood=nb).token
    path = url(nb, f"my/{token}/calendar.ics")
    calendar = icalendar.Calendar.from_ical(fetch(client, path))  # no log-in needed
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Taalcafé", "Kookclub (wachtlijst)", "Wandelen"}
    assert (
        events["Taalcafé"]["DTSTART"].dt == tuesday.starts_at and "RRULE" not in events["Taalcafé"]
    )
    assert events["Taalcafé"]["STATUS"] == "CONFIRMED"
    assert events["Kookclub (wachtlijst)"]["STATUS"] == "TENTATIVE"
    assert "RRULE" not in events["Wandelen"] and events["Wandelen"]["UID"] == (
        f"{mine.uid}@agenda.buurtplein"
    )
    # The secret only works where it was made, and not after a new link.
    assert client.get(url(other_nb, f"my/{token}/calendar.ics")).status_code == 404
    client.force_login(ria)
    client.post(url(nb, "mine/calendar-link/"))
    assert client.get(path).status_code == 404
    with scopes_disabled():
        new = actions.feed_token_for(user=ria, neighbourhood=nb).token
    assert new != token and client.get(url(nb, f"my/{new}/calendar.ics")).status_code == 200


def test_my_feed_speaks_my_language_and_stops_when_i_leave(client, nb, organiser):
    english = member(nb, language="en")
    full = ActivityFactory(neighbourhood=nb, organiser=organiser, title="Kookclub", capacity=1)
    sign_up(dates_of(full)[0], member(nb))
    sign_up(dates_of(full)[0], english, status=RsvpStatus.WAITING)
    with scopes_disabled():
        token = actions.feed_token_for(user=english, neighbourhood=nb).token
    content = fetch(client, url(nb, f"my/{token}/calendar.ics"))
    assert b"SUMMARY:Kookclub (waiting list)" in content
    assert b"X-WR-CALNAME:My activities in Nijmegen-Oost" in content
    from buurtplein.core.models import Membership

    with scopes_disabled():
        Membership.objects.filter(user=english).update(status=Membership.Status.PENDING)
    assert client.get(url(nb, f"my/{token}/calendar.ics")).status_code == 404


def test_add_one_activity_to_your_calendar(client, nb, organiser, ria, series):
    response = client.get(url(nb, f"{series.pk}/calendar.ics"))
    assert response["Content-Disposition"] == f'attachment; filename="activiteit-{series.pk}.ics"'
    start, end = window(series)
    assert shown(response.content, start, end) == stored([series], start, end)
    members_only = ActivityFactory(neighbourhood=nb, organiser=organiser)
    assert client.get(url(nb, f"{members_only.pk}/calendar.ics")).status_code == 404
    client.force_login(ria)
    assert client.get(url(nb, f"{members_only.pk}/calendar.ics")).status_code == 200


def test_subscribe_links_use_webcal(client, nb, ria, organiser, welfare):
    activity = ActivityFactory(
        neighbourhood=nb, organiser=organiser, organisation=welfare, visibility="public"
    )
    page = client.get(url(nb, "subscribe/")).content.decode()
    assert f'href="webcal://testserver/b/{nb.slug}/agenda/calendar.ics"' in page
    assert "calendar.google.com/calendar/render?cid=webcal%3A%2F%2Ftestserver" in page
    assert "Hoe voeg ik het toe?" in page
    page = client.get(url(nb, f"{activity.pk}/")).content.decode()
    assert (
        f"webcal://testserver/b/{nb.slug}/agenda/organisations/{welfare.slug}/calendar.ics" in page
    )
    client.force_login(ria)
    page = client.get(url(nb, "mine/")).content.decode()
    assert "Maak mijn agenda-link" in page and "/my/" not in page
    client.post(url(nb, "mine/calendar-link/"))
    page = client.get(url(nb, "mine/")).content.decode()
    with scopes_disabled():
        token = actions.feed_token_for(user=ria, neighbourhood=nb).token
    assert f"webcal://testserver/b/{nb.slug}/agenda/my/{token}/calendar.ics" in page
    assert "Maak een nieuwe link" in page


def test_feeds_of_the_past_month_and_later_only(client, nb, organiser):
    old = ActivityFactory(neighbourhood=nb, organiser=organiser, title="Oud", visibility="public")
    with scopes_disabled():
        long_ago = timezone.now() - timedelta(days=60)
        Occurrence.objects.filter(activity=old).update(
            starts_at=long_ago, ends_at=long_ago + timedelta(hours=1), original_start=long_ago
        )
        type(old).objects.filter(pk=old.pk).update(start_date=date.today() - timedelta(days=60))
    content = fetch(client, url(nb, "calendar.ics"))
    assert b"SUMMARY:Oud" not in content
