"""Activities, as a resident of 72 and an organiser meet them, on a desktop and a phone, every
page checked with axe.

1. Ria opens the agenda from "this week in the neighbourhood" on the home, filters on 65+ and
   Tuesday, goes to the week of the next Tuesday (the filters stay), finds "Bewegen voor
   ouderen", opens it and signs up for that Tuesday with one tap. She sees it under "my
   activities", makes her calendar link and the feed behind it has the Tuesday. She reads the
   page in English once. Sanne, who organises it for Sterker Welzijn, sees who comes and prints
   the list for the door.
2. A full bridge class: Ria joins the waiting list; when Bram cannot come, she moves up and gets
   an e-mail. Sanne plans a study circle every 2nd Thursday with the plain schedule choices and
   sees the month view.
"""

import re
from datetime import time, timedelta

import icalendar
import pytest
from django.core import mail
from django.utils import formats, timezone, translation
from playwright.sync_api import expect

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.agenda.tests.factories import ActivityFactory, next_weekday
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from e2e.conftest import Browser, label, verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def second_person(browser, browser_context_args, live_server, device_name):
    """A second browser (same device) for the organiser or the other neighbour."""
    context = browser.new_context(**browser_context_args)
    context.set_default_timeout(10_000)
    yield Browser(page=context.new_page(), live_server_url=live_server.url, device=device_name)
    context.close()


@pytest.fixture
def oost():
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    welfare = OrganisationFactory(name="Sterker Welzijn", slug="sterker-welzijn", kind="welfare")
    welfare.neighbourhoods.add(nb)
    sanne = verified(member(nb, email="sanne@example.nl", first_name="Sanne", last_name="de Groot"))
    welfare.staff.add(sanne)
    ria = verified(member(nb, email="ria@example.nl", first_name="Ria", last_name="Jansen"))
    return nb, welfare, sanne, ria


def test_find_bewegen_voor_ouderen_sign_up_and_see_it_in_your_calendar(
    browser_session, second_person, oost
):
    nb, welfare, sanne, ria = oost
    tuesday = next_weekday(2)
    bewegen = ActivityFactory(
        neighbourhood=nb,
        organiser=sanne,
        organisation=welfare,
        title="Bewegen voor ouderen",
        description="Rustig bewegen op muziek, zittend of staand.",
        start_date=tuesday,
        start_time=time(10),
        end_time=time(11),
        rrule="FREQ=WEEKLY;BYDAY=TU;WKST=MO",
        target_groups=2,  # 65+
        capacity=12,
        cost=2,
        cost_note="incl. koffie",
        wheelchair_accessible=True,
        hearing_loop=True,
    )
    ActivityFactory(
        neighbourhood=nb,
        organiser=sanne,
        organisation=welfare,
        title="Koffie-ochtend",
        start_date=timezone.localdate() + timedelta(days=1),
        signup_required=False,
    )
    ActivityFactory(
        neighbourhood=nb,
        organiser=sanne,
        title="Taalcafé",
        start_date=tuesday,
        start_time=time(19, 30),
        end_time=time(21),
        target_groups=32,  # newcomers
    )

    # From the home's "this week" block to the agenda.
    a = browser_session
    a.log_in_as(ria)
    page = a.goto("/b/nijmegen-oost/")
    block = page.locator("section.ag-home")
    expect(block.get_by_role("heading", level=2)).to_have_text("Deze week in de buurt")
    expect(block).to_contain_text("Koffie-ochtend")
    block.get_by_role("link", name="De hele agenda").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Activiteiten deze week")
    a.check()

    # Filter on 65+ and Tuesday; the filters stay when going to the next Tuesday's week.
    page.locator("summary", has_text="Filteren").click()
    page.get_by_role("checkbox", name="65+").check()
    page.get_by_role("checkbox", name="Dinsdag").check()
    page.get_by_role("button", name="Tonen").click()
    expect(page.locator("main summary")).to_contain_text("Filters staan aan")
    a.check()
    # The agenda opens on the coming seven days: next Tuesday is in them unless today is one.
    if tuesday > timezone.localdate() + timedelta(days=6):
        page.get_by_role("link", name="Volgende week").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Activiteiten in week")
    expect(page.get_by_role("checkbox", name="65+")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Dinsdag")).to_be_checked()
    cards = page.locator("article.ag-item")
    expect(cards).to_have_count(1)  # not the taalcafé on the same Tuesday
    expect(cards.first).to_contain_text("Bewegen voor ouderen")
    expect(cards.first).to_contain_text("Nog 12 plekken")
    a.check()

    # Open it and sign up for the Tuesday with one tap.
    cards.first.get_by_role("link", name="Bewegen voor ouderen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bewegen voor ouderen")
    expect(page.locator(".ag-facts")).to_contain_text("Elke week op dinsdag, 10:00–11:00")
    a.check()
    first_date = page.locator(".ag-date").first
    with translation.override("nl"):
        expect(first_date).to_contain_text(formats.date_format(tuesday, "l j F").capitalize())
    first_date.get_by_role("button", name="Aanmelden").click()
    expect(page.locator(".ag-date").first).to_contain_text("Je bent aangemeld voor")
    expect(page.locator(".ag-date").first).to_contain_text("Je gaat.")
    expect(page.locator(".ag-date").first).to_contain_text("Nog 11 plekken")
    a.check()

    # It is under "my activities"; her own calendar link has the Tuesday.
    page.get_by_role("navigation", name="Buurt").get_by_role("link", name="Activiteiten").click()
    page.locator("main").get_by_role("link", name="Mijn activiteiten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn activiteiten")
    expect(page.locator("main")).to_contain_text("Bewegen voor ouderen")
    a.check()
    page.get_by_role("button", name="Maak mijn agenda-link").click()
    expect(page.get_by_text("Je agenda-link is klaar.")).to_be_visible()
    subscribe = page.get_by_role("link", name="Abonneren (Apple, Outlook)")
    expect(subscribe).to_have_attribute("href", re.compile(r"^webcal://"))
    a.check()
    feed_url = page.get_by_label(label("Je eigen agenda-link")).input_value()
    assert feed_url.startswith(a.live_server_url + "/b/nijmegen-oost/agenda/my/")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Link kopiëren").click()
    expect(page.get_by_role("status").filter(has_text="De link is gekopieerd")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == feed_url
    response = page.request.get(feed_url)  # as a calendar program: without the log-in cookie
    assert response.ok and response.headers["content-type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.body())
    (event,) = [e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == "Bewegen voor ouderen"]
    start = event["DTSTART"].dt
    assert start.date() == tuesday and (start.hour, start.minute) == (10, 0)
    assert str(event["STATUS"]) == "CONFIRMED"

    # Once in English.
    a.switch_language("English")
    expect(page.get_by_role("heading", level=1)).to_have_text("My activities")
    expect(page.get_by_role("heading", name="What you signed up for")).to_be_visible()
    page.get_by_role("link", name="Bewegen voor ouderen").click()
    expect(page.locator(".ag-facts")).to_contain_text("Every week on Tuesday")
    expect(page.locator(".ag-date").first).to_contain_text("You are going.")
    a.check()
    a.switch_language("Nederlands")

    # Sanne sees who comes and prints the list for the door.
    b = second_person
    b.log_in_as(sanne)
    page = b.goto(f"/b/nijmegen-oost/agenda/{bewegen.pk}/")
    page.locator(".ag-date").first.get_by_role("link", name="Wie komen er (1)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Wie komen er naar Bewegen voor ouderen"
    )
    expect(page.get_by_role("table").first).to_contain_text("Ria J.")
    b.check()
    page.get_by_role("link", name="Lijst voor bij de deur (printen)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bewegen voor ouderen")
    door = page.locator("table.ag-door")
    expect(door.get_by_role("columnheader")).to_have_text(["Aanwezig", "Naam", "Aantal personen"])
    expect(door.locator("tbody tr").first).to_contain_text("Ria J.")
    b.check()
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".ag-no-print")).to_be_hidden()
    expect(door).to_be_visible()


def test_a_full_bridge_class_waiting_list_and_planning_a_study_circle(
    browser_session, second_person, oost
):
    nb, welfare, sanne, ria = oost
    bram = verified(member(nb, email="bram@example.nl", first_name="Bram", last_name="Bos"))
    bridge = ActivityFactory(
        neighbourhood=nb,
        organiser=sanne,
        title="Bridgeles voor beginners",
        start_date=next_weekday(1),
        start_time=time(14),
        end_time=time(16),
        rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;WKST=MO",
        capacity=1,
    )

    # Bram takes the only place.
    b = second_person
    b.log_in_as(bram)
    page = b.goto(f"/b/nijmegen-oost/agenda/{bridge.pk}/")
    page.locator(".ag-date").first.get_by_role("button", name="Aanmelden").click()
    expect(page.locator(".ag-date").first).to_contain_text("Je gaat.")

    # Ria finds it full and joins the waiting list.
    a = browser_session
    a.log_in_as(ria)
    page = a.goto(f"/b/nijmegen-oost/agenda/{bridge.pk}/")
    first_date = page.locator(".ag-date").first
    expect(first_date).to_contain_text("Vol.")
    first_date.get_by_role("button", name="Op de wachtlijst").click()
    expect(page.locator(".ag-date").first).to_contain_text("Je staat op de wachtlijst (nummer 1).")
    a.check()

    # Bram cannot come after all: Ria moves up and hears it.
    page = b.page
    page.locator(".ag-date").first.get_by_role("button", name="Ik kan toch niet komen").click()
    expect(page.locator(".ag-date").first).to_contain_text("Je bent afgemeld voor")
    b.check()
    moved_up = [m for m in mail.outbox if m.to == [ria.email]]
    assert moved_up and moved_up[0].subject == "Er is plek voor je: Bridgeles voor beginners"
    page = a.goto(f"/b/nijmegen-oost/agenda/{bridge.pk}/")
    expect(page.locator(".ag-date").first).to_contain_text("Je gaat.")

    # Sanne plans a study circle, every 2nd Thursday of the month, for Sterker Welzijn.
    b.page.context.clear_cookies()
    b.log_in_as(sanne)
    page = b.goto(f"/b/nijmegen-oost/agenda/new/?organisation={welfare.pk}")
    expect(page.get_by_label(label("Namens"))).to_have_value(str(welfare.pk))
    page.get_by_label(label("Titel")).fill("Studiekring")
    page.get_by_label(label("Wat is het?")).fill("Elke maand een ander onderwerp.")
    page.get_by_label(label("Datum (de eerste, als het terugkomt)")).fill(
        (timezone.localdate() + timedelta(days=1)).isoformat()
    )
    page.get_by_label(label("Begint om")).fill("14:00")
    page.get_by_label(label("Eindigt om")).fill("16:00")
    page.get_by_label("Elke maand op een vaste dag, bijvoorbeeld elke 2e dinsdag").check()
    page.get_by_label(label("Welke van de maand?")).select_option(label="2e")
    page.get_by_label(label("Welke dag?")).select_option(label="Donderdag")
    page.get_by_label(label("Plaats")).fill("Wijkcentrum Oost")
    page.get_by_role("checkbox", name="65+").check()
    page.get_by_label(label("Hoeveel plekken? (niet verplicht)")).fill("12")
    b.check()
    page.get_by_role("button", name="Zet het in de agenda").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Studiekring")
    expect(page.locator(".ag-facts")).to_contain_text("Elke 2e donderdag van de maand, 14:00–16:00")
    expect(page.locator(".ag-facts")).to_contain_text("Sterker Welzijn")
    b.check()
    first = page.locator(".ag-date-when").first.inner_text()
    assert first.startswith("Donderdag")
    # The month of that first date, as a grid on a desktop and a list on a phone.
    page.get_by_role("navigation", name="Buurt").get_by_role("link", name="Activiteiten").click()
    page.locator("main").get_by_role("link", name="Maand").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Activiteiten in")
    b.check()


def test_a_meal_asks_for_dietary_wishes_and_the_organiser_sees_the_answer(
    browser_session, second_person, oost
):
    """The organiser asks "Heb je dieetwensen?"; a neighbour answers it while signing up, changes
    it later, and the organiser finds the answer next to her name on the list of who comes."""
    nb, welfare, sanne, ria = oost
    meal = ActivityFactory(
        neighbourhood=nb,
        organiser=sanne,
        organisation=welfare,
        title="Samen eten in het buurthuis",
        start_date=timezone.localdate() + timedelta(days=2),
        start_time=time(18),
        end_time=time(20),
        capacity=30,
        signup_question="Heb je dieetwensen?",
    )

    a = browser_session
    a.log_in_as(ria)
    page = a.goto(f"/b/nijmegen-oost/agenda/{meal.pk}/")
    date = page.locator(".ag-date").first
    date.get_by_label("Heb je dieetwensen?").fill("Geen varkensvlees")
    date.get_by_role("button", name="Aanmelden").click()
    date = page.locator(".ag-date").first
    expect(date).to_contain_text("Je gaat.")
    expect(date).to_contain_text("Je antwoord: Geen varkensvlees")
    a.check()

    date.locator("summary").click()
    date.get_by_label("Heb je dieetwensen?").fill("Vegetarisch")
    date.locator("form.ag-rsvp").get_by_role("button", name="Opslaan").click()
    expect(page.locator(".ag-date").first).to_contain_text("Je antwoord: Vegetarisch")
    a.check()

    b = second_person
    b.log_in_as(sanne)
    page = b.goto(f"/b/nijmegen-oost/agenda/{meal.pk}/")
    page.locator(".ag-date").first.get_by_role("link", name="Wie komen er (1)").click()
    table = page.get_by_role("table").first
    expect(table.get_by_role("columnheader", name="Heb je dieetwensen?")).to_be_visible()
    expect(table.get_by_role("row", name=re.compile("Ria J."))).to_contain_text("Vegetarisch")
    b.check()
