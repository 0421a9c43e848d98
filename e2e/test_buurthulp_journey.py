"""Ask for help and get it: Els asks "who can hang a lamp?"; Henk, a DIY neighbour 300 m away,
is matched and says yes; Els chooses him (their private conversation opens), marks the request
helped, answers "did it work out?" and thanks him; Henk sees the thanks and answers his own
follow-up with one tap from the e-mail. Every page is checked with axe, on desktop and phone."""

import re
from importlib import import_module

import pytest
from django.apps import apps
from django.core import mail
from playwright.sync_api import expect

from buurtplein.buurthulp.tests.factories import make_helper, person, place
from buurtplein.core.tests.factories import NeighbourhoodFactory
from e2e.conftest import Browser, label, verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def second_person(browser, browser_context_args, live_server, device_name):
    """A second browser (same device) for the helper."""
    context = browser.new_context(**browser_context_args)
    context.set_default_timeout(10_000)
    yield Browser(page=context.new_page(), live_server_url=live_server.url, device=device_name)
    context.close()


def test_ask_for_help_get_matched_accept_mark_helped_and_thank(
    browser_session, second_person, settings
):
    settings.BUURTPLEIN_EMBEDDINGS = "off"  # keywords only: no model to load in the server
    # The curated skills come from a data migration; a transactional test flushes them.
    import_module("buurtplein.accounts.migrations.0003_curated_interests").forwards(apps, None)
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    place(nb, "6522AA", 51.8400, 5.8800)
    place(nb, "6522AB", 51.8427, 5.8800)  # 300 m north
    els = verified(person(nb, postcode="6522AA", email="els@example.nl", first_name="Els"))
    henk = verified(
        make_helper(
            nb,
            skills=["diy"],
            likes_to_do="Ik hang graag lampen op. Ik heb een boormachine.",
            postcode="6522AB",
            email="henk@example.nl",
            first_name="Henk",
            last_name="Jansen",
        ).user
    )

    # Els asks for help through the guided form.
    a = browser_session
    a.log_in_as(els)
    page = a.goto("/b/nijmegen-oost/")
    page.get_by_role("navigation", name="Buurt").get_by_role("link", name="Buurthulp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Buurthulp")
    a.check()
    page.locator("main").get_by_role("link", name="Vraag om hulp").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vraag om hulp")
    a.check()
    page.get_by_text("Voorbeelden van wat buren vragen").click()
    expect(page.get_by_text("Wie kan een lamp ophangen in mijn woonkamer?")).to_be_visible()
    page.get_by_role("button", name="Vraag om hulp").click()  # empty: a clear message
    expect(page.locator("#form-errors")).to_contain_text("Schrijf in een paar woorden")
    a.check()
    page.get_by_label(label("Waarmee wil je hulp?")).fill("Wie kan een lamp ophangen?")
    page.get_by_label(label("Vertel iets meer (hoeft niet)")).fill(
        "In de woonkamer. De lamp heb ik al, een boor niet."
    )
    page.get_by_label("Klussen in en om het huis").check()
    page.get_by_role("button", name="Vraag om hulp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie kan een lamp ophangen?")
    expect(page.get_by_text("We hebben 1 buur gevraagd")).to_be_visible()
    a.check()
    request_path = a.path

    # Henk is asked (by e-mail), sees why, and says yes.
    assert any(henk.email in m.to and "Kun je Els helpen?" in m.subject for m in mail.outbox)
    b = second_person
    b.log_in_as(henk)
    page = b.goto("/b/nijmegen-oost/help/")
    expect(page.get_by_text("Je vaardigheid: klussen · 300 m van je")).to_be_visible()
    page.get_by_role("link", name="Wie kan een lamp ophangen?").click()
    expect(page.get_by_role("heading", name="Kun je helpen?")).to_be_visible()
    b.check()
    page.get_by_label(label("Een bericht voor de vrager (hoeft niet)")).fill(
        "Ik kan zaterdag, ik neem mijn boor mee."
    )
    page.get_by_role("button", name="Ja, ik wil helpen").click()
    expect(page.get_by_role("heading", name="Je hebt ja gezegd")).to_be_visible()
    b.check()

    # Els chooses Henk: their private conversation opens.
    page = a.goto(request_path)
    expect(page.get_by_text("Ik kan zaterdag, ik neem mijn boor mee.")).to_be_visible()
    page.get_by_role("link", name="Kies Henk").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kies Henk")
    a.check()
    page.get_by_label(label("Je eerste bericht (hoeft niet)")).fill(
        "Fijn Henk! Zaterdag om 10 uur is goed."
    )
    page.get_by_role("button", name="Kies en verstuur").click()
    expect(page.get_by_text("Fijn Henk! Zaterdag om 10 uur is goed.").first).to_be_visible()
    assert re.search(r"/messages/\d+/$", a.path), a.path

    # After Saturday: it worked out. One tap on "yes", then a thank-you.
    page = a.goto(request_path)
    expect(page.locator(".help-state")).to_have_text("Bezig")
    page.get_by_role("button", name="Klaar: het is gelukt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Is het gelukt?")
    a.check()
    page.get_by_label("Ja", exact=True).check()
    page.get_by_role("button", name="Verstuur mijn antwoord").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie kan een lamp ophangen?")
    expect(page.locator(".help-state")).to_have_text("Geholpen")
    page.get_by_label(label("Wat wil je tegen Henk zeggen?")).fill(
        "Dankjewel Henk, de lamp hangt en is prachtig!"
    )
    page.get_by_role("button", name="Verstuur je bedankje").click()
    expect(page.locator(".help-thanks")).to_contain_text("de lamp hangt en is prachtig")
    a.check()

    # Henk sees the thanks and answers his follow-up with the link from the e-mail.
    page = b.goto(request_path)
    expect(page.locator(".help-thanks")).to_contain_text("de lamp hangt en is prachtig")
    follow_up_mail = next(m for m in mail.outbox if henk.email in m.to and "gelukt" in m.subject)
    yes_link = re.search(r"https?://\S+\?answer=yes", follow_up_mail.body).group(0)
    page = b.goto("/b/" + yes_link.split("/b/", 1)[1])
    expect(page.get_by_label("Ja", exact=True)).to_be_checked()
    page.get_by_role("button", name="Ja, verstuur dit antwoord").click()
    expect(page.get_by_text("Bedankt voor je antwoord.").first).to_be_visible()
    b.check()


def test_offer_help_and_a_buurtverbinder_picks_up_an_unanswered_request(browser_session, settings):
    """Bram offers help (skills, languages, free evenings); Karim, buurtverbinder, finds a
    request nobody answered for two days, takes it on and asks Bram."""
    from datetime import timedelta

    from django.utils import timezone

    from buurtplein.buurthulp.tests.factories import HelpRequestFactory
    from buurtplein.core.models import Role

    settings.BUURTPLEIN_EMBEDDINGS = "off"
    import_module("buurtplein.accounts.migrations.0003_curated_interests").forwards(apps, None)
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    bram = verified(person(nb, email="bram@example.nl", first_name="Bram"))
    karim = verified(person(nb, role=Role.CONNECTOR, email="karim@example.nl", first_name="Karim"))
    asker = person(nb, first_name="Truus")
    help_request = HelpRequestFactory(
        neighbourhood=nb,
        asker=asker,
        title="Wie repareert mijn fietsband?",
        topic="other",
        created_at=timezone.now() - timedelta(hours=50),
        escalated_at=timezone.now() - timedelta(hours=2),
    )

    a = browser_session
    a.log_in_as(bram)
    page = a.goto("/b/nijmegen-oost/help/")
    page.get_by_role("link", name="Ja, ik wil helpen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Help buren")
    a.check()
    page.get_by_role("button", name="Opslaan").click()  # nothing ticked: a clear message
    expect(page.locator("#form-errors")).to_contain_text("Vink minstens één ding aan")
    a.check()
    page.get_by_label("Fietsreparatie").check()
    page.get_by_label("Turks").check()
    page.get_by_label("dinsdag, Avond").check()
    page.get_by_label("Tot 1 km").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Buurthulp")
    expect(page.get_by_role("heading", name="Jij helpt buren")).to_be_visible()
    a.check()

    a.page.context.clear_cookies()
    a.log_in_as(karim)
    page = a.goto("/b/nijmegen-oost/help/attention/")
    expect(page.get_by_text("Wie repareert mijn fietsband?")).to_be_visible()
    page.get_by_role("button", name="Ik pak dit op").click()
    expect(page.get_by_text("Karim").first).to_be_visible()
    a.check()
    page = a.goto(f"/b/nijmegen-oost/help/{help_request.pk}/")
    page.get_by_role("link", name="Vraag een buur die je kent").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vraag een buur die je kent")
    a.check()
    page.get_by_label(label("Welke buur wil je vragen?")).select_option(label=bram.display_name)
    page.get_by_role("button", name="Vraag deze buur").click()
    expect(
        page.get_by_text(f"{bram.display_name} is gevraagd en krijgt een e-mail.")
    ).to_be_visible()
    a.check()
    page = a.goto(f"/b/nijmegen-oost/help/{help_request.pk}/state/")
    expect(page.get_by_role("button", name="Sluiten: geen buur kon helpen")).to_be_visible()
    assert any(bram.email in m.to for m in mail.outbox)


def test_a_buurtverbinder_asks_for_a_neighbour_found_by_name(browser_session, settings):
    """Karim asks for help for Jan, who phoned him: two neighbours are called Jan, the page
    asks which one (with their street), and nothing typed is lost on the way."""
    from buurtplein.core.models import Role

    settings.BUURTPLEIN_EMBEDDINGS = "off"
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    place(nb, "6522AA", 51.8400, 5.8800)
    karim = verified(person(nb, role=Role.CONNECTOR, postcode="6522AA", first_name="Karim"))
    person(nb, postcode="6522AA", first_name="Jan", last_name="Smit")
    person(nb, postcode="6522AA", first_name="Jan", last_name="de Boer")

    b = browser_session
    b.log_in_as(karim)
    page = b.goto("/b/nijmegen-oost/help/ask/")
    page.get_by_role("radio", name="Voor een buur die mij dat vroeg").check()
    page.get_by_label(label("Naam van de buur voor wie je het vraagt")).fill("Jan")
    page.get_by_role("radio", name="De buur zei het mij aan de telefoon").check()
    page.get_by_role("checkbox", name=re.compile("^De buur vindt het goed")).check()
    page.get_by_label(label("Waarmee wil je hulp?")).fill("Wie haalt de boodschappen voor Jan?")
    page.get_by_role("radio", name="Boodschappen en klusjes buiten de deur").check()
    page.get_by_role("button", name="Vraag om hulp").click()

    # Two neighbours are called Jan: the page asks which one, and keeps the rest.
    expect(page.get_by_role("alert")).to_contain_text("Er zijn meer buren die “Jan” heten")
    expect(page.get_by_label(label("Waarmee wil je hulp?"))).to_have_value(
        "Wie haalt de boodschappen voor Jan?"
    )
    b.check()
    page.get_by_role("radio", name=re.compile("^Jan de Boer")).check()
    page.get_by_role("button", name="Vraag om hulp").click()
    expect(page.locator(".messages")).to_contain_text("De vraag voor Jan")
    # Nobody offers help here yet: the page says what happens next, and Karim, buurtverbinder,
    # has it on his attention list straight away.
    expect(page.locator("#help-matching")).to_contain_text(
        "De buurtverbinders van Nijmegen-Oost weten het."
    )
    expect(page.locator(".help-escalated")).to_contain_text("Er is niemand gevonden")
    b.check()


def test_a_professional_hands_a_debts_request_to_a_colleague_who_picks_it_up(
    browser_session, settings
):
    """Els asks, for professionals only, for help with debt letters. Ineke (welfare) sees the
    professionals' wording, hands it to her colleague Joost with a note; Joost reads the note on
    the request and picks it up, which opens the conversation with Els."""
    from django_scopes import scope

    from buurtplein.accounts.tests.factories import OrganisationFactory
    from buurtplein.buurthulp import actions
    from buurtplein.buurthulp.models import RequestVisibility
    from buurtplein.core.models import Membership, Role

    settings.BUURTPLEIN_EMBEDDINGS = "off"
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    welfare = OrganisationFactory(name="Sterker Welzijn", slug="sterker-welzijn", kind="welfare")
    els = verified(person(nb, email="els@example.nl", first_name="Els", postcode="6522AB"))
    ineke = verified(
        person(nb, role=Role.PROFESSIONAL, email="ineke@example.nl", first_name="Ineke")
    )
    joost = verified(
        person(nb, role=Role.PROFESSIONAL, email="joost@example.nl", first_name="Joost")
    )
    with scope(neighbourhood=nb):
        Membership.objects.filter(user__in=[ineke, joost]).update(organisation=welfare)
        help_request = actions.request_create(
            neighbourhood=nb,
            asker=els,
            title="Wie helpt met de brieven?",
            text="Ik heb schulden en de deurwaarder komt.",
            visibility=RequestVisibility.PROFESSIONALS,
        )

    a = browser_session
    a.log_in_as(ineke)
    page = a.goto(f"/b/nijmegen-oost/help/{help_request.pk}/")
    expect(page.get_by_text("Iemand vraagt om een professional")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("buren gevraagd")
    a.check()
    page.get_by_role("link", name="Geef door aan een collega").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Geef door aan een collega")
    a.check()
    page.get_by_label(label("Aan welke collega geef je het door?")).select_option(
        label=f"{joost.display_name} (Sterker Welzijn)"
    )
    page.get_by_label(label("Een notitie voor je collega (niet verplicht)")).fill(
        "Joost kent de schuldhulp het best."
    )
    page.get_by_role("button", name="Geef door", exact=True).click()
    a.check()
    assert any(joost.email in m.to and "schuldhulp het best" in m.body for m in mail.outbox)

    a.page.context.clear_cookies()
    a.log_in_as(joost)
    page = a.goto(f"/b/nijmegen-oost/help/{help_request.pk}/")
    expect(page.locator("main")).to_contain_text("gaf dit aan je door, met deze notitie")
    expect(page.locator("main")).to_contain_text("Joost kent de schuldhulp het best.")
    a.check()
    page.get_by_role("button", name="Ik pak dit op").click()
    expect(page.locator("main")).to_contain_text(els.display_name)
    a.check()
    assert any(els.email in m.to for m in mail.outbox)
