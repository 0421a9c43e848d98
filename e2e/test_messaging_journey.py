"""Two neighbours chat privately: Anouk writes, Bram sees the unread badge in the header, opens
his messages, reads and replies; Anouk sees "Gelezen" under her messages; Bram blocks her.

The first journey runs on pytest-django's live server (WSGI, no websockets) and reloads where a
person would otherwise see the page update by itself. The second runs the real ASGI application
under Daphne and shows the live part: the badge goes up, "Gelezen" appears and a reply shows on
the open page, all without a reload.
"""

import re
import shutil

import pytest
from playwright.sync_api import expect

from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.messaging.tests.factories import start_conversation
from e2e.asgi import Daphne, Shell, server_env
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
    messages_link = page.get_by_role("link", name=re.compile(r"^Berichten 2 ongelezen$"))
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
    expect(page.locator(".messages")).to_contain_text("Je hebt Anouk J. geblokkeerd")
    b.check()

    page = a.goto(path)
    expect(page.locator("main")).to_contain_text("Bram S. wil geen berichten van je krijgen.")
    expect(page.get_by_label(label("Je bericht"))).to_have_count(0)
    a.check()


# --- live updates over the websocket ---------------------------------------------------------
#
# pytest-django's live server speaks WSGI only. For the live part, the journey starts the real
# ASGI application under Daphne (as the demo does: embedded mode, in-memory channel layer, one
# process) on a file-based SQLite database of its own, fills it through the actions in a
# Django process beside it (``e2e.asgi.Shell``) and gives both browsers a session from there.

SET_UP = """
import json
from django.test import Client
from django_scopes import scope
from allauth.account.models import EmailAddress
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.messaging.actions import conversation_start

nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
anouk = member(nb, email="anouk@example.nl", first_name="Anouk", last_name="Jansen")
bram = member(nb, email="bram@example.nl", first_name="Bram", last_name="Smit")
sessions = {}
for person in (anouk, bram):
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    client = Client()
    client.force_login(person)
    sessions[person.first_name] = client.cookies["sessionid"].value
with scope(neighbourhood=nb):
    conversation = conversation_start(
        neighbourhood=nb, starter=anouk, other=bram, subject="Ladder te leen",
        text="Hoi Bram, is je ladder nog te leen?",
    )
print("SET-UP " + json.dumps({"conversation": conversation.pk, "sessions": sessions}))
"""


@pytest.fixture
def asgi_server(tmp_path, migrated_database):
    """Daphne serving Buurtplein on a fresh copy of the migrated file database; yields (base
    URL, set-up data)."""
    env = server_env(tmp_path)
    shutil.copyfile(migrated_database, tmp_path / "live.sqlite3")
    with Shell(env) as django, Daphne(env) as server:
        yield server.base, django.json(SET_UP, "SET-UP ")


def test_the_open_pages_update_live(browser, device_name, asgi_server):
    from e2e.conftest import VIEWPORTS

    base, data = asgi_server
    people = {}
    for name in ("Anouk", "Bram"):
        context = browser.new_context(**VIEWPORTS[device_name], base_url=base, locale="nl-NL")
        context.set_default_timeout(10_000)
        context.add_cookies([{"name": "sessionid", "value": data["sessions"][name], "url": base}])
        people[name] = Browser(page=context.new_page(), live_server_url=base, device=device_name)
    anouk, bram = people["Anouk"], people["Bram"]
    path = f"/b/nijmegen-oost/messages/{data['conversation']}/"

    def connected(page):
        expect(page.locator("html")).to_have_attribute("data-messaging-live", "1")

    # Bram is on the square; Anouk has their conversation open. Both sockets are connected.
    page_b = bram.goto("/b/nijmegen-oost/")
    connected(page_b)
    expect(page_b.get_by_role("link", name="Berichten 1 ongelezen")).to_be_visible()
    page_a = anouk.goto(path)
    connected(page_a)

    # Anouk writes: Bram's badge goes up without a reload.
    page_a.get_by_label(label("Je bericht")).fill("Ik kan hem zaterdag ophalen.")
    page_a.get_by_role("button", name="Versturen").click()
    expect(page_b.get_by_role("link", name="Berichten 2 ongelezen")).to_be_visible()
    bram.check()

    # Bram opens the conversation: Anouk's page shows "Gelezen" by itself.
    page_b.get_by_role("link", name="Berichten 2 ongelezen").click()
    page_b.get_by_role("link", name=re.compile("^Anouk J.")).click()
    connected(page_b)
    expect(page_b.get_by_role("link", name="Berichten", exact=True)).to_be_visible()
    expect(page_a.locator(".bubble-mine .receipt").last).to_have_text("Gelezen")
    anouk.check()

    # Bram replies: it appears on Anouk's open page without a reload, and is read at once.
    page_b.get_by_label(label("Je bericht")).fill("Prima, vanaf 10 uur ben ik thuis.")
    page_b.get_by_role("button", name="Versturen").click()
    expect(page_a.locator("#thread")).to_contain_text("vanaf 10 uur ben ik thuis")
    expect(page_a.locator("#thread-status")).to_have_text("Nieuw bericht")
    expect(page_b.locator("#thread-status")).to_have_text("")  # his own message: no news
    expect(page_b.locator(".bubble-mine .receipt").last).to_have_text("Gelezen")
    anouk.check()
    bram.check()
    for person in (anouk, bram):
        person.page.context.close()
