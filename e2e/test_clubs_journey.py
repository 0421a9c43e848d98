"""A walking club for Ooij: Anna starts "Wandelclub Ooij" (on request, with a photo) and plans
its first walk through the agenda's own page, with the club preselected; the walk shows on the
club page. Bram finds the club in the list, asks to join with a note; Anna says yes on the
board's page; Bram now sees the members' page and the walk. Bram reads the club page once in
English. A second journey walks the club's other pages: information and an announcement for the
members, what a member shows, leaving with a successor, reporting and hiding by a
buurtverbinder. Every page is checked with axe, on desktop and phone."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from e2e.conftest import Browser, assert_no_sideways_scrolling, label, log_in_as, verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def second_person(browser, browser_context_args, live_server, device_name):
    """A second browser (same device) for the second neighbour."""
    context = browser.new_context(**browser_context_args)
    context.set_default_timeout(10_000)
    yield Browser(page=context.new_page(), live_server_url=live_server.url, device=device_name)
    context.close()


def neighbours(nb):
    anna = verified(member(nb, email="anna@example.nl", first_name="Anna", last_name="Smit"))
    bram = verified(member(nb, email="bram@example.nl", first_name="Bram", last_name="Jansen"))
    return anna, bram


def main_nav(page):
    return page.get_by_role("navigation", name=re.compile("^(buurt|neighbourhood)$", re.I))


def test_start_a_walking_club_plan_its_first_walk_and_let_a_neighbour_in(
    browser_session, second_person, photo
):
    nb = NeighbourhoodFactory(name="Ooij", slug="ooij", pc4="6576")
    anna, bram = neighbours(nb)
    walk_day = timezone.localdate() + timedelta(days=6)

    # Anna starts the club, with a photo.
    a = browser_session
    a.log_in_as(anna)
    page = a.goto("/b/ooij/")
    main_nav(page).get_by_role("link", name="Clubs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Clubs en initiatieven")
    a.check()
    page.locator("main").get_by_role("link", name="Een club beginnen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Een club beginnen")
    a.check()
    page.get_by_label(label("Naam")).fill("Wandelclub Ooij")
    page.get_by_label("Club of groep").check()
    page.get_by_label(label("In één zin")).fill("Elke zondag lopen we 10 km over de dijk.")
    page.get_by_label(label("Meer over de club (niet verplicht)")).fill(
        "We vertrekken om **10 uur** bij de kerk. Honden zijn welkom."
    )
    page.get_by_label(label("Waar kom je samen? (niet verplicht)")).fill("Bij de kerk")
    page.get_by_label(label("Wanneer kom je samen? (niet verplicht)")).fill("Zondag 10.00 uur")
    page.get_by_label("Op aanvraag: het bestuur zegt ja of nee").check()
    page.get_by_label(label("Foto's")).set_input_files(str(photo))
    page.get_by_label(label("Beschrijf de foto's")).fill("Wandelaars op de dijk bij Ooij")
    page.get_by_role("button", name="Clubpagina maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wandelclub Ooij")
    picture = page.get_by_role("img", name="Wandelaars op de dijk bij Ooij")
    expect(picture).to_be_visible()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=picture.element_handle()
    )
    expect(page.locator(".cl-club .prose strong")).to_have_text("10 uur")
    a.check()
    club_path = a.path

    # She plans the first walk on the agenda's own page, with the club already chosen.
    page.get_by_role("navigation", name="Voor het bestuur").get_by_role(
        "link", name="Activiteit plannen"
    ).click()
    expect(page.get_by_label(label("Namens")).locator("option:checked")).to_have_text(
        "Wandelclub Ooij"
    )
    a.check()
    page.get_by_label(label("Titel")).fill("Eerste wandeling over de dijk")
    page.get_by_label(label("Datum (de eerste, als het terugkomt)")).fill(walk_day.isoformat())
    page.get_by_label(label("Begint om")).fill("10:00")
    page.get_by_label(label("Eindigt om")).fill("12:30")
    page.get_by_label(label("Plaats")).fill("Kerk van Ooij")
    page.get_by_label("Gewoon binnenlopen: aanmelden hoeft niet").check()
    page.get_by_role("button", name="Zet het in de agenda").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Eerste wandeling over de dijk")
    a.check()
    page = a.goto(club_path)
    activities = page.locator(
        "section", has=page.get_by_role("heading", name="Activiteiten van de club")
    )
    expect(activities).to_contain_text("Eerste wandeling over de dijk")

    # Bram finds the club in the list and asks to join, with a note.
    b = second_person
    b.log_in_as(bram)
    page = b.goto("/b/ooij/clubs/")
    page.get_by_label(label("Zoek naar")).fill("dijk")
    page.get_by_role("button", name="Tonen").click()
    card = page.locator("article", has_text="Wandelclub Ooij")
    expect(card).to_contain_text("1 lid")
    b.check()
    card.get_by_role("link", name="Wandelclub Ooij").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wandelclub Ooij")
    expect(page.get_by_text("Deze club heeft een pagina voor zijn leden")).to_be_visible()
    b.check()
    page.locator("#join").get_by_role("link", name="Vraag om lid te worden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lid worden van Wandelclub Ooij")
    b.check()
    page.get_by_label(label("Een berichtje aan het bestuur (niet verplicht)")).fill(
        "Ik woon sinds kort aan de Dorpsstraat en loop graag."
    )
    page.get_by_role("button", name="Mijn aanvraag versturen").click()
    expect(page.get_by_text("Je aanvraag is verstuurd.")).to_be_visible()
    expect(page.locator("#join")).to_contain_text("Je vroeg op")
    b.check()

    # Anna says yes on the board's page.
    page = a.goto(club_path)
    page.get_by_role("link", name=re.compile("^Leden en aanvragen")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leden en aanvragen")
    expect(page.locator("#requests")).to_contain_text("Ik woon sinds kort aan de Dorpsstraat")
    a.check()
    page.get_by_role("button", name="Ja, welkom Bram J.").click()
    expect(page.get_by_text("Bram J. is nu lid en hoort het per e-mail.")).to_be_visible()
    expect(page.locator("#requests")).to_contain_text("Niemand wacht op een antwoord.")
    a.check()

    # Bram now sees the members' page and the walk.
    page = b.goto(club_path)
    expect(page.locator("#join")).to_contain_text("Je bent lid van deze club.")
    expect(page.get_by_text("Eerste wandeling over de dijk")).to_be_visible()
    page.locator("#join").get_by_role("link", name="Ledenpagina").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leden van Wandelclub Ooij")
    members = page.locator("#cl-members")
    expect(members).to_contain_text("Anna S.")
    expect(members).to_contain_text("Bram J.")
    b.check()

    # Once in English.
    page = b.goto(club_path)
    b.switch_language("English")
    expect(page.get_by_role("heading", name="For members")).to_be_visible()
    expect(page.get_by_text("You are a member of this club.")).to_be_visible()
    expect(page.get_by_role("heading", name="Activities of the club")).to_be_visible()
    expect(main_nav(page).get_by_role("link", name="Clubs")).to_be_visible()


def test_the_members_pages_announcements_leaving_reporting_and_hiding(
    browser_session, second_person
):
    from buurtplein.clubs.tests.factories import add_member, make_club

    nb = NeighbourhoodFactory(name="Ooij", slug="ooij", pc4="6576")
    anna, bram = neighbours(nb)
    karim = verified(member(nb, role=Role.CONNECTOR, email="karim@example.nl", first_name="Karim"))
    club = make_club(nb, anna, name="Buurtkoor Ooij", pitch="We zingen op donderdag.")
    add_member(club, bram)
    members_path = f"/b/ooij/clubs/{club.slug}/members/"

    # Anna writes the information for members and an announcement.
    a = browser_session
    a.log_in_as(anna)
    page = a.goto(members_path)
    page.locator("#cl-info-title").locator("..").get_by_role("link", name="Aanpassen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Informatie voor leden")
    a.check()
    page.get_by_label(label("Informatie voor leden")).fill(
        "Repetitie om **20.00 uur**. De sleutel ligt bij Henk."
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".prose strong")).to_have_text("20.00 uur")
    a.check()
    page.get_by_role("link", name="Schrijf alle leden").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Schrijf alle leden")
    a.check()
    page.get_by_label(label("Titel")).fill("Geen repetitie op 24 december")
    page.get_by_label(label("Bericht")).fill("Fijne feestdagen, tot 7 januari!")
    page.get_by_role("button", name="Naar alle leden sturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Geen repetitie op 24 december")
    a.check()
    page.get_by_role("link", name="Alle berichten aan de leden").click()
    expect(page.get_by_role("link", name="Geen repetitie op 24 december")).to_be_visible()
    a.check()

    # The board's other pages: editing the club page, removing a member (not confirmed).
    page = a.goto(f"/b/ooij/clubs/{club.slug}/edit/")
    expect(page.get_by_label(label("Naam"))).to_have_value("Buurtkoor Ooij")
    a.check()
    page = a.goto(f"/b/ooij/clubs/{club.slug}/manage/")
    page.get_by_role("link", name="Bram J. weghalen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bram J. uit de club halen?")
    a.check()
    page.get_by_role("link", name="Nee, laten staan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leden en aanvragen")

    # Bram chooses what the members see of him, then reads the page.
    b = second_person
    b.log_in_as(bram)
    page = b.goto(members_path)
    expect(page.get_by_text("De sleutel ligt bij Henk.")).to_be_visible()
    page.get_by_role("link", name="Wat de leden van je zien").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat de leden van je zien")
    b.check()
    page.get_by_label(re.compile(r"^\s*Laat mijn e-mailadres zien")).check()
    page.get_by_label(label("Telefoonnummer voor de andere leden (niet verplicht)")).fill(
        "06 12 34 56 78"
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#cl-members")).to_contain_text("bram@example.nl")
    b.check()

    # Anna leaves, naming Bram as her successor.
    page = a.goto(f"/b/ooij/clubs/{club.slug}/leave/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Lidmaatschap van Buurtkoor Ooij opzeggen?"
    )
    page.get_by_label(label("Wie neemt het bestuur van je over?")).select_option(label="Bram J.")
    page.get_by_role("button", name="Ja, opzeggen").click()
    expect(page.get_by_text("Je bent geen lid meer van Buurtkoor Ooij.")).to_be_visible()
    a.check()
    # She reports the club page (she is no longer on its board).
    page.get_by_role("link", name="Melden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Melden bij een buurtverbinder")
    a.check()
    page.get_by_label("Reclame of spam").check()
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_text("Dankjewel. Een buurtverbinder kijkt ernaar.")).to_be_visible()

    # Bram is the board now; the buurtverbinder hides the club for a while.
    page = b.goto(f"/b/ooij/clubs/{club.slug}/manage/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Leden en aanvragen")
    b.check()
    page.context.clear_cookies()
    b.log_in_as(karim)
    # Not a member: the members' page says it exists and how to join (403).
    response = page.goto(members_path)
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("De ledenpagina van Buurtkoor Ooij")
    expect(page.get_by_role("button", name="Word lid")).to_be_visible()
    b.check()
    page = b.goto(f"/b/ooij/clubs/{club.slug}/")
    page.get_by_role("link", name="Verbergen of weghalen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Een club verbergen of weghalen")
    b.check()
    page.get_by_label(re.compile(r"^\s*Voorlopig verbergen")).check()
    page.get_by_role("button", name="Doen").click()
    expect(page.get_by_text("De club is verborgen.")).to_be_visible()
    b.check()
    with scopes_disabled():
        from buurtplein.clubs.models import Club

        assert Club.objects.get(pk=club.pk).state == "hidden"


def test_the_club_pages_reflow_at_200_percent_zoom(zoomed_page, live_server):
    """Long names and texts, the board's pages and the forms: nothing scrolls sideways."""
    from buurtplein.clubs.models import Status
    from buurtplein.clubs.tests.factories import add_member, make_club

    nb = NeighbourhoodFactory(name="Ooij", slug="ooij", pc4="6576")
    anna, bram = neighbours(nb)
    club = make_club(
        nb,
        anna,
        name="Vereniging Vrienden van de Ooijpolder en de Duivelsberg",
        pitch="Wandelen, fietsen en vogels kijken in de polder. " * 3,
        meets_where="Verzamelen bij de parkeerplaats van Dorpshuis De Klinkert",
        join_policy="request",
    )
    add_member(club, bram)
    add_member(club, member(nb, first_name="Maximiliaan"), status=Status.PENDING)
    log_in_as(zoomed_page, live_server.url, anna)
    for path in [
        "/b/ooij/clubs/",
        f"/b/ooij/clubs/{club.slug}/",
        f"/b/ooij/clubs/{club.slug}/members/",
        f"/b/ooij/clubs/{club.slug}/manage/",
        f"/b/ooij/clubs/{club.slug}/edit/",
        f"/b/ooij/clubs/{club.slug}/announcements/new/",
        "/b/ooij/clubs/new/",
    ]:
        assert zoomed_page.goto(path).ok, path
        expect(zoomed_page.get_by_role("heading", level=1)).to_be_visible()
        assert_no_sideways_scrolling(zoomed_page)
