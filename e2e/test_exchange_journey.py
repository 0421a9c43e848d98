"""Offer a drill and lend it: Anna offers her drill to lend (with a photo); Bram, a street
further, finds it with the filters (things / tools), replies and lands in a private
conversation; Anna marks it "geregeld" with Bram; both leave a thank-you that shows on the
offer. Bram reads the page in English once."""

import re

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from buurtplein.core.models import Membership, Postcode
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from e2e.conftest import Browser, label, verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def second_person(browser, browser_context_args, live_server, device_name):
    """A second browser (same device) for the other neighbour."""
    context = browser.new_context(**browser_context_args)
    context.set_default_timeout(10_000)
    yield Browser(page=context.new_page(), live_server_url=live_server.url, device=device_name)
    context.close()


def neighbour(nb, postcode, **kwargs):
    user = verified(member(nb, **kwargs))
    with scopes_disabled():
        Membership.objects.filter(user=user).update(postcode=postcode)
    return user


def test_offer_a_drill_and_lend_it(browser_session, second_person, live_server, photo):
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    Postcode.objects.create(
        neighbourhood=nb, pc4="6522", pc6="6522AA", latitude=51.8405, longitude=5.8794
    )
    Postcode.objects.create(
        neighbourhood=nb, pc4="6522", pc6="6522BB", latitude=51.8420, longitude=5.8830
    )
    anna = neighbour(nb, "6522AA", email="anna@example.nl", first_name="Anna", last_name="Smit")
    bram = neighbour(nb, "6522BB", email="bram@example.nl", first_name="Bram", last_name="Jansen")

    # Anna offers her drill to lend, with a photo.
    a = browser_session
    a.log_in_as(anna)
    page = a.goto("/b/nijmegen-oost/")
    page.get_by_role("navigation", name="Buurt").get_by_role("link", name="Vraag & aanbod").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vraag & aanbod")
    a.check()
    page.locator("main").get_by_role("link", name="Iets aanbieden of vragen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Iets aanbieden of vragen")
    a.check()
    page.get_by_label("Ik bied iets aan").check()
    page.get_by_label("Spullen", exact=True).check()
    page.get_by_label(label("Categorie")).select_option(label="Gereedschap en klussen")
    page.get_by_label(label("Titel")).fill("Boormachine te leen")
    page.get_by_label(label("Beschrijving")).fill(
        "Een Bosch klopboor met een doos boren. **Graag** binnen een week terug."
    )
    page.get_by_label("Uitlenen").check()
    page.get_by_label(re.compile(r"^Straat of deel van de buurt")).fill("Javastraat")
    page.get_by_label(label("Foto's")).set_input_files(str(photo))
    page.get_by_label(label("Beschrijf de foto's")).fill("Blauwe boormachine in een koffer")
    page.get_by_role("button", name="Plaatsen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Boormachine te leen")
    expect(page.get_by_role("img", name="Blauwe boormachine in een koffer")).to_be_visible()
    expect(page.locator(".xc-item .prose strong")).to_have_text("Graag")
    a.check()
    offer_path = a.path

    # Bram finds it with the filters: things, tools.
    b = second_person
    b.log_in_as(bram)
    page = b.goto("/b/nijmegen-oost/exchange/")
    page.get_by_label(label("Soort")).select_option(label="Spullen")
    page.get_by_label(label("Categorie")).select_option(label="Gereedschap en klussen")
    page.get_by_role("button", name="Tonen").click()
    card = page.locator("article", has_text="Boormachine te leen")
    expect(card).to_contain_text("Uitlenen")
    expect(card).to_contain_text(re.compile(r"\d+ m van je"))
    b.check()
    card.get_by_role("link", name="Boormachine te leen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Boormachine te leen")
    b.check()

    # He replies: a private conversation with Anna opens.
    page.get_by_label(label("Je bericht")).fill("Hoi Anna, mag ik hem zaterdag lenen?")
    page.get_by_role("button", name="Privé versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gesprek met Anna S.")
    expect(page.locator("#thread")).to_contain_text("mag ik hem zaterdag lenen?")
    b.check()

    # Anna marks it arranged with Bram and thanks him.
    page = a.goto(offer_path)
    page.get_by_role("link", name="Zet op geregeld").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Geregeld?")
    a.check()
    page.get_by_label("Bram J.").check()
    page.get_by_role("button", name="Ja, het is geregeld").click()
    expect(page.get_by_text("Geregeld met Bram J.")).to_be_visible()
    a.check()
    page.get_by_label(label("Je bedankje")).fill("Netjes teruggebracht, dank je Bram!")
    page.locator("#thanks").get_by_role("button").click()
    expect(page.locator("#thanks")).to_contain_text("Netjes teruggebracht, dank je Bram!")
    a.check()

    # Bram thanks Anna; both thank-yous show on the offer.
    page = b.goto(offer_path)
    page.get_by_label(label("Je bedankje")).fill("Top boor, dank je wel Anna!")
    page.locator("#thanks").get_by_role("button").click()
    thanks = page.locator("#thanks")
    expect(thanks).to_contain_text("Netjes teruggebracht, dank je Bram!")
    expect(thanks).to_contain_text("Top boor, dank je wel Anna!")
    expect(thanks.get_by_label(label("Je bedankje"))).to_have_count(0)
    b.check()

    # Once in English.
    b.switch_language("English")
    expect(page.get_by_text("Arranged with Bram J.")).to_be_visible()
    expect(page.get_by_role("heading", name="Thank-yous")).to_be_visible()
    expect(
        page.get_by_role("navigation", name="Neighbourhood").get_by_role(
            "link", name="Offers & requests"
        )
    ).to_be_visible()
