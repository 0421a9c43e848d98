"""A worker's console and an asker, live, in browsers of their own at once: Sam, without an
account, starts a chat on the help page; Mira (Jeugdwerk Oost) sees it appear on her console,
takes it and answers with a snippet, and they write to each other live. Mira has two chats at
once, points Noor to a service of the sociale kaart and refers her to it (a warm referral,
consent given in the chat), passes Noor's chat on to Youssef (Welzijn Noord) with a note, and
closes Sam's with the short registration (Sam's page says the chat ended); Youssef, in a third
browser, sees Mira on the console and gets the chat with the note and the conversation.

The real ASGI application runs under Daphne (as in e2e/test_messaging_journey.py) with Redis as
the channel layer. Noor's side is played through the actions in a Django process beside it
(``e2e.asgi.Shell``: ``actions.chat_start``, ``actions.message_post``), which reach the
console live, as they do in production.
"""

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from e2e.asgi import Daphne, Shell, server_env
from e2e.conftest import VIEWPORTS, ZOOM_200, Browser, label

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("E2E_REDIS_URL", "redis://127.0.0.1:6391/9")

SET_UP = """
import datetime as dt, json
from django.test import Client
from django_scopes import scopes_disabled
from allauth.account.models import EmailAddress
from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, RegionFactory, member
from buurtplein.onlinehulp import actions
from buurtplein.onlinehulp.tests.factories import DeskFactory, take_part
from buurtplein.socialmap.tests.factories import ServiceFactory

with scopes_disabled():
    here = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    next_door = NeighbourhoodFactory(name="Bottendaal", slug="bottendaal", pc4="6511")
    desk = DeskFactory(region=RegionFactory(neighbourhoods=[here, next_door]), always_open=True)
    jeugd = OrganisationFactory(name="Jeugdwerk Oost", slug="jeugdwerk-oost")
    welzijn = OrganisationFactory(name="Welzijn Noord", slug="welzijn-noord")
    sessions = {}
    for org, first, last in ((jeugd, "Mira", "de Vries"), (welzijn, "Youssef", "Amrani")):
        org.neighbourhoods.add(here, next_door)
        take_part(desk, org)
        # Mira is a professional: she may refer; Youssef (a resident on his organisation's
        # staff) answers chats but has no "Refer" in his panels.
        person = member(
            here, role=Role.PROFESSIONAL if first == "Mira" else Role.RESIDENT,
            first_name=first, last_name=last, email=f"{first.lower()}@example.nl",
        )
        org.staff.add(person)
        EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
        client = Client()
        client.force_login(person)
        sessions[first] = client.cookies["sessionid"].value
        if first == "Mira":
            actions.snippet_save(
                worker=person, organisation=jeugd, title="Welkom",
                text="Fijn dat je chat. Vertel maar wat er is.",
            )
    ServiceFactory(
        neighbourhood=here, organisation=welzijn, name="Schuldhulp Oost", phone="024 111 22 33"
    )
print("SET-UP " + json.dumps({"desk": desk.pk, "sessions": sessions}))
"""

ASKER_STARTS = """
import json
from django_scopes import scopes_disabled
from buurtplein.core.models import Neighbourhood
from buurtplein.onlinehulp import actions
from buurtplein.onlinehulp.models import Desk
with scopes_disabled():
    chat, token, code = actions.chat_start(
        desk=Desk.objects.get(), neighbourhood=Neighbourhood.objects.get(slug=%(slug)r),
        first_name=%(name)r, age_group="12_17",
    )
print("OUT " + json.dumps({"chat": chat.pk}))
"""

ASKER_SAYS = """
import json
from django_scopes import scopes_disabled
from buurtplein.onlinehulp import actions
from buurtplein.onlinehulp.models import Chat
with scopes_disabled():
    actions.message_post(chat=Chat.objects.get(pk=%(chat)d), author="asker", text=%(text)r)
print("OUT {}")
"""

REGISTRATION = """
import json
from django_scopes import scopes_disabled
from buurtplein.onlinehulp.models import Chat
with scopes_disabled():
    chat = Chat.objects.get(pk=%(chat)d)
print("OUT " + json.dumps([chat.state, chat.topic, chat.life_domain, chat.outcome]))
"""


def _shell(django: Shell, code: str):
    out = django.run(code)
    marker = "SET-UP " if "SET-UP " in out else "OUT "
    return json.loads(out.split(marker, 1)[1])


@pytest.fixture
def console_server(tmp_path, migrated_database):
    """Daphne on a fresh copy of the migrated database, Redis as the channel layer; yields
    (base URL, set-up data, a function running code in a Django process beside it)."""
    env = server_env(tmp_path, REDIS_URL=REDIS_URL, CACHE_KEY_PREFIX=f"e2e-console-{tmp_path.name}")
    shutil.copyfile(migrated_database, tmp_path / "live.sqlite3")
    with Shell(env) as django, Daphne(env) as server:
        data = _shell(django, SET_UP)
        yield server.base, data, lambda code, **values: _shell(django, code % values)


def worker_browser(browser, device_name, base, session):
    """A browser context of its own: a worker's (logged in by ``session``) or, with None, an
    asker's without an account."""
    context = browser.new_context(**VIEWPORTS[device_name], base_url=base, locale="nl-NL")
    context.set_default_timeout(15_000)
    if session:
        context.add_cookies([{"name": "sessionid", "value": session, "url": base}])
    return Browser(page=context.new_page(), live_server_url=base, device=device_name)


def test_a_worker_takes_answers_runs_two_chats_and_closes_with_a_registration(
    browser, device_name, console_server
):
    base, data, shell = console_server
    mira = worker_browser(browser, device_name, base, data["sessions"]["Mira"])
    page = mira.goto("/b/nijmegen-oost/online-help/console/")
    expect(page.locator("[data-console]")).to_have_attribute("data-live", "1")
    expect(page.locator("#console-queue")).to_contain_text("Er wacht niemand.")

    # Sam (14) asks for help on the neighbouring neighbourhood's help page, in a browser of
    # their own, without an account: the chat appears on Mira's console without a reload.
    asker = worker_browser(browser, device_name, base, None)
    sam_page = asker.goto("/b/bottendaal/online-help/")
    sam_page.get_by_label(label("Je voornaam (als je wilt)")).fill("Sam")
    sam_page.get_by_label(label("Je leeftijd (als je wilt)")).select_option("12_17")
    sam_page.get_by_role("button", name="Chat met een hulpverlener").click()
    expect(sam_page.locator("html")).to_have_attribute("data-onlinehulp-live", "1")
    sam_status = sam_page.locator("#chat-status")
    expect(sam_status).to_have_text("Je bent nummer 1 in de rij.")
    asker.check()
    queue = page.locator("#console-queue")
    expect(queue).to_contain_text("Sam")
    expect(queue).to_contain_text("Bottendaal")
    expect(queue).to_contain_text("wacht 0 min")
    mira.check()

    # Mira takes it: Sam's panel opens with its own answer box, and Sam hears who it is.
    queue.get_by_role("button", name="Aannemen Sam").click()
    panel = page.locator(".console-panel").filter(has_text="Je antwoord aan Sam")
    expect(panel.get_by_label(label("Je antwoord aan Sam"))).to_be_visible()
    sam = int(panel.get_attribute("id").removeprefix("chat-"))
    expect(queue).to_contain_text("Er wacht niemand.")
    expect(sam_status).to_have_text("Mira chat met je.")

    # Sam writes; it arrives live. Mira answers with the snippet, changed a little.
    sam_box = sam_page.get_by_label(label("Je bericht"))
    sam_box.fill("Hoi, ik word gepest op school")
    sam_box.press("Enter")
    expect(panel.locator("[data-messages]")).to_contain_text("ik word gepest op school")
    panel.get_by_label(label("Standaardtekst")).select_option(label="Welkom")
    panel.get_by_role("button", name="Invoegen").click()
    box = panel.get_by_label(label("Je antwoord aan Sam"))
    expect(box).to_have_value("Fijn dat je chat. Vertel maar wat er is.")
    box.press("End")
    box.type(" Hoi Sam!")
    box.press("Enter")
    expect(panel.locator(".chat-message--worker")).to_have_text(
        "Mira: Fijn dat je chat. Vertel maar wat er is. Hoi Sam!"
    )
    expect(box).to_have_value("")
    sam_messages = sam_page.locator("#chat-messages")
    expect(sam_messages).to_contain_text("Vertel maar wat er is. Hoi Sam!")
    mira.check()
    asker.check()

    # Mira switches the sound off; it stays off after a reload (and the reload shows Sam's
    # conversation as it was).
    sound = page.get_by_role("button", name="Geluidsmeldingen")
    expect(sound).to_have_attribute("aria-pressed", "true")
    sound.click()
    expect(sound).to_have_attribute("aria-pressed", "false")
    page.reload()
    expect(page.locator("[data-console]")).to_have_attribute("data-live", "1")
    expect(page.get_by_role("button", name="Geluidsmeldingen")).to_have_attribute(
        "aria-pressed", "false"
    )
    expect(panel.locator(".chat-message")).to_have_count(2)

    # A second chat at once: Noor of Nijmegen-Oost. Mira is in another window meanwhile: the
    # title counts the new waiting chat until she comes back.
    page.evaluate(
        """() => {
            Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
            document.hasFocus = () => false;
        }"""
    )
    title = page.title()
    noor = shell(ASKER_STARTS, slug="nijmegen-oost", name="Noor")["chat"]
    expect(page).to_have_title("(1) " + title)
    page.evaluate(
        """() => {
            delete document.hidden;
            document.hasFocus = () => true;
            window.dispatchEvent(new Event("focus"));
        }"""
    )
    expect(page).to_have_title(title)
    queue.get_by_role("button", name="Aannemen Noor").click()
    noor_panel = page.locator(f"#chat-{noor}")
    expect(noor_panel.get_by_label(label("Je antwoord aan Noor"))).to_be_visible()
    expect(page.locator(".console-panel")).to_have_count(2)
    shell(ASKER_SAYS, chat=noor, text="Mag ik iets vragen?")
    expect(noor_panel.locator("[data-messages]")).to_contain_text("Mag ik iets vragen?")
    noor_panel.get_by_label(label("Je antwoord aan Noor")).fill("Natuurlijk, vraag maar.")
    noor_panel.get_by_role("button", name="Versturen").click()
    expect(noor_panel.locator(".chat-message--worker")).to_contain_text("vraag maar")
    # Mira looks up a service on the sociale kaart and puts it into her answer to Noor.
    kaart = page.locator(".console-kaart")
    kaart.get_by_label(label("Zoek een dienst op de sociale kaart")).fill("schuld")
    kaart.get_by_role("button", name="Zoeken").click()
    expect(kaart).to_contain_text("Schuldhulp Oost")
    kaart.get_by_role("button", name="Zet in mijn antwoord Schuldhulp Oost").click()
    noor_box = noor_panel.get_by_label(label("Je antwoord aan Noor"))
    expect(noor_box).to_have_value(re.compile(r"^Schuldhulp Oost · 024 111 22 33 · http://"))
    noor_box.press("Enter")
    expect(noor_panel.locator(".chat-message--worker").last).to_contain_text("024 111 22 33")
    # Sam's panel only has Sam's conversation.
    expect(panel.locator("[data-messages]")).not_to_contain_text("vraag maar")
    mira.check()

    # Noor agrees in the chat that the debt help contacts her through Mira: Mira refers her
    # from Noor's panel (the referral page opens in a new tab), consent given in the chat.
    with page.expect_popup() as opened:
        noor_panel.get_by_role("link", name="Doorverwijzen (opent in een nieuw tabblad)").click()
    referral = Browser(page=opened.value, live_server_url=base, device=device_name)
    form = referral.page
    form.get_by_label("Naar welke dienst?").fill("schuld")
    form.get_by_role("button", name="Zoeken").click()
    form.get_by_role("link", name=re.compile("^Doorverwijzen naar deze dienst")).click()
    form.get_by_label("Een buurtbewoner zonder account").check()
    form.get_by_label(label("Naam")).fill("Noor")
    form.get_by_label("Geen telefoonnummer: het contact loopt via mij").check()
    form.get_by_label(label("De vraag in een of twee zinnen")).fill(
        "Noor (16) heeft een vraag over geld en durft het thuis niet te zeggen."
    )
    form.get_by_label("In een chat van online hulp").check()
    referral.check()
    form.get_by_role("button", name="Doorverwijzen", exact=True).click()
    expect(form.get_by_text("Aangekomen").first).to_be_visible()
    expect(form.get_by_text("Schuldhulp Oost").first).to_be_visible()
    referral.check()
    form.close()

    # Youssef opens his console: both see each other on it.
    youssef = worker_browser(browser, device_name, base, data["sessions"]["Youssef"])
    his = youssef.goto("/b/nijmegen-oost/online-help/console/")
    expect(his.locator("[data-console]")).to_have_attribute("data-live", "1")
    expect(his.locator("#console-presence")).to_contain_text("Mira")
    expect(his.locator("#console-presence")).to_contain_text("2 chats")
    expect(page.locator("#console-presence")).to_contain_text("Youssef")

    # Mira passes Noor's chat on to Youssef with a note.
    noor_panel.get_by_text("Doorgeven aan een collega").click()
    noor_panel.get_by_label(label("Collega")).select_option(label="Youssef (Welzijn Noord)")
    noor_panel.get_by_label(label("Notitie voor je collega")).fill("Vraag over geld, 16 jaar")
    mira.check()
    noor_panel.get_by_role("button", name="Doorgeven").click()
    expect(page.locator(f"#chat-{noor}")).to_have_count(0)
    his_panel = his.locator(f"#chat-{noor}")
    expect(his_panel).to_contain_text("Doorgegeven door Mira aan Youssef: Vraag over geld, 16 jaar")
    expect(his_panel.locator("[data-messages]")).to_contain_text("Mag ik iets vragen?")
    expect(his_panel.locator("[data-messages]")).to_contain_text("Je praat nu met Youssef.")
    # Youssef is no professional: his panel offers no referral.
    expect(his_panel.get_by_role("link", name=re.compile("^Doorverwijzen"))).to_have_count(0)
    # Noor writes again: it reaches Youssef now, and Youssef answers.
    shell(ASKER_SAYS, chat=noor, text="Hallo Youssef")
    expect(his_panel.locator("[data-messages]")).to_contain_text("Hallo Youssef")
    his_panel.get_by_label(label("Je antwoord aan Noor")).fill("Hoi Noor, ik help je verder.")
    his_panel.get_by_role("button", name="Versturen").click()
    expect(his_panel.locator(".chat-message--worker").last).to_contain_text("ik help je verder")
    youssef.check()

    # Mira closes Sam's chat with the registration.
    panel.get_by_text("Afsluiten en registreren").click()
    panel.get_by_label(label("Onderwerp (een paar woorden, geen namen)")).fill("pesten")
    panel.get_by_label(label("Leefgebied")).select_option("parenting")
    panel.get_by_label(label("Wat heeft de chat opgeleverd?")).select_option("pointed")
    mira.check()
    panel.get_by_role("button", name="Chat afsluiten").click()
    expect(page.locator(f"#chat-{sam}")).to_have_count(0)
    expect(page.locator(".console-panel")).to_have_count(0)
    expect(page.get_by_text("Je hebt geen chats open.")).to_be_visible()
    assert shell(REGISTRATION, chat=sam) == ["closed", "pesten", "parenting", "pointed"]
    mira.check()
    # Sam's page says so at once, and offers the one-tap rating.
    expect(sam_status).to_have_text("Deze chat is afgelopen.")
    expect(sam_page.get_by_role("radio", name="Best veel")).to_be_visible()
    asker.check()
    if device_name == "desktop":
        # The console at 200% zoom: one column, nothing to scroll sideways.
        zoomed = browser.new_context(**ZOOM_200, base_url=base, locale="nl-NL")
        zoomed.add_cookies([{"name": "sessionid", "value": data["sessions"]["Mira"], "url": base}])
        big = Browser(page=zoomed.new_page(), live_server_url=base, device="zoom")
        big.goto("/b/nijmegen-oost/online-help/console/")
        zoomed.close()
    for person in (mira, youssef):
        person.page.context.close()
