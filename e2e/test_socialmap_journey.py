"""The sociale kaart, both sides: Sanne, a social worker of Sterker Sociaal Werk, puts the
"Geldloket" on the map with its place in the buurthuis and its walk-in hours (one form, no
second step); Fatima, a resident, filters the help on "Geld en schulden" and walk-in hours,
finds it (and not the language café), and opens it: where, when, and Sanne as the person who
can help. Every page is checked with axe, on desktop and phone."""

import pytest
from django_scopes import scope
from playwright.sync_api import expect

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.socialmap.models import Service
from buurtplein.socialmap.tests.factories import HoursFactory, ServiceFactory, staff_of
from e2e.conftest import Browser, label, nav_link, verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def second_person(browser, browser_context_args, live_server, device_name):
    """A second browser (same device) for the resident."""
    context = browser.new_context(**browser_context_args)
    context.set_default_timeout(10_000)
    yield Browser(page=context.new_page(), live_server_url=live_server.url, device=device_name)
    context.close()


def test_a_professional_adds_a_service_and_a_resident_finds_it(browser_session, second_person):
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    org = staff_of(
        OrganisationFactory(name="Sterker Sociaal Werk", slug="sterker"), neighbourhood=nb
    )
    sanne = verified(member(nb, role=Role.PROFESSIONAL, first_name="Sanne", last_name="de Groot"))
    staff_of(org, sanne)
    fatima = verified(member(nb, first_name="Fatima", last_name="El Amrani"))
    language_cafe = ServiceFactory(
        neighbourhood=nb,
        organisation=org,
        name="Taalcafé",
        summary="Nederlands oefenen met koffie.",
        life_domains=["language"],
    )
    HoursFactory(service=language_cafe)

    # Sanne adds the Geldloket with its place and walk-in hours.
    a = browser_session
    a.log_in_as(sanne)
    page = a.goto("/b/nijmegen-oost/")
    nav_link(page, "Hulp en diensten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hulp en diensten")
    a.check()
    page.get_by_role("link", name="Dienst toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dienst toevoegen")
    a.check()
    page.get_by_label(label("Naam van de dienst")).fill("Geldloket")
    page.get_by_label(label("Wat het is, in één zin")).fill(
        "Loop binnen met je post en je vragen over geld en schulden."
    )
    page.get_by_label("Geld en schulden").check()
    page.get_by_label(label("Telefoon")).fill("024 123 45 67")
    page.get_by_label("Sanne").check()
    page.get_by_label(label("Naam van de plek")).fill("Buurthuis De Klinker")
    page.get_by_label(label("Straat en huisnummer")).fill("Javastraat 12")
    page.get_by_label("Toegankelijk met een rolstoel").check()
    first = page.locator(".sk-period").first
    first.get_by_label(label("Soort")).select_option(label="Inloopspreekuur")
    first.get_by_label(label("Dag")).select_option(label="dinsdag")
    first.get_by_label(label("Van")).fill("09:00")
    first.get_by_label(label("Tot")).fill("12:00")
    page.get_by_role("button", name="Op de sociale kaart zetten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Geldloket")
    expect(page.locator(".sk-hours")).to_contain_text("Dinsdag 09:00–12:00")
    a.check()
    with scope(neighbourhood=nb):
        service = Service.objects.get(name="Geldloket")
        assert service.locations.get().wheelchair

    # Fatima looks for help with money that she can walk in for.
    b = second_person
    b.log_in_as(fatima)
    page = b.goto("/b/nijmegen-oost/services/")
    expect(page.locator("#sk-list article")).to_have_count(2)
    page.get_by_label(label("Leefgebied")).select_option(label="Geld en schulden")
    page.get_by_label("Inloopspreekuur").check()
    page.get_by_role("button", name="Tonen").click()
    expect(page.locator("#sk-list article")).to_have_count(1)
    card = page.locator("#sk-list article", has_text="Geldloket")
    expect(card).to_contain_text("Sanne")
    b.check()
    card.get_by_role("link", name="Geldloket").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Geldloket")
    expect(page.get_by_text("Buurthuis De Klinker")).to_be_visible()
    expect(page.get_by_text("Toegankelijk met een rolstoel")).to_be_visible()
    expect(page.locator(".sk-person")).to_contain_text("Sanne")
    expect(page.get_by_text("Laatst gecontroleerd op")).to_be_visible()
    b.check()
