"""The front end every page shares: the compact phone header, the error summary that takes
focus after a failed submit."""

import os
import re

import pytest
from playwright.sync_api import expect

from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.messaging.tests.factories import start_conversation
from e2e.conftest import assert_no_sideways_scrolling, log_in_as, verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
# Where to keep screenshots of the header to look at (unset: none are taken).
SHOTS = os.environ.get("BUURTPLEIN_SCREENSHOTS")


@pytest.fixture
def neighbours(db):
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    anouk = verified(member(nb, email="anouk@example.nl", first_name="Anouk", last_name="Jansen"))
    bram = verified(member(nb, email="bram@example.nl", first_name="Bram", last_name="Smit"))
    return nb, anouk, bram


@pytest.fixture
def phone(browser, live_server, request):
    """A 390 × 844 phone; ``request.param`` says whether it runs JavaScript."""
    context = browser.new_context(
        **PHONE, base_url=live_server.url, locale="nl-NL", java_script_enabled=request.param
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("phone", [True, False], ids=["js", "no-js"], indirect=True)
def test_the_phone_header_leaves_room_for_the_page(phone, live_server, neighbours, request):
    """On a 390 px wide phone the header is two short rows: the neighbourhood with messages and
    the account, then the main navigation in one row; the rest is one tap on "Meer" away, with
    or without JavaScript."""
    nb, anouk, bram = neighbours
    start_conversation(nb, anouk, bram, text="Hoi Bram, is je ladder nog te leen?")
    page = phone
    log_in_as(page, live_server.url, bram)
    assert page.goto("/b/nijmegen-oost/").ok
    shot = re.sub(r"\W+", "-", request.node.name)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{shot}-header.png")
    height = page.locator(".site-header").bounding_box()["height"]
    assert height <= 120, f"the phone header is {height:.0f} px tall"
    header = page.get_by_role("banner")
    expect(header.get_by_role("link", name="Berichten 1 ongelezen")).to_be_visible()
    expect(header.get_by_role("link", name="Bram S.")).to_be_visible()

    nav = page.get_by_role("navigation", name="Buurt")
    expect(nav.get_by_role("link", name="Plein", exact=True)).to_be_visible()
    search = nav.get_by_role("link", name="Zoeken", exact=True)
    expect(search).to_be_hidden()
    nav.locator("summary").click()
    expect(search).to_be_visible()
    assert_no_sideways_scrolling(page)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{shot}-menu.png")
    search.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Zoeken in "))


def test_the_error_summary_gets_focus_after_a_failed_submit(browser_session, neighbours):
    """A screen reader reads out what went wrong: the summary has focus, after a whole page
    came back and after htmx swapped the form in."""
    nb, anouk, bram = neighbours
    a = browser_session
    a.log_in_as(anouk)
    page = a.goto(f"/b/nijmegen-oost/messages/to/{bram.pk}/")
    page.locator("main").get_by_role("button", name="Versturen").click()
    expect(page.locator("#form-errors")).to_be_focused()
    a.check()

    conversation = start_conversation(nb, anouk, bram, text="Hoi Bram, is je ladder te leen?")
    page = a.goto(f"/b/nijmegen-oost/messages/{conversation.pk}/")
    page.locator("main").get_by_role("button", name="Versturen").click()  # empty, by htmx
    expect(page.locator("#form-errors")).to_be_focused()
    expect(page.locator("#form-errors")).to_contain_text(re.compile(r"\S"))
    a.check()


def test_a_failed_htmx_request_says_so_and_keeps_what_was_typed(browser_session, neighbours):
    """While the server answers 503 (the database away, docs/operations.md) or the network is
    gone, a form sent by htmx shows a notice at the top instead of doing nothing, and what was
    typed stays; the next send that works takes the notice away."""
    nb, anouk, bram = neighbours
    conversation = start_conversation(nb, anouk, bram, text="Hoi Bram, is je ladder te leen?")
    a = browser_session
    a.log_in_as(anouk)
    path = f"/b/nijmegen-oost/messages/{conversation.pk}/"
    page = a.goto(path)
    notice = page.locator("#request-failed")
    expect(notice).to_be_hidden()

    def away(route):
        if route.request.method == "POST":
            route.fulfill(status=503, body="Even niet bereikbaar", headers={"Retry-After": "30"})
        else:
            route.continue_()

    page.route(f"**{path}", away)
    page.get_by_label("Je bericht").fill("Ik kom hem zaterdag halen.")
    page.locator("main").get_by_role("button", name="Versturen").click()
    expect(notice).to_be_visible()
    expect(notice).to_have_text(
        "Dat lukte even niet. Wat je typte staat er nog: probeer het over een minuut opnieuw."
    )
    expect(page.get_by_label("Je bericht")).to_have_value("Ik kom hem zaterdag halen.")
    a.check()

    page.route(f"**{path}", lambda route: route.abort())
    page.locator("main").get_by_role("button", name="Versturen").click()
    expect(notice).to_contain_text("Er is geen verbinding.")

    page.unroute(f"**{path}")
    page.locator("main").get_by_role("button", name="Versturen").click()
    expect(page.locator("#thread")).to_contain_text("Ik kom hem zaterdag halen.")
    expect(notice).to_be_hidden()

    # A refusal (a page left open past its log-in, a member suspended meanwhile) says to reload.
    page.context.clear_cookies()
    page.get_by_label("Je bericht").fill("Tot zaterdag!")
    page.locator("main").get_by_role("button", name="Versturen").click()
    expect(notice).to_have_text("Dat kon niet. Laad de pagina opnieuw om te zien hoe het nu staat.")
    expect(page.get_by_label("Je bericht")).to_have_value("Tot zaterdag!")
