"""A warm referral with a closed loop: Pieter, a professional, was on a signalerend huisbezoek
at mevrouw Jansen, who has no account. He refers her to the debt help of Sterker Welzijn, with
her consent, through "Nieuwe doorverwijzing". Wendy of Sterker Welzijn finds the referral in
the inbox, accepts it and records contact with a note of her own. Pieter sees "In contact" —
and not Wendy's note. Every page is checked with axe, on desktop and phone."""

import re

import pytest
from playwright.sync_api import expect

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.referrals.tests.factories import ServiceFactory
from e2e.conftest import Browser, label, nav_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def second_person(browser, browser_context_args, live_server, device_name):
    """A second browser (same device) for the receiving organisation."""
    context = browser.new_context(**browser_context_args)
    context.set_default_timeout(10_000)
    yield Browser(page=context.new_page(), live_server_url=live_server.url, device=device_name)
    context.close()


def test_a_professional_refers_a_resident_without_an_account_and_sees_the_state(
    browser_session, second_person
):
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    welfare = OrganisationFactory(name="Sterker Welzijn", slug="sterker", kind="welfare")
    welfare.neighbourhoods.add(nb)
    ServiceFactory(
        neighbourhood=nb,
        organisation=welfare,
        name="Schuldhulpmaatje",
        summary="Een maatje helpt je met geldzorgen.",
    )
    pieter = member(nb, role=Role.PROFESSIONAL, first_name="Pieter", email="pieter@example.nl")
    wendy = member(nb, first_name="Wendy", email="wendy@example.nl")
    welfare.staff.add(wendy)

    # Pieter refers mevrouw Jansen.
    me = browser_session
    me.log_in_as(pieter)
    page = me.goto(f"/b/{nb.slug}/")
    nav_link(page, "Doorverwijzingen").click()
    me.check()
    page.get_by_role("link", name="Nieuwe doorverwijzing").click()
    me.check()
    page.get_by_label("Naar welke dienst?").fill("schuld")
    page.get_by_role("button", name="Zoeken").click()
    me.check()
    page.get_by_role("link", name=re.compile("^Doorverwijzen naar deze dienst")).click()
    me.check()
    # Submitted without anything: the errors, and focus on their summary.
    page.get_by_role("button", name="Doorverwijzen", exact=True).click()
    me.check()
    expect(page.locator("#form-errors")).to_be_visible()
    page.get_by_label("Een buurtbewoner zonder account").check()
    page.get_by_label(label("Naam")).fill("Mevrouw Jansen")
    page.get_by_label(label("Telefoonnummer")).fill("06 1111 2222")
    page.get_by_label(label("De vraag in een of twee zinnen")).fill(
        "Zij heeft schulden en durft de post niet meer open te maken."
    )
    page.get_by_label("Persoonlijk").check()
    page.get_by_role("button", name="Doorverwijzen", exact=True).click()
    me.check()
    expect(page.get_by_text("Aangekomen").first).to_be_visible()

    # Wendy of Sterker Welzijn accepts and records contact.
    them = second_person
    them.log_in_as(wendy)
    page2 = them.goto(f"/b/{nb.slug}/referrals/inbox/")
    page2.get_by_role("link", name="Mevrouw Jansen").click()
    them.check()
    expect(page2.get_by_text("06 1111 2222")).to_be_visible()
    page2.get_by_role("button", name="Accepteren").click()
    them.check()
    page2.get_by_label("We hebben contact gehad").check()
    page2.get_by_label(re.compile("^Onze notitie")).fill("Samen de brieven geordend.")
    page2.get_by_role("button", name="Opslaan").click()
    them.check()
    expect(page2.get_by_text("Samen de brieven geordend.")).to_be_visible()

    # Pieter sees "In contact", not the note.
    page.reload()
    me.check()
    expect(page.get_by_text("In contact").first).to_be_visible()
    expect(page.get_by_text("Samen de brieven geordend.")).to_have_count(0)
    me.goto(f"/b/{nb.slug}/referrals/")
    expect(page.get_by_text("In contact").first).to_be_visible()
