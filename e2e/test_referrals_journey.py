"""A warm referral with a closed loop: Pieter, a professional, was on a signalerend huisbezoek
at mevrouw Jansen, who has no account. He refers her to the debt help of Sterker Welzijn, with
her consent, through "Nieuwe doorverwijzing". Wendy of Sterker Welzijn finds the referral in
the inbox, accepts it and records contact with a note of her own. Pieter sees "In contact" —
and not Wendy's note. Every page is checked with axe, on desktop and phone."""

import re

import pytest
from playwright.sync_api import expect

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.referrals.tests.factories import ServiceFactory
from e2e.conftest import Browser, label, nav_link
from e2e.steps import referral_world

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
    world = referral_world()
    nb, pieter, wendy = world.nb, world.pieter, world.wendy

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
    # The note stays in its field, to keep or change when the end is recorded.
    expect(page2.get_by_label(re.compile("^Onze notitie"))).to_have_value(
        "Samen de brieven geordend."
    )

    # Pieter sees "In contact", not the note.
    page.reload()
    me.check()
    expect(page.get_by_text("In contact").first).to_be_visible()
    expect(page.get_by_text("Samen de brieven geordend.")).to_have_count(0)
    me.goto(f"/b/{nb.slug}/referrals/")
    expect(page.get_by_text("In contact").first).to_be_visible()


def test_a_gp_practice_refers_through_a_link_and_a_member_withdraws_consent(
    browser_session, second_person
):
    from django_scopes import scopes_disabled

    from buurtplein.referrals.models import Referral
    from buurtplein.referrals.tests.factories import ReferralFactory

    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    welfare = OrganisationFactory(name="Sterker Welzijn", slug="sterker", kind="welfare")
    welfare.neighbourhoods.add(nb)
    service = ServiceFactory(neighbourhood=nb, organisation=welfare, name="Maatjesproject")
    wendy = member(nb, first_name="Wendy", email="wendy@example.nl")
    welfare.staff.add(wendy)

    # Wendy makes a referral link for the GP practice and makes herself coordinator.
    them = second_person
    them.log_in_as(wendy)
    page2 = them.goto(f"/b/{nb.slug}/referrals/settings/")
    page2.get_by_label(label("Voor wie is de link?")).fill("Huisartsenpraktijk De Linde")
    page2.get_by_role("button", name="Maak een doorverwijslink").click()
    them.check()
    link = page2.get_by_label("Link", exact=True).input_value()
    page2.get_by_role("button", name=re.compile("^Maak coördinator")).click()
    them.check()
    expect(page2.get_by_role("button", name=re.compile("^Niet meer coördinator"))).to_be_visible()

    # The GP practice (no account) refers someone; forgetting the consent box keeps the text.
    gp = browser_session
    page = gp.goto("/b/" + link.split("/b/", 1)[1])
    page.get_by_label(label("Naam van de persoon")).fill("Dhr. Yilmaz")
    page.get_by_label(label("Telefoonnummer van de persoon")).fill("06 9999 0000")
    page.get_by_label(label("De vraag in een of twee zinnen")).fill("Voelt zich eenzaam.")
    page.get_by_label(label("Je praktijk of organisatie")).fill("Huisartsenpraktijk De Linde")
    page.get_by_label(label("Je telefoonnummer of e-mailadres")).fill("024 123 4567")
    page.get_by_role("button", name="Doorverwijzing versturen").click()
    gp.check()
    expect(page.get_by_label(label("De vraag in een of twee zinnen"))).to_have_value(
        "Voelt zich eenzaam."
    )
    page.get_by_label(re.compile("^De persoon vindt het goed")).check()
    page.get_by_role("button", name="Doorverwijzing versturen").click()
    gp.check()
    expect(page.get_by_role("heading", name="Doorverwijzing verstuurd")).to_be_visible()

    page2 = them.goto(f"/b/{nb.slug}/referrals/inbox/")
    expect(page2.get_by_role("link", name="Dhr. Yilmaz")).to_be_visible()

    # A member who was referred withdraws their consent with one click.
    karin = member(nb, first_name="Karin", email="karin@example.nl")
    ReferralFactory(neighbourhood=nb, service=service, person=karin, person_name="")
    gp.log_in_as(karin)
    page = gp.goto(f"/b/{nb.slug}/referrals/mine/")
    page.get_by_role("button", name="Toestemming intrekken").click()
    gp.check()
    with scopes_disabled():
        assert Referral.objects.get(person=karin).consent_withdrawn_at is not None
