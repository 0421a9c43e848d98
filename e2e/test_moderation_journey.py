"""A report reaches a buurtverbinder: a neighbour reports a post, the buurtverbinder finds it
in "Meldingen" and hides it with a reason, the author sees the reason and objects, and the
neighbourhood's admin (not the buurtverbinder who decided) undoes it. On a desktop and a
phone, every page checked with axe."""

import re

import pytest
from playwright.sync_api import expect

from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.square.tests.factories import PostFactory
from e2e.conftest import nav_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "Dreigen mag niet, zie spelregel 1."


def as_person(session, user, path):
    session.page.context.clear_cookies()
    session.log_in_as(user)
    return session.goto(path)


def test_report_queue_hide_reason_objection_and_decision(browser_session):
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6524")
    bram = member(nb, first_name="Bram", last_name="Smit", email="bram@example.nl")
    anna = member(nb, first_name="Anna", last_name="de Vries", email="anna@example.nl")
    karim = member(nb, role=Role.CONNECTOR, first_name="Karim", email="karim@example.nl")
    ineke = member(nb, role=Role.ADMIN, first_name="Ineke", email="ineke@example.nl")
    post = PostFactory(
        neighbourhood=nb,
        author=bram,
        title="",
        text="Wie parkeert daar steeds? Ik prik je banden lek.",
    )
    post_path = f"/b/nijmegen-oost/posts/{post.pk}/"

    # A neighbour reports the post; the form links to the house rules.
    page = as_person(browser_session, anna, post_path)
    page.locator("main").get_by_role("link", name="Melden").first.click()
    expect(page.get_by_role("link", name="Lees de spelregels")).to_be_visible()
    browser_session.check()
    page.get_by_label("Onbeleefd of kwetsend").check()
    page.get_by_label(re.compile("^Leg uit")).fill("Dit is een dreigement.")
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.locator(".messages")).to_contain_text("Een buurtverbinder kijkt ernaar")
    browser_session.check()

    # The buurtverbinder finds it in the navigation, with the number waiting.
    page = as_person(browser_session, karim, "/b/nijmegen-oost/")
    nav_link(page, re.compile(r"^Meldingen\s*1$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldingen")
    expect(page.locator("main")).to_contain_text("Ik prik je banden lek.")
    expect(page.locator("main")).to_contain_text("Dit is een dreigement.")
    browser_session.check()
    page.get_by_role("link", name="Bekijken en beslissen").click()
    browser_session.check()
    page.get_by_label("Verbergen", exact=True).check()
    page.get_by_label(re.compile("^Bericht aan de schrijver")).fill(REASON)
    page.get_by_role("button", name="Beslissen").click()
    expect(page.locator("main")).to_contain_text("Geen open meldingen")
    browser_session.check()

    # The author sees the reason on the post and objects.
    page = as_person(browser_session, bram, post_path)
    expect(page.locator("main")).to_contain_text(f"Verborgen door de buurtverbinder: {REASON}")
    page.get_by_role("link", name="Lees meer of maak bezwaar").click()
    browser_session.check()
    page.get_by_label(re.compile("^Waarom ben je het er niet mee eens")).fill(
        "Ik was boos, maar ik heb niemand genoemd."
    )
    page.get_by_role("button", name="Bezwaar versturen").click()
    expect(page.locator("main")).to_contain_text("Een andere buurtverbinder kijkt ernaar.")
    browser_session.check()

    # The admin (not Karim, who decided) undoes it.
    page = as_person(browser_session, ineke, "/b/nijmegen-oost/reports/")
    expect(page.locator("main")).to_contain_text("Bezwaren die wachten")
    page.get_by_role("link", name="Bekijk het bezwaar").click()
    browser_session.check()
    page.get_by_role("button", name="Besluit terugdraaien").click()
    expect(page.locator(".messages")).to_contain_text("De schrijver krijgt bericht")
    browser_session.check()

    # The post is back for the neighbours.
    page = as_person(browser_session, anna, post_path)
    expect(page.locator("main")).to_contain_text("Ik prik je banden lek.")
