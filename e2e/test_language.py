"""Anyone can switch the whole site between Dutch and English, and back, from the footer."""

import re

import pytest
from playwright.sync_api import expect

from buurtplein.core.tests.factories import NeighbourhoodFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_switches_to_english_and_back_to_dutch(browser_session):
    NeighbourhoodFactory(
        name="Nijmegen-Oost",
        slug="nijmegen-oost",
        pc4="6524",
        intro_nl="Welkom op ons plein.",
        intro_en="Welcome to our square.",
    )
    page = browser_session.goto("/b/nijmegen-oost/")
    main_nav = page.get_by_role("navigation", name=re.compile("buurt|neighbourhood", re.I))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_text("Welkom op ons plein.")).to_be_visible()
    expect(main_nav.get_by_role("link", name="Plein")).to_be_visible()

    browser_session.switch_language("English")
    assert browser_session.path == "/b/nijmegen-oost/"
    expect(page.get_by_text("Welcome to our square.")).to_be_visible()
    expect(main_nav.get_by_role("link", name="Square")).to_be_visible()
    account_nav = page.get_by_role("navigation", name=re.compile("account", re.I))
    expect(account_nav.get_by_role("link", name="Log in")).to_be_visible()

    browser_session.switch_language("Nederlands")
    expect(page.get_by_text("Welkom op ons plein.")).to_be_visible()
    expect(main_nav.get_by_role("link", name="Plein")).to_be_visible()
    expect(account_nav.get_by_role("link", name="Inloggen")).to_be_visible()
