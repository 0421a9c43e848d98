"""Two neighbours chat privately: Anouk writes, Bram sees the unread badge in the header, opens
his messages, reads and replies; Anouk sees "Gelezen" under her messages.

The live server here is WSGI (no websockets), so this journey reloads where a person would
otherwise see the page update by itself; the websocket is tested with Channels'
``WebsocketCommunicator`` in ``buurtplein/messaging/tests/test_websocket.py``.
"""

import re

import pytest
from playwright.sync_api import expect

from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.messaging.tests.factories import start_conversation
from e2e.conftest import Browser, label, log_in_as, verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def second_person(browser, browser_context_args, live_server, device_name):
    """A second browser (same device) for the other neighbour."""
    context = browser.new_context(**browser_context_args)
    context.set_default_timeout(10_000)
    yield Browser(page=context.new_page(), live_server_url=live_server.url, device=device_name)
    context.close()


def test_two_neighbours_chat(browser_session, second_person, live_server):
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    anouk = verified(member(nb, email="anouk@example.nl", first_name="Anouk", last_name="Jansen"))
    bram = verified(member(nb, email="bram@example.nl", first_name="Bram", last_name="Smit"))
    # Anouk replied to Bram's offer; the exchange opened the conversation with her first words.
    conversation = start_conversation(
        nb, anouk, bram, text="Hoi Bram, is je ladder nog te leen?", subject="Ladder te leen"
    )
    path = f"/b/nijmegen-oost/messages/{conversation.pk}/"

    # Anouk adds a message on the conversation page.
    a = browser_session
    a.log_in_as(anouk)
    page = a.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Gesprek met Bram S.")
    expect(page.get_by_text("Over: Ladder te leen")).to_be_visible()
    page.get_by_label(label("Je bericht")).fill("Ik zou hem **zaterdag** willen ophalen.")
    page.get_by_role("button", name="Versturen").click()
    expect(page.locator("#thread strong", has_text="zaterdag")).to_be_visible()
    expect(page.get_by_label(label("Je bericht"))).to_have_value("")
    expect(page.locator(".receipt").last).to_have_text("Verstuurd")
    a.check()

    # Bram sees the badge in the header, opens his messages, reads and replies.
    b = second_person
    log_in_as(b.page, live_server.url, bram)
    page = b.goto("/b/nijmegen-oost/")
    messages_link = page.get_by_role("link", name=re.compile(r"^Berichten, 2 ongelezen$"))
    expect(messages_link).to_be_visible()
    messages_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Berichten")
    expect(page.get_by_text("Over: Ladder te leen")).to_be_visible()
    b.check()
    page.get_by_role("link", name=re.compile("^Anouk J., 2 ongelezen$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gesprek met Anouk J.")
    expect(page.locator("#thread")).to_contain_text("is je ladder nog te leen?")
    expect(page.get_by_role("link", name=re.compile(r"^Berichten$"))).to_be_visible()
    b.check()
    page.get_by_label(label("Je bericht")).fill("Ja hoor, vanaf 10 uur ben ik thuis.")
    page.get_by_role("button", name="Versturen").click()
    expect(page.locator("#thread")).to_contain_text("vanaf 10 uur ben ik thuis")
    b.check()

    # Anouk comes back: Bram has read her messages, and his reply waits for her.
    page = a.goto("/b/nijmegen-oost/messages/")
    expect(page.get_by_role("link", name=re.compile("^Bram S., 1 ongelezen$"))).to_be_visible()
    page.get_by_role("link", name=re.compile("^Bram S.")).click()
    expect(page.locator("#thread")).to_contain_text("vanaf 10 uur ben ik thuis")
    expect(page.locator(".bubble-mine .receipt").last).to_have_text("Gelezen")
    a.check()

    # Bram blocks Anouk after all (confirmation first); the conversation stays readable.
    page = b.page
    page.get_by_role("link", name="Blokkeer Anouk J.").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anouk J. blokkeren?")
    expect(page.get_by_text("buurtverbinder")).to_be_visible()
    b.check()
    page.get_by_role("button", name="Ja, blokkeren").click()
    expect(page.get_by_role("status")).to_contain_text("Je hebt Anouk J. geblokkeerd")
    b.check()

    page = a.goto(path)
    expect(page.locator("main")).to_contain_text("Bram S. wil geen berichten van je krijgen.")
    expect(page.get_by_label(label("Je bericht"))).to_have_count(0)
    a.check()
