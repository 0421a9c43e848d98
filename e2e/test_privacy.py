"""A visitor finds "Privacy in je buurt" in the footer and reads what is kept and whom to ask;
the neighbourhood's admin fills in the contact person."""

import re

import pytest
from playwright.sync_api import expect

from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from e2e.conftest import label

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_reads_the_privacy_page_and_the_admin_names_a_contact(browser_session):
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6524")
    page = browser_session.goto("/b/nijmegen-oost/")

    page.get_by_role("contentinfo").get_by_role("link", name="Privacy in je buurt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy in je buurt")
    table = page.get_by_role("table", name="Hoe lang we wat bewaren")
    expect(
        table.get_by_role("row", name=re.compile("^Hulpvragen die zijn afgesloten"))
    ).to_contain_text("1 jaar nadat de vraag is afgesloten")
    expect(page.get_by_role("link", name="de Autoriteit Persoonsgegevens")).to_be_visible()
    expect(page.get_by_text("heeft nog geen eigen contactpersoon")).to_be_visible()
    browser_session.check()

    browser_session.log_in_as(member(nb, role=Role.ADMIN))
    page = browser_session.goto("/b/nijmegen-oost/privacy/")
    page.get_by_role("link", name="Contactpersoon veranderen").click()
    browser_session.check()
    page.get_by_label(label("Naam")).fill("Fatima el Amrani")
    page.get_by_role("button", name="Opslaan").click()
    email = page.get_by_label(label("E-mailadres"))
    expect(email).to_have_attribute("aria-invalid", "true")
    browser_session.check()
    email.fill("f.elamrani@wijkteam.example")
    page.get_by_label(label("Organisatie")).fill("Wijkteam Oost")
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy in je buurt")
    expect(page.get_by_role("link", name="f.elamrani@wijkteam.example")).to_be_visible()
    expect(page.get_by_text("Wijkteam Oost")).to_be_visible()
    browser_session.check()
