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
    page.locator("summary", has_text="Meer opties").click()  # the rarer fields are folded
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


def test_support_an_initiative_and_the_beursvloer(browser_session, live_server):
    """Every other page of vraag & aanbod, checked on the way: a neighbour pledges support to
    the Repair Café (never collected), renews an expiring offer from the reminder's link; the
    bike shop offers the welfare organisation a bike check on the beursvloer, which accepts,
    both confirm, and three months later answer "did it happen?"."""
    from datetime import timedelta

    from django.utils import timezone

    from buurtplein.accounts.tests.factories import OrganisationFactory
    from buurtplein.exchange.models import OrgPledge
    from buurtplein.exchange.tests.factories import ItemFactory

    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    repair = OrganisationFactory(name="Repair Café Oost", slug="repair", kind="initiative")
    shop = OrganisationFactory(name="Fietsenmaker Jansen", slug="jansen", kind="business")
    welfare = OrganisationFactory(name="Sterker Welzijn", slug="sterker", kind="welfare")
    for organisation in (repair, shop, welfare):
        organisation.neighbourhoods.add(nb)
    yusuf = verified(member(nb, email="yusuf@example.nl", first_name="Yusuf", last_name="Demir"))
    ineke = verified(member(nb, email="ineke@example.nl", first_name="Ineke", last_name="Bos"))
    shop.staff.add(ineke)
    welfare.staff.add(yusuf)
    support = ItemFactory(
        neighbourhood=nb,
        owner=yusuf,
        direction="request",
        kind="money",
        category="initiative",
        deal="",
        title="Nieuwe werkbank voor het Repair Café",
        initiative=repair,
        target_amount=500,
    )
    expiring = ItemFactory(
        neighbourhood=nb,
        owner=ineke,
        title="Koffiezetapparaat",
        expires_at=timezone.now() + timedelta(days=2),
    )

    b = browser_session
    b.log_in_as(ineke)
    page = b.goto(f"/b/nijmegen-oost/exchange/{support.pk}/")
    expect(page.get_by_text("Buurtplein haalt geen geld op")).to_be_visible()
    page.get_by_role("link", name="Steunen").click()
    b.check()
    page.get_by_label(label("Bedrag in euro (niet verplicht)")).fill("40,00")
    page.get_by_label(label("Hulp in natura (niet verplicht)")).fill("Ik help zaterdag schuren")
    page.get_by_role("button", name="Mijn steun toezeggen").click()
    expect(page.locator("#support")).to_contain_text("€\u00a040 van €\u00a0500 toegezegd")
    b.check()

    # The reminder's link: one button, then the offer is back for 30 days.
    page = b.goto(f"/b/nijmegen-oost/exchange/{expiring.pk}/renew/")
    page.get_by_role("button", name="Verlengen met 30 dagen").click()
    expect(page.get_by_text("Verlengd: het staat weer op het bord")).to_be_visible()
    b.check()
    page = b.goto("/b/nijmegen-oost/exchange/mine/")
    expect(page.get_by_role("link", name="Koffiezetapparaat")).to_be_visible()
    page = b.goto(f"/b/nijmegen-oost/exchange/{expiring.pk}/withdraw/")
    page.get_by_role("button", name="Ja, haal het weg").click()
    b.check()

    # The beursvloer: the bike shop offers, the welfare organisation accepts, both confirm.
    page = b.goto("/b/nijmegen-oost/exchange/beursvloer/")
    page.get_by_role("link", name="Iets aanbieden als organisatie").click()
    b.check()
    page.get_by_label(label("Aanbieden aan")).select_option(label="Sterker Welzijn")
    page.get_by_label("Diensten").check()
    page.get_by_label(label("Wat bied je aan?")).fill("Gratis fietscheck voor de ouderensoos")
    page.get_by_label(label("Uren (niet verplicht)")).fill("4")
    page.get_by_role("button", name="Aanbod versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Gratis fietscheck voor de ouderensoos"
    )
    b.check()
    pledge_path = b.path

    b.page.context.clear_cookies()
    b.log_in_as(yusuf)
    page = b.goto(pledge_path)
    page.get_by_role("button", name="Accepteren").click()
    page.get_by_role("button", name="De afspraak bevestigen").click()
    expect(page.get_by_text("We wachten op de andere organisatie")).to_be_visible()
    b.check()
    b.page.context.clear_cookies()
    b.log_in_as(ineke)
    page = b.goto(pledge_path)
    page.get_by_role("button", name="De afspraak bevestigen").click()
    expect(page.get_by_text("Bevestigd door allebei")).to_have_count(2)
    b.check()

    # Three months later: the link in the e-mail, one tap.
    with scopes_disabled():
        OrgPledge.objects.update(confirmed_at=timezone.now() - timedelta(days=92))
    page = b.goto(pledge_path + "follow-up/?answer=yes")
    expect(page.get_by_label("Ja, het is gebeurd")).to_be_checked()
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.get_by_text("Bedankt voor je antwoord.")).to_be_visible()
    b.check()
