"""A buurtverbinder loads the municipality's register into the sociale kaart: they upload an
Open Referral HSDS file, see per service what will be added and what is refused and why,
confirm, see the result, and find the imported services in the list; anyone then finds the
open-data downloads. Every page is checked with axe, on desktop and phone."""

import json

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.core.urls import nb_reverse
from e2e.conftest import label, verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REGISTER = [
    {
        "id": "gemeente-17",
        "name": "Geldzaken op orde",
        "status": "active",
        "description": "Hulp als je rekeningen niet meer kunt betalen.\n\nKom langs met je post.",
        "organization": {"id": "org-1", "name": "Sterker Welzijn", "email": "info@example.org"},
        "phones": [{"number": "024 123 45 67"}],
        "languages": [{"code": "nl"}, {"code": "ar"}],
        "schedules": [{"byday": "TU", "opens_at": "09:00", "closes_at": "12:00",
                       "description": "Inloopspreekuur"}],
        "service_at_locations": [{"location": {
            "id": "wijkcentrum",
            "name": "Wijkcentrum De Ster",
            "addresses": [{"address_1": "Javastraat 12", "city": "Nijmegen",
                           "postal_code": "6524 AB"}],
            "accessibility": [{"description": "Rolstoeltoegankelijk"}],
        }}],
    },
    {
        "id": "gemeente-18",
        "name": "Taalhuis",
        "status": "active",
        "description": "Beter leren lezen en schrijven.",
        "organization": {"id": "org-2", "name": "Bibliotheek Nijmegen"},
    },
    {
        "id": "gemeente-19",
        "name": "Spreekuur wijkteam",
        "status": "active",
        "organization": {"id": "org-3", "name": "Gemeente Nijmegen"},
        "schedules": [{"byday": "TH", "opens_at": "9 uur", "closes_at": "12:00"}],
    },
]  # fmt: skip


def test_a_buurtverbinder_imports_a_register_and_sees_the_services(browser_session, tmp_path):
    with scopes_disabled():
        nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6521")
        karim = verified(member(nb, role=Role.CONNECTOR, first_name="Karim"))
    register = tmp_path / "sociale-kaart-gemeente.json"
    register.write_text(json.dumps(REGISTER), encoding="utf-8")

    b = browser_session
    b.log_in_as(karim)
    page = b.goto(nb_reverse("socialmap:open_data", nb))
    expect(page.get_by_role("heading", level=1)).to_have_text("Open data")
    page.get_by_role("link", name="Diensten importeren uit een HSDS-bestand").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Diensten importeren")
    b.check()
    page.get_by_label(label("HSDS-bestand")).set_input_files(str(register))
    page.get_by_role("button", name="Controleer het bestand").click()

    # The preview: two to add, one refused with the reason; nothing imported yet.
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer de import")
    expect(page.get_by_role("status")).to_have_text(
        "2 worden toegevoegd, 0 worden gewijzigd, 1 worden geweigerd."
    )
    refused = page.locator("li.card").filter(has_text="Spreekuur wijkteam")
    expect(refused).to_contain_text("Geweigerd")
    expect(refused).to_contain_text("“9 uur” is geen tijd zoals 09:30.")
    expect(page.locator("li.card").filter(has_text="Taalhuis")).to_contain_text(
        "nieuw: Bibliotheek Nijmegen"
    )
    b.check()
    page.get_by_role("button", name="Importeren").click()

    # The result, then the services in the list.
    expect(page.get_by_role("heading", level=1)).to_have_text("Import klaar")
    expect(page.get_by_role("status")).to_have_text("2 toegevoegd, 0 gewijzigd, 1 geweigerd.")
    b.check()
    page.get_by_role("link", name="Naar hulp en diensten").click()
    main = page.locator("main")
    expect(main.get_by_text("Geldzaken op orde")).to_be_visible()
    expect(main.get_by_text("Taalhuis", exact=True)).to_be_visible()
    expect(main.get_by_text("Spreekuur wijkteam")).to_have_count(0)
    b.check()


def test_anyone_finds_the_open_data_downloads(browser_session):
    with scopes_disabled():
        nb = NeighbourhoodFactory(name="Ooij", slug="ooij", pc4="6576")
    b = browser_session
    page = b.goto(nb_reverse("socialmap:open_data", nb))
    link = page.get_by_role("link", name="Downloaden als JSON")
    expect(link).to_be_visible()
    response = page.request.get(link.get_attribute("href"))
    assert response.ok and response.json() == []
    importing = page.get_by_role("link", name="Diensten importeren uit een HSDS-bestand")
    expect(importing).to_have_count(0)
