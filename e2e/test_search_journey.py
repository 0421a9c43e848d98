"""The neighbourhood's search in a real browser, on a desktop and on a phone, axe on every page.

Els, a resident, opens "Zoeken" from the navigation, searches "afval" and opens the info page
on waste; then searches "bridge" from the home's search field, sees the bridge club and the
neighbour who plays bridge grouped by kind (the kinds in one row above them, on a phone too),
opens the club and comes back to the results.
"""

import pytest
from django_scopes import scope
from playwright.sync_api import expect

from buurtplein.accounts.models import Interest
from buurtplein.clubs.tests.factories import make_club
from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.infopages import actions as infopages
from e2e.conftest import nav_link, verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def oost():
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    karim = verified(member(nb, role=Role.CONNECTOR, email="karim@example.nl", first_name="Karim"))
    els = verified(member(nb, email="els@example.nl", first_name="Els", last_name="Bakker"))
    joke = verified(member(nb, email="joke@example.nl", first_name="Joke", last_name="Peters"))
    bridge, _ = Interest.objects.get_or_create(
        slug="bridge", defaults={"kind": "interest", "name_nl": "Bridge", "name_en": "Bridge"}
    )
    joke.profile.interests.add(bridge)
    with scope(neighbourhood=nb):
        infopages.page_create(
            actor=karim,
            neighbourhood=nb,
            title="Afval en containers",
            body="Welke container gaat wanneer aan de straat? De afvalkalender staat hieronder.",
        )
        infopages.page_create(actor=karim, neighbourhood=nb, title="Parkeren")
    make_club(
        nb,
        name="Bridgeclub De Klaveren",
        pitch="Elke vrijdagmiddag bridgen in het buurthuis.",
    )
    make_club(nb, name="Wandelclub Ooij")
    return {"nb": nb, "els": els}


def test_a_resident_searches_for_waste_and_bridge_and_opens_the_results(browser_session, oost):
    b = browser_session
    b.log_in_as(oost["els"])
    page = b.goto("/b/nijmegen-oost/")

    nav_link(page, "Zoeken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zoeken in Nijmegen-Oost")
    b.check()
    search = page.locator("main").get_by_role("searchbox")
    search.fill("afval")
    search.press("Enter")
    expect(page.locator("main").get_by_role("status")).to_have_text(
        "1 resultaat gevonden voor “afval”."
    )
    expect(page.get_by_role("heading", level=2, name="Buurtinformatie (1)")).to_be_visible()
    expect(page.get_by_role("link", name="Parkeren")).to_have_count(0)
    b.check()
    page.get_by_role("link", name="Afval en containers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Afval en containers")
    b.check()

    page = b.goto("/b/nijmegen-oost/")
    home_search = page.get_by_role("searchbox", name="Zoek in de buurt")
    home_search.fill("bridge")
    home_search.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Zoeken in Nijmegen-Oost")
    expect(page.locator("main").get_by_role("searchbox")).to_have_value("bridge")
    clubs = page.get_by_role("region", name="Clubs en initiatieven (1)")
    expect(clubs.get_by_role("link", name="Bridgeclub De Klaveren")).to_be_visible()
    expect(clubs).to_contain_text("Elke vrijdagmiddag bridgen")
    neighbours = page.get_by_role("region", name="Buren met deze interesse (1)")
    expect(neighbours.get_by_role("link", name="Joke P.")).to_be_visible()
    expect(neighbours).to_contain_text("Bridge")
    expect(page.get_by_role("link", name="Wandelclub Ooij")).to_have_count(0)
    b.check()
    # The kinds found are one row, on a phone too (it scrolls sideways there), so the first
    # results are on the first screen.
    kinds = page.get_by_role("navigation", name="Soorten resultaten")
    chip = kinds.get_by_role("link").first.bounding_box()
    assert kinds.get_by_role("list").bounding_box()["height"] < 1.5 * chip["height"]
    kinds.get_by_role("link", name="Clubs en initiatieven (1)").click()
    clubs.get_by_role("link", name="Bridgeclub De Klaveren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bridgeclub De Klaveren")
    b.check()
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zoeken in Nijmegen-Oost")
