"""An anonymous visitor chats with a professional of the online help, live.

The visitor opens their chat by its secret link and sees their place in line move up; a
worker (driven through the actions here: the console is another part of issue 14) takes the
chat and answers; the answer arrives without a reload. Then the connection drops — the browser
goes offline and the server restarts — while the visitor writes and the worker answers: once
back, everything is there, nothing twice. A crisis word shows 113 and 112 at once. The visitor
stops the chat and rates it with one tap.

The server is the real ASGI application under Daphne (as in
``test_messaging_journey.test_the_open_pages_update_live``), on a file database of its own,
with Redis (db 8) as the channel layer so that the worker's actions, run in a Django process
of their own (``e2e.asgi.Shell``), reach the visitor's socket.
"""

import json
import os
import shutil

import pytest
from playwright.sync_api import expect

from e2e.asgi import Daphne, Shell, server_env
from e2e.conftest import VIEWPORTS, Browser, label

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REDIS = os.environ.get("E2E_ONLINEHULP_REDIS", "redis://127.0.0.1:6391/8")

SET_UP = """
import json
from django_scopes import scopes_disabled
from buurtplein.accounts.tests.factories import OrganisationFactory, UserFactory
from buurtplein.core.tests.factories import NeighbourhoodFactory, RegionFactory
from buurtplein.onlinehulp import actions
from buurtplein.onlinehulp.tests.factories import DeskFactory, take_part

nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
with scopes_disabled():
    desk = DeskFactory(name="Chat met de wijk", region=RegionFactory(neighbourhoods=[nb]),
                       always_open=True)
    take_part(desk, OrganisationFactory(name="Welzijn Oost"), read_along=True)
    ahead, _, _ = actions.chat_start(desk=desk, neighbourhood=nb)
    chat, token, code = actions.chat_start(desk=desk, neighbourhood=nb, first_name="Sam")
UserFactory(first_name="Fleur", email="fleur@example.nl")
print("SET-UP " + json.dumps({"ahead": ahead.pk, "chat": chat.pk, "token": token}))
"""

WORKER = """
from django_scopes import scopes_disabled
from buurtplein.accounts.models import Organisation, User
from buurtplein.onlinehulp import actions
from buurtplein.onlinehulp.models import Chat

fleur = User.objects.get(email="fleur@example.nl")
with scopes_disabled():
    chat = Chat.objects.select_related("desk").get(pk=CHAT)
    if TAKE:
        assert actions.chat_take(chat=chat, worker=fleur, organisation=Organisation.objects.get())
    if TEXT:
        actions.message_post(chat=chat, author="worker", text=TEXT, worker=fleur)
"""

STORED = """
import json
from django_scopes import scopes_disabled
from buurtplein.onlinehulp.models import Chat, ChatMessage
with scopes_disabled():
    chat = Chat.objects.get(pk=CHAT)
    texts = list(ChatMessage.objects.filter(chat=chat).values_list("text", flat=True))
    print("STORED " + json.dumps({"texts": texts, "rating": chat.rating,
                                  "rating_text": chat.rating_text, "state": chat.state}))
"""


class Server(Daphne):
    """Daphne on a fixed port, which the test stops and starts again (a dropped connection),
    with the worker's side played in a ``Shell`` beside it."""

    data: dict
    django: Shell

    def shell(self, code: str, **values) -> str:
        for name, value in values.items():
            code = code.replace(name, json.dumps(value) if isinstance(value, str) else repr(value))
        return self.django.run(code)

    def worker(self, chat: int, *, take: bool = False, text: str = "") -> None:
        self.shell(WORKER, CHAT=chat, TAKE=take, TEXT=text)

    def stored(self, chat: int) -> dict:
        return json.loads(self.shell(STORED, CHAT=chat).split("STORED ", 1)[1])


@pytest.fixture
def server(tmp_path, migrated_database):
    env = server_env(tmp_path, REDIS_URL=REDIS, CACHE_KEY_PREFIX=f"e2e-asker-{os.getpid()}")
    shutil.copyfile(migrated_database, tmp_path / "live.sqlite3")
    with Shell(env) as django, Server(env) as server:
        server.django = django
        server.data = django.json(SET_UP, "SET-UP ")
        yield server


def test_a_visitor_chats_live_and_nothing_is_lost(browser, device_name, server):
    base = f"http://127.0.0.1:{server.port}"
    context = browser.new_context(**VIEWPORTS[device_name], base_url=base, locale="nl-NL")
    context.set_default_timeout(10_000)
    expect.set_options(timeout=10_000)
    visitor = Browser(page=context.new_page(), live_server_url=base, device=device_name)
    chat, ahead = server.data["chat"], server.data["ahead"]
    page = visitor.goto(f"/b/nijmegen-oost/online-help/c/{server.data['token']}/")
    status = page.locator("#chat-status")
    messages = page.locator("#chat-messages")

    def live():
        expect(page.locator("html")).to_have_attribute("data-onlinehulp-live", "1")

    # In line, second; told that a second professional may read along.
    live()
    expect(status).to_have_text("Je bent nummer 2 in de rij.")
    expect(page.locator("main")).to_contain_text("Een tweede hulpverlener kan meelezen")
    # The one ahead is taken: the visitor moves up without a reload.
    server.worker(ahead, take=True)
    expect(status).to_have_text("Je bent nummer 1 in de rij.")

    # The visitor writes while waiting: Enter sends, Shift+Enter makes a new line.
    box = page.get_by_label(label("Je bericht"))
    box.fill("Hoi, ik heb een vraag")
    box.press("Shift+Enter")
    box.press_sequentially("over mijn huur")
    box.press("Enter")
    first = messages.locator("li").filter(has_text="over mijn huur")
    expect(first).to_have_attribute("data-seq", "1")
    expect(first).not_to_contain_text("Wordt verstuurd")
    expect(box).to_be_focused()
    expect(box).to_have_value("")

    # Fleur takes the chat and answers: both arrive live.
    server.worker(chat, take=True, text="Hallo, ik ben Fleur. Vertel maar.")
    expect(status).to_have_text("Fleur chat met je.")
    expect(messages.locator("li").filter(has_text="Vertel maar")).to_contain_text("Fleur")
    visitor.check()

    # The connection drops: offline, and the server restarts meanwhile.
    context.set_offline(True)
    server.stop()
    expect(page.locator("html")).not_to_have_attribute("data-onlinehulp-live", "1")
    expect(status).to_contain_text("De verbinding is weg")
    box.fill("Ben je er nog?")
    box.press("Enter")
    waiting = messages.locator("li").filter(has_text="Ben je er nog?")
    expect(waiting).to_contain_text("Wordt verstuurd…")
    server.worker(chat, text="Ik ben er nog, hoor.")  # stored while the visitor is away
    server.start()
    context.set_offline(False)
    live()
    expect(waiting).not_to_contain_text("Wordt verstuurd")
    expect(messages.locator("li").filter(has_text="Ik ben er nog, hoor.")).to_have_count(1)
    expect(waiting).to_have_count(1)
    seqs = messages.locator("li").evaluate_all("items => items.map(i => i.dataset.seq)")
    assert seqs == ["1", "2", "3", "4"]
    assert server.stored(chat)["texts"] == [
        "Hoi, ik heb een vraag\nover mijn huur",
        "Hallo, ik ben Fleur. Vertel maar.",
        "Ik ben er nog, hoor.",
        "Ben je er nog?",
    ]

    # A crisis word: 113 and 112 at once.
    crisis = page.get_by_role("region", name="Nu meteen hulp")
    expect(crisis).to_be_hidden()
    box.fill("Soms denk ik aan zelfmoord")
    box.press("Enter")
    expect(crisis).to_be_visible()
    expect(crisis.get_by_role("link", name="0800-0113")).to_have_attribute("href", "tel:08000113")
    expect(crisis.get_by_role("link", name="112")).to_have_attribute("href", "tel:112")
    visitor.check()

    # The visitor stops the chat and rates it with one tap and a sentence.
    page.get_by_role("button", name="Chat stoppen").click()
    expect(page.locator("#chat-status")).to_have_text("Deze chat is afgelopen.")
    visitor.check()
    page.get_by_role("radio", name="Best veel").check()
    page.get_by_label("Wil je nog iets zeggen? (als je wilt)").fill("Fijn dat je er was.")
    page.get_by_role("button", name="Beoordeling versturen").click()
    expect(page.locator("main")).to_contain_text("Bedankt voor je beoordeling.")
    visitor.check()
    if device_name == "desktop":
        # At 200% zoom the desktop lays the page out in half the CSS pixels: still fits.
        page.set_viewport_size({"width": 640, "height": 400})
        visitor.check()
    stored = server.stored(chat)
    assert (stored["state"], stored["rating"], stored["rating_text"]) == (
        "closed",
        4,
        "Fijn dat je er was.",
    )
    context.close()
