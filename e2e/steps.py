"""Steps of the journeys, shared by the tests in this folder. Each checks every page it shows."""

import re

from playwright.sync_api import expect

from e2e.conftest import label, link_from_last_mail, nav_link

EMAIL = "anouk@example.nl"
PASSWORD = "Zonnebloem-Oost-42"
TITLE = "Fietsenmaker op het plein"
TEXT = "Zaterdag repareert Henk gratis fietsen op het plein. Neem je fiets mee!"


def sign_up(browser, email=EMAIL, password=PASSWORD, start="/accounts/signup/"):
    """Fills in the sign-up form that ``start`` shows (itself, or an invite link leading to it)."""
    page = browser.goto(start)
    page.get_by_label(re.compile("voornaam|first name", re.I)).fill("Anouk")
    page.get_by_label(re.compile("achternaam|last name", re.I)).fill("Jansen")
    page.get_by_label(re.compile("e-?mail", re.I)).fill(email)
    passwords = page.get_by_label(re.compile("wachtwoord|password", re.I))
    passwords.first.fill(password)
    passwords.last.fill(password)
    page.locator("main").get_by_role(
        "button", name=re.compile("account maken|create account|sign up", re.I)
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("e-?mail", re.I), ignore_case=True
    )
    browser.check()


def confirm_email(browser, email=EMAIL):
    """Opens the link in the e-mail and confirms the address: in the same browser that logs the
    person in and goes on to where the sign-up came from."""
    page = browser.goto(link_from_last_mail(email))
    page.locator("main").get_by_role("button", name=re.compile("bevestig|confirm", re.I)).click()
    expect(page.get_by_role("status")).to_contain_text(email)
    browser.check()


def share_on_the_square(browser_session, photo):
    """From the neighbourhood home: post with a photo, comment, react, save, find it again under
    "Opgeslagen" and by searching, then read it in English and go back to Dutch."""
    page = browser_session.page
    # Post a message with a photo.
    page.get_by_role(
        "link", name=re.compile("wat wil je delen|what do you want to share", re.I)
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("nieuw bericht", re.I))
    browser_session.check()
    page.get_by_role("radio", name="Tip").check()
    page.get_by_label(label("Titel")).fill(TITLE)
    page.get_by_label(label("Je bericht")).fill(TEXT)
    page.get_by_label(label("Foto's")).set_input_files(photo)
    page.get_by_label(label("Beschrijf de foto's")).fill("Een gele zonnebloem op een groen veld")
    page.get_by_role("button", name="Zet op het plein").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    picture = page.get_by_role("img", name="Een gele zonnebloem op een groen veld")
    expect(picture).to_be_visible()
    # The photo itself arrives (not a broken image): wait until the browser has decoded it.
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=picture.element_handle()
    )
    browser_session.check()

    # Comment on it.
    comments = page.locator("#comments")
    comments.get_by_label(label("Je reactie")).fill("Goed idee, ik kom helpen!")
    comments.get_by_role("button", name="Plaats reactie").click()
    expect(page.locator("#comments")).to_contain_text("Goed idee, ik kom helpen!")
    browser_session.check()

    # React with a thumb up, then save it for later.
    thumb = page.get_by_role("button", name="Duim omhoog")
    expect(thumb).to_have_attribute("aria-pressed", "false")
    thumb.click()
    expect(page.get_by_role("button", name="Duim omhoog")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".reaction-summary")).to_contain_text("1")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("button", name="Opgeslagen")).to_have_attribute("aria-pressed", "true")
    browser_session.check()

    # Find it under "Opgeslagen".
    nav_link(page, "Opgeslagen").click()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    browser_session.check()

    # Search for it with a word that is only part of a word in the message.
    nav_link(page, "Zoeken").click()
    browser_session.check()
    search = page.get_by_role("searchbox")
    search.fill("fiets")
    search.press("Enter")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    browser_session.check()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)

    # Read the square in English, then go back to Dutch.
    browser_session.switch_language("English")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    nav_link(page, "Saved")
    expect(page.locator("#comments").get_by_role("heading")).to_have_text("Comments")
    browser_session.switch_language("Nederlands")
    nav_link(page, "Opgeslagen")
    expect(page.locator("#comments").get_by_role("heading")).to_have_text("Reacties")


def referral_world():
    """Nijmegen-Oost with Sterker Welzijn's debt help (Schuldhulpmaatje), Wendy on its staff
    and Pieter, a professional who refers: the world of the referral journeys."""
    from types import SimpleNamespace

    from buurtplein.accounts.tests.factories import OrganisationFactory
    from buurtplein.core.models import Role
    from buurtplein.core.tests.factories import NeighbourhoodFactory, member
    from buurtplein.referrals.tests.factories import ServiceFactory

    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    welfare = OrganisationFactory(name="Sterker Welzijn", slug="sterker", kind="welfare")
    welfare.neighbourhoods.add(nb)
    ServiceFactory(
        neighbourhood=nb,
        organisation=welfare,
        name="Schuldhulpmaatje",
        summary="Een maatje helpt je met geldzorgen.",
    )
    wendy = member(nb, first_name="Wendy", email="wendy@example.nl")
    welfare.staff.add(wendy)
    pieter = member(nb, role=Role.PROFESSIONAL, first_name="Pieter", email="pieter@example.nl")
    return SimpleNamespace(nb=nb, welfare=welfare, wendy=wendy, pieter=pieter)
