"""Feedback in a real browser, on desktop and phone, every page checked with axe.

* A complaint goes through to its outcome: Fatma, without an account, complains about Sterker
  Welzijn from its page ("Niet tevreden?"); Wendy of Sterker Welzijn acknowledges it and sends
  the outcome; Fatma follows it through the link in her receipt and reads the outcome (never
  Wendy's internal note).
* A member whose referral ended answers "Zou je ons aanbevelen?" with a 9 on the referral's
  page and is not asked again that month.
* A resident who scores 9 becomes an ambassador: her recommendation waits for Wendy's
  approval, then stands on Sterker Welzijn's page and on the neighbourhood's home."""

import re

import pytest
from django.core import mail
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from buurtplein.core.tests.factories import member
from buurtplein.referrals.models import State
from buurtplein.referrals.tests.factories import ReferralFactory
from buurtplein.socialmap.models import Service
from e2e.conftest import label, link_from_last_mail
from e2e.steps import referral_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_complaint_goes_through_to_its_outcome(browser_session):
    world = referral_world()
    nb, wendy = world.nb, world.wendy

    me = browser_session
    # From the organisation's page: "Niet tevreden?", the form with Sterker Welzijn chosen.
    page = me.goto(f"/b/{nb.slug}/organisations/sterker/")
    page.get_by_role("link", name="Een klacht indienen").click()
    me.check()
    about = page.get_by_label(label("Waar gaat je klacht over?"))
    expect(about.locator("option:checked")).to_have_text("Sterker Welzijn")
    # Sent without anything: the errors, with focus on their summary.
    page.get_by_role("button", name="Klacht versturen").click()
    me.check()
    expect(page.locator("#form-errors")).to_be_visible()
    expect(about.locator("option:checked")).to_have_text("Sterker Welzijn")
    page.get_by_label(label("Je klacht")).fill("Ik werd drie keer niet teruggebeld.")
    page.get_by_label(label("Je naam")).fill("Fatma Yilmaz")
    page.get_by_label(label("Je e-mailadres")).fill("fatma@example.nl")
    page.get_by_role("button", name="Klacht versturen").click()
    me.check()
    expect(page.get_by_text("Ontvangen").first).to_be_visible()
    status = link_from_last_mail("fatma@example.nl")

    # Wendy acknowledges it, writes a note and sends the outcome.
    me.log_in_as(wendy)
    page = me.goto(f"/b/{nb.slug}/feedback/complaints/")
    me.check()
    page.get_by_role("link", name=re.compile("^Sterker Welzijn")).click()
    me.check()
    page.get_by_role("button", name="Ik behandel deze klacht").click()
    me.check()
    page.get_by_label(label("Interne notitie")).fill("Teamleider gebeld.")
    page.get_by_role("button", name="Notitie toevoegen").click()
    me.check()
    page.get_by_label("Gegrond", exact=True).check()
    page.get_by_label(label("De uitkomst voor de persoon")).fill("U had gelijk. We bellen u.")
    page.get_by_role("button", name="Uitkomst versturen").click()
    me.check()
    expect(page.get_by_text("Afgehandeld").first).to_be_visible()

    # Fatma reads the outcome through her link, not the note.
    page.context.clear_cookies()
    page = me.goto(re.sub(r"^https?://[^/]+", "", status))
    me.check()
    expect(page.get_by_text("U had gelijk. We bellen u.")).to_be_visible()
    expect(page.get_by_text("Teamleider gebeld.")).to_have_count(0)
    assert any("fatma@example.nl" in m.to for m in mail.outbox if "uitkomst" in m.subject)


def ria_after_her_referral(me):
    """Ria, a member whose referral to Sterker Welzijn is done, logged in on its page."""
    world = referral_world()
    ria = member(world.nb, first_name="Ria", last_name="Jansen", email="ria@example.nl")
    with scopes_disabled():
        service = Service.objects.get(organisation=world.welfare)
        referral = ReferralFactory(
            neighbourhood=world.nb, service=service, person=ria, person_name="", state=State.DONE
        )
    me.log_in_as(ria)
    return world, me.goto(f"/b/{world.nb.slug}/referrals/{referral.pk}/")


def test_a_member_recommends_the_organisation_after_a_referral(browser_session):
    me = browser_session
    _world, page = ria_after_her_referral(me)
    me.check()
    expect(page.get_by_role("heading", name="Zou je Sterker Welzijn aanbevelen?")).to_be_visible()
    page.get_by_label("9", exact=True).check()
    page.get_by_label(label("Waarom? (één zin, als je wilt)")).fill("Fijn geholpen.")
    page.get_by_role("button", name="Verstuur mijn antwoord").click()
    me.check()
    expect(page.get_by_role("heading", name="Dank je wel voor je antwoord")).to_be_visible()
    page.get_by_role("link", name="Terug naar waar je was").click()
    me.check()
    expect(page.get_by_role("heading", name="Zou je Sterker Welzijn aanbevelen?")).to_have_count(0)


def test_a_resident_scores_9_becomes_an_ambassador_and_appears_on_the_organisation_page(
    browser_session,
):
    me = browser_session
    world, page = ria_after_her_referral(me)
    nb = world.nb
    page.get_by_label("9", exact=True).check()
    page.get_by_role("button", name="Verstuur mijn antwoord").click()
    expect(page.get_by_role("heading", name="Wil je ambassadeur worden?")).to_be_visible()
    me.check()
    page.get_by_role("link", name="Ja, ik vertel het anderen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sterker Welzijn aanbevelen")
    me.check()
    words = "Wendy hielp me door de brieven heen. Ik slaap weer rustig."
    page.get_by_label(label("Wat zou je anderen vertellen?")).fill(words)
    page.get_by_label("Met mijn voorletters").check()
    # Without ticking that she agrees: a message, and her words are still there.
    page.get_by_role("button", name="Aanbevelen", exact=True).click()
    expect(
        page.get_by_text("Vink aan dat je akkoord bent, of verlaat deze pagina.", exact=True)
    ).to_be_visible()
    expect(page.get_by_label(label("Wat zou je anderen vertellen?"))).to_have_value(words)
    me.check()
    page.get_by_label(re.compile("^Ik vind het goed dat mijn aanbeveling")).check()
    page.get_by_role("button", name="Aanbevelen", exact=True).click()
    thanks = re.compile("^Dank je! De organisatie zet je aanbeveling")
    expect(page.get_by_text(thanks)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sterker Welzijn")
    expect(page.get_by_text(words)).to_have_count(0)  # not before the organisation read it
    me.check()

    # Wendy of Sterker Welzijn reads it on the organisation's page and puts it there.
    page.context.clear_cookies()
    me.log_in_as(world.wendy)
    page = me.goto(f"/b/{nb.slug}/organisations/sterker/")
    waiting = page.locator("section", has=page.get_by_role("heading", name="Aanbevolen door buren"))
    expect(waiting.get_by_role("heading", name="Wacht op jouw goedkeuring")).to_be_visible()
    me.check()
    waiting.get_by_role("button", name="Op de pagina zetten").click()
    expect(page.get_by_text("De aanbeveling staat op de pagina.")).to_be_visible()
    me.check()

    # Everyone sees it on the organisation's page, with her initials, and on the home.
    page.context.clear_cookies()
    page = me.goto(f"/b/{nb.slug}/organisations/sterker/")
    quote = page.locator("figure.testimonial", has_text=words)
    expect(quote).to_contain_text("R.J.")
    me.check()
    page = me.goto(f"/b/{nb.slug}/")
    expect(page.locator("figure.testimonial", has_text=words)).to_be_visible()
    me.check()
