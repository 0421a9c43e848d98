"""Neighbourhood information in a real browser, on a desktop and on a phone, axe on every page.

1. Els, a resident, finds "Afval en containers" from the information index and reads when the
   green container goes out, in Dutch and once in English.
2. Karim, a buurtverbinder, changes the collection day with a note, sees the new text, opens
   the history, looks at what changed and at the old version, restores it (the old text is
   back, as a new version), and marks another page "still correct".
3. Karim and Sanne edit the same page at once: the second sees the conflict with both texts
   kept; then a new page with a preview, moving it, its order, and deleting it.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from playwright.sync_api import expect

from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.infopages import actions
from buurtplein.infopages.models import InfoPage
from e2e.conftest import Browser, label, nav_link, verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GFT = (
    "In de **groene container** gaan groente-, fruit- en tuinafval en etensresten.\n\n"
    "- Zet hem voor 7.30 uur aan de straat.\n"
    "- Etensresten in een krant."
)


@pytest.fixture
def oost():
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    karim = verified(
        member(
            nb,
            role=Role.CONNECTOR,
            email="karim@example.nl",
            first_name="Karim",
            last_name="El Amrani",
        )
    )
    sanne = verified(
        member(
            nb,
            role=Role.PROFESSIONAL,
            email="sanne@example.nl",
            first_name="Sanne",
            last_name="de Groot",
        )
    )
    els = verified(member(nb, email="els@example.nl", first_name="Els", last_name="Bakker"))
    with scope(neighbourhood=nb):
        afval = actions.page_create(
            actor=karim,
            neighbourhood=nb,
            title="Afval en containers",
            body="Welke container gaat wanneer aan de straat? Kijk hieronder per soort.",
            facts="Ophaaldienst: Dar",
        )
        actions.page_create(
            actor=karim,
            neighbourhood=nb,
            title="Gft en etensresten",
            parent=afval,
            body=GFT,
            facts="Ophaaldag: om de week op maandag\nVragen: 024 371 60 00",
        )
        actions.page_create(actor=karim, neighbourhood=nb, title="Papier en karton", parent=afval)
        parkeren = actions.page_create(
            actor=karim, neighbourhood=nb, title="Parkeren", body="Betaald parkeren, ook zaterdag."
        )
    long_ago = timezone.now() - timedelta(days=220)
    with scopes_disabled():
        InfoPage.objects.filter(pk=parkeren.pk).update(
            checked_at=long_ago, check_due_at=long_ago + timedelta(days=183)
        )
    return {"nb": nb, "karim": karim, "sanne": sanne, "els": els}


@pytest.fixture
def second_person(browser, browser_context_args, live_server, device_name):
    """A second browser (same device) for the other editor."""
    context = browser.new_context(**browser_context_args)
    context.set_default_timeout(10_000)
    yield Browser(page=context.new_page(), live_server_url=live_server.url, device=device_name)
    context.close()


def test_a_resident_reads_when_the_green_container_goes_out(browser_session, oost):
    b = browser_session
    b.log_in_as(oost["els"])
    page = b.goto("/b/nijmegen-oost/")
    expect(page.get_by_role("heading", name="Goed om te weten")).to_be_visible()
    nav_link(page, "Buurtinfo").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Buurtinformatie")
    expect(page.get_by_text("Controle nodig")).to_have_count(0)  # for editors only
    b.check()
    page.get_by_role("link", name="Afval en containers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Afval en containers")
    expect(page.get_by_text(re.compile(r"Gecontroleerd op \d+ [a-z]+ 20\d\d"))).to_be_visible()
    b.check()
    page.locator("#ip-sub-title + ul").get_by_role("link", name="Gft en etensresten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gft en etensresten")
    expect(page.locator(".ip-facts")).to_contain_text("om de week op maandag")
    expect(page.get_by_role("link", name="024 371 60 00")).to_have_attribute(
        "href", "tel:0243716000"
    )
    expect(page.locator(".ip-body strong")).to_have_text("groene container")
    crumbs = page.get_by_role("navigation", name="Je bent hier")
    expect(crumbs.get_by_role("link", name="Afval en containers")).to_be_visible()
    expect(page.get_by_role("link", name="Aanpassen")).to_have_count(0)
    b.check()

    b.switch_language("English")
    expect(page.get_by_text(re.compile(r"Checked on \d+ [A-Z][a-z]+ 20\d\d"))).to_be_visible()
    expect(
        page.get_by_role("navigation", name="You are here").get_by_role(
            "link", name="Neighbourhood information"
        )
    ).to_be_visible()
    expect(page.locator(".ip-facts")).to_contain_text("om de week op maandag")  # as written
    b.switch_language("Nederlands")
    expect(page.get_by_text(re.compile(r"Gecontroleerd op"))).to_be_visible()


def test_a_buurtverbinder_changes_the_day_looks_back_and_restores(browser_session, oost):
    b = browser_session
    b.log_in_as(oost["karim"])
    page = b.goto("/b/nijmegen-oost/info/gft-en-etensresten/")
    page.get_by_role("link", name="Aanpassen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("“Gft en etensresten” aanpassen")
    b.check()
    page.get_by_label(label("Snelle feiten")).fill(
        "Ophaaldag: om de week op dinsdag\nVragen: 024 371 60 00"
    )
    page.get_by_label(label("Wat heb je veranderd? (niet verplicht)")).fill(
        "Gft gaat nu op dinsdag"
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Opgeslagen als versie 2")).to_be_visible()
    expect(page.locator(".ip-facts")).to_contain_text("om de week op dinsdag")
    b.check()

    # The history, and what changed.
    page.locator(".ip-tools").get_by_role("link", name="Geschiedenis").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Geschiedenis van “Gft en etensresten”"
    )
    expect(page.get_by_text("“Gft gaat nu op dinsdag”")).to_be_visible()
    b.check()
    page.get_by_role("link", name="Versie 2").click()
    changes = page.locator(".ip-changes")
    expect(changes.locator("del")).to_contain_text("maandag")
    expect(changes.locator("ins")).to_contain_text("dinsdag")
    b.check()
    page.get_by_role("link", name="← Versie 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Versie 1 van “Gft en etensresten”")
    expect(page.locator(".ip-facts")).to_contain_text("om de week op maandag")
    b.check()

    # Restore: the old text is back, as version 3; nothing is lost.
    page.get_by_role("button", name="Zet versie 1 terug").click()
    expect(page.get_by_text("Versie 1 is terug, opgeslagen als versie 3")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gft en etensresten")
    expect(page.locator(".ip-facts")).to_contain_text("om de week op maandag")
    b.check()
    page.locator(".ip-tools").get_by_role("link", name="Geschiedenis").click()
    versions = page.locator(".ip-history > li")
    expect(versions).to_have_count(3)
    expect(versions.first).to_contain_text("Versie 3")
    expect(versions.first).to_contain_text("Teruggezet van versie 1")
    b.check()

    # Another page needs a check: one button.
    page = b.goto("/b/nijmegen-oost/info/")
    expect(page.get_by_role("heading", name="1 pagina moet gecontroleerd worden")).to_be_visible()
    page.locator(".ip-stale").get_by_role("link", name="Parkeren").click()
    expect(page.get_by_text("Deze pagina moet gecontroleerd worden")).to_be_visible()
    b.check()
    page.get_by_role("button", name="Klopt nog").click()
    expect(page.get_by_text("Dank je wel! Vandaag gecontroleerd.")).to_be_visible()
    expect(page.get_by_text("Deze pagina moet gecontroleerd worden")).to_have_count(0)
    b.check()
    page = b.goto("/b/nijmegen-oost/info/")
    expect(page.get_by_text("Controle nodig")).to_have_count(0)


def test_two_editors_at_once_and_the_rest_of_the_editor_pages(browser_session, second_person, oost):
    karim, sanne = browser_session, second_person
    karim.log_in_as(oost["karim"])
    sanne.log_in_as(oost["sanne"])
    page_k = karim.goto("/b/nijmegen-oost/info/gft-en-etensresten/edit/")
    page_s = sanne.goto("/b/nijmegen-oost/info/gft-en-etensresten/edit/")
    page_k.get_by_label(label("Tekst")).fill(GFT + "\n- Geen plastic zakjes.")
    page_k.get_by_role("button", name="Opslaan").click()
    expect(page_k.get_by_text("Opgeslagen als versie 2")).to_be_visible()
    page_s.get_by_label(label("Tekst")).fill(GFT + "\n- Kerstbomen in januari.")
    page_s.get_by_role("button", name="Opslaan").click()
    expect(
        page_s.get_by_role("heading", name=re.compile("Iemand anders heeft deze pagina opgeslagen"))
    ).to_be_visible()
    expect(page_s.get_by_label(label("Tekst"))).to_have_value(GFT + "\n- Kerstbomen in januari.")
    expect(page_s.locator(".ip-conflict ins")).to_contain_text("Geen plastic zakjes.")
    sanne.check()
    page_s.get_by_label(label("Tekst")).fill(
        GFT + "\n- Geen plastic zakjes.\n- Kerstbomen in januari."
    )
    page_s.get_by_role("button", name="Opslaan").click()
    expect(page_s.get_by_text("Opgeslagen als versie 3")).to_be_visible()
    expect(page_s.locator(".ip-body")).to_contain_text("Kerstbomen in januari.")
    expect(page_s.locator(".ip-body")).to_contain_text("Geen plastic zakjes.")

    # A new page, with a preview first.
    page = karim.goto("/b/nijmegen-oost/info/")
    page.get_by_role("link", name="Nieuwe pagina").click()
    karim.check()
    page.get_by_label(label("Titel")).fill("Speeltuinen")
    page.get_by_label(label("Tekst")).fill("- **De Klimboom** aan de Javastraat")
    page.get_by_role("button", name="Voorbeeld").click()
    expect(page.locator(".ip-preview strong")).to_have_text("De Klimboom")
    karim.check()
    page.get_by_role("button", name="Zet online").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Speeltuinen")
    karim.check()

    # Move it under "Afval en containers" (not its place, but to show it), then up.
    page.get_by_role("link", name="Verplaatsen en instellingen").click()
    karim.check()
    page.get_by_label(label("Onder welke pagina?")).select_option(label="Afval en containers")
    page.get_by_role("button", name="Instellingen opslaan").click()
    crumbs = page.get_by_role("navigation", name="Je bent hier")
    expect(crumbs.get_by_role("link", name="Afval en containers")).to_be_visible()
    page.get_by_role("link", name="Verplaatsen en instellingen").click()
    order = page.locator(".ip-order-list li")
    expect(order.last).to_contain_text("Speeltuinen")
    page.get_by_role("button", name="Omhoog").click()
    expect(page.get_by_text("De volgorde is veranderd.")).to_be_visible()
    expect(page.locator(".ip-order-list li").nth(1)).to_contain_text("Speeltuinen")
    karim.check()

    # Delete it (buurtverbinders only); the index no longer shows it.
    page = karim.goto("/b/nijmegen-oost/info/speeltuinen/")
    page.get_by_role("link", name="Verwijderen").click()
    karim.check()
    page.get_by_role("button", name="Ja, verwijder hem").click()
    expect(page.get_by_text("“Speeltuinen” is verwijderd")).to_be_visible()
    expect(page.locator("main").get_by_role("link", name="Speeltuinen")).to_have_count(0)
    karim.check()
