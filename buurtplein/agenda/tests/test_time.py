"""The agenda on every day and at every hour: each weekday, just before and after midnight,
the nights the clocks change and New Year's Eve (``conftest.MOMENTS``, frozen with
time-machine). What a person sees "this week" must never be a week that is over."""

import random
import re
from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.agenda import actions, demo
from buurtplein.agenda.models import Occurrence, Rsvp
from buurtplein.agenda.tests.factories import ActivityFactory, sign_up
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.core.tests.moments import AMSTERDAM, MOMENTS, local

pytestmark = pytest.mark.django_db


def day_headings(page: str) -> list[str]:
    return re.findall(r'<h2 id="ag-day-([\d-]+)"', page)


@pytest.fixture
def small_demo_world(db):
    """Nijmegen-Oost as the demo has it, small: Sterker Welzijn with one staff member, the demo
    resident and eight neighbours."""
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    welfare = OrganisationFactory(name="Sterker Welzijn", slug="sterker-welzijn", kind="welfare")
    welfare.neighbourhoods.add(nb)
    sanne = member(nb, email="demo-professional@buurtplein.nl", first_name="Sanne")
    welfare.staff.add(sanne)
    els = member(nb, email=demo.DEMO_RESIDENT, first_name="Els", last_name="Bakker")
    neighbours = [member(nb, email=f"buur{n}@example.nl") for n in range(8)]
    return nb, els, [sanne, els, *neighbours]


@pytest.mark.parametrize("moment", MOMENTS.values(), ids=MOMENTS.keys())
def test_the_demo_resident_goes_to_something_in_the_coming_days(small_demo_world, moment):
    """Whenever the demo is made, the resident's agenda and home show dates she goes to."""
    nb, els, members = small_demo_world
    with time_machine.travel(moment, tick=False):
        with scope(neighbourhood=nb):
            demo.seed(nb, members, random.Random(1))
        today = timezone.localdate()
        with scopes_disabled():
            going = Rsvp.objects.filter(person=els, status="going").order_by(
                "occurrence__starts_at"
            )
            soonest = going.first().occurrence
        assert timezone.now() < soonest.starts_at < local(today + timedelta(days=7))
        client = Client()
        client.force_login(els)
        week = client.get(f"/b/{nb.slug}/agenda/").content.decode()
        assert day_headings(week)[0] == today.isoformat()
        assert "Je gaat" in week and "Samen eten in het buurthuis" in week
        home = client.get(f"/b/{nb.slug}/").content.decode()
        block = home.split('id="ag-home-title"')[1].split("</section>")[0]
        assert "Deze week in de buurt" in home and soonest.activity.title in block


@pytest.mark.parametrize("moment", MOMENTS.values(), ids=MOMENTS.keys())
def test_the_agenda_opens_on_the_coming_seven_days(client, nb, ria, organiser, moment):
    """A date every day at 10:00: the landing page shows today and the six days after (today
    marked), the home block only what is still to come, and the calendar weeks before and after
    are one click away."""
    with time_machine.travel(moment, tick=False):
        today = timezone.localdate()
        ActivityFactory(
            neighbourhood=nb,
            organiser=organiser,
            title="Ochtendwandeling",
            start_date=today - timedelta(days=7),
            start_time=time(10),
            end_time=time(11),
            rrule="FREQ=DAILY",
            target_groups=1,
        )
        client.force_login(ria)
        page = client.get(f"/b/{nb.slug}/agenda/").content.decode()
        coming = [today + timedelta(days=n) for n in range(7)]
        assert day_headings(page) == [day.isoformat() for day in coming]
        assert f'<h2 id="ag-day-{today.isoformat()}" aria-current="date">' in page
        # (made now, the series has no dates in the past: today's is there until 10:00)
        ahead = sum(local(day, time(10)) > timezone.now() for day in coming)
        assert page.count("Ochtendwandeling</a>") == ahead >= 6
        assert "Activiteiten deze week" in page and "Terug naar deze week" not in page
        yesterday, next_week = today - timedelta(days=1), today + timedelta(days=7)
        assert f'href="?week={yesterday:%G-W%V}"' in page
        assert f'href="?week={next_week:%G-W%V}"' in page

        # The calendar week of today: Monday to Sunday, with today in it.
        page = client.get(f"/b/{nb.slug}/agenda/", {"week": f"{today:%G-W%V}"}).content.decode()
        monday = today - timedelta(days=today.weekday())
        assert day_headings(page) == [(monday + timedelta(days=n)).isoformat() for n in range(7)]
        assert "Activiteiten deze week" in page
        assert page.count("Ochtendwandeling</a>") == sum(
            local(monday + timedelta(days=n), time(10)) > timezone.now() for n in range(7)
        )

        # The month of today: its own days, today's date in its cell.
        page = client.get(f"/b/{nb.slug}/agenda/month/", {"month": f"{today:%Y-%m}"})
        tomorrow = today + timedelta(days=1)
        if tomorrow.month == today.month:
            cell = page.content.decode().split(f'id="ag-day-{tomorrow.isoformat()}"')[1]
            assert "Ochtendwandeling" in cell.split("</li>")[0]

        home = client.get(f"/b/{nb.slug}/").content.decode()
        block = home.split('id="ag-home-title"')[1].split("</section>")[0]
        shown = re.findall(r'<time datetime="([^"]+)"', block)
        assert shown, "the home block is never empty when something is coming"
        assert all(datetime.fromisoformat(at) >= timezone.now() for at in shown)


@pytest.mark.parametrize("moment", MOMENTS.values(), ids=MOMENTS.keys())
def test_the_reminder_goes_the_day_before(nb, ria, organiser, moment):
    """A date the day after tomorrow at 10:00 (local), signed up for now: the reminder is due
    from 24 hours before it starts, not a minute earlier, and goes once."""
    with time_machine.travel(moment, tick=False) as traveller:
        day = timezone.localdate() + timedelta(days=2)
        activity = ActivityFactory(
            neighbourhood=nb, organiser=organiser, start_date=day, start_time=time(10)
        )
        with scope(neighbourhood=nb):
            occurrence = Occurrence.objects.get(activity=activity)
            sign_up(occurrence, ria)
            starts = occurrence.starts_at
            assert timezone.localtime(starts).time() == time(10)
            assert actions.remind_due(neighbourhood=nb)["reminders"] == 0
            traveller.move_to(starts - timedelta(days=1, minutes=1))
            assert actions.remind_due(neighbourhood=nb)["reminders"] == 0
            traveller.move_to(starts - timedelta(days=1))
            assert actions.remind_due(neighbourhood=nb)["reminders"] == 1
            traveller.move_to(starts - timedelta(hours=1))
            assert actions.remind_due(neighbourhood=nb)["reminders"] == 0


CLOCK_CHANGES = {
    "summer-2026": date(2026, 3, 29),
    "winter-2026": date(2026, 10, 25),
    "summer-2027": date(2027, 3, 28),
}


@pytest.mark.parametrize("sunday", CLOCK_CHANGES.values(), ids=CLOCK_CHANGES.keys())
@pytest.mark.parametrize("at", [time(2, 30), time(10)], ids=["02:30", "10:00"])
def test_a_weekly_date_keeps_its_local_time_across_the_clock_change(nb, organiser, sunday, at):
    """Every Sunday from two weeks before the clocks change: each date starts at the same
    local time, also the night of the change (02:30 does not exist in March and happens twice
    in October; the date is there once, at a real moment)."""
    with time_machine.travel(local(sunday - timedelta(days=20), time(12)), tick=False):
        activity = ActivityFactory(
            neighbourhood=nb,
            organiser=organiser,
            start_date=sunday - timedelta(days=14),
            start_time=at,
            end_time=time(at.hour + 1),
            rrule="FREQ=WEEKLY;BYDAY=SU;COUNT=5",
        )
        with scope(neighbourhood=nb):
            starts = list(
                Occurrence.objects.filter(activity=activity)
                .order_by("starts_at")
                .values_list("starts_at", flat=True)
            )
    days = [timezone.localtime(s, AMSTERDAM).date() for s in starts]
    assert days == [sunday + timedelta(days=7 * n) for n in range(-2, 3)]
    for start in starts:
        here = timezone.localtime(start, AMSTERDAM)
        if here.date() != sunday:
            assert here.time() == at
    change = timezone.localtime(starts[2], AMSTERDAM)
    if at == time(10):
        assert change.time() == at
    else:  # 02:30 on the night itself: a real moment between 01:00 and 04:00 local
        assert time(1) <= change.time() <= time(4)


def test_on_a_sunday_evening_the_agenda_shows_the_week_ahead(client, nb, ria, organiser):
    """The report: on a Sunday evening /agenda/ showed the week that was over, seven days of
    "Niets deze dag", while twenty activities start on Monday. It opens on today and the six
    days after, with Monday's twenty."""
    sunday_evening = local(date(2026, 12, 13), time(20, 30))
    with time_machine.travel(sunday_evening, tick=False):
        monday = date(2026, 12, 14)
        for n in range(20):
            ActivityFactory(
                neighbourhood=nb,
                organiser=organiser,
                title=f"Maandagactiviteit {n}",
                start_date=monday,
                start_time=time(9 + n // 3),
                end_time=time(10 + n // 3),
                target_groups=1,
            )
        client.force_login(ria)
        page = client.get(f"/b/{nb.slug}/agenda/").content.decode()
    days = day_headings(page)
    assert days[0] == "2026-12-13" and days[1] == "2026-12-14" and len(days) == 7
    assert '<h2 id="ag-day-2026-12-13" aria-current="date">' in page
    monday_part = page.split('id="ag-day-2026-12-14"')[1].split('id="ag-day-2026-12-15"')[0]
    assert monday_part.count("Maandagactiviteit") == 20
    assert page.count("Niets deze dag.") == 6  # Sunday evening itself and Tuesday to Saturday
