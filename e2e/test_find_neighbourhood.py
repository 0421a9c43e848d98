"""A visitor finds their neighbourhood on the front page by typing their postcode."""

import re

import pytest
from playwright.sync_api import expect

from buurtplein.core.tests.factories import NeighbourhoodFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_finds_the_neighbourhood_by_postcode(browser_session):
    NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6524")
    NeighbourhoodFactory(name="Liendert", slug="liendert", pc4="3825")
    page = browser_session.goto("/")

    postcode = page.get_by_role("textbox", name=re.compile("postcode", re.I))
    postcode.fill("6524 ab")
    postcode.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Nijmegen-Oost")
    assert browser_session.path == "/b/nijmegen-oost/"
    browser_session.check()


def test_a_mistyped_postcode_is_explained_next_to_the_field(browser_session):
    NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6524")
    page = browser_session.goto("/")

    postcode = page.get_by_role("textbox", name=re.compile("postcode", re.I))
    postcode.fill("65")
    postcode.press("Enter")

    postcode = page.get_by_role("textbox", name=re.compile("postcode", re.I))
    expect(postcode).to_have_attribute("aria-invalid", "true")
    expect(postcode).to_have_accessible_description(re.compile("6524"))
    expect(postcode).to_have_value("65")
    browser_session.check()


def test_a_postcode_without_a_buurtplein_says_so(browser_session):
    NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6524")
    page = browser_session.goto("/")

    page.get_by_role("textbox", name=re.compile("postcode", re.I)).fill("9999")
    page.get_by_role("button", name=re.compile("zoek|find", re.I)).click()

    expect(page.get_by_role("status")).to_contain_text("9999")
    browser_session.check()
