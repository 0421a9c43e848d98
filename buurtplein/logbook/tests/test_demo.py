"""The demo's registration: the demo professional counted a year of believable work, and
their pages show it."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from django_scopes import scopes_disabled

from buurtplein.accounts.models import User
from buurtplein.core.models import Membership, Role
from buurtplein.core.urls import nb_reverse
from buurtplein.logbook.models import Entry, Kind

pytestmark = pytest.mark.django_db

DEMO_PROFESSIONAL = "demo-professional@buurtplein.nl"


@pytest.fixture
def demo(seeded_demo):
    return seeded_demo


def test_the_demo_professional_registered_a_year_of_work(demo):
    person = User.objects.get(email=DEMO_PROFESSIONAL)
    with scopes_disabled():
        membership = Membership.objects.select_related("neighbourhood").get(
            user=person, role=Role.PROFESSIONAL
        )
        entries = list(Entry.objects.filter(author=person, neighbourhood=membership.neighbourhood))
    today = timezone.localdate()
    months = {entry.day.replace(day=1) for entry in entries}
    assert len(months) >= 12  # every month of the past year (a summer holiday is 3 weeks)
    assert all(today - dt.timedelta(days=366) <= entry.day <= today for entry in entries)
    assert all(entry.day.weekday() < 5 for entry in entries)  # not at work in the weekend
    kinds = {entry.kind for entry in entries}
    assert kinds == {Kind.CONTACT, Kind.GROUP, Kind.HOURS}
    assert all(entry.organisation_id == membership.organisation_id for entry in entries)
    assert len({entry.life_domain for entry in entries}) >= 7
    client = Client()
    client.force_login(person)
    nb = membership.neighbourhood
    assert client.get(nb_reverse("logbook:register", nb)).status_code == 200
    overview = client.get(nb_reverse("logbook:overview", nb))
    assert overview.status_code == 200
    totals = client.get(
        nb_reverse("logbook:organisation", nb, kwargs={"pk": membership.organisation_id})
    )
    assert totals.status_code == 200
