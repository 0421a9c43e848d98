"""The demo of the agenda, as a person trying it notices it (``seed_demo --scale tiny``)."""

from datetime import time

import pytest
from django.test import Client
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.agenda.models import Activity, Occurrence, Rsvp
from buurtplein.core.models import Neighbourhood
from buurtplein.core.tests.moments import MOMENTS
from buurtplein.demo.generate import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


DEMO_MOMENT = MOMENTS["sun-23:59"]
"""The demo as made on a Sunday evening, a minute before midnight (the clock runs on, so the
seeding crosses into Monday): the hardest moment for "this week" (``agenda/tests/test_time.py``
tries the agenda's part at every moment). Seeded once for the module (``demo_at_moment``)."""


@pytest.fixture
def demo(demo_at_moment):
    return demo_at_moment


def log_in(email):
    client = Client()
    assert client.login(email=email, password=DEMO_PASSWORD)
    return client


def test_every_demo_neighbourhood_has_its_weekly_rhythm(demo):
    with scopes_disabled():
        for nb in Neighbourhood.objects.all():
            activities = {a.title: a for a in Activity.objects.filter(neighbourhood=nb)}
            assert {
                "Bewegen voor ouderen",
                "Koffie-ochtend",
                "Samen eten in het buurthuis",
                "Taalcafé",
                "Bridgeles voor beginners",
                "Studiekring",
            } <= set(activities), nb.slug
            assert any(not a.rrule for a in activities.values()), "a one-off activity"
            bewegen = Occurrence.objects.filter(activity=activities["Bewegen voor ouderen"])
            assert all(
                timezone.localtime(o.original_start).isoweekday() == 2
                and timezone.localtime(o.original_start).time() == time(10)
                for o in bewegen
            )
            assert bewegen.filter(cancelled=True).count() == 1
            study = Occurrence.objects.filter(activity=activities["Studiekring"])
            assert all(8 <= timezone.localtime(o.starts_at).day <= 14 for o in study)
            bridge = Occurrence.objects.filter(activity=activities["Bridgeles voor beginners"])
            # The seeded full date (the demo's history adds past dates without a waiting list).
            first = bridge.filter(waiting_count__gt=0).order_by("starts_at").first()
            assert first.going_count == 6 and first.waiting_count >= 2, nb.slug
            organisers = {a.organisation.name for a in activities.values() if a.organisation}
            assert organisers & {"Sterker Welzijn", "Buurtkracht Amersfoort"}
    with scopes_disabled():
        ooij = Activity.objects.filter(
            neighbourhood__slug="ooij", organisation__slug="dorpshuis-de-klinkert"
        )
        assert {"Bridgeles voor beginners", "Yoga in het dorpshuis"} <= set(
            ooij.values_list("title", flat=True)
        )


def test_the_demo_resident_goes_to_something_this_week(demo):
    els = log_in("demo-bewoner@buurtplein.nl")
    page = els.get("/b/nijmegen-oost/agenda/mine/").content.decode()
    going = page.split("Wat je organiseert")[0]
    assert "Bewegen voor ouderen" in going and "Samen eten in het buurthuis" in going
    assert "Bridgeles voor beginners" in going and "Je staat op de wachtlijst." in going
    with scopes_disabled():
        soonest = (
            Rsvp.objects.filter(person__email="demo-bewoner@buurtplein.nl")
            .order_by("occurrence__starts_at")
            .first()
        )
    assert (soonest.occurrence.starts_at - timezone.now()).days < 7
    week = els.get("/b/nijmegen-oost/agenda/").content.decode()
    assert "Je gaat" in week
    home = els.get("/b/nijmegen-oost/").content.decode()
    assert "Deze week in de buurt" in home


def test_the_demo_professional_sees_who_comes(demo):
    sanne = log_in("demo-professional@buurtplein.nl")
    page = sanne.get("/b/nijmegen-oost/agenda/mine/").content.decode()
    organised = page.split("Wat je organiseert")[1]
    assert "Bewegen voor ouderen" in organised and "Wie komen er" in organised
    nb = Neighbourhood.objects.get(slug="nijmegen-oost")
    with scope(neighbourhood=nb):
        first = (  # the next date (the demo has the past year's dates too)
            Occurrence.objects.filter(
                activity__title="Bewegen voor ouderen", starts_at__gte=timezone.now()
            )
            .order_by("starts_at")
            .first()
        )
    people = sanne.get(f"/b/nijmegen-oost/agenda/dates/{first.pk}/people/").content.decode()
    assert "Els B." in people and "Lijst voor bij de deur" in people


def test_visitors_see_the_public_activities_and_the_feed(demo):
    with scopes_disabled():
        first = (
            Occurrence.objects.filter(
                neighbourhood__slug="nijmegen-oost", activity__title="Bewegen voor ouderen"
            )
            .order_by("starts_at")
            .first()
        )
    month = timezone.localtime(first.starts_at).strftime("%Y-%m")
    visitor = Client()
    page = visitor.get("/b/nijmegen-oost/agenda/month/", {"month": month}).content.decode()
    assert "Bewegen voor ouderen" in page and "Samen eten" not in page
    feed = visitor.get("/b/ooij/agenda/calendar.ics").content.decode()
    assert "SUMMARY:Bewegen voor ouderen" in feed and "SUMMARY:Bridgeles" not in feed
    assert "SUMMARY:Kerstmarkt in De Klinkert" in feed
