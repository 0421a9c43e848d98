"""The professionals' own registration, on a desktop and on a 390 px phone: Sanne of Sterker
Welzijn opens "Registratie", registers a home visit about money, taps "+1 contact" (today's
tally changes in place), registers the walking group, corrects and deletes an entry, and reads
her week and her organisation's totals — in Dutch and in English. Without JavaScript the tap is
a plain form that still registers. Every page is checked with axe."""

import re

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.logbook.models import Entry
from e2e.conftest import assert_no_sideways_scrolling, label, log_in_as, nav_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def world():
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    welfare = OrganisationFactory(name="Sterker Welzijn", slug="sterker", kind="welfare")
    welfare.neighbourhoods.add(nb)
    sanne = member(nb, role=Role.PROFESSIONAL, first_name="Sanne", email="sanne@example.nl")
    welfare.staff.add(sanne)
    return nb, welfare, sanne


def entries():
    with scopes_disabled():
        return list(Entry.objects.order_by("pk"))


def test_a_professional_registers_her_work_in_a_few_taps(browser_session, browser):
    nb, _welfare, sanne = world()
    me = browser_session
    page = me.page
    if me.is_phone:
        page.set_viewport_size(PHONE)
    me.log_in_as(sanne)
    me.goto(f"/b/{nb.slug}/")
    nav_link(page, "Registratie").click()
    me.check()
    expect(page.get_by_role("heading", name="Registratie", level=1)).to_be_visible()
    expect(page.get_by_text("Tellen, geen cliëntdossier")).to_be_visible()

    # A home visit about money, two people, an hour, for Sterker Welzijn.
    page.get_by_label("Contactmoment").check()
    page.get_by_label("Geld en schulden").check()
    page.get_by_label("Huisbezoek").check()
    page.get_by_label(label("Hoeveel mensen")).fill("2")
    page.get_by_label(label("Tijd")).select_option(label="1 uur")
    page.locator("summary", has_text="Meer opties").click()
    page.get_by_label("Sterker Welzijn").check()
    page.get_by_role("button", name="Registreren", exact=True).click()
    me.check()
    expect(
        page.get_by_text("Geregistreerd: een contactmoment (huisbezoek, geld en schulden).")
    ).to_be_visible()
    # The form remembers the choices; the quick tap is there, big enough for a thumb.
    expect(page.get_by_label("Huisbezoek")).to_be_checked()
    tap = page.get_by_role("button", name=re.compile(r"1 contact\s*Huisbezoek · Geld en schulden"))
    box = tap.bounding_box()
    assert box is not None and box["height"] >= 44
    tap.click()
    today = page.locator("#lb-today")
    expect(today).to_contain_text("2 contactmomenten")
    expect(today).to_contain_text("Geregistreerd")
    me.check()
    assert len(entries()) == 2

    # The walking group: a group activity, 11 people, 1,5 hours.
    page.get_by_label("Groepsactiviteit").check()
    page.get_by_label("Meedoen en eenzaamheid").check()
    page.get_by_label(label("Hoeveel mensen")).fill("11")
    page.get_by_label(label("Tijd")).select_option(label="1,5 uur")
    page.get_by_role("button", name="Registreren", exact=True).click()
    me.check()
    expect(page.locator("#lb-today")).to_contain_text("1 groepsactiviteit")

    # A mistake: corrected, then one entry deleted.
    page.get_by_role("link", name=re.compile(r"^Aanpassen\W+Groepsactiviteit")).click()
    me.check()
    page.get_by_label(label("Hoeveel mensen")).fill("12")
    page.get_by_role("button", name="Opslaan").click()
    me.check()
    expect(page.get_by_text("Je registratie is aangepast.")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Aanpassen\W+Contactmoment")).first.click()
    me.check()
    page.get_by_role("button", name="Deze registratie verwijderen").click()
    me.check()
    expect(page.get_by_text("Je registratie is verwijderd.")).to_be_visible()
    assert sorted(e.people for e in entries()) == [2, 12]

    # Her week and her organisation's totals, as tables.
    page.get_by_role("link", name="Jouw week en maand").click()
    me.check()
    week = page.get_by_role("table", name="Deze week tot nu toe")
    expect(week.get_by_role("row", name=re.compile("^Meedoen en eenzaamheid"))).to_contain_text(
        "12"
    )
    page.get_by_role("link", name="Totalen van Sterker Welzijn").click()
    me.check()
    expect(page.get_by_role("heading", name="Registratie van Sterker Welzijn")).to_be_visible()

    # Without JavaScript the tap is a plain form that comes back with a message.
    if me.is_phone:
        context = browser.new_context(
            java_script_enabled=False,
            viewport=PHONE,
            locale="nl-NL",
            base_url=me.live_server_url,
        )
        context.set_default_timeout(10_000)
        plain = context.new_page()
        log_in_as(plain, me.live_server_url, sanne)
        assert plain.goto(f"/b/{nb.slug}/registration/").ok
        plain.get_by_role("button", name=re.compile(r"1 contact\s*Huisbezoek")).click()
        expect(plain.get_by_text("Geregistreerd: een contactmoment").first).to_be_visible()
        assert_no_sideways_scrolling(plain)
        context.close()
        assert len(entries()) == 3

    # And in English.
    me.switch_language("English")
    expect(page.get_by_role("heading", name="Registration of Sterker Welzijn")).to_be_visible()
    expect(page.get_by_role("table", name="This month so far")).to_be_visible()
