"""On a phone (390×844): the resident's home of the demo stays short, and so does the form to
offer or ask something, which keeps everything typed when it has an error."""

import re

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from buurtplein.accounts.models import User
from buurtplein.demo.generate import DEMO_LOGINS
from e2e.conftest import assert_accessible, label, log_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
QUEUED_ONLY = "django.tasks.backends.dummy.DummyBackend"
HOME_MAX_PX = 6000  # it was about 17,000 with a full page of posts and every item as a card
FORM_MAX_PX = 2800  # it was about 4,000 with every field open (2,600 now)


@pytest.fixture
def phone(browser, live_server):
    """The demo data (every home block has more than it shows) and Els, the demo resident,
    logged in on a phone."""
    # As the other tests' demo (seeded in a transaction that never commits, conftest.py): the
    # tasks its commits would run at once here (e-mails, notifications, embeddings) are only
    # queued, which makes seeding take ~15 s instead of ~40.
    with override_settings(TASKS={"default": {"BACKEND": QUEUED_ONLY}}):
        call_command("seed_demo", scale="tiny", verbosity=0)
    context = browser.new_context(**PHONE, base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    with scopes_disabled():
        els = User.objects.get(email=DEMO_LOGINS[0][0])
    log_in_as(page, live_server.url, els)
    yield page
    context.close()


def height(page) -> int:
    page.wait_for_load_state("load")
    return page.evaluate("document.documentElement.scrollHeight")


def test_home_and_offer_form_on_a_phone_are_short_and_the_form_keeps_what_was_typed(phone):
    page = phone
    page.goto("/b/nijmegen-oost/")
    assert height(page) < HOME_MAX_PX
    square = page.locator("section.home-square")
    expect(square.locator("article.post")).to_have_count(3)
    square.get_by_role("link", name="Meer berichten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Het plein")
    assert_accessible(page)
    page.go_back()
    page.locator("section.xc-home").get_by_role("link", name="Alle vraag en aanbod").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vraag & aanbod")

    # The form to offer or ask something, from the same seeded demo (seeding takes 20 seconds).
    page.goto("/b/nijmegen-oost/exchange/new/")
    assert height(page) < FORM_MAX_PX
    more = page.locator("details.xc-more")
    expect(more).not_to_have_attribute("open", re.compile(".*"))
    assert_accessible(page)

    page.get_by_label("Ik bied iets aan").check()
    page.get_by_label("Spullen", exact=True).check()
    page.get_by_label(label("Titel")).fill("Kinderzitje voor de fiets")
    page.get_by_label(label("Beschrijving")).fill("Past achterop, nog twee jaar gebruikt.")
    more.locator("summary").click()
    page.get_by_label(re.compile(r"^Straat of deel van de buurt")).fill("Javastraat")
    page.get_by_label(label("Beschikbaar vanaf (niet verplicht)")).fill("2026-12-20")
    page.get_by_label(label("Beschikbaar tot (niet verplicht)")).fill("2026-12-10")
    more.locator("summary").click()  # folded again before sending
    page.get_by_role("button", name="Plaatsen").click()

    # No category, no deal, and the dates the wrong way round: said, nothing typed is lost,
    # and "More options" is open because one of its fields has an error.
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.get_by_text("Kies een categorie.").first).to_be_visible()
    expect(page.get_by_text("Deze datum ligt voor de begindatum.").first).to_be_visible()
    expect(page.locator("details.xc-more")).to_have_attribute("open", "")
    expect(page.get_by_label(label("Titel"))).to_have_value("Kinderzitje voor de fiets")
    expect(page.get_by_label(label("Beschrijving"))).to_have_value(
        "Past achterop, nog twee jaar gebruikt."
    )
    expect(page.get_by_label(re.compile(r"^Straat of deel van de buurt"))).to_have_value(
        "Javastraat"
    )
    expect(page.get_by_label("Ik bied iets aan")).to_be_checked()
    expect(page.get_by_label("Spullen", exact=True)).to_be_checked()
    assert_accessible(page)
