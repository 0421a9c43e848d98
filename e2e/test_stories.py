"""A story with consent, added and then withdrawn: Pieter, a professional, tells how the street
cooked soup together, with a photo, and puts Rosa (a member) in it with her quote. Rosa gets an
e-mail, agrees with one click on "Toestemmingen over mij", and the story is published; a
neighbour reads it. Rosa withdraws, and the story is gone for the neighbour at once. Then
Rosa recommends Sterker Welzijn; Wendy (its staff) puts it on the organisation's page. Every
page is checked with axe (and the Nu checker), on desktop and phone."""

import re

import pytest
from playwright.sync_api import expect

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from e2e.conftest import Browser, label, link_from_last_mail, nav_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def second_person(browser, browser_context_args, live_server, device_name):
    context = browser.new_context(**browser_context_args)
    context.set_default_timeout(10_000)
    yield Browser(page=context.new_page(), live_server_url=live_server.url, device=device_name)
    context.close()


def test_a_story_with_consent_is_added_and_then_withdrawn(browser_session, second_person, photo):
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    welfare = OrganisationFactory(name="Sterker Welzijn", slug="sterker", kind="welfare")
    welfare.neighbourhoods.add(nb)
    pieter = member(nb, role=Role.PROFESSIONAL, first_name="Pieter", email="pieter@example.nl")
    rosa = member(nb, first_name="Rosa", last_name="Jansen", email="rosa@example.nl")
    wendy = member(nb, first_name="Wendy", email="wendy@example.nl")
    welfare.staff.add(wendy)

    # Pieter tells the story, with a photo.
    me = browser_session
    me.log_in_as(pieter)
    page = me.goto(f"/b/{nb.slug}/")
    nav_link(page, "Verhalen").click()
    me.check()
    page.get_by_role("link", name="Vertel een verhaal").click()
    me.check()
    page.get_by_role("button", name="Verhaal opslaan").click()  # empty: the errors
    me.check()
    expect(page.locator("#form-errors")).to_be_visible()
    page.get_by_label(label("Titel")).fill("Soep voor de hele straat")
    page.get_by_label(label("Het verhaal")).fill("Twaalf buren kookten samen soep.")
    page.get_by_label(label("Wanneer gebeurde het?")).fill("2026-01-10")
    page.get_by_label(label("Foto's")).set_input_files(photo)
    page.get_by_label(label("Beschrijf de foto's")).fill("Buren met pannen soep")
    page.get_by_role("button", name="Verhaal opslaan").click()
    me.check()

    # …and puts Rosa in it: found by name, asked in the app.
    page.get_by_role("link", name="Persoon toevoegen").click()
    me.check()
    page.get_by_label("Is de persoon lid? Zoek op naam").fill("Rosa")
    page.get_by_role("button", name="Zoek", exact=True).click()
    me.check()
    page.get_by_role("link", name=re.compile("^Rosa")).click()
    me.check()
    page.get_by_label(label("Citaat")).fill("Zo leer je je buren kennen!")
    page.get_by_label("De website en de app").check()
    page.get_by_role("button", name="Toestemming vragen").click()
    me.check()
    expect(page.get_by_text("Wacht op akkoord van de persoon")).to_be_visible()

    # Rosa agrees with one click, from the link in her e-mail.
    them = second_person
    them.log_in_as(rosa)
    link = link_from_last_mail(rosa.email)
    page2 = them.goto("/b/" + link.split("/b/", 1)[1])
    them.check()
    page2.get_by_role("button", name="Ik ben akkoord").click()
    them.check()
    expect(page2.get_by_role("button", name="Toestemming intrekken")).to_be_visible()

    # A neighbour (here: Wendy) reads the published story with Rosa's quote.
    me.log_in_as(wendy)
    page = me.goto(f"/b/{nb.slug}/stories/")
    page.get_by_role("link", name="Soep voor de hele straat").click()
    me.check()
    expect(page.get_by_text("Zo leer je je buren kennen!")).to_be_visible()

    # Rosa withdraws: the story is gone at once.
    page2.get_by_role("button", name="Toestemming intrekken").click()
    them.check()
    page = me.goto(f"/b/{nb.slug}/stories/")
    expect(page.get_by_text("Soep voor de hele straat")).to_have_count(0)

    # Rosa recommends Sterker Welzijn; Wendy puts it on the organisation's page.
    page2 = them.goto(f"/b/{nb.slug}/organisations/sterker/")
    them.check()
    page2.get_by_role("link", name="Aanbevelen", exact=True).click()
    them.check()
    page2.get_by_label(label("Wat zou je anderen vertellen?")).fill("Wendy hielp me snel.")
    page2.get_by_label(re.compile("^Ik vind het goed")).check()
    page2.get_by_role("button", name="Aanbevelen").click()
    them.check()
    page = me.goto(f"/b/{nb.slug}/organisations/sterker/")
    page.get_by_role("button", name="Op de pagina zetten").click()
    me.check()
    expect(page.get_by_text("Wendy hielp me snel.")).to_be_visible()
    expect(page.get_by_text("R.J.")).to_be_visible()
