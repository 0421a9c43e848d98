"""The week and month views, their filters (target group, day of the week, free) kept when
moving between weeks and months, "my activities", the home block "this week in the
neighbourhood", and what other components get: upcoming dates of an organisation, the list
partial, the create link that preselects the organisation."""

import re
from datetime import date, time, timedelta

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.agenda import actions, selectors
from buurtplein.agenda.models import Occurrence
from buurtplein.agenda.recurrence import DAY_CODES
from buurtplein.agenda.tests.factories import ActivityFactory, dates_of, next_weekday, sign_up
from buurtplein.core.permissions import Viewer
from buurtplein.core.tests.factories import member

pytestmark = pytest.mark.django_db


def url(nb, path=""):
    return f"/b/{nb.slug}/agenda/{path}"


def week_of(day: date) -> str:
    return day.strftime("%G-W%V")


def titles(page: str) -> list[str]:
    return re.findall(r'<h3 class="ag-title" id="ag-title-\d+"><a href="[^"]+">([^<]+)</a>', page)


@pytest.fixture
def week(nb, organiser):
    """A coming week of Nijmegen-Oost: Tuesday bewegen (65+), Wednesday taalcafé
    (newcomers, free), Thursday bridge (65+, € 3), Saturday buurtfeest (everyone, free)."""
    monday = next_weekday(1)
    while (monday + timedelta(days=6)).month != monday.month:  # one month, for the month view
        monday += timedelta(days=7)

    def plan(title, weekday, groups, cost=None, **extra):
        return ActivityFactory(
            neighbourhood=nb,
            organiser=organiser,
            title=title,
            start_date=monday + timedelta(days=weekday - 1),
            target_groups=sum(
                {"everyone": 1, "seniors": 2, "newcomers": 32}[group] for group in groups
            ),
            cost=cost,
            **extra,
        )

    return {
        "monday": monday,
        "bewegen": plan("Bewegen voor ouderen", 2, ["seniors"], rrule="FREQ=WEEKLY;BYDAY=TU"),
        "taalcafe": plan("Taalcafé", 3, ["newcomers"]),
        "bridge": plan("Bridgeles", 4, ["seniors"], cost=3),
        "feest": plan("Buurtfeest", 6, ["everyone"], start_time=time(15), end_time=time(22)),
    }


def test_the_week_shows_days_as_headings_with_their_activities(client, nb, ria, week):
    client.force_login(ria)
    page = client.get(url(nb), {"week": week_of(week["monday"])}).content.decode()
    assert titles(page) == ["Bewegen voor ouderen", "Taalcafé", "Bridgeles", "Buurtfeest"]
    days = re.findall(r'<h2 id="ag-day-([\d-]+)"', page)
    assert days == [(week["monday"] + timedelta(days=n)).isoformat() for n in range(7)]
    assert page.count("Niets deze dag.") == 3  # Monday, Friday, Sunday
    assert "Maandag" in page and "Week " in page


def test_today_is_marked_and_previous_next_keep_the_filters(client, nb, ria, week):
    client.force_login(ria)
    page = client.get(url(nb)).content.decode()
    assert f'<h2 id="ag-day-{timezone.localdate().isoformat()}" aria-current="date">' in page
    assert "Vandaag" in page and "Activiteiten deze week" in page
    page = client.get(
        url(nb), {"week": week_of(week["monday"]), "group": "seniors", "day": "2"}
    ).content.decode()
    next_week = week_of(week["monday"] + timedelta(days=7))
    assert f'href="?week={next_week}&amp;group=seniors&amp;day=2"' in page
    assert (
        f'href="/b/{nb.slug}/agenda/month/?month={week["monday"]:%Y-%m}&amp;group=seniors&amp;day=2"'
        in page
    )
    assert "Terug naar deze week" in page


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"group": "seniors"}, ["Bewegen voor ouderen", "Bridgeles"]),
        ({"group": ["seniors", "everyone"]}, ["Bewegen voor ouderen", "Bridgeles", "Buurtfeest"]),
        ({"group": "seniors", "day": "2"}, ["Bewegen voor ouderen"]),
        ({"day": ["3", "6"]}, ["Taalcafé", "Buurtfeest"]),
        ({"free": "1"}, ["Bewegen voor ouderen", "Taalcafé", "Buurtfeest"]),
        ({"free": "1", "group": "newcomers"}, ["Taalcafé"]),
        # Nonsense is ignored rather than answering an error.
        ({"group": "martians", "day": "9", "free": "ja"}, None),
    ],
)
def test_filters_by_target_group_day_and_free(client, nb, ria, week, params, expected):
    client.force_login(ria)
    everything = ["Bewegen voor ouderen", "Taalcafé", "Bridgeles", "Buurtfeest"]
    page = client.get(url(nb), {"week": week_of(week["monday"]), **params}).content.decode()
    assert titles(page) == (expected or everything)
    month = client.get(
        url(nb, "month/"), {"month": f"{week['monday']:%Y-%m}", **params}
    ).content.decode()
    for title in everything:
        assert (title in month) == (title in (expected or everything))


def test_a_moved_date_shows_on_its_new_day_and_a_cancelled_one_as_cancelled(
    client, nb, ria, organiser, week
):
    tuesday = dates_of(week["bewegen"])[0]
    with scope(neighbourhood=nb):
        actions.occurrence_move(
            actor=organiser,
            occurrence=tuesday,
            day=week["monday"] + timedelta(days=4),
            start_time=time(10),
            end_time=time(11),
        )
        actions.occurrence_cancel(actor=organiser, occurrence=dates_of(week["bridge"])[0])
    client.force_login(ria)
    page = client.get(url(nb), {"week": week_of(week["monday"]), "day": "5"}).content.decode()
    assert titles(page) == ["Bewegen voor ouderen"] and "Verplaatst" in page
    page = client.get(url(nb), {"week": week_of(week["monday"]), "day": "4"}).content.decode()
    assert titles(page) == ["Bridgeles"] and "Afgelast" in page and "ag-off" in page


def test_bad_week_and_month_values_show_this_week_and_month(client, nb):
    for value in ("", "2026-W99", "banaan", "1800-W01", "-W"):
        assert client.get(url(nb), {"week": value}).status_code == 200
    for value in ("2026-13", "x", "2026", "9999-01"):
        assert client.get(url(nb, "month/"), {"month": value}).status_code == 200
    assert selectors.parse_week("2026-W49") == date(2026, 11, 30)
    assert selectors.parse_month("2027-02") == date(2027, 2, 1)


def test_the_month_is_a_grid_of_its_own_days(client, nb, ria, week):
    client.force_login(ria)
    page = client.get(url(nb, "month/"), {"month": "2027-04"}).content.decode()
    cells = re.findall(r'<li class="ag-cell[^"]*"', page)
    days = re.findall(r'<h2 class="ag-cell-day" id="ag-day-(2027-04-\d\d)"', page)
    assert len(days) == 30 and len(cells) == 35  # Monday first, whole weeks
    # 1 April 2027 is a Thursday: Monday to Wednesday of March come first, empty.
    assert page.count('<li class="ag-cell ag-cell-outside" aria-hidden="true"></li>') == 5
    assert "Activiteiten in april 2027" in page
    assert 'href="?month=2027-03"' in page and 'href="?month=2027-05"' in page
    page = client.get(url(nb, "month/"), {"month": f"{week['monday']:%Y-%m}"}).content.decode()
    assert "Taalcafé" in page and "Bewegen voor ouderen" in page


def test_a_busy_day_in_the_month_shows_four_and_links_to_the_rest_in_the_week(
    client, nb, ria, organiser, week
):
    tuesday = week["monday"] + timedelta(days=1)
    for hour in range(9, 16):  # seven more on Tuesday, on top of Bewegen voor ouderen
        ActivityFactory(
            neighbourhood=nb,
            organiser=organiser,
            title=f"Activiteit om {hour} uur",
            start_date=tuesday,
            start_time=time(hour, 30),
            end_time=time(hour + 1),
            target_groups=1,  # everyone
        )
    client.force_login(ria)
    page = client.get(url(nb, "month/"), {"month": f"{tuesday:%Y-%m}", "group": "everyone"})
    cell = page.content.decode().split(f'id="ag-day-{tuesday.isoformat()}"')[1].split("</ul>")[0]
    assert re.findall(r"</time> ([^<]+)</a>", cell) == [
        f"Activiteit om {hour} uur" for hour in (9, 10, 11, 12)
    ]  # in time order; Bewegen (10:00, 65+) is filtered out
    link = f"?week={week_of(tuesday)}&amp;group=everyone#ag-day-{tuesday.isoformat()}"
    assert f'href="/b/{nb.slug}/agenda/{link}">+ nog 3<' in cell
    # The week view has them all, under that day's heading.
    page = client.get(url(nb), {"week": week_of(tuesday), "group": "everyone"}).content.decode()
    assert len([t for t in titles(page) if t.startswith("Activiteit om")]) == 7


def test_my_activities_what_i_go_to_and_what_i_organise(client, nb, ria, organiser, week):
    sign_up(dates_of(week["taalcafe"])[0], ria)
    sign_up(dates_of(week["bewegen"])[0], ria, party_size=2)
    client.force_login(ria)
    page = client.get(url(nb, "mine/")).content.decode()
    going = page.split("Wat je organiseert")[0]
    assert going.index("Bewegen voor ouderen") < going.index("Taalcafé")
    assert "Je gaat, met 2 personen." in page
    assert "Je organiseert nog niets." in page
    client.force_login(organiser)
    page = client.get(url(nb, "mine/")).content.decode()
    organised = page.split("Wat je organiseert")[1]
    assert "Bewegen voor ouderen" in organised and "Volgende:" in organised
    assert "2 mensen komen" in organised and "Wie komen er" in organised


def test_this_week_in_the_neighbourhood_on_the_home(client, nb, ria, organiser):
    tomorrow = timezone.localdate() + timedelta(days=1)
    soon = ActivityFactory(
        neighbourhood=nb, organiser=organiser, title="Koffie-ochtend", start_date=tomorrow
    )
    ActivityFactory(
        neighbourhood=nb,
        organiser=organiser,
        title="Te ver weg",
        start_date=tomorrow + timedelta(days=8),
    )
    client.force_login(ria)
    page = client.get(f"/b/{nb.slug}/").content.decode()
    assert "Deze week in de buurt" in page and "Koffie-ochtend" in page
    assert "Te ver weg" not in page
    assert f'href="/b/{nb.slug}/agenda/{soon.pk}/#date-' in page
    # Fresh after a change (the block is cached until an activity changes).
    with scope(neighbourhood=nb):
        actions.occurrence_cancel(actor=organiser, occurrence=dates_of(soon)[0])
    assert "Koffie-ochtend" not in client.get(f"/b/{nb.slug}/").content.decode()
    # Visitors see the activities open to everyone only.
    client.logout()
    ActivityFactory(
        neighbourhood=nb,
        organiser=organiser,
        title="Buurtfeest",
        start_date=tomorrow,
        visibility="public",
    )
    ActivityFactory(neighbourhood=nb, organiser=organiser, title="Geheim", start_date=tomorrow)
    page = client.get(f"/b/{nb.slug}/").content.decode()
    assert "Buurtfeest" in page and "Geheim" not in page


def test_the_home_block_on_a_quiet_week_invites_to_plan(client, nb, ria):
    client.force_login(ria)
    page = client.get(f"/b/{nb.slug}/").content.decode()
    assert "Er staat de komende dagen nog niets gepland." in page
    assert f'href="/b/{nb.slug}/agenda/new/"' in page


# --- for other components ----------------------------------------------------------------------


def test_upcoming_for_an_organisation_with_my_sign_up_and_the_list_partial(
    nb, organiser, ria, welfare
):
    tomorrow = timezone.localdate() + timedelta(days=1)
    day_after = tomorrow + timedelta(days=1)
    later = ActivityFactory(
        neighbourhood=nb,
        organiser=organiser,
        organisation=welfare,
        title="Koffie-ochtend",
        rrule=f"FREQ=WEEKLY;BYDAY={DAY_CODES[day_after.isoweekday()]}",
        start_date=day_after,
    )
    ActivityFactory(
        neighbourhood=nb,
        organiser=organiser,
        organisation=welfare,
        title="Bestuursoverleg",
        start_date=tomorrow + timedelta(days=3),
    )
    public = ActivityFactory(
        neighbourhood=nb,
        organiser=organiser,
        organisation=welfare,
        title="Open dag",
        visibility="public",
        start_date=tomorrow,
    )
    ActivityFactory(neighbourhood=nb, organiser=organiser, title="Van iemand anders")
    sign_up(dates_of(later)[0], ria)
    with scope(neighbourhood=nb):
        membership = ria.memberships.get()
        viewer = Viewer(user=ria, neighbourhood=nb, membership=membership)
        found = selectors.upcoming_for_organisation(viewer, welfare, limit=3)
        assert [o.activity.title for o in found] == [
            "Open dag",
            "Koffie-ochtend",
            "Bestuursoverleg",
        ]
        mine = [o for o in found if o.my_rsvp]
        assert [o.activity_id for o in mine] == [later.pk]
        from django.contrib.auth.models import AnonymousUser

        visitor = Viewer(user=AnonymousUser(), neighbourhood=nb, membership=None)
        assert [o.activity_id for o in selectors.upcoming_for_organisation(visitor, welfare)] == [
            public.pk
        ]
        request = RequestFactory().get(f"/b/{nb.slug}/clubs/")
        request.neighbourhood, request.user, request.membership = nb, ria, membership
        html = render_to_string(
            "agenda/_occurrence_list.html", {"occurrences": found}, request=request
        )
    assert "Koffie-ochtend" in html and "Je gaat" in html and "Open dag" in html
    assert f'href="/b/{nb.slug}/agenda/{later.pk}/#date-' in html
    empty = render_to_string("agenda/_occurrence_list.html", {"occurrences": []})
    assert "Geen activiteiten gepland." in empty


def test_dates_of_the_past_are_not_upcoming(nb, organiser, welfare, ria):
    activity = ActivityFactory(neighbourhood=nb, organiser=organiser, organisation=welfare)
    with scopes_disabled():
        past = timezone.now() - timedelta(days=2)
        Occurrence.objects.filter(activity=activity).update(
            starts_at=past, ends_at=past + timedelta(hours=1)
        )
    with scope(neighbourhood=nb):
        viewer = Viewer(user=ria, neighbourhood=nb, membership=ria.memberships.get())
        assert selectors.upcoming_for_organisation(viewer, welfare) == []


def test_a_board_member_plans_for_the_club_from_its_page_link(client, nb, organiser):
    from buurtplein.accounts.tests.factories import OrganisationFactory

    club = OrganisationFactory(name="Bridgeclub Oost", slug="bridgeclub", kind="club")
    club.neighbourhoods.add(nb)
    club.staff.add(organiser)
    client.force_login(organiser)
    page = client.get(url(nb, "new/"), {"organisation": str(club.pk)}).content.decode()
    assert f'<option value="{club.pk}" selected>Bridgeclub Oost</option>' in page
    for nonsense in ("abc", "999999", ""):
        page = client.get(url(nb, "new/"), {"organisation": nonsense}).content.decode()
        assert "selected>Bridgeclub Oost" not in page
    outsider = member(nb)
    client.force_login(outsider)
    page = client.get(url(nb, "new/"), {"organisation": str(club.pk)}).content.decode()
    assert "Bridgeclub Oost" not in page and 'name="organisation"' not in page


def test_a_very_busy_week_says_to_use_the_filters(client, nb, ria, week, monkeypatch):
    monkeypatch.setattr(selectors, "WEEK_LIMIT", 2)
    client.force_login(ria)
    page = client.get(url(nb), {"week": week_of(week["monday"])}).content.decode()
    assert titles(page) == ["Bewegen voor ouderen", "Taalcafé"]
    assert "Gebruik de filters om de rest te zien." in page
    page = client.get(url(nb), {"week": week_of(week["monday"]), "day": "6"}).content.decode()
    assert titles(page) == ["Buurtfeest"] and "Gebruik de filters" not in page


def test_a_visitors_month_is_cached_and_still_shows_changes_at_once(client, nb, ria, organiser):
    """The visitors' month grid comes from the cache; a new activity, a full date and a
    cancelled one show on the next visit all the same, and a member sees their own sign-up."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    tuesday = next_weekday(2)
    path = f"/b/{nb.slug}/agenda/month/"
    params = {"month": f"{tuesday:%Y-%m}"}
    assert "Stoelyoga" not in client.get(path, params).content.decode()
    with scope(neighbourhood=nb):
        activity = actions.activity_create(
            organiser=organiser,
            neighbourhood=nb,
            title="Stoelyoga",
            start_date=tuesday,
            start_time=time(10, 0),
            end_time=time(11, 0),
            place_name="Buurthuis De Lindenberg",
            capacity=1,
            visibility="public",
        )
    occurrence = dates_of(activity)[0]
    assert "Stoelyoga" in client.get(path, params).content.decode()
    with CaptureQueriesContext(connection) as warm:
        client.get(path, params)
    assert not any("agenda_occurrence" in query["sql"] for query in warm)
    with scope(neighbourhood=nb):
        actions.rsvp_set(occurrence=occurrence, person=ria)
    assert '<span class="ag-flag">Vol</span>' in client.get(path, params).content.decode()
    client.force_login(ria)
    assert (
        '<span class="ag-flag-text">Je gaat</span></span>'
        in client.get(path, params).content.decode()
    )
    client.logout()
    with scope(neighbourhood=nb):
        actions.occurrence_cancel(actor=organiser, occurrence=dates_of(activity)[0])
    assert '<span class="ag-flag">Afgelast</span>' in client.get(path, params).content.decode()
