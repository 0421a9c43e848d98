"""Changing where and when a service is given, in a real browser on a desktop and on a phone,
axe on every page.

Sanne, a social worker of Sterker Sociaal Werk, keeps the "Geldloket", given in Buurthuis De
Klinker. It starts a Wednesday morning walk-in hour in the library:

1. She changes the service: a second place (the library: wheelchair accessible, with a hearing
   loop) and a walk-in hour there on Wednesday. She forgets the street; the page says so and
   keeps everything she typed (the place, its ticks, the hour and where it is).
2. She adds the street and saves: the service's page shows both places with their icons and the
   walk-in hour at the library, marked "Nu inloop" — the clock is frozen on a Wednesday at
   10:30 in Amsterdam, inside that hour.
3. The library stops hosting it: she removes the place again. One place is left, and with one
   place every time is there.

The clock is frozen with time-machine, ticking, at a Wednesday within the next week (not in
the past: the browser's cookies must still be valid in its own, real, time). The live server
runs in this process, so its pages see the frozen clock; the browser keeps its own.
"""

import re
from datetime import time, timedelta

import pytest
import time_machine
from django.utils import timezone
from django_scopes import scope
from playwright.sync_api import expect

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.core.tests.moments import local
from buurtplein.socialmap.models import Hours, Service
from buurtplein.socialmap.tests.factories import (
    HoursFactory,
    LocationFactory,
    ServiceFactory,
    staff_of,
)
from e2e.conftest import Browser, label, verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WEDNESDAY = 2


def next_wednesday_morning():
    """10:30 in Amsterdam on the next Wednesday after today (1 to 7 days ahead)."""
    today = timezone.localdate()
    days = (WEDNESDAY - today.weekday()) % 7 or 7
    return local(today + timedelta(days=days), time(10, 30))


def test_a_professional_changes_the_places_and_hours_of_a_service(browser_session: Browser):
    with time_machine.travel(next_wednesday_morning(), tick=True):
        nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
        sanne = verified(member(nb, role=Role.PROFESSIONAL, first_name="Sanne"))
        org = staff_of(OrganisationFactory(name="Sterker Sociaal Werk"), sanne, neighbourhood=nb)
        service = ServiceFactory(neighbourhood=nb, organisation=org, name="Geldloket")
        klinker = LocationFactory(
            service=service, name="Buurthuis De Klinker", address="Javastraat 12"
        )
        HoursFactory(service=service, location=klinker)  # walk-in, Tuesday 9–12

        me = browser_session
        me.log_in_as(sanne)
        page = me.goto(f"/b/nijmegen-oost/services/{service.pk}/")
        expect(page.locator(".sk-now")).to_have_count(0)  # Tuesday's hour is not now
        page.get_by_role("link", name="Veranderen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("“Geldloket” aanpassen")
        me.check()

        # A second place and a walk-in hour there; the street is forgotten.
        places = page.locator(".sk-row:not(.sk-period)")
        expect(places).to_have_count(2)  # the Klinker and one empty row
        library = places.nth(1)
        library.get_by_label(label("Naam van de plek")).fill("Bibliotheek Oost")
        library.get_by_label(label("Postcode")).fill("6522 AB")
        library.get_by_label("Toegankelijk met een rolstoel").check()
        library.get_by_label("Ringleiding").check()
        hour = page.locator(".sk-period").nth(1)  # the first empty row after Tuesday's
        hour.get_by_label(label("Soort")).select_option(label="Inloopspreekuur")
        hour.get_by_label(label("Dag")).select_option(label="woensdag")
        hour.get_by_label(label("Van")).fill("10:00")
        hour.get_by_label(label("Tot")).fill("12:00")
        hour.get_by_label(label("Waar")).select_option(label="Plek 2")
        hour.get_by_label(label("Notitie")).fill("In de leeszaal")
        page.get_by_role("button", name="Wijzigingen opslaan").click()

        expect(page.get_by_role("alert").first).to_contain_text(
            "Kijk naar de plekken en tijden hieronder"
        )
        library = page.locator(".sk-row:not(.sk-period)").nth(1)
        expect(library).to_contain_text("Vul de straat en het huisnummer in.")
        expect(library.get_by_label(label("Naam van de plek"))).to_have_value("Bibliotheek Oost")
        expect(library.get_by_label(label("Postcode"))).to_have_value("6522 AB")
        expect(library.get_by_label("Toegankelijk met een rolstoel")).to_be_checked()
        expect(library.get_by_label("Ringleiding")).to_be_checked()
        hour = page.locator(".sk-period").nth(1)
        expect(hour.get_by_label(label("Dag"))).to_have_value(str(WEDNESDAY))
        expect(hour.get_by_label(label("Van"))).to_have_value("10:00")
        expect(hour.get_by_label(label("Tot"))).to_have_value("12:00")
        where = hour.get_by_label(label("Waar"))
        expect(where.locator("option:checked")).to_have_text("Bibliotheek Oost")
        expect(hour.get_by_label(label("Notitie"))).to_have_value("In de leeszaal")
        me.check()
        with scope(neighbourhood=nb):
            assert service.locations.count() == 1  # nothing was saved

        library.get_by_label(label("Straat en huisnummer")).fill("Molenveldlaan 3")
        page.get_by_role("button", name="Wijzigingen opslaan").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Geldloket")
        expect(page.get_by_text("Je wijzigingen zijn opgeslagen.")).to_be_visible()
        places = page.locator(".sk-places > li")
        expect(places).to_have_count(2)
        oost = places.filter(has_text="Bibliotheek Oost")
        expect(oost).to_contain_text("Molenveldlaan 3")
        expect(oost.locator(".sk-access-list")).to_contain_text("Toegankelijk met een rolstoel")
        expect(oost.locator(".sk-access-list")).to_contain_text("Ringleiding")
        walk_in = page.locator(".sk-hours", has_text="Inloopspreekuur")
        expect(walk_in.locator(".sk-now")).to_have_text("Nu inloop")
        expect(walk_in).to_contain_text(
            re.compile(r"Woensdag 10:00–12:00\s*· Bibliotheek Oost\s*· In de leeszaal")
        )
        expect(walk_in).to_contain_text(re.compile(r"Dinsdag 09:00–12:00\s*· Buurthuis De Klinker"))
        me.check()
        with scope(neighbourhood=nb):
            saved = service.locations.get(name="Bibliotheek Oost")
            assert saved.wheelchair and saved.hearing_loop
            assert service.hours.get(weekday=WEDNESDAY).location == saved

        # The library stops hosting it: the place goes, and with one place left every time is
        # there.
        page.get_by_role("link", name="Veranderen").click()
        library = page.locator(".sk-row:not(.sk-period)", has_text="Plek 2")
        expect(library.get_by_label(label("Naam van de plek"))).to_have_value("Bibliotheek Oost")
        library.get_by_label("Deze plek weghalen").check()
        page.get_by_role("button", name="Wijzigingen opslaan").click()
        expect(page.get_by_text("Je wijzigingen zijn opgeslagen.")).to_be_visible()
        expect(page.locator(".sk-places > li")).to_have_count(1)
        expect(page.get_by_text("Bibliotheek Oost")).to_have_count(0)
        expect(page.locator(".sk-hours .sk-now")).to_have_text("Nu inloop")
        me.check()
        with scope(neighbourhood=nb):
            assert list(service.locations.values_list("name", flat=True)) == [
                "Buurthuis De Klinker"
            ]
            assert {h.location_id for h in Hours.objects.filter(service=service)} == {klinker.pk}
            assert Service.objects.get(pk=service.pk).last_checked_at > service.last_checked_at
