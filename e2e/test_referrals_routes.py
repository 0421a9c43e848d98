"""The routes into a referral from other parts of the app, in a real browser (axe on every
page, desktop and phone), one journey each on one shared world:

* Pieter, a professional, took on Els's sensitive request about debts; he hands it over as a
  referral to the debt help of Sterker Welzijn. Els is told by e-mail; Wendy of Sterker
  Welzijn finds it in the inbox of her navigation.
* Pieter asks for help on behalf of Gerda, who has no account, with her consent recorded.
"""

import re

import pytest
from django.core import mail
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from buurtplein.buurthulp.models import HelpRequest
from buurtplein.buurthulp.models import State as HelpState
from buurtplein.buurthulp.tests.factories import HelpRequestFactory
from buurtplein.core.tests.factories import member
from buurtplein.referrals.models import Referral, Route
from e2e.conftest import label, nav_link
from e2e.steps import referral_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(settings):
    settings.BUURTPLEIN_EMBEDDINGS = "off"
    world = referral_world()
    world.els = member(world.nb, first_name="Els", email="els@example.nl")
    return world


def test_a_sensitive_help_request_is_handed_over_and_arrives_in_the_inbox(browser_session, world):
    HelpRequestFactory(
        neighbourhood=world.nb,
        asker=world.els,
        helper=world.pieter,
        state=HelpState.IN_PROGRESS,
        topic="money",
        title="De deurwaarder komt",
        text="Ik heb schulden en durf de post niet meer open te maken.",
    )
    me = browser_session
    me.log_in_as(world.pieter)
    page = me.goto(f"/b/{world.nb.slug}/")
    nav_link(page, "Doorverwijzingen").click()
    me.check()
    page.get_by_role("link", name=re.compile("^Overdragen")).click()
    page.get_by_label("Naar welke dienst?").fill("schuld")
    page.get_by_role("button", name="Zoeken").click()
    me.check()
    page.get_by_role("link", name=re.compile("^Doorverwijzen naar deze dienst")).click()
    me.check()
    expect(page.get_by_label(label("De vraag in een of twee zinnen"))).to_contain_text(
        "De deurwaarder komt"
    )
    page.get_by_label("Persoonlijk").check()
    page.get_by_role("button", name="Doorverwijzen", exact=True).click()
    me.check()
    expect(page.get_by_text("Aangekomen").first).to_be_visible()
    with scopes_disabled():
        referral = Referral.objects.get()
    assert referral.route == Route.BUURTHULP and referral.person == world.els
    told = [m for m in mail.outbox if m.to == [world.els.email]]
    assert told and "Doorverwijzingen over mij" in told[0].body

    # Wendy of Sterker Welzijn: the inbox is in her navigation, with the referral waiting.
    me.page.context.clear_cookies()
    me.log_in_as(world.wendy)
    page = me.goto(f"/b/{world.nb.slug}/")
    nav_link(page, re.compile("^Doorverwijzingen binnen")).click()
    me.check()
    page.get_by_role("link", name=world.els.display_name).click()
    me.check()
    expect(page.get_by_text("durf de post niet meer open te maken")).to_be_visible()


def test_a_professional_asks_for_help_for_a_resident_without_an_account(browser_session, world):
    me = browser_session
    me.log_in_as(world.pieter)
    page = me.goto(f"/b/{world.nb.slug}/help/ask/")
    page.get_by_role("radio", name="Voor iemand zonder account").check()
    page.get_by_label(label("Hun voornaam of voorletters")).fill("Gerda")
    page.get_by_role("radio", name=re.compile("^Met de telefoon")).check()
    page.get_by_label(label("Telefoonnummer van de persoon")).fill("06 98765432")
    page.get_by_role("radio", name="De buur zei het mij persoonlijk").check()
    page.get_by_label(label("Waarmee wil je hulp?")).fill("Wie doet boodschappen voor Gerda?")
    page.get_by_role("radio", name="Boodschappen en klusjes buiten de deur").check()
    page.get_by_role("button", name="Vraag om hulp").click()
    # Without the consent ticked: the form says so and keeps everything typed.
    expect(page.get_by_label(label("Hun voornaam of voorletters"))).to_have_value("Gerda")
    me.check()
    page.get_by_role("checkbox", name=re.compile("^De buur vindt het goed")).check()
    page.get_by_role("button", name="Vraag om hulp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie doet boodschappen voor Gerda?")
    me.check()
    with scopes_disabled():
        help_request = HelpRequest.objects.get()
    assert help_request.resident_name == "Gerda" and help_request.asker == world.pieter
    assert help_request.consent_method == "in_person"
    assert help_request.consent_recorded_at is not None
    assert help_request.resident_consent_until is not None
